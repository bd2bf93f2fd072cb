"""Many witnesses (issue 25): a second source tells events another file defines, confirm and
reject instead of hand edits, sources-disagree over dates, places, numbers and participants,
and each event's tellings side by side.

The French text (tests/data/third-source) was written for these tests, in five sentences of
a fictional author; it is added to temporary copies of data/, never to data/ itself.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rdflib import Literal

from serge_graph import api, stores
from serge_graph.cli import main
from serge_graph.errors import AnnotationError
from serge_graph.namespaces import ID, SG
from serge_graph.project import project_root
from serge_graph.queries import run_query

from .conftest import BASE_ANNOTATIONS

ROOT = project_root()
FRENCH = Path(__file__).parent / "data" / "third-source"
META = yaml.safe_load((FRENCH / "source.yaml").read_text(encoding="utf-8"))
SOURCE = META["id"]
TEXT = (FRENCH / META["file"]).read_text(encoding="utf-8")
DRAFT = (FRENCH / "draft.yaml").read_text(encoding="utf-8")
runner = CliRunner()


def cli(data: Path, *args: str, code: int = 0):
    result = runner.invoke(main, ["--data", str(data), *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def add_args(file: Path = FRENCH / META["file"], **changes) -> list[str]:
    options = {"id": SOURCE, "title": META["title"], "author": META["author"]}
    options |= {"date": str(META["date"]), "language": META["language"]} | changes
    args = ["source", "add", str(file), "--excerpt"]
    for key, value in options.items():
        args += [f"--{key}", value]
    return args


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> Path:
    """A copy of data/ with the French text added by `source add --excerpt` and its draft."""
    data = tmp_path_factory.mktemp("fr") / "data"
    shutil.copytree(ROOT / "data", data)
    cli(data, *add_args())
    (data / "annotations" / f"{SOURCE}-draft.yaml").write_text(DRAFT, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def confirmed(french, tmp_path_factory) -> Path:
    """The documented workflow on a copy: the draft's claims refused while the cemetery they
    name is suggested; the entity and aliases confirmed, the noise rejected, then the claims."""
    data = tmp_path_factory.mktemp("confirmed") / "data"
    shutil.copytree(french, data)
    cli(data, "confirm", SOURCE, "--all-of", "claims", code=1)
    cli(data, "confirm", SOURCE, "dolores-cemetery", "--all-of", "aliases")
    cli(data, "reject", SOURCE, "l-avion")
    cli(data, "confirm", SOURCE, "--all-of", "claims")
    return data


@pytest.fixture(scope="module")
def french_corpus(confirmed):
    return api.load_corpus(confirmed)


@pytest.fixture(scope="module")
def french_graph(french_corpus):
    return api.build_graph(french_corpus)


# --- a second source tells the events of another file -------------------------------------

BAD_EVENT_CLAIMS = f"""\
source: {SOURCE}
claims:
  - subject: death-of-victor-serge
    relation: dat
    certainty: stated
    value: 1947-11-18
    evidence: ["Serge mourut dans un taxi le 18 novembre 1947"]
  - subject: victor-serge
    relation: date
    certainty: stated
    value: 1947-11-18
    evidence: ["Serge mourut dans un taxi le 18 novembre 1947"]
"""


def test_a_claim_may_give_the_date_of_an_event_another_file_defines(french_corpus, french):
    told = [
        (c.relation, c.value.text, c.speaker)
        for c in french_corpus.annotations.claims
        if c.subject == "death-of-victor-serge" and c.relation == "date"
    ]
    assert told == [
        ("date", "1947-11-17", "julian-gorkin"),  # the article's own event
        ("date", "1947-11-18", "serge-graph-french-test-author"),  # told by the French file
    ]
    from serge_graph.build import load_corpus

    draft = french / "annotations" / f"{SOURCE}-draft.yaml"
    with pytest.raises(AnnotationError) as error:  # checked as that file's text, not written
        load_corpus(french, pending={draft: BAD_EVENT_CLAIMS})
    assert str(error.value).endswith(
        f"data/annotations/{SOURCE}-draft.yaml:4: unknown relation 'dat'\n"
        "    hint: did you mean 'date'?\n"
        f"data/annotations/{SOURCE}-draft.yaml:9: relation 'date' tells an event, and "
        "'victor-serge' is not one\n"
        "    hint: an event's date, place and participants (roles) take an event as subject; "
        "see `serge-graph vocabulary` for the relations between entities"
    )
    assert draft.read_text(encoding="utf-8") == DRAFT


# --- confirm and reject ----------------------------------------------------------------------


def test_confirming_deletes_only_the_status_lines_and_keeps_comments_and_order(
    confirmed, french_corpus
):
    written = (confirmed / "annotations" / f"{SOURCE}-draft.yaml").read_text(encoding="utf-8")
    noise = "  - id: l-avion\n    type: Person\n    name: L'avion\n    status: suggested\n"
    expected = DRAFT.replace(noise, "").replace("    status: suggested\n", "")
    assert written == expected.replace(", status: suggested}", "}")
    assert "# noise a program might propose" in written  # the comment stays
    assert french_corpus.annotations.suggested == 0  # and it validates


def test_confirm_refuses_what_would_not_validate_and_writes_nothing(french, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(french, data)
    before = files_of(data)
    result = cli(data, "confirm", SOURCE, "burial-of-victor-serge--place--dolores-cemetery", code=1)
    assert (
        "this confirmed claim names 'dolores-cemetery', which is still suggested\n"
        f"    hint: confirm 'dolores-cemetery' first: serge-graph confirm {SOURCE} dolores-cemetery"
    ) in result.output
    assert "nothing written: the data folder would not validate after confirm" in result.output
    result = cli(data, "reject", SOURCE, "dolores-cemetery", code=1)  # a claim still names it
    assert "unknown id 'dolores-cemetery' in object" in result.output
    result = cli(data, "confirm", SOURCE, "dolores-cemetry", code=1)
    assert "no suggested item 'dolores-cemetry'" in result.output
    assert "did you mean 'dolores-cemetery'?" in result.output
    assert "name the items to confirm" in cli(data, "confirm", SOURCE, code=1).output
    assert (
        "unknown source 'serge-mexique'" in cli(data, "reject", "serge-mexique", "x", code=1).output
    )
    assert files_of(data) == before


def test_items_are_named_by_id_claim_alias_or_file_and_line(french, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(french, data)
    draft = f"annotations/{SOURCE}-draft.yaml"
    line = DRAFT.splitlines().index("  - id: l-avion") + 3  # the item's third line
    result = cli(data, "reject", SOURCE, f"{draft}:{line}", "mexico=Mexique")
    assert result.output.splitlines() == [
        f"rejected alias mexico=Mexique (data/{draft}:7)",
        f"rejected entity l-avion (data/{draft}:20)",
        f"2 rejected; 10 still suggested in {SOURCE}",
    ]
    cli(data, "reject", SOURCE, "--all-of", "aliases")
    after = yaml.safe_load((data / draft).read_text(encoding="utf-8"))
    assert after["aliases"] == []  # a list left empty stays a list
    assert [e["id"] for e in after["entities"]] == ["dolores-cemetery"]


def test_a_hand_edit_made_while_confirming_is_never_overwritten(french, tmp_path, monkeypatch):
    from serge_graph import drafts

    data = tmp_path / "data"
    shutil.copytree(french, data)
    path = data / "annotations" / f"{SOURCE}-draft.yaml"
    edited = DRAFT.replace("name: cimetière de Dolores", "name: Panteón de Dolores")
    real_check = drafts._check

    def check_then_edit(data_dir, texts):  # the historian saves the file meanwhile
        real_check(data_dir, texts)
        path.write_text(edited, encoding="utf-8")

    monkeypatch.setattr(drafts, "_check", check_then_edit)
    result = cli(data, "confirm", SOURCE, "dolores-cemetery", code=1)
    assert f"{SOURCE}-draft.yaml changed after it was read (edited meanwhile?)" in result.output
    assert path.read_text(encoding="utf-8") == edited


# --- every write whole or not at all -------------------------------------------------------


class CrashError(OSError):
    """A write that fails midway (a full disk, a killed process)."""


def crash_on_write(monkeypatch, fail_at: int | None) -> list:
    """Every write the commands make, counted: the rename that ends an atomic write raises at
    call fail_at; a write in place writes half its bytes, then raises, as a crash would."""
    calls: list = []
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        calls.append(target)
        if len(calls) == fail_at:
            raise CrashError("injected failure")
        return real_replace(source, target, *args, **kwargs)

    def half(self, data, *args, **kwargs):
        calls.append(self)
        data = data.encode("utf-8") if isinstance(data, str) else data
        with open(self, "wb") as stream:
            stream.write(data[: len(data) // 2])
        raise CrashError("injected failure in place")

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(Path, "write_text", half)
    monkeypatch.setattr(Path, "write_bytes", half)
    return calls


SPLIT_DRAFT = {  # a draft in two files: confirming writes both, all or none
    "fr-1.yaml": f"""\
        source: {SOURCE}
        # the palace, as proposed
        entities:
          - id: palais-des-beaux-arts
            type: Building
            name: Palais des Beaux-Arts
            status: suggested
        """,
    "fr-2.yaml": f"""\
        source: {SOURCE}
        events:
          - id: conference-au-palais
            type: Lecture
            certainty: stated
            name: conférence au Palais des Beaux-Arts
            place: palais-des-beaux-arts
            participants: [{{entity: julian-gorkin, role: speakerAt}}]
            evidence: ["c'est Gorkin qui prit la parole"]
            status: suggested
        """,
}


def _small_folder(folder: Path, with_draft: bool) -> Path:
    """The real sources, the three speakers (conftest's base annotations) and, unless the
    command is source add, the French text with a draft in two files."""
    data = folder / "data"
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    (data / "annotations").mkdir()
    (data / "annotations" / "00-base.yaml").write_text(BASE_ANNOTATIONS, encoding="utf-8")
    if with_draft:
        cli(data, *add_args())
        for name, text in SPLIT_DRAFT.items():
            (data / "annotations" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return data


@pytest.mark.parametrize(
    "command",
    [
        add_args(),
        ["confirm", SOURCE, "--all-of", "all"],
        ["reject", SOURCE, "conference-au-palais", "palais-des-beaux-arts"],
    ],
    ids=["source add", "confirm", "reject"],
)
def test_a_failed_write_leaves_the_data_folder_as_it_was(tmp_path, monkeypatch, command):
    drafted = command[0] != "source"
    working = _small_folder(tmp_path / "working", drafted)
    with monkeypatch.context() as patch:
        writes = crash_on_write(patch, None)
        cli(working, *command)  # it works, and its writes are counted
    assert len(writes) == (3 if command[0] == "source" else 2), writes
    data = _small_folder(tmp_path / "failing", drafted)
    before = files_of(data)
    for fail_at in range(1, len(writes) + 1):
        with monkeypatch.context() as patch:
            crash_on_write(patch, fail_at)
            result = cli(data, *command, code=1)
        assert "injected failure" in result.output, result.output
        assert "nothing added" in result.output or "nothing changed" in result.output
        assert files_of(data) == before, f"changed after a failure at write {fail_at}"


# --- sources-disagree and the tellings -------------------------------------------------------


@pytest.fixture(scope="module")
def disagree_rows(french_graph) -> list[dict]:
    """The saved question on Oxigraph, the store the CLI asks by default."""
    store = stores.open_store(lambda: french_graph, "oxigraph")
    return run_query(store, api.saved_query_text("sources-disagree")).as_dicts()


@pytest.mark.slow  # fills an Oxigraph folder of its own
def test_an_oxigraph_folder_keeps_the_disagreements_the_live_query_lists(
    french_graph, disagree_rows, tmp_path
):
    from serge_graph import summaries
    from serge_graph.project import resolve_paths
    from serge_graph.queries import oxigraph_rows, saved_queries

    file, folder = tmp_path / "graph.nt", tmp_path / "store"
    french_graph.serialize(file, format="nt", encoding="utf-8")
    stores.load_graph_file(file, "oxigraph", folder).close()
    question = saved_queries(resolve_paths(None).queries)["sources-disagree"]
    summaries.ensure(folder, [question])
    kept = summaries.solutions(summaries.answer_for(folder, question.text))
    rows = oxigraph_rows(kept).as_dicts()
    assert len(rows) == len(PLANTED)
    assert sorted(map(repr, rows)) == sorted(map(repr, disagree_rows))


PLANTED = {  # (subject, relation, the article's value, the French text's value)
    ("Serge's lecture at the Palace of Fine Arts", "speaker", "Victor Serge", "Julián Gorkin"),
    ("burial of Victor Serge", "place", "French cemetery", "cimetière de Dolores"),
    ("death of Konstantin Umansky", "date", "1943", "1945-01-25"),
    ("death of Victor Serge", "date", "1947-11-17", "1947-11-18"),
}


def test_sources_disagree_lists_the_planted_tellings_with_both_quotes(
    french_corpus, french_graph, disagree_rows
):
    corpus, rows = french_corpus, disagree_rows
    assert {(r["subject"], r["relation"], r["value_a"], r["value_b"]) for r in rows} == PLANTED
    article = corpus.sources["gorkin-1957"].text
    for row in rows:
        assert (row["source_a"], row["source_b"]) == ("gorkin-1957", SOURCE)
        assert row["quote_a"] in article and row["quote_b"] in TEXT
        assert row["speaker_b"] == "serge-graph French test author"
        claims = {c.id: c for c in corpus.annotations.claims}
        assert row["quote_a"] in {e.span.exact for e in claims[row["claim_a"]].evidence}
        assert row["quote_b"] in {e.span.exact for e in claims[row["claim_b"]].evidence}
    # Umansky's death in January 1945 contains the French day: no row for that pair, and the
    # arrival, which the article leaves undated, takes the French date without a disagreement
    arrival = ID["event/serge-arrives-from-santo-domingo"]
    assert set(french_graph.objects(arrival, SG.dateText)) == {Literal("1941-09-05")}
    death = ID["event/death-of-victor-serge"]
    assert {str(d) for d in french_graph.objects(death, SG.date)} == {"1947-11-17", "1947-11-18"}
    assert [str(d) for d in french_graph.objects(death, SG.earliest)] == ["1947-11-17"]
    assert [str(d) for d in french_graph.objects(death, SG.latest)] == ["1947-11-18"]


def test_the_site_pairs_the_same_claims_as_the_saved_query(french_graph, disagree_rows):
    from serge_graph.site.site_data import site_data
    from serge_graph.site.tellings import disagreeing

    rows = disagree_rows
    queried = {
        frozenset((str(ID[f"claim/{r['claim_a']}"]), str(ID[f"claim/{r['claim_b']}"])))
        for r in rows
    }
    found = disagreeing(site_data(french_graph))
    paired = {frozenset((a, b.iri)) for a, others in found.items() for b in others}
    assert paired == queried and len(paired) == 4


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_an_event_page_shows_each_sources_telling_side_by_side(french_graph):
    page = api.entity_page_html(french_graph, str(ID["event/death-of-victor-serge"]))
    start = page.index('id="tellings"')
    section = page[start : page.index("</div>\n</section>", start)]
    columns = re.findall(
        r'<section class="telling" aria-label="([^"]+)">(.*?)</section>', section, re.S
    )
    assert [html.unescape(title) for title, _ in columns] == [
        "The Last Years of Victor Serge, 1941–1947",
        "Victor Serge au Mexique, notes d'essai",
    ]
    article, french = (_text(body) for _, body in columns)
    assert "date: 17 November 1947" in article and "says Julián Gorkin" in article
    assert "About 10 o’clock in the evening on 17 November 1947" in article
    assert "Victor Serge au Mexique, notes d'essai says otherwise: 18 November 1947" in article
    assert "date: 18 November 1947 “Serge mourut dans un taxi le 18 novembre 1947”" in french
    assert "says serge-graph French test author" in french
    assert "The Last Years of Victor Serge, 1941–1947 says otherwise: 17 November 1947" in french
    assert 'href="../../id/claim/death-of-victor-serge--date--1947-11-18.html"' in columns[0][1]
    one_source = api.entity_page_html(french_graph, str(ID["event/murder-of-andres-nin"]))
    assert 'id="tellings"' not in one_source  # told by one source: no columns


def test_a_claim_page_links_the_claim_that_disagrees(french_graph):
    from serge_graph.site.claim_pages import claim_page_html
    from serge_graph.site.pages import Links
    from serge_graph.site.site_data import site_data

    data = site_data(french_graph)
    claim = data.claims_by_iri[
        str(ID["claim/palace-of-fine-arts-lecture--speakerAt--julian-gorkin"])
    ]
    page = claim_page_html(data, claim, Links("../../"))
    assert (
        'told differently in The Last Years of Victor Serge, 1941–1947: <a href="'
        '../../id/claim/palace-of-fine-arts-lecture--speakerAt--victor-serge.html">'
    ) in page


def test_an_excerpt_is_called_one_on_its_pages(french_graph, french_corpus, confirmed):
    from serge_graph.site.claim_pages import source_page_html
    from serge_graph.site.pages import Links
    from serge_graph.site.site_data import site_data
    from serge_graph.site.text_page import text_page_html

    listing = yaml.safe_load((confirmed / "sources" / "sources.yaml").read_text("utf-8"))
    assert listing["sources"][1]["excerpt"] is True
    data = site_data(french_graph)
    corpus = french_corpus
    text = _text(text_page_html(corpus.sources[SOURCE], data))
    assert "An excerpt of “Victor Serge au Mexique, notes d'essai”. Names link" in text
    assert "The whole article. Names link" in _text(
        text_page_html(corpus.sources["gorkin-1957"], data)
    )
    info = next(s for s in data.sources if s.id == SOURCE)
    assert "Extent An excerpt of “Victor Serge au Mexique" in _text(
        source_page_html(data, info, Links("../../"))
    )


# --- ids unique across drafts, source add's checks, coverage of one source ------------------

SPANISH = Path(__file__).parent / "data" / "second-source" / "serge-gorkin-mexico-es.txt"


@pytest.mark.slow  # two drafts suggested and the folder validated: 3.4 s quiet, 20-35 s loaded
def test_a_second_draft_takes_no_id_a_pending_draft_proposes(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    short = tmp_path / "breve.txt"  # a sentence written here, naming two of the Spanish names
    short.write_text("Laurette Séjourné vivió en Marsella antes de la guerra.\n", encoding="utf-8")
    for file, source in ((SPANISH, "es-test"), (short, "es-breve")):
        cli(data, *add_args(file, id=source, title=source, language="es"))
        cli(data, "suggest", source, "--out", str(data / "annotations" / f"{source}-draft.yaml"))
    first, second = (
        yaml.safe_load((data / "annotations" / f"{s}-draft.yaml").read_text("utf-8"))
        for s in ("es-test", "es-breve")
    )
    proposed = {e["id"] for e in first["entities"]}
    assert {"marsella", "laurette-sejourne"} <= proposed
    assert not proposed & {e["id"] for e in second.get("entities") or []}
    linked = {m["entity"] for m in second["mentions"]}
    assert {"marsella", "laurette-sejourne"} <= linked  # matched to the pending draft's
    api.load_corpus(data)  # both drafts pending: the folder validates
    clash = "source: es-breve\nentities:\n  - {id: marsella, type: Place, name: Marsella, status: suggested}\n"
    (data / "annotations" / "es-zz-clash.yaml").write_text(clash, encoding="utf-8")
    with pytest.raises(AnnotationError) as error:
        api.load_corpus(data)
    assert "id 'marsella' is defined twice" in str(error.value)
    assert (
        "reject this suggestion (serge-graph reject es-breve data/annotations/es-zz-clash.yaml:3)"
        in str(error.value)
    )


@pytest.mark.parametrize("bad", ["es--test", "-es", "es-"])
def test_source_add_refuses_doubled_and_edge_hyphens(tmp_path, bad):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = files_of(data)
    result = cli(data, *add_args(id=bad), code=1)
    assert f"--id {bad!r} is not a slug" in result.output
    assert files_of(data) == before


def test_source_add_links_the_author_it_knows_by_name(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    cli(data, *add_args(author="Julian Gorkin"))  # his name, without its accent
    entry = yaml.safe_load((data / "sources" / "sources.yaml").read_text("utf-8"))["sources"][1]
    assert (entry["author"], entry["speaker"], entry["excerpt"]) == ("julian-gorkin",) * 2 + (True,)
    started = yaml.safe_load((data / "annotations" / f"{SOURCE}.yaml").read_text("utf-8"))
    assert "entities" not in started  # no second Gorkin


def test_coverage_of_one_source_leaves_out_the_ignore_entries_others_use(confirmed):
    import json

    result = cli(confirmed, "coverage", "--source", SOURCE, "--format", "json", code=1)
    report = json.loads(result.stdout)
    assert report["unused_ignores"] == []
    assert {r["speaker"] for r in report["claims_by_speaker"]} == {"serge-graph French test author"}
