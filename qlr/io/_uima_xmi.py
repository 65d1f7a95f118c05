"""INCEpTION's UIMA CAS XMI export, read into the same parts as its WebAnno TSV 3 (:mod:`._inception`).

INCEpTION keeps each annotator's copy of a document as a UIMA CAS; its export format "UIMA CAS XMI" (its recommended
one; TSV 3 is "legacy") writes that CAS as XML Metadata Interchange, through DKPro Core's ``XmiWriter``: a document's
export is a zip holding ``<document>.xmi`` and ``TypeSystem.xml``, and a project export keeps one such zip per
annotator (``annotation/<document>/<user>.zip``).  What a ``.xmi`` holds (UIMA's ``XmiCasSerializer``):

* ``<cas:Sofa sofaID="_InitialView" sofaString="…">``: the document's text, whole (nothing to rebuild, unlike TSV);
* an element per feature structure, its tag the type's name (the namespace ``http:///webanno/custom.ecore`` and the
  tag ``Code`` stand for ``webanno.custom.Code``), ``xmi:id`` its id; an annotation has ``sofa``, ``begin`` and ``end``
  (UTF-16 units, Java's, as in TSV); a primitive feature is an attribute (a multi-valued one a child element per
  value), a feature holding other structures an attribute listing their ids;
* ``<cas:View sofa="…" members="…">``: the ids the view's indexes hold (what INCEpTION shows; others are not there).

What becomes what, as in TSV: each annotation type a layer, its primitive features the layer's features (those the
``TypeSystem.xml`` beside it declares, or, alone, those the annotations carry); a span annotation is a ``_Span``.
Tokens, sentences and the document's metadata are the document's structure, not codings.  Relations (a type whose
annotations have ``Governor`` and ``Dependent``), chains (``first``/``next``) and slot features (a feature listing
link structures with a ``target``) link annotations, not text: counted by layer, left out.  The XML is untrusted:
parsed by :func:`._xml.parse_untrusted_xml` (no entities, no external references); nothing in it is evaluated.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

_XMI = "http://www.omg.org/XMI"
_CAS = "http:///uima/cas.ecore"
_ID = f"{{{_XMI}}}id"
#: Types that are a document's structure or bookkeeping, not anyone's annotation (never written as a TSV layer).
STRUCTURE = frozenset(
    {
        "uima.tcas.DocumentAnnotation",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence",
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData",
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.TagsetDescription",
        "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata",
        # The layout of an HTML, XML or word-processor document as INCEpTION keeps it (headings, paragraphs, divisions).
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Paragraph",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Heading",
        "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Div",
    }
)
#: Packages whose types are a document's markup (the XML tree of an HTML or XML document INCEpTION imported).
STRUCTURE_PACKAGES = ("org.dkpro.core.api.xml.type.", "de.tudarmstadt.ukp.dkpro.core.api.xml.type.")
_OWN = frozenset({_ID, "sofa", "begin", "end"})
#: Feature ranges that hold values (the rest hold other structures).
_PRIMITIVE = frozenset(
    f"uima.cas.{name}" for name in ("String", "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double", "StringArray", "StringList")
)


def is_cas_xmi(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) opens a UIMA CAS in XMI: an ``xmi:XMI`` root declaring UIMA's CAS namespace."""
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<?xml") and b"XMI" in head and b"http:///uima/cas.ecore" in head


_XML11 = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*version\s*=\s*["']1\.1["']""")
_CHARACTER_REFERENCE = re.compile(rb"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")
#: Where the control characters XML 1.1 allows (and XML 1.0, so Python's parser, refuses) stand while the file is parsed.
_STAND_IN = 0xE000


def xml11_controls(data: bytes) -> tuple[bytes, dict[int, int] | None]:
    """``data`` with the control characters an XML 1.1 file writes as references (``&#1;``, INCEpTION's "UIMA CAS XMI
    (XML 1.1)" export of a text holding them) replaced by stand-ins of the private use area, one character each so
    that no offset moves, and the table that puts them back; ``(data, None)`` for XML 1.0, or where the file already
    holds a stand-in (then the references stay and the parser names the first)."""
    if not _XML11.match(data) or re.search(rb"\xee\x80[\x80-\x9f]", data):
        return data, None

    def stand_in(match: re.Match[bytes]) -> bytes:
        number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if 0 < number < 0x20 and number not in (0x9, 0xA, 0xD):
            return f"&#{_STAND_IN + number};".encode()
        return match.group(0)

    return _CHARACTER_REFERENCE.sub(stand_in, data), {_STAND_IN + number: number for number in range(1, 0x20)}


def type_name(tag: str) -> str:
    """A UIMA type's full name from an XMI element's tag (``{http:///webanno/custom.ecore}Code`` → ``webanno.custom.Code``)."""
    if not tag.startswith("{"):
        return tag
    space, _, local = tag[1:].partition("}")
    package = space.removeprefix("http:///").removesuffix(".ecore").strip("/").replace("/", ".")
    return f"{package}.{local}" if package else local


def declared_features(root: ET.Element) -> dict[str, dict[str, bool]]:
    """From a ``TypeSystem.xml``: type → {feature: whether it holds values (not other structures)}, own and inherited."""
    space = "{http://uima.apache.org/resourceSpecifier}"
    own: dict[str, dict[str, bool]] = {}
    parents: dict[str, str] = {}
    string_types: set[str] = set()
    for description in root.iter(f"{space}typeDescription"):
        name = (description.findtext(f"{space}name") or "").strip()
        parent = (description.findtext(f"{space}supertypeName") or "").strip()
        parents[name] = parent
        if parent == "uima.cas.String":  # a string type restricted to allowed values
            string_types.add(name)
        own[name] = {
            (feature.findtext(f"{space}name") or "").strip(): (feature.findtext(f"{space}rangeTypeName") or "").strip()
            for feature in description.iter(f"{space}featureDescription")
        }  # type: ignore[assignment]
    resolved: dict[str, dict[str, bool]] = {}
    for name in own:
        chain, seen, current = [], set(), name
        while current in own and current not in seen:
            seen.add(current)
            chain.append(current)
            current = parents.get(current, "")
        features: dict[str, bool] = {}
        for each in reversed(chain):
            for feature, ranged in own[each].items():
                features[feature] = ranged in _PRIMITIVE or ranged in string_types  # type: ignore[operator]
        resolved[name] = features
    return resolved


def parse_xmi(root: ET.Element, where: str, fail: Any, *, declared: dict[str, dict[str, bool]] | None = None) -> dict[str, Any]:
    """A CAS's text and span annotations from its XMI ``root``; ``fail(message, line)`` raises the error naming the file.

    Returns a mapping with ``text``, ``layers`` ({type: [feature, …]}), ``spans`` (type, {feature: [values]}, begin,
    end, xmi:id), ``linked`` ({type: how many annotations or links left out}), ``other_views`` (how many annotations
    lie in views other than the initial one, not read), and ``title`` and ``annotator`` (the document's name and whose
    copy it is, as INCEpTION writes them in ``DocumentMetaData``; None where it does not).
    """
    if root.tag != f"{{{_XMI}}}XMI":
        raise fail(f"{where} is XML but not a UIMA CAS in XMI (its root is <{root.tag.rpartition('}')[2]}>, not <xmi:XMI>)", None)
    elements: dict[str, ET.Element] = {}
    for element in root:
        identifier = element.get(_ID)
        if identifier is not None:
            elements[identifier] = element
    sofas = [element for element in root if element.tag == f"{{{_CAS}}}Sofa"]
    initial = next((sofa for sofa in sofas if sofa.get("sofaID") == "_InitialView"), sofas[0] if len(sofas) == 1 else None)
    if initial is None:
        raise fail(f"{where} holds no document text (no <cas:Sofa> of the initial view)", None)
    text = initial.get("sofaString")
    if text is None:
        raise fail(f"{where}'s text is not in the file (its Sofa has no sofaString: a remote or binary document)", None)
    sofa_id = initial.get(_ID)
    views = {view.get("sofa"): set((view.get("members") or "").split()) for view in root if view.tag == f"{{{_CAS}}}View"}
    members = views.get(sofa_id)
    declared = declared or {}

    def annotation(element: ET.Element) -> bool:
        return element.get("sofa") is not None and element.get("begin") is not None and element.get("end") is not None

    # Structures that link: chain links (a chain's ``first`` and each link's ``next``), slot links (with a target).
    chained: set[str] = set()
    for element in root:
        for key in ("first", "next"):
            pointed = elements.get(element.get(key) or "")
            if pointed is not None and annotation(pointed):
                chained.add(type_name(pointed.tag))
    linked: dict[str, int] = {}
    layers: dict[str, list[str]] = {}
    reference: dict[tuple[str, str], bool] = {}
    spans: list[tuple[str, dict[str, list[str]], int, int, str]] = []
    other = {sofa for sofa in views if sofa != sofa_id}
    other_annotations = 0
    for element in root:
        if not annotation(element) or element.tag.startswith(f"{{{_CAS}}}"):
            continue
        name = type_name(element.tag)
        if name in STRUCTURE or name.startswith(STRUCTURE_PACKAGES):
            continue
        if element.get("sofa") != sofa_id:
            other_annotations += element.get("sofa") in other
            continue
        identifier = element.get(_ID) or "?"
        if members is not None and identifier not in members:
            continue  # not indexed in the view: INCEpTION does not show it
        if name in chained or (element.get("Governor") is not None and element.get("Dependent") is not None):
            linked[name] = linked.get(name, 0) + 1
            continue
        try:
            begin, end = int(element.get("begin") or ""), int(element.get("end") or "")
        except ValueError:
            raise fail(f"{where}'s annotation xmi:id {identifier} ({name}) has begin {element.get('begin')!r}, end {element.get('end')!r}: not whole numbers", None) from None
        features = layers.setdefault(name, [f for f, plain in declared.get(name, {}).items() if plain and f not in _OWN])
        values: dict[str, list[str]] = {}
        for key, value in element.attrib.items():
            if key in _OWN or "}" in key or value == "":
                continue  # an empty value (or an empty list of links) is no value: as in TSV, the layer's code
            if _refers(name, key, value, elements, declared, reference):
                if key in ("Governor", "Dependent"):
                    continue
                linked[name] = linked.get(name, 0) + len(value.split())
                continue
            values.setdefault(key, []).append(value)
        for child in element:  # a multi-valued primitive feature: a child element per value
            key = child.tag.rpartition("}")[2]
            if child.text and declared.get(name, {}).get(key, True):
                values.setdefault(key, []).append(child.text)
        for key in values:
            if key not in features:
                features.append(key)
        spans.append((name, values, begin, end, identifier))
    # INCEpTION and WebAnno write the document's name as its title and the annotator whose copy it is as its id
    # (FormatSupport.addOrUpdateDocumentMetadata); another pipeline's id is a document's, so it names no one alone.
    meta = next((element for element in root if type_name(element.tag) == "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"), None)
    title = meta.get("documentTitle") if meta is not None else None
    owner = meta.get("documentId") if meta is not None and title else None
    return {"text": text, "layers": layers, "spans": spans, "linked": linked, "other_views": other_annotations, "title": title or None, "annotator": owner or None}


def _refers(name: str, key: str, value: str, elements: dict[str, ET.Element], declared: dict[str, dict[str, bool]], seen: dict[tuple[str, str], bool]) -> bool:
    """Whether feature ``key`` of type ``name`` holds other structures (ids), not a value.

    The ``TypeSystem.xml`` decides where it is given; alone, a feature whose value is a list of ids of structures
    with a ``target`` (slot links) or of annotations is taken for one (an integer feature whose value happens to be an
    annotation's id would be misread: INCEpTION's export gives the type system beside the XMI)."""
    if name in declared and key in declared[name]:
        return not declared[name][key]
    if (name, key) in seen:
        return seen[(name, key)]
    ids = value.split()
    pointed = [elements.get(each) for each in ids]
    refers = bool(ids) and all(
        each is not None and (each.get("target") is not None or each.get("begin") is not None or each.tag == f"{{{_CAS}}}FSArray") for each in pointed
    )
    seen[(name, key)] = refers
    return refers
