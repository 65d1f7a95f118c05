"""A new user's transcripts (stop 39): diarisation labels in brackets, bracketed pseudonyms, one-off joint voices,
pieces a diarisation left without a speaker. Lookalikes written here, in words of our own."""

from __future__ import annotations

import warnings

import qlr
from qlr.errors import NoInterviewerWarning

from .conftest import write


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        return qlr.load(path, progress=False)


def _turns(study, doc_id=None):
    documents = study.documents.set_index("doc_id")
    rows = study.segments if doc_id is None else study.segments[study.segments["doc_id"] == doc_id]
    return [(row.speaker, row.speaker_role, documents.loc[row.doc_id, "text"][row.start : row.end]) for row in rows.itertuples()]


def test_a_bracketed_pseudonym_before_a_colon_is_the_speaker(tmp_path):
    # An anonymised transcript labels the participant by a pseudonym in brackets ("[Efa]: …") beside "INT:":
    # the turns were "(unlabelled answer)" and kept "[Efa]: " in every quote. Pseudonyms in the words stay words.
    write(
        tmp_path / "H3_W1_interview.txt",
        "Interview with [Efa], transcribed and anonymised.\n\n"
        "INT: Efa, how do you find the garden group?\n\n"
        "[Efa]: Quiet. [Rhodri] asked me to run the stall and I said maybe.\n\n"
        "INT: Would you run it?\n\n"
        "[Efa]: If my sister in [town] helped, yes.\n",
    )
    turns = _turns(_load(tmp_path))
    assert turns[1:] == [
        ("INT", "interviewer", "Efa, how do you find the garden group?"),
        ("Efa", "participant", "Quiet. [Rhodri] asked me to run the stall and I said maybe."),
        ("INT", "interviewer", "Would you run it?"),
        ("Efa", "participant", "If my sister in [town] helped, yes."),
    ]


def test_a_bracketed_name_without_a_colon_is_still_read_only_where_two_take_turns():
    # "[Rhodri] came round" opening a line of an answer is words, as before.
    from qlr.io._segment import segment_turns

    text = "I: Who helps?\nR: Neighbours mostly.\n[Rhodri] came round on Tuesday.\nI: And the council?\nR: No.\n"
    turns = segment_turns(text)
    assert [turn.speaker for turn in turns] == ["I", "R", "I", "R"]
    assert text[turns[1].start : turns[1].end] == "Neighbours mostly.\n[Rhodri] came round on Tuesday."
