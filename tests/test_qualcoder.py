"""Reading QualCoder projects (``name.qda/data.qda``) directly: ``qlr.io.read_qualcoder``.

The databases here are written by the tests with QualCoder's table layout (the
columns of its ``CREATE TABLE`` statements, database version v17, and an old v1-era
``code_text`` without ``ctid``), with invented interviews.  Positions here are code
points into ``fulltext`` (QualCoder's editor gives Qt's UTF-16 units, which differ after
an emoji: tests/test_qualcoder_oracle.py); each expected slice is written out.
"""

from __future__ import annotations

import hashlib
import sqlite3
import warnings
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import QdpxError, QlrWarning
from qlr.io._qualcoder import SPEAKER_CODER, _read_database, _Tree

NOW = "2025-03-04 09:30:00"
# QualCoder's tables, the columns qlr reads (as QualCoder v17 creates them).
SCHEMA = """
CREATE TABLE project (databaseversion text, date text, memo text, about text, bookmarkfile integer, bookmarkpos integer, codername text);
CREATE TABLE source (id integer primary key, name text, fulltext text, mediapath text, memo text, owner text, date text, av_text_id integer, risid integer, unique(name));
CREATE TABLE code_image (imid integer primary key, id integer, x1 integer, y1 integer, width integer, height integer, cid integer, memo text, date text, owner text, important integer, pdf_page integer);
CREATE TABLE code_av (avid integer primary key, id integer, pos0 integer, pos1 integer, cid integer, memo text, date text, owner text, important integer);
CREATE TABLE annotation (anid integer primary key, fid integer, pos0 integer, pos1 integer, memo text, owner text, date text, unique(fid, pos0, pos1, owner));
CREATE TABLE attribute_type (name text primary key, date text, owner text, memo text, caseOrFile text, valuetype text);
CREATE TABLE attribute (attrid integer primary key, name text, attr_type text, value text, id integer, date text, owner text, unique(name, attr_type, id));
CREATE TABLE case_text (id integer primary key, caseid integer, fid integer, pos0 integer, pos1 integer, owner text, date text, memo text);
CREATE TABLE cases (caseid integer primary key, name text, memo text, owner text, date text, unique(name));
CREATE TABLE code_cat (catid integer primary key, name text, owner text, date text, memo text, supercatid integer, unique(name));
CREATE TABLE code_text (ctid integer primary key, cid integer, fid integer, seltext text, pos0 integer, pos1 integer, owner text, date text, memo text, avid integer, important integer, unique(cid, fid, pos0, pos1, owner));
CREATE TABLE code_name (cid integer primary key, name text, memo text, catid integer, owner text, date text, color text, supercid integer, unique(name));
CREATE TABLE journal (jid integer primary key, name text, jentry text, date text, owner text, unique(name));
CREATE TABLE coder_names (name TEXT UNIQUE NOT NULL, visibility INTEGER NOT NULL DEFAULT 1);
CREATE VIEW code_text_visible AS SELECT t.* FROM code_text t WHERE NOT EXISTS (SELECT 1 FROM coder_names c WHERE c.name = t.owner AND c.visibility = 0);
"""

# Two waves of one carer (the first with Windows line ends and an emoji, which
# count as one code point each), a recording with its transcript, a picture.
HANNA_1 = "Interviewer: How are you managing?\r\nHanna: Barely. I am worn out most days.\r\nInterviewer: Who helps?\r\nHanna: My neighbour 🙂 drops in with soup.\r\n"
HANNA_2 = "Interviewer: And now?\nHanna: The day centre takes Dad twice a week. That changed everything.\n"
OLEK = "Interviewer: Tell me about your week.\nOlek: I drive to my mother's every evening after work.\n"


def _coding(db: sqlite3.Connection, cid: int, fid: int, text: str, passage: str, owner: str, memo: str = "", *, important: int | None = None) -> None:
    start = text.index(passage)
    row = {"cid": cid, "fid": fid, "seltext": passage, "pos0": start, "pos1": start + len(passage), "owner": owner, "date": NOW, "memo": memo}
    if important is not None:
        row["important"] = important
    db.execute(f"INSERT INTO code_text ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))


def make_project(folder: Path, *, extra: str = "") -> Path:
    """A QualCoder project folder with the carers' interviews, codes, cases, attributes, memos."""
    folder.mkdir(parents=True)
    for sub in ("documents", "images", "audio", "video"):
        (folder / sub).mkdir()
    db = sqlite3.connect(folder / "data.qda")
    db.executescript(SCHEMA)
    db.execute("INSERT INTO project VALUES ('v17', '2025-03-01 08:00:00', 'Carers over two years.', 'QualCoder 3.7', 0, 0, 'lena')")
    sources = [
        (1, "Hanna_W1.docx", HANNA_1, "/docs/Hanna_W1.docx", "first visit, at her kitchen table", "lena", None),
        (2, "Hanna_W2.txt", HANNA_2, None, "", "omar", None),
        (3, "garden.png", None, "/images/garden.png", "", "lena", None),
        (4, "Olek_W1.mp3", None, "/audio/Olek_W1.mp3", "", "lena", 5),
        (5, "Olek_W1.mp3.txt", OLEK, None, "", "lena", None),
    ]
    db.executemany("INSERT INTO source (id, name, fulltext, mediapath, memo, owner, date, av_text_id) VALUES (?,?,?,?,?,?,'" + NOW + "',?)", [row[:6] + (row[6],) for row in sources])
    db.execute("INSERT INTO code_cat VALUES (1, 'Help', 'lena', ?, 'Who and what helps the carer', NULL)", (NOW,))
    db.execute("INSERT INTO code_cat VALUES (2, 'Informal', 'lena', ?, '', 1)", (NOW,))
    db.executemany(
        "INSERT INTO code_name (cid, name, memo, catid, owner, date, color, supercid) VALUES (?,?,?,?,'lena',?,?,?)",
        [
            (1, "Neighbours", "Help from people nearby", 2, NOW, "#AACCEE", None),
            (2, "Day care", "", 1, NOW, "#CCEEAA", None),
            (3, "Strain", "Signs of the load", None, NOW, "#EE9999", None),
            (4, "Fatigue", "", None, NOW, "#EEBBBB", 3),  # a sub-code (v16): under Strain, not a category
        ],
    )
    _coding(db, 4, 1, HANNA_1, "I am worn out most days.", "lena", "says this every visit")
    _coding(db, 4, 1, HANNA_1, "I am worn out most days.", "omar")
    _coding(db, 1, 1, HANNA_1, "My neighbour 🙂 drops in with soup.", "lena", important=1)
    _coding(db, 2, 2, HANNA_2, "The day centre takes Dad twice a week.", "omar")
    _coding(db, 3, 5, OLEK, "I drive to my mother's every evening after work.", "lena")
    _coding(db, 3, 2, HANNA_2, "Interviewer", SPEAKER_CODER)  # QualCoder's speaker tool marks turns as codings
    db.execute("INSERT INTO code_image (id, x1, y1, width, height, cid, memo, date, owner) VALUES (3, 5, 5, 40, 40, 1, '', ?, 'lena')", (NOW,))
    db.execute("INSERT INTO code_av (id, pos0, pos1, cid, memo, date, owner) VALUES (4, 2000, 9000, 3, '', ?, 'lena')", (NOW,))
    start = HANNA_2.index("day centre")
    db.execute("INSERT INTO annotation (fid, pos0, pos1, memo, owner, date) VALUES (2, ?, ?, 'Which centre? Ask next time.', 'omar', ?)", (start, start + 10, NOW))
    db.execute("INSERT INTO cases VALUES (1, 'Hanna', 'Cares for her father', 'lena', ?)", (NOW,))
    db.execute("INSERT INTO cases VALUES (2, 'Olek', '', 'lena', ?)", (NOW,))
    db.executemany(
        "INSERT INTO case_text (caseid, fid, pos0, pos1, owner, date, memo) VALUES (?,?,?,?,'lena',?,'')",
        [(1, 1, 0, len(HANNA_1), NOW), (1, 2, 0, len(HANNA_2), NOW), (2, 4, 0, 0, NOW)],  # a recording is linked 0..0
    )
    db.executemany("INSERT INTO attribute_type VALUES (?, ?, 'lena', '', ?, ?)", [("Round", NOW, "file", "numeric"), ("Relation", NOW, "case", "character")])
    db.executemany(
        "INSERT INTO attribute (name, attr_type, value, id, date, owner) VALUES (?,?,?,?,?,'lena')",
        [("Round", "file", "1", 1, NOW), ("Round", "file", "2", 2, NOW), ("Round", "file", "1", 4, NOW), ("Relation", "case", "daughter", 1, NOW), ("Relation", "case", "", 2, NOW)],
    )
    db.execute("INSERT INTO journal (name, jentry, date, owner) VALUES ('After round 2', 'Hanna sounded lighter.', ?, 'lena')", (NOW,))
    if extra:
        db.executescript(extra)
    db.commit()
    db.close()
    return folder


def _read(folder: Path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qualcoder(folder, **options)
    return study, [str(w.message) for w in caught if issubclass(w.category, QlrWarning)]


def _quoted(study, coding) -> str:
    text = study.documents.set_index("doc_id").loc[coding.doc_id, "text"]
    return text[coding.start : coding.end]


def test_sources_cases_waves_and_every_coders_codings(tmp_path):
    study, _ = _read(make_project(tmp_path / "carers.qda"), wave="variable:Round")
    docs = study.documents.set_index("doc_id")
    # The picture is no document; the recording's transcript is, named after the recording, in its case and wave.
    assert list(docs.index) == ["Hanna_W1.docx", "Hanna_W2.txt", "Olek_W1"]
    assert list(docs["case_id"]) == ["Hanna", "Hanna", "Olek"] and list(docs["wave_id"]) == ["1", "2", "1"]
    assert "\r" not in docs.loc["Hanna_W1.docx", "text"]  # stored with the loader's line ends
    got = sorted((c.doc_id, c.code_id, c.coder, _quoted(study, c)) for c in study.codings.itertuples())
    assert got == [
        ("Hanna_W1.docx", "help.informal.neighbours", "lena", "My neighbour 🙂 drops in with soup."),
        ("Hanna_W1.docx", "strain.fatigue", "lena", "I am worn out most days."),
        ("Hanna_W1.docx", "strain.fatigue", "omar", "I am worn out most days."),  # a second coder's coding stays apart
        ("Hanna_W2.txt", "help.day_care", "omar", "The day centre takes Dad twice a week."),
        ("Olek_W1", "strain", "lena", "I drive to my mother's every evening after work."),
    ]
    assert set(study.codings["origin"]) == {"import"} and study.codings["seg_id"].notna().all()
    assert study.codings["created"].iloc[0] == pd.Timestamp("2025-03-04 09:30:00", tz="UTC")  # QualCoder's clock time, as qlr keeps times
    cases = study.cases.set_index("case_id")
    assert cases.loc["Hanna", "Relation"] == "daughter" and pd.isna(cases.loc["Olek", "Relation"])  # '' is no value
    assert list(study.waves["wave_id"]) == ["1", "2"]  # a whole-number attribute is wave 1, not 1.0
    assert study.meta["import"]["format"] == "qualcoder" and study.meta["import"]["database_version"] == "v17"
    assert study.log["action"].iloc[-1] == "import qualcoder"


def test_the_code_tree_categories_and_sub_codes(tmp_path):
    study, _ = _read(make_project(tmp_path / "carers.qda"))
    (codebook,) = study.codebooks.values()
    tree = {code.id: (code.kind, code.parent) for code in codebook}
    assert tree == {
        "help": ("theme", None),  # a top-level category
        "help.informal": ("code", "help"),  # a category inside one (not codable in QualCoder)
        "help.informal.neighbours": ("code", "help.informal"),
        "help.day_care": ("code", "help"),
        "strain": ("code", None),
        "strain.fatigue": ("code", "strain"),  # supercid: a code under a code
    }
    assert codebook["help"].definition == "Who and what helps the carer"
    assert codebook.colour_of("strain") == "#EE9999"


def test_memos_annotations_journal_and_descriptions(tmp_path):
    study, _ = _read(make_project(tmp_path / "carers.qda"))
    memos = {(m.target_type, m.text): m for m in study.memos.itertuples()}
    coding = memos[("coding", "says this every visit")]
    assert study.codings.set_index("coding_id").loc[coding.target_id, "coder"] == "lena"
    note = memos[("segment", "Which centre? Ask next time.")]  # an annotation: on the segment its words are in
    assert note.author == "omar" and note.target_id in set(study.segments.loc[study.segments["doc_id"] == "Hanna_W2.txt", "seg_id"])
    assert memos[("study", "Hanna sounded lighter.")].title == "After round 2"
    assert ("study", "Carers over two years.") in memos
    assert memos[("document", "first visit, at her kitchen table")].target_id == "Hanna_W1.docx"
    assert memos[("case", "Cares for her father")].target_id == "Hanna"


def test_what_is_not_brought_in_is_said(tmp_path):
    _, said = _read(make_project(tmp_path / "carers.qda"))
    text = " ".join(said)
    assert "'garden.png' (1)" in text and "lost" in text  # the picture's coding
    assert "'Olek_W1.mp3' (1)" in text  # the stretch of the recording
    assert "1 speaker marker(s)" in text and SPEAKER_CODER in text
    assert "1 coding(s) marked important" in text


def test_rows_that_cannot_be_right_are_left_out_and_counted(tmp_path):
    broken = (
        "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner) VALUES (99, 1, 'x', 0, 1, 'lena');"  # no such code
        "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner) VALUES (3, 42, 'x', 0, 1, 'lena');"  # no such file
        "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner) VALUES (3, 1, 'x', 'ten', 12, 'lena');"  # not a position
        "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner) VALUES (3, 2, 'x', 5000, 5010, 'lena');"  # past the text
        "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner) VALUES (3, 2, 'The', 22, 25, NULL);"  # no owner
        "INSERT INTO code_cat VALUES (7, 'Loop A', 'lena', '', '', 8); INSERT INTO code_cat VALUES (8, 'Loop B', 'lena', '', '', 7);"  # the loop is cut at its first category
    )
    study, said = _read(make_project(tmp_path / "carers.qda", extra=broken))
    text = " ".join(said)
    assert "code_text 7" in text and "code 99" in text and "code_text 8" in text and "code_text 9" in text
    # The importer's own check against the text: HANNA_2 is 22 + 71 characters.
    assert "1 coding(s) lie outside their document's text and were not imported: 'Hanna_W2.txt' (its text has 93 characters): code_text 10 at 5000–5010. Fix: check those codings in QualCoder" in text
    assert "1 coding(s) have no owner" in text
    assert "parents make a loop" in text
    assert len(study.codings) == 6 and "unknown" in set(study.codings["coder"])
    assert {"loop_a", "loop_a.loop_b"} <= {code.id for code in next(iter(study.codebooks.values()))}


def test_the_same_study_as_the_qdpx_the_database_stands_for(tmp_path):
    """One decision in one place: reading the database directly equals reading its REFI-QDA tree as a .qdpx."""
    folder = make_project(tmp_path / "carers.qda")
    direct, _ = _read(folder, wave="variable:Round", case="pattern:^(?P<case>[A-Za-z]+)_")
    tree = _Tree(folder, _read_database(folder / "data.qda", 10**9)).project()
    archive = tmp_path / "carers.qdpx"
    with zipfile.ZipFile(archive, "w") as zf:
        # XML reads a CR as a line end unless it is written as a character reference.
        zf.writestr("project.qde", ET.tostring(tree, encoding="utf-8", xml_declaration=True).replace(b"\r", b"&#13;"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        via = qlr.io.read_qdpx(archive, wave="variable:Round", case="pattern:^(?P<case>[A-Za-z]+)_")
    for table in ("documents", "segments", "codings", "memos", "cases", "waves"):
        pd.testing.assert_frame_equal(getattr(direct, table), getattr(via, table), obj=table)


def test_an_old_database_without_later_columns(tmp_path):
    """QualCoder before database v4 had no ctid, before v5 no av_text_id, before v16 no sub-codes."""
    folder = tmp_path / "old.qda"
    folder.mkdir()
    db = sqlite3.connect(folder / "data.qda")
    db.executescript(
        "CREATE TABLE project (databaseversion text, date text, memo text, about text);"
        "INSERT INTO project VALUES ('v1', '2019-05-01 10:00:00', '', 'QualCoder 1.2');"
        "CREATE TABLE source (id integer primary key, name text, fulltext text, mediapath text, memo text, owner text, date text);"
        "CREATE TABLE code_name (cid integer primary key, name text, memo text, catid integer, owner text, date text, color text);"
        "CREATE TABLE code_text (cid integer, fid integer, seltext text, pos0 integer, pos1 integer, owner text, date text, memo text);"
    )
    db.execute("INSERT INTO source VALUES (1, 'notes', ?, NULL, '', 'kim', '2019-05-01 10:00:00')", (OLEK,))
    db.execute("INSERT INTO code_name VALUES (1, 'Commuting', '', NULL, 'kim', '', '#FFFFFF')")
    _coding(db, 1, 1, OLEK, "I drive to my mother's", "kim")
    db.commit()
    db.close()
    study, _ = _read(folder / "data.qda")  # the database file itself works too
    assert [(c.code_id, c.coder, _quoted(study, c)) for c in study.codings.itertuples()] == [("commuting", "kim", "I drive to my mother's")]
    assert study.meta["import"]["database_version"] == "v1"


def test_the_database_is_read_only_and_checked(tmp_path):
    folder = make_project(tmp_path / "carers.qda")
    database = folder / "data.qda"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    _read(folder)
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == ["audio", "data.qda", "documents", "images", "video"]  # no journal left
    with pytest.raises(QdpxError, match="over the limit"):
        qlr.io.read_qualcoder(folder, max_bytes=1000)
    (tmp_path / "empty.qda").mkdir()
    with pytest.raises(QdpxError, match="holds no data.qda"):
        qlr.io.read_qualcoder(tmp_path / "empty.qda")
    fake = tmp_path / "fake.qda"
    fake.write_text("not a database")
    with pytest.raises(QdpxError, match="not an SQLite database"):
        qlr.io.read_qualcoder(fake)
    other = tmp_path / "other.qda"
    sqlite3.connect(other).executescript("CREATE TABLE t (x);").close()
    with pytest.raises(QdpxError, match="no table 'project'"):
        qlr.io.read_qualcoder(other)


def test_a_view_standing_in_for_a_table_is_refused(tmp_path):
    folder = tmp_path / "odd.qda"
    folder.mkdir()
    db = sqlite3.connect(folder / "data.qda")
    db.executescript(SCHEMA.replace("CREATE TABLE journal (jid integer primary key, name text, jentry text, date text, owner text, unique(name));", "CREATE VIEW journal AS SELECT 1 AS jid;"))
    db.execute("INSERT INTO project VALUES ('v17', '', '', 'QualCoder 3.7', 0, 0, '')")
    db.commit()
    db.close()
    with pytest.raises(QdpxError, match="'journal' should be a table"):
        qlr.io.read_qualcoder(folder)


def test_cases_made_of_parts_of_files_are_said(tmp_path):
    part = "INSERT INTO case_text (caseid, fid, pos0, pos1) VALUES (2, 2, 10, 40);"
    _, said = _read(make_project(tmp_path / "carers.qda", extra=part))
    assert any("made of selections" in text and "'Olek' (1)" in text for text in said)


def test_the_commands_import_and_info(tmp_path, capsys):
    folder = make_project(tmp_path / "carers.qda")
    out = tmp_path / "carers.qlr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["import", str(folder), "--wave", "variable:Round", "-o", str(out)]) == 3  # the picture's coding was left out
    printed = capsys.readouterr().out
    assert "selections placed: 6 of 6" in printed and f"saved {out}" in printed
    study = qlr.open(out)
    assert len(study.codings) == 5 and list(study.waves["wave_id"]) == ["1", "2"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["info", str(folder)]) == 3
    printed = capsys.readouterr().out
    # With no --wave the sources' names give the waves (Hanna_W1, Hanna_W2, Olek_W1; stop 45: it had been one wave).
    assert "2 cases × 2 waves, 3 documents" in printed and "users: lena, omar" in printed
    assert "waves read from the sources' names, as loading a folder reads them: 3 sources at 2 waves (W1, W2)" in printed
    assert main(["export", str(folder), "-o", str(tmp_path / "x.qdpx")]) == 1
    assert "is a QualCoder project: import it first" in capsys.readouterr().err


def test_a_qda_file_in_a_study_folder_says_how_to_import_it(tmp_path):
    with pytest.raises(qlr.errors.DocumentFormatError, match="qlr import data.qda"):
        qlr.io.read_source(make_project(tmp_path / "carers.qda") / "data.qda")


def test_a_study_folder_holding_data_qda_stays_a_study(tmp_path, capsys):
    # Review of stop 54: `qlr info` read any folder holding a data.qda as a QualCoder project, so a study folder with its
    # transcripts at the top (2 cases on main) lost them. QualCoder keeps its documents in documents/, never beside
    # data.qda: a folder with transcripts of its own is a study, and the note says how to read the project.
    from qlr.cli import main

    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01_W1.txt").write_text("I: How are you?\nP01: Fine, I care for my mother.\n")
    (folder / "P02_W1.txt").write_text("I: How are you?\nP02: Tired.\n")
    with sqlite3.connect(folder / "data.qda") as database:  # any SQLite file: the folder is what decides
        database.execute("CREATE TABLE project (databaseversion TEXT)")
    database.close()
    assert main(["info", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1].startswith("  2 cases × 1 wave, 2 documents"), captured.out
    assert f"qlr: note: {folder} holds a QualCoder project ({folder / 'data.qda'}) beside transcripts of its own and no study.yaml: read as a study folder. To read the project: qlr info {folder / 'data.qda'} (or qlr import {folder / 'data.qda'})" in captured.err


def test_qlr_import_reads_a_project_folder_holding_a_study_yaml_as_the_project(tmp_path):
    # Review of stop 54: the branch's routing sent a QualCoder folder (not named .qda) holding a study.yaml to the .qdpx
    # reader under `qlr import` ("no such project file", exit 1); `qlr import` is given a project, and reads it as on main.
    folder = make_project(tmp_path / "carers")
    (folder / "study.yaml").write_text("name: carers\n")
    out = tmp_path / "carers.qlr"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["import", str(folder), "--wave", "variable:Round", "-o", str(out), "-q"]) == 3  # the picture's coding was left out
    assert len(qlr.open(out).codings) == 5
