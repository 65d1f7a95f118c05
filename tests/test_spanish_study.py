"""A study in Spanish (stop 42, the seventh trial): a researcher in Lima, Word transcripts, a Spanish codebook.

Every text here is written for the test, in the shape of what the trial's researcher wrote.
"""

from __future__ import annotations

import warnings

import docx

import qlr


def _docx(path, turns):
    """A Word transcript whose labels are set in bold, the words after them plain."""
    document = docx.Document()
    document.add_paragraph("Fecha: 3 de abril de 2026")
    for label, words in turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(" " + words)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def _load(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(folder, progress=False)


def test_a_bold_label_with_its_time_is_the_speaker_and_the_time_the_turns(tmp_path):
    # A transcriber's Word file: "[00:00:03] Entrevistadora:" in bold, time first, or the time after the name.
    _docx(tmp_path / "s" / "A01_W1_interview.docx", [
        ("[00:00:04] Entrevistadora:", "¿Cómo empezó el comedor?"),
        ("[00:00:19] Nélida:", "Con unas vecinas, en el invierno."),
        ("[00:01:40] Entrevistadora:", "¿Y ahora?"),
        ("[00:01:46] Nélida:", "Ahora somos doce."),
    ])
    _docx(tmp_path / "s" / "A02_W1_interview.docx", [
        ("Interviewer (00:00:05):", "How did the pantry start?"),
        ("Moira (00:00:12):", "A few of us, one winter."),
        ("Interviewer (00:02:01):", "And now?"),
        ("Moira (00:02:09):", "Twelve of us now."),
    ])
    study = _load(tmp_path / "s")
    segments = study.segments.dropna(subset=["speaker"])
    first = segments[segments["doc_id"] == "A01_W1_interview"]
    assert list(first["speaker"]) == ["Entrevistadora", "Nélida", "Entrevistadora", "Nélida"]
    assert list(first["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    assert list(first["timestamp"]) == [4.0, 19.0, 100.0, 106.0]
    second = segments[segments["doc_id"] == "A02_W1_interview"]
    assert list(second["speaker"]) == ["Interviewer", "Moira", "Interviewer", "Moira"]
    assert list(second["speaker_role"]) == ["interviewer", "participant", "interviewer", "participant"]
    assert list(second["timestamp"]) == [5.0, 12.0, 121.0, 129.0]
    # The words are the turn's, without the time.
    assert study.segment_texts()[first["seg_id"].iloc[1]] == "Con unas vecinas, en el invierno."
