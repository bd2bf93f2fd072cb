"""Measure the reader's site build: each step's wall and CPU time, in one fresh process.

    python benchmarks/site.py [--runs 3]

Prints the median of the runs for: reading and checking the annotations, building
the graph, the network and timeline pages, the Turtle dump, the site's own pages
(index, text, one per entity and event, VoID), and writing the folder.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from serge_graph import api, network
from serge_graph.build import build_graph, load_corpus, serialize
from serge_graph.site import site_data, writer


def _timed(results: dict, name: str, step):
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    results.setdefault(name, []).append((time.perf_counter() - wall, time.process_time() - cpu))
    return value


def one_run(results: dict, out: Path) -> None:
    site_data._cache.clear()
    corpus = _timed(results, "read and check annotations", load_corpus)
    graph = _timed(results, "build the graph", lambda: build_graph(corpus))
    full = _timed(results, "full network projection", lambda: network.projection(graph, "full"))
    _timed(results, "network.html", lambda: api.network_html(full))
    _timed(results, "timeline.html", api.timeline_html)
    _timed(results, "serge.ttl (Turtle dump)", lambda: serialize(graph, "turtle"))
    source = next(iter(corpus.sources.values()))
    files = _timed(
        results,
        "site pages (index, text, 198 entity pages, VoID)",
        lambda: writer.site_files(graph, source, {}, full=full),
    )
    _timed(results, f"write {len(files)} files", lambda: writer.write_site(out, files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            one_run(results, Path(folder) / "site")
    print(f"| step | wall s (median of {args.runs}) | CPU s |")
    print("|---|---|---|")
    for name, times in results.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    total_wall = sum(statistics.median(t[0] for t in times) for times in results.values())
    total_cpu = sum(statistics.median(t[1] for t in times) for times in results.values())
    print(f"| total | {total_wall:.2f} | {total_cpu:.2f} |")


if __name__ == "__main__":
    main()
