"""The codebook's model: frozen parts (codes, indicators, evidence, ladder, lineage), the Codebook and its one validation."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import pandas as pd

from .._check import keyword_only_since
from .._ids import is_guid
from .._names import slug
from .._warned import warn
from ..errors import CodebookError
from ._display import code_labels, codebook_frame, codebook_html, codebook_repr

__all__ = ["Codebook", "Code", "Indicator", "Evidence", "Ladder", "Level", "Facet", "LineageStep", "PLACEMENT_RULES", "PLACEMENT_RULE_WORDS", "NEGATED_EVIDENCE", "COUNTS", "AGAINST"]

#: Placement rules a ladder may name (implemented in ``qlr.track``).
PLACEMENT_RULES = ("highest_supported", "weighted_median", "modal")
#: Each placement rule in a sentence, for readers of a report (the formulas: ``qlr.track.place``).
PLACEMENT_RULE_WORDS = {
    "highest_supported": "the highest level with enough positive evidence that evidence against it does not outweigh",
    "weighted_median": "the level at which half the evidence weight is reached, counting up the ladder",
    "modal": "the level with the most evidence weight",
}
#: What a negated match of a positive-evidence code is worth on a ladder (the first is the default).
NEGATED_EVIDENCE = ("not counted", "negative")
#: Which way a code counts in its theme's roll-up (``counts:`` of a code in YAML).
COUNTS = ("for", "against")
#: What a theme's roll-up of the codes that count against it is called: ``"power (against)"``.
AGAINST = " (against)"


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
    #: ``"for"`` or ``"against"`` its theme in theme roll-ups; ``None``: as its ladder evidence says
    #: (:meth:`Codebook.rollup`).
    counts: str | None = None


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
    assertion : sequence of mappings, optional
        Assertion rules this codebook adds to qlr's (``kind``, ``category``,
        ``direction``, ``phrase``, ``window``; see :class:`qlr.code.AssertionRules`).
    negated_evidence : {"not counted", "negative"}, optional
        What a negated match of a code giving positive ladder evidence is worth:
        nothing (``"not counted"``, the default) or negative evidence for the
        same level and facet (``"negative"``: "nobody asked us to plan it" then
        says the case is not at the planning level).  In YAML,
        ``assertion: {negated: negative}``.
    assertion_language : str, optional
        Whose cues judge a match's assertion status: ``"en"`` (the default,
        ``qlr/code/assertion_rules.tsv``) or ``"es"`` (Spanish,
        ``qlr/code/assertion_rules_es.tsv``).  In YAML, ``assertion: {language: es}``.

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
        networks: Mapping[str, Sequence[str]] | None = None,
        assertion: Sequence[Mapping[str, Any]] = (),
        negated_evidence: str = "not counted",
        assertion_language: str = "en",
    ) -> None:
        self._fill(name, id, version, description, ladder, codes, lineage, source, networks, assertion, negated_evidence, assertion_language, lines=None)

    @classmethod
    def _with_lines(cls, lines: Mapping[Any, int], **fields: Any) -> Codebook:
        """As the constructor, with the parser's lines for the one check (so errors name the line)."""
        codebook = cls.__new__(cls)
        codebook._fill(**fields, lines=lines)
        return codebook

    def _fill(
        self,
        name: str,
        id: str | None,
        version: str,
        description: str | None,
        ladder: Ladder | None,
        codes: Sequence[Code],
        lineage: Sequence[LineageStep],
        source: str | None,
        networks: Mapping[str, Sequence[str]] | None = None,
        assertion: Sequence[Mapping[str, Any]] = (),
        negated_evidence: str = "not counted",
        assertion_language: str = "en",
        *,
        lines: Mapping[Any, int] | None,
    ) -> None:
        codes = list(codes)
        if negated_evidence not in NEGATED_EVIDENCE:
            raise CodebookError(
                f"negated evidence {negated_evidence!r} is not one of {', '.join(map(repr, NEGATED_EVIDENCE))}",
                path=source,
                hint="write  assertion: {negated: negative}  or leave it out",
            )
        self.negated_evidence = negated_evidence
        self.assertion_language = assertion_language
        check_codes(codes, ladder, source=source, lines=lines)
        self.networks = {key: tuple(themes) for key, themes in (networks or {}).items()}
        self.assertion = tuple({key: rule[key] for key in ("kind", "category", "direction", "phrase", "window") if rule.get(key) is not None} for rule in assertion)
        self.name = name
        self.id = id or slug(name)
        self.version = str(version)
        self.description = description
        self.ladder = ladder
        self.lineage = tuple(lineage)
        self.source = source
        # Themes first, each group in the given order (as documented, and as to_dict lays them out).
        self._codes: dict[str, Code] = {code.id: code for code in sorted(codes, key=lambda code: code.kind != "theme")}

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

    def counts_against(self, code_id: str) -> bool:
        """Whether ``code_id`` is evidence against its theme rather than for it.

        The one rule every theme-level view uses (:meth:`rollup`): a code counts
        against its theme when its entry says ``counts: against``; without that,
        when all its ladder evidence is negative (``facilitation.staff_led``,
        ``assets.needs_focus``) while some code of its theme gives positive
        evidence.  A theme whose codes are all negative evidence (the bundled
        ``negative`` theme) is a theme *of* that evidence, so its codes count for
        it; so do themes themselves.  A code with neither ``counts`` nor ladder
        evidence counts as its parent code does (for its theme under a theme).

        Parameters
        ----------
        code_id : str
            The code asked about (a theme counts for itself).

        Returns
        -------
        bool
            True when the code's codings go to the theme's ``(against)`` roll-up.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb.counts_against("facilitation.staff_led"), cb.counts_against("facilitation.catalyst")
        (True, False)
        >>> cb.counts_against("peer_networks.isolation"), cb.counts_against("negative.done_to")
        (True, False)
        """
        code = self[code_id]
        if code.counts is not None:
            return code.counts == "against"
        if code.kind == "theme":
            return False
        if not code.evidence:
            # A sub-code with no say of its own counts as its parent does ("ties.lonely.rural" under "ties.lonely").
            parent = self._codes.get(code.parent) if code.parent else None
            return parent is not None and parent.parent is not None and self.counts_against(parent.id)
        if any(e.polarity != "negative" for e in code.evidence):
            return False
        return self._theme_has_positive().get(self.theme_of(code_id), False)

    def _theme_has_positive(self) -> dict[str, bool]:
        """Each theme: does any code of its branch give positive ladder evidence (computed once)."""
        cached = self.__dict__.get("_positive_themes")
        if cached is None:
            cached = {}
            for code in self._codes.values():
                theme = self.theme_of(code.id)
                cached[theme] = cached.get(theme, False) or any(e.polarity == "positive" for e in code.evidence)
            self.__dict__["_positive_themes"] = cached
        return cached

    def rollup(self, code_id: str) -> str:
        """The theme-level column a code's codings are counted in.

        Every theme-level view (``qlr.track.matrix(cols="theme")``,
        ``change``/``cumulative``/``through_lines`` with ``granularity="theme"``,
        ``time_ordered_matrix``, ``event_listing``, portraits, theme networks, ENA
        and the report) groups codes by this one answer, so evidence for a theme
        and evidence against it are never added up: the theme's id for codes that
        count for it, ``"<theme> (against)"`` for codes that count against it
        (:meth:`counts_against`).

        Parameters
        ----------
        code_id : str
            The code whose codings are rolled up (a theme rolls up to itself).

        Returns
        -------
        str
            ``"facilitation"`` or ``"facilitation (against)"``.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb.rollup("facilitation.catalyst"), cb.rollup("facilitation.staff_led"), cb.rollup("negative.one_way")
        ('facilitation', 'facilitation (against)', 'negative')
        """
        theme = self.theme_of(code_id)
        return theme + AGAINST if self.counts_against(code_id) else theme

    def rollups(self) -> list[str]:
        """Every theme-level column, in codebook order: each theme, then its ``(against)`` one where it has one.

        Returns
        -------
        list of str
            The columns :meth:`rollup` sends codes to, each root of the code tree
            first (a codable top-level code is its own branch's theme).

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb.rollups()[:5]
        ['assets', 'assets (against)', 'reciprocity', 'power', 'peer_networks']
        """
        against = {self.rollup(code.id) for code in self._codes.values()}
        columns = []
        for code in self._codes.values():
            if code.parent is None:
                columns.append(code.id)
                if code.id + AGAINST in against:
                    columns.append(code.id + AGAINST)
        return columns

    def rollup_name(self, column: str) -> str:
        """A theme-level column's readable name: the theme's name, with " (against)" where it is that one.

        Parameters
        ----------
        column : str
            A column of :meth:`rollups` (a theme's id, or it with " (against)").

        Returns
        -------
        str
            The theme's name (its id where the codebook has no such theme), and " (against)" where the column has it.

        Examples
        --------
        >>> import qlr
        >>> qlr.read_codebook("coproduction").rollup_name("facilitation (against)")
        'Facilitation (against)'
        """
        theme = self.theme_of_rollup(column)
        return (self[theme].name if theme in self else theme) + column[len(theme):]

    def theme_of_rollup(self, column: str) -> str:
        """The theme a theme-level column belongs to (``"power (against)"`` → ``"power"``).

        Parameters
        ----------
        column : str
            A column of :meth:`rollups`.

        Returns
        -------
        str
            The theme's id.

        Examples
        --------
        >>> import qlr
        >>> qlr.read_codebook("coproduction").theme_of_rollup("facilitation (against)")
        'facilitation'
        """
        return column[: -len(AGAINST)] if column.endswith(AGAINST) else column

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
            (self.name, self.id, self.version, self.description, self.ladder, self.lineage, self.networks, self.assertion, self.negated_evidence, self.assertion_language, list(self._codes.values()))
            == (other.name, other.id, other.version, other.description, other.ladder, other.lineage, other.networks, other.assertion, other.negated_evidence, other.assertion_language, list(other._codes.values()))
        )

    __hash__ = None  # type: ignore[assignment]

    def with_codes(self, codes: list[Code], *, version: str | None = None) -> Codebook:
        """A copy with a different code list (and optionally version): for edits in code.

        The copy is validated like any codebook (every parent must exist).  This
        codebook is unchanged.  A codebook read from another tool keeps the
        tool's GUIDs of the codes the copy keeps, so it is shown by its names as
        before (:meth:`labels`).

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
        copy = Codebook(
            name=self.name,
            id=self.id,
            version=version or self.version,
            description=self.description,
            ladder=self.ladder,
            codes=codes,
            lineage=self.lineage,
            source=self.source,
            networks=self.networks,
            assertion=self.assertion,
            negated_evidence=self.negated_evidence,
            assertion_language=self.assertion_language,
        )
        if getattr(self, "guids", None):
            # The codes it keeps keep the GUIDs of the tool they came from: an edited imported codebook is still shown by
            # its names (Codebook.labels) and written back with them (to_yaml).
            copy.guids = {guid: code_id for guid, code_id in self.guids.items() if code_id in copy}  # type: ignore[attr-defined]
        return copy

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
        rules = [dict(rule) for rule in self.assertion]
        if self.negated_evidence != NEGATED_EVIDENCE[0] or self.assertion_language != "en":
            block = {"negated": self.negated_evidence} if self.negated_evidence != NEGATED_EVIDENCE[0] else {}
            language = {"language": self.assertion_language} if self.assertion_language != "en" else {}
            data["assertion"] = {**block, **language, **({"rules": rules} if rules else {})}
        elif rules:
            data["assertion"] = rules
        # What a QDA tool's codebook came in with (its codes' GUIDs, its code groups), so that a
        # codebook taken through YAML to add rules goes back to the tool as the same codes.
        # Only GUIDs: an id another tool numbered ("c001") is read, never written back (the file must validate).
        guids = {code_id: guid for guid, code_id in (getattr(self, "guids", None) or {}).items() if code_id in self._codes and is_guid(guid)}
        sets = [
            {key: value for key, value in {"name": item.get("name"), "guid": item.get("guid") or None, "description": item.get("description"), "codes": [c for c in item.get("codes") or [] if c in self._codes]}.items() if value}
            for item in getattr(self, "sets", None) or []
            if item.get("codes")
        ]
        if guids or sets:
            data["refi"] = {**({"guids": guids} if guids else {}), **({"sets": sets} if sets else {})}
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
        """One row per theme and code: id, name, kind, parent, theme, rollup, depth, texts, counts, evidence.

        ``rollup`` is the theme-level column the code's codings are counted in
        (:meth:`rollup`): its theme, or ``"<theme> (against)"`` for a code that
        counts against it.

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
        >>> frame.loc["peer_networks.isolation", ["theme", "rollup"]].tolist()
        ['peer_networks', 'peer_networks (against)']
        """
        return codebook_frame(self)

    def labels(self, ids: Any = None, *, names: bool | None = True) -> dict[str, str]:
        """What a reader sees for each code: the labels of qlr's figures, report pages and printed tables.

        Every codebook is shown by its code names, whether written in YAML (``reciprocity`` reads
        "Reciprocity") or read from another tool's project (NVivo, ATLAS.ti, MAXQDA, QualCoder… through REFI-QDA,
        whose ids qlr made from the names: ``1_oltas_tipusa.covid`` reads "COVID"): the name alone where no other
        code has it, the path from the theme where names repeat (``"Power / Shared decisions"``), and the name
        with a short id in brackets where two paths still read alike. Tables and files keep the ids as their keys
        (what a pandas user joins and selects on, what a script reads in a CSV);
        ``frame.rename(columns=codebook.labels())`` shows the names.

        Parameters
        ----------
        ids : iterable of str, optional
            The ids to label (default: every code's, and every theme's roll-up column ``"<theme> (against)"``,
            so ``rename(columns=codebook.labels())`` names every column of a code- or theme-level table). A
            roll-up is labelled as its theme, with " (against)"; an id the codebook lacks is shown as it is.
        names : bool
            Names (True, the default) or the ids themselves (False). ``None`` (before stop 57: ids for a YAML
            codebook, names for an imported one) is deprecated and now gives names, with a ``DeprecationWarning``.

        Returns
        -------
        dict of str to str
            id → label, in the order of ``ids``.

        Examples
        --------
        >>> import qlr
        >>> cb = qlr.read_codebook("coproduction")
        >>> cb.labels(["reciprocity", "power (against)"])
        {'reciprocity': 'Reciprocity', 'power (against)': 'Power (against)'}
        >>> cb.labels(["reciprocity", "power (against)"], names=False)
        {'reciprocity': 'reciprocity', 'power (against)': 'power (against)'}
        >>> cb.labels()["assets (against)"]
        'Assets (against)'
        """
        if names is None:
            warn(
                "Codebook.labels(names=None) is deprecated: every codebook is now shown by its code names, as names=True; "
                "pass names=False for the ids",
                DeprecationWarning,
            )
            names = True
        return code_labels(self, ids, names=names)

    def __repr__(self) -> str:
        return codebook_repr(self)

    def _repr_html_(self) -> str:
        return codebook_html(self)

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
        from ._parse import codebook_from_yaml

        return codebook_from_yaml(text, os.fspath(path) if path is not None else "<codebook>")

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
        from ._parse import codebook_from_data

        return codebook_from_data(data, os.fspath(source) if source is not None else "<codebook>")

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
        from ._parse import codebook_from_file

        return codebook_from_file(Path(path))


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
    if code.counts is not None:
        item["counts"] = code.counts
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


def check_codes(codes: Sequence[Code], ladder: Ladder | None, *, source: str | None, lines: Mapping[Any, int] | None = None) -> None:
    """The one validation of a code list: unique ids, parents that exist, no loops, evidence on the ladder.

    Every codebook goes through it, from a file or built in code.  ``lines``, from
    the parser, gives the line of each code (key: its position in ``codes``) and
    of each evidence field (key: ``(position, evidence index, field)``), so
    errors in a file name the line; a codebook built in code has none.
    """
    where = lines or {}
    first: dict[str, int] = {}
    for position, code in enumerate(codes):
        if code.id in first:
            earlier = where.get(first[code.id])
            raise CodebookError(
                f"code id {code.id!r} is declared twice" + (f" (first on line {earlier})" if earlier else ""),
                path=source,
                line=where.get(position),
                hint="give each theme and code its own id",
            )
        first[code.id] = position
    known = {code.id: code for code in codes}
    evidence_lines: dict[int, dict[Any, int]] = {}
    for key, line in where.items():
        if isinstance(key, tuple):
            evidence_lines.setdefault(key[0], {})[key[1:]] = line
    for position, code in enumerate(codes):
        _check_parent(code, known, source, where.get(position))
    _check_tree(codes, known, source, {code.id: where.get(position) for position, code in enumerate(codes)})
    for position, code in enumerate(codes):
        _check_evidence(code, ladder, source, evidence_lines.get(position, {}), where.get(position))
        if code.counts is not None and code.counts not in COUNTS:
            raise CodebookError(
                f"code {code.id!r}: counts {code.counts!r} is not 'for' or 'against'",
                path=source,
                line=where.get(position),
                hint="write  counts: against  for a code that is evidence against its theme (its absence), or leave it out",
            )
        if code.counts == "against" and code.parent is None:
            # A theme counts for itself: its roll-up column would stay empty beside a "(against)" one of its own.
            raise CodebookError(
                f"{code.kind} {code.id!r} says counts: against but has no theme above it",
                path=source,
                line=where.get(position),
                hint="give it a parent theme, or leave counts out",
            )


#: How deep the code tree may go (theme → code → sub-code …); real codebooks use three or four.
MAX_TREE_DEPTH = 32


def _check_tree(codes: Sequence[Code], known: Mapping[str, Code], source: str | None, lines: Mapping[str, int | None]) -> None:
    """No parent chain loops, and none is deeper than :data:`MAX_TREE_DEPTH`: each code's depth is worked out once."""
    depth: dict[str, int] = {}
    for code in codes:
        trail: list[str] = []
        on_trail: set[str] = set()
        node = code
        while node.id not in depth:
            if node.id in on_trail:
                raise CodebookError(
                    f"code {code.id!r}: the parent chain loops ({' → '.join(trail + [node.id])})",
                    path=source,
                    line=lines.get(code.id),
                    hint="a code cannot be its own ancestor; fix one of the 'parent:' entries",
                )
            on_trail.add(node.id)
            trail.append(node.id)
            if node.parent is None:
                break
            node = known[node.parent]
        base = depth[node.id] if node.id in depth else -1
        for offset, code_id in enumerate(reversed(trail), start=1):
            depth[code_id] = base + offset
        if depth[code.id] > MAX_TREE_DEPTH:
            raise CodebookError(
                f"code {code.id!r} is {depth[code.id]} levels below its theme; the limit is {MAX_TREE_DEPTH}",
                path=source,
                line=lines.get(code.id),
                hint="flatten the code tree: codebooks rarely need more than three or four levels",
            )


def _check_parent(code: Code, known: Mapping[str, Code], source: str | None, line: int | None) -> None:
    if code.parent is not None and code.parent not in known:
        close = get_close_matches(code.parent, sorted(known), n=1)
        raise CodebookError(
            f"code {code.id!r}: its parent {code.parent!r} is not a theme or code of this codebook",
            path=source,
            line=line,
            hint=f"did you mean {close[0]!r}?" if close else "declare the parent under 'themes:' or 'codes:'",
        )


def _check_evidence(code: Code, ladder: Ladder | None, source: str | None, where: Mapping[Any, int], line: int | None) -> None:
    """Each evidence of ``code`` names a level (and facet) of the ladder; ``where``: (index, field) → line."""
    for index, evidence in enumerate(code.evidence):
        if ladder is None:
            raise CodebookError(
                f"code {code.id!r} gives ladder evidence but the codebook has no 'ladder:'",
                path=source,
                line=where.get((index, None), line),
                hint="add a ladder block, or remove 'evidence:'",
            )
        if evidence.level not in ladder.values:
            raise CodebookError(
                f"code {code.id!r}: evidence level {evidence.level} is not on the ladder {ladder.name!r}",
                path=source,
                line=where.get((index, "level"), line),
                hint=f"use one of {', '.join(map(str, ladder.values))}",
            )
        facet_ids = [f.id for f in ladder.facets]
        if evidence.facet is not None and evidence.facet not in facet_ids:
            raise CodebookError(
                f"code {code.id!r}: evidence facet {evidence.facet!r} is not one of the ladder's facets",
                path=source,
                line=where.get((index, "facet"), line),
                hint=f"use one of {', '.join(facet_ids) or '(the ladder declares none)'}",
            )
