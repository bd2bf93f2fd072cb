"""The %%sparql cell magic: `%load_ext serge_graph`, then a cell that is a query gives a DataFrame.

    %%sparql -o people
    SELECT ?name ?born WHERE { ?p a sg:Person ; rdfs:label ?name ; sg:birthDate ?born }

The project's prefixes are predefined, the columns typed (Rows.to_dataframe),
and what the query linter finds shows as a QueryWarning under the cell each
time the cell runs. A syntax error shows as one message with line, column and
caret (SergeGraphError._render_traceback_).
"""

from __future__ import annotations

import warnings

from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .choices import STORES
from .errors import QueryWarning, SergeGraphWarning


@magic_arguments()
@argument("-o", "--out", metavar="NAME", help="Also keep the DataFrame in this variable.")
@argument("--store", choices=STORES, default="oxigraph", help="oxigraph (default) or memory.")
def sparql(line: str, cell: str):
    """Run the cell as SPARQL on the built graph and return the answer as a DataFrame."""
    from IPython import get_ipython

    from . import api

    options = parse_argstring(sparql, line)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SergeGraphWarning)
        frame = api.query(cell, store=options.store).to_dataframe()
    for finding in caught:
        if issubclass(finding.category, SergeGraphWarning):
            # named after the cell, and shown every time: the caught location is the magic's own
            warnings.warn_explicit(str(finding.message), QueryWarning, "%%sparql", 1)
    if options.out:
        get_ipython().user_ns[options.out] = frame
    return frame


def load_ipython_extension(ipython) -> None:
    """Called by `%load_ext serge_graph`: registers %%sparql."""
    ipython.register_magic_function(sparql, magic_kind="cell", magic_name="sparql")
