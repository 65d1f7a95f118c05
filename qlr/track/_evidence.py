"""Shared building blocks of the longitudinal analyses: codings in context, words spoken, presence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import SelectionError

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["codings_in_context", "own_words", "presence", "pick_codebook", "group_columns"]

_DOC_COLUMNS = ("case_id", "wave_id", "kind", "stage", "date", "format")


def pick_codebook(study: Study, codebook: Any = None, *, need_ladder: bool = False) -> Codebook:
    """The codebook an analysis works with: the one given, or the study's only (laddered) one."""
    from ..codebook import Codebook, read_codebook

    if codebook is not None:
        if isinstance(codebook, Codebook):
            return codebook
        if isinstance(codebook, str) and codebook in study.codebooks:
            return study.codebooks[codebook]
        return read_codebook(codebook)
    candidates = [cb for cb in study.codebooks.values() if isinstance(cb, Codebook) and (cb.ladder is not None or not need_ladder)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        what = "codebook with a ladder" if need_ladder else "codebook"
        raise SelectionError(f"no {what} has been applied to the study", hint="apply one first (study.apply('coproduction')) or pass codebook=")
    names = ", ".join(cb.id for cb in candidates)
    raise SelectionError(f"the study has several codebooks ({names})", hint="pass codebook= to choose one")


#: Whose codings count when several coders coded a segment with the same code.
ORIGIN_PRIORITY = {"human": 0, "import": 0, "rules": 1, "model": 2}


def one_coder_per_passage(codings: pd.DataFrame) -> pd.DataFrame:
    """Keep one coder's codings for each segment and code, so double coding is not counted twice.

    When two researchers (or a researcher and the rules) apply the same code to
    the same segment, evidence and counts would otherwise double.  For each
    segment × code the codings of one coder are kept: a person's before the
    rules' before a model's, a coder named ``consensus`` before individual
    coders, then the first coder by name.  Codings outside any segment are kept.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"seg_id": ["s1", "s1", "s1", "s2"], "code_id": ["a", "a", "a", "a"],
    ...                         "coder": ["so", "rm", "rules", "rules"], "origin": ["human", "human", "rules", "rules"]})
    >>> one_coder_per_passage(codings)["coder"].tolist()
    ['rm', 'rules']
    """
    if codings.empty or codings["coder"].nunique(dropna=False) <= 1:
        return codings
    frame = codings.reset_index(drop=True)
    passage = ["seg_id", "code_id"]
    located = frame[frame["seg_id"].notna()]
    several = located.groupby(passage, sort=False)["code_id"].transform("size").to_numpy() > 1
    if not several.any():
        return codings
    contested = located[several]
    ranking = pd.DataFrame(
        {
            "seg_id": contested["seg_id"],
            "code_id": contested["code_id"],
            "origin_rank": contested["origin"].astype(object).map(ORIGIN_PRIORITY).fillna(3),
            "not_consensus": contested["coder"].astype(object) != "consensus",
            "coder": contested["coder"].astype(object).fillna(""),
        }
    )
    chosen = ranking.sort_values([*passage, "origin_rank", "not_consensus", "coder"], kind="stable").drop_duplicates(passage)
    winner = ranking[passage].merge(chosen[[*passage, "coder"]], on=passage, how="left")["coder"].to_numpy()
    keep = pd.Series(True, index=frame.index)
    keep[contested.index] = ranking["coder"].to_numpy() == winner
    return frame[keep.to_numpy()]


def codings_in_context(study: Study, codebook: Codebook | None = None, *, need: list[str] | None = None) -> pd.DataFrame:
    """Codings joined with their document, case attributes and segment (speaker).

    Codings whose status is ``review`` (an unresolved split), ``suggested`` (a model
    suggestion nobody has accepted) or ``rejected`` are left out.  ``need``
    names the extra columns wanted; only the joins that provide them are made
    (all of them when ``need`` is None).
    """
    codings = study.codings
    if codebook is not None:
        codings = codings[(codings["codebook"] == codebook.id).fillna(False) | codings["code_id"].isin([c.id for c in codebook])]
    # Unresolved splits, pending or rejected model suggestions are not evidence.
    # isin on a mostly-missing string column is slow, so only the set values are looked at.
    status = codings["status"]
    flagged = status.notna().to_numpy(copy=True)
    if flagged.any():
        flagged[flagged] = status[flagged].isin(["review", "suggested", "rejected"]).to_numpy(dtype=bool)
        codings = codings[~flagged]
    codings = one_coder_per_passage(codings)
    wanted = set(need) if need is not None else None
    documents = study.documents[["doc_id", *_DOC_COLUMNS]]
    frame = codings.merge(documents, on="doc_id", how="left")
    case_columns = [c for c in study.cases.columns if c not in ("label", "case_id")]
    if wanted is None or wanted & set(case_columns):
        frame = frame.merge(study.cases[["case_id", *case_columns]], on="case_id", how="left")
    per_wave = [c for c in study.case_waves.columns if c not in ("case_id", "wave_id", "scheduled")]
    if per_wave and (wanted is None or wanted & set(per_wave)):
        frame = frame.merge(study.case_waves[["case_id", "wave_id", *per_wave]], on=["case_id", "wave_id"], how="left", suffixes=("", "_wave"))
    if wanted is None or wanted & {"speaker", "speaker_role"}:
        frame = frame.merge(study.segments[["seg_id", "speaker", "speaker_role"]], on="seg_id", how="left")
    return frame


def own_words(study: Study) -> pd.DataFrame:
    """Words each case said at each wave: participant turns of the case's own documents.

    Returns a frame with ``case_id``, ``wave_id``, ``n_words``.
    """
    segments = study.segments[study.segments["speaker_role"].isin(["participant"]).fillna(False)]
    frame = segments.merge(study.documents[["doc_id", "case_id", "wave_id"]], on="doc_id").dropna(subset=["case_id", "wave_id"])
    return frame.groupby(["case_id", "wave_id"], as_index=False, observed=True)["n_words"].sum()


def presence(study: Study) -> pd.DataFrame:
    """Case × wave attrition in long form: ``case_id``, ``wave_id``, ``state``, ``present``."""
    attrition = study.attrition()
    wave_ids = list(study.waves["wave_id"])
    long = attrition[wave_ids].reset_index().melt(id_vars="case_id", var_name="wave_id", value_name="state")
    long["present"] = long["state"] == "present"
    return long


def group_columns(by: Any) -> list[str]:
    """Normalise a ``by=`` argument ("case", ("case", "wave"), None) to column names."""
    if by is None:
        return []
    names = [by] if isinstance(by, str) else list(by)
    return [{"case": "case_id", "wave": "wave_id", "code": "code_id", "document": "doc_id"}.get(n, n) for n in names]
