"""The serge-graph command line: a thin front over the library.

Only this package imports click, and only here do the library's exceptions
become messages and exit codes (1 for bad data, 2 for bad usage or query).
One module per area; each registers its commands on `main` when imported.
"""

from . import (
    data_commands,
    draft_commands,
    network_commands,
    publish_commands,
    query_commands,
    reconcile_commands,
    source_commands,
    suggest_commands,
    web_commands,
)
from .app import main

__all__ = [
    "data_commands",
    "draft_commands",
    "main",
    "network_commands",
    "publish_commands",
    "query_commands",
    "reconcile_commands",
    "source_commands",
    "suggest_commands",
    "web_commands",
]
