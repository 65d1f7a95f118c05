"""Ninth trial: a health-services team's telephone interviews, transcribed by a professional service.

Each finding is pinned on small files written here: time points in file names ("TP2", "Time point 3"), the study's
code opening every name ("HSR07_P03_TP2_transcript"), a service's numbered transcripts whose blank lines carry their
number too under a header of nine lines (plain text and PDF), and a carer on the line (``speakers: {Carer: other}``)
whose words are no patient's evidence.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
import yaml

import qlr
from qlr.evidence import coding_cases, segment_cases
from qlr.io import read_document
from qlr.io._load import _without_study_code, folder_template
from qlr.io._readers import _typed_line_numbers
from tests.conftest import write
from tests.test_readers import _pdf

#: A service's header: its name, a confidentiality line and seven fields (nine lines with words).
HEADER = [
    "Northgate Typing Bureau",
    "CONFIDENTIAL",
    "",
    "Study ID: HSR07",
    "Participant ID: P03",
    "Time point: Time point 2",
    "Interviewer: MW",
    "Date of interview: 09/10/2023",
    "Duration: 00:38:12",
    "Mode: Telephone",
    "",
]

#: Every line numbered, blank ones too ("3" alone), turns wrapped onto the next numbered line.
NUMBERED = [
    "1\tINT:\tHow have the clinic visits been going since the spring, would",
    "2\t\tyou say?",
    "3",
    "4\tP03:\tNobody asked me what suited, the letters just turned up with",
    "5\t\ta time on them.",
    "6",
    "7\tINT:\tAnd the walking group?",
    "8",
    "9\tP03:\tWe ring each other on a Sunday now, it keeps me going.",
    "10",
    "11\tINT:\tThank you, that is everything.",
]


def _ids(study):
    return list(study.segments["speaker"].dropna().astype(str))


# ------------------------------------------------------------------ time points and the study's code in names
def _service_folder(tmp_path, names):
    folder = tmp_path / "study"
    for name in names:
        write(folder / name, "INT: How are things?\nR: Much the same, thanks.\n")
    return folder


def test_time_points_in_names_are_waves_and_the_shared_study_code_names_no_case(tmp_path):
    # Before: one wave and a case per file ("HSR07_P03_TP1"), since "TP1" read as no wave and the code stayed.
    folder = _service_folder(tmp_path, [f"HSR07_{case}_TP{tp}_transcript.txt" for case in ("P03", "P11") for tp in (1, 2)])
    manifest = folder_template(folder)
    spec = yaml.safe_load(manifest)
    assert [case["id"] for case in spec["cases"]] == ["P03", "P11"]
    assert [wave["id"] for wave in spec["waves"]] == ["W1", "W2"]
    placed = {(entry["case"], entry["wave"]) for entry in spec["documents"]}
    assert placed == {("P03", "W1"), ("P03", "W2"), ("P11", "W1"), ("P11", "W2")}
    assert "'HSR07', which every name holds beside a person's id, is the study's code" in manifest


def test_time_point_written_out_is_a_wave(tmp_path):
    folder = _service_folder(tmp_path, ["Dee Time point 1.txt", "Dee Time point 2.txt", "Raj Time point 1.txt"])
    spec = yaml.safe_load(folder_template(folder))
    assert {(entry["case"], entry["wave"]) for entry in spec["documents"]} == {("Dee", "W1"), ("Dee", "W2"), ("Raj", "W1")}


def test_a_study_code_is_taken_out_only_beside_person_ids_in_every_name():
    assert _without_study_code(["HSR07 P03", "HSR07 P11"]) == (["P03", "P11"], "HSR07")
    # Names of people sharing a first name, a code that is not every name's, one name alone: left as they are.
    assert _without_study_code(["Ann Lee", "Ann Cole"]) == (["Ann Lee", "Ann Cole"], None)
    assert _without_study_code(["HSR07 P03", "HSR08 P11"]) == (["HSR07 P03", "HSR08 P11"], None)
    assert _without_study_code(["HSR07 P03", "HSR07 P03"])[1] is None
    assert _without_study_code(["Site1 Ann Lee", "Site1 Bo Chan"])[1] is None  # the rest is no person's id


# ------------------------------------------------------------------ numbered blank lines under a service's header
def test_numbered_blank_lines_under_a_long_header_are_line_numbers_in_plain_text(tmp_path):
    text = "\n".join(HEADER + NUMBERED) + "\n"
    # Before: 0 lines cut (nine header lines over the limit of eight, and the blank lines' bare numbers left the
    # numbered lines under 60%), so the whole transcript was one turn of "Mode" read as the participant's.
    assert len(_typed_line_numbers(text)) == len(NUMBERED)
    path = write(tmp_path / "P03_W2_interview.txt", text)
    source = read_document(path)
    assert source.removed["line numbers"] == len(NUMBERED)
    assert "\n3\n" not in source.text and "1\tINT" not in source.text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path)
    turns = study.segments.dropna(subset=["speaker"])
    assert list(turns["speaker"]) == ["INT", "P03", "INT", "P03", "INT"]
    assert list(turns["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant", "interviewer"]
    row = turns.iloc[1]
    answer = str(study.documents["text"].iloc[0])[row["start"] : row["end"]]
    assert answer.startswith("Nobody asked me what suited") and answer.rstrip().endswith("a time on them.")


def test_a_numbered_list_in_plain_text_keeps_its_numbers_still():
    # A bare number that is not the next in the count stays; so does a list of one label.
    assert _typed_line_numbers("Shopping\n\n1 apples\n2 pears\n3 figs") == {}
    notes = "Team notes\n\n1 Team: met on Monday\n2\n3 Team: met on Friday\n4\n5 Team: no meeting"
    assert _typed_line_numbers(notes) == {}


def test_numbered_blank_lines_on_a_pdf_page_with_a_header_are_line_numbers(tmp_path):
    lines = ["Study ID: HSR07", "Participant ID: P03", "Time point: Time point 2", "Interviewer: MW",
             "Date of interview: 09/10/2023", "Duration: 00:38:12", "Mode: Telephone"]
    lines += [line.replace("\t", "   ") for line in NUMBERED]
    path = write(tmp_path / "P03_W2_interview.pdf", _pdf(lines))
    source = read_document(path)
    # Before: no line numbers cut ("1 INT: How have ... would 2 you say?"), the transcript one turn of "Mode".
    assert source.removed.get("line numbers") == len(NUMBERED)
    assert "would you say?" in source.text and " 2 you say" not in source.text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path)
    assert _ids(study) == ["INT", "P03", "INT", "P03", "INT"]


# ------------------------------------------------------------------ a carer on the line: someone who is no case
def _carer_study(tmp_path, role: str | None = "other"):
    folder = tmp_path / "carers"
    write(folder / "P03_W1_interview.txt", (
        "INT: How was the discharge?\n"
        "P03: The ward nurse asked me what I wanted at home, and she listened.\n"
        "Carer: Nobody asked me if I could manage him, they just sent him home.\n"
        "INT: And since?\n"
        "P03: The others at the breathing group keep an eye on me.\n"
    ))
    write(folder / "P03_W2_interview.txt", "INT: Any news?\nP03: The nurse asked us what we needed and she listened.\n")
    manifest = {"name": "carers", "cases": [{"id": "P03", "role": "patient"}], "documents": ["*.txt"]}
    if role is not None:
        manifest["speakers"] = {"Carer": role}
    write(folder / "study.yaml", yaml.safe_dump(manifest))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder)
        study.apply("coproduction")
    return study


def test_a_carers_turns_count_for_no_case_when_the_manifest_says_other(tmp_path):
    study = _carer_study(tmp_path)
    carer = study.segments.index[study.segments["speaker"].eq("Carer").fillna(False).to_numpy(dtype=bool)]
    whose = segment_cases(study)
    assert whose.loc[carer, "case_id"].isna().all()
    assert whose.drop(index=carer).dropna(subset=["case_id"])["case_id"].eq("P03").all()
    done_to = study.codings[study.codings["code_id"].eq("negative.done_to").fillna(False)]
    assert len(done_to) == 1  # the carer's words are coded still, and kept
    assert coding_cases(study, done_to)["case_id"].isna().all()
    # Before: P03 at W1 had negative evidence 1 and was placed "Not co-produced" on design from the carer's words.
    matrix = qlr.track.matrix(study, cols="theme").panel("W1")
    assert matrix.loc["P03", "negative"] == 0
    quotes = qlr.track.quotes(study, case="P03", wave="W1")
    assert not quotes["quote"].str.contains("manage him").any()
    placed = qlr.track.ladder(study).table
    design = placed[(placed["case_id"] == "P03") & (placed["wave_id"] == "W1") & (placed["facet"] == "design")]
    assert not (design["level"].astype("Int64") == 0).fillna(False).any()
    assert any("turns of someone who is no case (Carer (1 turn); role other) count for no case, not as P03's words" in note for note in study.meta["inferred"])


def test_a_carer_left_a_participant_still_counts_for_the_case(tmp_path):
    # Without the manifest's word the label is the participant's, as before, and nothing is said.
    study = _carer_study(tmp_path, role="participant")
    done_to = study.codings[study.codings["code_id"].eq("negative.done_to").fillna(False)]
    assert list(coding_cases(study, done_to)["case_id"]) == ["P03"]
    assert qlr.track.matrix(study, cols="theme").panel("W1").loc["P03", "negative"] == 1
    assert not any("no case" in note for note in study.meta.get("inferred", []))


def test_a_carer_read_as_a_participant_beside_the_patient_is_named_in_the_load_notes(tmp_path):
    # Before: nothing said, and the carer's words counted as the patient's without a word.
    study = _carer_study(tmp_path, role=None)
    notes = [note for note in study.meta.get("inferred", []) if "speaks beside" in note]
    assert notes == [
        "P03_W1_interview: Carer (1 turn) speaks beside P03 and is read as a participant: counted as P03's words; if this is "
        "someone else, say so in study.yaml (speakers: {Carer: other})"
    ]
    # Said in study.yaml, either way: no such note.
    assert not any("speaks beside" in note for note in _carer_study(tmp_path / "b", role="participant").meta.get("inferred", []))


def test_no_case_turns_survive_a_save_and_open(tmp_path):
    study = _carer_study(tmp_path)
    study.save(tmp_path / "p.qlr")
    again = qlr.open(tmp_path / "p.qlr")
    before = qlr.track.matrix(study, cols="theme").panel("W1")
    pd.testing.assert_frame_equal(qlr.track.matrix(again, cols="theme").panel("W1"), before)


def test_a_printed_transcripts_page_lines_in_plain_text_are_furniture(tmp_path):
    # Copied from the service's print: "Page n of m" and "CONFIDENTIAL" between pages, inside the turns before.
    pages = NUMBERED[:6] + ["", "Page 1 of 2", "CONFIDENTIAL", ""] + NUMBERED[6:] + ["", "Page 2 of 2", "CONFIDENTIAL"]
    path = write(tmp_path / "P03_W2_interview.txt", "\n".join(HEADER + pages) + "\n")
    source = read_document(path)
    assert source.removed["page headers and footers"] == 4
    assert "Page 1 of 2" not in source.text and "Page 2 of 2" not in source.text
    assert source.removed["line numbers"] == len(NUMBERED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path)
    text = str(study.documents["text"].iloc[0])
    turns = study.segments.dropna(subset=["speaker"])
    assert not any("CONFIDENTIAL" in text[start:end] for start, end in zip(turns["start"], turns["end"]))


def test_a_page_number_in_running_text_is_no_furniture(tmp_path):
    text = "INT: Which page?\nR: Page 1 of 2, the one with the map.\nINT: Thanks.\nR: Page 2 of 2 had nothing.\n"
    source = read_document(write(tmp_path / "a.txt", text))
    assert source.text == text.rstrip("\n") or source.text == text
    assert "page headers and footers" not in source.removed


# ------------------------------------------------------------------ the team's NVivo codes asked for a ladder
def test_a_codebook_without_a_ladder_named_for_the_ladder_is_a_clear_error(tmp_path):
    from qlr.errors import SelectionError

    book = write(tmp_path / "team.yaml", "id: team\nname: Team codes\nthemes:\n  - {id: care, name: Care}\ncodes:\n  - {id: care.asked, name: Asked, parent: care}\n")
    study = qlr.load("data/dev").apply("coproduction")
    study.codebooks["team"] = qlr.codebook.read_codebook(book)
    # Before: AttributeError ('NoneType' object has no attribute 'placement') from deep in the ladder.
    with pytest.raises(SelectionError, match=r"'team' has no ladder.*coproduction.*crosswalk"):
        qlr.track.ladder(study, codebook="team")
    assert len(qlr.track.ladder(study, codebook="coproduction").table)


# ------------------------------------------------------------------ a transcript table with a column of row numbers
_ROWS = [("1", "INT", "How have the visits been since the summer?"), ("2", "P04", "Nobody asked me before they moved the clinic."),
         ("3", "INT", "And the walking group?"), ("4", "P04", "We look out for each other, we ring on Fridays.")]


def test_a_word_transcript_table_with_a_row_number_column_is_read_by_turn(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for row in _ROWS:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    path = tmp_path / "P04_W1_interview.docx"
    document.save(path)
    # Before: "no speaker labels recognised; segmented by paragraph": the table one segment of no one's, questions and all.
    source = read_document(path)
    assert source.removed["row numbers of a transcript table"] == 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(path)
    assert _ids(study) == ["INT", "P04", "INT", "P04"]
    assert list(study.segments["speaker_role"].dropna()) == ["interviewer", "participant", "interviewer", "participant"]
    assert any("left out of the text: 4 row numbers of a transcript table" in note for note in study.meta["inferred"])


def test_a_tab_separated_transcript_with_a_numbered_column_is_read_by_turn(tmp_path):
    text = "No.\tSpeaker\tText\n" + "".join(f"{n}\t{who}\t{words}\n" for n, who, words in _ROWS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(write(tmp_path / "P04_W1_interview.txt", text))
    assert _ids(study) == ["INT", "P04", "INT", "P04"]
    assert str(study.documents["text"].iloc[0]) == text.rstrip("\n") or str(study.documents["text"].iloc[0]) == text


def test_a_table_of_years_is_no_numbered_transcript():
    from qlr.io._readers import _numbered_rows

    assert not _numbered_rows([["2019", "Ann", "Moved in."], ["2020", "Ann", "Moved out."], ["2021", "Bo", "Left."]])
    assert not _numbered_rows([["1", "Ann"], ["2", "Bo"], ["3", "Ann"]])  # two columns: a list, not a transcript
    assert _numbered_rows([["Line", "Speaker", "Text"], ["1", "I", "Well?"], ["5", "R", "Yes."], ["9", "I", "Good."]])
