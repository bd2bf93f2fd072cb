"""Measure serge-graph at corpus scale: build, load, every saved query, and the endpoint.

For each size (copies of the article) and each store (rdflib's memory store,
Oxigraph's folder, Virtuoso), in fresh processes: build time (wall and CPU)
and peak memory, load time, the median of 3 runs of every saved query (wall,
and CPU where the query runs in our process; a query over the budget is
stopped and reported as such), and the endpoint's throughput and p50/p99
latency under a bounded load from a second process on loopback (our `serve`,
or Virtuoso's own /sparql). --in-memory measures the in-memory pyoxigraph
Store the command line uses.

    python benchmarks/run.py --sizes 1 10 100 --stores oxigraph virtuoso --out FILE.json
    python benchmarks/run.py --in-memory 1 10 100 --out benchmarks/results-oxigraph-memory.json
    python benchmarks/run.py --table FILE.json     # the tables of docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import queue
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / "build" / "bench"
STORES = ("memory", "oxigraph", "virtuoso")
BATCH = 20  # copies written at once (as a set of N-Triples lines, about 200 MB)
ENDPOINT_QUERY = "umansky-mentions"  # a typical lookup: one person's mentions with their paragraphs
# Every copy repeats the names, so the lookup by label answers N times the rows at N
# copies; the lookup by IRI anchors on copy 1's Umansky and answers the same 3 rows.
LABEL_ANCHOR = '?umansky rdfs:label "Konstantin Umansky" .'
IRI_ANCHOR = "VALUES ?umansky { <https://w3id.org/serge-graph/id/person/konstantin-umansky> }"
ENDPOINT_KINDS = ("label", "iri")


class BudgetError(Exception):
    pass


_expired = [False]


def _alarm(_signum, _frame):
    # the library wraps errors raised inside rdflib's evaluator; the flag says it was the alarm
    _expired[0] = True
    raise BudgetError()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_build(copies: int) -> dict:
    """Build the synthetic corpus as N-Triples, at most BATCH copies at a time (rdflib, in memory)."""
    sys.path.insert(0, str(HERE))
    from synthetic import write_streaming

    from serge_graph import api

    def progress(done: int) -> None:
        print(f"  built {min(done, copies)} of {copies} copies", file=sys.stderr, flush=True)

    started, cpu = time.perf_counter(), time.process_time()
    path = WORK / f"x{copies}.nt"
    written = write_streaming(api.load_corpus(), copies, path, min(copies, BATCH), progress)
    return {
        "nt_triples_written": written,
        "build_s": time.perf_counter() - started,
        "build_cpu_s": time.process_time() - cpu,  # the machine is shared: CPU beside wall
        "load_average": os.getloadavg(),
        "build_peak_mb": _peak_mb(),
        "build_batch": min(copies, BATCH),
        "file": str(path),
    }


def _store_folder(copies: int) -> Path:
    return WORK / f"x{copies}.oxigraph"


def open_corpus(copies: int, store: str):
    """The corpus's N-Triples in the store: Oxigraph bulk-loads it into a folder once."""
    from serge_graph.stores import load_graph_file

    path = _store_folder(copies) if store == "oxigraph" else None
    return load_graph_file(WORK / f"x{copies}.nt", store, path)


def query_session(copies: int, store: str, budget: int) -> None:
    """Child process: open the corpus, then time each query named on stdin, a JSON line each.

    On Oxigraph the queries run as the command line runs them: on a bare
    pyoxigraph Store (the folder, read-only) through queries.run_on_oxigraph.
    rdflib is stopped by SIGALRM at the budget; Oxigraph's Rust evaluator
    cannot be, so the parent kills this process when a query overruns.
    """
    from serge_graph import api
    from serge_graph.queries import run_on_oxigraph, run_query
    from serge_graph.stores import triple_count

    started = time.perf_counter()
    graph = open_corpus(copies, store)
    triples = triple_count(graph)
    _say({"load_s": time.perf_counter() - started, "triples": triples, "peak_mb": _peak_mb()})
    if store == "oxigraph":
        import pyoxigraph

        del graph
        bare = pyoxigraph.Store.read_only(str(_store_folder(copies)))

        def run(text: str):
            return run_on_oxigraph(bare, text)
    else:

        def run(text: str):
            return run_query(graph, text)

    signal.signal(signal.SIGALRM, _alarm)
    for name in iter(sys.stdin.readline, ""):
        text = api.saved_query_text(name.strip())
        _expired[0] = False
        signal.alarm(budget)
        try:
            began, cpu = time.perf_counter(), time.process_time()
            run(text)
            seconds = time.perf_counter() - began
            _say({"seconds": seconds, "cpu_s": time.process_time() - cpu, "peak_mb": _peak_mb()})
        except Exception:
            if not _expired[0]:
                raise
            _say({"seconds": None, "peak_mb": _peak_mb()})
        finally:
            signal.alarm(0)


def _say(record: dict) -> None:
    print(json.dumps(record), flush=True)


class QuerySession:
    """A query_session child, restarted after it is killed for overrunning."""

    def __init__(self, copies: int, store: str, budget: int):
        self.command = [sys.executable, __file__, "--session", str(copies), store, str(budget)]
        self.budget = budget
        self.peak_mb = 0.0
        self.opened = self._start(timeout=None)

    def _start(self, timeout: float | None) -> dict:
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.lines), daemon=True).start()
        return self._next(timeout)

    @staticmethod
    def _read(process: subprocess.Popen, lines: queue.Queue) -> None:
        for line in process.stdout:
            lines.put(json.loads(line))
        lines.put(None)

    def _next(self, timeout: float | None) -> dict:
        record = self.lines.get(timeout=timeout)
        if record is None:
            raise RuntimeError(f"the query session exited with {self.process.wait()}")
        self.peak_mb = max(self.peak_mb, record["peak_mb"])
        return record

    def time(self, name: str) -> dict | None:
        """The query's wall and CPU seconds, or None when it overran the budget."""
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        try:
            record = self._next(timeout=self.budget + 10)
        except queue.Empty:  # still running in Rust: kill it and start a fresh session
            self.process.kill()
            self.process.wait()
            self._start(timeout=None)
            return None
        return None if record["seconds"] is None else record

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def measure_queries(copies: int, store: str, budget: int, runs: int) -> dict:
    """Load the corpus into a store, then time every saved query (median of `runs`)."""
    from serge_graph import api

    if store == "oxigraph":  # measure the load, not the reopening of an earlier folder
        shutil.rmtree(_store_folder(copies), ignore_errors=True)
    session = QuerySession(copies, store, budget)
    timings, cpu = {}, {}
    try:
        for name, _question in api.list_saved_queries().rows:
            samples = []
            for _ in range(runs):
                record = session.time(name)
                if record is None:
                    samples = None
                    break
                samples.append(record)
            timings[name] = statistics.median(r["seconds"] for r in samples) if samples else None
            cpu[name] = statistics.median(r["cpu_s"] for r in samples) if samples else None
            print(f"  {name}: {timings[name]} (CPU {cpu[name]})", file=sys.stderr, flush=True)
    finally:
        session.close()
    return {
        "load_s": session.opened["load_s"],
        "triples": session.opened["triples"],
        "queries": timings,
        "queries_cpu": cpu,
        "peak_mb": session.peak_mb,
        "budget_s": budget,
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_endpoint(
    copies: int, store: str, requests: int, concurrency: int, max_seconds: int, kind: str = "label"
) -> dict:
    """Start the real endpoint on the corpus and load it from a second process.

    Oxigraph serves the folder the query step filled; the load stops sending
    after `max_seconds`, so a slow store reports the requests it answered.
    """
    port = _free_port()
    folder = ["--store-path", str(_store_folder(copies))] if store == "oxigraph" else []
    command = [
        sys.executable,
        "-m",
        "serge_graph",
        "serve",
        "--graph",
        str(WORK / f"x{copies}.nt"),
        "--store",
        store,
        "--port",
        str(port),
        "--workers",
        "2",
        "--timeout",
        "120",
        *folder,
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        _wait_until_up(url, server)
        load = subprocess.run(
            [
                sys.executable,
                __file__,
                "--load",
                url,
                str(requests),
                str(concurrency),
                str(max_seconds),
                kind,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(load.stdout)
    finally:
        server.terminate()
        server.wait(30)


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    import httpx

    while True:
        if server.poll() is not None:
            raise RuntimeError("the endpoint exited")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.5)


def endpoint_query(kind: str) -> str:
    """The saved lookup, anchored by label (answer grows with the corpus) or by IRI (fixed)."""
    from serge_graph import api

    text = api.saved_query_text(ENDPOINT_QUERY)
    if kind == "label":
        return text
    assert LABEL_ANCHOR in text, "the saved query's anchor changed; update LABEL_ANCHOR"
    return text.replace(LABEL_ANCHOR, IRI_ANCHOR)


def endpoint_params(kind: str, server: str) -> dict:
    """The request's parameters: Virtuoso needs the prefixes in the text and the graph named."""
    from serge_graph.queries import with_prefixes
    from serge_graph.stores import GRAPH_NAME

    query = endpoint_query(kind)
    if server == "virtuoso":
        return {"query": with_prefixes(query), "default-graph-uri": str(GRAPH_NAME)}
    return {"query": query}


def load_generator(
    url: str,
    requests: int,
    concurrency: int,
    max_seconds: float,
    kind: str = "label",
    server: str = "serge",
) -> dict:
    """Send `requests` queries, `concurrency` at a time, for at most `max_seconds`;
    report throughput and latency of the answered ones."""
    import httpx

    params = endpoint_params(kind, server)
    answer: dict = {}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + max_seconds

    def next_request() -> int | None:
        return next(counter, None) if time.perf_counter() < deadline else None

    def worker() -> None:
        with httpx.Client(timeout=300) as client:
            for _ in iter(next_request, None):
                began = time.perf_counter()
                response = client.get(
                    url,
                    params=params,
                    headers={"Accept": "application/sparql-results+json"},
                )
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    errors[0] += response.status_code != 200
                    if response.status_code == 200 and not answer:  # the answer's size, once
                        answer["rows"] = len(response.json()["results"]["bindings"])
                        answer["bytes"] = len(response.content)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "query": kind,
        "answer_rows": answer.get("rows"),
        "answer_bytes": answer.get("bytes"),
        "requests": len(latencies),
        "requests_planned": requests,
        "max_seconds": max_seconds,
        "concurrency": concurrency,
        "errors": errors[0],
        "throughput_rps": len(latencies) / wall,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def _child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr else "failed"}
    return json.loads(result.stdout)


def run_all(options: argparse.Namespace) -> list:
    """Every size on every store; the results file is rewritten after each row (with
    --resume, the rows it already holds are kept and not measured again)."""
    results = json.loads(options.out.read_text()) if options.resume else []
    done = {(row["copies"], row["store"]) for row in results}
    for copies in options.sizes:
        if all((copies, store) in done for store in options.stores):
            continue
        built = _built(copies, options.reuse_build)
        for store in options.stores:
            if (copies, store) in done:
                continue
            row = {"copies": copies, "store": store, **built}
            if store == "memory" and copies > options.memory_max:
                row["skipped"] = (
                    f"rdflib's memory store would need about {copies * 41 // 1000} GB at {copies}x "
                    "(4.1 GB measured loading 100x, growing linearly)"
                )
            else:
                row.update(_store_row(copies, store, options))
            results.append(row)
            _write_results(options.out, results)
    return results


def _built(copies: int, reuse: bool) -> dict:
    record = WORK / f"x{copies}.build.json"
    if reuse and record.is_file() and (WORK / f"x{copies}.nt").is_file():
        print(f"… {copies}x: reusing the earlier build", file=sys.stderr, flush=True)
        return json.loads(record.read_text())
    print(f"… {copies}x: building", file=sys.stderr, flush=True)
    built = _child("--build", str(copies))
    record.write_text(json.dumps(built))
    return built


def _store_row(copies: int, store: str, options: argparse.Namespace) -> dict:
    runs = options.runs if copies <= 100 else 1  # one run per query at 1000x keeps it bounded
    if store == "virtuoso":
        return _virtuoso_row(copies, options, runs)
    print(f"… {copies}x {store}: loading and querying", file=sys.stderr, flush=True)
    row = {"runs": runs, **measure_queries(copies, store, options.budget, runs)}
    if copies <= options.endpoint_max:
        print(f"… {copies}x {store}: endpoint under load", file=sys.stderr, flush=True)
        row["endpoint"] = _child(
            "--endpoint",
            str(copies),
            store,
            str(options.requests),
            str(options.concurrency),
            str(options.endpoint_seconds),
        )
    return row


def _virtuoso_row(copies: int, options: argparse.Namespace, runs: int) -> dict:
    import virtuoso_store

    def load(url: str, kind: str) -> dict:
        if copies > options.endpoint_max:
            return {"error": "not measured"}
        print(f"… {copies}x virtuoso: endpoint under load, {kind} lookup", file=sys.stderr)
        return _child(
            "--load",
            url,
            str(options.requests),
            str(options.concurrency),
            str(options.endpoint_seconds),
            kind,
            "virtuoso",
        )

    print(f"… {copies}x virtuoso: loading and querying", file=sys.stderr, flush=True)
    try:
        return virtuoso_store.measure(
            copies, WORK / f"x{copies}.nt", WORK, options.budget, runs, load
        )
    except (RuntimeError, OSError) as error:
        return {"skipped": f"Virtuoso: {str(error).splitlines()[-1]}"}


def in_memory(copies: int, runs: int) -> dict:
    """Child process: the corpus loaded into an in-memory pyoxigraph Store, as `serge-graph
    query` loads the kept graph, and every saved query run there (median wall and CPU)."""
    import pyoxigraph

    from serge_graph import api
    from serge_graph.choices import GRAPH_IRI
    from serge_graph.queries import run_on_oxigraph

    started, cpu = time.perf_counter(), time.process_time()
    store = pyoxigraph.Store()
    store.load(
        path=str(WORK / f"x{copies}.nt"),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(GRAPH_IRI),
    )
    row = {"copies": copies, "store": "oxigraph in memory", "runs": runs}
    row.update(load_s=time.perf_counter() - started, load_cpu_s=time.process_time() - cpu)
    row["queries"], row["queries_cpu"] = {}, {}
    for name, _question in api.list_saved_queries().rows:
        text, walls, cpus = api.saved_query_text(name), [], []
        for _ in range(runs):
            began, cpu = time.perf_counter(), time.process_time()
            run_on_oxigraph(store, text)
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu)
        row["queries"][name] = statistics.median(walls)
        row["queries_cpu"][name] = statistics.median(cpus)
        print(f"  {name}: CPU {row['queries_cpu'][name]:.3f}", file=sys.stderr, flush=True)
    row.update(peak_mb=_peak_mb(), budget_s=None, load_average=os.getloadavg())
    return row


def endpoint_again(options: argparse.Namespace, kind: str) -> list:
    """Load the endpoint of every measured row of --out again with another lookup."""
    results = json.loads(options.out.read_text())
    for row in results:
        if (
            "skipped" in row
            or row["copies"] > options.endpoint_max
            or row["store"] not in ("memory", "oxigraph")
        ):
            continue  # Virtuoso's rows measure both lookups in their own run
        print(f"… {row['copies']}x {row['store']}: endpoint, {kind} lookup", file=sys.stderr)
        row[f"endpoint_{kind}"] = _child(
            "--endpoint",
            str(row["copies"]),
            row["store"],
            str(options.requests),
            str(options.concurrency),
            str(options.endpoint_seconds),
            kind,
        )
        _write_results(options.out, results)
    return results


def _write_results(path: Path, results: list) -> None:
    from serge_graph.build import write_atomically

    write_atomically(path, (json.dumps(results, indent=2) + "\n").encode("utf-8"))


def table(results: list[dict]) -> str:
    """The tables of docs/benchmarks.md: sizes and costs, the endpoint, then every saved query."""
    lines = [
        "| size | store | triples | build s | build peak MB | load s | query peak MB "
        "| sum of query medians s | slowest query |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        size = f"| {row['copies']}x | {row['store']} | "
        if "skipped" in row:
            lines.append(size + f"not run: {row['skipped']} |" + " |" * 6)
            continue
        lines.append(
            size
            + f"{row.get('triples', 0):,} | {row.get('build_s', 0):.1f} | "
            + f"{row.get('build_peak_mb', 0):.0f} | {row.get('load_s', 0):.2f} | "
            + f"{row.get('peak_mb', 0):.0f} | {_query_cells(row)} |"
        )
    lines += [
        "",
        "| size | store | lookup | answer rows | answered | req/s | p50 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        for key, kind in (("endpoint", "by label"), ("endpoint_iri", "by IRI")):
            if key in row:
                lines.append(
                    f"| {row['copies']}x | {row['store']} | {kind} | {_endpoint_cells(row[key])} |"
                )
    names = sorted({n for row in results for n in row.get("queries", {})})
    for key, what in (("queries", "wall s"), ("queries_cpu", "CPU s")):
        measured = [r for r in results if r.get(key)]
        if not measured:
            continue
        header = f"| query ({what}) | " + " | ".join(
            f"{r['copies']}x {r['store']}" for r in measured
        )
        lines += ["", header + " |", "|---|" + "---|" * len(measured)]
        for name in names:
            cells = []
            for row in measured:
                value = row[key].get(name)
                cells.append(f"> {row['budget_s']}" if value is None else f"{value:.3f}")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth_table(results: list[dict], key: str = "queries_cpu") -> str:
    """Each saved query's cost at every size of one store, how it grows from size to size, and
    the wall time at the largest size: how docs/benchmarks.md shows that the plans are linear."""
    rows = sorted((r for r in results if r.get(key)), key=lambda r: r["copies"])
    sizes = [r["copies"] for r in rows]
    steps = list(itertools.pairwise(sizes))
    header = ["query", *(f"{n}×" for n in sizes), *(f"{a}×→{b}×" for a, b in steps)]
    header.append(f"{sizes[-1]}× wall")
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    names = sorted({name for row in rows for name in row[key]})
    for name in [*names, None]:  # None: every query together
        values = [_cost(row[key], name) for row in rows]
        growth = [_ratio(values[i], values[i + 1]) for i in range(len(steps))]
        wall = _cost(rows[-1]["queries"], name)
        cells = [f"`{name}`" if name else f"all {len(names)}"]
        cells += [_seconds(v) for v in values] + growth + [_seconds(wall)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cost(costs: dict, name: str | None) -> float | None:
    if name is not None:
        return costs.get(name)
    return None if None in costs.values() else sum(costs.values())


def _ratio(before: float | None, after: float | None) -> str:
    return f"{after / before:.1f}×" if before and after is not None else ""


def _seconds(value: float | None) -> str:
    return "> budget" if value is None else f"{value:.3f}"


def _query_cells(row: dict) -> str:
    queries = row.get("queries", {})
    done = {k: v for k, v in queries.items() if v is not None}
    over = [k for k, v in queries.items() if v is None]
    slowest = max(done, key=done.get) if done else None
    slow_text = f"{slowest} {done[slowest]:.2f}" if slowest else "-"
    if over:
        slow_text += f"; {len(over)} over {row['budget_s']} s"
    return f"{sum(done.values()):.2f} | {slow_text}"


def _endpoint_cells(endpoint: dict) -> str:
    if "throughput_rps" not in endpoint:
        return f"{endpoint.get('error', 'not measured')} | | | | |"
    answered = f"{endpoint['requests']:,}"
    if endpoint["requests"] < endpoint.get("requests_planned", endpoint["requests"]):
        answered += f" in {endpoint['max_seconds']:.0f} s"
    if endpoint.get("errors"):
        answered += f", {endpoint['errors']} errors"
    rows = endpoint.get("answer_rows")
    return (
        f"{'-' if rows is None else rows} | {answered} | {endpoint['throughput_rps']:.1f} | "
        f"{endpoint['p50_ms']:.0f} | {endpoint['p99_ms']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--budget", type=int, default=60, help="seconds a query may take")
    parser.add_argument("--stores", nargs="+", choices=STORES, default=list(STORES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--endpoint-max", type=int, default=1000, help="largest size to load the endpoint at"
    )
    parser.add_argument(
        "--endpoint-seconds", type=int, default=120, help="longest the endpoint load may run"
    )
    parser.add_argument(
        "--memory-max", type=int, default=100, help="largest size for rdflib's memory store"
    )
    parser.add_argument(
        "--reuse-build", action="store_true", help="keep a size's N-Triples from an earlier run"
    )
    parser.add_argument(
        "--resume", action="store_true", help="keep the rows --out holds; measure the others"
    )
    parser.add_argument(
        "--endpoint-only",
        choices=ENDPOINT_KINDS,
        help="measure only the endpoint again, with this lookup, on the rows of --out",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--table", type=Path, help="print the tables of a results file")
    parser.add_argument(
        "--growth",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="print each query's CPU time by size and its growth, from --in-memory results files",
    )
    parser.add_argument(
        "--in-memory",
        type=int,
        nargs="+",
        metavar="SIZE",
        help="every saved query on an in-memory pyoxigraph Store (the CLI's) at these sizes",
    )
    parser.add_argument("--in-memory-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--session", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--load", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(measure_build(args.build)))
    elif args.in_memory_one:
        print(json.dumps(in_memory(args.in_memory_one, args.runs)))
    elif args.in_memory:
        rows = []
        for copies in args.in_memory:
            _built(copies, reuse=True)
            rows.append(_child("--in-memory-one", str(copies), "--runs", str(args.runs)))
            _write_results(args.out, rows)
        print(table(rows))
    elif args.session:
        copies, store, budget = args.session
        query_session(int(copies), store, int(budget))
    elif args.endpoint:
        copies, store, requests, concurrency, seconds, *kind = args.endpoint
        measured = measure_endpoint(
            int(copies), store, int(requests), int(concurrency), int(seconds), *kind
        )
        print(json.dumps(measured))
    elif args.load:
        url, requests, concurrency, seconds, *kind = args.load
        print(
            json.dumps(load_generator(url, int(requests), int(concurrency), float(seconds), *kind))
        )
    elif args.endpoint_only:
        print(table(endpoint_again(args, args.endpoint_only)))
    elif args.growth:
        rows = [row for path in args.growth for row in json.loads(path.read_text())]
        print(growth_table(rows))
    elif args.table:
        print(table(json.loads(args.table.read_text())))
    else:
        print(table(run_all(args)))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
