"""Word 97–2003 ``.doc`` files: the text of the document body, as Word shows it.

Older studies keep their transcripts as ``.doc`` (Word 97 to 2003, and every later Word
that saves "Word 97-2003 Document").  The file is an OLE compound file; olefile opens its
streams and this module reads the text through Word's piece table, as the format's
specification lays it out ([MS-DOC], Microsoft Open Specifications, sections 2.4.1
"Retrieving Text" and 2.5.1 "Fib"):

* the ``WordDocument`` stream opens with the FIB, which gives the length of each story
  (body, footnotes, headers, comments, endnotes, text boxes) in characters, which of the
  ``0Table``/``1Table`` streams holds the tables, and where the piece table (``Clx``) is;
* the piece table maps runs of character positions to byte offsets in ``WordDocument``,
  each run stored either as UTF-16 or "compressed" as one byte per character (code page
  1252);
* character formatting (``PlcBteChpx`` and its 512-byte ``ChpxFkp`` pages) marks the runs
  a reviewer deleted with Track Changes on (``sprmCFRMarkDel``): Word keeps them in the
  text and shows them struck through, so they are left out here, as the ``.docx`` reader
  leaves out ``w:del``;
* fields (``\\x13`` code ``\\x14`` result ``\\x15``) read as their result, as Word shows them.

The body and the text boxes are read (the boxes' lines apart, as the caller places them:
their anchors cannot be told without drawing records); footnotes, endnotes, comments and headers are left out
and counted in :attr:`SourceText.removed`, as for ``.docx``.
"""

from __future__ import annotations

import bisect
import io
import re
import struct
from pathlib import Path

from ..errors import DocumentFormatError, UnreadableFormatError

_HINT = "open it in Word or LibreOffice and save it as .docx (or .txt)"
#: What else is saved under ".doc", by a marker near its start (lower-cased).
_LOOKALIKES = ((b"<w:worddocument", "it is Word 2003 XML"), (b"<html", "it is a web page"), (b"\xffwpc", "it is a WordPerfect document"))
_WORD97 = 0xC1  # nFib of Word 97 and everything since that saves the binary format
_WORD6_IDENT, _WORD6 = 0xA5DC, 0x65  # Word 6's and Word 95's wIdent; Word 6's nFib (Word 95's is 0x68)
_COMPLEX = 0x0004  # fComplex: saved fast, the text in pieces
#: Word 6's FIB: where the stories' lengths begin (ccpText …), and the Clx's fc and lcb.
_WORD6_STORIES, _WORD6_CLX = 0x34, (0x160, 0x164)
#: Word 6's FIB as read here (up to the Clx's lcb): a text starting inside it is a damaged file; fcMin and fcMac.
_WORD6_FIB, _WORD6_TEXT = _WORD6_CLX[1] + 4, (0x18, 0x1C)
_ENCRYPTED, _WHICH_TABLE, _OBFUSCATED = 0x0100, 0x0200, 0x8000
#: Offsets in the FIB of each story's length (FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx).
_STORIES = (("body", 76), ("footnotes", 80), ("headers and footers", 84), ("macro", 88), ("comments", 92), ("endnotes", 96), ("text boxes", 100), ("header text boxes", 104))
#: FibRgFcLcb97 entries used: (offset of fc, offset of lcb).
_CLX, _BTE_CHPX = (418, 422), (250, 254)
_DELETED = 0x0800  # sprmCFRMarkDel: the run was deleted with Track Changes on
#: Operand sizes by a sprm's spra (its top three bits); 6 means "the first byte says".
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 6: -1, 7: 3}
#: Characters with a meaning of their own in Word's text: breaks become line ends; marks of
#: pictures, drawn objects, note and comment references disappear (their text is elsewhere).
_MARKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\x1f": None, "\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None})
_ROW_END = re.compile("\x07\x07")
#: What a story holds besides its words: separators, note and comment reference marks, NUL for deleted text.
_STORY_FURNITURE = "\r\x00\x02\x03\x04\x05 "


def read_doc_text(path: Path, data: bytes) -> tuple[str, list[str], dict[str, int]]:
    """The body text of a Word 97–2003 file, its text boxes' lines and what was left out ({what: how many}).

    Raises
    ------
    DocumentFormatError
        The file is not a Word 97–2003 document, is encrypted or is damaged.
    """
    import olefile

    if not olefile.isOleFile(io.BytesIO(data)):
        head = data[:2048].lstrip().lower()
        what = next((name for marker, name in _LOOKALIKES if marker in head), None)
        raise DocumentFormatError(
            f"this is not a Word 97-2003 document ({what or 'no OLE compound file header'})", path=path, hint=_HINT
        )
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise DocumentFormatError("this OLE file has no WordDocument stream, so it is not a Word document", path=path, hint=_HINT)
            word = ole.openstream("WordDocument").read()
            flags = _u16(word, 0x0A) if len(word) >= 0x0C else 0
            table_name = "1Table" if flags & _WHICH_TABLE else "0Table"
            table = ole.openstream(table_name).read() if ole.exists(table_name) else b""
            # Information Rights Management: the body is a notice; the document is encrypted in DRMContent.
            rights_managed = ole.exists("\x06DataSpaces") or ole.exists("\tDRMContent")
    except (OSError, ValueError, struct.error, IndexError, KeyError, EOFError) as exc:  # olefile's ways of saying the container is damaged
        raise DocumentFormatError(f"the Word file is damaged ({exc})", path=path, hint=_HINT) from None
    try:
        return _text(word, table, path, rights_managed=rights_managed)
    except DocumentFormatError:
        raise
    except (struct.error, IndexError, ValueError) as exc:
        raise DocumentFormatError(f"the Word file's text tables are damaged ({exc})", path=path, hint=_HINT) from None


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


def _text(word: bytes, table: bytes, path: Path, *, rights_managed: bool = False) -> tuple[str, list[str], dict[str, int]]:
    if len(word) >= 4 and _u16(word, 0) in (0xA5EC, _WORD6_IDENT) and _u16(word, 2) < _WORD6:
        raise UnreadableFormatError("this is a Word document older than Word 6, a format qlr does not read", path=path, hint=_HINT)
    if len(word) >= 4 and (_u16(word, 0) == _WORD6_IDENT or (_u16(word, 0) == 0xA5EC and _u16(word, 2) < _WORD97)):
        return _word6_text(word, path)
    if len(word) < 426 or _u16(word, 0) != 0xA5EC:
        raise DocumentFormatError("the WordDocument stream does not open with Word's file information block", path=path, hint=_HINT)
    if _u16(word, 0x0A) & (_ENCRYPTED | _OBFUSCATED) or rights_managed:
        raise UnreadableFormatError(
            "the Word file is password-protected or restricted by rights management", path=path, hint="remove the protection in Word (File > Info > Protect Document), then save it as .docx"
        )
    lengths = {name: _u32(word, offset) for name, offset in _STORIES}
    pieces = _pieces(table, _u32(word, _CLX[0]), _u32(word, _CLX[1]))
    deleted = _deleted_runs(word, table, _u32(word, _BTE_CHPX[0]), _u32(word, _BTE_CHPX[1]))
    return _stories(word, lengths, pieces, deleted)


def _word6_text(word: bytes, path: Path) -> tuple[str, list[str], dict[str, int]]:
    """The text of a Word 6 or Word for Windows 95 file, laid out as "Microsoft Word 6.0 Binary File Format" says.

    Its FIB gives the first text byte (``fcMin``, 0x18) and the stories' lengths from 0x34 in the same order as Word
    97's; its tables are in the WordDocument stream itself; every character is one byte (code page 1252). A file saved
    fast ("complex", flag 0x0004) keeps its text in pieces listed by the Clx at 0x160. Its character formatting is not
    read: text deleted with revision marking on (rare in such files) is read as text.
    """
    if len(word) < _WORD6_FIB:
        raise DocumentFormatError("the WordDocument stream is shorter than Word 6's file information block", path=path, hint=_HINT)
    flags = _u16(word, 0x0A)
    if flags & _ENCRYPTED:
        raise UnreadableFormatError("the Word file is password-protected", path=path, hint="remove the protection in Word, then save it as .docx")
    lengths = {name: _u32(word, _WORD6_STORIES + 4 * index) for index, (name, _) in enumerate(_STORIES)}
    if flags & _COMPLEX:
        pieces = _pieces(word, _u32(word, _WORD6_CLX[0]), _u32(word, _WORD6_CLX[1]), single_byte=True)
    else:
        # One run of single-byte text from fcMin to fcMac: every story, and the closing paragraph mark.
        fc_min, fc_mac = (_u32(word, offset) for offset in _WORD6_TEXT)
        wrong = (
            f"its text starts at byte {fc_min} (fcMin), inside the file information block ({_WORD6_FIB} bytes)"
            if fc_min < _WORD6_FIB
            else f"its text runs from byte {fc_min} to {fc_mac} (fcMin, fcMac), outside the WordDocument stream's {len(word)} bytes"
            if not fc_min <= fc_mac <= len(word)
            else f"its stories' lengths add up to {sum(lengths.values())} characters, more than the {fc_mac - fc_min} bytes of text (fcMac - fcMin)"
            if sum(lengths.values()) > fc_mac - fc_min
            else ""
        )
        if wrong:
            raise DocumentFormatError(f"the Word 6/95 file is damaged: {wrong}", path=path, hint=_HINT)
        pieces = [(0, sum(lengths.values()) + 1, fc_min, True)]
    return _stories(word, lengths, pieces, [])


def _stories(word: bytes, lengths: dict[str, int], pieces: list[tuple[int, int, int, bool]], deleted: list[tuple[int, int]]) -> tuple[str, list[str], dict[str, int]]:
    """The body, the text boxes' lines and what was left out, from the pieces of text and the deleted byte ranges."""
    # Character positions count UTF-16 code units (a letter beyond the Basic Multilingual
    # Plane is two), so the text is gathered as UTF-16 and cut into stories before decoding.
    # Deleted characters are blanked to NUL, not cut, so that the stories' lengths still
    # find their boundaries; _readable drops them.
    units = bytearray()
    deletions = 0
    for cp_start, cp_end, fc, compressed in pieces:
        width = 1 if compressed else 2
        raw = word[fc : fc + (cp_end - cp_start) * width]
        chunk = bytearray(raw.decode("cp1252", errors="replace").encode("utf-16-le") if compressed else raw)
        blanked = _deleted_indices(fc, width, len(chunk) // 2, deleted)
        for index in blanked:
            chunk[2 * index : 2 * index + 2] = b"\x00\x00"
        deletions += sum(1 for before, after in zip([-2, *blanked], blanked) if after != before + 1)
        units += chunk
        if len(units) > 2 * len(word):
            # Each character comes from bytes of its own in WordDocument: more text than that is a
            # piece table pointing pieces at the same bytes again and again (a damaged or hostile file).
            raise ValueError("the piece table reads more text than the file holds")

    def story_at(start: int, length: int) -> str:
        return units[2 * start : 2 * (start + length)].decode("utf-16-le", errors="replace")

    removed: dict[str, int] = {"tracked deletions": deletions} if deletions else {}
    body = story_at(0, lengths["body"])
    start = lengths["body"]
    boxes = ""
    for name, _ in _STORIES[1:]:
        story = story_at(start, lengths[name])
        start += lengths[name]
        if name == "text boxes":
            boxes = story
        elif name != "macro" and (count := sum(1 for part in story.split("\r") if part.strip(_STORY_FURNITURE))):
            removed[name] = count
    return _readable(body), _readable(boxes).split("\n"), removed


def _deleted_indices(fc: int, width: int, count: int, deleted: list[tuple[int, int]]) -> list[int]:
    """Indices of a piece's characters (``count`` of them from byte ``fc``) inside deleted byte ranges."""
    end = fc + count * width
    found: list[int] = []
    first = bisect.bisect_right(deleted, (fc, 1 << 62)) - 1
    for low, high in deleted[max(first, 0) :]:
        if low >= end:
            break
        if high <= fc:
            continue
        begin = max(0, -(-(low - fc) // width))
        stop = min(count, -(-(high - fc) // width))
        found.extend(range(begin, stop))
    return found


def _pieces(table: bytes, fc_clx: int, lcb_clx: int, *, single_byte: bool = False) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first character position, end, byte offset in WordDocument, compressed); ``single_byte``:
    Word 6's, whose offsets are plain byte offsets of one-byte text."""
    clx = table[fc_clx : fc_clx + lcb_clx]
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: property modifiers, skipped
        size = struct.unpack_from("<h", clx, position + 1)[0]
        if size < 0:
            raise ValueError("a property modifier in the Clx has a negative size")
        position += 3 + size
    if position >= len(clx) or clx[position] != 0x02:
        raise ValueError("no piece table (Pcdt) in the Clx")
    size = _u32(clx, position + 1)
    plc = clx[position + 5 : position + 5 + size]
    count = (len(plc) - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        raw_fc = _u32(plc, 4 * (count + 1) + 8 * index + 2)
        if single_byte:
            pieces.append((positions[index], positions[index + 1], raw_fc, True))
            continue
        compressed = bool(raw_fc & 0x40000000)
        fc = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
        pieces.append((positions[index], positions[index + 1], fc, compressed))
    return pieces


def _deleted_runs(word: bytes, table: bytes, fc_bte: int, lcb_bte: int) -> list[tuple[int, int]]:
    """Byte ranges of WordDocument whose character formatting marks them deleted (Track Changes), sorted."""
    if lcb_bte < 8:
        return []
    plc = table[fc_bte : fc_bte + lcb_bte]
    count = (len(plc) - 4) // 8
    # Each formatting page once, and only pages inside the stream: a hostile table can name one
    # page again and again.
    pages = sorted({page for page in struct.unpack_from(f"<{count}I", plc, 4 * (count + 1)) if page * 512 + 512 <= len(word)})
    runs: list[tuple[int, int]] = []
    for page in pages:
        fkp = word[page * 512 : page * 512 + 512]
        if len(fkp) < 512:
            continue
        crun = fkp[511]
        bounds = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for index in range(crun):
            offset = fkp[4 * (crun + 1) + index] * 2
            if offset and _marks_deleted(fkp, offset):
                runs.append((bounds[index], bounds[index + 1]))
    runs.sort()
    merged: list[tuple[int, int]] = []
    for low, high in runs:  # overlapping runs as one, so each character is looked at once
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _marks_deleted(fkp: bytes, offset: int) -> bool:
    """Whether a Chpx (a byte count, then sprms) turns ``sprmCFRMarkDel`` on."""
    size = fkp[offset]
    grpprl = fkp[offset + 1 : offset + 1 + size]
    position = 0
    while position + 2 <= len(grpprl):
        sprm = _u16(grpprl, position)
        operand = _OPERAND[sprm >> 13]
        if operand == -1:
            operand = 1 + grpprl[position + 2] if position + 2 < len(grpprl) else 1
        if sprm == _DELETED and position + 2 < len(grpprl):
            return grpprl[position + 2] in (1, 0x81)
        position += 2 + operand
    return False


def _readable(story: str) -> str:
    """A story's text as Word shows it: fields as their results, table marks as tabs and lines, breaks as line ends."""
    story = story.replace("\x00", "")
    if "\x13" in story:
        story = _field_results(story)
    # A table's cells end with \x07, and its row with one more: cells become tab-separated lines.
    return _ROW_END.sub("\n", story).replace("\x07", "\t").translate(_MARKS)


def _field_results(story: str) -> str:
    """Fields (``\\x13`` code ``\\x14`` result ``\\x15``, nested or not) as their results; a field with no result goes."""
    out: list[str] = []
    stack: list[bool] = []  # per open field: whether its result has started
    in_code = 0  # how many open fields are still in their code: a character shows only at 0
    for character in story:
        if character == "\x13":
            stack.append(False)
            in_code += 1
        elif character == "\x14":
            if stack and not stack[-1]:
                stack[-1] = True
                in_code -= 1
        elif character == "\x15":
            if stack and not stack.pop():
                in_code -= 1
        elif not in_code:
            out.append(character)
    return "".join(out)
