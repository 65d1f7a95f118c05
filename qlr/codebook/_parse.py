"""Reading a codebook: YAML, plain data or a file → the model, every error with its file and line.

There is one path: :func:`codebook_from_yaml` and :func:`codebook_from_data`
both go through :func:`_build`, which checks the shape of each entry (keys,
types, ids) where its line is known and hands the lines to the model, whose
:func:`~qlr.codebook._model.check_codes` checks the tree (parents, loops,
evidence on the ladder) once.  Keys a section does not know are refused with a
suggestion; none is read and then ignored.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .._decode import decode_bytes
from .._ids import is_guid
from .._output import is_hex_colour
from .._yaml import (
    LineDict,
    LineList,
    check_keys,
    need_list,
    need_mapping,
    parse_yaml,
    with_lines,
    without_lines,
    written_number,
)
from ..errors import CodebookError, CodebookSyntaxError, CodingError, QlrError, SourceNotFoundError
from ._model import PLACEMENT_RULES, Code, Codebook, Evidence, Facet, Indicator, Ladder, Level, LineageStep
from ._table import TABLE_SUFFIXES, codebook_from_table

__all__: list[str] = []

_POLARITIES = ("positive", "negative")
_TOP_KEYS = ("name", "id", "version", "description", "ladder", "themes", "codes", "lineage", "networks", "assertion", "refi")
_ASSERTION_KEYS = ("kind", "category", "direction", "phrase", "window")
_ASSERTION_BLOCK_KEYS = ("negated", "rules", "language")  # the mapping form: assertion: {negated: negative, language: es, rules: [...]}
_NETWORK_KEYS = ("support",)  # networks: {support: [themes whose codes mark support between people]}
_LADDER_KEYS = ("name", "description", "facets", "levels", "placement")
_PLACEMENT_KEYS = ("rule", "min_evidence", "min_segments", "prompted_weight", "summary_weight")
#: The placement keys that take nothing but a number ("min_segments: 02" is 2).
_NUMBER_PLACEMENT_KEYS = ("min_evidence", "min_segments", "prompted_weight", "summary_weight")
_LEVEL_KEYS = ("value", "name", "band", "description")
_FACET_KEYS = ("id", "name", "description")
_THEME_KEYS = ("id", "name", "definition", "description", "include", "exclude", "examples", "colour", "color", "indicators", "evidence", "memo")
_CODE_KEYS = ("id", "name", "parent", "definition", "include", "exclude", "examples", "colour", "color", "indicators", "evidence", "memo", "counts")
_INDICATOR_KEYS = ("phrase", "pattern", "negated", "id")
_EVIDENCE_KEYS = ("level", "facet", "polarity", "weight")
_LINEAGE_KEYS = ("version", "renamed", "merged", "into", "split", "note")
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
# Keys people write in a codebook that belong elsewhere: refused with where they go.
_MISPLACED = {
    "speakers": "speaker roles belong in the study's manifest (study.yaml, 'speakers:'), not in the codebook",
    "authors": "put the authors in 'description:' (a codebook keeps no separate authors list)",
}


def codebook_from_yaml(text: str, where: str) -> Codebook:
    """Parse YAML text (``where`` names it in errors) into a validated Codebook."""
    return _build(parse_yaml(text, where, error=CodebookSyntaxError), where)


def codebook_from_data(data: Mapping[str, Any], where: str) -> Codebook:
    """Plain data in the file's layout (as :meth:`Codebook.to_dict` gives it) into a validated Codebook."""
    return _build(with_lines(data), where)


def codebook_from_file(path: Path) -> Codebook:
    """A ``.yaml``/``.yml``, REFI-QDA ``.qdc`` or table (``.csv``, ``.tsv``, ``.xlsx``) file into a validated Codebook."""
    if not path.is_file():
        raise SourceNotFoundError("no such codebook file", path=path, hint="check the path, or use a bundled name")
    suffix = path.suffix.lower()
    if suffix in _NOT_CODEBOOK_FILES:
        what, fix = _NOT_CODEBOOK_FILES[suffix]
        refused = CodebookError(f"{what}, and qlr reads codebooks from YAML (.yaml, .yml), REFI-QDA (.qdc) or table (.csv, .tsv, .xlsx) files", path=path, hint=fix)
        if suffix in (".txt", ".md"):  # a YAML codebook saved as text is read as one
            try:
                text, _ = decode_bytes(path.read_bytes(), path)
                return codebook_from_yaml(text, str(path))
            except QlrError:
                raise refused from None
        raise refused
    if suffix == ".qdc":
        from ..io._qdc import read_qdc

        return read_qdc(path)
    if suffix in TABLE_SUFFIXES:
        return codebook_from_table(path)
    text, _ = decode_bytes(path.read_bytes(), path)
    return codebook_from_yaml(text, str(path))


_AS_YAML = (
    "write it as a YAML codebook, one entry per code (id, name, definition, parent), as docs/codebooks.md shows, "
    "or export the codebook from your QDA tool as REFI-QDA (.qdc)"
)
_AS_TABLE = "save the sheet as .xlsx or as CSV (UTF-8): a codebook table with a 'Code' column is read as docs/codebooks.md ('Codebooks kept as tables') says"
#: Files a codebook is often kept in that qlr does not read as one: what each is, and the way forward.
_NOT_CODEBOOK_FILES = {
    ".qdpx": ("this is a REFI-QDA project", "give it as the STUDY and its codes come with it (qlr validate FILE.qdpx, qlr import FILE.qdpx -o p.qlr); to use them on another study, export the codebook as .qdc from the QDA tool, or in Python take it from qlr.io.read_qdpx(FILE).codebooks"),
    ".qde": ("this is a REFI-QDA project file", "give the project as the STUDY (qlr import FILE.qde -o p.qlr, with its sources folder beside it), or export the codebook as .qdc from the QDA tool"),
    ".xls": ("this is a spreadsheet in the old Excel format", _AS_TABLE),
    ".ods": ("this is an OpenDocument spreadsheet", _AS_TABLE),
    ".docx": ("this is a Word document", _AS_YAML),
    ".doc": ("this is a Word document", _AS_YAML),
    ".odt": ("this is a word-processor document", _AS_YAML),
    ".pdf": ("this is a PDF", _AS_YAML),
    ".md": ("this is a Markdown document", _AS_YAML),
    ".txt": ("this is a text document", _AS_YAML),
    ".mex": ("this is a MAXQDA codebook in its own format", "export it from MAXQDA as REFI-QDA (Codes > Export > REFI-QDA codebook, .qdc)"),
    ".mtr": ("this is a MAXQDA file in its own format", "export the codebook from MAXQDA as REFI-QDA (.qdc)"),
}


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
    """A Codebook from parsed YAML (a LineDict); the model checks the code tree once, with these lines."""
    if not isinstance(data, LineDict):
        raise CodebookError("a codebook file must be a mapping with 'name' and 'codes'", path=path, line=1, hint="see docs/codebooks.md")
    _refuse_misplaced(data, path)
    check_keys(data, _TOP_KEYS, path=path, where="the codebook", error=CodebookError)
    name = _text(data.get("name"))
    if not name:
        raise CodebookError("the codebook has no 'name'", path=path, line=data.line, hint="add  name: My codebook")
    ladder = _build_ladder(data.get("ladder"), path, data.line_of("ladder")) if data.get("ladder") is not None else None
    codes: list[Code] = []
    lines: dict[Any, int] = {}
    for kind, key in (("theme", "themes"), ("code", "codes")):
        entries = _require_list(data.get(key), path, data.line_of(key), key)
        for index, entry in enumerate(entries):
            line = entries.lines[index]
            lines[len(codes)] = line
            if kind == "theme" and isinstance(entry, str):
                codes.append(Code(id=_check_id(entry, path, line, "a theme"), name=entry.replace("_", " ").capitalize(), kind="theme"))
            else:
                code, evidence_lines = _build_code(_require_mapping(entry, path, line, f"a {kind}"), path, line, kind)
                lines.update({(len(codes), *where): at for where, at in evidence_lines.items()})
                codes.append(code)
    known = {code.id for code in codes}
    lineage = tuple(
        _build_lineage(item, path, _item_line(data.get("lineage"), i, data.line_of("lineage")), known)
        for i, item in enumerate(_require_list(data.get("lineage"), path, data.line_of("lineage"), "lineage"))
    )
    version = _text(data.get("version")) or "0.1.0"
    if not re.match(r"^\d+(\.\d+){0,2}([-+.].*)?$", version):
        raise CodebookError(f"version {version!r} is not like 1.2.0", path=path, line=data.line_of("version"), hint="use MAJOR.MINOR.PATCH numbers")
    codebook = Codebook._with_lines(
        lines,
        name=name,
        id=_text(data.get("id")),
        version=version,
        description=_text(data.get("description")),
        ladder=ladder,
        codes=codes,
        lineage=lineage,
        source=path,
        networks=_build_networks(data, path, {c.id for c in codes if c.kind == "theme"}),
        assertion=_build_assertion(data, path),
        negated_evidence=_negated_evidence(data, path),
        assertion_language=_assertion_language(data, path),
    )
    if data.get("refi") is not None:
        codebook.guids, codebook.sets = _build_refi(data, path, known)  # type: ignore[attr-defined]
    return codebook


def _build_refi(data: LineDict, path: str, known: set[str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The ``refi:`` block: the GUIDs a QDA tool gave the codes, and its code groups, kept for the way back."""
    block = _require_mapping(data.get("refi"), path, data.line_of("refi"), "'refi'")
    check_keys(block, ("guids", "sets"), path=path, where="'refi'", error=CodebookError)
    guids: dict[str, str] = {}
    given = block.get("guids")
    if given is not None:
        given = _require_mapping(given, path, block.line_of("guids"), "'refi: guids'")
        for code_id, guid in given.items():
            line = given.line_of(code_id)
            if str(code_id) not in known:
                raise CodebookError(f"refi: guids names code {code_id!r}, which the codebook does not have", path=path, line=line, hint=f"remove {code_id!r} from refi: guids, or give the code")
            if not isinstance(guid, str) or not is_guid(guid):
                raise CodebookError(f"refi: guids gives code {code_id!r} {guid!r}, which is not a GUID", path=path, line=line, hint=f"write it as 8-4-4-4-12 hexadecimal digits, or remove {code_id!r} from refi: guids (a new GUID is made)")
            guids[guid.strip("{}").lower()] = str(code_id)
    sets = []
    for index, item in enumerate(_require_list(block.get("sets"), path, block.line_of("sets"), "refi: sets")):
        line = _item_line(block.get("sets"), index, block.line_of("sets"))
        item = _require_mapping(item, path, line, "a set")
        check_keys(item, ("name", "guid", "description", "codes"), path=path, where="a set", error=CodebookError)
        codes = [str(c) for c in _require_list(item.get("codes"), path, line, "codes")]
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise CodebookError(f"refi: set {item.get('name')!r} names code {unknown[0]!r}, which the codebook does not have", path=path, line=line, hint="remove it from the set")
        sets.append({"name": _text(item.get("name")) or "", "guid": _text(item.get("guid")) or "", "description": _text(item.get("description")), "codes": codes, "sources": [], "other": []})
    return guids, sets


def _build_assertion(data: LineDict, path: str) -> tuple[dict[str, Any], ...]:
    """The ``assertion:`` block: rules added to qlr's, each checked where it is written."""
    from ..code._assertion import Rule, check_rule

    rules = []
    block, block_line = data.get("assertion"), data.line_of("assertion")
    if isinstance(block, LineDict):  # the mapping form keeps its rules under 'rules'
        block, block_line = block.get("rules"), block.line_of("rules") or block_line
    listed = _require_list(block, path, block_line, "assertion")
    for index, entry in enumerate(listed):
        line = _item_line(listed, index, block_line)
        entry = _require_mapping(entry, path, line, "an assertion rule")
        check_keys(entry, _ASSERTION_KEYS, path=path, where="an assertion rule", error=CodebookError)
        window = written_number(entry.get("window"))
        if window is not None and (isinstance(window, bool) or not isinstance(window, int) or window < 1):
            raise CodebookError(f"an assertion rule's window must be a whole number of tokens, not {window!r}", path=path, line=entry.line_of("window"))
        for key in ("kind", "category", "direction", "phrase"):
            if isinstance(entry.get(key), bool):  # YAML's yes/no/on/off: {kind: no, …} would read 'False'
                raise CodebookError(_yaml_bool_message(key, entry.get(key)), path=path, line=entry.line_of(key) or line, hint=_YAML_BOOL_HINTS[key])
        fields = {key: _scalar(entry, key, path, line, "an assertion rule's") or "" for key in ("kind", "category", "direction", "phrase")}
        try:
            check_rule(Rule(**fields, window=window))
        except CodingError as exc:  # the rule's own check says what is wrong (and its fix, if it has one); this adds the line
            raise CodebookError(exc.message.rstrip("."), path=path, line=line,
                                hint=exc.hint or "see qlr/code/assertion_rules.tsv for the kinds, categories and directions") from None
        rules.append({**fields, "window": window})
    return tuple(rules)


#: What to write instead of a field YAML read as true or false (:func:`_build_assertion`).
_YAML_BOOL_HINTS = {
    "kind": "name the kind in words: 'no particle' or 'denial' for a no, 'yes particle' or 'affirmation' for a yes "
            "(see qlr/code/assertion_rules.tsv for the kinds)",
    "category": "write the category by its name (negated, hypothetical, historical, other, declined)",
    "direction": "write the direction by its name (forward, backward, both, wrap, contrast or previous)",
    "phrase": "quote the word: phrase: 'no'",
}


def _yaml_bool_message(key: str, value: bool) -> str:
    """An assertion rule's field that YAML read as true or false, and which words it reads so."""
    words = "yes, on or true" if value else "no, off or false"
    return f"an assertion rule's {key} is {str(value).lower()}: YAML reads an unquoted {words} as {str(value).lower()}"


def _negated_evidence(data: LineDict, path: str) -> str:
    """``assertion: {negated: …}``: what a negated positive match is worth (by default nothing)."""
    from ._model import NEGATED_EVIDENCE

    block = data.get("assertion")
    if not isinstance(block, LineDict):
        return NEGATED_EVIDENCE[0]
    check_keys(block, _ASSERTION_BLOCK_KEYS, path=path, where="the assertion block", error=CodebookError)
    value = _text(block.get("negated")) or NEGATED_EVIDENCE[0]
    if value not in NEGATED_EVIDENCE:
        raise CodebookError(
            f"assertion 'negated' is {value!r}, not one of {', '.join(map(repr, NEGATED_EVIDENCE))}",
            path=path,
            line=block.line_of("negated"),
            hint="write  negated: negative  (a denied match is evidence against its level) or leave it out",
        )
    return value


def _assertion_language(data: LineDict, path: str) -> str:
    """``assertion: {language: es}``: whose cues judge the matches (English's by default)."""
    from ..code._assertion import RULES_PATHS

    block = data.get("assertion")
    if not isinstance(block, LineDict) or block.get("language") is None:
        return "en"
    value = (_text(block.get("language")) or "").strip().lower()
    if value not in RULES_PATHS:
        raise CodebookError(
            f"assertion 'language' is {value!r}: qlr has assertion cues for {', '.join(map(repr, RULES_PATHS))} only",
            path=path,
            line=block.line_of("language"),
            hint="leave it out (English cues), or write your language's cues as rows under assertion: rules "
            "(docs/codebooks.md, 'Studies in other languages')",
        )
    return value


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


def _refuse_misplaced(data: LineDict, path: str) -> None:
    """Keys that belong elsewhere are refused with where they go, rather than read and ignored."""
    for key, hint in _MISPLACED.items():
        if key in data:
            raise CodebookError(f"a codebook has no {key!r}", path=path, line=data.line_of(key), hint=hint)


def _build_code(entry: LineDict, path: str, line: int, kind: str) -> tuple[Code, dict[tuple[int, str | None], int]]:
    """A theme or code from its mapping, and the lines of its evidence ((index, field) → line).

    A theme takes no ``parent`` and may call its definition ``description``.
    """
    code_id = _check_id(entry.get("id"), path, line, f"a {kind}")
    check_keys(entry, _THEME_KEYS if kind == "theme" else _CODE_KEYS, path=path, where="a theme" if kind == "theme" else f"code {code_id!r}", error=CodebookError)
    what = f"{kind} {code_id!r}:"
    examples = entry.get("examples") or []
    if isinstance(examples, str):
        examples = [examples]
    indicators = tuple(
        indicator
        for i, item in enumerate(_require_list(entry.get("indicators"), path, entry.line_of("indicators"), "indicators"))
        for indicator in _build_indicators(item, path, _item_line(entry.get("indicators"), i, entry.line_of("indicators")), code_id)
    )
    evidence_raw = entry.get("evidence")
    evidence_items = [] if evidence_raw is None else (evidence_raw if isinstance(evidence_raw, list) else [evidence_raw])
    evidence_lines: dict[tuple[int, str | None], int] = {}
    evidence = []
    for i, item in enumerate(evidence_items):
        found, found_lines = _build_evidence(item, path, _item_line(evidence_raw, i, entry.line_of("evidence")), code_id)
        evidence.append(found)
        evidence_lines.update({(i, key): at for key, at in found_lines.items()})
    colour = _text(entry.get("colour") or entry.get("color"))
    if colour is not None and not is_hex_colour(colour):
        # A colour by name ("steelblue", "tab:blue") is written as QDA tools read colours: #rrggbb.
        from matplotlib.colors import to_hex

        try:
            if colour.lower() == "none":  # matplotlib's "no colour", which to_hex would call black
                raise ValueError(colour)
            colour = to_hex(colour)
        except ValueError:
            key = "colour" if entry.get("colour") else "color"
            raise CodebookError(
                f"{kind} {code_id!r}: colour {colour!r} is not a colour",
                path=path,
                line=entry.line_of(key),
                hint="write it as #RRGGBB, e.g. colour: \"#0072B2\" (in quotes: YAML reads # as a comment), or by a name such as steelblue",
            ) from None
    code = Code(
        id=code_id,
        name=_scalar(entry, "name", path, line, what) or code_id,
        kind=kind,
        parent=_scalar(entry, "parent", path, line, what),
        definition=_scalar(entry, "definition", path, line, what) or _scalar(entry, "description", path, line, what),
        include=_scalar(entry, "include", path, line, what),
        exclude=_scalar(entry, "exclude", path, line, what),
        examples=tuple(str(e).strip() for e in examples),
        colour=colour,
        indicators=indicators,
        evidence=tuple(evidence),
        memo=_scalar(entry, "memo", path, line, what),
        counts=_scalar(entry, "counts", path, line, what),  # checked with the tree (check_codes)
    )
    return code, evidence_lines


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
            value = written_number(placement[key])
            wrong_type = isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or (kind == "a whole number" and not float(value).is_integer())
            if wrong_type or value < smallest:
                line = placement.line_of(key) if isinstance(placement, LineDict) else placement_line
                raise CodebookError(f"placement {key} must be {kind} ≥ {smallest:g}, not {value!r}", path=path, line=line, hint=f"e.g. {key}: 2")
    # The weights of a prompted echo and of the team's summary (qlr.track.ladder's prompted_weight, summary_weight).
    for key, example in (("prompted_weight", 0.5), ("summary_weight", 0)):
        if key in placement:
            value = written_number(placement[key])
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                line = placement.line_of(key) if isinstance(placement, LineDict) else placement_line
                raise CodebookError(f"placement {key} must be a number from 0 to 1, not {value!r}", path=path, line=line, hint=f"e.g. {key}: {example}")
    rule = str(placement.get("rule", "highest_supported"))
    if rule not in PLACEMENT_RULES:
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
        placement={str(k): written_number(v) if k in _NUMBER_PLACEMENT_KEYS else v for k, v in placement.items()},
        description=_text(ladder.get("description")),
    )


def _build_indicators(value: Any, path: str, line: int, code_id: str) -> tuple[Indicator, ...]:
    """One entry under ``indicators:`` as its indicators: one, or one per phrase of a list (``phrase: [a, b]``, any of them)."""
    if isinstance(value, str):
        return (Indicator(phrase=_phrase(value, path, line, code_id)),)
    entry = _require_mapping(value, path, line, f"an indicator of code {code_id!r}")
    check_keys(entry, _INDICATOR_KEYS, path=path, where=f"an indicator of code {code_id!r}", error=CodebookError)
    where = f"code {code_id!r}: an indicator's"
    negated = entry.get("negated")
    if negated is not None and not isinstance(negated, bool):
        raise CodebookError(f"{where} 'negated' is {negated!r}, not true or false", path=path, line=entry.line_of("negated") or line,
                            hint="write  negated: true  (fires only inside a negated clause) or leave it out")
    label = _scalar(entry, "id", path, line, where)
    if ("phrase" in entry) == ("pattern" in entry):
        raise CodebookError(
            f"code {code_id!r}: an indicator needs exactly one of 'phrase' or 'pattern'",
            path=path,
            line=line,
            hint="write  - phrase: give back  or  - pattern: [{LOWER: give}, {LOWER: back}]",
        )
    if "phrase" in entry:
        phrases = entry["phrase"]
        at = entry.line_of("phrase") or line
        if isinstance(phrases, list):  # phrase: [help out, helping out]: any of them, each its own indicator (and label)
            if not phrases:
                raise CodebookError(f"{where} phrase list is empty", path=path, line=at, hint="give the words to look for")
            items = [(_scalar({"phrase": p}, "phrase", path, _item_line(phrases, i, at), where), _item_line(phrases, i, at)) for i, p in enumerate(phrases)]
        else:
            items = [(_scalar(entry, "phrase", path, line, where), at)]
        return tuple(Indicator(phrase=_phrase(text, path, at, code_id), negated=bool(negated), id=label) for text, at in items)
    pattern = entry["pattern"]
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise CodebookError(
            f"code {code_id!r}: a pattern must be a list of token descriptions",
            path=path,
            line=line,
            hint="write e.g.  pattern: [{LEMMA: help}, {LOWER: each}, {LOWER: other}]",
        )
    plain = [without_lines(t) for t in pattern]
    from spacy.schemas import validate_token_pattern

    problems = validate_token_pattern(plain)
    if problems:
        raise CodebookError(
            f"code {code_id!r}: invalid spaCy token pattern ({'; '.join(problems[:3])})",
            path=path,
            line=line,
            hint="see https://spacy.io/usage/rule-based-matching#adding-patterns for the keys a token may use",
        )
    _check_pattern_budget(plain, path, line, code_id)
    return (Indicator(pattern=tuple(plain), negated=bool(negated), id=label),)


def _scalar(entry: Mapping[str, Any], key: str, path: str, line: int, where: str) -> str | None:
    """``entry[key]`` where one piece of text is meant: a list, a mapping or YAML's true/false is refused at its line."""
    value = entry.get(key)
    at = entry.line_of(key) or line if isinstance(entry, LineDict) else line
    if isinstance(value, bool):  # YAML's unquoted yes/no/on/off/true/false
        words = "yes, on or true" if value else "no, off or false"
        raise CodebookError(f"{where} {key} is {str(value).lower()}: YAML reads an unquoted {words} as {str(value).lower()}",
                            path=path, line=at, hint=f"quote the word: {key}: '{'yes' if value else 'no'}'")
    if isinstance(value, (Mapping, list)):
        kind = "a mapping" if isinstance(value, Mapping) else "a list"
        raise CodebookError(f"{where} {key} is {kind}, where it takes one piece of text", path=path, line=at,
                            hint=f"write  {key}: some words  (quote text holding ':' or starting with '[' or '{{')")
    return _text(value)


#: The most tokens one ``OP: "{n,m}"`` step may repeat, and the longest REGEX a token may carry.
_MAX_REPEAT = 20
_MAX_REGEX = 200
# Probes a token REGEX must answer quickly: the long almost-matches that make a
# backtracking pattern take exponential time.
_REGEX_PROBES = tuple(ch * 40 + "!" for ch in "a1 _-.")


def _nested_repeat(pattern: str) -> bool:
    """Whether a repeated group of ``pattern`` contains another repeat or an alternation (the shapes of catastrophic backtracking)."""
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        tree = parser.parse(pattern)
    except Exception:  # re rejects what regex accepted: leave it to spaCy's own error
        return False
    repeats = {parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None)} - {None}

    def walk(items: Any, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                low, high, body = arg
                if inside and high > 1:
                    return True
                if walk(body, inside or high > 1):
                    return True
            elif op is parser.BRANCH:
                if inside or any(walk(branch, inside) for branch in arg[1]):
                    return True
            elif op is parser.SUBPATTERN:
                if walk(arg[-1], inside):
                    return True
        return False

    return walk(tree, False)


def _check_pattern_budget(pattern: list[dict[str, Any]], path: str, line: int, code_id: str) -> None:
    """Refuse token patterns that would make matching slow: huge repeat counts, catastrophic regular expressions."""
    import regex

    for token in pattern:
        op = str(token.get("OP", ""))
        bounds = re.fullmatch(r"\{(\d*),?(\d*)\}", op)
        if bounds and any(int(n) > _MAX_REPEAT for n in bounds.groups() if n):
            raise CodebookError(
                f"code {code_id!r}: a token pattern repeats a token up to {op}; the limit is {_MAX_REPEAT}",
                path=path,
                line=line,
                hint="use a smaller count, or OP: '+' for one or more",
            )
        for value in token.values():
            if not isinstance(value, dict) or "REGEX" not in value:
                continue
            text = str(value["REGEX"])
            try:
                compiled = regex.compile(text)
                too_slow = False
                for probe in _REGEX_PROBES:
                    compiled.search(probe, timeout=0.2)
            except regex.error as exc:
                raise CodebookError(f"code {code_id!r}: REGEX {text!r} is not a valid regular expression ({exc})", path=path, line=line) from None
            except TimeoutError:
                too_slow = True
            # spaCy runs REGEX with Python's re, which has no time limit and does not
            # rescue a quantified group that itself repeats, as (a+)+b: refuse those.
            too_slow = too_slow or _nested_repeat(text)
            if too_slow or len(text) > _MAX_REGEX:
                raise CodebookError(
                    f"code {code_id!r}: REGEX {text!r} could take exponential time on a long token" if too_slow else f"code {code_id!r}: REGEX is longer than {_MAX_REGEX} characters",
                    path=path,
                    line=line,
                    hint="avoid a repeated group that itself repeats or alternates between overlapping choices, e.g. (a|aa)+",
                )


def _phrase(value: Any, path: str, line: int, code_id: str) -> str:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise CodebookError(f"code {code_id!r}: an indicator phrase is empty", path=path, line=line, hint="give the words to look for")
    return text


def _build_evidence(value: Any, path: str, line: int, code_id: str) -> tuple[Evidence, dict[str | None, int]]:
    """One evidence entry, and the lines of the entry and of its level and facet (checked against the ladder by the model)."""
    entry = _require_mapping(value, path, line, f"the evidence of code {code_id!r}")
    check_keys(entry, _EVIDENCE_KEYS, path=path, where=f"the evidence of code {code_id!r}", error=CodebookError)
    try:
        level = int(entry.get("level"))
    except (TypeError, ValueError):
        raise CodebookError(f"code {code_id!r}: evidence needs a whole-number 'level'", path=path, line=line, hint="write e.g.  evidence: {level: 2, facet: delivery}") from None
    polarity = str(entry.get("polarity", "positive"))
    if polarity not in _POLARITIES:
        raise CodebookError(f"code {code_id!r}: polarity {polarity!r} is not positive or negative", path=path, line=entry.line_of("polarity"), hint="use positive or negative")
    evidence = Evidence(level=level, facet=_text(entry.get("facet")), polarity=polarity, weight=float(entry.get("weight", 1.0)))
    return evidence, {None: line, "level": entry.line_of("level"), "facet": entry.line_of("facet")}


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
