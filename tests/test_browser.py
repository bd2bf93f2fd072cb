"""The network and timeline pages in a real browser (Debian's chromium through Playwright),
opened from file:// with every request that would leave the file blocked and counted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from serge_graph import api

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BUILD = ROOT / "build"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("CHROMIUM MISSING: apt-get install chromium to run the browser tests")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class OfflinePage:
    """A page that blocks and counts every request leaving file://, and collects console errors."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path, stable: bool = True):
        self.page.goto(path.as_uri())
        if stable:
            self.page.wait_for_function("document.body.dataset.stable === 'yes'", timeout=60_000)
        return self.page


@pytest.fixture(scope="module")
def network_file(tmp_path_factory):
    graph = api.network_graph("full")
    path = tmp_path_factory.mktemp("page") / "network.html"
    api.write_network_page(graph, path)
    return path, graph


def test_page_is_offline_draws_every_node_and_stabilises(browser, network_file):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    drawn = page.evaluate("window.sergeNetwork.network.body.nodeIndices.length")
    assert drawn == graph.number_of_nodes()
    assert page.evaluate("window.sergeNetwork.network.physics.physicsEnabled") is False
    heading = page.inner_text("header")
    assert "The Last Years of Victor Serge" in heading and f"{drawn} of {drawn} nodes" in heading
    assert offline.blocked == [] and offline.errors == []
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "network.png"))
    page.close()


def test_search_focuses_umansky_and_hover_shows_a_quote(browser, network_file, corpus):
    path, _graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    page.fill("#search", "Umansky")
    page.press("#search", "Enter")
    umansky = "https://w3id.org/serge-graph/id/person/konstantin-umansky"
    assert page.evaluate("window.sergeNetwork.network.getSelectedNodes()") == [umansky]
    position = page.evaluate(
        "(id) => { const n = window.sergeNetwork.network;"
        " return n.canvasToDOM(n.getPositions([id])[id]); }",
        umansky,
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tooltip = page.inner_text("div.vis-tooltip")
    assert tooltip.startswith("Konstantin Umansky (Person)")
    quotes = page.locator("#details blockquote").all_inner_texts()
    text = corpus.sources["gorkin-1957"].text
    assert quotes and all(q.split("”")[0].lstrip("“") in text for q in quotes)
    assert "Julián Gorkin" in quotes[0]
    page.screenshot(path=str(BUILD / "network-umansky.png"))
    assert offline.blocked == [] and offline.errors == []
    page.close()


def test_type_filter_hides_nodes(browser, network_file):
    path, graph = network_file
    page = OfflinePage(browser).open(path)
    people = sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "person")
    page.uncheck("input[data-kind=person]")
    drawn = page.evaluate("window.sergeNetwork.network.body.nodeIndices.length")
    assert drawn == graph.number_of_nodes() - people
    page.close()


INJECTED = """\
entities:
  - id: andres-nin
    type: Person
    name: Andrés Nin
    aliases: [Nin]
    description: <script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">
claims:
  - subject: andres-nin
    relation: memberOf
    object: etol
    note: <script>window.__pwned = 3</script>
    evidence: [Andrés Nin and I learned]
"""


def test_injected_markup_shows_as_text_and_runs_nothing(browser, make_data, tmp_path):
    data = make_data({"injected.yaml": INJECTED})
    graph = api.network_graph("full", data=data)
    path = tmp_path / "injected.html"
    api.write_network_page(graph, path)
    offline = OfflinePage(browser)
    page = offline.open(path)
    page.fill("#search", "Nin")
    page.press("#search", "Enter")
    details = page.inner_text("#details")
    assert "<script>window.__pwned = 1</script>" in details  # shown as text
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#details img, #details script").count() == 0
    assert offline.errors == [] and offline.blocked == []
    page.close()


def test_timeline_page_is_offline(browser, tmp_path):
    path = tmp_path / "timeline.html"
    api.write_text(path, api.timeline_html())
    offline = OfflinePage(browser)
    page = offline.open(path, stable=False)
    assert page.locator("svg g.event").count() == page.locator("tbody tr").count() > 15
    assert "death of Victor Serge" in page.inner_text("body")
    page.screenshot(path=str(BUILD / "timeline.png"), full_page=True)
    assert offline.blocked == [] and offline.errors == []
    page.close()
