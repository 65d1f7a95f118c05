"""REFI-QDA codebooks (``.qdc``): read from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette; write valid files.

What qlr writes validates against the REFI-QDA ``Codebook.xsd``.  The standard
has no room for a definition's include/exclude criteria, examples, indicators,
ladder evidence or lineage, so qlr keeps them in each code's ``Description``
after a ``[qlr]`` line (other tools show it as text), and the codebook's own
name, version, ladder and lineage in a set named ``qlr codebook``.  Reading such
a file back gives the same codebook.

Reading is lenient with the variants real tools write, warning about each:
Taguette's empty ``<Sets/>``, ATLAS.ti's ``Parent::Child`` names, GUIDs in either
case or in braces, and the ``urn:QDA-XML:codebook:1:0`` namespace typo.  The
draft namespace ``urn:QDA-XML:codebook:0:4``, which MAXQDA 24 writes in its
codebook exports (the elements are those of 1.0), is read as 1.0 without a
warning.  XML with entity declarations or external entities is refused.

Taguette's tags are flat: a tag is one name, whatever it holds, and Taguette
exports each as a top-level code (1.5 has no tag tree; its only grouping is that
a tag's highlights list shows those of every tag whose name begins with it).  So
a file whose ``origin`` is Taguette keeps every name whole: "Coping::denial" and
"interesting\\places" are codes of those names, not a code under another.
"""

from __future__ import annotations

import os
import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .._atomic import write_bytes_atomic
from .._ids import is_guid
from .._names import slug
from .._output import is_hex_colour
from .._version import __version__
from .._warned import warn
from .._words import first_few
from ..errors import CodebookError, CodebookSyntaxError, QlrWarning, SourceNotFoundError
from ._xml import parse_untrusted_xml

__all__ = ["read_qdc", "write_qdc", "NAMESPACE"]

NAMESPACE = "urn:QDA-XML:codebook:1.0"
_TYPO_NAMESPACE = "urn:QDA-XML:codebook:1:0"
# The draft namespace MAXQDA 24 writes in its .qdc exports (schemaLocation "urn:QDA-XML:codebook:0:4
# Codebook.xsd", also named by ATLAS.ti 23's files); its elements are those of 1.0.
DRAFT_NAMESPACE = "urn:QDA-XML:codebook:0:4"
_MARK = "[qlr]"
_META_SET = "qlr codebook"
# The key of the qlr codebook set under which each code's own fields are kept, by GUID.
_CODE_FIELDS = "code_fields"


def _guid(codebook_id: str, code_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"qlr:{codebook_id}:{code_id}"))


def _yaml_dump(data: Any) -> str:
    import yaml

    # libyaml's emitter where PyYAML has it: a project's details are large, the Python emitter slow.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)


def write_qdc(codebook: Any, path: str | os.PathLike[str]) -> None:
    """Write ``codebook`` as a REFI-QDA ``.qdc`` file (atomically).

    Each code's ``Description`` holds the researcher's own text only (its
    definition, then its include and exclude criteria); qlr's other fields
    (ids, examples, indicators, ladder evidence, the codebook's version and
    ladder) ride in one set named ``qlr codebook``, keyed by code GUID, which
    other tools show as an empty set and qlr reads back.  Themes are written
    ``isCodable="false"``, codes ``isCodable="true"``.  GUIDs the codebook was
    read with (``codebook.guids``) are kept; other codes get GUIDs derived
    from the codebook and code ids, so writing twice gives the same file.  The
    codebook's code groups (``codebook.sets``, as :func:`read_qdc` reads them)
    are written as Sets.

    Parameters
    ----------
    codebook : Codebook
        The codebook.
    path : str or path-like
        The file to write (replaced if it exists).

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> cb = qlr.read_codebook("coproduction")
    >>> path = os.path.join(tempfile.mkdtemp(), "coproduction.qdc")
    >>> qlr.io.write_qdc(cb, path)
    >>> qlr.read_codebook(path) == cb
    True
    """
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}CodeBook", {"origin": f"qlr {__version__}"})
    guid_of = kept_code_guids(codebook)
    codes, fields = codes_element(codebook, NAMESPACE, guid_of=guid_of)
    root.append(codes)
    meta = codebook.to_dict()
    for key in ("themes", "codes"):
        meta.pop(key, None)
    sets = ET.SubElement(root, f"{{{NAMESPACE}}}Sets")
    meta_set = ET.SubElement(sets, f"{{{NAMESPACE}}}Set", {"guid": _guid(codebook.id, "__codebook__"), "name": _META_SET})
    ET.SubElement(meta_set, f"{{{NAMESPACE}}}Description").text = f"{_MARK}\n{_yaml_dump({**meta, _CODE_FIELDS: fields})}"
    left_out = []
    for group in getattr(codebook, "sets", None) or []:
        members = [guid_of(code_id) for code_id in group.get("codes") or [] if code_id in codebook]
        others = len(group.get("codes") or []) - len(members) + len(group.get("sources") or []) + len(group.get("other") or [])
        if others or not members:
            left_out.append(f"{group.get('name')!r} ({others} of {others + len(members)})")
        if not members:
            continue  # a Set in a codebook is a group of codes: one without codes has no place here
        element = ET.SubElement(sets, f"{{{NAMESPACE}}}Set", {"guid": group.get("guid") or _guid(codebook.id, f"set:{group.get('name')}"), "name": str(group.get("name") or "")})
        if group.get("description"):
            ET.SubElement(element, f"{{{NAMESPACE}}}Description").text = str(group["description"])
        for guid in members:
            ET.SubElement(element, f"{{{NAMESPACE}}}MemberCode", {"guid": guid})
    if left_out:
        warn(f"{path}: a codebook's Sets hold codes only; members that are not codes of this codebook were left out of: " + "; ".join(left_out), QlrWarning)
    ET.indent(root, space="  ")
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    write_bytes_atomic(path, data)


def kept_code_guids(codebook: Any, kept: dict[str, str] | None = None) -> Any:
    """``guid_of(code_id)``: the GUID a code came in with (``codebook.guids`` or ``kept``), else one derived from the ids."""
    came_in = {code_id: guid for guid, code_id in (getattr(codebook, "guids", None) or {}).items()}
    came_in.update(kept or {})
    # An id that was no GUID ("c001") is not written back: the file must validate.
    came_in = {code_id: guid for code_id, guid in came_in.items() if is_guid(guid)}
    return lambda code_id: came_in.get(code_id) or _guid(codebook.id, code_id)


def codes_element(codebook: Any, namespace: str, guid_of: Any = None, tag: dict[str, Any] | None = None) -> tuple[ET.Element, dict[str, dict[str, Any]]]:
    """The ``<Codes>`` element of a codebook, and qlr's own fields of each code by GUID.

    A code's ``Description`` is the researcher's text (definition, include,
    exclude); everything else qlr needs to read the code back goes in the
    returned mapping, which the writers store beside the codes.  Themes are
    ``isCodable="false"``.  ``guid_of(code_id)`` gives each code's GUID (by
    default derived from the codebook and code ids).  ``tag`` adds fields to
    every code's entry.
    """
    guid_of = guid_of or (lambda code_id: _guid(codebook.id, code_id))
    data = codebook.to_dict()
    entries = {entry["id"]: entry for entry in data["themes"] + data["codes"]}
    root = ET.Element(f"{{{namespace}}}Codes")
    elements: dict[str, ET.Element] = {}
    fields: dict[str, dict[str, Any]] = {}
    for position, code in enumerate(codebook):
        parent = elements[code.parent] if code.parent else root
        guid = guid_of(code.id)
        attributes = {"guid": guid, "name": code.name, "isCodable": "false" if code.kind == "theme" else "true"}
        if code.colour and is_hex_colour(code.colour):
            attributes["color"] = code.colour
        element = ET.Element(f"{{{namespace}}}Code", attributes)
        extra: dict[str, Any] = {"id": code.id, "kind": code.kind, "position": position, **(tag or {})}
        entry = entries[code.id]
        for key in ("include", "exclude", "memo", "examples", "indicators", "evidence", "counts"):
            if key in entry:
                extra[key] = entry[key]
        if isinstance(extra.get("evidence"), dict):  # always a list here, as qlr has always written it
            extra["evidence"] = [extra["evidence"]]
        fields[guid] = extra
        readable = code.definition or ""
        if code.include:
            readable += f"\n\nInclude: {code.include}"
        if code.exclude:
            readable += f"\nExclude: {code.exclude}"
        if readable.strip():
            # Description must come before child codes: children are appended later.
            ET.SubElement(element, f"{{{namespace}}}Description").text = readable.strip()
        parent.append(element)
        elements[code.id] = element
    return root, fields


def parse_xml(data: bytes, path: Path, *, member: str | None = None) -> ET.Element:
    """Parse XML from another tool safely; refuse entities and external references.

    ``member`` names the project file the XML is (``project.qde``, inside the
    archive ``path`` unless the two are one): errors then speak of a project.
    """
    return _parse(data, path, member=member)


def _parse(data: bytes, path: Path, *, member: str | None = None) -> ET.Element:
    return parse_untrusted_xml(
        data,
        path,
        error=CodebookError,
        unsafe_hint="export the codebook again from your QDA tool; a genuine .qdc has no DTD entities",
        malformed_hint="check that the file is a complete .qdc export"
        if member is None
        else "the export is damaged or cut short; export the project again from the QDA tool",
        member=member,
    )


def read_qdc(path: str | os.PathLike[str]) -> Any:
    """Read a REFI-QDA ``.qdc`` codebook (see the module docstring for the variants accepted).

    Every code the file marks codable (``isCodable="true"``; a code without the
    attribute counts as codable) is a qlr code that codings can use, at any depth:
    a codable top-level code is a code with no parent theme, and the codes nested
    in it have it as their parent.  A top-level code marked ``isCodable="false"``
    (and a parent only a flattened name implies) is a theme.  Flattened names
    (``Parent::Child``, ``Parent\\Child``) are unflattened, except in a file
    Taguette wrote (``origin="Taguette …"``): its tags are flat, so each name
    stays whole.  Code ids come from the ``[qlr]`` block when qlr wrote the
    file, else from the names (``parent.child``; ``coping_denial`` for a
    Taguette tag "Coping::denial").

    Parameters
    ----------
    path : str or path-like
        The ``.qdc`` file.

    Returns
    -------
    Codebook
        The codebook, with ``.guids`` mapping each REFI GUID to a code id and
        ``.sets`` listing the file's Sets (code groups) with their member codes.

    Raises
    ------
    CodebookError
        The file is not a REFI-QDA codebook, or is inconsistent.

    Examples
    --------
    A codebook exported by another tool (a theme, not codable, with a nested code;
    a codable top-level code):

    >>> import qlr, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "support.qdc")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write(
    ...         '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
    ...         '<Code guid="0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b01" name="Peer networks" isCodable="false" color="#009E73">'
    ...         '<Code guid="0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b02" name="Peer support" isCodable="true">'
    ...         '<Description>Carers helping each other.</Description></Code></Code>'
    ...         '<Code guid="0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b03" name="Isolation" isCodable="true"/>'
    ...         '</Codes></CodeBook>')
    >>> cb = qlr.io.read_qdc(path)
    >>> [(c.id, c.kind, c.parent) for c in cb]
    [('peer_networks', 'theme', None), ('peer_networks.peer_support', 'code', 'peer_networks'), ('isolation', 'code', None)]
    >>> cb["peer_networks.peer_support"].definition, cb.colour_of("peer_networks.peer_support")
    ('Carers helping each other.', '#009E73')
    """
    from .._yaml import parse_yaml

    source = Path(path)
    if not source.is_file():
        raise SourceNotFoundError("no such codebook file", path=source)
    root = _parse(source.read_bytes(), source)
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    local = root.tag.rsplit("}", 1)[-1]
    if local != "CodeBook":
        raise CodebookError(f"the root element is <{local}>, not <CodeBook>", path=source, hint="is this a .qdpx project rather than a .qdc codebook?")
    notes: list[str] = []
    if namespace == _TYPO_NAMESPACE:
        notes.append(f"the namespace is written {_TYPO_NAMESPACE!r} (a colon for the dot of 1.0)")
    elif namespace not in (NAMESPACE, DRAFT_NAMESPACE, ""):
        raise CodebookError(
            f"unknown namespace {namespace!r}: this is not a REFI-QDA codebook qlr knows (REFI-QDA codebooks use {NAMESPACE}, or {DRAFT_NAMESPACE} as MAXQDA 24 writes it)",
            path=source,
            hint="export the codebook again from your QDA tool as a REFI-QDA codebook (.qdc)",
        )
    elif namespace == "":
        notes.append("the file declares no REFI-QDA namespace")
    ns = f"{{{namespace}}}" if namespace else ""

    sets = root.find(f"{ns}Sets")
    meta: dict[str, Any] = {}
    if sets is not None:
        if len(sets) == 0:
            notes.append("an empty <Sets/> element (the schema requires at least one Set)")
        for item in sets.findall(f"{ns}Set"):
            if item.get("name") == _META_SET:
                text = (item.findtext(f"{ns}Description") or "").split(_MARK, 1)[-1]
                meta = parse_yaml(text, source, error=CodebookSyntaxError) or {}
    # qlr's fields of each code, by GUID (files before 0.x kept them in each Description's [qlr] block).
    fields = meta.pop(_CODE_FIELDS, None) if isinstance(meta, dict) else None

    codes_node = root.find(f"{ns}Codes")
    if codes_node is None:
        raise CodebookError("the codebook has no <Codes> element", path=source, hint="export the codebook again")
    notes.extend(drop_repeated_codes(codes_node, ns))
    codebook = build_codebook(codes_node, ns, source, meta, notes, fields=fields, origin=root.get("origin"))
    # Code groups (ATLAS.ti) and Sets ride beside the codebook, as its GUIDs do.
    codebook.sets = read_sets(root, ns, codebook.guids)  # type: ignore[attr-defined]
    return codebook


def drop_repeated_codes(codes_node: ET.Element, ns: str) -> list[str]:
    """Leave out of ``codes_node`` (in memory) each second copy of a ``<Code>``, and say so: ``[]`` when none.

    QualCoder's export writes a code that has both a category and a parent code twice, with one GUID and name: under
    its parent code and again under its category.  The copy under a codable ``<Code>`` (its parent code, where
    QualCoder's own project and :func:`qlr.io.read_qualcoder` put it) is kept, with the codes below it; the other is
    left out.  Any other repeat (two codes of one GUID and different names, or side by side) stays, for the reader to
    refuse.

    >>> import xml.etree.ElementTree as ET
    >>> codes = ET.fromstring('<Codes><Code guid="c" name="Apoio" isCodable="false"><Code guid="a" name="amizade">'
    ...     '<Code guid="b" name="clube"/></Code><Code guid="b" name="clube"/></Code></Codes>')
    >>> drop_repeated_codes(codes, "")
    ["1 <Code> written twice with one guid, as QualCoder writes a code that has both a category and a parent code, read once, under its parent code: 'clube' (under 'amizade'; its copy under 'Apoio' left out)"]
    >>> [code.get("name") for code in codes.iter("Code")]
    ['Apoio', 'amizade', 'clube']
    """
    said: list[str] = []
    while True:
        parent_of = {child: parent for parent in codes_node.iter() for child in parent}
        copies: dict[str, list[ET.Element]] = {}
        for code in codes_node.iter(f"{ns}Code"):
            copies.setdefault((code.get("guid") or "").strip("{}").lower(), []).append(code)
        under_code = {code: parent.tag == f"{ns}Code" and parent.get("isCodable", "true").lower() != "false" for code, parent in parent_of.items()}
        # QualCoder's shape only: one name, one copy under a codable code, the others elsewhere.
        repeated = next(
            (
                found
                for key, found in copies.items()
                if key and len(found) > 1 and len({c.get("name") for c in found}) == 1 and any(under_code[c] for c in found) and len({id(parent_of[c]) for c in found}) == len(found)
            ),
            None,
        )
        if repeated is None:
            break
        kept = next(c for c in repeated if under_code[c])
        left = ", ".join(repr(parent_of[c].get("name")) if parent_of[c].tag == f"{ns}Code" else "the top" for c in repeated if c is not kept)
        for copy in repeated:
            if copy is not kept:
                parent_of[copy].remove(copy)
        said.append(f"{kept.get('name')!r} (under {parent_of[kept].get('name')!r}; its copy under {left} left out)")
    if not said:
        return []
    return [
        f"{len(said)} <Code> written twice with one guid, as QualCoder writes a code that has both a category and a parent code, "
        f"read once, under its parent code: {'; '.join(said)}"
    ]


def build_codebook(
    codes_node: ET.Element,
    ns: str,
    source: Path,
    meta: dict[str, Any],
    notes: list[str],
    *,
    fields: Any = None,
    origin: str | None = None,
    whole_names: set[str] | frozenset[str] = frozenset(),
) -> Any:
    """A Codebook from a REFI ``<Codes>`` element; also records GUID → code id in ``.guids``.

    The tree is read into the layout of :meth:`Codebook.to_dict` and built by
    :meth:`Codebook.from_dict`, so a ``.qdc`` is validated like a YAML codebook.
    ``fields`` maps a code's GUID to the fields qlr wrote for it beside the
    codes; a code without an entry there is read from its ``[qlr]`` block, if any.
    ``origin`` is the file's ``origin`` attribute: Taguette's tags are flat, so
    their names are not split at ``::`` or ``\\``; nor are ``whole_names``, the
    names such a tool gave outside a ``.qdc`` (Taguette's highlights as codings).
    """
    from ..codebook import Codebook

    tree = _CodeTree(ns, source, fields if isinstance(fields, dict) else {}, flat_names=is_taguette(origin), whole_names=whole_names)
    tree.read_all(codes_node)
    notes.extend(tree.leniency())
    if notes:
        warn(f"{source}: read leniently: " + "; ".join(notes), QlrWarning)
    entries = tree.entries
    if tree.positions:
        entries.sort(key=lambda entry: tree.positions.get(entry["id"], len(tree.positions)))
    themes = [{k: v for k, v in entry.items() if k not in ("kind", "parent")} for entry in entries if entry["kind"] == "theme"]
    codes = [{k: v for k, v in entry.items() if k != "kind"} for entry in entries if entry["kind"] != "theme"]
    # The metadata set holds the rest of to_dict (version, ladder, lineage, …): all
    # of it goes to from_dict, which refuses what it does not know.
    data = {**meta, "name": meta.get("name") or source.stem, "id": meta.get("id") or slug(source.stem), "themes": themes, "codes": codes}
    codebook = Codebook.from_dict(data, source=source)
    codebook.guids = dict(tree.ids)  # type: ignore[attr-defined]
    return codebook


def read_sets(root: ET.Element, ns: str, code_of_guid: dict[str, str], source_of_guid: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Every ``<Set>`` (ATLAS.ti code groups and document groups, NVivo sets) but qlr's own metadata sets, as plain records.

    Each record has the set's ``name``, ``guid``, ``description``, its member
    ``codes`` (code ids) and ``sources`` (``source_of_guid`` names them), and the
    GUIDs of members that are neither (``other``), so nothing a set holds is lost.
    """
    source_of_guid = source_of_guid or {}
    found = []
    for item in root.iter(f"{ns}Set"):
        name = item.get("name") or ""
        if name.startswith(_META_SET) or name == "qlr waves":
            continue
        record: dict[str, Any] = {"name": name, "guid": (item.get("guid") or "").strip("{}").lower(), "description": (item.findtext(f"{ns}Description") or "").strip() or None}
        record.update(codes=[], sources=[], other=[])
        for member in item:
            kind = member.tag.rsplit("}", 1)[-1]
            # ATLAS.ti 23 writes the member's GUID as ``guid``, the schema says ``targetGUID``.
            target = (member.get("targetGUID") or member.get("guid") or "").strip("{}").lower()
            if kind == "MemberCode" and target in code_of_guid:
                record["codes"].append(code_of_guid[target])
            elif kind == "MemberSource" and target in source_of_guid:
                record["sources"].append(source_of_guid[target])
            elif kind.startswith("Member"):
                record["other"].append(target)
        found.append(record)
    return found


def is_taguette(origin: str | None) -> bool:
    """Whether Taguette wrote a file: its ``origin`` attribute (``"Taguette 1.5.2"``), or the tool a codings report was read as.

    Taguette's tags are flat (see the module docstring): every reader of its
    tags asks this, so a tag gets one id from a ``.qdc``, a project and a
    highlights export.
    """
    return str(origin or "").strip().lower().startswith("taguette")


def _codable(element: ET.Element) -> bool:
    """Does the file mark this code codable?  ``isCodable`` is required by the schema; a file without it is read as codable."""
    return (element.get("isCodable") or "true").strip().lower() not in ("false", "0")


class _CodeTree:
    """Reads ``<Code>`` elements, depth first, into ``to_dict`` entries (themes and codes in file order)."""

    def __init__(self, ns: str, source: Path, fields: dict[str, Any], *, flat_names: bool = False, whole_names: set[str] | frozenset[str] = frozenset()) -> None:
        self.ns, self.source = ns, source
        self.flat_names = flat_names  # a tool whose code names hold no hierarchy (Taguette)
        self.whole_names = whole_names  # such a tool's names among others
        self.fields = {str(guid).strip("{}").lower(): value for guid, value in fields.items()}
        self.entries: list[dict[str, Any]] = []  # with their kind
        self.ids: dict[str, str] = {}  # guid (lower case, no braces) → id
        self._not_guids: list[str] = []  # ids a tool wrote that are not GUIDs ("c001")
        self._bad_colours: list[str] = []  # "name ('red')" for colours that are not #RRGGBB
        self._unnamed: list[str] = []  # GUIDs of codes with an empty name
        self.nested = False  # whether the file writes its tree as nested elements (set by read_all)
        self.positions: dict[str, int] = {}  # file order of codes qlr wrote
        self._index: dict[str, int] = {}  # id → its entry's position
        self._implicit: set[str] = set()  # parents made up from flattened names
        self._separators: set[str] = set()
        self._renamed: list[str] = []  # "'name' → id" for codes whose name gave an id another code has
        self._inner_folders: list[str] = []  # "'name' (in 'parent')": not codable below the top (QualCoder's sub-categories)

    def read_all(self, codes_node: ET.Element) -> None:
        """Read every code under ``<Codes>`` in file order (depth first), refusing nesting past the tree's depth limit.

        The walk keeps its own stack rather than recursing, so a file nesting
        20,000 codes ends in one :class:`CodebookError`, not a ``RecursionError``.
        """
        from ..codebook._model import MAX_TREE_DEPTH

        stack: list[tuple[ET.Element, str | None, list[str], int]] = [(element, None, [], 0) for element in reversed(codes_node.findall(f"{self.ns}Code"))]
        # A tool that nests its codes (MAXQDA, NVivo) writes its tree as elements: a backslash in a
        # name there is the name's ("Work\Life balance"), not a flattened path.
        self.nested = any(element.find(f"{self.ns}Code") is not None for element in codes_node.iter(f"{self.ns}Code"))
        while stack:
            element, parent_id, parent_path, depth = stack.pop()
            if depth > MAX_TREE_DEPTH:
                raise CodebookError(
                    f"code {element.get('name')!r} is nested {depth} levels deep; the limit is {MAX_TREE_DEPTH}",
                    path=self.source,
                    hint="flatten the code tree in your QDA tool (a deeper tree is almost always an export error)",
                )
            code_id, path = self.read(element, parent_id, parent_path)
            stack.extend((child, code_id, path, depth + 1) for child in reversed(element.findall(f"{self.ns}Code")))

    def read(self, element: ET.Element, parent_id: str | None, parent_name_path: list[str]) -> tuple[str, list[str]]:
        """Read one code (not its children); (its id, its name path) for the children."""
        key = self._guid_key(element)
        name = element.get("name") or ""
        if not name.strip():  # the schema asks for a name; a tool left it empty
            self._unnamed.append(element.get("guid") or "?")
            name = f"unnamed code {len(self._unnamed)}"
        readable, extra, qlr_wrote_it = self._description(element, key)
        path_parts = self._name_path(name, extra)
        current_parent, current_path = self._ancestors(path_parts[:-1], parent_id, list(parent_name_path))
        current_path.append(path_parts[-1])
        code_id = str(extra.get("id") or self._unused(".".join(slug(p) for p in current_path), name))
        if qlr_wrote_it:
            # qlr wrote the readable part from these fields; keep only the definition.
            readable = re.split(r"\n\nInclude: |\nExclude: ", readable)[0].strip()
        entry = {
            "id": code_id,
            "name": path_parts[-1] if not extra else name,
            "kind": str(extra.get("kind") or ("theme" if current_parent is None and not _codable(element) else "code")),
            "parent": current_parent,
            "definition": readable or None,
            "colour": self._colour(element, name),
            **{field: extra[field] for field in ("include", "exclude", "examples", "indicators", "evidence", "memo", "counts") if field in extra},
        }
        if current_parent is not None and not extra.get("kind") and not _codable(element):
            self._inner_folders.append(f"{name!r} (in {current_parent!r})")
        existing = self._index.get(code_id)
        if existing is not None and code_id in self._implicit:
            # "Coke" declared after "Coke::diet Coke" made it implicitly: the declared one wins,
            # codable or not, under the parent the flattened name gave it.
            implicit_parent = self.entries[existing]["parent"]
            kind = entry["kind"] if implicit_parent is None or entry["kind"] == "theme" else "code"
            self.entries[existing] = {**entry, "kind": kind, "parent": implicit_parent}
            self._implicit.discard(code_id)
        else:
            self._append(entry)
        if isinstance(extra.get("position"), int) and not isinstance(extra["position"], bool):
            self.positions[code_id] = extra["position"]  # anything else is no position: file order stands
        self.ids[key] = code_id
        return code_id, current_path

    def _unused(self, code_id: str, name: str) -> str:
        """``code_id``, or ``code_id_2``, ``_3``… when another code's name already gave it.

        Ids come from names, and names that differ only in case, accents,
        punctuation or emoji ("Support" and "support", "a/b" and "a_b") give the
        same one; each such code is still its own code, with its own codings.
        A parent only a flattened name implied is no other code: the declared
        one takes its place (see :meth:`read`).
        """
        if code_id not in self._index or code_id in self._implicit:
            return code_id
        number = 2
        while f"{code_id}_{number}" in self._index:
            number += 1
        self._renamed.append(f"{name!r} → {code_id}_{number}")
        return f"{code_id}_{number}"

    def leniency(self) -> list[str]:
        """What was read leniently, for the warning.

        GUIDs in upper case or in braces are not among it: the standard's GUIDType allows both
        (MAXQDA, ATLAS.ti and Taguette write upper case), and qlr reads them as one in lower case.
        """
        notes = []
        if self._not_guids:
            shown = first_few(self._not_guids, shown=5)
            notes.append(f"{len(self._not_guids)} code(s) have ids that are not GUIDs, as the standard asks ({shown}); read as the file gives them")
        if self._renamed:
            notes.append(
                f"{len(self._renamed)} code(s) whose names give the id of an earlier code were given ids of their own: " + ", ".join(self._renamed)
            )
        if self._unnamed:
            notes.append(f"{len(self._unnamed)} code(s) have no name and are called 'unnamed code 1'…: " + ", ".join(self._unnamed[:5]) + ("…" if len(self._unnamed) > 5 else ""))
        if self._inner_folders:
            # qlr's themes are the tree's top; a category inside another is kept in its place as a code.
            notes.append(
                f"{len(self._inner_folders)} code(s) below the top are marked not codable (categories inside categories), and are read as codes under "
                "their parents, as qlr's themes are top-level only: codings can use them, and an export from qlr marks them codable: "
                + ", ".join(self._inner_folders[:5])
                + ("…" if len(self._inner_folders) > 5 else "")
            )
        if self._bad_colours:
            notes.append(f"{len(self._bad_colours)} code colour(s) are not #RRGGBB and are left out: " + ", ".join(self._bad_colours[:5]) + ("…" if len(self._bad_colours) > 5 else ""))
        for separator in sorted(self._separators):
            notes.append(f"hierarchy flattened into names with {separator!r}; unflattened into a code tree")
        return notes

    def _colour(self, element: ET.Element, name: str) -> str | None:
        """The code's colour where it is one (#RRGGBB or #RGB); another value is left out and said."""
        colour = element.get("color")
        if colour is None or is_hex_colour(colour):
            return colour
        self._bad_colours.append(f"{name!r} ({colour!r})")
        return None

    def _append(self, entry: dict[str, Any]) -> None:
        self._index.setdefault(entry["id"], len(self.entries))
        self.entries.append(entry)

    def _guid_key(self, element: ET.Element) -> str:
        """The code's GUID, checked and unique, as lower case without braces."""
        guid = (element.get("guid") or "").strip()
        if not is_guid(guid):
            # OpenQDA's "c001", a tool's own numbering: the codes are all there, so read them, and say so.
            self._not_guids.append(guid or f"(none, {element.get('name')!r})")
            guid = guid or f"name:{element.get('name') or ''}:{len(self._not_guids)}"
        key = guid.strip("{}").lower()
        if key in self.ids:
            raise CodebookError(f"two codes share the guid {guid}", path=self.source, hint="the file is inconsistent; export it again")
        return key

    def _description(self, element: ET.Element, key: str) -> tuple[str, dict[str, Any], bool]:
        """(the readable description, qlr's own fields, whether qlr wrote them): beside the codes, else after a [qlr] line."""
        from .._yaml import parse_yaml

        readable, _, machine = (element.findtext(f"{self.ns}Description") or "").partition(_MARK)
        beside = self.fields.get(key)
        if isinstance(beside, dict) and beside:
            return readable.strip(), dict(beside), True
        extra = (parse_yaml(machine, self.source, error=CodebookSyntaxError) or {}) if machine.strip() else {}
        if not isinstance(extra, dict):
            raise CodebookError(f"code {element.get('name')!r}: its [qlr] block is a {'list' if isinstance(extra, list) else type(extra).__name__}, not a mapping of fields", path=self.source, hint="export the codebook again, or delete the [qlr] part of its description")
        return readable.strip(), extra, bool(machine.strip())

    def _name_path(self, name: str, extra: dict[str, Any]) -> list[str]:
        """A hierarchy flattened into the name (ATLAS.ti "Parent::Child", "Parent\\Child"), split; a flat tool's name whole."""
        if self.flat_names or name in self.whole_names:
            return [name]
        for separator in ("::", "\\"):
            if separator == "\\" and self.nested:
                continue
            if separator in name and not extra:
                parts = [p.strip() for p in name.split(separator) if p.strip()]
                if parts:  # a name of separators only ("\\", "::") is a name, not a path
                    self._separators.add(separator)
                    return parts
        return [name]

    def _ancestors(self, names: list[str], parent_id: str | None, path: list[str]) -> tuple[str | None, list[str]]:
        """Make the parents a flattened name implies; (the nearest parent's id, the name path)."""
        for ancestor in names:
            path.append(ancestor)
            ancestor_id = ".".join(slug(p) for p in path)
            if ancestor_id not in self._index:
                self._append({"id": ancestor_id, "name": ancestor, "kind": "theme" if parent_id is None else "code", "parent": parent_id})
                self._implicit.add(ancestor_id)
            parent_id = ancestor_id
        return parent_id, path
