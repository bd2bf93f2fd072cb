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
    """Check the annotations, the built graph against the SHACL shapes, and the claim IRIs
    of the last release (data/releases/), each still a claim or withdrawn with a tombstone
    (data/retired-claims.yaml).

    Exit status 0 only when all pass; every problem is listed with its file
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
    version, released, problems = api.release_check(graph, _data(ctx))
    if problems:
        click.echo(f"release {version}: {len(problems)} claim IRIs would dangle", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        click.echo(
            "  hint: a claim that leaves the graph gets a tombstone in data/retired-claims.yaml "
            "(iri, date, why); see docs/elsewhere.md",
            err=True,
        )
        sys.exit(1)
    if version:
        click.echo(f"release {version}: OK ({released} claim IRIs still claims or withdrawn)")


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="ttl",
    show_default=True,
    help="An RDF syntax (ttl, nt, jsonld, trig, rdf-star); geojson for the located places; "
    "gexf, graphml or csv for the network; annotations for the evidence as Web Annotations.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File to write (default: standard output); for csv, the folder to write "
    "nodes.csv and edges.csv into (required).",
)
@click.pass_context
@reports_errors
def export(ctx: click.Context, fmt: str, out: Path | None) -> None:
    """Export the graph in an RDF syntax, its places as GeoJSON, its network for Gephi or
    Palladio, or its evidence as W3C Web Annotations.

    \b
    Formats:
      ttl, nt, jsonld, trig  the whole graph in an RDF syntax
      rdf-star               each claim also as a quoted triple << s p o >> (Turtle-star)
      geojson                the located places as GeoJSON points
      gexf, graphml          the network (entities, events, one edge per claim) for Gephi
      csv                    the same network as OUT/nodes.csv and OUT/edges.csv
      annotations            one W3C Web Annotation (JSON-LD) per piece of evidence

    \b
    Examples:
      serge-graph export --format nt --out build/serge.nt
      serge-graph export --format jsonld > serge.jsonld
      serge-graph export --format geojson --out build/places.geojson
      serge-graph export --format gexf --out build/serge.gexf
      serge-graph export --format csv --out build/tables
      serge-graph export --format annotations --out build/annotations.jsonld
    """
    if fmt == "csv" and out is None:
        raise click.UsageError(
            "--format csv writes two files (nodes.csv, edges.csv): name their folder with --out DIR"
        )
    if out is not None and fmt != "csv" and out.is_dir():
        raise click.UsageError(f"--out {out}: a folder; name the file to write")
    graph = api.build(_data(ctx), progress=_progress)
    if fmt == "csv":
        for path in api.export_tables(graph, out):
            click.echo(f"wrote {path}", err=True)
    elif out:
        api.write_graph(graph, out, EXPORT_FORMATS[fmt])
        rdf = fmt in ("ttl", "nt", "jsonld", "trig")
        click.echo(f"wrote {out}" + (f" ({len(graph)} triples)" if rdf else ""), err=True)
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
    Names inside longer names ("Left Opposition" in "the Spanish section of
    the Left Opposition") count once, for the longer name, and are noted
    under nested names (not a gap).

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
        "nested_names": Rows(
            ["name", "entity", "inside", "count", "first_paragraph", "context"],
            [
                [n.name, n.entity, n.inside, str(n.count), n.first_paragraph, n.context]
                for n in report.nested_names
            ],
        ),
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


@main.command()
@click.argument("old", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--rev",
    "revs",
    multiple=True,
    metavar="REV",
    help="A git revision (commit, tag, branch) whose data to build; twice: old then new; "
    "once: that revision against the data as it is now.",
)
@format_option
@click.pass_context
@reports_errors
def diff(
    ctx: click.Context, old: Path | None, new: Path | None, revs: tuple[str, ...], fmt: str
) -> None:
    """The claims added, removed and changed between two builds, by claim IRI.

    OLD and NEW are graph files as `build` or `export --format ttl|nt` write them; or,
    with --rev, the data of git revisions is built (with today's code and ontology).
    A claim has changed when its IRI is in both and its subject, relation, object,
    speaker, certainty, rank or quotes differ.

    \b
    Examples:
      serge-graph diff old/serge.ttl build/serge.ttl
      serge-graph diff --rev v0.1.0 --rev HEAD
      serge-graph diff --rev HEAD~5 --format json
    """
    from ..queries import Rows

    if revs and (old or new):
        raise click.UsageError("give two graph files, or --rev, not both")
    if len(revs) > 2:
        raise click.UsageError("--rev at most twice: the old revision, then the new")
    if revs:
        newer = revs[1] if len(revs) == 2 else None
        found = api.diff_revisions(revs[0], newer, _progress, _data(ctx))
    elif old and new:
        found = api.diff_graphs(old, new)
    else:
        raise click.UsageError("give two graph files (OLD NEW), or --rev OLD [--rev NEW]")
    if fmt == "json":
        click.echo(json.dumps(found.as_dict(), ensure_ascii=False, indent=2))
        return
    counts = f"{len(found.added)} added, {len(found.removed)} removed, {len(found.changed)} changed"
    if fmt == "table":
        click.echo(f"claims: {counts}" if not found.unchanged else "claims: no change")
        if found.unchanged:
            return
    emit(Rows(["change", "claim", "what"], found.rows()), fmt)
