"""The eighth new user's trial (stop 43): a peer-research study, its findings as tests."""

from __future__ import annotations

import warnings

import pytest

import qlr
from qlr._yaml import parse_yaml
from qlr.io._segment import role_word, segment_document, speaker_role

from .conftest import write


def _turns(text):
    """Each labelled turn of a transcript as (speaker, role, words)."""
    seg = segment_document(text)
    return [(s.speaker, role, text[s.start : s.end].strip()) for s, role in zip(seg.segments, seg.roles) if s.speaker]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Peer researcher", "researcher"),
        ("Community researcher", "researcher"),
        ("Peer Interviewer", "interviewer"),
        ("Lay interviewer", "interviewer"),
        ("Co-researcher", "researcher"),
        ("Community researcher – Lou", "researcher"),
        ("Peer researcher - Ana", "researcher"),
        # A name before a role word stays a name: "Kate Researcher" is how a contact may be saved.
        ("Kate Researcher", "kate researcher"),
        ("Peer Support", "peer support"),
    ],
)
def test_a_role_word_after_who_plays_it_is_the_role(label, role):
    assert role_word(label) == role
    assert speaker_role(label, {}) == ("interviewer" if role in ("researcher", "interviewer") else "participant")


_PEER = (
    "Dana, wave 1, 2 April 2025\n\n"
    "Peer researcher: How did you come to the pantry?\n"
    "Dana: A friend brought me for the bread.\n"
    "Peer researcher: Same as me! I always say we're experts by experience here. Do you feel that?\n"
    "Dana: I know the bus routes better than any of them.\n"
)
# A community researcher named after a dash, as a team's template writes each interviewer.
_COMMUNITY = (
    "Interview 1 – Pat – 3 April 2025\n\n"
    "Community researcher – Lou: What brings you here, Pat?\n"
    "Pat: Company, mostly. I live alone.\n"
    "Community researcher – Lou: I was on my own for years too. Has that changed?\n"
    "Pat: A bit. I sit with the lads from my stair now.\n"
)


@pytest.mark.parametrize(
    ("text", "asker", "answerer", "theirs"),
    [(_PEER, "Peer researcher", "Dana", "experts by experience"), (_COMMUNITY, "Community researcher – Lou", "Pat", "on my own")],
)
def test_a_peer_researchers_questions_are_never_the_participants_words(text, asker, answerer, theirs):
    # A peer researcher shares their own experience in their questions: those words must stay theirs.
    turns = _turns(text)
    assert [(who, role) for who, role, _ in turns] == [(asker, "interviewer"), (answerer, "participant")] * 2
    assert all(theirs not in words for who, _, words in turns if who == answerer)


def test_a_peer_researchers_words_are_never_the_participants_evidence(tmp_path):
    root = tmp_path / "pantry"
    write(
        root / "D1_W1_interview.txt",
        "Peer researcher: How do you use the pantry?\n\nD1: Tuesdays, for the veg.\n\n"
        "Peer researcher: I always say we're experts by experience here, we know things the staff don't. You?\n\n"
        "D1: I just come for the veg, love.\n",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root).apply("coproduction")
    roles = study.segments.set_index("seg_id")["speaker_role"]
    coded = study.codings
    assert set(roles[coded["seg_id"]].dropna()) <= {"participant"}
    assert "assets.expertise_used" not in set(coded["code_id"])


def _asked(asker, answerer, answers):
    """A short interview: the asker's questions, each followed by the answerer's answer."""
    lines = []
    for number, answer in enumerate(answers, 1):
        lines += [f"{asker}: Question {number}, how was the pantry for you this time?", f"{answerer}: {answer}"]
    return "\n".join(lines) + "\n"


def test_the_template_keeps_a_peer_researcher_a_participant_where_they_answer(tmp_path):
    # Noor answers at waves 1 and 2 and interviews Ana at wave 3; Sol interviews Noor, and is interviewed at wave 3.
    from qlr.io._load import template_for

    root = tmp_path / "pantry"
    said = ["We share the jobs out now.", "I sort the veg on Tuesdays.", "They asked us what to stock."]
    write(root / "Wave 1" / "Noor - 2025-03-03.txt", _asked("Sol", "Noor", said))
    write(root / "Wave 1" / "Ana - 2025-03-05.txt", _asked("Sol", "Ana", said))
    write(root / "Wave 2" / "Noor - 2025-06-03.txt", _asked("Sol", "Noor", said))
    write(root / "Wave 2" / "Ana - 2025-06-05.txt", _asked("Sol", "Ana", said))
    write(root / "Wave 3" / "Ana - 2025-10-05.txt", _asked("Noor", "Ana", said))
    write(root / "Wave 3" / "Sol - 2025-10-07.txt", _asked("Kim", "Sol", said))
    template = template_for(root)
    write(root / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root)
    seg = study.segments.merge(study.documents[["doc_id", "case_id"]], on="doc_id")
    roles = seg.dropna(subset=["speaker"]).groupby(["doc_id", "speaker"])["speaker_role"].agg(set).to_dict()
    # Each person answers as themselves in their own interview, and asks as the interviewer in another's.
    assert roles[("Noor_W1_interview", "Noor")] == {"participant"}
    assert roles[("Noor_W2_interview", "Noor")] == {"participant"}
    assert roles[("Ana_W3_interview", "Noor")] == {"interviewer"}
    assert roles[("Sol_W3_interview", "Sol")] == {"participant"}
    assert roles[("Noor_W1_interview", "Sol")] == {"interviewer"}


_TWO_THEMES = """name: Pantry codebook
id: pantry
version: 0.1.0
themes:
  - {id: belonging, name: Belonging}
  - {id: control, name: Control}
codes:
  - {id: belonging.mates, name: Mates, parent: belonging, indicators: [{phrase: look out for each other}]}
  - {id: control.ours, name: Ours, parent: control, indicators: [{phrase: run it ourselves}]}
"""


def test_a_codebook_of_two_themes_makes_no_network_and_the_report_says_so(tmp_path):
    # Two themes are one connection: the units lie on a line, and the report's figure of two axes failed (IndexError).
    from qlr.errors import SelectionError
    from qlr.report import write_report

    root = tmp_path / "pantry"
    answer = "We look out for each other. We run it ourselves now."
    for case in ("A1", "A2", "A3"):
        for wave in ("W1", "W2"):
            write(root / f"{case}_{wave}_interview.txt", f"Interviewer: How is the pantry?\n\n{case}: {answer}\n\nInterviewer: And?\n\n{case}: {answer}\n")
    codebook = write(tmp_path / "pantry.yaml", _TWO_THEMES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(root).apply(str(codebook))
        with pytest.raises(SelectionError, match="only two codes"):
            qlr.net.ena(study)
        page = write_report(study, tmp_path / "report", codebook=str(codebook))
    assert "No epistemic network could be made: only two codes" in page.read_text(encoding="utf-8")


def test_a_photovoice_caption_is_its_authors_document_and_the_photo_number_names_no_one(tmp_path):
    from qlr.io._load import template_for

    root = tmp_path / "pantry"
    for wave, day in (("1", "03"), ("2", "06")):
        for person in ("Ana", "Ben"):
            write(root / f"Wave {wave}" / f"{person} - 2025-{day}-04.txt", _asked("Sol", person, ["Fine.", "The veg is better.", "We run it ourselves."]))
    write(root / "Photovoice" / "Ana_W2_photo1.txt", "The veg shelf we built. We run it ourselves now.\n")
    write(root / "Photovoice" / "Ana_W2_photo1.jpg", b"\x89PNG\r\n\x1a\n")
    write(root / "Photovoice" / "Ana_W2_photo2.txt", "Caption: my friends at the till.\nTaken by: Ana\n")
    write(root / "Photovoice" / "Ben_W2_photo1.txt", "The queue on a Tuesday.\n")
    entries = {entry["path"]: entry for entry in parse_yaml(template_for(root))["documents"]}
    captions = {path: (entry["case"], entry["wave"], entry["kind"]) for path, entry in entries.items() if path.startswith("Photovoice/")}
    assert captions == {
        "Photovoice/Ana_W2_photo1.txt": ("Ana", "W2", "document"),
        "Photovoice/Ana_W2_photo2.txt": ("Ana", "W2", "document"),
        "Photovoice/Ben_W2_photo1.txt": ("Ben", "W2", "document"),
    }
    assert len({entry["id"] for entry in entries.values()}) == len(entries)


def test_a_study_wide_interviewer_who_is_the_interview_s_own_case_is_said(tmp_path):
    # A hand-written study.yaml makes Noor the interviewer everywhere; Noor's own interview then has no answers.
    from qlr.errors import CaseAsInterviewerWarning

    root = tmp_path / "pantry"
    said = ["We share the jobs out now.", "I sort the veg on Tuesdays."]
    write(root / "Noor_W1_interview.txt", _asked("Sol", "Noor", said))
    write(root / "Ana_W2_interview.txt", _asked("Noor", "Ana", said))
    write(root / "Noor_W2_interview.txt", _asked("Sol", "Noor", said))
    manifest = "waves: [W1, W2]\nspeakers: {Noor: interviewer, Sol: interviewer}\ndocuments:\n  - '*.txt'\n"
    write(root / "study.yaml", manifest)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(root)
    told = [str(w.message) for w in caught if issubclass(w.category, CaseAsInterviewerWarning)]
    assert len(told) == 1 and "Noor_W1_interview (Noor, 2 turn(s))" in told[0] and "Noor_W2_interview" in told[0]
    assert "Ana_W2_interview" not in told[0] and "speakers: {Noor: participant}" in told[0]
    # The entry that gives the label back is heard: nothing to say.
    write(root / "study.yaml", manifest.replace("  - '*.txt'\n", "  - Ana_W2_interview.txt\n  - {path: 'Noor_*.txt', speakers: {Noor: participant}}\n"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root)
    assert not [w for w in caught if issubclass(w.category, CaseAsInterviewerWarning)]
    assert set(study.segments.query("doc_id == 'Noor_W1_interview' and speaker == 'Noor'")["speaker_role"]) == {"participant"}


def test_the_template_says_which_images_it_does_not_read(tmp_path):
    from qlr.io._load import template_for

    root = tmp_path / "pantry"
    write(root / "Wave 1" / "Ana - 2025-03-04.txt", _asked("Sol", "Ana", ["Fine.", "Better."]))
    write(root / "Photovoice" / "Ana_W1_photo1.txt", "The veg shelf we built.\n")
    write(root / "Photovoice" / "Ana_W1_photo1.JPG", b"\xff\xd8\xff")
    write(root / "Photovoice" / "Ana_W1_photo2.heic", b"\x00")
    header = [line for line in template_for(root).splitlines() if "image" in line]
    assert header == ["# Guessed: 2 image file(s) not read (qlr reads text; a photo's caption in a text file is read): Photovoice/Ana_W1_photo1.JPG, Photovoice/Ana_W1_photo2.heic"]
