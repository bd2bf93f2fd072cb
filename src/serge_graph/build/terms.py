"""The terms the build writes, each made once, and the typed literal of a date."""

from __future__ import annotations

from rdflib import Literal
from rdflib import namespace as rdflib_namespaces

from .. import namespaces
from ..model import PartialDate
from ..namespaces import TermCache

# each term made once, not at every triple (a third of the build's time went to making terms)
DCTERMS, RDF, RDFS, SKOS, XSD = (
    TermCache(getattr(rdflib_namespaces, name))
    for name in ("DCTERMS", "RDF", "RDFS", "SKOS", "XSD")
)
OA, SCHEMA, SG = (TermCache(namespaces.OA), TermCache(namespaces.SCHEMA), TermCache(namespaces.SG))
_DATATYPE = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
CERTAINTY = {"stated": SG.Stated, "implied": SG.Implied, "inferred": SG.Inferred}
RANK = {"preferred": SG.PreferredRank, "normal": SG.NormalRank, "deprecated": SG.DeprecatedRank}


def date_literal(date: PartialDate) -> Literal | None:
    """The typed literal of a date at its precision; None for a range."""
    datatype = _DATATYPE.get(date.precision)
    return Literal(date.text, datatype=datatype) if datatype else None
