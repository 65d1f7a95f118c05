"""Codebook versions: carry codings forward through renames, merges and splits."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from .._provenance import current_user
from ..codebook import version_key
from ..errors import QlrWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["migrate"]


def migrate(study: Study, *, to: Codebook, coder: str | None = None) -> pd.DataFrame:
    """Map a study's codings to a new version of their codebook, following its lineage.

    Each coding made under an earlier version (``codings.codebook_version``) goes
    through every lineage step after that version, up to ``to.version``, in order:

    * ``renamed`` and ``merged`` steps change the code automatically;
    * a ``split`` step cannot know which new code fits, so the coding keeps its
      old code, gets ``status = "review"``, and the report lists the candidates —
      resolve each with :meth:`qlr.Study.recode`.

    Codings of other codebooks are left alone.  Counts of a merged code after
    migration equal the sum of its sources before, so figures stay comparable.

    Parameters
    ----------
    study : Study
        Changed in place.
    to : Codebook
        The new version.
    coder : str, optional
        Recorded in the provenance log.

    Returns
    -------
    DataFrame
        One row per coding of this codebook: ``coding_id``, ``origin``, ``before``,
        ``after``, ``action`` (``unchanged``, ``renamed``, ``merged``, ``review``,
        ``not in codebook``) and ``candidates`` (for splits).

    Examples
    --------
    >>> import qlr
    >>> from qlr.codebook import Codebook
    >>> old = Codebook.from_yaml('''
    ... name: Demo
    ... version: 1.0.0
    ... themes: [power]
    ... codes:
    ...   - {id: power.choice, parent: power}
    ...   - {id: power.control, parent: power}
    ... ''')
    >>> new = Codebook.from_yaml('''
    ... name: Demo
    ... version: 1.1.0
    ... themes: [power]
    ... codes:
    ...   - {id: power.choice_control, parent: power}
    ... lineage:
    ...   - {version: 1.1.0, merged: [power.choice, power.control], into: power.choice_control}
    ... ''')
    >>> study = sample.sel(case="C01")  # sample = qlr.load("data/sample")
    >>> study.codebooks["demo"] = old
    >>> _ = study.code_quote("C01_W2_interview", "Maya who signs things off", "power.control", coder="rm")
    >>> report = qlr.code.migrate(study, to=new)
    >>> report[["before", "after", "action"]].values.tolist()
    [['power.control', 'power.choice_control', 'merged']]
    """
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
        warnings.warn(
            f"{len(lost)} coding(s) use codes that codebook {to.id} {to.version} no longer has and its lineage does not "
            f"map ({', '.join(sorted(set(lost['after']))[:5])}); add a lineage step or recode them",
            QlrWarning,
            stacklevel=2,
        )
    return report
