"""One certainty filter on every view, the coordinated views and the finished timeline, in
Debian's chromium with every request outside the site blocked and counted. Each view is opened
once per test; what it shows is checked against SPARQL on the same graph."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from serge_graph.queries import run_query

from .offline_page import LAPTOP, PHONE, OfflinePage

pytestmark = pytest.mark.browser

ID = "https://w3id.org/serge-graph/id/"
SERGE, UMANSKY = ID + "person/victor-serge", ID + "person/konstantin-umansky"
DRAWN = "document.body.dataset.mapDrawn === 'yes'"
READY = "!!document.querySelector('select[name=certainty]')"

# every claim's certainty and rank, by slug, as the graph holds them
_LEVELS = """
SELECT ?c ?certainty ?rank WHERE {
  ?c a sg:Claim ; sg:certainty/skos:notation ?certainty .
  OPTIONAL { ?c sg:rank/skos:notation ?rank }
}"""

# the claims the full network draws: between two entities or events, with a quote
_NETWORK_STATED = """
SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
  VALUES ?a { sg:Entity sg:Event } VALUES ?b { sg:Entity sg:Event }
  ?c a sg:Claim ; sg:certainty sg:Stated ; rdf:subject ?s ; rdf:object ?o ; rdf:predicate ?p ;
     sg:speaker/rdfs:label ?who ; sg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote .
  ?p rdfs:label ?relation .
  ?s a ?a . ?o a ?b .
}"""

# the bounds of each event at a located place: the map's places in a span of years
_PLACE_YEARS = """
SELECT ?place ?earliest ?latest WHERE {
  ?place wgs84_pos:lat ?lat .
  OPTIONAL { ?event a sg:Event ; sg:place ?place ; sg:earliest ?earliest ; sg:latest ?latest }
}"""

_EVENT_YEARS = "SELECT ?e ?earliest ?latest WHERE { ?e a sg:Event ; sg:earliest ?earliest ; sg:latest ?latest }"


@pytest.fixture(scope="module")
def levels(graph) -> dict[str, tuple[str, str]]:
    return {
        c.rsplit("/", 1)[-1]: (certainty, rank or "normal")
        for c, certainty, rank in run_query(graph, _LEVELS).rows
    }


def _shown_claims(page, selector: str) -> set[str]:
    return set(
        page.evaluate(
            # a mark nests in others' marks: its own data-off says whether the filter keeps it
            """s => Array.from(document.querySelectorAll(s)).filter(e => !e.hasAttribute('data-off')
                 && !e.closest('[data-out]')).map(e => e.dataset.claim)""",
            selector,
        )
    )


def _listed(page, selector: str) -> set[str]:
    return set(
        page.evaluate(
            "s => Array.from(document.querySelectorAll(s), e => e.dataset.claim)", selector
        )
    )


def test_certainty_stated_sets_every_view_and_leaves_exactly_the_stated_claims(
    browser, site, graph, levels
):
    stated = {slug for slug, (certainty, _rank) in levels.items() if certainty == "stated"}
    # the network: its shown claims are the stated ones between two nodes
    tab = OfflinePage(browser)
    page = tab.open(site / "network.html", "#certainty=stated")
    assert page.eval_on_selector("select[name=certainty]", "s => s.value") == "stated"
    expected = int(run_query(graph, _NETWORK_STATED).rows[0][0])
    shown = page.evaluate("window.sergeNetwork.shown.claims")
    assert shown == expected < page.evaluate("window.sergeNetwork.meta.edges")
    tab.assert_clean()
    tab.close()
    # every claim about Serge that the graph says is stated must be on his page and shown
    about = {
        c.rsplit("/", 1)[-1]
        for (c,) in run_query(
            graph, f"SELECT ?c WHERE {{ ?c a sg:Claim ; rdf:subject <{SERGE}> ; sg:evidence ?e }}"
        ).rows
    }
    # the text, the timeline, Umansky's and Serge's pages: each claim shown iff the graph says
    # stated; the last page opened (Serge's) then leads to the map, which keeps the choice
    for path, selector in (
        ("text.html", "mark[data-claim]"),
        ("timeline.html", "li.dating[data-claim]"),
        ("id/person/konstantin-umansky.html", "li.claim[data-claim]"),
        ("id/person/victor-serge.html", "li.claim[data-claim]"),
    ):
        tab = OfflinePage(browser)
        page = tab.open(site / path, "#certainty=stated", wait_for=READY)
        assert page.eval_on_selector("select[name=certainty]", "s => s.value") == "stated", path
        listed = _listed(page, selector)
        assert listed - stated, f"{path}: nothing to filter"
        assert _shown_claims(page, selector) == listed & stated, path
        tab.assert_clean()
        if path != "id/person/victor-serge.html":
            tab.close()
    assert about & stated <= _shown_claims(page, "li.claim[data-claim]")
    # the choice travels: the next page opened from a link keeps it (localStorage and the link)
    page.click("header.site nav a[href$='map.html']")
    page.wait_for_function(DRAWN)
    assert page.eval_on_selector("select[name=certainty]", "s => s.value") == "stated"
    assert "certainty=stated" in page.evaluate("location.hash")
    tab.assert_clean()
    tab.close()


def test_the_errors_flag_shows_and_hides_umanskys_1943_death(browser, site, levels):
    tab = OfflinePage(browser)
    page = tab.open(site / "id/person/konstantin-umansky.html", "#errors=0", wait_for=READY)
    wrong = "li.claim[data-rank=deprecated]"
    slugs = _listed(page, wrong)
    assert any("1943" in slug for slug in slugs) and all(
        levels[s][1] == "deprecated" for s in slugs
    )
    assert not page.locator(wrong).first.is_visible()
    assert _shown_claims(page, wrong) == set()
    page.check("input[name=errors]")
    assert _shown_claims(page, wrong) == slugs
    assert "errors" not in page.evaluate("location.hash")  # the default again
    tab.assert_clean()
    tab.close()
    # the timeline draws the text's 1943 struck and joined to 1945, and hides it without errors
    tab = OfflinePage(browser)
    page = tab.open(site / "timeline.html", "", wait_for=READY)
    row = page.locator(".row.event[data-iri$='/death-of-umansky']")
    mark = row.locator(".mark.deprecated")
    assert mark.count() == 1 and "1943" in mark.get_attribute("title")
    assert "corrected: 1945" in mark.get_attribute("title")
    assert row.locator(".join").count() == 1 and row.locator(".join").is_visible()
    assert "1943 — Julián Gorkin — the text’s error, corrected: 1945" in row.inner_text()
    page.uncheck("input[name=errors]")
    assert not mark.is_visible() and not row.locator(".join").is_visible()
    assert row.locator(".mark:not(.deprecated)").first.is_visible()
    tab.assert_clean()
    tab.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_network_says_the_text_s_errors_with_their_correction_and_passes_axe(
    browser, site, levels, viewport
):
    tab = OfflinePage(browser, viewport)
    page = tab.open(site / "network.html", "#certainty=implied")
    tips = page.evaluate(
        """() => window.sergeNetwork.data.edges.flatMap(e => e.claims
             .filter(c => c.rank === 'deprecated').map(c => [c.link, window.sergeNetwork.edges.get(e.id).title]))"""
    )
    assert tips
    for link, tip in tips:
        assert levels[link.rsplit("#claim-", 1)[-1]][1] == "deprecated"
        assert re.search(r"the text says .+ \(.+, (¶ \d+|note \d+)\) — corrected: ", tip), tip
    assert _axe(page) == []  # no violation of any impact, the certainty control included
    tab.assert_clean()
    tab.close()


def _axe(page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
    ]


def test_a_span_of_years_on_the_timeline_filters_the_map_and_the_network(browser, site, graph):
    first, last = 1940, 1947
    tab = OfflinePage(browser)
    page = tab.open(site / "timeline.html", "", wait_for=READY)
    page.fill("#years-from", str(first))
    page.dispatch_event("#years-from", "change")
    page.fill("#years-to", str(last))
    page.dispatch_event("#years-to", "change")
    page.select_option("#person", "victor-serge")
    for row in page.locator(".row.event").all():  # the rows follow the span; his are marked
        span = [int(y) for y in row.get_attribute("data-years").split()]
        inside = span[1] >= first and span[0] <= last
        his = "victor-serge" in row.get_attribute("data-people").split()
        assert row.is_visible() == inside
        assert ("chosen" if his else "dimmed") in row.get_attribute("class").split()
    page.check("#person-only")  # only his: the others go, dated or not
    for row in page.locator(".row.event").all():
        span = [int(y) for y in row.get_attribute("data-years").split()]
        his = "victor-serge" in row.get_attribute("data-people").split()
        assert row.is_visible() == (span[1] >= first and span[0] <= last and his)
    for item in page.locator(".undated-event").all():
        assert item.is_visible() == ("victor-serge" in item.get_attribute("data-people").split())
    to_map = page.get_attribute("#to-map", "href")
    to_network = page.get_attribute("#to-network", "href")
    assert f"years={first}-{last}" in to_map and "person=victor-serge" in to_network
    page.click("#to-map")
    page.wait_for_function(DRAWN)
    drawn = set(
        page.evaluate(
            "Array.from(document.querySelectorAll('#map [data-place]'), a => a.dataset.place)"
        )
    )
    chosen = set(
        page.evaluate(
            "Array.from(document.querySelectorAll('#map .mark.chosen'), a => a.dataset.place)"
        )
    )
    spans: dict[str, list] = {}
    for place, earliest, latest in run_query(graph, _PLACE_YEARS).rows:
        spans.setdefault(place, [])
        if earliest:
            spans[place].append((int(earliest[:4]), int(latest[:4])))
    inside = {p for p, s in spans.items() if any(b >= first and a <= last for a, b in s)}
    assert drawn == inside and set(spans) - inside  # a place outside the span is hidden
    assert chosen and chosen <= drawn
    tab.assert_clean()
    tab.close()
    tab = OfflinePage(browser)
    page = tab.open(site / "network.html", "#" + to_network.split("#", 1)[1])
    hidden = set(
        page.evaluate("window.sergeNetwork.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    )
    for event, earliest, latest in run_query(graph, _EVENT_YEARS).rows:
        outside = int(latest[:4]) < first or int(earliest[:4]) > last
        assert (event in hidden) == outside, event
    assert page.evaluate("window.sergeNetwork.focused") == SERGE
    tab.assert_clean()
    tab.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_timeline_keeps_its_axis_in_view_reaches_every_event_and_passes_axe(
    browser, site, graph, viewport
):
    tab = OfflinePage(browser, viewport)
    page = tab.open(site / "timeline.html", "", wait_for=READY)
    events = {e for (e,) in run_query(graph, "SELECT ?e WHERE { ?e a sg:Event }").rows}
    rows = page.evaluate("Array.from(document.querySelectorAll('.row.event'), r => r.dataset.iri)")
    undated = page.evaluate(
        "Array.from(document.querySelectorAll('.undated-event'), r => r.dataset.iri)"
    )
    assert sorted(rows + undated) == sorted(events)  # every event, dated or listed undated
    texts = page.locator(".undated-event").all_inner_texts()
    assert all(
        "not before" in t or "not after" in t or " on " in t or "undated" in t for t in texts
    )
    # every event's link can be reached and is not under the sticky axis
    for selector in (".row.event .name a", ".undated-event a"):
        for link in page.locator(selector).all():
            # the middle of its first line, once scrolled to the middle of the screen
            where = link.evaluate(
                """a => { a.scrollIntoView({block: 'center'}); const r = a.getClientRects()[0];
                     const at = document.elementFromPoint(r.left + Math.min(r.width, 20) / 2,
                                                          r.top + r.height / 2);
                     return [r.left, r.right, at && at.closest('a') === a]; }"""
            )
            assert where[2], link.inner_text()
            assert where[0] >= 0 and min(where[1], where[0] + 20) <= viewport["width"]
    page.evaluate("window.scrollTo(0, document.querySelector('.row.event:last-child').offsetTop)")
    axis = page.locator(".axis-row").bounding_box()
    assert page.evaluate("window.scrollY") > 500 and -1 <= axis["y"] <= 1
    assert _axe(page) == []  # no violation of any impact
    tab.assert_clean()
    tab.close()
