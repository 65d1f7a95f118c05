# -*- coding: utf-8 -*-
# ruff: noqa: UP004, UP009, UP010, UP020, UP025, UP031  (Python 2.7 code: it runs Transana 3.00, which is Python 2)
"""Export a small Transana 3.00 database with Transana's own exporter (``XMLExport.XMLExport.Export``).

Run by tests/test_trial19_transana.py under Python 2.7, never by qlr:
``python2.7 transana_oracle.py SOURCE_FOLDER OUT.tra``.  SOURCE_FOLDER holds Transana 3.00's ``XMLExport.py`` and
``DBInterface.py`` (from its public repository); the tables are made with Transana's own ``Create...TableQuery``
statements (sqlite3, Transana's single-user database), filled with a study written here, and exported by Transana's
unchanged ``Export``; only the window around it (wx, the progress dialog, the file field) is stood in for.  The rich
text stored in the tables is written as wxWidgets' XML handler writes it (wxWidgets is not installed here).

The study: one library; two episodes (P01 and P02, wave 1), each with a transcript called "Transcript" holding time
codes; four clips of P01's transcript (two coded, one nested in another, one with no keyword); one document (a diary)
with six quotes (nested, overlapping, one after an emoji, one after a line break, one past the text's end, one with no
keyword); an empty document; a third document whose quote positions count UTF-16 units (as on Windows); keywords in
two groups, one applied but no longer in the keyword list; a keyword on the diary as a whole and on P02's episode; a
snapshot with a keyword; a note.  Each quote's and clip's own copy of its text is stored as Transana stores it.
"""

from __future__ import print_function

import io
import re
import sqlite3
import sys
import types

SOURCE, OUT = sys.argv[1], sys.argv[2]
sys.path.insert(0, SOURCE)
try:
    import __builtin__ as builtins  # Python 2
except ImportError:  # pragma: no cover - the oracle runs under Python 2.7
    import builtins
builtins._ = lambda text: text
character = getattr(builtins, "unichr", chr)  # Python 2's chr gives bytes


def module(name, **values):
    made = types.ModuleType(name)
    made.__dict__.update(values)
    sys.modules[name] = made
    return made


class Window(object):
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return lambda *args, **kwargs: (400, 100) if name == "GetSize" else None


class Failed(Window):
    def __init__(self, parent, message, *args, **kwargs):
        raise SystemExit("Transana's export failed: %s" % message)


TYPE = {"text_factory": None}
module("wx", PlatformInfo=("__WXGTK__", "unicode"), ProgressDialog=Window, PD_APP_MODAL=0, PD_AUTO_HIDE=0, YieldIfNeeded=lambda: None, SAVE=0, FileDropTarget=Window)
module("Dialogs", GenForm=Window, ErrorDialog=Failed)
constants = module("TransanaConstants", DBInstalled="sqlite3", USESRTC=True)
module("TransanaGlobal", encoding="utf8", hasInnoDB=False, CenterOnPrimary=lambda *args: None)
for name in ("RichTextEditCtrl_RTC", "TranscriptEditor_STC", "RichTextEditCtrl"):
    module(name)

# Transana's own CREATE TABLE statements, taken from its DBInterface.py (which imports the whole program, so only its
# Create...TableQuery functions are run, in a namespace that says the database is sqlite3).
with io.open(SOURCE + "/DBInterface.py", encoding="latin-1") as stream:
    interface = stream.read()
namespace = {"TransanaConstants": constants, "TransanaGlobal": sys.modules["TransanaGlobal"]}
for found in re.finditer(r"^def (?:Create\w+TableQuery\(num\)|SetTableType\(\w+, \w+\)):.*?(?=^def |\Z)", interface, re.S | re.M):
    exec(found.group(0), namespace)
connection = sqlite3.connect(":memory:")
for name in sorted(namespace):
    if name.startswith("Create") and name.endswith("TableQuery"):
        connection.execute(namespace[name](2))
module("DBInterface", get_db=lambda: connection, ProcessDBDataForUTF8Encoding=lambda text: text)

TC = u"\u00a4"  # Transana's time code character


def symbolic(c):
    """Whether wxWidgets' XML writer (wxRichTextPlainText::ExportXML, its current source) writes this character as a
    <symbol>: below 32 but for 10 and 13, the double quote, and whatever lies outside XML's ranges."""
    n = ord(c)
    return ((n < 32 or n == 34) and n not in (10, 13)) or not (32 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD)


def text_runs(value, style, windows):
    """One run as wxWidgets writes it: split at each symbol, a piece with a space at either end between quotes."""
    out = []
    pieces = [u""]
    for c in value:
        if not symbolic(c):
            pieces[-1] += c
            continue
        numbers = [ord(c)]
        if windows and ord(c) > 0xFFFF:  # a wxString on Windows is UTF-16: the two halves, each a symbol
            numbers = [0xD800 + ((ord(c) - 0x10000) >> 10), 0xDC00 + ((ord(c) - 0x10000) & 0x3FF)]
        pieces += [numbers, u""]
    for piece in pieces:
        if isinstance(piece, list):
            out += [u"      <symbol%s>%d</symbol>" % (style, n) for n in piece]
        elif piece:
            if piece[:1] == u" " or piece[-1:] == u" ":
                piece = u'"%s"' % piece
            out.append(u"      <text%s>%s</text>" % (style, piece.replace(u"&", u"&amp;").replace(u"<", u"&lt;").replace(u">", u"&gt;")))
    return out


def rich(paragraphs, header=True, windows=False):
    """wxWidgets rich-text XML as its XML handler writes it: each paragraph a list of runs; a run is text,
    ("symbol", N) or ("hidden", text) for a time code.  windows: as wxWidgets on Windows writes a character outside
    the BMP (its two UTF-16 halves)."""
    out = []
    if header:
        out.append(u'<?xml version="1.0" encoding="UTF-8"?>')
    out.append(u'<richtext version="1.0.0.0" xmlns="http://www.wxwidgets.org">')
    out.append(u'  <paragraphlayout textcolor="#000000" fontpointsize="12" fontfamily="70" fontstyle="90" fontweight="90" fontunderlined="0" fontface="Courier New" alignment="1" parspacingafter="0" parspacingbefore="0" linespacing="10">')
    for runs in paragraphs:
        out.append(u'    <paragraph textcolor="#000000">')
        for run in runs:
            if isinstance(run, tuple) and run[0] == "symbol":
                out.append(u"      <symbol>%d</symbol>" % run[1])
                continue
            style = u' textcolor="#FF0000" fontpointsize="1"' if isinstance(run, tuple) else u""
            out += text_runs(run[1] if isinstance(run, tuple) else run, style, windows)
        out.append(u"    </paragraph>")
    out.append(u"  </paragraphlayout>")
    out.append(u"</richtext>")
    return u"\n".join(out) + u"\n"


def plain(paragraphs):
    """The text wxWidgets shows (and counts positions in) for the paragraphs given to rich()."""
    shown = []
    for runs in paragraphs:
        text = u""
        for run in runs:
            text += (u"\n" if run[1] == 29 else character(run[1])) if isinstance(run, tuple) and run[0] == "symbol" else (run[1] if isinstance(run, tuple) else run)
        shown.append(text)
    return u"\n".join(shown)


def utf16(text, index):
    """A code-point index as UTF-16 units (wxWidgets' positions on Windows)."""
    return len(text[:index].encode("utf-16-le")) // 2


# ---------------------------------------------------------------- texts
DIARY = [
    [u"Diary \u2013 week 1"],
    [u"Caf\u00e9 on Mondays helps \U0001F60A a lot."],
    [u"\u00dcbergang is \"hard\"", ("symbol", 29), u"but we cope & carry on."],
    [],
    [u"Last line."],
]
DIARY_TEXT = plain(DIARY)
T1 = [
    [("hidden", TC + u"<0>"), u"I: How have things been?"],
    [("hidden", TC + u"<15000>"), u"P: Honestly \U0001F60A it's been ", u"hard", u", but I'm coping."],
    [("hidden", TC + u"<30000>"), u"I: And the caf\u00e9?"],
    [("hidden", TC + u"<42000>"), u"P: \u00dcber alles \u2013 it's the one place I'm not \u201cthe carer\u201d."],
]
T2 = [[("hidden", TC + u"<0>"), u"I: Hello."], [("hidden", TC + u"<5000>"), u"P: Hi <3 & bye."]]
WINDOWS = [[u"\U0001F4AC Notes from the call"], [u"\U0001F600 Relief, finally."]]
WINDOWS_TEXT = plain(WINDOWS)


def quote_at(text, passage, after=0):
    start = text.index(passage, after)
    return start, start + len(passage)


# ---------------------------------------------------------------- rows
rows = {
    "Series2": [(1, u"Carers study", u"Two waves & two sites", u"ana", u"Care")],
    "Episodes2": [
        (1, u"P01 wave 1", 1, u"2021-03-01", u"P01_W1.mp4", 600000, u"At home"),
        (2, u"P02 wave 1", 1, u"2021-03-08", u"P02_W1.mp4", 300000, u""),
    ],
    "Documents2": [
        (1, u"P01 diary", 1, u"ana", u"Kept by P01", u"P01_diary.docx", u"2021-03-02 10:00:00", len(DIARY_TEXT), rich(DIARY)),
        (2, u"Empty page", 1, u"", u"", u"", None, 0, rich([[]])),
        (3, u"Call notes", 1, u"ben", u"", u"", None, len(WINDOWS_TEXT), rich(WINDOWS, windows=True)),
    ],
    "Collections2": [(1, u"Themes", 0, u"", u"ana", u""), (2, u"Coping", 1, u"Sub-theme", u"ben", u"")],
    "Keywords2": [
        (u"Care", u"coping", u"Getting by <day to day> & more", u"Red", u"#ff0000", u"Bar", 5, u"Solid"),
        (u"Care", u"support", u"", u"Blue", u"#0000ff", u"Bar", 5, u"Solid"),
        (u"\u00c9motions", u"joie", u"Joy \U0001F60A", u"", u"", u"Bar", 5, u"Solid"),
    ],
}
DIARY_QUOTES = [
    (1, u"Whole Monday line", DIARY_TEXT.index(u"Caf\u00e9"), DIARY_TEXT.index(u"a lot.") + len(u"a lot.")),
    (2, u"A lot", ) + quote_at(DIARY_TEXT, u"a lot."),
    (3, u"Across", DIARY_TEXT.index(u"a lot."), DIARY_TEXT.index(u" is \"hard")),
    (4, u"Cope", ) + quote_at(DIARY_TEXT, u"but we cope & carry on."),
    (5, u"Gone past the end", 500, 510),
    (6, u"Uncoded", ) + quote_at(DIARY_TEXT, u"Last line."),
]
rows["Quotes2"] = []
rows["QuotePositions2"] = []
for number, name, start, end in DIARY_QUOTES:
    passage = DIARY_TEXT[start:end] if end <= len(DIARY_TEXT) else u"lost"
    own = [[part] for part in passage.split(u"\n")]
    rows["Quotes2"].append((number, name, 1, 1, number, u"", rich(own)))
    rows["QuotePositions2"].append((number, 1, start, end))
start, end = quote_at(WINDOWS_TEXT, u"Relief, finally.")
rows["Quotes2"].append((7, u"Relief", 1, 3, 7, u"", rich([[u"Relief, finally."]])))
rows["QuotePositions2"].append((7, 3, utf16(WINDOWS_TEXT, start), utf16(WINDOWS_TEXT, end)))
rows["Clips2"] = [
    (1, u"Coping talk", 2, 1, u"P01_W1.mp4", 15000, 30000, 0, 1, u"Good example", 1),
    (2, u"Caf\u00e9", 1, 1, u"P01_W1.mp4", 30000, 60000, 0, 1, u"", 2),
    (3, u"Not the carer", 2, 1, u"P01_W1.mp4", 42000, 60000, 0, 1, u"", 3),
    (4, u"No keyword", 1, 1, u"P01_W1.mp4", 0, 15000, 0, 1, u"", 4),
]
rows["Transcripts2"] = [
    (1, u"Transcript", 1, 0, 0, 0, u"ana", None, None, u"", 0, rich(T1)),
    (2, u"Transcript", 2, 0, 0, 0, u"ben", None, None, u"", 0, rich(T2)),
    (3, u"", 0, 1, 1, 0, u"", 15000, 30000, u"", 0, rich(T1[1:2])),
    (4, u"", 0, 1, 2, 0, u"", 30000, 60000, u"", 0, rich(T1[2:4])),
    (5, u"", 0, 1, 3, 0, u"", 42000, 60000, u"", 0, rich(T1[3:4])),
    (6, u"", 0, 1, 4, 0, u"", 0, 15000, u"", 0, rich(T1[0:1])),
]
rows["Snapshots2"] = [(1, u"Kitchen", 1, u"kitchen.jpg", 1.0, 0.0, 0.0, 640, 480, 1, 1, 20000, 0, u"", 1)]
rows["SnapshotKeywords2"] = [(1, u"Care", u"support", 1, 1, 50, 50, 1)]
rows["ClipKeywords2"] = [
    # (EpisodeNum, DocumentNum, ClipNum, QuoteNum, SnapshotNum, KeywordGroup, Keyword, Example)
    (0, 0, 1, 0, 0, u"Care", u"coping", 1),
    (0, 0, 1, 0, 0, u"\u00c9motions", u"joie", 0),
    (0, 0, 2, 0, 0, u"Care", u"support", 0),
    (0, 0, 3, 0, 0, u"Care", u"coping", 0),
    (0, 0, 0, 1, 0, u"Care", u"coping", 0),
    (0, 0, 0, 1, 0, u"Old", u"gone", 0),
    (0, 0, 0, 2, 0, u"Care", u"support", 0),
    (0, 0, 0, 3, 0, u"\u00c9motions", u"joie", 0),
    (0, 0, 0, 4, 0, u"Care", u"coping", 0),
    (0, 0, 0, 5, 0, u"Care", u"coping", 0),
    (0, 0, 0, 7, 0, u"\u00c9motions", u"joie", 0),
    (0, 1, 0, 0, 0, u"\u00c9motions", u"joie", 0),
    (2, 0, 0, 0, 0, u"Care", u"support", 0),
    (0, 0, 0, 0, 1, u"Care", u"support", 0),
]
rows["Notes2"] = [(1, u"Setting", 0, 1, 0, 0, 0, 0, 0, 0, u"ana", u"Recorded at home; noisy.\nTwo cats.")]
COLUMNS = {
    "Series2": "SeriesNum, SeriesID, SeriesComment, SeriesOwner, DefaultKeywordGroup",
    "Episodes2": "EpisodeNum, EpisodeID, SeriesNum, TapingDate, MediaFile, EpLength, EpComment",
    "Documents2": "DocumentNum, DocumentID, LibraryNum, Author, Comment, ImportedFile, ImportDate, DocumentLength, XMLText",
    "Collections2": "CollectNum, CollectID, ParentCollectNum, CollectComment, CollectOwner, DefaultKeywordGroup",
    "Keywords2": "KeywordGroup, Keyword, Definition, LineColorName, LineColorDef, DrawMode, LineWidth, LineStyle",
    "Quotes2": "QuoteNum, QuoteID, CollectNum, SourceDocumentNum, SortOrder, Comment, XMLText",
    "QuotePositions2": "QuoteNum, DocumentNum, StartChar, EndChar",
    "Clips2": "ClipNum, ClipID, CollectNum, EpisodeNum, MediaFile, ClipStart, ClipStop, ClipOffset, Audio, ClipComment, SortOrder",
    "Transcripts2": "TranscriptNum, TranscriptID, EpisodeNum, SourceTranscriptNum, ClipNum, SortOrder, Transcriber, ClipStart, ClipStop, Comment, MinTranscriptWidth, RTFText",
    "Snapshots2": "SnapshotNum, SnapshotID, CollectNum, ImageFile, ImageScale, ImageCoordsX, ImageCoordsY, ImageSizeW, ImageSizeH, EpisodeNum, TranscriptNum, SnapshotTimeCode, SnapshotDuration, SnapshotComment, SortOrder",
    "SnapshotKeywords2": "SnapshotNum, KeywordGroup, Keyword, x1, y1, x2, y2, visible",
    "ClipKeywords2": "EpisodeNum, DocumentNum, ClipNum, QuoteNum, SnapshotNum, KeywordGroup, Keyword, Example",
    "Notes2": "NoteNum, NoteID, SeriesNum, EpisodeNum, CollectNum, ClipNum, SnapshotNum, DocumentNum, QuoteNum, TranscriptNum, NoteTaker, NoteText",
}
for table, values in rows.items():
    columns = COLUMNS[table]
    marks = ", ".join("?" * len(columns.split(",")))
    connection.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, columns, marks), values)
connection.commit()

import XMLExport  # noqa: E402  (Transana's own module, after the stand-ins it imports)


class Field(object):
    def GetValue(self):
        return OUT


exporter = XMLExport.XMLExport.__new__(XMLExport.XMLExport)
exporter.XMLFile = Field()
exporter.Export()
print("exported", OUT)
