"""The order of waves nothing declares (one rule, ``_sections.order_waves``): a mapping's own order, else the
documents' dates, else what the waves' names say of when, else natural order; said in the load notes."""

from __future__ import annotations

import warnings
import zipfile
from datetime import date

import pytest

import qlr
from qlr.errors import InferenceWarning
from qlr.io._sections import order_waves, wave_place

from .conftest import write

#: Projects written for these tests have no cases and sources of unlabelled text by design; the import's warnings of
#: both (tests/test_phd_trial.py asserts them) are expected here, matched by their exact wording.
pytestmark = [
    pytest.mark.filterwarnings("ignore:.*the project has no cases, so matrices:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
]


#: A mentoring scheme's three rounds, named as such studies name them; "baseline" sorts last by name.
ROUNDS = {"baseline": "14 October 2024", "6month": "9 April 2025", "12month": "20 October 2025"}


def _interview(who: str, when: str | None, line: str = "I feel more at home in the scheme now.") -> str:
    dated = f"Date of interview: {when}\n" if when else ""
    return f"Mentoring scheme interview\n{dated}Interviewer: How has it been?\n{who}: {line}\n"


def _folder(root, rounds=ROUNDS, people=("M1", "M2", "M3"), *, dated=True):
    for person in people:
        for wave, when in rounds.items():
            write(root / "interviews" / f"{person}_{wave}_interview.txt", _interview(person, when if dated else None))
    return root


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["6month", "12month", "baseline"], ["baseline", "6month", "12month"]),
        (["12-month follow-up", "6 months", "intake"], ["intake", "6 months", "12-month follow-up"]),
        (["week 4", "month 6", "year 2", "6m"], None),  # "6m" and "month 6" say one time: no order by names
        (["T1", "T0", "T2"], ["T0", "T1", "T2"]),
        (["exit", "follow-up 2", "baseline", "follow-up 1"], ["baseline", "follow-up 1", "follow-up 2", "exit"]),
        (["post", "pre"], ["pre", "post"]),
        (["endline", "midline", "baseline"], ["baseline", "midline", "endline"]),
        (["final interview", "initial interview"], ["initial interview", "final interview"]),
        (["year 2", "6month", "week 4"], ["week 4", "6month", "year 2"]),
    ],
)
def test_what_a_waves_name_says_of_when_orders_the_waves(names, expected) -> None:
    found = order_waves(sorted(names))
    if expected is None:
        assert found.by == "natural" and found.waves == sorted(names)
    else:
        assert found.waves == expected and found.by == "names"


def test_names_that_say_nothing_of_when_or_count_two_ways_keep_natural_order() -> None:
    assert order_waves(["autumn", "spring"]).waves == ["autumn", "spring"]
    assert order_waves(["6month", "W2"]).by == "natural"  # a time and a number: no order between them
    assert order_waves(["W1", "W2", "W10"]).how == "in natural order"  # the names' order is natural order
    assert [wave_place(name) for name in ("group", "P01", "Launch")] == [None, None, None]


def test_dates_win_over_names_and_a_given_order_over_both() -> None:
    dates = {"alpha": [date(2025, 4, 1)], "beta": [date(2024, 10, 1), date(2024, 10, 9)]}
    found = order_waves(["alpha", "beta"], dates=dates)
    assert (found.waves, found.by, found.doubt) == (["beta", "alpha"], "dates", None)
    assert "beta 2024-10-01" in found.how
    # A wave with no dated document: the dates do not say, the names do.
    assert order_waves(["6month", "baseline"], dates={"6month": [date(2025, 4, 1)]}).waves == ["baseline", "6month"]
    # Names and dates disagree: the dates decide, and the names are the doubt.
    found = order_waves(["W1", "W2"], dates={"W1": [date(2025, 4, 1)], "W2": [date(2024, 10, 1)]})
    assert found.waves == ["W2", "W1"] and found.doubt == "their names say W1, W2"
    # A table's rows are the user's order, even against the dates.
    found = order_waves(["W1", "W2"], dates={"W1": [date(2024, 10, 1)], "W2": [date(2025, 4, 1)]}, given=["W2", "W1"], given_by="the table")
    assert found.waves == ["W2", "W1"] and found.by == "given" and found.doubt == "their documents' dates say W1, W2"


def test_a_folder_without_a_manifest_orders_its_waves_by_the_dates_its_headers_state(tmp_path) -> None:
    study = qlr.load(_folder(tmp_path), progress=False)
    assert list(study.waves.wave_id) == ["baseline", "6month", "12month"]
    note = next(line for line in study.meta["inferred"] if line.startswith("waves inferred"))
    assert note.startswith("waves inferred, in the order of their documents' dates") and note.endswith(": baseline, 6month, 12month")
    assert set(study.attrition()["pattern"]) == {"complete"}


def test_without_dates_the_names_order_the_waves_and_the_note_says_so(tmp_path) -> None:
    study = qlr.load(_folder(tmp_path, dated=False), progress=False)
    assert list(study.waves.wave_id) == ["baseline", "6month", "12month"]
    assert "waves inferred, in the order their names say in time: baseline, 6month, 12month" in study.meta["inferred"]


def test_headers_dates_order_waves_whose_names_say_nothing_of_when(tmp_path) -> None:
    rounds = {"rowan": "3 March 2025", "alder": "15 September 2025"}  # rounds named after trees, alder the later
    study = qlr.load(_folder(tmp_path, rounds), progress=False)
    assert list(study.waves.wave_id) == ["rowan", "alder"]


def test_headers_dates_against_the_names_order_are_warned(tmp_path) -> None:
    rounds = {"W1": "20 October 2025", "W2": "14 October 2024"}  # the W2 headers come first: typed wrong, or the names
    with pytest.warns(InferenceWarning, match=r"ordered by their documents' dates, W2, W1, but their names say W1, W2"):
        study = qlr.load(_folder(tmp_path, rounds), progress=False)
    assert list(study.waves.wave_id) == ["W2", "W1"]


def test_a_manifests_waves_keep_their_order_whatever_the_dates_and_names_say(tmp_path) -> None:
    _folder(tmp_path)
    write(tmp_path / "study.yaml", "waves:\n  - 12month\n  - baseline\n  - 6month\ndocuments:\n  - path: interviews/*.txt\n")
    assert list(qlr.load(tmp_path, progress=False).waves.wave_id) == ["12month", "baseline", "6month"]
    # Documents listed with their waves but no 'waves:': ordered by the one rule.
    write(tmp_path / "study.yaml", "documents:\n  - path: interviews/*.txt\n")
    study = qlr.load(tmp_path, progress=False)
    assert list(study.waves.wave_id) == ["baseline", "6month", "12month"]
    assert any(line.startswith("waves inferred from the documents, in the order of their documents' dates") for line in study.meta["inferred"])


def test_group_notes_are_the_studys_and_the_template_lists_every_document(tmp_path) -> None:
    _folder(tmp_path)
    write(tmp_path / "notes" / "group_observations.md", "# Mentors' evenings\n\n## 2 November 2024\nEight mentors came; Lin chaired.\n")
    write(tmp_path / "documents" / "scheme outline.txt", "The mentoring scheme pairs newcomers with volunteers for a year.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert list(study.waves.wave_id) == ["baseline", "6month", "12month"]  # no wave "group" every case dropped out of
    notes = study.documents.set_index("doc_id").loc["group_observations"]
    assert notes["kind"] == "observation" and notes.isna()[["case_id", "wave_id"]].all()
    assert set(study.attrition()["pattern"]) == {"complete"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.template_for(tmp_path)
    assert "- path: documents/scheme outline.txt\n  kind: document\n" in template
    assert "# Not named {case}_{wave}_{kind}, so listed as the study's, at no case and, unless said, no wave: documents/scheme outline.txt" in template
    assert template.index("id: baseline") < template.index("id: 6month") < template.index("id: 12month")
    write(tmp_path / "study.yaml", template)
    again = qlr.load(tmp_path, progress=False)
    assert len(again.documents) == len(study.documents) + 1 and list(again.waves.wave_id) == ["baseline", "6month", "12month"]


# A project as a QDA tool without qlr's details writes it: sources named by person and round, cases in the order made.
_ORDER_MADE = ["M3", "M1", "M2"]


def _project(path, *, dated: bool = True, rounds=ROUNDS):
    sources, files = [], {}
    number = 0
    for person in _ORDER_MADE:
        for wave, when in rounds.items():
            number += 1
            name = f"{person}_{wave}_interview.txt"
            files[f"sources/{number}.txt"] = _interview(person, when if dated else None)
            sources.append(f'<TextSource guid="dddddddd-0000-0000-0000-{number:012d}" name="{name}" plainTextPath="{number}.txt"/>')
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="mentoring" origin="another tool">'
        '<Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="lee"/></Users>'
        f"<Sources>{''.join(sources)}</Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        for member, text in files.items():
            archive.writestr(member, text)
    return path


def test_an_imported_projects_waves_by_pattern_run_forwards_and_its_cases_in_natural_order(tmp_path) -> None:
    study = qlr.io.read_qdpx(_project(tmp_path / "m.qdpx"), case="pattern:^(?P<case>M\\d)_", wave="pattern:_(?P<wave>[^_]+)_interview")
    assert list(study.waves.wave_id) == ["baseline", "6month", "12month"]
    assert list(study.cases.case_id) == ["M1", "M2", "M3"]
    assert str(study.documents.set_index("doc_id").loc["M1_baseline_interview.txt", "date"])[:10] == "2024-10-14"
    inferred = study.meta["inferred"]
    assert any(line.startswith("9 document(s) dated by the date their header states") for line in inferred)
    assert any("in the order of their documents' dates" in line and line.endswith(": baseline, 6month, 12month") for line in inferred)
    assert study.meta["import"]["wave_order"].startswith("baseline, 6month, 12month, in the order of their documents' dates")
    # Undated: the names say when.
    undated = qlr.io.read_qdpx(_project(tmp_path / "u.qdpx", dated=False), case="pattern:^(?P<case>M\\d)_", wave="pattern:_(?P<wave>[^_]+)_interview")
    assert list(undated.waves.wave_id) == ["baseline", "6month", "12month"]
    assert undated.meta["import"]["wave_order"] == "baseline, 6month, 12month, in the order their names say in time"


def test_an_imported_projects_waves_from_a_table_keep_its_rows_order(tmp_path) -> None:
    project = _project(tmp_path / "m.qdpx", dated=False, rounds={"rowan": None, "alder": None})
    table = tmp_path / "waves.csv"
    rows = [f"{person}_{wave}_interview.txt,{wave}" for wave in ("rowan", "alder") for person in _ORDER_MADE]
    table.write_text("source,wave\n" + "\n".join(rows) + "\n", encoding="utf-8")
    study = qlr.io.read_qdpx(project, case="pattern:^(?P<case>M\\d)_", wave=table)
    assert list(study.waves.wave_id) == ["rowan", "alder"]  # natural order would give alder first
    assert "waves inferred from wave='waves.csv', in the order the table waves.csv gives them: rowan, alder" in study.meta["inferred"]
    # Rows against the headers' dates: the table wins, and the dates are said.
    dated = _project(tmp_path / "d.qdpx", rounds={"rowan": "15 September 2025", "alder": "3 March 2025"})
    with pytest.warns(InferenceWarning, match=r"in the order the table waves.csv gives them, rowan, alder, but their documents' dates say alder, rowan"):
        study = qlr.io.read_qdpx(dated, case="pattern:^(?P<case>M\\d)_", wave=table)
    assert list(study.waves.wave_id) == ["rowan", "alder"]


def test_the_import_command_says_the_waves_order(tmp_path, capsys) -> None:
    from qlr.cli import main

    project = _project(tmp_path / "m.qdpx", dated=False)
    assert main(["import", str(project), "--case", "pattern:^(?P<case>M\\d)_", "--wave", "pattern:_(?P<wave>[^_]+)_interview", "-o", str(tmp_path / "m.qlr")]) == 0
    assert "  waves: baseline, 6month, 12month, in the order their names say in time\n" in capsys.readouterr().out


def test_notes_front_matter_waves_are_ordered_by_the_one_rule_in_the_template(tmp_path) -> None:
    for title, wave in [("Talk with Ada", "12month"), ("Ada again", "6month"), ("Meeting Ada", "baseline")]:
        write(tmp_path / f"{title}.md", f"---\nparticipant: Ada\nwave: {wave}\n---\nAda spoke about the allotment rota.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.folder_template(tmp_path)
    assert template.index("id: baseline") < template.index("id: 6month") < template.index("id: 12month")
    assert "waves in the order their names say in time: baseline, 6month, 12month" in template


def test_an_overrides_hint_lists_the_waves_a_case_was_seen_at_in_the_studys_order(tmp_path) -> None:
    _folder(tmp_path)
    (tmp_path / "interviews" / "M2_6month_interview.txt").unlink()
    study = qlr.load(tmp_path, progress=False)
    with pytest.raises(qlr.errors.SelectionError) as raised:
        study.override_placement(case="M2", wave="6month", level=2, reason="seen in the notes", author="rm")
    assert raised.value.hint.endswith("override a wave it was seen at: baseline, 12month")
