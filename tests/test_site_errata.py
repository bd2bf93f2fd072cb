"""What the text gets wrong, on every page: the errata page, the entity and event pages, the text,
the general-knowledge speaker's page; and each claim on both of its ends' pages, and on its own.

Counts and values come from SPARQL on the built graph, so a change in the data changes what is
expected, not whether the tests pass."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, URIRef

from serge_graph.namespaces import ID, SG

from .html_tree import parse

PREFIXES = """PREFIX sg: <https://w3id.org/serge-graph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""
UMANSKY = str(ID["person/konstantin-umansky"])
GENERAL_KNOWLEDGE = str(ID["group/general-knowledge"])


def tree(site: Path, path: str):
    return parse((site / path).read_text(encoding="utf-8"))


def page_of(iri: str) -> str:
    return "id/" + iri[len(str(ID)) :] + ".html"


def select(graph, query: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in row.asdict().items()} for row in graph.query(PREFIXES + query)]


def test_errata_page_lists_every_deprecated_claim_with_correction_reason_and_reference(site, graph):
    deprecated = select(graph, "SELECT ?c WHERE { ?c sg:rank sg:DeprecatedRank }")
    fixes = select(
        graph,
        """SELECT ?claim ?fix ?url ?reason WHERE {
             ?fix sg:corrects ?claim ; sg:reference ?ref . ?claim sg:rankReason ?reason .
             OPTIONAL { ?ref schema:url ?url } }""",
    )
    assert len(deprecated) >= 10 and fixes  # the graph holds corrections
    page = tree(site, "errata.html")
    items = {li.attrs["id"]: li for li in page.find_all("li") if li.has_class("erratum")}
    assert sorted(items) == sorted(r["c"].rsplit("/", 1)[-1] for r in deprecated)
    for row in fixes:
        item = items[row["claim"].rsplit("/", 1)[-1]]
        assert row["reason"] in item.text()
        references = [a.attrs["href"] for a in item.find_all("a") if a.has_class("reference")]
        if row.get("url"):
            assert row["url"] in references and row["url"].startswith(("http://", "https://"))
        claim_links = {a.attrs["href"] for a in item.find_all("a")}
        assert page_of(row["fix"]) in claim_links and page_of(row["claim"]) in claim_links
        quotes = [a for a in item.find_all("a") if a.has_class("quote")]
        assert quotes and all(q.attrs["href"].startswith("text.html#claim-") for q in quotes)


def test_errata_page_says_the_date_where_a_correction_puts_a_claim_s_date_right(site):
    """The editors' 'murdered by the Soviet NKVD in December 1942' keeps its fact; the page says
    which date is wrong and gives the right one, and Díaz's one term reads as two."""
    page = tree(site, "errata.html")
    items = {li.attrs["id"]: li.text() for li in page.find_all("li") if li.has_class("erratum")}
    erlich = " ".join(items["nkvd--murdered--henryk-erlich"].split())
    assert "Henryk Erlich, December 1942" in erlich and "Henryk Erlich, 15 May 1942" in erlich
    diaz = " ".join(items["porfirio-diaz--heldPositionIn--mexico"].split())
    assert "Mexico, 1877–1911" in diaz
    assert "Mexico, 1877–1880" in diaz and "Mexico, 1884–1911" in diaz


def test_the_gpu_and_the_nkvd_pages_each_show_the_incorporation_by_general_knowledge(site):
    """A normal claim by general knowledge: on both ends' pages, read from each side, with its
    date, its speaker and the reference consulted."""
    url = "http://soviethistory.msu.edu/1934-2/the-kirov-affair/the-kirov-affair-texts/creation-of-the-nkvd/"
    for page, reading, other in (
        ("id/org/gpu.html", "incorporated into", "NKVD"),
        ("id/org/nkvd.html", "took in", "GPU"),
    ):
        html = tree(site, page)
        text = " ".join(html.text().split())
        assert f"{reading} {other} 1 claim" in text, page
        assert "on 10 July 1934 says general knowledge" in text, page
        assert url in [a.attrs.get("href") for a in html.find_all("a")], page


def test_index_links_the_errata_page(site):
    index = tree(site, "index.html")
    assert "errata.html" in {a.attrs.get("href") for a in index.find_all("a")}


def test_umansky_s_death_date_reads_corrected_with_its_reference(site, graph):
    rows = select(
        graph,
        f"""SELECT ?wrong ?right ?url WHERE {{
              ?c rdf:subject <{UMANSKY}> ; rdf:predicate sg:deathDate ; rdf:object ?wrong ;
                 sg:rank sg:DeprecatedRank .
              ?fix sg:corrects ?c ; rdf:object ?right ; sg:reference/schema:url ?url }}""",
    )
    assert len(rows) == 1
    wrong, right, url = rows[0]["wrong"], rows[0]["right"], rows[0]["url"]
    page = tree(site, page_of(UMANSKY))
    died = next(
        dd
        for dt, dd in zip(page.find_all("dt"), page.find_all("dd"), strict=False)
        if dt.text() == "died"
    )
    glances = [s for s in died.find_all("span") if s.has_class("glance")]
    assert not glances[0].has_class("deprecated")  # the best-ranked value first
    assert glances[-1].has_class("deprecated")
    line = glances[-1].text()
    assert f"the text says {wrong}" in line and f"corrected to {right}" in line
    assert url in [a.attrs["href"] for a in glances[-1].find_all("a")]


def test_text_page_marks_the_words_of_every_deprecated_claim_with_the_correction(site, graph):
    rows = select(
        graph,
        """SELECT ?c ?start ?end WHERE { ?c sg:rank sg:DeprecatedRank ; sg:evidence ?e .
             ?e <http://www.w3.org/ns/oa#hasTarget>/<http://www.w3.org/ns/oa#hasSelector> ?s .
             ?s <http://www.w3.org/ns/oa#start> ?start }""",
    )
    text = tree(site, "text.html")
    notes = [a for a in text.find_all("a") if a.has_class("erratum-note")]
    assert {a.attrs["href"] for a in notes} == {
        "errata.html#" + r["c"].rsplit("/", 1)[-1] for r in rows
    }
    marks = {m.attrs["data-ev"]: m for m in text.find_all("mark") if m.has_class("first")}
    for row in rows:
        slug = row["c"].rsplit("/", 1)[-1]
        anchors = [a for a in marks if a == f"claim-{slug}" or a.startswith(f"claim-{slug}--e")]
        assert anchors, slug
        assert all(marks[a].has_class("deprecated") for a in anchors), slug
    undeprecated = [m for a, m in marks.items() if m.has_class("deprecated")]
    assert len(undeprecated) == len(rows)  # no other claim is marked as corrected


def test_general_knowledge_page_lists_the_claims_it_states(site, graph):
    rows = select(graph, f"SELECT ?c WHERE {{ ?c a sg:Claim ; sg:speaker <{GENERAL_KNOWLEDGE}> }}")
    assert len(rows) >= 10
    page = tree(site, page_of(GENERAL_KNOWLEDGE))
    listed = [
        a.attrs["href"]
        for ul in page.find_all("ul")
        if ul.has_class("spoken-claims")
        for a in ul.find_all("a")
    ]
    assert sorted(listed) == sorted("../../" + page_of(r["c"]) for r in rows)


def _other_end(row) -> str | None:
    fact = next(d for d in row.find_all("div") if d.has_class("fact"))
    links = fact.find_all("a")
    return links[0].attrs["href"] if links else None


def test_each_claim_shows_its_other_end_on_its_subject_s_and_its_object_s_page(site, graph):
    rows = select(
        graph,
        # a place's point is a geometry, shown as its coordinates: no page to link
        """SELECT ?c ?s ?o WHERE { ?c a sg:Claim ; rdf:subject ?s ; rdf:object ?o .
             FILTER(STRSTARTS(STR(?o), "https://w3id.org/serge-graph/id/"))
             FILTER NOT EXISTS { ?c rdf:predicate <http://www.opengis.net/ont/geosparql#hasGeometry> } }""",
    )
    assert len(rows) > 300
    pages: dict[str, object] = {}
    for row in rows:
        slug = row["c"].rsplit("/", 1)[-1]
        for here, there in ((row["s"], row["o"]), (row["o"], row["s"])):
            path = page_of(here)
            if path not in pages:
                pages[path] = tree(site, path)
            found = pages[path].find_all("li", data_claim=slug)
            assert found, f"{slug} is not on {path}"
            assert {_other_end(li) for li in found} == {"../../" + page_of(there)}, (
                slug,
                path,
            )


def test_a_quoted_claim_names_the_work_it_is_quoted_from(site, graph):
    rows = select(
        graph,
        """SELECT ?c ?s ?work ?reporter WHERE { ?c sg:quotedFrom ?work ; rdf:subject ?s .
             OPTIONAL { ?c sg:reportedBy ?reporter } }""",
    )
    assert rows
    for row in rows:
        slug = row["c"].rsplit("/", 1)[-1]
        li = tree(site, page_of(row["s"])).find_all("li", data_claim=slug)[0]
        who = next(p for p in li.find_all("p") if p.has_class("who"))
        work = graph.value(URIRef(row["work"]), RDFS.label)
        assert f", in {work}" in who.text(), who.text()
        quoted = [a for a in who.find_all("a") if a.text() == str(work)]
        assert quoted and quoted[0].attrs["href"] == "../../" + page_of(row["work"])


def test_a_claim_page_shows_its_triple_quote_in_context_rank_and_corrections(site, graph):
    rows = select(
        graph,
        f"""SELECT ?c ?fix WHERE {{ ?c rdf:subject <{UMANSKY}> ; rdf:predicate sg:deathDate ;
              sg:rank sg:DeprecatedRank . ?fix sg:corrects ?c }}""",
    )
    claim, fix = rows[0]["c"], rows[0]["fix"]
    page = tree(site, page_of(claim))
    title = page.find_all("h1")[0]
    assert "Konstantin Umansky" in title.text() and "died" in title.text()
    quote = graph.value(URIRef(claim), SG.quote)
    context = [b for b in page.find_all("blockquote") if b.has_class("in-context")]
    assert str(quote) in context[0].text() and len(context[0].text()) > len(quote) + 20
    assert "deprecated" in page.text()
    assert "../../" + page_of(fix) in {a.attrs["href"] for a in page.find_all("a")}
    fixed = tree(site, page_of(fix))
    assert "This claim corrects the text" in fixed.text()
