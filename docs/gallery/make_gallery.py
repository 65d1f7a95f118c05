"""Regenerate every figure of the gallery from the sample study.

    python docs/gallery/make_gallery.py

Writes PNGs beside this script. The same input gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import qlr  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "data" / "sample"


def sequence_figures(carers: qlr.Study) -> dict:
    """The trajectory-sequence figures (docs/sequences.md): every carer, types of the ones placed at every wave."""
    seqs = qlr.track.sequences(qlr.track.ladder(carers), attrition=carers.attrition())
    complete = [case for case, row in seqs.channel(kind="levels", facet="delivery").iterrows() if all(state.isdigit() for state in row)]
    distances = qlr.track.sequence_distances(seqs, kind="changes", facet="delivery").loc[complete, complete]
    types = qlr.track.sequence_clusters(distances)
    return {
        "sequence_distribution": qlr.plot.sequence_distribution(seqs, facet="delivery").figure,
        "sequence_index": qlr.plot.sequence_index(seqs, kind="changes", facet="delivery", clusters=types).figure,
        "sequence_entropy": qlr.plot.sequence_entropy(seqs).figure,
    }


def ena_figures(carers: qlr.Study) -> dict:
    """The epistemic-network figures (docs/ena.md): carers' case × wave units, W3 against W1 by a means rotation."""
    model = qlr.net.ena(carers, rotation=("W3", "W1"))
    return {
        "ena_units": qlr.plot.ena_units(model).figure,
        "ena_network": qlr.plot.ena_network(model, group="W3").figure,
        "ena_difference": qlr.plot.ena_difference(model, "W3", "W1").figure,
    }


def main() -> list[Path]:
    study = qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)
    carers = study.sel(role="carer")
    placements = qlr.track.ladder(carers, facet="delivery")
    stages = qlr.track.ladder(study, by="stage", facet="design")
    graphs = qlr.net.actors(carers)
    figures = {
        "trajectories": qlr.plot.trajectories(placements).figure,
        "ladder_stages": qlr.plot.ladder_stages(stages).figure,
        "matrix_heatmap": qlr.plot.matrix_heatmap(qlr.track.matrix(carers, cols="theme", value="density")),
        "alluvial": qlr.plot.alluvial(placements).figure,
        "network_panels": qlr.plot.network_panels(graphs),
        "network_dynamics": qlr.plot.network_dynamics(qlr.net.dynamics(graphs)),
        "codeline": qlr.plot.codeline(study, "C10").figure,
        "change_grid": qlr.plot.change_grid(qlr.track.change(carers, granularity="theme")).figure,
        **sequence_figures(carers),
        **ena_figures(carers),
    }
    written = []
    for name, figure in figures.items():
        path = HERE / f"{name}.png"
        qlr.plot.save_png(figure, path)
        plt.close(figure)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
