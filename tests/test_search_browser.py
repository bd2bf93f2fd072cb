"""The index page's search beyond the text's spellings (issue 22, item 4), offline in Debian's
chromium: names the text never uses (general knowledge, marked, with their reference), years,
and the whole text, each hit leading to its paragraph."""

from __future__ import annotations

import pytest
import yaml

from serge_graph.site.search_data import OTHER_NAMES, OtherNamesError, other_names
from serge_graph.site.site_data import site_data
from serge_graph.site.timeline_page import timeline_events

from .offline_page import OfflinePage

pytestmark = pytest.mark.browser


@pytest.fixture()
def index(browser, site):
    tab = OfflinePage(browser)
    page = tab.open(site / "index.html", wait_for="document.body.dataset.ready === 'yes'")
    yield page
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def _names(page) -> list[str]:
    return page.locator("#search-results li > a").all_inner_texts()


def test_kibalchich_finds_serge_and_vlady_marked_as_general_knowledge(index):
    index.fill("#search", "Kibalchich")
    index.locator("#search-results li").first.wait_for()
    assert set(_names(index)[:2]) == {"Victor Serge", "Vlady"}
    entries = {e["entity"]: e for e in yaml.safe_load(OTHER_NAMES.read_text(encoding="utf-8"))}
    for name, entity in (("Victor Serge", "person/victor-serge"), ("Vlady", "person/vlady")):
        item = index.locator("#search-results li", has=index.locator(f"a:text-is('{name}')"))
        other = item.locator(".via.other")
        assert "general knowledge" in other.inner_text()
        assert other.locator("a").get_attribute("href") == entries[entity]["reference"]["url"]
    # a small misspelling of the other name is forgiven as any name is
    index.fill("#search", "Kibaltchich")
    index.locator("#search-results li").first.wait_for()
    assert set(_names(index)[:2]) == {"Victor Serge", "Vlady"}


def test_the_spanish_name_finds_the_place_the_text_names_in_english(index):
    index.fill("#search", "Bellas Artes")
    index.locator("#search-results li").first.wait_for()
    assert _names(index)[0] == "Palace of Fine Arts"
    index.press("#search", "Enter")
    index.wait_for_url("**/id/place/palace-of-fine-arts.html")


def test_a_year_lists_what_happened_then(index, graph):
    events = timeline_events(graph)
    counts = {}
    for year in (1943, 1945):
        index.fill("#search", str(year))
        expected = [
            e.label
            for e in events
            if any(d.date.earliest.year <= year <= d.date.latest.year for d in e.datings)
        ]
        index.wait_for_function(
            f"document.querySelectorAll('#search-years li').length === {len(expected)}"
        )
        assert index.locator("#search-years-h").inner_text() == f"What happened in {year}"
        assert index.locator("#search-years li > a").all_inner_texts() == expected
        counts[year] = len(expected)
    # the text dates Umansky's death twice: 1943 (Gorkin) and 1945 (the editors)
    index.fill("#search", "1943")
    death = index.locator("#search-years li", has_text="Umansky")
    assert death.count() == 1 and "Julián Gorkin" in death.inner_text()
    index.fill("#search", "1944")
    assert index.locator("#search-years li", has_text="death of Konstantin Umansky").count() == 0
    assert counts[1943] > 3 and counts[1945] >= 1


def test_words_of_the_text_lead_to_their_paragraph(index, corpus, site):
    phrase = "the common grave of the opposition"
    text = corpus.sources["gorkin-1957"]
    holding = [p.id for p in text.paragraphs if phrase in " ".join(text.paragraph_text(p).split())]
    assert len(holding) == 1
    index.fill("#search", "Common Grave of the Opposition")  # case and spacing do not matter
    hit = index.locator("#search-text li").first
    hit.wait_for()
    assert index.locator("#search-text li").count() == 1
    assert hit.locator("mark").inner_text() == "common grave of the opposition"
    assert hit.locator("a").get_attribute("href") == f"text.html#{holding[0]}"
    hit.locator("a").click()
    index.wait_for_url(f"**/text.html#{holding[0]}")
    box = index.locator(f"#{holding[0]}").bounding_box()
    assert 0 <= box["y"] < index.viewport_size["height"]


def test_other_names_need_a_known_entity_and_a_reference(tmp_path, graph):
    data = site_data(graph)
    assert set(other_names(data, strict=True)) >= {
        "https://w3id.org/serge-graph/id/person/victor-serge",
        "https://w3id.org/serge-graph/id/person/vlady",
    }
    bad = tmp_path / "other_names.yaml"
    bad.write_text(
        "- entity: person/victor-serg\n  names: [Kibalchich]\n"
        "  reference: {title: t, url: u}\n"
        "- entity: person/vlady\n  names: [Kibalchich]\n",
        encoding="utf-8",
    )
    with pytest.raises(OtherNamesError) as raised:
        other_names(data, bad, strict=True)
    assert str(raised.value).splitlines()[0] == (
        "other_names.yaml:1: no entity 'person/victor-serg' in the graph"
    )
    assert "other_names.yaml:4: every other name needs the reference consulted" in str(raised.value)
