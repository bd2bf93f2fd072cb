"""Suggested annotations for a new source: mentions of the entities the graph knows,
candidate new entities, and dates, each located in the text for an annotator to confirm.

One module per concern: text (folding with offsets, sentences), lexicon (the rules'
words), mentions, candidates, dates, suggester (one pass putting them together),
writer (the draft YAML file and rows), evaluate (the measurements).
"""

from .suggester import SuggestedEntity, Suggester, Suggestions

__all__ = ["SuggestedEntity", "Suggester", "Suggestions"]
