"""Codebooks: themes, a code tree, indicators, ladder evidence, versions and lineage.

A codebook is a YAML file (or a REFI-QDA ``.qdc``)::

    name: Co-production
    id: coproduction
    version: 1.2.0
    ladder:                                  # optional ordinal scale
      name: Spectrum of co-production
      facets: [{id: delivery, name: Delivery}, {id: design, name: Design & evaluation}]
      levels: [{value: 0, name: Not co-produced}, {value: 1, name: Contribution, band: mid}, …]
      placement: {rule: highest_supported, min_evidence: 2}
    themes: [{id: reciprocity, name: Reciprocity, colour: "#0072B2", definition: …}]
    codes:
      - id: reciprocity.two_way
        name: Two-way exchange
        parent: reciprocity                  # a theme or another code
        definition: …
        include: …
        exclude: …
        examples: ["…", "…"]
        indicators:
          - phrase: give back                # matched on lower case and on lemmas
          - pattern: [{LEMMA: {IN: [help, support]}}, {LOWER: each}, {LOWER: other}]
          - {phrase: two-way, negated: true} # fires only inside a negated clause
        evidence: {level: 2, facet: delivery, polarity: positive}
        counts: for                          # or against: its theme's roll-up (Codebook.rollup)
    lineage:
      - {version: 1.1.0, merged: [power.choice, power.control], into: power.choice_control}

Nothing about the ladder is built into qlr: the levels, bands, facets and placement
rule come from the file, so the same code serves Needham & Carr's three levels or
Arnstein's eight rungs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import SourceNotFoundError
from ._crosswalk import Crosswalk, CrosswalkEntry, read_crosswalk  # a project's own codes as ladder evidence
from ._model import (
    PLACEMENT_RULE_WORDS,
    PLACEMENT_RULES,
    Code,
    Codebook,
    Evidence,
    Facet,
    Indicator,
    Ladder,
    Level,
    LineageStep,
)
from ._model import version_key as version_key  # for qlr.code._lineage and the tests, not public API

__all__ = [
    "Codebook",
    "Code",
    "Indicator",
    "Evidence",
    "Ladder",
    "Level",
    "Facet",
    "LineageStep",
    "read_codebook",
    "bundled_codebooks",
    "PLACEMENT_RULES",
    "PLACEMENT_RULE_WORDS",
    "Crosswalk",
    "CrosswalkEntry",
    "read_crosswalk",
]

# Installed: qlr/codebooks/ inside the package; in a source checkout: codebooks/ beside qlr/.
_HERE = Path(__file__).resolve().parent
_BUNDLED = next((p for p in (_HERE.parent / "codebooks", _HERE.parents[1] / "codebooks") if p.is_dir()), _HERE.parent / "codebooks")


def bundled_codebooks() -> list[str]:
    """Names of the codebooks that ship with qlr.

    Examples
    --------
    >>> import qlr
    >>> qlr.codebook.bundled_codebooks()
    ['coproduction', 'durose_richardson']
    """
    return sorted(p.stem for p in _BUNDLED.glob("*.yaml"))


def read_codebook(name_or_path: str | os.PathLike[str], *, held: Mapping[str, Any] | None = None) -> Codebook:
    """Read a codebook: a bundled name, a ``.yaml``/``.yml``/``.qdc`` file, or a table (``.csv``/``.tsv``/``.xlsx``).

    A table has a row per code and a column of code names ("Code", "Name",
    "Tag"…); docs/codebooks.md ("Codebooks kept as tables") lists the columns
    read and how the hierarchy is.

    Parameters
    ----------
    name_or_path : str or PathLike
        ``"coproduction"`` or ``"durose_richardson"``, or a path; with ``held``, also the id of a codebook a project holds.
    held : mapping of str to Codebook, optional
        The codebooks a project holds, by id (``study.codebooks``): a name no bundled codebook has is one of these (a
        bundled name is the bundled codebook, so that coding again by name takes its newest version). The error for a
        name neither is lists both.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        The file is invalid; the message names the file, line and code id.
    SourceNotFoundError
        No such file or bundled codebook.

    Examples
    --------
    >>> import qlr
    >>> cb = qlr.read_codebook("durose_richardson")
    >>> len(cb.codes)
    10
    """
    text = os.fspath(name_or_path)
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml", ".qdc", ".csv", ".tsv", ".xlsx", ".xlsm") or os.sep in text or "/" in text or (path.suffix and path.is_file()):
        return Codebook.read(path)
    bundled = _BUNDLED / f"{text}.yaml"
    if bundled.is_file():
        return Codebook.read(bundled)
    own = {str(key): book for key, book in (held or {}).items() if isinstance(book, Codebook)}
    if text in own:
        return own[text]
    ids = ", ".join(sorted(own))
    raise SourceNotFoundError(
        f"no bundled codebook named {text!r}" + (f", nor one the project holds ({ids})" if own else (", and the project holds none" if held is not None else "")),
        hint=f"use one of {', '.join(bundled_codebooks())}" + (f", or one the project holds: {ids}" if own else "") + ", or give a path to a .yaml, .qdc, .csv or .xlsx file",
    )
