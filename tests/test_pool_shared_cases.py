"""``qlr.concat(…, cases="shared")``: the same people's actors once, and what the studies say differently about a case.

Every study here is a folder written by the test (two people, Ann and Ben, interviewed at waves W1–W4), loaded with
:func:`qlr.load`, which lists each case again as an actor.
"""

from __future__ import annotations

import warnings

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
    return pooled, [str(w.message) for w in caught if issubclass(w.category, PoolingWarning)]


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
    assert "3 values of shared cases differently, and the first study's is kept" in said[0]
    assert "Ann gender ('A': 'woman', 'B': 'man')" in said[0] and "Ann caring_for ('A': 'mother', 'B': 'brother')" in said[0]
    assert "Ben role ('A': 'participant', 'B': 'carer')" in said[0]
    assert "Ben caring_for" not in said[0] and "Ben gender" not in said[0]  # only one study gives it / both agree
    cases = both.cases.set_index("case_id")
    assert cases.loc["Ann", "gender"] == "woman" and cases.loc["Ben", "role"] == "participant" and cases.loc["Ben", "caring_for"] == "son"


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
