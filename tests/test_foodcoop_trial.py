"""A new user's three-wave study laid out as researchers lay theirs out (stop 37's second trial): what it found, fixed."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import qlr
from qlr.errors import NoCaseTalkWarning, NoInterviewerWarning

from .conftest import write

QA = "Q: How do decisions get made at the shop?\n\nA: We decide together at the steering group now, and I run the till.\n"
LABELLED = "Interviewer: What has changed?\nDev: We set up our own group, just volunteers, and we plan the shifts.\n"


def _template(root: Path) -> tuple[dict, str]:
    text = qlr.io.template_for(root)
    return yaml.safe_load(text), text


def _placed(data: dict) -> dict[str, tuple]:
    return {doc["path"]: (doc.get("case"), doc.get("wave"), doc["kind"]) for doc in data["documents"]}


def test_wave_folders_described_by_their_season_name_no_one(tmp_path):
    # "Wave 1 - spring 2025/Maria - interview 1.txt": every file of a wave had been case 'spring_2025'.
    root = tmp_path / "coop"
    for wave, season in ((1, "spring 2025"), (2, "autumn 2025"), (3, "spring 2026")):
        write(root / f"Wave {wave} - {season}" / f"Maria - interview {wave}.txt", QA)
        write(root / f"Wave {wave} - {season}" / f"Dev interview {wave}.txt", LABELLED)
    data, text = _template(root)
    assert [case["id"] for case in data["cases"]] == ["Dev", "Maria"]
    assert _placed(data)["Wave 2 - autumn 2025/Maria - interview 2.txt"] == ("Maria", "W2", "interview")
    assert "describe the waves, naming no one: autumn 2025, spring 2025, spring 2026" in text


def test_a_persons_name_in_each_of_their_wave_folders_still_names_them(tmp_path):
    # "Maria Wave 1/", "Maria Wave 2/": the words beside the wave recur across waves, so they name a person.
    root = tmp_path / "coop"
    for person in ("Maria", "Dev"):
        for wave in (1, 2):
            write(root / f"{person} Wave {wave}" / "transcript.txt", QA)
    data, _ = _template(root)
    assert [case["id"] for case in data["cases"]] == ["Dev", "Maria"]
    assert _placed(data)["Maria Wave 2/transcript.txt"][:2] == ("Maria", "W2")


def test_field_notes_of_the_interviewer_and_a_focus_group_held_once_are_the_studys(tmp_path):
    root = tmp_path / "coop"
    for wave in (1, 2):
        write(root / f"Wave {wave}" / f"Maria - interview {wave}.txt", QA)
        write(root / f"Wave {wave}" / f"Dev interview {wave}.txt", "Rosa: What has changed?\nDev: We plan the shifts ourselves now.\nRosa: And the staff?\nDev: They step back.\n")
    write(root / "Field notes" / "fieldnotes_Rosa.md", "# Field notes\n\n## 14 March 2025\n\nStaff at the front; volunteers listen.\n")
    write(root / "Wave 2" / "Focus group Sept 2025.txt", "Moderator: Who decides?\nMaria: We do, together.\nDev: Mostly we do.\n")
    data, text = _template(root)
    placed = _placed(data)
    # Before: cases 'Field' (the folder's word) and 'C01' (the focus group), each a participant who "dropped out".
    assert [case["id"] for case in data["cases"]] == ["Dev", "Maria"]
    assert placed["Field notes/fieldnotes_Rosa.md"] == (None, None, "observation")
    assert placed["Wave 2/Focus group Sept 2025.txt"] == (None, "W2", "focus_group")
    assert "Field notes/fieldnotes_Rosa.md" in text.split("are the study's material (no case):")[1].splitlines()[0]


def test_the_template_gives_no_document_a_role_that_contradicts_the_interviewer_it_found(tmp_path):
    root = tmp_path / "coop"
    write(root / "Wave 1" / "Maria - interview 1.txt", QA)
    write(
        root / "Wave 2" / "Maria - interview 2.txt",
        "[00:00:05] Speaker 1: So what has changed since March?\n[00:00:12] Speaker 2: They asked us what we wanted.\n"
        "[00:01:40] Speaker 1: Did it go into the plan?\n[00:01:52] Speaker 2: Straight into it.\n"
        "[00:02:30] Speaker 1: And now?\n[00:02:41] Speaker 2: We plan it with them.\n",
    )
    data, _ = _template(root)
    # Before: that document's own entry said 'Speaker 1: participant', and won. A diarisation's numbered voice is
    # someone else in each file (stop 39), so it is only ever the document's own, with the role it has there.
    assert "Speaker 1" not in data.get("speakers", {})
    own = {doc["path"]: doc["speakers"] for doc in data["documents"] if "speakers" in doc}
    assert own == {"Wave 2/Maria - interview 2.txt": {"Speaker 1": "interviewer", "Speaker 2": "participant"}}
    write(root / "study.yaml", yaml.safe_dump(data, sort_keys=False))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    assert not [w for w in caught if issubclass(w.category, NoInterviewerWarning)]
    turns = study.segments[study.segments["doc_id"] == "Maria_W2_interview"]
    assert turns["speaker_role"].dropna().tolist() == ["interviewer", "participant"] * 3


def test_the_warning_names_a_documents_own_speakers_entry_when_that_is_what_to_change(tmp_path):
    root = tmp_path / "coop"
    write(root / "maria.txt", "Speaker 1: What changed?\nSpeaker 2: A lot.\nSpeaker 1: How so?\nSpeaker 2: We decide now.\n")
    write(root / "study.yaml", "documents:\n- path: maria.txt\n  case: Maria\n  wave: W1\n  speakers:\n    Speaker 1: participant\n")
    with pytest.warns(NoInterviewerWarning, match="this document's own 'speakers:' entry in study.yaml gives it another role: write 'Speaker 1: interviewer' there"):
        qlr.load(root, progress=False)


def test_a_header_naming_the_interviewer_with_a_short_label_is_no_turn_and_its_date_dates_the_interview(tmp_path):
    path = write(
        tmp_path / "Priti_wave1.txt",
        "Participant: Priti Kaur\nInterviewer (IV): Rosa Hale\nDate of interview: 27 March 2025\n\n"
        "IV: What do you do at the co-op?\n\nPK: I help out on the till on Thursdays.\n\n"
        "IV: Do you get a say?\n\nPK: They ask what we think, then the manager decides.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    # Before: 'Rosa Hale\nDate of interview: 27 March 2025' was the interviewer's first turn, and the date was lost.
    assert str(study.documents["date"].iloc[0])[:10] == "2025-03-27"
    turns = study.segments.dropna(subset=["speaker"])
    text = study.documents["text"].iloc[0]
    assert [text[s:e].split()[0] for s, e in zip(turns["start"], turns["end"])] == ["What", "I", "Do", "They"]
    assert turns["speaker_role"].tolist() == ["interviewer", "participant"] * 2
    assert any("header lines 'Interviewer (IV)' name the speakers" in note for note in study.meta["inferred"])


def test_a_focus_group_of_the_studys_people_with_no_case_is_attributed_and_said(tmp_path):
    root = tmp_path / "coop"
    write(root / "Maria_W1_interview.txt", QA)
    write(root / "Jonah_Smith_W1_interview.txt", QA)
    write(root / "fg.txt", "Moderator: Who decides?\nMaria: We decide together now.\nJonah: The staff decide most things.\nLeon: I'm new.\n")
    write(root / "study.yaml", "documents:\n- Maria_W1_interview.txt\n- Jonah_Smith_W1_interview.txt\n- {path: fg.txt, id: FG_W1, wave: W1, kind: focus_group}\n")
    # Stop 41: Jonah_Smith_W1_interview's name gives it the kind 'w1_interview', read by paragraph: its Q/A labels are said.
    with (
        pytest.warns(NoInterviewerWarning, match=r"Jonah_Smith_W1_interview \(kind 'w1_interview': Q, A\)"),
        pytest.warns(NoCaseTalkWarning, match=r"FG_W1 \(at wave W1; Maria → Maria \(1 turn\), Jonah → Jonah \(1 turn\); no one's: Leon \(1 turn\)") as caught,
    ):
        study = qlr.load(root, progress=False)
    # Stop 39: their turns count for them; the moderator's question is said as no evidence.
    assert "questions, not evidence: Moderator (1 turn)" in str(next(w for w in caught if issubclass(w.category, NoCaseTalkWarning)).message)
    assert study.meta["speaker_cases"] == {"FG_W1": {"Maria": "Maria", "Jonah": "Jonah"}}
    assert qlr.io.load_notes(study)["what"].str.contains("talk of no case").any()


def test_a_case_interviewed_without_labels_has_words_and_a_density(tmp_path):
    # An interview with no speaker label read is coded whole as the participant's words: its words count too.
    root = tmp_path / "coop"
    write(root / "Jonah_W1_interview.txt", "What do you do there?\n\nI stack shelves. The staff decide the rota, we just turn up.\n")
    write(root / "Maria_W1_interview.txt", QA)
    write(root / "Maria_W1_observation.txt", "Maria ran the till while staff watched.\n")
    write(root / "Ann_W1_observation.txt", "Ann watched from the door; she did not come in.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False).apply("coproduction", progress=False)
    tidy = qlr.track.matrix(study, cols="theme", value="density").tidy
    cells = tidy.drop_duplicates("case_id").set_index("case_id")
    assert cells.loc["Jonah", "words"] == 17  # the whole text: its question and answer (was 0, and shown as missing)
    assert cells.loc["Maria", "words"] == 13  # her answer only: the question is the interviewer's
    # Seen, but only in notes about her: no density, and the reason says why (was NaN with no reason).
    assert cells.loc["Ann", "words"] == 0 and cells.loc["Ann", "reason"] == "no participant words"
    assert tidy[tidy["case_id"] == "Ann"]["value"].isna().all()


def test_a_diarys_title_above_its_dated_entries_is_not_coded(tmp_path):
    root = tmp_path / "coop"
    write(
        root / "Dev_W2_diary.txt",
        "Dev's volunteering diary\n\nMonday 02 June 2025\nWent to the Monday shift. Nobody spoke to me.\n\n"
        "Friday 15 August 2025\nSam asked me to join the volunteers' group. We swap shifts and help each other out.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False).apply("coproduction", progress=False)
    first = study.segments.iloc[0]
    assert first["n_words"] == 3 and pd_isna(first["speaker_role"])
    # Before: the title was coded reciprocity.giving_back ("volunteering") and cited as placement evidence.
    assert not (study.codings["seg_id"] == first["seg_id"]).any()
    assert len(study.codings) > 0  # the entries are still coded


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_a_short_word_follow_up_with_three_bold_questions_has_the_interviewers_turns(tmp_path):
    from .test_hunt import _bold_question_docx

    path = _bold_question_docx(
        tmp_path / "Jonah_W3_interview.docx",
        [
            ("Jonah Smith. Interview date: 17 March 2026", False),
            ("How are things at the co-op now?", True),
            ("Worse. There are targets and the staff decide the rota without us.", False),
            ("Do you still go on Mondays?", True),
            ("Sometimes. I keep my head down.", False),
            ("Anything you would change?", True),
            ("Bring back the members' meeting.", False),
        ],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    turns = study.segments.dropna(subset=["speaker_role"])
    # Before: three bold questions were too few (four or more), and the questions were coded as Jonah's words.
    assert turns["speaker_role"].tolist() == ["interviewer", "participant"] * 3
    text = study.documents["text"].iloc[0]
    assert [text[s:e].strip() for s, e in zip(turns["start"], turns["end"])][:2] == [
        "How are things at the co-op now?",
        "Worse. There are targets and the staff decide the rota without us.",
    ]


def test_a_file_no_name_places_goes_to_the_wave_holding_its_date_or_is_named_in_the_header(tmp_path):
    root = tmp_path / "coop"
    for wave, day in ((1, "14 March 2025"), (2, "18 September 2025")):
        for person in ("Maria", "Dev"):
            write(root / f"Wave {wave}" / f"{person} interview {wave}.txt", f"Interview: {person}, {day}\n\n" + LABELLED)
    write(root / "Extra" / "Dev.txt", "Interview: Dev, 18 September 2025\n\n" + LABELLED)
    write(root / "Extra" / "Maria.txt", "Interview: Maria, 2 June 2025\n\n" + LABELLED)
    data, text = _template(root)
    placed = _placed(data)
    assert placed["Extra/Dev.txt"] == ("Dev", "W2", "interview")
    assert "at the wave whose dates hold the file's date: Extra/Dev.txt (2025-09-18: W2)" in text
    # June is in no wave's dates: between the waves, the wave in progress (W1, begun in March), said, and the first
    # wave's dates are its interviews' alone (stop 43: one rule with the study's dated minutes).
    assert placed["Extra/Maria.txt"] == ("Maria", "W1", "interview")
    assert "dated between waves: at the wave in progress on its date (the last begun by then), to check: Extra/Maria.txt (2025-06-02: W1)" in text
    assert (data["waves"][0]["start"], data["waves"][0]["end"]) == ("2025-03-14", "2025-03-14")


def test_the_template_redirected_into_the_folders_own_study_yaml_lists_every_file(tmp_path):
    # `qlr info coop --template > coop/study.yaml` makes an empty study.yaml before qlr runs. With one name in four
    # fitting {case}_{wave}_{kind} ("Priti_wave1"), that empty file had made a template of Priti's files alone.
    root = tmp_path / "coop"
    for wave in (1, 2):
        write(root / f"Wave {wave}" / f"Maria - interview {wave}.txt", QA)
        write(root / f"Wave {wave}" / f"Dev interview {wave}.txt", LABELLED)
        write(root / f"Wave {wave}" / f"Priti_wave{wave}.txt", QA)
    without, _ = _template(root)
    write(root / "study.yaml", "")
    data, _ = _template(root)
    assert data == without
    assert len(data["documents"]) == 6 and [case["id"] for case in data["cases"]] == ["Dev", "Maria", "Priti"]


@pytest.mark.parametrize("greeting", ["Hello Maria", "Thank you Maria", "Hi Maria and Jonah"])
def test_a_greeting_on_the_interviewers_first_labelled_line_stays_a_turn(tmp_path, greeting):
    # The long form written once on the first turn, a greeting naming the participant: no header, and Maria stays
    # the participant (a first version of the header rule made every turn of hers the interviewer's).
    path = write(
        tmp_path / "maria.txt",
        f"Interviewer (IV): {greeting}\nMaria: Hello.\nIV: How did you start at the co-op?\n"
        "Maria: A friend asked me to help on the till, and I liked it.\nIV: What keeps you there?\nMaria: The people, mostly.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    turns = study.segments.dropna(subset=["speaker"])
    assert turns["speaker_role"].tolist() == ["interviewer", "participant"] * 3
    assert set(turns.loc[turns["speaker"] == "Maria", "speaker_role"]) == {"participant"}


# A reviewer's probes of the rules above: layouts they must read, and layouts they must leave as they were.


def test_wave_folders_with_descriptions_over_names_that_number_the_interview(tmp_path):
    # "Wave 1 - spring 2025/Ali - interview 1.txt" for every file: "interview 1" had been read as a participant's
    # number, so there were no waves and one case per wave folder.
    root = tmp_path / "coop"
    for wave, season in ((1, "spring 2025"), (2, "autumn 2025")):
        for person in ("Ali", "Bea", "Maria"):
            write(root / f"Wave {wave} - {season}" / f"{person} - interview {wave}.txt", QA)
    data, _ = _template(root)
    assert [case["id"] for case in data["cases"]] == ["Ali", "Bea", "Maria"]
    assert _placed(data)["Wave 2 - autumn 2025/Bea - interview 2.txt"] == ("Bea", "W2", "interview")


def test_a_description_two_waves_share_still_describes_them(tmp_path):
    root = tmp_path / "coop"
    for wave, mode in ((1, "online"), (2, "online"), (3, "in person")):
        for person in ("Ali", "Maria"):
            write(root / f"Wave {wave} - {mode}" / f"{person}.txt", QA)
    data, _ = _template(root)
    assert [case["id"] for case in data["cases"]] == ["Ali", "Maria"]
    assert _placed(data)["Wave 3 - in person/Maria.txt"][:2] == ("Maria", "W3")


def test_one_persons_folder_per_wave_keeps_their_names(tmp_path):
    root = tmp_path / "coop"
    write(root / "Maria Wave 1" / "interview.txt", QA)
    write(root / "Ali Wave 2" / "interview.txt", QA)
    data, _ = _template(root)
    assert [case["id"] for case in data["cases"]] == ["Ali", "Maria"]


def test_notes_of_a_household_and_focus_groups_named_by_their_site_keep_their_case(tmp_path):
    root = tmp_path / "study"
    write(root / "Smith family" / "interview.txt", QA)
    write(root / "Jones family" / "interview.txt", QA)
    write(root / "Brown family" / "observation notes.md", "# Visit\n\nThe family was out; a neighbour talked to us.\n")
    write(root / "Focus groups" / "Northside focus group.txt", "Moderator: Who decides?\nAnn: We do.\nBo: Mostly.\n")
    write(root / "Focus groups" / "Southside focus group.txt", "Moderator: Who decides?\nCy: They do.\nDi: Always.\n")
    placed = _placed(_template(root)[0])
    assert placed["Brown family/observation notes.md"][0] == "Brown_family"
    assert placed["Focus groups/Northside focus group.txt"][0] == "Northside"
    assert placed["Focus groups/Southside focus group.txt"][0] == "Southside"


def test_a_cases_own_diary_entries_are_its_words(tmp_path):
    root = tmp_path / "coop"
    write(
        root / "Dev_W1_diary.txt",
        "Dev's diary\n\nMonday 02 June 2025\nI gave my time on the till and helped out.\n\n"
        "Friday 15 August 2025\nI volunteered again and gave back to the others.\n",
    )
    write(root / "Maria_W1_interview.txt", QA)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root, progress=False).apply("coproduction", progress=False)
    dev = qlr.track.matrix(study, cols="theme", value="density").tidy.query("case_id == 'Dev'")
    assert int(dev["words"].iloc[0]) == 19  # the two entries (10 and 9 words), not the title: was 0, "no participant words"
    assert dev["reason"].isna().all()


def test_a_role_before_a_code_in_case_ids_is_no_speaker_of_the_studys(tmp_path):
    root = tmp_path / "study"
    write(root / "one.txt", QA)
    write(root / "two.txt", QA)
    write(root / "fg.txt", "Moderator: Who decides?\nParticipant: We do.\nParent: They do.\n")
    write(
        root / "study.yaml",
        "waves: [W1]\ncases: [{id: Participant_1}, {id: Participant_2}]\ndocuments:\n"
        "- {path: one.txt, case: Participant_1, wave: W1}\n- {path: two.txt, case: Participant_2, wave: W1}\n"
        "- {path: fg.txt, id: FG, wave: W1, kind: focus_group}\n",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(root, progress=False)
    # No voice is taken for a case; since stop 41 the group's voices counting for no case are said (no one's: …).
    said = [str(w.message) for w in caught if issubclass(w.category, NoCaseTalkWarning)]
    assert len(said) == 1 and "no speaker read as one of the study's cases" in said[0] and "no one's: Participant (1 turn), Parent (1 turn)" in said[0]


@pytest.mark.parametrize("quote", ["...and then we left the flat", "[...] and then we left the flat", "and then we left the flat…", '"…and then we left the flat"'])
def test_a_quote_cut_at_one_end_only_is_found(quote):
    from qlr.io._readers import find_quote

    text = "It was the rent, mostly, and then we left the flat."
    assert find_quote(text, quote) == [(text.index("and then"), text.index(" flat") + len(" flat"))]


def test_three_question_headings_of_a_markdown_note_make_no_interview(tmp_path):
    path = write(
        tmp_path / "reflection.md",
        "# Reflection, 14 March 2025\n\n## What happened?\nMaria was on the till.\n\n## What surprised me?\n"
        "How little the coordinator decides alone.\n\n## What next?\nAsk whether the vote is new.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path, progress=False)
    assert study.segments["speaker"].isna().all()


def test_a_short_form_named_with_a_language_like_code_is_no_translation(tmp_path):
    # "P01 - ID.txt" (an ID form) beside "P01.txt" had been left out of the template as its Indonesian translation.
    root = tmp_path / "study"
    write(root / "P01.txt", QA * 6)
    write(root / "P01 - ID.txt", "Name: withheld\n")
    write(root / "P02.txt", QA * 6)
    data, text = _template(root)
    assert {doc["path"] for doc in data["documents"]} == {"P01.txt", "P01 - ID.txt", "P02.txt"}
    assert "the same interview twice" not in text


def test_notes_named_by_someone_no_one_interviews_are_kept_and_said(tmp_path):
    # Under generic "Interviewer:" labels, "fieldnotes_Rosa.md" may be Rosa's notes or notes about Rosa: kept as the
    # case, and the header says so (it said nothing).
    root = tmp_path / "coop"
    for wave in (1, 2):
        for person in ("Ali", "Bea"):
            write(root / f"Wave {wave}" / f"{person} T{wave}.txt", LABELLED)
    write(root / "Field notes" / "fieldnotes_Rosa.md", "# Notes\n\n## 14 March 2025\n\nStaff at the front.\n")
    data, text = _template(root)
    assert _placed(data)["Field notes/fieldnotes_Rosa.md"][0] == "Rosa"
    assert "take the case out of the entry: Field notes/fieldnotes_Rosa.md (Rosa)" in text


def test_an_interview_and_its_translation_named_with_other_separators_are_one(tmp_path):
    root = tmp_path / "study"
    for person in ("Agnesi", "Fermat"):
        write(root / f"{person}_transcript.md", QA * 3)
    write(root / "Agnesi-transcript-EN.md", QA * 3)  # its translation, named with dashes
    data, text = _template(root)
    assert {doc["path"] for doc in data["documents"]} == {"Agnesi_transcript.md", "Fermat_transcript.md"}
    assert "Agnesi-transcript-EN.md (as Agnesi_transcript.md)" in text
