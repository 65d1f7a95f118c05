"""Analysis and command-line leftovers of stop 43: a deposit keeps every wave, networks say why they are empty, a held
codebook by its id, counts said once, a codebook's language from its own words, and ``qlr info`` before a manifest.

Small hand-written studies of a tool library: Hal Brook (T1), Ines Moro (T2), Jo Penn (T3) and Uma Reid (T4) lend and
borrow; Dee asks the questions.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import qlr
from qlr.errors import EmptyNetworkWarning
from qlr.io import template_for

from .conftest import write

TALK = "Dee: How are decisions made at the library?\n\n{name}: {words}\n\nDee: And who runs the sessions?\n\n{name}: {more}\n"
LIBRARY = """name: Tool library
waves:
  - {id: W1, label: Spring, start: 2025-03-01, end: 2025-03-31}
  - {id: W2, label: Summer, start: 2025-07-01, end: 2025-07-31}
  - {id: W3, label: Winter, start: 2025-12-01, end: 2025-12-31}
cases:
  - {id: T1, label: Hal Brook, role: lender}
  - {id: T2, label: Ines Moro, role: borrower}
  - {id: T3, label: Jo Penn, role: lender, waves: [W1]}
  - {id: T4, label: Uma Reid, role: borrower}
speakers: {Dee: interviewer}
documents:
  - interviews/*
"""


def _quiet(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def _library(root: Path) -> Path:
    """W2 planned and never held (no document at all); Hal seen at W1 and W3 (missed W2), Ines at W1 only (dropped out),
    Jo planned for W1 only, Uma never seen."""
    write(root / "study.yaml", LIBRARY)
    write(root / "interviews/T1_W1_interview.txt", TALK.format(name="Hal", words="The staff decide everything, we are just told.", more="Staff run them."))
    write(root / "interviews/T1_W3_interview.txt", TALK.format(name="Hal", words="We decide together now, at the members' meeting.", more="I run the repair session myself."))
    write(root / "interviews/T2_W1_interview.txt", TALK.format(name="Ines", words="We were asked what tools to buy.", more="The staff do."))
    write(root / "interviews/T3_W1_interview.txt", TALK.format(name="Jo", words="Nobody asked us anything.", more="The council runs it."))
    return root


def _ladder_rows(study: qlr.Study) -> list[tuple]:
    table = qlr.track.ladder(study, codebook="coproduction").table
    return sorted(zip(table["case_id"].astype(str), table["wave_id"].astype(str), table["facet"].astype(str), table["status"].astype(str), table["reason"].astype(str), table["level"].astype(str)))


def test_a_deposit_keeps_a_wave_no_document_is_of_and_each_case_s_absences(tmp_path):
    study = _quiet(qlr.load, _library(tmp_path / "library"), progress=False)
    before = study.attrition()
    assert before.loc["T2", "pattern"] == "dropped out" and before.loc["T1", "W2"] == "missed"
    assert before.loc["T3", "W2"] == "not scheduled" and before.loc["T4", "pattern"] == "never seen"
    result = _quiet(qlr.pseudonymise, study)
    folder = qlr.pseudo.deposit(result, tmp_path / "deposit")
    # The wave no document is of has its list: a row with no file for each case it was planned for and did not see.
    assert (folder / "data_list_W2.csv").is_file()
    w2 = pd.read_csv(folder / "data_list_W2.csv", dtype=str)
    assert w2["file"].isna().all() and sorted(w2["case_id"]) == ["T1", "T2", "T4"]
    assert "| W2 | Summer | 0 |" in (folder / "README.md").read_text()
    # Loaded back through the template of the deposit (waves, dates and each case's planned waves from project.qdpx).
    write(folder / "study.yaml", template_for(folder))
    back = _quiet(qlr.load, folder, progress=False)
    assert list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    assert [str(d) for d in back.waves["start"]] == [str(d) for d in study.waves["start"]]
    assert back.attrition().drop(columns="role").equals(before.drop(columns="role"))
    coded, coded_back = _quiet(study.apply, "coproduction"), _quiet(back.apply, "coproduction")
    assert _ladder_rows(coded_back) == _ladder_rows(coded)
    trajectories = qlr.track.trajectories(qlr.track.ladder(coded, codebook="coproduction"))
    trajectories_back = qlr.track.trajectories(qlr.track.ladder(coded_back, codebook="coproduction"))
    keep = ["case_id", "facet", "type", "dropped_out"]
    assert trajectories_back[keep].astype(str).equals(trajectories[keep].astype(str))


def test_a_study_yaml_listing_the_deposit_s_lists_keeps_every_wave(tmp_path):
    # Without the template (the lists alone, as the deposit's README says): the empty wave and the drop-out stay.
    study = _quiet(qlr.load, _library(tmp_path / "library"), progress=False)
    folder = qlr.pseudo.deposit(_quiet(qlr.pseudonymise, study), tmp_path / "deposit")
    lists = sorted(path.name for path in folder.glob("data_list_*.csv"))
    assert lists == ["data_list_W1.csv", "data_list_W2.csv", "data_list_W3.csv"]
    write(folder / "study.yaml", "name: Tool library\ndocuments:\n" + "".join(f"  - list: {name}\n" for name in lists))
    back = _quiet(qlr.load, folder, progress=False)
    assert list(back.waves["wave_id"]) == ["W1", "W2", "W3"]
    attrition = back.attrition()
    assert attrition.loc["T2", "pattern"] == "dropped out" and attrition.loc["T1", "W2"] == "missed"
    assert attrition.loc["T4", "pattern"] == "never seen"


# 2. Empty actor networks said why (the eighth trial's peer-research study: no actors:, support talk naming no one).

SHED = """name: Tool shed
waves: [W1, W2]
cases:
  - {id: S1, label: Ana Lusk}
  - {id: S2, label: Bo Fenn}
speakers: {Dee: interviewer}
documents:
  - interviews/*
"""


def _shed(root: Path, actors: str = "") -> Path:
    write(root / "study.yaml", SHED + actors)
    write(root / "interviews/S1_W1_interview.txt", "Dee: How is the shed?\n\nAna: I help out on Tuesdays. My neighbour keeps the key.\n")
    write(root / "interviews/S1_W2_interview.txt", "Dee: And now?\n\nAna: It goes both ways now, my neighbour fixes my bike and I fix hers.\n")
    write(root / "interviews/S2_W1_interview.txt", "Dee: How is the shed?\n\nBo: Quiet. I like to feel useful, that's all Bo wants.\n")
    return root


def test_empty_actor_networks_say_why(tmp_path):
    study = _quiet(qlr.load, _shed(tmp_path / "shed"), progress=False)
    with pytest.warns(EmptyNetworkWarning, match=r"the study has no codings of codebook 'coproduction'.*study.apply\('coproduction'\)"):
        qlr.net.actors(study, codebook="coproduction")
    coded = _quiet(study.apply, "coproduction")
    with pytest.warns(EmptyNetworkWarning) as said:
        graphs = qlr.net.actors(coded)
    message = str(said[0].message)
    assert "3 passages coded with a support code (the codes of the themes peer_networks, reciprocity, which its networks: block" in message
    assert "none naming someone of the roster besides the person speaking (1 names only its speaker)" in message
    assert "the roster is the study's 2 cases, with no actors: in study.yaml" in message and "aliases" in message
    assert {wave: graph.number_of_edges() for wave, graph in graphs.items()} == {"W1": 0, "W2": 0}
    assert all(graph.graph["note"] in message for graph in graphs.values())
    # No support code among the codings: said so, with the codebook's support themes.
    with pytest.warns(EmptyNetworkWarning, match=r"none of the 3 passages coded with codebook 'coproduction' has a support code \(the codes given: power.shared_decisions\)"):
        qlr.net.actors(coded, codes=["power.shared_decisions"])  # a code none of the passages has
    # A codebook naming no support themes: every code counts, and the message says so.
    bare = qlr.Codebook.from_yaml("name: Shed\nid: shed\nversion: 1.0.0\ncodes:\n  - {id: fixing, indicators: [{phrase: fix my bike}]}\n", path="shed.yaml")
    with pytest.warns(EmptyNetworkWarning, match=r"1 passage coded with a support code \(every code but those counting against their theme, as it names no support themes under networks:\), none naming"):
        qlr.net.actors(_quiet(study.apply, bare), codebook="shed")
    # With the neighbour on the roster, the ties are drawn and nothing is said.
    study = _quiet(qlr.load, _shed(tmp_path / "shed2", "actors:\n  - {id: N1, name: Rita Vale, aliases: [my neighbour]}\n"), progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EmptyNetworkWarning)
        graphs = qlr.net.actors(_quiet(study.apply, "coproduction"))
    assert graphs["W2"].has_edge("S1", "N1") and "note" not in graphs["W2"].graph


def test_the_report_says_why_its_networks_are_empty(tmp_path):
    coded = _quiet(_quiet(qlr.load, _shed(tmp_path / "shed"), progress=False).apply, "coproduction")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.report.write_report(coded, tmp_path / "report", progress=False)
    assert not [w for w in caught if issubclass(w.category, EmptyNetworkWarning)]  # the page says it
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "No support ties were found between people on the roster: 3 passages coded with a support code (the codes of the themes" in page


# 3. A codebook the project holds, named by its id (the new user's `qlr code es.qlr --codebook comedor`).

SHED_CODEBOOK = """name: Shed codebook
id: cobertizo
version: 1.0.0
codes:
  - {id: arreglos, name: Fixing together, indicators: [{phrase: fix my bike}, {phrase: help out}]}
"""


def test_a_codebook_the_project_holds_is_taken_by_its_id(tmp_path, capsys):
    from qlr.cli import main
    from qlr.errors import SourceNotFoundError

    study = _quiet(qlr.load, _shed(tmp_path / "shed"), progress=False)
    own = qlr.Codebook.from_yaml(SHED_CODEBOOK, path="cobertizo.yaml")
    _quiet(study.apply, own)
    saved = tmp_path / "shed.qlr"
    study.save(saved)
    # In Python: the study's own codebook by its id, coded again (its rule codings replaced, not doubled).
    again = qlr.open(saved)
    before = len(again.codings)
    assert _quiet(again.apply, "cobertizo") is again and len(again.codings) == before > 0
    # On the command line, as a bundled one is.
    assert main(["code", str(saved), "--codebook", "cobertizo", "-o", str(tmp_path / "again.qlr"), "-q"]) == 0
    assert len(qlr.open(tmp_path / "again.qlr").codings) == before
    # A name that is neither: one error listing the bundled and the held.
    capsys.readouterr()
    assert main(["code", str(saved), "--codebook", "cobertiz", "-o", str(tmp_path / "no.qlr")]) == 1
    err = capsys.readouterr().err
    assert "no bundled codebook named 'cobertiz', nor one the project holds (cobertizo)" in err and "coproduction, durose_richardson" in err
    with pytest.raises(SourceNotFoundError, match=r"nor one the project holds \(cobertizo\)"):
        qlr.track.change(again, codebook="cobertiz")
    # A bundled name is still the bundled codebook, and qlr validate takes the held one too.
    assert main(["validate", str(saved), "--codebook", "cobertizo", "-q"]) == 0


# 4. Counts said in one place (qlr._words.number_of): "tone (1 codings)" in the report command's note.


def test_the_report_command_says_one_coding(tmp_path, capsys):
    from qlr.cli import main

    study = _quiet(qlr.load, _shed(tmp_path / "shed"), progress=False)
    _quiet(study.apply, qlr.Codebook.from_yaml(SHED_CODEBOOK.replace("{phrase: fix my bike}, {phrase: help out}", "{phrase: keeps the key}"), path="cobertizo.yaml"))
    assert len(study.codings) == 1
    study.save(tmp_path / "shed.qlr")
    capsys.readouterr()
    main(["report", str(tmp_path / "shed.qlr"), "--codebook", "coproduction", "--out", str(tmp_path / "report"), "-q"])
    err = capsys.readouterr().err
    assert "the project's own codings are not in it: cobertizo (1 coding)." in err


def test_no_count_in_the_command_or_the_report_makes_its_own_plural():
    # A noun's plural after a count is number_of's: neither "'s' * (n != 1)" nor "(s)" in the command or the report.
    root = Path(qlr.__file__).parent
    files = [root / "cli.py", *sorted((root / "report").glob("*.py"))]
    own = [f"{path.name}:{number}" for path in files for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "'s' * (" in line or '"s" * (' in line or "(s) " in line or "(s)\"" in line]
    assert own == []


# 5. A small Spanish codebook that names no language: its indicators hold none of the commonest words, so it is judged
# with its definitions, and where even they are too few, qlr validate says it cannot tell.

MERIENDA = """name: Merienda
id: merienda
version: 1.0.0
{language}codes:
  - id: turnos
    name: Turnos compartidos
    definition: {definition}
    indicators: [{{phrase: nos turnamos}}, {{phrase: cocinamos juntas}}, {{phrase: repartimos}}]
"""


def _validate(tmp_path, capsys, text: str) -> str:
    from qlr.cli import main

    path = write(tmp_path / "merienda.yaml", text)
    capsys.readouterr()
    assert main(["validate", "--codebook", str(path)]) == 0
    return capsys.readouterr().out


def test_validate_judges_a_small_codebook_s_language_with_its_definitions(tmp_path, capsys):
    defined = "Las vecinas se turnan para cocinar y repartir la merienda del barrio."
    said = _validate(tmp_path, capsys, MERIENDA.format(language="", definition=defined))
    assert "its indicators do not read as English, the language of its assertion cues (judged with its definitions: 17 words, 2 of them among English's commonest)" in said
    assert "'assertion: {language: es}'" in said
    # Declared Spanish: nothing to say but the cues' language.
    said = _validate(tmp_path, capsys, MERIENDA.format(language="assertion: {language: es}\n", definition=defined))
    assert "assertion cues in Spanish" in said and "do not read as" not in said and "cannot be told" not in said
    # Too few words even with the definition: said so, not passed over.
    said = _validate(tmp_path, capsys, MERIENDA.format(language="", definition="Turnos."))
    assert "its language cannot be told, too few words (judged with its definitions: 6 words, 0 of them among English's commonest)" in said
    # A small English codebook reads as English.
    english = MERIENDA.format(language="", definition="Neighbours take turns to cook the tea.").replace("nos turnamos", "we take turns").replace("cocinamos juntas", "cook together").replace("repartimos", "share it out")
    said = _validate(tmp_path, capsys, english)
    assert "do not read as" not in said and "cannot be told" not in said


# B7: `qlr info` on a folder whose names are not {case}_{wave}_{kind}, before the user has a study.yaml.


def test_info_on_a_folder_it_cannot_read_by_its_names_gives_the_guess_and_the_next_step(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "huerto"
    write(root / "entrevista Ana 1.txt", "Entrevistadora: ¿Cómo empezó?\n\nAna: Nos juntamos los martes.\n")
    write(root / "entrevista Ana 2.txt", "Entrevistadora: ¿Y ahora?\n\nAna: Lo llevamos nosotras.\n")
    write(root / "entrevista Bruno 1.txt", "Entrevistadora: ¿Cómo empezó?\n\nBruno: Me invitó una vecina.\n")
    with pytest.raises(qlr.errors.ManifestNotFoundError):
        qlr.load(root, progress=False)  # loading still needs the names or a study.yaml
    capsys.readouterr()
    assert main(["info", str(root)]) == 0
    said = capsys.readouterr()
    assert said.err == ""
    out = said.out.splitlines()
    assert out[0].startswith(f"{root}: no study.yaml yet, and the file names do not say case, wave and kind")
    assert "  3 document entries; by kind: interview 3" in out and "  2 waves: W1, W2" in out and "  2 cases: Ana, Bruno" in out
    assert out[-1] == f"Next: qlr info {root} --template > {root / 'study.yaml'}, correct it (one case per person, each interview's wave, the waves' dates), then qlr info {root} again."
    # Kept as it says, the folder loads as guessed.
    assert main(["info", str(root), "--template"]) == 0
    write(root / "study.yaml", capsys.readouterr().out)
    study = _quiet(qlr.load, root, progress=False)
    assert study.attrition()["pattern"].to_dict() == {"Ana": "complete", "Bruno": "dropped out"}
