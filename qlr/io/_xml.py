"""Untrusted XML from other tools (REFI-QDA projects and codebooks, ELAN files), parsed once, safely."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..errors import QlrError


def parse_untrusted_xml(
    data: bytes, path: Path, *, error: type[QlrError], unsafe_hint: str, malformed_hint: str, member: str | None = None
) -> ET.Element:
    """The root of ``data``, parsed with defusedxml: entity declarations and external references refused.

    Every problem is one ``error`` naming ``path`` (and the line, for XML that is not
    well-formed); ``member`` names the project file the XML is (``project.qde``), inside
    the archive ``path`` unless the two are one, so that the message speaks of a project.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise error(
            f"unsafe XML refused ({type(exc).__name__}: entity declarations and external references are not allowed)", path=path, hint=unsafe_hint
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        if member is None:
            raise error(f"not well-formed XML ({exc})", path=path, line=line, hint=malformed_hint) from None
        inside = "" if member == path.name else f" (the archive's {member})"
        raise error(f"the project file{inside} is not well-formed XML ({exc})", path=path, line=line if not inside else None, hint=malformed_hint) from None
