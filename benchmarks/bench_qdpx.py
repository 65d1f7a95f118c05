"""Benchmark: the position maps of the ``.qdpx`` importer on a large source.

A source of ``--lines`` Windows lines (CRLF), each with two emoji (characters
outside the Basic Multilingual Plane, which count twice in UTF-16), is mapped
once (``_Offsets``) and then 10,000 selection positions are converted under each
convention.  The baseline in the same run is ``str.replace("\\r\\n", "\\n")`` of the
same text, the least any importer must do.  ``--compare DIR`` times the qlr
checkout in ``DIR`` the same way (before and after a change); each measurement
runs in a fresh child process, best of ``--repeat``.

    python benchmarks/bench_qdpx.py [--lines 150000] [--repeat 3] [--compare ../main]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, sys, time
mode, lines, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = "Das ist eine Zeile 😀 mit 🎉 Emoji.\r\n" * lines
if mode == "qlr":
    try:
        from qlr.io._positions import CONVENTIONS, _Offsets
    except ImportError:  # before the split
        from qlr.io._qdpx import CONVENTIONS, _Offsets
step = max(1, len(raw) // 10_000)
best = float("inf")
for _ in range(repeat):
    start = time.perf_counter()
    if mode == "plain":
        raw.replace("\r\n", "\n")
    else:
        offsets = _Offsets(raw, False)
        for convention in CONVENTIONS:
            for position in range(0, len(raw), step):
                offsets.convert(convention, position)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "characters": len(raw)}))
"""


def measure(mode: str, lines: int, repeat: int, root: Path) -> dict:
    env_path = str(root)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(lines), str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another qlr checkout to time the same way")
    args = parser.parse_args()
    here = HERE.parent
    plain = measure("plain", args.lines, args.repeat, here)
    rows = [("baseline str.replace", plain), ("qlr _Offsets + 40,000 conversions", measure("qlr", args.lines, args.repeat, here))]
    if args.compare:
        rows.append((f"the same, {args.compare}", measure("qlr", args.lines, 1, args.compare.resolve())))
    print(f"{args.lines:,} CRLF lines, {plain['characters']:,} characters")
    for name, found in rows:
        print(f"{name:45s} {found['seconds']:9.3f} s  {found['seconds'] / plain['seconds']:9.0f}×")


if __name__ == "__main__":
    main()
