"""Pooling several studies into one for secondary analysis: :func:`concat`, also called as ``qlr.pool(…)``.

Secondary analysts of archived qualitative longitudinal studies put several
studies side by side ("breadth-and-depth", Davidson et al. 2018): the cases of
each keep their own waves, documents and codings, and the analyses group by the
study they came from.  :func:`concat` does that the way :func:`pandas.concat`
does for frames: a list (or a mapping) of studies in, one new :class:`Study`
out, the inputs untouched, ``keys=`` naming each part.

Three decisions are made here, once:

ids
    With ``keys``, every id a study gives its rows is put under its key:
    ``"{key}:{id}"`` for cases, documents, actors (and for waves kept apart);
    the ids :mod:`qlr._ids` makes from those are made again by it from the
    pooled ids (a segment is ``segment_id(document, position)``, a rule, hand or
    model coding ``coding_id(origin, document, …)``, a memo ``memo_id(…)``, an
    override ``override_id(group, …)``), so the pooled study's ids are the ones
    qlr would have made had the studies been loaded together, and coding a pooled
    document again gives the same ids.  Ids that carry a REFI-QDA GUID
    (``i-…``, ``n-…``) are unique already and stay.  Without ``keys`` no id
    changes, and an id two studies share is a :class:`~qlr.errors.PoolingError`
    naming both.
waves
    Studies name and date their waves differently; lining them up is the
    caller's choice (``waves=``), never a guess: by id, by order, by a mapping,
    or kept apart.  Waves that differ with no choice made are an error; a case
    is ``not scheduled`` at the waves its own study did not have.  A pooled
    wave has dates only where its studies' agree; else each study's dates are in
    the wave's label after its key.
codebooks
    One codebook per id: the same codebook in several studies is kept once, two
    different codebooks under one id are an error.  Codings keep their
    codebook, coder and origin, so a ladder places only the cases coded with its
    codebook; a warning names the studies it did not code.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import types
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from . import _tables
from ._check import check_choice, check_id, closest
from ._ids import coding_id, memo_id, override_id
from ._json import log_detail
from ._warned import warn
from ._words import number_of
from .codebook import bundled_codebooks, read_codebook
from .errors import InvalidParameterError, PoolingError, PoolingWarning, SelectionError
from .evidence import charted_documents, codebook_applications
from .study import Study

__all__ = ["concat", "SEPARATOR", "STUDY_COLUMN"]

#: What stands between a study's key and an id of its own (``"eastbrook:C01"``).
SEPARATOR = ":"
#: The column of ``cases``, ``documents`` and ``actors`` naming the study each row came from.
STUDY_COLUMN = "study"
#: The ways of lining up waves, besides a mapping.
WAVE_CHOICES = ("id", "order", "separate")
#: Ids the digest of :mod:`qlr._ids` makes for each origin, and what else goes in it.
_DIGEST_EXTRA = {"rules": "codebook", "human": "coder", "model": "coder"}
_NAMED = 5  # ids named in a message before "and N more"


def concat(
    studies: Sequence[Study] | Mapping[str, Study],
    *,
    keys: Sequence[str] | None = None,
    waves: str | Mapping[str, Mapping[str, str]] | None = None,
    cases: str | None = None,
    name: str | None = None,
) -> Study:
    """Pool several studies into one new study, each case knowing which study it came from.

    Every table of every study is kept: cases, their design, documents,
    segments, codings, memos, actors, overrides and the log.  ``cases``,
    ``documents`` and ``actors`` get a ``study`` column (the key, or the study's
    name without keys), so every analysis can group by it
    (``qlr.track.matrix(pooled, by="study")``).  The studies are not changed.

    Parameters
    ----------
    studies : sequence of Study, or mapping of str to Study
        The studies, loaded with :func:`qlr.load`, :func:`qlr.open` or
        :func:`qlr.io.read_qdpx`.  A mapping gives each study its key.
    keys : sequence of str, optional
        A short key per study (``["eastbrook", "holm"]``): the ``study`` column's
        value and the prefix of its ids (``"eastbrook:C01"``), so two studies may
        each have a case ``P01``.  Without keys the ids are kept as they are and
        must not clash; the ``study`` column holds each study's name.
    waves : {None, "id", "order", "separate"} or mapping, optional
        How the studies' waves line up.

        * ``None`` (default): the studies must have the same wave ids in the same
          order, which are pooled by id; otherwise a :class:`~qlr.errors.PoolingError`
          asks for one of the choices below.  Same ids whose labels or dates differ
          are pooled with a :class:`~qlr.errors.PoolingWarning` (say ``"id"`` to
          mean it).

        A pooled wave keeps its studies' dates where they agree; where they differ
        it has none, and its label gives each study's label and dates after its
        key (``"a: Wave 1 (2024-03-01 to 2024-04-30); b: Wave 1 (2025-03-01 to
        2025-04-30)"``).
        * ``"id"``: waves with the same id are one wave; a wave only some studies
          have is kept, and their cases are ``not scheduled`` at the others'.
        * ``"order"``: the first wave of each study is the pooled first wave, and
          so on; pooled waves take the ids of the first study that has them.
        * ``"separate"``: no wave is shared: each study's waves are kept as
          ``"{key}:{wave}"``, one study after the other (needs ``keys``).
        * a mapping ``{key: {their wave: pooled wave}}``: each study named maps
          every one of its waves; the others keep their ids.
    cases : {None, "shared"}, optional
        ``None`` (default): the studies are of different people, and a case id two
        of them share is refused without ``keys``.  ``"shared"``: the studies
        follow the same people (a project brought from a QDA tool and the next
        wave's transcripts loaded from a folder): a case id in several studies is
        one case, with the first study's row (its label, role and ``study``) and
        the attributes only a later one gives (a warning names each case and
        column the studies give differently; an attribute they give differently
        at different waves is kept per wave in ``case_waves``, the case's column
        the latest, said in a load note); its ``left`` is the one of the study
        whose waves end latest, dropped when the case has a document at a later
        wave.  A case's actor (a folder lists its
        cases as actors) is one row too, and so is an actor of no case (an
        interviewer, an organisation) the studies give one id.  Cannot go with ``keys``.  Such a
        case's waves come from every study, so its attrition and change run over
        all of them.  A case is coded with a codebook at the waves a study that
        coded it brought, and "not coded" at those a study that never coded it
        brought (:func:`qlr.evidence.not_coded_waves`): a hand-coded project's
        codebook is not coded at a next wave loaded as plain transcripts (a
        warning names that study), never an absence there.  Applying a codebook
        with rules to the pooled study codes every document.
    name : str, optional
        The pooled study's name; by default ``"pooled: "`` and the keys.

    Returns
    -------
    Study
        A new study.  ``meta["pooled"]`` says where each part came from (its
        name, file, counts, waves and how its ids were made) and how the waves
        were lined up; the log holds each study's entries (each detail naming
        its ``study``, with ids rewritten to the pooled ones) and a last
        ``concat`` entry.

    Raises
    ------
    PoolingError
        Ids clash without ``keys``; waves differ and ``waves`` does not say how
        to line them up, or a mapping orders them two ways; one codebook id
        names two different codebooks; the same REFI-QDA coding is in two studies.
    InvalidParameterError
        Not studies, a key that is no safe id or is given twice, ``waves``
        neither a choice nor a mapping.
    SelectionError
        A ``waves`` mapping names a study or wave there is not.

    Warns
    -----
    PoolingWarning
        Waves pooled by id whose labels or dates differ (``waves=None``), studies
        whose waves ``waves="order"`` lines up unevenly or ``"id"`` shares with no
        other study, a codebook that coded some studies and not others, the same
        text in two studies; with ``cases="shared"``, a case's values the studies
        give differently at one wave (or a label or role), and a ``left`` dropped
        because the case was seen at a later wave.

    See Also
    --------
    Study.sel : the part of a study that matches filters (``pooled.sel(case=…)``).
    qlr.pool : this function, named as the command line's ``qlr pool``.

    Notes
    -----
    A document, case or actor id ``x`` of the study keyed ``k`` becomes ``k:x``.
    A segment id ``d:0003`` becomes ``k:d:0003`` (which is ``segment_id("k:d", 3)``,
    and :func:`qlr._ids.document_of_segment` still reads the document from it).
    A coding whose id is the digest :func:`qlr._ids.coding_id` gives its origin,
    document, span, code and codebook (rules) or coder (human, model) gets the
    digest of its pooled document; a memo with an ``m-`` id gets
    :func:`qlr._ids.memo_id` of its pooled target, counted in the pooled memos; an
    override gets :func:`qlr._ids.override_id` of its pooled group.  Any other id
    (a REFI-QDA GUID's, one a person typed) is kept, and must not clash.

    References
    ----------
    Davidson, E., Edwards, R., Jamieson, L. and Weller, S. (2019). Big data,
    qualitative style: a breadth-and-depth method for working with large amounts
    of secondary qualitative data. *Quality & Quantity* 53, 363–376.

    Examples
    --------
    >>> import qlr, warnings
    >>> carers = qlr.load("data/sample")
    >>> tenants = qlr.load("data/validation")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     pooled = qlr.concat([carers, tenants], keys=["eastbrook", "holm"])
    >>> pooled
    <Study 'pooled: eastbrook, holm': 33 cases × 3 waves, 86 documents, 83,687 words, 2,249 segments, 650 codings>
    >>> pooled.cases.groupby("study").size().to_dict()
    {'eastbrook': 27, 'holm': 6}
    >>> pooled.cases["case_id"].iloc[[0, -1]].tolist()
    ['eastbrook:C01', 'holm:S02']
    >>> [str(w.message).split(":")[0] for w in caught]  # the waves share ids but not dates; the codebook coded one study
    ['waves pooled by id differ between the studies', "codebook 'coproduction' coded 'eastbrook' (650 codings) but not 'holm' (18 documents)"]
    >>> pooled.meta["pooled"]["studies"][1]["wave_map"]
    {'W1': 'W1', 'W2': 'W2', 'W3': 'W3'}
    """
    labels, studies_list, prefixed = _parts(studies, keys)
    shared = _shared_cases(cases, prefixed)
    _check_parts_hold_cases(studies_list, labels)
    wave_maps, wave_table, how, wave_rows = _align_waves(studies_list, labels, waves, prefixed, shared=shared)
    pooled_waves = list(wave_table["wave_id"])

    parts = [_part(study, label, prefixed, wave_map, pooled_waves, shared=shared) for study, label, wave_map in zip(studies_list, labels, wave_maps)]
    tables: dict[str, pd.DataFrame] = {}
    for table in ("cases", "case_waves", "documents", "segments", "codings", "actors", "overrides"):
        tables[table] = _stack(table, [part.tables[table] for part in parts])
    tables["waves"] = wave_table
    shared_notes: list[str] = []
    if shared:
        tables["cases"], tables["case_waves"], shared_notes = _one_row_per_case(tables["cases"], tables["case_waves"], parts, pooled_waves)
        tables["actors"] = _one_row_per_case_actor(tables["actors"])
    if not prefixed:
        _refuse_clashes(tables, parts, shared=shared)
    tables["memos"] = _memos(parts, prefixed)
    tables["log"] = _log(parts)
    _refuse_repeated_guids(tables, parts)

    codebooks = _codebooks(studies_list, labels)
    _warn_documents_without_waves(parts, pooled_waves)
    _warn_codebook_coverage(tables, parts, codebooks, shared=shared)
    _warn_same_texts(parts)

    summaries = [
        {
            "study": label,
            "name": study.name,
            "source": _source_of(study),
            "description": study.meta.get("description"),
            "ids": f"prefixed '{label}{SEPARATOR}'" if prefixed else "kept",
            "wave_map": dict(wave_map),
            "codebooks": sorted({*study.codebooks, *study.codings["codebook"].dropna().astype(str)}),
            **study.summary(),
            "log_entries": len(study.log),
        }
        for study, label, wave_map in zip(studies_list, labels, wave_maps)
    ]
    meta: dict[str, Any] = {
        "description": "Pooled for secondary analysis from " + "; ".join(f"{s['study']} ({s['name']})" for s in summaries),
        "pooled": {"studies": summaries, "waves": how, "wave_sources": wave_rows, "column": STUDY_COLUMN, **({"cases": "shared"} if shared else {})},
    }
    stages = _union_in_order(study.meta.get("stages") or [] for study in studies_list)
    if stages:
        meta["stages"] = stages
    speakers, own_speakers = _speakers(parts)
    if speakers:
        meta["speakers"] = speakers
    if own_speakers:
        meta["document_speakers"] = own_speakers
    # The roles each transcript's header lines gave (speaker_labels' "header"), by the pooled document ids.
    headed = {part.ids.get(doc, doc): dict(labels) for part in parts for doc, labels in (part.study.meta.get("header_speakers") or {}).items()}
    if headed:
        meta["header_speakers"] = headed
    # Whose turns a focus group with no case holds (qlr.evidence.segment_cases), with the pooled document and case ids;
    # the speaker labels are words of the text and stay as they are.
    spoken = {
        part.ids.get(doc, doc): {label: [part.ids.get(c, c) for c in case] if isinstance(case, list) else part.ids.get(case, case) for label, case in labels.items()}
        for part in parts
        for doc, labels in (part.study.meta.get("speaker_cases") or {}).items()
        if isinstance(labels, Mapping)
    }
    if spoken or any("speaker_cases" in part.study.meta for part in parts):
        meta["speaker_cases"] = spoken
    # The documents each coder read, codings or none (an annotator's empty brat .ann), under the pooled document ids.
    read: dict[str, set[str]] = {}
    for part in parts:
        for coder, docs in (part.study.meta.get("annotated") or {}).items():
            read.setdefault(coder, set()).update(part.ids.get(doc, doc) for doc in docs)
    if read:
        meta["annotated"] = {coder: sorted(docs) for coder, docs in sorted(read.items())}
    charted = _charted(parts)
    if charted:
        meta["charted"] = charted
        limited = _charted_cases(parts)
        if limited:
            meta["charted_cases"] = limited
    # Code weights (Dedoose's), by coding id: under each coding's pooled id.
    weights = {part.ids.get(coding, coding): weight for part in parts for coding, weight in (part.study.meta.get("code_weights") or {}).items()}
    if weights:
        meta["code_weights"] = weights
    meta.update(_notes(parts))
    if shared_notes:  # what pooling the same people decided, said where qlr.io.load_notes reads it
        meta["inferred"] = [*meta.get("inferred", []), *shared_notes]
    imported = [_remap(part.study.meta["import"], part.ids) for part in parts if isinstance(part.study.meta.get("import"), Mapping)]
    if imported:
        merged: Any = {}
        for item in imported:
            merged = _merge(merged, item)
        meta["import"] = merged

    pooled = Study(name if name is not None else "pooled: " + ", ".join(labels), **tables, meta=meta, codebooks=codebooks)
    if shared:
        _warn_partly_coded(pooled)
    pooled.record(
        "concat",
        {
            "studies": [{k: s[k] for k in ("study", "name", "source", "cases", "documents", "codings", "ids")} for s in summaries],
            "waves": how,
            "wave_map": {s["study"]: s["wave_map"] for s in summaries},
            **({"cases": "shared"} if shared else {}),
        },
    )
    return pooled


def _shared_cases(cases: Any, prefixed: bool) -> bool:
    """Whether ``cases=`` says the studies follow the same people; checked."""
    if cases is None:
        return False
    if cases != "shared":
        raise InvalidParameterError(f"cases={cases!r} is not a choice", hint="use cases='shared' (qlr pool --same-cases) for studies of the same people, or leave it out")
    if prefixed:
        raise InvalidParameterError(
            "cases='shared' cannot go with keys: a key puts each study's cases apart ('a:P01', 'b:P01')",
            hint="leave out keys (qlr pool --key) to pool the same people's waves, or cases= to keep the studies' people apart",
        )
    return True


def _one_row_per_case(cases: pd.DataFrame, case_waves: pd.DataFrame, parts: list[_Part], order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """``cases="shared"``: each case once, the first study's row, with the attributes only a later study gives; its design rows once per wave.

    Where studies give a case different values (a label, role, or an attribute at a wave they share), the first
    study's is kept and a :class:`~qlr.errors.PoolingWarning` names each case and column; an attribute studies at
    different waves give differently is each wave's (:func:`_values_by_wave`), and the third value returned is the
    load note saying so.  A ``left`` value is dropped when a later study
    has a document of the case without saying it left (the case was seen again), and the warning says so; a later
    study's own ``left`` replaces an earlier one.  Earlier and later are the pooled waves' ``order``, not the order
    the studies were given in (:func:`_shared_case_lefts`).
    """
    if cases.empty:
        return cases, case_waves, []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # all-missing columns of a part
        merged = cases.groupby("case_id", sort=False, as_index=False, dropna=False).first()
    merged = _tables.coerce("cases", merged[list(cases.columns)])
    differ = _shared_case_values(parts)
    # A value the studies give differently at different waves (an age, who the person cares for) is the case's at
    # each wave: kept per wave, the case's column the latest, said in a note rather than warned of as a clash.
    by_wave = {key: values for key, values in differ.items() if key[1] not in ("label", "role") and _apart(values, parts)}
    notes = []
    if by_wave:
        merged, case_waves, note = _values_by_wave(merged, case_waves, by_wave, parts, order)
        notes.append(note)
        differ = {key: values for key, values in differ.items() if key not in by_wave}
    dropped: dict[str, Any] = {}
    if "left" in merged.columns:
        lefts = _shared_case_lefts(parts, order, dropped)
        merged["left"] = pd.array([lefts.get(case, value) for case, value in zip(merged["case_id"], merged["left"])], dtype="string")
    if differ or dropped:
        said = []
        if differ:
            named = "; ".join(f"{case} {column} ({', '.join(f'{label!r}: {value!r}' for label, value in values)})" for (case, column), values in differ.items())
            said.append(f"the studies give {number_of(len(differ), 'value')} of shared cases differently, and the first study's is kept: {named}")
        if dropped:
            named = "; ".join(f"{case} (left {value!r} in {earlier!r}, seen again in {later!r})" for case, (value, earlier, later) in dropped.items())
            said.append(f"{number_of(len(dropped), 'case')} marked 'left' by one study {'has' if len(dropped) == 1 else 'have'} documents in a later one, so the 'left' is dropped: {named}")
        warn(PoolingWarning("cases='shared': " + ". ".join(said) + ". Correct the studies' cases (study.yaml, qlr.Study.cases) if a kept value is wrong"))
    if not case_waves.empty:
        case_waves = case_waves.drop_duplicates(["case_id", "wave_id"], keep="first").reset_index(drop=True)
    return merged, case_waves, notes


def _apart(values: list[tuple[str, str]], parts: list[_Part]) -> bool:
    """Whether the studies that give a case's value (``(label, value)`` pairs) are at different waves, none shared."""
    waves = [next(part.waves for part in parts if part.label == label) for label, _ in values]
    # A study with no waves gives its value at no time: a clash, not a change.
    return all(waves) and all(waves[i].isdisjoint(waves[j]) for i in range(len(waves)) for j in range(i + 1, len(waves)))


def _values_by_wave(
    cases: pd.DataFrame, case_waves: pd.DataFrame, by_wave: Mapping[tuple[str, str], list[tuple[str, str]]], parts: list[_Part], order: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Each (case, column) the studies give differently at their own waves: the value at each of a study's waves in
    ``case_waves`` (a row added where there was none), the latest study's value in the case's column, and a note.
    """
    position = {wave: number for number, wave in enumerate(order)}
    rows = {(c, w): i for i, (c, w) in enumerate(zip(case_waves["case_id"].astype(str), case_waves["wave_id"].astype(str)))}
    added: list[dict[str, Any]] = []
    values: dict[tuple[str, str, str], Any] = {}  # (case, wave, column) → value
    said = []
    for (case, column), given in by_wave.items():
        latest: tuple[int, Any] | None = None
        told = []
        for label, _ in given:
            part = next(part for part in parts if part.label == label)
            frame = part.tables["cases"]
            value = frame.loc[frame["case_id"].astype(str) == case, column].iloc[0]
            waves = sorted(part.waves, key=lambda w: position.get(w, -1))
            for wave in waves:
                values[(case, wave, column)] = value
                if (case, wave) not in rows:
                    rows[(case, wave)] = len(rows)
                    added.append({"case_id": case, "wave_id": wave})
            end = max((position.get(w, -1) for w in waves), default=-1)
            if latest is None or end >= latest[0]:
                latest = (end, value)
            told.append(f"{value} at {', '.join(waves)} ({label!r})")
        cases.loc[cases["case_id"].astype(str) == case, column] = latest[1] if latest is not None else pd.NA
        said.append(f"{case} {column}: {'; '.join(told)}")
    if added:
        case_waves = pd.concat([case_waves, _tables.coerce("case_waves", pd.DataFrame(added))], ignore_index=True)
    keys = list(zip(case_waves["case_id"].astype(str), case_waves["wave_id"].astype(str)))
    for column in dict.fromkeys(column for _, column in by_wave):
        known = case_waves[column].tolist() if column in case_waves.columns else [pd.NA] * len(case_waves)
        case_waves[column] = [values.get((case, wave, column), old) for (case, wave), old in zip(keys, known)]
    note = (
        f"cases='shared': {number_of(len(by_wave), 'value')} of shared cases {'changes' if len(by_wave) == 1 else 'change'} by wave, the studies being at different waves, so each "
        f"wave's is kept in case_waves and the case's column holds the latest: {'; '.join(said)}"
    )
    return cases, case_waves, note


def _shared_case_values(parts: list[_Part]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The (case, column) pairs whose non-missing values differ between the studies (``left`` aside), with each study's value."""
    seen: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for part in parts:
        frame = part.tables["cases"]
        for row in frame.to_dict("records"):
            for column, value in row.items():
                if column in ("case_id", STUDY_COLUMN, "left") or not isinstance(row["case_id"], str):
                    continue
                if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
                    continue
                seen.setdefault((row["case_id"], column), []).append((part.label, str(value)))
    return {key: values for key, values in seen.items() if len({value for _, value in values}) > 1}


def _shared_case_lefts(parts: list[_Part], order: list[str], dropped: dict[str, Any]) -> dict[str, Any]:
    """Each shared case's pooled ``left``, decided by the waves: the ``left`` of the study whose waves end latest, dropped
    when the case has a document at a wave after that study's last.

    ``order`` is the pooled waves' order; studies that end at one wave are taken in the order given.  ``dropped``
    gets, for each case whose ``left`` is dropped, (the value, the study that gave it, the study that saw it again).
    """
    position = {wave: number for number, wave in enumerate(order)}

    def last(part: _Part) -> int:
        return max((position[wave] for wave in part.waves if wave in position), default=-1)

    given: dict[str, tuple[tuple[int, int], Any, str]] = {}
    seen: dict[str, list[tuple[int, str]]] = {}
    for number, part in enumerate(parts):
        frame = part.tables["cases"]
        if "left" in frame.columns:
            for case, value in zip(frame["case_id"], frame["left"]):
                if isinstance(case, str) and not pd.isna(value) and (case not in given or (last(part), number) >= given[case][0]):
                    given[case] = ((last(part), number), value, part.label)
        documents = part.tables["documents"].dropna(subset=["case_id"])
        for case, wave in zip(documents["case_id"].astype(str), documents["wave_id"]):
            seen.setdefault(case, []).append((position.get(wave, -1) if isinstance(wave, str) else -1, part.label))
    lefts: dict[str, Any] = {}
    for case, ((end, _), value, label) in given.items():
        after = sorted(at for at in seen.get(case, []) if at[0] > end)
        lefts[case] = pd.NA if after else value
        if after:
            dropped[case] = (value, label, after[0][1])
    return lefts


def _one_row_per_case_actor(actors: pd.DataFrame) -> pd.DataFrame:
    """``cases="shared"``: a shared case's actor (the same ``actor_id`` for the same ``case_id``, as a study loaded from
    a folder lists its cases), or an actor of no case both studies list (the interviewer, an organisation), once: the
    first study's row with what only a later one gives; their aliases joined."""
    if actors.empty:
        return actors
    same = actors.duplicated(["actor_id", "case_id"], keep=False)
    if not same.any():
        return actors
    keyed = actors["actor_id"].astype(str) + "\x00" + actors["case_id"].astype("string").fillna("").astype(str)
    keep = ~same | ~keyed.duplicated(keep="first")
    out = actors.copy()
    for key in keyed[same].unique():
        rows = actors.index[keyed == key]
        first = rows[0]
        for column in actors.columns:
            if column == "aliases":
                out.at[first, column] = list(dict.fromkeys(a for r in rows for a in (actors.at[r, column] if isinstance(actors.at[r, column], list) else [])))
            elif pd.isna(out.at[first, column]) if not isinstance(out.at[first, column], list) else False:
                later = [actors.at[r, column] for r in rows[1:] if not pd.isna(actors.at[r, column])]
                if later:
                    out.at[first, column] = later[0]
    return out[keep].reset_index(drop=True)


# ---------------------------------------------------------------------------- parts
def _parts(studies: Any, keys: Any) -> tuple[list[str], list[Study], bool]:
    """The studies, the label of each (its key, or its name) and whether ids are prefixed."""
    if isinstance(studies, Study):
        raise InvalidParameterError("concat() takes a list of studies, not one study", hint="qlr.concat([first, second], keys=['a', 'b'])")
    if isinstance(studies, Mapping):
        if keys is not None:
            raise InvalidParameterError("keys are given twice: as the mapping's keys and as keys=", hint="pass a list of studies with keys=, or a mapping without it")
        keys, studies = list(studies), list(studies.values())
    elif isinstance(studies, (str, bytes)) or not isinstance(studies, Iterable):
        raise InvalidParameterError(f"studies is {type(studies).__name__}, not a list of studies", hint="qlr.concat([first, second], keys=['a', 'b'])")
    studies = list(studies)
    if not studies:
        raise InvalidParameterError("concat() needs at least one study", hint="qlr.concat([first, second], keys=['a', 'b'])")
    for position, study in enumerate(studies):
        if not isinstance(study, Study):
            raise InvalidParameterError(
                f"studies[{position}] is {type(study).__name__}, not a qlr.Study",
                hint="load each study first: qlr.load(folder), qlr.open('x.qlr') or qlr.io.read_qdpx('x.qdpx')",
            )
    if keys is None:
        labels = [str(study.name) for study in studies]
        repeated = _first_repeated(labels)
        if repeated is not None:
            raise PoolingError(f"two studies are both named {repeated!r}, so the study column could not tell them apart", hint="pass keys= (qlr pool --key), a short key per study")
        return labels, studies, False
    keys = [keys] if isinstance(keys, str) else list(keys)
    if len(keys) != len(studies):
        raise InvalidParameterError(f"keys has {len(keys)} key{'s' * (len(keys) != 1)} for {len(studies)} studies", hint="give one short key per study, in the order of the studies")
    labels = [check_id("key", key) for key in keys]
    for label in labels:
        if SEPARATOR in label:
            raise InvalidParameterError(f"key {label!r} has a {SEPARATOR!r}, which stands between a key and an id", hint="use letters, digits, '_', '-' and '.'")
    repeated = _first_repeated(labels)
    if repeated is not None:
        raise InvalidParameterError(f"key {repeated!r} is given to two studies", hint="give each study a key of its own")
    return labels, studies, True


def _check_parts_hold_cases(studies: list[Study], labels: list[str]) -> None:
    """Refuse a study with no documents; warn of one whose documents belong to no case (a project imported without ``case=``)."""
    for study, label in zip(studies, labels):
        if study.documents.empty:
            raise PoolingError(
                f"study {label!r} ({study.name}) holds no documents, so it adds nothing to compare",
                hint="check that it loaded what you meant (qlr info); a QDA project whose sources are not in its file imports none",
            )
        if study.cases.empty:  # a study's own material beside its cases (a funding bid) belongs to none, and is fine
            warn(
                PoolingWarning(
                    f"study {label!r} ({study.name}) has no cases: its {len(study.documents)} documents and {len(study.codings):,} codings are in "
                    "no matrix, placement or attrition table. Import the project with its cases first (qlr import X.qdpx --case … -o x.qlr; "
                    "qlr.io.read_qdpx(path, case=…)) and pool that"
                ),
            )


def _first_repeated(values: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


class _Part:
    """One study's tables with pooled ids, and the ids it renamed (old → new)."""

    def __init__(self, study: Study, label: str, tables: dict[str, pd.DataFrame], ids: dict[str, str], waves: Iterable[str] = ()) -> None:
        self.study = study
        self.label = label
        self.tables = tables
        self.ids = ids
        self.waves = frozenset(waves)  # its own waves' pooled ids


def _prefixed(series: pd.Series, label: str) -> pd.Series:
    """``"{label}:{id}"`` for each id (missing stays missing)."""
    text = series.astype("string")
    return (label + SEPARATOR + text).astype("string")


def _with_study(frame: pd.DataFrame, table: str, label: str, prefixed: bool) -> pd.DataFrame:
    """``frame`` with the study column: the label, or the label before the study it names already (a pooled study pooled again)."""
    if STUDY_COLUMN in frame.columns:
        earlier = frame[STUDY_COLUMN].astype("string")
        frame[STUDY_COLUMN] = _prefixed(earlier, label) if prefixed else earlier.fillna(label)
        return frame
    frame.insert(len(_tables.SCHEMAS[table]), STUDY_COLUMN, pd.array([label] * len(frame), dtype="string"))
    return frame


def _part(study: Study, label: str, prefixed: bool, wave_map: Mapping[str, str], pooled_waves: list[str], *, shared: bool = False) -> _Part:
    """The study's tables as they go into the pooled study (new frames; the study is not changed)."""
    ids: dict[str, str] = {old: new for old, new in wave_map.items() if old != new}
    waves = {**{w: w for w in study.waves["wave_id"]}, **wave_map}

    def rename(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
        for column in columns:
            frame[column] = _prefixed(frame[column], label) if prefixed else frame[column]
        return frame

    def remember(old: pd.Series, new: pd.Series) -> None:
        ids.update((a, b) for a, b in zip(old.astype(object), new.astype(object)) if isinstance(a, str) and a != b)

    cases = rename(study.cases.copy(), ["case_id"])
    remember(study.cases["case_id"], cases["case_id"])
    cases = _with_study(cases, "cases", label, prefixed)

    documents = rename(study.documents.copy(), ["doc_id", "case_id"])
    remember(study.documents["doc_id"], documents["doc_id"])
    documents["wave_id"] = documents["wave_id"].map(waves, na_action="ignore").astype("string")
    documents = _with_study(documents, "documents", label, prefixed)

    segments = rename(study.segments.copy(), ["seg_id", "doc_id"])
    remember(study.segments["seg_id"], segments["seg_id"])

    case_waves = rename(study.case_waves.copy(), ["case_id"])
    case_waves["wave_id"] = case_waves["wave_id"].map(waves, na_action="ignore").astype("string")
    own = set(waves.values())
    others = [w for w in pooled_waves if w not in own]
    if others and len(cases) and not shared:  # the same people (cases="shared"): one study continued, seen at every wave
        # The design of the pooled study: this study never planned to see its cases at the other studies' waves.
        absent = pd.DataFrame([{"case_id": case, "wave_id": wave, "scheduled": False} for case in cases["case_id"] for wave in others])
        case_waves = pd.concat([case_waves, _tables.coerce("case_waves", absent)], ignore_index=True)

    actors = rename(study.actors.copy(), ["actor_id", "case_id"])
    remember(study.actors["actor_id"], actors["actor_id"])
    actors = _with_study(actors, "actors", label, prefixed)

    codings = rename(study.codings.copy(), ["doc_id", "seg_id"])
    if prefixed:
        codings["coding_id"] = _remade_coding_ids(study.codings, codings)
        remember(study.codings["coding_id"], codings["coding_id"])

    overrides = study.overrides.copy()
    if len(overrides):
        groups = [_remap_group(text, ids) for text in overrides["group"]]
        remade = [
            override_id(new, facet if not pd.isna(facet) else None, created) if _is_override_id(old_id, old, facet, created) and new != old else old_id
            for old_id, old, new, facet, created in zip(overrides["override_id"], overrides["group"], groups, overrides["facet"], overrides["created"])
        ]
        overrides["group"] = pd.array(groups, dtype="string")
        overrides["override_id"] = pd.array(remade, dtype="string")
        remember(study.overrides["override_id"], overrides["override_id"])

    tables = {"cases": cases, "case_waves": case_waves, "documents": documents, "segments": segments, "codings": codings, "actors": actors, "overrides": overrides}
    return _Part(study, label, tables, ids, waves=own)


def _remade_coding_ids(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Each coding's id in the pooled study: the digest of its pooled document where its id is that digest of its own."""
    out = []
    for row_old, row_new in zip(before.itertuples(index=False), after.itertuples(index=False)):
        origin = row_old.origin if isinstance(row_old.origin, str) else ""
        extra_column = _DIGEST_EXTRA.get(origin)
        if extra_column is None or pd.isna(row_old.start) or pd.isna(row_old.end) or pd.isna(row_old.doc_id):
            out.append(row_old.coding_id)
            continue
        extra = getattr(row_old, extra_column)
        extra = "" if pd.isna(extra) else extra
        span = (int(row_old.start), int(row_old.end), row_old.code_id)
        if coding_id(origin, row_old.doc_id, *span, extra) == row_old.coding_id:
            out.append(coding_id(origin, row_new.doc_id, *span, extra))
        else:
            out.append(row_old.coding_id)
    return out


def _is_override_id(old_id: Any, group: Any, facet: Any, created: Any) -> bool:
    if pd.isna(created) or pd.isna(group):
        return False
    return override_id(group, facet if not pd.isna(facet) else None, created) == old_id


def _remap_group(text: Any, ids: Mapping[str, str]) -> Any:
    """An override's group (JSON of case, wave, …) with the pooled ids, written as the ladder writes it."""
    if pd.isna(text):
        return text
    try:
        group = json.loads(text)
    except (TypeError, ValueError):
        return text
    if not isinstance(group, dict):
        return text
    renamed = {key: ids.get(value, value) if key in ("case", "wave") and isinstance(value, str) else value for key, value in group.items()}
    return json.dumps({key: str(value) for key, value in sorted(renamed.items())}, sort_keys=True)


def _stack(table: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One table from the parts' frames (user attributes a study lacks are missing there)."""
    frames = [_tables.coerce(table, frame) for frame in frames]
    kept = [frame for frame in frames if len(frame)] or frames[:1]
    if len(kept) == 1:
        return kept[0].reset_index(drop=True)
    with warnings.catch_warnings():
        # pandas warns that all-missing columns may change the result's dtype; the schema's coerce settles it.
        warnings.simplefilter("ignore", FutureWarning)
        stacked = pd.concat(kept, ignore_index=True, sort=False)
    return _tables.coerce(table, stacked)


# ------------------------------------------------------------------------- checks
_WHAT = {"cases": ("case", "case_id"), "documents": ("document", "doc_id"), "codings": ("coding", "coding_id"), "actors": ("actor", "actor_id"), "overrides": ("override", "override_id")}


def _clashes(frames: list[tuple[str, pd.Series]]) -> tuple[list[str], list[str]] | None:
    """Ids found in more than one part: (the ids, the parts of the first)."""
    owners: dict[str, list[str]] = {}
    for label, ids in frames:
        for value in pd.unique(ids.dropna().astype(str)):
            owners.setdefault(value, []).append(label)
    shared = [value for value, where in owners.items() if len(where) > 1]
    if not shared:
        return None
    return shared, owners[shared[0]]


def _refuse_clashes(tables: dict[str, pd.DataFrame], parts: list[_Part], *, shared: bool = False) -> None:
    """Without keys, an id two studies share would make one row of two: refuse it, naming both.

    With ``shared`` (``cases="shared"``) a case id may be in several studies, and so may the actor of a shared case
    (the same ``actor_id`` for the same ``case_id``, made one row by :func:`_one_row_per_case_actor`).
    """
    for table, (what, column) in _WHAT.items():
        if table == "cases" and shared:
            continue
        frames = [(part.label, part.tables[table][column]) for part in parts]
        if table == "actors" and shared:
            frames = _actor_clashes_of_shared(parts)
        found = _clashes(frames)
        if found is None:
            continue
        shared_ids, where = found
        more = f" (and {len(shared_ids) - 1} more: {', '.join(map(repr, shared_ids[1:1 + _NAMED]))}{' …' if len(shared_ids) > 1 + _NAMED else ''})" if len(shared_ids) > 1 else ""
        raise PoolingError(
            f"{what} id {shared_ids[0]!r} is in both {where[0]!r} and {where[1]!r}{more}",
            hint=f"pass keys= (qlr pool --key), a short key per study, to put each study's ids under its key (keys=['a', 'b'] gives 'a{SEPARATOR}{shared_ids[0]}' and 'b{SEPARATOR}{shared_ids[0]}')"
            + (", or, if the studies follow the same people (a new wave of the same study), cases='shared' (qlr pool --same-cases)" if what in ("case", "actor") and not shared else "")
            + ("; with cases='shared' an actor id may repeat only as the same case's actor (the same case_id), or as no case's in each" if what == "actor" and shared else ""),
        )


def _actor_clashes_of_shared(parts: list[_Part]) -> list[tuple[str, pd.Series]]:
    """Each part's actor ids that are no shared case's actor: an id two studies give the same case, or no case in both
    (an interviewer, a member of staff, an organisation), is one actor."""
    pairs: dict[str, set[Any]] = {}
    for part in parts:
        frame = part.tables["actors"]
        for actor, case in zip(frame["actor_id"], frame["case_id"]):
            pairs.setdefault(str(actor), set()).add(case if isinstance(case, str) else None)
    one = {actor for actor, cases in pairs.items() if len(cases) == 1}
    return [(part.label, part.tables["actors"].loc[~part.tables["actors"]["actor_id"].astype(str).isin(one), "actor_id"]) for part in parts]


def _refuse_repeated_guids(tables: dict[str, pd.DataFrame], parts: list[_Part]) -> None:
    """Ids kept as they were (REFI-QDA GUIDs, typed ids) must still be unique across the studies."""
    for table, (what, column) in (("codings", ("coding", "coding_id")), ("memos", ("memo", "memo_id")), ("overrides", ("override", "override_id"))):
        frame = tables[table]
        repeated = frame.loc[frame[column].duplicated(keep=False), column]
        if repeated.empty:
            continue
        value = str(repeated.iloc[0])
        where = [part.label for part in parts if (part.tables[table][column] == value).any()] if table != "memos" else []
        named = f" in both {where[0]!r} and {where[1]!r}" if len(where) > 1 else " twice"
        raise PoolingError(
            f"{what} id {value!r} is{named} ({repeated.nunique()} such id{'s' * (repeated.nunique() != 1)})",
            hint="an id that came from a REFI-QDA project (a GUID) is the same coding or note in both: pool each project once; "
            "an id typed by hand must be unique across the studies",
        )


# --------------------------------------------------------------------------- memos
#: The time a memo with none of its own is made at (qlr.io's framework charts make their cells' memos so).
_EPOCH = pd.Timestamp(0, tz="UTC")


def _memos(parts: list[_Part], prefixed: bool) -> pd.DataFrame:
    """The memos of every part, their targets renamed and ``m-`` ids made again for the pooled target."""
    frames = []
    counter = 0
    for part in parts:
        memos = part.study.memos.copy()
        if prefixed and len(memos):
            targets, new_ids = [], []
            for row in memos.itertuples(index=False):
                target = row.target_id
                if isinstance(target, str):
                    target = _remap_group(target, part.ids) if row.target_type == "placement" else part.ids.get(target, target)
                targets.append(target)
                made = isinstance(row.memo_id, str) and row.memo_id.startswith("m-") and target != row.target_id
                # A memo kept with no time of its own (a framework chart's cell) is made new as qlr made it: at the epoch.
                when = _EPOCH if pd.isna(row.created) else row.created
                new_ids.append(memo_id(row.target_type, target, row.author, when, counter) if made else row.memo_id)
                counter += 1
            memos["target_id"] = pd.array(targets, dtype="string")
            memos["memo_id"] = pd.array(new_ids, dtype="string")
            part.ids.update((a, b) for a, b in zip(part.study.memos["memo_id"], memos["memo_id"]) if a != b)
        else:
            counter += len(memos)
        part.tables["memos"] = memos
        frames.append(memos)
    if not prefixed:
        found = _clashes([(part.label, part.tables["memos"]["memo_id"]) for part in parts])
        if found is not None:
            shared, where = found
            raise PoolingError(f"memo id {shared[0]!r} is in both {where[0]!r} and {where[1]!r}", hint="pass keys= (qlr pool --key), a short key per study")
    return _stack("memos", frames)


def _speakers(parts: list[_Part]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The pooled study's ``speakers:`` (the labels every study declares, with the same role) and each document's own
    (its study's other declarations, then the document's own entry, under the pooled document id): a label one study
    declares is not declared in another's documents, so ``qlr info`` and :func:`qlr.io.speaker_labels` say who decided
    each document's roles as loading that study did (``Mo`` declared in one study had been "manifest" in both)."""
    declared = [dict(part.study.meta.get("speakers") or {}) for part in parts]
    shared = {label: role for label, role in declared[0].items() if all(other.get(label) == role for other in declared[1:])} if declared else {}
    own: dict[str, dict[str, Any]] = {}
    for part, given in zip(parts, declared):
        rest = {label: role for label, role in given.items() if label not in shared}
        entries = part.study.meta.get("document_speakers") or {}
        for doc in part.study.documents["doc_id"].astype(str):
            labels = {**rest, **(entries.get(doc) or {})}
            if labels:
                own[part.ids.get(doc, doc)] = labels
    return shared, own


# ----------------------------------------------------------------------------- log
def _notes(parts: list[_Part]) -> dict[str, list[Any]]:
    """What loading each part said (``meta["warnings"]`` and ``["inferred"]``, read by ``qlr.io.load_notes``), under its key.

    Each message starts ``[key]``, its documents named by their pooled ids and its paths from the folder that
    holds that study, so a pooled study's report still says what was guessed or left out of each part.
    """
    from .io._load_notes import from_study_folder, id_words

    kept: dict[str, list[Any]] = {"warnings": [], "inferred": []}
    for part in parts:
        meta = part.study.meta
        own = set(part.study.documents["doc_id"].astype(str))
        documents = {old: new for old, new in part.ids.items() if old in own and old != new}
        pattern = id_words(documents)  # the document ids as load_notes finds them

        def pooled(message: Any, meta: Any = meta, pattern: Any = pattern, documents: dict[str, str] = documents, label: str = part.label) -> str:
            text = from_study_folder(meta, str(message))
            text = pattern.sub(lambda found: documents[found[1]], text) if pattern is not None else text
            return f"[{label}] {text}"

        kept["warnings"] += [{**note, "message": pooled(note.get("message", ""))} for note in meta.get("warnings", []) or [] if isinstance(note, Mapping)]
        kept["inferred"] += [pooled(note) for note in meta.get("inferred", []) or []]
    return {key: notes for key, notes in kept.items() if notes}


def _remap(value: Any, ids: Mapping[str, str]) -> Any:
    """``value`` (JSON-like) with every string that is a renamed id, as a value or a key, renamed."""
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_remap(item, ids) for item in value]
    if isinstance(value, dict):
        return {ids.get(key, key) if isinstance(key, str) else key: _remap(item, ids) for key, item in value.items()}
    return value


def _log(parts: list[_Part]) -> pd.DataFrame:
    """Each study's log in turn, renumbered; each detail names its study and the pooled ids."""
    frames = []
    for part in parts:
        log = part.study.log.copy()
        # A pooled study pooled again without keys keeps its parts' labels on its documents: what was done to all of
        # it (no study named) names them, so qlr.evidence.not_coded_documents still finds every document it reached.
        # (With keys they read "key:part", which names the key already.)
        labels = set(part.tables["documents"][STUDY_COLUMN].dropna().astype(str))
        inner = sorted(label for label in labels if label != part.label and not label.startswith(part.label + SEPARATOR))
        details = []
        for text in log["detail"]:
            detail = log_detail(text) if isinstance(text, str) else {}
            if detail is None:  # words, or JSON nested too deep: the detail as written
                detail = {"text": text}
            if not isinstance(detail, dict):
                detail = {"value": detail}
            detail = _remap(detail, part.ids)
            earlier = detail.get(STUDY_COLUMN)
            if earlier is not None and str(earlier) in inner:
                pass  # one of its parts', named as that part's documents still are
            else:
                detail[STUDY_COLUMN] = part.label if earlier is None else f"{part.label}{SEPARATOR}{earlier}"
            if earlier is None and inner:
                detail["parts"] = inner
            details.append(json.dumps(detail, sort_keys=True, default=str))
        log["detail"] = pd.array(details, dtype="string")
        frames.append(log)
    log = _stack("log", frames)
    log["entry_id"] = pd.array(range(1, len(log) + 1), dtype="Int64")
    return log


# -------------------------------------------------------------------------- waves
#: The fix when studies' waves differ and ``waves=`` is not given (``qlr pool`` says it with its own options).
WAVES_FIX = (
    "choose one: waves='order' (the first wave of each study is wave 1, …), waves={key: {their_wave: pooled_wave}}, "
    "waves='id' (the same ids pooled, the others kept) or waves='separate' (each study's waves apart)"
)
def _align_waves(studies: list[Study], labels: list[str], waves: Any, prefixed: bool, *, shared: bool = False) -> tuple[list[dict[str, str]], pd.DataFrame, str, list[dict[str, Any]]]:
    """Each study's map of wave ids to pooled ones, the pooled waves table, how they were lined up, and each pooled wave's sources."""
    sequences = [[str(w) for w in study.waves["wave_id"]] for study in studies]
    shown = "; ".join(f"{label}: {', '.join(seq) or '(none)'}" for label, seq in zip(labels, sequences))
    if waves is None:
        if any(seq != sequences[0] for seq in sequences):
            raise PoolingError(f"the studies' waves differ ({shown}), and waves= does not say how to line them up", hint=WAVES_FIX)
        how = "id"
    elif isinstance(waves, Mapping):
        how = "mapping"
    elif isinstance(waves, str):
        how = check_choice("waves", waves, WAVE_CHOICES)
    else:
        raise InvalidParameterError(f"waves is {type(waves).__name__}, not one of {', '.join(WAVE_CHOICES)} or a mapping", hint=WAVES_FIX)

    if how == "id":
        maps = [{w: w for w in seq} for seq in sequences]
    elif how == "order":
        pooled_ids: list[str] = []
        for position in range(max(map(len, sequences), default=0)):
            wave = next(seq[position] for seq in sequences if len(seq) > position)
            if wave in pooled_ids:
                raise PoolingError(f"waves='order' would give two pooled waves the id {wave!r} ({shown})", hint="line them up with a mapping: waves={key: {their_wave: pooled_wave}}")
            pooled_ids.append(wave)
        maps = [{w: pooled_ids[i] for i, w in enumerate(seq)} for seq in sequences]
        lengths = {label: len(seq) for label, seq in zip(labels, sequences)}
        if len(set(lengths.values())) > 1:
            short = [f"{label} ({n})" for label, n in lengths.items() if n < max(lengths.values())]
            warn(
                PoolingWarning(
                    f"waves='order' lines up studies with different numbers of waves ({shown}): {', '.join(short)} "
                    f"{'has' if len(short) == 1 else 'have'} no wave at the later pooled waves, where {'its' if len(short) == 1 else 'their'} cases are 'not scheduled'"
                ),
            )
    elif how == "separate":
        if not prefixed:
            raise InvalidParameterError("waves='separate' needs keys=, to put each study's waves under its key", hint="qlr.concat([a, b], keys=['a', 'b'], waves='separate')")
        maps = [{w: f"{label}{SEPARATOR}{w}" for w in seq} for label, seq in zip(labels, sequences)]
    else:
        maps = _mapped_waves(waves, labels, sequences)

    # When each wave that could come next is dated, the earliest comes first: the next wave given before the project.
    starts: dict[str, Any] = {}
    for study, wave_map in zip(studies, maps):
        for wave, start in zip(study.waves["wave_id"].astype(str), pd.to_datetime(study.waves["start"], errors="coerce")):
            if not pd.isna(start) and wave in wave_map:
                starts[wave_map[wave]] = min(start, starts.get(wave_map[wave], start))
    order = _merged_order(labels, [[m[w] for w in seq] for m, seq in zip(maps, sequences)], starts=starts)
    if how == "id" and len(studies) > 1 and not shared:  # the same people's next wave follows the others by design
        alone = [label for label, seq in zip(labels, sequences) if seq and not any(set(seq) & set(other) for other_label, other in zip(labels, sequences) if other_label != label)]
        if alone:
            warn(
                PoolingWarning(
                    f"waves='id' shares no wave between {', '.join(map(repr, alone))} and the other studies ({shown}), so their waves follow one another and no case is seen at another study's wave; "
                    "to line them up pass waves='order' or a mapping"
                ),
            )

    rows: list[dict[str, Any]] = []
    for label, study, wave_map in zip(labels, studies, maps):
        for wave in study.waves.itertuples(index=False):
            rows.append({"wave_id": wave_map[str(wave.wave_id)], "study": label, "study_wave": str(wave.wave_id), "label": wave.label, "start": wave.start, "end": wave.end})
    sources = pd.DataFrame(rows, columns=["wave_id", "study", "study_wave", "label", "start", "end"])
    table = []
    differ = []
    for position, wave_id in enumerate(order, start=1):
        own = sources[sources["wave_id"] == wave_id]
        names = list(dict.fromkeys(str(v) for v in own["label"].dropna()))
        # Dates are the pooled wave's only where every study that has it gives the same (a study's undated wave too): a
        # span over two studies' fieldwork is neither's, and read after the last study's label it reads as that one's.
        dated = own["start"].nunique(dropna=False) == 1 and own["end"].nunique(dropna=False) == 1
        if dated:
            label = names[0] if len(names) == 1 else "; ".join(f"{s}: {v}" for s, v in zip(own["study"], own["label"]) if not pd.isna(v)) or None
            start, end = own["start"].iloc[0], own["end"].iloc[0]
        else:
            label = "; ".join(f"{row.study}: {row.study_wave if pd.isna(row.label) else row.label}{_span(row.start, row.end)}" for row in own.itertuples(index=False))
            start = end = None
        table.append({"wave_id": wave_id, "order": position, "label": label, "start": None if pd.isna(start) else start, "end": None if pd.isna(end) else end})
        if len(own) > 1 and (len(names) > 1 or not dated):
            differ.append(wave_id)
    if differ and waves is None:
        details = "; ".join(
            f"{wave_id}: " + ", ".join(f"{r.study} {_dates(r)}" for r in sources[sources["wave_id"] == wave_id].itertuples(index=False)) for wave_id in differ[:_NAMED]
        )
        warn(
            PoolingWarning(
                f"waves pooled by id differ between the studies: {details}. Each pooled wave is 'wave N of its study', not one time; "
                "pass waves='id' (qlr pool --waves id) to say so, waves='separate' to keep them apart, or a mapping"
            ),
        )
    wave_rows = [{k: (v.isoformat()[:10] if isinstance(v, pd.Timestamp) else None if pd.isna(v) else v) for k, v in row.items()} for row in rows]
    return maps, _tables.coerce("waves", pd.DataFrame(table, columns=["wave_id", "order", "label", "start", "end"])), how, wave_rows


def _dates(row: Any) -> str:
    span = "–".join(v.strftime("%Y-%m-%d") for v in (row.start, row.end) if not pd.isna(v))
    text = f"'{row.label}'" if not pd.isna(row.label) else row.study_wave
    return f"{text} {span}".strip()


def _span(start: Any, end: Any) -> str:
    """A study's wave's dates after its label in a pooled wave's, as ``qlr info`` gives a wave's: `` (2024-03-01 to
    2024-04-30)``, `` (from …)``, `` (to …)``, or nothing."""
    start, end = (None if pd.isna(day) else pd.Timestamp(day).strftime("%Y-%m-%d") for day in (start, end))
    return f" ({start} to {end})" if start and end else f" (from {start})" if start else f" (to {end})" if end else ""


def _mapped_waves(waves: Mapping[str, Any], labels: list[str], sequences: list[list[str]]) -> list[dict[str, str]]:
    """A mapping ``{key: {their wave: pooled wave}}`` checked and turned into one map per study."""
    for key in waves:
        if key not in labels:
            near = closest(key, labels)
            raise SelectionError(f"waves= names a study {key!r} that is not being pooled", hint=f"did you mean {near!r}?" if near else f"use the keys: {', '.join(labels)}")
    maps = []
    for label, seq in zip(labels, sequences):
        given = waves.get(label)
        if given is None:
            maps.append({w: w for w in seq})
            continue
        if not isinstance(given, Mapping):
            raise InvalidParameterError(f"waves[{label!r}] is {type(given).__name__}, not a mapping of its wave ids to pooled ones", hint=f"waves={{{label!r}: {{{(seq or ['T1'])[0]!r}: 'W1'}}}}")
        for wave in given:
            if str(wave) not in seq:
                near = closest(str(wave), seq)
                raise SelectionError(f"wave {wave!r} is not a wave of {label!r}", hint=f"did you mean {near!r}?" if near else f"its waves are {', '.join(seq)}")
        missing = [w for w in seq if w not in given]
        if missing:
            raise PoolingError(f"waves= maps some waves of {label!r} but not {', '.join(missing)}", hint=f"map every wave of {label!r}; a wave of its own maps to a new id ({missing[0]!r}: {missing[0]!r})")
        mapped = {w: check_id(f"pooled wave of {label}:{w}", given[w]) for w in seq}
        repeated = _first_repeated(mapped.values())
        if repeated is not None:
            twice = [w for w, v in mapped.items() if v == repeated]
            raise PoolingError(f"waves {', '.join(twice)} of {label!r} are all mapped to {repeated!r}, which would make one wave of them", hint="map each wave of a study to a pooled wave of its own")
        maps.append(mapped)
    return maps


def _merged_order(labels: list[str], sequences: list[list[str]], *, starts: Mapping[str, Any] | None = None) -> list[str]:
    """The pooled waves in an order every study agrees with (ties: the earliest ``starts`` where every tied wave has one,
    else the order their names say where they say one, as :func:`qlr.io._sections.order_waves` reads names: "W4"
    after "W1" whichever study is given first; else the order they are first met).

    Examples
    --------
    >>> _merged_order(["C", "A"], [["W4"], ["W1", "W2", "W3"]])
    ['W1', 'W2', 'W3', 'W4']
    >>> _merged_order(["C", "A"], [["later"], ["first", "second"]])
    ['later', 'first', 'second']
    >>> _merged_order(["A", "B"], [["W1", "W2"], ["T1", "T2"]])  # two studies' own ways of counting: one after the other
    ['W1', 'W2', 'T1', 'T2']
    """
    from .io._sections import order_waves

    position: dict[str, dict[str, int]] = {label: {w: i for i, w in enumerate(seq)} for label, seq in zip(labels, sequences)}
    for i, first in enumerate(labels):
        for second in labels[i + 1:]:
            common = [w for w in sequences[labels.index(first)] if w in position[second]]
            for a, b in zip(common, common[1:]):
                if position[second][a] > position[second][b]:
                    raise PoolingError(f"wave {a!r} comes before {b!r} in {first!r} but after it in {second!r}", hint="order the mapping's pooled waves as each study's waves are ordered")
    first_met = {w: i for i, w in enumerate(dict.fromkeys(w for seq in sequences for w in seq))}
    before: dict[str, set[str]] = {w: set() for w in first_met}
    for seq in sequences:
        for a, b in zip(seq, seq[1:]):
            before[b].add(a)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(first_met):
        ready = [w for w in first_met if w not in placed and before[w] <= placed]
        if not ready:  # pragma: no cover - the pairwise check above refuses every cycle
            raise PoolingError("the studies order their waves in ways that cannot be merged", hint="pass a mapping that orders them")
        known = starts or {}
        # Names count alike only where they are written alike ("W4" and "W1"; not "W2" and "T1", two studies' own).
        alike = len({re.sub(r"\d+", "#", w) for w in ready}) == 1
        named = order_waves(ready) if len(ready) > 1 and alike else None
        if all(w in known for w in ready):
            wave = min(ready, key=lambda w: (known[w], first_met[w]))
        elif named is not None and named.by == "names":
            wave = named.waves[0]
        else:
            wave = min(ready, key=lambda w: first_met[w])
        order.append(wave)
        placed.add(wave)
    return order


# ----------------------------------------------------------------------- codebooks
def _charted(parts: list[_Part]) -> dict[str, list[str]]:
    """What framework charts' codebooks coded of the pooled study (``meta["charted"]``, read by
    :func:`qlr.evidence.charted_documents`): a charted part's documents its chart covers, under their pooled ids, and
    every document of each other part, whose coverage is its own (applied, coded, or neither)."""
    ids = list(dict.fromkeys(codebook for part in parts for codebook in (part.study.meta.get("charted") or {})))
    out: dict[str, list[str]] = {}
    for codebook in ids:
        covered: list[str] = []
        for part in parts:
            charted = charted_documents(part.study, codebook)
            documents = part.study.documents["doc_id"].astype(str) if charted is None else sorted(charted)
            covered.extend(part.ids.get(doc, doc) for doc in documents)
        out[codebook] = covered
    return out


def _charted_cases(parts: list[_Part]) -> dict[str, dict[str, list[str]]]:
    """Which cases a framework chart charted in each document it reached (``meta["charted_cases"]``, read by
    :func:`qlr.evidence.case_wave_coverage`: another speaker's turns there are not charted), under the pooled ids; a
    part whose chart its codebook's application since has lifted limits nothing."""
    out: dict[str, dict[str, list[str]]] = {}
    for part in parts:
        for codebook, documents in (part.study.meta.get("charted_cases") or {}).items():
            if charted_documents(part.study, codebook) is None:
                continue
            held = out.setdefault(codebook, {})
            for doc, cases in documents.items():
                held[part.ids.get(doc, doc)] = [part.ids.get(case, case) for case in cases]
    return out


def _codebooks(studies: list[Study], labels: list[str]) -> dict[str, Any]:
    """The studies' codebooks, each id once; one id naming two different codebooks is refused."""
    pooled: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for study, label in zip(studies, labels):
        for key, codebook in study.codebooks.items():
            if key not in pooled:
                pooled[key], owner[key] = codebook, label
                continue
            if pooled[key] != codebook:
                versions = [getattr(cb, "version", None) for cb in (pooled[key], codebook)]
                said = f" (version {versions[0]} and {versions[1]})" if versions[0] != versions[1] else ""
                raise PoolingError(
                    f"codebook {key!r} of {owner[key]!r} and of {label!r} differ{said}, and a pooled study holds one codebook of an id",
                    hint=f"move one study's codings to the other's codebook first (study.migrate_codebook(other.codebooks[{key!r}])), or apply the same codebook to both",
                )
    return pooled


def _warn_codebook_coverage(tables: dict[str, pd.DataFrame], parts: list[_Part], codebooks: Mapping[str, Any], *, shared: bool = False) -> None:
    """Name the studies a codebook coded none of: their documents are not coded with it (:func:`qlr.evidence.not_coded_documents`).

    With ``shared`` (the same people), a case seen in both keeps its coded waves: only the waves the other studies
    bring are not coded.
    """
    if len(parts) < 2:
        return
    ids = list(dict.fromkeys([*codebooks, *tables["codings"]["codebook"].dropna().astype(str)]))
    for codebook in ids:
        counts = {part.label: int((part.tables["codings"]["codebook"] == codebook).fillna(False).sum()) for part in parts}
        # A study the codebook was applied to and found nothing in is coded, its zeros absences, as
        # qlr.evidence.not_coded_documents reads it: only a study neither coded nor applied is named.
        applied = {part.label for part in parts if codebook_applications(part.study, codebook)}
        coded = {label: n for label, n in counts.items() if n or label in applied}
        missing = [part for part in parts if part.label not in coded and len(part.tables["documents"])]
        if coded and missing:
            said = ", ".join(f"{label!r} ({number_of(n, 'coding')})" for label, n in coded.items())
            left = ", ".join(f"{part.label!r} ({number_of(len(part.tables['documents']), 'document')})" for part in missing)
            # The same people: a case keeps what its coded waves found; only the waves the other studies bring are missing.
            whose = (
                "the case × waves their documents alone bring are"  # a wave a coded study also brings reads that study's codings
                if shared
                else "their cases get no counts or placements from it, and are"
            )
            book = codebooks.get(codebook)
            if book is None and codebook in bundled_codebooks():
                book = read_codebook(codebook)  # codings of a bundled codebook the study does not hold (the sample's)
            if book is not None and any(getattr(code, "indicators", None) for code in book):
                # Only a codebook with rules can code the other studies' documents.
                # A codebook of the researcher's own is no bundled name: apply it from the pooled study or its file.
                bundled = codebook in bundled_codebooks()
                python = f"pooled.apply({codebook!r})" if bundled else f"pooled.apply(pooled.codebooks[{codebook!r}])"
                command = f"--codebook {codebook}" if bundled else "--codebook <its .yaml file>"
                fix = (
                    f"Code the pooled study with it ({python}; qlr code pooled.qlr {command}: every document "
                    "by its rules, other codings stay), or compare only what each study coded"
                )
            else:
                fix = "Its codes have no rules, so only the studies it coded can be compared on it (or map each study's codes to one ladder with a crosswalk, docs/crosswalk.md)"
            warn(
                PoolingWarning(f"codebook {codebook!r} coded {said} but not {left}: {whose} 'not coded' in every analysis, never absences. {fix}"),
            )


def _warn_partly_coded(pooled: Study) -> None:
    """Name, for each codebook, the case × waves of a pool of the same people whose documents there were coded with it
    in part (:func:`qlr.evidence.partly_coded_waves`): a code not found there is "partly coded", no absence."""
    from .codebook import Codebook
    from .evidence import partly_coded_waves

    for codebook in pooled.codebooks.values():
        if not isinstance(codebook, Codebook):
            continue
        mixed = partly_coded_waves(pooled, codebook)
        if mixed.empty:
            continue
        cells = [f"{case} at {wave}" for case, wave in zip(mixed["case_id"], mixed["wave_id"])]
        parts = ", ".join(repr(part) for part in dict.fromkeys(", ".join(mixed["study"].dropna()).split(", ")))
        warn(
            PoolingWarning(
                f"codebook {codebook.id!r} coded only some of the documents of {number_of(len(cells), 'case × wave')} "
                f"({', '.join(cells[:_NAMED])}{' …' if len(cells) > _NAMED else ''}): those of {parts} there were never coded with it. "
                "What it found there counts; a code it did not find is 'partly coded' in the matrix, change and the ladder, "
                "not an absence. Code those documents with it too to read the whole case × wave"
            ),
        )


def _warn_documents_without_waves(parts: list[_Part], pooled_waves: list[str]) -> None:
    """Name the documents of a study with no waves pooled with studies that have some: every by-wave table leaves them
    out. (A study with waves may keep a document at none on purpose, its protocol say: not named.)"""
    if not pooled_waves:
        return
    for part in parts:
        if len(part.study.waves):
            continue
        documents = part.tables["documents"]
        loose = documents.loc[documents["wave_id"].isna(), "doc_id"].astype(str).tolist()
        if loose:
            warn(
                PoolingWarning(
                    f"{part.label!r} brings {number_of(len(loose), 'document')} with no wave ({', '.join(loose[:_NAMED])}{' …' if len(loose) > _NAMED else ''}): "
                    f"they are in the pooled study, but attrition, the matrix by wave, change and the ladder read waves "
                    f"({', '.join(pooled_waves[:_NAMED])}{' …' if len(pooled_waves) > _NAMED else ''}) and leave them out. "
                    "Give that study its waves (its study.yaml's waves and each document's wave) before pooling"
                ),
            )


def _warn_same_texts(parts: list[_Part]) -> None:
    """The same text in two studies is most likely one study pooled twice."""
    def digests(part: _Part) -> pd.Series:
        documents = part.tables["documents"]
        texts = documents.loc[documents["n_words"].fillna(0) > 0, "text"].fillna("")
        return pd.util.hash_pandas_object(texts.astype(object), index=False).astype(str)

    hashed = {part.label: digests(part) for part in parts}
    found = _clashes(list(hashed.items()))
    if found is None:
        return
    shared, where = found
    docs = {label: part.tables["documents"].loc[hashed[label][hashed[label].isin(shared)].index, "doc_id"].tolist() for part in parts if (label := part.label) in where}
    named = "; ".join(f"{label}: {', '.join(map(str, ids[:_NAMED]))}{' …' if len(ids) > _NAMED else ''}" for label, ids in docs.items())
    warn(
        PoolingWarning(f"{len(shared)} text{'s are' if len(shared) != 1 else ' is'} in more than one study ({named}): was a study pooled twice? Its codings count once per study"),
    )


# ---------------------------------------------------------------------------- meta
def _source_of(study: Study) -> str | None:
    for key in ("manifest", "root", "path", "source"):
        value = study.meta.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _union_in_order(lists: Iterable[Iterable[Any]]) -> list[Any]:
    out: list[Any] = []
    for items in lists:
        for item in items:
            if item not in out:
                out.append(item)
    return out


def _merge(first: Any, second: Any) -> Any:
    """Two studies' facts in one: mappings merged, lists joined, counts added, else the first's."""
    if isinstance(first, Mapping) and isinstance(second, Mapping):
        out = dict(first)
        for key, value in second.items():
            out[key] = _merge(out[key], value) if key in out else value
        return out
    if isinstance(first, list) and isinstance(second, list):
        return first + [item for item in second if item not in first]
    if isinstance(first, int) and isinstance(second, int) and not isinstance(first, bool) and not isinstance(second, bool):
        return first + second
    return first


class _PoolModule(types.ModuleType):
    """This module, callable: ``qlr.pool(studies, keys=…)`` is :func:`concat`, as the command line's ``qlr pool`` is
    (``qlr.pool`` was a module only, and calling it a ``TypeError`` with no word of ``concat``). The call is
    ``concat`` itself, so its signature is ``concat``'s (``keys=``, ``waves=``, ``cases=``, ``name=``), in ``help`` and editors.

    Examples
    --------
    >>> import inspect, qlr
    >>> list(inspect.signature(qlr.pool).parameters)
    ['studies', 'keys', 'waves', 'cases', 'name']
    """

    __call__ = staticmethod(concat)


sys.modules[__name__].__class__ = _PoolModule
# What ``inspect.signature(qlr.pool)`` reads (a static ``__call__`` would lose its first parameter, ``studies``).
__signature__ = inspect.signature(concat)
