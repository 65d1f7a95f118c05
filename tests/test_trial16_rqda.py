"""The sixteenth trial: a sociologist's three-wave interview study coded in RQDA, read with ``qlr.io.read_rqda``.

The project is written here with RQDA's own schema: the ``CREATE TABLE`` statements of
RQDA's ``new_proj`` (R/ProjectFun.R, database version 0.2.2), with the columns its
upgrades add (``project.imageDir``, ``attributes.class``, ``caseAttr.status``,
``fileAttr.status``), and rows as RQDA's code writes them: times from R's ``date()``,
``status`` 1 for what RQDA shows, 0 for what its delete buttons put in the trash, -1 for
an unmarked coding; ``selfirst``/``selend`` as REAL characters of the file's text from 0,
the end not included (``seltext`` is ``substr(file, selfirst + 1, selend)``, as
``insertCoding`` writes it); a file linked to a case as 0..``nchar(file)``.  The people
and their words are invented; every expected value below is worked out by hand.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import QdpxError, QlrWarning, SourceNotFoundError

# RQDA's new_proj, as it runs them (the ALTERs of the same function and of UpgradeTables folded in).
SCHEMA = """
create table source (name text, id integer, file text, memo text, owner text, date text, dateM text, status integer);
create table freecode (name text, memo text, owner text, date text, dateM text, id integer, status integer, color text);
create table treecode (cid integer, catid integer, date text, dateM text, memo text, status integer, owner text);
create table treefile (fid integer, catid integer, date text, dateM text, memo text, status integer, owner text);
create table filecat (name text, fid integer, catid integer, owner text, date text, dateM text, memo text, status integer);
create table codecat (name text, cid integer, catid integer, owner text, date text, dateM text, memo text, status integer);
create table coding (cid integer, fid integer, seltext text, selfirst real, selend real, status integer, owner text, date text, memo text);
create table coding2 (cid integer, fid integer, seltext text, selfirst real, selend real, status integer, owner text, date text, memo text);
create table project (databaseversion text, date text, dateM text, memo text, about text, imageDir text);
create table cases (name text, memo text, owner text, date text, dateM text, id integer, status integer);
create table caselinkage (caseid integer, fid integer, selfirst real, selend real, status integer, owner text, date text, memo text);
create table attributes (name text, status integer, date text, dateM text, owner text, memo text, class text);
create table caseAttr (variable text, value text, caseID integer, date text, dateM text, owner text, status integer);
create table fileAttr (variable text, value text, fileID integer, date text, dateM text, owner text, status integer);
create table journal (name text, journal text, date text, dateM text, owner text, status integer);
create table annotation (fid integer, position integer, annotation text, owner text, date text, dateM text, status integer);
create table image (name text, id integer, date text, dateM text, owner text, status integer);
create table imageCoding (cid integer, iid integer, x1 integer, y1 integer, x2 integer, y2 integer, memo text, date text, dateM text, owner text, status integer);
"""
WHEN = "Tue Mar  5 10:15:02 2019"  # R's date(): a day of the month below 10 is padded with a space

# Two carers over three waves; Ben's third interview was deleted in RQDA (in its trash).
TEXTS = {
    1: ("Ana_T1", "I: How was the first year?\nAna: Hard. I was on my own with Mum every night.\n"),
    2: ("Ana_T2", "I: And now?\nAna: Ça va mieux. The day centre takes her twice a week; I worry about the costs.\n"),
    3: ("Ana_T3", "I: A year on?\nAna: Mum moved into the care home. I sleep again, but the guilt stays.\n"),
    4: ("Ben_T1", "I: Who helps you?\nBen: My sister, on Sundays. Otherwise nobody.\n"),
    5: ("Ben_T2", "I: Anything changed?\nBen: Zukunftsängste, ja: what happens when I am ill myself?\n"),
    6: ("Ben_T3", "I: Last time we spoke about money.\nBen: It got worse.\n"),
}
# (code id, name, status, memo); 4 was deleted with its codings.
CODES = [(1, "Coping", 1, "How the carer manages the strain."), (2, "Support", 1, ""), (3, "Zukunftsängste", 1, "Fears about the future."), (4, "Money", 0, "")]


def _place(fid: int, passage: str) -> tuple[float, float]:
    text = TEXTS[fid][1]
    start = text.index(passage)
    return float(start), float(start + len(passage))


def make_project(path: Path) -> Path:
    """The carers' study as an RQDA 0.2.2 project."""
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    db.execute("insert into project (databaseversion, date, about, memo) values ('0.2.2', ?, 'Database created by RQDA (http://rqda.r-forge.r-project.org/)', 'Carers over three years, coded by Maria and Tom.')", (WHEN,))
    db.executemany(
        "insert into source (name, file, id, status, date, owner, memo) values (?, ?, ?, ?, ?, 'maria', ?)",
        [(name, text, fid, 0 if fid == 6 else 1, WHEN, "kitchen table" if fid == 1 else None) for fid, (name, text) in TEXTS.items()],
    )
    db.executemany("insert into freecode (name, id, status, date, owner, memo) values (?, ?, ?, ?, 'maria', ?)", [(name, cid, status, WHEN, memo) for cid, name, status, memo in CODES])
    # Code categories (AddTodbTable: catid), codes put in them (treecode); Support is in two.
    db.executemany("insert into codecat (name, catid, status, date, owner, memo) values (?, ?, 1, ?, 'maria', ?)", [("Strain", 1, WHEN, "What wears carers down."), ("Resources", 2, WHEN, None)])
    db.executemany("insert into treecode (cid, catid, date, dateM, memo, status, owner) values (?, ?, ?, ?, '', 1, 'maria')", [(1, 1, WHEN, WHEN), (3, 1, WHEN, WHEN), (2, 2, WHEN, WHEN), (2, 1, WHEN, WHEN)])
    codings = [
        # (cid, fid, passage, status, owner, memo)
        (1, 1, "Hard. I was on my own with Mum every night.", 1, "maria", "Alone at night."),
        (1, 1, "Hard. I was on my own with Mum every night.", 1, "tom", None),
        (2, 2, "The day centre takes her twice a week", 1, "maria", None),
        (2, 2, "The day centre takes her twice a week", 1, "tom", None),
        (1, 2, "Ça va mieux.", 1, "maria", None),
        (3, 5, "Zukunftsängste, ja: what happens when I am ill myself?", 1, "tom", None),
        (2, 4, "My sister, on Sundays.", 1, "maria", None),
        (1, 3, "I sleep again, but the guilt stays.", -1, "maria", None),  # unmarked
        (4, 6, "It got worse.", 0, "maria", None),  # its file and code deleted
    ]
    for cid, fid, passage, status, owner, memo in codings:
        first, end = _place(fid, passage)
        db.execute("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date, memo) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", (cid, fid, passage, first, end, status, owner, WHEN, memo))
    # Tom's coding of Ana's third interview: positions of "the guilt stays" but its seltext is another passage (the file was edited after coding).
    first, end = _place(3, "the guilt stays")
    db.execute("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (1, 3, 'the shame stays', ?, ?, 1, 'tom', ?)", (first, end, WHEN))
    # Cases and their files (AddFileToCaselinkage: 0..nchar(file)), attributes.
    db.executemany("insert into cases (name, id, status, date, owner, memo) values (?, ?, 1, ?, 'maria', ?)", [("Ana", 1, WHEN, "Daughter caring for her mother."), ("Ben", 2, WHEN, None)])
    links = [(1, 1), (1, 2), (1, 3), (2, 4), (2, 5), (2, 6)]
    db.executemany(
        "insert into caselinkage (caseid, fid, selfirst, selend, status, owner, date, memo) values (?, ?, 0, ?, ?, 'maria', ?, '')",
        [(case, fid, len(TEXTS[fid][1]), 0 if fid == 6 else 1, WHEN) for case, fid in links],
    )
    db.executemany("insert into attributes (name, status, date, owner, class, memo) values (?, 1, ?, 'maria', ?, ?)", [("age", WHEN, "numeric", "Age at the first interview"), ("relation", WHEN, "character", None), ("interviewer", WHEN, "character", None)])
    db.executemany(
        "insert into caseAttr (variable, value, caseID, date, owner, status) values (?, ?, ?, ?, 'maria', 1)",
        [("age", "52", 1, WHEN), ("relation", "daughter", 1, WHEN), ("age", "61", 2, WHEN), ("relation", "NA", 2, WHEN)],
    )
    db.execute("insert into fileAttr (variable, value, fileID, date, owner, status) values ('interviewer', 'Kim', 1, ?, 'maria', 1)", (WHEN,))
    # File categories: the waves, and one that is not a wave.
    db.executemany("insert into filecat (name, catid, status, date, owner) values (?, ?, 1, ?, 'maria')", [("T1", 1, WHEN), ("T2", 2, WHEN), ("T3", 3, WHEN), ("Rural", 4, WHEN)])
    db.executemany(
        "insert into treefile (fid, catid, date, dateM, memo, status, owner) values (?, ?, ?, ?, NULL, ?, 'maria')",
        [(1, 1, WHEN, WHEN, 1), (4, 1, WHEN, WHEN, 1), (2, 2, WHEN, WHEN, 1), (5, 2, WHEN, WHEN, 1), (3, 3, WHEN, WHEN, 1), (6, 3, WHEN, WHEN, 0), (4, 4, WHEN, WHEN, 1), (5, 4, WHEN, WHEN, 1)],
    )
    db.executemany("insert into journal (name, journal, date, owner, status) values (?, ?, ?, 'maria', ?)", [("After wave 2", "Costs come up in both carers' second interviews.", WHEN, 1), ("draft", "to delete", WHEN, 0)])
    db.execute("insert into annotation (fid, position, annotation, owner, date, status) values (2, ?, 'She laughed here.', 'maria', ?, 1)", (TEXTS[2][1].index("Ça"), WHEN))
    db.commit()
    db.close()
    return path


def read(path: Path, **options):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_rqda(path, **options)
    return study, [str(w.message) for w in caught if issubclass(w.category, QlrWarning)]


def quiet(path: Path, **options):  # type: ignore[no-untyped-def]
    study, _ = read(path, **options)
    return study


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "carers.rqda")


def test_documents_cases_waves_and_both_coders_codings(project):
    study, _ = read(project)
    documents = study.documents.set_index("doc_id")
    # Ben's third interview is in RQDA's trash: five documents, each at the wave its file category names.
    assert documents[["case_id", "wave_id"]].to_dict("index") == {
        "Ana_T1": {"case_id": "Ana", "wave_id": "T1"},
        "Ana_T2": {"case_id": "Ana", "wave_id": "T2"},
        "Ana_T3": {"case_id": "Ana", "wave_id": "T3"},
        "Ben_T1": {"case_id": "Ben", "wave_id": "T1"},
        "Ben_T2": {"case_id": "Ben", "wave_id": "T2"},
    }
    assert list(study.waves["wave_id"]) == ["T1", "T2", "T3"]
    assert documents.loc["Ana_T2", "text"] == TEXTS[2][1]
    assert any("file categories named as waves ('T1', 'T2', 'T3')" in note for note in study.meta["inferred"])
    # Every live coding, each owner a coder; positions are characters of the file from 0, the end not included.
    got = sorted(
        (row.doc_id, row.code_id, row.coder, row.start, row.end, documents.loc[row.doc_id, "text"][row.start : row.end]) for row in study.codings.itertuples()
    )
    assert got == sorted([
        ("Ana_T1", "strain.coping", "maria", 32, 75, "Hard. I was on my own with Mum every night."),
        ("Ana_T1", "strain.coping", "tom", 32, 75, "Hard. I was on my own with Mum every night."),
        ("Ana_T2", "resources.support", "maria", 30, 67, "The day centre takes her twice a week"),
        ("Ana_T2", "resources.support", "tom", 30, 67, "The day centre takes her twice a week"),
        ("Ana_T2", "strain.coping", "maria", 17, 29, "Ça va mieux."),
        ("Ana_T3", "strain.coping", "tom", 68, 83, "the guilt stays"),
        ("Ben_T1", "resources.support", "maria", 23, 45, "My sister, on Sundays."),
        ("Ben_T2", "strain.zukunftsangste", "tom", 26, 80, "Zukunftsängste, ja: what happens when I am ill myself?"),
    ])
    assert set(study.codings["origin"]) == {"import"}
    assert study.meta["import"]["format"] == "rqda" and study.meta["import"]["database_version"] == "0.2.2"
    # R's date(), "Tue Mar  5 10:15:02 2019", read as that time.
    assert set(study.codings["created"].astype(str)) == {"2019-03-05 10:15:02+00:00"}


def test_cases_attributes_and_file_attributes(project):
    study = quiet(project)
    cases = study.cases.set_index("case_id")
    assert list(cases.index) == ["Ana", "Ben"]
    assert cases.loc["Ana", "age"] == 52 and cases.loc["Ben", "age"] == 61  # class numeric: whole numbers stay whole
    assert cases.loc["Ana", "relation"] == "daughter"
    assert cases["relation"].isna()["Ben"]  # RQDA's 'NA' is no value
    assert study.meta["import"]["source_values"] == {"Ana_T1": {"interviewer": ["TextValue", "Kim"]}}


def test_code_categories_and_memos(project):
    study = quiet(project)
    (codebook,) = study.codebooks.values()
    themes = {theme.id: theme for theme in codebook.themes}
    assert sorted(themes) == ["resources", "strain"]
    assert themes["strain"].name == "Strain" and themes["strain"].definition == "What wears carers down."
    codes = {code.id: code for code in codebook.codes}
    assert sorted(codes) == ["resources.support", "strain.coping", "strain.zukunftsangste"]  # Money is in the trash
    assert codes["strain.zukunftsangste"].name == "Zukunftsängste" and codes["resources.support"].parent == "resources"
    assert codes["strain.coping"].definition == "How the carer manages the strain."
    memos = {(row.target_type, row.text): row for row in study.memos.itertuples()}
    coding = study.codings[(study.codings["coder"] == "maria") & (study.codings["doc_id"] == "Ana_T1")].iloc[0]
    assert memos[("coding", "Alone at night.")].target_id == coding["coding_id"]
    # The annotation RQDA anchored before "Ça va mieux" is a memo on that passage's segment.
    segment = study.segments.set_index("seg_id").loc[memos[("segment", "She laughed here.")].target_id]
    assert segment["doc_id"] == "Ana_T2" and "Ça va mieux." in study.documents.set_index("doc_id").loc["Ana_T2", "text"][segment["start"] : segment["end"]]
    assert memos[("document", "kitchen table")].target_id == "Ana_T1"
    assert memos[("case", "Daughter caring for her mother.")].target_id == "Ana"
    assert {text for kind, text in memos if kind == "study"} == {"Carers over three years, coded by Maria and Tom.", "Costs come up in both carers' second interviews."}  # the deleted journal entry is not


def test_what_is_left_out_is_counted_and_the_misplaced_coding_named(project):
    _, said = read(project)
    text = " ".join(said)
    assert (
        "rows RQDA no longer shows were left out, as RQDA leaves them out (freecode: 1 deleted (in RQDA's trash): 'Money'; source: 1 deleted (in RQDA's trash): 'Ben_T3'; "
        "coding: 1 unmarked (coding removed), 1 deleted (in RQDA's trash); caselinkage: 1 unlinked from their case; journal: 1 deleted (in RQDA's trash): 'draft'; "
        "treefile: 1 taken out of their file category)"
    ) in text
    assert "'Support' also in 'Strain'" in text
    # Tom's coding of Ana_T3 quotes 'the shame stays' where the file says 'the guilt stays': row 10 of the coding table.
    assert "1 coding(s) do not line up" in text and "coding 10 (at its place 'the guilt stays', quoted 'the shame stays')" in text


def test_agreement_between_the_two_coders(project):
    study = quiet(project)
    both = qlr.code.agreement(study, coders=["maria", "tom"], unit="character")
    # The units are the characters of the files both coded: Ana_T1 (76) and Ana_T2 (94).  Support: the same 37
    # characters.  Coping: the same 43 in Ana_T1, and Maria's 12 of "Ça va mieux." alone, so 158 of 170 agree;
    # Maria coded 55 and Tom 43, so chance agreement is (55·43 + 115·127) / 170² = 16970 / 28900.
    assert both.loc["resources.support", "percent_agreement"] == 1.0
    assert both.loc["strain.coping", "n_units"] == 76 + 94 == len(TEXTS[1][1]) + len(TEXTS[2][1])
    assert both.loc["strain.coping", "percent_agreement"] == pytest.approx(158 / 170)
    chance = 16970 / 28900
    assert both.loc["strain.coping", "cohen_kappa"] == pytest.approx((158 / 170 - chance) / (1 - chance))


def test_file_categories_are_sets_and_any_wave_rule_can_be_given(project):
    study = quiet(project, wave="pattern:_(?P<wave>T[0-9])$")
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"])) == {"Ana_T1": "T1", "Ana_T2": "T2", "Ana_T3": "T3", "Ben_T1": "T1", "Ben_T2": "T2"}
    assert not any("file categories" in note for note in study.meta.get("inferred", []))
    sets = {item["name"]: sorted(item["sources"]) for item in study.meta["import"]["sets"]}
    assert sets == {"T1": ["Ana_T1", "Ben_T1"], "T2": ["Ana_T2", "Ben_T2"], "T3": ["Ana_T3"], "Rural": ["Ben_T1", "Ben_T2"]}
    by_category = quiet(project, case="set:^Rural$")
    assert set(by_category.documents.loc[by_category.documents["doc_id"].str.startswith("Ben"), "case_id"]) == {"Rural"}


def test_categories_that_are_not_waves_leave_the_waves_to_the_names(tmp_path):
    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    db.execute("update filecat set name = 'Group ' || char(64 + catid)")  # Group A … Group D
    db.execute("update source set name = replace(replace(replace(name, '_T1', ' first'), '_T2', ' second'), '_T3', ' third')")
    db.commit()
    db.close()
    study, said = read(path)
    assert set(study.documents["wave_id"]) == {"W1"}
    assert not any("file categories" in note for note in study.meta.get("inferred", []))
    assert any("every source is put in one wave, W1" in message for message in said)


def test_wave_categories_are_the_waves_only_when_they_hold_every_file_and_say_a_wave(tmp_path, capsys):
    # The carers' project: T1, T2, T3 hold every live file, so they are the waves, said in a warning and on info's sets line.
    path = make_project(tmp_path / "carers.rqda")
    study, said = read(path)
    assert "waves read from the file categories named as waves ('T1', 'T2', 'T3'), which hold every file" in " ".join(said)
    assert study.meta["import"]["waves_from_sets"] == ["T1", "T2", "T3"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main(["info", str(path)])
    shown = capsys.readouterr().out
    assert "T1, T2, T3 are the waves" in shown and "makes them waves" not in shown
    # Ana_T3 taken out of T3: a live file in no wave's category, so the categories are not the waves, and that is said.
    db = sqlite3.connect(path)
    db.execute("update treefile set status = 0 where fid = 3 and catid = 3")
    db.commit()
    db.close()
    study, said = read(path)
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"]))["Ana_T3"] == "T3"  # from its name, as a file in no category
    assert "the file categories 'T1', 'T2' are named as waves but 1 file(s) are in none of them, so they are not read as the waves: 'Ana_T3'" in " ".join(said)
    assert "waves_from_sets" not in study.meta["import"]
    # "Year 1", "Year 2", "Year 3" (a school year as often as a wave) holding every file are no waves unless asked for.
    years = make_project(tmp_path / "years.rqda")
    db = sqlite3.connect(years)
    db.execute("update filecat set name = 'Year ' || catid where catid < 4")
    db.execute("update source set name = replace(replace(replace(name, '_T1', ' first'), '_T2', ' second'), '_T3', ' third')")
    db.commit()
    db.close()
    assert set(quiet(years).documents["wave_id"]) == {"W1"}
    assert set(quiet(years, wave="set:^Year").documents["wave_id"]) == {"Year 1", "Year 2", "Year 3"}


def test_rqda_s_own_ways_are_said_in_rqda_s_terms(tmp_path):
    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    # A live coding on Ben's file in the trash, and one of the code Money in the trash: left out with them, not as bad values.
    db.execute("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (1, 6, 'It got worse.', 35, 48, 1, 'tom', ?)", (WHEN,))
    db.execute("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (4, 1, 'Hard.', 32, 37, 1, 'tom', ?)", (WHEN,))
    # R's paste of a missing memo with Maria's, as RQDA merges codings; a file that shares Ana_T1's name; one with no text.
    db.execute("update coding set memo = 'NAAlone at night.' where memo = 'Alone at night.'")
    db.execute("insert into source (name, id, file, status) values ('Cy_T1', 7, 'I: Hi?\nCy: Yes.\n', 1), ('Cy_T1', 9, 'I: Again?\nCy: No.\n', 1), ('Ana_T4', 8, NULL, 1)")
    db.commit()
    db.close()
    study, said = read(path, wave="pattern:_(?P<wave>T[0-9])$")
    text = " ".join(said)
    assert "coding: 1 unmarked (coding removed), 1 deleted (in RQDA's trash), 1 on a file in RQDA's trash, 1 of a code in RQDA's trash" in text
    assert "do not parse" not in text
    assert "Alone at night." in set(study.memos["text"]) and "NAAlone at night." not in set(study.memos["text"])
    assert "1 memo(s) had R's 'NA' pasted onto their text" in text
    assert "1 source(s) have the id of an earlier source (the same name) and were given ids of their own: 'Cy_T1' → Cy_T1_" in text
    assert "file 'Ana_T4' has no text in the RQDA database (its text, source.file, is NULL): skipped" in text and "PlainTextContent" not in text


def test_the_file_is_not_changed(project):
    before, stamp = hashlib.sha256(project.read_bytes()).hexdigest(), os.stat(project).st_mtime_ns
    quiet(project)
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before and os.stat(project).st_mtime_ns == stamp
    assert sorted(p.name for p in project.parent.iterdir()) == ["carers.rqda"]  # no journal, no -wal left beside it


def test_a_wal_mode_project_is_read_with_nothing_written_beside_it(tmp_path):
    # Before: reading a WAL-mode database left carers.rqda-shm and carers.rqda-wal beside it.
    folder = tmp_path / "project"
    folder.mkdir()
    path = make_project(folder / "carers.rqda")
    db = sqlite3.connect(path)
    db.execute("pragma journal_mode = wal")
    db.close()
    assert sorted(p.name for p in folder.iterdir()) == ["carers.rqda"]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(quiet(path).codings) == 8
    assert sorted(p.name for p in folder.iterdir()) == ["carers.rqda"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_round_trip_through_qdpx_keeps_the_codings(project, tmp_path):
    study = quiet(project)
    out = tmp_path / "carers.qdpx"
    qlr.io.write_qdpx(study, out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = qlr.io.read_qdpx(out)
    columns = ["doc_id", "code_id", "coder", "start", "end"]
    assert sorted(map(tuple, back.codings[columns].astype(str).to_numpy())) == sorted(map(tuple, study.codings[columns].astype(str).to_numpy()))
    assert dict(zip(back.documents["doc_id"], back.documents["wave_id"])) == dict(zip(study.documents["doc_id"], study.documents["wave_id"]))


def test_command_line_import_info_and_open(project, tmp_path, capsys):
    out = tmp_path / "study.qlr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["import", str(project), "-o", str(out), "-q"]) == 3  # some rows were left out, said
    assert len(qlr.open(out).codings) == 8
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main(["info", str(project)])
    shown = capsys.readouterr().out
    assert "2 cases × 3 waves, 5 documents" in shown and "8 codings" in shown
    with pytest.raises(qlr.errors.ProjectFileError, match=r"it is an RQDA project.*qlr import carers.rqda -o study.qlr"):
        qlr.open(project)
    assert main(["export", str(project), "-o", str(tmp_path / "x.qdpx")]) != 0
    assert not (tmp_path / "x.qdpx").exists()
    assert "carers.rqda is an RQDA project: import it first" in capsys.readouterr().err


def test_an_older_database_without_status_on_attribute_values(tmp_path):
    # RQDA 0.1.5 created caseAttr and fileAttr without a status column (UpgradeTables adds it): every value is shown.
    script = SCHEMA.replace(", owner text, status integer);\ncreate table fileAttr", ", owner text);\ncreate table fileAttr")
    script = script.replace("create table fileAttr (variable text, value text, fileID integer, date text, dateM text, owner text, status integer);", "create table fileAttr (variable text, value text, fileID integer, date text, dateM text, owner text);")
    assert "status integer);\ncreate table fileAttr" not in script and "fileID integer, date text, dateM text, owner text);" in script
    path = _database(tmp_path / "old.rqda", script)
    db = sqlite3.connect(path)
    db.execute("insert into project (databaseversion, date) values ('0.1.5', ?)", (WHEN,))
    db.execute("insert into source (name, file, id, status) values ('Ana_T1', ?, 1, 1)", (TEXTS[1][1],))
    db.execute("insert into cases (name, id, status) values ('Ana', 1, 1)")
    db.execute("insert into caselinkage (caseid, fid, selfirst, selend, status) values (1, 1, 0, ?, 1)", (len(TEXTS[1][1]),))
    db.execute("insert into attributes (name, status, class) values ('age', 1, 'numeric')")
    db.execute("insert into caseAttr (variable, value, caseID) values ('age', '52', 1)")
    db.commit()
    db.close()
    study = quiet(path)
    assert study.cases.set_index("case_id").loc["Ana", "age"] == 52
    assert study.meta["import"]["database_version"] == "0.1.5"


def _database(path: Path, script: str) -> Path:
    db = sqlite3.connect(path)
    db.executescript(script)
    db.commit()
    db.close()
    return path


def test_files_that_are_not_rqda_projects_raise_one_clear_error(tmp_path):
    text = tmp_path / "notes.rqda"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(QdpxError, match="notes.rqda: this is not an RQDA project: it is not an SQLite database"):
        qlr.io.read_rqda(text)
    other = _database(tmp_path / "other.rqda", "create table source (name text, id integer, file text);")
    with pytest.raises(QdpxError, match=r"other.rqda: this SQLite database is not an? RQDA project: it has no table 'freecode', 'coding'"):
        qlr.io.read_rqda(other)
    viewed = _database(
        tmp_path / "viewed.rqda",
        SCHEMA.replace("create table coding (", "create table coding_rows (") + "create view coding as select * from coding_rows;",
    )
    with pytest.raises(QdpxError, match="viewed.rqda: 'coding' should be a table, and is a view"):
        qlr.io.read_rqda(viewed)
    virtual = _database(
        tmp_path / "virtual.rqda",
        SCHEMA.replace("create table cases (name text, memo text, owner text, date text, dateM text, id integer, status integer);", "create virtual table cases using fts5(name, memo, owner, date, dateM, id, status);"),
    )
    with pytest.raises(QdpxError, match="virtual.rqda: 'cases' should be a table, and is a virtual table"):
        qlr.io.read_rqda(virtual)
    with pytest.raises(SourceNotFoundError, match="no such RQDA project"):
        qlr.io.read_rqda(tmp_path / "missing.rqda")
    with pytest.raises(QdpxError, match="an RQDA project is one file"):
        qlr.io.read_rqda(tmp_path)
    with pytest.raises(QdpxError, match="over the limit"):
        qlr.io.read_rqda(make_project(tmp_path / "big.rqda"), max_bytes=1000)


def test_a_coding_table_over_the_cap_is_refused_before_its_rows_are_read(tmp_path):
    # Before: 500,000 codings were read (59 s, 1.87 GB); the cap is counted, not read.
    path = make_project(tmp_path / "many.rqda")
    db = sqlite3.connect(path)
    db.execute(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) "
        "insert into coding (cid, fid, seltext, selfirst, selend, status) select 1, 1, 'Hard.', 32, 37, 1 from n",
        (200_001 - 10,),
    )
    db.commit()
    db.close()
    with pytest.raises(QdpxError, match=r"many.rqda: table 'coding' has 200,001 rows, over the limit of 200,000.*at most 200,000 codings from one RQDA project"):
        qlr.io.read_rqda(path)


def test_absurd_positions_leave_those_codings_out_named(tmp_path):
    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    rows = [(1, 1, "x", 1e12, 1e12 + 5), (1, 1, "x", 40.0, 20.0), (1, 1, "x", float("nan"), 3.0), (1, 1, "x", "start", 3.0), (1, 1, "x", -7.0, 2.0), (9, 1, "x", 1.0, 2.0), (1, 99, "x", 1.0, 2.0)]
    db.executemany("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (?, ?, ?, ?, ?, 1, 'maria', 'Tue Mar  5 10:15:02 2019')", rows)
    db.commit()
    db.close()
    study, said = read(path)
    assert len(study.codings) == 8  # the project's own, none of these
    text = " ".join(said)
    assert "coding 13 in carers.rqda: its positions None, 3.0 are not whole numbers (left out)" in text  # SQLite stores a NaN as NULL
    assert "coding 14 in carers.rqda: its positions 'start', 3.0 are not whole numbers (left out)" in text
    assert "coding 16 in carers.rqda: its code 9 is not in the project (left out)" in text
    assert "coding 17 in carers.rqda: its file 99 is not in the project (left out)" in text
    # Ana_T1 is 27 + 49 characters; the -7 start is after 0 in no count.
    assert (
        "carers.rqda: 3 coding(s) lie outside their document's text and were not imported: 'Ana_T1' (its text has 76 characters): "
        "coding 11 at 1000000000000–1000000000005, coding 12 at 40–20 (ends before it starts), coding 15 at -7–2. Fix: check those codings in RQDA"
    ) in text


# A real project (robertour/RQDA-to-CSV on GitHub, python/db.rqda: six stories coded by one coder in RQDA 0.2.2), read
# where it is when given; nothing here depends on it.
REAL = os.environ.get("QLR_RQDA_REAL", "")


@pytest.mark.skipif(not Path(REAL).is_file(), reason="set QLR_RQDA_REAL to the db.rqda of robertour/RQDA-to-CSV")
def test_a_real_rqda_project():
    before = hashlib.sha256(Path(REAL).read_bytes()).hexdigest()
    study, said = read(Path(REAL), kind="document")
    assert len(study.documents) == 6 and len(study.codings) == 121
    assert set(study.codings["coder"]) == {"hedgehog"}
    (codebook,) = study.codebooks.values()
    assert (len(codebook.codes), len(codebook.themes)) == (12, 4)
    assert study.meta["import"]["placed"] == study.meta["import"]["selections"] == 121  # every coding where its seltext is
    assert "attributes: 7 deleted (in RQDA's trash); fileAttr: 1 deleted (in RQDA's trash)" in " ".join(said)
    assert hashlib.sha256(Path(REAL).read_bytes()).hexdigest() == before


def test_what_qlr_has_no_place_for_is_counted(tmp_path):
    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    db.execute("insert into coding2 (cid, fid, seltext, selfirst, selend, status, owner, date) values (1, 1, 'Hard.', 32, 37, 1, 'tom', ?)", (WHEN,))
    db.execute("insert into imageCoding (cid, iid, x1, y1, x2, y2, status) values (1, 1, 0, 0, 10, 10, 1)")
    db.execute("insert into caselinkage (caseid, fid, selfirst, selend, status, memo) values (2, 1, 32, 37, 1, 'Ben is named here')")  # a part of Ana's file
    db.execute("update coding set date = 'Τρι Μαρ  5 10:15:02 2019' where rowid = 1")  # R's date() in Greek, whose months qlr does not know
    db.executemany("update coding set memo = ? where rowid = ?", [("NA", 2), ("NANA", 3)])  # insertCoding pastes the memos of the codings it merges
    db.commit()
    db.close()
    study, said = read(path)
    text = " ".join(said)
    # The second coding table is read since stop 52 (tests/test_leftovers_52.py), as its coder's second pass.
    assert "1 coding(s) of RQDA's second coding table (coding2, a re-coding of the files kept for checking agreement) are read as their coders' second pass: 'tom (coding2)' (1)" in text
    assert "1 coding(s) of pictures (imageCoding) were not imported" in text
    assert "1 memo(s) on links of files to cases (caselinkage) were not imported" in text
    assert "2 memo(s) read 'NA'" in text
    assert "creationDateTime 'Τρι Μαρ 5 10:15:02 2019' is not an ISO 8601 date or time" in text  # the time that could not be read, named
    assert "1 Case(s) are made of selections (parts of sources), which qlr does not read as case membership: 'Ben' (1)" in text
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"]))["Ana_T1"] == "Ana"


def test_positions_are_always_code_points_and_a_passage_requoted_after_an_edit_lines_up(tmp_path):
    # An emoji (two UTF-16 units) before the codings, and seltext as RQDA's file edit rewrites it: R's
    # substr(file, selfirst, selend), one character before the passage.  Under UTF-16 those quotations would line up
    # one character to the left; RQDA counts code points, so the codings stay where RQDA put them, unwarned.
    text = 'Posted 🙂 today: "Here are the keys of my two great store-rooms." Then (after a pause) he left.\n'
    path = _database(tmp_path / "story.rqda", SCHEMA)
    db = sqlite3.connect(path)
    db.execute("insert into source (name, id, file, status) values ('story', 1, ?, 1)", (text,))
    db.executemany("insert into freecode (name, id, status) values (?, ?, 1)", [("Speech", 1), ("Aside", 2)])
    for cid, passage in ((1, "Here are the keys of my two great store-rooms."), (2, "after a pause")):
        start = text.index(passage)
        db.execute("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (?, 1, ?, ?, ?, 1, 'ana', ?)", (cid, text[start - 1 : start + len(passage)], start, start + len(passage), WHEN))
    db.commit()
    db.close()
    study, said = read(path)
    stored = study.documents["text"][0]
    assert sorted(stored[c.start : c.end] for c in study.codings.itertuples()) == ["Here are the keys of my two great store-rooms.", "after a pause"]
    assert not [s for s in said if "do not line up" in s]
    assert study.meta["import"]["sources"]["story"]["convention"] == "code points"


def test_ten_thousand_codings_outside_their_text_are_counted_not_all_listed(tmp_path):
    # Review of stop 54: the one message for codings past their text lists ten ids and says how many more, so 10,000 such
    # codings are one readable line, not 10,000 ids.
    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    rows = [(1, 1, "x", 1000.0 + n, 1005.0 + n) for n in range(10_000)]
    db.executemany("insert into coding (cid, fid, seltext, selfirst, selend, status, owner, date) values (?, ?, ?, ?, ?, 1, 'maria', 'Tue Mar  5 10:15:02 2019')", rows)
    db.commit()
    db.close()
    study, said = read(path)
    assert len(study.codings) == 8
    (message,) = [s for s in said if "lie outside their document's text" in s]
    # The count with its thousands separator, as the "9,990 more" (before: "10000 coding(s)").
    assert message.startswith(
        f"{path}: 10,000 coding(s) lie outside their document's text and were not imported: 'Ana_T1' (its text has 76 characters): "
        "coding 11 at 1000–1005, coding 12 at 1001–1006, "
    ), message
    assert "coding 20 at 1009–1014 and 9,990 more. Fix: check those codings in RQDA" in message and len(message) < 1_000, message
