"""Time: the truthy rank of each subject and relation, and the bounds inferred for the events
the text does not date (from a date of general knowledge, or during, after, before or part of
another event, through chains)."""

from __future__ import annotations

from ..model import Annotations, Claim

_RANK_ORDER = ("preferred", "normal", "deprecated")
_TEMPORAL = ("during", "after", "before")


def truthy_ranks(claims) -> dict[tuple[str, str], str]:
    """The best rank among the claims on each subject and relation, as in Wikidata's truthy
    view: only claims of that rank (never deprecated ones) become plain triples."""
    best: dict[tuple[str, str], str] = {}
    for claim in claims:
        key = (claim.subject, claim.relation)
        if key not in best or _RANK_ORDER.index(claim.rank) < _RANK_ORDER.index(best[key]):
            best[key] = claim.rank
    return best


Bounds = tuple  # (earliest date or None, latest date or None, ids of the claims they rest on)


def event_bounds(annotations: Annotations, best_rank: dict) -> dict[str, Bounds]:
    """The inferred bounds of every event the text does not date (see derived_bounds)."""
    truthy = [
        c
        for c in annotations.claims
        if c.rank != "deprecated" and c.rank == best_rank[(c.subject, c.relation)]
    ]
    dated: dict[str, Bounds] = {}
    for claim in truthy:
        if claim.relation == "date" and not claim.general_knowledge_date:
            # witnesses who date it differently: the bounds span their dates
            first, last, ids = dated.get(
                claim.subject, (claim.value.earliest, claim.value.latest, ())
            )
            span = (min(first, claim.value.earliest), max(last, claim.value.latest))
            dated[claim.subject] = (*span, (*ids, claim.id))
    known = {
        c.subject: (c.value.earliest, c.value.latest, (c.id,))
        for c in truthy
        if c.general_knowledge_date and c.subject not in dated
    }
    relative = [c for c in truthy if _places_in_time(c, annotations.events)]
    derived: dict[str, Bounds] = {}
    for _round in range(len(relative) + 1):  # a chain is at most this long
        anchors = {**derived, **known, **dated}
        found: dict[str, Bounds] = {}
        for claim in relative:
            if claim.subject in dated or claim.subject in known or claim.object not in anchors:
                continue
            found[claim.subject] = _narrowed(found.get(claim.subject), claim, anchors[claim.object])
        if found == derived:
            break
        derived = found
    return {**known, **derived}


def _places_in_time(claim: Claim, events: dict) -> bool:
    """A claim that places an event in time against another: during, after, before, or
    part of another event (a part happens during the whole)."""
    if claim.relation in _TEMPORAL:
        return True
    return claim.relation == "partOf" and claim.subject in events and claim.object in events


def _narrowed(bounds: Bounds | None, claim: Claim, anchor: Bounds) -> Bounds:
    """The bounds of claim's subject narrowed by one more relation to a bounded anchor.
    'After' keeps the anchor's earliest day and 'before' its latest, which holds whether the
    words mean the anchor's start or its end."""
    earliest, latest, sources = bounds or (None, None, ())
    other_earliest, other_latest, other_sources = anchor
    if claim.relation in ("during", "after", "partOf") and other_earliest is not None:
        earliest = max(filter(None, (earliest, other_earliest)))
    if claim.relation in ("during", "before", "partOf") and other_latest is not None:
        latest = min(filter(None, (latest, other_latest)))
    new = tuple(s for s in (claim.id, *other_sources) if s not in sources)
    return earliest, latest, (*sources, *new)
