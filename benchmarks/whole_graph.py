"""The whole-graph saved questions on an Oxigraph folder at corpus scale, live and kept.

For N copies of the article (benchmarks/synthetic.py), in the folder the endpoint's
workers open: the time each marked question (`# whole graph:` in its file) takes live
when the folder keeps its answer (summaries.py: no budget, one run; on the N-Triples
loaded in memory when the memory allows, else in the folder, --in-folder), then the time to
answer it from the kept file as the command line and the workers do (median of --runs,
rows read and converted), and every other saved query live for comparison.

    python benchmarks/whole_graph.py --copies 100 --out benchmarks/results-whole-graph.json
    python benchmarks/whole_graph.py --copies 1000 --nt x1000.nt --folder x1000.oxigraph \\
        --out benchmarks/results-whole-graph.json     # an N-Triples file and folder made before
    python benchmarks/whole_graph.py --table benchmarks/results-whole-graph.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE.parent / "build" / "bench"


def _say(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _built(copies: int, nt: Path) -> float | None:
    """Write the N-Triples of N copies unless the file is there; the seconds it took."""
    if nt.is_file():
        return None
    sys.path.insert(0, str(HERE))
    from synthetic import write_streaming

    from serge_graph import api

    started = time.perf_counter()
    write_streaming(api.load_corpus(), copies, nt, min(copies, 20), lambda d: _say(f"built {d}"))
    return time.perf_counter() - started


def measure(copies: int, nt: Path, folder: Path, runs: int, in_folder: bool = False) -> dict:
    import pyoxigraph

    from serge_graph import summaries
    from serge_graph.project import resolve_paths
    from serge_graph.queries import oxigraph_rows, run_on_oxigraph, saved_queries
    from serge_graph.stores import load_graph_file

    build_s = _built(copies, nt)
    started = time.perf_counter()
    load_graph_file(nt, "oxigraph", folder).close()  # reopened, not reloaded, when it holds nt
    load_s = time.perf_counter() - started
    queries = saved_queries(resolve_paths(None).queries)
    summaries.forget(folder)  # make every answer again: its time is the live query's
    started, cpu = time.perf_counter(), time.process_time()
    made_in = "folder" if in_folder or not summaries._fits_in_memory(nt) else "memory"
    kept = summaries.ensure(folder, queries.values(), _say, None if in_folder else nt)
    keep_s, keep_cpu = time.perf_counter() - started, time.process_time() - cpu
    by_name = {summary.name: summary for summary in kept.values()}
    answered = {}
    for name, summary in sorted(by_name.items()):
        samples = []
        for _ in range(runs):
            began = time.perf_counter()
            oxigraph_rows(summaries.solutions(summary), typed=True)
            samples.append(time.perf_counter() - began)
        answered[name] = statistics.median(samples)
        _say(f"{name}: live {summary.seconds:.1f} s, kept {answered[name]:.3f} s")
    store = pyoxigraph.Store.read_only(str(folder))
    others = {}
    for name, query in queries.items():
        if name in by_name:
            continue
        began = time.perf_counter()
        run_on_oxigraph(store, query.text)
        others[name] = time.perf_counter() - began
        _say(f"{name}: live {others[name]:.2f} s")
    return {
        "copies": copies,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average": os.getloadavg(),
        "build_s": build_s,
        "load_s": load_s,
        "keep_s": keep_s,
        "keep_cpu_s": keep_cpu,
        "made_in": made_in,
        "live_s": {name: s.seconds for name, s in by_name.items()},
        "live_cpu_s": {name: s.cpu_seconds for name, s in by_name.items()},
        "rows": {name: s.rows for name, s in by_name.items()},
        "kept_s": answered,
        "others_live_s": others,
    }


def table(results: list[dict]) -> str:
    rows = sorted(results, key=lambda r: r["copies"])
    sizes = [r["copies"] for r in rows]
    head = ["question"]
    for n in sizes:
        head += [f"{n}× live s (CPU)", f"{n}× kept s", f"{n}× rows"]
    head += [f"{a}×→{b}× CPU" for a, b in itertools.pairwise(sizes)]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    for name in sorted(rows[-1]["live_s"]):
        cells = [f"`{name}`"]
        cpus = [row.get("live_cpu_s", {}).get(name) for row in rows]
        for row, cpu in zip(rows, cpus, strict=True):
            cells += [
                f"{row['live_s'][name]:.2f} ({cpu:.2f})" if cpu else f"{row['live_s'][name]:.2f}",
                f"{row['kept_s'][name]:.3f}",
                f"{row['rows'][name]:,}",
            ]
        cells += [f"{b / a:.1f}×" if a and b else "" for a, b in itertools.pairwise(cpus)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for row in rows:
        slowest = max(row["others_live_s"], key=row["others_live_s"].get)
        lines.append(
            f"- {row['copies']}×: answers made {_where(row)} and kept in {row['keep_s']:.0f} s "
            f"({row['keep_cpu_s']:.0f} s of CPU); the other saved queries live, slowest "
            f"`{slowest}` {row['others_live_s'][slowest]:.1f} s; measured {row['date']}, "
            f"load {row['load_average'][0]:.1f}"
        )
    return "\n".join(lines)


def _where(row: dict) -> str:
    if row.get("made_in") == "memory":
        return "on the N-Triples loaded in memory (the load included)"
    return "in the folder"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int)
    parser.add_argument("--nt", type=Path, help="the corpus's N-Triples (made if missing)")
    parser.add_argument("--folder", type=Path, help="the Oxigraph folder (filled if needed)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--in-folder", action="store_true", help="make the answers in the folder, not in memory"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results-whole-graph.json")
    parser.add_argument("--table", type=Path, help="print the table of a results file")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text(encoding="utf-8"))))
        return
    if not args.copies:
        parser.error("give --copies N (or --table FILE)")
    nt = args.nt or WORK / f"x{args.copies}.nt"
    folder = args.folder or WORK / f"x{args.copies}.oxigraph"
    nt.parent.mkdir(parents=True, exist_ok=True)
    result = measure(args.copies, nt, folder, args.runs, args.in_folder)
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else []
    kept = [r for r in previous if r["copies"] != args.copies] + [result]
    partial = args.out.with_name(args.out.name + ".partial")
    partial.write_text(json.dumps(kept, indent=1), encoding="utf-8")
    partial.replace(args.out)
    print(table(kept))


if __name__ == "__main__":
    main()
