"""The serge-graph command line: a thin front over the library.

Only this module imports click, and only here do the library's exceptions
become messages and exit codes (1 for bad data, 2 for bad usage or query).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .choices import GRAPH_IRI, PROJECTIONS, STORES
from .choices import VIRTUOSO_PASSWORD_VARIABLE as PASSWORD_VARIABLE
from .errors import (
    AnnotationError,
    EntityNotFoundError,
    QuerySyntaxError,
    SergeGraphError,
    UnknownQueryError,
)
from .lazy import OnFirstUse

if TYPE_CHECKING:
    from .queries import Rows


api = OnFirstUse("serge_graph.api")  # `--help` loads neither rdflib nor networkx

FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def reports_errors(command: Callable) -> Callable:
    """Turn the library's errors into a message without a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QuerySyntaxError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)
        except (UnknownQueryError, EntityNotFoundError) as error:
            raise click.UsageError(str(error)) from None
        except AnnotationError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)
        except SergeGraphError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def format_option(command: Callable) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people, csv or json for programs.",
    )(command)


def store_options(command: Callable) -> Callable:
    """--store and --store-path, for the commands that query."""
    command = click.option(
        "--store-path",
        type=click.Path(file_okay=False, path_type=Path),
        help="Keep the oxigraph store in this folder; reloaded only when the data changes.",
    )(command)
    return click.option(
        "--store",
        type=click.Choice(STORES),
        default="oxigraph",
        show_default=True,
        help="oxigraph: SPARQL in Rust (pyoxigraph), the default; memory: rdflib's own evaluator.",
    )(command)


def html_out_option(default: str) -> Callable:
    """--out FILE for the commands that write a page (written atomically)."""
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help="HTML file to write.",
    )


def emit(rows: Rows, fmt: str) -> None:
    """Print rows as an aligned table, CSV, or JSON (a list of objects)."""
    if fmt == "json":
        click.echo(json.dumps(rows.as_dicts(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows.rows])
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(table(rows))


def table(rows: Rows) -> str:
    cells = [[" ".join((v or "").split()) for v in row] for row in rows.rows]
    widths = [
        max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(rows.columns)
    ]
    line = "  ".join(name.ljust(w) for name, w in zip(rows.columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *body, count])


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


def _data(ctx: click.Context) -> Path | None:
    return ctx.obj.get("data")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write serge.ttl into.",
)
@click.pass_context
@reports_errors
def build(ctx: click.Context, out: Path) -> None:
    """Build the graph and write OUT/serge.ttl (atomically: all or nothing).

    \b
    Examples:
      serge-graph build
      serge-graph build --out /tmp/graph
    """
    graph = api.build(_data(ctx), progress=_progress)
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
    _progress("checking the graph against the SHACL shapes")
    violations = api.check_graph(graph, _data(ctx))
    if violations:
        click.echo(f"SHACL: {len(violations)} violations", err=True)
        for violation in violations:
            click.echo(f"  {violation}", err=True)
        sys.exit(1)
    click.echo(f"SHACL: OK ({len(graph)} triples conform to the shapes)")


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "--file", "file", type=click.File("r", encoding="utf-8"), help="Read the query from a file."
)
@click.option("--saved", metavar="NAME", help="Run a saved query from queries/ by name.")
@click.option(
    "--list", "list_saved", is_flag=True, help="List the saved queries and their questions."
)
@store_options
@format_option
@click.pass_context
@reports_errors
def query(ctx, sparql, file, saved, list_saved: bool, store: str, store_path, fmt: str) -> None:
    """Run a SPARQL query (SELECT or ASK) against the graph.

    The usual prefixes (sg:, rdf:, rdfs:, skos:, oa:, prov:, schema:, xsd: …)
    are predefined. A syntax error is reported with its line and column
    (exit status 2).

    \b
    Examples:
      serge-graph query --list
      serge-graph query --saved murders --format json
      serge-graph query 'SELECT ?name WHERE { ?p a sg:Person ; rdfs:label ?name } ORDER BY ?name'
      serge-graph query --file my-question.rq --format csv
      serge-graph query --saved murders --store oxigraph --store-path build/oxigraph
    """
    if list_saved:
        emit(api.list_saved_queries(_data(ctx)), fmt)
        return
    chosen = [x for x in (sparql, file, saved) if x]
    if len(chosen) != 1:
        raise click.UsageError("give one of: a SPARQL string, --file F, --saved NAME (or --list)")
    if saved:
        text = api.saved_query_text(saved, _data(ctx))
    else:
        text = file.read() if file else sparql
    api.parse_query(text)  # syntax errors before the slow build
    if store_path and store != "oxigraph":
        raise click.UsageError("--store-path needs --store oxigraph")
    rows = api.query(text, data=_data(ctx), progress=_progress, store=store, store_path=store_path)
    emit(rows, fmt)


@main.command()
@click.argument("name")
@format_option
@click.pass_context
@reports_errors
def show(ctx: click.Context, name: str, fmt: str) -> None:
    """Everything the graph says about an entity, each fact with its quote and speaker.

    NAME is a name or alias as the text writes it, in any case, with or
    without accents, or the entity's id.

    \b
    Examples:
      serge-graph show Umansky
      serge-graph show "lazaro cardenas"
      serge-graph show poum --format json
    """
    corpus = api.load_corpus(_data(ctx), progress=_progress)
    entity = api.find_entity(corpus, name)
    graph = api.build_graph(corpus)
    facts = api.entity_facts(graph, corpus.iri(entity.id))
    if fmt == "table":
        click.echo(f"{entity.name} ({entity.type}, {corpus.iri(entity.id)})")
        if entity.aliases:
            click.echo("also: " + ", ".join(entity.aliases))
        if entity.description:
            click.echo(entity.description)
        for correction in entity.corrections:
            click.echo(
                f"spelling: the text writes {correction.text_form!r}; "
                f"{correction.correct_form!r} from {correction.origin}"
            )
        mentions = sum(1 for m in corpus.annotations.mentions if m.entity == entity.id)
        click.echo(f"mentioned {mentions} times\n")
    emit(facts, fmt)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORT_FORMATS)),
    default="ttl",
    show_default=True,
    help="RDF syntax.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_context
@reports_errors
def export(ctx: click.Context, fmt: str, out: Path | None) -> None:
    """Export the graph as Turtle, N-Triples, JSON-LD or TriG.

    \b
    Examples:
      serge-graph export --format nt --out build/serge.nt
      serge-graph export --format jsonld > serge.jsonld
    """
    graph = api.build(_data(ctx), progress=_progress)
    if out:
        api.write_graph(graph, out, EXPORT_FORMATS[fmt])
        click.echo(f"wrote {out} ({len(graph)} triples)", err=True)
    else:
        sys.stdout.buffer.write(api.serialize_graph(graph, EXPORT_FORMATS[fmt]))


@main.command()
@format_option
@click.pass_context
@reports_errors
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts by type, and claims by speaker.

    \b
    Examples:
      serge-graph stats
      serge-graph stats --format json
    """
    graph = api.build(_data(ctx), progress=_progress)
    counts, speakers = api.type_counts(graph), api.claims_by_speaker(graph)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"types": counts.as_dicts(), "speakers": speakers.as_dicts()},
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    emit(counts, fmt)
    click.echo()
    emit(speakers, fmt)


@main.command()
@format_option
@click.option("--all", "show_all", is_flag=True, help="Also list mentions for every entity.")
@click.pass_context
@reports_errors
def coverage(ctx: click.Context, fmt: str, show_all: bool) -> None:
    """What the annotations cover, and every capitalised name they leave unnoticed.

    Lists entities by type, claims by speaker and by part, the most mentioned
    entities, then the gaps: capitalised words that are neither a name, an
    alias nor in data/annotations/ignore.yaml; narrative paragraphs and notes
    without a claim; entities in no claim. Exit status 1 when there are gaps.

    \b
    Examples:
      serge-graph coverage
      serge-graph coverage --format json | jq .uncovered_names
    """
    report = api.coverage(_data(ctx), progress=_progress)
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
    from .queries import Rows

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
@click.argument("a")
@click.argument("b")
@click.option(
    "--max",
    "max_paths",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="How many shortest paths to show.",
)
@format_option
@click.pass_context
@reports_errors
def path(ctx, a: str, b: str, max_paths: int, fmt: str) -> None:
    """The shortest connections between two entities, each hop with its quote and speaker.

    \b
    Examples:
      serge-graph path Serge Beria
      serge-graph path "Andrés Nin" Umansky --max 5 --format json
    """
    graph, paths = api.paths_between(a, b, max_paths, _data(ctx))
    if not paths:
        raise click.ClickException(f"no connection between {a!r} and {b!r}")
    label = lambda node: graph.nodes[node]["label"]  # noqa: E731
    rows = []
    for number, hops in enumerate(paths, 1):
        for step, hop in enumerate(hops, 1):
            left, right = (hop.source, hop.target) if hop.forward else (hop.target, hop.source)
            rows.append(
                [
                    str(number),
                    str(step),
                    label(left),
                    hop.relation,
                    label(right),
                    hop.quote,
                    hop.speaker,
                    hop.certainty,
                ]
            )
    columns = ["path", "hop", "from", "relation", "to", "quote", "speaker", "certainty"]
    emit(api.Rows(columns, rows), fmt)


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
    from .web.endpoint import EndpointConfig
    from .web.endpoint import serve as run_server

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
    from .publish import VirtuosoTarget, publish_to_virtuoso

    target = VirtuosoTarget(isql, user, password, graph_iri)
    _progress(f"loading {file} into <{graph_iri}> at {isql}")
    triples = publish_to_virtuoso(file, target)
    click.echo(f"published {file} to Virtuoso at {isql}: <{graph_iri}> holds {triples} triples")


if __name__ == "__main__":
    main()
