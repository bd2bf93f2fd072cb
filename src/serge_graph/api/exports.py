"""The graph in the formats other tools read: Gephi's GEXF and GraphML, node and edge CSV
tables, W3C Web Annotations, RDF-star; and what changed between two builds."""

from __future__ import annotations

import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

# the formats serialize_graph hands here: one file each (csv is two: export_tables)
TOOL_FORMATS = ("gexf", "graphml", "annotations", "rdf-star")


def tool_format_bytes(graph: Graph, format: str) -> bytes:
    """The graph as one file of a format that is not a plain RDF syntax."""
    if format == "annotations":
        from ..web_annotations import annotations_bytes

        return annotations_bytes(graph)
    if format == "rdf-star":
        from ..rdf_star import rdf_star_bytes

        return rdf_star_bytes(graph)
    from .. import network_files

    flat = _tool_network(graph)
    return network_files.gexf_bytes(flat) if format == "gexf" else network_files.graphml_bytes(flat)


_networks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _tool_network(graph: Graph):
    """The network the GEXF, GraphML and CSV files are written from, made once per graph."""
    from .. import network_files

    if graph not in _networks:
        _networks[graph] = network_files.tool_network(graph)
    return _networks[graph]


def export_tables(graph: Graph, out: Path) -> list[Path]:
    """The network's node and edge tables as OUT/nodes.csv and OUT/edges.csv, each written
    atomically; returns the two paths."""
    from .. import network_files
    from ..build import write_atomically

    written = []
    for name, content in network_files.csv_tables(_tool_network(graph)).items():
        write_atomically(Path(out) / name, content)
        written.append(Path(out) / name)
    return written


def diff_graphs(old: Path | str, new: Path | str):
    """The claims added, removed and changed from one graph file to another
    (claim_diff.GraphDiff)."""
    from ..claim_diff import diff_files

    return diff_files(old, new)


def diff_revisions(
    old_rev: str,
    new_rev: str | None = None,
    progress: Callable[[str], None] | None = None,
    data: Path | str | None = None,
):
    """The claims changed between the data of two git revisions of the project (new_rev None:
    the data folder as it is now, data or the default). Each revision's data/ is taken with
    `git archive` into a temporary folder and built there with today's code and ontology."""
    from ..claim_diff import diff_files

    with tempfile.TemporaryDirectory(prefix="serge-graph-diff-") as folder:
        files = {}
        for rev in dict.fromkeys([old_rev, new_rev]):
            files[rev] = _built_revision(rev, Path(folder), progress, data)
        return diff_files(files[old_rev], files[new_rev])


def _built_revision(rev: str | None, folder: Path, progress, data_now=None) -> Path:
    from ..build import build_ntriples, load_corpus
    from ..project import project_root, resolve_paths

    if rev is None:
        data = resolve_paths(data_now).data
    else:
        data = _checked_out(rev, folder / _safe(rev), project_root())
    if progress:
        progress(f"building the graph of {rev or 'the data as it is now'}")
    target = folder / f"{_safe(rev or 'now')}.nt"
    target.write_bytes(build_ntriples(load_corpus(data, progress)))
    return target


def _checked_out(rev: str, folder: Path, root: Path) -> Path:
    """The data/ folder of a git revision, unpacked into folder."""
    import io
    import subprocess
    import tarfile

    from ..claim_diff import DiffError

    try:
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", rev, "data"],
            capture_output=True,
            check=True,
        ).stdout
    except FileNotFoundError:
        raise DiffError("--rev needs git, which is not installed") from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()
        raise DiffError(
            f"{root}: cannot read the data of revision {rev!r}: {message}; "
            "give a commit, tag or branch of this repository (`git log --oneline`)"
        ) from None
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12, 3.11.4 and later
            tar.extractall(folder, filter="data")
        else:  # git archive of our own repository: no absolute paths or links out
            tar.extractall(folder)
    return folder / "data"


def _safe(rev: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in rev)


def release_check(graph: Graph, data: Path | str | None = None) -> tuple[str, int, list[str]]:
    """The last release's claim IRIs against today's graph: (its version, how many IRIs it
    lists, the problems: an IRI neither a claim nor withdrawn, a tombstone that names a claim,
    a replacement that is none). ("", 0, []) when the data folder has no release."""
    from .. import retired
    from ..project import resolve_paths
    from ..queries import run_query

    folder = resolve_paths(data).data
    releases = retired.release_files(folder)
    if not releases:
        return "", 0, []
    released = retired.read_release(releases[-1])
    claims = {row[0] for row in run_query(graph, "SELECT ?c WHERE { ?c a sg:Claim }").rows}
    problems = retired.release_problems(released, claims, retired.read_retired(folder))
    return releases[-1].name.removesuffix("-claims.txt"), len(released), problems
