"""Adding a source to a data folder: the text copied into sources/, its entry appended to
sources.yaml, and a first annotation file naming the source and its author.

Everything is checked before anything is written (the text is UTF-8, the id and the file
are new, the date is a date), and each file is written whole or not at all, so a refused
or interrupted `source add` leaves the data folder as it was.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .annotations.claims import slug
from .build import write_atomically
from .choices import SOURCE_LANGUAGES
from .errors import SourceError
from .model import PartialDate
from .source import Source

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LISTING = "sources.yaml"


@dataclass(frozen=True)
class NewSource:
    """What `source add` is told about a text."""

    file: Path
    id: str
    title: str
    author: str  # an entity id, or a name made into one
    date: str
    language: str
    url: str = ""
    speaker: str = ""  # who speaks in the whole text; its author when not given
    excerpt: bool = False  # the file holds only an excerpt of the work named by the title


@dataclass(frozen=True)
class AddedSource:
    """What `source add` wrote."""

    id: str
    text_file: Path
    listing: Path
    annotation_file: Path | None
    author_id: str
    characters: int
    paragraphs: int
    changes: tuple[str, ...]  # what was normalised in the text (line ends, Unicode form)


def add_source(data_dir: Path, new: NewSource) -> AddedSource:
    """Copy a text into data_dir/sources/, record it in sources.yaml and start its
    annotation file; raises SourceError (with a hint) and writes nothing when refused."""
    sources_dir, annotations_dir = Path(data_dir) / "sources", Path(data_dir) / "annotations"
    listing = sources_dir / LISTING
    _check_fields(new)
    entries, listing_text = _read_listing(listing)
    text, changes = read_text(Path(new.file))
    target = sources_dir / f"{new.id}.txt"
    _check_new(new, entries, target, text, listing)
    known = _known_entities(annotations_dir)
    author_id = _author_id(new.author, known)
    entry = _entry(new, target.name, text, author_id)
    source = Source(new.id, text, entry, target)  # paragraphs and the speaker's part
    annotation_file = annotations_dir / f"{new.id}.yaml"
    if annotation_file.exists():
        raise SourceError(f"{annotation_file}: already exists; move it away or choose another --id")
    starter = _starter_annotations(new, author_id, set(known))
    new_listing = _appended(listing_text, entry, listing)
    try:
        for path, data in ((target, text), (annotation_file, starter), (listing, new_listing)):
            write_atomically(path, data.encode("utf-8"))
    except BaseException as error:
        target.unlink(missing_ok=True)
        annotation_file.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise SourceError(f"{path}: could not be written ({error}); nothing added") from None
        raise
    return AddedSource(
        new.id,
        target,
        listing,
        annotation_file,
        author_id,
        len(text),
        len(source.paragraphs),
        changes,
    )


def read_text(path: Path) -> tuple[str, tuple[str, ...]]:
    """A text file as the project keeps texts: UTF-8, line ends \\n, Unicode NFC (so that an
    accent typed in an alias matches the text's). Says what it changed."""
    if not path.is_file():
        raise SourceError(f"{path}: no such file; give the path of a plain-text file")
    data = path.read_bytes()
    changes = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        changes.append("byte-order mark removed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            f"{path}:{line}: not UTF-8 (byte {error.start}: {data[error.start : error.start + 1]!r}); "
            "hint: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8)"
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("line ends made \\n")
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        text = normal
        changes.append("accents composed (Unicode NFC)")
    if not text.strip():
        raise SourceError(f"{path}: the text is empty")
    if "\x00" in text:
        raise SourceError(f"{path}: holds NUL characters; hint: is it a plain-text file?")
    return text, tuple(changes)


def _check_fields(new: NewSource) -> None:
    if not _SLUG.match(new.id):
        raise SourceError(
            f"--id {new.id!r} is not a slug; hint: lower-case letters and digits joined by "
            f"hyphens, e.g. {slug(new.id) or 'gorkin-1957'}"
        )
    if new.language not in SOURCE_LANGUAGES:
        raise SourceError(f"--language {new.language!r}: one of {', '.join(SOURCE_LANGUAGES)}")
    try:
        PartialDate.parse(new.date)
    except ValueError as error:
        raise SourceError(
            f"--date {new.date!r}: {error}; hint: 1957, 1957-03 or 1957-03-15"
        ) from None
    for name, value in (("--title", new.title), ("--author", new.author)):
        if not value.strip():
            raise SourceError(f"{name} is empty")
    if new.speaker and not _SLUG.match(new.speaker):
        raise SourceError(f"--speaker {new.speaker!r} must be an entity id, e.g. julian-gorkin")


def _read_listing(listing: Path) -> tuple[list[dict], str]:
    if not listing.is_file():
        raise SourceError(f"{listing}: not found; hint: is --data a data folder?")
    text = listing.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise SourceError(f"{listing}: not valid YAML: {error}") from None
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SourceError(f"{listing}: has no 'sources:' list; hint: see docs/annotations.md")
    return entries, text


def _check_new(new: NewSource, entries: list[dict], target: Path, text: str, listing: Path):
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for entry in entries:
        if str(entry.get("id")) == new.id:
            raise SourceError(
                f"{listing}: a source with id {new.id!r} is already listed; "
                "hint: choose another --id"
            )
        if str(entry.get("sha256", "")) == digest:
            raise SourceError(
                f"{listing}: this text is already source {entry.get('id')!r}; nothing added"
            )
        if str(entry.get("file")) == target.name:
            raise SourceError(f"{listing}: source {entry.get('id')!r} already uses {target.name}")
    if target.exists():
        raise SourceError(
            f"{target}: already exists; hint: remove it if it is left over, or choose another --id"
        )


def _entry(new: NewSource, file_name: str, text: str, author_id: str) -> dict:
    """The sources.yaml entry, in the order the project's own entry uses."""
    entry = {
        "id": new.id,
        "file": file_name,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "title": new.title,
        "author": author_id,
    }
    if author_id != new.author:
        entry["author_name"] = new.author
    entry["written"] = new.date
    entry["language"] = new.language
    if new.excerpt:
        entry["excerpt"] = True
    if new.url:
        entry["url"] = new.url
    entry["speaker"] = new.speaker or author_id
    return entry


def _appended(listing_text: str, entry: dict, listing: Path) -> str:
    """sources.yaml with the entry added at the end of its sources: list, its comments kept."""
    root = yaml.compose(listing_text, Loader=yaml.SafeLoader)
    node = next(value for key, value in root.value if key.value == "sources")
    if node.flow_style or not node.value:
        raise SourceError(
            f"{listing}: write 'sources:' as a block list (one '- id: …' per source) to add to it"
        )
    dash_indent = " " * max(node.value[0].start_mark.column - 2, 0)
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    lines = block.rstrip("\n").split("\n")
    lines = [dash_indent + lines[0]] + [dash_indent + line for line in lines[1:]]
    at = _end_of_last_item(listing_text, node)
    head = listing_text[:at].rstrip("\n")
    result = head + "\n" + "\n".join(lines) + "\n" + listing_text[at:].lstrip("\n")
    written = (yaml.safe_load(result) or {}).get("sources") or []
    if not written or written[-1] != entry:  # a layout this function cannot extend safely
        raise SourceError(f"{listing}: could not add the entry safely; add it by hand: {entry}")
    return result


def _end_of_last_item(text: str, node: yaml.SequenceNode) -> int:
    """Where the sequence's last item ends, as an offset into text."""
    mark = node.value[-1].end_mark
    return mark.index if mark.index <= len(text) else len(text)


def _known_entities(annotations_dir: Path) -> dict[str, set[str]]:
    """The ids defined in the annotation files, each with its name and aliases folded (read
    quickly, no checks)."""
    known: dict[str, set[str]] = {}
    for path in annotations_dir.glob("*.yaml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        for key in ("entities", "events"):
            for item in data.get(key) or []:
                if isinstance(item, dict) and item.get("id"):
                    names = [item.get("name"), *(item.get("aliases") or [])]
                    known.setdefault(str(item["id"]), set()).update(
                        _folded(n.get("name") if isinstance(n, dict) else n) for n in names if n
                    )
        for alias in data.get("aliases") or []:
            if isinstance(alias, dict) and alias.get("entity") and alias.get("name"):
                known.setdefault(str(alias["entity"]), set()).add(_folded(alias["name"]))
    return known


def _folded(name: object) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


def _author_id(author: str, known: dict[str, set[str]]) -> str:
    """The author's entity: an id the graph knows, else the one entity whose name or alias
    the name is (accents and case aside), else a new id made from the name."""
    if author in known:
        return author
    named = sorted(entity for entity, names in known.items() if _folded(author) in names)
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise SourceError(
            f"--author {author!r} names {len(named)} entities ({', '.join(named)}); "
            "hint: give the id of the one you mean"
        )
    return author if _SLUG.match(author) else slug(author, 60)


def _starter_annotations(new: NewSource, author_id: str, known: set[str]) -> str:
    """The source's first annotation file: which source its quotes are in and, if the
    graph does not know them yet, its author as an entity (the default speaker)."""
    lines = [
        f"# Annotations of {new.title} (source {new.id}), started by `serge-graph source add`.",
        "# Quotes in this file are looked for in the source named below. See",
        "# docs/annotations.md; `serge-graph suggest ID` drafts entities and claims to confirm.",
        f"source: {new.id}",
        "",
    ]
    speakers = dict.fromkeys(s for s in (author_id, new.speaker) if s and s not in known)
    if speakers:
        lines.append("entities:")
    for speaker in speakers:
        name = new.author if speaker == author_id else speaker
        item = {
            "id": speaker,
            "type": "Person",
            "name": name,
            "implicit": f"The author of {new.title}, who speaks in it by default.",
            "description": f"Author of {new.title} ({new.date}).",
        }
        block = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1000)
        lines.extend("  " + line for line in block.rstrip("\n").split("\n"))
    if speakers:
        lines.append("")
    lines += ["claims: []", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class SourceSummary:
    """One source of a data folder, with what is annotated in it (None where the annotations
    do not validate yet)."""

    id: str
    title: str
    language: str
    author: str
    characters: int
    paragraphs: int
    entities: int | None  # distinct entities mentioned in it (confirmed)
    claims: int | None  # confirmed claims with a quote in it
    suggested: int | None  # items still status: suggested in the files annotating it


def source_summaries(sources: dict[str, Source], annotations=None) -> list[SourceSummary]:
    """Each source with its counts; annotations loaded with their suggested items (the
    counts of entities and claims leave the suggested ones out)."""
    summaries = []
    for source in sources.values():
        meta = source.metadata
        entities = claims = suggested = None
        if annotations is not None:
            entities = len(
                {
                    m.entity
                    for m in annotations.mentions
                    if m.span.source == source.id and not m.status
                }
            )
            claims = sum(1 for c in annotations.claims if not c.status and source.id in c.sources)
            suggested = sum(n for _f, s, n in annotations.suggested_by_file if s == source.id)
        summaries.append(
            SourceSummary(
                source.id,
                str(meta.get("title", source.id)),
                str(meta.get("language", "")),
                _author_name(meta, annotations),
                len(source.text),
                len(source.paragraphs),
                entities,
                claims,
                suggested,
            )
        )
    return summaries


def _author_name(meta: dict, annotations) -> str:
    author = str(meta.get("author", ""))
    if annotations is not None and author in annotations.entities:
        return annotations.entities[author].name
    return str(meta.get("author_name") or author)


def source_listing(paths, progress=None):
    """Rows for `source list`: each source with its counts, and why the annotation counts
    are missing ("" when the annotations validate, which they need not)."""
    from .annotations import load_annotations
    from .errors import AnnotationError
    from .queries import Rows
    from .source import load_sources
    from .vocabulary import Vocabulary

    sources = load_sources(paths.sources)
    annotations, why = None, ""
    try:
        if progress:
            progress(f"reading and checking annotations in {paths.annotations}")
        vocabulary = Vocabulary.load(paths.ontology)
        annotations = load_annotations(paths.annotations, sources, vocabulary, True)
    except AnnotationError as error:
        why = f"the annotations have {len(error.problems)} problems (serge-graph validate)"
    columns = ["id", "title", "language", "author", "characters", "paragraphs"]
    columns += ["entities", "claims", "suggested"]
    rows = [
        [
            s.id,
            s.title,
            s.language,
            s.author,
            str(s.characters),
            str(s.paragraphs),
            *(None if n is None else str(n) for n in (s.entities, s.claims, s.suggested)),
        ]
        for s in source_summaries(sources, annotations)
    ]
    return Rows(columns, rows), why
