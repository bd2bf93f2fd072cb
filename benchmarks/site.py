"""Measure the reader's site build: each step's wall and CPU time, in one fresh process.

    python benchmarks/site.py [--runs 3]
    python benchmarks/site.py --copies 100 [--shared] [--runs 1]

Prints the median of the runs for: reading and checking the annotations, building
the graph, the network and timeline pages, the Turtle dump, the site's own pages
(index, text, one per entity and event, VoID), and writing the folder.

With --copies N it builds the site of the synthetic corpus of N copies of the article
(benchmarks/synthetic.py; --shared keeps the entities' ids across copies): every source
gets its text page. The Turtle dump, a download rather than a page, is left out unless
--dump is given. It then prints the number of files, their total size and the largest.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from serge_graph import api, network
from serge_graph.build import NTriplesSink, build_graph, load_corpus, turtle_of_ntriples
from serge_graph.site import site_data, writer
from serge_graph.site.timeline_facets import timeline_facets
from serge_graph.site.timeline_page import timeline_events, timeline_page

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import synthetic_corpus

LIMIT = 2_000_000  # bytes: no page or file of the site may pass it


def _timed(results: dict, name: str, step):
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    took = (time.perf_counter() - wall, time.process_time() - cpu)
    results.setdefault(name, []).append(took)
    print(f"{name}: {took[0]:.1f} s wall, {took[1]:.1f} s CPU", file=sys.stderr, flush=True)
    return value


def _timeline(graph) -> str:
    events = timeline_events(graph)
    facets = timeline_facets(graph, {e.iri for e in events})
    return timeline_page(events, "Dated events", "", facets)


def one_run(
    results: dict, out: Path, copies: int, shared: bool, dump: bool, pictures: bool = True
) -> dict:
    site_data._cache.clear()
    if copies:
        corpus = _timed(
            results,
            "read, check and copy annotations",
            lambda: synthetic_corpus(load_corpus(), copies, 1, shared),
        )
    else:
        corpus = _timed(results, "read and check annotations", load_corpus)
    kept = NTriplesSink()  # the N-Triples the graph cache keeps, written in the same pass
    graph = _timed(results, "build the graph", lambda: build_graph(corpus, also=kept))
    full = _timed(results, "full network projection", lambda: network.projection(graph, "full"))
    extra = {}
    if not pictures:
        return _pages(results, out, graph, corpus, extra, full)
    extra["network.html"] = _timed(
        results, "network.html", lambda: api.network_html(full).encode("utf-8")
    )
    if copies:
        extra["timeline.html"] = _timed(
            results, "timeline.html", lambda: _timeline(graph).encode("utf-8")
        )
    else:
        extra["timeline.html"] = _timed(
            results, "timeline.html", lambda: api.timeline_html().encode("utf-8")
        )
    if dump or not copies:  # as the site makes it (from the kept N-Triples, Oxigraph's
        # Turtle), timed but not counted among the pages: a download, not a page
        _timed(results, "serge.ttl (Turtle dump)", lambda: turtle_of_ntriples(kept.ntriples()))
    return _pages(results, out, graph, corpus, extra, full)


def _pages(results: dict, out: Path, graph, corpus, extra: dict, full) -> dict:
    sources = list(corpus.sources.values())
    files = _timed(
        results,
        "site pages (index, texts, entity, event and claim pages, map, VoID)",
        lambda: writer.site_files(graph, sources, extra, full=full),
    )
    _timed(results, f"write {len(files)} files", lambda: writer.write_site(out, files))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=0, help="the synthetic N-copy corpus")
    parser.add_argument("--shared", action="store_true", help="copies share the entities' ids")
    parser.add_argument("--dump", action="store_true", help="time the Turtle dump at scale too")
    parser.add_argument(
        "--no-pictures", action="store_true", help="leave out network.html and timeline.html"
    )
    parser.add_argument("--largest", type=int, default=10, help="how many largest files to list")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            files = one_run(
                results,
                Path(folder) / "site",
                args.copies,
                args.shared,
                args.dump,
                not args.no_pictures,
            )
    print(f"| step | wall s (median of {args.runs}) | CPU s |")
    print("|---|---|---|")
    for name, times in results.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    total_wall = sum(statistics.median(t[0] for t in times) for times in results.values())
    total_cpu = sum(statistics.median(t[1] for t in times) for times in results.values())
    print(f"| total | {total_wall:.2f} | {total_cpu:.2f} |")
    sizes = sorted(((len(b), path) for path, b in files.items()), reverse=True)
    over = sum(1 for size, _ in sizes if size > LIMIT)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(
        f"\n{len(files)} files, {sum(s for s, _ in sizes):,} bytes, {over} over {LIMIT:,} bytes; "
        f"peak memory {peak:.1f} GB"
    )
    print("\n| largest files | bytes |\n|---|---|")
    for size, path in sizes[: args.largest]:
        print(f"| {path} | {size:,} |")


if __name__ == "__main__":
    main()
