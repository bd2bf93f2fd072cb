"""The docs site and the README: the site builds with `mkdocs build --strict` and loads
nothing from the internet, the command-line reference is what --help says, and every code
example runs: the `serge-graph` commands of shell blocks on a copy of the real data in a
temporary folder (in-process, through click's CliRunner), Python blocks executed, SPARQL
blocks on the real graph, the %%sparql cell in IPython. A block that cannot run in a test
carries `<!-- not run: why -->` just above it; a block shown as the output of the one above
(`<!-- output of the block above -->`) is compared with what its last command printed."""

from __future__ import annotations

import html.parser
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from serge_graph import api
from serge_graph.cli import main
from serge_graph.errors import SergeGraphWarning

pytestmark = (
    pytest.mark.slow
)  # every example of the docs runs, and the docs site is built: a minute and more

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
RUN = {"sh", "python", "sparql", "ipython"}
KNOWN = RUN | {"text", "yaml"}  # text: output, trees, diagrams; yaml: parsed (below)
NOT_RUN = re.compile(r"<!-- not run: (.+?) -->")
OUTPUT = "<!-- output of the block above -->"
MOST_NOT_RUN = 10  # blocks that start servers, run the whole suite or take hours: keep them few


@dataclass
class Block:
    page: Path
    line: int
    lang: str
    code: str
    marker: str  # the HTML comment on the line just above, or ""

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def not_run(self) -> str | None:
        found = NOT_RUN.fullmatch(self.marker)
        return found.group(1) if found else None


def blocks_of(page: Path) -> list[Block]:
    """Every fenced block of a page, indented ones (in lists) too, in page order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        opening = re.match(r"^ *```(\S*)", lines[i])
        if not opening:
            i += 1
            continue
        lang = opening.group(1)
        end = i + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = textwrap.dedent("\n".join(line for line in lines[i + 1 : end]))
        above = next((lines[k].strip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        marker = above if above.startswith("<!--") else ""
        found.append(Block(page, i + 1, lang, body + "\n", marker))
        i = end + 1
    return found


BLOCKS = [block for page in PAGES for block in blocks_of(page)]


def of(lang: str) -> list[Block]:
    return [b for b in BLOCKS if b.lang == lang and b.not_run is None]


def commands(block: Block) -> list[list[str]]:
    """The block's commands: continuation lines joined, comments dropped."""
    joined = block.code.replace("\\\n", " ")
    return [words for line in joined.splitlines() if (words := shlex.split(line, comments=True))]


# --- the blocks themselves -------------------------------------------------------------


def test_every_block_names_its_language_and_the_pages_have_examples():
    unnamed = [b.where for b in BLOCKS if b.lang not in KNOWN]
    assert not unnamed, (
        f"a block with no or an unknown language (one of {sorted(KNOWN)}): {unnamed}"
    )
    for lang in ("sh", "python", "sparql", "ipython"):
        assert of(lang), f"no {lang} example runs"


def test_the_blocks_not_run_say_why_and_are_few():
    not_run = [b for b in BLOCKS if b.not_run is not None]
    for block in not_run:
        assert block.lang in RUN, f"{block.where}: only a runnable block needs 'not run'"
        assert len(block.not_run) > 10, f"{block.where}: say why it is not run"
    print("\n".join(f"not run: {b.where}: {b.not_run}" for b in not_run))
    assert len(not_run) <= MOST_NOT_RUN, [b.where for b in not_run]
    malformed = [b.where for b in BLOCKS if b.marker and not b.not_run and b.marker != OUTPUT]
    assert not malformed, f"a comment above a block that the test does not read: {malformed}"


def test_an_output_block_follows_a_block_that_runs():
    for i, block in enumerate(BLOCKS):
        if block.marker == OUTPUT:
            before = BLOCKS[i - 1]
            assert before.page == block.page and before.lang == "sh", block.where
            assert block.code.strip(), f"{block.where}: an empty output checks nothing"
            assert before.not_run is None, f"{block.where}: the block above is not run"


def test_every_shell_command_is_serge_graph():
    """The test runs only serge-graph: any other command is marked, so none goes unchecked."""
    for block in of("sh"):
        for words in commands(block):
            assert words[0] == "serge-graph", (
                f"{block.where}: {' '.join(words)!r} is not serge-graph: "
                "mark the block <!-- not run: why --> or take the command out"
            )


# --- shell blocks: every serge-graph command on a copy of the data -----------------------


def shell_pages() -> list[Path]:
    return sorted({b.page for b in of("sh")}, key=PAGES.index)


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    """A folder with a copy of the data (data/, which every command reads through
    SERGE_GRAPH_DATA) and the Spanish test text at the path the docs give it."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "tests" / "data").mkdir(parents=True)
    shutil.copytree(
        ROOT / "tests" / "data" / "second-source", tmp_path / "tests/data/second-source"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("page", shell_pages(), ids=lambda p: p.name)
def test_the_shell_examples_of_a_page_run(page, workspace):
    """The page's blocks run in order, in one folder, as a reader would type them."""
    runner = CliRunner()
    # the pages show what a wide terminal prints (tables wrap to the terminal's width)
    env = {"SERGE_GRAPH_DATA": str(workspace / "data"), "COLUMNS": "200"}
    printed = {}
    for block in (b for b in BLOCKS if b.page == page):
        if block.lang == "sh" and block.not_run is None:
            for words in commands(block):
                result = runner.invoke(main, words[1:], env=env, catch_exceptions=False)
                assert result.exit_code == 0, f"{block.where}: {' '.join(words)}\n{result.output}"
                printed[block.line] = result.stdout
        elif block.marker == OUTPUT:
            shown = printed[max(printed)]
            for line in block.code.splitlines():
                expected = collapse(line.rstrip("…"))
                assert expected in collapse(shown), (
                    f"{block.where}: {line!r} is not in what the command printed:\n{shown}"
                )


# --- Python, SPARQL and the cell magic -------------------------------------------------


@pytest.mark.parametrize("block", of("python"), ids=lambda b: b.where)
def test_a_python_example_runs(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(block.code, block.where, "exec"), {"__name__": "__docs__"})


SPARQL = of("sparql")


@pytest.mark.parametrize("block", SPARQL, ids=lambda b: b.where)
def test_a_sparql_example_runs_clean_and_answers(block):
    """A reader who copies one gets rows, not a warning or an empty table."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", SergeGraphWarning)
        rows = api.query(block.code)
    assert rows.rows, f"{block.where}: no rows"


def sparql_with(words: str) -> str:
    (found,) = [b.code for b in SPARQL if words in b.code]
    return found


def test_the_two_layers_answer_as_the_docs_say():
    event = sparql_with("sg:perpetrator/rdfs:label")
    direct = sparql_with("rdfs:subPropertyOf* sg:attacked")
    rows = api.query(event).as_dicts()
    assert {str(r["when"]) for r in rows} == {"1943-04"}
    assert "Julián Gorkin" in {r["victim"] for r in rows}
    claims = api.query(direct).as_dicts()
    assert len(claims) == 5
    stormed = [r for r in claims if "stormed in" in r["quote"]]
    assert {r["whom"] for r in stormed} == {"Victor Serge", "Julián Gorkin"}
    assert "Victor Serge" not in {r["victim"] for r in rows}  # no event's role says it


def test_claims_by_a_broader_relation_find_the_narrower_ones_as_the_docs_say():
    query = sparql_with("rdf:predicate/rdfs:subPropertyOf* sg:memberOf")
    rows = api.query(query).as_dicts()
    assert [(r["member"], r["relation"], r["speaker"]) for r in rows] == [
        ("Andrés Nin", "member of", "Julián Gorkin"),
        ("Enrique Gironella", "leader of", "editors of Revolutionary History"),
        ("Julián Gorkin", "leader of", "editors of Revolutionary History"),
    ]
    narrow = query.replace(
        "rdf:predicate/rdfs:subPropertyOf* sg:memberOf", "rdf:predicate sg:memberOf"
    )
    assert [r["member"] for r in api.query(narrow).as_dicts()] == ["Andrés Nin"]


def test_the_sparql_cell_runs_in_ipython():
    interactive = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactive.InteractiveShell.instance()
    try:
        for block in of("ipython"):
            shell.run_cell("%load_ext serge_graph")
            result = shell.run_cell(block.code)
            assert result.success, f"{block.where}: {result.error_in_exec}"
            assert len(result.result) > 0, f"{block.where}: no rows"
            kept = re.search(r"-o (\w+)", block.code)
            if kept:
                assert shell.user_ns[kept.group(1)].equals(result.result)
    finally:
        interactive.InteractiveShell.clear_instance()


@pytest.mark.parametrize("block", of("yaml"), ids=lambda b: b.where)
def test_a_yaml_example_parses(block):
    assert yaml.safe_load(block.code) is not None, block.where


# --- the command-line reference -------------------------------------------------------


def reference():
    spec = importlib.util.spec_from_file_location("cli_reference", DOCS / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_line_reference_is_what_help_says():
    module = reference()
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert written == module.page(), (
        "docs/cli.md lags behind --help: run python docs/cli_reference.py"
    )


def test_every_command_has_its_section_in_the_reference():
    module = reference()
    written = (DOCS / "cli.md").read_text(encoding="utf-8")
    paths = module.command_paths()
    assert ("query",) in paths and ("network", "stats") in paths and ("source", "add") in paths
    for path in paths:
        heading = f"## `{' '.join(('serge-graph', *path))}`"
        assert heading in written.splitlines(), f"{heading} is missing from docs/cli.md"


# --- the site ---------------------------------------------------------------------------


LOADED_BY_LINK = frozenset(
    {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "preconnect"}
)


class _Loads(html.parser.HTMLParser):
    """What a page loads when it is viewed: scripts, styles, images, frames, icons."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed", "track"}:
            self.urls += [values[a] for a in ("src", "data") if values.get(a)]
            self.urls += [u.split()[0] for u in (values.get("srcset") or "").split(",") if u]
        elif tag == "link" and set((values.get("rel") or "").split()) & LOADED_BY_LINK:
            self.urls.append(values.get("href") or "")
        elif tag == "object" and values.get("data"):
            self.urls.append(values["data"])
        style = values.get("style") or ""
        self.urls += re.findall(r"url\(['\"]?([^'\")]+)", style)


def remote(url: str) -> bool:
    return bool(re.match(r"(?i)(https?:)?//", url.strip()))


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("docs-site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_site_builds_strictly_with_every_page(built_site):
    for page in DOCS.glob("*.md"):
        assert (built_site / page.with_suffix(".html").name).exists(), page.name
    assert not list(built_site.rglob("*.py")), "a script of docs/ was published as a page"


def test_the_site_loads_nothing_from_the_internet(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _Loads()
        parser.feed(text)
        assert parser.urls, f"{page.name} loads nothing at all: the parser missed its tags"
        outside = [u for u in parser.urls if remote(u)]
        outside += re.findall(r"@import\s+url\(['\"]?(?:https?:)?//[^)]*", text)
        outside += [m for m in re.findall(r"url\(['\"]?([^'\")]+)", text) if remote(m)]
        assert not outside, f"{page.relative_to(built_site)} loads {outside}"
    for sheet in built_site.rglob("*.css"):
        found = [m for m in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text()) if remote(m)]
        assert not found, f"{sheet.name} loads {found}"


# --- the README -------------------------------------------------------------------------


def test_the_readme_is_a_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    for target in re.findall(r"\]\(([^)#\s]+)[^)]*\)", text):
        if not remote(target):
            assert (ROOT / target).exists(), f"README.md links to {target}, which is not there"
