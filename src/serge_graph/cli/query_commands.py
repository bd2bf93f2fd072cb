"""query, show and path: questions to the graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from .app import main
from .common import (
    _data,
    _progress,
    api,
    emit,
    format_option,
    reports_errors,
    store_options,
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
