"""networkx -> one self-contained, offline HTML page drawn by pyvis (vis-network inlined).

pyvis's own template links Bootstrap and tom-select from a CDN; ours needs
nothing outside the file. Every text from the data reaches the page as JSON
(Jinja's tojson escapes <, >, & and ') and is put into the page with
textContent, never as HTML, so an annotation cannot inject markup.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import ChoiceLoader, Environment, FileSystemLoader
from pyvis.network import Network

COLOURS = {
    "person": "#d95f02",
    "group": "#e6ab02",
    "organisation": "#1b9e77",
    "place": "#7570b3",
    "work": "#e7298a",
    "event": "#66a61e",
}
_TEMPLATE = "network.html"


def network_page(
    graph: nx.Graph,
    title: str,
    source: str,
    sizes: dict[str, float] | None = None,
    size_by: str = "pagerank",
    notebook: bool = False,
) -> str:
    """The HTML of an interactive page for a projection; sizes maps node -> relative size."""
    net = Network(
        height="100%",
        width="100%",
        directed=graph.is_directed(),
        cdn_resources="in_line",
        notebook=notebook,
    )
    _use_our_template(net)
    biggest = max((sizes or {}).values(), default=0) or 1
    for node, data in graph.nodes(data=True):
        net.add_node(node, **_node_fields(node, data, (sizes or {}).get(node, 0) / biggest))
    for index, (a, b, data) in enumerate(_edges(graph)):
        net.add_edge(a, b, **_edge_fields(index, data))
    net.set_options(json.dumps(_options(graph)))
    meta = {
        "title": title,
        "source": source,
        "projection": graph.graph.get("projection", ""),
        "colours": COLOURS,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "size": "PageRank" if size_by == "pagerank" else "mentions in the text",
    }
    net.heading = json.dumps(meta, ensure_ascii=False)
    return net.generate_html(notebook=notebook)


def _use_our_template(net: Network) -> None:
    ours = str(files("serge_graph.web") / "templates")
    theirs = str(Path(pyvis.__file__).parent / "templates")
    net.templateEnv = Environment(
        loader=ChoiceLoader([FileSystemLoader(ours), FileSystemLoader(theirs)])
    )
    net.path = _TEMPLATE
    net.template = net.templateEnv.get_template(_TEMPLATE)


def _node_fields(node: str, data: dict, size: float) -> dict:
    kind = data["kind"]
    lines = [f"{data['label']} ({data['type']})"]
    dates = data.get("dates", {})
    if dates:
        lines.append(", ".join(f"{k} {v}" for k, v in sorted(dates.items())))
    if data.get("description"):
        lines.append(data["description"])
    lines += [f"“{q['quote']}” — {q['speaker']}" for q in data.get("quotes", [])[:3]]
    return {
        "label": data["label"],
        "title": "\n".join(lines),  # a string title: vis-network shows it as plain text
        "color": COLOURS[kind],
        "size": 10 + 30 * size,
        "kind": kind,
        "type": data["type"],
        "description": data.get("description", ""),
        "dates": dates,
        "aliases": data.get("aliases", []),
        "quotes": data.get("quotes", [])[:3],
        "mentions": data.get("mentions", 0),
        "iri": node,
    }


def _edges(graph: nx.Graph):
    if graph.is_multigraph():
        yield from graph.edges(data=True)
        return
    for a, b, data in graph.edges(data=True):
        links = data.get("links")
        if links:
            yield a, b, {**links[0], "count": len(links)}
        else:
            count = data.get("weight", 1)
            yield (
                a,
                b,
                {
                    "relation": f"mentioned together in {count} paragraphs",
                    "quote": "",
                    "speaker": "",
                    "count": count,
                },
            )


def _edge_fields(index: int, data: dict) -> dict:
    relation, quote, speaker = (
        data.get("relation", ""),
        data.get("quote", ""),
        data.get("speaker", ""),
    )
    title = relation + (f"\n“{quote}” — {speaker}" if quote else "")
    return {
        "id": f"e{index}",
        "title": title,
        "relation": relation,
        "quote": quote,
        "speaker": speaker,
        "value": data.get("count", 1),
    }


def _options(graph: nx.Graph) -> dict:
    return {
        "nodes": {"shape": "dot", "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {
            "color": {"color": "#b8b8b8", "highlight": "#333333"},
            "arrows": {"to": {"enabled": graph.is_directed(), "scaleFactor": 0.4}},
            "smooth": False,
            "scaling": {"min": 1, "max": 6},
        },
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
    }
