"""Archived qualitative data as other teams deposit it (QDR, ReShare, Dataverse, OSF…).

Lookalike files written for these tests, after the layouts of real deposits: Otter
exports with the name and time on a line, a depositor's name before every file, names
marked "deidentified", and a deposit's data list of files, participants, waves and dates.
"""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.io._segment import segment_document

from .conftest import write


def test_otter_labels_typed_with_one_space_and_one_with_two_are_one_convention() -> None:
    # An exported Otter transcript whose labels lost one of their two spaces, all but the last.
    turns = [
        ("K4", " ", "0:00", "Is the recording on now? I can see a red dot."),
        ("B2", " ", "0:06", "Yes, it is. So, how long have you been on the allotment committee?"),
        ("K4", " ", "0:12", "About four years now, since the old secretary moved away."),
        ("B2", " ", "0:20", "And what do you do there, week to week?"),
        ("K4", " ", "0:25", "Mostly the water rota and the seed swap in March."),
        ("B2", "  ", "0:40", "Lovely, thank you, that is all I had."),
    ]
    text = "\n\n".join(f"{name}{gap}{time}\n{words}" for name, gap, time, words in turns)
    result = segment_document(text, strategy="turns")
    speakers = [s.speaker for s in result.segments]
    assert speakers == ["K4", "B2", "K4", "B2", "K4", "B2"]
    assert text[result.segments[0].start : result.segments[0].end] == "Is the recording on now? I can see a red dot."


def test_a_name_line_with_two_spaces_does_not_vouch_for_someone_else() -> None:
    # The two-space label names a person the one-space lines never name: those lines stay prose.
    text = (
        "Maria  0:00\nWelcome back. Shall we start with the garden?\n\n"
        "Week 2 went fine\nWe planted the beans.\n\n"
        "Week 3 was wet\nNothing grew.\n"
    )
    result = segment_document(text, strategy="turns")
    assert {s.speaker for s in result.segments if s.speaker} == {"Maria"}


_TALK = "Interviewer: What brought you to the food bank?\nRespondent: A friend from church told me about it.\n"


def test_a_depositors_name_before_every_file_is_not_one_case_at_many_waves(tmp_path) -> None:
    # A deposit's files all open with its depositor's name, the codebook's too.
    for code in ("FB01", "FB02", "FB03"):
        write(tmp_path / f"Okafor_{code}_Transcript.txt", _TALK)
    write(tmp_path / "Okafor_Codebook.txt", "Codes used in the original study.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path)
    said = [str(w.message) for w in caught if issubclass(w.category, qlr.errors.InferenceWarning)]
    assert any("'Okafor'" in message and "Okafor_Codebook.txt" in message for message in said)
    assert sorted(study.cases.case_id) == ["FB01", "FB02", "FB03"]
    assert list(study.waves.wave_id) == ["W1"]
    assert any("not a case" in line for line in study.meta["inferred"])


def test_one_person_at_named_waves_keeps_their_waves(tmp_path) -> None:
    # One diarist seen at three waves, with a consent form of the same name: waves by their names stay waves.
    for wave in ("T1", "T2", "T3"):
        write(tmp_path / f"Okafor_{wave}_interview.txt", _TALK)
    write(tmp_path / "Okafor_consent.txt", "Signed.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path)
    assert list(study.cases.case_id) == ["Okafor"]
    assert list(study.waves.wave_id) == ["T1", "T2", "T3"]


def test_without_the_deposits_other_files_the_name_is_read_as_written(tmp_path) -> None:
    for code in ("FB01", "FB02"):
        write(tmp_path / f"Okafor_{code}_Transcript.txt", _TALK)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path)
    assert list(study.cases.case_id) == ["Okafor"]


def test_deidentified_in_a_name_says_nothing_of_whose_it_is(tmp_path) -> None:
    for code in ("QR01", "QR02"):
        write(tmp_path / f"{code}_transcript_deidentified.txt", _TALK)
    write(tmp_path / "QR03_Transcript_Pseudonymised.txt", _TALK)
    from qlr.io import folder_template

    text = folder_template(tmp_path)
    assert "case: QR01\n" in text and "case: QR03\n" in text
    assert "deidentified\n" not in text.split("documents:")[0]


def _deposit(tmp_path, data_list: str, manifest: str) -> None:
    # A deposit as an archive hands it over: transcripts in wave folders, a data list beside them.
    write(tmp_path / "Wave 1" / "ALD01_interview_deidentified.txt", "Tamsin: How is the allotment?\nALD01: We share the shed now.\n")
    write(tmp_path / "Wave 1" / "ALD02_interview_deidentified.txt", "Tamsin: How is the allotment?\nALD02: The rota works.\n")
    write(tmp_path / "Wave 2" / "ALD01_followup.txt", "Owen: And since then?\nALD01: We run the seed swap ourselves.\n")
    write(tmp_path / "data_list.csv", data_list)
    write(tmp_path / "study.yaml", manifest)


_LIST = (
    "File name,Participant ID,Wave,Date of interview,Interviewer\n"
    "ALD01_interview_deidentified.txt,ALD01,1,2021-03-11,Tamsin\n"
    "ALD02_interview_deidentified,ALD02,1,12/03/2021,Tamsin\n"
    "ALD01_followup.txt,ALD01,2,2021-09-02,Owen\n"
)


def test_a_deposits_data_list_says_whose_each_file_is_at_which_wave_and_when(tmp_path) -> None:
    _deposit(tmp_path, _LIST, "name: Allotments\ndocuments:\n  - list: data_list.csv\n")
    study = qlr.load(tmp_path)
    docs = study.documents.set_index("doc_id")
    assert docs.loc["ALD01_followup", ["case_id", "wave_id"]].tolist() == ["ALD01", "W2"]
    assert docs.loc["ALD02_interview_deidentified", "case_id"] == "ALD02"
    assert str(docs.loc["ALD02_interview_deidentified", "date"])[:10] == "2021-03-12"  # day first, as a spreadsheet wrote it
    assert list(study.waves.wave_id) == ["W1", "W2"]
    # The interviewer the list names asks the questions in that file.
    roles = study.segments.groupby("speaker").speaker_role.first()
    assert roles["Tamsin"] == "interviewer" and roles["Owen"] == "interviewer" and roles["ALD01"] == "participant"


def test_a_data_list_with_its_own_headers_and_ids_for_file_names(tmp_path) -> None:
    listed = "Code,Round,Recorded\nALD02,1,2021-03-12\n"
    manifest = "documents:\n  - list: data_list.csv\n    columns: {path: Code, case: Code, wave: Round, date: Recorded}\n    speakers: {Tamsin: interviewer}\n"
    _deposit(tmp_path, listed, manifest)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the files the list leaves out are not loaded, and said so
        study = qlr.load(tmp_path)
    assert study.documents.case_id.tolist() == ["ALD02"]
    assert any("not in the manifest" in line for line in study.meta["inferred"])


def test_a_row_whose_file_is_not_in_the_deposit_is_said(tmp_path) -> None:
    _deposit(tmp_path, _LIST + "ALD03_interview_deidentified.txt,ALD03,1,2021-03-20,Tamsin\n", "documents:\n  - list: data_list.csv\n")
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match=r"1 row\(s\).*ALD03_interview_deidentified.txt \(row 5\)"):
        study = qlr.load(tmp_path)
    assert len(study.documents) == 3


@pytest.mark.parametrize(
    ("data_list", "said"),
    [
        ("File name,Participant ID,Date\nALD01_followup.txt,ALD01,soon\n", r"data_list.csv:2: 'soon' in the data list's date column is not a date"),
        ("Participant ID,Wave\nALD01,1\n", r"data_list.csv:1: the data list 'data_list.csv' has no column of file names"),
        ("File name,Wave\nALD01_followup.txt,2\n", r"data_list.csv:1: the data list 'data_list.csv' has no column saying whose"),
        ("File name,Participant ID\nALD01,ALD01\n", r"data_list.csv:2: 'ALD01' names 2 files"),
    ],
)
def test_what_is_wrong_in_a_data_list_is_named_with_its_row(tmp_path, data_list: str, said: str) -> None:
    _deposit(tmp_path, data_list, "documents:\n  - list: data_list.csv\n")
    with pytest.raises(qlr.errors.ManifestError, match=said):
        qlr.load(tmp_path)


def test_a_wave_the_manifest_does_not_declare_is_refused(tmp_path) -> None:
    _deposit(tmp_path, _LIST, "waves: [W1]\ndocuments:\n  - list: data_list.csv\n")
    with pytest.raises(qlr.errors.UndeclaredIdError, match="names wave 'W2'"):
        qlr.load(tmp_path)


def test_the_template_of_a_deposit_reads_its_data_list(tmp_path) -> None:
    # A secondary analyst's first step, `qlr info --template DEPOSIT`, ignored the deposit's data list.
    _deposit(tmp_path, _LIST, "")
    (tmp_path / "study.yaml").unlink()
    write(tmp_path / "Wave 2" / "ALD09_notes.txt", "Visit notes.\n")
    from qlr.io import template_for

    text = template_for(tmp_path)
    assert text.endswith("documents:\n- list: data_list.csv\n")
    assert "- id: W2\n" in text and "- id: ALD02\n" in text and "Tamsin: interviewer" in text  # the usual parts, from the list
    assert "# 3 of its 3 rows name a file in this folder" in text
    assert "# Not in the list, so not loaded: Wave 2/ALD09_notes.txt" in text
    write(tmp_path / "study.yaml", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the file the list leaves out is said
        study = qlr.load(tmp_path)
    assert sorted(study.documents.case_id) == ["ALD01", "ALD01", "ALD02"] and list(study.waves.wave_id) == ["W1", "W2"]


def test_a_table_that_names_no_file_here_is_no_data_list(tmp_path) -> None:
    write(tmp_path / "P01_W1_interview.txt", "Interviewer: How is it?\nP01: Fine.\n")
    write(tmp_path / "P02_W1_interview.txt", "Interviewer: How is it?\nP02: Good.\n")
    write(tmp_path / "contacts.csv", "File name,Participant ID\nold_a.txt,X1\nold_b.txt,X2\nold_c.txt,X3\n")
    from qlr.io import template_for

    assert "- list:" not in template_for(tmp_path)


def test_a_codings_file_is_no_data_list(tmp_path) -> None:
    # A codings CSV names each row's document and participant too: the template took it for the data list.
    for case in ("P01", "P02", "P03"):
        write(tmp_path / f"{case}_W1_interview.txt", f"Interviewer: How is it?\n{case}: Much the same.\n")
    write(tmp_path / "codings.csv", "document,participant,code,quote\n" + "".join(f"{c}_W1_interview.txt,{c},Continuity,Much the same\n" for c in ("P01", "P02", "P03")))
    from qlr.io import template_for

    assert "- list:" not in template_for(tmp_path)


def test_inventory_columns_that_are_no_wave_or_kind(tmp_path) -> None:
    # An archive's inventory: "Time" is the recording's length and "File type" the format, not a wave or a kind.
    listed = "File name,Participant,File type,Time,Date\nALD01_interview_deidentified.txt,ALD01,Text,00:45:10,2021-03-11\nALD02_interview_deidentified.txt,ALD02,Text,01:02:33,2021-03-12\n"
    _deposit(tmp_path, listed, "documents:\n  - list: data_list.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the follow-up the list leaves out is said
        study = qlr.load(tmp_path)
    assert set(study.documents.wave_id) == {"W1"} and set(study.documents.kind) == {"interview"}
    # A "Type" column of kinds qlr does not know is said and left; its turns are still turns.
    listed = "File name,Participant,Type\nALD01_interview_deidentified.txt,ALD01,Audio\nALD02_interview_deidentified.txt,ALD02,Audio\n"
    write(tmp_path / "data_list.csv", listed)
    write(tmp_path / "study.yaml", "documents:\n  - list: data_list.csv\n    speakers: {Tamsin: interviewer}\n")
    with (
        pytest.warns(qlr.errors.InferenceWarning, match=r"the column 'Type' is not read as the documents' kinds: 'Audio' is no kind"),
        pytest.warns(qlr.errors.FilesNotLoadedWarning, match="Wave 2/ALD01_followup.txt"),  # the list leaves it out
        pytest.warns(qlr.errors.InferenceWarning, match=r"the data list's column\(s\) 'Type' are not read"),  # nor as an attribute
    ):
        study = qlr.load(tmp_path)
    assert set(study.documents.kind) == {"interview"} and set(study.segments.speaker.dropna()) >= {"Tamsin", "ALD01"}


def test_two_rows_naming_one_file_are_named_in_the_list(tmp_path) -> None:
    listed = "File name,Participant\nALD01_followup.txt,ALD01a\nALD01_followup.txt,ALD01b\n"
    _deposit(tmp_path, listed, "documents:\n  - list: data_list.csv\n")
    with pytest.raises(qlr.errors.ManifestError, match=r"data_list.csv:3: rows 2 and 3 both name 'ALD01_followup.txt'"):
        qlr.load(tmp_path)


def _panel(tmp_path, data_list: str, manifest: str = "documents:\n  - list: data_list.csv\n", *, name: str = "data_list.csv") -> None:
    # A panel deposit whose waves are named as archives name them: a baseline and follow-ups, in no natural order.
    for number in range(1, 8):
        write(tmp_path / "transcripts" / f"R{number}.txt", f"Ines: How have the last months been?\nR{number}: Busier, with the new allotment rota.\n")
    if name.endswith(".csv"):
        write(tmp_path / name, data_list)
    else:
        from openpyxl import Workbook

        book = Workbook()
        for row in data_list.splitlines():
            book.active.append(row.split(",") if row else [])
        book.save(tmp_path / name)
    write(tmp_path / "study.yaml", manifest)


_PANEL = (
    "File name,Pseudonym,Time point,Interview date,Interviewer\n"
    "R1,Ash,Baseline,2020-05-04,Ines\n"
    "R2,Bea,Baseline,2020-05-06,Ines\n"
    "R3,Cal,Baseline,2020-05-11,Ines\n"
    "R4,Ash,6-month follow-up,2020-11-02,Ines\n"
    "R5,Bea,6-month follow-up,2020-11-09,Ines\n"
    "R6,Cal,12-month follow-up,2021-05-03,Ines\n"
    "R7,Ash,12-month follow-up,2021-05-05,Ines\n"
)
_FOLLOW_UPS = ["Baseline", "6-month follow-up", "12-month follow-up"]


def test_a_data_lists_waves_are_in_the_order_of_their_dates_with_their_dates(tmp_path) -> None:
    # By name, "12-month follow-up" came first and "Baseline" last: Bea's drop-out read as intermittent, Cal's gap as a late start.
    _panel(tmp_path, _PANEL)
    study = qlr.load(tmp_path)
    assert list(study.waves.wave_id) == _FOLLOW_UPS
    spans = {w: (str(s)[:10], str(e)[:10]) for w, s, e in study.waves[["wave_id", "start", "end"]].itertuples(index=False)}
    assert spans == {"Baseline": ("2020-05-04", "2020-05-11"), "6-month follow-up": ("2020-11-02", "2020-11-09"), "12-month follow-up": ("2021-05-03", "2021-05-05")}
    attrition = study.attrition()
    assert attrition.loc["Bea", _FOLLOW_UPS].tolist() == ["present", "present", "dropped out"]
    assert attrition.loc["Cal", _FOLLOW_UPS].tolist() == ["present", "missed", "present"]
    assert attrition.loc["Ash", "pattern"] == "complete"
    assert any("in the data list's dates" in line and "Baseline, 6-month follow-up, 12-month follow-up" in line for line in study.meta["inferred"])


def test_a_data_list_without_dates_gives_its_waves_in_the_order_of_its_rows(tmp_path) -> None:
    undated = "".join(",".join(row.split(",")[:3]) + "\n" for row in _PANEL.splitlines())
    _panel(tmp_path, undated)
    study = qlr.load(tmp_path)
    assert list(study.waves.wave_id) == _FOLLOW_UPS and study.waves.start.isna().all()
    assert any("the data list's order of rows" in line for line in study.meta["inferred"])


def test_declared_waves_keep_their_order_and_dates(tmp_path) -> None:
    manifest = "waves:\n  - 12-month follow-up\n  - 6-month follow-up\n  - Baseline\ndocuments:\n  - list: data_list.csv\n"
    _panel(tmp_path, _PANEL, manifest)
    study = qlr.load(tmp_path)
    assert list(study.waves.wave_id) == _FOLLOW_UPS[::-1] and study.waves.start.isna().all()


@pytest.mark.parametrize("name", ["data_list.csv", "data_list.xlsx"])
def test_a_data_lists_header_is_found_under_a_title_row(tmp_path, name: str) -> None:
    # An archive's inventory opens with a title and a blank row: the template did not find it, and naming it said "columns: {case: ''}".
    _panel(tmp_path, "Data list: allotment panel (deposit 2022)\n\n" + _PANEL, "", name=name)
    (tmp_path / "study.yaml").unlink()
    from qlr.io import template_for

    text = template_for(tmp_path)
    assert text.endswith(f"documents:\n- list: {name}\n") and "its header is row 3, under a title" in text
    write(tmp_path / "study.yaml", f"documents:\n  - list: {name}\n")
    study = qlr.load(tmp_path)
    assert list(study.waves.wave_id) == _FOLLOW_UPS and len(study.documents) == 7


def test_a_data_list_under_a_title_whose_header_qlr_does_not_know_names_its_header_row(tmp_path) -> None:
    listed = "Data list: allotment panel (deposit 2022)\n\nItem,Person,Sweep\nR1,Ash,1\nR2,Bea,1\n"
    _panel(tmp_path, listed)
    with pytest.raises(qlr.errors.ManifestError, match=r"data_list.csv:3: the data list 'data_list.csv' has no column of file names \(its header is row 3\)") as raised:
        qlr.load(tmp_path)
    assert "columns: {path: 'Item'}" in str(raised.value)
    listed = "Data list: allotment panel (deposit 2022)\n\nFile name,Who,Sweep\nR1,Ash,1\nR2,Bea,1\n"
    write(tmp_path / "data_list.csv", listed)
    with pytest.raises(qlr.errors.ManifestError, match=r"data_list.csv:3: .*no column saying whose each file is \(its header is row 3\)") as raised:
        qlr.load(tmp_path)
    assert "columns: {case: 'Who'}" in str(raised.value) and "''" not in str(raised.value)


def test_a_participant_whose_file_is_not_deposited_stays_a_case(tmp_path) -> None:
    # Dan withdrew after the baseline: the list keeps his row, the deposit not his file.
    withdrawn = _PANEL + "R9,Dan,Baseline,2020-05-12,Ines\n"
    _panel(tmp_path, withdrawn)
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match=r"R9 \(row 9\)\. The participant\(s\) they name stay cases, absent at those waves: Dan"):
        study = qlr.load(tmp_path)
    attrition = study.attrition()
    assert attrition.loc["Dan", _FOLLOW_UPS].tolist() == ["absent"] * 3 and attrition.loc["Dan", "pattern"] == "never seen"
    assert attrition.loc["Bea", "pattern"] == "dropped out" and len(study.documents) == 7
    assert any("Dan (Baseline)" in line for line in study.meta["inferred"])
    # A follow-up withheld: its participant, seen at baseline, misses that wave.
    _panel(tmp_path, _PANEL.replace("R5,Bea", "R8,Bea"))
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match=r"R8 \(row 6\)"), pytest.warns(qlr.errors.FilesNotLoadedWarning, match="transcripts/R5.txt"):
        study = qlr.load(tmp_path)  # R5's file, which the list no longer names, is left out and said
    assert study.attrition().loc["Bea", _FOLLOW_UPS].tolist() == ["present", "dropped out", "dropped out"]


def test_declared_cases_are_the_researchers_and_a_withdrawn_row_adds_none(tmp_path) -> None:
    manifest = "cases:\n  - id: Ash\n  - id: Bea\n  - id: Cal\ndocuments:\n  - list: data_list.csv\n"
    _panel(tmp_path, _PANEL + "R9,Dan,Baseline,2020-05-12,Ines\n", manifest)
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match=r"R9 \(row 9\)\. Fix") as caught:
        study = qlr.load(tmp_path)
    assert not any("stay cases" in str(w.message) for w in caught)
    assert sorted(study.cases.case_id) == ["Ash", "Bea", "Cal"]
