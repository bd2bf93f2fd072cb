"""Every address of the graph answers when served: one IRI of each kind (entity, event, claim,
a claim's evidence, source, paragraph, mention, reference, the dataset) gives a browser its page
and a program its description, by Accept, with Vary: Accept; 406 where nothing fits, 404 for
an unknown IRI, never a 500."""

from __future__ import annotations

import httpx
import pytest
from rdflib import RDF, Graph, URIRef

from serge_graph.namespaces import ID, SG

from .html_tree import parse
from .serving import running_server

pytestmark = pytest.mark.slow  # a served endpoint with its query workers

KINDS = {  # one IRI of each kind, picked from the graph by a pattern
    "entity": "?x a sg:Person",
    "event": "?x a sg:Event",
    "claim": "?x a sg:Claim",
    "evidence": "?x a sg:Evidence",
    "source": "?x a sg:Source",
    "paragraph": "?x a sg:Paragraph",
    "mention": "?x a sg:Mention",
    "reference": "?x a sg:Reference",
}
FORMATS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve-iris") / "server.log"
    with running_server(log, "--store", "memory") as server:
        yield server
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def iris(graph) -> dict[str, str]:
    picked = {}
    for kind, pattern in KINDS.items():
        rows = graph.query(f"PREFIX sg: <{SG}> SELECT ?x WHERE {{ {pattern} }} ORDER BY ?x LIMIT 1")
        picked[kind] = str(next(iter(rows))[0])
    return picked


def _url(served, iri: str) -> str:
    return served.url + "/" + iri.removeprefix("https://w3id.org/serge-graph/")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_of_iri_answers_a_browser_with_its_page(served, iris, kind):
    response = httpx.get(_url(served, iris[kind]), headers={"Accept": "text/html"})
    assert response.status_code == 200, (kind, response.text[:200])
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["vary"] == "Accept"
    assert parse(response.text).find_all("h1"), kind


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize(("accept", "rdf_format"), FORMATS)
def test_every_kind_of_iri_answers_a_program_with_its_triples(
    served, graph, iris, kind, accept, rdf_format
):
    iri = URIRef(iris[kind])
    response = httpx.get(_url(served, iri), headers={"Accept": accept})
    assert response.status_code == 200, (kind, response.text[:200])
    assert response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    described = Graph().parse(data=response.text, format=rdf_format)
    own = set(graph.triples((iri, None, None)))
    assert own and own <= set(described), kind  # every triple of its own is there


def test_a_claim_page_served_is_the_written_one(served, iris):
    iri = iris["claim"]
    page = httpx.get(_url(served, iri), headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.content == httpx.get(_url(served, iri) + ".html").content


def test_nothing_acceptable_is_406_and_an_unknown_iri_404(served, iris):
    for iri in (iris["claim"], iris["reference"], str(ID["dataset"]).replace("/id/", "/")):
        answer = httpx.get(_url(served, iri), headers={"Accept": "image/png"})
        assert answer.status_code == 406 and answer.headers["vary"] == "Accept", iri
    assert httpx.get(served.url + "/id/claim/no-such-claim").status_code == 404
    assert httpx.get(served.url + "/id/claim/no-such-claim/evidence-1").status_code == 404


@pytest.mark.parametrize("path", ["/.well-known/void", "/dataset"])
def test_the_dataset_answers_a_browser_and_a_program(served, graph, path):
    browser = httpx.get(
        served.url + path,
        headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    )
    assert browser.status_code == 200 and browser.headers["content-type"].startswith("text/html")
    assert browser.headers["vary"] == "Accept"
    assert f"{len(graph):,}" in parse(browser.text).text()
    turtle = httpx.get(served.url + path, headers={"Accept": "text/turtle"})
    void = Graph().parse(data=turtle.text, format="turtle")
    dataset = URIRef("https://w3id.org/serge-graph/dataset")
    assert (dataset, RDF.type, URIRef("http://rdfs.org/ns/void#Dataset")) in void


def test_a_withdrawn_claims_iri_is_gone_with_its_page(served, graph):
    """A claim of data/retired-claims.yaml: 410 Gone with the page saying when and why, to a
    browser and to a program alike (it has no triples left); a claim never made stays 404."""
    from serge_graph.project import project_root
    from serge_graph.retired import read_retired

    tombstone = read_retired(project_root() / "data")[0]
    assert (URIRef(tombstone.iri), None, None) not in graph
    for accept in ("text/html", "text/turtle"):
        response = httpx.get(_url(served, tombstone.iri), headers={"Accept": accept})
        assert response.status_code == 410, (accept, response.text[:200])
        assert response.headers["content-type"].startswith("text/html")
        assert "This claim was withdrawn on" in response.text
    never = httpx.get(_url(served, tombstone.iri + "-never-made"))
    assert never.status_code == 404
