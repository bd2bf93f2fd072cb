"""What every command shares: error reporting, options and output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..choices import STORES
from ..errors import (
    AnnotationError,
    EntityNotFoundError,
    QuerySyntaxError,
    SergeGraphError,
    UnknownQueryError,
)
from ..lazy import OnFirstUse

if TYPE_CHECKING:
    from ..queries import Rows


api = OnFirstUse("serge_graph.api")  # `--help` loads neither rdflib nor networkx

FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def reports_errors(command: Callable) -> Callable:
    """Turn the library's errors into a message without a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QuerySyntaxError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)
        except (UnknownQueryError, EntityNotFoundError) as error:
            raise click.UsageError(str(error)) from None
        except AnnotationError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(1)
        except SergeGraphError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def format_option(command: Callable) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people, csv or json for programs.",
    )(command)


def store_options(command: Callable) -> Callable:
    """--store and --store-path, for the commands that query."""
    command = click.option(
        "--store-path",
        type=click.Path(file_okay=False, path_type=Path),
        help="Keep the oxigraph store in this folder; reloaded only when the data changes.",
    )(command)
    return click.option(
        "--store",
        type=click.Choice(STORES),
        default="oxigraph",
        show_default=True,
        help="oxigraph: SPARQL in Rust (pyoxigraph), the default; memory: rdflib's own evaluator.",
    )(command)


def html_out_option(default: str) -> Callable:
    """--out FILE for the commands that write a page (written atomically)."""
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help="HTML file to write.",
    )


def emit(rows: Rows, fmt: str) -> None:
    """Print rows as an aligned table, CSV, or JSON (a list of objects)."""
    if fmt == "json":
        click.echo(json.dumps(rows.as_dicts(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows.rows])
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(table(rows))


def table(rows: Rows) -> str:
    cells = [[" ".join((v or "").split()) for v in row] for row in rows.rows]
    widths = [
        max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(rows.columns)
    ]
    line = "  ".join(name.ljust(w) for name, w in zip(rows.columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = [
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *body, count])


def _data(ctx: click.Context) -> Path | None:
    return ctx.obj.get("data")
