"""Row ids of the Study tables, made (and read back) in one place.

Each id says where its row came from, by a one-letter prefix:

======  ==========================================================================
``r-``  rule coding: a digest of document, span, code and codebook, so re-coding
        the same text gives the same id (``h-`` human, ``m-`` model likewise,
        with the coder in the digest)
``i-``  coding imported from a REFI-QDA project: the whole GUID of the coding
``m-``  memo: a digest of its target, author, time and a counter
``n-``  memo imported from a REFI-QDA project: the whole GUID of the note
``o-``  placement override: a digest of group, facet and time
======  ==========================================================================

Segment ids are ``"{doc_id}:{position:04d}"`` (``"C01_W1_interview:0003"``), so
they sort with their document and say which document they belong to.

Saved projects store these ids, so their formats must not change; only the
imported ids grew from the first 12 characters of a GUID to the whole GUID,
because two GUIDs can share their first 12 characters.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

__all__ = ["coding_id", "memo_id", "override_id", "imported_id", "segment_id", "document_of_segment"]

_DIGEST = 12  # hexadecimal digits kept of a sha1 digest


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:_DIGEST]


def coding_id(origin: str, doc_id: str, start: int, end: int, code_id: str, extra: str = "") -> str:
    """A stable id for a coding: the same coding of the same text gets the same id.

    Parameters
    ----------
    origin : str
        ``"rules"``, ``"human"`` or ``"model"``; its first letter is the prefix.
    doc_id, start, end : str, int, int
        The coded span.
    code_id : str
        The code applied.
    extra : str
        What else tells two codings of the span apart: the codebook id for rule
        codings, the coder for human and model codings.

    Returns
    -------
    str
        ``"<letter>-"`` and 12 hexadecimal digits.

    Examples
    --------
    >>> coding_id("rules", "C01_W1_interview", 10, 42, "reciprocity", "coproduction")
    'r-f6823de11ddd'
    >>> coding_id("human", "C01_W1_interview", 10, 42, "reciprocity", "rm") == coding_id("human", "C01_W1_interview", 10, 42, "reciprocity", "so")
    False
    """
    return f"{origin[0]}-{_digest(doc_id, start, end, code_id, extra)}"


def memo_id(target_type: str, target_id: str, author: str, created: datetime, counter: int) -> str:
    """The id of a new memo; ``counter`` (the number of memos so far) keeps same-instant memos apart.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> memo_id("case", "C01", "rm", datetime(2025, 1, 2, tzinfo=timezone.utc), 0)
    'm-febabbc3ebab'
    """
    # The digest reads like a coding id's over (target_type, 0, 0, target_id), as memo ids always have.
    return f"m-{_digest(target_type, 0, 0, target_id, f'{author}{created.isoformat()}{counter}')}"


def override_id(group: str, facet: str | None, created: datetime) -> str:
    """The id of a new placement override (``group`` is the group's JSON text).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> override_id('{"case": "C05", "wave": "W3"}', None, datetime(2025, 1, 2, tzinfo=timezone.utc))
    'o-500f62d74828'
    """
    return "o-" + hashlib.sha1(f"{group}{facet}{created.isoformat()}".encode()).hexdigest()[:_DIGEST]


def imported_id(kind: str, guid: str) -> str:
    """The id of a coding (``kind="coding"``) or memo (``"memo"``) imported with a GUID.

    The whole GUID is kept (lower case, braces removed): GUIDs are unique in a
    project, their first characters are not.

    Examples
    --------
    >>> imported_id("coding", "{0E6F2A1C-77B4-4F0E-9C1D-2B5A8E3F4D10}")
    'i-0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10'
    >>> imported_id("memo", "0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10")
    'n-0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10'
    """
    prefix = {"coding": "i-", "memo": "n-"}[kind]
    return prefix + guid.strip().strip("{}").lower()


#: A GUID as the REFI-QDA standard writes one: any case, braces allowed.
_GUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")


def is_guid(value: str) -> bool:
    """Whether a value is a GUID as the REFI standard writes one (any case, braces allowed).

    Parameters
    ----------
    value : str
        An id a file gave something.

    Returns
    -------
    bool
        True for a GUID; False for an id a tool numbered ("c001").

    Examples
    --------
    >>> is_guid("A182CD3A-0000-4000-8000-000000000001"), is_guid("{a182cd3a-0000-4000-8000-000000000001}"), is_guid("c001")
    (True, True, False)
    """
    return _GUID.fullmatch(value) is not None


def segment_id(doc_id: str, position: int) -> str:
    """The id of a document's segment at ``position`` (0-based, in text order).

    Examples
    --------
    >>> segment_id("C01_W1_interview", 3)
    'C01_W1_interview:0003'
    """
    return f"{doc_id}:{position:04d}"


def document_of_segment(seg_id: str) -> str:
    """The document id inside a segment id (document ids may themselves hold colons).

    Examples
    --------
    >>> document_of_segment("C01_W1_interview:0003")
    'C01_W1_interview'
    >>> document_of_segment("a:b:0012")
    'a:b'
    """
    return seg_id.rsplit(":", 1)[0]
