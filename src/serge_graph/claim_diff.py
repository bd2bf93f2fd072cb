"""What changed between two builds of the graph, claim by claim.

Two graph files (Turtle or N-Triples, as `build` and `export` write them) are read into
Oxigraph; each claim (an sg:Claim node) is compared by its IRI:

- added: an IRI only in the new graph; removed: only in the old;
- changed: in both, with a different subject, relation, object, speaker, certainty, rank or
  set of quotes (a quote is its source and its exact words: a quote that only moved, because
  words were added elsewhere in the text, has not changed).

Each change is said in words (the claim's label, "certainty: stated → implied", the quotes
added or dropped) and given to programs as a dict (`as_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from .errors import SergeGraphError
from .queries import with_prefixes

FIELDS = ("subject", "relation", "object", "speaker", "certainty", "rank")
_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
}

_CLAIMS = """
SELECT ?claim ?label ?s ?p ?o ?speaker ?certainty ?rank WHERE {
  ?claim a sg:Claim ; rdfs:label ?label ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?claim sg:speaker ?speaker }
  OPTIONAL { ?claim sg:certainty ?certainty }
  OPTIONAL { ?claim sg:rank ?rank }
}"""

_QUOTES = """
SELECT ?claim ?source ?exact WHERE {
  ?claim a sg:Claim ; sg:evidence/oa:hasTarget ?target .
  ?target oa:hasSource ?source ; oa:hasSelector/oa:exact ?exact .
}"""

_LABELS = "SELECT ?node ?label WHERE { ?node rdfs:label ?label }"


class DiffError(SergeGraphError):
    """A graph file that cannot be read, or a revision that cannot be built."""


@dataclass(frozen=True)
class ClaimState:
    """A claim as one build has it: each field as words (a label, or the value's text)."""

    iri: str
    label: str
    subject: str
    relation: str
    object: str
    speaker: str
    certainty: str
    rank: str
    quotes: frozenset[tuple[str, str]]  # (source IRI, exact words)


@dataclass
class ClaimChange:
    iri: str
    label: str
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (old, new)
    quotes_added: list[str] = field(default_factory=list)
    quotes_removed: list[str] = field(default_factory=list)

    def words(self) -> str:
        said = [f"{name}: {old} → {new}" for name, (old, new) in self.fields.items()]
        said += [f"quote added: “{q}”" for q in self.quotes_added]
        said += [f"quote removed: “{q}”" for q in self.quotes_removed]
        return "; ".join(said)


@dataclass
class GraphDiff:
    added: list[ClaimState]
    removed: list[ClaimState]
    changed: list[ClaimChange]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_dict(self) -> dict:
        return {
            "added": [{"claim": c.iri, "label": c.label} for c in self.added],
            "removed": [{"claim": c.iri, "label": c.label} for c in self.removed],
            "changed": [
                {
                    "claim": c.iri,
                    "label": c.label,
                    "fields": {k: {"old": a, "new": b} for k, (a, b) in c.fields.items()},
                    "quotes_added": c.quotes_added,
                    "quotes_removed": c.quotes_removed,
                }
                for c in self.changed
            ],
        }

    def rows(self) -> list[list[str]]:
        """[change, claim IRI, what]: added and removed say the claim in words."""
        return (
            [["added", c.iri, c.label] for c in self.added]
            + [["removed", c.iri, c.label] for c in self.removed]
            + [["changed", c.iri, c.words()] for c in self.changed]
        )


def read_graph(path: Path | str) -> pyoxigraph.Store:
    """A graph file in a fresh in-memory store; a clear error for a missing or broken file."""
    path = Path(path)
    if not path.is_file():
        raise DiffError(f"{path}: no such graph file; write one with `serge-graph build`")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DiffError(
            f"{path}: not a graph file that diff reads; give a Turtle (.ttl) or N-Triples (.nt) "
            "file, as `serge-graph build` or `export --format ttl|nt` writes"
        )
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as error:
        raise DiffError(f"{path}: not valid {path.suffix[1:]}: {error}") from None
    return store


def claim_states(store: pyoxigraph.Store) -> dict[str, ClaimState]:
    labels = {str(r["node"].value): r["label"].value for r in _select(store, _LABELS)}

    def words(term) -> str:
        if term is None:
            return ""
        if isinstance(term, pyoxigraph.NamedNode):
            return labels.get(term.value, term.value)
        return term.value

    quotes: dict[str, set] = {}
    for row in _select(store, _QUOTES):
        quotes.setdefault(row["claim"].value, set()).add((row["source"].value, row["exact"].value))
    states = {}
    for row in _select(store, _CLAIMS):
        iri = row["claim"].value
        states[iri] = ClaimState(
            iri=iri,
            label=row["label"].value,
            subject=words(row["s"]),
            relation=words(row["p"]),
            object=words(row["o"]),
            speaker=words(row["speaker"]),
            certainty=words(row["certainty"]),
            rank=words(row["rank"]),
            quotes=frozenset(quotes.get(iri, ())),
        )
    return states


def diff_states(old: dict[str, ClaimState], new: dict[str, ClaimState]) -> GraphDiff:
    changed = []
    for iri in sorted(old.keys() & new.keys()):
        before, after = old[iri], new[iri]
        change = ClaimChange(iri, after.label)
        for name in FIELDS:
            if getattr(before, name) != getattr(after, name):
                change.fields[name] = (getattr(before, name), getattr(after, name))
        change.quotes_added = sorted(q for _s, q in after.quotes - before.quotes)
        change.quotes_removed = sorted(q for _s, q in before.quotes - after.quotes)
        if change.fields or change.quotes_added or change.quotes_removed:
            changed.append(change)
    return GraphDiff(
        added=[new[i] for i in sorted(new.keys() - old.keys())],
        removed=[old[i] for i in sorted(old.keys() - new.keys())],
        changed=changed,
    )


def diff_files(old: Path | str, new: Path | str) -> GraphDiff:
    return diff_states(claim_states(read_graph(old)), claim_states(read_graph(new)))


def _select(store: pyoxigraph.Store, query: str):
    return store.query(with_prefixes(query))
