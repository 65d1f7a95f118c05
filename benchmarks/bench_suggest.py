"""Benchmark: fit the code suggester on 20,000 human-coded segments, suggest for 100,000.

The synthetic study is made from the sample study's participant turns: each
synthetic segment is a randomly drawn turn (fixed seed) followed by the first ten
words of another, so that nearly every text is new; its labels are the codes the
bundled codebook gives the first turn.  Documents
hold 40 segments each; the first 20,000 segments carry the labels as human
codings, and suggestions are made for all 100,000.

Baselines in the same run, on the same texts and labels, with the same model:

* fit — the same scikit-learn pipeline (TF-IDF, then one-vs-rest logistic
  regression) fitted straight on a list of texts and a 0/1 array;
* suggest — ``predict_proba`` of that fitted model on the 100,000 texts.

So the ratios show what qlr adds (building the training table from codings,
storing suggestions as codings with their probability).  Fitting is also timed
with two BLAS threads, to show why qlr defaults to one.

    python benchmarks/bench_suggest.py [--train 20000] [--total 100000]
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def source_turns():
    """Participant turns of the sample study with the codes rule-based coding gives them."""
    from pathlib import Path

    import qlr
    from qlr.code._rules import eligible_segments

    sample = Path(__file__).resolve().parent.parent / "data" / "sample"
    study = qlr.load(sample, progress=False)
    study.apply(qlr.read_codebook("coproduction"), progress=False)
    segments = eligible_segments(study)
    texts = study.segment_texts().reindex(segments["seg_id"]).astype(str)
    rules = study.codings[study.codings["origin"] == "rules"]
    codes = rules.groupby("seg_id")["code_id"].agg(lambda c: sorted(set(c)))
    labels = [codes.get(seg, []) for seg in texts.index]
    return list(texts), labels


def build(turns: list[str], turn_codes: list[list[str]], train: int, total: int, seed: int = 11):
    import qlr

    rng = np.random.default_rng(seed)
    pairs = rng.integers(0, len(turns), size=(total, 2))
    texts = [turns[a] + " " + " ".join(turns[b].split()[:10]) for a, b in pairs]
    labels = [turn_codes[a] for a, b in pairs]
    per_doc = 40
    documents, segments, codings = [], [], []
    for first in range(0, total, per_doc):
        doc_id = f"D{first // per_doc:05d}"
        chunk = texts[first : first + per_doc]
        documents.append({"doc_id": doc_id, "case_id": f"P{(first // per_doc) % 500:03d}", "wave_id": "W1", "kind": "interview", "text": "\n".join(chunk)})
        offset = 0
        for k, text in enumerate(chunk):
            seg_id = f"{doc_id}:{k:04d}"
            segments.append({"seg_id": seg_id, "doc_id": doc_id, "position": k, "start": offset, "end": offset + len(text), "speaker_role": "participant"})
            if first + k < train:
                for code in labels[first + k]:
                    codings.append({"coding_id": f"h{len(codings)}", "doc_id": doc_id, "start": offset, "end": offset + len(text), "seg_id": seg_id, "code_id": code, "coder": "rm", "origin": "human"})
            offset += len(text) + 1
    cases = sorted({d["case_id"] for d in documents})
    study = qlr.Study(
        "bench-suggest",
        cases=pd.DataFrame({"case_id": cases, "role": "participant"}),
        waves=pd.DataFrame({"wave_id": ["W1"], "order": [1]}),
        documents=pd.DataFrame(documents),
        segments=pd.DataFrame(segments),
        codings=pd.DataFrame(codings),
    )
    code_ids = sorted({c for row in labels[:train] for c in row})
    matrix = np.array([[1 if c in row else 0 for c in code_ids] for row in labels[:train]])
    return study, texts, matrix, code_ids


def measure(source: str, train: int, total: int) -> None:
    """Build the study from the saved turns and time everything, in this (fresh) process."""
    import json

    from threadpoolctl import threadpool_limits

    import qlr

    with open(source, encoding="utf-8") as handle:
        turns, turn_codes = json.load(handle)
    start = time.perf_counter()
    study, texts, matrix, code_ids = build(turns, turn_codes, train, total)
    n_words = sum(len(t.split()) for t in texts)
    print(f"synthetic study: {total:,} segments ({n_words:,} words), {train:,} human-coded with {len(study.codings):,} codings over {len(code_ids)} codes; built in {time.perf_counter() - start:.1f} s")
    built_peak = peak_mib()

    suggester = qlr.code.CodeSuggester(min_examples=5)
    keep = [i for i, c in enumerate(code_ids) if 5 <= matrix[:, i].sum() < len(matrix)]

    start = time.perf_counter()
    with threadpool_limits(limits=1):
        plain = suggester._default().fit(texts[:train], matrix[:, keep])
    plain_fit = time.perf_counter() - start

    start = time.perf_counter()
    suggester.fit(study)
    qlr_fit = time.perf_counter() - start
    fit_peak = peak_mib()

    start = time.perf_counter()
    qlr.code.CodeSuggester(min_examples=5, threads=2).fit(study)
    qlr_fit_two = time.perf_counter() - start

    start = time.perf_counter()
    with threadpool_limits(limits=1):
        plain.predict_proba(texts)
    plain_suggest = time.perf_counter() - start

    start = time.perf_counter()
    stored = study.suggest(suggester, threshold=0.5)
    qlr_suggest = time.perf_counter() - start

    print(f"fit on {train:,} segments ({len(suggester.classes_)} codes learned):")
    print(f"  scikit-learn pipeline on arrays: {plain_fit:6.1f} s")
    print(f"  CodeSuggester.fit(study):        {qlr_fit:6.1f} s   ratio {qlr_fit / plain_fit:.2f}x")
    print(f"  same with two BLAS threads:      {qlr_fit_two:6.1f} s   ({qlr_fit_two / qlr_fit:.2f}x the one-thread time)")
    print(f"suggest for {total:,} segments:")
    print(f"  predict_proba on texts:          {plain_suggest:6.1f} s")
    print(f"  study.suggest(model):            {qlr_suggest:6.1f} s   ratio {qlr_suggest / plain_suggest:.2f}x, {stored:,} suggestions stored")
    print(f"peak memory (this process): {built_peak:,.0f} MiB with the study built, {fit_peak:,.0f} MiB after fitting, {peak_mib():,.0f} MiB at the end")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=20_000)
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.source:
        measure(args.source, args.train, args.total)
        return

    import json
    import subprocess
    import sys
    import tempfile

    # The sample study is coded here; the measurements run in a fresh process so
    # that spaCy's memory is not counted in the suggester's peak.
    with tempfile.TemporaryDirectory() as folder:
        source = f"{folder}/turns.json"
        with open(source, "w", encoding="utf-8") as handle:
            json.dump(source_turns(), handle)
        subprocess.run([sys.executable, __file__, "--source", source, "--train", str(args.train), "--total", str(args.total)], check=True)


if __name__ == "__main__":
    main()
