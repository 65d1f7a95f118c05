"""Real files, seventh pass (stop 34): layouts met in files nobody here wrote, each in words of our own."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.errors import NoInterviewerWarning

from .conftest import write


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        return qlr.load(path, progress=False)


def _turns(study):
    text = study.documents["text"].iloc[0]
    return [(row.speaker, row.speaker_role, text[row.start : row.end]) for row in study.segments.itertuples()]


def test_a_joint_voice_of_two_speakers_is_their_turn(tmp_path):
    # Focus-group transcripts label what two people said together with both names
    # ("Derek and Graeme:", "Nicolò / Juri:"): the line was read as the turn before's words.
    path = write(
        tmp_path / "G1_W1_focusgroup.txt",
        "Moderator: Who decides what the group does?\n"
        "Derek: Mostly us now.\nGraeme: Aye, we do the list.\nNicolò: I do the tea rota.\n"
        "Moderator: Does anyone from the centre come?\nDerek: Sometimes.\n"
        "Derek and Graeme: We run it ourselves.\nGraeme: The centre holds the keys.\n"
        "**Nicolò / Graeme:** Yes, the keys.\nNicolò: That's it.\n"
        "Health and Safety: the fire door was checked.\n",
    )
    turns = _turns(_load(path))
    assert ("Derek and Graeme", "participant", "We run it ourselves.") in turns
    assert ("Nicolò / Graeme", "participant", "Yes, the keys.") in turns
    assert ("Derek", "participant", "Sometimes.") in turns and ("Graeme", "participant", "Aye, we do the list.") in turns
    # Names that do not each open turns of their own are no joint voice: a note stays words.
    assert turns[-1] == ("Nicolò", "participant", "That's it.\nHealth and Safety: the fire door was checked.")
    assert len(turns) == 10


def test_one_speaker_and_a_role_word_make_no_joint_voice(tmp_path):
    # "Interviewer and Derek" is not read as a voice: a role word is never one of the names joined.
    path = write(
        tmp_path / "C1_W1_interview.txt",
        "Interviewer: How is it?\nDerek: Good.\nInterviewer: And now?\nDerek: Better.\nInterviewer and Derek: [laugh]\n",
    )
    turns = _turns(_load(path))
    assert [speaker for speaker, _, _ in turns] == ["Interviewer", "Derek", "Interviewer", "Derek"]


def test_markdown_headings_that_declare_roles_are_read_as_a_header(tmp_path):
    # An interview published as Markdown declares who is who in headings, then labels turns by name:
    # the interviewer's questions were a participant's words (and a warning asked for the manifest line).
    path = write(
        tmp_path / "P02_W1_interview.md",
        "### Interviewer: Maria Lewalska\n### Participant: Anna Kowalska\n\n"
        "**Maria Lewalska:** How did the group start?\n\n**Anna Kowalska:** We started it ourselves.\n\n"
        "## Topic: Decisions\n\n"
        "**Maria Lewalska:** Who decides now?\n\n**Anna Kowalska:** We decide together.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", NoInterviewerWarning)
        study = qlr.load(path, progress=False)
    turns = [(str(speaker), str(role), words) for speaker, role, words in _turns(study)]
    assert turns[1:] == [
        ("Maria Lewalska", "interviewer", "How did the group start?"),
        ("Anna Kowalska", "participant", "We started it ourselves."),
        ("<NA>", "<NA>", "## Topic: Decisions"),  # a heading that declares no role is no one's turn
        ("Maria Lewalska", "interviewer", "Who decides now?"),
        ("Anna Kowalska", "participant", "We decide together."),
    ]
    assert "'Maria Lewalska' read as interviewer (Interviewer: Maria Lewalska)" in " ".join(study.meta["inferred"])


def test_a_removed_transcripts_notice_does_not_make_its_case_seen(tmp_path):
    # A deposit keeps a withdrawn interview's place with a notice (a real QDR deposit:
    # "This transcript has been removed from the dataset because … did not consent to data sharing"):
    # it was loaded as a document, so the case counted as interviewed.
    write(tmp_path / "QR05_W1_interview.txt", "Interviewer: How did it start?\nQR05: We set it up ourselves.\n")
    write(tmp_path / "QR06_W1_interview.txt", "QR06_removed\nThis transcript has been removed from the dataset because QR06 did not consent to data sharing. \n")
    write(tmp_path / "QR07_W1_interview.txt", "Interview withdrawn at the participant's request.\n")
    # A field note about a lost recording is a field note.
    write(tmp_path / "QR05_W1_fieldnotes.txt", "Visit 1. The recording file was deleted by the phone, so these are notes from memory: the group meets weekly.\n")
    with pytest.warns(qlr.errors.FilesNotLoadedWarning) as said:  # data left out: exit 3, and -q does not hide it
        study = _load(tmp_path)
    said = [str(w.message) for w in said if "a notice that a transcript was removed" in str(w.message)]
    assert len(said) == 2
    assert said[0].endswith(
        "QR06_W1_interview.txt: a notice that a transcript was removed, not a transcript ('This transcript has been removed from the dataset "
        "because QR06 did not consent to data sharing.'): not loaded as a document; case QR06 is not seen at wave W1"
    )
    assert "(\"Interview withdrawn at the participant's request.\")" in said[1]
    assert sorted(study.documents["doc_id"]) == ["QR05_W1_fieldnotes", "QR05_W1_interview"]
    attrition = study.attrition()
    assert attrition.loc["QR06", "W1"] == "absent" and attrition.loc["QR07", "W1"] == "absent"
    assert attrition.loc["QR05", "W1"] == "present"


def test_version_words_in_a_files_kind_say_nothing_of_its_kind(tmp_path):
    # "Kerrigan_P01_Transcript_deidentified.pdf", "P02_W1_interview_final_v2.txt": the kind was
    # "transcript_deidentified", a kind qlr does not know, so the interviews were cut into paragraphs
    # and the interviewer's questions coded; "final" alone is no kind either.
    for name in ("P01_W1_transcript_deidentified.txt", "P02_W1_interview_final_v2.txt", "P03_W1_final.txt"):
        write(tmp_path / name, "Interviewer: Who runs it?\nParticipant: We do, together.\n")
    study = _load(tmp_path)
    assert sorted(study.documents["kind"]) == ["interview", "interview", "transcript"]
    assert set(study.segments["speaker_role"].dropna()) == {"interviewer", "participant"}


def test_qlr_info_shows_no_role_as_blank_not_nan():
    # A pooled or imported study's cases may have no role as a float NaN: `qlr info` printed "nan".
    import numpy as np
    import pandas as pd

    from qlr.cli import _format_attrition

    study = qlr.Study(
        "s",
        cases=pd.DataFrame({"case_id": ["A", "B"], "role": ["carer", np.nan]}, dtype=object),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
    )
    table = _format_attrition(study)
    assert "nan" not in table and "carer" in table


def test_the_note_of_code_names_given_ids_is_cut_between_names(tmp_path):
    # "… 'Shared decisions' as 'shared_decisi); …": the list was cut at 300 characters, inside an id.
    words = "We share decisions, rota, keys, money, tea, garden, bus, van, hall, cups and plates"
    write(tmp_path / "C1_W1_interview.txt", f"Interviewer: How is it?\nParticipant: {words}.\n")
    names = [f"Shared thing number {n}" for n in range(1, 11)]
    rows = "".join(f"C1_W1_interview,{w.strip(',')},{name},rm\n" for w, name in zip(words.split()[1:], names))
    write(tmp_path / "codings.csv", "doc_id,quote,code_id,coder\n" + rows)
    write(tmp_path / "study.yaml", "documents:\n  - path: C1_W1_interview.txt\ncodings:\n  - path: codings.csv\n")
    study = _load(tmp_path)
    note = next(line for line in study.meta["inferred"] if "code name(s) given ids" in line)
    assert "'Shared thing number 6' as 'shared_thing_number_6' and 4 more)" in note


def test_an_archives_xml_metadata_is_no_document(tmp_path, recwarn):
    # Reading Android's text messages (.xml) made every .xml of a folder a document to load or warn of:
    # a deposit's DDI metadata gave "not named {case}_{wave}_{kind} … were not loaded".
    write(tmp_path / "C01_W1_interview.txt", "Interviewer: How is it?\nC01: Fine.\nInterviewer: And now?\nC01: Good.\n")
    write(tmp_path / "ddi_metadata.xml", '<?xml version="1.0"?><codeBook><stdyDscr/></codeBook>')
    study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["doc_id"]) == ["C01_W1_interview"]
    assert not [w for w in recwarn if "ddi_metadata" in str(w.message)]
