"""Survey exports as studies: the manifest's ``responses:`` entries (qlr/io/_responses.py).

Every export here is written for the test, in the layout of a real one:
- Qualtrics: ropensci/qualtRics tests/testthat/files/sample.csv (three header rows: ids,
  wordings, {"ImportId": …}; QID2_TEXT the typed answer; IPAddress and Recipient* columns).
- SurveyMonkey: the two header rows quoted in GGWash's dc-election survey parser
  (Respondent ID, Collector ID, … Custom Data 1; row 2 "Response" / "Open-Ended Response").
- Google Forms: GeckoRobotics/gecko-sustainability components/Form.tsx
  (Timestamp "2022/06/22 11:07:29 AM AST", question wordings as columns, empty answers).
- REDCap: OuhscBbmc/REDCapR inst/test-data/projects/longitudinal/data.csv (study_id,
  redcap_event_name, names, e-mails and phones, free-text comments per event, empty events).
- LimeSurvey: its response export with code headings (id, submitdate, lastpage,
  startlanguage, seed, …), here with the semicolons its export may be set to.
- Microsoft Forms: its Excel download (ID, Start time, Completion time, Email, Name, questions).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import qlr
from qlr.codebook import Codebook


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _qualtrics(rows: list[tuple[str, ...]]) -> str:
    head = (
        "StartDate,EndDate,Status,IPAddress,Progress,Finished,RecordedDate,ResponseId,RecipientEmail,ExternalReference,DistributionChannel,UserLanguage,Q1,Q2,Q3_TEXT\n"
        "Start Date,End Date,Response Type,IP Address,Progress,Finished,Recorded Date,Response ID,Recipient Email,External Data Reference,"
        "Distribution Channel,User Language,How often do you meet the group?,How is the group run these days?,What has changed since we last spoke?\n"
        + ",".join(
            f'"{{""ImportId"":""{key}""}}"'
            for key in ("startDate", "endDate", "status", "ipAddress", "progress", "finished", "recordedDate", "_recordId",
                        "recipientEmail", "externalDataReference", "distributionChannel", "userLanguage", "QID1", "QID2_TEXT", "QID3_TEXT")
        )
        + "\n"
    )
    body = ""
    for when, response, panel, email, often, run, changed in rows:
        body += f'{when},{when},0,10.0.0.{len(body) % 200},100,1,{when},{response},{email},{panel},email,EN,{often},"{run}","{changed}"\n'
    return head + body


@pytest.fixture
def panel(tmp_path):
    """Two waves of a Qualtrics panel, one file each, the panel id in ExternalReference."""
    _write(tmp_path, "exports/wave1.csv", "\ufeff" + _qualtrics([
        ("2024-03-04 10:02:11", "R_1aaa", "P01", "ann@example.org", "Weekly", "The staff run the rota and we just turn up.", "Nothing yet, it is early days."),
        ("2024-03-05 18:40:00", "R_1bbb", "P02", "bo@example.org", "Monthly", "We plan the sessions together with the staff now.", ""),
        ("2024-03-06 09:00:00", "R_1ccc", "P03", "cy@example.org", "Weekly", "", ""),
    ]))
    _write(tmp_path, "exports/wave2.csv", "\ufeff" + _qualtrics([
        ("2024-09-10 11:00:00", "R_2ddd", "P01", "ann@example.org", "Weekly", "The rota is ours, we share it out at the start of the month.", "We took over the rota from the staff."),
        ("2024-09-12 12:30:00", "R_2eee", "P02", "bo@example.org", "Never", "I stopped going after the move to the new hall.", "The new hall is too far for me."),
    ]))
    _write(tmp_path, "study.yaml", "name: panel\nresponses:\n  - path: exports/wave1.csv\n    wave: W1\n  - path: exports/wave2.csv\n    wave: W2\n")
    return tmp_path


def test_a_qualtrics_panel_is_a_document_per_respondent_and_wave(panel):
    study = qlr.load(panel, progress=False)
    docs = study.documents.set_index("doc_id")
    assert list(docs.index) == ["P01_W1_survey", "P01_W2_survey", "P02_W1_survey", "P02_W2_survey"]  # P03 answered nothing open
    assert docs.loc["P01_W2_survey", ["case_id", "wave_id", "kind"]].tolist() == ["P01", "W2", "survey"]
    assert str(docs.loc["P02_W1_survey", "date"])[:10] == "2024-03-05"
    assert docs.loc["P01_W1_survey", "source"] == "exports/wave1.csv"
    assert docs.loc["P01_W1_survey", "title"] == "wave1.csv, row 4"  # three header rows: the first response is row 4
    assert docs.loc["P01_W1_survey", "text"] == (
        "How is the group run these days?\nThe staff run the rota and we just turn up.\n\n"
        "What has changed since we last spoke?\nNothing yet, it is early days."
    )
    # Questions are the interviewer's, answers the participant's: a turn each.
    segments = study.segments[study.segments["doc_id"] == "P01_W1_survey"]
    assert segments["speaker_role"].tolist() == ["interviewer", "participant", "interviewer", "participant"]
    assert list(study.waves["wave_id"]) == ["W1", "W2"]
    assert sorted(study.cases["case_id"]) == ["P01", "P02"]
    # Nothing personal reaches the text, and the notes say what was left out and why.
    everything = " ".join(study.documents["text"])
    assert "@" not in everything and "10.0.0." not in everything and "Weekly" not in everything
    notes = " ".join(study.meta["inferred"])
    assert "exports/wave1.csv: Qualtrics export, 2 document(s)" in notes
    assert "respondent id from column 'ExternalReference'" in notes
    assert "personal data never read (IPAddress, RecipientEmail)" in notes
    assert "closed or metadata column(s) not read (Q1, StartDate" in notes
    assert "1 row(s) answer no open question (no document)" in notes
    assert "3 empty answer(s) skipped" in notes


def test_an_answer_that_echoes_its_question_is_prompted(panel):
    book = "name: Rota\nid: rota\nversion: '1'\nthemes: [t]\ncodes:\n  - id: t.rota\n    parent: t\n    indicators: [rota]\n"
    _write(panel, "exports/wave2.csv", "\ufeff" + _qualtrics([
        ("2024-09-10 11:00:00", "R_2ddd", "P01", "ann@example.org", "Weekly", "We run the rota ourselves now.", "Who runs the rota has changed."),
    ]).replace("How is the group run these days?", "Who runs the rota these days?"))
    study = qlr.load(panel, progress=False).apply(Codebook.from_yaml(book), progress=False)
    codings = study.codings.merge(study.segments[["seg_id", "speaker_role"]], on="seg_id")
    wave2 = codings[codings["doc_id"] == "P01_W2_survey"].sort_values("start")
    # The answer after "Who runs the rota…?" echoes it; the one after "What has changed…?" does not.
    assert wave2["assertion"].tolist() == ["prompted", "affirmed"]
    assert set(wave2["speaker_role"]) == {"participant"}  # the question's own match is never evidence
    assert "question" not in set(codings["assertion"]) or codings.loc[codings["assertion"] == "question", "speaker_role"].eq("interviewer").all()


def test_everything_downstream_works_on_a_survey_study(panel, tmp_path):
    study = qlr.load(panel, progress=False).apply("coproduction", progress=False)
    placements = qlr.track.ladder(study)
    assert set(placements.table["case_id"]) <= {"P01", "P02"}
    page = qlr.report.write_report(study.copy(), tmp_path / "report", codebook="coproduction", progress=False)
    assert page.is_file() and "P01" in page.read_text(encoding="utf-8")
    study.save(tmp_path / "panel.qlr")
    again = qlr.open(tmp_path / "panel.qlr")
    assert again.documents["text"].tolist() == study.documents["text"].tolist()
    assert again.segments["speaker_role"].tolist() == study.segments["speaker_role"].tolist()
    assert len(again.codings) == len(study.codings)


def test_surveymonkey_two_header_rows(tmp_path):
    _write(tmp_path, "monkey.csv", (
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,"
        "What is your participant code?,How satisfied are you with the group?,What would you change about the group?,How did the staff address your worries?,Which activities do you join?,\n"
        ",,,,,,,,,Response,Response,Open-Ended Response,Open-Ended Response,Walks,Cooking\n"
        "114022,4512,03/14/2024 10:02:11 AM,03/14/2024 10:09:40 AM,192.168.0.4,,,,,P01,Very satisfied,More say in who leads the walks,,Walks,\n"
        "114023,4512,03/15/2024 08:00:00 AM,03/15/2024 08:05:00 AM,192.168.0.5,,,,,P02,Satisfied,Meeting somewhere closer to the bus stop,They rang me back the same day and sorted it,,Cooking\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - path: monkey.csv\n    case: What is your participant code?\n    wave: W1\n")
    study = qlr.load(tmp_path, progress=False)
    docs = study.documents.set_index("doc_id")
    assert list(docs.index) == ["P01_W1_survey", "P02_W1_survey"]
    assert docs.loc["P01_W1_survey", "text"] == "What would you change about the group?\nMore say in who leads the walks"
    assert str(docs.loc["P01_W1_survey", "date"])[:10] == "2024-03-14"  # month first: 14 cannot be a month
    notes = " ".join(study.meta["inferred"])
    assert "SurveyMonkey export" in notes and "personal data never read (IP Address, Email Address, First Name, Last Name)" in notes
    # A question that merely says "address" is a question, not a column of personal data.
    assert docs.loc["P02_W1_survey", "text"].endswith("How did the staff address your worries?\nThey rang me back the same day and sorted it")
    assert "not read (How satisfied are you with the group?, Which activities do you join? - Walks, Which activities do you join? - Cooking" in notes


def test_google_forms_diary_rows_of_one_wave_are_one_document_in_date_order(tmp_path):
    _write(tmp_path, "diary/week 1.csv", (
        'Timestamp,Email Address,Your diary code,How did this week go?,Rate your week\n'
        '2022/06/24 09:15:00 AM GMT+1,ann@example.org,D01,"Friday: the group met at the library, I brought the tea.",4\n'
        '2022/06/20 08:00:00 PM GMT+1,ann@example.org,D01,"Monday: nobody had the key, we waited outside for an hour.",2\n'
        '2022/06/21 07:30:00 PM GMT+1,bo@example.org,D02,"Quiet week, I only saw the others on the walk.",3\n'
    ), encoding="utf-8-sig")
    _write(tmp_path, "study.yaml", "responses:\n  - path: diary/week 1.csv\n    case: Your diary code\n    wave: week1\n")
    study = qlr.load(tmp_path, progress=False)
    first = study.documents.set_index("doc_id").loc["D01_week1_survey"]
    assert first["text"].index("Monday") < first["text"].index("Friday")  # the rows in date order
    assert first["title"] == "week 1.csv, rows 3, 2"
    assert str(first["date"])[:10] == "2022-06-20"
    notes = " ".join(study.meta["inferred"])
    assert "Google Forms export" in notes and "Email Address" in notes and "Rate your week" in notes
    assert "1 respondent(s) answered more than once in a wave" in notes


REDCAP = (
    "study_id,redcap_event_name,first_name,email,telephone_1,age,comments,visit_notes,demographics_complete\n"
    "100,enrollment_arm_1,Zed,zed@example.org,(415) 555-1212,31,\"Came with his sister, keen to help run the sessions.\",,2\n"
    "100,dose_1_arm_1,,,,,,,\n"
    "100,visit_1_arm_1,,,,,,\"Spoke about taking on the rota, still unsure about the money side.\",\n"
    "220,enrollment_arm_1,Mia,mia@example.org,(432) 903-6676,4,\"Her mother answered for her, the family is new to the area.\",,2\n"
    "220,visit_1_arm_1,,,,,,\"The family now helps with the Saturday cooking group.\",\n"
    ",visit_1_arm_1,,,,,,\"A row someone typed without an id.\",\n"
)


def test_redcap_events_are_waves_in_the_projects_order(tmp_path):
    _write(tmp_path, "redcap.csv", REDCAP)
    _write(tmp_path, "study.yaml", "responses:\n  - path: redcap.csv\n    wave_column: redcap_event_name\n    waves: {enrollment_arm_1: baseline, visit_1_arm_1: visit1}\n")
    with pytest.warns(qlr.errors.RowsRefusedWarning, match=r"1 row\(s\) with no respondent id in column 'study_id': rows 7"):
        study = qlr.load(tmp_path, progress=False)
    assert list(study.waves["wave_id"]) == ["baseline", "visit1"]  # not dose_1_arm_1: that event holds no open answer
    assert list(study.documents["doc_id"]) == ["100_baseline_survey", "100_visit1_survey", "220_baseline_survey", "220_visit1_survey"]
    assert "Zed" not in " ".join(study.documents["text"]) and "555" not in " ".join(study.documents["text"])
    assert study.documents.set_index("doc_id").loc["100_visit1_survey", "text"].startswith("visit_notes\nSpoke about taking on the rota")
    notes = " ".join(study.meta["inferred"])
    assert "REDCap export" in notes and "respondent id from column 'study_id'" in notes
    assert "personal data never read (first_name, email, telephone_1)" in notes


def test_questions_named_with_their_wording(tmp_path):
    _write(tmp_path, "redcap.csv", REDCAP)
    _write(tmp_path, "study.yaml", (
        "responses:\n  - path: redcap.csv\n    wave_column: redcap_event_name\n"
        "    questions: {comments: 'Anything to add about this participant?'}\n"
    ))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.RowsRefusedWarning)
        study = qlr.load(tmp_path, progress=False)
    assert study.documents["text"].tolist() == [
        "Anything to add about this participant?\nCame with his sister, keen to help run the sessions.",
        "Anything to add about this participant?\nHer mother answered for her, the family is new to the area.",
    ]
    assert "visit_notes" in " ".join(study.meta["inferred"])  # said as not read


def test_limesurvey_with_semicolons_and_microsoft_forms_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    _write(tmp_path, "lime.csv", (
        '"id";"submitdate";"lastpage";"startlanguage";"seed";"token";"G01Q01";"G01Q02"\n'
        '"1";"2023-11-02 14:11:09";"2";"de";"1234";"P01";"Wir treffen uns jetzt jeden Dienstag im Gemeindehaus.";"A2"\n'
        '"2";"2023-11-03 09:01:00";"2";"de";"5678";"P02";"Seit dem Umzug komme ich seltener, der Weg ist zu weit.";"A1"\n'
    ))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Participant code", "What helped you most this term?"])
    sheet.append([1, "4/2/24 9:01:00", "4/2/24 9:06:10", "anonymous", "", "P01", "Having a say in the plans for the summer fair."])
    sheet.append([2, "4/3/24 16:20:00", "4/3/24 16:31:00", "anonymous", "", "P02", "Nothing much, I missed most of the sessions."])
    workbook.save(tmp_path / "forms.xlsx")
    _write(tmp_path, "study.yaml", (
        "waves: [T1, T2]\nresponses:\n  - path: lime.csv\n    case: token\n    wave: T1\n"
        "  - path: forms.xlsx\n    case: Participant code\n    wave: T2\n"
    ))
    study = qlr.load(tmp_path, progress=False)
    docs = study.documents.set_index("doc_id")
    assert list(docs.index) == ["P01_T1_survey", "P01_T2_survey", "P02_T1_survey", "P02_T2_survey"]
    assert docs.loc["P01_T1_survey", "text"] == "G01Q01\nWir treffen uns jetzt jeden Dienstag im Gemeindehaus."
    assert docs.loc["P02_T2_survey", "text"].startswith("What helped you most this term?\nNothing much")
    assert docs.loc["P01_T2_survey", "format"] == "xlsx"
    assert str(docs.loc["P01_T2_survey", "date"])[:10] == "2024-02-04"  # 4/2/24, day first by default, and said
    notes = " ".join(study.meta["inferred"])
    assert "lime.csv: LimeSurvey export" in notes and "forms.xlsx: Microsoft Forms export" in notes
    assert "read day first" in notes


@pytest.mark.parametrize(
    ("entry", "error", "message"),
    [
        ("    case: PanelId\n    wave: W1\n", qlr.errors.ManifestError, r"'case:' 'PanelId' is not a column of wave1.csv; its columns are StartDate"),
        ("    wave_column: redcap_event_name\n", qlr.errors.ManifestError, r"'wave_column:' 'redcap_event_name' is not a column of wave1.csv"),
        ("    case: ExternalReference\n", qlr.errors.ManifestError, r"the responses entry for wave1.csv gives no wave"),
        ("    wave: W9\n", qlr.errors.UndeclaredIdError, r"wave1.csv, row 4.*names wave 'W9'"),
        ("    wave: W1\n    colour: red\n", qlr.errors.ManifestError, r"colour"),
    ],
)
def test_bad_entries_get_one_clear_error(panel, entry, error, message):
    _write(panel, "study.yaml", "waves: [W1, W2]\nresponses:\n  - path: exports/wave1.csv\n" + entry)
    with pytest.raises(error, match=message) as raised:
        qlr.load(panel, progress=False)
    assert "study.yaml" in str(raised.value) and "Fix:" in str(raised.value)


def test_an_export_without_an_id_column_says_which_column_to_name(tmp_path):
    _write(tmp_path, "form.csv", "Timestamp,What went well?\n2024/01/02 10:00:00,We finally agreed on a name for the group\n")
    _write(tmp_path, "study.yaml", "responses:\n  - path: form.csv\n    wave: W1\n")
    with pytest.raises(qlr.errors.ManifestError, match=r"form.csv has no respondent id column.*Fix: name the column"):
        qlr.load(tmp_path, progress=False)


def test_template_proposes_the_responses_entries(panel):
    (panel / "study.yaml").unlink()
    text = qlr.io.template_for(panel)
    assert "responses:" in text and "path: exports/wave1.csv" in text and "case: ExternalReference" in text
    assert "Q2" in text and "Q3_TEXT" in text and "IPAddress" not in text.split("responses:")[1]
    (panel / "study.yaml").write_text(text, encoding="utf-8")
    study = qlr.load(panel, progress=False)
    assert list(study.documents["doc_id"]) == ["P01_W1_survey", "P01_W2_survey", "P02_W1_survey", "P02_W2_survey"]


def test_template_of_interviews_and_an_export_loads(panel):
    # `qlr info DIR --template > DIR/study.yaml`: the shell makes the empty manifest before qlr runs.
    (panel / "study.yaml").write_text("", encoding="utf-8")
    _write(panel, "P01_W1_interview.txt", "Interviewer: How is the group run?\nP01: The staff still hold the keys.\n")
    text = qlr.io.template_for(panel)
    assert "path: '*.txt'" in text and "responses:" in text
    (panel / "study.yaml").write_text(text, encoding="utf-8")
    study = qlr.load(panel, progress=False)
    assert sorted(study.documents["kind"]) == ["interview", "survey", "survey", "survey", "survey"]
    assert sorted(study.cases["case_id"]) == ["P01", "P02"]  # the respondents join the interviews' cases


def test_a_diary_typed_into_a_spreadsheet(tmp_path):
    # WhatsApp or e-mail diary entries copied into a sheet by the team: a row per entry, the week as the wave.
    _write(tmp_path, "diaries.tsv", (
        "Participant\tWeek\tDate\tSent by\tEntry\n"
        "D01\t1\t03/02/2021\tWhatsApp voice note\tThe food bank ran out of bread again, I went home with tins only.\n"
        "D01\t2\t10/02/2021\tWhatsApp\tThey asked me to help sort the deliveries on Friday, felt good to be asked.\n"
        "D02\t1\t04/02/2021\tE-mail\tNo change this week, still waiting to hear back about the volunteering.\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - path: diaries.tsv\n    wave_column: Week\n    waves: {'1': W1, '2': W2}\n")
    study = qlr.load(tmp_path, progress=False)
    docs = study.documents.set_index("doc_id")
    assert list(docs.index) == ["D01_W1_survey", "D01_W2_survey", "D02_W1_survey"]
    assert docs.loc["D01_W2_survey", "text"] == "Entry\nThey asked me to help sort the deliveries on Friday, felt good to be asked."
    assert str(docs.loc["D01_W2_survey", "date"])[:10] == "2021-02-10"  # 10/02/2021: day first
    assert "respondent id from column 'Participant'" in " ".join(study.meta["inferred"])


def test_surveymonkey_contact_block_and_links_are_not_answers(tmp_path):
    # GGWash's export: a "Contact information" question over several columns, then a link column.
    _write(tmp_path, "monkey.csv", (
        "Respondent ID,Collector ID,Start Date,End Date,IP Address,Contact information,,,Why are you standing?\n"
        ",,,,,Name,Email,\"Fundraising link, if applicable\",Open-Ended Response\n"
        "9001,44,06/01/2022 10:00:00 AM,06/13/2022 10:40:00 AM,1.2.3.4,Jane Roe,jane@example.org,https://fund.example/jane-roe-2022,To get the crossing by the school fixed at last\n"
        "9002,44,06/02/2022 11:00:00 AM,06/14/2022 11:20:00 AM,1.2.3.5,John Doe,john@example.org,N/A,Because rents keep rising and nobody speaks for tenants\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - {path: monkey.csv, wave: W1}\n")
    study = qlr.load(tmp_path, progress=False)
    text = " ".join(study.documents["text"])
    assert "Jane" not in text and "fund.example" not in text and "Why are you standing?" in text
    notes = " ".join(study.meta["inferred"])
    # SurveyMonkey's contact question is someone's details, every column of it.
    assert "personal data never read (IP Address, Contact information - Name, Contact information - Email, Contact information - Fundraising link" in notes


def test_an_export_without_a_manifest_is_said_not_dropped(panel):
    (panel / "study.yaml").unlink()
    with pytest.raises(qlr.errors.ManifestNotFoundError, match=r"2 file\(s\) are survey exports \(exports/wave1.csv, exports/wave2.csv\).*Fix: list them under 'responses:'"):
        qlr.load(panel, progress=False)
    _write(panel, "P01_W1_interview.txt", "Interviewer: How is the group run?\nP01: The staff still hold the keys.\n")
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match=r"2 file\(s\) are survey exports, read only through a manifest and were not loaded: exports/wave1.csv, exports/wave2.csv"):
        study = qlr.load(panel, progress=False)
    assert list(study.documents["doc_id"]) == ["P01_W1_interview"]


def test_a_response_id_over_two_waves_asks_for_the_persons_id(panel):
    # ropensci/qualtRics sample.csv: ExternalReference left empty when the survey went out by an anonymous link;
    # ResponseId (R_…) is new for every response, so it cannot say who answered both waves.
    for name in ("wave1.csv", "wave2.csv"):
        path = panel / "exports" / name
        lines = path.read_text(encoding="utf-8-sig").split("\n")
        path.write_text("\n".join(lines[:3] + [line.replace(",P0", ",X").replace(",X1,", ",,").replace(",X2,", ",,").replace(",X3,", ",,") for line in lines[3:]]), encoding="utf-8")
    with pytest.raises(qlr.errors.ManifestError, match=r"study.yaml:3: wave1.csv: the respondent id would be column 'ResponseId', which identifies a response.*Fix: name the column .*case: <column>"):
        qlr.load(panel, progress=False)
    # The manifest naming that column itself is the researcher's word that it is the person's id.
    (panel / "study.yaml").write_text("responses:\n  - {path: exports/wave1.csv, wave: W1, case: ResponseId}\n  - {path: exports/wave2.csv, wave: W2, case: ResponseId}\n", encoding="utf-8")
    assert len(qlr.load(panel, progress=False).cases) == 4  # R_1ccc answers nothing
    # One wave alone: a response is a person.
    (panel / "study.yaml").write_text("responses:\n  - {path: exports/wave1.csv, wave: W1}\n", encoding="utf-8")
    assert list(qlr.load(panel, progress=False).documents["doc_id"]) == ["R_1aaa_W1_survey", "R_1bbb_W1_survey"]
    # The template writes no 'case:' for such a column, and says why.
    (panel / "study.yaml").unlink()
    text = qlr.io.template_for(panel)
    assert "case:" not in text.split("responses:")[1] and "no 'case:' written, as column 'ResponseId' identifies a response" in text


def test_an_open_question_in_one_wave_is_open_in_every_wave(tmp_path):
    # A Google Forms panel: wave 2 asks again "Anything new since last time?", mostly answered "No".
    _write(tmp_path, "w1.csv", (
        "Timestamp,Participant code,Anything new since last time?\n"
        "2024/02/01 9:00:00 AM GMT,A1,\"I took the night shift at the depot, so I sleep in the day.\"\n"
        "2024/02/01 9:30:00 AM GMT,A2,\"My son moved back in with his two children.\"\n"
    ))
    _write(tmp_path, "w2.csv", (
        "Timestamp,Participant code,Anything new since last time?,How are the evenings?,Do you still cook?,Any comments?\n"
        "2024/08/01 9:00:00 AM GMT,A1,No,\"Quiet, I read a lot more than I used to.\",Yes,No\n"
        "2024/08/01 9:30:00 AM GMT,A2,\"Yes, the council finally moved us to a bigger flat near the park.\",\"Busy with the grandchildren most nights.\",Yes,No\n"
        "2024/08/01 10:00:00 AM GMT,A3,Nope,\"Long, since the club closed down.\",No,\"No, thanks for asking me about all this.\"\n"
        "2024/08/01 10:30:00 AM GMT,A4,No,\"Fine, we play cards with the neighbours.\",Yes,No\n"
        "2024/08/01 11:00:00 AM GMT,A5,No change,\"Lonely at times, my wife works late.\",Yes,No\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - {path: w1.csv, wave: W1, case: Participant code}\n  - {path: w2.csv, wave: W2, case: Participant code}\n")
    with pytest.warns(qlr.errors.UnreadTextWarning, match=r"w2.csv: 1 column\(s\) left out as closed questions hold answers of five words or more \(Any comments\?: 1 answer\(s\)\).*Fix: list") as warned:
        study = qlr.load(tmp_path, progress=False)
    fix = str(next(w.message for w in warned if w.category is qlr.errors.UnreadTextWarning)).split("e.g.  ")[1]
    assert yaml.safe_load(fix) == {"questions": ["Anything new since last time?", "How are the evenings?", "Any comments?"]}
    docs = study.documents.set_index("doc_id")
    assert "the council finally moved us to a bigger flat" in docs.loc["A2_W2_survey", "text"]
    assert docs.loc["A1_W2_survey", "text"].startswith("Anything new since last time?\nNo\n\nHow are the evenings?")
    assert "Do you still cook?" not in " ".join(docs["text"])


def test_personal_data_is_decided_by_name_and_values(tmp_path):
    # A postnatal diary in Google Forms: questions whose short heading says "birth" or "phone" are questions.
    _write(tmp_path, "f.csv", (
        "Timestamp,Participant ID,Date of birth,Mobile number,Home address,Your birth story,Phone use this week,What is different?\n"
        "2024/05/01 10:00:00 AM GMT,M1,1990-02-03,07700 900123,\"12 Mill Lane, Leeds\",\"It went on all night and I was frightened, but the midwife stayed calm.\",\"I was on my phone at every night feed.\",\"We sleep in shifts now.\"\n"
        "2024/05/01 11:00:00 AM GMT,M2,1988-11-30,07700 900456,\"4 Rue Haute, Lille\",\"Very fast, we only just got to the ward in time.\",\"Much less, the phone stays in a drawer at dinner.\",\"My mother comes every day.\"\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - {path: f.csv, wave: W1, case: Participant ID}\n")
    study = qlr.load(tmp_path, progress=False)
    text = " ".join(study.documents["text"])
    assert "midwife stayed calm" in text and "phone stays in a drawer" in text
    assert "1990" not in text and "07700" not in text and "Mill Lane" not in text
    notes = " ".join(study.meta["inferred"])
    assert "3 column(s) of personal data never read (Date of birth, Mobile number, Home address)" in notes
    # Named under 'questions:', a column is read and never said to be personal data never read.
    _write(tmp_path, "study.yaml", "responses:\n  - {path: f.csv, wave: W1, case: Participant ID, questions: [Home address, Your birth story]}\n")
    notes = " ".join(qlr.load(tmp_path, progress=False).meta["inferred"])
    assert "2 column(s) of personal data never read (Date of birth, Mobile number)" in notes


def test_an_event_without_answers_needs_no_wave_and_an_event_may_be_left_out(tmp_path):
    # REDCapR's longitudinal project: events of two arms, some (doses) holding no open answer.
    _write(tmp_path, "redcap.csv", REDCAP.replace(",visit_1_arm_1,,,,,,\"A row", ",visit_1_arm_2,,,,,,\"A row").replace("\n,visit_1_arm_2", "\n300,visit_1_arm_2"))
    _write(tmp_path, "study.yaml", (
        "waves: [W1, W2]\nresponses:\n  - path: redcap.csv\n    wave_column: redcap_event_name\n"
        "    waves: {enrollment_arm_1: W1, visit_1_arm_1: W2, visit_1_arm_2: ~}\n"
    ))
    study = qlr.load(tmp_path, progress=False)  # dose_1_arm_1 is in no map: its row answers nothing
    assert list(study.documents["doc_id"]) == ["100_W1_survey", "100_W2_survey", "220_W1_survey", "220_W2_survey"]
    assert "1 row(s) with answers left out, as 'waves:' maps their value to ~ (visit_1_arm_2: 1)" in " ".join(study.meta["inferred"])
    # An event with answers that the map leaves out is still an error.
    _write(tmp_path, "study.yaml", "waves: [W1, W2]\nresponses:\n  - path: redcap.csv\n    wave_column: redcap_event_name\n    waves: {enrollment_arm_1: W1, visit_1_arm_1: W2}\n")
    with pytest.raises(qlr.errors.ManifestError, match=r"row 7 names wave 'visit_1_arm_2'"):
        qlr.load(tmp_path, progress=False)
    # The template maps every event, one wave per event over the arms, and says so.
    (tmp_path / "study.yaml").unlink()
    text = qlr.io.template_for(tmp_path)
    assert "waves:\n    enrollment_arm_1: enrollment\n    dose_1_arm_1: dose_1\n    visit_1_arm_1: visit_1\n    visit_1_arm_2: visit_1\n" in text
    assert "the same event of arms 1, 2 to one wave" in text and "map an event to ~" in text


def test_no_open_question_hint_names_the_files_own_columns(tmp_path):
    # qualtRics' legacy sample: V1… codes over wordings, a free-text question answered in two words.
    _write(tmp_path, "legacy.csv", (
        "V1,V2,V3,V4,V5,V6,Q1,Q2,Q3,\n"
        "ResponseID,ResponseSet,Name,EmailAddress,IPAddress,Status,Pick one,Say something,Your town,\n"
        "R_9x,Default Response Set,Anonymous,,10.1.2.3,0,2,Good day!,Hull,\n"
        "R_9y,Default Response Set,Anonymous,,10.1.2.4,0,1,Fine thanks,York,\n"
    ))
    _write(tmp_path, "study.yaml", "responses:\n  - {path: legacy.csv, wave: W1}\n")
    with pytest.raises(qlr.errors.ManifestError, match=r"no column of legacy.csv reads as an open question.*Fix: list the open questions' columns, e\.g\. .*questions: \[Q2, Q3\]"):
        qlr.load(tmp_path, progress=False)


def test_a_folder_of_an_unrecognised_export_says_responses(tmp_path):
    _write(tmp_path, "legacy.csv", (
        "V1,V2,V3,Q1,Q2\nResponseID,ResponseSet,Status,Pick one,Say something\n"
        "R_9x,Default Response Set,0,2,Good day!\nR_9y,Default Response Set,0,1,Fine thanks\n"
    ))
    with pytest.raises(qlr.errors.SourceNotFoundError, match=r"holds no file qlr can read.*a survey export is read through 'responses:'.*legacy.csv is not proposed: .*questions: \[Q2\]"):
        qlr.io.template_for(tmp_path)
    with pytest.raises(qlr.errors.ManifestNotFoundError, match=r"a survey export is read through 'responses:' in study.yaml"):
        qlr.load(tmp_path, progress=False)
    # A table no tool's columns name, with ids and sentences, is said beside the exports the template proposes.
    _write(tmp_path, "google.csv", "Timestamp,Participant ID,What changed?\n2024/01/02 10:00:00,P1,We finally agreed on a name for the group\n")
    _write(tmp_path, "notes.csv", "participant_id,entry\nP1,Wrote that the food bank ran out of bread again this week\n")
    text = qlr.io.template_for(tmp_path)
    assert "path: google.csv" in text and "# Guessed: notes.csv is not proposed: no survey tool's columns say it is an export" in text
    assert "{path: notes.csv, wave: W2, questions: [entry]}" in text


def test_a_broken_survey_workbook_is_one_error_naming_it(tmp_path):
    # The same check as codings and codebook workbooks (qlr._decode.workbook_size_checked): not a zip, or a zip bomb.
    from qlr.errors import ManifestError

    (tmp_path / "wave1.xlsx").write_bytes(b"this is not a workbook")
    (tmp_path / "study.yaml").write_text("responses:\n  - {path: wave1.xlsx, case: id, wave: W1}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"wave1\.xlsx is not a readable \.xlsx workbook"):
        qlr.load(tmp_path, progress=False)


def test_qualtrics_previews_tests_and_spam_are_left_out_and_named(panel):
    # Qualtrics keeps the researcher's own previews and generated test responses, and what it
    # flags as spam, among the responses: their Status says so (as text, or as a code: 1, 2, 8…).
    text = _qualtrics([
        ("2024-03-04 10:02:11", "R_1aaa", "P01", "ann@example.org", "Weekly", "The staff run the rota and we just turn up.", ""),
        ("2024-03-04 09:00:00", "R_prev", "P09", "me@example.org", "Weekly", "test test does the page work", ""),
        ("2024-03-04 09:30:00", "R_test", "P08", "", "Weekly", "Lorem ipsum dolor sit amet.", ""),
        ("2024-03-05 18:40:00", "R_1bbb", "P02", "bo@example.org", "Monthly", "We plan the sessions together with the staff now.", ""),
    ])
    lines = text.split("\n")
    lines = [
        line.replace(",0,10.0.0.", ",Survey Preview,10.0.0.", 1) if "R_prev" in line
        else line.replace(",0,10.0.0.", ",2,10.0.0.", 1) if "R_test" in line
        else line.replace(",100,1,", ",60,0,", 1) if "R_1bbb" in line
        else line
        for line in lines
    ]
    _write(panel, "exports/wave1.csv", "\ufeff" + "\n".join(lines))
    with pytest.warns(qlr.errors.RowsRefusedWarning, match=r"wave1.csv: 2 row\(s\) that Qualtrics marks as '2' or 'Survey Preview' in its Status column .* rows 5, 6"):
        study = qlr.load(panel, progress=False)
    wave1 = study.documents[study.documents["wave_id"] == "W1"]
    assert sorted(wave1["case_id"]) == ["P01", "P02"]  # P08 and P09 were the researcher's own
    assert "test test" not in " ".join(study.documents["text"])
    # An unfinished response is a respondent's: read as far as it goes, and said.
    assert "1 unfinished response(s) (Finished false) read as far as they go" in " ".join(study.meta["inferred"])


def test_a_table_loaded_alone_is_pointed_to_the_manifest(tmp_path):
    export = _write(tmp_path, "wave1.csv", "Timestamp,Participant ID,What changed?\n2024/05/01 10:00:00,P01,We plan it together now.\n")
    with pytest.raises(qlr.errors.DocumentFormatError, match=r"wave1.csv: qlr cannot read '.csv' files as documents: this is a table\. Fix: .*'responses:' in study.yaml"):
        qlr.load(export, progress=False)
