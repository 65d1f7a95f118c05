"""Time-ordered displays (Miles, Huberman & Saldaña, ch. 8): tidy tables with the quotes in them, and readable HTML.

- the time-ordered matrix: case × wave, the key quote of each theme;
- the case-ordered meta-matrix: cases ordered by trajectory or final level,
  each cell the level placed and the quote that decided it;
- the event listing: dated observation notes and documents, date × theme.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._check import check_choice
from .._display import ResultDisplay
from .._rows import quotes_of
from ..codebook._display import code_labels
from ..errors import SelectionError
from ..evidence import pick_codebook
from ..io._segment import OBSERVATION_KINDS
from ._evidence import codings_in_context, presence, study_orders
from ._placements import flat_placements
from ._trajectory import TRAJECTORY_TYPES, trajectories

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study
    from ._placements import Placements

__all__ = ["Display", "time_ordered_matrix", "case_ordered_meta_matrix", "event_listing", "META_ORDERS"]

#: The columns of a display that hold a theme or a code (shown by :attr:`Display.labels`).
CODE_COLUMNS = ("theme", "code_id")

#: How a case-ordered meta-matrix orders its cases.
META_ORDERS = ("trajectory", "final")


class Display(ResultDisplay):
    """A time-ordered display: one tidy table, a wide view to read across, and escaped HTML.

    Made by :func:`time_ordered_matrix`, :func:`case_ordered_meta_matrix` and
    :func:`event_listing`.

    Parameters
    ----------
    table : DataFrame
        One row per cell, each with its quote (no list-valued cells).
    rows : list of str
        The columns that make a row of the wide view, in order.
    cols : str
        The column whose values are the wide view's columns.
    cell : str
        The column with the short text shown before the quote (a count or a level).
    title : str
        What the display is.
    order : list, optional
        The wide view's columns in order (default: as they first appear).
    labels : dict, optional
        How the HTML shows a theme or code (its id → :meth:`qlr.Codebook.labels`, its name), as a row's key or a
        column's heading; the tables keep the ids.

    Examples
    --------
    >>> import qlr
    >>> display = qlr.track.time_ordered_matrix(sample.copy().apply("coproduction").sel(case="C05"))  # sample = qlr.load("data/sample")
    >>> display
    <Display time-ordered matrix: 1 case × 3 waves, 25 cells>
    """

    def __init__(self, table: pd.DataFrame, *, rows: list[str], cols: str, cell: str, title: str, order: list[Any] | None = None, labels: dict[str, str] | None = None) -> None:
        self.table = table
        self.labels = dict(labels or {})
        present = list(dict.fromkeys(table[cols]))
        self.order = [c for c in order if c in set(present)] + [c for c in present if c not in set(order)] if order is not None else present
        self.rows = list(rows)
        self.cols = cols
        self.cell = cell
        self.title = title

    @property
    def wide(self) -> pd.DataFrame:
        """The display to read across: ``rows`` down, ``cols`` across, each cell ``"<cell>: “quote”"``.

        Returns
        -------
        DataFrame
            One row per value of ``rows``; an empty cell is an empty string.

        Examples
        --------
        >>> import qlr
        >>> display = qlr.track.time_ordered_matrix(sample.copy().apply("coproduction").sel(case="C05"))  # sample = qlr.load("data/sample")
        >>> display.wide.columns.tolist()
        ['W1', 'W2', 'W3']
        """
        text = self.table.assign(_text=[_cell_text(c, q) for c, q in zip(self.table[self.cell], self.table["quote"])])
        columns = self.order
        wide = text.pivot_table(index=self.rows, columns=self.cols, values="_text", aggfunc="first", sort=False)
        return wide.reindex(columns=columns).fillna("").rename_axis(columns=None)

    def to_html(self) -> str:
        """The display as a static HTML table: every value escaped, quotes set apart, no scripts.

        Returns
        -------
        str
            A ``<table class="qlr-display">``.

        Examples
        --------
        >>> import qlr
        >>> display = qlr.track.time_ordered_matrix(sample.copy().apply("coproduction").sel(case="C05"))  # sample = qlr.load("data/sample")
        >>> display.to_html().startswith('<table class="qlr-display">')
        True
        """
        columns = self.order
        shown = self.labels
        # Only a theme or code is labelled: a wave or document whose id is also a code's keeps its id.
        heading = shown if self.cols in CODE_COLUMNS else {}
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.rows) + "".join(f"<th>{html.escape(heading.get(str(c), str(c)))}</th>" for c in columns)
        body = []
        grouped = self.table.groupby(self.rows, sort=False, dropna=False)
        for key, part in grouped:
            key = key if isinstance(key, tuple) else (key,)
            cells = {value: row for value, row in zip(part[self.cols], part.itertuples(index=False))}
            tds = [f"<th>{html.escape(shown.get(_plain(k), _plain(k)) if row in CODE_COLUMNS else _plain(k))}</th>" for row, k in zip(self.rows, key)]
            for column in columns:
                row = cells.get(column)
                if row is None:
                    tds.append("<td></td>")
                    continue
                what = html.escape(_plain(getattr(row, self.cell)))
                quote = _plain(row.quote)
                tds.append(f"<td><b>{what}</b>" + (f"<br><q>{html.escape(quote)}</q>" if quote else "") + "</td>")
            body.append("<tr>" + "".join(tds) + "</tr>")
        return f'<table class="qlr-display"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

    def _summary(self) -> str:
        first = "case_id" if "case_id" in self.rows else self.rows[0]
        n_rows, n_cols = self.table[first].nunique(), self.table[self.cols].nunique()
        row_word = {"case_id": "case", "date": "date"}.get(first, first)
        col_word = {"wave_id": "wave", "theme": "theme", "code_id": "code"}.get(self.cols, self.cols)
        return f" {self.title}: {n_rows} {row_word}{'s' * (n_rows != 1)} × {n_cols} {col_word}{'s' * (n_cols != 1)}, {len(self.table)} cells"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("", self.to_html())]


def _plain(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _cell_text(what: Any, quote: Any) -> str:
    quote = _plain(quote)
    return _plain(what) + (f": “{quote}”" if quote else "")


def _key_quotes(coded: pd.DataFrame, study: Study, keys: list[str]) -> pd.DataFrame:
    """Per group of ``keys``: how many codings, and the key quote.

    The key quote is the widest coded span on the segment holding the most of
    the group's codings (ties: the earliest in the study's document order, then in the text).
    """
    doc_order = pd.Index(study.documents["doc_id"])
    coded = coded.assign(
        _doc=doc_order.get_indexer(coded["doc_id"]),
        _width=(coded["end"] - coded["start"]).astype(int),
        _per_segment=coded.groupby([*keys, "seg_id"], dropna=False)["code_id"].transform("size"),
    )
    ranked = coded.sort_values(["_per_segment", "_doc", "start", "_width"], ascending=[False, True, True, False], kind="stable")
    best = ranked.drop_duplicates(subset=keys, keep="first")
    counts = coded.groupby(keys, dropna=False, sort=False).size().rename("n_codings").reset_index()
    segment_keys = list(dict.fromkeys([*keys, "seg_id"]))
    # The widest span on the chosen segment (not necessarily the first coding ranked).
    on_segment = coded.merge(best[segment_keys], on=segment_keys)
    on_segment = on_segment.sort_values("_width", ascending=False, kind="stable").drop_duplicates(subset=keys)
    chosen = on_segment[list(dict.fromkeys([*keys, "seg_id", "doc_id", "start", "end"]))]
    table = counts.merge(chosen, on=keys, how="left")
    table["quote"] = quotes_of(study, table)
    return table.drop(columns=["start", "end"])


def _node_column(coded: pd.DataFrame, cb: Any, granularity: str) -> tuple[pd.DataFrame, str]:
    check_choice("granularity", granularity, ("theme", "code"))
    coded = coded[coded["code_id"].isin([c.id for c in cb]).to_numpy(dtype=bool)]
    if granularity == "theme":
        # Codebook.rollup: a theme's codes that count against it are a row of their own.
        return coded.assign(theme=coded["code_id"].map({c.id: cb.rollup(c.id) for c in cb})), "theme"
    return coded, "code_id"


def time_ordered_matrix(study: Study, *, granularity: str = "theme", codebook: Any = None) -> Display:
    """The time-ordered matrix: for each case and theme, a column per wave holding its count and key quote.

    Parameters
    ----------
    study : Study
        A coded study (select cases first: ``study.sel(role="carer")``).
    granularity : {"theme", "code"}
        A row per theme (default) or per code.  A theme's codes that count
        against it (:meth:`~qlr.codebook.Codebook.rollup`) are a row of their
        own, ``"<theme> (against)"``.
    codebook : Codebook or str, optional
        Defaults to the study's only codebook.

    Returns
    -------
    Display
        ``table``: one row per case × theme × wave with codings, plus one per
        case × wave the case was not seen (``theme`` empty, ``n_codings`` the
        attrition state, e.g. ``"dropped out"``): ``case_id``, the theme,
        ``wave_id``, ``n_codings``, ``seg_id``, ``doc_id``, ``quote``.

    Notes
    -----
    Counts are of the codings :func:`qlr.evidence.evidence` counts.  The key
    quote is the widest coded span on the segment with the most codings of the
    theme at that wave (ties: the earliest).  After Miles, Huberman & Saldaña
    (2014), *Qualitative Data Analysis*, 3rd ed., ch. 8.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> display = qlr.track.time_ordered_matrix(study.sel(case=["C05", "C06"]))
    >>> display.table.query("case_id == 'C06' and wave_id == 'W3'")["n_codings"].tolist()
    ['dropped out']
    """
    cb = pick_codebook(study, codebook)
    coded, node = _node_column(codings_in_context(study, cb, need=[]), cb, granularity)
    coded = coded.dropna(subset=["case_id", "wave_id"])
    table = _key_quotes(coded, study, ["case_id", node, "wave_id"])
    table["n_codings"] = table["n_codings"].astype(object)
    seen = presence(study, cb)  # a pooled study's cases its study never coded with cb: "not coded" rows, not absent from view
    cases = set(study.cases["case_id"])
    gaps = seen[(~seen["present"]) & seen["case_id"].isin(cases) & (seen["state"] != "not scheduled")]
    gaps = pd.DataFrame({"case_id": gaps["case_id"], node: "", "wave_id": gaps["wave_id"], "n_codings": gaps["state"], "seg_id": None, "doc_id": None, "quote": ""})
    # A gap's empty columns take the coded rows' types, so joining them decides no type (pandas 2 warned of it).
    gaps = gaps.astype({column: table[column].dtype for column in ("seg_id", "doc_id")})
    table = pd.concat([table, gaps], ignore_index=True) if len(gaps) else table
    orders = study_orders(study)
    node_order = cb.rollups() if granularity == "theme" else [c.id for c in cb]
    table = table.assign(
        _case=pd.Index(orders["case_id"]).get_indexer(table["case_id"]),
        _node=[node_order.index(v) if v in node_order else -1 for v in table[node]],
        _wave=pd.Index(orders["wave_id"]).get_indexer(table["wave_id"]),
    )
    table = table.sort_values(["_case", "_node", "_wave"], kind="stable").drop(columns=["_case", "_node", "_wave"]).reset_index(drop=True)
    return Display(
        table[["case_id", node, "wave_id", "n_codings", "seg_id", "doc_id", "quote"]], rows=["case_id", node], cols="wave_id", cell="n_codings",
        title="time-ordered matrix", order=orders["wave_id"], labels=code_labels(cb, [v for v in table[node].drop_duplicates() if v]),
    )


def case_ordered_meta_matrix(placements: Placements, *, facet: str | None = None, order: str = "trajectory", use_overrides: bool = True) -> Display:
    """The case-ordered meta-matrix: cases ordered by trajectory or final level, each cell the level and the quote that decided it.

    Parameters
    ----------
    placements : Placements
        From :func:`qlr.track.ladder` by case and wave (it carries the evidence).
    facet : str, optional
        One facet; all facets (a row per case × facet) by default.
    order : {"trajectory", "final"}
        ``"trajectory"``: by trajectory type (advancing, declining, stable,
        fluctuating, incomplete), then by final level, highest first.
        ``"final"``: by the level at the last wave placed, highest first.
    use_overrides : bool
        Show a researcher's override (``final_level``) where there is one.

    Returns
    -------
    Display
        ``table``: one row per case × facet × wave: ``rank`` (the case's place
        in the order), ``case_id``, ``facet``, ``trajectory``, ``final``,
        ``wave_id``, ``level``, ``level_name``, ``seg_id``, ``quote`` (the
        first piece of the placement's evidence trail that counted, never a
        summary's passage at ``summary_weight`` 0; empty for an override
        or an unplaced cell).

    Examples
    --------
    >>> import qlr
    >>> carers = sample.copy().apply("coproduction").sel(role="carer")  # sample = qlr.load("data/sample")
    >>> meta = qlr.track.case_ordered_meta_matrix(qlr.track.ladder(carers), facet="delivery", order="final")
    >>> meta.table.drop_duplicates("case_id")["case_id"].head(3).tolist()
    ['C01', 'C10', 'C02']
    """
    check_choice("order", order, META_ORDERS)
    from ._placements import Placements

    if not isinstance(placements, Placements):
        raise SelectionError("a meta-matrix needs the placements' evidence", hint="pass what qlr.track.ladder(study) returns")
    table = flat_placements(placements)
    if facet is not None:
        facets = sorted(set(table["facet"].dropna()))
        check_choice("facet", facet, facets)
        table = table[table["facet"] == facet]
    column = "final_level" if use_overrides and "final_level" in table.columns else "level"
    paths = trajectories(placements, facet=facet, use_overrides=use_overrides)
    waves = [w for w in placements.waves if w in paths.columns]
    paths["final"] = paths[waves].apply(lambda row: row.dropna().iloc[-1] if row.notna().any() else float("nan"), axis=1)
    type_rank = {t: k for k, t in enumerate(TRAJECTORY_TYPES)}
    case_rank = {c: k for k, c in enumerate(placements.table["case_id"].drop_duplicates())}
    paths["_type"] = paths["type"].map(type_rank)
    paths["_case"] = paths["case_id"].map(case_rank)
    by = ["facet", "_type", "final", "_case"] if order == "trajectory" else ["facet", "final", "_case"]
    ascending = [True, True, False, True] if order == "trajectory" else [True, False, True]
    paths = paths.sort_values(by, ascending=ascending, na_position="last", kind="stable")
    paths["rank"] = paths.groupby("facet").cumcount() + 1

    deciding = placements.evidence
    # The first passage of each trail, unless it counted for nothing (a summary's at summary_weight 0, cited last).
    first = deciding["rank"].eq(0) & (deciding["counted"].fillna(True).astype(bool) if "counted" in deciding.columns else True)
    deciding = deciding[first.to_numpy(dtype=bool)][["case_id", "wave_id", "facet", "seg_id", "quote"]]
    cells = table[["case_id", "wave_id", "facet", column, "level_name", "overridden"] if "overridden" in table.columns else ["case_id", "wave_id", "facet", column, "level_name"]]
    cells = cells.merge(deciding, on=["case_id", "wave_id", "facet"], how="left")
    if "overridden" in cells.columns:
        # An override was decided by the researcher's reading, not by the first quote.
        overridden = cells["overridden"].fillna(False).astype(bool)
        cells.loc[overridden, ["seg_id", "quote"]] = [None, ""]
        cells = cells.drop(columns=["overridden"])
    cells = cells.rename(columns={column: "level"})
    # A ladder without facets (e.g. a crosswalk's) leaves facet all-missing: float in one table, object in the other.
    paths["facet"], cells["facet"] = paths["facet"].astype(object), cells["facet"].astype(object)
    out = paths[["rank", "case_id", "facet", "type", "final"]].rename(columns={"type": "trajectory"}).merge(cells, on=["case_id", "facet"], how="left")
    out["_wave"] = pd.Index(placements.waves).get_indexer(out["wave_id"])
    out = out.sort_values(["facet", "rank", "_wave"], kind="stable").drop(columns=["_wave"]).reset_index(drop=True)
    out["level_text"] = [f"{_plain(lv)} {_plain(name)}".strip() for lv, name in zip(out["level"], out["level_name"])]
    out["quote"] = out["quote"].fillna("")
    return Display(out, rows=["rank", "case_id", "facet", "trajectory"], cols="wave_id", cell="level_text", title="case-ordered meta-matrix", order=list(placements.waves))


def event_listing(study: Study, *, granularity: str = "theme", kinds: tuple[str, ...] = (*OBSERVATION_KINDS, "document"), codebook: Any = None) -> Display:
    """The event listing: dated observation notes and documents, date by theme, with quotes.

    A dated entry of an observation file (a segment with a date) is an event
    on its date; a document with a date (a funding bid, an annual report) is
    an event on that date with all its coded passages.  Interviews are not
    events here (they are in the time-ordered matrix).

    Parameters
    ----------
    study : Study
        A coded study.
    granularity : {"theme", "code"}
        A column per theme (default) or per code; a theme's codes that count
        against it are a column of their own (:meth:`~qlr.codebook.Codebook.rollup`).
    kinds : tuple of str
        The document kinds read: observation notes (``"observation"``, and
        ``"fieldnotes"`` and ``"notes"`` as notes named for their wave are) and
        ``"document"``.
    codebook : Codebook or str, optional
        Defaults to the study's only codebook.

    Returns
    -------
    Display
        ``table``: one row per date × source × theme with codings: ``date``,
        ``wave_id``, ``doc_id``, ``kind``, the theme, ``n_codings``,
        ``seg_id``, ``quote`` (the key quote, as in :func:`time_ordered_matrix`),
        in date order.  Undated coded passages are left out of the listing and
        counted in the display's ``title``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction")  # sample = qlr.load("data/sample")
    >>> events = qlr.track.event_listing(study)
    >>> events.table["date"].is_monotonic_increasing, events.table["date"].min().year
    (True, 2023)
    """
    cb = pick_codebook(study, codebook)
    coded, node = _node_column(codings_in_context(study, cb, need=[]), cb, granularity)
    coded = coded[coded["kind"].isin(list(kinds)).to_numpy(dtype=bool)]
    segment_dates = study.segments.set_index("seg_id")["date"]
    own = pd.to_datetime(coded["seg_id"].map(segment_dates), errors="coerce")
    coded = coded.assign(date=own.fillna(pd.to_datetime(coded["date"], errors="coerce")))
    undated = int(coded["date"].isna().sum())
    coded = coded.dropna(subset=["date"])
    table = _key_quotes(coded, study, ["date", "doc_id", node])
    kind_of = dict(zip(study.documents["doc_id"], study.documents["kind"]))
    wave_of = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))
    table["kind"] = table["doc_id"].map(kind_of)
    table["wave_id"] = table["doc_id"].map(wave_of)
    node_order = cb.rollups() if granularity == "theme" else [c.id for c in cb]
    table["_node"] = [node_order.index(v) for v in table[node]]
    table = table.sort_values(["date", "doc_id", "_node"], kind="stable").drop(columns=["_node"]).reset_index(drop=True)
    title = "event listing" + (f" ({undated} undated coded passages left out)" if undated else "")
    return Display(
        table[["date", "wave_id", "doc_id", "kind", node, "n_codings", "seg_id", "quote"]], rows=["date", "doc_id"], cols=node, cell="n_codings",
        title=title, order=node_order, labels=code_labels(cb, node_order),
    )
