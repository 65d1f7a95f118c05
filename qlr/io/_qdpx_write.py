"""Writing a Study as a REFI-QDA project (``.qdpx``).

The steps, one function each: users (coders and memo authors), the codebooks,
the variables (the wave, then case attributes), the cases, the sources with
their selections and codings, the notes (memos) and the sets (waves, and the
Sets and code groups a project came in with).  What the standard has no place
for — qlr's ids, a document's kind, date and segments, a case's design, a
memo's target, each code's include/exclude lists, indicators and evidence, the
codebooks' versions and ladders, the wave table — goes beside the project in
the archive member ``qlr/details.json``, keyed by GUID: other tools ignore it,
and every description stays the researcher's own text.  Everything that came
in from another tool keeps its GUID (``study.meta["import"]["guids"]``); only
what qlr made gets a fresh one, derived from qlr's ids so that writing twice
gives the same GUIDs.  The archive is written through :mod:`qlr._atomic`, so a
reader sees the old project or the new one, never half of one.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

import numpy as np
import pandas as pd

from .._atomic import atomic_write
from .._check import check_choice
from .._ids import is_guid
from .._json import check_nesting
from .._names import ascii_fold, slug
from .._tables import SCHEMAS
from .._version import __version__
from .._warned import warn
from .._words import first_few
from ..errors import InvalidParameterError, QlrWarning, RowsRefusedWarning
from ._archive import (
    _DECLARED_ROLES,
    _DETAILS_MEMBER,
    _DOCUMENT_CASES,
    _DOCUMENT_ROLES,
    _JOINT_CASES,
    _WAVE_SET,
    PROJECT_NAMESPACE,
    _wave_set_guid,
)
from ._positions import _code_points
from ._qdc import codes_element
from ._qdpx_read import source_id

__all__ = ["write_qdpx", "overrides_left_out", "tool_safe_name", "CODE_NAMES"]

#: The position conventions the writer offers: the standard's, and NVivo's.
POSITIONS = ("codepoints", "utf16")
#: The user named on selections, codings and notes whose coder or author is not known.
DEFAULT_USER = "qlr"
#: How codes are named in the export: by their names, or by their ids in the characters qc accepts.
CODE_NAMES = ("names", "ids")


def tool_safe_name(code_id: str) -> str:
    """A code id in the characters every tool accepts as a code (qc: letters, digits, ``_`` and ``-``): the dot becomes ``-``.

    :meth:`qlr.Study.read_coding_sheet` finds the code again by it.

    Examples
    --------
    >>> tool_safe_name("negative.done_to"), tool_safe_name("power.co-leading")
    ('negative-done_to', 'power-co-leading')
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_fold(code_id)).strip("-") or slug(code_id)


def _named_by_id(study: Any) -> Any:
    """A copy of ``study`` whose codes are named by :func:`tool_safe_name` (refused when two would share a name)."""
    from ..codebook import Codebook

    named = study.copy()
    taken: dict[str, str] = {}
    for key, cb in study.codebooks.items():
        if not isinstance(cb, Codebook):
            continue
        for code in cb:
            name = tool_safe_name(code.id)
            if taken.setdefault(name, code.id) != code.id:
                raise InvalidParameterError(
                    f"codes {taken[name]!r} and {code.id!r} would both be named {name!r}", hint="rename one of them, or export with code_names='names'"
                )
        named.codebooks[key] = cb.with_codes([dataclasses.replace(code, name=tool_safe_name(code.id)) for code in cb])
    return named


def write_qdpx(study: Any, path: str | os.PathLike[str], *, positions: str = "codepoints", counted_only: bool = False, code_names: str = "names") -> None:
    """Export a study as a REFI-QDA project (``.qdpx``), valid against the standard's schema.

    NVivo, ATLAS.ti, MAXQDA and QualCoder can import it, and
    ``read_qdpx(write_qdpx(study))`` gives back the same codings, cases, waves,
    attributes and memos.  What came in from another tool keeps its GUID
    (codes, sources, selections, codings, cases, users, sets, notes,
    variables), so the project can go back to that tool; the Sets and code
    groups it came with are written again, and so are each selection's name
    (qc places codings by names such as ``line:6``; a span coded in qlr is
    named by its text), a note's name and description (the memo's ``title``
    and ``description``) and who made and last changed each source, selection
    and note.  Waves are a variable ``Wave`` on
    every source and sets ``Wave W1``…; coders are users, memos are notes.
    Every selection and coding names its ``creatingUser`` (the user ``qlr``
    where the coder is not known) and, where it is known, its
    ``creationDateTime``: a coding or memo without a time (a rule coding, say)
    is written without one, as the schema allows, so no tool reads the
    export's time as when it was made.  Descriptions hold the
    researcher's text only; qlr's own details go in the archive member
    ``qlr/details.json``, which other tools ignore and qlr reads back.  A
    theme is a code with ``isCodable="false"``.  The researcher's placement
    overrides (:meth:`qlr.Study.override_placement`) and the study's log go
    there too, so ``read_qdpx`` gives them back; REFI-QDA has no place for
    them, so other programs do not show them.

    Parameters
    ----------
    study : Study
        What to export.
    path : str or PathLike
        The ``.qdpx`` file to write (atomically: an earlier file stays whole if the export fails).
    positions : {"codepoints", "utf16"}
        How selection positions count.  ``"codepoints"`` (the default) is the
        REFI-QDA standard: Unicode code points of the source's plain text from
        0, so an emoji counts once.  ``"utf16"`` counts UTF-16 code units, as
        NVivo does (a character outside the Basic Multilingual Plane, such as
        most emoji, counts twice): use it for a project going back to NVivo.
        Texts without such characters give the same numbers either way.
    counted_only : bool
        Leave out the codings qlr does not count as evidence (:func:`qlr.evidence.evidence`: rule
        codings whose mention is negated, hoped for, past, someone else's, a question or declined;
        pending or rejected suggestions; codings of interviewers' questions), which another program
        would show as plain codings.  By default every coding is written, each one's status kept in
        ``qlr/details.json`` for qlr; :func:`discounted_codings` says which they are.  A coding a
        memo is about is always written.
    code_names : {"names", "ids"}
        What each code is called in the project: its name (the default: "Done to, not with"), or its
        id in the characters qc accepts when coding (letters, digits, ``_`` and ``-``:
        ``negative-done_to``, :func:`tool_safe_name`).  qc refuses a code with a space or a comma, so
        a project to be coded in qc needs ``"ids"``.  qlr reads either back
        (:meth:`qlr.Study.read_coding_sheet` finds a code by its id, its name or either written so).

    Warns
    -----
    RowsRefusedWarning
        Placement overrides of a case or wave the export does not have (a study
        narrowed with ``sel``) are left out: :func:`overrides_left_out` lists them.
    QlrWarning
        A Set the project came with names members the export does not carry
        (a picture or PDF source, which qlr does not import); those members are
        left out of the Set.

    Examples
    --------
    >>> import qlr, tempfile, os, zipfile
    >>> path = os.path.join(tempfile.mkdtemp(), "sample.qdpx")
    >>> qlr.io.write_qdpx(qlr.load("data/sample").sel(case="C05"), path)
    >>> sorted(zipfile.ZipFile(path).namelist())[:2]
    ['project.qde', 'qlr/details.json']

    For NVivo, positions in UTF-16 units:

    >>> qlr.io.write_qdpx(sample.sel(case="C05"), path, positions="utf16")  # sample = qlr.load("data/sample")
    """
    check_choice("positions", positions, POSITIONS)
    check_choice("code_names", code_names, CODE_NAMES)
    check_nesting(study, doing="exporting to REFI-QDA", meta=False)  # its meta only where a part is written (below)
    if code_names == "ids":
        study = _named_by_id(study)
    if counted_only:
        left = set(discounted_codings(study)["coding_id"])
        if left:
            study = study.copy()
            study.codings = study.codings[~study.codings["coding_id"].isin(left).to_numpy(dtype=bool)].reset_index(drop=True)
    ns = f"{{{PROJECT_NAMESPACE}}}"
    ET.register_namespace("", PROJECT_NAMESPACE)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element(f"{ns}Project", {"name": str(study.name), "origin": f"qlr {__version__}", "creationDateTime": now, "modifiedDateTime": now})
    guids = _Guids(copy.deepcopy((study.meta.get("import") or {}).get("guids") or {}))
    details: dict[str, Any] = {"format": "qlr details", "version": 1, "qlr": __version__, "positions": positions, "codebooks": {}, "waves": [], "guids": {}}
    _users_element(root, ns, study, guids)
    codebooks = _codebook_element(root, ns, study, guids, details)
    attribute_names, per_wave, kinds = _variables_element(root, ns, study, guids)
    # Which documents hold a value of each column of their own: the tool's values kept beside (a case's, written on
    # its sources too) are no column's.
    details["document_columns"] = {
        name: [str(doc) for doc, value in zip(study.documents["doc_id"], study.documents[name]) if _plain(value) is not None] for name in document_columns(study)
    }
    _cases_element(root, ns, study, attribute_names, guids, details, kinds=kinds)
    everywhere, own_roles = _declared_roles(study)
    files = _sources_element(root, ns, study, attribute_names, per_wave, guids, details, own_roles, positions=positions, kinds=kinds)
    _notes_element(root, ns, study, guids, details)
    _sets_element(root, ns, study, codebooks, guids, details)
    _researcher_records(study, details)
    # Whose turns a focus group with no case holds: REFI-QDA has no place for a speaker's case, so qlr's details keep
    # it (an empty record too: "none attributed" must not become "decide again by names" when read back).
    if "speaker_cases" in study.meta:
        details["speaker_cases"] = {str(doc): dict(labels) for doc, labels in (study.meta["speaker_cases"] or {}).items()}
    description = ET.SubElement(root, f"{ns}Description")
    description.text = f"Exported by qlr {__version__}. Codebooks: " + (", ".join(f"{cb.id} {cb.version}" for cb in codebooks) or "none") + "." + everywhere
    _note_refs(root, ns, study, guids)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    with atomic_write(path) as stream, zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        try:
            said = json.dumps(details, ensure_ascii=False, default=_json_value)
        except RecursionError:  # a part of study.meta the details carry, nested past Python's stack: named
            check_nesting(study, doing="exporting to REFI-QDA")
            raise
        archive.writestr(_DETAILS_MEMBER, said)
        for name, data in files.items():
            archive.writestr(name, data)


def overrides_left_out(study: Any) -> pd.DataFrame:
    """The placement overrides an export of ``study`` cannot carry: those of a case or wave it does not have.

    A study narrowed with :meth:`qlr.Study.sel` keeps every override; one about a case or wave left out
    would name nothing in the exported project, so it is not written (the export says how many).

    Parameters
    ----------
    study : Study
        The study to export.

    Returns
    -------
    pandas.DataFrame
        The rows of ``study.overrides`` left out, with a ``why`` column.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.load("data/sample")
    >>> _ = study.override_placement(case="C05", wave="W3", level=0, reason="read the whole interview")
    >>> len(overrides_left_out(study)), len(overrides_left_out(study.sel(case="C01")))
    (0, 1)
    """
    known = {"case": set(study.cases["case_id"].astype(str)), "wave": set(study.waves["wave_id"].astype(str))}
    why = []
    for text in study.overrides["group"]:
        group = json.loads(text) if isinstance(text, str) else {}
        missing = [f"{key} {group[key]}" for key in ("case", "wave") if key in group and str(group[key]) not in known[key]]
        why.append(" and ".join(f"{item} is not in the export" for item in missing) or None)
    left = study.overrides.assign(why=pd.array(why, dtype="string"))
    return left[left["why"].notna().to_numpy(dtype=bool)]


def _researcher_records(study: Any, details: dict[str, Any]) -> None:
    """The placement overrides (those the export can carry) and the study's log, in ``details`` for qlr to read back.

    REFI-QDA has no place for either: other programs do not show them.
    """
    left_out = overrides_left_out(study)
    if len(left_out):
        shown = "; ".join(f"{row.group} ({row.why})" for row in left_out.head(5).itertuples(index=False))
        warn(
            f"left out {len(left_out)} placement override(s) of cases or waves not in the export: {shown}"
            + (f" and {len(left_out) - 5} more" if len(left_out) > 5 else "")
            + ". Fix: export the whole study to keep them",
            RowsRefusedWarning,
        )
    kept = study.overrides[~study.overrides["override_id"].isin(set(left_out["override_id"])).to_numpy(dtype=bool)]
    details["overrides"] = [{key: _plain(value) for key, value in row.items()} for row in kept.to_dict("records")]
    details["log"] = [{key: _plain(value) for key, value in row.items()} for row in study.log.to_dict("records")]


def discounted_codings(study: Any) -> pd.DataFrame:
    """The codings qlr keeps but does not count as evidence, less those a memo is about (what ``counted_only`` leaves out).

    Parameters
    ----------
    study : Study
        A study with codings.

    Returns
    -------
    pandas.DataFrame
        The rows of ``study.codings`` that :func:`qlr.evidence.counted` leaves out, with a ``why``
        column: the assertion of a rule coding whose mention is negated, hoped for, past, someone
        else's, a question or declined; the status of a pending or rejected suggestion; or "on an
        interviewer's question".  Double coding stays: each person's coding of a passage is theirs
        (the analyses count one coder per passage; agreement reads them all).

    Examples
    --------
    >>> import qlr
    >>> coded = qlr.load("data/sample").apply("coproduction", progress=False)
    >>> sorted(set(qlr.io.discounted_codings(coded)["why"]))[:3]
    ['declined', 'historical', 'hypothetical']
    """
    from ..evidence import COUNTED_ASSERTIONS, NOT_EVIDENCE_STATUSES, counted

    codings = study.codings
    noted = codings["coding_id"].isin(set(study.memos.loc[study.memos["target_type"] == "coding", "target_id"].astype(str))).to_numpy(dtype=bool)
    left = codings[~(counted(codings, segments=study.segments) | noted)]
    assertion, status = left["assertion"].astype(object), left["status"].astype(object)
    why = [
        a if isinstance(a, str) and a not in COUNTED_ASSERTIONS
        else s if isinstance(s, str) and s in NOT_EVIDENCE_STATUSES
        else "on an interviewer's question"
        for a, s in zip(assertion, status)
    ]
    return left.assign(why=why)


class _Guids:
    """Each thing's GUID: the one it came in with, else one derived from qlr's ids; never one GUID twice."""

    def __init__(self, kept: dict[str, Any]) -> None:
        self.kept = kept  # {kind: {id: guid}}, codes {codebook id: {code id: guid}}, as the importer keeps them
        self.given: dict[tuple[str, ...], str] = {}
        self.used: set[str] = set()
        self.codes: dict[str, str] = {}  # code id → the GUID of its first codebook's code

    def __call__(self, kind: str, *key: Any, came_in: str | None = None) -> str:
        """The GUID of the thing of ``kind`` that qlr knows by ``key`` (asked again, the same answer)."""
        ids = tuple(str(part) for part in key)
        if (kind, *ids) in self.given:
            return self.given[(kind, *ids)]
        kept: Any = came_in or self.kept.get(kind) or {}
        for part in ids if not came_in else ():
            kept = kept.get(part) if isinstance(kept, dict) else None
        # A kept id that is no GUID ("c001", "s1": some tools number things) is not written back: the file must validate.
        guid = kept if isinstance(kept, str) and is_guid(kept) and kept not in self.used else _uuid(kind, *ids)
        while guid in self.used:  # a copied coding, or a fresh GUID equal to a kept one
            guid = _uuid(kind, *ids, guid)
        self.used.add(guid)
        self.given[(kind, *ids)] = guid
        return guid

    def known(self, kind: str, *key: Any) -> str | None:
        """The GUID already given to a thing, or None when nothing in the export has it."""
        return self.given.get((kind, *(str(part) for part in key)))

    def code(self, codebook: Any, code_id: str) -> str | None:
        """The GUID given to a code of a codebook; a code id alone finds it in any codebook."""
        return self.known("code", codebook, code_id) or self.codes.get(code_id)


def _users_element(root: ET.Element, ns: str, study: Any, guids: _Guids) -> None:
    """The users who came in, then coders and memo authors, then ``qlr`` where a coder or author is not known."""
    kept = list((guids.kept.get("user") or {}).keys())
    people = [*study.codings["coder"].dropna().astype(str), *study.memos["author"].dropna().astype(str)]
    if study.codings["coder"].isna().any() or study.memos["author"].isna().any():
        people.append(DEFAULT_USER)
    people = list(dict.fromkeys([*kept, *people]))
    if people:
        users = ET.SubElement(root, f"{ns}Users")
        for name in people:
            ET.SubElement(users, f"{ns}User", {"guid": guids("user", name), "name": name})


def _codebook_element(root: ET.Element, ns: str, study: Any, guids: _Guids, details: dict[str, Any]) -> list[Any]:
    """Every codebook's codes under one <CodeBook>, their qlr fields in ``details``; the codebooks written."""
    from ..codebook import Codebook

    codebooks = [cb for cb in study.codebooks.values() if isinstance(cb, Codebook)]
    known = {c.id for cb in codebooks for c in cb}
    stray = sorted(set(study.codings["code_id"].dropna()) - known)
    if stray:  # codes used without a codebook (e.g. imported): a flat codebook of their own
        yaml_text = "name: Other codes\nid: other\nthemes: [other]\ncodes:\n" + "".join(f"  - {{id: {json.dumps(c)}, parent: other}}\n" for c in stray)
        codebooks.append(Codebook.from_yaml(yaml_text))
    codes = [cb for cb in codebooks if len(cb)]
    if codes:
        codes_root = ET.SubElement(ET.SubElement(root, f"{ns}CodeBook"), f"{ns}Codes")
        for cb in codes:
            came_in = {code_id: guid for guid, code_id in (getattr(cb, "guids", None) or {}).items()}
            if came_in:  # the codebook read with the project (its GUIDs win over a copy in meta)
                guids.kept.setdefault("code", {}).setdefault(cb.id, {}).update(came_in)
            element, fields = codes_element(cb, PROJECT_NAMESPACE, guid_of=lambda code_id, cb=cb: guids("code", cb.id, code_id), tag={"codebook": cb.id})
            codes_root.extend(element)
            for code in cb:
                guids.codes.setdefault(code.id, guids("code", cb.id, code.id))
            details["guids"].update(fields)
    for cb in codebooks:
        meta = cb.to_dict()
        meta.pop("themes", None)
        meta.pop("codes", None)
        details["codebooks"][cb.id] = meta
    return codebooks


def _variables_element(root: ET.Element, ns: str, study: Any, guids: _Guids) -> tuple[list[str], list[str], dict[str, str]]:
    """Variables: the wave, then case attributes (fixed and per wave); (attributes, per-wave columns, each variable's
    declared type). A variable is one name with one type, whatever holds it: a case attribute and a document column of
    the same name ("age" in people.csv and in a document's front matter) share it, typed by all their values."""
    attribute_names = [c for c in study.cases.columns if c not in ("case_id", "label", "role")]
    per_wave = [c for c in study.case_waves.columns if c not in ("case_id", "wave_id", "scheduled")]
    variable_names = ["Wave", *attribute_names, *[f"{c} (per wave)" for c in per_wave if c not in attribute_names]]
    # Variables that came in without a value qlr keeps (on sources, or never filled in) are declared again.
    variable_names += [name for name in guids.kept.get("variable") or {} if name not in variable_names]
    variables = ET.SubElement(root, f"{ns}Variables")
    source_types = {name: _VALUE_TYPES[tag] for values in _source_values(study).values() for name, (tag, _) in values.items()}
    variable_names += [name for name in source_types if name not in variable_names]
    own_columns = document_columns(study)
    variable_names += [name for name in own_columns if name not in variable_names]
    kinds: dict[str, str] = {}
    for name in variable_names:
        kind = source_types.get(name, "Text")
        column = name.removesuffix(" (per wave)") if name.endswith(" (per wave)") and name.removesuffix(" (per wave)") in per_wave else None
        held = [
            *(study.cases[name] if name in study.cases.columns else ()),
            *(study.documents[name] if name in own_columns else ()),
            *(study.case_waves[column] if column is not None else ()),
        ]
        if held:
            kind = _kind_of(held)
        kinds[name] = kind
        ET.SubElement(variables, f"{ns}Variable", {"guid": guids("variable", name), "name": name, "typeOfVariable": kind})
    return attribute_names, per_wave, kinds


def _cases_element(root: ET.Element, ns: str, study: Any, attribute_names: list[str], guids: _Guids, details: dict[str, Any], *, kinds: dict[str, str]) -> None:
    if not len(study.cases):
        return
    cases = ET.SubElement(root, f"{ns}Cases")
    for case in study.cases.itertuples(index=False):
        guid = guids("case", case.case_id)
        element = ET.SubElement(cases, f"{ns}Case", {"guid": guid, "name": str(case.label if not pd.isna(case.label) else case.case_id)})
        design = study.case_waves[study.case_waves["case_id"] == case.case_id]
        details["guids"][guid] = {
            "case_id": case.case_id,
            "label": _plain(case.label),
            "role": _plain(case.role),
            "waves": [{k: _plain(v) for k, v in row.items() if k != "case_id"} for row in design.to_dict("records")],
        }
        for name in attribute_names:
            value = getattr(case, name) if name.isidentifier() else study.cases.loc[study.cases["case_id"] == case.case_id, name].iloc[0]
            if _plain(value) is not None:
                _typed_value(element, ns, guids("variable", name), value, kind=kinds[name])
        for doc_id in study.documents.loc[study.documents["case_id"] == case.case_id, "doc_id"]:
            ET.SubElement(element, f"{ns}SourceRef", {"targetGUID": guids("source", doc_id)})


def _sources_element(
    root: ET.Element,
    ns: str,
    study: Any,
    attribute_names: list[str],
    per_wave: list[str],
    guids: _Guids,
    details: dict[str, Any],
    own_roles: dict[str, str],
    *,
    positions: str,
    kinds: dict[str, str],
) -> dict[str, bytes]:
    """One <TextSource> per document; {archive member: plain text bytes}.  No documents, no <Sources> (the schema wants one source at least).

    A document's description is its title, then the roles ``study.yaml`` declared in it alone (``own_roles``, by doc id).
    """
    files: dict[str, bytes] = {}
    if not len(study.documents):
        return files
    sources = ET.SubElement(root, f"{ns}Sources")
    segments_by_doc = {d: part for d, part in study.segments.groupby("doc_id", sort=False)}
    # A coding's weight (Dedoose's code weights, study.meta["code_weights"]) goes with it in the details, as its origin does.
    weights = study.meta.get("code_weights") or {}
    codings = study.codings.assign(weight=study.codings["coding_id"].map(weights)) if weights else study.codings
    codings_by_doc = {d: part for d, part in codings.groupby("doc_id", sort=False)}
    per_wave_values = study.case_waves.set_index(["case_id", "wave_id"]) if per_wave else None
    kept_values = _source_values(study)  # read once, not per source
    own_columns = document_columns(study)
    for position, doc in zip(study.documents.index, study.documents.itertuples(index=False)):
        guid = guids("source", doc.doc_id)
        # An imported source's own name ("ICLS 2024 3-10", "Мария W1") where qlr's id was made from it; else the id.
        shown = doc.source if isinstance(doc.source, str) and doc.source.strip() and source_id(doc.source) == doc.doc_id else doc.doc_id
        element = ET.SubElement(sources, f"{ns}TextSource", _stamped({"guid": guid, "name": str(shown), "plainTextPath": f"internal://{guid}.txt"}, guids))
        said = " ".join(part for part in (str(doc.title) if _plain(doc.title) else "", own_roles.get(str(doc.doc_id), "")) if part)
        if said:
            ET.SubElement(element, f"{ns}Description").text = said
        details["guids"][guid] = _document_block(doc, segments_by_doc.get(doc.doc_id))
        files[f"sources/{guid}.txt"] = str(doc.text if not pd.isna(doc.text) else "").encode("utf-8")
        _selections(element, ns, doc, codings_by_doc.get(doc.doc_id), guids, details, positions=positions)
        for memo in study.memos[(study.memos["target_type"] == "document") & (study.memos["target_id"] == doc.doc_id)].itertuples(index=False):
            ET.SubElement(element, f"{ns}NoteRef", {"targetGUID": guids("note", memo.memo_id)})
        if not pd.isna(doc.wave_id):
            _typed_value(element, ns, guids("variable", "Wave"), str(doc.wave_id), kind="Text")
        written = {"Wave"}
        if per_wave_values is not None and not pd.isna(doc.case_id) and (doc.case_id, doc.wave_id) in per_wave_values.index:
            row = per_wave_values.loc[(doc.case_id, doc.wave_id)]
            for name in per_wave:
                if name not in attribute_names and _plain(row[name]) is not None:
                    _typed_value(element, ns, guids("variable", f"{name} (per wave)"), row[name], kind=kinds[f"{name} (per wave)"])
                    written.add(f"{name} (per wave)")
        # The document's own columns (its variables: an interviewer, a site), each typed as its column; as the tool
        # wrote it where it came in from one with this value.
        kept_here = kept_values.get(str(doc.doc_id), {})
        for name in own_columns:
            held = study.documents.at[position, name]
            value = _plain(held)
            if value is None or name in written:
                continue
            came = kept_here.get(name)
            if came is None or not _same_as_written(value, came):
                _typed_value(element, ns, guids("variable", name), held, kind=kinds[name])
                written.add(name)
        # Attributes the source came in with (NVivo's and ATLAS.ti's document variables), as the tool wrote them.
        for name, (tag, text) in kept_here.items():
            if name not in written:
                value = ET.SubElement(element, f"{ns}VariableValue")
                ET.SubElement(value, f"{ns}VariableRef", {"targetGUID": guids("variable", name)})
                ET.SubElement(value, f"{ns}{tag}").text = text
    return files


#: The REFI value element of each variable type, and back.
_VALUE_TYPES = {"TextValue": "Text", "BooleanValue": "Boolean", "IntegerValue": "Integer", "FloatValue": "Float", "DateValue": "Date", "DateTimeValue": "DateTime"}


def document_columns(study: Any) -> list[str]:
    """The documents' own columns beyond qlr's fields (a QDA tool's document variables, an ``attributes:`` table's
    values per document): written as each source's variables, and named in qlr's details so they come back as columns."""
    fields = set(SCHEMAS["documents"])
    return [str(name) for name in study.documents.columns if name not in fields and str(name) != "Wave"]


def _same_as_written(value: Any, came: tuple[str, str]) -> bool:
    """Whether a document's value is the one its tool wrote (value element, text), so that the tool's form is kept."""
    tag, text = came
    if tag in ("IntegerValue", "FloatValue"):
        try:
            return isinstance(value, (int, float)) and not isinstance(value, bool) and float(text) == float(value)
        except ValueError:
            return False
    if tag == "BooleanValue":
        return isinstance(value, bool) and value == (text.strip().lower() in ("true", "1"))
    if tag == "DateValue":
        return str(value) == text.strip()[:10]
    return str(value) == (text if tag == "TextValue" else text.strip())


def _source_values(study: Any) -> dict[str, dict[str, tuple[str, str]]]:
    """{doc id: {variable: (value element, text)}} kept by the importer; anything of another shape is not qlr's and is ignored."""
    kept = (study.meta.get("import") or {}).get("source_values") if isinstance(study.meta.get("import"), dict) else None
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for doc_id, values in (kept or {}).items() if isinstance(kept, dict) else ():
        if isinstance(values, dict):
            out[str(doc_id)] = {
                str(name): (pair[0], pair[1]) for name, pair in values.items() if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] in _VALUE_TYPES and isinstance(pair[1], str)
            }
    return out


def _declared_roles(study: Any) -> tuple[str, dict[str, str]]:
    """The speaker roles ``study.yaml`` declared, as NVivo and the other tools keep them: (a sentence of the project's
    description for the labels declared alike in every document they speak in, `` Speaker roles from study.yaml:
    Carer = other; INT = interviewer.`` or ``""``; {doc id: a sentence of its source's description for the rest,
    ``Speaker roles in this document: SPEAKER_00 = interviewer.``}).

    The segments' roles go in qlr's details file, which those tools drop, and a label's turns read again from the
    text would take the role its wording gives (a carer's ``other`` became ``participant``).  A label whose role
    differs by document (diarised ``SPEAKER_00`` asking in one file and answering in another), or that is declared in
    some of the documents it speaks in only, is said in each document that declares it, so that every other document
    reads it as it did.  Labels are told apart as the reader matches them, by lower case.  A label holding ``;`` or
    ``=`` cannot be said in either sentence; a warning names it.
    """
    from ._segment import speaker_labels

    labels = speaker_labels(study) if len(study.segments) else pd.DataFrame()
    if labels.empty:
        return "", {}
    labels = labels.assign(speaker=labels["speaker"].astype(str), manifest=labels["decided_by"].eq("manifest").to_numpy(dtype=bool))
    pairs: list[str] = []
    own: dict[str, list[str]] = {}
    left_out: list[str] = []
    for _, rows in labels.groupby(labels["speaker"].str.lower(), sort=False):
        declared = rows[rows["manifest"].to_numpy(dtype=bool)]
        if declared.empty:
            continue
        if any(set(label) & {";", "="} for label in declared["speaker"]):
            left_out.extend(dict.fromkeys(declared["speaker"]))
            continue
        roles = set(declared["role"].astype(str))
        if len(roles) == 1 and len(declared) == len(rows) and declared["speaker"].nunique() == 1:
            pairs.append(f"{declared['speaker'].iloc[0]} = {next(iter(roles))}")
            continue
        for doc_id, label, role in zip(declared["doc_id"].astype(str), declared["speaker"], declared["role"].astype(str)):
            own.setdefault(doc_id, []).append(f"{label} = {role}")
    if left_out:
        shown = first_few((repr(label) for label in left_out), shown=5)
        warn(
            f"{len(left_out)} speaker label(s) of study.yaml not written into the project's or a source's description, as the"
            f" label holds ';' or '=': {shown}. qlr reads their roles back from this file; a round trip through NVivo or"
            " another tool drops them, and their turns' roles are guessed again from the text",
            QlrWarning,
        )
    everywhere = f" {_DECLARED_ROLES} " + "; ".join(pairs) + "." if pairs else ""
    sentences = {doc_id: f"{_DOCUMENT_ROLES} " + "; ".join(said) + "." for doc_id, said in own.items()}
    for doc_id, said in _speakers_as_cases(study).items():
        sentences[doc_id] = " ".join(part for part in (sentences.get(doc_id), said) if part)
    return everywhere, sentences


def _speakers_as_cases(study: Any) -> dict[str, str]:
    """{doc id: the sentence of its source's description naming the speakers who are the study's cases there}
    (``meta["speaker_cases"]``: ``speakers: {Ben: ben}`` in study.yaml, a focus group's speakers read by the cases'
    names), each case by the name its REFI-QDA Case is exported under: ``Speakers who are the study's cases in this
    document: Ben = ben.`` A joint voice, a label two or more cases speak at once ("Dai and Kwame", "Both"), names its
    cases joined by ``+``: ``Dai and Kwame = P01 + P05``; after a selection of cases (``study.sel(case=[...])``) it
    keeps its whole list, a case left out by its id, so that it is not said as one case's own voice. A tool that drops
    qlr's details file (NVivo) keeps it, and :func:`read_qdpx` reads it back. A label or name holding ``;`` or ``=``
    (or, for a joint voice, a name holding ``+``) cannot be said, and is named by a warning.

    >>> from types import SimpleNamespace
    >>> import pandas as pd
    >>> study = SimpleNamespace(meta={"speaker_cases": {"ann_W1": {"Ben": "ben", "Both": ["ann", "ben"]}}},
    ...                         cases=pd.DataFrame({"case_id": ["ann", "ben"], "label": ["Ann Lee", "Ben Ode"]}))
    >>> _speakers_as_cases(study)
    {'ann_W1': "Speakers who are the study's cases in this document: Ben = Ben Ode; Both = Ann Lee + Ben Ode."}
    >>> study.cases = study.cases.iloc[:1]  # Ann selected alone
    >>> _speakers_as_cases(study)
    {'ann_W1': "Speakers who are the study's cases in this document: Both = Ann Lee + ben."}
    """
    record = study.meta.get("speaker_cases") or {}
    if not isinstance(record, Mapping) or not record:
        return {}
    cases = study.cases
    named = {str(case): str(label) if _plain(label) else str(case) for case, label in zip(cases["case_id"], cases["label"] if "label" in cases else cases["case_id"])}
    sentences: dict[str, str] = {}
    left_out: list[str] = []
    for doc_id, labels in record.items():
        pairs = []
        for label, case in (labels or {}).items() if isinstance(labels, Mapping) else ():
            ones = [one for one in dict.fromkeys(case if isinstance(case, list | tuple) else [case]) if isinstance(one, str)]
            if not any(one in named for one in ones):
                continue  # a case the study does not hold (a selection of other cases): no one's here
            # A joint voice keeps its whole list, a case the selection left out by its id: "Dai and Kwame = P01 + P05"
            # after sel(case=["P01", "P02"]) is still P01's and P05's voice, not P01's own.
            whose = [named.get(one, one) for one in ones] if isinstance(case, list | tuple) else [named[case]]
            if set(f"{label}{''.join(whose)}") & {";", "="} or (len(whose) > 1 and any(_JOINT_CASES.strip() in name for name in whose)):
                left_out.append(str(label))
                continue
            pairs.append(f"{label} = {_JOINT_CASES.join(whose)}")
        if pairs:
            sentences[str(doc_id)] = f"{_DOCUMENT_CASES} " + "; ".join(pairs) + "."
    if left_out:
        warn(
            f"{len(left_out)} speaker label(s) that are the study's cases not written into their source's description, as the"
            f" label or its case's name holds ';' or '=' (or, for a voice of several cases, a name holds '+'): "
            f"{', '.join(repr(label) for label in dict.fromkeys(left_out))}. qlr reads"
            " them back from this file; a round trip through NVivo or another tool drops them, and their turns count for no case",
            QlrWarning,
        )
    return sentences


def _document_block(doc: Any, segs: pd.DataFrame | None) -> dict[str, Any]:
    """qlr's own details of a document and its segments (offsets in code points of the stored text, whatever ``positions``)."""
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


def _selections(element: ET.Element, ns: str, doc: Any, mine: pd.DataFrame | None, guids: _Guids, details: dict[str, Any], *, positions: str) -> None:
    """One <PlainTextSelection> per selection that came in, and per span coded in qlr, holding its codings (what REFI has no place for in ``details``)."""
    if mine is None:
        return
    text = str(doc.text if not pd.isna(doc.text) else "")
    position = _utf16_units(text) if positions == "utf16" else int
    kept = guids.kept.get("selection") or {}
    names = guids.kept.get("selection_name") or {}
    # A selection that came in stays one selection (two coders may have selected the same span).
    groups: dict[tuple[int, int, str], list[Any]] = {}
    for coding in mine.itertuples(index=False):
        groups.setdefault((int(coding.start), int(coding.end), kept.get(str(coding.coding_id), "")), []).append(coding)
    for start, end, came_in in sorted(groups):
        group = groups[(start, end, came_in)]
        first = min(group, key=lambda coding: _datetime(coding.created) or "~")  # the earliest coding made the selection
        attributes = {
            "guid": guids("selection", came_in, came_in=came_in) if came_in else guids("selection", doc.doc_id, start, end),
            # The name a selection came in with (qc's "line:6", a renamed quotation); a span qlr coded is named by its text.
            "name": str(names[came_in]) if came_in and isinstance(names.get(came_in), str) else text[start:end],
            "startPosition": str(position(start)),
            "endPosition": str(position(end)),
            **_made_by(first.coder, first.created, guids),
        }
        selection = ET.SubElement(element, f"{ns}PlainTextSelection", _stamped(attributes, guids))
        for coding in group:
            attributes = {"guid": guids("coding", coding.coding_id), **_made_by(coding.coder, coding.created, guids)}
            child = ET.SubElement(selection, f"{ns}Coding", attributes)
            block = _coding_block(coding)
            if block:
                details["guids"][attributes["guid"]] = block
            ET.SubElement(child, f"{ns}CodeRef", {"targetGUID": guids.code(coding.codebook, coding.code_id)})


#: A coding's fields the REFI <Coding> has no place for; without them an import of the export
#: would make every rule coding an imported one (origin "import") and count its discounted matches.
_CODING_FIELDS = ("origin", "confidence", "indicator", "status", "assertion", "weight")


def _coding_block(coding: Any) -> dict[str, Any]:
    """What an import needs to give ``coding`` back as it was; empty for a plain imported coding with a time."""
    block = {field: _plain(getattr(coding, field, None)) for field in _CODING_FIELDS}
    block = {field: value for field, value in block.items() if value is not None and not (field == "origin" and value == "import")}
    if block:
        # creationDateTime has whole seconds: the exact time (or none) goes beside it.
        block.update(coding_id=str(coding.coding_id), created=_plain(coding.created))
    return block


def _utf16_units(text: str) -> Any:
    """Code point index → UTF-16 unit index in ``text`` (an astral character is two units)."""
    astral = np.flatnonzero(_code_points(text) > 0xFFFF)
    return lambda index: index + int(np.searchsorted(astral, index, side="left"))


def _made_by(user: Any, created: Any, guids: _Guids) -> dict[str, str]:
    """The ``creatingUser`` of a selection, coding or note (``qlr`` where not known), and its ``creationDateTime`` where known.

    The schema makes ``creationDateTime`` optional: an unknown time is left
    out rather than given the export's, which would read as when it was made.
    """
    made = {"creatingUser": guids("user", DEFAULT_USER if pd.isna(user) else str(user))}
    when = _datetime(created)
    if when is not None:
        made["creationDateTime"] = when
    return made


def _stamped(attributes: dict[str, str], guids: _Guids) -> dict[str, str]:
    """``attributes`` of a source, selection or note with who made and last changed it, as it came in (``guids.kept["stamps"]``)."""
    kept = (guids.kept.get("stamps") or {}).get(attributes["guid"])
    if not isinstance(kept, dict):
        return attributes
    stamped = dict(attributes)
    for attribute in ("creatingUser", "creationDateTime", "modifyingUser", "modifiedDateTime"):
        value = kept.get(attribute)
        if not isinstance(value, str) or not value:
            continue
        if attribute.endswith("User"):
            stamped[attribute] = guids("user", value)
        elif (when := _datetime(value)) is not None:
            stamped[attribute] = when
    return stamped


def _notes_element(root: ET.Element, ns: str, study: Any, guids: _Guids, details: dict[str, Any]) -> None:
    """Memos as notes; what a memo is about, in ``details``."""
    if not len(study.memos):
        return
    notes = ET.SubElement(root, f"{ns}Notes")
    for memo in study.memos.itertuples(index=False):
        guid = guids("note", memo.memo_id)
        # A note's own name (an imported "Research Plan"), else what the memo is about.
        title = _plain(memo.title)
        attributes = {"guid": guid, "name": str(title) if title else f"{memo.target_type}: {memo.target_id}", **_made_by(memo.author, memo.created, guids)}
        note = ET.SubElement(notes, f"{ns}Note", _stamped(attributes, guids))
        details["guids"][guid] = {
            "memo_id": memo.memo_id,
            "target_type": memo.target_type,
            "target_id": memo.target_id,
            "author": _plain(memo.author),
            "created": _plain(memo.created),
            "title": title,
        }
        if _plain(memo.description):
            ET.SubElement(note, f"{ns}Description").text = str(memo.description)
        ET.SubElement(note, f"{ns}PlainTextContent").text = str(memo.text)


def _note_refs(root: ET.Element, ns: str, study: Any, guids: _Guids) -> None:
    """A ``<NoteRef>`` to each memo from what it is about, where the schema has a place: a coding, a code, the project.

    (A document's are written with its source.) A tool that reads the file shows the memo on its
    coding or code; without the reference it is a free-standing note named "coding: …".
    """
    memos = study.memos[study.memos["target_type"].isin(["coding", "code", "study"])]
    if not len(memos):
        return
    by_guid = {element.get("guid"): element for element in root.iter() if element.tag in (f"{ns}Coding", f"{ns}Code")}
    for memo in memos.itertuples(index=False):
        note = guids("note", memo.memo_id)
        if memo.target_type == "study":
            ET.SubElement(root, f"{ns}NoteRef", {"targetGUID": note})  # after the project's Description, as the schema orders it
            continue
        guid = guids("coding", memo.target_id) if memo.target_type == "coding" else guids.codes.get(str(memo.target_id))
        element = by_guid.get(guid)
        if element is None:
            continue  # a memo on what the file does not hold: the note stands alone, its details say on what
        reference = ET.Element(f"{ns}NoteRef", {"targetGUID": note})
        # In a Code, after its Description and before its child Codes; in a Coding, after its CodeRef.
        before = next((i for i, child in enumerate(element) if child.tag == f"{ns}Code"), len(element))
        element.insert(before, reference)


def _sets_element(root: ET.Element, ns: str, study: Any, codebooks: list[Any], guids: _Guids, details: dict[str, Any]) -> None:
    """The Sets and code groups the project came with, then a set per wave; the wave table in ``details``."""
    came_in = _sets_that_came_in(study, codebooks)
    by_name = {record["name"]: record for record in came_in}
    wave_sets = []
    for wave in study.waves.itertuples(index=False):
        # qlr wrote this set before (or the tool kept it): the same set again, members as they are now.
        earlier = by_name.pop(f"{_WAVE_SET}{wave.wave_id}", None) or {}
        members = study.documents.loc[study.documents["wave_id"] == wave.wave_id, "doc_id"]
        label = wave.label if not pd.isna(wave.label) else wave.wave_id
        wave_sets.append({"name": f"{_WAVE_SET}{wave.wave_id}", "guid": earlier.get("guid") or _wave_set_guid(wave.wave_id), "description": str(label), "sources": list(members)})
    details["waves"] = [{"wave_id": w.wave_id, "order": int(w.order), "label": _plain(w.label), "start": _plain(w.start), "end": _plain(w.end)} for w in study.waves.itertuples(index=False)]
    records = [*by_name.values(), *wave_sets]
    if not records:
        return
    sets = ET.SubElement(root, f"{ns}Sets")
    left_out = []
    for record in records:
        element = ET.SubElement(sets, f"{ns}Set", {"guid": guids("set", record["name"], came_in=record.get("guid")), "name": record["name"]})
        if record.get("description"):
            ET.SubElement(element, f"{ns}Description").text = str(record["description"])
        code_guids = [guids.codes.get(code_id) for code_id in record.get("codes") or []]
        source_guids = [guids.known("source", source) for source in record.get("sources") or []]
        note_guids = [guid for guid in record.get("other") or [] if guid in guids.used]
        for tag, found in (("MemberCode", code_guids), ("MemberSource", source_guids), ("MemberNote", note_guids)):
            for guid in found:
                if guid:
                    ET.SubElement(element, f"{ns}{tag}", {"targetGUID": guid})
        named = [*(record.get("codes") or []), *(record.get("sources") or [])]
        missing = [member for member, guid in zip(named, [*code_guids, *source_guids]) if not guid]
        missing += [guid for guid in record.get("other") or [] if guid not in guids.used]
        if missing:
            left_out.append(f"{record['name']!r} ({len(missing)}: {', '.join(map(str, missing[:3]))}{'…' if len(missing) > 3 else ''})")
    if left_out:
        warn(
            "write_qdpx: members of these Sets are not in the study (sources qlr did not import, such as pictures or PDFs) and were left out of them: " + "; ".join(left_out),
            RowsRefusedWarning,  # data the project kept and the file does not hold: exit status 3
        )


def _sets_that_came_in(study: Any, codebooks: list[Any]) -> list[dict[str, Any]]:
    """The project's Sets (``study.meta["import"]["sets"]``) and the codebooks' code groups, each once."""
    found: dict[str, dict[str, Any]] = {}
    for record in [*((study.meta.get("import") or {}).get("sets") or []), *(s for cb in codebooks for s in getattr(cb, "sets", None) or [])]:
        key = record.get("guid") or record.get("name")
        found.setdefault(str(key), record)
    return list(found.values())


def _json_value(value: Any) -> Any:
    """A value of a details entry that JSON has no type for (a date, a numpy number), as plain data; anything else is an error."""
    plain = _plain(value)
    if plain is value:
        raise TypeError(f"qlr cannot write {type(value).__name__} {value!r} to the project's details")
    return plain


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


def _when(value: Any) -> date | datetime | None:
    """A value that is a day (a ``date``, a pandas timestamp at midnight) as a ``date``, a moment as a ``datetime``;
    ``None`` for anything else, a missing date (``NaT``, a date column's gap) too.

    >>> _when(pd.NaT), _when(pd.Timestamp("2021-03-02")), _when(np.datetime64("NaT"))
    (None, datetime.date(2021, 3, 2), None)
    """
    if value is pd.NaT:  # a datetime by its class, but no day
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date() if value == value.normalize() and value.tz is None else value.to_pydatetime()
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, np.datetime64) and not np.isnat(value):
        return _when(pd.Timestamp(value))
    return None


def _kind_of(values: Any) -> str:
    """The REFI type of a variable holding ``values``: Integer, Float, Boolean, Date (days), DateTime (moments, or days
    and moments), else Text.

    >>> [_kind_of(v) for v in ([1, None, 2], [1, 2.5], [True], [date(2021, 3, 1), pd.Timestamp("2021-03-02")],
    ...                         [date(2021, 3, 1), pd.Timestamp("2021-03-02 10:30")], [date(2021, 3, 1), "n/a"], [pd.Timestamp("2021-03-02"), pd.NaT])]
    ['Integer', 'Float', 'Boolean', 'Date', 'DateTime', 'Text', 'Date']
    """
    kinds = set()
    for value in values:
        when = _when(value)
        if when is not None:
            kinds.add("DateTime" if isinstance(when, datetime) else "Date")
        elif _plain(value) is not None:
            kinds.add(type(_plain(value)))
    if not kinds:
        return "Text"
    if kinds == {int}:
        return "Integer"
    if kinds <= {int, float}:
        return "Float"
    if kinds == {bool}:
        return "Boolean"
    if kinds <= {"Date", "DateTime"}:
        return "Date" if kinds == {"Date"} else "DateTime"
    return "Text"


def _typed_value(parent: ET.Element, ns: str, variable_guid: str, value: Any, *, kind: str) -> None:
    """A value in its variable's declared type (``kind``): a number where the variable is Text (people.csv's ``age``
    34 beside a front matter's ``age: 18`` read as text) is written as text ("34"), never a <FloatValue> under a Text
    variable."""
    element = ET.SubElement(parent, f"{ns}VariableValue")
    ET.SubElement(element, f"{ns}VariableRef", {"targetGUID": variable_guid})
    when = _when(value) if kind in ("Date", "DateTime") else None
    if when is not None:  # xsd:date "2021-03-01", xsd:dateTime "2021-03-01T10:30:00" (a day under DateTime at midnight)
        if kind == "Date":
            ET.SubElement(element, f"{ns}DateValue").text = when.isoformat()
        else:
            moment = when if isinstance(when, datetime) else datetime(when.year, when.month, when.day)
            ET.SubElement(element, f"{ns}DateTimeValue").text = moment.isoformat()
        return
    value = _plain(value)
    if kind == "Text":
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 34, as written in the table (a column with a gap holds its whole numbers as floats)
        ET.SubElement(element, f"{ns}TextValue").text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    elif isinstance(value, bool):
        ET.SubElement(element, f"{ns}BooleanValue").text = "true" if value else "false"
    elif isinstance(value, float) or (kind == "Float" and isinstance(value, int)):
        ET.SubElement(element, f"{ns}FloatValue").text = repr(float(value))
    elif isinstance(value, int):
        ET.SubElement(element, f"{ns}IntegerValue").text = str(value)
    else:
        ET.SubElement(element, f"{ns}TextValue").text = str(value)
