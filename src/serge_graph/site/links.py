"""Where things are in the static site: the links the network and timeline pages make.

The pages stand at the site root beside `text.html`; an entity or event with IRI
`…/id/person/victor-serge` has its page at `id/person/victor-serge.html`; a claim's
first evidence is marked in the text at `text.html#claim-<slug>`.
"""

from __future__ import annotations

from ..namespaces import ID


def page_path(iri: str) -> str:
    """The page of an entity or event, relative to the site root ("" for a foreign IRI).

    >>> page_path("https://w3id.org/serge-graph/id/person/victor-serge")
    'id/person/victor-serge.html'
    """
    return "id/" + iri.removeprefix(str(ID)) + ".html" if iri.startswith(str(ID)) else ""


def claim_anchor(claim_iri: str, page: str = "text.html") -> str:
    """Where a claim's first evidence is marked in the text (the page of its source),
    relative to the site root.

    >>> claim_anchor("https://w3id.org/serge-graph/id/claim/konstantin-umansky--deathDate--1945")
    'text.html#claim-konstantin-umansky--deathDate--1945'
    """
    return f"{page}#claim-" + claim_iri.removeprefix(str(ID) + "claim/") if claim_iri else ""


def text_page(source_id: str, number: int) -> str:
    """The text page of a source: text.html for the first source, text-<id>.html for others.

    >>> text_page("gorkin-1957", 1), text_page("serge-gorkin-mexico-es", 2)
    ('text.html', 'text-serge-gorkin-mexico-es.html')
    """
    return "text.html" if number <= 1 else f"text-{source_id}.html"


def root_prefix(site_root: str) -> str:
    """A site root as a prefix for relative links: "" stays "", "site" becomes "site/"."""
    return site_root if not site_root or site_root.endswith("/") else site_root + "/"
