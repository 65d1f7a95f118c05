"""Fixes found reviewing stop 35 (oral-history readers, message apps, header dates, warnings), on lookalike files."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile

import pandas as pd
import pytest

import qlr
from qlr.errors import DocumentFormatError, FilesNotLoadedWarning, QlrWarning

from .conftest import write
from .test_chats2 import _slack_zip

TURNS = "\n\nInterviewer: How did you start?\nAnn: A friend brought me along.\nInterviewer: And now?\nAnn: I run the Tuesday shift.\n"


def _load(root, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False, **kwargs)
    return study, [w for w in caught if issubclass(w.category, QlrWarning)]


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# --------------------------------------------------------------------------- zips in a study's folder
def test_a_zip_that_is_no_slack_export_is_passed_over_in_a_folder_as_before(tmp_path):
    # Reading Slack exports made every .zip a document: a folder's photos.zip was then "not named
    # {case}_{wave}_{kind}" (a FilesNotLoadedWarning, exit status 3), and a recording's zip named as a
    # document was loaded as an unknown kind and refused as no Slack export.
    root = tmp_path / "study"
    write(root / "A01_W1_interview.txt", TURNS)
    write(root / "A01_W2_interview.txt", TURNS)
    write(root / "photos.zip", _zip(**{"garden.txt": "a picture's caption"}))
    write(root / "A01_W1_audio.zip", _zip(**{"A01_W1.txt": "not audio, but not a Slack export"}))
    study, said = _load(root)
    assert study.documents["doc_id"].tolist() == ["A01_W1_interview", "A01_W2_interview"]
    assert len(said) == 1 and said[0].category is FilesNotLoadedWarning
    assert "named as documents are in formats qlr does not read and were not loaded: A01_W1_audio.zip" in str(said[0].message)
    assert "photos.zip" not in str(said[0].message)
    assert not any("photos.zip" in note or "audio" in note for note in study.meta["inferred"] if "formats qlr does not read" not in note)


def test_a_slack_export_in_a_folder_is_still_a_document(tmp_path):
    root = tmp_path / "study"
    write(root / "P07_W1_interview.txt", TURNS)
    write(root / "P07_W1_slack.zip", _slack_zip())
    study, said = _load(root)
    assert study.documents["doc_id"].tolist() == ["P07_W1_interview", "P07_W1_slack"]
    assert [w.category.__name__ for w in said] == ["UnreadTextWarning"]  # its message that is only a file


def test_a_manifest_glob_says_a_zip_that_is_no_export_as_before(tmp_path):
    root = tmp_path / "study"
    write(root / "study.yaml", "name: s\ndocuments:\n  - path: 'data/*'\n    case: A01\n    wave: W1\n    kind: interview\n")
    write(root / "data" / "A01.txt", TURNS)
    write(root / "data" / "recordings.zip", _zip(**{"a.txt": "x"}))
    study, said = _load(root)
    assert study.documents["doc_id"].tolist() == ["A01"]
    assert [w.category for w in said] == [QlrWarning]
    assert "also matches 1 file(s) qlr cannot read, not loaded: recordings.zip" in str(said[0].message)


def test_a_folder_template_proposes_no_zip_that_is_no_export(tmp_path):
    root = tmp_path / "study"
    write(root / "A01_W1_interview.txt", TURNS)
    write(root / "backup.zip", _zip(**{"A01_W1_interview.txt": TURNS}))
    assert "backup.zip" not in qlr.io.template_for(root)


# --------------------------------------------------------------------------- a header's date
def _dates(study):
    return {doc: (None if pd.isna(day) else pd.Timestamp(day).date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}


def test_another_labels_date_or_a_death_does_not_date_the_interview(tmp_path):
    # A wave-2 transcript's header names the earlier interview, a job's start, a birth in German, a death:
    # each dated the document before (a wave-2 interview dated 2018, another 1950).
    root = tmp_path / "study"
    write(root / "A02_W2_interview.txt", "Wave 2 interview with Ann\nPrevious interview: 3 March 2018" + TURNS)
    write(root / "A04_W1_interview.txt", "Started job: 1 June 2018\nChildren: 2" + TURNS)
    write(root / "A09_W1_interview.txt", "Geb.: 03.03.1950\nBeruf: Rentnerin" + TURNS)
    write(root / "A10_W1_interview.txt", "Ann (died 4 June 2022). Interview recorded earlier." + TURNS)
    write(root / "A11_W1_interview.txt", "Next interview: 14 May 2020\nDate: 14 May 2019" + TURNS)
    # A header sentence that happens to hold a colon is still the header's line, dated as before.
    write(root / "A12_W1_interview.txt", "Holm Lane study, wave 1. Staff interview: Gail, officer. 4 April 2025, the office." + TURNS)
    study, said = _load(root)
    assert _dates(study) == {
        "A02_W2_interview": None,
        "A04_W1_interview": None,
        "A09_W1_interview": None,
        "A10_W1_interview": None,
        "A11_W1_interview": dt.date(2019, 5, 14),
        "A12_W1_interview": dt.date(2025, 4, 4),
    }


# --------------------------------------------------------------------------- oral-history XML
OHMS_TWO = """<?xml version="1.0"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1"><date value="1985-05-12" format="yyyy-mm-dd"/>
<title>Ann, part 1</title><interviewer>Sam Lee</interviewer><interviewee>Ann Bell</interviewee><transcript>LEE: Where did you grow up?
BELL: In the mill town, by the river.</transcript></record>
<record id="2"><title>Ann, part 2</title><transcript>LEE: Tell me about the strike.
BELL: It was a hard winter for all of us.</transcript></record></ROOT>
"""

TEI_CORPUS = """<?xml version="1.0"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Two interviews</title></titleStmt></fileDesc></teiHeader>
<TEI><teiHeader><fileDesc><titleStmt><title>Ann</title></titleStmt></fileDesc><profileDesc><settingDesc><setting><date when="2019-03-01"/></setting></settingDesc>
<particDesc><listPerson><person xml:id="S1" role="interviewer"><persName>Sam</persName></person><person xml:id="S2"><persName>Ann</persName></person></listPerson></particDesc></profileDesc></teiHeader>
<text><body><u who="#S1">How are you?</u><u who="#S2">Fine, the job is good.</u></body></text></TEI>
<TEI><teiHeader><fileDesc><titleStmt><title>Bob</title></titleStmt></fileDesc><profileDesc><settingDesc><setting><date when="2020-03-01"/></setting></settingDesc>
<particDesc><listPerson><person xml:id="S1" role="interviewer"><persName>Kim</persName></person><person xml:id="S2"><persName>Bob</persName></person></listPerson></particDesc></profileDesc></teiHeader>
<text><body><u who="#S1">And you?</u><u who="#S2">I lost the job in May.</u></body></text></TEI></teiCorpus>
"""

TEI_MIXED = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Ann</title></titleStmt></fileDesc></teiHeader>
<text><body><div type="summary"><head>Summary</head><p>Ann talks about the mill closing.</p></div>
<div><u who="#S1">How are you?</u><u who="#S2">Fine, the job is good.</u><u>Someone across the room says hello.</u>
<u who="#S1">Shall we go on?</u></div></body></text></TEI>
"""


def test_an_ohms_file_of_two_records_reads_the_first_and_says_the_other(tmp_path):
    source = qlr.io.read_document(write(tmp_path / "A01_W1_interview.xml", OHMS_TWO))
    assert "mill town" in source.text and "strike" not in source.text
    assert list(source.unread.values()) == [1] and "Ann, part 2" in next(iter(source.unread))


def test_a_tei_corpus_of_two_interviews_gives_no_speaker_the_others_name(tmp_path):
    # Read as one, the first interview's Sam and Ann became the second's Kim and Bob (both "#S1", "#S2").
    source = qlr.io.read_document(write(tmp_path / "A02_W1_interview.tei", TEI_CORPUS))
    assert source.text == "Sam: How are you?\n\nAnn: Fine, the job is good."
    assert source.date == dt.date(2019, 3, 1)
    assert list(source.unread.values()) == [1] and "(Bob;" in next(iter(source.unread))


def test_tei_words_outside_utterances_are_said_and_an_unnamed_utterance_is_no_ones_turn(tmp_path):
    source = qlr.io.read_document(write(tmp_path / "A03_W1_interview.tei", TEI_MIXED))
    # The unattributed utterance was joined to Ann's turn before.
    assert source.text == "S1: How are you?\n\nS2: Fine, the job is good.\n\nSomeone across the room says hello.\n\nS1: Shall we go on?"
    assert [turn.speaker for turn in source.turns] == ["S1", "S2", None, "S1"]
    assert list(source.unread.values()) == [2]  # the summary's heading and paragraph


# --------------------------------------------------------------------------- message exports written as text
SIGNAL_CHAT = """Chat with Ann, exported for the study by Sam on 20 March. Consent given 1 March.

[2024-03-12 10:14] Ann: Morning! Are we still on for Thursday?
[2024-03-12 10:15] Me: Yes, 2pm at the hub.
[2024-03-12 10:16] Ann: call me later
[2024-03-12 10:17] Me: Call back tomorrow.
[2024-03-12 10:18] Ann: Missed audio call
"""


def test_a_signal_message_that_speaks_of_a_call_is_someones_words_and_a_note_above_is_said(tmp_path):
    source = qlr.io.read_document(write(tmp_path / "A01_W1_chat.txt", SIGNAL_CHAT))
    # "call me later" and "Call back tomorrow." were left out as Signal calls; the note above, dropped unsaid.
    assert "call me later" in source.text and "Call back tomorrow." in source.text
    assert "Missed audio call" not in source.text and "Consent given" not in source.text
    assert [ident for kind, ident in source.unread.items() if "above the first Signal message" in kind] == [1]


def test_a_note_above_an_imessage_export_is_said(tmp_path):
    text = "Messages with Ann (exported 2 April)\n\nMar 12, 2024  9:14:00 AM\nAnn\nMorning!\n\nMar 12, 2024  9:15:00 AM\nMe\nYes, 2pm.\n"
    source = qlr.io.read_document(write(tmp_path / "A02_W1_chat.txt", text))
    assert "Morning!" in source.text and "exported 2 April" not in source.text
    assert [count for kind, count in source.unread.items() if "above the first iMessage message" in kind] == [1]


def test_a_slack_day_file_nested_too_deep_is_an_error_naming_the_zip_and_member(tmp_path):
    data = _zip(**{"users.json": "[]", "channels.json": '[{"id": "C1", "name": "general"}]', "general/2024-01-02.json": "[" * 100_000 + "]" * 100_000})
    # A RecursionError escaped before, naming no file.
    with pytest.raises(DocumentFormatError, match=r"deep\.zip.*general/2024-01-02\.json nests its JSON too deep"):
        qlr.io.read_document(write(tmp_path / "deep.zip", data))
