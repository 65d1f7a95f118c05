"""Placements on a ladder as a result object: a flat table, the evidence behind it, and the ladder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._display import ResultDisplay

if TYPE_CHECKING:  # pragma: no cover
    from ..codebook import Ladder

__all__ = ["CONFIDENCE_WORDS", "Placements", "flat_placements", "level_label"]

#: What a placement's ``confidence`` measures, said wherever it is first shown (the report's placements, a case's
#: page and pen portrait); :func:`qlr.track.ladder` computes it as ``w[level] / W × n / (n + 1)``.
CONFIDENCE_WORDS = (
    "Confidence is how much of the evidence agrees on the placed level (that level's share of the evidence weight), "
    "discounted when the passages are few (times n/(n+1) for n passages; it is never 1): "
    "mixed evidence lowers it, so nine passages spread over four levels can score below two that agree."
)


class Placements(ResultDisplay):
    """Where each group stands on a ladder, and on what evidence.

    Build one with :func:`qlr.track.ladder`.  It reads like its flat table:
    ``placements["level"]``, ``len(placements)``, ``placements.loc[…]``,
    ``placements.set_index(…)`` and every other DataFrame attribute answer from
    :attr:`table`, so code written for the table keeps working.

    Parameters
    ----------
    table : DataFrame
        One row per group × facet, one value per cell (no lists): the group
        columns, ``facet``, ``rule``, ``status``, ``level``, ``level_name``,
        ``band``, ``low``, ``high``, ``band_range``, ``n_evidence``, ``weight``,
        ``confidence``, ``reason`` and the override columns (see :func:`qlr.track.ladder`).
    evidence : DataFrame
        One row per piece of evidence of each placed group × facet, in the
        order the trail reads (highest level first): the group columns,
        ``facet``, ``rank`` (0 for the first), ``seg_id``, ``quote`` (the coded
        text), ``code_id``, ``coding_id``, ``doc_id``, ``start``, ``end``,
        ``level`` and ``polarity`` the code gives evidence for, and ``weight``.
        A segment coded several times is cited once (its strongest coding);
        ``mentions`` says how many codings of the cited code's evidence it
        holds (a code matched or selected twice in one turn weighs twice) and
        ``passage_weight`` what they weigh together. Other codes of the same
        segment weigh in the placement too: the trail cites the passage once,
        and ``other_evidence`` names that other evidence (code, level, polarity,
        weight; empty when there is none) and ``other_weight`` what it weighs,
        so a placement's ``passage_weight`` and ``other_weight`` add up to its
        ``weight``. ``interpreted``, ``researchers_account`` (field notes or the
        team's summary) and ``researchers_summary`` say whose words a passage is;
        ``counted`` is False for a passage that counts for nothing (a summary's at
        ``summary_weight`` 0, weight 0), cited after the counted ones and left out
        of ``n_evidence``.
    ladder : Ladder
        The ladder the groups were placed on (levels, bands, facets).
    keys : list of str
        The group columns (``["case_id", "wave_id"]`` by default).
    waves : list of str
        The study's waves in order, for figures over time.
    repeats : DataFrame, optional
        The passages counted once because another document of the same case
        at the same wave says them word for word (a photo's caption, a coder's
        copy): ``seg_id`` and ``doc_id`` of each repeat, ``same_as`` and
        ``same_as_doc`` of the passage it counts as.  Kept as :attr:`repeats`
        (empty when nothing was merged), so which passages were merged is said.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample").apply("coproduction")
    >>> stages = qlr.track.ladder(study, by="stage", facet="design")
    >>> stages
    <Placements stage × facet on Spectrum of co-production: 3 rows, 3 placed>
    >>> list(stages["stage"]), stages.ladder.name
    (['design', 'outputs', 'implementation'], 'Spectrum of co-production')
    >>> design = stages.evidence[stages.evidence["stage"] == "design"]
    >>> len(design) == int(stages.set_index("stage").loc["design", "n_evidence"])
    True
    """

    def __init__(
        self, table: pd.DataFrame, evidence: pd.DataFrame, *, ladder: Ladder, keys: list[str], waves: list[str], repeats: pd.DataFrame | None = None
    ) -> None:
        self.table = table
        self.repeats = repeats if repeats is not None else pd.DataFrame({column: pd.array([], dtype="string") for column in ("seg_id", "doc_id", "same_as", "same_as_doc")})
        self.evidence = evidence
        self.ladder = ladder
        self.keys = list(keys)
        self.waves = list(waves)
        # The evidence split by placement (group values, then facet), made at the first one-placement look-up.
        self._by_placement: tuple[int, dict[tuple[Any, ...], pd.DataFrame]] | None = None

    # The flat table answers for the object, so placements read like the DataFrame they were.
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("table", "evidence", "ladder", "keys", "waves", "repeats"):
            raise AttributeError(name)
        return getattr(self.table, name)

    def __getitem__(self, key: Any) -> Any:
        return self.table[key]

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.table)

    def __contains__(self, column: object) -> bool:
        return column in self.table

    def quotes(self, *, facet: str | None = None, **group: Any) -> pd.DataFrame:
        """The evidence of one placement (or of every placement matching what is given).

        Parameters
        ----------
        facet : str, optional
        **group
            Values of the group columns, by column (``case_id="C05"``) or by
            their short names (``case="C05"``, ``wave="W3"``).

        Returns
        -------
        DataFrame
            Rows of :attr:`evidence`, in trail order.

        Examples
        --------
        >>> import qlr
        >>> study = qlr.load("data/sample").apply("coproduction")
        >>> pl = qlr.track.ladder(study.sel(case="C05"), facet="delivery")
        >>> q = pl.quotes(case="C05", wave="W3")
        >>> len(q) == int(pl.set_index("wave_id").loc["W3", "n_evidence"]), list(q["rank"][:2])
        (True, [0, 1])
        """
        rows = self.evidence
        names = {"case": "case_id", "wave": "wave_id"}
        columns = {names.get(name, name): value for name, value in group.items()}
        if facet is not None and len(columns) == len(group) and set(columns) == set(self.keys) and not any(pd.isna(v) for v in columns.values()):
            # One whole placement: looked up in the evidence split once (a mask per placement took minutes at 600 cases).
            key = (*(columns[k] for k in self.keys), facet)
            return self._split_by_placement().get(key, rows.iloc[0:0])
        mask = pd.Series(True, index=rows.index)
        for name, value in group.items():
            mask &= (rows[names.get(name, name)] == value).fillna(False)
        if facet is not None:
            mask &= (rows["facet"] == facet).fillna(False)
        return rows[mask.to_numpy(dtype=bool)]

    def _split_by_placement(self) -> dict[tuple[Any, ...], pd.DataFrame]:
        """The evidence of each placement (group values, then facet), split in one pass, in trail order."""
        if self._by_placement is None or self._by_placement[0] != id(self.evidence):
            evidence = self.evidence
            split = {} if evidence.empty else {
                key if isinstance(key, tuple) else (key,): rows
                for key, rows in evidence.groupby([*self.keys, "facet"], sort=False)
            }
            self._by_placement = (id(evidence), split)
        return self._by_placement[1]

    def to_csv(self, path: str | Path, *, evidence: str | Path | None = None, raw: bool = False) -> None:
        """Write the flat table as CSV (UTF-8), and the evidence table too when ``evidence`` names a file.

        Each file is written atomically with ``\\r\\n`` line ends; a text cell
        that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``,
        ``@``, a tab or a carriage return) gets a leading ``'`` unless ``raw=True``.

        Parameters
        ----------
        path : str or Path
            Where the flat table goes.
        evidence : str or Path, optional
            Where the evidence table goes; not written when omitted.
        raw : bool, default False
            Write text cells exactly as they are.

        Examples
        --------
        >>> import pandas as pd, qlr, tempfile, os
        >>> study = qlr.load("data/sample").apply("coproduction")
        >>> pl = qlr.track.ladder(study, by="stage", facet="design")
        >>> folder = tempfile.mkdtemp()
        >>> pl.to_csv(os.path.join(folder, "stages.csv"), evidence=os.path.join(folder, "quotes.csv"))
        >>> len(pd.read_csv(os.path.join(folder, "quotes.csv"))) == len(pl.evidence)
        True
        """
        from .._output import write_csv

        write_csv(path, self.table, raw=raw)
        if evidence is not None:
            write_csv(evidence, self.evidence, raw=raw)

    def _summary(self) -> str:
        placed = int((self.table["status"] == "placed").sum()) if "status" in self.table else 0
        return f" {' × '.join([*self.keys, 'facet'])} on {self.ladder.name}: {len(self.table):,} rows, {placed:,} placed"

    def _sections(self) -> list[tuple[str, Any]]:
        return [("", self.table)]


def flat_placements(placements: Placements | pd.DataFrame) -> pd.DataFrame:
    """The flat table of placements, whether given the result object or a table built by hand.

    Examples
    --------
    >>> import pandas as pd
    >>> flat_placements(pd.DataFrame({"case_id": ["A"], "level": [1]}))["level"].tolist()
    [1]
    """
    return placements.table if isinstance(placements, Placements) else placements


def level_label(row: Any) -> str:
    """A placed level as every list of placements says it (the pen portrait, the report's evidence trails): the one wording.

    Its number and name, then its band (left out where the ladder gives none, so the band is the name) and, where the
    evidence's weighted quartiles reach other bands (``band_range``), how far they reach.

    Parameters
    ----------
    row : mapping or namedtuple
        A placement row: ``level``, ``level_name``, ``band`` and ``band_range`` (either band may be missing).

    Returns
    -------
    str

    Examples
    --------
    >>> level_label({"level": 2, "level_name": "Collaboration", "band": "high", "band_range": "mid to full"})
    '2 Collaboration (high; evidence from mid to full)'
    >>> level_label({"level": 2, "level_name": "Collaboration", "band": "high", "band_range": "high"})
    '2 Collaboration (high)'
    >>> level_label({"level": 0, "level_name": "Not co-produced", "band": "not co-produced", "band_range": "not co-produced to mid"})
    '0 Not co-produced (evidence from not co-produced to mid)'
    """
    get = row.get if isinstance(row, dict) else (lambda key, default=None: getattr(row, key, default))
    name, band, spread = get("level_name"), get("band"), get("band_range")
    said = []
    if isinstance(band, str) and band and band != str(name).lower():
        said.append(band)
    if isinstance(spread, str) and spread and spread != band:
        said.append(f"evidence from {spread}")
    return f"{get('level')} {name}" + (f" ({'; '.join(said)})" if said else "")
