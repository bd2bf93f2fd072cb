"""Mutation score of the core modules: how many small bugs planted by mutmut the fast tests catch.

For each module, a copy of the project is made in a temporary folder with its own mutmut
settings (the module to mutate, the fast tests that exercise it), mutmut 3 runs there, and
its counts are gathered into one JSON file. Nothing is written into the checkout but that file.

    python benchmarks/mutation.py                          # every core module, one at a time
    python benchmarks/mutation.py source queries --jobs 2  # some modules, two mutants at once
    python benchmarks/mutation.py --table benchmarks/mutation-results.json   # the table of docs/tests.md

Score = (killed + timed out) / (every mutant); a mutant that no fast test reaches counts as
surviving. mutmut runs, for each mutant, only the tests that reach the mutated function.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from serge_graph.build import write_atomically

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "mutation-results.json"
COPIED = ("src", "tests", "data", "ontology", "queries", "pyproject.toml")

# Module -> the fast tests that pin it (no browser, no server, no notebook kernel).
FAST_TESTS = {
    "source": ["tests/test_source.py", "tests/test_properties.py", "tests/test_invariants.py"],
    "queries": [
        "tests/test_query_values.py",
        "tests/test_queries.py",
        "tests/test_properties.py",
        "tests/test_cli_values.py",
    ],
    "model": ["tests/test_properties.py", "tests/test_validator.py", "tests/test_invariants.py"],
    "network": ["tests/test_network.py"],  # test_cli_values checks it too, but costs 5x the time
    "build": [
        "tests/test_graph_values.py",
        "tests/test_invariants.py",
        "tests/test_build.py",
        "tests/test_queries.py",
        "tests/test_graph_cache.py",  # the graph written straight to N-Triples
    ],
    "annotations": [
        "tests/test_annotation_reading.py",
        "tests/test_annotation_problems.py",
        "tests/test_annotation_entities.py",
        "tests/test_annotation_suggested.py",
        "tests/test_annotation_claims.py",
        "tests/test_validator.py",
        "tests/test_occurrences.py",
        "tests/test_invariants.py",
        "tests/test_properties.py",  # made slugs, dates
    ],
    # the request handling, in this process; the server's processes are test_serve.py's
    "server/app": ["tests/test_endpoint_app.py", "tests/test_endpoint_requests.py"],
    "server/protocol": ["tests/test_protocol.py"],
    # a worker's answer, computed in this process (worker_main runs the same functions)
    "server/workers": ["tests/test_endpoint_workers.py", "tests/test_endpoint_requests.py"],
    # the pool with real worker processes, its supervisor thread in this process
    "server/pool": ["tests/test_endpoint_pool.py", "tests/test_endpoint_requests.py"],
    "server/lanes": ["tests/test_endpoint_pool.py", "tests/test_endpoint_requests.py"],
    "server/supervisor": ["tests/test_endpoint_pool.py", "tests/test_endpoint_requests.py"],
    "server/results": ["tests/test_results.py"],
}
# Functions that run only in the server's or a worker's own process (tested by test_serve.py,
# out of mutmut's reach): the request-handling score leaves them out.
OUT_OF_PROCESS = {
    # serve() runs the server process itself (uvicorn, signal handlers), _Server is its server
    "server/app": ("run", "_Server.__init__", "_Server.handle_exit"),
    # a worker's start: in this process it would tie the test run to its parent's life, or end it
    # (test_endpoint_faults.py checks it in real processes)
    "server/workers": ("_die_with",),
}
# Whole-graph exports run the CLI in a subprocess, out of mutmut's reach: left out here.
DESELECT = "not export_through_the_cli and not notebook"
# Tests left out for one module: SHACL validation of the whole graph (40 s), a build in a
# subprocess (out of mutmut's reach) and rapper's parse: too slow to run for every mutant. So
# were, when the build was measured, the two tests that run the slowest saved queries on rdflib
# (every saved query; the contradictions), 1 to 2 minutes each on the loaded machine: every
# surviving mutant of the build paid for both. (The contradictions query has been fast since.)
# An Oxigraph folder (RocksDB) deadlocks in a process forked from one that opened a folder
# before, and mutmut forks each mutant's run from the process that ran every test once.
_NO_OXIGRAPH_FOLDER = " and not oxigraph_folder"
DESELECT_BY_MODULE = {
    "build": " and not shapes and not across_processes and not second_parser"
    " and not every_saved_query_has_a_question and not contradictions_list_umansky"
    " and not edited_annotation_is_seen and not validate_checks_whatever",
    "network": " and not cli_",  # the CLI's network commands run in a subprocess
    "server/app": _NO_OXIGRAPH_FOLDER,
    "server/workers": _NO_OXIGRAPH_FOLDER,
    "server/pool": _NO_OXIGRAPH_FOLDER,
    "server/lanes": _NO_OXIGRAPH_FOLDER,
    "server/supervisor": _NO_OXIGRAPH_FOLDER,
}


def mutmut_settings(module: str, tests: list[str]) -> str:
    deselect = DESELECT + DESELECT_BY_MODULE.get(module, "")
    quoted = lambda items: ", ".join(json.dumps(i) for i in items)  # noqa: E731
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/serge_graph"]\n'
        f"only_mutate = [{json.dumps(module_files(module))}]\n"
        'also_copy = ["data", "ontology", "queries"]\n'
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q", "-o", "addopts=", '
        f'"-k", {json.dumps(deselect)}]\n'
        f"pytest_add_cli_args_test_selection = [{quoted(tests)}]\n"
    )


def fast_tests(module: str) -> list[str]:
    """A module's fast tests; a file of a subpackage (annotations/claims) takes the package's."""
    package = module.split("/")[0]
    if module not in FAST_TESTS and package in FAST_TESTS and module_files(module).endswith(".py"):
        return FAST_TESTS[package]
    return FAST_TESTS[module]


def known(module: str) -> bool:
    try:
        fast_tests(module)
    except KeyError:
        return False
    return (ROOT / module_files(module).split("*")[0]).exists()


def module_files(module: str) -> str:
    """The glob of a module's files: one file, or every file of a subpackage."""
    if (ROOT / "src" / "serge_graph" / module).is_dir():
        return f"src/serge_graph/{module}/*.py"
    return f"src/serge_graph/{module}.py"


def sample_pattern(digits: str | None) -> str:
    """The mutants run: all, or those whose number ends in one of the digits (a spread sample:
    every function keeps some of its mutants; "147" runs about 3 in 10)."""
    return f"*__mutmut_*[{digits}]" if digits else "*"


def run_module(
    module: str, jobs: int, sample: str | None = None, names: list[str] | None = None
) -> dict:
    """Run mutmut on one module: every mutant, a sample, or the named mutants only."""
    chosen = names or [sample_pattern(sample)]
    with tempfile.TemporaryDirectory(prefix=f"mutation-{module.replace('/', '-')}-") as scratch:
        work = Path(scratch)
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, work / name)
        pyproject = work / "pyproject.toml"
        tests = [t for t in fast_tests(module) if (work / t).is_file()]
        pyproject.write_text(pyproject.read_text() + mutmut_settings(module, tests))
        mutmut = Path(sys.executable).with_name("mutmut")
        began = time.monotonic()
        done = subprocess.run(
            [str(mutmut), "run", "--max-children", str(jobs)] + (chosen if chosen != ["*"] else []),
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, "SERGE_GRAPH_HYPOTHESIS_PROFILE": "mutation"},
        )
        seconds = time.monotonic() - began
        if done.returncode != 0:
            raise SystemExit(f"mutmut failed on {module}:\n{done.stderr[-3000:]}")
        listed = subprocess.run(
            [str(mutmut), "results", "--all", "true"],
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        status = {
            name.strip(): state.strip()
            for name, _, state in (line.rpartition(":") for line in listed.splitlines())
            if name.strip() and any(fnmatch.fnmatch(name.strip(), c) for c in chosen)
        }
        survivors = {
            name: changed_lines(mutmut, work, name)
            for name in sorted(n for n, s in status.items() if s in ("survived", "no tests"))
        }
    counts = Counter(status.values())
    total = len(status)
    caught = counts["killed"] + counts["timeout"]
    return {
        "module": module,
        "tests": tests,
        "sample": f"mutants numbered …{'/'.join(sample)} only" if sample else "every mutant",
        "mutants": total,
        "killed": counts["killed"],
        "timeout": counts["timeout"],
        "survived": counts["survived"],
        "no_tests": counts["no tests"],
        "other": total - caught - counts["survived"] - counts["no tests"],
        "score": round(caught / total, 3) if total else None,
        "seconds": round(seconds),
        "seconds_per_mutant": round(seconds / max(total, 1), 2),
        "jobs": jobs,
        "date": time.strftime("%Y-%m-%d"),
        "surviving": survivors,
    }


def recheck(module: str, jobs: int, results: dict) -> dict:
    """The last run of a module, its survivors run again against the tests as they are now."""
    last = next(r for r in results["modules"] if r["module"] == module)
    again = run_module(module, jobs, names=sorted(last["surviving"]))
    newly_caught = again["killed"] + again["timeout"]
    row = {
        **last,
        "killed": last["killed"] + again["killed"],
        "timeout": last["timeout"] + again["timeout"],
        "survived": again["survived"],
        "no_tests": again["no_tests"],
        "score": round((last["killed"] + last["timeout"] + newly_caught) / last["mutants"], 3),
        "tests": again["tests"],
        "surviving": again["surviving"],
        "rechecked": f"{len(last['surviving'])} survivors run again on {again['date']} "
        f"({again['seconds']} s): {newly_caught} caught",
    }
    return row


def changed_lines(mutmut: Path, work: Path, name: str) -> list[str]:
    """The lines a mutant removes and adds, for judging whether it is equivalent."""
    shown = subprocess.run(
        [str(mutmut), "show", name], cwd=work, capture_output=True, text=True
    ).stdout
    return [line for line in shown.splitlines() if line[:2] in ("- ", "+ ")]


def function_of(mutant: str) -> str:
    """serge_graph.x_fold__mutmut_3 -> fold; …xǁSourceǁfind__mutmut_7 -> Source.find."""
    name = mutant.rsplit(".", 1)[-1].rsplit("__mutmut_", 1)[0].removeprefix("x")
    if name.startswith("ǁ"):  # a method: xǁClassǁmethod
        return name[1:].replace("ǁ", ".")
    return name[1:]  # a function: x_name


def table(results: dict) -> str:
    lines = [
        "| module | mutants | killed | survived | no fast test reaches | score | time | date |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in sorted(results["modules"], key=lambda r: r["module"]):
        caught = row["killed"] + row["timeout"]
        sampled = row.get("sample", "every mutant") != "every mutant"
        notes = [f"sample: {row['sample']}"] if sampled else []
        notes += ["survivors rechecked after new tests"] if row.get("rechecked") else []
        notes += [row["note"]] if row.get("note") else []
        lines.append(
            f"| {row['module']}{' (' + '; '.join(notes) + ')' if notes else ''} | "
            f"{row['mutants']} | {caught} | {row['survived']} | "
            f"{row['no_tests']} | {row['score']:.0%} | "
            f"{row['seconds']} s ({row['seconds_per_mutant']} s/mutant, {row['jobs']} at once) | "
            f"{row.get('date', '2026-12-01')} |"
        )
        outside = row.get("out_of_process") or OUT_OF_PROCESS.get(row["module"])
        if outside:
            left_out = [m for m in row["surviving"] if function_of(m) in outside]
            scope = row["mutants"] - len(left_out)
            lines.append(
                f"| {row['module']} without {', '.join(outside)} | {scope} | {caught} | "
                f"{row['survived'] + row['no_tests'] - len(left_out)} | – | {caught / scope:.0%} | | |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "modules", nargs="*", help=f"some of {', '.join(FAST_TESTS)} (all when none)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (CPU cores)")
    parser.add_argument(
        "--sample",
        metavar="DIGITS",
        help="run only the mutants whose number ends in one of DIGITS (147: about 3 in 10)",
    )
    parser.add_argument(
        "--recheck",
        action="store_true",
        help="run again only the survivors of the last run (after new tests), and update it",
    )
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--table", type=Path, help="print the table of a results file (docs/tests.md)"
    )
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return
    unknown = [m for m in args.modules if not known(m)]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(FAST_TESTS)}")
    results = json.loads(args.out.read_text()) if args.out.is_file() else {"modules": []}
    for module in args.modules or list(FAST_TESTS):
        print(f"mutating {module} …", file=sys.stderr, flush=True)
        if args.recheck:
            row = recheck(module, args.jobs, results)
        else:
            row = run_module(module, args.jobs, args.sample)
        save_row(args.out, row, mutmut=mutmut_version(), cpu_count=os.cpu_count())
        print(table({"modules": [row]}), file=sys.stderr, flush=True)


def save_row(out: Path, row: dict, **about) -> dict:
    """Put one module's row into the results file as it is now on disk: a run of another
    module that ended meanwhile keeps its row. `about` notes the run (mutmut's version, cores)."""
    results = json.loads(out.read_text()) if out.is_file() else {"modules": []}
    results["modules"] = [r for r in results["modules"] if r["module"] != row["module"]] + [row]
    results.update(about)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    write_atomically(out, text.encode("utf-8"))
    return results


def mutmut_version() -> str:
    mutmut = Path(sys.executable).with_name("mutmut")
    return subprocess.run([str(mutmut), "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
