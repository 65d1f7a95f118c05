"""Real files, twenty-fifth pass: lookalikes of layouts found in published transcripts (stop 53).

Three forms: German student interviews keyed under their title one label a line ("I = Interviewer", "B = Befragte",
"P = Protokollant") whose note-taker speaks now and then ("**P [00:00:34]** Kommt auf den Dozenten an."); a
usability study's cleaned Zoom transcript, time cues with no names in them and a note-taker's notes written among
the cues ("Notetaker: Participant does not recall …"); and files named month and year first
("052023_participant2_transcripts.md"). Every text here is written by the test, in the conventions the real files
use, with names and words of our own.
"""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._segment import segment_document, speaker_labels, speaker_role

from .conftest import write

_KEYED = """## Transkript Interview 3

Datum 04.03.2021 14 Uhr
Ort: Videokonferenz

I = Interviewer
B = Befragte
P = Protokollant

---
**I [00:00:00]** Wie sieht Ihre Lehre gerade aus?

**B [00:00:06]** Fast alles läuft digital, die Übungen auch.

**P [00:00:31]** Darf ich kurz fragen, ob die Aufnahme läuft?

**I [00:00:35]** Ja, sie läuft. Welche Werkzeuge nutzen Sie?

**B [00:00:40]** Vor allem ein Wiki und den Chat der Hochschule.

**P [00:01:02]** Danke, ich schreibe mit.
"""


def _said(text: str, **options) -> list[tuple[str | None, str | None]]:
    found = segment_document(text, **options)
    return [(segment.speaker, role) for segment, role in zip(found.segments, found.roles)]


def test_a_key_of_labels_one_a_line_with_equals_names_the_note_taker():
    # Before: "P = Protokollant" was no label line, so nothing declared P, and the note-taker's six turns in the real
    # file's twenty were a participant's words (the interview's evidence); I and B came out right by default.
    found = segment_document(_KEYED)
    assert [(s.speaker, role) for s, role in zip(found.segments, found.roles) if s.speaker] == [
        ("I", "interviewer"),
        ("B", "participant"),
        ("P", "interviewer"),
        ("I", "interviewer"),
        ("B", "participant"),
        ("P", "interviewer"),
    ]
    assert "'I = Interviewer', 'B = Befragte', 'P = Protokollant'" in found.note
    assert "'P' read as interviewer" in found.note


def test_a_key_line_declares_only_a_label_that_takes_turns_and_only_by_a_role_word():
    # "A = Anna" names a person, "x = 3" is arithmetic, "Summe = Total" no label: none declares anything; the manifest's
    # word wins over a key.
    text = "Notizen\n\nx = 3\nA = Anna\nB = Befragte\n\nA: Wie geht es?\nB: Gut.\nA: Und sonst?\nB: Auch gut.\n"
    assert _said(text)[1:] == [("A", "participant"), ("B", "participant"), ("A", "participant"), ("B", "participant")]
    assert _said(_KEYED, speakers={"p": "participant"})[3] == ("P", "participant")


@pytest.mark.parametrize("label", ["Notetaker", "Note taker", "Note-taker", "NOTETAKER", "Protokollant", "Protokollantin"])
def test_a_note_taker_label_is_the_research_teams(label):
    # Before: any of these was a participant by default: a note-taker's "Is the recording on?" counted as what the
    # case said.
    assert speaker_role(label, {}) == "interviewer"
    text = f"Interviewer: How did the group start?\n{label}: Sorry, can I check the sound?\nAnn: We met in the library.\nInterviewer: Who asked you?\nAnn: A neighbour.\n"
    assert (label, "interviewer") in _said(text)


def test_an_observer_and_a_note_stay_as_they_were():
    # Only the note-taker's words are new: "Observer:" is qlr's field-note writer elsewhere, and "Note:" no speaker.
    assert speaker_role("Observer", {}) == "participant"
    assert speaker_role("Note", {}) == "participant"


_CUES = """Participant 4 Cleaned Transcripts


00:00:03.000 --> 00:00:09.000
Thanks for joining. Is it all right if I record the screen and the audio today?

00:00:09.000 --> 00:00:12.000
Yes, that is fine.

Warm-up
00:00:12.000 --> 00:00:20.000
Do you remember getting any paperwork when you left your last appointment?

00:00:31.000 --> 00:00:44.000
Only a slip with the next date on it. I looked my results up online later.
Notetaker: Recalls only the appointment slip; looked up results online, p. 1.

00:00:44.000 --> 00:00:49.000
Why did you look them up?

00:00:49.000 --> 00:00:58.000
To see whether the numbers had changed since spring.
Notetaker: Uses the results to follow his own numbers, p. 2.
00:00:58.000 --> 00:01:04.000
What would you call that page?

00:01:04.000 --> 00:01:09.000
A summary of the visit, I suppose.
"""


def test_notes_among_unnamed_cues_are_notes_not_turns_holding_the_cues():
    # Before: "Notetaker" was the only label, so each note was a participant's turn holding every cue up to the next
    # note, the interviewer's questions with the answers; with "Notetaker" the research team's and nothing more, every
    # answer became an interviewer's. Now the cues are cut at their times, no one's, and each note is its own segment.
    found = segment_document(_CUES)
    pieces = [(_CUES[s.start : s.end], s.speaker, s.timestamp, role) for s, role in zip(found.segments, found.roles)]
    assert pieces[0] == ("Participant 4 Cleaned Transcripts", None, None, None)
    assert [(words.split("\n")[0][:20], speaker, time, role) for words, speaker, time, role in pieces[1:]] == [
        ("Thanks for joining. ", None, 3.0, None),
        ("Yes, that is fine.", None, 9.0, None),
        ("Do you remember gett", None, 12.0, None),
        ("Only a slip with the", None, 31.0, None),
        ("Recalls only the app", "Notetaker", 31.0, "observer"),
        ("Why did you look the", None, 44.0, None),
        ("To see whether the n", None, 49.0, None),
        ("Uses the results to ", "Notetaker", 49.0, "observer"),
        ("What would you call ", None, 58.0, None),
        ("A summary of the vis", None, 64.0, None),
    ]
    assert pieces[5][0] == "Recalls only the appointment slip; looked up results online, p. 1."
    assert "2 lines labelled 'Notetaker' read as notes" in found.note and found.doubt is None


def test_a_study_with_notes_among_cues_codes_the_cues_and_says_they_have_no_names(tmp_path):
    write(tmp_path / "study" / "P4_W1_transcript.md", _CUES)
    with pytest.warns(NoInterviewerWarning, match="P4_W1_transcript"):
        study = qlr.load(tmp_path / "study", progress=False)
    table = speaker_labels(study)
    assert table[["speaker", "role", "turns", "decided_by"]].values.tolist() == [["Notetaker", "observer", 2, "notes among cues"]]
    # The cues are read as a transcript without names is (coded, every one), not left out as text outside a turn.
    from qlr.io._segment import coded_segments

    coded = study.segments[coded_segments(study.segments)]
    assert coded["timestamp"].notna().sum() == 10


def test_a_cue_with_its_speaker_under_its_time_is_read_by_its_labels():
    # A subtitle's cues naming their speaker ("Ann: …" right under the time) are turns, as before.
    text = (
        "00:00:01.000 --> 00:00:04.000\nMod: How did it start?\n\n00:00:04.000 --> 00:00:09.000\nAnn: In the library.\n\n"
        "00:00:09.000 --> 00:00:12.000\nMod: And then?\n\n00:00:12.000 --> 00:00:15.000\nAnn: We kept going.\n"
    )
    assert [pair for pair in _said(text) if pair[0]] == [("Mod", "interviewer"), ("Ann", "participant"), ("Mod", "interviewer"), ("Ann", "participant")]


def test_notes_as_many_as_the_cues_are_not_notes_among_cues():
    # Half or more of the cues carrying a label after their words is a layout of its own, read by the labels as before.
    text = "".join(f"00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\nSome words {i}.\nNotetaker: note {i}.\n\n" for i in range(0, 8, 2))
    assert segment_document(text).note is None or "read as notes" not in segment_document(text).note


def test_files_named_month_and_year_first_are_a_rounds_cases(tmp_path):
    # Before: "052023_participant2_transcripts.md" was case "052023" at wave "participant2": three participants of one
    # usability round were two cases with three waves each seen once.
    for name in ("052023_participant1_transcripts", "052023_participant2_transcripts", "062023_participant3_transcripts"):
        write(tmp_path / "round" / f"{name}.md", "Moderator: How was it?\nParticipant: Fine, mostly.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "round", progress=False)
    assert sorted(study.cases["case_id"]) == ["participant1", "participant2", "participant3"]
    assert sorted(study.waves["wave_id"]) == ["052023", "062023"]


def test_a_six_digit_number_that_is_no_month_stays_the_case(tmp_path):
    # "132023" (no month 13) and "P01_W2" keep their reading: only a month and a year make a round.
    for name in ("132023_P01_interview", "132023_P02_interview"):
        write(tmp_path / "ids" / f"{name}.txt", "Interviewer: How was it?\nAnn: Fine.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "ids", progress=False)
    assert sorted(study.cases["case_id"]) == ["132023"]


_GUIDE_NOTES = """# Participant 7 Conversation Guide: Visit Summary, June 2023

## Warm-up - 3 minutes
1.\tDo you remember getting paperwork after your last appointment? [**Moderator Note:** ask about both kinds of care.]
    -\tWhy did you look at it?

    -\t**Participant:** I got a slip, and I checked the website later.

    -\t**Moderator:**  What did you look for there?

    -\t**Participant:** My blood results...and the next date...
    -\tI also keep my own list of numbers.

    -    **Moderator:** What would you call that page?

    -    **Participant:** a summary of the visit...

5.\t**Moderator:** How would you describe the first section?
7.\t**Participant:** the reasons for the visit, i think...
  **Notetaker:**  Found the section without help.
"""


def test_a_note_takers_list_of_labelled_answers_is_read_turn_by_turn():
    # Before: no label in a list item was read, so the moderator's and the participant's words, all of them, were the
    # header before the one "**Notetaker:**" line (a participant's turn): nothing the participant said was coded.
    said = [(segment.speaker, role, _GUIDE_NOTES[segment.start : segment.end]) for segment, role in zip(*_segmented(_GUIDE_NOTES))]
    assert [(speaker, role, words[:24]) for speaker, role, words in said if speaker] == [
        ("Participant", "participant", "I got a slip, and I chec"),
        ("Moderator", "interviewer", "What did you look for th"),
        ("Participant", "participant", "My blood results...and t"),
        ("Moderator", "interviewer", "What would you call that"),
        ("Participant", "participant", "a summary of the visit.."),
        ("Moderator", "interviewer", "How would you describe t"),
        ("Participant", "participant", "the reasons for the visi"),
        ("Notetaker", "interviewer", "Found the section withou"),
    ]
    # The item under an answer is the same answer's; the bracketed "[**Moderator Note:** …]" is the guide's, no turn.
    assert "I also keep my own list of numbers." in said[3][2]
    assert "Moderator Note" in said[0][2]


def _segmented(text):
    found = segment_document(text)
    return found.segments, found.roles


@pytest.mark.parametrize(
    "text",
    [
        "# Session plan\n\n- **Goal:** Learn how people read the summary.\n- **Date:** 6 June\n- **Participant:** P7\n",
        "- **Participant:** P7, a veteran\n- **Participant:** P8, a carer\n",  # one role listed twice: a roster
        "Notes\n\n- Moderator: asked about the slip\n- Participant: found it\n",  # not bold: a list of who did what
    ],
)
def test_a_list_of_fields_or_of_one_role_is_not_a_conversation(text):
    assert not any(segment.speaker for segment in segment_document(text).segments)


def test_a_guides_next_section_after_a_listed_answer_is_no_ones(tmp_path):
    # A heading after a list item's answer opens the guide's next task: its script is no one's, not the answer going on
    # (as words under a heading inside a plain turn are).
    text = _GUIDE_NOTES.replace(
        "5.\t**Moderator:**",
        "## Task 1: First look - 7 minutes\n- Next I would like your view of a draft page. I will send a link in the chat.\n\n5.\t**Moderator:**",
    )
    write(tmp_path / "notes" / "P7_W1_interview.md", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path / "notes", progress=False)
    segments = study.segments.assign(words=list(study.segment_texts()))
    script = segments[segments["words"].str.contains("draft page")]
    assert len(script) == 1 and script["speaker"].isna().all()
    answer = segments[segments["words"].str.startswith("a summary of the visit")]
    assert answer["speaker"].tolist() == ["Participant"] and "draft page" not in answer["words"].iloc[0]


def test_a_headers_list_of_who_is_who_is_no_conversation():
    # Each role once in a list above unlabelled paragraphs names the people; it opens no turn that would hold the
    # whole interview as the interviewee's.
    text = "# Interview 3\n\n- **Interviewer:** Jane Smith\n- **Interviewee:** Tom Brown\n- **Date:** 12 March 2021\n\nHow did it start?\n\nIn the library.\n"
    assert not any(segment.speaker for segment in segment_document(text).segments)


def test_a_headers_bulleted_list_of_who_is_who_declares_the_names():
    # The list above a conversation labelled by first names says who asks, as the same lines unbulleted do: before,
    # Jane's questions were a participant's (nothing declared her).
    text = "# Interview 3\n\n- **Interviewer:** Jane Smith\n- **Interviewee:** Tom Brown\n- **Date:** 12 March 2021\n\n**Jane:** How did it start?\n\n**Tom:** In the library.\n\n**Jane:** And then?\n\n**Tom:** We kept going.\n"
    assert [pair for pair in _said(text) if pair[0]] == [("Jane", "interviewer"), ("Tom", "participant"), ("Jane", "interviewer"), ("Tom", "participant")]
    # A list item whose words are no names declares nothing.
    text = "# Plan\n\n- **Interviewer:** my sister, who asked about the war\n\nJane: How?\nTom: Fine.\nJane: And?\nTom: Ok.\n"
    assert {role for speaker, role in _said(text) if speaker} == {"participant"}


_TWO_INTERVIEWERS = """# Interview

- **Interviewer:** Jane Smith
- **Interviewer:** Bob Ray
- **Participant:** Mira Khan
- **Date:** 4 May 2023
- **Location:** Leeds

Jane: Thanks for coming. How did you get here?

Mira: I took the bus, it was late again.

Bob: Was that usual?

Mira: Most days, yes.

Jane: And in winter?

Mira: Worse, much worse.

Bob: Thank you, that is all.
"""

_TWO_PARTICIPANTS = """# Focus group 1

- **Moderator:** Jane Smith
- **Participant:** Tom Brown
- **Participant:** Ann Lee
- **Date:** 12 March 2023

Jane: Welcome everyone. Tom, you first?

Tom: I came by bus, it was full.

Ann: I walked in the rain.

Jane: Thank you both. And next time?

Tom: The bus again.

Ann: Walking again, I like it.
"""


@pytest.mark.parametrize(
    ("text", "date", "said"),
    [
        (_TWO_INTERVIEWERS, "2023-05-04", {"Jane": "interviewer", "Bob": "interviewer", "Mira": "participant"}),
        (_TWO_PARTICIPANTS, "2023-03-12", {"Jane": "interviewer", "Tom": "participant", "Ann": "participant"}),
    ],
)
def test_a_headers_list_naming_one_role_twice_declares_and_opens_no_turns(tmp_path, text, date, said):
    # Review of stop 53: one role listed twice was read as two roles taking turns; the list's items became turns (Jane
    # and Bob participants), the date line the last item's words, and the date was lost.
    write(tmp_path / "s" / "P01_W1_interview.md", text)
    study = qlr.load(tmp_path / "s", progress=False)
    assert str(study.documents["date"].iloc[0].date()) == date
    segments = study.segments.dropna(subset=["speaker"])
    assert dict(zip(segments["speaker"], segments["speaker_role"])) == said
    assert len(segments) == text.count("\n\n") - 1  # each plain turn once, no list item among them


def test_a_list_inside_an_answer_is_the_answers_words():
    # Items one role opens after another's ("- **Participant:** my ID card", "- **Interviewer:** the form") never come
    # back to the first role: no one takes turns in them.
    text = "**Interviewer:** What did you bring?\n\n**Participant:** A list:\n\n- **Participant:** my ID card\n- **Participant:** my letters\n- **Interviewer:** the form they sent me\n\n**Interviewer:** Was that enough?\n\n**Participant:** No.\n"
    assert [speaker for speaker, _ in _said(text) if speaker] == ["Interviewer", "Participant", "Interviewer", "Participant"]


def _cases_and_waves(folder, names, text):
    """The cases and waves of a folder of files with these names and this text, read with its warnings ignored."""
    for name in names:
        write(folder / name, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder, progress=False)
    return sorted(study.cases["case_id"]), sorted(study.waves["wave_id"])


def test_six_digit_ids_of_one_month_counting_up_stay_the_cases(tmp_path):
    # Review of stop 53: "112001_A_interview.md" … "112003_B_…" (three participants' numbers, each seen at waves A and
    # B) were read as November 2001-2003 first, turned round into 2 cases at 3 waves, with no warning.
    names = [f"{case}_{wave}_interview.md" for case in ("112001", "112002", "112003") for wave in ("A", "B")]
    assert _cases_and_waves(tmp_path / "ids", names, "Interviewer: How was it?\n\nAnn: Fine.\n") == (["112001", "112002", "112003"], ["A", "B"])
    # Months that differ, each round holding several files, are still rounds: participant2 at May and June 2023.
    names = [f"{month}_{case}_transcripts.md" for month in ("052023", "062023") for case in ("participant2", "participant3")]
    found = _cases_and_waves(tmp_path / "round", names, "Moderator: How was it?\n\nParticipant: Fine, mostly.\n")
    assert found == (["participant2", "participant3"], ["052023", "062023"])


@pytest.mark.parametrize(
    ("line", "speaker", "role"),
    [
        ("Participant: (laughs) yes, very early.", "Participant", "participant"),
        ("Interviewer: Sorry, I mean, how early do you start?", "Interviewer", "interviewer"),
        ("Notetaker: Laughs at the question.", "Notetaker", "observer"),
    ],
)
def test_a_role_labelled_line_among_unnamed_cues_keeps_its_role(line, speaker, role):
    # Review of stop 53: a participant's or an interviewer's labelled line among cues with no names was the observer's.
    text = (
        "00:00:05\nSo, can you tell me about your job?\n\n00:00:12\nI work at a bakery, early shifts.\n" + line + "\n\n"
        "00:00:20\nHow early do you start?\n\n00:00:31\nFour in the morning, most days.\n\n00:00:40\nAnd the pay?\n\n00:00:47\nIt's fine, I guess.\n"
    )
    assert [pair for pair in _said(text) if pair[0]] == [(speaker, role)]
