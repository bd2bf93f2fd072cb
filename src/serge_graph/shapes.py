"""SHACL: check the built graph against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF

from .namespaces import SH


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def check_shapes(graph: Graph, shapes_path: Path) -> list[Violation]:
    """Every violation of the shapes, sorted; an empty list means the graph conforms."""
    shapes = Graph().parse(shapes_path, format="turtle")
    _conforms, report, _text = validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=str(report.value(result, SH.resultPath) or ""),
                message=str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))
