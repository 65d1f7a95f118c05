"""Earlier coding brought as the report a QDA tool prints, not as a project: NVivo's coding report,
ATLAS.ti's table of quotations, Dedoose's table of excerpts, each named under ``codings:``.

Every report here is written for the test in the layout of a real one (named in each test);
the transcripts are made up."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import ManifestError, RowsRefusedWarning

from .conftest import write

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
    assert "1 code weight(s) of excerpts.csv are not kept" in inferred and "1 excerpt(s) carry no code" in inferred


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
