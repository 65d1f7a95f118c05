"""REFI-QDA projects (``.qdpx``): import from NVivo, ATLAS.ti, MAXQDA, QualCoder; export.

The work is split along its phases, one module each:

* :mod:`._archive` — reading the archive safely: in memory (nothing is
  extracted to disk), member names that would leave the archive (``../``,
  absolute paths, drive letters) refused, and an archive whose declared or
  actual uncompressed size passes ``max_bytes`` refused; the XML is parsed
  without DTD entities or external references;
* :mod:`._positions` — selection positions.  The standard says Unicode code
  points from 0, but tools differ — NVivo counts UTF-16 code units (a character
  outside the Basic Multilingual Plane counts twice), ATLAS.ti counts a CRLF line
  break as one, and a byte-order mark may or may not count.  For each source qlr
  tries every convention and keeps the one under which the selections fit:
  inside the text, matching the selection's own text where the file carries it,
  and otherwise starting and ending at word boundaries.  Selections that fit no
  convention are not guessed at: they are left out and listed, with their ids,
  in a warning;
* :mod:`._qdpx_read` — the reader, :func:`read_qdpx`;
* :mod:`._qdpx_write` — the writer, :func:`write_qdpx`.

This module keeps the names other code imports.
"""

from __future__ import annotations

from ..errors import QdpxError
from ._archive import MAX_QDPX_BYTES, PROJECT_NAMESPACE
from ._positions import CONVENTIONS
from ._qdpx_read import read_qdpx
from ._qdpx_write import discounted_codings, overrides_left_out, write_qdpx

__all__ = ["read_qdpx", "write_qdpx", "discounted_codings", "overrides_left_out", "QdpxError", "MAX_QDPX_BYTES", "PROJECT_NAMESPACE", "CONVENTIONS"]
