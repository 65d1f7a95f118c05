"""A new user's findings (session nu-37): dates, waves, hints, ``python -m qlr``, import options, verdicts, agreement output."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.codebook import read_crosswalk
from qlr.errors import CodebookError, ManifestError, QlrWarning

from .conftest import write

TURNS = "Interviewer: How was it?\nAsha: We planned the rota together.\n"


def _study(tmp_path, manifest, files=None):
    root = tmp_path / "study"
    write(root / "study.yaml", manifest)
    for name, text in (files or {"C1_W1_interview.txt": TURNS}).items():
        write(root / name, text)
    return root


# ---------------------------------------------------------------- 1. impossible dates in YAML
@pytest.mark.parametrize(
    ("value", "said", "fix"),
    [
        ("2021-13-01", "2021-13-01 is not a date: month 13", "did you mean 2021-01-13?"),
        ("2021-02-30", "2021-02-30 is not a date: February 2021 has 28 days", "YYYY-MM-DD"),
        ("2021-00-10", "2021-00-10 is not a date: month 0", "YYYY-MM-DD"),
    ],
)
def test_an_impossible_wave_date_is_a_manifest_error_at_its_line(tmp_path, value, said, fix):
    root = _study(tmp_path, f"waves:\n  - id: W1\n    start: 2021-01-01\n    end: {value}\ndocuments: ['*.txt']\n")
    with pytest.raises(ManifestError) as info:
        qlr.load(root, progress=False)
    message = str(info.value)
    assert message.startswith(f"{root / 'study.yaml'}:4: {said}.")
    assert "Fix:" in message and fix in message


def test_an_impossible_document_date_is_a_manifest_error_at_its_line(tmp_path):
    manifest = "waves: [W1]\ndocuments:\n  - path: C1_W1_interview.txt\n    date: 2021-04-31\n"
    with pytest.raises(ManifestError, match=r"study\.yaml:4: 2021-04-31 is not a date: April 2021 has 30 days\. Fix:"):
        qlr.load(_study(tmp_path, manifest), progress=False)


def test_real_dates_still_read_as_dates(tmp_path):
    study = qlr.load(_study(tmp_path, "waves:\n  - {id: W1, start: 2020-02-29, end: 2020-03-31}\ndocuments: ['*.txt']\n"), progress=False)
    assert str(study.waves["start"].iloc[0])[:10] == "2020-02-29"


def test_codebooks_and_crosswalks_read_dates_through_the_same_check(tmp_path):
    codebook = "name: Mini\nid: mini\nversion: 2021-13-01\nthemes: [t]\ncodes:\n  - {id: t.a, parent: t, indicators: [rota]}\n"
    with pytest.raises(CodebookError, match=r"mini\.yaml:3: 2021-13-01 is not a date: month 13\. Fix:"):
        qlr.read_codebook(write(tmp_path / "mini.yaml", codebook))
    crosswalk = "ladder: coproduction\ncodes:\n  - code: 2021-02-30\n    level: 1\n"
    with pytest.raises(CodebookError, match=r"cw\.yaml:3: 2021-02-30 is not a date: February 2021 has 28 days"):
        read_crosswalk(write(tmp_path / "cw.yaml", crosswalk))


# ---------------------------------------------------------------- 2. wave dates that run backwards or overlap
def test_a_wave_that_ends_before_it_starts_is_refused_at_its_end_line(tmp_path):
    manifest = "waves:\n  - id: W1\n    start: 2021-01-01\n    end: 2021-04-30\n  - id: W2\n    start: 2021-05-01\n    end: 2021-04-01\ndocuments: ['*.txt']\n"
    with pytest.raises(ManifestError, match=r"study\.yaml:7: wave W2 ends \(2021-04-01\) before it starts \(2021-05-01\)\. Fix: swap"):
        qlr.load(_study(tmp_path, manifest), progress=False)


def test_overlapping_waves_are_a_warning_naming_both(tmp_path):
    manifest = (
        "waves:\n  - {id: W1, start: 2021-01-01, end: 2021-05-15}\n  - {id: W2, start: 2021-05-01, end: 2021-08-31}\n"
        "  - {id: W3, start: 2021-09-01, end: 2021-12-31}\ndocuments: ['*.txt']\n"
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(_study(tmp_path, manifest), progress=False)
    said = [str(w.message) for w in caught if issubclass(w.category, QlrWarning) and "overlap" in str(w.message)]
    assert len(said) == 1
    assert "study.yaml:2: 1 pair(s) of waves overlap" in said[0]
    assert "W1 (line 2) and W2 (line 3) share 2021-05-01 to 2021-05-15" in said[0] and "W3" not in said[0]


def test_waves_that_follow_each_other_give_no_overlap_warning(tmp_path):
    manifest = "waves:\n  - {id: W1, start: 2021-01-01, end: 2021-04-30}\n  - {id: W2, start: 2021-05-01, end: 2021-08-31}\ndocuments: ['*.txt']\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(_study(tmp_path, manifest), progress=False)
    assert not [w for w in caught if "overlap" in str(w.message)]


# ---------------------------------------------------------------- 3. the unplaced codings' fix quotes the entry's path
def _coded_study(tmp_path, entry):
    codings = "doc_id,quote,code_id,coder\nC1_W1_interview,We planned the rota together.,t.rota,me\nC1_W1_interview,words nobody said,t.rota,me\n"
    root = _study(tmp_path, f"waves: [W1]\ndocuments: ['*.txt']\ncodings:\n  {entry}\n")
    write(root / "coding" / "my codings.csv", codings)
    return root


def test_the_plan_keeps_each_codings_path_as_the_entry_wrote_it(tmp_path):
    from qlr.io._manifest import _plan_from_manifest, codings_entry

    root = _coded_study(tmp_path, "- coding/my codings.csv")
    plan = _plan_from_manifest(root / "study.yaml")
    assert list(plan.coding_paths.values()) == ["coding/my codings.csv"]
    # The line the fix offers, pasted in place of the entry, loads the study (the unplaced row left out, named).
    pasted = codings_entry(plan.coding_paths[root / "coding/my codings.csv"], unplaced="warn")
    assert pasted == "- {path: coding/my codings.csv, unplaced: warn}"
    (root / "study.yaml").write_text(f"waves: [W1]\ndocuments: ['*.txt']\ncodings:\n  {pasted}\n", encoding="utf-8")
    with pytest.warns(QlrWarning, match="1 of 2 codings cannot be placed"):
        study = qlr.load(root, progress=False)
    assert len(study.codings.query("coder == 'me'")) == 1


def test_the_unplaced_codings_fix_gives_the_path_with_its_folder(tmp_path):
    root = _coded_study(tmp_path, "- coding/my codings.csv")
    with pytest.raises(ManifestError) as info:
        qlr.load(root, progress=False)
    assert "write the entry  - {path: coding/my codings.csv, unplaced: warn}" in str(info.value)


# ---------------------------------------------------------------- 4. python -m qlr
def _python_m_qlr(*args, cwd):
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = str(Path(qlr.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([here, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "qlr", *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=env)


def test_python_m_qlr_is_the_qlr_command(tmp_path):
    from pathlib import Path

    import qlr.__main__ as entry
    from qlr.cli import main

    # tomllib is 3.11+; the script's line is simple enough to read directly.
    pyproject = (Path(qlr.__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.scripts]\nqlr = "qlr.cli:main"\n' in pyproject and entry.main is main
    shown = _python_m_qlr("--help", cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith("usage: qlr ") and "validate" in shown.stdout
    failed = _python_m_qlr("validate", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert failed.returncode == 1 and failed.stderr.startswith("qlr: error: ") and "Traceback" not in failed.stderr


# ---------------------------------------------------------------- 5. qlr import --kind WORD, --wave WORD; --allow-outside not on import
@pytest.fixture
def project(tmp_path):
    files = {"C1_W1_interview.txt": TURNS, "C2_W1_interview.txt": "Interviewer: And you?\nBen: I kept to myself.\n"}
    study = qlr.load(_study(tmp_path, "waves: [W1]\ndocuments: ['*.txt']\n", files), progress=False)
    path = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(study, path)
    return path


def test_import_takes_one_kind_for_every_source(project, tmp_path, capsys):
    from qlr.cli import main

    out = tmp_path / "k.qlr"
    assert main(["import", str(project), "--kind", "document", "-o", str(out), "-q"]) == 0
    assert list(qlr.open(out).documents["kind"]) == ["document", "document"]
    assert main(["import", str(project), "--kind", "Field-Notes", "--wave", "W2", "-o", str(out), "-q"]) == 0
    again = qlr.open(out)
    assert list(again.documents["kind"]) == ["fieldnotes", "fieldnotes"] and set(again.documents["wave_id"]) == {"W2"}
    capsys.readouterr()
    assert main(["import", str(project), "--kind", "documnet", "-o", str(out)]) == 1
    assert "'documnet' is not a kind qlr knows. Fix: did you mean 'document'?" in capsys.readouterr().err


def test_import_refuses_a_case_it_cannot_read_instead_of_ignoring_it(project, tmp_path, capsys):
    from qlr.cli import main

    out = tmp_path / "c.qlr"
    assert main(["import", str(project), "--case", "P1", "-o", str(out)]) == 1
    assert "cannot read 'P1'. Fix: use 'pattern:REGEX' (group case)" in capsys.readouterr().err
    assert main(["import", str(project), "--case", "^(?P<case>C\\d)_", "-o", str(out)]) == 1
    assert "Fix: a regular expression starts with 'pattern:': --case 'pattern:^(?P<case>C\\d)_'" in capsys.readouterr().err
    assert main(["import", str(project), "--case", "pattern:^(?P<case>C\\d)_", "-o", str(out), "-q"]) == 0
    assert sorted(qlr.open(out).documents["case_id"]) == ["C1", "C2"]


def test_allow_outside_is_offered_only_where_a_study_folder_is_loaded(capsys):
    from qlr.cli import build_parser

    parser = build_parser()
    for name, offered in (("import", False), ("info", True), ("validate", True), ("report", True)):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--help"])
        assert ("--allow-outside" in capsys.readouterr().out) is offered, name


# ---------------------------------------------------------------- 6. verdicts named by what they mean
def test_validate_rules_names_the_chance_verdict_and_says_why_rho_is_blank(capsys):
    from qlr.cli import main
    from qlr.code import validate
    from qlr.code._validate import CHANCE, DISAGREES, VALID, VERDICTS

    from .conftest import SAMPLE

    assert set(VERDICTS) == {VALID, CHANCE, DISAGREES, "no examples"} and CHANCE == "could be chance"
    assert main(["validate", str(SAMPLE), "--codebook", "coproduction", "--rules", "rm", "-q"]) == 0
    out = capsys.readouterr().out
    assert "too few units" not in out
    table = validate(qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False), against="rm")
    # Unchanged arithmetic: the chance rows are those with kappa reached and rho at or above 0.05.
    chance = table[table["verdict"] == CHANCE]
    assert len(chance) and (chance["kappa"] >= 0.65).all() and (chance["rho"].isna() | (chance["rho"] >= 0.05)).all()
    assert table.loc[table["verdict"] == DISAGREES, "rho"].isna().all()
    assert "could be chance: kappa >= 0.65 but rho >= 0.05" in out
    assert "rho is blank where it is not computed: beside 'disagrees'" in out
    row = next(line for line in out.splitlines() if line.endswith(DISAGREES))
    assert "NaN" not in row


# ---------------------------------------------------------------- 7. qlr agreement's table and CSV
def _two_coders(tmp_path):
    long_code = "attituderoots.1_conspiracist_ideation.targeting_the_disadvantaged_and_the_poor_in_the_countryside"
    turns = "".join(f"Interviewer: And then?\nAsha: turn {i} about the rota and the garden.\n" for i in range(40))
    study = qlr.load(_study(tmp_path, "waves: [W1]\ndocuments: ['*.txt']\n", {"C1_W1_interview.txt": turns}), progress=False)
    for i, coder in ((1, "ann"), (2, "ann"), (2, "ben"), (3, "ben")):
        study.code_quote("C1_W1_interview", f"turn {i} about the rota", "t.rota", coder=coder)
    study.code_quote("C1_W1_interview", "turn 5 about the rota", long_code, coder="ann")
    path = tmp_path / "two.qlr"
    study.save(path)
    return path, long_code


def test_agreement_prints_fixed_decimals_short_labels_and_blank_notes(tmp_path, capsys):
    from qlr.cli import main

    path, long_code = _two_coders(tmp_path)
    assert main(["agreement", str(path), "--coders", "ann", "ben", "-q"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "e-0" not in out and "e+0" not in out and "NaN" not in out
    assert long_code not in out and long_code[:23] + "…" in out  # both ends kept, the middle cut
    assert max(len(line) for line in lines) < 48 + 136  # stop 58: the table gained n_units_fleiss (16 characters)
    rota = next(line for line in lines if line.startswith("t.rota"))
    figures = [cell for cell in rota.split()[2:] if not cell.isdigit()]  # n_units_fleiss (stop 58) is a count
    assert len(figures) == 5 and all(len(cell.split(".")[-1]) == 3 for cell in figures)


def test_two_long_labels_cut_alike_are_printed_told_apart():
    # Review: ids differing only in their middle printed as one label. Since stop 59 a printed table cuts them as a
    # figure's axis does (_names.told_apart): cut a little wider until they differ (before: printed whole).
    import pandas as pd

    from qlr.cli import _table_text

    first = "theme." + "a" * 30 + "_A_" + "b" * 30
    second = "theme." + "a" * 30 + "_B_" + "b" * 30
    text = _table_text(pd.DataFrame({"code": [first, second, "short"], "kappa": [0.5, 0.25, float("nan")]}))
    shown = [line.split()[0] for line in text.splitlines()[1:3]]
    assert shown == ["theme.aaaaaaaaaaaaaaaaaaaaaaaaa…A_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "theme.aaaaaaaaaaaaaaaaaaaaaaaaa…B_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]
    assert "short" in text
    assert text.splitlines()[3].split() == ["short"]  # the missing kappa is blank, not NaN


def test_a_note_is_printed_whole_while_a_long_label_is_cut():
    # A new user's trial: the note column read "rules:coproduct…appa and alpha undefined".
    import pandas as pd

    from qlr.cli import _table_text

    label = "theme." + "a" * 60
    note = "never applied on a unit two coders coded (rules:coproduction used it only on units no other coder coded): kappa and alpha undefined"
    text = _table_text(pd.DataFrame({"code": [label], "kappa": [float("nan")], "note": [note]}))
    assert note in text and label not in text


def test_disagreements_csv_has_no_unnamed_index_and_agreement_csv_keeps_its_code(tmp_path, capsys):
    import pandas as pd

    from qlr.cli import main

    path, long_code = _two_coders(tmp_path)
    dis = tmp_path / "dis.csv"
    assert main(["agreement", str(path), "--coders", "ann", "ben", "--disagreements", "-o", str(dis), "-q"]) == 0
    header = dis.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("unit,doc_id,") and "Unnamed" not in pd.read_csv(dis).columns[0]
    agr = tmp_path / "agr.csv"
    assert main(["agreement", str(path), "--coders", "ann", "ben", "-o", str(agr), "-q"]) == 0
    table = pd.read_csv(agr)
    assert table.columns[0] == "code_id" and long_code in set(table["code_id"])  # the file keeps every code's whole id
