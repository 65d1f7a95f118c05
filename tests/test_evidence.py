"""One evidence rule: codings that are not evidence change no analysis; agreement still sees every coder."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

import qlr
from qlr import _tables
from qlr.evidence import counted, evidence, one_coder_per_passage, settled, training_codings

from .conftest import SAMPLE

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CARERS = {"role": "carer"}


def _rows(segments: pd.DataFrame, code_id: str, **fields) -> list[dict]:
    """One coding of ``code_id`` over each segment given."""
    return [
        {"coding_id": f"{fields.get('coder', 'x')}-{fields.get('status')}-{seg.seg_id}", "doc_id": seg.doc_id, "start": int(seg.start), "end": int(seg.end),
         "seg_id": seg.seg_id, "code_id": code_id, "codebook": "coproduction", **fields}
        for seg in segments.itertuples(index=False)
    ]


@pytest.fixture(scope="module")
def clean():
    return qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)


@pytest.fixture(scope="module")
def noisy(clean):
    """The same study with codings that must not count: suggestions, a second coder, a coded question."""
    study = clean.copy()
    segments = study.segments.merge(study.documents[["doc_id", "case_id"]], on="doc_id")
    answers = segments[(segments["speaker_role"] == "participant").fillna(False) & segments["case_id"].isin(["C01", "C05", "C10"])]
    questions = segments[(segments["speaker_role"] == "interviewer").fillna(False) & segments["case_id"].isin(["C01", "C05"])]
    rows = [
        # Five rejected and five pending suggestions of codes that give ladder evidence and make ties.
        *_rows(answers.iloc[:5], "power.co_leading", coder="model:m", origin="model", status="rejected", confidence=0.9),
        *_rows(answers.iloc[5:10], "peer_networks.peer_support", coder="model:m", origin="model", status="suggested", confidence=0.8),
        # Questions a person coded by hand.
        *_rows(questions.iloc[:3], "reciprocity.two_way", coder="rm", origin="human"),
        *_rows(questions.iloc[3:6], "peer_networks.peer_support", coder="rm", origin="human"),
    ]
    # A second coder who coded exactly what rm coded.
    second = study.codings[study.codings["coder"] == "rm"].assign(coder="zz", coding_id=lambda f: "zz-" + f["coding_id"])
    study.codings = _tables.coerce("codings", pd.concat([study.codings, pd.DataFrame(rows), second], ignore_index=True))
    return study


def test_noise_is_really_there(clean, noisy):
    added = noisy.codings[~noisy.codings["coding_id"].isin(clean.codings["coding_id"])]
    assert added["status"].value_counts().to_dict() == {"rejected": 5, "suggested": 5}
    assert (added["coder"] == "zz").sum() == (clean.codings["coder"] == "rm").sum() > 100
    assert len(evidence(noisy)) == len(evidence(clean))


def test_matrix_change_and_ladder_are_unchanged(clean, noisy):
    for cols in ("code", "theme"):
        for value in ("count", "segments"):
            pd.testing.assert_frame_equal(qlr.track.matrix(noisy, cols=cols, value=value).tidy, qlr.track.matrix(clean, cols=cols, value=value).tidy)
    pd.testing.assert_frame_equal(qlr.track.change(noisy, granularity="theme"), qlr.track.change(clean, granularity="theme"))
    for by in (("case", "wave"), "stage"):
        before, after = qlr.track.ladder(clean, by=by), qlr.track.ladder(noisy, by=by)
        pd.testing.assert_frame_equal(after.table, before.table)
        pd.testing.assert_frame_equal(after.evidence, before.evidence)
    pd.testing.assert_frame_equal(qlr.track.trajectories(qlr.track.ladder(noisy)), qlr.track.trajectories(qlr.track.ladder(clean)))
    pd.testing.assert_frame_equal(qlr.track.quotes(noisy, case="C01"), qlr.track.quotes(clean, case="C01"))
    assert qlr.track.portrait(noisy, "C05").markdown == qlr.track.portrait(clean, "C05").markdown


def _edges(graphs):
    return {wave: sorted((tuple(sorted(map(str, e[:2]))), sorted(e[2].items())) for e in g.edges(data=True)) for wave, g in graphs.items()}


def test_networks_are_unchanged(clean, noisy):
    assert _edges(qlr.net.cooccurrence(noisy, granularity="theme")) == _edges(qlr.net.cooccurrence(clean, granularity="theme"))
    assert _edges(qlr.net.cooccurrence(noisy, window="document")) == _edges(qlr.net.cooccurrence(clean, window="document"))
    assert _edges(qlr.net.actors(noisy)) == _edges(qlr.net.actors(clean))


def _marks(ax):
    return sorted((float(np.ravel(line.get_xdata())[0]), float(np.ravel(line.get_ydata())[0])) for line in ax.get_lines())


@pytest.mark.parametrize("case", ["C01", "C05"])
def test_codeline_marks_only_what_the_matrix_counts(clean, noisy, case):
    before, after = qlr.plot.codeline(clean, case), qlr.plot.codeline(noisy, case)
    assert _marks(after) == _marks(before)
    counted_here = qlr.track.matrix(clean, cols="code").tidy.query("case_id == @case")["count"].sum()
    documents = (clean.documents["case_id"] == case).sum()
    assert len(after.get_lines()) == counted_here + documents  # a mark per coding, a line per document
    plt.close("all")


def test_report_tables_are_unchanged(clean, noisy, tmp_path):
    pages = {}
    for name, study in (("clean", clean), ("noisy", noisy)):
        pages[name] = qlr.report.write_report(study, tmp_path / name, role="carer", progress=False).parent
    names = sorted(p.name for p in (pages["clean"] / "tables").glob("*.csv"))
    assert "placements.csv" in names and "placement_evidence.csv" in names
    # The second coder is a second test of the rules, and rightly named in the rules' check: everything else is the same.
    checked = ["rule_check"]
    for name in names:
        noisy_table, clean_table = pd.read_csv(pages["noisy"] / "tables" / name), pd.read_csv(pages["clean"] / "tables" / name)
        if name == "rule_validation.csv":
            assert set(noisy_table["coder"]) == set(clean_table["coder"]) | {"zz"}
            clean_table = clean_table.set_index(["coder", "code_id"])
            pd.testing.assert_frame_equal(noisy_table.set_index(["coder", "code_id"]).loc[clean_table.index], clean_table, obj=name)
            continue
        if name == "coder_agreement.csv":
            # zz is a second person and compared with each; the model's rejected and pending suggestions are no coder.
            pairs = {tuple(pair) for pair in noisy_table[["coder_a", "coder_b"]].drop_duplicates().to_numpy()}
            assert pairs == {tuple(pair) for pair in clean_table[["coder_a", "coder_b"]].drop_duplicates().to_numpy()} | {("rm", "zz"), ("so", "zz")}
            continue
        pd.testing.assert_frame_equal(noisy_table.drop(columns=checked, errors="ignore"), clean_table.drop(columns=checked, errors="ignore"), obj=name)
        if "rule_check" in clean_table.columns:
            before, after = clean_table["rule_check"].fillna(""), noisy_table["rule_check"].fillna("")
            # A flag stays, perhaps naming zz too; a new one can only be zz's.
            assert all(a.startswith(b) for a, b in zip(after[before != ""], before[before != ""]))
            new = after[(before == "") & (after != "")]
            assert new.str.fullmatch(r"rules disagree with zz \(kappa 0\.\d\d\)").all()


def test_agreement_sees_the_second_coder_but_no_suggestion(clean, noisy):
    with pytest.raises(qlr.errors.CodingError, match="no codings by zz"):
        qlr.code.agreement(clean, coders=["rm", "zz"])
    result = qlr.code.agreement(noisy, coders=["rm", "zz"], unit="segment")
    # zz copied every coding of rm's but the six questions rm coded by hand; a coded question is a unit too (issue 14).
    differ = qlr.code.disagreements(noisy, coders=["rm", "zz"])
    roles = differ["unit"].map(noisy.segments.set_index("seg_id")["speaker_role"])
    assert len(differ) == 6 and (roles == "interviewer").all() and (differ["rm"] == 1).all() and (differ["zz"] == 0).all()
    # A suggestion zz rejected, or one still pending, is no coding of zz's.
    extra = noisy.copy()
    spare = extra.segments[extra.segments["doc_id"].isin(extra.codings.loc[extra.codings["coder"] == "zz", "doc_id"])].iloc[[0, 1]]
    rows = _rows(spare.iloc[[0]], "power.co_leading", coder="zz", origin="model", status="rejected") + _rows(spare.iloc[[1]], "power.co_leading", coder="zz", origin="model", status="suggested")
    # Nor does a suggestion in a document zz never coded make it one zz read (all "no" there).
    unread = extra.segments[~extra.segments["doc_id"].isin(extra.codings.loc[extra.codings["coder"] == "zz", "doc_id"])].iloc[[0]]
    rows += _rows(unread, "power.co_leading", coder="zz", origin="model", status="rejected")
    extra.codings = _tables.coerce("codings", pd.concat([extra.codings, pd.DataFrame(rows)], ignore_index=True))
    pd.testing.assert_frame_equal(qlr.code.agreement(extra, coders=["rm", "zz"]), result)
    table = qlr.code.coding_table(extra, coders=["rm", "zz"], unit="document")
    assert unread["doc_id"].iloc[0] not in set(table["doc_id"])


def test_suggester_trains_on_people_and_accepted_suggestions(clean, noisy):
    from qlr.code._suggest import training_data

    texts, labels = training_data(clean)
    noisy_texts, noisy_labels = training_data(noisy)
    pd.testing.assert_frame_equal(noisy_labels, labels)
    pd.testing.assert_series_equal(noisy_texts, texts)
    # Once accepted, a suggestion is a label.
    accepted = noisy.copy()
    suggested = accepted.codings[(accepted.codings["status"] == "suggested").fillna(False)]
    learnable = suggested[suggested["seg_id"].isin(labels.index)]  # in a document a person coded
    assert len(learnable)
    row = learnable.index[0]
    seg_id, code_id = accepted.codings.loc[row, ["seg_id", "code_id"]]
    assert labels.loc[seg_id, code_id] == 0
    accepted.codings.loc[row, "status"] = "accepted"
    assert training_data(accepted)[1].loc[seg_id, code_id] == 1


def test_the_rule_in_small():
    codings = pd.DataFrame(
        {
            "seg_id": ["q", "a", "a", "a", "b", "b"],
            "code_id": ["x"] * 6,
            "coder": ["rm", "rm", "so", "model:m", "model:m", "rules"],
            "origin": ["human", "human", "human", "model", "model", "rules"],
            "status": [None, None, None, "accepted", "suggested", None],
        }
    )
    segments = pd.DataFrame({"seg_id": ["q", "a", "b"], "speaker_role": ["interviewer", "participant", "participant"]})
    assert counted(codings, segments=segments).tolist() == [False, True, True, True, False, True]
    assert settled(codings)["coder"].tolist() == ["rm", "rm", "so", "model:m", "rules"]  # agreement keeps questions
    kept = one_coder_per_passage(codings[counted(codings, segments=segments)])
    assert kept[["seg_id", "coder"]].values.tolist() == [["a", "rm"], ["b", "rules"]]
    assert training_codings(codings)["coder"].tolist() == ["rm", "rm", "so", "model:m"]
