"""A report whose placements rest on rules nobody has checked says so above them."""

from __future__ import annotations

import qlr


def _ladder_section(page) -> str:
    text = page.read_text(encoding="utf-8")
    return text.split("<section id='ladder'>", 1)[1].split("</section>", 1)[0]


def test_placements_from_unchecked_rules_carry_a_caution(tmp_path, sample_study):
    # A new user's own interviews, with no hand coding: the rules placed cases from "ran this in Google Colab".
    study = sample_study.copy()
    study.codings = study.codings[study.codings["origin"] != "human"].reset_index(drop=True)
    study = study.apply(qlr.read_codebook("coproduction"), progress=False)
    section = _ladder_section(qlr.report.write_report(study, tmp_path / "r", codebook="coproduction", progress=False))
    assert "<p class='caution'><b>Unchecked rules.</b>" in section
    placements = qlr.track.ladder(study, codebook="coproduction")
    # Counted in passages (segments), not in evidence rows, which repeat a passage per facet and coding.
    passages = placements.evidence["seg_id"].nunique()
    assert passages < len(placements.evidence)
    assert f"<b>Unchecked rules.</b> {passages:,} of the {passages:,} evidence passages" in section
    # The rule and the confidence are said in words.
    assert "the level at which half the evidence weight is reached" in section and "it is never 1" in section


def test_no_caution_where_a_person_coded_with_the_codes(tmp_path, sample_study):
    study = sample_study.copy().apply(qlr.read_codebook("coproduction"), progress=False)
    section = _ladder_section(qlr.report.write_report(study, tmp_path / "r", codebook="coproduction", progress=False))
    assert "Unchecked rules" not in section
