"""Run inside the Sequenzo environment (make oracles): distances and indicators for tests/test_sequence.py.

Reads JSON on stdin — ``sequences`` (lists of states), ``states`` (the alphabet
in order), ``sm`` (substitution costs over it) and ``indel`` — and prints JSON.
It imports Sequenzo only, never qlr, so the two do not share an environment.
"""

import json
import sys

import numpy as np
import pandas as pd


def numbers(table) -> list:
    """The one numeric column of an indicator table (the id rides beside it)."""
    return pd.DataFrame(table).select_dtypes("number").iloc[:, -1].astype(float).tolist()


def main() -> None:
    out, sys.stdout = sys.stdout, sys.stderr  # Sequenzo reports progress on stdout
    # Imported here, so that pytest's doctest collection can import this file without Sequenzo.
    from sequenzo import SequenceData
    from sequenzo.dissimilarity_measures import get_distance_matrix, get_substitution_cost_matrix
    from sequenzo.sequence_characteristics_indicators import (
        get_complexity_index,
        get_turbulence,
        get_within_sequence_entropy,
    )

    given = json.load(sys.stdin)
    width = len(given["sequences"][0])
    time = [f"t{i}" for i in range(width)]
    frame = pd.DataFrame(given["sequences"], columns=time)
    frame.insert(0, "id", [f"s{i}" for i in range(len(frame))])
    data = SequenceData(frame, time=time, states=given["states"], id_col="id")
    sm = np.array(given["sm"], dtype=float)

    def matrix(**options):
        return np.asarray(get_distance_matrix(data, **options), dtype=float).tolist()

    trate = get_substitution_cost_matrix(data, method="TRATE")["sm"]
    result = {
        "om": matrix(method="OM", sm=sm, indel=given["indel"]),
        "hamming": matrix(method="HAM", sm=sm),
        "lcs": matrix(method="LCS"),
        "trate": np.asarray(trate, dtype=float).tolist(),
        "entropy": numbers(get_within_sequence_entropy(data, norm=True)),
        "turbulence": numbers(get_turbulence(data, norm=False)),
        "complexity": numbers(get_complexity_index(data)),
    }
    json.dump(result, out)


if __name__ == "__main__":
    main()
