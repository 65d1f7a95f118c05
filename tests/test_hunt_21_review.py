"""Real files, twenty-first pass (stop 49), after review: transcripts the pass's reading made worse, read as before.

A page's number set on the same line as someone's words, lower-case words with a colon inside an answer, and a
narrator's name with a bracketed name in it beside the same name without: every file here is written by the test,
with words of our own.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import qlr

from .conftest import write


def _load(path: Path) -> qlr.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


def _said(study: qlr.Study) -> list[tuple[str | None, str]]:
    texts = study.segment_texts()
    return [(row.speaker, " ".join(texts[row.seg_id].split())) for row in study.tables["segments"].itertuples()]


_FOOTED = (
    "Interviewer: Can you tell me about the flat?\nRespondent: It was damp and cold all winter.\n"
    "Interviewer: What did you do?\nRespondent: I rang the council and they sent someone round.        Page 1 of 2\n"
    "Interviewer: And then?\nRespondent: Nothing happened for months.      Page 2 of 2\n"
)


def test_words_beside_a_page_number_stay_and_only_the_number_is_cut(tmp_path):
    # Before: each line holding "Page n of 2" was taken for a page's running line and left out whole, the
    # respondent's answer with it (2 of her 3 turns gone).
    study = _load(write(tmp_path / "flat.txt", _FOOTED))
    assert [words for speaker, words in _said(study) if speaker == "Respondent"] == [
        "It was damp and cold all winter.",
        "I rang the council and they sent someone round.",
        "Nothing happened for months.",
    ]
    assert "left out of the text: 2 page numbers set beside a line's words" in " ".join(study.meta["inferred"])


def test_a_question_after_a_page_number_on_its_line_is_asked(tmp_path):
    # "Page 2 of 3        Interviewer: And then?": before, the question and its label were cut with the number, and
    # the answer after it read as the respondent's turn before.
    text = (
        "Page 1 of 3        Interviewer: Can you tell me about the flat?\nRespondent: It was damp.\n"
        "Page 2 of 3        Interviewer: And then?\nRespondent: Nothing happened.\n"
        "Page 3 of 3        Interviewer: Thanks.\nRespondent: You are welcome.\n"
    )
    assert _said(_load(write(tmp_path / "flat.txt", text))) == [
        ("Interviewer", "Can you tell me about the flat?"),
        ("Respondent", "It was damp."),
        ("Interviewer", "And then?"),
        ("Respondent", "Nothing happened."),
        ("Interviewer", "Thanks."),
        ("Respondent", "You are welcome."),
    ]
