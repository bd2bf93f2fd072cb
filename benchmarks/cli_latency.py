"""The command line's latency beside its floor, whole processes, in one run.

Each round runs every command once, in turn, so that the machine's load falls
on all of them alike; each figure is the median over the rounds, of the wall
time and of the CPU time of the child process (user + system, from wait4).

- floor (N-Triples): a bare `python -c` that loads the kept N-Triples file into
  pyoxigraph and runs queries/murders.rq: what any query must at least cost;
- floor (Turtle): the same from `serge-graph build`'s serge.ttl;
- `serge-graph query --saved murders` with the graph kept (warm);
- `serge-graph --help`;
- rebuild: one annotation file changed (a comment appended, so its content and
  the inputs' fingerprint change), then `query --saved murders`: the graph is
  validated, built, kept and loaded again.

    python benchmarks/cli_latency.py --runs 7 --out benchmarks/cli-latency.json
    python benchmarks/cli_latency.py --table benchmarks/cli-latency.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAVED = "murders"
FLOOR = """
import sys, pyoxigraph
store = pyoxigraph.Store()
store.load(path=sys.argv[1], format=pyoxigraph.RdfFormat.from_extension(sys.argv[1].rsplit(".", 1)[1]))
with open(sys.argv[2], encoding="utf-8") as query:
    rows = [[term.value if term else None for term in row] for row in store.query(query.read())]
print(len(rows))
"""
GOALS = {"warm": "within 3x the N-Triples floor", "help": "under 0.25 s"}


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "serge-graph"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "serge_graph"]


class Child:
    """A child's wall and CPU time: Popen reaps the child itself, so CPU comes from the
    difference in RUSAGE_CHILDREN around it (children are run one at a time)."""

    @staticmethod
    def run(command: list[str], env: dict) -> dict:
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr.decode()[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return {"wall_s": wall, "cpu_s": cpu, "stdout": done.stdout}


def measure(runs: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="serge-cli-latency-"))
    try:
        return _measure(runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _measure(runs: int, work: Path) -> dict:
    env = {**os.environ, "SERGE_GRAPH_CACHE": str(work / "cache")}
    env.pop("SERGE_GRAPH_DATA", None)
    cli = _cli()
    query = [*cli, "query", "--saved", SAVED]
    Child.run(query, env)  # builds and keeps the graph: the runs below are warm
    (kept,) = (work / "cache").glob("graph-*.nt")
    Child.run([*cli, "build", "--out", str(work / "ttl")], env)
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    edited = sorted((data / "annotations").glob("*.yaml"))[0]
    rq = str(ROOT / "queries" / f"{SAVED}.rq")
    commands = {
        "floor_nt": [sys.executable, "-c", FLOOR, str(kept), rq],
        "floor_ttl": [sys.executable, "-c", FLOOR, str(work / "ttl" / "serge.ttl"), rq],
        "warm": query,
        "help": [*cli, "--help"],
        "rebuild": [*cli, "--data", str(data), "query", "--saved", SAVED],
    }
    # the rebuilds keep their graphs apart: the cache keeps only the newest few, and would
    # drop the warm graph the other commands read
    rebuild_env = {**env, "SERGE_GRAPH_CACHE": str(work / "rebuild-cache")}
    samples: dict[str, list[dict]] = {name: [] for name in commands}
    load_before = os.getloadavg()
    for round_number in range(runs):
        for name, command in commands.items():
            if name == "rebuild":  # a changed file: the next query must build again
                with edited.open("a", encoding="utf-8") as stream:
                    stream.write(f"# benchmark edit {round_number}\n")
            samples[name].append(Child.run(command, rebuild_env if name == "rebuild" else env))
        print(f"  round {round_number + 1} of {runs}", file=sys.stderr, flush=True)
    rows = {
        name: {
            "wall_s": statistics.median(s["wall_s"] for s in measured),
            "cpu_s": statistics.median(s["cpu_s"] for s in measured),
            "runs": len(measured),
        }
        for name, measured in samples.items()
    }
    floor_rows = int(samples["floor_nt"][0]["stdout"].split()[0])
    return {
        "rows": rows,
        "murders_rows_in_floor": floor_rows,
        "warm_over_floor_wall": rows["warm"]["wall_s"] / rows["floor_nt"]["wall_s"],
        "warm_over_floor_cpu": rows["warm"]["cpu_s"] / rows["floor_nt"]["cpu_s"],
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


LABELS = {
    "floor_nt": "floor: bare python + pyoxigraph, kept N-Triples, murders.rq",
    "floor_ttl": "floor: bare python + pyoxigraph, serge.ttl, murders.rq",
    "warm": "`serge-graph query --saved murders`, graph kept",
    "help": "`serge-graph --help`",
    "rebuild": "one annotation file changed, then `query --saved murders` (rebuild)",
}


def table(result: dict) -> str:
    lines = ["| command | wall s (median) | CPU s (median) | runs |", "|---|---|---|---|"]
    for name, row in result["rows"].items():
        lines.append(
            f"| {LABELS[name]} | {row['wall_s']:.3f} | {row['cpu_s']:.3f} | {row['runs']} |"
        )
    load = " / ".join(f"{x:.1f}" for x in result["load_average_before"])
    lines += [
        "",
        f"warm query / floor: {result['warm_over_floor_wall']:.2f}x wall, "
        f"{result['warm_over_floor_cpu']:.2f}x CPU; load average before the run {load} "
        f"on {result['cpus']} cores ({result['when']})",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--table", type=Path, help="print the table of a results file")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return
    result = measure(args.runs)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))


if __name__ == "__main__":
    main()
