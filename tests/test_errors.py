"""Options are checked one way: InvalidParameterError names the parameter, the choices and a fix."""

from __future__ import annotations

import pytest

import qlr
from qlr._check import check_bool, check_choice, check_keywords, check_number
from qlr.errors import (
    CodebookError,
    CodebookSyntaxError,
    InvalidParameterError,
    ManifestError,
    QdpxError,
    QlrError,
    SelectionError,
    YamlSyntaxError,
)


def test_invalid_parameter_error_is_a_value_and_a_type_error():
    with pytest.raises(InvalidParameterError) as info:
        check_choice("unit", "sentense", ("sentence", "segment"))
    err = info.value
    assert isinstance(err, QlrError) and isinstance(err, ValueError) and isinstance(err, TypeError)
    assert str(err) == "unit='sentense' is not one of 'sentence', 'segment'. Fix: did you mean 'sentence'?"


def test_check_choice_returns_the_value_and_suggests_only_when_close():
    assert check_choice("rule", "union", ("agree", "union")) == "union"
    with pytest.raises(InvalidParameterError, match=r"rule='zzz' is not one of 'agree', 'union'\. Fix: use rule='agree'\.$"):
        check_choice("rule", "zzz", ("agree", "union"))
    with pytest.raises(InvalidParameterError, match=r"rule=\['agree'\] is not one of"):
        check_choice("rule", ["agree"], ("agree", "union"))  # unhashable: refused, not a crash


@pytest.mark.parametrize(
    ("value", "options", "message"),
    [
        (0, {"minimum": 1, "integer": True}, "n=0 is not a whole number of at least 1"),
        (1.5, {"minimum": 1, "integer": True}, "n=1.5 is not a whole number of at least 1"),
        (True, {"minimum": 0}, "n=True is not a number of at least 0"),
        (float("nan"), {"minimum": 0}, "n=nan is not a number of at least 0"),
        (float("inf"), {}, "n=inf is not a number"),
        ("2", {}, "n='2' is not a number"),
        (3, {"maximum": 2}, "n=3 is not a number of at most 2"),
    ],
)
def test_check_number_refuses(value, options, message):
    with pytest.raises(InvalidParameterError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        check_number("n", value, **options)


def test_check_number_accepts():
    assert check_number("n", 2.0, minimum=1, integer=True) == 2.0
    assert check_number("n", float("inf"), finite=False) == float("inf")
    assert check_number("n", 0, minimum=0, maximum=0) == 0


def test_check_bool():
    assert check_bool("progress", False) is False
    with pytest.raises(InvalidParameterError, match="progress='no' is not True or False"):
        check_bool("progress", "no")


def test_check_keywords_suggests_the_close_one():
    check_keywords("f()", ["case"], ["case", "wave"])
    with pytest.raises(InvalidParameterError, match=r"f\(\) has no keyword 'csae' \(it takes case, wave\)\. Fix: did you mean case=…\?"):
        check_keywords("f()", ["csae"], ["case", "wave"])


def test_public_functions_refuse_bad_options_with_the_parameter_named(sample_study):
    study = sample_study
    cases = [
        (lambda: qlr.track.matrix(study, value="presense"), "value='presense'", "'count', 'presence'", "'presence'"),
        (lambda: qlr.net.cooccurrence(study, weight="jacard"), "weight='jacard'", "'count', 'jaccard'", "'jaccard'"),
        (lambda: qlr.code.coding_table(study, coders=["rm", "so"], unit="charakter"), "unit='charakter'", "'segment', 'character'", "'character'"),
        (lambda: study.consensus(coders=["rm", "so"], rule="unoin"), "rule='unoin'", "'agree', 'union'", "'union'"),
        (lambda: qlr.code.reliability([[1, 1], [0, 1]], measurement="ordnial"), "measurement='ordnial'", "'nominal', 'ordinal'", "'ordinal'"),
    ]
    for call, named, listed, suggested in cases:
        with pytest.raises(InvalidParameterError) as info:
            call()
        message = str(info.value)
        assert named in message and listed in message and f"did you mean {suggested}?" in message, message
        assert isinstance(info.value, ValueError)


def test_apply_checks_span_and_n_process():
    study = qlr.Study()
    with pytest.raises(InvalidParameterError, match="span='sentences' is not one of 'sentence', 'segment'. Fix: did you mean 'sentence'"):
        study.apply("coproduction", span="sentences")
    with pytest.raises(InvalidParameterError, match="n_process=0 is not a whole number of at least 1"):
        study.apply("coproduction", n_process=0)


def test_write_graphs_checks_formats_before_writing(tmp_path):
    import networkx as nx

    target = tmp_path / "graphs"
    with pytest.raises(InvalidParameterError, match="formats='gefx'.*did you mean 'gexf'"):
        qlr.net.write_graphs({"W1": nx.Graph([("a", "b")])}, target, formats=("graphml", "gefx"))
    assert not target.exists()  # nothing half-written


def test_override_placement_refuses_what_would_never_apply(coded_sample):
    study = coded_sample.copy()
    with pytest.raises(InvalidParameterError, match=r"override_placement\(\) has no keyword 'csae'.*did you mean case=…\?"):
        study.override_placement(csae="C05", wave="W3", level=0, reason="x")
    with pytest.raises(SelectionError, match=r"case 'C5' is not in this study\. Fix: did you mean 'C05'\?"):
        study.override_placement(case="C5", wave="W3", level=0, reason="x")
    with pytest.raises(SelectionError, match=r"facet 'delivry' is not on the ladder\. Fix: did you mean 'delivery'\?"):
        study.override_placement(case="C05", wave="W3", facet="delivry", level=0, reason="x")
    with pytest.raises(SelectionError, match=r"stage 'output' is not in this study\. Fix: did you mean 'outputs'\?"):
        study.override_placement(stage="output", level=0, reason="x")
    assert study.overrides.empty  # nothing stored by a refused call
    study.override_placement(stage="outputs", level=0, reason="x", author="rm")
    assert len(study.overrides) == 1


def test_selection_error_stays_for_ids_that_name_nothing(sample_study):
    with pytest.raises(SelectionError, match=r"wave 'W4' is not in this study"):
        sample_study.sel(wave="W4")


def test_codebook_yaml_syntax_error_is_a_codebook_error(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("name: x\ncodes: [\n  {id: a\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"cb\.yaml:\d+: YAML syntax error") as info:
        qlr.read_codebook(path)
    assert isinstance(info.value, CodebookSyntaxError)
    assert isinstance(info.value, YamlSyntaxError)  # `except YamlSyntaxError` keeps catching it
    duplicate = "name: x\nname: y\n"
    with pytest.raises(CodebookSyntaxError, match="the key 'name' appears twice"):
        qlr.Codebook.from_yaml(duplicate)


def test_manifest_yaml_syntax_error_is_not_a_codebook_error(tmp_path):
    (tmp_path / "study.yaml").write_text("name: x\ncases: [\n", encoding="utf-8")
    with pytest.raises(YamlSyntaxError) as info:
        qlr.load(tmp_path)
    assert isinstance(info.value, ManifestError) and not isinstance(info.value, CodebookError)


def test_qdpx_error_is_public_and_raised(tmp_path):
    path = tmp_path / "not.qdpx"
    path.write_text("plain text", encoding="utf-8")
    with pytest.raises(QdpxError, match="not a .qdpx project"):
        qlr.io.read_qdpx(path)
    assert "QdpxError" in qlr.errors.__all__ and issubclass(QdpxError, ValueError)
    from qlr.io._qdpx import QdpxError as where_it_was

    assert where_it_was is QdpxError  # code importing it from the old place keeps working


def test_apply_refuses_a_flag_that_is_not_a_boolean():
    with pytest.raises(InvalidParameterError, match=r"include_interviewer='no' is not True or False"):
        qlr.Study().apply("coproduction", include_interviewer="no")  # "no" is truthy: it would code interviewers


def test_sel_refuses_an_unknown_filter_rather_than_ignoring_it(sample_study):
    with pytest.raises(TypeError, match="cases"):
        sample_study.sel(cases="C05")  # the filters are keyword-only: case, wave, kind, role
