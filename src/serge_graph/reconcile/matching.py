"""Scoring the index's entities against one reconciliation query.

A name is compared folded (no case, no accents, no punctuation: `index.fold_name`), word by
word: a word of the query matches a word of a name when it is the same, or within a small
edit distance (one edit in a word of 4 to 7 letters, two from 8: Umanski, Oumansky for Umansky).
A name's score (0 to 100) weighs how much of the query it covers (0.6) and how much of the name
the query covers (0.4); only the exact name scores 100. An entity's name score is that of its
best name. Candidates come from the words of the query (an index from word to entity), so a
query costs in proportion to its words and the index's vocabulary, never to a cross product.

The types given filter the candidates (type_strict "any", the default: any of them; "all": every
one; "should": no filter, a candidate of a type given scores 10 more, up to 100). The graph holds
every superclass of an entity's class, so asking for Place finds a city. Properties raise the
score: with properties, the score is 0.8 of the name score plus 20 times the share of the
properties that match; with properties alone (no query), the share of them that match.

`match` is true only for an exact name (any of the entity's names) that no other candidate of
the types asked for shares, with no property given that contradicts it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..namespaces import ID
from .index import Candidate, ReconcileIndex, fold_name, words_of

EXACT = 100.0
NEAR_CAP = 95.0  # the best a name that is not exact can score
HIDDEN_SHARE = 0.6  # of a name's score, for a hidden name
SIMILAR_KEPT = 50_000  # query words whose close words a worker keeps


@dataclass(frozen=True)
class Query:
    text: str  # may be empty when properties are given
    types: tuple[str, ...] = ()
    type_strict: str = "any"
    limit: int = 5
    properties: tuple[tuple[str, tuple], ...] = ()  # (pid, values)


def allowed_edits(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def edit_distance(a: str, b: str, most: int) -> int | None:
    """Levenshtein distance of a and b if it is at most `most`, else None (banded: cheap).

    >>> edit_distance("umanski", "umansky", 1), edit_distance("oumansky", "umansky", 1)
    (1, 1)
    >>> edit_distance("serge", "sergei", 0) is None
    True
    """
    if abs(len(a) - len(b)) > most:
        return None
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        low = max(1, i - most)
        high = min(len(b), i + most)
        if low > 1:
            current[low - 1] = most + 1
        for j in range(low, high + 1):
            cost = 0 if ca == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if high < len(b):
            current[high + 1 :] = [most + 1] * (len(b) - high)
        if min(current[low - 1 : high + 1]) > most:
            return None
        previous = current
    return previous[-1] if previous[-1] <= most else None


def word_similarity(word: str, index: ReconcileIndex) -> dict[str, float]:
    """The index's words close to `word`, with their similarity (1 for the same word); only
    words of a length within the edits allowed are compared, and each word once per index."""
    known = index.similar.get(word)
    if known is not None:
        return known
    most = allowed_edits(word)
    found = {}
    for length in range(len(word) - most, len(word) + most + 1):
        for other in index.by_length.get(length, ()):
            distance = edit_distance(word, other, most)
            if distance is not None:
                found[other] = 1.0 - distance / max(len(word), len(other))
    if len(index.similar) < SIMILAR_KEPT:
        index.similar[word] = found
    return found


def name_score(
    query_words: tuple[str, ...], close: dict[str, dict[str, float]], folded: str
) -> float:
    """How well a folded name matches the query's words (0–100; 100 only if they are equal)."""
    if " ".join(query_words) == folded:
        return EXACT
    name_words = words_of(folded)
    if not name_words or not query_words:
        return 0.0
    used: set[int] = set()
    covered = 0.0
    for word in query_words:
        best, best_at = 0.0, None
        for at, name_word in enumerate(name_words):
            similarity = close.get(word, {}).get(name_word, 0.0)
            if at not in used and similarity > best:
                best, best_at = similarity, at
        if best_at is not None:
            used.add(best_at)
            covered += best
    of_query = covered / len(query_words)
    of_name = covered / len(name_words)
    return round(min(NEAR_CAP, NEAR_CAP * (0.6 * of_query + 0.4 * of_name)), 1)


def candidates_of(index: ReconcileIndex, query: Query) -> list[dict]:
    """The query's scored candidates, best first, at most query.limit of them."""
    folded = fold_name(query.text)
    identifier = query.text.removeprefix(str(ID))  # an id, or the IRI, finds its entity
    words = words_of(folded) if folded else ()
    # the query whole, folded, is also compared to the names whole (small words and all)
    close = {word: word_similarity(word, index) for word in set(words)}
    if folded:
        ids = set(index.by_form.get(folded, set()))
        for similar in close.values():
            for word in similar:
                ids |= index.by_word[word]
        if identifier in index.candidates:
            ids.add(identifier)
    else:
        ids = set(index.candidates)
    ids = {i for i in ids if _type_fits(index.candidates[i], query)}
    scored = []
    for candidate_id in ids:
        candidate = index.candidates[candidate_id]
        best, exact = _best_name(candidate, words, close, folded, identifier)
        matched, contradicted = _properties(index, candidate, query.properties)
        if query.properties:
            share = matched / len(query.properties)
            score = 0.8 * best + 20 * share if folded else 100 * share
        else:
            score = best
        if query.type_strict == "should" and set(query.types) & candidate.types:
            score = min(100.0, score + 10)
        if score > 0:
            scored.append((round(score, 1), exact, contradicted, best, candidate))
    exact_ids = [c.id for _s, exact, _c, _b, c in scored if exact]
    results = []
    for score, exact, contradicted, best, candidate in sorted(
        scored, key=lambda s: (-s[0], s[4].name.casefold(), s[4].id)
    )[: query.limit]:
        results.append(
            {
                "id": candidate.id,
                "name": candidate.name,
                "type": [
                    {"id": t, "name": index.types[t].name} for t in index.narrowest(candidate)
                ],
                "score": score,
                "match": exact and len(exact_ids) == 1 and not contradicted,
                "description": _description(candidate),
                "features": [{"id": "name", "value": best}],
            }
        )
    return results


def _best_name(
    candidate: Candidate, words, close, folded: str, identifier: str
) -> tuple[float, bool]:
    """The candidate's best name score for the query, and whether a name is the query exactly.
    A hidden name (words the text uses for it, as "the war", never shown as its name) counts
    at most HIDDEN_SHARE of a name, and never as exact."""
    if identifier == candidate.id:
        return EXACT, True
    best = 0.0
    for form in candidate.forms:
        hidden = form.kind == "hidden"
        if form.folded == folded and not hidden:
            return EXACT, True
        score = EXACT if form.folded == folded else name_score(words, close, form.folded)
        best = max(best, round(score * HIDDEN_SHARE, 1) if hidden else score)
    return best, False


def _type_fits(candidate: Candidate, query: Query) -> bool:
    if not query.types or query.type_strict == "should":
        return True
    if query.type_strict == "all":
        return set(query.types) <= candidate.types
    return bool(set(query.types) & candidate.types)


def _properties(index: ReconcileIndex, candidate: Candidate, properties) -> tuple[int, bool]:
    """How many of the properties given match the candidate, and whether one contradicts it
    (the candidate has a value for it, and none is one given)."""
    matched, contradicted = 0, False
    for pid, values in properties:
        if pid == "relation":
            hit = any(_names_linked(index, candidate, value) for value in values)
            have = bool(candidate.linked)
        elif pid in ("birthDate", "deathDate"):
            years = {v[:4] for v in candidate.values.get(pid, [])}
            hit = any(str(value).strip()[:4] in years for value in values)
            have = bool(years)
        else:
            held = [fold_name(v) for v in candidate.values.get(pid, [])]
            hit = any(
                fold_name(str(value)) and fold_name(str(value)) in h
                for value in values
                for h in held
            )
            have = bool(held)
        matched += hit
        contradicted |= have and not hit
    return matched, contradicted


def _names_linked(index: ReconcileIndex, candidate: Candidate, value) -> bool:
    """Whether `value` (an entity id, or a name) is one of the entities linked to the candidate."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    value = str(value)
    if value in candidate.linked:
        return True
    return bool(index.by_form.get(fold_name(value), set()) & candidate.linked)


def _description(candidate: Candidate) -> str:
    return (lifetime(candidate) + " " + candidate.description).strip()


def lifetime(candidate: Candidate) -> str:
    """(1902–1945), (born 1902), (died 1947) or nothing, at the text's precision."""
    born, died = (candidate.values.get(p, [""])[0] for p in ("birthDate", "deathDate"))
    if born and died:
        return f"({born}–{died})"
    return f"(born {born})" if born else f"(died {died})" if died else ""
