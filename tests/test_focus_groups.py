"""Focus groups kept as the study's: their speakers who are the study's cases speak for them (stop 39).

A small hand-written study: three people (Ana Reyes, Bilal Haddad, Derek Moss) interviewed alone at two waves
(Derek missed his second interview), and one focus group per wave with a moderator, a member of staff (Sam, no
case) and two of them. Derek is "Del" in the second group's transcript, mapped in its entry.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import ManifestError, NoCaseTalkWarning, UndeclaredIdError
from qlr.evidence import coding_cases, segment_cases

from .conftest import write

INTERVIEW = "Interviewer: How are things at the centre?\n\n{name}: {words}\n"

FG_W1 = (
    "Moderator: Who decides what happens at the centre? Do they ask you what you think?\n\n"
    "Ana: Mostly the staff decide, but they asked us about the opening hours this year.\n\n"
    "Sam: We try to ask people, we really do.\n\n"
    "Bilal: I run the Tuesday cooking session with another member now, we plan it together.\n\n"
    "Moderator: And does anyone help each other outside the sessions?\n\n"
    "Ana: Bilal drove me to the hospital last month.\n"
)
FG_W2 = (
    "Facilitator: What has changed since last year?\n\n"
    "Ana: We sit on the steering group now and vote on the budget with the staff.\n\n"
    "Del: I help out on the reception desk twice a week.\n\n"
    "Sam: Members run half the sessions these days.\n"
)

CODINGS = """doc_id,quote,code_id,coder
C01_W1_interview,I come for the lunch on Fridays,assets.needs_focus,rm
C01_W1_interview,I come for the lunch on Fridays and the staff sort everything.,negative.done_to,rm
C02_W1_interview,They tell us what is on.,negative.done_to,rm
C03_W1_interview,I help set up the chairs.,reciprocity.giving_back,rm
FG_W1,they asked us about the opening hours this year,power.consulted,rm
FG_W1,We try to ask people,power.consulted,rm
FG_W1,Who decides what happens at the centre,power.shared_decisions,rm
FG_W1,I run the Tuesday cooking session with another member now,power.co_leading,rm
FG_W1,we plan it together,power.co_designing,rm
FG_W1,Bilal drove me to the hospital last month.,peer_networks.peer_support,rm
FG_W2,We sit on the steering group now and vote on the budget with the staff.,power.shared_decisions,rm
FG_W2,I help out on the reception desk twice a week.,reciprocity.giving_back,rm
FG_W2,Members run half the sessions these days.,power.co_leading,rm
"""

MANIFEST = """name: Centre members
waves: [W1, W2]
cases:
  - {{id: C01, label: Ana Reyes}}
  - {{id: C02, label: Bilal Haddad}}
  - {{id: C03, label: Derek Moss}}
{top}documents:
  - interviews/*.txt
  - {{path: groups/fg1.txt, id: FG_W1, kind: focus_group, wave: W1{fg1}}}
  - {{path: groups/fg2.txt, id: FG_W2, kind: focus_group, wave: W2, speakers: {{Facilitator: interviewer{del_}}}{fg2}}}
codings: [codings.csv]
"""


def make_study(root: Path, *, top: str = "", fg1: str = "", fg2: str = "", del_: str = ", Del: C03") -> Path:
    """The study folder; ``top`` adds top-level keys, ``fg1``/``fg2`` keys of the groups' entries."""
    words = {
        ("C01", "W1"): ("Ana", "I come for the lunch on Fridays and the staff sort everything."),
        ("C02", "W1"): ("Bilal", "They tell us what is on."),
        ("C03", "W1"): ("Derek", "I help set up the chairs."),
        ("C01", "W2"): ("Ana", "It feels more like ours now."),
        ("C02", "W2"): ("Bilal", "I still cook on Tuesdays."),
    }
    for (case, wave), (name, said) in words.items():
        write(root / "interviews" / f"{case}_{wave}_interview.txt", INTERVIEW.format(name=name, words=said))
    write(root / "groups" / "fg1.txt", FG_W1)
    write(root / "groups" / "fg2.txt", FG_W2)
    write(root / "codings.csv", CODINGS)
    write(root / "study.yaml", MANIFEST.format(top=top, fg1=fg1, fg2=fg2, del_=del_))
    return root


def load(root: Path) -> tuple[qlr.Study, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    return study, [w for w in caught if issubclass(w.category, NoCaseTalkWarning)]


def cell(matrix: qlr.track.Matrix, case: str, code: str, wave: str) -> float:
    table = matrix.tidy
    row = table[(table["case_id"] == case) & (table["code_id"] == code) & (table["wave_id"] == wave)]
    return float(row["count"].iloc[0]) if len(row) else 0.0


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("fg")
    return {
        "on": make_study(base / "on"),
        "off": make_study(base / "off", top="speaker_cases: off\n"),
        "listed": make_study(base / "listed", top="speaker_cases: listed\n"),
    }


def test_each_speakers_turns_count_for_their_case_at_the_groups_wave(folders):
    study, said = load(folders["on"])
    assert study.meta["speaker_cases"] == {"FG_W1": {"Ana": "C01", "Bilal": "C02"}, "FG_W2": {"Ana": "C01", "Del": "C03"}}
    whose = segment_cases(study)
    fg = whose[whose["doc_id"].isin(["FG_W1", "FG_W2"])]
    speakers = study.segments.set_index("seg_id").loc[fg["seg_id"], "speaker"].tolist()
    assert list(zip(speakers, fg["case_id"].astype(object).where(fg["case_id"].notna(), None))) == [
        ("Moderator", None),
        ("Ana", "C01"),
        ("Sam", None),  # a voice that is no case stays the study's
        ("Bilal", "C02"),
        ("Moderator", None),  # the moderator's questions are no one's, and no evidence
        ("Ana", "C01"),
        ("Facilitator", None),
        ("Ana", "C01"),
        ("Del", "C03"),  # the entry's mapping
        ("Sam", None),
    ]
    # One note, not hidden by -q (a NoCaseTalkWarning, kept in the load notes), naming documents, cases, turns, voices.
    assert len(said) == 1
    message = str(said[0].message)
    assert "FG_W1 (at wave W1; Ana → C01 (2 turns), Bilal → C02 (1 turn); no one's: Sam (1 turn); questions, not evidence: Moderator (2 turns))" in message
    assert "FG_W2 (at wave W2; Ana → C01 (1 turn), Del → C03 (1 turn); no one's: Sam (1 turn); questions, not evidence: Facilitator (1 turn))" in message
    assert qlr.io.load_notes(study)["documents"].str.contains("FG_W1; FG_W2").any()


def test_matrix_cells_placements_and_presence_change_as_designed(folders):
    on, _ = load(folders["on"])
    off, said_off = load(folders["off"])
    assert off.meta["speaker_cases"] == {}  # decided: no one's (a record all the same, so opening does not doubt it)
    assert said_off and "FG_W1 (at wave W1; speaker_cases: off, no one's: Ana (2 turns), Sam (1 turn), Bilal (1 turn);" in str(said_off[0].message)
    assert "count for no one, as study.yaml says" in str(said_off[0].message)
    m_on, m_off = qlr.track.matrix(on, codebook="coproduction"), qlr.track.matrix(off, codebook="coproduction")
    # Before (the group's talk the study's): no case had these cells.
    assert cell(m_off, "C01", "power.consulted", "W1") == 0
    assert cell(m_on, "C01", "power.consulted", "W1") == 1  # Ana's answer; Sam's "We try to ask people" is no one's
    assert cell(m_on, "C02", "power.co_leading", "W1") == 1
    assert cell(m_on, "C02", "power.co_designing", "W1") == 1
    assert cell(m_on, "C01", "peer_networks.peer_support", "W1") == 1
    assert cell(m_on, "C01", "power.shared_decisions", "W2") == 1
    assert cell(m_on, "C03", "reciprocity.giving_back", "W2") == 1
    # The moderator's question coded power.shared_decisions counts for no one.
    assert cell(m_on, "C01", "power.shared_decisions", "W1") == 0 and cell(m_on, "C02", "power.shared_decisions", "W1") == 0
    # Sam's words are no case's.
    assert not m_on.tidy.loc[m_on.tidy["code_id"].eq("power.co_leading") & m_on.tidy["wave_id"].eq("W2") & (m_on.tidy["count"] > 0)].shape[0]
    # Derek missed his W2 interview but spoke in the W2 group: he was met at W2.
    assert off.attrition().loc["C03", "W2"] == "dropped out"
    assert on.attrition().loc["C03", "W2"] == "present"
    p_on, p_off = qlr.track.ladder(on, codebook="coproduction"), qlr.track.ladder(off, codebook="coproduction")
    def placed(placements):
        table = placements.table.set_index(["case_id", "wave_id", "facet"])
        return {key: (None if pd.isna(level) else int(level), int(n)) for key, level, n in zip(table.index, table["level"], table["n_evidence"])}

    on_levels, off_levels = placed(p_on), placed(p_off)
    changed = {key: (off_levels[key], on_levels[key]) for key in on_levels if on_levels[key] != off_levels[key]}
    # (level, pieces of evidence) before -> after: only the cells the groups' turns reach change.
    assert changed == {
        ("C01", "W1", "delivery"): ((None, 1), (1, 2)),  # + Bilal drove her to hospital (peer support)
        ("C01", "W1", "design"): ((None, 1), (0, 2)),  # + consulted on opening hours
        ("C01", "W2", "delivery"): ((None, 0), (None, 1)),  # + the steering group's vote
        ("C01", "W2", "design"): ((None, 0), (None, 1)),
        ("C02", "W1", "delivery"): ((None, 1), (0, 2)),  # + co-leading the cooking session
        ("C02", "W1", "design"): ((None, 1), (0, 2)),  # + planning it together
        ("C03", "W2", "delivery"): ((None, 0), (None, 1)),  # Del at the reception desk
    }
    trail = p_on.evidence
    rows = trail[(trail["case_id"] == "C02") & (trail["wave_id"] == "W1")]
    assert set(rows["doc_id"]) == {"FG_W1", "C02_W1_interview"}  # the evidence trail names the focus group
    assert set(rows.loc[rows["doc_id"].eq("FG_W1"), "code_id"]) == {"power.co_leading", "power.co_designing"}
    assert not trail["quote"].str.contains("Who decides what happens").any()
    assert not trail["quote"].str.contains("We try to ask people").any()
    quotes = qlr.track.quotes(on, codebook="coproduction", case="C01", wave="W1")
    assert "FG_W1" in set(quotes["doc_id"]) and set(quotes["speaker"].dropna()) <= {"Ana"}


def test_listed_reads_only_the_mapping_and_an_entry_can_turn_a_group_off(folders, tmp_path):
    listed, said = load(folders["listed"])
    assert listed.meta["speaker_cases"] == {"FG_W2": {"Del": "C03"}}
    # FG_W1's people are named as cases but not listed: said, and left no one's.
    assert "FG_W1 (at wave W1; speaker_cases: listed, no one's: Ana (2 turns), Sam (1 turn), Bilal (1 turn);" in str(said[0].message)
    one_off, _ = load(make_study(tmp_path / "one", fg1=", speaker_cases: off"))
    assert one_off.meta["speaker_cases"] == {"FG_W2": {"Ana": "C01", "Del": "C03"}}
    unmapped, said = load(make_study(tmp_path / "unmapped", del_=""))
    assert unmapped.meta["speaker_cases"]["FG_W2"] == {"Ana": "C01"}
    assert "no one's: Del (1 turn), Sam (1 turn)" in str(said[0].message)


def test_bad_mappings_are_errors_at_their_line(tmp_path):
    with pytest.raises(UndeclaredIdError, match="speaker 'Del' has the role 'C09', which is neither a role nor a case") as caught:
        load(make_study(tmp_path / "a", del_=", Del: C09"))
    assert caught.value.line == 10
    with pytest.raises(ManifestError, match="speaker_cases='guess' is not one of"):
        load(make_study(tmp_path / "b", top="speaker_cases: guess\n"))
    root = make_study(tmp_path / "c")
    manifest = (root / "study.yaml").read_text().replace("  - interviews/*.txt\n", "  - {path: interviews/C01_W1_interview.txt, speakers: {Ana: C02}}\n  - interviews/*.txt\n")
    write(root / "study.yaml", manifest)
    # A case's interview whose only voice the entry gives another case is a misnamed file, not a joint interview
    # (stop 40; it had been refused): the turns stay the document's case's, and the note asks.
    study, said = load(root)
    assert "C01_W1_interview" not in study.meta["speaker_cases"]
    assert "C01_W1_interview (C01's, at wave W1; left C01's, being the document's only voice: Ana (names C02; is the file C02's?)" in " ".join(str(w.message) for w in said)


def test_prompted_answers_are_still_marked_against_the_moderator(tmp_path):
    root = tmp_path / "prompted"
    write(root / "C01_W1_interview.txt", "Interviewer: What do you do there?\n\nAna: I help set up the chairs.\n")
    write(
        root / "fg.txt",
        "Moderator: Do you help out at the centre, set up the chairs or give something back?\n\n"
        "Ana: Yes, I help set up the chairs every week.\n\nSam: I help set up the chairs too.\n",
    )
    write(root / "study.yaml", "cases: [{id: C01, label: Ana Reyes}]\nwaves: [W1]\ndocuments:\n- C01_W1_interview.txt\n- {path: fg.txt, id: FG, kind: focus_group, wave: W1}\n")
    study, _ = load(root)
    study.apply("coproduction")
    rules = study.codings[study.codings["doc_id"].eq("FG")]
    speaker = rules["seg_id"].map(study.segments.set_index("seg_id")["speaker"])
    assert dict(zip(speaker, rules["assertion"])) == {"Ana": "prompted", "Sam": "affirmed"}
    assert coding_cases(study, rules)["case_id"].astype(object).where(lambda c: c.notna(), None).tolist() == ["C01", None]
    assert cell(qlr.track.matrix(study, codebook="coproduction"), "C01", "reciprocity.giving_back", "W1") == 2
    trail = qlr.track.ladder(study, codebook="coproduction").evidence.set_index("doc_id")
    assert trail.loc["FG", "assertion"] == "prompted" and trail.loc["FG", "weight"] == 0.5  # prompted weighs half, as in an interview


def test_save_open_selection_pool_and_refi_keep_the_attribution(folders, tmp_path):
    study, _ = load(folders["on"])
    before = qlr.track.matrix(study, codebook="coproduction").tidy
    path = tmp_path / "centre.qlr"
    study.save(path)
    opened = qlr.open(path)
    assert opened.meta["speaker_cases"] == study.meta["speaker_cases"]
    assert qlr.track.matrix(opened, codebook="coproduction").tidy.equals(before)
    # A selection of one case keeps its turns in the groups (and the moderator's), not the others'.
    ana = study.sel(case="C01")
    assert set(ana.documents["doc_id"]) == {"C01_W1_interview", "C01_W2_interview", "FG_W1", "FG_W2"}
    assert set(ana.segments.loc[ana.segments["doc_id"].eq("FG_W1"), "speaker"]) == {"Ana", "Moderator"}
    assert cell(qlr.track.matrix(ana, codebook="coproduction"), "C01", "power.consulted", "W1") == 1
    # Pooled with keys: document and case ids renamed, labels kept.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.concat([study, study.copy()], keys=["a", "b"])
    assert pooled.meta["speaker_cases"]["b:FG_W2"] == {"Ana": "b:C01", "Del": "b:C03"}
    assert cell(qlr.track.matrix(pooled, codebook="coproduction"), "b:C03", "reciprocity.giving_back", "W2") == 1
    # REFI-QDA: qlr's details keep it; an empty record stays empty.
    qdpx = tmp_path / "centre.qdpx"
    qlr.io.write_qdpx(study, qdpx)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = qlr.io.read_qdpx(qdpx)
    assert back.meta["speaker_cases"] == study.meta["speaker_cases"]
    off, _ = load(folders["off"])
    qlr.io.write_qdpx(off, tmp_path / "off.qdpx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert qlr.io.read_qdpx(tmp_path / "off.qdpx").meta["speaker_cases"] == {}
    # A project saved before the record existed: opening says its groups' turns count for no one.
    old = study.copy()
    del old.meta["speaker_cases"]
    old.save(tmp_path / "old.qlr")
    with pytest.warns(NoCaseTalkWarning, match=r"keeps no record of whose their turns are .*FG_W1 \(Ana, Bilal\); FG_W2 \(Ana\)"):
        reopened = qlr.open(tmp_path / "old.qlr")
    assert "speaker_cases" not in reopened.meta
    assert qlr.io.load_notes(reopened)["step"].eq("open").any()


def test_the_template_writes_each_groups_speakers_as_their_cases(tmp_path):
    root = tmp_path / "free"
    for wave in (1, 2):
        write(root / f"Ana Reyes - interview {wave}.txt", "Interviewer: How are things?\n\nAna: Fine, I help out on Fridays.\n")
        write(root / f"Bilal Haddad - interview {wave}.txt", "Interviewer: How are things?\n\nBilal: I cook on Tuesdays now.\n")
    write(root / "Focus group March 2025.txt", "Moderator: Who decides?\n\nAna: The staff mostly.\n\nBilal: We plan it together.\n\nSam: We try to ask.\n\nAna and Bilal: All of us.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = qlr.io.template_for(root)
    import yaml

    entry = next(e for e in yaml.safe_load(text)["documents"] if e["path"] == "Focus group March 2025.txt")
    # Sam and the moderator are no one's; the joint voice is read again from its names (stop 40), so not written.
    assert entry["speakers"] == {"Ana": "Ana_Reyes", "Bilal": "Bilal_Haddad"}
    assert "# Guessed: focus groups' speakers named as the study's cases" in text
    write(root / "study.yaml", text)
    study, said = load(root)
    assert study.meta["speaker_cases"] == {"Focus group March 2025": {"Ana": "Ana_Reyes", "Bilal": "Bilal_Haddad", "Ana and Bilal": ["Ana_Reyes", "Bilal_Haddad"]}}
    assert "at no wave: give its entry a wave" in str(said[0].message)  # its name gives a month, no wave


def test_the_command_says_it_with_q_and_the_export_says_what_other_tools_see(folders, tmp_path, capsys):
    from qlr.cli import main

    assert main(["info", "-q", str(folders["on"])]) == 0
    assert "FG_W1 (at wave W1; Ana → C01 (2 turns)" in capsys.readouterr().err
    assert main(["export", "-q", str(folders["on"]), "-o", str(tmp_path / "c.qdpx")]) == 0
    assert "in 2 focus groups with no case (FG_W1, FG_W2) speakers' turns count for their cases" in capsys.readouterr().err


def test_disclosure_counts_a_person_whose_words_are_in_a_group(folders):
    study, _ = load(folders["on"])
    off, _ = load(folders["off"])
    rare = {}
    for name, one in (("on", study), ("off", off)):
        one.cases["role"] = pd.array(["member", "member", "volunteer"], dtype="string")
        table = qlr.pseudo.disclosure(one, k=2, attributes=["role"], wave_attributes=[])
        rare[name] = set(table.loc[table["scope"] == "W2", "cases"])
    assert rare == {"on": {"C03"}, "off": set()}  # Derek's words at W2 are only in the group


def test_networks_read_a_groups_turns_as_their_speakers(folders):
    on, _ = load(folders["on"])
    off, _ = load(folders["off"])
    nets = {name: qlr.net.cooccurrence(one, codebook="coproduction", by="case", granularity="code") for name, one in (("on", on), ("off", off))}
    assert sorted(nets["off"]["C02"].edges()) == []
    assert sorted(nets["on"]["C02"].edges()) == [("power.co_designing", "power.co_leading")]  # Bilal's one turn in FG_W1
    units = {name: [tuple(u) for u in qlr.net.ena(one, codebook="coproduction", granularity="code").units[["case_id", "wave_id"]].values] for name, one in (("on", on), ("off", off))}
    assert set(units["on"]) - set(units["off"]) == {("C03", "W2")}  # Derek's words at W2 are only in the group


def test_pseudonymising_renames_the_records_labels_with_the_turns(folders):
    study, _ = load(folders["on"])
    result = qlr.pseudonymise(study)
    record = result.study.meta["speaker_cases"]
    assert "Ana" not in str(record) and "Bilal" not in str(record)  # the record keeps no name the turns lost
    assert record["FG_W1"] == {"[Person 1]": "C01", "[Person 2]": "C02"}
    before = qlr.track.matrix(study, codebook="coproduction").tidy["count"]
    assert qlr.track.matrix(result.study, codebook="coproduction").tidy["count"].equals(before)
    assert qlr.pseudo.restore(result.study, result.key).meta["speaker_cases"] == study.meta["speaker_cases"]


def test_the_report_places_and_quotes_each_person_from_the_group(folders, tmp_path):
    from qlr.report import write_report

    study, _ = load(folders["on"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_report(study, tmp_path / "report", codebook="coproduction", progress=False)
    evidence = pd.read_csv(tmp_path / "report" / "tables" / "placement_evidence.csv")
    assert len(evidence) == 13 and set(evidence.loc[evidence["doc_id"].str.startswith("FG"), "case_id"]) == {"C01", "C02", "C03"}
    notes = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "FG_W1 (at wave W1; Ana → C01 (2 turns), Bilal → C02 (1 turn)" in notes  # the load note, in the report
    assert "FG_W2" in (tmp_path / "report" / "cases" / "c03.html").read_text(encoding="utf-8")  # Derek's page quotes the group


def test_a_project_without_the_record_reads_its_focus_groups_by_names(folders, tmp_path):
    import json
    import zipfile

    study, _ = load(folders["on"])
    qlr.io.write_qdpx(study, tmp_path / "c.qdpx")
    # As another tool (or qlr before stop 39) would leave it: no record of whose the turns are.
    with zipfile.ZipFile(tmp_path / "c.qdpx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    details = json.loads(members["qlr/details.json"])
    del details["speaker_cases"]
    members["qlr/details.json"] = json.dumps(details).encode()
    with zipfile.ZipFile(tmp_path / "bare.qdpx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    # The sources' descriptions still say who speaks as a case (stop 47): Del's mapping, study.yaml's, comes back.
    with pytest.warns(NoCaseTalkWarning, match=r"FG_W2 \(at wave W2; Ana → C01 \(1 turn\), Del → C03 \(1 turn\); no one's: Sam \(1 turn\)"):
        back = qlr.io.read_qdpx(tmp_path / "bare.qdpx")
    assert back.meta["speaker_cases"] == {"FG_W1": {"Ana": "C01", "Bilal": "C02"}, "FG_W2": {"Ana": "C01", "Del": "C03"}}
    # Without that sentence either (a qlr export before stop 47): the groups' speakers by the cases' names alone.
    project = members["project.qde"].decode("utf-8")
    members["project.qde"] = re.sub(r" Speakers who are the study's cases in this document: [^<]*", "", project).encode("utf-8")
    with zipfile.ZipFile(tmp_path / "older.qdpx", "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.warns(NoCaseTalkWarning, match=r"FG_W2 \(at wave W2; Ana → C01 \(1 turn\); no one's: Del \(1 turn\), Sam \(1 turn\)"):
        back = qlr.io.read_qdpx(tmp_path / "older.qdpx")
    assert back.meta["speaker_cases"] == {"FG_W1": {"Ana": "C01", "Bilal": "C02"}, "FG_W2": {"Ana": "C01"}}  # Del's mapping was study.yaml's
