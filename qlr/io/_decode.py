"""Kept for ``io/_qdpx.py`` while it is rewritten on another branch: decoding lives in :mod:`qlr._decode`."""

from __future__ import annotations

from .._decode import decode_bytes, normalise_newlines

__all__ = ["decode_bytes", "normalise_newlines"]
