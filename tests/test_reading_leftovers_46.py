"""Reading leftovers of stop 45, read at stop 46: header dates written "24.10.03" (year first or day first), a guide's
question number set in bold as if it were a speaker, the first answer after a recording's marker row with no speaker
cell, and compounds outside the hyphen rule's short list broken at a PDF's line end.

The layouts are those of Aymeric-e/Analyse-d-entretiens-d-artisans (`data/interviews/raw/Entretien 01 24.10.03
01_traitement_A.docx` and its 53 neighbours: a French thesis's Word transcripts whose first line dates the interview
`24.10.03`, year first) and Dawidgrad/Legasee-Oral-History (`transcripts/ingested/John Roche.tsv`, `Mervyn
Salter.tsv`: a "New Film" row, then the veteran's first answer with no speaker cell). Every file here is written for
the test, with words of our own.
"""

from __future__ import annotations

import warnings
from datetime import date

import pandas as pd
import pytest

import qlr
from qlr.errors import InferenceWarning
from qlr.io._load import template_for
from qlr.io._readers import clean_pdf_text

from .conftest import write
from .test_hunt_17 import _word


def _voiced(path):
    """The study of one file or folder, and its segments as (role, speaker, words); nobody's are ("-", "-", words)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    pieces = [
        ("-" if pd.isna(row.speaker_role) else str(row.speaker_role), "-" if pd.isna(row.speaker) else str(row.speaker), texts[row.doc_id][row.start : row.end])
        for row in study.segments.itertuples()
    ]
    return study, pieces


def _entretien(first_line: str, answer: str) -> str:
    """A transcript as the thesis's transcription tool writes it, under a first line that dates it."""
    return (
        f"{first_line}\n\n[Chercheur] (0:01 - 0:06)\nDonc vous êtes artisan depuis longtemps ?\n\n"
        f"[Interviewe] (0:07 - 0:20)\n{answer}\n\n[Chercheur] (0:21 - 0:25)\nEt pourquoi ce métier ?\n\n"
        "[Interviewe] (0:26 - 0:40)\nParce que j'aime le verre.\n"
    )


# ------------------------------------------------------------------ "24.10.03": year first or day first
def test_two_digit_dates_are_read_year_first_where_the_folder_writes_a_year_in_full(tmp_path):
    write(tmp_path / "C01_W1_interview.txt", _entretien("Entretien 01 24.10.03", "Oui, depuis six ans."))
    write(tmp_path / "C02_W1_interview.txt", _entretien("Entretien 01 25.01.15", "Depuis l'an dernier."))
    write(tmp_path / "C03_W1_interview.txt", _entretien("Entretien du 3 décembre 2024", "Depuis toujours."))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    dates = {row.doc_id: str(row.date)[:10] for row in study.documents.itertuples()}
    # Before: 2003-10-24 and 2015-01-25 (day first), beside an interview the folder dates 2024.
    assert dates == {"C01_W1_interview": "2024-10-03", "C02_W1_interview": "2025-01-15", "C03_W1_interview": "2024-12-03"}
    assert not [w for w in caught if "two-digit year" in str(w.message)]


def test_two_digit_dates_nothing_decides_are_read_day_first_with_a_warning(tmp_path):
    # Two days apart read year first, two years apart day first: neither reading spreads them over five years.
    write(tmp_path / "C01_W1_interview.txt", _entretien("Entretien 01 24.10.03", "Oui, depuis six ans."))
    write(tmp_path / "C02_W1_interview.txt", _entretien("Entretien 01 24.10.05", "Depuis l'an dernier."))
    with pytest.warns(InferenceWarning, match=r"2 document\(s\) dated by a header written with dots and a two-digit year") as caught:
        study = qlr.load(tmp_path, progress=False)
    dates = {row.doc_id: str(row.date)[:10] for row in study.documents.itertuples()}
    assert dates == {"C01_W1_interview": "2003-10-24", "C02_W1_interview": "2005-10-24"}
    said = next(str(w.message) for w in caught if "two-digit year" in str(w.message))
    assert "C01_W1_interview (2003-10-24, else 2024-10-03)" in said and "C02_W1_interview (2005-10-24, else 2024-10-05)" in said
    assert any("two-digit year" in note for note in study.meta["inferred"])


def test_two_digit_dates_a_reading_keeps_within_two_years_decide(tmp_path):
    # The review of the merged change: read day first these are eleven years apart (2003, 2015), year first three
    # months (2024-10-03, 2025-01-15); on any day they are loaded, year first.
    write(tmp_path / "C01_W1_interview.txt", _entretien("Entretien 01 24.10.03", "Oui, depuis six ans."))
    write(tmp_path / "C02_W1_interview.txt", _entretien("Entretien 01 25.01.15", "Depuis l'an dernier."))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    assert {row.doc_id: str(row.date)[:10] for row in study.documents.itertuples()} == {"C01_W1_interview": "2024-10-03", "C02_W1_interview": "2025-01-15"}
    assert not [w for w in caught if "two-digit year" in str(w.message)]


def test_a_date_that_only_one_reading_keeps_in_the_past_decides_the_folder():
    from qlr.io._build import header_days

    found = [(date(2003, 10, 24), "Entretien 01 24.10.03 01"), (date(2028, 11, 24), "Entretien 01 24.11.28")]
    # Day first, 24.11.28 is an interview held in 2028; year first, every date is past: the thesis's order.
    assert header_days(found, True, today=date(2026, 12, 6)) == ([date(2024, 10, 3), date(2024, 11, 28)], [])
    # "24.02.30" has no year-first reading (no 30 February): the folder is written day first.
    found = [(date(2003, 10, 24), "Entretien 24.10.03"), (date(2030, 2, 24), "Entretien 24.02.30")]
    assert header_days(found, True, today=date(2026, 12, 6)) == ([date(2003, 10, 24), date(2030, 2, 24)], [])


def test_the_template_weighs_the_folders_files_together(tmp_path):
    # Names that follow no convention, as the thesis's; one file's date can be read one way only (its day-first
    # year is written in full elsewhere), so the files read alone are decided together.
    write(tmp_path / "Entretien 01 24.10.03 01.txt", _entretien("Entretien 01 24.10.03 01", "Oui, depuis six ans."))
    write(tmp_path / "Entretien 01 25.01.15 02.txt", _entretien("Entretien 01 25.01.15 02", "Depuis l'an dernier."))
    write(tmp_path / "Entretien 01 du 3 décembre 2024.txt", _entretien("Entretien du 3 décembre 2024", "Depuis toujours."))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = template_for(tmp_path)
    # Before: the wave began 2003-10-24.
    assert "start: '2024-10-03'" in template and "end: '2025-01-15'" in template
    assert "2 header date(s) written with dots and a two-digit year read year first" in template


# ------------------------------------------------------------------ a guide's question number in bold
def test_a_bold_question_number_is_no_speaker(tmp_path):
    paragraphs = [
        ("Entretien 02", False),
        ("[Chercheur] (0:01 - 0:08)", False),
        ("2 - Comment avez-vous appris le métier ?", True),
        ("[Interviewe] (0:09 - 0:30)", False),
        ("Chez un maître verrier, pendant trois ans.", False),
        ("[Chercheur] (0:31 - 0:40)", False),
        ("3\u00a0: Est-ce que vous pouvez me parler de la coupe ?", True),
        ("[Interviewe] (0:41 - 0:59)", False),
        ("La coupe demande de la patience.", False),
        ("[Chercheur] (1:00 - 1:10)", False),
        ("4\u00a0: Et sur ce geste-là, quelles sont les étapes ?", True),
        ("[Interviewe] (1:11 - 1:30)", False),
        ("Je trace, je coupe, puis je gruge les bords.", False),
    ]
    _, pieces = _voiced(_word(tmp_path / "verrier.docx", paragraphs))
    voiced = [(speaker, words) for _, speaker, words in pieces if speaker != "-"]
    # Before: speakers "3" and "4" (participants), each holding the question the researcher asked.
    assert [speaker for speaker, _ in voiced] == ["Chercheur", "Interviewe"] * 3
    assert voiced[2] == ("Chercheur", "3\u00a0: Est-ce que vous pouvez me parler de la coupe ?")
    assert voiced[4] == ("Chercheur", "4\u00a0: Et sur ce geste-là, quelles sont les étapes ?")


def test_numbers_that_label_turns_throughout_stay_speakers(tmp_path):
    # A focus group's participants numbered in bold, each speaking more than once, the moderator labelled "M".
    lines = [
        "M: What brings you to the garden?",
        "1: My neighbour asked me to come.",
        "2: I wanted to grow my own food.",
        "1: And the company, really.",
        "M: Who decides what gets planted?",
        "2: We vote in March.",
    ]
    import docx

    document = docx.Document()
    for text in lines:
        label, words = text.split(": ", 1)
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}:").bold = True
        paragraph.add_run(f" {words}")
    document.save(tmp_path / "FG1_W1_focusgroup.docx")
    _, pieces = _voiced(tmp_path / "FG1_W1_focusgroup.docx")
    assert [speaker for _, speaker, _ in pieces] == ["M", "1", "2", "1", "M", "2"]


# ------------------------------------------------------------------ a film's first answer with no speaker cell
# Rows as the project's pandas export wrote them: index, Timedelta, speaker cell, words (the first answer's cell empty).
_ROWS = [
    ("0", "0 days 01:00:00", "New Film", "New Film"),
    ("1", "0 days 01:00:00", "", " I'm Walter Pike and I went to sea at fifteen as a galley boy."),
    ("2", "0 days 01:00:21", "Interviewer", "Why the sea and not the army?"),
    ("3", "0 days 01:00:25", "Interviewee", "My father and his father were both trawlermen."),
    ("4", "0 days 01:03:00", "New Film", "New Film"),
    ("5", "", "", "The first winter was the worst of it."),
    ("6", "0 days 01:03:30", "Interviewer", "Where were you based?"),
]
_VETERAN = "\tTimestamp\tSpeaker\tTranscript\n" + "".join("\t".join(row) + "\n" for row in _ROWS)


def test_the_first_answer_after_a_marker_is_the_tables_participants(tmp_path):
    study, pieces = _voiced(write(tmp_path / "walter.tsv", _VETERAN))
    # Before: the opening answer was nobody's (the table's start, no one had spoken).
    assert pieces[:3] == [
        ("-", "-", "New Film"),
        ("participant", "Interviewee", "I'm Walter Pike and I went to sea at fifteen as a galley boy."),
        ("interviewer", "Interviewer", "Why the sea and not the army?"),
    ]
    # After a marker later on, a row with no speaker cell goes on the turn before it, as any such row does.
    assert pieces[4:] == [
        ("-", "-", "New Film"),
        ("participant", "Interviewee", "The first winter was the worst of it."),
        ("interviewer", "Interviewer", "Where were you based?"),
    ]
    notes = " ".join(study.meta["inferred"])
    assert "1 row(s) with no speaker cell right after the recording's marker at the table's start" in notes
    assert "read as the words of 'Interviewee', the one participant the table names: rows 3" in notes


def test_a_table_naming_no_one_participant_leaves_the_first_answer_nobodys(tmp_path):
    # Two people named, neither an interviewer by their label: which one opened cannot be told.
    table = "\tTimestamp\tSpeaker\tTranscript\n0\t\tNew Film\tNew Film\n1\t\t\tWe met in 1950.\n2\t\tAnn\tWe did.\n3\t\tBo\tAt a dance.\n4\t\tAnn\tIn Hull.\n5\t\tBo\tIn the spring.\n"
    _, pieces = _voiced(write(tmp_path / "couple.tsv", table))
    assert pieces[1] == ("-", "-", "We met in 1950.")


# ------------------------------------------------------------------ compounds beyond the short list
@pytest.mark.parametrize(
    ("head", "tail", "read"),
    [("self-", "esteem went up.", "self-esteem went up."), ("ex-", "husband came.", "ex-husband came."),
     ("well-", "being matters.", "well-being matters."), ("co-", "operate now.", "cooperate now."),
     ("inter-", "view went well.", "interview went well."), ("in-", "credible it was.", "incredible it was.")],
)  # fmt: skip
def test_a_compound_english_writes_with_a_hyphen_keeps_it(head, tail, read):
    text, removed = clean_pdf_text([f"Ann: My {head}\n{tail}"])
    # Before: "selfesteem", "exhusband".
    assert text == f"Ann: My {read}" and removed["hyphenations joined"] == 1
