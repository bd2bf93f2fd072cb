"""Virtuoso beside Oxigraph in the benchmark: a fresh virtuoso-t per size, on loopback ports in
a folder of its own, loaded with `serge-graph publish virtuoso`'s bulk loader, every saved
query through its /sparql endpoint, then stopped by its PID.

The server runs with deploy/virtuoso.ini, changed only in its ports and in DirsAllowed (the
benchmark's corpus files are in build/bench). Virtuoso answers a query that passes
MaxQueryExecutionTime with a partial result and the header X-SQL-State: S1TAT: such a
query is reported as over the budget, like a query Oxigraph's session had to be killed for.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests import serving  # noqa: E402  (one starter of virtuoso-t for the tests and this)

# Virtuoso's own ini sizes its page cache by the memory free: deploy/virtuoso.ini ships its
# "2 GB free" row (enough for 100x); 1000x (35 million triples) gets its "8 GB free" row.
BUFFERS_BY_SIZE = ((100, None), (10**9, (680000, 500000)))


def buffers_for(copies: int) -> tuple[int, int] | None:
    """(NumberOfBuffers, MaxDirtyBuffers) for a corpus of `copies`, or None for the shipped ini's."""
    return next(buffers for largest, buffers in BUFFERS_BY_SIZE if copies <= largest)


@contextmanager
def running_virtuoso(
    folder: Path, allowed: Path, budget: int, buffers: tuple[int, int] | None = None
):
    """virtuoso-t on free loopback ports in `folder` (the tests' starter); yields (isql host:port,
    /sparql URL); the folder is removed after."""
    if shutil.which("virtuoso-t") is None:
        raise RuntimeError(
            "virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)"
        )
    shutil.rmtree(folder, ignore_errors=True)
    settings = {
        "DirsAllowed": f"., /tmp, {allowed}",
        "MaxQueryExecutionTime": str(budget),
        "ResultSetMaxRows": "10000000",  # 1000x's editors-claims has 210,000 rows
    }
    if buffers:
        settings.update(NumberOfBuffers=str(buffers[0]), MaxDirtyBuffers=str(buffers[1]))
    try:
        with serving.running_virtuoso(folder, settings) as server:
            yield server["isql"], server["endpoint"]
    except AssertionError as failure:  # the starter's wait, written for tests
        raise RuntimeError(str(failure)) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sparql(url: str, text: str, timeout: float) -> tuple[float, int | None, str]:
    """Seconds the endpoint took to answer, and the rows (None: stopped at the time limit, or
    refused: Virtuoso refuses a query whose estimated time passes the limit, with a 500)."""
    import httpx

    from serge_graph.queries import with_prefixes
    from serge_graph.stores import GRAPH_NAME

    began = time.perf_counter()
    response = httpx.post(
        url,
        data={"query": with_prefixes(text), "default-graph-uri": str(GRAPH_NAME)},
        headers={"Accept": "application/sparql-results+json"},
        timeout=timeout,
    )
    seconds = time.perf_counter() - began
    if response.status_code != 200:
        return seconds, None, " ".join(response.text.split())[:300]
    if response.headers.get("X-SQL-State") == "S1TAT":  # an anytime query's partial answer
        return seconds, None, "stopped at MaxQueryExecutionTime with a partial answer"
    answer = response.json()
    rows = 1 if "boolean" in answer else len(answer["results"]["bindings"])
    return seconds, rows, ""


def measure(copies: int, nt_file: Path, work: Path, budget: int, runs: int, load) -> dict:
    """Load one size into a fresh Virtuoso, time every saved query, load its endpoint.

    `load(url, params)` runs the benchmark's load generator against the endpoint."""
    import httpx

    from serge_graph import api
    from serge_graph.publish import VirtuosoTarget, publish_to_virtuoso

    buffers = buffers_for(copies)
    row: dict = {"budget_s": budget, "runs": runs, "buffers": buffers}
    folder = work / f"x{copies}.virtuoso"
    with running_virtuoso(folder, nt_file.parent, budget, buffers) as (isql, url):
        started = time.perf_counter()
        row["triples"] = publish_to_virtuoso(nt_file, VirtuosoTarget(isql=isql), timeout=7200)
        row["load_s"] = time.perf_counter() - started
        print(f"  loaded {row['triples']} triples in {row['load_s']:.1f} s", file=sys.stderr)
        timings: dict[str, float | None] = {}
        row["errors"] = {}
        for name, _question in api.list_saved_queries().rows:
            text = api.saved_query_text(name)
            samples = []
            for _ in range(runs):
                try:
                    seconds, rows, problem = sparql(url, text, budget + 30)
                except httpx.TimeoutException:
                    rows, problem = None, f"no answer within {budget + 30} s"
                if rows is None:
                    row["errors"][name] = problem
                    samples = []
                    break
                samples.append(seconds)
            timings[name] = statistics.median(samples) if samples else None
            print(f"  {name}: {timings[name]}", file=sys.stderr, flush=True)
        row["queries"] = timings
        row["peak_mb"] = _rss_mb(url) or 0  # the server's peak resident memory
        row["endpoint"] = load(url, "label")
        row["endpoint_iri"] = load(url, "iri")
    return row


def _rss_mb(url: str) -> float | None:
    """The server's resident memory, read from /proc (Linux), by the port it listens on."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"virtuoso-t" not in command:
                continue
            ini = Path(f"/proc/{pid}/cwd/virtuoso.ini").read_text()
            if f"127.0.0.1:{port}" in ini:
                status = Path(f"/proc/{pid}/status").read_text()
                kb = next(
                    int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")
                )
                return kb / 1024
        except (OSError, StopIteration, ValueError):
            continue
    return None
