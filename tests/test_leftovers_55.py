"""Leftovers of stop 54, taken in stop 55: one rule for which codings count (a summary's counts nowhere by default),
the ladder's weights on the command line, a disk cache written under another key said so, one message for codings
outside the text."""

from __future__ import annotations

import pytest

import qlr

from .conftest import write
from .test_summary_weight import FIELD_NOTE, INTERVIEW, MANIFEST, SUMMARY


def _summaries(folder):
    write(folder / "study.yaml", MANIFEST)
    for name, text in {"C1_W1_interview.txt": INTERVIEW, "C1_W1_fieldnotes.txt": FIELD_NOTE, "C1_W1_summary.txt": SUMMARY}.items():
        write(folder / name, text)
    return qlr.load(folder, progress=False).apply("coproduction", progress=False)


# ---------------------------------------------------------------- 1. a summary counts nowhere by default
def test_a_summary_counts_in_no_matrix_change_or_network_by_default(tmp_path):
    study = _summaries(tmp_path)
    # The same sentence three times: Ann's answer, the field note, the team's summary restating her answer.
    assert sorted(study.codings.loc[study.codings["code_id"] == "power.shared_decisions", "doc_id"]) == ["C1_W1_fieldnotes", "C1_W1_interview", "C1_W1_summary"]
    cell = lambda m: int(m.tidy.set_index(["case_id", "wave_id", "code_id"]).loc[("C1", "W1", "power.shared_decisions"), "count"])  # noqa: E731
    # As the ladder counts it (the interview and the field note; the summary shown, not counted): 2, not 3.
    assert cell(qlr.track.matrix(study)) == 2
    assert cell(qlr.track.matrix(study, summaries=True)) == 3
    assert qlr.track.ladder(study, facet="delivery").table.iloc[0]["n_evidence"] == 2
    # The one rule, asked directly.
    assert sorted(qlr.evidence.evidence(study)["doc_id"].unique()) == ["C1_W1_fieldnotes", "C1_W1_interview"]
    assert "C1_W1_summary" in set(qlr.evidence.evidence(study, summaries=True)["doc_id"])
    # Quotes and co-occurrence follow it; agreement compares coders and keeps every settled coding.
    assert "C1_W1_summary" not in set(qlr.track.quotes(study)["doc_id"])
    assert "C1_W1_summary" in set(qlr.track.quotes(study, summaries=True)["doc_id"])
    assert "C1_W1_summary" in set(qlr.evidence.settled(study.codings)["doc_id"])
    # Change reads the matrix: with the summary, 3 at W1; without, 2.
    change = qlr.track.change(study).set_index(["case_id", "code_id"])
    assert change.loc[("C1", "power.shared_decisions"), "W1"] == 2
    assert qlr.track.change(study, summaries=True).set_index(["case_id", "code_id"]).loc[("C1", "power.shared_decisions"), "W1"] == 3
    # Co-occurrence counts codings in passages: the summary's is no passage of its own by default.
    frequency = lambda graphs: graphs["W1"].nodes["power.shared_decisions"]["frequency"]  # noqa: E731
    assert (frequency(qlr.net.cooccurrence(study)), frequency(qlr.net.cooccurrence(study, summaries=True))) == (2, 3)


def test_a_codebook_that_counts_summaries_counts_them_everywhere(tmp_path):
    from .test_summary_weight import ROOT

    text = (ROOT / "codebooks" / "coproduction.yaml").read_text(encoding="utf-8")
    book = qlr.Codebook.from_yaml(text.replace("min_evidence: 2}", "min_evidence: 2, summary_weight: 1}"))
    write(tmp_path / "study.yaml", MANIFEST)
    for name, body in {"C1_W1_interview.txt": INTERVIEW, "C1_W1_fieldnotes.txt": FIELD_NOTE, "C1_W1_summary.txt": SUMMARY}.items():
        write(tmp_path / name, body)
    study = qlr.load(tmp_path, progress=False).apply(book, progress=False)
    # The codebook's placement says a summary weighs 1: the ladder counts three passages, and so does the matrix.
    assert qlr.track.ladder(study, facet="delivery").table.iloc[0]["n_evidence"] == 3
    cells = qlr.track.matrix(study).tidy.set_index(["case_id", "wave_id", "code_id"])
    assert cells.loc[("C1", "W1", "power.shared_decisions"), "count"] == 3
    assert qlr.track.matrix(study, summaries=False).tidy.set_index(["case_id", "wave_id", "code_id"]).loc[("C1", "W1", "power.shared_decisions"), "count"] == 2


@pytest.mark.parametrize("value", ["yes", 2, None.__class__])
def test_summaries_must_be_true_or_false(tmp_path, value):
    study = _summaries(tmp_path)
    with pytest.raises(qlr.errors.InvalidParameterError, match="summaries="):
        qlr.track.matrix(study, summaries=value)


# ---------------------------------------------------------------- 2. the ladder's weights on the command line
def _report_study(folder):
    write(folder / "study.yaml", MANIFEST)
    for name, text in {"C1_W1_interview.txt": INTERVIEW, "C1_W1_fieldnotes.txt": FIELD_NOTE, "C1_W1_summary.txt": SUMMARY}.items():
        write(folder / name, text)
    return folder


def test_qlr_report_takes_the_ladders_weights_and_says_them(tmp_path, capsys):
    import pandas as pd

    from qlr.cli import main

    study = _report_study(tmp_path / "study")
    assert main(["report", str(study), "--codebook", "coproduction", "-q", "-o", str(tmp_path / "default")]) == 0
    assert main(["report", str(study), "--codebook", "coproduction", "-q", "--summary-weight", "1", "--prompted-weight", "0.25", "-o", str(tmp_path / "weighed")]) == 0
    default = (tmp_path / "default" / "index.html").read_text(encoding="utf-8")
    weighed = (tmp_path / "weighed" / "index.html").read_text(encoding="utf-8")
    # The method note says the weights used: the defaults, then the ones given.
    assert "echoing the interviewer's question weighs 0.5; a passage of the team's summary of an interview not counted in the placements or the tables" in default
    assert "echoing the interviewer's question weighs 0.25; a passage of the team's summary of an interview weighing 1 and counted in the tables" in weighed
    # The placements: two passages (the interview, the field note), then three with the summary's.
    placements = {name: pd.read_csv(tmp_path / name / "tables" / "placements.csv") for name in ("default", "weighed")}
    delivery = {name: table.loc[table["facet"] == "delivery", "n_evidence"].tolist() for name, table in placements.items()}
    assert delivery == {"default": [2], "weighed": [3]}
    # The tables follow the placements: the matrix's count of the code at C1 × W1 is 2, then 3.
    for name, expected in (("default", 2), ("weighed", 3)):
        counts = pd.read_csv(tmp_path / name / "tables" / "matrix_codes.csv")
        cell = counts[(counts["case_id"] == "C1") & (counts["wave_id"] == "W1") & (counts["code_id"] == "power.shared_decisions")]
        assert cell["count"].tolist() == [expected]


@pytest.mark.parametrize(("option", "given", "said"), [
    ("--summary-weight", "2", "--summary-weight=2.0 is not a number of at least 0 and at most 1"),
    ("--prompted-weight", "-0.5", "--prompted-weight=-0.5 is not a number of at least 0 and at most 1"),
    ("--summary-weight", "half", "--summary-weight 'half' is not a number"),
    ("--prompted-weight", "nan", "--prompted-weight=nan is not a number of at least 0 and at most 1"),
])
def test_a_wrong_weight_on_the_command_line_is_one_clear_error(tmp_path, capsys, option, given, said):
    from qlr.cli import main

    study = _report_study(tmp_path / "study")
    assert main(["report", str(study), "--codebook", "coproduction", option, given, "-o", str(tmp_path / "out")]) == 1
    assert said in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_write_report_refuses_weights_for_a_codebook_without_a_ladder(tmp_path):
    study = qlr.load(_report_study(tmp_path / "study"), progress=False)
    plain = qlr.Codebook.from_yaml("name: Plain\ncodes:\n  - {id: group, name: Group}\n")
    with pytest.raises(qlr.errors.InvalidParameterError, match="has no ladder, so summary_weight would weigh nothing"):
        qlr.report.write_report(study, tmp_path / "out", codebook=plain, summary_weight=1, progress=False)
