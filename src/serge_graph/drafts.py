"""Confirming and rejecting suggested items: `serge-graph confirm` and `serge-graph reject`.

A draft (from `serge-graph suggest`, or written by hand) marks each item it proposes
`status: suggested`. Confirming an item deletes that line; rejecting it deletes the item.
Both edit the file's lines, so its comments, its order and every other item (hand edits
included) stay as they are; both check the data folder as it would be (the validator checks
each confirmed item and what rests on it) before writing; each file is written whole or not
at all (a temporary file, then a rename), several files all or none; and a file that changed
on disk after it was read, a hand edit made meanwhile, is never overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .annotations.claims import slug
from .annotations.hints import did_you_mean
from .build import write_atomically
from .errors import DraftError
from .model import SUGGESTED

SECTIONS = ("entities", "events", "aliases", "claims", "mentions", "dates")
_KIND = dict(zip(SECTIONS, ("entity", "event", "alias", "claim", "mention", "date"), strict=True))
_SOURCE_LINE = re.compile(r"^source:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


@dataclass(frozen=True)
class DraftItem:
    """One suggested item of an annotation file, where it stands in the file's text."""

    file: Path
    section: str
    key: str  # how the commands name it: an id, a claim's id, ENTITY=NAME for an alias
    line: int  # its first line (1-based)
    last_line: int
    start: int  # offsets in the file's text: the item, and the status pair to delete
    end: int
    status: tuple[int, int]
    sequence: yaml.SequenceNode
    section_key: yaml.ScalarNode

    def where(self, root: Path) -> str:
        return f"{_shown(self.file, root)}:{self.line}"


@dataclass(frozen=True)
class Edited:
    """What confirm or reject did: the items, the files rewritten, what is left to confirm."""

    items: tuple[tuple[str, str, str], ...]  # (kind, name, file:line) of each item
    files: tuple[Path, ...]
    left: int


def confirm(data_dir: Path, source_id: str, names=(), all_of: str | None = None) -> Edited:
    """Delete the status: suggested line of each named item (or of every item of a kind)
    in the annotation files of a source; checked, then written atomically."""
    return _edit(Path(data_dir), source_id, names, all_of, "confirm")


def reject(data_dir: Path, source_id: str, names=(), all_of: str | None = None) -> Edited:
    """Delete each named suggested item from the annotation files of a source."""
    return _edit(Path(data_dir), source_id, names, all_of, "reject")


def _edit(data_dir: Path, source_id: str, names, all_of: str | None, verb: str) -> Edited:
    root = data_dir.parent
    files = source_files(data_dir, source_id)
    originals = {path: path.read_bytes() for path in files}
    texts = {path: data.decode("utf-8") for path, data in originals.items()}
    items = [item for path in files for item in suggested_items(path, texts[path])]
    chosen = _chosen(items, list(names), all_of, source_id, verb, root)
    edited = {}
    for path in files:
        mine = [item for item in chosen if item.file == path]
        if mine:
            edited[path] = _edited_text(texts[path], mine, verb, root)
    _check(data_dir, edited)
    write_all({p: t.encode("utf-8") for p, t in edited.items()}, originals, root)
    done = tuple((_KIND[i.section], i.key, i.where(root)) for i in chosen)
    return Edited(done, tuple(edited), len(items) - len(chosen))


def source_files(data_dir: Path, source_id: str) -> list[Path]:
    """The annotation files whose quotes stand in the source (their `source:` line; a file
    without one annotates the first source of sources.yaml)."""
    listing = data_dir / "sources" / "sources.yaml"
    try:
        entries = (yaml.safe_load(listing.read_text(encoding="utf-8")) or {}).get("sources") or []
    except (OSError, yaml.YAMLError) as error:
        raise DraftError(f"{listing}: cannot be read: {error}") from None
    ids = [str(entry.get("id")) for entry in entries if isinstance(entry, dict)]
    if source_id not in ids:
        raise DraftError(
            f"unknown source {source_id!r}",
            shell=did_you_mean(source_id, ids) or "sources: " + ", ".join(ids),
        )
    files = []
    for path in sorted((data_dir / "annotations").glob("*.yaml")):
        if path.name == "ignore.yaml":
            continue
        named = _SOURCE_LINE.search(path.read_text(encoding="utf-8"))
        if (named.group(1) if named else ids[0]) == source_id:
            files.append(path)
    return files


def suggested_items(path: Path, text: str) -> list[DraftItem]:
    """The items of a file marked status: suggested, in file order."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise DraftError(
            f"{path}: not valid YAML: {error}", shell="run serge-graph validate"
        ) from None
    if not isinstance(node, yaml.MappingNode):
        return []
    items = []
    for key, value in node.value:
        if key.value not in SECTIONS or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            fields = {k.value: v for k, v in item.value}
            status = fields.get("status")
            if not isinstance(status, yaml.ScalarNode) or status.value != SUGGESTED:
                continue
            end = _last_index(item)
            items.append(
                DraftItem(
                    path,
                    key.value,
                    _key(key.value, fields),
                    item.start_mark.line + 1,
                    text.count("\n", 0, end) + 1,
                    item.start_mark.index,
                    end,
                    _status_span(text, item),
                    value,
                    key,
                )
            )
    return items


def _key(section: str, fields: dict) -> str:
    def text(name: str) -> str:
        node = fields.get(name)
        return str(node.value) if isinstance(node, yaml.ScalarNode) else ""

    if section in ("entities", "events"):
        return text("id")
    if section == "aliases":
        return f"{text('entity')}={text('name')}"
    if section == "claims":
        target = text("object") or slug(text("value"))
        return f"{text('subject')}--{text('relation')}--{target}"
    if section == "mentions":
        return f"{text('entity')}@{text('quote')}"
    return f"date@{text('quote')}"


def _last_index(node: yaml.Node) -> int:
    """Where a node's last value ends (a block mapping's own end mark lies past the comments
    and blank lines after it)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        return node.end_mark.index
    children = node.value if isinstance(node, yaml.SequenceNode) else [v for _k, v in node.value]
    return max((_last_index(child) for child in children), default=node.end_mark.index)


def _status_span(text: str, item: yaml.MappingNode) -> tuple[int, int]:
    """The characters to delete to drop the status pair: its whole line in a block mapping
    (with the line end), else from the end of the previous value (a flow mapping's ", ")."""
    pairs = item.value
    index = next(i for i, (k, _v) in enumerate(pairs) if k.value == "status")
    key, value = pairs[index]
    if not item.flow_style:
        begin = text.rfind("\n", 0, key.start_mark.index) + 1
        after = text.find("\n", value.end_mark.index)
        after = len(text) if after < 0 else after + 1
        rest = text[value.end_mark.index : after].strip()
        if not text[begin : key.start_mark.index].strip() and (not rest or rest.startswith("#")):
            return begin, after
        if index + 1 < len(pairs):  # `- status: suggested` on the dash line
            return key.start_mark.index, pairs[index + 1][0].start_mark.index
    if index > 0:
        return _last_index(pairs[index - 1][1]), value.end_mark.index
    if index + 1 < len(pairs):
        return key.start_mark.index, pairs[index + 1][0].start_mark.index
    return key.start_mark.index, value.end_mark.index


def _chosen(items, names, all_of, source_id, verb, root) -> list[DraftItem]:
    if not names and not all_of:
        raise DraftError(
            f"name the items to {verb}",
            shell=f"serge-graph {verb} {source_id} ITEM … (an id, a claim's id, ENTITY=NAME "
            f"for an alias, or FILE:LINE), or --all-of KIND ({', '.join(SECTIONS)}, all)",
        )
    if not items:
        raise DraftError(f"no item of source {source_id!r} is still suggested; nothing to {verb}")
    chosen = [i for i in items if all_of in ("all", i.section)] if all_of else []
    if all_of and not chosen:
        raise DraftError(f"no {all_of} of source {source_id!r} is still suggested")
    for name in names:
        found = [i for i in items if i.key == name or _at_line(i, name, root)]
        if not found:
            raise DraftError(
                f"no suggested item {name!r} in the files of source {source_id!r}",
                shell=did_you_mean(name, {i.key for i in items})
                or "name an entity's or event's id, a claim as subject--relation--object, "
                "an alias as ENTITY=NAME, or FILE:LINE as serge-graph validate shows it",
            )
        chosen += [i for i in found if i not in chosen]
    return sorted(chosen, key=lambda i: (str(i.file), i.start))


def _at_line(item: DraftItem, name: str, root: Path) -> bool:
    where, _, line = name.rpartition(":")
    if not where or not line.isdigit():
        return False
    shown = _shown(item.file, root)
    same = where in (shown, item.file.name, str(item.file)) or shown.endswith("/" + where)
    return same and item.line <= int(line) <= item.last_line


def _edited_text(text: str, items: list[DraftItem], verb: str, root: Path) -> str:
    """The file's text with the items' status lines (confirm) or the items (reject) cut."""
    cuts = []
    if verb == "confirm":
        cuts = [(*item.status, "") for item in items]
    else:
        for item in items:
            begin = text.rfind("\n", 0, item.start) + 1
            if text[begin : item.start].strip() not in ("-", ""):
                raise DraftError(
                    f"{item.where(root)}: the item shares its line with others; nothing written",
                    shell="write the section as a block list, one '- ' item a line",
                )
            after = text.find("\n", item.end)
            cuts.append((begin, len(text) if after < 0 else after + 1, ""))
        cuts += _emptied(text, items)
    result = text
    for begin, end, new in sorted(cuts, reverse=True):
        result = result[:begin] + new + result[end:]
    _check_edit(text, result, items, verb, root)
    return result


def _emptied(text: str, items: list[DraftItem]) -> list[tuple[int, int, str]]:
    """A section whose every item is rejected becomes `key: []` (an empty list, not null)."""
    cuts = []
    for item in {id(i.sequence): i for i in items}.values():
        rejected = {i.start for i in items if i.sequence is item.sequence}
        if len(rejected) == len(item.sequence.value):
            colon = text.index(":", item.section_key.end_mark.index)
            cuts.append((colon + 1, colon + 1, " []"))
    return cuts


def _check_edit(before: str, after: str, items: list[DraftItem], verb: str, root: Path):
    """The edited text reads as the same data less exactly what was meant: else refuse."""
    old, new = yaml.safe_load(before) or {}, yaml.safe_load(after) or {}
    expected = {
        key: list(value) if isinstance(value, list) else value for key, value in old.items()
    }
    for item in sorted(items, key=lambda i: i.start, reverse=True):
        nodes = item.sequence.value
        index = next(n for n, node in enumerate(nodes) if node.start_mark.index == item.start)
        if verb == "confirm":
            entry = dict(expected[item.section][index])
            entry.pop("status", None)
            expected[item.section][index] = entry
        else:
            del expected[item.section][index]
    if new != expected:
        first = items[0]
        raise DraftError(
            f"{first.where(root)}: could not {verb} safely by editing lines; nothing written",
            shell=f"{verb} by hand: delete the status: suggested line (confirm) or the item (reject)",
        )


def _check(data_dir: Path, edited: dict[Path, str]) -> None:
    """The data folder as it would be must validate: each confirmed item is checked like any
    other, and nothing confirmed may rest on what is still suggested or was rejected."""
    from .annotations import load_annotations
    from .project import resolve_paths
    from .source import load_sources
    from .vocabulary import Vocabulary

    paths = resolve_paths(data_dir)
    vocabulary = Vocabulary.load(paths.ontology)
    load_annotations(paths.annotations, load_sources(paths.sources), vocabulary, pending=edited)


def write_all(texts: dict[Path, bytes], originals: dict[Path, bytes], root: Path) -> None:
    """Each file whole or not at all, and all of them or none (a failure puts back the files
    already written); a file that changed since it was read is refused, never overwritten."""
    written: list[Path] = []
    try:
        for path, data in texts.items():
            if path.read_bytes() != originals[path]:
                raise DraftError(
                    f"{_shown(path, root)} changed after it was read (edited meanwhile?); "
                    "nothing written",
                    shell="save your edits, then run the command again",
                )
            write_atomically(path, data)
            written.append(path)
    except BaseException as error:
        for path in reversed(written):
            write_atomically(path, originals[path])
        if isinstance(error, OSError):
            raise DraftError(
                f"{_shown(path, root)}: could not be written ({error}); nothing changed"
            ) from None
        raise


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
