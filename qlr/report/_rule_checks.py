"""The report's check of the codebook's rules against the people who coded the study (issue 15, item 4).

Every person whose codings use the report's codebook is a test of its rules:
:func:`qlr.code.validate` compares them code by code.  A code whose rules
*disagree* with someone (kappa below the threshold) is flagged on every rule
coding of it that the report cites as evidence, so a reader sees which
placements rest on rules nobody has shown to code as a person does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import CodingError

if TYPE_CHECKING:
    from ..codebook import Codebook
    from ..study import Study
    from ..track import Placements

__all__ = ["RuleChecks", "rule_checks", "with_rule_checks"]


@dataclass
class RuleChecks:
    """What the report says about the rules: the per-coder table, and each flagged rule coding's note."""

    table: pd.DataFrame
    coders: list[str]
    flagged: dict[str, str] = field(default_factory=dict)  # rule coding id -> why it is flagged


def rule_checks(study: Study, codebook: Codebook) -> RuleChecks:
    """Validate ``codebook``'s rules against every person who coded with its codes (:func:`qlr.code.validate`).

    A person counts when they made an accepted coding of at least one of the
    codebook's codes; their test set is :func:`qlr.code.validate`'s default (their
    validation sheet if they coded one, else every codable segment of the documents
    they coded).  A code is flagged when its rules *disagree* with any of them.
    """
    from ..code import validate

    codes = {code.id for code in codebook.codes}
    codings = study.codings
    human = codings[codings["origin"].eq("human").fillna(False).to_numpy(dtype=bool) & codings["code_id"].isin(codes).to_numpy()]
    coders = sorted(str(c) for c in human["coder"].dropna().unique())
    tables = []
    for coder in coders:
        try:
            table = validate(study, codebook=codebook, against=coder)
        except CodingError:  # the person coded nothing the rules could code (e.g. only observation notes)
            continue
        tables.append(table.reset_index().assign(coder=coder))
    if not tables:
        return RuleChecks(pd.DataFrame(), [])
    table = pd.concat(tables, ignore_index=True)
    order = ["coder", "code_id", "verdict", "n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "kappa", "rho", "base_rate", "test_set"]
    table = table[order]
    disagreeing = table[table["verdict"] == "disagrees"]
    reasons = {
        code: "rules disagree with " + ", ".join(f"{row.coder} (kappa {row.kappa:.2f})" for row in rows.itertuples())
        for code, rows in disagreeing.groupby("code_id", sort=False)
    }
    rules = codings[codings["origin"].eq("rules").fillna(False).to_numpy(dtype=bool) & codings["code_id"].isin(list(reasons)).to_numpy()]
    flagged = dict(zip(rules["coding_id"], rules["code_id"].map(reasons)))
    return RuleChecks(table, [c for c in coders if c in set(table["coder"])], flagged)


def with_rule_checks(placements: Placements, checks: RuleChecks) -> Placements:
    """The same placements, their evidence with a ``rule_check`` column: why a cited rule coding is flagged, else empty."""
    from ..track import Placements

    flagged = checks.flagged
    evidence = placements.evidence.assign(rule_check=[flagged.get(coding, "") for coding in placements.evidence["coding_id"]])
    return Placements(placements.table, evidence, ladder=placements.ladder, keys=placements.keys, waves=placements.waves)


def rule_checks_section(checks: RuleChecks, codebook: Codebook, *, table_html: Any, escape: Any) -> str:
    """The report section: one row per code and person, and how to add a person's test when there is none."""
    if checks.table.empty:
        return (
            f"<p class='note'>Nobody's codings in this study use the codes of {escape(codebook.id)}, so its rules are not "
            "validated here. To test them, draw a blind sample for a person to code with "
            "<code>qlr.code.write_validation_sheet(study, PATH, n=200, coder=NAME)</code>, read it back with "
            "<code>study.read_coding_sheet(PATH)</code>, and run <code>qlr validate STUDY --rules NAME</code>.</p>"
        )
    counts = checks.table.groupby(["coder", "verdict"]).size().unstack("verdict").fillna(0).astype(int)
    flagged = sorted(set(checks.table.loc[checks.table["verdict"] == "disagrees", "code_id"]))
    shown = checks.table.drop(columns=["test_set"]).set_index(["coder", "code_id"])
    tests = "; ".join(f"{escape(c)}: {escape(t)}, {int(n):,} segments" for c, t, n in checks.table.drop_duplicates("coder")[["coder", "test_set", "n"]].itertuples(index=False))
    return (
        f"<p class='note'>The rules of {escape(codebook.id)} against each person who coded with its codes "
        "(<code>qlr.code.validate</code>): a code is <b>valid</b> when Cohen's kappa reaches 0.65 and Shaffer's rho is "
        "below 0.05 (a test set this size would rarely show that kappa by chance). Test sets: "
        f"{tests}.</p>"
        + table_html(counts)
        + (
            f"<p><b>{len(flagged)} code(s) whose rules disagree with a person</b>: {', '.join(escape(c) for c in flagged)}. "
            "Every rule coding of them cited as evidence below is marked ⚑.</p>"
            if flagged
            else "<p class='note'>No code's rules disagree with anyone.</p>"
        )
        + f"<details><summary>Per code and person</summary>{table_html(shown)}</details>"
    )
