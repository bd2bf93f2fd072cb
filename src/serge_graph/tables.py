"""Rows shown in a notebook as a reader wants them: text left-aligned (Jupyter right-aligns
table cells), numbers right-aligned, every missing value the same dash, and a long answer cut
at `limit` with a line that says how much is left and how to see it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from .queries import Rows
from .values import text_of

MISSING = "—"
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_CELL = "padding:2px 8px;vertical-align:top;border-bottom:1px solid #ddd"


@dataclass(frozen=True)
class RowsTable:
    """What show_rows returns: Jupyter draws it with _repr_html_, a terminal with __str__."""

    rows: Rows
    limit: int | None = 10

    @property
    def shown(self) -> list[list]:
        return self.rows.rows if self.limit is None else self.rows.rows[: self.limit]

    def summary(self) -> str:
        total, shown = len(self.rows.rows), len(self.shown)
        noun = "row" if total == 1 else "rows"
        if shown == total:
            return f"{total} {noun}"
        return f"showing {shown} of {total} {noun} — rows.to_dataframe() for all"

    def numeric_columns(self) -> set[int]:
        """Columns whose every present value is a number (drawn right-aligned)."""
        return {
            index
            for index in range(len(self.rows.columns))
            if any(row[index] is not None for row in self.shown)
            and all(row[index] is None or _is_number(row[index]) for row in self.shown)
        }

    def _repr_html_(self) -> str:
        numeric = self.numeric_columns()
        align = lambda i: "right" if i in numeric else "left"  # noqa: E731
        head = "".join(
            f'<th style="text-align:{align(i)};{_CELL}">{escape(c)}</th>'
            for i, c in enumerate(self.rows.columns)
        )
        body = "".join(
            "<tr>"
            + "".join(
                f'<td style="text-align:{align(i)};{_CELL}">{escape(_shown(v))}</td>'
                for i, v in enumerate(row)
            )
            + "</tr>"
            for row in self.shown
        )
        return (
            f'<table class="serge-rows" style="border-collapse:collapse;margin:0">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f'<p style="margin:4px 0;color:#555"><em>{escape(self.summary())}</em></p>'
        )

    def __str__(self) -> str:
        lines = [" | ".join(self.rows.columns)]
        lines += [" | ".join(_shown(v) for v in row) for row in self.shown]
        return "\n".join([*lines, self.summary()])


def _is_number(value) -> bool:
    """A number, typed (the API's results) or as text (rows built by hand)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or bool(_NUMBER.fullmatch(str(value)))


def _shown(value) -> str:
    text = text_of(value)
    return text if text else MISSING


def show_rows(rows: Rows, limit: int | None = 10, columns: list[str] | None = None) -> RowsTable:
    """The rows as a readable table: the first `limit` (None: all), only `columns` if given."""
    if columns:
        unknown = [c for c in columns if c not in rows.columns]
        if unknown:
            raise KeyError(
                f"no column {', '.join(unknown)}; the columns: {', '.join(rows.columns)}"
            )
        indexes = [rows.columns.index(c) for c in columns]
        rows = Rows(list(columns), [[row[i] for i in indexes] for row in rows.rows])
    return RowsTable(rows, limit)
