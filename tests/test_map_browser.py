"""map.html in a real browser (Debian's chromium through Playwright), opened from file:// with
every request that would leave the site blocked and counted."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from serge_graph.place_map import movements
from serge_graph.queries import run_query

from .offline_page import LAPTOP, PHONE, OfflinePage
from .test_places import LOCATED

pytestmark = pytest.mark.browser
DRAWN = "document.body.dataset.mapDrawn === 'yes'"


def _open(browser, site: Path, viewport: dict, fragment: str = "") -> OfflinePage:
    tab = OfflinePage(browser, viewport)
    tab.open(site / "map.html", fragment, wait_for=DRAWN)
    return tab


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_map_draws_every_located_place_once_offline_with_no_error(
    browser, site, graph, viewport
):
    tab = _open(browser, site, viewport)
    marks = tab.page.evaluate(
        """() => Array.from(document.querySelectorAll('#map [data-place]'), a => [
              a.dataset.place, a.getAttribute('href'), a.querySelector('circle').getAttribute('r'),
              a.getBoundingClientRect().width > 0])"""
    )
    located = {row[0]: int(row[4]) for row in run_query(graph, LOCATED).rows}
    iris = [mark[0] for mark in marks]
    assert sorted(iris) == sorted(located)  # each located place, each once
    for iri, href, _r, _visible in marks:
        target = (site / "map.html").parent / href
        assert target.is_file(), f"{iri}: its link {href} is not a page of the site"
    radius = {iri: float(r) for iri, _href, r, _visible in marks}
    most, fewest = max(located, key=located.get), min(located, key=located.get)
    assert radius[most] > radius[fewest]  # sized by mentions
    assert all(visible for *_rest, visible in marks)
    tab.assert_clean()
    tab.close()


def test_the_map_zooms_to_europe_and_to_mexico_city(browser, site):
    tab = _open(browser, site, PHONE, "#view=mexico-city")
    shown = tab.page.evaluate(
        "() => Array.from(document.querySelectorAll('#map .mark:not(.outside)'), a => a.dataset.place)"
    )
    assert {iri.rsplit("/", 1)[1] for iri in shown} >= {
        "mexico-city",
        "palace-of-fine-arts",
        "french-cemetery",
    }
    assert not any(iri.endswith("/paris") for iri in shown)
    tab.page.click("button[data-view=europe]")
    shown = tab.page.evaluate(
        "() => Array.from(document.querySelectorAll('#map .mark:not(.outside)'), a => a.dataset.place)"
    )
    names = {iri.rsplit("/", 1)[1] for iri in shown}
    assert {"brussels", "paris", "moscow", "barcelona"} <= names
    assert "mexico-city" not in names
    tab.assert_clean()
    tab.close()


def test_routes_follow_the_graphs_movements_dashed_where_only_implied(browser, site, graph):
    expected = []
    for movement in movements(graph):
        steps = movement.steps
        for a, b in pairwise(steps):
            if a.place != b.place:
                expected.append("dated" if a.date and b.date else "implied")
    tab = _open(browser, site, LAPTOP)
    drawn = tab.page.evaluate(
        """() => Array.from(document.querySelectorAll('#map .routes path'),
              p => [p.classList.contains('dated') ? 'dated' : 'implied',
                    getComputedStyle(p).strokeDasharray])"""
    )
    assert sorted(kind for kind, _dash in drawn) == sorted(expected)
    assert len(drawn) >= 3
    for kind, dash in drawn:
        assert (dash != "none") == (kind == "implied")
    tab.close()


def test_the_year_slider_shows_who_was_where(browser, site):
    tab = _open(browser, site, LAPTOP)
    page = tab.page

    def at(year: int) -> str:
        page.fill("#map-year", str(year))
        page.dispatch_event("#map-year", "input")
        return page.inner_text("#map-whereabouts")

    assert "Victor Serge: no dated step yet" not in at(1936)
    assert "Victor Serge: Brussels" in at(1936)  # arrived in 1936 at the earliest
    assert "Julián Gorkin: Brussels" in at(1937)
    assert "Victor Serge: Palace of Fine Arts" in at(1941)  # the lecture, June 1941 or later
    assert "Vlady: no dated step yet" in at(1942)
    assert "Vlady: French cemetery" in at(1948)
    assert page.inner_text("#map-year-value") == "1948"
    tab.assert_clean()
    tab.close()


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_axe_finds_no_violation_on_the_map(browser, site, viewport):
    tab = _open(browser, site, viewport)
    violations = Axe().run(tab.page).response["violations"]
    assert [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations
    ] == []
    assert tab.blocked == []
    tab.close()
