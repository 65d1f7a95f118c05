"""Readers for each format: .txt/.md, .docx (bold speaker names), .odt, .pdf, .vtt, .srt."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
import zipfile
from pathlib import Path

import docx
import pytest

import qlr
from qlr.errors import DocumentFormatError, NoInterviewerWarning, RepairedInputWarning
from qlr.io import read_document
from qlr.io._segment import Segment, segment_document, segment_turns

from .conftest import pdf_file, write


def _docx(path, paragraphs):
    """paragraphs: list of list of (text, bold) runs."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    document.save(path)
    return path


def _texts(study):
    return list(study.segment_texts())


def test_txt_and_md_read_as_is(tmp_path):
    path = write(tmp_path / "C1_W1_interview.md", "**Interviewer:** Hello.\n**Asha:** Hi there.\n")
    source = read_document(path)
    assert source.format == "md" and source.encoding == "utf-8"
    study = qlr.load(path)
    assert _texts(study) == ["Hello.", "Hi there."]
    assert list(study.segments["speaker"]) == ["Interviewer", "Asha"]


def test_otter_docx_reads_as_its_txt(tmp_path):
    # Otter's .docx: the name bold and its time plain on one line, the words on the next.
    _docx(
        tmp_path / "C1_W2_interview.docx",
        [
            [("Sara Mannheimer  ", True), ("00:00", False)],
            [("Alright, I'm gonna start the recording.", False)],
            [("", False)],
            [("DC01  ", True), ("02:05", False)],
            [("So most typically, I curate data.", False)],
        ],
    )
    write(tmp_path / "C1_W1_interview.txt", "Sara Mannheimer  00:00\nAlright, I'm gonna start the recording.\n\nDC01  02:05\nSo most typically, I curate data.\n")
    (tmp_path / "study.yaml").write_text("documents:\n  - path: '*.*'\nspeakers:\n  Sara Mannheimer: interviewer\n", encoding="utf-8")
    study = qlr.load(tmp_path, progress=False)
    texts = study.segments.assign(text=list(study.segment_texts()))
    turns = {doc: list(zip(rows["speaker"], rows["timestamp"], rows["text"])) for doc, rows in texts.groupby("doc_id")}
    assert turns["C1_W2_interview"] == turns["C1_W1_interview"] == [
        ("Sara Mannheimer", 0.0, "Alright, I'm gonna start the recording."), ("DC01", 125.0, "So most typically, I curate data.")
    ]


def test_markdown_character_references_read_as_a_reader_sees_them(tmp_path):
    path = write(tmp_path / "C1_W1_interview.md", "**Interviewer:** We&#39;re on the board &amp; we vote?\n**Kelly:** AT&T &nbsp;? Fish & chips.\n")
    source = read_document(path)
    assert source.text == "**Interviewer:** We're on the board & we vote?\n**Kelly:** AT&T \u00a0? Fish & chips.\n"
    assert source.removed == {"HTML character references decoded": 3}
    study = qlr.load(path, progress=False)
    assert any("3 HTML character references decoded" in line for line in study.meta["inferred"])
    # Plain text keeps them as written.
    assert read_document(write(tmp_path / "C1_W2_interview.txt", "We&#39;re here.\n")).text == "We&#39;re here.\n"
    # A reference that names no character is not counted; one that is a control character is a space.
    odd = read_document(write(tmp_path / "C1_W3_interview.md", "Q&As; and R&D;&#10;done\n"))
    assert (odd.text, odd.removed) == ("Q&As; and R&D; done\n", {"HTML character references decoded": 1})


def test_markdown_front_matter_is_metadata_not_words(tmp_path):
    # A podcast site's transcript page (Jekyll/Hugo/Gatsby): its title, date and audio link above the turns.
    page = (
        '---\ntitle: Hello World\ndate: "2019-06-24"\naudio: https://example.org/a.mp3\n'
        'description: "We run the rota together."\n---\n\n## Transcript\n\n'
        "**(Kelly)** How did it start?\n\n**(Ali)** With a leaflet.\n\n**(Kelly)** And now?\n\n**(Ali)** Now I help.\n"
    )
    source = read_document(write(tmp_path / "C1_W1_interview.md", page))
    assert source.text == page[page.index("\n## Transcript") :]
    assert source.removed == {"lines of front matter (metadata, not words: its date and roles are read as such, its other values as the document's columns, a list's items joined by '; ')": 6}
    with pytest.warns(NoInterviewerWarning, match="Kelly asks most of the questions"):
        study = qlr.load(tmp_path, progress=False)
    assert "C1_W1_interview: left out of the text: 6 lines of front matter (metadata, not words: its date and roles are read as such, its other values as the document's columns, a list's items joined by '; ')" in study.meta["inferred"]
    assert "rota" not in " ".join(study.segment_texts())
    # A rule and prose is not front matter; nor is front matter in a plain text file.
    ruled = "---\nWe met at ten: it rained.\n---\nThen home.\n"
    assert read_document(write(tmp_path / "C2_W1_notes.md", ruled)).text == ruled
    turns = "---\nInterviewer: How?\nJane: Fine.\nInterviewer: And?\nJane: Good.\n---\nMore.\n"
    assert read_document(write(tmp_path / "C4_W1_interview.md", turns)).text == turns
    assert read_document(write(tmp_path / "C3_W1_notes.txt", page)).text == page


def test_markdown_block_quote_marks_are_layout_and_do_not_hide_labels(tmp_path):
    # A transcript set as a quoted block ("> **Ann:** …"): the marks hid both labels, and stayed in the words.
    page = (
        "# Interview with Ann\n\n> **Interviewer:** How do you plan the rota?\n>\n> **Ann:** We decide it together.\n"
        "> It is shared.\n\n**Interviewer:** And then?\n\n**Ann:** As she said:\n\n> > \"We run it ourselves now.\"\n"
    )
    source = read_document(write(tmp_path / "C1_W1_interview.md", page))
    assert ">" not in source.text
    assert source.removed == {"Markdown block-quote marks at line starts": 5}
    study = qlr.load(tmp_path / "C1_W1_interview.md", progress=False)
    turns = [(row.speaker, study.documents["text"][0][row.start : row.end]) for row in study.segments.itertuples() if isinstance(row.speaker, str)]
    assert turns == [
        ("Interviewer", "How do you plan the rota?"),
        ("Ann", "We decide it together.\nIt is shared."),
        ("Interviewer", "And then?"),
        ("Ann", 'As she said:\n\n"We run it ourselves now."'),
    ]
    # In a plain text file, and inside a line, ">" is text.
    assert read_document(write(tmp_path / "C2_W1_interview.txt", page)).text == page
    assert read_document(write(tmp_path / "C3_W1_interview.md", "Ann: 5 > 3, so we vote.\n")).text == "Ann: 5 > 3, so we vote.\n"


def test_a_bold_word_once_among_labels_with_colons_is_emphasis(tmp_path):
    # "**Everyone** gets a vote now" inside Ann's answer was a speaker "Everyone" with her words.
    rows = [
        [("Interviewer:", True), (" How is the group run?", False)],
        [("Ann:", True), (" We share it.", False)],
        [("Everyone", True), (" gets a vote now, which is new.", False)],
        [("Interviewer:", True), (" Since when?", False)],
        [("Ann", True), (" Since May.", False)],
    ]
    study = qlr.load(_docx(tmp_path / "C1_W1_interview.docx", rows), progress=False)
    text = study.documents["text"][0]
    assert [(row.speaker, text[row.start : row.end]) for row in study.segments.itertuples()] == [
        ("Interviewer", "How is the group run?"),
        ("Ann", "We share it.\nEveryone gets a vote now, which is new."),
        ("Interviewer", "Since when?"),
        ("Ann", "Since May."),  # a name the labels use is still a label without its colon
    ]


def test_docx_bold_speaker_names_with_and_without_colon(tmp_path):
    path = _docx(
        tmp_path / "C1_W1_interview.docx",
        [
            [("Interview with Bernard, wave 1", False)],
            [("Interviewer:", True), (" How did you hear about it?", False)],
            [("Bernard:", True), (" The Jobcentre sent me.", False)],
            [("It was not my idea.", False)],
            [("RUTH", True), ("\tWe changed the form.", False)],
            [("RUTH", True), ("\tAnd the rota.", False)],
        ],
    )
    source = read_document(path)
    assert source.format == "docx"
    assert source.text.split("\n")[1] == "Interviewer: How did you hear about it?"
    study = qlr.load(path)
    segments = study.segments
    assert list(segments["speaker"].fillna("-")) == ["-", "Interviewer", "Bernard", "RUTH", "RUTH"]
    assert _texts(study)[2] == "The Jobcentre sent me.\nIt was not my idea."
    assert _texts(study)[3] == "We changed the form."
    assert list(segments["speaker_role"].fillna("-")) == ["-", "interviewer", "participant", "participant", "participant"]


def test_docx_bold_labels_end_at_their_colon(tmp_path):
    # Real interviews (a loneliness study's Word files): the bold runs on past the label, or a bold
    # sentence opens a participant's paragraph; only "Name:" or a short bold name is a label.
    path = _docx(
        tmp_path / "C1_W1_interview.docx",
        [
            [("I:", True), (" Can we start with box one?", False)],
            [("R:", True), (" I wrote lonely.", False)],
            [("I: Uhm, so", True), (", how does that make you feel?", False)],
            [("R:", True), (" Sad.", False)],
            [("Like a bomb bum 28:29.", True), (" It was so hard.", False)],
            [("Participant 3 (female, 40s):", True), (" Same here.", False)],
        ],
    )
    source = read_document(path)
    assert [text for _, _, text in source.bold_labels] == ["I", "R", "I", "R", "Participant 3 (female, 40s)"]
    study = qlr.load(path, progress=False)
    turns = study.segments.assign(text=_texts(study))
    assert list(zip(turns["speaker"], turns["text"])) == [
        ("I", "Can we start with box one?"), ("R", "I wrote lonely."), ("I", "Uhm, so, how does that make you feel?"),
        ("R", "Sad.\nLike a bomb bum 28:29. It was so hard."), ("Participant 3", "Same here."),
    ]


def _tracked(paragraph, wrapper, text, *, deleted=False):
    """Append a run inside ``wrapper`` (w:ins, w:del, w:sdt/w:sdtContent…) to a python-docx paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outer = OxmlElement(wrapper[0])
    for name, value in {"w:id": "1", "w:author": "Checker", "w:date": "2024-01-01T00:00:00Z"}.items():
        if wrapper[0] in ("w:ins", "w:del"):
            outer.set(qn(name), value)
    inner = outer
    for tag in wrapper[1:]:
        inner.append(OxmlElement(tag))
        inner = inner[-1]
    run, words = OxmlElement("w:r"), OxmlElement("w:delText" if deleted else "w:t")
    words.text = text
    run.append(words)
    inner.append(run)
    paragraph._p.append(outer)


def test_docx_tracked_changes_and_content_controls_read_as_accepted(tmp_path):
    # A transcript checked with Track Changes on: the inserted words are the transcript's,
    # the deleted ones are not; words in a content control are read too.
    document = docx.Document()
    _tracked(document.add_paragraph("Interviewer: How long have you "), ("w:ins",), "lived here?")
    answer = document.add_paragraph("Tom: Ten years ")
    _tracked(answer, ("w:del",), "eleven years", deleted=True)
    answer.add_run("now.")
    _tracked(document.add_paragraph("Interviewer: "), ("w:sdt", "w:sdtContent"), "And who decides?")
    document.add_paragraph("Tom: We do.")
    path = tmp_path / "C1_W1_interview.docx"
    document.save(path)
    source = read_document(path)
    assert source.text == "Interviewer: How long have you lived here?\nTom: Ten years now.\nInterviewer: And who decides?\nTom: We do."
    assert source.removed == {"tracked deletions": 1}


def test_docx_table_cells_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "left cell"
    table.cell(0, 1).text = "right cell"
    path = tmp_path / "doc.docx"
    document.save(path)
    assert read_document(path).text == "Before the table\nleft cell\nright cell"


def _table_docx(path, rows, *, before="Transcript"):
    """A Word document with a table of ``rows``; a row of one value is merged across the table."""
    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:
            cells[0].merge(cells[-1]).text = row[0]
            continue
        for cell, value in zip(cells, row):
            cell.text = value
    document.add_paragraph("End of recording.")
    document.save(path)
    return path


def test_a_transcript_laid_out_as_a_word_table_is_read_as_turns(tmp_path):
    # NVivo's transcript layout: Timespan | Content | Speaker, with a header row.
    rows = [
        ("Timespan", "Content", "Speaker"),
        ("0:00.0 - 0:06.0", "How long have you lived here?", "Jane Smith"),
        ("0:07.0 - 0:12.0", "Ten years now.\nWe run the tenants' group ourselves.", "Tom Brown"),
        ("0:13.0 - 0:15.0", "And before?", "Jane Smith"),
        ("0:16.0 - 0:18.0", "Lodgings, mostly.", "Tom Brown"),
    ]
    path = _table_docx(tmp_path / "C1_W1_interview.docx", rows)
    assert read_document(path).text.splitlines()[1:4] == ["Timespan\tContent\tSpeaker", "0:00.0 - 0:06.0\tJane Smith\tHow long have you lived here?", "0:07.0 - 0:12.0\tTom Brown\tTen years now."]
    with pytest.warns(qlr.errors.NoInterviewerWarning, match="Jane Smith asks most of the questions"):
        study = qlr.load(path)
    turns = study.segments.dropna(subset=["speaker"])
    assert list(turns["speaker"]) == ["Jane Smith", "Tom Brown", "Jane Smith", "Tom Brown"]
    assert _texts(study)[2] == "Ten years now.\nWe run the tenants' group ourselves."
    # Two columns, no header, the interviewer named: the questions are the interviewer's.
    folder = tmp_path / "study"
    folder.mkdir()
    _table_docx(folder / "C2_W1_interview.docx", [(r[2], r[1]) for r in rows[1:]])
    study = qlr.load(write(folder / "study.yaml", "waves: [W1]\nspeakers: {Jane Smith: interviewer}\ndocuments: ['*.docx']\n").parent)
    assert list(study.segments.dropna(subset=["speaker"])["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]


def test_section_rows_merged_across_a_transcript_table_are_nobodys_words(tmp_path):
    rows = [
        ("Speaker", "Text"),
        ("Part 1: Getting there",),
        ("Interviewer", "How long have you been coming?"),
        ("Tom", "About two years, since the spring."),
        ("Part 2: Who decides",),
        ("Interviewer", "And who runs it?"),
        ("Tom", "We do, the members, with Sam."),
    ]
    study = qlr.load(_table_docx(tmp_path / "C1_W1_interview.docx", rows), progress=False)
    said = [(speaker, text) for speaker, text in zip(study.segments["speaker"].fillna("-"), _texts(study))]
    assert said[1:] == [
        ("Interviewer", "How long have you been coming?"),
        ("Tom", "About two years, since the spring."),
        ("-", "Part 2: Who decides"),
        ("Interviewer", "And who runs it?"),
        ("Tom", "We do, the members, with Sam."),
        ("-", "End of recording."),  # a mark of the recording on a line of its own is no one's words (tests/test_oralhist.py)
    ]
    # The same in an OpenDocument table, where the merged row's other cells are "covered".
    merged = '<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Part 2: Who decides</text:p></table:table-cell><table:covered-table-cell/></table:table-row>'
    table = _odt_table([rows[0], *rows[2:4], ("@",), *rows[5:]]).replace(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>@</text:p></table:table-cell></table:table-row>', merged
    )
    study = qlr.load(_odt(tmp_path / "odt" / "C1_W1_interview.odt", [table]), progress=False)
    assert [(speaker, text) for speaker, text in zip(study.segments["speaker"].fillna("-"), _texts(study))][1:] == said[1:-1]
    # A merged cell in a table read cell by cell is read once, not once per column it spans.
    schedule = [("Morning",), ("Tea", "Ten o'clock"), ("Walk", "Eleven")]
    assert read_document(_table_docx(tmp_path / "schedule.docx", schedule)).text.count("Morning") == 1


def test_word_table_labels_with_colons_and_theme_tables(tmp_path):
    rows = [("Interviewer:", "How long have you lived here?"), ("Tom:", "Ten years, since the kids were born."), ("Interviewer:", "Do you like it?"), ("Tom:", "Yes, mostly.")]
    study = qlr.load(_table_docx(tmp_path / "C1_W1_interview.docx", rows), progress=False)
    turns = study.segments.dropna(subset=["speaker"])
    assert list(zip(turns["speaker"], turns["speaker_role"])) == [("Interviewer", "interviewer"), ("Tom", "participant")] * 2
    # Themes beside quotes (no header, no role, no question) are not a transcript.
    themes = [("Housing", "The flat was damp and we could not stay."), ("Money", "We were behind on rent."), ("Housing", "The new place is better."), ("Money", "Now it is fine.")]
    assert "Housing\nThe flat was damp" in read_document(_table_docx(tmp_path / "themes.docx", themes)).text


def test_a_word_table_that_is_not_a_transcript_is_read_cell_by_cell(tmp_path):
    rows = [("Name", "Age", "Role"), ("Tom Brown", "54", "Tenant"), ("Jane Smith", "38", "Officer"), ("Ann Lee", "61", "Tenant")]
    path = _table_docx(tmp_path / "participants.docx", rows, before="Who took part")
    assert read_document(path).text == "Who took part\n" + "\n".join(cell for row in rows for cell in row) + "\nEnd of recording."


def test_text_file_named_docx_is_refused_clearly(tmp_path):
    path = write(tmp_path / "C1_W1_interview.docx", "Interviewer: this is plain text\n")
    with pytest.raises(DocumentFormatError, match=r"C1_W1_interview\.docx: this is not a \.docx file") as info:
        qlr.load(path)
    assert "give it a .txt extension" in str(info.value)


def test_legacy_doc_named_docx(tmp_path):
    path = write(tmp_path / "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with pytest.raises(DocumentFormatError, match="old binary Word/Office file"):
        read_document(path)


def test_zip_that_is_not_word(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = write(tmp_path / "x.docx", buffer.getvalue())
    with pytest.raises(DocumentFormatError, match="no word/document.xml"):
        read_document(path)


def _odt(path, paragraphs):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        + "".join(paragraphs)
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return write(path, buffer.getvalue())


def test_odt_paragraphs_spaces_and_tabs(tmp_path):
    path = _odt(
        tmp_path / "C1_W1_interview.odt",
        [
            "<text:h>Interview</text:h>",
            "<text:p>Interviewer: Two<text:s text:c=\"2\"/>spaces<text:tab/>tab.</text:p>",
            "<text:p>Asha: <text:span>Fine</text:span>, thanks.</text:p>",
        ],
    )
    source = read_document(path)
    assert source.text == "Interview\nInterviewer: Two  spaces\ttab.\nAsha: Fine, thanks."
    study = qlr.load(path)
    assert _texts(study)[1:] == ["Two  spaces\ttab.", "Fine, thanks."]


def _odt_table(rows, *, repeat_tail=False):
    def cell(text):
        return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'

    tail = '<table:table-cell table:number-columns-repeated="1020"/>' if repeat_tail else ""
    body = "".join("<table:table-row>" + "".join(cell(c) for c in row) + tail + "</table:table-row>" for row in rows)
    return f'<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" table:name="T1">{body}</table:table>'


def test_a_transcript_laid_out_as_an_odt_table_is_read_as_turns(tmp_path):
    rows = [("Speaker", "Text"), ("Interviewer", "How long have you been coming?"), ("Tom", "About two years, since the spring."), ("Interviewer", "And who runs it?"), ("Tom", "We do, the members, with Sam.")]
    path = _odt(tmp_path / "C1_W1_interview.odt", ["<text:p>Transcript</text:p>", _odt_table(rows, repeat_tail=True), "<text:p>End of recording.</text:p>"])
    study = qlr.load(path, progress=False)
    turns = study.segments[study.segments["speaker"].notna()]
    assert list(turns["speaker"]) == ["Interviewer", "Tom", "Interviewer", "Tom"]
    assert list(turns["speaker_role"]) == ["interviewer", "participant"] * 2
    assert "About two years, since the spring." in _texts(study)
    assert "Text" not in set(study.segments["speaker"].dropna())
    # A table that is no transcript (a list of who took part) is read cell by cell, as before.
    people = [("Name", "Age"), ("Tom", "54"), ("Ann", "61"), ("Bob", "47")]
    source = read_document(_odt(tmp_path / "people.odt", ["<text:p>Who took part</text:p>", _odt_table(people)]))
    assert source.text == "Who took part\nName\nAge\nTom\n54\nAnn\n61\nBob\n47"


def test_odt_tracked_deletions_comments_and_footnotes_are_not_the_words(tmp_path):
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    path = _odt(
        tmp_path / "C1_W1_interview.odt",
        [
            f'<text:tracked-changes {ns}><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>Checker</dc:creator>'
            "</office:change-info><text:p>eleven years</text:p></text:deletion></text:changed-region></text:tracked-changes>",
            "<text:p>Interviewer: How long have you lived here?</text:p>",
            f'<text:p>Tom: Ten years<text:change text:change-id="c1"/> now.<office:annotation {ns}><dc:creator>Rachel</dc:creator>'
            "<dc:date>2024-02-02T10:00:00</dc:date><text:p>Check this figure</text:p></office:annotation> We run it.</text:p>",
            '<text:p>Interviewer: And who decides?<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            "<text:note-body><text:p>A transcriber's footnote.</text:p></text:note-body></text:note></text:p>",
        ],
    )
    source = read_document(path)
    assert source.text == "Interviewer: How long have you lived here?\nTom: Ten years now. We run it.\nInterviewer: And who decides?"
    study = qlr.load(path, progress=False)
    assert "C1_W1_interview: left out of the text: 1 comments, 1 footnotes, 1 tracked deletions" in study.meta["inferred"]


def test_odt_with_entity_expansion_is_refused(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<x>&b;</x>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", bomb)
    path = write(tmp_path / "bomb.odt", buffer.getvalue())
    with pytest.raises(DocumentFormatError, match="content.xml cannot be read"):
        read_document(path)


def _pdf(lines):
    """A minimal one-page PDF showing ``lines`` in Helvetica."""
    ops = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_file(objects)


def test_pdf_text_is_extracted_and_segmented(tmp_path):
    path = write(tmp_path / "C1_W1_interview.pdf", _pdf(["Interviewer: Did it help?", "Asha: It did, a lot."]))
    source = read_document(path)
    assert source.format == "pdf"
    study = qlr.load(path)
    assert _texts(study) == ["Did it help?", "It did, a lot."]


def test_broken_pdf(tmp_path):
    path = write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(DocumentFormatError, match="broken.pdf"):
        read_document(path)


VTT = """WEBVTT
Kind: captions

NOTE recorded on a phone

1
00:00:01.000 --> 00:00:04.000 align:start
<v Interviewer>How did the group go?

2
00:00:04.500 --> 00:00:07.250
<v.loud Elaine>It went well, I think.

00:00:07.500 --> 00:00:09.000
<v Elaine>We had <i>tea</i> &amp; biscuits.

00:01:10.000 --> 00:01:12.000
<v Interviewer>And after?
"""


def test_vtt_voices_merge_consecutive_cues_and_keep_times(tmp_path):
    path = write(tmp_path / "C1_W1_interview.vtt", VTT)
    source = read_document(path)
    assert source.text == (
        "Interviewer: How did the group go?\n\nElaine: It went well, I think. We had tea & biscuits."
        "\n\nInterviewer: And after?"
    )
    study = qlr.load(path)
    segments = study.segments
    assert _texts(study) == ["How did the group go?", "It went well, I think. We had tea & biscuits.", "And after?"]
    assert list(segments["speaker"]) == ["Interviewer", "Elaine", "Interviewer"]
    assert list(segments["timestamp"]) == [1.0, 4.5, 70.0]
    assert list(segments["timestamp_end"]) == [4.0, 9.0, 72.0]
    assert list(segments["speaker_role"]) == ["interviewer", "participant", "interviewer"]


def test_vtt_malformed_cue_names_the_line(tmp_path):
    bad = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>fine\n\n00:00:03.000 -> 00:00:04.000\n<v A>oops\n"
    path = write(tmp_path / "bad.vtt", bad)
    with pytest.raises(DocumentFormatError, match=r"bad\.vtt:6: malformed VTT cue") as info:
        read_document(path)
    assert "00:01:02.500 --> 00:01:05.000" in str(info.value)


def test_vtt_bad_timestamp_names_the_line(tmp_path):
    bad = "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nhello\n"
    with pytest.raises(DocumentFormatError, match=r"bad\.vtt:3: malformed VTT cue: cannot read the timing line"):
        read_document(write(tmp_path / "bad.vtt", bad))


def test_a_cue_that_ends_before_it_starts_is_read_and_said(tmp_path):
    # noScribe writes such cues now and then ("00:12:17.141 --> 00:12:15.168"): the words are whole.
    bad = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v S00>Hello.\n\n00:00:05.000 --> 00:00:01.000\n<v S01>Hi there.\n"
    with pytest.warns(qlr.errors.RepairedInputWarning, match=r"bad\.vtt: 1 cue\(s\) end before they start \(line 6\): their words are read"):
        source = read_document(write(tmp_path / "bad.vtt", bad))
    assert [(t.speaker, source.text[t.start : t.end], t.timestamp, t.timestamp_end) for t in source.turns] == [("S00", "Hello.", 1.0, 2.0), ("S01", "Hi there.", 5.0, 5.0)]


def test_vtt_without_header(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"nohead\.vtt:1: a WebVTT file must start with the line 'WEBVTT'"):
        read_document(write(tmp_path / "nohead.vtt", "00:00:01.000 --> 00:00:02.000\nhi\n"))


SRT = """1
00:00:01,000 --> 00:00:03,000
Interviewer: Thanks for coming.

2
00:00:03,500 --> 00:00:06,000
Ian: No bother.
It's fine.

3
00:00:06,100 --> 00:00:08,000
The coffee's better here.

4
00:00:09,000 --> 00:00:10,000
<i>Interviewer:</i> Shall we start?
"""


def test_srt_labels_continuations_and_tags(tmp_path):
    path = write(tmp_path / "C9_W3_interview.srt", SRT)
    study = qlr.load(path)
    assert _texts(study) == ["Thanks for coming.", "No bother. It's fine. The coffee's better here.", "Shall we start?"]
    assert list(study.segments["speaker"]) == ["Interviewer", "Ian", "Interviewer"]
    assert list(study.segments["timestamp"]) == [1.0, 3.5, 9.0]


def test_srt_dash_marks_a_new_unnamed_speaker(tmp_path):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nIan: Hello.\n\n2\n00:00:02,000 --> 00:00:03,000\n- Hi Ian.\n"
    source = read_document(write(tmp_path / "x.srt", srt))
    assert [t.speaker for t in source.turns] == ["Ian", None]
    assert source.text == "Ian: Hello.\n\nHi Ian."


def test_a_cue_holding_two_voices_is_two_turns(tmp_path):
    # Subtitles write a dialogue in one cue as dash lines; a line with no dash goes on the turn before.
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n- How long have you lived here?\n- Ten years.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nIn the same flat.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nAnd before?\n- Lodgings.\n"
    )
    source = read_document(write(tmp_path / "x.srt", srt))
    assert [source.text[t.start : t.end] for t in source.turns] == [
        "How long have you lived here?", "Ten years. In the same flat. And before?", "Lodgings."
    ]
    # A name after the dash is that voice's.
    named = "1\n00:00:01,000 --> 00:00:03,000\n- Rachel: How long?\n- Tom: Ten years.\n"
    source = read_document(write(tmp_path / "n.srt", named))
    assert [(t.speaker, source.text[t.start : t.end]) for t in source.turns] == [("Rachel", "How long?"), ("Tom", "Ten years.")]
    # WebVTT voice tags, one per line of a cue.
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Jane Smith>How long?</v>\n<v Tom Brown>Ten years.</v>\n"
    source = read_document(write(tmp_path / "x.vtt", vtt))
    assert [(t.speaker, source.text[t.start : t.end], t.timestamp) for t in source.turns] == [("Jane Smith", "How long?", 1.0), ("Tom Brown", "Ten years.", 1.0)]


def test_a_web_pages_paragraphs_are_its_segments(tmp_path):
    # A student's field notes as a web page: ten <p> blocks and no blank line between them were one
    # segment of the whole note (36,535 words in the longest real one), so a quote was the whole note.
    page = "<html><body><h1>Bread molding</h1>\n" + "".join(f"<p>Visit {k}: we planned the<br>workshop together.</p>\n" for k in range(10)) + "</body></html>"
    study = qlr.load(write(tmp_path / "Camps_W1_fieldnotes.html", page), progress=False)
    text = study.documents["text"][0]
    pieces = [text[row.start : row.end] for row in study.segments.itertuples()]
    assert pieces[:3] == ["Bread molding", "Visit 0: we planned the\nworkshop together.", "Visit 1: we planned the\nworkshop together."]
    assert len(pieces) == 11
    # An old page's paragraphs in one block, between two <br>s.
    old = "<html><body><div>First note,<br>second line.<br> <br>Second note.<br><br><br>Third.</div></body></html>"
    study = qlr.load(write(tmp_path / "Camps_W2_fieldnotes.html", old), progress=False)
    text = study.documents["text"][0]
    assert [text[row.start : row.end] for row in study.segments.itertuples()] == ["First note,\nsecond line.", "Second note.", "Third."]


def test_noscribe_voices_that_overlap(tmp_path):
    # noScribe's WebVTT marks a voice that overlaps the one before with "//" in the voice tag.
    vtt = (
        "WEBVTT Interview\n\nNOTE\nTranscribed with noScribe\n\n"
        "1\n00:00:12.000 --> 00:00:20.000\n<v S01>How long have you lived here? //S00: Oh, years. // I mean roughly.\n\n"
        "2\n00:00:20.000 --> 00:00:22.000\n<v //S00>Ten years.\n"
    )
    source = read_document(write(tmp_path / "C1_W1_interview.vtt", vtt))
    found = segment_document(source.text, turns=[Segment(t.start, t.end, t.speaker, t.timestamp, t.timestamp_end) for t in source.turns])
    assert [(s.speaker, source.text[s.start : s.end]) for s in found.segments] == [
        ("S01", "How long have you lived here?"), ("S00", "Oh, years."), ("S01", "I mean roughly."), ("S00", "Ten years.")
    ]


def test_line_numbers_in_brackets_are_cut_and_counted(tmp_path):
    numbered = "(1) I: How long have you lived here?\n(2) R: Ten years.\n(3) I: And before?\n(4) R: Lodgings, [5] of them.\n"
    source = read_document(write(tmp_path / "x.txt", numbered))
    assert source.text == "I: How long have you lived here?\nR: Ten years.\nI: And before?\nR: Lodgings, [5] of them.\n"
    assert source.removed == {"line numbers": 4}
    # A list numbered "1)" is not line numbers.
    listed = "1) the rota\n2) the menu\n3) the trips\n"
    assert read_document(write(tmp_path / "y.txt", listed)).text == listed
    assert read_document(write(tmp_path / "z.txt", listed.replace(")", "."))).text == listed.replace(")", ".")
    topics = "1. Background: the project began in 2019.\n2. Methods: we talked.\n3. Findings: many.\n"
    assert read_document(write(tmp_path / "topics.txt", topics)).text == topics  # labels that never come back
    # Numbered turns in a list's style are: most numbered lines open with a speaker label.
    for mark in (")", "."):
        turns = f"1{mark} I: How long?\n2{mark} R: Ten years.\n3{mark} I: And before?\n4{mark} R: Lodgings.\n5{mark} I: Thanks.\n"
        source = read_document(write(tmp_path / "t.txt", turns))
        assert source.text == "I: How long?\nR: Ten years.\nI: And before?\nR: Lodgings.\nI: Thanks.\n"
        assert source.removed == {"line numbers": 5}
        assert [s.speaker for s in segment_turns(source.text)] == ["I", "R", "I", "R", "I"]


def test_srt_labels_are_names_in_any_script(tmp_path):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nÉva: Hogy kezdődött?\n\n2\n00:00:02,000 --> 00:00:03,000\nΓιώργος: Με ένα φυλλάδιο.\n\n3\n00:00:03,000 --> 00:00:04,000\nélet: nem név.\n"
    source = read_document(write(tmp_path / "x.srt", srt))
    assert [t.speaker for t in source.turns] == ["Éva", "Γιώργος"]
    assert source.text.endswith("élet: nem név.")


def test_subtitle_labels_in_brackets_and_captions(tmp_path):
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n[Jane Smith] How long?\n\n2\n00:00:02,000 --> 00:00:03,000\n[Tom Brown] Ten years.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n[Laughter] Go on.\n\n4\n00:00:04,000 --> 00:00:05,000\n>> JANE: And now?\n"
    )
    source = read_document(write(tmp_path / "x.srt", srt))
    # A sound in brackets is no one: "Go on." stays with the speaker before it.
    assert [(t.speaker, source.text[t.start : t.end]) for t in source.turns] == [
        ("Jane Smith", "How long?"), ("Tom Brown", "Ten years. [Laughter] Go on."), ("JANE", "And now?")
    ]


def test_unlabelled_subtitles_warn_that_questions_are_not_told_apart(tmp_path):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHow long have you lived here?\n\n00:00:03.000 --> 00:00:04.000\nTen years.\n"
    with pytest.warns(qlr.errors.NoInterviewerWarning, match=r"no speaker label qlr recognises.*C1_W1_interview"):
        qlr.load(write(tmp_path / "C1_W1_interview.vtt", vtt), progress=False)


def test_a_plain_text_transcript_in_tab_separated_columns(tmp_path):
    # "Speaker<TAB>words", as typed with tab stops or pasted from a table.
    typed = "Interviewer\tHow long have you been coming?\nTom\tAbout two years.\nInterviewer\tAnd who runs it?\nTom\tWe do, with Sam.\n"
    study = qlr.load(write(tmp_path / "a" / "C1_W1_interview.txt", typed), progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant"] * 2
    assert _texts(study) == ["How long have you been coming?", "About two years.", "And who runs it?", "We do, with Sam."]
    # NVivo's transcript columns, time | words | speaker, under a title line.
    nvivo = "Interview 3\n0:00.0 - 0:06.0\tHow long have you lived here?\tInterviewer\n0:07.0 - 0:12.0\tTen years now.\tTom Brown\n0:13.0 - 0:15.0\tAnd before?\tInterviewer\n0:16.0 - 0:18.0\tLodgings, mostly.\tTom Brown\n"
    study = qlr.load(write(tmp_path / "b" / "C1_W1_interview.txt", nvivo), progress=False)
    assert list(study.segments["speaker"].fillna("-")) == ["-", "Interviewer", "Tom Brown", "Interviewer", "Tom Brown"]
    assert _texts(study)[2] == "Ten years now."
    # Indented paragraphs and a table of ages are read as they are.
    indented = "\tWe started in May.\n\tThen the group grew.\n\tNow we run it.\n"
    assert read_document(write(tmp_path / "c.txt", indented)).text == indented
    ages = "Name\tAge\nTom\t54\nAnn\t61\nBob\t47\n"
    assert read_document(write(tmp_path / "d.txt", ages)).text == ages


def test_an_nvivo_transcription_export_keeps_its_text_and_its_times(tmp_path):
    # NVivo Transcription's tab export: "Timespan<TAB>Content<TAB>Speaker", the speaker after the words. The stored
    # text is the file's (every coding offset, .qdpx export and deposit refers to it); each turn is its words cell,
    # with the speaker cell's name and the time cell's start and end, as a subtitle cue's.
    nvivo = (
        "Kenji W1 - NVivo Transcription export\n"
        "Timespan\tContent\tSpeaker\n"
        "0:00:00.0 - 0:00:07.2\tThanks for making time, Kenji. How did you hear about the allotment?\tAlex Rowe\n"
        "0:00:07.2 - 0:00:19.8\tA flyer at the surgery. I come on Tuesdays and mostly just weed.\tKenji\n"
        "0:00:19.8 - 0:00:24.0\tWho decides what gets planted each season?\tAlex Rowe\n"
        "0:00:24.0 - 0:01:02.5\tThe coordinator does, we never get asked. It would be nice to choose.\tKenji\n"
    )
    path = write(tmp_path / "nv" / "K1_W1_interview.txt", nvivo)
    source = read_document(path)
    assert source.text == nvivo
    write(path.parent / "study.yaml", "waves: [W1]\ncases: [{id: K1}]\nspeakers:\n  Alex Rowe: interviewer\ndocuments: ['*.txt']\n")
    study = qlr.load(path.parent, progress=False)
    assert study.documents["text"].iat[0] == source.text
    segments = study.segments
    assert list(segments["speaker"].fillna("-")) == ["-", "Alex Rowe", "Kenji", "Alex Rowe", "Kenji"]
    assert list(segments["speaker_role"].fillna("-")) == ["-", "interviewer", "participant", "interviewer", "participant"]
    assert _texts(study)[0] == "Kenji W1 - NVivo Transcription export\nTimespan\tContent\tSpeaker"
    assert _texts(study)[4] == "The coordinator does, we never get asked. It would be nice to choose."
    assert list(segments["timestamp"].iloc[1:]) == [0.0, 7.2, 19.8, 24.0]
    assert list(segments["timestamp_end"].iloc[1:]) == [7.2, 19.8, 24.0, 62.5]
    # Time, speaker and words in that order keep their times too, and a wrapped answer stays the row's.
    typed = "0:00:02\tInterviewer\tWhat brought you to the group?\n0:00:06\tMo\tMy sister did, she was already going.\nThen I stayed on.\n0:00:15\tInterviewer\tAnd now who runs it?\n0:00:18\tMo\tWe take turns, all of us.\n"
    study = qlr.load(write(tmp_path / "tm" / "M1_W1_interview.txt", typed), progress=False)
    assert study.documents["text"].iat[0] == typed
    assert list(study.segments["timestamp"]) == [2.0, 6.0, 15.0, 18.0]
    assert _texts(study)[1] == "My sister did, she was already going.\nThen I stayed on."


def test_srt_malformed_block(tmp_path):
    srt = "not a cue at all\n\n1\n00:00:01,000 --> 00:00:02,000\nHello.\n"
    with pytest.raises(DocumentFormatError, match=r"x\.srt:1: malformed SRT cue: expected a cue number"):
        read_document(write(tmp_path / "x.srt", srt))
    # A timing line with a typo is an error, wherever it is, not words.
    typo = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n00:00:02,000 -> 00:00:03,000\nAgain.\n"
    with pytest.raises(DocumentFormatError, match=r"y\.srt:5: malformed SRT cue: expected a cue number"):
        read_document(write(tmp_path / "y.srt", typo))
    numbered = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:02,000 -> 00:00:03,000\nAgain.\n"
    with pytest.raises(DocumentFormatError, match=r"z\.srt:6: malformed SRT cue: cannot read the timing line"):
        read_document(write(tmp_path / "z.srt", numbered))


@pytest.mark.parametrize("suffix", ["srt", "vtt"])
def test_a_paragraph_break_inside_a_cue_goes_on_with_its_words(tmp_path, suffix):
    # A real .srt (an interview bot's): a host's long answer in one cue, with blank lines between its paragraphs.
    head = "WEBVTT\n\n" if suffix == "vtt" else "1\n"
    text = (
        f"{head}00:00:01,000 --> 00:00:05,000\nHost: There are several challenges.\n\nSecondly, it is early days.\n\n"
        "Finally, scale.\n\n" + ("" if suffix == "vtt" else "2\n") + "00:00:05,000 --> 00:00:06,000\nGuest: I see.\n"
    ).replace(",000", ".000" if suffix == "vtt" else ",000")
    lines = "6, 8" if suffix == "vtt" else "5, 7"
    with pytest.warns(RepairedInputWarning, match=rf"x\.{suffix}: 2 block\(s\) after a blank line inside a cue have no timing \(line {lines}\): read as more words of the cue before them"):
        source = read_document(write(tmp_path / f"x.{suffix}", text))
    assert [(turn.speaker, source.text[turn.start : turn.end]) for turn in source.turns] == [
        ("Host", "There are several challenges. Secondly, it is early days. Finally, scale."), ("Guest", "I see.")
    ]


F4_RTF = (
    "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}{\\*\\generator f4transkript;}\\pard\\f0\\fs22 "
    "I: Wie lange wohnen Sie schon hier? #00:00:05-2#\\par\n"
    "B: Zehn Jahre. Wir f\\'fchren die Gruppe selbst. #00:00:12-0#\\par\n"
    "{\\pict\\wmetafile8\\picw100 0102030405060708}\n"
    "I: Und wer entscheidet? #00:00:15-1#\\par\n"
    "B: Wir, meistens. \\u8220?Gemeinsam\\u8221?. #00:00:18-0#\\par\n}"
)


def test_rich_text_transcripts_as_f4_writes_them(tmp_path):
    study = qlr.load(write(tmp_path / "C1_W1_interview.rtf", F4_RTF), progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant"] * 2
    # Code-page escapes and Unicode escapes are read; the picture's data is not text.
    assert _texts(study) == ["Wie lange wohnen Sie schon hier?", "Zehn Jahre. Wir führen die Gruppe selbst.", "Und wer entscheidet?", "Wir, meistens. “Gemeinsam”."]
    assert list(study.segments["timestamp_end"]) == [5.2, 12.0, 15.1, 18.0]
    assert "0102" not in study.documents["text"].iloc[0]
    with pytest.raises(DocumentFormatError, match=r"x\.rtf:1: this file does not start with '\{\\rtf'"):
        read_document(write(tmp_path / "x.rtf", "Plain words saved as .rtf"))


def test_line_numbers_before_the_labels_are_cut_and_counted(tmp_path):
    numbered = "1  I: How long have you lived here?\n2  P: Ten years now.\n3     We run the group.\n4  I: And who decides?\n5  P: We do, mostly.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", numbered), progress=False)
    assert list(study.segments["speaker"]) == ["I", "P", "I", "P"]
    assert _texts(study)[1] == "Ten years now.\nWe run the group."
    assert "C1_W1_interview: left out of the text: 5 line numbers" in study.meta["inferred"]
    # Numbers that do not rise, or open too few lines, are words.
    said = "1 or 2 of us go.\nInterviewer: Why?\n3 years ago it started.\nTom: Yes.\n"
    assert read_document(write(tmp_path / "said.txt", said)).text == said


def test_pdf_pages_with_no_text_layer_are_named(tmp_path, capsys):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for lines in (["Interviewer: How long?", "Tom: Ten years."], None, None, ["Interviewer: And now?", "Tom: Better."], None):
        if lines is None:
            writer.add_blank_page(612, 792)  # a scanned page: an image, no text
        else:
            writer.add_page(PdfReader(io.BytesIO(_pdf(lines))).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path / "C1_W1_interview.pdf", buffer.getvalue())
    with pytest.warns(qlr.errors.UnreadTextWarning, match=r"document C1_W1_interview: 3 page\(s\) with no text layer \(pp\. 2–3, 5; scanned images\? run OCR on them\): their words are not in the study"):
        study = qlr.load(path, progress=False)
    assert list(study.segments["speaker"]) == ["Interviewer", "Tom", "Interviewer", "Tom"]
    # The command finishes, says so even with -q, and exits 3: data was left out.
    from qlr.cli import EXIT_DATA_LEFT_OUT, main

    assert main(["info", "-q", str(path)]) == EXIT_DATA_LEFT_OUT
    assert "3 page(s) with no text layer" in capsys.readouterr().err


def test_unknown_extension(tmp_path):
    with pytest.raises(DocumentFormatError, match=r"qlr cannot read '\.wpd' files"):
        read_document(write(tmp_path / "x.wpd", "WordPerfect"))


# Word 97-2003 files written by LibreOffice from the sources in tests/data/doc/make_doc_fixtures.py.
DOC_FILES = Path(__file__).parent / "data" / "doc"


def test_a_word_97_document_reads_as_word_shows_it_and_counts_what_it_leaves_out():
    source = read_document(DOC_FILES / "notes.doc")
    # The hyperlink field reads as its words; the footnote's mark and text are not in the body.
    assert source.text == (
        "Interviewer: How long have you lived in Łódź and Zürich? 🙂\nTom: Ten years, near the café.\n"
        "Interviewer: Who decides what happens at the group?\nTom: We do, all of us together. See the rota page — it’s ours."
    )
    assert source.format == "doc"
    assert source.removed == {"footnotes": 1, "headers and footers": 1, "comments": 1}


def test_a_word_97_document_with_tracked_changes_reads_them_accepted():
    source = read_document(DOC_FILES / "tracked.doc")
    assert "Tom: Ten years now, in the same flat.\n" in source.text
    assert "eleven" not in source.text
    assert source.removed == {"tracked deletions": 1}


def test_a_word_97_transcript_table_and_text_box(tmp_path):
    table = (DOC_FILES / "table.doc").read_bytes()
    study = qlr.load(write(tmp_path / "t" / "C1_W1_interview.doc", table), progress=False)
    assert list(study.segments["speaker"].fillna("-")) == ["-", "Interviewer", "Tom", "Interviewer", "Tom"]
    # The last answer is two paragraphs in its cell: still Tom's turn.
    assert _texts(study)[1:] == ["How long have you lived here?", "Ten years.", "And who decides?", "We do, with Sam.\nEvery week."]
    # A text box's words come after the body's, nobody's turn: nothing in it is lost.
    boxed = read_document(DOC_FILES / "textbox.doc")
    assert boxed.text == "Interviewer: How long have you lived here? 🙂🙂\nTom: Ten years.\nInterviewer: And who decides?\n\nNote: Tom showed the rota."
    study = qlr.load(write(tmp_path / "b" / "C1_W1_interview.doc", (DOC_FILES / "textbox.doc").read_bytes()), progress=False)
    assert list(zip(study.segments["speaker"].fillna("-"), study.segment_texts()))[-2:] == [("Interviewer", "And who decides?"), ("-", "Note: Tom showed the rota.")]


def test_a_word_97_transcript_loads_with_its_notes_said(tmp_path):
    study = qlr.load(write(tmp_path / "C1_W1_interview.doc", (DOC_FILES / "notes.doc").read_bytes()), progress=False)
    assert list(study.segments["speaker_role"]) == ["interviewer", "participant"] * 2
    assert any("left out of the text: 1 footnotes, 1 headers and footers, 1 comments" in note for note in study.meta["inferred"])


def test_a_doc_that_is_docx_or_rtf_is_read_as_what_it_is(tmp_path):
    document = docx.Document()
    document.add_paragraph("Interviewer: How long?")
    saved = io.BytesIO()
    document.save(saved)
    assert read_document(write(tmp_path / "a.doc", saved.getvalue())).text == "Interviewer: How long?"
    assert read_document(write(tmp_path / "b.doc", b"{\\rtf1\\ansi Interviewer: How long?\\par}")).text.strip() == "Interviewer: How long?"


def test_hostile_word_97_tables_end(tmp_path):
    import struct

    from qlr.io import _msdoc

    # A property modifier with a negative size (the reader used to loop for ever).
    clx = b"\x01" + struct.pack("<h", -3) + b"\x02" + struct.pack("<I", 16) + b"\0" * 16
    with pytest.raises(ValueError, match="negative size"):
        _msdoc._pieces(clx, 0, len(clx))
    # Fields nested in fields: a code's inner field is code too; the outer result shows.
    assert _msdoc._field_results("A\x13HYPERLINK x\x14link\x15 B \x13PAGE\x15 C \x13outer \x13inner\x14i\x15\x14res\x15 D") == "Alink B  C res D"


def test_a_doc_qlr_cannot_read_gets_one_clear_error(tmp_path):
    import olefile

    with pytest.raises(DocumentFormatError, match=r"xml\.doc: this is not a Word 97-2003 document \(it is Word 2003 XML\).*save it as \.docx"):
        read_document(write(tmp_path / "xml.doc", b'<?xml version="1.0"?><w:wordDocument xmlns:w="urn:x"><w:body/></w:wordDocument>'))
    # Word's "Web Page" saved under .doc is read as the page it is.
    assert read_document(write(tmp_path / "page.doc", b"<html><body><p>Interviewer: Hi.</p></body></html>")).text == "Interviewer: Hi."
    # The same file with Word's "encrypted" flag set, and with its piece table cut off.
    for name, change, message in [
        ("locked.doc", lambda word: word[:0x0B] + (word[0x0B] | 0x01).to_bytes(1, "little") + word[0x0C:], "password-protected"),  # fEncrypted
        ("old.doc", lambda word: word[:2] + (0x2D).to_bytes(2, "little") + word[4:], "older than Word 6"),  # Word 2's nFib
        ("damaged.doc", lambda word: word[:418] + (10**6).to_bytes(4, "little") + word[422:], "text tables are damaged"),
    ]:
        path = write(tmp_path / name, (DOC_FILES / "tracked.doc").read_bytes())
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            ole.write_stream("WordDocument", change(ole.openstream("WordDocument").read()))
        with pytest.raises(DocumentFormatError, match=rf"{name}.*{message}"):
            read_document(path)


def test_docx_text_boxes_are_read_and_page_headers_counted():
    # LibreOffice's .docx writes the text box twice (a drawing and a fallback picture): read once.
    source = read_document(DOC_FILES / "textbox.docx")
    # A text box is nobody's turn: its lines follow the body, each a line no speaker's words run into.
    assert source.text == "Interviewer: How long have you lived here? 🙂🙂\nTom: Ten years.\nInterviewer: And who decides?\n\nNote: Tom showed the rota."
    assert source.heading_lines == [source.text.index("Note:")]
    # The same in OpenDocument.
    odt = read_document(DOC_FILES / "textbox.odt")
    assert (odt.text, odt.heading_lines) == (source.text, source.heading_lines)
    notes = read_document(DOC_FILES / "notes.docx")
    assert notes.removed == {"footnotes": 1, "comments": 1, "headers and footers": 1}
    assert notes.text.startswith("Interviewer: How long have you lived in Łódź and Zürich? 🙂\n")
    assert "Confidential" not in notes.text


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword (Debian's package) reads .doc independently of qlr")
@pytest.mark.parametrize("name", ["notes.doc", "table.doc"])
def test_word_97_text_agrees_with_antiword(name):
    # antiword prints a table's cells between bars and the footnotes after the body ("[1] …").
    expected = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(DOC_FILES / name)], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    body = expected.split("-----------------------")[0]
    words = [re.findall(r"[^\W\d_]+", line) for line in (read_document(DOC_FILES / name).text, body)]
    assert words[0] == words[1]


def _wrap_in_content_control(element):
    """Put a python-docx element (a paragraph, a row, a cell) inside a w:sdt/w:sdtContent where it stands."""
    from docx.oxml import OxmlElement

    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    element.addprevious(control)
    content.append(element)


def test_docx_content_controls_nested_tables_and_merged_cells_come_through_once(tmp_path):
    # A template's fields, a table of contents or a bibliography sit in content controls (w:sdt)
    # around paragraphs, rows or cells; python-docx's own walk passes over all three.
    document = docx.Document()
    document.add_paragraph("Interviewer: How long?")
    _wrap_in_content_control(document.add_paragraph("Tom: Ten years, in a control.")._p)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "left", "right"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "merged down"
    table.cell(1, 1).text = "row two"
    table.cell(2, 1).add_table(rows=1, cols=2)
    nested = table.cell(2, 1).tables[0]
    nested.cell(0, 0).text, nested.cell(0, 1).text = "nested one", "nested two"
    _wrap_in_content_control(table.rows[1]._tr)
    _wrap_in_content_control(table.rows[0].cells[1]._tc)
    document.add_paragraph("End.")
    path = tmp_path / "x.docx"
    document.save(path)
    lines = [line for line in read_document(path).text.split("\n") if line]
    assert lines == ["Interviewer: How long?", "Tom: Ten years, in a control.", "left", "right", "merged down", "row two", "nested one", "nested two", "End."]


def test_docx_transcript_table_with_a_table_in_an_answer_and_a_colon_at_its_end(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    for row, (speaker, words) in enumerate([("Interviewer", "Who does what?"), ("Priya", "Like this:"), ("Interviewer", "And who chose?"), ("Priya", "Three things matter to me:")]):
        table.cell(row, 0).text, table.cell(row, 1).text = speaker, words
    rota = table.cell(1, 1).add_table(rows=2, cols=2)
    for row, (job, who) in enumerate([("Rota", "Priya"), ("Speakers", "Owen")]):
        rota.cell(row, 0).text, rota.cell(row, 1).text = job, who
    path = tmp_path / "C1_W1_interview.docx"
    document.save(path)
    study = qlr.load(path, progress=False)
    # The table in Priya's answer is her words, not lost; a colon ending an answer stays.
    assert list(zip(study.segments["speaker"], study.segment_texts())) == [
        ("Interviewer", "Who does what?"), ("Priya", "Like this:\nRota\nPriya\nSpeakers\nOwen"), ("Interviewer", "And who chose?"), ("Priya", "Three things matter to me:")
    ]


def test_a_tabbed_transcript_with_an_answer_wrapped_onto_new_lines(tmp_path):
    typed = "Interviewer\tHow long have you been coming?\nTom\tAbout two years.\nIt feels longer.\nInterviewer\tAnd who runs it?\nTom\tWe do.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", typed), progress=False)
    assert list(zip(study.segments["speaker"].fillna("-"), study.segment_texts())) == [
        ("Interviewer", "How long have you been coming?"), ("Tom", "About two years.\nIt feels longer."), ("Interviewer", "And who runs it?"), ("Tom", "We do.")
    ]



@pytest.mark.parametrize("gap", ["\n", ""])
def test_a_closing_note_below_a_tabbed_transcript_is_nobodys(tmp_path, gap):
    # The recorder's note after the last row is no one's words, whether or not a blank line parts it from the rows.
    typed = f"Interviewer\t00:00:01\tIs it open today?\nDana\t00:00:03\tUntil four.\nInterviewer\t00:00:02\tWho keeps the keys?\nDana\t00:00:06\tMostly Dev, and me on Fridays.\n{gap}Recording stopped. Note: the room was noisy.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", typed), progress=False)
    assert list(zip(study.segments["speaker"].fillna("-"), study.segment_texts())) == [
        ("Interviewer", "Is it open today?"), ("Dana", "Until four."), ("Interviewer", "Who keeps the keys?"), ("Dana", "Mostly Dev, and me on Fridays."), ("-", "Recording stopped. Note: the room was noisy.")
    ]
    # The last answer wrapped onto the line below, mid-sentence, is still its speaker's.
    wrapped = typed.replace("Mostly Dev, and me on Fridays.\n", "Mostly Dev, and me\non Fridays.\n")
    study = qlr.load(write(tmp_path / "w" / "C1_W1_interview.txt", wrapped), progress=False)
    assert list(study.segment_texts())[3] == "Mostly Dev, and me\non Fridays."


def test_docx_endnotes_are_counted_as_left_out(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    paragraph = document.add_paragraph("Tom: Ten years.")
    run, reference = OxmlElement("w:r"), OxmlElement("w:endnoteReference")
    reference.set(qn("w:id"), "1")
    run.append(reference)
    paragraph._p.append(run)
    path = tmp_path / "x.docx"
    document.save(path)
    assert read_document(path).removed == {"endnotes": 1}


def test_rtf_stray_star_and_a_character_its_font_cannot_spell(tmp_path):
    # LibreOffice writes "\*" inside running text; only at a group's start does it hide the group.
    stray = b"{\\rtf1\\ansi{\\fonttbl{\\f0\\fcharset0 Times;}}{\\f0\\b0\\*\\cs7 The quick brown fox}\\par{\\*\\hidden not this}}"
    assert read_document(write(tmp_path / "a.rtf", stray)).text.strip() == "The quick brown fox"
    # A byte escaped in a Japanese font (cp932) that begins a two-byte character and has no second.
    font = b"{\\rtf1\\ansi{\\fonttbl{\\f0\\fcharset0 Times;}{\\f1\\fcharset128 MS Mincho;}}\\f0 One {\\f1 \\'96}\\f0  two\\par}"
    source = read_document(write(tmp_path / "b.rtf", font))
    assert source.text.split() == ["One", "\ufffd", "two"]
    assert source.unread == {"characters that cannot be decoded in their font's character set": 1}


def test_password_protected_office_files_are_named_so(tmp_path):
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(DocumentFormatError, match=r"x\.docx: this \.docx file is password-protected"):
        read_document(write(tmp_path / "x.docx", encrypted))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>')
        archive.writestr("content.xml", b"\x8f\x02binary")
    with pytest.raises(DocumentFormatError, match=r"y\.odt: this \.odt file is password-protected"):
        read_document(write(tmp_path / "y.odt", buffer.getvalue()))
    # A Word 97-2003 file saved under .docx is read as what it is.
    assert read_document(write(tmp_path / "z.docx", (DOC_FILES / "notes.doc").read_bytes())).text.startswith("Interviewer: How long")


def test_a_pdf_with_only_an_owner_password_is_read_and_one_that_asks_for_a_password_is_not(tmp_path):
    from pypdf import PdfReader, PdfWriter

    def locked(user):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Interviewer: Did it help?", "Asha: It did, a lot."]))))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-256")
        saved = io.BytesIO()
        writer.write(saved)
        return saved.getvalue()

    # "No copying" (an owner password alone): every viewer opens it without asking, and so does qlr.
    study = qlr.load(write(tmp_path / "a" / "C1_W1_interview.pdf", locked("")), progress=False)
    assert _texts(study) == ["Did it help?", "It did, a lot."]
    with pytest.raises(DocumentFormatError, match=r"b\.pdf: the PDF needs a password to open"):
        read_document(write(tmp_path / "b.pdf", locked("secret")))


def test_a_damaged_pdf_page_is_reported_and_the_rest_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for words in (["Interviewer: Did it help?"], ["Asha: It did, a lot."], ["Interviewer: Why?"]):
        writer.add_page(PdfReader(io.BytesIO(_pdf(words))).pages[0])
    saved = io.BytesIO()
    writer.write(saved)
    # Page 2's text operators garbled as in a damaged file Apache Tika keeps ("[628 FR 1"); the
    # offsets no longer match either, which pypdf repairs.
    data = saved.getvalue().replace(b"(Asha: It did, a lot.) Tj", b"(Asha: It did, a lot.) Tj [628 FR 1 (((")
    source = read_document(write(tmp_path / "x.pdf", data))
    assert source.unread == {"page(s) too damaged to read (p. 2; the rest of the PDF is read)": 1}
    assert source.text.split() == ["Interviewer:", "Did", "it", "help?", "Interviewer:", "Why?"]


def test_odt_tracked_deletions_and_page_headers_are_counted():
    # LibreOffice's own .odt: a deletion kept in the tracked changes, a page header in styles.xml.
    tracked = read_document(DOC_FILES / "tracked.odt")
    assert "Tom: Ten years now, in the same flat." in tracked.text and "eleven" not in tracked.text
    assert tracked.removed == {"tracked deletions": 1}
    notes = read_document(DOC_FILES / "notes.odt")
    assert notes.removed == {"comments": 1, "footnotes": 1, "headers and footers": 1}
    assert "Confidential" not in notes.text


def test_a_web_page_transcript(tmp_path):
    # noScribe's default output: a paragraph per turn, the words in anchors, the time in a span.
    noscribe = (
        '<!DOCTYPE HTML><html><head><meta charset="UTF-8" /><style>p { font-size: 0.9em; }</style><title>x</title></head>'
        '<body><p style="font-weight: 600">Interview with Tom</p><p><span>Transcribed with noScribe<br />Audio file: tom.mp3</span></p>'
        '<p><a name="ts_1">S01: <span>[00:00:12]</span> How long have you\n   lived here?</a><a name="ts_2"> //S00: Oh. //</a></p>'
        '<p><a name="ts_3">S00: <span>[00:00:20]</span> Ten years &amp; more.</a></p><script>alert("no")</script>'
        '<p><a name="ts_4">S01: <span>[00:00:31]</span> And who decides?</a></p><p><a name="ts_5">S00: <span>[00:00:35]</span> We do.</a></p></body></html>'
    )
    source = read_document(write(tmp_path / "a.html", noscribe))
    assert source.text == (
        "Interview with Tom\nTranscribed with noScribe\nAudio file: tom.mp3\nS01: [00:00:12] How long have you lived here? //S00: Oh. //\n"
        "S00: [00:00:20] Ten years & more.\nS01: [00:00:31] And who decides?\nS00: [00:00:35] We do."
    )
    found = segment_document(source.text)
    assert [(s.speaker, s.timestamp, source.text[s.start : s.end]) for s in found.segments][1:] == [
        ("S01", 12.0, "How long have you lived here?"), ("S00", None, "Oh."), ("S00", 20.0, "Ten years & more."), ("S01", 31.0, "And who decides?"), ("S00", 35.0, "We do.")
    ]
    # A transcript table on a web page is read as one.
    table = "<table><tr><th>Speaker</th><th>Text</th></tr>" + "".join(
        f"<tr><td>{who}</td><td>{words}</td></tr>" for who, words in TURNS
    ) + "</table>"
    study = qlr.load(write(tmp_path / "b" / "C1_W1_interview.htm", table), progress=False)
    assert list(zip(study.segments["speaker"].fillna("-"), study.segment_texts()))[1:] == TURNS
    # Unclosed tags nesting past libxml2's usual depth of 256 are read whole; far deeper is refused, not cut.
    unclosed = "".join(f"<div><span>{'I' if i % 2 else 'R'}: line {i}<br>" for i in range(400))
    assert len(read_document(write(tmp_path / "c.html", f"<html><body>{unclosed}</body></html>")).text.split("\n")) == 400
    with pytest.raises(DocumentFormatError, match="nests its elements too deep"):
        read_document(write(tmp_path / "d.html", "<div>" * 5000 + "words" + "</div>" * 5000))


TURNS = [("Interviewer", "How long have you lived here?"), ("Tom", "About ten years, give or take."), ("Interviewer", "And who runs the group now?"), ("Tom", "We do, all of us together.")]


def test_word_paragraphs_without_empty_ones_between_are_paragraphs(tmp_path):
    # A lecture transcript in Word: 4 paragraphs spaced by their style, none empty between them.
    paragraphs = [[("Hi everyone, this is the third lecture.", False)], [("--Course materials--", False)], [("Before we dive in, a word on the notes.", False)], [("Remember the main page.", False)]]
    for kind in ("document", "notes"):
        study = qlr.load(_docx(tmp_path / f"FA_W1_{kind}.docx", paragraphs), progress=False)
        assert _texts(study) == [runs[0][0] for runs in paragraphs]
    # Empty paragraphs between blocks keep the blocks whole (a heading over its text).
    blocks = [[("Need", False)], [("Eastbrook has 9,500 carers.", False)], [("", False)], [("Risks", False)], [("Staff may leave.", False)]]
    study = qlr.load(_docx(tmp_path / "FA_W2_document.docx", blocks), progress=False)
    assert _texts(study) == ["Need\nEastbrook has 9,500 carers.", "Risks\nStaff may leave."]


def test_invisible_characters_are_left_out_and_counted(tmp_path):
    # Google Docs' PDFs put zero-width spaces between words; Word and web pages soft hyphens inside them.
    text = "I: \u200b \u200b Sorry, \u200b \u200b who does the co\u00adproduction?\nB: The \u2060team.\nI: Where?\nB: In India.\n"
    source = read_document(write(tmp_path / "C1_W1_interview.txt", text))
    assert source.text == "I:   Sorry,   who does the coproduction?\nB: The team.\nI: Where?\nB: In India.\n"
    assert source.removed == {"invisible characters (zero-width spaces, soft hyphens)": 6}
    study = qlr.load(tmp_path, progress=False)
    assert study.segments["n_words"].tolist() == [5, 2, 1, 2]
    assert "C1_W1_interview: left out of the text: 6 invisible characters (zero-width spaces, soft hyphens)" in study.meta["inferred"]
    # A quote copied with single spaces finds the words however the text spaces them.
    coding_id = study.code_quote("C1_W1_interview", "Sorry, who does the coproduction?", "power.co_designing", coder="me")
    row = study.codings.set_index("coding_id").loc[coding_id]
    assert study.documents["text"].iloc[0][row["start"] : row["end"]] == "Sorry,   who does the coproduction?"
    # Subtitle turns keep their words when characters before them go.
    srt = "1\n00:00:01,000 --> 00:00:02,000\nAnn: We \u200bran it.\n\n2\n00:00:02,000 --> 00:00:03,000\nBen: To\u00adgether.\n"
    cues = read_document(write(tmp_path / "x.srt", srt))
    assert [cues.text[turn.start : turn.end] for turn in cues.turns] == ["We ran it.", "Together."]


def test_word_97_web_pages_keep_their_first_turn_and_declared_charset(tmp_path):
    # Word 97 saved interviews as web pages with the paragraph opening inside the bold name ("<B><P>Aho</B>:");
    # the page declares windows-1252, so its curly apostrophes are no slip to warn of.
    page = (
        b'<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252"></HEAD><BODY>\n'
        b"<B><FONT SIZE=2><P>Professor Mahoney\x92s interview with Al Aho:</P><DIR><DIR>\n"
        b"<P>Aho</B>:&#9;How did it get started?</P>\n<B><P>MSM</B>:&#9;I have a general idea what sparked Ken\x92s mind.</P>\n"
        b"<B><P>Aho</B>:&#9;I had joined the Labs.</P>\n<B><P>MSM</B>:&#9;And then?</P>\n</DIR></DIR></FONT></BODY></HTML>\n"
    )
    path = tmp_path / "aho_T1_interview.htm"
    path.write_bytes(page)
    with warnings.catch_warnings():
        warnings.simplefilter("error", qlr.errors.DecodingFallbackWarning)
        source = read_document(path)
    assert source.encoding == "cp1252"
    assert source.text.splitlines()[:2] == ["Professor Mahoney\u2019s interview with Al Aho:", "Aho: How did it get started?"]
    with pytest.warns(NoInterviewerWarning, match="no turn read as the interviewer's"):
        study = qlr.load(tmp_path, progress=False)
    assert study.segments["speaker"].dropna().tolist() == ["Aho", "MSM", "Aho", "MSM"]
    # Undeclared, the same bytes are read as Windows-1252 with the warning as before.
    path.write_bytes(page.replace(b"; charset=windows-1252", b""))
    with pytest.warns(qlr.errors.DecodingFallbackWarning, match="not valid UTF-8"):
        assert read_document(path).encoding == "cp1252"


def test_google_meet_captions_name_their_voices_in_brackets(tmp_path):
    # Google Meet's .vtt: "(Name)" on its own line, two voices in one cue split by "-" and a space-only line.
    vtt = (
        "WEBVTT\n\n00:00:08.000 --> 00:00:12.000\n(Danyel Fisher)\nI wanted to start with a little background\n\n"
        "00:00:12.000 --> 00:00:16.000\n(Danyel Fisher)\nso we know who we are talking to. Your background?\n-\n \n"
        "(Dana Bettinger)\nSafari wise or life wise\n\n00:00:16.000 --> 00:00:20.000\n(Danyel Fisher)\nLife wise.\n\n"
        "00:00:20.000 --> 00:00:22.000\n(Dana Bettinger)\nOkay.\n\n00:00:22.000 --> 00:00:23.000\n(Laughs)\n\n"
        "00:00:23.000 --> 00:00:24.000\n(Laughs)\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a voice after a space-only line is Google Meet's way, no slip
        source = read_document(write(tmp_path / "x.vtt", vtt))
    assert [(turn.speaker, source.text[turn.start : turn.end], turn.timestamp) for turn in source.turns] == [
        ("Danyel Fisher", "I wanted to start with a little background so we know who we are talking to. Your background?", 8.0),
        ("Dana Bettinger", "Safari wise or life wise", 12.0),
        ("Danyel Fisher", "Life wise.", 16.0),
        ("Dana Bettinger", "Okay. (Laughs) (Laughs)", 20.0),  # a sound in brackets is no voice, however often
    ]


def test_a_folder_loads_around_a_document_in_a_format_qlr_does_not_read(tmp_path):
    import olefile

    from qlr.errors import FilesNotLoadedWarning, UnreadableFormatError

    # An oral-history archive of mixed eras: one interview saved by Word 2, the others readable.
    root = tmp_path / "archive"
    write(root / "aho_T1_interview.txt", "Interviewer: How did it start?\nAho: With a leaflet.\n")
    old = write(root / "kernighan_T1_interview.doc", (DOC_FILES / "tracked.doc").read_bytes())
    with olefile.OleFileIO(str(old), write_mode=True) as ole:
        word = ole.openstream("WordDocument").read()
        ole.write_stream("WordDocument", word[:2] + (0x2D).to_bytes(2, "little") + word[4:])  # nFib of Word 2
    with pytest.raises(UnreadableFormatError, match="older than Word 6"):
        qlr.load(old, progress=False)  # the file alone: its error
    with pytest.warns(FilesNotLoadedWarning, match=r"archive: 1 document\(s\) are in a format qlr does not read and were not loaded: kernighan_T1_interview\.doc \(this is a Word document older than Word 6, a format qlr does not read\)\. Fix: open it in Word"):
        study = qlr.load(root, progress=False)
    assert study.documents["doc_id"].tolist() == ["aho_T1_interview"]


def test_f4_time_marks_inside_turns_are_left_out_and_closing_ones_kept(tmp_path):
    # f4transkript's own test data: marks inside a turn and before its closing full stop, raw UTF-8 in the .rtf.
    lines = [
        "I: Was hat man früher so für Musik gehört #00:00:27-8#? So daheim. #00:00:31-6#",
        "B: Wir habens krachen lassen damals #00:00:58-6#.",
        "I: Ja, so - #00:01:53-0# Der Punk ist halt tot, oder? #00:01:56-9#",
        "B: Ich glaub schon. #00:04:50-3#",
    ]
    plain = write(tmp_path / "C1_W1_interview.txt", "\n\n".join(lines) + "\n")
    rtf = tmp_path / "C1_W2_interview.rtf"
    rtf.write_bytes(("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\\pard " + "\\par\n".join(lines) + "\\par\n}").encode("utf-8"))
    for path in (plain, rtf):
        source = read_document(path)
        assert source.removed["f4 time marks inside turns"] == 2
        assert "#00:00:27-8#" not in source.text and "#00:01:53-0#" not in source.text
    study = qlr.load(tmp_path, progress=False)
    for doc_id in ("C1_W1_interview", "C1_W2_interview"):
        turns = study.segments[study.segments["doc_id"] == doc_id]
        texts = [study.segment_texts()[seg_id] for seg_id in turns["seg_id"]]
        assert texts == ["Was hat man früher so für Musik gehört? So daheim.", "Wir habens krachen lassen damals.", "Ja, so - Der Punk ist halt tot, oder?", "Ich glaub schon."]
        assert turns["timestamp_end"].tolist() == [31.6, 58.6, 116.9, 290.3]
    # A text with one stray "#12:30:00#" is no f4 transcript: left as it is.
    assert read_document(write(tmp_path / "x.txt", "We met at #12:30:00# sharp.\n")).text == "We met at #12:30:00# sharp.\n"


def test_a_word_table_of_labels_beside_words_is_read_turn_by_turn(tmp_path):
    # A loneliness study's interviews: one row, every label down the left cell (spaced with empty
    # paragraphs to stand level), every turn down the right; the whole interview was one turn.
    document = docx.Document()
    document.add_paragraph("Interview 7 - part 1")
    left, right = document.add_table(rows=1, cols=2).rows[0].cells
    labels = ["Interviewer", "", "", "Interviewee", "", "Interviewer", "Interviewee", "", ""]
    words = ["Can we start with what you put first?", "", "I wrote lonely. I moved here alone.", "How does that feel?", "", "Sad. I help run the youth club now."]
    left.paragraphs[0].text, right.paragraphs[0].text = labels[0], words[0]
    for text in labels[1:]:
        left.add_paragraph(text)
    for text in words[1:]:
        right.add_paragraph(text)
    path = tmp_path / "P07_W1_interview.docx"
    document.save(path)
    study = qlr.load(path, progress=False)
    turns = study.segments.assign(text=_texts(study))
    assert list(zip(turns["speaker"].fillna("-"), turns["speaker_role"].fillna("-"), turns["text"])) == [
        ("-", "-", "Interview 7 - part 1"),
        ("Interviewer", "interviewer", "Can we start with what you put first?"),
        ("Interviewee", "participant", "I wrote lonely. I moved here alone."),
        ("Interviewer", "interviewer", "How does that feel?"),
        ("Interviewee", "participant", "Sad. I help run the youth club now."),
    ]
