"""Drive QualCoder's own code to write a project, its REFI-QDA exports, or to import a ``.qdpx``.

Run by ``tests/test_qualcoder_oracle.py`` with the python of a test-only environment that has
PyQt6 and QualCoder's source on its path (``make oracles``), never by qlr's own tests::

    python qualcoder_oracle.py build OUT      # OUT/oracle.qda, OUT/oracle.qdpx, OUT/Codebook-oracle.qdc, OUT/put.json
    python qualcoder_oracle.py build-crlf OUT  # the same, its .qdpx exported with MAXQDA's line ends (\r\n)
    python qualcoder_oracle.py build-both OUT  # the same, its sub-code 'clube' keeping its category 'Apoio' too
    python qualcoder_oracle.py import QDPX OUT  # QualCoder's REFI import of QDPX into OUT/imported.qda, OUT/rows.json
    python qualcoder_oracle.py importqdc QDC OUT  # its codebook import of QDC into a new project, OUT/rows.json

What runs is QualCoder's: the project is made by ``MainWindow.new_project``'s own body (read from
``qualcoder/__main__.py`` and run with a stand-in window, as the main window needs the AI stack),
which runs its ``CREATE TABLE``s and ``App.update_coder_names``; rows go into the tables and
columns QualCoder's dialogs fill (``_add``, by column name; manage_files.load_file_text, code_tree, cases,
case_file_manager.link_file_to_case, code_text.mark with the selection a ``QPlainTextEdit`` gives,
code_text's annotation, journals); the exports are ``refi.RefiExport(app, edit, "project")`` and
``(…, "codebook")``; the import is ``refi.RefiImport(app, edit, "qdpx")`` into a project made as
above. Dialogs are answered by replacing ``QFileDialog``'s getters and ``exec`` (no window is
shown). Only ``qualcoder.ai_llm`` is replaced (its model list), as it needs langchain.
"""

from __future__ import annotations

import ast
import builtins
import datetime
import json
import os
import shutil
import sqlite3
import sys
import types
from pathlib import Path

MODE, *ARGS = sys.argv[1:]
OUT = Path(ARGS[-1]).resolve()
OUT.mkdir(parents=True, exist_ok=True)
os.environ["HOME"] = str(OUT / "home")  # QualCoder keeps its settings and export scratch in ~/.qualcoder
(OUT / "home" / ".qualcoder").mkdir(parents=True, exist_ok=True)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
builtins._ = lambda text: text  # gettext, as QualCoder's main installs it
_ai = types.ModuleType("qualcoder.ai_llm")
_ai.get_default_ai_models = lambda: []
_ai.update_ai_models = lambda models, index, settings=None: (models, index, None)
sys.modules["qualcoder.ai_llm"] = _ai

import qualcoder  # noqa: E402
from PyQt6 import QtWidgets  # noqa: E402
from qualcoder import helpers, refi  # noqa: E402
from qualcoder.app import App  # noqa: E402

QT = QtWidgets.QApplication([])
CRLF = MODE == "build-crlf"  # the export's other choice: line ends as MAXQDA wants them (\r\n)
BOTH = MODE == "build-both"  # the sub-code keeps its category too (catid and supercid), as a project edited so may have


def _answer(dialog) -> int:
    """RefiLineEndings: QualCoder's default (no MAXQDA line endings), or the MAXQDA choice for build-crlf."""
    button = getattr(getattr(dialog, "ui", None), "radioButton_maxqda", None)
    if CRLF and button is not None:
        button.setChecked(True)
    return 0


QtWidgets.QDialog.exec = _answer
helpers.Message.exec = lambda self: 0
ANSWER: dict[str, str] = {}
QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (ANSWER["save"], ""))
QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: ANSWER["dir"])
QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (ANSWER["open"], "(*.qdpx *.QDPX)"))


def new_project(name: str) -> App:
    """Run MainWindow.new_project's body from QualCoder's source with a stand-in window."""
    source = Path(qualcoder.__file__).with_name("__main__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    main_window = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "MainWindow")
    func = next(n for n in main_window.body if isinstance(n, ast.FunctionDef) and n.name == "new_project")
    namespace = {"App": App, "Path": Path, "QtWidgets": QtWidgets, "datetime": datetime, "Message": helpers.Message,
                 "get_default_user_directory": helpers.get_default_user_directory, "logger": refi.logger,
                 "AiLLM": lambda app, edit: None, "_": builtins._}
    exec(compile(ast.Module(body=[func], type_ignores=[]), "__main__.py", "exec"), namespace)

    class Window:
        app = App()
        project: dict = {}
        journal_display = None
        ui = types.SimpleNamespace(textEdit=QtWidgets.QTextEdit(), tabWidget=QtWidgets.QTabWidget(),
                                   tab_action_log=None, tab_reports=None, tab_coding=None, tab_manage=None)

        def close_project(self):
            pass

        def open_project(self, path, newproject="no"):
            pass  # a new project: QualCoder's open_project only upgrades older databases and backs up

        def setWindowTitle(self, title):
            pass

        def clear_tab_widgets(self, *args, **kwargs):
            pass

    window = Window()
    window.ui.tabWidget.setCurrentWidget = lambda widget: None
    ANSWER["save"] = str(OUT / name)
    namespace["new_project"](window)
    window.app.edit = window.ui.textEdit
    return window.app


def now() -> str:
    return datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")


# The words of the lookalike project: a line end inside a coded passage, accents, an emoji (two UTF-16 units).
TEXTS = {
    "Rui_W1.txt": "Entrevista com o Rui, primeira vaga.\nRui: A mudança para Lisboa foi difícil.\n"
                  "Eu não conhecia ninguém 🙂 no começo.\nRui: Agora tenho amigos no clube.\n",
    "Zoë_W2.txt": "Second wave with Zoë.\nZoë: The café closed, so I moved on.\nZoë: My naïve plan changed.\n",
}
PDF = ("Ana_W1.pdf", "Ana: O autocarro passa duas vezes por dia.", "passa duas vezes por dia")  # name, its words, a coded passage
CODES = [  # name, category, parent code, memo
    ("mudança", "Transições", None, "Moving house or city"),
    ("isolamento", "Transições", None, ""),
    ("amizade", "Apoio", None, "Friends and peers"),
    ("clube", "Apoio", "amizade", "A sub-code under a code (supercid)"),
    ("plans", None, None, ""),
]
CATEGORIES = [("Transições", None, "Changes over time"), ("Apoio", "Transições", "")]  # name, parent, memo
CODINGS = [  # file, code, coder, the words selected (a line end is selected as such)[, memo]
    ("Rui_W1.txt", "mudança", "ana", "A mudança para Lisboa foi difícil.", "first mention"),
    ("Rui_W1.txt", "mudança", "ben", "mudança para Lisboa"),
    ("Rui_W1.txt", "isolamento", "ana", "foi difícil.\nEu não conhecia ninguém", "crosses a line end"),
    ("Rui_W1.txt", "clube", "ben", "tenho amigos no clube"),
    ("Rui_W1.txt", "amizade", "ana", "no começo.\nRui: Agora tenho amigos"),
    ("Zoë_W2.txt", "plans", "ana", "My naïve plan changed."),
    ("Zoë_W2.txt", "plans", "ben", "naïve plan", "ben's shorter span"),
]



def _add(cur: sqlite3.Cursor, table: str, **columns: object) -> None:
    """One row into one of QualCoder's tables, by column name (the columns its dialogs fill)."""
    names = ", ".join(columns)
    cur.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", tuple(columns.values()))  # noqa: S608 (QualCoder's table names, written here)


def build() -> None:
    app = new_project("oracle")
    cur = app.conn.cursor()
    put: dict = {"sources": {}, "codings": []}
    fids = {}
    for name, text in TEXTS.items():
        shutil.copyfile(_write(OUT / "in" / name, text), Path(app.project_path) / "documents" / name)
        # manage_files.load_file_text: line ends made \n, stored with mediapath /docs/name
        _add(cur, "source", name=name, fulltext=text, mediapath="/docs/" + name, memo="memo of " + name, owner="ana", date=now())
        fids[name] = cur.lastrowid
        put["sources"][name] = text
    # A PDF as manage_files.load_file_text keeps it: the file in documents/, its text (pymupdf's) as fulltext.
    import pymupdf

    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), PDF[1])
    pdf.save(Path(app.project_path) / "documents" / PDF[0])
    text = "".join(page.get_text() for page in pymupdf.open(Path(app.project_path) / "documents" / PDF[0]))
    _add(cur, "source", name=PDF[0], fulltext=text, mediapath="/docs/" + PDF[0], memo="", owner="ana", date=now())
    fids[PDF[0]] = cur.lastrowid
    put["sources"][PDF[0]] = text
    TEXTS[PDF[0]] = text
    CODINGS.append((PDF[0], "plans", "ben", PDF[2]))  # code_pdf's mark: a passage of the PDF's text
    catids = {}
    for name, parent, memo in CATEGORIES:  # code_tree.add_category
        _add(cur, "code_cat", name=name, memo=memo, owner="ana", date=now(), supercatid=catids.get(parent))
        catids[name] = cur.lastrowid
    cids = {}
    for name, cat, parent, memo in CODES:  # code_tree.add_code: a sub-code has no category of its own (but with BOTH)
        cat = cat if BOTH else None if parent else cat
        _add(cur, "code_name", name=name, memo=memo, owner="ben" if name == "plans" else "ana", date=now(), catid=catids.get(cat), color="#F6C3A0", supercid=cids.get(parent))
        cids[name] = cur.lastrowid
    edit = QtWidgets.QPlainTextEdit()
    for fname, code, coder, words, *memo in CODINGS:  # code_text.mark: the editor's selection
        memo = memo[0] if memo else ""
        full = TEXTS[fname]
        edit.setPlainText(full)
        start = full.index(words)
        cursor = edit.textCursor()
        before = len(full[:start].encode("utf-16-le")) // 2  # Qt counts UTF-16 units
        cursor.setPosition(before)
        cursor.setPosition(before + len(words.encode("utf-16-le")) // 2, cursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        seltext, pos0, pos1 = cursor.selectedText(), cursor.selectionStart(), cursor.selectionEnd()
        _add(cur, "code_text", cid=cids[code], fid=fids[fname], seltext=seltext, pos0=pos0, pos1=pos1, owner=coder, memo=memo, date=now(), important=None)
        put["codings"].append({"file": fname, "code": code, "coder": coder, "words": words, "memo": memo,
                               "start": start, "pos0": pos0, "pos1": pos1, "seltext": seltext})
    # speakers.py: its category and a code per speaker, owned by its own coder, and each turn's label line marked
    marker = "\N{PUSHPIN} Speaker coding"
    _add(cur, "code_cat", name="\N{PUSHPIN} Speakers", memo="All the speakers marked in documents.", owner=marker, date=now(), supercatid=None)
    speakers_catid = cur.lastrowid
    _add(cur, "code_name", name="Rui", memo="", owner=marker, date=now(), catid=speakers_catid, color="#D3E4F5", supercid=None)
    speaker_cid = cur.lastrowid
    full, marks = TEXTS["Rui_W1.txt"], 0
    for line in full.split("\n"):
        if line.startswith("Rui: "):
            pos0 = len(full[: full.index(line)].encode("utf-16-le")) // 2
            _add(cur, "code_text", cid=speaker_cid, fid=fids["Rui_W1.txt"], seltext=line, pos0=pos0, pos1=pos0 + len(line.encode("utf-16-le")) // 2, owner=marker, memo="", date=now(), important=None)
            marks += 1
    put.update(speaker_marks=marks, speaker_names=["\N{PUSHPIN} Speakers", "Rui"])
    # code_text's annotation on a stretch of text
    start = TEXTS["Zoë_W2.txt"].index("The café closed")
    _add(cur, "annotation", fid=fids["Zoë_W2.txt"], pos0=start, pos1=start + 15, memo="Ask about the café next wave", owner="ben", date=now())
    # an annotation on the PDF's text (code_pdf, as code_text)
    start = TEXTS[PDF[0]].index("autocarro")
    _add(cur, "annotation", fid=fids[PDF[0]], pos0=start, pos1=start + 9, memo="Which bus line?", owner="ana", date=now())
    # cases.add_case, attributes.DialogManageAttributes.add_attribute, cases' value edit
    cases = {"Rui": "Moved at 19", "Zoë": "", "Ana": ""}
    caseids = {}
    for name, memo in cases.items():
        _add(cur, "cases", name=name, memo=memo, owner="ana", date=now())
        caseids[name] = cur.lastrowid
    for attr, kind, vtype in (("idade", "case", "numeric"), ("região", "case", "character"), ("onda", "file", "character")):
        _add(cur, "attribute_type", name=attr, date=now(), owner="ana", memo="", caseOrFile=kind, valuetype=vtype)
    values = {("Rui", "idade"): "19", ("Rui", "região"): "Norte", ("Zoë", "idade"): "23", ("Zoë", "região"): "Sul",
              ("Ana", "idade"): "40", ("Ana", "região"): "Centro"}
    for (case, attr), value in values.items():
        _add(cur, "attribute", name=attr, value=value, id=caseids[case], attr_type="case", date=now(), owner="ana")
    for fname, value in (("Rui_W1.txt", "W1"), ("Zoë_W2.txt", "W2")):
        _add(cur, "attribute", name="onda", value=value, id=fids[fname], attr_type="file", date=now(), owner="ana")
    # case_file_manager: a whole file linked to its case (pos0 0, pos1 the text's length)
    for case, fname in (("Rui", "Rui_W1.txt"), ("Zoë", "Zoë_W2.txt"), ("Ana", PDF[0])):
        _add(cur, "case_text", caseid=caseids[case], fid=fids[fname], pos0=0, pos1=len(TEXTS[fname]), owner="ana", date=now(), memo="")
    _add(cur, "journal", name="Diário de campo", jentry="Rui spoke more freely at the end.", owner="ana", date=now())
    cur.execute("update project set memo=?", ("A lookalike project for qlr's oracle test.",))
    app.conn.commit()
    app.update_coder_names()
    put.update(codes=CODES, categories=CATEGORIES, cases=cases, values={f"{c}|{a}": v for (c, a), v in values.items()},
               project=app.project_path)
    ANSWER["dir"] = str(OUT)
    refi.RefiExport(app, app.edit, "project")
    refi.RefiExport(app, app.edit, "codebook")
    app.conn.close()
    (OUT / "put.json").write_text(json.dumps(put, ensure_ascii=False, indent=1), encoding="utf-8")


def import_refi(path: str, kind: str) -> None:
    """``refi.RefiImport`` of a project (``qdpx``, into a new project as QualCoder's menu does) or a codebook (``qdc``)."""
    app = new_project("imported")
    ANSWER["open"] = str(Path(path).resolve())
    refi.RefiImport(app, app.edit, kind)
    app.conn.commit()
    rows = {}
    for table in ("source", "code_cat", "code_name", "code_text", "annotation", "cases", "case_text",
                  "attribute_type", "attribute", "journal", "project"):
        cur = app.conn.execute(f"select * from {table}")  # noqa: S608 (QualCoder's own table names)
        names = [d[0] for d in cur.description]
        rows[table] = [dict(zip(names, row)) for row in cur.fetchall()]
    app.conn.close()
    (OUT / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    sqlite3.enable_callback_tracebacks(True)
    build() if MODE.startswith("build") else import_refi(ARGS[0], "qdc" if MODE == "importqdc" else "qdpx")
