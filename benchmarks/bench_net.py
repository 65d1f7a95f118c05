"""Benchmark: co-occurrence and actor networks for 200 cases × 5 waves.

Beside each, a plain pandas count of the same pairs in the same run: codings
self-joined on their segment (code pairs per wave) for co-occurrence, and coded
segments joined to the names they mention (speaker → named actor pairs per wave)
for actors. Uses the synthetic study of bench_track.py, whose segments name
other cases by their label.

    python benchmarks/bench_net.py [--cases 200] [--waves 5] [--codings 200000]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd


def build(cases: int, waves: int, codings: int):
    from bench_track import build as build_track

    import qlr

    study, codebook = build_track(cases, waves, codings)
    rng = np.random.default_rng(5)
    labels = [f"Person{i:03d}" for i in range(cases)]
    study.cases["label"] = labels
    study.actors = qlr.Study(actors=pd.DataFrame({"actor_id": study.cases["case_id"], "name": labels, "kind": "person", "role": "carer", "case_id": study.cases["case_id"], "aliases": [[] for _ in labels]})).actors
    # Each segment names two other people, so support talk links cases.
    texts = []
    for _ in range(len(study.documents)):
        parts = [f"I talk to {labels[a]} and {labels[b]} every week." for a, b in rng.integers(0, cases, size=(40, 2))]
        texts.append("\n".join(parts))
    study.documents["text"] = texts
    starts = []
    for text in texts:
        offset = 0
        for part in text.split("\n"):
            starts.append((offset, offset + len(part)))
            offset += len(part) + 1
    study.segments["start"] = [s for s, _ in starts]
    study.segments["end"] = [e for _, e in starts]
    seg = study.segments.set_index("seg_id")
    study.codings["start"] = seg.loc[study.codings["seg_id"], "start"].to_numpy()
    study.codings["end"] = seg.loc[study.codings["seg_id"], "end"].to_numpy()
    return study, codebook


def main() -> None:
    from bench_track import timed

    import qlr

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--waves", type=int, default=5)
    parser.add_argument("--codings", type=int, default=200_000)
    args = parser.parse_args()
    study, codebook = build(args.cases, args.waves, args.codings)
    print(f"study: {args.cases} cases × {args.waves} waves, {len(study.segments):,} segments, {len(study.codings):,} codings")

    def pairs_baseline() -> pd.Series:
        joined = study.codings.merge(study.documents[["doc_id", "wave_id"]], on="doc_id")[["seg_id", "wave_id", "code_id"]].drop_duplicates()
        both = joined.merge(joined, on=["seg_id", "wave_id"])
        both = both[both["code_id_x"] < both["code_id_y"]]
        return both.groupby(["wave_id", "code_id_x", "code_id_y"]).size()

    support = [c.id for c in codebook.codes if codebook.theme_of(c.id) in ("peer_networks", "reciprocity")]
    labels = dict(zip(study.cases["label"], study.cases["case_id"]))

    def actors_baseline() -> pd.Series:
        coded = study.codings[study.codings["code_id"].isin(support)][["seg_id", "doc_id"]].drop_duplicates()
        coded = coded.merge(study.documents[["doc_id", "case_id", "wave_id"]], on="doc_id")
        texts = study.segment_texts()
        named = texts.loc[coded["seg_id"]].str.findall(r"Person\d{3}")
        coded = coded.assign(named=named.to_numpy()).explode("named")
        coded["target"] = coded["named"].map(labels)
        return coded.groupby(["wave_id", "case_id", "target"]).size()

    base_pairs = timed(pairs_baseline)
    base_actors = timed(actors_baseline)
    t_cooc = timed(lambda: qlr.net.cooccurrence(study))
    t_actors = timed(lambda: qlr.net.actors(study))
    print(f"baseline pandas code pairs per wave:        {base_pairs:.3f} s")
    print(f"qlr.net.cooccurrence:                      {t_cooc:.3f} s  ({t_cooc / base_pairs:.1f}× the baseline)")
    print(f"baseline pandas speaker → named pairs:      {base_actors:.3f} s")
    print(f"qlr.net.actors:                            {t_actors:.3f} s  ({t_actors / base_actors:.1f}× the baseline)")


if __name__ == "__main__":
    main()
