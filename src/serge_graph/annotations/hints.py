"""Hints for problems: did you mean, the nearest passage, a shortened quote."""

from __future__ import annotations

import difflib

from ..source import Source


def shorten(text: str, limit: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[w] for w in difflib.get_close_matches(str(word).lower(), lowered, n=3)]
    return "did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def nearest_hint(sources: dict[str, Source], quote: str) -> str:
    passages = [s.nearest_passage(quote) for s in sources.values()]
    passages = [p for p in passages if p]
    return "nearest passage: " + passages[0] if passages else "no similar passage in the text"


def top_hint() -> str:
    return "a file holds the lists entities:, events: and claims: (see docs/annotations.md)"
