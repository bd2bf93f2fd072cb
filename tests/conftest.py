"""Shared fixtures: the real corpus and graph, and small data folders for broken-input tests."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from serge_graph import api, graph_cache
from serge_graph.project import project_root

ROOT = project_root()
SOURCES = ROOT / "data" / "sources"

# The three speakers every data folder needs (sources.yaml names them), and one fact.
BASE_ANNOTATIONS = """\
entities:
  - id: julian-gorkin
    type: Person
    name: Julián Gorkin
    aliases: [Gorkin]
    description: Leader of the POUM in exile in Mexico, narrator of the text.
  - id: revolutionary-history-editors
    type: Group
    name: editors of Revolutionary History
    implicit: they speak in the introduction and the notes without naming themselves
    description: The editors of the journal.
  - id: etol
    type: Organisation
    name: Encyclopedia of Trotskyism On-Line
    aliases: [ETOL]
    description: The website that published the text.
  - id: madrid
    type: City
    name: Madrid
claims:
  - subject: julian-gorkin
    relation: livedIn
    object: madrid
    certainty: stated
    evidence: [tortured and murdered in Madrid]
"""


@pytest.fixture(scope="session", autouse=True)
def graph_cache_in_a_temporary_folder(tmp_path_factory):
    """Built graphs are kept in a folder of the test run (the CLI's subprocesses inherit it)."""
    previous = os.environ.get(graph_cache.CACHE_ENV)
    os.environ[graph_cache.CACHE_ENV] = str(tmp_path_factory.mktemp("graph-cache"))
    yield
    if previous is None:
        os.environ.pop(graph_cache.CACHE_ENV, None)
    else:
        os.environ[graph_cache.CACHE_ENV] = previous


@pytest.fixture(scope="session")
def corpus() -> api.Corpus:
    return api.load_corpus()


@pytest.fixture(scope="session")
def graph(corpus):
    return api.build_graph(corpus)


@pytest.fixture()
def make_data(tmp_path: Path):
    """A data folder with the real sources and the given annotation files (name -> YAML)."""

    def make(files: dict[str, str], base: bool = True) -> Path:
        data = tmp_path / "data"
        shutil.copytree(SOURCES, data / "sources")
        annotations = data / "annotations"
        annotations.mkdir(parents=True)
        if base:
            (annotations / "00-base.yaml").write_text(BASE_ANNOTATIONS, encoding="utf-8")
        for name, text in files.items():
            (annotations / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return data

    return make
