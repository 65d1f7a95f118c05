"""Benchmark: start-up time of ``import qlr`` and of the ``qlr`` command, beside ``import pandas``.

Every measurement is a fresh Python process started by this script, so each pays
the whole import; the best of several runs is kept (this machine's speed drifts,
and the fastest run is the one least disturbed).  ``import pandas`` runs in the
same loop as the baseline: qlr cannot start faster than the library it is built
on, so the ratio to it is the figure to read (the issue's target: ``import qlr``
within 1.5x).  Peak memory is each child's own maximum resident set, read with
``resource.getrusage(RUSAGE_CHILDREN)`` in a probe process that starts only that child.

    python benchmarks/bench_import.py [--repeat 7]

Run it from the repository root (``info`` reads ``data/sample``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "baseline: python -c 'import pandas'": ["-c", "import pandas"],
    "python -c 'import qlr'": ["-c", "import qlr"],
    "python -m qlr.cli --help": ["-m", "qlr.cli", "--help"],
    "python -m qlr.cli info data/sample": ["-m", "qlr.cli", "info", "data/sample"],
}


def run_once(arguments: list[str]) -> tuple[float, int]:
    """Seconds of wall time and peak resident bytes of one child process."""
    # RUSAGE_CHILDREN is the largest child so far, so each measured child is the
    # only child of a small probe process, which reports its time and peak.
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "elapsed = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "print(json.dumps([elapsed, peak]))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])))
    output = subprocess.run([sys.executable, "-c", probe, sys.executable, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    elapsed, peak = json.loads(output.stdout)
    return float(elapsed), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs per command; the best is kept")
    args = parser.parse_args()

    for arguments in COMMANDS.values():  # warm the file cache and the byte-code caches
        run_once(arguments)
    best: dict[str, tuple[float, int]] = {label: (float("inf"), 0) for label in COMMANDS}
    # Interleaved, so a slow minute on the machine hits every command alike.
    for _ in range(args.repeat):
        for label, arguments in COMMANDS.items():
            seconds, peak = run_once(arguments)
            if seconds < best[label][0]:
                best[label] = (seconds, peak)

    baseline = best[next(iter(COMMANDS))][0]
    print(f"best of {args.repeat}, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    print(f"{'':40s} {'seconds':>8s} {'x pandas':>9s} {'peak MiB':>9s}")
    for label, (seconds, peak) in best.items():
        print(f"{label:40s} {seconds:8.3f} {seconds / baseline:8.2f}x {peak / 2**20:9.0f}")
    ratio = best["python -c 'import qlr'"][0] / baseline
    print(f"import qlr / import pandas: {ratio:.2f}x (target <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")


if __name__ == "__main__":
    main()
