"""Links out (data/links.yaml, links.py): each a claim by general knowledge that names the page
where it was read; none without one; shown on the entity's page, counted, listed."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS

from serge_graph import api
from serge_graph.errors import AnnotationError
from serge_graph.links import corpus_links, load_links
from serge_graph.namespaces import ID, SG
from serge_graph.project import resolve_paths
from serge_graph.queries import run_query, saved_queries
from serge_graph.shapes import check_shapes

from .html_tree import parse

PATHS = resolve_paths()
OUTSIDE = (FOAF.isPrimaryTopicOf, OWL.sameAs)
SCHEMA_URL = URIRef("https://schema.org/url")


def test_every_link_out_is_a_claim_by_general_knowledge_with_the_page_it_was_read_in(graph):
    """No outside IRI without a claim, and every such claim: general knowledge, inferred with
    its reason, the same triple as the plain one, a reference with the address consulted."""
    plain = {(s, p, o) for p in OUTSIDE for s, o in graph.subject_objects(p)}
    claims = {
        c for c in graph.subjects(RDF.type, SG.Claim) if graph.value(c, RDF.predicate) in OUTSIDE
    }
    assert len(plain) == len(claims) == 104
    stated = {
        (graph.value(c, RDF.subject), graph.value(c, RDF.predicate), graph.value(c, RDF.object))
        for c in claims
    }
    assert stated == plain  # no identifier, no article, without its claim
    for claim in claims:
        speaker = graph.value(claim, SG.speaker)
        assert str(graph.value(speaker, RDFS.label)) == "general knowledge", claim
        assert graph.value(claim, SG.certainty) == SG.Inferred, claim
        assert str(graph.value(claim, SG.certaintyReason)).startswith("general knowledge"), claim
        assert graph.value(claim, SG.evidence) is None, claim  # no words of the text
        reference = graph.value(claim, SG.reference)
        assert graph.value(reference, RDFS.label), claim
        consulted = str(graph.value(reference, SCHEMA_URL))
        # the link is read in the address consulted: the article itself, or an archive or a
        # proxy that names it whole
        target = str(graph.value(claim, RDF.object))
        assert target.split("://", 1)[1] in consulted, (claim, consulted)
    serge = ID["person/victor-serge"]
    assert (serge, FOAF.isPrimaryTopicOf, URIRef("https://en.wikipedia.org/wiki/Victor_Serge")) in (
        graph
    )


def test_a_page_consulted_has_one_title_wherever_the_data_cites_it(graph):
    """A reference is one node per address: a link that cites a page a correction also cites
    (Manuilsky's article, Gironella's archive record) must give it the same title, or the page
    gets two labels and every question that reads the label answers twice."""
    pages = {
        graph.value(c, SG.reference)
        for c in graph.subjects(RDF.type, SG.Claim)
        if graph.value(c, RDF.predicate) in OUTSIDE
    }
    assert len(pages) > 70
    for page in pages:
        assert len(set(graph.objects(page, RDFS.label))) == 1, page
        assert len(set(graph.objects(page, SCHEMA_URL))) == 1, page


def test_links_seen_only_in_a_copy_stay_out_of_the_graph(corpus, graph):
    everything = load_links(corpus.paths.data, corpus)
    suggested = [link for link in everything if link.suggested]
    assert len(suggested) == 20
    assert len(corpus_links(corpus)) == len(everything) - len(suggested) == 104
    for link in suggested:
        assert (None, None, URIRef(link.target)) not in graph, link.target
    beria = next(link for link in suggested if link.entity == "lavrenti-beria")
    assert beria.reference.url == "https://wikivisually.com/wiki/Lavrentiy_Beria"


@pytest.mark.parametrize(
    ("entry", "says", "line"),
    [
        (  # a link with no page consulted
            'victor-serge:\n  - {kind: wikipedia-en, url: "https://en.wikipedia.org/wiki/X"}',
            "needs the page consulted",
            4,  # the link's own line
        ),
        (  # an address that the page consulted does not show
            "victor-serge:\n  - {kind: wikipedia-en, url: 'https://en.wikipedia.org/wiki/X',"
            " seen_at: 'https://example.org/copy/X', title: a copy}",
            "nor read in it",
            4,  # the link's own line
        ),
        (  # a Wikidata identifier not of Wikidata's form
            "victor-serge:\n  - {kind: wikidata, id: '12345', seen_at: 'https://en.wikipedia.org/"
            "wiki/Victor_Serge', title: the article}",
            "gives its identifier",
            4,  # the link's own line
        ),
        (  # an English link that is not the English Wikipedia
            "victor-serge:\n  - {kind: wikipedia-en, url: 'https://fr.wikipedia.org/wiki/X',"
            " seen_at: 'https://fr.wikipedia.org/wiki/X', title: X}",
            "is not an article of Wikipedia (English)",
            4,  # the link's own line
        ),
        (  # an entity the annotations do not have
            "victor-sergei:\n  - {kind: reference-work, url: 'https://example.org/a',"
            " seen_at: 'https://example.org/a', title: A}",
            "not an entity of the annotations",
            3,  # the entity's line
        ),
    ],
)
def test_a_link_that_no_page_shows_is_refused_with_its_line(corpus, tmp_path, entry, says, line):
    (tmp_path / "links.yaml").write_text("# a comment\nlinks:\n  " + entry.replace("\n", "\n  "))
    with pytest.raises(AnnotationError) as raised:
        load_links(tmp_path, corpus)
    (problem,) = raised.value.problems
    assert problem.file == "links.yaml" and problem.line == line
    assert says in problem.message and problem.hint


@pytest.mark.parametrize("text", ["link:\n  vlady: []\n", "- links\n"])
def test_a_file_without_its_links_mapping_is_refused_at_line_one(corpus, tmp_path, text):
    (tmp_path / "links.yaml").write_text(text)
    with pytest.raises(AnnotationError) as raised:
        load_links(tmp_path, corpus)
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.message) == ("links.yaml", 1, "no links: mapping")
    assert problem.hint == "start the file with links:"


def test_an_identifier_becomes_its_authority_files_entity_iri(corpus, tmp_path):
    """Wikidata, VIAF and GND links are owl:sameAs the entity IRI made from the identifier
    (a made-up identifier here: the test reads no real one)."""
    (tmp_path / "links.yaml").write_text(
        "links:\n  vlady:\n    - {kind: viaf, id: '123', seen_at: 'https://example.org/vlady',"
        " title: a page}\n"
    )
    (link,) = load_links(tmp_path, corpus)
    assert (link.target, link.predicate) == ("http://viaf.org/viaf/123", OWL.sameAs)


def test_shacl_refuses_a_link_out_without_its_reference(graph):
    claim = ID["claim/victor-serge--isPrimaryTopicOf--wikipedia-en"]
    small = Graph()
    for triple in graph.triples((claim, None, None)):
        small.add(triple)
    speaker = graph.value(claim, SG.speaker)
    small.add((speaker, RDFS.label, graph.value(speaker, RDFS.label)))
    small.add((SG.Inferred, RDF.type, SG.Certainty))
    small.add((SG.NormalRank, RDF.type, SG.Rank))
    shapes = PATHS.ontology.parent / "shapes.ttl"

    def general_knowledge_rules() -> list[str]:
        rules = ("A claim by general knowledge", "A claim of the text has evidence")
        return [v.message for v in check_shapes(small, shapes) if v.message.startswith(rules)]

    assert general_knowledge_rules() == []
    small.remove((claim, SG.reference, None))
    assert len(general_knowledge_rules()) == 2


def test_links_are_counted_by_kind_and_listed_by_the_saved_question(graph):
    counts = {r["kind"]: int(r["links"]) for r in api.links_by_kind(graph).as_dicts()}
    assert counts == {
        "reference-work": 78,
        "wikipedia-en": 21,
        "wikipedia-fr": 3,
        "wikipedia-es": 2,
    }
    rows = run_query(graph, saved_queries(PATHS.queries)["links-out"].text).as_dicts()
    assert len(rows) == 104
    nin = {(r["kind"], r["link"], r["seen_at"]) for r in rows if r["name"] == "Andrés Nin"}
    assert nin == {
        (
            "wikipedia-es",
            "http://es.wikipedia.org/wiki/Andreu_Nin",
            "http://es.wikipedia.org/wiki/Andreu_Nin",
        ),
        (
            "reference-work",
            "https://dbe.rah.es/biografias/6997/andres-nin-perez",
            "https://dbe.rah.es/biografias/6997/andres-nin-perez",
        ),
    }


def test_the_entity_page_shows_its_links_elsewhere_as_general_knowledge(site):
    tree = parse((site / "id/person/konstantin-umansky.html").read_text(encoding="utf-8"))
    (section,) = tree.find_all("section", id="elsewhere")
    assert "General knowledge, not the text" in section.text()
    (item,) = section.find_all("li")
    link = item.find_all("a", class_="outside-link")[0]
    assert link.attrs["href"] == (
        "https://en.wikipedia.org/w/index.php?oldid=983521356&title=Konstantin_Umansky"
    )
    (reference,) = item.find_all("a", class_="reference")
    assert reference.attrs["href"].startswith("https://rp.liu233w.com/https/en.wikipedia.org/")
    claim = item.find_all("a", class_="claim-link")[0].attrs["href"]
    assert claim.endswith("claim/konstantin-umansky--isPrimaryTopicOf--wikipedia-en.html")
    # the links are not also listed among what is said of him
    elsewhere = link.attrs["href"]
    assert [a for a in tree.find_all("a") if a.attrs.get("href") == elsewhere] == [link]
    # an entity without a link has no such section
    assert 'id="elsewhere"' not in (site / "id/person/weekly-magazine-editor.html").read_text(
        "utf-8"
    )
