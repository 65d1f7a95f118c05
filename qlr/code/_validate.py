"""Rule validation against a human coder, the way quantitative ethnography does it.

A code's rules are accepted only when they agree with a person on a test set
*and* that agreement could not easily have come from a test set that small.  The
first is Cohen's kappa; the second is Shaffer's rho (Shaffer 2017, *Quantitative
Ethnography*, ch. 9; Eagan, Rogers, Serlin, Ruis, Arastoopour Irgens and Shaffer
2017, "Can we rely on IRR? Testing the assumptions of inter-rater reliability",
CSCL 2017), the statistic behind nCoder and the R package rhoR.

Rho is a Monte Carlo test.  Its null hypothesis is that the two raters would
agree *below* the kappa threshold had they coded the whole data set.  It builds
many simulated full code sets that satisfy the null (kappa drawn between a floor
and the threshold, precision within a range, the observed base rate), draws from
each a test set of the observed size the way the real one was drawn (a simple
random sample), and reports the share of those test-set kappas at or above the
observed kappa.  A small rho (below ``alpha``) says the observed agreement is
unlikely under the null, so the rules generalise.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._json import parse_json
from ..errors import CodebookError, CodingError
from ..evidence import in_codebook, person_codings, pick_codebook, settled

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["validate", "validate_coders", "flag_rules", "shaffer_rho", "write_validation_sheet", "verdict_legend", "VERDICTS"]

#: The verdicts :func:`validate` gives a code, named by what they mean (one place for the words: the
#: command line, the report and :func:`flag_rules` read them from here).
VALID, CHANCE, DISAGREES, NO_EXAMPLES = "valid", "could be chance", "disagrees", "no examples"

#: What :func:`validate` says of each code.
VERDICTS = {
    VALID: "kappa at or above the threshold and Shaffer's rho below alpha: the rules can stand in for the coder",
    CHANCE: "kappa at or above the threshold, but Shaffer's rho at or above alpha: a test set of this size and base rate "
    "could show that kappa by chance when the rules agree less; code more segments, or more where the code applies",
    DISAGREES: "kappa below the threshold: the rules do not yet code as the person does (rho is not computed)",
    NO_EXAMPLES: "neither the person nor the rules applied the code in the test set",
}


def verdict_legend(*, threshold: float = 0.65, alpha: float = 0.05) -> str:
    """What :func:`validate`'s verdicts mean, and why ``rho`` is blank where it is, as lines for under its table.

    Examples
    --------
    >>> print(verdict_legend())  # doctest: +ELLIPSIS
    valid: kappa >= 0.65 and Shaffer's rho < 0.05
    could be chance: kappa >= 0.65 but rho >= 0.05 (a test set of this size and base rate could show that kappa by chance: code more)
    disagrees: kappa < 0.65 (rho is not computed)
    no examples: neither the person nor the rules applied the code in the test set (kappa and rho are blank)
    rho is blank where it is not computed: beside 'disagrees', and where the person coded every test segment or none
    """
    return (
        f"{VALID}: kappa >= {threshold:g} and Shaffer's rho < {alpha:g}\n"
        f"{CHANCE}: kappa >= {threshold:g} but rho >= {alpha:g} (a test set of this size and base rate could show that kappa by chance: code more)\n"
        f"{DISAGREES}: kappa < {threshold:g} (rho is not computed)\n"
        f"{NO_EXAMPLES}: {VERDICTS[NO_EXAMPLES]} (kappa and rho are blank)\n"
        f"rho is blank where it is not computed: beside '{DISAGREES}', and where the person coded every test segment or none"
    )


def _kappa_from_counts(tp: np.ndarray, fn: np.ndarray, fp: np.ndarray, tn: np.ndarray) -> np.ndarray:
    """Cohen's kappa of 2 × 2 tables given as arrays of counts (1 where both raters gave one value throughout)."""
    tp, fn, fp, tn = (np.asarray(a, dtype=float) for a in (tp, fn, fp, tn))
    n = tp + fn + fp + tn
    observed = (tp + tn) / n
    first_yes = (tp + fn) / n
    second_yes = (tp + fp) / n
    chance = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = (observed - chance) / (1 - chance)
    # When both raters say the same thing of every unit, agreement is perfect (as rhoR counts it).
    return np.where((tp == n) | (tn == n), 1.0, kappa)


def shaffer_rho(
    kappa: float,
    *,
    base_rate: float,
    test_size: int,
    threshold: float = 0.65,
    kappa_min: float = 0.40,
    precision_min: float = 0.6,
    precision_max: float = 1.0,
    population: int = 10_000,
    replicates: int = 800,
    seed: int = 0,
) -> float:
    """Shaffer's rho for an observed kappa: the chance of a kappa this high from a test set this size if true agreement were below ``threshold``.

    For each of ``replicates`` simulated code sets of ``population`` units:

    1. draw a true kappa uniformly from ``[kappa_min, threshold]`` and a precision
       uniformly from ``[precision_min, precision_max]``; where no code set has that
       kappa, precision and base rate (the recall it implies would exceed 1), draw
       the precision again from the values above the smallest one that works,
       ``P_min = (2·BR·κ − 2·BR − κ) / (κ − 2)``;
    2. the recall follows: ``R = κ·P / (2P − 2BR − κ + 2BR·κ)``;
    3. build the code set: ``round(BR·N)`` positives for the first rater (at least
       one), ``TP = round(positives·R)`` (at least one), ``FP = round(TP·(1 − P)/P)``
       (at least one, at most the negatives), rounding half to even;
    4. draw a test set of ``test_size`` units without replacement (a multivariate
       hypergeometric draw of the four cells) and compute its kappa.

    Rho is 1 when ``kappa`` is below the mean of those kappas, and otherwise the
    share of them at or above ``kappa``.  These are the steps and defaults of
    rhoR's ``rho`` (Eagan et al. 2017), with the threshold at 0.65 as nCoder uses;
    kappa and precision are drawn from continuous rather than gridded ranges.
    The result is reproducible for a given ``seed``.

    Parameters
    ----------
    kappa : float
        Cohen's kappa observed on the test set.
    base_rate : float
        Share of units the first rater (the person) coded with the code, in (0, 1).
    test_size : int
        Number of units in the test set.
    threshold, kappa_min : float
        Range of the true kappa under the null hypothesis.
    precision_min, precision_max : float
        Range of the simulated precision.
    population : int
        Units in each simulated full code set.
    replicates : int
        Simulated code sets (the Monte Carlo sample size).
    seed : int
        Random seed.

    Returns
    -------
    float
        Rho, between 0 and 1.

    Examples
    --------
    Perfect agreement on ten units proves little; on five hundred it does:

    >>> shaffer_rho(1.0, base_rate=0.2, test_size=10) > 0.05
    True
    >>> shaffer_rho(0.95, base_rate=0.2, test_size=500)
    0.0
    """
    if not 0 < base_rate < 1:
        raise CodingError(f"base_rate must lie strictly between 0 and 1, not {base_rate!r}", hint="the share of test units the person coded")
    if test_size < 1 or test_size > population:
        raise CodingError(f"test_size must be between 1 and population ({population}), not {test_size!r}")
    if not kappa_min < threshold <= 1:
        raise CodingError(f"need kappa_min < threshold <= 1, got {kappa_min!r} and {threshold!r}")
    rng = np.random.default_rng(seed)
    true_kappa = rng.uniform(kappa_min, threshold, replicates)
    precision = rng.uniform(precision_min, precision_max, replicates)
    lowest = (2 * base_rate * true_kappa - 2 * base_rate - true_kappa) / (true_kappa - 2)
    impossible = precision <= lowest
    if impossible.any():
        floor = np.maximum(lowest[impossible], precision_min)
        if (floor >= precision_max).any():
            raise CodingError(
                "no simulated code set has this base rate within the precision range",
                hint="lower precision_min or kappa_min, or check base_rate",
            )
        precision[impossible] = rng.uniform(floor, precision_max)
    recall = true_kappa * precision / (2 * precision - 2 * base_rate - true_kappa + 2 * base_rate * true_kappa)
    positives = max(int(np.round(base_rate * population)), 1)
    negatives = population - positives
    tp = np.maximum(np.round(positives * recall), 1).astype(np.int64)
    fp = np.minimum(negatives, np.maximum(np.round(tp * (1 - precision) / precision), 1)).astype(np.int64)
    cells = np.column_stack([tp, positives - tp, fp, negatives - fp])
    drawn = np.array([rng.multivariate_hypergeometric(row, test_size) for row in cells])
    kappas = _kappa_from_counts(*drawn.T)
    if kappa < np.nanmean(kappas):
        return 1.0
    return float(np.mean(kappas >= kappa))


def _test_units(study: Study, against: str, segments: list[str] | None, book: Any) -> tuple[list[str], str]:
    """The segments of the test set, and where that list came from.

    Without a list or a validation sheet, the documents in which ``against`` applied a code ``book`` reads
    (:func:`qlr.evidence.in_codebook`): a document they coded only with another codebook's codes (their own
    tags in Taguette) says nothing about this codebook's, so its rule codings are not false positives.
    """
    from ._rules import eligible_segments

    if segments is not None:
        return list(dict.fromkeys(segments)), "given"
    sheets = study.log.loc[study.log["action"] == "validation sheet"]
    for entry, detail in zip(reversed(sheets["entry_id"].tolist()), reversed(sheets["detail"].tolist())):
        # The one reader of users' JSON (a log a .qlr file brought may have been edited): a detail that is no JSON, or
        # JSON nested past Python's stack, is one clear error, not a JSONDecodeError or a bare RecursionError.
        what, hint = f"the detail of the study log's entry {entry} ('validation sheet')", "write the validation sheet again (write_validation_sheet), or give the test set: segments=[…]"
        facts = parse_json(detail, study.name, what=what, hint=hint, error=CodingError) if isinstance(detail, str) else detail
        if not isinstance(facts, dict) or (facts.get("coder") == against and not isinstance(facts.get("segments"), list)):
            raise CodingError(f"{what} is not a record of a validation sheet (a mapping with 'coder' and a list of 'segments')", path=study.name, hint=hint)
        if facts.get("coder") == against:
            return list(facts["segments"]), "validation sheet"
    codings = study.codings
    theirs = codings["coder"].eq(against).fillna(False).to_numpy(dtype=bool) & in_codebook(codings, book)
    coded = set(codings.loc[theirs, "doc_id"])
    eligible = eligible_segments(study)
    return eligible.loc[eligible["doc_id"].isin(coded), "seg_id"].tolist(), "documents the coder coded"


def validate(
    study: Study,
    *,
    against: str,
    codebook: Any = None,
    segments: list[str] | None = None,
    threshold: float = 0.65,
    alpha: float = 0.05,
    replicates: int = 800,
    seed: int = 0,
) -> pd.DataFrame:
    """Validate a codebook's rules against a person's coding: precision, recall, F1, kappa and rho per code.

    The test set is, in order of preference: ``segments`` if given; the segments
    of the last :func:`write_validation_sheet` made for ``against`` (read back
    with :meth:`qlr.Study.read_coding_sheet`); otherwise every codable segment of
    the documents in which ``against`` applied at least one code of this codebook (a
    document they coded only with another codebook's codes is not in it): a
    document the person left wholly blank counts as one they did not read, not
    as one where no code applies (blank rows of a coding sheet in a document they
    coded elsewhere do count, as "not this code").  On each segment, the person (the first
    rater) and the rules either applied the code or did not.  Rejected and
    pending codings are not counted.

    Per code: ``tp``, ``fp``, ``fn``, ``tn``; ``precision = tp/(tp+fp)``,
    ``recall = tp/(tp+fn)``, ``f1``; Cohen's ``kappa``; ``base_rate``, the share of
    test segments the person coded; ``rho`` (:func:`shaffer_rho`, with
    ``threshold``, simulated code sets of 10,000 units as in rhoR, or ten times
    the test set when it has more than 1,000 segments); and a ``verdict``
    (:data:`VERDICTS`): "valid" needs ``kappa >= threshold`` and ``rho < alpha``.

    Parameters
    ----------
    study : Study
        A study with the codebook applied and a person's codings.
    codebook : Codebook or str, optional
        The codebook whose rules are checked; the study's only one by default.
    against : str
        The person (coder name) the rules are compared with.
    segments : list of str, optional
        The test set's segment ids.
    threshold, alpha : float
        Kappa a code must reach, and the rho below which it generalises.
    replicates, seed : int
        Monte Carlo settings of rho.

    Returns
    -------
    pandas.DataFrame
        One row per code of the codebook, sorted as the codebook; the test set's
        size in ``n`` and its origin in the frame's ``test_set`` column.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> _ = study.apply("coproduction", progress=False)
    >>> table = qlr.code.validate(study, against="rm")
    >>> table.loc["power.consulted", ["tp", "fp", "fn"]].astype(int).tolist()
    [11, 6, 0]
    >>> table.loc["power.consulted", "verdict"]
    'valid'
    >>> table.loc["negative.tokenistic", "verdict"]   # three examples are not enough
    'could be chance'
    """
    book = pick_codebook(study, codebook)
    if not any(code.indicators for code in book.codes):
        # An imported codebook has names and definitions but no rules: every code would "disagree".
        where = book.source if book.source and not str(book.source).startswith("<") else None  # "<codebook>": read from a string
        raise CodebookError(
            f"{'the codebook' if where else f'codebook {book.id!r}'} has no indicators in any of its {len(book.codes)} codes, so there are no rules to validate",
            path=where,
            hint=f"validate a codebook with rules against {against!r}: apply it first, e.g. "
            f"qlr validate STUDY --codebook coproduction --rules {against} (Python: study.apply('coproduction'), "
            "then validate(study, codebook='coproduction', against=...)); or compare two people with qlr agreement",
        )
    rules_coder = f"rules:{book.id}"
    coders = set(study.codings["coder"].dropna())
    if against not in coders:
        people = sorted(coders - {c for c in coders if str(c).startswith("rules:")})
        raise CodingError(
            f"no codings by {against!r}",
            hint=f"pass the coder name of the person's codings; coders in this study: {', '.join(people) or 'none but the rules'}",
        )
    units, origin = _test_units(study, against, segments, book)
    known = set(study.segments["seg_id"])
    unknown = [s for s in units if s not in known]
    if unknown:
        raise CodingError(f"{len(unknown)} test segments are not in the study (first: {unknown[0]!r})", hint="pass segment ids from study.segments")
    if not units:
        raise CodingError(
            f"{against!r} coded no codable segment with a code of {book.id!r}",
            hint=f"code some participant turns with {book.id!r}'s codes first, or pass segments=; a document coded only with another codebook's codes is not in the test set",
        )
    codings = study.codings[study.codings["coder"].isin([against, rules_coder])]
    codings = settled(codings)
    from ._agreement import _to_segments

    applied = _to_segments(study, codings)[["unit", "code_id", "coder"]].drop_duplicates()
    applied = applied[applied["unit"].isin(units)]
    rows = []
    for code in (c.id for c in book.codes):
        mine = applied[applied["code_id"] == code]
        person = pd.Index(units).isin(mine.loc[mine["coder"] == against, "unit"])
        rules = pd.Index(units).isin(mine.loc[mine["coder"] == rules_coder, "unit"])
        tp, fp = int((person & rules).sum()), int((~person & rules).sum())
        fn, tn = int((person & ~rules).sum()), int((~person & ~rules).sum())
        precision = tp / (tp + fp) if tp + fp else np.nan
        recall = tp / (tp + fn) if tp + fn else np.nan
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan
        base_rate = (tp + fn) / len(units)
        if tp + fp + fn == 0:
            kappa, rho, verdict = np.nan, np.nan, NO_EXAMPLES
        else:
            kappa = float(_kappa_from_counts(tp, fn, fp, tn))
            if kappa < threshold:
                rho, verdict = np.nan, DISAGREES
            elif 0 < base_rate < 1:
                # The simulated code sets must be larger than the test set drawn from them: rhoR's 10,000
                # units, or ten times a test set of more than 1,000 (a whole study's segments).
                population = max(10_000, 10 * len(units))
                rho = shaffer_rho(kappa, base_rate=base_rate, test_size=len(units), threshold=threshold, population=population, replicates=replicates, seed=seed)
                verdict = VALID if rho < alpha else CHANCE
            else:
                rho, verdict = np.nan, CHANCE
        rows.append({"code_id": code, "n": len(units), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
                     "f1": f1, "kappa": kappa, "base_rate": base_rate, "rho": rho, "verdict": verdict, "test_set": origin})
    return pd.DataFrame(rows).set_index("code_id")


def validate_coders(study: Study, *, codebook: Any = None, **options: Any) -> pd.DataFrame:
    """:func:`validate` against every person who coded with the codebook's codes, in one long table.

    A person counts when they made an accepted coding of one of the codebook's
    codes; each is compared on their own test set (their validation sheet if they
    coded one, else every codable segment of the documents they coded).  A person
    who coded nothing the rules could code (only observation notes, say) is left
    out.

    Parameters
    ----------
    study : Study
        A study with the codebook applied and people's codings.
    codebook : Codebook or str, optional
        The codebook whose rules are checked; the study's only one by default.
    **options
        Passed to :func:`validate` (``threshold``, ``alpha``, ``replicates``, ``seed``).

    Returns
    -------
    pandas.DataFrame
        One row per person and code: ``coder``, ``code_id`` and :func:`validate`'s
        columns; empty (no rows) when nobody coded with the codebook's codes.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction", progress=False)  # sample = qlr.load("data/sample")
    >>> table = qlr.code.validate_coders(study)
    >>> sorted(set(table["coder"])), table.set_index(["coder", "code_id"]).loc[("rm", "power.consulted"), "verdict"]
    (['rm', 'so'], 'valid')
    """
    book = pick_codebook(study, codebook)
    codes = {code.id for code in book.codes}
    codings = study.codings
    # A person's settled coding (qlr.evidence.person_codings: the one rule, as human_coders reads it) of one of the codebook's codes.
    human = person_codings(codings, book)
    human = human[human["code_id"].isin(codes).to_numpy()]
    tables = []
    for coder in sorted(str(c) for c in human["coder"].dropna().unique()):
        if not _test_units(study, coder, None, book)[0]:  # they coded nothing the rules could code
            continue
        tables.append(validate(study, codebook=book, against=coder, **options).reset_index().assign(coder=coder))
    columns = ["coder", "code_id", "verdict", "n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "kappa", "rho", "base_rate", "test_set"]
    return pd.concat(tables, ignore_index=True)[columns] if tables else pd.DataFrame(columns=columns)


def flag_rules(evidence: pd.DataFrame, study: Study, checks: pd.DataFrame) -> pd.DataFrame:
    """``evidence`` with a ``rule_check`` column: why each rule coding of a code whose rules disagree with someone is suspect.

    Works on any table with a ``coding_id`` column: a placement's evidence
    (``placements.evidence``), :func:`qlr.track.quotes`.  A row is flagged when its
    coding came from rules and its code's verdict in ``checks`` (from
    :func:`validate_coders`, or :func:`validate` with a ``coder`` column added) is
    "disagrees" for any person; the note names them and their kappa.  Other rows get
    an empty string.  The table given is left as it is.

    Parameters
    ----------
    evidence : pandas.DataFrame
        Any table with a ``coding_id`` column.
    study : Study
        The study the codings belong to (for each coding's origin).
    checks : pandas.DataFrame
        Verdicts per ``coder`` and ``code_id`` (:func:`validate_coders`).

    Returns
    -------
    pandas.DataFrame
        A copy of ``evidence`` with the ``rule_check`` column.

    Examples
    --------
    >>> import qlr
    >>> study = sample.copy().apply("coproduction", progress=False)  # sample = qlr.load("data/sample")
    >>> placements = qlr.track.ladder(study, facet="delivery")
    >>> flagged = qlr.code.flag_rules(placements.evidence, study, qlr.code.validate_coders(study))
    >>> flagged.loc[flagged["rule_check"] != "", "rule_check"].iloc[0].startswith("rules disagree with ")
    True
    """
    disagreeing = checks[checks["verdict"] == DISAGREES]
    reasons = {
        code: "rules disagree with " + ", ".join(f"{row.coder} (kappa {_below(row.kappa)})" for row in rows.itertuples())
        for code, rows in disagreeing.groupby("code_id", sort=False)
    }
    codings = study.codings
    rules = codings[codings["origin"].eq("rules").fillna(False).to_numpy(dtype=bool) & codings["code_id"].isin(list(reasons)).to_numpy()]
    why = dict(zip(rules["coding_id"], rules["code_id"].map(reasons)))
    return evidence.assign(rule_check=[why.get(coding, "") for coding in evidence["coding_id"]])


def _below(kappa: float) -> str:
    """A kappa under the threshold as a note shows it: three decimals, as the table, cut rather than rounded.

    Rounded, 0.646 read "0.65" beside "disagrees", the threshold's own value; cut, it never reads higher than it is.

    Examples
    --------
    >>> _below(0.6464), _below(0.6496), _below(-0.0754), _below(float("nan"))
    ('0.646', '0.649', '-0.076', 'undefined')
    """
    return "undefined" if pd.isna(kappa) else f"{math.floor(kappa * 1000 + 1e-9) / 1000:.3f}"


def write_validation_sheet(
    study: Study,
    path: str | os.PathLike[str],
    *,
    n: int,
    coder: str,
    codebook: Any = None,
    seed: int = 0,
) -> Path:
    """Draw a blind test set for a person to code, stratified by rule hits, and write it as a coding sheet.

    Half the sample (or all the segments the rules coded, if fewer) is drawn from
    codable segments the rules coded, taking the codes in turn so that rare codes
    are represented; the rest from segments the rules did not code.  Without
    that, a sample of a rare code's study would hold almost no positives and rho
    could never pass.  The sheet is a CSV coding sheet (as
    :func:`qlr.code.write_coding_sheet` writes), with no one's codes on it; the sample
    is recorded in the study's log, so :func:`validate` uses exactly these
    segments once the sheet is read back with :meth:`qlr.Study.read_coding_sheet`.

    The codable segments are :func:`qlr.code.eligible_segments`, the ones rule
    coding reads, so nothing the rules never code is drawn: not an interviewer's
    turn, nor a transcript's header or title line before its first speaker (which
    would add true negatives no one needed to judge).  What the loader read of a
    file decides this: a Word file whose questions are bold but unlabelled, read
    as one voice, is codable throughout, title and questions included (loading
    warns of such a file).

    Parameters
    ----------
    study : Study
        A study with the codebook applied.
    path : str or PathLike
        Where to write the ``.csv`` sheet.
    n : int
        Number of segments to draw.
    coder : str
        Who will code it.
    codebook : Codebook or str, optional
        Whose rule hits stratify the sample; the study's only codebook by default.
    seed : int
        Random seed of the draw.

    Returns
    -------
    pathlib.Path
        The sheet.

    Examples
    --------
    >>> import qlr, tempfile, os, pandas as pd
    >>> study = sample.copy()  # sample = qlr.load("data/sample")
    >>> _ = study.apply("coproduction", progress=False)
    >>> path = qlr.code.write_validation_sheet(study, os.path.join(tempfile.mkdtemp(), "jk.csv"), n=40, coder="jk")
    >>> len(pd.read_csv(path))
    40
    """
    from ._blind import write_coding_sheet
    from ._rules import eligible_segments

    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise CodingError(f"a validation sheet is a .csv file, not {target.suffix!r}", hint="name it e.g. jk.csv")
    book = pick_codebook(study, codebook)
    eligible = eligible_segments(study)["seg_id"]
    if not 0 < n <= len(eligible):
        raise CodingError(f"n must be between 1 and the {len(eligible)} codable segments, not {n!r}")
    rules = settled(study.codings)
    rules = rules[(rules["coder"] == f"rules:{book.id}") & rules["seg_id"].isin(eligible)]
    rng = np.random.default_rng(seed)
    hits_by_code = {code: list(rng.permutation(sorted(set(group["seg_id"])))) for code, group in rules.groupby("code_id", sort=True)}
    chosen: list[str] = []
    wanted = min(n // 2 if n > 1 else n, len(set(rules["seg_id"])))
    while len(chosen) < wanted:
        for hits in hits_by_code.values():
            while hits and hits[0] in chosen:
                hits.pop(0)
            if hits and len(chosen) < wanted:
                chosen.append(hits.pop(0))
    quiet = sorted(set(eligible) - set(rules["seg_id"]))
    chosen += list(rng.choice(quiet, size=min(n - len(chosen), len(quiet)), replace=False))
    if len(chosen) < n:  # fewer uncoded segments than asked: fill from the other hits
        rest = sorted(set(rules["seg_id"]) - set(chosen))
        chosen += list(rng.choice(rest, size=n - len(chosen), replace=False))
    chosen = [str(s) for s in rng.permutation(chosen)]
    part = study.copy()
    part.segments = part.segments[part.segments["seg_id"].isin(chosen)]
    part.documents = part.documents[part.documents["doc_id"].isin(part.segments["doc_id"])]
    write_coding_sheet(part, target, coder=coder)
    study.record("validation sheet", {"coder": coder, "codebook": book.id, "path": str(target), "seed": seed, "segments": chosen})
    return target
