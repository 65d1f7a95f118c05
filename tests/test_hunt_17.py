"""Real files, seventeenth pass: lookalikes of layouts found in published transcripts (stop 45).

Every file here is written by the test, in the convention the real files use, with words of our own.
"""

from __future__ import annotations

import warnings

import pandas as pd

from .conftest import write
from .test_hunt_16 import _voiced as _spoken


def _voiced(path):
    """The study of one file, and its segments as (role, speaker, words, seconds); nobody's are ("-", "-", …)."""
    study, pieces = _spoken(path)
    times = [None if pd.isna(seconds) else float(seconds) for seconds in study.segments["timestamp"]]
    return study, [(*piece, seconds) for piece, seconds in zip(pieces, times, strict=True)]


def _word(path, paragraphs, *, spaced=True):
    """A Word file of (text, bold) paragraphs, an empty paragraph after each (``spaced``) or as given."""
    import docx

    document = docx.Document()
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
        if spaced:
            document.add_paragraph()
    document.save(path)
    return path


# ------------------------------------------------------------------ a guide's questions in bold inside labelled turns
# A transcription tool writes each turn under its speaker's label and time range ("[Chercheur] (0:01 - 0:11)");
# the researcher then set the interview guide's numbered questions in bold where she asked them.
_POTTERY = [
    ("Entretien 03 25.02.11", True),
    ("[Chercheuse] (0:01 - 0:09)", False),
    ("On commence quand tu veux.", False),
    ("1 - Peux-tu me raconter une journée à l'atelier ?", True),
    ("[Interviewé] (0:10 - 0:31)", False),
    ("Le matin je prépare la terre, ensuite je tourne les bols jusqu'à midi.", False),
    ("[Chercheuse] (0:32 - 0:36)", False),
    ("2 - Et quel geste est le plus difficile ?", True),
    ("[Interviewé] (0:37 - 0:58)", False),
    ("Centrer la terre, surtout quand elle est trop sèche.", False),
    ("L'après-midi je nettoie les pièces.", False),
    ("[Chercheuse] (0:59 - 1:02)", False),
    ("D'accord.", False),
    ("3 - Comment l'as-tu appris ?", True),
    ("[Interviewé] (1:03 - 1:20)", False),
    ("En regardant mon maître pendant deux ans.", False),
]


def test_bold_guide_questions_inside_labelled_turns_stay_the_labelled_speakers(tmp_path):
    # The bold questions were read as a made-up speaker "Interviewer" and the note said the file labels no one;
    # they are the researcher's words in her own turn, and her label says her role (French "chercheuse").
    study, pieces = _voiced(_word(tmp_path / "potier.docx", _POTTERY))
    voiced = [(role, speaker) for role, speaker, _, _ in pieces if role != "-"]
    assert voiced == [("interviewer", "Chercheuse"), ("participant", "Interviewé")] * 3
    asked = [words for role, _, words, _ in pieces if role == "interviewer"]
    assert asked[0].split("\n") == ["On commence quand tu veux.", "", "1 - Peux-tu me raconter une journée à l'atelier ?"]
    assert asked[2].split("\n") == ["D'accord.", "", "3 - Comment l'as-tu appris ?"]
    said = " ".join(words for role, _, words, _ in pieces if role == "participant").split()
    assert len(said) == 13 + 9 + 5 + 7  # counted by hand: every answer word, none of the questions
    assert [seconds for role, _, _, seconds in pieces if role != "-"] == [1, 10, 32, 37, 59, 63]
    assert not any("set wholly in bold" in note for note in study.meta["inferred"])


def test_bold_questions_in_a_file_with_no_labels_still_read(tmp_path):
    # The layout the bold rule is for keeps its reading: no label anywhere, each bold question the interviewer's.
    plain = [(text, bold) for text, bold in _POTTERY if not text.startswith("[")]
    _, pieces = _voiced(_word(tmp_path / "potier.docx", plain))
    asked = [words for role, speaker, words, _ in pieces if role == "interviewer"]
    assert asked == ["1 - Peux-tu me raconter une journée à l'atelier ?", "2 - Et quel geste est le plus difficile ?", "3 - Comment l'as-tu appris ?"]


def test_a_bare_bracketed_label_reads_where_the_name_labels_timed_turns(tmp_path):
    # The first part of a two-part recording kept its labels without times ("[Chercheur]" alone on its line):
    # they label where the same names open the second part's timed turns; a bracketed note stays words.
    parts = [
        ("[Chercheur]", False), ("Tu peux le poser là.", False), ("", False),
        ("[Interviewe]", False), ("Très bien, merci.", False), ("", False),
        ("[rires]", False), ("Alors, depuis vingt ans.", False), ("", False),
        ("Entretien 07 partie b", False), ("", False),
        ("[Interviewe] (0:00 - 0:12)", False), ("Le vitrail demande de la patience.", False), ("", False),
        ("[Chercheur] (0:13 - 0:15)", False), ("Pourquoi ?", False), ("", False),
        ("[Interviewe] (0:16 - 0:30)", False), ("Parce que le plomb se travaille lentement.", False),
    ]
    _, pieces = _voiced(_word(tmp_path / "verrier.docx", parts, spaced=False))
    voiced = [(role, speaker, words) for role, speaker, words, _ in pieces if role != "-"]
    assert [(role, speaker) for role, speaker, _ in voiced] == [
        ("interviewer", "Chercheur"), ("participant", "Interviewe"), ("participant", "Interviewe"), ("interviewer", "Chercheur"), ("participant", "Interviewe"),
    ]
    assert voiced[0][2] == "Tu peux le poser là."
    # "[rires]" names no one who speaks: a note inside the participant's turn, as the part's heading after it is
    assert voiced[1][2].split("\n") == ["Très bien, merci.", "", "[rires]", "Alors, depuis vingt ans.", "", "Entretien 07 partie b"]
    assert not [words for role, _, words, _ in pieces if role == "-"]


# ------------------------------------------------------------------ a transcript table saved from pandas
# A project's own table of an archive's transcripts, written by pandas: an unnamed index column, times as
# Timedeltas ("0 days 01:00:05"), the archive's film changes as rows ("New Film" / "New Film"), a page's break
# in the transcript it was made from as a speaker cell "(cont.)".
_VETERAN = "\n".join([
    "\tTimestamp\tSpeaker\tTranscript",
    "0\t0 days 01:00:00\tNew Film\tNew Film",
    "1\t0 days 01:00:02\tInterviewee\tI was born in Hull and went to sea at sixteen.",
    "2\t0 days 01:00:40\tInterviewer\tWhat was your first ship?",
    "3\t0 days 01:00:44\tInterviewee\tA minesweeper working out of Harwich.",
    "4\t\t(cont.)\tWe cleared the channel every morning before breakfast.",
    "5\t0 days 01:02:10\tNew Film\tNew Film ** Start of Film 2",
    "6\t0 days 01:02:11\tInterviewer\tAnd after the war?",
    "7\t1 day 00:00:03\tInterviewee\tI stayed on the boats.",
    "8\t0 days 01:09:30\tEnd of audio\tEnd of audio",
]) + "\n"  # fmt: skip


def test_a_pandas_table_reads_its_day_times_markers_and_continued_rows(tmp_path):
    study, pieces = _voiced(write(tmp_path / "veteran.tsv", _VETERAN))
    voiced = [(role, speaker, words, seconds) for role, speaker, words, seconds in pieces if role != "-"]
    assert voiced == [
        ("participant", "Interviewee", "I was born in Hull and went to sea at sixteen.", 3602.0),
        ("interviewer", "Interviewer", "What was your first ship?", 3640.0),
        ("participant", "Interviewee", "A minesweeper working out of Harwich. We cleared the channel every morning before breakfast.", 3644.0),
        ("interviewer", "Interviewer", "And after the war?", 3731.0),
        ("participant", "Interviewee", "I stayed on the boats.", 86403.0),
    ]
    nobody = [words for role, _, words, _ in pieces if role == "-"]
    assert nobody == ["New Film", "New Film ** Start of Film 2", "End of audio"]
    notes = " ".join(study.meta["inferred"])
    assert "3 row(s) whose words only repeat their speaker cell ('End of audio', 'New Film')" in notes
    assert "1 row(s) whose speaker cell says the turn goes on ('(cont.)'), read as the turn before's: rows 6" in notes
    assert "note(s) written in a time cell" not in notes


def test_a_speaker_who_once_says_their_own_label_is_still_a_speaker(tmp_path):
    # A name whose row once holds only the name ("Ann" says "Ann.") is a speaker: only labels whose every row repeats them mark.
    table = "time,speaker,text\n0:01,Bo,Who is there?\n0:03,Ann,Ann\n0:05,Bo,Come in then.\n0:07,Ann,Thank you for having me.\n"
    _, pieces = _voiced(write(tmp_path / "knock.csv", table))
    assert [(speaker, words) for _, speaker, words, _ in pieces] == [
        ("Bo", "Who is there?"), ("Ann", "Ann"), ("Bo", "Come in then."), ("Ann", "Thank you for having me."),
    ]


# ------------------------------------------------------------------ a letterhead on the first pages
# An archive's transcripts open with its letterhead ("Tel: … Address: …") over a table of timecodes and words that
# names no speaker: the letterhead's "Tel:" opened the one labelled turn, which held every question, and the
# template declared "Tel: interviewer" in each study.
def _archive_transcript(name: str, said: list[str]) -> str:
    """The archive's layout: its letterhead at the top of each page, the veteran's details, then timecodes and words."""
    letterhead = ["Tel: 01632 960000 Web: www.example.org", "Address: 4 Harbour Row, Whitby.", "Telephone: 01632 960001 E-mail: office@example.org"]
    lines = [*letterhead, "Thank you for reading this transcript.", *letterhead, f"Name: {name}", "Service: The Royal Navy", "Timecode What said"]
    for at, words in enumerate(said):
        lines.extend([*letterhead, "Timecode What said"] if at and at % 2 == 0 else [])
        lines.append(f"01:00:{2 * at:02d} {words}")
    return "\n".join(lines) + "\n"


def test_a_letterheads_contact_lines_are_no_speakers(tmp_path):
    from qlr.io import template_for

    write(tmp_path / "Edith Clay.txt", _archive_transcript("Edith Clay", ["I mended nets.", "Where?", "On the pier.", "Why?", "My father did."]))
    write(tmp_path / "Walter Pyke.txt", _archive_transcript("Walter Pyke", ["I sailed.", "When?", "In 1950.", "Alone?", "With my brother."]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = template_for(tmp_path)
    assert "Tel: interviewer" not in text and "Telephone: interviewer" not in text and "Address:" not in text
    _, pieces = _voiced(tmp_path / "Edith Clay.txt")
    assert {speaker for _, speaker, _, _ in pieces} == {"-"}  # no label: the no-speaker warning says so, not a made-up "Tel"
