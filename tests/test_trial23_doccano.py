"""The twenty-third trial: a team that coded its interviews in doccano, read with ``qlr.io.read_doccano``.

doccano 1.8.4's Export Dataset (format JSONL; the only one it offers a sequence-labelling project) writes a ``.zip`` of
one ``<user>.jsonl`` per member (``all.jsonl`` in a collaborative project), a line an example: ``{"id", "text", <its
metadata>, "label": [[start, end, label]], "Comments": [...]}``, with relation labelling on ``"entities": [{"id",
"label", "start_offset", "end_offset"}]`` and ``"relations"``, in an intent-detection project ``"entities"`` as lists
and ``"cats"``.  The real files (``QLR_T23_DATA``, else ``/tmp/s59/t23-data``; skipped when absent) are what doccano
1.8.4 exported after its REST API was given the spans a browser would send (UTF-16 units; grapheme clusters in a
project in grapheme mode); ``expected.json`` beside them lists each span as labelled: example, annotator, label and the
passage.  The small files below are written by hand, every value counted by hand.
"""

from __future__ import annotations

import json
import os
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import ProjectFileError, QdpxError, QlrWarning
from qlr.io._doccano import choose_unit, doccano_export_kind
from qlr.io._label_studio import label_studio_export_kind
from qlr.io._qdpx_read import source_id

from .test_trial17_taguette import codings  # (document, code name, coder, passage) of every coding, sorted

DATA = Path(os.environ.get("QLR_T23_DATA", "/tmp/s59/t23-data"))
real = pytest.mark.skipif(not (DATA / "expected.json").is_file(), reason="the doccano 1.8.4 exports are not on this machine")


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.io.read_doccano(path, kind="document", **options)
    return study, " ".join(str(w.message) for w in said if issubclass(w.category, QlrWarning))


def lines(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def zipped(path: Path, **members) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, records in members.items():
            archive.writestr(f"{name}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


# Hand-made: the emoji is one code point, two UTF-16 units: "Müde" is at 22–26 in code points, 23–27 in UTF-16 units.
TEXT = "I: Wie geht's?\nP01: 😊 Müde, aber okay."


# ---------------------------------------------------------------- hand-made exports
def test_each_annotators_file_is_their_coding_on_the_right_characters(tmp_path):
    export = zipped(
        tmp_path / "3f2c9a1e.zip",
        ann=[{"id": 4, "text": TEXT, "name": "P01_W1", "participant": "P01", "wave": 1, "label": [[23, 27, "Fatigue"], [29, 38, "Coping"]], "Comments": ["Ask about sleep."]}],
        ben=[{"id": 4, "text": TEXT, "name": "P01_W1", "participant": "P01", "wave": 1, "label": [[23, 38, "Coping"]], "Comments": []}],
    )
    assert doccano_export_kind(export) == "zip" and label_studio_export_kind(export) is None
    study, said = read(export, case="variable:participant", wave="variable:wave")
    assert codings(study) == [
        ("P01_W1", "Coping", "ann", "aber okay"),  # 29–38 in UTF-16 units: 28–37
        ("P01_W1", "Coping", "ben", "Müde, aber okay"),
        ("P01_W1", "Fatigue", "ann", "Müde"),
    ]
    assert list(study.documents["case_id"]) == ["P01"] and list(study.documents["wave_id"]) == ["1"]
    assert study.meta["import"]["offsets"] == "UTF-16 units" and "read as UTF-16 units" in said
    (memo,) = study.memos["text"]
    assert memo == "ann: Ask about sleep."


def test_spans_in_code_points_are_known_by_their_words(tmp_path):
    """Spans a script wrote (Python's count) are not moved: under UTF-16 units both would cut words."""
    export = lines(tmp_path / "ann.jsonl", {"id": 1, "text": TEXT, "label": [[22, 26, "Fatigue"], [28, 37, "Coping"]], "Comments": []})
    study, said = read(export)
    assert [c[3] for c in codings(study)] == ["aber okay", "Müde"]
    assert study.meta["import"]["offsets"] == "code points" and "read as code points" in said


def test_choose_unit_by_hand():
    """The ZWJ family is five code points, eight UTF-16 units, one grapheme cluster: "👩‍👩‍👧 alle zusammen" is 3–25
    in UTF-16 units, 3–18 in clusters, 3–22 in code points, and only its own count puts both ends on word boundaries."""
    family = "P: 👩‍👩‍👧 alle zusammen."
    assert choose_unit([(family, 3, 25)])[0] == "UTF-16 units"
    assert choose_unit([(family, 3, 18)])[0] == "grapheme clusters"
    assert choose_unit([(family, 3, 22)])[0] == "code points"
    assert choose_unit([("plain text only", 0, 5)]) == ("UTF-16 units", "no span is in a text where the counts differ")


def test_relations_categories_and_a_collaborative_file_are_said(tmp_path):
    export = zipped(
        tmp_path / "rel.zip",
        all=[
            {
                "id": 7,
                "text": "P07: Müde, aber ich schaffe das.",
                "cats": ["distressed"],
                "entities": [{"id": 16, "label": "Coping", "start_offset": 5, "end_offset": 31}, {"id": 17, "label": "Fatigue", "start_offset": 5, "end_offset": 9}],
                "relations": [{"id": 1, "from_id": 17, "to_id": 16, "type": "explains"}],
                "Comments": [{"id": 3, "comment": "Good quote."}],
            }
        ],
    )
    study, said = read(export)
    assert codings(study) == [("document_7", "Coping", "unknown", "Müde, aber ich schaffe das"), ("document_7", "Fatigue", "unknown", "Müde")]
    assert "1 relation(s) link two spans, not text, and were not imported: example:from→to (type) 7:17→16 (explains)" in said
    assert "1 label(s) of whole texts (doccano's document categories) were not imported: distressed: 1; example (annotator) 7" in said
    assert "all.jsonl is a collaborative project's export: doccano names no annotator there" in said
    assert "named by their doccano id (document 7)" in said
    assert list(study.memos["text"]) == ["Good quote."]


def test_two_examples_of_one_name_stay_two_documents_and_metadata_are_variables(tmp_path):
    export = lines(
        tmp_path / "ann.jsonl",
        {"id": 1, "text": "I: First visit.\nP04: The flat is cold.", "name": "transcript", "site": "Leeds", "age": 41, "tags": ["a"], "label": [[21, 37, "Housing"]], "Comments": []},
        {"id": 2, "text": "I: Second visit.\nP05: It is warm now.", "name": "transcript", "site": "Köln", "age": None, "label": [[22, 36, "Housing"]], "Comments": []},
    )
    study, said = read(export)
    assert codings(study) == [("transcript_id_1", "Housing", "ann", "The flat is cold"), ("transcript_id_2", "Housing", "ann", "It is warm now")]
    values = study.meta["import"]["source_values"]
    assert values["transcript_id_1"]["site"] == ["TextValue", "Leeds"] and values["transcript_id_2"]["site"] == ["TextValue", "Köln"]
    assert values["transcript_id_1"]["age"] == ["IntegerValue", "41"] and "age" not in values["transcript_id_2"]  # null: no value
    assert "1 metadata field(s) are lists or objects" in said and "tags (1)" in said


def test_a_byte_order_mark_doccano_kept_moves_no_span(tmp_path):
    """doccano 1.8.4 kept the mark of a Notepad .txt uploaded as utf_8 and counted it ("Épuisée" at 25–32)."""
    text = "\ufeffI: Comment ça va ?\nP03: Épuisée, mais j'espère."
    study, _ = read(lines(tmp_path / "ann.jsonl", {"id": 5, "text": text, "label": [[25, 32, "Fatigue"]], "Comments": []}))
    assert codings(study) == [("document_5", "Fatigue", "ann", "Épuisée")]
    assert study.documents["text"][0].startswith("I: Comment")


def test_bad_input_is_one_error_naming_the_file_and_line(tmp_path):
    good = {"id": 1, "text": "Tired.", "label": [[0, 5, "Fatigue"]], "Comments": []}
    broken = tmp_path / "ann.jsonl"
    broken.write_text(json.dumps(good) + "\n" + '{"id": 2, "text": "x", "label": [}\n', encoding="utf-8")
    with pytest.raises(QdpxError) as error:
        qlr.io.read_doccano(broken)
    assert error.value.line == 2 and "ann.jsonl, line 2 is not valid JSON" in str(error.value)
    bad = lines(tmp_path / "bad.jsonl", good, {"id": 2, "text": "Tired.", "label": [["0", 5, "Fatigue"]], "Comments": []})
    with pytest.raises(QdpxError, match=r"bad.jsonl, line 2: span 1 is not \[start, end, label\]"):
        qlr.io.read_doccano(bad)
    in_zip = zipped(tmp_path / "z.zip", ann=[good, {"id": 3, "label": []}])
    with pytest.raises(QdpxError, match=r"ann.jsonl in z.zip, line 2 is not a doccano example"):
        qlr.io.read_doccano(in_zip)
    other = lines(tmp_path / "other.jsonl", {"text": "no id"})
    with pytest.raises(QdpxError, match="not doccano's export"):
        qlr.io.read_doccano(other)


def test_found_by_content_by_import_info_open_and_a_folder(tmp_path, capsys):
    export = zipped(tmp_path / "export.zip", ann=[{"id": 1, "text": TEXT, "name": "P01_W1", "label": [[23, 27, "Fatigue"]], "Comments": []}])
    out = tmp_path / "study.qlr"
    assert main(["import", str(export), "-o", str(out), "--case", "pattern:^(?P<case>P[0-9]+)_"]) in (0, 3)
    saved = qlr.open(out)
    assert codings(saved) == [("P01_W1", "Fatigue", "ann", "Müde")]
    capsys.readouterr()
    main(["info", str(export)])
    assert "codings by coder: ann 1" in capsys.readouterr().out
    with pytest.raises(ProjectFileError, match="doccano export"):
        qlr.open(export)
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01_W1_interview.txt").write_text("I: Hello?\nP01: Tired.\n", encoding="utf-8")
    zipped(folder / "doccano-export.zip", ann=[{"id": 1, "text": TEXT, "label": [], "Comments": []}])
    notes = " ".join(qlr.load(folder).meta["inferred"])
    assert "coded project file(s) not read with the folder" in notes and "doccano-export.zip" in notes


@pytest.mark.parametrize("argv", [[], ["import"], ["info"]])
def test_help_names_doccano(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    assert "doccano" in " ".join(capsys.readouterr().out.split())


# ---------------------------------------------------------------- doccano 1.8.4's own exports
def _expected(key: str) -> Counter:
    listed = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))[key]
    return Counter((str(s["example"]), s["user"], s["label"], s["quote"]) for s in listed)


def _found(study, *, collaborative: bool = False) -> Counter:
    examples = {source_id(row["document"]): str(row["example"]) for row in study.meta["import"]["examples"]}
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    names = {code.id: code.name for book in study.codebooks.values() for code in book}
    return Counter(
        (examples[row.doc_id], None if collaborative else row.coder, names[row.code_id], texts[row.doc_id][row.start : row.end]) for row in study.codings.itertuples()
    )


@real
def test_real_sequence_labelling_export_every_span_as_labelled():
    """Two annotators' files; six .txt uploads (German with emoji and a ZWJ family, CRLF line ends, a byte-order mark,
    two ``transcript.txt``, a 117 kB interview): every one of the 15 spans on its passage, in UTF-16 units."""
    study, said = read(DATA / "interviews-jsonl.zip")
    assert _found(study) == _expected("interviews") and len(study.codings) == 15
    assert study.meta["import"]["offsets"] == "UTF-16 units"
    assert sorted(study.meta["import"]["files"]) == ["admin.jsonl", "bea.jsonl"]
    texts = " ".join(study.documents["text"])
    assert "\r" not in texts and "\ufeff" not in texts and len(study.documents) == 6  # two transcript.txt: two documents
    assert list(study.memos["text"]) == ["admin: Check the family passage with P01 again."]
    assert "names no uploaded file, so 6 document(s)" in said


@real
def test_real_relation_export_metadata_variables_and_relations():
    study, said = read(DATA / "relations-jsonl.zip", case="variable:participant", wave="variable:wave")
    assert _found(study) == _expected("relations")
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"])) == {"P07_W2": "P07", "P08_W2": "P08"}
    assert study.meta["import"]["source_values"]["P07_W2"]["site"] == ["TextValue", "Köln"]
    assert "1 relation(s) link two spans" in said and "(explains)" in said


@real
def test_real_grapheme_mode_and_collaborative_export():
    study, said = read(DATA / "graphemes-jsonl.zip")
    assert _found(study, collaborative=True) == Counter({(ex, None, label, quote): n for (ex, _, label, quote), n in _expected("graphemes").items()})
    assert study.meta["import"]["offsets"] == "grapheme clusters" and "collaborative" in said


@real
def test_real_intent_export_spans_read_categories_said():
    study, said = read(DATA / "intent-jsonl.zip")
    assert _found(study) == _expected("intent")
    assert "2 label(s) of whole texts (doccano's document categories) were not imported: distressed: 1, stable: 1" in said


@real
def test_real_exports_and_their_fuzz_give_only_qlr_errors(tmp_path):
    import random

    rng = random.Random(23)
    for source in sorted(DATA.glob("*.zip")):
        with zipfile.ZipFile(source) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        for trial in range(15):
            changed = {}
            for name, data in members.items():
                data = bytearray(data)
                for _ in range(rng.randint(1, 4)):
                    if data:
                        data[rng.randrange(len(data))] = rng.choice(b'0123456789[]{},":-ab\n')
                changed[name] = bytes(data)
            target = tmp_path / f"{source.stem}-{trial}.zip"
            with zipfile.ZipFile(target, "w") as archive:
                for name, data in changed.items():
                    archive.writestr(name, data)
            try:
                read(target)
            except qlr.errors.QlrError:
                pass


def test_windows_line_ends_in_an_uploaded_jsonl_text_keep_spans_on_their_words(tmp_path):
    """A JSONL upload keeps a text's CRLF (only a .txt upload is read with universal newlines): doccano counts it as
    two; the document keeps one line break and the span after it is still on its passage."""
    text = "I: How are you?\r\nP02: Tired – but coping.\r\n"
    study, _ = read(lines(tmp_path / "ann.jsonl", {"id": 1, "text": text, "label": [[22, 27, "Fatigue"], [30, 40, "Coping"]], "Comments": []}))
    assert codings(study) == [("document_1", "Coping", "ann", "but coping"), ("document_1", "Fatigue", "ann", "Tired")]
    assert "\r" not in study.documents["text"][0]


# ---------------------------------------------------------------- a second engineer's near misses (doccano 1.8.4's own lines)
# doccano's export writes an example as {"id": its id, "text": …, **its metadata}: a JSONL upload's own "id" field is
# metadata, so it is written over doccano's id.  Each line below is as doccano 1.8.4 exported it (uploads of JSONL).
SLEEP = "I: How are you?\nP01: Tired 😴 but coping."


def test_an_uploaded_jsonls_own_string_ids_are_read_and_name_the_documents(tmp_path):
    """A team's upload {"id": "P01_W1", "text": …}: doccano's export keeps "P01_W1" as the example's id (refused before)."""
    export = zipped(
        tmp_path / "ids.zip",
        admin=[
            {"id": "P01_W1", "text": SLEEP, "participant": "P01", "wave": 1, "label": [[21, 26, "Fatigue"], [30, 40, "Coping"]], "Comments": []},
            {"id": "P01_W2", "text": "I: And now?\nP01: Still tired, still coping.", "participant": "P01", "wave": 2, "label": [], "Comments": []},
        ],
        bea=[
            {"id": "P01_W1", "text": SLEEP, "participant": "P01", "wave": 1, "label": [], "Comments": []},
            {"id": "P01_W2", "text": "I: And now?\nP01: Still tired, still coping.", "participant": "P01", "wave": 2, "label": [[17, 28, "Fatigue"]], "Comments": []},
        ],
    )
    assert doccano_export_kind(export) == "zip"
    study, said = read(export, case="variable:participant", wave="variable:wave")
    assert codings(study) == [("P01_W1", "Coping", "admin", "but coping"), ("P01_W1", "Fatigue", "admin", "Tired"), ("P01_W2", "Fatigue", "bea", "Still tired")]
    assert list(study.documents["wave_id"]) == ["1", "2"] and "named by their doccano id" not in said


def test_two_examples_with_one_uploaded_id_stay_two_documents(tmp_path):
    """An upload whose "id" is the participant's number (1 at both waves): two examples, both id 1, in each file.
    Before, the second was merged into the first (its text lost, its span dropped as outside the first's text)."""
    first, second = "I: How are you?\nP01: Tired but coping.", "I: And now?\nP01: Still tired, still coping."
    export = zipped(
        tmp_path / "intids.zip",
        admin=[{"id": 1, "text": first, "wave": 1, "label": [[21, 26, "Fatigue"]], "Comments": []}, {"id": 1, "text": second, "wave": 2, "label": [[30, 42, "Coping"]], "Comments": []}],
        bea=[{"id": 1, "text": first, "wave": 1, "label": [], "Comments": []}, {"id": 1, "text": second, "wave": 2, "label": [[17, 28, "Fatigue"]], "Comments": []}],
    )
    study, said = read(export, wave="variable:wave")
    assert sorted(study.documents["text"]) == sorted([first, second])
    by_wave = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    assert sorted((by_wave[doc], code, coder, quote) for doc, code, coder, quote in codings(study)) == [
        ("1", "Fatigue", "admin", "Tired"),
        ("2", "Coping", "admin", "still coping"),
        ("2", "Fatigue", "bea", "Still tired"),
    ]
    assert "2 example(s) share their id with another example (1)" in said and "not imported" not in said


def test_whole_numbers_pandas_wrote_as_floats_are_whole_again(tmp_path):
    """A project with a JSONL upload (wave, age) and a .txt upload (no metadata): doccano's export (pandas) writes
    the column's numbers as 1.0 and 41.0 and the .txt's as null; the researcher's values were 1 and 41."""
    export = lines(
        tmp_path / "admin.jsonl",
        {"id": 15, "text": SLEEP, "name": "P01_W1", "participant": "P01", "wave": 1.0, "age": 41.0, "score": 2.5, "label": [[21, 26, "Fatigue"]], "Comments": []},
        {"id": 17, "text": "I: Hello?\nP02: Fine.", "name": None, "participant": None, "wave": None, "age": None, "score": 3.0, "label": [], "Comments": []},
    )
    study, _ = read(export)
    values = study.meta["import"]["source_values"]
    assert values["P01_W1"]["wave"] == ["IntegerValue", "1"] and values["P01_W1"]["age"] == ["IntegerValue", "41"]
    assert values["P01_W1"]["score"] == ["FloatValue", "2.5"] and values["document_17"]["score"] == ["FloatValue", "3"]


def test_a_sequence_to_sequence_exports_texts_are_not_called_categories(tmp_path):
    """doccano 1.8.4's export of a sequence-to-sequence project: "label" holds the texts a member wrote."""
    export = lines(tmp_path / "admin.jsonl", {"id": 21, "text": "I: How are you?\nP02: Tired – but coping.", "label": ["A tired participant who copes."], "Comments": []})
    study, said = read(export)
    assert len(study.codings) == 0
    assert "1 label(s) or text(s) of whole texts (a text-classification project's categories, or the texts a sequence-to-sequence project's members wrote) were not imported: A tired participant who copes.: 1" in said


def test_code_points_chosen_in_a_text_without_clusters_names_grapheme_mode_too(tmp_path):
    """In a grapheme-mode project whose emoji are each one code point, graphemes and code points agree: the count
    chosen is named code points, and the warning must not tell the team their spans were imported."""
    export = lines(tmp_path / "all.jsonl", {"id": 9, "text": "P01: Müde. Café 😊 hilft.", "label": [[16, 23, "Wellbeing"]], "Comments": []})
    study, said = read(export)
    assert codings(study) == [("document_9", "Wellbeing", "unknown", "😊 hilft")]
    assert "read as code points (spans written by a script or imported, or a project in grapheme mode" in said


def _unzipped(source: Path, folder: Path) -> Path:
    with zipfile.ZipFile(source) as archive:
        archive.extractall(folder)
    return folder


def test_the_export_unzipped_or_zipped_again_on_a_mac_reads_as_the_zip(tmp_path):
    """A researcher who opened the .zip (a folder of <user>.jsonl) and gave the folder, or compressed it again on a Mac
    (the files in that folder, beside __MACOSX/ and ._ resource forks): refused as not doccano's export before."""
    export = zipped(
        tmp_path / "3f2c9a1e.zip",
        ann=[{"id": 4, "text": TEXT, "name": "P01_W1", "label": [[23, 27, "Fatigue"]], "Comments": []}],
        ben=[{"id": 4, "text": TEXT, "name": "P01_W1", "label": [[29, 38, "Coping"]], "Comments": []}],
    )
    expected = [("P01_W1", "Coping", "ben", "aber okay"), ("P01_W1", "Fatigue", "ann", "Müde")]
    folder = _unzipped(export, tmp_path / "3f2c9a1e")
    assert doccano_export_kind(folder) == "folder"
    assert codings(read(folder)[0]) == expected
    again = tmp_path / "3f2c9a1e 2.zip"
    with zipfile.ZipFile(again, "w") as archive:
        for member in sorted(folder.iterdir()):
            archive.write(member, f"3f2c9a1e/{member.name}")
            archive.writestr(f"__MACOSX/3f2c9a1e/._{member.name}", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
        archive.writestr("3f2c9a1e/.DS_Store", b"\x00\x00\x00\x01Bud1")
    assert doccano_export_kind(again) == "zip"
    assert codings(read(again)[0]) == expected
    out = tmp_path / "study.qlr"
    assert main(["import", str(folder), "-o", str(out), "-q"]) in (0, 3) and codings(qlr.open(out)) == expected


def test_a_folder_with_other_files_is_one_clear_error(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    lines(folder / "ann.jsonl", {"id": 1, "text": TEXT, "label": [[23, 27, "Fatigue"]], "Comments": []})
    (folder / "notes.txt").write_text("Which file is whose?", encoding="utf-8")
    assert doccano_export_kind(folder) is None
    with pytest.raises(QdpxError, match="not doccano's export"):
        qlr.io.read_doccano(folder)


@real
def test_real_export_unzipped_reads_as_the_zip(tmp_path):
    folder = _unzipped(DATA / "interviews-jsonl.zip", tmp_path / "interviews")
    assert _found(read(folder)[0]) == _expected("interviews")
