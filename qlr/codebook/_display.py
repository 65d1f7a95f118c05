"""How a codebook shows itself: a table (``to_frame``), a one-line repr, and HTML for notebooks."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

from .._output import safe_colour

if TYPE_CHECKING:
    from ._model import Codebook, Evidence, LineageStep

__all__: list[str] = []


def codebook_frame(codebook: Codebook) -> pd.DataFrame:
    """One row per theme and code (see :meth:`Codebook.to_frame`)."""
    codes = {code.id: code for code in codebook}
    rows = []
    for code in codes.values():
        depth = 0
        node = code
        while node.parent is not None:
            depth += 1
            node = codes[node.parent]
        rows.append(
            {
                "code_id": code.id,
                "name": code.name,
                "kind": code.kind,
                "parent": code.parent,
                "theme": node.id,
                # Where its codings count in theme-level views: the theme, or "<theme> (against)".
                "rollup": codebook.rollup(code.id),
                "depth": depth,
                "definition": code.definition,
                "include": code.include,
                "exclude": code.exclude,
                "n_examples": len(code.examples),
                "n_indicators": len(code.indicators),
                "evidence": "; ".join(_evidence_text(e) for e in code.evidence) or None,
                "colour": codebook.colour_of(code.id),
            }
        )
    frame = pd.DataFrame(rows).set_index("code_id")
    for column in ("name", "kind", "parent", "theme", "rollup", "definition", "include", "exclude", "evidence", "colour"):
        frame[column] = frame[column].astype("string")
    return frame



def codebook_repr(codebook: Codebook) -> str:
    """``<Codebook 'id' version: n themes, n codes, ladder …>``."""
    ladder = ""
    if codebook.ladder is not None:
        ladder = f", ladder {codebook.ladder.name!r} ({len(codebook.ladder.levels)} levels, {len(codebook.ladder.facets)} facets)"
    return f"<Codebook {codebook.id!r} {codebook.version}: {len(codebook.themes)} themes, {len(codebook.codes)} codes{ladder}>"



def codebook_html(codebook: Codebook) -> str:
    """Collapsible sections: the ladder, each theme's codes, the lineage; text escaped, no scripts."""
    e = html.escape
    parts = [
        '<div style="font-family:system-ui,sans-serif;font-size:13px">',
        f"<b>Codebook</b> {e(codebook.name)} <code>{e(codebook.id)}</code> version {e(codebook.version)}: "
        f"{len(codebook.themes)} themes, {len(codebook.codes)} codes",
    ]
    if codebook.description:
        parts.append(f"<div>{e(codebook.description)}</div>")
    if codebook.ladder is not None:
        levels = ", ".join(
            f"{lv.value} {e(lv.name)}" + (f" ({e(lv.band)})" if lv.band else "") for lv in codebook.ladder.levels
        )
        facets = ", ".join(e(f.name) for f in codebook.ladder.facets) or "—"
        parts.append(
            f"<details><summary>Ladder: {e(codebook.ladder.name)}</summary><div>Levels: {levels}</div>"
            f"<div>Facets: {facets}</div><div>Placement: {e(str(dict(codebook.ladder.placement)))}</div></details>"
        )
    for theme in codebook.themes:
        swatch = f'<span style="display:inline-block;width:10px;height:10px;background:{e(safe_colour(theme.colour, default="#999"))}"></span> '
        rows = []
        for code in codebook._descendants(theme.id):
            evidence = "; ".join(_evidence_text(ev) for ev in code.evidence)
            rows.append(
                f"<tr><td><code>{e(code.id)}</code></td><td>{e(code.name)}</td>"
                f"<td>{e(code.definition or '')}</td><td>{len(code.indicators)}</td><td>{e(evidence)}</td></tr>"
            )
        parts.append(
            f"<details><summary>{swatch}{e(theme.name)} ({len(rows)})</summary>"
            '<table style="border-collapse:collapse"><tr><th>id</th><th>name</th><th>definition</th>'
            f"<th>indicators</th><th>evidence</th></tr>{''.join(rows)}</table></details>"
        )
    if codebook.lineage:
        items = "".join(f"<li>{e(_lineage_text(step))}</li>" for step in codebook.lineage)
        parts.append(f"<details><summary>Lineage ({len(codebook.lineage)})</summary><ul>{items}</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def _evidence_text(evidence: Evidence) -> str:
    sign = "+" if evidence.polarity == "positive" else "−"
    facet = f" {evidence.facet}" if evidence.facet else ""
    return f"{sign}{evidence.level}{facet}"


def _lineage_text(step: LineageStep) -> str:
    if step.action == "renamed":
        return f"{step.version}: renamed {step.sources[0]} → {step.targets[0]}"
    if step.action == "merged":
        return f"{step.version}: merged {', '.join(step.sources)} → {step.targets[0]}"
    return f"{step.version}: split {step.sources[0]} → {', '.join(step.targets)}"
