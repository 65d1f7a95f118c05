"""What `qlr info --template` writes of a diarisation's numbered voices and of a researcher's own notes (stop 39).
Lookalikes written here, in words of our own."""

from __future__ import annotations

import warnings

import yaml

import qlr

from .conftest import write


def _template(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = qlr.io.template_for(root)
    return yaml.safe_load(text), text


def test_numbered_voices_are_each_documents_own_never_the_studys(tmp_path):
    # SPEAKER_00 asks in one file and answers in the next: written study-wide with one role, keeping the template
    # would have made one file's questions a participant's words.
    write(tmp_path / "A1_W1_interview.txt", "SPEAKER_00: What brought you to the allotment?\nSPEAKER_01: My doctor.\nSPEAKER_00: And now?\nSPEAKER_01: I stay for the people.\n")
    write(tmp_path / "A2_W1_interview.txt", "SPEAKER_01: Where do you want to start?\nSPEAKER_00: The plot itself.\nSPEAKER_01: Why the plot?\nSPEAKER_00: It is mine.\n")
    write(tmp_path / "A2_W2_interview.txt", "Rosa: How is the plot?\nA2: Full of beans.\nRosa: Literally?\nA2: Yes.\n")
    data, text = _template(tmp_path)
    assert "SPEAKER_00" not in data["speakers"] and "SPEAKER_01" not in data["speakers"]
    assert data["speakers"]["Rosa"] == "interviewer"
    own = {doc["path"]: doc["speakers"] for doc in data["documents"] if "speakers" in doc}
    assert own == {
        "A1_W1_interview.txt": {"SPEAKER_00": "interviewer", "SPEAKER_01": "participant"},
        "A2_W1_interview.txt": {"SPEAKER_01": "interviewer", "SPEAKER_00": "participant"},
    }
    assert "are someone else in each file: each document's own speakers: has them" in text
    write(tmp_path / "study.yaml", text)
    study = qlr.load(tmp_path, progress=False)
    asked = study.segments[study.segments["speaker_role"] == "interviewer"]
    assert set(zip(asked["doc_id"], asked["speaker"])) == {("A1_W1_interview", "SPEAKER_00"), ("A2_W1_interview", "SPEAKER_01"), ("A2_W2_interview", "Rosa")}


def test_a_notes_file_at_the_top_is_written_commented_out_and_says_why(tmp_path):
    # The researcher's own "EXPECTATIONS.md" beside the interviews was listed as the study's document: keeping the
    # template would have coded the researcher's guesses as study material.
    for name in ("B1_W1", "B1_W2", "B2_W1", "B2_W2"):
        write(tmp_path / f"{name}_interview.txt", "I: How are the hens?\nR: Laying again.\nI: Since when?\nR: March.\n")
    write(tmp_path / "EXPECTATIONS.md", "# What I expect\n\nB1 moves up a level by W2.\n")
    write(tmp_path / "papers" / "scheme outline.txt", "The scheme gives each member a plot.\n")
    data, text = _template(tmp_path)
    paths = [doc["path"] for doc in data["documents"]]
    assert "EXPECTATIONS.md" not in paths
    assert "# - path: EXPECTATIONS.md\n#   kind: document\n" in text
    assert "named as no case's or wave's document and in no documents folder: left out" in text
    # In a folder of its own, a file stays listed as the study's, as before.
    assert "papers/scheme outline.txt" in paths
    write(tmp_path / "study.yaml", text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False)
    assert "EXPECTATIONS" not in set(study.documents["doc_id"])
    # Uncommenting the entry loads it.
    write(tmp_path / "study.yaml", text.replace("# - path: EXPECTATIONS.md\n#   kind: document\n", "- path: EXPECTATIONS.md\n  kind: document\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert "EXPECTATIONS" in set(qlr.load(tmp_path, progress=False).documents["doc_id"])
