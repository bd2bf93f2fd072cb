"""suggest: a draft annotation file for a source, and how good such drafts are."""

from __future__ import annotations

from pathlib import Path

import click

from .app import main
from .common import FORMATS, _data, _progress, api, emit, reports_errors


@main.command()
@click.argument("source_id", metavar="[ID]", required=False)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here (atomically) instead of printing it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("yaml", *FORMATS)),
    default=None,
    help="yaml (the draft annotation file; the default) or rows as table, csv or json "
    "(--evaluate: table by default).",
)
@click.option(
    "--evaluate",
    is_flag=True,
    help="Measure instead: leave each part of an annotated source out (ID, default the "
    "first source) and compare the suggestions with its hand annotations.",
)
@click.pass_context
@reports_errors
def suggest(ctx: click.Context, source_id: str | None, out: Path | None, fmt, evaluate) -> None:
    """Suggest annotations for the source ID: a draft file to confirm by hand.

    The draft, in the format of data/annotations/, holds every occurrence of an
    entity the graph knows (by name or alias, ignoring accents and case; an
    ambiguous form lists its candidates), candidate new entities with a guessed
    type and their sentence, and the dates (English, Spanish, French) parsed.
    Every item has `status: suggested` and its quote located in the text.

    \b
    Examples:
      serge-graph suggest serge-gorkin-mexico-es --out data/annotations/60-mexico-es.yaml
      serge-graph suggest serge-gorkin-mexico-es --format table
      serge-graph suggest --evaluate
      serge-graph suggest --evaluate --format json
    """
    if evaluate:
        if fmt == "yaml":
            raise click.UsageError("--evaluate prints rows: --format table, csv or json")
        emit(api.suggest_evaluation(source_id, _data(ctx), _progress), fmt or "table")
        return
    if source_id is None:
        raise click.UsageError("give the id of a source (see sources.yaml), or --evaluate")
    if fmt in FORMATS:
        if out is not None:
            raise click.UsageError("--out writes the YAML draft; rows are printed")
        emit(api.suggest_rows(source_id, _data(ctx), _progress), fmt)
        return
    draft = api.suggest_draft(source_id, _data(ctx), _progress, out)
    if out is None:
        click.echo(draft, nl=False)
        return
    api.write_text(out, draft)  # atomically
    click.echo(f"wrote {out}")
