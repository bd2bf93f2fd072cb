"""`serge-graph --help` and option errors answer without loading the library's heavy half.

Checked structurally (which modules a fresh process loads), not by timing it:
the time is measured in benchmarks, the cause is pinned here.
"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("rdflib", "networkx", "pyshacl", "pyoxigraph", "starlette", "uvicorn", "scipy")


def _loaded_after(code: str) -> set[str]:
    probe = f"""
import sys
{code}
print(" ".join(sorted(sys.modules)))
"""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_help_loads_neither_rdflib_nor_networkx():
    loaded = _loaded_after(
        "from click.testing import CliRunner\n"
        "from serge_graph.cli import main\n"
        "for args in (['--help'], ['serve', '--help'], ['query', '--help'], ['network', '--store', 'x']):\n"
        "    CliRunner().invoke(main, args)"
    )
    assert not {name for name in loaded if name.split(".")[0] in HEAVY}


def test_the_package_loads_its_api_on_first_use():
    assert "serge_graph.api" not in _loaded_after("import serge_graph")
    loaded = _loaded_after("import serge_graph as sg\nsg.list_saved_queries")
    assert "serge_graph.api" in loaded and "rdflib" not in loaded
    loaded = _loaded_after("import serge_graph as sg\nsg.load_corpus")  # lives in build.py
    assert "serge_graph.build" in loaded and "rdflib" in loaded


def test_a_query_on_the_kept_graph_loads_neither_rdflib_nor_networkx(tmp_path):
    """The command line's warm path: the kept N-Triples straight into pyoxigraph."""
    env = {**os.environ, "SERGE_GRAPH_CACHE": str(tmp_path)}
    command = [sys.executable, "-m", "serge_graph", "query", "--saved", "murders"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert first.returncode == 0 and "building the graph" in first.stderr  # built and kept
    probe = (
        "import sys\nfrom serge_graph.cli import main\n"
        "sys.argv = ['serge-graph', 'query', '--saved', 'murders', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env
    )
    assert run.returncode == 0, run.stderr
    assert "building the graph" not in run.stderr and '"victim": "Andrés Nin"' in run.stdout
    loaded = set(run.stderr.split())
    assert "pyoxigraph" in loaded
    assert {name.split(".")[0] for name in loaded} & set(HEAVY) == {"pyoxigraph"}


def test_star_import_gives_the_api():
    from serge_graph import api

    loaded = _loaded_after(
        "from serge_graph import *\nassert callable(load_graph) and callable(run_saved)"
    )
    assert "serge_graph.api" in loaded and len(api.__all__) > 20
