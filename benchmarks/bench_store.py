"""Benchmark: a 10-million-word project saved, opened and analysed.

The study is ``synth.py``'s (600 cases × 3 waves of interviews plus field notes;
about 10 million words), loaded once with ``qlr.load``.  Its codings are made
synthetically rather than by the rules (coding 10 million words takes minutes on
this machine and is measured by ``bench_scale.py``): about one coding per 25
participant words on random codes of the bundled ``coproduction`` codebook, by the
coder ``rules``, and a second coder ``rm`` on every tenth document (two thirds of
the first coder's codings on it kept, plus as many again on other codes), so that
agreement has something to compare.  The project is written once to ``--project``.

Then, each in a fresh child process (so its peak memory is its own):

* ``save`` — open the project, then ``study.save`` it again; the peak resident
  memory *during the save* beyond what the opened study holds;
* ``open`` — ``qlr.open``; seconds and the peak beyond the interpreter's start;
* baselines: the same ten tables written with ``DataFrame.to_sql`` into a fresh
  SQLite file and read back with ``pandas.read_sql_table`` (plain pandas);
* ``info`` — ``qlr info PROJECT`` as a command, wall seconds;
* ``analyses`` — matrix, change, ladder, the co-occurrence networks and agreement,
  each beside a plain pandas baseline of the same counts (as ``bench_track.py``);
* ``report`` — ``qlr.report.write_report`` for the 600 cases: seconds and sizes;
* ``browser`` — headless Chromium opening the index page and a case page (a
  screenshot, fresh profile, best of three), beside a blank page's time.

    python benchmarks/bench_store.py [--words 10000000] [--project /tmp/qlr-big.qlr]
    python benchmarks/bench_store.py --compare /work/main     # the same children on another checkout too
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def rss_mib() -> float:
    """The resident memory now (Linux /proc), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PeakRss:
    """The seconds a block takes and the highest resident memory meanwhile (sampled every 5 ms)."""

    def __enter__(self) -> PeakRss:
        self.began = time.perf_counter()
        self.start = self.peak = rss_mib()
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while self._running:
            self.peak = max(self.peak, rss_mib())
            time.sleep(0.005)

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.began
        self._running = False
        self._thread.join()
        self.peak = max(self.peak, rss_mib())

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s, RSS {self.start:,.0f} -> peak {self.peak:,.0f} MiB (+{self.peak - self.start:,.0f})"


def synthetic_codings(study, codebook, *, seed: int = 11) -> pd.DataFrame:
    """Codings on participant segments: one per ~25 words, a second coder on every tenth document."""
    rng = np.random.default_rng(seed)
    code_ids = np.array([code.id for code in codebook.codes])
    segments = study.segments[study.segments["speaker_role"] == "participant"]
    per_segment = rng.poisson(segments["n_words"].fillna(0).to_numpy() / 25)
    rows = segments.loc[segments.index.repeat(per_segment), ["seg_id", "doc_id", "start", "end"]].reset_index(drop=True)
    length = (rows["end"] - rows["start"]).to_numpy()
    span = np.minimum(length, rng.integers(20, 120, size=len(rows)))
    start = rows["start"].to_numpy() + (rng.random(len(rows)) * (length - span + 1)).astype(int)
    first = pd.DataFrame(
        {"doc_id": rows["doc_id"], "seg_id": rows["seg_id"], "start": start, "end": start + span,
         "code_id": rng.choice(code_ids, size=len(rows)), "coder": "rules", "origin": "rules",
         "codebook": codebook.id, "codebook_version": codebook.version, "status": "accepted", "assertion": "affirmed"}
    )
    documents = study.documents["doc_id"].iloc[::10]
    second = first[first["doc_id"].isin(documents)]
    kept = second.sample(frac=2 / 3, random_state=seed)
    extra = second.sample(frac=2 / 3, random_state=seed + 1).assign(code_id=lambda f: rng.choice(code_ids, size=len(f)))
    second = pd.concat([kept, extra]).assign(coder="rm", origin="human", codebook=pd.NA, codebook_version=pd.NA, assertion=pd.NA)
    codings = pd.concat([first, second], ignore_index=True)
    codings.insert(0, "coding_id", [f"syn{i:08d}" for i in range(len(codings))])
    return codings


def build(words: int, project: Path, folder: Path | None = None) -> None:
    sys.path.insert(0, str(HERE))
    import synth

    import qlr

    folder = folder or Path(f"/tmp/qlr-synth-{words}-600")
    if not (folder / "study.yaml").exists():
        synth.generate(folder, words=words, cases=600, waves=3)
    start = time.perf_counter()
    study = qlr.load(folder, progress=False)
    print(f"loaded {folder} in {time.perf_counter() - start:.1f} s")
    codebook = qlr.read_codebook("coproduction")
    coded = qlr.Study(
        study.name, cases=study.cases, waves=study.waves, case_waves=study.case_waves, documents=study.documents,
        segments=study.segments, codings=synthetic_codings(study, codebook), actors=study.actors, log=study.log,
        meta=study.meta, codebooks={codebook.id: codebook},
    )
    coded.save(project)
    print(f"wrote {project}: {coded}")


# ---------------------------------------------------------------- children


def child_open(project: str) -> None:
    import qlr

    with PeakRss() as measured:
        study = qlr.open(project)
    print(f"open {measured}; {study}")


def child_save(project: str) -> None:
    import qlr

    study = qlr.open(project)
    target = Path(project).with_name("qlr-bench-resave.qlr")
    with PeakRss() as measured:
        study.save(target)
    size = target.stat().st_size / 2**20
    target.unlink()
    print(f"save {measured} during the save; {size:,.0f} MiB file")


def child_pandas(project: str) -> None:
    import sqlite3

    import qlr

    study = qlr.open(project)
    target = Path(project).with_name("qlr-bench-pandas.sqlite")
    with PeakRss() as saved:
        with sqlite3.connect(target) as connection:
            for table in ("cases", "waves", "case_waves", "documents", "segments", "codings", "memos", "actors", "overrides", "log"):
                frame = getattr(study, table)
                # to_sql cannot store list cells (actors' aliases): as text, as qlr's JSON does.
                frame = frame.astype({c: "string" for c in frame.columns if frame[c].dtype == object})
                frame.to_sql(table, connection, index=False)
    del study
    with PeakRss() as read:
        with sqlite3.connect(target) as connection:
            tables = {t: pd.read_sql_query(f'SELECT * FROM "{t}"', connection) for t in ("cases", "waves", "case_waves", "documents", "segments", "codings", "memos", "actors", "overrides", "log")}
    target.unlink()
    print(f"pandas to_sql {saved}; read_sql {read}; {len(tables['codings']):,} codings")


def timed_both(function, repeat: int = 3) -> tuple[float, float]:
    """The best wall and the best CPU seconds (this process) of ``repeat`` calls."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def child_analyses(project: str) -> None:
    import qlr

    study = qlr.open(project)
    codebook = study.codebooks["coproduction"]
    documents = study.documents[["doc_id", "case_id", "wave_id"]]
    rank = {"human": 0, "rules": 1}

    def one_coder() -> pd.DataFrame:
        # What qlr counts: on a passage (segment × code) both coders coded, the person's codings only.
        codings = study.codings
        ranked = codings[["seg_id", "code_id", "coder"]].assign(rank=codings["origin"].map(rank)).sort_values("rank", kind="stable")
        winners = ranked.drop_duplicates(["seg_id", "code_id"])[["seg_id", "code_id", "coder"]]
        return codings.merge(winners, on=["seg_id", "code_id", "coder"])

    def count_baseline() -> pd.Series:
        return one_coder().merge(documents, on="doc_id").groupby(["case_id", "wave_id", "code_id"]).size()

    evidence = pd.DataFrame(
        [{"code_id": c.id, "facet": e.facet, "level": e.level, "polarity": e.polarity, "weight": e.weight} for c in codebook for e in c.evidence]
    )

    def ladder_baseline() -> pd.Series:
        joined = one_coder().merge(documents, on="doc_id").merge(evidence, on="code_id")
        return joined.groupby(["case_id", "wave_id", "facet", "level", "polarity"], dropna=False)["weight"].sum()

    def pairs_baseline() -> pd.Series:
        joined = one_coder().merge(documents[["doc_id", "wave_id"]], on="doc_id")[["seg_id", "wave_id", "code_id"]].drop_duplicates()
        both = joined.merge(joined, on=["seg_id", "wave_id"])
        both = both[both["code_id_x"] < both["code_id_y"]]
        return both.groupby(["wave_id", "code_id_x", "code_id_y"]).size()

    def agreement_baseline() -> pd.DataFrame:
        # The same five statistics per code as qlr.code.agreement, from each code's 2 × 2 table of the two coders.
        # Units: the participant (observer, other) segments and every coded segment of the documents either coder
        # coded; a coder who did not code a document is missing there.  Codings reach units by their seg_id (qlr
        # finds the segments a span overlaps; on this study each coding lies inside its segment, so the same units).
        # Not done here: qlr's checks and edge cases (pending suggestions, a code no compared unit carries, more coders).
        coded = study.codings.loc[study.codings["coder"].isin(["rules", "rm"]), ["seg_id", "doc_id", "code_id", "coder"]]
        read = coded.groupby("coder")["doc_id"].unique()
        segments = study.segments
        units = segments[segments["doc_id"].isin(set(read["rules"]) | set(read["rm"]))
                         & (segments["speaker_role"].isin(["participant", "observer", "other"]) | segments["seg_id"].isin(coded["seg_id"]))]
        both_read = units["doc_id"].isin(read["rules"]) & units["doc_id"].isin(read["rm"])
        n = int(both_read.sum())
        present = coded[coded["seg_id"].isin(units.loc[both_read, "seg_id"])].drop_duplicates(["seg_id", "code_id", "coder"])
        flags = present.assign(rules=present["coder"] == "rules", rm=present["coder"] == "rm").groupby(["code_id", "seg_id"])[["rules", "rm"]].any()
        table = pd.DataFrame({
            "n11": (flags["rules"] & flags["rm"]).groupby(level="code_id").sum(),
            "n10": (flags["rules"] & ~flags["rm"]).groupby(level="code_id").sum(),
            "n01": (~flags["rules"] & flags["rm"]).groupby(level="code_id").sum(),
        }).reindex(sorted(coded["code_id"].unique()), fill_value=0).astype(float)
        table["n00"] = n - table.sum(axis=1)
        p_o = (table["n11"] + table["n00"]) / n
        rules_yes, rm_yes = (table["n11"] + table["n10"]) / n, (table["n11"] + table["n01"]) / n
        p_e = rules_yes * rm_yes + (1 - rules_yes) * (1 - rm_yes)
        pooled = (rules_yes + rm_yes) / 2
        fleiss_chance = pooled**2 + (1 - pooled) ** 2
        ones, zeros = 2 * table["n11"] + table["n10"] + table["n01"], 2 * table["n00"] + table["n10"] + table["n01"]
        return pd.DataFrame({
            "n_units": n, "percent_agreement": p_o, "cohen_kappa": (p_o - p_e) / (1 - p_e),
            "fleiss_kappa": (p_o - fleiss_chance) / (1 - fleiss_chance), "brennan_prediger": 2 * p_o - 1,
            "krippendorff_alpha": 1 - (2 * n - 1) * (table["n10"] + table["n01"]) / (ones * zeros),
        })

    print(f"study: {study}")
    counted = qlr.track.matrix(study, cols="code", value="count").tidy["count"].sum()
    print(f"codings counted: qlr.track.matrix {counted:,.0f}, baseline {count_baseline().sum():,}")
    ours, theirs = qlr.code.agreement(study, coders=["rules", "rm"]).drop(index="overall"), agreement_baseline()
    gap = (ours[theirs.columns].astype(float) - theirs.reindex(ours.index)).abs().max().max()
    print(f"agreement: qlr and the baseline differ by at most {gap:.1e} over {len(theirs)} codes × {theirs.shape[1]} figures")
    rows = []
    for name, function, baseline in (
        ("matrix", lambda: qlr.track.matrix(study), count_baseline),
        ("change", lambda: qlr.track.change(study), count_baseline),
        ("ladder", lambda: qlr.track.ladder(study), ladder_baseline),
        ("cooccurrence", lambda: qlr.net.cooccurrence(study), pairs_baseline),
        ("agreement", lambda: qlr.code.agreement(study, coders=["rules", "rm"]), agreement_baseline),
    ):
        base, base_cpu = timed_both(baseline)
        seconds, cpu = timed_both(function)
        rows.append((name, seconds, base))
        print(f"{name:<13} qlr {seconds:6.2f} s wall {cpu:6.2f} s CPU   pandas baseline {base:6.2f} s wall {base_cpu:6.2f} s CPU   "
              f"ratio {seconds / base:5.2f}× wall {cpu / base_cpu:5.2f}× CPU (target ≤ 3×)", flush=True)


def report_folder(project: Path) -> Path:
    """Where the report of ``project`` is written: beside it, named after it (two projects, two reports)."""
    return project.with_name(f"{project.stem}-report")


def child_report(project: str) -> None:
    import qlr

    study = qlr.open(project)
    out = report_folder(Path(project))
    cpu = time.process_time()
    with PeakRss() as measured:
        qlr.report.write_report(study, out, progress=False)
    cpu = time.process_time() - cpu
    pages = list((out / "cases").glob("*.html"))
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20
    print(f"report {measured}, {cpu:.1f} s CPU; index.html {(out / 'index.html').stat().st_size / 2**20:.1f} MiB, "
          f"{len(pages)} case pages of {sum(f.stat().st_size for f in pages) / len(pages) / 1024:.0f} KiB on average, {total:.1f} MiB in all")


CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1280,900", "--host-resolver-rules=MAP * ~NOTFOUND"]


def browser_seconds(page: Path, repeat: int = 3) -> float:
    """Best wall time of headless Chromium opening ``page`` and saving a screenshot, a fresh profile each time."""
    import shutil
    import tempfile

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as profile:
            start = time.perf_counter()
            subprocess.run([browser, *CHROMIUM, f"--user-data-dir={profile}", f"--screenshot={profile}/shot.png", page.resolve().as_uri()],
                           capture_output=True, check=True, timeout=300)
            best = min(best, time.perf_counter() - start)
    return best


def time_browser(project: Path) -> None:
    out = report_folder(project)
    blank = out / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body><p>blank</p></body></html>", encoding="utf-8")
    base = browser_seconds(blank)
    blank.unlink()
    index = browser_seconds(out / "index.html")
    case = browser_seconds(sorted((out / "cases").glob("*.html"))[0])
    print(f"headless Chromium, best of 3: blank page {base:.2f} s, index.html {index:.2f} s (+{index - base:.2f} s), a case page {case:.2f} s (+{case - base:.2f} s)")


CHILDREN = {"open": child_open, "save": child_save, "pandas": child_pandas, "analyses": child_analyses, "report": child_report}


def run_child(name: str, project: Path, checkout: Path) -> None:
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--project", str(project)]
    subprocess.run(command, env=environment, check=True, cwd=checkout)


def time_info(project: Path, checkout: Path) -> None:
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "qlr.cli", "info", str(project)], env=environment, cwd=checkout, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    first_lines = " / ".join(done.stdout.splitlines()[:2])
    print(f"qlr info: {seconds:.2f} s wall, {cpu:.2f} s CPU (exit {done.returncode}): {first_lines}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=10_000_000)
    parser.add_argument("--project", type=Path, default=Path("/tmp/qlr-big.qlr"))
    parser.add_argument("--study-folder", type=Path, help="where the synthetic study folder is written (default /tmp/qlr-synth-WORDS-600)")
    parser.add_argument("--only", nargs="*", default=["open", "save", "pandas", "info", "analyses", "report", "browser"], help="which measurements to run")
    parser.add_argument("--compare", type=Path, help="another checkout whose open, save and info are timed too")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        CHILDREN[args.child](str(args.project))
        return
    if not args.project.exists():
        build(args.words, args.project, args.study_folder)
    print(f"project {args.project}: {args.project.stat().st_size / 2**20:,.0f} MiB")
    checkouts = [("this checkout", ROOT)] + ([("compare", args.compare.resolve())] if args.compare else [])
    for label, checkout in checkouts:
        print(f"--- {label}: {checkout}")
        for name in args.only:
            if name == "info":
                time_info(args.project, checkout)
            elif name == "browser":
                time_browser(args.project)
            elif label == "this checkout" or name in ("open", "save"):
                run_child(name, args.project, checkout)


if __name__ == "__main__":
    main()
