"""network, network stats and timeline: the graph as pictures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import PROJECTIONS

if TYPE_CHECKING:
    pass

from .app import main
from .common import (
    _data,
    _progress,
    api,
    emit,
    format_option,
    html_out_option,
    reports_errors,
)


def _types(value: str | None) -> list[str] | None:
    return [t.strip() for t in value.split(",") if t.strip()] if value else None


@main.group(invoke_without_command=True)
@html_out_option("build/network.html")
@click.option("--focus", metavar="NAME", help="Only the neighbourhood of this entity.")
@click.option(
    "--depth", type=click.IntRange(1, 6), default=1, show_default=True, help="Hops around --focus."
)
@click.option(
    "--types", metavar="T,T", help="Only these types: person,group,organisation,place,work,event."
)
@click.option(
    "--projection",
    type=click.Choice(PROJECTIONS),
    default="full",
    show_default=True,
    help="full: entities and events; actors: people, groups, organisations; comention: same paragraph.",
)
@click.option(
    "--size",
    "size_by",
    type=click.Choice(["pagerank", "mentions"]),
    default="pagerank",
    show_default=True,
    help="What a node's size shows.",
)
@click.option(
    "--site-root",
    default="",
    metavar="PATH",
    help="Where the entity pages and text.html are, relative to the page (default: beside it, as in the site).",
)
@click.pass_context
@reports_errors
def network(
    ctx, out: Path, focus, depth: int, types, projection: str, size_by: str, site_root: str
) -> None:
    """Write the interactive network as one offline HTML file (or see `network stats`).

    The page needs nothing from the internet: open it from disk. It opens
    settled (positions computed here) with the most important names legible;
    zoom for more. Hover a node or line for what the text says and who says
    it; click a node for its page, a line for every claim it bundles. Find a
    name (accents, aliases and small misspellings forgiven), a path between
    two names, filter by type, relation, speaker and date; `#node=SLUG` in
    the URL selects a node.

    \b
    Examples:
      serge-graph network
      serge-graph network --focus Gorkin --depth 2 --out gorkin.html
      serge-graph network --projection actors --types person,organisation
      serge-graph network --out build/network.html --site-root site/
      serge-graph network stats --top 10
    """
    if ctx.invoked_subcommand is not None:
        return
    graph = api.network_graph(projection, focus, depth, _types(types), _data(ctx))
    _progress(f"drawing {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges")
    api.write_network_page(graph, out, size_by, site_root)
    click.echo(f"wrote {out} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@network.command("stats")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True, help="How many rows.")
@click.option("--projection", type=click.Choice(PROJECTIONS), default="full", show_default=True)
@click.option(
    "--sort",
    "sort_by",
    type=click.Choice(["pagerank", "betweenness", "degree"]),
    default="pagerank",
    show_default=True,
)
@format_option
@click.pass_context
@reports_errors
def network_stats(ctx, top: int, projection: str, sort_by: str, fmt: str) -> None:
    """Rank entities by PageRank, betweenness or degree, with their Louvain community.

    \b
    Examples:
      serge-graph network stats --top 10
      serge-graph network stats --projection actors --sort betweenness --format csv
    """
    graph = api.network_graph(projection, data=_data(ctx.parent))
    rows = api.network_metrics(graph)
    column = rows.columns.index(sort_by)
    ordered = sorted(rows.rows, key=lambda r: (-float(r[column]), r[0]))[:top]
    emit(api.Rows(rows.columns, ordered), fmt)


@main.command()
@html_out_option("build/timeline.html")
@click.pass_context
@reports_errors
def timeline(ctx, out: Path) -> None:
    """Write the dated events as a self-contained HTML timeline (ranges as spans).

    \b
    Examples:
      serge-graph timeline
      serge-graph timeline --out /tmp/timeline.html
    """
    api.write_text(out, api.timeline_html(_data(ctx)))
    click.echo(f"wrote {out}")
