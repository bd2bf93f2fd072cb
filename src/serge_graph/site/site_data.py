"""The built graph read once into plain objects for the reader's pages.

The pages need the same few things again and again (an entity's names, the
claims about it with their quotes, its mentions); reading them here once from
the triples keeps every page a plain loop and the whole site fast. Everything
comes from the RDF graph, so the server can render a page from the graph it
serves.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..namespaces import ID, OA, SCHEMA, SG
from .site_model import (
    _EVIDENCE_NUMBER,
    KIND_ORDER,
    Claim,
    Correction,
    Entity,
    Evidence,
    Mention,
    Part,
    Reference,
    SiteData,
    SourceInfo,
    T,
)

_cache: dict[str, tuple] = {}


def cached(graph, name: str, make: Callable) -> T:
    """What make(graph) returns, computed once per graph object (the server renders many
    pages from one graph); graph is an rdflib or a networkx graph. Identity is the key: the
    graphs the library hands out are not changed after they are built, and len() of an
    Oxigraph-backed graph would count every triple on every page."""
    held = _cache.get(name)
    if held and held[0] is graph:
        return held[1]
    value = make(graph)
    _cache[name] = (graph, value)
    return value


def site_data(graph: Graph) -> SiteData:
    """The graph's site data, read once per graph object."""
    return cached(graph, "site_data", read_site_data)


def read_site_data(graph: Graph) -> SiteData:
    entities = {iri: entity for iri in _entity_iris(graph) if (entity := _entity(graph, iri))}
    roles = {str(p) for p in graph.subjects(SG.annotationKind, Literal("role"))}
    sources = _sources(graph)
    pages = {str(s.iri): s.page for s in sources}
    return SiteData(
        entities=entities,
        claims=_claims(graph, pages),
        mentions=_mentions(graph, pages),
        sources=sources,
        role_predicates=roles,
        triples=len(graph),
        located_in={(str(a), str(b)) for a, b in graph.subject_objects(SG.locatedIn)},
    )


def _entity_iris(graph: Graph) -> list[str]:
    found = set(graph.subjects(RDF.type, SG.Entity)) | set(graph.subjects(RDF.type, SG.Event))
    return sorted(str(i) for i in found if str(i).startswith(str(ID)))


def _text(graph: Graph, node: URIRef, predicate: URIRef) -> str:
    value = graph.value(node, predicate)
    return str(value) if value is not None else ""


def _entity(graph: Graph, iri: str) -> Entity | None:
    node = URIRef(iri)
    path = iri[len(str(ID)) :]
    kind, _, slug = path.partition("/")
    if kind not in KIND_ORDER or not slug or "/" in slug:
        return None
    corrections = [
        Correction(
            _text(graph, fix, SG.textForm),
            _text(graph, fix, SG.correctForm),
            _text(graph, fix, SG.knowledgeOrigin),
            _text(graph, fix, SG.note),
            _references(graph, fix),
        )
        for fix in sorted(graph.objects(node, SG.correction))
    ]
    return Entity(
        iri=iri,
        kind=kind,
        slug=slug,
        label=_text(graph, node, RDFS.label) or slug,
        type_label=_most_specific_type(graph, node),
        aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
        description=_text(graph, node, DCTERMS.description),
        note=_text(graph, node, SG.note),
        implicit=_text(graph, node, SG.implicit),
        corrections=corrections,
        # witnesses who date it differently: the earliest date (the page shows each telling)
        date=min((str(d) for d in graph.objects(node, SG.date)), default=""),
        earliest=_text(graph, node, SG.earliest),
        latest=_text(graph, node, SG.latest),
    )


def _most_specific_type(graph: Graph, node: URIRef) -> str:
    """The label of the one project class of the node that no other of its classes refines."""
    classes = {c for c in graph.objects(node, RDF.type) if str(c).startswith(str(SG))}
    parents = {p for c in classes for p in graph.objects(c, RDFS.subClassOf)}
    specific = sorted(classes - parents) or sorted(classes)
    return _text(graph, specific[0], RDFS.label) or specific[0].rsplit("#", 1)[-1]


def _claims(graph: Graph, pages: dict[str, str]) -> list[Claim]:
    claims = []
    for node in graph.subjects(RDF.type, SG.Claim):
        predicate = graph.value(node, RDF.predicate)
        obj = graph.value(node, RDF.object)
        is_entity = isinstance(obj, URIRef) and str(obj).startswith(str(ID))
        if isinstance(obj, URIRef) and not is_entity:  # a type claim names a class
            value = _text(graph, obj, RDFS.label) or str(obj).rsplit("#", 1)[-1]
        else:
            value = None if is_entity else str(obj)
        slug = str(node)[len(str(ID["claim/"])) :]
        relation = _text(graph, predicate, RDFS.label) or str(predicate).rsplit("#", 1)[-1]
        outside = (
            str(obj) if isinstance(obj, URIRef) and (obj, SG.linkKind, None) in graph else None
        )
        reading, inverse = readings(graph, predicate, relation)
        claims.append(
            Claim(
                iri=str(node),
                slug=slug,
                subject=str(graph.value(node, RDF.subject)),
                predicate=str(predicate),
                relation=relation,
                object=str(obj) if is_entity else None,
                value=value,
                label=_text(graph, node, RDFS.label),
                speaker=str(graph.value(node, SG.speaker)),
                reported_by=_optional(graph.value(node, SG.reportedBy)),
                quoted_from=_optional(graph.value(node, SG.quotedFrom)),
                date_text=_optional(graph.value(node, SG.dateText)),
                as_=_optional(graph.value(node, SG["as"])),
                note=_optional(graph.value(node, SG.note)),
                evidence=_evidence(graph, node, slug, pages),
                rank=_local(graph.value(node, SG.rank), "Rank") or "normal",
                rank_reason=_optional(graph.value(node, SG.rankReason)),
                certainty=_local(graph.value(node, SG.certainty), ""),
                certainty_reason=_optional(graph.value(node, SG.certaintyReason)),
                corrects=_optional(graph.value(node, SG.corrects)),
                references=_references(graph, node),
                outside=outside,
                about=sorted(
                    (link, str(target))
                    for link in _ABOUT
                    for target in graph.objects(node, SG[link])
                ),
                reading=reading,
                inverse_reading=inverse,
            )
        )
    return sorted(claims, key=lambda c: (c.first_start, c.iri))


_ABOUT = ("supports", "disputes", "reports")


def readings(graph: Graph, predicate, label: str) -> tuple[str, str]:
    """A relation's reading labels from the ontology (sg:readingLabel, sg:inverseReadingLabel):
    how a page says it from its subject and from its object. A type claim reads "is a"; a
    relation without a reading label reads as its label, and backwards as "<label> (of)"."""
    if predicate == RDF.type:
        return "is a", "type of"
    forward = _text(graph, predicate, SG.readingLabel) or label
    backward = _text(graph, predicate, SG.inverseReadingLabel) or f"{label} (of)"
    return forward, backward


def _local(node, suffix: str) -> str | None:
    """sg:DeprecatedRank -> "deprecated" (suffix "Rank"), sg:Stated -> "stated"."""
    if node is None:
        return None
    name = str(node).rsplit("#", 1)[-1]
    return name.removesuffix(suffix).lower() if suffix else name.lower()


def _references(graph: Graph, node: URIRef) -> list[Reference]:
    return sorted(
        (
            Reference(
                str(ref), _text(graph, ref, RDFS.label), _optional(graph.value(ref, SCHEMA.url))
            )
            for ref in graph.objects(node, SG.reference)
        ),
        key=lambda r: r.iri,
    )


def _optional(value) -> str | None:
    return None if value is None else str(value)


def _evidence(graph: Graph, claim: URIRef, slug: str, pages: dict[str, str]) -> list[Evidence]:
    found = []
    for annotation in graph.objects(claim, SG.evidence):
        match = _EVIDENCE_NUMBER.search(str(annotation))
        number = int(match.group(1)) if match else 1
        exact, start, end = _selectors(graph, annotation)
        prefix, suffix = _context(graph, annotation)
        source = _source_of(graph, annotation)
        found.append(
            Evidence(
                number=number,
                anchor=claim_anchor(slug, number),
                exact=exact,
                start=start,
                end=end,
                paragraph=_paragraph_id(graph.value(annotation, SG.inParagraph)),
                source=source.rsplit("/", 1)[-1],
                page=pages.get(source, "text.html"),
                prefix=prefix,
                suffix=suffix,
            )
        )
    return sorted(found, key=lambda e: e.number)


def claim_anchor(slug: str, number: int = 1) -> str:
    """The id of a claim's evidence in text.html: claim-<slug>, then claim-<slug>--e2, …

    >>> claim_anchor("victor-serge--authorOf--hitler-versus-stalin", 2)
    'claim-victor-serge--authorOf--hitler-versus-stalin--e2'
    """
    return f"claim-{slug}" if number == 1 else f"claim-{slug}--e{number}"


def _selectors(graph: Graph, annotation: URIRef) -> tuple[str, int, int]:
    exact, start, end = "", 0, 0
    for target in graph.objects(annotation, OA.hasTarget):
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                exact = _text(graph, selector, OA.exact)
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                start = int(graph.value(selector, OA.start))
                end = int(graph.value(selector, OA.end))
    return exact, start, end


def _context(graph: Graph, annotation: URIRef) -> tuple[str, str]:
    """The quote selector's prefix and suffix: the words around a quote."""
    for target in graph.objects(annotation, OA.hasTarget):
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                return _text(graph, selector, OA.prefix), _text(graph, selector, OA.suffix)
    return "", ""


def _source_of(graph: Graph, annotation: URIRef) -> str:
    """The IRI of the source an evidence or mention stands in."""
    target = graph.value(annotation, OA.hasTarget)
    return str(graph.value(target, OA.hasSource) or "") if target is not None else ""


def _paragraph_id(node) -> str:
    return str(node).rsplit("/", 1)[-1] if node is not None else ""


def _mentions(graph: Graph, pages: dict[str, str]) -> list[Mention]:
    mentions = []
    for node in graph.subjects(RDF.type, SG.Mention):
        exact, start, end = _selectors(graph, node)
        source = _source_of(graph, node)
        mentions.append(
            Mention(
                entity=str(graph.value(node, OA.hasBody)),
                start=start,
                end=end,
                exact=exact,
                paragraph=_paragraph_id(graph.value(node, SG.inParagraph)),
                source=source.rsplit("/", 1)[-1],
                page=pages.get(source, "text.html"),
            )
        )
    return sorted(
        mentions, key=lambda m: (m.page != "text.html", m.source, m.start, -m.end, m.entity)
    )


def _sources(graph: Graph) -> list[SourceInfo]:
    sources = []
    for node in sorted(graph.subjects(RDF.type, SG.Source)):
        parts = [
            Part(
                str(part).rsplit("/", 1)[-1],
                _text(graph, part, RDFS.label),
                str(graph.value(part, SG.defaultSpeaker)),
            )
            for part in sorted(graph.subjects(DCTERMS.isPartOf, node))
            if (part, RDF.type, SG.Part) in graph
        ]
        sources.append(
            SourceInfo(
                iri=str(node),
                title=_text(graph, node, DCTERMS.title),
                creator=_optional(graph.value(node, DCTERMS.creator)),
                translator=_optional(graph.value(node, SCHEMA.translator)),
                written=_optional(graph.value(node, DCTERMS.created)),
                citations=sorted(
                    str(c) for c in graph.objects(node, DCTERMS.bibliographicCitation)
                ),
                parts=parts,
                number=int(graph.value(node, SG.sourceNumber) or 1),
                language=_text(graph, node, DCTERMS.language),
                excerpt=(node, SG.isExcerpt, Literal(True)) in graph,
            )
        )
    return sorted(sources, key=lambda s: (s.number, s.iri))
