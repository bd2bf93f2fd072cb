"""Synthetic corpora shaped like the real one: N copies of the annotated article.

Copy k keeps the real text, parts and paragraphs under a new source id, and
every entity, event, claim, evidence span and mention with its id suffixed,
so a corpus of N copies has exactly N times the entities, events, claims,
evidence and mentions of the article, in the same mix, and N disjoint
neighbourhoods (as N articles about different people would). With --shared the
entities and events keep the article's ids: N sources about the same people, so
each entity collects N times its claims and mentions.

    python benchmarks/synthetic.py --copies 10 --out build/bench/x10.nt [--shared]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from serge_graph import api
from serge_graph.build import Corpus, build_ntriples
from serge_graph.model import Annotations, Claim, Entity, Event, Evidence, Mention
from serge_graph.source import Source


def synthetic_corpus(real: Corpus, copies: int, first: int = 1, shared: bool = False) -> Corpus:
    """The real corpus repeated `copies` times with disjoint ids (copies first, first + 1, ...).

    shared keeps the entities' and events' ids across copies: N sources telling the same
    story about the same people, so Victor Serge collects N times his claims and mentions
    (the sources, claims and evidence still get their own ids)."""
    sources, entities, events, claims, mentions = {}, {}, {}, [], []
    for copy in range(first, first + copies):
        suffix = "" if copy == 1 else f"-c{copy}"
        for source in real.sources.values():
            number = source.number + (copy - 1) * len(real.sources)
            twin = _source(source, suffix, shared, number)
            sources[twin.id] = twin
        rename = _renamer("" if shared else suffix)
        for entity in real.annotations.entities.values():
            corrections = tuple(
                dataclasses.replace(c, speaker=rename(c.speaker)) for c in entity.corrections
            )
            entities[rename(entity.id)] = dataclasses.replace(
                entity, id=rename(entity.id), corrections=corrections
            )
        for event in real.annotations.events.values():
            twin = _event(event, entities[rename(event.id)], rename, suffix)
            events[twin.id] = _merged(events[twin.id], twin) if twin.id in events else twin
        claims += [_claim(claim, rename, suffix) for claim in real.annotations.claims]
        mentions += [
            Mention(rename(m.entity), _span(m.span, suffix)) for m in real.annotations.mentions
        ]
    annotations = Annotations(entities, events, tuple(claims), tuple(mentions))
    # the places' points (data/coordinates.yaml) and the links out (data/links.yaml) name the
    # real ids: copies carry none, so that
    # every kind of node multiplies with the copies and a batch of later copies builds alone
    # (with shared ids the entities and events are the article's: only the claims, the
    # evidence and the mentions multiply)
    paths = dataclasses.replace(real.paths, data=real.paths.data / "no-coordinates")
    return Corpus(paths, sources, real.vocabulary, annotations)


def _renamer(suffix: str):
    return lambda old: old + suffix if old else old


def _source(source: Source, suffix: str, shared: bool, number: int) -> Source:
    metadata = dict(source.metadata)
    named = "" if shared else suffix  # the speakers and authors are entities
    metadata["parts"] = [{**part, "speaker": part["speaker"] + named} for part in metadata["parts"]]
    for key in ("author", "translator"):
        if metadata.get(key):
            metadata[key] = metadata[key] + named
    return Source(source.id + suffix, source.text, metadata, source.path, number)


def _span(span, suffix):
    return dataclasses.replace(span, source=span.source + suffix)


def _evidence(evidence: tuple[Evidence, ...], suffix: str) -> tuple[Evidence, ...]:
    return tuple(dataclasses.replace(e, span=_span(e.span, suffix)) for e in evidence)


def _event(event: Event, entity: Entity, rename, suffix: str) -> Event:
    participants = tuple(
        dataclasses.replace(p, entity=rename(p.entity), evidence=_evidence(p.evidence, suffix))
        for p in event.participants
    )
    return dataclasses.replace(
        event,
        entity=entity,
        place=rename(event.place),
        participants=participants,
        evidence=_evidence(event.evidence, suffix),
    )


def _merged(held: Event, twin: Event) -> Event:
    """One event told by two sources (shared ids): each participant and the event itself
    carry the evidence of both."""
    more = {(p.entity, p.role): p.evidence for p in twin.participants}
    participants = tuple(
        dataclasses.replace(p, evidence=p.evidence + more.get((p.entity, p.role), ()))
        for p in held.participants
    )
    return dataclasses.replace(
        held, participants=participants, evidence=held.evidence + twin.evidence
    )


def _claim(claim: Claim, rename, suffix: str) -> Claim:
    is_class = claim.relation == "type"
    return dataclasses.replace(
        claim,
        id=claim.id + suffix,
        subject=rename(claim.subject),
        object=claim.object if is_class else rename(claim.object),
        speaker=rename(claim.speaker),
        reported_by=rename(claim.reported_by),
        quoted_from=rename(claim.quoted_from),
        evidence=_evidence(claim.evidence, suffix),
        corrects=claim.corrects and claim.corrects + suffix,
        about=tuple((link, target + suffix) for link, target in claim.about),
        spoken_at=rename(claim.spoken_at),
    )


def write_streaming(
    real: Corpus, copies: int, out: Path, batch: int = 10, progress=None, shared: bool = False
) -> int:
    """Build `copies` copies a batch at a time and append each batch's N-Triples to `out`.

    Each batch goes straight to N-Triples (build.build_ntriples, no rdflib
    Graph). Copies share no node but the ontology's, so the union of the
    batches is the graph of the whole corpus, while memory stays that of one
    batch; the few triples every batch repeats are written again and merged by
    the store (with shared ids, the entities' and events' own triples too; an event's
    participants then carry the evidence of their batch only). Returns the number of lines written; the file appears only when complete.
    """
    partial = out.with_name(out.name + ".partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    lines = 0
    with partial.open("wb") as sink:
        for first in range(1, copies + 1, batch):
            size = min(batch, copies + 1 - first)
            written = build_ntriples(synthetic_corpus(real, size, first, shared))
            sink.write(written)
            lines += written.count(b"\n")
            del written  # else the next batch is built while this one is still held
            if progress:
                progress(first + batch - 1)
    partial.replace(out)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True, help="N-Triples file to write")
    parser.add_argument(
        "--shared", action="store_true", help="keep the entities' ids across copies"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    written = write_streaming(api.load_corpus(), args.copies, args.out, shared=args.shared)
    print(
        f"{written} lines in {time.perf_counter() - started:.1f} s -> {args.out}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
