"""Joint voices and joint interviews: a turn two cases speak together counts for each, another case's turns in a
case's own interview count for that case (stop 40).

A small hand-written study of a village hall: Rhys Evans (C01), Yaw Boateng (C02) and Lena Fischer (C03), interviewed
alone at W1; a focus group at W1 with a moderator, a caretaker (Sam, no case) and all three, where two answer
together ("Rhys and Yaw:", "Lena & Yaw:", and "Sam and Yaw:", which is Yaw's); at W2 Rhys is interviewed with Yaw beside him (Yaw has no interview of
his own at W2; "Both:" answers once), and Lena with her grandfather, whom the entry maps to Rhys (``Grandad: C01``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import NoCaseTalkWarning
from qlr.evidence import coding_cases, each_case, segment_cases

from .conftest import write

INTERVIEW = "Interviewer: How is the hall doing?\n\n{name}: {words}\n"
FG_W1 = (
    "Moderator: Who decides how the hall's money is spent?\n\n"
    "Rhys: The committee, mostly.\n\n"
    "Yaw: I keep the accounts for the lunch club.\n\n"
    "Rhys and Yaw: We plan the budget together with the trustees now.\n\n"
    "Sam: I just open up and lock the doors.\n\n"
    "Lena & Yaw: Neighbours like Rhys and Gwen drop round to help each other all the time.\n\n"
    "Lena: I mostly come for the choir.\n\n"
    "Sam and Yaw: Tea's on us.\n"
)
JOINT_W2 = (
    "Interviewer: What has changed at the hall this year?\n\n"
    "Rhys: I chair the committee meetings now.\n\n"
    "Yaw: I run the repair cafe with two other volunteers.\n\n"
    "Interviewer: And who decides what the hall spends?\n\n"
    "Both: We vote on it together at the open meeting.\n"
)
GRANDAD_W2 = (
    "Interviewer: Tell me about the choir.\n\n"
    "Lena: I lead the warm-ups on Thursdays.\n\n"
    "Grandad: I drive her there and help set out the chairs.\n"
)
CODINGS = """doc_id,quote,code_id,coder
FG_W1,We plan the budget together with the trustees now.,power.shared_decisions,rm
FG_W1,We plan the budget together with the trustees now.,power.co_designing,rm
FG_W1,Neighbours like Rhys and Gwen drop round to help each other all the time.,peer_networks.peer_support,rm
FG_W1,I keep the accounts for the lunch club.,power.co_leading,rm
C01_W2_interview,I chair the committee meetings now.,power.co_leading,rm
C01_W2_interview,I run the repair cafe with two other volunteers.,power.co_leading,rm
C01_W2_interview,We vote on it together at the open meeting.,power.shared_decisions,rm
C03_W2_interview,I lead the warm-ups on Thursdays.,power.co_leading,rm
C03_W2_interview,I drive her there and help set out the chairs.,reciprocity.giving_back,rm
"""
MANIFEST = """name: Village hall
waves: [W1, W2]
cases:
  - {{id: C01, label: Rhys Evans}}
  - {{id: C02, label: Yaw Boateng}}
  - {{id: C03, label: Lena Fischer}}
{top}documents:
  - interviews/*.txt
  - {{path: joint/C01_W2_interview.txt, id: C01_W2_interview, case: C01, wave: W2{joint}}}
  - {{path: joint/C03_W2_interview.txt, id: C03_W2_interview, case: C03, wave: W2, speakers: {{Grandad: C01}}}}
  - {{path: groups/fg1.txt, id: FG_W1, kind: focus_group, wave: W1}}
codings: [codings.csv]
"""


def make_study(root: Path, *, top: str = "", joint: str = "") -> Path:
    for case, name, words in (("C01", "Rhys", "The hall needs a new roof."), ("C02", "Yaw", "They tell us what is on."), ("C03", "Lena", "I sing in the choir.")):
        write(root / "interviews" / f"{case}_W1_interview.txt", INTERVIEW.format(name=name, words=words))
    write(root / "joint" / "C01_W2_interview.txt", JOINT_W2)
    write(root / "joint" / "C03_W2_interview.txt", GRANDAD_W2)
    write(root / "groups" / "fg1.txt", FG_W1)
    write(root / "codings.csv", CODINGS)
    write(root / "study.yaml", MANIFEST.format(top=top, joint=joint))
    return root


def load(root: Path) -> tuple[qlr.Study, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, NoCaseTalkWarning)]


def cell(study: qlr.Study, case: str, code: str, wave: str) -> float:
    table = qlr.track.matrix(study, codebook="coproduction").tidy
    row = table[(table["case_id"] == case) & (table["code_id"] == code) & (table["wave_id"] == wave)]
    return float(row["count"].iloc[0]) if len(row) else 0.0


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("hall")
    return {"on": make_study(base / "on"), "off": make_study(base / "off", top="speaker_cases: off\n")}


@pytest.fixture(scope="module")
def hall(folders):
    return load(folders["on"])


def test_the_record_names_each_joint_voice_and_each_joint_interview(hall):
    study, said = hall
    assert study.meta["speaker_cases"] == {
        "C01_W2_interview": {"Yaw": "C02", "Both": ["C01", "C02"]},
        "C03_W2_interview": {"Grandad": "C01"},
        "FG_W1": {"Rhys": "C01", "Yaw": "C02", "Lena": "C03", "Rhys and Yaw": ["C01", "C02"], "Lena & Yaw": ["C03", "C02"], "Sam and Yaw": "C02"},
    }
    notes = " ".join(said)
    assert "joint, for each case named: Rhys and Yaw → C01 and C02 (1 turn), Lena & Yaw → C03 and C02 (1 turn)" in notes
    assert "no one's: Sam (1 turn)" in notes and "Sam and Yaw → C02 (1 turn)" in notes  # Sam is no case: Yaw's alone
    assert (
        "C01_W2_interview (C01's, at wave W2; Yaw → C02 (1 turn); joint, for each case named: Both → C01 and C02 (1 turn); "
        "stay C01's: Rhys (1 turn))" in notes
    )
    assert "C03_W2_interview (C03's, at wave W2; Grandad → C01 (1 turn); stay C03's: Lena (1 turn))" in notes
    assert "the document's case keeps its own voice's and anyone else's" in notes


def test_a_joint_turn_belongs_to_each_case_once(hall):
    study, _ = hall
    whose = segment_cases(study)
    speaker = whose["row"].map(dict(enumerate(study.segments["speaker"])))
    joint = whose[speaker.eq("Rhys and Yaw").to_numpy()]
    assert joint["case_id"].tolist() == ["C01", "C02"] and joint["row"].nunique() == 1 and joint["attributed"].all()
    both = whose[speaker.eq("Both").to_numpy()]
    assert both["case_id"].tolist() == ["C01", "C02"] and both["attributed"].tolist() == [False, True]  # C01 is the document's
    yaw = whose[speaker.eq("Yaw").to_numpy() & whose["doc_id"].eq("C01_W2_interview").to_numpy()]
    assert yaw["case_id"].tolist() == ["C02"]  # moved, not shared: Rhys's interview does not count Yaw's words
    # Every segment has a row; only joint voices have more; rows stay in the segments' order.
    assert whose["row"].is_monotonic_increasing and set(whose["row"]) == set(range(len(study.segments)))
    assert len(whose) == len(study.segments) + 3
    codings = study.codings
    per = coding_cases(study, codings)
    plan = codings.loc[per.index[per.index.duplicated()]]
    assert sorted(plan["code_id"]) == ["peer_networks.peer_support", "power.co_designing", "power.shared_decisions", "power.shared_decisions"]
    expanded, cases = each_case(study, codings)
    assert len(expanded) == len(codings) + 4 and (expanded["coding_id"].to_numpy() == codings["coding_id"].to_numpy()[per["row"].to_numpy()]).all()
    assert not cases.duplicated(["row"]).any() and not pd.concat([expanded["coding_id"], cases["case_id"]], axis=1).duplicated().any()


def test_matrices_placements_trails_and_quotes_count_each_case(hall, folders):
    study, _ = hall
    off, _ = load(folders["off"])
    # The joint plan: one coding, a cell for each of the two, and each counts it once.
    assert (cell(study, "C01", "power.shared_decisions", "W1"), cell(study, "C02", "power.shared_decisions", "W1")) == (1, 1)
    assert cell(off, "C01", "power.shared_decisions", "W1") == 0 and cell(off, "C02", "power.shared_decisions", "W1") == 0
    assert cell(study, "C03", "peer_networks.peer_support", "W1") == 1 and cell(study, "C02", "peer_networks.peer_support", "W1") == 1
    assert cell(study, "C01", "peer_networks.peer_support", "W1") == 0
    # Rhys's interview with Yaw beside him: Yaw's repair cafe is Yaw's, Rhys chairing is Rhys's, the vote both's.
    assert (cell(study, "C01", "power.co_leading", "W2"), cell(study, "C02", "power.co_leading", "W2")) == (1, 1)
    assert (cell(off, "C01", "power.co_leading", "W2"), cell(off, "C02", "power.co_leading", "W2")) == (2, 0)
    assert (cell(study, "C01", "power.shared_decisions", "W2"), cell(study, "C02", "power.shared_decisions", "W2")) == (1, 1)
    # Lena's grandfather is Rhys by the entry: his giving back is Rhys's at W2, not Lena's.
    assert (cell(study, "C01", "reciprocity.giving_back", "W2"), cell(study, "C03", "reciprocity.giving_back", "W2")) == (1, 0)
    assert cell(off, "C03", "reciprocity.giving_back", "W2") == 1  # 'speaker_cases: off' keeps the old reading
    # Yaw has no interview of his own at W2, but spoke in Rhys's: he was met then.
    assert study.attrition().loc["C02", "W2"] == "present" and off.attrition().loc["C02", "W2"] != "present"
    words = qlr.track._evidence.own_words(study).set_index(["case_id", "wave_id"])["n_words"]
    assert words[("C02", "W2")] == len("I run the repair cafe with two other volunteers. We vote on it together at the open meeting.".split())
    placements = qlr.track.ladder(study, codebook="coproduction")
    trail = placements.evidence
    yaw = trail[(trail["case_id"] == "C02") & (trail["wave_id"] == "W2")]
    assert set(yaw["doc_id"]) == {"C01_W2_interview"} and yaw["quote"].str.contains("repair cafe").any()
    rhys = trail[(trail["case_id"] == "C01") & (trail["wave_id"] == "W2")]
    assert not rhys["quote"].str.contains("repair cafe").any()
    # Each cited passage counted once per case: the joint plan's two codes are one passage in each of the two trails.
    for case in ("C01", "C02"):
        rows = trail[(trail["case_id"] == case) & trail["quote"].str.contains("plan the budget").fillna(False)]
        assert rows[["doc_id", "seg_id"]].drop_duplicates().shape[0] == 1
    quotes = qlr.track.quotes(study, codebook="coproduction", case="C02")
    assert {"FG_W1", "C01_W2_interview"} <= set(quotes["doc_id"])
    plan = quotes[quotes["quote"].str.contains("plan the budget")]
    assert sorted(plan["code_id"]) == ["power.co_designing", "power.shared_decisions"]  # once per code, as any passage


def test_networks_selections_sheets_memos_and_figures_follow(hall, tmp_path):
    study, _ = hall
    nets = qlr.net.cooccurrence(study, codebook="coproduction", by="case", granularity="code")
    for case in ("C01", "C02"):  # the joint plan's two codes meet in each one's network
        assert ("power.co_designing", "power.shared_decisions") in {tuple(sorted(e)) for e in nets[case].edges()}
    yaw = study.sel(case="C02")
    assert {"FG_W1", "C01_W2_interview"} <= set(yaw.documents["doc_id"])
    kept = set(yaw.segments.loc[yaw.segments["doc_id"].eq("C01_W2_interview"), "speaker"])
    assert kept == {"Interviewer", "Yaw", "Both"}  # not Rhys's own turns
    assert cell(yaw, "C02", "power.co_leading", "W2") == 1 and cell(yaw, "C02", "power.shared_decisions", "W2") == 1
    rhys = study.sel(case="C01")
    assert cell(rhys, "C01", "power.co_leading", "W2") == 1  # Yaw's turns stay out of Rhys's counts in a selection without Yaw
    sheet = qlr.code.write_coding_sheet(study, tmp_path / "sheet.csv", coder="ab")
    table = pd.read_csv(sheet)
    assert table.loc[table["text"].str.contains("plan the budget"), "case_id"].tolist() == ["C01, C02"]
    assert len(table) == table["seg_id"].nunique()
    seg = study.segments.loc[study.segments["speaker"].eq("Rhys and Yaw"), "seg_id"].iloc[0]
    memo_study = study.copy()
    memo_study.memo("segment", seg, "They finished each other's sentences here.")
    from qlr.report._memos import PassageMemos

    memos = PassageMemos(memo_study).table
    assert sorted(memos["case_id"]) == ["C01", "C02"]
    import matplotlib

    matplotlib.use("Agg")
    ax = qlr.plot.codeline(study, case="C02", codebook="coproduction", granularity="code")
    assert ax.get_title().startswith("C02")


def test_saving_exporting_pooling_and_pseudonymising_keep_joint_voices(hall, tmp_path):
    study, _ = hall
    before = qlr.track.matrix(study, codebook="coproduction").tidy
    study.save(tmp_path / "hall.qlr")
    opened = qlr.open(tmp_path / "hall.qlr")
    assert opened.meta["speaker_cases"] == study.meta["speaker_cases"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.io.write_qdpx(study, tmp_path / "hall.qdpx")
        back = qlr.io.read_qdpx(tmp_path / "hall.qdpx")
        pooled = qlr.concat([study, study.copy()], keys=["a", "b"])
    assert back.meta["speaker_cases"] == study.meta["speaker_cases"]
    assert pooled.meta["speaker_cases"]["b:FG_W1"]["Rhys and Yaw"] == ["b:C01", "b:C02"]
    assert qlr.track.matrix(opened, codebook="coproduction").tidy.equals(before)
    result = qlr.pseudonymise(study)
    record = result.study.meta["speaker_cases"]
    assert record["FG_W1"]["[Person 1] and [Person 2]"] == ["C01", "C02"]  # the joint label renamed as its turn was
    assert "Rhys" not in str(record) and "Yaw" not in str(record)
    assert qlr.track.matrix(result.study, codebook="coproduction").tidy["count"].equals(before["count"])
    # "Sam and Yaw" (Sam no case) is a joint voice, not another name of Yaw's: Sam stays, and the key restores it all.
    assert "Sam and [Person 2]: " in result.study.documents.set_index("doc_id").at["FG_W1", "text"]
    back = qlr.pseudo.restore(result.study, result.write_key(tmp_path / "key.csv"))
    assert back.meta == study.meta
    for table in ("documents", "segments", "codings"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(study, table), obj=table)


def test_the_report_and_the_export_say_it(hall, folders, tmp_path, capsys):
    from qlr.cli import main
    from qlr.report import write_report

    study, _ = hall
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_report(study, tmp_path / "report", codebook="coproduction", progress=False)
    evidence = pd.read_csv(tmp_path / "report" / "tables" / "placement_evidence.csv")
    assert set(evidence.loc[evidence["doc_id"].eq("C01_W2_interview"), "case_id"]) == {"C01", "C02"}
    assert "Rhys and Yaw → C01 and C02 (1 turn)" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert main(["export", "-q", str(folders["on"]), "-o", str(tmp_path / "h.qdpx")]) == 0
    err = capsys.readouterr().err
    assert "in 1 focus group with no case (FG_W1)" in err and "in 2 joint interviews (C01_W2_interview, C03_W2_interview)" in err



def test_a_joint_turn_names_its_people_in_each_speakers_network(hall, tmp_path):
    import spacy

    study, _ = hall
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "PERSON", "pattern": "Gwen"}])
    nlp.to_disk(tmp_path / "pipeline")
    graphs = qlr.net.actors(study, by="case", codebook="coproduction", model=str(tmp_path / "pipeline"))
    # "Lena & Yaw: Neighbours like Rhys and Gwen drop round…": each of the two speaks of Rhys, and Gwen is a
    # candidate in each one's network (before, only the first case's).
    assert {key for key, graph in graphs.items() if graph.has_edge(key, "C01")} == {"C02", "C03"}
    assert {key for key, graph in graphs.items() if graph.nodes.get("Gwen", {}).get("kind") == "candidate"} == {"C02", "C03"}


def test_a_selection_of_several_cases_keeps_each_ones_own_turns_once(hall):
    # Found by a review before release: selecting C01 and C02 dropped Rhys's own turn in his joint interview (Yaw
    # speaks in it), and C01 and C03 dropped Lena's; a chosen case's document keeps every turn.
    study, _ = hall
    order = ["case_id", "code_id", "wave_id"]
    full = qlr.track.matrix(study, codebook="coproduction").tidy.sort_values(order, ignore_index=True)
    quotes = qlr.track.quotes(study, codebook="coproduction")
    for chosen in (["C01", "C02"], ["C01", "C03"], ["C02", "C03"], ["C01", "C02", "C03"]):
        part = study.sel(case=chosen)
        tidy = qlr.track.matrix(part, codebook="coproduction").tidy.sort_values(order, ignore_index=True)
        want = full[full["case_id"].isin(chosen)].reset_index(drop=True)
        assert tidy[[*order, "count"]].astype(str).values.tolist() == want[[*order, "count"]].astype(str).values.tolist(), chosen
        got = qlr.track.quotes(part, codebook="coproduction")
        key = ["case_id", "wave_id", "seg_id", "code_id"]
        mine = got.loc[got["case_id"].isin(chosen).fillna(False), key].values.tolist()
        assert sorted(mine) == sorted(quotes.loc[quotes["case_id"].isin(chosen).fillna(False), key].values.tolist()), chosen
    both = study.sel(case=["C01", "C02"])
    own = both.segments[both.segments["doc_id"].eq("C01_W2_interview")]
    assert own["speaker"].tolist() == study.segments.loc[study.segments["doc_id"].eq("C01_W2_interview"), "speaker"].tolist()
    assert not both.segments["seg_id"].duplicated().any() and not both.codings["coding_id"].duplicated().any()
