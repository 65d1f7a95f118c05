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


def _annotators(tmp_path, ben_p02: str):
    # Two annotators' folders over texts at the top: both code Support in P01; in P02 ana codes Barrier and ben's .ann
    # is as given (empty: he read it and coded nothing).
    _write(tmp_path, {
        "P01_W1.txt": "The group keeps me going.", "P02_W1.txt": "The bus costs too much.",
        "ana/P01_W1.ann": "T1\tSupport 0 25\tThe group keeps me going.\n", "ben/P01_W1.ann": "T1\tSupport 0 25\tThe group keeps me going.\n",
        "ana/P02_W1.ann": "T1\tBarrier 0 23\tThe bus costs too much.\n", "ben/P02_W1.ann": ben_p02,
    })
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_brat(tmp_path, case=r"pattern:^(?P<case>P\d+)_")
    return study, " ".join(str(w.message) for w in caught)


def _agreement(study, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.code.agreement(study, coders=["ana", "ben"], **options)


def test_an_annotators_empty_ann_is_a_document_they_read_and_coded_nothing_in(tmp_path):
    # Before: ben's empty P02_W1.ann left P02 as "only ana coded", so Barrier was compared nowhere and agreement was
    # Barrier 1.000 (by document) and overall 1 of 1 (MAXQDA's existence level).
    study, said = _annotators(tmp_path, "")
    assert study.meta["annotated"] == {"ana": ["P01_W1", "P02_W1"], "ben": ["P01_W1", "P02_W1"]}
    assert "1 .ann file(s) of a known annotator hold no coding" in said and "ben/P02_W1.ann" in said
    # By document, hand-worked: Barrier ana [0, 1], ben [0, 0], agreeing on P01 only; Support [1, 0] both.
    table = _agreement(study, unit="document")
    assert table.loc["barrier", "percent_agreement"] == 0.5 and table.loc["support", "percent_agreement"] == 1.0
    # MAXQDA's code existence: P01 Support agrees, P02 Barrier (ana only) disagrees: 1 of 2.
    maxqda = _agreement(study, maxqda="existence")
    assert maxqda.loc["barrier", ["agreements", "disagreements"]].tolist() == [0, 1]
    assert maxqda.loc["overall", ["agreements", "disagreements", "total"]].tolist() == [1, 1, 2]
    # Kept in the saved project, so `qlr agreement project.qlr` compares the same documents.
    study.save(tmp_path / "three.qlr")
    again = qlr.open(tmp_path / "three.qlr")
    assert _agreement(again, maxqda="existence").loc["overall", "total"] == 2


def test_an_ann_with_codings_or_none_changes_nothing_else(tmp_path):
    # ben's P02 coded Barrier too: both read both documents either way, and the figures are those of full agreement.
    study, said = _annotators(tmp_path, "T1\tBarrier 0 23\tThe bus costs too much.\n")
    assert "hold no coding" not in said
    assert _agreement(study, maxqda="existence").loc["overall", ["agreements", "disagreements"]].tolist() == [2, 0]
    # A study whose import records no reading (every study loaded from a folder) compares as before.
    bare = study.copy()
    bare.meta.pop("annotated")
    bare.codings = bare.codings[~((bare.codings["coder"] == "ben") & (bare.codings["doc_id"] == "P02_W1"))]
    assert _agreement(bare, maxqda="existence").loc["overall", ["agreements", "disagreements"]].tolist() == [1, 0]


def test_pooled_studies_keep_what_each_annotator_read(tmp_path):
    # Pooling two brat imports renames their documents; the documents each annotator read go under the new ids, so
    # ben's empty .ann is still a disagreement in the pooled study.
    first, _ = _annotators(tmp_path / "a", "")
    second, _ = _annotators(tmp_path / "b", "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pooled = qlr.concat({"a": first, "b": second})
    assert len(pooled.meta["annotated"]["ben"]) == 4 and set(pooled.meta["annotated"]["ben"]) == set(pooled.documents["doc_id"])
    assert _agreement(pooled, maxqda="existence").loc["overall", ["agreements", "disagreements", "total"]].tolist() == [2, 2, 4]
