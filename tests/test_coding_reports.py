"""Earlier coding brought as the report a QDA tool prints, not as a project: NVivo's coding report,
ATLAS.ti's table of quotations, Dedoose's table of excerpts, each named under ``codings:``.

Every report here is written for the test in the layout of a real one (named in each test);
the transcripts are made up."""

from __future__ import annotations

import subprocess
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import ManifestError, RowsRefusedWarning

from .conftest import write
from .test_refi_export import TAGUETTE, _taguette_python

_P1 = (
    "Interviewer: How do you get to the centre?\n\n"
    "P1: The bus only comes twice a day, so I walk most weeks.\n"
    "It takes me forty minutes each way.\n\n"
    "Interviewer: And the staff?\n\n"
    "P1: I trust them. They listen to me, which nobody did before.\n"
)
_P2 = (
    "Interviewer: What changed this year?\n\n"
    "P2: My daughter drives me now, so transport is no worry.\n\n"
    "Interviewer: And the people there?\n\n"
    "P2: The staff are kind, but they are always rushed.\n"
)


def _study(tmp_path, codings: str, files: dict[str, str | bytes]) -> object:
    """A study folder of the two transcripts, the report files and a manifest naming them under ``codings:``."""
    write(tmp_path / "P1_W1_interview.txt", _P1)
    write(tmp_path / "P2_W1_interview.txt", _P2)
    for name, content in files.items():
        write(tmp_path / name, content)
    write(tmp_path / "study.yaml", f"documents: ['*_interview.txt']\ncodings:\n{codings}")
    return tmp_path


def _placed(study) -> list[tuple[str, str, str, str]]:
    """(document, the words the coding spans, code id, coder) of every coding, in order."""
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    return [(doc, texts[doc][start:end], code, coder) for doc, start, end, code, coder in study.codings[["doc_id", "start", "end", "code_id", "coder"]].itertuples(index=False)]


# --------------------------------------------------------------------------- NVivo

# The layout of NVivo for Mac's export of one node's references as text, file named after the
# node, sources with their folders and no angle brackets, a PDF's region printed as a page's
# corners: skdreier/NIrelandNLP, orig_text_data/just_0404/J_Denial.txt.
_NVIVO_MAC = (
    "\ufeffFiles\\\\Wave 1\\\\P1_W1_interview - § 2 references coded [ 31.20% Coverage]\n"
    "Reference 1 - 20.10% Coverage\n"
    "The bus only comes twice a day, so I walk most weeks. \n"
    "It takes me forty minutes each way.\n"
    "Reference 2 - 11.10% Coverage\n"
    "which nobody did before\n"
    "Files\\\\Scans\\\\Letter 3 - § 1 reference coded [ 4.90% Coverage]\n"
    "Reference 1 - 4.90% Coverage\n"
    "Page 1 : (130,497) - (482,537)\n"
    "Files\\\\Wave 1\\\\P2_W1_interview - § 1 reference coded [ 12.00% Coverage]\n"
    "Reference 1 - 12.00% Coverage\n"
    "so transport is no worry\n"
)


def test_nvivos_report_of_one_node_is_that_nodes_codings_by_the_coder_the_manifest_names(tmp_path):
    folder = _study(tmp_path, "  - path: Getting there.txt\n    coder: rm\n", {"Getting there.txt": _NVIVO_MAC})
    with pytest.warns(RowsRefusedWarning) as said:
        study = qlr.load(folder, progress=False)
    assert _placed(study) == [
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.\nIt takes me forty minutes each way.", "getting_there", "rm"),
        ("P1_W1_interview", "which nobody did before", "getting_there", "rm"),
        ("P2_W1_interview", "so transport is no worry", "getting_there", "rm"),
    ]
    # The picture region is named, with its line, its source and why: nothing lost in silence.
    message = " ".join(str(w.message) for w in said if w.category is RowsRefusedWarning)
    assert "1 of the NVivo report's 4 codings" in message
    assert "line 8 (Letter 3, reference 1): a region of a picture or PDF page (Page 1 : (130,497) - (482,537))" in message
    # The report's name is the code, said; and the report in the folder is no document.
    assert any("names no node, so its codings are of the code 'Getting there'" in note for note in study.meta["inferred"])
    assert sorted(study.documents["doc_id"]) == ["P1_W1_interview", "P2_W1_interview"]
    assert [code.name for code in study.codebooks["getting_there"]] == ["Getting there"]


def test_a_report_in_a_folder_a_glob_reads_is_not_loaded_as_a_document(tmp_path):
    write(tmp_path / "P1_W1_interview.txt", _P1)
    write(tmp_path / "P2_W1_interview.txt", _P2)
    write(tmp_path / "Getting there.txt", _NVIVO_MAC)
    write(tmp_path / "study.yaml", "documents: ['*.txt']\ncodings:\n  - {path: Getting there.txt, coder: rm}\n")
    with pytest.warns(RowsRefusedWarning):
        study = qlr.load(tmp_path, progress=False)
    assert sorted(study.documents["doc_id"]) == ["P1_W1_interview", "P2_W1_interview"] and len(study.codings) == 3


def test_nvivos_report_names_no_coder_and_the_error_says_where_to_name_one(tmp_path):
    folder = _study(tmp_path, "  - Getting there.txt\n", {"Getting there.txt": _NVIVO_MAC})
    with pytest.raises(ManifestError, match=r"Getting there.txt:1: NVivo's report names no coder.*codings: \[\{path: Getting there.txt, coder: initials\}\]"):
        qlr.load(folder, progress=False)


# The layout of NVivo for Windows' coding report of several nodes (a node's heading, then each
# source in angle brackets, Internals\\ before its name), saved as Word: the NVivo 10/11 reports
# whose header line skdreier/NIrelandNLP model_training_and_evaluation parses
# ("<...> - § N references coded [ x% Coverage]"), with NVivo's node headings "Nodes\\\\Parent\\\\Child".
_NVIVO_WINDOWS = [
    "Nodes\\\\Barriers\\\\Transport",
    "<Internals\\\\Interviews\\\\P1_W1_interview> - § 1 reference coded  [20.10% Coverage]",
    "Reference 1 - 20.10% Coverage",
    "The bus only comes twice a day",
    "<Internals\\\\Interviews\\\\P2_W1_interview> - § 1 reference coded  [9.00% Coverage]",
    "Reference 1 - 9.00% Coverage",
    "My daughter drives me now",
    "Nodes\\\\Trust in staff",
    "<Internals\\\\Interviews\\\\P1_W1_interview> - § 2 references coded  [11.00% Coverage]",
    "Reference 1 - 5.00% Coverage",
    "I trust them.",
    "Reference 2 - 6.00% Coverage",
    "They listen to me",
    # NVivo 10 kept case nodes under Nodes: a case's heading (without brackets, as NVivo for Mac
    # prints headings) is a source's, not a node's.
    "Nodes\\\\Cases\\\\P2_W1_interview - § 1 reference coded  [4.00% Coverage]",
    "Reference 1 - 4.00% Coverage",
    "The staff are kind",
]


def test_nvivos_report_of_several_nodes_saved_as_word_keeps_each_nodes_place_in_the_tree(tmp_path):
    import docx

    document = docx.Document()
    for line in _NVIVO_WINDOWS:
        document.add_paragraph(line)
    document.save(tmp_path / "Node summary.docx")
    folder = _study(tmp_path, "  - {path: Node summary.docx, coder: jb}\n", {})
    study = qlr.load(folder, progress=False)
    assert [(doc, words, coder) for doc, words, _, coder in _placed(study)] == [
        ("P1_W1_interview", "The bus only comes twice a day", "jb"),
        ("P2_W1_interview", "My daughter drives me now", "jb"),
        ("P1_W1_interview", "I trust them.", "jb"),
        ("P1_W1_interview", "They listen to me", "jb"),
        ("P2_W1_interview", "The staff are kind", "jb"),
    ]
    codebook = study.codebooks[study.codings["codebook"].iloc[0]]
    transport = study.codings["code_id"].iloc[0]
    # Barriers\Transport is Transport under Barriers, as a codings table's code names are read.
    assert transport != study.codings["code_id"].iloc[2] and "transport" in transport and "barriers" in transport
    assert {code.name for code in codebook} >= {"Transport", "Trust in staff"}


def test_a_report_that_says_more_references_than_it_prints_is_said(tmp_path):
    cut = _NVIVO_MAC.replace("§ 1 reference coded [ 12.00%", "§ 2 references coded [ 12.00%")
    folder = _study(tmp_path, "  - {path: Getting there.txt, coder: rm}\n", {"Getting there.txt": cut})
    with pytest.warns(RowsRefusedWarning, match=r"P2_W1_interview \(Getting there\): the report says 2 references, 1 are printed"):
        qlr.load(folder, progress=False)


def test_a_reference_whose_words_the_transcript_lacks_is_named_by_its_line_and_source(tmp_path):
    wrong = _NVIVO_MAC.replace("so transport is no worry", "so transport is never a worry")
    folder = _study(tmp_path, "  - {path: Getting there.txt, coder: rm}\n", {"Getting there.txt": wrong})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsRefusedWarning)
        with pytest.raises(ManifestError, match=r"Getting there.txt:11: 1 of 3 codings cannot be placed: line 11 \(P2_W1_interview, reference 1\): the quote is not in"):
            qlr.load(folder, progress=False)


# --------------------------------------------------------------------------- ATLAS.ti

# The layout of ATLAS.ti 24's quotation export saved as CSV in a locale whose list separator is
# ';': its columns Number;Reference;Name;Text Content;Document;Codes;Number of Codes;…, each
# quotation's codes joined by ", " though code names hold ", " themselves ("T2. Security, Privacy &
# Trust Management: Access Control", a group's name before ": "): ICSA26-supplementary-material/edgeai.empirical-study.replication-package,
# thematic_analysis/atlas.ti_exports/20250914_quotation_export.csv.
_ATLAS_CSV = (
    "Number;Reference;Name;Text Content;Document;Codes;Number of Codes;Comment;Initial Position;Final Position;Creation Date \n"
    '2:1;¶ 3;;The bus only comes twice a day;P1_W1_interview;Access, Transport & Time: Bus;1;;3;3;3/25/25\n'
    '2:2;¶ 7;;I trust them.;P1_W1_interview;Access, Transport & Time: Bus, Staff, Care & Respect: Trust;2;;7;7;3/25/25\n'
    '3:1;¶ 3;;My daughter drives me now;P2_W1_interview;"Family: Lifts, Staff, Care & Respect: Trust";2;;3;3;3/25/25\n'
    "3:2;¶ 7;;The staff are kind;P2_W1_interview;;0;;7;7;3/25/25\n"
)


def test_atlas_quotations_with_commas_in_code_names_are_cut_into_the_codes_they_count(tmp_path):
    folder = _study(tmp_path, "  - {path: quotations.csv, coder: ak}\n", {"quotations.csv": _ATLAS_CSV})
    study = qlr.load(folder, progress=False)
    names = {code.id: code.name for code in study.codebooks["quotations"]}
    assert [(doc, words, names.get(code, code), coder) for doc, words, code, coder in _placed(study)] == [
        ("P1_W1_interview", "The bus only comes twice a day", "Access, Transport & Time: Bus", "ak"),
        ("P1_W1_interview", "I trust them.", "Access, Transport & Time: Bus", "ak"),
        ("P1_W1_interview", "I trust them.", "Staff, Care & Respect: Trust", "ak"),
        ("P2_W1_interview", "My daughter drives me now", "Family: Lifts", "ak"),
        ("P2_W1_interview", "My daughter drives me now", "Staff, Care & Respect: Trust", "ak"),
    ]
    assert any("1 quotation(s) carry no code" in note for note in study.meta["inferred"])


# The layout of ATLAS.ti 9's Quotation Manager export to Excel: ID, Quotation Name, Document
# ("1: P01 …", the document's number before its name), Codes one a line, Quotation Content,
# Created by (doc.atlasti.com, Quotation Manager; the Excel columns as in the EdgeAI package above).
def test_atlas_excel_export_names_its_coder_and_numbers_its_documents(tmp_path):
    folder = _study(tmp_path, "  - quotations.xlsx\n", {})
    pd.DataFrame(
        [
            ["1:1", "", "1: P1_W1_interview", "Transport\nWalking", "The bus only comes twice a day, so I walk most weeks.", "Kim"],
            ["2:1", "", "2: P2_W1_interview.docx", "Staff", "they are always rushed", "Lee"],
        ],
        columns=["ID", "Quotation Name", "Document", "Codes", "Quotation Content", "Created by"],
    ).to_excel(folder / "quotations.xlsx", index=False)
    study = qlr.load(folder, progress=False)
    assert [(doc, words, coder) for doc, words, _, coder in _placed(study)] == [
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.", "Kim"),
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.", "Kim"),
        ("P2_W1_interview", "they are always rushed", "Lee"),
    ]
    assert list(study.codings["code_id"]) == ["transport", "walking", "staff"]


# --------------------------------------------------------------------------- Dedoose

# The layout of Dedoose's excerpt export: Media Title, Excerpt Range, Excerpt Creator, Excerpt
# Copy, Codes Applied Combined, then one "Code: Parent\Child Applied" column per code of True or
# False, and "… Weight" columns for weighted codes (ushmm/atrocity-prevention-data,
# data/V3 - 2025_April/excerpts_3.csv; the Excerpt Copy and Media Title fields as
# abiraahmi/DedooseR's vignettes show them).
_DEDOOSE_COLUMNS = ["Media Title", "Excerpt Range", "Excerpt Creator", "Excerpt Copy", "Codes Applied Combined", "Code: Barriers Applied", "Code: Barriers\\Transport Applied", "Code: Staff Applied", "Code: Staff Weight"]


def test_dedoose_excerpts_are_a_coding_per_code_marked_true(tmp_path):
    rows = [
        ["P1_W1_interview.docx", "45-98", "sam", "The bus only comes twice a day, so I walk most weeks.", "Barriers, Transport", "True", "True", "False", ""],
        ["P2_W1_interview.docx", "120-170", "ana", "The staff are kind, but they are always rushed.", "Staff", "False", "False", "True", "2"],
        ["P2_W1_interview.docx", "10-30", "ana", "What changed this year?", "", "False", "False", "False", ""],
    ]
    folder = _study(tmp_path, "  - excerpts.csv\n", {"excerpts.csv": "\n".join(",".join(f'"{c}"' for c in row) for row in [_DEDOOSE_COLUMNS, *rows]) + "\n"})
    study = qlr.load(folder, progress=False)
    names = {code.id: code.name for code in study.codebooks["excerpts"]}
    assert [(doc, words, names[code], coder) for doc, words, code, coder in _placed(study)] == [
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.", "Barriers", "sam"),
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.", "Transport", "sam"),
        ("P2_W1_interview", "The staff are kind, but they are always rushed.", "Staff", "ana"),
    ]
    inferred = " ".join(study.meta["inferred"])
    assert "excerpts.csv: 1 code weight(s) kept with their codings" in inferred and "1 excerpt(s) carry no code" in inferred
    # The weight is the one "Staff" coding's (tests/test_trial14_dedoose.py has more).
    weighted = study.codings.set_index("coding_id").loc[list(study.meta["code_weights"]), "code_id"]
    assert [names[code] for code in weighted] == ["Staff"] and list(study.meta["code_weights"].values()) == [2.0]


def test_a_dedoose_export_without_the_excerpts_words_is_refused_with_how_to_export_them(tmp_path):
    # ushmm/atrocity-prevention-data's export has ranges of PDF pages ("Page 1: 88-102") and no Excerpt Copy.
    table = "Excerpt Range,Excerpt Creator,Codes Applied Combined,Code: Staff Applied,Title\nPage 1: 88-102,dsolomon,Staff,True,A study\n"
    folder = _study(tmp_path, "  - excerpts.csv\n", {"excerpts.csv": table})
    with pytest.raises(ManifestError, match=r"excerpts.csv:1: this Dedoose export of excerpts has no 'Media Title' and no 'Excerpt Copy' column.*1 excerpts were not read.*'Excerpt Copy' checked"):
        qlr.load(folder, progress=False)


def test_the_manifests_coder_fills_only_rows_that_name_none(tmp_path):
    rows = [
        ["P1_W1_interview", "45-98", "sam", "I trust them.", "Staff", "False", "False", "True", ""],
        ["P2_W1_interview", "45-98", "", "they are always rushed", "Staff", "False", "False", "True", ""],
    ]
    folder = _study(tmp_path, "  - {path: excerpts.csv, coder: team}\n", {"excerpts.csv": "\n".join(",".join(f'"{c}"' for c in row) for row in [_DEDOOSE_COLUMNS, *rows]) + "\n"})
    study = qlr.load(folder, progress=False)
    assert list(study.codings["coder"]) == ["sam", "team"]


def test_atlas_codes_that_cannot_be_told_apart_are_named_not_guessed(tmp_path):
    # Three pieces, two codes, no name known whole and no "Group: code" to cut after.
    table = _ATLAS_CSV + "3:3;¶ 7;;they are always rushed;P2_W1_interview;Time, money, Staff;2;;7;7;3/25/25\n"
    folder = _study(tmp_path, "  - {path: quotations.csv, coder: ak}\n", {"quotations.csv": table})
    with pytest.warns(RowsRefusedWarning, match=r"2 of the ATLAS.ti report's 7 codings cannot be read and are left out: row 6 \(quotation 3:3\): its 2 codes cannot be told apart in 'Time, money, Staff'"):
        study = qlr.load(folder, progress=False)
    assert len(study.codings) == 5


def test_nvivos_report_saved_as_a_web_page_is_read_as_its_text(tmp_path):
    import html

    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in _NVIVO_WINDOWS) + "</body></html>"
    folder = _study(tmp_path, "  - {path: report.html, coder: jb}\n", {"report.html": page})
    study = qlr.load(folder, progress=False)
    assert [words for _, words, _, _ in _placed(study)] == ["The bus only comes twice a day", "My daughter drives me now", "I trust them.", "They listen to me", "The staff are kind"]


def test_a_file_that_is_neither_a_table_nor_nvivos_report_is_refused(tmp_path):
    folder = _study(tmp_path, "  - {path: notes.html, coder: jb}\n", {"notes.html": "<p>Reference 1 - 2% Coverage</p><p>- § 1 reference coded</p>"})
    with pytest.raises(ManifestError, match=r"notes.html:1: a codings file that is not a table must be NVivo's coding report"):
        qlr.load(folder, progress=False)


def test_references_that_differ_from_the_transcript_only_in_typography_are_placed_on_its_own_characters(tmp_path):
    # The layout of review 33's NVivo text report (finding 12): the transcript was saved with curly
    # apostrophes and quotes, an ellipsis and a dash; NVivo's references have the plain forms.
    transcript = "Interviewer: And the staff?\n\nP1: I can\u2019t say\u2026 they\u2019re \u201cjust busy\u201d \u2013 always.\n"
    report = (
        "<Files\\\\P3_W1_interview> - \u00a7 2 references coded  [40.00% Coverage]\n\n"
        "Reference 1 - 20.00% Coverage\n\n"
        "I can't say... they're\n\n"
        "Reference 2 - 20.00% Coverage\n\n"
        '"just busy" - always.\n'
    )
    folder = _study(tmp_path, "  - {path: Busy.txt, coder: rm}\n", {"Busy.txt": report, "P3_W1_interview.txt": transcript})
    study = qlr.load(folder, progress=False)
    assert _placed(study) == [
        ("P3_W1_interview", "I can\u2019t say\u2026 they\u2019re", "busy", "rm"),
        ("P3_W1_interview", "\u201cjust busy\u201d \u2013 always.", "busy", "rm"),
    ]


def test_where_a_quote_stops_is_found_on_whole_words_not_inside_a_longer_word(tmp_path):
    # Review 33, finding 12: "its first 1 of 9 words are at character 0" was the "I" of "Interviewer".
    report = "<Files\\\\P1_W1_interview> - \u00a7 1 reference coded  [5.00% Coverage]\n\nReference 1 - 5.00% Coverage\n\nI never said that.\n"
    folder = _study(tmp_path, "  - {path: Trust.txt, coder: rm}\n", {"Trust.txt": report})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RowsRefusedWarning)
        with pytest.raises(ManifestError) as raised:
            qlr.load(folder, progress=False)
    assert f"its first 1 of 4 words are at character {_P1.index('I walk'):,}" in str(raised.value)


# --------------------------------------------------------------------------- Taguette

# The layout of Taguette 1.5's "Export highlights" (all tags) as CSV, as taguette/export.py writes it:
# id, document, tag, content; a highlight of two tags is two rows of one id; the words are the text of
# the highlighted HTML with a space wherever formatting split them ("I <em>walk</em>, mostly").
_TAGUETTE = (
    "id,document,tag,content\n"
    "3,P1_W1_interview,Transport::Bus,\"The bus only comes twice a day, so I walk most weeks. It takes me forty minutes each way.\"\n"
    "5,P1_W1_interview,Trust in staff,I trust them . They listen to me\n"
    "5,P1_W1_interview,Being heard,I trust them . They listen to me\n"
    "9,P2_W1_interview,Transport::Bus,My daughter drives me now\n"
    "12,P2_W1_interview,Trust in staff,The staff are patient\n"
    "12,P2_W1_interview,Being heard,The staff are patient\n"
)
# Taguette's "Export codebook" as REFI-QDA (export.codebook_xml): every tag a top-level code, origin Taguette.
_TAGUETTE_QDC = (
    '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2"><Codes>'
    + "".join(
        f'<Code guid="6F1C0A52-3E1B-5D2A-9C41-00000000000{n}" name="{name}" isCodable="true"/>'
        for n, name in enumerate(["Transport::Bus", "Trust in staff", "Being heard", "Feeling rushed"])
    )
    + "</Codes><Sets/></CodeBook>"
)


def test_taguettes_highlights_are_codings_of_their_tags_placed_by_their_words(tmp_path):
    folder = _study(tmp_path, "  - {path: highlights.csv, coder: ak, unplaced: warn}\n", {"highlights.csv": _TAGUETTE})
    with pytest.warns(RowsRefusedWarning) as said:
        study = qlr.load(folder, progress=False)
    assert _placed(study) == [
        ("P1_W1_interview", "The bus only comes twice a day, so I walk most weeks.\nIt takes me forty minutes each way.", "transport_bus", "ak"),
        ("P1_W1_interview", "I trust them. They listen to me", "trust_in_staff", "ak"),  # the space Taguette put before "." is not the text's
        ("P1_W1_interview", "I trust them. They listen to me", "being_heard", "ak"),
        ("P2_W1_interview", "My daughter drives me now", "transport_bus", "ak"),
    ]
    # The highlight whose words are not in the transcript is named once, by its id, for both its tags, and why.
    message = " ".join(str(w.message) for w in said if issubclass(w.category, RowsRefusedWarning))
    assert "2 of 6 codings cannot be placed" in message and message.count("highlight 12 (row 6)") == 1
    assert "the quote is not in 'P2_W1_interview'" in message
    assert study.log["detail"].str.contains('"tool": "Taguette"').any()


def test_a_taguette_tag_gets_one_id_from_its_highlights_and_from_its_qdc(tmp_path):
    # Taguette's tags are flat ("Transport::Bus" is one tag, Taguette gives "::" no meaning): the highlights
    # export and the .qdc of one project give each tag the same id, with no theme.
    highlights = "".join(line for line in _TAGUETTE.splitlines(keepends=True) if "12," not in line)
    folder = _study(tmp_path, "  - {path: highlights.csv, coder: ak}\n", {"highlights.csv": highlights, "codebook.qdc": _TAGUETTE_QDC})
    study = qlr.load(folder, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Taguette's empty <Sets/>, said elsewhere
        team = qlr.read_codebook(folder / "codebook.qdc")
    own = study.codebooks["highlights"]
    assert {c.name: c.id for c in own} == {name: id_ for name, id_ in ((c.name, c.id) for c in team) if name != "Feeling rushed"}
    assert set(study.codings["code_id"]) <= {c.id for c in team} and not own.themes
    assert own["transport_bus"].name == "Transport::Bus" and own["transport_bus"].parent is None


def test_taguettes_tags_stay_whole_beside_a_table_whose_names_are_paths(tmp_path):
    # One decision per tool: a plain codings table's "Barriers::Cost" is still "cost" under "Barriers" (ATLAS.ti's way).
    table = "doc_id,quote,code_id,coder\nP2_W1_interview,they are always rushed,Barriers::Cost,rm\n"
    folder = _study(tmp_path, "  - {path: highlights.csv, coder: ak}\n  - table.csv\n", {"highlights.csv": _TAGUETTE.replace("The staff are patient", "The staff are kind"), "table.csv": table})
    study = qlr.load(folder, progress=False)
    own = study.codebooks[next(iter(study.codebooks))]
    assert {"transport_bus", "trust_in_staff", "being_heard", "barriers", "barriers.cost"} == {c.id for c in own}
    assert own["barriers"].kind == "theme" and own["transport_bus"].parent is None


def test_taguettes_highlights_name_no_coder_and_the_error_says_where_to_name_one(tmp_path):
    folder = _study(tmp_path, "  - highlights.csv\n", {"highlights.csv": _TAGUETTE})
    with pytest.raises(ManifestError, match=r"highlights.csv:1: Taguette's report names no coder\. Fix: name who coded in the manifest"):
        qlr.load(folder, progress=False)


def test_taguettes_highlights_saved_by_excel_are_read_as_the_csv(tmp_path):
    # Taguette's "Export highlights" to Excel: a sheet "highlights" of the same columns, ids written as text.
    folder = _study(tmp_path, "  - {path: highlights.xlsx, coder: ak}\n", {})
    rows = [line.split(",", 3) for line in _TAGUETTE.splitlines()[1:3]]
    pd.DataFrame([[i, d, t, c.strip('"')] for i, d, t, c in rows], columns=["id", "document", "tag", "content"]).to_excel(folder / "highlights.xlsx", sheet_name="highlights", index=False)
    study = qlr.load(folder, progress=False)
    assert [(code, coder) for _, _, code, coder in _placed(study)] == [("transport_bus", "ak"), ("trust_in_staff", "ak")]


def test_a_taguette_highlight_over_subtitle_cues_runs_over_their_times_and_voices(tmp_path):
    # Taguette shows a .vtt as "00:00:04.500 <v Ana>words" per cue, and a highlight copies that as it shows it.
    write(tmp_path / "Ana_W2_interview.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Sam>Who decides?\n\n00:00:04.500 --> 00:00:06.000\n<v Ana>We vote on it.\n\n00:00:06.500 --> 00:00:09.000\n<v Sam>Always?\n\n00:00:09.500 --> 00:00:12.000\n<v Ana>Mostly, and <i>staff</i> vote too.\n")
    write(tmp_path / "highlights.csv", 'id,document,tag,content\n4,Ana_W2_interview,Voting,"00:00:04.500 <v Ana>We vote on it. 00:00:06.500 <v Sam>Always? 00:00:09.500 <v Ana>Mostly, and <i>staff</i> vote"\n')
    write(tmp_path / "study.yaml", "documents: ['*_interview.vtt']\nspeakers: {Sam: interviewer}\ncodings:\n  - {path: highlights.csv, coder: ak}\n")
    assert _placed(qlr.load(tmp_path, progress=False)) == [("Ana_W2_interview", "We vote on it.\n\nSam: Always?\n\nAna: Mostly, and staff vote", "voting", "ak")]


# Taguette's "Export highlights" as HTML (templates/export_highlights.html): each highlight's own HTML, then
# "Document: … Tags: a, b", between rules; no ids.
_TAGUETTE_HTML = (
    "<!DOCTYPE html><html><head><meta charset='UTF-8'><title>Taguette highlights</title></head><body>"
    "<h1>Taguette highlights</h1>\n"
    "<p>The bus only comes twice a day, so I walk most weeks.</p><p>It takes me forty minutes each way.</p>"
    "<p><strong>Document:</strong> P1_W1_interview\n<strong>Tags:</strong>\n  Transport::Bus,\n  Walking\n</p><hr>\n"
    "<p>They <em>listen</em> to me</p><p><strong>Document:</strong> P1_W1_interview <strong>Tags:</strong></p><hr>\n"
    "<p>The staff are kind</p><p><strong>Document:</strong> P2_W1_interview <strong>Tags:</strong> Trust in staff</p>"
    "</body></html>"
)


def test_taguettes_highlights_exported_as_a_web_page_are_read_with_their_tags(tmp_path):
    folder = _study(tmp_path, "  - {path: highlights.html, coder: ak}\n", {"highlights.html": _TAGUETTE_HTML})
    study = qlr.load(folder, progress=False)
    both = "The bus only comes twice a day, so I walk most weeks.\nIt takes me forty minutes each way."
    assert _placed(study) == [
        ("P1_W1_interview", both, "transport_bus", "ak"),
        ("P1_W1_interview", both, "walking", "ak"),
        ("P2_W1_interview", "The staff are kind", "trust_in_staff", "ak"),
    ]
    notes = " ".join(study.meta["inferred"])
    assert "1 highlight(s) carry no tag and are no codings (line" in notes and "the tags of 1 highlight(s) are read cut at ', '" in notes


def test_a_refused_codings_file_lists_its_own_columns_and_says_where_the_coder_came_from(tmp_path):
    # A table in no layout qlr knows: the columns listed are the file's; the coder the entry gives is said apart.
    folder = _study(tmp_path, "  - {path: mine.csv, coder: ak}\n", {"mine.csv": "passage,file,label\nI trust them,P1_W1_interview,Trust\n"})
    with pytest.raises(ManifestError, match=r"its columns are passage, file, label \(its coder, 'ak', comes from the manifest entry\)\. Fix: rename"):
        qlr.load(folder, progress=False)


# What Taguette 1.5 does when a researcher uploads transcripts (HTML, WebVTT), highlights passages and downloads
# "Export highlights" (CSV and Excel) and "Export codebook" (.qdc): its own conversion, snippet extraction and
# exporters (taguette/convert.py, extract.py, export.py, as its web handlers call them).
TAGUETTE_HIGHLIGHTS = """
import asyncio, sys
import bs4
from taguette import convert, database, export, extract
from taguette.database import Document, Highlight, Project, Tag, highlight_tags

db_path, out, wanted, *files = sys.argv[1:]
session = database.connect("sqlite:///" + db_path)()
project = Project(name="oracle", description="")
session.add(project)
session.flush()
documents = {}
for path in files:
    name = path.rsplit("/", 1)[-1]
    contents = asyncio.run(convert.to_html(open(path, "rb").read(), "", name, {}))
    documents[name.rsplit(".", 1)[0]] = doc = Document(name=name.rsplit(".", 1)[0], description="", filename=name, project=project, text_direction="LEFT_TO_RIGHT", contents=contents)
    session.add(doc)
session.flush()
tags = {}
for line in wanted.splitlines():
    name, names, first, last = line.split("\t")  # a highlight from the first words given to the end of the last
    doc = documents[name]
    text = bs4.BeautifulSoup(doc.contents, "html5lib").get_text()
    at = text.index(first)
    start = len(text[:at].encode("utf-8"))  # Taguette's offsets count UTF-8 bytes of the text
    end = len(text[: text.index(last, at) + len(last)].encode("utf-8"))
    highlight = Highlight(document=doc, start_offset=start, end_offset=end, snippet=extract.extract(doc.contents, start, end))
    session.add(highlight)
    session.flush()
    for tag in names.split("|"):
        if tag not in tags:
            tags[tag] = Tag(project=project, path=tag, description="")
            session.add(tags[tag])
            session.flush()
        session.execute(highlight_tags.insert(), [{"highlight_id": highlight.id, "tag_id": tags[tag].id}])
session.add(Tag(project=project, path="Not yet used", description=""))
session.commit()
with open(out + "/highlights.csv", "w", newline="") as f:
    export.highlights_csv(session, project.id, "", f)
export.highlights_xslx(session, project.id, "", out + "/highlights.xlsx")
export.codebook_xml(list(session.get(Project, project.id).tags), out + "/codebook.qdc")


async def as_html():  # "Export highlights" as HTML (Word and PDF are this page converted by Calibre)
    import tornado.locale

    _, chunks = export.highlights_doc(session, project.id, "", "html", config={}, locale=tornado.locale.get("en_US"))
    with open(out + "/highlights.html", "wb") as f:
        f.write(b"".join(c if isinstance(c, bytes) else c.encode() for c in await chunks))


asyncio.run(as_html())
"""
_ANA = (
    "<html><head><title>Ana, wave 1</title></head><body>\n"
    "<p>Interviewer: How do you get to the centre?</p>\n"
    "<p>Ana: The bus comes twice a day, so I <em>walk</em>, mostly. It takes forty minutes.</p>\n"
    "<p>Interviewer: And the staff?</p>\n"
    "<p>Ana: I trust them. They <strong>listen</strong> to me, which nobody did before.</p>\n"
    "<p>Ana: Money is tight; if I do more hours my benefits stop.</p>\n"
    "</body></html>\n"
)
# A Zoom-style caption file: Taguette shows each cue as "00:00:04.500 <v Ana>We vote …", tags and all.
_ANA_W2 = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sam Reid>Who decides what the group does?\n\n"
    "00:00:04.500 --> 00:00:09.000\n<v Ana>We vote on it together now.\n\n"
    "00:00:09.500 --> 00:00:12.000\n<v Ana>Everyone gets <b>one</b> vote, staff too.\n"
)
# (document, tags, the highlight's first words as Taguette shows them, its last words, the words qlr places it on)
_ANA_HIGHLIGHTS = [
    ("Ana_W1_interview", "Travel::Bus", "The bus comes", "twice a day", "The bus comes twice a day"),
    ("Ana_W1_interview", "Travel::Bus|Walking", "so I walk", "forty minutes.", "so I walk, mostly. It takes forty minutes."),
    ("Ana_W1_interview", "Trust in staff", "They listen", "did before.", "They listen to me, which nobody did before."),
    ("Ana_W1_interview", "Barriers::Benefits", "if I do", "benefits stop", "if I do more hours my benefits stop"),
    ("Ana_W2_interview", "Voting", "00:00:04.500", "<b>one</b> vote", "We vote on it together now. Everyone gets one vote"),
    ("Ana_W2_interview", "Equal say", "gets <b>one", "staff too.", "gets one vote, staff too."),
]


@pytest.mark.skipif(not TAGUETTE, reason="set QLR_TAGUETTE to the python (or taguette) of a test-only venv with taguette 1.5 from PyPI")
@pytest.mark.parametrize("export", ["highlights.csv", "highlights.xlsx", "highlights.html"])
def test_taguettes_own_highlights_export_gives_its_highlights_with_the_ids_of_its_codebook(tmp_path, export):
    files = [write(tmp_path / "Ana_W1_interview.html", _ANA), write(tmp_path / "Ana_W2_interview.vtt", _ANA_W2)]
    wanted = "\n".join("\t".join(highlight[:4]) for highlight in _ANA_HIGHLIGHTS)
    subprocess.run([str(_taguette_python()), "-c", TAGUETTE_HIGHLIGHTS, str(tmp_path / "t.sqlite3"), str(tmp_path), wanted, *map(str, files)], check=True, capture_output=True, timeout=300)
    said = (tmp_path / "highlights.csv").read_text(encoding="utf-8")
    assert " walk , mostly" in said and "00:00:09.500 <v Ana>Everyone gets <b>one</b> vote" in said  # as Taguette writes them
    # Taguette wrote the highlights in three formats; the two not read are left out on purpose (else data left out, stop 41).
    write(tmp_path / "study.yaml", f"documents: ['*_interview.*']\nexclude: ['highlights.*']\nspeakers: {{Sam Reid: interviewer}}\ncodings:\n  - {{path: {export}, coder: ak}}\n")
    study = qlr.load(tmp_path, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Taguette's empty <Sets/>
        team = qlr.read_codebook(tmp_path / "codebook.qdc")
    id_of = {code.name: code.id for code in team}
    expected = [(doc, words, id_of[tag]) for doc, tags, *_, words in _ANA_HIGHLIGHTS for tag in tags.split("|")]
    assert sorted((doc, words.replace("\n\nAna: ", " "), code) for doc, words, code, _ in _placed(study)) == sorted(expected)
    assert set(study.codings["coder"]) == {"ak"} and id_of["Barriers::Benefits"] == "barriers_benefits"
    assert {code.id for code in study.codebooks["highlights"]} == set(id_of.values()) - {"not_yet_used"}
