"""Review of stop 34's marks (B1–B4): a document's own comments and highlights are read only
where an entry asks, a PDF highlight is found among its own page's words, counted in what
the text keeps, comments by people ``coders:`` does not name are left out, and a mark
without a date gives a memo without one.

Every file here is a lookalike written for the test: python-docx documents, raw
OpenDocument XML, and PDF pages in Courier (each character 6 points wide at 10 points,
so a highlight's words are known exactly).
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest

import qlr
from qlr.errors import RowsRefusedWarning
from qlr.io import _readers
from qlr.io._readers import _cleaned_pdf, _spaced_spans, read_source

# ------------------------------------------------------------------ lookalikes
LINES = ["Interviewer: Tell me about the allotment.", "Mo: The allotment keeps me going, honestly.", "Interviewer: Who else comes?", "Mo: My brother digs there on Sundays."]


def _commented_docx(path: Path, comments: list[tuple[int, str, str]], lines: list[str] = LINES) -> None:
    """A transcript with one comment ``(paragraph, text, author)`` on each named paragraph's words."""
    document = docx.Document()
    paragraphs = [document.add_paragraph(line) for line in lines]
    for number, text, author in comments:
        document.add_comment(paragraphs[number].runs, text=text, author=author, initials=author[:2])
    document.save(path)


def _pdf(path: Path, pages: list[list[str]], highlights: list[tuple[int, int, int, int]], *, header: str | None = None) -> None:
    """Pages of lines in Courier 10 (lines 20 points apart from y=700), each under ``header`` and over its page number,
    with yellow highlights ``(page, line, first character, last character + 1)`` (lines counted below the header)."""
    from pypdf import PdfWriter
    from pypdf.annotations import Highlight
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
    font = writer._add_object(
        DictionaryObject(
            {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Courier"),
             NameObject("/FirstChar"): NumberObject(32), NameObject("/LastChar"): NumberObject(126), NameObject("/Widths"): ArrayObject([NumberObject(600)] * 95)}
        )
    )
    top = 1 if header else 0
    for number, body in enumerate(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        lines = ([header] if header else []) + body + [f"- {number + 1} -"]
        stream = DecodedStreamObject()
        stream.set_data("".join(f"BT /F1 10 Tf 72 {700 - 20 * n} Td ({line}) Tj ET\n" for n, line in enumerate(lines)).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        for on, line, first, last in highlights:
            if on != number:
                continue
            left, right, bottom, high = 72 + 6 * first, 72 + 6 * last, 700 - 20 * (line + top) - 2, 700 - 20 * (line + top) + 8
            quad = ArrayObject([FloatObject(v) for v in (left, high, right, high, left, bottom, right, bottom)])
            mark = Highlight(rect=(left, bottom, right, high), quad_points=quad, highlight_color="ffff00")
            mark[NameObject("/T")] = TextStringObject("mo")
            writer.add_annotation(page_number=number, annotation=mark)
    with open(path, "wb") as handle:
        writer.write(handle)


def _odt(path: Path, dates: list[str | None]) -> None:
    """A transcript whose second line carries one comment by Lena per date in ``dates`` (``None``: no ``dc:date``)."""
    notes = "".join(
        f'<office:annotation office:name="n{k}"><dc:creator>Lena</dc:creator>{"" if date is None else f"<dc:date>{date}</dc:date>"}'
        f"<text:p>Why the allotment, {k}? Ask again.</text:p></office:annotation>allotment<office:annotation-end office:name=\"n{k}\"/> "
        for k, date in enumerate(dates)
    )
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
<office:body><office:text>
<text:p>Interviewer: Tell me about the allotment.</text:p>
<text:p>Mo: The {notes}keeps me going.</text:p>
</office:text></office:body></office:document-content>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)


def _folder(tmp_path: Path, codings: str, files: dict[str, object]) -> Path:
    for name, make in files.items():
        make(tmp_path / name)  # type: ignore[operator]
    (tmp_path / "study.yaml").write_text(
        "name: Allotment\nwaves: [W1]\nspeakers: {Interviewer: interviewer}\ndocuments:\n  - path: '*_interview.*'\n" + (f"codings:\n{codings}" if codings else ""),
        encoding="utf-8",
    )
    return tmp_path


# ------------------------------------------------------------- B2: only when asked
def test_marks_are_read_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "M01_W1_interview.docx"
    _commented_docx(path, [(1, "Belonging", "Lena")])
    assert read_source(path).marks == []
    (mark,) = read_source(path, marks=True).marks
    assert mark.text == "Belonging"
    assert qlr.io.read_document(path).marks == [] and len(qlr.io.read_document(path, marks=True).marks) == 1


def test_a_load_reads_the_marks_of_the_documents_an_entry_names_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks cost time: a study with no 'comments:' entry never looks for them, and one with an entry only in its files."""
    calls: list[int] = []
    for name in ("_docx_marks", "_odf_marks", "_pdf_marks"):
        real = getattr(_readers, name)

        def counted(*args, real=real, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(_readers, name, counted)
    files = {
        "M01_W1_interview.docx": lambda p: _commented_docx(p, [(1, "Belonging", "Lena")]),
        "M02_W1_interview.odt": lambda p: _odt(p, ["2024-05-02T09:00:00"]),
        "M03_W1_interview.pdf": lambda p: _pdf(p, [LINES], [(0, 1, 8, 21)]),
    }
    (tmp_path / "plain").mkdir()
    (tmp_path / "coded").mkdir()
    study = qlr.load(_folder(tmp_path / "plain", "", files))
    assert len(study.documents) == 3 and calls == []
    study = qlr.load(_folder(tmp_path / "coded", "  - {comments: M01_W1_interview.docx, coder: lw}\n", files))
    assert calls == [1] and study.codings["code_id"].tolist() == ["belonging"]


def test_a_pdf_highlight_is_looked_for_on_its_own_page_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each highlight's words are searched among its page's words, never the whole text (time in step with the length)."""
    body = ["Mo: The allotment keeps me going, honestly.", "Interviewer: And the shed?", "Mo: The shed is where we talk."]
    pages = [body] * 30
    path = tmp_path / "M01_W1_interview.pdf"
    _pdf(path, pages, [(page, 0, 8, 17) for page in range(30)] + [(29, 2, 8, 12)])
    searched: list[int] = []
    real = _readers._Spaced.__init__

    def noted(self, text):  # type: ignore[no-untyped-def]
        searched.append(len(text))
        real(self, text)

    monkeypatch.setattr(_readers._Spaced, "__init__", noted)
    source = read_source(path, marks=True)
    assert max(searched) < 3 * len("\n".join(body)) < len(source.text) / 5
    starts = _cleaned_pdf([_readers.normalise_newlines(page) for page in _page_texts(path)]).page_starts
    found = [(mark.start, source.text[mark.start : mark.end]) for mark in source.marks]
    # Page n's "allotment" is the one of page n (the 30 pages say the same words).
    assert [(words, starts[n] <= start < (starts[n + 1] if n + 1 < 30 else len(source.text))) for n, (start, words) in enumerate(found[:30])] == [("allotment", True)] * 30
    assert found[30][1] == "shed" and found[30][0] > found[29][0]


def _page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


# --------------------------------------------------------- B1: what the text keeps
def test_a_pdf_highlight_counts_occurrences_in_what_the_text_keeps(tmp_path: Path) -> None:
    """The running header says "allotment" too and is left out of the text: the highlight on page 2 stays on page 2."""
    pages = [
        ["Interviewer: How did the first season go?", "Mo: The allotment was a mess at first."],
        ["Interviewer: And by summer?", "Mo: The allotment was full of beans."],
        ["Interviewer: And now?", "Mo: The allotment is ours, the allotment is home."],
    ]
    path = tmp_path / "M01_W1_interview.pdf"
    # Page 2's "allotment"; page 3's second one (after its header's and its first).
    _pdf(path, pages, [(1, 1, 8, 17), (2, 1, 31, 40)], header="Allotment study - allotment transcript")
    source = read_source(path, marks=True)
    assert "transcript" not in source.text and source.removed["page headers and footers"] == 6
    summer, home = source.marks
    assert source.text[summer.start : summer.end] == "allotment" and source.text[summer.start :].startswith("allotment was full of beans")
    assert source.text[home.start : home.end] == "allotment" and source.text[home.start :].startswith("allotment is home")


def test_page_starts_follow_joined_lines(tmp_path: Path) -> None:
    """Where each page begins in the cleaned text, through hyphens joined across a page and wrapped lines joined."""
    full = "Mo: We used to come down every single morning before work, and"
    pages = ["Notes\n" + "\n".join([full, "then again after tea when it was light.", "Mo: The neigh-"] * 4), "Notes\nbours brought seeds.\n" + "\n".join([full, "then the rain came and washed it out."] * 3)]
    cleaned = _cleaned_pdf(pages)
    assert "neighbours brought seeds." in cleaned.text and cleaned.left_out == [["Notes"], ["Notes"]]
    assert cleaned.text[cleaned.page_starts[1] :].startswith("bours brought seeds.")
    assert cleaned.page_starts[0] == 0 and cleaned.text.count(f"{full} then") == 7  # the wrapped lines joined


def _by_pattern(text: str, quote: str) -> list[tuple[int, int]]:
    """The search as it was: a regular expression per quote, any white space between its characters."""
    import re

    for form in (quote, re.sub(r"(?<=\w)-\s+(?=\w)", "", quote)):
        characters = [c for c in form if not c.isspace()]
        if not characters:
            return []
        spans = [m.span() for m in re.finditer(r"\s*".join(map(re.escape, characters)), text)]
        if spans:
            return spans
    characters = [c for c in re.sub(r"(?<=\w)-\s+(?=\w)", "", quote) if not c.isspace()]
    if len(characters) < 60:
        return []
    head, tail = (re.compile(r"\s*".join(map(re.escape, part))) for part in (characters[:20], characters[-20:]))
    return [(m.start(), end.end()) for m in head.finditer(text) if (end := tail.search(text, m.end(), m.start() + int(len(characters) * 1.3) + 40))]


@pytest.mark.parametrize(
    "quote",
    ["the\nrota", "co-\nproduction", "co-production", "rota", "oo", "   ", "allotment", "and the rota was shared out fairly by everyone who came along on Mondays .", "and the rota was shared out fairly* by everyone who came along on Mondays."],
)
def test_spaced_spans_finds_what_the_pattern_found(quote: str) -> None:
    text = "We share the rota.\nIt was co-production, and the rota was shared out fairly by everyone who came along on Mondays.\nIt was coproduction too, and the\trota stays."
    assert _spaced_spans(text, quote) == _by_pattern(text, quote)
    if "*" in quote:  # a mark the page prints that the text lacks: from its first words to its last
        assert len(_spaced_spans(text, quote)) == 1
    if quote == "rota":
        assert len(_spaced_spans(text, quote)) == 3 and _readers._Spaced(text).spans(quote, before=40) == _by_pattern(text[:40], quote)


# ---------------------------------------------------------------- B3: the coders
def test_with_coders_comments_by_others_are_left_out_and_named(tmp_path: Path) -> None:
    files = {"M01_W1_interview.docx": lambda p: _commented_docx(p, [(1, "Belonging", "Lena Weiss"), (0, "check audio", "Transcriber"), (3, "Typo?", "Supervisor")])}
    folder = _folder(tmp_path, "  - {comments: '*.docx', coders: {Lena Weiss: lw}}\n", files)
    with pytest.warns(RowsRefusedWarning, match=r"2 comment\(s\).*by Transcriber \('check audio'\): its author is not one of the coders 'coders:' names.*by Supervisor \('Typo\?'\)") as caught:
        study = qlr.load(folder)
    assert len([w for w in caught if issubclass(w.category, RowsRefusedWarning)]) == 1
    assert study.codings[["code_id", "coder"]].values.tolist() == [["belonging", "lw"]]
    assert study.memos.empty


def test_without_coders_every_authors_comments_count(tmp_path: Path) -> None:
    files = {"M01_W1_interview.docx": lambda p: _commented_docx(p, [(1, "Belonging", "Lena Weiss"), (0, "check audio", "Transcriber")])}
    folder = _folder(tmp_path, "  - comments: '*.docx'\n", files)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RowsRefusedWarning)
        study = qlr.load(folder)
    assert sorted(study.codings[["code_id", "coder"]].values.tolist()) == [["belonging", "Lena Weiss"], ["check_audio", "Transcriber"]]


# -------------------------------------------------------------------- B4: dates
def test_a_mark_without_a_date_gives_a_memo_without_one_the_same_on_every_load(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "  - {comments: '*.odt', coder: lw}\n", {"M01_W1_interview.odt": lambda p: _odt(p, [None, "2024-05-02T09:00:00", "12/05/2024"])})
    first, second = qlr.load(folder), qlr.load(folder)
    assert first.memos["memo_id"].tolist() == second.memos["memo_id"].tolist()
    memos = first.memos.set_index("text")["created"]
    assert pd.isna(memos["Why the allotment, 0? Ask again."]) and pd.isna(memos["Why the allotment, 2? Ask again."])
    assert str(memos["Why the allotment, 1? Ask again."]) == "2024-05-02 09:00:00+00:00"
    (note,) = [note for note in first.meta["inferred"] if "not ISO 8601" in note]
    assert note.startswith("1 comment(s) or highlight(s) carry a date") and "'12/05/2024'" in note and "comment n2 by Lena" in note
