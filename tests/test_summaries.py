"""The answers an Oxigraph folder keeps for the whole-graph saved questions (summaries.py):
made by the live query when the folder is filled, equal to it, used by the command line and
the endpoint's workers for the same text only, and made again when the data changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph
import pytest

from serge_graph import api, stores, summaries
from serge_graph.prefixes import PREFIX_IRIS
from serge_graph.project import resolve_paths
from serge_graph.queries import oxigraph_rows, saved_queries
from serge_graph.server.workers import GraphSource, OxigraphEngine, QueryRequest, answer

# the saved questions that read every claim, quote, mention or event
WHOLE_GRAPH = [
    "claims-by-certainty",
    "claims-by-speaker",
    "contradictions",
    "corrections",
    "editors-claims",
    "enemies",
    "events-by-date",
    "most-mentioned",
    "notes-and-callers",
    "quoted-speech",
    "sources-disagree",
    "stalinists-in-notes",
]


def _queries():
    return saved_queries(resolve_paths(None).queries)


@pytest.fixture(scope="module")
def folder(graph_file, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("summaries") / "store"
    stores.load_graph_file(graph_file, "oxigraph", folder).close()
    summaries.ensure(folder, _queries().values())
    return folder


@pytest.fixture
def copy(folder, tmp_path) -> Path:
    """The filled folder, its fingerprint and its answers copied, to be changed by a test."""
    target = tmp_path / "store"
    shutil.copytree(folder, target)
    for suffix in (".fingerprint.json", ".summaries"):
        source = folder.with_name(folder.name + suffix)
        destination = target.with_name(target.name + suffix)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy(source, destination)
    return target


def _live(folder: Path, text: str):
    store = pyoxigraph.Store.read_only(str(folder))
    result = store.query(text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
    return oxigraph_rows(result, typed=True)


def _no_rows(summary: summaries.Summary) -> None:
    body = json.loads(summary.file.read_text(encoding="utf-8"))
    body["results"]["bindings"] = []
    summary.file.write_text(json.dumps(body), encoding="utf-8")


def test_the_whole_graph_questions_are_the_marked_ones():
    assert [q.name for q in summaries.summarised(_queries().values())] == WHOLE_GRAPH


def test_every_kept_answer_equals_the_live_query_and_the_command_line_s(folder):
    kept = summaries.kept(folder)
    assert sorted(s.name for s in kept.values()) == WHOLE_GRAPH
    for name in WHOLE_GRAPH:
        text = _queries()[name].text
        summary = kept[summaries.key_of(text)]
        rows = oxigraph_rows(summaries.solutions(summary), typed=True)
        # every one has an answer on the article, but the disagreements of two sources: the
        # article is one (test_witnesses checks that answer kept for two sources)
        assert bool(rows.rows) == (name != "sources-disagree"), name
        assert rows == _live(folder, text), name
        # the in-memory store the command line uses: the same rows (ties may come in another order)
        in_memory = api.query(text)
        assert rows.columns == in_memory.columns, name
        assert sorted(map(repr, rows.rows)) == sorted(map(repr, in_memory.rows)), name
        assert summary.rows == len(rows.rows)


def test_the_command_line_and_the_workers_answer_the_same_text_from_the_kept_file(copy):
    enemies = _queries()["enemies"].text
    live = _live(copy, enemies)
    assert len(live.rows) == 30
    _no_rows(summaries.answer_for(copy, enemies))  # now the file's answer is told apart
    engine = OxigraphEngine(GraphSource("oxigraph", folder=str(copy)))

    def served(text: str) -> int:
        status, _media, body, *_rest = answer(engine, QueryRequest(text, fmt="json"))
        assert status == "ok"
        return len(json.loads(body)["results"]["bindings"])

    spaced = enemies.replace("\n", "\n\n  ")  # the same question, other whitespace
    assert served(enemies) == served(spaced) == 0
    other = enemies.replace("ORDER BY ?who", "ORDER BY DESC(?who)")
    assert served(other) == 30  # any other text runs live


@pytest.mark.slow  # builds the graph into a folder of its own
def test_the_command_line_fills_a_folder_with_its_answers_and_reads_them(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    enemies = _queries()["enemies"].text
    first = api.query(enemies, store="oxigraph", store_path=folder)
    assert sorted(s.name for s in summaries.kept(folder).values()) == WHOLE_GRAPH
    assert first == oxigraph_rows(summaries.solutions(summaries.answer_for(folder, enemies)), True)
    _no_rows(summaries.answer_for(folder, enemies))
    spaced = enemies.replace("\n", "\n\n  ")
    assert api.query(spaced, store="oxigraph", store_path=folder).rows == []
    other = enemies.replace("ORDER BY ?who", "ORDER BY DESC(?who)")
    assert api.query(other, store="oxigraph", store_path=folder).column("who")[0] == max(
        first.column("who")
    )
    # a folder where nothing can be written: the question runs live, and says so
    shutil.rmtree(summaries.folder_of(folder))

    def refused(path: Path, body: bytes) -> None:
        raise PermissionError(f"read-only file system: {path.name}")

    monkeypatch.setattr(summaries, "_write_atomically", refused)
    said = []
    live = api.query(enemies, store="oxigraph", store_path=folder, progress=said.append)
    assert sorted(map(repr, live.rows)) == sorted(map(repr, first.rows))
    assert summaries.kept(folder) == {}
    assert said[-1].startswith(f"the answer cannot be kept beside {folder} (read-only file system")


def test_new_data_makes_every_answer_again(copy):
    enemies = _queries()["enemies"].text
    _no_rows(summaries.answer_for(copy, enemies))
    marker = copy.with_name(copy.name + ".fingerprint.json")
    marker.write_text("other data", encoding="utf-8")
    assert summaries.kept(copy) == {}  # never an answer made from other data
    made = summaries.ensure(copy, _queries().values())
    assert sorted(s.name for s in made.values()) == WHOLE_GRAPH
    index = json.loads((summaries.folder_of(copy) / "index.json").read_text(encoding="utf-8"))
    assert index["data"] == "other data"
    summary = summaries.answer_for(copy, enemies)
    assert oxigraph_rows(summaries.solutions(summary), typed=True) == _live(copy, enemies)


def test_an_answer_cut_short_by_a_failure_is_never_listed(copy, monkeypatch):
    shutil.rmtree(summaries.folder_of(copy))
    writes = []
    real = summaries._write_atomically

    def failing(path: Path, body: bytes) -> None:
        writes.append(path.name)
        if path.name == "contradictions.srj":
            raise OSError("disk full")
        real(path, body)

    monkeypatch.setattr(summaries, "_write_atomically", failing)
    with pytest.raises(OSError, match="disk full"):
        summaries.ensure(copy, _queries().values())
    assert sorted(s.name for s in summaries.kept(copy).values()) == WHOLE_GRAPH[:2]
    left = sorted(p.name for p in summaries.folder_of(copy).iterdir())
    assert left == ["claims-by-certainty.srj", "claims-by-speaker.srj", "index.json"]
    monkeypatch.setattr(summaries, "_write_atomically", real)
    assert len(summaries.ensure(copy, _queries().values())) == len(WHOLE_GRAPH)


def test_answers_made_from_the_file_in_memory_equal_the_folder_s(folder, copy, graph_file):
    made_in_folder = {s.name: s for s in summaries.kept(folder).values()}
    summaries.forget(copy)
    said = []
    made = summaries.ensure(copy, _queries().values(), said.append, graph_file)
    assert said[0] == f"loading {graph_file} in memory to answer the whole-graph questions"
    for summary in made.values():
        rows = oxigraph_rows(summaries.solutions(summary), typed=True)
        before = oxigraph_rows(summaries.solutions(made_in_folder[summary.name]), typed=True)
        assert rows.columns == before.columns, summary.name
        # the same rows; ties of the ORDER BY may come in another order from another store
        assert sorted(map(repr, rows.rows)) == sorted(map(repr, before.rows)), summary.name


def test_a_file_the_memory_cannot_hold_is_answered_in_the_folder(copy, graph_file, monkeypatch):
    summaries.forget(copy)
    monkeypatch.setattr(summaries, "available_memory", lambda: 1_000_000)  # 1 MB free
    said = []
    made = summaries.ensure(copy, _queries().values(), said.append, graph_file)
    assert len(made) == len(WHOLE_GRAPH)
    assert not [m for m in said if "in memory" in m]
    assert said[0] == "keeping the answer to claims-by-certainty with the store (1 of 12)"
