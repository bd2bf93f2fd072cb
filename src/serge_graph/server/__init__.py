"""The SPARQL endpoint: a read-only SPARQL 1.1 Protocol server with a query page.

- `app`: the ASGI app, its guards (host, origin, body size) and `run`;
- `protocol`: a request read into a query or an update, with the protocol's errors;
- `pool` and `workers`: the supervised worker processes that parse and evaluate every query
  in two lanes within one time budget;
- `results`: the result formats and content negotiation;
- `linked_data`: the reader's site and every IRI by content negotiation;
- `templates/query.html`: the query page.

The library starts it (`api.serving.serve`) with the graph and the site already made; nothing
here imports the API.
"""
