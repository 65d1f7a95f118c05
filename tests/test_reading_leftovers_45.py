"""Reading leftovers of stop 44, read at stop 45: a moderator's question in capitals inside a participant's paragraph,
transcript tables that were refused (words in the speaker cell, one voice throughout), a Word table's time column as
the turns' times, notes headings in more languages, one page-number rule in nine languages, long headers over numbered
lines, and compounds hyphenated at a PDF's line end. Every file here is written for the test."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import DocumentFormatError
from qlr.io._readers import _cut_typed_pages, _typed_line_numbers, clean_pdf_text, page_mark, read_source
from qlr.io._segment import _note_lines


def _segments(path):
    """(speaker, timestamp, words) of each segment of a file loaded alone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    text = study.documents["text"].iloc[0]
    return [
        (None if pd.isna(seg.speaker) else seg.speaker, None if pd.isna(seg.timestamp) else float(seg.timestamp), text[seg.start : seg.end])
        for seg in study.segments.itertuples()
    ]


# ------------------------------------------------------------------ a question in capitals inside a paragraph
_FOCUS_GROUP = """Focus group 1, Leeds

LET'S START. WHAT DID THE COUNCIL ASK YOU?

M1: Nothing at all, they never came round.

M2: They sent a letter once and that was it.

AND THE GARDEN, WHO RUNS IT?

M1: We do, the five of us on the street.

M2: We waited a year for the keys, and then we left. WHY DID YOU LEAVE? Because nobody asked us.

DID ANYONE COME BACK?

M1: Only the warden, in the spring.
Then nothing. SO WHO DECIDES NOW? The warden does, still.

WOULD YOU DO IT AGAIN?

M2: Yes, if they listen this time.
"""


def test_a_question_in_capitals_inside_a_paragraph_is_the_moderators(tmp_path):
    path = tmp_path / "FG01_W1_focusgroup.txt"
    path.write_text(_FOCUS_GROUP, encoding="utf-8")
    rows = [(speaker, words) for speaker, _, words in _segments(path)]
    moderator = "Moderator (in capitals)"
    # Before: "We waited … WHY DID YOU LEAVE? Because nobody asked us." was one turn of M2's.
    assert (moderator, "WHY DID YOU LEAVE?") in rows
    assert ("M2", "We waited a year for the keys, and then we left.") in rows
    assert ("M2", "Because nobody asked us.") in rows
    # On a line of the turn after its first: the question opening it, or after a sentence, is the moderator's too.
    assert (moderator, "SO WHO DECIDES NOW?") in rows
    assert ("M1", "The warden does, still.") in rows
    assert [speaker for speaker, _ in rows].count(moderator) == 6


def test_capitals_inside_a_labelled_interviewers_transcript_stay_the_speakers(tmp_path):
    # The interviewer is labelled: a participant who quotes a shouted question keeps it.
    path = tmp_path / "P01_W1_interview.txt"
    turns = "".join(f"I: And then, {n}?\n\nP01: We waited, and then we left. WHY DID YOU LEAVE? they asked us. Nobody had.\n\n" for n in range(4))
    path.write_text(turns, encoding="utf-8")
    rows = _segments(path)
    assert [speaker for speaker, _, _ in rows] == ["I", "P01"] * 4
    assert all("WHY DID YOU LEAVE?" in words for speaker, _, words in rows if speaker == "P01")


# ------------------------------------------------------------------ transcript tables that were refused
def test_a_speaker_cell_holding_the_words_is_read(tmp_path):
    path = tmp_path / "E01_W1_interview.csv"
    path.write_text(
        "timestamp,speaker,words,tags\n"
        "[0:00],Yeager,How did you come to the college?,\n"
        ",Smith,My mother lived in town so I could board at home.,\n"
        ",Yeager,And the work?,\n"
        ",Smith,I typed for a professor three afternoons a week.,\n"
        ',"Artderson\u201a Well it\'s really changed since then, hasn\'t it.",,\n'
        ",Yeager,It has.,\n"
        ",Smith,It was good money for those days.,\n",
        encoding="utf-8",
    )
    # Before: refused ("the cells of its column 'speaker' are not speaker labels").
    rows = _segments(path)
    assert [speaker for speaker, _, _ in rows] == ["Yeager", "Smith", "Yeager", "Smith", "Artderson", "Yeager", "Smith"]
    assert rows[4][2] == "Well it's really changed since then, hasn't it."
    notes = read_source(path).notes
    assert any("1 row(s) with no words in 'words' whose speaker cell holds a label and words" in note and "rows 6" in note for note in notes)


def test_a_questionnaire_of_one_voice_is_read(tmp_path):
    several = tmp_path / "Q07_W1_questionnaire.csv"
    several.write_text(
        "timestamp,speaker,words,tags\n"
        ',Respondent 7,"I came in 1961 because my brother had, and I stayed for the music.",\n'
        ',,"The town was harder than the college. We could not sit downstairs at the cinema.",\n'
        ',,"I would do it again, but I would ask for more help with the fees.",\n',
        encoding="utf-8",
    )
    # Before: refused (its one label never came back).
    rows = _segments(several)
    assert [speaker for speaker, _, _ in rows] == ["Respondent 7"]
    assert rows[0][2].startswith("I came in 1961") and rows[0][2].endswith("help with the fees.")
    assert any("one speaker throughout, 'Respondent 7'" in note for note in read_source(several).notes)
    # One row under the header stays refused, as an earlier stop decided (a transcript table needs two rows), saying how to fix it.
    one = tmp_path / "Q08_W1_questionnaire.csv"
    one.write_text('speaker,words\nRespondent 8,"I came for the science teaching, and the town was kind to me."\n', encoding="utf-8")
    with pytest.raises(DocumentFormatError, match=r"1 row\(s\) under its header, and a transcript table needs two or more") as raised:
        read_source(one)
    assert "Fix: " in str(raised.value) and "'Name:' label" in str(raised.value)


def test_a_table_of_names_that_never_come_back_is_still_refused(tmp_path):
    # A survey's respondents, each on a row of their own: no transcript, and the error says how to fix it.
    path = tmp_path / "S01_W1_interview.csv"
    path.write_text("speaker,words\nAnn,I liked it.\nBo,It was too long.\nCy,Fine by me.\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError, match="not speaker labels") as raised:
        read_source(path)
    assert str(path) in str(raised.value) and "Fix:" in str(raised.value)


# ------------------------------------------------------------------ a Word table's time column
_TURNS = [
    ("INT", "How has the garden been?"),
    ("G02", "Better. They ask us before they dig now."),
    ("INT", "And the shed?"),
    ("G02", "We meet there every Sunday, it keeps me going."),
    ("INT", "Anything else?"),
    ("G02", "No, that is it."),
]


def _word_table(path, header, times):
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for cell, value in zip(table.add_row().cells, header):
        cell.text = value
    for (who, said), time in zip(_TURNS, times):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = time, who, said
    document.save(path)


@pytest.mark.parametrize(
    ("header", "times", "seconds"),
    [
        ("Time", ["00:00:05", "00:00:12", "00:01:40", "00:02:03", "00:03:00", "00:03:09.5"], [5, 12, 100, 123, 180, 189.5]),
        ("Minute", ["0", "2", "5", "9", "14", "20"], [0, 120, 300, 540, 840, 1200]),
        ("Timespan", ["0:00.0 - 0:04.0", "0:05.0 - 0:09.0", "0:10.0 - 0:11.0", "0:12.0 - 0:20.0", "0:21.0 - 0:22.0", "0:23.0 - 0:25.0"], [0, 5, 10, 12, 21, 23]),
    ],
)
def test_a_word_tables_time_column_times_its_turns(tmp_path, header, times, seconds):
    path = tmp_path / "G02_W1_interview.docx"
    _word_table(path, (header, "Speaker", "Text"), times)
    rows = [row for row in _segments(path) if row[0]]
    # Before: every timestamp empty, the times only in the stored text.
    assert [(speaker, time) for speaker, time, _ in rows] == [(who, float(s)) for (who, _), s in zip(_TURNS, seconds)]
    assert [words for _, _, words in rows] == [said for _, said in _TURNS]
    assert f"{times[1]}\tG02\tBetter." in read_source(path).text  # the stored text keeps the table's cells


def test_whole_numbers_under_time_say_no_unit(tmp_path):
    # "Time" over 0, 2, 5 …: minutes or seconds? Not read as a time (as a CSV's such column is not).
    path = tmp_path / "G02_W2_interview.docx"
    _word_table(path, ("Time", "Speaker", "Text"), ["0", "2", "5", "9", "14", "20"])
    assert [time for speaker, time, _ in _segments(path) if speaker] == [None] * 6


def test_a_tab_split_text_with_minutes_times_its_turns(tmp_path):
    path = tmp_path / "G02_W3_interview.txt"
    path.write_text("Minute\tSpeaker\tText\n" + "".join(f"{m}\t{who}\t{said}\n" for m, (who, said) in zip([0, 2, 5, 9, 14, 20], _TURNS)), encoding="utf-8")
    assert [time for speaker, time, _ in _segments(path) if speaker] == [0.0, 120.0, 300.0, 540.0, 840.0, 1200.0]


# ------------------------------------------------------------------ notes headings in more languages
@pytest.mark.parametrize(
    "heading",
    [
        "Notes de l'enquêtrice :",  # French, its space before the colon
        "Notes de terrain de la chercheuse:",
        "Notizen der Interviewerin:",  # German
        "Beobachtungsnotizen:",
        "Postskript:",
        "Note dell'intervistatore:",  # Italian
        "Appunti della ricercatrice:",
        "Notities van de interviewer:",  # Dutch
        "Aantekeningen van de onderzoeker:",
        "Notes de l'entrevistadora:",  # Catalan
        "Notes de camp de l\u2019investigador:",
        "Notatki badaczki:",  # Polish
        "Uwagi obserwatora:",
    ],
)
def test_notes_headings_abroad_end_the_turn(tmp_path, heading):
    path = tmp_path / "K01_W1_interview.txt"
    path.write_text(
        "Interviewer: How did the first month go?\nKofi: Better than I feared, people brought lamps.\n\n"
        f"{heading} Kofi seemed tired but keen; we stopped early.\n\nInterviewer: And now?\nKofi: Fine.\n",
        encoding="utf-8",
    )
    rows = [(speaker, words) for speaker, _, words in _segments(path)]
    # Before: the note ran on in Kofi's turn ("… brought lamps.\n\nNotizen der Interviewerin: Kofi seemed tired …").
    assert [speaker for speaker, _ in rows] == ["Interviewer", "Kofi", None, "Interviewer", "Kofi"]
    assert rows[1][1] == "Better than I feared, people brought lamps."
    assert rows[2][1].startswith(heading)


def test_a_bare_notes_word_is_no_heading():
    # "Notizen:", "Notes:" alone may be said in a turn: no role names them a researcher's.
    text = "Kofi: It works.\nNotizen: I keep them in a book.\nNotes: we take turns.\n"
    assert _note_lines(text) == []


# ------------------------------------------------------------------ one page rule, nine languages
@pytest.mark.parametrize(
    ("first", "second"),
    [("Page 1 of 2", "Page 2 of 2"), ("Seite 1 von 2", "Seite 2 von 2"), ("Página 1 de 2", "Página 2 de 2"), ("Page 1 sur 2", "Page 2 sur 2"),
     ("Pagina 1 di 2", "Pagina 2 di 2"), ("Pagina 1 van 2", "Pagina 2 van 2"), ("Pàgina 1 de 2", "Pàgina 2 de 2"), ("Strona 1 z 2", "Strona 2 z 2")],
)
def test_typed_page_lines_in_each_language(first, second):
    text = f"VERTRAULICH\nA: Hallo.\nB: Hallo, ja.\n{first}\nVERTRAULICH\nB: Und dann?\n{second}"
    # Before: only "Page 1 of 2" was a page line; "Seite 1 von 2" stayed inside B's turn.
    assert _cut_typed_pages(text) == ("A: Hallo.\nB: Hallo, ja.\nB: Und dann?", {"page headers and footers": 4}, [0, 2])


def test_the_page_rule_is_the_pdfs_too():
    assert [page_mark(line) for line in ["Strona 2 z 9", "Seite 3 von 9", "4/9", "- 5 -", "Page 6"]] == [(2, 9), (3, 9), (4, 9), (5, None), (6, None)]
    assert page_mark("4/9", worded=True) is None and page_mark("We read page 4 of 9.") is None
    pages = ["Estudo de caso\nA: Olá, tudo bem?\nB: Tudo, obrigada.\nPágina 1 de 2", "Estudo de caso\nA: E depois?\nB: Depois nada.\nPágina 2 de 2"]
    text, removed = clean_pdf_text(pages)
    assert "Página" not in text and removed["page headers and footers"] == 4


# ------------------------------------------------------------------ a long header over numbered lines
def test_a_header_of_fourteen_lines_lets_the_line_numbers_go():
    header = [
        "Tidy Type Transcription Ltd", "CONFIDENTIAL", "Study: Long-term conditions", "Study code: LTC01", "Participant: P03",
        "Time point: 2", "Interviewer: Rhian Pugh", "Interviewer initials: RP", "Date: 3 March 2025", "Duration: 41 minutes",
        "Mode: Telephone", "Recording: LTC01_P03_TP2.mp3", "Transcriber: JB", "Checked by: AK",
    ]
    body = [f"{n}  {'INT: How has the week been?' if n % 2 else 'P03: Long, but the nurse rang twice.'}" for n in range(1, 46)]
    text = "\n".join(header) + "\n\n" + "\n".join(body)
    cut = _typed_line_numbers(text)
    # Before: a header over twelve lines kept every number ("1  INT: …" read as a speaker "1  INT").
    assert len(cut) == 45 and cut[15] == "INT: How has the week been?"
    # A long memo over a short numbered list keeps its numbers.
    memo = "\n".join(header) + "\n\n" + "\n".join(body[:6])
    assert _typed_line_numbers(memo) == {}


# ------------------------------------------------------------------ a compound hyphenated at a PDF's line end
@pytest.mark.parametrize(
    ("head", "tail", "read"),
    [("full-", "time job now.", "full-time job now."), ("long-", "term plan.", "long-term plan."), ("part-", "time work.", "part-time work."),
     ("in-", "credible it was.", "incredible it was."), ("high-", "way home.", "highway home."), ("some-", "thing else.", "something else.")],
)
def test_a_compound_at_a_line_end_keeps_its_hyphen(head, tail, read):
    text, removed = clean_pdf_text([f"Ann: I have a {head}\n{tail}"])
    # Before: "fulltime", "longterm", "parttime".
    assert text == f"Ann: I have a {read}" and removed["hyphenations joined"] == 1


def test_the_documents_own_spelling_decides_first():
    text, _ = clean_pdf_text(["Ann: I went fulltime in May and a full-\ntime job is hard."])
    assert "a fulltime job" in text
    text, _ = clean_pdf_text(["Ann: It was in-\ncredible, truly in-credible."])
    assert "It was in-credible" in text


def test_capitals_quoted_after_someone_speaking_stay_the_participants():
    """A reviewer's probe: "… shouted at me. WHY WON'T YOU HELP US? So I did …" quotes the manager, in the participant's turn."""
    from qlr.io._segment import _capital_questions

    line = "The manager came over and shouted at me. WHY WON'T YOU HELP US? So I did, and I run the Tuesday shift now."
    assert _capital_questions(line, 0, len(line), opening=False) == []
    asked = "We waited, and then we went home. WHY DID YOU GO HOME? Because nobody came."
    assert [asked[a:b] for a, b in _capital_questions(asked, 0, len(asked), opening=False)] == ["WHY DID YOU GO HOME?"]
