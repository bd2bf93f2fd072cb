"""The network page's path finder in Debian's chromium (issue 22, item 3): the k strongest
paths computed in the page from the data written into it, the same as `serge-graph path`
computes them in Python, each hop with its quote and speaker, groups left out unless asked,
and everything off the chosen path dimmed."""

from __future__ import annotations

import pytest

from serge_graph import api

from .offline_page import OfflinePage

pytestmark = pytest.mark.browser

PAIRS = [
    ("Serge", "Beria"),
    ("Andrés Nin", "Umansky"),
    ("Cárdenas", "Trotsky"),
    ("Gorkin", "Gustav Regler"),
]
GPU = "https://w3id.org/serge-graph/id/org/gpu"
UMANSKY = "https://w3id.org/serge-graph/id/person/konstantin-umansky"


@pytest.fixture(scope="module")
def network_file(tmp_path_factory):
    graph = api.network_graph("full")
    path = tmp_path_factory.mktemp("site") / "network.html"
    api.write_network_page(graph, path)
    return path, graph


def _nodes(hops: list[dict]) -> list[str]:
    return [hops[0]["from"], *(hop["to"] for hop in hops)]


def _find(page, a: str, b: str, groups: bool = False) -> list[dict]:
    page.fill("#path-from", a)
    page.fill("#path-to", b)
    page.set_checked("#path-groups", groups)
    page.click("#path-button")
    return page.evaluate("window.sergeNetwork.paths")


@pytest.mark.parametrize("groups", [False, True])
def test_the_page_finds_the_paths_serge_graph_path_finds(browser, network_file, groups):
    path, _graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    for a, b in PAIRS:
        _net, expected = api.paths_between(a, b, k=3, collective=groups)
        found = _find(page, a, b, groups)
        assert [_nodes(p["hops"]) for p in found] == [
            [hops[0].source, *(h.target for h in hops)] for hops in expected
        ], (a, b)
        assert [p["cost"] for p in found] == [sum(h.cost for h in hops) for hops in expected]
        for chosen, hops in zip(found, expected, strict=True):
            page_hops = [(h["claim"]["quote"], h["claim"]["speaker"]) for h in chosen["hops"]]
            assert page_hops == [(h.quote, h.speaker) for h in hops]
    offline.assert_clean()
    page.close()


def test_serge_to_beria_offers_the_chain_through_umansky_and_the_gpu(browser, network_file):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    found = _find(page, "Serge", "Beria")
    chains = [_nodes(p["hops"]) for p in found]
    assert len(chains) == 3
    assert any(GPU in chain and UMANSKY in chain for chain in chains)
    groups = {n for chain in chains for n in chain if graph.nodes[n]["kind"] == "group"}
    assert groups == set()
    # each path is listed, each hop with its words, speaker and a link to them in the text
    sections = page.locator("#path-result .path")
    assert sections.count() == 3
    gpu = next(i for i, chain in enumerate(chains) if GPU in chain)
    section = sections.nth(gpu)
    assert section.locator("li.hop").count() == 3
    assert "the common grave of the opposition" in section.inner_text()
    assert "Julián Gorkin" in section.inner_text()
    hrefs = [section.locator("li.hop a").nth(i).get_attribute("href") for i in range(3)]
    assert all(h.startswith("text.html#claim-") for h in hrefs)
    # choosing a path dims every node and line off it
    section.locator("button").click()
    assert page.evaluate("window.sergeNetwork.chosen") == gpu
    opacity = page.evaluate(
        "Object.fromEntries(window.sergeNetwork.nodes.get().map(n => [n.id, n.opacity]))"
    )
    on_path = set(chains[gpu])
    assert {n for n, o in opacity.items() if o == 1} == on_path
    assert all(opacity[n] < 0.5 for n in opacity if n not in on_path)
    lines = {h["bundle"] for h in found[gpu]["hops"]}
    faded = page.evaluate(
        "window.sergeNetwork.edges.get().filter(e => e.color && e.color.color).map(e => e.id)"
    )
    assert set(faded) == {e["id"] for e in page.evaluate("window.sergeNetwork.data.edges")} - lines
    # the pair is in the URL: opened from it, the same paths
    assert page.evaluate("location.hash") == "#path=victor-serge,lavrenti-beria"
    again = offline.open(path, fragment="#path=victor-serge,lavrenti-beria")
    again.wait_for_function("window.sergeNetwork.paths !== undefined")
    assert again.evaluate("window.sergeNetwork.paths") == found
    # asked, the paths may go through a group; cleared, nothing is dimmed
    crowd = _find(page, "Serge", "Beria", groups=True)
    assert "Stalinists" in {graph.nodes[n]["label"] for n in _nodes(crowd[0]["hops"])}
    page.click("#path-clear")
    assert page.evaluate("window.sergeNetwork.dimmed") == 0
    offline.assert_clean()
    page.close()


def test_an_entity_page_can_ask_how_its_entity_is_connected_to_any_name(browser, network_file):
    path, _graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path, fragment="#from=konstantin-umansky")
    assert page.input_value("#path-from") == "Konstantin Umansky"
    assert page.evaluate("document.activeElement.id") == "path-to"
    page.keyboard.type("Paul Rivet")
    page.keyboard.press("Enter")
    page.wait_for_function("(window.sergeNetwork.paths || []).length > 0")
    _net, expected = api.paths_between("Umansky", "Paul Rivet", k=3)
    found = page.evaluate("window.sergeNetwork.paths")
    assert [_nodes(p["hops"]) for p in found] == [
        [hops[0].source, *(h.target for h in hops)] for hops in expected
    ]
    offline.assert_clean()
    page.close()
