"""How documents are named from archive records' file names: accession numbers, two extensions, record dates and names.

Oral-history archives name their records ``surname_ACCESSION.xml`` (an OHMS export, ``OH0344``) or
``surname_initial.tei.xml`` (a TEI transcription); the files below are written here in those
layouts, in words of our own.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import qlr
from qlr.errors import InferenceWarning
from qlr.io._naming import is_accession, name_parts

from .conftest import write


def ohms(*, accession: str, title: str, interviewee: str = "", day: str = "", words: str = "") -> str:
    """An OHMS record as the archive exports it: metadata, then a transcript of capitalised labels."""
    label = (interviewee or title).split()[-1].upper()
    talk = words or f"KESTREL: Where were you born?\n\n{label}: In a village by the estuary, the youngest of four.\n\nKESTREL: And school?\n\n{label}: Two miles on foot, every morning."
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms">
  <record id="0042" dt="2020-01-01">
    <date format="yyyy-mm-dd" value="{day}"/>
    <date_nonpreferred_format>{"Unknown Date" if not day else day}</date_nonpreferred_format>
    <title>{title}</title>
    <accession>{accession}</accession>
    <repository>Estuary Sound Archive</repository>
    {f"<interviewee>{interviewee}</interviewee>" if interviewee else ""}
    <interviewer>Nell Kestrel</interviewer>
    <transcript>{talk}</transcript>
  </record>
</ROOT>
"""


def tei(*, narrator: str, ident: str, day: str = "") -> str:
    """A TEI transcription of speech: the people in particDesc (a narrator and an interviewer), the setting's date, utterances."""
    setting = f'<settingDesc><setting><date when-iso="{day}"/></setting></settingDesc>' if day else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc><titleStmt><title>Harbour project, {narrator}</title></titleStmt>
      <publicationStmt><idno type="project">hp_{ident}</idno></publicationStmt><sourceDesc><p>recording</p></sourceDesc></fileDesc>
    <profileDesc>
      <particDesc>
        <person xml:id="quay" role="interviewer"><persName>Ines Quay</persName></person>
        <person xml:id="{ident}" role="narrator"><persName>{narrator}</persName></person>
      </particDesc>
      {setting}
    </profileDesc>
  </teiHeader>
  <text><body>
    <u who="#quay">When did you first go to sea?</u>
    <u who="#{ident}">At fifteen, on my uncle's trawler.</u>
    <u who="#quay">What was it like?</u>
    <u who="#{ident}">Cold, wet, and the best year of my life.</u>
  </body></text>
</TEI>
"""


def _template(root: Path) -> tuple[dict, list[str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = qlr.io.template_for(root)
    return yaml.safe_load(text), [line for line in text.splitlines() if line.startswith("# Guessed:")]


def _archive(root: Path) -> Path:
    """Three OHMS records named as the archive names them: one dated and naming its interviewee, two named only in their titles."""
    write(root / "marsh_OH0412.xml", ohms(accession="OH0412", title="Oral history interview with Edith Marsh", interviewee="Edith Marsh", day="2004-05-17"))
    write(root / "tolley_OH0038.xml", ohms(accession="OH0038", title="Oral history interview with Owen Tolley"))
    write(root / "pryce_OH0127.xml", ohms(accession="OH0127", title="Oral history interview with Ruth Pryce"))
    return root


# ------------------------------------------------------------ accession numbers are not waves


def test_an_archives_accession_numbers_are_not_waves(tmp_path):
    # Read as waves, OH0038 < OH0127 < OH0412 told a story of people joining late and dropping out.
    root = _archive(tmp_path / "archive")
    with pytest.warns(InferenceWarning, match=r"3 file\(s\) named \{case\}_\{accession\}.*not a wave"):
        study = qlr.load(root, progress=False)
    assert list(study.waves["wave_id"]) == ["W1"]
    assert sorted(study.cases["case_id"]) == ["marsh", "pryce", "tolley"]
    assert set(study.attrition()["pattern"]) == {"complete"}
    documents = study.documents.set_index("doc_id")
    assert sorted(documents.index) == ["marsh_OH0412", "pryce_OH0127", "tolley_OH0038"]  # the ids keep the number
    assert documents.loc["marsh_OH0412", "accession"] == "OH0412"
    assert str(documents.loc["marsh_OH0412", "date"])[:10] == "2004-05-17"
    assert any("accession number, not a wave" in note for note in study.meta["inferred"])


def test_the_template_agrees_with_loading_and_names_cases_as_the_records_do(tmp_path):
    root = _archive(tmp_path / "archive")
    data, _ = _template(root)
    assert data["waves"] == [{"id": "W1", "label": "W1"}]  # not every record is dated: no wave dates
    assert {case["id"]: case["label"] for case in data["cases"]} == {"marsh": "Edith Marsh", "pryce": "Ruth Pryce", "tolley": "Owen Tolley"}
    entries = {doc["path"]: doc for doc in data["documents"]}
    assert {path: (doc["case"], doc["wave"]) for path, doc in entries.items()} == {
        "marsh_OH0412.xml": ("marsh", "W1"), "pryce_OH0127.xml": ("pryce", "W1"), "tolley_OH0038.xml": ("tolley", "W1"),
    }
    assert entries["marsh_OH0412.xml"]["date"] == "2004-05-17"  # what the record states, as loading reads it
    assert "date" not in entries["tolley_OH0038.xml"]
    write(root / "study.yaml", yaml.safe_dump(data, sort_keys=False))
    study = qlr.load(root, progress=False)
    assert sorted(study.cases["case_id"]) == ["marsh", "pryce", "tolley"] and list(study.waves["wave_id"]) == ["W1"]


def test_a_folder_of_records_and_other_files_gets_ids_without_the_accession_or_spaces(tmp_path):
    # Most names are not {case}_{wave}_{kind}: the template guesses each file's case from its words.
    root = _archive(tmp_path / "mixed")
    write(root / "ohms-sample-record.xml", ohms(accession="", title="A sample record", words="ALDER: One line.\n\nKESTREL: Thank you."))
    write(root / "marsh reissue.xml", ohms(accession="OH0412", title="Oral history interview with Edith Marsh", interviewee="Edith Marsh"))
    write(root / "field notes harbour.txt", "We walked the quay at dawn.\n")
    write(root / "field notes chapel.txt", "The chapel was shut.\n")  # most names free: one entry per file
    data, guessed = _template(root)
    cases = {case["id"]: case["label"] for case in data["cases"]}
    assert all(" " not in case for case in cases)
    assert cases["ohms_sample_record"] == "ohms sample record"  # no record name: the words as the name wrote them
    assert cases["marsh"] == "Edith Marsh" and cases["marsh_reissue"] == "Edith Marsh"
    assert any("records of one person under two cases" in line and "marsh, marsh_reissue (Edith Marsh)" in line for line in guessed)


def test_an_accession_the_record_states_is_not_a_wave_whatever_its_form(tmp_path):
    # "MSS12" reads as a wave by its form (letters and a number); the record says it is the accession.
    root = tmp_path / "records"
    write(root / "hale_MSS12.xml", ohms(accession="MSS12", title="Oral history interview with Joan Hale"))
    write(root / "ward_MSS40.xml", ohms(accession="MSS40", title="Oral history interview with Peter Ward"))
    assert name_parts(root / "hale_MSS12.xml") == {"case": "hale", "wave": "W1", "accession": "MSS12"}
    assert name_parts(Path("hale_MSS12.txt")) == {"case": "hale", "wave": "MSS12"}  # no record to say otherwise
    with pytest.warns(InferenceWarning, match="accession"):
        study = qlr.load(root, progress=False)
    assert list(study.waves["wave_id"]) == ["W1"]


@pytest.mark.parametrize(("part", "accession"), [("OH0344", True), ("mss01234", True), ("W1", False), ("T03", False), ("2019", False),
                                                  ("FA2018", False), ("SP2019", False), ("FY2020", False), ("Jan2020", False), ("wave2", False)])
def test_what_reads_as_an_accession_number(part, accession):
    # Two or three letters, then four digits or more; a term or a month and its year is when, not a number.
    assert is_accession(part) is accession


def test_a_term_and_its_year_stays_a_wave(tmp_path):
    root = tmp_path / "terms"
    for case in ("P01", "P02"):
        for term in ("FA2018", "SP2019"):
            write(root / f"{case}_{term}_interview.txt", "Interviewer: How was the term?\nAnn: Long.\n")
    study = qlr.load(root, progress=False)
    assert list(study.waves["wave_id"]) == ["FA2018", "SP2019"]


def test_one_record_loaded_alone_has_no_accession_wave(tmp_path):
    path = write(tmp_path / "marsh_OH0412_interview.xml", ohms(accession="OH0412", title="Oral history interview with Edith Marsh", interviewee="Edith Marsh"))
    study = qlr.load(path, progress=False)
    assert list(study.waves["wave_id"]) == ["W1"] and list(study.cases["case_id"]) == ["marsh"]
    assert any("accession number" in note for note in study.meta["inferred"])


# ------------------------------------------------------------ a diagonal is no longitudinal design


def test_names_that_give_every_case_its_own_wave_are_warned_of(tmp_path):
    # Three people, each at a "wave" nobody else is at: file numbers, most likely, not waves.
    root = tmp_path / "diagonal"
    for case, wave in (("ann", "A12"), ("bob", "B7"), ("tom", "C3")):
        write(root / f"{case}_{wave}.txt", f"Interviewer: Hello?\n{case.title()}: Hello.\n")
    with pytest.warns(InferenceWarning, match=r"every wave the names give holds one case and every case one wave \(ann: A12, bob: B7, tom: C3\).*Fix: if each file"):
        study = qlr.load(root, progress=False)
    assert len(study.waves) == 3  # read as named: the warning says what to write to read it otherwise
    assert any("every case one wave" in note for note in study.meta["inferred"])


@pytest.mark.parametrize(
    "names",
    [
        ["ann_W1.txt", "bob_W2.txt"],  # two people: too few to tell
        ["ann_W1.txt", "ann_W2.txt", "bob_W1.txt", "tom_W3.txt"],  # someone seen twice: a design
    ],
)
def test_a_staggered_design_is_not_a_diagonal(tmp_path, names):
    root = tmp_path / "staggered"
    for name in names:
        write(root / name, "Interviewer: Hello?\nAnn: Hello.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        qlr.load(root, progress=False)


# ------------------------------------------------------------ two extensions, spaces, dates the files state


def test_a_tei_records_template_has_plain_ids_its_dates_and_its_narrators_name(tmp_path):
    root = tmp_path / "tei"
    write(root / "lane_r.tei.xml", tei(narrator="Rosa Lane", ident="lane", day="2015-03-02"))
    write(root / "ortiz_j.tei.xml", tei(narrator="Jon Ortiz", ident="ortiz", day="2015-04-20"))
    data, guessed = _template(root)
    assert {case["id"]: case["label"] for case in data["cases"]} == {"lane_r": "Rosa Lane", "ortiz_j": "Jon Ortiz"}
    assert [(doc["case"], doc["date"]) for doc in data["documents"]] == [("lane_r", "2015-03-02"), ("ortiz_j", "2015-04-20")]
    # Every document of the wave is dated: the wave spans their dates.
    assert data["waves"] == [{"id": "W1", "label": "Wave 1", "start": "2015-03-02", "end": "2015-04-20"}]
    assert any("dates the files state" in line for line in guessed)
    write(root / "study.yaml", yaml.safe_dump(data, sort_keys=False))
    study = qlr.load(root, progress=False)
    assert sorted(study.documents["doc_id"]) == ["lane_r", "ortiz_j"]


def test_a_wave_with_an_undated_document_gets_no_dates(tmp_path):
    root = tmp_path / "tei"
    write(root / "lane_r.tei.xml", tei(narrator="Rosa Lane", ident="lane", day="2015-03-02"))
    write(root / "ortiz_j.tei.xml", tei(narrator="Jon Ortiz", ident="ortiz"))
    data, _ = _template(root)
    assert data["waves"] == [{"id": "W1", "label": "Wave 1"}]
    assert [doc.get("date") for doc in data["documents"]] == ["2015-03-02", None]


def test_a_double_extension_never_reaches_an_id(tmp_path):
    # Named by the convention, one file loaded alone and in its folder.
    path = write(tmp_path / "one" / "P01_W1_interview.tei.xml", tei(narrator="Rosa Lane", ident="lane"))
    assert list(qlr.load(path, progress=False).documents["doc_id"]) == ["P01_W1_interview"]
    assert list(qlr.load(path.parent, progress=False).documents["doc_id"]) == ["P01_W1_interview"]


def test_a_header_dated_transcript_gets_its_date_and_an_id_without_spaces(tmp_path):
    root = tmp_path / "typed"
    write(root / "Mara Quinn interview.txt", "Harbour project\nDate of interview: 14 March 2019\n\nQ: Where did you grow up?\nMara: By the docks.\nQ: And after?\nMara: Inland.\n")
    write(root / "Lev Adler interview.txt", "Harbour project\nDate of interview: 2 April 2019\n\nQ: Where did you grow up?\nLev: On a farm.\nQ: And after?\nLev: Here.\n")
    data, _ = _template(root)
    assert {case["id"]: case["label"] for case in data["cases"]} == {"Lev_Adler": "Lev Adler", "Mara_Quinn": "Mara Quinn"}
    assert {doc["case"]: doc.get("date") for doc in data["documents"]} == {"Lev_Adler": "2019-04-02", "Mara_Quinn": "2019-03-14"}
    assert data["waves"][0]["start"] == "2019-03-14" and data["waves"][0]["end"] == "2019-04-02"


def test_a_conventional_folders_template_dates_the_waves_whose_documents_are_all_dated(tmp_path):
    # W1: both interviews state their dates; W2: one does not. The names give none.
    root = tmp_path / "convention"
    header = "Date of interview: {}\n\nInterviewer: How are you?\nAnn: Well enough.\nInterviewer: Work?\nAnn: Busy.\n"
    write(root / "P01_W1_interview.txt", header.format("3 May 2021"))
    write(root / "P02_W1_interview.txt", header.format("20 May 2021"))
    write(root / "P01_W2_interview.txt", header.format("1 November 2021"))
    write(root / "P02_W2_interview.txt", "Interviewer: How are you?\nAnn: Well enough.\nInterviewer: Work?\nAnn: Busy.\n")
    data, _ = _template(root)
    assert data["waves"] == [{"id": "W1", "label": "W1", "start": "2021-05-03", "end": "2021-05-20"}, {"id": "W2", "label": "W2"}]
