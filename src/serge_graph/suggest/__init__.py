"""Suggested annotations for a new source: mentions of the entities the graph knows,
candidate new entities, and dates, each located in the text for an annotator to confirm.

One module per concern: text (folding with offsets, sentences), lexicon (the rules'
words), mentions, candidates, crosslingual (names word by word in another language),
gazetteer (places by any of their names, from GeoNames), translit (transcriptions, spelt
acronyms), othernames (known entities under those other names), dates, tellings (what the
text says happened, matched to the known events), suggester (one pass putting them
together), writer (the draft YAML file and rows), evaluate (leave one part out) and
measure (against the gold of a text written here). Plain rules, no NLP model: see
docs/annotations.md on drafts for why and for the figures.
"""

from __future__ import annotations

from pathlib import Path

from ..annotations.claims import EVENT_FIELDS
from ..annotations.hints import did_you_mean
from ..build import Corpus
from ..errors import SourceError
from ..source import Source
from .evaluate import Score, leave_one_part_out
from .measure import Figures, measure, read_gold
from .suggester import SuggestedEntity, Suggester, Suggestions
from .tellings import groups_of
from .writer import Row, draft_yaml, rows

__all__ = [
    "Figures",
    "Row",
    "Score",
    "SuggestedEntity",
    "Suggester",
    "Suggestions",
    "draft_for",
    "draft_yaml",
    "evaluate_source",
    "evaluation_table",
    "measure_written_text",
    "rows",
    "suggest_source",
    "suggestion_table",
]


def corpus_source(corpus: Corpus, source_id: str | None) -> Source:
    """A source of the corpus by id (the first one when none is named)."""
    if source_id is None:
        return next(iter(corpus.sources.values()))
    if source_id not in corpus.sources:
        hint = did_you_mean(source_id, corpus.sources) or "sources: " + ", ".join(corpus.sources)
        raise SourceError(f"unknown source {source_id!r}; {hint}")
    return corpus.sources[source_id]


def suggest_source(corpus: Corpus, source_id: str) -> tuple[Source, Suggestions]:
    """Suggestions for a whole source, from every entity and ignored word the corpus has."""
    source = corpus_source(corpus, source_id)
    return source, suggester_for(corpus.annotations).suggest(source.id, source.text)


def suggester_for(annotations) -> Suggester:
    """The suggester of the whole graph: every entity, ignored word, event and membership."""
    return Suggester(
        annotations.entities.values(),
        [i.name for i in annotations.ignored],
        events=annotations.events.values(),
        groups=groups_of(annotations.claims),
    )


def measure_written_text(corpus: Corpus, gold_path) -> Figures:
    """The figures of the suggester on a text the corpus has never seen, against its gold
    (see measure.py): what the whole graph knows is known."""
    gold = read_gold(Path(gold_path))
    suggester = suggester_for(corpus.annotations)
    return measure(suggester.suggest(gold.path.stem, gold.text), gold)


def evaluate_source(corpus: Corpus, source_id: str | None = None) -> list[Score]:
    """Leave one part out on an annotated source (the first by default): one score a part,
    what the other parts and the other sources mention being known."""
    source = corpus_source(corpus, source_id)
    ignored = [i.name for i in corpus.annotations.ignored]
    others = [s for s in corpus.sources.values() if s.id != source.id]
    return leave_one_part_out(source, corpus.annotations, ignored, others)


def draft_for(corpus: Corpus, source_id: str) -> str:
    """The draft annotation file of a source, in the source's language."""
    source, suggestions = suggest_source(corpus, source_id)
    language = str(source.metadata.get("language") or "")
    # a claim on an event may give its date, place or a participant's role (annotations/claims)
    told = [*corpus.vocabulary.relations, *EVENT_FIELDS, *corpus.vocabulary.roles]
    return draft_yaml(suggestions, source, language, told)


def suggestion_table(corpus: Corpus, source_id: str) -> tuple[list[str], list[list[str]]]:
    """The suggestions of a source as columns and rows of strings."""
    _source, suggestions = suggest_source(corpus, source_id)
    columns = ["kind", "quote", "start", "end", "value", "sentence"]
    return columns, [
        [r.kind, r.quote, str(r.start), str(r.end), r.value, r.sentence] for r in rows(suggestions)
    ]


def evaluation_table(
    corpus: Corpus, source_id: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """The leave-one-part-out figures of a source as columns and rows of strings."""
    scores = [s.row() for s in evaluate_source(corpus, source_id)]
    columns = list(scores[0]) if scores else ["part"]
    return columns, [[str(v) for v in score.values()] for score in scores]
