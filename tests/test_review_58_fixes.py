"""What a new user and two reviewers found in imports, agreement and the report (stop 58).

Each test here failed before its fix; every figure is counted by hand or against the same data under other names.
"""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import QlrWarning

# The emoji is one code point, two UTF-16 units: "Müde" is at 22–26 in code points, 23–27 in UTF-16 units.
TEXT = "I: Wie geht's?\nP01: 😊 Müde, aber okay."


def zipped(path: Path, **members) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, records in members.items():
            archive.writestr(f"{name}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def two_coders(tmp_path: Path) -> Path:
    """ann codes Fatigue and Coping on P01's turn, ben codes Coping on it too: one passage (the turn × Coping) twice."""
    return zipped(
        tmp_path / "3f2c9a1e.zip",
        ann=[{"id": 4, "text": TEXT, "name": "P01_W1", "participant": "P01", "wave": 1, "label": [[23, 27, "Fatigue"], [29, 38, "Coping"]]}],
        ben=[{"id": 4, "text": TEXT, "name": "P01_W1", "participant": "P01", "wave": 1, "label": [[23, 38, "Coping"]]}],
    )


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.io.read_doccano(path, kind="document", **options)
    return study, " ".join(str(w.message) for w in said if issubclass(w.category, QlrWarning))


def plain(html_text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html_text))


# ---------------------------------------------------------------- 1. the matrices say what double coding left out
def test_the_matrices_say_how_many_codings_double_coding_left_out_and_whose_were_kept(tmp_path):
    study, _ = read(two_coders(tmp_path), case="variable:participant", wave="variable:wave")
    assert len(study.codings) == 3
    twice = qlr.evidence.double_coded(study)
    assert twice[["code_id", "kept", "dropped"]].values.tolist() == [["coping", "ann", 1]]  # ben's Coping is not counted
    page = qlr.report.write_report(study, tmp_path / "report", progress=False)
    text = plain(page.read_text(encoding="utf-8"))
    matrices = text[text.index("Codings per case and theme at each wave") :]
    assert "1 coding is not counted in these tables: 1 passage (a segment and a code) was coded by more than one coder" in matrices
    assert "ann's on 1 passage" in matrices and "agreement between coders compares them all" in matrices
    themes = pd.read_csv(page.parent / "tables" / "matrix_themes.csv")
    assert themes["count"].sum() == 2  # 3 codings, ben's Coping not counted: what the note says


def test_no_note_where_no_passage_was_coded_twice(tmp_path):
    study, _ = read(two_coders(tmp_path), case="variable:participant", wave="variable:wave")
    one = study.copy()
    one.codings = one.codings[one.codings["coder"] == "ann"].reset_index(drop=True)
    assert qlr.evidence.double_coded(one).empty
    page = qlr.report.write_report(one, tmp_path / "report", progress=False)
    assert "coded by more than one coder" not in plain(page.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- 3. unnamed .txt uploads: the warning names the real fix
def test_unnamed_uploads_warning_names_the_import_options_that_give_cases_and_waves_and_they_work(tmp_path, capsys):
    from qlr.cli import main

    unnamed = zipped(
        tmp_path / "export.zip",
        ann=[{"id": 7, "text": TEXT, "label": [[23, 27, "Fatigue"]]}, {"id": 8, "text": "I: Und?\nP02: Gut.", "label": [[13, 16, "Coping"]]}],
    )
    _, said = read(unnamed)
    assert "document 7" in said and "rename them in qlr" not in said  # no such way exists
    assert "--case cases.csv --wave waves.csv" in said and "source,case" in said and "source,wave" in said
    # What the warning says works, as it says it.
    (tmp_path / "cases.csv").write_text("source,case\ndocument 7,P01\ndocument 8,P02\n", encoding="utf-8")
    (tmp_path / "waves.csv").write_text("source,wave\ndocument 7,W1\ndocument 8,W2\n", encoding="utf-8")
    out = tmp_path / "study.qlr"
    assert main(["import", str(unnamed), "--case", str(tmp_path / "cases.csv"), "--wave", str(tmp_path / "waves.csv"), "-o", str(out), "-q"]) in (0, 3)
    docs = qlr.open(out).documents.set_index("doc_id")
    assert docs[["case_id", "wave_id"]].values.tolist() == [["P01", "W1"], ["P02", "W2"]]


# ---------------------------------------------------------------- 4. the import summary says the count the warning says
def test_import_summary_says_the_exports_count_as_the_warning_does(tmp_path, capsys):
    from qlr.cli import main

    assert main(["import", str(two_coders(tmp_path)), "--case", "variable:participant", "-o", str(tmp_path / "s.qlr")]) in (0, 3)
    out, err = capsys.readouterr()
    assert "read as UTF-16 units" in err
    line = next(line for line in out.splitlines() if line.strip().startswith("P01_W1:"))
    assert line.strip() == "P01_W1: 3 of 3 placed (the export's offsets counted in UTF-16 units, placed as characters)"
    assert "code points positions" not in out


def test_label_studio_summary_says_its_count_too(tmp_path, capsys):
    from qlr.cli import main

    text = "I: Wie geht's?\nP01: 😊 Müde."
    task = {
        "id": 1, "data": {"text": text, "name": "P01_W1"},
        "annotations": [{"id": 1, "completed_by": 1, "result": [
            {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 22, "end": 26, "text": "Müde", "labels": ["Fatigue"]}}
        ]}],
    }
    export = tmp_path / "project-1-at-2024-05-02.json"
    export.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(export), "--case", "pattern:^(?P<case>P[0-9]+)_", "-o", str(tmp_path / "s.qlr")]) in (0, 3)
    out = capsys.readouterr().out
    assert "P01_W1: 1 of 1 placed (the export's offsets counted in code points, placed as characters" in out


# ---------------------------------------------------------------- 5. -o without .qlr
def test_import_to_a_name_without_suffix_writes_a_qlr_file_the_report_reads(tmp_path, capsys, monkeypatch):
    from qlr.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["import", str(two_coders(tmp_path)), "--case", "variable:participant", "--wave", "variable:wave", "-o", "study"]) in (0, 3)
    out = capsys.readouterr().out
    assert "saved study.qlr (-o study had no suffix" in out
    assert (tmp_path / "study.qlr").is_file() and not (tmp_path / "study").exists()
    assert len(qlr.open("study.qlr").codings) == 3
    # A project saved under a name with no suffix before (as qlr import wrote it) is known by its content.
    (tmp_path / "old").write_bytes((tmp_path / "study.qlr").read_bytes())
    assert main(["info", "old"]) == 0
    info = capsys.readouterr().out
    assert "1 case × 1 wave, 1 document" in info and "3 codings" in info
    # Another program's SQLite database with no suffix: one clear error, that it is no qlr project.
    import sqlite3

    with sqlite3.connect(tmp_path / "other") as con:
        con.execute("create table x (a)")
    con.close()
    assert main(["info", "other"]) != 0
    assert "other: this SQLite database is not a qlr project" in capsys.readouterr().err


# ---------------------------------------------------------------- 2. coder names that are the table's own columns
def renamed(study, names: dict[str, str]):
    out = study.copy()
    out.codings = out.codings.assign(coder=out.codings["coder"].replace(names))
    return out


@pytest.mark.parametrize("names", [("start", "end"), ("weight", "doc_id"), ("unit", "code_id"), ("wave_id", "text")])
def test_coders_named_like_the_tables_columns_get_the_figures_of_their_own_names(sample_study, names):
    first, second = names
    other = renamed(sample_study, {"rm": first, "so": second})
    for unit in ("character", "segment", "document"):
        before = qlr.code.agreement(sample_study, coders=["rm", "so"], unit=unit)
        after = qlr.code.agreement(other, coders=[first, second], unit=unit)
        pd.testing.assert_frame_equal(pd.DataFrame(after).drop(columns="note"), pd.DataFrame(before).drop(columns="note"), obj=unit)
    before = qlr.code.agreement(sample_study, coders=["rm", "so"], unit="character", per_document=True, by=None)
    after = qlr.code.agreement(other, coders=[first, second], unit="character", per_document=True)
    pd.testing.assert_frame_equal(pd.DataFrame(after).drop(columns="note"), pd.DataFrame(before).drop(columns="note"))
    by_wave = qlr.code.agreement(other, coders=[first, second], unit="character", by="wave")
    pd.testing.assert_frame_equal(pd.DataFrame(by_wave).drop(columns="note"), pd.DataFrame(qlr.code.agreement(sample_study, coders=["rm", "so"], unit="character", by="wave")).drop(columns="note"))
    assert qlr.code.compared_codings(other, coders=[first, second], unit="character").tolist() == qlr.code.compared_codings(sample_study, coders=["rm", "so"], unit="character").tolist()
    # The disagreements to adjudicate: the same rows, each coder's column named by the coder, and where the name is
    # one of the table's own columns "<name> (coder)" (stop 59: before, a second "start" beside the table's own).
    differ = qlr.code.disagreements(other, coders=[first, second])
    same = qlr.code.disagreements(sample_study, coders=["rm", "so"])
    own = {"unit", "doc_id", "wave_id", "code_id", "text", "decision"}  # by segment: no start, end or weight
    columns = [f"{name} (coder)" if name in own else name for name in (first, second)]
    assert differ.columns.is_unique and len(differ) == len(same)
    assert differ[columns].to_numpy().tolist() == same[["rm", "so"]].to_numpy().tolist()
    by_character = qlr.code.coding_table(other, coders=[first, second], unit="character", codes=["negative.done_to"])
    own = {"unit", "doc_id", "wave_id", "code_id", "start", "end", "weight"}  # coding_table has no text or decision
    assert by_character.columns.is_unique
    assert list(by_character.columns[-2:]) == [f"{name} (coder)" if name in own else name for name in (first, second)]


def test_the_sample_kappa_by_character_is_the_same_under_a_coder_named_start(sample_study):
    # Before the fix a coder named "start" or "end" had their values written over the intervals' own columns (another
    # kappa, silently) and "weight" was pandas' "cannot insert weight".
    original = qlr.code.agreement(sample_study, coders=["rm", "so"], unit="character").loc["overall", "cohen_kappa"]
    assert round(float(original), 4) == 0.7158
    for name in ("start", "end", "weight"):
        kappa = qlr.code.agreement(renamed(sample_study, {"rm": name}), coders=[name, "so"], unit="character").loc["overall", "cohen_kappa"]
        assert round(float(kappa), 4) == 0.7158, name


def test_a_consensus_of_coders_named_like_columns_is_the_consensus_of_their_codings(sample_study):
    base = sample_study.copy()
    n = base.consensus(coders=["rm", "so"], rule="agree") if hasattr(base, "consensus") else None
    other = renamed(sample_study, {"rm": "unit", "so": "code_id"})
    m = other.consensus(coders=["unit", "code_id"], rule="agree")
    assert n == m and n


# ---------------------------------------------------------------- 6. a document variable that changes within a case
def test_a_whole_task_choice_that_differs_by_wave_is_a_per_wave_attribute_of_the_case(tmp_path):
    text = "I: How is it?\nP01: Fine."

    def task(number: int, name: str, group: str) -> dict:
        return {"id": number, "data": {"text": text, "name": name}, "annotations": [{"id": number, "completed_by": 1, "result": [
            {"id": f"r{number}", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 19, "end": 23, "text": "Fine", "labels": ["Coping"]}},
            {"from_name": "group", "to_name": "text", "type": "choices", "value": {"choices": [group]}},
        ]}]}

    export = tmp_path / "project-1.json"
    export.write_text(json.dumps([task(1, "P01_W1", "tenant"), task(2, "P01_W2", "staff"), task(3, "P02_W1", "tenant"), task(4, "P02_W2", "tenant")]), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        study = qlr.io.read_label_studio(export, case="pattern:^(?P<case>P[0-9]+)_", wave="pattern:_(?P<wave>W[0-9])$")
    assert study.documents["group"].tolist() == ["tenant", "staff", "tenant", "tenant"]
    p01 = qlr.track.portrait(study, "P01").markdown
    assert "- **W1**: group tenant\n- **W2**: group staff" in p01
    # The same at every wave says nothing of change: P02's page lists no per-wave group.
    assert "group" not in qlr.track.portrait(study, "P02").markdown
    page = qlr.report.write_report(study, tmp_path / "report", progress=False)
    case_page = (page.parent / "cases" / "p01.html").read_text(encoding="utf-8")
    assert "<li><b>W1</b>: group tenant</li><li><b>W2</b>: group staff</li>" in case_page
    assert "group" not in plain((page.parent / "cases" / "p02.html").read_text(encoding="utf-8")).split("Waves")[0]
