"""QualCoder's own files: its ``.qdpx`` and ``.qdc`` exports and its database as its coding window fills it.

The always-run tests read lookalikes written here in the shape QualCoder's code writes (seen by
driving QualCoder 4.0 beta's own project creation, coding SQL and ``refi.py``): positions are Qt's
(UTF-16 units, so a passage after an emoji starts one further on), a passage over a line end is
quoted with U+2029, a case's text files are left out of its ``<Case>``, an annotation is a
``<Note>`` holding its own ``<PlainTextSelection>``, a coding has no time of its own (its selection
has), and a category inside a category is a non-codable ``<Code>`` below the top.  The words,
names and codes are invented.

The oracle test runs QualCoder's code itself (``tests/qualcoder_oracle.py``) when ``QLR_QUALCODER``
names the python of a test-only environment with PyQt6 and QualCoder's source (``make oracles``).
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import warnings
import zipfile
from pathlib import Path

import pytest

import qlr

from .test_qualcoder import SCHEMA

TEXT = "Ines: Vine a Madrid sola.\nNo conocía a nadie 😶 al principio.\nInes: Ahora tengo vecinos amables.\n"
ACROSS = "sola.\nNo conocía a nadie"  # a passage over a line end
NOTE_TEXT = "Volver a preguntar por los vecinos"
G = "0f0e0d0c-0000-4000-8000-0000000000{:02d}"  # numbered GUIDs


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _selection(number: int, words: str, user: int, code: int, memo: str = "") -> str:
    """A PlainTextSelection as QualCoder's refi.py writes it: Qt positions, U+2029 for a line end, time on the selection only."""
    start = _utf16(TEXT[: TEXT.index(words)])
    described = f"<Description>{memo}</Description>" if memo else ""
    return (
        f'<PlainTextSelection guid="{G.format(number + 60)}" startPosition="{start}" endPosition="{start + _utf16(words)}" '
        f'name="{words.replace(chr(10), chr(0x2029))}" creatingUser="{G.format(user)}" creationDateTime="2024-05-0{number % 9 + 1}T10:00:00Z">'
        f'{described}<Coding guid="{G.format(number + 70)}" creatingUser="{G.format(user)}"><CodeRef targetGUID="{G.format(code)}"/></Coding>'
        "</PlainTextSelection>"
    )


def _qualcoder_qdpx(path: Path, *, case_sources: bool = False, crlf: bool = False, coded_note: bool = False) -> Path:
    """A project in the shape of QualCoder's REFI-QDA export (refi.RefiExport); ``crlf``: its MAXQDA line ends, positions unchanged."""
    start = _utf16(TEXT[: TEXT.index("vecinos amables")])
    source_ref = f'<SourceRef targetGUID="{G.format(30)}"/>' if case_sources else ""
    # NVivo's shape instead: the note's passage is of the note's own text, and coded
    note_coding = f'<Coding guid="{G.format(45)}" creatingUser="{G.format(2)}"><CodeRef targetGUID="{G.format(10)}"/></Coding>' if coded_note else ""
    project = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="barrio.qda" origin="QualCoder 4.0 Beta" creatingUserGUID="{G.format(1)}">
<Users><User guid="{G.format(1)}" name="lucia"/><User guid="{G.format(2)}" name="marc"/><User guid="{G.format(3)}" name="\N{PUSHPIN} Speaker coding"/></Users>
<CodeBook><Codes>
<Code guid="{G.format(10)}" name="soledad" isCodable="true" color="#AABBCC"/>
<Code guid="{G.format(11)}" name="Cambios" isCodable="false"><Description>Lo que cambia entre olas</Description>
<Code guid="{G.format(12)}" name="mudanza" isCodable="true" color="#AABBCC"/>
<Code guid="{G.format(13)}" name="Red" isCodable="false">
<Code guid="{G.format(14)}" name="vecinos" isCodable="true" color="#AABBCC"><Code guid="{G.format(15)}" name="amabilidad" isCodable="true" color="#AABBCC"/></Code>
</Code></Code>
</Codes></CodeBook>
<Variables><Variable guid="{G.format(20)}" name="edad" typeOfVariable="Float"><Description/></Variable></Variables>
<Cases>
<Case guid="{G.format(21)}" name="Ines"><Description>Llegó en 2019</Description>
<VariableValue><VariableRef targetGUID="{G.format(20)}"/><FloatValue>31</FloatValue></VariableValue>{source_ref}</Case>
<Case guid="{G.format(22)}" name="Tom"><Description/></Case>
</Cases>
<Sources>
<TextSource plainTextPath="internal://{G.format(31)}.txt" creatingUser="{G.format(1)}" creationDateTime="2024-05-01T09:00:00Z" guid="{G.format(30)}" name="Ines_W1.txt">
<Description>primera ola</Description>
{_selection(1, "Vine a Madrid sola.", 1, 12, "primera mención")}
{_selection(2, "Madrid sola.", 2, 12)}
{_selection(3, ACROSS, 1, 10)}
{_selection(4, "tengo vecinos amables", 2, 15)}
{_selection(5, "Ahora tengo", 3, 10)}
<NoteRef targetGUID="{G.format(41)}"/>
</TextSource>
</Sources>
<Notes>
<Note guid="{G.format(40)}" creatingUser="{G.format(1)}" creationDateTime="2024-05-02T09:00:00Z" name="Diario" plainTextPath="internal://{G.format(40)}.txt"><Description/></Note>
<Note guid="{G.format(41)}" creatingUser="{G.format(2)}" creationDateTime="2024-05-03T09:00:00Z">
<PlainTextContent>{NOTE_TEXT}</PlainTextContent>
<PlainTextSelection guid="{G.format(42)}" startPosition="{start}" endPosition="{start + 15}">{note_coding}</PlainTextSelection>
</Note>
<Note guid="{G.format(43)}" creatingUser="{G.format(1)}" creationDateTime="2024-05-03T09:00:00Z">
<PlainTextContent>Una nota sobre el PDF</PlainTextContent><PlainTextSelection guid="{G.format(44)}" startPosition="2" endPosition="9"/>
</Note>
</Notes>
<Description>Un proyecto de prueba.</Description>
</Project>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr(f"sources/{G.format(31)}.txt", "\ufeff" + (TEXT.replace("\n", "\r\n") if crlf else TEXT))  # with a BOM
        archive.writestr(f"sources/{G.format(40)}.txt", "\ufeffEl barrio cambió mucho.")
    path.write_bytes(buffer.getvalue())
    return path


def _read(read, path: Path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = read(path)
    return result, [str(w.message) for w in caught]


def _quoted(study) -> dict[tuple[str, str], str]:
    text = study.documents.set_index("doc_id")["text"]
    return {(row.coder, row.code_id): text[row.doc_id][row.start : row.end] for row in study.codings.itertuples()}


@pytest.mark.parametrize("crlf", [False, True])
def test_qualcoders_export_comes_in_whole_or_said(tmp_path, crlf):
    study, said = _read(qlr.io.read_qdpx, _qualcoder_qdpx(tmp_path / "barrio.qdpx", crlf=crlf))
    # Qt's positions after the emoji and the U+2029 in a quote place every coding on its words.
    assert _quoted(study) == {
        ("lucia", "cambios.mudanza"): "Vine a Madrid sola.",
        ("marc", "cambios.mudanza"): "Madrid sola.",
        ("lucia", "soledad"): "sola.\nNo conocía a nadie",
        ("marc", "cambios.red.vecinos.amabilidad"): "tengo vecinos amables",
    }
    # The speaker tool's turn marks (its own coder) are no coder's codings: left out, and said.
    assert any("1 speaker marker(s)" in m for m in said)
    # A coding's time is its selection's, as QualCoder writes it there only.
    assert study.codings.set_index("coder")["created"].notna().all()
    assert str(study.codings.iloc[0]["created"]).startswith("2024-05-02")
    # The annotation is on the segment of its words, not on the whole document.
    memo = study.memos.set_index("text").loc[NOTE_TEXT]
    assert memo["target_type"] == "segment"
    assert "vecinos amables" in study.segment_texts()[memo["target_id"]]
    assert {"primera mención", "Llegó en 2019", "El barrio cambió mucho.", "Un proyecto de prueba.", "primera ola"} <= set(study.memos["text"])
    # A PDF's annotation: QualCoder's export gives no source a reference to it; kept on the study, and said.
    assert study.memos.set_index("text").loc["Una nota sobre el PDF", "target_type"] == "study"
    assert any("1 note(s) hold a passage" in m and "'Una nota sobre el PDF'" in m and "PDF" in m for m in said)
    # Cases without their text files: the documents are at no case, and that is said.
    assert study.documents["case_id"].isna().all() and set(study.cases["case_id"]) == {"Ines", "Tom"}
    cases_said = [m for m in said if "list no source" in m]
    assert len(cases_said) == 1 and "'Ines', 'Tom'" in cases_said[0] and "QualCoder" in cases_said[0] and ".qda" in cases_said[0]
    # The category inside a category is a code, and said.
    assert next(iter(study.codebooks.values()))["cambios.red"].kind == "code"
    assert any("not codable" in m and "'Red'" in m for m in said)


def test_a_case_that_lists_its_source_is_not_warned_of(tmp_path):
    study, said = _read(qlr.io.read_qdpx, _qualcoder_qdpx(tmp_path / "barrio.qdpx", case_sources=True))
    assert study.documents.set_index("doc_id")["case_id"]["Ines_W1.txt"] == "Ines"
    assert not any("list no source" in m for m in said)  # Tom lists none, but no document is left at no case


def test_a_case_rule_gives_qualcoders_cases_their_documents_and_keeps_their_attributes(tmp_path):
    path = _qualcoder_qdpx(tmp_path / "barrio.qdpx")
    study, said = _read(lambda p: qlr.io.read_qdpx(p, case="pattern:^(?P<case>[^_]+)_"), path)
    assert study.documents.set_index("doc_id")["case_id"]["Ines_W1.txt"] == "Ines"
    assert study.cases.set_index("case_id")["edad"]["Ines"] == 31
    assert not any("list no source" in m for m in said)


def test_a_coded_passage_in_a_note_is_the_notes_own_text(tmp_path):
    # NVivo codes memos: a coded <PlainTextSelection> in a note is no passage of the source that refers to the note.
    study, said = _read(qlr.io.read_qdpx, _qualcoder_qdpx(tmp_path / "barrio.qdpx", coded_note=True))
    assert study.memos.set_index("text").loc[NOTE_TEXT, "target_type"] == "document"
    assert any("1 coding(s) in 1 note(s) are not imported" in m for m in said)
    assert len(study.codings) == 4


def test_qualcoders_codebook_export(tmp_path):
    path = tmp_path / "Codebook-barrio.qdc"
    # refi.RefiExport(…, "codebook"): one line per element, a BOM, no XML namespace prefix on the codes.
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">\n<Codes>\n'
        f'<Code guid="{G.format(10)}" name="soledad" isCodable="true" color="#AABBCC" />\n'
        f'<Code guid="{G.format(11)}" name="Cambios" isCodable="false">\n<Description>Lo que cambia</Description>\n'
        f'<Code guid="{G.format(13)}" name="Red" isCodable="false">\n<Code guid="{G.format(14)}" name="vecinos" isCodable="true" color="#AABBCC" />\n</Code>\n'
        "</Code>\n</Codes>\n</CodeBook>\n",
        encoding="utf-8-sig",
    )
    codebook, said = _read(qlr.read_codebook, path)
    assert [(c.id, c.kind, c.parent) for c in codebook] == [("cambios", "theme", None), ("soledad", "code", None), ("cambios.red", "code", "cambios"), ("cambios.red.vecinos", "code", "cambios.red")]
    assert codebook["cambios"].definition == "Lo que cambia" and codebook["soledad"].colour == "#AABBCC"
    assert len(said) == 1 and "'Red' (in 'cambios')" in said[0]


def test_a_database_as_qualcoders_coding_window_fills_it(tmp_path):
    """code_text.mark stores the editor's selection: Qt positions and U+2029 for a line end."""
    folder = tmp_path / "barrio.qda"
    folder.mkdir()
    db = sqlite3.connect(folder / "data.qda")
    db.executescript(SCHEMA)
    db.execute("INSERT INTO project VALUES ('v17', '2024-05-01 09:00:00', '', 'QualCoder 4.0 Beta', 0, 0, 'lucia')")
    db.execute("INSERT INTO source (id, name, fulltext, mediapath, memo, owner, date) VALUES (1, 'Ines_W1.txt', ?, '/docs/Ines_W1.txt', '', 'lucia', '2024-05-01 09:00:00')", (TEXT,))
    db.execute("INSERT INTO code_name (cid, name, memo, catid, owner, date, color) VALUES (1, 'vecinos', '', NULL, 'lucia', '2024-05-01 09:00:00', '#AABBCC')")
    words = {"lucia": "sola.\nNo conocía a nadie", "marc": "tengo vecinos amables"}
    for coder, passage in words.items():
        start = _utf16(TEXT[: TEXT.index(passage)])
        db.execute(
            "INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner, date, memo) VALUES (1, 1, ?, ?, ?, ?, '2024-05-01 10:00:00', '')",
            (passage.replace("\n", "\u2029"), start, start + _utf16(passage), coder),
        )
    db.commit()
    db.close()
    study, said = _read(qlr.io.read_qualcoder, folder)
    assert {coder: words for (coder, _), words in _quoted(study).items()} == words
    assert not any("not placed" in m or "could not be placed" in m for m in said)


# ------------------------------------------------------------------ QualCoder's own code (make oracles)
QUALCODER = os.environ.get("QLR_QUALCODER")  # the python of a test-only venv with PyQt6 and QualCoder's source on its path
DRIVER = Path(__file__).with_name("qualcoder_oracle.py")


def _drive(*args: str) -> None:
    subprocess.run([QUALCODER, str(DRIVER), *args], check=True, capture_output=True, timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.skipif(not QUALCODER, reason="set QLR_QUALCODER to the python of a test-only venv with PyQt6 and QualCoder's source (make oracles)")
# Its export's two line-end choices (\n; MAXQDA's \r\n), and a sub-code that keeps its category (QualCoder then writes
# it twice, under each, with one GUID: the project had been refused, "the guid … is used twice").
@pytest.mark.parametrize("build", ["build", "build-crlf", "build-both"])
def test_what_qualcoder_writes_comes_in_whole_or_said(tmp_path, build):
    _drive(build, str(tmp_path))
    put = json.loads((tmp_path / "put.json").read_text(encoding="utf-8"))
    wanted = {(c["coder"], c["file"], c["words"]) for c in put["codings"]}
    for path, read in ((tmp_path / "oracle.qda", qlr.io.read_qualcoder), (tmp_path / "oracle.qdpx", qlr.io.read_qdpx)):
        study, said = _read(read, path)
        texts = study.documents.set_index("doc_id")["text"]
        assert dict(texts) == {Path(name).stem if name not in texts else name: text for name, text in put["sources"].items()}
        got = {(row.coder, row.doc_id, texts[row.doc_id][row.start : row.end]) for row in study.codings.itertuples()}
        assert got == wanted, path.name
        names = {code.name for code in study.codebooks["oracle"]}
        assert names == {c[0] for c in put["codes"]} | {c[0] for c in put["categories"]} | set(put["speaker_names"])
        # A sub-code with a category too is under its parent code, from the database and from the export alike.
        parents = {code.name: code.parent for code in study.codebooks["oracle"]}
        assert parents["clube"] == "transicoes.apoio.amizade"
        assert any("'clube' (under 'amizade'; its copy under 'Apoio' left out)" in m for m in said) == (build == "build-both" and path.suffix == ".qdpx")
        # the speaker tool's markers are no coder's codings: left out, and said
        assert any(f"{put['speaker_marks']} speaker marker(s)" in m for m in said) and "\N{PUSHPIN} Speaker coding" not in set(study.codings["coder"])
        assert study.codings["created"].notna().all()
        memos = set(study.memos["text"])
        assert {c["memo"] for c in put["codings"] if c["memo"]} <= memos
        assert {"Ask about the café next wave", "Rui spoke more freely at the end.", "A lookalike project for qlr's oracle test.", "Moved at 19"} <= memos
        assert study.memos.set_index("text").loc["Ask about the café next wave", "target_type"] == "segment"
        # QualCoder's export leaves the PDF's annotation unreferenced: on the study there, and said
        assert study.memos.set_index("text").loc["Which bus line?", "target_type"] == ("segment" if path.suffix == ".qda" else "study")
        assert any("no source refers to them" in m for m in said) == (path.suffix == ".qdpx")
        cases = study.cases.set_index("case_id")
        assert set(cases.index) == set(put["cases"])
        assert {f"{case}|{attr}": str(cases.loc[case, attr]).removesuffix(".0") for case in cases.index for attr in ("idade", "região")} == put["values"]
        assert any("'Apoio'" in m and "not codable" in m for m in said)
        if path.suffix == ".qda":
            assert dict(study.documents.set_index("doc_id")["case_id"]) == {"Rui_W1.txt": "Rui", "Zoë_W2.txt": "Zoë", "Ana_W1.pdf": "Ana"}
        else:  # QualCoder's export leaves the text files out of their cases: said
            assert study.documents["case_id"].isna().all() and any("list no source" in m for m in said)
    codebook, said = _read(qlr.read_codebook, tmp_path / "Codebook-oracle.qdc")
    assert {c.name for c in codebook} == names and any("'Apoio'" in m for m in said)
    assert {c.name: c.parent for c in codebook}["clube"] == "transicoes.apoio.amizade"


@pytest.mark.skipif(not QUALCODER, reason="set QLR_QUALCODER to the python of a test-only venv with PyQt6 and QualCoder's source (make oracles)")
def test_qualcoder_imports_what_qlr_writes(tmp_path):
    """qlr's .qdpx through QualCoder's REFI import: texts, codes, every coding's words and coder, cases and their values."""
    _drive("build", str(tmp_path / "made"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.io.read_qualcoder(tmp_path / "made" / "oracle.qda")
    qlr.io.write_qdpx(study, tmp_path / "qlr.qdpx", positions="utf16")  # QualCoder counts as Qt does
    _drive("import", str(tmp_path / "qlr.qdpx"), str(tmp_path / "back"))
    rows = json.loads((tmp_path / "back" / "rows.json").read_text(encoding="utf-8"))
    texts = {row["id"]: row["fulltext"] for row in rows["source"]}
    assert sorted(texts.values()) == sorted(study.documents["text"])
    codes = {row["cid"]: row["name"] for row in rows["code_name"]}
    assert set(codes.values()) | {row["name"] for row in rows["code_cat"]} == {c.name for c in study.codebooks["oracle"]}

    def at(text: str, pos0: int, pos1: int) -> str:  # Qt's units back to the words
        raw = text.encode("utf-16-le")
        return raw[2 * pos0 : 2 * pos1].decode("utf-16-le")

    back = {(row["owner"], codes[row["cid"]], at(texts[row["fid"]], row["pos0"], row["pos1"])) for row in rows["code_text"]}
    names = {c.id: c.name for c in study.codebooks["oracle"]}
    text = study.documents.set_index("doc_id")["text"]
    assert back == {(row.coder, names[row.code_id], text[row.doc_id][row.start : row.end]) for row in study.codings.itertuples()}
    assert {row["name"] for row in rows["cases"]} == set(study.cases["case_id"])
    values = {(row["id"], row["name"]): row["value"] for row in rows["attribute"] if row["attr_type"] == "case"}
    assert sorted(v for (_, name), v in values.items() if name == "região") == sorted(study.cases["região"])


@pytest.mark.skipif(not QUALCODER, reason="set QLR_QUALCODER to the python of a test-only venv with PyQt6 and QualCoder's source (make oracles)")
def test_qualcoder_imports_qlrs_codebook(tmp_path):
    """A bundled codebook through qlr's .qdc and QualCoder's codebook import: themes are categories, every code under its theme, definitions as memos."""
    codebook = qlr.read_codebook("coproduction")
    qlr.io.write_qdc(codebook, tmp_path / "coproduction.qdc")
    _drive("importqdc", str(tmp_path / "coproduction.qdc"), str(tmp_path / "back"))
    rows = json.loads((tmp_path / "back" / "rows.json").read_text(encoding="utf-8"))
    categories = {row["catid"]: row["name"] for row in rows["code_cat"]}
    assert sorted(categories.values()) == sorted(theme.name for theme in codebook.themes)
    codes = {row["name"]: row for row in rows["code_name"]}
    code_names = {row["cid"]: row["name"] for row in rows["code_name"]}
    assert set(codes) == {code.name for code in codebook.codes}
    for code in codebook.codes:
        row = codes[code.name]
        parent = codebook[code.parent]
        assert (categories.get(row["catid"]) if parent.kind == "theme" else code_names.get(row["supercid"])) == parent.name
        assert (row["memo"] or "").startswith((code.definition or "")[:40])
