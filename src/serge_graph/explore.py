"""Looking things up in the built graph: an entity by name, its facts, counts."""

from __future__ import annotations

import difflib
import unicodedata
from html import escape

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from .build import Corpus
from .errors import EntityNotFoundError
from .model import Entity
from .namespaces import ID, OA, SG
from .queries import Rows, run_query
from .source import fold

_FACTS = """
SELECT ?fact ?quote ?speaker ?paragraph ?certainty ?rank ?claim ?source WHERE {
  { ?claim rdf:subject ?entity } UNION { ?claim rdf:object ?entity }
  ?claim a sg:Claim ; rdfs:label ?fact ; sg:speaker/rdfs:label ?speaker ;
         sg:certainty/rdfs:label ?certainty ; sg:rank/rdfs:label ?rank ;
         sg:evidence ?evidence .
  ?evidence oa:hasTarget/oa:hasSelector/oa:exact ?quote ;
            oa:hasTarget/oa:hasSelector/oa:start ?start ;
            sg:inParagraph/rdfs:label ?paragraph ;
            oa:hasTarget/oa:hasSource ?in .
  BIND(STRAFTER(STR(?in), "/id/source/") AS ?source)
} ORDER BY ?start ?claim
"""

_COUNTS = """
SELECT ?type (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  VALUES ?class { sg:Person sg:Group sg:Organisation sg:Place sg:Work sg:Event
                  sg:Claim sg:Mention sg:Paragraph sg:Note sg:Source }
  ?thing a ?class . ?class rdfs:label ?type .
} GROUP BY ?type ORDER BY DESC(?count) ?type
"""

_BY_SPEAKER = """
SELECT ?speaker (COUNT(?claim) AS ?claims) WHERE {
  ?claim a sg:Claim ; sg:speaker/rdfs:label ?speaker .
} GROUP BY ?speaker ORDER BY DESC(?claims) ?speaker
"""

_BY_SPEAKER_IN_SOURCE = """
SELECT ?speaker (COUNT(?claim) AS ?claims) WHERE {
  ?claim sg:source ?source ; sg:speaker/rdfs:label ?speaker .
} GROUP BY ?speaker ORDER BY DESC(?claims) ?speaker
"""
_LINKS_BY_KIND = """
SELECT ?kind (COUNT(DISTINCT ?claim) AS ?links) WHERE {
  VALUES ?relation { foaf:isPrimaryTopicOf owl:sameAs }
  ?claim a sg:Claim ; rdf:predicate ?relation ; rdf:object ?link .
  ?link sg:linkKind ?kind .
} GROUP BY ?kind ORDER BY DESC(?links) ?kind
"""
_COUNTED = ("Person", "Group", "Organisation", "Place", "Work", "Event")
_COUNTED += ("Claim", "Mention", "Paragraph", "Note", "Source")


def normalise_name(text: str) -> str:
    """Name as compared by `show`: no case, no accents, folded punctuation.

    >>> normalise_name("Lázaro CARDEÑAS")
    'lazaro cardenas'
    """
    decomposed = unicodedata.normalize("NFKD", fold(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def find_entity(corpus: Corpus, name: str) -> Entity:
    """The entity whose id, name or alias is `name`, ignoring case and accents."""
    wanted = normalise_name(name)
    index: dict[str, set[str]] = {}
    for entity in corpus.annotations.entities.values():
        for form in (entity.id, *entity.names, *(c.correct_form for c in entity.corrections)):
            index.setdefault(normalise_name(form), set()).add(entity.id)
    found = index.get(wanted, set())
    if len(found) == 1:
        return corpus.annotations.entities[found.pop()]
    if found:
        raise EntityNotFoundError(f"{name!r} names several entities: {', '.join(sorted(found))}")
    close = difflib.get_close_matches(wanted, list(index), n=5, cutoff=0.6)
    labels = sorted({corpus.annotations.entities[i].name for c in close for i in index[c]})
    hint = f"; did you mean {', '.join(labels)}?" if labels else ""
    raise EntityNotFoundError(f"no entity is called {name!r}{hint}")


def highlight_paragraph(corpus: Corpus, paragraph_id: str, source_id: str | None = None) -> str:
    """A paragraph as HTML, each mention in a <mark> titled with its entity's name."""
    source = corpus.sources[source_id or next(iter(corpus.sources))]
    try:
        paragraph = source.paragraph(paragraph_id)
    except KeyError:
        raise EntityNotFoundError(
            f"no paragraph {paragraph_id!r}; paragraphs are p1… and note-1…"
        ) from None
    mentions = sorted(
        (
            m
            for m in corpus.annotations.mentions
            if m.span.source == source.id and m.span.paragraph == paragraph.id
        ),
        key=lambda m: (m.span.start, -m.span.end),
    )
    pieces, cursor = [], paragraph.start
    for mention in mentions:
        if mention.span.start < cursor:  # an entity inside a named event: keep the outer mark
            continue
        name = corpus.annotations.entities[mention.entity].name
        pieces.append(escape(source.text[cursor : mention.span.start]))
        pieces.append(f'<mark title="{escape(name)}">{escape(mention.span.exact)}</mark>')
        cursor = mention.span.end
    pieces.append(escape(source.text[cursor : paragraph.end]))
    return f'<p data-paragraph="{paragraph.id}">{"".join(pieces)}</p>'


def entity_facts(graph: Graph, entity: URIRef, source: URIRef | None = None) -> Rows:
    """Every claim about or pointing to the entity, in text order, one row per claim and source
    (its quotes there joined by " / ", its paragraphs by ", "), with its date: the claim's own,
    or that of the event it is about; with a source, only the claims quoting it."""
    rows = run_query(graph, _FACTS, {"entity": entity}, typed=True)
    if source is not None:
        claims = set(graph.subjects(SG.source, source))
        index = rows.columns.index("claim")
        rows = Rows(rows.columns, [row for row in rows.rows if URIRef(row[index]) in claims])
    return _one_row_per_claim(graph, rows)


def _one_row_per_claim(graph: Graph, rows: Rows) -> Rows:
    columns = rows.columns
    at = {name: columns.index(name) for name in ("quote", "paragraph", "claim", "source")}
    merged: dict[tuple, list] = {}
    for row in rows.rows:
        key = (row[at["claim"]], row[at["source"]])
        if key not in merged:
            merged[key] = list(row)
            continue
        kept = merged[key]
        for name, joiner in (("quote", " / "), ("paragraph", ", ")):
            parts = str(kept[at[name]]).split(joiner)
            if str(row[at[name]]) not in parts:
                kept[at[name]] = joiner.join([*parts, str(row[at[name]])])
    out = [
        [*row[:1], _date_of(graph, URIRef(str(row[at["claim"]]))), *row[1:]]
        for row in merged.values()
    ]
    return Rows([columns[0], "date", *columns[1:]], out)


def _date_of(graph: Graph, claim: URIRef) -> str | None:
    """A claim's date as the graph gives it: its own (a qualifier, or its value when it is a
    date), else the date of the event it is about or points to."""
    own = graph.value(claim, SG.date) or graph.value(claim, SG.dateText)
    if own is not None:
        return str(own)
    predicate = graph.value(claim, RDF.predicate)
    if predicate in (SG.date, SG.birthDate, SG.deathDate, SG.foundingDate, SG.publicationDate):
        return str(graph.value(claim, RDF.object))
    for end in (graph.value(claim, RDF.subject), graph.value(claim, RDF.object)):
        if isinstance(end, URIRef) and (end, RDF.type, SG.Event) in graph:
            date = graph.value(end, SG.date)
            if date is not None:
                return str(date)
    return None


def relation_readings(graph: Graph) -> dict[str, tuple[str, str | None]]:
    """Every relation and role in plain words, from the ontology: its IRI -> (how it reads
    from its subject, how it reads back from its object; None for a relation to a value).

    >>> from serge_graph import api
    >>> graph = api.build_graph(api.load_corpus())
    >>> api.relation_readings(graph)["https://w3id.org/serge-graph/ontology#murdered"]
    ('murdered', 'murdered by')
    """
    return {
        str(term): (str(reading), _optional_text(graph.value(term, SG.inverseReadingLabel)))
        for term, reading in graph.subject_objects(SG.readingLabel)
    }


def _optional_text(value) -> str | None:
    return None if value is None else str(value)


def type_counts(graph: Graph, source: URIRef | None = None) -> Rows:
    """How many things of each kind the graph holds; with a source, those in it."""
    if source is None:
        return run_query(graph, _COUNTS, typed=True)
    inside = nodes_of_source(graph, source)
    counts = []
    for name in _COUNTED:
        cls = SG[name]
        count = sum(1 for node in inside if (node, RDF.type, cls) in graph)
        if count:
            counts.append([str(graph.value(cls, RDFS.label)), count])
    counts.sort(key=lambda row: (-row[1], row[0]))
    return Rows(["type", "count"], counts)


def claims_by_speaker(graph: Graph, source: URIRef | None = None) -> Rows:
    if source is None:
        return run_query(graph, _BY_SPEAKER, typed=True)
    return run_query(graph, _BY_SPEAKER_IN_SOURCE, {"source": source}, typed=True)


def links_by_kind(graph: Graph) -> Rows:
    """How many links out (data/links.yaml) of each kind the graph holds: Wikipedia articles,
    reference works, authority files' identifiers; each a claim by general knowledge."""
    return run_query(graph, _LINKS_BY_KIND, typed=True)


def nodes_of_source(graph: Graph, source: URIRef) -> set[URIRef]:
    """What is in one source: the source, its parts and paragraphs, the claims quoting it,
    the mentions in it, and the entities and events it names or its claims link."""
    claims = set(graph.subjects(SG.source, source))
    claims |= {fix for claim in claims for fix in graph.subjects(SG.corrects, claim)}
    targets = set(graph.subjects(OA.hasSource, source))
    mentions = {
        annotation
        for target in targets
        for annotation in graph.subjects(OA.hasTarget, target)
        if (annotation, RDF.type, SG.Mention) in graph
    }
    entities = {graph.value(m, OA.hasBody) for m in mentions}
    for claim in claims:
        for end in (graph.value(claim, RDF.subject), graph.value(claim, RDF.object)):
            if isinstance(end, URIRef) and str(end).startswith(str(ID)):
                entities.add(end)
    return claims | mentions | entities | set(graph.subjects(DCTERMS.isPartOf, source)) | {source}
