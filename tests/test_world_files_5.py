"""Real files of a fifth pass (stop 32): each failure a new user met on files nobody here wrote,
made small. Where the source was public, its repository is named."""

from __future__ import annotations

import qlr

from .conftest import write


def _turns(study):
    return list(zip(study.segments["speaker"].fillna("-"), study.segment_texts()))


# --------------------------------------------------------------------------- transcripts

def test_a_key_to_the_labels_above_the_turns_is_no_turn(tmp_path):
    # divekit's German interview (sources/nnProf_transkript.md): "I: Interwiever, B: Befragter".
    text = (
        "Interview Transkript\n\nI: Interwiever, B: Befragter\n\nStart of transcript\n\n"
        "I: [00:00:00] Wie sieht Ihre Lehre aus?\n\nB: [00:00:12] Wir planen sie gemeinsam.\n\n"
        "I: [00:01:00] Und die Studierenden?\n\nB: [00:01:10] Die entscheiden mit.\n"
    )
    study = qlr.load(write(tmp_path / "P1_W1_interview.md", text), progress=False)
    turns = _turns(study)
    assert turns[0][0] == "-" and "I: Interwiever, B: Befragter" in turns[0][1]
    assert [speaker for speaker, _ in turns[1:]] == ["I", "B", "I", "B"]
    notes = " ".join(study.meta["inferred"])
    assert "a key to the labels" in notes and "'B' read as participant" in notes


def test_a_key_declares_roles_its_labels_would_not_have(tmp_path):
    # A bare "M" is no interviewer's label; the key above the turns says it is.
    text = "M: Moderator, T: Teilnehmerin\n\nM: Wer plant das?\n\nT: Wir planen es zusammen.\n\nM: Seit wann?\n\nT: Seit März.\n"
    study = qlr.load(write(tmp_path / "P1_W1_interview.txt", text), progress=False)
    roles = dict(zip(study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-")))
    assert roles == {"-": "-", "M": "interviewer", "T": "participant"}


def test_only_a_key_of_labels_and_role_words_is_a_key():
    from qlr.io._segment import _legend

    # Not a key: a later label the transcript never uses, a sentence, no role word.
    assert _legend("M", "Moderator, X: Someone", {"M"}) is None
    assert _legend("A", "Yes, B: We ran it ourselves.", {"A", "B"}) is None
    assert _legend("A", "Anna, B: Bella", {"A", "B"}) is None


# --------------------------------------------------------------------------- field notes

def test_dated_entries_in_polish_finnish_and_swedish_month_names(tmp_path):
    text = (
        "## 12 marca 2026\nSpotkanie grupy.\n\n## 3 kwietnia 2026\nDrugie spotkanie.\n\n"
        "## 14. toukokuuta 2026\nKolmas tapaaminen.\n\n## 2 augusti 2026\nFjärde mötet.\n"
    )
    study = qlr.load(write(tmp_path / "G1_W1_fieldnotes.md", text), progress=False)
    dates = [str(d)[:10] for d in study.segments["date"]]
    assert dates == ["2026-03-12", "2026-04-03", "2026-05-14", "2026-08-02"]
