"""Review of stop 56's Codebook.labels: two codes never read alike (an id's last part cut short, a name that
reads as another code's bracketed label, names apart only in spacing, a code named as a theme's "(against)" roll-up);
a ``$`` in a code's name is drawn as a dollar; the report's codebook section, the evidence trail's "also weighing here"
and ``qlr code``'s most frequent codes name an imported project's codes as every other table does; an imported
codebook edited with ``with_codes`` keeps its GUIDs, so it is still shown by name."""

from __future__ import annotations

import re

import matplotlib
import pytest

import qlr
from qlr.cli import main

from .conftest import SAMPLE
from .test_code_labels_56 import _codebook, _id_of, crosswalked_report, imported, section_of  # noqa: F401  (the hand-written REFI-QDA project)

matplotlib.use("Agg")

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*read as interviews have no speaker label for most of their text:qlr.errors.NoInterviewerWarning"),
    pytest.mark.filterwarnings("ignore:.*share no coded segment:qlr.errors.QlrWarning"),
]

# A codebook that came from another tool (it carries a GUID), so it is shown by name.
IMPORTED = """
id: probe
name: Probe
version: "1"
themes:
  - {id: power, name: Power}
  - {id: power_against, name: Power (against)}
  - {id: participation_level_one, name: Participation level one}
  - {id: participation_level_one_2, name: participation  level one}
  - {id: open, name: Open}
  - {id: open_2, name: open}
  - {id: open_open, name: "Open [open]"}
  - {id: money, name: "Income $ and spending $"}
  - {id: caret, name: "a $^$ b"}
codes:
  - {id: power.say, name: Say, parent: power}
  - {id: power.none, name: No say, parent: power, counts: against}
refi:
  guids:
    power: bbbbbbbb-0000-0000-0000-000000000001
"""


@pytest.fixture
def probe():
    return qlr.Codebook.from_yaml(IMPORTED)


def _reads_as(text):
    return " ".join(text.split()).casefold()


def test_no_two_codes_or_roll_ups_read_alike(probe):
    labels = probe.labels([*(code.id for code in probe), "power (against)"])
    # Ids whose last parts agree in their first 12 characters were cut to the same "[participati]" before.
    assert labels["participation_level_one"] == "Participation level one [participation_level_one]"
    assert labels["participation_level_one_2"] == "participation  level one [participation_level_one_2]"
    # A code named "Open [open]" read as "Open" with its id's last part; a theme named "Power (against)" as Power's roll-up.
    assert labels["open_open"] != labels["open"] and labels["power_against"] != labels["power (against)"]
    assert labels["power (against)"].startswith("Power (against)") and labels["power_against"].startswith("Power (against)")
    assert len({_reads_as(label) for label in labels.values()}) == len(labels)
    # A name with no twin is shown alone.
    assert labels["power"] == "Power" and labels["power.say"] == "Say" and labels["money"] == "Income $ and spending $"


def test_names_apart_only_in_spacing_are_told_apart():
    cb = qlr.Codebook.from_yaml(IMPORTED.replace("name: participation  level one", "name: Participation  level one"))
    one, two = cb.labels(["participation_level_one", "participation_level_one_2"]).values()
    assert _reads_as(one) != _reads_as(two)


def test_a_dollar_in_a_codes_name_is_drawn_as_a_dollar(imported):  # noqa: F811
    cb = _codebook(imported)
    power_sd = _id_of(cb, ["Power", "Shared decisions"])
    named = cb.with_codes([qlr.codebook.Code(**{**vars(code), "name": "a $^$ b" if code.id == power_sd else code.name}) for code in cb])
    study = imported
    study.codebooks[cb.id] = named
    fig = qlr.plot.matrix_heatmap(qlr.track.matrix(study, cols="code", codebook=named))
    fig.canvas.draw()  # "a $^$ b" as mathtext stopped the figure (ValueError: ParseSyntaxException)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert r"a \$^\$ b" in ticks  # matplotlib draws "\$" as "$", never as the start of a formula
    # One wave has no grid of change (stop 58): the table as if a case were followed, to draw its labels.
    followed = qlr.track.change(study, granularity="code", codebook=named).assign(category="constant")
    ax = qlr.plot.change_grid(followed, codebook=named)
    ax.figure.canvas.draw()


def test_the_report_names_the_codebook_sections_themes_and_the_other_evidence_in_a_trail(imported, tmp_path):  # noqa: F811
    cb = _codebook(imported)
    power_sd, trust_sd = _id_of(cb, ["Power", "Shared decisions"]), _id_of(cb, ["Trust", "Shared decisions"])
    page = crosswalked_report(imported, tmp_path, {power_sd: 3, trust_sd: 2})
    section = section_of(page, "codebook")
    power, trust = _id_of(cb, ["Power"]), _id_of(cb, ["Trust"])
    # The theme column names each code's theme (it showed the ids "power", "trust").
    assert re.search(r"<td>Shared decisions</td>\s*<td>Power</td>", section) and re.search(r"<td>Shared decisions</td>\s*<td>Trust</td>", section)
    assert f"<td>{power}</td>" not in section and f"<td>{trust}</td>" not in section
    ladder = section_of(page, "ladder")
    weighing = re.findall(r"also weighing here: ([^<]*)", ladder)
    assert weighing and all(power_sd not in text and trust_sd not in text for text in weighing)
    assert any(text.startswith("Trust / Shared decisions (level 2") for text in weighing)
    # The saved table keeps the ids (what a pandas user joins on).
    assert trust_sd in (tmp_path / "report" / "tables" / "placement_evidence.csv").read_text(encoding="utf-8")


def test_qlr_code_prints_the_most_frequent_codes_by_name_with_their_ids(tmp_path, capsys):
    source = qlr.read_codebook("coproduction").to_yaml()
    assert "refi:" not in source
    named = tmp_path / "named.yaml"  # the bundled codebook as another tool would give it back: with a GUID
    named.write_text(source + "refi:\n  guids:\n    reciprocity: 0f0f0f0f-0000-0000-0000-000000000001\n", encoding="utf-8")
    assert main(["code", str(SAMPLE), "--codebook", str(named), "-o", str(tmp_path / "coded.qlr")]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = lines[next(i for i, line in enumerate(lines) if line.endswith("most frequent codes counted as evidence:")) + 1 :][:10]
    cb = qlr.read_codebook(named)
    assert all(re.fullmatch(r"\s+\d+  (.+) \(([a-z_.]+)\)", line) for line in listed), listed
    for line in listed:
        label, code_id = re.fullmatch(r"\s+\d+  (.+) \(([a-z_.]+)\)", line).groups()
        assert label == cb[code_id].name


def test_an_edited_imported_codebook_is_still_shown_by_name(imported):  # noqa: F811
    cb = _codebook(imported)
    power_sd, open_a = _id_of(cb, ["Power", "Shared decisions"]), _id_of(cb, ["Open"])
    # with_codes made a codebook without the tool's GUIDs, so the same codes were suddenly shown by their ids.
    smaller = cb.with_codes([code for code in cb if code.id != open_a])
    assert smaller.labels([power_sd]) == {power_sd: "Power / Shared decisions"}
    assert open_a not in set(smaller.guids.values()) and len(smaller.guids) == len(cb.guids) - 1
    assert "refi:" in smaller.to_yaml()  # written back with the GUIDs it kept


def test_without_a_codebook_ids_given_as_an_index_are_shown_as_they_are():
    import pandas as pd

    from qlr.codebook._display import code_labels

    # "ids or []" asked a pandas Index for its truth value (ValueError).
    assert code_labels(None, pd.Index(["power", "trust"])) == {"power": "power", "trust": "trust"}
