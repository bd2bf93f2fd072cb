"""source add and source list: the texts of a data folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..choices import SOURCE_LANGUAGES
from .app import main
from .common import _data, _progress, api, emit, format_option, reports_errors


@main.group()
def source() -> None:
    """The source texts of the data folder: add one, list them with their counts.

    \b
    Examples:
      serge-graph source list
      serge-graph source add carnets.txt --id serge-carnets --title "Carnets" \\
          --author victor-serge --date 1944 --language fr
    """


@source.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "source_id", required=True, help="Short id of the source, a slug.")
@click.option("--title", required=True, help="Its title.")
@click.option(
    "--author",
    required=True,
    help="Its author: an entity id (julian-gorkin), or a name: the entity of that name or "
    "alias, else a new Person; the default speaker of the whole text.",
)
@click.option("--date", "date", required=True, help="When it was written: 1957, 1957-03 …")
@click.option(
    "--language", type=click.Choice(SOURCE_LANGUAGES), required=True, help="Its language."
)
@click.option("--url", default="", help="Where it is published, if it is.")
@click.option("--speaker", default="", help="Entity id of who speaks in it, if not its author.")
@click.option(
    "--excerpt",
    is_flag=True,
    help="The file holds an excerpt of the work, not the whole: its pages say so.",
)
@click.pass_context
@reports_errors
def add(ctx, file: Path, source_id, title, author, date, language, url, speaker, excerpt) -> None:
    """Copy a text into the data folder and record it in sources/sources.yaml.

    The text must be UTF-8; its line ends are made \\n and its accents composed
    (NFC). A duplicate id, a file already present or a text already listed is
    refused, and nothing is written. It also starts annotations/ID.yaml, which
    names the source and, when the graph does not know the author (by id, name
    or alias), defines the author as a Person. With --excerpt every page calls
    the text an excerpt of its title's work instead of the whole of it. Parts with their own speakers can then be declared in sources.yaml
    as for the article (parts: with id, title, starts, speaker).

    \b
    Examples:
      serge-graph source add memoir.txt --id gorkin-1958 --title "El revolucionario" \\
          --author julian-gorkin --date 1958 --language es --excerpt
      serge-graph --data ./my-data source add notes.txt --id notes-1 --title Notes \\
          --author "Jane Doe" --date 2024-05 --language en --url https://example.org/notes
    """
    new = api.NewSource(file, source_id, title, author, date, language, url, speaker, excerpt)
    added = api.add_source(new, _data(ctx))
    click.echo(
        f"added source {added.id}: {added.text_file} "
        f"({added.characters} characters, {added.paragraphs} paragraphs)"
    )
    for change in added.changes:
        click.echo(f"  normalised: {change}")
    click.echo(f"recorded in {added.listing}; default speaker {added.author_id}")
    click.echo(f"started {added.annotation_file}")
    click.echo(
        f"next: serge-graph suggest {added.id}, confirm the items, then serge-graph validate "
        "(docs/annotations.md)"
    )


@source.command("list")
@format_option
@click.pass_context
@reports_errors
def list_sources(ctx: click.Context, fmt: str) -> None:
    """Each source with its counts: characters, paragraphs, entities mentioned, claims
    with a quote in it, and suggested items still to confirm in its annotation files.

    \b
    Examples:
      serge-graph source list
      serge-graph source list --format json
    """
    rows, why = api.list_sources(_data(ctx), progress=_progress)
    if why:
        click.echo(f"warning: no annotation counts: {why}", err=True)
    emit(rows, fmt)
