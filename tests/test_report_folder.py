"""Where `qlr report` writes, and what it says once."""

from __future__ import annotations

import pytest

from qlr.cli import main
from qlr.errors import QlrWarning

from .conftest import write


def test_a_codebook_tables_notes_are_said_once_by_the_report(tmp_path, capsys):
    # Names with "::" are read as a code tree, which the reader says in a warning:
    # the report read the file twice (to write it, then to name it in a note) and said it twice.
    table = write(tmp_path / "codebook.csv", "Code,Keywords\nCare::giving,give back; help each other\nCare::receiving,looked after\n")
    assert main(["report", "data/sample", "--codebook", str(table), "--out", str(tmp_path / "report"), "-q"]) == 0
    err = capsys.readouterr().err
    assert err.count("read as a codebook table, with notes") == 1, err


def test_a_report_beside_other_files_says_so(tmp_path, sample_study):
    from qlr.report import write_report

    folder = tmp_path / "thesis"
    write(folder / "chapter3.docx", "not a report")
    (folder / "figures").mkdir()
    with pytest.warns(QlrWarning, match=r"thesis: the report is written beside 2 files and folders qlr did not write \(chapter3.docx, figures\)"):
        write_report(sample_study, folder, codebook="coproduction", progress=False)
    assert (folder / "chapter3.docx").read_text() == "not a report"


def test_a_report_over_an_earlier_report_or_into_a_new_folder_says_nothing(tmp_path, sample_study, recwarn):
    from qlr.report import write_report

    folder = tmp_path / "report"
    write_report(sample_study, folder, codebook="coproduction", progress=False)
    write_report(sample_study, folder, codebook="coproduction", progress=False)
    assert not [w for w in recwarn if "did not write" in str(w.message)]


def test_the_report_counts_themes_as_validate_does():
    # A flat list of codes (a Word-comments or NVivo codebook without parents) was "12 codes in 12 themes"
    # in the report and "0 themes" in `qlr validate`.
    import qlr
    from qlr.report._html import _in_themes

    flat = qlr.Codebook.from_yaml("name: flat\nid: flat\ncodes:\n  - {id: a, name: A}\n  - {id: b, name: B}\n")
    assert _in_themes(flat) == "(no themes: a flat list)"
    assert _in_themes(qlr.read_codebook("coproduction")) == f"in {len(qlr.read_codebook('coproduction').themes)} themes"


def test_agreement_run_inside_the_study_names_the_study_not_dot(monkeypatch, capsys):
    from qlr.cli import main

    from .conftest import ROOT

    monkeypatch.chdir(ROOT / "data" / "sample")
    assert main(["agreement", ".", "--coders", "rm", "so"]) == 0
    out = capsys.readouterr().out
    assert "\n.: " not in out and not out.startswith(".: ")
    assert "Working Carers Eastbrook" in out
