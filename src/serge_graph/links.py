"""Links out: where the text's people, groups, places, works and events are described
elsewhere (Wikipedia, biographical dictionaries, archives' authority records).

The text links to nothing, so every link is a claim by general knowledge (certainty inferred,
with its reason), never the text's, and names the page consulted where the link was read.
`data/links.yaml` lists, for each entity, its links: an article or page (`url:`), or an
identifier of an authority file (`kind: wikidata | viaf | gnd` with `id:`), each with the
address of the page consulted (`seen_at:`) and what that page is (`title:`). An article's
address must be read in `seen_at` (the article itself, or an archive or proxy that names it
whole); a link seen only in a copy of the article is marked `status: suggested` and left out
of the graph.

In the graph an article or page is `foaf:isPrimaryTopicOf` (the page's main subject is the
entity); an authority file's identifier is `owl:sameAs` its entity IRI (the same thing,
described there). Each link is also one claim `<entity>--isPrimaryTopicOf--<kind>` (or
`--sameAs--<kind>`) with its speaker, certainty, reason and `sg:reference`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS

from .errors import AnnotationError, Problem, undefined_speaker
from .model import GENERAL_KNOWLEDGE, Reference
from .prefixes import PREFIX_IRIS

SG = Namespace(PREFIX_IRIS["sg"])
ID = Namespace(PREFIX_IRIS["id"])
FILE_NAME = "links.yaml"
CERTAINTY = SG.Inferred  # general knowledge is never what the text states
REASON = (
    "general knowledge, not the text: the text links to nothing; the link was read in the "
    "page consulted"
)
# kind -> (what it is, in words; the language of the page, if one)
ARTICLES = {
    "wikipedia-en": ("Wikipedia (English)", "en"),
    "wikipedia-es": ("Wikipedia (Spanish)", "es"),
    "wikipedia-fr": ("Wikipedia (French)", "fr"),
    "reference-work": ("reference work", ""),
}
# kind -> (what it is, how its entity IRI is made from the identifier, the identifier's form)
AUTHORITIES = {
    "wikidata": ("Wikidata", "http://www.wikidata.org/entity/{}", "Q followed by digits"),
    "viaf": ("VIAF", "http://viaf.org/viaf/{}", "digits"),
    "gnd": ("GND", "https://d-nb.info/gnd/{}", "digits, X or -"),
}
KINDS = {**{k: v[0] for k, v in ARTICLES.items()}, **{k: v[0] for k, v in AUTHORITIES.items()}}
_WIKIPEDIA_HOSTS = {"wikipedia-en": "en.", "wikipedia-es": "es.", "wikipedia-fr": "fr."}
_KEYS = {"kind", "url", "id", "seen_at", "title", "status", "note"}


@dataclass(frozen=True)
class Link:
    """One link out of the graph: the entity, what kind of page, its address (an article's or
    an authority file's entity IRI), the page consulted, and whether it is only suggested."""

    entity: str
    kind: str
    target: str
    reference: Reference
    identifier: str = ""
    note: str = ""
    suggested: bool = False

    @property
    def predicate(self) -> URIRef:
        return OWL.sameAs if self.kind in AUTHORITIES else FOAF.isPrimaryTopicOf

    @property
    def language(self) -> str:
        return ARTICLES.get(self.kind, ("", ""))[1]


def links_file(data: Path) -> Path:
    return Path(data) / FILE_NAME


def corpus_links(corpus) -> list[Link]:
    """The verified links of a corpus (see load_links); suggested ones are left out."""
    links = [link for link in load_links(corpus.paths.data, corpus) if not link.suggested]
    if links and GENERAL_KNOWLEDGE not in corpus.annotations.entities:
        raise undefined_speaker(FILE_NAME, "a link", GENERAL_KNOWLEDGE)
    return links


def load_links(data: Path, corpus) -> list[Link]:
    """Every link of data/links.yaml, suggested ones included, checked: a known entity, a known
    kind, an address of the right form, the page consulted and its title. No file: no links."""
    from .annotations.yaml_lines import read_section

    path = links_file(data)
    if not path.is_file():
        return []
    entries = read_section(path, FILE_NAME, "links")
    problems: list[Problem] = []
    entities = corpus.annotations.entities
    links: list[Link] = []
    for entity, items in entries.items():
        line = entries.key_lines.get(entity, entries.line)
        if entity not in entities or entity == GENERAL_KNOWLEDGE:
            problems.append(
                Problem(FILE_NAME, line, f"{entity}: not an entity of the annotations", _ID_HINT)
            )
            continue
        if not isinstance(items, list) or not items:
            problems.append(
                Problem(FILE_NAME, line, f"{entity}: no list of links", "write - kind: …")
            )
            continue
        seen: set[str] = set()
        for item in items:
            item_line = getattr(item, "line", line)
            try:
                link = _link(entity, item)
            except ValueError as error:
                message, hint = error.args
                problems.append(Problem(FILE_NAME, item_line, f"{entity}: {message}", hint))
                continue
            if link.target in seen:
                problems.append(
                    Problem(
                        FILE_NAME, item_line, f"{entity}: {link.target} twice", "keep one of them"
                    )
                )
                continue
            seen.add(link.target)
            links.append(link)
    if problems:
        raise AnnotationError(problems)
    return links


_ID_HINT = "use the id of an entity or event of data/annotations/"


def _link(entity: str, item: object) -> Link:
    if not isinstance(item, dict) or set(item) - _KEYS:
        unknown = sorted(set(item) - _KEYS) if isinstance(item, dict) else item
        raise ValueError(
            f"unknown keys {unknown!r}",
            "give kind:, url: (or id:), seen_at:, title: and, if need be, status: and note:",
        )
    kind = str(item.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(
            f"kind {kind!r} is not one of {', '.join(KINDS)}", "write kind: wikipedia-en"
        )
    seen_at, title = str(item.get("seen_at", "")), str(item.get("title", ""))
    if not _is_web_address(seen_at) or not title:
        raise ValueError(
            "a link needs the page consulted where it was read (seen_at:) and its title (title:)",
            'add seen_at: "https://…" and title: "…"; never write a link no page showed',
        )
    status = str(item.get("status", ""))
    if status not in ("", "suggested"):
        raise ValueError(f"status {status!r}", "write status: suggested, or no status")
    if kind in AUTHORITIES:
        target, identifier = _authority(kind, item), str(item["id"])
    else:
        target, identifier = _article(kind, item), ""
        if status != "suggested" and _bare(target) not in _bare(seen_at):
            raise ValueError(
                f"{target} is not the address consulted ({seen_at}) nor read in it",
                "give the article's own address as seen_at:, or mark the link status: suggested "
                "until someone reads it there",
            )
    return Link(
        entity,
        kind,
        target,
        Reference(title, seen_at),
        identifier,
        str(item.get("note", "")),
        status == "suggested",
    )


def _article(kind: str, item: dict) -> str:
    url = str(item.get("url", ""))
    if "id" in item or not _is_web_address(url):
        raise ValueError(
            f"a {kind} link gives the page's address (url:) and no id:",
            'write url: "https://…", the address read in the page consulted',
        )
    host = _WIKIPEDIA_HOSTS.get(kind)
    if host and not (urlsplit(url).hostname or "").startswith(host + "wikipedia.org"):
        raise ValueError(
            f"{url} is not an article of {KINDS[kind]}",
            f"a {kind} link is an address at {host}wikipedia.org",
        )
    return url


def _authority(kind: str, item: dict) -> str:
    name, pattern, form = AUTHORITIES[kind]
    identifier = str(item.get("id", ""))
    valid = {
        "wikidata": identifier[:1] == "Q" and identifier[1:].isdigit(),
        "viaf": identifier.isdigit(),
        "gnd": bool(identifier) and all(c.isdigit() or c in "X-" for c in identifier),
    }[kind]
    if "url" in item or not valid:
        raise ValueError(
            f"a {name} link gives its identifier (id:, {form}) and no url:",
            f"write id: … as the page consulted shows it; the graph makes {pattern.format('…')}",
        )
    return pattern.format(identifier)


def _bare(address: str) -> str:
    """An address without its scheme: an archive or a proxy that shows a page names it whole
    after its own address (`…/web/2016…/https://en.wikipedia.org/wiki/…`)."""
    return address.split("://", 1)[-1]


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def link_claim(link: Link, number: int = 0) -> URIRef:
    """The claim's IRI: `<entity>--isPrimaryTopicOf--<kind>` (or `--sameAs--`); a second
    reference work of one entity is numbered (`--reference-work-2`)."""
    relation = "sameAs" if link.kind in AUTHORITIES else "isPrimaryTopicOf"
    kind = link.kind if number < 2 else f"{link.kind}-{number}"
    return ID[f"claim/{link.entity}--{relation}--{kind}"]


def link_triples(
    links: list[Link],
    iri: Callable[[str], URIRef],
    names: dict[str, str],
    claim_types: list[URIRef],
    reference: Callable[[URIRef, Reference], None],
) -> Iterator[tuple]:
    """The plain triple of every link, the page's label and language, and the link's claim
    (typed claim_types, as every claim is); reference(node, ref) adds the page consulted as
    the build does for every claim by general knowledge."""
    counts: dict[tuple[str, str], int] = {}
    for link in links:
        speaker = iri(GENERAL_KNOWLEDGE)
        node, target = iri(link.entity), URIRef(link.target)
        counts[(link.entity, link.kind)] = number = counts.get((link.entity, link.kind), 0) + 1
        yield node, link.predicate, target
        yield target, RDFS.label, Literal(f"{KINDS[link.kind]}: {names[link.entity]}")
        yield target, SG.linkKind, Literal(link.kind)
        if link.language:
            yield target, DCTERMS.language, Literal(link.language)
        claim = link_claim(link, number)
        for cls in claim_types:
            yield claim, RDF.type, cls
        yield claim, RDF.subject, node
        yield claim, RDF.predicate, link.predicate
        yield claim, RDF.object, target
        verb = "is described in" if link.predicate == FOAF.isPrimaryTopicOf else "is the same as"
        label = f"{names[link.entity]} — {verb} — {KINDS[link.kind]}"
        yield claim, RDFS.label, Literal(label + (f" {link.identifier}" if link.identifier else ""))
        yield claim, SG.speaker, speaker
        yield claim, SG.certainty, CERTAINTY
        yield claim, SG.certaintyReason, Literal(REASON, lang="en")
        yield claim, SG.rank, SG.NormalRank
        if link.note:
            yield claim, SG.note, Literal(link.note, lang="en")
        reference(claim, link.reference)
