"""Exceptions raised by serge_graph; the CLI turns them into messages. Imports nothing of ours."""

from __future__ import annotations

from dataclasses import dataclass


class SergeGraphError(Exception):
    """Base class of every error the library raises on purpose.

    A hint speaks the caller's language: `python` says what to call in Python
    (str(error), a notebook), `shell` what to type at the command line
    (for_shell(), which the CLI prints). In IPython and Jupyter the error shows
    as its name and message alone (_render_traceback_): what went wrong is in
    the message, and the parser's frames would only bury it.
    """

    def __init__(self, message: str = "", *, python: str = "", shell: str = ""):
        self.message, self.python_hint, self.shell_hint = message, python, shell
        super().__init__(message + (f" ({python})" if python else ""))

    def for_shell(self) -> str:
        """The message with the hint for a person at the command line."""
        if not self.shell_hint:
            return str(self)
        return f"{self.message} ({self.shell_hint})"

    def _render_traceback_(self) -> list[str]:
        """What IPython shows for this error instead of a traceback: name and message."""
        lines = str(self).splitlines() or [""]
        return [f"{type(self).__name__}: {lines[0]}", *lines[1:]]


class SergeGraphWarning(UserWarning):
    """Base class of every warning the library gives on purpose."""


class QueryWarning(SergeGraphWarning):
    """A query asks for something the ontology says cannot be there (lint.py): it runs, but
    its answer is probably not what was meant."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the input, with where it is and how to fix it."""

    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        if self.hint:
            text += "\n    hint: " + self.hint.replace("\n", "\n          ")
        return text


class AnnotationError(SergeGraphError):
    """The annotations or sources have problems; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the annotations"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))


class SourceError(SergeGraphError):
    """A source text is missing, altered, or its metadata is wrong."""


class DraftError(SergeGraphError):
    """A suggested item cannot be confirmed or rejected as asked; nothing was written."""


class QuerySyntaxError(SergeGraphError):
    """A SPARQL query does not parse; carries the line and column."""

    def __init__(self, message: str, line: int, column: int):
        self.line = line
        self.column = column
        super().__init__(f"SPARQL syntax error at line {line}, column {column}: {message}")


class QueryEvaluationError(SergeGraphError):
    """A query parsed but failed while running."""


class UnknownQueryError(SergeGraphError):
    """No saved query has that name."""


class EntityNotFoundError(SergeGraphError):
    """No entity has that name or alias."""


class ShapeViolationError(SergeGraphError):
    """The built graph does not conform to ontology/shapes.ttl."""


def undefined_speaker(file: str, what: str, speaker: str) -> AnnotationError:
    """The error of a data file whose facts (a place's point, a link out) are said by a
    speaker no annotation file defines."""
    problem = Problem(
        file,
        1,
        f"{what} is said by {speaker!r}, which is not an entity",
        f"define {speaker} (type Group, implicit: …) in some annotation file",
    )
    return AnnotationError([problem])
