"""Coding kept in the documents themselves: Word and OpenDocument comments and highlights, PDF annotations.

Every file here is a lookalike written for the test (python-docx, raw OpenDocument
XML, a PDF page in Courier, whose every character is 600/1000 of the font size
wide, so a highlight's words are known exactly).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

import qlr
from qlr.errors import ManifestError, RowsRefusedWarning
from qlr.io._annotations import comment_codes
from qlr.io._readers import read_source

ANN = ["Interviewer: How has the group been since we last spoke?", "Ann: We took over the rota from the staff. It is nice to feel useful again.", "Interviewer: And the new manager?", "Ann: I do not trust her yet."]


def _pieces(paragraph, pieces: list[str]) -> dict[str, list]:  # type: ignore[type-arg]
    """Cut a paragraph's one run at every piece's ends (pieces may overlap); each piece's runs."""
    text = paragraph.text
    spans = {words: (text.index(words), text.index(words) + len(words)) for words in pieces}
    cuts = sorted({0, len(text), *(at for span in spans.values() for at in span)})
    paragraph.clear()
    runs = [(start, end, paragraph.add_run(text[start:end])) for start, end in zip(cuts, cuts[1:])]
    return {words: [run for start, end, run in runs if first <= start and end <= last] for words, (first, last) in spans.items()}


def _coded_docx(path: Path, comments: list[tuple[int, str, str, str]], highlights: list[tuple[int, str, object]] = (), lines: list[str] = ANN) -> None:  # type: ignore[assignment]
    """A transcript with comments ``(paragraph, words, comment, author)`` and highlights ``(paragraph, words, colour)``."""
    document = docx.Document()
    paragraphs = [document.add_paragraph(line) for line in lines]
    wanted: dict[int, list[str]] = {}
    for number, words, *_ in [*comments, *highlights]:
        wanted.setdefault(number, []).append(words)
    runs = {(number, words): found for number, pieces in wanted.items() for words, found in _pieces(paragraphs[number], pieces).items()}
    for number, words, text, author in comments:
        document.add_comment(runs[number, words], text=text, author=author, initials=author[:2])
    for number, words, colour in highlights:
        for run in runs[number, words]:
            run.font.highlight_color = colour
    document.save(path)


# --------------------------------------------------------------- comment words
@pytest.mark.parametrize(
    ("comment", "codes", "memo"),
    [
        ("Reciprocity", ["Reciprocity"], ""),
        ("Reciprocity – gives back to the group", ["Reciprocity"], "gives back to the group"),
        ("Reciprocity - gives back", ["Reciprocity"], "gives back"),
        ("Trust: low, since the new manager came", ["Trust"], "low, since the new manager came"),
        ("Trust; Hope | Loss", ["Trust", "Hope", "Loss"], ""),
        ("CODE: Barriers\\Transport", ["Barriers\\Transport"], ""),
        ("Power::Shared", ["Power::Shared"], ""),
        ("#trust #hope", ["trust", "hope"], ""),
        ("Trust\nHope\nShe sounds settled now.", ["Trust", "Hope"], "She sounds settled now."),
        ("Is this the same rota as at W1?", [], "Is this the same rota as at W1?"),
        ("She said the same at W1, almost word for word, so this is stable.", [], "She said the same at W1, almost word for word, so this is stable."),
        ("", [], ""),
    ],
)
def test_comment_codes(comment: str, codes: list[str], memo: str) -> None:
    assert comment_codes(comment) == (codes, memo)


# ------------------------------------------------------------------------ Word
def test_docx_comments_are_spans_of_the_stored_text(tmp_path: Path) -> None:
    path = tmp_path / "A01_W1_interview.docx"
    _coded_docx(path, [(1, "We took over the rota", "Coproduction", "Rachel Miles"), (1, "nice to feel useful again", "Reciprocity – gives back", "Rachel Miles")], [(3, "I do not trust her yet", WD_COLOR_INDEX.YELLOW)])
    source = read_source(path, marks=True)
    spans = [(m.kind, source.text[m.start : m.end], m.text, m.author, m.colour) for m in source.marks]
    assert spans == [
        ("comment", "We took over the rota", "Coproduction", "Rachel Miles", None),
        ("comment", "nice to feel useful again", "Reciprocity – gives back", "Rachel Miles", None),
        ("highlight", "I do not trust her yet", "", None, "yellow"),
    ]


def test_docx_comment_across_paragraphs_and_a_reply(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.add_paragraph("Ann: We took over the rota.")
    second = document.add_paragraph("Ann: Then the kitchen too.")
    document.add_comment([first.runs[0], second.runs[0]], text="Coproduction", author="Rachel Miles")
    path = tmp_path / "A01_W1_interview.docx"
    document.save(path)
    source = read_source(path, marks=True)
    (mark,) = source.marks
    assert source.text[mark.start : mark.end] == "Ann: We took over the rota.\nAnn: Then the kitchen too."


def _study(tmp_path: Path, entry: str, files: dict[str, object]) -> Path:
    for name, make in files.items():
        make(tmp_path / name)  # type: ignore[operator]
    (tmp_path / "study.yaml").write_text(
        "name: Rota\nwaves: [W1, W2]\ndocuments:\n  - path: '*_interview.*'\ncodings:\n" + entry,
        encoding="utf-8",
    )
    return tmp_path


def test_word_comments_load_as_codings_and_memos(tmp_path: Path) -> None:
    def w1(path: Path) -> None:
        _coded_docx(
            path,
            [
                (1, "We took over the rota", "Coproduction – they run it now", "Rachel Miles"),
                (1, "nice to feel useful again", "Reciprocity; Wellbeing", "Rachel Miles"),
                (3, "I do not trust her", "Why not? Ask at W2.", "Rachel Miles"),
            ],
            [(3, "trust her yet", WD_COLOR_INDEX.YELLOW), (1, "from the staff", WD_COLOR_INDEX.BRIGHT_GREEN)],
        )

    folder = _study(tmp_path, "  - {comments: '*.docx', coders: {Rachel Miles: rm}, coder: rm, colours: {yellow: Trust}}\n", {"A01_W1_interview.docx": w1})
    with pytest.warns(RowsRefusedWarning, match=r"1 comment\(s\), highlight\(s\).*colours not mapped: green \(1\).*'from the staff'"):
        study = qlr.load(folder)
    text = study.documents.set_index("doc_id").loc["A01_W1_interview", "text"]
    got = sorted((text[row.start : row.end], row.code_id, row.coder) for row in study.codings.itertuples())
    assert got == [
        ("We took over the rota", "coproduction", "rm"),
        ("nice to feel useful again", "reciprocity", "rm"),
        ("nice to feel useful again", "wellbeing", "rm"),
        ("trust her yet", "trust", "rm"),
    ]
    assert set(study.codings["codebook"]) == {"comments"}
    assert study.codings["seg_id"].notna().all()
    memos = study.memos.set_index("text")
    assert memos.loc["they run it now", "target_type"] == "coding"
    coproduction = study.codings.loc[study.codings["code_id"] == "coproduction", "coding_id"].item()
    assert memos.loc["they run it now", "target_id"] == coproduction
    # A comment that names no code is a memo on the segment its passage lies in.
    assert memos.loc["Why not? Ask at W2.", "target_type"] == "segment"
    segment = study.segments.set_index("seg_id").loc[memos.loc["Why not? Ask at W2.", "target_id"]]
    assert "I do not trust her yet." in text[segment.start : segment.end]
    assert (memos["author"] == "rm").all()


def test_highlights_without_colours_are_counted_in_the_notes(tmp_path: Path) -> None:
    folder = _study(tmp_path, "  - comments: A01_W1_interview.docx\n", {"A01_W1_interview.docx": lambda p: _coded_docx(p, [(1, "We took over the rota", "Coproduction", "rm")], [(3, "trust her yet", WD_COLOR_INDEX.YELLOW)])})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsRefusedWarning)
        study = qlr.load(folder)
    assert study.codings["code_id"].tolist() == ["coproduction"]
    assert any("1 highlighted passage(s)" in note and "yellow (1)" in note and "colours:" in note for note in study.meta["inferred"])


def test_a_highlight_needs_a_coder(tmp_path: Path) -> None:
    folder = _study(tmp_path, "  - {comments: '*.docx', colours: {yellow: Trust}}\n", {"A01_W1_interview.docx": lambda p: _coded_docx(p, [], [(3, "trust her yet", WD_COLOR_INDEX.YELLOW)])})
    with pytest.raises(ManifestError, match="names no coder.*coder: initials"):
        qlr.load(folder)


def test_comments_entry_must_name_documents(tmp_path: Path) -> None:
    folder = _study(tmp_path, "  - comments: '*.pdf'\n", {"A01_W1_interview.docx": lambda p: _coded_docx(p, [], [])})
    with pytest.raises(ManifestError, match=r"comments: \*\.pdf' matches no file"):
        qlr.load(folder)


def test_colour_must_be_a_colour(tmp_path: Path) -> None:
    folder = _study(tmp_path, "  - {comments: '*.docx', colours: {none: Trust}}\n", {"A01_W1_interview.docx": lambda p: _coded_docx(p, [], [])})
    with pytest.raises(ManifestError, match="no highlight colour"):
        qlr.load(folder)


# ----------------------------------------------------------------- OpenDocument
_ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:background-color="#ffff00"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:p>Interviewer: How has the group been?</text:p>
<text:p>Ann: We <office:annotation office:name="__Annotation__1"><dc:creator>Sam Osei</dc:creator><dc:date>2024-03-12T10:00:00</dc:date><text:p>Coproduction</text:p></office:annotation>took over the rota<office:annotation-end office:name="__Annotation__1"/> from the staff.</text:p>
<text:p>Ann: I do not <text:span text:style-name="T1">trust her yet</text:span>.<office:annotation><dc:creator>Sam Osei</dc:creator><text:p>Trust</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>"""


def _odt(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", _ODT_CONTENT)


def test_odt_comments_and_highlights(tmp_path: Path) -> None:
    folder = _study(tmp_path, "  - {comments: '*.odt', coder: so, colours: {'#ffff00': Trust}}\n", {"A01_W1_interview.odt": _odt})
    with pytest.warns(RowsRefusedWarning, match=r"1 comment.*comment 2 by Sam Osei \('Trust'\): it marks a point"):
        study = qlr.load(folder)
    text = study.documents["text"].iloc[0]
    got = sorted((text[row.start : row.end], row.code_id, row.coder) for row in study.codings.itertuples())
    assert got == [("took over the rota", "coproduction", "so"), ("trust her yet", "trust", "so")]
    assert str(study.codings.loc[study.codings["code_id"] == "coproduction", "created"].item()) == "2024-03-12 10:00:00+00:00"


# ------------------------------------------------------------------------- PDF
def _pdf(path: Path, lines: list[str], notes: list[tuple[int, int, int, str, str]]) -> None:
    """A page of ``lines`` in Courier 10 (each character 6 points wide, lines 20 apart from y=700), and
    highlights ``(line, first char, last char + 1, comment, author)`` over them, plus one sticky note."""
    from pypdf import PdfWriter
    from pypdf.annotations import Highlight, Text
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Courier"),
         NameObject("/FirstChar"): NumberObject(32), NameObject("/LastChar"): NumberObject(126), NameObject("/Widths"): ArrayObject([NumberObject(600)] * 95)}
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    body = "".join(f"BT /F1 10 Tf 72 {700 - 20 * n} Td ({line}) Tj ET\n" for n, line in enumerate(lines))
    stream = DecodedStreamObject()
    stream.set_data(body.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    for line, first, last, comment, author in notes:
        left, right, bottom, top = 72 + 6 * first, 72 + 6 * last, 700 - 20 * line - 2, 700 - 20 * line + 8
        quad = ArrayObject([FloatObject(v) for v in (left, top, right, top, left, bottom, right, bottom)])
        highlight = Highlight(rect=(left, bottom, right, top), quad_points=quad, highlight_color="ffff00")
        highlight[NameObject("/Contents")] = TextStringObject(comment)
        highlight[NameObject("/T")] = TextStringObject(author)
        writer.add_annotation(page_number=0, annotation=highlight)
    writer.add_annotation(page_number=0, annotation=Text(rect=(500, 700, 520, 720), text="Check the dates", open=False))
    with open(path, "wb") as handle:
        writer.write(handle)


def test_pdf_highlights_are_the_words_under_them(tmp_path: Path) -> None:
    lines = ["Ann: We took over the rota from the staff.", "Ann: It is nice to feel useful again.", "Ann: The rota is ours now."]
    path = tmp_path / "A01_W1_interview.pdf"
    _pdf(path, lines, [(0, 8, 26, "Coproduction", "Rachel Miles"), (1, 16, 36, "", "Rachel Miles"), (2, 9, 13, "Ownership", "rm")])
    source = read_source(path, marks=True)
    got = [(m.kind, source.text[m.start : m.end] if m.start is not None else m.why, m.text, m.colour) for m in source.marks]
    assert got[:3] == [
        ("comment", "took over the rota", "Coproduction", "yellow"),
        ("highlight", "to feel useful again", "", "yellow"),
        ("comment", "rota", "Ownership", "yellow"),
    ]
    assert source.text.index("rota", 40) == source.marks[2].start  # the second "rota", as on the page
    assert got[3][0] == "note" and "anchors none" in got[3][1]


def test_pdf_study_with_notes_named(tmp_path: Path) -> None:
    lines = ["Interviewer: How is the group?", "Ann: We took over the rota from the staff.", "Interviewer: And now?", "Ann: It is nice to feel useful again."]
    folder = _study(
        tmp_path,
        "  - {comments: '*.pdf', coders: {Rachel Miles: rm}, colours: {yellow: Highlighted}}\n",
        {"A01_W1_interview.pdf": lambda p: _pdf(p, lines, [(1, 8, 26, "Coproduction", "Rachel Miles"), (3, 16, 36, "", "Rachel Miles")])},
    )
    with pytest.warns(RowsRefusedWarning, match=r"1 comment.*page 1, text 1.*beside the words"):
        study = qlr.load(folder)
    text = study.documents["text"].iloc[0]
    got = sorted((text[row.start : row.end], row.code_id, row.coder) for row in study.codings.itertuples())
    assert got == [("to feel useful again", "highlighted", "rm"), ("took over the rota", "coproduction", "rm"), ("took over the rota", "highlighted", "rm")]


# ------------------------------------------------------------------ end to end
def test_two_coders_in_word_comments_agreement_and_report(tmp_path: Path) -> None:
    """A small study two people coded in Word, each signing their comments: loaded, agreement computed, report written."""
    lines = {
        "A01": ["Interviewer: How has it been?", "Ann: We took over the rota from the staff.", "Interviewer: And you?", "Ann: It is nice to feel useful again."],
        "B02": ["Interviewer: How has it been?", "Bo: Nobody asks us anything.", "Interviewer: And you?", "Bo: I help my neighbour with her shopping."],
    }
    coded = {
        "A01": [(1, "We took over the rota", "Coproduction", "Rachel Miles"), (1, "We took over the rota", "Coproduction", "Sam Osei"), (3, "nice to feel useful", "Reciprocity", "Rachel Miles"), (3, "nice to feel useful", "Reciprocity – yes", "Sam Osei")],
        "B02": [(1, "Nobody asks us anything", "Exclusion", "Rachel Miles"), (3, "I help my neighbour", "Reciprocity", "Rachel Miles"), (3, "I help my neighbour", "Reciprocity", "Sam Osei")],
    }

    def make(case: str):  # type: ignore[no-untyped-def]
        return lambda path: _coded_docx(path, coded[case], lines=lines[case])

    folder = _study(tmp_path, "  - {comments: '*.docx', coders: {Rachel Miles: rm, Sam Osei: so}}\n", {f"{case}_W1_interview.docx": make(case) for case in lines})
    study = qlr.load(folder)
    assert sorted(study.codings.groupby("coder").size().items()) == [("rm", 4), ("so", 3)]
    table = qlr.code.agreement(study, coders=["rm", "so"])
    # 4 participant turns; both coded coproduction and reciprocity where the other did; only rm saw exclusion.
    assert table.loc["reciprocity", "percent_agreement"] == 1.0
    assert table.loc["exclusion", "percent_agreement"] == 0.75
    from qlr.report import write_report

    write_report(study, tmp_path / "report", codebook="comments")
    assert (tmp_path / "report" / "index.html").is_file()


def test_a_docx_in_memory_is_untouched_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "A01_W1_interview.docx"
    _coded_docx(path, [(1, "We took over the rota", "Coproduction", "rm")])
    before = path.read_bytes()
    read_source(path)
    assert path.read_bytes() == before
    assert zipfile.is_zipfile(io.BytesIO(before))


def test_one_code_written_two_ways_by_two_coders_is_one_code(tmp_path: Path) -> None:
    # One coder wrote "Giving back", the other "#giving_back" on the same passage: they were two codes
    # (giving_back and giving_back_2), so agreement scored a disagreement where both agreed.
    lines = ["Interviewer: How has it been?", "Ann: I give a talk to the new ones now.", "Interviewer: And?", "Ann: It helps them."]
    coded = [(1, "I give a talk", "Giving back – gives a talk", "Rachel Miles"), (1, "I give a talk", "#expertise #giving_back", "Sam Osei")]
    folder = _study(tmp_path, "  - {comments: '*.docx', coders: {Rachel Miles: rm, Sam Osei: so}}\n", {"A01_W1_interview.docx": lambda path: _coded_docx(path, coded, lines=lines)})
    study = qlr.load(folder)
    assert sorted(study.codings.groupby("code_id").size().items()) == [("expertise", 1), ("giving_back", 2)]
    assert "codes written another way in comments read as one code: 'giving_back' as 'Giving back'" in " ".join(study.meta["inferred"])
    assert qlr.code.agreement(study, coders=["rm", "so"]).loc["giving_back", "percent_agreement"] == 1.0
