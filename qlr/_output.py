"""Output that is only data: spreadsheet cells that cannot run, terminal text that cannot steer, safe colours.

Everything qlr writes may carry text from other people's files: a case label, a
code name, a quote.  A spreadsheet reads a cell that begins with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) as a formula, which can
fetch a URL or run a command (OWASP, "CSV Injection"); a terminal obeys escape
sequences; a colour put into a ``style`` attribute can load a URL.  These
helpers are the one place that decides how such text is made inert.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from ._atomic import atomic_path, write_text_atomic

__all__ = [
    "FORMULA_STARTS",
    "neutralise",
    "restore",
    "neutralise_frame",
    "restore_frame",
    "csv_text",
    "write_csv",
    "strings_stay_strings",
    "write_excel",
    "made_at",
    "printable",
    "safe_colour",
]

#: Characters that make a spreadsheet cell a formula (OWASP), and the quote qlr puts before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet will show as text; anything else unchanged.

    A string starting with a formula character gets a leading ``'``.  So does a
    string that already starts with ``'``, so that :func:`restore` gives back
    exactly what was written.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x")'), neutralise("-5 degrees"), neutralise("plain"), neutralise(-5)
    ('\\'=HYPERLINK("http://x")', "'-5 degrees", 'plain', -5)
    >>> restore(neutralise("'quoted'"))
    "'quoted'"
    """
    if isinstance(value, str) and value and (value.startswith(FORMULA_STARTS) or value.startswith(_GUARD)):
        return _GUARD + value
    return value


def restore(value: Any) -> Any:
    """The value :func:`neutralise` was given (a read-back sheet's cell)."""
    if isinstance(value, str) and value.startswith(_GUARD):
        return value[1:]
    return value


def _text_columns(frame: pd.DataFrame) -> list[Any]:
    return [c for c in frame.columns if pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c])]


def neutralise_frame(frame: pd.DataFrame, *, raw: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and text column names and index) are neutralised.

    Numbers stay numbers.  With ``raw=True`` the frame is returned unchanged, for a
    user who asks for the values as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"label": ["=1+1", "Ann"], "count": [-1, 2]})
    >>> neutralise_frame(frame).to_dict("list")
    {'label': ["'=1+1", 'Ann'], 'count': [-1, 2]}
    """
    if raw:
        return frame
    out = frame.copy()
    for column in _text_columns(out):
        out[column] = out[column].map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) for c in out.columns]
    if pd.api.types.is_object_dtype(out.index) or pd.api.types.is_string_dtype(out.index):
        out.index = out.index.map(neutralise)
    return out


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise_frame` on a sheet read back with ``dtype=str``."""
    out = frame.copy()
    for column in _text_columns(out):
        out[column] = out[column].map(restore, na_action="ignore")
    out.columns = [restore(c) for c in out.columns]
    return out


def csv_text(frame: pd.DataFrame, *, raw: bool = False, index: bool = False) -> str:
    r"""The CSV text qlr writes for a table: cells neutralised, RFC 4180 line ends.

    With ``\r\n`` line ends, Python's writer quotes any cell holding a carriage
    return or a newline, so a quote with a stray ``\r`` reads back as one cell.

    Examples
    --------
    >>> import pandas as pd
    >>> csv_text(pd.DataFrame({"code": ["=cmd"], "n": [1]}))
    "code,n\r\n'=cmd,1\r\n"
    """
    return neutralise_frame(frame, raw=raw).to_csv(index=index, lineterminator="\r\n")


def refuse_too_deep(target: Path, frame: pd.DataFrame, *, kind: str, sheet: str | None = None) -> None:
    """Raise one :class:`~qlr.errors.InvalidParameterError` naming the first cell of ``frame`` nested past
    :data:`qlr._json.MAX_NESTING` (``qlr._json.too_deep``), before a ``kind`` ("CSV", "Excel") writer meets it.

    A list within a list 100,000 times stops a writer half-way with a bare RecursionError (CSV) or an empty ValueError
    (Excel): said first, naming the file (and sheet), column and row; nothing is written.
    """
    from ._json import MAX_NESTING, too_deep

    found = too_deep(frame)
    if found is None:
        return
    from .errors import InvalidParameterError

    place = f"sheet {sheet!r}, " if sheet is not None else ""
    raise InvalidParameterError(
        f"{target}: {place}column {found[0]!r}, row {found[1]} holds a value nested more than {MAX_NESTING} deep (lists or mappings "
        f"within each other), which qlr cannot write as {kind}; nothing was written",
        hint="keep that value as text (json.dumps it, or store what it says) or flatten it, then write again",
    )


def write_csv(path: str | os.PathLike[str], frame: pd.DataFrame, *, raw: bool = False, index: bool = False) -> Path:
    r"""Write ``frame`` as :func:`csv_text` to ``path``, atomically; the one way qlr writes a CSV.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> path = write_csv(os.path.join(tempfile.mkdtemp(), "t.csv"), pd.DataFrame({"code": ["@x"]}))
    >>> open(path, newline="").read()
    "code\r\n'@x\r\n"
    """
    target = Path(path)
    refuse_too_deep(target, frame, kind="CSV")
    write_text_atomic(target, csv_text(frame, raw=raw, index=index))
    return target


def write_excel(path: str | os.PathLike[str], sheets: Iterable[tuple[str, pd.DataFrame, bool]]) -> Path:
    """Write ``(name, frame, index)`` sheets to one workbook, atomically, text as text.

    Every string is stored as a string cell (never a formula) and numbers stay
    numbers, so the workbook needs no neutralising; sheet names are cut to
    Excel's 31 characters and time zones dropped (Excel has none).  Rows are
    streamed to the file (openpyxl's write-only mode): a large report's
    workbook is never held in memory whole.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> path = write_excel(os.path.join(tempfile.mkdtemp(), "t.xlsx"), [("codes", pd.DataFrame({"name": ["=1+1"], "n": [2]}), False)])
    >>> pd.read_excel(path).values.tolist()
    [['=1+1', 2]]
    """
    from openpyxl import Workbook

    target = Path(path)
    sheets = list(sheets)
    for name, frame, _ in sheets:
        refuse_too_deep(target, frame, kind="Excel", sheet=str(name)[:31])
    made = made_at()
    with atomic_path(target) as temporary:
        book = Workbook(write_only=True)
        for name, frame, index in sheets:
            sheet = book.create_sheet(title=str(name)[:31])
            table = frame.reset_index() if index else frame
            header = [_header(column) for column in table.columns]
            if index and frame.index.nlevels == 1 and frame.index.name is None:
                header[0] = None  # an unnamed index has an empty heading, as pandas writes it
            sheet.append(strings_stay_strings(sheet, header))
            columns = [_excel_values(table.iloc[:, number]) for number in range(table.shape[1])]
            for row in zip(*columns):
                sheet.append(strings_stay_strings(sheet, row))
        if "SOURCE_DATE_EPOCH" in os.environ:
            # openpyxl stamps the time it saves, in the properties and in every zip entry: both get the given time.
            buffer = io.BytesIO()
            book.save(buffer)
            Path(temporary).write_bytes(_dated_zip(buffer.getvalue(), made))
        else:
            book.save(temporary)
    return target


def made_at() -> datetime:
    """When qlr says a report or workbook was made: now, or ``SOURCE_DATE_EPOCH`` when it is set.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC; reproducible-builds.org) lets a team make the
    same report on two machines, byte for byte: the report's stamp and the workbook's dates are
    that time, not the minute it ran.

    Examples
    --------
    >>> import os
    >>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    >>> made_at().isoformat()
    '2023-11-14T22:13:20+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given is None:
        return datetime.now(timezone.utc)
    from .errors import InvalidParameterError

    if not given.strip().isdigit():
        raise InvalidParameterError(
            f"SOURCE_DATE_EPOCH={given!r} is not a whole number of seconds since 1970",
            hint="set it to one (e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)) or unset it to stamp the time of the run",
        )
    return datetime.fromtimestamp(int(given), timezone.utc)


def _dated_zip(data: bytes, made: datetime) -> bytes:
    """A zip (an .xlsx) again, each entry dated ``made`` and its document properties created and modified then."""
    stamp = made.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    # A zip entry cannot be dated before 1980.
    when = max(made.replace(tzinfo=None), datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*", lambda m: m.group(1) + stamp, content)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type, entry.external_attr = info.compress_type, info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


def _header(column: Any) -> str:
    """A column's heading: the parts of a several-level column joined by " / "."""
    if isinstance(column, tuple):
        return " / ".join(str(part) for part in column if str(part))
    return str(column)


def _excel_values(column: pd.Series) -> list[Any]:
    """A column's values as Excel cells take them: missing as empty, numbers as numbers, dates without time zone."""
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_localize(None)
    values = column.astype(object).where(column.notna(), None)
    # NumPy scalars become Python ones, which openpyxl writes as numbers and dates.
    # A list or mapping (a note's tags) is written as its text, as the CSV writes it: openpyxl takes no such cell.
    return [
        value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else str(value) if isinstance(value, _NESTS) else value
        for value in values.tolist()
    ]


#: Cells that hold other values, which a sheet's cell cannot: written as their text.
_NESTS = (list, tuple, set, frozenset, dict)


def strings_stay_strings(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for an openpyxl write-only sheet in which every string is a string cell, never a formula.

    openpyxl stores a string that begins with ``=`` as a formula; qlr's tables
    never hold formulas, so each such value goes in a cell marked as text.
    """
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    return row


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: Any, *, keep_newlines: bool = False) -> str:
    """Text safe to print on a terminal: control characters (escape sequences, bidi overrides) shown as codes.

    Examples
    --------
    >>> printable("C01\\x1b[2J\\nforged row")
    'C01\\\\x1b[2J\\\\nforged row'
    """
    def code(match: re.Match[str]) -> str:
        return match.group().encode("unicode_escape").decode("ascii")

    text = str(text)
    if not keep_newlines:
        text = text.replace("\n", "\\n")
    return _CONTROL.sub(code, text)


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def is_hex_colour(value: str) -> bool:
    """Whether ``value`` is a colour as REFI-QDA and HTML write one in hex (``#abc``, ``#aabbcc``).

    Parameters
    ----------
    value : str
        A colour as a file gives it.

    Returns
    -------
    bool
        True for ``#RGB`` or ``#RRGGBB``, in any case.

    Examples
    --------
    >>> is_hex_colour("#0072B2"), is_hex_colour("#GG0000"), is_hex_colour("steelblue")
    (True, False, False)
    """
    return _HEX.fullmatch(value) is not None


def safe_colour(value: Any, *, default: str | None = None) -> str | None:
    """``value`` if it is a hex colour (``#abc``, ``#aabbcc``) or a CSS/matplotlib colour name; else ``default``.

    Anything else (``url(...)``, ``red; background: …``) never reaches a ``style``
    attribute or a figure.

    Examples
    --------
    >>> safe_colour("#E69F00"), safe_colour("steelblue"), safe_colour("red;background:url(http://x)", default="#999999")
    ('#E69F00', 'steelblue', '#999999')
    """
    from matplotlib.colors import CSS4_COLORS

    if isinstance(value, str):
        text = value.strip()
        if is_hex_colour(text) or text.lower() in CSS4_COLORS:
            return text
    return default
