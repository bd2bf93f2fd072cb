"""map.html: the places the text names on a world map, drawn offline.

World outlines are Natural Earth's 1:50m countries (the world-atlas package), drawn with
d3-geo and topojson-client, all vendored under static/vendor/: no tile and no script comes
from outside. Each located place is one mark (an SVG link carrying `data-place`, its IRI),
sized by its mentions, named, and linked to its page; each point is general knowledge,
and the page says so with its reference. The movements of Serge, Gorkin and Vlady are
drawn from the graph's events (place_map.movements): solid where the text dates both ends
of a leg, dashed where it only implies their order; a slider over 1936–1948 shows where
each was last placed by the text in the chosen year.
"""

from __future__ import annotations

import json

from rdflib import Graph

from ..place_map import map_data
from ..places import world_atlas
from .links import page_path
from .pages import STATIC, Links, render

# the files the map needs, copied into the site's static/ folder
MAP_STATIC = (
    "map.js",
    "map.css",
    "vendor/d3-array.min.js",
    "vendor/d3-geo.min.js",
    "vendor/topojson-client.min.js",
    "vendor/README.md",
    "vendor/LICENSE-d3-array",
    "vendor/LICENSE-d3-geo",
    "vendor/LICENSE-topojson-client",
    "vendor/LICENSE-world-atlas",
)
WORLD_SCRIPT = "vendor/countries-50m.js"  # the TopoJSON as a script, readable from file://
YEARS = (1936, 1948)


def map_static_files() -> dict[str, bytes]:
    """The map's static files, by path under the site root."""
    files = {f"static/{name}": STATIC.joinpath(name).read_bytes() for name in MAP_STATIC}
    files[f"static/{WORLD_SCRIPT}"] = b"window.WORLD_ATLAS = " + world_atlas().strip() + b";\n"
    return files


def map_page_html(graph: Graph, links: Links | None = None) -> str:
    """The map page, its data inlined as JSON (so that it opens from file:// too)."""
    links = links or Links()
    data = map_data(graph)
    for place in data["places"]:
        place["page"] = links.root + page_path(place["iri"]).removesuffix(".html") + links.suffix
    for item in data["unlocated"]:
        item["page"] = links.root + page_path(item["iri"]).removesuffix(".html") + links.suffix
    for movement in data["movements"]:
        for step in movement["steps"]:
            step["page"] = (
                links.root + page_path(step["event"]).removesuffix(".html") + links.suffix
            )
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return render(
        "site_map.html",
        data=data,
        payload=payload,
        years=YEARS,
        root=links.root,
        links=links,
        title="Map of the exile",
    )
