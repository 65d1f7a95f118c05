"""Leftovers of stop 51 closed at stop 52: values as written, document variables, their export, Dedoose's code memos, RQDA."""

from __future__ import annotations

import warnings
import zipfile

import pandas as pd
import pytest

import qlr
from qlr.errors import InferenceWarning, QlrWarning

from .conftest import write
from .test_qdpx import _archive

INTERVIEW = "Interviewer: How are things?\nParticipant: Better since the group started.\n"


# ------------------------------------------------------------------ 1. leading zeros
def _two_cases(tmp_path, manifest: str):
    """A study of cases 007 and C2, an interview each, loaded with ``manifest`` as its study.yaml."""
    for name in ("007_W1_interview.txt", "C2_W1_interview.txt"):
        write(tmp_path / name, INTERVIEW)
    write(tmp_path / "study.yaml", manifest)
    return qlr.load(tmp_path, progress=False)


def _zeros_study(tmp_path):
    write(tmp_path / "extra.csv", "ID,zip,code,weight\n007,02134,0012,1.50\nC2,10001,0099,2\n")
    attributes = "{postcode: 02134, phone: 0044123, visit: 10:30, batch: 2020_01, age: 34, score: 58.5}"
    cases = f'  - {{id: "007", attributes: {attributes}}}\n  - {{id: C2, attributes: {{postcode: \'02139\', age: 41}}}}\n'
    return _two_cases(tmp_path, f'name: Zeros\nwaves: [W1]\ncases:\n{cases}documents:\n  - "*.txt"\nattributes:\n  - extra.csv\n')


def test_values_written_with_leading_zeros_come_through_as_written(tmp_path):
    # Before: study.yaml's postcode 02134 read as the octal number 1116, 0044123 as 18515, 10:30 as 630 (base 60),
    # 2020_01 as 202001; the table's 02134 as 2134 and 0012 as 12.
    study = _zeros_study(tmp_path)
    cases = study.cases.set_index("case_id")
    assert cases.loc["007", "postcode"] == "02134" and cases.loc["C2", "postcode"] == "02139"
    assert cases.loc["007", "phone"] == "0044123"
    assert cases.loc["007", "visit"] == "10:30" and cases.loc["007", "batch"] == "2020_01"
    assert cases.loc["007", "zip"] == "02134" and cases.loc["007", "code"] == "0012" and cases.loc["C2", "code"] == "0099"
    # A column with a value written with a leading zero is of codes: its other values are text too, not a mix.
    assert cases.loc["C2", "zip"] == "10001"
    # Numbers written as numbers stay numbers.
    assert cases.loc["007", "age"] == 34 and cases.loc["007", "score"] == 58.5 and cases.loc["C2", "weight"] == 2.0
    assert pd.api.types.is_numeric_dtype(study.cases["age"]) and pd.api.types.is_numeric_dtype(study.cases["weight"])
    # Saved and opened again: the same text.
    study.save(tmp_path / "z.qlr")
    again = qlr.open(tmp_path / "z.qlr").cases.set_index("case_id")
    assert again.loc["007", "postcode"] == "02134" and again.loc["007", "zip"] == "02134" and again.loc["C2", "zip"] == "10001"


def test_a_key_that_takes_a_number_reads_one_written_with_a_leading_zero_or_underscores(tmp_path):
    # Stop 52's review: since attribute values keep "01" and "1_000" as text, a key that takes nothing but a number
    # refused them ("wave W1 order must be a whole number … not '01'"), which loaded before this stop. Those keys
    # read the number; attributes stay text as written (the test above).
    study = _two_cases(tmp_path, 'name: Orders\nwaves: [{id: W1, order: 01}, {id: W2, order: 1_0}]\ndocuments:\n  - "*.txt"\n')
    assert study.waves.set_index("wave_id")["order"].to_dict() == {"W1": 1, "W2": 10}
    ladder = (
        "name: B\nladder:\n  facets: [delivery]\n  levels: [{value: 0, name: None}, {value: 1, name: Some}]\n"
        "  placement: {min_segments: 02, min_evidence: 0.50, prompted_weight: 0.2_5}\n"
    )
    book = qlr.Codebook.from_yaml(
        ladder + "themes: [t]\ncodes: [{id: t.x, name: X, parent: t, indicators: [rota]}]\n"
        "assertion:\n  - {kind: trigger, category: other, direction: forward, phrase: legend has it, window: 1_0}\n"
    )
    assert book.ladder.placement["min_segments"] == 2 and book.ladder.placement["min_evidence"] == 0.5
    assert book.ladder.placement["prompted_weight"] == 0.25
    assert book.assertion[0]["window"] == 10
    with pytest.raises(qlr.errors.ManifestError, match="order must be a whole number"):
        _two_cases(tmp_path, 'name: Orders\nwaves: [{id: W1, order: "10:30"}]\ndocuments:\n  - "*.txt"\n')


def test_an_excel_number_shown_with_leading_zeros_is_read_as_shown(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "zip", "age"])
    sheet.append(["007", 2134, 34])
    sheet.append(["C2", 10001, 41])
    for row in (2, 3):
        sheet.cell(row=row, column=2).number_format = "00000"  # Excel's ZIP code format: 2134 shown "02134"
    book.save(tmp_path / "people.xlsx")
    study = _two_cases(tmp_path, 'name: Zeros\nwaves: [W1]\ncases: [{id: "007"}, {id: C2}]\ndocuments:\n  - "*.txt"\nattributes:\n  - people.xlsx\n')
    # Before: 2134 (the number; Excel showed 02134).
    assert study.cases.set_index("case_id")["zip"].to_dict() == {"007": "02134", "C2": "10001"}
    assert study.cases.set_index("case_id")["age"].to_dict() == {"007": 34, "C2": 41}


def test_a_refi_text_value_with_leading_zeros_stays_text_and_an_integer_value_a_number(tmp_path):
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">'
        "<Variables>"
        '<Variable guid="55555555-0000-0000-0000-000000000001" name="Postcode" typeOfVariable="Text"/>'
        '<Variable guid="55555555-0000-0000-0000-000000000002" name="Age" typeOfVariable="Integer"/>'
        "</Variables>"
        '<Cases><Case guid="66666666-0000-0000-0000-000000000001" name="007">'
        '<VariableValue><VariableRef targetGUID="55555555-0000-0000-0000-000000000001"/><TextValue>02134</TextValue></VariableValue>'
        '<VariableValue><VariableRef targetGUID="55555555-0000-0000-0000-000000000002"/><IntegerValue>034</IntegerValue></VariableValue>'
        '<SourceRef targetGUID="22222222-2222-2222-2222-222222222222"/></Case></Cases>'
        '<Sources><TextSource guid="22222222-2222-2222-2222-222222222222" name="007 W1" plainTextPath="internal://a.txt"/></Sources></Project>'
    )
    path = _archive(tmp_path / "p.qdpx", {"project.qde": project, "sources/a.txt": INTERVIEW})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)  # one wave, W1: said elsewhere
        study = qlr.io.read_qdpx(path)
    row = study.cases.set_index("case_id").loc["007"]
    assert row["Postcode"] == "02134" and row["Age"] == 34  # declared Integer: a number


# ------------------------------------------------------------------ 2. document variables and the case
VARIABLES = (
    "<Variables>"
    '<Variable guid="55555555-0000-0000-0000-000000000001" name="Interviewer" typeOfVariable="Text"/>'
    '<Variable guid="55555555-0000-0000-0000-000000000002" name="Site" typeOfVariable="Text"/>'
    "</Variables>"
)


def _said(caught, kind, pattern: str) -> None:
    """One of the warnings ``caught`` is of ``kind`` and says ``pattern``."""
    import re

    assert any(isinstance(w.message, kind) and re.search(pattern, str(w.message)) for w in caught), [str(w.message) for w in caught]


def _value(number: int, text: str) -> str:
    return f'<VariableValue><VariableRef targetGUID="55555555-0000-0000-0000-00000000000{number}"/><TextValue>{text}</TextValue></VariableValue>'


def _document_variables_project(tmp_path):
    """P01 has two interviews, the interviewer named on the first only; P02 one interview. Site is the same on P01's two."""
    sources = [
        ("a", "P01 W1", _value(1, "Rosa") + _value(2, "North")),
        ("b", "P01 W2", _value(2, "North")),
        ("c", "P02 W1", _value(1, "Tom") + _value(2, "South")),
    ]
    guid = {key: f"22222222-2222-2222-2222-22222222222{i}" for i, (key, _, _) in enumerate(sources)}
    cases = (
        f'<Cases><Case guid="66666666-0000-0000-0000-000000000001" name="P01"><SourceRef targetGUID="{guid["a"]}"/><SourceRef targetGUID="{guid["b"]}"/></Case>'
        f'<Case guid="66666666-0000-0000-0000-000000000002" name="P02"><SourceRef targetGUID="{guid["c"]}"/></Case></Cases>'
    )
    texts = "".join(f'<TextSource guid="{guid[key]}" name="{name}" plainTextPath="internal://{key}.txt">{values}</TextSource>' for key, name, values in sources)
    project = f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="x">{VARIABLES}{cases}<Sources>{texts}</Sources></Project>'
    return _archive(tmp_path / "vars.qdpx", {"project.qde": project, **{f"sources/{key}.txt": INTERVIEW for key, _, _ in sources}})


def test_a_variable_set_on_one_of_a_cases_documents_stays_the_documents_and_is_named(tmp_path):
    # Interviewer is named on one of P01's two interviews. Before: it was no table's (kept only in
    # study.meta['import']['source_values']) and the note did not say which case differed; now it is each document's
    # column, and the warning names the case, the variable and each document's value.
    path = _document_variables_project(tmp_path)
    with pytest.warns(QlrWarning) as caught:
        study = qlr.io.read_qdpx(path, wave="pattern:(?P<wave>W\\d)")
    _said(caught, InferenceWarning, r"1 variable\(s\) of the sources differ between a case's documents.*: P01 'Interviewer': 'Rosa' \(P01_W1\) / no value \(P01_W2\)\.")
    _said(caught, QlrWarning, r"1 variable\(s\) of the sources hold one value for every document of a case.*'Site'; 2 source\(s\) keep values of 1 variable\(s\) of their own as columns of study\.documents: 'Interviewer'")
    cases = study.cases.set_index("case_id")
    assert cases["Site"].to_dict() == {"P01": "North", "P02": "South"}  # every document of each case agrees
    assert "Interviewer" not in cases.columns  # not P01's from one document; one variable in one table, P02's too
    documents = study.documents.set_index("doc_id")
    interviewer = documents["Interviewer"]
    assert interviewer["P01_W1"] == "Rosa" and pd.isna(interviewer["P01_W2"]) and interviewer["P02_W1"] == "Tom"
    assert "Site" not in documents.columns  # the case's, not repeated on its documents


def test_an_attributes_table_of_documents_gives_the_case_a_value_only_where_all_its_documents_agree(tmp_path):
    from .test_leftovers_50 import _qdaminer_list_project

    # QDA Miner's variables exported apart, a row per document: the interviewer named on C01's first interview only.
    table = "Document,Interviewer,Site\nC01_Wave1,Rosa,North\nC01_Wave2,,north\nC02_Wave1,Tom,South\n"
    # Before: C01's one value was lifted to the case (C01 Interviewer "Rosa", as if she had done both interviews).
    with pytest.warns(InferenceWarning, match=r"variables\.csv: 1 variable\(s\) differ between a case's documents, and are each document's \(study\.documents\), not the case's: C01 'Interviewer': 'Rosa' \(C01_Wave1\) / no value \(C01_Wave2\)\."):
        study = _qdaminer_list_project(tmp_path, attributes=table)
    assert "Interviewer" not in study.cases.columns
    interviewer = study.documents.set_index("doc_id")["Interviewer"]
    assert interviewer["C01_Wave1"] == "Rosa" and pd.isna(interviewer["C01_Wave2"]) and interviewer["C02_Wave1"] == "Tom"
    assert study.cases.set_index("case_id")["Site"].to_dict() == {"C01": "North", "C02": "South"}


# ------------------------------------------------------------------ 3. the documents' columns in the export
def test_the_documents_columns_are_written_as_source_variables_and_read_back(tmp_path):
    # Before: an export of a study whose documents have columns of their own (an interviewer per interview) wrote no
    # value of them; read back, the column was gone.
    path = _document_variables_project(tmp_path)
    with pytest.warns(QlrWarning):
        study = qlr.io.read_qdpx(path, wave="pattern:(?P<wave>W\\d)")
    study.documents["Minutes"] = pd.array([47, 52, None], dtype="Int64")
    out = tmp_path / "out.qdpx"
    qlr.io.write_qdpx(study, out)
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    declared = {v.get("name"): (v.get("guid"), v.get("typeOfVariable")) for v in root.iterfind("q:Variables/q:Variable", ns)}
    assert declared["Minutes"][1] == "Integer" and declared["Interviewer"][1] == "Text"
    by_source = {
        source.get("name"): {
            {guid: name for name, (guid, _) in declared.items()}[value.find("q:VariableRef", ns).get("targetGUID")]: value[1].text for value in source.iterfind("q:VariableValue", ns)
        }
        for source in root.iterfind("q:Sources/q:TextSource", ns)
    }
    assert by_source["P01 W1"]["Interviewer"] == "Rosa" and by_source["P01 W1"]["Minutes"] == "47"
    assert by_source["P01 W2"]["Minutes"] == "52" and "Interviewer" not in by_source["P01 W2"]
    back = qlr.io.read_qdpx(out)
    pd.testing.assert_series_equal(back.documents.set_index("doc_id")["Interviewer"], study.documents.set_index("doc_id")["Interviewer"], check_dtype=False)
    assert back.documents.set_index("doc_id")["Minutes"].tolist()[:2] == [47, 52]
    assert "Interviewer" not in back.cases.columns and back.cases.set_index("case_id")["Site"].to_dict() == {"P01": "North", "P02": "South"}
    # Another tool's reading of the export (no qlr details): the same rule puts each value where it was.
    with zipfile.ZipFile(out) as archive:
        members = {name: archive.read(name) for name in archive.namelist() if name != "qlr/details.json"}
    foreign = _archive(tmp_path / "foreign.qdpx", members)
    with pytest.warns(QlrWarning) as caught:
        other = qlr.io.read_qdpx(foreign, wave="variable:Wave")
    _said(caught, InferenceWarning, r"P01 'Interviewer': 'Rosa' \(P01_W1\) / no value \(P01_W2\)")
    assert other.documents.set_index("doc_id").loc["P01_W1", "Interviewer"] == "Rosa"


# ------------------------------------------------------------------ 4. Dedoose's memo on a code
def test_a_dedoose_memo_linked_to_a_code_only_is_that_codes_memo_and_goes_out_on_the_code(tmp_path):
    from lxml import etree

    from .test_leftovers_50 import _dedoose_folder

    _dedoose_folder(tmp_path)
    write(tmp_path / "study.yaml", "documents: ['*_Interview.txt']\ncodings:\n  - dedoose/codes.csv\n  - dedoose/memos.csv\n")
    study = qlr.load(tmp_path, progress=False)
    # Before: "Codebook note" (linked to the code Barriers only) was a memo on the study ("project").
    note = study.memos.set_index("title").loc["Codebook note"]
    assert (note["target_type"], note["target_id"]) == ("code", "barriers") and next(iter(study.codebooks.values()))["barriers"].name == "Barriers"
    assert "1 memo(s) linked to codes only are those codes' memos: 'Codebook note' on barriers" in study.meta["inferred"]
    # The other memos are where their links say, as before.
    assert sorted(study.memos["target_type"]) == ["code", "document", "segment"]
    # Exported, the note hangs on the code, as REFI-QDA keeps a code's notes; read back, it is the code's memo again.
    out = tmp_path / "out.qdpx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        qlr.io.write_qdpx(study, out)
    root = etree.fromstring(zipfile.ZipFile(out).read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    notes = {n.findtext("q:PlainTextContent", namespaces=ns): n.get("guid") for n in root.iterfind("q:Notes/q:Note", ns)}
    holder = next(ref.getparent() for ref in root.iter("{urn:QDA-XML:project:1.0}NoteRef") if ref.get("targetGUID") == notes["Split Barriers into Transport and Cost."])
    assert etree.QName(holder).localname == "Code" and holder.get("name") == "Barriers"
    back = qlr.io.read_qdpx(out).memos.set_index("title").loc["Codebook note"]
    assert (back["target_type"], back["target_id"]) == ("code", "barriers")


def test_a_dedoose_memo_linked_to_a_code_the_study_does_not_hold_stays_the_studys_and_says_so(tmp_path):
    from .test_leftovers_50 import _dedoose_folder

    _dedoose_folder(tmp_path)
    write(tmp_path / "study.yaml", "documents: ['*_Interview.txt']\ncodings:\n  - dedoose/memos.csv\n")
    study = qlr.load(tmp_path, progress=False)
    note = study.memos.set_index("title").loc["Codebook note"]
    assert (note["target_type"], note["target_id"]) == ("study", "project")
    assert note["description"].endswith("linked codes: Barriers; linked in the tool, not in the study: code Barriers")
    assert any(n.startswith("1 code link(s) of the memos name no code of the study") and "Codebook note: code Barriers" in n for n in study.meta["inferred"])


# ------------------------------------------------------------------ 5. RQDA: R's dates in other languages, coding2
def test_r_dates_written_in_another_language_are_read_and_an_unknown_one_is_named_not_guessed(tmp_path):
    import sqlite3

    from .test_trial16_rqda import make_project, read

    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    # R's date() as RQDA wrote it under a German, a French and a Windows German locale, and a Greek one.
    for rowid, written in ((1, "Mi Mär 04 10:12:33 2020"), (2, "mer. mars 04 10:12:33 2020"), (3, "Mi Mrz  4 10:12:33 2020"), (4, "Τετ Μαρ 04 10:12:33 2020")):
        db.execute("update coding set date = ? where rowid = ?", (written, rowid))
    db.commit()
    db.close()
    study, said = read(path)
    created = {(coder, doc, code): when for coder, doc, code, when in zip(study.codings["coder"], study.codings["doc_id"], study.codings["code_id"], study.codings["created"])}
    # Before: each was left out as "not an ISO 8601 date or time"; now the three are 4 March 2020, 10:12:33.
    assert str(created["maria", "Ana_T1", "strain.coping"])[:19] == "2020-03-04 10:12:33"  # rowid 1, German
    assert str(created["tom", "Ana_T1", "strain.coping"])[:19] == "2020-03-04 10:12:33"  # rowid 2, French
    assert str(created["maria", "Ana_T2", "resources.support"])[:19] == "2020-03-04 10:12:33"  # rowid 3, German as Windows writes it
    assert pd.isna(created["tom", "Ana_T2", "resources.support"])  # rowid 4, Greek: no date, never a guessed one
    assert str(created["maria", "Ana_T2", "strain.coping"])[:19] == "2019-03-05 10:15:02"  # English, as before
    assert any("creationDateTime 'Τετ Μαρ 04 10:12:33 2020' is not an ISO 8601 date or time" in message for message in said)


def test_rqdas_second_coding_table_is_read_as_its_coders_second_pass(tmp_path):
    import sqlite3

    from .test_trial16_rqda import WHEN, make_project, read

    path = make_project(tmp_path / "carers.rqda")
    db = sqlite3.connect(path)
    # Maria re-codes Ana's first interview in coding2 (RQDA's "Current coding table" setting): the same passage as her
    # first pass, and a shorter one; a row she unmarked there (-1) is not shown by RQDA and not read.
    text = "I: How was the first year?\nAna: Hard. I was on my own with Mum every night.\n"
    rows = [("Hard. I was on my own with Mum every night.", 1), ("Hard.", 1), ("every night.", -1)]
    for passage, status in rows:
        start = text.index(passage)
        db.execute(
            "insert into coding2 (cid, fid, seltext, selfirst, selend, status, owner, date) values (1, 1, ?, ?, ?, ?, 'maria', ?)", (passage, start, start + len(passage), status, WHEN)
        )
    db.commit()
    db.close()
    study, said = read(path)
    # Before: "2 coding(s) in RQDA's second coding table (coding2 ...) were not imported".
    second = study.codings[study.codings["coder"] == "maria (coding2)"]
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    assert sorted(texts[doc][start:end] for doc, start, end in zip(second["doc_id"], second["start"], second["end"])) == ["Hard.", "Hard. I was on my own with Mum every night."]
    assert set(second["code_id"]) == {"strain.coping"}
    # Maria's first pass is untouched: her codings are as many as without coding2.
    assert (study.codings["coder"] == "maria").sum() == 4
    assert any("2 coding(s) of RQDA's second coding table (coding2" in message and "'maria (coding2)' (2)" in message for message in said)
    assert any("coding2: 1 unmarked (coding removed)" in message for message in said)
