"""The evidence of every claim as W3C Web Annotations (JSON-LD), for annotation tools.

The export is one ``AnnotationCollection`` with its single ``AnnotationPage`` embedded as
``first`` (the Web Annotation Protocol's shape for a collection read in one go), the page's
``items`` holding one ``Annotation`` per piece of evidence, in text order:

- ``id``: the evidence's IRI in the graph (…/id/claim/<claim>/evidence-<n>);
- ``motivation``: ``describing`` (as in the graph);
- ``target``: the source text's IRI with a ``TextQuoteSelector`` (``exact``, ``prefix``,
  ``suffix``) and a ``TextPositionSelector`` (``start``, ``end``: code points of the text, as
  the graph stores them; the text's ``[start:end]`` is ``exact``);
- ``body``: the claim itself (its IRI, typed ``rdf:Statement`` in the graph) and a
  ``TextualBody`` with the claim in words ("Victor Serge — author of — Hitler versus Stalin")
  and who makes it ("said by Julián Gorkin").
"""

from __future__ import annotations

import json

from rdflib import RDF, Graph, URIRef

from .namespaces import ID, OA
from .queries import run_query

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
COLLECTION = f"{ID}annotations"

_EVIDENCE = """
SELECT ?evidence ?claim ?label ?speaker WHERE {
  ?claim a sg:Claim ; sg:evidence ?evidence ; rdfs:label ?label ; sg:speaker ?who .
  ?who rdfs:label ?speaker .
}"""


def annotation_items(rdf: Graph) -> list[dict]:
    """One Web Annotation per piece of evidence, by source, position and IRI."""
    rows = [
        (evidence, claim, label, speaker, *_anchor(rdf, URIRef(evidence)))
        for evidence, claim, label, speaker in run_query(rdf, _EVIDENCE).rows
    ]
    rows.sort(key=lambda r: (r[4], r[8], r[9], r[0]))
    return [_annotation(*row) for row in rows]


def _anchor(rdf: Graph, evidence: URIRef) -> tuple:
    """source, exact, prefix, suffix, start, end of a piece of evidence (build/writer.anchor:
    its target has one quote and one position selector). Walked, not queried: rdflib's
    evaluator joins the eight patterns of one query a hundred times slower."""
    target = rdf.value(evidence, OA.hasTarget)
    quote = position = None
    for selector in rdf.objects(target, OA.hasSelector):
        kinds = set(rdf.objects(selector, RDF.type))
        if OA.TextQuoteSelector in kinds:
            quote = selector
        if OA.TextPositionSelector in kinds:
            position = selector
    return (
        str(rdf.value(target, OA.hasSource)),
        *(str(rdf.value(quote, term)) for term in (OA.exact, OA.prefix, OA.suffix)),
        int(rdf.value(position, OA.start)),
        int(rdf.value(position, OA.end)),
    )


def _annotation(evidence, claim, label, speaker, source, exact, prefix, suffix, start, end):
    return {
        "id": evidence,
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {"id": claim},
            {
                "type": "TextualBody",
                "purpose": "describing",
                "format": "text/plain",
                "language": "en",
                "value": f"{label} (said by {speaker})",
            },
        ],
        "target": {
            "source": source,
            "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": int(start), "end": int(end)},
            ],
        },
    }


def annotation_collection(rdf: Graph) -> dict:
    items = annotation_items(rdf)
    return {
        "@context": CONTEXT,
        "id": COLLECTION,
        "type": "AnnotationCollection",
        "label": "The evidence of every claim of serge-graph",
        "total": len(items),
        "first": {
            "id": f"{COLLECTION}/page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def annotations_bytes(rdf: Graph) -> bytes:
    text = json.dumps(annotation_collection(rdf), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
