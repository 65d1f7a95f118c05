"""A fifth new user's trial (a recovery college): loading without a manifest, and the template."""

from __future__ import annotations

import warnings

import qlr
from qlr.errors import FilesNotLoadedWarning

TALK = "Interviewer: How have the sessions been?\n{who}: Better than I thought, we plan them together now.\n"


def _folder(tmp_path, extra: dict[str, str]):
    for case in ("A01", "B02"):
        for wave in ("T1", "T2"):
            (tmp_path / f"{case}_{wave}_interview.txt").write_text(TALK.format(who=case), encoding="utf-8")
    for name, text in extra.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    return study, [str(w.message) for w in caught if issubclass(w.category, FilesNotLoadedWarning)]


def test_a_two_part_name_with_a_case_and_wave_of_its_own_is_not_made_a_case(tmp_path):
    """'prospectus_2025.txt' had become case 'prospectus' at wave '2025', and every real case 'dropped out'."""
    study, left = _folder(tmp_path, {"papers/handbook_2024.txt": "The garden handbook.\n\nBeds are shared by rota.\n"})
    assert set(study.cases["case_id"]) == {"A01", "B02"}
    assert list(study.waves["wave_id"]) == ["T1", "T2"]
    assert list(study.attrition()["pattern"]) == ["complete", "complete"]
    assert len(left) == 1 and "papers/handbook_2024.txt" in left[0]
    assert any("not case 'handbook' at wave '2024'" in note for note in study.meta["inferred"])
    # The template lists it as the other misnamed files: the study's, at no case or wave, of its folder's kind.
    template = qlr.io.manifest_template(study)
    assert "- path: papers/handbook_2024.txt\n  kind: document\n" in template
    assert "case: handbook" not in template and "'2024'" not in template


def test_two_part_names_that_share_a_case_or_a_wave_are_still_read(tmp_path):
    extra = {"A01_T3.txt": TALK.format(who="A01"), "C03_T1.txt": TALK.format(who="C03"), "D04_T5.txt": TALK.format(who="D04")}
    study, left = _folder(tmp_path, extra)
    assert set(study.documents["doc_id"]) >= {"A01_T3", "C03_T1", "D04_T5"} and not left
    # D04 at T5: a case and a wave no other file has, but its wave is written as the others are: a participant's file.
    assert set(study.cases["case_id"]) == {"A01", "B02", "C03", "D04"} and {"T3", "T5"} <= set(study.waves["wave_id"])


def test_a_study_of_two_part_names_is_read_as_before(tmp_path):
    for name in ("Ann_2023-03-01.txt", "Bo_2023-03-02.txt", "Cy_W1.txt"):
        (tmp_path / name).write_text(TALK.format(who="Ann"), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert set(study.cases["case_id"]) == {"Ann", "Bo", "Cy"} and len(study.documents) == 3


GROUP = (
    "Moderator: What changed this year?\nAlma Reyes: We choose the topics now.\nBeto Cruz: Mostly, yes.\n"
    "Moderator: Anything else?\nAlma Reyes: The rota is ours.\nBeto Cruz: And the budget, nearly.\n"
)


def _dated_folder(tmp_path):
    days = {"T1": "4 March 2024", "T2": "9 September 2024"}
    for case, who in (("A01", "Alma Reyes"), ("B02", "Beto Cruz")):
        for wave, day in days.items():
            text = (
                f"Date of interview: {day}\n\nSam: How have the sessions been?\n{who}: We plan them together now.\n"
                f"Sam: And the tutors?\n{who}: They ask us first, mostly.\n"
            )
            (tmp_path / f"{case}_{wave}_interview.txt").write_text(text, encoding="utf-8")
    (tmp_path / "groups").mkdir()
    (tmp_path / "groups" / "focus_group_T2.txt").write_text(GROUP, encoding="utf-8")
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "steering_minutes.txt").write_text("Steering group minutes, 9 September 2024\n\nPresent: AR, BC.\n", encoding="utf-8")
    (tmp_path / "papers" / "budget_minutes.txt").write_text("Budget meeting minutes, 2 January 2025\n\nPresent: AR.\n", encoding="utf-8")


def test_the_template_gives_a_misnamed_file_the_wave_its_name_or_date_says(tmp_path):
    """A fifth new user's 'focus_group_W2.txt' and dated minutes had no wave in the template."""
    _dated_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.template_for(tmp_path)
    expected = [
        "- path: groups/focus_group_T2.txt\n  kind: focus_group\n  wave: T2\n",
        "groups/focus_group_T2.txt (its name says wave T2)",
        "- path: papers/steering_minutes.txt\n  kind: document\n  wave: T2\n  date: '2024-09-09'\n",
        # A date no wave's dates hold is written, with no wave, and said.
        "- path: papers/budget_minutes.txt\n  kind: document\n  date: '2025-01-02'\n",
        "papers/budget_minutes.txt (dated 2025-01-02, in no wave's dates: give its 'wave:')",
    ]
    assert [line for line in expected if line not in template] == []


def test_the_template_writes_only_the_speakers_whose_role_needs_saying(tmp_path):
    """Every participant's full name had gone into study.yaml, which travels with the study."""
    _dated_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.template_for(tmp_path)
    speakers = template[template.index("\nspeakers:\n") :]
    assert "Sam: interviewer" in speakers and "Moderator" not in speakers
    assert "Alma Reyes" not in template and "Beto Cruz" not in template
    assert "label(s) read as participants without anyone saying so are left out" in template
    # Kept as it is written, the template reads every label as loading the folder did.
    (tmp_path / "study.yaml").write_text(template, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert (roles["Sam"], roles["Moderator"], roles["Alma Reyes"]) == ("interviewer", "interviewer", "participant")
    assert "T2" == study.documents.set_index("doc_id").loc["focus_group_T2", "wave_id"]


def test_a_focus_group_at_no_wave_is_said_in_the_load_notes(tmp_path):
    (tmp_path / "A01_T1_interview.txt").write_text(TALK.format(who="A01"), encoding="utf-8")
    (tmp_path / "circle.txt").write_text(GROUP, encoding="utf-8")
    (tmp_path / "study.yaml").write_text("documents:\n  - A01_T1_interview.txt\n  - {path: circle.txt, kind: focus_group}\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert any(note.startswith("1 focus group(s) at no wave") and note.endswith(": circle") for note in study.meta["inferred"])
