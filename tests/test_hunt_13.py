"""Real files, thirteenth pass: lookalikes of layouts found in published transcripts (stop 41)."""

from __future__ import annotations

import warnings

import qlr

from .conftest import write


def _turns(study):
    """The study's segments as (speaker, role, words), unlabelled ones as "-"."""
    whole = dict(zip(study.documents["doc_id"], study.documents["text"]))
    segments = study.segments[["doc_id", "start", "end", "speaker", "speaker_role"]].astype({"speaker": object, "speaker_role": object}).fillna("-")
    return [(str(row.speaker), str(row.speaker_role), whole[row.doc_id][row.start : row.end]) for row in segments.itertuples()]


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


# A coding tool's print of a transcript (Delve): the role alone on its line, in lower case, over each paragraph,
# so that one speaker's answer of several paragraphs is a run of the same label.
_ROLE_LINES = (
    "Session 4 - AB\n"
    "interviewer\n"
    "Shall we start? Tell me about the pipeline you look after.\n"
    "interviewee\n"
    "Sure. We pull sensor readings every hour and clean them.\n"
    "interviewee\n"
    "Then a model ranks the alerts for the night shift.\n"
    "interviewee\n"
    "Most of the trouble comes from the readings, not the model.\n"
    "interviewee\n"
    "Does that answer it?\n"
    "interviewer\n"
    "It does. What kind of trouble?\n"
    "interviewee\n"
    "Gaps, mostly. A sensor goes quiet and nobody notices for a week.\n"
    "interviewee\n"
    "And units that change without warning.\n"
    "interviewee\n"
    "Last spring half the readings came in Fahrenheit.\n"
    "interviewee\n"
    "We only saw it when the alerts doubled.\n"
    "interviewer\n"
    "How do you catch those now?\n"
    "interviewee\n"
    "By hand, when a chart looks odd.\n"
    "interviewee\n"
    "Which is not often enough.\n"
)


def test_role_words_alone_on_lines_label_runs_of_paragraphs(tmp_path):
    # The tool's print of 34 pages had no speaker at all: the role lines were taken for a list's repeated items,
    # as one speaker follows himself more often than not. Two role words and nothing else name the speakers.
    study = _load(write(tmp_path / "S4_W1_interview.txt", _ROLE_LINES))
    turns = _turns(study)
    asker, answer = ("interviewer", "interviewer"), ("interviewee", "participant")
    assert [t[:2] for t in turns if t[0] != "-"] == [asker, *[answer] * 4, asker, *[answer] * 4, asker, *[answer] * 2]
    assert ("interviewee", "participant", "Then a model ranks the alerts for the night shift.") in turns
    # A typed label inside one paragraph ("Interviewee: No.", as the tool kept a line of the original) leaves the
    # role lines the transcript's labels: it had voided them all, one label against 14.
    typed = _ROLE_LINES.replace("It does. What kind of trouble?\n", "Any questions so far?\ninterviewee: No.\ninterviewer\nWhat kind of trouble?\n")
    turns = _turns(_load(write(tmp_path / "typed" / "S4_W1_interview.txt", typed)))
    assert ("interviewee", "participant", "No.") in turns and ("interviewer", "interviewer", "What kind of trouble?") in turns
    # One role word over list items, repeated, is still no speaker: "participant" is no conversation.
    listed = "Roles\nparticipant\nJoins the group on Tuesdays.\nparticipant\nBrings a friend.\nparticipant\nLeaves early?\n"
    plain = _load(write(tmp_path / "list" / "R1_W1_notes.txt", listed))
    assert all(speaker == "-" for speaker, _, _ in _turns(plain))
