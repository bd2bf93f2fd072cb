"""Query results as Python values: numbers as numbers, dates as dates, IRIs as IRIs.

A SPARQL result holds RDF terms; a person wants values a DataFrame can sort and
plot. Each term becomes one Python value by its datatype, the same whichever
store answered (rdflib's memory store and Oxigraph give the same terms):

- xsd:integer and its kinds -> int; xsd:decimal, xsd:double, xsd:float -> float;
- xsd:boolean -> bool;
- xsd:date, xsd:gYearMonth, xsd:gYear -> PartialDate: a date (the first day of
  the period) that keeps the text's precision ("year", "month", "day") and
  prints as the text wrote it ("1942", "1942-04", "1947-11-17");
- xsd:dateTime -> datetime;
- an IRI -> IRI (a str that knows it is an IRI); a blank node -> its id as str;
- every other literal -> str (its lexical form); unbound -> None.

A literal whose text does not fit its datatype stays a str: no value is made up.
"""

from __future__ import annotations

import datetime
import re

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

PRECISIONS = ("year", "month", "day")
# pandas' period frequency for each precision: a column of one precision becomes a period column
_PERIOD_FREQUENCY = {"year": "Y", "month": "M", "day": "D"}
_INTEGERS = {
    XSD[name]
    for name in [
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_FLOATS = {XSD.decimal, XSD.double, XSD.float}
_DATE_PATTERNS = {
    XSD.gYear: (re.compile(r"(\d{4})"), "year"),
    XSD.gYearMonth: (re.compile(r"(\d{4})-(\d{2})"), "month"),
    XSD.date: (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
}


class IRI(str):
    """An IRI in a result row: a str (prints, compares and serialises as one) of its own type."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"


class Measure(float):
    """A computed measure (PageRank, betweenness): a float rounded to four places that
    prints with all four, as the command line's tables always have (0.1000, not 0.1)."""

    __slots__ = ()

    def __new__(cls, value: float):
        return super().__new__(cls, round(value, 4))

    def __str__(self) -> str:
        return f"{self:.4f}"


class PartialDate(datetime.date):
    """A date at the text's precision: 1942 is PartialDate(1942, precision="year").

    It is the first day of its period as a date (so it sorts and compares with
    dates) and prints as the text wrote it. Two partial dates are equal only at
    the same precision: 1942 is not 1942-01-01.

    >>> PartialDate(1942, 4, precision="month")
    PartialDate('1942-04')
    >>> str(PartialDate(1942, precision="year")), PartialDate(1942, precision="year").isoformat()
    ('1942', '1942-01-01')
    """

    precision: str

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = "day"):
        if precision not in PRECISIONS:
            raise ValueError(f"precision is one of {', '.join(PRECISIONS)}, not {precision!r}")
        self = super().__new__(cls, year, month, day)
        self.precision = precision
        return self

    def __str__(self) -> str:
        full = self.isoformat()
        return full[: {"year": 4, "month": 7, "day": 10}[self.precision]]

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    def __eq__(self, other) -> bool:
        if isinstance(other, PartialDate) and other.precision != self.precision:
            return False
        return super().__eq__(other)

    def __ne__(self, other) -> bool:  # date defines its own, which would ignore the precision
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.precision))

    def __reduce__(self):
        return (PartialDate, (self.year, self.month, self.day, self.precision))

    def to_period(self):
        """The pandas Period of this date at its precision (needs pandas)."""
        import pandas

        return pandas.Period(str(self), freq=_PERIOD_FREQUENCY[self.precision])


def python_value(term):
    """The Python value of an RDF term in a result row (see the module's description)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return IRI(term)
    if isinstance(term, BNode) or not isinstance(term, Literal):
        return str(term)
    return _literal_value(term)


def _literal_value(literal: Literal):
    text, datatype = str(literal), literal.datatype
    try:
        if datatype in _INTEGERS:
            return int(text)
        if datatype in _FLOATS:
            return float(text)
        if datatype == XSD.boolean and text in ("true", "false", "1", "0"):
            return text in ("true", "1")
        if datatype in _DATE_PATTERNS:
            pattern, precision = _DATE_PATTERNS[datatype]
            match = pattern.fullmatch(text)
            if match:
                return PartialDate(*map(int, match.groups()), precision=precision)
        if datatype == XSD.dateTime:
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # a literal whose text does not fit its datatype stays text
        pass
    return text


def text_of(value) -> str:
    """A value as the command line prints it: the literal's own words; "" for unbound."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def json_value(value):
    """A value as JSON holds it: numbers and booleans as themselves, dates and IRIs as text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def column_array(values: list):
    """A column of values as a typed pandas array; a missing value is pd.NA (NaT among dates).

    Text is pandas' "string" dtype, whole numbers "Int64", other numbers "Float64",
    booleans "boolean", dates of one precision a period column (of mixed precision,
    Periods each at its own), IRIs stay IRI objects.
    """
    import pandas

    present = [v for v in values if v is not None]
    kinds = {_kind(v) for v in present}
    missing = [pandas.NA if v is None else v for v in values]
    if not present or (len(kinds) > 1 and kinds != {"int", "float"}):
        return pandas.Series(missing, dtype=object)  # a Series: pandas 3 keeps its object dtype
    kind = "float" if kinds == {"int", "float"} else kinds.pop()
    if kind == "date":
        return pandas.Series([pandas.NaT if v is None else v.to_period() for v in values]).array
    if kind == "datetime":
        return pandas.to_datetime(pandas.Series(values)).array
    dtype = {"int": "Int64", "float": "Float64", "bool": "boolean", "text": "string"}.get(kind)
    if dtype is None:  # IRIs stay IRI objects
        return pandas.Series(missing, dtype=object)
    return pandas.array(missing, dtype=dtype)


def _kind(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, PartialDate):
        return "date"
    if isinstance(value, datetime.datetime):
        return "datetime"
    if isinstance(value, IRI):
        return "iri"
    return "text"
