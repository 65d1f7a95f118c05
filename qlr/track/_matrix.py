"""Framework matrices: cases × codes, one per wave, with attrition shown as missing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._display import ResultDisplay
from .._rows import quotes_of
from ..errors import SelectionError
from ..evidence import (
    ASSERTIONS,
    COUNTED_ASSERTIONS,
    NOT_CODED,
    PARTLY_CODED,
    coverage_reason,
    key_source,
    not_coded_documents,
    pick_codebook,
)
from ._evidence import (
    coded_groups,
    codings_in_context,
    document_context,
    own_words,
    presence,
    row_positions,
    study_orders,
    summaries_words,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["matrix", "quotes", "Matrix", "VALUES"]

#: What a matrix cell can hold.
VALUES = ("count", "presence", "density", "segments")


class Matrix(ResultDisplay):
    """A framework matrix: a tidy table and its wide view.

    Build one with :func:`qlr.track.matrix`.

    Parameters
    ----------
    tidy : DataFrame
        One row per row × wave × column: ``value`` (NaN where the case was not
        seen at that wave), ``reason`` (the attrition state when missing),
        ``count``, ``segments`` (distinct coded segments; counted for
        ``value="segments"`` only) and ``words`` (the case's own words at that wave).
    rows : str
        The column of ``tidy`` the matrix's rows are (``"case_id"``, ``"role"``…).
    cols : str
        The column of ``tidy`` the matrix's columns are (``"code_id"`` or ``"theme"``).
    by : str or None
        The column of ``tidy`` each panel is (``"wave_id"``…), or None for one panel.
    value : str
        Which of :data:`VALUES` ``value`` holds.
    partly_coded : DataFrame, optional
        The rows × panels (columns ``rows`` and ``by``) that hold a case × wave the codebook read only in part
        (:func:`qlr.evidence.case_wave_coverage`): their values are what its coded documents found, even where every
        column has one. Empty by default.
    codebook : Codebook, optional
        The codebook counted: figures label its codes as :meth:`qlr.Codebook.labels` shows them (by name); the
        tables keep the ids.
    summaries : str, optional
        Whether the codings in the team's summaries of interviews were counted, and at what weight, in words: the
        files' last column ``summaries`` (:meth:`to_csv`); no such column when None.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> m = qlr.track.matrix(study, cols="theme")
    >>> m
    <Matrix case_id × theme by wave_id (count): 891 cells>
    >>> m.wide.shape  # 27 cases; 3 waves × 11 theme roll-ups (8 themes, 3 of them with an "(against)" column)
    (27, 33)
    >>> cell = m.tidy.set_index(["case_id", "wave_id", "theme"]).loc[("C01", "W1", "reciprocity")]
    >>> float(cell["value"]), int(cell["count"]), int(cell["words"])
    (2.0, 2, 887)
    """

    def __init__(
        self, tidy: pd.DataFrame, *, rows: str, cols: str, by: str | None, value: str, partly_coded: pd.DataFrame | None = None,
        codebook: Any = None, summaries: str | None = None,
    ) -> None:
        self.tidy = tidy
        self.rows, self.cols, self.by, self.value = rows, cols, by, value
        #: The codebook the matrix counts (its codes' labels: :meth:`qlr.Codebook.labels`), or None.
        self.codebook = codebook
        #: Whether the team's summaries of interviews were counted, and how, in words (written in the files' ``summaries`` column).
        self.summaries = summaries
        keys = [rows] + ([by] if by else [])
        self.partly_coded = partly_coded if partly_coded is not None else pd.DataFrame(columns=keys)

    @property
    def wide(self) -> pd.DataFrame:
        """Rows × (wave, column): the matrix as a researcher draws it, waves side by side."""
        columns = [self.by, self.cols] if self.by else [self.cols]
        return self.tidy.pivot_table(index=self.rows, columns=columns, values="value", aggfunc="first", dropna=False, sort=False)

    def panel(self, wave: str) -> pd.DataFrame:
        """The matrix of one wave: rows × columns.

        Parameters
        ----------
        wave : str
            A value of the matrix's ``by`` column (a wave id).

        Returns
        -------
        DataFrame
            Rows × columns, NaN where the row was not seen at that wave.

        Raises
        ------
        SelectionError
            The matrix has no waves (``by=None``) or not this one.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> w1 = qlr.track.matrix(study, cols="theme").panel("W1")
        >>> w1.shape, float(w1.loc["C05", "reciprocity"])
        ((27, 11), 5.0)
        >>> bool(w1.loc["C11"].isna().all())  # C11 joined at W2: missing, not zero
        True
        """
        if not self.by:
            raise SelectionError("this matrix has no waves", hint="build it with by='wave'")
        part = self.tidy[self.tidy[self.by] == wave]
        if part.empty:
            raise SelectionError(f"no {self.by} {wave!r} in this matrix", hint=f"choose from {', '.join(map(str, self.tidy[self.by].unique()))}")
        return part.pivot_table(index=self.rows, columns=self.cols, values="value", aggfunc="first", dropna=False, sort=False)

    def to_csv(self, path: str | Path, *, raw: bool = False) -> None:
        """Write the tidy table as CSV (UTF-8, ``\\r\\n`` line ends), atomically.

        A text cell that a spreadsheet would run as a formula (starting ``=``,
        ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``
        unless ``raw=True``. A last column ``summaries`` says on every row whether
        the codings in the team's summaries of interviews were counted, and at what
        weight ("coder summaries not counted (summary_weight 0)").

        Parameters
        ----------
        path : str or Path
        raw : bool, default False
            Write text cells exactly as they are.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> path = os.path.join(tempfile.mkdtemp(), "matrix.csv")
        >>> qlr.track.matrix(study, cols="theme").to_csv(path)
        >>> back = pd.read_csv(path)
        >>> back.shape, list(back.columns[:4]), back["summaries"].iloc[0]
        ((891, 9), ['case_id', 'wave_id', 'theme', 'value'], 'coder summaries not counted (summary_weight 0)')
        """
        from .._output import write_csv

        write_csv(path, self._written(), raw=raw)

    def to_excel(self, path: str | Path) -> None:
        """Write one sheet per wave (rows × columns) and a sheet with the tidy table (with :meth:`to_csv`'s ``summaries`` column).

        Needs ``openpyxl`` (pandas' Excel writer).  Without waves (``by=None``)
        the first sheet is ``matrix``.  Text is stored as text, never as a
        formula; the file is written atomically.

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> path = os.path.join(tempfile.mkdtemp(), "matrix.xlsx")
        >>> qlr.track.matrix(study, cols="theme").to_excel(path)
        >>> sheets = pd.read_excel(path, sheet_name=None)
        >>> list(sheets), sheets["W1"].shape  # 27 cases: the case column and 11 theme roll-ups (8 themes, 3 against)
        (['W1', 'W2', 'W3', 'tidy'], (27, 12))
        """
        from .._output import write_excel

        panels = [(wave, self.panel(wave), True) for wave in self.tidy[self.by].drop_duplicates()] if self.by else [("matrix", self.wide, True)]
        write_excel(path, [*panels, ("tidy", self._written(), False)])

    def _written(self) -> pd.DataFrame:
        """The tidy table as the files hold it: with a last column ``summaries`` saying whether the codings in the
        team's summaries of interviews were counted (a spreadsheet user sees it on every row; ``pd.read_csv`` reads
        the table as it is)."""
        return self.tidy if self.summaries is None else self.tidy.assign(summaries=self.summaries)

    def _summary(self) -> str:
        return f" {self.rows} × {self.cols}{' by ' + self.by if self.by else ''} ({self.value}): {len(self.tidy):,} cells"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("", self.wide)]


def matrix(
    study: Study,
    *,
    rows: str = "case",
    cols: str = "code",
    by: str | None = "wave",
    value: str = "count",
    codebook: Any = None,
    summaries: bool | None = None,
) -> Matrix:
    """A framework matrix of coded evidence: rows × columns, per wave.

    Parameters
    ----------
    study : Study
    rows : str
        ``"case"`` or any column of ``study.cases`` (``"role"``): cases are summed within it.
    cols : {"code", "theme"}
        Codes, or themes (the codes' root in the codebook).  A theme's codes that
        count against it (:meth:`~qlr.codebook.Codebook.rollup`: negative ladder
        evidence in a theme with positive, or ``counts: against``) are counted in
        a column of their own, ``"<theme> (against)"``, never added to the theme's.
    by : str or None
        ``"wave"`` (default), any document column (``"stage"``), ``"speaker_role"``
        or a coding column (``"coder"``: one matrix per coder), or ``None`` for one matrix.
    value : {"count", "presence", "density", "segments"}
        ``count``: codings; ``presence``: 1 if any; ``segments``: distinct coded
        segments; ``density``: codings per 1,000 words the case itself said at that
        wave (participant turns), ``1000 * count / words``; by a document column
        (``stage``, a pooled study's ``study``), the words it said in those documents.
        At a partly coded case × wave (:func:`qlr.evidence.case_wave_coverage`) ``words``
        are those of the documents the codebook coded there, so a density is over what
        was read, never diluted by words no rule or person read.
    codebook : Codebook or str, optional
        Which codebook's codes; defaults to the study's only codebook.
    summaries : bool, optional
        Count the codings in the team's summaries of interviews (:func:`qlr.evidence.summary_paragraphs`), or not. By
        default as the codebook's ladder counts them (``qlr.track._evidence.counts_summaries``): not at its
        ``summary_weight`` 0, the default, since a summary restates an interview the matrix already counts (one
        statement and its summary would be a count of 2); yes when its ``placement:`` gives a weight above 0.

    Returns
    -------
    Matrix
        ``.tidy`` and ``.wide``.  A case not seen at a wave has ``value`` NaN and
        ``reason`` naming why (``not yet joined``, ``missed``, ``dropped out``,
        ``not scheduled``, or ``not coded`` where the part of a pooled study its
        documents there came from never coded the codebook:
        :func:`qlr.evidence.not_coded_waves`, and by a document column
        :func:`~qlr.evidence.not_coded_documents`); seen but never coded is 0, but where the case × wave is
        only partly coded a code not found has NaN and reason ``partly coded``
        (:func:`qlr.evidence.coverage_reason`); with ``value="density"``, a
        case seen at a wave with no word of its own there (only notes about it) has
        NaN and reason ``no participant words``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> m = qlr.track.matrix(study, cols="theme")
    >>> m.panel("W3").loc["C10", "peer_networks"] > 0
    np.True_
    >>> m.tidy.set_index(["case_id", "wave_id", "theme"]).loc[("C11", "W1", "power"), "reason"]
    'not yet joined'
    """
    from .._check import check_choice

    check_choice("value", value, VALUES)
    check_choice("cols", cols, ("code", "theme"))
    cb = pick_codebook(study, codebook)
    col_name = "code_id" if cols == "code" else "theme"
    row_name = "case_id" if rows == "case" else rows
    by_name = {"wave": "wave_id"}.get(by, by) if by else None
    if row_name != "case_id" and row_name not in study.cases.columns:
        raise SelectionError(f"rows {rows!r} is not 'case' or a column of study.cases", hint=f"choose from case, {', '.join(c for c in study.cases.columns if c != 'case_id')}")

    keys = [row_name] + ([by_name] if by_name else [])
    context = document_context(study)
    by_source = key_source(study, context, by_name) if by_name else None
    if by_name and by_source is None:
        raise SelectionError(
            f"by {by!r} is not 'wave', a document column, speaker, speaker_role or a coding column",
            hint="use by='wave', by='stage', by='kind', by='speaker_role', by='coder' or by=None",
        )
    found = coded_groups(study, cb, keys, summaries=summaries)

    # The frame of every row × wave the design knows, with presence and words.
    cells = presence(study, cb)[["case_id", "wave_id", "state", "present"]]
    cells = cells.merge(own_words(study), on=["case_id", "wave_id"], how="left")
    cells["n_words"] = cells["n_words"].fillna(0)
    partly = (cells["state"] == PARTLY_CODED).to_numpy(dtype=bool)
    if partly.any():
        # A partly coded case × wave's words are those of its coded documents: what the codebook read there (a density
        # over the words never read would be diluted by them).
        cells.loc[partly, "n_words"] = _coded_words(study, cb, cells.loc[partly, ["case_id", "wave_id"]])
    if by_name not in (None, "wave_id"):
        if by_source == "document":
            # Grouping by a document column (stage, kind, or a case's column such as a pooled study's `study`): a
            # cell for each case and value its documents have, with the words the case said in those documents.
            cells = context[["case_id", by_name]].dropna().drop_duplicates()
            said = own_words(study, per_document=True).merge(context[["doc_id", "case_id", by_name]], on=["doc_id", "case_id"])
            said = said.groupby(["case_id", by_name], as_index=False, observed=True)["n_words"].sum()
            cells = cells.merge(said, on=["case_id", by_name], how="left").assign(state="present", present=True)
            cells["n_words"] = cells["n_words"].fillna(0)
            uncoded = not_coded_documents(study, cb)
            if uncoded:
                # A pooled study's documents its part never coded with the codebook: a cell only they make is not coded.
                coded = context.loc[~context["doc_id"].isin(uncoded).to_numpy(dtype=bool), ["case_id", by_name]].dropna().drop_duplicates()
                left = ~pd.MultiIndex.from_frame(cells[["case_id", by_name]]).isin(pd.MultiIndex.from_frame(coded))
                cells.loc[left, ["state", "present"]] = [NOT_CODED, False]
        else:
            # By speaker or coder: a cell for each case and value its codings have (words are not split that way).
            cells = coded_groups(study, cb, ["case_id", by_name], summaries=summaries).groups.assign(state="present", present=True, n_words=np.nan)
    if row_name != "case_id":
        cells = cells.merge(study.cases[["case_id", row_name]], on="case_id")
    # The rows × panels holding a partly coded case × wave (a group holds one if any of its cases is).
    partly_coded = cells.loc[(cells["state"] == PARTLY_CODED).to_numpy(dtype=bool), keys].drop_duplicates().reset_index(drop=True)
    if keys == ["case_id", "wave_id"]:
        grouped_cells = cells.rename(columns={"n_words": "words"})[[*keys, "present", "words", "state"]]
    else:
        # A group is present if any of its cases is; otherwise it takes the most telling absence.
        # A partly coded case × wave is seen (qlr.evidence.case_wave_coverage): its group is present.
        cells = cells.assign(rank=cells["state"].replace({PARTLY_CODED: "present"}).map(_STATE_RANK).fillna(len(_STATE_RANK)))
        grouped_cells = (
            cells.groupby(keys, dropna=False, observed=True)
            .agg(present=("present", "any"), words=("n_words", "sum"), rank=("rank", "min"))
            .reset_index()
        )
        grouped_cells["state"] = grouped_cells["rank"].map({rank: state for state, rank in _STATE_RANK.items()})
    orders = study_orders(study)
    grouped_cells = _sorted(grouped_cells, keys, orders)

    # Count in integers: each coding's group × column, over a (groups × columns) grid.
    everything = list(cb)
    # Theme columns are the codebook's roll-ups (Codebook.rollup): every root, a codable top-level code (qc,
    # Taguette, ATLAS.ti) being its own branch's theme, and apart from it the codes that count against it.
    columns = cb.rollups() if cols == "theme" else [c.id for c in cb.codes]
    column_of = {column: number for number, column in enumerate(columns)}
    column_number = np.array([column_of.get(cb.rollup(c.id) if cols == "theme" else c.id, -1) for c in everything] + [-1])[found.code]
    counted = (found.group >= 0) & (column_number >= 0)
    n_groups, n_columns = len(found.groups) if keys else 1, len(columns)
    cell_of = found.group[counted] * n_columns + column_number[counted]
    counts = np.bincount(cell_of, minlength=n_groups * n_columns).reshape(n_groups, n_columns)
    segments = None
    if value == "segments":
        # A coding outside every segment is a passage of its own.
        n_passages = len(study.segments) + len(found.codings)
        seg_number = row_positions(study.segments["seg_id"], found.codings["seg_id"])
        seg_number = np.where(seg_number >= 0, seg_number, len(study.segments) + np.arange(len(found.codings)))[counted]
        distinct = np.unique(cell_of * n_passages + seg_number) // n_passages
        segments = np.bincount(distinct, minlength=n_groups * n_columns).reshape(n_groups, n_columns)

    # Which counted group each design cell is (-1: nothing coded there).
    if keys:
        numbered = found.groups.assign(_group=np.arange(len(found.groups)))
        group_of_cell = grouped_cells[keys].merge(numbered, on=keys, how="left")["_group"].fillna(-1).to_numpy(dtype="int64")
    else:
        group_of_cell = np.zeros(len(grouped_cells), dtype="int64")
    padded = np.vstack([counts, np.zeros((1, n_columns), dtype=counts.dtype)])
    tidy = grouped_cells.loc[grouped_cells.index.repeat(n_columns)].reset_index(drop=True)
    tidy.insert(len(keys), col_name, pd.Series(columns).take(np.tile(np.arange(n_columns), len(grouped_cells))).to_numpy())
    tidy["count"] = padded[group_of_cell].reshape(-1).astype("int64")
    if segments is not None:
        tidy["segments"] = np.vstack([segments, np.zeros((1, n_columns), dtype=segments.dtype)])[group_of_cell].reshape(-1).astype("int64")
    else:
        tidy["segments"] = np.nan  # only counted when asked for (value="segments")
    if value == "count":
        tidy["value"] = tidy["count"].astype("float64")
    elif value == "segments":
        tidy["value"] = tidy["segments"].astype("float64")
    elif value == "presence":
        tidy["value"] = (tidy["count"] > 0).astype("float64")
    else:
        words = tidy["words"].astype("float64")
        tidy["value"] = np.where(words > 0, 1000.0 * tidy["count"] / words.where(words > 0, 1.0), np.nan)
    tidy.loc[~tidy["present"], "value"] = np.nan
    tidy["reason"] = tidy["state"].where(~tidy["present"], None)
    # Part of the case's documents there never coded with the codebook: a code not found is no absence (no value, and
    # why); what the coded ones found counts (qlr.evidence.coverage_reason).
    why = coverage_reason(tidy["state"], (tidy["count"] > 0).to_numpy(dtype=bool))
    unread = tidy["present"].to_numpy(dtype=bool) & pd.notna(why)
    if unread.any():
        tidy.loc[unread, "value"] = np.nan
        tidy.loc[unread, "reason"] = why[unread]
    if value == "density":
        # Seen at the wave but no word of its own there (only notes about it): no density, and why.
        silent = tidy["present"].astype(bool) & ~(tidy["words"].astype("float64") > 0) & ~unread
        tidy.loc[silent, "reason"] = NO_OWN_WORDS
    order = [*keys, col_name, "value", "reason", "count", "segments", "words"]
    tidy = tidy[order]
    return Matrix(tidy, rows=row_name, cols=col_name, by=by_name, value=value, partly_coded=partly_coded, codebook=cb, summaries=summaries_words(cb, summaries))


def _coded_words(study: Study, codebook: Any, cells: pd.DataFrame) -> np.ndarray:
    """The words each case said at each wave of ``cells`` (``case_id``, ``wave_id``) in the documents ``codebook`` coded
    there (not in :func:`qlr.evidence.not_coded_documents`): a partly coded case × wave's words the codebook read."""
    said = own_words(study, per_document=True)
    said = said[~said["doc_id"].isin(not_coded_documents(study, codebook)).to_numpy(dtype=bool)]
    waves = study.documents.drop_duplicates("doc_id").set_index("doc_id")["wave_id"]
    said = said.assign(wave_id=said["doc_id"].map(waves)).groupby(["case_id", "wave_id"], observed=True)["n_words"].sum()
    keys = pd.MultiIndex.from_arrays([cells["case_id"].astype(str), cells["wave_id"].astype(str)])
    said.index = pd.MultiIndex.from_arrays([said.index.get_level_values(0).astype(str), said.index.get_level_values(1).astype(str)])
    return said.reindex(keys).fillna(0).to_numpy(dtype="float64")


#: Why a present case's density is NaN: nothing it said at that wave to divide by.
NO_OWN_WORDS = "no participant words"

_STATE_RANK = {"present": 0, "dropped out": 1, "missed": 2, "not yet joined": 3, "absent": 4, NOT_CODED: 5, "not scheduled": 6}


def _natural(column: pd.Series) -> pd.Series:
    """Sort key: natural order of the distinct values (W2 before W10), computed once per value."""
    from natsort import natsorted

    ranks = {value: rank for rank, value in enumerate(natsorted(column.dropna().unique(), key=str))}
    return column.map(ranks)


def _sorted(frame: pd.DataFrame, columns: list[str], orders: dict[str, list[Any]]) -> pd.DataFrame:
    """Sort by each column in its study order (cases and waves as declared), else naturally."""
    ranks = []
    for column in columns:
        order = orders.get(column)
        if order is None:
            ranks.append(_natural(frame[column]).to_numpy(dtype="float64", na_value=np.inf))
        else:
            lookup = {value: rank for rank, value in enumerate(order)}
            codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
            table = np.array([lookup.get(u, len(lookup)) for u in uniques] + [len(lookup) + 1], dtype="float64")
            ranks.append(table[codes])
    order_index = np.lexsort(ranks[::-1]) if ranks else np.arange(len(frame))
    return frame.iloc[order_index].reset_index(drop=True)


def quotes(
    study: Study, *, case: str | None = None, code: str | None = None, wave: str | None = None, theme: str | None = None,
    codebook: Any = None, discounted: bool = False, summaries: bool | None = None,
) -> pd.DataFrame:
    """The quotes behind a matrix cell: every coded span for a case, code (or theme) and wave.

    Only the codings the matrix counts are quoted (:func:`qlr.evidence.evidence`);
    with ``discounted=True``, instead the rule matches it leaves out for their
    assertion (negated, hypothetical, historical, someone else's, a question,
    declined), so what was not counted can be read beside what was (where a
    person coded the same passage with the same code, the person's coding
    stands and the match is not listed).

    Parameters
    ----------
    study : Study
        The coded study.
    case, code, wave, theme : str, optional
        Keep the codings of this case, code, wave or theme (each left out keeps
        all).  A theme is a column of ``matrix(cols="theme")``: ``"facilitation"``
        quotes the codes that count for it, ``"facilitation (against)"`` the
        others (:meth:`~qlr.codebook.Codebook.rollup`).
    codebook : Codebook or str, optional
        A codebook, the id of one applied to the study, or a bundled name or
        path; defaults to the study's only codebook.
    discounted : bool
        Quote the discounted rule matches instead of the counted codings.
    summaries : bool, optional
        Quote the codings in the team's summaries of interviews, as :func:`matrix` counts them (by default as the
        codebook's ladder does: not at ``summary_weight`` 0).

    Returns
    -------
    DataFrame
        ``coding_id``, ``case_id``, ``wave_id``, ``code_id``, ``seg_id``, ``speaker``,
        ``origin``, ``coder``, ``quote`` (the exact coded text), ``doc_id``, ``start``,
        ``end``, ``assertion`` (a rule match's status; empty for a person's coding).

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> q = qlr.track.quotes(study, case="C10", theme="redefining_work", wave="W3")
    >>> any("work" in text.lower() for text in q["quote"])
    True
    >>> sorted(set(qlr.track.quotes(study, discounted=True)["assertion"]))
    ['declined', 'historical', 'hypothetical', 'negated', 'other', 'question']
    """
    cb = pick_codebook(study, codebook)
    if discounted:
        coded = codings_in_context(study, cb, assertions=ASSERTIONS, summaries=summaries)
        coded = coded[coded["assertion"].notna() & ~coded["assertion"].isin(list(COUNTED_ASSERTIONS))]
    else:
        coded = codings_in_context(study, cb, summaries=summaries)
    if case is not None:
        coded = coded[coded["case_id"] == case]
    if wave is not None:
        coded = coded[coded["wave_id"] == wave]
    if code is not None:
        coded = coded[coded["code_id"] == code]
    if theme is not None:
        # The codes of the matrix cell: "facilitation (against)" quotes the codes that count against it.
        coded = coded[coded["code_id"].map(lambda c: c in cb and cb.rollup(c) == theme)]
    coded = coded.assign(quote=quotes_of(study, coded))
    columns = ["coding_id", "case_id", "wave_id", "code_id", "seg_id", "speaker", "origin", "coder", "quote", "doc_id", "start", "end", "assertion"]
    return coded[columns].reset_index(drop=True)
