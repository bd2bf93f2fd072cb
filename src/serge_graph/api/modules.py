"""The modules the API loads when first used: a query on Oxigraph loads neither rdflib nor
networkx nor the pages."""

from ..lazy import OnFirstUse

building = OnFirstUse("serge_graph.build")
drafts = OnFirstUse("serge_graph.drafts")
explore = OnFirstUse("serge_graph.explore")
network = OnFirstUse("serge_graph.network")
network_page = OnFirstUse("serge_graph.site.network_page")
site = OnFirstUse("serge_graph.site.writer")
source_registry = OnFirstUse("serge_graph.source_registry")
suggest = OnFirstUse("serge_graph.suggest")
timeline_page = OnFirstUse("serge_graph.site.timeline_page")
timeline_facets = OnFirstUse("serge_graph.site.timeline_facets")
