"""Evidence quotes: each located in its source's text, once, within one paragraph."""

from __future__ import annotations

from ..model import Evidence, Where
from .hints import nearest_hint, shorten
from .state import LoaderState
from .yaml_lines import LinedDict, LinedList, value_line

_EVIDENCE_KEYS = ("quote", "occurrence", "source")


class EvidenceChecks(LoaderState):
    """An evidence list read and each quote located in the text, with its offsets."""

    def _evidence_list(self, raw: object, file: str, line: int, required: bool) -> list[Evidence]:
        if raw is None:
            if required:
                self.problem(
                    file,
                    line,
                    "no evidence",
                    "add evidence: [the exact words of the text that state this]",
                )
            return []
        items = raw if isinstance(raw, LinedList) else [raw]
        found = []
        for item in items:
            evidence = self._evidence(item, file, value_line(item, line))
            if evidence is not None:
                found.append(evidence)
        return found

    def _evidence(self, item: object, file: str, line: int) -> Evidence | None:
        occurrence, source_id = None, None
        if isinstance(item, LinedDict):
            self._unknown_keys(item, file, _EVIDENCE_KEYS, "evidence")
            quote = str(item.get("quote") or "")
            occurrence = item.get("occurrence")
            source_id = item.get("source")
        elif isinstance(item, str):
            quote = str(item)
        else:
            self.problem(file, line, "evidence must be a quote or {quote:, occurrence:}")
            return None
        if not quote.strip():
            self.problem(file, line, "empty evidence quote")
            return None
        return self._locate(quote, occurrence, source_id, file, line)

    def _locate(self, quote, occurrence, source_id, file, line) -> Evidence | None:
        named = source_id is not None
        if not named:  # the file's source, else the first: a new source never captures a quote
            source_id = self.file_sources.get(file, self.default_source)
        sources = [self.sources[str(source_id)]] if str(source_id) in self.sources else []
        if str(source_id) not in self.sources:
            self.problem(
                file,
                line,
                f"unknown source {str(source_id)!r}",
                self.source_hint(str(source_id)),
            )
            return None
        hits = [(s, o) for s in sources for o in s.find(quote)]
        short = shorten(quote)
        if not hits:
            elsewhere = [s.id for s in self.sources.values() if s.id != source_id and s.find(quote)]
            self.problem(
                file,
                line,
                f"quote not found in the text of {source_id}: “{short}”",
                f"it stands in source {elsewhere[0]!r}: name it at the top of the file "
                f"(source: {elsewhere[0]}) or on the quote ({{quote: …, source: {elsewhere[0]}}})"
                if elsewhere
                else nearest_hint({source_id: sources[0]}, quote),
            )
            return None
        if occurrence is None and len(hits) > 1:
            where = ", ".join(s.span(o).paragraph for s, o in hits)
            self.problem(
                file,
                line,
                f"quote occurs {len(hits)} times: “{short}” ({where})",
                "lengthen the quote, or add occurrence: N (1 = first)",
            )
            return None
        index = 1
        if occurrence is not None:
            if not str(occurrence).isdigit() or not 1 <= int(str(occurrence)) <= len(hits):
                self.problem(
                    file,
                    value_line(occurrence, line),
                    f"occurrence {occurrence} of “{short}”: the text has {len(hits)}",
                    "occurrence counts from 1",
                )
                return None
            index = int(str(occurrence))
        source, found = hits[index - 1]
        span = source.span(found)
        if "\n" in span.exact.strip():
            self.problem(
                file,
                line,
                f"quote spans two paragraphs: “{short}”",
                "split it into one quote per paragraph",
            )
            return None
        return Evidence(quote=str(quote), span=span, where=Where(file, line))
