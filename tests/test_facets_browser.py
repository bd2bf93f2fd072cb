"""Facets on every list of the index (issue 23, item 3), offline in Debian's chromium with
every outside request blocked and counted: choices combine with true counts (the rows shown
checked against SPARQL on the same graph, tests/facet_queries.py, for three combinations), the
choice is kept in the query string and a reload shows the same view, the controls work from
the keyboard, the facets fold behind a button on a phone, and axe-core finds no violation of
any impact at 1366×768 and 390×844."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from serge_graph.site.facet_data import facet_data
from serge_graph.site.site_data import site_data

from .facet_queries import EDITORS, chosen_rows, count_of, store
from .offline_page import LAPTOP, PHONE, OfflinePage

pytestmark = pytest.mark.browser
READY = "document.body.dataset.facets === 'ready'"
COMBINATIONS = (
    {"type": ["person"], "speaker": [EDITORS]},
    {"certainty": ["implied"], "decade": ["1940s"]},
    {"rank": ["corrected"]},
)
_COUNTS = """boxes => boxes.map(b => [b.dataset.facet, b.value,
    Number(b.closest('label').querySelector('.facet-count').textContent), b.checked])"""


def _query(chosen: dict[str, list[str]]) -> str:
    return "?" + urlencode([(facet, key) for facet, keys in chosen.items() for key in keys])


def _shown(page) -> set[str]:
    rows = page.locator("tr[data-item]:not([hidden])")
    return set(rows.evaluate_all("rows => rows.map(r => r.dataset.item)"))


def _panel(page) -> dict[tuple[str, str], tuple[int, bool]]:
    found = page.locator("#facets input[type=checkbox]").evaluate_all(_COUNTS)
    return {(facet, key): (count, checked) for facet, key, count, checked in found}


def test_facets_combine_with_true_counts_and_the_url_keeps_the_view(browser, site, graph):
    facets = facet_data(graph, site_data(graph))
    oxigraph = store(graph)
    tab = OfflinePage(browser)
    page = tab.open(site / "index.html", wait_for=READY)
    # nothing chosen: every row shown, every value of every facet a control with its count
    assert len(_shown(page)) == len(facets.items)
    assert _panel(page) == {
        (facet, key): (facets.count({}, facet, key), False)
        for facet, labels in facets.labels.items()
        for key in labels
    }
    assert page.locator("fieldset[data-facet]").count() == 7
    for chosen in COMBINATIONS:
        page.goto(site.joinpath("index.html").as_uri() + _query(chosen))
        page.wait_for_function(READY)
        sets = {facet: set(keys) for facet, keys in chosen.items()}
        shown = _shown(page)
        assert shown == chosen_rows(oxigraph, chosen) and len(shown) > 10
        assert _panel(page) == {
            (facet, key): (facets.count(sets, facet, key), key in sets.get(facet, ()))
            for facet, labels in facets.labels.items()
            for key in labels
        }
        for key in ("stated", "implied", "inferred"):  # each asked of SPARQL too
            assert _panel(page)[("certainty", key)][0] == count_of(
                oxigraph, chosen, "certainty", key
            )
        people = len([i for i in shown if i.startswith("person/")])
        total = len([i for i in facets.items if i.startswith("person/")])
        assert page.locator("h2#person .count").inner_text() == f"{people} of {total}"
    # from the keyboard: clear, then tick two values; the query string follows
    page.locator("#facets-clear").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.location.search") == ""
    for facet, key in (("type", "person"), ("speaker", EDITORS)):
        page.locator(f"#facets input[data-facet={facet}][value='{key}']").focus()
        page.keyboard.press("Space")
    search = page.evaluate("window.location.search").lstrip("?")
    assert parse_qs(search) == {"type": ["person"], "speaker": [EDITORS]}
    shown = _shown(page)
    page.reload()
    page.wait_for_function(READY)
    assert _shown(page) == shown == chosen_rows(oxigraph, COMBINATIONS[0])
    assert {k for k, (_, checked) in _panel(page).items() if checked} == {
        ("type", "person"),
        ("speaker", EDITORS),
    }
    # the events list shows dates, and sorts by them
    dates = page.locator("section.list:has(h2#event) td.when")
    assert dates.count() == len([i for i in facets.items if i.startswith("event/")])
    assert "undated" in dates.all_inner_texts() and "April 1943" in dates.all_inner_texts()
    tab.assert_clean()
    tab.close()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "390"])
def test_facets_fold_on_a_phone_and_axe_finds_no_violation(browser, site, size):
    tab = OfflinePage(browser, size)
    page = tab.open(site / "index.html", "?certainty=implied&decade=1940s", wait_for=READY)
    toggle = page.locator("#facets-toggle")
    first = page.locator("#facets fieldset").first
    if size is PHONE:
        assert toggle.is_visible() and not first.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        assert "2 chosen" in toggle.inner_text()
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and first.is_visible()
    else:
        assert not toggle.is_visible() and first.is_visible()
    assert tab.errors == []  # (axe's own requests for the style sheets fail under file://)
    # the facets and the lists they filter (the rest of the index: tests/test_reader_browser.py)
    context = {"include": [[".facets"], ["section.list"]]}
    violations = Axe().run(page, context=context).response["violations"]
    assert [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations
    ] == []
    assert tab.blocked == []
    tab.close()
