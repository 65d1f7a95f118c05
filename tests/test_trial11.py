"""Eleventh trial: an ATLAS.ti user's coded project (stop 46).

A post-doctoral researcher follows tenants on a housing co-operative's committees over three waves, codes in ATLAS.ti
(Windows 23/24) with a second coder for a subset, and brings the project as a REFI-QDA export. The projects here are
written by the tests, in ATLAS.ti's conventions as the real files in ``../shared/fixtures`` show them:

* ``refi/atlasti-8.4_standard-project.sky-loom.qde``: a user named "ATLAS.ti" beside the people; document groups and
  code groups both as ``<Set>``; attribute groups named ``name: value`` ("gender: male"); a quotation comment as the
  selection's ``<Description>``; a memo tied to a quotation by a ``<Link name="Memo-Quotation Relation">`` from the
  note to the selection; a PDF quotation written twice, as a ``<PDFSelection>`` and, with the same GUID, as a text
  selection of the PDF's ``<Representation>``, each with a ``<Coding>`` of its own; a page region named "Quotation
  12:3"; quotation names that are the quoted text; upper-case GUIDs; a ``<Graph>`` (network view).
* ``real/atlasti/atlasti_win_23.4.0_valid.qdc``: a code group's ``<MemberCode guid=…>`` (not ``targetGUID``), with a
  ``<Description>`` (the group's comment); origin "ATLAS.ti Win 23.4.0".
* ``real/atlasti/atlasti-8.4_codebook-only.sky-loom.qdpx``: the project file named ``Project.qde``, folder ``Sources/``.
* ``refi/SOURCES.md``: ATLAS.ti counts a CRLF line break as one character.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

import qlr
from qlr.io._sections import wave_place

from .conftest import ROOT, shared_fixture
from .test_trial10 import _read  # read_qdpx and what it said

NS = "urn:QDA-XML:project:1.0"
MIRA, TOM, TOOL = "6B1F0000-0000-4000-8000-000000000001", "6B1F0000-0000-4000-8000-000000000002", "6B1F0000-0000-4000-8000-000000000003"
CODES = {
    "give": "REC - giving back",
    "shared": "CP: shared decision",
    "token": "CP: token consultation",
    "agenda": "CP: agenda setting",
    "leaving": "Leaving the committee",
    "jargon": "BARR: jargon",
}
WAVE_GROUPS = {1: "Wave 1", 2: "W2 - 2024", 3: "W3 - 2025"}
#: (tenant, wave, the tenant's words, [(quotation, [(code, coder)])], is a PDF). Every quotation follows a space and
#: ends with a full stop, after one CRLF: under code points it would start one character early.
SOURCES = [
    ("Ada", 1, "Honestly, the co-op housed me. I wanted to give something back.", [("I wanted to give something back.", [("give", MIRA), ("give", TOM)])], False),
    ("Ada", 2, "It changed. We wrote the rent policy together, line by line.", [("We wrote the rent policy together, line by line.", [("shared", MIRA)])], False),
    ("Ada", 3, "This year was mine. I put the reserves on the agenda myself.", [("I put the reserves on the agenda myself.", [("agenda", MIRA)])], True),
    ("Bea", 1, "Mostly we listen. They ask us after it is signed.", [("They ask us after it is signed.", [("token", MIRA), ("token", TOM)])], False),
    ("Bea", 2, "My shifts moved. I am leaving the committee now.", [("I am leaving the committee now.", [("leaving", MIRA)])], False),
    ("Cal", 2, "It went well. We decided the repairs budget together.", [("We decided the repairs budget together.", [("shared", MIRA), ("agenda", TOM)])], False),
    ("Cal", 3, "One thing. The papers are full of acronyms.", [("The papers are full of acronyms.", [("jargon", MIRA)])], False),
]


def _guid(kind: int, number: int) -> str:
    return f"A7100000-0000-4000-8000-{kind:04d}{number:08d}"


def _code_guid(key: str) -> str:
    return _guid(1, list(CODES).index(key))


def _atlas_project(path, *, tenant_groups=True):
    """The trial's project as ATLAS.ti for Windows 23 exports it (see the module's docstring for where each fact is from)."""
    files, sources, selection_of = {}, [], {}
    for number, (tenant, wave, words, quotations, pdf) in enumerate(SOURCES):
        text = f"Interviewer: How was this year?\r\n{tenant}: {words}\r\n"
        counted = text.replace("\r\n", "\n")  # ATLAS.ti: a CRLF is one character
        files[f"Sources/{_guid(3, number)}.txt"] = text.encode("utf-8")
        selections, regions = "", ""
        for k, (quote, codings) in enumerate(quotations):
            start = counted.index(quote)
            guid = _guid(4, number * 10 + k)
            selection_of[(tenant, wave)] = guid
            coded = "".join(
                f'<Coding guid="{_guid(5, number * 100 + k * 10 + c)}" creatingUser="{user}" creationDateTime="2024-0{wave}-10T10:00:00Z"><CodeRef targetGUID="{_code_guid(code)}"/></Coding>'
                for c, (code, user) in enumerate(codings)
            )
            selections += f'<PlainTextSelection guid="{guid}" name="{quote}" startPosition="{start}" endPosition="{start + len(quote)}" creatingUser="{MIRA}">{coded}</PlainTextSelection>'
            if pdf:  # the same quotation on the page, with a Coding of its own, and a coded page region with no text
                twin = "".join(
                    f'<Coding guid="{_guid(6, number * 100 + k * 10 + c)}" creatingUser="{user}"><CodeRef targetGUID="{_code_guid(code)}"/></Coding>' for c, (code, user) in enumerate(codings)
                )
                regions += (
                    f'<PDFSelection guid="{guid}" name="{quote}" page="0" firstX="40" firstY="100" secondX="560" secondY="130" creatingUser="{MIRA}">'
                    f'<Representation guid="{_guid(7, number)}"><PlainTextContent>{quote}</PlainTextContent></Representation>{twin}</PDFSelection>'
                    f'<PDFSelection guid="{_guid(8, number)}" name="Quotation 6:2" page="0" firstX="10" firstY="700" secondX="200" secondY="790" creatingUser="{MIRA}">'
                    f'<Coding guid="{_guid(9, number)}" creatingUser="{MIRA}"><CodeRef targetGUID="{_code_guid("agenda")}"/></Coding></PDFSelection>'
                )
        if pdf:
            sources.append(
                f'<PDFSource guid="{_guid(2, number)}" name="{tenant} {2022 + wave} transcript.pdf" path="internal://{_guid(10, number)}.pdf" creatingUser="{MIRA}">{regions}'
                f'<Representation guid="{_guid(11, number)}" name="Representation_for_{tenant}" plainTextPath="internal://{_guid(3, number)}.txt">{selections}</Representation></PDFSource>'
            )
        else:
            sources.append(
                f'<TextSource guid="{_guid(2, number)}" name="{tenant} {2022 + wave}.docx" plainTextPath="internal://{_guid(3, number)}.txt" '
                f'richTextPath="internal://{_guid(12, number)}.docx" creatingUser="{MIRA}">{selections}</TextSource>'
            )
    codes = "".join(f'<Code guid="{_code_guid(key)}" name="{name}" isCodable="true" color="#46AA00"/>' for key, name in CODES.items())

    def members(keep):
        return "".join(f'<MemberSource targetGUID="{_guid(2, n)}"/>' for n, source in enumerate(SOURCES) if keep(source))

    sets = "".join(f'<Set guid="{_guid(13, wave)}" name="{name}">{members(lambda s, w=wave: s[1] == w)}</Set>' for wave, name in WAVE_GROUPS.items())
    if tenant_groups:
        sets += "".join(f'<Set guid="{_guid(14, i)}" name="Tenant: {t}">{members(lambda s, t=t: s[0] == t)}</Set>' for i, t in enumerate(("Ada", "Bea", "Cal")))
    sets += f'<Set guid="{_guid(15, 0)}" name="committee: finance">{members(lambda s: s[0] != "Bea")}</Set>'
    sets += (
        f'<Set guid="{_guid(16, 0)}" name="Co-production"><Description>How far tenants shape decisions</Description>'
        + "".join(f'<MemberCode guid="{_code_guid(key)}"/>' for key in ("shared", "token", "agenda"))
        + "</Set>"
    )
    notes = (
        f'<Notes><Note guid="{_guid(17, 1)}" name="Token consultation" creatingUser="{MIRA}"><PlainTextContent>Maintenance hears decisions after the fact.</PlainTextContent></Note>'
        f'<Note guid="{_guid(17, 2)}" name="Research diary" creatingUser="{MIRA}"><PlainTextContent>Tom coded three interviews.</PlainTextContent></Note></Notes>'
        f'<Links><Link guid="{_guid(18, 1)}" name="Memo-Quotation Relation" direction="OneWay" originGUID="{_guid(17, 1)}" targetGUID="{selection_of[("Bea", 1)]}"/></Links>'
    )
    graph = (
        f'<Graphs><Graph guid="{_guid(19, 0)}" name="Participation"><Vertex guid="{_guid(19, 1)}" representedGUID="{_code_guid("token")}" firstX="0" firstY="0"/>'
        f'<Vertex guid="{_guid(19, 2)}" representedGUID="{_code_guid("shared")}" firstX="9" firstY="9"/>'
        f'<Edge guid="{_guid(19, 3)}" sourceVertex="{_guid(19, 1)}" targetVertex="{_guid(19, 2)}" direction="OneWay"/></Graph></Graphs>'
    )
    files["Co-op committees.qde"] = (
        f'<?xml version="1.0" encoding="utf-8" standalone="yes"?><Project xmlns="{NS}" name="Co-op committees" origin="ATLAS.ti Win 23.4.0">'
        f'<Users><User guid="{TOOL}" name="ATLAS.ti"/><User guid="{MIRA}" name="Mira Osei"/><User guid="{TOM}" name="Tom Heller"/></Users>'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{''.join(sources)}</Sources>{notes}<Sets>{sets}</Sets>{graph}</Project>"
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


GROUPS = {"wave": "set:^W", "case": "set:^Tenant: (?P<case>.+)"}


def test_the_person_from_a_document_group(tmp_path):
    # ATLAS.ti keeps the person as a document group ("Tenant: Ada"); --case could not read it: "cannot read 'set:…'".
    study, said = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    assert list(study.cases["case_id"]) == ["Ada", "Bea", "Cal"]
    assert study.documents.set_index("doc_id")["case_id"].to_dict() == {
        "Ada_2023.docx": "Ada", "Ada_2024.docx": "Ada", "Ada_2025_transcript.pdf": "Ada",
        "Bea_2023.docx": "Bea", "Bea_2024.docx": "Bea", "Cal_2024.docx": "Cal", "Cal_2025.docx": "Cal",
    }
    assert not any("have no case" in message for message in said)
    # without a group named case, the whole name of the group is the case
    whole, _ = _read(tmp_path / "coop.qdpx", wave="set:^W", case="set:^Tenant")
    assert list(whole.cases["case_id"]) == ["Tenant: Ada", "Tenant: Bea", "Tenant: Cal"]


def test_sources_in_no_person_group_are_named(tmp_path):
    path = _atlas_project(tmp_path / "coop.qdpx")
    study, said = _read(path, wave="set:^W", case="set:^Tenant: (?P<case>Ada|Bea)$")
    assert sorted(study.cases["case_id"]) == ["Ada", "Bea"]
    missed = next(message for message in said if "have no case" in message)
    assert "gave 5 of 7 sources a case; 2 have no case: 'Cal 2024.docx', 'Cal 2025.docx'" in missed


def test_a_document_group_rule_for_cases_is_checked_before_reading(tmp_path):
    path = _atlas_project(tmp_path / "coop.qdpx")
    with pytest.raises(qlr.errors.InvalidParameterError) as caught:
        qlr.io.read_qdpx(path, case="set:(?P<case>")
    assert "not a valid regular expression" in caught.value.message
    with pytest.raises(qlr.errors.InvalidParameterError) as caught:
        qlr.io.read_qdpx(path, case="sets")
    assert "'set:REGEX' (a document group per person" in caught.value.hint


def test_waves_named_with_their_year_run_in_their_numbers_order(tmp_path):
    # "Wave 1", "W2 - 2024", "W3 - 2025" ran in natural order: W2, W3, Wave 1, so every tenant's first interview was
    # the last wave (Ada "complete" still, but Cal "dropped out" and Bea "joined late").
    study, _ = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    assert list(study.waves["wave_id"]) == ["Wave 1", "W2 - 2024", "W3 - 2025"]
    assert "in the order their names say in time" in " ".join(study.meta["inferred"])
    attrition = study.attrition()
    assert attrition.loc["Ada", "pattern"] == "complete"
    assert attrition.loc["Bea", "W3 - 2025"] == "dropped out"
    assert attrition.loc["Cal", "Wave 1"] == "not yet joined"
    assert [wave_place(name) for name in ("W2 - 2024", "Wave 3 (2025)", "Round 2, 2021", "year 2024")] == [(1, "number", 2), (1, "number", 3), (1, "number", 2), None]


def test_every_coding_spans_its_quotation_to_its_last_character(tmp_path):
    # ATLAS.ti counts a CRLF as one. Under code points a quotation after a space, ending in a full stop, is the space and
    # the sentence without its stop, which still starts as the name does: it tied, and the standard's code points won.
    study, _ = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    text = study.documents.set_index("doc_id")["text"]
    selection = study.meta["import"]["guids"]["selection"]
    names = study.meta["import"]["guids"]["selection_name"]
    spans = [text[row.doc_id][row.start : row.end] for row in study.codings.itertuples()]
    assert spans == [names[selection[row.coding_id]] for row in study.codings.itertuples()]
    assert len(spans) == 10
    assert {info["convention"] for info in study.meta["import"]["sources"].values()} == {"code points, CRLF as one"}


def test_a_pdf_quotation_is_read_once_and_only_the_page_region_is_said_lost(tmp_path):
    study, said = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    # 10 codings of text: Mira's 7 and Tom's 3; the PDF's quotation once (its text's), not again from the page
    assert study.codings.groupby("coder").size().to_dict() == {"Mira Osei": 7, "Tom Heller": 3}
    assert study.codings.groupby("doc_id").size()["Ada_2025_transcript.pdf"] == 1
    regions = next(message for message in said if "regions of pages" in message)
    assert "1 coding(s) on regions of pages" in regions and "'Ada 2025 transcript.pdf' (1)" in regions
    assert "so were 1 coding(s) of page regions that are also the text's selections of the same GUID" in regions


def test_a_memo_linked_to_a_quotation_is_on_its_coding(tmp_path):
    study, said = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    memos = study.memos.set_index("title")
    coding = study.codings.set_index("coding_id").loc[memos.loc["Token consultation", "target_id"]]
    assert memos.loc["Token consultation", "target_type"] == "coding"
    assert (coding["doc_id"], coding["code_id"], coding["coder"]) == ("Bea_2023.docx", "cp_token_consultation", "Mira Osei")
    assert memos.loc["Research diary", "target_type"] == "study"
    notes = next(message for message in said if "Graph element" in message)
    assert "Link element" not in notes  # the one link was read: the memo is on its quotation
    assert "1 Graph element(s) (network views) not imported" in notes


def test_two_coders_agree_on_the_units_both_coded(tmp_path):
    study, _ = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    table = qlr.code.agreement(study, coders=["Mira Osei", "Tom Heller"], unit="segment")  # imported: characters by default
    # Ada W1 (giving back, both), Bea W1 (token, both), Cal W2 (Mira shared decision, Tom agenda setting)
    assert table["n_units"].to_dict() == {**{code: 3 for code in table.index if code != "overall"}, "overall": 3 * 6}
    per_code = table["percent_agreement"].to_dict()
    assert per_code["rec_giving_back"] == per_code["cp_token_consultation"] == 1.0
    assert per_code["cp_shared_decision"] == per_code["cp_agenda_setting"] == pytest.approx(2 / 3)


def test_code_groups_and_document_groups_come_through(tmp_path):
    study, _ = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    sets = {entry["name"]: entry for entry in study.meta["import"]["sets"]}
    assert sets["Co-production"]["codes"] == ["cp_shared_decision", "cp_token_consultation", "cp_agenda_setting"]
    assert sets["Co-production"]["description"] == "How far tenants shape decisions"
    assert len(sets["committee: finance"]["sources"]) == 5
    assert study.meta["import"]["users"] == ["ATLAS.ti", "Mira Osei", "Tom Heller"]


def _qlr(*args):
    return subprocess.run([sys.executable, "-m", "qlr", *args], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_import_without_options_names_the_groups_to_use(tmp_path):
    # Before: "its sources are named {case}_{wave} (as Ada_2023.docx): import again with --case 'pattern:^(?P<case>[^_]+)_' …",
    # advice read off qlr's document ids that matches none of the sources' names ("Ada 2023.docx"): 0 cases again.
    path = _atlas_project(tmp_path / "coop.qdpx")
    done = _qlr("import", str(path), "-o", str(tmp_path / "a.qlr"))
    assert "its document groups name the people ('Tenant: Ada', 'Tenant: Bea', 'Tenant: Cal'): import again with --case 'set:^Tenant: *(?P<case>.+)'" in done.stderr
    assert "the document groups 'Wave 1', 'W2 - 2024', 'W3 - 2025' are named as waves: import again with --wave 'set:^(?:Wave 1|W2 - 2024|W3 - 2025)$'" in done.stderr
    assert "pattern:^(?P<case>[^_]+)_" not in done.stderr
    # the advice, followed, gives the cases and waves
    again = _qlr("import", str(path), "--case", "set:^Tenant: *(?P<case>.+)", "--wave", "set:^(?:Wave 1|W2 - 2024|W3 - 2025)$", "-o", str(tmp_path / "b.qlr"))
    assert "3 cases × 3 waves, 7 documents" in again.stdout, again.stderr
    # without person groups, a source name's own pattern is not offered where it does not match the names
    bare = _atlas_project(tmp_path / "bare.qdpx", tenant_groups=False)
    done = _qlr("import", str(bare), "-o", str(tmp_path / "c.qlr"))
    assert "--case 'pattern:(?P<case>.+)' to make each source its own case" in done.stderr and "or --case 'set:REGEX' matching the document groups (Sets) that are people, if it keeps one per person (its 4: 'Wave 1', 'W2 - 2024', 'W3 - 2025', 'committee: finance')" in done.stderr


def _real_with_pdf_text(tmp_path):
    """ATLAS.ti 8.4's standard project (read in place) in an archive with a made-up text for the PDF's representation, so its
    two quotations written twice (as <PDFSelection> and as the representation's selections of the same GUID) are read."""
    qde = shared_fixture("fixtures/refi/atlasti-8.4_standard-project.sky-loom.qde").read_bytes()
    text = "x" * 62 + "granola" + "y" * 228 + "favoritos. Dificultad: Media Tiempo: 2 horas 30 minutos Porciones: 8 Ingredientes" + "z" * 200
    path = tmp_path / "standard.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Project.qde", qde)
        archive.writestr("Sources/142EB46D-612E-4593-A385-D0E5D04D1288.txt", text)
    return path


def test_real_atlas_project_counts_a_pdf_quotation_once(tmp_path):
    # Of the PDF's 6 <Coding>s, 2 are the representation's text selections and 2 more the same quotations on the page:
    # 2 of the page's 4 are lost, not 4.
    study, said = _read(_real_with_pdf_text(tmp_path))
    regions = study.meta["import"]["regions"]
    assert [count for name, count in regions.items() if name.startswith("Pay de Lim")] == [2]
    assert study.codings["doc_id"].str.startswith("Pay_de_Lim").sum() == 2
    # a source not read loses each quotation once: 16 <Coding>s in the skipped sources are 14 codings
    _, said = _read(shared_fixture("fixtures/refi/atlasti-8.4_standard-project.sky-loom.qde"))
    lost = next(message for message in said if "that were not imported are lost" in message)
    assert lost.split(": ", 1)[1].startswith("14 coding(s) in 6 source(s)")
    assert "Granola | Kellogg's ®.pdf\" (4)" in lost


def test_a_transcript_sent_as_pdf_is_read_as_an_interview(tmp_path):
    # The PDF's text was a "document", read by paragraphs: Ada's third-wave words had no speaker and no role.
    path = _atlas_project(tmp_path / "coop.qdpx")
    study, _ = _read(path, **GROUPS)
    assert study.documents.set_index("doc_id").loc["Ada_2025_transcript.pdf", "kind"] == "interview"
    pdf = study.segments[study.segments["doc_id"] == "Ada_2025_transcript.pdf"]
    assert list(zip(pdf["speaker"], pdf["speaker_role"])) == [("Interviewer", "interviewer"), ("Ada", "participant")]
    assert "1 PDF text(s) read as interviews, as their lines open with speakers' labels (Ada_2025_transcript.pdf)" in " ".join(study.meta["inferred"])
    # the kind the user gives wins
    given, _ = _read(path, kind={"Ada 2025 transcript.pdf": "document"}, **GROUPS)
    assert given.documents.set_index("doc_id").loc["Ada_2025_transcript.pdf", "kind"] == "document"
    assert given.segments[given.segments["doc_id"] == "Ada_2025_transcript.pdf"]["speaker_role"].isna().all()


def test_a_group_named_wave_1_written_back_is_not_the_wave_1(tmp_path):
    # qlr names its wave Sets "Wave <id>": the ATLAS.ti group "Wave 1", written back beside qlr's "Wave Wave 1", was read
    # by --wave set as a fourth wave, "1".
    study, _ = _read(_atlas_project(tmp_path / "coop.qdpx"), **GROUPS)
    qlr.io.write_qdpx(study, tmp_path / "back.qdpx")
    back, said = _read(tmp_path / "back.qdpx", wave="set")
    assert list(back.waves["wave_id"]) == ["Wave 1", "W2 - 2024", "W3 - 2025"]
    assert back.documents.set_index("doc_id")["wave_id"].to_dict() == study.documents.set_index("doc_id")["wave_id"].to_dict()
    assert "3 Set(s) are the waves qlr exported ('Wave Wave 1' → Wave 1, 'Wave W2 - 2024' → W2 - 2024, 'Wave W3 - 2025' → W3 - 2025)" in " ".join(said)
