"""A review of "Leftovers of stop 54" (stop 55): what the second engineer found and fixed."""

from __future__ import annotations

import pytest

import qlr

from .test_leftovers_55 import _summaries


# ---------------------------------------------------------------- summaries= is checked as every other boolean is
@pytest.mark.parametrize("value", [1, 0, "no", 1.0])
def test_summaries_takes_only_true_or_false_like_every_boolean_option(tmp_path, value):
    study = _summaries(tmp_path)
    # Before: check_choice accepted 1 and 0 (1 == True), and evidence() read "no" as true (kept the summary's codings).
    for call in (
        lambda: qlr.track.matrix(study, summaries=value),
        lambda: qlr.track.quotes(study, summaries=value),
        lambda: qlr.evidence.evidence(study, summaries=value),
    ):
        with pytest.raises(qlr.errors.InvalidParameterError, match=r"summaries=.* is not True or False"):
            call()


def test_summaries_takes_numpy_booleans(tmp_path):
    import numpy as np

    study = _summaries(tmp_path)
    assert "C1_W1_summary" in set(qlr.evidence.evidence(study, summaries=np.bool_(True))["doc_id"])
    assert "C1_W1_summary" not in set(qlr.evidence.evidence(study, summaries=np.bool_(False))["doc_id"])


# ---------------------------------------------------------------- write_excel: a nested cell, shallow or past the stack
def test_a_workbook_of_a_value_nested_past_pythons_stack_is_one_clear_error(tmp_path):
    import pandas as pd

    from qlr._output import write_excel

    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    target = tmp_path / "tables.xlsx"
    # Before: a ValueError with no message from openpyxl, after the workbook was begun.
    with pytest.raises(
        qlr.errors.InvalidParameterError,
        match=r"tables.xlsx: sheet 'documents', column 'notes', row 1 holds a value nested more than 100 deep .* as Excel; nothing was written",
    ):
        write_excel(target, [("codes", pd.DataFrame({"n": [1]}), False), ("documents", pd.DataFrame({"doc_id": ["P01_W1", "P02_W1"], "notes": [["flat"], deep]}), False)])
    assert not target.exists()


def test_a_workbooks_list_or_mapping_cell_is_written_as_its_text_as_the_csv_has_it(tmp_path):
    import pandas as pd

    from qlr._output import csv_text, write_excel

    frame = pd.DataFrame({"doc_id": ["P01_W1", "P02_W1"], "tags": [["carer", "W1"], {"site": "north"}]})
    # Before: openpyxl refused the list with an empty ValueError and no workbook was written.
    write_excel(tmp_path / "t.xlsx", [("documents", frame, False)])
    assert pd.read_excel(tmp_path / "t.xlsx").values.tolist() == [["P01_W1", "['carer', 'W1']"], ["P02_W1", "{'site': 'north'}"]]
    assert "\"['carer', 'W1']\"" in csv_text(frame)  # the same text the CSV holds


def test_check_bool_takes_numpy_2s_boolean_as_its_docstring_says():
    import numpy as np

    from qlr._check import check_bool

    # Before: NumPy 2 names its boolean type "bool", not "bool_": np.True_ was refused as "not True or False".
    assert (check_bool("paired", np.True_), check_bool("paired", np.False_)) == (True, False)
    with pytest.raises(qlr.errors.InvalidParameterError, match=r"paired=np.int64\(1\) is not True or False"):
        check_bool("paired", np.int64(1))


# ---------------------------------------------------------------- the report's matrices say what they leave out
def test_the_reports_matrices_say_the_summaries_codings_are_not_counted(tmp_path):
    import re

    from .test_leftovers_55 import _report_study

    folder = _report_study(tmp_path / "study")
    study = qlr.load(folder, progress=False).apply("coproduction", progress=False)
    in_summary = int((qlr.evidence.evidence(study, summaries=True)["doc_id"] == "C1_W1_summary").sum())
    assert in_summary >= 1
    qlr.report.write_report(study, tmp_path / "default", codebook="coproduction", progress=False)
    qlr.report.write_report(study, tmp_path / "weighed", codebook="coproduction", summary_weight=1, progress=False)
    default = (tmp_path / "default" / "index.html").read_text(encoding="utf-8")
    weighed = (tmp_path / "weighed" / "index.html").read_text(encoding="utf-8")
    # Before: the matrices said nothing of the summary's codings they left out (only the ladder's trail said it).
    said = re.search(r"<b>(\d+) codings? in the team's summaries of interviews (?:is|are) not counted</b> in these tables", default)
    assert said is not None and int(said.group(1)) == in_summary
    assert "qlr report --summary-weight 1</code>" in default
    counted = f"{in_summary} coding{'s' if in_summary > 1 else ''} in the team's summaries of interviews {'are' if in_summary > 1 else 'is'} counted in full in these tables"
    assert counted in weighed and "the placements weigh each as much as any other passage (summary_weight 1)" in weighed
    # At a weight between 0 and 1 the tables still count each coding once (counts, not weights): the note says so.
    qlr.report.write_report(study, tmp_path / "half", codebook="coproduction", summary_weight=0.5, progress=False)
    half = (tmp_path / "half" / "index.html").read_text(encoding="utf-8")
    assert counted in half and "the placements weigh each 0.5 of a passage (summary_weight 0.5)" in half


def test_a_weight_for_a_codebook_without_a_ladder_is_refused_by_its_option_name(tmp_path, capsys):
    from qlr.cli import main

    from .conftest import write
    from .test_leftovers_55 import _report_study

    folder = _report_study(tmp_path / "study")
    write(tmp_path / "plain.yaml", "name: Plain\ncodes:\n  - {id: group, name: Group}\n")
    # Refused even at the default's value (0.5): taken, it would weigh nothing and the user would believe it had.
    assert main(["report", str(folder), "--codebook", str(tmp_path / "plain.yaml"), "--prompted-weight", "0.5", "-q", "-o", str(tmp_path / "out")]) == 1
    assert "codebook 'plain' has no ladder, so prompted_weight (--prompted-weight) would weigh nothing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- qlr code's summary counts as the analyses do
def test_qlr_codes_evidence_count_leaves_the_summaries_codings_out_as_the_matrices_do(tmp_path, capsys):
    import re

    from qlr.cli import main

    from .test_leftovers_55 import _report_study

    folder = _report_study(tmp_path / "study")
    assert main(["code", str(folder), "--codebook", "coproduction", "-o", str(tmp_path / "s.qlr")]) == 0
    said = capsys.readouterr().out
    study = qlr.open(tmp_path / "s.qlr")
    counted = qlr.evidence.evidence(study)
    in_summary = int((qlr.evidence.evidence(study, summaries=True)["doc_id"] == "C1_W1_summary").sum())
    # Before: "N of them evidence" counted the summary's codings the matrices leave out.
    assert re.search(rf", {len(counted)} of them evidence \(\d+ discounted: .*; {in_summary} in the team's summaries of interviews, not counted", said)
    assert qlr.track.matrix(study).tidy["count"].sum() == len(counted)


# ---------------------------------------------------------------- the cache's writer rows: no warning where none is due
def test_a_cache_an_older_qlr_wrote_warns_nothing_under_any_key(tmp_path, monkeypatch):
    import sqlite3
    import warnings

    from qlr.code import _matchcache

    from .test_leftovers_55 import _read_from_disk, _report_study, _under

    folder = tmp_path / "cache"
    study = qlr.load(_report_study(tmp_path / "study"), progress=False)
    try:
        _under(monkeypatch, tmp_path / "home-a")
        study.copy().apply("coproduction", cache=folder, progress=False)
        with sqlite3.connect(folder / "matches.sqlite") as db:  # as a qlr before stop 55 left it: no writer rows
            assert db.execute("DELETE FROM meta WHERE key LIKE 'writer:%'").rowcount == 1
        db.close()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            _under(monkeypatch, tmp_path / "home-a")  # its own key: every entry read, nothing said
            assert _read_from_disk(study.copy().apply("coproduction", cache=folder, progress=False)) > 0
            # Another key: nothing read (the check holds) and nothing said, since no row says who wrote them.
            _under(monkeypatch, tmp_path / "home-b")
            assert _read_from_disk(study.copy().apply("coproduction", cache=folder, progress=False)) == 0
    finally:
        _matchcache._key.cache_clear()
        _matchcache._key_id.cache_clear()
