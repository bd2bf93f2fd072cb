"""The index's facets asked of the graph in SPARQL, independently of facet_data.py: which rows
(claims, entities and events, by their id after id/) have a facet's value, and so which rows a
choice shows and what each value's count must be. Asked of the graph in Oxigraph (`store`):
rdflib's own evaluator takes minutes over these joins."""

from __future__ import annotations

from functools import lru_cache

from serge_graph import stores
from serge_graph.namespaces import ID
from serge_graph.queries import run_query

BASE = str(ID)
EDITORS = "group/revolutionary-history-editors"

# A claim ?c with the value, per facet; {key} is the value's key.
_CLAIM = {
    "type": '?c rdf:predicate ?p . ?p rdfs:label ?l . FILTER(CONCAT("claim: ", STR(?l)) = "{key}")',
    "speaker": "?c sg:speaker <{iri}> .",
    "source": '?c sg:evidence/oa:hasTarget/oa:hasSource ?s . FILTER(STRENDS(STR(?s), "/{key}"))',
    "certainty": "?c sg:certainty ?x . FILTER(LCASE(STRAFTER(STR(?x), '#')) = '{key}')",
    "rank": "?c sg:rank ?r . FILTER(?r = sg:{rank}Rank)",
    "decade": """
      {{ ?c rdf:predicate ?p ; rdf:object ?v .
         {{ ?p sg:valueKind "date" }} UNION {{ VALUES ?p {{ sg:date sg:dateText }} }}
         BIND(xsd:integer(SUBSTR(STR(?v), 1, 4)) AS ?y1)
         BIND(IF(CONTAINS(STR(?v), "/"), xsd:integer(SUBSTR(STRAFTER(STR(?v), "/"), 1, 4)), ?y1)
              AS ?y2)
         FILTER(?y1 <= {last} && ?y2 >= {first}) }}
      UNION
      {{ ?c rdf:subject|rdf:object ?ev . ?ev a sg:Event .
         OPTIONAL {{ ?ev sg:earliest ?a }} OPTIONAL {{ ?ev sg:latest ?b }}
         FILTER(BOUND(?a) || BOUND(?b))
         FILTER(YEAR(COALESCE(?a, ?b)) <= {last} && YEAR(COALESCE(?b, ?a)) >= {first}) }}""",
    "place": """
      {{ ?c rdf:subject|rdf:object <{iri}> . <{iri}> a sg:Place }}
      UNION {{ ?c rdf:subject|rdf:object ?ev . ?ev a sg:Event ; sg:place <{iri}> }}""",
}
# An entity or event ?e with the value by itself, beside the values of its claims.
_OWN = {
    "type": """?e a ?k . ?k rdfs:label ?l . FILTER(STR(?l) = "{key}")
      FILTER(STRSTARTS(STR(?k), STR(sg:)))
      FILTER NOT EXISTS {{ ?e a ?n . ?n rdfs:subClassOf ?k . FILTER(?n != ?k) }}""",
    "decade": """?e a sg:Event . OPTIONAL {{ ?e sg:earliest ?a }} OPTIONAL {{ ?e sg:latest ?b }}
      FILTER(BOUND(?a) || BOUND(?b))
      FILTER(YEAR(COALESCE(?a, ?b)) <= {last} && YEAR(COALESCE(?b, ?a)) >= {first})""",
    "place": "{{ ?e a sg:Event ; sg:place <{iri}> }} UNION {{ VALUES ?e {{ <{iri}> }} ?e a sg:Place }}",
}
_ENTITY = "?e a ?kind . VALUES ?kind { sg:Entity sg:Event } FILTER(STRSTARTS(STR(?e), STR(id:)))"


def _fill(pattern: str, key: str) -> str:
    decade = int(key[:4]) if key[:4].isdigit() else 0
    return pattern.format(
        key=key,
        iri=BASE + key,
        rank={"corrected": "Deprecated"}.get(key, key.capitalize()),
        first=decade,
        last=decade + 9,
    )


def _ids(graph, query: str, variable: str) -> set[str]:
    return {row[variable][len(BASE) :] for row in run_query(graph, query).as_dicts()}


def store(graph):
    """The graph in Oxigraph, for the queries below."""
    return stores.open_store(lambda: graph, "oxigraph")


@lru_cache(maxsize=64)
def rows_with(graph, facet: str, key: str) -> set[str]:
    """Every row (claim, entity or event) that has the value `key` of `facet`."""
    found = set()
    if facet != "type" or key.startswith("claim: "):
        claim = _fill(_CLAIM[facet], key)
        found |= _ids(graph, f"SELECT DISTINCT ?c WHERE {{ ?c a sg:Claim . {claim} }}", "c")
    if facet != "type":  # an entity takes the values of the claims it is subject or object of
        claim = _fill(_CLAIM[facet], key)
        found |= _ids(
            graph,
            f"SELECT DISTINCT ?e WHERE {{ {_ENTITY} ?c a sg:Claim . "
            f"{{ ?c rdf:subject ?e }} UNION {{ ?c rdf:object ?e }} {claim} }}",
            "e",
        )
    if facet in _OWN:
        own = _fill(_OWN[facet], key)
        found |= _ids(graph, f"SELECT DISTINCT ?e WHERE {{ {_ENTITY} {own} }}", "e")
    return frozenset(found)


def chosen_rows(graph, chosen: dict[str, list[str]]) -> set[str]:
    """The rows a choice shows: any chosen value within a facet, every facet with a choice."""
    shown = None
    for facet, keys in chosen.items():
        having = set().union(*(rows_with(graph, facet, key) for key in keys))
        shown = having if shown is None else shown & having
    return shown


def count_of(graph, chosen: dict[str, list[str]], facet: str, key: str) -> int:
    """A value's count: the rows that match every OTHER facet's choice and have the value."""
    others = {f: keys for f, keys in chosen.items() if f != facet}
    having = rows_with(graph, facet, key)
    return len(having & chosen_rows(graph, others)) if others else len(having)
