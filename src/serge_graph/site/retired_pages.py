"""A page for each withdrawn claim (a tombstone), at the withdrawn claim's own address.

id/claim/<id>.html says when and why the claim left the graph and links its replacement, if
any; the server answers the claim's IRI with it as 410 Gone (server/linked_data.py).
"""

from __future__ import annotations

from ..retired import CLAIM_BASE, Retired
from .pages import Links, render


def retired_path(retired: Retired) -> str:
    return f"id/claim/{retired.claim_id}.html"


def retired_page_html(retired: Retired, labels: dict[str, str]) -> str:
    links = Links("../../", ".html")
    replaced = retired.replaced_by
    return render(
        "site_retired.html",
        retired=retired,
        root=links.root,
        links=links,
        title=f"Withdrawn claim {retired.claim_id}",
        replaced_by=links.entity(replaced, CLAIM_BASE[: -len("claim/")]) if replaced else "",
        replaced_label=labels.get(replaced, replaced),
    )


def retired_pages(retired: list[Retired], labels: dict[str, str]) -> dict[str, str]:
    """Every tombstone page by site path; labels: the label of each claim IRI of the graph."""
    return {retired_path(r): retired_page_html(r, labels) for r in retired}
