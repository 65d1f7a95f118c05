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
    with pytest.raises(qlr.errors.InvalidParameterError, match=r"has no ladder, so summary_weight \(--summary-weight\) would weigh nothing"):
        qlr.report.write_report(study, tmp_path / "out", codebook=plain, summary_weight=1, progress=False)


# ---------------------------------------------------------------- 3. a disk cache written under another key
def _under(monkeypatch, home):
    """Run as a user whose cache home is ``home``: their key, nothing in memory."""
    from qlr.code import _matchcache, _rules

    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    _matchcache._key.cache_clear()
    _matchcache._key_id.cache_clear()
    _rules.DOC_CACHE.clear()


def _read_from_disk(study):
    import json

    return json.loads(study.log["detail"].iloc[-1])["read from the disk cache"]


def test_a_cache_written_under_another_key_says_so_and_is_still_not_read(tmp_path, monkeypatch):
    import warnings

    from qlr.code import _matchcache

    folder = tmp_path / "shared-cache"
    study = qlr.load(_report_study(tmp_path / "study"), progress=False)
    try:
        _under(monkeypatch, tmp_path / "home-a")
        first = study.copy().apply("coproduction", cache=folder, progress=False)
        assert _read_from_disk(first) == 0
        _under(monkeypatch, tmp_path / "home-a")  # the same key, a new session: everything read, nothing said
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert _read_from_disk(study.copy().apply("coproduction", cache=folder, progress=False)) > 0
        # Another cache home: another key. Nothing is read (the check holds), and the warning says why.
        _under(monkeypatch, tmp_path / "home-b")
        with pytest.warns(qlr.errors.QlrWarning) as caught:
            other = study.copy().apply("coproduction", cache=folder, progress=False)
        assert _read_from_disk(other) == 0
        assert other.codings[["seg_id", "code_id"]].values.tolist() == first.codings[["seg_id", "code_id"]].values.tolist()
        said = [str(w.message) for w in caught if "another key" in str(w.message)]
        assert len(said) == 1
        texts = len(set(zip(*_entries(folder))))
        assert said[0].startswith(f"{folder}: {texts} of the {texts} texts looked up there have matches cached by a run under another key (1 other key wrote")
        assert str(tmp_path / "home-b" / "qlr" / "key") in said[0] and "the same XDG_CACHE_HOME" in said[0]
        # The run wrote its own entries: under this key the next run reads them, silently.
        _under(monkeypatch, tmp_path / "home-b")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert _read_from_disk(study.copy().apply("coproduction", cache=folder, progress=False)) > 0
    finally:
        _matchcache._key.cache_clear()
        _matchcache._key_id.cache_clear()


def _entries(folder):
    import sqlite3

    with sqlite3.connect(folder / "matches.sqlite") as db:
        rows = db.execute("SELECT DISTINCT pipeline, text FROM texts").fetchall()
    return [pipeline for pipeline, _ in rows], [text for _, text in rows]


# ---------------------------------------------------------------- 4. one message for codings outside the text
def test_transanas_quotes_outside_the_text_are_said_as_every_importers_are(tmp_path):
    from .test_trial19_transana import diary_export, read, spot

    quotes = [
        (1, "Montag", *spot("Montag"), [("Care", "coping")]),
        (2, "weg", 200, 210, [("Care", "coping"), ("Care", "support")]),  # past the end, two keywords: two codings
        (3, "rückwärts", 30, 20, [("Care", "support")]),  # ends before it starts
    ]
    study, said = read(diary_export(tmp_path, quotes, empty=False))
    assert sorted(study.codings["code_id"]) == ["care.coping"]
    assert (
        "diary.tra: 3 coding(s) in 2 selection(s) lie outside their document's text and were not imported: 'P01 diary' (its text "
        "has 55 characters as Transana counts, each picture or other object one): quote 2 ('Q2') at 200–210, quote 3 ('Q3') at "
        "30–20 (ends before it starts). Fix: check those quotes in Transana"
    ) in said


def test_a_codings_tables_offsets_outside_the_text_are_said_as_every_importers_are(tmp_path):
    root = tmp_path / "study"
    write(root / "C1_W1_interview.txt", "Interviewer: Hi?\nAnn: Hello.\n")  # 29 characters
    rows = ["C1_W1_interview,0,3,,x,rm", "C1_W1_interview,20,40,,x,rm", "C1_W1_interview,,,Goodbye,x,rm", "C1_W1_interview,50,60,,y,rm"]
    write(root / "c.csv", "doc_id,start,end,quote,code_id,coder\n" + "\n".join(rows) + "\n")
    write(root / "study.yaml", "name: S\ndocuments: ['*.txt']\ncodings:\n  - {path: c.csv, unplaced: warn}\n")
    with pytest.warns(qlr.errors.RowsRefusedWarning) as caught:
        study = qlr.load(root, progress=False)
    assert study.codings[["start", "end", "code_id"]].values.tolist() == [[0, 3, "x"]]
    said = [str(w.message) for w in caught if "cannot be placed" in str(w.message)]
    assert len(said) == 1
    assert said[0].startswith(f"{root / 'c.csv'}: 3 of 4 codings cannot be placed and are left out (unplaced: warn): row 4: the quote is not in 'C1_W1_interview'")
    assert said[0].endswith(
        "; 2 coding(s) lie outside their document's text and are left out (unplaced: warn): 'C1_W1_interview' (its text has 29 characters): "
        "row 3 at 20–40, row 5 at 50–60. Fix: give each row's start and end as character offsets in its document's text (start below end, "
        "end at most its length; qlr info lists what loading changed in a text), or the passage's words in a quote column instead"
    )


# ---------------------------------------------------------------- 5. (stop 54's leftover) a CSV of a cell nested past the stack
def test_a_csv_of_a_value_nested_past_pythons_stack_is_one_clear_error(tmp_path):
    import pandas as pd

    from qlr._output import write_csv

    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    target = tmp_path / "documents.csv"
    # Before: a bare RecursionError from pandas' writer ("maximum recursion depth exceeded while getting the repr").
    with pytest.raises(qlr.errors.InvalidParameterError, match=r"documents.csv: column 'notes', row 1 holds a value nested more than 100 deep .* nothing was written"):
        write_csv(target, pd.DataFrame({"doc_id": ["P01_W1", "P02_W1"], "notes": [["flat"], deep]}))
    assert not target.exists()
    # A hundred levels are written, as saving keeps them.
    ninety = ["x"]
    for _ in range(99):
        ninety = [ninety]
    write_csv(target, pd.DataFrame({"doc_id": ["P01_W1"], "notes": [ninety]}))
    assert pd.read_csv(target)["notes"].iloc[0].count("[") == 100
