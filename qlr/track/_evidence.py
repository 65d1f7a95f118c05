"""Shared building blocks of the longitudinal analyses: codings in context, words spoken, presence.

Which codings count is decided in :mod:`qlr.evidence`; this module groups them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from ..errors import SelectionError
from ..evidence import (
    CODED,
    COUNTED_ASSERTIONS,
    PARTLY_CODED,
    case_wave_coverage,
    coding_cases,
    each_case,
    evidence,
    in_codebook,
    key_source,
    row_positions,
    segment_cases,
    speakers_decide,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Codebook
    from ..study import Study

__all__ = ["codings_in_context", "coded_groups", "CodedGroups", "document_context", "own_words", "presence", "study_orders", "row_positions", "context_positions"]

_DOC_COLUMNS = ("case_id", "wave_id", "kind", "stage", "date", "format")


class CodedGroups(NamedTuple):
    """The codings of one codebook that count, with integer codes for the heavy work.

    ``codings`` are the rows kept (see :func:`codings_in_context` for which),
    numbered from 0; ``code`` is each coding's position in ``list(codebook)``
    (themes included);
    ``group`` its group number (-1 where a grouping column is missing);
    ``groups`` the grouping columns' values for each group number, in order of
    first appearance; ``document`` each coding's row in ``study.documents``
    (-1 for a document the study does not have; the first row for a repeated id).
    """

    codings: pd.DataFrame
    code: np.ndarray
    group: np.ndarray
    groups: pd.DataFrame
    document: np.ndarray


def counts_summaries(codebook: Codebook | None, summaries: bool | None = None) -> bool:
    """Whether an analysis counts the codings in the team's summaries of interviews (:func:`qlr.evidence.summary_paragraphs`).

    The one decision every analysis that counts codings reads (matrices, change, quotes, networks): ``summaries``
    when given, else as the codebook's ladder counts them, so a table never counts what the placements did not.
    The ladder weighs a summary's coding by ``summary_weight`` (0 unless its ``placement:`` says more): above 0 the
    summaries count, at 0 (a codebook without a ladder too) they do not.
    """
    if summaries is not None:
        from .._check import check_bool

        return check_bool("summaries", summaries)  # the house check: 1, 0 or "no" are refused, not read as booleans
    return summary_weight_of(codebook) > 0


def summary_weight_of(codebook: Codebook | None) -> float:
    """The weight the codebook's ladder gives a summary's passage (its ``placement:``'s ``summary_weight``; 0 without one)."""
    ladder = getattr(codebook, "ladder", None)
    return float(ladder.placement.get("summary_weight", 0)) if ladder is not None else 0.0


def summaries_words(codebook: Codebook | None, summaries: bool | None = None) -> str:
    """Whether a table counts the codings in the team's summaries of interviews (:func:`counts_summaries`), and at
    what weight, in the words the matrices' files write ("not counted (summary_weight 0)")."""
    weight = summary_weight_of(codebook)
    if not counts_summaries(codebook, summaries):
        return f"coder summaries not counted (summary_weight {weight:g})" if summaries is None else "coder summaries not counted (summaries=False)"
    if summaries is not None and weight == 0:
        return "coder summaries counted in full (summaries=True)"
    return f"coder summaries counted in full (the ladder weighs each {weight:g})"


def coded_groups(study: Study, codebook: Codebook, keys: list[str], *, with_negated: bool = False, summaries: bool | None = None) -> CodedGroups:
    """The codebook's codings that count, numbered by code and by group of ``keys``.

    The rows :func:`qlr.evidence.evidence` counts, restricted to the codebook's
    codes, but grouping columns are looked up per document (or per segment for
    ``speaker`` and ``speaker_role``; coding columns such as ``coder`` are read
    directly) and carried to the codings as integers:
    the analyses count and sum small integers instead of joining and grouping
    strings for every coding.

    ``with_negated`` keeps negated rule matches too (the ladder reads them as
    negative evidence when the codebook says ``assertion: {negated: negative}``);
    ``summaries`` keeps the codings in a summary's paragraphs (:func:`counts_summaries`; the ladder asks for them, to
    show them weighing ``summary_weight``).

    Raises :class:`qlr.errors.SelectionError` for a grouping column that no
    document, case, case × wave, segment or coding has.
    """
    codings = study.codings
    code_ids = pd.Index([c.id for c in codebook])
    # Which codings the codebook reads is qlr.evidence.in_codebook's to say (a crosswalk's reads only people's
    # codings of its ladder's codes); of those, the ones whose code it has are numbered.
    mine = (code_ids.get_indexer(codings["code_id"]) >= 0) & in_codebook(codings, codebook)
    # The evidence rule (qlr.evidence), applied to the codebook's codings only: fewer rows to mask.
    assertions = COUNTED_ASSERTIONS | {"negated"} if with_negated else COUNTED_ASSERTIONS
    codings = evidence(study, codings if mine.all() else codings[mine], assertions=assertions, summaries=counts_summaries(codebook, summaries)).reset_index(drop=True)
    # A joint voice's coding ("Dai and Kwame:") counts for each case it names: a row for each.
    codings, whose = each_case(study, codings)
    code = code_ids.get_indexer(codings["code_id"])

    context = document_context(study)
    sources = {key: key_source(study, context, key) for key in keys}
    segment_keys = [k for k in keys if sources[k] == "segment"]
    coding_keys = [k for k in keys if sources[k] == "coding"]
    unknown = [k for k in keys if sources[k] is None]
    if unknown:
        raise SelectionError(
            f"cannot group by {', '.join(unknown)}",
            hint="use case, wave, or a column of documents, cases, case_waves, segments (speaker, speaker_role) or codings (coder, origin)",
        )
    doc_position = row_positions(study.documents["doc_id"], codings["doc_id"])
    # A focus group's turn attributed to a case reads that case's row of the context, not the document's.
    context_position = context_positions(study, context, codings, whose=whose)
    seg_position = row_positions(study.segments["seg_id"], codings["seg_id"]) if segment_keys else None

    group = np.zeros(len(codings), dtype="int64")
    valid = np.ones(len(codings), dtype=bool)
    key_numbers, key_values = [], []
    reach = 1  # how large ``group`` can be
    for key in keys:
        if key in coding_keys:
            per_coding, uniques = pd.factorize(codings[key], use_na_sentinel=True)
        else:
            source, position = (study.segments[key], seg_position) if key in segment_keys else (context[key], context_position)
            numbers, uniques = pd.factorize(source, use_na_sentinel=True)
            # A sentinel row at the end catches position -1 (a coding outside any document or segment).
            per_coding = np.append(numbers, -1)[position]
        valid &= per_coding >= 0
        group = group * (len(uniques) + 1) + per_coding
        reach *= len(uniques) + 1
        if reach > 2**40:  # renumber before the combined number could overflow
            group, seen = pd.factorize(group)
            group, reach = group.astype("int64"), len(seen)
        key_numbers.append(per_coding)
        key_values.append(uniques)
    group[~valid] = -1
    if not keys:
        return CodedGroups(codings, code, group, pd.DataFrame(index=[0]), doc_position)
    group[valid] = pd.factorize(group[valid])[0]
    # Each group's key values, read from the first coding in it (groups are numbered 0, 1, …
    # in order of first appearance, so the k-th first appearance is group k).
    rows = np.flatnonzero(valid)
    first = rows[~pd.Series(group[rows]).duplicated().to_numpy()]
    groups = pd.DataFrame({key: uniques.take(numbers[first]) for key, numbers, uniques in zip(keys, key_numbers, key_values)})
    return CodedGroups(codings, code, group, groups, doc_position)


def document_context(study: Study) -> pd.DataFrame:
    """One row per document with its own columns, its case's attributes and its case × wave's (the wave's value first).

    The documents' rows come first, in their order (so positions there are positions in
    ``study.documents``); then one row per conversation with no case and each case its
    speakers were attributed to (:func:`qlr.evidence.segment_cases`), with that case and its
    attributes: the row an attributed turn's coding reads (:func:`context_positions`).
    """
    frame = study.documents[["doc_id", *_DOC_COLUMNS]]
    if study.meta.get("speaker_cases"):  # nothing attributed (most studies): no segment need be read
        spoken = segment_cases(study)
        spoken = spoken.loc[spoken["attributed"].to_numpy(dtype=bool), ["doc_id", "case_id"]].drop_duplicates()
    else:
        spoken = frame.iloc[:0]
    if len(spoken):
        shared = frame.drop(columns="case_id").drop_duplicates("doc_id")
        frame = pd.concat([frame, spoken.merge(shared, on="doc_id")[frame.columns]], ignore_index=True)
    # One row per document (and attributed case), in that order: a case or case × wave listed twice contributes
    # its first row only.
    case_columns = [c for c in study.cases.columns if c not in ("label", "case_id")]
    if case_columns:
        cases = study.cases[["case_id", *case_columns]].drop_duplicates("case_id")
        frame = frame.merge(cases, on="case_id", how="left")
    per_wave = [c for c in study.case_waves.columns if c not in ("case_id", "wave_id", "scheduled")]
    if per_wave:
        case_waves = study.case_waves[["case_id", "wave_id", *per_wave]].drop_duplicates(["case_id", "wave_id"])
        frame = frame.merge(case_waves, on=["case_id", "wave_id"], how="left", suffixes=("", "_wave"))
        # A column of the case and of its case × waves (an age the pooled studies give wave by wave): the wave's value
        # where it has one, else the case's.
        for column in [c for c in per_wave if f"{c}_wave" in frame.columns]:
            frame[column] = frame[f"{column}_wave"].astype(object).where(frame[f"{column}_wave"].notna(), frame[column].astype(object))
            frame = frame.drop(columns=f"{column}_wave")
    return frame


def context_positions(study: Study, context: pd.DataFrame, rows: pd.DataFrame, *, whose: pd.DataFrame | None = None) -> np.ndarray:
    """Each coding's (or segment's) row in ``context`` (:func:`document_context`): its document's, or its attributed case's.

    ``rows`` have ``doc_id`` and ``seg_id``; -1 for one of a document the study does not have. ``whose``: the
    rows' cases, aligned with them (:func:`qlr.evidence.each_case`, where a joint voice's row is repeated per
    case); without it, each row's first case.
    """
    position = row_positions(context["doc_id"], rows["doc_id"])
    n_documents = len(study.documents)
    if not speakers_decide(study) or not len(rows):
        return position
    if whose is None:
        whose = coding_cases(study, rows)
        whose = whose[~whose["row"].duplicated().to_numpy()]
    # Another case's turn in a case's own conversation, that case not in the study (a selection): no one's, not the document's.
    owned = np.append(context["case_id"].notna().to_numpy(dtype=bool), False)[position]
    position = np.where(owned & whose["case_id"].isna().to_numpy(dtype=bool), -1, position)
    if len(context) == n_documents:
        return position
    attributed = whose["attributed"].to_numpy(dtype=bool)
    if attributed.any():
        extra = context.iloc[n_documents:]
        keys = pd.Index(extra["doc_id"].astype(str) + "\x1f" + extra["case_id"].astype(str))
        found = keys.get_indexer(rows["doc_id"][attributed].astype(str) + "\x1f" + whose["case_id"][attributed].astype(str))
        position[attributed] = np.where(found >= 0, n_documents + found, position[attributed])
    return position


def codings_in_context(
    study: Study,
    codebook: Codebook | None = None,
    *,
    need: list[str] | None = None,
    assertions: Collection[str] = COUNTED_ASSERTIONS,
    summaries: bool | None = None,
) -> pd.DataFrame:
    """Codings joined with their document, case attributes and segment (speaker).

    The codings are those :func:`qlr.evidence.evidence` counts (with rule
    matches of the given ``assertions``, and a summary's as :func:`counts_summaries` says).  ``need`` names the extra columns
    wanted; only the joins that provide them are made (all of them when
    ``need`` is None).
    """
    codings = study.codings
    if codebook is not None:
        codings = codings[in_codebook(codings, codebook)]
    codings = evidence(study, codings, assertions=assertions, summaries=counts_summaries(codebook, summaries))
    codings, whose = each_case(study, codings)  # a joint voice's coding: a row for each case it names
    context = document_context(study)
    if need is not None:
        extra = [c for c in context.columns if c in set(need) and c not in ("doc_id", *_DOC_COLUMNS)]
        context = context[["doc_id", *_DOC_COLUMNS, *extra]]
    rows = context_positions(study, context, codings, whose=whose)
    frame = codings.assign(_context=rows).merge(context.drop(columns="doc_id").assign(_context=np.arange(len(context))), on="_context", how="left").drop(columns="_context")
    if need is None or {"speaker", "speaker_role"} & set(need):
        frame = frame.merge(study.segments[["seg_id", "speaker", "speaker_role"]], on="seg_id", how="left")
    return frame


def own_words(study: Study, *, per_document: bool = False) -> pd.DataFrame:
    """Words each case said at each wave: participant turns of the case's own documents, and its turns in conversations with no case.

    A transcript or diary of the case in which no speaker label was read (every word
    coded as the participant's, as rule coding reads it) counts whole, its header aside,
    and so do a diary's dated entries: a case interviewed at a wave, or writing its
    diary, has words there, and its codings a density.

    Returns a frame with ``case_id``, ``wave_id``, ``n_words``; with ``per_document``,
    ``case_id``, ``doc_id``, ``n_words`` (a case's words in each document, for grouping
    by a document's column such as ``stage``).
    """
    from ..io._segment import CONVERSATIONS, coded_segments

    segments = study.segments
    role = segments["speaker_role"]
    kinds = study.documents["kind"]
    own_voice = set(study.documents.loc[kinds.isin([*CONVERSATIONS, "diary"]), "doc_id"])
    diaries = set(study.documents.loc[kinds.eq("diary").fillna(False), "doc_id"])
    said = role.isin(["participant"]).fillna(False) | (role.isna() & coded_segments(segments) & segments["doc_id"].isin(own_voice))
    # A case's diary is its own words: its dated entries are the diarist's ("observer"), as a field note's are the researcher's.
    said |= role.eq("observer").fillna(False) & segments["doc_id"].isin(diaries)
    # Whose words: the document's case, or in a focus group with no case the speaker's (qlr.evidence.segment_cases).
    # A joint voice's words ("Dai and Kwame:") are each named case's.
    whose = segment_cases(study)
    said = said.to_numpy(dtype=bool)[whose["row"].to_numpy()]
    rows = np.flatnonzero(said)
    at = whose["row"].to_numpy()[rows]
    frame = pd.DataFrame({"case_id": whose["case_id"].array[rows], "wave_id": whose["wave_id"].array[rows], "n_words": segments["n_words"].array[at]})
    keys = ["case_id", "doc_id"] if per_document else ["case_id", "wave_id"]
    if per_document:
        frame["doc_id"] = segments["doc_id"].array[at]
    frame = frame.dropna(subset=keys)
    return frame.groupby(keys, as_index=False, observed=True)["n_words"].sum()


def presence(study: Study, codebook: Codebook | None = None) -> pd.DataFrame:
    """Case × wave attrition in long form: ``case_id``, ``wave_id``, ``state``, ``present``.

    With a codebook, a seen case × wave's state is its coverage where that is not ``coded``
    (:func:`qlr.evidence.case_wave_coverage`): :data:`qlr.evidence.NOT_CODED` is not present (the analyses leave it
    out as missing data, as they do a missed wave); :data:`qlr.evidence.PARTLY_CODED` is still ``present``: what was
    found there counts, a code not found is no absence.
    """
    attrition = study.attrition()
    wave_ids = list(study.waves["wave_id"])
    long = attrition[wave_ids].reset_index().melt(id_vars="case_id", var_name="wave_id", value_name="state")
    if codebook is not None:
        # Each seen case × wave's coverage (qlr.evidence.case_wave_coverage): not coded or partly coded is its state.
        coverage = case_wave_coverage(study, codebook)
        unread = coverage[(coverage["coverage"] != CODED).to_numpy(dtype=bool)]
        if len(unread):
            keys = pd.MultiIndex.from_arrays([long["case_id"].astype(str), long["wave_id"].astype(str)])
            said = pd.Series(unread["coverage"].to_numpy(dtype=object), index=pd.MultiIndex.from_frame(unread[["case_id", "wave_id"]].astype(str)))
            state = pd.Series(said.reindex(keys).to_numpy(dtype=object), index=long.index)
            seen = (long["state"] == "present").to_numpy(dtype=bool) & state.notna().to_numpy(dtype=bool)
            long.loc[seen, "state"] = state[seen]
    long["present"] = long["state"].isin(["present", PARTLY_CODED])
    return long


def study_orders(study: Study) -> dict[str, list[Any]]:
    """The order a study declares for its grouping columns: cases and waves as listed, stages as the manifest's ``stages:``."""
    orders: dict[str, list[Any]] = {"case_id": list(study.cases["case_id"]), "wave_id": list(study.waves["wave_id"])}
    if study.meta.get("stages"):
        orders["stage"] = [str(stage) for stage in study.meta["stages"]]
    return orders
