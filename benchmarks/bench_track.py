"""Benchmark: matrix, change and ladder on 200 cases × 5 waves × 200,000 codings.

Each is timed beside a baseline computing the same counts with one plain pandas
groupby in the same run:

* matrix and change — codings joined to their documents, counted by case × wave × code;
* ladder — codings joined to documents and to the codebook's evidence table, weights
  summed by case × wave × facet × level × polarity.

The ratio (qlr time / baseline time) is what to read; the issue's target is ≤ 3×.

    python benchmarks/bench_track.py [--cases 200] [--waves 5] [--codings 200000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd


def build(cases: int, waves: int, codings: int, seed: int = 3):
    import qlr

    rng = np.random.default_rng(seed)
    codebook = qlr.read_codebook("coproduction")
    code_ids = np.array([c.id for c in codebook.codes])
    case_ids = [f"P{i:03d}" for i in range(cases)]
    wave_ids = [f"W{w}" for w in range(1, waves + 1)]
    documents, segments = [], []
    per_doc = 40
    text = ("word " * 25).strip()
    for case in case_ids:
        for wave in wave_ids:
            doc_id = f"{case}_{wave}"
            documents.append({"doc_id": doc_id, "case_id": case, "wave_id": wave, "kind": "interview", "text": "\n".join([text] * per_doc), "n_words": 25 * per_doc})
            for k in range(per_doc):
                start = k * (len(text) + 1)
                segments.append({"seg_id": f"{doc_id}:{k:04d}", "doc_id": doc_id, "position": k, "start": start, "end": start + len(text), "speaker_role": "participant", "n_words": 25})
    documents = pd.DataFrame(documents)
    segments = pd.DataFrame(segments)
    picks = rng.integers(0, len(segments), size=codings)
    chosen = segments.iloc[picks].reset_index(drop=True)
    coding_frame = pd.DataFrame(
        {
            "coding_id": [f"c{i}" for i in range(codings)],
            "doc_id": chosen["doc_id"],
            "start": chosen["start"],
            "end": chosen["start"] + 4,
            "seg_id": chosen["seg_id"],
            "code_id": rng.choice(code_ids, size=codings),
            "coder": "bench",
            "origin": "rules",
            "codebook": codebook.id,
            "codebook_version": codebook.version,
        }
    )
    study = qlr.Study(
        "bench",
        cases=pd.DataFrame({"case_id": case_ids, "role": "participant"}),
        waves=pd.DataFrame({"wave_id": wave_ids, "order": range(1, waves + 1)}),
        documents=documents,
        segments=segments,
        codings=coding_frame,
        codebooks={codebook.id: codebook},
    )
    return study, codebook


def timed(function, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--waves", type=int, default=5)
    parser.add_argument("--codings", type=int, default=200_000)
    args = parser.parse_args()

    import qlr

    study, codebook = build(args.cases, args.waves, args.codings)
    print(f"study: {args.cases} cases × {args.waves} waves, {len(study.segments):,} segments, {len(study.codings):,} codings")

    def count_baseline() -> pd.DataFrame:
        joined = study.codings.merge(study.documents[["doc_id", "case_id", "wave_id"]], on="doc_id")
        return joined.groupby(["case_id", "wave_id", "code_id"]).size()

    evidence = pd.DataFrame(
        [{"code_id": c.id, "facet": e.facet, "level": e.level, "polarity": e.polarity, "weight": e.weight} for c in codebook for e in c.evidence]
    )

    def ladder_baseline() -> pd.DataFrame:
        joined = study.codings.merge(study.documents[["doc_id", "case_id", "wave_id"]], on="doc_id").merge(evidence, on="code_id")
        return joined.groupby(["case_id", "wave_id", "facet", "level", "polarity"], dropna=False)["weight"].sum()

    base_count = timed(count_baseline)
    base_ladder = timed(ladder_baseline)
    t_matrix = timed(lambda: qlr.track.matrix(study))
    t_change = timed(lambda: qlr.track.change(study))
    t_ladder = timed(lambda: qlr.track.ladder(study))
    print(f"baseline groupby count (case × wave × code):           {base_count:.3f} s")
    print(f"baseline groupby evidence (case × wave × facet × level): {base_ladder:.3f} s")
    for name, seconds, base in (("matrix", t_matrix, base_count), ("change", t_change, base_count), ("ladder", t_ladder, base_ladder)):
        print(f"qlr.track.{name:<7} {seconds:.3f} s   ratio {seconds / base:5.1f}× the baseline (target ≤ 3×)")


if __name__ == "__main__":
    main()
