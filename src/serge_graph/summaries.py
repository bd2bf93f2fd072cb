"""Whole-graph answers kept beside a persistent Oxigraph folder.

A few saved questions visit every claim, quote or mention of the graph (counts by
speaker or certainty, every quoted speech, every pair of claims two sources give
differently). In memory they stay linear, but in the folder every index lookup
costs more once the data outgrows the caches: at a thousand sources they took
minutes. A saved query whose file says so (a comment line beginning with MARK) is
therefore answered once, by the live query, when the folder is filled, and its
answer kept beside the folder as SPARQL JSON results; later the same text (to the
whitespace) is answered from that file, by the command line and by the endpoint's
workers alike.

An answer is tied to the data by the folder's fingerprint and to the question by a
hash of its text: new data makes every answer again, an edited query runs live
until its answer is made again, and any other text always runs live.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .prefixes import PREFIX_IRIS
from .stores import data_fingerprint as fingerprint

if TYPE_CHECKING:
    import pyoxigraph

    from .queries import SavedQuery

MARK = "# whole graph:"
_SUMMARIES_SUFFIX = ".summaries"
_INDEX = "index.json"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Summary:
    name: str
    file: Path
    rows: int
    seconds: float  # what the live query took when the answer was made
    cpu_seconds: float = 0.0  # and of the processor's time (the evaluator runs in-process)


def is_summarised(query: SavedQuery) -> bool:
    """Whether a saved query asks to be kept with a persistent folder (a line starting MARK)."""
    return any(line.startswith(MARK) for line in query.text.splitlines())


def summarised(queries: Iterable[SavedQuery]) -> list[SavedQuery]:
    return [query for query in queries if is_summarised(query)]


def key_of(text: str) -> str:
    """The question's key: its text with every run of whitespace made one space."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def folder_of(store_folder: Path | str) -> Path:
    store_folder = Path(store_folder)
    return store_folder.with_name(store_folder.name + _SUMMARIES_SUFFIX)


def forget(store_folder: Path | str) -> None:
    """No answers for this folder (its data is about to change)."""
    shutil.rmtree(folder_of(store_folder), ignore_errors=True)


def kept(store_folder: Path | str) -> dict[str, Summary]:
    """The answers kept for the folder's current data, by key; {} when none or stale."""
    index = _read_index(store_folder)
    if index is None:
        return {}
    where = folder_of(store_folder)
    return {
        key: Summary(
            entry["name"],
            where / entry["file"],
            entry["rows"],
            entry["seconds"],
            entry.get("cpu_seconds", 0.0),
        )
        for key, entry in index["answers"].items()
        if (where / entry["file"]).is_file()
    }


def answer_for(store_folder: Path | str, text: str) -> Summary | None:
    """The kept answer to this text on this folder's data, or None (then the query runs live)."""
    return kept(store_folder).get(key_of(text))


def ensure(
    store_folder: Path | str,
    queries: Iterable[SavedQuery],
    progress: Progress | None = None,
    file: Path | str | None = None,
) -> dict[str, Summary]:
    """Make, with the live query, every marked question's answer the folder lacks for its data.

    Answers already kept for the same data and the same text are left as they are; a
    change of data throws away every answer first. Each file is written whole before it
    is listed in the index, and the index is replaced in one step, so a reader sees the
    old set or the new one. `file` is the N-Triples the folder was filled from: when the
    machine has the memory, the questions run on it loaded in memory, where Oxigraph
    answers them ten times faster than in the folder (the same rows: the same data).
    """
    store_folder = Path(store_folder)
    data = fingerprint(store_folder)
    if data is None:  # a folder still being filled has no answers yet
        return {}
    index = _read_index(store_folder) or {"data": data, "answers": {}}
    if index["data"] != data:
        forget(store_folder)
        index = {"data": data, "answers": {}}
    wanted = {key_of(q.text): q for q in summarised(queries)}
    missing = [(key, q) for key, q in wanted.items() if key not in kept(store_folder)]
    if missing:
        store = _answering_store(store_folder, file, progress)
        where = folder_of(store_folder)
        where.mkdir(parents=True, exist_ok=True)
        for number, (key, query) in enumerate(missing, 1):
            if progress:
                progress(
                    f"keeping the answer to {query.name} with the store ({number} of {len(missing)})"
                )
            index["answers"][key] = _answer(store, query, where)
            _write_atomically(where / _INDEX, json.dumps(index, indent=1).encode("utf-8"))
    return kept(store_folder)


def _answer(store: pyoxigraph.Store, query: SavedQuery, where: Path) -> dict:
    import pyoxigraph

    started, cpu = time.perf_counter(), time.process_time()
    result = store.query(query.text, prefixes=PREFIX_IRIS, use_default_graph_as_union=True)
    body = result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    file = f"{query.name}.srj"
    _write_atomically(where / file, body)
    rows = len(json.loads(body).get("results", {}).get("bindings", []))
    return {
        "name": query.name,
        "file": file,
        "rows": rows,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "made": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def solutions(summary: Summary) -> pyoxigraph.QuerySolutions:
    """The kept answer as the live query's solutions (same variables, terms and order)."""
    import pyoxigraph

    return pyoxigraph.parse_query_results(
        path=str(summary.file), format=pyoxigraph.QueryResultsFormat.JSON
    )


def _read_index(store_folder: Path | str) -> dict | None:
    data = fingerprint(store_folder)
    try:
        index = json.loads((folder_of(store_folder) / _INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data is None or not isinstance(index, dict) or index.get("data") != data:
        return None
    return index


# what a store in memory takes beside its file: 1.9 times the N-Triples at every size
# measured (docs/benchmarks.md), with a margin; Turtle says the same in fewer bytes
_MEMORY_PER_BYTE = {".nt": 2.5, ".ttl": 6.0}


def _answering_store(store_folder: Path, file, progress: Progress | None) -> pyoxigraph.Store:
    """The file loaded in memory when it fits in the memory available, else the folder."""
    import pyoxigraph

    from .stores import oxigraph_store

    if file is not None and _fits_in_memory(Path(file)):
        if progress:
            progress(f"loading {file} in memory to answer the whole-graph questions")
        return oxigraph_store(file)
    return pyoxigraph.Store.read_only(str(store_folder))


def _fits_in_memory(file: Path) -> bool:
    ratio = _MEMORY_PER_BYTE.get(file.suffix)
    try:
        needed = ratio * file.stat().st_size if ratio else None
    except OSError:
        return False
    return needed is not None and needed < available_memory()


def available_memory() -> int:
    """The memory the kernel says is available (MemAvailable), in bytes; 0 if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _write_atomically(path: Path, body: bytes) -> None:
    from .build import write_atomically  # the one atomic writer; rdflib only when answers are made

    write_atomically(path, body)
