"""The Study object: selection, attrition, display."""

from __future__ import annotations

import pandas as pd
import pytest

import qlr
from qlr.errors import SelectionError


def _study(name="demo"):
    return qlr.Study(
        name,
        cases=pd.DataFrame({"case_id": ["A", "B", "C", "D", "E"], "role": ["carer", "carer", "carer", "employer", "carer"]}),
        waves=pd.DataFrame({"wave_id": ["W1", "W2", "W3", "W4"], "order": [1, 2, 3, 4]}),
        case_waves=pd.DataFrame(
            {"case_id": ["D"] * 4, "wave_id": ["W1", "W2", "W3", "W4"], "scheduled": [True, False, True, False]}
        ),
        documents=pd.DataFrame(
            {
                "doc_id": ["a1", "a2", "a3", "a4", "b2", "b3", "c1", "c3", "c4", "d1", "d3", "n2"],
                "case_id": ["A", "A", "A", "A", "B", "B", "C", "C", "C", "D", "D", None],
                "wave_id": ["W1", "W2", "W3", "W4", "W2", "W3", "W1", "W3", "W4", "W1", "W3", "W2"],
                "kind": ["interview"] * 11 + ["observation"],
                "text": ["one two"] * 12,
            }
        ),
    )


def test_attrition_states_and_patterns():
    attrition = _study().attrition()
    assert list(attrition.columns) == ["W1", "W2", "W3", "W4", "role", "n_waves", "pattern"]
    rows = {case: attrition.loc[case, ["W1", "W2", "W3", "W4"]].tolist() for case in attrition.index}
    assert rows == {
        "A": ["present", "present", "present", "present"],
        "B": ["not yet joined", "present", "present", "dropped out"],
        "C": ["present", "missed", "present", "present"],
        "D": ["present", "not scheduled", "present", "not scheduled"],
        "E": ["absent", "absent", "absent", "absent"],
    }
    assert attrition["pattern"].to_dict() == {
        "A": "complete",
        "B": "joined late, dropped out",
        "C": "intermittent",
        "D": "complete",
        "E": "never seen",
    }
    assert attrition["n_waves"].tolist() == [4, 2, 3, 2, 0]


def test_sel_filters_every_table():
    study = _study()
    part = study.sel(case=["A", "B"], wave="W2")
    assert sorted(part.documents["doc_id"]) == ["a2", "b2"]
    assert list(part.waves["wave_id"]) == ["W2"]
    assert sorted(part.cases["case_id"]) == ["A", "B"]
    carers = study.sel(role="carer")
    assert "D" not in set(carers.cases["case_id"]) and "n2" not in set(carers.documents["doc_id"])
    notes = study.sel(kind="observation")
    assert list(notes.documents["doc_id"]) == ["n2"]
    assert len(study.documents) == 12  # the original is untouched


def test_sel_unknown_id_suggests():
    with pytest.raises(SelectionError, match=r"case 'a' is not in this study\. Fix: did you mean 'A'\?"):
        _study().sel(case="a")
    with pytest.raises(SelectionError, match="role 'manager'"):
        _study().sel(role="manager")


def test_sel_on_sample_keeps_segments_aligned(sample_study):
    part = sample_study.sel(case="C01")
    assert set(part.segments["doc_id"]) == {"C01_W1_interview", "C01_W2_interview", "C01_W3_interview"}
    assert part.segments["seg_id"].is_unique
    texts = part.segment_texts()
    assert texts.index.tolist() == part.segments["seg_id"].tolist()


def test_repr_is_one_line():
    text = repr(_study())
    assert text == "<Study 'demo': 5 cases × 4 waves, 12 documents, 24 words, 0 segments, 0 codings>"
    assert "\n" not in text


def test_html_display_escapes_everything():
    study = _study("<script>alert(1)</script>")
    study.cases.loc[0, "role"] = "<b>carer</b>"
    html = study._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;carer&lt;/b&gt;" in html
    assert "5 cases × 4 waves × 12 documents × 24 words" in html
    assert "Attrition: " in html and "joined late, dropped out" in html
    assert html.count('class="qlr-cell"') == 20


def test_html_display_of_sample(sample_study):
    html = sample_study._repr_html_()
    assert "27 cases × 3 waves" in html
    assert html.count('class="qlr-cell"') == 27 * 3
    assert "<script" not in html


def test_record_appends_to_the_log():
    study = _study()
    study.record("test action", {"n": 1})
    study.record("second", actor="someone")
    assert study.log["entry_id"].tolist() == [1, 2]
    assert study.log["actor"].tolist() == ["tester", "someone"]
    assert study.log["detail"].iloc[0] == '{"n": 1}'
    assert str(study.log["time"].dtype) == "datetime64[ns, UTC]"


def test_copy_is_independent():
    study = _study()
    other = study.copy()
    other.cases.loc[0, "role"] = "changed"
    assert study.cases.loc[0, "role"] == "carer"
    assert study == _study()


def test_table_dtypes_are_the_schema(sample_study):
    assert str(sample_study.documents["doc_id"].dtype) == "string"
    assert str(sample_study.segments["start"].dtype) == "Int64"
    assert str(sample_study.waves["start"].dtype) == "datetime64[ns]"
    assert str(sample_study.segments["timestamp"].dtype) == "Float64"
