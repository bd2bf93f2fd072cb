"""The reader's site: static pages that work offline, read from the graph.

- `writer`: every file in memory (`site_files`) and written atomically (`write_site`);
- `site_data`: what the pages show, read from the graph once;
- the pages: `index_page`, `entity_pages` (also `entity_page_html` for a server; its claims
  sorted into a chronology, relations, writings and what is said by `entity_sections`),
  `errata_page` (what the text gets wrong), `claim_pages` (a page for every claim, source,
  reference and mention, and the dataset), `text_page` (its marks built by `text_marks`),
  `ontology_page`, `network_page` (networkx → an offline
  vis-network page, through pyvis) and `timeline_page` (the dated events as an offline SVG);
- `pages` and `links`: the shared rendering and the address of every page;
- `templates/` and `static/`: the HTML templates, the site's CSS and JavaScript.

Nothing here changes the graph or serves it; `server` serves these files.
"""
