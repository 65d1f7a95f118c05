"""Run pyena on lines of talk that qlr wrote, and print its results as JSON (test-only oracle).

Usage: ``.venv-ena/bin/python tests/oracle_pyena.py lines.csv FIRST SECOND [WINDOW]``.
Run in its own environment (``make oracles``); tests/test_ena.py calls it.
"""

from __future__ import annotations

import json
import sys

import pandas as pd


def main(path: str, first: str, second: str, window: str = "4") -> None:
    # Imported here: pytest collects this file (doctests) where pyENA is not installed.
    from pyena import ENA

    lines = pd.read_csv(path, dtype={"unit": str, "conversation": str, "group": str})
    codes = [c for c in lines.columns if c not in ("unit", "conversation", "group", "turn")]
    results = {}
    for name, options in (("svd", {}), ("means", {"rotation": "means", "mr_groups": (first, second)})):
        model = ENA(codes=codes, window_size=int(window), **options).fit(lines)
        results[name] = {
            "units": [str(u) for u in model.unit_ids_],
            "adjacency": model.av_.tolist(),
            "normalised": model.av_normalized_.tolist(),
            "points": model.coords_.tolist(),
            "nodes": model.nodes_.tolist(),
        }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:])
