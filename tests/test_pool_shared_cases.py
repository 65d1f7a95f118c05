"""``qlr.concat(…, cases="shared")``: the same people's actors once, and what the studies say differently about a case.

Every study here is a folder written by the test (two people, Ann and Ben, interviewed at waves W1–W4), loaded with
:func:`qlr.load`, which lists each case again as an actor.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import PoolingError, PoolingWarning


def _folder(path, name, waves, cases, people=("Ann", "Ben")):
    path.mkdir()
    rows = "\n".join(f"  - {line}" for line in cases)
    wave_rows = "\n".join(f"  - {{id: {w}}}" for w in waves)
    (path / "study.yaml").write_text(f"name: {name}\ncases:\n{rows}\nwaves:\n{wave_rows}\ndocuments:\n  - \"*.txt\"\n", encoding="utf-8")
    for person in people:
        for wave in waves:
            (path / f"{person}_{wave}_interview.txt").write_text(f"INT: How are things?\n{person}: I help at the food bank at {wave}.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path)


def _pool(studies):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pooled = qlr.concat(studies, cases="shared", waves="id")
    # A second interview at a wave is written from the same template: the same text, which pooling warns of, beside the point here.
    return pooled, [str(w.message) for w in caught if issubclass(w.category, PoolingWarning) and "pooled twice" not in str(w.message)]


PLAIN = ["{id: Ann, role: participant}", "{id: Ben, role: participant}"]


def test_two_folders_of_the_same_people_pool_with_one_actor_each_and_again_with_a_third(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], PLAIN)
    second = _folder(tmp_path / "b", "B", ["W3"], PLAIN)
    assert sorted(first.actors["actor_id"]) == sorted(second.actors["actor_id"]) == ["Ann", "Ben"]
    both, said = _pool([first, second])
    assert said == []  # the studies agree on every case
    assert both.actors[["actor_id", "case_id", "study"]].values.tolist() == [["Ann", "Ann", "A"], ["Ben", "Ben", "A"]]
    assert len(both.cases) == 2 and len(both.documents) == 6
    third = _folder(tmp_path / "c", "C", ["W4"], PLAIN, people=("Ann",))
    again, _ = _pool([both, third])
    assert again.actors["actor_id"].tolist() == ["Ann", "Ben"]
    assert list(again.waves["wave_id"]) == ["W1", "W2", "W3", "W4"]
    assert again.attrition().loc["Ann", "n_waves"] == 4 and again.attrition().loc["Ben", "W4"] == "dropped out"


def test_an_actor_id_clash_names_same_cases_and_one_for_another_case_is_still_refused(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1"], PLAIN)
    second = _folder(tmp_path / "b", "B", ["W2"], PLAIN)
    with pytest.raises(PoolingError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.concat([first, second], waves="id")
    assert caught.value.message.startswith("case id 'Ann'") and "--same-cases" in caught.value.hint
    second.cases = second.cases.assign(case_id=["Ann2", "Ben2"])  # only the actors clash now
    with pytest.raises(PoolingError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.concat([first, second], waves="id")
    assert caught.value.message.startswith("actor id 'Ann'") and "cases='shared' (qlr pool --same-cases)" in caught.value.hint
    third = _folder(tmp_path / "c", "C", ["W2"], PLAIN)
    third.actors.loc[third.actors["actor_id"] == "Ann", "case_id"] = "Ben"  # 'Ann' there is another case's actor
    with pytest.raises(PoolingError) as caught:
        qlr.concat([first, third], cases="shared", waves="id")
    assert caught.value.message.startswith("actor id 'Ann' is in both 'A' and 'C'")
    assert "--same-cases" not in caught.value.hint and "same case_id" in caught.value.hint


def test_values_the_studies_give_differently_are_named_and_the_first_kept(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], ["{id: Ann, role: participant, attributes: {gender: woman, caring_for: mother}}", "{id: Ben, role: participant, attributes: {gender: man}}"])
    second = _folder(tmp_path / "b", "B", ["W3"], ["{id: Ann, role: participant, attributes: {gender: man, caring_for: brother}}", "{id: Ben, role: carer, attributes: {gender: man, caring_for: son}}"])
    both, said = _pool([first, second])
    assert len(said) == 1
    # A label or role is the case's, whatever the wave: a clash, the first study's kept.
    assert "1 value of shared cases differently, and the first study's is kept" in said[0]
    assert "Ben role ('A': 'participant', 'B': 'carer')" in said[0]
    # An attribute the studies give at different waves is each wave's (stop 46): not a clash, a note naming each value.
    assert "gender" not in said[0] and "caring_for" not in said[0]
    notes = " ".join(qlr.io.load_notes(both)["note"])
    assert "Ann gender: woman at W1, W2 ('A'); man at W3 ('B')" in notes and "Ann caring_for: mother at W1, W2 ('A'); brother at W3 ('B')" in notes
    assert "Ben caring_for" not in notes and "Ben gender" not in notes  # only one study gives it / both agree
    cases = both.cases.set_index("case_id")
    assert cases.loc["Ann", "gender"] == "man" and cases.loc["Ben", "role"] == "participant" and cases.loc["Ben", "caring_for"] == "son"
    assert both.case_waves.set_index(["case_id", "wave_id"]).loc[("Ann", "W1"), "gender"] == "woman"


def test_left_is_dropped_when_a_later_study_sees_the_case_and_kept_when_it_does_not(tmp_path):
    cases = ["{id: Ann, role: participant, left: moved away}", "{id: Ben, role: participant, left: withdrew}"]
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], cases)
    second = _folder(tmp_path / "b", "B", ["W3"], ["{id: Ben, role: participant}"], people=("Ben",))
    both, said = _pool([first, second])
    assert len(said) == 1
    assert "1 case marked 'left' by one study has documents in a later one, so the 'left' is dropped: Ben (left 'withdrew' in 'A', seen again in 'B')" in said[0]
    left = both.cases.set_index("case_id")["left"]
    assert left["Ann"] == "moved away" and left.isna()["Ben"]
    assert both.attrition().loc["Ben", "pattern"] == "complete"
    # a later study's own 'left' is the case's, and drops nothing
    third = _folder(tmp_path / "c", "C", ["W3"], ["{id: Ann, role: participant}", "{id: Ben, role: participant, left: moved}"])
    again, said = _pool([first, third])
    left = again.cases.set_index("case_id")["left"]
    assert left["Ben"] == "moved" and left.isna()["Ann"]
    assert len(said) == 1 and "Ann (left 'moved away' in 'A', seen again in 'C')" in said[0] and "Ben (" not in said[0]


# ---------------------------------------------------------------------------- stop 46: values by wave, actors, left by waves
def test_a_value_that_changes_by_wave_is_kept_per_wave_not_warned_as_a_clash(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], ["{id: Ann, role: participant, attributes: {age: 15, gender: woman}}", "{id: Ben, role: participant, attributes: {age: 19}}"])
    second = _folder(tmp_path / "b", "B", ["W3"], ["{id: Ann, role: participant, attributes: {age: 16, gender: woman}}", "{id: Ben, role: participant, attributes: {age: 19}}"])
    both, said = _pool([first, second])
    # Before: a PoolingWarning "Ann age ('A': '15', 'B': '16')" and age 15 kept for every wave.
    assert said == []
    assert both.cases.set_index("case_id").loc["Ann", "age"] == 16  # the latest
    ages = both.case_waves.set_index(["case_id", "wave_id"])["age"]
    assert ages.to_dict() == {("Ann", "W1"): 15, ("Ann", "W2"): 15, ("Ann", "W3"): 16}
    notes = qlr.io.load_notes(both)["note"].tolist()
    assert "Ann age: 15 at W1, W2 ('A'); 16 at W3 ('B')" in " ".join(notes)
    assert both.attrition().loc["Ann", "pattern"] == "complete" and both.attrition().loc["Ben", "pattern"] == "complete"
    # Analyses by age read each wave's value: Ann's W1 and W2 interviews at 15, her W3 one at 16.
    from qlr.track._evidence import document_context

    context = document_context(both).set_index("doc_id")["age"]
    assert [context[f"Ann_{w}_interview"] for w in ("W1", "W2", "W3")] == [15, 15, 16]
    assert context["Ben_W3_interview"] == 19


def test_studies_at_one_wave_that_disagree_are_still_a_clash(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], ["{id: Ann, role: participant, attributes: {age: 15}}", "{id: Ben, role: participant, attributes: {age: 19}}"])
    second = _folder(tmp_path / "b", "B", ["W2"], ["{id: Ann, role: participant, attributes: {age: 16}}", "{id: Ben, role: participant, attributes: {age: 19}}"], people=("Ann",))
    second.documents["doc_id"] = second.documents["doc_id"] + "_again"
    second.segments["doc_id"] = second.segments["doc_id"] + "_again"
    second.segments["seg_id"] = second.segments["seg_id"].str.replace("_interview:", "_interview_again:")
    both, said = _pool([first, second])
    assert len(said) == 1 and "Ann age ('A': '15', 'B': '16')" in said[0]
    assert both.cases.set_index("case_id").loc["Ann", "age"] == 15 and "age" not in both.case_waves.columns


def test_an_actor_of_no_case_in_both_studies_is_one_actor(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1"], PLAIN)
    second = _folder(tmp_path / "b", "B", ["W2"], PLAIN)
    lena = {"actor_id": "lena", "name": "Lena", "kind": "person", "role": "interviewer", "case_id": None, "aliases": ["INT"]}
    first.actors = pd.concat([first.actors, pd.DataFrame([lena])], ignore_index=True)
    second.actors = pd.concat([second.actors, pd.DataFrame([{**lena, "aliases": ["Interviewer"]}])], ignore_index=True)
    # Before: PoolingError "actor id 'lena' is in both 'A' and 'B'", the fix keys (which split Ann and Ben in two).
    both, said = _pool([first, second])
    assert said == []
    assert both.actors["actor_id"].tolist() == ["Ann", "Ben", "lena"]
    assert both.actors.set_index("actor_id").loc["lena", "aliases"] == ["INT", "Interviewer"]
    # One study's interviewer, another's case of the same id: still refused.
    third = _folder(tmp_path / "c", "C", ["W3"], PLAIN)
    third.actors = pd.concat([third.actors, pd.DataFrame([{**lena, "case_id": "Ann"}])], ignore_index=True)
    with pytest.raises(PoolingError, match="actor id 'lena'"):
        qlr.concat([first, third], cases="shared", waves="id")


def test_left_is_decided_by_the_waves_not_the_order_the_studies_are_given(tmp_path):
    # Ben withdrew after W3 of study A (W1–W3); study B holds a second W2 interview of his. Given after A, B used to
    # drop A's 'left' (a "later" study had seen him); at W2 it is no later than A's last wave: he still withdrew.
    cases = ["{id: Ann, role: participant}", "{id: Ben, role: participant, left: withdrew}"]
    first = _folder(tmp_path / "a", "A", ["W1", "W2", "W3"], cases)
    second = _folder(tmp_path / "b", "B", ["W2"], ["{id: Ben, role: participant}"], people=("Ben",))
    second.documents["doc_id"] = second.documents["doc_id"] + "_second"
    second.segments["doc_id"] = second.segments["doc_id"] + "_second"
    second.segments["seg_id"] = second.segments["seg_id"].str.replace("_interview:", "_interview_second:")
    for order in ([first, second], [second, first]):
        both, said = _pool(order)
        assert both.cases.set_index("case_id").loc["Ben", "left"] == "withdrew", [s.name for s in order]
        assert said == []
    # Seen at a wave after A's last (W4), in either order: dropped, and said. (Given first, the W4 study's wave comes
    # first unless the waves are dated: undated, the order given is the only order qlr has.)
    later = _folder(tmp_path / "c", "C", ["W4"], ["{id: Ben, role: participant}"], people=("Ben",))
    first.waves = first.waves.assign(start=pd.to_datetime(["2023-03-01", "2024-03-01", "2025-03-01"]))
    later.waves = later.waves.assign(start=pd.to_datetime(["2026-03-01"]))
    for order in ([first, later], [later, first]):
        both, said = _pool(order)
        assert both.cases.set_index("case_id")["left"].isna()["Ben"]
        assert len(said) == 1 and "Ben (left 'withdrew' in 'A', seen again in 'C')" in said[0]


def test_dated_waves_are_pooled_in_time_order_whatever_order_the_studies_come_in(tmp_path):
    first = _folder(tmp_path / "a", "A", ["W1", "W2"], PLAIN)
    second = _folder(tmp_path / "b", "B", ["W3"], PLAIN)
    first.waves = first.waves.assign(start=pd.to_datetime(["2023-03-01", "2024-03-01"]), end=pd.to_datetime(["2023-04-01", "2024-04-01"]))
    second.waves = second.waves.assign(start=pd.to_datetime(["2025-03-01"]), end=pd.to_datetime(["2025-04-01"]))
    # Before: the study given first gave the first waves, so the wave-3 folder given first made W3 the first wave.
    both, _ = _pool([second, first])
    assert list(both.waves["wave_id"]) == ["W1", "W2", "W3"]
