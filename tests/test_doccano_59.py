"""doccano's leftovers (stop 59): older export layouts, a project mixing counts, the unnamed-documents warning.

The layouts are doccano's own, read in its repository's history (github.com/doccano/doccano): 1.3 to 1.6 write each
member's ``<user>.jsonl`` with the text under ``data`` (``views/download/writer.py``'s ``JSONLWriter``; in 1.6
``data_export``, whose relation and intent projects put ``{"entities", "relations"}`` or ``{"cats", "entities"}`` under
``label``) and the examples no one labelled in ``unknown.jsonl`` without their metadata; 1.2 and before download one file,
``JSONL(text label)`` (``JSONPainter.paint_labels``: ``{"id", "text", "meta", "annotation_approver", "comment_count",
"labels": [[start, end, label]]}``, every member's spans together) or ``JSONL`` (``paint``: ``"annotations"`` naming
each label by its number).  Every offset below is counted by hand.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from qlr.errors import QdpxError
from qlr.io._doccano import doccano_export_kind
from qlr.io._label_studio import label_studio_export_kind

from .test_trial17_taguette import codings
from .test_trial23_doccano import TEXT, lines, read, zipped

DATA = Path(os.environ.get("QLR_DL59_DATA", "/tmp/s60/dl-data"))

# "P01: " is 5 code points; 👩‍👩‍👧 is 5 code points, 8 UTF-16 units, 1 grapheme cluster: "alle" is at 11–15 in code
# points, 14–18 in UTF-16 units, 7–11 in grapheme clusters.
FAMILY = "P01: 👩‍👩‍👧 alle zusammen, ça va."


def test_doccano_1_3_to_1_5_text_under_data_and_unknown_jsonl(tmp_path):
    export = zipped(
        tmp_path / "old.zip",
        admin=[{"id": 1, "data": TEXT, "name": "P01_W1", "participant": "P01", "label": [[23, 27, "Fatigue"]]}],
        bea=[{"id": 1, "data": TEXT, "name": "P01_W1", "participant": "P01", "label": [[29, 38, "Coping"]]}],
        unknown=[{"id": 2, "data": "I: Hallo.\nP02: Gut.", "label": []}],
    )
    assert doccano_export_kind(export) == "zip" and label_studio_export_kind(export) is None
    study, said = read(export)
    assert codings(study) == [("P01_W1", "Coping", "bea", "aber okay"), ("P01_W1", "Fatigue", "admin", "Müde")]
    assert sorted(study.documents["doc_id"]) == ["P01_W1", "document_2"]
    assert study.meta["import"]["layout"] == ["1.3"]
    assert study.meta["import"]["source_values"]["P01_W1"]["participant"] == ["TextValue", "P01"]
    assert "collaborative" not in said  # unknown.jsonl is no member and no collaborative file
    assert "1 example(s) no one labelled are in unknown.jsonl, which doccano 1.3 to 1.6 writes without their metadata" in said and "example 2" in said


def test_doccano_1_6_relations_and_intents_under_label(tmp_path):
    export = zipped(
        tmp_path / "rel.zip",
        admin=[
            {
                "id": 3,
                "data": TEXT,
                "label": {
                    "entities": [{"id": 7, "start_offset": 23, "end_offset": 27, "label": "Fatigue"}, {"id": 8, "start_offset": 29, "end_offset": 38, "label": "Coping"}],
                    "relations": [{"id": 1, "from_id": 8, "to_id": 7, "type": "answers"}],
                },
            }
        ],
        bea=[{"id": 3, "data": TEXT, "label": {"cats": ["tired"], "entities": [[23, 27, "Fatigue"]]}}],
    )
    study, said = read(export)
    assert codings(study) == [("document_3", "Coping", "admin", "aber okay"), ("document_3", "Fatigue", "admin", "Müde"), ("document_3", "Fatigue", "bea", "Müde")]
    assert "1 relation(s)" in said and "3:8→7 (answers)" in said
    assert "tired: 1" in said


def test_doccano_1_2_text_labels_read_without_coder_meta_as_variables(tmp_path):
    export = lines(
        tmp_path / "file.jsonl",
        {"id": 5, "text": TEXT, "meta": {"name": "P01_W1", "wave": 1}, "annotation_approver": "ana", "comment_count": 2, "labels": [[23, 27, "Fatigue"], [23, 38, "Coping"]]},
        {"id": 6, "text": "I: Und?\nP02: Gut.", "meta": {}, "annotation_approver": None, "comment_count": 0, "labels": []},
    )
    assert doccano_export_kind(export) == "jsonl"
    study, said = read(export)
    assert codings(study) == [("P01_W1", "Coping", "unknown", "Müde, aber okay"), ("P01_W1", "Fatigue", "unknown", "Müde")]
    values = study.meta["import"]["source_values"]["P01_W1"]
    assert values["wave"] == ["IntegerValue", "1"] and values["annotation_approver"] == ["TextValue", "ana"]
    assert "names no one" in said and "5 (2)" in said  # example 5's two comments are not in the export
    assert study.meta["import"]["layout"] == ["1.2-text"]


def test_doccano_1_2_jsonl_with_label_numbers_is_one_error_naming_the_layout_and_the_fix(tmp_path):
    export = lines(
        tmp_path / "file.jsonl",
        {"id": 5, "text": TEXT, "annotations": [{"label": 3, "start_offset": 23, "end_offset": 27, "user": 1}], "meta": {}, "annotation_approver": None, "comment_count": 0},
    )
    assert doccano_export_kind(export) == "jsonl" and label_studio_export_kind(export) is None
    with pytest.raises(QdpxError) as error:
        read(export)
    said = str(error.value)
    assert "1.2 or earlier" in said and "line 1" in said and "JSONL(text label)" in said


def test_a_member_in_grapheme_mode_beside_one_in_utf16_each_on_their_words(tmp_path):
    other = "P02: Müde 😊 und leer."  # "leer" at 17–21 in UTF-16 units, 16–20 in code points and grapheme clusters
    export = zipped(
        tmp_path / "mixed.zip",
        admin=[{"id": 1, "text": FAMILY, "label": [[14, 18, "Family"]]}, {"id": 2, "text": other, "label": [[17, 21, "Loss"]]}],
        bea=[{"id": 1, "text": FAMILY, "label": [[7, 11, "Family"]]}, {"id": 2, "text": other, "label": []}],
    )
    study, said = read(export)
    assert codings(study) == [("document_1", "Family", "admin", "alle"), ("document_1", "Family", "bea", "alle"), ("document_2", "Loss", "admin", "leer")]
    assert study.meta["import"]["offsets"] == "UTF-16 units"
    assert "1 example(s) read in another count" in said and "1 (bea): grapheme clusters" in said


def test_a_span_off_its_word_in_every_count_is_not_moved(tmp_path):
    # bea's 15–17 is "ll" of "alle" in UTF-16 units and in no count on a word's edges: kept in the export's count.
    export = zipped(tmp_path / "x.zip", admin=[{"id": 1, "text": FAMILY, "label": [[14, 18, "Family"]]}], bea=[{"id": 1, "text": FAMILY, "label": [[15, 17, "Family"]]}])
    study, said = read(export)
    assert ("document_1", "Family", "bea", "ll") in codings(study) and "another count" not in said


def test_a_member_who_selects_over_spaces_is_not_moved_to_another_count(tmp_path):
    """bea drags her selections over a space ("Gut " in a text without emoji, where every count agrees). Her "so müde "
    (29–37 in code points, 31–39 in UTF-16 units after the flag, two code points, four units, one cluster) ends with a
    space in the export's count; read in grapheme clusters it is "müde und", on words: it was moved there, onto words
    she did not code. A span off words is her habit, no sign of another count: it stays where she put it."""
    flag = "I: 🇩🇪 Und dann? P03: Ich war so müde und allein, wirklich allein."
    plain = "P04: Gut so, danke."
    export = zipped(
        tmp_path / "habit.zip",
        admin=[{"id": 1, "text": flag, "label": [[43, 49, "Alone"]]}],  # "allein": 41–47 in code points, 43–49 in UTF-16 units
        bea=[{"id": 1, "text": flag, "label": [[31, 39, "Fatigue"]]}, {"id": 2, "text": plain, "label": [[5, 9, "Coping"]]}],
    )
    study, said = read(export)
    assert study.meta["import"]["offsets"] == "UTF-16 units"
    assert ("document_1", "Fatigue", "bea", "so müde ") in codings(study) and "another count" not in said  # was "müde und"
    assert ("document_1", "Alone", "admin", "allein") in codings(study)


def test_doccano_1_2_meta_written_as_text_is_not_dropped(tmp_path):
    """doccano up to 1.2 stores ``meta`` as JSON text and its export reads it back to an object; a file whose ``meta``
    is still that text (or any other value) lost it silently: now read, or kept whole as the variable ``meta``."""
    export = lines(
        tmp_path / "old.jsonl",
        {"id": 1, "text": TEXT, "meta": '{"name": "P01_W1", "participant": "P01"}', "annotation_approver": None, "labels": [[23, 27, "Fatigue"]]},
        {"id": 2, "text": "I: Hallo.\nP02: Gut.", "meta": "site A", "annotation_approver": None, "labels": []},
    )
    study, _ = read(export)
    values = study.meta["import"]["source_values"]
    assert values["P01_W1"]["participant"] == ["TextValue", "P01"] and values["document_2"]["meta"] == ["TextValue", "site A"]


@pytest.mark.parametrize(("rules", "shown"), [({}, "case and wave"), ({"case": "cases.csv"}, "give each its wave"), ({"case": "cases.csv", "wave": "waves.csv"}, None)])
def test_the_unnamed_documents_warning_says_only_what_is_not_given(tmp_path, rules, shown):
    export = zipped(tmp_path / "t.zip", admin=[{"id": 1, "text": TEXT, "label": [[23, 27, "Fatigue"]]}])
    (tmp_path / "cases.csv").write_text("source,case\ndocument 1,P01\n")
    (tmp_path / "waves.csv").write_text("source,wave\ndocument 1,W2\n")
    options = {key: str(tmp_path / value) for key, value in rules.items()}
    study, said = read(export, **options)
    if shown is None:
        assert "named by their doccano id" not in said
        assert list(study.documents["case_id"]) == ["P01"] and list(study.documents["wave_id"]) == ["W2"]
    else:
        assert "named by their doccano id" in said and shown in said


mixed = pytest.mark.skipif(not (DATA / "expected.json").is_file(), reason="stop 59's doccano exports are not on this machine")


@mixed
def test_real_export_switched_to_grapheme_mode_midway_every_span_as_labelled():
    expected = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
    for name, spans in expected.items():
        study, _ = read(DATA / name)
        got = sorted((c[1], c[2], c[3]) for c in codings(study))
        assert got == sorted((s["label"], s["user"], s["passage"]) for s in spans), name


def test_zip_of_1_3_files_reads_beside_mac_files(tmp_path):
    export = tmp_path / "again.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("x/admin.jsonl", json.dumps({"id": 1, "data": TEXT, "label": [[23, 27, "Fatigue"]]}) + "\n")
        archive.writestr("__MACOSX/x/._admin.jsonl", b"\x00\x05")
    study, _ = read(export)
    assert codings(study) == [("document_1", "Fatigue", "admin", "Müde")]


T23 = Path(os.environ.get("QLR_T23_DATA", "/tmp/s59/t23-data"))


@pytest.mark.skipif(not (T23 / "interviews-jsonl.zip").is_file(), reason="stop 58's doccano 1.8.4 exports are not on this machine")
def test_real_txt_uploads_named_by_csvs_warn_no_more(tmp_path):
    """doccano 1.8.4's export of six ``.txt`` uploads (stop 58): the warning that its documents are named by their ids,
    and how to give their cases and waves, was given again after the CSVs had given them."""
    cases = {"document 1": "P02", "document 2": "P06", "document 3": "P04", "document 4": "P01", "document 5": "P03", "document 6": "P05"}
    waves = {"document 1": "W1", "document 2": "W2", "document 3": "W1", "document 4": "W1", "document 5": "W2", "document 6": "W2"}
    (tmp_path / "cases.csv").write_text("source,case\n" + "".join(f"{d},{c}\n" for d, c in cases.items()))
    (tmp_path / "waves.csv").write_text("source,wave\n" + "".join(f"{d},{w}\n" for d, w in waves.items()))
    study, said = read(T23 / "interviews-jsonl.zip", case=str(tmp_path / "cases.csv"), wave=str(tmp_path / "waves.csv"))
    assert "named by their doccano id" not in said
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"], strict=True)) == {d.replace(" ", "_"): c for d, c in cases.items()}
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"], strict=True)) == {d.replace(" ", "_"): w for d, w in waves.items()}


@pytest.mark.skipif(not (DATA / "expected-1.5.5.json").is_file(), reason="stop 59's doccano 1.5.5 export is not on this machine")
def test_real_doccano_1_5_5_export_every_span_as_labelled():
    """doccano 1.5.5's own Export Dataset (JSONL; installed from PyPI, driven through its REST API): ``{"id", "data",
    "label", <metadata>}`` in ``admin.jsonl`` and ``bea.jsonl``, the text no one labelled in ``unknown.jsonl`` without
    its metadata.  Refused as "not doccano's export" before; now every span on the passage labelled, in UTF-16 units
    (an emoji and 👩‍👩‍👧 before some), and the JSONL upload's metadata the documents' cases and waves."""
    expected = json.loads((DATA / "expected-1.5.5.json").read_text(encoding="utf-8"))["doccano-1.5.5-jsonl.zip"]
    study, said = read(DATA / "doccano-1.5.5-jsonl.zip", case="variable:participant", wave="variable:wave")
    assert sorted((c[1], c[2], c[3]) for c in codings(study)) == sorted((s["label"], s["user"], s["passage"]) for s in expected)
    assert study.meta["import"]["layout"] == ["1.3"] and study.meta["import"]["offsets"] == "UTF-16 units"
    cases = dict(zip(study.documents["doc_id"], study.documents["case_id"], strict=True))
    assert cases["P01_W1"] == "P01" and cases["P02_W1"] == "P02"
    assert "in unknown.jsonl" in said and "example 3" in said


def test_doccano_1_3_text_classification_and_seq2seq_labels_are_said(tmp_path):
    """1.3 to 1.6's text-classification and sequence-to-sequence exports write names or texts under ``label``
    (``{"id", "data", "label": ["positive"]}``): documents with no codings, the labels said as whole-text labels."""
    export = zipped(
        tmp_path / "cls.zip",
        admin=[{"id": 1, "data": TEXT, "label": ["tired"]}, {"id": 2, "data": "I: Und?\nP02: Gut.", "label": ["fine", "calm"]}],
    )
    study, said = read(export)
    assert len(study.documents) == 2 and len(study.codings) == 0
    assert "3 label(s) or text(s) of whole texts" in said and "calm: 1, fine: 1, tired: 1" in said and "1 (admin), 2 (admin)" in said


@pytest.mark.parametrize(
    "content",
    [
        '[{"id": 1, "data": "I: Hi.\\nP01: Tired.", "label": ["tired"]}]',  # 1.3 to 1.6's JSON (JSONWriter)
        '[{"id":1,"text":"I: Hi.","annotations":[{"label":3,"start_offset":0,"end_offset":2,"user":1}],"meta":{},"annotation_approver":null,"comment_count":0}]',  # 1.2's
    ],
)
def test_doccanos_json_format_is_one_error_with_the_fix(tmp_path, content, capsys):
    """doccano's JSON format (a list of examples) was "not a .qdpx project"; it is named, with the JSONL to export."""
    path = tmp_path / "admin.json"
    path.write_text(content, encoding="utf-8")
    assert doccano_export_kind(path) == "json" and label_studio_export_kind(path) is None
    with pytest.raises(QdpxError) as error:
        read(path)
    assert "doccano's export in its JSON format" in str(error.value) and "JSONL(text label)" in str(error.value)
    from qlr.cli import main

    assert main(["import", str(path), "-o", str(tmp_path / "s.qlr")]) != 0
    assert "doccano's export in its JSON format" in capsys.readouterr().err
