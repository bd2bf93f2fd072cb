"""Several sources in one graph (issue 14): `source add` and `source list`, the Spanish test
text added to a copy of the real data with its hand annotation, IRIs that stay, claims
that name their source and speaker, aliases with a language, sources-disagree, and
suggested items.

The Spanish text (tests/data/second-source) was written for these tests; it is added to a
temporary copy of data/, never to data/ itself.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

from serge_graph import api, stores
from serge_graph.cli import main
from serge_graph.links import corpus_links
from serge_graph.model import PartialDate
from serge_graph.namespaces import ID, OA, SG
from serge_graph.places import corpus_locations
from serge_graph.project import project_root

from .offline_page import OfflinePage

ROOT = project_root()
FIXTURE = Path(__file__).parent / "data" / "second-source"
META = yaml.safe_load((FIXTURE / "source.yaml").read_text(encoding="utf-8"))
SPANISH = META["id"]
TEXT = (FIXTURE / META["file"]).read_text(encoding="utf-8")
GOLD = FIXTURE / "annotations.yaml"
runner = CliRunner()


def add_args(data: Path, file: Path, **changes) -> list[str]:
    options = {"id": META["id"], "title": META["title"], "author": META["author"]}
    options |= {"date": str(META["date"]), "language": META["language"]} | changes
    args = ["--data", str(data), "source", "add", str(file)]
    for key, value in options.items():
        args += [f"--{key}", value]
    return args


def copy_of_data(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder)
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Path:
    """A copy of data/ with the Spanish test text added by the CLI and annotated by hand."""
    data = copy_of_data(tmp_path_factory.mktemp("two") / "data")
    result = runner.invoke(main, add_args(data, FIXTURE / META["file"]))
    assert result.exit_code == 0, result.output
    shutil.copy(GOLD, data / "annotations" / f"{SPANISH}.yaml")
    return data


@pytest.fixture(scope="module")
def two_corpus(two_sources):
    return api.load_corpus(two_sources)


@pytest.fixture(scope="module")
def two_graph(two_corpus):
    return api.build_graph(two_corpus)


# --- source add ---------------------------------------------------------------------------


def test_source_add_copies_the_text_and_appends_its_entry(two_sources):
    listing_text = (two_sources / "sources" / "sources.yaml").read_text(encoding="utf-8")
    original = (ROOT / "data" / "sources" / "sources.yaml").read_text(encoding="utf-8")
    assert listing_text.startswith(original.rstrip("\n"))  # comments and the article kept
    entries = yaml.safe_load(listing_text)["sources"]
    assert entries[0] == yaml.safe_load(original)["sources"][0]
    copied = (two_sources / "sources" / f"{SPANISH}.txt").read_bytes()
    assert copied == (FIXTURE / META["file"]).read_bytes()
    assert entries[1] == {
        "id": SPANISH,
        "file": f"{SPANISH}.txt",
        "sha256": hashlib.sha256(copied).hexdigest(),
        "title": META["title"],
        "author": "serge-graph-test-author",
        "author_name": META["author"],
        "written": str(META["date"]),
        "language": "es",
        "speaker": "serge-graph-test-author",
    }
    assert len(entries) == 2


def test_source_add_starts_an_annotation_file_that_validates(tmp_path):
    data = copy_of_data(tmp_path / "data")
    result = runner.invoke(main, add_args(data, FIXTURE / META["file"]))
    assert result.exit_code == 0, result.output
    started = yaml.safe_load((data / "annotations" / f"{SPANISH}.yaml").read_text("utf-8"))
    assert started["source"] == SPANISH
    assert [e["id"] for e in started["entities"]] == ["serge-graph-test-author"]
    corpus = api.load_corpus(data)  # the new source validates before any annotation
    assert corpus.sources[SPANISH].parts[0].speaker == "serge-graph-test-author"
    assert [p.start for p in corpus.sources[SPANISH].parts] == [0]


def test_source_add_normalises_line_ends_and_accents(tmp_path):
    data = copy_of_data(tmp_path / "data")
    decomposed = unicodedata.normalize("NFD", "Víctor Serge llegó a México.\r\n\r\nFin.\r\n")
    raw = tmp_path / "raw.txt"
    raw.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    result = runner.invoke(main, add_args(data, raw, id="raw-es"))
    assert result.exit_code == 0, result.output
    stored = (data / "sources" / "raw-es.txt").read_text(encoding="utf-8")
    assert stored == "Víctor Serge llegó a México.\n\nFin.\n"
    assert unicodedata.is_normalized("NFC", stored)
    for change in ("byte-order mark removed", "line ends made \\n", "accents composed"):
        assert change in result.output


@pytest.mark.parametrize(
    "case, expected",
    [
        ("same id", "a source with id 'serge-gorkin-mexico-es' is already listed"),
        ("same text", "this text is already source 'serge-gorkin-mexico-es'"),
        ("file present", "stray.txt: already exists"),
        ("latin-1", "latin.txt:2: not UTF-8 (byte"),
        ("bad date", "--date '17 Nov 1947'"),
        ("bad id", "--id 'Mi Fuente' is not a slug"),
        ("no file", "missing.txt: no such file"),
    ],
)
def test_source_add_refuses_and_writes_nothing(two_sources, tmp_path, case, expected):
    data = copy_of_data(tmp_path / "data") if case != "same id" else None
    data = data or two_sources
    before = files_of(data)
    text = FIXTURE / META["file"]
    args = {
        "same id": lambda: add_args(data, tmp_path / "other.txt"),
        "same text": lambda: add_args(two_sources, text, id="another-id"),
        "file present": lambda: add_args(data, text, id="stray"),
        "latin-1": lambda: add_args(data, tmp_path / "latin.txt", id="latin"),
        "bad date": lambda: add_args(data, text, date="17 Nov 1947"),
        "bad id": lambda: add_args(data, text, id="Mi Fuente"),
        "no file": lambda: add_args(data, tmp_path / "missing.txt"),
    }[case]()
    (tmp_path / "other.txt").write_text("Otro texto.\n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Primera\nJulián".encode("latin-1"))
    if case == "file present":
        (data / "sources" / "stray.txt").write_text("left over\n", encoding="utf-8")
        before = files_of(data)
    if case == "same text":
        before = files_of(two_sources)
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert files_of(two_sources if case in ("same id", "same text") else data) == before


# --- source list ----------------------------------------------------------------------------


def test_source_list_counts_each_source(two_sources, two_corpus):
    result = runner.invoke(main, ["--data", str(two_sources), "source", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert list(rows) == ["gorkin-1957", SPANISH]
    gold_claims = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["claims"]
    for source_id, row in rows.items():
        text = (two_sources / "sources" / two_corpus.sources[source_id].path.name).read_text(
            encoding="utf-8"
        )
        blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
        mentioned = {
            m.entity for m in two_corpus.annotations.mentions if m.span.source == source_id
        }
        claims = [c for c in two_corpus.annotations.claims if source_id in c.sources]
        assert row["characters"] == str(len(text))
        assert row["paragraphs"] == str(len(blocks))
        assert row["entities"] == str(len(mentioned))
        assert row["claims"] == str(len(claims))
        assert row["suggested"] == "0"
    assert rows[SPANISH]["claims"] == str(len(gold_claims))
    assert rows[SPANISH]["paragraphs"] == "7" and rows[SPANISH]["characters"] == "2664"
    assert rows["gorkin-1957"]["author"] == "Julián Gorkin"


def test_source_list_works_while_the_annotations_do_not_validate(tmp_path):
    data = copy_of_data(tmp_path / "data")
    (data / "annotations" / "broken.yaml").write_text("claims: [{subject: nobody}]\n", "utf-8")
    result = runner.invoke(main, ["--data", str(data), "source", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "warning: no annotation counts: the annotations have" in result.stderr
    _header, row = result.stdout.splitlines()
    assert row.startswith("gorkin-1957,") and row.endswith(",,,")


# --- one graph, two sources -------------------------------------------------------------------


def test_adding_a_source_changes_no_iri_and_no_triple_about_the_article(graph, two_graph):
    before, after = set(graph), set(two_graph)
    lost = before - after
    assert not lost, f"{len(lost)} triples of the one-source graph are gone: {sorted(lost)[:5]}"
    # nothing new is said about the article's own claims, quotes, mentions and paragraphs
    article = str(ID["source/gorkin-1957"])
    own = {s for s in graph.subjects() if str(s).startswith(str(ID["claim/"]))}
    own |= {s for s in graph.subjects() if str(s).startswith(str(ID["mention/gorkin-1957/"]))}
    own |= {s for s in graph.subjects() if str(s).startswith(article)}
    added = {t for t in after - before if t[0] in own}
    assert not added, sorted(added)[:5]


def test_every_claim_names_its_source_and_speaker(two_graph, two_corpus):
    spanish = ID[f"source/{SPANISH}"]
    author = ID["person/serge-graph-test-author"]
    for claim in two_corpus.annotations.claims:
        node = ID[f"claim/{claim.id}"]
        assert (node, SG.speaker, None) in two_graph
        if claim.evidence:
            sources = set(two_graph.objects(node, SG.source))
            assert sources == {ID[f"source/{s}"] for s in claim.sources}
    spanish_claims = set(two_graph.subjects(SG.source, spanish))
    gold_claims = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["claims"]
    assert len(spanish_claims) == len(gold_claims)
    assert {two_graph.value(c, SG.speaker) for c in spanish_claims} == {author}
    for claim in spanish_claims:
        for evidence in two_graph.objects(claim, SG.evidence):
            target = two_graph.value(evidence, OA.hasTarget)
            assert two_graph.value(target, OA.hasSource) == spanish
            selectors = list(two_graph.objects(target, OA.hasSelector))
            start = next(
                two_graph.value(s, OA.start)
                for s in selectors
                if two_graph.value(s, OA.start) is not None
            )
            exact = next(
                two_graph.value(s, OA.exact)
                for s in selectors
                if two_graph.value(s, OA.exact) is not None
            )
            assert TEXT[int(start) : int(start) + len(str(exact))] == str(exact)


def test_mentions_in_the_spanish_text_are_its_own(two_graph, two_corpus):
    spanish = [m for m in two_corpus.annotations.mentions if m.span.source == SPANISH]
    for mention in spanish:
        assert TEXT[mention.span.start : mention.span.end] == mention.span.exact
        node = ID[f"mention/{SPANISH}/{mention.span.start}-{mention.span.end}"]
        assert two_graph.value(node, OA.hasBody) == two_corpus.iri(mention.entity)
    found = {(m.span.exact, m.entity) for m in spanish}
    assert ("Víctor Serge", "victor-serge") in found
    assert ("Ciudad de México", "mexico-city") in found  # the longer name, not México
    assert ("Laurette Séjourné", "laurette-sejourne") in found
    assert ("Victor Alter", "victor-alter") in found  # not Serge's alias Victor
    assert not {
        m
        for m in spanish
        if m.span.exact == "México"
        and m.span.start in {o.start for o in two_corpus.sources[SPANISH].find("Ciudad de México")}
    }


def test_aliases_carry_their_language(two_graph, graph):
    serge = ID["person/victor-serge"]
    assert Literal("Víctor Serge", lang="es") in set(two_graph.objects(serge, SKOS.altLabel))
    assert Literal("Serge") in set(two_graph.objects(serge, SKOS.altLabel))  # no language
    cnt = ID["org/cnt"]
    assert Literal("CNT", lang="es") in set(two_graph.objects(cnt, SKOS.altLabel))
    assert not any(a.language for a in graph.objects(None, SKOS.altLabel))


def test_the_sources_give_their_language(two_graph):
    assert two_graph.value(
        ID[f"source/{SPANISH}"], URIRef("http://purl.org/dc/terms/language")
    ) == Literal("es")
    assert two_graph.value(
        ID["source/gorkin-1957"], URIRef("http://purl.org/dc/terms/language")
    ) == Literal("en")


# --- sources-disagree ------------------------------------------------------------------------

_COMPARED = {
    "birthDate",
    "deathDate",
    "foundingDate",
    "publicationDate",
    "diedIn",
    "buriedIn",
    "memberCount",
}


def _disagreements(corpus) -> set[tuple]:
    """What sources-disagree must find, computed from the annotations: same subject and
    relation, two sources, dates whose spans do not overlap, places neither inside the
    other (a locatedIn claim), numbers that differ."""
    inside = {(c.subject, c.object) for c in corpus.annotations.claims if c.relation == "locatedIn"}
    claims = [c for c in corpus.annotations.claims if c.relation in _COMPARED and c.evidence]
    found = set()
    for a in claims:
        for b in claims:
            if a.subject != b.subject or a.relation != b.relation:
                continue
            if not a.sources[0] < b.sources[0]:
                continue
            if isinstance(a.value, PartialDate):
                if a.value.earliest <= b.value.latest and b.value.earliest <= a.value.latest:
                    continue
            elif a.object is not None:
                if (
                    a.object == b.object
                    or (a.object, b.object) in inside
                    or (b.object, a.object) in inside
                ):
                    continue
            elif a.value == b.value:
                continue
            found.add((a.subject, a.relation, a.evidence[0].span.exact, b.evidence[0].span.exact))
    return found


def test_sources_disagree_lists_each_side_with_quote_speaker_and_source(two_sources, two_corpus):
    result = runner.invoke(
        main,
        ["--data", str(two_sources), "query", "--saved", "sources-disagree", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    names = {e.name: e.id for e in two_corpus.annotations.entities.values()}
    got = set()
    for row in rows:
        assert row["source_a"] == "gorkin-1957" and row["source_b"] == SPANISH
        assert row["speaker_b"] == "serge-graph test author"
        assert row["quote_a"] in two_corpus.sources["gorkin-1957"].text
        assert row["quote_b"] in TEXT
        relation = {"died": "deathDate", "died in": "diedIn", "born": "birthDate"}[row["relation"]]
        got.add((names[row["subject"]], relation, row["quote_a"], row["quote_b"]))
    assert got == _disagreements(two_corpus)
    assert {(r["subject"], r["value_a"], r["value_b"]) for r in rows} == {
        ("Andrés Nin", "Madrid", "Alcalá de Henares"),
        ("Enrique Gironella", "1968", "1987"),
        ("Konstantin Umansky", "1943", "1945-01"),
    }


@pytest.mark.slow
def test_sources_disagree_gives_the_same_rows_on_both_stores(two_graph):
    from serge_graph.queries import run_query

    text = api.saved_query_text("sources-disagree")
    memory = run_query(two_graph, text)
    oxigraph = run_query(stores.open_store(lambda: two_graph, "oxigraph"), text)
    assert memory.rows == oxigraph.rows and len(memory.rows) == 3


def test_one_source_disagrees_with_no_other():
    rows = api.run_saved("sources-disagree")
    assert rows.rows == []


# --- quotes and sources ------------------------------------------------------------------------


def test_a_quote_is_looked_for_in_its_files_source(two_sources, tmp_path):
    data = copy_of_data(tmp_path / "data")
    shutil.copytree(two_sources / "sources", data / "sources", dirs_exist_ok=True)
    shutil.copy(GOLD, data / "annotations" / f"{SPANISH}.yaml")
    stray = "claims:\n  - {subject: vlady, relation: childOf, object: victor-serge, certainty: stated, evidence: [su hijo Vlady]}\n"
    (data / "annotations" / "99-no-source.yaml").write_text(stray, encoding="utf-8")
    result = runner.invoke(main, ["--data", str(data), "validate"])
    assert result.exit_code == 1
    assert (
        "99-no-source.yaml:2: quote not found in the text of gorkin-1957: “su hijo Vlady”"
        in result.output
    )
    assert (
        f"it stands in source '{SPANISH}': name it at the top of the file (source: {SPANISH})"
        in result.output
    )


def test_the_test_source_never_enters_the_shipped_data():
    shipped = yaml.safe_load((ROOT / "data" / "sources" / "sources.yaml").read_text("utf-8"))
    assert [s["id"] for s in shipped["sources"]] == ["gorkin-1957"]
    digest = hashlib.sha256((FIXTURE / META["file"]).read_bytes()).hexdigest()
    for path in (ROOT / "data").rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() != digest, path


# --- suggested items ---------------------------------------------------------------------------

SUGGESTED = f"""\
source: {SPANISH}
aliases:
  - {{entity: vlady, name: su hijo Vlady, language: es, status: suggested}}
entities:
  - id: prensa-obrera
    type: Periodical
    name: prensa obrera
    status: suggested
claims:
  - subject: victor-serge
    relation: contributorTo
    object: prensa-obrera
    certainty: stated
    evidence: ["defendió a los acusados en la prensa obrera"]
    status: suggested
"""


@pytest.fixture()
def with_suggestions(two_sources, tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(two_sources, data)
    (data / "annotations" / "suggested.yaml").write_text(SUGGESTED, encoding="utf-8")
    return data


@pytest.mark.slow
def test_validate_counts_the_suggested_items_and_build_leaves_them_out(with_suggestions, two_graph):
    result = runner.invoke(main, ["--data", str(with_suggestions), "validate"])
    assert result.exit_code == 0, result.output
    assert "suggested: 3 items still to confirm" in result.output
    assert f"annotations/suggested.yaml ({SPANISH}): 3" in result.output
    out = with_suggestions.parent / "out"
    result = runner.invoke(main, ["--data", str(with_suggestions), "build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    from rdflib import Graph

    built = Graph().parse(out / "serge.ttl")
    assert set(built) == set(two_graph)  # as if the file were not there
    listed = runner.invoke(
        main, ["--data", str(with_suggestions), "source", "list", "--format", "json"]
    )
    counts = {row["id"]: row["suggested"] for row in json.loads(listed.stdout)}
    assert counts == {"gorkin-1957": "0", SPANISH: "3"}


@pytest.mark.slow
def test_build_include_suggested_marks_them(with_suggestions):
    out = with_suggestions.parent / "out"
    args = ["--data", str(with_suggestions), "build", "--include-suggested", "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    from rdflib import Graph

    built = Graph().parse(out / "serge.ttl")
    suggested = set(built.subjects(SG.status, Literal("suggested")))
    claim = ID["claim/victor-serge--contributorTo--prensa-obrera"]
    entity = ID["work/prensa-obrera"]
    phrase = TEXT.index("su hijo Vlady")
    mention = ID[f"mention/{SPANISH}/{phrase}-{phrase + len('su hijo Vlady')}"]
    words = TEXT.index("prensa obrera")
    named = ID[f"mention/{SPANISH}/{words}-{words + len('prensa obrera')}"]
    assert suggested == {claim, entity, mention, named}  # everything else is confirmed
    assert (entity, RDF.type, SG.Periodical) in built


@pytest.mark.slow
def test_confirming_is_deleting_the_status_line(with_suggestions):
    path = with_suggestions / "annotations" / "suggested.yaml"
    path.write_text(
        SUGGESTED.replace(", status: suggested", "").replace("    status: suggested\n", ""), "utf-8"
    )
    corpus = api.load_corpus(with_suggestions)
    assert corpus.annotations.suggested == 0
    graph = api.build_graph(corpus)
    assert (ID["claim/victor-serge--contributorTo--prensa-obrera"], RDF.type, SG.Claim) in graph
    assert not set(graph.subjects(SG.status, None))


def test_a_confirmed_claim_may_not_rest_on_a_suggested_entity(with_suggestions):
    head, claims = SUGGESTED.split("claims:\n")
    path = with_suggestions / "annotations" / "suggested.yaml"
    path.write_text(head + "claims:\n" + claims.replace("    status: suggested\n", ""), "utf-8")
    result = runner.invoke(main, ["--data", str(with_suggestions), "validate"])
    assert result.exit_code == 1
    assert (
        "suggested.yaml:10: this confirmed claim names 'prensa-obrera', which is still suggested"
        in result.output
    )
    assert (
        f"confirm 'prensa-obrera' first: serge-graph confirm {SPANISH} prensa-obrera "
        "(or delete its status: suggested line, at"
    ) in result.output


def test_an_unknown_status_is_refused(with_suggestions):
    path = with_suggestions / "annotations" / "suggested.yaml"
    path.write_text(
        SUGGESTED.replace("    status: suggested\n", "    status: confirmed\n", 1), "utf-8"
    )
    result = runner.invoke(main, ["--data", str(with_suggestions), "validate"])
    assert result.exit_code == 1
    assert "suggested.yaml:8: unknown status 'confirmed' in entity" in result.output
    assert "to confirm an item, delete its status line" in result.output


# --- coverage, stats, show, the site and the network, per source and across sources ----------


def _cli_json(data: Path, *args: str, code: int = 0):
    result = runner.invoke(main, ["--data", str(data), *args, "--format", "json"])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_coverage_of_the_article_is_the_same_with_a_second_source(two_sources):
    # the same filter on both: general knowledge's dates of events stand in no source
    one = _cli_json(ROOT / "data", "coverage", "--source", "gorkin-1957")
    article = _cli_json(two_sources, "coverage", "--source", "gorkin-1957")
    for section in ("mentions_by_entity", "claims_by_speaker", "claims_by_part"):
        assert article[section] == one[section], section
    for section in ("uncovered_names", "paragraphs_without_claims", "unused_ignores"):
        assert article[section] == one[section], section
    assert article["unannotated_event_phrases"] == one["unannotated_event_phrases"]


def test_coverage_of_the_spanish_source_counts_its_own(two_sources, two_corpus):
    report = _cli_json(two_sources, "coverage", "--source", SPANISH, "--all", code=1)
    names = {e.id: e.name for e in two_corpus.annotations.entities.values()}
    mentioned: dict[str, int] = {}
    for mention in two_corpus.annotations.mentions:
        if mention.span.source == SPANISH:
            mentioned[names[mention.entity]] = mentioned.get(names[mention.entity], 0) + 1
    assert {r["entity"]: int(r["count"]) for r in report["mentions_by_entity"]} == mentioned
    assert report["claims_by_speaker"] == [{"speaker": "serge-graph test author", "count": "29"}]
    uncovered = {row["word"] for row in report["uncovered_names"]}
    assert uncovered and all(re.search(rf"\b{w}\b", TEXT) for w in uncovered)
    assert not uncovered & {"Serge", "Gorkin", "POUM", "GPU", "Umansky", "Vlady", "CNT"}
    result = runner.invoke(main, ["--data", str(two_sources), "coverage", "--source", "nope"])
    assert result.exit_code == 1 and "no source 'nope'" in result.output


@pytest.mark.slow
def test_stats_per_source(two_sources, two_corpus):
    stats = _cli_json(two_sources, "stats", "--source", SPANISH)
    types = {row["type"]: int(row["count"]) for row in stats["types"]}
    spanish_claims = [c for c in two_corpus.annotations.claims if SPANISH in c.sources]
    mentions = [m for m in two_corpus.annotations.mentions if m.span.source == SPANISH]
    assert types["claim"] == len(spanish_claims)
    assert types["mention"] == len(mentions)
    assert types["paragraph"] == 7 and types["source text"] == 1
    people = {m.entity for m in mentions} | {c.subject for c in spanish_claims}
    people |= {c.object for c in spanish_claims if c.object and c.relation != "type"}
    entities = two_corpus.annotations.entities
    assert types["person"] == sum(1 for e in people if entities[e].type == "Person")
    assert stats["speakers"] == [{"speaker": "serge-graph test author", "claims": 29}]
    every = _cli_json(two_sources, "stats")
    total = {row["type"]: int(row["count"]) for row in every["types"]}
    article = _cli_json(two_sources, "stats", "--source", "gorkin-1957")
    in_article = {row["type"]: int(row["count"]) for row in article["types"]}
    # corrections go with the text they correct; the dates general knowledge gives events
    # (anchors for the text's relative times) and the relations it states (the GPU's
    # incorporation into the NKVD) stand in no source
    claims = two_corpus.annotations.claims
    dates = sum(1 for c in claims if c.general_knowledge_date)
    assert dates == 8  # two of them date Umansky's postings (note 11)
    relations = [c for c in claims if not (c.evidence or c.corrects or c.general_knowledge_date)]
    assert [c.relation for c in relations] == ["incorporatedInto"]
    in_no_source = dates + len(relations)
    points = len(corpus_locations(two_corpus)[0])  # each place's point: general knowledge's too
    links = len(corpus_links(two_corpus))  # and each link out (data/links.yaml)
    assert total["claim"] == in_article["claim"] + types["claim"] + in_no_source + points + links
    assert total["mention"] == in_article["mention"] + types["mention"]
    assert total["paragraph"] == in_article["paragraph"] + types["paragraph"]


@pytest.mark.slow
def test_show_per_source_splits_the_facts(two_sources):
    every = _cli_json(two_sources, "show", "Umansky")
    by_source = {
        source: _cli_json(two_sources, "show", "Umansky", "--source", source)
        for source in ("gorkin-1957", SPANISH)
    }
    for source, rows in by_source.items():
        assert rows and all(row["source"] == source for row in rows)
    assert sorted(map(json.dumps, every)) == sorted(
        json.dumps(row) for rows in by_source.values() for row in rows
    )
    spanish_quotes = {row["quote"] for row in by_source[SPANISH]}
    assert "Umansky murió en enero de 1945" in spanish_quotes


@pytest.fixture(scope="module")
def two_site(two_sources):
    return api.site_files(two_sources)


@pytest.mark.slow
def test_the_site_has_a_text_page_per_source_and_the_article_page_is_unchanged(two_site):
    one_site = api.site_files()
    assert two_site["text.html"] == one_site["text.html"]
    page = two_site[f"text-{SPANISH}.html"].decode("utf-8")
    assert "Víctor Serge y Julián Gorkin en México, 1941–1947" in page
    assert 'href="text-serge-gorkin-mexico-es.html"' in two_site["index.html"].decode("utf-8")


@pytest.mark.slow
def test_every_quote_link_of_the_site_leads_to_its_words(two_site, two_corpus):
    """Each entity page links a quote to the text page of its source, where the anchor marks
    exactly those words."""
    pages = {name: two_site[name].decode("utf-8") for name in ("text.html", f"text-{SPANISH}.html")}
    anchors = {
        (name, a) for name, html in pages.items() for a in re.findall(r'id="(claim-[^"]+)"', html)
    }
    checked = 0
    for path in ("id/person/konstantin-umansky.html", "id/person/andres-nin.html"):
        html = two_site[path].decode("utf-8")
        for page, anchor in re.findall(r'href="\.\./\.\./(text[^"#]*\.html)#(claim-[^"]+)"', html):
            assert (page, anchor) in anchors, (path, page, anchor)
            checked += 1
    assert checked > 10
    claim = "claim-konstantin-umansky--deathDate--1945-01"
    marked = re.search(rf'id="{claim}"[^>]*>(.*?)</mark>', pages[f"text-{SPANISH}.html"], re.S)
    assert re.sub(r"<[^>]+>", "", marked.group(1)) == "Umansky murió en enero de 1945"


def _page_data(html: str) -> dict:
    found = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_network_page_links_each_claim_to_its_source(two_site, two_corpus):
    data = _page_data(two_site["network.html"].decode("utf-8"))
    claims = [c for bundle in data["edges"] for c in bundle["claims"]]
    titles = {
        "gorkin-1957": two_corpus.sources["gorkin-1957"].metadata["title"],
        SPANISH: META["title"],
    }
    assert {c["source"] for c in claims} == set(titles.values())
    for claim in claims:
        page = "text.html" if claim["source"] == titles["gorkin-1957"] else f"text-{SPANISH}.html"
        assert claim["link"].startswith(page + "#claim-"), claim


@pytest.mark.slow
def test_network_source_filter_keeps_what_one_source_says(two_sources, two_corpus, tmp_path):
    out = tmp_path / "net.html"
    args = ["--data", str(two_sources), "network", "--source", SPANISH, "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    data = _page_data(out.read_text(encoding="utf-8"))
    spanish = [c for c in two_corpus.annotations.claims if SPANISH in c.sources and c.object]
    drawn = {(c["from"], c["to"]) for b in data["edges"] for c in b["claims"]}
    expected = {
        tuple(sorted((two_corpus.iri(c.subject), two_corpus.iri(c.object)))) for c in spanish
    }
    assert {tuple(sorted(pair)) for pair in drawn} == {tuple(map(str, p)) for p in expected}
    named = {
        two_corpus.iri(m.entity)
        for m in two_corpus.annotations.mentions
        if m.span.source == SPANISH
    }
    linked = {str(i) for pair in expected for i in pair}
    assert {n["id"] for n in data["nodes"]} == {str(n) for n in named} | linked


@pytest.mark.slow
def test_the_documented_workflow_ends_in_a_validated_graph(two_sources, tmp_path):
    """docs/annotations.md: source add (the fixture), the hand annotation as the confirmed
    draft, then validate (annotations and SHACL) and build."""
    result = runner.invoke(main, ["--data", str(two_sources), "validate"])
    assert result.exit_code == 0, result.output
    assert "annotations: OK" in result.output and "SHACL: OK" in result.output
    assert "suggested:" not in result.output
    result = runner.invoke(main, ["--data", str(two_sources), "build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "serge.ttl").is_file()


def test_every_timeline_link_leads_to_an_anchor_of_its_source(two_site):
    pages = {name: two_site[name].decode("utf-8") for name in ("text.html", f"text-{SPANISH}.html")}
    anchors = {(n, a) for n, html in pages.items() for a in re.findall(r'id="(claim-[^"]+)"', html)}
    timeline = two_site["timeline.html"].decode("utf-8")
    links = re.findall(r'href="(text[^"#]*\.html)#(claim-[^"]+)"', timeline)
    assert links and set(links) <= anchors, sorted(set(links) - anchors)[:5]
    assert (f"text-{SPANISH}.html", "claim-konstantin-umansky--deathDate--1945-01") in links


@pytest.mark.browser
def test_the_network_page_filters_by_source_in_the_browser(browser, two_sources, tmp_path):
    from tests.test_browser import _assert_counts, _expect

    graph = api.network_graph("full", data=two_sources)
    path = tmp_path / "network.html"
    api.write_network_page(graph, path)
    offline = OfflinePage(browser)
    page = offline.open(path)
    _assert_counts(page, (len(graph), graph.number_of_edges()))
    page.click("#filters summary")
    assert page.locator("#source-filter").is_visible()
    page.uncheck(f"input[data-source='{META['title']}']")
    article_only = _expect(graph, lambda d: True, lambda d: d["source"] != SPANISH, True)
    assert 0 < article_only[1] < graph.number_of_edges()
    _assert_counts(page, article_only)
    page.click("#filters-reset")
    _assert_counts(page, (len(graph), graph.number_of_edges()))
    offline.assert_clean()
    page.close()


@pytest.mark.browser
def test_the_source_filter_is_hidden_with_one_source(browser, tmp_path):

    path = tmp_path / "network.html"
    api.write_network_page(api.network_graph("full"), path)
    offline = OfflinePage(browser)
    page = offline.open(path)
    page.click("#filters summary")
    assert page.locator("#source-filter").is_hidden()
    assert page.locator("#source-filter input").count() == 1
    offline.assert_clean()
    page.close()
