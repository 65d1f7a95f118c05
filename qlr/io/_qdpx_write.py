"""Writing a Study as a REFI-QDA project (``.qdpx``).

The steps, one function each: users (coders and memo authors), the codebooks,
the variables (the wave, then case attributes), the cases, the sources with
their selections and codings, the notes (memos) and the sets (waves and qlr's
own details).  The archive is written through :mod:`qlr._atomic`, so a reader
sees the old project or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from .._atomic import atomic_write
from .._version import __version__
from ._archive import _QLR_SET, _WAVE_SET, _WAVES_SET, PROJECT_NAMESPACE
from ._qdc import _MARK, _yaml_dump, codes_element

__all__ = ["write_qdpx"]


def write_qdpx(study: Any, path: str | os.PathLike[str]) -> None:
    """Export a study as a REFI-QDA project (``.qdpx``), valid against the standard's schema.

    NVivo, ATLAS.ti, MAXQDA and QualCoder can import it.  qlr's own structure
    is kept so that ``read_qdpx(write_qdpx(study))`` gives the same codings, cases,
    waves, attributes and memos: waves as a variable ``Wave`` on every source and
    as sets ``Wave W1``…, coders as users, memos as notes, each codebook's version
    in the project description and in a set named ``qlr codebook <id>``, and
    document and case details in ``[qlr]`` blocks of the descriptions.
    Positions are Unicode code points of the stored text, as the standard says.

    Parameters
    ----------
    study : Study
        What to export.
    path : str or PathLike
        The ``.qdpx`` file to write (atomically: an earlier file stays whole if the export fails).

    Examples
    --------
    >>> import qlr, tempfile, os, zipfile
    >>> path = os.path.join(tempfile.mkdtemp(), "sample.qdpx")
    >>> qlr.io.write_qdpx(qlr.load("data/sample").sel(case="C05"), path)
    >>> sorted(name.split("/")[0] for name in zipfile.ZipFile(path).namelist())[-1]
    'sources'
    """
    ns = f"{{{PROJECT_NAMESPACE}}}"
    ET.register_namespace("", PROJECT_NAMESPACE)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element(f"{ns}Project", {"name": str(study.name), "origin": f"qlr {__version__}", "creationDateTime": now, "modifiedDateTime": now})
    user_guid = _users_element(root, ns, study)
    codebooks, code_guid = _codebook_element(root, ns, study)
    attribute_names, per_wave, variable_guid = _variables_element(root, ns, study)
    doc_guid = {doc_id: _uuid("source", doc_id) for doc_id in study.documents["doc_id"]}
    _cases_element(root, ns, study, attribute_names, variable_guid, doc_guid)
    guids = {"user": user_guid, "code": code_guid, "variable": variable_guid, "doc": doc_guid, "memo": {m: _uuid("memo", m) for m in study.memos["memo_id"]}}
    files = _sources_element(root, ns, study, attribute_names, per_wave, guids)
    _notes_element(root, ns, study, guids)
    _sets_element(root, ns, study, codebooks, doc_guid)
    description = ET.SubElement(root, f"{ns}Description")
    description.text = f"Exported by qlr {__version__}. Codebooks: " + (", ".join(f"{cb.id} {cb.version}" for cb in codebooks) or "none") + "."
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with atomic_write(path) as stream, zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for name, data in files.items():
            archive.writestr(name, data)


def _users_element(root: ET.Element, ns: str, study: Any) -> dict[str, str]:
    """Coders and memo authors as users; {name: guid}."""
    people = list(dict.fromkeys([*study.codings["coder"].dropna().astype(str), *study.memos["author"].dropna().astype(str)]))
    user_guid = {name: _uuid("user", name) for name in people}
    if people:
        users = ET.SubElement(root, f"{ns}Users")
        for name in people:
            ET.SubElement(users, f"{ns}User", {"guid": user_guid[name], "name": name})
    return user_guid


def _codebook_element(root: ET.Element, ns: str, study: Any) -> tuple[list[Any], dict[str, str]]:
    """Every codebook's codes under one <CodeBook>; (the codebooks written, {code id: guid})."""
    from ..codebook import Codebook

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
    return codebooks, code_guid


def _variables_element(root: ET.Element, ns: str, study: Any) -> tuple[list[str], list[str], dict[str, str]]:
    """Variables: the wave, then case attributes (fixed and per wave); (attributes, per-wave columns, {name: guid})."""
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
    return attribute_names, per_wave, variable_guid


def _cases_element(root: ET.Element, ns: str, study: Any, attribute_names: list[str], variable_guid: dict[str, str], doc_guid: dict[str, str]) -> None:
    if not len(study.cases):
        return
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


def _sources_element(root: ET.Element, ns: str, study: Any, attribute_names: list[str], per_wave: list[str], guids: dict[str, dict[str, str]]) -> dict[str, bytes]:
    """One <TextSource> per document; {archive member: plain text bytes}."""
    sources = ET.SubElement(root, f"{ns}Sources")
    files: dict[str, bytes] = {}
    segments_by_doc = {d: part for d, part in study.segments.groupby("doc_id", sort=False)}
    codings_by_doc = {d: part for d, part in study.codings.groupby("doc_id", sort=False)}
    per_wave_values = study.case_waves.set_index(["case_id", "wave_id"]) if per_wave else None
    for doc in study.documents.itertuples(index=False):
        guid = guids["doc"][doc.doc_id]
        element = ET.SubElement(sources, f"{ns}TextSource", {"guid": guid, "name": str(doc.doc_id), "plainTextPath": f"internal://{guid}.txt"})
        block = _document_block(doc, segments_by_doc.get(doc.doc_id))
        ET.SubElement(element, f"{ns}Description").text = f"{_plain(doc.title) or ''}\n\n{_MARK}\n{_yaml_dump(block)}"
        files[f"sources/{guid}.txt"] = str(doc.text if not pd.isna(doc.text) else "").encode("utf-8")
        _selections(element, ns, doc, codings_by_doc.get(doc.doc_id), guids)
        for memo in study.memos[(study.memos["target_type"] == "document") & (study.memos["target_id"] == doc.doc_id)].itertuples(index=False):
            ET.SubElement(element, f"{ns}NoteRef", {"targetGUID": guids["memo"][memo.memo_id]})
        if not pd.isna(doc.wave_id):
            _typed_value(element, ns, guids["variable"]["Wave"], str(doc.wave_id))
        if per_wave_values is not None and not pd.isna(doc.case_id) and (doc.case_id, doc.wave_id) in per_wave_values.index:
            row = per_wave_values.loc[(doc.case_id, doc.wave_id)]
            for name in per_wave:
                if name not in attribute_names and _plain(row[name]) is not None:
                    _typed_value(element, ns, guids["variable"][f"{name} (per wave)"], row[name])
    return files


def _document_block(doc: Any, segs: pd.DataFrame | None) -> dict[str, Any]:
    """qlr's own details of a document (and its segments), for its description's [qlr] block."""
    return {
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


def _selections(element: ET.Element, ns: str, doc: Any, mine: pd.DataFrame | None, guids: dict[str, dict[str, str]]) -> None:
    """One <PlainTextSelection> per coded span of a document, holding its codings."""
    if mine is None:
        return
    for (start, end), group in mine.groupby(["start", "end"], sort=True):
        selection = ET.SubElement(
            element,
            f"{ns}PlainTextSelection",
            {"guid": _uuid("selection", doc.doc_id, start, end), "name": str(doc.text)[int(start) : int(end)], "startPosition": str(int(start)), "endPosition": str(int(end))},
        )
        for coding in group.itertuples(index=False):
            attributes = {"guid": _uuid("coding", coding.coding_id), **_made_by(coding.coder, coding.created, guids)}
            child = ET.SubElement(selection, f"{ns}Coding", attributes)
            ET.SubElement(child, f"{ns}CodeRef", {"targetGUID": guids["code"][coding.code_id]})


def _made_by(user: Any, created: Any, guids: dict[str, dict[str, str]]) -> dict[str, str]:
    """The ``creatingUser`` and ``creationDateTime`` attributes of a coding or note, where known."""
    attributes = {}
    if not pd.isna(user):
        attributes["creatingUser"] = guids["user"][str(user)]
    when = _datetime(created)
    if when:
        attributes["creationDateTime"] = when
    return attributes


def _notes_element(root: ET.Element, ns: str, study: Any, guids: dict[str, dict[str, str]]) -> None:
    """Memos as notes, with qlr's own details in a [qlr] block."""
    if not len(study.memos):
        return
    notes = ET.SubElement(root, f"{ns}Notes")
    for memo in study.memos.itertuples(index=False):
        attributes = {"guid": guids["memo"][memo.memo_id], "name": f"{memo.target_type}: {memo.target_id}", **_made_by(memo.author, memo.created, guids)}
        note = ET.SubElement(notes, f"{ns}Note", attributes)
        block = {"memo_id": memo.memo_id, "target_type": memo.target_type, "target_id": memo.target_id, "author": _plain(memo.author), "created": _plain(memo.created)}
        ET.SubElement(note, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(block)}"
        ET.SubElement(note, f"{ns}PlainTextContent").text = str(memo.text)


def _sets_element(root: ET.Element, ns: str, study: Any, codebooks: list[Any], doc_guid: dict[str, str]) -> None:
    """A set per wave, qlr's wave table, and each codebook's details (version, ladder, lineage)."""
    sets = ET.SubElement(root, f"{ns}Sets")
    for wave in study.waves.itertuples(index=False):
        members = study.documents.loc[study.documents["wave_id"] == wave.wave_id, "doc_id"]
        element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", wave.wave_id), "name": f"{_WAVE_SET}{wave.wave_id}"})
        ET.SubElement(element, f"{ns}Description").text = str(wave.label if not pd.isna(wave.label) else wave.wave_id)
        for doc_id in members:
            ET.SubElement(element, f"{ns}MemberSource", {"targetGUID": doc_guid[doc_id]})
    waves_block = {"waves": [{"wave_id": w.wave_id, "order": int(w.order), "label": _plain(w.label), "start": _plain(w.start), "end": _plain(w.end)} for w in study.waves.itertuples(index=False)]}
    element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", _WAVES_SET), "name": _WAVES_SET})
    ET.SubElement(element, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(waves_block)}"
    for cb in codebooks:
        meta = cb.to_dict()
        meta.pop("themes", None)
        meta.pop("codes", None)
        element = ET.SubElement(sets, f"{ns}Set", {"guid": _uuid("set", "codebook", cb.id), "name": f"{_QLR_SET} {cb.id}"})
        ET.SubElement(element, f"{ns}Description").text = f"{_MARK}\n{_yaml_dump(meta)}"


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
