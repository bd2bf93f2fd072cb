"""Result formats and content negotiation (server/results.py), directly: the Accept header read
into q-values, the format chosen for each query form, and every writer's bytes, exactly."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from serge_graph.namespaces import ID, PREFIXES, SG
from serge_graph.server import results
from serge_graph.server.results import NotAcceptableError, choose_format, choose_from, parse_accept

SERGE = ID["person/victor-serge"]
# A row of each kind of term, and a row with an unbound value
ROWS = [
    (SERGE, Literal("Victor Serge", lang="en"), Literal(1947)),
    (BNode("b0"), Literal('Kibalchich, "Serge"\tand <Vlady>'), None),
]
NAMES = ["person", "name", "year"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# --- reading Accept ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "ranges"),
    [
        (None, []),
        ("", []),
        (" , ,", []),
        ("text/csv", [("text/csv", 1.0)]),
        ("TEXT/CSV ; Q=0.25", [("text/csv", 0.25)]),
        ("text/csv;q=2, text/*;q=-1", [("text/csv", 1.0), ("text/*", 0.0)]),
        ("text/csv;q=high", [("text/csv", 0.0)]),  # a malformed weight refuses
        ("text/csv;q=", [("text/csv", 0.0)]),
        ("text/csv;charset=utf-8;q=0.5", [("text/csv", 0.5)]),
        ("text/csv;level=1", [("text/csv", 1.0)]),
        (
            "application/sparql-results+json;q=0.9,text/csv , */*;q=0.1",
            [("application/sparql-results+json", 0.9), ("text/csv", 1.0), ("*/*", 0.1)],
        ),
    ],
)
def test_accept_is_read_into_media_ranges_and_q_values(header, ranges):
    assert parse_accept(header) == ranges


# --- choosing a format -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "header", "chosen"),
    [
        ("SELECT", None, "json"),  # nothing asked: the first format is the default
        ("ASK", "", "json"),
        ("CONSTRUCT", None, "turtle"),
        ("DESCRIBE", None, "turtle"),
        ("SELECT", "*/*", "json"),
        ("CONSTRUCT", "*/*", "turtle"),
        ("SELECT", "text/*", "csv"),  # a tie: the server's order
        ("SELECT", "text/tab-separated-values, text/csv", "csv"),  # a tie, whatever the order
        ("SELECT", "text/csv;q=0.5, text/tab-separated-values;q=0.6", "tsv"),
        ("SELECT", "text/*;q=0.9, text/csv;q=0.2", "tsv"),  # csv's own range says 0.2
        ("SELECT", "application/*;q=0.5, text/csv;q=0.5", "csv"),  # more specific on a tie
        ("SELECT", "application/xml", "xml"),
        ("SELECT", "text/xml;q=0.3, */*;q=0.2", "xml"),
        ("SELECT", "application/json;q=0.1, application/sparql-results+xml;q=0.2", "xml"),
        ("ASK", "text/csv, application/sparql-results+xml;q=0.5", "xml"),
        ("CONSTRUCT", "text/plain", "nt"),
        ("CONSTRUCT", "application/x-turtle;q=0.5, application/n-triples;q=0.4", "turtle"),
        ("CONSTRUCT", "application/json-ld", "json-ld"),
        ("CONSTRUCT", "application/xml", "xml"),
        ("DESCRIBE", "application/rdf+xml;q=0.9, text/turtle;q=0.8", "xml"),
        # the first range naming a type is the one that counts, not the last
        ("SELECT", "text/csv;q=0.1, text/csv;q=0.9, application/json;q=0.5", "json"),
        ("SELECT", "text/csv;q=0, */*", "json"),
        ("SELECT", "application/sparql-results+json;q=0, */*;q=0.5", "xml"),
    ],
)
def test_the_format_follows_the_best_ranked_acceptable_range(form, header, chosen):
    assert choose_format(form, parse_accept(header)) == chosen


def test_the_format_parameter_wins_over_accept():
    assert choose_format("SELECT", parse_accept("text/csv"), "tsv") == "tsv"
    assert choose_format("CONSTRUCT", parse_accept("text/turtle"), "json-ld") == "json-ld"
    assert choose_format("SELECT", parse_accept("text/csv"), "") == "csv"  # blank: Accept decides


def test_a_format_the_form_does_not_have_is_not_acceptable():
    with pytest.raises(NotAcceptableError) as raised:
        choose_format("ASK", [], "csv")
    assert raised.value.offered == ["json", "xml"]
    assert str(raised.value) == (
        "no result format of a ASK query is acceptable to this request's Accept header; "
        "a ASK result comes as json, xml"
    )


@pytest.mark.parametrize(
    ("form", "header"),
    [
        ("SELECT", "text/html"),
        ("SELECT", "text/csv;q=0, text/tab-separated-values;q=0, application/*;q=0"),
        ("CONSTRUCT", "text/csv"),
        ("ASK", "text/csv, text/tab-separated-values"),
        ("SELECT", "*/*;q=0"),
    ],
)
def test_nothing_acceptable_names_the_media_types_there_are(form, header):
    with pytest.raises(NotAcceptableError) as raised:
        choose_format(form, parse_accept(header))
    media = list(results.FORMATS_BY_FORM[form].values())
    assert raised.value.offered == media
    assert str(raised.value).endswith(f"a {form} result comes as {', '.join(media)}")


def test_choose_from_a_resource_s_own_formats():
    page = {"html": "text/html", "turtle": "text/turtle"}
    assert choose_from(page, []) == "html"
    assert choose_from(page, parse_accept("text/turtle, text/html;q=0.9")) == "turtle"
    with pytest.raises(NotAcceptableError) as raised:
        choose_from(page, parse_accept("application/json"))
    assert raised.value.offered == ["text/html", "text/turtle"]
    assert str(raised.value).startswith("no result format of a this resource query")


# --- writing results -------------------------------------------------------------------

HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'


def test_select_json_is_the_w3c_json_results_format_exactly():
    assert results.write_select("json", NAMES, iter(ROWS)) == (
        b'{"head": {"vars": ["person", "name", "year"]}, "results": {"bindings": ['
        b'{"person": {"type": "uri", "value": "https://w3id.org/serge-graph/id/person/victor-serge"},'
        b' "name": {"type": "literal", "value": "Victor Serge", "xml:lang": "en"},'
        b' "year": {"type": "literal", "value": "1947",'
        b' "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}, '
        b'{"person": {"type": "bnode", "value": "b0"},'
        b' "name": {"type": "literal", "value": "Kibalchich, \\"Serge\\"\\tand <Vlady>"}}]}}'
    )


def test_select_json_keeps_non_ascii_text_as_utf8():
    row = [(Literal("Julián Gorkin — “Serge”"),)]
    assert (
        results.write_select("json", ["name"], row)
        == (
            '{"head": {"vars": ["name"]}, "results": {"bindings": ['
            '{"name": {"type": "literal", "value": "Julián Gorkin — “Serge”"}}]}}'
        ).encode()
    )


def test_select_xml_is_the_w3c_xml_results_format_exactly():
    assert (
        results.write_select("xml", NAMES, ROWS)
        == (
            f"{HEAD}<head>"
            '<variable name="person"/><variable name="name"/><variable name="year"/>'
            "</head><results><result>"
            '<binding name="person"><uri>https://w3id.org/serge-graph/id/person/victor-serge</uri>'
            "</binding>"
            '<binding name="name"><literal xml:lang="en">Victor Serge</literal></binding>'
            '<binding name="year"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">1947'
            "</literal></binding>"
            "</result><result>"
            '<binding name="person"><bnode>b0</bnode></binding>'
            '<binding name="name"><literal>Kibalchich, "Serge"\tand &lt;Vlady&gt;</literal></binding>'
            "</result></results></sparql>\n"
        ).encode()
    )


def test_select_xml_escapes_iris_and_attributes():
    row = [(URIRef("urn:a&b<c"), BNode("x&y"), Literal("d", datatype=URIRef('urn:t"&')))]
    assert (
        results.write_select("xml", ['v"1', "v2", "v3"], row)
        == (
            f"{HEAD}<head>"
            '<variable name=\'v"1\'/><variable name="v2"/><variable name="v3"/>'
            "</head><results><result>"
            "<binding name='v\"1'><uri>urn:a&amp;b&lt;c</uri></binding>"
            '<binding name="v2"><bnode>x&amp;y</bnode></binding>'
            '<binding name="v3"><literal datatype=\'urn:t"&amp;\'>d</literal></binding>'
            "</result></results></sparql>\n"
        ).encode()
    )


def test_select_xml_with_no_rows():
    assert (
        results.write_select("xml", ["x"], [])
        == (f'{HEAD}<head><variable name="x"/></head><results></results></sparql>\n').encode()
    )


def test_select_csv_is_rfc4180_with_plain_values():
    assert results.write_select("csv", NAMES, ROWS) == (
        b"person,name,year\r\n"
        b"https://w3id.org/serge-graph/id/person/victor-serge,Victor Serge,1947\r\n"
        b'_:b0,"Kibalchich, ""Serge""\tand <Vlady>",\r\n'
    )


def test_select_tsv_writes_turtle_terms():
    assert results.write_select("tsv", NAMES, ROWS) == (
        b"?person\t?name\t?year\n"
        b'<https://w3id.org/serge-graph/id/person/victor-serge>\t"Victor Serge"@en\t'
        b'"1947"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
        b'_:b0\t"Kibalchich, \\"Serge\\"\\tand <Vlady>"\t\n'
    )
    # a long literal keeps Turtle's triple quotes; its line break is escaped all the same
    multiline = [(Literal("a\nb", datatype=URIRef(XSD_STRING)),)]
    assert results.write_select("tsv", ["x"], multiline) == (
        f'?x\n"""a\\nb"""^^<{XSD_STRING}>\n'.encode()
    )
    assert results.write_select("tsv", ["x"], []) == b"?x\n"


@pytest.mark.parametrize(
    ("fmt", "answer", "written"),
    [
        ("json", True, b'{"head": {}, "boolean": true}'),
        ("json", False, b'{"head": {}, "boolean": false}'),
        ("xml", True, f"{HEAD}<head/><boolean>true</boolean></sparql>\n".encode()),
        ("xml", False, f"{HEAD}<head/><boolean>false</boolean></sparql>\n".encode()),
    ],
)
def test_ask_answers_exactly(fmt, answer, written):
    assert results.write_ask(fmt, answer) == written


def test_a_graph_is_written_with_the_given_prefixes():
    triples = [
        (SERGE, SG.diedIn, ID["place/mexico-city"]),
        (SERGE, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Victor Serge")),
    ]
    prefixes = {p: str(n) for p, n in PREFIXES.items()}
    turtle = results.write_graph("turtle", iter(triples), prefixes).decode("utf-8")
    assert "@prefix sg: <https://w3id.org/serge-graph/ontology#> ." in turtle
    assert "    sg:diedIn <https://w3id.org/serge-graph/id/place/mexico-city> ." in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == set(triples)
    nt = results.write_graph("nt", triples, {}).decode("utf-8")
    assert sorted(nt.strip().split("\n")) == sorted(
        f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples
    )


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("json-ld", "json-ld"), ("xml", "xml")])
def test_a_graph_with_non_ascii_text_is_written_as_utf8(fmt, rdflib_format):
    triples = [(ID["person/julian-gorkin"], SG.name, Literal("Julián Gorkin", lang="es"))]
    written = results.write_graph(fmt, triples, {"sg": str(SG)})
    assert "Julián Gorkin".encode() in written
    assert set(Graph().parse(data=written.decode("utf-8"), format=rdflib_format)) == set(triples)


def test_empty_items_of_accept_are_skipped_not_the_end_of_it():
    assert parse_accept("text/csv,,application/xml") == [
        ("text/csv", 1.0),
        ("application/xml", 1.0),
    ]
    assert parse_accept("text/csv;q=0.5=1") == [("text/csv", 0.0)]  # a malformed weight


def test_a_type_range_beats_the_any_range_wherever_it_stands():
    # n-triples gets 0.9 from */*; turtle's own text/* says 0.2, more specific than */*
    assert choose_format("CONSTRUCT", parse_accept("*/*;q=0.9, text/*;q=0.2")) == "nt"
