"""Leftovers of stop 53 closed at stop 54: a transcript's front matter naming its interviewers in a list, log details
read by the one reader of users' JSON, and a study built in memory holding JSON nested past Python's stack.

Each test builds the small file or study it needs, so the answer is known.
"""

from __future__ import annotations

import re
import warnings

import pytest

import qlr

from .conftest import write

#: Jo and Sam ask, Mira answers: no label says a role, so only the front matter can say who asks.
_TALK = "\nJo: How have things been since we last met?\n\nMira: Hard, but I am coping with it all.\n\nSam: And your mother?\n\nMira: She is better now, thank you for asking.\n"


def _roles(tmp_path, front_matter):
    write(tmp_path / "s" / "P01_W1.md", f"---\n{front_matter}\n---\n{_TALK}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path / "s", progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    return roles, study, [str(found.message) for found in caught]


@pytest.mark.parametrize("front_matter", ["interviewers: [Jo, Sam]", "interviewer: [Jo, Sam]", "interviewers:\n  - Jo\n  - Sam", "interviewers: Jo, Sam"])
def test_a_list_of_interviewers_in_front_matter_gives_their_roles(tmp_path, front_matter):
    # Before stop 54 a YAML list under the key was dropped unsaid: Jo's and Sam's turns were read as no one's (no label
    # says a role and two labels are too few to tell speakers from headings), as with no front matter at all.
    roles, study, _ = _roles(tmp_path, front_matter)
    assert roles == {"Jo": "interviewer", "Mira": "participant", "Sam": "interviewer"}
    assert study.documents["interviewer"].tolist() == ["Jo, Sam"]


def test_one_interviewer_in_front_matter_leaves_the_other_asker_a_participant(tmp_path):
    roles, _, _ = _roles(tmp_path, "interviewer: Jo")
    assert roles == {"Jo": "interviewer", "Mira": "participant", "Sam": "participant"}


def test_an_interviewer_key_naming_no_one_is_said_with_the_key(tmp_path):
    # "interviewer: {name: Jo}" names no one qlr can read: said with the key and how to write it, never dropped unsaid.
    roles, _, said = _roles(tmp_path, "interviewer: {name: Jo}")
    assert "interviewer" not in {role for role in roles.values() if isinstance(role, str)}
    named = [s for s in said if "front matter value ('interviewer')" in s]
    assert len(named) == 1 and re.search(r"'interviewer:' names people in that role by name: one name, or a list of names \('interviewers: \[Jo, Sam\]'\)", named[0]), said


# ---------------------------------------------------------------- the study log's validation sheet, read as users' JSON
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("detail", "said"),
    [
        (DEEP, r"nests its JSON deeper than qlr reads \(more than [\d,]+ levels\)"),  # was a bare RecursionError
        ("{not json", r"is not valid JSON \(line 1, column 2: Expecting property name"),  # was a JSONDecodeError
        ("[1, 2]", r"is not a record of a validation sheet \(a mapping with 'coder' and a list of 'segments'\)"),  # was an AttributeError
        ('{"coder": "CODER"}', r"is not a record of a validation sheet"),  # its segments missing: was a KeyError
    ],
)
def test_a_broken_validation_sheet_entry_in_the_log_is_one_clear_error(sample_study, detail, said):
    from qlr.code import validate
    from qlr.errors import CodingError

    study = sample_study.copy()
    coder = study.codings["coder"].dropna().iloc[0]
    study.record("validation sheet", {"coder": coder, "segments": []})
    entry = int(study.log["entry_id"].iloc[-1])
    study.log.loc[study.log.index[-1], "detail"] = detail.replace("CODER", coder)
    pattern = rf"{re.escape(study.name)}: the detail of the study log's entry {entry} \('validation sheet'\) {said}.* Fix: write the validation sheet again"
    with pytest.raises(CodingError, match=pattern):
        validate(study, against=coder, codebook="coproduction", replicates=10)


# ---------------------------------------------------------------- a study built in memory, holding JSON nested past the stack
def _nested(depth):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _in_memory(*, notes=None, meta=None):
    import pandas as pd

    documents = pd.DataFrame({"doc_id": ["P01_W1", "P02_W1"], "case_id": ["P01", "P02"], "wave_id": ["W1", "W1"], "kind": ["interview"] * 2, "text": ["I: Hi.\nP: Hello.", "I: Hi.\nP: Hi."]})
    if notes is not None:
        documents["notes"] = ["plain", notes]
    return qlr.Study("demo", cases=pd.DataFrame({"case_id": ["P01", "P02"]}), waves=pd.DataFrame({"wave_id": ["W1"]}), documents=documents, meta=meta or {})


@pytest.mark.parametrize("doing", ["save", "write_qdpx"])
def test_a_cell_nested_100_000_deep_is_named_by_table_column_and_row(tmp_path, doing):
    # Before stop 54: a bare RecursionError from json.dumps (save) or str() (write_qdpx), and nothing said where.
    from qlr.errors import InvalidParameterError

    study = _in_memory(notes=_nested(100_000))
    write = (lambda: study.save(tmp_path / "s.qlr")) if doing == "save" else (lambda: qlr.io.write_qdpx(study, tmp_path / "s.qdpx"))
    with pytest.raises(InvalidParameterError, match=r"^table documents, column 'notes', row 1 \(doc_id 'P02_W1'\) holds a value nested more than 100 deep .* Fix: keep that value as text"):
        write()
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_nesting_up_to_the_limit_is_saved_and_read_back(tmp_path):
    study = _in_memory(notes=_nested(99), meta={"kept": _nested(99)})  # 100 levels with the outer list
    study.save(tmp_path / "s.qlr")
    back = qlr.open(tmp_path / "s.qlr")
    assert back.documents["notes"].tolist()[1] == _nested(99) and back.meta["kept"] == _nested(99)


def test_meta_nested_past_the_stack_is_named_when_saving_or_copying(tmp_path):
    from qlr.errors import InvalidParameterError

    study = _in_memory(meta={"deep": _nested(100_000)})
    for act in (lambda: study.save(tmp_path / "s.qlr"), study.copy):
        with pytest.raises(InvalidParameterError, match=r"^study\.meta\['deep'\] holds a value nested more than 100 deep"):
            act()
    # An export carries no such key of meta: written whole.
    qlr.io.write_qdpx(study, tmp_path / "s.qdpx")
    assert qlr.io.read_qdpx(tmp_path / "s.qdpx", wave={"P01_W1": "W1", "P02_W1": "W1"}).documents["doc_id"].tolist() == ["P01_W1", "P02_W1"]


def test_a_log_detail_nested_past_the_stack_is_refused_by_name():
    from qlr.errors import InvalidParameterError

    study = _in_memory()
    with pytest.raises(InvalidParameterError, match=r"the detail of the log entry 'export' holds a value nested more than 100 deep"):
        study.record("export", {"rows": _nested(100_000)})
    assert study.log["action"].tolist() == []


def test_nesting_at_101_levels_is_refused_and_at_100_is_kept(tmp_path):
    from qlr.errors import InvalidParameterError

    assert qlr._json.nesting(_nested(99)) == 100 and qlr._json.nesting({"outer": _nested(99)}) == 101
    _in_memory(notes=_nested(99), meta={"kept": {"inner": _nested(98)}}).save(tmp_path / "kept.qlr")  # 100 levels each
    with pytest.raises(InvalidParameterError, match=r"^table documents, column 'notes', row 1"):
        _in_memory(notes=_nested(100)).save(tmp_path / "cell.qlr")
    with pytest.raises(InvalidParameterError, match=r"^study\.meta\['kept'\] holds a value nested more than 100 deep"):
        _in_memory(meta={"kept": {"inner": _nested(99)}}).save(tmp_path / "meta.qlr")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.qlr"]


def test_a_column_of_strings_is_not_walked_cell_by_cell(monkeypatch):
    # Review of stop 54: check_nesting looked at every cell of every object column in Python (1.5 s of a 1M-word study's
    # 1,009,671 cells when its tables hold object columns, as a study just loaded does; 15 s a save at 10M words). A
    # column pandas finds holds only strings (or numbers, dates) cannot nest: it is passed over whole.
    import pandas as pd

    walked = []
    original = pd.Series.tolist
    monkeypatch.setattr(pd.Series, "tolist", lambda self: walked.append(self.name) or original(self))
    study = _in_memory(notes="plain")
    study.documents = study.documents.astype(object)
    qlr._json.check_nesting(study, doing="saving")
    assert walked == []
    study.documents.loc[1, "notes"] = [["a"]]
    qlr._json.check_nesting(study, doing="saving")  # two levels: kept
    assert walked == ["notes"]


def test_an_empty_stretch_is_not_said_to_end_before_it_starts_or_to_lie_past_the_text():
    # Review of stop 54: a Taguette highlight or CATMA stretch at 5–5 (inside the text, but empty) is left out with those
    # past the text; its label said only its positions, as if it lay outside the text.
    from qlr.io._positions import outside_label, outside_text

    assert outside_label("highlight 7", 5, 5) == "highlight 7 at 5–5 (empty: ends where it starts)"
    assert outside_label("coding 12", 40, 20) == "coding 12 at 40–20 (ends before it starts)"
    assert outside_label("coding 11", 10, 2_000) == "coding 11 at 10–2000"
    said = outside_text({"P01": (1_234, "characters", ["a at 0–2000"] * 12)}, codings=12_000, tool="rqda")
    assert said.startswith("12,000 coding(s) in 12 selection(s) lie outside their document's text and were not imported: 'P01' (its text has 1,234 characters): ")
    assert "a at 0–2000 and 2 more. Fix:" in said


@pytest.mark.parametrize(("front_matter", "column", "kept"), [("interviewer: not known yet.", "interviewer", "not known yet."), ("interviewer: 42", "interviewer", "42"), ("interviewers: [Jo, 7]", "interviewers", "Jo; 7")])
def test_an_interviewer_key_naming_no_one_is_kept_as_written(tmp_path, front_matter, column, kept):
    # Review of stop 54: a role's key whose value is not names ("not known yet.", a number, a list with a number in it)
    # gave no role, and its value was in no column either: dropped, nothing said. Now it is the document's column as
    # written, as any other front matter value, and no one is given a role by it.
    roles, study, _ = _roles(tmp_path, front_matter)
    assert study.documents[column].tolist() == [kept]
    assert "interviewer" not in [role for role in roles.values() if isinstance(role, str)]
