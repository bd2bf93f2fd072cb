"""The reader's site in a real browser (Debian's chromium through Playwright), opened from
file:// with every request that would leave the site blocked and counted."""

from __future__ import annotations

from collections import Counter, deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from serge_graph import api

from .html_tree import parse
from .offline_page import OfflinePage
from .test_site import INJECTED

SERGE = "id/person/victor-serge.html"

pytestmark = pytest.mark.browser


class SitePage(OfflinePage):
    """A tab on the site: its pages say when they are ready; the network and timeline pages are
    test_browser.py's."""

    def __init__(self, browser, width: int = 1366, height: int = 768):
        super().__init__(browser, {"width": width, "height": height})

    def open(self, path: Path, fragment: str = ""):
        waits = path.suffix == ".html" and path.name not in ("network.html", "timeline.html")
        ready = "document.body.dataset.ready === 'yes'" if waits else None
        return super().open(path, f"#{fragment}" if fragment else "", wait_for=ready)


def _links_and_ids(page) -> tuple[list[str], set[str]]:
    return page.evaluate(
        """() => [Array.from(document.querySelectorAll('a[href]'),
                             a => new URL(a.getAttribute('href'), document.baseURI).href),
                  Array.from(document.querySelectorAll('[id]'), e => e.id)]"""
    )


# The pages under id/ are a thousand (claims, mentions, people, events…), written by a few
# templates: the first of each kind met are opened in the browser, the others read as HTML for
# their links and ids, so the crawl stays a minute short. Every other page is opened.
MANY = ("claim", "mention", "reference")
IN_BROWSER = 15


def _many_kind(site: Path, path: Path) -> str:
    parts = path.relative_to(site).parts
    return parts[1] if len(parts) > 2 and parts[0] == "id" else ""


def _links_and_ids_read(path: Path) -> tuple[list[str], set[str]]:
    tree = parse(path.read_text(encoding="utf-8"))
    hrefs = [
        urljoin(path.as_uri(), e.attrs["href"]) for e in tree.find_all("a") if "href" in e.attrs
    ]
    hrefs += [urljoin(path.as_uri(), e.attrs["href"]) for e in tree.find_all("link")]
    return hrefs, {e.attrs["id"] for e in tree.iter() if "id" in e.attrs}


def test_crawl_reaches_every_page_offline_with_no_error_and_no_broken_link(browser, site, corpus):
    tab = SitePage(browser)
    start = site / "index.html"
    queue, seen = deque([start]), {start}
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, Path, str]] = []
    problems: list[str] = []
    opened: Counter[str] = Counter()
    while queue:
        path = queue.popleft()
        kind = _many_kind(site, path)
        if kind and opened[kind] >= IN_BROWSER:  # the rest of a kind's thousand: read, not run
            hrefs, page_ids = _links_and_ids_read(path)
        else:
            opened[kind] += 1
            before = len(tab.errors)
            page = tab.open(path)
            hrefs, page_ids = _links_and_ids(page)
            problems += [f"{path.name}: {e}" for e in tab.errors[before:]]
        ids[path] = set(page_ids)
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme != "file":
                continue
            target = Path(unquote(parts.path))
            links.append((path, target, unquote(parts.fragment)))
            if target.suffix == ".html" and target.is_file() and target not in seen:
                seen.add(target)
                queue.append(target)
    tab.close()
    entity_pages = {
        site / "id" / (str(corpus.iri(i))[len("https://w3id.org/serge-graph/id/") :] + ".html")
        for i in corpus.annotations.entities
    }
    assert entity_pages <= seen, sorted(str(p) for p in entity_pages - seen)[:5]
    assert {site / "text.html", site / "network.html", site / "timeline.html"} <= seen
    broken = [
        f"{source.relative_to(site)} -> {target}#{fragment}"
        for source, target, fragment in links
        if not target.is_file()
        # a fragment of the form key=value is a page's state (network.html#from=vlady), not an
        # anchor: test_site checks each such link names what the page looks up
        or (fragment and "=" not in fragment and target in ids and fragment not in ids[target])
        or not target.resolve().is_relative_to(site.resolve())
    ]
    assert broken == []
    anchored = [1 for _s, target, fragment in links if fragment and target.name == "text.html"]
    assert len(anchored) > 700  # the quotes of the claims land on their marks
    assert tab.blocked == [] and problems == []
    assert all(opened[kind] == IN_BROWSER for kind in (*MANY, "person", "org", "event"))
    assert opened[""] >= 8  # index, text, errata, network, timeline, map, ontology, …


def test_a_claim_link_lands_on_its_marked_quote(browser, site):
    tab = SitePage(browser)
    page = tab.open(site / SERGE)
    link = page.locator("main a.quote:visible").nth(3)  # the claims themselves are folded
    quote = link.inner_text().strip("“”")
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/text.html#{anchor}")
    page.wait_for_function("document.body.dataset.ready === 'yes'")
    landed = page.evaluate(
        """() => { const t = document.querySelector(':target');
                   const r = t.getBoundingClientRect();
                   const words = Array.from(document.querySelectorAll(`[data-ev="${t.id}"]`),
                                            e => e.textContent).join('');
                   return {id: t.id, words: words, top: r.top, height: innerHeight}; }"""
    )
    assert landed["id"] == anchor and landed["words"] == quote
    assert 0 <= landed["top"] < landed["height"]
    assert tab.blocked == [] and tab.errors == []
    tab.close()


@pytest.mark.parametrize(
    ("typed", "expected", "how"),
    [
        ("Vishinsky", "andrei-vyshinsky", "misspelt"),
        ("Andres Nin", "andres-nin", "same"),
        ("lazaro cardenas", "lazaro-cardenas", "same"),
        ("Enrigue Adrober", "enrique-gironella", "starts"),  # an alias, as the text spells it
        ("umansk", "konstantin-umansky", "starts"),
    ],
)
def test_search_finds_names_without_accents_and_with_small_misspellings(
    browser, site, corpus, typed, expected, how
):
    tab = SitePage(browser)
    page = tab.open(site / "index.html")
    page.fill("#search", typed)
    first = page.locator("#search-results li").first
    first.wait_for()
    assert first.locator("a").inner_text() == corpus.annotations.entities[expected].name
    score = int(first.get_attribute("data-score"))
    assert {"same": score == 0, "starts": score <= 1, "misspelt": score >= 3}[how], score
    page.press("#search", "Enter")
    page.wait_for_url(f"**/{expected}.html")
    assert page.locator("h1").inner_text() == corpus.annotations.entities[expected].name
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def test_lists_sort_by_a_column(browser, site):
    tab = SitePage(browser)
    page = tab.open(site / "index.html")
    table = page.locator("section.list").first.locator("table")
    claims = "els => els.map(e => Number(e.textContent))"
    table.locator("th button", has_text="Claims").click()
    ascending = table.locator("tbody tr td:nth-child(3)").evaluate_all(claims)
    assert ascending == sorted(ascending) and len(set(ascending)) > 3
    table.locator("th button", has_text="Claims").click()
    descending = table.locator("tbody tr td:nth-child(3)").evaluate_all(claims)
    assert descending == sorted(ascending, reverse=True)
    assert table.locator("th[aria-sort=descending]").inner_text().startswith("Claims")
    tab.close()


@pytest.mark.parametrize("path", ["index.html", SERGE, "text.html"])
def test_no_serious_accessibility_violation(browser, site, path):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    tab = SitePage(browser)
    page = tab.open(site / path)
    results = axe.Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]
    assert serious == []
    assert results.response["testEngine"]["version"].startswith("4.")
    assert tab.blocked == []
    tab.close()


@pytest.mark.parametrize("path", ["index.html", SERGE, "text.html"])
def test_pages_fit_a_phone(browser, site, path):
    tab = SitePage(browser, 390, 844)
    page = tab.open(site / path)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 390
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    assert size >= 15
    tab.close()


def test_injected_markup_runs_nowhere_in_the_site(browser, make_data, tmp_path):
    data = make_data({"injected.yaml": INJECTED})
    out = tmp_path / "site"
    api.write_site(out, data)
    tab = SitePage(browser)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 8
    for path in pages:
        page = tab.open(path)
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("body img").count() == 0, path
    page = tab.open(out / "id/person/andres-nin.html")
    assert "<script>window.__pwned = 1</script>" in page.inner_text(".description")
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def test_clicking_marked_words_lists_the_claims_they_state(browser, site, corpus):
    deaths = [
        c
        for c in corpus.annotations.claims
        if c.subject == "konstantin-umansky"
        and c.relation == "deathDate"
        and c.speaker == "julian-gorkin"
    ]
    anchor = f"claim-{deaths[0].id}"
    tab = SitePage(browser)
    page = tab.open(site / "text.html")
    assert page.locator("#claim-panel").is_hidden()
    page.locator(f"#{anchor}").scroll_into_view_if_needed()
    first_line = page.locator(f"#{anchor}").evaluate(
        "el => { const r = el.getClientRects()[0]; return {x: r.left + 3, y: r.top + r.height / 2}; }"
    )
    page.mouse.click(first_line["x"], first_line["y"])
    panel = page.locator("#claim-panel")
    panel.wait_for(state="visible")
    items = panel.locator("li")
    hrefs = items.locator("a:not(.subject)").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert f"#{anchor}" in hrefs
    texts = items.all_inner_texts()
    assert any(t.startswith("Julián Gorkin: Konstantin Umansky — died") for t in texts), texts
    around = page.evaluate(
        """([x, y]) => { const marks = [];
             for (let m = document.elementFromPoint(x, y).closest('mark.claim'); m;
                  m = m.parentElement.closest('mark.claim')) marks.push('#' + m.dataset.ev);
             return marks; }""",
        [first_line["x"], first_line["y"]],
    )
    assert sorted(hrefs) == sorted(set(around))  # every claim marked around the clicked words
    assert "id/person/konstantin-umansky.html" in items.locator("a.subject").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    panel.get_by_role("button", name="Close").click()
    assert panel.is_hidden()
    assert tab.blocked == [] and tab.errors == []
    tab.close()
