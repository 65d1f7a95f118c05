"""Benchmark: re-coding after a codebook edit in a new process, against coding cold in a new process.

What a researcher does: code a study (``qlr code``, or ``study.apply`` in a
notebook), edit the codebook, and code again in a new process (another
``qlr code``, a restarted kernel).  The second run reads the first one's
matches from the disk cache and matches only what the edit changed; each run
pays for everything a new process builds before coding a word.  ``bench_code.py``'s
"from disk" figure is taken inside one process that has already coded, so it
leaves that out.

Each pair is two new Python processes sharing one new cache folder (and the
user's cache directory, which holds the key the cache's checksums are made
with): the first codes the study cold with the bundled codebook, writing the
cache; the second codes it with one indicator added (the edit of
``bench_code.py``), reading it.  Each process builds the study first (the
same resampled study as ``bench_code.py``, or ``--study``), then times its
``study.apply`` alone (CPU and wall clock), with nothing of qlr's coding built
before it: not the pipeline, not the rules.  A last process codes the edited
codebook cold, and the codings of every edit read from the cache are checked
against it.

    python benchmarks/bench_recode.py [--words 300000] [--pairs 3] [--study FOLDER]

Prints one line per pair (the load average at its end too) and the ratios.
An edit that read nothing from the disk cache (a cache written under another
user's key, e.g. another ``XDG_CACHE_HOME``) is reported as such: its time is
a cold run's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _edited(codebook):
    """The bundled codebook with one indicator added to one code (``bench_code.py``'s edit)."""
    from dataclasses import replace

    import qlr

    code = codebook["reciprocity.two_way"] if "reciprocity.two_way" in codebook else codebook.codes[0]
    more = replace(code, indicators=code.indicators + (qlr.codebook.Indicator(phrase="pull together"),))
    return codebook.with_codes([more if c.id == code.id else c for c in codebook], version=codebook.version + "+edit")


def child(mode: str, words: int, study_folder: str | None, cache: str | None) -> None:
    """One new process: build the study, time one ``study.apply``, print what it did as JSON."""
    sys.path.insert(0, str(HERE))
    from bench_code import build_study

    import qlr

    codebook = qlr.read_codebook("coproduction")
    if mode != "cold":
        codebook = _edited(codebook)
    study = qlr.load(study_folder, progress=False) if study_folder else build_study(words)
    wall, cpu = time.perf_counter(), time.process_time()
    study.apply(codebook, progress=False, cache=cache if cache else False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    detail = json.loads(study.log["detail"].iloc[-1])
    table = study.codings.drop(columns=["created"]).sort_values("coding_id").reset_index(drop=True)
    digest = hashlib.sha256(table.to_csv(index=False).encode()).hexdigest()[:12]
    print(json.dumps({
        "cpu": cpu, "wall": wall, "codings": len(table), "digest": digest, "load": os.getloadavg()[0],
        "read": detail["read from the disk cache"], "matched": detail["matched"], "segments": detail["segments"],
    }))  # fmt: skip


def _run(mode: str, args: argparse.Namespace, cache: str | None) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--words", str(args.words)]
    if args.study:
        command += ["--study", str(args.study)]
    if cache:
        command += ["--cache", cache]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} process failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--study", type=Path, help="code this study folder instead of the resampled sample")
    parser.add_argument("--child", choices=("cold", "edit"), help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.words, str(args.study) if args.study else None, args.cache)
        return

    print(f"{'study: ' + str(args.study) if args.study else f'{args.words:,} bench words'}; {args.pairs} pairs of new processes")
    print("pair  cold CPU / wall      edit CPU / wall      edit faster (CPU / wall)  texts read from the cache / matched  load")
    ratios = []
    digests = set()
    for number in range(1, args.pairs + 1):
        with tempfile.TemporaryDirectory(prefix="qlr-recode-") as folder:
            cold = _run("cold", args, folder)
            edit = _run("edit", args, folder)
        digests.add(edit["digest"])
        ratio = (cold["cpu"] / edit["cpu"], cold["wall"] / edit["wall"])
        ratios.append(ratio)
        note = "" if edit["read"] else "  (nothing read from the cache: the edit was coded cold)"
        print(
            f"{number:>4}  {cold['cpu']:6.2f} s / {cold['wall']:6.2f} s   {edit['cpu']:6.2f} s / {edit['wall']:6.2f} s"
            f"   {ratio[0]:5.2f}x / {ratio[1]:5.2f}x            {edit['read']:>7,} / {edit['matched']:,}"
            f"                  {edit['load']:.1f}{note}"
        )
    reference = _run("edit", args, None)
    same = digests == {reference["digest"]}
    print(f"edit coded cold, no cache: {reference['cpu']:.2f} s CPU, {reference['codings']:,} codings; "
          f"every edit read from the cache gives the same codings: {same}")  # fmt: skip
    print(f"edit faster than cold in a new process: CPU {min(r[0] for r in ratios):.2f}x to {max(r[0] for r in ratios):.2f}x, "
          f"wall {min(r[1] for r in ratios):.2f}x to {max(r[1] for r in ratios):.2f}x (target >= 3x)")  # fmt: skip
    if not same:
        raise SystemExit("the edit read from the disk cache gave other codings than the edit coded cold")


if __name__ == "__main__":
    sys.exit(main())
