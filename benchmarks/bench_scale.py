"""Benchmark: coding a large synthetic study, with peak memory.

Writes a study with ``synth.py`` (once; kept in ``--folder``), then in this process:
loads it, codes it cold with the bundled codebook (writing the disk cache to a
fresh folder), and codes it again after a one-indicator edit as a new session
would: nothing in memory, the matches read from the disk cache.  Prints the
times and the resident memory (RSS) before loading, after loading and at its
peak, so the growth per million words can be read off.  Run one size per process, so that each peak is its own.

    python benchmarks/bench_scale.py --words 1000000 [--folder /tmp/qlr-synth-1M] [--processes 1]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rss_mib() -> float:
    """The resident memory now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, help="where the synthetic study is written (default: /tmp/qlr-synth-WORDS)")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    folder = args.folder or Path(f"/tmp/qlr-synth-{args.words}")

    sys.path.insert(0, str(HERE))
    import synth

    if not (folder / "study.yaml").exists():
        start = time.perf_counter()
        cases = max(20, args.words // 5000)
        synth.generate(folder, words=args.words, cases=cases, waves=3)
        print(f"wrote {folder} ({cases} cases x 3 waves) in {time.perf_counter() - start:.1f} s")

    import qlr
    from qlr.code._nlp import shared_pipeline

    shared_pipeline(None)  # the pipeline's own memory is not the study's
    codebook = qlr.read_codebook("coproduction")
    before = rss_mib()
    start = time.perf_counter()
    study = qlr.load(folder, progress=False)
    load_seconds = time.perf_counter() - start
    words = int(study.documents["n_words"].sum())
    loaded = rss_mib()
    print(f"study: {len(study.documents):,} documents, {words:,} words, {len(study.segments):,} segments; loaded in {load_seconds:.1f} s")

    from qlr.code._rules import DOC_CACHE

    cache = tempfile.mkdtemp(prefix="qlr-bench-cache-")
    start = time.perf_counter()
    study.apply(codebook, n_process=args.processes, progress=False, cache=cache)
    cold_seconds = time.perf_counter() - start
    detail = json.loads(study.log["detail"].iloc[-1])
    peak_cold = peak_mib()
    code = codebook.codes[0]
    edited_code = replace(code, indicators=code.indicators + (qlr.codebook.Indicator(phrase="pull together"),))
    edited = codebook.with_codes([edited_code if c.id == code.id else c for c in codebook], version=codebook.version + "+edit")
    DOC_CACHE.clear()  # a new session: only the disk cache
    start = time.perf_counter()
    study.apply(edited, n_process=args.processes, progress=False, cache=cache)
    edit_seconds = time.perf_counter() - start
    cache_size = sum(path.stat().st_size for path in Path(cache).iterdir()) / 2**20
    shutil.rmtree(cache)

    millions = words / 1e6
    print(f"cold coding ({args.processes} process(es)): {cold_seconds:.1f} s, {words / cold_seconds:,.0f} words/s, {detail['codings']:,} codings")
    print(f"text tokenised by spaCy: {detail['tokenised']}")
    print(f"re-coding after a one-indicator edit, new session, from the disk cache ({cache_size:,.0f} MiB): {edit_seconds:.1f} s ({cold_seconds / edit_seconds:.1f}x faster than cold)")
    print(f"RSS before loading {before:,.0f} MiB, after loading {loaded:,.0f} MiB, peak {peak_mib():,.0f} MiB (after cold coding {peak_cold:,.0f})")
    print(f"growth: {(peak_mib() - before) / millions:,.0f} MiB per million words (loading and coding; target <= 100)")


if __name__ == "__main__":
    main()
