"""A citable release: the licence, the text's origin and terms, CITATION.cff (valid, with the
package's version), the changelog, and the version in the VoID description and the footer."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from serge_graph import api
from serge_graph.version import package_version
from serge_graph.void import DATASET

from .conftest import ROOT

PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
CITATION = ROOT / "CITATION.cff"


def test_one_version_everywhere():
    version = package_version()
    assert re.search(r'^version = "(.+)"$', PYPROJECT, re.M)[1] == version  # pyproject's
    import serge_graph

    assert serge_graph.__version__ == version
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert str(citation["version"]) == version
    assert 'license = { text = "MIT" }' in PYPROJECT and citation["license"] == "MIT"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in changelog and f"\n## {version}\n" in changelog


def test_the_licence_is_mit_for_the_contributors_and_the_text_keeps_its_own_terms():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "serge-graph contributors" in licence
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in licence
    origin = (ROOT / "data" / "sources" / "ORIGIN.md").read_text(encoding="utf-8")
    assert "**not** covered by the project's licence" in origin
    assert "63cb737cbc7f18a82f7e3bf858d6d4a7dd97fa33dcb0cee385086770841e7d93" in origin


@pytest.mark.slow  # runs cffconvert in a subprocess
def test_citation_cff_is_valid():
    cffconvert = Path(sys.executable).parent / "cffconvert"
    command = [str(cffconvert)] if cffconvert.exists() else [shutil.which("cffconvert") or ""]
    result = subprocess.run(
        [*command, "--validate", "-i", str(CITATION)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_void_names_the_release_its_licence_and_the_source(graph):
    void = api.void_graph(graph)
    assert void.value(DATASET, OWL.versionInfo) == Literal(package_version())
    assert void.value(DATASET, DCTERMS.license) == URIRef("https://opensource.org/licenses/MIT")
    sources = set(void.objects(DATASET, DCTERMS.source))
    assert sources == {URIRef("https://w3id.org/serge-graph/id/source/gorkin-1957")}
    rights = str(void.value(DATASET, DCTERMS.rights))
    assert "not covered by that licence" in rights and "ORIGIN.md" in rights


def test_the_sites_footer_names_the_release(site):
    for page in ("index.html", "id/person/victor-serge.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert f"serge-graph release {package_version()}" in html, page
