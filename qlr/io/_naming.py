"""Naming conventions: ``{case}_{wave}_{kind}`` templates, and plans inferred from file names alone.

A folder without ``study.yaml`` (or a single file) is read by its names; a
manifest's ``naming:`` template is compiled here too, and so are the checks every
plan shares (two documents with one id, files qlr does not read).
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from natsort import natsorted

from ..errors import DuplicateIdError, ManifestError, ManifestNotFoundError
from ._plan import _DocSpec, _Plan
from ._readers import READERS

__all__ = ["DEFAULT_NAMING"]

DEFAULT_NAMING = "{case}_{wave}_{kind}"
_SKIP_NAMES = re.compile(r"^(readme|license|licence|changelog)(\..*)?$", re.IGNORECASE)


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
    repeated = sorted({f for f in fields if fields.count(f) > 1 and f != "any"})
    if repeated:
        raise ManifestError(
            f"the naming pattern {naming!r} uses {{{repeated[0]}}} twice",
            path=manifest,
            line=line,
            hint="name each field once; use {any} for a part to ignore",
        )
    if re.search(r"\}\{", naming):
        raise ManifestError(
            f"the naming pattern {naming!r} has two fields with nothing between them",
            path=manifest,
            line=line,
            hint="put the separator your file names use between them, e.g. '{case}_{wave}'",
        )
    regex = ""
    for literal, field_name in re.findall(r"([^{]*)(?:\{(\w+)\})?", naming):
        regex += re.escape(literal)
        if field_name == "any":  # a part to ignore, as often as the template says
            regex += r"(?:[^/]+?)"
        elif field_name:
            regex += rf"(?P<{field_name}>[^/]+?)"
    return re.compile(rf"^{regex}$")


def _match_name(path: Path, regex: re.Pattern[str]) -> dict[str, str] | None:
    match = regex.match(path.stem)
    return {k: v for k, v in match.groupdict().items() if v} if match else None


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
    # Hidden and private files, Office's lock files ("~$notes.docx", not a document), read-me files.
    return any(part.startswith((".", "_", "~$")) for part in relative.parts) or bool(_SKIP_NAMES.match(path.name))


#: Kinds of a wave's notes that name no case ("W1_fieldnotes.md", "W2_observation.md").
_NOTE_KINDS = ("fieldnotes", "notes", "observation", "observations", "diary")


def _plan_from_names(root: Path) -> _Plan:
    regex = _naming_regex(DEFAULT_NAMING, None, None)
    short = re.compile(r"^(?P<case>[^_]+)_(?P<wave>[^_]+)$")
    # "W1_fieldnotes.md": a wave's notes, of no one case (a kind word is never a wave).
    notes = re.compile(rf"^(?P<wave>[^_]+)_(?P<kind>{'|'.join(map(re.escape, _NOTE_KINDS))})$", re.IGNORECASE)
    files = [p for p in natsorted(root.rglob("*"), key=lambda p: p.as_posix()) if p.is_file() and p.suffix.lower() in READERS and not _skipped(p, root)]
    docs: list[_DocSpec] = []
    odd: list[str] = []
    for file in files:
        parts = _match_name(file, regex) or _match_name(file, notes) or _match_name(file, short)
        if not parts:
            odd.append(file.relative_to(root).as_posix())
            continue
        docs.append(_DocSpec(path=file, doc_id=file.stem, case=parts.get("case"), wave=parts["wave"], kind=parts.get("kind", "interview").lower()))
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
