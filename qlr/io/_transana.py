"""Reading a Transana database export (its Transana-XML ``.tra`` file) into a Study.

Transana (transana.com), the tool for transcribing and analysing video and audio, and since version 3 text documents,
exports a whole database with File > Export Database as one "Transana-XML" file (``.tra``, or ``.xml``).  The facts
here come from Transana 3.00's own code (``XMLExport.py``, which writes it, and ``XMLImport.py``, which reads it back):

* The file is written line by line, not by an XML library: an XML declaration, a ``<!DOCTYPE TransanaData [...]>`` of
  element declarations only, then ``<Transana>`` holding ``<TransanaXMLVersion>`` (2.0 for Transana 3; 1.x for 2.x)
  and one section per table (``<SeriesFile>``, ``<DocumentFile>``, ``<EpisodeFile>``, ``<TranscriptFile>``, ...), each
  holding its records (``<Series>``, ``<Document>``, ...).  Every field is a tag on its own line, its value on the
  lines after it (``&``, ``<``, ``>`` escaped), its closing tag on its own line.  Transana's importer reads it the same
  way, by lines, and so does this reader: the file is not always well-formed XML (a document's or quote's rich text
  keeps its own ``<?xml ...?>`` line in the middle of the file).
* A document's and a quote's text (``<XMLText>``) and a transcript's (``<RTFText>``) are wxWidgets rich-text XML
  (``<richtext><paragraphlayout><paragraph><text>...``), copied in unescaped.  Its text is each paragraph's runs
  (``<text>``, a run with a space at either end written between double quotes; ``<symbol>N</symbol>`` the character
  N: wxWidgets writes so a control character, 29 being its line break inside a paragraph, the double quote, and (its
  current source) a character outside XML's ranges, which on Windows is two symbols, its UTF-16 halves), paragraphs ending in a
  line break; a text box or table in a paragraph is one position, as a picture is (``richtextxml.cpp``,
  ``wxRichTextPlainText::ExportXML`` and ``ImportFromXML``).  A transcript carries its time codes in the text, hidden: ``¤<MS>`` (U+00A4,
  then the time in milliseconds between angle brackets).
* Keywords (``<KeywordRec>``: group, keyword, definition, colour ``#rrggbb``) are Transana's codes, two levels deep;
  ``<ClipKeyword>`` records apply one to a clip, a quote, an episode, a document or a snapshot.  A **quote** is a
  passage of a document: ``<QuotePosition>`` gives its ``StartChar``/``EndChar``, positions of the wxWidgets text
  control (each character one, each paragraph's end one); a **clip** is a stretch of a recording (``ClipStart`` to
  ``ClipStop``, milliseconds) whose text is the part of its episode's transcript between those time codes, copied into
  a clip transcript (a ``<Transcript>`` with a ``ClipNum``, its ``TranscriptNum`` the episode transcript it came from).
  Clips and quotes sit in collections, nested.

Each document and each episode transcript becomes a qlr document (time codes taken out of its text); each keyword a
code under a code per keyword group; each keyword on a quote a coding of the quote's passage, on a clip a coding of
the clip's passage of each transcript it came from, on a document or episode a coding of the whole text.  The quote's
or clip's own copy of its text is checked against the passage (a passage that does not match is named).  The tree goes
through the ``.qdpx`` importer as the other tools' projects do.

Every file is untrusted: its size is capped before it is read, its records counted, the outer file never parsed as
XML (its DTD is skipped; an entity declared in it refused), each rich text parsed without DTDs or entities
(:func:`._xml.parse_untrusted_xml`).  The export is never written.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._warned import LeftOut
from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES
from ._positions import CONVENTIONS, UNITS, outside_label
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _Tree
from ._tool_tree import checked_export, import_tree
from ._xml import parse_untrusted_xml

__all__ = ["read_transana", "transana_export_kind"]

TRANSANA = Tool(
    "Transana",
    "a Transana export",
    give="give the Transana-XML file (.tra) Transana's File > Export Database wrote",
    repair="export the database from Transana again (File > Export Database)",
    changed="export the database from Transana again (File > Export Database)",
)
#: The Transana-XML versions whose layout Transana's code writes or reads back with rich-text XML transcripts (1.6 came with
#: Transana 2.50, 2.0 with 3.0, 2.1 with 3.1: a table of search synonyms added); an older export's RTF transcripts are left out, said.
KNOWN_VERSIONS = ("1.6", "1.7", "1.8", "2.0", "2.1")
#: Records read from one export at most.
MAX_RECORDS = 500_000
#: Fields whose value is rich text copied in as it is (not escaped), ended only by their closing tag.
_RAW_FIELDS = ("XMLText", "RTFText")
#: The time code Transana hides in a transcript's text: the currency sign, then milliseconds in angle brackets.
_TIME_CODE = re.compile("\u00a4<(\\d{1,12})>")
_TAG = re.compile(r"^<(/?)([A-Za-z][A-Za-z0-9]*)>$")
#: The records qlr reads; the others are named in a warning with their counts.
_READ = ("Series", "Document", "Episode", "Transcript", "Collection", "Quote", "QuotePosition", "Clip", "KeywordRec", "ClipKeyword", "Note")
_NOT_READ = {
    "CoreData": "media files' Dublin Core properties",
    "AddVid": "additional media files of episodes and clips",
    "Snapshot": "snapshots (still pictures)",
    "SnapshotKeyword": "keywords drawn on snapshots",
    "SnapshotKeywordStyle": "snapshots' coding styles",
    "Filter": "report filter settings",
    "SynonymRec": "search synonyms (Transana 3.1)",
}
_OBJECT = "\ufffc"  # a picture or other object in rich text: one position, no text
_REPLACED = "\ufffd"  # a character no XML text can hold (a control character, half a UTF-16 pair): one position
_LINE_BREAK = 29  # wxWidgets' line break inside a paragraph (wxRichTextLineBreakChar), written as <symbol>29</symbol>


def transana_export_kind(path: str | os.PathLike[str]) -> str | None:
    """``"export"`` when ``path`` is a Transana-XML file by its content (``<Transana>`` and ``<TransanaXMLVersion>``
    in its first 64 KiB, past the DTD), else None.

    Examples
    --------
    >>> transana_export_kind("README.md") is None
    True
    """
    try:
        with open(path, "rb") as stream:
            head = stream.read(65536)
    except OSError:
        return None
    text = head.decode("utf-8", "replace")
    return "export" if "<Transana>" in text and "<TransanaXMLVersion>" in text else None


def read_transana(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a Transana database export (Transana-XML, ``.tra``) as a Study.

    The export is read into the REFI-QDA tree and imported with the options and results of :func:`read_qdpx`, as
    :func:`read_catma` reads a CATMA export.  Nothing is written where the export is.

    Parameters
    ----------
    path : str or PathLike
        The file Transana's File > Export Database wrote.
    wave, case, kind, speakers
        As for :func:`read_catma`: waves, cases, kinds and speaker roles by rule (Transana has no cases; its library,
        episode and dates are document attributes a rule can use).
    max_bytes : int
        Refuse an export larger than this many bytes.

    Returns
    -------
    Study
        A document per Transana document and per episode transcript (time codes taken out), with its library,
        episode, date, media file and author or transcriber as attributes; a code per keyword inside a code per
        keyword group (not codable), with its definition and colour; a coding per keyword of each quote, clip,
        document and episode (origin ``import``; Transana records no coder).  ``study.meta["import"]`` reports as for
        a ``.qdpx``, with ``format`` ``"transana"``, the export's version and its collections.

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not a Transana export, damaged (the line is named), or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, tempfile, os, warnings
    >>> rich = ('<richtext version="1.0.0.0" xmlns="http://www.wxwidgets.org"><paragraphlayout>'
    ...         '<paragraph><text>I: How are you?</text></paragraph>'
    ...         '<paragraph><text>P: Tired, but coping.</text></paragraph></paragraphlayout></richtext>')
    >>> export = '\\n'.join(['<?xml version="1.0" encoding="UTF-8"?>', '<Transana>', '  <TransanaXMLVersion>',
    ...     '    2.0', '  </TransanaXMLVersion>', '  <DocumentFile>', '    <Document>', '      <Num>', '        1',
    ...     '      </Num>', '      <ID>', '        P01_W1', '      </ID>', '      <XMLText>', rich, '      </XMLText>',
    ...     '    </Document>', '  </DocumentFile>', '  <QuoteFile>', '    <Quote>', '      <Num>', '        1',
    ...     '      </Num>', '      <ID>', '        coping', '      </ID>', '      <DocumentNum>', '        1',
    ...     '      </DocumentNum>', '    </Quote>', '  </QuoteFile>', '  <QuotePositionFile>', '    <QuotePosition>',
    ...     '      <Num>', '        1', '      </Num>', '      <DocumentNum>', '        1', '      </DocumentNum>',
    ...     '      <StartChar>', '        19', '      </StartChar>', '      <EndChar>', '        37', '      </EndChar>',
    ...     '    </QuotePosition>', '  </QuotePositionFile>', '  <KeywordFile>', '    <KeywordRec>',
    ...     '      <KeywordGroup>', '        Care', '      </KeywordGroup>', '      <Keyword>', '        coping',
    ...     '      </Keyword>', '    </KeywordRec>', '  </KeywordFile>', '  <ClipKeywordFile>', '    <ClipKeyword>',
    ...     '      <QuoteNum>', '        1', '      </QuoteNum>', '      <KeywordGroup>', '        Care',
    ...     '      </KeywordGroup>', '      <Keyword>', '        coping', '      </Keyword>', '    </ClipKeyword>',
    ...     '  </ClipKeywordFile>', '</Transana>', ''])
    >>> folder = tempfile.mkdtemp()
    >>> with open(os.path.join(folder, "carers.tra"), "w", encoding="utf-8") as f:
    ...     _ = f.write(export)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_transana(os.path.join(folder, "carers.tra"))
    >>> coding = study.codings.iloc[0]
    >>> coding["code_id"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('care.coping', 'Tired, but coping.')
    """
    given, _ = checked_export(path, TRANSANA, max_bytes=max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    export = _parse(given, given.read_bytes())
    built = _TransanaTree(given, export)
    return import_tree(
        built,
        given,
        wave=wave,
        case=case,
        kind=kind,
        speakers=speakers,
        extra={"export": str(given), "transana_xml_version": export.version, "collections": built.collections},
        quoted=True,
        convention=(CONVENTIONS[0], "positions are mapped from Transana's rich-text positions by qlr (time codes taken out)"),
    )


# ---------------------------------------------------------------- the file, line by line
@dataclass
class _Export:
    """The records of an export, by kind (each a dict of its fields, with ``line``: where it opens), and its version."""

    version: str | None = None
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _unescape(text: str) -> str:
    """A value as Transana wrote it, its escapes undone in the order Transana's importer undoes them (``UnEscape`` of
    ``XMLImport.py``: Transana 3.1's adds ``&#10;`` and ``&quot;``, which its exporter writes for a double quote)."""
    return text.replace("&#10;", "\n").replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", '"').replace("&amp;", "&")


def _parse(path: Path, data: bytes) -> _Export:
    """The records of a Transana-XML file, read by its lines as Transana's importer reads them."""
    if b"<Transana>" not in data:
        raise QdpxError(
            "this is not a Transana export: it has no <Transana> line (Transana's File > Export Database writes one, then <TransanaXMLVersion>)",
            path=path,
            hint=TRANSANA.give,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QdpxError(
            "the export is not UTF-8 (Transana 2.1 and later write UTF-8; an older export may be in another encoding)",
            path=path,
            line=line,
            hint="import it into Transana 3 and export it again",
        ) from None
    if not re.search(r"^\s*<Transana>\s*$", text, re.M):
        raise QdpxError(
            "this is not a Transana export: it has no <Transana> line (Transana's File > Export Database writes one, then <TransanaXMLVersion>)",
            path=path,
            hint=TRANSANA.give,
        )
    export = _Export()
    # Lines end at a line feed only, as Transana's importer reads them (str.splitlines would also end one at U+2028,
    # U+0085 or wxWidgets' own line break character, which a text or a comment may hold).
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    number = 0
    if lines and lines[0].lstrip().startswith("<?xml"):
        number = 1
    # The DTD: element declarations only; it is skipped, never read, and an entity in it is refused.
    if number < len(lines) and lines[number].lstrip().startswith("<!DOCTYPE"):
        inner = "[" in lines[number]  # declarations follow, up to "]>"; else the DOCTYPE is this one line
        opened_at = number + 1
        if inner and not any(line.strip().endswith("]>") for line in lines[number:]):
            raise QdpxError(f"this Transana export is damaged: its DTD, opened at line {opened_at}, never closes (no ]> line)", path=path, line=opened_at, hint=TRANSANA.repair)
        while number < len(lines):
            current = lines[number]
            if "<!ENTITY" in current:
                raise QdpxError(
                    "unsafe XML refused: the export's DTD declares an entity (Transana writes element declarations only)",
                    path=path,
                    line=number + 1,
                    hint=TRANSANA.repair,
                )
            number += 1
            if current.strip().endswith("]>") or not inner:
                break
    seen_root = False
    ended = False
    record: dict[str, Any] | None = None
    kind: str | None = None
    name: str | None = None
    opened = 0
    buffer: list[str] = []
    count = 0

    def broken(why: str, at: int) -> QdpxError:
        return QdpxError(f"this Transana export is damaged: {why}", path=path, line=at, hint=TRANSANA.repair)

    while number < len(lines):
        raw = lines[number]
        number += 1
        stripped = raw.strip()
        if name is not None:
            if stripped.lower() == f"</{name.lower()}>":
                value = "\n".join(buffer) if name in _RAW_FIELDS else _unescape("\n".join(buffer).strip())
                if record is not None:
                    if name in record:
                        raise broken(f"<{kind}> opened at line {record['line']} has two <{name}> fields", number)
                    record[name] = value
                elif name == "TransanaXMLVersion":
                    export.version = value.strip()
                name, buffer = None, []
            else:
                buffer.append(raw)
            continue
        if not stripped:
            continue
        match = _TAG.match(stripped)
        if match is None:
            where = f"inside <{kind}> opened at line {record['line']}" if record is not None else "between records"
            raise broken(f"line {number} is {stripped[:60]!r} {where}, where a tag on its own line belongs", number)
        closing, tag = match.group(1) == "/", match.group(2)
        if record is not None:
            if closing and tag == kind:
                export.records.setdefault(kind, []).append(record)
                record, kind = None, None
            elif closing:
                raise broken(f"</{tag}> closes nothing open inside <{kind}> opened at line {record['line']}", number)
            else:
                name, opened = tag, number
            continue
        if tag == "Transana":
            if closing:
                ended = True
            seen_root = True
            continue
        if not seen_root:
            raise broken(f"<{tag}> comes before <Transana>, which opens every Transana export", number)
        if ended:
            raise broken(f"<{tag}> comes after </Transana>", number)
        if tag == "TransanaXMLVersion" and not closing:
            name, opened = tag, number
            continue
        if tag.endswith("File"):
            continue  # a section: its records follow
        if closing:
            raise broken(f"</{tag}> closes nothing open", number)
        count += 1
        if count > MAX_RECORDS:
            raise QdpxError(f"the export holds more than {MAX_RECORDS:,} records, more than qlr imports from one export", path=path, hint="export a smaller database")
        record, kind = {"line": number}, tag
    if name is not None:
        raise broken(f"the file ends inside <{name}> opened at line {opened}", len(lines))
    if record is not None:
        raise broken(f"the file ends inside <{kind}> opened at line {record['line']}", len(lines))
    if not seen_root:
        raise QdpxError("this is not a Transana export: it has no <Transana> element", path=path, hint=TRANSANA.give)
    if export.version is None:
        raise QdpxError("this is not a Transana export: it has no <TransanaXMLVersion>", path=path, hint=TRANSANA.give)
    return export


# ---------------------------------------------------------------- rich text
@dataclass
class _RichText:
    """A rich text's plain text (time codes and objects taken out), where each of Transana's positions falls in it
    (counted as code points and as UTF-16 units, as wxWidgets counts on macOS and on Windows), and its time codes."""

    text: str
    points: list[int]  # Transana position (code points) → index in text
    units: list[int]  # Transana position (UTF-16 units) → index in text
    times: list[tuple[int, int]]  # (index in text, milliseconds), in order
    objects: int
    replaced: int = 0  # characters no text can hold, each read as U+FFFD
    written: str | None = None  # "utf16" when wxWidgets wrote its emoji as UTF-16 halves (Windows), "points" as one number

    def at(self, position: int, *, utf16: bool = False) -> int | None:
        table = self.units if utf16 else self.points
        return table[position] if 0 <= position < len(table) else None


def _local(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _run_text(element: ET.Element) -> str:
    """A ``<text>`` run's characters as wxWidgets' loader takes them (``wxRichTextPlainText::ImportFromXML``): after a
    ``<properties>`` child if there is one (its text trimmed), each text node with one line end taken off its end and a
    double quote off either end (wxWidgets quotes a run that starts or ends with a space)."""
    children = list(element)
    properties = next((i for i, child in enumerate(children) if _local(child) == "properties"), None)
    if properties is None:
        nodes = [element.text or ""] + [child.tail or "" for child in children]
    else:
        nodes = [(children[properties].tail or "").strip()] + [child.tail or "" for child in children[properties + 1 :]]
    out: list[str] = []
    for node in nodes:
        if node.endswith("\n"):
            node = node[:-1]
        if node.startswith('"'):
            node = node[1:]
        if node.endswith('"'):
            node = node[:-1]
        out.append(node)
    return "".join(out)


def _character(number: int) -> str:
    """The character a ``<symbol>`` stands for: 29 is wxWidgets' line break inside a paragraph; one XML text cannot
    hold (a control character, a lone UTF-16 half, U+FFFE/U+FFFF) is U+FFFD, still one position."""
    if number == _LINE_BREAK:
        return "\n"
    if number in (9, 10, 13) or 0x20 <= number <= 0xD7FF or 0xE000 <= number <= 0xFFFD or 0x10000 <= number <= 0x10FFFF:
        return chr(number)
    return _REPLACED


_CHARACTER_REFERENCE = re.compile(r"&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")


def _utf16_references(body: str) -> tuple[str, int, int, int]:
    """``body`` with character references to UTF-16 halves made into what they stand for: wxWidgets 2.8 wrote every
    character above 127 as a reference per wxChar, so on Windows an emoji as two references to its halves, which no
    XML parser accepts.  A pair is joined into its character, a half alone is U+FFFD.  Returns the body, the pairs
    joined, the halves replaced and the references to a character outside the BMP (as wxWidgets 2.8 wrote one on macOS
    and Linux)."""
    out: list[str] = []
    last = 0
    pairs = lone = wide = 0
    found = list(_CHARACTER_REFERENCE.finditer(body))
    index = 0
    while index < len(found):
        match = found[index]
        number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if not 0xD800 <= number <= 0xDFFF:
            wide += number > 0xFFFF  # one reference to a character outside the BMP: wxChar held code points
            index += 1
            continue
        out.append(body[last : match.start()])
        after = found[index + 1] if index + 1 < len(found) else None
        low = (int(after.group(1), 16) if after.group(1) else int(after.group(2))) if after is not None and after.start() == match.end() else None
        if number <= 0xDBFF and low is not None and 0xDC00 <= low <= 0xDFFF:
            out.append(f"&#{0x10000 + ((number - 0xD800) << 10) + (low - 0xDC00)};")
            pairs += 1
            last = after.end()  # type: ignore[union-attr]
            index += 2
            continue
        out.append("&#65533;")
        lone += 1
        last = match.end()
        index += 1
    out.append(body[last:])
    return "".join(out), pairs, lone, wide


def _rich_text(value: str, path: Path, where: str) -> _RichText:
    """The plain text of a wxWidgets rich-text XML value (``where`` names its record for an error)."""
    body, halves, replaced, whole = _utf16_references(re.sub(r"^\s*<\?xml[^>]*\?>", "", value, count=1))
    root = parse_untrusted_xml(
        body.encode("utf-8"),
        path,
        error=QdpxError,
        unsafe_hint="Transana's rich text has no DTD or entities: " + TRANSANA.repair,
        malformed_hint=TRANSANA.repair,
        member=f"{where}'s rich text",
    )
    if _local(root) != "richtext":
        raise QdpxError(f"{where}'s text is not wxWidgets rich text (its root is <{_local(root)}>)", path=path, hint=TRANSANA.repair)
    # The buffer's own paragraphs: those of its <paragraphlayout>.  A text box or table inside a paragraph holds
    # paragraphs of its own, which are one object (one position) of the paragraph it sits in, as a picture is.
    top = [child for layout in root if _local(layout) == "paragraphlayout" for child in layout]
    top += [child for child in root if _local(child) == "paragraph"]
    paragraphs: list[str] = []
    objects = 0
    object_at: list[int] = []  # where each object falls in the paragraphs joined by line breaks
    # halves / whole: characters outside the BMP written as two UTF-16 halves (Windows), or as one number
    done = 0  # the length of the paragraphs before this one, each with its line break
    for paragraph in top:
        if _local(paragraph) != "paragraph":
            continue
        runs: list[str] = []
        for child in paragraph:
            local = _local(child)
            if local == "text":
                runs.append(_run_text(child))
            elif local == "symbol":
                digits = ((child.text or "") + "".join(c.tail or "" for c in child)).strip()  # its own text nodes, as wxWidgets reads them
                if not re.fullmatch("[0-9]{1,7}", digits) or int(digits) > 0x10FFFF:
                    raise QdpxError(f"{where}'s rich text has a <symbol> that is no character number: {digits[:20]!r}", path=path, hint=TRANSANA.repair)
                number = int(digits)
                # wxWidgets on Windows counts UTF-16 units, so writes a character outside the BMP as its two halves.
                if 0xDC00 <= number <= 0xDFFF and runs and len(runs[-1]) == 1 and 0xD800 <= ord(runs[-1]) <= 0xDBFF:
                    high = ord(runs.pop())
                    runs.append(chr(0x10000 + ((high - 0xD800) << 10) + (number - 0xDC00)))
                    halves += 1
                    continue
                whole += number > 0xFFFF
                if 0xD800 <= number <= 0xDBFF:
                    runs.append(chr(number))  # held until its second half comes
                    continue
                character = _character(number)
                replaced += character == _REPLACED
                runs.append(character)
            elif local and local != "properties":
                object_at.append(done + sum(len(r) for r in runs))
                runs.append(_OBJECT)
                objects += 1
        # A first half of a UTF-16 pair with no second half is no character.
        for index, run in enumerate(runs):
            if len(run) == 1 and 0xD800 <= ord(run) <= 0xDFFF:
                runs[index] = _REPLACED
                replaced += 1
        paragraphs.append("".join(runs))
        done += len(paragraphs[-1]) + 1
    shown = "\n".join(paragraphs)
    # Time codes and objects hold positions but no text: each character's place in the text qlr keeps.
    hidden = [False] * len(shown)
    codes: list[tuple[int, int]] = []
    for found in _TIME_CODE.finditer(shown):
        codes.append((found.start(), int(found.group(1))))
        for index in range(found.start(), found.end()):
            hidden[index] = True
    for index in object_at:
        hidden[index] = True
    points: list[int] = []
    units: list[int] = []
    kept: list[str] = []
    for index, character in enumerate(shown):
        points.append(len(kept))
        units.append(len(kept))
        if ord(character) > 0xFFFF:
            units.append(len(kept))  # the second half of a character outside the BMP
        if not hidden[index]:
            kept.append(character)
    points.append(len(kept))
    units.append(len(kept))
    times = [(points[at], ms) for at, ms in codes]
    written = "utf16" if halves and not whole else "points" if whole and not halves else None
    return _RichText("".join(kept), points, units, times, objects, replaced, written)


# ---------------------------------------------------------------- the REFI-QDA tree
def _number(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _clock(ms: int | None) -> str:
    if ms is None:
        return "?"
    seconds, milli = divmod(ms, 1000)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.{milli // 100}"


@dataclass
class _Text:
    """A qlr document: a Transana document or episode transcript, its rich text read."""

    key: str  # "document N" or "transcript N"
    name: str
    rich: _RichText
    record: dict[str, Any]
    utf16: bool = False


class _TransanaTree(_Tree):
    """The REFI-QDA ``<Project>`` a Transana export stands for, with what it left out."""

    key = "transana"

    def __init__(self, path: Path, export: _Export) -> None:
        super().__init__(path, {"project": [{"about": "Transana", "databaseversion": export.version}]})
        self.export = export
        self.records = export.records
        self.collections: list[dict[str, Any]] = []
        if export.version not in KNOWN_VERSIONS:
            self.notes.append(f"the export is Transana-XML version {export.version}, not one qlr has read Transana's code for ({', '.join(KNOWN_VERSIONS)}): read as version 2.1")
        for kind, why in _NOT_READ.items():
            if self.records.get(kind):
                self.refused.append(f"{len(self.records[kind])} {kind} record(s) in {path.name}: {why}, which qlr does not import (left out)")
        unknown = sorted(kind for kind in self.records if kind not in _READ and kind not in _NOT_READ)
        if unknown:
            self.refused.append(
                f"records qlr does not know in {path.name} (left out): " + _listed([f"{len(self.records[k])} <{k}>" for k in unknown], 10)
            )
        self.series, self.episodes, self.clips, self.quotes, self.folders = (
            self._numbered(kind) for kind in ("Series", "Episode", "Clip", "Quote", "Collection")
        )
        self.texts: dict[str, _Text] = {}
        self._read_texts()

    def _numbered(self, kind: str) -> dict[int, dict[str, Any]]:
        """The records of ``kind`` by their number; one with no number, or the number of one before it, left out and said."""
        found: dict[int, dict[str, Any]] = {}
        bad: list[str] = []
        for record in self.records.get(kind, []):
            number = _number(record.get("Num"))
            if number is None or number in found:
                bad.append(f"line {record['line']} ({'no number' if number is None else f'number {number} again'})")
                continue
            found[number] = record
        if bad:
            self.refused.append(f"{len(bad)} <{kind}> record(s) in {self.path.name} have no number or one an earlier record has (left out): " + _listed(bad, 10))
        return found

    # ------------------------------------------------------------ texts
    def _read_texts(self) -> None:
        """Every document and episode transcript with rich text, and every clip transcript's own text."""
        # clip → [(source transcript, its own text, its start and stop in ms)]: a clip transcript keeps its own times
        # (Transana-XML 1.4 on): a clip made from several transcripts keeps on each the times of that transcript's
        # selection, and on the clip the earliest start and latest stop (DatabaseTreeTab.CreateMultiTranscriptClip).
        self.clip_texts: dict[int, list[tuple[int | None, str, int | None, int | None]]] = {}
        self.orphan_clip_texts: list[str] = []
        rtf: list[str] = []
        empty: list[str] = []
        for number, record in self._numbered("Document").items():
            label = f"document {number} ({record.get('ID', '')!r})"
            self._add_text(f"document {number}", record.get("ID") or f"document {number}", record, "XMLText", label, rtf, empty)
        for number, record in self._numbered("Transcript").items():
            clip = _number(record.get("ClipNum"))
            label = f"transcript {number} ({record.get('ID', '')!r})"
            if clip:
                value = record.get("RTFText") or ""
                if value.lstrip().startswith("<"):
                    try:
                        own = _rich_text(value, self.path, f"clip transcript {number}").text
                    except QdpxError as exc:
                        self.refuse(f"clip transcript {number}", f"{exc.message} (its text is not checked against its place)")
                        own = ""
                else:
                    own = ""
                times = (_number(record.get("ClipStart")), _number(record.get("ClipStop")))
                self.clip_texts.setdefault(clip, []).append((_number(record.get("TranscriptNum")), own, *times))
                if clip not in self.clips:
                    self.orphan_clip_texts.append(f"transcript {number} of clip {clip}")
                continue
            episode = self.episodes.get(_number(record.get("EpisodeNum")) or -1)
            if episode is None:
                self.refuse(label, f"its episode ({record.get('EpisodeNum')}) is not in the export (left out, with its clips' codings)")
                continue
            self._add_text(f"transcript {number}", record.get("ID") or f"transcript {number}", record, "RTFText", label, rtf, empty)
        if self.orphan_clip_texts:
            self.notes.append(LeftOut(
                f"{len(self.orphan_clip_texts)} clip transcript(s) in {self.path.name} belong to a clip the export does not hold (not read): " + _listed(self.orphan_clip_texts, 10)
            ))
        if rtf:
            self.refused.append(
                f"{len(rtf)} text(s) in {self.path.name} are RTF (or another format), not rich-text XML (Transana-XML before 1.6, Transana 2.50, kept RTF; left out, and what is coded on them): "
                + _listed(rtf, 10)
            )
        if empty:
            self.notes.append(f"{len(empty)} document(s) or transcript(s) have no text: " + _listed(empty, 10))
        # Names: a document's ID, unless two share it (two episodes' transcripts may have one ID): then with the episode's.
        counts: dict[str, int] = {}
        for text in self.texts.values():
            counts[text.name] = counts.get(text.name, 0) + 1
        for text in self.texts.values():
            if counts[text.name] > 1 and text.key.startswith("transcript"):
                episode = self.episodes.get(_number(text.record.get("EpisodeNum")) or -1) or {}
                text.name = f"{episode.get('ID', '')} {text.name}".strip()
        taken: dict[str, int] = {}
        for text in self.texts.values():
            taken[text.name] = taken.get(text.name, 0) + 1
            if taken[text.name] > 1:
                text.name = f"{text.name} ({taken[text.name]})"

    def _add_text(self, key: str, name: str, record: dict[str, Any], field_name: str, label: str, rtf: list[str], empty: list[str]) -> None:
        value = record.get(field_name)
        if value is None or not value.strip():
            rich = _RichText("", [0], [0], [], 0)
            empty.append(label)
        elif not value.lstrip().startswith("<"):
            rtf.append(label)
            return
        else:
            try:
                rich = _rich_text(value, self.path, label)
            except QdpxError as exc:
                self.refuse(label, f"{exc.message} (left out, and what is coded on it)")
                return
        if rich.replaced:
            self.notes.append(f"{label} holds {rich.replaced} character(s) no text can hold (control characters or half a UTF-16 pair): each read as U+FFFD, keeping its position")
        if rich.objects:
            self.notes.append(LeftOut(f"{label} holds {rich.objects} picture(s) or other object(s) in its text: not imported (each keeps its one position)"))
        self.texts[key] = _Text(key, name, rich, record)

    # ------------------------------------------------------------ keywords
    def codebook(self) -> tuple[ET.Element, set[str]]:  # type: ignore[override]
        """``<Codes>``: a code per keyword group (not codable) holding its keywords."""
        codes = ET.Element(f"{_NS}Codes")
        groups: dict[str, ET.Element] = {}
        known: set[str] = set()
        twice: list[str] = []
        for record in self.records.get("KeywordRec", []):
            group, keyword = (record.get("KeywordGroup") or "").strip(), (record.get("Keyword") or "").strip()
            if not group or not keyword:
                self.refuse(f"the <KeywordRec> at line {record['line']}", "it has no keyword group or no keyword (left out)")
                continue
            key = f"{group} : {keyword}"
            if key in known:
                twice.append(key)
                continue
            if group not in groups:
                groups[group] = ET.SubElement(codes, f"{_NS}Code", {"guid": self.guid("group", group), "name": group, "isCodable": "false"})
            element = ET.SubElement(groups[group], f"{_NS}Code", {"guid": self.guid("keyword", key), "name": keyword, "isCodable": "true"})
            colour = (record.get("ColorDef") or "").strip()
            if re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
                element.set("color", colour.upper())
            definition = (record.get("Definition") or "").strip()
            if definition:
                ET.SubElement(element, f"{_NS}Description").text = definition
            known.add(key)
        if twice:
            self.notes.append(f"{len(twice)} keyword(s) are declared twice; the first is kept: " + _listed(twice, 10))
        return codes, known

    # ------------------------------------------------------------ attributes
    _VARIABLES = ("Library", "Episode", "Date", "Media file", "Author", "Transcriber")

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """``<Variables>``: the library, episode, date, media file and author or transcriber of each document."""
        part = ET.Element(f"{_NS}Variables")
        for name in self._VARIABLES:
            ET.SubElement(part, f"{_NS}Variable", {"guid": self.guid("variable", name), "name": name, "typeOfVariable": "Text"})
        return part, dict.fromkeys(self._VARIABLES, "character")

    def _values_of(self, text: _Text) -> dict[str, str]:
        record = text.record
        if text.key.startswith("document"):
            library = self.series.get(_number(record.get("SeriesNum")) or -1, {})
            given = {"Library": library.get("ID"), "Date": record.get("Date"), "Media file": record.get("MediaFile"), "Author": record.get("NoteTaker")}
        else:
            episode = self.episodes.get(_number(record.get("EpisodeNum")) or -1, {})
            library = self.series.get(_number(episode.get("SeriesNum")) or -1, {})
            given = {"Library": library.get("ID"), "Episode": episode.get("ID"), "Date": episode.get("Date"), "Media file": episode.get("MediaFile"), "Transcriber": record.get("Transcriber")}
        return {k: v.strip() for k, v in given.items() if isinstance(v, str) and v.strip()}

    # ------------------------------------------------------------ documents and codings
    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        """``<Sources>``: each text with its codings (quotes, clips, whole-text keywords)."""
        part = ET.Element(f"{_NS}Sources")
        guids: dict[str, str] = {}
        keywords = self._keywords(known_codes)
        selections: dict[str, list[ET.Element]] = {key: [] for key in self.texts}
        self._quotes(keywords, selections)
        self._clips(keywords, selections)
        self._whole(keywords, selections)
        self._collections()
        for key, text in self.texts.items():
            guid = guids[key] = self.guid("source", key)
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": text.name})
            memo = "\n\n".join(
                part_ for part_ in (
                    (self.episodes.get(_number(text.record.get("EpisodeNum")) or -1, {}).get("Comment") if key.startswith("transcript") else None),
                    text.record.get("Comment"),
                ) if part_
            )
            if memo:
                ET.SubElement(outer, f"{_NS}Description").text = memo
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text.rich.text
            for element in selections[key]:
                outer.append(element)
            for name, value in self._values_of(text).items():
                item = ET.SubElement(outer, f"{_NS}VariableValue")
                ET.SubElement(item, f"{_NS}VariableRef", {"targetGUID": self.guid("variable", name)})
                ET.SubElement(item, f"{_NS}TextValue").text = value
        return part, guids

    def _keywords(self, known_codes: set[str]) -> dict[tuple[str, int], list[str]]:
        """The keywords applied to each object: {("quote"|"clip"|"episode"|"document"|"snapshot", number): [keyword keys]}."""
        found: dict[tuple[str, int], list[str]] = {}
        undeclared: list[str] = []
        nothing: list[str] = []
        repeated: list[str] = []
        self.examples = 0
        for record in self.records.get("ClipKeyword", []):
            key = f"{(record.get('KeywordGroup') or '').strip()} : {(record.get('Keyword') or '').strip()}"
            owner = next(((kind, n) for kind, field_name in (("quote", "QuoteNum"), ("clip", "ClipNum"), ("snapshot", "SnapshotNum"), ("document", "DocumentNum"), ("episode", "EpisodeNum")) if (n := _number(record.get(field_name)))), None)
            if owner is None:
                nothing.append(f"line {record['line']}")
                continue
            if key not in known_codes:
                undeclared.append(f"{key!r} on {owner[0]} {owner[1]}")
                continue
            if _number(record.get("Example")):
                self.examples += 1
            found.setdefault(owner, [])
            if key in found[owner]:
                repeated.append(f"{key!r} on {owner[0]} {owner[1]}")
            else:
                found[owner].append(key)
        if undeclared:
            self.refused.append(f"{len(undeclared)} keyword(s) applied in {self.path.name} are not in its keyword list (deleted in Transana?; left out): " + _listed(undeclared, 10))
        if nothing:
            self.refused.append(f"{len(nothing)} <ClipKeyword> record(s) in {self.path.name} name no quote, clip, document or episode (left out): " + _listed(nothing, 10))
        snapshots = [k for k in found if k[0] == "snapshot"]
        held = {"quote": self.quotes, "clip": self.clips}
        ghosts = [f"{key!r} on {kind} {n}" for (kind, n), keys in found.items() if kind in held and n not in held[kind] for key in keys]
        if ghosts:
            self.refused.append(f"{len(ghosts)} keyword(s) in {self.path.name} are applied to a quote or clip the export does not hold (left out): " + _listed(ghosts, 10))
        if snapshots:
            self.refused.append(f"{sum(len(found[k]) for k in snapshots)} keyword(s) on {len(snapshots)} snapshot(s) (pictures) in {self.path.name}: qlr imports no pictures (left out)")
        if repeated:
            self.notes.append(f"{len(repeated)} keyword(s) are applied twice to one clip, quote, document or episode: one coding each: " + _listed(repeated, 10))
        if self.examples:
            self.notes.append(f"{self.examples} keyword(s) mark their clip or quote as the keyword's example: imported as codings, the mark is not kept")
        return found

    def _collection_path(self, number: int | None) -> str:
        names: list[str] = []
        seen: set[int] = set()
        while number is not None and number in self.folders and number not in seen:
            seen.add(number)
            names.insert(0, (self.folders[number].get("ID") or str(number)).strip())
            number = _number(self.folders[number].get("ParentCollectNum"))
        return " > ".join(names)

    def _coded(self, selection: ET.Element, keys: list[str], label: str) -> ET.Element:
        for key in keys:
            coding = ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{label}:{key}")})
            ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("keyword", key)})
        return selection

    def _quotes(self, keywords: dict[tuple[str, int], list[str]], selections: dict[str, list[ET.Element]]) -> None:
        """Each quote a selection of its document, coded with its keywords."""
        unplaced: list[str] = []
        uncoded: list[str] = []
        positions = self._numbered("QuotePosition")  # numbered by their quote: a second position of one quote is left out
        strays = [f"quote {n}" for n in positions if n not in self.quotes]
        if strays:
            self.notes.append(f"{len(strays)} quote position(s) in {self.path.name} belong to a quote the export does not hold (not read): " + _listed(strays, 10))
        # Each document's convention: wxWidgets counts code points on macOS, UTF-16 units on Windows; the one under which
        # more quotes' own texts match their places is taken (code points on a tie).
        placed_by: dict[str, list[tuple[int, str, int, int, str]]] = {}
        for number, quote in self.quotes.items():
            spot = positions.get(number)
            document = _number((spot or {}).get("DocumentNum")) or _number(quote.get("DocumentNum"))
            text = self.texts.get(f"document {document}")
            label = f"quote {number} ({(quote.get('ID') or '').strip()!r})"
            if not keywords.get(("quote", number)):
                uncoded.append(label)
                continue
            if spot is None or text is None:
                unplaced.append(label + (" (no position)" if spot is None else f" (document {document} not read)"))
                continue
            start, end = _number(spot.get("StartChar")), _number(spot.get("EndChar"))
            if start is None or end is None:
                unplaced.append(label + " (no start or end)")
                continue
            own = ""
            if (quote.get("XMLText") or "").lstrip().startswith("<"):
                try:
                    own = _rich_text(quote["XMLText"], self.path, label).text
                except QdpxError:
                    own = ""
            placed_by.setdefault(text.key, []).append((number, label, start, end, own))
        for key, quotes in placed_by.items():
            text = self.texts[key]
            scores = []
            for utf16 in (False, True):
                score = 0
                for _, _, start, end, own in quotes:
                    a, b = text.rich.at(start, utf16=utf16), text.rich.at(end, utf16=utf16)
                    if a is not None and b is not None and own and " ".join(text.rich.text[a:b].split()) == " ".join(own.split()):
                        score += 1
                scores.append(score)
            # The text itself says how wxWidgets counted where it wrote a character outside the BMP (two symbols, its
            # UTF-16 halves, on Windows; one number elsewhere); else, or when more quotes match their own text the other
            # way, the quotes decide.
            text.utf16 = text.rich.written == "utf16" if text.rich.written else scores[1] > scores[0]
            by_text = text.rich.written is not None and scores[not text.utf16] <= scores[text.utf16]
            if not by_text:
                text.utf16 = scores[1] > scores[0]
            if text.utf16 and by_text:
                self.notes.append(f"{text.name}: quotes' positions count UTF-16 units (Transana on Windows: its text holds characters as UTF-16 halves)")
            elif text.utf16:
                self.notes.append(f"{text.name}: quotes' positions count UTF-16 units (Transana on Windows); {scores[1]} of {len(quotes)} quotes match their own text so, {scores[0]} as code points")
            if text.rich.written and not by_text:
                self.notes.append(f"{text.name}: its text was written counting {'UTF-16 units' if text.rich.written == 'utf16' else 'code points'}, but more quotes match their own text the other way ({max(scores)} of {len(quotes)}): that count is taken")
            for number, label, start, end, own in quotes:
                a, b = text.rich.at(start, utf16=text.utf16), text.rich.at(end, utf16=text.utf16)
                if a is None or b is None or a >= b:
                    # Said by the importer with every tool's (_positions.outside_text): the text's length in the count
                    # its positions use, and each quote's keywords as its codings.
                    table = text.rich.units if text.utf16 else text.rich.points
                    unit = UNITS["utf-16" if text.utf16 else "code points"] + (" as Transana counts, each picture or other object one" if text.rich.objects else "")
                    self.outside.setdefault(text.name, (len(table) - 1, unit, []))[2].append(outside_label(label, start, end))
                    self.outside_codings = (self.outside_codings or 0) + len(keywords[("quote", number)])
                    continue
                quote = self.quotes[number]
                attributes = {"startPosition": str(a), "endPosition": str(b)}
                if own.strip():
                    attributes["name"] = own
                selections[key].append(self._described(("quote", number), attributes, self._memo("Quote", quote, quote.get("CollectNum")), keywords, f"quote {number}"))
        if unplaced:
            self.refused.append(f"{len(unplaced)} coded quote(s) in {self.path.name} have no place in a document qlr read (left out): " + _listed(unplaced, 10))
        if uncoded:
            self.notes.append(f"{len(uncoded)} quote(s) carry no keyword: not codings (they are listed with their collections in the import report): " + _listed(uncoded, 10))

    def _described(self, item: tuple[str, int], attributes: dict[str, str], memo: str, keywords: dict[tuple[str, int], list[str]], label: str, *, key: Any = None) -> ET.Element:
        """A quote's or clip's selection (``item``: its table and number), its memo as the description, coded with its keywords."""
        table, number = item
        selection = self.selection("PlainTextSelection", table, number if key is None else key, **attributes)
        ET.SubElement(selection, f"{_NS}Description").text = memo
        return self._coded(selection, keywords[item], label)

    def _memo(self, what: str, record: dict[str, Any], collection: Any, extra: str = "") -> str:
        path = self._collection_path(_number(collection))
        memo = f"{what} {(record.get('ID') or '').strip()!r}" + (f" in collection {path!r}" if path else "") + extra
        comment = (record.get("Comment") or "").strip()
        return memo + (f": {comment}" if comment else "")

    def _clips(self, keywords: dict[tuple[str, int], list[str]], selections: dict[str, list[ET.Element]]) -> None:
        """Each clip a selection of each transcript it was made from, between its time codes, coded with its keywords."""
        uncoded: list[str] = []
        unplaced: list[str] = []
        twice: list[str] = []
        for number, clip in self.clips.items():
            label = f"clip {number} ({(clip.get('ID') or '').strip()!r})"
            if not keywords.get(("clip", number)):
                uncoded.append(label)
                continue
            sources = self.clip_texts.get(number, [])
            if not sources:
                unplaced.append(label + " (it has no clip transcript)")
                continue
            placed_on: set[int | None] = set()
            for source, own, own_start, own_stop in sources:
                # Before Transana-XML 1.4 the clip, not its transcript, named the transcript it came from.
                source = source or _number(clip.get("TranscriptNum"))
                if source in placed_on:
                    twice.append(f"{label} on transcript {source}")
                    continue
                placed_on.add(source)
                start_ms = own_start if own_start is not None else _number(clip.get("ClipStart"))
                stop_ms = own_stop if own_stop is not None else _number(clip.get("ClipStop"))
                text = self.texts.get(f"transcript {source}")
                if text is None:
                    unplaced.append(label + f" (its transcript {source} was not read)")
                    continue
                span = _between(text.rich, start_ms, stop_ms)
                if span is None:
                    unplaced.append(label + f" (no time codes in transcript {source} bound {_clock(start_ms)}–{_clock(stop_ms)})")
                    continue
                attributes = {"startPosition": str(span[0]), "endPosition": str(span[1])}
                if own.strip():
                    attributes["name"] = own
                memo = self._memo("Clip", clip, clip.get("CollectNum"), f" ({_clock(start_ms)}–{_clock(stop_ms)})")
                selections[text.key].append(
                    self._described(("clip", number), attributes, memo, keywords, f"clip {number} of {source}", key=f"{number} of transcript {source}")
                )
        if unplaced:
            self.refused.append(f"{len(unplaced)} coded clip placement(s) in {self.path.name} have no place in a transcript qlr read (left out): " + _listed(unplaced, 10))
        if twice:
            self.notes.append(f"{len(twice)} clip(s) have a second clip transcript from the same transcript: the clip is coded there once: " + _listed(twice, 10))
        if uncoded:
            self.notes.append(f"{len(uncoded)} clip(s) carry no keyword: not codings (they are listed with their collections in the import report): " + _listed(uncoded, 10))

    def _whole(self, keywords: dict[tuple[str, int], list[str]], selections: dict[str, list[ET.Element]]) -> None:
        """A keyword on a document or an episode: a coding of the whole document, or of each of the episode's transcripts."""
        unplaced: list[str] = []
        for (kind, number), keys in keywords.items():
            if kind == "document":
                targets = [self.texts.get(f"document {number}")]
            elif kind == "episode":
                targets = [t for t in self.texts.values() if t.key.startswith("transcript") and _number(t.record.get("EpisodeNum")) == number]
            else:
                continue
            targets = [t for t in targets if t is not None and t.rich.text.strip()]
            if not targets:
                unplaced.append(f"{len(keys)} on {kind} {number}")
                continue
            for text in targets:
                start = len(text.rich.text) - len(text.rich.text.lstrip())
                end = len(text.rich.text.rstrip())
                selection = self.selection("PlainTextSelection", kind, f"{number} in {text.key}", startPosition=str(start), endPosition=str(end))
                ET.SubElement(selection, f"{_NS}Description").text = f"Keywords on the whole {kind} in Transana"
                selections[text.key].append(self._coded(selection, keys, f"{kind} {number} in {text.key}"))
        if unplaced:
            self.refused.append(f"keywords on documents or episodes in {self.path.name} with no text qlr read (left out): " + _listed(unplaced, 10))

    def _collections(self) -> None:
        """Each collection, its place in the tree, owner and how many clips and quotes it holds (for the import report)."""
        for number, record in self.folders.items():
            held_clips = [(c.get("ID") or "").strip() for c in self.clips.values() if _number(c.get("CollectNum")) == number]
            held_quotes = [(q.get("ID") or "").strip() for q in self.quotes.values() if _number(q.get("CollectNum")) == number]
            self.collections.append(
                {"collection": self._collection_path(number), "owner": (record.get("Owner") or "").strip() or None, "clips": held_clips, "quotes": held_quotes}
            )

    def cases(self, types: dict[str, str], source_guid: dict[str, str]) -> ET.Element:  # type: ignore[override]
        """Transana has no cases (its libraries are document attributes)."""
        return ET.Element(f"{_NS}Cases")

    def journal(self) -> ET.Element:
        """``<Notes>``: Transana's notes, each a memo on the study titled with what it is about."""
        part = ET.Element(f"{_NS}Notes")
        for record in self.records.get("Note", []):
            number = _number(record.get("Num"))
            about = next(
                (f"{what} {n}" for what, field_name in (("library", "SeriesNum"), ("episode", "EpisodeNum"), ("transcript", "TranscriptNum"), ("collection", "CollectNum"), ("clip", "ClipNum"), ("snapshot", "SnapshotNum"), ("document", "DocumentNum"), ("quote", "QuoteNum")) if (n := _number(record.get(field_name)))),
                "the database",
            )
            note = self.stamp(ET.SubElement(part, f"{_NS}Note", {"guid": self.guid("note", f"{number}@{record['line']}"), "name": f"{(record.get('ID') or '').strip()} (on {about})"}), {"owner": record.get("NoteTaker")})
            ET.SubElement(note, f"{_NS}PlainTextContent").text = record.get("NoteText") or ""
        return part

    def sets(self, source_guid: dict[str, str]) -> ET.Element:  # type: ignore[override]
        """Transana's export has no sets of documents."""
        return ET.Element(f"{_NS}Sets")


def _between(rich: _RichText, start_ms: int | None, stop_ms: int | None) -> tuple[int, int] | None:
    """Where a clip lies in a transcript: from the time code at its start (or the last before it) to the first at or
    after its stop, white space at either end left out; None when the transcript has no time codes to bound it."""
    if start_ms is None or stop_ms is None or not rich.times:
        return None
    before = [at for at, ms in rich.times if ms <= start_ms]
    start = before[-1] if before else 0
    after = [at for at, ms in rich.times if ms >= stop_ms and at > start]
    end = after[0] if after else len(rich.text)
    span = rich.text[start:end]
    start += len(span) - len(span.lstrip())
    end = start + len(span.strip())
    return (start, end) if end > start else None
