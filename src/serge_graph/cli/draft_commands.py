"""confirm and reject: the suggested items of a source's drafts, without editing by hand."""

from __future__ import annotations

import sys

import click

from ..errors import AnnotationError
from .app import main
from .common import _data, api, reports_errors

KINDS = ("entities", "events", "aliases", "claims", "mentions", "dates", "all")


def _run(ctx: click.Context, verb: str, source_id: str, items, all_of) -> None:
    try:
        edited = getattr(api, verb)(source_id, items, all_of, _data(ctx))
    except AnnotationError as error:
        click.echo(f"Error: {error.for_shell()}", err=True)
        click.echo(f"nothing written: the data folder would not validate after {verb}", err=True)
        sys.exit(1)
    done = "confirmed" if verb == "confirm" else "rejected"
    for kind, name, where in edited.items:
        click.echo(f"{done} {kind} {name} ({where})")
    click.echo(f"{len(edited.items)} {done}; {edited.left} still suggested in {source_id}")


@main.command()
@click.argument("source_id", metavar="SOURCE")
@click.argument("items", nargs=-1, metavar="[ITEM]...")
@click.option("--all-of", type=click.Choice(KINDS), help="Every suggested item of this kind.")
@click.pass_context
@reports_errors
def confirm(ctx: click.Context, source_id: str, items, all_of) -> None:
    """Confirm suggested items of SOURCE's annotation files: delete their
    `status: suggested` lines.

    ITEM is an entity's or event's id, a claim as subject--relation--object, an
    alias as ENTITY=NAME, or FILE:LINE (a line of the item, as validate prints
    it). Only those lines change: comments, order and hand edits stay. The data
    folder is validated as it would be, and nothing is written unless it
    validates (a confirmed claim may not name an entity still suggested); each
    file is written whole or not at all, and a file edited meanwhile is left
    alone.

    \b
    Examples:
      serge-graph confirm serge-gorkin-mexico-es laurette-sejourne
      serge-graph confirm serge-gorkin-mexico-es --all-of entities
      serge-graph confirm serge-gorkin-mexico-es victor-serge--diedIn--mexico-city
      serge-graph confirm serge-gorkin-mexico-es annotations/60-es.yaml:42
    """
    _run(ctx, "confirm", source_id, items, all_of)


@main.command()
@click.argument("source_id", metavar="SOURCE")
@click.argument("items", nargs=-1, metavar="[ITEM]...")
@click.option("--all-of", type=click.Choice(KINDS), help="Every suggested item of this kind.")
@click.pass_context
@reports_errors
def reject(ctx: click.Context, source_id: str, items, all_of) -> None:
    """Reject suggested items of SOURCE's annotation files: delete the items.

    ITEM is named as for confirm. Only the items' lines go (a list left empty
    becomes []); the data folder is validated as it would be (nothing
    confirmed may name a rejected entity) before anything is written, each file
    whole or not at all.

    \b
    Examples:
      serge-graph reject serge-gorkin-mexico-es resumen
      serge-graph reject serge-gorkin-mexico-es --all-of dates
    """
    _run(ctx, "reject", source_id, items, all_of)
