"""Measure serge-graph at corpus scale: build, load, every saved query, and the endpoint.

For each size (copies of the article) and each store, in fresh processes:
build time and peak memory, load time, the median of 3 runs of every saved
query (a query over the budget is stopped and reported as such), and the
endpoint's throughput and p50/p99 latency under a bounded load from a second
process on loopback.

    python benchmarks/run.py --sizes 1 10 100 --out benchmarks/results.json
    python benchmarks/run.py --table benchmarks/results.json     # the README's table
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
STORES = ("memory", "oxigraph")
ENDPOINT_QUERY = "umansky-mentions"  # a typical lookup: one person's mentions with their paragraphs


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
    """Build the synthetic corpus and write it as N-Triples (rdflib, in memory)."""
    sys.path.insert(0, str(HERE))
    from synthetic import synthetic_corpus

    from serge_graph import api

    started = time.perf_counter()
    graph = api.build_graph(synthetic_corpus(api.load_corpus(), copies))
    build_s = time.perf_counter() - started
    path = WORK / f"x{copies}.nt"
    path.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(path, format="nt", encoding="utf-8")
    return {
        "triples": len(graph),
        "build_s": build_s,
        "build_peak_mb": _peak_mb(),
        "file": str(path),
    }


def measure_queries(copies: int, store: str, budget: int, runs: int) -> dict:
    """Load the corpus into a store, then time every saved query."""
    from serge_graph import api
    from serge_graph.queries import run_query
    from serge_graph.serve import load_graph_file

    started = time.perf_counter()
    graph = load_graph_file(str(WORK / f"x{copies}.nt"), store)
    load_s = time.perf_counter() - started
    signal.signal(signal.SIGALRM, _alarm)
    timings = {}
    for name, _question in api.list_saved_queries().rows:
        text, samples = api.saved_query_text(name), []
        for _ in range(runs):
            _expired[0] = False
            signal.alarm(budget)
            try:
                began = time.perf_counter()
                run_query(graph, text)
                samples.append(time.perf_counter() - began)
            except Exception:
                if not _expired[0]:
                    raise
                samples = None
                break
            finally:
                signal.alarm(0)
        timings[name] = statistics.median(samples) if samples else None
    return {"load_s": load_s, "queries": timings, "peak_mb": _peak_mb(), "budget_s": budget}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_endpoint(copies: int, store: str, requests: int, concurrency: int) -> dict:
    """Start the real endpoint on the corpus and load it from a second process."""
    port = _free_port()
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
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        _wait_until_up(url, server)
        load = subprocess.run(
            [sys.executable, __file__, "--load", url, str(requests), str(concurrency)],
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


def load_generator(url: str, requests: int, concurrency: int) -> dict:
    """Send `requests` queries, `concurrency` at a time; report throughput and latency."""
    import httpx

    from serge_graph import api

    query = api.saved_query_text(ENDPOINT_QUERY)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(timeout=300) as client:
            for _ in iter(lambda: next(counter, None), None):
                began = time.perf_counter()
                response = client.get(
                    url,
                    params={"query": query},
                    headers={"Accept": "application/sparql-results+json"},
                )
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    errors[0] += response.status_code != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": requests,
        "concurrency": concurrency,
        "errors": errors[0],
        "throughput_rps": requests / wall,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def _child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr else "failed"}
    return json.loads(result.stdout)


def run_all(
    sizes: list[int], budget: int, runs: int, requests: int, concurrency: int, endpoint_max: int
) -> list:
    results = []
    for copies in sizes:
        print(f"… {copies}x: building", file=sys.stderr, flush=True)
        built = _child("--build", str(copies))
        for store in STORES:
            print(f"… {copies}x {store}: loading and querying", file=sys.stderr, flush=True)
            row = {
                "copies": copies,
                "store": store,
                "runs": runs if copies <= 10 else 1,  # one run per query at 100x keeps it bounded
                **built,
                **_child(
                    "--queries", str(copies), store, str(budget), str(runs if copies <= 10 else 1)
                ),
            }
            if copies <= endpoint_max:
                print(f"… {copies}x {store}: endpoint under load", file=sys.stderr, flush=True)
                row["endpoint"] = _child(
                    "--endpoint", str(copies), store, str(requests), str(concurrency)
                )
            results.append(row)
    return results


def table(results: list[dict]) -> str:
    """The README's tables: sizes and costs, then every saved query."""
    lines = [
        "| size | store | triples | build s | build peak MB | load s | query peak MB | sum of query medians s | slowest query | endpoint req/s | p50 ms | p99 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results:
        queries = row.get("queries", {})
        done = {k: v for k, v in queries.items() if v is not None}
        over = [k for k, v in queries.items() if v is None]
        slowest = max(done, key=done.get) if done else "-"
        slow_text = f"{slowest} {done[slowest]:.2f}" if done else "-"
        if over:
            slow_text += f"; {len(over)} over {row['budget_s']} s"
        endpoint = row.get("endpoint") or {}
        lines.append(
            f"| {row['copies']}x | {row['store']} | {row.get('triples', 0):,} | {row.get('build_s', 0):.1f} | "
            f"{row.get('build_peak_mb', 0):.0f} | {row.get('load_s', 0):.2f} | {row.get('peak_mb', 0):.0f} | "
            f"{sum(done.values()):.2f} | {slow_text} | "
            + (
                f"{endpoint['throughput_rps']:.0f} | {endpoint['p50_ms']:.0f} | {endpoint['p99_ms']:.0f} |"
                if "throughput_rps" in endpoint
                else "- | - | - |"
            )
        )
    names = sorted({n for row in results for n in row.get("queries", {})})
    header = "| query | " + " | ".join(f"{r['copies']}x {r['store']}" for r in results) + " |"
    lines += ["", header, "|---|" + "---|" * len(results)]
    for name in names:
        cells = []
        for row in results:
            value = row.get("queries", {}).get(name)
            if "queries" not in row:
                cells.append("not run")
            else:
                cells.append(f"> {row['budget_s']}" if value is None else f"{value:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--budget", type=int, default=60, help="seconds a query may take")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--endpoint-max", type=int, default=10, help="largest size to load the endpoint at"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--table", type=Path, help="print the tables of a results file")
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--queries", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--endpoint", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--load", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        print(json.dumps(measure_build(args.build)))
    elif args.queries:
        copies, store, budget, runs = args.queries
        print(json.dumps(measure_queries(int(copies), store, int(budget), int(runs))))
    elif args.endpoint:
        copies, store, requests, concurrency = args.endpoint
        print(json.dumps(measure_endpoint(int(copies), store, int(requests), int(concurrency))))
    elif args.load:
        url, requests, concurrency = args.load
        print(json.dumps(load_generator(url, int(requests), int(concurrency))))
    elif args.table:
        print(table(json.loads(args.table.read_text())))
    else:
        results = run_all(
            args.sizes, args.budget, args.runs, args.requests, args.concurrency, args.endpoint_max
        )
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        print(table(results))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
