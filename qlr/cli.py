"""The ``qlr`` command.

Errors print as one line on stderr and exit with status 1; ``--debug`` shows the
traceback instead.  Progress bars appear only on a terminal; ``--quiet`` hides
them and everything but results and errors.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__

EPILOG_INFO = """examples:
  qlr info data/sample               summary, attrition, what was inferred
  qlr info carers.qlr                the same for a saved project
  qlr info my_folder --template      print a starting study.yaml for a folder
"""


def _load_any(path: str, quiet: bool):
    from .io import load
    from .io import open as open_project

    progress = False if quiet else None
    if Path(path).suffix.lower() == ".qlr":
        return open_project(path)
    return load(path, progress=progress)


def _format_attrition(study) -> str:  # type: ignore[no-untyped-def]
    attrition = study.attrition()
    if attrition.empty:
        return "(no cases)"
    symbols = {
        "present": "●",
        "not yet joined": "·",
        "missed": "○",
        "dropped out": "×",
        "not scheduled": " ",
        "absent": "?",
    }
    wave_ids = list(study.waves["wave_id"])
    width = max([len(str(c)) for c in attrition.index] + [4])
    role_width = max([len(str(r)) for r in attrition["role"].fillna("")] + [4])
    header = f"{'case':<{width}}  {'role':<{role_width}}  " + "  ".join(f"{w:^3}" for w in wave_ids) + "  pattern"
    lines = [header]
    for case_id, row in attrition.iterrows():
        role = "" if row["role"] is None or str(row["role"]) == "<NA>" else str(row["role"])
        cells = "  ".join(f"{symbols[row[w]]:^{max(3, len(w))}}" for w in wave_ids)
        lines.append(f"{case_id:<{width}}  {role:<{role_width}}  {cells}  {row['pattern']}")
    lines.append("● present  · not yet joined  ○ missed  × dropped out  (blank) not scheduled  ? never seen")
    return "\n".join(lines)


def cmd_info(args: argparse.Namespace) -> int:
    study = _load_any(args.study, args.quiet)
    if args.template:
        from .io import manifest_template

        print(manifest_template(study), end="")
        return 0
    summary = study.summary()
    print(f"{study.name}")
    print(
        f"  {summary['cases']} cases × {summary['waves']} waves, {summary['documents']} documents, "
        f"{summary['words']:,} words, {summary['segments']:,} segments, {summary['codings']:,} codings, "
        f"{summary['memos']:,} memos"
    )
    waves = study.waves
    for wave in waves.itertuples():
        n_docs = int((study.documents["wave_id"] == wave.wave_id).sum())
        dates = ""
        if str(wave.start) != "NaT":
            dates = f" ({str(wave.start)[:10]} to {str(wave.end)[:10]})"
        print(f"  {wave.wave_id}: {wave.label}{dates}, {n_docs} documents")
    kinds = study.documents["kind"].value_counts()
    print("  documents by kind: " + ", ".join(f"{kind} {count}" for kind, count in kinds.items()))
    roles = study.segments.groupby(study.segments["speaker_role"].fillna("(none)"))["seg_id"].count()
    print("  segments by speaker role: " + ", ".join(f"{role} {count:,}" for role, count in roles.items()))
    interviewer_labels = sorted(set(study.segments.loc[study.segments["speaker_role"] == "interviewer", "speaker"].dropna()))
    if interviewer_labels:
        print("  labels read as the interviewer: " + ", ".join(interviewer_labels))
    print()
    print("Attrition (case × wave)")
    print(_format_attrition(study))
    inferred = study.meta.get("inferred") or []
    if inferred:
        print()
        print("Inferred by qlr (state it in study.yaml to change it):")
        for note in inferred:
            print(f"  - {note}")
        if "manifest" not in study.meta:
            print(f"  To write a manifest: qlr info {args.study} --template > {Path(args.study) / 'study.yaml'}")
    return 0


EPILOG_IMPORT = """examples:
  qlr import project.qdpx --wave variable:Wave -o study.qlr
  qlr import nvivo.qdpx --wave "pattern:_(?P<wave>W\\d)_" -o study.qlr
  qlr import atlas.qdpx --wave set -o study.qlr
"""

EPILOG_EXPORT = """examples:
  qlr export study.qlr -o project.qdpx        for NVivo, ATLAS.ti, MAXQDA, QualCoder
  qlr export data/sample -o sample.qdpx        a study folder works too
"""


def cmd_import(args: argparse.Namespace) -> int:
    from .io import read_qdpx

    wave = args.wave
    if wave and wave.lower().endswith(".csv"):
        wave = Path(wave)
    study = read_qdpx(args.project, wave=wave, case=args.case, max_bytes=args.max_bytes)
    report = study.meta.get("import", {})
    study.save(args.output)
    if not args.quiet:
        print(f"{study}")
        print(f"  selections placed: {report.get('placed', 0)} of {report.get('selections', 0)}")
        for name, info in (report.get("sources") or {}).items():
            if info.get("selections"):
                print(f"  {name}: {info['placed']} of {info['selections']} placed ({info['convention']} positions)")
        print(f"saved {args.output}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .io import write_qdpx

    study = _load_any(args.study, args.quiet)
    write_qdpx(study, args.output)
    if not args.quiet:
        print(f"wrote {args.output}: {len(study.documents)} sources, {len(study.codings)} codings, {len(study.memos)} memos")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qlr",
        description="qlr: qualitative longitudinal research — cases across waves, coding, change over time.",
    )
    parser.add_argument("--version", action="version", version=f"qlr {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    common.add_argument("-q", "--quiet", action="store_true", help="no progress bars or warnings; results and errors only")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    info = commands.add_parser(
        "info",
        parents=[common],
        help="summarise a study folder or .qlr project",
        description="Print the study summary, the waves, and the case × wave attrition table.",
        epilog=EPILOG_INFO,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    info.add_argument("study", help="a study folder, a study.yaml, a document, or a .qlr project")
    info.add_argument("--template", action="store_true", help="print a study.yaml describing what qlr inferred")
    info.set_defaults(handler=cmd_info)

    importer = commands.add_parser(
        "import",
        parents=[common],
        help="import a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA or QualCoder",
        description="Read a .qdpx project (safely) and save it as a .qlr project.",
        epilog=EPILOG_IMPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("project", help="the exported .qdpx (or .qde)")
    importer.add_argument("-o", "--output", required=True, help="the .qlr project file to write")
    importer.add_argument("--wave", help="where waves come from: variable:NAME, set, set:REGEX, pattern:REGEX, or a CSV (source,wave)")
    importer.add_argument("--case", help="where cases come from when the project has none: pattern:REGEX")
    importer.add_argument("--max-bytes", type=int, default=1024**3, help="refuse archives that expand past this many bytes (default 1 GiB)")
    importer.set_defaults(handler=cmd_import)

    exporter = commands.add_parser(
        "export",
        parents=[common],
        help="export a study as a REFI-QDA project (.qdpx)",
        description="Write a .qdpx that QDA tools import; qlr reads it back without loss.",
        epilog=EPILOG_EXPORT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exporter.add_argument("study", help="a .qlr project or a study folder")
    exporter.add_argument("-o", "--output", required=True, help="the .qdpx file to write")
    exporter.set_defaults(handler=cmd_export)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
    print(f"qlr: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qlr`` command; return the exit status."""
    from .errors import QlrError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            if args.quiet:
                warnings.simplefilter("ignore")
            else:
                warnings.simplefilter("default")
                warnings.showwarning = _show_warning
            return int(args.handler(args) or 0)
    except (QlrError, OSError) as exc:
        if args.debug:
            raise
        print(f"qlr: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("qlr: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
