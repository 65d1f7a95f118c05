"""Crosswalks: a researcher's own codes, coded by hand in another program, as ladder evidence.

A project imported from NVivo or ATLAS.ti brings its own codebook, which knows
nothing of a ladder.  A crosswalk is a small YAML file saying what each of those
codes says about a ladder, so the hand codings place cases without recoding::

    ladder: coproduction            # a bundled codebook, or a codebook file beside this one
    codes:
      - code: Partnership/Shared decisions      # a name path, a code id or a REFI GUID
        level: 3
        facet: design                           # optional: every facet when left out
        polarity: positive                      # optional: positive (default) or negative
        weight: 1                               # optional: 1 by default
      - code: Being told what to do
        counts_as: negative.done_to             # a code of the ladder's codebook: its evidence

:func:`read_crosswalk` checks the file against the ladder alone (levels, facets,
polarities, the ladder codebook's codes); :meth:`Crosswalk.codebook_for` checks
it against a study's codebook (every code exists, none is mapped twice) and gives
that codebook back with the ladder and the mapped codes' evidence.  Every error
names the file, the line and the code.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._check import closest
from .._decode import decode_bytes
from .._json import log_detail
from .._warned import warn
from .._words import first_few
from .._yaml import LineDict, check_keys, need_list, need_mapping, parse_yaml
from ..errors import CodebookError, CodebookSyntaxError, QlrWarning, SelectionError, SourceNotFoundError
from ._model import Codebook, Evidence

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study

__all__ = ["Crosswalk", "CrosswalkEntry", "read_crosswalk"]

_TOP_KEYS = ("ladder", "description", "codes")
_ENTRY_KEYS = ("code", "level", "facet", "polarity", "weight", "counts_as")
_POLARITIES = ("positive", "negative")
#: What separates the names of a code's path (``Theme/Code/Sub-code``), as NVivo and ATLAS.ti show it.
PATH_SEPARATOR = "/"


@dataclass(frozen=True)
class CrosswalkEntry:
    """One line of a crosswalk: a project code and the ladder evidence it gives.

    ``code`` is the project code as written (a name path, a code id or a GUID);
    ``evidence`` what it says about the ladder (several entries when it
    ``counts_as`` a ladder code with several); ``line`` where it is written.
    """

    code: str
    evidence: tuple[Evidence, ...]
    counts_as: str | None = None
    line: int = 0


class Crosswalk:
    """A mapping from a project's own codes to ladder evidence.

    Read one with :func:`read_crosswalk` (or :meth:`from_yaml`); apply it with
    :meth:`codebook_for`.

    Parameters
    ----------
    ladder : Codebook
        The codebook whose ladder the evidence is on (e.g. ``coproduction``).
    entries : sequence of CrosswalkEntry
        One per project code mapped.
    source : str, optional
        The file it was read from, for error messages.
    description : str, optional
        What the crosswalk is for.

    Examples
    --------
    >>> import qlr
    >>> crosswalk = qlr.codebook.Crosswalk.from_yaml(
    ...     "ladder: coproduction\\n"
    ...     "codes:\\n"
    ...     "  - {code: Shared say, level: 3, facet: design}\\n"
    ...     "  - {code: Done to, counts_as: negative.done_to}\\n")
    >>> crosswalk
    <Crosswalk: 2 codes onto 'Spectrum of co-production' (coproduction)>
    >>> [(e.level, e.facet, e.polarity) for e in crosswalk.entries[1].evidence]  # negative.done_to's evidence
    [(1, 'delivery', 'negative'), (1, 'design', 'negative')]
    """

    def __init__(self, *, ladder: Codebook, entries: tuple[CrosswalkEntry, ...] | list[CrosswalkEntry] = (), source: str | None = None, description: str | None = None) -> None:
        if ladder.ladder is None:
            raise CodebookError(f"codebook {ladder.id!r} has no ladder to map codes onto", path=source, hint="name a codebook with a ladder block, e.g. ladder: coproduction")
        self.ladder_codebook = ladder
        self.entries = tuple(entries)
        self.source = source
        self.description = description

    def __repr__(self) -> str:
        steps = self.ladder_codebook.ladder
        return f"<Crosswalk: {len(self.entries)} codes onto {steps.name!r} ({self.ladder_codebook.id})>"  # type: ignore[union-attr]

    @classmethod
    def from_yaml(cls, text: str, *, path: str | os.PathLike[str] | None = None) -> Crosswalk:
        """Parse crosswalk YAML and check it against its ladder.

        Parameters
        ----------
        text : str
            The YAML.
        path : str or path-like, optional
            The file it came from: named in errors, and the folder a ``ladder:``
            codebook file is found relative to.

        Returns
        -------
        Crosswalk

        Raises
        ------
        qlr.errors.CodebookError
            A key, level, facet, polarity, weight or ``counts_as`` code that is
            not allowed; the message names the file, line and code.

        Examples
        --------
        >>> import qlr
        >>> qlr.codebook.Crosswalk.from_yaml("ladder: coproduction\\ncodes:\\n  - {code: Mine, level: 9}\\n", path="cw.yaml")
        Traceback (most recent call last):
        ...
        qlr.errors.CodebookError: cw.yaml:3: code 'Mine': level 9 is not on the ladder 'Spectrum of co-production'. Fix: use one of 0, 1, 2, 3, 4.
        """
        where = os.fspath(path) if path is not None else "<crosswalk>"
        data = parse_yaml(text, where, error=CodebookSyntaxError)
        return _build(data, where, Path(where).parent if path is not None else Path("."))

    def codebook_for(self, study: Study, *, codebook: Any = None) -> Codebook:
        """The study's own codebook with the crosswalk's ladder and each mapped code's evidence.

        The codebook keeps its id, codes and names, so the study's codings are
        its codings as before: nothing is recoded and the study is not changed.
        Hand codings then count as ladder evidence by the rule every analysis
        applies (:func:`qlr.evidence.counted`): settled ones only, none on an
        interviewer's turn, one coder per passage; an imported coding weighs
        what a coding made in qlr does (:data:`qlr.track.ORIGIN_WEIGHTS`).

        Parameters
        ----------
        study : Study
            The project, e.g. imported with :func:`qlr.io.read_qdpx`.
        codebook : Codebook or str, optional
            Which of the study's codebooks the crosswalk's codes belong to
            (its id); by default the study's only codebook.

        Returns
        -------
        Codebook
            A new codebook (the study's is unchanged), with the ladder of the
            crosswalk's ``ladder:`` codebook.

        Raises
        ------
        qlr.errors.CodebookError
            A code the codebook does not have, or one mapped twice (under any of
            its names); the message names the file, line and code. A codebook
            qlr made from the codes a study's codings use holds no code without
            codings: a code it lacks is an error only where one of its names is
            close (a misspelling), else a warning.
        qlr.errors.SelectionError
            The study has no codebook, or several and ``codebook=`` is not given.

        Warns
        -----
        qlr.errors.QlrWarning
            Codes with codings that the crosswalk leaves unmapped, with their
            number and the number of their codings: those codings are not ladder evidence.
            Codes the crosswalk maps that no coding uses, in a codebook made from
            the codings (a tag of the team's codebook with no highlights yet).

        Examples
        --------
        >>> import qlr
        >>> own = qlr.Codebook(name="My codes", codes=[qlr.codebook.Code(id="say", name="Shared say", kind="theme")])
        >>> study = qlr.Study(codebooks={"my_codes": own})
        >>> crosswalk = qlr.codebook.Crosswalk.from_yaml("ladder: coproduction\\ncodes:\\n  - {code: Shared say, level: 3, facet: design}\\n")
        >>> mapped = crosswalk.codebook_for(study)
        >>> mapped.id, mapped.ladder.name, mapped["say"].evidence
        ('my_codes', 'Spectrum of co-production', (Evidence(level=3, facet='design', polarity='positive', weight=1.0),))
        """
        own = _own_codebook(study, codebook)
        if own.ladder is not None and own.ladder != self.ladder_codebook.ladder:
            raise CodebookError(
                f"codebook {own.id!r} has a ladder of its own ({own.ladder.name!r})",
                path=self.source,
                hint="use its ladder directly (no crosswalk), or a codebook without one",
            )
        names = _code_names(own, kept=_kept_code_guids(study, own.id))
        from_codings = _made_from_codings(study, own.id)
        mapped: dict[str, CrosswalkEntry] = {}
        uncoded: list[CrosswalkEntry] = []
        for entry in self.entries:
            code_id = _find_code(entry, own, names, self.source, from_codings=from_codings)
            if code_id is None:
                uncoded.append(entry)
                continue
            if code_id in mapped:
                first = mapped[code_id]
                raise CodebookError(
                    f"code {entry.code!r} is mapped twice (as {first.code!r} on line {first.line}: both are {code_id!r})",
                    path=self.source,
                    line=entry.line,
                    hint="keep one entry per code",
                )
            mapped[code_id] = entry
        codes = [dataclasses.replace(code, evidence=mapped[code.id].evidence) if code.id in mapped else dataclasses.replace(code, evidence=()) for code in own]
        # A person's codings made with the ladder codebook's own codes are on the ladder already: its codes come along.
        borrowed = _ladder_codes_people_used(study, self.ladder_codebook, own, self.source)
        _warn_unmapped(study, own, set(mapped), self.source)
        if uncoded:
            _warn_uncoded(own, uncoded, self.source)
        result = Codebook(
            name=own.name,
            id=own.id,
            version=own.version,
            description=own.description,
            ladder=self.ladder_codebook.ladder,
            codes=[*codes, *borrowed],
            lineage=own.lineage,
            source=own.source,
            networks=own.networks,
            assertion=own.assertion,
        )
        result.crosswalk = self  # type: ignore[attr-defined]  # so a report can say where the ladder came from
        if getattr(own, "guids", None):
            # The project's codes keep the GUIDs they came in with: an export gives them back, and they are shown by
            # their names as the project's own codebook is (Codebook.labels).
            result.guids = dict(own.guids)  # type: ignore[attr-defined]
        # Which of its codes only a person's codings count for (qlr.evidence.in_codebook reads this).
        result.people_only = frozenset(code.id for code in borrowed)  # type: ignore[attr-defined]
        return result


def read_crosswalk(path: str | os.PathLike[str]) -> Crosswalk:
    """Read a crosswalk file (YAML): a project's own codes mapped to ladder evidence.

    Parameters
    ----------
    path : str or path-like
        The ``.yaml`` file.  Its ``ladder:`` names a bundled codebook or a
        codebook file (relative to the crosswalk's folder).

    Returns
    -------
    Crosswalk
        Apply it with :meth:`Crosswalk.codebook_for`, or pass it to
        :func:`qlr.report.write_report` (``crosswalk=``).

    Raises
    ------
    qlr.errors.SourceNotFoundError
        No such file.
    qlr.errors.CodebookError
        The file is invalid; the message names the file, line and code.

    Examples
    --------
    >>> import os, tempfile, qlr
    >>> path = os.path.join(tempfile.mkdtemp(), "crosswalk.yaml")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write("ladder: coproduction\\ncodes:\\n  - code: Being told\\n    counts_as: negative.done_to\\n")
    >>> qlr.codebook.read_crosswalk(path).entries[0].counts_as
    'negative.done_to'
    """
    file = Path(path)
    if not file.is_file():
        raise SourceNotFoundError("no such crosswalk file", path=file, hint="check the path (see docs/crosswalk.md for the format)")
    text, _ = decode_bytes(file.read_bytes(), file)
    return Crosswalk.from_yaml(text, path=file)


# ------------------------------------------------------------------ reading
def _build(data: Any, where: str, folder: Path) -> Crosswalk:
    top = need_mapping(data, path=where, line=1, message="a crosswalk is a mapping with 'ladder:' and 'codes:'", error=CodebookError)
    check_keys(top, _TOP_KEYS, path=where, where="the crosswalk", error=CodebookError)
    if top.get("ladder") is None:
        raise CodebookError("the crosswalk names no ladder", path=where, line=top.line, hint="add  ladder: coproduction  (a bundled codebook) or the path of a codebook file with a ladder")
    ladder_codebook = _ladder_codebook(str(top["ladder"]), where, top.line_of("ladder"), folder)
    entries = need_list(top.get("codes"), path=where, line=top.line_of("codes"), what="codes", message="'codes:' must be a list", error=CodebookError)
    if not entries:
        raise CodebookError("the crosswalk maps no codes", path=where, line=top.line_of("codes"), hint="list each code under 'codes:' as  - {code: NAME, level: 2}")
    built = [_build_entry(item, where, entries.lines[i], ladder_codebook) for i, item in enumerate(entries)]
    description = top.get("description")
    return Crosswalk(ladder=ladder_codebook, entries=built, source=where, description=None if description is None else str(description))


def _ladder_codebook(name: str, where: str, line: int, folder: Path) -> Codebook:
    from . import read_codebook

    beside = folder / name
    try:
        codebook = read_codebook(beside if beside.suffix.lower() in (".yaml", ".yml", ".qdc") else name)
    except SourceNotFoundError as exc:
        raise CodebookError(f"the ladder {name!r} names no bundled codebook or file", path=where, line=line, hint=exc.hint or "check the name") from None
    if codebook.ladder is None:
        raise CodebookError(f"codebook {codebook.id!r} has no ladder", path=where, line=line, hint="name a codebook with a ladder block, e.g. coproduction")
    return codebook


def _build_entry(item: Any, where: str, line: int, ladder_codebook: Codebook) -> CrosswalkEntry:
    entry = need_mapping(item, path=where, line=line, message="each crosswalk entry is a mapping", error=CodebookError)
    code = entry.get("code")
    if code is None or not str(code).strip():
        raise CodebookError("a crosswalk entry has no 'code'", path=where, line=line, hint="name the project code:  - {code: Theme/Code, level: 2}")
    code = str(code).strip()
    check_keys(entry, _ENTRY_KEYS, path=where, where=f"the entry for code {code!r}", error=CodebookError)
    direct = [key for key in ("level", "facet", "polarity", "weight") if key in entry]
    if "counts_as" in entry:
        if direct:
            raise CodebookError(
                f"code {code!r}: 'counts_as' takes its evidence from the ladder's codebook, so '{direct[0]}' cannot be given too",
                path=where,
                line=entry.line_of(direct[0]),
                hint="keep either counts_as or level/facet/polarity/weight",
            )
        return _counts_as(code, entry, where, line, ladder_codebook)
    if "level" not in entry:
        raise CodebookError(f"code {code!r}: no 'level' and no 'counts_as'", path=where, line=line, hint="give  level: 2  (and facet, polarity), or  counts_as: a code of the ladder's codebook")
    steps = ladder_codebook.ladder
    level = entry["level"]
    if isinstance(level, bool) or not isinstance(level, int) or level not in steps.values:  # type: ignore[union-attr]
        raise CodebookError(
            f"code {code!r}: level {level!r} is not on the ladder {steps.name!r}",  # type: ignore[union-attr]
            path=where,
            line=entry.line_of("level"),
            hint=f"use one of {', '.join(map(str, steps.values))}",  # type: ignore[union-attr]
        )
    facet = entry.get("facet")
    facets = [f.id for f in steps.facets]  # type: ignore[union-attr]
    if facet is not None and str(facet) not in facets:
        near = closest(facet, facets)
        hint = f"did you mean {near!r}?" if near else (f"use one of {', '.join(facets)}, or leave it out to count for every facet" if facets else "leave it out: this ladder has no facets")
        raise CodebookError(f"code {code!r}: facet {facet!r} is not on the ladder {steps.name!r}", path=where, line=entry.line_of("facet"), hint=hint)  # type: ignore[union-attr]
    polarity = entry.get("polarity", "positive")
    if polarity not in _POLARITIES:
        raise CodebookError(
            f"code {code!r}: polarity {polarity!r} is not positive or negative",
            path=where,
            line=entry.line_of("polarity"),
            hint="positive: the code supports this level; negative: it says the case is not at this level or above",
        )
    weight = entry.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight <= 0:
        raise CodebookError(f"code {code!r}: weight {weight!r} is not a positive number", path=where, line=entry.line_of("weight"), hint="use e.g.  weight: 0.5  (1 when left out)")
    evidence = Evidence(level=level, facet=None if facet is None else str(facet), polarity=polarity, weight=float(weight))
    return CrosswalkEntry(code=code, evidence=(evidence,), line=line)


def _counts_as(code: str, entry: LineDict, where: str, line: int, ladder_codebook: Codebook) -> CrosswalkEntry:
    target = str(entry["counts_as"]).strip()
    if target not in ladder_codebook:
        near = closest(target, [c.id for c in ladder_codebook])
        raise CodebookError(
            f"code {code!r}: counts_as {target!r} is not a code of the codebook {ladder_codebook.id!r}",
            path=where,
            line=entry.line_of("counts_as"),
            hint=f"did you mean {near!r}?" if near else f"use a code id of {ladder_codebook.id!r} (qlr.read_codebook({ladder_codebook.id!r}).to_frame() lists them)",
        )
    evidence = ladder_codebook[target].evidence
    if not evidence:
        raise CodebookError(
            f"code {code!r}: {target!r} gives no ladder evidence in {ladder_codebook.id!r}",
            path=where,
            line=entry.line_of("counts_as"),
            hint="map it to a code that has evidence, or give level/facet/polarity directly",
        )
    return CrosswalkEntry(code=code, evidence=evidence, counts_as=target, line=line)


# ------------------------------------------------------------------ applying
def _own_codebook(study: Study, codebook: Any) -> Codebook:
    """The study's codebook the crosswalk's codes belong to."""
    if isinstance(codebook, Codebook):
        return codebook
    own = {key: cb for key, cb in study.codebooks.items() if isinstance(cb, Codebook)}
    if codebook is not None:
        if codebook not in own:
            raise SelectionError(f"the study has no codebook {codebook!r}", hint=f"use one of {', '.join(own) or '(none)'}")
        return own[codebook]
    if len(own) == 1:
        return next(iter(own.values()))
    if not own:
        raise SelectionError("the study has no codebook of its own for the crosswalk to map", hint="import the project with its codes (qlr import X.qdpx) or pass codebook=")
    raise SelectionError(f"the study has several codebooks ({', '.join(own)})", hint="pass codebook= (--codebook) to say which one the crosswalk maps")


def _kept_code_guids(study: Study, codebook_id: str) -> dict[str, str]:
    """GUID → code id, as the importer kept them in the study's metadata (they survive save and open)."""
    kept = ((study.meta.get("import") or {}).get("guids") or {}).get("code") or {}
    by_code = kept.get(codebook_id) or {}
    return {str(guid): str(code_id) for code_id, guid in by_code.items()} if isinstance(by_code, dict) else {}


def _code_names(codebook: Codebook, *, kept: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every name a code may be given by in a crosswalk → its id: id, name path, GUID."""
    names: dict[str, str] = {}
    for code in codebook:
        path, parent = [code.name], code.parent
        while parent is not None and parent in codebook:
            path.insert(0, codebook[parent].name)
            parent = codebook[parent].parent
        names.setdefault(PATH_SEPARATOR.join(path), code.id)
    guids = {**(kept or {}), **(getattr(codebook, "guids", None) or {})}
    for guid, code_id in guids.items():
        if code_id in codebook:
            names.setdefault(_guid_key(guid), code_id)
    for code in codebook:
        names[code.id] = code.id  # an id is unambiguous, so it wins over a name spelled the same
    return names


def _guid_key(text: str) -> str:
    return text.strip().strip("{}").lower()


def _made_from_codings(study: Study, codebook_id: str) -> bool:
    """Whether qlr made the codebook from the codes a codings file uses (``qlr.io._build._codebook_of_codings``), as its log says."""
    log = study.log
    if log.empty:
        return False
    made = log.loc[log["action"] == "codebook from codings", "detail"]
    return any(isinstance(found := log_detail(detail), dict) and found.get("codebook") == codebook_id for detail in made)


def _find_code(entry: CrosswalkEntry, codebook: Codebook, names: Mapping[str, str], source: str | None, *, from_codings: bool = False) -> str | None:
    """The id of the code an entry names; None for a code no coding uses in a codebook made from codings (said by the caller)."""
    written = entry.code
    spaced = PATH_SEPARATOR.join(part.strip() for part in written.split(PATH_SEPARATOR))
    for key in (written, spaced, _guid_key(written)):
        if key in names:
            return names[key]
    near = closest(spaced, [name for name in names if not _looks_like_guid(name)])
    if from_codings and not _looks_like_guid(written):
        # Such a codebook holds the codes its codings use, no other: a code with no codings is not missing from it.
        if near is None:
            return None
        raise CodebookError(
            f"code {written!r} is used by no coding of the study (its codebook {codebook.id!r} is made from the {_codes(len(codebook.codes))} the codings use)",
            path=source,
            line=entry.line,
            hint=f"did you mean {near!r}? Write the code as the codings name it",
        )
    hint = f"did you mean {near!r}?" if near else "write the code's path of names (Theme/Code), its id, or its GUID"
    if _looks_like_guid(written):
        hint = "GUIDs are known for codes that came in through qlr.io.read_qdpx (also after saving); otherwise use the code's path of names (Theme/Code) or its id"
    raise CodebookError(f"code {written!r} is not in the codebook {codebook.id!r}", path=source, line=entry.line, hint=hint)


def _codes(count: int) -> str:
    return f"{count} code{'s' * (count != 1)}"


def _warn_uncoded(codebook: Codebook, entries: list[CrosswalkEntry], source: str | None) -> None:
    """Say which mapped codes no coding uses, in a codebook made from the codings: they place nothing."""
    where = f"{source}: " if source else ""
    listed = first_few((f"{entry.code!r} (line {entry.line})" for entry in entries), shown=6)
    warn(
        f"{where}{len(entries)} {'code' if len(entries) == 1 else 'codes'} the crosswalk maps {'is' if len(entries) == 1 else 'are'} used by no coding, "
        f"so {'it places' if len(entries) == 1 else 'they place'} nothing: {listed}. The codebook {codebook.id!r} is made from the "
        f"{_codes(len(codebook.codes))} the study's codings use, so a code with no codings (a tag with no highlights yet) is not in it; "
        "such an entry needs no change. Fix: if one is misspelt, write it as the codings name it (qlr info lists each code's name and id).",
        QlrWarning,
    )


def _looks_like_guid(text: str) -> bool:
    key = _guid_key(text)
    return len(key) == 36 and key.count("-") == 4


def _ladder_codes_people_used(study: Study, ladder: Codebook, own: Codebook, source: str | None) -> list[Any]:
    """The ladder codebook's codes a person coded the study with (and their themes), evidence kept and rules left behind.

    A mixed project (some passages hand-coded with the bundled ids, some with the team's own tags) is placed
    in one run: those codings count beside the crosswalk's, once per passage and code as every coding does.
    Rule or model codings of those codes are not read (the crosswalk places people's coding): said, with
    how many.
    """
    from .._codings import by_person as person_made
    from .._codings import in_codebook

    codings = study.codings
    if codings.empty:
        return []
    own_ids = {code.id for code in own}
    of_ladder = in_codebook(codings, ladder) & ~codings["code_id"].isin(own_ids).fillna(False).to_numpy(dtype=bool)
    by_person = person_made(codings)
    known = {code.id for code in ladder}
    used = set(codings.loc[of_ladder & by_person, "code_id"].dropna()) & known
    left = codings.loc[of_ladder & ~by_person, "coder"].fillna("(no coder)").value_counts()
    if len(left):
        where = f"{source}: " if source else ""
        warn(
            f"{where}{int(left.sum())} codings of {ladder.id!r}'s own codes are not read with the crosswalk, as it places people's coding: "
            + ", ".join(f"{count} by {coder}" for coder, count in left.items())
            + f". Fix: to place cases by them, write the report with --codebook {ladder.id} and no crosswalk",
            QlrWarning,
        )
    wanted = set(used)
    for code_id in used:  # each code's themes, so the codes keep their place in the tree
        parent = ladder[code_id].parent
        while parent and parent not in wanted:
            wanted.add(parent)
            parent = ladder[parent].parent
    return [
        dataclasses.replace(code, indicators=(), parent=None if code.parent in own_ids else code.parent)
        for code in ladder
        if code.id in wanted and code.id not in own_ids
    ]


def _warn_unmapped(study: Study, codebook: Codebook, mapped: set[str], source: str | None) -> None:
    """Say how many codes with codings, and how many codings, the crosswalk leaves out."""
    codings = study.codings
    if codings.empty:
        return
    ours = codings["code_id"].isin([c.id for c in codebook]).fillna(False).to_numpy(dtype=bool)
    counts = codings.loc[ours, "code_id"].astype(object).value_counts()
    left = counts[~counts.index.isin(list(mapped))]
    if left.empty:
        return
    examples = ", ".join(repr(str(code)) for code in left.index[:3]) + (", …" if len(left) > 3 else "")
    where = f"{source}: " if source else ""
    warn(
        f"{where}{len(left)} {'code' if len(left) == 1 else 'codes'} with {int(left.sum())} codings {'is' if len(left) == 1 else 'are'} not in the crosswalk, "
        f"so those codings are not ladder evidence ({examples}). "
        "Fix: map them, or leave them out on purpose.",
        QlrWarning,
    )
