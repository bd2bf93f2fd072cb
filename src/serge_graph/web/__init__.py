"""The web face of the graph: the pages a person reads and the endpoint a program queries.

- `network_page`: networkx → an offline vis-network page (pyvis);
- `timeline_page`: the dated events as an offline SVG timeline;
- `endpoint`: the read-only SPARQL 1.1 Protocol server and its query page;
- `templates/`: the HTML templates of all three.

Nothing here changes the graph; everything here reads it.
"""
