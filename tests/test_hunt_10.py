"""Real files, tenth pass: lookalikes of layouts found in published transcripts (stop 38)."""

from __future__ import annotations

import qlr
from qlr.io import read_document

from .conftest import write


def _turns(study):
    text = study.documents["text"].iloc[0]
    return [(str(row.speaker_role), str(row.speaker), text[row.start : row.end]) for row in study.segments.itertuples()]


def test_front_matter_keys_of_several_words_and_who_asks(tmp_path):
    # A digital-humanities course's oral-history interviews in Markdown: front matter whose keys have
    # spaces ("place of birth:") over turns tagged with the speakers' first names. The front matter had
    # stayed in the text, its "interviewer:" line opening a turn that held the whole interview.
    text = (
        "---\ndate_interview: 14-03-2024\ninterviewee: Tomas Vidal Reis\ninterviewer: Ines Amaral\n"
        "place of birth: Viseu\ndate of birth: 1958\nnotes: Spoke about the first years of the choir.\n"
        "       The recording stops twice.\n---\n\n# Talking to Tomas Vidal Reis\n\n"
        "<Ines> How did you come to the choir?\n\n<Tomas> A friend dragged me to a rehearsal in the autumn.\n\n"
        "<Ines> And you stayed?\n\n<Tomas> For thirty years, as it turned out, and I still sing on Sundays.\n"
    )
    study = qlr.load(write(tmp_path / "Tomas_W1_interview.md", text), progress=False)
    turns = [turn for turn in _turns(study) if turn[0] != "<NA>"]
    assert [(role, speaker) for role, speaker, _ in turns] == [("interviewer", "Ines"), ("participant", "Tomas")] * 2
    assert turns[1][2] == "A friend dragged me to a rehearsal in the autumn."
    assert "Viseu" not in " ".join(study.segment_texts())
    assert str(study.documents["date"].iloc[0].date()) == "2024-03-14"  # the interview's own date key, not the birth year
    assert any("9 lines of front matter" in note for note in study.meta["inferred"])


def test_front_matter_of_several_words_is_not_prose_or_turns(tmp_path):
    # Prose between rules, and capitalised two-word labels between rules, stay the words they were.
    prose = "---\nWe met at ten: it rained.\n---\nThen home.\n"
    named = "---\nAnn Lee: How long?\nBo Chan: Years.\n---\nMore.\n"
    for name, text in (("C1_W1_notes.md", prose), ("C2_W1_interview.md", named)):
        source = read_document(write(tmp_path / name, text))
        assert (source.text, source.speakers) == (text, {})
