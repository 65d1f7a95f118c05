"""The nineteenth trial: a Transana user's whole database, read with ``qlr.io.read_transana``.

Transana's File > Export Database writes one Transana-XML file (``.tra``), line by line (``XMLExport.py`` of Transana
3.00): each record a tag on its own line, each field's tag on its own line with its value, escaped, on the lines
between, and rich text (wxWidgets' XML) copied in whole.  The exports below are built in that layout; the first test
runs Transana's own exporter (``tests/transana_oracle.py`` under Python 2.7, on Transana 3.00's public source) when
both are here.  No real Transana export was found in any public source, so none is read (said in the CHANGELOG).
Every expected value is worked out by hand.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import QdpxError, QlrWarning, SourceNotFoundError
from qlr.io._transana import transana_export_kind

from .test_trial17_taguette import codings  # (document, code name, coder, passage) of every coding, sorted

TC = "\u00a4"


def escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _symbolic(c: str) -> bool:
    """Whether wxWidgets' XML writer (``wxRichTextPlainText::ExportXML``, its current source) writes this character
    as a ``<symbol>``: below 32 but for 10 and 13, the double quote, and whatever lies outside XML's ranges."""
    n = ord(c)
    return ((n < 32 or n == 34) and n not in (10, 13)) or not (32 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD)


def _text_runs(value: str, style: str, windows: bool) -> list[str]:
    """One run of text as wxWidgets writes it: split at each symbol; a piece with a space at either end quoted."""
    out: list[str] = []
    piece = ""

    def flush() -> None:
        if piece:
            quoted = f'"{piece}"' if piece[0] == " " or piece[-1] == " " else piece
            out.append(f"      <text{style}>{escaped(quoted)}</text>")

    for c in value:
        if not _symbolic(c):
            piece += c
            continue
        flush()
        piece = ""
        if windows and ord(c) > 0xFFFF:  # a wxString on Windows holds UTF-16: the two halves, each a symbol
            units = c.encode("utf-16-le")
            numbers = [int.from_bytes(units[:2], "little"), int.from_bytes(units[2:], "little")]
        else:
            numbers = [ord(c)]
        out += [f"      <symbol{style}>{n}</symbol>" for n in numbers]
    flush()
    return out


def rich(paragraphs: list[list], *, header: bool = True, windows: bool = False) -> str:
    """wxWidgets rich-text XML as its XML handler writes it, one paragraph per list of runs: a run is text,
    ("symbol", N), ("hidden", text) for a time code, ("image",) for a picture, or ("box", paragraphs) for a text box
    (its own paragraphs, one position in this one).  ``windows``: as Transana on Windows writes a character outside
    the BMP (two symbols, its UTF-16 halves)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>'] if header else []
    out += ['<richtext version="1.0.0.0" xmlns="http://www.wxwidgets.org">', '  <paragraphlayout textcolor="#000000" fontface="Courier New">']
    for runs in paragraphs:
        out.append('    <paragraph textcolor="#000000">')
        for run in runs:
            if isinstance(run, tuple) and run[0] == "symbol":
                out.append(f"      <symbol>{run[1]}</symbol>")
            elif isinstance(run, tuple) and run[0] == "image":
                out.append('      <image imagetype="15">\n        <data>89504E47</data>\n      </image>')
            elif isinstance(run, tuple) and run[0] == "box":
                inner = rich(run[1], header=False, windows=windows).splitlines()[1:-1]
                out += ["      <textbox>", *inner, "      </textbox>"]
            else:
                value = run[1] if isinstance(run, tuple) else run
                style = ' textcolor="#FF0000" fontpointsize="1"' if isinstance(run, tuple) else ""
                out += _text_runs(value, style, windows)
        out.append("    </paragraph>")
    return "\n".join(out + ["  </paragraphlayout>", "</richtext>"])


def record(kind: str, **fields: object) -> list[str]:
    """A record as Transana's exporter writes it: its fields in order, each value escaped on its own line (rich text
    as it is)."""
    lines = [f"    <{kind}>"]
    for name, value in fields.items():
        lines.append(f"      <{name}>")
        lines.append(str(value) if name in ("XMLText", "RTFText") else f"        {escaped(str(value))}")
        lines.append(f"      </{name}>")
    return lines + [f"    </{kind}>"]


def export(sections: dict[str, list[list[str]]], *, version: str = "2.0", dtd: str = "  <!ELEMENT Num (#PCDATA)>") -> str:
    """A Transana-XML file: declaration, DTD, ``<Transana>``, the version, then each section's records."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<!DOCTYPE TransanaData [", dtd, "]>", "", "<Transana>", "  <TransanaXMLVersion>", f"    {version}", "  </TransanaXMLVersion>"]
    for section, records in sections.items():
        lines.append(f"  <{section}>")
        for lines_ in records:
            lines += lines_
        lines.append(f"  </{section}>")
    return "\n".join(lines + ["</Transana>", ""])


def keywords(*pairs: tuple[str, str, str]) -> list[list[str]]:
    return [record("KeywordRec", KeywordGroup=group, Keyword=keyword, ColorDef=colour) for group, keyword, colour in pairs]


def applied(owner: str, number: int, group: str, keyword: str) -> list[str]:
    return record("ClipKeyword", **{owner: number, "KeywordGroup": group, "Keyword": keyword})


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_transana(path, **options)
    return study, "\n".join(str(w.message) for w in caught if issubclass(w.category, QlrWarning))


# ------------------------------------------------------------------ a diary with quotes (documents, Transana 3)
DIARY = [
    ["Caf\u00e9 \U0001f60a ", "Montag", " & mehr"],  # runs: a quoted run (space at its end), bold, a quoted run
    ["Zeile eins", ("symbol", 29), "Zeile\tzwei"],  # a line break inside the paragraph; a tab
    [],  # an empty paragraph
    [("image",), "Bild davor"],  # a picture: one position, no text
]
# Transana's text (as wxWidgets counts it, code points): "Café 😊 Montag & mehr\nZeile eins\nZeile\tzwei\n\n\ufffcBild davor"
SHOWN = "Caf\u00e9 \U0001f60a Montag & mehr\nZeile eins\nZeile\tzwei\n\n\ufffcBild davor"
TEXT = SHOWN.replace("\ufffc", "")


def spot(passage: str) -> tuple[int, int]:
    start = SHOWN.index(passage)
    return start, start + len(passage)


def diary_export(tmp_path: Path, quotes: list[tuple[int, str, int, int, list[tuple[str, str]]]], *, extra_keywords=(), empty=True) -> Path:
    """A database of one diary (``DIARY``) and an empty document, with ``quotes`` (number, own text, start, end,
    keywords) and the keywords Care : coping, Care : support, Émotions : joie."""
    documents = [record("Document", Num=1, ID="P01 diary", SeriesNum=1, NoteTaker="ana", Date="2021-03-02", XMLText=rich(DIARY))]
    if empty:
        documents.append(record("Document", Num=2, ID="Leer", SeriesNum=1, XMLText=rich([[]])))
    sections = {
        "SeriesFile": [record("Series", Num=1, ID="Pflege & Familie", Owner="ana")],
        "DocumentFile": documents,
        "CollectionFile": [record("Collection", Num=1, ID="Themen", Owner="ana"), record("Collection", Num=2, ID="Bewältigung", ParentCollectNum=1, Owner="ben")],
        "QuoteFile": [record("Quote", Num=n, ID=f"Q{n}", CollectNum=2, DocumentNum=1, Comment="note " * (n == 1), XMLText=rich([[own]])) for n, own, *_ in quotes],
        "QuotePositionFile": [record("QuotePosition", Num=n, DocumentNum=1, StartChar=s, EndChar=e) for n, _, s, e, _ in quotes],
        "KeywordFile": keywords(("Care", "coping", "#ff0000"), ("Care", "support", "#0000ff"), ("\u00c9motions", "joie", "")),
        "ClipKeywordFile": [applied("QuoteNum", n, g, k) for n, _, _, _, pairs in quotes for g, k in pairs] + list(extra_keywords),
    }
    path = tmp_path / "diary.tra"
    path.write_text(export(sections), encoding="utf-8")
    return path


def test_a_document_s_rich_text_and_its_quotes_at_their_passages(tmp_path):
    quotes = [
        (1, "Caf\u00e9 \U0001f60a Montag & mehr", *spot("Caf\u00e9 \U0001f60a Montag & mehr"), [("Care", "coping")]),
        (2, "Montag", *spot("Montag"), [("Care", "support"), ("\u00c9motions", "joie")]),  # after an emoji; two keywords
        (3, "mehr Zeile eins", *spot("mehr\nZeile eins"), [("\u00c9motions", "joie")]),  # overlaps 1, across paragraphs
        (4, "zwei", *spot("zwei"), [("Care", "coping")]),  # after a line break and a tab
        (5, "Bild davor", *spot("Bild davor"), [("Care", "support")]),  # after a picture
        (6, "weg", 200, 210, [("Care", "coping")]),  # past the text's end
        (7, "Zeile", *spot("Zeile"), []),  # no keyword
    ]
    path = diary_export(tmp_path, quotes, extra_keywords=[applied("QuoteNum", 2, "Alt", "gelöscht")])
    study, said = read(path)
    assert dict(zip(study.documents["doc_id"], study.documents["text"])) == {"P01_diary": TEXT, "Leer": ""}
    assert codings(study) == sorted(
        [
            ("P01_diary", "coping", "unknown", "Caf\u00e9 \U0001f60a Montag & mehr"),
            ("P01_diary", "support", "unknown", "Montag"),
            ("P01_diary", "joie", "unknown", "Montag"),
            ("P01_diary", "joie", "unknown", "mehr\nZeile eins"),
            ("P01_diary", "coping", "unknown", "zwei"),
            ("P01_diary", "support", "unknown", "Bild davor"),
        ]
    )
    # Left out and said, with ids: the quote past the end, the keyword no longer in the list, the quote with none.
    # In the words every importer uses (qlr.io._positions.outside_text): how many codings, the document, its length in the
    # count Transana's positions use (54 characters and the picture), the quote's id and positions, how to fix it.
    assert (
        "diary.tra: 1 coding(s) lie outside their document's text and were not imported: 'P01 diary' (its text has 55 "
        "characters as Transana counts, each picture or other object one): quote 6 ('Q6') at 200–210. Fix: check those quotes in Transana"
    ) in said
    assert "1 keyword(s) applied in diary.tra are not in its keyword list (deleted in Transana?; left out): 'Alt : gelöscht' on quote 2" in said
    assert "1 quote(s) carry no keyword" in said and "quote 7 ('Q7')" in said
    assert "holds 1 picture(s) or other object(s)" in said
    # Attributes of the document, its memo-less quotes' collection path in the coding memos.
    row = study.documents.set_index("doc_id").loc["P01_diary"]
    assert (row["Library"], row["Author"], row["Date"]) == ("Pflege & Familie", "ana", "2021-03-02")
    memos = set(study.memos.loc[study.memos["target_type"] == "coding", "text"])
    assert "Quote 'Q1' in collection 'Themen > Bewältigung': note" in memos
    assert study.meta["import"]["collections"][1] == {"collection": "Themen > Bewältigung", "owner": "ben", "clips": [], "quotes": [f"Q{n}" for n in range(1, 8)]}


def test_keyword_groups_hold_their_keywords_with_colours_and_definitions(tmp_path):
    path = diary_export(tmp_path, [(1, "Montag", *spot("Montag"), [("Care", "coping")])])
    text = path.read_text(encoding="utf-8").replace("        coping\n      </Keyword>\n      <ColorDef>", "        coping\n      </Keyword>\n      <Definition>\n        Getting by &lt;day to day&gt; &amp; more\nsecond line\n      </Definition>\n      <ColorDef>", 1)
    path.write_text(text, encoding="utf-8")
    study, _ = read(path)
    (book,) = study.codebooks.values()
    codes = {code.id: code for code in book}
    assert set(codes) == {"care", "care.coping", "care.support", "emotions", "emotions.joie"}
    assert (codes["care.coping"].colour, codes["care.support"].colour, codes["emotions.joie"].colour) == ("#FF0000", "#0000FF", None)
    assert codes["care.coping"].definition == "Getting by <day to day> & more\nsecond line"
    assert codes["emotions"].name == "\u00c9motions" and codes["emotions.joie"].parent == "emotions"


def test_quotes_counted_in_utf16_units_as_on_windows_are_placed(tmp_path):
    # Transana on Windows counts wxWidgets positions in UTF-16 units: the emoji before "Montag" is two.
    start, end = spot("Montag")
    units = len(SHOWN[:start].encode("utf-16-le")) // 2
    path = diary_export(tmp_path, [(1, "Montag", units, units + 6, [("Care", "coping")])], empty=False)
    study, said = read(path)
    assert codings(study) == [("P01_diary", "coping", "unknown", "Montag")]
    assert "P01 diary: quotes' positions count UTF-16 units (Transana on Windows); 1 of 1 quotes match" in said


def test_a_quote_whose_own_text_is_not_at_its_place_is_named(tmp_path):
    path = diary_export(tmp_path, [(1, "Dienstag", *spot("Montag"), [("Care", "coping")])], empty=False)
    study, said = read(path)
    assert codings(study) == [("P01_diary", "coping", "unknown", "Montag")]  # kept at its place, and said
    assert "Dienstag" in said and "Montag" in said


# ------------------------------------------------------------------ an episode's transcript and its clips
T1 = [
    [("hidden", f"{TC}<0>"), "I: Wie geht's?"],
    [("hidden", f"{TC}<15000>"), "P: Ehrlich \U0001f60a ", "schwer", ", aber es geht."],
    [("hidden", f"{TC}<30000>"), "I: Und das Caf\u00e9?"],
    [("hidden", f"{TC}<42000>"), "P: \u00dcber alles."],
]
T1_TEXT = "I: Wie geht's?\nP: Ehrlich \U0001f60a schwer, aber es geht.\nI: Und das Caf\u00e9?\nP: \u00dcber alles."


def episode_export(tmp_path: Path, clips: list[tuple[int, int, int, list, list[tuple[str, str]]]], *, more=()) -> Path:
    """Episode 1 with transcript 1 (``T1``) and ``clips`` (number, start ms, stop ms, paragraphs of its own transcript,
    keywords); episode 2 with a transcript also called "Transcript" and a keyword on the whole episode."""
    transcripts = [
        record("Transcript", Num=1, ID="Transcript", EpisodeNum=1, Transcriber="ana", RTFText=rich(T1, header=False)),
        record("Transcript", Num=2, ID="Transcript", EpisodeNum=2, RTFText=rich([[("hidden", f"{TC}<0>"), "I: Hallo."]], header=False)),
    ]
    transcripts += [record("Transcript", Num=10 + n, TranscriptNum=1, ClipNum=n, ClipStart=s, ClipStop=e, RTFText=rich(own, header=False)) for n, s, e, own, _ in clips]
    sections = {
        "SeriesFile": [record("Series", Num=1, ID="Pflege")],
        "EpisodeFile": [
            record("Episode", Num=1, ID="P01 Welle 1", SeriesNum=1, Date="2021-03-01", MediaFile="P01_W1.mp4", Length=600000, Comment="Zu Hause"),
            record("Episode", Num=2, ID="P02 Welle 1", SeriesNum=1, Date="2021-03-08", MediaFile="P02_W1.mp4"),
        ],
        "CollectionFile": [record("Collection", Num=1, ID="Themen")],
        "ClipFile": [record("Clip", Num=n, ID=f"C{n}", CollectNum=1, EpisodeNum=1, MediaFile="P01_W1.mp4", ClipStart=s, ClipStop=e, Audio=1) for n, s, e, _, _ in clips],
        "TranscriptFile": transcripts,
        "KeywordFile": keywords(("Care", "coping", "#ff0000"), ("Care", "support", "#0000ff")),
        "ClipKeywordFile": [applied("ClipNum", n, g, k) for n, _, _, _, pairs in clips for g, k in pairs] + [applied("EpisodeNum", 2, "Care", "support")] + list(more),
        "NoteFile": [record("Note", Num=1, ID="Setting", EpisodeNum=1, NoteTaker="ana", NoteText="Laut.\nZwei Katzen.")],
    }
    path = tmp_path / "episodes.tra"
    path.write_text(export(sections), encoding="utf-8")
    return path


def test_clips_code_their_transcript_between_their_time_codes(tmp_path):
    clips = [
        (1, 15000, 30000, T1[1:2], [("Care", "coping")]),  # one segment, an emoji before "schwer"
        (2, 30000, 60000, T1[2:4], [("Care", "support")]),  # to the end: no time code at or after 60 s
        (3, 42000, 60000, T1[3:4], [("Care", "coping")]),  # nested in clip 2
        (4, 20000, 30000, T1[1:2], [("Care", "support")]),  # starts between time codes: from the one before
        (5, 0, 15000, T1[0:1], []),  # no keyword
    ]
    study, said = read(episode_export(tmp_path, clips))
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert texts == {"P01_Welle_1_Transcript": T1_TEXT, "P02_Welle_1_Transcript": "I: Hallo."}
    assert codings(study) == sorted(
        [
            ("P01_Welle_1_Transcript", "coping", "unknown", "P: Ehrlich \U0001f60a schwer, aber es geht."),
            ("P01_Welle_1_Transcript", "support", "unknown", "I: Und das Caf\u00e9?\nP: \u00dcber alles."),
            ("P01_Welle_1_Transcript", "coping", "unknown", "P: \u00dcber alles."),
            ("P01_Welle_1_Transcript", "support", "unknown", "P: Ehrlich \U0001f60a schwer, aber es geht."),
            ("P02_Welle_1_Transcript", "support", "unknown", "I: Hallo."),  # the keyword on episode 2, on its whole transcript
        ]
    )
    assert "1 clip(s) carry no keyword" in said and "clip 5 ('C5')" in said
    row = study.documents.set_index("doc_id").loc["P01_Welle_1_Transcript"]
    assert (row["Episode"], row["Date"], row["Media file"], row["Transcriber"], row["Library"]) == ("P01 Welle 1", "2021-03-01", "P01_W1.mp4", "ana", "Pflege")
    memos = study.memos
    assert "Clip 'C1' in collection 'Themen' (0:00:15.0–0:00:30.0)" in set(memos["text"])
    assert set(memos.loc[memos["target_type"] == "document", "text"]) == {"Zu Hause"}
    note = memos[memos["title"] == "Setting (on episode 1)"].iloc[0]
    assert (note["text"], note["author"]) == ("Laut.\nZwei Katzen.", "ana")


def test_a_clip_its_transcript_cannot_place_is_left_out_and_said(tmp_path):
    clips = [(1, 15000, 30000, T1[1:2], [("Care", "coping")])]
    path = episode_export(tmp_path, clips)
    # Clip 2 has no clip transcript; clip 3's transcript came from transcript 9, which is not in the export.
    text = path.read_text(encoding="utf-8").replace(
        "  </ClipFile>",
        "\n".join(record("Clip", Num=2, ID="C2", EpisodeNum=1, ClipStart=1, ClipStop=2) + record("Clip", Num=3, ID="C3", EpisodeNum=1, ClipStart=1, ClipStop=2)) + "\n  </ClipFile>",
    )
    text = text.replace("  </TranscriptFile>", "\n".join(record("Transcript", Num=30, TranscriptNum=9, ClipNum=3, RTFText=rich([["x"]], header=False))) + "\n  </TranscriptFile>")
    text = text.replace("  </ClipKeywordFile>", "\n".join(applied("ClipNum", 2, "Care", "coping") + applied("ClipNum", 3, "Care", "coping")) + "\n  </ClipKeywordFile>")
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    assert len(study.codings) == 2  # clip 1 and the keyword on episode 2
    assert "2 coded clip placement(s) in episodes.tra have no place in a transcript qlr read (left out): clip 2 ('C2') (it has no clip transcript), clip 3 ('C3') (its transcript 9 was not read)" in said


def test_snapshots_filters_and_rtf_transcripts_are_named_as_left_out(tmp_path):
    clips = [(1, 15000, 30000, T1[1:2], [("Care", "coping")])]
    path = episode_export(tmp_path, clips, more=[applied("SnapshotNum", 1, "Care", "coping")])
    text = path.read_text(encoding="utf-8").replace(
        "  <KeywordFile>",
        "  <SnapshotFile>\n" + "\n".join(record("Snapshot", Num=1, ID="Küche", MediaFile="k.jpg")) + "\n  </SnapshotFile>\n  <FilterFile>\n"
        + "\n".join(record("Filter", ReportType=1, ReportScope=1, ConfigName="x", FilterDataType=4, FilterData="y")) + "\n  </FilterFile>\n  <KeywordFile>",
    )
    text = text.replace("  </TranscriptFile>", "\n".join(record("Transcript", Num=40, ID="Alt", EpisodeNum=2, RTFText="{\\rtf1\\ansi old}")) + "\n  </TranscriptFile>")
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    assert "1 Snapshot record(s) in episodes.tra: snapshots (still pictures), which qlr does not import (left out)" in said
    assert "1 Filter record(s) in episodes.tra: report filter settings" in said
    assert "1 keyword(s) on 1 snapshot(s) (pictures)" in said
    assert "1 text(s) in episodes.tra are RTF" in said and "transcript 40 ('Alt')" in said
    assert len(study.documents) == 2


# ------------------------------------------------------------------ files that are not Transana exports, or damaged
def test_files_that_are_not_transana_exports_raise_one_clear_error(tmp_path):
    with pytest.raises(SourceNotFoundError, match="no such Transana export"):
        qlr.io.read_transana(tmp_path / "missing.tra")
    with pytest.raises(QdpxError, match="this is a folder, and a Transana export is one file"):
        qlr.io.read_transana(tmp_path)
    (other := tmp_path / "other.tra").write_text('<?xml version="1.0"?>\n<project>\n</project>\n', encoding="utf-8")
    with pytest.raises(QdpxError, match=r"other\.tra: this is not a Transana export: it has no <Transana> line"):
        qlr.io.read_transana(other)
    (words := tmp_path / "words.tra").write_text("Just some notes.\n", encoding="utf-8")
    with pytest.raises(QdpxError, match=r"words\.tra: this is not a Transana export: it has no <Transana> line"):
        qlr.io.read_transana(words)
    # One that has it, with something before it that is not Transana's.
    (before := tmp_path / "before.tra").write_text("<project>\n<Transana>\n</Transana>\n", encoding="utf-8")
    with pytest.raises(QdpxError, match=r"before\.tra:1: this Transana export is damaged: <project> comes before <Transana>"):
        qlr.io.read_transana(before)
    (bare := tmp_path / "bare.tra").write_text("<Transana>\n</Transana>\n", encoding="utf-8")
    with pytest.raises(QdpxError, match="not a Transana export: it has no <TransanaXMLVersion>"):
        qlr.io.read_transana(bare)
    assert transana_export_kind(other) is None and transana_export_kind(bare) is None


def test_a_damaged_export_names_the_file_and_the_line(tmp_path):
    good = export({"SeriesFile": [record("Series", Num=1, ID="A")]})
    stray = good.replace("      <ID>\n", "stray words\n      <ID>\n", 1)
    (path := tmp_path / "stray.tra").write_text(stray, encoding="utf-8")
    line = stray.splitlines().index("stray words") + 1
    with pytest.raises(QdpxError, match=rf"stray\.tra:{line}: this Transana export is damaged: line {line} is 'stray words' inside <Series> opened at line \d+"):
        qlr.io.read_transana(path)
    cut = good[: good.index("      </ID>")]
    (path := tmp_path / "cut.tra").write_text(cut, encoding="utf-8")
    with pytest.raises(QdpxError, match=r"cut\.tra:\d+: .*the file ends inside <ID> opened at line \d+"):
        qlr.io.read_transana(path)
    (path := tmp_path / "latin.tra").write_bytes(good.replace("A\n", "Caf\u00e9\n").encode("latin-1"))
    with pytest.raises(QdpxError, match=r"latin\.tra:\d+: the export is not UTF-8"):
        qlr.io.read_transana(path)
    bad_rich = export({"DocumentFile": [record("Document", Num=1, ID="D", XMLText="<richtext><paragraph><text>open</paragraph>")]})
    (path := tmp_path / "rich.tra").write_text(bad_rich, encoding="utf-8")
    study, said = read(path)  # one document's rich text is broken: it is left out and named, the rest read
    assert len(study.documents) == 0 and "document 1 ('D')" in said and "not well-formed" in said


def test_entities_are_refused_and_size_is_capped(tmp_path):
    (path := tmp_path / "dtd.tra").write_text(export({}, dtd='  <!ENTITY boom "boom">'), encoding="utf-8")
    with pytest.raises(QdpxError, match=r"dtd\.tra:3: unsafe XML refused: the export's DTD declares an entity"):
        qlr.io.read_transana(path)
    hostile = '<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<richtext xmlns="http://www.wxwidgets.org"><paragraph><text>&a;</text></paragraph></richtext>'
    (path := tmp_path / "entity.tra").write_text(export({"DocumentFile": [record("Document", Num=1, ID="D", XMLText=hostile)]}), encoding="utf-8")
    study, said = read(path)
    assert len(study.documents) == 0 and "unsafe XML refused" in said
    (path := tmp_path / "big.tra").write_text(export({}), encoding="utf-8")
    with pytest.raises(QdpxError, match=r"big.tra: this holds \d+ bytes, over the limit of 10 bytes qlr reads"):
        qlr.io.read_transana(path, max_bytes=10)


def test_windows_line_ends_read_the_same(tmp_path):
    quotes = [(1, "Montag", *spot("Montag"), [("Care", "coping")])]
    path = diary_export(tmp_path, quotes)
    expected = codings(read(path)[0])
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert codings(read(path)[0]) == expected == [("P01_diary", "coping", "unknown", "Montag")]


def test_the_export_is_not_changed_the_command_line_and_a_round_trip(tmp_path, capsys):
    path = diary_export(tmp_path, [(1, "Montag", *spot("Montag"), [("Care", "coping")])])
    before, stamp = hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns
    expected = codings(read(path)[0])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before and os.stat(path).st_mtime_ns == stamp
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary.tra"]
    out = tmp_path / "study.qlr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["import", str(path), "-o", str(out), "-q"]) == 3  # the diary's picture is not imported: data left out (stop 59)
        assert codings(qlr.open(out)) == expected
        # Saved as .xml (Transana offers both), it is known by its content.
        shutil.copy(path, xml := tmp_path / "diary.xml")
        assert main(["import", str(xml), "-o", str(tmp_path / "from_xml.qlr"), "-q"]) == 3
        assert codings(qlr.open(tmp_path / "from_xml.qlr")) == expected
        qlr.io.write_qdpx(qlr.open(out), tmp_path / "back.qdpx")
        assert codings(qlr.io.read_qdpx(tmp_path / "back.qdpx")) == expected
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main(["info", str(path)])  # read as qlr import reads it
    assert "2 documents" in capsys.readouterr().out
    with pytest.raises(qlr.errors.ProjectFileError, match=r"a Transana database export \(Transana-XML\)\. Fix: import it: qlr import diary\.tra -o study\.qlr"):
        qlr.open(path)
    (junk := tmp_path / "junk.tra").write_text("PK not Transana\n", encoding="utf-8")
    assert main(["import", str(junk), "-o", str(tmp_path / "junk.qlr")]) != 0
    assert "junk.tra: this is not a Transana export: it has no <Transana> line" in capsys.readouterr().err


# ------------------------------------------------------------------ Transana's own exporter (tests/transana_oracle.py)
MIRROR = Path(os.environ.get("QLR_TRANSANA_MIRROR", "/work/.mirror/sanyaade-machine-learning+Transana/repo"))
SOURCE = Path(os.environ.get("QLR_TRANSANA_SRC", "/tmp/s55/t19-data/src"))
ORACLE_FILES = ("XMLExport.py", "DBInterface.py")


def oracle_python() -> tuple[str | None, str]:
    """The Python 2.7 (with sqlite3) that runs Transana's exporter, or None and why not."""
    given = os.environ.get("QLR_PYTHON2")
    found = given or next((p for p in ("/root/.pyenv/versions/2.7.18/bin/python2.7", "/usr/bin/python2.7") if Path(p).is_file()), shutil.which("python2.7"))
    if not found or not Path(found).is_file():
        return None, f"Python 2.7 is not at {found} (QLR_PYTHON2) to run Transana's exporter" if found else "Python 2.7 is not here (set QLR_PYTHON2) to run Transana's exporter"
    try:
        done = subprocess.run([found, "-c", "import sqlite3"], capture_output=True, check=False, timeout=60)
    except OSError as exc:
        return None, f"{found} does not run ({exc}): set QLR_PYTHON2 to a Python 2.7"
    if done.returncode:
        return None, f"{found} has no sqlite3 module, which Transana's exporter needs"
    return found, ""


def oracle_source(tmp_path: Path, *, mirror: Path = MIRROR, given: Path = SOURCE) -> tuple[Path | None, str]:
    """A folder with Transana 3.00's XMLExport.py and DBInterface.py (QLR_TRANSANA_SRC, else taken from the mirror of
    its public repository into ``tmp_path``), or None and why not."""
    if all((given / name).is_file() for name in ORACLE_FILES):
        return given, ""
    if not mirror.is_dir():
        return None, "Transana's source is not here (set QLR_TRANSANA_SRC to a folder with its XMLExport.py and DBInterface.py)"
    source = tmp_path / "src"
    source.mkdir(exist_ok=True)
    for name in ORACLE_FILES:
        done = subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{name}"], capture_output=True, check=False)
        if done.returncode:
            return None, f"{name} is not in the mirror of Transana's repository at {mirror}"
        (source / name).write_bytes(done.stdout)
    return source, ""


@pytest.fixture
def transana_export(tmp_path):
    """The oracle's database exported by Transana 3.00's own ``XMLExport`` (skipped, saying why, without Python 2.7 or
    its source)."""
    python2, why = oracle_python()
    if python2 is None:
        pytest.skip(why)
    source, why = oracle_source(tmp_path)
    if source is None:
        pytest.skip(why)
    out = tmp_path / "carers.tra"
    oracle = Path(__file__).with_name("transana_oracle.py")
    done = subprocess.run([python2, str(oracle), str(source), str(out)], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    return out


def test_transana_s_own_export(transana_export):
    # Written by Transana's XMLExport: 3 documents (one empty), 2 episode transcripts (both "Transcript"), 4 clips
    # (3 with keywords), 7 quotes (6 with keywords), 3 keywords in 2 groups, 14 keyword applications: 11 placed; left
    # out and said: the deleted keyword 'Old : gone', quote 5 past the diary's end, the snapshot's keyword.
    text = transana_export.read_text(encoding="utf-8")
    assert text.count('<?xml version="1.0" encoding="UTF-8"?>') == 1 + 3 + 7  # the file's, each document's and quote's: Transana keeps them
    study, said = read(transana_export)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert texts == {
        "P01_diary": "Diary \u2013 week 1\nCaf\u00e9 on Mondays helps \U0001f60a a lot.\n\u00dcbergang is \"hard\"\nbut we cope & carry on.\n\nLast line.",
        "Empty_page": "",
        "Call_notes": "\U0001f4ac Notes from the call\n\U0001f600 Relief, finally.",
        "P01_wave_1_Transcript": "I: How have things been?\nP: Honestly \U0001f60a it's been hard, but I'm coping.\nI: And the caf\u00e9?\nP: \u00dcber alles \u2013 it's the one place I'm not \u201cthe carer\u201d.",
        "P02_wave_1_Transcript": "I: Hello.\nP: Hi <3 & bye.",
    }
    assert codings(study) == sorted(
        [
            ("P01_diary", "coping", "unknown", "Caf\u00e9 on Mondays helps \U0001f60a a lot."),
            ("P01_diary", "support", "unknown", "a lot."),
            ("P01_diary", "joie", "unknown", "a lot.\n\u00dcbergang"),
            ("P01_diary", "coping", "unknown", "but we cope & carry on."),
            ("P01_diary", "joie", "unknown", texts["P01_diary"]),  # the keyword on the whole document
            ("Call_notes", "joie", "unknown", "Relief, finally."),  # positions in UTF-16 units (Windows)
            ("P01_wave_1_Transcript", "coping", "unknown", "P: Honestly \U0001f60a it's been hard, but I'm coping."),
            ("P01_wave_1_Transcript", "joie", "unknown", "P: Honestly \U0001f60a it's been hard, but I'm coping."),
            ("P01_wave_1_Transcript", "support", "unknown", "I: And the caf\u00e9?\nP: \u00dcber alles \u2013 it's the one place I'm not \u201cthe carer\u201d."),
            ("P01_wave_1_Transcript", "coping", "unknown", "P: \u00dcber alles \u2013 it's the one place I'm not \u201cthe carer\u201d."),
            ("P02_wave_1_Transcript", "support", "unknown", "I: Hello.\nP: Hi <3 & bye."),  # the keyword on episode 2
        ]
    )
    assert "'Old : gone' on quote 1" in said and "quote 5 ('Gone past the end') at 500–510" in said
    assert "1 keyword(s) on 1 snapshot(s)" in said and "quote 6 ('Uncoded')" in said and "clip 4 ('No keyword')" in said
    (book,) = study.codebooks.values()
    codes = {code.id: code for code in book}
    assert codes["care.coping"].definition == "Getting by <day to day> & more" and codes["care.coping"].colour == "#FF0000"
    assert codes["emotions.joie"].definition == "Joy \U0001f60a"
    assert study.meta["import"]["transana_xml_version"] == "2.0"
    assert [c["collection"] for c in study.meta["import"]["collections"]] == ["Themes", "Themes > Coping"]


def test_a_clip_transcript_s_own_times_and_an_old_clip_s_transcript_number(tmp_path):
    # Clip 1's transcript keeps its own times (30–42 s), which win over the clip's (15–30 s); clip 2 is laid out as
    # Transana-XML 1.3 and earlier wrote it: the clip names its transcript, its clip transcript does not.
    path = episode_export(tmp_path, [(1, 15000, 30000, T1[2:3], [("Care", "coping")])])
    text = path.read_text(encoding="utf-8")
    text = text.replace("        15000\n      </ClipStart>\n      <ClipStop>\n        30000\n      </ClipStop>\n      <RTFText>", "        30000\n      </ClipStart>\n      <ClipStop>\n        42000\n      </ClipStop>\n      <RTFText>", 1)
    old_clip = record("Clip", Num=2, ID="Alt", EpisodeNum=1, TranscriptNum=1, ClipStart=42000, ClipStop=60000)
    text = text.replace("  </ClipFile>", "\n".join(old_clip) + "\n  </ClipFile>")
    text = text.replace("  </TranscriptFile>", "\n".join(record("Transcript", Num=31, ClipNum=2, RTFText=rich(T1[3:4], header=False))) + "\n  </TranscriptFile>")
    text = text.replace("  </ClipKeywordFile>", "\n".join(applied("ClipNum", 2, "Care", "support")) + "\n  </ClipKeywordFile>")
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    assert [c for c in codings(study) if c[0] == "P01_Welle_1_Transcript"] == [
        ("P01_Welle_1_Transcript", "coping", "unknown", "I: Und das Caf\u00e9?"),
        ("P01_Welle_1_Transcript", "support", "unknown", "P: \u00dcber alles."),
    ]
    assert "left out" not in said


def test_a_folder_names_a_transana_export_among_its_transcripts(tmp_path):
    # A researcher keeps the export beside the transcripts: a folder never reads its codings, so it is named; a .tra of
    # another tool (a translation table) is not a coded project and is not.
    diary_export(tmp_path, [(1, "Montag", *spot("Montag"), [("Care", "coping")])])
    (tmp_path / "P01_W1.txt").write_text("I: How are you?\nP01: Tired but coping.\n", encoding="utf-8")
    (tmp_path / "words.tra").write_text("hello\tbonjour\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path)
    notes = " ".join(qlr.io.load_notes(study)["note"])
    assert "1 coded project file(s) not read with the folder (their codes and codings are not loaded): diary.tra;" in notes


def test_a_clip_with_two_transcripts_from_one_transcript_is_coded_there_once(tmp_path):
    path = episode_export(tmp_path, [(1, 15000, 30000, T1[1:2], [("Care", "coping")])])
    again = record("Transcript", Num=77, TranscriptNum=1, ClipNum=1, ClipStart=15000, ClipStop=30000, RTFText=rich(T1[1:2], header=False))
    path.write_text(path.read_text(encoding="utf-8").replace("  </TranscriptFile>", "\n".join(again) + "\n  </TranscriptFile>"), encoding="utf-8")
    study, said = read(path)
    assert [c for c in codings(study) if c[0] == "P01_Welle_1_Transcript"] == [("P01_Welle_1_Transcript", "coping", "unknown", "P: Ehrlich \U0001f60a schwer, aber es geht.")]
    assert "1 clip(s) have a second clip transcript from the same transcript: the clip is coded there once: clip 1 ('C1') on transcript 1" in said


def test_records_repeated_or_without_a_number_are_left_out_and_said(tmp_path):
    quotes = [(1, "Montag", *spot("Montag"), [("Care", "coping")])]
    path = diary_export(tmp_path, quotes, extra_keywords=[applied("QuoteNum", 1, "Care", "coping")], empty=False)
    text = path.read_text(encoding="utf-8")
    document = text[text.index("    <Document>") : text.index("    </Document>") + len("    </Document>")]
    again = document.replace("P01 diary", "P01 copy")
    text = text.replace(document, document + "\n" + again + "\n" + "\n".join(record("Document", ID="no number", XMLText=rich([["x"]]))))
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    assert codings(study) == [("P01_diary", "coping", "unknown", "Montag")]  # the first document 1, coded once
    assert list(study.documents["doc_id"]) == ["P01_diary"]
    assert "2 <Document> record(s) in diary.tra have no number or one an earlier record has (left out): line " in said
    assert "(number 1 again)" in said and "(no number)" in said
    assert "1 keyword(s) are applied twice to one clip, quote, document or episode: one coding each: 'Care : coping' on quote 1" in said


# ------------------------------------------------------------------ the review: wxWidgets' own rich text, hostile files
def one_document(tmp_path: Path, xml: str, quotes=(), *, version: str = "2.0", name: str = "doc.tra", extra: dict | None = None) -> Path:
    """A database of one document whose rich text is ``xml``, with ``quotes`` (number, start, end, own text) coded
    Care : coping."""
    sections = {
        "DocumentFile": [record("Document", Num=1, ID="D1", XMLText=xml)],
        "QuoteFile": [record("Quote", Num=n, ID=f"Q{n}", DocumentNum=1, XMLText=rich([[own]])) for n, _, _, own in quotes],
        "QuotePositionFile": [record("QuotePosition", Num=n, DocumentNum=1, StartChar=a, EndChar=b) for n, a, b, _ in quotes],
        "KeywordFile": keywords(("Care", "coping", "#ff0000")),
        "ClipKeywordFile": [applied("QuoteNum", n, "Care", "coping") for n, *_ in quotes],
        **(extra or {}),
    }
    path = tmp_path / name
    path.write_text(export(sections, version=version), encoding="utf-8")
    return path


def test_rich_text_as_wxwidgets_writes_it_on_windows_and_macos(tmp_path):
    # wxWidgets' writer (its current source) writes a double quote, a tab and a character outside XML's ranges as
    # <symbol>N</symbol>; on Windows (UTF-16) an emoji is its two halves, two symbols and two positions.
    paragraphs = [['Sie sagte "nein" \U0001f60a ', "und\tging."], ["Ende."]]
    shown = 'Sie sagte "nein" \U0001f60a und\tging.\nEnde.'
    for windows in (False, True):
        xml = rich(paragraphs, windows=windows)
        assert "<symbol>34</symbol>" in xml and "<symbol>9</symbol>" in xml
        assert ("<symbol>55357</symbol>" in xml) == windows and ("<symbol>128522</symbol>" in xml) == (not windows)
        start = shown.index("und")
        if windows:
            start += 1  # the emoji before it is two UTF-16 units
        path = one_document(tmp_path, xml, [(1, start, start + 3, "und"), (2, 10, 16, '"nein"')], name=f"w{windows}.tra")
        study, said = read(path)
        assert study.documents["text"][0] == shown
        assert codings(study) == [("D1", "coping", "unknown", '"nein"'), ("D1", "coping", "unknown", "und")]
        assert ("count UTF-16 units" in said) == windows


def test_a_text_box_in_a_paragraph_is_one_position_and_its_text_is_not_read_twice(tmp_path):
    # A text box (or table) sits in a paragraph as one object; its own paragraphs are not the document's.
    xml = rich([["Vorher ", ("box", [["im Kasten"]]), " nachher."], ["Zweite Zeile."]])
    shown = "Vorher \ufffc nachher.\nZweite Zeile."
    start = shown.index("Zweite")
    study, said = read(one_document(tmp_path, xml, [(1, start, start + 6, "Zweite")]))
    assert study.documents["text"][0] == shown.replace("\ufffc", "")
    assert codings(study) == [("D1", "coping", "unknown", "Zweite")]
    assert "holds 1 picture(s) or other object(s)" in said


def test_a_run_with_properties_and_quotes_as_wxwidgets_reads_them(tmp_path):
    # wxWidgets' loader takes a run's text after its <properties>, trimmed, and takes a double quote off either end of
    # each text node (the marks of a run with a space at either end), not only when both are there.
    xml = (
        '<richtext xmlns="http://www.wxwidgets.org"><paragraphlayout><paragraph>'
        '<text><properties><property name="x" value="1"/></properties>\n      "Hallo "</text>'
        "<text>&quot;Welt</text></paragraph></paragraphlayout></richtext>"
    )
    study, _ = read(one_document(tmp_path, xml))
    assert study.documents["text"][0] == "Hallo Welt"


def test_symbols_no_text_can_hold_are_replaced_and_said_and_a_bad_number_refuses_that_text(tmp_path):
    xml = rich([["a", ("symbol", 1), "b", ("symbol", 55357), "c"]])
    study, said = read(one_document(tmp_path, xml, [(1, 4, 5, "c")]))
    assert study.documents["text"][0] == "a\ufffdb\ufffdc"
    assert codings(study) == [("D1", "coping", "unknown", "c")]
    assert "document 1 ('D1') holds 2 character(s) no text can hold" in said
    for junk in ("99999999", "-5", "\u0661\u0662", "x"):
        bad = rich([["a", ("symbol", junk)]])
        study, said = read(one_document(tmp_path, bad, name="bad.tra"))
        assert len(study.documents) == 0 and "document 1 ('D1')" in said and "no character number" in said


def test_line_separators_inside_values_and_texts_are_kept(tmp_path):
    # Transana reads its export by line feeds; U+2028, U+0085 and wxWidgets' line break character (29) in a value are
    # characters of that value, not line ends.
    xml = rich([["eins\u2028zwei drei"]])
    path = one_document(tmp_path, xml, [(1, 10, 14, "drei")])
    text = path.read_text(encoding="utf-8").replace("        D1\n", "        D1\u0085 Tage\x1dbuch\n", 1)
    path.write_text(text, encoding="utf-8")
    study, _ = read(path)
    assert study.documents["text"][0] == "eins\u2028zwei drei"
    assert codings(study) == [("D1_Tage_buch", "coping", "unknown", "drei")]
    assert study.documents["title"][0] == "D1\u0085 Tage\x1dbuch"


def test_an_export_of_transana_3_1_escapes_double_quotes_and_holds_synonyms(tmp_path):
    # Transana 3.1 writes Transana-XML 2.1: its Escape writes " as &quot; (undone by its UnEscape), and a table of
    # search synonyms (<SynonymRec>), which qlr does not import.
    synonyms = {"SynonymFile": [record("SynonymRec", SynonymGroup="Pflege", Synonym="Sorge")]}
    path = one_document(tmp_path, rich([["Text"]]), [(1, 0, 4, "Text")], version="2.1", extra=synonyms)
    text = path.read_text(encoding="utf-8").replace("        D1\n", "        &quot;D1&quot; &amp; mehr\n", 1)
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    row = study.documents.iloc[0]
    assert row["text"] == "Text" and codings(study)[0][1:] == ("coping", "unknown", "Text")
    assert "1 SynonymRec record(s) in doc.tra: search synonyms (Transana 3.1), which qlr does not import (left out)" in said
    assert "not one qlr has read" not in said
    assert study.meta["import"]["transana_xml_version"] == "2.1"
    assert row["title"] == '"D1" & mehr'


def test_the_oracle_script_is_never_collected_as_a_test_module():
    # --doctest-modules imports every .py under tests/: the oracle (Python 2.7 code that reads sys.argv and puts
    # stand-ins for wx into sys.modules) must be left out, or collecting the suite fails.
    done = subprocess.run(
        # The folder collected as the suite collects it, its test_*.py files aside (they are not what is checked).
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-n", "0", "tests", "--ignore-glob=tests/test_*.py"],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parents[1], timeout=300,
    )
    assert "ERROR collecting" not in done.stdout + done.stderr and done.returncode == 5, done.stdout[-2000:]


def test_the_oracle_is_skipped_with_its_reason_when_python_2_or_the_source_is_absent(tmp_path, monkeypatch):
    monkeypatch.setenv("QLR_PYTHON2", str(tmp_path / "no-python2.7"))
    assert oracle_python() == (None, f"Python 2.7 is not at {tmp_path / 'no-python2.7'} (QLR_PYTHON2) to run Transana's exporter")
    assert oracle_source(tmp_path, mirror=tmp_path / "no-mirror", given=tmp_path / "empty") == (
        None,
        "Transana's source is not here (set QLR_TRANSANA_SRC to a folder with its XMLExport.py and DBInterface.py)",
    )


def test_keywords_on_quotes_or_clips_the_export_does_not_hold_are_named(tmp_path):
    path = one_document(tmp_path, rich([["Text hier"]]), [(1, 0, 4, "Text")])
    ghosts = applied("QuoteNum", 99, "Care", "coping") + applied("ClipNum", 7, "Care", "coping") + applied("ClipNum", 7, "Care", "coping")
    path.write_text(path.read_text(encoding="utf-8").replace("  </ClipKeywordFile>", "\n".join(ghosts) + "\n  </ClipKeywordFile>"), encoding="utf-8")
    study, said = read(path)
    assert codings(study) == [("D1", "coping", "unknown", "Text")]
    assert "2 keyword(s) in doc.tra are applied to a quote or clip the export does not hold (left out): 'Care : coping' on quote 99, 'Care : coping' on clip 7" in said


def test_an_unclosed_dtd_and_a_file_of_another_kind_are_said_for_what_they_are(tmp_path):
    (path := tmp_path / "dtd.tra").write_text(export({}).replace("]>\n", "", 1), encoding="utf-8")
    with pytest.raises(QdpxError, match=r"dtd\.tra:2: this Transana export is damaged: its DTD, opened at line 2, never closes \(no \]> line\)"):
        qlr.io.read_transana(path)
    (path := tmp_path / "zipped.tra").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xff\xfe project.qde")
    with pytest.raises(QdpxError, match=r"zipped\.tra: this is not a Transana export: it has no <Transana> line"):
        qlr.io.read_transana(path)


def test_clip_transcripts_and_quote_positions_of_records_not_in_the_export_are_named(tmp_path):
    path = one_document(tmp_path, rich([["Text hier"]]), [(1, 0, 4, "Text")])
    orphans = record("QuotePosition", Num=5, DocumentNum=1, StartChar=0, EndChar=4)
    clip_transcript = record("Transcript", Num=9, TranscriptNum=1, ClipNum=3, ClipStart=0, ClipStop=10, RTFText=rich([["x"]], header=False))
    text = path.read_text(encoding="utf-8").replace("  </QuotePositionFile>", "\n".join(orphans) + "\n  </QuotePositionFile>")
    text = text.replace("  <KeywordFile>", "  <TranscriptFile>\n" + "\n".join(clip_transcript) + "\n  </TranscriptFile>\n  <KeywordFile>")
    path.write_text(text, encoding="utf-8")
    study, said = read(path)
    assert codings(study) == [("D1", "coping", "unknown", "Text")]
    assert "1 quote position(s) in doc.tra belong to a quote the export does not hold (not read): quote 5" in said
    assert "1 clip transcript(s) in doc.tra belong to a clip the export does not hold (not read): transcript 9 of clip 3" in said


def test_a_text_written_on_windows_counts_utf16_even_when_its_quotes_carry_no_text(tmp_path):
    # wxWidgets on Windows writes an emoji as its two UTF-16 halves: the text itself says how Transana counted there.
    shown = "\U0001f60a Erleichtert, endlich."
    for windows in (True, False):
        start = shown.index("endlich") + (1 if windows else 0)
        path = one_document(tmp_path, rich([[shown]], windows=windows), [(1, start, start + 7, "")], name=f"w{windows}.tra")
        study, said = read(path)
        assert codings(study) == [("D1", "coping", "unknown", "endlich")]
        assert ("D1: quotes' positions count UTF-16 units (Transana on Windows: its text holds characters as UTF-16 halves)" in said) == windows


def test_wxwidgets_2_8_character_references_to_utf16_halves_are_read(tmp_path):
    # wxWidgets 2.8 (Transana 2.5x-2.6x) wrote every character above 127 as a character reference, one per wxChar:
    # on Windows an emoji became &#55357;&#56842;, which no XML parser accepts.  The halves are joined (and say
    # Windows); a lone half is U+FFFD, said.
    xml = (
        '<richtext version="1.0.0.0" xmlns="http://www.wxwidgets.org"><paragraphlayout><paragraph>'
        '<text>Caf&#233; &#55357;&#56842; endlich&#56842;</text></paragraph></paragraphlayout></richtext>'
    )
    start = len("Café 😊 ".encode("utf-16-le")) // 2
    study, said = read(one_document(tmp_path, xml, [(1, start, start + 7, "")]))
    assert study.documents["text"][0] == "Caf\u00e9 \U0001f60a endlich\ufffd"
    assert codings(study) == [("D1", "coping", "unknown", "endlich")]
    assert "holds 1 character(s) no text can hold" in said and "count UTF-16 units" in said
