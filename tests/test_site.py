"""The reader's site on the real data: a page for every entity and event, every claim on its
subject's page with its quote, speaker and a link to its exact words in text.html."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, OWL

from serge_graph import api, network
from serge_graph.cli import main
from serge_graph.links import corpus_links
from serge_graph.namespaces import ID, SG
from serge_graph.site.text_marks import LinkSpan, MarkSpan, marked_html
from serge_graph.void import VOID

from .html_tree import parse
from .test_places import points

SOURCE = "gorkin-1957"


@pytest.fixture(scope="module")
def text_tree(site):
    return parse((site / "text.html").read_text(encoding="utf-8"))


def page_path(corpus, entity_id: str) -> str:
    return str(corpus.iri(entity_id))[len(str(ID)) :] + ".html"


def marked_text(tree, anchor: str) -> str:
    """The words of one quote in text.html: every piece that carries its anchor, in order."""
    return "".join(e.text() for e in tree.find_all(data_ev=anchor))


def anchor_of(claim_id: str, number: int) -> str:
    return f"claim-{claim_id}" + (f"--e{number}" if number > 1 else "")


def test_every_entity_and_event_has_a_page_titled_with_its_name(site, corpus):
    entities = corpus.annotations.entities
    assert len(entities) == 206  # 138 entities and 68 events
    for entity_id, entity in entities.items():
        page = site / "id" / page_path(corpus, entity_id)
        assert page.is_file(), page
        tree = parse(page.read_text(encoding="utf-8"))
        assert [h.text() for h in tree.find_all("h1")] == [entity.name]
        assert f"<title>{entity.name} (" in page.read_text(encoding="utf-8").replace("&#39;", "'")
    kinds = ("person", "group", "org", "place", "work", "event")
    pages = {
        p.relative_to(site / "id").as_posix()
        for kind in kinds
        for p in (site / "id" / kind).rglob("*.html")
    }
    assert pages == {page_path(corpus, e) for e in entities}


@pytest.mark.slow
def test_every_claim_is_on_its_subjects_page_with_quote_speaker_and_marked_words(
    site, corpus, text_tree
):
    names = {i: e.name for i, e in corpus.annotations.entities.items()}
    trees = {}
    for claim in corpus.annotations.claims:
        path = page_path(corpus, claim.subject)
        if path not in trees:
            trees[path] = parse((site / "id" / path).read_text(encoding="utf-8"))
        rows = trees[path].find_all("li", data_claim=claim.id)
        assert rows, f"{claim.id} is not on {path}"
        row = rows[0]
        speaker = row.find_all("span", class_="speaker")
        assert [s.text() for s in speaker] == [names[claim.speaker]], claim.id
        if claim.reported_by:
            assert f"reported by {names[claim.reported_by]}" in row.text()
        quotes = [a for a in row.find_all("a") if a.has_class("quote")]
        assert len(quotes) == len(claim.evidence)
        for number, (link, evidence) in enumerate(zip(quotes, claim.evidence, strict=True), 1):
            assert link.text() == f"“{evidence.span.exact}”"
            anchor = anchor_of(claim.id, number)
            assert link.attrs["href"] == f"../../text.html#{anchor}"
            assert len(text_tree.find_all(id=anchor)) == 1, anchor
            assert marked_text(text_tree, anchor) == evidence.span.exact, anchor


def test_text_has_every_paragraph_and_note_with_its_words_and_mentions(corpus, text_tree):
    source = corpus.sources[SOURCE]
    for paragraph in source.paragraphs:
        found = text_tree.find_all("p", id=paragraph.id)
        assert len(found) == 1, paragraph.id
        words = "".join(
            c if isinstance(c, str) else c.text()
            for c in found[0].children  # the text's own words: no number, no correction
            if isinstance(c, str) or not (c.has_class("pnum") or c.has_class("erratum-note"))
        )
        assert words.strip() == source.paragraph_text(paragraph)
        number = found[0].find_all("a", class_="pnum")[0]
        assert number.attrs["href"] == f"#{paragraph.id}"
    for mention in corpus.annotations.mentions:
        paragraph = text_tree.find_all("p", id=mention.span.paragraph)[0]
        target = page_path(corpus, mention.entity)
        links = [a for a in paragraph.find_all("a") if a.attrs.get("href") == f"id/{target}"]
        assert links, f"{mention.entity} at {mention.span.start} has no link"
        assert any(a.text() in mention.span.exact for a in links)


def test_note_calls_and_notes_link_both_ways(corpus, text_tree):
    source = corpus.sources[SOURCE]
    calls = [p for p in source.paragraphs if p.calls_notes]
    assert calls
    for paragraph in calls:
        tree = text_tree.find_all("p", id=paragraph.id)[0]
        hrefs = [a.attrs["href"] for a in tree.find_all("a") if a.has_class("call")]
        assert hrefs == [f"#note-{n}" for n in paragraph.calls_notes]
    called = {n for p in calls for n in p.calls_notes}
    for number in called:
        note = text_tree.find_all("p", id=f"note-{number}")[0]
        back = [a for a in note.find_all("a") if a.has_class("back")]
        assert [a.attrs["href"] for a in back] == [f"#call-{number}"]
        assert text_tree.find_all(id=f"call-{number}")


def test_quoted_speech_is_marked_with_its_speaker(corpus, text_tree):
    names = {i: e.name for i, e in corpus.annotations.entities.items()}
    quoted = [c for c in corpus.annotations.claims if c.reported_by]
    assert quoted
    for claim in quoted:
        mark = text_tree.find_all(id=anchor_of(claim.id, 1))[0]
        assert mark.has_class("quoted"), claim.id
        assert names[claim.speaker] in mark.attrs["title"]
    named = {
        m.attrs["data-speaker"] for m in text_tree.find_all("mark") if "data-speaker" in m.attrs
    }
    assert named == {names[c.speaker] for c in quoted}


def _random_spans(rng: random.Random, length: int, count: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(0, length - 1)
        spans.append((start, rng.randrange(start + 1, length + 1)))
    return spans


@pytest.mark.parametrize("seed", range(40))
def test_overlapping_marks_nest_or_split_and_keep_every_span_exact(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\"'é–") for _ in range(60))
    marks = [
        MarkSpan(s, e, f"m{i}", "claim", f"<t{i}>")
        for i, (s, e) in enumerate(_random_spans(rng, 60, 8))
    ]
    links = [
        LinkSpan(s, e, f"x{i}.html", f"l{i}", "mention", "t")
        for i, (s, e) in enumerate(_random_spans(rng, 60, 3))
    ]
    html = marked_html(text, 0, len(text), marks, links)
    tree = parse(f"<p>{html}</p>")
    assert tree.text() == text
    for mark in marks:
        assert marked_text(tree, mark.anchor) == text[mark.start : mark.end]
        assert len(tree.find_all(id=mark.anchor)) == 1
    for link in tree.find_all("a"):
        assert not link.find_all("a")[1:]  # no link inside a link
        assert not link.find_all("mark")


def test_index_lists_every_entity_with_its_counts_and_a_search_index(site, corpus):
    html = (site / "index.html").read_text(encoding="utf-8")
    tree = parse(html)
    claims = Counter()
    for claim in corpus.annotations.claims:
        claims[claim.subject] += 1
        if claim.object and claim.object in corpus.annotations.entities:
            claims[claim.object] += 1
    claims.update(list(points(corpus)))  # each point is a claim by general knowledge
    claims.update(link.entity for link in corpus_links(corpus))  # and each link out
    rows = {}
    for table in tree.find_all("table"):
        headers = [th.text().strip() for th in table.find_all("th")]
        if not table.has_class("sortable") or "Name" not in headers:
            continue  # the claims list has no counts
        column = headers.index("Claims")  # the events list has a Date column before it
        for row in table.find_all("tr")[1:]:
            link = row.find_all("a")[0]
            cells = row.find_all("td")
            rows[link.attrs["href"]] = int(cells[column].text())
    assert rows == {f"id/{page_path(corpus, i)}": claims[i] for i in corpus.annotations.entities}
    for target in ("network.html", "timeline.html", "text.html", "ontology.ttl", "void.ttl"):
        assert tree.find_all("a", href=target), target
        assert (site / target).is_file()
    script = tree.find_all("script", id="search-index")[0].text()
    assert '"Andrei Vyshinsky"' in script or "Vyshinsky" in script


@pytest.mark.slow
def test_paths_on_a_page_are_those_of_serge_graph_path(site, corpus):
    tree = parse((site / "id/person/konstantin-umansky.html").read_text(encoding="utf-8"))
    # the pages show the shortest connections by hops (`serge-graph path` ranks by evidence)
    full = network.projection(api.build(), "full")
    umansky, serge = network.find_node(full, "Umansky"), network.find_node(full, "Victor Serge")
    paths = network.shortest_paths(full, umansky, serge, max_paths=3)
    shown = next(
        section
        for section in tree.find_all("section")
        if section.has_class("paths") and "Victor Serge" in section.find_all("h3")[0].text()
    )
    drawn = [[q.text() for q in path.find_all("blockquote")] for path in shown.find_all("ol")]
    expected = [[f"“{hop.quote}” — {hop.speaker}" for hop in hops] for hops in paths]
    assert [[" ".join(q.split()) for q in path] for path in drawn] == expected
    for link in shown.find_all("a"):
        if link.has_class("quote"):
            assert link.attrs["href"].startswith("../../text.html#claim-")


INJECTED = """\
entities:
  - id: andres-nin
    type: Person
    name: Andrés Nin
    aliases: [Nin]
    description: <script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">
    note: '"><img src=x onerror="window.__pwned = 4">'
events:
  - id: injected-event
    type: Murder
    certainty: stated
    name: <script>window.__pwned = 5</script>
    description: '"><img src=x onerror="window.__pwned = 6">'
    participants:
      - {entity: andres-nin, role: victim}
    evidence: [except for Nin, who was tortured and murdered in Madrid]
claims:
  - subject: andres-nin
    relation: memberOf
    object: etol
    certainty: stated
    note: <script>window.__pwned = 3</script>
    evidence: [Andrés Nin and I learned]
"""


def test_injected_markup_reaches_every_page_as_text(make_data, tmp_path):
    data = make_data({"injected.yaml": INJECTED})
    out = tmp_path / "site"
    api.write_site(out, data)
    pages = sorted(out.rglob("*.html"))
    seen = Counter()
    for page in pages:
        if page.name in ("network.html", "timeline.html"):
            continue  # the network helper's pages, tested in test_browser.py
        html = page.read_text(encoding="utf-8")
        assert "<script>window" not in html and "<img" not in html, page
        tree = parse(html)
        for number in range(1, 7):
            seen[number] += f"window.__pwned = {number}" in tree.text()
    nin = (out / "id/person/andres-nin.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in nin
    assert all(seen[n] for n in range(1, 7)), seen


@pytest.mark.slow
def test_void_describes_the_dataset(site, graph, corpus):
    void = api.void_graph(graph)
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert void.value(dataset, VOID.triples) == Literal(len(graph))
    entities = len(corpus.annotations.entities)
    assert int(void.value(dataset, VOID.entities)) == entities
    people = sum(1 for e in corpus.annotations.entities.values() if e.type == "Person")
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions[SG.Person] == people == 31
    outside = len(points(corpus)) + len(corpus_links(corpus))  # general knowledge's points, links
    assert partitions[SG.Claim] == len(corpus.annotations.claims) + outside
    assert str(void.value(dataset, VOID.sparqlEndpoint)).endswith("/sparql")
    assert str(void.value(dataset, VOID.dataDump)).endswith("/serge.ttl")
    assert (
        void.value(dataset, URIRef("http://purl.org/dc/terms/source")) == ID["source/gorkin-1957"]
    )
    served = api.void_graph(graph, base="http://127.0.0.1:8000/")
    assert served.value(dataset, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:8000/sparql")
    written = Graph().parse(site / "void.ttl", format="turtle")
    assert isomorphic(written, void)
    dump = Graph().parse(site / "serge.ttl", format="turtle")
    assert len(dump) == len(graph)


@pytest.mark.slow
def test_entity_description_has_its_triples_and_its_claims_with_evidence(graph, corpus):
    umansky = ID["person/konstantin-umansky"]
    description = api.entity_description(graph, umansky)
    assert set(description.triples((umansky, None, None))) == set(
        graph.triples((umansky, None, None))
    )
    claims = set(description.subjects(RDF.type, SG.Claim))
    expected = {
        ID[f"claim/{c.id}"]
        for c in corpus.annotations.claims
        if "konstantin-umansky" in (c.subject, c.object)
    }
    expected |= {  # and its links out, by general knowledge (data/links.yaml)
        claim
        for claim in graph.subjects(RDF.subject, umansky)
        if graph.value(claim, RDF.predicate) in (FOAF.isPrimaryTopicOf, OWL.sameAs)
    }
    assert claims == expected and len(expected) > 20
    deaths = [
        c
        for c in corpus.annotations.claims
        if c.relation == "deathDate" and c.subject == "konstantin-umansky"
    ]
    assert len(deaths) == 3  # 1943 (Gorkin), 1945 (the editors), 1945 (general knowledge)
    exacts = {str(o) for o in description.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))}
    for death in deaths:
        assert {e.span.exact for e in death.evidence} <= exacts
    for fmt in ("turtle", "nt", "json-ld"):
        again = Graph().parse(data=description.serialize(format=fmt), format=fmt)
        assert isomorphic(again, description)
    with pytest.raises(KeyError):
        api.entity_description(graph, ID["person/nobody"])


@pytest.mark.slow
def test_entity_page_for_the_server_links_its_own_iris(graph):
    html = api.entity_page_html(graph, str(ID["person/konstantin-umansky"]), suffix="")
    tree = parse(html)
    hrefs = [a.attrs["href"] for a in tree.find_all("a")]
    assert "../../id/person/victor-serge" in hrefs
    assert not any(re.match(r"\.\./\.\./id/.*\.html", h) for h in hrefs)
    assert tree.find_all("h1")[0].text() == "Konstantin Umansky"
    with pytest.raises(KeyError):
        api.entity_page_html(graph, str(ID["person/nobody"]))


@pytest.mark.slow
def test_site_command_replaces_the_folder_whole_and_keeps_it_on_bad_data(tmp_path, make_data):
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    result = CliRunner().invoke(main, ["site", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"open {(out / 'index.html').resolve().as_uri()}" in result.output
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()
    before = (out / "index.html").read_bytes()
    broken = make_data({"broken.yaml": "entities:\n  - id: x\n    type: Nonsense\n    name: X\n"})
    result = CliRunner().invoke(main, ["--data", str(broken), "site", "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.slow
def test_a_server_can_link_its_query_page_from_every_page(site, graph):
    assert "Query</a>" not in (site / "index.html").read_text(encoding="utf-8")  # static: none
    files = api.site_files(query_page="query")
    for path, link in (
        ("index.html", "query"),
        ("text.html", "query"),
        ("id/person/victor-serge.html", "../../query"),
    ):
        tree = parse(files[path].decode("utf-8"))
        assert [a.attrs["href"] for a in tree.find_all("a") if a.text() == "Query"] == [link]
    served = parse(api.entity_page_html(graph, str(ID["person/victor-serge"]), query_page="query"))
    assert [a.attrs["href"] for a in served.find_all("a") if a.text() == "Query"] == ["../../query"]


def test_every_entity_page_asks_the_network_how_it_is_connected(site, corpus):
    """Each entity page links the network page's path form with itself as "From"; the slug it
    passes is a node of the network page (its #from= is looked up there)."""
    nodes = set(
        re.findall(r'"key": "([^"]+)"', (site / "network.html").read_text(encoding="utf-8"))
    )
    for entity_id in ("vlady", "victor-serge", "poum", "april-1943-attack"):
        if entity_id not in corpus.annotations.entities:
            continue
        page = parse((site / "id" / page_path(corpus, entity_id)).read_text(encoding="utf-8"))
        asks = [
            a
            for a in page.find_all("a")
            if a.attrs.get("href", "").startswith("../../network.html#from=")
        ]
        assert len(asks) == 1, entity_id
        slug = asks[0].attrs["href"].split("#from=", 1)[1]
        assert slug == entity_id and slug in nodes, entity_id


def test_the_dump_is_the_graph_in_turtle_with_its_prefixes_in_order(site, graph):
    from serge_graph.prefixes import PREFIX_IRIS

    dump = (site / "serge.ttl").read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(data=dump, format="turtle"), graph)
    declared = [line for line in dump.splitlines() if line.startswith("@prefix ")]
    assert len(declared) == len(PREFIX_IRIS) and declared == sorted(declared)
    assert dump.startswith("\n".join(declared) + "\n")  # all at the top, before any triple
