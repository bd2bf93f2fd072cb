"""The reader's site at corpus scale (index_split.py, network_page.most_connected): what would
pass a few megabytes for a corpus of many sources is split, on the real data with small bounds,
and the article's own site is left whole."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from serge_graph import api, network
from serge_graph.site import errata_page, index_split, network_page, writer
from serge_graph.site.site_data import site_data

from .html_tree import parse
from .offline_page import OfflinePage

LIMIT = 2_000_000  # bytes: no file of the site may pass it


CLAIMS = 912  # the article's claims, in the index's folded list of every claim
LIST_PAGES = 4  # at 300 rows a page


@pytest.fixture(scope="module")
def split_site(graph, corpus, tmp_path_factory):
    """The article's site with the bounds of a big corpus made small: lists of more than 300
    rows in pages, the search index in parts of at most 30 kB, the errata five a page."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_split, "LIST_ROWS", 300)
        patch.setattr(index_split, "SEARCH_BYTES", 30_000)
        patch.setattr(errata_page, "ERRATA_PER_PAGE", 5)
        files = writer.site_files(graph, list(corpus.sources.values()), {})
    out = tmp_path_factory.mktemp("split") / "site"
    writer.write_site(out, files)
    return out, files


def test_the_articles_index_is_whole(site):
    """No list of the article passes a thousand rows and its search index fits the page."""
    assert not list(site.glob("list-*.html")) and not (site / "search").exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "more-rows" not in index and "search_parts.js" not in index


@pytest.mark.slow  # builds the site once more, with small bounds
def test_a_long_list_stands_in_pages_every_row_on_one(graph, split_site):
    _out, files = split_site
    data = site_data(graph)
    claims = len(data.claims)
    assert claims == CLAIMS
    names = ["list-claims.html", *(f"list-claims-{n}.html" for n in range(2, LIST_PAGES + 1))]
    pages = sorted(p for p in files if p.startswith("list-claims"))
    assert pages == sorted(names)
    seen = []
    for number, path in enumerate(names, 1):
        tree = parse(files[path].decode("utf-8"))
        rows = [tr.attrs["data-item"] for tr in tree.find_all("tr") if "data-item" in tr.attrs]
        seen += rows
        words = " ".join(tree.find_all("nav")[1].text().split())
        last = min(number * 300, claims)
        first = (number - 1) * 300 + 1
        assert f"Page {number} of {LIST_PAGES}: rows {first}–{last} of {claims}." in words
    assert len(seen) == len(set(seen)) == claims
    index = parse(files["index.html"].decode("utf-8"))
    section = index.find_all("section", **{"class": "list claims-list"})[0]
    shown = [tr for tr in section.find_all("tr") if "data-item" in tr.attrs]
    assert len(shown) == index_split.SHOWN_ROWS
    more = " ".join(section.find_all("p", **{"class": "more-rows"})[0].text().split())
    assert (
        more
        == f"The 100 shown here are the first in the order of the texts, of {claims}; all of them, 300 a page: 1 2 3 4."
    )
    facets = json.loads(index.find_all("script", id="facet-data")[0].text())
    # the filters count the rows the index shows: no more
    assert len(facets["items"]) == sum(1 for tr in index.find_all("tr") if "data-item" in tr.attrs)


@pytest.mark.slow  # builds the site once more, with small bounds
def test_the_search_index_in_parts_holds_the_whole_index(graph, corpus, split_site):
    from serge_graph.site.pages import Links
    from serge_graph.site.search_data import search_data
    from serge_graph.site.timeline_page import timeline_events

    _out, files = split_site
    whole = search_data(
        site_data(graph), Links("", ".html"), list(corpus.sources.values()), timeline_events(graph)
    )
    parts = sorted((p for p in files if p.startswith("search/")), key=lambda p: int(p[12:-3]))
    assert len(parts) > 2
    joined = {"names": [], "events": [], "paragraphs": []}
    for path in parts:
        text = files[path].decode("utf-8")
        assert len(files[path]) <= 30_000, path
        part = json.loads(re.fullmatch(r"window\.sergeSearchPart\((.*)\);\n", text, re.S)[1])
        for key in joined:
            joined[key] += part[key]
    assert joined == whole
    index = parse(files["index.html"].decode("utf-8"))
    carried = json.loads(index.find_all("script", id="search-index")[0].text())
    assert carried["parts"] == parts and carried["names"] == carried["paragraphs"] == []


@pytest.mark.browser
def test_the_index_loads_its_search_parts_when_the_reader_types(browser, split_site):
    out, _files = split_site
    tab = OfflinePage(browser)
    page = tab.open(out / "index.html", wait_for="document.body.dataset.ready === 'yes'")
    page.fill("#search", "the common grave of the opposition")
    page.locator("#search-text li").first.wait_for()
    assert page.locator("#search-text li mark").inner_text() == "the common grave of the opposition"
    page.fill("#search", "Kibalchich")
    page.locator("#search-results li").first.wait_for()
    names = page.locator("#search-results li > a").all_inner_texts()
    assert set(names[:2]) == {"Victor Serge", "Vlady"}
    page.click(f"section.claims-list p.more-rows a:text-is('{LIST_PAGES}')")
    page.wait_for_url(f"**/list-claims-{LIST_PAGES}.html")
    assert page.locator("tr[data-item]").count() == CLAIMS - 300 * (LIST_PAGES - 1)
    assert tab.blocked == [] and tab.errors == []
    tab.close()


def test_a_graph_too_big_for_one_page_shows_its_most_connected_part(graph):
    full = network.projection(graph, "full")
    assert network_page.most_connected(full) is full  # the article is drawn whole
    part = network_page.most_connected(full, most_nodes=40, most_claims=120)
    loops = nx.number_of_selfloops(part)
    assert len(part) <= 40 and part.number_of_edges() - loops <= 120
    by_degree = sorted(full, key=lambda n: -full.degree(n))
    assert by_degree[0] in part  # the most connected is drawn
    assert {"Victor Serge", "Julián Gorkin"} <= {part.nodes[n]["label"] for n in part}
    assert network_page.shown_words(part).startswith(f"the {len(part)} most connected of 206 ")


def test_the_network_page_draws_fewer_claims_until_it_fits(graph, monkeypatch):
    full = network.projection(graph, "full")
    monkeypatch.setattr(network_page, "MOST_CLAIMS", 300)
    monkeypatch.setattr(network_page, "PAGE_BYTES", 1_000_000)
    page = api.network_html(full)
    assert len(page.encode("utf-8")) <= 1_000_000
    data = json.loads(
        re.search(r'id="graph-data" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    assert data["meta"]["edges"] <= 150  # halved once at least: 300 claims made 1.1 MB
    assert "most connected of 206 names and events" in data["meta"]["source"]


def test_a_timeline_too_big_for_one_page_shows_its_most_told_events(graph, monkeypatch):
    from serge_graph.site import timeline_page as timeline

    events = timeline.timeline_events(graph)
    whole = timeline.timeline_page(events, "Dated events")
    assert "most told" not in whole  # the article's timeline is whole
    monkeypatch.setattr(timeline, "PAGE_BYTES", len(whole.encode("utf-8")) // 2)
    cut = timeline.timeline_page(events, "Dated events")
    assert len(cut.encode("utf-8")) <= len(whole.encode("utf-8")) // 2
    shown = re.search(r"the (\d+) most told of (\d+) dated events", cut)
    assert shown and int(shown[2]) == len(events) and int(shown[1]) < len(events)
    most = max(events, key=lambda e: (len(e.datings), -e.earliest.toordinal()))
    assert most.label in cut  # the event told most often is kept


@pytest.mark.slow  # builds the site once more, with small bounds
def test_the_errata_over_several_pages_each_where_the_text_links_it(graph, split_site):
    _out, files = split_site
    deprecated = [c.slug for c in site_data(graph).deprecated()]
    count = -(-len(deprecated) // 5)
    assert count >= 3  # the article's 19 corrected claims
    names = ["errata.html", *(f"errata-{n}.html" for n in range(2, count + 1))]
    assert sorted(p for p in files if p.startswith("errata")) == sorted(names)
    listed = {}
    for number, name in enumerate(names, 1):
        tree = parse(files[name].decode("utf-8"))
        for item in tree.find_all("li", **{"class": "erratum"}):
            listed.setdefault(item.attrs["id"], []).append(name)
        words = " ".join(tree.find_all("nav", **{"class": "pages"})[0].text().split())
        assert f"Page {number} of {count}: facts {(number - 1) * 5 + 1}–" in words
    assert sorted(listed) == sorted(deprecated) and all(len(p) == 1 for p in listed.values())
    text = parse(files["text.html"].decode("utf-8"))
    notes = [a.attrs["href"] for a in text.find_all("a", **{"class": "erratum-note"})]
    assert notes and all(listed[n.split("#")[1]] == [n.split("#")[0]] for n in notes)
