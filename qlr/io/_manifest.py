"""The manifest (``study.yaml``): read once, every check with its file and line, into a plan.

Each top-level section has a step of its own (waves, roles, cases, actors,
speakers and segmentation, documents, codings); keys a section does not know are
refused with a suggestion (:func:`qlr._yaml.check_keys`), never read and ignored.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from natsort import natsort_keygen, natsorted

from .._check import check_bool, check_choice, check_id, check_number, closest
from .._regex import BoundedPattern
from .._warned import warn
from .._words import first_few
from .._yaml import LineDict, LineList, check_keys, need_list, need_mapping, read_yaml, written_number
from ..errors import (
    DuplicateIdError,
    FilesNotLoadedWarning,
    InferenceWarning,
    InvalidParameterError,
    ManifestError,
    QlrError,
    QlrWarning,
    SourceNotFoundError,
    UndeclaredIdError,
)
from ._datalist import ListedDesign, ListedRows, list_entries, listed_design
from ._naming import (
    _CASE_WAVE,
    DEFAULT_NAMING,
    _check_duplicate_docs,
    _in_qlr_output,
    _key,
    _match_name,
    _naming_regex,
    _skipped,
    brat_texts,
    document_stem,
    files_not_read,
    interview_guides,
    output_folders,
    read_as_document,
    reads_as_wave,
)
from ._plan import _DocSpec, _Marked, _Plan
from ._readers import READERS
from ._responses import response_docs
from ._sections import WaveOrder, order_waves
from ._segment import SPEAKER_CASE_MODES, SPEAKER_ROLES, canonical_kind, strategy_for, to_date

__all__ = ["MANIFEST_NAMES", "MANIFEST_SUFFIXES", "named_manifest"]

MANIFEST_NAMES = ("study.yaml", "study.yml")
#: What a manifest's file name ends with: a ``.yaml`` named explicitly (``study_rp.yaml``) is read as one when it is one.
MANIFEST_SUFFIXES = (".yaml", ".yml")
#: Keys of which a study manifest has one at least; a codebook or crosswalk (``codes:``, ``ladder:``) has none.
_STUDY_KEYS = ("documents", "responses", "cases", "waves", "codings")
_TOP_KEYS = ("name", "description", "waves", "cases", "roles", "documents", "speakers", "speaker_cases", "segmentation", "naming", "actors", "stages", "codings", "responses", "exclude", "attributes")
_WAVE_KEYS = ("id", "label", "order", "start", "end", "date")
_CASE_KEYS = ("id", "label", "role", "attributes", "waves", "per_wave", "aliases", "left")
_ROLE_KEYS = ("waves",)
_DOC_KEYS = ("path", "id", "case", "wave", "kind", "date", "stage", "title", "speakers", "speaker_cases", "observer", "segment", "text_column", "tags")
_SEGMENTATION_KEYS = ("speaker_pattern", "dayfirst")
_ACTOR_KEYS = ("id", "name", "kind", "role", "case", "aliases")
_STRATEGIES = ("turns", "entries", "paragraphs")


def _compile_pattern(pattern: str, manifest: Path | None, line: int | None) -> BoundedPattern:
    import regex

    compiled = BoundedPattern(str(pattern), regex.MULTILINE | regex.VERSION0, error=ManifestError, key="the speaker pattern", path=manifest, line=line)
    if "speaker" not in compiled.groupindex:
        raise ManifestError(
            f"the speaker pattern {pattern!r} has no group named 'speaker'",
            path=manifest,
            line=line,
            hint=r"name the label's group, e.g. ^(?P<speaker>[A-Z]+)>\s*",
        )
    return compiled


def _need_mapping(value: Any, manifest: Path, line: int, what: str) -> LineDict:
    return need_mapping(value, path=manifest, line=line, message=f"{what} must be a mapping of keys to values", error=ManifestError)


def _need_list(value: Any, manifest: Path, line: int, what: str) -> LineList:
    return need_list(value, path=manifest, line=line, what=what, message=f"'{what}' must be a list (items starting with '- ')", error=ManifestError)


def _as_date(value: Any, manifest: Path, line: int, what: str) -> date | None:
    try:
        return to_date(value)
    except ValueError as exc:
        raise ManifestError(f"{what}: {exc}", path=manifest, line=line) from None


def _id(value: Any, manifest: Path, line: int, what: str) -> str:
    if value is None or str(value).strip() == "":
        raise ManifestError(f"{what} has no 'id'", path=manifest, line=line, hint="give it an id such as W1 or C01")
    return _safe_id(value, manifest, line, f"the id of {what}")


def _safe_id(value: Any, manifest: Path, line: int, what: str) -> str:
    """An id from the manifest through :func:`qlr._check.check_id`: text that cannot act as a path or forge terminal output."""
    try:
        return check_id(what, value)
    except InvalidParameterError as exc:
        raise ManifestError(exc.message, path=manifest, line=line, hint=exc.hint) from None


def _text(value: Any, manifest: Path, line: int, what: str) -> str:
    """A plain text value (a name, a path): a string or a number, not a list or a mapping."""
    if isinstance(value, (list, dict)):
        raise ManifestError(f"{what} must be text, not {value!r:.60}", path=manifest, line=line, hint="write it as one line of text (quote it if it starts with [ or {)")
    return str(value)


def named_manifest(path: Path) -> Any:
    """The contents of a ``.yaml`` file named as a study's manifest under another name than ``study.yaml``.

    A researcher who names ``study_rp.yaml`` means it as the manifest, its folder as the study's; a YAML
    file that is not a manifest (a codebook, a crosswalk) is refused, saying what it looks like instead.
    """
    data = read_yaml(path)
    keys = set(data) if isinstance(data, dict) else set()
    if keys & set(_STUDY_KEYS):
        return data
    what = "a codebook or a crosswalk" if keys & {"codes", "themes", "ladder"} else "empty" if data is None else "not a mapping" if not keys else "a mapping without them"
    raise ManifestError(
        f"this YAML file is not a study manifest: a manifest lists {', '.join(_STUDY_KEYS[:-1])} or {_STUDY_KEYS[-1]}, and this one is {what}",
        path=path,
        hint="give the study folder or its manifest (study.yaml, or another .yaml that lists documents:); "
        "a codebook goes to --codebook (qlr.read_codebook), a crosswalk to --crosswalk",
    )


def _plan_from_manifest(manifest: Path, data: Any = None) -> _Plan:
    """Read and check ``study.yaml``, section by section, into a plan (``data``: its contents already read, for a template)."""
    if data is None:
        data = read_yaml(manifest)
    root = manifest.parent
    if data is None:
        data = LineDict()
        data.line, data.lines = 1, {}
    data = _need_mapping(data, manifest, 1, "the manifest")
    check_keys(data, _TOP_KEYS, path=manifest, where="the manifest", error=ManifestError)
    waves = _waves(data, manifest)
    check_wave = _WaveCheck({w["wave_id"] for w in waves}, manifest)
    role_waves = _roles(data, manifest, check_wave)
    cases, case_waves, actors = _cases(data, manifest, check_wave, role_waves, waves)
    actors += _actors(data, manifest, actors, {c["case_id"] for c in cases})
    to_cases: dict[str, tuple[str, int, str]] = {}  # study-wide speaker labels given a case, checked once the cases are known
    speakers = _speaker_map(data.get("speakers"), manifest, data.line_of("speakers"), to_cases=to_cases)
    case_mode = _speaker_case_mode(data, manifest) or "names"
    patterns, dayfirst = _segmentation_options(data, manifest)
    naming = str(data.get("naming") or DEFAULT_NAMING)
    name_regex = _naming_regex(naming, manifest, data.line_of("naming"))
    # Declared stages set their order in every analysis (design before outputs before
    # implementation), where undeclared ones would sort alphabetically.
    stages = [str(s) for s in _need_list(data.get("stages"), manifest, data.line_of("stages"), "stages")] if data.get("stages") is not None else None
    responses = _responses(data, manifest)
    coding_files = _coding_files(data, manifest)
    attribute_tables = _attribute_tables(data, manifest)
    # A codings file (or a table of attributes) in a folder a glob reads ("*.txt" beside an NVivo report) is no document.
    taken = {_key(path): line for path, line, *_ in [*coding_files, *attribute_tables]}
    listed: list[ListedRows] = []  # what data lists say beyond their documents: waves' order and dates, withdrawn cases
    excluded = _excluded(data, manifest)
    docs, claimed = _documents(data, manifest, (naming, name_regex), check_wave, {c["case_id"] for c in cases}, stages, bool(responses), taken, listed, excluded)
    answered, answered_notes, answered_waves, _ = response_docs(responses, manifest, check_wave, {c["case_id"] for c in cases}, dayfirst)
    _check_duplicate_docs(docs + answered, manifest)
    docs += answered
    # A deposit read with no study.yaml (its template, in memory): the files are the data lists' to name.
    lists = [] if manifest.is_file() else [str(entry["list"]) for entry in data.get("documents") or [] if isinstance(entry, Mapping) and entry.get("list")]
    inferred = _unlisted(root, claimed, manifest, excluded, lists=lists) + answered_notes
    # A kind qlr does not know is said once, by the load (_build._unknown_kinds_note), for the documents it read by paragraph.
    waves, cases, actors, ordered = _from_documents(docs, waves, cases, actors, inferred, answered_waves, listed_design(listed) if listed else None)
    _check_speaker_cases(to_cases, docs, {c["case_id"] for c in cases}, manifest)
    marked = _marked(data, manifest, docs) if data.get("codings") is not None else []
    return _Plan(
        marked=marked,
        codings=[(path, line) for path, line, *_ in coding_files],
        coding_coders={path: coder for path, _, coder, *_ in coding_files if coder},
        codings_left_out_unplaced={path for path, _, _, leave_out, _ in coding_files if leave_out},
        coding_paths={path: written for path, *_, written in coding_files},
        attribute_tables=attribute_tables,
        name=_text(data.get("name"), manifest, data.line_of("name"), "'name'") if data.get("name") else root.resolve().name,
        root=root,
        manifest=manifest,
        waves=waves,
        cases=cases,
        case_waves=case_waves,
        actors=actors,
        docs=docs,
        speakers=speakers,
        speaker_cases={label: case for label, (case, *_) in to_cases.items()},
        case_mode=case_mode,
        patterns=patterns,
        dayfirst=dayfirst,
        inferred=inferred,
        description=str(data["description"]).strip() if data.get("description") else None,
        stages=stages,
        wave_order=ordered[0] if ordered else None,
        wave_note=ordered[1] if ordered else None,
    )


class _WaveCheck:
    """Refuses a wave the manifest does not declare (when it declares any)."""

    def __init__(self, wave_ids: set[str], manifest: Path) -> None:
        self.wave_ids, self.manifest = wave_ids, manifest

    def __call__(self, wave_id: Any, line: int, what: str) -> str:
        wave_id = str(wave_id)
        if self.wave_ids and wave_id not in self.wave_ids:
            raise UndeclaredIdError(
                f"{what} names wave {wave_id!r}, which the manifest does not declare",
                path=self.manifest,
                line=line,
                hint=f"declare it under 'waves:' or use one of {', '.join(sorted(self.wave_ids, key=natsort_keygen()))}",
            )
        return wave_id


def _waves(data: LineDict, manifest: Path) -> list[dict[str, Any]]:
    waves: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    wave_list = _need_list(data.get("waves"), manifest, data.line_of("waves"), "waves")
    for index, entry in enumerate(wave_list):
        line = wave_list.lines[index]
        if isinstance(entry, (str, int)):
            entry_map: Mapping[str, Any] = {"id": entry}
        else:
            entry_map = _need_mapping(entry, manifest, line, "a wave")
            check_keys(entry_map, _WAVE_KEYS, path=manifest, where="a wave", error=ManifestError)
        wave_id = _id(entry_map.get("id"), manifest, line, "a wave")
        if wave_id in seen:
            raise DuplicateIdError(f"wave id {wave_id!r} is declared twice (first on line {seen[wave_id]})", path=manifest, line=line, hint="give each wave its own id")
        seen[wave_id] = line
        lines = entry_map.lines if isinstance(entry_map, LineDict) else {}
        when, start, end = (_as_date(entry_map.get(key), manifest, lines.get(key, line), f"wave {wave_id} {key}") for key in ("date", "start", "end"))
        start, end = start or when, end or when
        if start and end and end < start:
            raise ManifestError(
                f"wave {wave_id} ends ({end}) before it starts ({start})",
                path=manifest,
                line=lines.get("end", line),
                hint="swap its 'start' and 'end', or correct the mistyped one: documents are placed in waves by these dates",
            )
        waves.append(
            {
                "wave_id": wave_id,
                "order": _order(entry_map, manifest, line, wave_id) if entry_map.get("order") is not None else index + 1,
                "label": str(entry_map.get("label") or wave_id),
                "start": start,
                "end": end,
                "line": line,
            }
        )
    _warn_overlapping_waves(waves, manifest)
    for wave in waves:
        del wave["line"]
    return waves


def _warn_overlapping_waves(waves: list[dict[str, Any]], manifest: Path) -> None:
    """Say which declared waves share days: an interview under a heading dated on such a day cannot be placed by its date.

    Fieldwork can overlap on purpose (a late interview of wave 1 as wave 2 begins), so this is a
    warning, not an error; each pair is named once, with the days they share.
    """
    from ..errors import QlrWarning

    dated = [w for w in waves if w["start"] and w["end"]]
    pairs, lines = [], []
    for index, first in enumerate(dated):
        for second in dated[index + 1 :]:
            start, end = max(first["start"], second["start"]), min(first["end"], second["end"])
            if start <= end:
                days = f"{start}" if start == end else f"{start} to {end}"
                pairs.append(f"{first['wave_id']} (line {first['line']}) and {second['wave_id']} (line {second['line']}) share {days}")
                lines.append(first["line"])
    if pairs:
        shown = "; ".join(pairs[:5]) + (f"; and {len(pairs) - 5} more pair(s)" if len(pairs) > 5 else "")
        warn(
            f"{manifest}:{lines[0]}: {len(pairs)} pair(s) of waves overlap in their dates: {shown}. "
            "Interviews under headings in one file ('wave: headings') are placed in waves by their dates; where one of a file's "
            "interviews is dated on a shared day, every interview of that file is placed by its heading's number instead. "
            "Fix: if the fieldwork did not overlap, correct the dates so each wave ends before the next starts",
            QlrWarning,
        )


def _roles(data: LineDict, manifest: Path, check_wave: _WaveCheck) -> dict[str, list[str]]:
    """{role: the waves its cases are planned for} (the design's defaults)."""
    role_waves: dict[str, list[str]] = {}
    roles = data.get("roles") or LineDict()
    roles = _need_mapping(roles, manifest, data.line_of("roles"), "'roles'")
    for role, spec in roles.items():
        spec = _need_mapping(spec or LineDict(), manifest, roles.line_of(role), f"role {role!r}")
        check_keys(spec, _ROLE_KEYS, path=manifest, where=f"role {role!r}", error=ManifestError)
        if spec.get("waves") is not None:
            role_waves[str(role)] = [check_wave(w, spec.line_of("waves"), f"role {role!r}") for w in _need_list(spec["waves"], manifest, spec.line_of("waves"), "waves")]
    return role_waves


def _cases(
    data: LineDict, manifest: Path, check_wave: _WaveCheck, role_waves: dict[str, list[str]], waves: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(case rows, case-wave rows, an actor row per case)."""
    cases: list[dict[str, Any]] = []
    case_waves: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, entry, case_id in _entries(data, "cases", manifest, "a case", _CASE_KEYS):
        if case_id in seen:
            raise DuplicateIdError(f"case id {case_id!r} is declared twice (first on line {seen[case_id]})", path=manifest, line=line, hint="give each case its own id")
        seen[case_id] = line
        row = _case_row(entry, case_id, manifest)
        cases.append(row)
        case_waves.extend(_case_design(entry, case_id, manifest, check_wave, role_waves.get(row["role"] or ""), waves))
        aliases = _aliases(entry, manifest, line)
        actors.append({"actor_id": case_id, "name": row["label"], "kind": "person", "role": row["role"], "case_id": case_id, "aliases": [str(a) for a in aliases]})
    return cases, case_waves, actors


def _case_row(entry: LineDict, case_id: str, manifest: Path) -> dict[str, Any]:
    """A case's row: id, label, role and its attributes."""
    role = str(entry["role"]) if entry.get("role") is not None else None
    attributes = entry.get("attributes") or {}
    attributes = _need_mapping(attributes, manifest, entry.line_of("attributes"), f"attributes of case {case_id}") if attributes else {}
    row: dict[str, Any] = {"case_id": case_id, "label": str(entry.get("label") or case_id), "role": role}
    if entry.get("left") is not None:
        # Why the case left the study ("withdrew", "died", "moved away"): Study.attrition shows it beside the pattern.
        if isinstance(entry["left"], (list, dict)):
            raise ManifestError(f"'left' of case {case_id} is not a word or phrase", path=manifest, line=entry.line_of("left"), hint="say why the case left: left: withdrew")
        row["left"] = str(entry["left"])
    for key, value in attributes.items():
        if key in ("case_id", "label", "role") or (key == "left" and "left" in row):
            raise ManifestError(f"attribute {key!r} of case {case_id} clashes with a built-in column", path=manifest, line=attributes.line_of(key), hint="rename the attribute")
        row[str(key)] = value
    return row


def _case_design(
    entry: LineDict, case_id: str, manifest: Path, check_wave: _WaveCheck, role_default: list[str] | None, waves: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A case's case-wave rows: which waves it is planned for, and its per-wave values, in wave order."""
    scheduled = entry.get("waves")
    if scheduled is not None:
        planned = [check_wave(w, entry.line_of("waves"), f"case {case_id}") for w in _need_list(scheduled, manifest, entry.line_of("waves"), "waves")]
    else:
        planned = role_default
    per_wave = entry.get("per_wave") or {}
    if per_wave:
        per_wave = _need_mapping(per_wave, manifest, entry.line_of("per_wave"), f"per_wave of case {case_id}")
    rows: dict[str, dict[str, Any]] = {}
    if planned is not None:
        for wave in check_wave.wave_ids:
            rows[wave] = {"case_id": case_id, "wave_id": wave, "scheduled": wave in planned}
    for wave, values in per_wave.items():
        wave = check_wave(wave, per_wave.line_of(wave), f"per_wave of case {case_id}")
        values = _need_mapping(values or LineDict(), manifest, per_wave.line_of(wave), f"per_wave {wave} of case {case_id}")
        rows.setdefault(wave, {"case_id": case_id, "wave_id": wave, "scheduled": True if planned is None else wave in planned})
        rows[wave].update({str(k): v for k, v in values.items()})
    order = {w["wave_id"]: w["order"] for w in waves}
    return sorted(rows.values(), key=lambda r: order.get(r["wave_id"], 0))


def _entries(data: LineDict, key: str, manifest: Path, what: str, keys: tuple[str, ...]) -> Iterator[tuple[int, LineDict, str]]:
    """(line, mapping, id) of each entry of the list under ``key``, its keys and id checked."""
    listed = _need_list(data.get(key), manifest, data.line_of(key), key)
    for index, entry in enumerate(listed):
        line = listed.lines[index]
        entry = _need_mapping(entry, manifest, line, what)
        check_keys(entry, keys, path=manifest, where=what, error=ManifestError)
        yield line, entry, _id(entry.get("id"), manifest, line, what)


def _actors(data: LineDict, manifest: Path, case_actors: list[dict[str, Any]], case_ids: set[str]) -> list[dict[str, Any]]:
    """The roster of people and organisations who are not cases."""
    known_actors = {a["actor_id"] for a in case_actors}
    actors = []
    for line, entry, actor_id in _entries(data, "actors", manifest, "an actor", _ACTOR_KEYS):
        if actor_id in known_actors:
            raise DuplicateIdError(f"actor id {actor_id!r} is already used by a case or another actor", path=manifest, line=line, hint="give each actor its own id")
        known_actors.add(actor_id)
        case = entry.get("case")
        if case is not None:
            case = _safe_id(case, manifest, entry.line_of("case"), f"the case of actor {actor_id!r}")
        if case is not None and case not in case_ids:
            raise UndeclaredIdError(f"actor {actor_id!r} names case {case!r}, which the manifest does not declare", path=manifest, line=entry.line_of("case"), hint="declare the case or remove 'case:'")
        actors.append(
            {
                "actor_id": actor_id,
                "name": str(entry.get("name") or actor_id),
                "kind": str(entry.get("kind") or "person"),
                "role": str(entry["role"]) if entry.get("role") is not None else None,
                "case_id": str(case) if case is not None else None,
                "aliases": _aliases(entry, manifest, line),
            }
        )
    return actors


def _segmentation_options(data: LineDict, manifest: Path) -> tuple[list[re.Pattern[str]], bool]:
    """(speaker patterns, dayfirst) of the 'segmentation:' section."""
    segmentation = data.get("segmentation") or LineDict()
    segmentation = _need_mapping(segmentation, manifest, data.line_of("segmentation"), "'segmentation'") if segmentation else LineDict()
    if segmentation:
        check_keys(segmentation, _SEGMENTATION_KEYS, path=manifest, where="'segmentation'", error=ManifestError)
    patterns_raw = segmentation.get("speaker_pattern")
    patterns = []
    if patterns_raw:
        for pattern in patterns_raw if isinstance(patterns_raw, list) else [patterns_raw]:
            patterns.append(_compile_pattern(str(pattern), manifest, segmentation.line_of("speaker_pattern")))
    dayfirst = segmentation.get("dayfirst", True)
    try:
        dayfirst = check_bool("dayfirst", dayfirst)
    except InvalidParameterError:
        raise ManifestError(
            f"'dayfirst' must be true or false, not {dayfirst!r}",
            path=manifest,
            line=segmentation.line_of("dayfirst"),
            hint="write  dayfirst: false  (no quotes) for month-first dates such as 05/03/2024 = 3 May",
        ) from None
    return patterns, dayfirst


#: Wave orders are small whole numbers; anything larger is a typo or worse.
_MAX_ORDER = 1_000_000


def _order(entry: LineDict, manifest: Path, line: int, wave_id: str) -> int:
    """A wave's ``order``: a whole number (not a string, a float, infinity or NaN)."""
    value = entry["order"]
    try:
        return int(check_number("order", written_number(value), integer=True, minimum=-_MAX_ORDER, maximum=_MAX_ORDER))
    except InvalidParameterError:
        raise ManifestError(
            f"wave {wave_id} order must be a whole number up to {_MAX_ORDER:,}, not {value!r}",
            path=manifest,
            line=entry.line_of("order") if isinstance(entry, LineDict) else line,
            hint="order the waves 1, 2, 3 …, or leave order out to keep the listed order",
        ) from None


def _aliases(entry: LineDict, manifest: Path, line: int) -> list[str]:
    """A case's or actor's ``aliases``: a list of names (one name alone is taken as a list of one)."""
    value = entry.get("aliases")
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(a, (str, int)) and not isinstance(a, bool) for a in value):
        raise ManifestError(
            f"'aliases' must be a list of names, not {value!r}",
            path=manifest,
            line=entry.line_of("aliases") if isinstance(entry, LineDict) else line,
            hint="write e.g.  aliases: [Jo, Joanne]",
        )
    return [str(a) for a in value]


def _responses(data: LineDict, manifest: Path) -> list[tuple[int, LineDict]]:
    """The 'responses:' entries (survey exports, read by :mod:`qlr.io._responses`), each a mapping with its line."""
    listed = _need_list(data.get("responses"), manifest, data.line_of("responses"), "responses")
    return [(listed.lines[index], _need_mapping(entry, manifest, listed.lines[index], "a responses entry")) for index, entry in enumerate(listed)]


def _document_entries(data: LineDict, manifest: Path, answered: bool = False, listed: list[ListedRows] | None = None) -> list[tuple[int, LineDict]]:
    """The 'documents:' entries, each a mapping with a path, with its line (none needed where 'responses:' lists exports);
    what each data list says beyond its rows' entries is added to ``listed``."""
    doc_list = _need_list(data.get("documents"), manifest, data.line_of("documents"), "documents")
    if not doc_list and not answered:
        raise ManifestError(
            "the manifest lists no documents",
            path=manifest,
            line=data.line,
            hint="add a 'documents:' list, e.g.  - path: interviews/*.txt  (or 'responses:' for a survey's export)",
        )
    entries: list[tuple[int, LineDict]] = []
    for index, entry in enumerate(doc_list):
        line = doc_list.lines[index]
        if isinstance(entry, str):
            mapped = LineDict(path=entry)
            mapped.line, mapped.lines = line, {"path": line}
            entry = mapped
        entry = _need_mapping(entry, manifest, line, "a document entry")
        if "list" in entry:
            # A deposit's data list: one entry per row (its file, case, wave, date), checked as any entry is.
            declared = [str(case["id"]) for case in data.get("cases") or () if isinstance(case, dict) and case.get("id") is not None]
            waves = [str(wave["id"] if isinstance(wave, dict) else wave) for wave in data.get("waves") or () if wave is not None and (not isinstance(wave, dict) or wave.get("id") is not None)]
            rows = list_entries(entry, line, manifest, cases_declared=bool(data.get("cases")), declared=declared, waves=waves)
            said = list(dict.fromkeys(name for kept in rows.others.values() for _, values in kept for name in values))
            if said and not data.get("cases"):
                # No cases declared: the list's other columns reach no case's attributes unless a template writes them.
                warn(
                    f"{manifest.parent / str(entry['list'])}: the data list's column(s) {', '.join(repr(name) for name in said)} are not read"
                    " (no case's attributes come from a list loaded directly). Fix: `qlr info --template` (this study.yaml set aside) writes them as the cases'"
                    " attributes and per-wave values in a study.yaml",
                    InferenceWarning,
                )
            entries += rows.entries
            if listed is not None:
                listed.append(rows)
            continue
        check_keys(entry, _DOC_KEYS, path=manifest, where="a document entry", error=ManifestError)
        if not entry.get("path"):
            raise ManifestError("a document entry has no 'path'", path=manifest, line=line, hint="give the file's path relative to the manifest, or a glob such as interviews/*.txt")
        _text(entry["path"], manifest, entry.line_of("path"), "a document's 'path'")
        entries.append((line, entry))
    return entries


def _documents(
    data: LineDict,
    manifest: Path,
    naming: tuple[str, re.Pattern[str]],
    check_wave: _WaveCheck,
    case_ids: set[str],
    stages: list[str] | None,
    answered: bool = False,
    taken: dict[str, int] | None = None,
    listed: list[ListedRows] | None = None,
    excluded: list[str] | None = None,
) -> tuple[list[_DocSpec], dict[str, int]]:
    """(the documents to read, {file key: manifest line}); explicit paths claim their files first, globs take what is
    left but the files ``excluded`` (the manifest's ``exclude:`` patterns) names."""
    entries = _document_entries(data, manifest, answered, listed)
    claimed: dict[str, int] = dict(taken or {})
    docs = [
        _doc_from_entry(file, entry, line, manifest, naming[1], naming[0], check_wave, case_ids, check_wave.wave_ids, stages)
        for line, entry, file in _claims(entries, manifest, claimed, excluded or [])
    ]
    return docs, claimed


def _claims(entries: list[tuple[int, LineDict]], manifest: Path, claimed: dict[str, int], excluded: list[str] = ()) -> Iterator[tuple[int, LineDict, Path]]:  # type: ignore[assignment]
    """Each file the entries name, with the entry that claims it: explicit paths first, then globs but for the files
    ``excluded`` names, each file once (``claimed`` grows)."""
    for explicit in (True, False):
        for line, entry in entries:
            is_glob = any(ch in str(entry["path"]) for ch in "*?[") and not (manifest.parent / str(entry["path"])).is_file()
            if is_glob == explicit:
                continue
            matches = _entry_files(entry, line, manifest, claimed)
            if not explicit:
                guides = _guides_matched(matches, entry, line, manifest, excluded)
                for guide in guides:
                    claimed[_key(guide)] = line  # said once, here, not again as a file no entry names
                matches = [file for file in matches if file not in guides]
            if "id" in entry and len(matches) > 1:
                raise ManifestError("'id' is set on an entry that matches several files", path=manifest, line=entry.line_of("id"), hint="list the files one by one, or drop 'id' to use the file names")
            for file in matches:
                if not explicit and file.is_relative_to(manifest.parent) and _is_excluded(file.relative_to(manifest.parent).as_posix(), excluded):
                    continue  # "*.txt" beside "exclude: [to do.txt]": left out on purpose
                claimed[_key(file)] = line
                yield line, entry, file


def _guides_matched(files: list[Path], entry: LineDict, line: int, manifest: Path, excluded: list[str]) -> list[Path]:
    """The interview guides among a pattern's matches (:func:`interview_guides`, as for a file no entry names), not to be
    read as its interviews: said with how to keep or leave each. A pattern of ``kind: document`` takes a guide as it
    takes any document."""
    if canonical_kind(str(entry.get("kind") or "interview")) == "document":
        return []
    root = manifest.parent
    named = {file.relative_to(root).as_posix(): file for file in files if file.is_relative_to(root)}
    guides = [name for name in interview_guides(root, list(named)) if not _is_excluded(name, excluded)]
    if not guides:
        return []
    it = "it" if len(guides) == 1 else "them"
    warn(
        f"{manifest}, line {line}: the pattern {str(entry['path'])!r} matches {len(guides)} interview guide(s), by name or "
        f"title, not loaded as the interviews of the pattern (the study's questions, no one's interview): {first_few(guides, shown=5)}. "
        f"Fix: to keep {it} with the study, add under documents:  {'  '.join(f'- {{path: {_quoted(name)}, kind: document}}' for name in guides[:5])};"
        f" to leave {it} out, add  exclude: [{', '.join(_quoted(name) for name in guides[:5])}]. Loading then says nothing of {it}",
        QlrWarning,
    )
    return [named[name] for name in guides]


def entries_of_files(manifest: Path) -> dict[str, dict[str, Any]]:
    """Each document file a manifest's ``documents:`` names (its path relative to the manifest's folder) → its entry
    as written, for a template that restates the manifest; empty if the manifest cannot be read so.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # loading the study said what there was to say
            data = read_yaml(manifest)
            if not isinstance(data, dict):
                return {}  # an empty study.yaml (the shell makes it before `qlr info --template > study.yaml` runs): nothing restated
            entries = _document_entries(data, manifest, answered=bool(data.get("responses")))
            claims = list(_claims(entries, manifest, {}))
    except (QlrError, OSError):
        return {}
    return {file.relative_to(manifest.parent).as_posix(): dict(entry) for _, entry, file in claims if file.is_relative_to(manifest.parent)}


def _globbed(pattern: str, root: Path) -> list[Path]:
    """The files a glob matches under ``root`` (or from its own anchor), in natural order: no hidden or lock files, none
    of qlr's own output."""
    base, relative = (Path(Path(pattern).anchor), str(Path(pattern).relative_to(Path(pattern).anchor))) if Path(pattern).is_absolute() else (root, pattern)
    return [p for p in natsorted(base.glob(relative), key=lambda p: p.as_posix()) if p.is_file() and not _skipped(p, p.parent) and not (p.is_relative_to(root) and _in_qlr_output(p, root))]


def _named_case_wave(file: Path, entry: LineDict, manifest: Path) -> dict[str, str] | None:
    """The case and wave a name of two parts gives ("C01_Wave1.txt", as a QDA tool's export names its documents), where
    the manifest should say ``naming: '{case}_{wave}'``: its second part reads as a wave, and so does every other file's
    the entry's pattern matches. "consent_form.txt" beside "P01_W1_interview.txt" is named no such way.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("C01_Wave1.txt", "C02_Wave1.txt", "consent_form.txt"):
    ...     _ = (root / name).write_text("Words.")
    >>> _named_case_wave(root / "C01_Wave1.txt", LineDict({"path": "C0*"}), root / "study.yaml")
    {'case': 'C01', 'wave': 'Wave1'}
    >>> _named_case_wave(root / "C01_Wave1.txt", LineDict({"path": "*.txt"}), root / "study.yaml") is None
    True
    """
    two = _match_name(file, _CASE_WAVE)
    if two is None or not reads_as_wave(two["wave"]):
        return None
    pattern = str(entry["path"])
    if any(ch in pattern for ch in "*?[") and not (manifest.parent / pattern).is_file():
        others = [other for other in _globbed(pattern, manifest.parent) if read_as_document(other) and other != file]
        if not all((parts := _match_name(other, _CASE_WAVE)) is not None and reads_as_wave(parts["wave"]) for other in others):
            return None
    return two


def _entry_files(entry: LineDict, line: int, manifest: Path, claimed: dict[str, int]) -> list[Path]:
    """The files one entry names: a path, or a glob's matches not claimed already."""
    root = manifest.parent
    pattern = str(entry["path"])
    # A path that names an existing file is that file, even with [ ] or * in its name.
    if any(ch in pattern for ch in "*?[") and not (root / pattern).is_file():
        found = _globbed(pattern, root)
        matches = [p for p in found if read_as_document(p)]
        # System files are no one's documents (lock files are skipped with hidden ones).
        unreadable = [
            p.name for p in found
            if not read_as_document(p) and _key(p) not in claimed and p.name.lower() not in ("thumbs.db", "desktop.ini") and _key(p) != _key(manifest)
        ]  # the manifest itself ("*.*" beside it) is no document
        if unreadable:
            # A file the manifest names but qlr cannot read is said, never dropped in silence.
            shown = first_few(unreadable, shown=5)
            warn(
                f"{manifest}, line {line}: the pattern {pattern!r} also matches {len(unreadable)} file(s) qlr cannot read, not loaded: {shown}. "
                f"Fix: save them as one of {', '.join(sorted(READERS))}",
                QlrWarning,
            )
        if not matches:
            raise ManifestError(f"the pattern {pattern!r} matches no readable file", path=manifest, line=line, hint=f"check the folder and extension; qlr reads {', '.join(sorted(READERS))}")
        return [p for p in matches if _key(p) not in claimed]
    target = root / pattern
    if not target.is_file():
        raise SourceNotFoundError(f"the document {pattern!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {root}")
    if _key(target) in claimed:
        raise DuplicateIdError(f"the document {pattern!r} is listed twice (first on line {claimed[_key(target)]})", path=manifest, line=line, hint="list each file once")
    return [target]


def _excluded(data: Any, manifest: Path) -> list[str]:
    """The manifest's ``exclude:`` patterns: files of the folder left out on purpose (a pilot, consent forms)."""
    given = data.get("exclude")
    if given is None:
        return []
    patterns = [given] if isinstance(given, str) else _need_list(given, manifest, data.line_of("exclude"), "exclude")
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern.strip():
            raise ManifestError(f"exclude: {pattern!r} is not a file name or pattern", path=manifest, line=data.line_of("exclude"), hint="list paths or glob patterns relative to the study folder, e.g. exclude: [pilot/*, consent_*.docx]")
    return [pattern.strip() for pattern in patterns]


def _unlisted(root: Path, claimed: dict[str, int], manifest: Path, excluded: list[str], *, lists: list[str] | None = None) -> list[str]:
    """The inference notes naming readable files the manifest leaves out (they are not loaded).

    Files the manifest neither lists nor excludes are data left out, most often added after the manifest was
    written (the next wave's transcripts beside a template's one entry per file): a warning, which ``-q`` does
    not hide and which makes ``qlr`` exit with status 3.  Files matching an ``exclude:`` pattern are left out on
    purpose and only noted. ``lists``: the data lists a folder with no ``study.yaml`` was read through (a deposit),
    which the warning names instead of a manifest that does not exist.
    """
    everything = natsorted(root.rglob("*"), key=lambda p: p.as_posix())
    unlisted = [
        p.relative_to(root).as_posix()
        for p in everything
        if p.is_file() and read_as_document(p) and _key(p) not in claimed and not _skipped(p, root)
    ]
    meant = [name for name in unlisted if _is_excluded(name, excluded)]
    collection = set(brat_texts(root, everything)) if unlisted else set()  # a brat collection's texts: said with its .ann files
    forgotten = [name for name in unlisted if name not in meant and name not in collection]
    notes = output_folders(root, everything) + files_not_read(root, everything)
    if meant:
        notes.append(f"{len(meant)} readable file(s) the manifest excludes were not loaded: {first_few(meant, shown=5)}")
    if forgotten and lists:
        shown = ", ".join(lists)
        notes.append(f"{len(forgotten)} readable file(s) in the folder are in none of its data lists and were not loaded: {first_few(forgotten, shown=5)}")
        warn(
            f"{root}: {len(forgotten)} readable file(s) in the folder are in none of its data lists ({shown}) and were not loaded: "
            f"{first_few(forgotten, shown=5)}. Fix: add a row for each to a data list, or write the folder's study.yaml "
            f"(`qlr info {root} --template > {root / MANIFEST_NAMES[0]}`) and add an entry for each",
            FilesNotLoadedWarning,
        )
    elif forgotten:
        # An interview guide is the study's questions, not a transcript forgotten: said apart, with the lines that keep
        # it as the study's document or leave it out, after which loading says nothing of it.
        guides = interview_guides(root, forgotten)
        forgotten = [name for name in forgotten if name not in guides]
        if forgotten:
            notes.append(f"{len(forgotten)} readable file(s) in the folder are not in the manifest and were not loaded: {first_few(forgotten, shown=5)}")
            warn(
                f"{manifest}: {len(forgotten)} readable file(s) in the folder are not listed under documents: and were not loaded: "
                f"{first_few(forgotten, shown=5)}. Fix: add an entry for each (or a pattern such as '*.txt'), or list them under exclude: "
                "if they are left out on purpose",
                FilesNotLoadedWarning,
            )
        if guides:
            notes.append(f"{len(guides)} interview guide(s) not in the manifest were not loaded: {first_few(guides, shown=5)}")
            warn(
                f"{manifest}: {len(guides)} interview guide(s), by name or title, are not listed under documents: and were not "
                f"loaded (the study's questions, no one's interview): {first_few(guides, shown=5)}. Fix: to keep {'it' if len(guides) == 1 else 'them'}"
                f" with the study, add under documents:  {'  '.join(f'- {{path: {_quoted(name)}, kind: document}}' for name in guides[:5])};"
                f" to leave {'it' if len(guides) == 1 else 'them'} out, add  exclude: [{', '.join(_quoted(name) for name in guides[:5])}]."
                " Loading then says nothing of it (`qlr info --template` lists a guide as the study's document)",
                FilesNotLoadedWarning,
            )
    return notes


def _quoted(name: str) -> str:
    """A path as study.yaml takes it in a flow mapping or list: in single quotes, a quote doubled.

    >>> _quoted("interviews/interview questions.md"), _quoted("Ann's guide.txt")
    ("'interviews/interview questions.md'", "'Ann''s guide.txt'")
    """
    return "'" + name.replace("'", "''") + "'"


def _is_excluded(name: str, excluded: list[str]) -> bool:
    """Whether a file (its path relative to the study folder) is one an ``exclude:`` pattern names."""
    return any(name == pattern or fnmatch(name, pattern) for pattern in excluded)



def _warn_without_wave(docs: list[_DocSpec], manifest: Path) -> None:
    """Say which of a case's documents have no wave: the case is then never seen at any wave."""
    from ..errors import QlrWarning

    lost = [doc for doc in docs if doc.case and not doc.wave]
    if not lost:
        return
    shown = first_few((doc.doc_id for doc in lost), shown=5)
    lines = [doc.line for doc in lost if doc.line]
    where = f"{manifest}:{min(lines)}" if lines else str(manifest)
    # Not a guess (-q shows it): the documents are read, but no analysis over time can use them.
    warn(
        f"{where}: {len(lost)} document(s) of a case have no wave, so no wave sees their case "
        f"(attrition says 'never seen', no change over time is measured): {shown}. Give each entry a 'wave:', "
        "or name the files {case}_{wave}_{kind}",
        QlrWarning,
    )


def _from_documents(
    docs: list[_DocSpec],
    waves: list[dict[str, Any]],
    cases: list[dict[str, Any]],
    actors: list[dict[str, Any]],
    inferred: list[str],
    answered_waves: list[str] | None = None,
    listed: ListedDesign | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], tuple[WaveOrder, str] | None]:
    """Cases and waves the manifest leaves out, taken from the documents (noted in ``inferred``), and how the waves'
    order was decided with the note that says it, where loading is to decide it again once headers date the documents.

    Waves of survey responses come in the order their files give them (REDCap's events are in the
    project's order, which natural order of their names is not), then a data list's waves in its order
    (by their dates, :func:`qlr.io._datalist.listed_design`) with their dates, before the other documents' waves,
    which are ordered by :func:`._sections.order_waves` (their entries' dates, else their names, else natural order).
    A participant a data list names in a row whose file is not deposited (withheld, withdrawn) stays a case.
    """
    decided = None
    if not waves:
        first = list(answered_waves or [])
        orders = ["the survey responses' order"] if first else []
        spans: dict[str, tuple[Any, Any]] = {}
        if listed is not None and listed.waves:
            first += [w for w in listed.waves if w not in first]
            orders.append(listed.order)
            spans = listed.spans
        dates: dict[str, list[Any]] = {}
        for doc in docs:
            if doc.wave and doc.date is not None:
                dates.setdefault(doc.wave, []).append(doc.date)
        ordered = order_waves(natsorted({d.wave for d in docs if d.wave} - set(first)), dates=dates)
        rest = ordered.waves
        found = first + rest
        waves = [{"wave_id": w, "order": i, "label": w, "start": spans.get(w, (None, None))[0], "end": spans.get(w, (None, None))[1]} for i, w in enumerate(found, 1)]
        if found:
            order = ", then ".join(orders + ([ordered.how.removeprefix("in ")] if rest or not orders else []))
            inferred.append(f"waves inferred from the documents, in {order}: {', '.join(found)}")
            decided = (ordered, "waves inferred from the documents") if not first else None
        if spans:
            dated = [f"{w} {spans[w][0]}" + (f" to {spans[w][1]}" if spans[w][1] != spans[w][0] else "") for w in found if w in spans]
            inferred.append(f"wave dates from the data list's rows (first to last): {'; '.join(dated)}")
    if not cases:
        kept = {case: waves_of for case, waves_of in (listed.absent if listed is not None else {}).items() if case not in {d.case for d in docs} | {c for d in docs for c in d.listed_cases}}
        if kept:
            inferred.append(
                f"{len(kept)} case(s) named only by data list rows whose file is not deposited, kept as cases absent at those waves: "
                + ", ".join(f"{case} ({', '.join(w)})" if w else f"{case} (no wave)" for case, w in natsorted(kept.items()))
            )
        found = natsorted({d.case for d in docs if d.case} | {c for d in docs for c in d.listed_cases} | set(listed.absent if listed is not None else ()))
        roles = listed.roles if listed is not None else {}
        cases = [{"case_id": c, "label": c, "role": roles.get(c)} for c in found]
        actors = [{"actor_id": c, "name": c, "kind": "person", "role": None, "case_id": c, "aliases": []} for c in found] + actors
        if found:
            inferred.append(f"cases inferred from the documents: {len(found)} ({', '.join(found[:8])}{'…' if len(found) > 8 else ''})")
    return waves, cases, actors, decided


#: What a ``codings:`` entry's ``unplaced:`` may say of codings whose words or offsets are not in the study.
UNPLACED = ("error", "warn")


def codings_entry(written: str, **options: str) -> str:
    """The ``codings:`` entry for a file, as a line to paste under ``codings:`` (its path as the manifest wrote it).

    Examples
    --------
    >>> codings_entry("coding/my_codings.csv", unplaced="warn")
    '- {path: coding/my_codings.csv, unplaced: warn}'
    >>> codings_entry("coding/mine, 2021.csv", unplaced="warn")
    "- {path: 'coding/mine, 2021.csv', unplaced: warn}"
    """
    import yaml

    entry = {"path": str(written), **options}
    return "- " + yaml.safe_dump(entry, default_flow_style=True, allow_unicode=True, width=1_000_000, sort_keys=False).strip()


def _coding_files(data: LineDict, manifest: Path) -> list[tuple[Path, int, str | None, bool, str]]:
    """The 'codings:' files, each with its manifest line, the coder its entry names (``- path: …`` with ``coder: …``),
    whether codings that cannot be placed are left out with a warning (``unplaced: warn``) rather than refused,
    and its path as the entry writes it (for a fix to quote back)."""
    coding_files = []
    listed = _need_list(data.get("codings"), manifest, data.line_of("codings"), "codings")
    for index, entry in enumerate(listed):
        line = listed.lines[index]
        coder, leave_out = None, False
        if isinstance(entry, Mapping) and "comments" in entry:
            continue  # the documents' own comments: read by _marked, once the documents are known
        if isinstance(entry, Mapping):
            entry = _need_mapping(entry, manifest, line, "a codings entry")
            check_keys(entry, ("path", "coder", "unplaced", "comments"), path=manifest, where="a codings entry", error=ManifestError)
            if not entry.get("path"):
                raise ManifestError("a codings entry has no 'path'", path=manifest, line=line, hint="write e.g.  - {path: Trust.txt, coder: rm}")
            coder = _text(entry["coder"], manifest, entry.line_of("coder"), "a codings entry's 'coder'").strip() if entry.get("coder") is not None else None
            if entry.get("unplaced") is not None:
                unplaced = str(entry["unplaced"]).strip().lower()
                if unplaced not in UNPLACED:
                    raise ManifestError(
                        f"a codings entry's 'unplaced' is {entry['unplaced']!r}",
                        path=manifest,
                        line=entry.line_of("unplaced"),
                        hint="use 'error' (the default: a file loads whole or not at all) or 'warn' (codings that cannot be placed are left out, each named)",
                    )
                leave_out = unplaced == "warn"
            entry = entry["path"]
        target = manifest.parent / str(entry)
        if not target.is_file():
            raise SourceNotFoundError(f"the codings file {str(entry)!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {manifest.parent}")
        coding_files.append((target, line, coder or None, leave_out, str(entry)))
    return coding_files


def _attribute_tables(data: LineDict, manifest: Path) -> list[tuple[Path, int, str | None]]:
    """The ``attributes:`` tables (a row per case, a column naming it, every other column one of its attributes: QDA
    Miner's variables exported to Excel, a team's sheet of participants), each with its manifest line and the column its
    entry names as the case's (``- {path: variables.xlsx, case: ID}``; None: the column whose values are the cases)."""
    tables = []
    listed = _need_list(data.get("attributes"), manifest, data.line_of("attributes"), "attributes")
    for index, entry in enumerate(listed):
        line, column = listed.lines[index], None
        if isinstance(entry, Mapping):
            entry = _need_mapping(entry, manifest, line, "an attributes entry")
            check_keys(entry, ("path", "case"), path=manifest, where="an attributes entry", error=ManifestError)
            if not entry.get("path"):
                raise ManifestError("an attributes entry has no 'path'", path=manifest, line=line, hint="write e.g.  - {path: variables.xlsx, case: ID}")
            column = _text(entry["case"], manifest, entry.line_of("case"), "an attributes entry's 'case'").strip() if entry.get("case") is not None else None
            entry = entry["path"]
        target = manifest.parent / str(entry)
        if not target.is_file():
            raise SourceNotFoundError(f"the attributes table {str(entry)!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {manifest.parent}")
        tables.append((target, line, column or None))
    return tables


def _marked(data: LineDict, manifest: Path, docs: list[_DocSpec]) -> list[_Marked]:
    """The ``codings:`` entries ``- comments: PATH or GLOB``: documents of the study whose own comments, highlights and PDF annotations are codings.

    Each must name documents the study reads (listed under ``documents:``, or found by name); ``colours:`` maps a
    highlight's colour to a code, ``coder:`` names who coded, ``coders:`` maps the names comments are signed with.
    """
    from ._annotations import colour_name

    entries: list[_Marked] = []
    listed = _need_list(data.get("codings"), manifest, data.line_of("codings"), "codings")
    by_file = {_key(doc.path): doc for doc in docs}
    for index, entry in enumerate(listed):
        if not (isinstance(entry, Mapping) and "comments" in entry):
            continue
        line = listed.lines[index]
        entry = _need_mapping(entry, manifest, line, "a codings entry")
        check_keys(entry, ("comments", "coder", "coders", "colours", "colors"), path=manifest, where="a codings entry with 'comments'", error=ManifestError)
        pattern = _text(entry["comments"], manifest, entry.line_of("comments"), "a codings entry's 'comments'").strip()
        root = manifest.parent
        files = {_key(root / pattern)} if (root / pattern).is_file() else {_key(p) for p in root.glob(pattern) if p.is_file()}
        named = {key for key in files if key in by_file}
        if not named:
            found = "matches no file" if not files else f"matches {len(files)} file(s), none of them a document of the study"
            raise ManifestError(
                f"the codings entry 'comments: {pattern}' {found}",
                path=manifest,
                line=entry.line_of("comments"),
                hint="name the coded documents as they are listed under 'documents:' (a path or a glob, relative to the manifest's folder), e.g.  - comments: interviews/*.docx",
            )
        coder = _text(entry["coder"], manifest, entry.line_of("coder"), "a codings entry's 'coder'").strip() or None if entry.get("coder") is not None else None
        coders: dict[str, str] = {}
        if entry.get("coders") is not None:
            mapping = _need_mapping(entry["coders"], manifest, entry.line_of("coders"), "'coders' (the names comments are signed with, each to a coder)")
            coders = {str(name).strip(): _text(who, manifest, mapping.line_of(name), f"the coder of {name!r}").strip() for name, who in mapping.items()}
        colours: dict[str, str] = {}
        key = "colours" if entry.get("colours") is not None else "colors"
        if entry.get(key) is not None:
            mapping = _need_mapping(entry[key], manifest, entry.line_of(key), f"'{key}' (each highlight colour to a code)")
            for colour, code in mapping.items():
                name = colour_name(str(colour))
                if name is None:
                    raise ManifestError(f"{colour!r} is no highlight colour", path=manifest, line=mapping.line_of(colour), hint="write a colour as Word names it (yellow, green, cyan, magenta, darkgreen…) or as hex, #ffff00")
                colours[name] = _text(code, manifest, mapping.line_of(colour), f"the code of {colour!r}").strip()
        entries.append(_Marked(pattern, line, named, coder, coders, colours))
    return entries


def _speaker_map(value: Any, manifest: Path | None, line: int, *, to_cases: dict[str, tuple[str, int, str]] | None = None) -> dict[str, str]:
    """Speaker labels (lower case) and their roles; a label given a case id instead (``Derek: C03``) is a participant
    whose turns in a conversation with no case are that case's, put in ``to_cases`` (label -> case, line, label as written)."""
    if not value:
        return {}
    if not isinstance(value, Mapping):
        raise ManifestError("'speakers' must map speaker labels to roles", path=manifest, line=line, hint="write e.g.  speakers: {Rachel: interviewer}")
    result = {}
    for label, role in value.items():
        at = value.line_of(label) if isinstance(value, LineDict) else line
        if isinstance(role, (list, dict)) or role is None:
            raise ManifestError(f"speaker {label!r} has no role or case", path=manifest, line=at, hint=f"use one of {', '.join(SPEAKER_ROLES)}, or a case id")
        keys = _label_keys(str(label))
        if str(role).lower() not in SPEAKER_ROLES and to_cases is not None:
            # Not a role: a case id, checked once the study's cases are known (_check_speaker_cases).
            whose = _safe_id(role, manifest, at, f"the case of speaker {label!r}")
            for key in keys:
                to_cases[key] = (whose, at, str(label))
                result[key] = "participant"
            continue
        role = str(role).lower()
        if role not in SPEAKER_ROLES:
            raise ManifestError(
                f"speaker {label!r} has the role {role!r}",
                path=manifest,
                line=at,
                hint=f"use one of {', '.join(SPEAKER_ROLES)}",
            )
        result.update(dict.fromkeys(keys, role))
    return result


def _label_keys(label: str) -> list[str]:
    """The keys a ``speakers:`` label is looked up by: itself in lower case, and a pseudonym in square brackets
    (``[Volunteer 2]``, as a deposit writes it) also as the name inside, since the transcript's ``[Volunteer 2]:``
    is read as the label ``Volunteer 2``."""
    key = label.lower()
    inner = re.fullmatch(r"\[([^\[\]]+)\]", key.strip())
    return [key, inner[1].strip()] if inner else [key]


def _speaker_case_mode(entry: LineDict, manifest: Path) -> str | None:
    """``speaker_cases:`` of the manifest or of a document entry: how a conversation with no case reads its speakers."""
    if "speaker_cases" not in entry:
        return None
    value = entry.get("speaker_cases")
    # YAML reads a bare off/no/false as False, and on/yes/true as True.
    mode = ("names" if value else "off") if isinstance(value, bool) else str(value).strip().lower()
    try:
        return str(check_choice("speaker_cases", mode, SPEAKER_CASE_MODES))
    except InvalidParameterError as exc:
        raise ManifestError(exc.message, path=manifest, line=entry.line_of("speaker_cases"), hint=exc.hint) from None


def _check_speaker_cases(study_wide: dict[str, tuple[str, int, str]], docs: list[_DocSpec], case_ids: set[str], manifest: Path) -> None:
    """Every case a speaker label is given names a case of the study (in a focus group, or a case's joint interview)."""
    given = [(label, case, line) for case, line, label in study_wide.values()]
    for doc in docs:
        given += [(label, case, line) for case, line, label in doc.case_lines.values()]
    for label, case, line in given:
        if case not in case_ids:
            close = closest(case, [*SPEAKER_ROLES, *sorted(case_ids)])
            raise UndeclaredIdError(
                f"speaker {label!r} has the role {case!r}, which is neither a role nor a case of the study",
                path=manifest,
                line=line,
                hint=f"use one of {', '.join(SPEAKER_ROLES)}, or a case id" + (f" (did you mean {close!r}?)" if close else ""),
            )


def _doc_from_entry(
    file: Path,
    entry: LineDict,
    line: int,
    manifest: Path,
    name_regex: re.Pattern[str],
    naming: str,
    check_wave: Any,
    case_ids: set[str],
    wave_ids: set[str],
    stages: Any,
) -> _DocSpec:
    parts = _match_name(file, name_regex) or {}
    if "kind" in entry and "case" not in entry and parts.get("case") not in case_ids:
        parts = {}  # study-level material (notes, documents) whose name merely looks like a convention
    case = entry.get("case", parts.get("case"))
    wave = entry.get("wave", parts.get("wave"))
    kind = canonical_kind(str(entry.get("kind") or parts.get("kind") or "interview"))
    shown = file.relative_to(manifest.parent).as_posix() if file.is_relative_to(manifest.parent) else str(file)
    if case is None and wave is None and not parts and "kind" not in entry:
        raise ManifestError(
            f"cannot tell the case and wave of {shown!r}: its name does not follow {naming!r} and the entry gives neither",
            path=manifest,
            line=line,
            hint="add 'case:' and 'wave:' (or 'kind:' for study-level material) to the entry, or rename the file"
            # A name of two parts ("C01_Wave1", as a QDA tool's export of documents names them) follows a naming of two.
            + (f"; its name reads as {{case}}_{{wave}} (case {two['case']!r}, wave {two['wave']!r}): write  naming: '{{case}}_{{wave}}'  at the top of study.yaml" if naming == DEFAULT_NAMING and (two := _named_case_wave(file, entry, manifest)) else ""),
        )
    if case is not None:
        case = _safe_id(case, manifest, entry.line_of("case") if "case" in entry else line, f"the case of document {shown!r}")
        if case_ids and case not in case_ids:
            raise UndeclaredIdError(
                f"document {shown!r} names case {case!r}, which the manifest does not declare",
                path=manifest,
                line=entry.line_of("case") if "case" in entry else line,
                hint="add the case under 'cases:' or correct the file name",
            )
    by_headings = str(entry.get("wave", "")).strip().lower() == "headings"
    by_dates = str(entry.get("wave", "")).strip().lower() == "dates"
    if by_headings or by_dates:
        wave = None  # each interview under a heading, or each wave's dated entries, read at its wave (_build._wave_parts)
    if by_dates and strategy_for(kind, entry.get("segment")) != "entries" and case is not None:
        # The study's records (no case: minutes, a newsletter) are read at the wave their date falls in (_build).
        raise ManifestError(
            f"document {shown!r} says 'wave: dates', which reads dated entries (a diary, notes) at their waves, or the "
            f"study's records (no case) at the wave their date falls in; it is kind {kind!r}, of case {case!r}",
            path=manifest,
            line=entry.line_of("wave"),
            hint="give its wave, or 'wave: headings' for a file of interviews each under a heading of its own",
        )
    if wave is not None:
        wave_line = entry.line_of("wave") if "wave" in entry else line
        wave = check_wave(_safe_id(wave, manifest, wave_line, f"the wave of document {shown!r}"), wave_line, f"document {shown!r}")
    stage = entry.get("stage")
    if stage is not None and stages and str(stage) not in stages:
        raise ManifestError(f"document {shown!r} has stage {stage!r}, not one of the manifest's stages", path=manifest, line=entry.line_of("stage"), hint=f"use one of {', '.join(map(str, stages))}")
    from ._tabular import table_options

    listed_cases = tuple(entry.get("listed_cases") or ())  # only a data list's row says it (_datalist.list_entries)
    for other in listed_cases:
        if case_ids and other not in case_ids:
            raise UndeclaredIdError(f"document {shown!r} names case {other!r}, which the manifest does not declare", path=manifest, line=line, hint="add the case under 'cases:' or correct the data list")
    segment = entry.get("segment")
    if segment is not None and segment not in _STRATEGIES:
        raise ManifestError(f"'segment: {segment}' is not a segmentation", path=manifest, line=entry.line_of("segment"), hint=f"use one of {', '.join(_STRATEGIES)}")
    return _DocSpec(
        path=file,
        doc_id=_safe_id(entry.get("id") or document_stem(file), manifest, entry.line_of("id") if "id" in entry else line, f"the id of document {shown!r}"),
        case=case,
        wave=wave,
        kind=kind,
        date=_as_date(entry.get("date", parts.get("date")), manifest, entry.line_of("date") if "date" in entry else line, f"document {shown!r} date"),
        stage=str(stage) if stage is not None else None,
        title=str(entry["title"]) if entry.get("title") else None,
        speakers=_speaker_map(entry.get("speakers"), manifest, entry.line_of("speakers"), to_cases=(own := {})),
        speaker_cases={label: case for label, (case, *_) in own.items()},
        case_lines=own,
        case_mode=_speaker_case_mode(entry, manifest),
        observer=str(entry["observer"]) if entry.get("observer") else None,
        segment=segment,
        line=line,
        by_headings=by_headings,
        by_dates=by_dates,
        table=table_options(entry, manifest, file),
        listed_cases=listed_cases,
    )
