"""Intercoder agreement: percent agreement, Cohen's, Fleiss' and Brennan–Prediger kappa, Krippendorff's alpha.

The statistics come from well-kept libraries where they exist (scikit-learn's
``cohen_kappa_score``, statsmodels' ``fleiss_kappa``, the ``krippendorff``
package); qlr's part is turning codings into the units × coders table they read,
with *missing* where a coder did not code a document at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._check import deprecated_constants, renamed_keywords
from ..errors import CodingError
from ..evidence import settled

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["reliability", "agreement", "disagreements", "coding_table", "UNITS", "MEASUREMENTS"]

#: What agreement compares: each segment, each character, or each document.
UNITS = ("segment", "character", "document")
#: Krippendorff's levels of measurement of the values coders give.
MEASUREMENTS = ("nominal", "ordinal", "interval", "ratio")

__getattr__ = deprecated_constants(__name__, {"LEVELS": ("MEASUREMENTS", MEASUREMENTS)})


@renamed_keywords(level="measurement")
def reliability(data: Any, *, measurement: str = "nominal", categories: int | None = None) -> dict[str, float]:
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

    Returns
    -------
    dict
        ``n_units`` (units rated by two or more coders) and the statistics
        above; NaN for a statistic the table cannot give (e.g. Cohen's with
        three coders).

    Examples
    --------
    >>> import numpy as np
    >>> table = np.array([[1, 1], [1, 0], [0, 0], [1, 1]])
    >>> {k: round(v, 3) for k, v in reliability(table).items()}
    {'n_units': 4, 'percent_agreement': 0.75, 'cohen_kappa': 0.5, 'fleiss_kappa': 0.467, 'brennan_prediger': 0.5, 'krippendorff_alpha': 0.533}
    """
    import krippendorff
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import fleiss_kappa

    from .._check import check_choice

    check_choice("measurement", measurement, MEASUREMENTS)
    table = np.asarray(data, dtype=float)
    if table.ndim != 2 or table.shape[1] < 2:
        raise CodingError("agreement needs a units × coders table with two or more coders", hint="pass coders=[…] with at least two names")
    rated = (~np.isnan(table)).sum(axis=1)
    usable = table[rated >= 2]
    result: dict[str, float] = {"n_units": int(len(usable))}
    nan = float("nan")
    if len(usable) == 0:
        return {**result, "percent_agreement": nan, "cohen_kappa": nan, "fleiss_kappa": nan, "brennan_prediger": nan, "krippendorff_alpha": nan}
    values = np.unique(table[~np.isnan(table)])
    q = categories or max(len(values), 2)
    agree = [len(set(row[~np.isnan(row)])) == 1 for row in usable]
    result["percent_agreement"] = float(np.mean(agree))
    if table.shape[1] == 2:
        both = usable[~np.isnan(usable).any(axis=1)]
        result["cohen_kappa"] = float(cohen_kappa_score(both[:, 0], both[:, 1])) if len(both) and len(np.unique(both)) > 1 else (1.0 if len(both) else nan)
    else:
        result["cohen_kappa"] = nan
    complete = usable[~np.isnan(usable).any(axis=1)]
    if len(complete):
        index = {v: i for i, v in enumerate(values)}
        counts = np.zeros((len(complete), len(values)))
        for i, row in enumerate(complete):
            for v in row:
                counts[i, index[v]] += 1
        result["fleiss_kappa"] = float(fleiss_kappa(counts, method="fleiss")) if len(values) > 1 else 1.0
    else:
        result["fleiss_kappa"] = nan
    # Observed agreement P̄ over all usable units (pairs of coders that rated the unit).
    shares = []
    for row in usable:
        present = row[~np.isnan(row)]
        k = len(present)
        _, n_j = np.unique(present, return_counts=True)
        shares.append((np.sum(n_j * (n_j - 1))) / (k * (k - 1)))
    p_bar = float(np.mean(shares))
    result["brennan_prediger"] = (p_bar - 1 / q) / (1 - 1 / q)
    if len(values) > 1:
        result["krippendorff_alpha"] = float(krippendorff.alpha(reliability_data=table.T, level_of_measurement=measurement))
    else:
        result["krippendorff_alpha"] = 1.0 if len(usable) else nan
    return result


def _considered(codings: pd.DataFrame, coders: list[str]) -> dict[str, set[str]]:
    """The documents each coder coded (their absence elsewhere is missing, not 'no')."""
    codings = codings[codings["coder"].isin(coders)]
    return {coder: set(codings.loc[codings["coder"] == coder, "doc_id"]) for coder in coders}


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
        then one column per coder; :func:`reliability` reads the coder columns.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> table = qlr.code.coding_table(study, coders=["rm", "so"], unit="document", codes=["negative.done_to"])
    >>> table.loc[table["unit"] == "C05_W3_interview", ["rm", "so"]].values.tolist()
    [[1.0, 1.0]]
    >>> qlr.code.reliability(table[["rm", "so"]])["percent_agreement"]
    0.75
    """
    from .._check import check_choice

    check_choice("unit", unit, UNITS)
    if len(coders) < 2:
        raise CodingError("agreement needs two or more coders", hint="pass coders=['rm', 'so']")
    # Every coder's settled codings: agreement compares coders, so double coding stays, but a
    # pending or rejected suggestion is no coder's judgement, not even of which documents they read (qlr.evidence).
    judged = settled(study.codings)
    known = set(judged["coder"].dropna())
    missing = [c for c in coders if c not in known]
    if missing:
        raise CodingError(f"no codings by {', '.join(missing)}", hint=f"coders in this study: {', '.join(sorted(known)) or 'none'}")
    considered = _considered(judged, coders)
    documents = sorted(set().union(*considered.values()))
    codings = judged[judged["coder"].isin(coders) & judged["doc_id"].isin(documents)]
    chosen = categories or codes or sorted(set(codings["code_id"]))
    codings = codings[codings["code_id"].isin(chosen)]
    waves = dict(zip(study.documents["doc_id"], study.documents["wave_id"]))

    if unit == "document":
        units = pd.DataFrame({"unit": documents, "doc_id": documents})
        applied = codings.assign(unit=codings["doc_id"])
    elif unit == "segment":
        from ._rules import eligible_segments

        # Interviewer turns and transcript headers are not coding units (as in rule-based coding).
        segs = eligible_segments(study)
        segs = segs[segs["doc_id"].isin(documents)]
        units = pd.DataFrame({"unit": segs["seg_id"], "doc_id": segs["doc_id"]})
        applied = _to_segments(study, codings)
    else:
        texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
        units = pd.DataFrame([(f"{d}@{i}", d) for d in documents for i in range(len(texts[d] or ""))], columns=["unit", "doc_id"])
        rows = []
        for coding in codings.itertuples(index=False):
            rows += [(f"{coding.doc_id}@{i}", coding.code_id, coding.coder) for i in range(int(coding.start), int(coding.end))]
        applied = pd.DataFrame(rows, columns=["unit", "code_id", "coder"])
    applied = applied[["unit", "code_id", "coder"]].drop_duplicates()
    units["wave_id"] = units["doc_id"].map(waves)

    if categories is not None:
        position = {code: i + 1 for i, code in enumerate(categories)}
        table = units.copy()
        first = applied.assign(value=applied["code_id"].map(position)).sort_values("value").drop_duplicates(["unit", "coder"])
        for coder in coders:
            given = dict(zip(first.loc[first["coder"] == coder, "unit"], first.loc[first["coder"] == coder, "value"]))
            table[coder] = table["unit"].map(given).astype("float64")
        return table.reset_index(drop=True)

    frames = []
    for code in chosen:
        table = units.copy()
        table["code_id"] = code
        mine = applied[applied["code_id"] == code]
        for coder in coders:
            hit = set(mine.loc[mine["coder"] == coder, "unit"])
            seen = table["doc_id"].isin(considered[coder]).to_numpy()
            values = np.where(table["unit"].isin(hit).to_numpy(), 1.0, 0.0)
            table[coder] = np.where(seen, values, np.nan)
        frames.append(table)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["unit", "doc_id", "wave_id", "code_id", *coders])


def _to_segments(study: Study, codings: pd.DataFrame) -> pd.DataFrame:
    """Each coding on every segment it overlaps (a coded sentence lies in one turn, but a span may not)."""
    segs = study.segments[["seg_id", "doc_id", "start", "end"]]
    merged = codings[["doc_id", "start", "end", "code_id", "coder"]].merge(segs, on="doc_id", suffixes=("", "_seg"))
    overlap = (merged["start"] < merged["end_seg"]) & (merged["end"] > merged["start_seg"])
    return merged[overlap].rename(columns={"seg_id": "unit"})


@renamed_keywords(level="measurement")
def agreement(
    study: Study,
    *,
    coders: list[str],
    unit: str = "segment",
    codes: list[str] | None = None,
    by: str | None = None,
    categories: list[str] | None = None,
    measurement: str = "nominal",
) -> pd.DataFrame:
    """Intercoder agreement per code and overall (see :func:`reliability` for the formulas).

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

    Returns
    -------
    DataFrame
        One row per code and one ``overall`` row (all unit × code pairs), or one
        row in category mode; per ``by`` value when given.  Columns: ``n_units``,
        ``percent_agreement``, ``cohen_kappa``, ``fleiss_kappa``,
        ``brennan_prediger``, ``krippendorff_alpha``.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> result = qlr.code.agreement(study, coders=["rm", "so"])
    >>> bool(0 < result.loc["overall", "krippendorff_alpha"] < 1)
    True
    """
    table = coding_table(study, coders=coders, unit=unit, codes=codes, categories=categories)
    if by is not None:
        column = {"wave": "wave_id"}.get(by, by)
        if column not in table.columns:
            docs = study.documents.set_index("doc_id")
            if column not in docs.columns:
                raise CodingError(f"cannot group by {by!r}", hint="use by='wave' or a document column")
            table[column] = table["doc_id"].map(docs[column])
        parts = [(value, table[table[column] == value]) for value in table[column].dropna().unique()]
        frames = [_summarise(part, coders, categories, measurement).assign(**{column: value}) for value, part in parts]
        return pd.concat(frames).reset_index().set_index([column, "code"]) if frames else pd.DataFrame()
    return _summarise(table, coders, categories, measurement)


def _summarise(table: pd.DataFrame, coders: list[str], categories: list[str] | None, measurement: str) -> pd.DataFrame:
    rows = {}
    if categories is not None:
        rows["categories"] = reliability(table[coders].to_numpy(), measurement=measurement, categories=len(categories))
    else:
        for code, part in table.groupby("code_id", sort=False):
            rows[code] = reliability(part[coders].to_numpy(), measurement="nominal", categories=2)
        if len(table):
            rows["overall"] = reliability(table[coders].to_numpy(), measurement="nominal", categories=2)
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "code"
    return frame


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
        (1 applied, 0 not, NaN not coded), ``text`` (the segment's text, the
        document's title, or None for characters), and an empty ``decision``
        column to fill with ``keep`` or ``drop`` for :func:`qlr.code.consensus`.

    Examples
    --------
    >>> import qlr
    >>> table = qlr.code.disagreements(sample, coders=["rm", "so"])  # sample = qlr.load("data/sample")
    >>> {"unit", "code_id", "rm", "so", "text", "decision"} <= set(table.columns)
    True
    """
    table = coding_table(study, coders=coders, unit=unit, codes=codes)
    values = table[coders]
    differ = values.nunique(axis=1, dropna=True) > 1
    result = table[differ].copy()
    if unit == "segment":
        texts = study.segment_texts()
        result["text"] = result["unit"].map(texts)
    elif unit == "document":
        result["text"] = result["unit"].map(dict(zip(study.documents["doc_id"], study.documents["title"])))
    else:
        result["text"] = None
    result["decision"] = None
    return result.reset_index(drop=True)
