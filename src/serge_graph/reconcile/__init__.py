"""Reconciliation: matching a list of names against the graph's entities (the W3C Entity
Reconciliation API, served by `serve` at /reconcile; server/reconcile.py is its HTTP side)."""

from .index import ReconcileIndex, build_index, fold_name
from .matching import Query, candidates_of
from .service import ReconcileInputError, ReconcileRequest, answer, manifest, preview_html, suggest

__all__ = [
    "Query",
    "ReconcileIndex",
    "ReconcileInputError",
    "ReconcileRequest",
    "answer",
    "build_index",
    "candidates_of",
    "fold_name",
    "manifest",
    "preview_html",
    "suggest",
]
