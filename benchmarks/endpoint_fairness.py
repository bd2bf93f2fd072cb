"""Lookups under attack: how fast the endpoint answers others while clients loop slow queries.

Starts the real `serge-graph serve` on a free loopback port, then for each
number of slow clients (0, then 2 by default) runs lookup clients for a fixed
time beside clients that loop a cross product, and reports the lookups'
rate, p50 and p99 (all traffic on 127.0.0.1; every loop bounded in time).

    python benchmarks/endpoint_fairness.py                       # this checkout
    python benchmarks/endpoint_fairness.py --src OTHER/src        # another checkout's code, to compare
    python benchmarks/endpoint_fairness.py --store oxigraph --seconds 30 --out fairness.json
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

LOOKUP = (
    "SELECT ?p ?o WHERE { <https://w3id.org/serge-graph/id/person/konstantin-umansky> ?p ?o } "
    "LIMIT 50"
)
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(options: argparse.Namespace) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ)
    if options.src:
        env["PYTHONPATH"] = options.src
    command = [sys.executable, "-m", "serge_graph", "serve", "--port", str(port)]
    command += ["--store", options.store, "--timeout", str(options.timeout)]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/sparql"
    wait_until_up(url, server)
    return server, url


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 180) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the endpoint exited")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise RuntimeError("the endpoint did not start")


def loop(url: str, query: str, until: float, record: list, timeout: float) -> None:
    """Send one query after another until the time is up; record (latency, status)."""
    import httpx

    with httpx.Client(timeout=timeout) as client:
        while time.monotonic() < until:
            started = time.monotonic()
            try:
                status = client.get(url, params={"query": query}).status_code
            except httpx.HTTPError:
                status = 0
            record.append((time.monotonic() - started, status))


def measure(
    url: str, slow_clients: int, lookup_clients: int, seconds: float, timeout: float
) -> dict:
    until = time.monotonic() + seconds
    lookups: list[tuple[float, int]] = []
    slow: list[tuple[float, int]] = []
    threads = [
        threading.Thread(target=loop, args=(url, SLOW, until, slow, timeout + 30))
        for _ in range(slow_clients)
    ]
    threads += [
        threading.Thread(target=loop, args=(url, LOOKUP, until, lookups, timeout + 30))
        for _ in range(lookup_clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(latency for latency, status in lookups if status == 200)
    return {
        "slow_clients": slow_clients,
        "lookup_clients": lookup_clients,
        "seconds": seconds,
        "lookups_answered": len(latencies),
        "lookups_failed": sum(1 for _, status in lookups if status != 200),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))] * 1000, 1)
        if latencies
        else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "slow_answers_by_status": {
            str(s): sum(1 for _, t in slow if t == s) for s in sorted({t for _, t in slow})
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default="memory", choices=("memory", "oxigraph"))
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each measurement")
    parser.add_argument("--lookup-clients", type=int, default=4)
    parser.add_argument("--slow-clients", type=int, nargs="+", default=[0, 2])
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's --timeout")
    parser.add_argument("--src", help="run the server from this src folder (PYTHONPATH)")
    parser.add_argument("--out", help="also write the figures to this JSON file")
    options = parser.parse_args()
    server, url = start_server(options)
    try:
        rows = [
            measure(url, n, options.lookup_clients, options.seconds, options.timeout)
            for n in options.slow_clients
        ]
    finally:
        server.terminate()
        server.wait(30)
    for row in rows:
        print(
            f"{row['slow_clients']} slow clients: {row['requests_per_second']} lookups/s, "
            f"p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, max {row['max_ms']} ms, "
            f"{row['lookups_failed']} failed; slow answers {row['slow_answers_by_status']}"
        )
    if options.out:
        with open(options.out, "w", encoding="utf-8") as stream:
            json.dump({"store": options.store, "rows": rows}, stream, indent=2)


if __name__ == "__main__":
    main()
