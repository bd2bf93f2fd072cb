"""Where the project's files are: data, ontology, shapes and saved queries.

In a wheel they travel inside the package (serge_graph/_project); in a source
checkout they are read from the repository root. `--data DIR` replaces only
the data folder (sources/ and annotations/).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError

_PACKAGED = Path(__file__).resolve().parent / "_project"
_CHECKOUT = Path(__file__).resolve().parents[2]
DATA_ENV = "SERGE_GRAPH_DATA"


def project_root() -> Path:
    """The folder that holds data/, ontology/ and queries/."""
    if (_CHECKOUT / "ontology" / "serge.ttl").is_file() and (
        _CHECKOUT / "pyproject.toml"
    ).is_file():
        return _CHECKOUT
    return _PACKAGED


@dataclass(frozen=True)
class Paths:
    data: Path
    ontology: Path
    shapes: Path
    queries: Path

    @property
    def sources(self) -> Path:
        return self.data / "sources"

    @property
    def annotations(self) -> Path:
        return self.data / "annotations"


def resolve_paths(data: Path | str | None = None) -> Paths:
    """The project's paths; the data folder from the argument, $SERGE_GRAPH_DATA or the default."""
    root = project_root()
    chosen = data or os.environ.get(DATA_ENV) or root / "data"
    data_dir = Path(chosen).expanduser().resolve()
    if not (data_dir / "sources").is_dir():
        raise SourceError(
            f"{data_dir}: not a data folder (it needs sources/ with sources.yaml, "
            "and annotations/); pass --data DIR or set SERGE_GRAPH_DATA"
        )
    return Paths(
        data=data_dir,
        ontology=root / "ontology" / "serge.ttl",
        shapes=root / "ontology" / "shapes.ttl",
        queries=root / "queries",
    )
