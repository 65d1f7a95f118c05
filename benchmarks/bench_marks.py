"""Benchmark: reading a heavily annotated PDF, with and without its highlights.

A PDF of ``--pages`` pages of 30 lines in Courier (an interview's turns, words drawn
from a small list, so every quote recurs), each page with ``--per-page`` highlights
over words of a line, is read with ``read_source`` as a load does: without marks (no
``codings: - comments:`` entry names it) and with them.  Each measurement runs in a
fresh child process, best of ``--repeat`` (CPU time: the machine may be shared).
``--compare DIR`` times the qlr checkout in ``DIR`` the same way (before and after a
change; a checkout without ``marks=`` always reads them).

    python benchmarks/bench_marks.py [--pages 300] [--per-page 20] [--repeat 2] [--compare ../main]

Stop 34's review: 300 pages, 6,000 highlights read in 25.7 s before (marks on every
load), 1.1 s without marks and 3.2 s with them after.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = "the garden plot shed water rota neighbour seeds frost harvest together bench tools spring again ours".split()

CHILD = r"""
import inspect, json, sys, time
from pathlib import Path
from qlr.io._readers import read_source
path, repeat = Path(sys.argv[1]), int(sys.argv[2])
asks = "marks" in inspect.signature(read_source).parameters
result = {}
for name, options in (("without marks", {}), ("with marks", {"marks": True})):
    if name == "with marks" and not asks:
        options = {}
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        source = read_source(path, **options)
        best = min(best, time.process_time() - start)
    result[name] = (best, len(source.marks), sum(mark.start is not None for mark in source.marks))
print(json.dumps(result))
"""


def write_pdf(path: Path, pages: int, per_page: int) -> None:
    """The annotated PDF (Courier 10: each character 6 points wide, lines 20 points apart)."""
    from pypdf import PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    rng = random.Random(7)
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"), NameObject("/BaseFont"): NameObject("/Courier"),
             NameObject("/FirstChar"): NumberObject(32), NameObject("/LastChar"): NumberObject(126), NameObject("/Widths"): ArrayObject([NumberObject(600)] * 95)}
        )
    )
    for number in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        lines = [("Mo: " if n % 2 else "Interviewer: ") + " ".join(rng.choice(WORDS) for _ in range(8)) + "." for n in range(30)]
        stream = DecodedStreamObject()
        stream.set_data("".join(f"BT /F1 10 Tf 72 {700 - 20 * n} Td ({line}) Tj ET\n" for n, line in enumerate(lines)).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        for _ in range(per_page):
            line = rng.randrange(30)
            left, right, bottom, top = 72 + 6 * 4, 72 + 6 * min(len(lines[line]), 40), 700 - 20 * line - 2, 700 - 20 * line + 8
            quad = ArrayObject([FloatObject(v) for v in (left, top, right, top, left, bottom, right, bottom)])
            mark = Highlight(rect=(left, bottom, right, top), quad_points=quad, highlight_color="ffff00")
            mark[NameObject("/Contents")] = TextStringObject("Belonging")
            writer.add_annotation(page_number=number, annotation=mark)
    with open(path, "wb") as handle:
        writer.write(handle)


def measure(checkout: Path, path: Path, repeat: int) -> dict[str, list[float]]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(repeat)], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(checkout), "PATH": ""}, cwd=path.parent)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--compare", type=Path, help="another qlr checkout to time the same way")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "annotated.pdf"
        write_pdf(path, args.pages, args.per_page)
        print(f"{args.pages} pages, {args.pages * args.per_page:,} highlights")
        for name, checkout in [("this checkout", HERE.parent), *([("compared", args.compare.resolve())] if args.compare else [])]:
            for what, (seconds, marks, placed) in measure(checkout, path, args.repeat).items():
                print(f"  {name:14} {what:14} {seconds:6.2f} s CPU  ({marks:,} marks, {placed:,} placed)")


if __name__ == "__main__":
    main()
