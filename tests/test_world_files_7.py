"""Real files, seventh pass (stop 34): layouts met in files nobody here wrote, each in words of our own."""

from __future__ import annotations

import warnings

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
