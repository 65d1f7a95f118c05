"""A new user's trial of stop 43's peer-research rules, its findings as tests: a peer researcher's label with their
name after it and no dash, labels the manifest declares, the template's roles in a peer researcher's interviews,
and minutes in a folder named in Spanish or Portuguese."""

from __future__ import annotations

import warnings

import pytest
import yaml

import qlr
from qlr.io._segment import role_word, segment_document, speaker_role

from .conftest import write


def _turns(text, **options):
    """Each labelled turn of a transcript as (speaker, role, words)."""
    seg = segment_document(text, **options)
    return [(s.speaker, role, text[s.start : s.end].strip()) for s, role in zip(seg.segments, seg.roles) if s.speaker]


def _loaded(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(root, progress=False)


def _template(root):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.io.template_for(root)


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Peer researcher Noor", "researcher"),
        ("Community researcher Lou Park", "researcher"),
        ("Lay interviewer Bex", "interviewer"),
        ("Peer Research Assistant", "researcher"),
        ("Investigadora comunitaria", "investigadora"),
        ("Investigador par", "investigador"),
        ("Pesquisadora comunitária", "pesquisadora"),
        # A heading's word after the role is no one's name; a name before the role stays a name.
        ("Peer researcher notes", "peer researcher notes"),
        ("Interviewer Notes", "interviewer notes"),
        ("Kate Researcher", "kate researcher"),
    ],
)
def test_a_peer_researchers_label_in_other_shapes_is_the_role(label, role):
    assert role_word(label) == role
    assert speaker_role(label, {}) == ("participant" if " " in role else "interviewer")


@pytest.mark.parametrize("asker", ["Peer researcher Noor", "Community researcher Noor", "Investigadora comunitaria", "Peer Research Assistant"])
def test_a_peer_researchers_questions_stay_theirs_whatever_their_label(asker):
    # Before: "Peer researcher Noor:" and "Investigadora comunitaria:" were no label, so each question ran on in the
    # participant's turn before it; "Peer Research Assistant" was a participant.
    text = (
        f"{asker}: How did you first come to the pantry?\nDana: A neighbour brought me.\n"
        f"{asker}: I came the same way, years back. And now?\nDana: I help on Tuesdays.\n"
    )
    turns = _turns(text)
    assert [(who, role) for who, role, _ in turns] == [(asker, "interviewer"), ("Dana", "participant")] * 2
    assert all("same way" not in words for who, _, words in turns if who == "Dana")


def test_a_label_the_manifest_declares_is_a_label_whatever_its_shape(tmp_path):
    # "Youth worker Bex" is no shape qlr reads alone (a lower-case word mid-label): declared, it is a label.
    text = "Youth worker Bex: What do you do at the club?\nJo: Pool, mostly.\nYouth worker Bex: Anything else?\nJo: Not really.\n"
    assert [(who, role) for who, role, _ in _turns(text, speakers={"youth worker bex": "interviewer"})] == [
        ("Youth worker Bex", "interviewer"),
        ("Jo", "participant"),
    ] * 2
    write(tmp_path / "club" / "J1_W1_interview.txt", text)
    write(tmp_path / "club" / "study.yaml", 'name: club\nspeakers: {"Youth worker Bex": interviewer}\ndocuments: ["*.txt"]\n')
    study = _loaded(tmp_path / "club")
    asked = study.segments.dropna(subset=["speaker"]).groupby("speaker")["speaker_role"].agg(set).to_dict()
    assert asked == {"Youth worker Bex": {"interviewer"}, "Jo": {"participant"}}


def _asked(asker, answerer, answers):
    """A short interview: the asker's questions, each followed by the answerer's answer."""
    lines = []
    for number, answer in enumerate(answers, 1):
        lines += [f"{asker}: Question {number}, how was the pantry for you this time?", f"{answerer}: {answer}"]
    return "\n".join(lines) + "\n"


SAID = ["We share the jobs out now.", "I sort the veg on Tuesdays.", "They asked us what to stock."]


def test_the_template_keeps_a_peer_researcher_the_interviewer_in_interviews_named_for_another_case(tmp_path):
    # Files named {case}_{wave}_{kind}: Sol interviews Ana and Noor at W1 and W2 and is interviewed at W3 (by Kim);
    # Noor, a participant at W1 and W2, interviews Ana at W3.
    root = tmp_path / "pantry"
    write(root / "Ana_W1_interview.txt", _asked("Sol", "Ana", SAID))
    write(root / "Noor_W1_interview.txt", _asked("Sol", "Noor", SAID))
    write(root / "Ana_W2_interview.txt", _asked("Sol", "Ana", SAID))
    write(root / "Noor_W2_interview.txt", _asked("Sol", "Noor", SAID))
    write(root / "Ana_W3_interview.txt", _asked("Noor", "Ana", SAID))
    write(root / "Sol_W3_interview.txt", _asked("Kim", "Sol", SAID))
    # The team's debrief, named for no one who speaks in it: the peer researchers answer in it as themselves.
    debrief = "".join(f"Kim: Question {n}, how did the interviews go?\nSol: {said}\nNoor: {said}\n" for n, said in enumerate(SAID, 1))
    write(root / "Team_W3_interview.txt", debrief)
    text = _template(root)
    own = {doc["path"]: doc.get("speakers") for doc in yaml.safe_load(text)["documents"]}
    # Before: "speakers: {Sol: Sol}" in Ana's and Noor's interviews, "{Noor: Noor}" in Ana's W3: each asker a case there.
    assert own.get("Ana_W1_interview.txt") is None and own.get("Ana_W3_interview.txt") is None
    assert own["Sol_W3_interview.txt"] == {"Sol": "participant"}
    assert own["Team_W3_interview.txt"] == {"Sol": "Sol", "Noor": "Noor"}  # each answering for their own case
    write(root / "study.yaml", text)
    study = _loaded(root)
    roles = study.segments.dropna(subset=["speaker"]).groupby(["doc_id", "speaker"])["speaker_role"].agg(set).to_dict()
    assert roles[("Ana_W1_interview", "Sol")] == {"interviewer"}
    assert roles[("Ana_W3_interview", "Noor")] == {"interviewer"}
    assert roles[("Noor_W1_interview", "Noor")] == {"participant"}
    assert roles[("Sol_W3_interview", "Sol")] == {"participant"}
    assert roles[("Team_W3_interview", "Noor")] == {"participant"}
    # Each case is seen only at the waves of their own interviews (Sol's and Noor's W3 also in the debrief).
    # Before: Sol present at W1 and W2 (the template's 'Sol: Sol' counted his questions for his case).
    attrition = study.attrition()
    assert attrition.loc["Sol", ["W1", "W2", "W3"]].tolist() == ["not yet joined", "not yet joined", "present"]


@pytest.mark.parametrize("folder", ["actas", "atas", "minutas"])
def test_minutes_in_a_folder_named_in_spanish_or_portuguese_are_the_studys(tmp_path, folder):
    # Before: the folder's word was a participant ("actas", present at both waves); "minutes/" was the study's.
    root = tmp_path / "huerta"
    talk = "Entrevistadora: ¿Cómo va la huerta?\nParticipante: {said}\nEntrevistadora: ¿Algo más?\nParticipante: Nada más.\n"
    write(root / "entrevista_Lucia_2026-02-03.txt", talk.format(said="La junta lo decide todo."))
    write(root / "entrevista_Lucia_2026-08-21.txt", talk.format(said="Ahora votamos las parcelas."))
    write(root / "entrevista_Tomas_2026-02-06.txt", talk.format(said="Yo planto habas."))
    board = "Reunión de la junta\n{day}\n\nPresentes: Lin, Rosa.\n\nSe repartieron las parcelas.\n"
    write(root / folder / "junta_primavera.txt", board.format(day="14 February 2026"))
    write(root / folder / "junta_otono.txt", board.format(day="2 October 2026"))
    data = yaml.safe_load(_template(root))
    assert [case["id"] for case in data["cases"]] == ["Lucia", "Tomas"]
    placed = {doc["path"]: (doc.get("case"), doc.get("kind"), doc.get("wave")) for doc in data["documents"]}
    assert placed[f"{folder}/junta_primavera.txt"] == (None, "document", "W1")
    assert placed[f"{folder}/junta_otono.txt"] == (None, "document", "W2")


# A reviewer's probes of the merged change (stop 43).


def test_a_dash_labelled_transcript_whose_words_open_with_a_colon_keeps_its_labels():
    """ "Interviewer - Q1: …" / "Respondent - Sarah: …": the name after a dash belongs to a described role only."""
    text = (
        "Interviewer - Q1: How often do you come to the allotment?\n\n"
        "Respondent - Twice a week, in the summer more.\n\n"
        "Interviewer - Q2: Who chooses the plots?\n\n"
        "Respondent - Sarah: she chooses them, with the committee.\n"
    )
    turns = _turns(text)
    assert [(speaker, role) for speaker, role, _ in turns] == [
        ("Interviewer", "interviewer"), ("Respondent", "participant"), ("Interviewer", "interviewer"), ("Respondent", "participant")
    ]


def test_a_header_naming_the_peer_researcher_makes_them_the_interviewer():
    text = (
        "Interview date: 4 May 2025\nPeer researcher: Dev Patel\nParticipant: Rosa Lima\n\n"
        "Dev: How long have you come to the pantry?\n\nRosa: Three years, about.\n\n"
        "Dev: What changed?\n\nRosa: I stack the shelves on Fridays now.\n"
    )
    assert {speaker: role for speaker, role, _ in _turns(text)} == {"Dev": "interviewer", "Rosa": "participant"}


def test_an_interviewer_who_shares_a_cases_first_name_is_no_case_asking(tmp_path):
    """'Ana:' interviewing case Ana_Lopez ('Lopez:') alone asks there: no CaseAsInterviewerWarning, whose advice would
    make the interviewer's questions the participant's evidence."""
    write(tmp_path / "study.yaml", "name: namesake\nspeakers: {Ana: interviewer}\nwaves:\n- id: W1\ncases:\n- id: Ana_Lopez\n- id: Ben_Cho\n"
          "documents:\n- {path: ana_lopez.txt, case: Ana_Lopez, wave: W1, kind: interview}\n"
          "- {path: ben_cho.txt, case: Ben_Cho, wave: W1, kind: interview}\n")
    write(tmp_path / "ana_lopez.txt", "Ana: How do you find the hub?\n\nLopez: We decide together now.\n\nAna: And the budget?\n\nLopez: The council decides.\n")
    write(tmp_path / "ben_cho.txt", "Ana: How do you find the hub?\n\nBen: We decide together now.\n\nAna: And the budget?\n\nBen: The council decides.\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qlr.load(tmp_path, progress=False)
    assert not [w for w in caught if type(w.message).__name__ == "CaseAsInterviewerWarning"]
