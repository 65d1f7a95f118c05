"""Real files, twenty-first pass: lookalikes of layouts found in published transcripts (stop 49).

A museum's oral histories copied as plain text from their printed PDFs: a cover page that says who interviewed
("Interviewed by:" over the name on the next line), and on every later page a running title over a running line
set out in columns, the page's number at its end ("Ref: OH-17.2024      © 2024 Riverside Archive      Page 2 of 3"),
falling mid-sentence inside the answers; once the page numbers grow a digit the count wraps onto a line of its own
("Page 10 of" over "11"). Every file here is written by the test, in the convention the real files use, with words
of our own.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.errors import NoInterviewerWarning

from .conftest import write

_COVER = (
    " \n \nOral History of Mara Quist \n \n \nInterviewed by: \n Dana Holt \n \nRecorded: March 4, 2024   \n"
    "Lowfield, Kent \n \n \n   Archive reference number: OH-17.2024 \n \n© 2024 Riverside Archive \n\n"
)


def _page(number: int, pages: int, *, wrapped: bool = False) -> str:
    count = f"Page {number} of \n{pages} " if wrapped else f"Page {number} of {pages} "
    return f"\nOral History of Mara Quist \n \nRef: OH-17.2024                  © 2024 Riverside Archive                  {count}\n  \n"


def _interview(first: int, pages: int, *, wrap_from: int = 10) -> str:
    """A cover page and three pages of turns, the second and third pages opening in the middle of an answer."""
    return (
        _COVER
        + _page(first, pages, wrapped=first >= wrap_from)
        + "Dana Holt:  It is the fourth of March and I am here with Mara Quist.  Thank you for coming. \n"
        + "Mara Quist:  Glad to. \n"
        + "Holt:  Where did you grow up? \n"
        + "Quist:  On a farm near the river, the youngest of four, and we moved to the town when \n"
        + "I was eleven because my father took work at the mill and \n"
        + _page(first + 1, pages, wrapped=first + 1 >= wrap_from)
        + "the farm could not keep all of us.  I missed the animals for years. \n"
        + "Holt:  What was the mill like? \n"
        + "Quist:  Loud.  My father came home deaf in one ear and proud of \n"
        + _page(first + 2, pages, wrapped=first + 2 >= wrap_from)
        + "every bolt of cloth he had checked. \n"
        + "Holt:  Thank you. \n"
        + "END OF INTERVIEW \n"
    )


def _load(path: Path, *, quiet: bool = False) -> qlr.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore" if quiet else "error")
        return qlr.load(path, progress=False)


def _turns(study: qlr.Study) -> dict[str, tuple[str, int]]:
    segments = study.tables["segments"].dropna(subset=["speaker"])
    return {speaker: (rows.speaker_role.iloc[0], len(rows)) for speaker, rows in segments.groupby("speaker")}


def _words_of(study: qlr.Study, speaker: str) -> list[str]:
    segments = study.tables["segments"]
    texts = study.segment_texts()
    return [" ".join(texts[seg].split()) for seg in segments.loc[segments.speaker == speaker, "seg_id"]]


def test_a_running_line_in_columns_is_no_speaker_and_an_answer_runs_on_across_the_page(tmp_path):
    # Before: "Ref" was a participant with a turn on every page (the running line read as "Ref: …" words), the
    # answers' words after each page break were that turn's, and the running title stood in the answers.
    study = _load(write(tmp_path / "quist.txt", _interview(2, 4)))
    assert _turns(study) == {"Dana Holt": ("interviewer", 4), "Mara Quist": ("participant", 3)}
    answers = _words_of(study, "Mara Quist")
    assert answers[1].endswith("took work at the mill and the farm could not keep all of us. I missed the animals for years.")
    assert answers[2] == "Loud. My father came home deaf in one ear and proud of every bolt of cloth he had checked."
    said = [text for speaker in ("Dana Holt", "Mara Quist") for text in _words_of(study, speaker)]
    assert not any("Riverside" in text or "Oral History" in text for text in said)


def test_a_page_count_wrapped_onto_its_own_line_is_cut_with_its_running_line(tmp_path):
    # Pages 9, 10 and 11 of 11: from page 10 the copy puts "11" on a line of its own under "Page 10 of".
    # Before: the pages were not found at all (page 9's mark alone counts no pages), every running line was a turn.
    study = _load(write(tmp_path / "quist.txt", _interview(9, 11)))
    assert _turns(study) == {"Dana Holt": ("interviewer", 4), "Mara Quist": ("participant", 3)}
    said = [text for speaker in ("Dana Holt", "Mara Quist") for text in _words_of(study, speaker)]
    assert not any(text in {"11", "Page 10 of"} or "Page 1" in text or "Riverside" in text for text in said)


def test_interviewed_by_over_a_name_declares_the_interviewer(tmp_path):
    # Before: no turn was the interviewer's, and a warning asked for 'speakers: {Dana Holt: interviewer}'.
    study = _load(write(tmp_path / "quist.txt", _interview(2, 4)))
    assert _turns(study)["Dana Holt"] == ("interviewer", 4)
    assert "the header's sentence 'Interviewed by: Dana Holt' names who asks" in " ".join(study.meta["inferred"])


def test_interviewed_by_with_more_than_names_declares_no_one(tmp_path):
    # "Interviewed by my neighbour, who kept the tapes" names no one: the old warning stays.
    text = _interview(2, 4).replace("Interviewed by: \n Dana Holt \n", "Interviewed by my neighbour, who kept the tapes \n")
    with pytest.warns(NoInterviewerWarning, match="no turn read as the interviewer's"):
        study = qlr.load(write(tmp_path / "quist.txt", text), progress=False)
    assert _turns(study) == {"Dana Holt": ("participant", 4), "Mara Quist": ("participant", 3)}


def test_a_turn_that_mentions_a_page_keeps_its_words(tmp_path):
    # Only a running line set out in columns is a page's: a sentence naming "page 2 of 3" is someone's words.
    text = (
        "Interviewer: Which form was it?\nAnn: The one on page 2 of 3, the green one.\nInterviewer: And then?\n"
        "Ann: Page 3 of 3 asked for my date of birth.\nInterviewer: Thanks.\n"
    )
    study = _load(write(tmp_path / "forms.txt", text))
    assert _words_of(study, "Ann") == ["The one on page 2 of 3, the green one.", "Page 3 of 3 asked for my date of birth."]


_CHM = Path(os.environ.get("QLR_HUNT_21", "/tmp/s50/h21-scratch/chm"))


@pytest.mark.skipif(not (_CHM / "allen" / "chm-allen-2008.txt").is_file(), reason="the fetched museum transcript is not on this machine")
def test_the_real_museum_oral_history_reads_its_two_speakers():
    # Counted from the file: 82 lines open with "Kossow:" or "Al Kossow:", 81 with "Allen:" or "Fran Allen:", 17
    # running lines "CHM Ref: …  Page n of 18" (9 of them wrapped), 6 of them inside an answer.
    study = _load(_CHM / "allen" / "chm-allen-2008.txt")
    assert _turns(study) == {"Al Kossow": ("interviewer", 82), "Fran Allen": ("participant", 81)}
    assert not any("Computer History Museum" in text for text in _words_of(study, "Fran Allen"))


def test_a_narrator_s_name_with_the_name_they_go_by_in_brackets_is_a_label(tmp_path):
    # "Mara (Bo) Quist:" then "Quist:", as the museum labels a narrator known by a nickname. Before: the bracketed
    # name was no label, so her first answer was the interviewer's words and "Quist" stood alone. After review: both
    # are her name without the brackets, as a transcript that also writes "Mara Quist:" names her.
    text = _interview(2, 4).replace("Mara Quist:  Glad to.", "Mara (Bo) Quist:  Glad to.")
    study = _load(write(tmp_path / "quist.txt", text))
    assert _turns(study) == {"Dana Holt": ("interviewer", 4), "Mara Quist": ("participant", 3)}
    assert _words_of(study, "Mara Quist")[0] == "Glad to."
    assert "'Mara (Bo) Quist' is read as 'Mara Quist', its full label; 'Quist' is read as 'Mara Quist'" in " ".join(study.meta["inferred"])


def test_a_bold_podcast_label_with_a_bracketed_name_is_a_label(tmp_path):
    # "**VM (Vicky) Brasseur:**", as the Changelog credits a guest: 20 turns of hers were read into others' turns.
    text = "**Jo Lin:** Who are you?\n\n**VM (Vicky) Brasseur:** A consultant.\n\n**Jo Lin:** Since when?\n\n**VM (Vicky) Brasseur:** Years.\n"
    study = _load(write(tmp_path / "show.md", text), quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(study).items()} == {"Jo Lin": 2, "VM (Vicky) Brasseur": 2}


def test_a_bracket_at_a_label_s_end_is_still_an_aside(tmp_path):
    # "Ann (Interviewer):" says Ann's role (read from the bracket, as before); only a bracketed name between two
    # words is part of the name, and "Ann (Interviewer) Lee" is no form of label anyone writes.
    text = "Ann (Interviewer): How was it?\nBo: Fine.\nAnn (Interviewer): And now?\nBo: Better.\n"
    study = _load(write(tmp_path / "asides.txt", text))
    assert _turns(study) == {"Ann (Interviewer)": ("interviewer", 2), "Bo": ("participant", 2)}
    assert study.tables["segments"]["speaker"].dropna().tolist() == ["Ann (Interviewer)", "Bo", "Ann (Interviewer)", "Bo"]


# A podcast's edited transcripts kept in Markdown (the bitcointranscripts project): the name and the turn's time on a
# line of their own, a blank line, then the words; one show writes "Name: 00:00:18", another "Name 00:02:14".
_FRONT = "---\ntitle: Growing herbs indoors\nspeakers:\n  - Ana Reyes\n  - Ben Okafor\ndate: 2023-07-10\n---\n"


def test_a_name_and_time_over_a_blank_line_is_a_label(tmp_path):
    # Before: no label was read (every word outside the turns, a warning said so); now each line is a timed turn.
    turns = "".join(
        f"{name} 00:0{minute}:1{minute}\n\n{words}\n\n"
        for minute, (name, words) in enumerate(
            [("Ana Reyes", "Welcome to the show."), ("Ben Okafor", "Thanks for having me."), ("Ana Reyes", "Where do we start?"), ("Ben Okafor", "With light.")]
        )
    )
    study = _load(write(tmp_path / "herbs.md", _FRONT + turns), quiet=True)
    segments = study.tables["segments"]
    assert segments["speaker"].tolist() == ["Ana Reyes", "Ben Okafor", "Ana Reyes", "Ben Okafor"]
    assert segments["timestamp"].tolist() == [10, 71, 132, 193]
    assert _words_of(study, "Ben Okafor") == ["Thanks for having me.", "With light."]


def test_a_label_whose_colon_was_left_out_among_colon_labels_is_still_its_speaker_s(tmp_path):
    # "Ben 00:01:06" once among "Ben: 00:00:30" turns. Before: the line and Ben's words were Ana's turn.
    text = (
        _FRONT + "Ana: 00:00:10\n\nWelcome.\n\nBen: 00:00:30\n\nHello.\n\nAna: 00:01:00\n\nWhat grows best?\n\n"
        "Ben 00:01:06\n\nBasil, mostly.\n\nAna: 00:01:20\n\nWhy basil?\n\nBen: 00:01:25\n\nIt forgives you.\n"
    )
    study = _load(write(tmp_path / "herbs.md", text), quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(study).items()} == {"Ana": 3, "Ben": 3}
    assert _words_of(study, "Ben") == ["Hello.", "Basil, mostly.", "It forgives you."]
    assert _words_of(study, "Ana")[1] == "What grows best?"


def test_a_name_and_a_time_of_day_in_a_diary_is_no_label(tmp_path):
    # A diary's "Monday 10:30" over a blank line and its entry, beside no labels: no one speaks (paired-only convention).
    text = "Monday 10:30\n\nWalked to the allotment.\n\nTuesday 09:15\n\nRain all day, stayed in.\n"
    study = _load(write(tmp_path / "diary.txt", text), quiet=True)
    assert study.tables["segments"]["speaker"].isna().all()


_BTC = Path(os.environ.get("QLR_HUNT_21_BTC", "/tmp/s50/h21-scratch/btc"))


@pytest.mark.skipif(not (_BTC / "chaincode-podcast").is_dir(), reason="the fetched bitcointranscripts files are not on this machine")
def test_the_real_podcast_transcripts_keep_every_labelled_turn():
    # Counted from the files: label lines "Name: hh:mm:ss" or "Name hh:mm:ss" (one space, no colon) over the words.
    splicing = _load(_BTC / "stephan-livera-podcast" / "what-is-splicing.md", quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(splicing).items()} == {"Stephan Livera": 39, "Dusty Daemon": 40}
    eltoo = _load(_BTC / "chaincode-podcast" / "sighash-anyprevout-ephemeral-anchors-and-ln-symmetry-eltoo.md", quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(eltoo).items()} == {"Greg": 94, "Murch": 64, "Jonas": 45}


def test_a_guest_labelled_by_an_online_handle_in_lower_case_is_a_speaker(tmp_path):
    # "herbwise:" as a chat-minded show labels its guest by handle, beside the host's "Ana:". Before: the handle was no
    # label, its 3 answers stood in Ana's turns (alone, with nobody labelled, the file had no speakers at all).
    text = (
        "Ana: Welcome. Who are you?\n\nherbwise: I grow basil on a balcony.\n\nAna: Since when?\n\n"
        "herbwise: Since the first lockdown.\n\nAna: Any advice?\n\nherbwise: Water less than you think.\n"
    )
    study = _load(write(tmp_path / "show.md", text), quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(study).items()} == {"Ana": 3, "herbwise": 3}
    assert _words_of(study, "herbwise")[2] == "Water less than you think."


def test_lower_case_words_with_colons_are_no_speakers(tmp_path):
    # An indented YAML key ("  role: member"), a word that opens speech ("well: …") and a handle said twice are no voices.
    notes = "cases:\n- id: D01\n  role: member\n- id: D02\n  role: member\n- id: D03\n  role: member\n"
    assert _load(write(tmp_path / "notes.txt", notes), quiet=True).tables["segments"]["speaker"].isna().all()
    text = (
        "Ana: How was it?\nwell: it rained all week.\nBo: It did.\nwell: and then it stopped.\nAna: Good.\n"
        "well: the basil liked it.\nBo: Yes.\nsam_k: me too.\nAna: Right.\nsam_k: fine.\n"
    )
    study = _load(write(tmp_path / "talk.txt", text), quiet=True)
    assert set(study.tables["segments"]["speaker"].dropna()) == {"Ana", "Bo"}


@pytest.mark.skipif(not (_BTC / "handles" / "2018-12-14-laolu-conner-lnd.md").is_file(), reason="the fetched bitcointranscripts files are not on this machine")
def test_the_real_podcast_s_guests_labelled_by_handles_are_speakers():
    # Counted from the file: 81 lines open with "roasbeef:", 62 with "bitconner:", 46 "Pierre:", 11 "bitstein:".
    study = _load(_BTC / "handles" / "2018-12-14-laolu-conner-lnd.md", quiet=True)
    assert {speaker: count for speaker, (_, count) in _turns(study).items()} == {"roasbeef": 81, "bitconner": 62, "Pierre": 46, "bitstein": 11}
