"""Codebook versions: carry codings forward through renames, merges and splits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._provenance import current_user
from .._warned import warn
from ..codebook import version_key
from ..errors import QlrWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["migrate_codings"]


def migrate(study: Study, *, to: Codebook, coder: str | None = None) -> pd.DataFrame:
    """Deprecated: it changes ``study``; use the method :meth:`qlr.Study.migrate_codebook`."""
    warn(
        "qlr.code.migrate(study, to=…) is deprecated; use study.migrate_codebook(…), which migrates the codings of the study it is called on",
        DeprecationWarning,
    )
    return migrate_codings(study, to=to, coder=coder)


def migrate_codings(study: Study, *, to: Codebook, coder: str | None = None) -> pd.DataFrame:
    """Map ``study``'s codings to ``to`` in place (the body of :meth:`qlr.Study.migrate_codebook`)."""
    codings = study.codings
    mine = (codings["codebook"] == to.id).fillna(False)
    steps = sorted(to.lineage, key=lambda s: version_key(s.version))
    target = version_key(to.version)
    rows = []
    new_codes = codings["code_id"].copy()
    new_status = codings["status"].copy()
    for index in codings.index[mine]:
        before = str(codings.at[index, "code_id"])
        version = codings.at[index, "codebook_version"]
        start = version_key(str(version)) if not pd.isna(version) else (0, 0, 0)
        code = before
        action = "unchanged"
        candidates = None
        for step in steps:
            key = version_key(step.version)
            if not (start < key <= target) or code not in step.sources:
                continue
            if step.action == "split":
                action = "review"
                candidates = " | ".join(step.targets)
                break
            code = step.targets[0]
            action = step.action
        if action == "unchanged" and code not in to:
            action = "not in codebook"
        if action == "review":
            new_status.at[index] = "review"
        new_codes.at[index] = code
        rows.append(
            {"coding_id": codings.at[index, "coding_id"], "origin": codings.at[index, "origin"], "before": before, "after": code, "action": action, "candidates": candidates}
        )
    study.codings["code_id"] = new_codes.astype("string")
    study.codings["status"] = new_status.astype("string")
    study.codings.loc[mine, "codebook_version"] = to.version
    study.codebooks[to.id] = to
    report = pd.DataFrame(rows, columns=["coding_id", "origin", "before", "after", "action", "candidates"])
    counts = report["action"].value_counts().to_dict()
    study.record("migrate codebook", {"codebook": to.id, "to_version": to.version, **{str(k): int(v) for k, v in counts.items()}}, actor=coder or current_user())
    lost = report[report["action"] == "not in codebook"]
    if len(lost):
        warn(
            f"{len(lost)} coding(s) use codes that codebook {to.id} {to.version} no longer has and its lineage does not "
            f"map ({', '.join(sorted(set(lost['after']))[:5])}); add a lineage step or recode them",
            QlrWarning,  # the line that called study.migrate_codebook
        )
    return report
