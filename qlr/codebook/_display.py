"""How a codebook shows itself: a table (``to_frame``), a one-line repr, and HTML for notebooks."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

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


#: Between the names of a nested code's path ("Power / Shared decisions"), as a reader sees a code.
LABEL_PATH = " / "


def _every_column(codebook: Codebook) -> list[str]:
    """Every code's id, then each roll-up that is no code's id (a theme's ``"<theme> (against)"``)."""
    ids = [code.id for code in codebook]
    return ids + [r for r in dict.fromkeys(codebook.rollup(i) for i in ids) if r not in set(ids)]


def code_labels(codebook: Codebook | None, ids: object = None, *, names: bool = True) -> dict[str, str]:
    """id → what a reader sees for it (see :meth:`Codebook.labels`): the one rule every figure, report table and
    printed table reads. ``names=False`` gives the ids (each id as itself)."""
    from ._model import AGAINST  # a theme's roll-up of the codes that count against it (Codebook.rollup)

    if codebook is None:
        return {str(i): str(i) for i in (ids if ids is not None else [])}  # type: ignore[attr-defined]  # an Index or array too
    # By default every code's id and every theme's roll-up of the codes against it ("<theme> (against)", a column of
    # every theme-level table), so frame.rename(columns=codebook.labels()) names all of a table's columns.
    wanted = [str(i) for i in ids] if ids is not None else _every_column(codebook)  # type: ignore[attr-defined]
    if not names:
        return {i: i for i in wanted}
    codes = {code.id: code for code in codebook}

    def path(code_id: str) -> list[str]:
        steps, at = [], codes[code_id]
        while True:
            steps.insert(0, at.name.strip() or at.id)
            if at.parent is None or at.parent not in codes:
                return steps
            at = codes[at.parent]

    # Judged over the whole codebook, so a code reads the same in every table and figure whatever else is shown.
    paths = {code_id: path(code_id) for code_id in codes}
    by_name: dict[str, list[str]] = {}
    for code_id, steps in paths.items():
        by_name.setdefault(_reads_as(steps[-1]), []).append(code_id)
    label = {code_id: steps[-1] if len(by_name[_reads_as(steps[-1])]) == 1 else LABEL_PATH.join(steps) for code_id, steps in paths.items()}
    # A theme's roll-up of the codes against it reads as its theme with " (against)": judged with the rest, so a code
    # named "Power (against)" is told from theme Power's roll-up.
    for rollup in {codebook.rollup(code_id) for code_id in codes} - set(codes):
        if rollup.endswith(AGAINST) and rollup[: -len(AGAINST)] in label:
            label[rollup] = label[rollup[: -len(AGAINST)]] + AGAINST
    # The id only where two codes would read alike (case and spacing aside): the last part of it where that tells them
    # apart, else the whole id (which no two codes share); again while a label still reads as another's, as a code
    # named "Open [open]" beside "Open" and "open" would.
    for _ in range(len(label)):
        alike: dict[str, list[str]] = {}
        for code_id, text in label.items():
            alike.setdefault(_reads_as(text), []).append(code_id)
        clashes = [same for same in alike.values() if len(same) > 1]
        if not clashes:
            break
        for same in clashes:
            tails = [code_id.rsplit(".", 1)[-1] for code_id in same]
            for code_id, tail in zip(same, tails):
                label[code_id] += f" [{tail if tails.count(tail) == 1 and not label[code_id].endswith(']') else code_id}]"
    out = {}
    for i in wanted:
        if i in label:
            out[i] = label[i]
        elif i.endswith(AGAINST) and i[: -len(AGAINST)] in label:
            out[i] = label[i[: -len(AGAINST)]] + AGAINST  # a theme's roll-up of the codes against it
        else:
            out[i] = i
    return out


def _reads_as(text: str) -> str:
    """What a label reads as to a person: case and runs of spaces aside ("Open  door" reads as "open door")."""
    return " ".join(text.split()).casefold()


def with_code_names(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """``frame`` (a ``code_id`` column) with a ``code`` column beside it: what a reader knows each code by (``labels``,
    from :func:`code_labels`); the ``overall`` row, and a code ``labels`` lacks, as its id. The agreement tables'
    one naming, the report's ``coder_agreement.csv`` and ``qlr agreement -o``'s alike."""
    ids = frame["code_id"].astype("string")
    code = ids.map(pd.Series(labels, dtype="string")).where(ids != "overall", "overall").fillna(ids)
    at = list(frame.columns).index("code_id") + 1
    out = frame.drop(columns="code") if "code" in frame.columns else frame.copy()
    out.insert(min(at, len(out.columns)), "code", code.astype(object))
    return out


def study_code_labels(study: Any, ids: object) -> dict[str, str]:
    """id → label (:func:`code_labels`) of codes of any of ``study``'s codebooks, or of a bundled codebook its codings
    name that it does not hold (a study folder's double-coded ``coproduction`` codings, before ``apply``); an id none
    holds is shown as it is."""
    from . import bundled_codebooks, read_codebook

    wanted = [str(i) for i in ids]  # type: ignore[attr-defined]
    out = {i: i for i in wanted}
    held = dict(getattr(study, "codebooks", None) or {})
    codings = getattr(study, "codings", None)
    named = [] if codings is None or "codebook" not in codings.columns else codings["codebook"].dropna().astype(str).unique()
    bundled = [read_codebook(name) for name in named if name not in held and name in bundled_codebooks()]
    for codebook in reversed([*held.values(), *bundled]):  # the first codebook holding an id wins, the study's own first
        known = [i for i in wanted if i in codebook]
        out.update(code_labels(codebook, known))
    return out
