"""Reading Label Studio's JSON export (a project's annotated tasks) into a Study.

Label Studio (labelstud.io, Apache 2.0; HumanSignal) is a web annotation tool that research teams use to code spans of
interview text: a project's labelling configuration names a ``<Text>`` object and a ``<Labels>`` control whose labels
are the codebook, and each annotator's **annotation** of a **task** (one text) is a list of **results**.  Its export
"JSON" (the guide's "Label Studio JSON format of annotated tasks") is what qlr reads:

* the file is a list of tasks (one task, a dict, as cloud storage writes ``<task id>.json``, is read as a list of one);
  each task has ``id``, ``data`` (the task's fields: ``{"text": "…"}`` or another name the configuration's ``$text``
  refers to), ``annotations`` (``completions`` before 1.0), ``predictions`` and ``drafts``, and ``file_upload`` (the
  uploaded file, its name after a random prefix, ``d06c405d-P01_W1.txt``);
* an annotation has ``id``, ``completed_by`` (the user's id, or ``{"id", "email", "first_name", "last_name"}``),
  ``was_cancelled`` (skipped by the annotator), ``created_at`` and ``result``;
* a result has ``id`` (a region's id: the results of one region share it), ``from_name`` (the control), ``to_name``
  (the object), ``type`` and ``value``: a span is ``type`` ``labels`` with ``value`` ``{"start", "end", "text",
  "labels"}``; a per-region ``textarea`` (``value.text``, a list), ``choices``, ``taxonomy``, ``rating`` … shares its
  region's id; one with no region's id is on the whole task (a classification); ``relation`` results link two regions
  (``from_id``, ``to_id``).
* **Offsets**: ``start``/``end`` count code points since the front end's fix for text with emoji (label-studio-frontend
  PR 308, 2022); before it they counted UTF-16 units (JavaScript's).  Each span's ``value.text`` says which: qlr takes
  the one whose text matches, and says how many needed UTF-16 and which matched neither.

What becomes what: each task's text a document, its other scalar fields (``participant``, ``wave``) the document's
variables; each label a top-level code named by itself (``Trust``; the control, ``from_name``, is configuration a coder
never sees, and a label two controls offer is one code); each span a coding of each of its labels (one with none, of a
code named by its control), its coder the annotator; a per-region ``choices``/``taxonomy`` value a coding of its code
under one named by its control (``stance > negative``) on the region's span, a per-region ``textarea`` (and
``rating``, ``number``, ``datetime``) a memo on the coding.  A choice, taxonomy, rating, number or date on the whole task
(no region's id: "group: tenant") is a variable of its document named by its control, the value its annotators agree
on.  Left out, and said with counts and ids: cancelled annotations, predictions and drafts (no person's coding),
relations, comments on the whole task, whole-task values that differ between annotators (or between the lines of one
uploaded file), results of other kinds (images, audio), spans over no text, and tasks whose text is not in the
file (a URL).  A ``HyperText`` field (HTML) is a document of its text, a line a paragraph, and its ``hypertextlabels``
spans (``start``/``end`` the XPaths of text nodes from the HTML's top, ``startOffset``/``endOffset`` in them, UTF-16 units
as the DOM counts) codings on it where their passage is there (else said); markup that is not well formed is not read.  A ``Paragraphs``
object (Label Studio's dialogue template: a field that is a list of ``{"author", "text"}``) is a document of one turn a
line, ``author: text``, and its ``paragraphlabels`` spans (``start``/``end`` the paragraphs' indexes, ``startOffset``/
``endOffset`` within them) codings on it.  The
whole goes through the ``.qdpx`` importer (:func:`._tool_tree.import_tree`) as the other tools' readers do.

The file is untrusted: its size capped before it is parsed, as JSON only (nothing in it is evaluated or fetched).
"""

from __future__ import annotations

import functools
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natsort import natsort_keygen

from .._warned import LeftOut
from ..errors import InvalidParameterError, QdpxError
from ._archive import MAX_QDPX_BYTES
from ._positions import CONVENTIONS, UNITS, outside_label
from ._qdpx_read import _listed, check_rules, source_id
from ._qualcoder import _NS, Tool, _TextsOnly
from ._tool_tree import checked_export, import_tree

__all__ = ["read_label_studio", "label_studio_export_kind", "is_label_studio_tasks"]

LABEL_STUDIO = Tool(
    "Label Studio",
    "a Label Studio export",
    give="give the .json file Label Studio's Export wrote in the format JSON (not JSON-MIN, CSV or CoNLL, which flatten or leave out the regions, coders or text)",
    repair="export the project from Label Studio again (Export, format JSON)",
    changed="export the project from Label Studio again (Export, format JSON)",
)
#: How much of a file's start :func:`label_studio_export_kind` reads to tell.
_HEAD = 1 << 20
#: Keys of a task's ``data`` that name it, tried in this order before the uploaded file's name.
_NAME_KEYS = ("name", "title", "filename", "file_name", "document", "doc_id", "document_id")
#: Label Studio's prefix on an uploaded file's name (eight hex digits and a dash).
_UPLOAD_PREFIX = re.compile(r"^[0-9a-f]{8}-")
#: A task's field that holds where its text is, not the text (Label Studio fetches it).
_REFERENCE = re.compile(r"^(?:https?|s3|gs|azure-blob)://|^/data/(?:upload|local-files)/", re.I)
#: Per-region results whose value is a memo on the coding (its control's name before it).
_MEMO_TYPES = frozenset({"textarea", "rating", "number", "datetime"})
#: Per-region results whose values are codes on the region's span.
_CODE_TYPES = frozenset({"choices", "taxonomy"})
#: Results on a whole task (no region's id) whose value is a value of the task's document: a variable named by the control.
_TASK_VALUE_TYPES = frozenset({"choices", "taxonomy", "rating", "number", "datetime"})
MAX_TASKS = 100_000
MAX_RESULTS = 500_000


def label_studio_export_kind(path: str | os.PathLike[str]) -> str | None:
    """``"json"`` where ``path`` is a file that opens as Label Studio's JSON export (a list of tasks, or one task, with
    ``annotations`` or ``completions`` and ``data``, or results with ``from_name`` and ``to_name`` where ``data`` lies past
    the first megabyte), ``"json-min"`` for its JSON-MIN export, else None.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "project-1-at-2024-05-02.json")
    >>> with open(path, "w") as f:
    ...     _ = f.write('[{"id": 1, "annotations": [], "data": {"text": "Tired."}}]')
    >>> label_studio_export_kind(path)
    'json'
    """
    head = file_head(path, _HEAD)
    if head is None:
        return None
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith((b"[", b"{")):
        return None
    # A task's "data" follows its "annotations" in Label Studio's export, so a task coded at length puts it past the
    # head: its results' "from_name" and "to_name" (Label Studio's own keys) say it as well.
    task = re.search(rb'"(?:annotations|completions)"\s*:\s*\[', head) and (
        re.search(rb'"data"\s*:\s*\{', head) or (re.search(rb'"from_name"\s*:', head) and re.search(rb'"to_name"\s*:', head))
    )
    if task:
        return "json"
    # JSON-MIN: one flat object per task, its fields and the controls' values, an "annotator" and "annotation_id".
    if re.search(rb'"annotation_id"\s*:', head) and re.search(rb'"annotator"\s*:', head) and re.search(rb'"lead_time"\s*:', head):
        return "json-min"
    return None


def file_head(path: str | os.PathLike[str], size: int) -> bytes | None:
    """The first ``size`` bytes of the file ``path``, or None where it is no file or cannot be read (a ``*_kind``
    function's look at a file whose name does not say what it is)."""
    try:
        if not Path(path).is_file():
            return None
        with open(path, "rb") as stream:
            return stream.read(size)
    except OSError:
        return None


def read_label_studio(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: dict[str, str] | None = None,
    coders: Mapping[Any, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import Label Studio's JSON export (a project's annotated tasks) as a Study.

    Each task's text becomes a document and each span its annotators labelled a coding, then the whole goes through the
    ``.qdpx`` importer (so options and results are :func:`read_qdpx`'s).  The export is only read.

    Parameters
    ----------
    path : str or PathLike
        The ``.json`` file Label Studio's Export wrote with the format "JSON" (a list of tasks), or one task's file.
    wave, case, kind, speakers
        As for :func:`read_catma`: waves, cases, kinds and speaker roles by rule (Label Studio has none of its own).
    coders : mapping, optional
        Coders' names by the Label Studio user id (or e-mail) the export gives, ``{1: "Ana", 2: "Ben"}``: Label Studio's
        Export writes the annotator as the id alone (``completed_by: 1``) unless the export was a snapshot made with the
        annotators written out.  An id not given stays ``user <id>``; one given that no annotation has is said.
    max_bytes : int
        Refuse a file larger than this many bytes.

    Returns
    -------
    Study
        A document per task's text (named by its ``data``'s ``name``/``title``/``filename``, else its uploaded file's
        name, else ``task <id>``; the tasks Label Studio made of one uploaded ``.txt``'s lines one document; a
        ``Paragraphs`` dialogue one ``author: text`` turn a line), its task's other fields (strings, numbers) its variables; a
        top-level code per label (one however many controls offer it), a per-region choice's value under a code named by
        its control; a coding per span and label (origin
        ``import``; its coder the name ``coders`` gives, else the annotator's e-mail, else ``user <id>`` where the export gives
        only the id); a choice on the whole task a variable named by its control.
        ``study.meta["import"]`` reports as for a ``.qdpx``, with ``format`` ``"label-studio"`` and each task read
        (id, document, annotations, spans).

    Raises
    ------
    SourceNotFoundError
        No such file.
    QdpxError
        Not Label Studio's JSON export (JSON-MIN, CSV …), not valid JSON (its line and column named), a task or result
        that breaks the format (its place named), or larger than ``max_bytes``.

    Examples
    --------
    >>> import qlr, json, tempfile, os, warnings
    >>> path = os.path.join(tempfile.mkdtemp(), "project-1-at-2024-05-02.json")
    >>> task = {"id": 1, "data": {"text": "Tired – but coping.", "name": "P01_W1"}, "annotations": [{"id": 3,
    ...         "completed_by": {"id": 1, "email": "ann@uni.ac.uk"}, "result": [{"id": "r1", "from_name": "code",
    ...         "to_name": "text", "type": "labels", "value": {"start": 8, "end": 18, "text": "but coping",
    ...         "labels": ["Coping"]}}]}]}
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     json.dump([task], f)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # one wave, W1, is said in a warning
    ...     study = qlr.io.read_label_studio(path)
    >>> coding = study.codings.iloc[0]
    >>> coding["coder"], study.documents["text"][0][coding["start"] : coding["end"]]
    ('ann@uni.ac.uk', 'but coping')
    """
    given, _ = checked_export(path, LABEL_STUDIO, max_bytes=max_bytes)
    check_rules(wave=wave, case=case, kind=kind)
    names = _coder_names(coders)
    found = label_studio_export_kind(given)
    if found == "json-min":
        raise QdpxError(
            "this is Label Studio's JSON-MIN export, one row per annotation with each control's values flattened (a region's comment and choices "
            "apart from its span, relations and cancelled annotations gone)",
            path=given,
            hint=LABEL_STUDIO.give,
        )
    raw = given.read_bytes()
    try:
        loaded = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise QdpxError(f"the file is not UTF-8 text (byte {exc.start})", path=given, position=exc.start, hint=LABEL_STUDIO.repair) from None
    except json.JSONDecodeError as exc:
        raise QdpxError(f"not valid JSON: {exc.msg} (column {exc.colno})", path=given, line=exc.lineno, hint=LABEL_STUDIO.repair) from None
    except RecursionError:
        raise QdpxError("the JSON is nested too deeply to be a Label Studio export", path=given, hint=LABEL_STUDIO.repair) from None
    if loaded == []:
        raise QdpxError(
            "the export holds no tasks ([]): Label Studio writes this for a project with no tasks, or with none annotated where only annotated tasks are exported",
            path=given,
            hint="annotate the tasks in Label Studio, then export the project again (Export, format JSON)",
        )
    if not is_label_studio_tasks(loaded):
        raise QdpxError(
            "this is not Label Studio's JSON export: it is not a list of tasks, each with 'data' and 'annotations'",
            path=given,
            hint=LABEL_STUDIO.give,
        )
    tasks = [loaded] if isinstance(loaded, dict) else loaded
    if len(tasks) > MAX_TASKS:
        raise QdpxError(f"the export holds {len(tasks):,} tasks, more than the {MAX_TASKS:,} qlr imports from one file", path=given, hint="export fewer tasks")
    built = _LabelStudioTree(given, tasks, coders=names)
    extra = {"export": str(given), "tasks": built.read}
    units = (CONVENTIONS[0], "Label Studio counts offsets in code points (spans that matched their text only in UTF-16 units, as before 2022, were converted)")
    if any(text.startswith("\ufeff") for text in built.texts.values()):
        # Label Studio counts a byte-order mark it kept (an uploaded .txt's, as Notepad writes) as a character; the document drops it.
        units = (f"{units[0]}+bom", units[1] + "; a byte-order mark at a text's start counts one")
    return import_tree(built, given, wave=wave, case=case, kind=kind, speakers=speakers, extra=extra, convention=units)


def is_label_studio_tasks(payload: Any) -> bool:
    """Whether parsed JSON is Label Studio's export of annotated tasks: a task (a dict with a ``data`` object and
    ``annotations``, ``completions`` or ``predictions``), or a list of dicts of which at least one is such a task.

    >>> is_label_studio_tasks([{"id": 1, "data": {"text": "Tired."}, "annotations": []}]), is_label_studio_tasks([{"text": "Tired."}])
    (True, False)
    """
    tasks = [payload] if isinstance(payload, dict) else payload
    return (
        isinstance(tasks, list)
        and all(isinstance(t, dict) for t in tasks)
        and any(isinstance(t.get("data"), dict) and any(k in t for k in ("annotations", "completions", "predictions")) for t in tasks)
    )


# ---------------------------------------------------------------- one task
@dataclass
class _Span:
    """One labelled span: where it was read, its control, its labels (codes), its memos, its coder and time."""

    place: str
    region: str
    control: str
    start: int
    end: int
    quote: str | None
    labels: list[str]
    coder: str
    when: str | None
    obj: str = ""
    #: Per-region choices' and taxonomies' values: (their control, the value's path).
    extra_codes: list[tuple[str, list[str]]] = field(default_factory=list)
    #: The ``<Labels>`` controls that labelled the region with no label (its code is named by the control).
    bare: list[str] = field(default_factory=list)
    memos: list[str] = field(default_factory=list)
    #: A ``Paragraphs`` span: its first and last paragraph's indexes and its offsets in them (start and end then unset).
    paragraphs: tuple[int, int, int, int] | None = None
    #: A ``HyperText`` span: its start's and end's text nodes (XPaths in the HTML) and its offsets in them.
    xpaths: tuple[str, int, str, int] | None = None

    def codes(self) -> list[list[str]]:
        """The paths of the codes this span is a coding of.  A label is the researcher's code, named by itself at the
        top (the control that offers it is configuration a coder never sees, and the same label in two controls, a
        dialogue's ``paragraphlabels`` beside a text's ``labels``, is one code); a per-region choice or taxonomy value sits
        under a code named by its control (``stance`` > ``negative``: the value alone, "negative", says nothing); a span
        with no label is a coding of a code named by its control, the only name it has.

        >>> _Span("p", "r", "code", 0, 4, None, ["Fatigue", "Doubt"], "ann", None, extra_codes=[("stance", ["doubt"])]).codes()
        [['Fatigue'], ['Doubt'], ['stance', 'doubt']]
        """
        found = [[label] for label in self.labels] + [[control] for control in self.bare]
        found += [[control, *below] for control, below in self.extra_codes]
        return list({"\x1f".join(path): path for path in found or [[self.control]]}.values())


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _coder_names(coders: Mapping[Any, str] | None) -> dict[str, str]:
    """``coders=`` checked, as {the user's id or e-mail as text: the coder's name}.

    >>> _coder_names({1: " Ana ", "ben@uni.example": "Ben"})
    {'1': 'Ana', 'ben@uni.example': 'Ben'}
    """
    if coders is None:
        return {}
    if not isinstance(coders, Mapping):
        raise InvalidParameterError(f"coders must map Label Studio user ids to names, not {type(coders).__name__}", hint='write coders={1: "Ana", 2: "Ben"}')
    names: dict[str, str] = {}
    for key, name in coders.items():
        if isinstance(key, bool) or not isinstance(key, (int, str)) or not str(key).strip() or not isinstance(name, str) or not name.strip():
            raise InvalidParameterError(f"coders: {key!r}: {name!r} is not a user id (or e-mail) and a name", hint='write coders={1: "Ana", 2: "Ben"}')
        if str(key).strip() in names:
            raise InvalidParameterError(f"coders names Label Studio user {str(key).strip()!r} twice ({names[str(key).strip()]!r}, {name.strip()!r})", hint="give each user id one name")
        names[str(key).strip()] = name.strip()
    return names


def _coder(annotation: dict[str, Any], names: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """The annotator, and the key of ``names`` (a user's id or e-mail as text) that named them, if one did: the name
    ``names`` gives for the id or e-mail, else the e-mail (or name) Label Studio gives with ``completed_by``, else
    ``user <id>``.

    >>> _coder({"completed_by": 1}), _coder({"completed_by": 1}, {"1": "Ana"}), _coder({"completed_by": {"id": 2, "email": "b@x.org"}})
    (('user 1', None), ('Ana', '1'), ('b@x.org', None))
    """
    who = annotation.get("completed_by")
    for key in (who.get("id"), who.get("email")) if isinstance(who, dict) else (who,):
        if names and (_whole(key) or isinstance(key, str)) and str(key).strip() in names:
            return names[str(key).strip()], str(key).strip()
    return _named(annotation), None


def _named(annotation: dict[str, Any]) -> str:
    """The annotator as the export names them: the e-mail (or name) Label Studio gives with ``completed_by``, else
    ``user <id>``, else (before 1.0) ``created_username``."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        for key in ("email", "username"):
            if isinstance(who.get(key), str) and who[key].strip():
                return who[key].strip()
        name = " ".join(part for part in (who.get("first_name"), who.get("last_name")) if isinstance(part, str) and part.strip())
        if name:
            return name
        who = who.get("id")
    if _whole(who) or (isinstance(who, str) and who.strip()):
        return f"user {who}"
    name = annotation.get("created_username")  # before 1.0
    return name.strip() if isinstance(name, str) and name.strip() else "unknown"


def _task_value(kind: str, value: Any) -> tuple[Any, Any] | None:
    """A whole-task result's value as a document's variable, and the key two coders' values are compared by (the
    choices sorted: one coder's "angry; tired" is another's "tired; angry"); None where it holds none.  Choices are
    joined by "; " in the order given (:func:`_joined`: one holding ";" quoted), a taxonomy's path by " > "; a
    rating or number is itself.

    >>> _task_value("choices", {"choices": ["angry", "tired"]}), _task_value("taxonomy", {"taxonomy": [["Housing", "Repairs"]]})
    (('angry; tired', ('angry', 'tired')), ('Housing > Repairs', ('Housing > Repairs',)))
    >>> _task_value("rating", {"rating": 4}), _task_value("choices", {"choices": []})
    ((4, 4), None)
    """
    if not isinstance(value, dict):
        return None
    if kind in _CODE_TYPES:
        items = [" > ".join(path) for path in _LabelStudioTree._values(value.get(kind))]
        return (_joined(list(dict.fromkeys(items))), tuple(sorted(set(items)))) if items else None
    given = value.get(kind)
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        return given, given
    return (given.strip(), given.strip()) if isinstance(given, str) and given.strip() else None


def _joined(values: list[str]) -> str:
    """Several values as one variable's value: joined by ``"; "``, a value that itself holds ``;`` (or begins with a
    double quote) in double quotes, its own quotes doubled, as a CSV cell is quoted, so the values are told apart again
    by ``csv.reader([value], delimiter=";", skipinitialspace=True)``.  One value without ``;`` is itself.

    >>> _joined(["angry", "tired"]), _joined(["tired; worn out", "angry"]), _joined(["fine"])
    ('angry; tired', '"tired; worn out"; angry', 'fine')
    >>> import csv
    >>> next(csv.reader([_joined(["tired; worn out", 'said "no"; left'])], delimiter=";", skipinitialspace=True))
    ['tired; worn out', 'said "no"; left']
    """
    return "; ".join('"' + value.replace('"', '""') + '"' if ";" in value or value.startswith('"') else value for value in values)


def _task_order(tid: Any, index: int = 0) -> tuple[int, int]:
    """Where a task falls when an uploaded file's lines are joined: by its id where it is a whole number (Label Studio
    numbers the lines' tasks in order), else by its place in the export (``index``).

    >>> sorted([10, 9, 11], key=_task_order)
    [9, 10, 11]
    """
    return (0, tid) if _whole(tid) else (1, index)


def _index(value: Any) -> int | None:
    """A paragraph's index as a ``Paragraphs`` span gives it: a whole number, or its digits as text (as exports write it)."""
    if _whole(value):
        return value
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else None


def _span_at(kind: Any, value: Any, place: str, path: Path) -> tuple[int, int, tuple[Any, Any, Any, Any] | None] | None:
    """Where a result labels a span: ``labels`` on a ``<Text>`` (its ``start`` and ``end``), ``paragraphlabels`` on a
    ``<Paragraphs>`` (its paragraphs' indexes and offsets in them, as the third item), ``hypertextlabels`` on a
    ``<HyperText>`` (its start's XPath and offset, its end's, as the third item); None for a result of another
    kind.  Positions that are not whole numbers are one :class:`QdpxError` naming the result's place."""
    if not isinstance(value, dict):
        return None
    if kind == "labels" and "start" in value and "end" in value:
        start, end = value.get("start"), value.get("end")
        if not (_whole(start) and _whole(end)):
            raise QdpxError(f"{place}: the span's start and end are not whole numbers ({start!r}, {end!r})", path=path, hint=LABEL_STUDIO.repair)
        return start, end, None
    if kind in ("paragraphlabels", "hypertextlabels") and "startOffset" in value:
        # A paragraph span's start and end are its paragraphs' indexes; an HTML span's, the XPaths of its text nodes.
        html = kind == "hypertextlabels"
        read = (lambda at: at if isinstance(at, str) else None) if html else _index
        first, last, start, end = read(value.get("start")), read(value.get("end")), value.get("startOffset"), value.get("endOffset")
        if first is None or last is None or not (_whole(start) and _whole(end)):
            what = "the HTML span's start and end (XPaths)" if html else "the span's paragraphs (start, end)"
            raise QdpxError(
                f"{place}: {what} and offsets in them (startOffset, endOffset) are not {'paths and ' if html else ''}whole numbers "
                f"({value.get('start')!r}, {value.get('end')!r}, {start!r}, {end!r})",
                path=path,
                hint=LABEL_STUDIO.repair,
            )
        return 0, 0, (first, start, last, end) if html else (first, last, start, end)
    return None


#: HTML elements that end a line of the text read from a page (a paragraph, a list item, a heading, a line break …).
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre", "section", "article", "dt", "dd", "ul", "ol", "table", "caption", "option", "dl", "header", "footer", "nav", "aside", "main", "figure", "address", "details", "hr"})
#: HTML elements whose text a page does not show (a stylesheet, a script, a page's title, a form field's or frame's
#: raw text): no span of Label Studio's can be in it, and it is no text of the document.
_HIDDEN = frozenset({"style", "script", "template", "title", "noscript", "meta", "textarea", "iframe", "noembed", "noframes"})
#: A table's frame: text between its rows and cells is none of theirs.
_TABLE = frozenset({"table", "tbody", "thead", "tfoot", "tr", "colgroup"})
#: How deep elements nest in a page qlr reads (a browser nests no deeper than 512; Blink's parser's limit).
_MAX_DEPTH = 512
#: HTML elements that hold nothing, and those whose end tag may be left out (neither nests a page deeper).
_FLAT = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot", "html", "head", "body"})


def _too_deep(markup: str) -> bool:
    """Whether a page's elements may nest more than :data:`_MAX_DEPTH` deep: its start tags counted less the end tags
    that close them (comments, scripts and stylesheets left out; elements that hold nothing or whose end a browser
    supplies at the next of their kind left out).  A guard, taken before the HTML parser, whose time grows with the
    depth at each tag (5,000 unclosed ``<div>`` take it half a minute).

    >>> _too_deep("<div>" * 600 + "x"), _too_deep("<p>x" * 5000), _too_deep("<div><b>x</b></div>" * 5000)
    (True, False, False)
    """
    markup = re.sub(r"(?is)<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", "", markup)
    open_: Counter[str] = Counter()
    depth = 0
    for end, tag in re.findall(r"<(/?)([A-Za-z][^\s/>]*)", markup):
        tag = tag.lower()
        if tag in _FLAT:
            continue
        if not end:
            open_[tag] += 1
            depth += 1
            if depth > _MAX_DEPTH:
                return True
        elif open_[tag]:
            open_[tag] -= 1
            depth -= 1
    return False


def _html_text(markup: str) -> tuple[str, dict[str, tuple[int, str]]] | None:
    r"""A ``HyperText`` field's text as a document reads it (its text nodes in order, a line break after each paragraph,
    list item, heading, table row or ``<br>``, a tab between a row's cells as a browser's ``innerText`` has them; entities
    read), and each text node by the XPath Label Studio's front end gives it, ``/p[2]/text()[1]`` (element names and
    their places among their parent's children of that name, from the HTML's top): {path: (where its text starts in the
    text, its text)}.  Label Studio's paths name the browser's DOM, so the markup is parsed as a browser parses a
    ``<div>``'s ``innerHTML``, by html5lib (the HTML standard's parsing algorithm: ``<p>a<p>b``, a table's implied
    ``<tbody>``, stray end tags, formatting elements reopened or moved by the adoption agency, text fostered out of a
    table).  A stylesheet's, script's or form field's text is no text of the page, nor is the layout of the markup (a
    line break and indent between two paragraphs or cells).  None where elements may nest more than 512 deep (deeper
    than a browser nests them: :func:`_too_deep`).

    >>> text, nodes = _html_text("<p>The boiler <b>broke</b> again.</p><p>Nobody came &amp; went.</p>")
    >>> text, nodes["/p[1]/b[1]/text()[1]"], nodes["/p[1]/text()[2]"], nodes["/p[2]/text()[1]"]
    ('The boiler broke again.\nNobody came & went.', (11, 'broke'), (16, ' again.'), (24, 'Nobody came & went.'))
    >>> text, nodes = _html_text("<table><tr><td>Rent</td><td>£600</td></tr></table><p><b>Late</p>again")
    >>> text, nodes["/table[1]/tbody[1]/tr[1]/td[2]/text()[1]"], nodes["/b[1]/text()[1]"]
    ('Rent\t£600\nLate\nagain', (5, '£600'), (15, 'again'))
    """
    import html5lib  # the HTML standard's parser, as the browser's (see pyproject.toml)

    if _too_deep(markup):
        return None
    root = html5lib.parseFragment(markup, container="div", treebuilder="dom", namespaceHTMLElements=False)
    root.normalize()  # the parser's adjacent text pieces one text node, as the browser's DOM has them
    pieces: list[str] = []
    nodes: dict[str, tuple[int, str]] = {}
    at = 0

    def put(piece: str) -> None:
        nonlocal at
        pieces.append(piece)
        at += len(piece)

    def line_end() -> None:
        if pieces and not pieces[-1].endswith("\n"):
            put("\n")

    # Depth first, without recursion (a page may nest 512 deep): ("text", node, path, parent's tag), ("element", node,
    # path, tag, whether a cell after the first of its row), ("end", tag); a hidden element's content is passed over.
    todo: list[tuple[Any, ...]] = [("element", root, "", "", False)]
    while todo:
        kind, *item = todo.pop()
        if kind == "end":
            if item[0] in _BLOCKS and item[0] != "br":
                line_end()
            continue
        if kind == "text":
            node, path, parent = item
            data = node.data
            if not data.strip() and ("\n" in data or not pieces or pieces[-1].endswith(("\n", "\t")) or parent in _TABLE):
                # the markup's layout (a line break and indent between tags, a space at a line's start or between a
                # table's cells): as a browser shows it, nothing at a line's start or in a table's frame, else one space
                data = "" if not pieces or pieces[-1].endswith(("\n", "\t")) or parent in _TABLE else " "
            nodes[path] = (at, data)
            if data:
                put(data)
            continue
        node, path, tag, later_cell = item
        if later_cell:
            put("\t")  # the row's cells apart, as innerText has them
        elif tag == "br":
            put("\n")
        elif tag in _BLOCKS:
            line_end()  # a block starts a line, as innerText has it: "text before<p>para" is two
        if tag in _HIDDEN:
            continue
        counts: Counter[str] = Counter()
        children: list[tuple[Any, ...]] = []
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                counts["text()"] += 1
                children.append(("text", child, f"{path}/text()[{counts['text()']}]", tag))
            elif child.nodeType == child.ELEMENT_NODE:
                name = child.tagName.lower()
                counts[name] += 1
                later = tag == "tr" and name in ("td", "th") and counts["td"] + counts["th"] > 1
                children += [("element", child, f"{path}/{name}[{counts[name]}]", name, later), ("end", name)]
        todo.extend(reversed(children))
    return "".join(pieces).rstrip("\n"), nodes


def _in_node(node: tuple[int, str], offset: int) -> int | None:
    """Where ``offset`` into a text node (a DOM offset: UTF-16 units) falls in the document's text; None outside it."""
    start, text = node
    table = _utf16_to_points(text)
    if table is None:
        return start + offset if 0 <= offset <= len(text) else None
    return start + table[offset] if 0 <= offset < len(table) and table[offset] >= 0 else None


def _dialogue(value: Any) -> tuple[str, list[int], list[str]] | None:
    """A ``Paragraphs`` field (a list of ``{"author", "text"}``) as one text, a turn a line (``author: text``, or the
    text where there is no author), with where each paragraph's text starts in it and the texts; None if it is not one.

    >>> _dialogue([{"author": "I", "text": "Und?"}, {"author": "P01:", "text": "Müde."}, {"text": "(Pause)"}])
    ('I: Und?\\nP01: Müde.\\n(Pause)', [3, 13, 19], ['Und?', 'Müde.', '(Pause)'])
    """
    if not isinstance(value, list) or not value or not all(isinstance(item, dict) and isinstance(item.get("text"), str) for item in value):
        return None
    lines, starts, texts, at = [], [], [], 0
    for item in value:
        author = item.get("author")
        author = author.strip() if isinstance(author, str) else ""
        head = "" if not author else f"{author} " if author.endswith(":") else f"{author}: "  # Label Studio's examples write "Mia Wallace:"
        lines.append(head + item["text"])
        starts.append(at + len(head))
        texts.append(item["text"])
        at += len(lines[-1]) + 1
    return "\n".join(lines), starts, texts


def _placed(text: str, start: int, end: int, quote: str | None) -> tuple[int, int, str]:
    """Where a span Label Studio gives at ``start``–``end`` of ``text`` lies in code points, and how that was told:
    ``"points"`` where its quote is there (or it has none), ``"utf16"`` where the quote is there only counting UTF-16
    units (Label Studio before 2022), else ``"differing"`` (left at its offsets).  A quote matches only within the text
    (a slice past its end is no match).

    >>> _placed("Gut 😊", 4, 6, "😊"), _placed("Gut 😊", 4, 5, "😊"), _placed("Gut", 0, 3, "Bad")
    ((4, 5, 'utf16'), (4, 5, 'points'), (0, 3, 'differing'))
    """
    if quote is None or (0 <= start <= end <= len(text) and text[start:end] == quote):
        return start, end, "points"
    table = _utf16_to_points(text)
    if table is not None and 0 <= start < end < len(table) and min(table[start], table[end]) >= 0 and text[table[start] : table[end]] == quote:
        return table[start], table[end], "utf16"
    return start, end, "differing"


@functools.lru_cache(maxsize=8)
def _utf16_to_points(text: str) -> list[int] | None:
    """For each UTF-16 position of ``text``, the code point position there (None where it is all in the BMP: the same)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) >= 0x10000:
            table.append(-1)  # between the two halves
    table.append(len(text))
    return table


class _LabelStudioTree(_TextsOnly):
    """The REFI-QDA ``<Project>`` a Label Studio export stands for, with what it left out."""

    key = "label-studio"

    def __init__(self, path: Path, tasks: list[dict[str, Any]], *, coders: Mapping[str, str] | None = None) -> None:
        super().__init__(path, {"project": [{"about": "Label Studio", "databaseversion": "JSON export"}]})
        self.texts: dict[str, str] = {}
        self.spans: dict[str, list[_Span]] = {}
        self.read: list[dict[str, Any]] = []  # each task: its id, its annotations and the spans read
        self._codes: dict[str, list[str]] = {}  # a code's key → its path of names from the top
        self._variables: dict[str, dict[str, str | int | float | bool]] = {}  # a document → its task's other fields (its variables)
        self._joined: dict[str, list[Any]] = {}  # a document joined from the tasks of an uploaded .txt → their ids
        self._lines: set[int] = set()  # the indexes of the tasks that are lines of an uploaded .txt
        self._given: dict[str, dict[str, list[tuple[Any, Any]]]] = {}  # a document → its variables' values, each with its task's id
        cancelled: list[str] = []
        predictions: list[str] = []
        drafts: list[str] = []
        relations: list[str] = []
        whole_task: Counter[str] = Counter()
        whole_task_ids: list[str] = []
        other: Counter[str] = Counter()
        other_ids: list[str] = []
        found: dict[str, Any] = {"html": [], "html_raw": [], "html_unplaced": [], "task_values": Counter(), "values_no_text": [], "coders_differ": [], "field_and_choice": [], "not_scalar": {}, "no_text": [], "no_text_results": 0, "utf16": [], "differing": [], "off_line": [], "off_paragraph": [], "comments": []}
        numeric: set[str] = set()
        self._coder_names = dict(coders or {})
        used: set[str] = set()  # the keys of coders= that named an annotator
        seen: set[str] = set()  # every annotator of an annotation read
        users: dict[str, set[str]] = {}  # each coder → the Label Studio users (as the export names them) so named
        total = 0
        names = self._names(tasks)
        self._html_objects = self._html_fields(tasks)
        # Label Studio makes a task of each line of an uploaded .txt: its tasks are joined in their ids' order.
        order = sorted(range(len(tasks)), key=lambda i: _task_order(tasks[i].get("id"), i)) if self._joined else range(len(tasks))
        for number, task in ((i + 1, tasks[i]) for i in order):
            tid = task.get("id", number)
            where = f"task {number} (id {tid})"
            data = task.get("data")
            if not isinstance(data, dict):
                raise QdpxError(f"{where} has no 'data' object", path=path, hint=LABEL_STUDIO.repair)
            annotations = task.get("annotations", task.get("completions", []))
            if not isinstance(annotations, list) or not all(isinstance(a, dict) for a in annotations):
                raise QdpxError(f"{where}: 'annotations' is not a list of annotations", path=path, hint=LABEL_STUDIO.repair)
            for field_name, ids in (("predictions", predictions), ("drafts", drafts)):
                listed = task.get(field_name) or []
                if not isinstance(listed, list):
                    raise QdpxError(f"{where}: '{field_name}' is not a list", path=path, hint=LABEL_STUDIO.repair)
                for kept in listed:
                    results = kept.get("result") if isinstance(kept, dict) else None
                    if isinstance(results, list) and results:
                        ids.append(f"{tid}:{kept.get('id', '?')} ({len(results)} result(s))")
            comments = task.get("comment_count")
            if _whole(comments) and comments > 0:
                found["comments"].append(f"{tid} ({comments})")
            task_spans: list[_Span] = []
            given: dict[str, list[tuple[str, Any, Any, str]]] = {}  # a whole-task control → (coder, value, its key to compare, result)
            for annotation in annotations:
                aid = annotation.get("id", "?")
                place = f"{where}, annotation {aid}"
                results = annotation.get("result", [])
                if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
                    raise QdpxError(f"{place}: 'result' is not a list of results", path=path, hint=LABEL_STUDIO.repair)
                if annotation.get("was_cancelled") is True:
                    cancelled.append(f"{tid}:{aid}")
                    continue
                total += len(results)
                if total > MAX_RESULTS:
                    raise QdpxError(f"the export holds more than {MAX_RESULTS:,} results, the most qlr imports from one file", path=path, hint="export fewer tasks")
                coder, mapped = _coder(annotation, self._coder_names)
                seen.add(coder)
                users.setdefault(coder, set()).add(_named(annotation))
                if mapped is not None:
                    used.add(mapped)
                elif coder.startswith("user "):
                    numeric.add(coder)
                when = annotation.get("created_at") if isinstance(annotation.get("created_at"), str) else None
                regions: dict[str, _Span] = {}
                pending: list[dict[str, Any]] = []
                for result in results:
                    rid = str(result.get("id", "?"))
                    kind = result.get("type")
                    value = result.get("value")
                    if kind == "relation":
                        relations.append(f"{tid}:{aid}:{result.get('from_id', '?')}→{result.get('to_id', '?')}")
                        continue
                    at = _span_at(kind, value, f"{place}, result {rid!r}", path)
                    if at is not None:
                        start, end, paragraphs = at
                        labels = value.get(str(kind), [])
                        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
                            raise QdpxError(f"{place}, result {rid!r}: '{kind}' is not a list of names", path=path, hint=LABEL_STUDIO.repair)
                        control = result.get("from_name") if isinstance(result.get("from_name"), str) else "label"
                        quote = value.get("text") if isinstance(value.get("text"), str) else None
                        obj = result.get("to_name") if isinstance(result.get("to_name"), str) else ""
                        labels = list(dict.fromkeys(labels))
                        known = regions.get(rid)
                        if known is not None and (known.start, known.end, known.paragraphs, known.obj) == (start, end, paragraphs, obj):
                            # One region labelled in a second <Labels>: Label Studio writes a result per control, one id.
                            known.labels.extend(label for label in labels if label not in known.labels)
                            known.bare.extend([] if labels or control in known.bare else [control])
                            continue
                        key = rid if known is None else f"{rid}\x1f{len(regions)}"  # an id used again for another span
                        regions[key] = _Span(f"{place}, result {rid!r}", f"{tid}:{aid}:{rid}", control, start, end, quote, labels, coder, when, obj)
                        if kind == "hypertextlabels":
                            regions[key].xpaths = paragraphs  # type: ignore[assignment]
                        else:
                            regions[key].paragraphs = paragraphs
                        regions[key].bare = [] if labels else [control]
                        continue
                    pending.append(result)
                # The ids of regions qlr does not read (a rectangle on an image, …): a choice with one of them is that region's.
                unread = {str(r.get("id", "?")) for r in pending if str(r.get("type")) not in _TASK_VALUE_TYPES | _MEMO_TYPES} - set(regions)
                for result in pending:
                    rid = str(result.get("id", "?"))
                    kind = str(result.get("type"))
                    control = str(result.get("from_name", "?"))
                    value = result.get("value") if isinstance(result.get("value"), dict) else {}
                    region = regions.get(rid)
                    if region is None and kind in _TASK_VALUE_TYPES and rid not in unread:
                        shown = _task_value(kind, value)
                        if shown is not None:
                            given.setdefault(control, []).append((coder, *shown, f"{tid}:{aid}:{rid}"))
                        continue
                    if region is None or kind not in _MEMO_TYPES | _CODE_TYPES:
                        if region is None and kind in _MEMO_TYPES | _CODE_TYPES and rid not in unread:
                            whole_task[f"{control} ({kind})"] += 1
                            whole_task_ids.append(f"{tid}:{aid}:{rid}")
                        else:
                            other[kind] += 1
                            other_ids.append(f"{tid}:{aid}:{rid}")
                        continue
                    if kind in _CODE_TYPES:
                        for path_of in self._values(value.get(kind)):
                            region.extra_codes.append((control, path_of))
                    else:
                        said = value.get("text" if kind == "textarea" else kind)
                        said = "\n".join(str(s) for s in said) if isinstance(said, list) else said
                        if said is not None and str(said).strip():
                            region.memos.append(f"{control}: {said}")
                task_spans.extend(regions.values())
            values = self._task_values(tid, given, found)
            spans_read, documented = self._task_documents(task, names[number - 1], task_spans, found, values=values, line=number - 1 in self._lines)
            for control, results in given.items():  # read as variables where the task is a document, else said as lost
                if documented:
                    found["task_values"][control] += len(results)
                else:
                    found["values_no_text"].extend(f"{result} ({control})" for *_, result in results)
            self.read.append({"task": tid, "annotations": len(annotations), "spans": spans_read})
        if not self.texts:
            raise QdpxError(
                f"the export's {len(tasks)} task(s) hold no text qlr reads (an image, audio or video project, texts kept at URLs, or "
                "dialogues whose turns have no 'text' key)",
                path=path,
                hint="qlr reads Label Studio projects that label text (a <Text> object, or a <Paragraphs> dialogue of {'author', 'text'} turns) "
                "whose tasks hold the text itself",
            )
        self._settle(found)
        self._separate_choices()
        unused = sorted(set(self._coder_names) - used)
        if unused:
            self.notes.append(
                f"coders= names {len(unused)} Label Studio user(s) no annotation read has ({', '.join(unused)}): check the ids "
                "(the annotators are " + (", ".join(sorted(seen)) or "none") + ")"
            )
        merged = {coder: sorted(named) for coder, named in sorted(users.items()) if len(named) > 1}
        if merged:
            self.notes.append(
                f"coders= gives {len(merged)} name(s) to more than one Label Studio user, whose codings are now one coder's (check the ids, "
                "or give each user a name of their own): " + "; ".join(f"{coder} ({', '.join(named)})" for coder, named in merged.items())
            )
        self._said(
            cancelled=cancelled, predictions=predictions, drafts=drafts, relations=relations, whole_task=whole_task, whole_task_ids=whole_task_ids,
            other=other, other_ids=other_ids, numeric=numeric, **found,
        )

    def _task_documents(
        self, task: dict[str, Any], name: str, spans: list[_Span], found: dict[str, Any], *, values: Mapping[str, Any] | None = None, line: bool = False
    ) -> tuple[int, bool]:
        """One task's documents (one per text field its spans are on, or its ``text``), its spans placed in them and
        counted in ``found`` where they are not in code points or not on their quote; how many spans were read, and
        whether the task is a document at all (its text is in the export).  A
        ``line`` of an uploaded ``.txt`` is added to its file's document (its spans moved by the line's start)."""
        data: dict[str, Any] = task["data"]
        tid = task.get("id", "?")
        dialogues = {k: d for k, v in data.items() if (d := _dialogue(v)) is not None}
        by_key: dict[str | None, list[_Span]] = {}
        for span in spans:
            if span.paragraphs is not None:
                key = span.obj if span.obj in dialogues else next(iter(dialogues)) if len(dialogues) == 1 else None
                if key is not None and not self._place_in_dialogue(span, dialogues[key], found):
                    continue
            else:
                key = self._text_key(data, span.obj, [s for s in spans if s.obj == span.obj])
            by_key.setdefault(key, []).append(span)
        default = "text" if isinstance(data.get("text"), str) else None
        plain = self._keys(data)
        if default is None and len(dialogues) == 1:  # a dialogue (a list of turns) is the task's text before any other field
            default = next(iter(dialogues))
        if default is None and len(plain) == 1:
            default = plain[0]
        if default is not None and (default in dialogues or (isinstance(data.get(default), str) and not _REFERENCE.match(data[default]))):
            by_key.setdefault(default, [])
        texts = {k: data[k] for k in by_key if k is not None and isinstance(data.get(k), str) and not _REFERENCE.match(data[k])}
        texts.update({k: dialogues[k][0] for k in by_key if k in dialogues})
        # A HyperText field (HTML) is read as its text, a line a paragraph; its spans are placed by their XPaths.
        pages = {k: _html_text(texts[k]) for k in texts if k in self._html_objects or any(s.xpaths is not None for s in by_key[k])}
        for key, page in pages.items():
            if page is not None:
                texts[key] = page[0]
            found["html" if page is not None else "html_raw"].append(f"task {tid} ({key})")
        read = 0
        for key, placed in by_key.items():
            if key not in texts:
                if placed:
                    text = data.get(key) if key is not None else None
                    found["no_text"].append(f"task {tid}" + (f" ({key}: {text[:60]!r})" if isinstance(text, str) else ""))
                    found["no_text_results"] += len(placed)
                continue
            text = texts[key]
            document = name if len(texts) == 1 else f"{name} ({key})"
            offset = 0
            if line and document in self.texts:  # the next line of an uploaded .txt
                offset = len(self.texts[document]) + 1
                self.texts[document] += "\n" + text
            elif document in self.texts and self.texts[document] != text:
                document = f"{document} (task {tid})"
            self.texts.setdefault(document, text)
            self.spans.setdefault(document, [])
            fields = self._fields(task, skip=set(by_key) | set(dialogues), found=found)
            for control, value in (values or {}).items():
                if control in fields and fields[control] != value:
                    found["field_and_choice"].append(f"task {tid}: {control} {fields[control]!r} (the task's field), {value!r} (chosen)")
                fields.setdefault(control, value)
            for field_name, value in fields.items():  # each task's value; settled per document once all are read (_settle)
                self._given.setdefault(document, {}).setdefault(field_name, []).append((tid, value))
            for span in placed:
                if span.xpaths is not None:
                    page = pages.get(key)
                    at = None if page is None else self._on_page(span, page)
                    if at is None:
                        found["html_unplaced"].append(f"{span.region} ({span.xpaths[0]}:{span.xpaths[1]}–{span.xpaths[2]}:{span.xpaths[3]})")
                        continue
                    span.start, span.end = at
                elif span.paragraphs is None:
                    start, end, how = _placed(text, span.start, span.end, span.quote)
                    if line and not 0 <= start < end <= len(text):
                        found["off_line"].append(outside_label(span.place, span.start, span.end))
                        continue
                    if how == "utf16":
                        found["utf16"].append(span.region)
                    elif how == "differing":
                        found["differing"].append(f"{span.region} ({span.start}–{span.end})")
                    span.start, span.end = start, end
                span.start, span.end = span.start + offset, span.end + offset
                self.spans[document].append(span)
                for code in span.codes():
                    self._code(code)
                read += 1
        return read, bool(texts)

    # ------------------------------------------------------------ reading
    @staticmethod
    def _on_page(span: _Span, page: tuple[str, dict[str, tuple[int, str]]]) -> tuple[int, int] | None:
        """A ``HyperText`` span's start and end in its page's text: its XPaths' text nodes and the offsets in them,
        where its passage (``value.text``) is there, spaces and line ends aside (a span across paragraphs reads them
        as the browser showed them, its line breaks written ``\\n``); None where a path names no text node or the passage is not there."""
        text, nodes = page
        first, start, last, end = span.xpaths  # type: ignore[misc]
        if first not in nodes or last not in nodes:
            return None
        at, to = _in_node(nodes[first], start), _in_node(nodes[last], end)
        if at is None or to is None or at >= to:
            return None
        # Label Studio writes a line break between paragraphs in the passage as the two characters "\\n".
        if span.quote is not None and " ".join(text[at:to].split()) not in {" ".join(q.split()) for q in (span.quote, span.quote.replace("\\n", "\n"))}:
            return None
        return at, to

    @staticmethod
    def _html_fields(tasks: list[Any]) -> set[str]:
        """The fields of the tasks' data that HyperText spans label anywhere in the export, read as HTML in every task
        (one with no spans too): the field named by the spans' object (``to_name``), else, where the object is named
        apart from its field (``<HyperText name="page" value="$html">``), the task's one field that holds markup.

        >>> _LabelStudioTree._html_fields([{"data": {"html": "<p>Hi</p>", "name": "A"}, "annotations": [{"result": [{"type": "hypertextlabels", "to_name": "page"}]}]}])
        {'html'}
        """
        found: set[str] = set()
        for task in tasks:
            data = task.get("data") if isinstance(task, dict) and isinstance(task.get("data"), dict) else {}
            annotations = task.get("annotations") or task.get("completions") or [] if isinstance(task, dict) else []
            objects = {
                r.get("to_name")
                for a in (annotations if isinstance(annotations, list) else [])
                if isinstance(a, dict) and isinstance(a.get("result"), list)
                for r in a["result"]
                if isinstance(r, dict) and r.get("type") == "hypertextlabels" and isinstance(r.get("to_name"), str)
            }
            for obj in objects:
                marked = [k for k, v in data.items() if isinstance(v, str) and re.search(r"<[A-Za-z][^>]*>", v)]
                found.update([obj] if isinstance(data.get(obj), str) else marked if len(marked) == 1 else [])
        return found

    @staticmethod
    def _task_values(tid: Any, given: Mapping[str, list[tuple[str, Any, Any, str]]], found: dict[str, Any]) -> dict[str, Any]:
        """A task's whole-task results (a ``<Choices>`` on the text, not a region: "group: tenant") as its document's
        variables, {control: value}: the value every annotator who gave one gave; where they differ, none, and the
        control and each coder's value noted in ``found["coders_differ"]``.

        >>> found = {"coders_differ": []}
        >>> _LabelStudioTree._task_values(10, {"group": [("user 1", "tenant", "tenant", "10:8:g5"), ("user 2", "staff", "staff", "10:9:g6")],
        ...     "Sentiment": [("user 2", "hopeful", ("hopeful",), "10:9:s6")]}, found), found["coders_differ"]
        ({'Sentiment': 'hopeful'}, ["task 10: group (user 1: 'tenant', user 2: 'staff')"])
        """
        values: dict[str, Any] = {}
        for control, results in given.items():
            if len({key for _, _, key, _ in results}) == 1:
                values[control] = results[0][1]
            else:
                found["coders_differ"].append(f"task {tid}: {control} (" + ", ".join(f"{coder}: {shown!r}" for coder, shown, _, _ in results) + ")")
        return values

    def _settle(self, found: dict[str, Any]) -> None:
        """Each document's variables from its tasks' values: the value all its tasks that give one agree on (a document
        joined from an uploaded file's lines has a task per line); a field whose tasks differ is left out and said."""
        differ = []
        for document, given in self._given.items():
            kept = self._variables.setdefault(document, {})
            for name, values in given.items():
                distinct = list(dict.fromkeys(value for _, value in values))
                if len(distinct) == 1:
                    kept[name] = distinct[0]
                else:
                    by_value = {value: [str(tid) for tid, v in values if v == value] for value in distinct}
                    differ.append(f"{source_id(document)}: {name} (" + "; ".join(f"{value!r}: task {', '.join(tids)}" for value, tids in by_value.items()) + ")")
        if differ:
            self.notes.append(LeftOut(
                f"{len(differ)} variable(s) of {len({d.split(':', 1)[0] for d in differ})} document(s) differ between the tasks joined into the "
                "document (an uploaded file's lines) and were not imported (give each line the same value, or set it after import): " + _listed(differ, 10)
            ))

    def _separate_choices(self) -> None:
        """Keep a per-region choice's codes apart from a label of its control's name (a ``<Labels>`` label "Tenant"
        and a ``<Choices name="Tenant" perRegion="true">``): the choices go under "Tenant (choices)" and a note says so,
        where they would otherwise be codes under the label's code, one code silently."""
        spans = [span for placed in self.spans.values() for span in placed]
        labels = {label for span in spans for label in (*span.labels, *span.bare)}
        clash = sorted({control for span in spans for control, _ in span.extra_codes} & labels)
        if not clash:
            return
        for span in spans:
            span.extra_codes = [(f"{control} (choices)" if control in clash else control, below) for control, below in span.extra_codes]
        self._codes = {}
        for span in spans:
            for path in span.codes():
                self._code(path)
        self.notes.append(
            f"{len(clash)} per-region choice control(s) have the name of a label ({', '.join(map(repr, clash))}): their values are codes under "
            + ", ".join(repr(f"{c} (choices)") for c in clash)
            + ", apart from the label's code"
        )

    @staticmethod
    def _place_in_dialogue(span: _Span, dialogue: tuple[str, list[int], list[str]], found: dict[str, Any]) -> bool:
        """Set a ``Paragraphs`` span's start and end in its dialogue's text (checked against its quote where it lies in
        one paragraph: code points, else UTF-16 units); False, and said, where it is not within its paragraphs."""
        _, starts, texts = dialogue
        first, last, start, end = span.paragraphs  # type: ignore[misc]
        outside = f"{span.place} (paragraphs {first}–{last}, offsets {start}–{end})"
        if not 0 <= first <= last < len(texts):
            found["off_paragraph"].append(outside)
            return False
        how = "points"
        if first == last:
            start, end, how = _placed(texts[first], start, end, span.quote)
        if not (0 <= start <= len(texts[first]) and 0 <= end <= len(texts[last])) or (first == last and start > end):
            found["off_paragraph"].append(outside)
            return False
        if how == "utf16":
            found["utf16"].append(span.region)
        elif how == "differing":
            found["differing"].append(f"{span.region} (paragraph {first}, {start}–{end})")
        span.start, span.end = starts[first] + start, starts[last] + end
        return True

    @staticmethod
    def _values(value: Any) -> list[list[str]]:
        """A ``choices`` value (names) or a ``taxonomy`` value (paths of names) as code paths."""
        found = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, str):
                found.append([item])
            elif isinstance(item, list) and item and all(isinstance(part, str) for part in item):
                found.append(list(item))
        return found

    @staticmethod
    def _keys(data: dict[str, Any]) -> list[str]:
        """The fields of a task that may be its text: strings of several words, not its name nor a URL (``/image1``,
        an id, a date are not a text)."""
        return [k for k, v in data.items() if isinstance(v, str) and k not in _NAME_KEYS and not _REFERENCE.match(v) and len(v.split()) > 1]

    def _text_key(self, data: dict[str, Any], obj: str, spans: list[_Span]) -> str | None:
        """The field of ``data`` the object ``obj`` shows: the one of its name, else the one the spans' quotes match
        best (``text`` first among equals), else the only text."""
        if isinstance(data.get(obj), str):
            return obj
        keys = [k for k, v in data.items() if isinstance(v, str) and k not in _NAME_KEYS]
        if not keys:
            return None

        def fits(key: str) -> tuple[int, bool]:
            text = data[key]
            return sum(1 for s in spans if s.quote is not None and (text[s.start : s.end] == s.quote or s.quote in text)), key == "text"

        return max(keys, key=fits)

    def _names(self, tasks: list[dict[str, Any]]) -> list[str]:
        """Each task's document name: a naming field of its data, else its uploaded file's name (without Label Studio's
        prefix and the suffix) where no other task has it, else ``task <id>``.  The tasks of one uploaded ``.txt``
        (one ``file_upload``, each a line in a single field) share their file's name and are marked as its lines in
        ``self._lines``; a name that two documents would share (two uploads both ``transcript.txt``, a task named as an
        uploaded file) gets its first task's id, so no two interviews are one document."""
        uploads = Counter(t.get("file_upload") for t in tasks if isinstance(t.get("file_upload"), str))
        names = []
        files: dict[str, list[int]] = {}  # an uploaded .txt → the indexes of the tasks made of its lines
        for number, task in enumerate(tasks, start=1):
            data = task.get("data") if isinstance(task.get("data"), dict) else {}
            named = next((data[k].strip() for k in _NAME_KEYS if isinstance(data.get(k), str) and data[k].strip()), None)
            upload = task.get("file_upload")
            if named is None and isinstance(upload, str) and (uploads[upload] == 1 or upload.lower().endswith(".txt")):
                named = Path(_UPLOAD_PREFIX.sub("", upload)).stem or None
                if named and uploads[upload] > 1 and len(data) == 1 and isinstance(next(iter(data.values())), str):
                    files.setdefault(upload, []).append(number - 1)
            names.append(named or f"task {task.get('id', number)}")
        files = {upload: indexes for upload, indexes in files.items() if len(indexes) > 1}
        self._lines = {i for indexes in files.values() for i in indexes}
        # One name per document: each joined file counts once, every other task once.
        units = [[i] for i in range(len(tasks)) if i not in self._lines] + list(files.values())
        seen = Counter(names[unit[0]] for unit in units)
        for unit in units:
            ids = [tasks[i].get("id", i + 1) for i in unit]
            first = min(ids) if all(_whole(i) for i in ids) else ids[0]
            name = names[unit[0]] if seen[names[unit[0]]] == 1 else f"{names[unit[0]]} (task {first})"
            for i in unit:
                names[i] = name
            if unit[0] in self._lines:
                self._joined[name] = ids
        return names

    @staticmethod
    def _fields(task: dict[str, Any], *, skip: set[Any], found: dict[str, Any]) -> dict[str, str | int | float | bool]:
        """A task's ``data`` fields that are its document's variables: each string, number or true/false other than the
        texts (``skip``) and the field that names it; a list or object (not a text) is counted in ``found["not_scalar"]``
        (field → task ids); an empty string or null is no value.

        >>> found = {"not_scalar": {}}
        >>> _LabelStudioTree._fields({"id": 4, "data": {"text": "I: Hi.", "name": "P01_W1", "wave": 1, "site": "Leeds", "tags": ["a"], "x": ""}},
        ...                          skip={"text"}, found=found), found
        ({'wave': 1, 'site': 'Leeds'}, {'not_scalar': {'tags': [4]}})
        """
        data: dict[str, Any] = task["data"]
        named = next((k for k in _NAME_KEYS if isinstance(data.get(k), str) and data[k].strip()), None)
        kept: dict[str, str | int | float | bool] = {}
        for key, value in data.items():
            if key in skip or key == named or value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, (str, int, float)):  # bool is an int
                kept[key] = value.strip() if isinstance(value, str) else value
            else:
                found["not_scalar"].setdefault(key, []).append(task.get("id", "?"))
        return kept

    def _code(self, path: list[str]) -> str:
        """The key of the code at ``path`` (names from the top), noted for the codebook."""
        key = "\x1f".join(path)
        self._codes.setdefault(key, list(path))
        return key

    def _said(self, **found: Any) -> None:
        """Everything the export holds that did not become a coding, each in one note with counts and ids."""
        ids = 10
        self._note(found, "cancelled", "annotation(s) were cancelled (skipped) by their annotator and were not imported: task:annotation ", lost=True)
        self._note(found, "predictions", "prediction(s) (a model's pre-annotations, no annotator's coding) were not imported: task:prediction ", lost=True)
        self._note(found, "drafts", "draft(s) (annotations never submitted) were not imported: task:draft ", lost=True)
        self._note(found, "relations", "relation(s) link two regions, not text, and were not imported: task:annotation:from→to ", lost=True)
        if found["task_values"]:
            shown = ", ".join(f"{name} ({count})" for name, count in sorted(found["task_values"].items()))
            self.notes.append(f"{sum(found['task_values'].values())} result(s) on a whole task (a choice of the whole interview) were read as its document's variables: {shown}")
        self._note(found, "values_no_text", "result(s) on a whole task whose text is not in the export (a URL, no document) were not imported: task:annotation:result ", lost=True)
        self._note(found, "coders_differ", "whole-task value(s) differ between a task's annotators and were not imported as variables (one document has one value; agree on it in Label Studio, or set it after import): ", lost=True)
        self._note(found, "field_and_choice", "task(s) have a field of a whole-task choice's name with another value: the field's value is the variable: ")
        if found["whole_task"]:
            shown = ", ".join(f"{name}: {count}" for name, count in sorted(found["whole_task"].items()))
            self.notes.append(LeftOut(
                f"{sum(found['whole_task'].values())} result(s) are on a whole task, not a passage (a classification or comment of the task), and were "
                f"not imported: {shown}; task:annotation:result " + _listed(found["whole_task_ids"], ids)
            ))
        if found["other"]:
            shown = ", ".join(f"{kind} ({count})" for kind, count in sorted(found["other"].items()))
            self.notes.append(LeftOut(
                f"{sum(found['other'].values())} result(s) of kinds qlr does not read as text codings (images, audio, video, …) were not imported: "
                f"{shown}; task:annotation:result " + _listed(found["other_ids"], ids)
            ))
        if found["no_text"]:
            self.refused.append(
                f"{found['no_text_results']} span(s) of {len(found['no_text'])} task(s) were not imported: their task's text is not in the export "
                "(a URL or file Label Studio fetched, or no text field); " + _listed(found["no_text"], ids)
            )
        if self._joined:
            gaps = [source_id(name) for name, ids in self._joined.items() if all(_whole(i) for i in ids) and max(ids) - min(ids) + 1 != len(ids)]
            self.notes.append(
                f"{sum(len(ids) for ids in self._joined.values())} task(s) are the lines of {len(self._joined)} uploaded text file(s) (Label Studio makes a task "
                "of each line of a .txt): joined into one document per file, line by line in the tasks' order: "
                + _listed([f"{source_id(name)} (tasks {', '.join(map(str, sorted(ids, key=_task_order)))})" for name, ids in self._joined.items()], 10)
                + (
                    f"; the tasks of {', '.join(gaps)} are not consecutive, so lines between are not in the export (exported without the tasks no one "
                    "annotated? export with all tasks)"
                    if gaps
                    else ""
                )
            )
        if found["not_scalar"]:
            self.notes.append(LeftOut(
                f"{len(found['not_scalar'])} field(s) of the tasks' data are lists or objects, not a value or a text, and were not imported as "
                "variables: field (tasks) " + _listed([f"{k} ({', '.join(map(str, v[:5]))}{', …' if len(v) > 5 else ''})" for k, v in found["not_scalar"].items()], 10)
            ))
        self._note(found, "comments", "task(s) have comments the export counts but does not hold (Label Studio exports no comments): task (comments) ")
        self._note(found, "off_line", "span(s) lie outside their line of an uploaded text file and were not imported: ", lost=True)
        self._note(found, "off_paragraph", "span(s) lie outside their paragraphs (a dialogue's turn or offset it does not have) and were not imported: ", lost=True)
        self._note(found, "utf16", "span(s) count UTF-16 units (as Label Studio did before 2022 in text with emoji): their text matched there and they were placed so; task:annotation:result ")
        self._note(found, "html", "HTML field(s) (a HyperText object) were read as their text, a line a paragraph, list item, heading or table row, a tab between cells: ")
        self._note(
            found,
            "html_raw",
            "HTML field(s) nest elements more than 512 deep (deeper than a browser nests them: its paths cannot be told for sure) "
            "and were kept as their markup, not read as text: ",
        )
        self._note(
            found,
            "html_unplaced",
            "HTML span(s) were not imported: their XPath names no text node of the page as qlr reads it, or their passage is not at their "
            "offsets (the page edited after coding, or a path no browser's DOM of this page has); task:annotation:result (start–end) ",
            lost=True,
        )
        self._note(found, "differing", "span(s) hold a text other than the task's at their offsets (the task's text was changed after coding?): placed at their offsets; task:annotation:result ")
        if found["numeric"]:
            self.notes.append(
                f"the export names {len(found['numeric'])} annotator(s) by their Label Studio user id only ({', '.join(sorted(found['numeric']))}): "
                "they are the coders so named"
            )

    def _note(self, found: dict[str, Any], key: str, said: str, *, lost: bool = False) -> None:
        """One note of what ``found[key]`` lists, where it lists any: their count, ``said``, and (the first ten of) them;
        ``lost`` where they were not imported (a :class:`LeftOut` note: exit status 3)."""
        if found[key]:
            note = f"{len(found[key])} {said}" + _listed(found[key], 10)
            self.notes.append(LeftOut(note) if lost else note)

    # ------------------------------------------------------------ the tree's parts
    def codebook(self) -> tuple[ET.Element, set[str]]:  # type: ignore[override]
        """``<Codes>``: each label a top-level code (a theme) named by itself, one however many controls give it; a
        per-region choice's or taxonomy's values under a code named by their control (see :meth:`_Span.codes`)."""
        codes = ET.Element(f"{_NS}Codes")
        elements: dict[str, ET.Element] = {}
        # An export records no order of its labels (the labelling configuration is not in it): by name, numbers as
        # numbers, so "Theme 2" comes before "Theme 10".
        for path in sorted(self._codes.values(), key=natsort_keygen()):
            parent = codes
            for depth in range(1, len(path) + 1):
                inner = "\x1f".join(path[:depth])
                if inner not in elements:
                    elements[inner] = ET.SubElement(parent, f"{_NS}Code", {"guid": self.guid("code", inner), "name": path[depth - 1], "isCodable": "true"})
                parent = elements[inner]
        return codes, set(self._codes)

    def variables(self) -> tuple[ET.Element, dict[str, str]]:
        """``<Variables>``: each field of the tasks' ``data`` other than their texts and names (``participant``, ``wave``,
        ``site`` …), typed Integer, Float or Boolean where every value given is one, else Text; {name: REFI type}."""
        part = ET.Element(f"{_NS}Variables")
        given: dict[str, list[Any]] = {}
        for values in self._variables.values():
            for name, value in values.items():
                given.setdefault(name, []).append(value)
        types: dict[str, str] = {}
        for name, values in given.items():
            if all(isinstance(v, bool) for v in values):
                types[name] = "Boolean"
            elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                types[name] = "Integer"
            elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                types[name] = "Float"
            else:
                types[name] = "Text"
            ET.SubElement(part, f"{_NS}Variable", {"guid": self.guid("variable", name), "name": name, "typeOfVariable": types[name]})
        return part, types

    def sources(self, known_codes: set[str], types: dict[str, str]) -> tuple[ET.Element, dict[str, str]]:  # type: ignore[override]
        part = ET.Element(f"{_NS}Sources")
        guids: dict[str, str] = {}
        empty: list[str] = []
        for document, text in self.texts.items():
            guid = guids[document] = self.guid("source", document)
            outer = ET.SubElement(part, f"{_NS}TextSource", {"guid": guid, "name": document})
            ET.SubElement(outer, f"{_NS}PlainTextContent").text = text
            outside: list[str] = []
            for number, span in enumerate(self.spans.get(document, []), start=1):
                if span.start == span.end:
                    empty.append(span.place)
                    continue
                if not 0 <= span.start < span.end <= len(text):
                    outside.append(outside_label(span.place, span.start, span.end))
                    continue
                row = {"owner": span.coder, "date": span.when}
                key = f"{document}:{number}"
                selection = self.stamp(self.selection("PlainTextSelection", "result", key, startPosition=str(span.start), endPosition=str(span.end)), row)
                self.labels[selection.get("guid", "")] = span.place
                self._description(selection, "\n".join(span.memos))
                for code in dict.fromkeys(self._code(path) for path in span.codes()):
                    coding = self.stamp(ET.SubElement(selection, f"{_NS}Coding", {"guid": self.guid("coding", f"{key}:{code}")}), row)
                    ET.SubElement(coding, f"{_NS}CodeRef", {"targetGUID": self.guid("code", code)})
                outer.append(selection)
            if outside:
                self.outside.setdefault(document, (len(text), UNITS["code points"], []))[2].extend(outside)
            for name, value in self._variables.get(document, {}).items():  # after the selections, as REFI-QDA orders them
                item = ET.SubElement(outer, f"{_NS}VariableValue")
                ET.SubElement(item, f"{_NS}VariableRef", {"targetGUID": self.guid("variable", name)})
                shown = str(value).lower() if isinstance(value, bool) else value if isinstance(value, str) else json.dumps(value)
                ET.SubElement(item, f"{_NS}{types.get(name, 'Text')}Value").text = shown
        if empty:
            self.notes.append(LeftOut(f"{len(empty)} span(s) cover no text (start = end) and were not imported: " + _listed(empty, 10)))
        return part, guids
