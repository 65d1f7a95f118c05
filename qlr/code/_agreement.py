"""Intercoder agreement: percent agreement, Cohen's, Fleiss' and Brennan–Prediger kappa, Krippendorff's alpha.

The statistics come from well-kept libraries where they exist (scikit-learn's
``cohen_kappa_score``, statsmodels' ``fleiss_kappa``, the ``krippendorff``
package); qlr's part is turning codings into the units × coders table they read,
with *missing* where a coder did not code a document at all (a document the import records them reading, as an
annotator's empty brat ``.ann``, ``study.meta["annotated"]``, is one they coded, with nothing).  For presence by
segment or document, :func:`agreement` hands them each code's distinct rows of that
table with how many units carry each (counted from the codings, the table never
built), which gives the same statistics in time that grows with the codings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import deprecated_constants, renamed_keywords
from .._codings import annotated_documents, consensus_made
from .._warned import warn
from ..errors import CodingError, QlrWarning, RowsRefusedWarning
from ..evidence import settled

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["reliability", "agreement", "disagreements", "coding_table", "coder_pairs", "human_coders", "UNITS", "MEASUREMENTS"]

#: What agreement compares: each segment, each character, or each document.
UNITS = ("segment", "character", "document")
#: Krippendorff's levels of measurement of the values coders give.
MEASUREMENTS = ("nominal", "ordinal", "interval", "ratio")

__getattr__ = deprecated_constants(__name__, {"LEVELS": ("MEASUREMENTS", MEASUREMENTS)})


@renamed_keywords(level="measurement")
def reliability(data: Any, *, measurement: str = "nominal", categories: int | None = None, weights: Any = None) -> dict[str, float]:
    """Agreement statistics of a units × coders table (NaN where a coder gave no value).

    With ``n`` units, ``m`` coders and ``q`` categories:

    ``percent_agreement``
        Share of units rated by two or more coders on which all of them agree.
    ``cohen_kappa`` (two coders only)
        ``κ = (p_o − p_e) / (1 − p_e)``, ``p_o`` the observed agreement and ``p_e``
        the agreement expected from each coder's own category proportions, over the
        units both rated (scikit-learn's ``cohen_kappa_score``).
    ``fleiss_kappa``
        ``κ = (P̄ − P̄_e) / (1 − P̄_e)`` with ``P̄`` the mean over units of the
        proportion of agreeing coder pairs and ``P̄_e = Σ_j p_j²`` from the pooled
        category proportions; units rated by every coder (statsmodels).
    ``brennan_prediger``
        ``κ = (P̄ − 1/q) / (1 − 1/q)``: like Fleiss' but chance is uniform over the
        ``q`` categories (free-marginal kappa).
    ``krippendorff_alpha``
        ``α = 1 − D_o / D_e`` (observed over expected disagreement), any number of
        coders, missing values allowed, at the given level of ``measurement``:
        nominal, ordinal, interval or ratio (the ``krippendorff`` package).

    Parameters
    ----------
    data : array-like
        Units × coders: one row per unit, one column per coder, the value each
        coder gave (NaN where they gave none).
    measurement : {"nominal", "ordinal", "interval", "ratio"}
        The values' level of measurement, for Krippendorff's alpha.  (Formerly
        ``level=``, which still works with a warning.)
    categories : int, optional
        The number of categories ``q`` for Brennan–Prediger (default: the values
        seen, at least two).
    weights : array-like, optional
        How many units each row stands for (e.g. the characters of an interval
        over which every coder's value is the same).  Every statistic is then
        the one of the table with row ``u`` repeated ``w_u`` times, computed
        without repeating it (see Notes).

    Returns
    -------
    dict
        ``n_units`` (units rated by two or more coders; with ``weights``, the sum
        of their weights), the statistics above, and, after Fleiss' kappa,
        ``n_units_fleiss``: the units it read (those every coder rated; ``n_units`` with two
        coders, fewer with three or more where a coder did not rate every
        unit); NaN for a statistic the table cannot give (e.g. Cohen's with
        three coders).

    Notes
    -----
    With weights ``w_u`` and ``n_uc`` the number of coders who gave unit ``u``
    the value ``c`` (``m_u = Σ_c n_uc`` of them, units with ``m_u ≥ 2``):
    percent agreement, Brennan–Prediger's ``P̄`` and Fleiss' ``P̄`` are
    ``w``-weighted means over units; Fleiss' ``p_j = Σ_u w_u n_uj / (m Σ_u w_u)``;
    Cohen's kappa counts its contingency table with ``w`` (scikit-learn's
    ``sample_weight``); Krippendorff's coincidences are
    ``o_ck = Σ_u w_u n_uc (n_uk − [c = k]) / (m_u − 1)``, ``n_c = Σ_k o_ck``,
    ``n = Σ_c n_c`` and ``α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck``, with
    ``δ²_ck`` = ``[c ≠ k]`` (nominal), ``(c − k)²`` (interval),
    ``((c − k)/(c + k))²`` (ratio) or ``(Σ_{g=c..k} n_g − (n_c + n_k)/2)²``
    (ordinal) (Krippendorff 2011).  Each equals the unweighted statistic of the
    repeated table.

    Examples
    --------
    >>> import numpy as np
    >>> table = np.array([[1, 1], [1, 0], [0, 0], [1, 1]])
    >>> {k: round(v, 3) for k, v in reliability(table).items()}
    {'n_units': 4, 'percent_agreement': 0.75, 'cohen_kappa': 0.5, 'fleiss_kappa': 0.467, 'n_units_fleiss': 4, 'brennan_prediger': 0.5, 'krippendorff_alpha': 0.533}

    Three rows stand for nine units when weighted 3, 3 and 3 (e.g. characters):

    >>> weighted = reliability([[1, 1], [1, 0], [0, 0]], weights=[3, 3, 3])
    >>> weighted == reliability([[1, 1]] * 3 + [[1, 0]] * 3 + [[0, 0]] * 3) | {"n_units": 9, "n_units_fleiss": 9}
    True
    """
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import fleiss_kappa

    from .._check import check_choice

    check_choice("measurement", measurement, MEASUREMENTS)
    table = np.asarray(data, dtype=float)
    if table.ndim != 2 or table.shape[1] < 2:
        raise CodingError("agreement needs a units × coders table with two or more coders", hint="pass coders=[…] with at least two names")
    weighted = weights is not None
    all_weights = np.asarray(weights, dtype=float) if weighted else np.ones(len(table))
    if weighted and all_weights.shape != (len(table),):
        raise CodingError(f"weights has {all_weights.size} value(s) for {len(table)} unit(s)", hint="pass one weight per row of the table")
    rated = (~np.isnan(table)).sum(axis=1)
    usable, w = table[rated >= 2], all_weights[rated >= 2]
    result: dict[str, float] = {"n_units": _count(w.sum()) if weighted else int(len(usable))}
    nan = float("nan")
    if len(usable) == 0:
        return {**result, "percent_agreement": nan, "cohen_kappa": nan, "fleiss_kappa": nan, "n_units_fleiss": result["n_units"], "brennan_prediger": nan, "krippendorff_alpha": nan}
    values = np.unique(table[~np.isnan(table)])
    q = categories or max(len(values), 2)
    # counts[u, j]: how many coders gave unit u the j-th value.
    counts = np.stack([(usable == v).sum(axis=1) for v in values], axis=1).astype(float)
    rated_usable = counts.sum(axis=1)
    result["percent_agreement"] = float(np.average(counts.max(axis=1) == rated_usable, weights=w))
    complete_rows = ~np.isnan(usable).any(axis=1)
    if table.shape[1] == 2:
        both, w_both = usable[complete_rows], w[complete_rows]
        result["cohen_kappa"] = float(cohen_kappa_score(both[:, 0], both[:, 1], sample_weight=w_both if weighted else None)) if len(both) and len(np.unique(both)) > 1 else (1.0 if len(both) else nan)
    else:
        result["cohen_kappa"] = nan
    if complete_rows.any():
        if len(values) < 2:
            result["fleiss_kappa"] = 1.0
        elif weighted:
            result["fleiss_kappa"] = _weighted_fleiss(counts[complete_rows], w[complete_rows])
        else:
            result["fleiss_kappa"] = float(fleiss_kappa(counts[complete_rows], method="fleiss"))
    else:
        result["fleiss_kappa"] = nan
    # Observed agreement P̄ over all usable units (pairs of coders that rated the unit).
    shares = (counts * (counts - 1)).sum(axis=1) / (rated_usable * (rated_usable - 1))
    p_bar = float(np.average(shares, weights=w))
    result["brennan_prediger"] = (p_bar - 1 / q) / (1 - 1 / q)
    if len(values) < 2:
        result["krippendorff_alpha"] = 1.0
    elif weighted:
        result["krippendorff_alpha"] = _weighted_alpha(counts, w, values, measurement)
    else:
        result["krippendorff_alpha"] = float(krippendorff.alpha(reliability_data=table.T, level_of_measurement=measurement))
    result["n_units_fleiss"] = _count(w[complete_rows].sum()) if weighted else int(complete_rows.sum())
    return {key: result[key] for key in _RELIABILITY_KEYS}


#: :func:`reliability`'s figures, in the order its dict (and :func:`agreement`'s columns) gives them.
_RELIABILITY_KEYS = ("n_units", "percent_agreement", "cohen_kappa", "fleiss_kappa", "n_units_fleiss", "brennan_prediger", "krippendorff_alpha")


#: The fix for fewer than two coders (``qlr agreement`` says it with its own option).
TWO_CODERS_FIX = "pass coders=['rm', 'so']"


def _count(total: float) -> float:
    """A sum of weights, as an int when it is whole (characters)."""
    return int(total) if float(total).is_integer() else float(total)


def _weighted_fleiss(counts: np.ndarray, w: np.ndarray) -> float:
    """Fleiss' kappa of units rated by every coder, unit u counted w[u] times."""
    m = counts.sum(axis=1)[0]
    agreeing = ((counts**2).sum(axis=1) - m) / (m * (m - 1))
    p_bar = np.average(agreeing, weights=w)
    p_j = (w[:, None] * counts).sum(axis=0) / (m * w.sum())
    chance = float((p_j**2).sum())
    return float((p_bar - chance) / (1 - chance)) if chance < 1 else float("nan")


def _weighted_alpha(counts: np.ndarray, w: np.ndarray, values: np.ndarray, measurement: str) -> float:
    """Krippendorff's alpha from coincidences weighted by w (formula in :func:`reliability`'s Notes)."""
    pairable = w / (counts.sum(axis=1) - 1)
    coincidence = (counts * pairable[:, None]).T @ counts - np.diag((counts * pairable[:, None]).sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    c, k = np.meshgrid(values, values, indexing="ij")
    if measurement == "nominal":
        delta = (c != k).astype(float)
    elif measurement == "interval":
        delta = (c - k) ** 2
    elif measurement == "ratio":
        with np.errstate(invalid="ignore", divide="ignore"):
            delta = np.nan_to_num(((c - k) / (c + k)) ** 2)
    else:
        cumulative = np.cumsum(n_c)
        i, j = np.meshgrid(np.arange(len(values)), np.arange(len(values)), indexing="ij")
        low, high = np.minimum(i, j), np.maximum(i, j)
        between = cumulative[high] - cumulative[low] + n_c[low]
        delta = (between - (n_c[i] + n_c[j]) / 2) ** 2
    expected = (np.outer(n_c, n_c) * delta).sum()
    return float(1 - (n - 1) * (coincidence * delta).sum() / expected) if expected else float("nan")


def coding_table(
    study: Study,
    *,
    coders: list[str],
    unit: str = "segment",
    codes: list[str] | None = None,
    categories: list[str] | None = None,
) -> pd.DataFrame:
    """The units × coders table behind :func:`agreement`.

    Presence mode (``categories=None``): one row per unit and code, 1 where the
    coder applied the code to (part of) the unit, 0 where they coded the
    document but not this code here, NaN where they did not code the document.
    Category mode: one row per unit, the position (1, 2, …) in ``categories`` of
    the category the coder gave, NaN where they gave none.

    The units:

    ``"segment"``
        The segments rule coding reads (:func:`qlr.code.eligible_segments`:
        participants' turns, notes, the paragraphs of a document without
        speakers), and also every other segment a coder coded (a transcript's
        header or preamble, an interviewer's turn): text a coder coded is a
        unit whatever its speaker role, so no coder's work drops out; an
        uncoded interviewer turn or header is no unit.
    ``"character"``
        Every character of the documents, computed on intervals: per document
        and code, the boundaries of every coder's codings cut the text into
        elementary intervals over which each coder's value is constant; one row
        per interval, with ``start``, ``end`` and ``weight`` (its length in
        characters).  :func:`agreement` counts each row ``weight`` times, which
        gives the same statistics as one row per character in time and memory
        that grow with the number of codings, not of characters.  (This table
        had one row per character, ``unit`` ``"doc@i"``, before; it is now
        ``"doc@start:end"``.)
    ``"document"``
        Each document.

    A coding that reaches no unit (a span that overlaps no segment, or covers
    no character of its document) is not compared, and a
    :class:`~qlr.errors.RowsRefusedWarning` gives their number per coder.

    Parameters
    ----------
    study : Study
        The study holding the coders' codings.
    coders : list of str
        Two or more coder names as recorded in ``study.codings["coder"]``.
    unit : {"segment", "character", "document"}
        What is compared: each segment, each character, or each document.
    codes : list of str, optional
        The codes to compare (default: every code these coders used).
    categories : list of str, optional
        Codes to treat as mutually exclusive categories of one variable
        (category mode).

    Returns
    -------
    DataFrame
        Columns ``unit``, ``doc_id``, ``wave_id``, ``code_id`` (presence mode),
        ``start``, ``end`` and ``weight`` (``unit="character"`` only), then one
        column per coder, named by the coder, or ``"<name> (coder)"`` where the
        name is already one of these columns (a coder named ``start``), so no
        column is there twice.  :func:`reliability` reads the coder columns (and the
        weights).  :func:`compared_codings` says how many of each coder's
        codings reach a unit.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> table = qlr.code.coding_table(study, coders=["rm", "so"], unit="document", codes=["negative.done_to"])
    >>> table.loc[table["unit"] == "C05_W3_interview", ["rm", "so"]].values.tolist()
    [[1.0, 1.0]]
    >>> qlr.code.reliability(table[["rm", "so"]])["percent_agreement"]
    0.75

    Characters come as intervals, each weighted by its length:

    >>> chars = qlr.code.coding_table(study, coders=["rm", "so"], unit="character", codes=["negative.done_to"])
    >>> bool((chars["weight"] == chars["end"] - chars["start"]).all())
    True
    >>> len(chars), int(chars["weight"].sum())  # 52 intervals stand for 124,122 characters
    (52, 124122)
    """
    table = _coding_table(study, coders=coders, unit=unit, codes=codes, categories=categories)
    table.attrs.clear()  # the per-coder counts travel inside qlr only; see compared_codings
    return _named(table, coders)


def _coder_keys(coders: list[str]) -> list[int]:
    """The labels of the coder columns of :func:`_coding_table`: their positions, so that no coder's name ("start",
    "weight", "doc_id") is ever one of the table's own columns."""
    return list(range(len(coders)))


def _coder_columns(columns: list[Any], coders: list[str]) -> dict[int, str]:
    """The column each coder's values get in a table with these other ``columns``: the coder's name, or, where that
    is already one of the table's columns (a coder named ``start``), ``"start (coder)"``.

    The one naming of :func:`coding_table`'s and :func:`disagreements`' coder columns.

    Examples
    --------
    >>> _coder_columns(["unit", "doc_id", "start", "end"], ["Ana", "start"])
    {0: 'Ana', 1: 'start (coder)'}
    """
    taken = {str(column) for column in columns if not isinstance(column, int)}
    named = {}
    for key, coder in enumerate(coders):
        name = str(coder)
        while name in taken:
            name = f"{name} (coder)"
        taken.add(name)
        named[key] = name
    return named


def _named(table: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """:func:`_coding_table`'s table with each coder's column named by the coder (:func:`_coder_columns`), as
    :func:`coding_table` and :func:`disagreements` give it."""
    return table.rename(columns=_coder_columns(list(table.columns), coders))


def compared_codings(
    study: Study,
    *,
    coders: list[str],
    unit: str = "segment",
    codes: list[str] | None = None,
    categories: list[str] | None = None,
) -> pd.Series:
    """How many of each coder's codings :func:`agreement` compares (the rest are counted in a warning).

    Parameters
    ----------
    study : Study
        The study holding the coders' codings.
    coders : list of str
        Two or more coder names.
    unit : {"segment", "character", "document"}
        What is compared.
    codes, categories : list of str, optional
        As for :func:`coding_table`.

    Returns
    -------
    pandas.Series
        One count per coder.

    Examples
    --------
    >>> import qlr
    >>> qlr.code.compared_codings(sample, coders=["rm", "so"]).to_dict()  # sample = qlr.load("data/sample")
    {'rm': 318, 'so': 332}
    """
    table = _coding_table(study, coders=coders, unit=unit, codes=codes, categories=categories)
    return pd.Series(table.attrs["codings_compared"], name="compared", dtype="int64").reindex(coders)


def _selected(
    study: Study, *, coders: list[str], unit: str, codes: list[str] | None, categories: list[str] | None
) -> tuple[pd.DataFrame, dict[str, set[str]], list[str], list[str]]:
    """What agreement compares: the coders' settled codings of the chosen codes, the documents each coder coded (or read,
    coding nothing, as ``study.meta["annotated"]`` records), all those documents, the codes."""
    from .._check import check_choice

    check_choice("unit", unit, UNITS)
    if isinstance(coders, str):  # "Gergo" would be read as five coders named by its letters
        raise CodingError(f"coders= is one name ({coders!r}); agreement compares two or more coders", hint=f"pass a list: coders=[{coders!r}, 'another coder']")
    if len(coders) < 2:
        raise CodingError("agreement needs two or more coders", hint=TWO_CODERS_FIX)
    repeated = sorted({coder for coder in coders if coders.count(coder) > 1})
    if repeated:
        raise CodingError(f"coders= names {', '.join(repeated)} more than once", hint="name each coder once")
    # Every coder's settled codings: agreement compares coders, so double coding stays, but a
    # pending or rejected suggestion is no coder's judgement, not even of which documents they read (qlr.evidence).
    judged = settled(study.codings)
    # Coder names as numbers once: string comparisons over every coding are what cost at scale.
    numbers, names = pd.factorize(judged["coder"])
    # A document a coder read and coded nothing in, where the import records it (an annotator's empty .ann), is theirs
    # too: coding nothing there is their judgement, which a code another coder applied disagrees with.
    read = {coder: annotated_documents(study, coder) for coder in coders}
    missing = [c for c in coders if c not in set(names) and not read[c]]
    if missing:
        raise CodingError(f"no codings by {', '.join(missing)}", hint=f"coders in this study: {', '.join(sorted(names)) or 'none'}")
    coder_number = np.append(pd.Index(coders).get_indexer(names), -1)[numbers]  # -1: another coder, or none
    mine = coder_number >= 0
    codings, coder_number = judged.loc[mine, ["doc_id", "start", "end", "code_id", "coder"]], coder_number[mine]
    doc_ids = codings["doc_id"].to_numpy()
    # The documents each coder coded (their absence elsewhere is missing, not 'no'); every coding lies in one of them.
    considered = {coder: set(pd.unique(doc_ids[coder_number == i])) | read[coder] for i, coder in enumerate(coders)}
    documents = sorted(set().union(*considered.values()))
    chosen = categories or codes or sorted(pd.unique(codings["code_id"].to_numpy()))
    if categories or codes:
        codings = codings[codings["code_id"].isin(chosen).to_numpy()]
    return codings, considered, documents, chosen


def _coding_table(
    study: Study,
    *,
    coders: list[str],
    unit: str,
    codes: list[str] | None,
    categories: list[str] | None,
) -> pd.DataFrame:
    """The table of :func:`coding_table`, with the per-coder counts in ``attrs`` for :func:`compared_codings`."""
    codings, considered, documents, chosen = _selected(study, coders=coders, unit=unit, codes=codes, categories=categories)
    waves = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))

    if unit == "document":
        units = pd.DataFrame({"unit": documents, "doc_id": documents})
        applied = codings.assign(unit=codings["doc_id"])
        compared = {coder: int((codings["coder"] == coder).sum()) for coder in coders}
    elif unit == "segment":
        from ._rules import eligible_segments

        applied = _to_segments(study, codings)
        # Uncoded interviewer turns and headers are no coding units (as in rule-based coding), but text a
        # coder did code is one, whatever its speaker role: leaving it out would hide that coder's work.
        eligible = set(eligible_segments(study)["seg_id"])
        segs = study.segments[study.segments["doc_id"].isin(documents)]
        segs = segs[segs["seg_id"].isin(eligible) | segs["seg_id"].isin(set(applied["unit"]))]
        units = pd.DataFrame({"unit": segs["seg_id"], "doc_id": segs["doc_id"]})
        reached = np.zeros(len(codings), dtype=bool)
        reached[applied["row"].unique()] = True
        why = "overlap no segment (an empty span, or text between segments); unit='character' compares what they cover"
        compared = _compared(codings, reached, coders, why=why)
    else:
        lengths = {d: len(t or "") for d, t in zip(study.documents["doc_id"], study.documents["text"])}
        table = _character_table(codings, documents, lengths, considered, coders, chosen, categories)
        table.insert(2, "wave_id", table["doc_id"].map(waves))
        return table
    applied = applied[["unit", "code_id", "coder"]].drop_duplicates()
    units["wave_id"] = units["doc_id"].map(waves)

    if categories is not None:
        position = {code: i + 1 for i, code in enumerate(categories)}
        table = units.copy()
        first = applied.assign(value=applied["code_id"].map(position)).sort_values("value").drop_duplicates(["unit", "coder"])
        for key, coder in enumerate(coders):
            given = dict(zip(first.loc[first["coder"] == coder, "unit"], first.loc[first["coder"] == coder, "value"]))
            table[key] = table["unit"].map(given).astype("float64")
        table = table.reset_index(drop=True)
        table.attrs["codings_compared"] = compared
        return table

    frames = []
    for code in chosen:
        table = units.copy()
        table["code_id"] = code
        mine = applied[applied["code_id"] == code]
        for key, coder in enumerate(coders):
            hit = set(mine.loc[mine["coder"] == coder, "unit"])
            seen = table["doc_id"].isin(considered[coder]).to_numpy()
            values = np.where(table["unit"].isin(hit).to_numpy(), 1.0, 0.0)
            table[key] = np.where(seen, values, np.nan)
        frames.append(table)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["unit", "doc_id", "wave_id", "code_id", *_coder_keys(coders)])
    table.attrs["codings_compared"] = compared
    return table


def _to_segments(study: Study, codings: pd.DataFrame) -> pd.DataFrame:
    """Each coding on every segment it overlaps (a coded sentence lies in one turn, but a span may not); ``row`` numbers the coding."""
    segs = study.segments[["seg_id", "doc_id", "start", "end"]]
    numbered = codings[["doc_id", "start", "end", "code_id", "coder"]].assign(row=np.arange(len(codings)))
    pairs = _overlapping_segments(numbered, segs)
    if pairs is None:  # segments that overlap one another: every pair of a document is compared
        merged = numbered.merge(segs, on="doc_id", suffixes=("", "_seg"))
        overlap = (merged["start"] < merged["end_seg"]) & (merged["end"] > merged["start_seg"])
        return merged[overlap].rename(columns={"seg_id": "unit"})
    rows, seg_rows = pairs
    found = numbered.iloc[rows].reset_index(drop=True)
    hit = segs.iloc[seg_rows].reset_index(drop=True)
    return found.assign(unit=hit["seg_id"].to_numpy(), start_seg=hit["start"].to_numpy(), end_seg=hit["end"].to_numpy())


def _overlapping_segments(codings: pd.DataFrame, segs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
    """(coding row, segment row) of every overlap, by binary search over each document's segments in order.

    Linear in the codings and segments (plus the overlaps found), where comparing
    every coding with every segment of its document grows with their product.
    None when a document's segments overlap one another (then the search would miss pairs).
    """
    if codings.empty or segs.empty:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    docs = pd.Index(pd.unique(segs["doc_id"]))
    seg_doc = docs.get_indexer(segs["doc_id"])
    seg_start, seg_end = segs["start"].to_numpy(dtype=np.int64), segs["end"].to_numpy(dtype=np.int64)
    span = int(max(seg_end.max(initial=0), codings["end"].max())) + 1
    # One number line for all documents: a document's positions follow the one before it.
    order = np.lexsort((seg_start, seg_doc))
    starts, ends = seg_doc[order] * span + seg_start[order], seg_doc[order] * span + seg_end[order]
    if np.any(np.diff(ends) < 0) or np.any(starts[1:] < ends[:-1]):
        return None
    doc = docs.get_indexer(codings["doc_id"])
    known = doc >= 0
    c_start = doc * span + codings["start"].to_numpy(dtype=np.int64)
    c_end = doc * span + codings["end"].to_numpy(dtype=np.int64)
    first = np.searchsorted(ends, c_start, side="right")  # the first segment ending after the coding starts
    last = np.searchsorted(starts, c_end, side="left")  # one past the last segment starting before it ends
    counts = np.where(known, np.maximum(last - first, 0), 0)
    rows = np.repeat(np.arange(len(codings)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    seg_rows = order[np.repeat(first, counts) + offsets]
    # Within a coding, its segments in the order the study lists them (as a merge gives them).
    arranged = np.lexsort((seg_rows, rows))
    return rows[arranged], seg_rows[arranged]


def _compared(codings: pd.DataFrame, reached: np.ndarray, coders: list[str], *, why: str) -> dict[str, int]:
    """How many of each coder's codings reach a unit; warn with the number of those that reach none, and ``why``."""
    number = pd.Index(coders).get_indexer(codings["coder"])  # every coding here is by one of them
    compared = dict(zip(coders, np.bincount(number[reached], minlength=len(coders)).tolist()))
    if not reached.all():
        left_out = codings[~reached]
        counts = ", ".join(f"{n} by {coder}" for coder, n in left_out["coder"].value_counts().items())
        warn(f"agreement: {len(left_out)} coding(s) ({counts}) {why} and are not compared", RowsRefusedWarning)
    return compared


def _covered(bounds: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which elementary intervals ``bounds[i]..bounds[i+1]`` the ranges ``starts..ends`` cover (ranges merged by a running count)."""
    steps = np.zeros(len(bounds))
    np.add.at(steps, np.searchsorted(bounds, starts), 1)
    np.add.at(steps, np.searchsorted(bounds, ends), -1)
    return np.cumsum(steps)[:-1] > 0


def _character_table(
    codings: pd.DataFrame,
    documents: list[str],
    lengths: dict[str, int],
    considered: dict[str, set[str]],
    coders: list[str],
    chosen: list[str],
    categories: list[str] | None,
) -> pd.DataFrame:
    """Characters as weighted elementary intervals: between consecutive coding boundaries every character has the same values."""
    codings = codings.assign(
        start=codings["start"].astype("int64").clip(lower=0),
        end=np.minimum(codings["end"].astype("int64"), codings["doc_id"].map(lengths).fillna(0).astype("int64")),
    )
    covering = (codings["start"] < codings["end"]).to_numpy()
    compared = _compared(codings, covering, coders, why="cover no character of their document (an empty span, or one beyond its end)")
    codings = codings[covering]
    by_doc = dict(tuple(codings.groupby("doc_id", sort=False)))
    # In category mode the categories share units; in presence mode each code has its own cut of the document.
    groups = [None] if categories is not None else chosen
    position = {code: i + 1 for i, code in enumerate(categories or [])}
    parts = []
    for doc in documents:
        length = lengths.get(doc, 0)
        if not length:
            continue
        mine = by_doc.get(doc, codings.iloc[:0])
        for code in groups:
            ranges = mine if code is None else mine[mine["code_id"] == code]
            bounds = np.unique(np.concatenate([[0, length], ranges["start"].to_numpy(), ranges["end"].to_numpy()]))
            part = {"doc_id": doc, **({} if code is None else {"code_id": code}), "start": bounds[:-1], "end": bounds[1:]}
            for key, coder in enumerate(coders):
                theirs = ranges[ranges["coder"] == coder]
                if doc not in considered[coder]:
                    part[key] = np.full(len(bounds) - 1, np.nan)
                elif code is not None:
                    part[key] = _covered(bounds, theirs["start"].to_numpy(), theirs["end"].to_numpy()).astype(float)
                else:
                    # The first category in the given order wins where a coder gave several (as for segments).
                    value = np.full(len(bounds) - 1, np.nan)
                    for category in reversed(categories):
                        given = theirs[theirs["code_id"] == category]
                        value[_covered(bounds, given["start"].to_numpy(), given["end"].to_numpy())] = position[category]
                    part[key] = value
            parts.append(pd.DataFrame(part))
    columns = ["doc_id", *([] if categories is not None else ["code_id"]), "start", "end", *_coder_keys(coders)]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    table.insert(0, "unit", table["doc_id"].astype(str) + "@" + table["start"].astype(str) + ":" + table["end"].astype(str))
    table.insert(table.columns.get_loc("end") + 1, "weight", (table["end"] - table["start"]).astype("int64"))
    table.attrs["codings_compared"] = compared
    return table


@renamed_keywords(level="measurement")
def agreement(
    study: Study,
    *,
    coders: list[str],
    unit: str | None = None,
    codes: list[str] | None = None,
    by: str | None = None,
    categories: list[str] | None = None,
    measurement: str = "nominal",
    per_document: bool = False,
    maxqda: str | None = None,
    min_overlap: float | None = None,
) -> pd.DataFrame:
    """Intercoder agreement per code and overall (see :func:`reliability` for the formulas).

    Parameters
    ----------
    study : Study
        The study holding the coders' codings.
    coders : list of str
        Two or more coder names as recorded in ``study.codings["coder"]``.
    unit : {"segment", "character", "document"}, optional
        What is compared: each segment, each character, or each document.  By
        default characters where every settled coding of these coders was
        imported from another program (``origin`` ``"import"``: NVivo, ATLAS.ti
        and the like code spans of characters, and NVivo's coding comparison
        counts characters), else segments; :func:`coder_pairs`, ``qlr agreement``
        and the report decide it the same way.  ``attrs["unit"]`` says which.
    codes : list of str, optional
        The codes to compare (default: every code these coders used).
    by : str, optional
        ``"wave"`` (or any document column): one result per value, to see coder
        drift over the waves.
    categories : list of str, optional
        Treat these codes as mutually exclusive categories of one variable (a
        ladder level, a diagnosis) and compare the category each coder gave each
        unit, with the categories' order as their values (1, 2, …).
    measurement : {"nominal", "ordinal", "interval", "ratio"}
        The categories' level of measurement, for Krippendorff's alpha in
        category mode (presence is always nominal).  (Formerly ``level=``, which
        still works with a warning.)
    per_document : bool
        Also give each code's figures averaged over documents, as NVivo's
        coding comparison reports them (one kappa and percent agreement per
        code and source, which its users average over sources, weighted by the
        sources' sizes or not), and kappa averaged over only the documents
        where the code was applied: the columns of :data:`DOCUMENT_COLUMNS` beside
        the pooled figures (see Notes).  Each document's own figures are
        ``agreement(study, coders=…, by="doc_id")``.  Not with ``by`` or
        ``unit="document"`` (a document is then one unit).
    maxqda : {"existence", "frequency", "overlap"}, optional
        Instead, two coders' agreement as MAXQDA's intercoder agreement reports
        it, at one of its three levels: code existence in the document, code
        frequency in the document, or code overlap at segment level (see Notes).
        Not with ``unit``, ``by``, ``categories``, ``measurement`` or
        ``per_document``.
    min_overlap : float, optional
        With ``maxqda="overlap"``: how far two segments must overlap to agree,
        as a share (default 0.9, MAXQDA's 90 %).

    Returns
    -------
    AgreementTable
        A DataFrame indexed by ``code_id`` (formerly ``code``, which still works
        for one version with a ``DeprecationWarning``): one row per code and one
        ``overall`` row (all unit × code pairs), or one row in category mode;
        per ``by`` value when given (index ``(by, code_id)``).  Columns: ``n_units``
        (with ``unit="character"``, characters), ``percent_agreement``,
        ``cohen_kappa``, ``fleiss_kappa``, ``brennan_prediger``,
        ``krippendorff_alpha``, and ``note`` (presence mode) where a code's
        figures need a word: ``"used by <coder> only"``, or that no unit two
        or more coders coded has the code; on every row, where no unit at all
        was coded by two or more of them, ``"no segment coded by both: not a
        measure of agreement"`` (with three or more coders, ``"no segment coded
        by two or more of the 3 coders: …"``; ``segment`` is the ``unit``).  :func:`compared_codings` says how many
        codings of each coder were compared.  ``attrs["overlap"]`` counts the
        units two or more coders coded (``shared``) of those any coded
        (``coded``); where fewer than a tenth are shared, a warning says so.
        With ``per_document=True``, also NVivo's averages: ``n_documents`` (the
        documents both coders coded, NVivo's rows for the code),
        ``cohen_kappa_mean`` and ``percent_agreement_mean`` (their plain mean
        over those documents), ``cohen_kappa_weighted`` and
        ``percent_agreement_weighted`` (weighted by each document's length in
        characters, NVivo's "source size"); and ``n_documents_applied`` and
        ``cohen_kappa_mean_applied``: the documents where either coder applied
        the code, and kappa's plain mean over those only.
        With ``maxqda=``, MAXQDA's table instead: ``agreements``,
        ``disagreements``, ``total`` and ``percent_agreement`` per code and
        ``overall`` (MAXQDA's "Total" row, its ``P_observed``),
        ``brennan_prediger`` on ``overall`` at segment level, and ``note`` (a
        code named in ``codes`` that neither applied in a document both coded
        keeps its row, 0 of 0, and is not counted in ``k``);
        ``attrs["rows"]`` lists every comparison (each segment with its best
        ``overlap`` and ``agree``; or each document × code with each coder's
        number of segments), ``attrs["maxqda"]`` the settings and the documents
        both coded.

    Notes
    -----
    The pooled figures (``cohen_kappa``, ``percent_agreement``, …) read every
    unit of every document compared as one table, so a long document counts
    for more, and chance agreement is estimated once over all of them.  The
    per-document averages (``per_document=True``) compute kappa in each
    document on its own, ``κ_d``, and average: ``Σ_d κ_d / D`` (``_mean``) or
    ``Σ_d L_d κ_d / Σ_d L_d`` with ``L_d`` the document's characters
    (``_weighted``), over every document both coders coded (anything).  NVivo's
    coding comparison has a row for each code and source in scope, with kappa 1
    and 100% agreement where neither user coded the source at the code (its
    help: kappa is 1 where the users agree completely), and its users average
    those rows; so here, where nobody applied the code in a document (kappa
    0/0, as ``by="doc_id"`` gives it), the document counts with kappa 1.  Codes
    most documents never see then average close to 1 whatever the coders did
    where the code was used, so ``cohen_kappa_mean_applied`` also averages
    kappa over the ``n_documents_applied`` documents where either coder
    applied the code, and no others.

    MAXQDA (``maxqda=``) compares two coders' versions of each document both
    coded, code by code, and counts comparisons, not units: with
    ``"existence"`` one per document and code either applied there (agreeing
    when both did); with ``"frequency"`` the same, agreeing when both applied
    it as many times; with ``"overlap"`` one per coded segment of either coder,
    agreeing when the other coded the same code on a segment overlapping it by
    at least ``min_overlap``, the characters the two share over the characters
    either covers (``|s ∩ t| / |s ∪ t|``).  Each coder's segments are checked
    against the other's, so a passage both coded counts twice, and text neither
    coded counts nowhere: MAXQDA's percent agreement is not the pooled
    ``percent_agreement``, which counts every unit, coded or not.  A coder's
    codings of one code that share characters are first merged into one
    segment, as MAXQDA merges them.  Its kappa (segment level) is Brennan &
    Prediger's with chance ``1/k``, ``k`` the codes in the table:
    ``κ = (P_obs − 1/k) / (1 − 1/k)``.  The ``overall`` row averages over every
    code and document (NVivo's average "across sources and nodes"): the
    codes are those compared (``codes=``, or every code these coders used).
    A code one coder applied that no codebook the other coded with holds
    (their codings' ``codebook``) keeps its row and pooled figures, its note
    says so, and it is left out of the averages: the other could not have
    applied it, so it says nothing of how far they agree.


    A code only one coder used is not perfect agreement.  On the units both
    coders coded, the other coder's column is all 0: Cohen's kappa is then 0
    (``p_o = p_e``: what agreement there is, on the absent code, is all chance)
    and Fleiss' kappa and Krippendorff's alpha are 0 or just below; percent
    agreement and Brennan–Prediger stay high when the code is rare, which is why
    the ``note`` names the one coder.  Where no unit two or more coders coded
    carries the code at all (e.g. one coder used it only in documents the other never
    coded), kappa and alpha are 0/0 and reported as NaN, not 1.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> result = qlr.code.agreement(study, coders=["rm", "so"])
    >>> bool(0 < result.loc["overall", "krippendorff_alpha"] < 1)
    True

    Kappa in each document on its own, averaged over the 20 documents as NVivo's rows are (1 where nobody applied a
    code), and only where a code was applied, beside the pooled kappa:

    >>> averaged = qlr.code.agreement(study, coders=["rm", "so"], per_document=True)
    >>> overall = averaged.loc["overall"]
    >>> int(overall["n_documents"]), [round(float(overall[k]), 3) for k in ("cohen_kappa", "cohen_kappa_mean", "cohen_kappa_mean_applied")]
    (20, [0.709, 0.794, 0.568])

    MAXQDA's segment level: each coded segment of either coder agrees where the other coded the code on a segment
    sharing at least 90 % of the two's joint stretch:

    >>> maxqda = qlr.code.agreement(study, coders=["rm", "so"], maxqda="overlap")
    >>> maxqda.loc["overall", ["agreements", "disagreements", "total"]].tolist()  # 318 + 332 segments, each checked
    [468, 182, 650]
    >>> round(float(maxqda.loc["overall", "percent_agreement"]), 3), round(float(maxqda.loc["overall", "brennan_prediger"]), 3)  # k = 30 codes
    (0.72, 0.71)
    """
    if maxqda is not None or min_overlap is not None:
        from ._maxqda_agreement import MAXQDA_MIN_OVERLAP, maxqda_agreement

        given = [name for name, value, default in (("unit", unit, None), ("by", by, None), ("categories", categories, None), ("measurement", measurement, "nominal"), ("per_document", per_document, False)) if value != default]
        if maxqda is None or given or (min_overlap is not None and maxqda != "overlap"):
            if maxqda is not None and given:
                why = f"maxqda={maxqda!r} with {', '.join(f'{name}=' for name in given)}: MAXQDA's intercoder agreement compares coded segments of two coders per document, with no other option"
            else:
                # min_overlap= is the one setting of MAXQDA's segment level; the document levels have nothing it could set.
                level = "without maxqda='overlap'" if maxqda is None else f"with maxqda={maxqda!r}"
                why = f"min_overlap= {level}: min_overlap is how much two coded segments must overlap to agree, which only MAXQDA's segment level (maxqda='overlap') compares; the document levels ('existence', 'frequency') take no min_overlap"
            raise CodingError(why, hint=MAXQDA_FIX)
        result = maxqda_agreement(study, coders=coders, codes=codes, criterion=maxqda, min_overlap=MAXQDA_MIN_OVERLAP if min_overlap is None else min_overlap)
        table = AgreementTable(result)
        table.attrs.update(result.attrs)
        return table
    if unit is None:
        unit = _suited_unit(_coders_codings(study, coders))
    if per_document and (by is not None or unit == "document"):
        if by is not None:
            why = f"per_document=True averages each document's figures over one table, which by={by!r} splits into groups"
            if _by_column(by) == "doc_id":
                why += " (by='doc_id' without per_document gives each document's figures themselves)"
        else:
            why = "per_document=True with unit='document': a document is then one unit, with no kappa of its own to average"
        raise CodingError(why, hint=PER_DOCUMENT_FIX)
    # By character the units × coders table is built either way: once, for the pooled figures and each document's.
    table = _coding_table(study, coders=coders, unit=unit, codes=codes, categories=None) if per_document and unit == "character" and categories is None else None
    result = _agreement(study, coders=coders, unit=unit, codes=codes, by=by, categories=categories, measurement=measurement, table=table)
    if per_document:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RowsRefusedWarning)  # the codings that reach no unit were just counted in a warning
            if categories is None:
                each = _presence_by_document(table if table is not None else _coding_table(study, coders=coders, unit=unit, codes=codes, categories=None), coders)
            else:
                each = _agreement(study, coders=coders, unit=unit, codes=codes, by="doc_id", categories=categories, measurement=measurement).reset_index()
                each = each[each["n_units"].to_numpy() > 0].assign(applied=each["cohen_kappa"].notna())
        outside = _codes_outside_codebooks(study, coders) if categories is None else {}
        for code, said in outside.items():
            if code in result.index:
                note = result.loc[code, "note"]
                result.loc[code, "note"] = f"{note}; {said}" if isinstance(note, str) and note else said
        result = result.join(_document_averages(study, each, two_coders=len(coders) == 2, leave_out=set(outside)))
        for counted in ("n_documents", "n_documents_applied"):
            result[counted] = result[counted].fillna(0).astype("int64")
    _warn_little_overlap(study, result, coders=coders, unit=unit, codes=codes or categories)
    if result.attrs["overlap"]["coded"] and not result.attrs["overlap"]["shared"]:
        # Nothing coded by two coders: every figure counts only units none of them coded (the one place this is decided;
        # coder_pairs, the report and its CSV read the note from here).
        result["note"] = _not_shared_note(unit, len(coders))
    table = AgreementTable(result)
    table.attrs.update(result.attrs)  # the overlap counts
    table.attrs["unit"] = unit
    return table


#: The fix for ``maxqda=`` with options it does not take (``qlr agreement`` says it with its options).
MAXQDA_FIX = "pass maxqda= with coders= and codes= only (min_overlap= with maxqda='overlap')"

#: The fix for ``per_document=True`` with ``by=`` or ``unit="document"`` (``qlr agreement`` says it with its options).
PER_DOCUMENT_FIX = "drop per_document, or use unit='segment' or 'character' without by="

#: The columns ``agreement(per_document=True)`` adds: each code's figures averaged over documents (NVivo's way).
DOCUMENT_COLUMNS = (
    "n_documents", "cohen_kappa_mean", "cohen_kappa_weighted", "percent_agreement_mean", "percent_agreement_weighted",
    "n_documents_applied", "cohen_kappa_mean_applied",
)


def _codes_outside_codebooks(study: Study, coders: list[str]) -> dict[str, str]:
    """The codes a coder applied that no codebook another of the ``coders`` coded with holds, each with its note.

    Such a code (added to one coder's codebook, never in the other's) is no disagreement about where it applies: the
    other could not have applied it.  Known only where every coder's codings name their codebook (``codebook``) and
    the study holds those codebooks; otherwise nothing is left out.
    """
    codings = _coders_codings(study, coders)
    if "codebook" not in codings.columns or codings.empty:
        return {}
    books = {coder: set(codings.loc[(codings["coder"] == coder).to_numpy(dtype=bool), "codebook"].dropna().astype(str)) for coder in coders}
    if any(not found or not found <= set(study.codebooks) for found in books.values()):
        return {}
    outside = {}
    for code, users in codings.groupby("code_id")["coder"].agg(lambda c: set(c.astype(str))).items():
        unable = [coder for coder in coders if coder not in users and not any(code in study.codebooks[book] for book in books[coder])]
        if unable:
            outside[str(code)] = f"not in the codebook {' or '.join(unable)} coded with: left out of the per-document averages"
    return outside


def _presence_by_document(table: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """Each document's percent agreement and Cohen's kappa per code, from :func:`coding_table` (presence mode).

    :func:`reliability` of each document × code's rows gives the same figures (``tests/test_agreement_documents_58.py``
    compares them on random studies), but one call per document and code took seconds on twenty documents; here the
    weighted counts of a 2 × 2 table per document and code are summed at once.  Rows: ``doc_id``, ``code_id``,
    ``n_units`` (units two or more coders rated; characters by character), ``percent_agreement``, ``cohen_kappa``
    (``κ = (p_o − p_e) / (1 − p_e)``, two coders only; 1 where both applied the code to every unit, NaN where no one
    applied it, as :func:`agreement` has it) and ``applied`` (a coder applied the code there).
    """
    values = table[_coder_keys(coders)].to_numpy(dtype=float)
    rated = (~np.isnan(values)).sum(axis=1) >= 2
    weight = table["weight"].to_numpy(dtype=float) if "weight" in table.columns else np.ones(len(table))
    highest, lowest = np.nanmax(np.where(rated[:, None], values, -1), axis=1), np.nanmin(np.where(rated[:, None], values, 2), axis=1)
    w = np.where(rated, weight, 0.0)
    parts = pd.DataFrame({"doc_id": table["doc_id"].to_numpy(), CODE_COLUMN: table[CODE_COLUMN].to_numpy(), "n_units": w, "agree": w * (highest == lowest), "applied": w * (highest == 1)})
    if len(coders) == 2:
        a, b = np.nan_to_num(values[:, 0]), np.nan_to_num(values[:, 1])
        parts = parts.assign(a=w * a, b=w * b)
    sums = parts.groupby(["doc_id", CODE_COLUMN], sort=False).sum().reset_index()
    sums = sums[sums["n_units"].to_numpy() > 0]
    total = sums["n_units"].to_numpy()
    sums["percent_agreement"] = sums["agree"].to_numpy() / total
    if len(coders) == 2:
        p_a, p_b = sums["a"].to_numpy() / total, sums["b"].to_numpy() / total
        chance = p_a * p_b + (1 - p_a) * (1 - p_b)
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = np.where(chance < 1, (sums["percent_agreement"].to_numpy() - chance) / (1 - chance), np.where(p_a + p_b > 0, 1.0, np.nan))
        sums["cohen_kappa"] = kappa
    else:
        sums["cohen_kappa"] = np.nan
    sums["applied"] = sums["applied"].to_numpy() > 0
    sums["n_units"] = [_count(n) for n in total]
    return sums[["doc_id", CODE_COLUMN, "n_units", "percent_agreement", "cohen_kappa", "applied"]].reset_index(drop=True)


def _document_averages(study: Study, each: pd.DataFrame, *, two_coders: bool, leave_out: set[str] = frozenset()) -> pd.DataFrame:
    """Each code's (and ``overall``'s) per-document figures averaged, plainly and by document length (formula in :func:`agreement`'s Notes).

    ``each``: one row per document both coders coded and code (:func:`_presence_by_document`).  NVivo's figures read
    every row, with kappa 1 where it is 0/0 because the two agree completely (nobody applied the code there, or both
    gave one category throughout: NVivo's "complete agreement"); the ``_applied`` ones only the rows where someone
    applied the code (``applied``).  The ``overall`` averages read every code × document.
    """
    rows = each[each[CODE_COLUMN] != "overall"]
    rows = rows[~rows[CODE_COLUMN].isin(leave_out).to_numpy()]
    lengths = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("").str.len()))
    kappa = rows["cohen_kappa"].to_numpy(dtype=float)
    if two_coders:  # kappa is 0/0 only where chance agreement is 1, so observed agreement is 1 too
        kappa = np.where(np.isnan(kappa) & (rows["percent_agreement"].to_numpy(dtype=float) == 1), 1.0, kappa)
    rows = rows.assign(size=rows["doc_id"].map(lengths).astype(float), nvivo_kappa=kappa)

    def mean(values: np.ndarray, sizes: np.ndarray | None = None) -> float:
        known = ~np.isnan(values)  # Cohen's kappa with three or more coders: none
        if not known.any() or (sizes is not None and sizes[known].sum() <= 0):
            return float("nan")
        return float(values[known].mean()) if sizes is None else float(np.average(values[known], weights=sizes[known]))

    def averaged(part: pd.DataFrame) -> dict[str, float]:
        sizes, applied = part["size"].to_numpy(), part["applied"].to_numpy(dtype=bool)
        result: dict[str, float] = {"n_documents": int(part["doc_id"].nunique())}
        for name, values in (("cohen_kappa", part["nvivo_kappa"].to_numpy(dtype=float)), ("percent_agreement", part["percent_agreement"].to_numpy(dtype=float))):
            result[f"{name}_mean"], result[f"{name}_weighted"] = mean(values), mean(values, sizes)
        result["n_documents_applied"] = int(part.loc[applied, "doc_id"].nunique())
        result["cohen_kappa_mean_applied"] = mean(part["cohen_kappa"].to_numpy(dtype=float)[applied])
        return result

    averages = {code: averaged(part) for code, part in rows.groupby(CODE_COLUMN, sort=False)}  # a code left out: NaN, 0 documents
    if len(rows) and (rows[CODE_COLUMN] != "categories").any():
        averages["overall"] = averaged(rows)
    frame = pd.DataFrame.from_dict(averages, orient="index", columns=list(DOCUMENT_COLUMNS))
    frame.index.name = CODE_COLUMN
    return frame


def _coders_codings(study: Study, coders: Any) -> pd.DataFrame:
    """The settled codings of ``coders`` (none for a bad ``coders=``, which :func:`agreement` then refuses with its own error)."""
    judged = settled(study.codings)
    if isinstance(coders, str) or not isinstance(coders, (list, tuple)):
        return judged.iloc[:0]
    return judged[judged["coder"].astype(object).isin(list(coders)).to_numpy(dtype=bool)]


#: The code's column, as in every table of qlr (codings, matrices, :func:`disagreements`, :func:`qlr.code.validate`).
CODE_COLUMN = "code_id"
#: Its former name in :func:`agreement` (a deprecated alias, for one version).
_OLD_CODE_COLUMN = "code"


class AgreementTable(pd.DataFrame):
    """:func:`agreement`'s table: a DataFrame whose code level is ``code_id``, as in qlr's other tables.

    The level was named ``code`` (stop 43 renamed it); for one version the old name still works, with a
    ``DeprecationWarning``, where a table is read by it: ``table.reset_index()["code"]``, ``[["code", …]]``,
    ``.code``, ``.set_index("code")``, ``.groupby("code")``, ``.merge(other, on="code")`` and
    ``table.xs("overall", level="code")`` (the last four give ``code`` as the old table did).
    """

    @property
    def _constructor(self) -> type[AgreementTable]:
        return AgreementTable

    def _old_name_in(self, keys: Any) -> bool:
        """Whether ``keys`` (a label or a list of them) asks for ``code`` where the table has ``code_id``."""
        asked = keys if isinstance(keys, list) else [keys]
        found = any(isinstance(key, str) and key == _OLD_CODE_COLUMN for key in asked)
        return found and _OLD_CODE_COLUMN not in self.columns and CODE_COLUMN in self.columns

    def _as_before(self) -> pd.DataFrame:
        """The table with its code column named as it was (``code``), said once with the warning."""
        _warn_old_name()
        return pd.DataFrame(self).rename(columns={CODE_COLUMN: _OLD_CODE_COLUMN})

    def __getitem__(self, key: Any) -> Any:
        if self._old_name_in(key):
            _warn_old_name()
            key = CODE_COLUMN if isinstance(key, str) else [CODE_COLUMN if k == _OLD_CODE_COLUMN else k for k in key]
        return super().__getitem__(key)

    def __getattr__(self, name: str) -> Any:
        if name == _OLD_CODE_COLUMN and self._old_name_in(name):
            return self[name]
        return super().__getattr__(name)

    def set_index(self, keys: Any, **options: Any) -> Any:  # type: ignore[override]
        return self._as_before().set_index(keys, **options) if self._old_name_in(keys) else super().set_index(keys, **options)

    def groupby(self, by: Any = None, **options: Any) -> Any:  # type: ignore[override]
        return self._as_before().groupby(by, **options) if self._old_name_in(by) else super().groupby(by, **options)

    def merge(self, right: Any, **options: Any) -> Any:  # type: ignore[override]
        if any(self._old_name_in(options.get(side)) for side in ("on", "left_on")):
            return self._as_before().merge(right, **options)
        return super().merge(right, **options)

    def xs(self, key: Any, axis: Any = 0, level: Any = None, drop_level: bool = True) -> Any:  # type: ignore[override]
        names = self.index.names if axis in (0, "index") else self.columns.names
        if level == _OLD_CODE_COLUMN and _OLD_CODE_COLUMN not in names and CODE_COLUMN in names:
            _warn_old_name()
            level = CODE_COLUMN
        return super().xs(key, axis=axis, level=level, drop_level=drop_level)


def _warn_old_name() -> None:
    warn(
        "agreement's 'code' is now 'code_id', as in qlr's other tables; 'code' works until the next version where the "
        "table is read by it (['code'], .code, set_index, groupby, merge on it), not in a saved CSV: write 'code_id'",
        DeprecationWarning,
    )


def _agreement(
    study: Study, *, coders: list[str], unit: str, codes: list[str] | None, by: str | None, categories: list[str] | None, measurement: str,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`agreement`'s figures; ``table``: :func:`coding_table` of the same arguments, when the caller has it already."""
    if categories is None and unit != "character" and table is None:
        counted = _presence_agreement(study, coders=coders, unit=unit, codes=codes, by=by)
        if counted is not None:
            return counted
    if table is None:
        table = _coding_table(study, coders=coders, unit=unit, codes=codes, categories=categories)
    if by is not None:
        column = _by_column(by)
        if column not in table.columns:
            table[column] = _document_values(study, by, table["doc_id"])
        parts = [(value, table[table[column] == value]) for value in table[column].dropna().unique()]
        return _by_frames([(value, _summarise(part, coders, categories, measurement)) for value, part in parts], column)
    return _summarise(table, coders, categories, measurement)


#: Below this share of the coded units coded by two or more coders, the figures mostly read units nobody coded.
_LITTLE_OVERLAP = 0.1


def _not_shared_note(unit: str, coders: int = 2) -> str:
    """The ``note`` of every row of :func:`agreement` where no ``unit`` was coded by two or more of the ``coders`` compared.

    Examples
    --------
    >>> _not_shared_note("segment"), _not_shared_note("character", 3)
    ('no segment coded by both: not a measure of agreement', 'no character coded by two or more of the 3 coders: not a measure of agreement')
    """
    return f"no {unit} coded by {'both' if coders <= 2 else f'two or more of the {coders} coders'}: not a measure of agreement"


def _shared_units(study: Study, codings: pd.DataFrame, unit: str) -> tuple[int, int]:
    """(units two or more of the coders coded, units any of them coded), counted as ``unit`` counts them."""
    if unit == "document":
        per_unit = codings.groupby("doc_id")["coder"].nunique()
        return int((per_unit >= 2).sum()), len(per_unit)
    if unit == "segment":
        per_unit = _to_segments(study, codings).groupby("unit")["coder"].nunique()
        return int((per_unit >= 2).sum()), len(per_unit)
    # Characters: one sweep over every coding's start and end, a depth per coder, so one
    # coder's overlapping codings cover a character once.
    spans = codings[codings["end"].to_numpy() > codings["start"].to_numpy()]
    if spans.empty:
        return 0, 0
    coder = pd.factorize(spans["coder"])[0]
    doc = pd.factorize(spans["doc_id"])[0]
    events = pd.DataFrame(
        {"doc": np.concatenate([doc, doc]), "pos": np.concatenate([spans["start"].to_numpy(), spans["end"].to_numpy()]),
         "coder": np.concatenate([coder, coder]), "delta": np.concatenate([np.ones(len(spans)), -np.ones(len(spans))])}
    ).sort_values(["doc", "pos"], kind="stable")
    onehot = np.zeros((len(events), coder.max() + 1))
    onehot[np.arange(len(events)), events["coder"].to_numpy()] = events["delta"].to_numpy()
    covering = (np.cumsum(onehot, axis=0) > 0).sum(axis=1)[:-1]  # coders covering each stretch up to the next event
    pos, docs = events["pos"].to_numpy(), events["doc"].to_numpy()
    length = np.where(docs[1:] == docs[:-1], np.diff(pos), 0)
    return int(length[covering >= 2].sum()), int(length[covering >= 1].sum())


def _warn_little_overlap(study: Study, result: pd.DataFrame, *, coders: list[str], unit: str, codes: list[str] | None) -> None:
    """Warn (and note in ``result.attrs["overlap"]``) when the coders coded few or no units in common.

    Percent agreement and Brennan–Prediger then count mostly units nobody coded,
    and look high however little the coders agree.
    """
    codings = _selected(study, coders=coders, unit=unit, codes=codes, categories=None)[0]
    shared, coded = _shared_units(study, codings, unit)
    units = f"{unit}s" if unit != "character" else "characters"
    result.attrs["overlap"] = {"shared": shared, "coded": coded, "units": units}
    if coded == 0 or shared >= _LITTLE_OVERLAP * coded:
        return
    two = len(coders) == 2
    listed = " and ".join(coders) if two else ", ".join(coders[:-1]) + " and " + coders[-1]
    where = study.meta.get("root") or f"study {study.name!r}"
    if shared == 0:
        # No unit to agree on: every figure (kappa and alpha too) counts only units none of them coded.
        said = f"{listed} share no coded {unit}" if two else f"no two of {listed} share a coded {unit}"
        said += f": they coded no passage in common ({coded:,} {units} coded by one of them only)"
        message = (
            f"{where}: {said}, so every figure counts only {units} {'neither' if two else 'none of them'} coded and is not a measure of agreement (the note says so). "
            "Fix: have the coders code the same passages (double coding) before comparing them"
        )
    else:
        said = (
            f"{listed} both coded only {shared:,} of the {coded:,} {units} they coded between them" if two
            else f"only {shared:,} of the {coded:,} {units} {listed} coded between them were coded by two or more of them"
        )
        message = (
            f"{where}: {said}, so percent agreement and Brennan-Prediger mostly count {units} {'neither' if two else 'none of them'} coded. "
            "Fix: have the coders code the same passages (double coding) before comparing them, or read kappa and alpha"
        )
    result.attrs["overlap"]["message"] = message
    warn(message, QlrWarning)


def _by_column(by: str) -> str:
    """The column ``by`` names (``"wave"`` is ``wave_id``)."""
    return {"wave": "wave_id"}.get(by, by)


def _document_values(study: Study, by: str, doc_ids: Any) -> pd.Series:
    """The value of the document column ``by`` names for each of ``doc_ids``; a clear error when there is no such column."""
    docs = study.documents.set_index("doc_id")
    column = _by_column(by)
    if column not in docs.columns:
        raise CodingError(f"cannot group by {by!r}", hint="use by='wave' or a document column")
    ids = doc_ids if isinstance(doc_ids, pd.Series) else pd.Series(doc_ids, dtype=object)
    return ids.map(docs[column])


def _by_frames(frames: list[tuple[Any, pd.DataFrame]], column: str) -> pd.DataFrame:
    """Per-group results (value, frame) as one frame indexed by ``column`` and code."""
    if not frames:
        return pd.DataFrame()
    return pd.concat([frame.assign(**{column: value}) for value, frame in frames]).reset_index().set_index([column, CODE_COLUMN])


def _summarise(table: pd.DataFrame, coders: list[str], categories: list[str] | None, measurement: str) -> pd.DataFrame:
    """The figures of :func:`_coding_table`'s ``table`` (its coder columns by position, :func:`_coder_keys`)."""
    keys = _coder_keys(coders)
    weights = table["weight"].to_numpy() if "weight" in table.columns else None
    if categories is not None:
        # A category no compared unit carries is 0/0 inside statsmodels and krippendorff: NaN, not a RuntimeWarning.
        with np.errstate(divide="ignore", invalid="ignore"):
            rows = {"categories": reliability(table[keys].to_numpy(), measurement=measurement, categories=len(categories), weights=weights)}
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = CODE_COLUMN
        return frame
    parts = [
        (code, part[keys].to_numpy(), None if weights is None else part["weight"].to_numpy())
        for code, part in table.groupby("code_id", sort=False)
    ]
    return _presence_frame(parts, (table[keys].to_numpy(), weights) if len(table) else None, coders)


def _presence_frame(
    parts: list[tuple[str, np.ndarray, np.ndarray | None]], overall: tuple[np.ndarray, np.ndarray | None] | None, coders: list[str]
) -> pd.DataFrame:
    """One row of statistics per code (values 1, 0 or NaN per unit and coder, rows weighted or not) and an ``overall`` row, with notes.

    The one place the presence figures are made, whether from the units × coders
    table (:func:`coding_table`) or from the counted patterns of
    :func:`_presence_agreement`.
    """
    rows, notes = {}, {}
    # A code no compared unit carries is 0/0 inside statsmodels and krippendorff: the note says so, not a RuntimeWarning.
    with np.errstate(divide="ignore", invalid="ignore"):
        for code, values, weights in parts:
            rows[code] = reliability(values, measurement="nominal", categories=2, weights=weights)
            applied = values == 1
            compared = (~np.isnan(values)).sum(axis=1) >= 2  # the units the statistics read
            # Who used the code where it was compared: a coder who used it only on units no one else coded
            # (the rules on waves the human did not code) is no disagreement.
            users = [coder for coder, used in zip(coders, applied[compared].any(axis=0)) if used]
            elsewhere = [coder for coder, used in zip(coders, applied[~compared].any(axis=0)) if used and coder not in users]
            if len(users) == 1:
                notes[code] = f"used by {users[0]} only"
            if not users:
                # No compared unit has the code: kappa and alpha are 0/0 there, not the 1.0 a constant table gets.
                rows[code].update(cohen_kappa=np.nan, fleiss_kappa=np.nan, krippendorff_alpha=np.nan)
                outside = f" ({', '.join(elsewhere)} used it only on units no other coder coded)" if elsewhere else ""
                notes[code] = f"never applied on a unit two coders coded{outside}: kappa and alpha undefined"
            _note_no_one_document_all_coded(notes, code, values, coders)
        if overall is not None:
            rows["overall"] = reliability(overall[0], measurement="nominal", categories=2, weights=overall[1])
            _note_no_one_document_all_coded(notes, "overall", overall[0], coders)
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = CODE_COLUMN
    frame["note"] = pd.Series(notes, dtype=object).reindex(frame.index)
    return frame


def _note_no_one_document_all_coded(notes: dict[str, str], code: str, values: np.ndarray, coders: list[str]) -> None:
    """Add to ``notes[code]`` why Fleiss' kappa is blank with three or more coders: no unit has every coder's value.

    A coder's value is missing only where they did not code the document, so no such unit means no document all of
    them coded; Krippendorff's alpha still reads the units two or more of them coded.
    """
    if len(coders) < 3 or len(values) == 0 or (~np.isnan(values).any(axis=1)).any():
        return
    said = f"no document coded by all {len(coders)} coders: Fleiss' kappa undefined"
    notes[code] = f"{notes[code]}; {said}" if notes.get(code) else said


#: Coders whose value patterns fit one int64 (3 states each: missing, 0, 1); more go through the table.
_MOST_CODERS_COUNTED = 39


def _presence_agreement(study: Study, *, coders: list[str], unit: str, codes: list[str] | None, by: str | None) -> pd.DataFrame | None:
    """:func:`agreement` in presence mode by segment or document, from counts instead of the units × codes table.

    Every statistic of a code reads only how many units carry each pattern of
    coders' values (missing, 0 or 1 per coder), so each unit × code is one
    base-3 number: which coders read its document, plus which applied the code
    there.  Only units where some coder applied the code need looking at; every
    other unit of a document has that document's "read, not applied" pattern, so
    its count is the units per pattern less the applied ones.  The patterns and
    their counts then go to :func:`reliability` as weighted rows (the same
    statistics as the table, to rounding; ``tests/test_agreement.py`` compares
    them).  None where the table is still needed: more coders than fit, grouping
    ``by`` a code or coder column, segments that overlap one another, or repeated
    unit or code ids.
    """
    codings, considered, documents, chosen = _selected(study, coders=coders, unit=unit, codes=codes, categories=None)
    column = None if by is None else _by_column(by)
    if len(coders) > _MOST_CODERS_COUNTED or column in ("code_id", *coders) or not documents or not chosen or len(set(chosen)) < len(chosen):
        return None
    if unit == "document":
        unit_ids = pd.Index(documents)
        unit_docs = np.arange(len(documents))
        pair_unit, pair_row = unit_ids.get_indexer(codings["doc_id"]), np.arange(len(codings))
    else:
        from ._rules import eligible_segments

        segs = study.segments
        pairs = _overlapping_segments(codings[["doc_id", "start", "end"]], segs[["seg_id", "doc_id", "start", "end"]])
        if pairs is None or not pd.Index(segs["seg_id"]).is_unique:
            return None
        pair_row, seg_rows = pairs
        seg_docs = pd.Index(documents).get_indexer(segs["doc_id"])
        eligible = eligible_segments(study)
        # As in the table: uncoded interviewer turns and headers are no units, coded text is one whatever its role.
        kept = segs.index.isin(eligible.index) if segs.index.is_unique else segs["seg_id"].isin(eligible["seg_id"]).to_numpy()
        kept[seg_rows] = True
        unit_rows = np.flatnonzero(kept & (seg_docs >= 0))
        if not len(unit_rows):
            return None
        unit_of_row = np.full(len(segs), -1)
        unit_of_row[unit_rows] = np.arange(len(unit_rows))
        pair_unit = unit_of_row[seg_rows]
        unit_ids = pd.Index(segs["seg_id"].to_numpy()[unit_rows])
        unit_docs = seg_docs[unit_rows]
        reached = np.zeros(len(codings), dtype=bool)
        reached[pair_row] = True
        why = "overlap no segment (an empty span, or text between segments); unit='character' compares what they cover"
        _compared(codings, reached, coders, why=why)  # the counts are compared_codings'; here, the warning
    groups, labels = _unit_groups(study, by, unit_ids, np.asarray(documents, dtype=object)[unit_docs])
    powers = 3 ** np.arange(len(coders), dtype=np.int64)
    read = np.array([[doc in considered[coder] for coder in coders] for doc in documents], dtype=np.int64)
    unit_read = (read @ powers)[unit_docs]  # the pattern of a unit where nobody applied the code: 1 (= value 0) per coder who read it
    coder_of = pd.Index(coders).get_indexer(codings["coder"])[pair_row]
    code_of = pd.Index(chosen).get_indexer(codings["code_id"])[pair_row]
    # One row per unit × code × coder who applied it there (a coder's overlapping codings count once).
    applied = _distinct((code_of.astype(np.int64) * len(unit_ids) + pair_unit) * len(coders) + coder_of)
    pair = applied // len(coders)
    first = np.flatnonzero(np.diff(pair, prepend=-1))  # where each unit × code's coders begin
    pair = pair[first]
    added = np.add.reduceat(powers[applied % len(coders)], first) if len(applied) else np.zeros(0, dtype=np.int64)
    pair_code, pair_unit = pair // len(unit_ids), pair % len(unit_ids)
    nobody = pd.DataFrame({"group": groups, "pattern": unit_read}).value_counts().rename("n").reset_index()
    counted = pd.concat(
        [
            nobody.merge(pd.DataFrame({"code": np.arange(len(chosen))}), how="cross"),
            pd.DataFrame({"group": groups[pair_unit], "pattern": unit_read[pair_unit], "code": pair_code, "n": -1}),
            pd.DataFrame({"group": groups[pair_unit], "pattern": unit_read[pair_unit] + added, "code": pair_code, "n": 1}),
        ]
    )
    counted = counted[counted["group"] >= 0].groupby(["group", "code", "pattern"], sort=True)["n"].sum()
    counted = counted[counted > 0].reset_index()
    digits = (counted["pattern"].to_numpy()[:, None] // powers) % 3
    values = np.where(digits == 0, np.nan, digits - 1.0)
    weights = counted["n"].to_numpy().astype(float)
    frames = []
    for g, label in enumerate(labels):
        mine = counted["group"].to_numpy() == g
        code_rows = counted.loc[mine, "code"].to_numpy()
        parts = [(code, values[mine][code_rows == i], weights[mine][code_rows == i]) for i, code in enumerate(chosen)]
        frame = _presence_frame(parts, (values[mine], weights[mine]), coders)
        frames.append((label, frame))
    return frames[0][1] if column is None else _by_frames(frames, column)


def _distinct(keys: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (a sort and a comparison: numpy's ``unique`` hashes first, several times slower here)."""
    ordered = np.sort(keys)
    return ordered[np.diff(ordered, prepend=ordered[:1] - 1) != 0] if len(ordered) else ordered


def _unit_groups(study: Study, by: str | None, unit_ids: pd.Index, unit_docs: np.ndarray) -> tuple[np.ndarray, list[Any]]:
    """Each unit's group number for ``by`` (-1 where its value is missing) and the groups' values, in the order units first show them."""
    if by is None:
        return np.zeros(len(unit_ids), dtype=np.int64), [None]
    column = _by_column(by)
    if column == "unit":
        values = pd.Series(unit_ids, dtype=object)
    elif column == "doc_id":
        values = pd.Series(unit_docs, dtype=object)
    else:
        values = _document_values(study, by, unit_docs)
    numbers, labels = pd.factorize(values)
    return numbers.astype(np.int64), list(labels)


def disagreements(study: Study, *, coders: list[str], unit: str = "segment", codes: list[str] | None = None) -> pd.DataFrame:
    """The units where the coders differ, with their text, to adjudicate.

    Parameters
    ----------
    study, coders, unit, codes
        As for :func:`coding_table`: the study, two or more coders, what is
        compared (``"segment"``, ``"character"`` or ``"document"``), and the
        codes (default: every code these coders used).

    Returns
    -------
    DataFrame
        One row per unit and code where the coders differ: the coders' values
        (1 applied, 0 not, NaN not coded), each under the coder's name as in
        :func:`coding_table` (``"<name> (coder)"`` where the name is one of the
        table's own columns, ``text`` and ``decision`` too), ``text`` (the segment's
        text, the document's title, or the interval's characters), and an empty
        ``decision`` column to fill with ``keep`` or ``drop`` for
        :func:`qlr.code.consensus`.

    Examples
    --------
    >>> import qlr
    >>> table = qlr.code.disagreements(sample, coders=["rm", "so"])  # sample = qlr.load("data/sample")
    >>> {"unit", "code_id", "rm", "so", "text", "decision"} <= set(table.columns)
    True
    """
    table = _coding_table(study, coders=coders, unit=unit, codes=codes, categories=None)
    values = table[_coder_keys(coders)]
    # Two coders differ where their highest and lowest values differ (NaN, not coded, left out); a row-wise
    # nunique was 20 s on a 30,000-segment project (1.2 million rows), this is a fraction of a second.
    differ = values.max(axis=1, skipna=True) > values.min(axis=1, skipna=True)
    result = table[differ].copy()
    if unit == "segment":
        texts = study.segment_texts()
        result["text"] = result["unit"].map(texts)
    elif unit == "document":
        result["text"] = result["unit"].map(dict(zip(study.documents["doc_id"], study.documents["title"])))
    else:
        texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
        result["text"] = [texts[doc][start:end] for doc, start, end in zip(result["doc_id"], result["start"], result["end"])]
    result["decision"] = pd.Series(pd.NA, index=result.index, dtype="string")  # a text column to fill, as every text column
    result.attrs.clear()
    return _named(result, coders).reset_index(drop=True)


#: The columns of :func:`coder_pairs`' table, in order.
PAIR_COLUMNS = (
    "coder_a", "coder_b", "code_id", "documents_both", "n_units", "percent_agreement", "cohen_kappa",
    "fleiss_kappa", "brennan_prediger", "krippendorff_alpha", "note",
)


def human_coders(study: Study, *, codebook: Any = None) -> list[str]:
    """The people who coded the study on their own: coders of settled codings a person made (not the rules', not a model's, not a consensus).

    The coders of :func:`qlr.evidence.person_codings` (the one rule, which
    :func:`validate_coders` reads too): a coding whose ``origin`` is one of
    :data:`qlr.evidence.PERSON_ORIGINS` (made in qlr, or imported from the program
    a person coded in), settled (:func:`qlr.evidence.settled`: no pending or
    rejected suggestion).  A consensus the study made from its coders
    (:meth:`qlr.Study.consensus`, as the study's log records it) is left out: its
    codings are their agreed ones, not an independent coder's
    (:func:`coder_pairs` names it in ``attrs["consensus"]``).

    Parameters
    ----------
    study : Study
        The study.
    codebook : Codebook or str, optional
        Count only codings this codebook reads (:func:`qlr.evidence.in_codebook`);
        every person's coding when not given.

    Returns
    -------
    list of str
        The coders' names, sorted.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction", progress=False)  # sample = qlr.load("data/sample")
    >>> qlr.code.human_coders(study)  # the rules' coder is not a person
    ['rm', 'so']
    >>> _ = study.consensus(coders=["rm", "so"], rule="agree")
    >>> qlr.code.human_coders(study)  # nor is their consensus an independent coder
    ['rm', 'so']
    """
    return _people(study, _people_codings(study, codebook))[0]


def _people(study: Study, people: pd.DataFrame) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The independent coders among ``people``'s codings, and the consensus coders among them with what made each.

    The one rule for who is compared as a coder (:func:`human_coders`, :func:`coder_pairs`, the report): a coder
    the study's log records as a consensus (:meth:`qlr.Study.consensus`: ``{"as": name, "coders": [...], "rule": ...}``)
    is not one.
    """
    made = consensus_made(study)
    names = sorted({str(c) for c in people["coder"].dropna().unique()})
    return [c for c in names if c not in made], {c: made[c] for c in names if c in made}


def _people_codings(study: Study, codebook: Any) -> pd.DataFrame:
    """The settled codings people made, of ``codebook``'s codes when one is given (:func:`qlr.evidence.person_codings`)."""
    from ..evidence import person_codings, pick_codebook

    return person_codings(study.codings, None if codebook is None else pick_codebook(study, codebook))


def _suited_unit(people: pd.DataFrame) -> str:
    """The unit agreement suits for these people's codings: ``"character"`` where every one came from another program
    (``origin`` ``"import"``: NVivo, ATLAS.ti, MAXQDA, QualCoder code spans of characters, and NVivo's coding comparison
    counts characters), ``"segment"`` otherwise (qlr's own coding, and the rules', is by segment)."""
    origins = set(people["origin"].dropna().astype(str)) if "origin" in people.columns else set()
    return "character" if origins == {"import"} else "segment"


def coder_pairs(study: Study, *, codebook: Any = None, unit: str | None = None, per_document: bool = False) -> pd.DataFrame:
    """Agreement between every two people who coded the same documents, per code and overall.

    Every pair of :func:`human_coders` who both coded at least one document is
    compared with :func:`agreement` over the codes either of them used (the
    codebook's, when given); pairs who share no document are not compared, and
    are named in ``attrs["apart"]``.  With three or more people, every such pair
    gets its own rows (Cohen's kappa is a two-coder measure), and ``attrs["all"]``
    holds :func:`agreement` across all of them (Krippendorff's alpha reads every
    unit of the documents two or more of them coded; Fleiss' kappa only the units of
    the documents all of them coded, and is NaN, with a note, where there is none).

    Parameters
    ----------
    study : Study
        The study holding the people's codings.
    codebook : Codebook or str, optional
        Compare only the codes this codebook reads (the report's codebook).
    unit : {"segment", "character", "document"}, optional
        What is compared, as for :func:`agreement`.  By default characters where
        every person's coding was imported from another program (``origin``
        ``"import"``: NVivo, ATLAS.ti and the like code spans of characters, and
        NVivo's coding comparison counts characters), else segments.
    per_document : bool
        Also each pair's figures averaged over documents as NVivo's users
        average its coding comparison, plainly and weighted by document length,
        and kappa's mean over only the documents where either applied the code
        (:func:`agreement`'s ``per_document``; the columns of
        :data:`DOCUMENT_COLUMNS`, at the end); with ``unit="document"`` they
        are left out (a document is one unit).

    Returns
    -------
    DataFrame
        One row per pair and code and one ``overall`` row per pair: ``coder_a``,
        ``coder_b`` (in name order), ``code_id``, ``documents_both`` (documents both
        coded: the only ones compared), and :func:`agreement`'s columns.
        ``attrs["pairs"]`` holds one dict per pair compared: ``coder_a``,
        ``coder_b``, ``documents_both``, ``overlap`` (:func:`agreement`'s
        ``attrs["overlap"]``: units both coded of those either coded), and
        ``only_a`` / ``only_b``: the codes one of them applied in the documents
        both coded and the other never applied there.  ``attrs["coders"]`` lists
        the people compared, ``attrs["apart"]`` the pairs with no document in common,
        ``attrs["unit"]`` the unit compared, ``attrs["origins"]`` the ``origin`` values of
        the compared people's codings (``"import"``, ``"human"``), ``attrs["consensus"]`` the coders left
        out as a consensus the study made (:meth:`qlr.Study.consensus`, as its log
        records it): their agreed coding is no independent coder's;
        ``attrs["consensus_of"]`` what the log says made each (``coders``, ``rule``).
        ``attrs["all"]``, with three or more people compared in pairs: ``coders``
        (those people), ``overlap`` and ``table`` (:func:`agreement` across all of
        them, one row per code and ``overall``); else None.
        :func:`agreement`'s warnings (few units coded by both, codings that reach
        no unit) are given as they are.

    Examples
    --------
    >>> import qlr
    >>> table = qlr.code.coder_pairs(sample)  # sample = qlr.load("data/sample")
    >>> overall = table[table["code_id"] == "overall"].iloc[0]
    >>> overall["coder_a"], overall["coder_b"], int(overall["documents_both"]), table.attrs["unit"]
    ('rm', 'so', 20, 'segment')
    >>> bool(0 < overall["cohen_kappa"] < 1)
    True
    """
    import copy
    from itertools import combinations

    from .._check import check_choice

    people = _people_codings(study, codebook)
    coders, agreed = _people(study, people)
    theirs = people[people["coder"].astype(str).isin(coders).to_numpy(dtype=bool)]
    if unit is None:
        unit = _suited_unit(theirs)
    check_choice("unit", unit, UNITS)
    # Agreement reads only these codings: a document a person coded with another codebook is not one they coded with
    # this one, and codings the rules or a model made under a person's name are not theirs.
    view = copy.copy(study)
    view.codings = people.assign(coder=people["coder"].astype("string"))
    read = {coder: set(people.loc[(view.codings["coder"] == coder).fillna(False).to_numpy(dtype=bool), "doc_id"]) for coder in coders}
    frames, pairs, apart = [], [], []
    averaged = per_document and unit != "document"
    columns = [*PAIR_COLUMNS, *(DOCUMENT_COLUMNS if averaged else ())]
    for a, b in combinations(coders, 2):
        both = read[a] & read[b]
        if not both:
            apart.append((a, b))
            continue
        mine = view.codings[view.codings["coder"].isin([a, b]).fillna(False).to_numpy(dtype=bool)]
        codes = sorted(pd.unique(mine["code_id"].dropna()))
        result = agreement(view, coders=[a, b], unit=unit, codes=codes, per_document=averaged)
        shared = mine[mine["doc_id"].isin(both).to_numpy(dtype=bool)]
        used = {coder: set(shared.loc[(shared["coder"] == coder).to_numpy(dtype=bool), "code_id"]) for coder in (a, b)}
        frame = pd.DataFrame(result).reset_index()
        frame.insert(0, "coder_a", a)
        frame.insert(1, "coder_b", b)
        frame.insert(3, "documents_both", len(both))
        frames.append(frame)
        pairs.append(
            {"coder_a": a, "coder_b": b, "documents_both": len(both), "overlap": dict(result.attrs.get("overlap", {})),
             "only_a": sorted(used[a] - used[b]), "only_b": sorted(used[b] - used[a])}
        )
    together = None
    compared = sorted({pair[side] for pair in pairs for side in ("coder_a", "coder_b")})
    if len(compared) >= 3:
        # Across all of them (a person who shares no document with any other left out): Krippendorff's alpha and
        # Fleiss' kappa are measures of any number of coders.
        mine = view.codings[view.codings["coder"].isin(compared).fillna(False).to_numpy(dtype=bool)]
        result = agreement(view, coders=compared, unit=unit, codes=sorted(pd.unique(mine["code_id"].dropna())))
        together = {"coders": compared, "overlap": dict(result.attrs.get("overlap", {})), "table": pd.DataFrame(result).reset_index()}
    table = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    origins = sorted(set(theirs["origin"].dropna().astype(str))) if "origin" in theirs.columns else []
    table.attrs.update(pairs=pairs, coders=coders, apart=apart, unit=unit, origins=origins, consensus=sorted(agreed), consensus_of=agreed, all=together)
    return table
