"""The twenty-fourth trial: a researcher who coded their interviews in brat, read with ``qlr.io.read_brat``.

A brat collection is a folder of ``doc.txt`` + ``doc.ann`` pairs (standoff: ``T1<TAB>Type start end<TAB>text``, and
A/M attributes, N normalizations, ``#`` notes, R relations, E events, ``*`` equivalences), with an optional
``annotation.conf``.  The small collections below are written by hand, every offset counted by hand (the text's
characters are listed beside it).  The real collections (``QLR_T24_DATA``, else ``/tmp/s60/t24-real``; skipped when
absent) are brat's own example data (nlplab/brat ``example-data/``: the news tutorial, its annotation.conf, events,
attributes, notes, normalizations) and the DiMB-RE corpus (ScienceNLP-Lab/DiMB-RE ``data/brat_v2/raw_files``: 165
abstracts, non-ASCII text, 285 discontinuous annotations, normalizations, events with attributes).
"""

from __future__ import annotations

import os
import warnings
import zipfile
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import ProjectFileError, QdpxError, QlrWarning
from qlr.io._brat import brat_collection_kind, read_conf

from .test_trial17_taguette import codings  # (document, code name, coder, passage) of every coding, sorted

DATA = Path(os.environ.get("QLR_T24_DATA", "/tmp/s60/t24-real"))
real = pytest.mark.skipif(not (DATA / "example-data" / "tutorials" / "news" / "annotation.conf").is_file(), reason="brat's example data is not on this machine")

# "I: How are you?\n" is 16 characters; "P01: " 16–21; "Müde" 21–25; " " 25; "😊" 26 (one code point, two UTF-16 units);
# " " 27; "but" 28–31; " " 31; "coping" 32–38; "," 38; " " 39; "mostly" 40–46; " " 46; "coping" 47–53; "." 53; "\n" 54.
TEXT = "I: How are you?\nP01: Müde 😊 but coping, mostly coping.\n"
ANN = (
    "T1\tFatigue 21 25\tMüde\n"
    "T2\tCoping 32 38;47 53\tcoping coping\n"  # discontinuous: two fragments, their texts joined by a space
    "A1\tNegation T1\n"
    "A2\tCertainty T2 Rather low\n"  # a value may hold a space
    "#1\tAnnotatorNotes T2\tsaid twice\n"
    "N1\tReference T1 Wikipedia:1\tTiredness\n"
    "R1\tExplains Arg1:T1 Arg2:T2\t\n"
    "T3\tMove 40 46\tmostly\n"
    "E1\tMove:T3 Theme:T1\n"
    "A3\tNegation E1\n"
    "*\tEquiv T1 T2\n"
)


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.io.read_brat(path, kind="document", **options)
    return study, " ".join(str(w.message) for w in said if issubclass(w.category, QlrWarning))


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return folder


def memos(study) -> dict[str, list[str]]:
    """Each coded passage's memos: {passage: [memo, …]}."""
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    at = {row.coding_id: texts[row.doc_id][row.start : row.end] for row in study.codings.itertuples()}
    found: dict[str, list[str]] = {}
    for row in study.memos.itertuples():
        if row.target_type == "coding":
            found.setdefault(at[row.target_id], []).append(row.text)
    return {k: sorted(set(v)) for k, v in found.items()}


def test_every_kind_of_annotation_at_its_passage_and_the_rest_said(tmp_path):
    folder = write(tmp_path / "collection", {"P01_W1.txt": TEXT, "P01_W1.ann": ANN})
    study, said = read(folder, coder="ana")
    assert codings(study) == sorted(
        [
            ("P01_W1", "Fatigue", "ana", "Müde"),
            ("P01_W1", "Negation", "ana", "Müde"),  # A1: an attribute is a code on the same passage
            ("P01_W1", "Coping", "ana", "coping"),  # T2's two fragments, a coding each
            ("P01_W1", "Coping", "ana", "coping"),
            ("P01_W1", "Rather low", "ana", "coping"),  # A2: Certainty > Rather low, on both fragments
            ("P01_W1", "Rather low", "ana", "coping"),
            ("P01_W1", "Move", "ana", "mostly"),  # an event's trigger is a coding of its type
            ("P01_W1", "Negation", "ana", "mostly"),  # A3 is on E1: moved onto its trigger T3
        ]
    )
    starts = sorted({(row.start, row.end) for row in study.codings.itertuples()})
    assert starts == [(21, 25), (32, 38), (40, 46), (47, 53)]
    assert memos(study) == {"Müde": ["Reference: Wikipedia:1 (Tiredness)"], "coping": ["said twice"]}
    (book,) = study.codebooks.values()
    parent = {code.name: next((c.name for c in book if c.id == code.parent), None) for code in book}
    assert parent["Rather low"] == "Certainty" and parent["Fatigue"] is None
    for part in ("1 relation(s) (R)", "R1 (Explains Arg1:T1 Arg2:T2)", "1 event(s) (E)", "(1 moved onto their trigger)", "E1 (Move:T3 Theme:T1)",
                 "1 equivalence(s)", "Equiv T1 T2", "1 discontinuous annotation(s)", "P01_W1.ann:T2 (2)"):
        assert part in said, part
    assert "name no annotator" not in said  # coder= named one
    assert study.meta["import"]["format"] == "brat"


def test_offsets_counted_otherwise_are_placed_by_their_text(tmp_path):
    """brat counts code points of the .txt as read; a tool that counted UTF-16 units, a .txt with CRLF line ends (counted
    as two, or as one where read with universal newlines) or a byte-order mark (counted or not) moves the offsets: each
    T line's text says where it is."""
    crlf = TEXT.replace("\n", "\r\n")  # "I: How are you?\r\n" is 17: every offset after it one more
    files = {
        "utf16.txt": TEXT, "utf16.ann": "T1\tCoping 33 39\tcoping\n",  # after 😊 (two units): 32 + 1
        "crlf_two.txt": crlf, "crlf_two.ann": "T1\tCoping 33 39\tcoping\nT2\tFatigue 22 26\tMüde\n",
        "crlf_one.txt": crlf, "crlf_one.ann": "T1\tCoping 32 38\tcoping\nT2\tFatigue 21 25\tMüde\n",
        "bom.txt": "\ufeff" + TEXT, "bom.ann": "T1\tCoping 33 39\tcoping\nT2\tFatigue 22 26\tMüde\n",  # the mark counted: one more
    }
    study, said = read(write(tmp_path / "c", files), coder="ana")
    assert codings(study) == sorted(
        [("utf16", "Coping", "ana", "coping")]
        + [(doc, code, "ana", word) for doc in ("crlf_two", "crlf_one", "bom") for code, word in (("Coping", "coping"), ("Fatigue", "Müde"))]
    )
    chosen = {name: info["convention"] for name, info in study.meta["import"]["sources"].items()}
    assert chosen == {"bom": "code points+bom", "crlf_one": "code points, CRLF as one", "crlf_two": "code points", "utf16": "utf-16"}
    assert "do not line up" not in said


def test_a_text_that_is_not_the_one_at_its_place_is_named(tmp_path):
    folder = write(tmp_path / "c", {"P01_W1.txt": TEXT, "P01_W1.ann": "T1\tFatigue 21 25\tMüde\nT2\tCoping 28 31\tcoping\n"})
    study, said = read(folder)
    assert "1 coding(s) do not line up" in said and "P01_W1.ann T2" in said and "'but'" in said
    assert codings(study) == [("P01_W1", "Coping", "unknown", "but"), ("P01_W1", "Fatigue", "unknown", "Müde")]
    assert "brat's files name no annotator" in said


def test_annotation_conf_is_the_codebook(tmp_path):
    conf = "[entities]\n# the feelings\n!Feeling\n\tFatigue\n\tHope | H\n---\nPlace\n[relations]\nExplains\tArg1:Feeling, Arg2:Feeling\n[events]\n[attributes]\nNegation\tArg:<ENTITY>\n"
    folder = write(tmp_path / "c", {"annotation.conf": conf, "P01_W1.txt": TEXT, "P01_W1.ann": "T1\tFatigue 21 25\tMüde\nT2\tCoping 32 38\tcoping\n"})
    study, said = read(folder)
    (book,) = study.codebooks.values()
    names = {code.id: code.name for code in book}
    shape = [(code.name, names.get(code.parent)) for code in book]
    assert shape[:4] == [("Feeling", None), ("Fatigue", "Feeling"), ("Hope", "Feeling"), ("Place", None)]  # the conf's order
    assert ("Coping", None) in shape
    assert "1 annotation type(s) used in the .ann files are not in annotation.conf" in said and "Coping (1)" in said
    types, attributes = read_conf(conf)
    assert [(path, usable) for path, usable in types] == [(["Feeling"], False), (["Feeling", "Fatigue"], True), (["Feeling", "Hope"], True), (["Place"], True)]
    assert attributes == ["Negation"]


def test_missing_partners_and_nested_folders(tmp_path):
    """A .ann without its .txt is said with its lines (its annotations cannot be placed); a .txt without a .ann is a
    document no one coded; folders name the documents (P01/W1), so waves and cases come from them by rule."""
    folder = write(
        tmp_path / "c",
        {
            "P01/W1.txt": TEXT, "P01/W1.ann": "T1\tFatigue 21 25\tMüde\n",
            "P02/W1.txt": "I: And you?\nP02: Fine.\n", "P02/W1.ann": "T1\tCoping 17 21\tFine\n",
            "P02/W2.txt": "I: Still?\nP02: Yes.\n",
            "P03/W1.ann": "T1\tFatigue 0 4\tTired\nA1\tNegation T1\n",
        },
    )
    study, said = read(folder, coder="ana", case="pattern:^(?P<case>P\\d+)/", wave="pattern:/(?P<wave>W\\d)$")
    assert codings(study) == [("P01_W1", "Fatigue", "ana", "Müde"), ("P02_W1", "Coping", "ana", "Fine")]
    assert sorted(study.documents["doc_id"]) == ["P01_W1", "P02_W1", "P02_W2"]
    waves = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    assert waves == {"P01_W1": "W1", "P02_W1": "W1", "P02_W2": "W2"}
    assert "1 .ann file(s) have no .txt" in said and "P03/W1.ann (2 line(s))" in said
    assert "1 .txt file(s) have no .ann" in said and "P02/W2.txt" in said
    assert "annotators'" not in said  # P01/P02 hold other texts: no annotators' folders


def test_cases_and_waves_from_csvs_by_the_documents_paths(tmp_path):
    folder = write(tmp_path / "c", {"P01/first.txt": "I: Hi?\nP01: Tired.\n", "P01/first.ann": "T1\tFatigue 12 17\tTired\n", "P01/later.txt": "I: Hi?\nP01: Fine.\n"})
    (tmp_path / "cases.csv").write_text("source,case\nP01/first,P01\nP01/later,P01\n", encoding="utf-8")
    (tmp_path / "waves.csv").write_text("source,wave\nP01/first,W1\nP01/later,W2\n", encoding="utf-8")
    study, _ = read(folder, coder="ana", case=tmp_path / "cases.csv", wave=tmp_path / "waves.csv")
    rows = sorted(zip(study.documents["doc_id"], study.documents["case_id"], study.documents["wave_id"]))
    assert rows == [("P01_first", "P01", "W1"), ("P01_later", "P01", "W2")]
    assert codings(study) == [("P01_first", "Fatigue", "ana", "Tired")]


def test_a_deep_collection_is_read_whole(tmp_path):
    """Known by the .ann files in its first four levels, a folder is then read whole: none of its documents left out."""
    deep = "site/a/b/c/d/P02_W1"  # six levels down
    folder = write(tmp_path / "c", {"P01_W1.txt": TEXT, "P01_W1.ann": "T1\tFatigue 21 25\tMüde\n", f"{deep}.txt": TEXT, f"{deep}.ann": "T1\tCoping 47 53\tcoping\n"})
    study, _ = read(folder)
    assert codings(study) == [("P01_W1", "Fatigue", "unknown", "Müde"), ("site_a_b_c_d_P02_W1", "Coping", "unknown", "coping")]


def test_annotator_folders_are_coders(tmp_path):
    folder = write(
        tmp_path / "c",
        {
            "ana/P01_W1.txt": TEXT, "ana/P01_W1.ann": "T1\tFatigue 21 25\tMüde\n",
            "ben/P01_W1.txt": TEXT, "ben/P01_W1.ann": "T1\tFatigue 21 25\tMüde\nT2\tCoping 47 53\tcoping\n",
        },
    )
    study, said = read(folder)
    assert codings(study) == [("P01_W1", "Coping", "ben", "coping"), ("P01_W1", "Fatigue", "ana", "Müde"), ("P01_W1", "Fatigue", "ben", "Müde")]
    assert list(study.documents["doc_id"]) == ["P01_W1"]
    assert "top folders are 2 annotators'" in said and "ana, ben" in said
    # The text kept once at the top, each annotator's .ann in their folder: the same.
    shared = write(tmp_path / "shared", {"P01_W1.txt": TEXT, "ana/P01_W1.ann": "T1\tFatigue 21 25\tMüde\n", "ben/P01_W1.ann": "T1\tCoping 47 53\tcoping\n"})
    study, said = read(shared)
    assert codings(study) == [("P01_W1", "Coping", "ben", "coping"), ("P01_W1", "Fatigue", "ana", "Müde")]
    assert ".ann file(s) have no .txt" not in said


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("T1\tFatigue 21 x\tMüde", "line 2: T1 is not 'TYPE START END'"),
        ("T1 Fatigue 21 25 Müde", "line 2 is not a brat annotation (an id, a tab"),
        ("T1\tFatigue 25 21\tMüde", "T1 ends (21) before it starts (25)"),
        ("X1\tFatigue 21 25\tMüde", "'X1' is no kind of brat annotation"),
        ("A1\tNegation", "an attribute is its name, the id it is on"),
        ("T9\tCoping 47 53\tcoping", "the id T9 is used twice"),
    ],
)
def test_a_bad_line_is_one_error_naming_its_file_and_line(tmp_path, line, said):
    folder = write(tmp_path / "c", {"P01_W1.txt": TEXT, "P01_W1.ann": "T9\tCoping 32 38\tcoping\n" + line + "\n"})
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(folder)
    assert said in str(caught.value) and "P01_W1.ann" in str(caught.value)


def test_found_by_content_by_import_info_open_and_a_folder(tmp_path, capsys):
    folder = write(tmp_path / "collection", {"P01_W1.txt": TEXT, "P01_W1.ann": "T1\tFatigue 21 25\tMüde\n", "P02_W1.txt": "I: Hi.\nP02: Fine.\n", "P02_W1.ann": ""})
    archive = tmp_path / "collection.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for member in sorted(folder.iterdir()):
            zipped.write(member, f"collection/{member.name}")  # the folder zipped whole: its name above the files
        zipped.writestr("__MACOSX/collection/._P01_W1.ann", b"\x00\x05\x16\x07")
    assert brat_collection_kind(folder) == "folder" and brat_collection_kind(archive) == "zip"
    assert brat_collection_kind(folder / "P01_W1.ann") == "ann" and brat_collection_kind(folder / "P01_W1.txt") is None
    study, _ = read(archive)
    assert codings(study) == [("P01_W1", "Fatigue", "unknown", "Müde")]
    out = tmp_path / "study.qlr"
    assert main(["import", str(archive), "--coder", "ana", "-o", str(out), "-q"]) in (0, 3)
    assert codings(qlr.open(out)) == [("P01_W1", "Fatigue", "ana", "Müde")]
    assert main(["import", str(archive), "--coder", "1=ana", "-o", str(out), "-q"]) != 0  # Label Studio's form: said, with brat's
    assert "for a brat collection --coder is who annotated it: --coder NAME" in capsys.readouterr().err
    with pytest.raises(ProjectFileError, match="brat's standoff annotations"):
        qlr.open(folder / "P01_W1.ann")
    with pytest.raises(ProjectFileError, match="a brat collection"):
        qlr.open(archive)
    # The collection's folder, read as a study (its .txt files), names the codings it leaves in the .ann files.
    notes = " ".join(qlr.load(folder).meta["inferred"])
    assert "2 brat annotation file(s)" in notes and "P01_W1.ann" in notes and "qlr import FOLDER" in notes
    with pytest.raises(QdpxError, match="not a brat collection"):
        qlr.io.read_brat(folder / "P01_W1.txt")


@real
def test_brats_news_tutorial():
    """brat's own tutorial collection: its annotation.conf's hierarchy (!Life over Be-born …), relations, events with
    attributes, notes and normalizations, and .txt files no one annotated (their .ann empty)."""
    study, said = read(DATA / "example-data" / "tutorials" / "news", coder="brat")
    report = study.meta["import"]
    assert (report["placed"], report["selections"]) == (119, 119)
    assert "do not line up" not in said
    found = codings(study)
    # 110-note_annotation.ann: "T1\tGPE 412 421\tDiscworld" and "#1\tAnnotatorNotes T1\tShould fictional places be annotated?";
    # visual.conf labels GPE "Geo-political entity" and Be-born "Be born" (what brat showed its annotators)
    assert ("110-note_annotation", "Geo-political entity", "brat", "Discworld") in found
    assert "Should fictional places be annotated?" in memos(study)["Discworld"]
    (book,) = study.codebooks.values()
    names = {code.id: code.name for code in book}
    assert {names.get(code.parent) for code in book if code.name in ("Be born", "Marry", "Die")} == {"Life"}
    assert "8 relation(s) (R)" in said and "event(s) (E)" in said


@real
def test_dimb_re_abstracts():
    """DiMB-RE's 165 abstracts: all 17,029 fragments at their text (non-ASCII in 116 of them), 285 discontinuous
    annotations a coding per fragment, normalizations as memos, events' Factuality on their triggers."""
    folder = DATA / "DiMB-RE" / "data" / "brat_v2" / "raw_files"
    if not folder.is_dir():
        pytest.skip("DiMB-RE is not on this machine")
    study, said = read(folder)
    report = study.meta["import"]
    assert (report["placed"], report["selections"], len(study.documents)) == (17029, 17029, 165)
    assert "do not line up" not in said and "285 discontinuous annotation(s)" in said
    # 11101474.ann: "T8\tFood 433 439;446 451\tyogurt fresh"
    found = [row for row in codings(study) if row[0] == "11101474" and row[1] == "Food"]
    assert ("11101474", "Food", "unknown", "yogurt") in found and ("11101474", "Food", "unknown", "fresh") in found


# ---------------------------------------------------------------- a second engineer's review (stop 59)
def test_an_attribute_named_as_a_type_is_a_code_apart(tmp_path):
    # brat keeps [entities] and [attributes] apart, so one name may be both: a type Negation ("P01: Müde", 16–25) and an
    # attribute Negation on a Fatigue ("Müde", 21–25) and on the Negation itself; and an attribute Certainty whose
    # value Low is also a type under the type Certainty.  Each stays its own code: the Negation annotation with the
    # Negation attribute is two codings, not one.
    conf = "[entities]\nNegation\nFatigue\nCertainty\n\tLow\n[attributes]\nNegation\tArg:<ENTITY>\nCertainty\tArg:<ENTITY>, Value:Low|High\n"
    ann = "T1\tFatigue 21 25\tMüde\nT2\tNegation 16 25\tP01: Müde\nA1\tNegation T1\nA2\tNegation T2\nT3\tLow 28 31\tbut\nA3\tCertainty T3 Low\n"
    folder = write(tmp_path / "c", {"annotation.conf": conf, "P01_W1.txt": TEXT, "P01_W1.ann": ann})
    study, said = read(folder, coder="ana")
    (book,) = study.codebooks.values()
    codes = {code.id: code for code in book}
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    found = sorted(
        (codes[row.code_id].parent and codes[codes[row.code_id].parent].name or "", codes[row.code_id].name, texts[row.doc_id][row.start : row.end])
        for row in study.codings.itertuples()
    )
    assert found == [
        ("", "Fatigue", "Müde"),
        ("", "Negation", "P01: Müde"),
        ("", "Negation (attribute)", "Müde"),
        ("", "Negation (attribute)", "P01: Müde"),
        ("Certainty", "Low", "but"),
        ("Certainty (attribute)", "Low", "but"),
    ]
    assert "2 attribute(s) have the name of an annotation type (Certainty, Negation)" in said


def test_an_error_points_at_the_ann_file_and_its_line(tmp_path):
    # The error's place is the .ann (a researcher's editor opens it at that line), not the collection's folder at the
    # .ann's line number; in a zip, the zip (the member and line are in the message).  A .txt that is not UTF-8: the
    # file and its byte.
    folder = write(tmp_path / "c", {"P01_W1.txt": TEXT, "P01_W1.ann": "T1\tFatigue 21 25\tMüde\n", "sub/P02_W1.txt": TEXT, "sub/P02_W1.ann": "T1\tFatigue 21 25\tMüde\nT2 Coping 32 38 coping\n"})
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(folder)
    assert (Path(caught.value.path), caught.value.line) == (folder / "sub" / "P02_W1.ann", 2)
    assert str(caught.value).startswith(f"{folder / 'sub' / 'P02_W1.ann'}:2: sub/P02_W1.ann, line 2 is not a brat annotation")
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(folder / "sub" / "P02_W1.ann")
    assert (Path(caught.value.path), caught.value.line) == (folder / "sub" / "P02_W1.ann", 2)
    archive = tmp_path / "c.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(folder / "sub" / "P02_W1.txt", "P02_W1.txt")
        zipped.write(folder / "sub" / "P02_W1.ann", "P02_W1.ann")
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(archive)
    assert (Path(caught.value.path), caught.value.line) == (archive, None) and "P02_W1.ann in c.zip, line 2" in str(caught.value)
    (folder / "sub" / "P02_W1.ann").write_text("T1\tFatigue 21 25\tMüde\n\nT2\tCoping 32\tcoping\n", encoding="utf-8")
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(folder)
    assert (Path(caught.value.path), caught.value.line) == (folder / "sub" / "P02_W1.ann", 3) and "T2 is not 'TYPE START END'" in str(caught.value)
    (folder / "sub" / "P02_W1.ann").write_text("T1\tFatigue 21 25\tMüde\n", encoding="utf-8")
    (folder / "P01_W1.txt").write_bytes(TEXT.encode("latin-1", errors="replace"))
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_brat(folder)
    assert (Path(caught.value.path), caught.value.position) == (folder / "P01_W1.txt", 22)  # "Müde": ü at byte 22


def test_a_study_folder_keeping_its_brat_collection_in_a_folder_is_a_study(tmp_path, capsys):
    # A study folder (no study.yaml, its transcripts in transcripts/) with the brat collection in brat/ is the study:
    # `qlr info` reads its transcripts and names the collection's folder, with the command that reads its codings.
    # A folder holding nothing but the collection's folder (an unzipped archive) is still the collection.
    from qlr.cli import _project_tool

    study = write(
        tmp_path / "study",
        {"transcripts/P02_W1.txt": "I: Hi.\nP02: Fine.\n", "transcripts/P02_W2.txt": "I: And now?\nP02: Fine still.\n", "brat/P01_W1.txt": TEXT, "brat/P01_W1.ann": "T1\tFatigue 21 25\tMüde\n"},
    )
    wrapper = write(tmp_path / "unzipped", {"collection/P01_W1.txt": TEXT, "collection/P01_W1.ann": "T1\tFatigue 21 25\tMüde\n"})
    assert _project_tool(study) is None and _project_tool(study, as_study=False) == "brat" and _project_tool(wrapper) == "brat"
    assert main(["info", str(study)]) in (0, 3)
    err = capsys.readouterr().err
    assert f"{study} holds a brat collection ({study / 'brat'}) beside transcripts of its own" in err
    assert f"qlr import {study / 'brat'} -o study.qlr" in err
    assert sorted(qlr.load(study, progress=False).documents["doc_id"]) == ["P01_W1", "P02_W1", "P02_W2"]
    imported, _ = read(study / "brat", coder="ana")
    assert codings(imported) == [("P01_W1", "Fatigue", "ana", "Müde")]
    imported, _ = read(wrapper, coder="ana")
    assert codings(imported) == [("collection_P01_W1", "Fatigue", "ana", "Müde")]


def test_visual_conf_labels_name_the_codes(tmp_path):
    # brat's type names are ASCII without spaces (Social_support); visual.conf's [labels] give the form brat shows its
    # annotators ("Social support"), which names the code, the brat name kept in its description.  A line with no
    # second form gives none; an attribute's value is no type, so a value spelt as a labelled type keeps its spelling.
    conf = "[entities]\n!Feelings\n\tSocial_support\n\tFatigue\n[attributes]\nCertain_ty\tArg:<ENTITY>, Value:Low|Social_support\n"
    visual = "[labels]\n# forms\nSocial_support | Social support | SS\nFeelings | Feelings and moods\nCertain_ty | Certainty\nFatigue\n[drawing]\nFatigue\tbgColor:#ffffff\n"
    ann = "T1\tFatigue 21 25\tMüde\nT2\tSocial_support 32 38\tcoping\nA1\tCertain_ty T2 Social_support\n"
    folder = write(tmp_path / "c", {"annotation.conf": conf, "visual.conf": visual, "P01_W1.txt": TEXT, "P01_W1.ann": ann})
    study, _ = read(folder, coder="ana")
    (book,) = study.codebooks.values()
    names = {code.id: code.name for code in book}
    assert [(code.name, names.get(code.parent)) for code in book] == [
        ("Feelings and moods", None),
        ("Social support", "Feelings and moods"),
        ("Fatigue", "Feelings and moods"),
        ("Certainty", None),
        ("Social_support", "Certainty"),
    ]
    assert {code.name: code.definition for code in book}["Social support"] == "brat's Social_support (its label in visual.conf: Social support)"
    assert codings(study) == [("P01_W1", "Fatigue", "ana", "Müde"), ("P01_W1", "Social support", "ana", "coping"), ("P01_W1", "Social_support", "ana", "coping")]
    # One .ann given alone reads the visual.conf beside it.
    alone, _ = read(folder / "P01_W1.ann", coder="ana")
    assert codings(alone) == codings(study)


def test_a_passage_brat_split_at_line_breaks_is_one_coding(tmp_path):
    # brat and INCEpTION write a span across lines as a fragment per line, their texts joined by a space.
    # "I: How are you?\n" 0–16, "P01: " 16–21, "Tired." 21–27, "\n\n" 27–29, "But coping." 29–40.  The answer over two
    # paragraphs is one coding (its attribute and note with it), also where the .txt has CRLF line ends counted as one
    # (brat's Python) or as two (a script reading bytes: "Tired." 22–28, "But coping." 32–43), or a byte-order mark.
    # Fragments with words between ("P01" 16–19 and "Tired." 21–27) stay a coding each.
    text = "I: How are you?\nP01: Tired.\n\nBut coping.\n"
    ann = "T1\tFatigue 21 27;29 40\tTired. But coping.\nA1\tNegation T1\n#1\tAnnotatorNotes T1\tlong answer\nT2\tSpeaker 16 19;21 27\tP01 Tired.\n"
    crlf = text.replace("\n", "\r\n").encode("utf-8")
    folder = write(
        tmp_path / "c",
        {"P01_W1.txt": text, "P01_W1.ann": ann, "P02_W1.txt": crlf, "P02_W1.ann": ann, "P03_W1.txt": crlf, "P03_W1.ann": ann.replace("21 27;29 40", "22 28;32 43"), "P04_W1.txt": b"\xef\xbb\xbf" + crlf, "P04_W1.ann": ann},
    )
    study, said = read(folder, coder="ana")
    passage = "Tired.\n\nBut coping."
    for document in ("P01_W1", "P02_W1", "P03_W1", "P04_W1"):
        mine = [row[1:] for row in codings(study) if row[0] == document]
        assert mine == [("Fatigue", "ana", passage), ("Negation", "ana", passage), ("Speaker", "ana", "P01"), ("Speaker", "ana", "Tired.")]
    assert memos(study)[passage] == ["long answer"]
    assert "do not line up" not in said
    assert "4 annotation(s) run across line breaks" in said and "P01_W1.ann:T1 (2)" in said
    assert "4 discontinuous annotation(s)" in said and "P01_W1.ann:T2 (2)" in said


def test_waves_folders_missing_a_text_are_not_annotators(tmp_path):
    # W1/ and W2/ hold the same document names, W2's text not yet copied in: W2/P01.ann was read against W1's text,
    # its coder "W2" (an annotator), its coding at the wrong words.  It has no text, so it is said, not placed; the
    # annotators' layout with one text shared at the top still reads as annotators'.
    waves = write(tmp_path / "waves", {"W1/P01.txt": TEXT, "W1/P01.ann": "T1\tFatigue 21 25\tMüde\n", "W2/P01.ann": "T1\tCoping 17 23\tBetter\n"})
    study, said = read(waves, coder="ana")
    assert codings(study) == [("W1_P01", "Fatigue", "ana", "Müde")]
    assert "1 .ann file(s) have no .txt of the same name beside them" in said and "W2/P01.ann (1 line(s))" in said
    assert "annotators'" not in said
    shared = write(tmp_path / "shared", {"P01_W1.txt": TEXT, "ana/P01_W1.ann": "T1\tFatigue 21 25\tMüde\n", "ben/P01_W1.ann": "T1\tCoping 32 38\tcoping\n"})
    study, said = read(shared)
    assert codings(study) == [("P01_W1", "Coping", "ben", "coping"), ("P01_W1", "Fatigue", "ana", "Müde")]
