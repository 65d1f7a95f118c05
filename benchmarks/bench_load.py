"""Benchmark: loading and segmenting a 1,000,000-word study, against plain reading;
and loading the sample study.

Both large-study measurements run on the same files in this run, each in a fresh
child process (so peak memory is that process's own), best of several repeats
after a warm-up read (so both see a warm file cache).  The figure that matters is
the ratio: qlr's words per second over plain ``open().read()``'s.

The sample study (``data/sample``, 68 documents and a CSV of 948 earlier
codings) is loaded in one child process, after ``import qlr`` and one warm-up
load, best of ``--sample-repeat``; ``--compare DIR`` times the qlr checkout in
``DIR`` the same way in the same run (before and after a change).

    python benchmarks/bench_load.py [--words 1000000] [--repeat 3] [--sample-repeat 5] [--compare ../main]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
mode, root = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
if mode == "plain":
    words = 0
    for path in sorted(root.rglob("*")):
        if path.suffix in (".txt", ".md") and path.name != "study.yaml":
            with open(path, encoding="utf-8") as stream:
                text = stream.read()
    elapsed = time.perf_counter() - start
else:
    import qlr
    t0 = time.perf_counter()
    study = qlr.load(root, progress=False)
    elapsed = time.perf_counter() - t0
    words = int(study.documents["n_words"].sum())
    segments = len(study.segments)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "peak_bytes": peak}))
"""


SAMPLE = r"""
import json, sys, time
import qlr
root, repeat = sys.argv[1], int(sys.argv[2])
qlr.load(root, progress=False)  # warm-up: file cache, lazy imports
times = []
for _ in range(repeat):
    start = time.perf_counter()
    qlr.load(root, progress=False)
    times.append(time.perf_counter() - start)
print(json.dumps({"seconds": min(times), "qlr": qlr.__file__}))
"""


def sample_load(checkout: Path, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of ``qlr.load`` of the sample study, with qlr imported from ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    output = subprocess.run([sys.executable, "-c", SAMPLE, str(checkout / "data" / "sample"), str(repeat)], capture_output=True, text=True, check=True, env=env, cwd=checkout)
    return json.loads(output.stdout)


def run(mode: str, root: Path) -> dict[str, float]:
    output = subprocess.run([sys.executable, "-c", CHILD, mode, str(root)], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    parser.add_argument("--sample-repeat", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another qlr checkout to time the sample load against")
    parser.add_argument("--sample-only", action="store_true", help="time only the sample study's load")
    args = parser.parse_args()

    checkouts = [("this checkout", HERE.parent)] + ([(str(args.compare), args.compare.resolve())] if args.compare else [])
    for name, checkout in checkouts:
        result = sample_load(checkout, args.sample_repeat)
        print(f"qlr.load('data/sample') after import, best of {args.sample_repeat} ({name}): {result['seconds']:.3f} s")
    if args.sample_only:
        return

    root = args.work / f"synthetic_{args.words}"
    if not (root / "study.yaml").exists():
        generate(root, words=args.words)
    files = [p for p in root.rglob("*") if p.suffix in (".txt", ".md")]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)

    run("plain", root)  # warm the file cache
    plain = min((run("plain", root) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    loaded = min((run("qlr", root) for _ in range(args.repeat)), key=lambda r: r["seconds"])

    plain_rate = words / plain["seconds"]
    qlr_rate = words / loaded["seconds"]
    print(f"study: {len(files)} files, {words:,} words ({root})")
    print(f"baseline open().read(): {plain['seconds']:.3f} s, {plain_rate:,.0f} words/s, peak {plain['peak_bytes'] / 2**20:.0f} MiB")
    print(f"qlr.load (read + decode + segment + tables): {loaded['seconds']:.3f} s, {qlr_rate:,.0f} words/s, peak {loaded['peak_bytes'] / 2**20:.0f} MiB")
    print(f"ratio qlr / baseline: {qlr_rate / plain_rate:.1%} (target >= 25%); peak memory {'under' if loaded['peak_bytes'] < 2**30 else 'OVER'} 1 GiB")


if __name__ == "__main__":
    main()
