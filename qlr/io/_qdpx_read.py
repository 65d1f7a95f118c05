"""Reading a REFI-QDA project (``.qdpx`` or bare ``.qde``) into a Study.

The steps: the archive is opened safely (:mod:`._archive`); users, codebooks and
variables are read; each text source's selections are placed by the position
convention that fits it (:mod:`._positions`); cases, sets, waves and kinds are
assigned to the sources; the sources are segmented by the loader's own
segmentation; memos are read; and the tables become a Study.
"""

from __future__ import annotations

import json
import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
from natsort import natsort_keygen

from .._check import check_bool, check_choice, check_id, check_number, check_timestamp
from .._decode import normalise_newlines
from .._ids import imported_id, is_guid
from .._json import parse_json
from .._names import ascii_fold
from .._rows import segment_for_spans
from .._tables import SCHEMAS, records_frame
from .._warned import LeftOut, warn
from ..errors import (
    DocumentFormatError,
    EmptyDocumentWarning,
    FilesNotLoadedWarning,
    InferenceWarning,
    InvalidParameterError,
    QdpxError,
    QlrWarning,
    RepairedInputWarning,
    RowsRefusedWarning,
)
from ..evidence import ASSERTIONS, ORIGINS, STATUSES
from ._archive import (
    _DECLARED_ROLES,
    _DETAILS_MEMBER,
    _DOCUMENT_CASES,
    _DOCUMENT_ROLES,
    _JOINT_CASES,
    _QLR_SET,
    _WAVE_SET,
    _WAVE_VARIABLE_GUID,
    _WAVES_SET,
    MAX_QDPX_BYTES,
    _project_bytes,
    _wave_set_guid,
)
from ._import_advice import warn_mostly_unlabelled, warn_without_cases
from ._positions import UNITS, _Offsets, _place, _same_text, outside_label, outside_text
from ._qdc import _MARK, build_codebook, drop_repeated_codes, parse_xml, read_sets
from ._segment import (
    KIND_STRATEGY,
    SPEAKER_ROLES,
    Segment,
    Segmentation,
    attribute_speakers,
    canonical_kind,
    header_date,
    segment_document,
    segment_rows,
    strategy_for,
    warn_no_interviewer,
    warn_speaker_cases,
)

__all__ = ["read_qdpx"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _guid_key(guid: str | None) -> str:
    return (guid or "").strip("{}").lower()


def source_id(name: str) -> str:
    """A document id from a source's name: its letters and digits in any script ("Мария W1" → "Мария_W1", not "W1")."""
    return re.sub(r"[^\w.-]+", "_", name).strip("_") or "source"


_WHOLE = re.compile(r"^[+-]?\d{1,18}$")


#: The value element of each declared variable type but Text: a tool's ``<TextValue>`` under such a variable is read as it.
_TYPED_ELEMENT = {"Integer": "IntegerValue", "Float": "FloatValue", "Boolean": "BooleanValue", "Date": "DateValue", "DateTime": "DateTimeValue"}


def _variable_value(element: ET.Element, declared: str | None = None) -> Any:
    """A ``<VariableValue>``'s value; a ``ValueError`` saying which when its text does not parse as its type.

    Its type is its value element's, or the variable's ``declared`` type (``typeOfVariable``) where a tool wrote a
    ``<TextValue>`` under an Integer, Float, Boolean, Date or DateTime variable."""
    for child in element:
        tag = _local(child.tag)
        if tag == "VariableRef":
            continue
        text = child.text
        if text is None:
            return None
        if tag == "TextValue" and declared in _TYPED_ELEMENT:
            tag = _TYPED_ELEMENT[str(declared)]
        stripped = text.strip()
        if tag == "IntegerValue":
            if not _WHOLE.match(stripped):
                raise ValueError(f"IntegerValue {stripped[:40]!r} is not a whole number")
            return int(stripped)
        if tag == "FloatValue":
            try:
                number = float(stripped)
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                raise ValueError(f"FloatValue {stripped[:40]!r} is not a finite number")
            # A whole number is one, as a QualCoder project's numeric attribute reads (19, not 19.0 from its export):
            # a column holding a fraction too is of floats either way.
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if tag == "BooleanValue":
            if stripped.lower() not in ("true", "false", "1", "0"):
                raise ValueError(f"BooleanValue {stripped[:40]!r} is not true or false")
            return stripped.lower() in ("true", "1")
        if tag == "DateValue":
            try:
                return date.fromisoformat(stripped[:10])
            except ValueError:
                raise ValueError(f"DateValue {stripped[:40]!r} is not a date (YYYY-MM-DD)") from None
        if tag == "DateTimeValue":
            try:
                # xsd:dateTime's "Z" for UTC, which Python 3.10's fromisoformat does not read
                return datetime.fromisoformat(stripped[:-1] + "+00:00" if stripped.endswith(("Z", "z")) else stripped)
            except ValueError:
                raise ValueError(f"DateTimeValue {stripped[:40]!r} is not a date and time (YYYY-MM-DDThh:mm:ss)") from None
        return text
    return None


def _qlr_block(element: ET.Element | None, ns: str, path: Path) -> tuple[str, Any]:
    """(readable description, qlr's own fields as parsed) of an element's Description."""
    from .._yaml import parse_yaml

    if element is None:
        return "", {}
    text = element.findtext(f"{ns}Description") or ""
    readable, _, machine = text.partition(_MARK)
    data = parse_yaml(machine, path) if machine.strip() else {}
    return readable.strip(), {} if data is None else data


#: How each field qlr writes in a ``[qlr]`` block is checked (anything else is kept as written).
_ID_FIELDS = ("doc_id", "case_id", "wave_id", "memo_id", "target_id", "coding_id")
_TEXT_FIELDS = ("kind", "title", "source", "format", "encoding", "sha256", "label", "role", "author", "stage", "target_type", "indicator")
#: A coding's fields that take one of the vocabulary's words (qlr.evidence).
_CHOICE_FIELDS = {"origin": ORIGINS, "status": STATUSES, "assertion": ASSERTIONS}
_TIME_FIELDS = ("date", "created", "start", "end")
#: What a memo may be about (``Study.memo``), and the wave orders a file may give.
_MEMO_TARGETS = ("case", "wave", "document", "segment", "code", "coding", "placement", "study")
_MAX_ORDER = 1_000_000


def _checked_field(key: str, value: Any) -> Any:
    """One ``[qlr]`` field through :mod:`qlr._check`; ``InvalidParameterError`` when it cannot be right."""
    if value is None:
        return None
    if key in _ID_FIELDS:
        return check_id(key, value)
    if key in _TEXT_FIELDS:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InvalidParameterError(f"{key} {value!r:.60} is not text")
        return str(value)
    if key in _TIME_FIELDS:
        return check_timestamp(key, value)
    if key in _CHOICE_FIELDS:
        return check_choice(key, value, _CHOICE_FIELDS[key])
    if key == "confidence":
        return float(check_number("confidence", value, minimum=0, maximum=1))
    if key == "weight":  # a code weight (Dedoose's), any finite number
        return float(check_number("weight", value))
    if key == "order":
        return int(check_number("order", value, integer=True, minimum=-_MAX_ORDER, maximum=_MAX_ORDER))
    if key == "scheduled":
        return check_bool("scheduled", value)
    return value


def read_qdpx(
    path: str | os.PathLike[str],
    *,
    wave: Any = None,
    case: Any = None,
    kind: Any = None,
    speakers: Mapping[str, str] | None = None,
    max_bytes: int = MAX_QDPX_BYTES,
) -> Any:
    """Import a REFI-QDA project (``.qdpx``, or a bare ``.qde``) as a Study.

    Parameters
    ----------
    path : str or PathLike
        The exported project.
    wave : str, mapping or path, optional
        Where each source's wave comes from:

        * ``"variable:NAME"`` — the source's variable ``NAME`` or, failing that, its case's;
        * ``"set"`` — the set each source belongs to (``"set:REGEX"``: only sets whose name matches;
          a group ``wave`` in it reads part of the name);
          the ``Wave W1`` Sets of a project qlr exported give the waves ``W1`` they came from;
        * ``"pattern:REGEX"`` — a regular expression on the source name, group ``wave``;
        * a mapping ``{source name: wave}``, or the path of a CSV file with columns ``source`` and ``wave``.

        By default: the wave qlr itself wrote (no wave, for a study qlr wrote with none), else one
        wave ``W1`` (REFI-QDA has no waves: a project naming none is read as one wave, as a single
        file loaded is; a warning and ``study.meta["inferred"]`` say so).
        Waves qlr did not write run in the order a mapping or CSV names them (its first rows
        the first wave's), else of the sources' dates (a source's header: "Date of interview:
        16 September 2025", which also dates its document), else of what their names say of
        when ("baseline", "6month", "12month"), else natural order (:func:`qlr.io._sections.order_waves`);
        ``study.meta["inferred"]`` and ``study.meta["import"]["wave_order"]`` say which, and a
        warning says when the dates or names disagree with the order chosen.
    case : str or mapping, optional
        ``"pattern:REGEX"`` (group ``case``), ``"variable:NAME"`` (a source variable, as
        MAXQDA keeps the person), ``"set:REGEX"`` (the document group holding each source,
        as ATLAS.ti keeps the person: ``"set:^Tenant: (?P<case>.+)"`` reads the part of the
        group's name in the group ``case``, else the whole name), or ``{source name: case}``; by default
        the project's cases (a source belongs to the case that refers to it).  Given,
        it replaces the project's own Cases: those no document is in any more are
        left out, and a warning names them.  Another tool's cases are listed in
        natural order (P01 before P02 before P10); a project qlr wrote keeps its order.
    kind : str, mapping or path, optional
        Each source's kind of document (``interview``, ``observation``, …), which
        decides its segmentation as in a manifest (observation notes, field notes
        and diaries by dated entries): ``"pattern:REGEX"`` (group ``kind``),
        ``{source name: kind}`` or a CSV with columns ``source`` and ``kind``.
        By default the kind qlr wrote, else ``interview`` (``document`` for a PDF's text).
    speakers : mapping, optional
        Speaker label → role (``interviewer``, ``participant``, ``observer``,
        ``other``), as a manifest's ``speakers:`` gives it.  Sources whose
        segments qlr wrote keep them; the others are segmented here by
        :func:`qlr.io._segment.segment_document`, the function
        :func:`qlr.load` uses, so a transcript gets the same segments and roles
        from a folder and from a project.
    max_bytes : int
        Refuse archives that expand beyond this many bytes.

    Returns
    -------
    Study
        Codings have origin ``import`` and the coder's name from the project's
        users.  ``study.meta["import"]`` reports, per source, the position
        convention found and how many selections were placed, and (``regions``)
        how many codings on page or picture regions and on stretches of
        recordings were not imported, by source.  A PDF's text, a picture's
        text description and the transcripts of audio and video sources are
        documents; the project's and the cases' descriptions are memos, and so
        are the notes (a note's name and ``<Description>`` are the memo's
        ``title`` and ``description``).  Selection names and who made and last
        changed each source, selection and note are kept in
        ``study.meta["import"]["guids"]`` for :func:`write_qdpx`.

    Raises
    ------
    QdpxError
        Unsafe or inconsistent archive (path traversal, size over the limit,
        duplicate GUIDs, no project file).
    CodebookError
        Unsafe XML (entities, external references) or a broken code tree.

    Examples
    --------
    >>> import qlr, tempfile, os
    >>> study = qlr.load("data/sample").sel(case=["C01", "C02"]).apply("coproduction")
    >>> path = os.path.join(tempfile.mkdtemp(), "carers.qdpx")
    >>> qlr.io.write_qdpx(study, path)
    >>> back = qlr.io.read_qdpx(path)
    >>> len(back.codings) == len(study.codings), list(back.waves["wave_id"])
    (True, ['W1', 'W2', 'W3'])
    """
    source_path = Path(path)
    if source_path.is_dir():
        # A folder reaches here when no tool's reader knew it (qlr import routes the folders it knows by content).
        raise QdpxError(
            "this is a folder, not a project file qlr can import: no tool's export was found in it",
            path=source_path,
            hint="give the exported project file itself (.qdpx, .qdc, a tool's database or export .zip); a folder of transcripts "
            "is a study folder: read it with qlr info FOLDER / qlr.load(FOLDER); an INCEpTION export's folder holds "
            "annotation/ or curation/ folders (docs/inception.md)",
        )
    from ._tool_tree import REFI_QDA, checked_export

    checked_export(source_path, REFI_QDA, max_bytes=max_bytes)
    # A bad pattern is refused before the archive is read, not after minutes of parsing.
    check_rules(wave=wave, case=case, kind=kind)
    members, project_xml, member = _project_bytes(source_path, max_bytes)
    root = parse_xml(project_xml, source_path, member=member)
    if _local(root.tag) != "Project":
        if _local(root.tag) == "CodeBook":
            raise QdpxError(
                "this is a REFI-QDA codebook (<CodeBook>), not a project: it holds codes but no sources or codings",
                path=source_path,
                hint="give it as --codebook FILE to qlr report or qlr validate, or read it with qlr.read_codebook(PATH); to import coded data, export the project (.qdpx) from the QDA tool",
            )
        raise QdpxError(f"the root element is <{_local(root.tag)}>, not <Project>: this is no REFI-QDA project", path=source_path, hint="export the project from the QDA tool as REFI-QDA (.qdpx)")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    ns = f"{{{namespace}}}" if namespace else ""
    notes_lenient: list[str] = []
    from .._warned import keep_warnings, noting_warnings

    with noting_warnings() as warned:  # what importing said, kept for the report
        study = _Importer(source_path, root, ns, members, wave, case, notes_lenient, kind=kind, speakers=_speaker_roles(speakers)).study()
    keep_warnings(study, "import", warned)
    return study


#: A case row's own fields, which no variable of a source becomes.
_CASE_FIELDS = frozenset({"case_id", "label", "role"})
#: The documents table's own fields: a source variable so named is no column of it (kept in ``source_values``).
_DOCUMENT_SCHEMA = frozenset(SCHEMAS["documents"])
#: A date variable named for an event in a person's life ("Date of birth", "Diagnosed"), not for the interview.
_LIFE_EVENT = re.compile(r"birth|\bdob\b|born|diagnos|joined|since|start", re.IGNORECASE)


def _dated_note(name: str) -> str:
    """The load note that a date variable dated the documents."""
    return f"documents dated by their variable {name!r} (a date variable of the sources)"



def _speaker_roles(speakers: Mapping[str, str] | None) -> dict[str, str]:
    """Lower-cased speaker label → role, each role checked."""
    roles = {}
    for label, given in (speakers or {}).items():
        role = str(given).lower()
        if role not in SPEAKER_ROLES:
            raise QdpxError(f"speaker {label!r} has the role {role!r}", hint=f"use one of {', '.join(SPEAKER_ROLES)}")
        roles[str(label).lower()] = role
    return roles


def _checked_roles(text: str, marker: str, *, roles: bool = True) -> tuple[str, dict[str, str]]:
    """(the text before ``marker``, {label: role}) of a description in which a qlr export said speaker roles after
    ``marker`` (``"Ann's interview. Speaker roles in this document: Sam = interviewer; Mum = other."``): the text itself
    and no roles where it says none.  A pair that is not ``label = role``, or whose role qlr does not know, is skipped.
    With ``roles`` False the values are the names of the study's cases (``Speakers who are the study's cases in this
    document: Ben = ben.``), kept as written.

    >>> _checked_roles("Ann's interview. Speaker roles in this document: Sam = Interviewer; Mum = other.", "Speaker roles in this document:")
    ("Ann's interview.", {'Sam': 'interviewer', 'Mum': 'other'})
    >>> _checked_roles("Ann's interview. Speakers who are the study's cases in this document: Ben = Ben Ode.", _DOCUMENT_CASES, roles=False)
    ("Ann's interview.", {'Ben': 'Ben Ode'})
    """
    before, found, said = text.partition(marker)
    if not found:
        return text, {}
    pairs = {}
    for pair in said.strip().removesuffix(".").split(";"):
        label, equals, value = pair.rpartition("=")
        value = value.strip().lower() if roles else value.strip()
        if equals and label.strip() and value and (not roles or value in SPEAKER_ROLES):
            pairs[label.strip()] = value
    return before.rstrip(), pairs


def _said_speaker_cases(study: Any, documents: list[dict[str, Any]]) -> dict[str, tuple[None, dict[str, str | list[str]]]]:
    """The speakers a qlr export's source descriptions say are the study's cases (``Ben = ben``, each case by the name
    its Case was exported under; a joint voice's cases joined by ``+``, ``Both = ann + ben``), as
    :func:`._segment.attribute_speakers` takes a document's own mapping: {doc id: (None, {label in lower case: case id,
    or a joint voice's list of case ids})}; a name that is no case read back, or two, is left to the names rule.

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> study = SimpleNamespace(cases=pd.DataFrame({"case_id": ["ann", "ben"], "label": ["Ann Lee", "Ben Ode"]}))
    >>> _said_speaker_cases(study, [{"doc_id": "d", "cases": {"Ben": "Ben Ode", "Both": "Ann Lee + Ben Ode", "Sam": "Sam"}}])
    {'d': (None, {'ben': 'ben', 'both': ['ann', 'ben']})}
    >>> _said_speaker_cases(study, [{"doc_id": "d", "cases": {"Both": "Ann Lee + cai"}}])  # cai: left out by a selection
    {'d': (None, {'both': ['ann', 'cai']})}
    """
    cases = study.cases
    by_name: dict[str, set[str]] = {}
    for case, label in zip(cases["case_id"].astype(str), cases["label"] if "label" in cases else cases["case_id"]):
        for name in {case, str(label) if not pd.isna(label) else case}:
            by_name.setdefault(name, set()).add(case)

    held = set(cases["case_id"].astype(str))

    def whose(name: str) -> str | list[str] | None:
        if len(by_name.get(name, ())) == 1:
            return next(iter(by_name[name]))
        # A joint voice: two or more cases, each by its Case's name, or by its id where the export's selection left
        # the case out (a name holding " + " was never written so); one of them at least is a case read back.
        parts = [next(iter(by_name[part])) if len(by_name.get(part, ())) == 1 else (None if part in by_name else part) for part in name.split(_JOINT_CASES)]
        joined = list(dict.fromkeys(parts))
        return joined if len(parts) > 1 and None not in joined and len(joined) > 1 and any(part in held for part in joined) else None

    said: dict[str, tuple[None, dict[str, str | list[str]]]] = {}
    for doc in documents:
        mapped = {label.lower(): case for label, name in (doc.get("cases") or {}).items() if (case := whose(name)) is not None}
        if mapped:
            said[str(doc["doc_id"])] = (None, mapped)
    return said


def _rule_pattern(rule: Any, key: str) -> re.Pattern[str] | None:
    """The regular expression of a ``pattern:`` rule for ``key`` (wave, case, kind), or None for other rules."""
    if not (isinstance(rule, str) and rule.startswith("pattern:")):
        return None
    option = f"--{key} / {key}="
    pattern = _compiled(rule[len("pattern:") :], f"{option}: the pattern {rule!r}")
    # Without the named group qlr would have to guess which part is the value; a typo there
    # (?P<cas>…) used to be taken quietly as the whole match.
    if key not in pattern.groupindex:
        raise InvalidParameterError(
            f"{option}: the pattern {rule!r} has no group named {key!r}",
            hint=f"name the part of the source name that is the {key}, e.g. 'pattern:^(?P<{key}>[^_]+)_'",
        )
    return pattern


#: The coder QualCoder's speaker tool writes its turn markers as (speakers.py): not a person's coding.
SPEAKER_CODER = "\N{PUSHPIN} Speaker coding"


def speaker_marks_note(count: int) -> str:
    """What is said of the speaker tool's markers left out (from a QualCoder database or its export)."""
    return (
        f"{count} speaker marker(s) QualCoder's speaker tool wrote (coder {SPEAKER_CODER!r}) were not imported as codings: "
        "qlr reads speakers from the labels in the text (use --speaker LABEL=ROLE to name their roles)"
    )


#: What a rule for each key may be, for the error that refuses another.
_RULE_FORMS = {
    "wave": "a wave id for every source (W2), 'variable:NAME', 'set', 'set:REGEX', 'pattern:REGEX', a mapping, or a CSV path",
    "case": "'pattern:REGEX' (group case), 'variable:NAME' (a document variable, as MAXQDA's), 'set:REGEX' (a document group per person, "
    "as ATLAS.ti's; group case for part of its name), a mapping {source: case}, or a CSV path (source,case)",
    "kind": f"a kind for every source ({', '.join(KIND_STRATEGY)}), 'pattern:REGEX', a mapping, or a CSV path",
}


def _constant_rule(rule: Any, key: str) -> str | None:
    r"""The wave or kind a plain word gives every source (``--kind document``, ``--wave W2``), checked; None for other rules.

    A case is never a constant: a longitudinal study compares cases, and a pattern typed
    without its ``pattern:`` would make every source one case named by the regex.

    Examples
    --------
    >>> _constant_rule("Field-Notes", "kind"), _constant_rule("W2", "wave"), _constant_rule("pattern:(?P<wave>W\\d)", "wave")
    ('fieldnotes', 'W2', None)
    >>> _constant_rule("documnet", "kind")
    Traceback (most recent call last):
    ...
    qlr.errors.InvalidParameterError: --kind / kind=: 'documnet' is not a kind qlr knows. Fix: did you mean 'document'? Otherwise ...
    """
    if key == "case" or not isinstance(rule, str) or rule.startswith(("variable:", "set", "pattern:")) or rule.lower().endswith(".csv"):
        return None
    word = rule.strip()
    if not re.fullmatch(r"\w[\w .-]*", word):
        return None  # a regex without its "pattern:", a path: refused as a rule qlr cannot read
    if key == "wave":
        return check_id("wave", word)
    kind = canonical_kind(word)
    if kind not in KIND_STRATEGY:
        import difflib

        close = difflib.get_close_matches(kind, list(KIND_STRATEGY), n=1)
        raise InvalidParameterError(
            f"--kind / kind=: {rule!r} is not a kind qlr knows",
            hint=(f"did you mean {close[0]!r}? Otherwise " if close else "") + f"use one of {', '.join(KIND_STRATEGY)}, or give each source its kind with a CSV (source,kind)",
        )
    return kind


def check_rules(*, wave: Any, case: Any, kind: Any) -> None:
    """Refuse a bad ``pattern:`` or constant rule for wave, case or kind before a project is read, not after minutes of parsing."""
    for rule, key in ((wave, "wave"), (case, "case"), (kind, "kind")):
        _rule_pattern(rule, key)
        _constant_rule(rule, key)
    if isinstance(case, str) and not case.startswith(("pattern:", "variable:", "set:")) and case != "set" and not case.lower().endswith(".csv"):
        raise InvalidParameterError(f"--case / case=: cannot read {case!r}", hint=_rule_hint(case, "case"))


def _rule_hint(rule: Any, key: str) -> str:
    """How to write a ``key`` rule qlr cannot read: 'pattern:' first where it looks like a regular expression."""
    if isinstance(rule, str) and "(?P<" in rule:
        return f"a regular expression starts with 'pattern:': --{key} 'pattern:{rule}'"
    return f"use {_RULE_FORMS[key]}"


def _compiled(regex: str, what: str) -> re.Pattern[str]:
    """``regex`` compiled, or an error saying that ``what`` is not a valid regular expression."""
    try:
        return re.compile(regex)
    except re.error as exc:
        raise InvalidParameterError(f"{what} is not a valid regular expression ({exc})", hint="test it with re.compile()") from None


def _listed(items: list[str], limit: int, *, separator: str = ", ") -> str:
    """The first ``limit`` items joined, and how many more there are: "'a', 'b', … (3 more)"."""
    more = f"{separator}… ({len(items) - limit} more)" if len(items) > limit else ""
    return separator.join(items[:limit]) + more


class _Importer:
    """One project's REFI-QDA tree read into a Study.

    ``fmt`` names what the tree was read from (``"qdpx"``, or ``"qualcoder"`` and ``"rqda"``: the
    tree :mod:`._qualcoder` or :mod:`._rqda` builds from the tool's database), for the study's log;
    ``extra`` is added to ``study.meta["import"]``; ``refused`` holds values the
    caller already left out, said in the same warning as the importer's own;
    ``labels`` names selections by GUID in warnings (``code_text 12``); ``quoted`` says
    the coded selections' names are the passages quoted when they were coded, so one
    whose place holds other text is named in a warning; ``convention`` — (name, why) — fixes
    the position convention of a tool known to count one way (RQDA: code points) instead of
    choosing one per source from the quotations; ``requoted_from_before`` says the tool may
    quote a passage from one character before it (RQDA's file edit writes ``seltext`` as R's
    ``substr(file, selfirst, selend)``), which lines up too; ``outside`` — document → (its text's length, the unit, ids
    with positions) — holds codings the caller already found past their text (CATMA's, Taguette's, Transana's quotes),
    said with those that fit no position convention here in one warning (:func:`._positions.outside_text`);
    ``outside_codings`` how many codings those ids hold (Transana's quote holds one per keyword; by default one each).
    """

    def __init__(
        self,
        path: Path,
        root: ET.Element,
        ns: str,
        members: dict[str, bytes],
        wave: Any,
        case: Any,
        notes: list[str],
        *,
        kind: Any = None,
        speakers: dict[str, str] | None = None,
        fmt: str = "qdpx",
        extra: dict[str, Any] | None = None,
        refused: list[str] | None = None,
        labels: dict[str, str] | None = None,
        quoted: bool = False,
        convention: tuple[str, str] | None = None,
        requoted_from_before: bool = False,
        outside: Mapping[str, tuple[int, str, list[str]]] | None = None,
        outside_codings: int | None = None,
    ) -> None:
        self.path, self.root, self.ns, self.members = path, root, ns, members
        self.fmt, self.extra, self.labels = fmt, extra or {}, labels or {}  # labels: what a warning calls a selection GUID
        # A coded selection's name is the passage the tool quoted when it was coded (RQDA's seltext), so one whose text at
        # its place is another passage does not line up: said (kept at its place), not only used to choose a convention.
        self.quoted, self.convention, self.requoted_from_before = quoted, convention, requoted_from_before
        self._renamed_sources: list[str] = []  # a source whose id an earlier source took: its name → the id it was given
        self._misquoted: list[tuple[str, str, str]] = []  # (selection label, the text at its place, the text quoted)
        self._by_qlr = (root.get("origin") or "").startswith("qlr")  # a project qlr exported
        self.wave_rule, self.case_rule, self.kind_rule, self.notes = wave, case, kind, notes
        self._caller_speakers = dict(speakers or {})  # lower-cased label → role, as the caller gave them
        # The roles a qlr export said study.yaml declared, label as written → role: for the whole study, and per document.
        self._exported_speakers = self._declared_speakers()
        self.speakers = {**{label.lower(): role for label, role in self._exported_speakers.items()}, **self._caller_speakers}  # the caller's roles over the export's
        self.report: dict[str, Any] = {"sources": {}, "selections": 0, "placed": 0, "unplaced": [], "segmentation": [], "skipped": {}, "regions": {}}
        self._note_targets: dict[str, tuple[str, str]] = {}
        self._weights: dict[str, float] = {}  # coding id → the code weight a qlr export kept with it
        self._note_links: dict[str, list[tuple[str, ET.Element]]] | None = None  # item guid → (note guid, <Link>) tying a note to it
        self._links_read: set[ET.Element] = set()  # the <Link>s read as a memo's target
        self._pdf_texts: set[str] = set()
        self._transcript_pdfs: list[str] = []  # those read as interviews  # doc ids of PDFs' texts whose kind nothing gave (a transcript's turns make it an interview)
        self._skipped_comments: dict[str, int] = {}  # source name → comments on selections in sources not imported
        self._other_cases: dict[str, list[str]] = {}  # source guid → the cases after the first that list it
        self._case_codes: dict[str, int] = {}  # case id → its <CodeRef>s (codes given to the whole case), not read
        self._cases_by_selection: dict[str, int] = {}  # case id → SelectionRefs (parts of sources), not read
        # Codings in selections outside their text: the caller's count (a Transana quote holds one per keyword), else one
        # per id it lists; then those in selections that fit no position convention here.
        self._unplaced_codings = outside_codings if outside_codings is not None else sum(len(ids) for _, _, ids in (outside or {}).values())
        # Document → (its text's length, the unit, the selections left out there with their positions): the caller's
        # (CATMA's stretches past the text, one coding each), then those that fit no position convention here.
        self._outside: dict[str, tuple[int, str, list[str]]] = {name: (length, unit, list(ids)) for name, (length, unit, ids) in (outside or {}).items()}
        self._comments: list[dict[str, Any]] = []  # selections' own descriptions (ATLAS.ti's quotation comments)
        self._note_spans: dict[str, tuple[str, int, int]] = {}  # note guid → (doc id, start, end): a note holding its passage (QualCoder's annotations)
        self._notes_by_guid: dict[str, ET.Element] | None = None  # every <Note> by guid, once a source refers to one
        self._speaker_marks = 0  # codings by QualCoder's speaker tool in its export, left out
        self._descriptions: list[dict[str, Any]] = []  # the project's and the cases' own descriptions, to become memos
        self._user_names: dict[str, str] = {}  # user guid → coder name, once the users are read
        self._unknown_coders: dict[str, int] = {}  # creatingUser GUIDs of codings that <Users> does not list → how many codings
        self._missing_files: list[tuple[str, str]] = []  # (source name, plainTextPath) of text sources whose file is not there
        self.seen_guids: dict[str, str] = {}
        self.details = self._details_file()
        # Every GUID that came in, by what qlr calls the thing, so an export can write them back.
        self.kept: dict[str, dict[str, Any]] = {kind: {} for kind in ("user", "code", "variable", "source", "selection", "coding", "case", "note")}
        # What else of a selection an export writes back, by selection GUID: its name (qc places codings by "line:6";
        # ATLAS.ti users rename quotations) and who made it when that is not its coding's maker.
        self.kept["selection_name"] = {}

        self.refused: list[str] = list(refused or [])  # values left out, each naming its element and GUID
        self._declared: dict[str, str] = {}  # variable name → its typeOfVariable
        self._mistyped: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (variable, its type) → (whose, value as written) not of that type
        self._qlr_wave_sets: list[str] = []  # names of the Sets that are waves qlr exported ("Wave W1")
        self._given_waves: tuple[list[str], str] | None = None  # a wave mapping's or table's waves in its order, and what gave it
        self._group_of_same_named: dict[str, str] = {}  # source guid → the Set that tells it from sources of its name
        self._dating_variables: list[str] = []  # the sources' date variables that dated their documents
        self._dated_by: dict[str, str] = {}  # doc id → the date variable that dated it
        self._life_dates: list[str] = []  # date variables whose name says a life event (birth, diagnosis), not the interview
        self.inferred: list[str] = []  # what importing decided without a warning: the study's load notes


    def _declared_speakers(self) -> dict[str, str]:
        """The speaker roles a qlr export's description says ``study.yaml`` declared (``Speaker roles from study.yaml:
        Carer = other.``), label → role: a source segmented again (a tool dropped qlr's details file, as
        NVivo does) reads its labels' turns with the roles the study gave them. Empty for a project that says none."""
        return _checked_roles(self.root.findtext(f"{self.ns}Description") or "", _DECLARED_ROLES)[1]

    def _details_file(self) -> dict[str, Any]:
        """qlr's own details (``qlr/details.json``, beside the project since issue 14); empty for other files."""
        data = self.members.get(_DETAILS_MEMBER)
        if not data:
            return {}
        hint = f"export the project from qlr again, or delete {_DETAILS_MEMBER} from the archive to import it as another tool's"
        found = parse_json(data, self.path, what=f"{_DETAILS_MEMBER} in the archive", hint=hint, error=QdpxError)
        details = dict(found) if isinstance(found, Mapping) else {}
        # Each part has one shape; a part that has another was not written by qlr and is not trusted.
        for part in ("guids", "codebooks"):
            if not isinstance(details.get(part), Mapping):
                details[part] = {}
        return details

    def _block(self, element: ET.Element, where: str) -> tuple[str, dict[str, Any]]:
        """(readable description, qlr's fields) of ``element``: from the details file by GUID, else its [qlr] block; each field checked, and a field that cannot be right is left out and counted."""
        readable, data = _qlr_block(element, self.ns, self.path)
        beside = (self.details.get("guids") or {}).get(_guid_key(element.get("guid")))
        kept_in = "[qlr] block"
        if beside is not None:
            data, kept_in = beside, f"entry in {_DETAILS_MEMBER}"
        if not isinstance(data, dict):
            self.refused.append(f"{where}: its {kept_in} is a {'list' if isinstance(data, list) else type(data).__name__}, not a mapping")
            return readable, {}
        block = {}
        for key, value in data.items():
            try:
                block[key] = _checked_field(str(key), value)
            except InvalidParameterError as exc:
                self.refused.append(f"{where} {exc.message}")
        return readable, block

    def _records(self, items: Any, where: str, what: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
        """A ``[qlr]`` list of mappings (a case's design, the waves), qlr's ``fields`` checked; a bad entry is left out and counted.

        Other keys are the user's own (a case's attributes by wave) and are kept as written.
        """
        if items is None:
            return []
        if not isinstance(items, list):
            self.refused.append(f"{where} {what} {items!r:.60} is not a list")
            return []
        records = []
        for item in items:
            try:
                if not isinstance(item, dict) or "wave_id" not in item:
                    raise InvalidParameterError(f"{what} entry {item!r:.60} is not a mapping with a wave_id")
                records.append({str(key): _checked_field(str(key), value) if key in fields else value for key, value in item.items()})
            except InvalidParameterError as exc:
                shown = f"wave {item.get('wave_id')}: " if isinstance(item, dict) and isinstance(item.get("wave_id"), str) else ""
                self.refused.append(f"{where} {shown}{exc.message}")
        return records

    def _values(self, element: ET.Element, variables: dict[str, str], where: str, *, whose: str, as_written: dict[str, list[str]] | None = None) -> dict[str, Any]:
        """{variable name: value} of an element's ``<VariableValue>``s; a value that does not parse as its type ("n/a",
        "3,5" or "yes" where the variable is declared Integer, Float or Boolean) is kept as written, as text, and said
        with the others in one warning naming the variable and ``whose`` it is ("case C01", "document P01_W1").

        ``as_written``, when given, receives each parsed value of a known variable as
        the tool wrote it (value element and text), so an export can give it back unchanged.
        """
        values: dict[str, Any] = {}
        for value in element.findall(f"{self.ns}VariableValue"):
            ref = value.find(f"{self.ns}VariableRef")
            name = variables.get(_guid_key(ref.get("targetGUID")) if ref is not None else "")
            if name is None:
                target = ref.get("targetGUID") if ref is not None else "(no VariableRef)"
                self.refused.append(f"<VariableValue> of {where}: its variable {target} is not declared in <Variables>")
                continue
            try:
                values[name] = _variable_value(value, self._declared.get(name))
            except ValueError:
                element_of = next(child for child in value if _local(child.tag) != "VariableRef")
                written = element_of.text or ""
                values[name] = written  # kept as the tool wrote it, and said with the others in one warning when the import ends
                self._mistyped.setdefault((name, self._declared.get(name, "Text")), []).append((whose, written))
                if as_written is not None:
                    as_written[name] = [_local(element_of.tag), written]  # and given back unchanged on export
                continue
            typed = [child for child in value if _local(child.tag) != "VariableRef"]
            if as_written is not None and name and typed:
                as_written[name] = [_local(typed[0].tag), typed[0].text or ""]
        return values

    def _time(self, value: str | None, where: str, what: str) -> Any:
        """A timestamp attribute (``creationDateTime``), or NaT with the value counted as left out."""
        try:
            found = check_timestamp(what, value)
        except InvalidParameterError as exc:
            self.refused.append(f"{where} {exc.message}")
            return pd.NaT
        return pd.NaT if found is None else found

    def _register(self, guid: str | None, what: str) -> str:
        key = _guid_key(guid)
        if not key:
            raise QdpxError(f"a <{what}> has no guid", path=self.path, hint="the export is damaged; export it again")
        if key in self.seen_guids:
            raise QdpxError(f"the guid {guid} is used twice (by a <{self.seen_guids[key]}> and a <{what}>)", path=self.path, hint="the export is inconsistent; export it again")
        self.seen_guids[key] = what
        return key

    def _member(self, internal: str) -> bytes | None:
        """The archive member a ``plainTextPath`` names: ``internal://NAME`` or a plain relative path (qc 1.3).

        Only members of the archive are ever read, so a path with ``..`` or an
        absolute path (refused, as the archive's own names are) finds nothing.
        """
        name = internal[len("internal://") :] if internal.startswith("internal://") else internal.replace("\\", "/")
        if not name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/") or "://" in name:
            return None
        for folder in ("sources/", "Sources/", ""):
            if folder + name in self.members:
                return self.members[folder + name]
        lowered = {k.lower(): k for k in self.members}
        key = lowered.get(("sources/" + name).lower())
        return self.members[key] if key else None

    def study(self) -> Any:
        """Read the whole project, step by step, into a Study."""
        from ..study import Study

        users = self._users()
        codebooks, code_of_guid = self._codebook_part()
        variables = self._variables()
        documents, codings, notes_on = self._sources(variables, users, code_of_guid)
        cases, case_waves, source_case = self._case_rows(variables)
        self._assign(documents, cases, source_case)
        self._undate_per_person(documents)
        kept_cases = {c["case_id"] for c in cases}
        case_waves = [row for row in case_waves if row["case_id"] in kept_cases]  # a Case case= replaced takes its design along
        self._code_note_targets(code_of_guid)
        self._note_unread_links()
        memos = self._memos(users, notes_on)
        segments = records_frame("segments", self._segments(documents))
        wave_rows = self._wave_table(documents)
        _attach_segments(codings, segments)
        self._place_note_memos(memos, segments)
        memos.extend(self._comment_memos(segments))
        memos.extend(self._description_memos())
        self._check_memo_targets(memos, {"document": {d["doc_id"] for d in documents}, "case": {c["case_id"] for c in cases}, "wave": {w["wave_id"] for w in wave_rows}, "segment": set(segments["seg_id"]), "code": set(code_of_guid.values()), "coding": {c["coding_id"] for c in codings}})
        self.kept["stamps"] = self._stamps(users)
        overrides = self._overrides({c["case_id"] for c in cases}, {w["wave_id"] for w in wave_rows})
        log = self._log()
        self._warn_unplaced()
        if not self._by_qlr and not self.details:
            # Another tool lists its cases as they were made (P03, P02, P06…); qlr's projects keep the study's order.
            key = natsort_keygen()
            cases.sort(key=lambda case: key(str(case["case_id"])))
        study = Study(
            self.root.get("name") or self.path.stem,
            cases=pd.DataFrame(cases) if cases else None,
            waves=pd.DataFrame(wave_rows) if wave_rows else None,
            case_waves=pd.DataFrame(case_waves) if case_waves else None,
            documents=pd.DataFrame(
                [{**{k: v for k, v in d.items() if k not in ("guid", "media_guid", "name", "segments", "values", "values_as_written", "roles", "cases", "columns")}, **d.get("columns", {})} for d in documents]
            )
            if documents
            else None,
            segments=segments,
            codings=pd.DataFrame(codings) if codings else None,
            memos=pd.DataFrame(memos) if memos else None,
            overrides=overrides,
            log=log,
            meta={"import": {**self.report, "path": str(self.path), "origin": self.root.get("origin"), "users": sorted(set(users.values())), "sets": self._set_records(code_of_guid, documents), "guids": self.kept, "source_values": {d["doc_id"]: d["values_as_written"] for d in documents if d["values_as_written"]}, **self.extra}},
            codebooks=codebooks,
        )
        if self.inferred:
            study.meta["inferred"] = list(self.inferred)
        if self._weights:
            study.meta["code_weights"] = dict(self._weights)
        self._keep_declared_speakers(study, documents)
        kept = self.details.get("speaker_cases")
        if isinstance(kept, Mapping):
            # qlr's own export: the attribution it was written with, for the documents and cases that came back.
            documents_back, cases_back = set(study.documents["doc_id"].astype(str)), set(study.cases["case_id"].astype(str))
            def held(case: Any) -> str | list[str] | None:
                """A label's case, or a joint voice's cases (a list), those that came back."""
                if isinstance(case, list):
                    cases = [str(c) for c in case if str(c) in cases_back]
                    return cases if len(cases) > 1 else (cases[0] if cases else None)
                return str(case) if str(case) in cases_back else None

            back = {
                str(doc): {str(label): whose for label, case in labels.items() if (whose := held(case)) is not None}
                for doc, labels in kept.items()
                if str(doc) in documents_back and isinstance(labels, Mapping)
            }
            # An empty record too ("none attributed", as 'speaker_cases: off' wrote it) stays a record.
            study.meta["speaker_cases"] = {doc: labels for doc, labels in back.items() if labels}
        else:
            # Another tool's project (or qlr's from before the record): a source read as a focus group with no case reads
            # its speakers by the cases' names, as loading does (an imported interview with no case is not: attributed_kinds);
            # a qlr export a tool kept without its details file says in a source's description who are cases there.
            warn_speaker_cases(attribute_speakers(study, per_document=_said_speaker_cases(study, documents)), self.path)
        study.record(f"import {self.fmt}", {"path": str(self.path), "origin": self.root.get("origin"), "selections": self.report["selections"], "placed": self.report["placed"]})
        warn_no_interviewer(study, self.path)
        # What a study needs that the project may not give (cases; speakers' turns): said here, once, for every importer.
        warn_without_cases(study, self.path)
        warn_mostly_unlabelled(study, self.path)
        return study

    def _keep_declared_speakers(self, study: Any, documents: list[dict[str, Any]]) -> None:
        """The roles a qlr export said study.yaml declared, the study's (``meta["speakers"]``) and each document's
        (``meta["document_speakers"]``), as loading keeps them: ``speaker_labels`` says they were declared and a
        second export says them again.  Labels the caller gave roles to are the caller's, not kept here."""
        mine = {label: role for label, role in self._exported_speakers.items() if label.lower() not in self._caller_speakers}
        if mine:
            study.meta["speakers"] = mine
        own = {str(d["doc_id"]): {label: role for label, role in d.get("roles", {}).items() if label.lower() not in self._caller_speakers} for d in documents}
        own = {doc_id: roles for doc_id, roles in own.items() if roles}
        if own:
            study.meta["document_speakers"] = own

    def _overrides(self, cases: set[str], waves: set[str]) -> pd.DataFrame:
        """The placement overrides a qlr export carried (``overrides`` in the details file), each checked.

        An entry that cannot be right, or that names a case or wave this import does not have (``case=``
        gave the cases other ids), is left out and counted with the other values left out.
        """
        rows = []
        for position, item in enumerate(self._details_list("overrides"), 1):
            where = f"{_DETAILS_MEMBER} override {position}"
            try:
                if not isinstance(item, dict):
                    raise InvalidParameterError("is not a mapping")
                group = parse_json(item["group"], self.path, what="group", hint="", error=InvalidParameterError) if isinstance(item.get("group"), str) else None
                if not isinstance(group, dict) or not group:
                    raise InvalidParameterError(f"group {item.get('group')!r:.60} is not a mapping of what it overrides")
                reason = item.get("reason")
                if not isinstance(reason, str) or not reason.strip():
                    raise InvalidParameterError("has no reason")
                row = {
                    "override_id": check_id("override_id", item.get("override_id")),
                    "group": json.dumps({str(k): str(v) for k, v in group.items()}, sort_keys=True),
                    "facet": None if item.get("facet") is None else str(item["facet"]),
                    "level": int(check_number("level", item.get("level"), integer=True, minimum=-_MAX_ORDER, maximum=_MAX_ORDER)),
                    "reason": reason,
                    "author": _checked_field("author", item.get("author")),
                    "created": check_timestamp("created", item.get("created")),
                }
            except (InvalidParameterError, ValueError) as exc:
                self.refused.append(f"{where} {getattr(exc, 'message', exc)}")
                continue
            unknown = [f"{key} {group[key]}" for key, known in (("case", cases), ("wave", waves)) if key in group and str(group[key]) not in known]
            if unknown:
                self.refused.append(f"{where}: {' and '.join(unknown)} is not in the project")
                continue
            rows.append(row)
        return records_frame("overrides", rows)

    def _log(self) -> pd.DataFrame:
        """The study's log as a qlr export carried it (``log`` in the details file), each entry checked; the import is added after it."""
        rows = []
        for position, item in enumerate(self._details_list("log"), 1):
            try:
                if not isinstance(item, dict) or not isinstance(item.get("action"), str):
                    raise InvalidParameterError("is not a log entry with an action")
                detail = item.get("detail")
                if isinstance(detail, str) and detail.lstrip()[:1] in ("[", "{"):  # JSON, as qlr writes a detail: read whole, or refused here
                    parse_json(detail, self.path, what="detail", hint="", error=InvalidParameterError)
                rows.append({
                    "entry_id": int(check_number("entry_id", item.get("entry_id"), integer=True, minimum=0, maximum=10**12)),
                    "time": check_timestamp("time", item.get("time")),
                    "actor": _checked_field("author", item.get("actor")),
                    "action": item["action"],
                    "detail": None if item.get("detail") is None else str(item["detail"]),
                })
            except InvalidParameterError as exc:
                self.refused.append(f"{_DETAILS_MEMBER} log entry {position} {exc.message}")
        return records_frame("log", rows)

    def _details_list(self, part: str) -> list[Any]:
        """A list part of the details file (``overrides``, ``log``); a part of another shape is counted as left out."""
        items = self.details.get(part)
        if items is None:
            return []
        if not isinstance(items, list):
            self.refused.append(f"{_DETAILS_MEMBER} {part} {items!r:.60} is not a list")
            return []
        return items

    def _stamps(self, users: dict[str, str]) -> dict[str, dict[str, str]]:
        """Who made and last changed each source, selection and note that came in, by GUID, for the export to write back.

        A selection's maker and time are kept only where they are not its first coding's (the
        export's default): NVivo records who selected a passage apart from who coded it.  A user
        ``<Users>`` does not list is not kept (the export could not name it).
        """
        wanted = {*self.kept["source"].values(), *self.kept["selection"].values(), *self.kept["note"].values()}
        stamps: dict[str, dict[str, str]] = {}
        for element in self.root.iter():
            guid = _guid_key(element.get("guid"))
            if guid not in wanted or not (element.get("modifiedDateTime") or element.get("creatingUser")):
                continue
            coding = element.find(f"{self.ns}Coding") if _local(element.tag) == "PlainTextSelection" else None
            found = {}
            for attribute in ("creatingUser", "creationDateTime", "modifyingUser", "modifiedDateTime"):
                value = element.get(attribute)
                if not value or (coding is not None and attribute.startswith("creat") and value == coding.get(attribute)):
                    continue
                if attribute.endswith("User"):
                    value = users.get(_guid_key(value))
                else:
                    try:
                        check_timestamp(attribute, value)
                    except InvalidParameterError as exc:
                        if attribute == "modifiedDateTime":  # a creation time is checked where it is read
                            self.refused.append(f"<{_local(element.tag)} guid={guid}> {exc.message}")
                        value = None
                if value:
                    found[attribute] = value
            if found:
                stamps[guid] = found
        return stamps

    # ---------------------------------------------------------------- steps
    def _users(self) -> dict[str, str]:
        users: dict[str, str] = {}
        renamed = []
        for user in self.root.iter(f"{self.ns}User"):
            key = _guid_key(user.get("guid"))
            name = str(user.get("name") or user.get("id") or user.get("guid"))
            if name in users.values():
                # Two people under one name (two "Administrator" accounts) stay two coders.
                distinct = f"{name} ({user.get('id') or key[:8]})"
                renamed.append(f"{name!r} (guid {user.get('guid')}) → {distinct!r}")
                name = distinct
            users[key] = name
            self.kept["user"].setdefault(name, self._register(user.get("guid"), "User"))
        self._user_names = users
        if renamed:
            self.notes.append(f"{len(renamed)} user(s) share the name of an earlier user and are kept apart as: " + ", ".join(renamed))
        return users

    def _codebook_part(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The codebooks and {code guid: code id}; qlr's own sets carry each codebook's name, version, ladder and lineage."""
        ns = self.ns
        metas: dict[str, dict[str, Any]] = {}
        for item in self.root.iter(f"{ns}Set"):
            if (item.get("name") or "").startswith(_QLR_SET):
                _, meta = _qlr_block(item, ns, self.path)
                metas[str(meta.get("id", ""))] = meta
        metas.update({str(key): dict(meta) for key, meta in (self.details.get("codebooks") or {}).items() if isinstance(meta, Mapping)})
        self._codebook_of: dict[str, str] = {}
        self._version_of: dict[str, str] = {}
        # The codebook in the project's namespace; else one in another (a .qdc's CodeBook pasted into
        # a project keeps urn:QDA-XML:codebook:…), whose codes would otherwise be lost without a word.
        books = [child for child in self.root if _local(child.tag) == "CodeBook"]
        book = next((child for child in books if child.tag == f"{ns}CodeBook"), books[0] if books else None)
        code_ns = book.tag[: -len("CodeBook")] if book is not None else ns
        codes_node = book.find(f"{code_ns}Codes") if book is not None else None
        if codes_node is not None and code_ns != ns:
            self.notes.append(f"the <CodeBook> is in the namespace {code_ns.strip('{}') or '(none)'!r}, not the project's; its codes were read as the project's codebook")
        found: tuple[dict[str, Any], dict[str, str]] = ({}, {})
        if codes_node is not None:
            self.notes.extend(drop_repeated_codes(codes_node, code_ns))  # QualCoder's copy of a code under its category
            for code in codes_node.iter(f"{code_ns}Code"):
                self._register(code.get("guid"), "Code")
            found = self._codebooks(codes_node, metas, code_ns)
        self._warn_unread_codes(found[1])
        return found

    def _warn_unread_codes(self, code_of_guid: dict[str, str]) -> None:
        """Say which <Code> elements were not read as the codebook's (a second CodeBook, codes outside <Codes>)."""
        unread = [element.get("guid") or "(no guid)" for element in self.root.iter() if _local(element.tag) == "Code" and _guid_key(element.get("guid")) not in code_of_guid]
        if unread:
            warn(
                f"{self.path}: {len(unread)} <Code> element(s) lie outside the project's <CodeBook><Codes> and were not read: {_listed(unread, 10)}; "
                "codings that name them cannot be imported. Fix: export the project again from the QDA tool (a project holds one <CodeBook>)",
                RowsRefusedWarning,
            )

    def _variables(self) -> dict[str, str]:
        variables = {}
        for variable in self.root.iter(f"{self.ns}Variable"):
            key = self._register(variable.get("guid"), "Variable")
            name = variable.get("name") or key
            # NVivo names a classification's attribute "Classification:Attribute".
            variables[key] = name.split(":", 1)[1] if ":" in name and not name.startswith("qlr") else name
            self._declared.setdefault(variables[key], str(variable.get("typeOfVariable") or "Text"))
            self.kept["variable"].setdefault(variables[key], key)
        return variables

    def _sources(self, variables: dict[str, str], users: dict[str, str], code_of_guid: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, list[str]]]:
        """(document rows, coding rows, {note guid: doc ids}) from every text source."""
        ns = self.ns
        documents: list[dict[str, Any]] = []
        codings: list[dict[str, Any]] = []
        used_ids: set[str] = set()
        notes_on: dict[str, list[str]] = {}
        note_elements = set(self.root.iter(f"{ns}Note"))
        self._group_of_same_named = self._groups_of_same_named()
        for source in [s for s in self.root.iter(f"{ns}TextSource") if s not in note_elements]:
            document = self._document(source, variables, used_ids)
            if document is None:
                self._count_skipped(source)
                continue
            codings.extend(self._source_codings(source, document, users, code_of_guid))
            for ref in source.iter(f"{ns}NoteRef"):
                note = _guid_key(ref.get("targetGUID"))
                if note not in self._note_targets:  # a note on a coded selection is about its coding
                    notes_on.setdefault(note, []).append(document["doc_id"])
            self._link_notes_on(document["guid"], document["doc_id"], notes_on)
            documents.append(document)
            self.kept["source"][document["doc_id"]] = document["guid"]
        self._warn_missing_files()
        read = self._media_documents(variables, used_ids, users, code_of_guid, documents, codings, notes_on)
        if self._speaker_marks:
            self.notes.append(speaker_marks_note(self._speaker_marks))
        for kind in ("PictureSource", "PDFSource", "AudioSource", "VideoSource"):
            elements = [element for element in self.root.iter(f"{ns}{kind}") if element not in read]
            if elements:
                self.notes.append(LeftOut(f"{len(elements)} {kind} element(s) not imported: qlr reads text sources"))
            for element in elements:
                self._count_skipped(element)
        return documents, codings, notes_on

    def _note_links_of(self, guid: str) -> list[tuple[str, ET.Element]]:
        """The notes a ``<Link>`` ties to the item ``guid``: ATLAS.ti links a memo to a quotation, a code or a document
        this way ("Memo-Quotation Relation", from the note to the quotation), where other tools write a ``<NoteRef>``."""
        if self._note_links is None:
            notes = {_guid_key(note.get("guid")) for note in self.root.iter(f"{self.ns}Note")}
            self._note_links = {}
            for link in self.root.iter(f"{self.ns}Link"):
                origin, target = _guid_key(link.get("originGUID")), _guid_key(link.get("targetGUID"))
                if (origin in notes) != (target in notes):  # one end a note, the other what it is about
                    note, item = (origin, target) if origin in notes else (target, origin)
                    self._note_links.setdefault(item, []).append((note, link))
        return self._note_links.get(guid, [])

    def _link_note_targets(self, guid: str, target: tuple[str, str]) -> None:
        """The notes linked to the item ``guid`` are about ``target`` (a coding, a code), unless something already placed them."""
        for note, link in self._note_links_of(guid):
            if self._note_targets.setdefault(note, target) == target:
                self._links_read.add(link)

    def _link_notes_on(self, guid: str, doc_id: str, notes_on: dict[str, list[str]]) -> None:
        """The notes linked to a source are memos on its document, as a ``<NoteRef>`` in it makes them."""
        for note, link in self._note_links_of(guid):
            if note not in self._note_targets:
                notes_on.setdefault(note, []).append(doc_id)
                self._links_read.add(link)

    def _note_unread_links(self) -> None:
        """Say how many links and network views qlr leaves out (a link from a note to what it is about is read)."""
        for kind, what in (("Link", "links between items"), ("Graph", "network views")):
            count = sum(1 for element in self.root.iter(f"{self.ns}{kind}") if element not in self._links_read)
            if count:
                read = f", beside the {len(self._links_read)} that tie a note to what it is about, read as its memo's target" if kind == "Link" and self._links_read else ""
                self.notes.append(LeftOut(f"{count} {kind} element(s) ({what}) not imported: qlr does not keep them{read}"))

    def _date_variable(self, values: dict[str, Any], as_written: dict[str, list[str]]) -> tuple[str, Any] | None:
        """A source's date, and the variable it came from, from its one date variable named as a date (MAXQDA's "Interview date").

        Only a variable of type Date (or DateTime) whose name says date (``date``, ``Datum``, ``fecha``, ``data``) dates
        the document, as a transcript's header line would; one whose name says a life event ("Date of birth", "Date
        diagnosed", "Joined since") is the person's date, not the interview's, and is passed over (the load notes say
        so, and which variable dated the documents). :meth:`_undate_per_person` then takes back a variable that gives
        every document of a case one date.
        """
        dated = [name for name, (tag, _) in as_written.items() if tag in ("DateValue", "DateTimeValue") and re.search(r"date|datum|fecha|\bdata\b", name, re.IGNORECASE)]
        named = [name for name in dated if not _LIFE_EVENT.search(name) or re.search(r"interview|session", name, re.IGNORECASE)]
        for name in dated:
            if name not in named and name not in self._life_dates:
                self._life_dates.append(name)
                self.inferred.append(f"the date variable {name!r} of the sources does not date their documents: its name says a life event (a birth, a diagnosis, a start), not the interview's date")
        if len(named) != 1 or values.get(named[0]) is None:
            return None
        if named[0] not in self._dating_variables:
            self._dating_variables.append(named[0])
            self.inferred.append(_dated_note(named[0]))
        return named[0], values[named[0]]

    def _undate_per_person(self, documents: list[dict[str, Any]]) -> None:
        """Take back the dates a variable gave when it gives every document of a case with two or more documents one date.

        Interviews of one person at two waves are not held on one day: that date is the person's (a birthday, the day
        they joined), not the interview's. The documents keep their date from elsewhere (none), and the load notes say
        which variable was not used and why.
        """
        for name in list(self._dating_variables):
            by_case: dict[str, list[dict[str, Any]]] = {}
            for doc in documents:
                if self._dated_by.get(doc["doc_id"]) == name and doc.get("case_id"):
                    by_case.setdefault(str(doc["case_id"]), []).append(doc)
            repeated = {case_id: docs for case_id, docs in by_case.items() if len(docs) > 1}
            if not repeated or any(len({str(doc["date"]) for doc in docs}) > 1 for docs in repeated.values()):
                continue
            for doc in documents:
                if self._dated_by.get(doc["doc_id"]) == name:
                    doc["date"] = None
                    del self._dated_by[doc["doc_id"]]
            self._dating_variables.remove(name)
            self.inferred.remove(_dated_note(name))
            self.inferred.append(
                f"the date variable {name!r} of the sources does not date their documents: it gives every document of a case one date "
                f"({len(repeated)} case(s) with two or more documents, e.g. {_listed(list(map(repr, sorted(repeated))), 3)}), "
                "so it is the person's date, not the interview's; it is kept with the sources' other variables"
            )

    def _groups_of_same_named(self) -> dict[str, str]:
        """{source guid: the Set that tells it apart} for sources that share their name with another.

        MAXQDA names documents after the person and keeps each wave in a document group (a Set):
        "Jade" in "Wave 1", "Jade" in "Wave 2". Such a source's document id is its name and the
        first Set (in the project's order) that holds it and no other source of its name
        ("Jade_Wave_2"); a source no Set tells apart keeps the name with an ``_`` added, as before.
        """
        sources = [e for e in self.root.iter() if _local(e.tag) in ("TextSource", "PDFSource") and e.get("name")]
        by_name: dict[str, list[str]] = {}
        for element in sources:
            by_name.setdefault(str(element.get("name")), []).append(_guid_key(element.get("guid")))
        repeated = {guid: name for name, guids in by_name.items() if len(guids) > 1 for guid in guids}
        if not repeated:
            return {}
        groups: dict[str, str] = {}
        for item in self.root.iter(f"{self.ns}Set"):
            set_name = item.get("name") or ""
            if not set_name or set_name.startswith(_QLR_SET):
                continue
            members = [_guid_key(m.get("targetGUID")) for m in item.findall(f"{self.ns}MemberSource")]
            for guid in members:
                if guid in repeated and guid not in groups and sum(1 for other in members if repeated.get(other) == repeated[guid]) == 1:
                    groups[guid] = set_name
        return groups

    def _media_documents(
        self,
        variables: dict[str, str],
        used_ids: set[str],
        users: dict[str, str],
        code_of_guid: dict[str, str],
        documents: list[dict[str, Any]],
        codings: list[dict[str, Any]],
        notes_on: dict[str, list[str]],
    ) -> set[ET.Element]:
        """The text that PDF, audio and video sources carry, read as text documents; returns the sources read.

        A PDF's ``<Representation>`` (its text, as the tool extracted it) and a
        picture's ``<TextDescription>`` are documents with the source's name, GUID
        (cases and sets refer to it) and description.  Each
        ``<Transcript>`` of an audio or video source is a document of the transcript's
        name; the source's GUID stands in for it where cases and sets name the
        recording.  Either takes the source's variable values and notes, its text
        selections (a transcript's, between two sync points) and the codes on the
        whole source (on its first transcript).  Codings on page regions and on
        stretches of the recording (``<PDFSelection>``, ``<PictureSelection>``,
        ``<AudioSelection>``, ``<VideoSelection>``) have no place in the text: they are counted, by source,
        for one warning.
        """
        ns = self.ns
        read: set[ET.Element] = set()
        # ATLAS.ti also exports each transcript as a <TextSource> of the same file: that one is read already.
        as_text = {_text_file(source.get("plainTextPath")) for source in self.root.iter(f"{ns}TextSource")} - {""}
        for element in list(self.root.iter()):
            kind = _local(element.tag)
            if kind not in ("PDFSource", "PictureSource", "AudioSource", "VideoSource") or element.tag != f"{ns}{kind}":
                continue
            own = {"PDFSource": "Representation", "PictureSource": "TextDescription"}.get(kind)
            texts = [element.find(f"{ns}{own}")] if own else element.findall(f"{ns}Transcript")
            for twin in [text for text in texts if text is not None and _text_file(text.get("plainTextPath")) in as_text]:
                texts.remove(twin)
                lost = sum(len(selection.findall(f"{ns}Coding")) for selection in twin.findall(f"{ns}TranscriptSelection"))
                if lost:
                    self.refused.append(f"<Transcript guid={twin.get('guid')}> ({twin.get('name')}): {lost} coding(s) on it not imported, as its text is read as the text source of the same file")
            texts = [text for text in texts if text is not None and self._has_text(text)]
            if not texts:
                continue  # said with the other sources qlr cannot read
            if own:
                found = [self._document(texts[0], variables, used_ids, outer=element)]
            else:
                media = self._register(element.get("guid"), kind)
                as_written: dict[str, list[str]] = {}
                values = self._values(element, variables, f"<{kind} guid={media}>", whose=f"source {(element.get('name') or media)!r}", as_written=as_written)
                # A transcript without a name of its own is named after its recording ("P02_W1 interview.m4a"), not its GUID.
                heard = Path(element.get("name") or "").stem or None
                found = [
                    self._document(text, variables, used_ids, named_after=heard if heard is None or len(texts) == 1 else f"{heard} {number}")
                    for number, text in enumerate(texts, 1)
                ]
                for document in found:
                    if document is not None:
                        document.update(media_guid=media, values=dict(values), values_as_written=dict(as_written))
            first = next((document for document in found if document is not None), None)
            if first is None:
                continue
            for text, document in zip(texts, found):
                if document is not None:
                    codings.extend(self._source_codings(text, document, users, code_of_guid))
                    documents.append(document)
                    self.kept["source"][document["doc_id"]] = document["guid"]
            codings.extend(self._coding(coding, first["doc_id"], 0, len(first["text"]), users, code_of_guid) for coding in element.findall(f"{ns}Coding"))
            # ATLAS.ti writes a PDF quotation twice: a <PDFSelection> (page and box) and, of the same GUID, a text selection
            # of the PDF's <Representation>, each with its codings. The text's were read: the page's are the same codings.
            read_text = set(self.kept["selection"].values())
            twins = [selection for selection in element if _local(selection.tag) in _REGIONS and _guid_key(selection.get("guid")) in read_text]
            if twins:
                self.report["region_twins"] = self.report.get("region_twins", 0) + sum(len(selection.findall(f"{ns}Coding")) for selection in twins)
            regions = sum(len(selection.findall(f"{ns}Coding")) for selection in element if _local(selection.tag) in _REGIONS and selection not in twins)
            if regions:
                self.report["regions"][element.get("name") or first["name"]] = regions
            for ref in element.iter(f"{ns}NoteRef"):
                note = _guid_key(ref.get("targetGUID"))
                if note not in self._note_targets:
                    notes_on.setdefault(note, []).append(first["doc_id"])
            self._link_notes_on(_guid_key(element.get("guid")), first["doc_id"], notes_on)
            read.add(element)
        return read

    def _transcript_selections(self, transcript: ET.Element) -> list[dict[str, Any]]:
        """A transcript's selections, each from the position of its start sync point to that of its end one.

        A selection whose sync points are missing has no place: it is left out and counted.
        """
        ns = self.ns
        found = transcript.findall(f"{ns}TranscriptSelection")
        if not found:
            return []
        positions: dict[str, int] = {}
        for point in transcript.findall(f"{ns}SyncPoint"):
            try:
                positions[_guid_key(point.get("guid"))] = int(point.get("position", ""))
            except ValueError:
                continue
        selections = []
        for sel in found:
            guid = self._register(sel.get("guid"), "TranscriptSelection")
            start, end = positions.get(_guid_key(sel.get("fromSyncPoint"))), positions.get(_guid_key(sel.get("toSyncPoint")))
            if start is None or end is None:
                lost = len(sel.findall(f"{ns}Coding"))
                self.refused.append(f"<TranscriptSelection guid={guid}>: its sync points ({sel.get('fromSyncPoint')}, {sel.get('toSyncPoint')}) have no position in the transcript ({lost} coding(s) left out)")
                continue
            selections.append({"guid": guid, "start": start, "end": end, "text": sel.get("name") or None, "element": sel})
        return selections

    def _has_text(self, source: ET.Element) -> bool:
        """Whether a text source's text is there: inline, or a member of the archive."""
        content = source.find(f"{self.ns}PlainTextContent")
        if content is not None and content.text is not None:
            return True
        return bool(source.get("plainTextPath")) and self._member(source.get("plainTextPath") or "") is not None

    def _warn_missing_files(self) -> None:
        """One warning for every text source whose file is not there (ten bare warnings were one per source)."""
        missing = self._missing_files
        if not missing:
            return
        if not self.members:  # a bare .qde: the source files stayed in the archive it came from
            message = (
                f"{self.path}: a bare .qde holds no source files, and no 'sources' folder is beside it, so its {len(missing)} text "
                "source(s) and their codings are skipped: "
                + _listed([f"{name!r} ({internal})" for name, internal in missing], 10)
                + ". Fix: import the .qdpx the project was exported as (the archive holds the sources), or put its sources folder beside the .qde"
            )
        else:
            message = (
                f"{self.path}: {len(missing)} text source(s) refer to files that are not in the archive, so they and their codings are skipped: "
                + _listed([f"<TextSource name={name!r}> refers to {internal}, which is not in the archive" for name, internal in missing], 10, separator="; ")
                + ". Fix: export the project again from the QDA tool with its sources embedded"
            )
        warn(message, FilesNotLoadedWarning)  # data left out: -q shows it, exit status 3

    def _count_skipped(self, source: ET.Element) -> None:
        """Count the codings of a source that is not imported, so the warning can say what was lost."""
        # ATLAS.ti writes a PDF quotation twice (a <PDFSelection> and, of the same GUID, a text selection of the PDF's
        # <Representation>): its codings are lost once, not twice.
        by_guid: dict[str, list[int]] = {}
        for element in source.iter():
            if _local(element.tag).endswith("Selection") and element.get("guid"):
                by_guid.setdefault(_guid_key(element.get("guid")), []).append(len(element.findall(f"{self.ns}Coding")))
        twice = sum(sum(counts) - max(counts) for counts in by_guid.values() if len(counts) > 1)
        found = sum(1 for _ in source.iter(f"{self.ns}Coding")) - twice
        name = source.get("name") or source.get("guid") or "?"
        if found:
            self.report["skipped"][name] = self.report["skipped"].get(name, 0) + found
        # Comments on its selections (PlainTextSelection, PDFSelection, …) go with it.
        comments = sum(1 for element in source.iter() if _local(element.tag).endswith("Selection") and (element.findtext(f"{self.ns}Description") or "").strip())
        if comments:
            self._skipped_comments[name] = self._skipped_comments.get(name, 0) + comments

    def _document(
        self, source: ET.Element, variables: dict[str, str], used_ids: set[str], *, outer: ET.Element | None = None, named_after: str | None = None
    ) -> dict[str, Any] | None:
        """One source's document row (with its raw text's offsets), or None when it has no text.

        ``outer`` is the PDF source whose representation ``source`` is: the document
        takes the PDF's GUID, name, description and variable values. ``named_after``
        names a source that has no name of its own (a recording's transcript).
        """
        guid = self._register(source.get("guid"), "TextSource" if outer is None else "Representation")
        if outer is not None:
            guid = self._register(outer.get("guid"), _local(outer.tag))
        named = outer if outer is not None else source
        name = named.get("name") or source.get("name") or named_after or _file_name(source.get("plainTextPath")) or guid
        readable, block = self._block(named, f"<{_local(named.tag)} guid={guid}>")
        # A qlr export says there the roles study.yaml declared in this document alone; not part of its title or memo.
        # And after them, the speakers who are the study's cases there (Ben's turns in Ann's interview are Ben's).
        readable, own_cases = _checked_roles(readable, _DOCUMENT_CASES, roles=False)
        readable, own_roles = _checked_roles(readable, _DOCUMENT_ROLES)
        # qlr wrote its titles into the Description before its details file (with a [qlr] block, or in a project it exported).
        title_in_description = self._by_qlr or _MARK in (named.findtext(f"{self.ns}Description") or "")
        raw, had_bom = self._source_text(source, name)
        if raw is None:
            return None
        group = self._group_of_same_named.get(guid)
        doc_id = str(block.get("doc_id") or source_id(f"{name} {group}" if group else name))
        wanted = doc_id
        while doc_id in used_ids:
            doc_id += "_"
        if doc_id != wanted:
            self._renamed_sources.append(f"{name!r} → {doc_id}")
        used_ids.add(doc_id)
        as_written: dict[str, list[str]] = {}
        values = self._values(named, variables, f"<{_local(named.tag)} guid={guid}>", whose=f"document {doc_id}", as_written=as_written)
        offsets = _Offsets(raw, had_bom)
        if readable and not block.get("title") and not title_in_description:
            self._descriptions.append({"guid": guid, "target": ("document", doc_id), "element": named, "text": readable})
        if outer is not None and _local(outer.tag) == "PDFSource" and not block.get("kind"):
            self._pdf_texts.add(doc_id)
        return {
            "guid": guid,
            "doc_id": doc_id,
            "name": name,
            "kind": block.get("kind") or ("interview" if outer is None else "document"),  # a PDF's text, a picture's description
            "date": block.get("date") or self._variable_date(doc_id, values, as_written),
            "stage": block.get("stage"),
            # Another tool's source Description is a description (NVivo's may be paragraphs), not the title: a
            # memo on the document. qlr wrote its titles there before its details file.
            "title": block.get("title") or (readable if title_in_description else None) or name,
            "source": block.get("source") or name,
            "format": block.get("format") or ("txt" if outer is None else _original_format(outer)),
            "encoding": block.get("encoding"),
            "sha256": block.get("sha256"),
            "text": offsets.stored,
            "segments": block.get("segments"),
            "case_id": block.get("case_id"),
            "wave_id": block.get("wave_id"),
            "values": values,
            "values_as_written": as_written,
            "offsets": offsets,
            "roles": own_roles,
            "cases": own_cases,
        }

    def _variable_date(self, doc_id: str, values: dict[str, Any], as_written: dict[str, list[str]]) -> Any:
        """The date a document's own date variable gives it (none in a project qlr wrote), noting which variable gave it."""
        found = None if self._by_qlr or self.details else self._date_variable(values, as_written)
        if found is None:
            return None
        self._dated_by[doc_id] = found[0]
        return found[1]

    def _lines_up(self, stored: str, spot: tuple[int, int], quoted: str) -> bool:
        """Is the passage quoted when a selection was coded the text at its place (or, where the tool re-quotes after an
        edit from one character before, that text with the character before it)?"""
        start, end = spot
        return _same_text(stored[start:end], quoted) or (self.requoted_from_before and start > 0 and _same_text(stored[start - 1 : end], quoted))

    def _source_codings(self, source: ET.Element, document: dict[str, Any], users: dict[str, str], code_of_guid: dict[str, str]) -> list[dict[str, Any]]:
        """The codings of one source: its placed selections', and those on the whole source."""
        ns = self.ns
        offsets = document.pop("offsets")
        selections = []
        for sel in source.findall(f"{ns}PlainTextSelection"):
            sel_guid = self._register(sel.get("guid"), "PlainTextSelection")
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
            except ValueError:
                raise QdpxError(f"selection {sel.get('guid')} has no valid startPosition/endPosition", path=self.path, hint="the export is damaged") from None
            selections.append({"guid": sel_guid, "start": start, "end": end, "text": sel.get("name") or None, "element": sel})
        selections.extend(self._transcript_selections(source))
        selections.extend(self._note_selections(source))
        chosen, placed, unplaced = _place(offsets, selections, convention=self.convention) if selections else ({"convention": None, "evidence": "no selections"}, {}, [])
        # Sources that share a name (MAXQDA's "Jade" in the groups "Wave 1" and "Wave 2") are listed by their document ids.
        shown = document["doc_id"] if document["guid"] in self._group_of_same_named or document["name"] in self.report["sources"] else document["name"]
        self.report["sources"][shown] = {**chosen, "selections": len(selections), "placed": len(placed)}
        self.report["selections"] += len(selections)
        self.report["placed"] += len(placed)
        self.report["unplaced"] += unplaced
        if unplaced:
            convention = chosen["convention"]
            raw = {sel["guid"]: (sel["start"], sel["end"]) for sel in selections}
            self._outside.setdefault(shown, (offsets.length(convention), UNITS[convention.removesuffix("+bom")], []))[2].extend(
                outside_label(self.labels.get(guid, guid), *raw[guid]) for guid in unplaced
            )
        self._unplaced_codings += sum(len(sel["element"].findall(f"{ns}Coding")) for sel in selections if sel["guid"] not in placed)
        if self.quoted:
            for sel in selections:
                spot = placed.get(sel["guid"])
                if spot is not None and sel["text"] and sel["element"].find(f"{ns}Coding") is not None and not self._lines_up(offsets.stored, spot, sel["text"]):
                    self._misquoted.append((self.labels.get(sel["guid"], sel["guid"]), offsets.stored[spot[0] : spot[1]], sel["text"]))
        codings = []
        for sel in selections:
            if sel.get("note") and sel["guid"] in placed:
                self._note_spans[sel["note"]] = (document["doc_id"], *placed[sel["guid"]])
            elif sel["guid"] in placed:
                start, end = placed[sel["guid"]]
                made = sel["element"].findall(f"{ns}Coding")
                marks = [c for c in made if users.get(_guid_key(c.get("creatingUser"))) == SPEAKER_CODER]
                if marks:  # QualCoder's speaker tool marks turns as codings: not a coder's, as from its database
                    self._speaker_marks += len(marks)
                    made = [c for c in made if c not in marks]
                # A selection coded once was made with its coding: its time is the coding's where the coding has none (QualCoder).
                stamp = sel["element"].get("creationDateTime") if len(made) == 1 else None
                found = [self._coding(coding, document["doc_id"], start, end, users, code_of_guid, stamp=stamp) for coding in made]
                self.kept["selection"].update((row["coding_id"], sel["guid"]) for row in found)
                if found and sel["element"].get("name") is not None:  # NVivo's empty name too
                    self.kept["selection_name"][sel["guid"]] = sel["element"].get("name")
                codings.extend(found)
                self._keep_comment(sel, document["doc_id"], start, end, [row["coding_id"] for row in found], users)
                if found:  # notes the selection links to (a note about this passage, such as an annotation)
                    for ref in sel["element"].findall(f"{ns}NoteRef"):
                        self._note_targets.setdefault(_guid_key(ref.get("targetGUID")), ("coding", found[0]["coding_id"]))
                    self._link_note_targets(sel["guid"], ("coding", found[0]["coding_id"]))
        # a code applied to the whole source
        codings.extend(self._coding(coding, document["doc_id"], 0, len(document["text"]), users, code_of_guid) for coding in source.findall(f"{ns}Coding"))
        return codings

    def _case_rows(self, variables: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
        """(case rows with their attributes, case-wave rows qlr wrote, {source guid: case id})."""
        ns = self.ns
        cases: list[dict[str, Any]] = []
        case_waves: list[dict[str, Any]] = []
        source_case: dict[str, str] = {}
        for element in self.root.iter(f"{ns}Case"):
            guid = self._register(element.get("guid"), "Case")
            where = f"<Case guid={guid}>"
            readable, block = self._block(element, where)
            case_id = str(block.get("case_id") or element.get("name") or guid)
            if readable:  # the case's own description (NVivo's case memo text): a memo on the case
                self._descriptions.append({"guid": guid, "target": ("case", case_id), "element": element, "text": readable})
            self.kept["case"].setdefault(case_id, guid)
            row = {"case_id": case_id, "label": block.get("label") or element.get("name") or case_id, "role": block.get("role")}
            values = self._values(element, variables, where, whose=f"case {case_id}")
            row.update({name: value for name, value in values.items() if not (name == "Wave" and block)})
            for ref in element.findall(f"{ns}SourceRef"):
                key = _guid_key(ref.get("targetGUID"))
                if source_case.setdefault(key, case_id) != case_id:
                    self._other_cases.setdefault(key, []).append(case_id)  # a document has one case: the first
            coded = len(element.findall(f"{ns}CodeRef"))
            if coded:
                self._case_codes[case_id] = coded
            by_selection = len(element.findall(f"{ns}SelectionRef"))
            if by_selection:
                self._cases_by_selection[case_id] = by_selection
            case_waves.extend({"case_id": case_id, **design} for design in self._records(block.get("waves"), where, "waves", ("wave_id", "scheduled")))
            cases.append(row)
        return cases, case_waves, source_case

    def _set_records(self, code_of_guid: dict[str, str], documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The project's Sets and code groups, members named (imported sources by doc id, the others by name)."""
        names = {_guid_key(element.get("guid")): element.get("name") or _guid_key(element.get("guid")) for element in self.root.iter() if _local(element.tag).endswith("Source")}
        names.update({d["guid"]: d["doc_id"] for d in documents})
        return read_sets(self.root, self.ns, code_of_guid, names)

    def _sets(self) -> dict[str, list[str]]:
        """{set name: member source guids} of the project's own sets (qlr's are left out)."""
        sets: dict[str, list[str]] = {}
        # The waves qlr's details list: a group the user named "Wave 1" in ATLAS.ti, written back beside qlr's "Wave Wave 1",
        # is not the wave "1".
        written = {str(wave.get("wave_id")) for wave in self.details.get("waves") or [] if isinstance(wave, dict)}
        for item in self.root.iter(f"{self.ns}Set"):
            name = item.get("name") or ""
            if not name.startswith(_QLR_SET):
                sets[name] = [_guid_key(m.get("targetGUID")) for m in item.findall(f"{self.ns}MemberSource")]
                # A wave's Set qlr wrote: the project is qlr's (and the wave one it lists), or the Set kept the GUID qlr gives
                # it (another tool took it through).
                wave = name[len(_WAVE_SET) :]
                if name.startswith(_WAVE_SET) and ((self._by_qlr and (not written or wave in written)) or _guid_key(item.get("guid")) == _wave_set_guid(wave)):
                    self._qlr_wave_sets.append(name)
        return sets

    def _assign(self, documents: list[dict[str, Any]], cases: list[dict[str, Any]], source_case: dict[str, str]) -> None:
        """Give every document its wave, case and kind; add the cases only documents name."""
        # Sources qlr does not import (a picture, a recording without its transcript) are still the project's.
        known_sources = {d["guid"] for d in documents} | {_guid_key(e.get("guid")) for e in self.root.iter() if _local(e.tag).endswith("Source")}
        dangling = [g for g in source_case if g not in known_sources and g not in self.seen_guids]
        if dangling:
            warn(f"{self.path}: cases refer to sources that are not in the project: {', '.join(dangling[:5])}", QlrWarning)
        source_values = {d["guid"]: d["values"] for d in documents}
        sets = self._sets()
        waves_of = self._waves(documents, source_values, source_case, cases, sets)
        cases_of = self._cases(documents, source_case, sets)
        if self.case_rule is None:
            self._warn_case_membership(documents, source_case)
        kinds_of = self._rule_value(self.kind_rule, documents, "kind") if self.kind_rule is not None else None
        if self.kind_rule is not None and kinds_of is None:
            raise QdpxError(f"cannot read kind={self.kind_rule!r}", path=self.path, hint=_rule_hint(self.kind_rule, "kind"))
        for doc in documents:
            doc["wave_id"] = waves_of.get(doc["guid"], waves_of.get(doc.get("media_guid") or ""))  # a transcript: its recording's
            doc["case_id"] = cases_of.get(doc["guid"], cases_of.get(doc.get("media_guid") or ""))  # a transcript: its recording's
            doc["kind"] = (kinds_of or {}).get(doc["guid"], doc["kind"])
            if doc["guid"] in (kinds_of or {}):
                self._pdf_texts.discard(doc["doc_id"])  # the user's kind, not qlr's guess
        if self.case_rule is None:
            self._warn_empty_cases(documents, cases, source_case)
        if self.case_rule is not None and cases:
            self._replace_cases(cases, {doc["case_id"] for doc in documents if doc["case_id"]})
        known_cases = {c["case_id"] for c in cases}
        for doc in documents:
            if doc["case_id"] and doc["case_id"] not in known_cases:
                cases.append({"case_id": doc["case_id"], "label": doc["case_id"], "role": None})
                known_cases.add(doc["case_id"])
        self._note_source_variables(documents, self._case_attributes(documents, cases))

    def _replace_cases(self, cases: list[dict[str, Any]], used: set[str]) -> None:
        """``case=`` on a project with its own Cases: the rule's cases replace them; a Case no document is in any more is left out, and named.

        (Left in, each would be a case "never seen" at every wave, and the attrition would count people twice.)
        """
        dropped = [c["case_id"] for c in cases if c["case_id"] not in used]
        if not dropped or not used:  # a rule that matched nothing is said where it is read; the project's Cases stay
            return
        cases[:] = [c for c in cases if c["case_id"] in used]
        self.notes.append(
            f"case={self.case_rule!r} replaces the project's own Cases: {len(dropped)} of them hold no document now and were left out "
            f"({_listed(list(map(repr, dropped)), 10)}), with their attributes; the cases are now {_listed(list(map(repr, sorted(used))), 10)}. "
            "Fix: to keep the project's Cases, import without --case"
        )

    def _rule_variables(self) -> set[str]:
        """The variables read as the wave or the case, not attributes nor values no table shows: those a ``variable:NAME``
        rule of wave or case reads, and qlr's own wave variable (known by its GUID) where its details file was dropped."""
        read = {rule[len("variable:") :] for rule in (self.wave_rule, self.case_rule) if isinstance(rule, str) and rule.startswith("variable:")}
        if _guid_key(self.kept["variable"].get("Wave")) == _WAVE_VARIABLE_GUID:
            read.add("Wave")  # a qlr export read back from NVivo: the wave, not the case's attribute
        return read

    def _case_attributes(self, documents: list[dict[str, Any]], cases: list[dict[str, Any]]) -> list[str]:
        """Sources' own variables (MAXQDA's document variables, NVivo's file classifications) as the cases' attributes
        or the documents' columns, case by case.

        A variable is the cases' attributes only where, in every case, every document gives it one value ("Caring
        for"; a case of one document agrees with itself). Where a case's documents give it two values, or some give
        none ("Age" at each wave, an interviewer named on one interview of two), the variable stays each document's (a
        column of ``study.documents``, for every case alike, so that one variable is in one table) and an
        ``InferenceWarning`` names each such case, the variable and each document's value: one document's value is
        never made the case's. A variable the project's own Cases give is not replaced (the documents keep theirs),
        nor is one named as a case's own field. A source with no case keeps its values. Every value is kept as the
        tool wrote it too (``source_values``), for export. Returns the variables that became the cases' attributes.

        In a project qlr wrote, its details name the documents' own columns and the documents holding a value of each
        (``document_columns``), read back as columns; nothing else is made an attribute (qlr wrote the cases' attributes on its Cases).
        """
        if self.details:
            kept = self.details.get("document_columns")
            for name, holders in kept.items() if isinstance(kept, Mapping) else ():
                if isinstance(name, str) and name not in _DOCUMENT_SCHEMA and isinstance(holders, list):
                    for doc in documents:
                        if doc["doc_id"] in holders and doc["values"].get(name) is not None:
                            doc.setdefault("columns", {})[name] = doc["values"][name]
            return []
        # The wave or case a rule reads, and a document's date, are the documents' already, as themselves.
        skip = self._rule_variables() | set(self._dated_by.values())
        by_case: dict[str, list[dict[str, Any]]] = {}
        for doc in documents:
            if doc.get("case_id"):
                by_case.setdefault(str(doc["case_id"]), []).append(doc)
        names = sorted({name for doc in documents for name in doc["values"] if name not in skip})
        rows = {str(c["case_id"]): c for c in cases}
        made: list[str] = []
        differing: list[str] = []
        differing_names: list[str] = []
        for name in names:
            if name in _DOCUMENT_SCHEMA:
                continue  # a field the documents table keeps itself ("date", "title"): in source_values only
            for doc in documents:
                if not doc.get("case_id") and doc["values"].get(name) is not None:
                    doc.setdefault("columns", {})[name] = doc["values"][name]
            per_case, differs = {}, []
            for case_id, docs in by_case.items():
                given = [doc["values"].get(name) for doc in docs]
                if all(value is None for value in given):
                    continue
                held = {None if value is None else value if isinstance(value, (int, float, bool)) else str(value) for value in given}
                if len(held) > 1:
                    shown = " / ".join(f"{'no value' if value is None else repr(value)} ({doc['doc_id']})" for doc, value in zip(docs, given))
                    differs.append(f"{case_id} {name!r}: {shown}")
                per_case[case_id] = given[0]
            own = [case_id for case_id in per_case if rows.get(case_id, {}).get(name) is not None]
            if per_case and not differs and not own and name not in _CASE_FIELDS:
                for case_id, value in per_case.items():
                    if case_id in rows:
                        rows[case_id][name] = value
                made.append(name)
                continue
            differing.extend(differs)
            differing_names.extend([name] if differs else [])
            for docs in by_case.values():
                for doc in docs:
                    if doc["values"].get(name) is not None:
                        doc.setdefault("columns", {})[name] = doc["values"][name]
        if differing:
            warn(
                f"{self.path}: {len(differing_names)} variable(s) of the sources differ between a case's documents, and are each document's "
                f"(study.documents), not the case's: {_listed(differing, 10, separator='; ')}. "
                "Fix: where a value is the person's, give every document of the case the same value in the QDA tool",
                InferenceWarning,
            )
        return made

    def _note_source_variables(self, documents: list[dict[str, Any]], attributes: list[str]) -> None:
        """Say where the sources' own variable values went (MAXQDA's document variables, NVivo's file classifications).

        They are kept as written and go back out on export; each is a case's attribute or its documents' column
        (:meth:`_case_attributes`); a project qlr wrote keeps only its wave there, which it reads back.
        """
        if self.details:
            return
        if attributes:
            self.notes.append(
                f"{len(attributes)} variable(s) of the sources hold one value for every document of a case, and are those cases' attributes (study.cases): "
                f"{_listed(list(map(repr, attributes)), 10)}"
            )
        columns = sorted({name for doc in documents for name in doc.get("columns", {})})
        if columns:
            carrying = sum(1 for doc in documents if doc.get("columns"))
            self.notes.append(f"{carrying} source(s) keep values of {len(columns)} variable(s) of their own as columns of study.documents: {_listed(list(map(repr, columns)), 10)}")
        used = self._rule_variables() | set(self._dated_by.values())
        aside = sorted({name for doc in documents for name in doc["values"] if name in _DOCUMENT_SCHEMA and name not in used})
        if aside:
            self.notes.append(
                f"{len(aside)} variable(s) of the sources are named as a field qlr keeps itself ({_listed(list(map(repr, aside)), 10)}): they are kept in "
                "study.meta['import']['source_values'] and written back on export, but no table of the study shows them"
            )

    def _warn_case_membership(self, documents: list[dict[str, Any]], source_case: dict[str, str]) -> None:
        """Say which case memberships a document-per-case study cannot hold: a source in several cases, cases made of selections."""
        names = {d["guid"]: d["name"] for d in documents}
        shared = [f"{names[key]!r} → case {source_case[key]!r} (also listed by {', '.join(map(repr, others))})" for key, others in self._other_cases.items() if key in names]
        if shared:
            warn(
                f"{self.path}: {len(shared)} source(s) belong to several Cases, and qlr gives a document one case, the first that lists it: "
                + _listed(shared, 10, separator="; ")
                + ". The other cases are not seen in those documents. Fix: split such transcripts (a focus group) into one source per participant, or give cases with --case",
                RowsRefusedWarning,
            )
        if self._cases_by_selection:
            listed = _listed([f"{case!r} ({count})" for case, count in self._cases_by_selection.items()], 10)
            warn(
                f"{self.path}: {len(self._cases_by_selection)} Case(s) are made of selections (parts of sources), which qlr does not read as case membership: {listed}. "
                "Fix: give cases whole sources in the QDA tool, or give cases with --case",
                RowsRefusedWarning,
            )

    def _warn_empty_cases(self, documents: list[dict[str, Any]], cases: list[dict[str, Any]], source_case: dict[str, str]) -> None:
        """Say so when the file's Cases list no source while documents are at no case: the membership is not in the file.

        QualCoder's export lists a case's files only where the link has positions 0–0 (a picture or
        recording); a text file linked whole (0 to its length) is left out of its ``<Case>``. Not for a project qlr
        wrote: it records every document's case, so a case listing no source has no document (planned, never seen).
        """
        if self._by_qlr:
            return
        listing = set(source_case.values()) | set(self._cases_by_selection)
        empty = [str(c["case_id"]) for c in cases if c["case_id"] not in listing]
        caseless = [d["name"] for d in documents if not d["case_id"]]
        if not empty or not caseless:
            return
        qualcoder = (self.root.get("origin") or "").startswith("QualCoder") and self.fmt != "qualcoder"
        warn(
            f"{self.path}: {len(empty)} Case(s) list no source ({_listed(list(map(repr, empty)), 10)}), and {len(caseless)} document(s) are at no case "
            f"({_listed(list(map(repr, caseless)), 10)}): the file does not say which documents are whose, so their attributes reach no document. "
            + (
                "QualCoder's export leaves out a text file linked to its case as a whole. Fix: read the QualCoder project itself (the .qda folder), or give cases with --case"
                if qualcoder
                else "Fix: link the documents to their cases in the QDA tool and export again, or give cases with --case"
            ),
            QlrWarning,
        )

    def _code_note_targets(self, code_of_guid: dict[str, str]) -> None:
        """Notes attached to codes, and to the project itself, for the memos' targets."""
        for element in self.root.iter(f"{self.ns}Code"):
            code_id = code_of_guid.get(_guid_key(element.get("guid")))
            for ref in element.findall(f"{self.ns}NoteRef"):
                if code_id:
                    self._note_targets.setdefault(_guid_key(ref.get("targetGUID")), ("code", code_id))
            if code_id:
                self._link_note_targets(_guid_key(element.get("guid")), ("code", code_id))
        for ref in self.root.findall(f"{self.ns}NoteRef"):
            self._note_targets.setdefault(_guid_key(ref.get("targetGUID")), ("study", "project"))

    def _check_memo_targets(self, memos: list[dict[str, Any]], known: dict[str, set[str]]) -> None:
        """A memo about something the project does not have is kept on the study, and counted."""
        for memo in memos:
            kind, target = memo["target_type"], memo["target_id"]
            if kind not in _MEMO_TARGETS or (kind in known and target not in known[kind]):
                self.refused.append(f"memo {memo['memo_id']} points at {kind} {target!r}, which the project does not have (kept as a memo on the study)")
                memo["target_type"], memo["target_id"] = "study", "project"

    def _warn_unplaced(self) -> None:
        skipped, comments = self.report["skipped"], self._skipped_comments
        if skipped or comments:
            shown = _listed([f"{name!r} ({count})" for name, count in skipped.items()], 10)
            also = f"; so are {sum(comments.values())} comment(s) on their selections: " + _listed([f"{name!r} ({count})" for name, count in comments.items()], 10) if comments else ""
            warn(
                f"{self.path}: {sum(skipped.values())} coding(s) in {len(skipped)} source(s) that were not imported are lost: {shown}{also}. "
                + (
                    "Fix: qlr codes text: add the pictures' descriptions or the recordings' transcripts to the QualCoder project as text files, or code them again in qlr"
                    if self.fmt == "qualcoder"
                    else "Fix: open those files in RQDA, give them their text (or import them again) and code them there, or code them again in qlr"
                    if self.fmt == "rqda"
                    else "Fix: export the project with its source files embedded (text sources), or code those sources again in qlr"
                ),
                RowsRefusedWarning,
            )
        regions = self.report["regions"]
        if regions:
            shown = _listed([f"{name!r} ({count})" for name, count in regions.items()], 10)
            warn(
                f"{self.path}: {sum(regions.values())} coding(s) on regions of pages and pictures or stretches of recordings ({', '.join(_REGIONS)}) "
                f"of {len(regions)} source(s) are not imported, as qlr codes text and these have no place in it: {shown}; the sources' text (PDF text, picture descriptions, transcripts) "
                "and its other codings were read"
                + (f" (so were {self.report['region_twins']} coding(s) of page regions that are also the text's selections of the same GUID, as ATLAS.ti writes a PDF quotation)" if self.report.get("region_twins") else "")
                + ". "
                "Fix: code those passages again in the text, in qlr or in the QDA tool",
                RowsRefusedWarning,
            )
        if self._mistyped:
            said = [
                f"{name!r} ({declared}): " + _listed([f"{whose} {value!r}" for whose, value in found], 10)
                for (name, declared), found in self._mistyped.items()
            ]
            warn(
                f"{self.path}: {sum(len(found) for found in self._mistyped.values())} value(s) do not parse as their variable's declared type "
                f"and are kept as written, as text: {_listed(said, 10, separator='; ')}. "
                "Fix: correct them in the QDA tool and export again where they should be numbers, dates or true/false",
                RepairedInputWarning,
            )
        if self.refused:
            shown = _listed(self.refused, 10, separator="; ")
            warn(
                f"{self.path}: left out {len(self.refused)} value(s) that do not parse or name nothing in the project: {shown}. "
                "Fix: correct them in the QDA tool and export again; the rest of the project was read",
                RowsRefusedWarning,
            )
        if self._outside:
            warn(f"{self.path}: " + outside_text(self._outside, codings=self._unplaced_codings, tool=self.fmt), RowsRefusedWarning)
        if self._misquoted:
            shown = _listed([f"{label} (at its place {found[:60]!r}, quoted {said[:60]!r})" for label, found, said in self._misquoted], 10, separator="; ")
            warn(
                f"{self.path}: {len(self._misquoted)} coding(s) do not line up: the text at their positions is not the passage quoted when they were coded "
                f"({'Taguette never changes a document once added, so the database was likely changed outside Taguette' if self.fmt == 'taguette' else 'the file was likely edited after coding'}); "
                f"they are kept at their positions: {shown}. "
                "Fix: check those codings in the QDA tool and code them again where they belong",
                RowsRefusedWarning,
            )
        if self._case_codes:
            shown = _listed([f"{case!r} ({count})" for case, count in self._case_codes.items()], 10)
            self.notes.append(LeftOut(
                f"{sum(self._case_codes.values())} <CodeRef>(s) in Cases (codes given to a whole case) not imported, as qlr codes passages of documents: {shown}"
            ))
        if self._unknown_coders:
            shown = _listed([f"{guid} ({count})" for guid, count in self._unknown_coders.items()], 10)
            self.notes.append(f"{sum(self._unknown_coders.values())} coding(s) were made by users that <Users> does not list, kept with the user's GUID as the coder: {shown}")
        if self._renamed_sources:
            self.notes.append(
                f"{len(self._renamed_sources)} source(s) have the id of an earlier source (the same name) and were given ids of their own: "
                + _listed(self._renamed_sources, 10)
            )
        # What the file holds and qlr did not import is data left out (exit status 3); the other notes say what was carried another way.
        lost = [note for note in self.notes if isinstance(note, LeftOut)]
        said = [note for note in self.notes if not isinstance(note, LeftOut)]
        if lost:
            warn(f"{self.path}: " + "; ".join(lost), RowsRefusedWarning)
        if said:
            warn(f"{self.path}: " + "; ".join(said), QlrWarning)


    # ---------------------------------------------------------------- parts
    def _source_text(self, source: ET.Element, name: str) -> tuple[str | None, bool]:
        ns = self.ns
        content = source.find(f"{ns}PlainTextContent")
        if content is not None and content.text is not None:
            raw = content.text
            return raw.lstrip("\ufeff"), raw.startswith("\ufeff")
        internal = source.get("plainTextPath")
        if not internal:
            self.notes.append(
                f"file {name!r} has no text in the RQDA database (its text, source.file, is NULL): skipped"
                if self.fmt == "rqda"
                else f"source {name!r} has no plain text (no PlainTextContent or plainTextPath): skipped"
            )
            return None, False
        data = self._member(internal)
        if data is None:
            self._missing_files.append((name, internal))  # said once for all, after the sources
            return None, False
        for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(bom):
                return data[len(bom) :].decode(encoding, errors="replace"), True
        try:
            return data.decode("utf-8"), False
        except UnicodeDecodeError:
            raise DocumentFormatError(f"the plain text of source {name!r} ({internal}) is not UTF-8", path=self.path, hint="export the project again; REFI-QDA sources are UTF-8") from None

    def _note_selections(self, source: ET.Element) -> list[dict[str, Any]]:
        """The passages of the notes this source refers to that hold their own ``<PlainTextSelection>`` (QualCoder's annotations).

        QualCoder exports a note on a stretch of text as a ``<Note>`` with the stretch inside it, and a
        ``<NoteRef>`` from the source; the stretch is placed with the source's selections (in the same
        position convention), so the memo lands on its segment, not on the whole document.
        """
        ns = self.ns
        refs = source.findall(f"{ns}NoteRef")
        if refs and self._notes_by_guid is None:
            self._notes_by_guid = {_guid_key(note.get("guid")): note for note in self.root.iter(f"{ns}Note")}
        found = []
        for ref in refs:
            key = _guid_key(ref.get("targetGUID"))
            note = (self._notes_by_guid or {}).get(key)
            inner = note.findall(f"{ns}PlainTextSelection") if note is not None else []
            # One uncoded passage: QualCoder's annotation. A coded one is a passage of the note's own text (NVivo codes memos).
            if len(inner) != 1 or inner[0].find(f"{ns}Coding") is not None:
                continue
            try:
                start, end = int(inner[0].get("startPosition", "")), int(inner[0].get("endPosition", ""))
            except ValueError:
                continue  # no place given: the note stays on the document
            found.append({"guid": f"note:{key}", "start": start, "end": end, "text": inner[0].get("name") or None, "element": inner[0], "note": key})
        return found

    def _place_note_memos(self, memos: list[dict[str, Any]], segments: pd.DataFrame) -> None:
        """Move each note that holds its passage from its document to the segment of that passage."""
        placed = [(memo, self._note_spans[guid]) for memo in memos if (guid := self.kept["note"].get(memo["memo_id"])) in self._note_spans and memo["target_type"] == "document" and memo["target_id"] == self._note_spans[guid][0]]
        if not placed:
            return
        found = segment_for_spans(segments, [span[0] for _, span in placed], [span[1] for _, span in placed], [span[2] for _, span in placed])
        for (memo, _), seg_id in zip(placed, found.to_numpy(dtype=object, na_value=None)):
            if seg_id is not None:
                memo["target_type"], memo["target_id"] = "segment", seg_id

    def _keep_comment(self, sel: dict[str, Any], doc_id: str, start: int, end: int, coding_ids: list[str], users: dict[str, str]) -> None:
        """Note a selection's own description (a quotation comment), to become a memo once segments exist."""
        element = sel["element"]
        text = (element.findtext(f"{self.ns}Description") or "").strip()
        if text:
            author = users.get(_guid_key(element.get("creatingUser")), "unknown")
            self._comments.append({"guid": sel["guid"], "doc_id": doc_id, "start": start, "end": end, "codings": coding_ids, "author": author, "created": element.get("creationDateTime"), "text": text})

    def _comment_memos(self, segments: pd.DataFrame) -> list[dict[str, Any]]:
        """Each selection's description as a memo: on the selection's first coding, or on the segment of a quotation without codes."""
        if not self._comments:
            return []
        comments = self._comments
        found = segment_for_spans(segments, [c["doc_id"] for c in comments], [c["start"] for c in comments], [c["end"] for c in comments])
        memos = []
        for comment, seg_id in zip(comments, found.to_numpy(dtype=object, na_value=None)):
            target = ("coding", comment["codings"][0]) if comment["codings"] else ("segment", seg_id) if seg_id is not None else ("document", comment["doc_id"])
            created = comment["created"]
            memos.append(
                {
                    "memo_id": imported_id("memo", comment["guid"]),
                    "target_type": target[0],
                    "target_id": target[1],
                    "author": comment["author"],
                    "text": normalise_newlines(comment["text"]),
                    "created": self._time(created, f"<PlainTextSelection guid={comment['guid']}>", "creationDateTime") if created else pd.NaT,
                }
            )
        self.report["comments"] = len(memos)
        return memos

    def _description_memos(self) -> list[dict[str, Any]]:
        """The project's own description (a memo on the study) and each case's (a memo on the case).

        A project qlr wrote describes only its export (``Exported by qlr …``): that is not read back.
        """
        readable, _ = _qlr_block(self.root, self.ns, self.path)
        if readable and not self.details and not readable.startswith("Exported by qlr"):
            self._descriptions.insert(0, {"guid": "project", "target": ("study", "project"), "element": self.root, "text": readable})
        memos = []
        for item in self._descriptions:
            element = item["element"]
            created = element.get("creationDateTime")
            memos.append(
                {
                    "memo_id": imported_id("memo", item["guid"]),  # "n-project" for the project's own
                    "target_type": item["target"][0],
                    "target_id": item["target"][1],
                    "author": self._user_names.get(_guid_key(element.get("creatingUser") or element.get("creatingUserGUID")), "unknown"),
                    "text": normalise_newlines(item["text"]),
                    "created": self._time(created, f"<{_local(element.tag)} guid={item['guid']}>", "creationDateTime") if created else pd.NaT,
                }
            )
        return memos

    def _coding(self, coding: ET.Element, doc_id: str, start: int, end: int, users: dict[str, str], code_of_guid: dict[str, str], *, stamp: str | None = None) -> dict[str, Any]:
        ns = self.ns
        guid = self._register(coding.get("guid"), "Coding")
        # What qlr kept of a coding REFI has no place for (its id, origin, assertion…), by GUID.
        _, block = self._block(coding, f"<Coding guid={guid}>")
        coding_id = block.get("coding_id") or imported_id("coding", guid)
        if coding_id in self.kept["coding"]:  # two codings with one id in the details: the second keeps its GUID's
            self.refused.append(f"<Coding guid={guid}> coding_id {coding_id!r} is another coding's")
            coding_id = imported_id("coding", guid)
        self.kept["coding"][coding_id] = guid
        ref = coding.find(f"{ns}CodeRef")
        target = _guid_key(ref.get("targetGUID")) if ref is not None else ""
        if target not in code_of_guid:
            raise QdpxError(f"coding {coding.get('guid')} refers to code {target or '(none)'}, which the codebook does not have", path=self.path, hint="the export is inconsistent; export it again")
        created = coding.get("creationDateTime") or stamp
        coder = users.get(_guid_key(coding.get("creatingUser")), coding.get("creatingUser") or "unknown")
        if coding.get("creatingUser") and _guid_key(coding.get("creatingUser")) not in users:
            self._unknown_coders[coder] = self._unknown_coders.get(coder, 0) + 1
        code_id = code_of_guid[target]
        codebook_id = self._codebook_of.get(code_id)
        row = {
            "coding_id": coding_id,
            "doc_id": doc_id,
            "start": start,
            "end": end,
            "code_id": code_id,
            "coder": coder,
            "origin": "import",
            "codebook": codebook_id,
            "codebook_version": self._version_of.get(codebook_id),
            "created": self._time(created, f"<Coding guid={guid}>", "creationDateTime") if created else pd.NaT,
        }
        row.update({field: block[field] for field in ("origin", "confidence", "indicator", "status", "assertion") if block.get(field) is not None})
        if block.get("weight") is not None:
            self._weights[coding_id] = block["weight"]  # a code weight qlr kept (Dedoose's), study.meta["code_weights"]
        if "created" in block and not (created and pd.isna(row["created"])):  # a damaged creationDateTime stays left out
            row["created"] = block["created"] if block["created"] is not None else pd.NaT
        return row

    def _codebooks(self, codes_node: ET.Element, metas: dict[str, dict[str, Any]], ns: str) -> tuple[dict[str, Any], dict[str, str]]:
        """One Codebook per codebook qlr wrote (its top-level codes say which), else one for all; ``ns`` is the codes' namespace."""
        groups: dict[str, list[ET.Element]] = {}
        for element in codes_node.findall(f"{ns}Code"):
            _, block = self._block(element, f"<Code guid={element.get('guid')}>")
            groups.setdefault(str(block.get("codebook") or ""), []).append(element)
        codebooks: dict[str, Any] = {}
        code_of_guid: dict[str, str] = {}
        self._codebook_of: dict[str, str] = {}
        self._version_of: dict[str, str] = {}
        for codebook_id, elements in groups.items():
            part = ET.Element(f"{ns}Codes")
            part.extend(elements)
            meta = metas.get(codebook_id) or {"name": self.path.stem, "id": re.sub(r"[^a-z0-9]+", "_", ascii_fold(self.path.stem).lower()).strip("_") or "imported"}
            # build_codebook warns of its own leniency; kept out of self.notes so it is said once.
            codebook = build_codebook(part, ns, self.path, meta, [], fields=self.details.get("guids"), origin=self.root.get("origin"))
            codebooks[codebook.id] = codebook
            code_of_guid.update(codebook.guids)
            self.kept["code"][codebook.id] = {code_id: guid for guid, code_id in codebook.guids.items()}
            for code in codebook:
                self._codebook_of[code.id] = codebook.id
            self._version_of[codebook.id] = codebook.version
        return codebooks, code_of_guid

    def _rule_value(self, rule: Any, documents: list[dict[str, Any]], key: str) -> dict[str, str] | None:
        """Apply a mapping, CSV path or pattern rule: {source guid: value}."""
        if isinstance(rule, Mapping):
            if key == "wave":  # the waves in the order the mapping names them: their order, as the user gave it
                self._given_waves = ([str(v) for v in rule.values() if not pd.isna(v)], "the mapping")
            return self._mapped(dict(rule), documents, key, "the mapping")
        constant = _constant_rule(rule, key)
        if constant is not None:
            return {d["guid"]: constant for d in documents}
        if isinstance(rule, (str, os.PathLike)) and not str(rule).startswith(("variable:", "set", "pattern:")) and Path(rule).suffix.lower() == ".csv":
            table = pd.read_csv(rule, dtype=str)
            if not {"source", key} <= set(table.columns):
                raise QdpxError(f"the mapping table needs columns 'source' and {key!r}", path=Path(rule), hint=f"write a CSV with a header line: source,{key}")
            if key == "wave":  # the table's rows name the waves in their order (baseline rows first)
                self._given_waves = ([str(v) for v in table[key] if not pd.isna(v)], f"the table {Path(rule).name}")
            return self._mapped(dict(zip(table["source"], table[key])), documents, key, f"the table {os.fspath(rule)}")
        pattern = _rule_pattern(rule, key)
        if pattern is not None:
            found = {}
            for d in documents:
                match = pattern.search(d["name"])
                if match and match.group(key):
                    found[d["guid"]] = match.group(key)
            if documents and not found:
                # Otherwise the only sign is an empty result (no cases, no waves) with no word on why.
                names = _listed([repr(d["name"]) for d in documents], 5)
                warn(
                    f"{self.path}: the {key} pattern '{rule[len('pattern:') :]}' matched 0 of {len(documents)} sources, so no source has a {key}; "
                    f"the source names are {names}. Fix: write a pattern that matches these names (it is searched anywhere in the name) "
                    f"and import again with --{key} 'pattern:…'",
                    QlrWarning,
                )
            else:
                self._warn_missed(found, documents, key, f"the {key} pattern '{rule[len('pattern:') :]}' matched {{found}} of {{total}} sources", "widen the pattern, or give these sources")
            return found
        return None

    def _mapped(self, mapping: dict[Any, Any], documents: list[dict[str, Any]], key: str, what: str) -> dict[str, str]:
        """{source guid: value} from {source name: value}; names that are no source, and sources left without a value, are said."""
        found = {d["guid"]: str(mapping[d["name"]]) for d in documents if d["name"] in mapping and not pd.isna(mapping[d["name"]])}
        # Sources that were not imported (no text, a picture) are still the project's.
        names = {d["name"] for d in documents} | {str(e.get("name")) for e in self.root.iter() if _local(e.tag).endswith("Source") and e.get("name")}
        unknown = [str(name) for name in mapping if name not in names]
        if unknown:
            # A misspelt name would otherwise leave its source without a case or wave and say nothing.
            warn(
                f"{self.path}: {what} names {len(unknown)} source(s) the project does not have: {_listed(list(map(repr, unknown)), 10)}; "
                f"its sources are {_listed(sorted(map(repr, names)), 10)}. Fix: write each source's name as the project has it",
                QlrWarning,
            )
        self._warn_missed(found, documents, key, f"{what} gave {{found}} of {{total}} sources a {key}", "add rows for these sources, or give them")
        return found

    def _warn_missed(self, found: dict[str, str], documents: list[dict[str, Any]], key: str, said: str, fix: str) -> None:
        """Say which sources a rule gave no value (a kind rule is partial by nature: the rest keep the default kind).

        ``said`` opens the message, with ``{found}`` and ``{total}`` for the counts.
        """
        if len(found) < len(documents) and key != "kind":
            missed = [d["name"] for d in documents if d["guid"] not in found]
            warn(
                f"{self.path}: {said.format(found=len(found), total=len(documents))}; "
                f"{len(missed)} have no {key}: {_listed(list(map(repr, missed)), 10)}. Fix: {fix} a {key} with a mapping "
                f"({{source name: {key}}}) or a CSV (columns source,{key})",
                QlrWarning,
            )

    def _waves_in_names(self, documents: list[dict[str, Any]], source_case: dict[str, str]) -> dict[str, str] | None:
        """Each source's wave from the numbered wave its name gives (``LTC01_P03_TP2_transcript`` is at ``TP2``), as
        loading a folder reads a file's name (:data:`._sections._WAVE_IN_NAME`), for a project that names no wave: where
        every source's name gives one, the names give two waves or more, and some wave or case holds two sources (so
        "Interview 1" … "Interview 13", one each of thirteen people, stay names). None where they do not."""
        from ._sections import _WAVE_IN_NAME

        found = {d["guid"]: match for d in documents if (match := _WAVE_IN_NAME.search(str(d["name"])))}
        if len(documents) < 2 or len(found) < len(documents):
            return None
        words = {match.group(1).casefold() for match in found.values()}
        spelled = next(iter(found.values())).group(1)
        waves = {guid: f"{spelled}{int(match.group(2))}" for guid, match in found.items()}
        held = list(waves.values())
        cases = [(source_case.get(guid), wave) for guid, wave in waves.items() if source_case.get(guid)]
        repeated = len(set(held)) < len(held) or len({case for case, _ in cases}) < len(cases)
        if len(words) > 1 or len(set(held)) < 2 or not repeated:
            return None
        ordered = sorted(set(held), key=lambda wave: int(wave[len(spelled) :]))
        self.inferred.append(
            f"waves read from the sources' names, as loading a folder reads them: {len(documents)} sources at {len(ordered)} waves "
            f"({_listed(ordered, 6)}); import again with wave=… (--wave) to read them otherwise"
        )
        return waves

    def _waves(self, documents: list[dict[str, Any]], source_values: dict[str, dict[str, Any]], source_case: dict[str, str], cases: list[dict[str, Any]], sets: dict[str, list[str]]) -> dict[str, str | None]:
        rule = self.wave_rule
        if rule is None:
            written = {d["guid"]: d["wave_id"] for d in documents if d.get("wave_id")}
            if written:
                return written
            if self._by_qlr and self.details.get("waves") == []:
                # qlr wrote a study with no waves (a manifest that declares none): read back as it was, as its deposit's
                # lists are, not as a first wave its analyses over time would call "complete".
                if documents:
                    self.inferred.append("no wave: qlr wrote this project of a study with no waves, so its documents are at no wave, as they were")
                return {d["guid"]: None for d in documents}
            if (named := self._waves_in_names(documents, source_case)) is not None:
                return named
            if documents:
                # Another tool's project names no wave (REFI-QDA has none): one wave, as a single file loaded is.
                self.notes.append("no wave given (wave=…): every source is put in one wave, W1" + _wave_groups_hint(sets))
                self.inferred.append(
                    "no wave found: the project names none and no wave=… rule was given, so every source is put in one wave, W1; "
                    "import again with --wave variable:NAME, set or 'pattern:…' (wave=… in Python) if the project's sources are of several waves"
                )
            return {d["guid"]: "W1" for d in documents}
        mapped = self._rule_value(rule, documents, "wave")
        if mapped is not None:
            return mapped
        if isinstance(rule, str) and rule.startswith("variable:"):
            name = rule[len("variable:") :]
            by_case = {c["case_id"]: c.get(name) for c in cases}
            found = {}
            for d in documents:
                value = source_values.get(d["guid"], {}).get(name)
                if value is None:
                    value = by_case.get(source_case.get(d["guid"], ""))
                if value is not None:
                    found[d["guid"]] = str(value)
            if not found:
                raise QdpxError(f"no source or case has a variable named {name!r}", path=self.path, hint="check the variable's name in your QDA tool, or use wave='set' or 'pattern:…'")
            return found
        if isinstance(rule, str) and rule.startswith("set"):
            return self._by_sets(rule, "wave", documents, sets)
        raise QdpxError(f"cannot read wave={rule!r}", path=self.path, hint=_rule_hint(rule, "wave"))

    def _by_sets(self, rule: str, key: str, documents: list[dict[str, Any]], sets: dict[str, list[str]]) -> dict[str, str]:
        """``set`` / ``set:REGEX`` for ``key`` (wave or case): {source guid: the name of the first Set holding it}.

        The document groups of ATLAS.ti and MAXQDA are Sets: one per wave ("Wave 1", "W2 - 2024") or one per person
        ("Tenant: Adaeze").  A regular expression with a group named ``key`` gives that part of the Set's name
        (``set:^Tenant: (?P<case>.+)`` reads the case ``Adaeze``), else the whole name; only Sets it matches count.
        """
        option = f"--{key} / {key}="
        pattern = _compiled(rule[4:], f"{option}: {rule!r}") if rule.startswith("set:") else None
        if sets and pattern is not None and not any(pattern.search(name) for name in sets):
            shown = _listed([repr(name) for name in sets], 10)
            warn(
                f"{self.path}: {key}={rule!r} matched 0 of the project's {len(sets)} Sets, so no source has a {key}; the Sets are {shown}. "
                f"Fix: import again with --{key} 'set:REGEX' matching the Sets that are {key}s" + (", or --wave set for all of them" if key == "wave" else ""),
                QlrWarning,
            )
        if not sets:
            # set on a project without Sets would give every source nothing and say nothing.
            warn(
                f"{self.path}: the project has no Sets, so {key}={rule!r} gives no source a {key} (0 {key}s). "
                f"Fix: import again with --{key} 'variable:NAME' (a source{' or case' if key == 'wave' else ''} variable), --{key} 'pattern:(?P<{key}>…)' "
                f"(read from the source names) or --{key} {key}s.csv (columns source,{key})",
                QlrWarning,
            )
        found: dict[str, str] = {}
        twice: dict[str, list[str]] = {}
        # qlr's own "Wave W1" Sets are the waves W1 they were written from, not new waves beside them.
        own = {name: name[len(_WAVE_SET) :] for name in self._qlr_wave_sets if pattern is None or pattern.search(name)} if key == "wave" else {}
        if own:
            self.notes.append(
                f"wave={rule!r}: {len(own)} Set(s) are the waves qlr exported ({_listed([f'{name!r} → {wave}' for name, wave in own.items()], 10)}), "
                "so they are read as those waves, not as new ones"
            )
        for name, members in sets.items():
            match = pattern.search(name) if pattern is not None else None
            if pattern is not None and not match:
                continue
            value = own.get(name) or (match.group(key).strip() if match is not None and key in pattern.groupindex and match.group(key) else name)
            for guid in members:
                if guid in found:
                    twice.setdefault(guid, [found[guid]]).append(name)
                else:
                    found[guid] = value  # the first Set that holds it, in the project's order
        if twice:
            named = {d["guid"]: d["name"] for d in documents}
            shown = _listed([f"{named.get(guid, guid)!r} ({', '.join(map(repr, names))})" for guid, names in twice.items()], 10, separator="; ")
            warn(
                f"{self.path}: {key}={rule!r}: {len(twice)} source(s) are in more than one Set, so their {key} is the first of them: {shown}. "
                f"Fix: import again with --{key} 'set:REGEX' matching only the Sets that are {key}s",
                QlrWarning,
            )
        if key == "case" and sets:
            # a recording's transcript is in the groups its recording is in
            held = {d["guid"]: found[guid] for d in documents if (guid := d["guid"] if d["guid"] in found else d.get("media_guid")) in found}
            self._warn_missed(held, documents, "case", f"{key}={rule!r} gave {{found}} of {{total}} sources a case", "put these sources in a document group, or give them")
        return found

    def _cases(self, documents: list[dict[str, Any]], source_case: dict[str, str], sets: dict[str, list[str]]) -> dict[str, str | None]:
        rule = self.case_rule
        if isinstance(rule, str) and rule.startswith("variable:"):
            return self._case_variable(rule[len("variable:") :], documents)
        if isinstance(rule, str) and rule.startswith("set") and rule[3:4] in ("", ":"):
            return self._by_sets(rule, "case", documents, sets)
        mapped = self._rule_value(rule, documents, "case") if rule is not None else None
        if mapped is not None:
            return mapped
        if self.case_rule is not None:  # was taken as no rule: the project's own cases, and the option said nothing
            raise QdpxError(f"cannot read case={self.case_rule!r}", path=self.path, hint=_rule_hint(self.case_rule, "case"))
        return {d["guid"]: source_case.get(d["guid"], source_case.get(d.get("media_guid") or "", d.get("case_id"))) for d in documents}

    def _case_variable(self, name: str, documents: list[dict[str, Any]]) -> dict[str, str | None]:
        """``case='variable:NAME'``: each source's case is its own variable ``NAME`` (MAXQDA's document variable "Participant").

        A variable no source has is an error naming the variables they have; sources without a value are named in a warning.
        """
        found = {d["guid"]: str(d["values"][name]).strip() for d in documents if d["values"].get(name) is not None and str(d["values"][name]).strip()}
        if documents and not found:
            held = sorted({variable for d in documents for variable in d["values"]})
            raise QdpxError(
                f"case='variable:{name}': no source has a value of the variable {name!r}",
                path=self.path,
                hint=(f"the sources' variables are {_listed(list(map(repr, held)), 10)}: give one of them" if held else "the sources carry no variables: use --case 'pattern:…' or a CSV (source,case)"),
            )
        self._warn_missed(found, documents, "case", f"the variable {name!r} gave {{found}} of {{total}} sources a case", "give these sources the variable in your QDA tool, or give them")
        return found

    def _wave_table(self, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from natsort import natsorted

        # The waves are checked one by one, wherever they are kept: a bad one is left out and counted.
        meta_waves = self._records(self.details.get("waves"), _DETAILS_MEMBER, "waves", ("wave_id", "order", "label", "start", "end"))
        for item in self.root.iter(f"{self.ns}Set"):
            if (item.get("name") or "") == _WAVES_SET:
                where = f"<Set name={_WAVES_SET!r}>"
                _, block = self._block(item, where)
                meta_waves = self._records(block.get("waves"), where, "waves", ("wave_id", "order", "label", "start", "end"))
        if meta_waves:
            waves = [
                {"wave_id": w["wave_id"], "order": w.get("order", position), "label": w.get("label"), "start": w.get("start"), "end": w.get("end")}
                for position, w in enumerate(meta_waves, 1)
            ]
            # A wave whose record was left out (and counted) still has its documents: it comes last.
            known = {w["wave_id"] for w in waves}
            last = max((w["order"] for w in waves if isinstance(w["order"], int)), default=0)
            missing = natsorted({d["wave_id"] for d in documents if d.get("wave_id") and d["wave_id"] not in known})
            return waves + [{"wave_id": w, "order": last + i, "label": w} for i, w in enumerate(missing, 1)]
        found = self._wave_order(documents)
        return [{"wave_id": w, "order": i, "label": w} for i, w in enumerate(found, 1)]

    def _wave_order(self, documents: list[dict[str, Any]]) -> list[str]:
        """The waves the sources were given, in the order :func:`._sections.order_waves` decides (the mapping's own order,
        else the documents' dates, else what the waves' names say of when, else natural order), said in the load notes."""
        from natsort import natsorted

        from ._build import _day
        from ._sections import order_waves

        found = natsorted({d["wave_id"] for d in documents if d.get("wave_id")})
        if len(found) < 2:
            return found
        dates: dict[str, list[date]] = {}
        for doc in documents:
            if doc.get("wave_id") and (day := _day(doc.get("date"))) is not None:
                dates.setdefault(doc["wave_id"], []).append(day)
        given, given_by = self._given_waves or (None, "")
        decided = order_waves(found, dates=dates, given=given, given_by=given_by)
        self.inferred.append(f"waves inferred from wave={self._shown_rule()}, {decided.how}: {', '.join(decided.waves)}")
        self.report["wave_order"] = f"{', '.join(decided.waves)}, {decided.how}"
        if decided.doubt is not None:
            fix = (
                f"if that is not their order, list the first wave's rows first in {given_by}"
                if decided.by == "given"
                else "check the dates; to set the order, give the waves with a table (columns source,wave) whose first rows are the first wave's"
            )
            warn(f"{self.path}: the waves are ordered {decided.how}, {', '.join(decided.waves)}, but {decided.doubt}. Fix: {fix}", InferenceWarning)
        return decided.waves

    def _shown_rule(self) -> str:
        """The wave rule as the load notes show it: a table by its name, a mapping as such."""
        rule = self.wave_rule
        if isinstance(rule, Mapping):
            return "a mapping"
        if isinstance(rule, (str, os.PathLike)) and not str(rule).startswith(("variable:", "set", "pattern:")) and Path(rule).suffix.lower() == ".csv":
            return repr(Path(rule).name)
        return repr(rule)

    def _segments(self, documents: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Segment rows: as qlr wrote them, else by the loader's segmentation (kind, speakers).

        A source segmented here and not dated by qlr is dated by the date its header states
        ("Date of interview: 16 September 2025"), as loading dates a transcript.
        """
        from ._build import header_days, header_note

        rows = []
        headers: list[tuple[dict[str, Any], tuple[date, str]]] = []
        for doc in documents:
            if not doc["text"].strip():
                seen = f" and does not make case {doc['case_id']} present at wave {doc['wave_id']}" if doc.get("case_id") and doc.get("wave_id") else ""
                warn(f"{self.path}: source {doc['name']!r} (document {doc['doc_id']}) is empty; it is kept with no segments{seen}", EmptyDocumentWarning)
            stored = doc.get("segments")
            if stored and not _spans_fit(stored, len(doc["text"])):
                # A tampered or broken [qlr] block: its offsets would quote the wrong words.
                warn(
                    f"{self.path}: the segments stored for {doc['doc_id']} lie outside its text and were left out; it is segmented again",
                    RowsRefusedWarning,
                )
                stored = None
            if stored:
                items = [(list(item) + [None] * 7)[:7] for item in stored]
                found = Segmentation([Segment(start, end, speaker, stamp, stamp_end, when) for start, end, speaker, _, stamp, stamp_end, when in items], [item[3] for item in items])
            else:
                # A REFI-QDA plain text holds one paragraph per line (NVivo, ATLAS.ti; qc codes by line).
                # The roles declared in this document alone (a qlr export's source description) over the study's; the caller's over both.
                roles = {**self.speakers, **{label.lower(): role for label, role in doc.get("roles", {}).items()}, **self._caller_speakers}
                found = self._pdf_turns(doc, roles) or segment_document(doc["text"], strategy=strategy_for(doc["kind"]), speakers=roles, lines_are_paragraphs=True)
                if found.note:
                    self.report["segmentation"].append(f"{doc['doc_id']}: {found.note}")
                if found.doubt:
                    self.report["segmentation"].append(f"{doc['doc_id']}: {found.doubt}")
                    warn(f"{self.path}: source {doc['name']!r} (document {doc['doc_id']}): {found.doubt}", InferenceWarning)
                if doc.get("date") is None and (header := header_date(doc["text"], found.segments)) is not None:
                    headers.append((doc, header))
            rows.extend(segment_rows(doc["doc_id"], doc["text"], found))
        if self._transcript_pdfs:
            self.inferred.append(
                f"{len(self._transcript_pdfs)} PDF text(s) read as interviews, as their lines open with speakers' labels ({_listed(self._transcript_pdfs, 5)}); "
                "import again with --kind (kind=…) to read them otherwise"
            )
        if headers:
            days = header_days([header for _, header in headers], True, known=[when for doc in documents if isinstance(when := doc.get("date"), date)])[0]
            for (doc, _), day in zip(headers, days):
                doc["date"] = day
            self.inferred.append(header_note([(doc["doc_id"], day, line) for (doc, (_, line)), day in zip(headers, days)]))
        return rows

    def _pdf_turns(self, doc: dict[str, Any], roles: dict[str, str]) -> Segmentation | None:
        """A PDF's text that no kind was given for, segmented as an interview where its turns carry two speakers' labels
        or more (a transcript sent as PDF: "Interviewer: …" / "Efua: …"), as loading a folder reads the same text; else None
        (the PDF is a document, read by paragraphs)."""
        if doc["doc_id"] not in self._pdf_texts or doc["kind"] != "document":
            return None
        found = segment_document(doc["text"], strategy=strategy_for("interview"), speakers=roles, lines_are_paragraphs=True)
        if found.note or len({segment.speaker for segment in found.segments if segment.speaker}) < 2:
            return None
        doc["kind"] = "interview"
        self._transcript_pdfs.append(doc["doc_id"])
        return found

    def _note_title(self, note: ET.Element, block: dict[str, Any], target_type: str, target_id: str) -> str | None:
        """A note's name as the memo's title; not the "study: project" qlr names an untitled memo's note by."""
        if "title" in block:  # qlr's details say which title the memo had (None: the name is qlr's own)
            return block["title"]
        name = note.get("name")
        if not name or (self._by_qlr and name == f"{target_type}: {target_id}"):  # an export by a qlr before titles were kept
            return None
        return name

    def _memos(self, users: dict[str, str], notes_on: dict[str, list[str]]) -> list[dict[str, Any]]:
        ns = self.ns
        memos = []
        coded_notes: dict[str, int] = {}
        adrift: list[str] = []  # notes holding a passage that no source refers to
        for note in self.root.iter(f"{ns}Note"):
            guid = self._register(note.get("guid"), "Note")
            coded = sum(1 for _ in note.iter(f"{ns}Coding"))
            if coded:  # NVivo codes memos too; qlr codes documents
                coded_notes[note.get("name") or guid] = coded
            description, block = self._block(note, f"<Note guid={guid}>")
            text = note.findtext(f"{ns}PlainTextContent")
            if text is None and note.get("plainTextPath"):
                data = self._member(note.get("plainTextPath") or "")
                text = data.decode("utf-8-sig", errors="replace") if data is not None else None
                if data is None:  # its text is lost: the memo keeps the description or the name, and says so
                    self.refused.append(f"<Note guid={guid}> ({note.get('name') or 'no name'}): its text file {note.get('plainTextPath')} is not in the archive (kept with its description or name only)")
            if text is None:
                text = note.findtext(f"{ns}Description") or note.get("name") or ""
                description = ""  # it is the memo's text now
            targets = notes_on.get(guid, [])
            other = self._note_targets.get(guid)
            if not targets and other is not None:
                block = {"target_type": other[0], "target_id": other[1], **block}
            created = note.get("creationDateTime")
            memo_id = str(block.get("memo_id") or imported_id("memo", guid))
            self.kept["note"][memo_id] = guid
            target_type = block.get("target_type") or ("document" if targets else "study")
            target_id = block.get("target_id") or (targets[0] if targets else "project")
            passages = note.findall(f"{ns}PlainTextSelection")
            if target_type == "study" and not block.get("target_type") and passages and not coded:  # QualCoder's annotation shape
                adrift.append(repr(normalise_newlines(text)[:40]))
            memos.append(
                {
                    "memo_id": memo_id,
                    "target_type": target_type,
                    "target_id": target_id,
                    "author": block.get("author") or users.get(_guid_key(note.get("creatingUser")), "unknown"),
                    "text": normalise_newlines(text),
                    "created": block["created"] if block.get("created") is not None else self._time(created, f"<Note guid={guid}>", "creationDateTime") if created else pd.NaT,
                    "title": self._note_title(note, block, target_type, target_id),
                    "description": normalise_newlines(description) if description else None,
                }
            )
        if adrift:
            warn(
                f"{self.path}: {len(adrift)} note(s) hold a passage of text but no source refers to them, so the document they are about is not known: "
                f"kept as memos on the study ({_listed(adrift, 5)}). "
                + ("QualCoder's export leaves out the reference from a PDF to its annotations. Fix: read the QualCoder project itself (the .qda folder)" if self.fmt != "qualcoder" and (self.root.get("origin") or "").startswith("QualCoder") else "Fix: export the project again from the QDA tool"),
                QlrWarning,
            )
        if coded_notes:
            shown = _listed([f"{name!r} ({count})" for name, count in coded_notes.items()], 10)
            warn(
                f"{self.path}: {sum(coded_notes.values())} coding(s) in {len(coded_notes)} note(s) are not imported, as qlr codes documents, not memos: {shown}; "
                "the notes' text is kept as memos. Fix: to analyse those passages, add the notes to the project as documents",
                RowsRefusedWarning,
            )
        return memos


#: A group's name that says a wave in a wave's own words: "Wave 1", "W2 - 2024", "T0", "Time point 2", "Round 3",
#: "Sweep 2", "Follow-up 1", "FU2", "Baseline", "Endline", "second wave".  Not "Year 2", "Week 4", "Interview 3" or
#: "Time 1": a school year, a week of a diary or a person's number as often as a wave ("set:REGEX" reads them).
_WAVE_GROUP = re.compile(
    r"(?i)^\s*(?:(?:wave|w|t|time[\s_-]*point|tp|round|sweep|follow[\s_-]*up|fu)\s*#?\s*\d{1,2}|baseline|endline|follow[\s_-]*up"
    r"|(?:first|second|third|fourth|fifth|sixth|final|last)\s+wave)(?:\s*[-–—:,(/].*)?\s*$"
)


def wave_groups(sets: dict[str, list[str]]) -> list[str]:
    """The names of the document groups (Sets) named as waves in a wave's own words (``_WAVE_GROUP``: "Wave 1",
    "W2 - 2024", not "Year 2"), where two or more are and no source is in two of them; else none.

    Examples
    --------
    >>> wave_groups({"Wave 1": ["a"], "W2 - 2024": ["b"], "Tenant: Ann": ["a", "b"]})
    ['Wave 1', 'W2 - 2024']
    >>> wave_groups({"Wave 1": ["a"], "Wave 2": ["a"]})
    []
    >>> wave_groups({"Year 1": ["a"], "Year 2": ["b"]}), wave_groups({"Baseline": ["a"], "Follow-up 1": ["b"]})
    ([], ['Baseline', 'Follow-up 1'])
    """
    from ._sections import wave_place

    timed = [name for name, members in sets.items() if members and _WAVE_GROUP.match(name) and wave_place(name) is not None]
    members = [guid for name in timed for guid in sets[name]]
    return timed if len(timed) >= 2 and len(members) == len(set(members)) else []


def _wave_groups_hint(sets: dict[str, list[str]]) -> str:
    """Where the document groups are named as waves (:func:`wave_groups`), the ``--wave 'set:…'`` option that reads
    exactly them; else nothing.

    Examples
    --------
    >>> _wave_groups_hint({"Wave 1": ["a"], "W2 - 2024": ["b"], "Tenant: Ann": ["a", "b"]})
    "; the document groups 'Wave 1', 'W2 - 2024' are named as waves: import again with --wave 'set:^(?:Wave 1|W2 - 2024)$'"
    >>> _wave_groups_hint({"Tenant: Ann": ["a"]})
    ''
    """
    timed = wave_groups(sets)
    if not timed:
        return ""
    shown = ", ".join(map(repr, timed[:6])) + (" …" if len(timed) > 6 else "")
    names = "|".join(re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", name) for name in timed)  # a space or dash needs no escape on a command line
    return f"; the document groups {shown} are named as waves: import again with --wave 'set:^(?:{names})$'"


#: Selections of a source that are not text: codings on them have no place in a document.
_REGIONS = ("PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection")


def _original_format(source: ET.Element) -> str:
    """The format of the file a PDF or picture source stands for: its name's extension (``pdf``, ``jpg``), else its kind."""
    for value in (source.get("path"), source.get("name")):
        suffix = PurePosixPath((value or "").replace("\\", "/")).suffix.lstrip(".").lower()
        if suffix.isalnum() and len(suffix) <= 5:
            return suffix
    return "pdf" if _local(source.tag) == "PDFSource" else "picture"


def _file_name(path: str | None) -> str | None:
    """A source's name from its text file where the file has one ("board_2017.txt" → "board_2017"),
    not a GUID (qc writes sources without names; the schema allows it)."""
    stem = Path((path or "").strip().replace("\\", "/").split("/")[-1]).stem
    return stem if stem and not is_guid(stem) else None


def _text_file(path: str | None) -> str:
    """A ``plainTextPath`` as a comparable key: without ``internal://`` or a sources folder, in lower case."""
    name = (path or "").strip().replace("\\", "/")
    name = name[len("internal://") :] if name.lower().startswith("internal://") else name
    return name.split("/")[-1].lower()


def _spans_fit(stored: Any, length: int) -> bool:
    """Whether every stored segment is a list starting with whole numbers 0 <= start <= end <= length."""
    if not isinstance(stored, list):
        return False
    for item in stored:
        if not isinstance(item, list) or len(item) < 2:
            return False
        start, end = item[0], item[1]
        if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= length:
            return False
    return True


def _attach_segments(codings: list[dict[str, Any]], segments: pd.DataFrame) -> None:
    """Give every coding row the segment it overlaps most (the shared lookup)."""
    if not codings:
        return
    found = segment_for_spans(segments, [c["doc_id"] for c in codings], [c["start"] for c in codings], [c["end"] for c in codings])
    for coding, seg_id in zip(codings, found.to_numpy(dtype=object, na_value=None)):
        coding["seg_id"] = seg_id
