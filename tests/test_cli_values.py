"""The command line's values, not its words: outputs parsed as CSV or JSON and compared with
rows derived independently (from the annotations, or from the graph by rdflib's own triple
access), error messages checked for their exact line, column and caret, ego networks checked
against networkx's own nx.ego_graph, and paths checked hop by hop against the claims."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from serge_graph import api
from serge_graph.cli import main
from serge_graph.links import corpus_links
from serge_graph.namespaces import OA, SG
from serge_graph.network import full_projection, simple_view

from .test_places import points

# CliRunner keeps standard error apart in result.stderr (click >= 8.2).
runner = CliRunner()


def run(*args: str, code: int = 0):
    result = runner.invoke(main, list(args))
    assert result.exit_code == code, (result.output, result.exception)
    return result


def commands(group: click.Group, path: tuple[str, ...] = ()):
    """Every command path of a click group, found recursively (a group is a command too)."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


ALL_COMMANDS = list(commands(main))


def test_the_command_list_is_discovered_from_click():
    names = {" ".join(path) for path in ALL_COMMANDS}
    assert {"network", "network stats", "path", "timeline", "serve", "query"} <= names


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_examples_section(path):
    """--help exits 0 and has an "Examples:" section whose lines run this very command."""
    output = run(*path, "--help").output
    assert output.startswith(f"Usage: main {' '.join(path)} ") or output.startswith(
        f"Usage: serge-graph {' '.join(path)} "
    ), output.splitlines()[0]
    lines = output.splitlines()
    assert "Examples:" in [line.strip() for line in lines], output
    examples = lines[[line.strip() for line in lines].index("Examples:") + 1 :]
    runs = [line.strip() for line in examples if line.strip().startswith("serge-graph ")]
    assert runs, f"no example under Examples: in {' '.join(path)} --help"
    own = f"serge-graph {' '.join(path)}"
    assert any(r == own or r.startswith(own + " ") for r in runs), runs


# --- query -------------------------------------------------------------------------------

PEOPLE = "SELECT ?person ?name WHERE { ?person a sg:Person ; rdfs:label ?name }"


def people_from_the_graph(graph) -> list[list[str]]:
    return sorted(
        [str(person), str(graph.value(person, RDFS.label))]
        for person in set(graph.subjects(RDF.type, SG.Person))
    )


def test_query_csv_is_every_person_with_their_label(graph):
    parsed = list(csv.reader(io.StringIO(run("query", PEOPLE, "--format", "csv").stdout)))
    assert parsed[0] == ["person", "name"]
    assert sorted(parsed[1:]) == people_from_the_graph(graph)
    assert len(parsed) - 1 == 31


def test_query_json_is_every_person_with_their_label(graph):
    rows = json.loads(run("query", PEOPLE, "--format", "json").stdout)
    assert sorted([r["person"], r["name"]] for r in rows) == people_from_the_graph(graph)
    assert all(list(r) == ["person", "name"] for r in rows)


def test_query_table_counts_its_rows(graph):
    result = runner.invoke(main, ["query", PEOPLE], env={"COLUMNS": "200"})  # a row a line
    table = result.stdout.splitlines()
    assert table[0].split() == ["person", "name"]
    assert set(table[1]) <= {"-", " "}
    assert table[-1] == f"({len(people_from_the_graph(graph))} rows)"
    assert len(table) == 2 + 31 + 1


def test_saved_query_rows_equal_the_same_query_run_by_rdflib(graph, corpus):
    """A saved query through the CLI gives exactly the rows rdflib gives for its file."""
    path = corpus.paths.queries / "murders.rq"
    expected = graph.query(path.read_text(encoding="utf-8"))
    wanted = sorted(tuple("" if v is None else str(v) for v in row) for row in expected)
    rows = json.loads(run("query", "--saved", "murders", "--format", "json").stdout)
    got = sorted(tuple(r[str(v)] or "" for v in expected.vars) for r in rows)
    assert got == wanted and len(got) > 5


@pytest.mark.parametrize(
    ("query", "line", "column"),
    [
        ("SELECT ?x\nWHERE { ?x a sg:Person", 2, 23),  # the text ends before the closing brace
        ("SELECT ?x WHERE { ?x ?p ?o } }", 1, 30),  # one brace too many
        ("SELECT ?x WHERE {\n  ?x ?p ?o }\n\nLIMIT x", 4, 1),  # LIMIT without a number
        ('SELECT ?x WHERE { ?x rdfs:label "Andrés" } ñ', 1, 44),  # code points, not bytes
    ],
)
def test_a_syntax_error_names_its_line_and_column_and_puts_the_caret_there(query, line, column):
    result = run("query", query, code=2)
    lines = result.stderr.splitlines()
    assert re.fullmatch(
        rf"Error: SPARQL syntax error at line {line}, column {column}: .+", lines[0]
    ), lines[0]
    source_line = query.split("\n")[line - 1]
    assert lines[1] == "  " + source_line.rstrip()
    assert lines[2] == "  " + " " * (column - 1) + "^"
    assert len(lines) == 3 and result.stdout == ""
    assert "Traceback" not in result.output


# --- stats -----------------------------------------------------------------------------------


def test_stats_counts_equal_the_annotations(corpus):
    stats = json.loads(run("stats", "--format", "json").stdout)
    types = {row["type"]: int(row["count"]) for row in stats["types"]}
    annotations = corpus.annotations
    vocabulary = corpus.vocabulary
    kinds = Counter()
    for entity in annotations.entities.values():
        term = (vocabulary.event_types if entity.is_event else vocabulary.entity_types)[entity.type]
        for cls, kind in (
            (SG.Person, "person"),
            (SG.Group, "group"),
            (SG.Organisation, "organisation"),
            (SG.Place, "place"),
            (SG.Work, "work"),
            (SG.Event, "event"),
        ):
            if cls in vocabulary.superclasses(term):
                kinds[kind] += 1
    source = corpus.sources["gorkin-1957"]
    expected = {
        **kinds,
        # and a claim per point and per link out
        "claim": len(annotations.claims) + len(points(corpus)) + len(corpus_links(corpus)),
        "mention": len(annotations.mentions),
        "paragraph": len(source.paragraphs),
        "note": sum(p.note_number is not None for p in source.paragraphs),
        "source text": len(corpus.sources),
    }
    assert types == expected
    speakers = Counter(annotations.entities[c.speaker].name for c in annotations.claims)
    speakers["general knowledge"] += len(points(corpus)) + len(corpus_links(corpus))
    assert {row["speaker"]: int(row["claims"]) for row in stats["speakers"]} == dict(speakers)


# --- network --focus --depth -------------------------------------------------------------


@pytest.fixture(scope="module")
def full(graph):
    return full_projection(graph)


def edge_set(graph: nx.Graph) -> set:
    """Edges with their direction and key where the graph has them, else as unordered pairs."""
    if graph.is_multigraph():
        return set(graph.edges(keys=True))
    return {frozenset(edge) for edge in graph.edges()}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("projection", "focus", "depth"),
    [("full", "Gorkin", 1), ("full", "Umansky", 2), ("actors", "Serge", 1), ("full", "Nin", 3)],
)
def test_focus_and_depth_give_networkx_ego_graph(graph, projection, focus, depth, tmp_path):
    """The ego network is nx.ego_graph of the same projection, undirected, at that radius: the
    same nodes and the same edges; the CLI reports those counts."""
    whole = api.network_graph(projection)
    center = next(n for n, d in whole.nodes(data=True) if focus in (d["label"], *d["aliases"]))
    ego = nx.ego_graph(whole, center, radius=depth, undirected=True)
    got = api.network_graph(projection, focus=focus, depth=depth)
    assert set(got.nodes) == set(ego.nodes)
    assert edge_set(got) == edge_set(ego)
    out = tmp_path / "ego.html"
    printed = run(
        "network",
        "--projection",
        projection,
        "--focus",
        focus,
        "--depth",
        str(depth),
        "--out",
        str(out),
    ).stdout
    counts = f"({ego.number_of_nodes()} nodes, {ego.number_of_edges()} edges)"
    assert printed.strip() == f"wrote {out} {counts}"
    assert out.is_file()


# --- path, hop by hop -----------------------------------------------------------------------


def node_by_label(graph, label: str) -> URIRef:
    found = {
        s for s in graph.subjects(RDFS.label, None) if str(graph.value(s, RDFS.label)) == label
    }
    found = {n for n in found if (n, RDF.type, SG.Claim) not in graph}
    assert len(found) == 1, (label, found)
    return found.pop()


def claims_between(graph, subject: URIRef, obj: URIRef):
    for claim in graph.subjects(RDF.subject, subject):
        if (claim, RDF.object, obj) in graph and (claim, RDF.type, SG.Claim) in graph:
            yield claim


def evidence_quotes(graph, claim) -> set[str]:
    quotes = set()
    for evidence in graph.objects(claim, SG.evidence):
        target = graph.value(evidence, OA.hasTarget)
        for selector in graph.objects(target, OA.hasSelector):
            quotes |= {str(q) for q in graph.objects(selector, OA.exact)}
    return quotes


@pytest.mark.parametrize(("a", "b"), [("Serge", "Beria"), ("Andrés Nin", "Umansky")])
def test_every_hop_of_a_path_is_a_claim_in_its_direction_with_its_quote(graph, corpus, full, a, b):
    rows = json.loads(run("path", a, b, "--max", "5", "--format", "json").stdout)
    text = corpus.sources["gorkin-1957"].text
    simple = simple_view(full)
    source = next(n for n, d in full.nodes(data=True) if a in (d["label"], *d["aliases"]))
    target = next(n for n, d in full.nodes(data=True) if b in (d["label"], *d["aliases"]))
    shortest = nx.shortest_path_length(simple, source, target)
    paths = {}
    for row in rows:
        paths.setdefault(row["path"], []).append(row)
    assert len(paths) == 5  # strongest first, not only the shortest (tests/test_paths.py)
    for number, hops in paths.items():
        assert [h["hop"] for h in hops] == [str(i) for i in range(1, len(hops) + 1)], number
        assert len(hops) >= shortest
        walked = [URIRef(source)]
        for hop in hops:
            left, right = node_by_label(graph, hop["from"]), node_by_label(graph, hop["to"])
            # the hop's claim reads left -> right, with that relation, quote and speaker
            matching = [
                claim
                for claim in claims_between(graph, left, right)
                if str(graph.value(graph.value(claim, RDF.predicate), RDFS.label))
                == hop["relation"]
                and hop["quote"] in evidence_quotes(graph, claim)
                and str(graph.value(graph.value(claim, SG.speaker), RDFS.label)) == hop["speaker"]
            ]
            assert matching, f"path {number}: no claim {hop}"
            assert hop["quote"] in text
            # the hops chain from a to b
            here = walked[-1]
            assert here in (left, right), f"path {number}: hop {hop['hop']} leaves {here}"
            walked.append(right if here == left else left)
        assert walked[-1] == URIRef(target)
        assert len(set(walked)) == len(walked)
