"""query, show and path: questions to the graph."""

from __future__ import annotations

import click

from .app import main
from .common import (
    _data,
    _progress,
    api,
    emit,
    format_option,
    reports_errors,
    store_options,
    warnings_on_stderr,
)


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
    (exit status 2). A term the ontology lacks, or a pattern that can never
    match, is named on standard error ("Warning: sg:Persn is not in the
    vocabulary; did you mean sg:Person?"); the query still runs.

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
    if store_path and store != "oxigraph":
        raise click.UsageError("--store-path needs --store oxigraph")
    with warnings_on_stderr():
        rows = api.query(
            text, data=_data(ctx), progress=_progress, store=store, store_path=store_path
        )
        emit(rows, fmt)


@main.command()
@click.argument("name")
@click.option("--source", "source_id", metavar="ID", help="Only the facts this source states.")
@format_option
@click.pass_context
@reports_errors
def show(ctx: click.Context, name: str, source_id: str | None, fmt: str) -> None:
    """Everything the graph says about an entity, each fact with its quote, speaker and
    source.

    NAME is a name or alias as the text writes it, in any case, with or
    without accents, or the entity's id.

    \b
    Examples:
      serge-graph show Umansky
      serge-graph show "lazaro cardenas"
      serge-graph show poum --format json
      serge-graph show Umansky --source gorkin-1957
    """
    corpus = api.load_corpus(_data(ctx), progress=_progress)
    entity = api.find_entity(corpus, name)
    source = api.source_node(source_id, _data(ctx)) if source_id else None
    graph = api.build_graph(corpus)
    facts = api.entity_facts(graph, corpus.iri(entity.id), source)
    if fmt == "table":
        _echo_wrapped(f"{entity.name} ({entity.type}, {corpus.iri(entity.id)})")
        if entity.aliases:
            named = [
                f"{a} ({entity.language_of(a)})" if entity.language_of(a) else a
                for a in entity.aliases
            ]
            _echo_wrapped("also: " + ", ".join(named))
        if entity.description:
            _echo_wrapped(entity.description)
        for correction in entity.corrections:
            _echo_wrapped(
                f"spelling: the text writes {correction.text_form!r}; "
                f"{correction.correct_form!r} from {correction.origin}"
            )
        mentions = sum(
            1
            for m in corpus.annotations.mentions
            if m.entity == entity.id and (not source_id or m.span.source == source_id)
        )
        click.echo(f"mentioned {mentions} times{f' in {source_id}' if source_id else ''}\n")
        # a terminal's table: what a reader reads (the claim's IRI and source are in json/csv)
        keep = ["fact", "date", "quote", "speaker", "paragraph", "rank"]
        facts = api.Rows(keep, [[row[k] for k in keep] for row in facts.as_dicts()])
    emit(facts, fmt)


def _echo_wrapped(text: str) -> None:
    """A line of prose wrapped at the terminal's width."""
    import shutil
    import textwrap

    width = shutil.get_terminal_size((100, 24)).columns
    click.echo(textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False))


@main.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--k",
    "--max",
    "k",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="How many paths to show, strongest first (--max is the older name).",
)
@click.option("--max-length", type=click.IntRange(1), help="At most this many hops in a path.")
@click.option(
    "--via-types",
    metavar="T,T",
    help="Only these types between the two ends: person,group,organisation,place,work,event.",
)
@click.option(
    "--certainty",
    type=click.Choice(["stated", "implied", "inferred"]),
    default="inferred",
    show_default=True,
    help="Only claims at least this sure (stated is surest; inferred takes every claim).",
)
@click.option(
    "--through-groups",
    is_flag=True,
    help="Also pass through collective nodes (the Stalinists, the Communists, the Allies).",
)
@format_option
@click.pass_context
@reports_errors
def path(
    ctx, a: str, b: str, k: int, max_length, via_types, certainty: str, through_groups, fmt: str
) -> None:
    """The strongest connections between two entities, each hop with its quote and speaker.

    Strongest first: `cost` counts one for each hop, one more for each implied claim or
    tie to common ground (a membership, a place, a work, a group), two more for an inferred
    claim; the cheapest path comes first. Groups (the Stalinists, the Allies) are not passed
    through unless --through-groups.

    \b
    Examples:
      serge-graph path Serge Beria
      serge-graph path Serge Beria --k 5 --max-length 3 --certainty stated
      serge-graph path "Andrés Nin" Umansky --via-types person,organisation --format json
    """
    types = [t.strip() for t in via_types.split(",") if t.strip()] if via_types else None
    graph, paths = api.paths_between(
        a, b, k, max_length, types, certainty, _data(ctx), collective=through_groups
    )
    if not paths:
        raise click.ClickException(f"no connection between {a!r} and {b!r} with these options")
    emit(api.path_rows(graph, paths), fmt)
