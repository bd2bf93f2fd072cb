"""The query linter: each finding's exact sentence, where each front shows it (standard error,
a Python warning), every saved query clean, and the ontology's axioms true of the built graph
(a disjointness or a domain the data broke would make the linter cry wolf)."""

from __future__ import annotations

import warnings

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from serge_graph import api
from serge_graph.cli import main
from serge_graph.errors import QueryWarning, SergeGraphWarning
from serge_graph.lint import lint, load_ontology
from serge_graph.namespaces import SG
from serge_graph.project import resolve_paths
from serge_graph.queries import parse_query, saved_queries

QUERIES = saved_queries(resolve_paths().queries)
runner = CliRunner()


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(resolve_paths().ontology)


def findings(text: str, ontology) -> list[str]:
    return lint(parse_query(text), ontology)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELECT ?n WHERE { ?p a sg:Persn ; rdfs:label ?n }",
            ["sg:Persn is not in the vocabulary; did you mean sg:Person?"],
        ),
        (  # in a path, a FILTER and VALUES too; case does not hide the nearest term
            "SELECT ?q WHERE { VALUES ?t { sg:Murdr } ?c a ?t ; sg:evidence/sg:qoute ?q ."
            " FILTER(?t != sg:memberof) }",
            [
                "sg:Murdr is not in the vocabulary; did you mean sg:Murder?",
                "sg:memberof is not in the vocabulary; did you mean sg:memberOf?",
                "sg:qoute is not in the vocabulary; did you mean sg:quote?",
            ],
        ),
        (
            "SELECT ?x WHERE { ?x a sg:Zebra }",
            ["sg:Zebra is not in the vocabulary"],
        ),
        (
            "SELECT ?d WHERE { ?x a sg:Place ; sg:birthDate ?d }",
            [
                "?x is a sg:Place, but sg:birthDate applies only to a sg:Person: "
                "?x sg:birthDate ?d can never match"
            ],
        ),
        (  # a domain inherited from sg:participant; two domains that exclude each other
            "SELECT ?d WHERE { ?x sg:victim ?v ; sg:birthDate ?d }",
            [
                "sg:birthDate applies only to a sg:Person, but sg:victim applies only to a "
                "sg:Event: ?x sg:victim ?v can never match"
            ],
        ),
        (
            "SELECT ?c WHERE { ?c sg:evidence ?e . ?e a sg:Claim }",
            [
                "?e is a sg:Claim, but sg:evidence leads only to a sg:Evidence: "
                "?c sg:evidence ?e can never match"
            ],
        ),
        (
            'SELECT ?p WHERE { ?p sg:memberOf "POUM" }',
            [
                'sg:memberOf links to a resource, never to a text or number: ?p sg:memberOf "POUM" '
                'can never match; match its label instead: ?p sg:memberOf/rdfs:label "POUM"'
            ],
        ),
        (
            "SELECT ?l WHERE { ?p sg:deathDate ?d . ?d rdfs:label ?l }",
            [
                "?d is a value of sg:deathDate, a literal, and a literal is never the subject "
                "of a pattern: ?d rdfs:label ?l can never match"
            ],
        ),
    ],
)
def test_each_finding_in_its_exact_words(ontology, query, expected):
    assert findings(query, ontology) == expected


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?d WHERE { ?x a sg:Person ; sg:birthDate ?d }",  # the domain itself
        "SELECT ?d WHERE { ?x a sg:Agent ; sg:birthDate ?d }",  # wider than the domain
        "SELECT ?d WHERE { ?x a sg:Murder ; sg:victim ?v }",  # narrower than the domain
        "SELECT ?c WHERE { ?c a sg:Correction ; sg:evidence ?e }",  # a correction is a claim too
        "SELECT ?x WHERE { ?x a foaf:Person ; sg:birthDate ?d }",  # another vocabulary
        'SELECT ?p WHERE { ?p sg:memberOf/rdfs:label "POUM" }',
    ],
)
def test_what_can_match_gives_no_finding(ontology, query):
    assert findings(query, ontology) == []


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_saved_query_lints_clean(ontology, name):
    assert findings(QUERIES[name].text, ontology) == []


def test_the_ontology_s_disjoint_classes_share_no_node_in_the_graph(graph):
    pairs = list(graph.subject_objects(OWL.disjointWith))
    assert len(pairs) == 6 + 28
    for one, other in pairs:
        both = set(graph.subjects(RDF.type, one)) & set(graph.subjects(RDF.type, other))
        assert not both, (one, other, sorted(both)[:3])
        for cls in (one, other):  # no empty class: the axiom says something
            assert set(graph.subjects(RDF.type, cls)), cls


def test_every_declared_domain_and_range_holds_in_the_graph(graph, ontology):
    for prop, domain in ontology.domains.items():
        for subject in set(graph.subjects(prop, None)):
            assert (subject, RDF.type, domain) in graph, (prop, subject, domain)
    for prop, value_class in ontology.ranges.items():
        for value in set(graph.objects(None, prop)):
            if isinstance(value, Literal):  # a datatype property's range is the literal's type
                assert value.datatype == value_class, (prop, value, value_class)
            else:
                assert (value, RDF.type, value_class) in graph, (prop, value, value_class)
    assert ontology.domains[SG.seriouslyInjured] == SG.Event  # inherited down three levels
    assert URIRef(SG.birthDate) in set(graph.subjects(RDFS.domain, SG.Person))


def test_the_api_warns_with_a_query_warning_at_the_caller_s_line():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = api.query("SELECT ?n WHERE { ?p a sg:Persn ; rdfs:label ?n }")
    assert rows.rows == []
    assert [str(w.message) for w in caught] == [
        "sg:Persn is not in the vocabulary; did you mean sg:Person?"
    ]
    assert caught[0].category is QueryWarning and issubclass(QueryWarning, SergeGraphWarning)
    assert caught[0].filename == __file__


def test_a_clean_query_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", SergeGraphWarning)
        assert api.run_saved("murdered-in-madrid").column("victim") == ["Andrés Nin"]


def test_the_command_line_names_the_finding_on_standard_error():
    result = runner.invoke(
        main, ["query", "SELECT ?d WHERE { ?x a sg:Place ; sg:birthDate ?d }", "--format", "csv"]
    )
    assert result.exit_code == 0
    assert result.stdout == "d\n"
    assert result.stderr.splitlines()[-1] == (
        "Warning: ?x is a sg:Place, but sg:birthDate applies only to a sg:Person: "
        "?x sg:birthDate ?d can never match"
    )
    clean = runner.invoke(main, ["query", "--saved", "murders", "--format", "csv"])
    assert "Warning" not in clean.stderr
