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
    return [(row.speaker if isinstance(row.speaker, str) else None, " ".join(texts[row.seg_id].split())) for row in study.tables["segments"].itertuples()]


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


def _answer(lines: list[str]) -> str:
    """An interview whose respondent's three answers each end in one of ``lines`` (a lower-case word and a colon)."""
    questions = ["How did the first day go?", "And the second?", "And the third?"]
    return "".join(f"Interviewer: {question}\nRespondent: I wrote it down.\n{line}\n" for question, line in zip(questions, lines)) + "Interviewer: Thanks.\n"


def test_lower_case_words_with_a_colon_inside_answers_are_no_speakers(tmp_path):
    # Before: each word below opened three lines and so was a speaker (a handle) with three turns, the lines taken out
    # of the respondent's answers; a word alone ("status: pending") left the answer as a heading no one said.
    for name, lines in [
        ("status", [f"status: we need more chairs, {number}" for number in ("one", "two", "three")]),
        ("mum", [f"mum: are you home yet, {number}" for number in ("one", "two", "three")]),
        ("literally", [f"literally: nobody came, {number}" for number in ("one", "two", "three")]),
        ("short", ["status: pending", "status: approved", "status: closed"]),
    ]:
        study = _load(write(tmp_path / f"{name}.txt", _answer(lines)))
        said = _said(study)
        assert [speaker for speaker, _ in said] == ["Interviewer", "Respondent"] * 3 + ["Interviewer"], name
        assert [words for speaker, words in said if speaker == "Respondent"] == [f"I wrote it down. {line}" for line in lines], name


def test_a_log_or_a_list_pasted_into_an_answer_is_no_speakers(tmp_path):
    # "info:" is no English word, but it only alternates with "error:" inside one answer; "volunteer:" and "shift:"
    # are a list's keys. Before: 'info' 3 and 'error' 3 turns; 'volunteer' 3 and 'shift' 3.
    log = "".join(f"info: upload {n}\nerror: server down {n}\n" for n in ("one", "two", "three"))
    lists = "".join(f"volunteer: {name}\nshift: {shift}\n" for name, shift in [("Ann Lee", "mornings"), ("Bo Chan", "evenings"), ("Cy Diaz", "weekends")])
    for name, pasted in [("log.txt", log), ("list.txt", lists)]:
        text = f"Interviewer: What did it say?\nRespondent: I copied it:\n{pasted}Interviewer: And then?\nRespondent: I gave up.\n"
        study = _load(write(tmp_path / name, text))
        said = _said(study)
        assert [speaker for speaker, _ in said] == ["Interviewer", "Respondent", "Interviewer", "Respondent"], name
        assert said[1][1] == "I copied it: " + " ".join(pasted.split()), name


def test_a_handle_that_talks_back_and_forth_is_still_a_speaker(tmp_path):
    # The pass's case ("roasbeef:" among "Pierre:" turns): a handle that is no English word, and that the host's label
    # both comes before and after, is a speaker; "stark" is an English word and "zed9x" only follows "Ana", never
    # comes before her.
    text = "".join(f"Ana: Question {n}?\nherbwise: Answer {n}.\n" for n in ("one", "two", "three"))
    assert [speaker for speaker, _ in _said(_load(write(tmp_path / "show.txt", text)))] == ["Ana", "herbwise"] * 3
    text = "".join(f"Ana: Question {n}?\nBo: Answer {n}.\nzed9x: More {n}.\nCy: Aside {n}.\n" for n in ("one", "two", "three"))
    assert "zed9x" not in {speaker for speaker, _ in _said(_load(write(tmp_path / "one_way.txt", text)))}


def test_a_narrator_s_bracketed_name_beside_the_plain_one_is_one_speaker(tmp_path):
    # "Elizabeth (Jake) Feinler:" once, "Elizabeth Feinler:" once, then "Feinler:". Before: the two full labels both
    # claimed "Feinler", so it stayed a speaker of its own ('Elizabeth Feinler' 1 turn, 'Feinler' 2, and the first
    # answer under the bracketed label); now one speaker, named without the brackets.
    text = (
        "Weber: How was the first year?\nElizabeth (Jake) Feinler: Hard.\nWeber: What did you do?\n"
        "Elizabeth Feinler: Rang the council.\nWeber: And then?\nFeinler: Nothing.\nWeber: Really?\nFeinler: Yes.\n"
    )
    said = _said(_load(write(tmp_path / "feinler.txt", text)))
    assert said == [
        ("Weber", "How was the first year?"),
        ("Elizabeth Feinler", "Hard."),
        ("Weber", "What did you do?"),
        ("Elizabeth Feinler", "Rang the council."),
        ("Weber", "And then?"),
        ("Elizabeth Feinler", "Nothing."),
        ("Weber", "Really?"),
        ("Elizabeth Feinler", "Yes."),
    ]


def test_a_code_in_brackets_inside_a_name_loses_no_one_s_answers(tmp_path):
    # "Tom (P01) Reed:", "Tom Reed:", "Reed:". Before: no turn was Tom Reed's, his answers read as the interviewer's
    # (main read 'Tom Reed' 2 turns, his first answer inside Ann Lee's).
    text = "Ann Lee: How was the first year?\nTom (P01) Reed: Hard.\nAnn Lee: What did you do?\nTom Reed: Rang the council.\nAnn Lee: And then?\nReed: Nothing.\n"
    study = _load(write(tmp_path / "reed.txt", text))
    assert [words for speaker, words in _said(study) if speaker == "Tom Reed"] == ["Hard.", "Rang the council.", "Nothing."]
    assert [words for speaker, words in _said(study) if speaker == "Ann Lee"] == ["How was the first year?", "What did you do?", "And then?"]
    assert "'Tom (P01) Reed' is read as 'Tom Reed', its full label" in " ".join(study.meta["inferred"])


def test_a_handle_answering_a_host_s_handle_is_a_speaker(tmp_path):
    # A panel whose moderator is "maaku:" too: "andytoshi:" talks back and forth only with that handle and a named
    # panellist, as the MIT expo's panel writes it (3 of andytoshi's turns were kept by the pass, and are here).
    text = (
        "maaku: Welcome.\nJonas: Thanks.\nmaaku: Andrew?\nandytoshi: Crypto work.\nmaaku: Joseph?\nJoseph: Lightning.\n"
        "maaku: More?\nandytoshi: Sidechains.\nmaaku: Jonas?\nJonas: Wallets.\nandytoshi: Agreed.\nJoseph: Same.\n"
    )
    said = _said(_load(write(tmp_path / "panel.txt", text)))
    assert [speaker for speaker, _ in said] == ["maaku", "Jonas", "maaku", "andytoshi", "maaku", "Joseph", "maaku", "andytoshi", "maaku", "Jonas", "andytoshi", "Joseph"]
