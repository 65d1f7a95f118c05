"""What counts as evidence: the vocabulary of codings and the one rule every analysis applies.

A study's ``codings`` table holds more than evidence: model suggestions nobody
has looked at, suggestions a researcher rejected, codings a codebook migration
left for review, several coders' codings of the same passage, and codings of
the interviewer's questions.  This module names those states once and decides,
once, which codings each kind of analysis reads:

===================================  ===============================================  ==========================
consumer                             codings it reads                                 function
===================================  ===============================================  ==========================
matrices, change, ladder,            settled codings, not on an interviewer turn,     :func:`evidence`
trajectories, portraits, quotes,     one coder per passage
networks, every plot, the report
agreement (``qlr.code``)             settled codings of every coder (agreement        :func:`settled`
                                     compares coders, so none is dropped for
                                     another; a coder who coded a question
                                     disagrees with one who did not)
the code suggester's training set    settled codings a person made or accepted        :func:`training_codings`
===================================  ===============================================  ==========================

*Settled* means the status is empty or ``accepted``: not ``suggested`` (pending),
``rejected`` or ``review`` (a split a migration could not resolve).  Counting
one coder per passage keeps double coding from counting twice
(:func:`one_coder_per_passage`).

Examples
--------
>>> import pandas as pd
>>> from qlr import evidence
>>> codings = pd.DataFrame({"seg_id": ["s1", "s1", "s2", "s3"], "code_id": ["a", "a", "a", "a"],
...                         "coder": ["rm", "so", "model:m", "model:m"], "origin": ["human", "human", "model", "model"],
...                         "status": [None, None, "suggested", "accepted"]})
>>> settled = evidence.settled(codings)
>>> settled["coder"].tolist()  # agreement sees both people, not the pending suggestion
['rm', 'so', 'model:m']
>>> evidence.one_coder_per_passage(settled)["coder"].tolist()  # analyses count s1 once
['rm', 'model:m']
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._check import check_bool
from ._codings import PERSON_ORIGINS, by_person, consensus_made, in_codebook
from ._json import log_detail
from ._tables import ATTRITION_STATES
from .errors import SelectionError

if TYPE_CHECKING:  # pragma: no cover
    from .codebook import Codebook
    from .study import Study

__all__ = [
    "ORIGINS",
    "PERSON_ORIGINS",
    "by_person",
    "person_codings",
    "ORIGIN_PRIORITY",
    "STATUSES",
    "NOT_EVIDENCE_STATUSES",
    "ASSERTIONS",
    "COUNTED_ASSERTIONS",
    "SPEAKER_ROLES",
    "NOT_EVIDENCE_ROLES",
    "NO_CASE_ROLES",
    "ATTRITION_STATES",
    "NOT_CODED",
    "PARTLY_CODED",
    "CODED",
    "COVERAGE",
    "case_wave_coverage",
    "coverage_reason",
    "counted",
    "not_coded_cases",
    "not_coded_documents",
    "charted_documents",
    "not_coded_waves",
    "codebook_applications",
    "partly_coded_waves",
    "in_codebook",
    "settled",
    "evidence",
    "on_question_turns",
    "training_codings",
    "one_coder_per_passage",
    "double_coded",
    "pick_codebook",
    "group_columns",
    "key_source",
    "segment_cases",
    "coding_cases",
    "each_case",
    "speakers_decide",
    "no_case_turns",
    "RELAYING_WORDS",
    "relays",
    "relayed_turns",
    "researchers_accounts",
    "summary_paragraphs",
]

#: Where a coding came from: a person in qlr, a person in another program (imported),
#: the codebook's rules, or a model's suggestion.
ORIGINS = ("human", "import", "rules", "model")


#: Whose codings count when several coders coded a segment with the same code (lower first).
ORIGIN_PRIORITY = {"human": 0, "import": 0, "rules": 1, "model": 2}

#: A coding's status: empty (a settled coding), ``accepted`` (a suggestion a person
#: accepted), ``suggested`` (pending), ``rejected``, ``review`` (a migration split to resolve).
STATUSES = ("accepted", "suggested", "rejected", "review")

#: Statuses whose codings are evidence for no analysis.
NOT_EVIDENCE_STATUSES = frozenset({"suggested", "rejected", "review"})

#: How the speaker asserted what a rule matched (``assertion``; see
#: :class:`qlr.code.AssertionRules`).  A person's coding has none: it is what they meant.
ASSERTIONS = ("affirmed", "prompted", "negated", "hypothetical", "historical", "other", "question", "declined")

#: The assertions that are evidence: the speaker's own, current experience.  A
#: prompted one (echoing the question just before) counts, but weighs less on a
#: ladder (``prompted_weight`` of :func:`qlr.track.ladder`); the others are kept
#: in the codings and shown in evidence trails, discounted.
COUNTED_ASSERTIONS = frozenset({"affirmed", "prompted"})

#: Speaker roles of a turn, as the loader assigns them.
SPEAKER_ROLES = ("interviewer", "participant", "observer", "other")

#: Speaker roles whose turns are never evidence: a question is not what the case said.
NOT_EVIDENCE_ROLES = frozenset({"interviewer"})

#: Speaker roles of someone who is no case (a carer on the line beside the patient, a member of staff): in a
#: case's own conversation their turns are no case's words (:func:`segment_cases`), as a turn mapped to a case the
#: study does not hold is no one's.
NO_CASE_ROLES = frozenset({"other"})

# ATTRITION_STATES (the cells of :meth:`qlr.Study.attrition`) is defined with the
# table schemas, below every layer, and presented here with the rest of the vocabulary.

#: A case × wave every document of which (the case's words there) was coded with the codebook (:func:`case_wave_coverage`):
#: what was found there counts, and a code not found is an absence.
CODED = "coded"
#: A case × wave the analyses leave out because the part of a pooled study its documents there came from was
#: never coded with the codebook (:func:`not_coded_waves`): missing data, not an absence.
NOT_CODED = "not coded"
#: Why a code's zero at a case × wave is no absence: some of its documents there were coded with the codebook and some
#: (a pooled study's part never coded with it) were not (:func:`partly_coded_waves`). What was found counts.
PARTLY_CODED = "partly coded"
#: A case × wave's coverage by a codebook (:func:`case_wave_coverage`), most read first.
COVERAGE = (CODED, PARTLY_CODED, NOT_CODED)


def counted(codings: pd.DataFrame, *, segments: pd.DataFrame | None = None, assertions: Collection[str] = COUNTED_ASSERTIONS) -> np.ndarray:
    """Mask of the codings that are evidence, before choosing one coder per passage.

    A coding counts when its status is settled (see :data:`NOT_EVIDENCE_STATUSES`),
    its assertion, if it has one, is in :data:`COUNTED_ASSERTIONS` (a negated,
    hypothetical, past, reported, questioned or declined mention is not the
    speaker's experience) and, when ``segments`` are given, its segment is not a
    turn of a role in :data:`NOT_EVIDENCE_ROLES` (codings outside every segment count).

    Parameters
    ----------
    codings : DataFrame
        Rows of ``study.codings`` (``status`` and, with ``segments``, ``seg_id``).
    segments : DataFrame, optional
        ``study.segments`` (``seg_id``, ``speaker_role``).
    assertions : collection of str, optional
        The assertions that count (:data:`COUNTED_ASSERTIONS` by default); the
        ladder adds ``"negated"`` when a codebook counts denials as negative evidence.

    Returns
    -------
    numpy.ndarray
        One boolean per coding, in the codings' order.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"seg_id": ["q", "a", "a"], "status": [None, None, "rejected"]})
    >>> segments = pd.DataFrame({"seg_id": ["q", "a"], "speaker_role": ["interviewer", "participant"]})
    >>> counted(codings).tolist(), counted(codings, segments=segments).tolist()
    ([True, True, False], [False, True, False])
    >>> counted(codings.assign(assertion=[None, "hypothetical", None])).tolist()
    [True, False, False]
    """
    status = codings["status"]
    flagged = status.notna().to_numpy(copy=True)
    if flagged.any():
        # isin on a mostly-missing string column is slow, so only the set values are looked at.
        flagged[flagged] = status[flagged].isin(list(NOT_EVIDENCE_STATUSES)).to_numpy(dtype=bool)
    keep = ~flagged
    if "assertion" in codings:
        assertion = codings["assertion"]
        judged = assertion.notna().to_numpy(copy=True)
        if judged.any():
            keep[judged] &= assertion[judged].isin(list(assertions)).to_numpy(dtype=bool)
    if segments is not None and len(codings):
        questions = _question_turns(segments)["seg_id"]
        if len(questions):
            keep &= ~codings["seg_id"].isin(questions).fillna(False).to_numpy(dtype=bool)
    return keep


def settled(codings: pd.DataFrame) -> pd.DataFrame:
    """The codings whose status is settled: what agreement compares, coder by coder.

    Pending (``suggested``) and ``rejected`` suggestions and unresolved splits
    (``review``) are left out; every coder's codings are kept, double coding included.

    Parameters
    ----------
    codings : DataFrame
        Rows of ``study.codings``.

    Returns
    -------
    DataFrame
        The rows kept, with their index.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"coder": ["rm", "so", "model:m"], "status": [None, "accepted", "rejected"]})
    >>> settled(codings)["coder"].tolist()
    ['rm', 'so']
    """
    keep = counted(codings)
    return codings if keep.all() else codings[keep]


def person_codings(codings: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The settled codings a person made (of ``codebook``, when given): the one rule for who coded as a person.

    :func:`by_person` (``origin`` in :data:`PERSON_ORIGINS`) and :func:`settled`
    (no pending or rejected suggestion, no unresolved split), and, with a codebook,
    :func:`in_codebook`.  :func:`qlr.code.human_coders`, :func:`qlr.code.coder_pairs`
    and :func:`qlr.code.validate_coders` read people's codings through it.

    Parameters
    ----------
    codings : DataFrame
        Rows of ``study.codings``.
    codebook : Codebook, optional
        Keep only the codings this codebook reads.

    Returns
    -------
    DataFrame
        The rows kept, their index unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"coder": ["rm", "rules", "so", "model:m"], "origin": ["human", "rules", "import", "model"],
    ...                         "status": [None, None, "rejected", "accepted"]})
    >>> person_codings(codings)["coder"].tolist()
    ['rm']
    """
    keep = by_person(codings) & counted(codings)
    if codebook is not None:
        keep &= in_codebook(codings, codebook)
    return codings[keep]


def evidence(
    study: Study, codings: pd.DataFrame | None = None, *, assertions: Collection[str] = COUNTED_ASSERTIONS, summaries: bool = False
) -> pd.DataFrame:
    """The codings every analysis counts: settled, not on an interviewer turn, not in a summary, one coder per passage.

    Matrices, change, the ladder, networks, plots and the report all read
    their codings through this rule (directly, or through
    ``qlr.track``'s grouping), so a figure and a table never disagree.
    A coding in the team's summary of an interview (:func:`summary_paragraphs`)
    restates what the interview holds, so it is left out unless ``summaries=True``
    (the ladder asks for it, to show it in the trail weighing ``summary_weight``).
    Agreement is not this rule: it compares every coder's settled codings (:func:`settled`).

    Parameters
    ----------
    study : Study
    codings : DataFrame, optional
        Rows of ``study.codings`` to filter (e.g. one codebook's); all by default.
    assertions : collection of str, optional
        The rule matches' assertions that count (see :func:`counted`).
    summaries : bool, default False
        Keep the codings in a summary's paragraphs too (counted as the participant's, as before stop 55).

    Returns
    -------
    DataFrame
        The rows kept, renumbered from 0 when a passage had several coders.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> len(qlr.evidence.evidence(study)) < len(study.codings)  # two coders coded some passages
    True
    """
    return one_coder_per_passage(_before_one_coder(study, codings, assertions, summaries), consensus=consensus_made(study))


def _before_one_coder(study: Study, codings: pd.DataFrame | None, assertions: Collection[str], summaries: bool) -> pd.DataFrame:
    """:func:`evidence`'s codings before one coder per passage is chosen (settled, not a summary's unless asked)."""
    codings = study.codings if codings is None else codings
    keep = counted(codings, segments=study.segments, assertions=assertions)
    if not check_bool("summaries", summaries) and len(codings):
        summary = summary_paragraphs(study)
        if summary.any():
            keep &= ~codings["seg_id"].isin(study.segments.loc[summary, "seg_id"]).fillna(False).to_numpy(dtype=bool)
    return codings if keep.all() else codings[keep]


def double_coded(
    study: Study, codings: pd.DataFrame | None = None, *, assertions: Collection[str] = COUNTED_ASSERTIONS, summaries: bool = False
) -> pd.DataFrame:
    """The passages :func:`evidence` counts one coder's codings of, where others coded them too.

    What :func:`one_coder_per_passage` leaves out of the analyses' counts, for a
    report to say: each segment × code that more than one coder coded, the
    coder whose codings are kept there, and how many codings of the others are
    not counted.  Agreement compares them all (:func:`settled`).

    Parameters
    ----------
    study : Study
    codings : DataFrame, optional
        Rows of ``study.codings`` (e.g. one codebook's); all by default.
    assertions : collection of str, default COUNTED_ASSERTIONS
        As :func:`evidence`.
    summaries : bool, default False
        As :func:`evidence`.

    Returns
    -------
    DataFrame
        ``seg_id``, ``code_id``, ``kept`` (the coder counted) and ``dropped``
        (the codings not counted), one row per passage; empty when no passage
        was coded twice.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> twice = qlr.evidence.double_coded(study)
    >>> int(twice["dropped"].sum()) == len(study.codings) - len(qlr.evidence.evidence(study))
    True
    """
    codings = _before_one_coder(study, codings, assertions, summaries)
    frame, keep = _one_coder_kept(codings, consensus=consensus_made(study))
    columns = ["seg_id", "code_id", "kept", "dropped"]
    if keep is None:
        return pd.DataFrame(columns=columns)
    dropped = frame[~keep]
    kept = frame[keep].drop_duplicates(["seg_id", "code_id"]).set_index(["seg_id", "code_id"])["coder"]
    out = dropped.groupby(["seg_id", "code_id"], sort=False, observed=True).size().rename("dropped").reset_index()
    out.insert(2, "kept", kept.reindex(pd.MultiIndex.from_frame(out[["seg_id", "code_id"]])).to_numpy())
    return out[columns]


def row_positions(keys: pd.Series, wanted: pd.Series) -> np.ndarray:
    """The row of ``keys`` holding each value of ``wanted`` (-1 where none does; the first row if repeated).

    Examples
    --------
    >>> import pandas as pd
    >>> row_positions(pd.Series(["a", "b", "a"]), pd.Series(["a", "c", "b"])).tolist()
    [0, -1, 1]
    """
    index = pd.Index(keys)
    if index.is_unique:
        return index.get_indexer(wanted)
    # Repeated ids (a table built by hand or imported with duplicates) must not crash an
    # analysis or count a coding twice: the first row of each id answers for it.
    first = ~index.duplicated()
    positions = index[first].get_indexer(wanted)
    return np.where(positions >= 0, np.flatnonzero(first)[np.maximum(positions, 0)], -1)


def segment_cases(study: Study) -> pd.DataFrame:
    """Whose words each segment is, and when: the case (or cases) and wave every analysis counts it for.

    A segment is its document's case's at its document's wave, except where loading
    attributed its speaker to another of the study's cases (``study.meta["speaker_cases"]``,
    ``{doc_id: {speaker label: case_id or [case_id, …]}}``, decided by :func:`qlr.load` and
    ``study.yaml``'s ``speakers:`` and ``speaker_cases:``): in a conversation with no case
    (a study-level focus group) such a turn is that case's; in a case's own conversation (a
    joint interview) another case's turn is that case's, and the document's case keeps the
    rest; a joint voice ("Dai and Kwame:", "Both:") is each case's it names, at the
    document's wave.  An interviewer's turn (a moderator's question) is never attributed;
    a label mapped to a case the study does not hold (a selection of other cases) is the
    document's in a conversation with no case (no one's), and no one's in a case's own.
    A turn of a role in :data:`NO_CASE_ROLES` (``other``: someone who is no case, as ``speakers: {Carer: other}``
    says) is no one's, in a case's own conversation too: a carer's "I was lonely" is not the patient's.

    Parameters
    ----------
    study : Study

    Returns
    -------
    DataFrame
        One row per segment and case, in ``study.segments``' order (index from 0): ``seg_id``,
        ``doc_id``, ``case_id``, ``wave_id``, ``attributed`` (True where the case is the
        speaker's, not the document's) and ``row`` (the segment's position in
        ``study.segments``).  A joint voice's segment has a row for each case it names, the
        first where every other segment has its one; without one, ``row`` is 0, 1, 2, …

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> study = qlr.Study("s", cases=pd.DataFrame({"case_id": ["C1", "C2"]}), waves=pd.DataFrame({"wave_id": ["W1"]}),
    ...     documents=pd.DataFrame({"doc_id": ["C1_W1", "FG"], "case_id": ["C1", None], "wave_id": ["W1", "W1"],
    ...                             "kind": ["interview", "focus_group"], "text": ["x", "x"]}),
    ...     segments=pd.DataFrame({"seg_id": ["a", "b", "c", "d", "e"], "doc_id": ["C1_W1", "FG", "FG", "FG", "FG"],
    ...                            "start": [0] * 5, "end": [1] * 5, "speaker": ["Ann", "Mod", "Ann", "Bo", "Ann and Bo"],
    ...                            "speaker_role": ["participant", "interviewer", "participant", "participant", "participant"]}),
    ...     meta={"speaker_cases": {"FG": {"Ann": "C1", "Mod": "C2", "Bo": "C2", "Ann and Bo": ["C1", "C2"]}}})
    >>> segment_cases(study)[["seg_id", "case_id", "attributed", "row"]].values.tolist()
    [['a', 'C1', False, 0], ['b', <NA>, False, 1], ['c', 'C1', True, 2], ['d', 'C2', True, 3], ['e', 'C1', True, 4], ['e', 'C2', True, 4]]
    """
    segments, documents = study.segments, study.documents
    position = row_positions(documents["doc_id"], segments["doc_id"])
    missing = position < 0

    def of_document(column: str) -> pd.Series:
        values = documents[column].astype("string").to_numpy() if column in documents else np.full(len(documents), pd.NA, dtype=object)
        picked = pd.array(np.append(values, pd.NA)[np.where(missing, len(values), position)], dtype="string")
        return pd.Series(picked, dtype="string")

    case, wave = of_document("case_id"), of_document("wave_id")
    attributed = np.zeros(len(segments), dtype=bool)
    further: list[tuple[int, str]] = []  # (segment row, case) for each further case a joint voice names
    mapping = study.meta.get("speaker_cases") or {}
    if mapping and len(segments):
        known = set(study.cases["case_id"].astype(str))
        pairs: dict[tuple[str, str], list[str]] = {}
        for doc, labels in mapping.items():
            if isinstance(labels, dict):
                for label, whose in labels.items():
                    pairs[(str(doc), str(label))] = [str(c) for c in whose] if isinstance(whose, list) else [str(whose)]
        if pairs:
            doc_ids = segments["doc_id"].astype(str).to_numpy()
            speakers = segments["speaker"].astype("string").fillna("").to_numpy()
            asking = segments["speaker_role"].isin(list(NOT_EVIDENCE_ROLES)).fillna(False).to_numpy(dtype=bool)
            maybe = np.flatnonzero(~missing & ~asking & segments["doc_id"].astype(str).isin({doc for doc, _ in pairs}).to_numpy(dtype=bool))
            for row in maybe:
                whose = pairs.get((doc_ids[row], str(speakers[row])))
                if whose is None:
                    continue
                owner = case.iat[row]
                held = [c for c in dict.fromkeys(whose) if c in known]
                if pd.isna(owner):
                    if held:
                        case.iat[row] = held[0]
                        attributed[row] = True
                        further += [(row, c) for c in held[1:]]
                    continue
                # A case's own conversation: the document's case first where the voice is its too, then the others'.
                held = ([str(owner)] if str(owner) in held else []) + [c for c in held if c != str(owner)]
                if not held:
                    case.iat[row] = pd.NA  # another case's turn, that case not held here: no one's, never the document's
                    continue
                case.iat[row] = held[0]
                attributed[row] = held[0] != str(owner)
                further += [(row, c) for c in held[1:]]
    if "speaker_role" in segments and len(segments):
        # Someone said to be no case (``speakers: {Carer: other}``) speaks for no case, in a case's own interview too.
        nobody = no_case_turns(segments) & ~attributed
        if nobody.any():
            case = case.mask(pd.Series(nobody, index=case.index))
    frame = pd.DataFrame(
        {
            "seg_id": segments["seg_id"].to_numpy(),
            "doc_id": segments["doc_id"].to_numpy(),
            "case_id": case,
            "wave_id": wave,
            "attributed": attributed,
            "row": np.arange(len(segments), dtype="int64"),
        }
    )
    if not further:
        return frame
    rows = np.array([row for row, _ in further], dtype="int64")
    extra = frame.iloc[rows].assign(case_id=pd.array([c for _, c in further], dtype="string"), attributed=True)
    return pd.concat([frame, extra], ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)


def coding_cases(study: Study, codings: pd.DataFrame) -> pd.DataFrame:
    """The case and wave each coding counts for: its segment's (:func:`segment_cases`), else its document's.

    A coding on a joint voice's turn ("Dai and Kwame:") counts for each case the turn names, once each.

    Parameters
    ----------
    study : Study
    codings : DataFrame
        Rows of ``study.codings`` (``doc_id``, ``seg_id``).

    Returns
    -------
    DataFrame
        ``case_id``, ``wave_id``, ``attributed`` and ``row`` (the coding's position in ``codings``), one row per
        coding and case, with the codings' index: a coding of a joint voice's turn has a row for each case, so its
        index repeats (:func:`each_case` gives the codings so repeated).

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> coding_cases(study, study.codings.head(0)).columns.tolist()
    ['case_id', 'wave_id', 'attributed', 'row']
    """
    per_segment = segment_cases(study)
    first = per_segment.drop_duplicates("row") if len(per_segment) > len(study.segments) else per_segment
    at = row_positions(first["seg_id"], codings["seg_id"])
    on_segment = at >= 0
    case = pd.array(np.append(first["case_id"].to_numpy(dtype=object), pd.NA)[np.where(on_segment, at, len(first))], dtype="string")
    wave = pd.array(np.append(first["wave_id"].to_numpy(dtype=object), pd.NA)[np.where(on_segment, at, len(first))], dtype="string")
    attributed = np.append(first["attributed"].to_numpy(dtype=bool), False)[np.where(on_segment, at, len(first))]
    if not on_segment.all():  # a coding outside every segment: its document's case and wave
        documents = study.documents.drop_duplicates("doc_id").set_index("doc_id")
        lost = ~on_segment
        case[lost] = pd.array(codings["doc_id"][lost].map(documents["case_id"]).astype("string"), dtype="string")
        wave[lost] = pd.array(codings["doc_id"][lost].map(documents["wave_id"]).astype("string"), dtype="string")
    frame = pd.DataFrame({"case_id": case, "wave_id": wave, "attributed": attributed, "row": np.arange(len(codings), dtype="int64")}, index=codings.index)
    if len(first) == len(per_segment) or not len(codings):
        return frame
    # A joint voice's further cases: one more row for each, after the coding's first.
    more = per_segment[per_segment["row"].duplicated(keep="first")]
    seg_of = pd.Series(np.arange(len(first)), index=first["seg_id"].to_numpy())
    joined = pd.DataFrame({"seg": np.where(on_segment, at, -1), "row": np.arange(len(codings))}).merge(
        pd.DataFrame({"seg": seg_of.reindex(more["seg_id"]).to_numpy(), "case_id": more["case_id"].to_numpy(), "wave_id": more["wave_id"].to_numpy()}),
        on="seg",
    )
    if joined.empty:
        return frame
    extra = pd.DataFrame(
        {"case_id": pd.array(joined["case_id"], dtype="string"), "wave_id": pd.array(joined["wave_id"], dtype="string"), "attributed": True, "row": joined["row"].to_numpy(dtype="int64")},
        index=codings.index[joined["row"].to_numpy()],
    )
    return pd.concat([frame, extra]).sort_values("row", kind="stable")


def no_case_turns(segments: pd.DataFrame) -> np.ndarray:
    """Which segments are turns of someone who is no case (a role in :data:`NO_CASE_ROLES`), as a boolean array.

    Parameters
    ----------
    segments : pandas.DataFrame
        A study's segments (or some of them); not changed. Without a ``speaker_role`` column none is.

    Returns
    -------
    numpy.ndarray
        One bool per row of ``segments``, in order.
    """
    if "speaker_role" not in segments:
        return np.zeros(len(segments), dtype=bool)
    return segments["speaker_role"].isin(list(NO_CASE_ROLES)).fillna(False).to_numpy(dtype=bool)


#: Words of a speaker label naming someone who relays a participant's words in another language ("Interpreter:",
#: "Translator 2:", "Arabic interpreter:"). "INT" is not one: transcripts use it for the interviewer.
RELAYING_WORDS = frozenset({"interpreter", "interpreters", "interpreting", "translator", "translators"})


def relays(label: object) -> bool:
    """Whether a speaker label names an interpreter or a translator (:data:`RELAYING_WORDS`).

    Parameters
    ----------
    label : str
        A turn's speaker label; anything else (a missing label) is no interpreter's.

    Returns
    -------
    bool

    Examples
    --------
    >>> relays("Interpreter"), relays("Translator 2"), relays("Amina's interpreter"), relays("INT"), relays(None)
    (True, True, True, False, False)
    """
    if not isinstance(label, str):
        return False
    return not RELAYING_WORDS.isdisjoint(re.findall(r"[a-z]+", label.lower()))


def relayed_turns(segments: pd.DataFrame) -> np.ndarray:
    """Which segments are an interpreter's rendering of a participant's answers, as a boolean array.

    The one decision of which turns are relayed: a participant's turn (role ``participant``, so counting as
    the case's words) whose speaker label names an interpreter or a translator (:func:`relays`; ``speakers:
    {Interpreter: participant}`` in ``study.yaml`` says so explicitly). The evidence trail marks it
    ``interpreted``; with a codebook's ``relay`` row the rule coder judges it as the participant's own words in the
    interpreter's frame ("She says we run it" is the participant's "we run it"; :data:`qlr.code._assertion.RELAYED`). An interpreter
    mapped to ``other`` or ``interviewer`` is no participant's, so not relayed.

    Parameters
    ----------
    segments : pandas.DataFrame
        A study's segments (or some of them); not changed. Without ``speaker`` and ``speaker_role`` columns none is.

    Returns
    -------
    numpy.ndarray
        One bool per row of ``segments``, in order.

    Examples
    --------
    >>> import pandas as pd
    >>> turns = pd.DataFrame({"speaker": ["Interviewer", "Interpreter", "Amina", "Interpreter"],
    ...                       "speaker_role": ["interviewer", "participant", "participant", "other"]})
    >>> relayed_turns(turns).tolist()
    [False, True, False, False]
    """
    if "speaker" not in segments or "speaker_role" not in segments or not len(segments):
        return np.zeros(len(segments), dtype=bool)
    number, labels = pd.factorize(segments["speaker"].astype("object"))  # each label read once
    # A missing label (-1) is no one's; dtype bool for a study with no label at all (an empty list is floats).
    named = np.append(np.array([relays(label) for label in labels], dtype=bool), False)[number]
    return named & segments["speaker_role"].eq("participant").fillna(False).to_numpy(dtype=bool)


def researchers_accounts(study: Study) -> np.ndarray:
    """Which segments are the researcher's account of the people (field notes, the team's summary), as a boolean array.

    The one decision of which passages the trail calls the researcher's: segments of the role ``observer`` (a field
    note's entries, the paragraphs of the team's summary of an interview, ``P03_summary.md``, read so by the loader;
    a document ``study.yaml`` gives an ``observer:``) in a document that is not the case's own diary or messages, whose
    entries are the writer's own words. Rule coding judges these as an observer's account (the people described are
    the case, :data:`qlr.code._assertion` ``observed``). A field note's entry counts on a ladder as the participant's
    turn does, and the evidence trail says "researcher's account" beside it; a summary's paragraph
    (:func:`summary_paragraphs`) is the analyst's restating of the interview, shown but not counted by default.

    Parameters
    ----------
    study : Study
        A loaded study; not changed.

    Returns
    -------
    numpy.ndarray
        One bool per row of ``study.segments``, in order.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> notes = researchers_accounts(study)
    >>> sorted(set(study.segments.loc[notes, "doc_id"]))[:1], sorted(set(study.segments.loc[notes, "speaker_role"]))
    (['W1_fieldnotes'], ['observer'])
    """
    from .io._segment import MESSAGE_KINDS

    segments = study.segments
    if "speaker_role" not in segments or not len(segments):
        return np.zeros(len(segments), dtype=bool)
    own = set(study.documents.loc[study.documents["kind"].astype("string").str.lower().isin(["diary", *MESSAGE_KINDS]).fillna(False), "doc_id"])
    return (segments["speaker_role"].eq("observer").fillna(False) & ~segments["doc_id"].isin(own)).to_numpy(dtype=bool)


def summary_paragraphs(study: Study) -> np.ndarray:
    """Which segments are a paragraph of the team's summary of an interview, as a boolean array.

    The one decision of which passages are the researcher's summary rather than their record: a researcher's account
    (:func:`researchers_accounts`) in a document the loader read as the team's summary (its kind ``summary`` or
    ``interview_summary``, or a ``document`` whose file name says summary, ``P03_W1_summary.md``:
    :func:`qlr.io._build.researchers_summary`, the loader's own rule). A summary restates an interview the study
    already holds, so a coding there is the analyst's reading of evidence counted once already: :func:`qlr.track.ladder`
    keeps it in the trail, marked, but weighs it by ``summary_weight`` (0 by default, so it adds neither weight nor a
    passage). Field notes and observations (``observation``, ``fieldnotes``, ``notes``) are the researcher's record of
    what happened, data of their own: none of their entries is a summary's. A summary ``study.yaml`` gives
    ``segment: paragraphs`` (the person's own words), or an ``observer:`` whose voice ``speakers:`` makes a
    participant's, is no researcher's account, so none of its paragraphs is either.

    Parameters
    ----------
    study : Study
        The study whose segments are asked about (left as it is).

    Returns
    -------
    numpy.ndarray
        True where a row of ``study.segments`` (in their order) is a paragraph of a summary.

    Examples
    --------
    >>> import qlr
    >>> sample = qlr.load("data/sample")  # field notes, and no summary
    >>> int(researchers_accounts(sample).sum()) > 0, int(summary_paragraphs(sample).sum())
    (True, 0)
    """
    from .io._build import summary_by_name

    accounts = researchers_accounts(study)
    if not accounts.any():
        return accounts
    documents = study.documents
    sources = documents["source"] if "source" in documents else pd.Series(pd.NA, index=documents.index)
    # The loader's rule, asked of each document as its entry would have said it (the kind and the file's name); the
    # entry's segment: and observer: choices already show in the roles researchers_accounts reads.
    summaries = {
        doc_id
        for doc_id, kind, source in zip(documents["doc_id"], documents["kind"], sources)
        if summary_by_name(source if isinstance(source, str) and source else str(doc_id), kind if isinstance(kind, str) else "")
    }
    return accounts & study.segments["doc_id"].isin(summaries).to_numpy(dtype=bool)


def speakers_decide(study: Study) -> bool:
    """Whether some segment's case is not simply its document's (:func:`segment_cases`).

    It is so where a speaker is attributed to a case (``meta["speaker_cases"]``) or a turn is of a
    role in :data:`NO_CASE_ROLES`. Where neither, every analysis reads a coding's case from its
    document, with no segment read.

    Parameters
    ----------
    study : Study
        The study to look at; it is not changed.

    Returns
    -------
    bool
        True when the analyses must read each coding's case through its segment.
    """
    if study.meta.get("speaker_cases"):
        return True
    return bool(no_case_turns(study.segments).any())


def each_case(study: Study, codings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """``codings`` with a row for each case each counts for, and their :func:`coding_cases`, aligned and numbered from 0.

    A coding of a joint voice's turn is repeated, once per case it names; every other coding is as it was. Each case
    so counts the passage once, and no case twice. In a study where no speaker decides (:func:`speakers_decide`)
    every coding is its document's: ``codings`` as given, and None.

    Parameters
    ----------
    study : Study
    codings : DataFrame
        Rows of ``study.codings``.

    Returns
    -------
    tuple of DataFrame
        The codings (a joint voice's repeated) and their cases (:func:`coding_cases`, ``row`` numbering them), or
        ``codings`` and None.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> codings, whose = each_case(study, study.codings)
    >>> whose is None and len(codings) == len(study.codings)
    True
    """
    if not speakers_decide(study):
        return codings, None
    whose = coding_cases(study, codings)
    if len(whose) == len(codings):
        return codings, whose
    return codings.iloc[whose["row"].to_numpy()].reset_index(drop=True), whose.reset_index(drop=True).assign(row=np.arange(len(whose)))


def _question_turns(segments: pd.DataFrame) -> pd.DataFrame:
    """The segments of a role in :data:`NOT_EVIDENCE_ROLES` (interviewers' turns)."""
    return segments.loc[segments["speaker_role"].isin(list(NOT_EVIDENCE_ROLES)).fillna(False).to_numpy(dtype=bool)]


def on_question_turns(study: Study, codings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Settled codings that do not count because their segment is an interviewer's turn.

    The evidence rule (:func:`counted`) reads participants' words; a project whose
    researcher coded a chair's or moderator's own views (labelled ``Moderator:``,
    read as the interviewer) loses those codings from every table. This says how
    many, and under which speaker labels, so a report can name them and the fix.

    Parameters
    ----------
    study : Study
    codings : DataFrame, optional
        Rows of ``study.codings`` to look at (e.g. one codebook's); all by default.

    Returns
    -------
    DataFrame
        One row per speaker label: ``speaker``, ``speaker_role`` and ``codings``,
        most codings first; empty when every coding is on a participant's words.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> on_question_turns(study).empty   # the sample's researchers coded answers only
    True
    """
    codings = study.codings if codings is None else codings
    asking = _question_turns(study.segments)[["seg_id", "speaker", "speaker_role"]]
    hit = codings.loc[counted(codings), ["seg_id"]].merge(asking, on="seg_id")
    if hit.empty:
        return pd.DataFrame({"speaker": pd.Series(dtype=object), "speaker_role": pd.Series(dtype=object), "codings": pd.Series(dtype="int64")})
    found = hit.groupby(["speaker", "speaker_role"], dropna=False).size().rename("codings").reset_index()
    return found.sort_values(["codings", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)


def training_codings(codings: pd.DataFrame) -> pd.DataFrame:
    """The codings a code suggester learns from: settled codings a person made or accepted.

    A person's codings (:data:`PERSON_ORIGINS`) and suggestions a person
    accepted; never the rules' codings (the model would learn the rules back)
    nor pending or rejected suggestions.

    Parameters
    ----------
    codings : DataFrame
        Rows of ``study.codings`` (``origin`` and ``status`` are read).

    Returns
    -------
    DataFrame
        The learnable rows, their index unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"origin": ["human", "rules", "model", "model", "import"],
    ...                         "status": [None, None, "accepted", "rejected", None]})
    >>> training_codings(codings)["origin"].tolist()
    ['human', 'model', 'import']
    """
    accepted = (codings["status"].astype(object) == "accepted").to_numpy(dtype=bool)
    return codings[(by_person(codings) | accepted) & counted(codings)]


def one_coder_per_passage(codings: pd.DataFrame, *, consensus: Collection[str] = ("consensus",)) -> pd.DataFrame:
    """Keep one coder's codings for each segment and code, so double coding is not counted twice.

    When two researchers (or a researcher and the rules) apply the same code to
    the same segment, evidence and counts would otherwise double.  For each
    segment × code the codings of one coder are kept: a person's before the
    rules' before a model's (:data:`ORIGIN_PRIORITY`), a consensus before
    individual coders, then the first coder by name.  Codings outside any
    segment are kept.

    Parameters
    ----------
    codings : DataFrame
        ``seg_id``, ``code_id``, ``coder`` and ``origin`` of each coding.
    consensus : collection of str, default ("consensus",)
        The coders that are a consensus of others' codings.  :func:`evidence`
        passes those the study's log records (:meth:`qlr.Study.consensus`, under
        whatever name it was made), as :func:`qlr.code.coder_pairs` reads them.

    Returns
    -------
    DataFrame
        The rows kept (renumbered from 0 when any was dropped).

    Examples
    --------
    >>> import pandas as pd
    >>> codings = pd.DataFrame({"seg_id": ["s1", "s1", "s1", "s2"], "code_id": ["a", "a", "a", "a"],
    ...                         "coder": ["so", "rm", "rules", "rules"], "origin": ["human", "human", "rules", "rules"]})
    >>> one_coder_per_passage(codings)["coder"].tolist()
    ['rm', 'rules']
    """
    frame, keep = _one_coder_kept(codings, consensus=consensus)
    return codings if keep is None else frame[keep]


def _one_coder_kept(codings: pd.DataFrame, *, consensus: Collection[str]) -> tuple[pd.DataFrame, np.ndarray | None]:
    """:func:`one_coder_per_passage`'s rule: the codings renumbered and the mask of those kept (None: all are)."""
    if codings.empty or codings["coder"].nunique(dropna=False) <= 1:
        return codings, None
    frame = codings.reset_index(drop=True)
    # Each passage (segment × code) as one integer, so counting and ranking sort
    # numbers rather than strings (this runs on every analysis of a large study).
    segment, _ = pd.factorize(frame["seg_id"])
    code, code_values = pd.factorize(frame["code_id"])
    located = np.flatnonzero((segment >= 0) & (code >= 0))  # a coding outside a segment is kept
    passage = segment[located].astype(np.int64) * (len(code_values) + 1) + code[located]
    _, inverse, sizes = np.unique(passage, return_inverse=True, return_counts=True)
    several = sizes[inverse] > 1
    if not several.any():
        return codings, None
    contested, passage = located[several], passage[several]
    rows = frame.iloc[contested]
    origin_rank = rows["origin"].astype(object).map(ORIGIN_PRIORITY).fillna(len(ORIGIN_PRIORITY)).to_numpy()
    not_consensus = ~rows["coder"].astype(object).isin(list(consensus)).to_numpy(dtype=bool)
    coder_rank, _ = pd.factorize(rows["coder"].astype(object).fillna(""), sort=True)
    # Within each passage: a person's before the rules' before a model's, consensus first, then by name.
    order = np.lexsort((coder_rank, not_consensus, origin_rank, passage))
    ranked = passage[order]
    first = np.r_[True, ranked[1:] != ranked[:-1]]
    winner = coder_rank[order][first][np.searchsorted(ranked[first], passage)]
    keep = np.ones(len(frame), dtype=bool)
    keep[contested] = coder_rank == winner
    return frame, keep


def pick_codebook(study: Study, codebook: Any = None, *, need_ladder: bool = False) -> Codebook:
    """The codebook an analysis works with: the one given, or the study's only (laddered) one.

    Parameters
    ----------
    study : Study
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or path.
    need_ladder : bool
        Choose among the study's codebooks that have a ladder.

    Returns
    -------
    Codebook

    Raises
    ------
    qlr.errors.SelectionError
        When none was given and the study has none, or several, to choose from.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> qlr.evidence.pick_codebook(study).id
    'coproduction'
    """
    from .codebook import Codebook, read_codebook

    if codebook is not None:
        if isinstance(codebook, Codebook):
            chosen = codebook
        elif isinstance(codebook, str) and codebook in study.codebooks:
            chosen = study.codebooks[codebook]
        else:
            chosen = read_codebook(codebook, held=study.codebooks)  # its error lists the study's codebooks too
        if need_ladder and getattr(chosen, "ladder", None) is None:
            # An imported project's codes (NVivo's, qc's) place no one by themselves: a crosswalk says what each tells.
            laddered = [cb.id for cb in study.codebooks.values() if getattr(cb, "ladder", None) is not None]
            raise SelectionError(
                f"codebook {chosen.id!r} has no ladder, so it places no case"
                + (f" (the study's codebooks with one: {', '.join(laddered)})" if laddered else ""),
                hint="name a codebook with a ladder (codebook='coproduction'), or place your own codes through a crosswalk "
                "(qlr.codebook.read_crosswalk, --crosswalk FILE; docs/crosswalk.md)",
            )
        return chosen
    candidates = [cb for cb in study.codebooks.values() if isinstance(cb, Codebook) and (cb.ladder is not None or not need_ladder)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        what = "codebook with a ladder" if need_ladder else "codebook"
        own = [cb.id for cb in study.codebooks.values() if isinstance(cb, Codebook)] if need_ladder else []
        if own:
            # An imported project's own codes (NVivo's): the reason there is no ladder, and the way to place with them.
            raise SelectionError(
                f"no {what} has been applied to the study: the study's codebook {', '.join(own)} has no ladder",
                hint="place cases from your own codes through a crosswalk to ladder levels (qlr.codebook.read_crosswalk, "
                "--crosswalk FILE; docs/crosswalk.md), or code with one that has a ladder (--codebook coproduction; in "
                "Python study.apply('coproduction') or codebook=)",
            )
        raise SelectionError(f"no {what} has been applied to the study", hint="on the command line give one: --codebook coproduction (or a codebook file); in Python apply one first (study.apply('coproduction')) or pass codebook=")
    names = ", ".join(cb.id for cb in candidates)
    which = " or ".join(f"codebook={cb.id!r}" for cb in candidates[:3])
    raise SelectionError(
        f"the study has several codebooks{' with a ladder' if need_ladder else ''} ({names})",
        hint=f"pass {which}{' (or another)' if len(candidates) > 3 else ''} to choose one (on the command line, --codebook {candidates[0].id})",
    )


def not_coded_documents(study: Study, codebook: Codebook) -> frozenset[str]:
    """The documents of a pooled study whose own part was never coded with ``codebook``: the one reading of "not coded".

    In a study :func:`qlr.concat` pooled, a part (a study pooled, the ``study`` column of its documents) whose log
    shows no application of the codebook and that has no coding the codebook reads (:func:`in_codebook`: a
    person's, an import's) was not coded with it, unless the codebook was applied to the pooled study afterwards
    (every document coded then).  A part the codebook was applied to and found nothing in is coded: its zeros are
    absences.  The decision is the part's, so it holds for each document of it: with ``cases="shared"`` (the same
    people's next wave, loaded as plain transcripts) a case's waves from a hand-coded project are coded with its
    codebook and the waves the new transcripts brought are not (:func:`not_coded_waves`).  A framework chart's codebook
    (``study.meta["charted"]``, read from charts under ``codings:``) coded only the documents of the case × waves the
    chart has rows for: a chart of the first wave did not code the second.  Any other study that is not pooled has none.

    Parameters
    ----------
    study : Study
    codebook : Codebook

    Returns
    -------
    frozenset of str
        Document ids.

    Examples
    --------
    The rules coded a case's first two waves; its third came later, as a transcript only:

    >>> import qlr, warnings
    >>> early = sample.sel(case="C01", wave=["W1", "W2"]).apply("coproduction", progress=False)
    >>> later = sample.sel(case="C01", wave="W3")  # sample = qlr.load("data/sample")
    >>> later.name, later.codings = "wave 3", later.codings.iloc[:0]
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the pooling warning names 'wave 3'
    ...     both = qlr.concat([early, later], cases="shared", waves="id")
    >>> sorted(qlr.evidence.not_coded_documents(both, both.codebooks["coproduction"]))
    ['C01_W3_interview']
    >>> qlr.evidence.not_coded_waves(both, both.codebooks["coproduction"]).values.tolist()
    [['C01', 'W3', 'wave 3']]
    """
    documents = study.documents
    charted = charted_documents(study, codebook.id)
    uncharted = frozenset(documents["doc_id"].astype(str)) - charted if charted is not None else frozenset()
    parts = _uncoded_parts(study, codebook)
    if parts is None:
        return uncharted
    column, left = parts
    return uncharted | frozenset(documents["doc_id"][left(documents[column])].astype(str))


def charted_documents(study: Study, codebook: str) -> frozenset[str] | None:
    """The documents a framework chart's codebook (id ``codebook``) coded, or None where it is no chart's or coded them all.

    A chart read under ``codings:`` coded the documents of the case × waves it has a row for (``study.meta["charted"]``,
    ``{codebook id: [doc_id, …]}``); applied to the study since, the codebook coded every document.  In a study
    :func:`qlr.concat` pooled the record holds each part's: a charted part's documents it covers, and every document of
    a part no chart of it limits (whose coverage is the part's own, :func:`not_coded_documents`); an application made
    to a part before pooling is in that record already, one made to the pooled study covers it all.

    Parameters
    ----------
    study : Study
        A study loaded with a chart under ``codings:``, or pooled from one.
    codebook : str
        The id of the codebook the chart's sub-themes made (``framework_w1``).

    Returns
    -------
    frozenset of str or None
        The ids of the documents it coded; None: every document (no chart's, or applied since).

    Examples
    --------
    >>> import qlr
    >>> study = qlr.Study("s", meta={"charted": {"chart": ["P01_W1"]}})
    >>> sorted(charted_documents(study, "chart")), charted_documents(study, "coproduction")
    (['P01_W1'], None)
    """
    charted = (study.meta.get("charted") or {}).get(codebook)
    if charted is None:
        return None
    pooled = study.meta.get("pooled")
    column = pooled.get("column", "study") if isinstance(pooled, dict) else None
    # Applied to this study itself (no part's label in the log's entry) since it was charted: every document coded.
    if any(column is None or logged.get(column) is None for logged in codebook_applications(study, codebook)):
        return None
    return frozenset(str(doc) for doc in charted)


def not_coded_waves(study: Study, codebook: Codebook) -> pd.DataFrame:
    """Each case × wave of a pooled study whose words all come from documents never coded with ``codebook``.

    The case × waves :func:`case_wave_coverage` reads as :data:`NOT_CODED`. A case is seen at a wave through its
    documents there and its turns in conversations with no case (:meth:`Study.attrition`); where every one of those
    documents is in :func:`not_coded_documents`, the case × wave is not coded: the analyses (:func:`qlr.track.matrix`, :func:`~qlr.track.change`,
    :func:`~qlr.track.ladder`, the portraits, the report) read it as :data:`NOT_CODED`, never as an absence.  Where
    one of them was coded, what was found there is what was found.

    Parameters
    ----------
    study : Study
        A study; only one :func:`qlr.concat` pooled has any.
    codebook : Codebook
        The codebook whose coverage is read.

    Returns
    -------
    DataFrame
        ``case_id``, ``wave_id`` and ``study`` (the part, or parts joined by ``", "``, whose documents they are), in
        the order of the study's cases and waves; empty where every case × wave was coded.

    Examples
    --------
    A study of its own has none:

    >>> import qlr
    >>> qlr.evidence.not_coded_waves(sample, qlr.read_codebook("coproduction")).shape  # sample = qlr.load("data/sample")
    (0, 3)

    :func:`not_coded_documents` shows a pooled one.
    """
    return _waves_by_coverage(study, codebook, partly=False)


def partly_coded_waves(study: Study, codebook: Codebook) -> pd.DataFrame:
    """Each case × wave of a pooled study with words from documents coded with ``codebook`` and from documents never
    coded with it (:func:`not_coded_documents`): the same person's interview from a hand-coded project and their diary
    of that wave loaded as plain text, pooled with ``cases="shared"``.

    The case × waves :func:`case_wave_coverage` reads as :data:`PARTLY_CODED`. What the coded documents found there
    counts; a code they did not find is no absence, as the rest of the case's
    words there were never read for it: the matrix gives that code :data:`PARTLY_CODED` (no value), so
    :func:`qlr.track.change` reads the wave as missing for it and :func:`qlr.track.ladder` places the case × wave only
    on evidence found (none: missing, :data:`PARTLY_CODED`). :func:`qlr.concat` warns of them.

    Parameters
    ----------
    study : Study
        Pooled with ``cases="shared"`` (a study of its own, or pooled apart, has none).
    codebook : Codebook
        Whose coverage of each case × wave is read.

    Returns
    -------
    DataFrame
        ``case_id``, ``wave_id``, ``study`` (whose documents there the codebook never coded; several parts joined
        by ``", "``), ordered as the study's cases and waves; no rows where nothing is partly coded.

    Examples
    --------
    Case C01's first wave coded by the rules, and a second document of that wave (a copy of its interview, loaded as
    a plain transcript by another study) never coded:

    >>> import qlr, warnings
    >>> coded = sample.sel(case="C01", wave="W1").apply("coproduction", progress=False)  # sample = qlr.load("data/sample")
    >>> more = sample.sel(case="C01", wave="W1")
    >>> more.name, more.codings = "diaries", more.codings.iloc[:0]
    >>> more.documents["doc_id"] = "C01_W1_diary"
    >>> more.segments["doc_id"] = "C01_W1_diary"
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the pooling warnings name 'diaries'
    ...     both = qlr.concat([coded, more], cases="shared", waves="id")
    >>> qlr.evidence.partly_coded_waves(both, both.codebooks["coproduction"]).values.tolist()
    [['C01', 'W1', 'diaries']]
    >>> qlr.evidence.not_coded_waves(both, both.codebooks["coproduction"]).empty
    True
    """
    return _waves_by_coverage(study, codebook, partly=True)


def case_wave_coverage(study: Study, codebook: Codebook) -> pd.DataFrame:
    """How much of each case × wave's words ``codebook`` read: :data:`CODED`, :data:`PARTLY_CODED` or :data:`NOT_CODED`.

    The one decision every analysis reads a case × wave's coverage from (:func:`qlr.track.matrix`,
    :func:`~qlr.track.ladder`, :func:`~qlr.track.change`, :func:`~qlr.track.sequences`, the portraits, the report and
    the plots). A case has words at a wave through its documents there and its turns in conversations with no case
    (as :meth:`Study.attrition` sees it present); each of those documents was coded with the codebook or is in
    :func:`not_coded_documents` (a pooled study's part never coded with it):

    ===================  ====================================  ==============================================
    coverage             the case's documents there            what a cell of it shows (:func:`coverage_reason`)
    ===================  ====================================  ==============================================
    :data:`CODED`        every one coded                       what was found; a code not found is an absence (0)
    :data:`PARTLY_CODED` some coded, some never               what was found counts; a code not found has no
                                                               value, reason :data:`PARTLY_CODED`
    :data:`NOT_CODED`    none coded                            no value, reason :data:`NOT_CODED`
    ===================  ====================================  ==============================================

    A study that is not pooled (or a pool the codebook was applied to afterwards) is :data:`CODED` everywhere.

    Parameters
    ----------
    study : Study
    codebook : Codebook
        The codebook whose coverage is read.

    Returns
    -------
    DataFrame
        One row per case × wave where the case has words (a wave it missed has none: :meth:`Study.attrition` says
        why), in the order of the study's cases and waves: ``case_id``, ``wave_id``, ``coverage`` and ``study`` (the
        parts, joined by ``", "``, whose documents there the codebook never coded; missing where it coded them all).

    Examples
    --------
    Case C01's first wave coded by the rules and brought again, with its second wave, by a study never coded:

    >>> import qlr, warnings
    >>> coded = sample.sel(case="C01", wave="W1").apply("coproduction", progress=False)  # sample = qlr.load("data/sample")
    >>> more = sample.sel(case="C01", wave=["W1", "W2"])
    >>> more.name, more.codings = "diaries", more.codings.iloc[:0]
    >>> more.documents["doc_id"] = more.documents["doc_id"] + "_diary"
    >>> more.segments["doc_id"] = more.segments["doc_id"] + "_diary"
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the pooling warnings name 'diaries'
    ...     both = qlr.concat([coded, more], cases="shared", waves="id")
    >>> qlr.evidence.case_wave_coverage(both, both.codebooks["coproduction"]).values.tolist()
    [['C01', 'W1', 'partly coded', 'diaries'], ['C01', 'W2', 'not coded', 'diaries']]
    >>> qlr.evidence.case_wave_coverage(coded, coded.codebooks["coproduction"]).values.tolist()
    [['C01', 'W1', 'coded', <NA>]]
    """
    uncoded = not_coded_documents(study, codebook)
    documents = study.documents
    # Where a case has words at a wave, as attrition reads it: its own documents, its attributed turns elsewhere.
    sources = documents.loc[(documents["n_words"].fillna(0) > 0).to_numpy(dtype=bool), ["doc_id", "case_id", "wave_id"]]
    if study.meta.get("speaker_cases"):
        whose = segment_cases(study)
        spoke = whose["attributed"].to_numpy(dtype=bool) & (study.segments["n_words"].fillna(0).to_numpy() > 0)[whose["row"].to_numpy()]
        sources = pd.concat([sources, whose.loc[spoke, ["doc_id", "case_id", "wave_id"]]], ignore_index=True)
    sources = sources.dropna(subset=["case_id", "wave_id"]).astype({"doc_id": str, "case_id": str, "wave_id": str})
    unread = sources["doc_id"].isin(uncoded).to_numpy(dtype=bool) | _uncharted_speakers(study, codebook, sources)
    if not unread.any():
        joined = sources[["case_id", "wave_id"]].drop_duplicates().assign(coverage=CODED, study=pd.NA)
    else:
        pooled = study.meta.get("pooled")
        column = pooled.get("column", "study") if isinstance(pooled, dict) else None
        # The part whose documents they are (a pooled study's); a chart's uncharted documents are the study's own: none.
        parts = documents.drop_duplicates("doc_id").set_index("doc_id")[column].astype("string") if column in documents.columns else pd.Series(dtype="string")
        sources = sources.assign(_unread=unread, _read=~unread, study=sources["doc_id"].map(parts).where(unread))
        joined = sources.groupby(["case_id", "wave_id"], sort=False).agg(
            _unread=("_unread", "any"), _read=("_read", "any"), study=("study", lambda names: ", ".join(dict.fromkeys(names.dropna())) or pd.NA)
        ).reset_index()
        read, left = joined["_read"].to_numpy(dtype=bool), joined["_unread"].to_numpy(dtype=bool)
        joined = joined.assign(coverage=np.where(~left, CODED, np.where(read, PARTLY_CODED, NOT_CODED)))[["case_id", "wave_id", "coverage", "study"]]
    case_order = pd.Index(study.cases["case_id"].astype(str)).get_indexer(joined["case_id"])
    wave_order = pd.Index(study.waves["wave_id"].astype(str)).get_indexer(joined["wave_id"])
    joined = joined.assign(_c=case_order, _w=wave_order).sort_values(["_c", "_w"], kind="stable").drop(columns=["_c", "_w"])
    return joined.astype({"case_id": "string", "wave_id": "string", "coverage": "string", "study": "string"}).reset_index(drop=True)


def _uncharted_speakers(study: Study, codebook: Codebook, sources: pd.DataFrame) -> np.ndarray:
    """Which of ``sources`` (doc_id, case_id: a case's words in a document) are a case's turns in a conversation a
    framework chart reached through other speakers' rows only (``study.meta["charted_cases"]``: a focus group charted
    for P01, where P02 speaks too): not coded with the chart's codebook, as the case has no row there. A document's own
    case is its document's; the record holds while the codebook was not applied since (:func:`charted_documents`)."""
    limited = (study.meta.get("charted_cases") or {}).get(codebook.id)
    if not limited or charted_documents(study, codebook.id) is None:
        return np.zeros(len(sources), dtype=bool)
    owner = {str(doc): None if pd.isna(case) else str(case) for doc, case in zip(study.documents["doc_id"], study.documents["case_id"])}
    return np.array(
        [doc in limited and case != owner.get(doc) and case not in limited[doc] for doc, case in zip(sources["doc_id"], sources["case_id"])], dtype=bool
    )


def coverage_reason(coverage: Any, found: Any) -> np.ndarray:
    """Why a cell has no value, from its case × wave's coverage (:func:`case_wave_coverage`) and whether something was
    found there: :data:`NOT_CODED` always, :data:`PARTLY_CODED` where nothing was found, None otherwise (a coded cell,
    or a partly coded one where something was found, shows what was found).

    The matrix asks it of each code's count, the ladder of each facet's evidence, the sequences of each placement's
    reason: one rule for what "not coded / partly coded / coded" means for a cell.

    Parameters
    ----------
    coverage : array-like of str
        Each cell's coverage, or any other state (an attrition state, ``present``), which gives None.
    found : array-like of bool, or bool
        Whether something was found in each cell.

    Returns
    -------
    numpy.ndarray
        One reason or None per cell (dtype object).

    Examples
    --------
    >>> coverage_reason(["coded", "partly coded", "partly coded", "not coded", "missed"], [False, True, False, True, False]).tolist()
    [None, None, 'partly coded', 'not coded', None]
    """
    coverage = np.asarray(pd.Series(coverage, dtype="object").fillna("").to_numpy(), dtype=object)
    found = np.broadcast_to(np.asarray(found, dtype=bool), coverage.shape)
    reason = np.full(coverage.shape, None, dtype=object)
    reason[coverage == NOT_CODED] = NOT_CODED
    reason[(coverage == PARTLY_CODED) & ~found] = PARTLY_CODED
    return reason


def _waves_by_coverage(study: Study, codebook: Codebook, *, partly: bool) -> pd.DataFrame:
    """The case × waves :func:`case_wave_coverage` reads as :data:`NOT_CODED` (``partly`` False) or :data:`PARTLY_CODED`."""
    coverage = case_wave_coverage(study, codebook)
    chosen = coverage[(coverage["coverage"] == (PARTLY_CODED if partly else NOT_CODED)).to_numpy(dtype=bool)]
    return chosen[["case_id", "wave_id", "study"]].reset_index(drop=True)


def not_coded_cases(study: Study, codebook: Codebook) -> frozenset[str]:
    """The cases of a pooled study that nothing coded with ``codebook`` reached: every document of theirs is not coded.

    A case whose part was never coded with the codebook (:func:`not_coded_documents`, the one decision) and
    that has no document in a part that was; with ``cases="shared"`` a case seen in a coded part is coded there and
    not coded only at the waves the other parts brought (:func:`not_coded_waves`).  Its cases have no zeros on that
    codebook, only missing values: the analyses read their waves as :data:`NOT_CODED`, never as an absence.  A study
    that is not pooled has none.

    Parameters
    ----------
    study : Study
        A study, pooled or not.
    codebook : Codebook
        The codebook an analysis reads.

    Returns
    -------
    frozenset of str
        Case ids.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> qlr.evidence.not_coded_cases(study, study.codebooks["coproduction"])
    frozenset()
    """
    parts = _uncoded_parts(study, codebook)
    if parts is None:
        return frozenset()
    column, left = parts
    documents = study.documents
    reached = documents["case_id"][~left(documents[column])].dropna().astype(str)
    cases = study.cases
    return frozenset(cases["case_id"][left(cases[column]) & ~cases["case_id"].astype(str).isin(set(reached))].astype(str))


def _uncoded_parts(study: Study, codebook: Codebook) -> tuple[str, Any] | None:
    """The pooled study's ``study`` column and a mask of the labels (a Series of it) of parts never coded with ``codebook``.

    None where nothing is left uncoded: a study not pooled, or the codebook applied to the pooled study.
    """
    pooled = study.meta.get("pooled")
    column = pooled.get("column", "study") if isinstance(pooled, dict) else None
    if column is None or column not in study.cases.columns or column not in study.documents.columns:
        return None
    # Pooling labels each study's log entries with its key: an application of the codebook without one was made
    # to the pooled study, and coded every document.
    coded: set[str] = set()
    for logged in codebook_applications(study, codebook.id):
        if logged.get(column) is None:
            return None
        coded.add(str(logged[column]))
        # A pooled study pooled again without keys: its documents keep their parts' labels (qlr.pool._log).
        coded.update(str(label) for label in logged.get("parts") or [])
    codings = study.codings
    read = codings["doc_id"][in_codebook(codings, codebook)]
    coded |= set(study.documents.loc[study.documents["doc_id"].isin(read), column].dropna().astype(str))

    def left(labels: pd.Series) -> np.ndarray:
        # A study pooled twice is "outer:inner" in the column; an application to "outer" coded all of it.
        labels = labels.astype("string")
        reached = labels.isin(coded) | labels.map(lambda value: isinstance(value, str) and any(value.startswith(label + ":") for label in coded))
        return (labels.notna() & ~reached.astype(bool)).fillna(False).to_numpy(dtype=bool)

    return column, left


def codebook_applications(study: Study, codebook: str) -> list[dict[str, Any]]:
    """What ``study``'s log says of each time the codebook of id ``codebook`` was applied to it (its rules read every
    document, whatever they found), oldest first; empty where it never was.

    The one reading of "applied" (:func:`not_coded_documents`, the pooling warning of :func:`qlr.concat`): a study whose
    log shows the codebook applied is coded with it, and its zeros are absences. In a pooled study each entry carries the
    label of the part it was made to (under the pooled study's ``study`` column); an entry without one was made to the
    pooled study itself.

    Parameters
    ----------
    study : Study
    codebook : str
        A codebook's id.

    Returns
    -------
    list of dict
        Each application's logged detail (``codebook``, ``version``, ``codings``, …).

    Examples
    --------
    >>> import qlr
    >>> coded = qlr.load("data/sample").apply("coproduction", progress=False)
    >>> [(entry["codebook"], entry["codings"]) for entry in qlr.evidence.codebook_applications(coded, "coproduction")]
    [('coproduction', 1250)]
    >>> qlr.evidence.codebook_applications(coded, "resilience")
    []
    """
    found = []
    for action, detail in zip(study.log["action"].astype(str), study.log["detail"]):
        if action != "apply codebook":
            continue
        detail = log_detail(detail)
        if isinstance(detail, dict) and detail.get("codebook") == codebook:
            found.append(detail)
    return found


def group_columns(by: Any) -> list[str]:
    """Normalise a ``by=`` argument to column names.

    Parameters
    ----------
    by : str, sequence of str or None
        ``"case"``, ``("case", "wave")``, ``"stage"``…; ``case``, ``wave``,
        ``code`` and ``document`` name the id columns.

    Returns
    -------
    list of str

    Examples
    --------
    >>> group_columns(("case", "wave")), group_columns("stage"), group_columns(None)
    (['case_id', 'wave_id'], ['stage'], [])
    """
    if by is None:
        return []
    names = [by] if isinstance(by, str) else list(by)
    return [{"case": "case_id", "wave": "wave_id", "code": "code_id", "document": "doc_id"}.get(n, n) for n in names]


def key_source(study: Study, context: pd.DataFrame, key: str) -> str | None:
    """Where a grouping column is read.

    Parameters
    ----------
    study : Study
    context : DataFrame
        One row per document with its columns and its case's (``qlr.track``
        builds it from the documents, cases and case × waves).
    key : str
        The column, as :func:`group_columns` names it.

    Returns
    -------
    str or None
        ``"document"`` (a column of ``context``), ``"segment"`` (``speaker``,
        ``speaker_role``), ``"coding"`` (``coder``, ``origin``…), or None if nowhere.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> study = qlr.load("data/sample")
    >>> context = pd.DataFrame(columns=["doc_id", "case_id", "wave_id", "stage"])
    >>> [key_source(study, context, k) for k in ("stage", "speaker_role", "coder", "colour")]
    ['document', 'segment', 'coding', None]
    """
    if key in context.columns:
        return "document"
    if key in ("speaker", "speaker_role"):
        return "segment"
    return "coding" if key in study.codings.columns else None
