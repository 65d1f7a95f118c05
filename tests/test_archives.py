"""Archived qualitative data as other teams deposit it (QDR, ReShare, Dataverse, OSF…).

Lookalike files written for these tests, after the layouts of real deposits: Otter
exports with the name and time on a line, a depositor's name before every file, names
marked "deidentified", and a deposit's data list of files, participants, waves and dates.
"""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.io._segment import segment_document

from .conftest import write


def test_otter_labels_typed_with_one_space_and_one_with_two_are_one_convention() -> None:
    # An exported Otter transcript whose labels lost one of their two spaces, all but the last.
    turns = [
        ("K4", " ", "0:00", "Is the recording on now? I can see a red dot."),
        ("B2", " ", "0:06", "Yes, it is. So, how long have you been on the allotment committee?"),
        ("K4", " ", "0:12", "About four years now, since the old secretary moved away."),
        ("B2", " ", "0:20", "And what do you do there, week to week?"),
        ("K4", " ", "0:25", "Mostly the water rota and the seed swap in March."),
        ("B2", "  ", "0:40", "Lovely, thank you, that is all I had."),
    ]
    text = "\n\n".join(f"{name}{gap}{time}\n{words}" for name, gap, time, words in turns)
    result = segment_document(text, strategy="turns")
    speakers = [s.speaker for s in result.segments]
    assert speakers == ["K4", "B2", "K4", "B2", "K4", "B2"]
    assert text[result.segments[0].start : result.segments[0].end] == "Is the recording on now? I can see a red dot."


def test_a_name_line_with_two_spaces_does_not_vouch_for_someone_else() -> None:
    # The two-space label names a person the one-space lines never name: those lines stay prose.
    text = (
        "Maria  0:00\nWelcome back. Shall we start with the garden?\n\n"
        "Week 2 went fine\nWe planted the beans.\n\n"
        "Week 3 was wet\nNothing grew.\n"
    )
    result = segment_document(text, strategy="turns")
    assert {s.speaker for s in result.segments if s.speaker} == {"Maria"}
