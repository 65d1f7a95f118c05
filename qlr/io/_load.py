"""``qlr.load``: a study folder (with or without ``study.yaml``) or a file → Study.

The manifest format is documented in ``docs/study-folder.md``; in short::

    name: Carers into work
    waves:    [{id: W1, label: Wave 1, start: 2024-03-01, end: 2024-04-30}, …]
    roles:    {employer: {waves: [W1, W3]}}            # design: who is seen when
    cases:    [{id: C01, label: Asha, role: carer, attributes: {…}, per_wave: {W1: {…}}}, …]
    speakers: {Rachel: interviewer, Sam: interviewer}    # labels beyond the defaults
    documents:
      - path: interviews/*.txt                           # {case}_{wave}_{kind}.ext
      - {path: notes/W1_fieldnotes.md, kind: observation, wave: W1, observer: Sam}
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from natsort import natsort_keygen, natsorted

from .._ids import coding_id
from .._progress import track
from .._rows import append_rows, segment_for_spans
from .._tables import records_frame
from .._version import __version__
from .._yaml import LineDict, LineList, check_keys, need_list, need_mapping, read_yaml
from ..errors import (
    DuplicateIdError,
    EmptyDocumentWarning,
    ManifestError,
    ManifestNotFoundError,
    SourceNotFoundError,
    UndeclaredIdError,
)
from ._readers import READERS, SourceText, read_source
from ._segment import (
    SPEAKER_ROLES,
    Segment,
    Segmentation,
    segment_document,
    segment_rows,
    strategy_for,
    to_date,
)

__all__ = ["load", "MANIFEST_NAMES", "DEFAULT_NAMING", "manifest_template"]

MANIFEST_NAMES = ("study.yaml", "study.yml")
DEFAULT_NAMING = "{case}_{wave}_{kind}"

_TOP_KEYS = ("name", "description", "waves", "cases", "roles", "documents", "speakers", "segmentation", "naming", "actors", "stages", "codings")
_WAVE_KEYS = ("id", "label", "order", "start", "end", "date")
_CASE_KEYS = ("id", "label", "role", "attributes", "waves", "per_wave", "aliases")
_ROLE_KEYS = ("waves", "label")
_DOC_KEYS = ("path", "id", "case", "wave", "kind", "date", "stage", "title", "speakers", "observer", "segment")
_SEGMENTATION_KEYS = ("speaker_pattern", "dayfirst")
_ACTOR_KEYS = ("id", "name", "kind", "role", "case", "aliases")
_STRATEGIES = ("turns", "entries", "paragraphs")

_SKIP_NAMES = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.IGNORECASE)


@dataclass
class _DocSpec:
    """One document to read, with everything the manifest (or its name) says of it."""

    path: Path
    doc_id: str
    case: str | None
    wave: str | None
    kind: str
    date: date | None = None
    stage: str | None = None
    title: str | None = None
    speakers: dict[str, str] = field(default_factory=dict)
    observer: str | None = None
    segment: str | None = None
    line: int | None = None  # manifest line of the entry


@dataclass
class _Plan:
    name: str
    root: Path
    manifest: Path | None
    waves: list[dict[str, Any]]
    cases: list[dict[str, Any]]
    case_waves: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    docs: list[_DocSpec]
    speakers: dict[str, str]
    patterns: list[re.Pattern[str]]
    dayfirst: bool
    inferred: list[str]
    description: str | None = None
    stages: list[str] | None = None
    codings: list[tuple[Path, int]] = field(default_factory=list)


# ------------------------------------------------------------------ public entry
def load(
    path: str | Path,
    *,
    speaker_pattern: str | None = None,
    progress: bool | None = None,
) -> Any:
    """Load a study from a folder or a single file.

    Parameters
    ----------
    path : str or Path
        A folder holding ``study.yaml``; a ``study.yaml`` file; a folder without a
        manifest whose files are named ``{case}_{wave}_{kind}.ext`` (cases and waves
        are then inferred, and ``study.meta["inferred"]`` says what was guessed);
        or one document file.
    speaker_pattern : str, optional
        A regular expression for a house style of speaker labels, with a named
        group ``speaker`` (and optionally ``time``); it is tried before the
        built-in conventions.  Overrides the manifest's
        ``segmentation.speaker_pattern``.
    progress : bool, optional
        Show a progress bar; by default only on a terminal.

    Returns
    -------
    Study

    Raises
    ------
    ManifestNotFoundError
        The folder has no manifest and its files do not follow the naming convention.
    ManifestError
        The manifest is invalid (its subclasses name the problem: YAML syntax,
        undeclared case or wave, duplicate id).
    SourceNotFoundError
        A file the manifest lists does not exist.
    DecodingError, DocumentFormatError
        A document cannot be read.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> study.attrition().loc["C08", ["W1", "W2", "W3"]].tolist()
    ['present', 'missed', 'present']
    """
    source = Path(path)
    if not source.exists():
        raise SourceNotFoundError(
            "no such file or folder", path=source, hint="check the path (it is relative to the current folder)"
        )
    if source.is_file() and source.name in MANIFEST_NAMES:
        plan = _plan_from_manifest(source)
    elif source.is_dir():
        manifest = next((source / n for n in MANIFEST_NAMES if (source / n).is_file()), None)
        plan = _plan_from_manifest(manifest) if manifest else _plan_from_names(source)
    else:
        plan = _plan_single_file(source)
    if speaker_pattern is not None:
        plan.patterns = [_compile_pattern(speaker_pattern, None, None)]
    return _build(plan, progress)


# ---------------------------------------------------------------- the manifest
def _compile_pattern(pattern: str, manifest: Path | None, line: int | None) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, re.MULTILINE)
    except re.error as exc:
        raise ManifestError(
            f"the speaker pattern {pattern!r} is not a valid regular expression ({exc})",
            path=manifest,
            line=line,
            hint="test it in Python with re.compile()",
        ) from None
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
    return str(value).strip()


def _plan_from_manifest(manifest: Path) -> _Plan:
    data = read_yaml(manifest)
    root = manifest.parent
    if data is None:
        data = LineDict()
        data.line, data.lines = 1, {}
    data = _need_mapping(data, manifest, 1, "the manifest")
    check_keys(data, _TOP_KEYS, path=manifest, where="the manifest", error=ManifestError)
    inferred: list[str] = []

    # Waves
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
        when = _as_date(entry_map.get("date"), manifest, line, f"wave {wave_id} date")
        waves.append(
            {
                "wave_id": wave_id,
                "order": int(entry_map["order"]) if entry_map.get("order") is not None else index + 1,
                "label": str(entry_map.get("label") or wave_id),
                "start": _as_date(entry_map.get("start"), manifest, line, f"wave {wave_id} start") or when,
                "end": _as_date(entry_map.get("end"), manifest, line, f"wave {wave_id} end") or when,
            }
        )
    wave_ids = {w["wave_id"] for w in waves}

    def check_wave(wave_id: str, line: int, what: str) -> str:
        wave_id = str(wave_id)
        if wave_ids and wave_id not in wave_ids:
            raise UndeclaredIdError(
                f"{what} names wave {wave_id!r}, which the manifest does not declare",
                path=manifest,
                line=line,
                hint=f"declare it under 'waves:' or use one of {', '.join(sorted(wave_ids, key=natsort_keygen()))}",
            )
        return wave_id

    # Roles (design defaults)
    role_waves: dict[str, list[str]] = {}
    roles = data.get("roles") or LineDict()
    roles = _need_mapping(roles, manifest, data.line_of("roles"), "'roles'")
    for role, spec in roles.items():
        spec = _need_mapping(spec or LineDict(), manifest, roles.line_of(role), f"role {role!r}")
        check_keys(spec, _ROLE_KEYS, path=manifest, where=f"role {role!r}", error=ManifestError)
        if spec.get("waves") is not None:
            role_waves[str(role)] = [check_wave(w, spec.line_of("waves"), f"role {role!r}") for w in _need_list(spec["waves"], manifest, spec.line_of("waves"), "waves")]

    # Cases
    cases: list[dict[str, Any]] = []
    case_waves: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    seen = {}
    case_list = _need_list(data.get("cases"), manifest, data.line_of("cases"), "cases")
    for index, entry in enumerate(case_list):
        line = case_list.lines[index]
        entry = _need_mapping(entry, manifest, line, "a case")
        check_keys(entry, _CASE_KEYS, path=manifest, where="a case", error=ManifestError)
        case_id = _id(entry.get("id"), manifest, line, "a case")
        if case_id in seen:
            raise DuplicateIdError(f"case id {case_id!r} is declared twice (first on line {seen[case_id]})", path=manifest, line=line, hint="give each case its own id")
        seen[case_id] = line
        role = str(entry["role"]) if entry.get("role") is not None else None
        attributes = entry.get("attributes") or {}
        attributes = _need_mapping(attributes, manifest, entry.line_of("attributes"), f"attributes of case {case_id}") if attributes else {}
        row: dict[str, Any] = {"case_id": case_id, "label": str(entry.get("label") or case_id), "role": role}
        for key, value in attributes.items():
            if key in ("case_id", "label", "role"):
                raise ManifestError(f"attribute {key!r} of case {case_id} clashes with a built-in column", path=manifest, line=attributes.line_of(key), hint="rename the attribute")
            row[str(key)] = value
        cases.append(row)
        scheduled = entry.get("waves")
        if scheduled is not None:
            planned = [check_wave(w, entry.line_of("waves"), f"case {case_id}") for w in _need_list(scheduled, manifest, entry.line_of("waves"), "waves")]
        else:
            planned = role_waves.get(role or "")
        per_wave = entry.get("per_wave") or {}
        if per_wave:
            per_wave = _need_mapping(per_wave, manifest, entry.line_of("per_wave"), f"per_wave of case {case_id}")
        rows: dict[str, dict[str, Any]] = {}
        if planned is not None:
            for wave in wave_ids:
                rows[wave] = {"case_id": case_id, "wave_id": wave, "scheduled": wave in planned}
        for wave, values in per_wave.items():
            wave = check_wave(wave, per_wave.line_of(wave), f"per_wave of case {case_id}")
            values = _need_mapping(values or LineDict(), manifest, per_wave.line_of(wave), f"per_wave {wave} of case {case_id}")
            rows.setdefault(wave, {"case_id": case_id, "wave_id": wave, "scheduled": True if planned is None else wave in planned})
            rows[wave].update({str(k): v for k, v in values.items()})
        order = {w["wave_id"]: w["order"] for w in waves}
        case_waves.extend(sorted(rows.values(), key=lambda r: order.get(r["wave_id"], 0)))
        aliases = entry.get("aliases") or []
        actors.append({"actor_id": case_id, "name": row["label"], "kind": "person", "role": role, "case_id": case_id, "aliases": [str(a) for a in aliases]})
    case_ids = {c["case_id"] for c in cases}

    # Actors roster (people and organisations who are not cases)
    actor_list = _need_list(data.get("actors"), manifest, data.line_of("actors"), "actors")
    known_actors = {a["actor_id"] for a in actors}
    for index, entry in enumerate(actor_list):
        line = actor_list.lines[index]
        entry = _need_mapping(entry, manifest, line, "an actor")
        check_keys(entry, _ACTOR_KEYS, path=manifest, where="an actor", error=ManifestError)
        actor_id = _id(entry.get("id"), manifest, line, "an actor")
        if actor_id in known_actors:
            raise DuplicateIdError(f"actor id {actor_id!r} is already used by a case or another actor", path=manifest, line=line, hint="give each actor its own id")
        known_actors.add(actor_id)
        case = entry.get("case")
        if case is not None and str(case) not in case_ids:
            raise UndeclaredIdError(f"actor {actor_id!r} names case {case!r}, which the manifest does not declare", path=manifest, line=entry.line_of("case"), hint="declare the case or remove 'case:'")
        actors.append(
            {
                "actor_id": actor_id,
                "name": str(entry.get("name") or actor_id),
                "kind": str(entry.get("kind") or "person"),
                "role": str(entry["role"]) if entry.get("role") is not None else None,
                "case_id": str(case) if case is not None else None,
                "aliases": [str(a) for a in entry.get("aliases") or []],
            }
        )

    # Speakers and segmentation
    speakers = _speaker_map(data.get("speakers"), manifest, data.line_of("speakers"))
    segmentation = data.get("segmentation") or LineDict()
    segmentation = _need_mapping(segmentation, manifest, data.line_of("segmentation"), "'segmentation'") if segmentation else LineDict()
    if segmentation:
        check_keys(segmentation, _SEGMENTATION_KEYS, path=manifest, where="'segmentation'", error=ManifestError)
    patterns_raw = segmentation.get("speaker_pattern")
    patterns = []
    if patterns_raw:
        for pattern in patterns_raw if isinstance(patterns_raw, list) else [patterns_raw]:
            patterns.append(_compile_pattern(str(pattern), manifest, segmentation.line_of("speaker_pattern")))
    dayfirst = bool(segmentation.get("dayfirst", True))
    naming = str(data.get("naming") or DEFAULT_NAMING)
    name_regex = _naming_regex(naming, manifest, data.line_of("naming"))
    # Declared stages set their order in every analysis (design before outputs before
    # implementation), where undeclared ones would sort alphabetically.
    stages = [str(s) for s in _need_list(data.get("stages"), manifest, data.line_of("stages"), "stages")] if data.get("stages") is not None else None

    # Documents
    doc_list = _need_list(data.get("documents"), manifest, data.line_of("documents"), "documents")
    if not doc_list:
        raise ManifestError("the manifest lists no documents", path=manifest, line=data.line, hint="add a 'documents:' list, e.g.  - path: interviews/*.txt")
    entries: list[tuple[int, LineDict]] = []
    for index, entry in enumerate(doc_list):
        line = doc_list.lines[index]
        if isinstance(entry, str):
            mapped = LineDict(path=entry)
            mapped.line, mapped.lines = line, {"path": line}
            entry = mapped
        entry = _need_mapping(entry, manifest, line, "a document entry")
        check_keys(entry, _DOC_KEYS, path=manifest, where="a document entry", error=ManifestError)
        if not entry.get("path"):
            raise ManifestError("a document entry has no 'path'", path=manifest, line=line, hint="give the file's path relative to the manifest, or a glob such as interviews/*.txt")
        entries.append((line, entry))

    claimed: dict[str, int] = {}
    docs: list[_DocSpec] = []
    # Explicit paths claim their files first; globs then take what is left.
    for explicit in (True, False):
        for line, entry in entries:
            pattern = str(entry["path"])
            is_glob = any(ch in pattern for ch in "*?[")
            if is_glob == explicit:
                continue
            if is_glob:
                matches = [p for p in natsorted(root.glob(pattern), key=lambda p: p.as_posix()) if p.is_file() and p.suffix.lower() in READERS]
                if not matches:
                    raise ManifestError(f"the pattern {pattern!r} matches no readable file", path=manifest, line=line, hint=f"check the folder and extension; qlr reads {', '.join(sorted(READERS))}")
                matches = [p for p in matches if _key(p) not in claimed]
            else:
                target = root / pattern
                if not target.is_file():
                    raise SourceNotFoundError(f"the document {pattern!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {root}")
                if _key(target) in claimed:
                    raise DuplicateIdError(f"the document {pattern!r} is listed twice (first on line {claimed[_key(target)]})", path=manifest, line=line, hint="list each file once")
                matches = [target]
            if "id" in entry and len(matches) > 1:
                raise ManifestError("'id' is set on an entry that matches several files", path=manifest, line=entry.line_of("id"), hint="list the files one by one, or drop 'id' to use the file names")
            for file in matches:
                claimed[_key(file)] = line
                docs.append(_doc_from_entry(file, entry, line, manifest, name_regex, naming, check_wave, case_ids, wave_ids, stages))

    _check_duplicate_docs(docs, manifest)
    unlisted = [
        p.relative_to(root).as_posix()
        for p in natsorted(root.rglob("*"), key=lambda p: p.as_posix())
        if p.is_file() and p.suffix.lower() in READERS and _key(p) not in claimed and not _skipped(p, root)
    ]
    if unlisted:
        shown = ", ".join(unlisted[:5]) + (f" and {len(unlisted) - 5} more" if len(unlisted) > 5 else "")
        inferred.append(f"{len(unlisted)} readable file(s) in the folder are not in the manifest and were not loaded: {shown}")

    # Cases and waves the manifest leaves out are taken from the documents.
    if not waves:
        found = natsorted({d.wave for d in docs if d.wave})
        waves = [{"wave_id": w, "order": i, "label": w, "start": None, "end": None} for i, w in enumerate(found, 1)]
        if found:
            inferred.append(f"waves inferred from the documents, in natural order: {', '.join(found)}")
    if not cases:
        found = natsorted({d.case for d in docs if d.case})
        cases = [{"case_id": c, "label": c, "role": None} for c in found]
        actors = [{"actor_id": c, "name": c, "kind": "person", "role": None, "case_id": c, "aliases": []} for c in found] + actors
        if found:
            inferred.append(f"cases inferred from the documents: {len(found)} ({', '.join(found[:8])}{'…' if len(found) > 8 else ''})")

    coding_files = []
    listed = _need_list(data.get("codings"), manifest, data.line_of("codings"), "codings")
    for index, entry in enumerate(listed):
        line = listed.lines[index]
        target = root / str(entry)
        if not target.is_file():
            raise SourceNotFoundError(f"the codings file {str(entry)!r} does not exist", path=manifest, line=line, hint=f"check the path; it is relative to {root}")
        coding_files.append((target, line))

    return _Plan(
        codings=coding_files,
        name=str(data.get("name") or root.resolve().name),
        root=root,
        manifest=manifest,
        waves=waves,
        cases=cases,
        case_waves=case_waves,
        actors=actors,
        docs=docs,
        speakers=speakers,
        patterns=patterns,
        dayfirst=dayfirst,
        inferred=inferred,
        description=str(data["description"]).strip() if data.get("description") else None,
        stages=stages,
    )


def _speaker_map(value: Any, manifest: Path | None, line: int) -> dict[str, str]:
    if not value:
        return {}
    if not isinstance(value, Mapping):
        raise ManifestError("'speakers' must map speaker labels to roles", path=manifest, line=line, hint="write e.g.  speakers: {Rachel: interviewer}")
    result = {}
    for label, role in value.items():
        role = str(role).lower()
        if role not in SPEAKER_ROLES:
            raise ManifestError(
                f"speaker {label!r} has the role {role!r}",
                path=manifest,
                line=value.line_of(label) if isinstance(value, LineDict) else line,
                hint=f"use one of {', '.join(SPEAKER_ROLES)}",
            )
        result[str(label).lower()] = role
    return result


def _naming_regex(naming: str, manifest: Path | None, line: int | None) -> re.Pattern[str]:
    fields = re.findall(r"\{(\w+)\}", naming)
    unknown = [f for f in fields if f not in ("case", "wave", "kind", "any")]
    if unknown or "case" not in fields or "wave" not in fields:
        raise ManifestError(
            f"the naming pattern {naming!r} must use {{case}} and {{wave}} (and may use {{kind}})",
            path=manifest,
            line=line,
            hint="write it like '{case}_{wave}_{kind}'",
        )
    regex = ""
    for literal, field_name in re.findall(r"([^{]*)(?:\{(\w+)\})?", naming):
        regex += re.escape(literal)
        if field_name:
            regex += rf"(?P<{field_name}>[^/]+?)"
    return re.compile(rf"^{regex}$")


def _match_name(path: Path, regex: re.Pattern[str]) -> dict[str, str] | None:
    match = regex.match(path.stem)
    return {k: v for k, v in match.groupdict().items() if v} if match else None


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
    kind = str(entry.get("kind") or parts.get("kind") or "interview")
    shown = file.relative_to(manifest.parent).as_posix() if file.is_relative_to(manifest.parent) else str(file)
    if case is None and wave is None and not parts and "kind" not in entry:
        raise ManifestError(
            f"cannot tell the case and wave of {shown!r}: its name does not follow {naming!r} and the entry gives neither",
            path=manifest,
            line=line,
            hint="add 'case:' and 'wave:' (or 'kind:' for study-level material) to the entry, or rename the file",
        )
    if case is not None:
        case = str(case)
        if case_ids and case not in case_ids:
            raise UndeclaredIdError(
                f"document {shown!r} names case {case!r}, which the manifest does not declare",
                path=manifest,
                line=entry.line_of("case") if "case" in entry else line,
                hint="add the case under 'cases:' or correct the file name",
            )
    if wave is not None:
        wave = check_wave(wave, entry.line_of("wave") if "wave" in entry else line, f"document {shown!r}")
    stage = entry.get("stage")
    if stage is not None and stages and str(stage) not in stages:
        raise ManifestError(f"document {shown!r} has stage {stage!r}, not one of the manifest's stages", path=manifest, line=entry.line_of("stage"), hint=f"use one of {', '.join(map(str, stages))}")
    segment = entry.get("segment")
    if segment is not None and segment not in _STRATEGIES:
        raise ManifestError(f"'segment: {segment}' is not a segmentation", path=manifest, line=entry.line_of("segment"), hint=f"use one of {', '.join(_STRATEGIES)}")
    return _DocSpec(
        path=file,
        doc_id=str(entry.get("id") or file.stem),
        case=case,
        wave=wave,
        kind=kind,
        date=_as_date(entry.get("date"), manifest, entry.line_of("date"), f"document {shown!r} date"),
        stage=str(stage) if stage is not None else None,
        title=str(entry["title"]) if entry.get("title") else None,
        speakers=_speaker_map(entry.get("speakers"), manifest, entry.line_of("speakers")),
        observer=str(entry["observer"]) if entry.get("observer") else None,
        segment=segment,
        line=line,
    )


def _check_duplicate_docs(docs: list[_DocSpec], manifest: Path | None) -> None:
    first: dict[str, _DocSpec] = {}
    for doc in docs:
        if doc.doc_id in first:
            other = first[doc.doc_id]
            raise DuplicateIdError(
                f"two documents get the id {doc.doc_id!r}: {other.path} and {doc.path}",
                path=manifest or doc.path,
                line=doc.line,
                hint="give one of them an explicit 'id:' in the manifest, or rename a file",
            )
        first[doc.doc_id] = doc


def _key(path: Path) -> str:
    """A file's identity for "listed twice" checks; cheaper than Path.resolve()."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


def _skipped(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    return any(part.startswith((".", "_")) for part in relative.parts) or bool(_SKIP_NAMES.match(path.name))


# ------------------------------------------------------------ no manifest at all
def _plan_from_names(root: Path) -> _Plan:
    regex = _naming_regex(DEFAULT_NAMING, None, None)
    short = re.compile(r"^(?P<case>[^_]+)_(?P<wave>[^_]+)$")
    files = [p for p in natsorted(root.rglob("*"), key=lambda p: p.as_posix()) if p.is_file() and p.suffix.lower() in READERS and not _skipped(p, root)]
    docs: list[_DocSpec] = []
    odd: list[str] = []
    for file in files:
        parts = _match_name(file, regex) or _match_name(file, short)
        if not parts:
            odd.append(file.relative_to(root).as_posix())
            continue
        docs.append(_DocSpec(path=file, doc_id=file.stem, case=parts["case"], wave=parts["wave"], kind=parts.get("kind", "interview")))
    if not docs:
        example = files[0].name if files else "interview.txt"
        raise ManifestNotFoundError(
            f"this folder has no study.yaml manifest, and none of its {len(files)} readable file(s) is named "
            f"{{case}}_{{wave}}_{{kind}}.ext (e.g. {example!r})",
            path=root,
            hint=(
                "either rename the files like C01_W1_interview.txt, or write a study.yaml that lists waves, "
                "cases and documents (run `qlr info --template FOLDER` to get a starting manifest)"
            ),
        )
    _check_duplicate_docs(docs, None)
    waves_found = natsorted({d.wave for d in docs if d.wave})
    cases_found = natsorted({d.case for d in docs if d.case})
    inferred = [
        f"no study.yaml: read {len(docs)} file(s) named {{case}}_{{wave}}_{{kind}}",
        f"waves inferred, in natural order: {', '.join(waves_found)}",
        f"cases inferred: {len(cases_found)} ({', '.join(cases_found[:8])}{'…' if len(cases_found) > 8 else ''}); roles unknown",
        "write a study.yaml to set wave dates and labels, case roles and attributes, and which waves each case is planned for",
    ]
    if odd:
        shown = ", ".join(odd[:5]) + (f" and {len(odd) - 5} more" if len(odd) > 5 else "")
        inferred.append(f"{len(odd)} file(s) do not follow the naming convention and were not loaded: {shown}")
        warnings.warn(f"{root}: {len(odd)} file(s) not named {{case}}_{{wave}}_{{kind}} were skipped: {shown}", _inference_warning(), stacklevel=3)
    return _Plan(
        name=root.resolve().name,
        root=root,
        manifest=None,
        waves=[{"wave_id": w, "order": i, "label": w, "start": None, "end": None} for i, w in enumerate(waves_found, 1)],
        cases=[{"case_id": c, "label": c, "role": None} for c in cases_found],
        case_waves=[],
        actors=[{"actor_id": c, "name": c, "kind": "person", "role": None, "case_id": c, "aliases": []} for c in cases_found],
        docs=docs,
        speakers={},
        patterns=[],
        dayfirst=True,
        inferred=inferred,
    )


def _inference_warning() -> type[Warning]:
    from ..errors import InferenceWarning

    return InferenceWarning


def _plan_single_file(path: Path) -> _Plan:
    parts = _match_name(path, _naming_regex(DEFAULT_NAMING, None, None))
    case = parts["case"] if parts else path.stem
    wave = parts["wave"] if parts else "W1"
    kind = parts.get("kind", "interview") if parts else "interview"
    inferred = [f"single file: case {case!r}, wave {wave!r}, kind {kind!r}" + ("" if parts else " (the name does not follow {case}_{wave}_{kind})")]
    return _Plan(
        name=path.stem,
        root=path.parent,
        manifest=None,
        waves=[{"wave_id": wave, "order": 1, "label": wave, "start": None, "end": None}],
        cases=[{"case_id": case, "label": case, "role": None}],
        case_waves=[],
        actors=[{"actor_id": case, "name": case, "kind": "person", "role": None, "case_id": case, "aliases": []}],
        docs=[_DocSpec(path=path, doc_id=path.stem, case=case, wave=wave, kind=kind)],
        speakers={},
        patterns=[],
        dayfirst=True,
        inferred=inferred,
    )


# ------------------------------------------------------------------ reading
def _segmentation(doc: _DocSpec, source: SourceText, plan: _Plan) -> Segmentation:
    return segment_document(
        source.text,
        strategy=strategy_for(doc.kind, doc.segment),
        speakers={**plan.speakers, **doc.speakers},  # the document's own speakers win
        patterns=plan.patterns,
        dayfirst=plan.dayfirst,
        observer=doc.observer,
        turns=[Segment(t.start, t.end, t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] if source.turns is not None else None,
        bold_labels=source.bold_labels,
    )


def _build(plan: _Plan, progress: bool | None) -> Any:
    from ..study import Study

    documents: list[dict[str, Any]] = []
    segments: list[tuple[Any, ...]] = []
    notes = list(plan.inferred)
    # Documents in reading order: by case, then wave, then id; study-level material last.
    wave_order = {w["wave_id"]: w["order"] for w in plan.waves}
    key = natsort_keygen()
    plan.docs.sort(key=lambda d: (d.case is None, key(d.case or ""), wave_order.get(d.wave, 10**6), key(d.doc_id)))
    for doc in track(plan.docs, total=len(plan.docs), desc="Reading documents", progress=progress, unit="file"):
        source = read_source(doc.path)
        text = source.text
        if not text.strip():
            warnings.warn(f"{doc.path}: the document is empty; it is kept with no segments", EmptyDocumentWarning, stacklevel=3)
        found = _segmentation(doc, source, plan)
        if found.note:
            notes.append(f"{doc.doc_id}: {found.note}")
        segments.extend(segment_rows(doc.doc_id, text, found))
        try:
            source_name = doc.path.relative_to(plan.root).as_posix()
        except ValueError:
            source_name = str(doc.path)
        documents.append(
            {
                "doc_id": doc.doc_id,
                "case_id": doc.case,
                "wave_id": doc.wave,
                "kind": doc.kind,
                "date": doc.date,
                "stage": doc.stage,
                "title": doc.title or _first_line(text),
                "source": source_name,
                "format": source.format,
                "encoding": source.encoding,
                "sha256": source.sha256,
                "n_words": len(text.split()),
                "text": text,
            }
        )


    meta: dict[str, Any] = {"root": str(plan.root.resolve()), "inferred": notes, "speakers": plan.speakers}
    if plan.manifest is not None:
        meta["manifest"] = str(plan.manifest.resolve())
    if plan.description:
        meta["description"] = plan.description
    if plan.stages:
        meta["stages"] = plan.stages
    if plan.patterns:
        meta["speaker_patterns"] = [p.pattern for p in plan.patterns]
    study = Study(
        plan.name,
        cases=pd.DataFrame(plan.cases) if plan.cases else None,
        waves=pd.DataFrame(plan.waves) if plan.waves else None,
        case_waves=pd.DataFrame(plan.case_waves) if plan.case_waves else None,
        documents=pd.DataFrame(documents) if documents else None,
        segments=records_frame("segments", segments),
        actors=pd.DataFrame(plan.actors) if plan.actors else None,
        meta=meta,
    )
    study.record("load", {"path": str(plan.manifest or plan.root), "documents": len(documents), "qlr_version": __version__})
    for path, _ in plan.codings:
        _read_codings(study, path)
    return study


def _read_codings(study: Any, path: Path) -> None:
    """Add earlier human codings from a CSV (doc_id, code_id, coder, and quote or start/end)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    needed = {"doc_id", "code_id", "coder"}
    if not needed <= set(table.columns) or not ({"quote"} <= set(table.columns) or {"start", "end"} <= set(table.columns)):
        raise ManifestError(
            "a codings file needs the columns doc_id, code_id, coder and either quote or start and end",
            path=path,
            line=1,
            hint="write a header line such as: doc_id,quote,code_id,coder",
        )
    texts = dict(zip(study.documents["doc_id"], study.documents["text"].fillna("")))
    records = table.to_dict("records")
    starts, ends = [], []
    for line, row in enumerate(records, start=2):
        doc = row["doc_id"]
        if doc not in texts:
            raise ManifestError(f"row {line}: no document {doc!r} in the study", path=path, line=line, hint="use the document ids of study.documents")
        if row.get("quote"):
            occurrence = int(row.get("occurrence") or 1)
            start = -1
            for _ in range(occurrence):
                start = texts[doc].find(row["quote"], start + 1)
            if start < 0:
                raise ManifestError(f"row {line}: the quote is not in {doc!r}", path=path, line=line, hint="copy the words exactly from the transcript")
            end = start + len(row["quote"])
        else:
            start, end = int(row["start"]), int(row["end"])
        starts.append(start)
        ends.append(end)
    rows = pd.DataFrame(
        {
            "doc_id": table["doc_id"],
            "start": starts,
            "end": ends,
            "seg_id": segment_for_spans(study.segments, table["doc_id"], starts, ends),
            "code_id": table["code_id"],
            "coder": table["coder"],
            "origin": "human",
            # Empty cells (read as "") are missing values.
            **{column: table[column].replace("", None) for column in ("codebook", "codebook_version", "created") if column in table.columns},
        }
    )
    rows.insert(0, "coding_id", [coding_id("human", *span) for span in zip(rows["doc_id"], starts, ends, rows["code_id"], rows["coder"])])
    fresh = append_rows(study, "codings", rows, skip_existing=True)
    study.record("read codings", {"path": str(path), "codings": len(fresh)})


def _first_line(text: str) -> str | None:
    for line in text.split("\n", 5)[:5]:
        if line.strip():
            return line.strip().lstrip("#").strip()[:120]
    return None


def manifest_template(study: Any) -> str:
    """A ``study.yaml`` that states what qlr inferred for ``study``, to edit and keep.

    Examples
    --------
    >>> import qlr
    >>> text = qlr.io.manifest_template(sample)  # sample = qlr.load("data/sample")
    >>> print(text.splitlines()[0])
    # study.yaml: written by `qlr info --template`; edit, then keep it beside the files.
    >>> "- id: W1" in text
    True
    """
    import yaml

    data: dict[str, Any] = {"name": study.name, "waves": [], "cases": [], "documents": []}
    for wave in study.waves.itertuples():
        item: dict[str, Any] = {"id": wave.wave_id, "label": wave.label}
        if not pd.isna(wave.start):
            item["start"] = str(wave.start)[:10]
        if not pd.isna(wave.end):
            item["end"] = str(wave.end)[:10]
        data["waves"].append(item)
    for case in study.cases.itertuples():
        data["cases"].append({"id": case.case_id, "label": case.label, "role": case.role if not pd.isna(case.role) else "participant"})
    folders = natsorted({str(Path(s).parent.as_posix()) for s in study.documents["source"].dropna()})
    for folder in folders:
        suffixes = natsorted({Path(s).suffix for s in study.documents["source"].dropna() if Path(s).parent.as_posix() == folder})
        for suffix in suffixes:
            data["documents"].append({"path": f"{folder}/*{suffix}" if folder != "." else f"*{suffix}"})
    header = (
        "# study.yaml: written by `qlr info --template`; edit, then keep it beside the files.\n"
        "# Waves: add start/end dates. Cases: set role, attributes, and `waves:` for the waves\n"
        "# each case is planned for (so attrition is told from design). Documents: globs use\n"
        "# the {case}_{wave}_{kind} file names; add case:/wave:/kind: to entries that do not.\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
