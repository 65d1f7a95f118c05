"""An evaluator's trial (stop 41): what an evaluator scripting a funder report, and a team
reproducing a report on two machines, found wrong.

The study here is written for these tests: an allotment society's three growers seen over
three waves, coded by hand (a codings table beside the transcripts), so that every
placement is known without the rules. G1 drops out after W2, G2 misses W2, G3 is seen
at every wave.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import qlr

from .conftest import write

MANIFEST = """\
name: Allotment growers NAME
waves:
  - {id: W1, label: Spring, start: 2025-03-01, end: 2025-03-31}
  - {id: W2, label: Summer, start: 2025-07-01, end: 2025-07-31}
  - {id: W3, label: Autumn, start: 2025-10-01, end: 2025-10-31}
stages: [planning, growing]
roles:
  grower: {waves: [W1, W2, W3]}
cases:
  - {id: G1, label: Hal, role: grower, attributes: {plot: north}}
  - {id: G2, label: Ida, role: grower, attributes: {plot: south}}
  - {id: G3, label: Jo, role: grower, attributes: {plot: north}}
documents:
  - {path: talks/G1_W1_interview.txt, stage: planning}
  - {path: talks/G2_W1_interview.txt, stage: planning}
  - {path: talks/G3_W1_interview.txt, stage: planning}
  - {path: talks/G1_W2_interview.txt, stage: growing}
  - {path: talks/G3_W2_interview.txt, stage: growing}
  - {path: talks/G2_W3_interview.txt, stage: growing}
  - {path: talks/G3_W3_interview.txt, stage: growing}
codings:
  - coded.csv
"""

#: (case, wave) -> the code both of the participant's turns were given by hand
CODED = {
    ("G1", "W1"): "power.consulted",
    ("G1", "W2"): "power.co_leading",
    ("G2", "W1"): "power.consulted",
    ("G2", "W3"): "power.co_leading",
    ("G3", "W1"): "power.consulted",
    ("G3", "W2"): "power.co_designing",
    ("G3", "W3"): "power.co_leading",
}
NAMES = {"G1": "Hal", "G2": "Ida", "G3": "Jo"}


def _allotment(root, crop="beds"):
    write(root / "study.yaml", MANIFEST.replace("NAME", crop))
    rows = ["doc_id,quote,code_id,coder,codebook,codebook_version"]
    for (case, wave), code in CODED.items():
        name = NAMES[case]
        first = f"The committee asked {name.lower()} about the {wave} {crop} and the water rota."
        second = f"So {name.lower()} wrote down what the plot needs for {wave}."
        write(root / "talks" / f"{case}_{wave}_interview.txt", f"Interviewer: How is the plot?\n{name}: {first}\nInterviewer: And then?\n{name}: {second}\n")
        rows += [f"{case}_{wave}_interview,{first},{code},ev,coproduction,1.0.0", f"{case}_{wave}_interview,{second},{code},ev,coproduction,1.0.0"]
    write(root / "coded.csv", "\n".join(rows) + "\n")
    return qlr.load(root)


@pytest.fixture
def allotment(tmp_path):
    return _allotment(tmp_path / "allotment")


def test_a_ladder_grouped_by_a_case_column_keeps_the_missing_waves(allotment):
    # docs/pooling.md places a pooled study by ("study", "case", "wave"); by ("role", "case", "wave") is the
    # same grouping on one study. The case × wave rows must be those of the default ladder: 3 cases × 3 waves
    # × 2 facets = 18, of which G1 at W3 (dropped out) and G2 at W2 (missed) are missing, with their reason.
    plain = qlr.track.ladder(allotment, codebook="coproduction")
    by_role = qlr.track.ladder(allotment, codebook="coproduction", by=("role", "case", "wave"))
    assert len(plain.table) == 18
    assert len(by_role.table) == 18
    missing = by_role.table[by_role.table["status"] == "missing"]
    assert sorted(zip(missing["case_id"], missing["wave_id"], missing["reason"])) == [
        ("G1", "W3", "dropped out"), ("G1", "W3", "dropped out"), ("G2", "W2", "missed"), ("G2", "W2", "missed"),
    ]
    # The role is filled on every row, the missing ones too.
    assert set(by_role.table["role"]) == {"grower"}
    # So the trajectories are the same: G1 dropped out (incomplete, advancing before), G2 missed a wave.
    keep = ["case_id", "facet", "W1", "W2", "W3", "type", "dropped_out", "type_before"]
    a = qlr.track.trajectories(plain)[keep].astype(str)
    b = qlr.track.trajectories(by_role)[keep].astype(str)
    pd.testing.assert_frame_equal(a, b)
    types = dict(zip(a["case_id"] + " " + a["facet"], a["type"]))
    assert types["G1 delivery"] == "incomplete" and types["G2 delivery"] == "incomplete"
    assert dict(zip(a["case_id"], a["dropped_out"]))["G1"] == "W3"


def test_a_ladder_by_study_of_a_pooled_study_keeps_the_missing_waves(allotment, tmp_path):
    other = _allotment(tmp_path / "second", crop="leeks")
    pooled = qlr.concat([allotment, other], keys=["a", "b"])
    by_study = qlr.track.ladder(pooled, codebook="coproduction", by=("study", "case", "wave")).table
    plain = qlr.track.ladder(pooled, codebook="coproduction").table
    assert len(by_study) == len(plain) == 36
    gone = by_study[(by_study["case_id"] == "b:G1") & (by_study["wave_id"] == "W3")]
    assert list(gone["status"]) == ["missing", "missing"] and list(gone["study"]) == ["b", "b"]


def test_a_case_column_that_differs_by_wave_is_read_per_wave(tmp_path):
    # A per-wave column (employment here) grouped with case and wave: each missing row takes its own wave's value,
    # which the design knows even for a wave the case missed.
    study = _allotment(tmp_path / "perwave")
    manifest = (tmp_path / "perwave" / "study.yaml").read_text(encoding="utf-8")
    manifest = manifest.replace("attributes: {plot: south}}", "attributes: {plot: south}, per_wave: {W1: {job: none}, W2: {job: bus}, W3: {job: bus}}}")
    write(tmp_path / "perwave" / "study.yaml", manifest)
    study = qlr.load(tmp_path / "perwave")
    table = qlr.track.ladder(study, codebook="coproduction", by=("job", "case", "wave"), facet="design").table
    row = table[(table["case_id"] == "G2") & (table["wave_id"] == "W2")]
    assert list(row["status"]) == ["missing"] and list(row["job"]) == ["bus"]


def test_density_by_a_document_column_divides_by_the_cases_words_there(allotment):
    # By stage: G1's planning documents are its W1 interview. Its two turns are its words there.
    segments = allotment.segments
    said = segments[(segments["speaker_role"] == "participant")]
    words_of = said.assign(case=said["doc_id"].str[:2], stage=said["doc_id"].str[3:5].map({"W1": "planning"}).fillna("growing"))
    expected = words_of.groupby(["case", "stage"])["n_words"].sum()
    tidy = qlr.track.matrix(allotment, codebook="coproduction", cols="theme", by="stage", value="density").tidy
    power = tidy[tidy["theme"] == "power"].set_index(["case_id", "stage"])
    for (case, stage), words in expected.items():
        assert power.loc[(case, stage), "words"] == words
        assert power.loc[(case, stage), "value"] == pytest.approx(1000 * power.loc[(case, stage), "count"] / words)
        assert power.loc[(case, stage), "reason"] is None or pd.isna(power.loc[(case, stage), "reason"])
    # G3 said words at W2 and W3, both growing: summed.
    assert power.loc[("G3", "growing"), "words"] == expected[("G3", "growing")]
    assert power.loc[("G3", "growing"), "count"] == 4


def test_density_by_study_of_a_pooled_study_has_words(allotment, tmp_path):
    other = _allotment(tmp_path / "second", crop="leeks")
    pooled = qlr.concat([allotment, other], keys=["a", "b"])
    by_study = qlr.track.matrix(pooled, codebook="coproduction", cols="theme", by="study", value="density").tidy
    by_wave = qlr.track.matrix(pooled, codebook="coproduction", cols="theme", value="density").tidy
    power = by_study[by_study["theme"] == "power"].set_index("case_id")
    # A case's words over the whole study are its words summed over the waves.
    words = by_wave[by_wave["theme"] == "power"].groupby("case_id")["words"].sum()
    for case in ("a:G1", "b:G3"):
        assert power.loc[case, "words"] == words[case] > 0
        assert power.loc[case, "value"] > 0


def _zip_times(path):
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {info.filename: info.date_time for info in archive.infolist()}, archive.read("docProps/core.xml").decode()


def test_source_date_epoch_makes_the_report_the_same_bytes_twice(allotment, tmp_path, monkeypatch):
    # A team comparing two machines' reports byte for byte sets SOURCE_DATE_EPOCH (reproducible-builds.org), as
    # for any build: the page's stamp and the workbook's dates are then that time, not the minute it ran.
    from qlr.report import write_report

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    first, second = tmp_path / "one", tmp_path / "two"
    write_report(allotment, first, codebook="coproduction", progress=False)
    write_report(allotment, second, codebook="coproduction", progress=False)
    page = (first / "index.html").read_text(encoding="utf-8")
    assert "on 2023-11-14 22:13 UTC" in page
    times, core = _zip_times(first / "tables.xlsx")
    assert set(times.values()) == {(2023, 11, 14, 22, 13, 20)}
    assert "2023-11-14T22:13:20Z</dcterms:created>" in core and "2023-11-14T22:13:20Z</dcterms:modified>" in core
    for name in ("index.html", "tables.xlsx"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_source_date_epoch_that_is_no_number_is_one_clear_error(allotment, tmp_path, monkeypatch):
    from qlr.errors import InvalidParameterError
    from qlr.report import write_report

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(InvalidParameterError, match="SOURCE_DATE_EPOCH"):
        write_report(allotment, tmp_path / "bad", codebook="coproduction", progress=False)


def test_without_source_date_epoch_the_report_says_when_it_ran(allotment, tmp_path, monkeypatch):
    from datetime import datetime, timezone

    from qlr.report import write_report

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = tmp_path / "now"
    write_report(allotment, folder, codebook="coproduction", progress=False)
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert f"on {today} " in (folder / "index.html").read_text(encoding="utf-8")
    assert today in _zip_times(folder / "tables.xlsx")[1]


def test_a_time_ordered_matrix_with_gaps_raises_no_pandas_warning(allotment):
    # On pandas 2.x every `qlr report` printed "qlr: warning: The behavior of DataFrame concatenation with empty or
    # all-NA entries is deprecated…": the rows of the waves a case was not seen (no segment, no document) were
    # joined on as empty columns. A user can do nothing about it; nothing is to be said.
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        display = qlr.track.time_ordered_matrix(allotment, codebook="coproduction")
    gaps = display.table[display.table["n_codings"].isin(["dropped out", "missed"])]
    assert sorted(zip(gaps["case_id"], gaps["wave_id"], gaps["n_codings"])) == [("G1", "W3", "dropped out"), ("G2", "W2", "missed")]
    assert gaps["seg_id"].isna().all() and gaps["doc_id"].isna().all()


def test_a_reader_that_stops_reading_is_no_error(allotment, tmp_path):
    # `qlr info study | head -2` ended "qlr: error: [Errno 32] Broken pipe", status 1. A pipe closed by its reader
    # ends the command quietly, with the status of a program the pipe's signal stopped (128 + 13), as cat and grep.
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    folder = tmp_path / "allotment"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "qlr", "info", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader is gone before qlr writes a line
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert "Broken pipe" not in error and "qlr: error" not in error and "Exception ignored" not in error


def test_a_pooled_study_keeps_what_loading_said_of_each_part(tmp_path):
    # Each study's load notes (here: the interviews dated by their headers) were dropped by pooling: the pooled
    # report's load_notes.csv was empty. Each is kept, under its study's key, naming the pooled documents, its
    # paths from the folder that holds the study.
    for crop in ("beds", "leeks"):
        root = tmp_path / crop
        _allotment(root, crop=crop)
        text = (root / "talks" / "G1_W1_interview.txt").read_text(encoding="utf-8")
        write(root / "talks" / "G1_W1_interview.txt", "Interview with Hal, 12 March 2025\n\n" + text)
    first, second = qlr.load(tmp_path / "beds"), qlr.load(tmp_path / "leeks")
    own = qlr.io.load_notes(first)
    assert len(own) >= 1 and own["documents"].str.contains("G1_W1_interview").any()
    pooled = qlr.concat([first, second], keys=["a", "b"])
    notes = qlr.io.load_notes(pooled)
    assert len(notes) == len(own) + len(qlr.io.load_notes(second))
    dated = notes[notes["note"].str.contains("dated by the date their header states")]
    assert sorted(dated["documents"]) == ["a:G1_W1_interview", "b:G1_W1_interview"]
    assert sorted(dated["note"].str[:4]) == ["[a] ", "[b] "]
    assert not notes["note"].str.contains(str(tmp_path)).any()
    # Saved and opened again: the same notes.
    pooled.save(tmp_path / "pooled.qlr")
    again = qlr.io.load_notes(qlr.open(tmp_path / "pooled.qlr"))
    pd.testing.assert_frame_equal(again[again["step"] == "load"].reset_index(drop=True), notes[notes["step"] == "load"].reset_index(drop=True))


def test_the_command_line_says_its_own_options_in_a_fix(tmp_path, capsys):
    # `qlr pool` of studies whose waves differ said "Fix: choose one: waves='order' …", and `qlr agreement --coders rm`
    # "Fix: pass coders=['rm', 'so']": Python, where the command line takes --waves order and --coders rm so.
    from qlr.cli import main

    first = _allotment(tmp_path / "beds")
    root = tmp_path / "leeks"
    _allotment(root, crop="leeks")
    write(root / "study.yaml", (root / "study.yaml").read_text(encoding="utf-8").replace("{id: W", "{id: T").replace("W1, W2, W3", "T1, T2, T3").replace("_W", "_T"))
    for path in sorted((root / "talks").glob("*_W*")):
        path.rename(path.with_name(path.name.replace("_W", "_T")))
    write(root / "coded.csv", (root / "coded.csv").read_text(encoding="utf-8").replace("_W", "_T"))
    assert main(["pool", str(tmp_path / "beds"), str(root), "--key", "a", "--key", "b", "-o", str(tmp_path / "p.qlr")]) == 1
    error = capsys.readouterr().err
    assert "--waves order" in error and "--waves FILE.csv" in error and "waves='order'" not in error
    assert main(["agreement", str(tmp_path / "beds"), "--coders", "ev"]) == 1
    error = capsys.readouterr().err
    assert "--coders ev" in error and "coders=[" not in error
    # The Python functions still say Python.
    with pytest.raises(qlr.errors.PoolingError, match="waves='order'"):
        qlr.concat([first, qlr.load(root)], keys=["a", "b"])


@pytest.mark.parametrize("name", ["pooled.xlsx", "pooled.csv", "pooled.qdpx", "pooled.html"])
def test_a_project_is_not_written_under_another_formats_name(allotment, tmp_path, capsys, name):
    # `qlr pool … -o p.xlsx` wrote a SQLite project named .xlsx, which Excel cannot open, and said "saved p.xlsx".
    from qlr.cli import main

    other = _allotment(tmp_path / "leeks", crop="leeks")
    assert other is not None
    target = tmp_path / name
    assert main(["pool", str(tmp_path / "allotment"), str(tmp_path / "leeks"), "--key", "a", "--key", "b", "-o", str(target)]) == 1
    error = capsys.readouterr().err
    assert ".qlr" in error and not target.exists()
    assert main(["code", str(tmp_path / "allotment"), "--codebook", "coproduction", "-o", str(target)]) == 1
    assert not target.exists()
    # A project file under any other name is written as before.
    assert main(["pool", str(tmp_path / "allotment"), str(tmp_path / "leeks"), "--key", "a", "--key", "b", "-o", str(tmp_path / "pooled.db"), "-q"]) == 0
    assert qlr.open(tmp_path / "pooled.db").name.startswith("pooled")


def test_text_saved_by_pandas_3_opens_with_its_gaps_on_pandas_2():
    # pandas 3 saves a text column as dtype "str", its gaps as NULL. On pandas 2, astype("str") made each NULL the
    # text 'None': the sample saved on one machine and opened on the other had 16 cases of gender 'None' (the
    # employers, partners and staff, whom the manifest gives no gender), a group of their own in any matrix by gender.
    from qlr.io._store import _checked_column

    column = _checked_column(["female", None, "male"], "str", "cases.gender", Path("x.qlr"))
    assert column.tolist()[0] == "female" and column.tolist()[2] == "male"
    assert pd.isna(column.iloc[1]) and column.iloc[1] != "None"
    assert column.isna().tolist() == [False, True, False]


def test_trajectories_keep_the_study_a_ladder_was_grouped_by(allotment, tmp_path):
    # An evaluator's pooled trajectories had only "a:G1"-style ids: to count types per study they split the ids.
    other = _allotment(tmp_path / "second", crop="leeks")
    pooled = qlr.concat([allotment, other], keys=["a", "b"])
    table = qlr.track.trajectories(qlr.track.ladder(pooled, codebook="coproduction", by=("study", "case", "wave")), facet="delivery")
    assert list(table.columns[:2]) == ["study", "case_id"]
    assert dict(zip(table["case_id"], table["study"])) == {f"{k}:G{n}": k for k in "ab" for n in (1, 2, 3)}
    # By case and wave alone the table is as it was.
    plain = qlr.track.trajectories(qlr.track.ladder(pooled, codebook="coproduction"), facet="delivery")
    assert list(plain.columns[:2]) == ["case_id", "facet"]
    pd.testing.assert_frame_equal(table.drop(columns="study"), plain)
