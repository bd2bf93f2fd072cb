"""`coverage` lists the phrases of the text that name an event no annotation covers."""

from __future__ import annotations

import json
import subprocess
import sys

from serge_graph import api


def test_every_event_phrase_of_the_text_is_annotated_or_reviewed(corpus):
    """On the article nothing is left: each phrase is an event's mention or claim, or is in
    not_events with the reason it names no event; and every not_events entry is used."""
    report = api.coverage()
    assert report.unannotated_event_phrases == []
    assert report.unused_ignores == []
    reviewed = {(p.phrase, p.paragraph) for p in corpus.annotations.ignored_phrases}
    assert ("Third World War", "p56") in reviewed and ("Permanent War", "p53") in reviewed
    assert all(p.reason for p in corpus.annotations.ignored_phrases)


def test_a_phrase_nobody_reviewed_is_listed_again(make_data, corpus, tmp_path):
    """Take the real annotations, drop the review of 'a Third World War' and the Cold War
    event: both phrases are listed again, with paragraph and context, and coverage fails."""
    import shutil

    from serge_graph.project import resolve_paths

    data = make_data({}, base=False)
    real = resolve_paths(None).annotations
    for path in real.glob("*.yaml"):
        shutil.copy(path, data / "annotations" / path.name)
    ignore = data / "annotations" / "ignore.yaml"
    text = ignore.read_text(encoding="utf-8")
    ignore.write_text(
        "\n".join(line for line in text.splitlines() if 'Third World War", paragraph' not in line),
        encoding="utf-8",
    )
    front = data / "annotations" / "10-front-and-introduction.yaml"
    text = front.read_text(encoding="utf-8")
    start = text.index("  - id: cold-war\n")
    end = text.index("  - id: assassination-of-trotsky\n")
    text = text[:start] + text[end:]
    front.write_text(text, encoding="utf-8")
    ignore.write_text(  # the words stay reviewed as a name, not as an event
        ignore.read_text(encoding="utf-8").replace(
            "ignore:\n", 'ignore:\n  - {name: "Cold War", reason: "a label"}\n', 1
        ),
        encoding="utf-8",
    )
    report = api.coverage(data)
    phrases = {u.word: u for u in report.unannotated_event_phrases}
    assert set(phrases) == {"a Cold War", "a Third World War"}
    assert phrases["a Third World War"].first_paragraph == "p56"
    assert phrases["a Cold War"].context.endswith("becoming a Cold War Socialist. Whilst t")
    assert not report.complete


def test_the_coverage_command_shows_none_and_succeeds():
    run = subprocess.run(
        [sys.executable, "-m", "serge_graph", "coverage", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["unannotated_event_phrases"] == []


def test_the_war_is_the_second_world_war_in_context_only(corpus, graph):
    """Every 'the war' of the text is a mention of the Second World War marked implied, with
    the reason; the words stay out of its names (skos:hiddenLabel, not an alias)."""
    from rdflib.namespace import SKOS

    from serge_graph.namespaces import OA, SG

    war = corpus.iri("second-world-war")
    implied = sorted(
        m.span.paragraph
        for m in corpus.annotations.mentions
        if m.entity == "second-world-war" and m.certainty is not None
    )
    assert implied == ["p20", "p47", "p50", "p50", "p51", "p54"]
    marked = [
        m
        for m in graph.subjects(OA.hasBody, war)
        if graph.value(m, SG.certainty) == SG.Implied and graph.value(m, SG.certaintyReason)
    ]
    assert len(marked) == 6
    assert [str(n) for n in graph.objects(war, SKOS.hiddenLabel)] == ["the war"]
    assert "the war" not in {str(n) for n in graph.objects(war, SKOS.altLabel)}
