"""YAML annotations -> validated model. Every problem is collected with its file and line.

The loader never stops at the first problem: it reports all of them together
in one AnnotationError, each with a hint, so a curator can fix a file in one
pass. The work is split by responsibility: YAML with line numbers
(yaml_lines), the loader's shared state (state), evidence quotes located in the
text (evidence), certainty, rank and corrections (ranking), the other shared
field checks (checks), entities and their names (entities, names), events,
claims and the claims an event makes (claims, event_claims), and the loader
that runs them in order.
"""

from .loader import IGNORE_FILE, Loader, load_annotations
from .yaml_lines import LinedDict, LinedList, LinedStr, read_yaml

__all__ = [
    "IGNORE_FILE",
    "LinedDict",
    "LinedList",
    "LinedStr",
    "Loader",
    "load_annotations",
    "read_yaml",
]
