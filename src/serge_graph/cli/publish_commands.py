"""publish: load a built graph into a production store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import GRAPH_IRI
from ..choices import VIRTUOSO_PASSWORD_VARIABLE as PASSWORD_VARIABLE

if TYPE_CHECKING:
    pass

from .app import main
from .common import (
    _progress,
    reports_errors,
)


@main.group()
def publish() -> None:
    """Load a built graph into a production store.

    \b
    Examples:
      serge-graph publish virtuoso build/serge.ttl
      serge-graph publish virtuoso big.nt --isql 127.0.0.1:1111 --graph https://example.org/g
    """


@publish.command("virtuoso")
@click.argument(
    "file", type=click.Path(dir_okay=False, path_type=Path), default=Path("build/serge.ttl")
)
@click.option(
    "--isql", default="127.0.0.1:1111", show_default=True, help="Virtuoso's SQL port, HOST:PORT."
)
@click.option(
    "--graph",
    "graph_iri",
    default=GRAPH_IRI,
    show_default=True,
    help="Named graph to replace.",
)
@click.option("--user", default="dba", show_default=True)
@click.option(
    "--password",
    envvar=PASSWORD_VARIABLE,
    help=f"Virtuoso's password (or ${PASSWORD_VARIABLE}); Virtuoso's default is dba.",
)
@reports_errors
def publish_virtuoso(
    file: Path, isql: str, graph_iri: str, user: str, password: str | None
) -> None:
    """Replace a named graph in a running Virtuoso with FILE (.ttl or .nt, default build/serge.ttl).

    Virtuoso loads the file itself (ld_dir and rdf_loader_run), so FILE's folder
    must be in the server's DirsAllowed. Start a Virtuoso bound to 127.0.0.1 with
    the ini in deploy/virtuoso.ini; its SPARQL endpoint is then at
    http://127.0.0.1:8890/sparql (query with default-graph-uri=GRAPH).

    \b
    Examples:
      serge-graph build && serge-graph publish virtuoso
      serge-graph publish virtuoso /data/x1000.nt --isql 127.0.0.1:1111
    """
    from ..publish import VirtuosoTarget, publish_to_virtuoso

    target = VirtuosoTarget(isql, user, password, graph_iri)
    _progress(f"loading {file} into <{graph_iri}> at {isql}")
    triples = publish_to_virtuoso(file, target)
    click.echo(f"published {file} to Virtuoso at {isql}: <{graph_iri}> holds {triples} triples")


if __name__ == "__main__":
    main()
