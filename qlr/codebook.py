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
    lineage:
      - {version: 1.1.0, merged: [power.choice, power.control], into: power.choice_control}

Nothing about the ladder is built into qlr: the levels, bands, facets and placement
rule come from the file, so the same code serves Needham & Carr's three levels or
Arnstein's eight rungs.
"""

from __future__ import annotations

import html
import math
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ._check import keyword_only_since
from ._decode import decode_bytes
from ._names import slug
from ._yaml import LineDict, LineList, check_keys, need_list, need_mapping, parse_yaml, with_lines
from .errors import CodebookError, CodebookSyntaxError, SourceNotFoundError

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
]

#: Placement rules a ladder may name (implemented in ``qlr.track``).
PLACEMENT_RULES = ("highest_supported", "weighted_median", "modal")
_POLARITIES = ("positive", "negative")
# Installed: qlr/codebooks/ inside the package; in a source checkout: codebooks/ beside qlr/.
_BUNDLED = next(
    (p for p in (Path(__file__).resolve().parent / "codebooks", Path(__file__).resolve().parents[1] / "codebooks") if p.is_dir()),
    Path(__file__).resolve().parent / "codebooks",
)

_TOP_KEYS = ("name", "id", "version", "description", "ladder", "themes", "codes", "lineage", "authors", "speakers", "networks")
_NETWORK_KEYS = ("support",)  # networks: {support: [themes whose codes mark support between people]}
_LADDER_KEYS = ("name", "description", "facets", "levels", "placement")
_PLACEMENT_KEYS = ("rule", "min_evidence", "min_segments")
_LEVEL_KEYS = ("value", "name", "band", "description")
_FACET_KEYS = ("id", "name", "description")
_THEME_KEYS = ("id", "name", "definition", "description", "include", "exclude", "examples", "colour", "color", "indicators", "evidence", "memo")
_CODE_KEYS = ("id", "name", "parent", "definition", "include", "exclude", "examples", "colour", "color", "indicators", "evidence", "memo")
_INDICATOR_KEYS = ("phrase", "pattern", "negated", "id")
_EVIDENCE_KEYS = ("level", "facet", "polarity", "weight")
_LINEAGE_KEYS = ("version", "renamed", "merged", "into", "split", "note")
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")


# --------------------------------------------------------------------- parts
@dataclass(frozen=True)
class Level:
    """One step of a ladder: its ordinal ``value``, ``name`` and optional ``band``."""

    value: int
    name: str
    band: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Facet:
    """A dimension a ladder is judged on separately (e.g. delivery; design & evaluation)."""

    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Ladder:
    """An ordinal scale that codes give evidence for, with its placement rule."""

    name: str
    levels: tuple[Level, ...]
    facets: tuple[Facet, ...] = ()
    placement: Mapping[str, Any] = field(default_factory=lambda: {"rule": "highest_supported"})
    description: str | None = None

    def level(self, value: int) -> Level:
        """The level with this value."""
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(f"the ladder {self.name!r} has no level {value}")

    @property
    def values(self) -> list[int]:
        return [level.value for level in self.levels]


@dataclass(frozen=True)
class Indicator:
    """Text that signals a code: a ``phrase`` or a spaCy token ``pattern``.

    ``negated=True`` makes it fire only inside a negated clause ("it wasn't really
    a two-way thing"), for codes that record the absence of something.
    """

    phrase: str | None = None
    pattern: tuple[Mapping[str, Any], ...] | None = None
    negated: bool = False
    id: str | None = None

    @property
    def label(self) -> str:
        """A stable, readable name recorded on each coding it produces."""
        if self.id:
            return self.id
        if self.phrase is not None:
            return f"phrase:{self.phrase}" + (" (negated)" if self.negated else "")
        return "pattern:" + " ".join(_pattern_text(t) for t in self.pattern or ()) + (" (negated)" if self.negated else "")


def _pattern_text(token: Mapping[str, Any]) -> str:
    parts = []
    for key, value in token.items():
        if isinstance(value, Mapping):
            value = ",".join(f"{k}={v}" for k, v in value.items())
        parts.append(f"{key}={value}")
    return "[" + ";".join(parts) + "]"


@dataclass(frozen=True)
class Evidence:
    """What a code says about a ladder: a level, on a facet, for or against it.

    ``positive`` evidence supports placing the case at ``level``; ``negative``
    evidence says the case is *not* at ``level`` or above on that facet.
    """

    level: int
    facet: str | None = None
    polarity: str = "positive"
    weight: float = 1.0


@dataclass(frozen=True)
class Code:
    """A node of the code tree: a theme (``kind="theme"``) or a code under one."""

    id: str
    name: str
    kind: str = "code"
    parent: str | None = None
    definition: str | None = None
    include: str | None = None
    exclude: str | None = None
    examples: tuple[str, ...] = ()
    colour: str | None = None
    indicators: tuple[Indicator, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    memo: str | None = None


@dataclass(frozen=True)
class LineageStep:
    """One change between codebook versions: a rename, a merge or a split."""

    version: str
    action: str  # "renamed", "merged", "split"
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    note: str | None = None


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a ``MAJOR.MINOR.PATCH`` version string.

    Examples
    --------
    >>> version_key("1.10.0") > version_key("1.9.2")
    True
    """
    numbers = re.findall(r"\d+", str(version))
    return tuple(int(n) for n in numbers[:3]) + (0,) * (3 - len(numbers[:3]))


# ------------------------------------------------------------------ codebook
class Codebook:
    """A versioned, validated codebook.

    Build one with :func:`read_codebook` (a bundled name, a ``.yaml`` or a ``.qdc``)
    or :meth:`from_yaml`.  Codes are looked up by id (``codebook["power.done_to"]``);
    iterating yields the codes (themes first, in file order).

    Parameters
    ----------
    name : str
        The codebook's title.
    id : str, optional
        A short identifier; defaults to a slug of ``name``.
    version : str
        The codebook's version, recorded with every coding it makes.
    description : str, optional
        What the codebook is for.
    ladder : Ladder, optional
        The levels, bands and facets placements use.
    codes : sequence of Code
        Themes and codes; every parent must be among them.
    lineage : sequence of LineageStep
        How codes were renamed, merged or split between versions.
    source : str, optional
        The file it was read from, for error messages.
    networks : mapping of str to sequence of str, optional
        What the networks read from the codebook: ``{"support": themes}`` names
        the themes whose codes mark talk about support between people
        (:func:`qlr.net.actors`).

    Examples
    --------
    >>> import qlr
    >>> cb = qlr.read_codebook("coproduction")
    >>> cb
    <Codebook 'coproduction' 1.0.0: 8 themes, 30 codes, ladder 'Spectrum of co-production' (5 levels, 2 facets)>
    >>> cb.theme_of("reciprocity.two_way")
    'reciprocity'
    >>> cb.ladder.level(2).name
    'Collaboration'
    """

    def __init__(
        self,
        *,
        name: str,
        id: str | None = None,
        version: str = "0.1.0",
        description: str | None = None,
        ladder: Ladder | None = None,
        codes: list[Code] | tuple[Code, ...] = (),
        lineage: list[LineageStep] | tuple[LineageStep, ...] = (),
        source: str | None = None,
        networks: Mapping[str, list[str] | tuple[str, ...]] | None = None,
    ) -> None:
        self.networks = {key: tuple(themes) for key, themes in (networks or {}).items()}
        self.name = name
        self.id = id or slug(name)
        self.version = str(version)
        self.description = description
        self.ladder = ladder
        self.lineage = tuple(lineage)
        self.source = source
        self._codes: dict[str, Code] = {}
        # Themes first, each group in the given order (as documented, and as to_dict lays them out).
        for code in sorted(codes, key=lambda code: code.kind != "theme"):
            if code.id in self._codes:
                raise CodebookError(f"code id {code.id!r} appears twice", path=source, hint="give each code its own id")
            self._codes[code.id] = code
        self._validate_tree()

    # ---------------------------------------------------------------- access
    def __getitem__(self, code_id: str) -> Code:
        try:
            return self._codes[code_id]
        except KeyError:
            raise KeyError(f"the codebook {self.id!r} has no code {code_id!r}") from None

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._codes

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    @property
    def themes(self) -> list[Code]:
        """The top-level themes."""
        return [c for c in self._codes.values() if c.kind == "theme"]

    @property
    def codes(self) -> list[Code]:
        """Every code that is not a theme."""
        return [c for c in self._codes.values() if c.kind != "theme"]

    def theme_of(self, code_id: str) -> str:
        """The id of the theme at the root of ``code_id``'s branch.

        Parameters
        ----------
        code_id : str
            A theme or code of this codebook.

        Returns
        -------
        str
            The theme's id (``code_id`` itself for a theme).

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb.theme_of("power.co_designing"), cb.theme_of("power")
        ('power', 'power')
        """
        code = self[code_id]
        while code.parent is not None:
            code = self[code.parent]
        return code.id

    def children(self, code_id: str) -> list[Code]:
        """The codes whose parent is ``code_id`` (direct children only, in file order).

        Parameters
        ----------
        code_id : str
            A theme or code of this codebook.

        Returns
        -------
        list of Code
            The children; empty for a leaf.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> [code.id for code in cb.children("reciprocity")]
        ['reciprocity.two_way', 'reciprocity.giving_back', 'reciprocity.time_credits']
        >>> cb.children("reciprocity.two_way")
        []
        """
        return [c for c in self._codes.values() if c.parent == code_id]

    def colour_of(self, code_id: str) -> str | None:
        """The code's colour, else its nearest ancestor's (``None`` if no ancestor has one).

        Parameters
        ----------
        code_id : str
            A theme or code of this codebook.

        Returns
        -------
        str or None
            A colour such as ``"#0072B2"``.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb["reciprocity.two_way"].colour is None
        True
        >>> cb.colour_of("reciprocity.two_way"), cb.colour_of("reciprocity")
        ('#0072B2', '#0072B2')
        """
        code: Code | None = self[code_id]
        while code is not None:
            if code.colour:
                return code.colour
            code = self._codes.get(code.parent) if code.parent else None
        return None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Codebook):
            return NotImplemented
        return (
            (self.name, self.id, self.version, self.description, self.ladder, self.lineage, self.networks, list(self._codes.values()))
            == (other.name, other.id, other.version, other.description, other.ladder, other.lineage, other.networks, list(other._codes.values()))
        )

    __hash__ = None  # type: ignore[assignment]

    def with_codes(self, codes: list[Code], *, version: str | None = None) -> Codebook:
        """A copy with a different code list (and optionally version): for edits in code.

        The copy is validated like any codebook (every parent must exist).  This
        codebook is unchanged.

        Parameters
        ----------
        codes : list of Code
            The new themes and codes.
        version : str, optional
            The copy's version; defaults to this one's.

        Returns
        -------
        Codebook
            The copy.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> smaller = cb.with_codes([c for c in cb if c.id != "reciprocity.time_credits"], version="1.1.0")
        >>> len(smaller), len(cb), smaller.version, "reciprocity.time_credits" in smaller
        (37, 38, '1.1.0', False)
        """
        return Codebook(
            name=self.name,
            id=self.id,
            version=version or self.version,
            description=self.description,
            ladder=self.ladder,
            codes=codes,
            lineage=self.lineage,
            source=self.source,
            networks=self.networks,
        )

    # ------------------------------------------------------------ validation
    def _validate_tree(self) -> None:
        for code in self._codes.values():
            if code.parent is not None and code.parent not in self._codes:
                raise CodebookError(
                    f"code {code.id!r}: its parent {code.parent!r} is not a theme or code of this codebook",
                    path=self.source,
                    hint="declare the parent under 'themes:' or 'codes:', or correct the id",
                )
            seen = {code.id}
            node = code
            while node.parent is not None:
                if node.parent in seen:
                    raise CodebookError(
                        f"code {code.id!r}: the parent chain loops back to {node.parent!r}",
                        path=self.source,
                        hint="a code cannot be its own ancestor; fix one of the 'parent:' entries",
                    )
                seen.add(node.parent)
                node = self._codes[node.parent]
            if self.ladder is not None:
                values = self.ladder.values
                facets = [f.id for f in self.ladder.facets]
                for evidence in code.evidence:
                    if evidence.level not in values:
                        raise CodebookError(
                            f"code {code.id!r}: evidence level {evidence.level} is not on the ladder",
                            path=self.source,
                            hint=f"use one of {', '.join(map(str, values))}",
                        )
                    if evidence.facet is not None and facets and evidence.facet not in facets:
                        raise CodebookError(
                            f"code {code.id!r}: evidence facet {evidence.facet!r} is not one of the ladder's facets",
                            path=self.source,
                            hint=f"use one of {', '.join(facets)}",
                        )
            elif code.evidence:
                raise CodebookError(
                    f"code {code.id!r} gives ladder evidence but the codebook has no 'ladder:'",
                    path=self.source,
                    hint="add a ladder block, or remove 'evidence:'",
                )

    # ---------------------------------------------------------------- output
    def to_dict(self) -> dict[str, Any]:
        """The codebook as plain data, in the YAML file's layout.

        Returns
        -------
        dict
            ``name``, ``id``, ``version``, ``themes``, ``codes``… as lists and dicts of plain values.

        Examples
        --------
        >>> import qlr
        >>> data = qlr.read_codebook("coproduction").to_dict()
        >>> data["id"], data["version"], len(data["themes"]), len(data["codes"])
        ('coproduction', '1.0.0', 8, 30)
        >>> data["codes"][0]["parent"]
        'assets'
        """
        data: dict[str, Any] = {"name": self.name, "id": self.id, "version": self.version}
        if self.description:
            data["description"] = self.description
        if self.ladder is not None:
            ladder: dict[str, Any] = {"name": self.ladder.name}
            if self.ladder.description:
                ladder["description"] = self.ladder.description
            if self.ladder.facets:
                ladder["facets"] = [_drop_none({"id": f.id, "name": f.name, "description": f.description}) for f in self.ladder.facets]
            ladder["levels"] = [
                _drop_none({"value": lv.value, "name": lv.name, "band": lv.band, "description": lv.description})
                for lv in self.ladder.levels
            ]
            ladder["placement"] = dict(self.ladder.placement)
            data["ladder"] = ladder
        data["themes"] = [_code_dict(theme) for theme in self.themes]
        data["codes"] = [_code_dict(code) for code in self.codes]
        if self.lineage:
            data["lineage"] = [_lineage_dict(step) for step in self.lineage]
        if self.networks:
            data["networks"] = {key: list(themes) for key, themes in self.networks.items()}
        return data

    def to_yaml(self) -> str:
        """The codebook as YAML text that :meth:`from_yaml` reads back unchanged.

        Returns
        -------
        str
            The YAML text.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> qlr.Codebook.from_yaml(cb.to_yaml()) == cb
        True
        """
        import yaml

        return yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)

    def to_frame(self) -> pd.DataFrame:
        """One row per theme and code: id, name, kind, parent, theme, depth, texts, counts, evidence.

        Returns
        -------
        DataFrame
            Indexed by code id, in file order.

        Examples
        --------
        >>> import qlr
        >>> frame = qlr.read_codebook("coproduction").to_frame()
        >>> frame.loc["reciprocity.two_way", ["theme", "kind"]].tolist()
        ['reciprocity', 'code']
        >>> int(frame.loc["reciprocity.two_way", "depth"])
        1
        """
        rows = []
        for code in self._codes.values():
            depth = 0
            node = code
            while node.parent is not None:
                depth += 1
                node = self._codes[node.parent]
            rows.append(
                {
                    "code_id": code.id,
                    "name": code.name,
                    "kind": code.kind,
                    "parent": code.parent,
                    "theme": node.id,
                    "depth": depth,
                    "definition": code.definition,
                    "include": code.include,
                    "exclude": code.exclude,
                    "n_examples": len(code.examples),
                    "n_indicators": len(code.indicators),
                    "evidence": "; ".join(_evidence_text(e) for e in code.evidence) or None,
                    "colour": self.colour_of(code.id),
                }
            )
        frame = pd.DataFrame(rows).set_index("code_id")
        for column in ("name", "kind", "parent", "theme", "definition", "include", "exclude", "evidence", "colour"):
            frame[column] = frame[column].astype("string")
        return frame

    def __repr__(self) -> str:
        ladder = ""
        if self.ladder is not None:
            ladder = f", ladder {self.ladder.name!r} ({len(self.ladder.levels)} levels, {len(self.ladder.facets)} facets)"
        return f"<Codebook {self.id!r} {self.version}: {len(self.themes)} themes, {len(self.codes)} codes{ladder}>"

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [
            '<div style="font-family:system-ui,sans-serif;font-size:13px">',
            f"<b>Codebook</b> {e(self.name)} <code>{e(self.id)}</code> version {e(self.version)}: "
            f"{len(self.themes)} themes, {len(self.codes)} codes",
        ]
        if self.description:
            parts.append(f"<div>{e(self.description)}</div>")
        if self.ladder is not None:
            levels = ", ".join(
                f"{lv.value} {e(lv.name)}" + (f" ({e(lv.band)})" if lv.band else "") for lv in self.ladder.levels
            )
            facets = ", ".join(e(f.name) for f in self.ladder.facets) or "—"
            parts.append(
                f"<details><summary>Ladder: {e(self.ladder.name)}</summary><div>Levels: {levels}</div>"
                f"<div>Facets: {facets}</div><div>Placement: {e(str(dict(self.ladder.placement)))}</div></details>"
            )
        for theme in self.themes:
            swatch = f'<span style="display:inline-block;width:10px;height:10px;background:{e(theme.colour or "#999")}"></span> '
            rows = []
            for code in self._descendants(theme.id):
                evidence = "; ".join(_evidence_text(ev) for ev in code.evidence)
                rows.append(
                    f"<tr><td><code>{e(code.id)}</code></td><td>{e(code.name)}</td>"
                    f"<td>{e(code.definition or '')}</td><td>{len(code.indicators)}</td><td>{e(evidence)}</td></tr>"
                )
            parts.append(
                f"<details><summary>{swatch}{e(theme.name)} ({len(rows)})</summary>"
                '<table style="border-collapse:collapse"><tr><th>id</th><th>name</th><th>definition</th>'
                f"<th>indicators</th><th>evidence</th></tr>{''.join(rows)}</table></details>"
            )
        if self.lineage:
            items = "".join(f"<li>{e(_lineage_text(step))}</li>" for step in self.lineage)
            parts.append(f"<details><summary>Lineage ({len(self.lineage)})</summary><ul>{items}</ul></details>")
        parts.append("</div>")
        return "".join(parts)

    def _descendants(self, code_id: str) -> list[Code]:
        found = []
        for child in self.children(code_id):
            found.append(child)
            found.extend(self._descendants(child.id))
        return found

    # ----------------------------------------------------------------- input
    @classmethod
    @keyword_only_since("path")
    def from_yaml(cls, text: str, *, path: str | os.PathLike[str] | None = None) -> Codebook:
        """Parse and validate codebook YAML; errors name the file, line and code id.

        Parameters
        ----------
        text : str
            The YAML (see the module docstring for the layout).
        path : str or PathLike, optional
            Where the text came from, for error messages (keyword-only; passing
            it by position still works, with a ``FutureWarning``).

        Returns
        -------
        Codebook
            The validated codebook.

        Raises
        ------
        CodebookError
            The YAML is malformed (:class:`~qlr.errors.CodebookSyntaxError`) or
            describes an invalid codebook.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.Codebook.from_yaml(
        ...     "{name: Support, themes: [{id: help, name: Help}],"
        ...     " codes: [{id: help.peer, name: Peer help, parent: help}]}")
        >>> cb, cb.theme_of("help.peer")
        (<Codebook 'support' 0.1.0: 1 themes, 1 codes>, 'help')
        >>> qlr.Codebook.from_yaml("{name: Support, codes: [{id: peer, name: Peer help, parent: hlep}]}")
        Traceback (most recent call last):
        ...
        qlr.errors.CodebookError: <codebook>:1: code 'peer': its parent 'hlep' is not a theme or code of this codebook. Fix: ...
        """
        where = os.fspath(path) if path is not None else "<codebook>"
        data = parse_yaml(text, where, error=CodebookSyntaxError)
        return _build(data, where)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | os.PathLike[str] | None = None) -> Codebook:
        """The codebook :meth:`to_dict` describes, validated like a YAML file.

        The exact inverse of :meth:`to_dict`: ``Codebook.from_dict(cb.to_dict()) == cb``
        for every valid codebook ``cb`` (read from YAML or ``.qdc``, built in code).

        Parameters
        ----------
        data : mapping
            Plain data in the YAML file's layout (see the module docstring).
        source : str or PathLike, optional
            Where the data came from, for error messages.

        Returns
        -------
        Codebook

        Raises
        ------
        CodebookError
            The data is not a valid codebook (the message names the code).

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> qlr.Codebook.from_dict(cb.to_dict()) == cb
        True
        >>> qlr.Codebook.from_dict({"name": "Support", "themes": ["help"], "codes": [{"id": "help.peer", "name": "Peer help", "parent": "help"}]})
        <Codebook 'support' 0.1.0: 1 themes, 1 codes>
        """
        where = os.fspath(source) if source is not None else "<codebook>"
        return _build(with_lines(data), where)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Codebook:
        """Read a ``.yaml``/``.yml`` or REFI-QDA ``.qdc`` codebook file.

        :func:`qlr.read_codebook` also takes the names of bundled codebooks.

        Parameters
        ----------
        path : str or path-like
            The file.

        Returns
        -------
        Codebook
            The validated codebook.

        Examples
        --------
        >>> import qlr, tempfile, os
        >>> cb = qlr.read_codebook("coproduction")
        >>> path = os.path.join(tempfile.mkdtemp(), "coproduction.yaml")
        >>> with open(path, "w", encoding="utf-8") as f:
        ...     _ = f.write(cb.to_yaml())
        >>> qlr.Codebook.read(path) == cb
        True
        """
        path = Path(path)
        if not path.is_file():
            raise SourceNotFoundError("no such codebook file", path=path, hint="check the path, or use a bundled name")
        if path.suffix.lower() == ".qdc":
            from .io._qdc import read_qdc

            return read_qdc(path)
        text, _ = decode_bytes(path.read_bytes(), path)
        return cls.from_yaml(text, path=path)


def _code_dict(code: Code) -> dict[str, Any]:
    """A theme's or code's entry in :meth:`Codebook.to_dict` (a theme has no ``parent``)."""
    item: dict[str, Any] = {"id": code.id, "name": code.name}
    if code.kind != "theme":
        item["parent"] = code.parent
    for key in ("definition", "include", "exclude"):
        if getattr(code, key):
            item[key] = getattr(code, key)
    if code.examples:
        item["examples"] = list(code.examples)
    if code.colour:
        item["colour"] = code.colour
    if code.indicators:
        item["indicators"] = [_indicator_dict(i) for i in code.indicators]
    if code.evidence:
        evidence = [_evidence_dict(e) for e in code.evidence]
        item["evidence"] = evidence[0] if len(evidence) == 1 else evidence
    if code.memo:
        item["memo"] = code.memo
    return item


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


def _indicator_dict(indicator: Indicator) -> Any:
    item: dict[str, Any] = {}
    if indicator.phrase is not None:
        item["phrase"] = indicator.phrase
    else:
        item["pattern"] = [dict(t) for t in indicator.pattern or ()]
    if indicator.negated:
        item["negated"] = True
    if indicator.id:
        item["id"] = indicator.id
    return item


def _evidence_dict(evidence: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {"level": evidence.level}
    if evidence.facet is not None:
        item["facet"] = evidence.facet
    item["polarity"] = evidence.polarity
    if evidence.weight != 1.0:
        item["weight"] = evidence.weight
    return item


def _evidence_text(evidence: Evidence) -> str:
    sign = "+" if evidence.polarity == "positive" else "−"
    facet = f" {evidence.facet}" if evidence.facet else ""
    return f"{sign}{evidence.level}{facet}"


def _lineage_dict(step: LineageStep) -> dict[str, Any]:
    item: dict[str, Any] = {"version": step.version}
    if step.action == "renamed":
        item["renamed"] = {step.sources[0]: step.targets[0]}
    elif step.action == "merged":
        item["merged"] = list(step.sources)
        item["into"] = step.targets[0]
    else:
        item["split"] = step.sources[0]
        item["into"] = list(step.targets)
    if step.note:
        item["note"] = step.note
    return item


def _lineage_text(step: LineageStep) -> str:
    if step.action == "renamed":
        return f"{step.version}: renamed {step.sources[0]} → {step.targets[0]}"
    if step.action == "merged":
        return f"{step.version}: merged {', '.join(step.sources)} → {step.targets[0]}"
    return f"{step.version}: split {step.sources[0]} → {', '.join(step.targets)}"


# ---------------------------------------------------------------- YAML → object
def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _require_mapping(value: Any, path: str, line: int, what: str) -> LineDict:
    return need_mapping(value, path=path, line=line, message=f"{what} must be a mapping (keys and values)", error=CodebookError)


def _require_list(value: Any, path: str, line: int, what: str) -> LineList:
    return need_list(value, path=path, line=line, what=what, message=f"'{what}' must be a list", error=CodebookError)


def _build(data: Any, path: str) -> Codebook:
    if not isinstance(data, LineDict):
        raise CodebookError("a codebook file must be a mapping with 'name' and 'codes'", path=path, line=1, hint="see docs/codebooks.md")
    check_keys(data, _TOP_KEYS, path=path, where="the codebook", error=CodebookError)
    name = _text(data.get("name"))
    if not name:
        raise CodebookError("the codebook has no 'name'", path=path, line=data.line, hint="add  name: My codebook")
    ladder = _build_ladder(data.get("ladder"), path, data.line_of("ladder")) if data.get("ladder") is not None else None

    codes: list[Code] = []
    lines: dict[str, int] = {}

    def add(code: Code, line: int) -> None:
        if code.id in lines:
            raise CodebookError(
                f"code id {code.id!r} is declared twice (first on line {lines[code.id]})",
                path=path,
                line=line,
                hint="give each theme and code its own id",
            )
        lines[code.id] = line
        codes.append(code)

    for kind, key in (("theme", "themes"), ("code", "codes")):
        entries = _require_list(data.get(key), path, data.line_of(key), key)
        for index, entry in enumerate(entries):
            line = entries.lines[index]
            if kind == "theme" and isinstance(entry, str):
                add(Code(id=_check_id(entry, path, line, "a theme"), name=entry.replace("_", " ").capitalize(), kind="theme"), line)
            else:
                add(_build_code(_require_mapping(entry, path, line, f"a {kind}"), path, line, kind, ladder), line)

    # Tree checks here, where the lines are known.
    known = set(lines)
    for code in codes:
        if code.parent is not None and code.parent not in known:
            from difflib import get_close_matches

            close = get_close_matches(code.parent, sorted(known), n=1)
            raise CodebookError(
                f"code {code.id!r}: its parent {code.parent!r} is not a theme or code of this codebook",
                path=path,
                line=lines[code.id],
                hint=f"did you mean {close[0]!r}?" if close else "declare the parent under 'themes:' or 'codes:'",
            )
    parents = {c.id: c.parent for c in codes}
    for code in codes:
        seen = [code.id]
        node = code.id
        while parents.get(node) is not None:
            node = parents[node]  # type: ignore[assignment]
            if node in seen:
                raise CodebookError(
                    f"code {code.id!r}: the parent chain loops ({' → '.join(seen + [node])})",
                    path=path,
                    line=lines[code.id],
                    hint="a code cannot be its own ancestor; fix one of the 'parent:' entries",
                )
            seen.append(node)

    lineage = tuple(
        _build_lineage(item, path, _item_line(data.get("lineage"), i, data.line_of("lineage")), known)
        for i, item in enumerate(_require_list(data.get("lineage"), path, data.line_of("lineage"), "lineage"))
    )
    version = _text(data.get("version")) or "0.1.0"
    if not re.match(r"^\d+(\.\d+){0,2}([-+.].*)?$", version):
        raise CodebookError(f"version {version!r} is not like 1.2.0", path=path, line=data.line_of("version"), hint="use MAJOR.MINOR.PATCH numbers")
    return Codebook(
        name=name,
        id=_text(data.get("id")),
        version=version,
        description=_text(data.get("description")),
        ladder=ladder,
        codes=codes,
        lineage=lineage,
        source=path,
        networks=_build_networks(data, path, {c.id for c in codes if c.kind == "theme"}),
    )


def _build_networks(data: LineDict, path: str, themes: set[str]) -> dict[str, tuple[str, ...]]:
    """The ``networks:`` block: each key names themes of this codebook."""
    if data.get("networks") is None:
        return {}
    block = _require_mapping(data["networks"], path, data.line_of("networks"), "'networks'")
    check_keys(block, _NETWORK_KEYS, path=path, where="the networks block", error=CodebookError)
    networks = {}
    for key, value in block.items():
        listed = _require_list(value, path, block.line_of(key), f"networks {key!r}")
        for index, theme in enumerate(listed):
            if theme not in themes:
                raise CodebookError(
                    f"networks {key!r} names {theme!r}, which is not a theme of this codebook",
                    path=path,
                    line=_item_line(listed, index, block.line_of(key)),
                    hint=f"name themes declared under 'themes:' ({', '.join(sorted(themes))})",
                )
        networks[key] = tuple(str(theme) for theme in listed)
    return networks


def _build_code(entry: LineDict, path: str, line: int, kind: str, ladder: Ladder | None) -> Code:
    """A theme or code from its mapping; a theme takes no ``parent`` and may call its definition ``description``."""
    code_id = _check_id(entry.get("id"), path, line, f"a {kind}")
    check_keys(entry, _THEME_KEYS if kind == "theme" else _CODE_KEYS, path=path, where="a theme" if kind == "theme" else f"code {code_id!r}", error=CodebookError)
    examples = entry.get("examples") or []
    if isinstance(examples, str):
        examples = [examples]
    indicators = tuple(
        _build_indicator(item, path, _item_line(entry.get("indicators"), i, entry.line_of("indicators")), code_id)
        for i, item in enumerate(_require_list(entry.get("indicators"), path, entry.line_of("indicators"), "indicators"))
    )
    evidence_raw = entry.get("evidence")
    evidence_items = [] if evidence_raw is None else (evidence_raw if isinstance(evidence_raw, list) else [evidence_raw])
    evidence = tuple(
        _build_evidence(item, path, _item_line(evidence_raw, i, entry.line_of("evidence")), code_id, ladder)
        for i, item in enumerate(evidence_items)
    )
    return Code(
        id=code_id,
        name=_text(entry.get("name")) or code_id,
        kind=kind,
        parent=_text(entry.get("parent")),
        definition=_text(entry.get("definition") or entry.get("description")),
        include=_text(entry.get("include")),
        exclude=_text(entry.get("exclude")),
        examples=tuple(str(e).strip() for e in examples),
        colour=_text(entry.get("colour") or entry.get("color")),
        indicators=indicators,
        evidence=evidence,
        memo=_text(entry.get("memo")),
    )


def _item_line(container: Any, index: int, default: int) -> int:
    if isinstance(container, LineList) and index < len(container.lines):
        return container.lines[index]
    return default


def _check_id(value: Any, path: str, line: int, what: str) -> str:
    if value is None or not str(value).strip():
        raise CodebookError(f"{what} has no 'id'", path=path, line=line, hint="give it an id such as reciprocity.two_way")
    text = str(value).strip()
    if not _ID.match(text):
        raise CodebookError(
            f"{what} id {text!r} may only hold letters, digits, '_', '.' and '-'",
            path=path,
            line=line,
            hint="use dots for hierarchy, e.g. power.shared_decisions",
        )
    return text


def _build_ladder(value: Any, path: str, line: int) -> Ladder:
    ladder = _require_mapping(value, path, line, "'ladder'")
    check_keys(ladder, _LADDER_KEYS, path=path, where="the ladder", error=CodebookError)
    levels_raw = _require_list(ladder.get("levels"), path, ladder.line_of("levels"), "levels")
    if not levels_raw:
        raise CodebookError("the ladder has no levels", path=path, line=ladder.line, hint="list them under 'levels:' with value and name")
    levels = []
    for index, entry in enumerate(levels_raw):
        entry_line = levels_raw.lines[index]
        entry = _require_mapping(entry, path, entry_line, "a ladder level")
        check_keys(entry, _LEVEL_KEYS, path=path, where="a ladder level", error=CodebookError)
        try:
            number = int(entry.get("value"))
        except (TypeError, ValueError):
            raise CodebookError("a ladder level needs a whole-number 'value'", path=path, line=entry_line, hint="write e.g.  {value: 2, name: Collaboration}") from None
        levels.append(Level(number, _text(entry.get("name")) or str(number), _text(entry.get("band")), _text(entry.get("description"))))
    values = [lv.value for lv in levels]
    if len(set(values)) != len(values) or values != sorted(values):
        raise CodebookError("ladder level values must be distinct and in increasing order", path=path, line=levels_raw.line, hint="list levels from lowest to highest")
    facets = []
    facets_raw = _require_list(ladder.get("facets"), path, ladder.line_of("facets"), "facets")
    for index, entry in enumerate(facets_raw):
        entry_line = facets_raw.lines[index]
        if isinstance(entry, str):
            facets.append(Facet(entry, entry.replace("_", " ").capitalize()))
            continue
        entry = _require_mapping(entry, path, entry_line, "a facet")
        check_keys(entry, _FACET_KEYS, path=path, where="a facet", error=CodebookError)
        facet_id = _check_id(entry.get("id"), path, entry_line, "a facet")
        facets.append(Facet(facet_id, _text(entry.get("name")) or facet_id, _text(entry.get("description"))))
    placement = ladder.get("placement") or {"rule": "highest_supported"}
    placement = _require_mapping(placement, path, ladder.line_of("placement"), "'placement'") if not isinstance(placement, dict) or isinstance(placement, LineDict) else placement
    placement_line = ladder.line_of("placement")
    if isinstance(placement, LineDict):
        check_keys(placement, _PLACEMENT_KEYS, path=path, where="'placement'", error=CodebookError)
    for key, smallest, kind in (("min_evidence", 0.0, "a number"), ("min_segments", 1, "a whole number")):
        if key in placement:
            value = placement[key]
            wrong_type = isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or (kind == "a whole number" and not float(value).is_integer())
            if wrong_type or value < smallest:
                line = placement.line_of(key) if isinstance(placement, LineDict) else placement_line
                raise CodebookError(f"placement {key} must be {kind} ≥ {smallest:g}, not {value!r}", path=path, line=line, hint=f"e.g. {key}: 2")
    rule = str(placement.get("rule", "highest_supported"))
    if rule not in PLACEMENT_RULES:
        from difflib import get_close_matches

        close = get_close_matches(rule, PLACEMENT_RULES, n=1)
        raise CodebookError(
            f"unknown placement rule {rule!r}",
            path=path,
            line=placement.line_of("rule") if isinstance(placement, LineDict) else ladder.line_of("placement"),
            hint=f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(PLACEMENT_RULES)}",
        )
    return Ladder(
        name=_text(ladder.get("name")) or "Ladder",
        levels=tuple(levels),
        facets=tuple(facets),
        placement={str(k): v for k, v in placement.items()},
        description=_text(ladder.get("description")),
    )


def _build_indicator(value: Any, path: str, line: int, code_id: str) -> Indicator:
    if isinstance(value, str):
        return Indicator(phrase=_phrase(value, path, line, code_id))
    entry = _require_mapping(value, path, line, f"an indicator of code {code_id!r}")
    check_keys(entry, _INDICATOR_KEYS, path=path, where=f"an indicator of code {code_id!r}", error=CodebookError)
    negated = bool(entry.get("negated", False))
    label = _text(entry.get("id"))
    if ("phrase" in entry) == ("pattern" in entry):
        raise CodebookError(
            f"code {code_id!r}: an indicator needs exactly one of 'phrase' or 'pattern'",
            path=path,
            line=line,
            hint="write  - phrase: give back  or  - pattern: [{LOWER: give}, {LOWER: back}]",
        )
    if "phrase" in entry:
        return Indicator(phrase=_phrase(entry["phrase"], path, line, code_id), negated=negated, id=label)
    pattern = entry["pattern"]
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise CodebookError(
            f"code {code_id!r}: a pattern must be a list of token descriptions",
            path=path,
            line=line,
            hint="write e.g.  pattern: [{LEMMA: help}, {LOWER: each}, {LOWER: other}]",
        )
    plain = [_plain(t) for t in pattern]
    from spacy.schemas import validate_token_pattern

    problems = validate_token_pattern(plain)
    if problems:
        raise CodebookError(
            f"code {code_id!r}: invalid spaCy token pattern ({'; '.join(problems[:3])})",
            path=path,
            line=line,
            hint="see https://spacy.io/usage/rule-based-matching#adding-patterns for the keys a token may use",
        )
    return Indicator(pattern=tuple(plain), negated=negated, id=label)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _phrase(value: Any, path: str, line: int, code_id: str) -> str:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise CodebookError(f"code {code_id!r}: an indicator phrase is empty", path=path, line=line, hint="give the words to look for")
    return text


def _build_evidence(value: Any, path: str, line: int, code_id: str, ladder: Ladder | None) -> Evidence:
    entry = _require_mapping(value, path, line, f"the evidence of code {code_id!r}")
    check_keys(entry, _EVIDENCE_KEYS, path=path, where=f"the evidence of code {code_id!r}", error=CodebookError)
    if ladder is None:
        raise CodebookError(
            f"code {code_id!r} gives ladder evidence but the codebook has no 'ladder:'",
            path=path,
            line=line,
            hint="add a ladder block, or remove 'evidence:'",
        )
    try:
        level = int(entry.get("level"))
    except (TypeError, ValueError):
        raise CodebookError(f"code {code_id!r}: evidence needs a whole-number 'level'", path=path, line=line, hint="write e.g.  evidence: {level: 2, facet: delivery}") from None
    if level not in ladder.values:
        raise CodebookError(
            f"code {code_id!r}: evidence level {level} is not on the ladder {ladder.name!r}",
            path=path,
            line=entry.line_of("level"),
            hint=f"use one of {', '.join(map(str, ladder.values))}",
        )
    facet = _text(entry.get("facet"))
    facet_ids = [f.id for f in ladder.facets]
    if facet is not None and facet not in facet_ids:
        raise CodebookError(
            f"code {code_id!r}: evidence facet {facet!r} is not one of the ladder's facets",
            path=path,
            line=entry.line_of("facet"),
            hint=f"use one of {', '.join(facet_ids) or '(the ladder declares none)'}",
        )
    polarity = str(entry.get("polarity", "positive"))
    if polarity not in _POLARITIES:
        raise CodebookError(f"code {code_id!r}: polarity {polarity!r} is not positive or negative", path=path, line=entry.line_of("polarity"), hint="use positive or negative")
    return Evidence(level=level, facet=facet, polarity=polarity, weight=float(entry.get("weight", 1.0)))


def _build_lineage(value: Any, path: str, line: int, known: set[str]) -> LineageStep:
    entry = _require_mapping(value, path, line, "a lineage entry")
    check_keys(entry, _LINEAGE_KEYS, path=path, where="a lineage entry", error=CodebookError)
    version = _text(entry.get("version"))
    if not version:
        raise CodebookError("a lineage entry has no 'version'", path=path, line=line, hint="give the version in which the change was made")
    note = _text(entry.get("note"))
    actions = [k for k in ("renamed", "merged", "split") if k in entry]
    if len(actions) != 1:
        raise CodebookError(
            "a lineage entry must hold exactly one of 'renamed', 'merged' or 'split'",
            path=path,
            line=line,
            hint="write one change per entry, e.g. {version: 1.1.0, renamed: {old.id: new.id}}",
        )
    action = actions[0]
    if action == "renamed":
        mapping = entry["renamed"]
        if not isinstance(mapping, dict) or len(mapping) != 1:
            raise CodebookError("'renamed' must map one old id to one new id", path=path, line=line, hint="write  renamed: {old.id: new.id}")
        (old, new), = mapping.items()
        step = LineageStep(version, "renamed", (str(old),), (str(new),), note)
    elif action == "merged":
        sources = entry["merged"]
        target = _text(entry.get("into"))
        if not isinstance(sources, list) or len(sources) < 2 or not target:
            raise CodebookError("'merged' needs a list of two or more ids and 'into'", path=path, line=line, hint="write  merged: [a, b], into: c")
        step = LineageStep(version, "merged", tuple(map(str, sources)), (target,), note)
    else:
        source = _text(entry.get("split"))
        targets = entry.get("into")
        if not source or not isinstance(targets, list) or len(targets) < 2:
            raise CodebookError("'split' needs one id and 'into' a list of two or more", path=path, line=line, hint="write  split: a, into: [b, c]")
        step = LineageStep(version, "split", (source,), tuple(map(str, targets)), note)
    return step


# ------------------------------------------------------------------- loading
def bundled_codebooks() -> list[str]:
    """Names of the codebooks that ship with qlr.

    Examples
    --------
    >>> import qlr
    >>> qlr.codebook.bundled_codebooks()
    ['coproduction', 'durose_richardson']
    """
    return sorted(p.stem for p in _BUNDLED.glob("*.yaml"))


def read_codebook(name_or_path: str | os.PathLike[str]) -> Codebook:
    """Read a codebook: a bundled name, or a ``.yaml``/``.yml``/``.qdc`` file.

    Parameters
    ----------
    name_or_path : str or PathLike
        ``"coproduction"`` or ``"durose_richardson"``, or a path.

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
    if path.suffix.lower() in (".yaml", ".yml", ".qdc") or os.sep in text or "/" in text:
        return Codebook.read(path)
    bundled = _BUNDLED / f"{text}.yaml"
    if bundled.is_file():
        return Codebook.read(bundled)
    raise SourceNotFoundError(
        f"no bundled codebook named {text!r}",
        hint=f"use one of {', '.join(bundled_codebooks())}, or give a path to a .yaml or .qdc file",
    )
