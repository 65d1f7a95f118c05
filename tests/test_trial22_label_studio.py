"""The twenty-second trial: a team that coded its interviews in Label Studio, read with ``qlr.io.read_label_studio``.

Label Studio's Export, format "JSON", writes a list of tasks: ``data`` (the task's fields, the text under the name the
labelling configuration's ``<Text value="$text">`` gives), ``annotations`` (each annotator's: ``completed_by``,
``was_cancelled``, ``result``), ``predictions`` and ``drafts``, ``file_upload``.  A span is a result of type ``labels``
with ``value.start``/``end`` in code points (the front end's own test, "Should calculate offsets by code points in
text": "🐱 Warning: This is a test text" gives "test" 21–25) and the passage in ``value.text``; a per-region
``textarea``/``choices`` shares its region's ``id``; a ``relation`` has ``from_id``/``to_id``.  The files below are
written by hand in that layout, every expected value counted by hand.  The real files (last test) are Label Studio's
own exports kept in its converter's tests (github.com/HumanSignal/label-studio-converter, ``tests/data``), read in place
when present.
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import ProjectFileError, QdpxError, QlrError, QlrWarning
from qlr.io._label_studio import label_studio_export_kind

from .test_trial17_taguette import codings  # (document, code name, coder, passage) of every coding, sorted

# An interview: the emoji is one code point (Label Studio's count) but two UTF-16 units (its count before 2022).
TEXT = "I: Wie geht's?\nP: Café 😊 ist gut. Müde, aber okay."
ANN = {"id": 1, "email": "ann@uni.ac.uk", "first_name": "Ann", "last_name": "Lee"}


def span(rid: str, start: int, end: int, quote: str | None, *labels: str, control: str = "code", obj: str = "text") -> dict:
    value = {"start": start, "end": end, "labels": list(labels)}
    if quote is not None:
        value["text"] = quote
    return {"id": rid, "from_name": control, "to_name": obj, "type": "labels", "origin": "manual", "value": value}


def annotation(aid: int, who, results: list[dict], **more) -> dict:
    return {"id": aid, "completed_by": who, "result": results, "was_cancelled": False, "ground_truth": False, "created_at": "2024-05-02T10:00:00.000000Z", **more}


def task(tid: int, annotations: list[dict], *, data: dict | None = None, upload: str | None = "d06c405d-P01_W1.txt", **more) -> dict:
    return {"id": tid, "annotations": annotations, "file_upload": upload, "drafts": [], "predictions": [], "data": data or {"text": TEXT}, **more}


INTERVIEW = [
    task(
        11,
        [
            annotation(
                101,
                ANN,
                [
                    span("a1", 18, 32, "Café 😊 ist gut", "Wellbeing"),
                    span("a2", 34, 38, "Müde", "Fatigue", "Strain"),  # two labels: two codings of one passage
                    {"id": "a2", "from_name": "memo", "to_name": "text", "type": "textarea", "value": {"text": ["said", "twice"]}},
                    {"id": "a2", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["negative"]}},
                    span("a3", 34, 49, "Müde, aber okay", "Coping"),  # overlaps a2
                    {"id": "w1", "from_name": "overall", "to_name": "text", "type": "choices", "value": {"choices": ["carer"]}},
                    {"from_id": "a3", "to_id": "a2", "type": "relation", "direction": "right", "labels": ["explains"]},
                ],
            ),
            # An annotator known by the user id alone; her span counted in UTF-16 units (Label Studio before 2022).
            annotation(102, 7, [span("b1", 35, 39, "Müde", "Fatigue")]),
            annotation(103, 8, [span("c1", 3, 11, "Wie geht", "Fatigue")], was_cancelled=True),
        ],
        predictions=[{"id": 5, "model_version": "m1", "result": [span("p1", 3, 11, "Wie geht", "Fatigue")]}],
        drafts=[{"id": 9, "result": [span("d1", 40, 49, "aber okay", "Coping")]}],
    ),
    # A second interview no one coded yet, and one whose text Label Studio fetched from a URL.
    task(12, [], data={"text": "I: Und heute?\nP: Besser.", "name": "P01_W2"}, upload=None, comment_count=2),
    task(13, [annotation(104, ANN, [span("e1", 0, 4, "Nice", "Coping")])], data={"text": "https://bucket.example/P02_W1.txt"}, upload=None),
]


def write(path: Path, tasks) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.io.read_label_studio(path, kind="document", **options)
    return study, [str(w.message) for w in said if issubclass(w.category, QlrWarning)]


@pytest.fixture
def export(tmp_path):
    return write(tmp_path / "project-3-at-2024-05-02-10-00-1f2e3d4c.json", INTERVIEW)


def test_every_span_at_its_passage_with_its_coder(export):
    study, _ = read(export)
    assert sorted(study.documents["doc_id"]) == ["P01_W1", "P01_W2"]  # the uploaded file's name, a task's own name
    assert codings(study) == sorted(
        [
            ("P01_W1", "Wellbeing", "ann@uni.ac.uk", "Café 😊 ist gut"),
            ("P01_W1", "Fatigue", "ann@uni.ac.uk", "Müde"),
            ("P01_W1", "Strain", "ann@uni.ac.uk", "Müde"),
            ("P01_W1", "negative", "ann@uni.ac.uk", "Müde"),  # the region's choice, on its span
            ("P01_W1", "Coping", "ann@uni.ac.uk", "Müde, aber okay"),
            ("P01_W1", "Fatigue", "user 7", "Müde"),  # 35–39 in UTF-16 units: 34–38
        ]
    )
    positions = {(row.code_id, row.coder): (row.start, row.end) for row in study.codings.itertuples()}
    assert positions[("wellbeing", "ann@uni.ac.uk")] == (18, 32)
    assert positions[("fatigue", "user 7")] == (34, 38)
    assert positions[("stance.negative", "ann@uni.ac.uk")] == (34, 38)


def test_codebook_is_the_labels_each_a_theme_a_choice_under_its_control(export):
    """A new user's check: the labels are the researcher's codes, each a top-level code named by itself; the control's
    name (``code``, configuration a coder never sees) was the only theme, so every matrix had one column "code"."""
    study, _ = read(export)
    (book,) = study.codebooks.values()
    parents = {code.name: book[code.parent].name if code.parent else None for code in book}
    assert parents == {"Wellbeing": None, "Fatigue": None, "Strain": None, "Coping": None, "stance": None, "negative": "stance"}


def test_one_label_in_two_controls_is_one_code(tmp_path):
    """The dialogue template's ``paragraphlabels`` and a text's ``labels`` both offering "Emotion": one code, its
    codings from both (the new user's hand export had "code / Emotion" and "plabel / Emotion")."""
    tasks = [
        task(1, [annotation(1, ANN, [span("r1", 34, 38, "Müde", "Emotion")])], data={"text": TEXT, "name": "P01_W1"}, upload=None),
        task(2, [annotation(2, ANN, [paragraph("p1", 1, 1, 0, 4, "Müde", "Emotion") | {"from_name": "plabel"}])], data={"dialogue": DIALOGUE, "name": "P01_W2"}, upload=None),
    ]
    study, _ = read(write(tmp_path / "both.json", tasks))
    (book,) = study.codebooks.values()
    assert [(code.id, code.name, code.parent) for code in book] == [("emotion", "Emotion", None)]
    assert sorted(zip(study.codings["doc_id"], study.codings["code_id"], strict=True)) == [("P01_W1", "emotion"), ("P01_W2", "emotion")]


def test_region_textarea_is_a_memo_on_its_coding(export):
    study, _ = read(export)
    memos = study.memos
    assert len(memos) == 1
    assert memos["text"].iloc[0] == "memo: said\ntwice"


def test_what_did_not_come_through_is_said_with_counts_and_ids(export):
    study, said = read(export)
    text = " ".join(said)
    assert "1 annotation(s) were cancelled (skipped) by their annotator and were not imported: task:annotation 11:103" in text
    assert "1 prediction(s) (a model's pre-annotations, no annotator's coding) were not imported: task:prediction 11:5 (1 result(s))" in text
    assert "1 draft(s) (annotations never submitted) were not imported: task:draft 11:9" in text
    assert "1 relation(s) link two regions, not text, and were not imported: task:annotation:from→to 11:101:a3→a2" in text
    # A choice on the whole task is the document's variable (stop 58; before, it was left out and said).
    assert "1 result(s) on a whole task (a choice of the whole interview) were read as its document's variables: overall (1)" in text
    assert study.documents.set_index("doc_id").loc["P01_W1", "overall"] == "carer"
    assert "1 span(s) of 1 task(s) were not imported: their task's text is not in the export" in text and "task 13 (text: 'https://bucket.example/P02_W1.txt')" in text
    assert "1 span(s) count UTF-16 units" in text and "11:102:b1" in text
    assert "by their Label Studio user id only (user 7)" in text
    assert "1 task(s) have comments the export counts but does not hold (Label Studio exports no comments): task (comments) 12 (2)" in text
    meta = study.meta["import"]
    assert meta["format"] == "label-studio"
    assert meta["tasks"] == [{"task": 11, "annotations": 3, "spans": 4}, {"task": 12, "annotations": 0, "spans": 0}, {"task": 13, "annotations": 1, "spans": 0}]


def test_offsets_are_code_points_as_label_studios_own_test(tmp_path):
    """The front end's test: "test" at 21–25 in "🐱 Warning: This is a test text" (UTF-16 would be 22–26)."""
    path = write(tmp_path / "emoji.json", [task(1, [annotation(1, 1, [span("r", 21, 25, "test", "region", control="tag")])], data={"text": "🐱 Warning: This is a test text"}, upload=None)])
    study, said = read(path)
    row = study.codings.iloc[0]
    assert (row.start, row.end) == (21, 25) and not any("UTF-16" in s for s in said)


def test_spans_off_their_text_empty_or_outside_are_said(tmp_path):
    path = write(
        tmp_path / "odd.json",
        [task(1, [annotation(1, ANN, [span("x", 3, 11, "Wie gehts", "A"), span("y", 5, 5, "", "A"), span("z", 40, 90, None, "A"), span("n", 3, 11, None)])])],
    )
    study, said = read(path)
    text = " ".join(said)
    assert "1 span(s) hold a text other than the task's at their offsets" in text and "1:1:x (3–11)" in text
    assert "1 span(s) cover no text (start = end) and were not imported" in text and "result 'y'" in text
    assert "result 'z' at 40–90" in text
    # Placed: x at its offsets (its text differs by a letter), n with no label: a coding of its control's code.
    assert sorted((row.code_id, row.start, row.end) for row in study.codings.itertuples()) == [("a", 3, 11), ("code", 3, 11)]


def test_one_task_alone_and_older_completions(tmp_path):
    """Cloud storage writes one task per file (a dict); Label Studio before 1.0 wrote ``completions``."""
    one = task(4, [], upload=None, data={"text": TEXT, "title": "P03_W1"})
    one.pop("annotations")
    one["completions"] = [{"id": 1, "created_username": "bo", "result": [span("r", 40, 49, "aber okay", "Coping")]}]
    study, _ = read(write(tmp_path / "4.json", one))
    assert codings(study) == [("P03_W1", "Coping", "bo", "aber okay")]


def test_lines_of_an_uploaded_text_file_are_one_document(tmp_path):
    """Label Studio makes a task of each line of an uploaded .txt (Label Studio 1.23's import of P01_W1.txt: tasks 1
    and 2, both ``file_upload`` "d69b666c-P01_W1.txt"): joined back, line by line in task order, each span moved by
    its line's start."""
    upload = "d69b666c-P01_W1.txt"
    tasks = [
        task(2, [annotation(1, 1, [span("a", 3, 7, "Café", "Wellbeing"), span("b", 0, 90, None, "Wellbeing")])], data={"text": "P: Café 😊 ist gut."}, upload=upload),
        task(1, [], data={"text": "I: Wie geht's?"}, upload=upload),
        task(5, [annotation(2, 1, [span("c", 3, 7, "Müde", "Fatigue")])], data={"text": "P: Müde."}, upload=upload),
    ]
    study, said = read(write(tmp_path / "lines.json", tasks))
    (text,) = study.documents["text"]
    assert list(study.documents["doc_id"]) == ["P01_W1"] and text == "I: Wie geht's?\nP: Café 😊 ist gut.\nP: Müde."
    assert sorted((row.start, row.end) for row in study.codings.itertuples()) == [(18, 22), (37, 41)]  # lines start at 0, 15 (14 + a break) and 34 (15 + 18 + 1)
    assert codings(study) == [("P01_W1", "Fatigue", "user 1", "Müde"), ("P01_W1", "Wellbeing", "user 1", "Café")]
    text = " ".join(said)
    assert "3 task(s) are the lines of 1 uploaded text file(s)" in text and "P01_W1 (tasks 1, 2, 5)" in text
    assert "the tasks of P01_W1 are not consecutive, so lines between are not in the export" in text
    assert "1 span(s) lie outside their line of an uploaded text file" in text and "result 'b' at 0–90" in text


def test_bad_input_is_one_error_naming_the_file_and_place(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": 1,\n "data": {"text": "x"},\n "annotations": [}]', encoding="utf-8")
    with pytest.raises(QdpxError) as error:
        qlr.io.read_label_studio(broken)
    assert error.value.line == 3 and "not valid JSON" in str(error.value) and "broken.json:3" in str(error.value)
    bad = write(tmp_path / "bad.json", [task(1, [annotation(7, ANN, [span("r", "3", 11, "Wie geht", "A")])])])
    with pytest.raises(QdpxError, match=r"task 1 \(id 1\), annotation 7, result 'r': the span's start and end are not whole numbers"):
        qlr.io.read_label_studio(bad)
    odd = write(tmp_path / "odd.json", [task(1, [], predictions=2.5)])  # found by fuzzing: a TypeError before
    with pytest.raises(QdpxError, match=r"task 1 \(id 1\): 'predictions' is not a list"):
        qlr.io.read_label_studio(odd)
    minimal = write(tmp_path / "min.json", [{"id": 1, "text": TEXT, "label": [{"start": 0, "end": 1, "labels": ["A"]}], "annotator": 1, "annotation_id": 2, "lead_time": 3.1}])
    with pytest.raises(QdpxError, match="JSON-MIN"):
        qlr.io.read_label_studio(minimal)
    images = write(tmp_path / "img.json", [task(1, [], data={"image": "/data/upload/1/a.png"}, upload=None)])
    with pytest.raises(QdpxError, match="hold no text qlr reads"):
        qlr.io.read_label_studio(images)
    other = write(tmp_path / "other.json", [{"id": 1, "name": "x"}])
    with pytest.raises(QdpxError, match="not Label Studio's JSON export"):
        qlr.io.read_label_studio(other)


def test_found_by_content_by_import_info_open_and_a_folder(tmp_path, export, capsys):
    assert label_studio_export_kind(export) == "json"
    out = tmp_path / "study.qlr"
    assert main(["import", str(export), "-o", str(out), "--kind", "document"]) == 3  # saved; 3: what was left out, said
    saved = qlr.open(out)
    assert len(saved.codings) == 6
    capsys.readouterr()
    main(["info", str(export)])
    assert "ann@uni.ac.uk 5, user 7 1" in capsys.readouterr().out
    with pytest.raises(ProjectFileError, match="Label Studio export"):
        qlr.open(export)
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01_W1_interview.txt").write_text("I: Hello?\nP01: Tired.\n", encoding="utf-8")
    write(folder / "project-3-at-2024-05-02.json", INTERVIEW)
    study = qlr.load(folder)
    notes = " ".join(study.meta["inferred"])
    assert "1 coded project file(s) not read with the folder" in notes and "project-3-at-2024-05-02.json" in notes
    assert "do not follow the naming convention" not in notes


def test_round_trip_through_qdpx(tmp_path, export):
    study, _ = read(export)
    target = tmp_path / "ls.qdpx"
    qlr.io.write_qdpx(study, target)
    with pytest.warns(QlrWarning):
        again = qlr.io.read_qdpx(target)
    assert codings(again) == codings(study) and len(codings(study)) == 6


# ---------------------------------------------------------------- real files, read in place when present
DATA = Path("/tmp/s58/t22-data")


@pytest.mark.skipif(not (DATA / "ls-1.23.2-export-all-tasks.json").is_file(), reason="the Label Studio 1.23.2 exports are not on this machine")
def test_real_label_studio_export_agrees_with_an_independent_count():
    """Label Studio 1.23.2's own Export (JSON, with all tasks and with the annotated ones only; JSON-MIN) of a project of
    two uploaded interviews (P01_W1.txt, P02_W1.txt, each a task per line), coded through its API: every span and
    per-region choice a coding whose passage is its ``value.text``, counted by plain JSON reading."""
    for name in ("ls-1.23.2-export-all-tasks.json", "ls-1.23.2-export.json"):
        tasks = json.loads((DATA / name).read_text(encoding="utf-8"))
        expected = []
        for one in tasks:
            stem = one["file_upload"].split("-", 1)[1].rsplit(".", 1)[0]
            for given in one["annotations"]:
                if given["was_cancelled"]:
                    continue
                regions = {r["id"]: r for r in given["result"] if r.get("type") == "labels"}
                for r in given["result"]:
                    values = r["value"].get("labels", []) if r.get("type") == "labels" else r["value"]["choices"] if r.get("type") == "choices" and r.get("id") in regions else []
                    expected += [(stem, v, f"user {given['completed_by']}", regions[r["id"]]["value"]["text"]) for v in values]
        study, said = read(DATA / name)
        assert codings(study) == sorted(expected) and len(expected) == 6
        assert any("task:annotation 4:3" in s for s in said)  # the cancelled annotation
        overall = study.documents.set_index("doc_id")["overall"]  # the whole-task choice of P01_W1's second line; P02_W1 has none
        assert overall["P01_W1"] == "carer" and overall.isna()["P02_W1"]
    study, _ = read(DATA / "ls-1.23.2-export-all-tasks.json")
    assert list(study.documents["text"]) == ["I: Wie geht's?\nP: Café 😊 ist gut. Müde, aber okay.", "I: Et vous ?\nP: Épuisée 😩😩, mais ça va. Ma sœur m'aide."]
    with pytest.raises(QdpxError, match="JSON-MIN"):
        qlr.io.read_label_studio(DATA / "ls-1.23.2-export-min.json")


@pytest.mark.skipif(not (DATA / "conv_test_export_csv_csv_test_history.json").is_file(), reason="Label Studio's exports are not on this machine")
def test_real_exports_and_their_fuzz_give_only_qlr_errors():
    """Label Studio's own exports (its converter's test data, and 1.23.2's above): the text task read, its choice said; altered copies
    (bytes cut, flipped, values swapped) give a Study or a QlrError, nothing else."""
    study, said = read(DATA / "conv_test_export_csv_csv_test_history.json")
    assert list(study.documents["text"]) == ["Calif. wildfires signal the arrival of a planetary fire age https://t.co/Vvo9noqQfA"]
    assert len(study.codings) == 0 and list(study.documents["sentiment"]) == ["Positive"]  # its choice on the whole task: a variable
    assert any("were read as its document's variables: sentiment (1)" in s for s in said)
    rng = random.Random(22)
    for path in sorted(DATA.glob("*.json")):
        data = path.read_bytes()
        for trial in range(12):
            altered = bytearray(data)
            if trial % 3 == 0:
                altered = altered[: rng.randrange(len(altered))]
            elif trial % 3 == 1:
                for _ in range(4):
                    altered[rng.randrange(len(altered))] = rng.choice(b'{}[]":,0123456789-ab\\')
            else:
                text = data.decode("utf-8")
                for a, b in (('"start": ', '"start": -'), ('"end": ', '"end": 1e'), ('"result": [', '"result": [7, '), ('"data": {', '"data": {"text": 5, ')):
                    if rng.random() < 0.5:
                        text = text.replace(a, b, 1)
                altered = bytearray(text.encode("utf-8"))
            target = Path(f"/tmp/s58/t22-fuzz-{path.stem}-{trial}.json")
            target.write_bytes(bytes(altered))
            try:
                read(target)
            except QlrError:
                pass
            finally:
                target.unlink()


# ---------------------------------------------------------------- second engineer's review: near misses
def test_two_uploads_of_one_file_name_stay_two_interviews(tmp_path):
    """Two participants' transcripts both called ``transcript.txt`` (Label Studio keeps the name, its prefix differs):
    each file's lines are one document; they were joined into one before (an interview merged into another)."""
    tasks = [
        task(1, [], data={"text": "I: Hi P01."}, upload="aaaaaaaa-transcript.txt"),
        task(2, [annotation(1, ANN, [span("r", 3, 8, "Tired", "Fatigue")])], data={"text": "P: Tired P01."}, upload="aaaaaaaa-transcript.txt"),
        task(3, [], data={"text": "I: Hi P02."}, upload="bbbbbbbb-transcript.txt"),
        task(4, [annotation(2, ANN, [span("r", 3, 8, "Happy", "Joy")])], data={"text": "P: Happy P02."}, upload="bbbbbbbb-transcript.txt"),
    ]
    study, said = read(write(tmp_path / "two.json", tasks))
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert sorted(texts.values()) == ["I: Hi P01.\nP: Tired P01.", "I: Hi P02.\nP: Happy P02."]
    assert sorted(codings(study)) == sorted([(d, "Fatigue", "ann@uni.ac.uk", "Tired") for d in texts if "P01" in texts[d]] + [(d, "Joy", "ann@uni.ac.uk", "Happy") for d in texts if "P02" in texts[d]])
    assert "4 task(s) are the lines of 2 uploaded text file(s)" in " ".join(said)


def test_joined_lines_are_said_in_the_order_used_under_the_id_the_user_sees(tmp_path):
    """A new user's check: tasks 10 and 9 (in that order in the file) of a second ``transcript.txt`` were said as
    "transcript (task 9) (tasks 10, 9)", though joined 9 then 10 and the document's id is ``transcript_task_9``."""
    tasks = [
        task(1, [], data={"text": "I: Hi P01."}, upload="aaaaaaaa-transcript.txt"),
        task(2, [], data={"text": "P: Tired P01."}, upload="aaaaaaaa-transcript.txt"),
        task(10, [], data={"text": "P: Happy P02."}, upload="bbbbbbbb-transcript.txt"),
        task(9, [], data={"text": "I: Hi P02."}, upload="bbbbbbbb-transcript.txt"),
    ]
    study, said = read(write(tmp_path / "two.json", tasks))
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {"transcript_task_1": "I: Hi P01.\nP: Tired P01.", "transcript_task_9": "I: Hi P02.\nP: Happy P02."}
    text = " ".join(said)
    assert "transcript_task_1 (tasks 1, 2), transcript_task_9 (tasks 9, 10)" in text
    assert "the tasks of transcript_task_9 are not consecutive" not in text


def test_a_tasks_other_fields_are_its_documents_variables(tmp_path):
    """A new user's check: ``--case variable:participant --wave variable:wave`` failed ("no source or case has a
    variable named 'wave'") on an export whose tasks carry ``participant`` and ``wave`` beside the text.  Each scalar field
    other than the text and the name is a variable (numbers typed so); a list is said and left out."""
    rows = [("P01_W1", "P01", "W1", 1), ("P01_W2", "P01", "W2", 2), ("P02_W1", "P02", "W1", 1)]
    tasks = [
        task(n, [], data={"text": f"I: Hi.\nP: Fine {name}.", "name": name, "participant": who, "wave": wave, "month": month, "tags": ["a"], "site": ""}, upload=None)
        for n, (name, who, wave, month) in enumerate(rows, start=1)
    ]
    tasks.append(task(4, [], data={"dialogue": DIALOGUE, "name": "P02_W2", "participant": "P02", "wave": "W2", "month": 2.5}, upload=None))
    study, said = read(write(tmp_path / "vars.json", tasks), case="variable:participant", wave="variable:wave")
    placed = sorted(zip(study.documents["doc_id"], study.documents["case_id"], study.documents["wave_id"], strict=True))
    assert placed == [("P01_W1", "P01", "W1"), ("P01_W2", "P01", "W2"), ("P02_W1", "P02", "W1"), ("P02_W2", "P02", "W2")]
    text = " ".join(said)
    assert "1 field(s) of the tasks' data are lists or objects" in text and "tags (1, 2, 3)" in text
    assert "no source or case has a variable" not in text
    # The text, the dialogue and the name are not variables; month is a number in every task (Float: 2.5 in one).
    study, _ = read(write(tmp_path / "vars.json", tasks))
    variables = study.documents.set_index("doc_id")
    assert variables.loc["P01_W2", "participant"] == "P01" and variables.loc["P02_W2", "month"] == 2.5 and variables.loc["P01_W1", "month"] == 1
    assert not {"text", "dialogue", "name", "tags", "site"} & set(study.documents.columns) - {"text"}


def test_a_named_task_is_not_joined_to_an_uploaded_file_of_its_name(tmp_path):
    """A task named ``P01_W1`` by its data (a JSON import) beside the lines of an uploaded P01_W1.txt: two documents."""
    tasks = [
        task(1, [], data={"text": "I: Hi."}),
        task(2, [], data={"text": "P: Tired."}),
        task(3, [annotation(1, ANN, [span("r", 3, 8, "Happy", "Joy")])], data={"text": "P: Happy, another interview.", "name": "P01_W1"}, upload="cccccccc-interviews.json"),
    ]
    study, _ = read(write(tmp_path / "named.json", tasks))
    texts = sorted(study.documents["text"])
    assert texts == ["I: Hi.\nP: Tired.", "P: Happy, another interview."]
    ((doc, code, _, passage),) = codings(study)
    assert (code, passage) == ("Joy", "Happy") and dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))[doc] == texts[1]


def test_lines_under_a_field_other_than_text_are_joined(tmp_path):
    """The configuration's ``<Text value="$interview">``: Label Studio exports each line as ``{"interview": …}``."""
    upload = "aaaaaaaa-P01_W1.txt"
    tasks = [task(1, [], data={"interview": "I: Hi."}, upload=upload), task(2, [annotation(1, ANN, [span("r", 3, 8, "Tired", "Fatigue", obj="interview")])], data={"interview": "P: Tired."}, upload=upload)]
    study, _ = read(write(tmp_path / "interview.json", tasks))
    assert list(study.documents["text"]) == ["I: Hi.\nP: Tired."]
    assert codings(study) == [("P01_W1", "Fatigue", "ann@uni.ac.uk", "Tired")]


def test_a_span_past_the_first_line_is_said_not_spread_over_the_next(tmp_path):
    upload = "aaaaaaaa-P01_W1.txt"
    tasks = [task(1, [annotation(1, ANN, [span("r", 3, 12, None, "Fatigue")])], data={"text": "I: Hi."}, upload=upload), task(2, [], data={"text": "P: Tired."}, upload=upload)]
    study, said = read(write(tmp_path / "first.json", tasks))
    assert len(study.codings) == 0
    assert "1 span(s) lie outside their line of an uploaded text file" in " ".join(said)


def test_one_region_labelled_in_two_label_controls_keeps_both(tmp_path):
    """Two ``<Labels>`` on one text: a region given a label of each is two results sharing the region's id (Label
    Studio writes a result per control); the first was lost before."""
    results = [span("r1", 34, 38, "Müde", "Fatigue"), span("r1", 34, 38, "Müde", "negative", control="emotion")]
    results.append({"id": "r1", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["doubt"]}})
    study, _ = read(write(tmp_path / "two.json", [task(1, [annotation(1, ANN, results)])]))
    assert codings(study) == sorted([("P01_W1", "Fatigue", "ann@uni.ac.uk", "Müde"), ("P01_W1", "negative", "ann@uni.ac.uk", "Müde"), ("P01_W1", "doubt", "ann@uni.ac.uk", "Müde")])
    # An id written twice for two different spans (a hand-edited or merged export): both kept, neither replaces the other.
    again = [span("r9", 18, 22, "Café", "Wellbeing"), span("r9", 40, 49, "aber okay", "Coping")]
    study, _ = read(write(tmp_path / "again.json", [task(1, [annotation(1, ANN, again)])]))
    assert codings(study) == sorted([("P01_W1", "Wellbeing", "ann@uni.ac.uk", "Café"), ("P01_W1", "Coping", "ann@uni.ac.uk", "aber okay")])


def test_an_export_whose_first_task_holds_over_a_megabyte_of_coding_is_still_known(tmp_path):
    """Label Studio writes a task's ``annotations`` before its ``data``: a long interview coded by three annotators puts
    ``data`` past the first megabyte qlr looks at.  It was then 'not a .qdpx project' to ``qlr import`` and a readable
    document in a study folder; it is Label Studio's export by its results' ``from_name``/``to_name``."""
    from qlr.cli import _project_tool

    text = "P: Ich bin müde, aber es geht. " * 400
    results = [span(f"r{i}", (i * 31) % 12000, (i * 31) % 12000 + 5, text[(i * 31) % 12000 : (i * 31) % 12000 + 5], "Fatigue") for i in range(6000)]
    big = write(tmp_path / "project-1-at-2024-05-02.json", [task(1, [annotation(1, ANN, results)], data={"text": text, "name": "P01_W1"}, upload=None)])
    assert big.read_bytes().find(b'"data"') > 1 << 20
    assert label_studio_export_kind(big) == "json" and _project_tool(big) == "Label Studio"


DIALOGUE = [
    {"author": "I", "text": "Wie geht's?"},
    {"author": "P01", "text": "Müde, aber okay 😊."},
    {"author": "I:", "text": "Und die Arbeit?"},  # an author written with its colon, as Label Studio's examples do
    {"author": "P01", "text": "Zu viel. Ich schaffe es kaum."},
]


def paragraph(rid: str, start, end, start_offset: int, end_offset: int, quote: str | None, *labels: str) -> dict:
    value = {"start": start, "end": end, "startOffset": start_offset, "endOffset": end_offset, "paragraphlabels": list(labels)}
    if quote is not None:
        value["text"] = quote
    return {"id": rid, "from_name": "code", "to_name": "dialogue", "type": "paragraphlabels", "origin": "manual", "value": value}


def test_a_dialogue_is_a_document_of_speaker_turns_and_its_spans_codings(tmp_path):
    """Label Studio's ``Paragraphs`` (its dialogue template): ``data.dialogue`` a list of ``{"author", "text"}``, a span
    ``paragraphlabels`` with ``start``/``end`` the paragraphs' indexes (strings in exports, numbers in the docs) and
    ``startOffset``/``endOffset`` within them.  The document is one turn a line, ``author: text``:

    ``I: Wie geht's?`` (0–14), ``P01: Müde, aber okay 😊.`` (15–38, its text from 20), ``I: Und die Arbeit?`` (39–57,
    text from 42), ``P01: Zu viel. Ich schaffe es kaum.`` (58–91, text from 63)."""
    tasks = [
        task(
            1,
            [
                annotation(
                    1,
                    ANN,
                    [
                        paragraph("p1", "1", "1", 0, 4, "Müde", "Fatigue"),  # 20–24
                        paragraph("p2", 3, 3, 9, 28, "Ich schaffe es kaum", "Strain"),  # 72–91
                        {"id": "p2", "from_name": "memo", "to_name": "dialogue", "type": "textarea", "value": {"text": ["kaum!"]}},
                        paragraph("p3", "2", "3", 4, 8, "die Arbeit?\nZu viel.", "Work"),  # across two turns: 46–71
                        paragraph("p4", "1", "1", 16, 19, "😊.", "Wellbeing"),  # UTF-16 units (before 2022): 16–18, 36–38
                        paragraph("p5", "9", "9", 0, 3, "Zu ", "Work"),  # no paragraph 9
                    ],
                ),
                annotation(2, 7, [paragraph("q1", "1", "1", 0, 4, "Müde", "Fatigue")]),
            ],
            data={"dialogue": DIALOGUE, "name": "P01_W2"},
            upload=None,
        ),
        task(2, [], data={"dialogue": DIALOGUE[:2], "name": "P01_W3", "notes": "Phone call, short."}, upload=None),  # uncoded: its dialogue, not its notes
    ]
    study, said = read(write(tmp_path / "dialogue.json", tasks))
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {
        "P01_W2": "I: Wie geht's?\nP01: Müde, aber okay 😊.\nI: Und die Arbeit?\nP01: Zu viel. Ich schaffe es kaum.",
        "P01_W3": "I: Wie geht's?\nP01: Müde, aber okay 😊.",
    }
    assert codings(study) == sorted(
        [
            ("P01_W2", "Fatigue", "ann@uni.ac.uk", "Müde"),
            ("P01_W2", "Strain", "ann@uni.ac.uk", "Ich schaffe es kaum"),
            ("P01_W2", "Work", "ann@uni.ac.uk", "die Arbeit?\nP01: Zu viel."),
            ("P01_W2", "Wellbeing", "ann@uni.ac.uk", "😊."),
            ("P01_W2", "Fatigue", "user 7", "Müde"),
        ]
    )
    positions = sorted((row.start, row.end) for row in study.codings.itertuples())
    assert positions == [(20, 24), (20, 24), (36, 38), (46, 71), (72, 91)]
    assert list(study.memos["text"]) == ["memo: kaum!"]
    text = " ".join(said)
    assert "1 span(s) count UTF-16 units" in text and "1:1:p4" in text
    assert "1 span(s) lie outside their paragraphs" in text and "result 'p5'" in text
    assert "paragraphlabels" not in text  # nothing of the dialogue left out but p5
    bad = write(tmp_path / "bad.json", [task(1, [annotation(3, ANN, [paragraph("b", "first", "1", 0, 4, "Müde", "Fatigue")])], data={"dialogue": DIALOGUE}, upload=None)])
    with pytest.raises(QdpxError, match=r"task 1 \(id 1\), annotation 3, result 'b': the span's paragraphs \(start, end\) and offsets in them"):
        qlr.io.read_label_studio(bad)


def test_a_utf16_span_ending_on_an_emoji_at_the_end_is_placed_not_lost(tmp_path):
    """"froh 😊" at the end of "Ich bin froh 😊" is 8–15 in UTF-16 units (Label Studio before 2022), 8–14 in code points.
    Sliced in code points, 8–15 also gives "froh 😊" (a slice stops at the text's end), so it was taken as code points
    and then dropped as outside the text; the same on the last line of an uploaded .txt."""
    whole = task(1, [annotation(1, ANN, [span("e", 8, 15, "froh 😊", "Joy")])], data={"text": "Ich bin froh 😊"}, upload=None)
    study, said = read(write(tmp_path / "end.json", [whole]))
    assert codings(study) == [("task_1", "Joy", "ann@uni.ac.uk", "froh 😊")]
    assert "1 span(s) count UTF-16 units" in " ".join(said)
    upload = "aaaaaaaa-P01_W1.txt"
    lines = [task(1, [], data={"text": "I: Und?"}, upload=upload), task(2, [annotation(1, ANN, [span("e", 8, 15, "froh 😊", "Joy")])], data={"text": "P: Ich froh 😊"}, upload=upload)]
    lines[1]["annotations"][0]["result"][0]["value"].update(start=7, end=14)  # "froh 😊" of "P: Ich froh 😊" in UTF-16 units (7–13 in code points)
    study, said = read(write(tmp_path / "lines.json", lines))
    assert codings(study) == [("P01_W1", "Joy", "ann@uni.ac.uk", "froh 😊")] and "lie outside their line" not in " ".join(said)


def test_a_byte_order_mark_label_studio_kept_moves_no_span(tmp_path):
    """Label Studio decodes an uploaded .txt as UTF-8 and keeps its byte-order mark (Windows Notepad's) as the first
    line's first character, counted in its offsets: "Tired" is 11–16 of "\\ufeffI: Hi.\\nP: Tired." as one text, 4–9 of
    its second line.  The document drops the mark; every span was then one character early ("ired.")."""
    whole = task(1, [annotation(1, ANN, [span("r", 11, 16, "Tired", "Fatigue")])], data={"text": "\ufeffI: Hi.\nP: Tired."}, upload=None)
    study, said = read(write(tmp_path / "bom.json", [whole]))
    assert list(study.documents["text"]) == ["I: Hi.\nP: Tired."] and codings(study) == [("task_1", "Fatigue", "ann@uni.ac.uk", "Tired")]
    upload = "aaaaaaaa-P01_W1.txt"
    lines = [task(1, [annotation(1, ANN, [span("h", 4, 6, "Hi", "Greeting")])], data={"text": "\ufeffI: Hi."}, upload=upload), task(2, [annotation(2, ANN, [span("r", 3, 8, "Tired", "Fatigue")])], data={"text": "P: Tired."}, upload=upload)]
    study, said = read(write(tmp_path / "lines.json", lines))
    assert codings(study) == [("P01_W1", "Fatigue", "ann@uni.ac.uk", "Tired"), ("P01_W1", "Greeting", "ann@uni.ac.uk", "Hi")]


@pytest.mark.skipif(not (DATA / "ls-1.23.2-review-text.json").is_file(), reason="the Label Studio 1.23.2 review exports are not on this machine")
def test_real_label_studio_uploads_a_byte_order_mark_two_transcripts_and_a_dialogue():
    """Label Studio 1.23.2's own import and Export (JSON, all tasks) of what a team uploads: a Notepad ``P01_W1.txt``
    (byte-order mark, CRLF) and two files both ``transcript.txt`` into a project whose ``<Text value="$interview">``,
    with two ``<Labels>`` (a region labelled in both); and a dialogue (``<Paragraphs>``) imported as JSON.  Label
    Studio made tasks ``{"interview": "\\ufeffI: Hi."}``, ``{"interview": "P: Tired."}`` … (the mark kept, the CRLF
    split).  Before the review: six one-line documents, "i." for "Hi", the first label of the two-control region lost,
    the dialogue refused."""
    study, _ = read(DATA / "ls-1.23.2-review-text.json")
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {"P01_W1": "I: Hi.\nP: Tired.", "transcript_task_7": "I: Hi P02.\nP: Happy P02.", "transcript_task_9": "I: Hi P03.\nP: Froh 😊"}
    assert codings(study) == [
        ("P01_W1", "Fatigue", "user 1", "Tired"),
        ("P01_W1", "Joy", "user 1", "Hi"),
        ("P01_W1", "negative", "user 1", "Tired"),
        ("transcript_task_7", "Joy", "user 1", "Happy"),
    ]
    study, _ = read(DATA / "ls-1.23.2-review-dialogue.json")
    assert list(study.documents["text"]) == ["I: Wie geht's?\nP01: Müde, aber okay 😊.\nI: Und die Arbeit?\nP01: Zu viel."]
    assert codings(study) == [("P01_W2", "Fatigue", "user 1", "Müde"), ("P01_W2", "Work", "user 1", "die Arbeit?\nP01: Zu viel.")]


@pytest.mark.parametrize("argv", [[], ["import"], ["info"]])
def test_help_names_label_studio(argv, capsys):
    """A new user's check: ``qlr --help``, ``qlr import --help`` and ``qlr info --help`` listed every other tool's
    project but not Label Studio's JSON export."""
    from qlr.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
    assert "Label Studio" in out and ".json" in out
