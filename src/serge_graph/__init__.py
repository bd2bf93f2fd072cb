"""serge-graph: a knowledge graph of Julián Gorkin's "The Last Years of Victor Serge, 1941–1947"."""

from .api import *  # noqa: F403
from .api import __all__  # noqa: F401
