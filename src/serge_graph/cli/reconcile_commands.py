"""reconcile: names matched against the graph, as the served reconciliation service does."""

from __future__ import annotations

import click

from .app import main
from .common import _data, api, emit, format_option, reports_errors


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--type",
    "type_",
    metavar="TYPE",
    help="Only entities of this type or its subclasses (Person, Organisation, Place, City…).",
)
@click.option(
    "--limit", default=3, show_default=True, type=click.IntRange(1, 100), help="Candidates a name."
)
@format_option
@click.pass_context
@reports_errors
def reconcile(ctx: click.Context, names: tuple[str, ...], type_, limit: int, fmt: str) -> None:
    """Match names against the graph's entities, as OpenRefine does through `serve`'s
    reconciliation service (/reconcile), to check a list before reconciling it.

    Each NAME is matched in any case, with or without accents, misspelt (an edit
    in a word of 4 to 7 letters, two from 8), or as another name the text never
    uses (a birth name, a Spanish name). Candidates come best first with a score
    out of 100; match is true only for an exact name no other entity has.

    \b
    Examples:
      serge-graph reconcile "Victor Serge" Umanski "Palacio de Bellas Artes"
      serge-graph reconcile Mexico --type Place
      serge-graph reconcile Kibalchich --format csv
    """
    emit(api.reconcile(list(names), type_, limit, _data(ctx)), fmt)
