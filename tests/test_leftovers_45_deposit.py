"""Deposit, project and ladder leftovers of stop 45: a deposit's memos loaded with it, a declared speaker label kept
through pseudonymisation, and the smaller project and attrition fixes.

Small hand-written studies: a repair café over two waves (Mo asking), coded with the bundled codebook, deposited.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import qlr
from qlr.io import read_qdpx

from .conftest import write
from .test_review_fixes_44_deposit import CAFE, CHAT, _copy, _loud, _quiet

# 1. The memos of a deposit's project.qdpx are the study's when the folder is loaded (they had been counted in a note).


@pytest.fixture(scope="module")
def memoed(tmp_path_factory) -> tuple[qlr.Study, Path]:
    """The café with a memo on each kind of thing, pseudonymised and deposited: the study and the deposit folder."""
    root = tmp_path_factory.mktemp("memoed")
    write(root / "study.yaml", CAFE)
    write(root / "talks/R1_W1_interview.txt", CHAT.format(name="Kit", words="The staff decide everything, we have no say.", more="Staff run them."))
    write(root / "talks/R2_W1_interview.txt", CHAT.format(name="Lou", words="Nobody asked us anything.", more="The council does."))
    coded = _quiet(_quiet(qlr.load, root, progress=False).apply, "coproduction", progress=False)
    kit = coded.segments[coded.segments["doc_id"].eq("R1_W1_interview").to_numpy(dtype=bool)]
    answer = kit[kit["speaker"].eq("Kit").to_numpy(dtype=bool)].iloc[0]  # "Kit: The staff decide everything, …"
    lou_coding = coded.codings[coded.codings["doc_id"].eq("R2_W1_interview").to_numpy(dtype=bool)].iloc[0]
    coded.memo("case", "R1", "Runs the soldering bench.")
    coded.memo("wave", "W1", "Autumn: the cafe had just moved.")
    coded.memo("document", "R2_W1_interview", "Noisy room.")
    coded.memo("segment", answer["seg_id"], "The key turn.")
    coded.memo("coding", lou_coding["coding_id"], "Check against W2.")
    coded.memo("code", lou_coding["code_id"], "Broad code.")
    coded.memo("study", "project", "Overall impressions.")
    folder = qlr.pseudo.deposit(_quiet(qlr.pseudonymise, coded), root.parent / f"{root.name}-deposit")
    return coded, folder


def _targets(study: qlr.Study) -> list[tuple[str, str, str]]:
    return sorted(zip(study.memos["target_type"].astype(str), study.memos["target_id"].astype(str), study.memos["text"].astype(str)))


def test_a_deposit_s_memos_are_loaded_on_what_they_are_about(memoed):
    coded, folder = memoed
    back, caught = _loud(qlr.load, folder, progress=False)
    imported = _quiet(read_qdpx, folder / "project.qdpx")
    # Seven memos, each on the same thing as in the study deposited and as `qlr import` reads them (0 before).
    assert len(back.memos) == len(imported.memos) == 7
    assert _targets(back) == _targets(imported) == _targets(coded)
    on_segment = back.memos[back.memos["target_type"].eq("segment").to_numpy(dtype=bool)].iloc[0]
    segment = back.segments.set_index("seg_id").loc[on_segment["target_id"]]
    assert segment["doc_id"] == "R1_W1_interview" and segment["speaker"] == "Fixer 1"  # Kit, pseudonymised
    assert "The staff decide everything" in back.documents.set_index("doc_id").at["R1_W1_interview", "text"][segment["start"] : segment["end"]]
    assert "7 memo(s) of project.qdpx put on what they are about, as `qlr import` reads them" in back.meta["inferred"]
    assert not [message for message in caught if "memo" in message]


def test_a_memo_on_a_passage_edited_since_the_deposit_is_left_out_and_named(memoed, tmp_path):
    _, folder = memoed
    copy = _copy(folder, tmp_path / "edited")
    transcript = copy / "transcripts" / "R1_W1_interview.txt"
    transcript.write_text("Note added later.\n\n" + transcript.read_text(encoding="utf-8"), encoding="utf-8")
    back, caught = _loud(qlr.load, copy, progress=False)
    # The memo on Kit's turn has no passage to go to (its text moved); the case's, wave's and the rest still load.
    assert len(back.memos) == 6 and "segment" not in set(back.memos["target_type"])
    said = [message for message in caught if "1 memo(s) of project.qdpx were not loaded" in message]
    assert said and "on segment R1_W1_interview:" in said[0] and "read_qdpx" in said[0]
