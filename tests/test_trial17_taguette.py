"""The seventeenth trial: a Taguette user's whole project, read with ``qlr.io.read_taguette``.

The project below is what Taguette 1.5.2 itself wrote (``QLR_TAGUETTE`` runs the same project through the real tool,
last test): the schema is the one Taguette's ``database.connect`` creates (alembic revision ``db5e31a0233d``); the
documents' ``contents`` are what its ``convert.to_html`` made of an HTML page (with a ``<style>`` and a ``<script>``
it drops), a WebVTT file (one ``<p>`` per cue) and a page holding Arabic, Chinese and a ``<pre>``; each highlight's
offsets are UTF-8 bytes of the document's text nodes, tags not counted, and its ``snippet`` is what
``extract.extract`` cut.  Who made a highlight is only in the project's log (``commands``: ``highlight_add``).
Every expected value below is worked out by hand from those facts.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import QdpxError, QlrWarning, SourceNotFoundError
from qlr.io._taguette import CountedText, counted_text

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


# Taguette 1.5's tables, as its database.connect creates them (the indexes left out: they hold nothing qlr reads).
SCHEMA = """
CREATE TABLE users (login VARCHAR(30) NOT NULL, created DATETIME NOT NULL, hashed_password VARCHAR(192), disabled BOOLEAN NOT NULL,
  password_set_date DATETIME, language VARCHAR(10), email VARCHAR(256), email_sent DATETIME, CONSTRAINT pk_users PRIMARY KEY (login));
CREATE TABLE projects (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR(200) NOT NULL, description TEXT NOT NULL, created DATETIME NOT NULL);
CREATE TABLE project_members (project_id INTEGER NOT NULL, user_login VARCHAR(30) NOT NULL, privileges VARCHAR(11) NOT NULL,
  CONSTRAINT pk_project_members PRIMARY KEY (project_id, user_login));
CREATE TABLE documents (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, name VARCHAR(200) NOT NULL, description TEXT NOT NULL,
  filename VARCHAR(200) NOT NULL, created DATETIME NOT NULL, project_id INTEGER NOT NULL, text_direction VARCHAR(13) NOT NULL, contents TEXT NOT NULL);
CREATE TABLE commands (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, date DATETIME NOT NULL, user_login VARCHAR(30) NOT NULL,
  project_id INTEGER NOT NULL, document_id INTEGER, payload TEXT NOT NULL);
CREATE TABLE tags (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL, path VARCHAR(200) NOT NULL, description TEXT NOT NULL,
  CONSTRAINT uq_tags_project_id UNIQUE (project_id, path));
CREATE TABLE highlights (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, document_id INTEGER NOT NULL, start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL, snippet TEXT NOT NULL);
CREATE TABLE highlight_tags (highlight_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, CONSTRAINT pk_highlight_tags PRIMARY KEY (highlight_id, tag_id));
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
"""
WHEN = "2026-12-06 23:41:37.426075"
# What Taguette's convert.to_html stored for each document (the HTML page's <head>, <style> and <script> dropped).
CONTENTS = {
    1: (
        "P01_W1",
        "P01_W1.html",
        "<h1>Interview \u2013 Wave 1</h1>\n<p>I: How have things been since the move?</p>\n"
        "<p>P: Honestly? \U0001f60a It's been <b>hard</b>, but I'm coping.<br>Some days are better.</p>\n"
        "<ul><li>Caf\u00e9 on Mondays</li><li>Groupe de parole</li></ul>\n"
        "<table><tbody><tr><td>\u00dcbergang</td><td>Stra\u00dfe</td></tr></tbody></table>\n"
        "<p>\u00c7a va mieux, \u00ab\u00a0vraiment\u00a0\u00bb.</p>\n<p>Fin &amp; merci.</p>",
    ),
    2: ("P01_W2", "P01_W2.vtt", "<p>00:00:01.000 &lt;v Interviewer&gt;And now?</p>\n<p>00:00:05.000 &lt;v Sam&gt;Still hard.<br>Better with friends \U0001f642.</p>\n"),
    3: ("P02_W1", "P02_W1.html", "<p>\u0645\u0631\u062d\u0628\u0627 \u2014 \u4f60\u597d\u3002</p><pre>line one\n  line two</pre><p>after</p>"),
}
TAGS = {1: "feelings", 2: "feelings.guilt", 3: "coping", 4: "\u00dcbergang", 5: "unused"}
# (id, document, start byte, end byte, snippet, tag ids, who made it): Taguette's own rows (9 was deleted in Taguette).
HIGHLIGHTS = [
    (1, 1, 0, 20, "<h1>Interview \u2013 Wave 1</h1>", [1], "ana"),
    (2, 1, 79, 110, "<p>It's been <b>hard</b>, but I'm coping.</p>", [1, 3], "ana"),
    (3, 1, 103, 131, "<p>coping.<br/>Some days are better.</p>", [2], "ben"),
    (4, 1, 138, 164, "<ul><li>on Mondays</li><li>Groupe de parole</li></ul>", [4], "ana"),
    (5, 1, 174, 181, "<table><tbody><tr><td>Stra\u00dfe</td></tr></tbody></table>", [2], "ben"),
    (6, 1, 182, 213, "<p>\u00c7a va mieux, \u00ab\u00a0vraiment\u00a0\u00bb.</p>", [1], "ben"),
    (7, 1, 55, 72, "<p>move?</p>\n<p>P: Honestly</p>", [3], "ana"),
    (8, 1, 214, 226, "<p>Fin &amp; merci.</p>", [], "ana"),
    (10, 2, 57, 68, "<p>Still hard.</p>", [1], "ben"),
    (11, 2, 68, 93, "<p>Better with friends \U0001f642.</p>", [3], "ana"),
    (12, 3, 15, 21, "<p>\u4f60\u597d</p>", [4], "ben"),
    (13, 3, 24, 43, "<pre>line one\n  line two</pre>", [3], "ana"),
]
# The text qlr makes of each document: Taguette's text nodes, a line break where a block or <br> ends a line without one.
TEXT_P01_W1 = (
    "Interview \u2013 Wave 1\nI: How have things been since the move?\nP: Honestly? \U0001f60a It's been hard, but I'm coping.\n"
    "Some days are better.\nCaf\u00e9 on Mondays\nGroupe de parole\n\u00dcbergang\tStra\u00dfe\n\u00c7a va mieux, \u00ab\u00a0vraiment\u00a0\u00bb.\nFin & merci."
)
# Each highlight's coding, by hand: (document, tag, coder, the passage).
EXPECTED = sorted(
    [
        ("P01_W1", "feelings", "ana", "Interview \u2013 Wave 1"),
        ("P01_W1", "feelings", "ana", "It's been hard, but I'm coping."),
        ("P01_W1", "coping", "ana", "It's been hard, but I'm coping."),
        ("P01_W1", "feelings.guilt", "ben", "coping.\nSome days are better."),
        ("P01_W1", "\u00dcbergang", "ana", "on Mondays\nGroupe de parole"),
        ("P01_W1", "feelings.guilt", "ben", "Stra\u00dfe"),
        ("P01_W1", "feelings", "ben", "\u00c7a va mieux, \u00ab\u00a0vraiment\u00a0\u00bb."),
        ("P01_W1", "coping", "ana", "move?\nP: Honestly"),
        ("P01_W2", "feelings", "ben", "Still hard."),
        ("P01_W2", "coping", "ana", "Better with friends \U0001f642."),
        ("P02_W1", "\u00dcbergang", "ben", "\u4f60\u597d"),
        ("P02_W1", "coping", "ana", "line one\n  line two"),
    ]
)


def make_project(path: Path, *, schema: str = SCHEMA, version: str = "db5e31a0233d") -> Path:
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute("insert into alembic_version values (?)", (version,))
    db.execute("insert into projects values (1, ?, 'Three carers, two waves.', ?)", ("Carers \u2013 Taguette", WHEN))
    for login, level in (("admin", "ADMIN"), ("ana", "TAG"), ("ben", "MANAGE_DOCS")):
        db.execute("insert into users (login, created, disabled) values (?, ?, 0)", (login, WHEN))
        db.execute("insert into project_members values (1, ?, ?)", (login, level))
    for key, (name, filename, contents) in CONTENTS.items():
        db.execute("insert into documents values (?, ?, ?, ?, ?, 1, ?, ?)", (key, name, f"Interview {name}", filename, WHEN, "RIGHT_TO_LEFT" if key == 3 else "LEFT_TO_RIGHT", contents))
    for key, tag in TAGS.items():
        db.execute("insert into tags values (?, 1, ?, ?)", (key, tag, f"about {tag}"))
        db.execute("insert into commands (date, user_login, project_id, payload) values (?, 'ana', 1, ?)", (WHEN, json.dumps({"type": "tag_add", "tag_id": key, "tag_path": tag, "description": f"about {tag}"})))
    for key, document, start, end, snippet, tags, user in HIGHLIGHTS:
        db.execute("insert into highlights values (?, ?, ?, ?, ?)", (key, document, start, end, snippet))
        db.executemany("insert into highlight_tags values (?, ?)", [(key, tag) for tag in tags])
        payload = {"type": "highlight_add", "highlight_id": key, "start_offset": start, "end_offset": end, "tags": tags}
        db.execute("insert into commands (date, user_login, project_id, document_id, payload) values (?, ?, 1, ?, ?)", (WHEN, user, document, json.dumps(payload)))
    db.commit()
    db.close()
    return path


#: The import's advice a project of no cases or of unlabelled text gets, by its wording.
IMPORT_ADVICE = ("the project has no cases, so matrices", "read as interviews have no speaker label for most of their text")


def read(path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_taguette(path, **options)
    # The import's advice on cases and unlabelled text (asserted in tests/test_phd_trial.py) is not what these test.
    return study, [str(w.message) for w in caught if issubclass(w.category, QlrWarning) and not any(a in str(w.message) for a in IMPORT_ADVICE)]


def codings(study):
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    (book,) = study.codebooks.values()
    names = {code.id: code.name for code in book}
    return sorted((row.doc_id, names[row.code_id], row.coder, texts[row.doc_id][row.start : row.end]) for row in study.codings.itertuples())


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "2026-12-06_carers.sqlite3")


def test_every_document_tag_and_highlight_at_its_passage(project):
    study, said = read(project)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert texts == {
        "P01_W1": TEXT_P01_W1,
        "P01_W2": "00:00:01.000 <v Interviewer>And now?\n00:00:05.000 <v Sam>Still hard.\nBetter with friends \U0001f642.\n",
        "P02_W1": "\u0645\u0631\u062d\u0628\u0627 \u2014 \u4f60\u597d\u3002\nline one\n  line two\nafter",
    }
    assert codings(study) == EXPECTED
    assert study.meta["import"]["placed"] == study.meta["import"]["selections"] == 11
    assert set(study.codings["origin"]) == {"import"}
    # Waves from the documents' names (Taguette has no cases: --case reads them from the names); the descriptions are memos;
    # nothing said but the untagged highlight.
    assert dict(zip(study.documents["doc_id"], study.documents["wave_id"])) == {"P01_W1": "W1", "P01_W2": "W2", "P02_W1": "W1"}
    cased, _ = read(project, case="pattern:^(?P<case>[^_]+)_")
    assert dict(zip(cased.documents["doc_id"], cased.documents["case_id"])) == {"P01_W1": "P01", "P01_W2": "P01", "P02_W1": "P02"}
    assert {"Interview P01_W1", "Three carers, two waves."} <= set(study.memos["text"])
    assert said == [f"{project}: 1 highlight(s) have no tag and were not imported (a coding needs a code; give them a tag in Taguette to keep them): 8"]
    meta = study.meta["import"]
    assert meta["format"] == "taguette" and meta["database_version"] == "db5e31a0233d" and meta["project_id"] == 1
    assert meta["members"] == [{"login": "admin", "privileges": "ADMIN"}, {"login": "ana", "privileges": "TAG"}, {"login": "ben", "privileges": "MANAGE_DOCS"}]
    assert meta["filenames"] == {"P01_W1": "P01_W1.html", "P01_W2": "P01_W2.vtt", "P02_W1": "P02_W1.html"}


def test_tags_are_one_flat_codebook_by_their_whole_names(project):
    study, _ = read(project)
    (book,) = study.codebooks.values()
    assert sorted(code.name for code in book.codes) == sorted(TAGS.values()) and not book.themes
    assert {code.parent for code in book} == {None}  # "feelings.guilt" is one tag, not under "feelings"
    assert book["feelings_guilt"].name == "feelings.guilt" and book["ubergang"].definition == "about \u00dcbergang"
    # The ids a Taguette codebook (.qdc) gives the same tags.
    assert {code.id for code in book.codes} == {"feelings", "feelings_guilt", "coping", "ubergang", "unused"}


def test_offsets_are_utf8_bytes_of_the_text_nodes():
    page = CountedText("<p>\U0001f60a \u00e9t\u00e9</p><p>x</p>")
    assert page.text == "\U0001f60a \u00e9t\u00e9\nx" and page.bytes == 4 + 1 + 5 + 1
    assert page.span(5, 10) == (2, 5)  # "été": after the emoji's four bytes and a space
    assert page.span(10, 11) == (6, 7)  # "x", after the line break its paragraph gave
    assert page.span(6, 10) == (2, 5)  # a byte inside "é": from that character, as Taguette's byte_to_str_index rounds
    assert page.span(5, 9) == (2, 4)  # an end inside "é" leaves it out
    assert page.span(0, 12) is None and page.span(4, 4) is None and page.span(-1, 3) is None
    # Line ends: a <br> each, blank lines kept; none added beside a line break already there; cells split by a tab.
    assert counted_text("a<br><br>b") == "a\n\nb" and counted_text("<p>a</p>\n<p>b</p>") == "a\nb" and counted_text("<p>a</p><p>b</p>") == "a\nb"
    assert counted_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a\tb\nc"
    # What HTML's parser does before counting: CR LF read as LF, a <pre>'s first line break dropped, entities read.
    crlf = CountedText("<p>one\r\ntwo</p>")
    assert crlf.text == "one\ntwo" and crlf.bytes == 7
    assert counted_text("<pre>\nkept\n</pre>") == "kept\n" and counted_text("a &amp; b&nbsp;&lt;c&gt;") == "a & b\u00a0<c>"


def test_what_is_left_out_is_said_with_ids(tmp_path):
    path = make_project(tmp_path / "carers.sqlite3")
    db = sqlite3.connect(path)
    rows = [(20, 1, 300, 310, "x"), (21, 1, 40, 30, "x"), (22, 1, -3, 5, "x"), (23, 1, "start", 5, "x"), (24, 1, 20, 21, "\n"), (25, 2, 0, 5, "<p>00:00</p>")]
    db.executemany("insert into highlights values (?, ?, ?, ?, ?)", rows)
    db.executemany("insert into highlight_tags values (?, 3)", [(r[0],) for r in rows])
    db.execute("insert into highlight_tags values (2, 99)")  # a tag of no project of this database (Taguette 1.4 removes them)
    db.execute("insert into commands (date, user_login, project_id, payload) values (?, 'ana', 1, 'not json')", (WHEN,))
    db.execute("update highlights set snippet = '<p>It was <b>easy</b></p>' where id = 2")  # its place holds another passage
    db.commit()
    db.close()
    study, said = read(path)
    text = " ".join(said)
    # Past the text or backwards: said as every importer says a coding outside its text (stop 54).
    assert (
        "carers.sqlite3: 3 coding(s) lie outside their document's text and were not imported: 'P01_W1' (its text has 226 UTF-8 bytes, as Taguette counts): "
        "highlight 20 at 300–310, highlight 21 at 40–30 (ends before it starts), highlight 22 at -3–5. Fix: Taguette never changes a document once added"
    ) in text
    assert "highlight 23 in carers.sqlite3: its offsets 'start', 5" in text
    assert "1 highlight(s) hold only white space and were not imported (Taguette 1.5 removes them): 24" in text  # byte 20 is the "\n" after the title
    assert "1 tag(s) of highlights belong to no tag of this project (Taguette 1.4 removes them) and were not imported: highlight 2 → tag 99" in text
    assert "1 entry of the project's log (commands) could not be read as JSON" in text
    assert "1 highlight(s) are named by no highlight_add in the project's log (commands), so who made them is not known: kept with the coder 'unknown'" in text
    assert "1 coding(s) do not line up: the text at their positions is not the passage quoted when they were coded (Taguette never changes a document once added" in text
    assert """highlight 2 (at its place "It's been hard, but I'm coping.", quoted 'It was easy')""" in text
    # Highlight 25 (no command) is kept, by 'unknown'; the project's own are all there.
    assert [c for c in codings(study) if c[2] == "unknown"] == [("P01_W2", "coping", "unknown", "00:00")]
    assert [c for c in codings(study) if c[2] != "unknown"] == EXPECTED


def test_a_log_entry_nested_too_deep_is_an_unreadable_entry_not_a_crash(tmp_path):
    # Stop 52's review: a payload of 100,000 "[" then "]" made json raise RecursionError, which the reader did not
    # catch (a crash on an untrusted file). It is an entry that cannot be read as JSON, like any other.
    path = make_project(tmp_path / "carers.sqlite3")
    db = sqlite3.connect(path)
    db.execute("insert into commands (date, user_login, project_id, payload) values (?, 'ana', 1, ?)", (WHEN, "[" * 100_000 + "]" * 100_000))
    db.commit()
    db.close()
    study, said = read(path)
    assert "1 entry of the project's log (commands) could not be read as JSON" in " ".join(said)
    assert codings(study) == EXPECTED


def test_a_database_of_several_projects_reads_the_one_chosen(tmp_path):
    # Taguette's own database (a server's, the desktop app's) holds every project; a second one, its own document and tag.
    path = _sqlite(
        make_project(tmp_path / "taguette.sqlite3"),
        "insert into projects values (2, 'Pilot', '', '2026-12-07 09:00:00');"
        "insert into documents values (9, 'Pilot_W1', '', 'p.html', '2026-12-07 09:00:00', 2, 'LEFT_TO_RIGHT', '<p>Only a pilot.</p>');"
        "insert into tags values (9, 2, 'pilot', ''); insert into highlights values (90, 9, 0, 4, '<p>Only</p>'); insert into highlight_tags values (90, 9);",
    )
    with pytest.raises(QdpxError, match=r"taguette.sqlite3: the Taguette database holds 2 projects: 1 'Carers – Taguette', 2 'Pilot'.*project=ID or NAME \(qlr import --project\)"):
        qlr.io.read_taguette(path)
    pilot, _ = read(path, project="Pilot")
    assert codings(pilot) == [("Pilot_W1", "pilot", "unknown", "Only")] and list(pilot.documents["doc_id"]) == ["Pilot_W1"]
    carers, _ = read(path, project=1)
    assert codings(carers) == EXPECTED and "pilot" not in {code.name for book in carers.codebooks.values() for code in book}
    with pytest.raises(QdpxError, match="has no project 'Nope'; it holds 1 'Carers – Taguette', 2 'Pilot'"):
        qlr.io.read_taguette(path, project="Nope")


def test_a_project_named_by_digits_is_chosen_by_its_name_and_an_ambiguous_choice_is_refused(tmp_path, capsys):
    # Stop 52's review: "qlr import DB --project 2024" made 2024 a number, matched against ids only, so a project named
    # "2024" could not be chosen. The text is tried as an id, then as a name; naming two projects is an error.
    path = _sqlite(
        make_project(tmp_path / "taguette.sqlite3"),
        "insert into projects values (2, '2024', '', '2026-12-07 09:00:00');"
        "insert into documents values (9, 'Pilot_W1', '', 'p.html', '2026-12-07 09:00:00', 2, 'LEFT_TO_RIGHT', '<p>Only a pilot.</p>');"
        "insert into tags values (9, 2, 'pilot', ''); insert into highlights values (90, 9, 0, 4, '<p>Only</p>'); insert into highlight_tags values (90, 9);",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        assert main(["import", str(path), "--project", "2024", "-o", str(tmp_path / "y.qlr"), "-q"]) == 0
    assert list(qlr.open(tmp_path / "y.qlr").documents["doc_id"]) == ["Pilot_W1"]
    # "1" is project 1's id and, once project 2 is renamed so, project 2's name: refused, both listed.
    _sqlite(path, "update projects set name = '1' where id = 2;")
    assert main(["import", str(path), "--project", "1", "-o", str(tmp_path / "z.qlr"), "-q"]) != 0
    assert "has more than one project that '1' names (as an id or a name): 1 'Carers – Taguette', 2 '1'" in capsys.readouterr().err
    carers, _ = read(path, project=1)  # a number is the id only
    assert codings(carers) == EXPECTED


def test_an_older_schema_is_read_with_its_groups_as_sets(tmp_path):
    # Before bc8e0e0677e9 (2021) a highlight_add named its highlight "id"; before 43d6c240309d documents had groups; before
    # d86c45d7aa8a no text_direction.
    schema = SCHEMA.replace(" text_direction VARCHAR(13) NOT NULL,", "") + (
        "CREATE TABLE groups (id INTEGER NOT NULL PRIMARY KEY, project_id INTEGER NOT NULL, path VARCHAR(200) NOT NULL, description TEXT NOT NULL);"
        "CREATE TABLE document_groups (document_id INTEGER NOT NULL, group_id INTEGER NOT NULL);"
    )
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.execute("insert into alembic_version values ('807c0cc0ecf6')")
    db.execute("insert into projects values (1, 'Old', '', '2020-03-01 10:00:00')")
    db.execute("insert into documents values (1, 'Ana_T1', '', 'a.html', '2020-03-01 10:00:00', 1, '<p>Caf\u00e9 and cake.</p>')")
    db.execute("insert into tags values (1, 1, 'food', '')")
    db.execute("insert into highlights values (1, 1, 10, 14, '<p>cake</p>')")
    db.execute("insert into highlight_tags values (1, 1)")
    db.execute("insert into commands (date, user_login, project_id, document_id, payload) values ('2020-03-01 10:05:00', 'remi', 1, 1, ?)", (json.dumps({"type": "highlight_add", "id": 1, "start_offset": 10, "end_offset": 14, "tags": [1]}),))
    db.execute("insert into groups values (1, 1, 'Wave 1', 'first round')")
    db.execute("insert into document_groups values (1, 1)")
    db.commit()
    db.close()
    study, said = read(path)
    assert codings(study) == [("Ana_T1", "food", "remi", "cake")]
    assert str(study.codings["created"].iloc[0]).startswith("2020-03-01 10:05")
    assert [(s["name"], s["sources"]) for s in study.meta["import"]["sets"]] == [("Wave 1", ["Ana_T1"])]
    unknown = _database(tmp_path / "new.sqlite3", version="ffffffffffff")
    _, said = read(unknown)
    assert any("the database's schema (ffffffffffff) is not one qlr has read Taguette's code for (Taguette 1.5's is db5e31a0233d)" in s for s in said)


def _database(path, version="db5e31a0233d"):
    return make_project(path, version=version)


def _sqlite(path, script):
    with sqlite3.connect(path) as db:
        db.executescript(script)
    db.close()
    return path


_TAGS_TABLE = SCHEMA[SCHEMA.index("CREATE TABLE tags") : SCHEMA.index("CREATE TABLE highlights")]
# (what the file is, how to make it, the error, what the message says): each a file a user may give that is no Taguette project.
NOT_TAGUETTE = [
    ("text", lambda p: p.write_text("not a database", encoding="utf-8") and p, QdpxError, "this is not a Taguette project: it is not an SQLite database"),
    ("other", lambda p: _sqlite(p, "create table projects (id integer, name text); create table documents (id integer);"), QdpxError,
     "this SQLite database is not a Taguette project: it has no table 'tags', 'highlights', 'highlight_tags'"),
    ("view", lambda p: _sqlite(p, SCHEMA.replace("CREATE TABLE highlights (", "CREATE TABLE highlight_rows (") + "CREATE VIEW highlights AS SELECT * FROM highlight_rows;"), QdpxError,
     "'highlights' should be a table, and is a view"),
    ("virtual", lambda p: _sqlite(p, SCHEMA.replace(_TAGS_TABLE, "CREATE VIRTUAL TABLE tags USING fts5(id, project_id, path, description);\n")), QdpxError,
     "'tags' should be a table, and is a virtual table"),
    ("missing", lambda p: p, SourceNotFoundError, "no such Taguette project"),
    ("folder", lambda p: p.mkdir() or p, QdpxError, "this is a folder, and a Taguette project is one file"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make", "error", "said"), NOT_TAGUETTE, ids=[case[0] for case in NOT_TAGUETTE])
def test_files_that_are_not_taguette_projects_raise_one_clear_error(tmp_path, name, make, error, said):
    path = make(tmp_path / f"{name}.sqlite3")
    with pytest.raises(error, match=f"{name}.sqlite3: {re.escape(said)}"):
        qlr.io.read_taguette(path)


def test_limits_refuse_a_database_before_its_rows_are_read(tmp_path):
    big = make_project(tmp_path / "big.sqlite3")
    with pytest.raises(QdpxError, match=r"big.sqlite3: this holds [\d,]+ bytes, over the limit of 1,000 bytes qlr reads \(max_bytes\)"):
        qlr.io.read_taguette(big, max_bytes=1000)
    # More highlights than one database may hold here: counted, not read, and the way round it said.
    with sqlite3.connect(big) as db:
        db.execute("with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) insert into highlights select 100 + i, 1, 0, 20, 'x' from n", (200_001 - len(HIGHLIGHTS),))
    db.close()
    with pytest.raises(QdpxError, match=r"big.sqlite3: table 'highlights' has 200,001 rows, over the limit of 200,000.*export the one project wanted"):
        qlr.io.read_taguette(big)


def test_the_file_is_not_changed_and_nothing_is_written_beside_it(tmp_path):
    # In WAL mode (as a server may leave it) a reader that is not immutable writes -shm and -wal beside the file.
    (folder := tmp_path / "project").mkdir()
    path = _sqlite(make_project(folder / "carers.sqlite3"), "pragma journal_mode = wal;")
    before, stamp = hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns
    assert codings(read(path)[0]) == EXPECTED
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before and os.stat(path).st_mtime_ns == stamp
    assert sorted(p.name for p in folder.iterdir()) == ["carers.sqlite3"]


def test_round_trip_through_qdpx_keeps_the_codings(project, tmp_path):
    study, _ = read(project)
    out = tmp_path / "carers.qdpx"
    qlr.io.write_qdpx(study, out)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = qlr.io.read_qdpx(out)
    assert codings(back) == EXPECTED


def test_command_line_import_info_and_open(project, tmp_path, capsys):
    # A SQLite file that is not Taguette's says what it lacks; qlr.open and qlr export send a Taguette project to import.
    other = _sqlite(tmp_path / "music.sqlite3", "create table songs (title text);")
    assert main(["import", str(other), "-o", str(tmp_path / "music.qlr")]) != 0
    assert "music.sqlite3: this SQLite database is not a Taguette project: it has no table 'projects', 'documents', 'tags', 'highlights', 'highlight_tags'" in capsys.readouterr().err
    with pytest.raises(qlr.errors.ProjectFileError, match=r"it is a Taguette project.*qlr import 2026-12-06_carers.sqlite3 -o study.qlr"):
        qlr.open(project)
    assert main(["export", str(project), "-o", str(tmp_path / "x.qdpx")]) != 0
    assert "2026-12-06_carers.sqlite3 is a Taguette project: import it first" in capsys.readouterr().err
    assert main(["import", str(project), "--project", "9", "-o", str(tmp_path / "none.qlr"), "-q"]) != 0
    assert "has no project '9'" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "team.qdpx"), "--project", "1", "-o", str(tmp_path / "team.qlr")]) != 0
    assert "--project chooses a project of a Taguette database; " in capsys.readouterr().err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for chosen, out in (([], tmp_path / "study.qlr"), (["--project", "1"], tmp_path / "one.qlr")):
            assert main(["import", str(project), *chosen, "-o", str(out), "-q"]) == 3  # highlight 8 has no tag: left out (stop 59)
            assert codings(qlr.open(out)) == EXPECTED
        main(["info", str(project)])
    shown = capsys.readouterr().out
    assert "0 cases × 2 waves, 3 documents" in shown and "12 codings" in shown


# ------------------------------------------------------------------ the real tool
TAGUETTE = os.environ.get("QLR_TAGUETTE")  # the taguette (or python) of a test-only venv with taguette 1.5 from PyPI
MAKE = Path(__file__).with_name("taguette_oracle.py")


def _taguette_python():
    given = Path(TAGUETTE)
    return given if given.name.startswith("python") else given.parent / "python"


@pytest.mark.skipif(not TAGUETTE, reason="set QLR_TAGUETTE to the taguette (or python) of a test-only venv with taguette 1.5 from PyPI")
def test_the_real_tool_s_project_and_its_export(tmp_path):
    server, exported, witness, table = (tmp_path / name for name in ("taguette.sqlite3", "export.sqlite3", "witness.json", "highlights.csv"))
    subprocess.run([str(_taguette_python()), str(MAKE), str(server), str(exported), str(witness), str(table)], check=True, capture_output=True, timeout=600)
    # Taguette's own database: who made each highlight is in its log.
    assert codings(read(server)[0]) == EXPECTED
    # Its Export project credits every change to the user it makes for the file, "admin".
    study, said = read(exported)
    assert codings(study) == sorted((d, t, "admin", p) for d, t, _, p in EXPECTED)
    assert said == [f"{exported}: 1 highlight(s) have no tag and were not imported (a coding needs a code; give them a tag in Taguette to keep them): 8"]
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert texts["P01_W1"] == TEXT_P01_W1
    # First witness: the text Taguette wraps in span.highlight for each highlight, read from its own rendering. qlr's
    # passage is that text, with the line breaks qlr puts where a block ends without one (hand-worked: 3, 4, 5).
    shown = {(w["document"], tag, w["shown"]) for w in json.loads(witness.read_text(encoding="utf-8")) for tag in w["tags"]}
    added = {"coping.Some days are better.": "coping.\nSome days are better.", "on MondaysGroupe de parole": "on Mondays\nGroupe de parole"}
    assert {(d, t, added.get(s, s)) for d, t, s in shown} == {(d, t, p) for d, t, _, p in EXPECTED}
    # Second witness: Taguette's Export highlights table (a space wherever formatting splits the text), word for word.
    with open(table, encoding="utf-8", newline="") as rows:
        listed = sorted((row["document"], row["tag"], "".join(row["content"].split())) for row in csv.DictReader(rows))
    assert listed == sorted((d, t, "".join(p.split())) for d, t, _, p in EXPECTED)


def test_a_folder_names_a_taguette_project_among_its_transcripts(project):
    # A researcher keeps the export beside the transcripts: a folder never reads its codings, so it is named; another
    # SQLite file there (a reference manager's) is not a coded project and is not.
    folder = project.parent
    (folder / "P01_W1.txt").write_text("I: How are you?\nP01: Tired but coping.\n", encoding="utf-8")
    _sqlite(folder / "zotero.sqlite", "create table items (title text);")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder)
    notes = " ".join(qlr.io.load_notes(study)["note"])
    assert "1 coded project file(s) not read with the folder (their codes and codings are not loaded): 2026-12-06_carers.sqlite3" in notes
    assert "zotero" not in notes
