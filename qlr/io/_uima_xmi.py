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
#: Feature ranges that hold one value each.
_SCALAR = frozenset(f"uima.cas.{name}" for name in ("String", "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double"))
#: Feature ranges that hold several values: inline (a child element per string, or numbers in one attribute), or the id
#: of a ``<cas:StringArray>`` (``<cas:NonEmptyStringList>``…) where the type system allows it to be shared.
_SEVERAL = frozenset(
    [f"uima.cas.{name}Array" for name in ("String", "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double")]
    + [f"uima.cas.{name}List" for name in ("String", "Integer", "Float")]
)
#: What a feature holds, by its range: one value, several, or other structures (links).
VALUE, VALUES, LINK = "value", "values", "link"


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


def declared_features(root: ET.Element) -> dict[str, dict[str, str]]:
    """From a ``TypeSystem.xml``: type → {feature: what it holds}, own and inherited.

    What a feature holds is :data:`VALUE` (a string, number or boolean, or a string restricted to allowed values),
    :data:`VALUES` (an array or list of them) or :data:`LINK` (other structures).

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> types = ET.fromstring(
    ...     '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"><types><typeDescription>'
    ...     '<name>webanno.custom.Code</name><supertypeName>uima.tcas.Annotation</supertypeName><features>'
    ...     '<featureDescription><name>code</name><rangeTypeName>uima.cas.String</rangeTypeName></featureDescription>'
    ...     '<featureDescription><name>tags</name><rangeTypeName>uima.cas.StringArray</rangeTypeName></featureDescription>'
    ...     '<featureDescription><name>links</name><rangeTypeName>uima.cas.FSArray</rangeTypeName></featureDescription>'
    ...     '</features></typeDescription></types></typeSystemDescription>')
    >>> declared_features(types)
    {'webanno.custom.Code': {'code': 'value', 'tags': 'values', 'links': 'link'}}
    """
    space = "{http://uima.apache.org/resourceSpecifier}"
    own: dict[str, dict[str, str]] = {}
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
        }
    resolved: dict[str, dict[str, str]] = {}
    for name in own:
        chain, seen, current = [], set(), name
        while current in own and current not in seen:
            seen.add(current)
            chain.append(current)
            current = parents.get(current, "")
        features: dict[str, str] = {}
        for each in reversed(chain):
            for feature, ranged in own[each].items():
                features[feature] = VALUE if ranged in _SCALAR or ranged in string_types else VALUES if ranged in _SEVERAL else LINK
        resolved[name] = features
    return resolved


def parse_xmi(root: ET.Element, where: str, fail: Any, *, declared: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """A CAS's text and span annotations from its XMI ``root``; ``fail(message, line)`` raises the error naming the file.

    Returns a mapping with ``text``, ``layers`` ({type: [feature, …]}), ``spans`` (type, {feature: [values]}, begin,
    end, xmi:id), ``linked`` ({type: how many annotations or links left out}), ``other_views`` (the xmi:ids of
    annotations on a text other than the document's, not read), ``unindexed`` (the xmi:ids of annotations the view
    does not index, which INCEpTION does not show), ``whole_document`` ({type: how many annotations have no begin and
    end: on the document as a whole, as INCEpTION's document metadata layers}), and ``title`` and ``annotator`` (the
    document's name and whose copy it is, as INCEpTION writes them in ``DocumentMetaData``; None where it does not).

    Examples
    --------
    >>> import xml.etree.ElementTree as ET
    >>> root = ET.fromstring(
    ...     '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
    ...     'xmlns:custom="http:///webanno/custom.ecore"><cas:NULL xmi:id="0"/>'
    ...     '<custom:Code xmi:id="5" sofa="1" begin="3" end="6" code="fine"><tags>a</tags><tags>b</tags></custom:Code>'
    ...     '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="I: fine"/>'
    ...     '<cas:View sofa="1" members="5"/></xmi:XMI>')
    >>> read = parse_xmi(root, "x.xmi", ValueError)
    >>> read["text"], read["spans"]
    ('I: fine', [('webanno.custom.Code', {'code': ['fine'], 'tags': ['a', 'b']}, 3, 6, '5')])
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
    guessed: dict[tuple[str, str], str] = {}
    spans: list[tuple[str, dict[str, list[str]], int, int, str]] = []
    other_views: list[str] = []
    unindexed: list[str] = []
    whole_document: dict[str, int] = {}
    for element in root:
        if element.get("sofa") is None or element.tag.startswith(f"{{{_CAS}}}"):
            continue
        name = type_name(element.tag)
        if name in STRUCTURE or name.startswith(STRUCTURE_PACKAGES):
            continue
        identifier = element.get(_ID) or "?"
        if not annotation(element):
            if element.get("sofa") == sofa_id and element.get("first") is None:  # a chain's head is counted by its links
                whole_document[name] = whole_document.get(name, 0) + 1
            continue
        if element.get("sofa") != sofa_id:
            other_views.append(identifier)
            continue
        if members is not None and identifier not in members:
            unindexed.append(identifier)  # not indexed in the view: INCEpTION does not show it
            continue
        if name in chained or (element.get("Governor") is not None and element.get("Dependent") is not None):
            linked[name] = linked.get(name, 0) + 1
            continue
        try:
            begin, end = int(element.get("begin") or ""), int(element.get("end") or "")
        except ValueError:
            raise fail(f"{where}'s annotation xmi:id {identifier} ({name}) has begin {element.get('begin')!r}, end {element.get('end')!r}: not whole numbers", None) from None
        features = layers.setdefault(name, [f for f, held in declared.get(name, {}).items() if held != LINK and f not in _OWN])
        values: dict[str, list[str]] = {}
        for key, value in element.attrib.items():
            if key in _OWN or "}" in key or value == "":
                continue  # an empty value (or an empty list of links) is no value: as in TSV, the layer's code
            held = declared.get(name, {}).get(key) or _guess(name, key, value, elements, guessed)
            if held == LINK:
                if key not in ("Governor", "Dependent"):
                    linked[name] = linked.get(name, 0) + len(value.split())
                continue
            found = [value] if held == VALUE else _several(value, elements)
            if found:
                values.setdefault(key, []).extend(found)
        for child in element:  # a multi-valued primitive feature: a child element per value
            key = child.tag.rpartition("}")[2]
            if child.text and declared.get(name, {}).get(key, VALUES) != LINK:
                values.setdefault(key, []).append(child.text)
        for key in values:
            if key not in features:
                features.append(key)
        spans.append((name, values, begin, end, identifier))
    # INCEpTION and WebAnno write the document's name as its title and the annotator whose copy it is as its id
    # (FormatSupport.addOrUpdateDocumentMetadata); another pipeline's id is a document's (often its title, or the
    # title without its extension), so it names no one alone.
    meta = next((element for element in root if type_name(element.tag) == "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"), None)
    title = meta.get("documentTitle") if meta is not None else None
    owner = meta.get("documentId") if meta is not None and title else None
    if owner and title and owner in (title, title.rpartition(".")[0]):
        owner = None
    return {
        "text": text,
        "layers": layers,
        "spans": spans,
        "linked": linked,
        "other_views": other_views,
        "unindexed": unindexed,
        "whole_document": whole_document,
        "title": title or None,
        "annotator": owner or None,
    }


#: Most values followed along one ``<cas:NonEmptyStringList>`` (its cells point on, so a bad file could loop).
_MOST_LISTED = 100_000


def _several(value: str, elements: dict[str, ET.Element]) -> list[str]:
    """The values of a multi-valued feature written as an attribute: the id of a shared ``<cas:StringArray>`` (its
    ``<elements>`` children, or its ``elements`` attribute for numbers) or of the first cell of a list; else the
    values themselves, separated by spaces (an inline array of numbers or booleans)."""
    ids = value.split()
    pointed = [elements.get(each) for each in ids]
    if not ids or not all(each is not None and each.tag.startswith(f"{{{_CAS}}}") and _container(each) for each in pointed):
        return ids
    found: list[str] = []
    for each in pointed:
        assert each is not None
        seen: set[int] = set()
        while each is not None and id(each) not in seen and len(found) < _MOST_LISTED:
            seen.add(id(each))
            local = each.tag.rpartition("}")[2]
            if local.endswith("Array"):
                children = [child.text or "" for child in each if child.tag.rpartition("}")[2] == "elements"]
                found += [item for item in (children or (each.get("elements") or "").split()) if item]
                break
            if not local.startswith("NonEmpty"):
                break  # the list's end (EmptyStringList)
            head = each.get("head")
            if head is None:
                head = next((child.text for child in each if child.tag.rpartition("}")[2] == "head"), None)
            if head:
                found.append(head)
            each = elements.get(each.get("tail") or "")
    return found


def _container(element: ET.Element) -> bool:
    """Whether a ``cas:`` element holds values: a primitive array or a cell of a primitive list (not FSArray/FSList)."""
    local = element.tag.rpartition("}")[2]
    return (local.endswith("Array") and local != "FSArray") or (local.endswith("List") and "FS" not in local)


def _guess(name: str, key: str, value: str, elements: dict[str, ET.Element], seen: dict[tuple[str, str], str]) -> str:
    """What feature ``key`` of type ``name`` holds, without a ``TypeSystem.xml``: :data:`LINK` where its value lists ids
    of structures with a ``target`` (slot links), of annotations or of an ``FSArray``; :data:`VALUES` where it lists
    ids of primitive arrays or lists; else :data:`VALUE`.  The first value seen decides for the type's feature (an
    integer feature whose value happens to be an annotation's id would be misread: INCEpTION's export gives the type
    system beside the XMI)."""
    if (name, key) in seen:
        return seen[(name, key)]
    ids = value.split()
    pointed = [elements.get(each) for each in ids]
    held = VALUE
    if ids and all(each is not None for each in pointed):
        if all(each.get("target") is not None or each.get("begin") is not None or each.tag == f"{{{_CAS}}}FSArray" for each in pointed):  # type: ignore[union-attr]
            held = LINK
        elif all(each.tag.startswith(f"{{{_CAS}}}") and _container(each) for each in pointed):  # type: ignore[union-attr]
            held = VALUES
    seen[(name, key)] = held
    return held
