"""A reader's "not imported" notes are data left out: a RowsRefusedWarning, so ``qlr import`` exits with status 3.

README: "a command that finished but left data out exits with status 3".  brat's relations, doccano's relations and
labels of whole texts, Label Studio's relations, drafts and predictions were said in one plain ``QlrWarning`` with
the reader's other notes, and the import exited 0 (new user's check of stop 59).  What a reader carried another way
(a passage across line breaks as one coding, whole-task choices read as variables) stays a plain note.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import QlrWarning, RowsRefusedWarning

# "P01: I was tired but coping.\n": "tired" 10–15, "coping" 20–26.
TEXT = "P01: I was tired but coping.\n"


def said(read, path: Path) -> tuple[list[str], list[str]]:
    """(what was said as data left out, what was said as a plain note) by reading ``path``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read(path, kind="document")
    left = [str(w.message) for w in caught if issubclass(w.category, RowsRefusedWarning)]
    plain = [str(w.message) for w in caught if issubclass(w.category, QlrWarning) and not issubclass(w.category, RowsRefusedWarning)]
    return left, plain


def brat(folder: Path, ann: str) -> Path:
    folder.mkdir()
    (folder / "P01.txt").write_text(TEXT, encoding="utf-8")
    (folder / "P01.ann").write_text(ann, encoding="utf-8")
    return folder


def test_a_brat_relation_is_data_left_out_and_the_import_exits_3(tmp_path):
    folder = brat(tmp_path / "rel", "T1\tFatigue 11 16\ttired\nT2\tCoping 21 27\tcoping\nR1\tExplains Arg1:T1 Arg2:T2\t\n")
    left, plain = said(qlr.io.read_brat, folder)
    assert left == [f"{folder}: 1 relation(s) (R) link two annotations, not text, and were not imported: file:id (type and arguments) P01.ann:R1 (Explains Arg1:T1 Arg2:T2)"]
    assert not any("link two annotations" in note for note in plain), plain
    assert main(["import", str(folder), "--coder", "ana", "-o", str(tmp_path / "x.qlr"), "-q"]) == 3


def test_brat_notes_of_what_was_carried_leave_the_status_at_0(tmp_path):
    # An annotation across a line break is one coding over the passage: carried, not left out.
    folder = brat(tmp_path / "lines", "T1\tFatigue 11 16\ttired\n")
    (folder / "P01.txt").write_text("P01: I was\ntired but coping.\n", encoding="utf-8")
    (folder / "P01.ann").write_text("T1\tFatigue 5 10;11 16\tI was tired\n", encoding="utf-8")
    left, plain = said(qlr.io.read_brat, folder)
    assert left == [] and any("run across line breaks" in note for note in plain)
    assert main(["import", str(folder), "--coder", "ana", "-o", str(tmp_path / "x.qlr"), "-q"]) == 0


def test_doccano_relations_and_whole_text_labels_are_data_left_out(tmp_path):
    export = tmp_path / "rel.zip"
    example = {
        "id": 7,
        "text": TEXT,
        "cats": ["distressed"],
        "entities": [{"id": 16, "label": "Coping", "start_offset": 21, "end_offset": 27}, {"id": 17, "label": "Fatigue", "start_offset": 11, "end_offset": 16}],
        "relations": [{"id": 1, "from_id": 17, "to_id": 16, "type": "explains"}],
        "Comments": [],
    }
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("ann.jsonl", json.dumps(example) + "\n")
    left, _ = said(qlr.io.read_doccano, export)
    assert len(left) == 1
    assert "1 relation(s) link two spans, not text, and were not imported: example:from→to (type) 7:17→16 (explains)" in left[0]
    assert "1 label(s) of whole texts (doccano's document categories) were not imported: distressed: 1" in left[0]
    assert main(["import", str(export), "-o", str(tmp_path / "x.qlr"), "-q"]) == 3


def _span(rid: str, start: int, end: int, label: str) -> dict:
    return {"id": rid, "from_name": "code", "to_name": "text", "type": "labels", "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}}


@pytest.mark.parametrize(
    ("extra", "more", "expected"),
    [
        ({"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "right", "labels": ["explains"]}, {}, "1 relation(s) link two regions, not text, and were not imported: task:annotation:from→to 1:10:a1→a2"),
        (None, {"drafts": [{"id": 9, "result": [_span("d1", 11, 16, "Fatigue")]}]}, "1 draft(s) (annotations never submitted) were not imported: task:draft 1:9 (1 result(s))"),
        (None, {}, None),
    ],
    ids=["relation", "draft", "nothing-left-out"],
)
def test_label_studio_what_was_not_imported_sets_status_3(tmp_path, extra, more, expected):
    results = [_span("a1", 11, 16, "Fatigue"), _span("a2", 21, 27, "Coping"), *([extra] if extra else [])]
    task = {"id": 1, "data": {"text": TEXT}, "file_upload": "ab12cd34-P01.txt", "predictions": [], "drafts": [],
            "annotations": [{"id": 10, "completed_by": 1, "result": results, "was_cancelled": False}], **more}
    export = tmp_path / "project-1-at-2024-05-02-10-00-1f2e3d4c.json"
    export.write_text(json.dumps([task]), encoding="utf-8")
    left, _ = said(qlr.io.read_label_studio, export)
    assert left == ([f"{export}: {expected}"] if expected else [])
    assert main(["import", str(export), "-o", str(tmp_path / "x.qlr"), "-q"]) == (3 if expected else 0)
