"""The row writer, the id module and the segment lookup every writer uses."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr import _ids, _tables
from qlr._rows import append_rows, replace_rows, segment_for_spans

from .conftest import write

# Document "a": three segments; document "b": two; document "c": none.
SEGMENTS = pd.DataFrame(
    {
        "seg_id": ["a:0000", "a:0001", "a:0002", "b:0000", "b:0001"],
        "doc_id": ["a", "a", "a", "b", "b"],
        "start": [0, 10, 30, 0, 20],
        "end": [10, 30, 40, 20, 50],
    }
)


def lookup(spans, segments=SEGMENTS):
    docs, starts, ends = zip(*spans) if spans else ((), (), ())
    return segment_for_spans(segments, list(docs), list(starts), list(ends)).tolist()


def test_largest_overlap_wins():
    # 5:25 overlaps a:0000 by 5 and a:0001 by 15.
    assert lookup([("a", 5, 25)]) == ["a:0001"]
    # 8:35 overlaps by 2, 20 and 5: the middle one, though the span starts in the first.
    assert lookup([("a", 8, 35)]) == ["a:0001"]


def test_ties_go_to_the_earlier_segment():
    # 5:15 overlaps a:0000 and a:0001 by 5 each; 25:35 overlaps a:0001 and a:0002 by 5 each.
    assert lookup([("a", 5, 15), ("a", 25, 35)]) == ["a:0000", "a:0001"]


def test_span_over_three_segments_and_inside_one():
    assert lookup([("a", 0, 40), ("a", 12, 18), ("b", 19, 21)]) == ["a:0001", "a:0001", "b:0000"]


def test_spans_in_no_segment_are_missing():
    found = lookup([("a", 40, 50), ("c", 0, 5), ("a", 12, 12), ("zz", 0, 1)])
    assert all(value is pd.NA for value in found)


def test_several_documents_in_any_order():
    spans = [("b", 25, 45), ("a", 31, 32), ("b", 0, 30), ("a", 0, 1)]
    assert lookup(spans) == ["b:0001", "a:0002", "b:0000", "a:0000"]  # b 0:30 overlaps 20 and 10
    shuffled = SEGMENTS.sample(frac=1, random_state=3)
    assert lookup(spans, shuffled) == lookup(spans)


def test_table_order_breaks_ties_between_segments_with_the_same_start():
    overlapping = pd.DataFrame({"seg_id": ["x", "y", "z"], "doc_id": ["a"] * 3, "start": [0, 0, 5], "end": [100, 10, 8]})
    # 0:10 overlaps x and y by 10 each (x comes first in the table); z is shorter.
    assert lookup([("a", 0, 10)], overlapping) == ["x"]
    # A long segment that starts early must still be found by a span near its end.
    assert lookup([("a", 50, 60)], overlapping) == ["x"]


def test_result_matches_a_plain_loop_on_random_spans():
    rng = np.random.default_rng(7)
    rows = []
    for doc in ["d1", "d2", "d3"]:
        cuts = np.sort(rng.choice(np.arange(1, 500), size=30, replace=False))
        bounds = np.concatenate([[0], cuts, [500]])
        for position, (start, end) in enumerate(zip(bounds[:-1], bounds[1:])):
            rows.append({"seg_id": _ids.segment_id(doc, position), "doc_id": doc, "start": int(start), "end": int(end)})
    segments = pd.DataFrame(rows)
    spans = [(str(rng.choice(["d1", "d2", "d3", "d4"])), int(s), int(s + rng.integers(0, 80))) for s in rng.integers(0, 520, size=400)]

    def by_hand(doc, start, end):
        best, most = None, 0
        for seg in rows:  # in text order, so a strict '>' keeps the earlier segment on ties
            shared = min(seg["end"], end) - max(seg["start"], start)
            if seg["doc_id"] == doc and shared > most:
                best, most = seg["seg_id"], shared
        return best

    expected = [by_hand(*span) for span in spans]
    assert [None if value is pd.NA else value for value in lookup(spans, segments)] == expected
    assert any(value is None for value in expected) and len(set(expected)) > 50


def test_no_spans_or_no_segments():
    assert lookup([]) == []
    assert lookup([("a", 0, 5)], SEGMENTS.iloc[:0]) == [pd.NA]


# ------------------------------------------------------------------ writing rows
def _coding(coding_id, coder="rm", code="a"):
    return {"coding_id": coding_id, "doc_id": "d", "start": 0, "end": 5, "code_id": code, "coder": coder, "origin": "human", "created": "2025-01-02T10:00:00Z"}


def test_append_keeps_the_schema_and_a_range_index():
    study = qlr.Study("t")
    added = append_rows(study, "codings", [_coding("h-1"), _coding("h-2")])
    append_rows(study, "codings", pd.DataFrame([_coding("h-3")], index=[42]))
    assert study.codings["coding_id"].tolist() == ["h-1", "h-2", "h-3"]
    assert study.codings.dtypes.equals(_tables.empty("codings").dtypes)
    assert isinstance(study.codings.index, pd.RangeIndex) and len(added) == 2


def test_append_skips_ids_already_there_only_when_asked():
    study = qlr.Study("t")
    append_rows(study, "codings", [_coding("h-1")])
    added = append_rows(study, "codings", [_coding("h-1"), _coding("h-2"), _coding("h-2")], skip_existing=True)
    assert added["coding_id"].tolist() == ["h-2"]
    assert study.codings["coding_id"].tolist() == ["h-1", "h-2"]
    append_rows(study, "codings", [_coding("h-2")])
    assert study.codings["coding_id"].tolist() == ["h-1", "h-2", "h-2"]


def test_replace_removes_where_true_and_treats_missing_as_false():
    study = qlr.Study("t")
    append_rows(study, "codings", [_coding("h-1", coder="rm"), _coding("h-2", coder=None), _coding("h-3", coder="so")])
    added, removed = replace_rows(study, "codings", [_coding("h-4", coder="rm")], where=study.codings["coder"] == "rm")
    assert (removed, len(added)) == (1, 1)
    assert study.codings["coding_id"].tolist() == ["h-2", "h-3", "h-4"]


def test_a_table_assigned_by_hand_is_brought_back_to_the_schema():
    study = qlr.Study("t")
    study.codings = pd.DataFrame({"coding_id": ["h-1"], "start": [1.0], "note": ["extra"]})
    append_rows(study, "codings", [_coding("h-2")])
    assert list(study.codings.columns) == list(_tables.SCHEMAS["codings"])
    assert str(study.codings["start"].dtype) == "Int64"


def test_overrides_and_memos_go_through_the_same_writer():
    study = qlr.Study("t")
    created = pd.Timestamp("2025-01-02T10:00:00Z")
    override = {"override_id": _ids.override_id('{"case": "C1"}', None, created), "group": '{"case": "C1"}', "level": 2, "reason": "r", "created": created}
    append_rows(study, "overrides", [override])
    append_rows(study, "memos", [{"memo_id": _ids.memo_id("case", "C1", "rm", created, 0), "target_type": "case", "target_id": "C1", "text": "m"}])
    assert study.overrides["level"].tolist() == [2] and str(study.overrides["level"].dtype) == "Int64"
    assert study.memos["memo_id"].iloc[0].startswith("m-")
    with pytest.raises(ValueError, match="not 'segments'"):
        append_rows(study, "segments", [])


# ------------------------------------------------------------------ ids
def test_coding_ids_keep_their_format_across_versions():
    # Saved projects hold these ids: the digest must not change.
    assert _ids.coding_id("rules", "C01_W1_interview", 10, 42, "reciprocity", "coproduction") == "r-f6823de11ddd"
    assert _ids.segment_id("C01_W1_interview", 7) == "C01_W1_interview:0007"
    assert _ids.document_of_segment(_ids.segment_id("a:b", 12)) == "a:b"


def test_rule_coding_ids_are_stable_across_recoding(sample_study):
    study = sample_study.sel(case="C05").apply("coproduction")
    first = study.codings["coding_id"].tolist()
    study.apply("coproduction")
    assert study.codings["coding_id"].tolist() == first and len(first) > 0


# ------------------------------------------------------------------ the codings CSV route
def test_codings_csv_takes_the_segment_with_the_largest_overlap(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "waves: [W1]\ncases: [{id: C1}]\ncodings: [coded.csv]\ndocuments:\n  - {path: C1_W1_interview.txt, case: C1, wave: W1}\n")
    write(root / "C1_W1_interview.txt", "I: Short question?\nR: A much longer answer that goes on.\n")
    # The quote starts in the question (2 characters) and covers the whole answer.
    coded = pd.DataFrame({"doc_id": ["C1_W1_interview"], "quote": ["n?\nR: A much longer answer"], "code_id": ["support"], "coder": ["rm"]})
    coded.to_csv(root / "coded.csv", index=False)
    study = qlr.load(root)
    assert study.segments["seg_id"].tolist() == ["C1_W1_interview:0000", "C1_W1_interview:0001"]
    assert study.codings["seg_id"].tolist() == ["C1_W1_interview:0001"]


def test_a_coding_listed_in_two_csv_files_is_read_once(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "waves: [W1]\ncases: [{id: C1}]\ncodings: [a.csv, b.csv]\ndocuments:\n  - {path: C1_W1_interview.txt, case: C1, wave: W1}\n")
    write(root / "C1_W1_interview.txt", "I: Short question?\nR: A much longer answer that goes on.\n")
    write(root / "a.csv", "doc_id,quote,code_id,coder,created\nC1_W1_interview,longer answer,support,rm,\n")
    write(root / "b.csv", "doc_id,quote,code_id,coder,created\nC1_W1_interview,longer answer,support,rm,\nC1_W1_interview,Short,support,so,2024-05-01T10:00:00Z\n")
    study = qlr.load(root)
    assert study.codings["coder"].tolist() == ["rm", "so"]
    assert study.codings["seg_id"].tolist() == ["C1_W1_interview:0001", "C1_W1_interview:0000"]
    assert study.codings["created"].isna().tolist() == [True, False]
    assert [json.loads(detail)["codings"] for detail in study.log.loc[study.log["action"] == "read codings", "detail"]] == [1, 1]
