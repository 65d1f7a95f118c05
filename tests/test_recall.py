"""The bundled codebook finds everyday wording, and the assertion rules keep everyday traps out.

The sentences here are fresh paraphrases, written for these tests (not copied from
the sample, the development or the validation study): each says in ordinary words
what a code means, and each trap says it of someone else, in the past, as a wish,
a denial or a refusal.  ``data/dev`` is the study the indicators were developed on;
its figures are checked at the end.
"""

from __future__ import annotations

import importlib.util

import pytest

import qlr
from qlr.code._nlp import CodebookMatcher, pipeline

from .conftest import ROOT


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


@pytest.fixture(scope="module")
def matcher(nlp):
    return CodebookMatcher(nlp, qlr.read_codebook("coproduction"))


def statuses(nlp, matcher, text: str, code: str) -> set[str]:
    return {m.assertion for m in matcher(nlp(text)) if m.code_id == code}


EVERYDAY = [
    # Contribution: helping out, in the words people use.
    ("I give the caretaker a hand with the bins on a Monday.", "reciprocity.giving_back"),
    ("Most weeks I'll pitch in with the washing up.", "reciprocity.giving_back"),
    ("I'm on the rota for the Thursday breakfast club.", "reciprocity.giving_back"),
    ("We help with setting up the hall before the bingo.", "reciprocity.giving_back"),
    # Collaboration: skills used, help both ways, being asked and planning together.
    ("The nurse made good use of what I know about his diet.", "assets.expertise_used"),
    ("They really value my experience as a bus driver.", "assets.skills_recognised"),
    ("Me and Sue sort each other out with lifts.", "reciprocity.two_way"),
    ("We look after each other on that landing.", "peer_networks.peer_support"),
    ("The youth worker asked what we wanted from the summer scheme.", "power.consulted"),
    ("They asked my opinion on the new timetable.", "power.consulted"),
    ("There's a suggestion box in the foyer and I use it.", "power.consulted"),
    ("They ran it past us before it went to print.", "power.consulted"),
    ("I had a hand in the new welcome pack.", "power.co_designing"),
    ("Three of us worked out the bus routes together.", "power.co_designing"),
    ("They involved us in choosing the new furniture.", "power.co_designing"),
    ("We came up with the name for the café.", "power.co_designing"),
    # Balance of power: deciding together, running things.
    ("Whether to open Sundays was a joint decision.", "power.shared_decisions"),
    ("The parents and the head sorted the uniform rules out jointly.", "power.shared_decisions"),
    ("We all voted to keep the Friday slot.", "power.shared_decisions"),
    ("I chair the parents' forum now.", "power.co_leading"),
    ("Me and Kev run the Tuesday walking group between us.", "power.co_leading"),
    ("We're in charge of the seed library.", "power.co_leading"),
    # Negative evidence.
    ("They changed the bus times without a word to anyone.", "negative.done_to"),
    ("The consultation was a done deal, lip service really.", "negative.tokenistic"),
    ("It's her show, she tells us where to stand.", "facilitation.staff_led"),
]


@pytest.mark.parametrize(("text", "code"), EVERYDAY)
def test_everyday_wording_is_found_as_the_speakers_own(nlp, matcher, text, code):
    assert "affirmed" in statuses(nlp, matcher, text, code)


TRAPS = [
    # Someone else's: people near the speaker and second-hand sources.
    ("My neighbour says the residents there all voted on it.", "power.shared_decisions", "other"),
    ("My sister started her own group at the chapel.", "peer_networks.self_organised", "other"),
    ("I was told they all voted on it at the other centre.", "power.shared_decisions", "other"),
    ("She was saying the tenants there had a hand in the design.", "power.co_designing", "other"),
    # A trigger listed both ways ("apparently" before or after) works both ways.
    ("They had a vote on the new hours, apparently.", "power.shared_decisions", "other"),
    # Plans, wishes, promises.
    ("They promised we'd have a hand in the new plans.", "power.co_designing", "hypothetical"),
    ("Next year we chair the forum, that's the idea.", "power.co_leading", "hypothetical"),
    ("Fingers crossed, we'll run the café group ourselves.", "power.co_leading", "hypothetical"),
    # The past.
    ("In my old job I chaired the union meetings.", "power.co_leading", "historical"),
    ("A while ago we all voted on the menu.", "power.shared_decisions", "historical"),
    ("We ran the craft group, but not any more.", "power.co_leading", "historical"),
    # Denials, sarcastic ones included.
    ("A joint decision? Yeah right.", "power.shared_decisions", "negated"),
    ("Fat chance of a joint decision with that lot.", "power.shared_decisions", "negated"),
    # Refusals, in the same sentence or the next.
    ("They asked me to help out on the stall, but I said no.", "reciprocity.giving_back", "declined"),
    ("The manager asked me to chair the forum. I said no thanks.", "facilitation.catalyst", "declined"),
    ("She asked me to run the craft session. Well, I turned it down.", "facilitation.catalyst", "declined"),
    ("I chaired the forum for a year, but I've stepped down.", "power.co_leading", "declined"),
]


@pytest.mark.parametrize(("text", "code", "status"), TRAPS)
def test_everyday_traps_are_discounted(nlp, matcher, text, code, status):
    assert statuses(nlp, matcher, text, code) == {status}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Idioms that look like a wish or a denial are neither.
        ("They'd be daft not to make use of what I know.", "assets.expertise_used"),
        # A refusal later in the next sentence answers an offer of its own.
        ("I chair the forum now. My boss wanted me to do Saturdays and I said no.", "power.co_leading"),
        # A relative's name before the speaker's own words leaves them the speaker's.
        ("My sister and I run the Tuesday walking group.", "power.co_leading"),
    ],
)
def test_lookalikes_stay_affirmed(nlp, matcher, text, code):
    assert statuses(nlp, matcher, text, code) == {"affirmed"}


def _make_validation():
    spec = importlib.util.spec_from_file_location("make_validation", ROOT / "docs" / "make_validation.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_development_study_keeps_its_figures():
    """Recall on data/dev stays at the level the indicators were developed to, and no trap counts in full."""
    module = _make_validation()
    study = module.coded(module.DEV)
    traps = module.trap_table(study, module.DEV)
    assert traps.loc["all", "traps"] == 45
    # The two with a name as the subject ("Faisal chaired the last members' meeting",
    # "Denise does a lot of the volunteering") are someone else's by the subject rule.
    assert traps.loc["all", "counted at full weight"] == 0
    recall = module.recall_by_theme(study, module.DEV)
    assert recall.loc["all", "passages"] == 41
    assert recall.loc["all", "recall"] >= 0.85


def test_the_second_development_study_keeps_other_peoples_experience_out():
    """data/dev2, full of other people's doings: none of its traps counts in full, and recall holds."""
    module = _make_validation()
    study = module.coded(module.DEV2)
    traps = module.trap_table(study, module.DEV2)
    assert traps.loc["other_person", "traps"] == 23
    assert traps.loc["all", "counted at full weight"] == 0
    recall = module.recall_by_theme(study, module.DEV2)
    assert recall.loc["all", "passages"] == 37
    assert recall.loc["all", "recall"] >= 0.9


def test_the_third_development_study_keeps_hearsay_and_the_past_out():
    """data/dev3 (a recovery college: hearsay, reported speech, the past against now): on its tuning
    part no trap counts in full; the held-out participant is measured, never asserted (it is not tuned on)."""
    module = _make_validation()
    study = module.coded(module.DEV3)
    parts = module.dev3_parts()
    assert parts == {"tuning": ["R01", "R02", "R03", "S01"], "held-out": ["R04"]}
    traps = module.trap_table(study, module.DEV3, cases=parts["tuning"])
    assert traps.loc["other_person", "traps"] == 31 and traps.loc["historical", "traps"] == 14
    assert traps.loc["all", "counted at full weight"] == 0
    assert module.trap_table(study, module.DEV3, cases=parts["held-out"]).loc["all", "traps"] == 12
    recall = module.recall_by_theme(study, module.DEV3, cases=parts["tuning"])
    assert recall.loc["all", "passages"] == 38
    assert recall.loc["all", "recall"] >= 0.6
