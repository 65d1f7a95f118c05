"""Report sections on change in talk and in time: epistemic networks by wave, and the time-ordered displays.

``write_report`` calls :func:`sections_over_time`; each section is built from
the public functions (:func:`qlr.net.ena`, :mod:`qlr.track`'s displays), so the
report and a notebook give the same numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import SelectionError
from ._cases import Detail
from ._html import _esc, _figure, _table

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study
    from ..track import Placements

#: Connections listed with their quotes, and quotes shown per connection.
_TOP_CONNECTIONS, _QUOTES_EACH = 3, 3


def sections_over_time(study: Study, focus: Study, cb: Any, *, placements: Placements | None, figures: Path, scope: str, detail: Detail | None = None) -> tuple[list[tuple[str, str, str]], dict[str, pd.DataFrame]]:
    """The epistemic-network and time-ordered-display sections, and the tables they save (a large study's displays of every case go where ``detail`` puts them)."""
    saved: dict[str, pd.DataFrame] = {}
    sections = [ena_section(focus, cb, figures=figures, scope=scope, saved=saved), displays_section(study, focus, cb, placements=placements, scope=scope, saved=saved, detail=detail)]
    return sections, saved


def ena_section(focus: Study, cb: Any, *, figures: Path, scope: str, saved: dict[str, pd.DataFrame]) -> tuple[str, str, str]:
    """Epistemic networks of case × wave units, the last wave against the first (means rotation)."""
    from .. import net, plot

    title = f"Epistemic networks by wave{scope}"
    waves = [w for w in focus.waves["wave_id"] if w in set(focus.documents["wave_id"].dropna())]
    if len(waves) < 2:
        return ("ena", title, "<p class='note'>Epistemic networks compare waves; this selection has fewer than two.</p>")
    first, last = waves[0], waves[-1]
    try:
        model = net.ena(focus, rotation=(last, first), codebook=cb)
        test = model.compare(last, first)
    except SelectionError as error:
        return ("ena", title, f"<p class='note'>No epistemic network could be made: {_esc(error)}</p>")
    difference = model.difference(last, first)
    name = dict(zip(model.nodes["code"], model.nodes["name"]))
    named = difference.assign(connection=difference["code_a"].map(name) + " & " + difference["code_b"].map(name))
    saved["ena_units"] = model.units
    saved["ena_connections"] = difference
    saved["ena_nodes"] = model.nodes
    settings = model.settings
    per_connection = (
        f"Wilcoxon signed-rank per connection, each case at {_esc(last)} against itself at {_esc(first)}; effect size the matched-pairs rank-biserial r"
        if test["paired"].iloc[0]
        else "Mann–Whitney U per connection; effect size the rank-biserial r"
    )
    parts = [
        "<p class='note'>Units are case × wave; each document is a conversation; a stanza is a participant turn and the "
        f"{settings['window'] - 1} participant turns before it (interviewer turns take no place: <code>speakers='participants'</code>); "
        "nodes are themes, a theme's codes that are evidence against it a node of their own (&ldquo;(against)&rdquo;). Each unit's connections are scaled to length one, centred, and projected so that the first axis (MR1) "
        f"runs from the {_esc(first)} mean to the {_esc(last)} mean (means rotation); codes are placed by co-registration. "
        "Method: Shaffer, Collier &amp; Ruis (2016); Bowman et al. (2021). See docs/ena.md.</p>",
        _figure(plot.ena_units(model).figure, "ena_units", figures, "Units (case × wave) with each wave's mean and 95% confidence intervals"),
        _figure(plot.ena_difference(model, last, first).figure, "ena_difference", figures, f"Where the {last} and {first} networks differ: each connection in the colour of the wave where it is stronger"),
        f"<h3>{_esc(last)} against {_esc(first)} on MR1</h3>",
        _table(test[["test", "n_first", "n_second", "mean_first", "mean_second", "statistic", "p", "effect", "effect_size"]].assign(p=test["p"].map(_p)).rename(columns={"n_first": f"n {last}", "n_second": f"n {first}", "mean_first": f"mean {last}", "mean_second": f"mean {first}", "effect_size": "effect size"}), index=False, digits=3),
        _pairing_note(test, first, last),
        "<p class='note'>Goodness of fit (correlation of points with their networks' centroids):</p>",
        _table(model.fit, index=False, digits=3),
        "<h3>Connections that changed most</h3>",
        _table(named.head(8).assign(p=named["p"].head(8).map(_p)).rename(columns={"weight_first": f"mean weight {last}", "weight_second": f"mean weight {first}", "effect_size": "effect size (r)"}).drop(columns=["code_a", "code_b", "paired", "unpaired"]), index=False, digits=3),
        f"<p class='note'>{per_connection} "
        f"(positive: stronger at {_esc(last)}; +1 when every case moved that way). Below, the three clearest changes (smallest p): open one for the stanzas that made it, one per case × wave.</p>",
    ]
    # The clearest changes (smallest p), each with stanzas from different case × waves.
    clearest = named.dropna(subset=["p"]).sort_values(["p", "difference"], key=lambda v: v.abs() if v.name == "difference" else v, kind="stable")
    for row in clearest.head(_TOP_CONNECTIONS).itertuples():
        stronger = last if row.difference > 0 else first
        rows = model.stanzas(row.code_a, row.code_b, group=stronger).drop_duplicates(subset=settings["units"]).head(_QUOTES_EACH)
        quotes = "".join(
            f"<div class='note'>{_esc(' '.join(str(getattr(r, c)) for c in settings['units']))}, stanza {_esc(r.stanza_from)} to {_esc(r.seg_id)}</div>"
            f"<blockquote dir='auto'><b>{_esc(name[row.code_a] if r.seg_b != r.seg_a else f'{name[row.code_a]} and {name[row.code_b]}')}</b>: {_esc(r.quote_a)}</blockquote>"
            + ("" if r.seg_b == r.seg_a else f"<blockquote dir='auto'><b>{_esc(name[row.code_b])}</b>: {_esc(r.quote_b)}</blockquote>")
            for r in rows.itertuples()
        )
        parts.append(f"<details><summary>{_esc(row.connection)}: stronger at {_esc(stronger)} (r = {row.effect_size:.2f}, p = {row.p:.2g})</summary>{quotes}</details>")
    return ("ena", title, "".join(parts))


def _pairing_note(test: pd.DataFrame, first: Any, last: Any) -> str:
    """Say how the units were compared, and which were left out for want of a partner."""
    if not test["paired"].iloc[0]:
        return "<p class='note'>Mann–Whitney U and Welch's t treat the units as independent.</p>"
    left = int(test["unpaired"].iloc[0])
    return (
        f"<p class='note'>Each case is compared with itself: its point at {_esc(last)} against its point at {_esc(first)} "
        f"(Wilcoxon signed-rank, with the matched-pairs rank-biserial r: +1 when every case moved towards {_esc(last)}; and the paired t, with Cohen's d<sub>z</sub>). "
        f"n counts the cases seen at both waves{'' if not left else f'; {left} case × wave units without the other wave are left out of the test (they are in the figure)'}.</p>"
    )


def _p(value: float) -> str:
    """A p-value as read in a table: two significant figures, or "< 0.001"."""
    return "" if pd.isna(value) else "< 0.001" if value < 0.001 else f"{value:.2g}"


def displays_section(study: Study, focus: Study, cb: Any, *, placements: Placements | None, scope: str, saved: dict[str, pd.DataFrame], detail: Detail | None = None) -> tuple[str, str, str]:
    """The time-ordered matrix (a table per case), the case-ordered meta-matrix per facet, and the event listing."""
    from .. import track

    detail = detail if detail is not None else Detail(0)

    parts = ["<p class='note'>After Miles, Huberman &amp; Saldaña (2014), ch. 8. Each cell holds a count or a level and the passage behind it.</p>"]
    ordered = track.time_ordered_matrix(focus, codebook=cb)
    saved["time_ordered_matrix"] = ordered.table
    parts.append("<h3>Time-ordered matrix</h3><p class='note'>Codings of each theme per wave, with the key quote (the passage holding most of them). Open a case.</p>")
    # A reader sees each theme's name (the display's labels); the saved table keeps the ids that join to the codebook.
    shown = ordered.table
    for case in dict.fromkeys(shown["case_id"]):
        one = track.Display(shown[shown["case_id"] == case], rows=ordered.rows, cols=ordered.cols, cell=ordered.cell, title=ordered.title, order=ordered.order, labels=ordered.labels)
        parts.append(detail("displays", f"<details><summary>{_esc(case)}</summary>{one.to_html()}</details>"))
    parts.append("<h3>Case-ordered meta-matrix</h3>")
    if placements is None or cb.ladder is None:
        # A project's own codebook without a ladder (see the note on placements): nothing to order cases by.
        parts.append("<p class='note'>Needs placements on a ladder: add a crosswalk or a bundled codebook (see the placements note).</p>")
    else:
        metas = []
        parts.append("<p class='note'>Cases ordered by trajectory (advancing, declining, stable, fluctuating, incomplete), then by final level; each cell the level placed and the first quote of its evidence.</p>")
        for facet in [f.id for f in cb.ladder.facets] or [None]:
            meta = track.case_ordered_meta_matrix(placements, facet=facet)
            metas.append(meta.table)
            parts.append(detail("displays", f"<h4>{_esc(facet or 'all evidence')}</h4>{meta.to_html()}"))
        saved["meta_matrix"] = pd.concat(metas, ignore_index=True)
    events = track.event_listing(study, codebook=cb)
    saved["event_listing"] = events.table
    parts.append(f"<h3>Event listing</h3><p class='note'>Dated observation entries and documents of the whole study, by theme ({_esc(events.title)}).</p>")
    parts.append(f"<details><summary>{events.table['date'].nunique()} dates</summary>{events.to_html()}</details>" if len(events.table) else "<p class='note'>No dated observation notes or documents are coded.</p>")
    return ("displays", f"Time-ordered displays{'' if not scope else scope}", "".join(parts))
