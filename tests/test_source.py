import hashlib
import re

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


def test_a_misquote_points_at_the_nearest_passage(source):
    """The hint for a quote not in the text: the paragraph and its folded text from where the
    quote's longest matching stretch begins, at least 90 characters long."""
    real = "tortured and murdered in Madrid"
    hit = source.find(real)[0]
    paragraph = source.paragraph_at(hit.start)
    folded = fold(source.paragraph_text(paragraph))
    begin = folded.find(real)
    for misquote, width in ((real[:-3] + "rid!", 90), ("  " + real[:-1] + "X" * 80, 130)):
        expected = f"{paragraph.id}: “{folded[begin : begin + width]}”"
        assert source.nearest_passage(misquote) == expected
    assert source.nearest_passage("§§§") == ""


def test_unknown_paragraph_and_part_ids_are_key_errors_naming_them(source):
    with pytest.raises(KeyError, match="p999"):
        source.paragraph("p999")
    with pytest.raises(KeyError, match="epilogue"):
        source.part("epilogue")
    assert source.part("notes").speaker == "revolutionary-history-editors"
    assert source.paragraph_at(0).id == "p1" and source.paragraph_at(10**9).id == "p83"


def test_spans_carry_offsets_exact_words_and_context(source):
    hit = source.find("Konstantin Umansky. [11]")[0]
    span = source.span(hit)
    paragraph = source.paragraph_at(hit.start)
    assert (span.source, span.start, span.end) == ("gorkin-1957", hit.start, hit.end)
    assert span.exact == "Konstantin Umansky. [11]"
    assert span.prefix == source.text[hit.start - 32 : hit.start]
    assert span.suffix == source.text[hit.end : min(hit.end + 32, paragraph.end)]
    assert (span.paragraph, span.part) == (paragraph.id, "narrative")


def _sources_copy(tmp_path):
    import shutil

    shutil.copytree(SOURCES, tmp_path / "sources")
    return tmp_path / "sources"


def test_broken_sources_folders_are_refused_with_file_and_reason(tmp_path):
    sources = _sources_copy(tmp_path)
    listing = sources / "sources.yaml"
    original = listing.read_text(encoding="utf-8")
    listing.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(SourceError, match=rf"^{re.escape(str(listing))}: not valid YAML: "):
        load_sources(sources)
    listing.write_text("sources: []\n", encoding="utf-8")
    with pytest.raises(SourceError, match=rf"^{re.escape(str(listing))}: lists no sources$"):
        load_sources(sources)
    listing.write_text(original.replace(TEXT.name, "missing.txt"), encoding="utf-8")
    missing = sources / "missing.txt"
    expected = f"{missing}: source text not found (named in sources.yaml)"
    with pytest.raises(SourceError, match=rf"^{re.escape(expected)}$"):
        load_sources(sources)
    listing.unlink()
    expected = f"{listing}: not found; a data folder needs sources/sources.yaml"
    with pytest.raises(SourceError, match=rf"^{re.escape(expected)}$"):
        load_sources(sources)


def test_a_part_must_begin_exactly_one_paragraph(tmp_path):
    sources = _sources_copy(tmp_path)
    listing = sources / "sources.yaml"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(text.replace("IT was a miracle", "It was not a miracle"), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_sources(sources)
    assert str(raised.value) == (
        f"{listing}: part 'narrative' of source 'gorkin-1957': "
        "'starts: It was not a miracle' must begin exactly one paragraph (it begins 0)"
    )


def test_the_altered_text_error_gives_both_checksums(tmp_path):
    sources = _sources_copy(tmp_path)
    altered = sources / TEXT.name
    altered.write_bytes(altered.read_bytes().replace(b"Umansky", b"Oumansky", 1))
    digest = hashlib.sha256(altered.read_bytes()).hexdigest()
    with pytest.raises(SourceError) as raised:
        load_sources(sources)
    assert str(raised.value) == (
        f"{altered}: SHA-256 is {digest}, sources.yaml expects {SHA256}; "
        "the text must stay byte-exact (restore it from shared/sources)"
    )


def _expected_hint(source, paragraph_id: str, real: str, width: int = 90) -> str:
    folded = fold(source.paragraph_text(source.paragraph(paragraph_id)))
    begin = folded.find(fold(real))
    return f"{paragraph_id}: “{folded[begin : begin + width]}”"


def test_the_nearest_passage_at_the_edges(source):
    # a typo in the first letter: the hint still starts where the real words start
    real = "tortured and murdered in Madrid"
    assert source.nearest_passage("X" + real[1:]) == _expected_hint(source, "p13", real)
    # equally near in three paragraphs (p18, p24, note 3): the first in the text wins
    near = "Lombardo Toledano"
    assert source.nearest_passage(near + "QQQQ") == _expected_hint(source, "p18", near)
    # near only in the next-to-last paragraph, and shorter than its paragraph number
    late = "Maspéro, Paris, 1971"
    assert source.nearest_passage(late[:-1] + "!") == _expected_hint(source, "note-17", late)
    # at the very start of a paragraph
    first = "IT was a miracle"
    assert source.nearest_passage(first + "!!") == _expected_hint(
        source, source.paragraph_at(source.find(first)[0].start).id, first
    )
    # one character: the first paragraph that has it
    holder = next(p for p in source.paragraphs if "I" in fold(source.paragraph_text(p)))
    assert source.nearest_passage("I") == _expected_hint(source, holder.id, "I")


def test_a_source_without_a_checksum_is_read_as_it_is(tmp_path):
    sources = _sources_copy(tmp_path)
    listing = sources / "sources.yaml"
    lines = listing.read_text(encoding="utf-8").splitlines(keepends=True)
    listing.write_text("".join(line for line in lines if "sha256:" not in line), encoding="utf-8")
    loaded = load_sources(sources)["gorkin-1957"]
    assert loaded.sha256 == SHA256


def test_the_nearest_passage_is_the_longest_match_wherever_it_stands():
    from serge_graph.source import Source

    text = "q\n\nq\n\nq\n\nq\n\nx\n\nxyzw"  # a one-letter match in p5, the whole quote in p6
    made = Source("t", text, {}, SOURCES / "t.txt")
    assert made.nearest_passage("xyzw!") == "p6: “xyzw”"
    assert made.nearest_passage("x") == "p5: “x”"


def test_parts_run_from_their_first_paragraph_to_the_next_part(source):
    """Each part: its id, title and speaker from sources.yaml, starting where its `starts`
    words begin a line of the text and ending where the next part starts (or the text ends)."""
    import yaml

    entry = yaml.safe_load((SOURCES / "sources.yaml").read_text(encoding="utf-8"))["sources"][0]
    text = TEXT.read_text(encoding="utf-8")
    declared = sorted((text.find(p["starts"]), p) for p in entry["parts"])
    expected = [
        (
            p["id"],
            p["title"],
            p["speaker"],
            start,
            declared[i + 1][0] if i + 1 < len(declared) else len(text),
        )
        for i, (start, p) in enumerate(declared)
    ]
    assert [(p.id, p.title, p.speaker, p.start, p.end) for p in source.parts] == expected
    for paragraph in source.paragraphs:
        part = next(p for p in source.parts if p.start <= paragraph.start < p.end)
        assert paragraph.part == part.id


def test_parts_may_be_listed_in_any_order_and_default_their_title_and_speaker(tmp_path):
    import yaml

    sources = _sources_copy(tmp_path)
    listing = sources / "sources.yaml"
    metadata = yaml.safe_load(listing.read_text(encoding="utf-8"))
    parts = metadata["sources"][0]["parts"]
    parts.reverse()
    del parts[0]["title"], parts[0]["speaker"]  # the colophon, now listed first
    listing.write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
    loaded = load_sources(sources)["gorkin-1957"]
    assert [p.id for p in loaded.parts] == [
        "front-matter",
        "introduction",
        "narrative",
        "notes",
        "colophon",
    ]
    colophon = loaded.part("colophon")
    assert (colophon.title, colophon.speaker, colophon.end) == ("colophon", "", len(loaded.text))


def test_a_part_without_starts_is_refused(tmp_path):
    import yaml

    sources = _sources_copy(tmp_path)
    listing = sources / "sources.yaml"
    metadata = yaml.safe_load(listing.read_text(encoding="utf-8"))
    del metadata["sources"][0]["parts"][2]["starts"]
    listing.write_text(yaml.safe_dump(metadata, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_sources(sources)
    assert str(raised.value) == (
        f"{listing}: part 'narrative' of source 'gorkin-1957': "
        "'starts: ' must begin exactly one paragraph (it begins 83)"
    )


def test_a_quote_never_begins_or_ends_inside_a_folded_character():
    from serge_graph.source import Source

    made = Source("t", "a…b …", {}, SOURCES / "t.txt")
    assert made.find("a.") == [] and made.find(".b") == [] and made.find(".") == []
    assert made.find("..b") == [] and Source("t", "…b", {}, SOURCES / "t.txt").find("..b") == []
    assert {p.part for p in made.paragraphs} == {""}  # no parts declared
    assert [(h.start, h.end) for h in made.find("a...b")] == [(0, 3)]
    assert [(h.start, h.end) for h in made.find("…")] == [(1, 2), (4, 5)]
    assert [(h.start, h.end) for h in made.find("...")] == [(1, 2), (4, 5)]


def test_notes_are_numbered_and_only_other_paragraphs_call_them():
    from serge_graph.source import Source

    text = "Head\n\nIT was a miracle [1] and [2].\n\n1. First note [2].\n\n2. Second."
    parts = [
        {"id": "front", "starts": "Head"},
        {"id": "narrative", "starts": "IT was"},
        {"id": "notes", "starts": "1. First"},
    ]
    made = Source("t", text, {"parts": parts}, SOURCES / "t.txt")
    described = [(p.id, p.number, p.part, p.note_number, p.calls_notes) for p in made.paragraphs]
    assert described == [
        ("p1", 1, "front", None, ()),
        ("p2", 2, "narrative", None, (1, 2)),
        ("note-1", 3, "notes", 1, ()),
        ("note-2", 4, "notes", 2, ()),
    ]
