"""Speaker labels as real transcripts write them, and who asks the questions."""

from __future__ import annotations

import pytest

import qlr
from qlr.io._segment import role_word, speaker_labels

from .conftest import shared_fixture, write

CONVENTIONS = {
    "numbered": ("Interviewer 1: How did it start?\nInterviewee: With a leaflet.\nInterviewer 2: And then?\nInterviewee: I joined.\n", {"Interviewer 1", "Interviewer 2"}),
    "glued": ("Interviewer1 : How did it start?\nRespondent1 : With a leaflet.\nInterviewer1 : And then?\nRespondent1 : I joined.\n", {"Interviewer1"}),
    "short": ("INT2: How did it start?\nRESP: With a leaflet.\nINT2: And then?\nRESP: I joined.\n", {"INT2"}),
    "lower": ("interviewer: how did it start?\ninterviewee: with a leaflet.\ninterviewer: and then?\ninterviewee: i joined.\n", {"interviewer"}),
    "moderator": ("Moderator: How did it start?\nKerry: With a leaflet.\nJade: Same.\nModerator: And then?\nKerry: I joined.\n", {"Moderator"}),
    "facilitator": ("Facilitator: How did it start?\nRespondent: With a leaflet.\nFacilitator: And then?\nRespondent: I joined.\n", {"Facilitator"}),
    "q_and_a": ("Q: How did it start?\nA: With a leaflet.\nQ: And then?\nA: I joined.\n", {"Q"}),
}


@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_every_interviewer_line_is_the_interviewer(tmp_path, name):
    text, interviewers = CONVENTIONS[name]
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    turns = study.segments[study.segments["speaker"].notna()]
    asked = turns[turns["speaker"].isin(interviewers)]
    assert len(asked) == text.count("?") and (asked["speaker_role"] == "interviewer").all()
    assert (turns.loc[~turns["speaker"].isin(interviewers), "speaker_role"] == "participant").all()
    assert len(turns) == text.count("\n")


def test_role_word_drops_numbers_and_case():
    assert [role_word(x) for x in ["Interviewer 2", "INT2", "Interviewer1", "Respondent 3", "Dan"]] == ["interviewer", "int", "interviewer", "respondent", "dan"]


def test_no_rule_coding_lands_on_an_interviewer_turn(tmp_path):
    text = "Interviewer 1: Do you help each other out?\nInterviewee: We do, yes.\nInterviewer 2: Do you help each other with forms?\nInterviewee: Not really.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False).apply("coproduction", progress=False)
    roles = study.segments.set_index("seg_id")["speaker_role"]
    assert not (roles.reindex(study.codings["seg_id"]) == "interviewer").any()


def test_a_named_interviewer_is_suggested_not_applied(tmp_path):
    text = "Dan: How did it go?\nAnn: Fine.\nDan: Okay. And the group?\nAnn: We run it now.\nDan: Who decides?\nAnn: We do.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["Dan", "role"] == "participant", "a suggestion is never applied"
    assert table.loc["Dan", "suggestion"] == "speakers: {Dan: interviewer}"
    assert (table.loc["Dan", "turns"], table.loc["Dan", "questions"]) == (3, 3)
    assert table.loc["Ann", "suggestion"] is None


def test_manifest_speakers_decide_and_say_so(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "name: S\nspeakers: {Dan: interviewer}\ndocuments:\n  - path: '*.txt'\n")
    write(root / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And then?\nAnn: Good.\n")
    table = speaker_labels(qlr.load(root, progress=False)).set_index("speaker")
    assert (table.loc["Dan", "role"], table.loc["Dan", "decided_by"]) == ("interviewer", "manifest")
    assert table["suggestion"].isna().all()


@pytest.mark.parametrize("name", ["P1.pdf", "P2.pdf", "P3.pdf"])
def test_real_pdf_names_who_asks(name):
    study = qlr.load(shared_fixture(f"fixtures/real/pdf/{name}"), progress=False)
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["Dan", "suggestion"] == "speakers: {Dan: interviewer}"
    assert table.loc["Participant", "decided_by"] == "label"


def test_validation_study_interviewers_are_read_as_interviewers():
    study = qlr.load("data/validation", progress=False)
    turns = study.segments[study.segments["speaker"].notna() & (study.segments["speaker_role"] != "observer")]
    text = dict(zip(study.documents["doc_id"], study.documents["text"]))
    # Every turn whose label names the interviewer's role (or the manifest's interviewers) is the interviewer's.
    asked = turns[turns["speaker"].str.lower().map(role_word).isin(["interviewer", "int", "i", "q", "moderator", "dan", "nia", "dw"])]
    share = (asked["speaker_role"] == "interviewer").mean()
    assert share >= 0.99 and len(asked) > 200
    assert set(text)  # documents were read


def test_command_line_lists_labels_and_warns_even_when_quiet(tmp_path, capsys):
    from qlr.cli import main

    path = write(tmp_path / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And the group?\nAnn: We run it.\n")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "ok  speaker Dan: participant, 2 turns, 1 documents, default" in captured.out
    assert "C1_W1_interview: no turn is read as the interviewer's; Dan asks most of the questions: add 'speakers: {Dan: interviewer}'" in captured.err
    assert main(["info", str(path), "-q"]) == 0
    assert "Dan asks most of the questions" in capsys.readouterr().err


def test_a_transcript_without_labels_is_reported(tmp_path, capsys):
    from qlr.cli import main

    path = write(tmp_path / "C1_W1_interview.txt", "How did it go? Fine, really.\n\nAnd the group? We run it now.\n")
    assert main(["validate", str(path), "-q"]) == 0
    assert "most of the text has no speaker label" in capsys.readouterr().err


def test_template_for_unconventional_names_is_a_manifest_that_loads(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "odd"
    write(root / "interview with ann.txt", "Interviewer: Hi?\nAnn: Hello.\n")
    write(root / "bob second visit.txt", "Dan: Hi?\nBob: Hello.\nDan: And then?\nBob: Fine.\n")
    assert main(["info", str(root), "--template"]) == 0
    write(root / "study.yaml", capsys.readouterr().out)
    study = qlr.load(root, progress=False)
    assert sorted(study.cases["label"]) == ["bob second visit", "interview with ann"]
    assert len(study.documents) == 2


def test_template_lists_the_speakers_with_their_roles(tmp_path):
    path = write(tmp_path / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And then?\nAnn: Good.\n")
    text = qlr.io.manifest_template(qlr.load(path, progress=False))
    assert "speakers:\n  Dan: interviewer\n  Ann: participant\n" in text
