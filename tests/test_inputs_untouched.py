"""Functions return new objects and leave their inputs alone; only Study methods edit a study.

Every public function of qlr.track, qlr.net, qlr.plot, qlr.report, qlr.evidence and the
functions of qlr.code is called here, and the study (every table, the codebooks,
the log and the metadata) and any other input are fingerprinted before and after.
"""

from __future__ import annotations

import inspect
import json
import re

import matplotlib
import networkx as nx
import pandas as pd
import pytest

import qlr
from qlr import _tables

from .conftest import SAMPLE

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def fingerprint(value):
    """Something equal before and after exactly when ``value`` was not changed."""
    if isinstance(value, qlr.Study):
        return {
            "name": value.name,
            "tables": {name: fingerprint(frame) for name, frame in value.tables.items()},
            "codebooks": {key: cb.to_yaml() if hasattr(cb, "to_yaml") else repr(cb) for key, cb in value.codebooks.items()},
            "meta": json.dumps(value.meta, sort_keys=True, default=str),
        }
    if isinstance(value, pd.DataFrame):
        return (
            list(map(str, value.columns)),
            [str(t) for t in value.dtypes],
            list(map(str, value.index)),
            pd.util.hash_pandas_object(value.astype(object).map(repr), index=True).tolist(),
            dict(value.attrs),
        )
    if isinstance(value, qlr.track.Placements):
        return (fingerprint(value.table), fingerprint(value.evidence), value.ladder, value.keys, value.waves)
    if isinstance(value, qlr.track.Sequences):
        return (fingerprint(value.levels), fingerprint(value.changes), value.alphabets)
    if isinstance(value, qlr.track.Matrix):
        return (fingerprint(value.tidy), value.rows, value.cols, value.by, value.value)
    if isinstance(value, qlr.net.Dynamics):
        return (fingerprint(value.waves), fingerprint(value.turnover), fingerprint(value.egos))
    if isinstance(value, qlr.net.ENA):
        return [fingerprint(frame) for frame in (value.units, value.adjacency, value.normalised, value.nodes, value.axes, value.presence)]
    if isinstance(value, nx.Graph):
        return (sorted(map(repr, value.nodes(data=True))), sorted(map(repr, value.edges(data=True))), repr(value.graph))
    if isinstance(value, dict):
        return {key: fingerprint(item) for key, item in value.items()}
    return repr(value)


@pytest.fixture(scope="module")
def study():
    coded = qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)
    # A pending suggestion and an override, so no function can tidy them away unseen.
    row = coded.codings.iloc[[0]].assign(coding_id="m-pending", coder="model:m", origin="model", status="suggested")
    coded.codings = _tables.coerce("codings", pd.concat([coded.codings, row], ignore_index=True))
    coded.override_placement(case="C05", wave="W3", level=1, reason="read the whole interview", author="rm", facet="delivery")
    return coded


@pytest.fixture(scope="module")
def results(study):
    carers = study.sel(role="carer")
    placements = qlr.track.ladder(carers)
    graphs = qlr.net.actors(carers)
    return {
        "carers": carers,
        "placements": placements,
        "delivery": qlr.track.ladder(carers, facet="delivery"),
        "stages": qlr.track.ladder(study, by="stage", facet="design"),
        "matrix": qlr.track.matrix(carers, cols="theme"),
        "changes": qlr.track.change(carers, granularity="theme"),
        "graphs": graphs,
        "dynamics": qlr.net.dynamics(graphs),
        "ena": qlr.net.ena(carers, rotation=("W3", "W1")),
        "sequences": qlr.track.sequences(placements),
        "distances": pd.DataFrame([[0, 1, 4], [1, 0, 2], [4, 2, 0]], index=list("ABC"), columns=list("ABC")),
        "lines": qlr.track.through_lines(carers),
        "evidence": placements.evidence,
        "checks": qlr.code.validate_coders(study, replicates=50),
    }


def _calls(study, r, folder):
    """(name, call, inputs) for each public function; ``inputs`` are what must not change."""
    carers = r["carers"]
    return {
        "track.matrix": (lambda: qlr.track.matrix(study, by="stage"), [study]),
        "track.quotes": (lambda: qlr.track.quotes(study, case="C05"), [study]),
        "track.chart": (lambda: qlr.track.chart(study, cols="code"), [study]),
        "track.change": (lambda: qlr.track.change(study), [study]),
        "track.change_summary": (lambda: qlr.track.change_summary(r["changes"]), [r["changes"]]),
        "track.classify": (lambda: qlr.track.classify([0, 1, 3]), []),
        "track.ladder": (lambda: qlr.track.ladder(study, by="stage"), [study]),
        "track.place": (lambda: qlr.track.place({1: 2.0}, {}, [0, 1, 2], rule="modal", min_evidence=1), []),
        "track.trajectories": (lambda: qlr.track.trajectories(r["placements"]), [r["placements"]]),
        "track.trajectory_type": (lambda: qlr.track.trajectory_type([1, 2]), []),
        "track.transitions": (lambda: qlr.track.transitions(r["delivery"]), [r["delivery"]]),
        "track.portrait": (lambda: qlr.track.portrait(carers, "C05", placements=r["placements"], changes=r["changes"]), [carers, r["placements"], r["changes"]]),
        # Trajectory sequences and Saldaña's questions (issue 17).
        "track.sequences": (lambda: qlr.track.sequences(r["placements"], attrition=carers.attrition()), [r["placements"]]),
        "track.sequence_distances": (lambda: qlr.track.sequence_distances(r["sequences"], substitution="transition", facet="delivery"), [r["sequences"]]),
        "track.substitution_costs": (lambda: qlr.track.substitution_costs(r["sequences"]), [r["sequences"]]),
        "track.sequence_clusters": (lambda: qlr.track.sequence_clusters(qlr.track.sequence_distances(r["sequences"]), method="pam"), [r["sequences"]]),
        "track.silhouette_widths": (lambda: qlr.track.silhouette_widths(r["distances"], [1, 1, 2]), [r["distances"]]),
        "track.sequence_indicators": (lambda: qlr.track.sequence_indicators(r["sequences"], kind="changes"), [r["sequences"]]),
        "track.state_distribution": (lambda: qlr.track.state_distribution(r["sequences"], facet="design"), [r["sequences"]]),
        "track.cumulative": (lambda: qlr.track.cumulative(carers), [carers]),
        "track.turning_points": (lambda: qlr.track.turning_points(r["placements"]), [r["placements"]]),
        "track.through_lines": (lambda: qlr.track.through_lines(carers), [carers]),
        "track.persistent_themes": (lambda: qlr.track.persistent_themes(r["lines"]), [r["lines"]]),
        "track.missing_through_time": (lambda: qlr.track.missing_through_time(carers), [carers]),
        "plot.sequence_distribution": (lambda: qlr.plot.sequence_distribution(r["sequences"], facet="delivery"), [r["sequences"]]),
        "plot.sequence_index": (lambda: qlr.plot.sequence_index(r["sequences"], kind="changes", facet="delivery"), [r["sequences"]]),
        "plot.sequence_entropy": (lambda: qlr.plot.sequence_entropy(r["sequences"]), [r["sequences"]]),
        "net.cooccurrence": (lambda: qlr.net.cooccurrence(study, granularity="theme"), [study]),
        "net.actors": (lambda: qlr.net.actors(study), [study]),
        "net.support_codes": (lambda: qlr.net.support_codes(qlr.read_codebook("coproduction")), []),
        "Codebook.labels": (lambda: qlr.evidence.pick_codebook(study).labels(names=True), [study]),
        "net.dynamics": (lambda: qlr.net.dynamics(r["graphs"]), [r["graphs"]]),
        "net.ego": (lambda: qlr.net.ego(r["graphs"]["W2"], "C05"), [r["graphs"]]),
        "net.write_graphs": (lambda: qlr.net.write_graphs(r["graphs"], folder / "graphs"), [r["graphs"]]),
        "net.mentions": (lambda: qlr.net.mentions("Ann helped", re.compile(r"(Ann)"), {"Ann": "C01"}), []),
        "plot.trajectories": (lambda: qlr.plot.trajectories(r["delivery"]), [r["delivery"]]),
        "track.time_ordered_matrix": (lambda: qlr.track.time_ordered_matrix(carers), [carers]),
        "track.case_ordered_meta_matrix": (lambda: qlr.track.case_ordered_meta_matrix(r["placements"]), [r["placements"]]),
        "track.event_listing": (lambda: qlr.track.event_listing(study), [study]),
        "net.ena": (lambda: qlr.net.ena(carers, units="case", groups="case"), [carers]),
        "plot.ena_network": (lambda: qlr.plot.ena_network(r["ena"], group="W1"), [r["ena"]]),
        "plot.ena_difference": (lambda: qlr.plot.ena_difference(r["ena"], "W3", "W1"), [r["ena"]]),
        "plot.ena_units": (lambda: qlr.plot.ena_units(r["ena"]), [r["ena"]]),
        "plot.ladder_stages": (lambda: qlr.plot.ladder_stages(r["stages"]), [r["stages"]]),
        "plot.matrix_heatmap": (lambda: qlr.plot.matrix_heatmap(r["matrix"]), [r["matrix"]]),
        "plot.alluvial": (lambda: qlr.plot.alluvial(r["delivery"]), [r["delivery"]]),
        "plot.network_panels": (lambda: qlr.plot.network_panels(r["graphs"]), [r["graphs"]]),
        "plot.network_dynamics": (lambda: qlr.plot.network_dynamics(r["dynamics"]), [r["dynamics"]]),
        "plot.codeline": (lambda: qlr.plot.codeline(study, "C05"), [study]),
        "plot.change_grid": (lambda: qlr.plot.change_grid(r["changes"]), [r["changes"]]),
        "plot.save_png": (lambda: qlr.plot.save_png(qlr.plot.change_grid(r["changes"]).figure, folder / "grid.png"), [r["changes"]]),
        "report.write_report": (lambda: qlr.report.write_report(carers, folder / "report", progress=False), [carers]),
        "evidence.counted": (lambda: qlr.evidence.counted(study.codings, segments=study.segments), [study]),
        "evidence.settled": (lambda: qlr.evidence.settled(study.codings), [study]),
        "evidence.in_codebook": (lambda: qlr.evidence.in_codebook(study.codings, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.person_codings": (lambda: qlr.evidence.person_codings(study.codings, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.by_person": (lambda: qlr.evidence.by_person(study.codings), [study]),
        "evidence.evidence": (lambda: qlr.evidence.evidence(study), [study]),
        "evidence.on_question_turns": (lambda: qlr.evidence.on_question_turns(study), [study]),
        "evidence.training_codings": (lambda: qlr.evidence.training_codings(study.codings), [study]),
        "evidence.one_coder_per_passage": (lambda: qlr.evidence.one_coder_per_passage(study.codings), [study]),
        "evidence.double_coded": (lambda: qlr.evidence.double_coded(study), [study]),
        "evidence.pick_codebook": (lambda: qlr.evidence.pick_codebook(study), [study]),
        "evidence.not_coded_cases": (lambda: qlr.evidence.not_coded_cases(study, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.not_coded_documents": (lambda: qlr.evidence.not_coded_documents(study, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.charted_documents": (lambda: qlr.evidence.charted_documents(study, qlr.evidence.pick_codebook(study).id), [study]),
        "evidence.not_coded_waves": (lambda: qlr.evidence.not_coded_waves(study, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.partly_coded_waves": (lambda: qlr.evidence.partly_coded_waves(study, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.case_wave_coverage": (lambda: qlr.evidence.case_wave_coverage(study, qlr.evidence.pick_codebook(study)), [study]),
        "evidence.coverage_reason": (lambda: qlr.evidence.coverage_reason(study.attrition()["W1"], False), [study]),
        "evidence.codebook_applications": (lambda: qlr.evidence.codebook_applications(study, qlr.evidence.pick_codebook(study).id), [study]),
        "evidence.group_columns": (lambda: qlr.evidence.group_columns(("case", "wave")), []),
        "evidence.key_source": (lambda: qlr.evidence.key_source(study, study.documents, "stage"), [study]),
        "evidence.segment_cases": (lambda: qlr.evidence.segment_cases(study), [study]),
        "evidence.speakers_decide": (lambda: qlr.evidence.speakers_decide(study), [study]),
        "evidence.no_case_turns": (lambda: qlr.evidence.no_case_turns(study.segments), [study]),
        "evidence.relayed_turns": (lambda: qlr.evidence.relayed_turns(study.segments), [study]),
        "evidence.researchers_accounts": (lambda: qlr.evidence.researchers_accounts(study), [study]),
        "evidence.summary_paragraphs": (lambda: qlr.evidence.summary_paragraphs(study), [study]),
        "evidence.relays": (lambda: qlr.evidence.relays("Interpreter"), []),
        "evidence.coding_cases": (lambda: qlr.evidence.coding_cases(study, study.codings), [study]),
        "evidence.each_case": (lambda: qlr.evidence.each_case(study, study.codings), [study]),
        "code.agreement": (lambda: qlr.code.agreement(study, coders=["rm", "so"]), [study]),
        "code.reliability": (lambda: qlr.code.reliability(pd.DataFrame({"a": [1, 0, 1], "b": [1, 1, 1]})), []),
        "code.disagreements": (lambda: qlr.code.disagreements(study, coders=["rm", "so"]), [study]),
        "code.coding_table": (lambda: qlr.code.coding_table(study, coders=["rm", "so"]), [study]),
        "code.compared_codings": (lambda: qlr.code.compared_codings(study, coders=["rm", "so"]), [study]),
        "code.coder_pairs": (lambda: qlr.code.coder_pairs(study), [study]),
        "code.human_coders": (lambda: qlr.code.human_coders(study), [study]),
        "code.write_coding_sheet": (lambda: qlr.code.write_coding_sheet(study, folder / "sheet.csv", coder="jk"), [study]),
        "code.evaluate": (lambda: qlr.code.evaluate(study, model=qlr.code.CodeSuggester(min_examples=5), folds=2), [study]),
        "code.pipeline": (lambda: qlr.code.pipeline(), []),
        "code.unmatchable_lemmas": (lambda: qlr.code.unmatchable_lemmas(qlr.evidence.pick_codebook(study)), [study]),
        "code.eligible_segments": (lambda: qlr.code.eligible_segments(study), [study]),
        "code.validate": (lambda: qlr.code.validate(study, against="rm", replicates=50), [study]),
        "code.validate_coders": (lambda: qlr.code.validate_coders(study, replicates=50), [study]),
        "code.flag_rules": (lambda: qlr.code.flag_rules(r["evidence"], study, r["checks"]), [r["evidence"], study, r["checks"]]),
        "code.shaffer_rho": (lambda: qlr.code.shaffer_rho(0.9, base_rate=0.2, test_size=50, replicates=50), []),
        "code.write_validation_sheet": (lambda: qlr.code.write_validation_sheet(study, folder / "check.csv", n=10, coder="jk"), [study]),
    }


# Functions that edit the study they are given, as only a Study method may: none.  (The
# deprecated qlr.code.read_coding_sheet, consensus and migrate still do, outside __all__;
# study.read_coding_sheet, study.consensus and study.migrate_codebook took their place.)
EDITS_ITS_INPUT: set[str] = set()
# Exports that add a line to the study's log and change nothing else.
LOGS_WHAT_IT_WROTE = {"code.write_coding_sheet": "coding sheet", "code.write_validation_sheet": "validation sheet"}
PACKAGES = {"track": qlr.track, "net": qlr.net, "plot": qlr.plot, "report": qlr.report, "evidence": qlr.evidence, "code": qlr.code}


def test_every_public_function_is_called_here(study, results, tmp_path):
    public = {f"{name}.{item}" for name, module in PACKAGES.items() for item in module.__all__ if inspect.isfunction(getattr(module, item))}
    assert public - set(_calls(study, results, tmp_path)) - EDITS_ITS_INPUT == set()


@pytest.mark.parametrize("name", sorted(_calls(None, {k: None for k in ("carers", "placements", "delivery", "stages", "matrix", "changes", "graphs", "dynamics", "ena", "sequences", "distances", "lines", "evidence", "checks")}, None)))
def test_a_function_leaves_its_inputs_alone(study, results, tmp_path, name):
    call, inputs = _calls(study, results, tmp_path)[name]
    before = [fingerprint(value) for value in inputs]
    log = len(study.log)
    result = call()
    plt.close("all")
    if name in LOGS_WHAT_IT_WROTE:
        # Its one change: a provenance line saying a file was written for a coder.
        assert len(study.log) == log + 1 and study.log["action"].iloc[-1] == LOGS_WHAT_IT_WROTE[name]
        study.log = study.log.iloc[:log]
    assert [fingerprint(value) for value in inputs] == before
    # What comes back is new, never one of the inputs.
    assert all(result is not value for value in inputs)


def test_the_report_codes_a_copy(tmp_path):
    uncoded = qlr.load(SAMPLE, progress=False)
    before = fingerprint(uncoded)
    page = qlr.report.write_report(uncoded, tmp_path, codebook="coproduction", role="carer", progress=False)
    assert "Spectrum of co-production" in page.read_text(encoding="utf-8")
    assert fingerprint(uncoded) == before and "coproduction" not in uncoded.codebooks


def test_the_report_computes_change_once(tmp_path, monkeypatch):
    from qlr.track import _change

    calls = []
    original = _change.change

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(_change, "change", counting)
    monkeypatch.setattr(qlr.track, "change", counting)
    study = qlr.load(SAMPLE, progress=False).apply("coproduction", progress=False)
    qlr.report.write_report(study, tmp_path, role="carer", progress=False)
    assert len(calls) == 1  # not once more per pen portrait (11 carers)


@pytest.mark.parametrize(
    ("old", "call"),
    [
        ("coding_sheet", lambda s, folder: qlr.code.coding_sheet(s, folder / "a.csv", coder="jk")),
        ("read_coding_sheet", lambda s, folder: qlr.code.read_coding_sheet(s, qlr.code.write_coding_sheet(s, folder / "b.csv", coder="jk"), coder="jk")),
        ("consensus", lambda s, folder: qlr.code.consensus(s, coders=["rm", "so"])),
        ("migrate", lambda s, folder: qlr.code.migrate(s, to=s.codebooks["coproduction"])),
    ],
)
def test_the_old_names_still_work_with_a_deprecation_warning(study, tmp_path, old, call):
    mine = study.copy()
    with pytest.warns(DeprecationWarning, match=rf"qlr\.code\.{old}"):
        call(mine, tmp_path)
    assert old not in qlr.code.__all__


def test_the_methods_edit_their_own_study_as_the_old_functions_did(study, tmp_path):
    by_method, by_function = study.copy(), study.copy()
    assert by_method.consensus(coders=["rm", "so"], rule="union") > 0
    with pytest.warns(DeprecationWarning):
        qlr.code.consensus(by_function, coders=["rm", "so"], rule="union")
    consensus = lambda s: s.codings.loc[s.codings["coder"] == "consensus", ["seg_id", "code_id"]].sort_values(["seg_id", "code_id"]).values.tolist()  # noqa: E731
    assert consensus(by_method) == consensus(by_function) and consensus(study) == []
