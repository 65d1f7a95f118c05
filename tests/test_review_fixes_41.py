"""Fixes after the stop-41 review and a new user's trial: small lookalike inputs written here."""

from __future__ import annotations

import yaml

import qlr

from .conftest import write


def _placed(folder):
    """Each file's (case, wave) in the folder's template."""
    return {doc["path"]: (doc["case"], doc["wave"]) for doc in yaml.safe_load(qlr.io.template_for(folder))["documents"]}


def test_three_people_interviewed_monthly_are_three_cases_at_twelve_waves(tmp_path):
    # "Interview 10 - Hana.txt" for three people over twelve months: the numbers run 1 … 12 for each, so they are
    # waves. The rule for two coders' copies (numbers that skip, tests/test_hunt_13.py) had made them 12 cases at W1.
    for person in ("Hana", "Ossian", "Talia"):
        for month in range(1, 13):
            write(tmp_path / f"Interview {month} - {person}.txt", f"Interviewer: How was month {month}?\nInterviewee: Busy with the allotment.\n")
    placed = _placed(tmp_path)
    assert placed["Interview 10 - Ossian.txt"] == ("Ossian", "W10")
    assert {case for case, _ in placed.values()} == {"Hana", "Ossian", "Talia"}
    assert len({wave for _, wave in placed.values()}) == 12


def test_qc_import_hint_reads_sources_named_without_a_kind(tmp_path, capsys):
    # A qc project whose sources are "K07_W1", "K08_W1": the hint's --wave pattern wanted a trailing "_kind" and
    # matched none of them. Now the options it suggests are checked against the names, and importing with them
    # gives each source its case and wave.
    import re
    import warnings

    from qlr.cli import main

    root = tmp_path / "sheet"
    write(root / "study.yaml", "name: sheet\ndocuments:\n  - {path: a.txt, id: K07_W1, kind: interview}\n  - {path: b.txt, id: K08_W2, kind: interview}\n")
    for name in ("a.txt", "b.txt"):
        write(root / name, "Interviewer: Who runs the stall?\nInterviewee: We take turns now.\n")
    project = tmp_path / "qc_export.qdpx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.io.write_qdpx(qlr.load(root, progress=False), project)
    main(["info", str(project)])
    said = capsys.readouterr().err
    options = dict(re.findall(r"--(case|wave) 'pattern:([^']+)'", said))
    assert set(options) == {"case", "wave"}, said
    assert main(["import", str(project), "--case", f"pattern:{options['case']}", "--wave", f"pattern:{options['wave']}", "-o", str(tmp_path / "p.qlr")]) in (0, 3)
    placed = qlr.open(tmp_path / "p.qlr").documents.set_index("doc_id")[["case_id", "wave_id"]]
    assert placed.loc["K08_W2"].tolist() == ["K08", "W2"]


def test_qc_import_hint_gives_no_wave_pattern_the_names_do_not_fit():
    from qlr.cli import _convention_options

    assert _convention_options(["K07_W1", "K08_W2.docx", "K09_W3_interview"]) is not None
    assert _convention_options(["K07_W1", "interview K08"]) is None
