"""The command group itself; the commands live in the modules beside it."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SERGE_GRAPH_DATA",
    help="Data folder with sources/ and annotations/ (default: the project's own).",
)
@click.version_option(package_name="serge-graph")
@click.pass_context
def main(ctx: click.Context, data: Path | None) -> None:
    """A knowledge graph of Julián Gorkin's "The Last Years of Victor Serge, 1941–1947".

    Every fact leads back to the words of the text that state it and to who
    states them.

    \b
    Examples:
      serge-graph build
      serge-graph query --saved murders
      serge-graph show Umansky
      serge-graph --data ./my-data validate
    """
    ctx.obj = {"data": data}
