"""Fixes after the review of stop 43: front matter, numbered role groups, loose files' waves, not coded, captions."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
import yaml

import qlr
from qlr.evidence import NOT_CODED
from qlr.io import read_document

from .conftest import write
from .test_not_coded_43 import GARDEN, _pooled


def _said(tmp_path, name, text):
    folder = tmp_path / name.split(".")[0]
    write(folder / name, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder)
    # The closing rule stays with the turn above it, as it did before front matter was read.
    texts = (text.removesuffix("\n---") for text in study.segment_texts())
    return list(zip(study.segments["speaker"].astype(object).fillna(""), texts, strict=True))


def test_an_opening_exchange_between_rules_is_no_front_matter(tmp_path):
    # The exchange between the rules had been cut as front matter: only a count in the load notes.
    text = (
        "---\nEntrevistador: Onde nasceste?\nJoana da Costa: Em Braga, perto do mercado velho.\n---\n\n"
        "Entrevistador: E a escola?\n\nJoana da Costa: Era longe de casa.\n"
    )
    said = _said(tmp_path, "Joana_W1_interview.md", text)
    assert ("Joana da Costa", "Em Braga, perto do mercado velho.") in said
    assert ("Entrevistador", "Onde nasceste?") in said
    accented = "---\nInterviewer: When did you move?\nÉmile: We moved in the spring of the flood year.\n---\n\nInterviewer: Why?\n\nÉmile: Work.\n"
    assert ("Émile", "We moved in the spring of the flood year.") in _said(tmp_path, "Emile_W1_interview.md", accented)
    # A lower-case label that opens the turns below, with words said after it.
    lower = "---\nspeaker 1: right so shall we start\nspeaker 2: fine by me\n---\nspeaker 1: good\nspeaker 2: yes\n"
    assert read_document(write(tmp_path / "C9_W1_interview.md", lower)).text == lower
    # An exchange alone between rules: a question and a sentence after capitalised labels.
    alone = "---\nEntrevistadora: Onde cresceste?\nRosa Lima: Na aldeia dos meus avós, junto ao rio.\n---\n"
    assert read_document(write(tmp_path / "C8_W1_interview.md", alone)).text == alone


def test_front_matter_naming_the_speakers_of_the_turns_below_is_still_cut(tmp_path):
    # A write-up's front matter names who speaks ("speaker 1: Ana Reis") over "**Speaker 1:**" turns; a title
    # may be a question; "Interviewer: Sam Jones" over "Interviewer:" turns.
    text = (
        "---\ndate: 04-03-2025\nname: Um dia no porto\nspeaker 1: Ana Reis\nspeaker 2: Rui Vaz\n---\n"
        "**Speaker 1:**\nOlá, Rui.\n\n**Speaker 2:**\nOlá.\n"
    )
    assert read_document(write(tmp_path / "A_W1_interview.md", text)).text.startswith("**Speaker 1:**")
    titled = "---\nTitle: Why do we garden?\nInterviewer: Sam Jones\nDate: 2025-04-03\n---\nInterviewer: Hi\n\nAna: Hello\n"
    assert read_document(write(tmp_path / "B_W1_interview.md", titled)).text.startswith("Interviewer: Hi")


def _template(tmp_path, files: dict[str, str]) -> str:
    for name, text in files.items():
        write(tmp_path / name, text)
    return qlr.io.folder_template(tmp_path)


_TALK = "Interviewer: How is the new rota working?\n\nRespondent: It suits me on most days, though Mondays drag.\n"


def test_people_numbered_within_their_group_are_each_a_case(tmp_path):
    # Three teachers and two parents had become two cases, "Teacher" at W1-W3 and "Parent" at W1-W2.
    names = ["Nurse 1", "Nurse 2", "Nurse 3", "Carer 1", "Carer 2"]
    template = _template(tmp_path, {f"{name}.txt": _TALK for name in names})
    manifest = yaml.safe_load(template)
    assert sorted(case["id"] for case in manifest["cases"]) == ["Carer_1", "Carer_2", "Nurse_1", "Nurse_2", "Nurse_3"]
    assert [wave["id"] for wave in manifest["waves"]] == ["W1"]
    assert "differ only by a closing number" not in template  # different people, nothing to check
    coded = _template(tmp_path / "codes", {f"P {n}.txt": _TALK for n in (1, 2)} | {f"T {n}.txt": _TALK for n in (1, 2, 3)})
    assert len(yaml.safe_load(coded)["cases"]) == 5


def test_a_persons_numbered_interviews_are_merged_with_a_check_line(tmp_path):
    template = _template(tmp_path, {"Rosa 1.txt": _TALK, "Rosa 2.txt": _TALK, "Tiago 1.txt": _TALK})
    manifest = yaml.safe_load(template)
    assert sorted(case["id"] for case in manifest["cases"]) == ["Rosa", "Tiago"]
    check = next(line for line in template.splitlines() if line.startswith("# Check:") and "'Rosa'" in line)
    assert "'Tiago'" in check and "own case" in check


def _dated(day: str, who: str) -> str:
    return f"Date: {day}\n\nInterviewer: Anything new at the allotment?\n\n{who}: The committee still sets the fees.\n"


def test_a_loose_file_dated_in_a_waves_dates_goes_there_though_another_wave_is_undated(tmp_path):
    # Round 2 has an undated file, so no dates; the loose file dated in round 3's dates had gone to W1 with
    # "no wave in the name, nor a date in a wave's dates".
    files = {f"Round {n}/{who} talk.txt": _dated(day, who) for n, day in ((1, "4 May 2024"), (3, "6 May 2025")) for who in ("Lena", "Omar")}
    files |= {"Round 2/Lena talk.txt": "Interviewer: Anything new?\n\nLena: No.\n", "Round 2/Omar talk.txt": _dated("9 November 2024", "Omar")}
    files |= {"Later/Lena extra.txt": _dated("6 May 2025", "Lena"), "Later/Omar extra.txt": _dated("1 August 2024", "Omar")}
    manifest = yaml.safe_load(template := _template(tmp_path, files))
    placed = {doc["path"]: doc["wave"] for doc in manifest["documents"]}
    assert placed["Later/Lena extra.txt"] == "W3"
    # Between dated waves, with an undated one among them: the first wave, and the message says why.
    assert placed["Later/Omar extra.txt"] == "W1"
    assert "Later/Omar extra.txt (dated 2024-08-01, in no dated wave's dates, and W2 undated)" in template


def test_the_time_ordered_matrix_says_not_coded(tmp_path):
    (tmp_path / "huerto.yaml").write_text(GARDEN, encoding="utf-8")
    garden_book = qlr.read_codebook(tmp_path / "huerto.yaml")
    # The garden study's cases had no row at all on the bundled codebook, as if seen with nothing coded.
    table = qlr.track.time_ordered_matrix(_pooled(garden_book), codebook="coproduction").table
    spanish = table[table["case_id"].str.startswith("es:")]
    assert set(spanish["case_id"]) == {"es:Luz", "es:Marta"}
    assert set(spanish["n_codings"]) == {NOT_CODED} and len(spanish) == 4  # a gap row per case and wave
    # On the garden codebook, the English cases are the ones not coded; its own cases keep their codings.
    garden = qlr.track.time_ordered_matrix(_pooled(garden_book), codebook="huerto").table
    assert set(garden.loc[garden["case_id"].str.startswith("en:"), "n_codings"]) == {NOT_CODED}
    assert NOT_CODED not in set(garden.loc[garden["case_id"].str.startswith("es:"), "n_codings"])


_CAPTION = "This picture is the bus stop where we wait every morning. The council moved it without asking anyone.\n\nI chose it because it shows who decides.\n"


def test_a_folder_of_photo_captions_alone_keeps_its_authors(tmp_path):
    # Each caption its author's document, then no case at all: "a folder of no interview … the study's material".
    authors = ["Lina Park", "Sami Okoro", "Dee Frost"]
    manifest = yaml.safe_load(_template(tmp_path, {f"{who} photo.txt": _CAPTION for who in authors}))
    assert sorted(case["id"] for case in manifest["cases"]) == ["Dee_Frost", "Lina_Park", "Sami_Okoro"]
    assert {doc["kind"] for doc in manifest["documents"]} == {"document"}
    # Beside people's interviews, a caption is still its author's; a report of two words is still the study's.
    files = {"Project plan report.txt": _CAPTION, "Lina Park photo.txt": _CAPTION} | {f"{who}_W1_interview.txt": _TALK for who in ("Omar", "Tess")}
    beside = yaml.safe_load(_template(tmp_path / "beside", files))
    assert sorted(case["id"] for case in beside["cases"]) == ["Lina_Park", "Omar", "Tess"]


def test_agreements_old_code_name_works_as_users_read_it(tmp_path):
    # Only ["code"] and xs(level="code") had worked; a list of columns, .code, set_index, groupby and merge on "code"
    # raised KeyError or AttributeError with no word of code_id.
    from .conftest import ROOT

    flat = qlr.code.agreement(qlr.load(ROOT / "data" / "sample", progress=False), coders=["rm", "so"]).reset_index()
    codes = flat["code_id"].tolist()
    said = "'code' is now 'code_id'"
    with pytest.warns(DeprecationWarning, match=said):
        assert flat[["code", "cohen_kappa"]].columns.tolist() == ["code_id", "cohen_kappa"]
    with pytest.warns(DeprecationWarning, match=said):
        assert flat.code.tolist() == codes
    with pytest.warns(DeprecationWarning, match=said):
        assert flat.set_index("code").index.tolist() == codes
    with pytest.warns(DeprecationWarning, match=said):
        assert flat.groupby("code")["n_units"].sum().index.name == "code"
    labels = pd.DataFrame({"code": codes[:3], "label": ["a", "b", "c"]})
    with pytest.warns(DeprecationWarning, match=said):
        joined = flat.merge(labels, on="code")
    assert joined["code"].tolist() == codes[:3] and joined["label"].tolist() == ["a", "b", "c"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        flat.set_index("code_id"), flat.merge(labels.rename(columns={"code": "code_id"}), on="code_id"), flat.groupby("code_id")
