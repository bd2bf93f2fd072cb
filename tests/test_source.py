import hashlib

import pytest

from serge_graph.errors import SourceError
from serge_graph.source import fold, load_sources

from .conftest import ROOT, SOURCES

SHA256 = "63cb737cbc7f18a82f7e3bf858d6d4a7dd97fa33dcb0cee385086770841e7d93"
TEXT = SOURCES / "gorkin-1957-last-years-of-victor-serge.txt"


def test_text_is_byte_exact_copy():
    assert hashlib.sha256(TEXT.read_bytes()).hexdigest() == SHA256


def test_text_equals_the_shared_original():
    shared = ROOT.parent / "shared" / "sources" / TEXT.name
    if not shared.is_file():
        pytest.skip(f"SHARED MISSING: {shared} is not beside the checkout; cannot compare the copy")
    assert shared.read_bytes() == TEXT.read_bytes()


@pytest.fixture(scope="module")
def source():
    return load_sources(SOURCES)["gorkin-1957"]


def test_parts_and_their_speakers(source):
    parts = {p.id: p.speaker for p in source.parts}
    assert parts == {
        "front-matter": "etol",
        "introduction": "revolutionary-history-editors",
        "narrative": "julian-gorkin",
        "notes": "revolutionary-history-editors",
        "colophon": "etol",
    }
    assert source.paragraph_at(source.find("IT was a miracle")[0].start).part == "narrative"
    assert source.paragraph_at(source.find("The narrative portion")[0].start).part == "introduction"


def test_paragraphs_and_notes_are_addressable(source):
    assert len(source.paragraphs) == 83
    notes = [p for p in source.paragraphs if p.note_number is not None]
    assert [p.note_number for p in notes] == list(range(1, 18))
    note_11 = source.paragraph("note-11")
    assert source.paragraph_text(note_11).startswith("11. Konstantin Alexandrovich Umansky")
    caller = next(p for p in source.paragraphs if 11 in p.calls_notes)
    assert "Konstantin Umansky. [11]" in source.paragraph_text(caller)
    assert caller.calls_notes == (11, 12)
    assert source.paragraph("p7").part == "narrative"


def test_quotes_match_across_curly_quotes_dashes_and_spaces(source):
    straight = source.find("'Attack through the stomach.'")
    curly = source.find("‘Attack through the stomach.’")
    assert straight == curly and len(straight) == 1
    start, end = straight[0].start, straight[0].end
    assert source.text[start:end] == "‘Attack through the stomach.’"
    ranged = source.find("Victor Alter (1890-1942)")
    assert source.text[ranged[0].start : ranged[0].end] == "Victor Alter (1890–1942)"
    assert fold("a\u00a0 b…") == "a b..."


def test_names_match_whole_words_longest_first(source):
    found = [name for name, _ in source.find_names(["Victor", "Victor Serge", "Victor Alter"])]
    assert "Victor Alter" in found and "Victor Serge" in found
    assert found.count("Victor") == 1  # "a little like Victor himself"
    assert not source.find_names(["Pari"])  # not a word of its own in "Paris" or "Parisian"


def test_altered_text_is_refused(tmp_path):
    import shutil

    shutil.copytree(SOURCES, tmp_path / "sources")
    altered = tmp_path / "sources" / TEXT.name
    altered.write_bytes(altered.read_bytes().replace(b"Umansky", b"Oumansky", 1))
    with pytest.raises(SourceError, match="SHA-256"):
        load_sources(tmp_path / "sources")
