"""A transcript's header dates its document ("Date of interview: 14 March 2019") where the manifest and name do not."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import InferenceWarning
from qlr.io._segment import header_date

from .conftest import write


def _load(root, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False, **kwargs)
    return study, [w for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]


def _dates(study):
    return {doc: (None if pd.isna(day) else pd.Timestamp(day).date()) for doc, day in zip(study.documents["doc_id"], study.documents["date"])}


CONVERSATION = "\nInterviewer: How did you start?\nTom: A friend brought me along.\nInterviewer: And now?\nTom: I run the Tuesday shift.\n"


def test_a_header_line_dates_each_transcript(tmp_path):
    root = tmp_path / "foodbank"
    write(root / "P01_W1_interview.txt", "Project: Food bank study\nDate of interview: 14 March 2019\nInterviewer: Jane Smith\n" + CONVERSATION)
    write(root / "P01_W2_interview.txt", "**Interview date:** 02/10/2019\n" + CONVERSATION)
    write(root / "P02_W1_interview.txt", "Food bank study, wave 1. Tom, 21 March 2019, the church hall (interviewer: Jane Smith).\n" + CONVERSATION)
    write(root / "P02_W2_interview.txt", "Participant: Tom Brown, Hill Street\nDate: 3 October 2019, his flat\n" + CONVERSATION)
    write(root / "P03_W1_interview.txt", "Date of birth: 02/10/1950\nTranscribed: 3 May 2019 by AB\n" + CONVERSATION)
    write(root / "P03_W2_interview.txt", "Date: 1 October 2019\nRecorded: 8 October 2019\n" + CONVERSATION)
    study, said = _load(root)
    assert _dates(study) == {
        "P01_W1_interview": dt.date(2019, 3, 14),
        "P01_W2_interview": dt.date(2019, 10, 2),  # day first, as the study reads dates
        "P02_W1_interview": dt.date(2019, 3, 21),  # a date written in the header's line, no label
        "P02_W2_interview": dt.date(2019, 10, 3),  # under a label said once ("Participant: …"), which is no turn
        "P03_W1_interview": None,  # a birth and a transcription are other events
        "P03_W2_interview": None,  # two dates: the header is not sure
    }
    assert said == []
    notes = [note for note in study.meta["inferred"] if "dated by the date their header states" in note]
    assert notes == [
        "4 document(s) dated by the date their header states (e.g. P01_W1_interview: 'Date of interview: 14 March 2019'): "
        "P01_W1_interview (2019-03-14), P01_W2_interview (2019-10-02), P02_W1_interview (2019-03-21), P02_W2_interview (2019-10-03)"
    ]
    assert qlr.io.load_notes(study).query("note == @notes[0]")["n_documents"].tolist() == [4]
    # The header's lines stay in the text, outside every turn, as before.
    assert not study.segments["speaker"].isin(["Date of interview", "Date", "Participant"]).any()


def test_the_manifest_date_wins_and_a_different_header_is_said(tmp_path):
    root = tmp_path / "study"
    write(
        root / "study.yaml",
        "name: s\nwaves:\n  - {id: W1, start: 2019-03-01, end: 2019-04-30}\n  - {id: W2, start: 2019-09-01, end: 2019-10-31}\n"
        "documents:\n  - {path: P01_W1_interview.txt, date: 2019-03-14}\n  - path: P01_W2_interview.txt\n  - path: P02_W2_interview.txt\n",
    )
    write(root / "P01_W1_interview.txt", "Date of interview: 4 March 2019\n" + CONVERSATION)
    write(root / "P01_W2_interview.txt", "Date of interview: 2 October 2019\n" + CONVERSATION)
    write(root / "P02_W2_interview.txt", "Date of interview: 12 March 2019\n" + CONVERSATION)
    study, said = _load(root)
    assert _dates(study) == {"P01_W1_interview": dt.date(2019, 3, 14), "P01_W2_interview": dt.date(2019, 10, 2), "P02_W2_interview": dt.date(2019, 3, 12)}
    assert [w.category for w in said] == [InferenceWarning, InferenceWarning]
    assert "1 document(s) have a header line giving another date than the manifest or file name does" in str(said[0].message)
    assert "P01_W1_interview (2019-03-14; its header: 'Date of interview: 4 March 2019')" in str(said[0].message)
    assert "1 document(s) are dated by their header outside their wave's dates: P02_W2_interview (2019-03-12; wave W2 2019-09-01 to 2019-10-31)" in str(said[1].message)


def test_field_notes_are_dated_by_a_labelled_line_or_their_title():
    assert header_date("Field visit to the hub\nDate: 12/03/2024\n\nQuiet morning. The meeting on 3 April 2024 was planned.") == (
        dt.date(2024, 3, 12),
        "Date: 12/03/2024",
    )
    assert header_date("12 March 2024, the hub\n\nQuiet morning.") == (dt.date(2024, 3, 12), "12 March 2024, the hub")
    # A date later in the notes is what they tell of, not when they were written.
    assert header_date("Field visit to the hub\n\nQuiet morning. The meeting on 3 April 2024 was planned.") is None
    assert header_date("Datum: 5. März 2024\nBeobachtung im Café") == (dt.date(2024, 3, 5), "Datum: 5. März 2024")


@pytest.mark.parametrize(
    "header",
    [
        "Interview with Asha (born 4 May 1961), wave 1",  # a birth
        "Consent form signed 2 March 2024",
        "Document updated 12 January 2025",
    ],
)
def test_another_events_date_never_dates_the_interview(header):
    segments = qlr.io._segment.segment_turns(header + "\n" + CONVERSATION)
    assert header_date(header + "\n" + CONVERSATION, segments) is None


def test_the_sample_is_dated_within_its_waves(sample_study):
    documents = sample_study.documents.merge(sample_study.waves, on="wave_id")
    dated = documents[documents["date"].notna()]
    # Every interview whose transcript states its date (the WebVTT ones in a NOTE; one .srt states none);
    # the two project documents without a wave are dated by the manifest, as before.
    assert len(dated) == 62
    assert [note.split(" (e.g.")[0] for note in sample_study.meta["inferred"]] == ["62 document(s) dated by the date their header states"]
    assert dated.set_index("doc_id").loc["C01_W1_interview", "date"] == pd.Timestamp("2024-03-12")
    assert ((dated["date"] >= dated["start"]) & (dated["date"] <= dated["end"])).all()


def test_a_webvtt_files_note_is_its_header(tmp_path):
    root = tmp_path / "calls"
    cue = "00:00:01.000 --> 00:00:04.000\n<v Interviewer>How is the garden?\n\n00:00:05.000 --> 00:00:09.000\n<v Ann>We planted it together.\n"
    write(root / "A1_W1_interview.vtt", "WEBVTT\n\nNOTE Interview with Ann, wave 1, 9 May 2023, by video call\n\n" + cue)
    write(root / "A1_W2_interview.vtt", "WEBVTT\n\nNOTE\nTranscribed 3 December 2023\n\n" + cue.replace("together", "on 2 December 2023"))
    study, said = _load(root)
    assert _dates(study) == {"A1_W1_interview": dt.date(2023, 5, 9), "A1_W2_interview": None}  # a cue's date is no header's
    assert said == []


def test_a_role_line_at_the_top_names_the_participant_who_speaks_under_another_label(tmp_path):
    root = tmp_path / "estate"
    header = "RIVERSIDE STUDY - WAVE 1\nParticipant: Dolores (Dee), Mill Court\nDate: 9 April 2025, her kitchen\nINT = Omar Haddad. RESP = participant.\n---\n\n"
    talk = "INT: Thanks for having me.\n\nRESP: Come in, mind the step.\n\nINT: How long have you lived here?\n\nRESP: Nineteen years this June.\n"
    write(root / "D1_W1_interview.txt", header + talk)
    # Where the role label is the participant's own and only one, it is their turn, as before.
    write(root / "D2_W1_interview.txt", "Interviewer: How long have you lived here?\nParticipant: Nineteen years this June.\nInterviewer: And now?\nParticipant: Still here.\n")
    write(root / "D3_W1_interview.txt", "Participant: I wanted to say something first, before you ask.\nINT: Go on.\nRESP: It's about the lifts.\nINT: Right.\nRESP: Again.\n")
    study, said = _load(root)
    assert said == []
    segments = study.segments.dropna(subset=["speaker"])
    first = segments.groupby("doc_id")["speaker"].first().to_dict()
    assert first == {"D1_W1_interview": "INT", "D2_W1_interview": "Interviewer", "D3_W1_interview": "Participant"}
    assert _dates(study)["D1_W1_interview"] == dt.date(2025, 4, 9)
    assert "D1_W1_interview: the header line 'Participant: Dolores (Dee), Mill Court' names the participant, who speaks under another label: not a turn" in study.meta["inferred"]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Date of interview: 9/20/1989", dt.date(1989, 9, 20)),  # month first: no month 20
        ("Interview with Ruth Adler,   9-20-89", dt.date(1989, 9, 20)),  # dashes and two digits of year
        ("Interview date: 09-20-1989", dt.date(1989, 9, 20)),
        ("Date: 03/04/2019", dt.date(2019, 4, 3)),  # either order possible: the study's (day first by default)
    ],
)
def test_dates_written_month_first_are_read_where_day_first_cannot_be(line, day):
    talk = "\n\nQ: Hello?\nAdler: Hi.\nQ: So?\nAdler: Yes."
    assert header_date(line + talk, qlr.io._segment.segment_turns(line + talk)) == (day, line)


def test_a_records_date_is_said_and_a_chats_first_message_is_no_header(tmp_path):
    root = tmp_path / "mixed"
    write(root / "A1_W1_notes.md", "---\ndate: 2024-05-02\n---\n# Visit\n\nThe group met at the allotment.\n")
    write(
        root / "A1_W2_chat.txt",
        "12/06/2024, 09:14 - Ann: Morning! The beds are planted.\n12/06/2024, 09:20 - Sam: Great, photos?\n"
        "12/06/2024, 09:21 - Ann: Later today.\n13/06/2024, 18:02 - Sam: Thanks!\n",
    )
    study, _ = _load(root)
    assert _dates(study) == {"A1_W1_notes": dt.date(2024, 5, 2), "A1_W2_chat": None}
    notes = study.meta["inferred"]
    assert "1 document(s) dated by the file's own record (Markdown front matter, an OHMS or TEI header): A1_W1_notes (2024-05-02)" in notes
    assert not any("dated by the date their header states" in note for note in notes)


def test_the_headers_that_can_tell_say_which_way_round_the_others_are(tmp_path):
    root = tmp_path / "us"
    write(root / "P01_W1_interview.txt", "Date of interview: 05/14/2019\n" + CONVERSATION)  # only month first fits
    write(root / "P02_W1_interview.txt", "Date of interview: 05/06/2019\n" + CONVERSATION)  # either fits: as the study writes
    study, said = _load(root)
    assert _dates(study) == {"P01_W1_interview": dt.date(2019, 5, 14), "P02_W1_interview": dt.date(2019, 5, 6)}
    assert said == []
    # Alone, an ambiguous date is read day first, the default.
    write(tmp_path / "uk" / "P02_W1_interview.txt", "Date of interview: 05/06/2019\n" + CONVERSATION)
    assert _dates(_load(tmp_path / "uk")[0]) == {"P02_W1_interview": dt.date(2019, 6, 5)}


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Date of interview: 14-15 May 2019", dt.date(2019, 5, 14)),
        ("Interviewed 14 and 15 May 2019 at her home", dt.date(2019, 5, 14)),
        ("Date: 3/4 June 2020", dt.date(2020, 6, 3)),
        ("Recorded May 14–15, 2019", dt.date(2019, 5, 14)),
        ("Interview 2 - 4 June 2020", dt.date(2020, 6, 4)),  # a dash between spaces is no range
    ],
)
def test_an_interview_over_two_days_is_dated_by_its_first(line, day):
    assert header_date(f"{line}\n\nI: Hello?\nAnn: Hello.\nI: So?\nAnn: So.") == (day, line)


def test_an_interviews_own_heading_with_a_colon_dates_it_another_labels_date_does_not():
    talk = "\n\nI: Hello?\nAnn: Hello.\nI: So?\nAnn: So."
    assert header_date("Interview 2: 4 June 2020" + talk) == (dt.date(2020, 6, 4), "Interview 2: 4 June 2020")
    assert header_date("Previous interview: 3 March 2018" + talk) is None
