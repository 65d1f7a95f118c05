"""What a new user found trying stop 59's merged branch: brat folders, MAXQDA's levels, the report's words."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr.cli import main
from qlr.errors import QlrError

from .test_maxqda_agreement_59 import maxqda, two_coders


@pytest.mark.parametrize("criterion", ["existence", "frequency"])
def test_min_overlap_at_a_document_level_is_refused_for_what_it_is(tmp_path, capsys, criterion):
    # Before: "compares coded segments of two coders per document, with no other option", which says nothing of why
    # min_overlap is refused at the document levels.
    with pytest.raises(QlrError, match=f"min_overlap= with maxqda='{criterion}'.*only MAXQDA's segment level") as raised:
        maxqda(two_coders(), criterion, min_overlap=0.8)
    assert "no other option" not in str(raised.value)
    project = tmp_path / "two.qlr"
    two_coders().save(project)
    assert main(["agreement", str(project), "--coders", "a", "b", "--maxqda", criterion, "--min-overlap", "0.8"]) != 0
    err = capsys.readouterr().err
    assert "only MAXQDA's segment level (maxqda='overlap')" in err and "no other option" not in err
    assert "--min-overlap with --maxqda overlap" in err


def _write(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


CONF = "[entities]\nSupport\n\tFamily_support\nBarrier\n[relations]\n[events]\n[attributes]\n"
LABELS = "[labels]\nFamily_support | Family support\n"


def test_one_ann_reads_the_conf_files_of_the_folders_above_it(tmp_path):
    # brat takes a document's annotation.conf and visual.conf from its folder or the nearest folder above: before, one
    # .ann read alone looked only beside itself, so its types were flat codes by their brat names.
    text = "My sister helps. Money is short."
    _write(tmp_path, {"annotation.conf": CONF, "visual.conf": LABELS, "P01/W2.txt": text, "P01/W2.ann": "T1\tFamily_support 0 16\tMy sister helps.\nT2\tStigma 17 32\tMoney is short.\n"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_brat(tmp_path / "P01" / "W2.ann", coder="ana")
    codes = {code.id: (code.name, code.parent) for codebook in study.codebooks.values() for code in codebook.codes}
    assert codes["support.family_support"] == ("Family support", "support")
    assert codes["barrier"] == ("Barrier", None)  # in the conf, unused: a code of the codebook still
    assert sorted(study.codings["code_id"]) == ["stigma", "support.family_support"]
    said = " ".join(str(w.message) for w in caught)
    assert "not in annotation.conf (a code at the top of the tree each): Stigma (1)" in said
    assert f"annotation.conf from {(tmp_path / 'annotation.conf').resolve()}" in said
    # A conf in the document's own folder is the one brat uses, over the collection's.
    _write(tmp_path, {"P01/annotation.conf": "[entities]\nHelp\n\tFamily_support\n"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_brat(tmp_path / "P01" / "W2.ann", coder="ana")
    assert sorted(study.codings["code_id"]) == ["help.family_support", "stigma"]
    assert "annotation.conf from" not in " ".join(str(w.message) for w in caught)  # beside it: nothing to say


def test_the_report_calls_a_tree_of_codes_without_themes_a_tree():
    # An import's codes nested under codes (brat's annotation.conf, NVivo's nodes) have no themes but are no flat list:
    # before, "8 codes (no themes: a flat list)" above a table of codes under Support.
    from qlr.report._html import _in_themes

    tree = qlr.Codebook.from_yaml("name: t\nid: t\ncodes:\n  - {id: s, name: S}\n  - {id: s.f, name: F, parent: s}\n  - {id: s.p, name: P, parent: s}\n  - {id: b, name: B}\n")
    assert not tree.themes
    assert _in_themes(tree) == "(no themes: a tree, its 2 top-level codes the matrices' columns, each counting the codes under it)"
    flat = qlr.Codebook.from_yaml("name: f\nid: f\ncodes:\n  - {id: a, name: A}\n  - {id: b, name: B}\n")
    assert _in_themes(flat) == "(no themes: a flat list)"


def _two_waves(tmp_path, design: str) -> qlr.Study:
    folder = tmp_path / "st"
    _write(folder, {"P01_W1.txt": "I: How is it?\nP01: Fine.\n", "P01_W2.txt": "I: And now?\nP01: Better.\n", "P02_W1.txt": "I: How is it?\nP02: Hard.\n"})
    _write(folder, {"study.yaml": "name: st\nwaves: [W1, W2]\nnaming: '{case}_{wave}'\ndocuments:\n  - path: \"*.txt\"\n" + design})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder)


def test_the_report_says_dropped_out_is_read_from_the_documents_where_no_design_says_who_was_due(tmp_path):
    # Without a design a case with no document after its first wave is "dropped out" by its documents alone: the
    # report said so as a fact. It now says what the state is read from; with a design it says nothing more.
    from qlr.report._html import _without_design

    study = _two_waves(tmp_path, "")
    assert study.attrition().loc["P02", "W2"] == "dropped out"
    said = _without_design(study, study.attrition())
    assert "No design says which waves each case was to be seen at" in said
    assert "“dropped out” that it has no document after its last one." in said and "not yet joined" not in said
    planned = _two_waves(tmp_path / "planned", "cases:\n  - {id: P01, waves: [W1, W2]}\n  - {id: P02, waves: [W1, W2]}\n")
    assert planned.attrition().loc["P02", "W2"] == "dropped out" and _without_design(planned, planned.attrition()) == ""
