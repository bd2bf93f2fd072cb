"""Shared fixtures: the real corpus and graph, and small data folders for broken-input tests."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
import yaml

from serge_graph import api, graph_cache
from serge_graph.project import project_root
from serge_graph.source_registry import NewSource, add_source

from .offline_page import CHROMIUM, launch_chromium

ROOT = project_root()
SOURCES = ROOT / "data" / "sources"
SECOND = Path(__file__).parent / "data" / "second-source"  # a Spanish text written for the tests
SECOND_META = yaml.safe_load((SECOND / "source.yaml").read_text(encoding="utf-8"))
SECOND_SOURCE = NewSource(
    file=SECOND / SECOND_META["file"],
    **{k: str(SECOND_META[k]) for k in ("id", "title", "author", "date", "language")},
)

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


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("SERGE_GRAPH_REQUIRE_TOOLS"):
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("CHROMIUM MISSING: apt-get install chromium to run the browser tests")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture(scope="session", autouse=True)
def graph_cache_in_a_temporary_folder(tmp_path_factory):
    """Built graphs and sites are kept in a folder of the test run (the CLI's subprocesses
    inherit it), one folder for every pytest-xdist worker: what one builds, the others read."""
    previous = os.environ.get(graph_cache.CACHE_ENV)
    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # the workers' folders sit side by side in the run's own
    folder = run / "graph-cache"
    folder.mkdir(exist_ok=True)
    os.environ[graph_cache.CACHE_ENV] = str(folder)
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


@pytest.fixture(scope="session")
def graph_file(graph, tmp_path_factory) -> str:
    """The built graph as N-Triples, the file the endpoint's workers load."""
    file = tmp_path_factory.mktemp("graph-file") / "graph.nt"
    graph.serialize(file, format="nt", encoding="utf-8")
    return str(file)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The reader's site of the project's data, written once for every test that only reads it."""
    out = tmp_path_factory.mktemp("site") / "site"
    assert api.write_site(out) == out / "index.html"
    return out


@pytest.fixture()
def make_data(tmp_path: Path):
    """A data folder with the real sources and the given annotation files (name -> YAML);
    with second_source, the Spanish test text too (added as `source add` adds it)."""

    def make(files: dict[str, str], base: bool = True, second_source: bool = False) -> Path:
        data = tmp_path / "data"
        shutil.copytree(SOURCES, data / "sources")
        annotations = data / "annotations"
        annotations.mkdir(parents=True)
        if base:
            (annotations / "00-base.yaml").write_text(BASE_ANNOTATIONS, encoding="utf-8")
        if second_source:
            add_source(data, SECOND_SOURCE)
        for name, text in files.items():
            (annotations / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return data

    return make


def pytest_configure(config):
    # Hypothesis keeps its files in a temporary folder, never beside the checkout.
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="serge-graph-hypothesis-"))
    config.pluginmanager.register(_FixtureCalls(), "serge-graph-fixture-calls")


REQUIRE_TOOLS = "SERGE_GRAPH_REQUIRE_TOOLS"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With SERGE_GRAPH_REQUIRE_TOOLS=1 (CI) a skipped check is a failed check: nothing that
    cannot run may pass for done. An expected failure (xfail) stays what it is."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get(REQUIRE_TOOLS):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE_TOOLS} is set, so this skip is a failure: {reason}"


# --- the mutation run (benchmarks/mutation.py) ------------------------------------------------
# mutmut credits a function to the test during which it ran, and runs for each mutant only the
# tests credited with its function. A session fixture (corpus, graph) runs once, inside the
# first test that asks for it: without this, only that test would be run against mutants of
# everything the fixture calls. So, under mutmut, what a shared fixture called is credited to
# every test that uses the fixture.
_calls_by_fixture: dict[str, set[str]] = {}


def _mutmut_calls() -> set[str] | None:
    module = sys.modules.get("mutmut.state")
    return module.state()._stats if module is not None else None


class _FixtureCalls:
    """Records what each shared fixture calls. A plugin, not a conftest hook: pytest sets up a
    session fixture through the session's hooks, which do not see this folder's conftest."""

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        calls = _mutmut_calls()
        before = set(calls) if calls is not None else set()
        yield
        if calls is not None and fixturedef.scope != "function":
            _calls_by_fixture[fixturedef.argname] = _calls_by_fixture.get(
                fixturedef.argname, set()
            ) | (set(calls) - before)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    calls = _mutmut_calls()
    if calls is not None:
        for name in item.fixturenames:
            calls |= _calls_by_fixture.get(name, set())
    yield


_SLOW_FIXTURES = ("graph", "corpus")


def pytest_collection_modifyitems(config, items):
    """Marks the slow tests (see _mark_slow). Under mutmut, tests that need the whole corpus or
    graph run last: mutmut stops at the first failure (-x), so a mutant that a direct test kills
    never pays for loading the corpus."""
    _mark_slow(items)
    if _mutmut_calls() is None:
        return
    items.sort(key=lambda item: sum(name in item.fixturenames for name in _SLOW_FIXTURES))


# --- the quick loop (make check: pytest -m "not slow") ----------------------------------------
# A test is slow when it drives chromium (the browser fixture or the browser mark, given here)
# or carries the slow mark: a module that starts query workers, a server, Virtuoso, a notebook
# kernel or pip marks itself (pytestmark), and so does a single test that runs the CLI in a
# subprocess, checks the whole graph against the shapes, writes a second site or graph, or
# otherwise takes seconds (read `pytest -m "not slow" --durations=30` to find the next one).
# Every other test, a new file's included, is in the quick loop.
def _mark_slow(items) -> None:
    for item in items:
        if "browser" in item.fixturenames or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
