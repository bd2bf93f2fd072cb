"""The names a user chooses from on the command line, in a module that imports nothing, so
that `serge-graph --help` and option checking start without loading rdflib or networkx.
The library's modules take their names from here."""

STORES = ("memory", "oxigraph")
PROJECTIONS = ("full", "actors", "comention")
GRAPH_IRI = "https://w3id.org/serge-graph/id/graph/serge"  # the named graph in every store
VIRTUOSO_PASSWORD_VARIABLE = "SERGE_GRAPH_VIRTUOSO_PASSWORD"
SOURCE_LANGUAGES = ("en", "es", "fr")  # what `source add --language` accepts
