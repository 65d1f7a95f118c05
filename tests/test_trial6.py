"""The sixth new user's trial (stop 41): a community energy co-op's study, its findings as tests."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd

import qlr
from qlr.io._segment import header_date

from .conftest import write
from .test_header_dates import _dates, _load

TALK = (
    "\nInterviewer: How did you hear about the co-op?\n\nRespondent: The residents' group told us.\n\n"
    "Interviewer: And since then?\n\nRespondent: I carry the bulbs round the flats.\n"
)


def test_a_title_calling_the_file_a_transcript_dates_it():
    # "Interview transcript" names the document; it is no transcription's date.
    assert header_date("Interview transcript – Priya – Wave 3 – 16 March 2027\n" + TALK) == (
        dt.date(2027, 3, 16),
        "Interview transcript – Priya – Wave 3 – 16 March 2027",
    )
    assert header_date("Transcript of interview with Ola, 2 May 2024\n" + TALK)[0] == dt.date(2024, 5, 2)
    # The transcription's own date still dates nothing.
    for other in ("Transcribed: 3 May 2019 by AB", "Transcription date: 3 May 2019", "Transcript date: 3 May 2019",
                  "Transcript completed 3 May 2019", "Date of transcript: 3 May 2019", "Transcriber: AB, 3 May 2019"):
        assert header_date(other + "\n" + TALK) is None, other


def test_a_one_line_header_of_fields_is_no_turn_and_dates_the_document(tmp_path):
    root = tmp_path / "energy"
    write(root / "G1_W1_interview.txt", "Energy co-op study\nParticipant: Gary (G1)    Wave 1    Date: 18/03/2026    Location: his flat\n" + TALK)
    write(root / "G1_W2_interview.txt", "Participant: Gary\tWave 2\tDate: 22/09/2026\n" + TALK)
    # Another label's fields on the line: a birth date stays no date of the interview.
    write(root / "G2_W1_interview.txt", "Participant: Sal (G2)    DOB: 02/10/1950    Interview date: 19/03/2026\n" + TALK)
    # A participant's first words that are a long sentence stay their turn, as before.
    write(root / "G3_W1_interview.txt", "Participant: We only joined because the roof panels went up on our block last spring, really.\n" + TALK)
    study, said = _load(root)
    assert [str(w.message) for w in said] == []
    first = study.segments.dropna(subset=["speaker"]).groupby("doc_id")["speaker"].first().to_dict()
    assert first == {"G1_W1_interview": "Interviewer", "G1_W2_interview": "Interviewer", "G2_W1_interview": "Interviewer", "G3_W1_interview": "Participant"}
    assert _dates(study) == {
        "G1_W1_interview": dt.date(2026, 3, 18),
        "G1_W2_interview": dt.date(2026, 9, 22),
        "G2_W1_interview": dt.date(2026, 3, 19),
        "G3_W1_interview": None,
    }
    assert not study.segments["speaker"].eq("Participant").groupby(study.segments["doc_id"]).any().drop("G3_W1_interview").any()
    notes = study.meta["inferred"]
    assert any("G1_W1_interview: the header line 'Participant: Gary (G1)    Wave 1    Date: 18/03/2026    Location: his flat'" in n for n in notes)


def _coop(tmp_path, cases):
    """A co-op's interviews at two waves, each answer coded by hand as co-leading (so every case is placed)."""
    root = tmp_path / "coop"
    for case in cases:
        for wave in ("W1", "W2"):
            write(
                root / f"{case}_{wave}_interview.txt",
                "Interviewer: What do you do at the drop-in?\n\nAnn: I run the Thursday session with the officer.\n\n"
                "Interviewer: And the fund?\n\nAnn: I chair the grants panel now.\n",
            )
    study = qlr.load(root, progress=False).apply("coproduction", progress=False)
    for seg in study.segments.query("speaker_role == 'participant'").itertuples():
        study.code(seg.doc_id, seg.start, seg.end, "power.co_leading", coder="hc")
    return study


def test_a_kappa_under_the_threshold_never_reads_as_the_threshold(tmp_path):
    study = _coop(tmp_path, ["A1"])
    rules = study.codings.query("origin == 'rules'")
    code = rules["code_id"].iloc[0]
    checks = pd.DataFrame({"coder": ["hc"], "code_id": [code], "verdict": ["disagrees"], "kappa": [0.6464]})
    flagged = qlr.code.flag_rules(rules[["coding_id"]], study, checks)
    assert set(flagged["rule_check"]) == {"rules disagree with hc (kappa 0.646)"}  # was "(kappa 0.65)"


def test_too_few_cases_to_type_is_said_in_good_english(tmp_path):
    from qlr.report._sequences import trajectory_types_section

    for cases, said in ((["A1"], "Only 1 case is placed at every wave on delivery"), (["A1", "A2"], "Only 2 cases are placed at every wave on delivery")):
        study = _coop(tmp_path / str(len(cases)), cases)
        _, _, page, _ = trajectory_types_section(study, qlr.track.ladder(study, facet="delivery"), figures=tmp_path / "figures")
        assert f"{said}: too few to type (types need 3)" in page


def test_fieldnotes_named_kind_first_are_the_waves_notes_of_no_case(tmp_path):
    root = tmp_path / "coop"
    write(root / "A1_W1_interview.txt", TALK)
    write(root / "A1_W2_interview.txt", TALK)
    write(root / "fieldnotes_W1.md", "# Field notes\n\n## 7 March 2026 – drop-in\nThe volunteers set out the chairs.\n")
    write(root / "notes_P1.txt", "Interviewer: Any notes?\n\nRespondent: None.\n")  # a person's notes stay theirs, as before
    study, _ = _load(root)
    documents = study.documents.set_index("doc_id")
    assert documents.loc["fieldnotes_W1", ["wave_id", "kind"]].tolist() == ["W1", "fieldnotes"]
    assert pd.isna(documents.loc["fieldnotes_W1", "case_id"])  # was case "fieldnotes", its notes an "interview"
    assert "fieldnotes" not in set(study.cases["case_id"])
    assert documents.loc["notes_P1", "case_id"] == "notes"


def test_a_numbered_voice_is_named_for_the_documents_own_entry(tmp_path):
    root = tmp_path / "otter"
    write(root / "A1_W1_interview.txt", "Speaker 1  0:02\nHow did you come to the co-op?\n\nSpeaker 2  0:07\nThrough the drop-in.\n\n"
          "Speaker 1  0:25\nAnd now?\n\nSpeaker 2  0:28\nI translate on Saturdays.\n")
    _, said = _load(root)
    text = " ".join(str(w.message) for w in said)
    assert "Speaker 1 asks most of the questions: add 'speakers: {Speaker 1: interviewer}' to this document's own entry in study.yaml" in text
    assert "to study.yaml;" not in text


def test_a_project_of_no_cases_whose_sources_follow_the_convention_is_told_the_options(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "sheet"
    write(root / "study.yaml", "name: sheet\ndocuments:\n"
          "  - {path: a.txt, id: E01_W1_interview, kind: interview}\n  - {path: b.txt, id: E02_W1_interview, kind: interview}\n")
    write(root / "a.txt", TALK)
    write(root / "b.txt", TALK)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        project = tmp_path / "qc_export.qdpx"
        qlr.io.write_qdpx(qlr.load(root, progress=False), project)
    main(["info", str(project)])
    said = capsys.readouterr().err
    assert "has no cases" in said
    assert "its sources are named {case}_{wave} (as E01_W1_interview): import again with --case 'pattern:^(?P<case>[^_]+)_' --wave 'pattern:^[^_]+_(?P<wave>[^_.]+)'" in said
    assert main(["import", str(project), "--case", "pattern:^(?P<case>[^_]+)_", "--wave", "pattern:^[^_]+_(?P<wave>[^_.]+)", "-o", str(tmp_path / "p.qlr")]) in (0, 3)
    assert sorted(qlr.open(tmp_path / "p.qlr").documents["case_id"]) == ["E01", "E02"]
