"""site and serve: the graph on the web."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from .app import main
from .common import (
    _data,
    _progress,
    api,
    reports_errors,
    store_options,
)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/site"),
    show_default=True,
    help="Folder to write the site into (replaced whole, atomically).",
)
@click.pass_context
@reports_errors
def site(ctx, out: Path) -> None:
    """Write the reader's site: an index with search, a page for every entity and event,
    the text with every claim marked, the network, the timeline, the data and its VoID.

    It works from file:// with no server and loads nothing from outside.

    \b
    Examples:
      serge-graph site
      serge-graph site --out /tmp/serge-site
    """
    index = api.write_site(out, _data(ctx), progress=_progress)
    click.echo(f"wrote the site to {out}; open {index.resolve().as_uri()}")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to bind; loopback unless told otherwise.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@store_options
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=10.0,
    show_default=True,
    help="Seconds a query may run before its worker is stopped (503).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Rows (or triples) returned at most; more are cut, with an X-Result-Truncated header.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Fast-lane worker processes: every query starts in one.",
)
@click.option(
    "--slow-workers",
    type=click.IntRange(1, 32),
    default=1,
    show_default=True,
    help="Slow-lane worker processes (lower CPU priority) for queries that need more than --fast-limit.",
)
@click.option(
    "--fast-limit",
    type=click.FloatRange(0.05),
    default=1.0,
    show_default=True,
    help="Seconds a query may run in the fast lane before it moves to the slow lane.",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="Bytes a request body may have; a larger one is refused (413) before it is read.",
)
@click.option(
    "--cors",
    multiple=True,
    metavar="ORIGIN",
    help="Let pages from this origin (e.g. https://example.org) query the endpoint; repeatable. "
    "Off by default: requests from other origins are refused.",
)
@click.option(
    "--allow-host",
    multiple=True,
    metavar="NAME",
    help="Answer requests addressed to this host name (repeatable). Bound to loopback, the "
    "default is localhost, 127.0.0.1 and ::1 only.",
)
@click.option(
    "--no-site",
    is_flag=True,
    help="Serve only the endpoint and the query page, not the reader's site (a faster start; "
    "with --graph there is no site anyway: it needs the annotated text).",
)
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(dir_okay=False, exists=True),
    help="Serve this built graph (.ttl or .nt) instead of building the data; with --store "
    "oxigraph --store-path DIR it is bulk-loaded into DIR once and reopened after.",
)
@click.pass_context
@reports_errors
def serve(ctx, host, port, store, store_path, timeout, max_rows, graph_file, **limits) -> None:
    """Serve the reader's site at /, the graph as a read-only SPARQL 1.1 endpoint at /sparql,
    and a query page at /query.

    Every IRI answers: GET /id/person/victor-serge gives a browser the person's
    page and a program (Accept: text/turtle, application/n-triples or
    application/ld+json) the person's triples and claims with their evidence;
    /ontology answers the same way, and /.well-known/void describes the dataset.

    GET, HEAD or POST /sparql (form or application/sparql-query); results as
    SPARQL JSON, XML, CSV or TSV by Accept (q-values honoured, 406 when none
    fits), CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. Refused
    with a message that says why: updates (403); SERVICE, FROM and dataset
    parameters (400: the server fetches nothing); bodies over --max-body (413);
    requests to a non-loopback Host or from another origin (403).

    /reconcile is a reconciliation service for OpenRefine (the W3C
    Reconciliation API 0.2): names matched against the entities, with suggest
    and preview services; its batches run in the workers like queries.

    Each query runs in a worker process within --timeout seconds from its
    arrival: first in the fast lane for up to --fast-limit, then in the slow
    lane. A worker that dies or runs out of time is replaced at once; a request
    that cannot be served in time gets 503 with Retry-After. GET /status shows
    the workers. One log line per request.

    \b
    Examples:
      serge-graph serve
      serge-graph serve --port 3030 --timeout 5 --max-rows 1000
      serge-graph serve --store oxigraph --store-path build/oxigraph
      serge-graph serve --graph build/serge.ttl
      serge-graph serve --graph big.nt --store oxigraph --store-path build/big.oxigraph
      serge-graph serve --cors https://example.org --workers 4 --slow-workers 2
      curl -H 'Accept: text/turtle' http://127.0.0.1:8000/id/person/victor-serge
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql?query=ASK{?s?p?o}'
    """
    if store_path and store != "oxigraph":
        raise click.UsageError("--store-path needs --store oxigraph")
    data = _data(ctx)
    from ..api.serving import serve as run_server
    from ..server.app import EndpointConfig

    config = EndpointConfig(
        data=str(data) if data else None,
        store=store,
        store_path=str(store_path) if store_path else None,
        timeout=timeout,
        max_rows=max_rows,
        graph_file=graph_file,
        workers=limits["workers"],
        slow_workers=limits["slow_workers"],
        fast_limit=limits["fast_limit"],
        max_body=limits["max_body"],
        cors=tuple(limits["cors"]),
        allowed_hosts=tuple(limits["allow_host"]),
        site=not limits["no_site"],
    )
    run_server(config, host, port)
