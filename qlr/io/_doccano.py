"""Reading doccano's export of a sequence-labelling project (JSONL, in the ``.zip`` its Export writes) into a Study.

doccano (github.com/doccano/doccano, MIT; ``pip install doccano``) is a web annotation tool: a **sequence labelling**
project shows each uploaded text (an **example**) and its labels (the codebook), and each annotator marks spans with
them.  Its Export (doccano 1.8; ``data_export`` in its source) writes a ``.zip``: one ``<user name>.jsonl`` per member
of the project, each holding every example with that annotator's spans, or one ``all.jsonl`` where the project shares
its annotations ("collaborative annotation"); a line is one example:

* ``{"id": 4, "text": "…", <the example's metadata, flattened>, "label": [[26, 30, "Fatigue"], …], "Comments": ["…"]}``
  in a sequence-labelling project (the only text-span format its Export offers: JSONL);
* ``"entities": [{"id", "label", "start_offset", "end_offset"}, …]`` and ``"relations": [{"id", "from_id", "to_id",
  "type"}]`` in one with relation labelling on, its comments ``{"id", "comment"}``;
* ``"entities": [[start, end, label], …]`` and ``"cats": [...]`` (labels of the whole text) in an "intent detection and
  slot filling" project.

The export names no uploaded file (a ``.txt`` upload's example has no metadata at all), so an example is named by a
naming field of its metadata (``name``, ``title`` … as for Label Studio), else ``document <id>``.

**Offsets** are whatever the front end sent: its annotation page counts JavaScript string positions, **UTF-16 units**
(an emoji outside the Basic Multilingual Plane counts two), and with the project's "grapheme mode" on, **grapheme
clusters** (👩‍👩‍👧, five code points, counts one); spans written by a script or imported pre-labelled are usually
Python's **code points**.  The export does not say which (no span carries its text), so qlr decides once per export:
over the spans in texts where the three counts differ, the count under which spans lie inside their texts, fall on no
half of an emoji, and start and end on word boundaries most often (UTF-16 units, the annotation page's default, on
ties); a warning says which and why.  Checked on doccano 1.8.4's own exports (a default project: UTF-16; a grapheme-mode
project: graphemes).  A text doccano kept with its byte-order mark (a ``.txt`` uploaded as ``utf_8``) counts the mark as
a character; the document drops it (its spans moved back one).  The whole goes through the ``.qdpx`` importer (:func:`._tool_tree.import_tree`) as
the other tools' readers do.

The file is untrusted: its size (and a zip's expanded size) capped before it is parsed, as JSON only.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from .._warned import LeftOut
from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES, _safe_members
from ._label_studio import _NAME_KEYS, _LabelStudioTree, _Span, _utf16_to_points, _whole, file_head
from ._positions import CONVENTIONS, _boundary
from ._qdpx_read import _listed, check_rules
from ._qualcoder import _NS, Tool, _TextsOnly
from ._tool_tree import checked_export, import_tree, too_large

__all__ = ["read_doccano", "doccano_export_kind"]

DOCCANO = Tool(
    "doccano",
    "a doccano export",
    give="give the .zip doccano's Export Dataset wrote (format JSONL) for a sequence-labelling project, or one .jsonl in it",
    repair="export the dataset from doccano again (Dataset, Actions, Export Dataset, format JSONL)",
    changed="export the dataset from doccano again (Dataset, Actions, Export Dataset, format JSONL)",
)
#: How much of a file's start :func:`doccano_export_kind` reads to tell.
_HEAD = 1 << 20
#: An example's keys that are not its metadata (doccano's own columns).
_OWN_KEYS = frozenset({"id", "text", "label", "entities", "relations", "Comments", "cats"})
#: The counts doccano's offsets may be in, the annotation page's default first (it wins ties; code points, the simpler
#: name, before grapheme clusters where the two agree: a text whose emoji are each one code point).
UNITS_TRIED = ("UTF-16 units", "code points", "grapheme clusters")
#: An example as the export's files know it: its id, its text, and which line of that id and text in its file.
_Key = tuple[Any, str, int]
#: doccano's line for an example, as pandas writes it: its id (doccano's number, or a string: a JSONL upload's own
#: ``id`` field, which the export writes over doccano's), then its text.
_RECORD_START = re.compile(rb'^\{\s*"id"\s*:\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*,\s*"(?:text|data)"\s*:\s*"')
#: doccano's JSON format (a list of the examples, ``[{"id": 1, "text": …`` or ``"data"`` in 1.3 to 1.6), which qlr refuses
#: with the fix: it is offered for whole-text labels, and up to 1.2 for spans whose labels are numbers.
_JSON_START = re.compile(rb'^\[\s*\{\s*"id"\s*:\s*(?:\d+|"(?:[^"\\]|\\.)*")\s*,\s*"(?:text|data)"\s*:\s*"')
#: The layouts of an example's line doccano's exports have had (its source's history: ``api/utils.py``'s painters
#: before 1.3, ``views/download`` in 1.3 to 1.5, ``data_export`` in 1.6, ``data_export`` with ``text`` from 1.7).
LAYOUTS = {
    "1.7": "doccano 1.7 or later's JSONL ({id, text, label or entities, Comments})",
    "1.3": "doccano 1.3 to 1.6's JSONL ({id, data, label}: the text under 'data')",
    "1.2-text": "doccano 1.2 or earlier's JSONL(text label) ({id, text, meta, labels})",
    "1.2-ids": "doccano 1.2 or earlier's JSONL ({id, text, meta, annotations}: each span's label by its number, not its name)",
}
MAX_EXAMPLES = 100_000
MAX_SPANS = 500_000


def doccano_export_kind(path: str | os.PathLike[str]) -> str | None:
    """``"zip"`` where ``path`` is the ``.zip`` doccano's Export writes (its members ``<user>.jsonl`` or ``all.jsonl``,
    each line an example; or those files in one folder of a zip made again, beside a Mac's ``__MACOSX/``), ``"folder"``
    for the folder it unzips to (holding those files and nothing else), ``"jsonl"`` for one such ``.jsonl``, ``"json"``
    for one file of its JSON format (a list of examples, which :func:`read_doccano` refuses with the fix), else None.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "admin.jsonl")
    >>> with open(path, "w") as f:
    ...     _ = f.write('{"id":1,"text":"Tired.","label":[[0,5,"Fatigue"]],"Comments":[]}\\n')
    >>> doccano_export_kind(path)
    'jsonl'
    """
    given = Path(path)
    if given.is_dir():
        try:
            kept = _export_files(_entries(given))
        except OSError:
            return None
        return "folder" if kept and _looks_like_example(file_head(given / kept[0], _HEAD) or b"") else None
    head = file_head(given, _HEAD)
    if head is None:
        return None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(given) as archive:
                kept = _export_files([info.filename for info in archive.infolist()])
                if not kept:
                    return None
                with archive.open(kept[0]) as stream:
                    first = stream.read(_HEAD)
        except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, KeyError):
            return None
        return "zip" if _looks_like_example(first) else None
    if _JSON_START.match(head.removeprefix(b"\xef\xbb\xbf").lstrip()):
        return "json"  # doccano's JSON format: refused by read_doccano with the fix
    return "jsonl" if _looks_like_example(head) else None


def _entries(folder: Path) -> list[str]:
    """A folder's entries as :func:`_export_files` takes them: each name, a folder's ending ``/``."""
    return [entry.name + ("/" if entry.is_dir() else "") for entry in folder.iterdir()]


def _export_files(names: list[str]) -> list[str] | None:
    """Of a zip's member names (or a folder's entries, a folder's ending ``/``), doccano's ``<user>.jsonl`` files, or
    None where anything else is there: they are at the top, or all in one folder (the export unzipped and zipped
    again); a Mac's ``__MACOSX/`` and hidden files (``._admin.jsonl``, ``.DS_Store``) are no one's.

    >>> _export_files(["admin.jsonl", "bea.jsonl"]), _export_files(["x/", "x/admin.jsonl", "__MACOSX/x/._admin.jsonl", "x/.DS_Store"])
    (['admin.jsonl', 'bea.jsonl'], ['x/admin.jsonl'])
    >>> _export_files(["admin.jsonl", "notes.txt"]), _export_files(["a/admin.jsonl", "b/bea.jsonl"]), _export_files([])
    (None, None, None)
    """
    kept: list[str] = []
    folders: set[PurePosixPath] = set()
    for name in (raw.replace("\\", "/") for raw in names):
        parts = PurePosixPath(name).parts
        if not parts or parts[0] == "__MACOSX" or parts[-1].startswith("."):
            continue  # a Mac's resource forks and hidden files
        if name.endswith("/"):
            folders.add(PurePosixPath(name))  # a zip's entry for the files' folder, or a folder in the folder
        else:
            kept.append(name)
    parents = {PurePosixPath(name).parent for name in kept}
    if len(parents) != 1 or not folders <= parents or len(next(iter(parents)).parts) > 1:
        return None
    if not all(name.lower().endswith(".jsonl") for name in kept) or len({PurePosixPath(name).name for name in kept}) < len(kept):
        return None
    return sorted(kept)


def _looks_like_example(head: bytes) -> bool:
    """Whether the first line of ``head`` is a doccano example: an object with ``id`` and ``text`` and a column of its
    labels or comments (a line cut by the head is judged by its start, ``{"id":…,"text":"``, as doccano writes it)."""
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    line, cut, _ = head.partition(b"\n")
    if not cut and len(head) >= _HEAD:
        return bool(_RECORD_START.match(line))
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return _layout(record) is not None


def _layout(record: Any) -> str | None:
    """Which of doccano's export layouts (a key of :data:`LAYOUTS`) an example's line is in, or None where it is none:
    from 1.7 ``{"id", "text", "label" …}``; in 1.3 to 1.6 the text under ``"data"`` (``{"id", "data", "label"}``); up to
    1.2 ``{"id", "text", "meta", "annotation_approver", …}`` with ``"labels": [[start, end, label]]`` (JSONL(text label))
    or ``"annotations": [{"label": 5, "start_offset", …}]`` (JSONL).  A Label Studio task (its ``data`` an object, its
    annotations' ``result``) is none.

    >>> _layout({"id": 4, "text": "Tired.", "label": [[0, 5, "Fatigue"]], "Comments": []}), _layout({"id": 4, "data": "Tired.", "label": []})
    ('1.7', '1.3')
    >>> _layout({"id": 4, "text": "Tired.", "meta": {}, "annotation_approver": None, "labels": [[0, 5, "Fatigue"]]})
    '1.2-text'
    >>> _layout({"id": 4, "text": "Tired.", "meta": {}, "annotation_approver": None, "annotations": [{"label": 2, "start_offset": 0, "end_offset": 5}]})
    '1.2-ids'
    >>> _layout({"id": 4, "data": {"text": "Tired."}, "annotations": [{"result": []}]}) is None
    True
    """
    if not isinstance(record, dict) or not _example_id(record.get("id")):
        return None
    if isinstance(record.get("text"), str):
        old = "annotation_approver" in record or isinstance(record.get("meta"), dict)  # DocumentSerializer's fields
        if "labels" in record and "label" not in record and old:
            return "1.2-text"
        annotations = record.get("annotations")
        if isinstance(annotations, list) and old and not any(isinstance(item, dict) and "result" in item for item in annotations):
            return "1.2-ids"
        if any(key in record for key in ("label", "entities", "Comments", "cats")) and "annotations" not in record:
            return "1.7"
        return None
    if isinstance(record.get("data"), str) and "label" in record and "text" not in record:
        return "1.3"
    return None


def _example_id(value: Any) -> bool:
    """Whether ``value`` is an example's id as doccano's export writes it: its own number, or the string a JSONL
    upload's ``id`` field held (doccano keeps an upload's other fields as the example's metadata and writes them over
    its own ``id``).

    >>> _example_id(4), _example_id("P01_W1"), _example_id(True), _example_id(" ")
    (True, True, False, False)
    """
    return _whole(value) or (isinstance(value, str) and bool(value.strip()))


def _metadata(record: dict[str, Any], layout: str) -> dict[str, Any]:
    """An example's metadata as its variables take them: the line's other fields (doccano writes them at its top
    level), or its ``meta`` object's up to 1.2 (JSON text read; a value that is no object kept as ``meta``), with who
    approved it where someone did.

    >>> _metadata({"id": 4, "text": "…", "wave": 1.0, "label": []}, "1.7"), _metadata({"id": 4, "data": "…", "site": "Leeds", "label": []}, "1.3")
    ({'wave': 1}, {'site': 'Leeds'})
    >>> _metadata({"id": 4, "text": "…", "meta": {"name": "P01_W1"}, "annotation_approver": "ana", "comment_count": 0, "labels": []}, "1.2-text")
    {'name': 'P01_W1', 'annotation_approver': 'ana'}
    >>> _metadata({"id": 4, "text": "…", "meta": '{"name": "P01_W1"}', "labels": []}, "1.2-text"), _metadata({"id": 4, "text": "…", "meta": "site A", "labels": []}, "1.2-text")
    ({'name': 'P01_W1'}, {'meta': 'site A'})
    """
    if layout == "1.2-text":
        meta = record.get("meta")
        if isinstance(meta, str):  # doccano keeps it as JSON text and writes it read; a file written by hand may not
            try:
                meta = json.loads(meta)
            except (json.JSONDecodeError, RecursionError):
                pass
        if meta is not None and not isinstance(meta, dict):
            meta = {"meta": meta}  # not an object of fields: kept whole as one variable, not dropped
        given = {**(meta or {}), "annotation_approver": record.get("annotation_approver")}
    else:
        given = {k: v for k, v in record.items() if k not in _OWN_KEYS and not (layout == "1.3" and k == "data")}
    return {k: _whole_again(v) for k, v in given.items() if v is not None}


def _whole_again(value: Any) -> Any:
    """A metadata value as the researcher gave it: a whole number pandas wrote as a float (doccano's export puts the
    examples in one table, so a column with a null, an example uploaded without that field, becomes floats: 1.0 for 1)
    is whole again; anything else as it is.

    >>> _whole_again(41.0), _whole_again(2.5), _whole_again("1.0"), _whole_again(True)
    (41, 2.5, '1.0', True)
    """
    return int(value) if isinstance(value, float) and value.is_integer() else value


def read_doccano(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import doccano's export of a sequence-labelling project (the ``.zip`` of JSONL its Export writes) as a Study.

    Each example's text becomes a document and each annotator's span a coding, then the whole goes through the
    ``.qdpx`` importer (so options and results are :func:`read_qdpx`'s).  The export is only read.

    Parameters
    ----------
    path : str or PathLike
        The ``.zip`` doccano's Export Dataset wrote (format JSONL), or one ``.jsonl`` of it (``<user>.jsonl``, whose
        annotator its name is, or ``all.jsonl``).
    wave, case, kind, speakers
        As for :func:`read_catma`: waves, cases, kinds and speaker roles by rule (doccano has none of its own).
    max_bytes : int
        Refuse a file (or a zip's contents) larger than this many bytes.

    Returns
    -------
    Study
        A document per example (named by its metadata's ``name``/``title``/``filename``…, else ``document <id>``), its
        other metadata (strings, numbers) its variables and its comments its memo; a top-level code per label; a coding
        per span (origin ``import``; its coder the user whose file it is in, none in a collaborative project's
        ``all.jsonl``).  ``study.meta["import"]`` reports as for a ``.qdpx``, with ``format`` ``"doccano"``, the
        ``offsets`` count chosen and each example read (id, document, spans).

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not doccano's export, a line that is not JSON or not an example (its file and line named), a span that is not
        ``[start, end, label]`` or ``{start_offset, end_offset, label}``, or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, json, tempfile, os, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "ann.jsonl")
    >>> line = {"id": 1, "text": "Tired – but coping.", "name": "P01_W1", "label": [[8, 18, "Coping"]], "Comments": []}
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write(json.dumps(line) + "\\n")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_doccano(path)
    >>> coding = study.codings.iloc[0]
    >>> coding["coder"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('ann', 'but coping')
    """
    given, found = checked_export(
        path,
        DOCCANO,
        folder=True,
        kind=doccano_export_kind,
        not_kind="this is not doccano's export: not a .jsonl whose lines are examples ({\"id\", \"text\", \"label\" …}), nor a .zip of such files, "
        "nor the folder it unzips to (holding those files only)",
        max_bytes=max_bytes,
    )
    check_rules(wave=wave, case=case, kind=kind)
    if found == "json":
        raise QdpxError(
            "this is doccano's export in its JSON format (a list of examples): qlr reads its JSONL, where each member's "
            "spans have their label's name (doccano 1.2 and earlier's JSON names labels by number)",
            path=given,
            hint="export the dataset again as JSONL (doccano 1.3 and later: Dataset, Actions, Export Dataset, JSONL; 1.2 and earlier: "
            "Download, JSONL(text label))",
        )
    if found == "folder" and (size := sum(entry.stat().st_size for entry in given.iterdir() if entry.is_file())) > max_bytes:
        raise too_large(given, size, max_bytes, detail="its files together")
    if found == "zip":
        members = _safe_members(given, max_bytes)
        files = {PurePosixPath(name).name: members[name] for name in _export_files(list(members)) or []}
    elif found == "folder":
        files = {name: (given / name).read_bytes() for name in _export_files(_entries(given)) or []}
    else:
        files = {given.name: given.read_bytes()}
    rules = frozenset(name for name, rule in (("case", case), ("wave", wave)) if rule is not None)
    built = _DoccanoTree(given, files, zipped=found != "jsonl", given=rules)
    extra = {"export": str(given), "files": sorted(files), "layout": built.layouts, "offsets": built.unit, "examples": built.read}
    units = (CONVENTIONS[0], f"doccano's offsets read as {built.unit} and converted to code points")
    return import_tree(built, given, wave=wave, case=case, kind=kind, speakers=speakers, extra=extra, convention=units)


# ---------------------------------------------------------------- offsets
@functools.lru_cache(maxsize=16)
def _to_points(text: str, unit: str) -> list[int] | None:
    """For each position of ``text`` counted in ``unit``, the code point position there (-1 inside a character: half
    an emoji in UTF-16 units); None where the unit counts as code points do.

    >>> _to_points("a😊b", "UTF-16 units"), _to_points("a👍🏽b", "grapheme clusters"), _to_points("ab", "UTF-16 units")
    ([0, 1, -1, 2, 3], [0, 1, 3, 4], None)
    """
    if unit == "UTF-16 units":
        return _utf16_to_points(text)
    if unit == "grapheme clusters":
        starts = [match.start() for match in regex.finditer(r"\X", text)]
        return None if len(starts) == len(text) else [*starts, len(text)]
    return None


def _convert(text: str, unit: str, start: int, end: int) -> tuple[int, int] | None:
    """A span's code point positions from ones counted in ``unit``; None where it is not within the text, or an edge
    falls inside a character."""
    table = _to_points(text, unit)
    if table is None:
        return (start, end) if 0 <= start < end <= len(text) else None
    if not 0 <= start < end < len(table) or table[start] < 0 or table[end] < 0:
        return None
    return table[start], table[end]


def choose_unit(spans: list[tuple[str, int, int]]) -> tuple[str, str]:
    """(unit, why) for spans ``(text, start, end)`` of one export: among :data:`UNITS_TRIED`, the one under which most
    spans in texts where the counts differ lie whole inside their text, then most start and end on word boundaries;
    UTF-16 units (doccano's annotation page) on ties.

    >>> text = "Café 😊 hilft, aber gut."  # "hilft" and "aber": 8–13 and 15–19 in UTF-16 units, 7–12 and 14–18 in code points
    >>> choose_unit([(text, 8, 13), (text, 15, 19)])[0], choose_unit([(text, 7, 12), (text, 14, 18)])[0]
    ('UTF-16 units', 'code points')
    """
    telling = [span for span in spans if _to_points(span[0], "UTF-16 units") is not None or _to_points(span[0], "grapheme clusters") is not None]
    if not telling:
        return UNITS_TRIED[0], "no span is in a text where the counts differ"
    scores = {}
    for unit in UNITS_TRIED:
        placed = [(text, spot) for text, start, end in telling if (spot := _convert(text, unit, start, end)) is not None]
        scores[unit] = (len(placed), sum(_boundary(text, *spot) for text, spot in placed))
    best = max(UNITS_TRIED, key=lambda unit: (scores[unit], -UNITS_TRIED.index(unit)))
    shown = "; ".join(f"{unit}: {inside} inside, {bounded} on word boundaries" for unit, (inside, bounded) in scores.items())
    return best, f"of {len(telling)} span(s) in texts with emoji or other characters the counts differ on ({shown})"


@functools.lru_cache(maxsize=16)
def _cluster_edges(text: str) -> frozenset[int]:
    """The code point positions of ``text`` between two grapheme clusters (no one selects half of 👩‍👩‍👧 on a page).

    >>> sorted(_cluster_edges("a👍🏽b"))
    [0, 1, 3, 4]
    """
    return frozenset([match.start() for match in regex.finditer(r"\X", text)] + [len(text)])


def _units_by_example(spans_of: dict[_Key, list[_Span]], chosen: str) -> dict[tuple[_Key, str], str]:
    """The examples whose spans are in another count than the export's (``chosen``): {(example, member): count} where,
    in a text the counts differ on, a member's spans lie off their text, inside a character (or an emoji of several)
    or off a word's edge in ``chosen`` and every one lies inside, on words' and characters' edges and without a space
    at either end in another (the first such of :data:`UNITS_TRIED`).  A member with a span off words in a text the
    counts agree on (a selection dragged over a space, or a letter short) selects so by habit: for them only a span
    off their text or inside a character tells another count (off words it moved their spans, shifted by the emoji
    before them, onto other words).  A
    project may mix them: grapheme mode switched on midway, or spans imported pre-labelled (code points) beside
    ones made on the annotation page.

    >>> text = "Café 😊 hilft, aber gut."  # "hilft" and "aber": 8–13 and 15–19 in UTF-16 units, 7–12 and 14–18 in code points
    >>> key = (1, text, 1)
    >>> spans = {key: [_Span("p", "1:1", "label", 8, 13, None, ["A"], "ann", None), _Span("p", "1:2", "label", 14, 18, None, ["B"], "ben", None)]}
    >>> _units_by_example(spans, "UTF-16 units")
    {((1, 'Café 😊 hilft, aber gut.', 1), 'ben'): 'code points'}
    """
    groups: dict[tuple[_Key, str], list[_Span]] = {}
    # Members whose spans are off words where every count puts them in one place (a selection over a space, a letter
    # short): off words is their habit, no sign of another count.
    loose_members: set[str] = set()
    for key, spans in spans_of.items():
        if _to_points(key[1], "UTF-16 units") is None and _to_points(key[1], "grapheme clusters") is None:
            loose_members.update(span.coder for span in spans if 0 <= span.start < span.end <= len(key[1]) and not _on_words(key[1], span.start, span.end))
            continue  # the counts agree on this text
        for span in spans:
            groups.setdefault((key, span.coder), []).append(span)
    other = {}
    for (key, coder), spans in groups.items():

        def fits(unit: str, text: str = key[1], spans: list[_Span] = spans, *, loose: bool = False) -> bool:
            edges = _cluster_edges(text)
            return all(
                (spot := _convert(text, unit, span.start, span.end)) is not None
                and spot[0] in edges
                and spot[1] in edges
                and (loose or (_on_words(text, *spot)))
                for span in spans
            )

        if not fits(chosen, loose=coder in loose_members):
            better = next((unit for unit in UNITS_TRIED if unit != chosen and fits(unit)), None)
            if better is not None:
                other[(key, coder)] = better
    return other


def _on_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins and ends on a word's edge, without a space at either end (as a selection made
    by whole words is).

    >>> text = "I was tired."
    >>> _on_words(text, 2, 11), _on_words(text, 1, 11), _on_words(text, 2, 10)
    (True, False, False)
    """
    return _boundary(text, start, end) and not text[start].isspace() and not text[end - 1].isspace()


# ---------------------------------------------------------------- the export
class _DoccanoTree(_LabelStudioTree):
    """The REFI-QDA ``<Project>`` a doccano export stands for, with what it left out.  Its codebook, variables and
    sources are Label Studio's (:class:`._label_studio._LabelStudioTree`): a label a top-level code, metadata
    variables, a span a selection."""

    key = "doccano"

    def __init__(self, path: Path, files: dict[str, bytes], *, zipped: bool, given: frozenset[str] = frozenset()) -> None:
        _TextsOnly.__init__(self, path, {"project": [{"about": "doccano", "databaseversion": "JSONL export"}]})
        self.texts: dict[str, str] = {}
        self.spans: dict[str, list[_Span]] = {}
        self.read: list[dict[str, Any]] = []
        self._codes: dict[str, list[str]] = {}
        self._variables: dict[str, dict[str, str | int | float | bool]] = {}
        self._joined: dict[str, list[Any]] = {}
        self._lines: set[int] = set()
        self._memos: dict[str, list[str]] = {}
        examples: dict[_Key, dict[str, Any]] = {}  # (id, text, occurrence) → {"id", "text", "meta", "comments"}
        raw: list[tuple[_Key, _Span]] = []  # (its example, span at doccano's offsets)
        found: dict[str, Any] = {"relations": [], "cats": Counter(), "cats_ids": [], "not_scalar": {}, "unplaced": [], "layouts": set(), "comments_left": [], "unknown": []}
        coders = []
        for name, data in sorted(files.items()):
            stem = PurePosixPath(name).stem
            coder = None if stem == "all" else stem  # doccano names each annotator's file by their user name
            coders.append(coder)
            where = f"{name} in {path.name}" if zipped else name
            self._read_file(path, where, data, coder, examples, raw, found)
        if not examples:
            raise QdpxError("the export holds no example (no line with an id and a text)", path=path, hint=DOCCANO.give)
        spans_of: dict[_Key, list[_Span]] = {}
        for key, span in raw:
            spans_of.setdefault(key, []).append(span)
        self.unit, why = choose_unit([(key[1], span.start, span.end) for key, span in raw])
        units = _units_by_example(spans_of, self.unit)
        found["other_unit"] = [f"{key[0]} ({coder or 'no one'}): {unit}" for (key, coder), unit in units.items()]
        names = self._example_names(examples)
        ids = Counter(key[0] for key in examples)
        found["shared_id"] = [str(eid) for eid, count in ids.items() if count > 1]
        found["sharing"] = sum(count for count in ids.values() if count > 1)
        for key, example in examples.items():
            eid, document = example["id"], names[key]
            text = example["text"]
            # doccano keeps the byte-order mark of a .txt uploaded as utf_8 and counts it: the document drops it.
            mark = 1 if text.startswith("\ufeff") else 0
            self.texts[document] = text[mark:]
            self.spans[document] = []
            kept = self._fields({"id": eid, "data": example["meta"]}, skip=set(), found=found)  # as a Label Studio task's fields
            if kept:
                self._variables[document] = kept
            if example["comments"]:
                self._memos[document] = example["comments"]
            for span in spans_of.get(key, []):
                unit = units.get((key, span.coder), self.unit)
                spot = _convert(text, unit, span.start, span.end)
                if spot is None:
                    found["unplaced"].append(f"{span.place} ({span.start}–{span.end})")
                    continue
                span.start, span.end = max(spot[0] - mark, 0), spot[1] - mark
                self.spans[document].append(span)
                self._code([span.labels[0]])
            self.read.append({"example": eid, "document": document, "spans": len(self.spans[document])})
        self.layouts = sorted(found["layouts"])
        self._said(found, why=why, coders=coders, names=names, given=given)

    def _read_file(self, path: Path, where: str, data: bytes, coder: str | None, examples: dict[_Key, dict[str, Any]], raw: list[tuple[_Key, _Span]], found: dict[str, Any]) -> None:
        """One ``.jsonl``'s examples (added to ``examples``, the first file's metadata kept) and its spans (to ``raw``).

        An example is known in every annotator's file by its id and text, and by which line of that id and text it is
        in the file: doccano's own ids are unique, but an id a JSONL upload gave (written over doccano's) need not be
        (a participant's number at each wave), and two examples sharing one stay two."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise QdpxError(f"{where} is not UTF-8 text (byte {exc.start})", path=path, position=exc.start, hint=DOCCANO.repair) from None
        seen: Counter[tuple[Any, str]] = Counter()  # (id, text) → its lines so far in this file
        for number, line in enumerate(io.StringIO(text), start=1):
            if not line.strip():
                continue
            place = f"{where}, line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise QdpxError(f"{place} is not valid JSON: {exc.msg} (column {exc.colno})", path=path, line=number, hint=DOCCANO.repair) from None
            except RecursionError:
                raise QdpxError(f"{place}: the JSON is nested too deeply to be a doccano example", path=path, line=number, hint=DOCCANO.repair) from None
            layout = _layout(record)
            if layout is None:
                raise QdpxError(
                    f"{place} is not a doccano example (an object with an 'id', doccano's number or an uploaded file's own, and a 'text', "
                    "or a 'data' in doccano 1.3 to 1.6)",
                    path=path,
                    line=number,
                    hint=DOCCANO.repair,
                )
            if layout == "1.2-ids":
                raise QdpxError(
                    f"{place} is in {LAYOUTS[layout]}: the export does not hold the labels' names, so qlr cannot name the codes",
                    path=path,
                    line=number,
                    hint="download the dataset again from the same doccano as 'JSONL(text label)' (its spans as [start, end, label name]), "
                    "or upgrade doccano and export again (Dataset, Actions, Export Dataset, JSONL)",
                )
            found["layouts"].add(layout)
            own = coder
            if layout == "1.2-text" or (layout == "1.3" and coder == "unknown"):
                # Before 1.3 one file holds every member's spans, unnamed; 1.3 to 1.6 put the examples no one labelled in unknown.jsonl.
                own = None
                if layout == "1.3":
                    found["unknown"].append(str(record["id"]))
            eid, body = record["id"], record["data" if layout == "1.3" else "text"]
            seen[(eid, body)] += 1
            key = (eid, body, seen[(eid, body)])
            known = examples.get(key)
            if known is None:
                if len(examples) >= MAX_EXAMPLES:
                    raise QdpxError(f"the export holds more than {MAX_EXAMPLES:,} examples, the most qlr imports from one file", path=path, hint="export fewer examples")
                known = examples[key] = {"id": eid, "text": body, "meta": _metadata(record, layout), "comments": []}
            elif not known["meta"]:  # doccano 1.3 to 1.6 write an unlabelled example in unknown.jsonl without its metadata
                known["meta"] = _metadata(record, layout)
            if layout == "1.2-text" and _whole(record.get("comment_count")) and record["comment_count"] > 0:
                found["comments_left"].append(f"{eid} ({record['comment_count']})")
            if layout == "1.3" and isinstance(record.get("label"), dict):
                record = {**record, **{k: v for k, v in record["label"].items() if k in ("entities", "relations", "cats")}}  # 1.6's relations, intents
                record.pop("label")
            elif layout == "1.2-text":
                record = {**record, "label": record.get("labels")}
            coder = own
            for comment in record.get("Comments") or []:
                said = comment.get("comment") if isinstance(comment, dict) else comment
                if isinstance(said, str) and said.strip():
                    known["comments"].append(f"{coder}: {said.strip()}" if coder else said.strip())
            for relation in record.get("relations") or [] if isinstance(record.get("relations"), list) else []:
                if isinstance(relation, dict):
                    found["relations"].append(f"{eid}:{relation.get('from_id', '?')}→{relation.get('to_id', '?')} ({relation.get('type', '?')})")
            cats = record.get("cats") or []
            labels = record.get("label") if "entities" not in record else record.get("entities")
            if "entities" not in record and isinstance(labels, list) and labels and all(isinstance(item, str) for item in labels):
                cats, labels = labels, []  # a text-classification project's labels of the whole text, or a seq2seq project's texts
                found["label_strings"] = True
            for cat in cats if isinstance(cats, list) else []:
                found["cats"][str(cat)] += 1
                found["cats_ids"].append(f"{eid}" + (f" ({coder})" if coder else ""))
            if labels is None:
                continue
            if not isinstance(labels, list):
                raise QdpxError(f"{place}: its spans ('label' or 'entities') are not a list", path=path, line=number, hint=DOCCANO.repair)
            for index, item in enumerate(labels):
                start, end, label = _span_parts(item)
                if not (_whole(start) and _whole(end) and isinstance(label, str) and label.strip()):
                    raise QdpxError(
                        f"{place}: span {index + 1} is not [start, end, label] or {{start_offset, end_offset, label}} with whole-number offsets ({item!r:.80})",
                        path=path,
                        line=number,
                        hint=DOCCANO.repair,
                    )
                if len(raw) >= MAX_SPANS:
                    raise QdpxError(f"the export holds more than {MAX_SPANS:,} spans, the most qlr imports from one file", path=path, hint="export fewer examples")
                raw.append((key, _Span(f"{place}, span {index + 1}", f"{eid}:{index + 1}", "label", start, end, None, [label.strip()], coder or "", None)))

    @staticmethod
    def _example_names(examples: dict[_Key, dict[str, Any]]) -> dict[_Key, str]:
        """Each example's document name: a naming field of its metadata, else its id where that is a JSONL upload's
        own string (``P01_W1``), else ``document <id>``; a name two examples share gets each one's id (two interviews
        both ``name: transcript`` stay two documents), or its number among them where they share the id too.

        >>> rows = {(1, "a", 1): {"id": 1, "meta": {"name": "transcript"}}, (2, "b", 1): {"id": 2, "meta": {"name": "transcript"}},
        ...         ("P01_W1", "c", 1): {"id": "P01_W1", "meta": {}}, (7, "d", 1): {"id": 7, "meta": {}}, (7, "e", 1): {"id": 7, "meta": {}}}
        >>> list(_DoccanoTree._example_names(rows).values())
        ['transcript (id 1)', 'transcript (id 2)', 'P01_W1', 'document 7 (1)', 'document 7 (2)']
        """
        named = {}
        for key, example in examples.items():
            meta, eid = example["meta"], example["id"]
            field = next((k for k in _NAME_KEYS if isinstance(meta.get(k), str) and meta[k].strip()), None)
            named[key] = meta.pop(field).strip() if field else eid.strip() if isinstance(eid, str) else f"document {eid}"
        sharing: dict[str, list[_Key]] = {}
        for key, name in named.items():
            sharing.setdefault(name, []).append(key)
        for name, keys in sharing.items():
            if len(keys) > 1:
                by_id = len({examples[key]["id"] for key in keys}) == len(keys)
                for number, key in enumerate(keys, start=1):
                    named[key] = f"{name} (id {examples[key]['id']})" if by_id else f"{name} ({number})"
        return named

    def _said(self, found: dict[str, Any], *, why: str, coders: list[str | None], names: dict[_Key, str], given: frozenset[str]) -> None:  # type: ignore[override]
        """Everything the export holds that did not become a coding, and how its offsets were read, each in one note."""
        ids = 10
        if self.unit != UNITS_TRIED[0] or not why.startswith("no span"):
            self.notes.append(
                f"doccano's export does not say how its offsets count: read as {self.unit} "
                f"({'its annotation page' if self.unit == UNITS_TRIED[0] else 'a project in grapheme mode' if self.unit == UNITS_TRIED[2] else 'spans written by a script or imported, or a project in grapheme mode whose texts have no character of several code points'}), "
                + why
            )
        if found["other_unit"]:
            self.notes.append(
                f"{len(found['other_unit'])} example(s) read in another count, their member's spans there lying off their text or words in "
                f"{self.unit} and all on words in the other (a project whose grapheme mode was switched, or spans imported pre-labelled): "
                "example (member): count " + _listed(found["other_unit"], ids)
            )
        if len(found["layouts"]) > 1:
            self.notes.append(
                "the export's files are in more than one of doccano's layouts (files of two exports from two doccano versions?): "
                + "; ".join(LAYOUTS[layout] for layout in sorted(found["layouts"]))
            )
        if "1.2-text" in found["layouts"]:
            self.notes.append(
                f"{LAYOUTS['1.2-text']} holds every member's spans together and names no one, so its codings have no coder "
                "(two members' spans on one passage are two codings)"
                + (f"; its examples' comments are not in it and were not imported: example (comments) {_listed(found['comments_left'], ids)}" if found["comments_left"] else "")
            )
        if found["unknown"]:
            self.notes.append(
                f"{len(found['unknown'])} example(s) no one labelled are in unknown.jsonl, which doccano 1.3 to 1.6 writes without their "
                f"metadata: they are named by their id and have no variables (give their case and wave on import with CSVs by those names): example {_listed(found['unknown'], ids)}"
            )
        if found["unplaced"]:
            self.notes.append(LeftOut(
                f"{len(found['unplaced'])} span(s) do not lie within their text counted in {self.unit} and were not imported: " + _listed(found["unplaced"], ids)
            ))
        if found["relations"]:
            self.notes.append(LeftOut(
                f"{len(found['relations'])} relation(s) link two spans, not text, and were not imported: example:from→to (type) " + _listed(found["relations"], ids)
            ))
        if found["cats"]:
            shown = _listed([f"{name:.80}: {count}" for name, count in sorted(found["cats"].items())], 20)
            self.notes.append(LeftOut(
                f"{sum(found['cats'].values())} "
                + (
                    "label(s) or text(s) of whole texts (a text-classification project's categories, or the texts a sequence-to-sequence project's members wrote)"
                    if found.get("label_strings")
                    else "label(s) of whole texts (doccano's document categories)"
                )
                + f" were not imported: {shown}; example (annotator) "
                + _listed(sorted(set(found["cats_ids"])), ids)
            ))
        if found["not_scalar"]:
            self.notes.append(LeftOut(
                f"{len(found['not_scalar'])} metadata field(s) are lists or objects, not a value, and were not imported as variables: field (examples) "
                + _listed([f"{k} ({', '.join(map(str, v[:5]))}{', …' if len(v) > 5 else ''})" for k, v in found["not_scalar"].items()], ids)
            ))
        if found["shared_id"]:
            self.notes.append(
                f"{found['sharing']} example(s) share their id with another example ({_listed(found['shared_id'], ids)}): each is its own document, "
                "known in each annotator's file by its id and text (an id a JSONL upload gave, which doccano's export writes over its own, "
                "or files of two exports?)"
            )
        unnamed = [name for name in names.values() if name.startswith("document ")]
        missing = [rule for rule in ("case", "wave") if rule not in given]  # a rule given names them already
        if unnamed and missing:
            csvs = " and ".join(f"source,{rule}" for rule in missing)
            options = " ".join(f"--{rule} {rule}s.csv" for rule in missing)
            self.notes.append(
                f"doccano's export names no uploaded file, so {len(unnamed)} document(s) are named by their doccano id ({_listed(sorted(unnamed, key=len), 5)}): "
                f"give each its {' and '.join(missing)} on import, with {'a CSV' if len(missing) == 1 else 'two CSVs'} of a row per document by these names, "
                f"columns {csvs}: qlr import EXPORT.zip {options} -o study.qlr (read_doccano(…, "
                + ", ".join(f"{rule}='{rule}s.csv'" for rule in missing)
                + ")), or upload the texts as JSONL with a 'name' field (and 'participant', 'wave' …, which become variables)"
            )
        if None in coders:
            self.notes.append(
                "all.jsonl is a collaborative project's export: doccano names no annotator there, so its codings have no coder "
                "(turn collaborative annotation off in the project's settings and export again for each annotator's file)"
            )

    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        """Label Studio's sources, each with its example's comments as its description (a memo on the document)."""
        part, guids = super().sources(known_codes, types)
        for outer in part:
            said = self._memos.get(outer.get("name", ""))
            if said:
                description = ET.Element(f"{_NS}Description")
                description.text = "\n".join(said)
                outer.insert(0, description)
        return part, guids


def _span_parts(item: Any) -> tuple[Any, Any, Any]:
    """(start, end, label) of a span as doccano writes it: ``[start, end, label]``, or ``{"start_offset", "end_offset",
    "label"}`` with relation labelling on.

    >>> _span_parts([3, 8, "Coping"]), _span_parts({"id": 1, "label": "Loss", "start_offset": 0, "end_offset": 4})
    ((3, 8, 'Coping'), (0, 4, 'Loss'))
    """
    if isinstance(item, dict):
        return item.get("start_offset"), item.get("end_offset"), item.get("label")
    if isinstance(item, list) and len(item) == 3:
        return item[0], item[1], item[2]
    return None, None, None
