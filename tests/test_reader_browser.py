"""A phone is a first-class reader, and nobody is shut out (issue 22, items 6 and 7), in
Debian's chromium: the site served by the real `serge-graph serve` on a free loopback port
(stopped by its pid), every request that leaves it blocked and counted.

- the network at 390×844: at least 8 legible names in the first view, the search and the path
  form above the graph (reachable without scrolling past it), a tap near a dot opens that dot;
- the query page: a viewport, a labelled query box, results whose IRIs link to their pages;
- axe-core finds no violation of any impact on the index, the text, the network, the timeline
  and the query page, at 1366×768 and 390×844, also with search results and a path shown.
"""

from __future__ import annotations

import math

import pytest
from axe_playwright_python.sync_playwright import Axe

from .offline_page import LAPTOP, PHONE, STABLE
from .serving import running_server

pytestmark = pytest.mark.browser
READY = "document.body.dataset.ready === 'yes'"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("serve") / "serve.log", "--workers", "1") as up:
        yield up


class ServedPage:
    """A tab that may reach the server and nothing else; console errors are collected."""

    def __init__(self, browser, server, viewport=LAPTOP, touch=False):
        self.context = browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch)
        self.page = self.context.new_page()
        self.server, self.blocked, self.errors = server, [], []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if route.request.url.startswith(self.server.url + "/"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: str, wait_for: str | None = None):
        self.page.goto(self.server.url + path)
        if wait_for:
            self.page.wait_for_function(wait_for, timeout=60_000)
        return self.page

    def close(self):
        assert self.blocked == [] and self.errors == []
        self.context.close()


def _violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


# the names drawn in the first view, where they stand, from vis-network's own positions
SHOWN_NAMES = """() => {
  const s = window.sergeNetwork, net = s.network, box = document.getElementById('graph').getBoundingClientRect();
  const positions = net.getPositions(s.labelled);
  return s.labelled.map(id => {
    const at = net.canvasToDOM(positions[id]);
    return { id: id, x: at.x, y: at.y, page_y: at.y + box.top, r: net.body.nodes[id].options.size * net.getScale() };
  });
}"""


def test_on_a_phone_names_show_controls_come_first_and_a_tap_opens_a_dot(browser, server):
    tab = ServedPage(browser, server, PHONE, touch=True)
    page = tab.open("/network.html", STABLE)
    graph = page.locator("#graph").bounding_box()
    names = page.evaluate(SHOWN_NAMES)
    # at least 8 names in the first view, drawn at the page's 13 px, inside the graph on screen
    visible = [
        n for n in names if 0 <= n["page_y"] < PHONE["height"] and 0 <= n["x"] <= PHONE["width"]
    ]
    assert len(visible) >= 8, len(visible)
    assert page.evaluate("window.sergeNetwork.labelPx") >= 13
    # the search and the path form stand above the graph, on the first screen
    for control in ("#search", "#path-from", "#path-to", "#path-button"):
        box = page.locator(control).bounding_box()
        assert box["y"] + box["height"] <= graph["y"] + 1, control
        assert box["y"] + box["height"] <= PHONE["height"], control
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # a tap beside a dot (past its edge, where lines run) opens the nearest dot, not a line
    tapped = 0
    for name in names[:6]:
        x, y = name["x"] + name["r"] + 8, name["y"]
        nearest = min(
            (n for n in page.evaluate(ALL_DOTS)),
            key=lambda d: math.hypot(d["x"] - x, d["y"] - y) - d["r"],
        )
        if math.hypot(nearest["x"] - x, nearest["y"] - y) - nearest["r"] > 20:
            continue
        page.evaluate("window.sergeNetwork.focused = null")
        page.touchscreen.tap(graph["x"] + x, graph["y"] + y)
        page.wait_for_function("window.sergeNetwork.focused !== null")
        assert page.evaluate("window.sergeNetwork.focused") == nearest["id"]
        card = page.locator("#tap-card")
        assert card.is_visible()
        assert card.locator("a").inner_text() == nearest["name"]
        tapped += 1
    assert tapped >= 4
    tab.close()


ALL_DOTS = """() => {
  const s = window.sergeNetwork, net = s.network;
  const ids = s.nodes.getIds({ filter: n => !n.hidden });
  const positions = net.getPositions(ids);
  return ids.map(id => {
    const at = net.canvasToDOM(positions[id]);
    return { id: id, x: at.x, y: at.y, r: net.body.nodes[id].options.size * net.getScale(),
             name: s.data.nodes.find(n => n.id === id).name };
  });
}"""


def test_the_query_page_reads_on_a_phone_and_its_iris_lead_to_their_pages(browser, server):
    tab = ServedPage(browser, server, PHONE)
    page = tab.open("/query")
    assert page.locator("meta[name=viewport]").count() == 1
    viewport = page.locator("meta[name=viewport]").get_attribute("content")
    assert "width=device-width" in viewport
    assert page.locator("label[for=query]").inner_text() == "SPARQL query"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill(
        "#query",
        "SELECT ?person ?name WHERE { ?person a sg:Person ; rdfs:label ?name } ORDER BY ?name",
    )
    page.click("#run")
    page.wait_for_function("document.querySelectorAll('#results td a').length > 0")
    links = page.locator("#results td a")
    first = links.first
    iri = first.inner_text()
    assert iri.startswith("https://w3id.org/serge-graph/id/person/")
    assert first.get_attribute("href") == "/" + iri.removeprefix("https://w3id.org/serge-graph/")
    names = page.locator("#results td:nth-child(2)").all_inner_texts()
    assert links.count() == len(names) > 20  # every IRI a link, no literal one
    first.click()
    page.wait_for_function(READY)
    assert page.locator("h1").inner_text() == names[0]
    tab.close()


# Each page in a state that shows the most of it (axe checks the whole page each time); the
# plain network and timeline are checked at both sizes in test_views_browser.py, the index's
# facets open in test_facets_browser.py.
PAGES = [
    ("/index.html", READY, ("#search", "1943")),
    ("/index.html", READY, ("#search", "Kibalchich")),
    ("/text.html", READY, None),
    ("/network.html", STABLE, ("path", "Serge|Beria")),
    ("/query", None, ("query", "")),
]


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_axe_finds_no_violation_of_any_impact(browser, server, size):
    found = {}
    for path, ready, action in PAGES:
        tab = ServedPage(browser, server, size)
        page = tab.open(path, ready)
        if action and action[0] == "#search":
            page.fill("#search", action[1])
            page.locator("#search-results li, #search-years li").first.wait_for()
        elif action and action[0] == "path":
            a, b = action[1].split("|")
            page.fill("#path-from", a)
            page.fill("#path-to", b)
            page.click("#path-button")
            page.wait_for_function("(window.sergeNetwork.paths || []).length === 3")
        elif action and action[0] == "query":
            page.click("#run")
            page.wait_for_function("document.querySelectorAll('#results td').length > 0")
        found[f"{path} {action or ''}"] = _violations(page)
        tab.close()
    assert found == {key: [] for key in found}
