"""Make a Taguette project with Taguette's own code, as its web handlers do, and export it as its Export project does.

Run by tests/test_trial17_taguette.py with the python of a venv holding taguette 1.5 (QLR_TAGUETTE), never by qlr:
``python taguette_oracle.py SERVER.sqlite3 EXPORT.sqlite3 WITNESS.json HIGHLIGHTS.csv``.  SERVER is Taguette's own
database (three users), EXPORT what ExportSqlite writes of its project, WITNESS the text Taguette wraps in
``span.highlight`` for each exported highlight, HIGHLIGHTS its Export highlights table of every tag.
"""

import asyncio
import io
import json
import sys

from bs4 import BeautifulSoup
from taguette import convert, database, export, extract
from taguette.database import (
    Command,
    Document,
    Highlight,
    Privileges,
    Project,
    ProjectMember,
    Tag,
    TextDirection,
    User,
    highlight_tags,
)

server_path, export_path, witness_path, csv_path = sys.argv[1:5]
PAGE = (
    "<html><head><meta charset=\"utf-8\"><title>Notes</title><style>p {color: red}</style></head><body>\n"
    "<h1>Interview \u2013 Wave 1</h1>\n"
    "<p>I: How have things been since the move?</p>\n"
    "<p>P: Honestly? \U0001F60A It&#39;s been <b>hard</b>, but I&#39;m coping.<br>Some days are better.</p>\n"
    "<ul><li>Caf\u00e9 on Mondays</li><li>Groupe de parole</li></ul>\n"
    "<table><tr><td>\u00dcbergang</td><td>Stra\u00dfe</td></tr></table>\n"
    "<p>\u00c7a va mieux, \u00ab&nbsp;vraiment&nbsp;\u00bb.</p>\n"
    "<script>alert(1)</script><p>Fin &amp; merci.</p>\n"
    "</body></html>"
)
CUES = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>And now?\n\n00:00:05.000 --> 00:00:09.500\n<v Sam>Still hard.\nBetter with friends \U0001F642.\n"
PRE = "<meta charset=\"utf-8\"><p>\u0645\u0631\u062d\u0628\u0627 \u2014 \u4f60\u597d\u3002</p><pre>\nline one\n  line two</pre><p>after</p>"


def run(coroutine):
    return asyncio.get_event_loop().run_until_complete(coroutine)


db = database.connect("sqlite:///" + server_path)()
for login in ("admin", "ana", "ben"):
    db.add(User(login=login))
project = Project(name="Carers \u2013 Taguette", description="Three carers, two waves.")
db.add(project)
db.flush()
for login, level in (("admin", Privileges.ADMIN), ("ana", Privileges.TAG), ("ben", Privileges.MANAGE_DOCS)):
    db.add(ProjectMember(project=project, user_login=login, privileges=level))
docs = {}
for name, filename, body, direction in (
    ("P01_W1", "P01_W1.html", PAGE.encode("utf-8"), "LEFT_TO_RIGHT"),
    ("P01_W2", "P01_W2.vtt", b"\xef\xbb\xbf" + CUES.encode("utf-8"), "LEFT_TO_RIGHT"),  # chardet takes a short UTF-8 file without a BOM for cp1252
    ("P02_W1", "P02_W1.html", PRE.encode("utf-8"), "RIGHT_TO_LEFT"),
    ("Draft", "draft.html", b"<p>to be deleted</p>", "LEFT_TO_RIGHT"),
):
    contents = run(convert.to_html_chunks(body, "text/html", filename, {}))  # DocumentAdd's conversion
    doc = Document(name=name, description="Interview " + name, filename=filename, project=project, text_direction=TextDirection[direction], contents=contents)
    db.add(doc)
    db.flush()
    db.add(Command.document_add("ben", doc))
    docs[name] = doc
tags = {}
for path in ("feelings", "feelings.guilt", "coping", "\u00dcbergang", "unused"):
    tag = Tag(project=project, path=path, description="about " + path)
    db.add(tag)
    db.flush()
    db.add(Command.tag_add("ana", tag))
    tags[path] = tag


def counted(contents):
    """Taguette's text as its offsets count it: the text nodes of the parsed HTML (extract.find_pos walks them)."""
    soup = BeautifulSoup(contents, "html5lib")
    return "".join(str(s) for s in soup.find_all(string=True))


def add(doc_name, phrase, tag_paths, user, nth=0):
    doc = docs[doc_name]
    text = counted(doc.contents)
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    start = len(text[:at].encode("utf-8"))
    end = start + len(phrase.encode("utf-8"))
    snippet = extract.extract(doc.contents, start, end)  # HighlightAdd's snippet
    hl = Highlight(document=doc, start_offset=start, end_offset=end, snippet=snippet)
    db.add(hl)
    db.flush()
    ids = sorted(tags[p].id for p in tag_paths)
    if ids:
        db.execute(highlight_tags.insert(), [dict(highlight_id=hl.id, tag_id=t) for t in ids])
    db.add(Command.highlight_add(user, doc, hl, ids))
    return hl


add("P01_W1", "Interview \u2013 Wave 1", ["feelings"], "ana")
add("P01_W1", "It's been hard, but I'm coping.", ["coping", "feelings"], "ana")
add("P01_W1", "coping.Some days are better.", ["feelings.guilt"], "ben")
add("P01_W1", "on MondaysGroupe de parole", ["\u00dcbergang"], "ana")
add("P01_W1", "Stra\u00dfe", ["feelings.guilt"], "ben")
add("P01_W1", "\u00c7a va mieux, \u00ab\u00a0vraiment\u00a0\u00bb.", ["feelings"], "ben")
add("P01_W1", "move?\nP: Honestly", ["coping"], "ana")
add("P01_W1", "Fin & merci.", [], "ana")  # no tag: Taguette shows it, qlr cannot code it
gone = add("P01_W1", "How have things", ["coping"], "ana")
db.add(Command.highlight_delete("ana", docs["P01_W1"], gone.id))
db.delete(gone)
add("P01_W2", "Still hard.", ["feelings"], "ben")
add("P01_W2", "Better with friends \U0001F642.", ["coping"], "ana")
add("P02_W1", "\u4f60\u597d", ["\u00dcbergang"], "ben")
add("P02_W1", "line one\n  line two", ["coping"], "ana")
add("Draft", "deleted", ["coping"], "ana")
db.add(Command.document_delete("ben", docs["Draft"]))
db.delete(docs["Draft"])
db.commit()

# Export project, as ExportSqlite does.
dest = database.connect("sqlite:///" + export_path)()
dest.add(User(login="admin"))
dest.commit()
database.copy_project(db, dest, project.id, "admin")
dest.commit()

# What Taguette shows of each highlight of the exported project: the text it wraps in span.highlight.
witness = []
for hl in dest.query(Highlight).order_by(Highlight.id):
    doc = dest.query(Document).get(hl.document_id)
    shown = BeautifulSoup(extract.highlight(doc.contents, [(hl.start_offset, hl.end_offset)]), "html5lib")
    words = "".join(s.get_text() for s in shown.find_all("span", class_="highlight"))
    witness.append({"id": hl.id, "document": doc.name, "tags": sorted(t.path for t in hl.tags), "shown": words})
with open(witness_path, "w", encoding="utf-8") as out:
    json.dump(witness, out, ensure_ascii=False)
# Taguette's own "Export highlights" table of every tag.
buffer = io.StringIO()
export.highlights_csv(dest, dest.query(Project).one().id, "", buffer)
with open(csv_path, "w", encoding="utf-8", newline="") as out:
    out.write(buffer.getvalue())
