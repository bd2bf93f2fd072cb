"""An entity with more claims than a page holds (site/entity_paging.py): on the real data with a
small page size, Victor Serge's claims over several pages, each claim on exactly one, every
page saying which claims it holds and linking to the others; and the bound that keeps any page
of any corpus under 2 MB."""

from __future__ import annotations

import math
import re
import shutil
from collections import Counter

import pytest
from rdflib import RDF, URIRef

from serge_graph.namespaces import ID, SG
from serge_graph.site import writer
from serge_graph.site.entity_pages import entity_pages, full_network, render_entity_page
from serge_graph.site.entity_paging import LINES_PER_CLAIM, paged_path
from serge_graph.site.pages import Links
from serge_graph.site.site_data import site_data

from .html_tree import parse
from .test_site_browser import _links_and_ids_read

SERGE = ID["person/victor-serge"]
PER_PAGE = 50
LIMIT = 2_000_000  # bytes: no file of the site may pass it


def _claims_of(graph, node: URIRef) -> set[str]:
    """The claims whose subject or object is node, read from the triples, not the site data."""
    claims = set(graph.subjects(RDF.subject, node)) | set(graph.subjects(RDF.object, node))
    return {str(c).rsplit("/", 1)[-1] for c in claims if (c, RDF.type, SG.Claim) in graph}


@pytest.fixture(scope="module")
def serge_pages(graph, site, tmp_path_factory):
    """Victor Serge's pages at PER_PAGE claims a page, written into a copy of the site."""
    data = site_data(graph)
    links = Links("../../", ".html")
    pages = entity_pages(data, full_network(graph), str(SERGE), links, PER_PAGE)
    out = tmp_path_factory.mktemp("paged") / "site"
    shutil.copytree(site, out)
    path = data.entities[str(SERGE)].path
    written = []
    for number, page in enumerate(pages, 1):
        target = out / paged_path(path, number)
        target.write_text(render_entity_page(page, data, links), encoding="utf-8")
        written.append(target)
    return out, written


def test_serges_claims_are_split_over_pages_each_claim_on_exactly_one(graph, serge_pages):
    _out, written = serge_pages
    claims = _claims_of(graph, SERGE)
    assert len(claims) == 161  # the claims about or by Victor Serge, his 8 links out among them
    assert len(written) == math.ceil(len(claims) / PER_PAGE) == 4
    on_pages = Counter()
    for number, file in enumerate(written, 1):
        tree = parse(file.read_text(encoding="utf-8"))
        slugs = {li.attrs["data-claim"] for li in tree.find_all("li") if li.has_class("claim")}
        on_pages.update(slugs)
        words = " ".join(tree.find_all("nav", **{"class": "pages"})[0].text().split())
        first, last = (number - 1) * PER_PAGE + 1, min(number * PER_PAGE, len(claims))
        assert f"Page {number} of 4: claims {first}–{last} of {len(claims)}" in words, words
        assert len(slugs) == last - first + 1, number
    assert set(on_pages) == claims
    assert set(on_pages.values()) == {1}  # no claim on two pages


def test_the_pages_link_to_each_other_and_every_link_lands(serge_pages):
    out, written = serge_pages
    for number, file in enumerate(written, 1):
        hrefs, _ids = _links_and_ids_read(file)
        local = {re.sub(r"#.*", "", h) for h in hrefs if h.startswith("file:")}
        others = {w.as_uri() for w in written if w != file}
        assert others <= local, number  # every other page is one click away
        missing = sorted(h for h in local if not (out / h[len(out.as_uri()) + 1 :]).is_file())
        assert missing == [], missing[:3]
        tree = parse(file.read_text(encoding="utf-8"))
        nexts = [a.attrs["href"] for a in tree.find_all("a", rel="next")]
        following = [] if number == len(written) else [f"../../id/person/{written[number].name}"]
        assert nexts == following * 2, number  # at the top and at the foot of the page
    first = parse(written[0].read_text(encoding="utf-8"))
    later = parse(written[-1].read_text(encoding="utf-8"))
    assert first.find_all(id="neighbours-h") and not later.find_all(id="neighbours-h")


@pytest.mark.slow  # builds the site once more, with a small page size
def test_the_site_writes_every_page_of_a_paged_entity(graph, corpus):
    """site_files with a small page size: every page of every paged entity, and no other."""
    data = site_data(graph)
    sources = list(corpus.sources.values())
    files = writer.site_files(graph, sources, {}, per_page=PER_PAGE)
    serge = sorted(p for p in files if re.fullmatch(r"id/person/victor-serge(--\d+)?\.html", p))
    assert serge == [
        "id/person/victor-serge--2.html",
        "id/person/victor-serge--3.html",
        "id/person/victor-serge--4.html",
        "id/person/victor-serge.html",
    ]
    for iri, entity in data.entities.items():
        claims = len(_claims_of(graph, URIRef(iri)))
        lines = max(
            len(data.claims_by_speaker.get(iri, [])), len(data.mentions_by_entity.get(iri, []))
        )
        expected = max(1, -(-claims // PER_PAGE), -(-lines // (PER_PAGE * LINES_PER_CLAIM)))
        pages = [p for p in files if p == entity.path or p.startswith(entity.path[:-5] + "--")]
        assert len(pages) == expected, entity.path
