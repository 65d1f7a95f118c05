"""One page per case beside the report's index: its pen portrait, its placements and their evidence.

A study of hundreds of cases would make one page of tens of megabytes that a
browser takes long to open; each case's page is small and the index links to it.
Up to :data:`INLINE_CASES` cases the index also keeps the portraits and the
placement evidence inline, as it always did.  Pages are static like the index (no
scripts, nothing fetched), every text from the data is escaped, and each is written
atomically; pages of cases no longer reported are removed.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .._atomic import write_text_atomic
from .._names import slug
from ..track._placements import Placements
from ._html import STYLE
from ._html import _esc as esc
from ._html import _evidence as evidence_html
from ._html import _table as table_html

__all__ = ["INLINE_CASES", "case_files", "case_links", "write_case_pages"]

#: Up to this many cases, the index also shows every pen portrait and the evidence of every placement.
INLINE_CASES = 40
_FOLDER = "cases"
_PLACEMENT_COLUMNS = ["wave_id", "facet", "status", "level", "level_name", "band_range", "n_evidence", "confidence", "override_level", "override_reason", "final_level"]


def case_files(case_ids: list[str]) -> dict[str, str]:
    """Each case's page, relative to the index: ``cases/<slug>.html``, numbered where two slugs meet."""
    files: dict[str, str] = {}
    taken: set[str] = set()
    for case in case_ids:
        name, number = slug(str(case)), 1
        while name in taken:
            number += 1
            name = f"{slug(str(case))}-{number}"
        taken.add(name)
        files[case] = f"{_FOLDER}/{name}.html"
    return files


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        f"<nav><a href='../index.html'>← the study report</a></nav><main>{body}</main></body></html>\n"
    )


def write_case_pages(
    folder: Path, *, study_name: str, portraits: dict[str, str], placements: Placements | None, labels: dict[str, Any]
) -> dict[str, str]:
    """Write ``cases/*.html`` (one per case in ``portraits``, in its order) and return each case's file, relative to the index."""
    target = folder / _FOLDER
    target.mkdir(exist_ok=True)
    files = case_files(list(portraits))
    each = _by_case(placements) if placements is not None else {}
    for case, portrait in portraits.items():
        label = labels.get(case)
        heading = esc(case) if label is None or esc(label) in ("", esc(case)) else f"{esc(label)} ({esc(case)})"
        parts = [f"<h1>{heading}</h1><p class='note'>{esc(study_name)}</p>", f"<section id='portrait'><h2>Pen portrait</h2>{portrait}</section>"]
        if placements is not None:
            mine = each.get(case) or Placements(placements.table.iloc[0:0], placements.evidence.iloc[0:0], ladder=placements.ladder, keys=placements.keys, waves=placements.waves)
            rows = mine.table
            columns = [c for c in _PLACEMENT_COLUMNS if c in rows.columns]
            parts.append(
                "<section id='placements'><h2>Placements</h2>"
                + table_html(rows[columns], index=False)
                + "<h3>Evidence</h3>"
                + (evidence_html(mine, rows[rows["status"] != "missing"]) or "<p class='note'>No evidence.</p>")
                + "</section>"
            )
        write_text_atomic(folder / files[case], _page(f"{esc(case)} — {esc(study_name)}", "".join(parts)))
    written = {Path(name).name for name in files.values()}
    for stale in target.glob("*.html"):
        if stale.name not in written:
            stale.unlink()  # a case of an earlier report in this folder
    return files


def _by_case(placements: Placements) -> dict[Any, Placements]:
    """Each case's placements with only its own evidence, split in one pass (a case's quotes are then found among its rows, not the study's)."""
    evidence = dict(iter(placements.evidence.groupby("case_id", sort=False))) if len(placements.evidence) else {}
    return {
        case: Placements(rows, evidence.get(case, placements.evidence.iloc[0:0]), ladder=placements.ladder, keys=placements.keys, waves=placements.waves)
        for case, rows in placements.table.groupby("case_id", sort=False)
    }


def case_links(files: dict[str, str], labels: dict[str, Any]) -> str:
    """The index's list of case pages."""
    items = "".join(
        f"<li><a href='{html.escape(file)}'>{esc(case)}</a>{'' if esc(labels.get(case)) in ('', esc(case)) else ' ' + esc(labels.get(case))}</li>"
        for case, file in files.items()
    )
    return f"<p class='note'>One page per case: pen portrait, placements and their evidence.</p><ul class='cases'>{items}</ul>"
