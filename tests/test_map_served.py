"""map.html and everything it loads, served beside the endpoint from the site in memory."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from serge_graph.api.serving import linked_site as make_linked_site
from serge_graph.lint import load_ontology
from serge_graph.project import resolve_paths
from serge_graph.server.app import EndpointConfig, create_app
from serge_graph.server.pool import PoolConfig, WorkerPool
from serge_graph.server.workers import GraphSource

pytestmark = pytest.mark.slow  # query workers and the site in memory


@pytest.fixture(scope="module")
def client(graph_file):
    ontology = load_ontology(resolve_paths(None).ontology)
    pool = WorkerPool(
        GraphSource("oxigraph", file=graph_file, ontology=ontology), PoolConfig(1, 1, 1, 60)
    )
    try:
        pool.wait_ready(120)
        site = make_linked_site(EndpointConfig())
        app = create_app(pool, [], 0, EndpointConfig(), "127.0.0.1", site)
        yield TestClient(app, base_url="http://localhost:8000"), site
    finally:
        pool.close()


def test_the_server_serves_the_map_and_every_file_it_loads(client):
    http, site = client
    page = http.get("/map.html")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.content == site.files["map.html"]
    html = page.text
    assert re.findall(r'<a href="([^"]*)">Map</a>', html) == ["map.html"]
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert "static/vendor/countries-50m.js" in loaded and "static/vendor/d3-geo.min.js" in loaded
    for path in loaded:
        assert not path.startswith(("http:", "https:", "//")), path  # nothing from outside
        answer = http.get("/" + path)
        assert answer.status_code == 200, path
        assert answer.content == site.files[path]
    world = http.get("/static/vendor/countries-50m.js").text
    assert world.startswith("window.WORLD_ATLAS = {") and '"countries"' in world
    # every place on the served map links to a page the server answers
    pages = set(re.findall(r'"page": "([^"]+)"', html))
    assert len(pages) >= 28
    for href in sorted(pages):
        assert http.get("/" + href, headers={"Accept": "text/html"}).status_code == 200, href
