"""The package's version, one place: what pyproject.toml says, as the installed package reports
it (importlib.metadata). The VoID description (`owl:versionInfo`), the site's footer and
`serge_graph.__version__` all read it here, so a citation names the release it refers to."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

UNKNOWN = "0+unknown"  # run from a checkout that was never installed


@lru_cache(maxsize=1)
def package_version() -> str:
    """The installed version of serge-graph, e.g. '0.1.0'.

    >>> package_version().count(".") >= 1
    True
    """
    try:
        return version("serge-graph")
    except PackageNotFoundError:
        return UNKNOWN
