"""Descriptions for programs: the dataset's VoID description, and one entity's triples with
its claims and their evidence (what GET /id/… answers in Turtle, N-Triples or JSON-LD)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, metadata

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL

from .namespaces import BASE, ID, OA, PREFIXES, SG
from .version import package_version

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef(BASE + "dataset")
_CLASSES = (
    SG.Person,
    SG.Group,
    SG.Organisation,
    SG.Place,
    SG.Work,
    SG.Event,
    SG.Claim,
    SG.Evidence,
    SG.Mention,
    SG.Paragraph,
    SG.Source,
)
_LICENCES = {"MIT": URIRef("https://opensource.org/licenses/MIT")}
# The licence covers the project's own work; the article's words quoted in the graph do not
# become the project's by being quoted.
_RIGHTS = (
    "The annotations and the graph are under the project's licence. The words of the source "
    "text quoted in the graph (paragraphs, quotes) remain those of their author, translator "
    "and publishers and are not covered by that licence; see dcterms:source and "
    "data/sources/ORIGIN.md."
)


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def void_graph(graph: Graph, base: str = BASE) -> Graph:
    """A VoID description of the dataset: size, entities by class, sources, licence,
    the SPARQL endpoint (base + "sparql") and the dump (base + "serge.ttl").

    base is where the site is served; the default is the project's own IRI base.
    """
    void = _bound(Graph())
    void.bind("void", VOID)
    void.add((DATASET, RDF.type, VOID.Dataset))
    void.add((DATASET, DCTERMS.title, Literal("serge-graph", lang="en")))
    void.add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "A knowledge graph of the people, groups, organisations, places, works and events "
                "in Julián Gorkin's 'The Last Years of Victor Serge, 1941–1947', every fact a "
                "claim with its quote, speaker and source.",
                lang="en",
            ),
        )
    )
    # the release a citation refers to: the package's version (version.py)
    void.add((DATASET, OWL.versionInfo, Literal(package_version())))
    licence = _licence()
    if licence is not None:
        void.add((DATASET, DCTERMS.license, licence))
    void.add((DATASET, DCTERMS.rights, Literal(_RIGHTS, lang="en")))
    void.add((DATASET, FOAF.homepage, URIRef(base + "index.html")))
    void.add((DATASET, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    void.add((DATASET, VOID.dataDump, URIRef(base + "serge.ttl")))
    void.add((DATASET, VOID.uriSpace, Literal(str(ID))))
    void.add((DATASET, VOID.exampleResource, ID["person/victor-serge"]))
    void.add((DATASET, VOID.feature, URIRef("http://www.w3.org/ns/formats/Turtle")))
    for namespace in (SG, OA, DCTERMS, RDFS):
        void.add((DATASET, VOID.vocabulary, URIRef(str(namespace))))
    void.add((DATASET, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
    entities = set(graph.subjects(RDF.type, SG.Entity)) | set(graph.subjects(RDF.type, SG.Event))
    void.add((DATASET, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    for source in sorted(graph.subjects(RDF.type, SG.Source)):
        void.add((DATASET, DCTERMS.source, source))
        for predicate in (RDFS.label, DCTERMS.creator, DCTERMS.bibliographicCitation):
            for value in graph.objects(source, predicate):
                void.add((source, predicate, value))
    for cls in _CLASSES:
        partition = URIRef(f"{DATASET}/class/{cls.rsplit('#', 1)[-1]}")
        void.add((DATASET, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        count = len(set(graph.subjects(RDF.type, cls)))
        void.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
    return void


def _licence() -> URIRef | None:
    """The project's own licence (pyproject's), which covers the annotations and the graph."""
    try:
        name = metadata("serge-graph").get("License") or ""
    except PackageNotFoundError:
        return None
    return _LICENCES.get(name.strip())


def entity_description(graph: Graph, iri: str | URIRef) -> Graph:
    """The entity's own triples, its corrections, the labels of what it points to, and every
    claim about it (as subject or object) with the claim's evidence, targets and selectors.

    Raises KeyError if the graph says nothing about the IRI.
    """
    node = URIRef(iri)
    if (node, None, None) not in graph:
        raise KeyError(str(iri))
    out = _bound(Graph())
    for _, predicate, obj in graph.triples((node, None, None)):
        out.add((node, predicate, obj))
        if isinstance(obj, URIRef) and str(obj).startswith(str(ID)):
            for label in graph.objects(obj, RDFS.label):
                out.add((obj, RDFS.label, label))
            if str(obj).startswith(f"{node}/"):  # its own corrections
                _add_tree(graph, out, obj)
    claims = set(graph.subjects(RDF.subject, node)) | set(graph.subjects(RDF.object, node))
    for claim in sorted(claims):
        if (claim, RDF.type, SG.Claim) in graph:
            _add_tree(graph, out, claim)
    return out


def resource_description(graph: Graph, iri: str | URIRef) -> Graph:
    """What GET /id/… answers a program: an entity or event as entity_description; any other
    IRI (a claim, source, reference, mention, evidence, paragraph) its own triples and those of
    the nodes its IRI extends, the labels of what it points to, and what points to it with its
    label (the claims naming a reference, the parts of a source).

    Raises KeyError if the graph says nothing about the IRI.
    """
    node = URIRef(iri)
    if (node, RDF.type, SG.Entity) in graph or (node, RDF.type, SG.Event) in graph:
        return entity_description(graph, node)
    if (node, None, None) not in graph:
        raise KeyError(str(iri))
    out = _bound(Graph())
    _add_tree(graph, out, node)
    for _, _, obj in list(out.triples((None, None, None))):
        if isinstance(obj, URIRef) and str(obj).startswith(str(ID)):
            for label in graph.objects(obj, RDFS.label):
                out.add((obj, RDFS.label, label))
    for subject, predicate in graph.subject_predicates(node):  # named things pointing to it
        labels = list(graph.objects(subject, RDFS.label))
        if labels and not str(node).startswith(f"{subject}/"):
            out.add((subject, predicate, node))
            out.add((subject, RDFS.label, labels[0]))
    return out


def _add_tree(graph: Graph, out: Graph, node: URIRef) -> None:
    """node's triples and those of every node whose IRI extends node's (evidence, target, …)."""
    prefix = f"{node}/"
    todo = [node]
    while todo:
        current = todo.pop()
        for _, predicate, obj in graph.triples((current, None, None)):
            out.add((current, predicate, obj))
            is_part = isinstance(obj, URIRef) and str(obj).startswith(prefix)
            if is_part and obj not in todo and (obj, None, None) not in out:
                todo.append(obj)
