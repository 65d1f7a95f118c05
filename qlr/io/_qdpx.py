"""REFI-QDA projects (``.qdpx``): import from NVivo, ATLAS.ti, MAXQDA, QualCoder; export.

Reading is defensive: ``.qdpx`` files come from other people.  The archive is read
in memory (nothing is extracted to disk), member names that would leave the
archive (``../``, absolute paths, drive letters) are refused, and so is an archive
whose declared or actual uncompressed size passes ``max_bytes``.  The XML is
parsed without DTD entities or external references.

Selection positions: the standard says Unicode code points from 0, but tools
differ — NVivo counts UTF-16 code units (a character outside the Basic
Multilingual Plane counts twice), ATLAS.ti counts a CRLF line break as one, and a
byte-order mark may or may not count.  For each source qlr tries every convention
and keeps the one under which the selections fit: inside the text, matching the
selection's own text where the file carries it, and otherwise starting and ending
at word boundaries.  Selections that fit no convention are not guessed at: they
are left out and listed, with their ids, in a warning.
"""

from __future__ import annotations

import io
import json
import os
import re
import uuid
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Mapping
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from .._decode import normalise_newlines
from .._ids import imported_id
from .._rows import segment_for_spans
from .._tables import records_frame
from .._version import __version__
from ..errors import DocumentFormatError, QdpxError, QlrWarning, SourceNotFoundError
from ._qdc import _MARK, _yaml_dump, build_codebook, codes_element, parse_xml
from ._segment import SPEAKER_ROLES, Segment, Segmentation, segment_document, segment_rows, strategy_for

__all__ = ["read_qdpx", "write_qdpx", "QdpxError", "MAX_QDPX_BYTES", "PROJECT_NAMESPACE", "CONVENTIONS"]

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
#: Largest total uncompressed size of an archive qlr reads (bytes); pass ``max_bytes`` to change it.
MAX_QDPX_BYTES = 1024 * 1024 * 1024
_QLR_SET = "qlr codebook"
_WAVE_SET = "Wave "


# ------------------------------------------------------------------ archive
def _safe_members(path: Path, max_bytes: int) -> dict[str, bytes]:
    """Every member of the archive, in memory, after the safety checks."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise QdpxError("this is not a .qdpx project (a .qdpx is a zip archive)", path=path, hint="export the project again from your QDA tool as REFI-QDA (.qdpx)")
    archive = zipfile.ZipFile(io.BytesIO(data))
    declared = 0
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise QdpxError(
                f"refused: the archive member {info.filename!r} would be written outside the project folder",
                path=path,
                hint="this file is not a genuine export; do not open it",
            )
        declared += info.file_size
    if declared > max_bytes:
        raise QdpxError(
            f"refused: the archive declares {declared:,} bytes uncompressed, over the limit of {max_bytes:,}",
            path=path,
            hint="if the project really is this large, pass max_bytes= with a higher limit",
        )
    members: dict[str, bytes] = {}
    total = 0
    try:
        for info in archive.infolist():
            if info.is_dir():
                continue
            members[info.filename.replace("\\", "/")] = _read_member(archive, info, path, max_bytes, total)
            total += len(members[info.filename.replace("\\", "/")])
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise QdpxError(f"the archive is damaged or its sizes are false ({exc})", path=path, hint="do not trust this file; export the project again") from None
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, max_bytes: int, total: int) -> bytes:
    """One member, counting the bytes actually produced against the limit (zip bombs)."""
    chunks = []
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise QdpxError(
                    f"refused: the archive expands past {max_bytes:,} bytes (its sizes are false: a zip bomb?)",
                    path=path,
                    hint="do not open this file; if it is genuine, pass max_bytes= with a higher limit",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _project_member(members: dict[str, bytes], path: Path) -> str:
    top = [n for n in members if "/" not in n and n.lower().endswith(".qde")]
    preferred = [n for n in top if n.lower() == "project.qde"]
    if preferred:
        return preferred[0]
    if len(top) == 1:
        return top[0]
    raise QdpxError(
        "the archive holds no project.qde" if not top else f"the archive holds several .qde files ({', '.join(top)})",
        path=path,
        hint="a .qdpx holds one project.qde and its sources; export it again",
    )


# ------------------------------------------------------------------ offsets
def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start : start + 1], text[end - 1 : end]
    return not (before.isalnum() and first.isalnum()) and not (after.isalnum() and last.isalnum())


class _Offsets:
    """Maps positions in each convention to offsets in the stored (LF) text."""

    def __init__(self, raw: str, had_bom: bool) -> None:
        self.raw = raw
        self.stored = normalise_newlines(raw)
        self.had_bom = had_bom
        # raw code point index → stored index (a CRLF's CR maps onto its LF)
        lf_removed = np.zeros(len(raw) + 1, dtype=np.int64)
        crlf = [m.start() for m in re.finditer("\r\n", raw)]
        for position in crlf:
            lf_removed[position + 1 :] += 1
        self._raw_to_stored = np.arange(len(raw) + 1, dtype=np.int64) - lf_removed
        # UTF-16 unit index → code point index, on the raw and the stored text
        self._u16_raw = self._utf16_table(raw)
        self._u16_stored = self._utf16_table(self.stored)

    @staticmethod
    def _utf16_table(text: str) -> dict[int, int]:
        widths = np.fromiter((2 if ord(ch) > 0xFFFF else 1 for ch in text), dtype=np.int64, count=len(text))
        units = np.concatenate([[0], np.cumsum(widths)])
        return {int(u): i for i, u in enumerate(units)}

    def convert(self, convention: str, position: int) -> int | None:
        if self.had_bom and convention.endswith("+bom"):
            position -= 1
        base = convention.removesuffix("+bom")
        if position < 0:
            return None
        if base == "code points":
            return int(self._raw_to_stored[position]) if position <= len(self.raw) else None
        if base == "code points, CRLF as one":
            return position if position <= len(self.stored) else None
        if base == "utf-16":
            index = self._u16_raw.get(position)
            return int(self._raw_to_stored[index]) if index is not None else None
        if base == "utf-16, CRLF as one":
            return self._u16_stored.get(position)
        raise ValueError(convention)


#: The position conventions tried, the standard's first (it wins ties).
CONVENTIONS = ("code points", "code points, CRLF as one", "utf-16", "utf-16, CRLF as one")


def _conventions(had_bom: bool) -> list[str]:
    names = list(CONVENTIONS)
    if had_bom:
        names += [f"{n}+bom" for n in CONVENTIONS]
    return names


def _same_text(span: str, quoted: str) -> bool:
    """Does the selection's own text match the span (some tools store a truncated quotation)?"""
    span, quoted = " ".join(span.split()), " ".join(quoted.split())
    return span == quoted or (len(quoted) >= 30 and span.startswith(quoted.rstrip(".… ")))


def _place(offsets: _Offsets, selections: list[dict[str, Any]]) -> tuple[str | None, dict[str, tuple[int, int]], list[str]]:
    """Choose a convention for one source and place its selections; return (convention, placed, unplaced ids)."""
    best: tuple[tuple[int, int, int, int], str] | None = None
    for rank, convention in enumerate(_conventions(offsets.had_bom)):
        inside = matched = boundaries = 0
        for sel in selections:
            start, end = offsets.convert(convention, sel["start"]), offsets.convert(convention, sel["end"])
            if start is None or end is None or end < start:
                continue
            inside += 1
            quoted = sel.get("text")
            if quoted and _same_text(offsets.stored[start:end], quoted):
                matched += 1
            elif end > start and _boundary(offsets.stored, start, end):
                boundaries += 1
        score = (inside, matched, boundaries, -rank)
        if best is None or score > best[0]:
            best = (score, convention)
    chosen = best[1] if best else None
    placed: dict[str, tuple[int, int]] = {}
    unplaced: list[str] = []
    for sel in selections:
        candidates = [chosen] + [c for c in _conventions(offsets.had_bom) if c != chosen] if chosen else []
        spot = None
        for convention in candidates:
            start, end = offsets.convert(convention, sel["start"]), offsets.convert(convention, sel["end"])
            if start is None or end is None or end < start:
                continue
            quoted = sel.get("text")
            if quoted:
                if _same_text(offsets.stored[start:end], quoted):
                    spot = (start, end)
                    break
                continue  # the file says what the selection holds, and this is not it
            if convention == chosen:
                spot = (start, end)
                break
        if spot is None:
            unplaced.append(sel["guid"])
        else:
            placed[sel["guid"]] = spot
    return chosen, placed, unplaced


# ------------------------------------------------------------------ reading
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _guid_key(guid: str | None) -> str:
    return (guid or "").strip("{}").lower()


def _slugify(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "source"


def _variable_value(element: ET.Element, ns: str) -> Any:
    for child in element:
        tag = _local(child.tag)
        if tag == "VariableRef":
            continue
        text = child.text
        if text is None:
            return None
        if tag == "IntegerValue":
            return int(text)
        if tag == "FloatValue":
            return float(text)
        if tag == "BooleanValue":
            return text.strip().lower() == "true"
        if tag == "DateValue":
            return date.fromisoformat(text.strip()[:10])
        return text
    return None


def _qlr_block(element: ET.Element | None, ns: str, path: Path) -> tuple[str, dict[str, Any]]:
    """(readable description, qlr's own fields) of an element's Description."""
    from .._yaml import parse_yaml

    if element is None:
        return "", {}
    text = element.findtext(f"{ns}Description") or ""
    readable, _, machine = text.partition(_MARK)
    data = parse_yaml(machine, path) if machine.strip() else {}
    return readable.strip(), dict(data or {})


def read_qdpx(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a REFI-QDA project (``.qdpx``, or a bare ``.qde``) as a Study.

    Parameters
    ----------
    path : str or PathLike
        The exported project.
    wave : str, mapping or path, optional
        Where each source's wave comes from:

        * ``"variable:NAME"`` — the source's variable ``NAME`` or, failing that, its case's;
        * ``"set"`` — the set each source belongs to (``"set:REGEX"``: only sets whose name matches);
        * ``"pattern:REGEX"`` — a regular expression on the source name, group ``wave`` (or the first group);
        * a mapping ``{source name: wave}``, or the path of a CSV file with columns ``source`` and ``wave``.

        By default: the wave qlr itself wrote, else one wave ``W1`` (noted in ``study.meta``).
    case : str or mapping, optional
        ``"pattern:REGEX"`` (group ``case``) or ``{source name: case}``; by default
        the project's cases (a source belongs to the case that refers to it).
    kind : str, mapping or path, optional
        Each source's kind of document (``interview``, ``observation``, …), which
        decides its segmentation as in a manifest (observation notes, field notes
        and diaries by dated entries): ``"pattern:REGEX"`` (group ``kind``),
        ``{source name: kind}`` or a CSV with columns ``source`` and ``kind``.
        By default the kind qlr wrote, else ``interview``.
    speakers : mapping, optional
        Speaker label → role (``interviewer``, ``participant``, ``observer``,
        ``other``), as a manifest's ``speakers:`` gives it.  Sources whose
        segments qlr wrote keep them; the others are segmented here by
        :func:`qlr.io._segment.segment_document`, the function
        :func:`qlr.load` uses, so a transcript gets the same segments and roles
        from a folder and from a project.
    max_bytes : int
        Refuse archives that expand beyond this many bytes.

    Returns
    -------
    Study
        Codings have origin ``import`` and the coder's name from the project's
        users.  ``study.meta["import"]`` reports, per source, the position
        convention found and how many selections were placed.

    Raises
    ------
    QdpxError
        Unsafe or inconsistent archive (path traversal, size over the limit,
        duplicate GUIDs, no project file).
    CodebookError
        Unsafe XML (entities, external references) or a broken code tree.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> study = qlr.load("data/sample").sel(case=["C01", "C02"]).apply("coproduction")
    >>> path = os.path.join(tempfile.mkdtemp(), "carers.qdpx")
    >>> qlr.io.write_qdpx(study, path)
    >>> back = qlr.io.read_qdpx(path)
    >>> len(back.codings) == len(study.codings), list(back.waves["wave_id"])
    (True, ['W1', 'W2', 'W3'])
    """
    source_path = Path(path)
    if not source_path.is_file():
        raise SourceNotFoundError("no such project file", path=source_path, hint="check the path to the exported .qdpx")
    head = source_path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"<"):
        members: dict[str, bytes] = {}
        project_xml = source_path.read_bytes()
    else:
        members = _safe_members(source_path, max_bytes)
        project_xml = members[_project_member(members, source_path)]
    root = parse_xml(project_xml, source_path)
    if _local(root.tag) != "Project":
        raise QdpxError(f"the root element is <{_local(root.tag)}>, not <Project>", path=source_path, hint="is this a codebook (.qdc)? read it with qlr.read_codebook")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    ns = f"{{{namespace}}}" if namespace else ""
    roles = {}
    for label, given in (speakers or {}).items():
        role = str(given).lower()
        if role not in SPEAKER_ROLES:
            raise QdpxError(f"speaker {label!r} has the role {role!r}", hint=f"use one of {', '.join(SPEAKER_ROLES)}")
        roles[str(label).lower()] = role
    notes_lenient: list[str] = []
    return _Importer(source_path, root, ns, members, wave, case, notes_lenient, kind=kind, speakers=roles).study()


class _Importer:
    def __init__(
        self, path: Path, root: ET.Element, ns: str, members: dict[str, bytes], wave: Any, case: Any, notes: list[str], *, kind: Any = None, speakers: dict[str, str] | None = None
    ) -> None:
        self.path, self.root, self.ns, self.members = path, root, ns, members
        self.wave_rule, self.case_rule, self.kind_rule, self.notes = wave, case, kind, notes
        self.speakers = speakers or {}
        self.report: dict[str, Any] = {"sources": {}, "selections": 0, "placed": 0, "unplaced": [], "segmentation": []}
        self._note_targets: dict[str, tuple[str, str]] = {}
        self.seen_guids: dict[str, str] = {}

    def _register(self, guid: str | None, what: str) -> str:
        key = _guid_key(guid)
        if not key:
            raise QdpxError(f"a <{what}> has no guid", path=self.path, hint="the export is damaged; export it again")
        if key in self.seen_guids:
            raise QdpxError(f"the guid {guid} is used twice (by a <{self.seen_guids[key]}> and a <{what}>)", path=self.path, hint="the export is inconsistent; export it again")
        self.seen_guids[key] = what
        return key

    def _member(self, internal: str) -> bytes | None:
        if not internal.startswith("internal://"):
            return None
        name = internal[len("internal://") :]
        for folder in ("sources/", "Sources/", ""):
            if folder + name in self.members:
                return self.members[folder + name]
        lowered = {k.lower(): k for k in self.members}
        key = lowered.get(("sources/" + name).lower())
        return self.members[key] if key else None

    def study(self) -> Any:
        from ..study import Study

        ns = self.ns
        users = {}
        for user in self.root.iter(f"{ns}User"):
            users[_guid_key(user.get("guid"))] = user.get("name") or user.get("id") or user.get("guid")
            self._register(user.get("guid"), "User")

        # Codebook(s): qlr's own sets carry each codebook's name, version, ladder and lineage.
        metas: dict[str, dict[str, Any]] = {}
        for item in self.root.iter(f"{ns}Set"):
            if (item.get("name") or "").startswith(_QLR_SET):
                _, meta = _qlr_block(item, ns, self.path)
                metas[str(meta.get("id", ""))] = meta
        codes_node = self.root.find(f"{ns}CodeBook/{ns}Codes")
        codebooks: dict[str, Any] = {}
        code_of_guid: dict[str, str] = {}
        if codes_node is not None:
            for code in codes_node.iter(f"{ns}Code"):
                self._register(code.get("guid"), "Code")
            codebooks, code_of_guid = self._codebooks(codes_node, metas)

        variables = {}
        for variable in self.root.iter(f"{ns}Variable"):
            key = self._register(variable.get("guid"), "Variable")
            name = variable.get("name") or key
            # NVivo names a classification's attribute "Classification:Attribute".
            variables[key] = name.split(":", 1)[1] if ":" in name and not name.startswith("qlr") else name

        documents, codings = [], []
        source_case: dict[str, str] = {}
        source_values: dict[str, dict[str, Any]] = {}
        source_names: dict[str, str] = {}
        used_ids: set[str] = set()
        notes_on: dict[str, list[str]] = {}
        note_elements = set(self.root.iter(f"{ns}Note"))
        for source in [s for s in self.root.iter(f"{ns}TextSource") if s not in note_elements]:
            guid = self._register(source.get("guid"), "TextSource")
            name = source.get("name") or guid
            readable, block = _qlr_block(source, ns, self.path)
            raw, had_bom = self._source_text(source, name)
            if raw is None:
                continue
            doc_id = str(block.get("doc_id") or _slugify(name))
            while doc_id in used_ids:
                doc_id += "_"
            used_ids.add(doc_id)
            source_names[guid] = name
            values = {variables.get(_guid_key(v.find(f"{ns}VariableRef").get("targetGUID")) if v.find(f"{ns}VariableRef") is not None else "", "?"): _variable_value(v, ns) for v in source.findall(f"{ns}VariableValue")}
            source_values[guid] = values
            offsets = _Offsets(raw, had_bom)
            text = offsets.stored
            selections = []
            for sel in source.findall(f"{ns}PlainTextSelection"):
                sel_guid = self._register(sel.get("guid"), "PlainTextSelection")
                try:
                    start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                except ValueError:
                    raise QdpxError(f"selection {sel.get('guid')} has no valid startPosition/endPosition", path=self.path, hint="the export is damaged") from None
                quoted = sel.get("name") or None
                selections.append({"guid": sel_guid, "start": start, "end": end, "text": quoted, "element": sel})
            convention, placed, unplaced = _place(offsets, selections) if selections else (None, {}, [])
            self.report["sources"][name] = {"convention": convention, "selections": len(selections), "placed": len(placed)}
            self.report["selections"] += len(selections)
            self.report["placed"] += len(placed)
            self.report["unplaced"] += unplaced
            for sel in selections:
                if sel["guid"] not in placed:
                    continue
                start, end = placed[sel["guid"]]
                for coding in sel["element"].findall(f"{ns}Coding"):
                    codings.append(self._coding(coding, doc_id, start, end, users, code_of_guid))
            for coding in source.findall(f"{ns}Coding"):  # a code applied to the whole source
                codings.append(self._coding(coding, doc_id, 0, len(text), users, code_of_guid))
            for ref in source.iter(f"{ns}NoteRef"):
                notes_on.setdefault(_guid_key(ref.get("targetGUID")), []).append(doc_id)
            documents.append(
                {
                    "guid": guid,
                    "doc_id": doc_id,
                    "name": name,
                    "kind": block.get("kind") or "interview",
                    "date": block.get("date"),
                    "stage": block.get("stage"),
                    "title": block.get("title") or readable or name,
                    "source": block.get("source") or name,
                    "format": block.get("format") or "txt",
                    "encoding": block.get("encoding"),
                    "sha256": block.get("sha256"),
                    "text": text,
                    "segments": block.get("segments"),
                    "case_id": block.get("case_id"),
                    "wave_id": block.get("wave_id"),
                }
            )
        for kind in ("PictureSource", "PDFSource", "AudioSource", "VideoSource"):
            count = sum(1 for _ in self.root.iter(f"{ns}{kind}"))
            if count:
                self.notes.append(f"{count} {kind} element(s) not imported: qlr reads text sources")

        # Cases and their attributes.
        cases: list[dict[str, Any]] = []
        case_waves: list[dict[str, Any]] = []
        for element in self.root.iter(f"{ns}Case"):
            guid = self._register(element.get("guid"), "Case")
            _, block = _qlr_block(element, ns, self.path)
            case_id = str(block.get("case_id") or element.get("name") or guid)
            row = {"case_id": case_id, "label": block.get("label") or element.get("name") or case_id, "role": block.get("role")}
            for value in element.findall(f"{ns}VariableValue"):
                ref = value.find(f"{ns}VariableRef")
                name = variables.get(_guid_key(ref.get("targetGUID")) if ref is not None else "", None)
                if name is None:
                    warnings.warn(f"{self.path}: case {case_id!r} refers to an undeclared variable; value ignored", QlrWarning, stacklevel=4)
                    continue
                if name == "Wave" and block:
                    continue
                row[name] = _variable_value(value, ns)
            for ref in element.findall(f"{ns}SourceRef"):
                source_case[_guid_key(ref.get("targetGUID"))] = case_id
            for design in block.get("waves") or []:
                case_waves.append({"case_id": case_id, **dict(design)})
            cases.append(row)
        known_sources = {d["guid"] for d in documents}
        dangling = [g for g in source_case if g not in known_sources and g not in self.seen_guids]
        if dangling:
            warnings.warn(f"{self.path}: cases refer to sources that are not in the project: {', '.join(dangling[:5])}", QlrWarning, stacklevel=4)

        sets: dict[str, list[str]] = {}
        for item in self.root.iter(f"{ns}Set"):
            name = item.get("name") or ""
            if name.startswith(_QLR_SET):
                continue
            sets[name] = [_guid_key(m.get("targetGUID")) for m in item.findall(f"{ns}MemberSource")]

        # Waves and cases per document.
        waves_of = self._waves(documents, source_values, source_case, cases, sets)
        cases_of = self._cases(documents, source_case)
        kinds_of = self._rule_value(self.kind_rule, documents, "kind") if self.kind_rule is not None else None
        if self.kind_rule is not None and kinds_of is None:
            raise QdpxError(f"cannot read kind={self.kind_rule!r}", path=self.path, hint="use 'pattern:REGEX', a mapping or a CSV path")
        for doc in documents:
            doc["wave_id"] = waves_of.get(doc["guid"])
            doc["case_id"] = cases_of.get(doc["guid"])
            doc["kind"] = (kinds_of or {}).get(doc["guid"], doc["kind"])
        known_cases = {c["case_id"] for c in cases}
        for doc in documents:
            if doc["case_id"] and doc["case_id"] not in known_cases:
                cases.append({"case_id": doc["case_id"], "label": doc["case_id"], "role": None})
                known_cases.add(doc["case_id"])

        for element in self.root.iter(f"{ns}Code"):
            for ref in element.findall(f"{ns}NoteRef"):
                code_id = code_of_guid.get(_guid_key(element.get("guid")))
                if code_id:
                    self._note_targets.setdefault(_guid_key(ref.get("targetGUID")), ("code", code_id))
        for ref in self.root.findall(f"{ns}NoteRef"):
            self._note_targets.setdefault(_guid_key(ref.get("targetGUID")), ("study", "project"))
        memos = self._memos(users, notes_on)
        wave_rows = self._wave_table(documents)
        segments = records_frame("segments", self._segments(documents))
        if codings:
            found = segment_for_spans(segments, [c["doc_id"] for c in codings], [c["start"] for c in codings], [c["end"] for c in codings])
            for coding, seg_id in zip(codings, found.to_numpy(dtype=object, na_value=None)):
                coding["seg_id"] = seg_id
        if self.report["unplaced"]:
            shown = ", ".join(self.report["unplaced"][:20])
            warnings.warn(
                f"{self.path}: {len(self.report['unplaced'])} of {self.report['selections']} selections fit no position convention and were not imported: {shown}",
                QlrWarning,
                stacklevel=3,
            )
        if self.notes:
            warnings.warn(f"{self.path}: " + "; ".join(self.notes), QlrWarning, stacklevel=3)
        study = Study(
            self.root.get("name") or self.path.stem,
            cases=pd.DataFrame(cases) if cases else None,
            waves=pd.DataFrame(wave_rows) if wave_rows else None,
            case_waves=pd.DataFrame(case_waves) if case_waves else None,
            documents=pd.DataFrame([{k: v for k, v in d.items() if k not in ("guid", "name", "segments")} for d in documents]) if documents else None,
            segments=segments,
            codings=pd.DataFrame(codings) if codings else None,
            memos=pd.DataFrame(memos) if memos else None,
            meta={"import": {**self.report, "path": str(self.path), "origin": self.root.get("origin"), "users": sorted(set(users.values()))}},
            codebooks=codebooks,
        )
        study.record("import qdpx", {"path": str(self.path), "origin": self.root.get("origin"), "selections": self.report["selections"], "placed": self.report["placed"]})
        return study

    # ---------------------------------------------------------------- parts
    def _source_text(self, source: ET.Element, name: str) -> tuple[str | None, bool]:
        ns = self.ns
        content = source.find(f"{ns}PlainTextContent")
        if content is not None and content.text is not None:
            raw = content.text
            return raw.lstrip("\ufeff"), raw.startswith("\ufeff")
        internal = source.get("plainTextPath")
        if not internal:
            self.notes.append(f"source {name!r} has no plain text (no PlainTextContent or plainTextPath): skipped")
            return None, False
        data = self._member(internal)
        if data is None:
            warnings.warn(
                f"{self.path}: <TextSource name={name!r}> refers to {internal}, which is not in the archive; the source and its codings are skipped",
                QlrWarning,
                stacklevel=5,
            )
            return None, False
        for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(bom):
                return data[len(bom) :].decode(encoding, errors="replace"), True
        try:
            return data.decode("utf-8"), False
        except UnicodeDecodeError:
            raise DocumentFormatError(f"the plain text of source {name!r} ({internal}) is not UTF-8", path=self.path, hint="export the project again; REFI-QDA sources are UTF-8") from None

    def _coding(self, coding: ET.Element, doc_id: str, start: int, end: int, users: dict[str, str], code_of_guid: dict[str, str]) -> dict[str, Any]:
        ns = self.ns
        guid = self._register(coding.get("guid"), "Coding")
        ref = coding.find(f"{ns}CodeRef")
        target = _guid_key(ref.get("targetGUID")) if ref is not None else ""
        if target not in code_of_guid:
            raise QdpxError(f"coding {coding.get('guid')} refers to code {target or '(none)'}, which the codebook does not have", path=self.path, hint="the export is inconsistent; export it again")
        created = coding.get("creationDateTime")
        coder = users.get(_guid_key(coding.get("creatingUser")), coding.get("creatingUser") or "unknown")
        code_id = code_of_guid[target]
        codebook_id = self._codebook_of.get(code_id)
        return {
            "coding_id": imported_id("coding", guid),
            "doc_id": doc_id,
            "start": start,
            "end": end,
            "code_id": code_id,
            "coder": coder,
            "origin": "import",
            "codebook": codebook_id,
            "codebook_version": self._version_of.get(codebook_id),
            "created": pd.Timestamp(created) if created else pd.NaT,
        }

    def _codebooks(self, codes_node: ET.Element, metas: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, str]]:
        """One Codebook per codebook qlr wrote (its top-level codes say which), else one for all."""
        ns = self.ns
        groups: dict[str, list[ET.Element]] = {}
        for element in codes_node.findall(f"{ns}Code"):
            _, block = _qlr_block(element, ns, self.path)
            groups.setdefault(str(block.get("codebook") or ""), []).append(element)
        codebooks: dict[str, Any] = {}
        code_of_guid: dict[str, str] = {}
        self._codebook_of: dict[str, str] = {}
        self._version_of: dict[str, str] = {}
        for codebook_id, elements in groups.items():
            part = ET.Element(f"{ns}Codes")
            part.extend(elements)
            meta = metas.get(codebook_id) or {"name": self.path.stem, "id": re.sub(r"[^a-z0-9]+", "_", self.path.stem.lower()).strip("_") or "imported"}
            codebook = build_codebook(part, ns, self.path, meta, self.notes)
            codebooks[codebook.id] = codebook
            code_of_guid.update(codebook.guids)
            for code in codebook:
                self._codebook_of[code.id] = codebook.id
            self._version_of[codebook.id] = codebook.version
        return codebooks, code_of_guid

    def _rule_value(self, rule: Any, documents: list[dict[str, Any]], key: str) -> dict[str, str] | None:
        """Apply a mapping, CSV path or pattern rule: {source guid: value}."""
        if isinstance(rule, Mapping):
            return {d["guid"]: str(rule[d["name"]]) for d in documents if d["name"] in rule}
        if isinstance(rule, (str, os.PathLike)) and not str(rule).startswith(("variable:", "set", "pattern:")) and Path(rule).suffix.lower() == ".csv":
            table = pd.read_csv(rule, dtype=str)
            if not {"source", key} <= set(table.columns):
                raise QdpxError(f"the mapping table needs columns 'source' and {key!r}", path=Path(rule), hint=f"write a CSV with a header line: source,{key}")
            mapping = dict(zip(table["source"], table[key]))
            return {d["guid"]: mapping[d["name"]] for d in documents if d["name"] in mapping}
        if isinstance(rule, str) and rule.startswith("pattern:"):
            try:
                pattern = re.compile(rule[len("pattern:") :])
            except re.error as exc:
                raise QdpxError(f"the {key} pattern is not a valid regular expression ({exc})", path=self.path, hint="test it with re.compile()") from None
            found = {}
            for d in documents:
                match = pattern.search(d["name"])
                if match:
                    found[d["guid"]] = match.groupdict().get(key) or (match.group(1) if match.groups() else match.group(0))
            return found
        return None

    def _waves(self, documents: list[dict[str, Any]], source_values: dict[str, dict[str, Any]], source_case: dict[str, str], cases: list[dict[str, Any]], sets: dict[str, list[str]]) -> dict[str, str | None]:
        rule = self.wave_rule
        if rule is None:
            written = {d["guid"]: d["wave_id"] for d in documents if d.get("wave_id")}
            if written:
                return written
            if documents:
                self.notes.append("no wave given (wave=…): every source is put in one wave, W1")
            return {d["guid"]: "W1" for d in documents}
        mapped = self._rule_value(rule, documents, "wave")
        if mapped is not None:
            return mapped
        if isinstance(rule, str) and rule.startswith("variable:"):
            name = rule[len("variable:") :]
            by_case = {c["case_id"]: c.get(name) for c in cases}
            found = {}
            for d in documents:
                value = source_values.get(d["guid"], {}).get(name)
                if value is None:
                    value = by_case.get(source_case.get(d["guid"], ""))
                if value is not None:
                    found[d["guid"]] = str(value)
            if not found:
                raise QdpxError(f"no source or case has a variable named {name!r}", path=self.path, hint="check the variable's name in your QDA tool, or use wave='set' or 'pattern:…'")
            return found
        if isinstance(rule, str) and rule.startswith("set"):
            pattern = re.compile(rule[4:]) if rule.startswith("set:") else None
            found = {}
            for name, members in sets.items():
                if pattern is not None and not pattern.search(name):
                    continue
                for guid in members:
                    found[guid] = name
            return found
        raise QdpxError(f"cannot read wave={rule!r}", path=self.path, hint="use 'variable:NAME', 'set', 'set:REGEX', 'pattern:REGEX', a mapping, or a CSV path")

    def _cases(self, documents: list[dict[str, Any]], source_case: dict[str, str]) -> dict[str, str | None]:
        mapped = self._rule_value(self.case_rule, documents, "case") if self.case_rule is not None else None
        if mapped is not None:
            return mapped
        return {d["guid"]: source_case.get(d["guid"], d.get("case_id")) for d in documents}

    def _wave_table(self, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from natsort import natsorted

        meta_waves = None
        for item in self.root.iter(f"{self.ns}Set"):
            if (item.get("name") or "") == "qlr waves":
                _, block = _qlr_block(item, self.ns, self.path)
                meta_waves = block.get("waves")
        if meta_waves:
            return [{"wave_id": str(w["wave_id"]), "order": int(w["order"]), "label": w.get("label"), "start": w.get("start"), "end": w.get("end")} for w in meta_waves]
        found = natsorted({d["wave_id"] for d in documents if d.get("wave_id")})
        return [{"wave_id": w, "order": i, "label": w} for i, w in enumerate(found, 1)]

    def _segments(self, documents: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Segment rows: as qlr wrote them, else by the loader's segmentation (kind, speakers)."""
        rows = []
        for doc in documents:
            stored = doc.get("segments")
            if stored:
                items = [(list(item) + [None] * 7)[:7] for item in stored]
                found = Segmentation([Segment(start, end, speaker, stamp, stamp_end, when) for start, end, speaker, _, stamp, stamp_end, when in items], [item[3] for item in items])
            else:
                found = segment_document(doc["text"], strategy=strategy_for(doc["kind"]), speakers=self.speakers)
                if found.note:
                    self.report["segmentation"].append(f"{doc['doc_id']}: {found.note}")
            rows.extend(segment_rows(doc["doc_id"], doc["text"], found))
        return rows

    def _memos(self, users: dict[str, str], notes_on: dict[str, list[str]]) -> list[dict[str, Any]]:
        ns = self.ns
        memos = []
        for note in self.root.iter(f"{ns}Note"):
            guid = self._register(note.get("guid"), "Note")
            _, block = _qlr_block(note, ns, self.path)
            text = note.findtext(f"{ns}PlainTextContent")
            if text is None and note.get("plainTextPath"):
                data = self._member(note.get("plainTextPath") or "")
                text = data.decode("utf-8-sig", errors="replace") if data is not None else None
            if text is None:
                text = note.findtext(f"{ns}Description") or note.get("name") or ""
            targets = notes_on.get(guid, [])
            other = self._note_targets.get(guid)
            if not targets and other is not None:
                block = {"target_type": other[0], "target_id": other[1], **block}
            created = note.get("creationDateTime")
            memos.append(
                {
                    "memo_id": str(block.get("memo_id") or imported_id("memo", guid)),
                    "target_type": block.get("target_type") or ("document" if targets else "study"),
                    "target_id": block.get("target_id") or (targets[0] if targets else "project"),
                    "author": block.get("author") or users.get(_guid_key(note.get("creatingUser")), "unknown"),
                    "text": normalise_newlines(text),
                    "created": pd.Timestamp(block.get("created") or created) if (block.get("created") or created) else pd.NaT,
                }
            )
        return memos


# ------------------------------------------------------------------ writing
def _uuid(*parts: Any) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "qlr:" + ":".join(map(str, parts))))


def _datetime(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    return stamp.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def _plain(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) and value == value.normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _typed_value(parent: ET.Element, ns: str, variable_guid: str, value: Any) -> None:
    element = ET.SubElement(parent, f"{ns}VariableValue")
    ET.SubElement(element, f"{ns}VariableRef", {"targetGUID": variable_guid})
    value = _plain(value)
    if isinstance(value, bool):
        ET.SubElement(element, f"{ns}BooleanValue").text = "true" if value else "false"
    elif isinstance(value, int):
        ET.SubElement(element, f"{ns}IntegerValue").text = str(value)
    elif isinstance(value, float):
        ET.SubElement(element, f"{ns}FloatValue").text = repr(value)
    else:
        ET.SubElement(element, f"{ns}TextValue").text = str(value)


def write_qdpx(study: Any, path: str | os.PathLike[str]) -> None:
    """Export a study as a REFI-QDA project (``.qdpx``), valid against the standard's schema.

    NVivo, ATLAS.ti, MAXQDA and QualCoder can import it.  qlr's own structure
    is kept so that ``read_qdpx(write_qdpx(study))`` gives the same codings, cases,
    waves, attributes and memos: waves as a variable ``Wave`` on every source and
    as sets ``Wave W1``…, coders as users, memos as notes, each codebook's version
    in the project description and in a set named ``qlr codebook <id>``, and
    document and case details in ``[qlr]`` blocks of the descriptions.
    Positions are Unicode code points of the stored text, as the standard says.

    Examples
    --------
    >>> import qlr, tempfile, os, zipfile
    >>> path = os.path.join(tempfile.mkdtemp(), "sample.qdpx")
    >>> qlr.io.write_qdpx(qlr.load("data/sample").sel(case="C05"), path)
    >>> sorted(name.split("/")[0] for name in zipfile.ZipFile(path).namelist())[-1]
    'sources'
    """
    from ..codebook import Codebook

    ns = f"{{{PROJECT_NAMESPACE}}}"
    ET.register_namespace("", PROJECT_NAMESPACE)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element(f"{ns}Project", {"name": str(study.name), "origin": f"qlr {__version__}", "creationDateTime": now, "modifiedDateTime": now})

    people = list(dict.fromkeys([*study.codings["coder"].dropna().astype(str), *study.memos["author"].dropna().astype(str)]))
    user_guid = {name: _uuid("user", name) for name in people}
    if people:
        users = ET.SubElement(root, f"{ns}Users")
        for name in people:
            ET.SubElement(users, f"{ns}User", {"guid": user_guid[name], "name": name})

    codebooks = [cb for cb in study.codebooks.values() if isinstance(cb, Codebook)]
    known = {c.id for cb in codebooks for c in cb}
    stray = sorted(set(study.codings["code_id"].dropna()) - known)
    if stray:  # codes used without a codebook (e.g. imported): a flat codebook of their own
        yaml_text = "name: Other codes\nid: other\nthemes: [other]\ncodes:\n" + "".join(f"  - {{id: {json.dumps(c)}, parent: other}}\n" for c in stray)
        codebooks.append(Codebook.from_yaml(yaml_text))
    code_guid: dict[str, str] = {}
    if codebooks:
        codebook_element = ET.SubElement(root, f"{ns}CodeBook")
        codes_root = ET.SubElement(codebook_element, f"{ns}Codes")
        for cb in codebooks:
            element = codes_element(cb, PROJECT_NAMESPACE, guid_of=lambda code_id, cb=cb: _uuid("code", cb.id, code_id), tag={"codebook": cb.id})
            for code in element:
                codes_root.append(code)
            for code in cb:
                code_guid.setdefault(code.id, _uuid("code", cb.id, code.id))

    # Variables: the wave, then case attributes (fixed and per wave).
    attribute_names = [c for c in study.cases.columns if c not in ("case_id", "label", "role")]
    per_wave = [c for c in study.case_waves.columns if c not in ("case_id", "wave_id", "scheduled")]
    variable_names = ["Wave", *attribute_names, *[f"{c} (per wave)" for c in per_wave if c not in attribute_names]]
    variable_guid = {name: _uuid("variable", name) for name in variable_names}
    variables = ET.SubElement(root, f"{ns}Variables")
    for name in variable_names:
        kind = "Text"
        column = study.cases[name] if name in study.cases.columns else None
        if column is not None:
            kinds = {type(_plain(v)) for v in column if _plain(v) is not None}
            kind = "Integer" if kinds == {int} else "Float" if kinds <= {int, float} and kinds else "Boolean" if kinds == {bool} else "Text"
        ET.SubElement(variables, f"{ns}Variable", {"guid": variable_guid[name], "name": name, "typeOfVariable": kind})

    doc_guid = {doc_id: _uuid("source", doc_id) for doc_id in study.documents["doc_id"]}
    if len(study.cases):
        cases = ET.SubElement(root, f"{ns}Cases")
        for case in study.cases.itertuples(index=False):
            element = ET.SubElement(cases, f"{ns}Case", {"guid": _uuid("case", case.case_id), "name": str(case.label if not pd.isna(case.label) else case.case_id)})
            design = study.case_waves[study.case_waves["case_id"] == case.case_id]
            block = {
                "case_id": case.case_id,
                "label": _plain(case.label),
                "role": _plain(case.role),
                "waves": [{k: _plain(v) for k, v in row.items() if k != "case_id"} for row in design.to_dict("records")],
            }
            ET.SubElement(element, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(block)}"
            for name in attribute_names:
                value = getattr(case, name) if name.isidentifier() else study.cases.loc[study.cases["case_id"] == case.case_id, name].iloc[0]
                if _plain(value) is not None:
                    _typed_value(element, ns, variable_guid[name], value)
            for doc_id in study.documents.loc[study.documents["case_id"] == case.case_id, "doc_id"]:
                ET.SubElement(element, f"{ns}SourceRef", {"targetGUID": doc_guid[doc_id]})

    sources = ET.SubElement(root, f"{ns}Sources")
    files: dict[str, bytes] = {}
    segments_by_doc = {d: part for d, part in study.segments.groupby("doc_id", sort=False)}
    codings_by_doc = {d: part for d, part in study.codings.groupby("doc_id", sort=False)}
    memo_guid = {m: _uuid("memo", m) for m in study.memos["memo_id"]}
    per_wave_values = study.case_waves.set_index(["case_id", "wave_id"]) if per_wave else None
    for doc in study.documents.itertuples(index=False):
        guid = doc_guid[doc.doc_id]
        element = ET.SubElement(sources, f"{ns}TextSource", {"guid": guid, "name": str(doc.doc_id), "plainTextPath": f"internal://{guid}.txt"})
        segs = segments_by_doc.get(doc.doc_id)
        block = {
            "doc_id": doc.doc_id,
            "case_id": _plain(doc.case_id),
            "wave_id": _plain(doc.wave_id),
            "kind": _plain(doc.kind),
            "date": _plain(doc.date),
            "stage": _plain(doc.stage),
            "title": _plain(doc.title),
            "source": _plain(doc.source),
            "format": _plain(doc.format),
            "encoding": _plain(doc.encoding),
            "sha256": _plain(doc.sha256),
            "segments": [
                [int(s.start), int(s.end), _plain(s.speaker), _plain(s.speaker_role), _plain(s.timestamp), _plain(s.timestamp_end), _plain(s.date)]
                for s in segs.itertuples(index=False)
            ]
            if segs is not None
            else [],
        }
        ET.SubElement(element, f"{ns}Description").text = f"{_plain(doc.title) or ''}\n\n{_MARK}\n{_yaml_dump(block)}"
        files[f"sources/{guid}.txt"] = str(doc.text if not pd.isna(doc.text) else "").encode("utf-8")
        mine = codings_by_doc.get(doc.doc_id)
        if mine is not None:
            for (start, end), group in mine.groupby(["start", "end"], sort=True):
                selection = ET.SubElement(
                    element,
                    f"{ns}PlainTextSelection",
                    {"guid": _uuid("selection", doc.doc_id, start, end), "name": str(doc.text)[int(start) : int(end)], "startPosition": str(int(start)), "endPosition": str(int(end))},
                )
                for coding in group.itertuples(index=False):
                    attributes = {"guid": _uuid("coding", coding.coding_id)}
                    if not pd.isna(coding.coder):
                        attributes["creatingUser"] = user_guid[str(coding.coder)]
                    created = _datetime(coding.created)
                    if created:
                        attributes["creationDateTime"] = created
                    child = ET.SubElement(selection, f"{ns}Coding", attributes)
                    ET.SubElement(child, f"{ns}CodeRef", {"targetGUID": code_guid[coding.code_id]})
        for memo in study.memos[(study.memos["target_type"] == "document") & (study.memos["target_id"] == doc.doc_id)].itertuples(index=False):
            ET.SubElement(element, f"{ns}NoteRef", {"targetGUID": memo_guid[memo.memo_id]})
        if not pd.isna(doc.wave_id):
            _typed_value(element, ns, variable_guid["Wave"], str(doc.wave_id))
        if per_wave_values is not None and not pd.isna(doc.case_id) and (doc.case_id, doc.wave_id) in per_wave_values.index:
            row = per_wave_values.loc[(doc.case_id, doc.wave_id)]
            for name in per_wave:
                if name not in attribute_names and _plain(row[name]) is not None:
                    _typed_value(element, ns, variable_guid[f"{name} (per wave)"], row[name])

    if len(study.memos):
        notes = ET.SubElement(root, f"{ns}Notes")
        for memo in study.memos.itertuples(index=False):
            attributes = {"guid": memo_guid[memo.memo_id], "name": f"{memo.target_type}: {memo.target_id}"}
            if not pd.isna(memo.author):
                attributes["creatingUser"] = user_guid[str(memo.author)]
            created = _datetime(memo.created)
            if created:
                attributes["creationDateTime"] = created
            note = ET.SubElement(notes, f"{ns}Note", attributes)
            block = {"memo_id": memo.memo_id, "target_type": memo.target_type, "target_id": memo.target_id, "author": _plain(memo.author), "created": _plain(memo.created)}
            ET.SubElement(note, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(block)}"
            ET.SubElement(note, f"{ns}PlainTextContent").text = str(memo.text)

    sets = ET.SubElement(root, f"{ns}Sets")
    for wave in study.waves.itertuples(index=False):
        members = study.documents.loc[study.documents["wave_id"] == wave.wave_id, "doc_id"]
        element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", wave.wave_id), "name": f"{_WAVE_SET}{wave.wave_id}"})
        ET.SubElement(element, f"{ns}Description").text = str(wave.label if not pd.isna(wave.label) else wave.wave_id)
        for doc_id in members:
            ET.SubElement(element, f"{ns}MemberSource", {"targetGUID": doc_guid[doc_id]})
    waves_block = {"waves": [{"wave_id": w.wave_id, "order": int(w.order), "label": _plain(w.label), "start": _plain(w.start), "end": _plain(w.end)} for w in study.waves.itertuples(index=False)]}
    element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", "qlr waves"), "name": "qlr waves"})
    ET.SubElement(element, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(waves_block)}"
    for cb in codebooks:
        meta = cb.to_dict()
        meta.pop("themes", None)
        meta.pop("codes", None)
        element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", "codebook", cb.id), "name": f"{_QLR_SET} {cb.id}"})
        ET.SubElement(element, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(meta)}"
    description = ET.SubElement(root, f"{ns}Description")
    description.text = f"Exported by qlr {__version__}. Codebooks: " + (", ".join(f"{cb.id} {cb.version}" for cb in codebooks) or "none") + "."
    if len(sets) == 0:
        root.remove(sets)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)

    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for name, data in files.items():
            archive.writestr(name, data)
    os.replace(temporary, target)
