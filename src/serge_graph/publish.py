"""Publishing a built graph to a production store: Virtuoso, through its own bulk loader.

Virtuoso is the store a project that outgrows one process moves to (it serves
DBpedia). `publish_to_virtuoso` replaces one named graph in a running
Virtuoso with a built file: it clears the graph, registers the file with
`ld_dir`, runs `rdf_loader_run()` and a checkpoint, all through Virtuoso's
`isql` client, and returns the number of triples the graph then holds.

Virtuoso reads the file itself, so the file's folder must be listed in the
server's `DirsAllowed` (`deploy/virtuoso.ini` allows the folder Virtuoso is
started in and /tmp).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .choices import VIRTUOSO_PASSWORD_VARIABLE as PASSWORD_VARIABLE
from .errors import SergeGraphError
from .stores import GRAPH_NAME

ISQL_NAMES = ("isql-vt", "isql-v", "isql")  # Debian's name first; Virtuoso's own builds use isql


class PublishError(SergeGraphError):
    """Virtuoso could not be reached or refused the load."""


@dataclass(frozen=True)
class VirtuosoTarget:
    isql: str = "127.0.0.1:1111"  # Virtuoso's SQL port, host:port
    user: str = "dba"
    password: str | None = None  # default: $SERGE_GRAPH_VIRTUOSO_PASSWORD, else Virtuoso's "dba"
    graph: str = str(GRAPH_NAME)


def publish_to_virtuoso(
    file: Path | str, target: VirtuosoTarget = VirtuosoTarget(), timeout: float = 3600
) -> int:
    """Replace target.graph in a running Virtuoso with the triples of file (.nt or .ttl)."""
    file = Path(file).resolve()
    if not file.is_file():
        raise PublishError(f"{file}: no such file; write one with `serge-graph build --out DIR`")
    if file.suffix not in (".nt", ".ttl"):
        raise PublishError(f"{file}: Virtuoso's loader takes .nt or .ttl files")
    for text in (str(file), target.graph):
        if "'" in text or "\\" in text:
            raise PublishError(f"{text}: a quote or backslash here cannot be passed to Virtuoso")
    graph = target.graph
    statements = [
        f"SPARQL CLEAR GRAPH <{graph}>",
        f"DELETE FROM DB.DBA.load_list WHERE ll_graph = '{graph}'",
        f"ld_dir('{file.parent}', '{file.name}', '{graph}')",
        "rdf_loader_run()",
        "checkpoint",
        f"SELECT 'load-errors', COUNT(*) FROM DB.DBA.load_list WHERE ll_graph = '{graph}' AND ll_error IS NOT NULL",
        f"SPARQL SELECT 'triples', COUNT(*) FROM <{graph}> WHERE {{ ?s ?p ?o }}",
    ]
    output = _isql(target, "; ".join(statements) + ";", timeout)
    errors = _number_after("load-errors", output)
    if errors:
        detail = _isql(
            target,
            f"SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_graph = '{graph}' AND ll_error IS NOT NULL;",
            60,
        )
        rows = [line.strip() for line in detail.splitlines() if line.startswith(str(file.parent))]
        raise PublishError(f"Virtuoso refused {file.name}:\n" + "\n".join(rows))
    return _number_after("triples", output)


def _isql(target: VirtuosoTarget, commands: str, timeout: float) -> str:
    client = next((found for name in ISQL_NAMES if (found := shutil.which(name))), None)
    if client is None:
        raise PublishError(
            "no Virtuoso isql client on PATH\n"
            "    hint: apt-get install virtuoso-opensource-7-bin (it has isql-vt and virtuoso-t)"
        )
    password = target.password or os.environ.get(PASSWORD_VARIABLE) or "dba"
    try:
        run = subprocess.run(
            [client, target.isql, target.user, password, f"exec={commands}"],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"Virtuoso at {target.isql} did not finish within {timeout:g} s"
        ) from None
    text = run.stdout + run.stderr
    if run.returncode != 0 or "*** Error" in text:
        problem = next((line for line in text.splitlines() if "Error" in line), text.strip()[-500:])
        raise PublishError(
            f"Virtuoso at {target.isql}: {problem.strip()}\n"
            "    hint: is virtuoso-t running (virtuoso-t +configfile deploy/virtuoso.ini), and is the "
            "file's folder in its DirsAllowed?"
        )
    return text


def _number_after(tag: str, output: str) -> int:
    match = re.search(rf"^{tag}\s+(\d+)\s*$", output, flags=re.M)
    if not match:
        raise PublishError(f"Virtuoso's answer has no {tag} count:\n{output[-800:]}")
    return int(match.group(1))
