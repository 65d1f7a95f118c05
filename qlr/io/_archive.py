"""Reading a ``.qdpx`` archive safely: in memory, member names and sizes checked.

``.qdpx`` files come from other people.  The archive is read in memory (nothing
is extracted to disk), member names that would leave the archive (``../``,
absolute paths, drive letters) are refused, and so is an archive whose declared
or actual uncompressed size passes ``max_bytes`` (a zip bomb).  The XML inside
is parsed by :func:`qlr.io._qdc.parse_xml` (defusedxml: no DTD entities, no
external references).  The names of the project format live here too, for the
reader and the writer alike.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .._warned import warn
from ..errors import QdpxError, QlrWarning

__all__ = ["MAX_QDPX_BYTES", "PROJECT_NAMESPACE"]

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
#: Largest total uncompressed size of an archive qlr reads (bytes); pass ``max_bytes`` to change it.
MAX_QDPX_BYTES = 1024 * 1024 * 1024
# The names of the sets in which qlr keeps what the standard has no place for.
_QLR_SET = "qlr codebook"
_WAVE_SET = "Wave "
_WAVES_SET = "qlr waves"
def _wave_set_guid(wave_id: str) -> str:
    """The GUID qlr gives the Set of a wave it exports (the same each time), so a reader knows that Set for qlr's."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"qlr:set:{wave_id}"))


#: The GUID qlr's export gives its "Wave" variable (the writer's ``_uuid("variable", "Wave")``, the same each time): a
#: project read without qlr's details file (after NVivo) knows that variable for qlr's wave, not a case attribute.
_WAVE_VARIABLE_GUID = str(uuid.uuid5(uuid.NAMESPACE_URL, "qlr:variable:Wave"))


# The archive member where qlr keeps its own details of a project, by GUID (written since issue 14).
_DETAILS_MEMBER = "qlr/details.json"
# How a qlr export's project description names the speaker roles study.yaml declared, read back when a tool drops the
# details file (NVivo): "Speaker roles from study.yaml: Carer = other; INT = interviewer."
_DECLARED_ROLES = "Speaker roles from study.yaml:"
# How a source's description names the roles study.yaml declared in that document alone (a label whose role differs by
# document, or one declared in some documents only): "Speaker roles in this document: SPEAKER_00 = interviewer."
_DOCUMENT_ROLES = "Speaker roles in this document:"
# How a source's description names the speakers who are the study's cases there (study.yaml's `speakers: {Ben: ben}`,
# or a focus group's speakers read by the cases' names), each by the name its case is exported under, after the roles:
# "Speakers who are the study's cases in this document: Ben = ben." qlr's details file keeps them too.
_DOCUMENT_CASES = "Speakers who are the study's cases in this document:"
# How that sentence joins the cases of a joint voice, a label several cases speak at once ("Dai and Kwame", "Both"):
# "Dai and Kwame = P01 + P05".
_JOINT_CASES = " + "


def _project_bytes(path: Path, max_bytes: int) -> tuple[dict[str, bytes], bytes, str]:
    """(the archive's members, the project XML, its member name) of a ``.qdpx``, or (no members, the file, its name) of a bare ``.qde``."""
    head = path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"<"):
        return _sources_beside(path, max_bytes), path.read_bytes(), path.name
    members = _safe_members(path, max_bytes)
    member = _project_member(members, path)
    return members, members[member], member


def _sources_beside(path: Path, max_bytes: int) -> dict[str, bytes]:
    """The files of the ``sources`` folder (``Sources`` too) beside a bare ``.qde`` (a project unzipped), as archive members.

    Only regular files inside that folder (a link out of it is not followed), up to ``max_bytes`` in all.
    """
    folder = _sources_folder(path)
    if folder is None:
        return {}
    inside = folder.resolve()
    members: dict[str, bytes] = {}
    total = 0
    for file in sorted(folder.iterdir()):
        if not file.is_file() or file.resolve().parent != inside:
            continue
        total += file.stat().st_size
        if total > max_bytes:
            raise QdpxError(f"the sources folder beside the project holds more than {max_bytes:,} bytes", path=folder, hint="import the .qdpx instead")
        members[f"sources/{file.name}"] = file.read_bytes()
    return members


def _sources_folder(path: Path) -> Path | None:
    """The folder beside ``path`` named ``sources`` in any case (NVivo writes ``Sources``); the exact ``sources`` first."""
    found = sorted(item for item in path.parent.iterdir() if item.name.lower() == "sources" and item.is_dir())
    if not found:
        return None
    exact = [item for item in found if item.name == "sources"]
    if len(found) > 1:  # only on a file system that tells case apart
        chosen = exact[0] if exact else found[0]
        others = ", ".join(repr(item.name) for item in found if item != chosen)
        warn(
            f"{path}: beside the project are folders whose names differ only by case ({', '.join(repr(item.name) for item in found)}); "
            f"the sources are read from {chosen.name!r}, not from {others}. Fix: keep one sources folder beside the .qde",
            QlrWarning,
        )
        return chosen
    return found[0]


def _safe_members(path: Path, max_bytes: int) -> dict[str, bytes]:
    """Every member of the archive, in memory, after the safety checks."""
    archive = _checked_archive(path, max_bytes)
    members: dict[str, bytes] = {}
    total = 0
    try:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename.replace("\\", "/")
            members[name] = _read_member(archive, info, path, max_bytes, total)
            total += len(members[name])
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise QdpxError(f"the archive is damaged or its sizes are false ({exc})", path=path, hint="do not trust this file; export the project again") from None
    return members


def _checked_archive(path: Path, max_bytes: int) -> zipfile.ZipFile:
    """The archive, once no member name leaves it and the declared sizes are within the limit."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):  # a zip's first member, but no directory at the end: cut short
            raise QdpxError(
                f"the archive is cut short ({len(data):,} bytes, and the zip's directory at its end is missing)",
                path=path,
                hint="download or copy the .qdpx again whole, or export it again from the QDA tool",
            )
        raise QdpxError("this is not a .qdpx project (a .qdpx is a zip archive)", path=path, hint="export the project again from your QDA tool as REFI-QDA (.qdpx)")
    archive = zipfile.ZipFile(io.BytesIO(data))
    _check_members(archive, path, max_bytes)
    return archive


def _check_members(archive: zipfile.ZipFile, path: Path, max_bytes: int) -> None:
    """Refuse an archive (read from ``path``, or a zip inside it) whose member names leave it, whose members are
    encrypted, or whose declared sizes pass ``max_bytes``; what the members really expand to is counted as they are read
    (:func:`_read_member`)."""
    declared = 0
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise QdpxError(
                f"refused: the archive member {info.filename!r} would be written outside the project folder",
                path=path,
                hint="this file is not a genuine export; do not open it",
            )
        if info.flag_bits & 0x1:
            raise QdpxError(
                f"the archive member {info.filename!r} is encrypted",
                path=path,
                hint="export the project again without a password (qlr does not open protected archives)",
            )
        declared += info.file_size
    if declared > max_bytes:
        raise QdpxError(
            f"refused: the archive declares {declared:,} bytes uncompressed, over the limit of {max_bytes:,}",
            path=path,
            hint="if the project really is this large, pass max_bytes= with a higher limit",
        )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, max_bytes: int, total: int) -> bytes:
    """One member, counting the bytes actually produced against the limit (zip bombs)."""
    chunks = []
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise QdpxError(
                    f"refused: the archive expands past {max_bytes:,} bytes (its sizes are false: a zip bomb?)",
                    path=path,
                    hint="do not open this file; if it is genuine, pass max_bytes= with a higher limit",
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _project_member(members: dict[str, bytes], path: Path) -> str:
    top = [n for n in members if "/" not in n and n.lower().endswith(".qde")]
    preferred = [n for n in top if n.lower() == "project.qde"]
    if preferred:
        return preferred[0]
    if len(top) == 1:
        return top[0]
    raise QdpxError(
        "the archive holds no project.qde" if not top else f"the archive holds several .qde files ({', '.join(top)})",
        path=path,
        hint="a .qdpx holds one project.qde and its sources; export it again",
    )
