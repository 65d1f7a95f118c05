"""Tenth trial: a MAXQDA user's coded project (stop 45).

A doctoral researcher follows young carers over waves, codes by hand in MAXQDA 2024 and brings her project as a
REFI-QDA export: documents named after the person and kept in one document group per wave ("Jade" in "Wave 1"
and in "Wave 2"), the person in a document variable ("Participant"), upper-case GUIDs, ``internal://GUID.txt``
sources with CRLF line ends. Every project here is written by the test itself.
"""

from __future__ import annotations

import re
import warnings
import zipfile

import pytest

import qlr
from qlr.errors import InvalidParameterError, QdpxError

NS = "urn:QDA-XML:project:1.0"
LENA = "0C1E2B9A-1111-4A4A-8A8A-000000000001"
RUTH = "0C1E2B9A-1111-4A4A-8A8A-000000000002"
CODES = {
    "decided": ("5D0A0000-0000-4000-8000-000000000001", "Decided for me"),
    "views": ("5D0A0000-0000-4000-8000-000000000002", "Asked for views"),
    "peers": ("5D0A0000-0000-4000-8000-000000000003", "Others get it"),
}
VARIABLES = {"Participant": "Text", "Age": "Integer", "Caring for": "Text", "Interview date": "Date"}
#: (person, wave, text, [(quote, code key, user)], age, caring for)
SOURCES = [
    ("Ann", 1, "I: How is the group?\r\nAnn: They plan it all, we turn up.\r\n", [("They plan it all, we turn up.", "decided", LENA)], 15, "Mother"),
    ("Ann", 2, "I: And now?\r\nAnn: They asked what we wanted. The others get it.\r\n", [("They asked what we wanted.", "views", LENA), ("The others get it.", "peers", RUTH)], 16, "Mother"),
    ("Ben", 1, "I: How is the group?\r\nBen: Nobody asked me anything.\r\n", [("Nobody asked me anything.", "decided", LENA)], 19, "Father"),
    ("Ben", 2, "I: And now?\r\nBen: Still nobody asks. The lads get it though.\r\n", [("The lads get it though.", "peers", LENA)], 20, "Father"),
]


def _guid(kind: int, number: int) -> str:
    return f"A0000000-0000-4000-8000-{kind:04d}{number:08d}"


def _maxqda_project(path, *, participant=True, extra_set=True, memos=False):
    """A project as MAXQDA 24 exports it: same-named documents in wave groups, document variables in the sources."""
    variables = "".join(f'<Variable guid="{_guid(9, i)}" name="{name}" typeOfVariable="{kind}"/>' for i, (name, kind) in enumerate(VARIABLES.items()))
    codes = "".join(f'<Code color="#e53935" guid="{guid}" name="{name}" isCodable="true"/>' for guid, name in CODES.values())
    sources, files, notes = [], {}, ""
    for number, (person, wave, text, codings, age, caring) in enumerate(SOURCES):
        guid = _guid(1, number)
        files[f"sources/{guid}.txt"] = text.encode("utf-8")
        selections = ""
        for k, (quote, code, user) in enumerate(codings):
            start = text.index(quote)
            selections += (
                f'<PlainTextSelection guid="{_guid(2, number * 10 + k)}" startPosition="{start}" endPosition="{start + len(quote)}" creatingUser="{user}">'
                f'<Coding guid="{_guid(3, number * 10 + k)}" creatingUser="{user}"><CodeRef targetGUID="{CODES[code][0]}"/></Coding></PlainTextSelection>'
            )
        values = [("Age", "IntegerValue", age), ("Caring for", "TextValue", caring), ("Interview date", "DateValue", f"202{3 + wave}-0{3 + number}-1{number}")]
        if participant:
            values.insert(0, ("Participant", "TextValue", person))
        names = list(VARIABLES)
        selections += "".join(
            f'<VariableValue><VariableRef targetGUID="{_guid(9, names.index(name))}"/><{tag}>{value}</{tag}></VariableValue>' for name, tag, value in values
        )
        sources.append(f'<TextSource guid="{guid}" name="{person}" plainTextPath="internal://{guid}.txt" creatingUser="{LENA}">{selections}</TextSource>')
    sets = "".join(
        f'<Set guid="{_guid(4, wave)}" name="Wave {wave}">'
        + "".join(f'<MemberSource targetGUID="{_guid(1, n)}"/>' for n, source in enumerate(SOURCES) if source[1] == wave)
        + "</Set>"
        for wave in (1, 2)
    )
    if memos:  # a document memo on Ann's first interview and a free memo, as MAXQDA writes them (<Notes>, a NoteRef in the source)
        sources[0] = sources[0].replace("</TextSource>", f'<NoteRef targetGUID="{_guid(5, 1)}"/></TextSource>')
        notes = (
            f'<Notes><Note guid="{_guid(5, 1)}" name="Document memo Ann" creatingUser="{LENA}"><PlainTextContent>Her mum was in the next room.</PlainTextContent></Note>'
            f'<Note guid="{_guid(5, 2)}" name="Reflexive memo" creatingUser="{LENA}" creationDateTime="2024-06-02T18:30:00Z"><PlainTextContent>Am I reading the panel as participation too easily?</PlainTextContent></Note></Notes>'
        )
    if extra_set:  # the supervisor's subset: both of Ann's documents, so it tells neither apart
        sets += f'<Set guid="{_guid(4, 9)}" name="Double-coded">' + "".join(f'<MemberSource targetGUID="{_guid(1, n)}"/>' for n in (0, 1)) + "</Set>"
    files["project.qde"] = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" name="Young carers" origin="MAXQDA 24 (Release 24.4.1)">'
        f'<Users><User guid="{LENA}" name="Lena"/><User guid="{RUTH}" name="Ruth"/></Users>'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook><Variables>{variables}</Variables>"
        f"<Sources>{''.join(sources)}</Sources>{notes}<Sets>{sets}</Sets></Project>"
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files, key=lambda member: member != "project.qde"):  # the project first, as MAXQDA writes it
            archive.writestr(name, files[name])
    return path


def _read(path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(path, **options)
    return study, [str(w.message) for w in caught]


def test_a_document_variable_is_the_case(tmp_path):
    study, said = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    assert sorted(study.cases["case_id"]) == ["Ann", "Ben"]
    assert study.documents.set_index("doc_id")["case_id"].to_dict() == {"Ann_Wave_1": "Ann", "Ann_Wave_2": "Ann", "Ben_Wave_1": "Ben", "Ben_Wave_2": "Ben"}
    assert study.attrition()[["Wave 1", "Wave 2"]].eq("present").all().all()
    # every coding kept, each on its own document
    assert study.codings.groupby("doc_id").size().to_dict() == {"Ann_Wave_1": 1, "Ann_Wave_2": 2, "Ben_Wave_1": 1, "Ben_Wave_2": 1}
    # "Caring for" is the same in each case's documents: a case attribute; "Age" differs by wave: the documents'
    assert study.cases.set_index("case_id")["Caring for"].to_dict() == {"Ann": "Mother", "Ben": "Father"}
    assert "Age" not in study.cases.columns and "Participant" not in study.cases.columns
    # "Age" is each document's, a column of study.documents, and the warning names each case whose documents differ
    assert study.documents.set_index("doc_id")["Age"].astype(str).to_dict() == {"Ann_Wave_1": "15", "Ann_Wave_2": "16", "Ben_Wave_1": "19", "Ben_Wave_2": "20"}
    differ = next(message for message in said if "differ between a case's documents" in message)
    assert "Ann 'Age': 15 (Ann_Wave_1) / 16 (Ann_Wave_2)" in differ and "Ben 'Age': 19 (Ben_Wave_1) / 20 (Ben_Wave_2)" in differ
    note = next(message for message in said if "are those cases' attributes" in message)
    assert "'Caring for'" in note and "as columns of study.documents: 'Age'" in note


def test_a_date_variable_dates_its_document(tmp_path):
    # MAXQDA keeps the interview date as a document variable of type Date: it dates the document, as a header would.
    study, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    assert study.documents.set_index("doc_id")["date"].dt.strftime("%Y-%m-%d").to_dict() == {
        "Ann_Wave_1": "2024-03-10", "Ann_Wave_2": "2025-04-11", "Ben_Wave_1": "2024-05-12", "Ben_Wave_2": "2025-06-13",
    }
    assert "documents dated by their variable 'Interview date' (a date variable of the sources)" in study.meta["inferred"]


def _rewritten(path, change):
    """The project at ``path`` with its project.qde passed through ``change`` (written beside it)."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["project.qde"] = change(files["project.qde"].decode()).encode()
    out = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out


def _person_dates(qde, name, dates):
    """The project's date variable renamed ``name``, its four values replaced, in the sources' order, by ``dates``."""
    qde = qde.replace('name="Interview date"', f'name="{name}"')
    found = iter(dates)
    return re.sub(r"<DateValue>[^<]*</DateValue>", lambda _: f"<DateValue>{next(found)}</DateValue>", qde)


def test_a_date_of_birth_does_not_date_the_interviews(tmp_path):
    # A "Date of birth" is a life event: every interview dated to the birthday would put both waves on one day.
    changed = _rewritten(_maxqda_project(tmp_path / "yc.qdpx"), lambda qde: _person_dates(qde, "Date of birth", ["2008-03-10", "2008-03-10", "2005-07-01", "2005-07-01"]))
    study, _ = _read(changed, wave="set:^Wave", case="variable:Participant")
    assert study.documents["date"].isna().all()
    notes = study.meta["inferred"]
    assert not any(note.startswith("documents dated by") for note in notes)
    assert "the date variable 'Date of birth' of the sources does not date their documents: its name says a life event" in " ".join(notes)
    # still the people's: one value per case, so a case attribute
    assert study.cases.set_index("case_id")["Date of birth"].astype(str).str[:10].to_dict() == {"Ann": "2008-03-10", "Ben": "2005-07-01"}


def test_a_date_the_same_at_every_wave_is_the_persons_not_the_interviews(tmp_path):
    # A neutral name ("Key date"), but Ann's two interviews and Ben's two each carry one date: not the interviews' dates.
    changed = _rewritten(_maxqda_project(tmp_path / "yc.qdpx"), lambda qde: _person_dates(qde, "Key date", ["2019-09-01", "2019-09-01", "2020-01-15", "2020-01-15"]))
    study, _ = _read(changed, wave="set:^Wave", case="variable:Participant")
    assert study.documents["date"].isna().all()
    note = next(note for note in study.meta["inferred"] if "'Key date'" in note)
    assert "gives every document of a case one date (2 case(s) with two or more documents, e.g. 'Ann', 'Ben')" in note
    assert not any(note.startswith("documents dated by") for note in study.meta["inferred"])
    # one value differing by wave is enough for it to be the interviews' date again
    changed = _rewritten(_maxqda_project(tmp_path / "yc.qdpx"), lambda qde: _person_dates(qde, "Key date", ["2019-09-01", "2020-09-01", "2020-01-15", "2020-01-15"]))
    study, _ = _read(changed, wave="set:^Wave", case="variable:Participant")
    assert study.documents.set_index("doc_id")["date"].dt.strftime("%Y-%m-%d").to_dict()["Ann_Wave_2"] == "2020-09-01"
    assert "documents dated by their variable 'Key date' (a date variable of the sources)" in study.meta["inferred"]


def test_beside_a_date_of_birth_the_interview_date_dates_the_documents(tmp_path):
    def with_birth(qde):
        qde = qde.replace("</Variables>", f'<Variable guid="{_guid(9, 7)}" name="Date of birth" typeOfVariable="Date"/></Variables>')
        birth = f'<VariableValue><VariableRef targetGUID="{_guid(9, 7)}"/><DateValue>2008-03-10</DateValue></VariableValue></TextSource>'
        return qde.replace("</TextSource>", birth)

    study, _ = _read(_rewritten(_maxqda_project(tmp_path / "yc.qdpx"), with_birth), wave="set:^Wave", case="variable:Participant")
    assert study.documents.set_index("doc_id")["date"].dt.strftime("%Y-%m-%d").to_dict() == {
        "Ann_Wave_1": "2024-03-10", "Ann_Wave_2": "2025-04-11", "Ben_Wave_1": "2024-05-12", "Ben_Wave_2": "2025-06-13",
    }
    assert "documents dated by their variable 'Interview date' (a date variable of the sources)" in study.meta["inferred"]
    assert any("'Date of birth'" in note and "life event" in note for note in study.meta["inferred"])


def test_a_case_variable_no_source_has_is_one_clear_error(tmp_path):
    path = _maxqda_project(tmp_path / "yc.qdpx", participant=False)
    with pytest.raises(QdpxError) as caught:
        qlr.io.read_qdpx(path, wave="set:^Wave", case="variable:Participant")
    assert "no source has a value of the variable 'Participant'" in caught.value.message
    assert "'Age', 'Caring for'" in caught.value.hint


def test_a_case_rule_qlr_cannot_read_names_the_variable_form(tmp_path):
    with pytest.raises(InvalidParameterError) as caught:
        qlr.io.read_qdpx(_maxqda_project(tmp_path / "yc.qdpx"), case="Participant")
    assert "variable:NAME" in caught.value.hint


def test_same_named_documents_take_their_document_group_not_underscores(tmp_path):
    study, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    assert list(study.documents["doc_id"]) == ["Ann_Wave_1", "Ann_Wave_2", "Ben_Wave_1", "Ben_Wave_2"]
    # each source's placing is reported under its own id, not the last of its name
    sources = study.meta["import"]["sources"]
    assert {name: (info["selections"], info["placed"]) for name, info in sources.items()} == {
        "Ann_Wave_1": (1, 1), "Ann_Wave_2": (2, 2), "Ben_Wave_1": (1, 1), "Ben_Wave_2": (1, 1),
    }


def test_the_command_line_reads_the_case_from_a_variable(tmp_path, capsys):
    from qlr.cli import main

    path = _maxqda_project(tmp_path / "yc.qdpx")
    status = main(["import", str(path), "--wave", "set:^Wave", "--case", "variable:Participant", "-o", str(tmp_path / "yc.qlr")])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "2 cases × 2 waves" in out.out
    assert "Ann_Wave_2: 2 of 2 placed" in out.out


def test_without_cases_the_advice_names_the_sources_variables(tmp_path, capsys):
    from qlr.cli import main

    path = _maxqda_project(tmp_path / "yc.qdpx")
    main(["import", str(path), "--wave", "set:^Wave", "-o", str(tmp_path / "yc.qlr")])
    err = capsys.readouterr().err
    assert "has no cases" in err and "--case 'variable:NAME'" in err and "'Participant'" in err


def _next_wave(tmp_path):
    """The next wave's plain-text transcripts of the same people, named {case}_{wave}_{kind}; Ben is not seen again."""
    folder = tmp_path / "wave3"
    folder.mkdir()
    (folder / "Ann_Wave 3_interview.txt").write_text("Interviewer: And now?\nAnn: We run the group ourselves now, the staff just open up.\n", encoding="utf-8")
    return qlr.load(folder)


def test_a_new_wave_of_the_same_people_joins_their_cases(tmp_path):
    project, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both = qlr.concat([project, _next_wave(tmp_path)], cases="shared", waves="id")
    said = [str(w.message) for w in caught]
    assert sorted(both.cases["case_id"]) == ["Ann", "Ben"]  # one Ann, not 'Ann' twice nor 'a:Ann' and 'b:Ann'
    assert list(both.waves["wave_id"]) == ["Wave 1", "Wave 2", "Wave 3"]
    # attrition runs over all the waves: Ben dropped out, not "not scheduled" at the new study's wave
    assert both.attrition().loc["Ann", ["Wave 1", "Wave 2", "Wave 3"]].tolist() == ["present"] * 3
    assert both.attrition().loc["Ben", "Wave 3"] == "dropped out"
    assert both.cases.set_index("case_id").loc["Ann", "Caring for"] == "Mother"  # the project's attribute kept
    assert len(both.codings) == 5 and both.documents["case_id"].value_counts().to_dict() == {"Ann": 3, "Ben": 2}
    assert not [m for m in said if "no case is seen at another study's wave" in m]  # the next wave follows by design
    assert [m for m in said if "coded 'Young carers' (5 codings) but not 'wave3'" in m]  # her codes never coded the new wave


def test_rules_applied_to_the_joined_study_code_every_wave_of_a_shared_case(tmp_path):
    project, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = qlr.concat([project, _next_wave(tmp_path)], cases="shared", waves="id").apply("coproduction")
        assert qlr.evidence.not_coded_cases(both, both.codebooks["coproduction"]) == frozenset()
        # her own codebook coded Ann's and Ben's earlier waves: the cases are coded with it too
        assert qlr.evidence.not_coded_cases(both, both.codebooks["yc"]) == frozenset()  # the codebook is named after the file
    ann = both.codings[(both.codings["codebook"] == "coproduction") & both.codings["doc_id"].str.startswith("Ann_Wave 3")]
    assert "power.co_leading" in set(ann["code_id"]) or "peer_networks.self_organised" in set(ann["code_id"])


def test_shared_cases_cannot_go_with_keys_and_the_clash_error_names_them(tmp_path):
    project, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    later = _next_wave(tmp_path)
    with pytest.raises(InvalidParameterError, match="cannot go with keys"):
        qlr.concat([project, later], cases="shared", keys=["a", "b"], waves="id")
    with pytest.raises(InvalidParameterError, match="is not a choice"):
        qlr.concat([project, later], cases="same", waves="id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(qlr.errors.PoolingError) as caught:
            qlr.concat([project, later], waves="id")
    assert "case id 'Ann'" in caught.value.message and "cases='shared' (qlr pool --same-cases)" in caught.value.hint


def test_qlr_pool_same_cases_on_the_command_line(tmp_path, capsys):
    from qlr.cli import main

    _maxqda_project(tmp_path / "yc.qdpx")
    assert main(["import", str(tmp_path / "yc.qdpx"), "--wave", "set:^Wave", "--case", "variable:Participant", "-o", str(tmp_path / "yc.qlr")]) == 0
    _next_wave(tmp_path)
    status = main(["pool", str(tmp_path / "yc.qlr"), str(tmp_path / "wave3"), "--same-cases", "--waves", "id", "-o", str(tmp_path / "all.qlr")])
    out = capsys.readouterr()
    assert status == 0, out.err
    assert "2 cases × 3 waves" in out.out
    assert qlr.open(tmp_path / "all.qlr").attrition().loc["Ben", "Wave 3"] == "dropped out"


def test_a_shared_case_is_coded_where_any_of_its_studies_was(tmp_path):
    # Only the new wave coded by the rules before pooling: Ann (in both studies) is coded with them, at the new wave;
    # Ben, seen only in the project the rules never read, is "not coded", not a case with no evidence.
    project, _ = _read(_maxqda_project(tmp_path / "yc.qdpx"), wave="set:^Wave", case="variable:Participant")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        both = qlr.concat([project, _next_wave(tmp_path).apply("coproduction")], cases="shared", waves="id")
        assert both.cases.set_index("case_id").loc["Ann", "study"] == "Young carers"  # the first study's row
        assert qlr.evidence.not_coded_cases(both, both.codebooks["coproduction"]) == frozenset({"Ben"})


def test_document_memos_are_in_the_case_portrait_and_free_memos_in_the_report(tmp_path):
    # MAXQDA's document memos (the interview notes) and free memos came through as memos, but the report showed
    # only memos on cases and coded passages: both were in no page.
    study, _ = _read(_maxqda_project(tmp_path / "yc.qdpx", memos=True), wave="set:^Wave", case="variable:Participant")
    assert study.memos.set_index("title")["target_type"].to_dict() == {"Document memo Ann": "document", "Reflexive memo": "study"}
    portrait = qlr.track.portrait(study, "Ann").markdown
    # A memo's title (the note's name) is said before its text (stop 48, as a framework chart's cell names its sub-theme).
    assert "- Lena (on Ann_Wave_1, Wave 1), Document memo Ann: Her mum was in the next room." in portrait
    assert "next room" not in qlr.track.portrait(study, "Ben").markdown
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.report.write_report(study, tmp_path / "report")
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "Memos on the study" in index and "<b>Reflexive memo</b> <span class='note'>(Lena, 2024-06-02)</span>" in index
    assert "Am I reading the panel as participation too easily?" in index
