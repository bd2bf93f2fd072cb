"""The release as others get it: `python -m build` makes the sdist and the wheel (from the
sdist), and the wheel, installed into a fresh virtual environment outside the checkout, gives a
working `serge-graph` with the text, annotations, links, ontology and queries inside."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from serge_graph.version import package_version

from .conftest import ROOT

pytestmark = pytest.mark.slow  # builds, then installs into a fresh venv: not in make check


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel of `python -m build`, installed into a fresh venv; returns the venv's bin/.

    The venv is new and outside the checkout; serge-graph comes from the wheel alone
    (--no-deps). Its dependencies are this test environment's: a .pth line adds this
    environment's site-packages after the venv's own, without running that folder's .pth
    files, so the checkout's editable install is never seen (a test checks where the
    package is imported from)."""
    work = tmp_path_factory.mktemp("release")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("serge_graph-*.whl")
    (sdist,) = dist.glob("serge_graph-*.tar.gz")
    assert wheel.name == f"serge_graph-{package_version()}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "serge_graph/_project/data/sources/gorkin-1957-last-years-of-victor-serge.txt",
        "serge_graph/_project/data/sources/sources.yaml",
        "serge_graph/_project/data/sources/ORIGIN.md",
        "serge_graph/_project/data/links.yaml",
        "serge_graph/_project/ontology/serge.ttl",
        "serge_graph/_project/ontology/shapes.ttl",
        "serge_graph/_project/queries/murders.rq",
        "serge_graph/_project/queries/links-out.rq",
        "serge_graph/site/templates/network.html",
        "serge_graph/site/static/network.js",
        "serge_graph/site/static/network_paths.js",
        "serge_graph/site/other_names.yaml",
        f"serge_graph-{package_version()}.dist-info/licenses/LICENSE",
    ):
        assert needed in names, needed
    assert any(n.startswith("serge_graph/_project/data/annotations/") for n in names)
    top = sdist.name.removesuffix(".tar.gz")
    with tarfile.open(sdist) as archive:
        in_sdist = set(archive.getnames())
    for needed in ("LICENSE", "CITATION.cff", "CHANGELOG.md", "README.md", "data/links.yaml"):
        assert f"{top}/{needed}" in in_sdist, needed
    env = work / "venv"
    venv.create(env, with_pip=False)
    bin_dir = env / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(packages) / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return bin_dir


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SERGE_GRAPH_DATA", "PYTHONPATH")}
    return subprocess.run(
        [str(bin_dir / "serge-graph"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_wheel_is_what_the_fresh_venv_runs(installed, tmp_path):
    code = "import serge_graph, sys; print(serge_graph.__file__); print(serge_graph.__version__)"
    found = subprocess.run(
        [str(installed / "python"), "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    where, version = found.stdout.split()
    assert Path(where).is_relative_to(installed.parent), where  # not the checkout's src/
    assert version == package_version()


def test_installed_command_builds_the_graph(installed, tmp_path):
    out = tmp_path / "graph"
    result = _run(installed, "build", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (out / "serge.ttl").read_text(encoding="utf-8")
    assert "isPrimaryTopicOf" in text and "Victor_Serge" in text  # the links travel too
    assert str(ROOT / "data") not in result.stderr  # not reading the checkout


def test_installed_command_uses_packaged_data(installed, tmp_path):
    located = _run(installed, "--version", cwd=tmp_path)
    assert located.returncode == 0, located.stderr
    assert package_version() in located.stdout
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
    serge = (out / "id/person/victor-serge.html").read_text(encoding="utf-8")
    assert "Victor Serge" in serge and 'id="elsewhere"' in serge
    assert f"serge-graph release {package_version()}" in serge  # the footer names the release
