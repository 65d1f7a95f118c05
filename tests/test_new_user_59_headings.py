"""A new user's check of stop 59's merged branch: guide headings between turns, a brat folder in a study folder.

An interview guide's numbered question kept in a transcript by its topic ("Question 3: Give and take", "Pregunta 2:
Cuidados") and a "Q&A" heading over the interview's own question-and-answer turns were read as the last words of
the answer above them, and coded as the participant's; the text files of a brat collection inside a study folder
were said to be misnamed transcripts ("rename them"); and ``qlr.load`` of a brat ``.ann`` file told the user to
convert it where ``qlr.open`` told them to import the brat folder. Every text is written here.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import DocumentFormatError, FilesNotLoadedWarning, ProjectFileError
from qlr.io._segment import segment_document

from .test_hunt_27 import _load


def _read(text):
    """(speaker, role, words) of each segment, and the reading's note."""
    found = segment_document(text, strategy="turns")
    return [(s.speaker, role, text[s.start : s.end]) for s, role in zip(found.segments, found.roles)], found.note or ""


# 1. A guide's numbered question, or a "Q&A" heading, between turns: no one's words.


@pytest.mark.parametrize(
    "heading, gap",
    [
        ("Question 3: Give and take", "\n\n"),
        ("Question 3: Give and take", "\n"),
        ("QUESTION 4 - Money", "\n\n"),
        ("## Question 2", "\n\n"),
        ("Frage 2: Pflege", "\n"),
        ("Q&A", "\n\n"),
        ("Questions and answers", "\n\n"),
    ],
)
def test_a_guides_heading_between_turns_is_no_ones(heading, gap):
    text = f"I: How is work?\nR: Fine. I do mornings.{gap}{heading}{gap}I: Who helps you?\nR: My sister.\nI: Often?\nR: Weekly.\n"
    read, note = _read(text)
    assert read == [
        ("I", "interviewer", "How is work?"), ("R", "participant", "Fine. I do mornings."),
        (None, None, heading),
        ("I", "interviewer", "Who helps you?"), ("R", "participant", "My sister."),
        ("I", "interviewer", "Often?"), ("R", "participant", "Weekly."),
    ]
    assert f"1 line(s) of an interview guide's sections read as headings between turns, nobody's words: {heading!r}" in note


def test_a_spanish_guides_question_between_e_and_p_turns_is_no_ones():
    text = "E: ¿Cómo va el trabajo?\nP: Bien, por las mañanas.\nPregunta 2: Cuidados\nE: ¿A quién cuida?\nP: A mi madre.\n"
    read, _ = _read(text)
    assert [words for _, _, words in read] == ["¿Cómo va el trabajo?", "Bien, por las mañanas.", "Pregunta 2: Cuidados", "¿A quién cuida?", "A mi madre."]
    assert read[2][:2] == (None, None)


def test_a_q_and_a_heading_over_the_interviews_own_q_and_a_turns_is_no_ones():
    text = (
        "Interviewer: How did the club start?\nLena: After the flood.\nInterviewer: And now?\nLena: We run it with the council.\n\n"
        "Q&A\n\nQ: Who pays for it?\nA: A grant, but I decide how to spend it.\nQ: Are you paid?\nA: No, I do it for the street.\n"
    )
    read, _ = _read(text)
    assert read[3] == ("Lena", "participant", "We run it with the council.")
    assert read[4] == (None, None, "Q&A")
    assert [speaker for speaker, _, _ in read[5:]] == ["Q", "A", "Q", "A"]


@pytest.mark.parametrize(
    "line",
    [
        "Question 3: how often did you go?",  # a question asked, its mark at the end
        "Question 3: nobody asked me that.",  # a sentence
        "Q&A was the part I liked",  # words about it, not a heading
    ],
)
def test_a_question_asked_or_an_answers_line_stays_someones_words(line):
    text = f"I: Which part?\nR: The second.\n{line}\nI: Right.\nR: Yes.\n"
    read, note = _read(text)
    assert read[1] == ("R", "participant", f"The second.\n{line}") and "interview guide" not in note


def test_a_numbered_question_right_before_its_answer_is_not_a_heading():
    text = "I: Hello.\nR: Hello.\nQuestion 2: Describe the place\nA: Small and warm.\nI: Thanks.\nR: Bye.\n"
    _, note = _read(text)
    assert "interview guide" not in note


def test_the_heading_is_its_own_segment_of_no_one_said_in_the_load_notes(tmp_path):
    text = "Interviewer: How is work?\nParticipant: Fine. I do mornings.\n\nQuestion 3: Give and take\n\nInterviewer: Who helps?\nParticipant: My sister.\n"
    study = _load(tmp_path, "P01_W1_interview.txt", text)
    words = study.documents["text"].iloc[0]
    segments = study.segments
    said = [words[s.start : s.end] for s in segments.itertuples()]
    assert "Fine. I do mornings." in said and "Question 3: Give and take" in said
    heading = segments[[w == "Question 3: Give and take" for w in said]].iloc[0]
    assert pd.isna(heading["speaker"]) and pd.isna(heading["speaker_role"])
    assert any("read as headings between turns, nobody's words: 'Question 3: Give and take'" in note for note in study.meta["inferred"])


# 3. One advice for a brat .ann, from qlr.load and qlr.open alike.


def test_load_and_open_of_a_brat_ann_give_the_same_advice_naming_the_collection(tmp_path):
    collection = tmp_path / "coded"
    (collection / "P01").mkdir(parents=True)
    (collection / "annotation.conf").write_text("[entities]\nCare\n[relations]\n[events]\n[attributes]\n", encoding="utf-8")
    (collection / "P01" / "W1.txt").write_text("I: Who helps?\nR: My sister.\n", encoding="utf-8")
    ann = collection / "P01" / "W1.ann"
    ann.write_text("T1\tCare 17 26\tMy sister\n", encoding="utf-8")
    fix = f"Fix: import the brat collection's folder: qlr import {collection.as_posix()} -o study.qlr (or qlr.io.read_brat in Python)"
    with pytest.raises(DocumentFormatError) as loading:
        qlr.load(ann, progress=False)
    with pytest.raises(ProjectFileError) as opening:
        qlr.open(ann)
    for error in (loading.value, opening.value):
        assert "brat's standoff annotations (.ann) of the .txt beside it" in str(error) and fix in str(error)
    assert "convert it" not in str(loading.value)


# 2. A brat collection kept in a study folder: its .txt files are the collection's, not misnamed transcripts.


def _study_with_brat(root):
    (root / "brat" / "P01").mkdir(parents=True)
    (root / "brat" / "annotation.conf").write_text("[entities]\nCare\n[relations]\n[events]\n[attributes]\n", encoding="utf-8")
    for case in ("P01", "P02"):
        (root / f"{case}_W1_interview.txt").write_text("Interviewer: Who helps?\nParticipant: My sister.\nInterviewer: Often?\nParticipant: Weekly.\n", encoding="utf-8")
    (root / "brat" / "P01" / "W1.txt").write_text("I: Who helps?\nR: My sister.\n", encoding="utf-8")
    (root / "brat" / "P01" / "W1.ann").write_text("T1\tCare 17 26\tMy sister\n", encoding="utf-8")
    (root / "brat" / "P01" / "W2.txt").write_text("I: And now?\nR: Nobody.\n", encoding="utf-8")
    (root / "brat" / "P01" / "W2.ann").write_text("", encoding="utf-8")  # a text no one coded: its .ann empty
    return root


@pytest.mark.parametrize("manifest", [False, True])
def test_a_brat_collections_texts_in_a_study_folder_are_named_as_its_not_misnamed(tmp_path, manifest):
    root = _study_with_brat(tmp_path / "st")
    if manifest:
        (root / "study.yaml").write_text("documents:\n  - path: '*_interview.txt'\n", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    assert sorted(study.documents["doc_id"]) == ["P01_W1_interview", "P02_W1_interview"]
    said = [str(w.message) for w in caught]
    assert not [w for w in caught if issubclass(w.category, FilesNotLoadedWarning)], said
    assert not any("rename them" in message or "brat/P01/W1.txt" in message for message in said)
    notes = " ".join(study.meta["inferred"])
    assert (
        "2 brat annotation file(s) (.ann, standoff codings of the .txt beside each) and the 2 .txt file(s) they annotate, "
        f"a brat collection's, not read with the folder: brat/P01/W1.ann, brat/P01/W2.ann; bring the collection (its texts "
        f"and codings) in with `qlr import {(root / 'brat').as_posix()} -o study.qlr`"
    ) in notes


def test_qlr_info_of_a_study_folder_with_a_brat_collection_exits_0(tmp_path, capsys):
    # The collection is named with its import command, nothing is lost silently: no "data left out" (status 3).
    root = _study_with_brat(tmp_path / "st")
    assert main(["info", str(root)]) == 0
    err = capsys.readouterr().err
    assert f"qlr import {(root / 'brat').as_posix()} -o study.qlr" in err and "rename them" not in err


def test_a_txt_beside_no_ann_in_a_study_folder_with_brat_is_still_misnamed(tmp_path):
    root = _study_with_brat(tmp_path / "st")
    (root / "brat" / "P01" / "memo.txt").write_text("Things to ask next time.\n", encoding="utf-8")
    with pytest.warns(FilesNotLoadedWarning, match=r"1 file\(s\) not named \{case\}_\{wave\}_\{kind\} were not loaded: brat/P01/memo.txt\. Fix: rename"):
        qlr.load(root, progress=False)
