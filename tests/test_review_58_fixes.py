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
