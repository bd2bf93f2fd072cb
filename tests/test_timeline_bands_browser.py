"""The timeline's year bands, pinned in Debian's chromium: the article's years 1941–1947 are the
widened pale band, 1936–1948 the focus, earlier and later years the squeezed striped bands;
each band stands exactly between the ticks of its years, and every event's mark lies in the
band of its dates. A shift of the focus or the core (a year more or less) fails here."""

from __future__ import annotations

import pytest

from serge_graph import api
from serge_graph.site.timeline_page import timeline_events

from .offline_page import OfflinePage

pytestmark = pytest.mark.browser

CORE = (1941, 1947)  # the article's years, as its title gives them: "1941–1947"
FOCUS = (1936, 1948)


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "timeline.html"
    api.write_text(path, api.timeline_html())
    return path


def _x(page, selector: str) -> float:
    return page.locator(selector).bounding_box()["x"]


def test_the_bands_stand_between_the_ticks_of_their_years(browser, timeline):
    tab = OfflinePage(browser)
    page = tab.open(timeline, wait_for=None)
    core = page.locator(".band.core").bounding_box()
    before, after = (b.bounding_box() for b in page.locator(".band.context").all())
    tick = lambda year: _x(page, f".tick[data-year='{year}']")  # noqa: E731
    assert abs(core["x"] - tick(CORE[0])) < 1
    assert abs(core["x"] + core["width"] - tick(CORE[1] + 1)) < 1
    assert abs(before["x"] + before["width"] - tick(FOCUS[0])) < 1
    assert abs(after["x"] - tick(FOCUS[1] + 1)) < 1
    assert page.locator(".band.core").get_attribute("title") == f"{CORE[0]}–{CORE[1]}, widened"
    # the core is drawn wider a year than the rest of the focus
    core_year = core["width"] / (CORE[1] - CORE[0] + 1)
    focus_year = (tick(CORE[0]) - tick(FOCUS[0])) / (CORE[0] - FOCUS[0])
    assert core_year > 2 * focus_year
    # every year of the core and the focus's ends are numbered, in order
    numbered = {
        int(t.get_attribute("data-year"))
        for t in page.locator(".tick").all()
        if t.locator("span").inner_text().strip()
    }
    assert set(range(CORE[0], CORE[1] + 1)) | {FOCUS[0], FOCUS[1] + 1} <= numbered
    legend = page.locator(".legend").inner_text()
    assert f"{CORE[0]}–{CORE[1]}" in legend
    tab.assert_clean()
    tab.close()


def test_each_mark_lies_in_the_band_of_its_dates(browser, timeline, graph):
    tab = OfflinePage(browser)
    page = tab.open(timeline, wait_for=None)
    core = page.locator(".band.core").bounding_box()
    left, right = core["x"], core["x"] + core["width"]
    inside = outside = 0
    for event in timeline_events(graph):
        row = page.locator(f".row.event[data-iri='{event.iri}']")
        for dating, mark in zip(event.datings, row.locator(".mark").all(), strict=True):
            box = mark.bounding_box()
            in_core = CORE[0] <= dating.date.earliest.year and dating.date.latest.year <= CORE[1]
            if in_core:
                assert left - 1 <= box["x"] and box["x"] + box["width"] <= right + 1, event.label
                inside += 1
            elif dating.date.latest.year < CORE[0]:
                assert box["x"] + box["width"] <= left + 1, event.label
                outside += 1
    assert inside >= 10 and outside >= 3
    tab.close()
