"""The web face of the graph: the pages a person reads and the endpoint a program queries.

- `site`: the reader's site, every file in memory (`site_files`) and written atomically
  (`write_site`); its pages in `index_page`, `entity_pages` (also `entity_page_html` for a
  server), `text_page` (marks built by `text_marks`), read from the graph by `site_data`;
  `void`: the VoID description and one entity's description for content negotiation;
- `network_page`: networkx → an offline vis-network page (pyvis);
- `timeline_page`: the dated events as an offline SVG timeline;
- `endpoint`: the read-only SPARQL 1.1 Protocol server and its query page;
- `templates/` and `static/`: the HTML templates, the site's CSS and JavaScript.

Nothing here changes the graph; everything here reads it.
"""
