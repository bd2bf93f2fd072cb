"""What every command shares: error reporting, options and output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
EXPORT_FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "jsonld": "json-ld",
    "trig": "trig",
    "geojson": "geojson",  # not RDF: the located places as GeoJSON points (place_map.py)
    # for other tools (api/exports.py): Gephi, Palladio and spreadsheets, annotation tools
    "gexf": "gexf",
    "graphml": "graphml",
    "csv": "csv",  # two files: --out DIR gets nodes.csv and edges.csv
    "annotations": "annotations",
    "rdf-star": "rdf-star",
}


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def reports_errors(command: Callable) -> Callable:
    """Turn the library's errors into a message without a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except QuerySyntaxError as error:
            click.echo(f"Error: {error.for_shell()}", err=True)
            sys.exit(2)
        except (UnknownQueryError, EntityNotFoundError) as error:
            raise click.UsageError(error.for_shell()) from None
        except AnnotationError as error:
            click.echo(f"Error: {error.for_shell()}", err=True)
            sys.exit(1)
        except SergeGraphError as error:
            raise click.ClickException(error.for_shell()) from None

    return wrapper


@contextmanager
def warnings_on_stderr() -> Iterator[None]:
    """The library's warnings (a query the linter doubts) as "Warning: …" lines on standard
    error, each once, after the command's own output; never as Python's warning format."""
    from ..errors import SergeGraphWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SergeGraphWarning)
        try:
            yield
        finally:
            shown = [w for w in caught if issubclass(w.category, SergeGraphWarning)]
            for message in dict.fromkeys(str(w.message) for w in shown):
                click.echo(f"Warning: {message}", err=True)


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
    from ..values import json_value, text_of

    if fmt == "json":
        objects = [{k: json_value(v) for k, v in row.items()} for row in rows.as_dicts()]
        click.echo(json.dumps(objects, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(rows.columns)
        writer.writerows([[text_of(v) for v in row] for row in rows.rows])
        click.echo(buffer.getvalue(), nl=False)
    else:
        click.echo(table(rows))


def table(rows: Rows, width: int | None = None) -> str:
    """An aligned table that fits width columns (the terminal's): the widest columns are
    narrowed and their cells wrapped onto more lines, never cut; an IRI keeps its line whole."""
    import shutil
    import textwrap

    from ..values import text_of

    width = width or shutil.get_terminal_size((100, 24)).columns
    cells = [[" ".join(text_of(v).split()) for v in row] for row in rows.rows]
    widths = [
        max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(rows.columns)
    ]
    # a column narrows to 8 characters, or to its longest IRI: an address is never split
    iris = [
        max([0] + [len(w) for row in cells for w in row[i].split() if "://" in w])
        for i in range(len(widths))
    ]
    floor = [
        min(widths[i], max(len(name), 8, min(iris[i], 70))) for i, name in enumerate(rows.columns)
    ]
    while sum(widths) + 2 * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i] - floor[i])
        if widths[widest] <= floor[widest]:
            break  # as narrow as it can be: the lines stay a little wider than the terminal
        widths[widest] -= 1
    line = "  ".join(name.ljust(w) for name, w in zip(rows.columns, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = []
    for row in cells:
        wrapped = [
            textwrap.wrap(v, w, break_on_hyphens=False) or [""]
            for v, w in zip(row, widths, strict=True)
        ]
        for n in range(max(len(lines) for lines in wrapped)):
            parts = [
                (lines[n] if n < len(lines) else "").ljust(w)
                for lines, w in zip(wrapped, widths, strict=True)
            ]
            body.append("  ".join(parts).rstrip())
    count = f"({len(cells)} row{'s' if len(cells) != 1 else ''})"
    return "\n".join([line.rstrip(), rule, *body, count])


def _data(ctx: click.Context) -> Path | None:
    return ctx.obj.get("data")
