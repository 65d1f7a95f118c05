"""The report's section on trajectory types (clusters of change sequences, with medoid portraits) and turning points."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._words import number_of
from ._cases import Detail
from ._html import _counts as count_table
from ._html import _esc as esc
from ._html import _figure as figure_html
from ._html import _table as table_html

if TYPE_CHECKING:  # pragma: no cover
    from ..study import Study
    from ..track import Placements

__all__ = ["trajectory_types_section"]

#: Cases placed at every wave that a facet needs before its changes are grouped into types.
_FEWEST_TO_TYPE = 3


def _types_table(clusters: Any, sequences: pd.DataFrame) -> pd.DataFrame:
    """One row per type: its members, its medoid and the medoid's sequence."""
    members = clusters.table.groupby("cluster")["case_id"].apply(", ".join)
    table = clusters.medoids.rename(columns={"case_id": "medoid"}).assign(cases=lambda t: t["cluster"].map(members))
    table["medoid's changes"] = [" → ".join(sequences.loc[case]) for case in table["medoid"]]
    return table[["cluster", "size", "cases", "medoid", "medoid's changes", "silhouette"]].rename(columns={"cluster": "type"})


def _named(placements: Placements, value: Any) -> str:
    """A ladder level as a reader knows it: "2 Collaboration" (the number alone when the ladder has no such level)."""
    try:
        return f"{int(value)} {placements.ladder.level(int(value)).name}"
    except (KeyError, TypeError, ValueError):
        return str(value)


def _level_names(placements: Placements) -> str:
    """The ladder's levels, since the figures and sequences show their numbers only."""
    levels = ", ".join(f"{level.value} {esc(level.name)}" for level in placements.ladder.levels)
    return f"<p class='note'>Levels of {esc(placements.ladder.name)}: {levels}. A change is the number of steps moved between two waves (+1: one step up).</p>"


def trajectory_types_section(
    study: Study,
    placements: Placements,
    *,
    figures: Path,
    scope: str = "",
    detail: Detail | None = None,
) -> tuple[str, str, str, dict[str, pd.DataFrame]]:
    """Trajectory types and turning points, for :func:`qlr.report.write_report`.

    For each facet the sequences of changes of the cases placed at every wave
    are compared by optimal matching (ordinal costs), grouped by Ward
    clustering with the number of types chosen by average silhouette width,
    and shown as an index plot (the other cases last, not typed: a change
    never observed would decide their type); each type's medoid case is named
    with a link to its pen portrait.  Turning points follow, each with the passage at
    the wave where the level moved.  Everything comes
    from the public functions of :mod:`qlr.track` and :mod:`qlr.plot`.

    Parameters
    ----------
    study : Study
        The cases reported on (coded).
    placements : Placements
        Their placements by case and wave.
    figures : Path
        The report's figures folder.
    scope : str
        Text after the section's title, e.g. ``" (carers)"``.
    detail : Detail, optional
        Where the parts with a row or line per case go (:class:`qlr.report._cases.Detail`);
        by default they stay in the section.

    Returns
    -------
    tuple
        ``(anchor, title, html, tables)``: ``tables`` maps CSV names to frames.

    Examples
    --------
    >>> import tempfile, pathlib, qlr
    >>> from qlr.report._sequences import trajectory_types_section
    >>> carers = sample.copy().apply("coproduction").sel(role="carer")  # sample = qlr.load("data/sample")
    >>> key, title, page, tables = trajectory_types_section(carers, qlr.track.ladder(carers), figures=pathlib.Path(tempfile.mkdtemp()))
    >>> key, "medoid" in page, sorted(tables)
    ('sequences', True, ['sequence_indicators', 'sequence_types', 'turning_points'])
    """
    from .. import plot, track

    title = f"Trajectory types and turning points{scope}"
    key = "sequences"
    detail = detail if detail is not None else Detail(0)
    if placements.table.empty:
        return "sequences", title, "<p class='note'>No case was placed, so there are no trajectories to compare.</p>", {}
    sequences = track.sequences(placements, attrition=study.attrition())
    parts = [
        "<p class='note'>Each case's levels over the waves become a sequence of states, with attrition as states of its own "
        "(not yet joined, missed, dropped out, insufficient evidence), and the steps between waves a sequence of changes. "
        "Cases placed at every wave are grouped by how alike their changes are (optimal matching, a step on the ladder costing 1; Ward clustering; "
        "the number of types where the average silhouette width is largest). A type's medoid is the case closest to all the others "
        "in it: read its portrait as the type's example.</p>",
        _level_names(placements),
        figure_html(plot.sequence_entropy(sequences).figure, "sequence_entropy", figures, "How spread the cases' levels are at each wave (0: all at one level)"),
    ]
    type_tables = []
    for facet in sequences.facets:
        name = facet.replace(" ", "_")
        steps = sequences.channel(kind="changes", facet=facet)
        levels = sequences.channel(kind="levels", facet=facet)
        # Types are made of the cases placed at every wave: an unobserved change would otherwise decide the type.
        complete = [case for case, row in levels.iterrows() if all(state.isdigit() for state in row)]
        parts.append(f"<h3>Types of change — {esc(facet)}</h3>")
        parts.append(figure_html(plot.sequence_distribution(sequences, facet=facet).figure, f"sequence_distribution_{name}", figures, f"Levels over the waves — {facet}"))
        if levels.shape[1] < 2:
            parts.append("<p class='note'>Only one wave: there are no changes between waves to type.</p>")
            continue
        if len(complete) < _FEWEST_TO_TYPE:
            placed = "No case is" if len(complete) == 0 else f"Only {number_of(len(complete), 'case')} {'is' if len(complete) == 1 else 'are'}"
            parts.append(f"<p class='note'>{placed} placed at every wave on {esc(facet)}: too few to type (types need {_FEWEST_TO_TYPE}).</p>")
            continue
        distances = track.sequence_distances(sequences, kind="changes", facet=facet)
        clusters = track.sequence_clusters(distances.loc[complete, complete])
        parts.append(detail(key, figure_html(plot.sequence_index(sequences, kind="changes", facet=facet, clusters=clusters).figure, f"sequence_types_{name}", figures, f"Each case's changes, grouped by type (◆ medoid) — {facet}")))
        parts.append(
            f"<p>{number_of(clusters.k, 'type')} among the {number_of(len(complete), 'case')} placed at every wave, average silhouette width {clusters.silhouette:.2f}.</p>"
            + table_html(_types_table(clusters, steps), index=False)
        )
        links = "".join(
            f"<li>type {row.cluster}: <a href='#portrait-{esc(row.case_id)}'>{esc(row.case_id)}'s pen portrait</a></li>" for row in clusters.medoids.itertuples()
        )
        parts.append(f"<p>Each type's example, its medoid:</p><ul>{links}</ul>")
        untyped = [case for case in levels.index if case not in complete]
        if untyped:
            listing = "".join(f"<li>{esc(case)}: {esc(' → '.join(levels.loc[case]))}</li>" for case in untyped)
            parts.append(detail(key, f"<p class='note'>Not typed (not placed at every wave):</p><ul>{listing}</ul>"))
        type_tables.append(clusters.table.assign(facet=facet))
    indicators = track.sequence_indicators(sequences, kind="levels")
    parts.append(
        "<h3>How much each trajectory moves</h3><p class='note'>Transitions, longitudinal entropy, turbulence (Elzinga) and complexity "
        "of each case's sequence of levels; attrition states count as states.</p>"
        + detail(key, f"<details><summary>{len(indicators)} sequences (case × facet)</summary>{table_html(indicators, index=False, digits=2)}</details>")
    )

    turning = track.turning_points(placements)
    parts.append(
        "<h3>Turning points</h3><p class='note'>The wave after which a case's level moved by at least one step and stayed moved "
        "at every later wave placed, with the passage at the first wave moved.</p>"
    )
    if turning.empty:
        parts.append("<p class='note'>No case's level moved and stayed moved.</p>")
    elif detail:
        parts.append(count_table(turning, ["facet", "direction"], "turning points"))
    for row in turning.itertuples():
        parts.append(
            detail(
                key,
                f"<details><summary>{esc(row.case_id)} — {esc(row.facet)}: {esc(row.direction)} after {esc(row.after_wave)} "
                f"({esc(_named(placements, row.level_before))} → {esc(_named(placements, row.level_after))} at {esc(row.wave_id)})</summary>"
                f"<blockquote dir='auto'>{esc(row.quote)}</blockquote><div class='note'>{esc(row.seg_id)}</div></details>",
            )
        )
    types = pd.concat(type_tables, ignore_index=True) if type_tables else pd.DataFrame(columns=["case_id", "cluster", "silhouette", "medoid", "facet"])
    tables = {"sequence_types": types, "sequence_indicators": indicators, "turning_points": turning}
    return "sequences", title, "".join(parts), tables
