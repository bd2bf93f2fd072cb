"""The reader's questions in a real browser (Debian's chromium through Playwright), every request
outside the site blocked and counted: what the text gets wrong, two clicks from the index; an
entity page that fits a reader's patience; no accessibility violation of any impact."""

from __future__ import annotations

import pytest

from serge_graph.namespaces import ID

from .test_site_browser import SitePage

pytestmark = pytest.mark.browser
SERGE = str(ID["person/victor-serge"])
PREFIX = (
    "PREFIX sg: <https://w3id.org/serge-graph/ontology#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)
SIZES = [(1366, 768), (390, 844)]


def _count(graph, where: str) -> int:
    return len(list(graph.query(PREFIX + f"SELECT DISTINCT ?c WHERE {{ {where} }}")))


def test_what_the_text_gets_wrong_is_two_clicks_from_the_index(browser, site, graph):
    deprecated = _count(graph, "?c sg:rank sg:DeprecatedRank")
    urls = {
        str(row[0])
        for row in graph.query(
            PREFIX
            + "SELECT ?u WHERE { ?f sg:corrects ?c ; sg:reference/<https://schema.org/url> ?u }"
        )
    }
    tab = SitePage(browser)
    page = tab.open(site / "index.html")
    page.locator("main").get_by_role("link", name="What the text gets wrong").click()
    page.wait_for_url("**/errata.html")
    page.wait_for_function("document.body.dataset.ready === 'yes'")
    assert page.locator("h1").inner_text() == "What the text gets wrong"
    assert page.locator("li.erratum").count() == deprecated
    hrefs = set(page.locator("li.erratum a.reference").evaluate_all("l => l.map(a => a.href)"))
    assert hrefs == urls  # the second click: each correction's reference, as the graph names it
    assert all(h.startswith(("https://", "http://")) for h in hrefs)
    first = page.locator("li.erratum").first
    assert "the text says" in first.inner_text() and "corrected to" in first.inner_text()
    first.locator("a.quote").first.click()  # its words, marked as corrected in the text
    page.wait_for_url("**/text.html#claim-*")
    target = page.evaluate("document.querySelector(':target').className")
    assert "deprecated" in target.split()
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def test_victor_serge_s_page_fits_twelve_screens_with_every_claim_on_it(browser, site, graph):
    claims = _count(graph, f"{{ ?c rdf:subject <{SERGE}> }} UNION {{ ?c rdf:object <{SERGE}> }}")
    tab = SitePage(browser, 1366, 768)
    page = tab.open(site / "id/person/victor-serge.html")
    assert page.locator("details[open]").count() == 0  # unfolded to its first level only
    height = page.evaluate("document.scrollingElement.scrollHeight")
    assert height <= 12 * 768, height / 768
    on_page = page.locator("li.claim[data-claim]").evaluate_all(
        "l => new Set(l.map(e => e.dataset.claim)).size"
    )
    assert on_page == claims  # every claim reachable, folded
    section = page.locator("#chronology")
    years = section.locator("li.occasion:not(.undated) .when").all_inner_texts()
    assert len(years) >= 5 and years == sorted(years, key=lambda t: t[-4:])  # in order of time
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def _claim_page(graph) -> str:
    rows = graph.query(
        PREFIX + "SELECT ?c WHERE { ?c sg:rank sg:DeprecatedRank } ORDER BY ?c LIMIT 1"
    )
    return "id/" + str(next(iter(rows))[0])[len(str(ID)) :] + ".html"


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize(
    "path",
    ["errata.html", "claim", "id/person/konstantin-umansky.html", "id/event/death-of-umansky.html"],
)
def test_no_accessibility_violation_of_any_impact(browser, site, graph, path, width, height):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    path = _claim_page(graph) if path == "claim" else path
    tab = SitePage(browser, width, height)
    page = tab.open(site / path)
    results = axe.Axe().run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
    ]
    assert violations == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    assert tab.blocked == []  # (axe's own requests for the style sheets fail under file://)
    tab.close()
