"""The report's check of the codebook's rules against the people who coded the study (issue 15, item 4).

Every person whose codings use the report's codebook is a test of its rules:
:func:`qlr.code.validate_coders` compares them code by code.  A code whose rules
*disagree* with someone (kappa below the threshold) is flagged on every rule
coding of it that the report cites as evidence, so a reader sees which
placements rest on rules nobody has shown to code as a person does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from .._words import number_of
from ..code._validate import DISAGREES

if TYPE_CHECKING:
    from ..codebook import Codebook
    from ..study import Study
    from ..track import Placements

__all__ = ["rule_checks_section", "with_rule_checks"]


def with_rule_checks(placements: Placements, study: Study, checks: pd.DataFrame | None) -> Placements:
    """The same placements, their evidence with a ``rule_check`` column (:func:`qlr.code.flag_rules`; empty without checks)."""
    from ..code import flag_rules
    from ..track import Placements

    if checks is None or checks.empty:
        evidence = placements.evidence.assign(rule_check="")
    else:
        evidence = flag_rules(placements.evidence, study, checks)
    return Placements(placements.table, evidence, ladder=placements.ladder, keys=placements.keys, waves=placements.waves, repeats=placements.repeats)


def rule_checks_section(checks: pd.DataFrame, codebook: Codebook, *, table_html: Any, escape: Any) -> str:
    """The report section from :func:`qlr.code.validate_coders`'s table, and how to add a person's test when it is empty."""
    if checks.empty:
        return (
            f"<p class='note'>Nobody's codings in this study use the codes of {escape(codebook.id)}, so its rules are not "
            "validated here. To test them, draw a blind sample for a person to code with "
            "<code>qlr.code.write_validation_sheet(study, PATH, n=200, coder=NAME)</code>, read it back with "
            "<code>study.read_coding_sheet(PATH)</code>, and run <code>qlr validate STUDY --rules NAME</code>.</p>"
        )
    counts = checks.groupby(["coder", "verdict"]).size().unstack("verdict").fillna(0).astype(int)
    flagged = sorted(set(checks.loc[checks["verdict"] == DISAGREES, "code_id"]))
    # Codes by name (Codebook.labels), as every table and figure shows them; the CSV keeps the ids.
    named = codebook.labels([str(c) for c in checks["code_id"].drop_duplicates()])
    shown = checks.drop(columns=["test_set"]).assign(code_id=checks["code_id"].astype(str).map(named)).rename(columns={"code_id": "code"}).set_index(["coder", "code"])
    tests = "; ".join(f"{escape(c)}: {escape(t)}, {number_of(int(n), 'segment')}" for c, t, n in checks.drop_duplicates("coder")[["coder", "test_set", "n"]].itertuples(index=False))
    return (
        f"<p class='note'>The rules of {escape(codebook.id)} against each person who coded with its codes "
        "(<code>qlr.code.validate</code>): a code is <b>valid</b> when Cohen's kappa reaches 0.65 and Shaffer's rho is "
        "below 0.05 (a test set this size would rarely show that kappa by chance). Test sets: "
        f"{tests}.</p>"
        + table_html(counts)
        + (
            f"<p><b>{number_of(len(flagged), 'code')} whose rules disagree with a person</b>: {', '.join(escape(named.get(str(c), c)) for c in flagged)}. "
            "Every rule coding of them cited as evidence below is marked ⚑.</p>"
            if flagged
            else "<p class='note'>No code's rules disagree with anyone.</p>"
        )
        + f"<details><summary>Per code and person</summary>{table_html(shown)}</details>"
    )
