"""Rich display in Jupyter of a Study and of the result objects: static HTML, no scripts, every value escaped."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from ._words import number_of

if TYPE_CHECKING:
    from .study import Study

# Colour-blind-safe (Okabe–Ito) fills for the attrition grid.
ATTRITION_COLOURS = {
    "present": "#009E73",
    "not yet joined": "#56B4E9",
    "missed": "#E69F00",
    "dropped out": "#D55E00",
    "not scheduled": "#DDDDDD",
    "absent": "#CC79A7",
}

_STYLE = """
<style>
.qlr-study{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:13px;line-height:1.4}
.qlr-study table{border-collapse:collapse;margin:4px 0}
.qlr-study th,.qlr-study td{padding:2px 8px;text-align:left;border-bottom:1px solid #e5e5e5}
.qlr-study td.qlr-cell{width:22px;height:16px;padding:0;border:1px solid #fff}
.qlr-study summary{cursor:pointer;font-weight:600}
.qlr-study .qlr-key{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}
</style>
"""


def _e(value: object) -> str:
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value))


def study_html(study: Study) -> str:
    """Return the HTML shown for ``study`` in a notebook."""
    s = study.summary()
    parts = [_STYLE, '<div class="qlr-study">']
    parts.append(
        f"<div><b>qlr.Study</b> {_e(study.name)}: {number_of(s['cases'], 'case')} × {number_of(s['waves'], 'wave')} × "
        f"{number_of(s['documents'], 'document')} × {number_of(s['words'], 'word')} &nbsp;·&nbsp; "
        f"{number_of(s['segments'], 'segment')} &nbsp;·&nbsp; {number_of(s['codings'], 'coding')} &nbsp;·&nbsp; "
        f"{number_of(s['memos'], 'memo')}</div>"
    )

    if not len(study.cases) and len(study.documents):
        # Said where a notebook user looks, as well as by the import's warning (one shown once): no case, nothing to follow.
        parts.append(
            "<div><b>No cases</b>: its documents belong to no case, so matrices, change and placements are empty. "
            "A project whose tool exported no Cases: read it again with case='pattern:(?P&lt;case&gt;...)' (a regular "
            "expression on each source's name; '(?P&lt;case&gt;.+)' makes each source a case), case='variable:NAME' or "
            "case='set:REGEX'.</div>"
        )

    # Waves
    rows = "".join(
        f"<tr><td>{_e(w.wave_id)}</td><td>{_e(w.label)}</td><td>{_e(_day(w.start))}</td>"
        f"<td>{_e(_day(w.end))}</td></tr>"
        for w in study.waves.itertuples()
    )
    parts.append(
        f"<details open><summary>Waves ({len(study.waves)})</summary><table>"
        f"<tr><th>wave</th><th>label</th><th>start</th><th>end</th></tr>{rows}</table></details>"
    )

    # Attrition grid
    if len(study.cases) and len(study.waves):
        attrition = study.attrition()
        wave_ids = list(study.waves["wave_id"])
        header = "".join(f"<th>{_e(w)}</th>" for w in wave_ids)
        body = []
        for case_id, row in attrition.iterrows():
            cells = "".join(
                f'<td class="qlr-cell" title="{_e(row[w])}" '
                f'style="background:{ATTRITION_COLOURS.get(row[w], "#fff")}"></td>'
                for w in wave_ids
            )
            body.append(
                f"<tr><td>{_e(case_id)}</td><td>{_e(row['role'])}</td>{cells}"
                f"<td>{_e(row['pattern'])}</td></tr>"
            )
        legend = "".join(
            f'<span class="qlr-key" style="background:{colour}"></span>{_e(state)}'
            for state, colour in ATTRITION_COLOURS.items()
        )
        patterns = attrition["pattern"].value_counts()
        summary = ", ".join(f"{count} {_e(pattern)}" for pattern, count in patterns.items())
        parts.append(
            f"<details open><summary>Attrition: {summary}</summary><div>{legend}</div>"
            f"<table><tr><th>case</th><th>role</th>{header}<th>pattern</th></tr>{''.join(body)}"
            f"</table></details>"
        )

    # Documents by kind × wave
    if len(study.documents):
        counts = (
            study.documents.assign(wave_id=study.documents["wave_id"].fillna("(none)"))
            .pivot_table(index="kind", columns="wave_id", values="n_words", aggfunc="count", fill_value=0)
        )
        header = "".join(f"<th>{_e(c)}</th>" for c in counts.columns)
        body = "".join(
            f"<tr><td>{_e(kind)}</td>" + "".join(f"<td>{int(v)}</td>" for v in row) + "</tr>"
            for kind, row in counts.iterrows()
        )
        parts.append(
            f"<details><summary>Documents by kind and wave</summary><table>"
            f"<tr><th>kind</th>{header}</tr>{body}</table></details>"
        )

    # Codings by origin
    if len(study.codings):
        origins = study.codings["origin"].value_counts()
        items = "".join(f"<tr><td>{_e(o)}</td><td>{n:,}</td></tr>" for o, n in origins.items())
        parts.append(f"<details><summary>Codings by origin</summary><table>{items}</table></details>")

    notes = study.meta.get("inferred") or []
    if notes:
        items = "".join(f"<li>{_e(note)}</li>" for note in notes)
        parts.append(f"<details><summary>Inferred by qlr ({len(notes)})</summary><ul>{items}</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def _day(value: object) -> str:
    return "" if value is None or str(value) in ("NaT", "<NA>") else str(value)[:10]


class ResultDisplay:
    """How a result object (``Matrix``, ``Placements``, ``Transitions``, ``Dynamics``, ``Portrait``) shows itself.

    A result says what it is in one line (:meth:`_summary`, after its class
    name) and what to show in a notebook (:meth:`_sections`: captions with a
    table or ready-made HTML); this class turns those into ``repr`` and a
    static, escaped ``_repr_html_`` with no scripts, like the study's own display.
    """

    def _summary(self) -> str:
        """The text after the class name in ``repr``: ``": 4 moves"`` or ``" a × b"``."""
        raise NotImplementedError

    def _sections(self) -> list[tuple[str, Any]]:
        """(caption, DataFrame or HTML string) pairs shown one after another."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}{self._summary()}>"

    def _repr_html_(self) -> str:
        parts = [f"<div class='qlr-result'><div><b>{html.escape(type(self).__name__)}</b>{html.escape(self._summary())}</div>"]
        for caption, content in self._sections():
            if caption:
                parts.append(f"<div><b>{html.escape(caption)}</b></div>")
            if isinstance(content, str):
                parts.append(content)  # already escaped by its maker
            else:
                parts.append(content.to_html(na_rep="—", float_format=lambda v: f"{v:.3g}", escape=True))
        parts.append("</div>")
        return "".join(parts)
