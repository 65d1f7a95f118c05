"""Bytes to stored text: encoding detection and line-ending normalisation.

The stored text is what every offset in qlr refers to, so this is the one place
that decides it: BOM-marked UTF-8 and UTF-16 are honoured, plain UTF-8 is tried
next, Windows-1252 is the last resort (with a warning), and CRLF / CR become LF.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice
from pathlib import Path
from typing import Any

from ._warned import warn
from .errors import BinaryFileError, DecodingError, DecodingFallbackWarning

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # UTF-32's little-endian mark begins with UTF-16's: it is looked for first.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never appear in text files (tab, LF, CR, FF are fine).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def normalise_newlines(text: str) -> str:
    """Return ``text`` with CRLF and lone CR turned into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode_bytes(data: bytes, path: str | Path, *, declared: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file to stored text.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str or Path
        Used in messages only.
    declared : str, optional
        The encoding the file itself declares (a web page's ``<meta charset>``): text
        that is not UTF-8 is read in it without a warning, when it can be.

    Returns
    -------
    text : str
        Decoded text with LF line endings and no BOM.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-32"`` or ``"cp1252"``.

    Raises
    ------
    BinaryFileError
        The data holds NUL or other control bytes (an image, a zip, a ``.doc``,
        or UTF-16 without a byte-order mark); a few stray ones in UTF-8 text (at
        most one per 1,000 bytes, no NUL) are read as spaces or line breaks, with
        a warning, instead.
    DecodingError
        Neither UTF-8 nor Windows-1252 can decode the data.

    Examples
    --------
    >>> decode_bytes(b"I: Hello\\r\\nR: Hi", "a.txt")
    ('I: Hello\\nR: Hi', 'utf-8')
    >>> decode_bytes("\\ufeffR: caf\\u00e9".encode("utf-16"), "b.txt")
    ('R: café', 'utf-16')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig" and _first_control_byte(data) is not None and (repaired := _without_stray_controls(data[len(bom) :], path)) is not None:
                return repaired[0], encoding  # a UTF-8 file with its mark and a stray byte or two
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"the file starts with a {encoding.upper()} byte-order mark but "
                    f"byte {exc.start} is not valid {encoding.upper()}",
                    path=path,
                    line=_line_of(data, exc.start),
                    hint="re-save the file as UTF-8 from your editor",
                ) from None
            return normalise_newlines(text.lstrip("\ufeff")), encoding

    first_control = _first_control_byte(data)
    if first_control is not None:
        repaired = _without_stray_controls(data, path)
        if repaired is not None:
            return repaired
        raise BinaryFileError(
            f"the file holds binary data (byte 0x{data[first_control]:02x} at byte "
            f"{first_control}), not text",
            path=path,
            line=_line_of(data, first_control),
            hint=(
                "check that this is the transcript you meant; if it is a Word file give "
                "it the .docx extension, and if it is UTF-16 text save it as UTF-8"
            ),
        )
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared:
        import codecs

        try:
            codec = codecs.lookup(declared).name
            # As browsers read them (the WHATWG encoding standard): a page declaring Latin-1 or ASCII is Windows-1252.
            codec = "cp1252" if codec in ("iso8859-1", "ascii") else codec
            return normalise_newlines(data.decode(codec)), codec  # the file says what it is: nothing to warn of
        except (LookupError, UnicodeDecodeError):
            pass  # a charset Python does not know, or one the bytes are not: read as if undeclared
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"byte 0x{data[exc.start]:02x} at byte {exc.start} is neither UTF-8 nor "
            "Windows-1252 text",
            path=path,
            line=_line_of(data, exc.start),
            hint="open the file in a text editor and save it with UTF-8 encoding",
        ) from None
    warn(
        f"{path}:{_line_of(data, utf8_error.start)}: not valid UTF-8 (byte "
        f"0x{data[utf8_error.start]:02x}); read as Windows-1252. Re-save the file as "
        "UTF-8 if any character looks wrong.",
        DecodingFallbackWarning,
    )
    return normalise_newlines(text), "cp1252"


#: At most one stray control byte per this many bytes is a slip in a text file, not binary data.
_STRAY_CONTROL_SPACING = 1000


def _without_stray_controls(data: bytes, path: str | Path) -> tuple[str, str] | None:
    """UTF-8 text with a few stray control bytes (a live-caption feed leaves 0x10, 0x02): the text
    without them, said in a warning; None when the data is binary (NUL, many controls, not UTF-8)."""
    if b"\x00" in data:
        return None
    # A terminal's colour codes ("\x1b[1mInterviewer:\x1b[0m") go whole, so the label they wrap stays one.
    cleaned, codes = _TERMINAL_CODES.subn(b"", data)
    count = codes + len(cleaned) - len(cleaned.translate(None, _BINARY_BYTES))
    if count * _STRAY_CONTROL_SPACING > len(data):
        return None
    # Word's manual line break and the separator bytes end a line; any other stray byte is a space, so
    # neither two turns nor two words are glued together.
    try:
        text = cleaned.translate(_STRAY_AS_TEXT).decode("utf-8")
    except UnicodeDecodeError:
        return None
    from .errors import RepairedInputWarning

    first = [match.start() for match in islice(_STRAY_OR_CODE.finditer(data), 5)]
    shown = ", ".join(f"0x{data[i]:02x} on line {_line_of(data, i)}" for i in first) + (f" and {count - len(first)} more" if count > len(first) else "")
    warn(
        f"{path}: {count} stray control character(s) or terminal code(s) read as spaces or line breaks, or left out ({shown}): "
        "they are no text, the words around them are read",
        RepairedInputWarning,
    )
    return normalise_newlines(text), "utf-8"


def _first_control_byte(data: bytes) -> int | None:
    # translate() deletes every ordinary byte in C; what is left are the culprits.
    stripped = data.translate(None, _NON_CONTROL)
    if not stripped:
        return None
    return min(data.find(bytes([b])) for b in set(stripped))


_NON_CONTROL = bytes(b for b in range(256) if b not in _BINARY_BYTES)
# A terminal's control sequences: CSI ("\x1b[1m", "\x1b[?25l") and OSC ("\x1b]0;title\x07").
_TERMINAL = rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
_TERMINAL_CODES = re.compile(_TERMINAL)
_STRAY_OR_CODE = re.compile(_TERMINAL + rb"|[" + re.escape(_BINARY_BYTES) + rb"]")
#: Stray control bytes as text: vertical tab and the separators (0x1c–0x1f) end a line, the rest are spaces.
_STRAY_AS_TEXT = bytes.maketrans(_BINARY_BYTES, bytes(10 if b in (0x0B, 0x1C, 0x1D, 0x1E, 0x1F) else 32 for b in _BINARY_BYTES))


#: A workbook may expand to at most this many bytes (its zip's declared sizes).
MAX_WORKBOOK_BYTES = 256 * 1024 * 1024


def workbook_size_checked(path: Path, error: type[Exception], **where: Any) -> None:
    """Refuse a workbook that is not a zip, or that expands to more than :data:`MAX_WORKBOOK_BYTES`."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise error(f"{path.name} is not a readable .xlsx workbook", path=path, hint="save the sheet again from Excel, or as CSV (UTF-8)", **where) from None
    if declared > MAX_WORKBOOK_BYTES:
        raise error(f"refused: the workbook expands to {declared:,} bytes", path=path, hint="save the sheet as CSV (UTF-8)", **where)


def table_delimiter(text: str, suffix: str = ".csv") -> str:
    """The character that cuts a table file's cells: a tab in ``.tsv``, else what its header line uses most.

    Excel in a comma-decimal locale saves "CSV" with semicolons, and ATLAS.ti's export does too; a
    header's quoted cells are not counted ("Code; Definition" with a comma inside quotes).

    Examples
    --------
    >>> table_delimiter("Code;Definition\\nTrust;x"), table_delimiter('"a, b",c\\n'), table_delimiter("x\\ty", ".tsv"), table_delimiter("")
    (';', ',', '\\t', ',')
    """
    if suffix.lower() == ".tsv":
        return "\t"
    header = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


#: How many rows at a table's top (a title, a note, blank rows) are looked through for its header.
HEADER_SEARCH = 20


def header_row(rows: list[list[str]], is_header: Any) -> int | None:
    """The index of a table's header row: the first of its top :data:`HEADER_SEARCH` rows that ``is_header`` takes.

    Spreadsheets kept by people put a title, a note or blank rows above the header ("Data list: panel study,
    deposit 2024"); the header is the first row whose cells name the columns the reader needs, which
    ``is_header`` (a row's cells → bool) decides. One rule for every table qlr reads with a header
    (codebook tables, a deposit's data list).

    Examples
    --------
    >>> header_row([["Codebook, 2024"], [], ["Code", "Definition"], ["Trust", "x"]], lambda row: "Code" in row)
    2
    >>> header_row([["Trust", "x"]], lambda row: "Code" in row) is None
    True
    """
    return next((index for index, row in enumerate(rows[:HEADER_SEARCH]) if is_header(row)), None)
