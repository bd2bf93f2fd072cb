"""YAML with the line of every value, so that every problem can name its file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Problem

# libyaml's parser when PyYAML was built with it: ten times faster, the same nodes and marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LinedStr(str):
    line: int


class LinedDict(dict):
    line: int
    key_lines: dict[str, int]


class LinedList(list):
    line: int


def read_yaml(path: Path, display: str, text: str | None = None) -> tuple[object, list[Problem]]:
    """Parse a YAML file (or `text`, the file's content about to be written) keeping the line
    of every value; scalars stay strings.

    Scalars are not typed by YAML (so `1947-11-17` stays text and `NO` stays
    'NO'); the validator decides what each field means.
    """
    try:
        content = path.read_text(encoding="utf-8") if text is None else text
        root = yaml.compose(content, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(display, line, f"not valid YAML: {error.problem}", _yaml_hint(error))]
    except UnicodeDecodeError as error:
        return None, [Problem(display, 1, f"not UTF-8 text: {error}", "save the file as UTF-8")]
    problems: list[Problem] = []
    return (_convert(root, display, problems) if root is not None else None), problems


def _yaml_hint(error: yaml.MarkedYAMLError) -> str:
    if "mapping values" in str(error.problem):
        return "a value containing ': ' must be quoted, e.g. quote: \"He wrote: ‘…’\""
    return "check indentation and quoting around this line"


def _convert(node: yaml.Node, display: str, problems: list[Problem]) -> object:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LinedDict()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                problems.append(
                    Problem(display, key_node.start_mark.line + 1, f"key {key!r} appears twice")
                )
            result[key] = _convert(value_node, display, problems)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LinedList(_convert(item, display, problems) for item in node.value)
        items.line = line
        return items
    if node.tag.endswith(":null") and not node.style and node.value in ("", "~", "null"):
        return None
    text = LinedStr(node.value)
    text.line = line
    return text


def value_line(value: object, default: int) -> int:
    return getattr(value, "line", default)


def speaker_line(listing: Path, source_id: str, part_id: str) -> int:
    """The line that gives a part's speaker in sources.yaml: the part's own `speaker:`, or, for
    a source without parts (one part, the whole text), the source's `speaker:` (else its
    `author:`); the line of the part or source itself where it gives none."""
    data, _problems = read_yaml(listing, str(listing))
    entries = data.get("sources") if isinstance(data, LinedDict) else None
    source = next(
        (e for e in entries or [] if isinstance(e, LinedDict) and str(e.get("id")) == source_id),
        None,
    )
    if source is None:
        return 1
    parts = source.get("parts")
    part = next(
        (p for p in parts or [] if isinstance(p, LinedDict) and str(p.get("id")) == part_id),
        None,
    )
    holder = part if part is not None else source
    for key in ("speaker", "author"):
        if key in holder.key_lines:
            return holder.key_lines[key]
    return holder.line


def read_section(path, display: str, key: str):
    """The mapping under a data file's one top-level key (coordinates.yaml's places:,
    links.yaml's links:), with its lines; AnnotationError naming the file and line if the file
    does not read or has no such mapping."""
    from ..errors import AnnotationError, Problem

    raw, problems = read_yaml(path, display)
    if problems:
        raise AnnotationError(problems)
    entries = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise AnnotationError(
            [Problem(display, 1, f"no {key}: mapping", f"start the file with {key}:")]
        )
    return entries
