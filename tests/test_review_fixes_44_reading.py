"""Review findings of stop 44 on reading transcripts: notes headings in every turn convention, service headers,
page-restarted line numbers, numbered Word tables with a section row, and a minutes column."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._readers import _numbered_rows, read_source


def _turns(path):
    """(speaker, words) of each segment of a file loaded alone, and the warnings raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(path, progress=False)
    text = study.documents["text"].iloc[0]
    rows = [(None if pd.isna(seg.speaker) else seg.speaker, text[seg.start : seg.end]) for seg in study.segments.itertuples()]
    return rows, [str(w.message) for w in caught]


_CAPITAL_NAMES = """Visit to the allotment, 2 May 2025

INTERVIEWER
How is the plot going?

OLWEN
Slowly, but the beans are up and the kids water them.

{heading} Olwen was cheerful; a neighbour sat in for ten minutes.

INTERVIEWER
Who decides what gets planted?

OLWEN
We vote on it at the Sunday meeting.
"""


@pytest.mark.parametrize("heading", ["Peer researcher Notes:", "Researcher notes:", "[Note]:"])
def test_a_notes_heading_keeps_names_on_their_own_lines(tmp_path, heading):
    path = tmp_path / "R04_W1_interview.txt"
    path.write_text(_CAPITAL_NAMES.format(heading=heading), encoding="utf-8")
    rows, warned = _turns(path)
    assert [speaker for speaker, _ in rows] == [None, "INTERVIEWER", "OLWEN", None, "INTERVIEWER", "OLWEN"]
    assert rows[3][1].startswith(heading)  # the note is nobody's, and ends Olwen's turn
    assert "cheerful" not in rows[2][1]
    assert not any("no speaker label" in message for message in warned)


@pytest.mark.parametrize(
    "heading", ["Observer notes:", "Interviewer field notes:", "Notes (interviewer):", "Notas de la investigadora:", "Note-taker's notes:"]
)
def test_role_notes_headings_end_the_turn(tmp_path, heading):
    path = tmp_path / "K01_W1_interview.txt"
    path.write_text(
        "Interviewer: How did the first month go?\nKofi: Better than I feared, people brought lamps.\n\n"
        f"{heading} Kofi seemed tired but keen; we stopped early.\n\nInterviewer: And now?\nKofi: Fine.\n",
        encoding="utf-8",
    )
    rows, _ = _turns(path)
    note = next(row for row in rows if "tired" in row[1])
    assert note[0] is None and note[1].startswith(heading)
    assert [speaker for speaker, _ in rows] == ["Interviewer", "Kofi", None, "Interviewer", "Kofi"]


def test_the_unlabelled_warning_suggests_the_speakers_it_sees(tmp_path):
    path = tmp_path / "C1_W1_interview.txt"
    path.write_text("Visit notes, May\n\nSue\nHow is the plot?\n\nOlwen\nFine, the beans are up.\n\nSue\nWho waters them?\n\nOlwen\nThe kids, mostly.\n", encoding="utf-8")
    with pytest.warns(NoInterviewerWarning, match=r"speakers: \{Sue: interviewer, Olwen: participant\}"):
        qlr.load(path, progress=False)
    # Declared so, the names on their own lines are read as the turns' labels.
    (tmp_path / "study.yaml").write_text(
        "name: t\nspeakers: {Sue: interviewer, Olwen: participant}\ncases:\n  - id: C1\nwaves:\n  - id: W1\n"
        "documents:\n  - {path: C1_W1_interview.txt, case: C1, wave: W1, kind: interview}\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert study.segments["speaker"].dropna().tolist() == ["Sue", "Olwen", "Sue", "Olwen"]


def test_a_diary_gives_no_speakers_to_suggest():
    from qlr.io._segment import candidate_labels

    assert candidate_labels("Monday\nRain all day.\n\nTuesday\nSun.\n\nMonday\nRain again.") == {}


_NUMBERED_HEADER = """  1  Study: Garden Voices (GV)
  2  Participant ID: G07
  3  Time point: 2
  4  Interviewer: Rhian Pugh
  5  Date of interview: 4 June 2025
  6  Duration: 00:22:10
  7  Mode: Telephone
  8  Transcriber: Tidy Type Ltd
  9
 10  INT: How did the spring go?
 11
 12  G07: Busy. We planted the whole back bed between us.
 13
 14  INT: Who chose the seeds?
 15
 16  G07: We all did, at the shed meeting.
"""


def test_numbered_header_fields_are_no_turns(tmp_path):
    path = tmp_path / "G07_W2_interview.txt"
    path.write_text(_NUMBERED_HEADER, encoding="utf-8")
    rows, _ = _turns(path)
    assert [speaker for speaker, _ in rows] == [None, "INT", "G07", "INT", "G07"]
    assert "Mode: Telephone" in rows[0][1]


def test_a_case_code_in_the_header_is_no_speaker(tmp_path):
    path = tmp_path / "G03_W1_interview.txt"
    path.write_text("Date of interview: 3 May 2025\nParticipant: G03\n\nQ: What do you grow?\nA: Leeks, mostly.\nQ: Why leeks?\nA: They survive me.\n", encoding="utf-8")
    rows, _ = _turns(path)
    assert [speaker for speaker, _ in rows] == [None, "Q", "A", "Q", "A"]
    assert "Participant: G03" in rows[0][1]


def test_line_numbers_that_start_again_on_each_page(tmp_path):
    path = tmp_path / "G05_W1_interview.txt"
    path.write_text(
        "Tidy Type Ltd\nStudy: GV\nParticipant: G05\nInterviewer: Rhian Pugh\nMode: Video call\n\n"
        "1  INT: How are the beds?\n2\n3  G05: Wet. The slugs had the lettuce,\n4  but the beans held.\n5\n6  INT: And the rota?\n7\nPage 1 of 2\n"
        "1  G05: It works. We swap when someone is poorly.\n2\n3  INT: Anything else?\n4\n5  G05: No, that's all.\n6\nPage 2 of 2\n",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.removed.get("line numbers") == 13
    rows, _ = _turns(path)
    assert [speaker for speaker, _ in rows if speaker] == ["INT", "G05", "INT", "G05", "INT", "G05"]
    assert rows[2][1].startswith("Wet.") and "INT" not in rows[2][1]


def _table(path, header, first, *, section_at=None):
    import docx

    turns = [("INT", "How has the garden been?"), ("G02", "Better. They ask us before they dig now."), ("INT", "And the shed?"),
             ("G02", "We meet there every Sunday, it keeps me going."), ("INT", "Anything else?"), ("G02", "No, that's it.")]
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    cells = table.add_row().cells
    for cell, value in zip(cells, header):
        cell.text = value
    for index, ((who, said), number) in enumerate(zip(turns, first)):
        if index == section_at:
            row = table.add_row()
            row.cells[0].merge(row.cells[2]).text = "Part 2: The shed"
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(number), who, said
    document.save(path)


def test_a_numbered_table_with_a_section_row_reads_by_turn(tmp_path):
    path = tmp_path / "G02_W1_interview.docx"
    _table(path, ("No.", "Speaker", "Text"), range(1, 7), section_at=2)
    assert read_source(path).removed == {"row numbers of a transcript table": 6}
    rows, warned = _turns(path)
    assert [speaker for speaker, _ in rows if speaker] == ["INT", "G02"] * 3
    assert any(words == "Part 2: The shed" and speaker is None for speaker, words in rows)
    assert not any("no speaker label" in message for message in warned)


def test_a_minutes_column_is_kept_as_the_turns_times(tmp_path):
    path = tmp_path / "G02_W2_interview.docx"
    _table(path, ("Minute", "Speaker", "Text"), [0, 2, 5, 9, 14, 20])
    source = read_source(path)
    assert source.removed == {}
    assert "2\tG02\tBetter." in source.text and "20\tG02\tNo, that's it." in source.text
    rows, _ = _turns(path)
    assert [speaker for speaker, _ in rows if speaker] == ["INT", "G02"] * 3


def test_row_numbers_need_a_count_not_a_time():
    assert not _numbered_rows([["Minute", "Speaker", "Text"], ["1", "I", "Well?"], ["2", "R", "Yes."], ["3", "I", "Good."]])
    assert not _numbered_rows([["0", "I", "Well?"], ["2", "R", "Yes."], ["5", "I", "Good."]])  # from 0 and skipping: minutes
    assert _numbered_rows([["No.", "Speaker", "Text"], ["1", "I", "Well?"], ["Part 2", "Part 2", "Part 2"], ["2", "R", "Yes."], ["3", "I", "Good."]])
