"""`coverage` lists the phrases of the text that name an event no annotation covers."""

from __future__ import annotations

import json
import subprocess
import sys

from serge_graph import api


def test_unannotated_event_phrases_are_listed_and_annotated_ones_are_not(corpus):
    phrases = {u.word: u for u in api.coverage().unannotated_event_phrases}
    # named in passing and not annotated: the Cold War (p5), a Third World War (p56)
    assert phrases["a Cold War"].first_paragraph == "p5"
    assert phrases["a Third World War"].first_paragraph == "p56"
    assert phrases["the war against Nazism"].context.startswith("The end of the war against Nazism")
    # annotated events are not listed: Hitler's invasion, Franco's victory, the Civil War
    text = " ".join(phrases)
    for covered in ("invasion", "Franco", "Civil War", "assassination"):
        assert covered not in text, covered
    source = next(iter(corpus.sources.values()))
    for u in phrases.values():
        assert u.word.split()[-1].lower() in source.text.lower()


def test_the_coverage_command_shows_them():
    run = subprocess.run(
        [sys.executable, "-m", "serge_graph", "coverage", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)["unannotated_event_phrases"]
    assert {"phrase": "a Third World War", "count": "1", "first_paragraph": "p56"}.items() <= next(
        r for r in rows if r["phrase"] == "a Third World War"
    ).items()
