"""A framework chart of a study's codings: cases × themes per wave, each cell the quotes behind it with their references.

A Framework analyst (Ritchie and Spencer; NatCen) charts each wave as a matrix of cases and sub-themes whose
cells hold what the case said, in quotation marks, with a reference back to the transcript. This is that chart
of qlr's results: the cells are :func:`qlr.track.matrix`'s (which case was seen at which wave, and why not) and
their words are :func:`qlr.track.quotes`' (the codings the matrix counts), so the chart says nothing the matrix
and the evidence trail do not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._display import ResultDisplay
from ..codebook._display import code_labels
from ..errors import SelectionError
from ..evidence import pick_codebook
from ._matrix import matrix, quotes

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["chart", "Chart"]

#: The most characters an Excel cell holds; a cell's quotes beyond it are in the ``quotes`` sheet.
EXCEL_CELL = 32_767


class Chart(ResultDisplay):
    """A framework chart: per wave, cases × themes (or codes), each cell the quotes behind it.

    Build one with :func:`qlr.track.chart`.

    Parameters
    ----------
    cells : DataFrame
        One row per case × wave × column: ``cell`` (the quotes, one a line, each with its reference;
        empty where nothing was coded; the reason in brackets where the case was not seen), ``count``
        (the codings the matrix counts there), ``reason`` (why the case was not seen, else None).
    quotes : DataFrame
        One row per quote: :func:`qlr.track.quotes`' columns, the chart's column, and ``line``
        (the line of the document's text the quote starts on) and ``reference``.
    cols : str
        ``"theme"`` or ``"code_id"``: what the chart's columns are.
    names : dict, optional
        Each column's heading in the workbook (the codebook's name for it); a column not in it is headed by its id.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> ch = qlr.track.chart(study)
    >>> ch
    <Chart case × theme by wave: 27 cases, 3 waves, 11 columns, 1,038 quotes>
    >>> print(ch.panel("W3").loc["C06", "assets (against)"])
    (dropped out)
    """

    def __init__(self, cells: pd.DataFrame, quotes: pd.DataFrame, *, cols: str, names: dict[str, str] | None = None) -> None:
        self.cells = cells
        self.quotes = quotes
        self.cols = cols
        #: Each column's heading in the workbook: the codebook's name for it ("1.1 Referral" for its id), where no other column has that name.
        self.names = names or {}

    def panel(self, wave: str) -> pd.DataFrame:
        """One wave's chart: cases × columns, each cell its quotes with their references.

        Parameters
        ----------
        wave : str
            A wave id.

        Returns
        -------
        DataFrame
            Cases × columns of text.

        Raises
        ------
        SelectionError
            The chart has no such wave.

        Examples
        --------
        >>> import qlr
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> w1 = qlr.track.chart(study).panel("W1")
        >>> w1.loc["C11", "power"]  # C11 joined at W2
        '(not yet joined)'
        """
        part = self.cells[self.cells["wave_id"] == wave]
        if part.empty:
            raise SelectionError(f"no wave {wave!r} in this chart", hint=f"choose from {', '.join(map(str, self.cells['wave_id'].unique()))}")
        return part.pivot_table(index="case_id", columns=self.cols, values="cell", aggfunc="first", dropna=False, sort=False)

    def to_excel(self, path: str | Path) -> None:
        """Write one sheet per wave (cases × columns), a ``quotes`` sheet and a ``cells`` sheet, atomically.

        Each wave's columns are headed by the codebook's names for them (a code's name, "1.1 Referral and
        first contact", where its id is ``1_getting_support.1_1_referral_and_first_contact``); the ``cells``
        and ``quotes`` sheets keep the ids.  Text is stored as text, never as a formula (a quote that begins
        with ``=`` stays words).  A cell
        longer than Excel holds ends with how many of its quotes are only in the ``quotes`` sheet.

        Parameters
        ----------
        path : str or Path
            The ``.xlsx`` file to write.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> path = os.path.join(tempfile.mkdtemp(), "chart.xlsx")
        >>> qlr.track.chart(study).to_excel(path)
        >>> list(pd.read_excel(path, sheet_name=None))
        ['W1', 'W2', 'W3', 'quotes', 'cells']
        """
        from .._output import write_excel

        panels = [(str(wave), self.panel(wave).map(_fits).rename(columns=self.names), True) for wave in self.cells["wave_id"].drop_duplicates()]
        write_excel(path, [*panels, ("quotes", self.quotes, False), ("cells", self.cells.assign(cell=self.cells["cell"].map(_fits)), False)])

    def to_csv(self, path: str | Path, *, raw: bool = False) -> None:
        """Write the cells (case, wave, column, cell, count, reason) as CSV, atomically, safe to open in a spreadsheet.

        A cell a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``) gets a leading
        ``'`` unless ``raw=True``.

        Parameters
        ----------
        path : str or Path
        raw : bool, default False
            Write text exactly as it is.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
        >>> path = os.path.join(tempfile.mkdtemp(), "chart.csv")
        >>> qlr.track.chart(study).to_csv(path)
        >>> list(pd.read_csv(path).columns)
        ['case_id', 'wave_id', 'theme', 'cell', 'count', 'reason']
        """
        from .._output import write_csv

        write_csv(path, self.cells, raw=raw)

    def _summary(self) -> str:
        cases, waves, columns = (self.cells[c].nunique() for c in ("case_id", "wave_id", self.cols))
        return f" case × {self.cols.removesuffix('_id')} by wave: {cases} cases, {waves} waves, {columns} columns, {len(self.quotes):,} quotes"

    def _sections(self) -> list[tuple[str, Any]]:
        return [(f"Wave {wave}", self.panel(wave)) for wave in self.cells["wave_id"].drop_duplicates()]


def _fits(text: Any) -> Any:
    """A cell's text cut to what an Excel cell holds, saying how many quotes are left to the quotes sheet."""
    if not isinstance(text, str) or len(text) <= EXCEL_CELL:
        return text
    kept, left = [], text.split("\n")
    while left and sum(len(line) + 1 for line in [*kept, left[0]]) <= EXCEL_CELL - 80:
        kept.append(left.pop(0))
    return "\n".join([*kept, f"… and {len(left)} more quotes (the quotes sheet)"])


def chart(study: Study, *, cols: str = "theme", codebook: Any = None) -> Chart:
    """A framework chart of the study's codings: per wave, cases × themes, each cell the quotes behind it.

    Each cell holds every passage :func:`qlr.track.quotes` gives for that case, wave and column, one a line,
    in quotation marks and followed by its reference: the document and the line of its text the passage
    starts on (``“We run the group ourselves” (P01_W3_interview, line 15)``). A cell with nothing coded is
    empty; a case not seen at a wave says why in brackets (``(dropped out)``, ``(not yet joined)``,
    ``(missed)``, ``(not coded)``), as :func:`qlr.track.matrix` has it.

    Parameters
    ----------
    study : Study
        The coded study.
    cols : {"theme", "code"}
        The chart's columns: themes (the codebook's roll-ups, a theme's codes that count against it in a
        column of their own) or codes (a Framework analyst's sub-themes, where the study's codebook is their
        framework).
    codebook : Codebook or str, optional
        Which codebook's codings; defaults to the study's only codebook.

    Returns
    -------
    Chart
        ``.cells``, ``.quotes``, ``.panel(wave)``, ``.to_excel(path)``, ``.to_csv(path)``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> ch = qlr.track.chart(study)
    >>> cell = ch.cells.set_index(["case_id", "wave_id", "theme"]).loc[("C01", "W1", "reciprocity")]
    >>> int(cell["count"]), cell["cell"].count("\\n") + 1  # two codes of one passage: quoted once, naming both
    (2, 1)
    >>> cell["cell"].endswith("(C01_W1_interview, line 57; reciprocity.time_credits, reciprocity.giving_back)")
    True
    """
    cb = pick_codebook(study, codebook)
    grid = matrix(study, cols=cols, codebook=cb)
    column = grid.cols
    said = quotes(study, codebook=cb)
    said = said.assign(**{column: said["code_id"].map(cb.rollup) if cols == "theme" else said["code_id"]})
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    lines = [texts.get(doc, "").count("\n", 0, int(start)) + 1 for doc, start in zip(said["doc_id"], said["start"])]
    said = said.assign(line=lines)
    said["reference"] = [f"{doc}, line {line}" for doc, line in zip(said["doc_id"], said["line"])]
    said = said.sort_values(["case_id", "wave_id", column, "doc_id", "start", "end"], kind="stable").reset_index(drop=True)
    # A passage coded with two codes of one theme is quoted once in its cell, naming both codes.
    passages = said.groupby(["case_id", "wave_id", column, "doc_id", "start", "end"], sort=False).agg(
        quote=("quote", "first"), reference=("reference", "first"), codes=("code_id", lambda c: ", ".join(dict.fromkeys(c)))
    )
    passages = passages.reset_index()
    named = [f"{ref}; {codes}" if cols == "theme" else ref for ref, codes in zip(passages["reference"], passages["codes"])]
    passages["text"] = [f"“{' '.join(str(q).split())}” ({ref})" for q, ref in zip(passages["quote"], named)]
    joined = passages.groupby(["case_id", "wave_id", column], sort=False)["text"].agg("\n".join)
    cells = grid.tidy[["case_id", "wave_id", column, "count", "reason"]].copy()
    keys = pd.MultiIndex.from_frame(cells[["case_id", "wave_id", column]])
    cells["cell"] = joined.reindex(keys).to_numpy()
    seen = cells["reason"].isna()
    cells.loc[seen, "cell"] = cells.loc[seen, "cell"].fillna("")
    cells.loc[~seen, "cell"] = "(" + cells.loc[~seen, "reason"].astype(str) + ")"
    cells = cells[["case_id", "wave_id", column, "cell", "count", "reason"]].reset_index(drop=True)
    return Chart(cells, said, cols=column, names=_headings(cb, list(cells[column].drop_duplicates())))


def _headings(codebook: Any, columns: list[str]) -> dict[str, str]:
    """Each column's heading as the codebook names it (a code's or theme's name; "Power (against)"; its path where
    names repeat: :meth:`qlr.Codebook.labels`)."""
    return code_labels(codebook, columns)
