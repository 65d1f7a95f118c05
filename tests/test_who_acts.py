"""Who acts: group talk, a staff "we", generic "you" (stop 54).

Every sentence here was written for these tests (none is from a corpus). Each rule has sentences it must change and
lookalikes it must leave alone: the speaker let rather than letting, the speaker's own group ("some of us", "we run it
with the residents"), another participant's account taken up as the speaker's own ("Like Moira says, we …"), generic
"you" told as the speaker's habit against "you'd think", and quoted speech.
"""

from __future__ import annotations

import pytest

from .test_sideways import _statuses  # one reading of a turn by the coproduction codebook, shared

# The speaker as causer: the one let does it (a staff member's or role-holder's "we").
CAUSATIVES = [
    ("We let the caucus vote on the priorities.", "power.shared_decisions", {"other"}),
    ("We just let the young ones vote on the menu.", "power.shared_decisions", {"other"}),
    ("I let the young ones decide together.", "power.shared_decisions", {"other"}),
    ("We let Callum decide together with the cadets.", "power.shared_decisions", {"other"}),
    ("We've always let them decide together.", "power.shared_decisions", {"other"}),
    # Lookalikes: the speaker is the one let; the match holds the speaker; no one let; a want, not a causative.
    ("They let us vote on the priorities.", "power.shared_decisions", {"affirmed"}),
    ("We let them ask us what we think.", "power.consulted", {"affirmed"}),
    ("I haven't really made friends, not yet.", "peer_networks.networks_widened", {"negated"}),
    ("We run it with the residents.", "power.co_leading", {"affirmed"}),
    ("We had a vote on it last week.", "power.shared_decisions", {"affirmed"}),
    ("We had the final vote last week.", "power.shared_decisions", {"affirmed"}),
    ("We let the manager decide it together with us.", "power.shared_decisions", {"affirmed"}),
]

# Whose it is, said: a clause or sentence naming the owner; the thing matched named as theirs.
OWNED = [
    ("Moira's lot out at the point, they pick each other up. That's their marae.", "peer_networks.peer_support", {"other"}),
    ("The girls in Iten look out for each other. That is their camp.", "peer_networks.peer_support", {"other"}),
    ("That's Moira's group, they vote on everything.", "power.shared_decisions", {"other"}),
    ("They vote on everything, for her lot.", "power.shared_decisions", {"other"}),
    ("We passed the list on and what they voted is what we took to the table. Their vote, not mine.", "power.shared_decisions", {"other"}),
    ("Their vote, not mine.", "power.shared_decisions", {"other"}),
    # Lookalikes: the speaker in the clause; everyone (the speaker among them); the speaker's own "our".
    ("They ask us what we think every month. That's their job.", "power.consulted", {"affirmed"}),
    ("Everyone gets a vote. That's their rule.", "power.shared_decisions", {"affirmed"}),
    ("We vote on everything. That's our way.", "power.shared_decisions", {"affirmed"}),
    ("That's our group, we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("Their vote, not mine, but we all voted.", "power.shared_decisions", {"affirmed"}),
    ("That's her idea, and we all voted for it.", "power.shared_decisions", {"affirmed"}),
    ("That's Moira's job, she asks us what we think.", "power.consulted", {"affirmed"}),
]

# A group named by whose it is, taken up by "they"; a group then counted as "them".
GROUPS = [
    ("Moira's lot, they vote on everything.", "power.shared_decisions", {"other"}),
    ("Aunty Mere's lot, they vote on everything.", "power.shared_decisions", {"other"}),
    ("The old drivers look out for each other. When Len was ill, three of them were round with soup.", "peer_networks.peer_support", {"other"}),
    # Lookalikes: the speaker in the sentence; the group counted as "us"; a bare name is as often the speaker's group.
    ("The lads look out for me. Some of them are lovely.", "peer_networks.peer_support", {"affirmed"}),
    ("The old drivers look out for each other. Some of us do the teas.", "peer_networks.peer_support", {"affirmed"}),
    ("Some of us vote on everything.", "power.shared_decisions", {"affirmed"}),
]

# Decided while the speaker was away; the speaker's group said not to be in it.
ABSENT = [
    ("While I was in hospital the guides voted to drop the tours.", "power.shared_decisions", {"other"}),
    ("While I was away the committee voted to close on Sundays.", "power.shared_decisions", {"other"}),
    ("The sponsors vote on everything. We're not invited.", "power.shared_decisions", {"other"}),
    # Lookalikes: the speaker in the clause after the absence; "we" voting.
    ("While I was away they asked me to vote on it.", "power.shared_decisions", {"affirmed"}),
    ("While I was away we voted to close on Sundays.", "power.shared_decisions", {"affirmed"}),
    ("We vote on everything. We're not invited to the board, mind.", "power.shared_decisions", {"affirmed"}),
]

# Another participant's claim about "us" that the speaker says is not so for them: the claim stays theirs.
EXEMPT = [
    ("Darren reckons we vote on everything. Not me.", "power.shared_decisions", {"other"}),
    ("Moira says we all vote on it. Not me, I never bother.", "power.shared_decisions", {"other"}),
    ("Mark keeps saying the staff let us get on with it. Not on my corner.", "facilitation.stepping_back", {"other"}),
    ("Kipchumba says the staff ask us what we think. It isn't like that for me.", "power.consulted", {"other"}),
    # Lookalikes: taken up as the speaker's own; agreeing; a claim not disputed.
    ("Like Moira says, we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("Same as Moira said, we vote on everything now.", "power.shared_decisions", {"affirmed"}),
    ("Same here, we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("Same as Pat said, they never consulted us. They just put the rules up.", "power.consulted", {"negated"}),
    ("Moira says we all vote on it. We do, every month.", "power.shared_decisions", {"affirmed"}),
    ("We vote on everything. Not on Sundays.", "power.shared_decisions", {"affirmed"}),
]

# Generic "you": the speaker's own habit against what one would expect (read right before this stop; kept).
GENERIC_YOU = [
    ("You get consulted, you do, every month.", "power.consulted", {"affirmed"}),
    ("Round here you get a vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("You'd think they'd consult us.", "power.consulted", {"hypothetical"}),
    ("You would expect a vote on something like that.", "power.shared_decisions", {"hypothetical"}),
]

# Quoted speech: whose words they are decides, as before this stop.
QUOTED = [
    ('"We vote on everything," Moira said.', "power.shared_decisions", {"other"}),
    ('Moira said, "we vote on everything."', "power.shared_decisions", {"other"}),
    ('I said, "we vote on everything, Moira."', "power.shared_decisions", {"affirmed"}),
]

PROBES = [*CAUSATIVES, *OWNED, *GROUPS, *ABSENT, *EXEMPT, *GENERIC_YOU, *QUOTED]


@pytest.mark.parametrize(("text", "code", "expected"), PROBES)
def test_who_acts_statuses(text: str, code: str, expected: set[str]) -> None:
    assert _statuses(text, code) == expected


def test_a_group_named_by_whose_it_is_reads_the_subject_rows() -> None:
    """The group words are ``subject`` rows opening "'s": a codebook's own row adds one ("Moira's whānau")."""
    from qlr.code._assertion import AssertionRules, Rule
    from qlr.code._nlp import pipeline

    nlp = pipeline()
    rules = AssertionRules(nlp)
    doc = nlp("Moira's posse, they vote on everything.")
    assert rules.judge(doc, "vote") == "affirmed"
    extended = rules.extended([Rule("subject", "other", "", "'s posse")])
    assert extended.judge(doc, "vote") == "other"
