"""Measure `suggest`: the time to suggest annotations for a text of about 30,000 characters.

    python benchmarks/suggest.py [--runs 5]

Three texts, each timed as `serge-graph suggest` runs it after the corpus is read: the
article itself (29,097 characters, every entity known), the Spanish test text repeated to
30,000 characters, and the leave-one-part-out evaluation on the article (five suggesters,
one a part). Prints the median and the slowest of the runs, wall and CPU, the per-part
figures of the evaluation, and the figures per language on the texts written here
(tests/data/written-here, against their gold: the tables in docs/annotations.md).
The first suggestion in a process reads GeoNames' cities file (17 MB) once: the first run
of each case includes it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from serge_graph.build import load_corpus
from serge_graph.source import Source
from serge_graph.suggest import Suggester, draft_yaml, evaluate_source, measure_written_text

SPANISH = Path(__file__).resolve().parents[1] / "tests" / "data" / "second-source"
WRITTEN = SPANISH.parent / "written-here"


def _timed(step) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    corpus = load_corpus()
    annotations = corpus.annotations
    ignored = [i.name for i in annotations.ignored]
    article = next(iter(corpus.sources.values()))
    paragraph = (SPANISH / "serge-gorkin-mexico-es.txt").read_text(encoding="utf-8")
    long_text = ("\n\n".join([paragraph] * (30_000 // len(paragraph) + 1)))[:30_000]
    spanish = Source("spanish-x", long_text, {}, SPANISH / "x.txt")

    def suggest_and_write(source: Source) -> None:
        suggester = Suggester(
            annotations.entities.values(), ignored, events=annotations.events.values()
        )
        draft_yaml(suggester.suggest(source.id, source.text), source, "en")

    cases = {
        f"article ({len(article.text):,} characters), suggest + draft YAML": lambda: (
            suggest_and_write(article)
        ),
        f"Spanish text x{30_000 // len(paragraph) + 1} ({len(long_text):,} characters)": lambda: (
            suggest_and_write(spanish)
        ),
        "leave-one-part-out evaluation on the article": lambda: evaluate_source(corpus),
    }
    print("| text | wall s (median) | wall s (slowest) | CPU s (median) |")
    print("|---|---|---|---|")
    for name, step in cases.items():
        times = [_timed(step) for _ in range(runs)]
        walls, cpus = [t[0] for t in times], [t[1] for t in times]
        print(
            f"| {name} | {statistics.median(walls):.2f} | {max(walls):.2f} | "
            f"{statistics.median(cpus):.2f} |"
        )
    print()
    rows = [s.row() for s in evaluate_source(corpus)]
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")
    print()
    figures = [measure_written_text(corpus, p).row() for p in sorted(WRITTEN.glob("*.gold.yaml"))]
    print("| " + " | ".join(figures[0]) + " |")
    print("|" + "---|" * len(figures[0]))
    for row in figures:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
