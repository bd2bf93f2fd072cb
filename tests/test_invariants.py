"""Invariants over the whole real graph: each rule holds for every item, and a failure names
the items that break it.

The checks read the built graph and the raw text files, and recompute what they compare
against by rules of their own (spans, paragraphs, date bounds, slugs), not by calling the
functions that built the graph.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import subprocess
import sys
from collections import defaultdict

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

from serge_graph.namespaces import BASE, ID, OA, SG
from serge_graph.places import GEO

# How much text a TextQuoteSelector keeps on each side of its exact words (fewer at the start
# or end of a paragraph: the context never crosses a paragraph boundary).
CONTEXT = 32
SLUG_TEXT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG = re.compile(f"^{SLUG_TEXT}$")
# A claim is named subject--relation--object (object: a slug, or a class for an event's type),
# with --2, --3 … on the second and later claims of the same triple.
CLAIM_ID = re.compile(
    f"^(?P<subject>{SLUG_TEXT})--[a-z][A-Za-z]*--(?:{SLUG_TEXT}|[A-Z][A-Za-z]*)(?:--[2-9]|--[1-9][0-9]+)?$"
)
ENTITY_SEGMENTS = {"person", "group", "org", "place", "work", "event"}
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def report(broken: list[str], rule: str, limit: int = 12) -> str:
    shown = "\n  ".join(broken[:limit])
    more = f"\n  … and {len(broken) - limit} more" if len(broken) > limit else ""
    return f"{len(broken)} broken: {rule}\n  {shown}{more}"


# --- the text -------------------------------------------------------------------


@pytest.fixture(scope="module")
def texts(graph, corpus) -> dict[URIRef, str]:
    """Each source node's text, read from its file (not through the Source class)."""
    by_node = {}
    for source_id, source in corpus.sources.items():
        by_node[ID[f"source/{source_id}"]] = source.path.read_bytes().decode("utf-8")
    assert set(by_node) == set(graph.subjects(RDF.type, SG.Source))
    return by_node


@pytest.fixture(scope="module")
def paragraphs(graph, texts) -> dict[URIRef, tuple[URIRef, int, int]]:
    """Each paragraph node -> (source node, start, end), found by its sg:text in the raw text."""
    found = {}
    for node in graph.subjects(RDF.type, SG.Paragraph):
        source = graph.value(node, URIRef("http://purl.org/dc/terms/isPartOf"))
        body = str(graph.value(node, SG.text))
        start = texts[source].find(body)
        found[node] = (source, start, start + len(body))
    return found


def test_paragraphs_are_the_blank_line_separated_blocks_of_the_text(graph, texts, paragraphs):
    """A paragraph is a maximal run of non-blank lines, stripped; together they are the text."""
    for source, text in texts.items():
        blocks = []
        for block in BLANK_LINE.split(text):
            if block.strip():
                blocks.append(block.strip())
        numbered = sorted(
            (int(graph.value(node, SG.paragraphNumber)), str(graph.value(node, SG.text)))
            for node, (owner, _s, _e) in paragraphs.items()
            if owner == source
        )
        assert [number for number, _ in numbered] == list(range(1, len(blocks) + 1))
        differing = [
            f"paragraph {number}: graph {body[:40]!r} vs text {block[:40]!r}"
            for (number, body), block in zip(numbered, blocks, strict=True)
            if body != block
        ]
        assert not differing, report(differing, "paragraph text differs from the text's block")
    missing = [str(node) for node, (_src, start, _end) in paragraphs.items() if start < 0]
    assert not missing, report(missing, "paragraph text not found in the source")


def anchors(graph: Graph, kind: URIRef):
    """Every annotation of a kind (sg:Evidence, sg:Mention) with its selectors' values."""
    for annotation in sorted(graph.subjects(RDF.type, kind)):
        target = graph.value(annotation, OA.hasTarget)
        quote = position = None
        for selector in graph.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                quote = selector
            if (selector, RDF.type, OA.TextPositionSelector) in graph:
                position = selector
        yield {
            "node": annotation,
            "source": graph.value(target, OA.hasSource),
            "exact": str(graph.value(quote, OA.exact)),
            "prefix": str(graph.value(quote, OA.prefix)),
            "suffix": str(graph.value(quote, OA.suffix)),
            "start": int(graph.value(position, OA.start)),
            "end": int(graph.value(position, OA.end)),
            "paragraph": graph.value(annotation, SG.inParagraph),
            "part": graph.value(annotation, SG.inPart),
        }


@pytest.mark.parametrize("kind", [SG.Evidence, SG.Mention], ids=["evidence", "mention"])
def test_every_anchor_selects_its_exact_words(graph, texts, kind):
    """text[start:end] == exact, in code points, end exclusive; the span is not empty."""
    broken, count = [], 0
    for anchor in anchors(graph, kind):
        count += 1
        text = texts[anchor["source"]]
        start, end = anchor["start"], anchor["end"]
        if not (0 <= start < end <= len(text)) or text[start:end] != anchor["exact"]:
            broken.append(
                f"{anchor['node']}: text[{start}:{end}] = {text[start:end]!r}, "
                f"oa:exact = {anchor['exact']!r}"
            )
    assert count > 300
    assert not broken, report(broken, "oa:exact is not text[oa:start:oa:end]")


@pytest.mark.parametrize("kind", [SG.Evidence, SG.Mention], ids=["evidence", "mention"])
def test_every_anchor_has_the_context_of_its_own_paragraph(graph, texts, paragraphs, kind):
    """prefix = the up to 32 characters right before, suffix = right after, both cut at the
    paragraph's edges; the span lies inside the paragraph named by sg:inParagraph."""
    broken = []
    for anchor in anchors(graph, kind):
        text = texts[anchor["source"]]
        source, p_start, p_end = paragraphs[anchor["paragraph"]]
        start, end = anchor["start"], anchor["end"]
        name = anchor["node"]
        if source != anchor["source"] or not (p_start <= start < end <= p_end):
            broken.append(f"{name}: [{start}, {end}) is not inside {anchor['paragraph']}")
            continue
        prefix = text[max(p_start, start - CONTEXT) : start]
        suffix = text[end : min(p_end, end + CONTEXT)]
        if anchor["prefix"] != prefix:
            broken.append(f"{name}: oa:prefix {anchor['prefix']!r}, the text has {prefix!r}")
        if anchor["suffix"] != suffix:
            broken.append(f"{name}: oa:suffix {anchor['suffix']!r}, the text has {suffix!r}")
    assert not broken, report(broken, "prefix/suffix are not the paragraph's text around")


@pytest.mark.parametrize("kind", [SG.Evidence, SG.Mention], ids=["evidence", "mention"])
def test_every_anchor_names_the_part_its_paragraph_is_in(graph, kind):
    broken = [
        f"{a['node']}: sg:inPart {a['part']}, its paragraph is in "
        f"{graph.value(a['paragraph'], SG.inPart)}"
        for a in anchors(graph, kind)
        if graph.value(a["paragraph"], SG.inPart) != a["part"]
    ]
    assert not broken, report(broken, "an anchor's part is not its paragraph's part")


def test_every_mention_is_a_name_or_alias_of_what_it_identifies(graph):
    """The exact words of a mention fold to a label or alias of its body."""
    broken = []
    for mention in anchors(graph, SG.Mention):
        body = graph.value(mention["node"], OA.hasBody)
        names = {fold_text(str(n)) for n in graph.objects(body, RDFS.label)}
        names |= {fold_text(str(n)) for n in graph.objects(body, URIRef(str(SKOS_ALT)))}
        if graph.value(mention["node"], SG.certainty) == SG.Implied:  # "the war": in context
            names = {fold_text(str(n)) for n in graph.objects(body, URIRef(str(SKOS_HIDDEN)))}
            if graph.value(mention["node"], SG.certaintyReason) is None:
                broken.append(f"{mention['node']}: implied, with no reason")
        if fold_text(mention["exact"]) not in names:
            broken.append(f"{mention['node']}: {mention['exact']!r} is not a name of {body}")
    assert not broken, report(broken, "a mention's words are not a name of its entity")


SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SKOS_HIDDEN = "http://www.w3.org/2004/02/skos/core#hiddenLabel"  # an implied name
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold_text(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


# --- claims and the plain triples -------------------------------------------------


def rank_of(graph: Graph, claim: URIRef) -> str:
    """normal, preferred or deprecated: sg:rank's local name (normal when absent)."""
    rank = graph.value(claim, SG.rank)
    if rank is None:
        return "normal"
    return re.split(r"[#/]", str(rank))[-1].lower().removesuffix("rank")  # sg:NormalRank


def claims(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef, object]]:
    return sorted(
        (claim, graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate), obj)
        for claim in set(graph.subjects(RDF.type, SG.Claim))
        for obj in [graph.value(claim, RDF.object)]
    )


def is_general_knowledge_date(graph: Graph, claim: URIRef) -> bool:
    """A date the text does not give, by general knowledge with a reference (not a correction)."""
    speaker = graph.value(claim, SG.speaker)
    return (
        graph.value(claim, RDF.predicate) in (SG.date, SG.dateText)
        and str(graph.value(speaker, RDFS.label)) == "general knowledge"
        and (claim, SG.corrects, None) not in graph
    )


def is_general_knowledge_point(graph: Graph, claim: URIRef) -> bool:
    """Where a place lies, by general knowledge with a reference (data/coordinates.yaml)."""
    speaker = graph.value(claim, SG.speaker)
    return (
        graph.value(claim, RDF.predicate) == GEO.hasGeometry
        and str(graph.value(speaker, RDFS.label)) == "general knowledge"
        and graph.value(claim, SG.reference) is not None
    )


def is_general_knowledge_with_reference(graph: Graph, claim: URIRef) -> bool:
    """A fact the text leaves unstated (the GPU's incorporation into the NKVD), by general
    knowledge with its reference."""
    speaker = graph.value(claim, SG.speaker)
    return (
        str(graph.value(speaker, RDFS.label)) == "general knowledge"
        and graph.value(claim, SG.reference) is not None
    )


def general_knowledge_date_problems(graph, claim, subject, obj) -> list[str]:
    """Its plain form is not sg:date (that is the text's) but the event's sg:earliest and
    sg:latest, inferred from this claim, with the bounds of the date it gives."""
    earliest, latest = bounds(str(obj))
    problems = []
    if (subject, SG.date, None) in graph or (subject, SG.dateText, None) in graph:
        problems.append(f"{claim}: {subject} carries a date as if the text gave it")
    if graph.value(claim, SG.certainty) != SG.Inferred or graph.value(claim, SG.reference) is None:
        problems.append(f"{claim}: a date from general knowledge is inferred, with a reference")
    if (subject, SG.boundsInferredFrom, claim) not in graph or [
        graph.value(subject, SG.earliest).toPython(),
        graph.value(subject, SG.latest).toPython(),
    ] != [earliest, latest]:
        problems.append(f"{claim}: {subject} lacks the bounds {earliest}..{latest} from it")
    return problems


def test_every_claim_has_its_plain_triple_per_the_truthy_rule(graph):
    """Truthy rule (as Wikidata): for each subject and predicate, the claims of the best rank
    present among the non-deprecated ones (preferred, else normal) are asserted as plain
    triples; a deprecated claim needs none. Today every claim is normal."""
    best: dict[tuple, str] = {}
    order = {"preferred": 0, "normal": 1}
    for claim, subject, predicate, _obj in claims(graph):
        rank = rank_of(graph, claim)
        if rank != "deprecated":
            key = (subject, predicate)
            best[key] = min(best.get(key, rank), rank, key=order.__getitem__)
    broken = []
    for claim, subject, predicate, obj in claims(graph):
        rank = rank_of(graph, claim)
        if rank == "deprecated" or rank != best[(subject, predicate)]:
            continue
        if is_general_knowledge_date(graph, claim):
            broken.extend(general_knowledge_date_problems(graph, claim, subject, obj))
        elif (subject, predicate, obj) not in graph:
            broken.append(f"{claim}: ({subject}, {predicate}, {obj!r}) is not in the graph")
    assert len(best) > 300
    assert not broken, report(broken, "a best-ranked claim's plain triple is missing")


def fact_predicates(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each predicate a plain fact may use -> the claim predicates that may back it: the
    relations and roles (sg:annotationKind), sg:place and sg:date, each backing itself and
    every superproperty (the hierarchy is materialised)."""
    backed_by: dict[URIRef, set[URIRef]] = defaultdict(set)
    for term in relations(graph) | {SG.place, SG.date}:
        seen, todo = set(), [term]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            backed_by[current].add(term)
            todo.extend(p for p in graph.objects(current, RDFS.subPropertyOf) if p != current)
    return backed_by


def relations(graph: Graph) -> set[URIRef]:
    return {
        term
        for kind in ("relation", "role")
        for term in graph.subjects(SG.annotationKind, Literal(kind))
    }


def test_every_plain_fact_triple_has_a_claim(graph):
    """A triple (s, p, o) about an entity or event, with p a relation, role, sg:place or sg:date
    or one of their superproperties, is backed by a non-deprecated claim (s, q, o) with q = p
    or a subproperty of p."""
    backed_by = fact_predicates(graph)
    claimed = defaultdict(set)
    symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    for claim, subject, predicate, obj in claims(graph):
        if rank_of(graph, claim) != "deprecated":
            claimed[(subject, obj)].add(predicate)
            # a symmetric relation's claim backs its triple from the object's side too
            for term in graph.transitive_objects(predicate, RDFS.subPropertyOf):
                if term in symmetric:
                    claimed[(obj, subject)].add(term)
    subjects = {s for s in graph.subjects(RDF.type, None) if is_entity(s)}
    broken, count = [], 0
    for predicate, sources in sorted(backed_by.items()):
        for subject, obj in graph.subject_objects(predicate):
            if subject not in subjects:
                continue
            count += 1
            if not claimed[(subject, obj)] & sources:
                broken.append(f"({subject}, {predicate}, {obj!r}) has no claim")
    assert count > 300
    assert not broken, report(broken, "a plain fact triple without a claim")


def is_entity(node) -> bool:
    parts = str(node)[len(str(ID)) :].split("/")
    return str(node).startswith(str(ID)) and len(parts) == 2 and parts[0] in ENTITY_SEGMENTS


def default_speaker(graph: Graph, evidence: URIRef):
    return graph.value(graph.value(evidence, SG.inPart), SG.defaultSpeaker)


def test_quoted_claims_are_reported_by_the_voice_of_their_part(graph):
    """A claim whose speaker is not its part's default speaker is quoted: sg:reportedBy is that
    default speaker (the reporter), never the speaker. A claim in its part's own voice has no
    sg:reportedBy."""
    broken, quoted = [], 0
    for claim in sorted(set(graph.subjects(RDF.type, SG.Claim))):
        is_correction = (claim, RDF.type, SG.Correction) in graph
        outside = (
            is_general_knowledge_date(graph, claim)
            or is_general_knowledge_point(graph, claim)
            or is_general_knowledge_with_reference(graph, claim)  # a relation, a link out
        )
        if (is_correction or outside) and not set(graph.objects(claim, SG.evidence)):
            continue  # general knowledge's corrections, dates, points and relations quote no part
        speaker = graph.value(claim, SG.speaker)
        reporters = set(graph.objects(claim, SG.reportedBy))
        voices = {default_speaker(graph, e) for e in graph.objects(claim, SG.evidence)}
        if None in voices or len(voices) != 1:
            broken.append(f"{claim}: its evidence stands in parts with voices {voices}")
            continue
        (voice,) = voices
        if speaker == voice:
            if reporters:
                broken.append(f"{claim}: said by {speaker} in its own part, reportedBy {reporters}")
            continue
        quoted += 1
        if reporters != {voice}:
            broken.append(f"{claim}: quotes {speaker}; reportedBy {reporters}, expected {voice}")
    assert quoted >= 50
    assert not broken, report(broken, "a quoted claim's reporter is not its part's voice")


# --- identifiers ---------------------------------------------------------------------


def test_every_project_iri_is_made_of_slugs(graph):
    """Under …/id/ every path segment is a slug (a-z, 0-9, single inner hyphens), except a
    claim's own segment (subject--relation--object[--n], its subject the claim's rdf:subject);
    an entity is …/id/<segment>/<slug> with a known segment; terms are …/ontology#<Name>
    (the ontology itself: …/ontology)."""
    broken, seen = [], 0
    ontology = re.compile(re.escape(BASE) + r"ontology(?:#[A-Za-z][A-Za-z0-9]*)?$")
    for term in sorted({t for triple in graph for t in triple if isinstance(t, URIRef)}):
        iri = str(term)
        if not iri.startswith(BASE):
            continue
        seen += 1
        if iri.startswith(str(ID)):
            segments = iri[len(str(ID)) :].split("/")
            if segments[0] == "claim" and len(segments) > 1:
                claim_id = CLAIM_ID.match(segments[1])
                if claim_id is None:
                    broken.append(f"{iri}: {segments[1]!r} is not subject--relation--object")
                elif len(segments) == 2 and not is_claim_of(graph, term, claim_id["subject"]):
                    broken.append(f"{iri}: its rdf:subject is {graph.value(term, RDF.subject)}")
                segments = [segments[0], *segments[2:]]
            bad = [s for s in segments if not SLUG.match(s)]
            if bad:
                broken.append(f"{iri}: segments {bad} are not slugs")
        elif not ontology.match(iri):
            broken.append(f"{iri}: neither …/id/<slugs> nor …/ontology#<Name>")
    for entity in sorted(
        {s for s in graph.subjects(RDFS.label, None) if is_typed_entity(graph, s)}
    ):
        if not is_entity(entity):
            broken.append(f"{entity}: an entity IRI is …/id/<segment>/<slug>")
    assert seen > 1000
    assert not broken, report(broken, "an IRI under the project base that is not a slug")


def is_claim_of(graph: Graph, claim: URIRef, subject_slug: str) -> bool:
    subject = graph.value(claim, RDF.subject)
    return subject is not None and str(subject).rsplit("/", 1)[-1] == subject_slug


def is_typed_entity(graph: Graph, node) -> bool:
    return (node, RDF.type, SG.Entity) in graph or (node, RDF.type, SG.Event) in graph


# --- dates ------------------------------------------------------------------------------


def bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of YYYY, YYYY-MM, YYYY-MM-DD, or of a range A/B."""
    if "/" in text:
        first, last = text.split("/")
        return bounds(first)[0], bounds(last)[1]
    numbers = [int(n) for n in text.split("-")]
    if len(numbers) == 1:
        return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
    if len(numbers) == 2:
        year, month = numbers
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(*numbers), dt.date(*numbers)


DATATYPE_OF = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}


def test_every_date_has_ordered_bounds_that_match_its_text(graph):
    """Every node with sg:dateText has exactly one sg:earliest and sg:latest, earliest <= latest,
    both equal to the bounds of the text form; a single date also has sg:date typed at its
    precision (gYear, gYearMonth, date) with the same text, a range none."""
    broken, count = [], 0
    bounded = set(graph.subjects(SG.earliest, None)) | set(graph.subjects(SG.latest, None))
    derived = set(graph.subjects(SG.boundsCertainty, SG.Inferred))  # from another event's date
    undated = sorted(str(n) for n in bounded - derived - set(graph.subjects(SG.dateText, None)))
    assert not undated, report(undated, "bounds without a sg:dateText")
    for node in derived:
        earliest, latest = graph.value(node, SG.earliest), graph.value(node, SG.latest)
        assert (node, SG.dateText, None) not in graph and set(
            graph.objects(node, SG.boundsInferredFrom)
        )
        if earliest is not None and latest is not None:
            assert earliest.toPython() <= latest.toPython(), node
    for node, text in sorted(graph.subject_objects(SG.dateText)):
        count += 1
        earliest = [e.toPython() for e in graph.objects(node, SG.earliest)]
        latest = [e.toPython() for e in graph.objects(node, SG.latest)]
        if len(earliest) != 1 or len(latest) != 1:
            broken.append(f"{node}: earliest {earliest}, latest {latest}: one each expected")
            continue
        expected = bounds(str(text))
        if earliest[0] > latest[0]:
            broken.append(f"{node} ({text}): earliest {earliest[0]} after latest {latest[0]}")
        if (earliest[0], latest[0]) != expected:
            broken.append(f"{node} ({text}): bounds {earliest[0]}..{latest[0]}, text {expected}")
        typed = list(graph.objects(node, SG.date))
        wanted = (
            []
            if "/" in str(text)
            else [Literal(str(text), datatype=DATATYPE_OF[len(str(text).split("-"))])]
        )
        if typed != wanted:
            broken.append(f"{node} ({text}): sg:date {typed}, expected {wanted}")
    assert count > 40
    assert not broken, report(broken, "a date's bounds")


# --- exports ------------------------------------------------------------------------------

EXPORTS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def differences(built: Graph, parsed: Graph, limit: int = 8) -> str:
    _both, only_built, only_parsed = graph_diff(to_isomorphic(built), to_isomorphic(parsed))
    lines = [f"only in the built graph ({len(only_built)}):"]
    lines += [f"  {t}" for t in sorted(only_built)[:limit]]
    lines += [f"only in the export ({len(only_parsed)}):"]
    lines += [f"  {t}" for t in sorted(only_parsed)[:limit]]
    return "\n".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_export_through_the_cli_is_isomorphic_to_the_built_graph(graph, tmp_path, fmt):
    out = tmp_path / f"serge.{fmt}"
    done = subprocess.run(
        [sys.executable, "-m", "serge_graph", "export", "--format", fmt, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    if fmt == "trig":
        dataset = Dataset()
        dataset.parse(out, format="trig")
        parsed = Graph()
        for s, p, o, _g in dataset.quads():
            parsed.add((s, p, o))
    else:
        parsed = Graph().parse(out, format=EXPORTS[fmt])
    assert len(parsed) == len(graph), differences(graph, parsed)
    assert to_isomorphic(parsed) == to_isomorphic(graph), differences(graph, parsed)
