"""A PhD researcher's trial in Jupyter with their own NVivo project (stop 55): what misled, fixed.

Each test builds a small study of its own; none needs the shared fixtures.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import qlr  # noqa: E402
from qlr.errors import SelectionError  # noqa: E402

CODEBOOK = "name: Garden\nthemes: [t]\ncodes:\n  - {id: t.rota, name: Running the rota, parent: t}\n"


def _documents(tmp_path, *, interview: bool = False):
    """Two cases whose only files at W1 are documents about them (minutes, a notice), one passage coded by hand."""
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "C01_W1_document.txt").write_text("Minutes of the March meeting.\n\nThe tenants agreed to run the garden rota themselves.\n", encoding="utf-8")
    (folder / "C02_W1_document.txt").write_text("Notice to residents.\n\nThe landlord will decide the rota.\n", encoding="utf-8")
    if interview:
        (folder / "C03_W1_interview.txt").write_text("Interviewer: And the rota?\nAsha: We run the garden rota ourselves now.\n", encoding="utf-8")
    study = qlr.load(folder, progress=False)
    study.codebooks["garden"] = qlr.Codebook.from_yaml(CODEBOOK)
    study.code_quote("C01_W1_document", "run the garden rota themselves", "t.rota", coder="ann")
    if interview:
        study.code_quote("C03_W1_interview", "We run the garden rota ourselves", "t.rota", coder="ann")
    return study


def test_a_density_with_no_words_to_divide_by_is_not_drawn_as_not_seen(tmp_path):
    # Before: both cases were seen at W1, yet every cell was hatched as "///: not seen" (the density's reason, "no
    # participant words", drawn with the attrition style).
    study = _documents(tmp_path)
    density = qlr.track.matrix(study, cols="theme", value="density")
    assert set(density.tidy["reason"]) == {"no participant words"}
    fig = qlr.plot.matrix_heatmap(density)
    title = fig._suptitle.get_text()
    assert "---: seen, no participant words to divide by" in title.replace("\n", " ")  # the title wraps to the figure
    ax = fig.axes[0]
    hatches = [patch.get_hatch() for patch in ax.patches]
    assert hatches == ["---", "---"]  # two cases × one theme, none drawn as "///" (not seen)


def test_a_case_with_words_keeps_its_density_beside_cases_without(tmp_path):
    study = _documents(tmp_path, interview=True)
    density = qlr.track.matrix(study, cols="theme", value="density")
    fig = qlr.plot.matrix_heatmap(density)
    hatches = sorted(patch.get_hatch() for patch in fig.axes[0].patches)
    assert hatches == ["---", "---"]  # C03 has a value (coloured); C01 and C02 are seen without words
    assert density.panel("W1").loc["C03", "t"] == pytest.approx(1000 / 7)  # one coding over Asha's 7 words


def test_the_report_draws_counts_when_no_case_has_words_to_divide_by(tmp_path):
    from qlr.report import write_report

    study = _documents(tmp_path)
    out = write_report(study, tmp_path / "report", codebook="garden")
    page = (out if out.suffix == ".html" else out / "index.html").read_text(encoding="utf-8")
    assert "Codings of each theme per case, per wave (counts: no case has words of its own to divide by" in page
    assert "Density of each theme per 1,000 words" not in page


def test_code_nodes_are_labelled_by_their_names_not_initials(tmp_path):
    # Before: a theme "Negative evidence" was drawn "NE", "Reciprocity" "Reciprocit", "HBM 3. Észlelt haszon" "HÉH".
    import networkx as nx

    from qlr.plot._figures import _short_label

    graph = nx.Graph()
    graph.add_node("neg", name="Negative evidence", theme="neg", frequency=3, colour="#999999")
    graph.add_node("rec", name="Reciprocity", theme="rec", frequency=2, colour="#999999")
    long_name = "HBM 3. Észlelt haszon (Perceived Benefits)"
    graph.add_node("hbm", name=long_name, theme="hbm", frequency=1, colour="#999999")
    assert _short_label("neg", graph.nodes["neg"]) == "Negative\nevidence"
    assert _short_label("rec", graph.nodes["rec"]) == "Reciprocity"
    label = _short_label("hbm", graph.nodes["hbm"])
    assert label.startswith("HBM 3. Észlelt\nhaszon") and label.endswith("…") and all(len(line) <= 16 for line in label.split("\n"))
    # People and organisations of an actor network keep their short forms.
    assert _short_label("Rita Vale", {"name": "Rita Vale", "kind": "person"}) == "Rita"
    assert _short_label("cc", {"name": "Carers Centre Trust", "kind": "organisation"}) == "CCT"


def test_ladder_on_a_project_whose_own_codes_have_no_ladder_points_to_the_crosswalk(tmp_path):
    # Before: "no codebook with a ladder has been applied to the study. Fix: ... study.apply('coproduction')": the
    # researcher's own codes, the reason there is none, went unmentioned.
    study = _documents(tmp_path)
    with pytest.raises(SelectionError) as raised:
        qlr.track.ladder(study)
    said = str(raised.value)
    assert "the study's codebook garden has no ladder" in said
    assert "crosswalk" in said and "docs/crosswalk.md" in said


def test_an_empty_network_counts_the_cases_the_roster_leaves_out(tmp_path):
    # Before: an imported project's 2 cases, none on the roster (study.actors is empty), were said as "the roster is
    # the study's 0 cases", beside a study summary of 2 cases.
    from qlr.errors import EmptyNetworkWarning

    study = _documents(tmp_path)
    study.actors = study.actors.iloc[0:0]  # as read_qdpx leaves it: no case on the roster
    with pytest.warns(EmptyNetworkWarning) as said:
        qlr.net.actors(study, codebook="garden")
    message = str(said[0].message)
    assert "the roster is 0 of the study's 2 cases (the others are on no roster" in message
    assert "the study's 0 cases" not in message


_PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Two coders" origin="hand">
 <Users>
  <User guid="00000000-0000-4000-8000-000000000001" name="Gergo"/>
  <User guid="00000000-0000-4000-8000-000000000002" name="florian"/>
  <User guid="00000000-0000-4000-8000-000000000003" name="tester"/>
 </Users>
 <CodeBook><Codes>
  <Code guid="00000000-0000-4000-8000-0000000000c1" name="Distrust" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="00000000-0000-4000-8000-0000000000d1" name="comments">
   <PlainTextContent>They lie to us. We will not comply. Nobody asked us.</PlainTextContent>
   {selections}
  </TextSource>
 </Sources>
</Project>
"""


def _selection(n: int, start: int, end: int, coder: int) -> str:
    return (
        f'<PlainTextSelection guid="00000000-0000-4000-8000-0000000001{n:02d}" startPosition="{start}" endPosition="{end}" '
        'creatingUser="00000000-0000-4000-8000-000000000002">'
        f'<Coding guid="00000000-0000-4000-8000-0000000002{n:02d}" creatingUser="00000000-0000-4000-8000-00000000000{coder}">'
        '<CodeRef targetGUID="00000000-0000-4000-8000-0000000000c1"/></Coding></PlainTextSelection>'
    )


def test_info_on_a_project_counts_each_users_codings(tmp_path, capsys):
    # Before: "users: Gergo, florian, tester" read as three coders; florian made selections but no coding (as in the
    # real two-coder NVivo project, where a third user who coded nothing is listed beside 303 + 27 codings).
    import zipfile

    from qlr.cli import main

    path = tmp_path / "two_coders.qdpx"
    selections = _selection(1, 0, 14, 1) + _selection(2, 15, 32, 1) + _selection(3, 33, 51, 3)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=selections))
    assert main(["info", str(path), "-q"]) in (0, 3)
    out = capsys.readouterr().out
    assert "users: Gergo, florian, tester" in out
    assert "codings by coder: Gergo 2, tester 1 (no codings: florian)" in out


def test_a_study_of_no_cases_says_so_where_a_notebook_shows_it(tmp_path):
    # Before: read_qdpx of a project with no Cases gave "0 cases" and empty matrices in Python, with no word of why
    # (only the CLI warned); the notebook's table now says what to give.
    import zipfile

    path = tmp_path / "two_coders.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=_selection(1, 0, 14, 1)))
    with pytest.warns(qlr.errors.QlrWarning, match="no wave given|the project has no cases|no speaker label"):
        study = qlr.io.read_qdpx(path)
    assert study.cases.empty
    shown = study._repr_html_()
    assert "<b>No cases</b>" in shown and "case='pattern:(?P&lt;case&gt;...)'" in shown
    with pytest.warns(qlr.errors.QlrWarning, match="no wave given|no speaker label"):
        cased = qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)")
    assert list(cased.cases["case_id"]) == ["comments"] and "No cases" not in cased._repr_html_()


def test_the_report_says_why_its_matrices_have_more_columns_than_themes():
    # Before: "151 codes in 1 theme" above matrices of 12 columns (an NVivo project's top-level codes, one of them
    # grouping others, eleven codable with children).
    from qlr.report._html import _in_themes

    mixed = qlr.Codebook.from_yaml(
        "name: mixed\nid: mixed\nthemes: [roots]\ncodes:\n  - {id: roots.a, parent: roots}\n"
        "  - {id: b, name: B}\n  - {id: b.x, parent: b}\n  - {id: c, name: C}\n"
    )
    assert _in_themes(mixed) == "in 1 theme (the matrices' 3 columns are the top-level codes: 1 theme and 2 codes no theme holds)"
    assert _in_themes(qlr.read_codebook("coproduction")) == f"in {len(qlr.read_codebook('coproduction').themes)} themes"


def test_info_counts_codings_without_a_coder_and_says_when_none_were_made(tmp_path, capsys):
    # Review (rvN): a project of no codings gave a bare "codings by coder: " line; codings naming no creatingUser are
    # the importer's coder "unknown", counted as such.
    import zipfile

    from qlr.cli import main

    anonymous = _selection(1, 0, 14, 1).replace(' creatingUser="00000000-0000-4000-8000-000000000001">', ">")
    path = tmp_path / "anonymous.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=anonymous + _selection(2, 15, 32, 3)))
    main(["info", str(path), "-q"])
    assert "codings by coder: unknown 1, tester 1 (no codings: Gergo, florian)" in capsys.readouterr().out
    empty = tmp_path / "uncoded.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=""))
    main(["info", str(empty), "-q"])
    assert "codings by coder: none (no codings: Gergo, florian, tester)" in capsys.readouterr().out


def test_read_qdpx_itself_warns_of_no_cases_and_of_text_with_no_speaker_labels(tmp_path):
    # Leftover 1: in Python, read_qdpx of a project with no Cases and comments read as interviews said only "no wave
    # given"; the advice (no cases; text in no speaker's turn) was the CLI's alone. Now the import says it, once.
    import warnings
    import zipfile

    from qlr.errors import NoInterviewerWarning, QlrWarning

    path = tmp_path / "two_coders.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=_selection(1, 0, 14, 1)))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        qlr.io.read_qdpx(path)
    messages = [str(w.message) for w in said if issubclass(w.category, QlrWarning)]
    cases = [m for m in messages if "the project has no cases" in m]
    assert len(cases) == 1 and "case='pattern:" in cases[0] and "--case 'pattern:(?P<case>.+)' to make each source its own case" in cases[0] and "(?P<case>...)" not in cases[0]
    labels = [w for w in said if issubclass(w.category, NoInterviewerWarning) and "no speaker label for most of their text" in str(w.message)]
    assert len(labels) == 1 and ": comments. Fix: if they are not interviews, import again with kind='document'" in str(labels[0].message)
    # Given what it asks for, the import says neither.
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)", kind="document")
    assert [str(w.message) for w in said if "no cases" in str(w.message) or "speaker label" in str(w.message)] == []


def test_qlr_import_says_no_cases_once(tmp_path, capsys):
    import zipfile

    from qlr.cli import main

    path = tmp_path / "two_coders.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _PROJECT.format(selections=_selection(1, 0, 14, 1)))
    assert main(["import", str(path), "-o", str(tmp_path / "p.qlr"), "-q"]) == 0
    err = capsys.readouterr().err
    assert err.count("has no cases") == 1 and err.count("no speaker label") == 1
    assert main(["info", str(path), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("has no cases") == 1 and (captured.out + captured.err).count("no speaker label") == 1


def test_code_labels_keep_accents_with_their_letters_and_blank_names_show_the_id():
    # Review (rvN): a name saved decomposed (e + U+0301, as macOS file names and some tools keep it) was wrapped by
    # code points, so "Észlelt" could lose its accent to the next line and a line held fewer letters than 16; a code
    # with a blank name was drawn with no label at all.
    import unicodedata

    from qlr.plot._figures import _short_label

    decomposed = unicodedata.normalize("NFD", "Attitűd szint az oltáshoz")
    label = _short_label("2_attitud", {"name": decomposed, "theme": "2_attitud"})
    assert label == "Attitűd szint az\noltáshoz"
    assert not any(unicodedata.combining(line[0]) for line in label.split("\n"))
    assert _short_label("7_blank", {"name": "  ", "theme": "7_blank"}) == "7_blank"


def test_report_tables_show_no_minus_zero():
    # Leftover 4: the real project's kappas are -0.000233 … 0 (no shared passages); rounded to two places for a report
    # table they read "-0.0", a negative agreement that is not there.
    import pandas as pd

    from qlr.report._html import _table

    page = _table(pd.DataFrame({"cohen_kappa": [-0.000233, -0.000033, 0.5], "n_units": [15262, 15262, 15262]}, index=["a", "b", "c"]))
    assert "-0.0" not in page and page.count("<td>0.0</td>") == 2 and "<td>0.5</td>" in page
    assert "<td>-0.12</td>" in _table(pd.DataFrame({"cohen_kappa": [-0.1234, 0.5]}))


def test_trajectories_mark_insufficient_evidence_and_name_a_case_placed_nowhere():
    # Leftover 3: on the PDFs, P1 (seen, its passages placing it nowhere) was simply absent from the figure, and a wave
    # of insufficient evidence was a gap like any other. Now each such wave is an open triangle below the ladder, and
    # a case placed at no wave is named under the axis.
    import numpy as np
    import pandas as pd

    study = qlr.load("data/sample", progress=False).sel(role="carer").apply("coproduction", progress=False)
    table = qlr.track.ladder(study, facet="delivery").table.copy()
    first, second = list(dict.fromkeys(table["case_id"]))[:2]
    gone = (table["case_id"] == first) | ((table["case_id"] == second) & (table["wave_id"] == "W2"))
    table.loc[gone, "status"] = "insufficient evidence"
    for column in ("level", "final_level"):
        table[column] = table[column].astype("Float64")
        table.loc[gone, column] = pd.NA
    ax = qlr.plot.trajectories(table, codebook=qlr.read_codebook("coproduction"))
    triangles = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert len(triangles) == int(gone.sum()) == 4  # three waves of the first case, W2 of the second
    assert all(float(np.asarray(line.get_ydata())[0]) < 1 for line in triangles)  # below the ladder's first level
    label = ax.get_xaxis().get_label().get_text().replace("\n", " ")  # wrapped to the axes' width
    assert "open triangle: insufficient evidence" in label and f"placed at no wave: {first}" in label
    assert first not in [text.get_text() for text in ax.texts]  # no line, so no end label
    untouched = qlr.plot.trajectories(qlr.track.ladder(study, facet="delivery"))
    assert "insufficient" not in untouched.get_xaxis().get_label().get_text()
