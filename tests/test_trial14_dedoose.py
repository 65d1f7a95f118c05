"""The fourteenth trial: a Dedoose team's excerpts export read as earlier coding, its code weights, excerpt dates
and descriptor fields kept.

Each export is written here in the layout of Dedoose's excerpts export as teams' scripts read it (facts only):
"Media Title", "Excerpt Range", "Excerpt Creator", "Excerpt Date" (month first), "Excerpt Copy", "Resource Creator",
"Resource Date", "Codes Applied Combined", the descriptor fields linked to the media, then three columns per code,
"Code: Parent\\Child Applied" (True/False), "… Range" (the code's weights, "1-5") and "… Weight"; a CSV ends each
line with a comma. The transcripts are made up.
"""

from __future__ import annotations

import csv
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import FilesNotLoadedWarning, PoolingWarning
from qlr.io import template_for

from .conftest import write

_TEXTS = {
    "P01_Wave1_Interview.txt": "Interviewer: How was the class?\n\nRespondent: They stand up and tell us things and we nod.\n",
    "P01_Wave2_Interview.txt": "Interviewer: And now?\n\nRespondent: I trust the nurses more now, they listen first.\n",
    "P02_Wave1_Interview.txt": "Interviewer: How was the class?\n\nRespondent: The bus takes an hour each way, so I miss it.\n",
    "P02_Wave3_Interview.txt": "Interviewer: And now?\n\nRespondent: A lady from church gives me rides, and I trust the staff.\n",
}
_CODES = ["Barriers\\Transport", "Trust in Staff"]


def _row(media: str, words: str, coder: str, date: str, site: str, insurance: str, codes: dict[str, str]) -> dict[str, str]:
    row = {"Media Title": media, "Excerpt Range": "40-90", "Excerpt Creator": coder, "Excerpt Date": date, "Excerpt Copy": words,
           "Resource Creator": "jl", "Resource Date": "3/1/2024", "Codes Applied Combined": ", ".join(c.split("\\")[-1] for c in codes),
           "Participant ID": media[:3], "Site": site, "Insurance": insurance}
    for code in _CODES:
        row[f"Code: {code} Applied"] = "True" if code in codes else "False"
        row[f"Code: {code} Range"] = "1-5" if code in codes and code == "Trust in Staff" else ""
        row[f"Code: {code} Weight"] = codes.get(code, "")
    return row


_ROWS = [
    _row("P01_Wave1_Interview.docx", "They stand up and tell us things and we nod.", "jl", "4/2/2024", "Eastside", "Medicaid", {"Trust in Staff": "1"}),
    _row("P01_Wave2_Interview.docx", "I trust the nurses more now, they listen first.", "jl", "10/8/2024", "Eastside", "Private", {"Trust in Staff": "4"}),
    _row("P01_Wave2_Interview.docx", "I trust the nurses more now", "mc", "10/9/2024", "Eastside", "Private", {"Trust in Staff": "3"}),
    _row("P02_Wave1_Interview.docx", "The bus takes an hour each way, so I miss it.", "jl", "4/3/2024", "Northgate", "Medicare", {"Barriers\\Transport": ""}),
    _row("P02_Wave3_Interview.docx", "I trust the staff.", "jl", "4/15/2025", "Northgate", "Medicare", {"Trust in Staff": "5"}),
]


def _study(tmp_path, manifest: str = "", rows: list[dict[str, str]] = _ROWS) -> object:
    """The four transcripts (P02 missed Wave 2) and the team's excerpts export as Dedoose writes its CSV."""
    for name, text in _TEXTS.items():
        write(tmp_path / name, text)
    with open(tmp_path / "excerpts.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([*rows[0], ""])  # Dedoose ends each line with a comma: an unnamed, empty last column
        writer.writerows([*row.values(), ""] for row in rows)
    write(tmp_path / "study.yaml", f"documents: ['*_Interview.txt']\n{manifest}codings:\n  - excerpts.csv\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return qlr.load(tmp_path)


def test_each_weight_a_coder_gave_is_kept_with_its_coding(tmp_path):
    study = _study(tmp_path)
    weights = study.meta["code_weights"]
    codings = study.codings.set_index("coding_id")
    kept = sorted((codings.at[key, "doc_id"], codings.at[key, "coder"], value) for key, value in weights.items())
    # Four weights of "Trust in Staff"; the transport coding has none (the code is not weighted).
    assert kept == [("P01_Wave1_Interview", "jl", 1.0), ("P01_Wave2_Interview", "jl", 4.0), ("P01_Wave2_Interview", "mc", 3.0), ("P02_Wave3_Interview", "jl", 5.0)]
    assert set(weights) <= set(study.codings["coding_id"])
    # The code columns' "Range" (the weights a code allows) and "Weight" are no codes of their own.
    assert sorted(study.codings["code_id"].unique()) == ["barriers.transport", "trust_in_staff"]
    assert any("4 code weight(s) kept" in note for note in study.meta["inferred"])
    # The weights travel with the project file.
    study.save(tmp_path / "p.qlr")
    assert qlr.open(tmp_path / "p.qlr").meta["code_weights"] == weights


def test_an_excerpts_date_is_its_codings_date_read_month_first(tmp_path):
    study = _study(tmp_path)
    dated = dict(zip(study.codings["coder"] + " " + study.codings["doc_id"], study.codings["created"].dt.strftime("%Y-%m-%d")))
    assert dated["mc P01_Wave2_Interview"] == "2024-10-09"
    assert dated["jl P02_Wave3_Interview"] == "2025-04-15"


def test_descriptor_fields_are_the_cases_or_each_waves_attributes(tmp_path):
    study = _study(tmp_path)
    cases = study.cases.set_index("case_id")
    assert cases["Site"].to_dict() == {"P01": "Eastside", "P02": "Northgate"}
    assert "Insurance" not in cases.columns  # P01's changes between waves
    per_wave = study.case_waves.set_index(["case_id", "wave_id"])["Insurance"].to_dict()
    assert per_wave == {("P01", "Wave1"): "Medicaid", ("P01", "Wave2"): "Private", ("P02", "Wave1"): "Medicare", ("P02", "Wave3"): "Medicare"}
    # The trailing empty column is no descriptor; attrition reads the added rows as saying nothing of the design.
    assert not [c for c in [*study.cases.columns, *study.case_waves.columns] if str(c).startswith("Unnamed")]
    assert study.attrition().loc["P02", "Wave2"] == "missed"
    notes = " ".join(study.meta["inferred"])
    assert "'Participant ID', 'Site'" in notes and "'Insurance'" in notes


def test_the_studys_own_values_are_not_replaced_and_the_difference_is_said(tmp_path):
    study = _study(tmp_path, manifest="cases:\n  - {id: P01, attributes: {Site: Westside}}\n  - {id: P02}\n")
    assert study.cases.set_index("case_id")["Site"].to_dict() == {"P01": "Westside", "P02": "Northgate"}
    # The note names the case, both values and the file (stop 49: "Site of P01" only).
    assert any("excerpts.csv: 1 value(s) differ from the study's own, which are kept: P01 Site 'Westside' (excerpts.csv: 'Eastside')" in note for note in study.meta["inferred"])


def test_a_descriptor_written_in_another_coding_is_no_conflict_and_a_field_spelt_as_the_study_s_fills_it(tmp_path):
    rows = [{**row, "Gender": "F" if row["Media Title"].startswith("P01") else "Male"} for row in _ROWS]
    study = _study(tmp_path, manifest="cases:\n  - {id: P01, attributes: {gender: female}}\n  - {id: P02, attributes: {gender: M}}\n", rows=rows)
    # "F" is study.yaml's "female", "Male" its "M": one value each, said nowhere as differing (stop 49: a second
    # column "Gender" beside study.yaml's "gender", and nothing said).
    assert study.cases.set_index("case_id")["gender"].to_dict() == {"P01": "female", "P02": "M"}
    assert "Gender" not in study.cases.columns
    assert not any("differ from the study's own" in note for note in study.meta["inferred"])


def test_a_qlr_codings_table_with_a_weight_column_keeps_it_and_names_what_is_no_number(tmp_path):
    for name, text in _TEXTS.items():
        write(tmp_path / name, text)
    pd.DataFrame(
        {"doc_id": ["P01_Wave1_Interview", "P02_Wave1_Interview"], "quote": ["we nod", "I miss it"], "code_id": ["trust", "transport"], "coder": ["jl", "jl"], "weight": ["2", "high"]}
    ).to_csv(tmp_path / "codings.csv", index=False)
    write(tmp_path / "study.yaml", "documents: ['*_Interview.txt']\ncodings:\n  - codings.csv\n")
    study = qlr.load(tmp_path)
    assert list(study.meta["code_weights"].values()) == [2.0]
    assert any("1 weight(s) are not numbers and are not kept: 'high' (coding 2)" in note for note in study.meta["inferred"])


def test_a_folder_names_its_excerpts_export_and_the_template_offers_it_as_codings(tmp_path):
    for name, text in _TEXTS.items():
        write(tmp_path / "media" / name, text)
    (tmp_path / "dedoose").mkdir()
    with open(tmp_path / "dedoose" / "excerpts.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([list(_ROWS[0]), *(list(row.values()) for row in _ROWS)])
    # A table of descriptors names its media too, but is no export of excerpts; a list of ages is no tool's at all.
    write(tmp_path / "dedoose" / "descriptors.csv", "Media Title,Participant ID,Wave\nP01_Wave1_Interview.docx,P01,Wave 1\n")
    write(tmp_path / "dedoose" / "ages.csv", "participant,age\nP01,40\n")
    with pytest.warns(FilesNotLoadedWarning, match=r"1 file\(s\) are a QDA tool's tables of coded passages .* dedoose/excerpts.csv\. Fix: list each under 'codings:'"):
        study = qlr.load(tmp_path)
    assert len(study.documents) == 4 and study.meta["coding_exports"] == ["dedoose/excerpts.csv"]
    # The other tables are not read, and the load notes say which.
    assert "2 table(s) not read (a folder reads a table as a transcript where its name is {case}_{wave}_{kind}" in " ".join(study.meta["inferred"])
    assert any(note.endswith("dedoose/ages.csv, dedoose/descriptors.csv") for note in study.meta["inferred"])
    with pytest.warns(FilesNotLoadedWarning):
        template = template_for(tmp_path)
    assert "#   - {path: dedoose/excerpts.csv, coder: CODER}" in template and "descriptors.csv" not in template
    # The template with its entry uncommented reads the excerpts as codings, each by its Excerpt Creator.
    write(tmp_path / "study.yaml", template.replace("# codings:\n#   - {path: dedoose/excerpts.csv, coder: CODER}", "codings:\n  - dedoose/excerpts.csv"))
    assert qlr.load(tmp_path).codings.groupby("coder").size().to_dict() == {"jl": 4, "mc": 1}


def test_code_weights_travel_through_a_qdpx_export_and_back(tmp_path):
    study = _study(tmp_path / "study")
    qlr.io.write_qdpx(study, tmp_path / "team.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "team.qdpx")
    assert back.meta["code_weights"] == study.meta["code_weights"] and sorted(back.meta["code_weights"].values()) == [1.0, 3.0, 4.0, 5.0]
    # So do the descriptors, as the cases' attributes and each wave's.
    assert back.cases.set_index("case_id")["Site"].to_dict() == {"P01": "Eastside", "P02": "Northgate"}
    assert back.case_waves.set_index(["case_id", "wave_id"])["Insurance"].to_dict()[("P01", "Wave2")] == "Private"


def test_a_descriptor_set_linked_to_media_is_a_data_list_by_its_media_title(tmp_path):
    for name, text in _TEXTS.items():
        write(tmp_path / name, text)
    # Dedoose's descriptor set of the interviews, exported: a row per media, its "Media Title" the file's.
    write(
        tmp_path / "descriptors.csv",
        "Media Title,Participant ID,Wave,Interview Date\n"
        "P01_Wave1_Interview.docx,P01,Wave 1,2024-03-12\nP01_Wave2_Interview.docx,P01,Wave 2,2024-09-10\n"
        "P02_Wave1_Interview.docx,P02,Wave 1,2024-03-12\nP02_Wave3_Interview.docx,P02,Wave 3,2025-03-14\n",
    )
    write(tmp_path / "study.yaml", "documents:\n  - list: descriptors.csv\n")
    study = qlr.load(tmp_path)
    placed = study.documents.set_index("doc_id")[["case_id", "wave_id"]].to_dict("index")
    assert placed["P02_Wave3_Interview"] == {"case_id": "P02", "wave_id": "W3"} and len(placed) == 4
    assert study.attrition().loc["P02", "W2"] == "missed"


def test_code_weights_stay_with_their_codings_in_a_pooled_study(tmp_path):
    # A second site's team coded two of the same interviews, one weight of 2 where the first gave 1.
    other = [{**row, "Excerpt Creator": "zz"} for row in [*_ROWS[:2], _ROWS[3]]]
    other[0]["Code: Trust in Staff Weight"] = "2"
    parts = [_study(tmp_path / "a"), _study(tmp_path / "b", rows=other)]
    with pytest.warns(PoolingWarning, match="4 texts are in more than one study"):  # the test's two sites share transcripts
        pooled = qlr.concat(parts, keys=["sitea", "siteb"])
    codings = pooled.codings.set_index("coding_id")
    weights = pooled.meta["code_weights"]
    assert set(weights) <= set(codings.index)
    # Each pooled coding has the weight its part's coding had: 4 of the first site's, 2 of the second's.
    kept = sorted((codings.at[key, "doc_id"], codings.at[key, "coder"], value) for key, value in weights.items())
    assert kept == [
        ("sitea:P01_Wave1_Interview", "jl", 1.0),
        ("sitea:P01_Wave2_Interview", "jl", 4.0),
        ("sitea:P01_Wave2_Interview", "mc", 3.0),
        ("sitea:P02_Wave3_Interview", "jl", 5.0),
        ("siteb:P01_Wave1_Interview", "zz", 2.0),
        ("siteb:P01_Wave2_Interview", "zz", 4.0),
    ]


def test_agreement_on_the_weights_is_krippendorffs_interval_alpha_of_the_kept_weights(tmp_path):
    # Dedoose's training centre scores a weighting test apart from the codes: here the recipe docs/study-folder.md gives.
    extra = [
        _row("P01_Wave1_Interview.docx", "They stand up and tell us things and we nod.", "mc", "4/4/2024", "Eastside", "Medicaid", {"Trust in Staff": "2"}),
        _row("P02_Wave3_Interview.docx", "I trust the staff.", "mc", "4/16/2025", "Northgate", "Medicare", {"Trust in Staff": "5"}),
    ]
    study = _study(tmp_path, rows=[*_ROWS, *extra])
    codings = study.codings.assign(weight=study.codings["coding_id"].map(study.meta["code_weights"]))
    table = codings[codings["code_id"] == "trust_in_staff"].pivot_table(index="seg_id", columns="coder", values="weight")
    result = qlr.code.reliability(table[["jl", "mc"]], measurement="interval")
    # Three segments weighted by both, (1, 2), (4, 3), (5, 5): D_o = (2·1 + 2·1 + 0) / 6 = 0.667; the six values'
    # squared deviations from their mean 3.333 sum to 13.333, D_e = 2·6·13.333 / (6·5) = 5.333; α = 1 − 0.667/5.333.
    assert result["n_units"] == 3 and round(result["krippendorff_alpha"], 3) == 0.875
