"""build, validate, export, stats, coverage and vocabulary: the graph as data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..queries import Rows

from .app import main
from .common import (
    EXPORT_FORMATS,
    _data,
    _progress,
    api,
    emit,
    format_option,
    reports_errors,
)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write serge.ttl into.",
)
@click.option(
    "--include-suggested",
    is_flag=True,
    help='Keep the items still marked status: suggested, each marked sg:status "suggested".',
)
@click.pass_context
@reports_errors
def build(ctx: click.Context, out: Path, include_suggested: bool) -> None:
    """Build the graph and write OUT/serge.ttl (atomically: all or nothing).

    Items still marked status: suggested are left out unless --include-suggested.

    \b
    Examples:
      serge-graph build
      serge-graph build --out /tmp/graph
      serge-graph build --include-suggested --out /tmp/draft
    """
    graph = api.build(_data(ctx), progress=_progress, include_suggested=include_suggested)
    target = out / "serge.ttl"
    _progress(f"writing {target}")
    api.write_graph(graph, target, "turtle")
    click.echo(f"wrote {target} ({len(graph)} triples)")
    emit(api.type_counts(graph), "table")


@main.command()
@click.pass_context
@reports_errors
def validate(ctx: click.Context) -> None:
    """Check the annotations, then the built graph against the SHACL shapes.

    Exit status 0 only when both pass; every problem is listed with its file
    and line and a hint.

    \b
    Examples:
      serge-graph validate
      serge-graph --data ./my-data validate
    """
    graph = api.build(_data(ctx), progress=_progress, cached=False)  # check, whatever was kept
    click.echo("annotations: OK")
    suggested = api.suggested_items(_data(ctx))
    if suggested:
        total = sum(count for _file, _source, count in suggested)
        click.echo(
            f"suggested: {total} item{'s' if total != 1 else ''} still to confirm (left out of "
            "the graph; delete an item's status: suggested line to confirm it)"
        )
        for file, source_id, count in suggested:
            click.echo(f"  {file} ({source_id}): {count}")
    _progress("checking the graph against the SHACL shapes")
    violations = api.check_graph(graph, _data(ctx))
    if violations:
        click.echo(f"SHACL: {len(violations)} violations", err=True)
        for violation in violations:
            click.echo(f"  {violation}", err=True)
        sys.exit(1)
    click.echo(f"SHACL: OK ({len(graph)} triples conform to the shapes)")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="ttl",
    show_default=True,
    help="RDF syntax, or geojson for the located places.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_context
@reports_errors
def export(ctx: click.Context, fmt: str, out: Path | None) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD or TriG, or its places as GeoJSON.

    \b
    Examples:
      serge-graph export --format nt --out build/serge.nt
      serge-graph export --format jsonld > serge.jsonld
      serge-graph export --format geojson --out build/places.geojson
    """
    graph = api.build(_data(ctx), progress=_progress)
    if out:
        api.write_graph(graph, out, EXPORT_FORMATS[fmt])
        click.echo(f"wrote {out} ({len(graph)} triples)", err=True)
    else:
        sys.stdout.buffer.write(api.serialize_graph(graph, EXPORT_FORMATS[fmt]))


@main.command()
@click.option("--source", "source_id", metavar="ID", help="Count only what is in this source.")
@format_option
@click.pass_context
@reports_errors
def stats(ctx: click.Context, source_id: str | None, fmt: str) -> None:
    """Counts by type, claims by speaker, and links out by kind; in every source, or in one.

    With --source, the entities and events counted are those the source names
    or its claims link, and the claims those with a quote in it. Links out
    (data/links.yaml: Wikipedia, reference works, authority files) are general
    knowledge and belong to no source: they are counted without --source.

    \b
    Examples:
      serge-graph stats
      serge-graph stats --format json
      serge-graph stats --source gorkin-1957
    """
    source = api.source_node(source_id, _data(ctx)) if source_id else None
    graph = api.build(_data(ctx), progress=_progress)
    counts, speakers = api.type_counts(graph, source), api.claims_by_speaker(graph, source)
    links = None if source is not None else api.links_by_kind(graph)
    if fmt == "json":
        payload = {"types": counts.as_dicts(), "speakers": speakers.as_dicts()}
        if links is not None:
            payload["links"] = links.as_dicts()
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    emit(counts, fmt)
    click.echo()
    emit(speakers, fmt)
    if links is not None:
        click.echo()
        emit(links, fmt)


@main.command()
@format_option
@click.option("--all", "show_all", is_flag=True, help="Also list mentions for every entity.")
@click.option("--source", "source_id", metavar="ID", help="Only this source.")
@click.pass_context
@reports_errors
def coverage(ctx: click.Context, fmt: str, show_all: bool, source_id: str | None) -> None:
    """What the annotations cover, and every capitalised name they leave unnoticed.

    Lists entities by type, claims by speaker and by part, the most mentioned
    entities, then the gaps: capitalised words that are neither a name, an
    alias nor in data/annotations/ignore.yaml; narrative paragraphs and notes
    without a claim; entities in no claim. Exit status 1 when there are gaps.

    With --source, only that text: its names, its paragraphs, its claims and
    the entities it names.

    \b
    Examples:
      serge-graph coverage
      serge-graph coverage --format json | jq .uncovered_names
      serge-graph coverage --source gorkin-1957
    """
    report = api.coverage(_data(ctx), progress=_progress, source=source_id)
    sections = _coverage_sections(report, show_all)
    if fmt == "json":
        payload = {name: rows.as_dicts() for name, rows in sections.items()}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for name, rows in sections.items():
            if fmt == "table":
                click.echo(f"\n{name.replace('_', ' ')}:")
            emit(rows, fmt)
    if not report.complete:
        sys.exit(1)


def _coverage_sections(report, show_all: bool) -> dict[str, Rows]:
    from ..queries import Rows

    def counted(counter, label: str, limit: int | None = None) -> Rows:
        return Rows([label, "count"], [[k, str(v)] for k, v in counter.most_common(limit)])

    return {
        "entities_by_type": counted(report.entities_by_type, "type"),
        "claims_by_speaker": counted(report.claims_by_speaker, "speaker"),
        "claims_by_part": counted(report.claims_by_part, "part"),
        "mentions_by_entity": counted(
            report.mentions_by_entity, "entity", None if show_all else 15
        ),
        "uncovered_names": Rows(
            ["word", "count", "first_paragraph", "context"],
            [[u.word, str(u.count), u.first_paragraph, u.context] for u in report.uncovered_names],
        ),
        "paragraphs_without_claims": Rows(
            ["paragraph"], [[p] for p in report.paragraphs_without_claims]
        ),
        "entities_without_claims": Rows(["entity"], [[e] for e in report.entities_without_claims]),
        "unused_ignores": Rows(["name"], [[n] for n in report.unused_ignores]),
        "unannotated_event_phrases": Rows(
            ["phrase", "count", "first_paragraph", "context"],
            [
                [u.word, str(u.count), u.first_paragraph, u.context]
                for u in report.unannotated_event_phrases
            ],
        ),
    }


@main.command()
@format_option
@reports_errors
def vocabulary(fmt: str) -> None:
    """The types, relations and roles that annotations may use.

    \b
    Examples:
      serge-graph vocabulary
      serge-graph vocabulary --format csv | grep relation
    """
    emit(api.vocabulary_terms(), fmt)
