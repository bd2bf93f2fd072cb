"""The facets of the index's lists (issue 23, item 3), without a browser: the rows a choice
shows and every value's count, as facet_data.py computes them from the graph, are those that
SPARQL finds on the same graph (tests/facet_queries.py), for three combinations."""

from __future__ import annotations

import pytest

from serge_graph.site.facet_data import FACETS, facet_data
from serge_graph.site.site_data import site_data

from .facet_queries import EDITORS, chosen_rows, count_of, rows_with, store

COMBINATIONS = {
    "person-by-the-editors": {"type": ["person"], "speaker": [EDITORS]},
    "implied-in-the-1940s": {"certainty": ["implied"], "decade": ["1940s"]},
    "corrected": {"rank": ["corrected"]},
}


@pytest.fixture(scope="module")
def facets(graph):
    return facet_data(graph, site_data(graph))


@pytest.fixture(scope="module")
def oxigraph(graph):
    return store(graph)


def _sets(chosen: dict[str, list[str]]) -> dict[str, set[str]]:
    return {facet: set(keys) for facet, keys in chosen.items()}


@pytest.mark.parametrize("name", COMBINATIONS)
def test_a_choice_shows_the_rows_sparql_finds_with_true_counts(oxigraph, facets, name):
    chosen = COMBINATIONS[name]
    shown = set(facets.shown(_sets(chosen)))
    assert shown == chosen_rows(oxigraph, chosen)
    assert 10 < len(shown) < len(facets.items) / 2
    # the counts of two facets, each value asked of SPARQL
    for facet in ("certainty", "rank"):
        for key in facets.labels[facet]:
            assert facets.count(_sets(chosen), facet, key) == count_of(oxigraph, chosen, facet, key)
    # and every value of every facet counts the rows that match the other facets' choices
    for facet, labels in facets.labels.items():
        others = {f: keys for f, keys in _sets(chosen).items() if f != facet}
        base = facets.shown(others)
        for key in labels:
            having = sum(key in facets.items[item][facet] for item in base)
            assert facets.count(_sets(chosen), facet, key) == having


def test_the_two_first_values_of_every_facet_hold_the_rows_sparql_finds(oxigraph, facets):
    for facet, labels in facets.labels.items():
        for key in list(labels)[:2]:
            having = {item for item, values in facets.items.items() if key in values[facet]}
            assert having == rows_with(oxigraph, facet, key), (facet, key)
            assert having


def test_every_row_has_a_type_and_corrected_means_corrected(graph, facets):
    data = site_data(graph)
    assert len(facets.items) == len(data.entities) + len(data.claims)
    assert all(len(values["type"]) == 1 for values in facets.items.values())
    assert [name for name, _ in FACETS] == list(facets.labels)
    # "corrected" is the deprecated rank: each such claim has its correction in the graph
    corrected = [i for i, v in facets.items.items() if "corrected" in v["rank"] and "/" in i]
    deprecated = data.deprecated()
    assert deprecated and all(data.corrections_of.get(c.iri) for c in deprecated)
    assert {f"claim/{c.slug}" for c in deprecated} <= set(corrected)
    # the text dates Umansky's death 1943 and the editors 1945: both claims are in the 1940s
    umansky = [c for c in data.claims if c.relation == "died" and "umansky" in c.subject]
    assert len(umansky) >= 2
    assert all(facets.items[f"claim/{c.slug}"]["decade"] == {"1940s"} for c in umansky)
