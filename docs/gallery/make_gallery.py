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
