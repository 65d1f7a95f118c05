"""The :class:`Study`: every table of a qualitative longitudinal study in one object."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pandas as pd
from natsort import natsort_keygen

from . import _tables
from ._check import check_bool, check_choice, check_keywords, closest, renamed_keywords
from ._provenance import current_user
from ._rows import append_rows
from ._tables import ATTRITION_STATES
from ._words import count_words, number_of
from .errors import InvalidParameterError, SelectionError

if TYPE_CHECKING:  # pragma: no cover
    from .codebook import Codebook

__all__ = ["Study", "ATTRITION_STATES"]

#: Cell values of :meth:`Study.attrition`, in the order the legend shows them.

_TABLES = ("cases", "waves", "case_waves", "documents", "segments", "codings", "memos", "actors", "overrides", "log")


def _as_list(value: Any) -> list[Any] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return [value]
    return list(value)


class Study:
    """A qualitative longitudinal study: cases seen at waves through documents.

    The tables are pandas DataFrames keyed by string ids and kept aligned:

    ``cases``
        One row per case (``case_id``, ``label``, ``role``, then fixed attributes).
    ``waves``
        One row per time point (``wave_id``, ``order``, ``label``, ``start``, ``end``).
    ``case_waves``
        The design: one row per case and wave the case is scheduled for
        (``scheduled``), with attributes that change by wave.
    ``documents``
        Transcripts, notes and documents (``doc_id``, ``case_id``, ``wave_id``,
        ``kind``, ``date``, ``stage``, ``source``, ``sha256``, ``n_words``, ``text``…).
        ``case_id`` is missing for study-level material (field notes of a group,
        project documents).
    ``segments``
        Coding units: ``text[start:end]`` of their document (``seg_id``,
        ``doc_id``, ``start``, ``end``, ``speaker``, ``speaker_role``, …).
    ``codings``, ``memos``
        Codes applied to spans, and researchers' notes.
    ``actors``
        The roster of people and organisations named in the data (for networks).
    ``overrides``
        Researchers' placements that differ from the computed ones, with reasons.
    ``log``
        Provenance: who did what, and when.

    Build one with :func:`qlr.load` (files) or :func:`qlr.open` (a ``.qlr``
    project); the constructor takes the tables directly.

    Parameters
    ----------
    name : str
        A short title for the study.
    cases, waves, case_waves, documents, segments, codings, memos, actors, overrides, log : DataFrame, optional
        The tables; missing ones start empty.  Columns are coerced to the schema.
    meta : mapping, optional
        Free-form facts about the study (manifest path, what was inferred…).
        ``meta["stages"]``, a list, is the order of the document stages the
        analyses follow (the manifest's ``stages:``).
    codebooks : mapping, optional
        Codebooks attached to the study, by name.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> study = qlr.Study(
    ...     name="demo",
    ...     cases=pd.DataFrame({"case_id": ["C1", "C2"], "role": ["carer", "carer"]}),
    ...     waves=pd.DataFrame({"wave_id": ["W1", "W2"], "order": [1, 2]}),
    ...     documents=pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "case_id": ["C1", "C1", "C2"],
    ...                             "wave_id": ["W1", "W2", "W2"], "kind": "interview",
    ...                             "text": ["Hello.", "Hi again.", "New here."]}),
    ... )
    >>> study
    <Study 'demo': 2 cases × 2 waves, 3 documents, 5 words, 0 segments, 0 codings>
    >>> study.attrition()["W1"].tolist()
    ['present', 'not yet joined']
    """

    def __init__(
        self,
        name: str = "study",
        *,
        cases: pd.DataFrame | None = None,
        waves: pd.DataFrame | None = None,
        case_waves: pd.DataFrame | None = None,
        documents: pd.DataFrame | None = None,
        segments: pd.DataFrame | None = None,
        codings: pd.DataFrame | None = None,
        memos: pd.DataFrame | None = None,
        actors: pd.DataFrame | None = None,
        overrides: pd.DataFrame | None = None,
        log: pd.DataFrame | None = None,
        meta: Mapping[str, Any] | None = None,
        codebooks: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.cases = _tables.coerce("cases", cases)
        self.waves = _tables.coerce("waves", waves)
        if self.waves["order"].isna().any():
            self.waves["order"] = pd.array(range(1, len(self.waves) + 1), dtype="Int64")
        self.waves = self.waves.sort_values("order", kind="stable").reset_index(drop=True)
        self.documents = _tables.coerce("documents", documents)
        if self.documents["n_words"].isna().any():
            missing = self.documents["n_words"].isna()
            self.documents.loc[missing, "n_words"] = (
                self.documents.loc[missing, "text"].fillna("").map(count_words)
            )
        self.case_waves = _tables.coerce("case_waves", case_waves)
        self.segments = _tables.coerce("segments", segments)
        self.codings = _tables.coerce("codings", codings)
        self.memos = _tables.coerce("memos", memos)
        self.actors = _tables.coerce("actors", actors)
        self.overrides = _tables.coerce("overrides", overrides)
        self.log = _tables.coerce("log", log)
        self.meta: dict[str, Any] = dict(meta or {})
        self.codebooks: dict[str, Any] = dict(codebooks or {})

    # ------------------------------------------------------------------ basics
    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name (the same objects the attributes hold)."""
        return {name: getattr(self, name) for name in _TABLES}

    def copy(self) -> Study:
        """A deep copy: changing it leaves this study as it is.

        The tables, meta and the codebook mapping are copied; codebooks (frozen)
        and the fitted suggester of :meth:`suggest` are shared.

        Returns
        -------
        Study
            A new study equal to this one.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> trial = study.copy()
        >>> trial.codings = trial.codings[trial.codings["coder"] == "rm"]
        >>> len(trial.codings), len(study.codings)
        (318, 650)
        """
        from ._json import check_nesting

        try:
            meta = json.loads(json.dumps(self.meta, default=str))
        except RecursionError:  # a value built in memory nested past Python's stack: named, not a bare RecursionError
            check_nesting(self, doing="copying the study")
            raise
        copied = Study(
            self.name,
            **{name: frame.copy() for name, frame in self.tables.items()},
            meta=meta,
            codebooks=dict(self.codebooks),
        )
        return self._carry_suggester(copied)

    def _carry_suggester(self, other: Study) -> Study:
        """Give ``other`` this study's fitted suggester (the one :meth:`suggest` last used).

        The model is shared, not copied: it is the user's object, and fitting it
        again is theirs to decide.
        """
        if getattr(self, "_suggester", None) is not None:
            other._suggester = self._suggester  # type: ignore[attr-defined]
        return other

    def record(self, action: str, detail: Mapping[str, Any] | None = None, *, actor: str | None = None) -> None:
        """Append an entry to the provenance log.

        Parameters
        ----------
        action : str
            A short verb phrase (``"load"``, ``"apply codebook"``, ``"code"``).
        detail : mapping, optional
            JSON-serialisable facts about the action.
        actor : str, optional
            Who did it; defaults to ``$QLR_USER`` or the login name.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> study.record("export", {"format": "csv", "rows": 650}, actor="rm")
        >>> study.log.iloc[-1][["actor", "action", "detail"]].tolist()
        ['rm', 'export', '{"format": "csv", "rows": 650}']
        """
        from ._json import MAX_NESTING, nesting

        if nesting(dict(detail or {})) > MAX_NESTING:
            raise InvalidParameterError(
                f"the detail of the log entry {action!r} holds a value nested more than {MAX_NESTING} deep (lists or mappings within each other), which the log cannot keep",
                hint="record what it says as text, or flatten it",
            )
        entry = {
            "entry_id": int(self.log["entry_id"].max()) + 1 if len(self.log) else 1,
            "time": datetime.now(timezone.utc),
            "actor": actor or current_user(),
            "action": action,
            "detail": json.dumps(dict(detail or {}), sort_keys=True, default=str),
        }
        append_rows(self, "log", [entry])

    def segment_texts(self) -> pd.Series:
        """The text of every segment, indexed by ``seg_id``.

        Returns
        -------
        Series
            ``text[start:end]`` of each segment's document, as strings, indexed by ``seg_id``.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> texts = study.segment_texts()
        >>> bool((texts.str.len() == study.segments.set_index("seg_id")["end"]
        ...        - study.segments.set_index("seg_id")["start"]).all())
        True
        """
        doc_text = dict(zip(self.documents["doc_id"], self.documents["text"].fillna("")))
        values = [
            doc_text[doc][start:end]
            for doc, start, end in zip(self.segments["doc_id"], self.segments["start"], self.segments["end"])
        ]
        return pd.Series(values, index=pd.Index(self.segments["seg_id"], name="seg_id"), dtype="string", name="text")

    # --------------------------------------------------------------- selection
    def sel(
        self,
        *,
        case: str | Iterable[str] | None = None,
        wave: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        role: str | Iterable[str] | None = None,
    ) -> Study:
        """Return the part of the study that matches every given filter.

        Each filter takes one id or several.  ``case`` and ``role`` keep only
        documents of those cases (study-level material, with no case, drops out);
        ``wave`` keeps the documents, cases' per-wave rows and waves named;
        ``kind`` filters documents by kind.  Segments and codings follow their
        documents.  The result is a new :class:`Study`; this one is unchanged.

        Parameters
        ----------
        case : str or iterable of str, optional
            Case ids to keep.
        wave : str or iterable of str, optional
            Wave ids to keep.
        kind : str or iterable of str, optional
            Document kinds to keep (``"interview"``, ``"observation"``…).
        role : str or iterable of str, optional
            Case roles to keep (``"carer"``…).

        Returns
        -------
        Study
            The selection; ``meta["selection"]`` records the filters.

        Raises
        ------
        SelectionError
            A filter names an id the study does not have (with a suggestion).

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> carers_w1 = study.sel(role="carer", wave="W1")
        >>> sorted(carers_w1.documents["wave_id"].unique())
        ['W1']
        >>> study.sel(wave="W4")
        Traceback (most recent call last):
        ...
        qlr.errors.SelectionError: wave 'W4' is not in this study. Fix: choose from W1, W2, W3.
        """
        cases = self.cases
        waves = self.waves
        documents = self.documents
        case_waves = self.case_waves
        filters = {"case": case, "wave": wave, "kind": kind, "role": role}
        available = {
            "case": self.cases["case_id"],
            "wave": self.waves["wave_id"],
            "kind": self.documents["kind"],
            "role": self.cases["role"],
        }
        chosen: dict[str, list[str]] = {}
        for key, value in filters.items():
            values = _as_list(value)
            if values is None:
                continue
            known = sorted({str(v) for v in available[key].dropna()}, key=natsort_keygen())
            for item in values:
                _refuse_unknown(key, item, known)
            chosen[key] = values

        if "role" in chosen:
            cases = cases[cases["role"].isin(chosen["role"])]
        if "case" in chosen:
            cases = cases[cases["case_id"].isin(chosen["case"])]
        spoken = None  # segments of the chosen cases in conversations with no case (a focus group they spoke in)
        if "case" in chosen or "role" in chosen:
            ours = documents["case_id"].isin(cases["case_id"]).fillna(False)
            if self.meta.get("speaker_cases"):
                from .evidence import NOT_EVIDENCE_ROLES, segment_cases

                whose = segment_cases(self)
                mine = (whose["attributed"] & whose["case_id"].isin(cases["case_id"]).fillna(False)).to_numpy(dtype=bool)
                # Only a conversation that is no chosen case's own is trimmed: a chosen case's document keeps every turn.
                groups = set(whose["doc_id"][mine]) - set(documents["doc_id"][ours])
                theirs = pd.Series(False, index=range(len(self.segments))).to_numpy(dtype=bool, copy=True)
                theirs[whose["row"].to_numpy()[mine]] = True  # a joint voice's turn is each named case's
                # Such a conversation stays with the chosen cases' turns and the moderator's questions (which mark answers prompted).
                asking = self.segments["speaker_role"].isin(list(NOT_EVIDENCE_ROLES)).fillna(False).to_numpy(dtype=bool)
                spoken = (theirs | asking) & self.segments["doc_id"].isin(groups).to_numpy(dtype=bool)
                ours |= documents["doc_id"].isin(groups)
            documents = documents[ours]
            case_waves = case_waves[case_waves["case_id"].isin(cases["case_id"])]
        if "wave" in chosen:
            waves = waves[waves["wave_id"].isin(chosen["wave"])]
            documents = documents[documents["wave_id"].isin(chosen["wave"]).fillna(False)]
            case_waves = case_waves[case_waves["wave_id"].isin(chosen["wave"])]
        if "kind" in chosen:
            documents = documents[documents["kind"].isin(chosen["kind"]).fillna(False)]

        doc_ids = documents["doc_id"]
        keep = self.segments["doc_id"].isin(doc_ids).to_numpy(dtype=bool, copy=True)
        codings = self.codings[self.codings["doc_id"].isin(doc_ids)]
        if spoken is not None and spoken.any():
            groups = set(self.segments["doc_id"][spoken])
            keep &= spoken | ~self.segments["doc_id"].isin(groups).to_numpy(dtype=bool)
            others = set(self.segments["seg_id"][~keep & self.segments["doc_id"].isin(groups).to_numpy(dtype=bool)])
            codings = codings[~codings["seg_id"].isin(others).fillna(False)]
        segments = self.segments[keep]
        selected = Study(
            self.name,
            cases=cases,
            waves=waves,
            case_waves=case_waves,
            documents=documents,
            segments=segments,
            codings=codings,
            memos=self.memos,
            actors=self.actors,
            overrides=self.overrides,
            log=self.log,
            meta={**self.meta, "selection": {k: v for k, v in chosen.items()}},
            codebooks=self.codebooks,
        )
        return self._carry_suggester(selected)

    # ------------------------------------------------------------------ coding
    @renamed_keywords(unit="span")
    def apply(
        self,
        codebook: Any,
        *,
        span: str = "sentence",
        include_interviewer: bool = False,
        model: str | None = None,
        n_process: int = 1,
        scheduler: Any = None,
        progress: bool | None = None,
        cache: bool | str | os.PathLike[str] = True,
    ) -> Study:
        """Code every segment with a codebook's indicators (rule-based, in place).

        Segments are parsed with spaCy (offline by default: blank English,
        sentencizer, lookup lemmas) and each code's phrases and token patterns are
        matched on lower case and on lemmas.  A match inside a negated clause
        ("it wasn't really a two-way thing") gives no evidence, unless the
        indicator asks for negation.  Each coding records origin ``rules``, the
        codebook and its version, and the indicator(s) that fired.

        Re-applying a codebook replaces its earlier rule codings and leaves human,
        model and imported codings untouched.  Before spaCy runs, one
        Aho–Corasick pass finds every indicator's words (all their lemma forms)
        in the text, and only the sentences that can match, with the next
        sentence, are tokenised; the codings are those of parsing everything.
        Matches are cached by text and pipeline, so re-coding after a codebook
        edit matches only the new or changed indicators.

        Parameters
        ----------
        codebook : Codebook or str
            A :class:`qlr.Codebook`, a bundled name, a path, or the id of a codebook the study holds
            (``study.codebooks``; a bundled name is the bundled codebook).
        span : {"sentence", "segment"}
            What a coding covers: the sentence holding the match, or the whole
            segment.  (Formerly ``unit=``, which still works with a warning.)
        include_interviewer : bool
            Also code interviewer turns (off: a question is not evidence).
        model : str, optional
            An installed spaCy pipeline to use instead of the offline default.
        n_process : int
            Worker processes on this machine; each codes batches of segments
            and sends back only their matches.
        scheduler : dask.distributed.Client, optional
            Code the batches on a Dask cluster instead (``pip install
            'qlr[dask]'``); the codings are the same as on one process.
        progress : bool, optional
            Show a progress bar (default: on a terminal).
        cache : bool or path
            Keep each text's matches on disk, so coding again after a codebook
            edit (in this or a later session) matches only what changed:
            ``True`` the user's cache directory (``$XDG_CACHE_HOME/qlr`` or
            ``~/.cache/qlr`` on Linux; never the study folder), a path another
            folder, ``False`` none.  The file is read as untrusted: an entry
            that fails a check is recomputed.

        Returns
        -------
        Study
            This study, with ``codings`` updated and the codebook in ``codebooks``.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> study.apply("coproduction")
        <Study ...>
        >>> rules = study.codings[study.codings["origin"] == "rules"]
        >>> roles = study.segments.set_index("seg_id").loc[rules["seg_id"], "speaker_role"]
        >>> "interviewer" in set(roles)
        False
        """
        from .code._rules import apply_codebook
        from .codebook import Codebook, read_codebook

        check_choice("span", span, ("sentence", "segment"))
        check_bool("include_interviewer", include_interviewer)
        if not isinstance(codebook, Codebook):
            codebook = read_codebook(codebook, held=self.codebooks)  # a project's own codebook by its id too
        return apply_codebook(
            self,
            codebook,
            unit=span,
            include_interviewer=include_interviewer,
            model=model,
            n_process=n_process,
            scheduler=scheduler,
            progress=progress,
            cache_dir=cache,
        )

    def code(self, doc_id: str, start: int, end: int, code_id: str, *, coder: str | None = None, memo: str | None = None) -> str:
        """Apply a code by hand to ``text[start:end]`` of a document; return the coding id.

        The coding covers the segment the span overlaps most; it records origin
        ``human``, the coder and the exact span.

        Parameters
        ----------
        doc_id : str
            The document.
        start, end : int
            The span, as character offsets into the document's stored text.
        code_id : str
            A code of one of the study's codebooks.
        coder : str, optional
            Who coded; defaults to ``$QLR_USER`` or the login name.
        memo : str, optional
            A note about this coding, stored as a memo on it.

        Returns
        -------
        str
            The new coding's id.

        Raises
        ------
        CodingError
            The document or code does not exist, or the span is outside the text.

        Examples
        --------
        >>> import qlr
        >>> study = sample.sel(case="C10")  # sample = qlr.load("data/sample")
        >>> text = study.documents.set_index("doc_id").loc["C10_W3_interview", "text"]
        >>> start = text.index("This IS work")
        >>> cid = study.code("C10_W3_interview", start, start + 12, "redefining_work.caring_is_work", coder="rm")
        >>> study.codings.set_index("coding_id").loc[cid, ["origin", "coder"]].tolist()
        ['human', 'rm']
        """
        from .code._manual import code_span

        return code_span(self, doc_id, start, end, code_id, coder=coder, memo=memo)

    def code_quote(
        self, doc_id: str, quote: str, code_id: str, *, coder: str | None = None, memo: str | None = None, occurrence: int | None = None
    ) -> str:
        """Apply a code by hand to the exact words ``quote``; return the coding id.

        Parameters
        ----------
        doc_id : str
            The document.
        quote : str
            Words as they appear in the document's text.
        code_id : str
            A code of one of the study's codebooks.
        coder : str, optional
            Who coded; defaults to ``$QLR_USER`` or the login name.
        memo : str, optional
            A note about this coding, stored as a memo on it.
        occurrence : int, optional
            Which occurrence of ``quote`` (1 for the first) when it appears more than once.

        Returns
        -------
        str
            The new coding's id.

        Raises
        ------
        CodingError
            The quote is absent, or appears more than once and ``occurrence`` is not given.

        Examples
        --------
        >>> import qlr
        >>> study = sample.sel(case="C05")  # sample = qlr.load("data/sample")
        >>> cid = study.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="sam")
        >>> study.codings.set_index("coding_id").loc[cid, "code_id"]
        'negative.done_to'
        """
        from .code._manual import code_quote

        return code_quote(self, doc_id, quote, code_id, coder=coder, memo=memo, occurrence=occurrence)

    def uncode(self, coding_id: str, *, coder: str | None = None) -> None:
        """Remove one coding; the removal is logged with who did it.

        Parameters
        ----------
        coding_id : str
            The coding to remove.
        coder : str, optional
            Who removed it; defaults to ``$QLR_USER`` or the login name.

        Raises
        ------
        CodingError
            The study has no such coding.

        Examples
        --------
        >>> import qlr
        >>> study = sample.sel(case="C05")  # sample = qlr.load("data/sample")
        >>> cid = study.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="sam")
        >>> study.uncode(cid, coder="sam")
        >>> bool((study.codings["coding_id"] == cid).any()), study.log.iloc[-1]["action"]
        (False, 'uncode')
        """
        from .code._manual import uncode

        uncode(self, coding_id, coder=coder)

    def recode(self, coding_id: str, code_id: str, *, coder: str | None = None) -> None:
        """Change one coding's code (e.g. resolving a split flagged for review); logged.

        Parameters
        ----------
        coding_id : str
            The coding to change.
        code_id : str
            Its new code.
        coder : str, optional
            Who changed it; defaults to ``$QLR_USER`` or the login name.

        Examples
        --------
        >>> import qlr
        >>> study = sample.sel(case="C05")  # sample = qlr.load("data/sample")
        >>> cid = study.code_quote("C05_W3_interview", "done to us", "negative.done_to", coder="sam")
        >>> study.recode(cid, "negative.tokenistic", coder="sam")
        >>> study.codings.set_index("coding_id").loc[cid, "code_id"]
        'negative.tokenistic'
        >>> study.log.iloc[-1]["detail"]
        '{"coding_id": "h-...", "from": "negative.done_to", "to": "negative.tokenistic"}'
        """
        from .code._manual import recode

        recode(self, coding_id, code_id, coder=coder)

    def memo(self, target_type: str, target_id: str, text: str, *, author: str | None = None) -> str:
        """Write a memo about a case, wave, document, segment, code, coding, placement or the study.

        Parameters
        ----------
        target_type : str
            What the memo is about: ``"case"``, ``"wave"``, ``"document"``,
            ``"segment"``, ``"code"``, ``"coding"``, ``"placement"`` or ``"study"``.
        target_id : str
            The id of that thing.
        text : str
            The memo.
        author : str, optional
            Who wrote it; defaults to ``$QLR_USER`` or the login name.

        Returns
        -------
        str
            The new memo's id.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> memo_id = study.memo("case", "C05", "Withdrawal after the restructure; check W3 notes.", author="rm")
        >>> study.memos.set_index("memo_id").loc[memo_id, "target_id"]
        'C05'
        """
        from .code._manual import add_memo

        return add_memo(self, target_type, target_id, text, author=author)

    def read_coding_sheet(self, path: str | os.PathLike[str], *, coder: str) -> int:
        """Add one coder's filled coding sheet (``.csv`` or ``.qdpx``) to the study as their human codings.

        The sheet is one :func:`qlr.code.write_coding_sheet` wrote.  Codes that no
        codebook of the study has are an error naming the row; a code applied to a
        segment codes the whole segment.  In a ``.csv`` sheet, several codes in one
        cell are separated by ``;``, and cells qlr guarded against spreadsheet
        formulas (a leading ``'``) read back exactly as they were.  In a ``.qdpx``
        sheet, a passage the coder selected inside one segment's words keeps its
        span (the quote they chose); a coding that takes in more (a speaker label,
        the next turn) or whole lines (qc codes line by line) codes each segment
        whose words it covers, whole.  Either way a segment has a code at most once
        per coder: several codings of one code on one segment (a turn qc coded line
        by line) are merged into one, and a warning says how many.

        Parameters
        ----------
        path : str or PathLike
            The filled sheet.
        coder : str
            Whose work it is; the codings are recorded as theirs.

        Returns
        -------
        int
            The number of codings added (a coding already present is not added twice).

        Raises
        ------
        CodingError
            A code, segment or document the study does not have, with the row.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = sample.sel(case="C05")  # sample = qlr.load("data/sample")
        >>> path = qlr.code.write_coding_sheet(study, os.path.join(tempfile.mkdtemp(), "jk.csv"), coder="jk")
        >>> sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
        >>> sheet.loc[sheet["text"].str.contains("done to us"), "codes"] = "negative.done_to; power.consulted"
        >>> sheet.to_csv(path, index=False)
        >>> study.read_coding_sheet(path, coder="jk")
        2
        >>> study.codings.loc[study.codings["coder"] == "jk", ["seg_id", "code_id", "origin"]].values.tolist()
        [['C05_W3_interview:0014', 'negative.done_to', 'human'], ['C05_W3_interview:0014', 'power.consulted', 'human']]
        """
        from .code._blind import add_sheet_codings

        return add_sheet_codings(self, path, coder=coder)

    def consensus(
        self,
        *,
        coders: list[str],
        rule: str = "agree",
        adjudication: pd.DataFrame | None = None,
        codes: list[str] | None = None,
        coder: str = "consensus",
    ) -> int:
        """Merge several coders' codings of segments into the codings of one consensus coder.

        ``agree``
            a code stands on a segment where every coder who coded the document applied it;
        ``union``
            where any of them did;
        ``adjudicated``
            where they all agreed, plus the disagreements marked ``keep`` in
            ``adjudication`` (the table from :func:`qlr.code.disagreements` with its
            ``decision`` column filled in).

        Parameters
        ----------
        coders : list of str
            The coders to merge.
        rule : {"agree", "union", "adjudicated"}
            How disagreements are settled.
        adjudication : DataFrame, optional
            For ``rule="adjudicated"``: the disagreements with a filled ``decision`` column.
        codes : list of str, optional
            Only these codes.
        coder : str, default "consensus"
            The name the consensus codings are recorded under.

        Returns
        -------
        int
            How many consensus codings there are; they are human codings by
            ``coder`` and replace that coder's earlier ones.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> both = study.consensus(coders=["rm", "so"], rule="agree")
        >>> either = study.consensus(coders=["rm", "so"], rule="union")
        >>> both < either
        True
        """
        from .code._blind import add_consensus

        return add_consensus(self, coders=coders, rule=rule, adjudication=adjudication, codes=codes, coder=coder)

    def migrate_codebook(self, to: Codebook, *, coder: str | None = None) -> pd.DataFrame:
        """Map the study's codings to a new version of their codebook, following its lineage.

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
        to : Codebook
            The new version; it replaces the study's codebook of the same id.
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
        >>> report = study.migrate_codebook(new)
        >>> report[["before", "after", "action"]].values.tolist()
        [['power.control', 'power.choice_control', 'merged']]
        """
        from .code._lineage import migrate_codings

        return migrate_codings(self, to=to, coder=coder)

    def override_placement(self, *, level: int, reason: str, author: str | None = None, facet: str | None = None, **group: Any) -> str:
        """Record a researcher's placement where the computed one is wrong.

        The override is stored (and saved in the project file), shown by
        :func:`qlr.track.ladder` beside the computed placement (``override_level``,
        ``override_reason``, ``override_author``, ``final_level``), and never
        replaces it silently.  A later override of the same group and facet wins.

        Parameters
        ----------
        level : int
            The level the researcher places the group at.
        reason : str
            Why (required).
        author : str, optional
            Who; defaults to ``$QLR_USER`` or the login name.
        facet : str, optional
            The facet; without it the override applies to every facet.
        **group
            The group, as ``ladder`` groups it: ``case="C05", wave="W3"`` or
            ``stage="outputs"``; any column ``ladder(by=…)`` can group by.

        Returns
        -------
        str
            The override's id (a row of ``study.overrides``).

        Raises
        ------
        InvalidParameterError
            A group keyword is no column the ladder can group by (a misspelling
            would otherwise be stored and never match a placement).
        SelectionError
            A group value or the facet names nothing in the study (with a suggestion).

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> _ = study.override_placement(case="C05", wave="W3", facet="delivery", level=0,
        ...                              reason="stopped attending; says it is done to them", author="rm")
        >>> pl = qlr.track.ladder(study, facet="delivery").set_index(["case_id", "wave_id"])
        >>> int(pl.loc[("C05", "W3"), "final_level"]), pl.loc[("C05", "W3"), "override_author"]
        (0, 'rm')
        """
        from .track._ladder import override_placement

        self._check_override_target(group, facet)
        return override_placement(self, level=level, reason=reason, author=author, facet=facet, **group)

    def _check_override_target(self, group: Mapping[str, Any], facet: str | None) -> None:
        """Refuse an override that could never match a placement: unknown keyword, value or facet."""
        ids = {"case": "case_id", "wave": "wave_id"}
        # The tables ladder(by=…) can group by, in the order it looks a column up.
        tables = (self.documents, self.cases, self.case_waves, self.segments[["speaker", "speaker_role"]], self.codings)
        columns = list(dict.fromkeys(c for table in tables for c in table.columns if c != "text"))
        check_keywords("override_placement()", group, [*ids, *columns])
        for key, value in group.items():
            column = ids.get(key, key)
            values = {str(v) for table in tables if column in table.columns for v in table[column].dropna().unique()}
            _refuse_unknown(key, str(value), sorted(values, key=natsort_keygen()))
        facets = [f.id for cb in self.codebooks.values() if getattr(cb, "ladder", None) is not None for f in cb.ladder.facets]
        if facet is not None and facets:
            _refuse_unknown("facet", facet, facets, where="on the ladder")
        if "case" in group and "wave" in group:
            # A wave the case was not seen at is "missing", never placed: an override there would make a move that never happened.
            seen_at = set(self.documents.loc[(self.documents["case_id"] == str(group["case"])).fillna(False), "wave_id"].dropna())
            if self.meta.get("speaker_cases"):
                from .evidence import segment_cases

                # A case met only in a focus group at a wave is placed there from its turns, so it may be overridden there.
                whose = segment_cases(self)
                seen_at |= set(whose.loc[whose["attributed"].to_numpy(dtype=bool) & whose["case_id"].eq(str(group["case"])).fillna(False).to_numpy(dtype=bool), "wave_id"].dropna())
            seen = str(group["wave"]) in seen_at
            if not seen:
                waves = [wave for wave in self.waves["wave_id"] if wave in seen_at]  # in the study's order, as its tables
                raise SelectionError(
                    f"case {group['case']!r} was not seen at wave {group['wave']!r}, so it has no placement there to override",
                    hint=f"override a wave it was seen at: {', '.join(map(str, waves)) or 'none'}",
                )

    def suggest(self, model: Any, *, threshold: float = 0.5, name: str = "suggester") -> int:
        """Store a code suggester's suggestions as codings of origin ``model``; return how many.

        Each suggestion records the model's probability (``confidence``) and the
        status ``suggested``; human codings are never overwritten (a segment a
        person already coded with that code gets no suggestion for it), and
        suggesting again replaces this model's pending suggestions.  Suggestions
        are not evidence in ``qlr.track`` until accepted (:meth:`accept`).

        Parameters
        ----------
        model : CodeSuggester
            A fitted :class:`qlr.code.CodeSuggester`; kept for :meth:`review_queue`.
        threshold : float
            The smallest probability stored as a suggestion.
        name : str
            The model's name, recorded in the codings' ``coder`` column.

        Returns
        -------
        int
            How many suggestions were stored.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> model = qlr.code.CodeSuggester().fit(study)
        >>> study.suggest(model, threshold=0.6) > 0
        True
        """
        from .code._suggest import suggest

        return suggest(self, model, threshold=threshold, name=name)

    def review_queue(self, n: int = 20, *, model: Any = None) -> pd.DataFrame:
        """The ``n`` uncoded segments the suggester is least sure about (active learning).

        Parameters
        ----------
        n : int
            How many segments.
        model : CodeSuggester, optional
            The suggester to ask; defaults to the one :meth:`suggest` last used.

        Returns
        -------
        DataFrame
            One row per segment, most uncertain first (``uncertainty`` column).

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> _ = study.suggest(qlr.code.CodeSuggester().fit(study))
        >>> len(study.review_queue(5))
        5
        """
        from .code._suggest import review_queue

        return review_queue(self, n, model=model)

    def accept(self, coding_id: str, *, reviewer: str) -> str:
        """Accept a model suggestion: it becomes the reviewer's human coding (both logged).

        The suggestion stays, with status ``accepted``.

        Parameters
        ----------
        coding_id : str
            The suggestion (a coding of origin ``model``).
        reviewer : str
            Who decided; the new coding is theirs.

        Returns
        -------
        str
            The id of the new human coding.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> _ = study.suggest(qlr.code.CodeSuggester().fit(study))
        >>> suggestion = study.codings[study.codings["status"] == "suggested"].iloc[0]
        >>> human_id = study.accept(suggestion["coding_id"], reviewer="rm")
        >>> row = study.codings.set_index("coding_id").loc[human_id]
        >>> row["origin"], row["coder"], row["code_id"] == suggestion["code_id"]
        ('human', 'rm', True)
        """
        from .code._suggest import decide

        return str(decide(self, coding_id, accept=True, reviewer=reviewer))

    def reject(self, coding_id: str, *, reviewer: str) -> None:
        """Reject a model suggestion: kept for the record, never counted as evidence.

        Parameters
        ----------
        coding_id : str
            The suggestion (a coding of origin ``model``).
        reviewer : str
            Who decided.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> _ = study.suggest(qlr.code.CodeSuggester().fit(study))
        >>> cid = study.codings.loc[study.codings["status"] == "suggested", "coding_id"].iloc[0]
        >>> study.reject(cid, reviewer="rm")
        >>> study.codings.set_index("coding_id").loc[cid, "status"]
        'rejected'
        """
        from .code._suggest import decide

        decide(self, coding_id, accept=False, reviewer=reviewer)

    # ---------------------------------------------------------------- attrition
    def attrition(self) -> pd.DataFrame:
        """Case × wave presence, with attrition spelled out.

        A case is *present* at a wave when it has at least one document there
        with words in it (an empty file, a transcript not yet typed or a failed
        export, is kept, and warned about at load, but is not a conversation
        that happened), or has turns of its own with words in a conversation with
        no case there (a focus group its speaker was attributed from,
        :func:`qlr.evidence.segment_cases`).
        Where it is absent the cell says why, read from the study design
        (``case_waves.scheduled``) and the case's other waves:

        ``not scheduled``
            the design does not plan to see the case at this wave;
        ``not yet joined``
            absent before the case's first present wave (a late joiner);
        ``missed``
            absent between two present waves;
        ``dropped out``
            absent after the case's last present wave;
        ``absent``
            scheduled but never seen at all.

        Returns
        -------
        DataFrame
            Indexed by ``case_id``; one column per wave (in wave order) holding
            those states, then ``role``, ``n_waves`` (waves present) and
            ``pattern`` (``complete``, ``joined late``, ``dropped out``,
            ``intermittent``, ``never seen``, or several joined by ``", "``). A
            study with no waves has no wave columns; a case with a document or
            turns of its own with words is ``seen``, one with none ``never seen``.
            Where ``study.yaml`` says why a case left (``left: withdrew``,
            ``left: died``), a ``left`` column after ``pattern`` holds it (empty
            for the others), so a withdrawal is told from a death.

        Examples
        --------
        >>> import qlr
        >>> att = sample.attrition()  # sample = qlr.load("data/sample")
        >>> att.loc["C11", ["W1", "W2", "W3", "pattern"]].tolist()
        ['not yet joined', 'present', 'present', 'joined late']
        >>> att.loc["C06", "pattern"]
        'dropped out'
        """
        wave_ids = list(self.waves["wave_id"])
        case_ids = list(self.cases["case_id"])
        with_words = self.documents[self.documents["n_words"].fillna(0) > 0]
        present = (
            with_words.dropna(subset=["case_id", "wave_id"])
            .groupby(["case_id", "wave_id"], observed=True)
            .size()
        )
        present_pairs = set(present.index)
        # A study with no waves met a case where it has words at no wave: its pattern is "seen", not "never seen".
        seen = set(with_words["case_id"].dropna()) if not wave_ids else set()
        if self.meta.get("speaker_cases"):
            from .evidence import segment_cases

            # A case who spoke in a focus group with no case was met at its wave.
            whose = segment_cases(self)
            spoke = whose["attributed"].to_numpy(dtype=bool) & (self.segments["n_words"].fillna(0).to_numpy() > 0)[whose["row"].to_numpy()]
            present_pairs |= {(c, w) for c, w in zip(whose["case_id"][spoke], whose["wave_id"][spoke]) if pd.notna(w)}
            seen |= set(whose["case_id"][spoke].dropna()) if not wave_ids else set()
        scheduled_rows = self.case_waves[["case_id", "wave_id", "scheduled"]]
        explicit = {
            (c, w): bool(s) if pd.notna(s) else True
            for c, w, s in scheduled_rows.itertuples(index=False)
        }
        cases_with_design = set(scheduled_rows.loc[scheduled_rows["scheduled"].fillna(False), "case_id"])

        rows = []
        for case_id in case_ids:
            here = [w for w in wave_ids if (case_id, w) in present_pairs]
            first = wave_ids.index(here[0]) if here else None
            last = wave_ids.index(here[-1]) if here else None
            cells = []
            for position, wave_id in enumerate(wave_ids):
                if (case_id, wave_id) in present_pairs:
                    cells.append("present")
                    continue
                if case_id in cases_with_design:
                    scheduled = explicit.get((case_id, wave_id), False)
                else:
                    scheduled = explicit.get((case_id, wave_id), True)
                if not scheduled:
                    cells.append("not scheduled")
                elif first is None:
                    cells.append("absent")
                elif position < first:
                    cells.append("not yet joined")
                elif position > last:
                    cells.append("dropped out")
                else:
                    cells.append("missed")
            patterns = [
                label
                for state, label in (
                    ("not yet joined", "joined late"),
                    ("missed", "intermittent"),
                    ("dropped out", "dropped out"),
                )
                if state in cells
            ]
            if not wave_ids:
                pattern = "seen" if case_id in seen else "never seen"
            elif first is None:
                pattern = "never seen"
            else:
                pattern = ", ".join(patterns) or "complete"
            rows.append(cells + [len(here), pattern])
        frame = pd.DataFrame(rows, columns=wave_ids + ["n_waves", "pattern"], index=pd.Index(case_ids, name="case_id"))
        frame.insert(len(wave_ids), "role", list(self.cases["role"]))
        if "left" in self.cases.columns:
            frame["left"] = self.cases["left"].astype("string").to_numpy()
        return frame

    # ------------------------------------------------------------------ summary
    def summary(self) -> dict[str, int]:
        """Counts of what the study holds: cases, waves, documents, words, segments, codings, memos.

        Returns
        -------
        dict of str to int
            The counts, by those names.

        Examples
        --------
        >>> import qlr
        >>> sample.sel(case="C05").summary()  # sample = qlr.load("data/sample")
        {'cases': 1, 'waves': 3, 'documents': 3, 'words': 3199, 'segments': 97, 'codings': 76, 'memos': 0}
        """
        return {
            "cases": len(self.cases),
            "waves": len(self.waves),
            "documents": len(self.documents),
            "words": int(self.documents["n_words"].fillna(0).sum()),
            "segments": len(self.segments),
            "codings": len(self.codings),
            "memos": len(self.memos),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<Study {self.name!r}: {number_of(s['cases'], 'case')} × {number_of(s['waves'], 'wave')}, "
            f"{number_of(s['documents'], 'document')}, {number_of(s['words'], 'word')}, {number_of(s['segments'], 'segment')}, "
            f"{number_of(s['codings'], 'coding')}>"
        )

    def _repr_html_(self) -> str:
        from ._display import study_html

        return study_html(self)

    # ------------------------------------------------------------------ storage
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the study to a ``.qlr`` project file (one SQLite file), atomically.

        The file is written beside its destination under a temporary name and
        renamed over it only when complete, so a crash never leaves a half-written
        project.  Open it again with :func:`qlr.open`.

        Parameters
        ----------
        path : str or path-like
            The ``.qlr`` file to write (replaced if it exists).

        Raises
        ------
        InvalidParameterError
            A cell of a table, or a value of ``meta``, nests lists or mappings more than 100 deep (a study built in
            memory): the error names the table, column and row, or the ``meta`` key; nothing is written.

        Examples
        --------
        >>> import qlr, tempfile, os
        >>> study = sample.copy()  # sample = qlr.load("data/sample")
        >>> path = os.path.join(tempfile.mkdtemp(), "carers.qlr")
        >>> study.save(path)
        >>> qlr.open(path).summary() == study.summary()
        True
        """
        from .io._store import save_study

        save_study(self, path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Study):
            return NotImplemented
        if self.name != other.name or self.meta != other.meta:
            return False
        for name in _TABLES:
            left, right = getattr(self, name), getattr(other, name)
            if list(left.columns) != list(right.columns) or len(left) != len(right):
                return False
            try:
                pd.testing.assert_frame_equal(left, right)
            except AssertionError:
                return False
        return True

    __hash__ = None  # type: ignore[assignment]


def _refuse_unknown(key: str, value: Any, known: list[str], *, where: str = "in this study") -> None:
    """Raise :class:`SelectionError` when ``value`` is not among ``known``, suggesting the closest."""
    if value in known:
        return
    near = closest(value, known)
    hint = f"did you mean {near!r}?" if near is not None else f"choose from {', '.join(known[:12])}"
    raise SelectionError(f"{key} {value!r} is not {where}", hint=hint)
