"""serge-graph: a knowledge graph of Julián Gorkin's "The Last Years of Victor Serge, 1941–1947".

`import serge_graph as sg` gives the Python API (`sg.load_graph()`, `sg.run_saved(…)`, …);
it is loaded on first use, so the command line starts without it. In IPython or Jupyter,
`%load_ext serge_graph` adds the %%sparql cell magic (magic.py).
"""

import importlib
import importlib.util


def load_ipython_extension(ipython) -> None:
    """`%load_ext serge_graph`: the %%sparql cell magic, which returns a DataFrame."""
    from .magic import load_ipython_extension as load

    load(ipython)


def __getattr__(name: str):
    if name == "__version__":  # the installed package's version (version.py)
        return importlib.import_module(f"{__name__}.version").package_version()
    if name.startswith("__") and name != "__all__":
        raise AttributeError(name)
    if name != "__all__" and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")  # a module of the package
    api = importlib.import_module(f"{__name__}.api")
    if name == "__all__" or name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'serge_graph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(importlib.import_module(f"{__name__}.api").__all__)
