"""The built graph written straight to N-Triples, without an rdflib Graph in between.

An rdflib Graph indexes every triple as it is added, and its serializer walks
those indexes again: two thirds of the build's time for a graph that is only
written to a file (the graph cache, a synthetic corpus) and then bulk-loaded
by Oxigraph. Here each triple becomes its N-Triples line at once; a set of
lines merges the triples the build states twice, as a graph would, and the
lines are written sorted, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term(node) -> str:
    """One RDF term as N-Triples writes it."""
    if type(node) is URIRef or isinstance(node, URIRef):  # the first test is the quick one
        return f"<{node}>"
    if isinstance(node, Literal):
        text = f'"{str(node).translate(_ESCAPES)}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^<{node.datatype}>"
        return text
    if isinstance(node, BNode):
        return f"_:{node}"
    raise TypeError(f"not an RDF term: {node!r}")


class NTriplesSink:
    """Collects triples as N-Triples lines; `add` has the signature of rdflib's Graph.add."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, triple: tuple) -> None:
        subject, predicate, obj = triple
        if type(obj) is URIRef and type(subject) is URIRef:  # most triples: no call needed
            self.lines.add(f"<{subject}> <{predicate}> <{obj}> .\n")
        else:
            self.lines.add(f"{term(subject)} <{predicate}> {term(obj)} .\n")

    def add_all(self, triples: Iterable[tuple]) -> None:
        for triple in triples:
            self.add(triple)

    def __len__(self) -> int:
        return len(self.lines)

    def ntriples(self) -> bytes:
        return "".join(sorted(self.lines)).encode("utf-8")
