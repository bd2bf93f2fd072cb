"""`pip install .` gives a working command: text, annotations, ontology, queries in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # pip installs the wheel into a fresh venv: not in make check


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project built as a wheel, installed without dependencies into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(work.glob("serge_graph-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "serge_graph/_project/data/sources/gorkin-1957-last-years-of-victor-serge.txt",
        "serge_graph/_project/data/sources/sources.yaml",
        "serge_graph/_project/ontology/serge.ttl",
        "serge_graph/_project/ontology/shapes.ttl",
        "serge_graph/_project/queries/murders.rq",
        "serge_graph/site/templates/network.html",
        "serge_graph/site/static/network.js",
        "serge_graph/site/static/network_paths.js",
        "serge_graph/site/other_names.yaml",
    ):
        assert needed in names, needed
    assert any(n.startswith("serge_graph/_project/data/annotations/") for n in names)
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def _run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("SERGE_GRAPH_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "serge_graph", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_installed_command_uses_packaged_data(installed, tmp_path):
    located = _run(installed, "--version", cwd=tmp_path)
    assert located.returncode == 0, located.stderr
    result = _run(installed, "query", "--saved", "murders", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Andrés Nin" in result.stdout
    assert str(ROOT / "data") not in result.stderr  # not reading the checkout


def test_installed_command_takes_another_data_folder(installed, tmp_path, make_data):
    data = make_data({})
    result = _run(installed, "--data", str(data), "stats", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"Claim"' in result.stdout or '"claim"' in result.stdout
    assert str(data) in result.stderr


def test_installed_command_writes_the_site(installed, tmp_path):
    out = tmp_path / "site"
    result = _run(installed, "site", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "text.html", "static/site.css", "static/site.js", "void.ttl"):
        assert (out / page).is_file(), page
    assert "Victor Serge" in (out / "id/person/victor-serge.html").read_text(encoding="utf-8")
