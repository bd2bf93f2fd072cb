"""Writes docs/cli.md, the command-line reference, from every command's own --help.

    python docs/cli_reference.py           # writes docs/cli.md (atomically, only if it changed)
    python docs/cli_reference.py --check   # exit 1 if docs/cli.md is not what --help says now

The commands are found from click's group, recursively, so a new command is in the
reference as soon as this runs; tests/test_docs.py fails while docs/cli.md lags behind.
Not a page of the site: mkdocs.yml leaves *.py out of it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from click.testing import CliRunner

from serge_graph.cli import main

PAGE = Path(__file__).with_name("cli.md")
WIDTH = 88  # --help is wrapped at this width, whatever the terminal

HEADER = """\
# Command-line reference

Every command of `serge-graph`, with its `--help` as the program prints it. This page is
written from the commands themselves (`python docs/cli_reference.py`, which `make docs`
runs), and a test fails when it differs from what `--help` says, so it cannot drift.
The tasks are explained on their own pages: [Getting started](getting-started.md),
[Querying](querying.md), [Annotating and adding a source](annotations.md),
[The endpoint and deploying](endpoint.md).

Every command that prints rows takes `--format table|csv|json`; `--data DIR` (or
`SERGE_GRAPH_DATA`) points any command at another data folder holding `sources/` and
`annotations/`. A SPARQL syntax error exits with status 2, bad annotations with status 1.
"""


def command_paths(group: click.Command = main, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path under the group, the group itself first, in the order of names."""
    paths = [path]
    if isinstance(group, click.Group):
        for name in sorted(group.commands):
            paths.extend(command_paths(group.commands[name], (*path, name)))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(
        main, [*path, "--help"], prog_name="serge-graph", terminal_width=WIDTH
    )
    if result.exit_code != 0:
        raise SystemExit(f"serge-graph {' '.join(path)} --help failed:\n{result.output}")
    return result.output.rstrip()


def page() -> str:
    parts = [HEADER]
    for path in command_paths():
        title = " ".join(("serge-graph", *path))
        parts.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(parts)


def write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


if __name__ == "__main__":
    text = page()
    current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if "--check" in sys.argv[1:]:
        if current != text:
            sys.exit(f"{PAGE} differs from --help: run python docs/cli_reference.py")
    elif current != text:
        write_atomically(PAGE, text)
        print(f"wrote {PAGE}")
