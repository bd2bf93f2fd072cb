"""The network and timeline pages in a real browser (Debian's chromium through Playwright),
opened from file:// with every request that would leave the file blocked and counted.

The readability figures are computed here from vis-network's own positions and scale,
not taken from the page's word: where each shown name stands (getPositions,
canvasToDOM), how big its dot is drawn (the node's size times getScale), how wide
and high its text is in the page's font (measureText), and whether dark text
pixels really are on the canvas there.
"""

from __future__ import annotations

import itertools
import re

import pytest
from rdflib import URIRef

from serge_graph import api, network
from serge_graph.site.links import claim_anchor, page_path

from .offline_page import PHONE, OfflinePage

SERGE = "https://w3id.org/serge-graph/id/person/victor-serge"
GORKIN = "https://w3id.org/serge-graph/id/person/julian-gorkin"
UMANSKY = "https://w3id.org/serge-graph/id/person/konstantin-umansky"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def network_file(tmp_path_factory):
    graph = api.network_graph("full")
    path = tmp_path_factory.mktemp("site") / "network.html"
    api.write_network_page(graph, path)
    return path, graph


@pytest.fixture(scope="module")
def timeline_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "timeline.html"
    api.write_text(path, api.timeline_html())
    return path


# Each shown name's box, from vis-network's positions and scale and the page's font.
LABEL_BOXES = """() => {
  const s = window.sergeNetwork, net = s.network;
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = s.labelFont;
  const scale = net.getScale();
  const positions = net.getPositions(s.labelled);
  return s.labelled.map(id => {
    const centre = net.canvasToDOM(positions[id]);
    const name = s.data.nodes.find(n => n.id === id).name;
    const metrics = measure.measureText(name);
    const top = centre.y + net.body.nodes[id].options.size * scale + s.labelGap;
    return { id: id, name: name, left: centre.x - metrics.width / 2, right: centre.x + metrics.width / 2,
             top: top, bottom: top + s.labelHeight,
             textHeight: metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent };
  });
}"""

# How many dark (text) pixels the canvas holds inside a box given in CSS px.
DARK_PIXELS = """(box) => {
  const canvas = document.querySelector("#graph canvas");
  const ratio = canvas.width / canvas.clientWidth;
  const data = canvas.getContext("2d").getImageData(
    Math.floor(box.left * ratio), Math.floor(box.top * ratio),
    Math.ceil((box.right - box.left) * ratio), Math.ceil((box.bottom - box.top) * ratio)).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4)
    if (data[i + 3] > 200 && data[i] < 90 && data[i + 1] < 90 && data[i + 2] < 90) dark++;
  return dark;
}"""


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def test_first_view_at_1366x768_shows_15_legible_names_none_overlapping(
    browser, network_file, tmp_path
):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    boxes = page.evaluate(LABEL_BOXES)
    area = page.evaluate("[container.clientWidth, container.clientHeight]")
    assert len(boxes) >= 15, [b["name"] for b in boxes]
    assert all(b["textHeight"] >= 12 for b in boxes)
    assert [
        (a["name"], b["name"]) for a, b in itertools.combinations(boxes, 2) if overlaps(a, b)
    ] == []
    assert all(
        b["left"] >= 0 and b["right"] <= area[0] and b["top"] >= 0 and b["bottom"] <= area[1]
        for b in boxes
    )
    # the names are really drawn there: dark text pixels inside every box
    assert all(page.evaluate(DARK_PIXELS, b) > 15 for b in boxes)
    # the most important names (PageRank, as `network stats` ranks them) are among them
    top_two = [m.node for m in network.metrics(graph)[:2]]
    assert set(top_two) <= {b["id"] for b in boxes}
    page.screenshot(path=str(tmp_path / "network.png"))
    offline.assert_clean()
    page.close()


def test_page_opens_settled_after_a_visible_sign_of_progress(browser, network_file):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    assert page.evaluate("document.body.dataset.progressShown") == "yes"
    assert page.is_hidden("#progress")
    assert page.evaluate("window.sergeNetwork.network.physics.physicsEnabled") is False
    assert page.evaluate("window.sergeNetwork.network.body.nodeIndices.length") == len(graph)
    before = page.evaluate("window.sergeNetwork.network.getPositions()")
    # two more frames drawn: nothing has moved (no simulation runs in the browser)
    page.evaluate(
        "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))"
    )
    assert page.evaluate("window.sergeNetwork.network.getPositions()") == before
    settled_ms = int(page.evaluate("document.body.dataset.settledMs"))
    print(f"network page settled {settled_ms} ms after navigation")
    assert settled_ms > 0
    offline.assert_clean()
    page.close()


def test_on_a_phone_the_graph_takes_the_width_and_the_panel_folds_below(
    browser, network_file, tmp_path
):
    path, _graph = network_file
    offline = OfflinePage(browser, PHONE)
    page = offline.open(path)
    graph_box = page.locator("#graph").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert graph_box["width"] >= 0.9 * PHONE["width"]
    assert panel_box["y"] >= graph_box["y"] + graph_box["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "network-phone.png"))
    offline.assert_clean()
    page.close()


def test_search_ignores_accents_finds_aliases_and_misspellings(browser, network_file, corpus):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    cases = {
        "umansky": UMANSKY,
        "Cardenas": network.find_node(graph, "Lázaro Cárdenas"),
        "Cardeñas": network.find_node(graph, "Lázaro Cárdenas"),  # the text's misspelling
        "Vishinsky": network.find_node(graph, "Vyshinsky"),  # a reader's misspelling
    }
    for query, expected in cases.items():
        page.fill("#search", query)
        page.press("#search", "Enter")
        assert page.evaluate("window.sergeNetwork.network.getSelectedNodes()") == [expected], query
    page.fill("#search", "Umansky")
    page.press("#search", "Enter")
    assert page.evaluate("location.hash") == "#node=konstantin-umansky"
    quotes = page.locator("#details blockquote").all_inner_texts()
    text = corpus.sources["gorkin-1957"].text
    assert quotes and all(q.strip("“”") in text for q in quotes)
    offline.assert_clean()
    page.close()


def test_node_link_in_the_url_selects_it_and_a_click_opens_its_page(browser, network_file):
    path, _graph = network_file
    target = path.parent / page_path(SERGE)  # the entity page the site writes there
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("<!DOCTYPE html><title>Victor Serge</title>", encoding="utf-8")
    offline = OfflinePage(browser)
    page = offline.open(path, fragment="#node=victor-serge")
    page.wait_for_function("window.sergeNetwork.focused !== undefined")
    assert page.evaluate("window.sergeNetwork.network.getSelectedNodes()") == [SERGE]
    heading = page.locator("#details h2 a")
    assert heading.inner_text() == "Victor Serge"
    assert heading.get_attribute("href") == "id/person/victor-serge.html"
    centre = page.evaluate(
        "(id) => { const n = window.sergeNetwork.network; return n.canvasToDOM(n.getPositions([id])[id]); }",
        SERGE,
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + centre["x"], box["y"] + centre["y"])
    page.wait_for_url(target.as_uri())
    offline.assert_clean()
    page.close()


def _bundle_point(page, a: str, b: str) -> tuple[str, dict]:
    """A point on the line between a and b (on vis-network's own curve) where vis-network's
    hit test finds that line alone and no node, 2 px around (vis counts a line as hit within
    10 canvas units, so the point must be that far from every other line)."""
    return page.evaluate(
        """([a, b]) => {
          const s = window.sergeNetwork, net = s.network, c = document.getElementById("graph");
          const bundle = s.data.edges.find(e => (e.from === a && e.to === b) || (e.from === b && e.to === a));
          const curve = net.body.edges[bundle.id].edgeType;
          const hits = net.selectionHandler, fitted = net.getScale();
          for (const zoom of [1, 2, 4, 8]) {  // closer and closer, as a reader would in a dense part
            net.moveTo({ position: curve.getPoint(0.5), scale: fitted * zoom, animation: false });
            for (let t = 0.5; t > 0.05; t -= 0.005) {
              for (const u of [t, 1 - t]) {
                const at = net.canvasToDOM(curve.getPoint(u));
                const point = { x: Math.round(at.x), y: Math.round(at.y) };
                // vis takes the pointer relative to the canvas's (fractional) box: allow 2 px either way
                const alone = [[0, 0], [2, 0], [-2, 0], [0, 2], [0, -2]].every(([dx, dy]) => {
                  const p = net.DOMtoCanvas({ x: point.x + dx, y: point.y + dy });
                  const area = { left: p.x, top: p.y, right: p.x, bottom: p.y };
                  const edgesHit = hits._getAllEdgesOverlappingWith(area);
                  return hits._getAllNodesOverlappingWith(area).length === 0 && edgesHit.length === 1 && edgesHit[0] === bundle.id;
                });
                if (alone && point.x > 5 && point.y > 5 && point.x < c.clientWidth - 5 && point.y < c.clientHeight - 5)
                  return [bundle.id, point];
              }
            }
          }
          return [bundle.id, null];
        }""",
        [a, b],
    )


def test_a_line_says_its_relations_on_hover_and_lists_every_claim_on_click(
    browser, network_file, corpus
):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    claims = [
        (key, data)
        for s, o in ((SERGE, GORKIN), (GORKIN, SERGE))
        for key, data in (graph.get_edge_data(s, o) or {}).items()
    ]
    assert len(claims) >= 5  # six claims between them, some with several quotes
    bundle, point = _bundle_point(page, SERGE, GORKIN)
    assert point, "no free point on the Serge–Gorkin line"
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    tooltip = page.inner_text("div.vis-tooltip")
    assert all(data["relation"] in tooltip for _key, data in claims), tooltip
    assert f"{len(claims)} claims" in tooltip
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(
        "(id) => document.getElementById('details').dataset.showing === id", arg=bundle
    )
    items = page.locator("#details li.claim")
    assert items.count() == len(claims)
    links = {items.nth(i).locator("a").get_attribute("href") for i in range(items.count())}
    assert links == {claim_anchor(key) for key, _data in claims}
    text = corpus.sources["gorkin-1957"].text
    shown = page.locator("#details li.claim blockquote").all_inner_texts()
    assert sorted(q.strip("“”") for q in shown) == sorted(d["quote"] for _k, d in claims)
    assert all(q.strip("“”") in text for q in shown)
    offline.assert_clean()
    page.close()


def test_a_line_is_dashed_exactly_when_none_of_its_claims_is_stated(browser, network_file):
    """Issue 12's certainty: where the graph has sg:certainty, implied and inferred lines
    are drawn apart; where it has none, every claim counts as stated."""
    path, graph = network_file
    stated: dict[frozenset, bool] = {}
    for s, o, data in graph.edges(data=True):
        pair = frozenset((s, o))
        stated[pair] = stated.get(pair, False) or data.get("certainty", "stated") == "stated"
    page = OfflinePage(browser).open(path)
    drawn = page.evaluate(
        "() => Object.values(window.sergeNetwork.network.body.edges)"
        ".map(e => [e.fromId, e.toId, e.options.dashes === true])"
    )
    assert len(drawn) == len(stated)
    assert {frozenset((a, b)): dashed for a, b, dashed in drawn} == {
        pair: not any_stated for pair, any_stated in stated.items()
    }
    page.close()


SHOWN_IN_PAGE = """() => {
  const s = window.sergeNetwork, net = s.network;
  const drawnEdges = net.body.edgeIndices;
  const claims = drawnEdges.reduce((sum, id) => sum + s.data.edges.find(e => e.id === id).claims
      .filter(c => s.claimShown(c)).length, 0);
  const counts = document.getElementById("counts").textContent.match(/Showing (\\d+) of \\d+ nodes and (\\d+) of/);
  return { drawnNodes: net.body.nodeIndices.length, drawnClaims: claims,
           saidNodes: Number(counts[1]), saidClaims: Number(counts[2]) };
}"""

# Re-fitted: every shown node in view, and fitting again would not change the view.
IN_VIEW = """() => {
  const net = window.sergeNetwork.network, c = document.getElementById("graph");
  const points = Object.values(net.getPositions(net.body.nodeIndices)).map(p => net.canvasToDOM(p));
  const before = { scale: net.getScale(), position: net.getViewPosition() };
  net.fit({ animation: false });
  const after = { scale: net.getScale(), position: net.getViewPosition() };
  return { inside: points.every(p => p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight),
           scaleChange: Math.abs(after.scale / before.scale - 1),
           moved: Math.hypot(after.position.x - before.position.x, after.position.y - before.position.y) * after.scale };
}"""


def _expect(graph, keep_node, keep_claim, claims_narrowed: bool) -> tuple[int, int]:
    """Nodes and claims a filter should leave, counted on the networkx graph."""
    passing = {n for n, d in graph.nodes(data=True) if keep_node(d)}
    claims = [
        (s, o)
        for s, o, d in graph.edges(data=True)
        if s in passing and o in passing and keep_claim(d)
    ]
    nodes = {n for pair in claims for n in pair} if claims_narrowed else passing
    return len(nodes), len(claims)


def _assert_counts(page, expected: tuple[int, int]):
    shown = page.evaluate(SHOWN_IN_PAGE)
    assert (shown["drawnNodes"], shown["drawnClaims"]) == expected
    assert (shown["saidNodes"], shown["saidClaims"]) == expected
    view = page.evaluate(IN_VIEW)
    assert view["inside"] and view["scaleChange"] < 0.01 and view["moved"] < 2, view


def test_filters_by_type_speaker_relation_and_date_keep_true_counts_and_refit(
    browser, network_file
):
    path, graph = network_file
    offline = OfflinePage(browser)
    page = offline.open(path)
    _assert_counts(page, (len(graph), graph.number_of_edges()))
    page.click("#filters summary")

    page.uncheck("input[data-kind=person]")
    _assert_counts(page, _expect(graph, lambda d: d["kind"] != "person", lambda d: True, False))
    page.check("input[data-kind=person]")

    for box in page.locator("#speaker-filter input").all():
        if box.get_attribute("data-speaker") != "Victor Serge":
            box.uncheck()
    by_serge = _expect(graph, lambda d: True, lambda d: d["speaker"] == "Victor Serge", True)
    assert 0 < by_serge[1] < graph.number_of_edges()
    _assert_counts(page, by_serge)
    page.click("#filters-reset")

    page.click("#relations-none")
    page.check("input[data-relation='friend of']")
    _assert_counts(
        page, _expect(graph, lambda d: True, lambda d: d["relation"] == "friend of", True)
    )
    page.click("#filters-reset")

    page.fill("#year-from", "1941")
    page.fill("#year-to", "1947")
    page.dispatch_event("#year-to", "change")

    def in_years(d):
        return d["kind"] != "event" or (
            "years" in d and d["years"][1] >= 1941 and d["years"][0] <= 1947
        )

    in_war = _expect(graph, in_years, lambda d: True, False)
    assert in_war[0] < len(graph)
    _assert_counts(page, in_war)
    offline.assert_clean()
    page.close()


def test_keyboard_reaches_search_paths_and_filters(browser, network_file):
    path, _graph = network_file
    page = OfflinePage(browser).open(path)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if reached[-1] == "SUMMARY":
            page.keyboard.press("Enter")  # open the filters
        if reached[-1] == "INPUT" and page.evaluate("!!document.activeElement.dataset.kind"):
            break
    assert "search" in reached and "path-from" in reached and "SUMMARY" in reached
    assert reached[-1] == "INPUT"
    page.keyboard.press("Space")
    assert page.evaluate("window.sergeNetwork.shown.nodes") < page.evaluate(
        "window.sergeNetwork.meta.nodes"
    )
    page.close()


def test_timeline_gives_1941_1947_half_the_width_and_dates_as_people_read_them(
    browser, timeline_file, tmp_path
):
    offline = OfflinePage(browser)
    page = offline.open(timeline_file, wait_for=None)
    axis = page.locator(".axis").bounding_box()
    start = page.locator(".tick[data-year='1941']").bounding_box()["x"]
    end = page.locator(".tick[data-year='1948']").bounding_box()["x"]
    assert (end - start) / axis["width"] >= 0.5
    assert page.locator(".row.event").count() > 15
    body = page.inner_text("body")
    assert "April 1942" in body and "1942–1944" in body and "17 November 1947" in body
    assert not re.search(r"\b\d{4}-\d{2}\b|\d{4}/\d{4}", page.inner_text(".timeline"))
    # precision drawn honestly: every year bar is wider than every exact day
    year_widths = [b["width"] for b in _boxes(page, ".mark.year")]
    day_widths = [b["width"] for b in _boxes(page, ".mark.day")]
    assert day_widths and min(year_widths) > max(day_widths)
    page.screenshot(path=str(tmp_path / "timeline.png"))
    offline.assert_clean()
    page.close()


def _boxes(page, selector: str) -> list[dict]:
    return [element.bounding_box() for element in page.locator(selector).all()]


def test_timeline_shows_both_dates_of_umanskys_death_with_their_speakers(browser, timeline_file):
    rows = api.query(
        "PREFIX sg: <https://w3id.org/serge-graph/ontology#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?year ?speaker WHERE { ?c rdf:subject ?who ; rdf:predicate sg:deathDate ; "
        "rdf:object ?year ; sg:speaker/rdfs:label ?speaker ; sg:evidence ?words . }",
        {"who": URIRef(UMANSKY)},
    ).rows
    assert len({year for year, _ in rows}) == 2  # the text (claims with its words) dates it twice
    page = OfflinePage(browser).open(timeline_file, wait_for=None)
    row = page.locator(".row.event", has_text="death of Konstantin Umansky")
    datings = row.locator("li.dating").all_inner_texts()
    for year, speaker in rows:
        assert any(d.startswith(f"{year} — {speaker}") for d in datings), (year, speaker, datings)
    assert row.locator(".mark").count() == 2
    assert {m.get_attribute("data-speaker") for m in row.locator(".mark").all()} == {
        s for _, s in rows
    }
    page.close()


def test_every_timeline_row_links_to_its_event_page_and_its_words(browser, timeline_file):
    page = OfflinePage(browser).open(timeline_file, wait_for=None)
    for row in page.locator(".row.event").all():
        iri = row.get_attribute("data-iri")
        assert row.locator(".name a").get_attribute("href") == page_path(iri)
        assert page_path(iri).startswith("id/event/")
        words = [a.get_attribute("href") for a in row.locator("li.dating a").all()]
        assert words and all(w.startswith("text.html#claim-") for w in words)
    page.close()


def test_timeline_is_readable_on_a_phone(browser, timeline_file, tmp_path):
    offline = OfflinePage(browser, PHONE)
    page = offline.open(timeline_file, wait_for=None)
    assert page.locator("meta[name=viewport]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    sizes = page.evaluate(
        "[...document.querySelectorAll('.name, .dating, .tick span')]"
        ".filter(e => e.offsetWidth).map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 12
    labels = _boxes(page, ".tick span")
    shown = [b for b in labels if b and b["width"] > 0]
    assert all(not overlaps(_edges(a), _edges(b)) for a, b in itertools.combinations(shown, 2))
    page.screenshot(path=str(tmp_path / "timeline-phone.png"))
    offline.assert_clean()
    page.close()


def _edges(box: dict) -> dict:
    return {
        "left": box["x"],
        "right": box["x"] + box["width"],
        "top": box["y"],
        "bottom": box["y"] + box["height"],
    }


INJECTED = """\
entities:
  - id: andres-nin
    type: Person
    name: Andrés Nin <script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">
    aliases: [Nin]
    description: <script>window.__pwned = 3</script>"><img src=x onerror="window.__pwned = 4">
events:
  - id: murder-of-nin
    type: Murder
    certainty: stated
    name: murder of Nin "><img src=x onerror="window.__pwned = 5"><script>window.__pwned = 6</script>
    date: 1937
    participants:
      - {entity: andres-nin, role: victim}
    evidence: [tortured and murdered in Madrid]
claims:
  - subject: andres-nin
    relation: memberOf
    object: etol
    certainty: stated
    note: <script>window.__pwned = 7</script>
    evidence: [Andrés Nin and I learned]
"""


def test_injected_markup_shows_as_text_and_runs_nowhere(browser, make_data, tmp_path):
    data = make_data({"injected.yaml": INJECTED})
    network_path, timeline_path = tmp_path / "network.html", tmp_path / "timeline.html"
    api.write_network_page(api.network_graph("full", data=data), network_path)
    api.write_text(timeline_path, api.timeline_html(data))
    offline = OfflinePage(browser)
    page = offline.open(network_path)
    page.fill("#search", "Nin")
    page.press("#search", "Enter")
    details = page.inner_text("#details")
    name = (
        'Andrés Nin <script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">'
    )
    assert name in details  # shown as text
    assert (
        '<script>window.__pwned = 3</script>"><img src=x onerror="window.__pwned = 4">' in details
    )
    page.fill("#path-from", "Nin")
    page.fill("#path-to", "murder of Nin")
    page.click("#path-button")
    assert "<script>window.__pwned = 6</script>" in page.inner_text("#path-result")
    page.click("#filters summary")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img, #panel script, header script").count() == 0
    offline.assert_clean()
    page = offline.open(timeline_path, wait_for=None)
    assert '"><img src=x onerror="window.__pwned = 5">' in page.inner_text(".timeline")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img, body script").count() == 0
    offline.assert_clean()
    page.close()
