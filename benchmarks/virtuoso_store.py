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
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_virtuoso(folder: Path, allowed: Path, budget: int):
    """virtuoso-t on free loopback ports in `folder`; yields (isql host:port, /sparql URL)."""
    import httpx

    if shutil.which("virtuoso-t") is None:
        raise RuntimeError(
            "virtuoso-t is not installed (apt-get install virtuoso-opensource-7-bin)"
        )
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    ini = (ROOT / "deploy" / "virtuoso.ini").read_text(encoding="utf-8")
    ini = ini.replace("127.0.0.1:1111", f"127.0.0.1:{sql_port}")
    ini = ini.replace("127.0.0.1:8890", f"127.0.0.1:{http_port}")
    ini = ini.replace("DirsAllowed         = ., /tmp", f"DirsAllowed         = ., /tmp, {allowed}")
    ini = ini.replace("MaxQueryExecutionTime   = 60", f"MaxQueryExecutionTime   = {budget}")
    ini = ini.replace("ResultSetMaxRows        = 100000", "ResultSetMaxRows        = 10000000")
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    with open(folder / "out.log", "w") as log:
        server = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None:
                raise RuntimeError((folder / "out.log").read_text()[-2000:])
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Virtuoso did not start within 300 s")
            time.sleep(0.5)
        yield f"127.0.0.1:{sql_port}", url
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
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

    row: dict = {"budget_s": budget, "runs": runs}
    with running_virtuoso(work / f"x{copies}.virtuoso", nt_file.parent, budget) as (isql, url):
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
