"""One page per case beside the report's index: its pen portrait, memos on its passages, its placements and their evidence.

A study of hundreds of cases would make one page of tens of megabytes that a
browser takes long to open; each case's page is small and the index links to it.
Up to :data:`INLINE_CASES` cases the index also keeps the portraits and the
placement evidence inline, as it always did.  Pages are static like the index (no
scripts, nothing fetched), every text from the data is escaped, and each is written
atomically; pages of cases no longer reported are removed.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._atomic import write_text_atomic
from .._names import slug
from ..track._placements import CONFIDENCE_WORDS, Placements
from ._html import STYLE
from ._html import _esc as esc
from ._html import _evidence as evidence_html
from ._html import _table as table_html
from ._memos import PassageMemos

__all__ = ["INLINE_CASES", "Detail", "case_files", "case_links", "write_case_pages"]

#: Up to this many cases, the index also shows every pen portrait and the evidence of every placement.
INLINE_CASES = 40
_FOLDER = "cases"
_SECTIONS = "sections"
_PLACEMENT_COLUMNS = ["wave_id", "facet", "status", "level", "level_name", "band_range", "n_evidence", "confidence", "negative_only", "override_level", "override_reason", "final_level"]


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
    folder: Path,
    *,
    study_name: str,
    portraits: dict[str, str],
    placements: Placements | None,
    labels: dict[str, Any],
    memos: PassageMemos | None = None,
    passage_memos: dict[str, str] | None = None,
    codes: Any = None,
) -> dict[str, str]:
    """Write ``cases/*.html`` (one per case in ``portraits``, in its order) and return each case's file, relative to the index.

    ``passage_memos`` holds each case's memos on passages, as HTML
    (:meth:`PassageMemos.of_case`), shown after its portrait; ``memos`` puts
    the memos on an evidence quote's coding or segment under the quote; ``codes`` (the report's codebook) names each
    quote's code as a reader knows it (:meth:`qlr.Codebook.labels`).
    """
    target = folder / _FOLDER
    target.mkdir(exist_ok=True)
    files = case_files(list(portraits))
    each = _by_case(placements) if placements is not None else {}
    for case, portrait in portraits.items():
        label = labels.get(case)
        heading = esc(case) if label is None or esc(label) in ("", esc(case)) else f"{esc(label)} ({esc(case)})"
        parts = [f"<h1>{heading}</h1><p class='note'>{esc(study_name)}</p>", f"<section id='portrait'><h2>Pen portrait</h2>{portrait}</section>"]
        on_passages = (passage_memos or {}).get(case)
        if on_passages:
            parts.append(f"<section id='memos'>{on_passages}</section>")
        if placements is not None:
            mine = each.get(case) or Placements(placements.table.iloc[0:0], placements.evidence.iloc[0:0], ladder=placements.ladder, keys=placements.keys, waves=placements.waves)
            rows = mine.table
            columns = [c for c in _PLACEMENT_COLUMNS if c in rows.columns]
            # Said once on the page, where confidence is first shown: the pen portrait says it above a placed level.
            said_above = esc(CONFIDENCE_WORDS) in portrait
            parts.append(
                "<section id='placements'><h2>Placements</h2>"
                + ("" if said_above else f"<p class='note'>{esc(CONFIDENCE_WORDS)}</p>")
                + table_html(rows[columns], index=False)
                + "<h3>Evidence</h3>"
                + (evidence_html(mine, rows[rows["status"] != "missing"], memos, codes=codes) or "<p class='note'>No evidence.</p>")
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
    return f"<p class='note'>One page per case: pen portrait, memos on its passages, placements and their evidence.</p><ul class='cases'>{items}</ul>"


class Detail:
    """Where a section's case-by-case tables and figures go: the index for a small study, the section's own page for a large one.

    A table or figure with a row per case (the attrition table, the matrices
    per wave, the placements, one plot line per case, a display per case) is
    what makes an index of hundreds of cases slow to open.  With more than
    :data:`INLINE_CASES` cases, each such part is kept back (``detail(key, html)``
    returns ``""``) and written, in order, on ``sections/<key>.html``; the
    index's section then says how many cases it covers and links there.  A small
    study's index is exactly as it was.

    Parameters
    ----------
    n_cases : int
        The cases reported on.
    """

    def __init__(self, n_cases: int) -> None:
        self.n_cases = n_cases
        self.inline = n_cases <= INLINE_CASES
        self.parts: dict[str, list[str]] = {}

    def __call__(self, key: str, part: str) -> str:
        """``part`` itself on a small study's index; on a large one, ``""`` (it goes to the section's page)."""
        if self.inline:
            return part
        self.parts.setdefault(key, []).append(part)
        return ""

    def __bool__(self) -> bool:
        return not self.inline

    def write(self, folder: Path, sections: list[tuple[str, str, str]], *, study_name: str, links: Callable[[str, str], str]) -> list[tuple[str, str, str]]:
        """Write each section's page of kept-back parts; return the sections with a link to it at their end.

        ``links`` rewrites a page's links to the index's anchors (a portrait's
        anchor becomes its case page), given the page's HTML and the prefix from
        its folder to the index's.  Pages of sections no longer kept back are removed.
        """
        target = folder / _SECTIONS
        written = set()
        out = []
        for key, title, content in sections:
            if key in self.parts:
                target.mkdir(exist_ok=True)
                name = f"{slug(key)}.html"
                body = links(f"<h1>{title}</h1><p class='note'>{esc(study_name)}: the tables and figures of every case that the report's index summarises.</p>" + "".join(self.parts[key]), "../")
                write_text_atomic(target / name, _page(f"{title} — {esc(study_name)}", body))
                written.add(name)
                content += (
                    f"<p class='note'>With {self.n_cases:,} cases reported on, this section's tables and figures with a row or line per case are on "
                    f"<a href='{_SECTIONS}/{html.escape(name)}'>a page of their own</a>; above, the totals.</p>"
                )
            out.append((key, title, content))
        if target.exists():
            for stale in target.glob("*.html"):
                if stale.name not in written:
                    stale.unlink()  # a section kept back by an earlier report in this folder
        return out
