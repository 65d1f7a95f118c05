"""Analysis and deposit leftovers that earlier stops found and left (stop 42).

Small studies written here: two allotment groups pooled ("east", where most plot-holders swap seedlings, and "river",
where nobody does), coded by hand with the bundled coproduction codebook, one participant turn a document.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr._ids import segment_id
from qlr.errors import DepositWarning

from .conftest import write

COPRODUCTION = qlr.read_codebook("coproduction")
SWAP, TOLD = "reciprocity.two_way", "power.consulted"

#: case → (its W1 turn, its W2 turn, the code of both)
EAST = {
    "E1": ("I swap my leek seedlings with Ros.", "We still swap, and now bean canes too.", SWAP),
    "E2": ("Ros gives me her spare onions for my rhubarb.", "We trade jam for compost now.", SWAP),
    "E3": ("The committee tells us which bed is ours.", "They sent a letter about the new rules.", TOLD),
}
RIVER = {
    "R1": ("The council set the rent and the rules.", "We were told the water is off in August.", TOLD),
    "R2": ("A notice went up about the hedges.", "They asked us to fill in a survey.", TOLD),
}


def allotments(name: str, turns: dict[str, tuple[str, str | None, str]]) -> qlr.Study:
    waves = pd.DataFrame([{"wave_id": "W1", "order": 1, "label": "Spring"}, {"wave_id": "W2", "order": 2, "label": "Autumn"}])
    docs = [
        {"doc_id": f"{case}_{wave}_interview", "case_id": case, "wave_id": wave, "kind": "interview", "text": said[i]}
        for case, said in turns.items()
        for i, wave in enumerate(("W1", "W2"))
        if said[i] is not None  # not interviewed then
    ]
    segments = [{"seg_id": segment_id(d["doc_id"], 0), "doc_id": d["doc_id"], "position": 0, "start": 0, "end": len(d["text"]), "speaker": "Plot-holder", "speaker_role": "participant"} for d in docs]
    cases = pd.DataFrame([{"case_id": case, "label": case, "role": "plot_holder"} for case in turns])
    study = qlr.Study(name, cases=cases, waves=waves, documents=pd.DataFrame(docs), segments=pd.DataFrame(segments), codebooks={"coproduction": COPRODUCTION})
    for d in docs:
        study.code(d["doc_id"], 0, len(d["text"]), turns[d["case_id"]][2], coder="jm")
    return study


@pytest.fixture(scope="module")
def pooled():
    return qlr.concat([allotments("East", EAST), allotments("River", RIVER)], keys=["east", "river"], waves="id")


# The evaluator (stop 41, findings 12 and 14): in a pooled study "absent (common elsewhere)" compared a case with the
# other study's cases, and `change` had no study column.


def test_a_pooled_case_is_compared_with_its_own_study(pooled):
    change = qlr.track.change(pooled).set_index(["case_id", "code_id"])
    # E3 swaps nothing while E1 and E2 (2 of its 2 others) do; R1 and R2 never swap, nor does anyone at River.
    # Compared across the pool R1 had been "common elsewhere": 2 of the 4 others seen at W1 swap.
    assert change.loc[("east:E3", SWAP), "category"] == "absent (common elsewhere)"
    assert change.loc[("river:R1", SWAP), "category"] == "absent"
    assert change.loc[("river:R2", SWAP), "category"] == "absent"
    # Each part's categories are the ones it has on its own.
    for key, turns in (("east", EAST), ("river", RIVER)):
        alone = qlr.track.change(allotments(key, turns)).set_index(["case_id", "code_id"])["category"]
        part = change[change.index.get_level_values(0).str.startswith(f"{key}:")]["category"]
        assert part.rename(index=lambda case: case.split(":")[1], level=0).to_dict() == alone.to_dict()


def test_a_pooled_change_table_says_whose_study_each_case_is(pooled):
    change = qlr.track.change(pooled)
    assert list(change.columns[:3]) == ["study", "case_id", "code_id"]
    assert dict(zip(change["case_id"], change["study"])) == {**{f"east:{c}": "east" for c in EAST}, **{f"river:{c}": "river" for c in RIVER}}
    # One study alone: no study column, the same rows as before.
    assert "study" not in qlr.track.change(allotments("East", EAST)).columns
    # East's E1 and E2 are never told, as E3 (1 of their 2 others) is; River's plot-holders only swap nowhere.
    gaps = qlr.track.missing_through_time(pooled)
    assert gaps[["study", "case_id", "code_id", "cases_seen"]].values.tolist() == [["east", "east:E1", TOLD, 2], ["east", "east:E2", TOLD, 2], ["east", "east:E3", SWAP, 2]]


# The new user (stop 41, finding 10): "absent (common elsewhere)" beside a printed share below the threshold.


def test_what_is_missing_shows_the_figures_the_rule_read():
    # Four plot-holders; D missed the autumn, when B swapped; A and C never swap.  At W2, 1 of the 2 others seen
    # (B of B and C, for A) swapped: half, so "common elsewhere" for A and C, as change says.  The table had said
    # 1 case of 3 others, 0.33: below the 0.5 it was picked by.
    turns = {
        "A": ("The committee runs it.", "The committee still runs it.", TOLD),
        "B": ("They tell us the rules.", "I swap seedlings with my neighbour now.", TOLD),
        "C": ("A notice went up.", "Another notice went up.", TOLD),
        "D": ("We are told the rent.", None, TOLD),
    }
    study = allotments("Four", turns)
    study.code("B_W2_interview", 0, len(turns["B"][1]), SWAP, coder="jm")
    change = qlr.track.change(study).set_index(["case_id", "code_id"])["category"]
    assert change[("A", SWAP)] == change[("C", SWAP)] == "absent (common elsewhere)"
    assert change[("D", SWAP)] == "not enough waves"
    gaps = qlr.track.missing_through_time(study)
    assert gaps.values.tolist() == [["A", SWAP, "W2", 1, 2, 0.5], ["C", SWAP, "W2", 1, 2, 0.5]]
    assert (gaps["share_elsewhere"] >= 0.5).all()
    assert np.isfinite(gaps["share_elsewhere"]).all()


# The new user (stop 41, finding 11): a placement on negative evidence only read "at most 1" beside a passage saying 0.


def test_a_ceiling_placement_names_the_lower_ceiling_some_passages_give():
    # W1: two passages of staff-led sessions (below level 2, so at most 1) and "I'm just told what to do" (done to:
    # below level 1, so at most 0).  The weighted median places W1 at 1, with a quarter of the weight at 0.
    turns = {
        "W1": [("We sit and listen while the staff talk.", "facilitation.staff_led"), ("The staff run every bit of it.", "facilitation.staff_led"), ("I'm just told what to do.", "negative.done_to")],
        "W2": [("Now the staff step back and let us lead.", "facilitation.catalyst"), ("We take turns leading the sessions.", "facilitation.catalyst")],
    }
    docs, segments = [], []
    for wave, said in turns.items():
        doc = f"G1_{wave}_interview"
        docs.append({"doc_id": doc, "case_id": "G1", "wave_id": wave, "kind": "interview", "text": "\n".join(words for words, _ in said)})
        start = 0
        for position, (words, _) in enumerate(said):
            segments.append({"seg_id": segment_id(doc, position), "doc_id": doc, "position": position, "start": start, "end": start + len(words), "speaker": "Gil", "speaker_role": "participant"})
            start += len(words) + 1
    study = qlr.Study(
        "Gardeners",
        cases=pd.DataFrame([{"case_id": "G1", "label": "Gil", "role": "plot_holder"}]),
        waves=pd.DataFrame([{"wave_id": "W1", "order": 1}, {"wave_id": "W2", "order": 2}]),
        documents=pd.DataFrame(docs),
        segments=pd.DataFrame(segments),
        codebooks={"coproduction": COPRODUCTION},
    )
    for segment in segments:
        study.code(segment["doc_id"], segment["start"], segment["end"], turns[segment["doc_id"][3:5]][segment["position"]][1], coder="jm")
    placements = qlr.track.ladder(study)
    row = placements.table.set_index(["wave_id", "facet"]).loc[("W1", "delivery")]
    assert (row["level"], row["low"], bool(row["negative_only"])) == (1, 0, True)
    text = str(qlr.track.portrait(study, "G1", placements=placements))
    assert "from negative evidence only, so at most 1, some of it at most 0 (no passage shows this level)" in text
    # W2 rests on passages showing level 1 itself: no ceiling said.
    assert text.count("negative evidence only") == 1


# The deposit work (stop 41): a study with no waves dropped a case with no document from its data lists, silently.

NO_WAVES = (
    "name: Allotment\n"
    "cases: [{id: A1, label: Hal Brook, role: grower}, {id: A2, label: Ines Moro, role: grower}, {id: A3, label: Uma Reid, role: grower}]\n"
    "speakers: {Dee: interviewer}\n"
    "documents: [{path: interviews/A1_interview.txt, case: A1}, {path: interviews/A2_interview.txt, case: A2}]\n"
)


def test_a_deposit_lists_the_cases_with_no_document(tmp_path):
    root = tmp_path / "allotment"
    write(root / "study.yaml", NO_WAVES)
    for case, name in (("A1", "Hal"), ("A2", "Ines")):
        write(root / f"interviews/{case}_interview.txt", f"Dee: What brought you here?\n\n{name}: My beans failed.\n\nDee: And now?\n\n{name}: We dig together.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudonymise(qlr.load(root, progress=False))
    # Uma Reid (A3) signed up and was never interviewed: no wave, no document. Since stop 43 she is a row with no file
    # and no wave in the list of documents of no wave (tests/test_leftovers_43.py loads her back), and nothing is warned.
    with warnings.catch_warnings():
        warnings.simplefilter("error", DepositWarning)
        folder = qlr.pseudo.deposit(result, tmp_path / "deposit")
    assert "1 case with no document (recruited, never interviewed): A3; each is a row with no file in `data_list_other.csv`" in (folder / "README.md").read_text()
    assert (folder / "data_list_other.csv").read_text().splitlines()[-1].startswith(",,A3,grower,,")  # no file, no wave
    # Loaded back through its lists, she is a case again, never seen, and no first wave is invented for her row.
    write(folder / "study.yaml", qlr.io.template_for(folder))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = qlr.load(folder, progress=False)
    assert list(back.cases["case_id"]) == ["A1", "A2", "A3"] and back.waves.empty
    assert back.attrition()["pattern"].tolist() == result.study.attrition()["pattern"].tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert "A3" in set(qlr.io.read_qdpx(folder / "project.qdpx").cases["case_id"])
    # With waves the case is a row of the first wave's list, and nothing is said.
    write(root / "study.yaml", NO_WAVES.replace("cases:", "waves: [W1]\ncases:").replace("case: A1}", "case: A1, wave: W1}").replace("case: A2}", "case: A2, wave: W1}"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudonymise(qlr.load(root, progress=False))
    with warnings.catch_warnings():
        warnings.simplefilter("error", DepositWarning)
        folder = qlr.pseudo.deposit(result, tmp_path / "deposit2")
    assert "Uma" not in (folder / "data_list_W1.csv").read_text() and ",A3," in (folder / "data_list_W1.csv").read_text()
    assert "each is a row with no file in the list of each wave it was planned for" in (folder / "README.md").read_text()


# Theme roll-ups (f15's and a review's leftovers, stop 41): the codebook's table did not say where a code counts, and a
# code with no theme above it could say it counts against one (its own column then always empty).

ROLLUP_CODEBOOK = """\
name: Plots
id: plots
version: 1.0.0
themes: [sharing]
codes:
  - {id: sharing.swaps, parent: sharing}
  - {id: sharing.alone, parent: sharing, counts: against}
  - {id: sharing.alone.winter, parent: sharing.alone}
"""


def test_the_codebook_table_says_where_each_code_counts():
    frame = qlr.Codebook.from_yaml(ROLLUP_CODEBOOK, path="plots.yaml").to_frame()
    assert frame["rollup"].to_dict() == {"sharing": "sharing", "sharing.swaps": "sharing", "sharing.alone": "sharing (against)", "sharing.alone.winter": "sharing (against)"}
    assert list(frame.columns[frame.columns.get_loc("theme") :][:2]) == ["theme", "rollup"]


def test_counting_against_needs_a_theme_above():
    with pytest.raises(qlr.errors.CodebookError, match=r"plots.yaml:9: code 'weeds' says counts: against but has no theme above it"):
        qlr.Codebook.from_yaml(ROLLUP_CODEBOOK + "  - {id: weeds, counts: against}\n", path="plots.yaml")
    # Counting for is what a code with no theme above does anyway.
    assert qlr.Codebook.from_yaml(ROLLUP_CODEBOOK + "  - {id: weeds, counts: for}\n", path="plots.yaml").rollup("weeds") == "weeds"


# The evaluator (stop 41, finding 13): the trajectories figure's case labels lay over the band names, and a label of a
# line that ends early was struck through by the others' lines.


def test_trajectory_labels_keep_clear_of_the_band_names():
    import matplotlib.pyplot as plt

    from qlr.codebook import Facet, Ladder, Level

    cases = [f"allotment-society:G{n:02d}" for n in range(1, 9)]
    table = pd.DataFrame(
        {
            "case_id": np.repeat(cases, 3),
            "wave_id": ["W1", "W2", "W3"] * len(cases),
            "facet": "delivery",
            # Every line ends high, where the high band is named; G08 leaves after W2.
            "level": pd.array([1, 2, 2] * (len(cases) - 1) + [0, 1, pd.NA], dtype="Int64"),
            "status": ["placed"] * (3 * len(cases) - 1) + ["missing"],
        }
    )
    steps = Ladder("Steps", (Level(0, "None"), Level(1, "Some", "mid"), Level(2, "Most", "high")), (Facet("delivery", "Delivery"),))
    ax = qlr.plot.trajectories(qlr.track.Placements(table, pd.DataFrame(), ladder=steps, keys=["case_id", "wave_id"], waves=["W1", "W2", "W3"]))
    figure = ax.figure
    figure.savefig(io.BytesIO(), format="png", dpi=100)
    renderer = figure.canvas.get_renderer()
    bands = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().endswith(" band")]
    labels = {t.get_text(): t for t in ax.texts if t.get_text() in cases}
    assert len(bands) == 2 and len(labels) == len(cases)
    first_wave = ax.transData.transform((0, 0))[0]
    assert all(box.x1 < first_wave for box in bands)  # before the first wave's points
    assert not any(band.overlaps(t.get_window_extent(renderer)) for band in bands for t in labels.values())
    assert all(t.get_window_extent(renderer).x1 <= ax.get_window_extent(renderer).x1 for t in labels.values())  # inside
    assert labels["allotment-society:G08"].get_bbox_patch() is not None  # ends at W2, among the others' lines
    assert labels["allotment-society:G01"].get_bbox_patch() is None
    plt.close(figure)


# The evaluator (stop 41, finding 10): dir(qlr) listed TYPE_CHECKING and annotations, qlr.errors os.


@pytest.mark.parametrize("namespace", ["qlr", "qlr.track", "qlr.errors", "qlr.net", "qlr.plot", "qlr.report", "qlr.pseudo"])
def test_dir_lists_what_a_namespace_offers(namespace):
    import importlib

    module = importlib.import_module(namespace)
    listed = dir(module)
    assert not {"annotations", "TYPE_CHECKING", "os", "attach", "listing"} & set(listed)
    assert set(module.__all__) <= set(listed) and "__doc__" in listed
    assert all(hasattr(module, name) for name in ("annotations", "os", "TYPE_CHECKING") if name in vars(module))  # not offered, still there
