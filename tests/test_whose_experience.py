"""Whose experience: second-hand, seen from outside, done for the speaker (stop 55).

Every sentence here was written for these tests (none is from a corpus). Each rule has sentences it must change and
lookalikes it must leave alone: the speaker's own experience after someone named ("My sister got me into it. We plan it
together now."), the speaker in the clause watched ("I watched them consult us"), "they did it for me" against "they
did it with me", the speaker confirming a report or counting themself out of it, and "the leaflet says we co-design it,
and we do".
"""

from __future__ import annotations

import pytest

from .test_sideways import _statuses  # one reading of a turn by the coproduction codebook, shared

SHARED, DESIGN, CONSULTED, CATALYST = "power.shared_decisions", "power.co_designing", "power.consulted", "facilitation.catalyst"

# The speaker as onlooker: the people watched do the matched thing (read as the one let is, _lets_others / _watched).
ONLOOKER = [
    ("I watched the young ones co-design the new park.", DESIGN, {"other"}),
    ("I saw the tenants vote on the repairs list.", SHARED, {"other"}),
    ("We watched the members decide it together.", SHARED, {"other"}),
    ("I've watched the members decide it together for years.", SHARED, {"other"}),
    ("I saw them vote on it.", SHARED, {"other"}),
    ("We watched Callum decide the menu together with the cadets.", SHARED, {"other"}),
    ("I heard the residents vote on the repairs list.", SHARED, {"other"}),
    # Lookalikes: the speaker in the clause watched; a thing seen; the speaker watched; the speaker among them.
    ("I watched them consult us.", CONSULTED, {"affirmed"}),
    ("I saw the point of co-designing it.", DESIGN, {"affirmed"}),
    ("I've seen how we co-design it now.", DESIGN, {"affirmed"}),
    ("They watched us co-design the park.", DESIGN, {"affirmed"}),
    ("I watched the members vote, and I'm one of the members.", SHARED, {"affirmed"}),
    ("I saw the tenants vote, me included.", SHARED, {"affirmed"}),
    ("The tenants watched the council decide it together with us.", SHARED, {"affirmed"}),
]

# The beneficiary: done for the speaker, not with them (_done_for_speaker).
BENEFICIARY = [
    ("The staff co-designed the menu for me.", DESIGN, {"other"}),
    ("They co-designed the menu for us.", DESIGN, {"other"}),
    ("My daughter co-designed the garden for me.", DESIGN, {"other"}),
    # Lookalikes: with the speaker; the speaker the one who does it ("for us to"); both; the speaker as subject.
    ("They co-designed the menu with me.", DESIGN, {"affirmed"}),
    ("They made time for us to co-design the menu.", DESIGN, {"affirmed"}),
    ("They co-designed the menu for us and with us.", DESIGN, {"affirmed"}),
    ("We co-designed the menu for the new ones.", DESIGN, {"affirmed"}),
    ("My daughter and I co-designed the garden for us.", DESIGN, {"affirmed"}),
]

# A report about a group (a document, hearsay) the speaker then counts themself among (_counts_self_among).
AMONG = [
    ("The council's strategy says residents co-designed every part of it. I was one of the six who wrote it.", DESIGN, {"affirmed"}),
    ("The leaflet says tenants co-designed the new kitchens. I was one of them.", DESIGN, {"affirmed"}),
    ("The newsletter says tenants co-designed the new kitchens, and I was one of them.", DESIGN, {"affirmed"}),
    ("Word is the tenants co-designed the new kitchens. Honestly, I was part of it.", DESIGN, {"affirmed"}),
    # Lookalikes: the speaker counted out; a report about "us", confirmed or not (as before); hearsay left alone.
    ("The leaflet says tenants co-designed the new kitchens. I wasn't one of them.", DESIGN, {"other"}),
    ("The leaflet says tenants co-designed the new kitchens. I'm not one of them.", DESIGN, {"other"}),
    ("The leaflet says we co-design it, and we do.", DESIGN, {"affirmed"}),
    ("The leaflet says we co-design it.", DESIGN, {"affirmed"}),
    ("Apparently they vote on everything at the youth club.", SHARED, {"other"}),
    ("Janet told me her son said they vote on everything at the youth club.", SHARED, {"other"}),
    ("The tenants co-designed the new kitchens, so I'm told.", DESIGN, {"other"}),
]

# The go-between: an offer handed on to the speaker's relative (_deflects).
HANDED_ON = [
    ("They asked me to lead the hui. I let my nephew do it.", CATALYST, {"declined"}),
    ("They asked me to chair the forum. I let my daughter have a go.", CATALYST, {"declined"}),
    # Lookalikes: "our" may hold the speaker; a yes; the speaker in what the relative helps with.
    ("They asked me to chair the forum. Let our group do it, I said.", CATALYST, {"affirmed"}),
    ("They asked me to chair the forum. I said yes.", CATALYST, {"affirmed"}),
    ("They asked me to lead the hui. I let my nephew help me do it.", CATALYST, {"affirmed"}),
]

# The speaker saying after someone else's decision that it was not theirs (previous rows).
NOT_MINE = [
    ("They voted to drop the fare campaign. It wasn't my call.", SHARED, {"other"}),
    ("The youth council voted to drop the fare campaign. It wasn't mine to decide.", SHARED, {"other"}),
    ("They voted to drop the fare campaign. Not my decision.", SHARED, {"other"}),
    # Lookalikes: the speaker in the match's clause; a limit, not a disowning.
    ("We voted to drop the fare campaign. It wasn't my call.", SHARED, {"affirmed"}),
    ("I voted to drop the fare campaign. Not my call alone, mind.", SHARED, {"affirmed"}),
]

# The speaker's own experience after someone named, read the same before and after this stop.
OWN_AFTER_SOMEONE = [
    ("My cousin got me onto the board. We plan the whole season together now.", DESIGN, {"affirmed"}),
    ("My sister got me into it. We plan it together now.", DESIGN, {"affirmed"}),
    ("That's true, they consult us every month.", CONSULTED, {"affirmed"}),
    ("It's their call, they vote on everything.", SHARED, {"other"}),
]

# A part of a group counted ("half the residents") is not the speaker in the sentence (_counted_part).
COUNTED_PART = [
    ("She helps out at teatime, and half the residents love it.", "reciprocity.giving_back", {"other"}),
    ("Moira helps out at teatime, and most of the tenants join in.", "reciprocity.giving_back", {"other"}),
    # Lookalikes: the group uncounted, which may hold the speaker; the part counted as the clause's own subject.
    ("She helps out at teatime, and the residents love it.", "reciprocity.giving_back", {"affirmed"}),
    ("Half the residents vote on the menu.", SHARED, {"affirmed"}),
]

# A second engineer's lookalikes (review of stop 55), each read here as before this stop unless marked: the onlooker who
# then does it too, the beneficiary who acts as well, a group the speaker is among that the report did not name, a part
# of a group with the speaker in it, and every owner the owner gate must still pass.
REVIEW = [
    # The onlooker who then does it: the speaker's experience too (_onlooker_joins).
    ("I watched them vote on it, and I voted on it as well.", SHARED, {"affirmed"}),
    ("I've watched them vote on it, then we vote on it too.", SHARED, {"affirmed"}),
    ("I saw the residents and staff decide it together, I was there deciding it with them.", SHARED, {"affirmed"}),
    ("I watched them plan it and then I joined in, now we plan it together.", DESIGN, {"affirmed"}),
    ("I saw them vote on it, we all did.", SHARED, {"affirmed"}),
    ("We watched the members vote on it, as members ourselves.", SHARED, {"affirmed"}),
    ("I saw the tenants vote on it, I voted too.", SHARED, {"affirmed"}),
    ("I watched them vote on it, my mates did too.", SHARED, {"other"}),
    ("I saw us all vote on it.", SHARED, {"affirmed"}),
    ("I watched the tenants vote on it with me.", SHARED, {"affirmed"}),
    ("We saw the committee decide it together with us.", SHARED, {"affirmed"}),
    ("I noticed we vote on everything now.", SHARED, {"affirmed"}),
    ("I saw that we all vote on the menu.", SHARED, {"affirmed"}),
    ("I saw the point of voting on it.", SHARED, {"affirmed"}),
    ("I saw my mum co-design it with me.", DESIGN, {"affirmed"}),
    ("I watched them, and we decided it together.", SHARED, {"affirmed"}),
    ("I saw the residents decide it together and I was one of them.", SHARED, {"affirmed"}),
    ("I've never seen the council consult anyone.", CONSULTED, {"negated"}),
    # The onlooker only: someone else's (new this stop).
    ("We watched the council decide it together.", SHARED, {"other"}),
    ("We've seen the residents co-design it with staff.", DESIGN, {"other"}),
    # The beneficiary who acts too, or is in the room: the speaker's.
    ("They co-designed the garden for us, and we helped.", DESIGN, {"affirmed"}),
    ("The staff co-designed it for us, with us.", DESIGN, {"affirmed"}),
    ("They co-designed it for us, me and the other mums.", DESIGN, {"affirmed"}),
    ("They co-designed it for us all, we were all in the room.", DESIGN, {"affirmed"}),
    ("We co-designed it for us.", DESIGN, {"affirmed"}),
    ("My son and I co-designed the garden for me.", DESIGN, {"affirmed"}),
    ("They co-designed it for us to run.", DESIGN, {"affirmed"}),
    # Done for the speaker, the match the clause's verb: someone else's; a thing set up for the speaker to use: theirs.
    ("The council co-designed the park for us kids.", DESIGN, {"other"}),
    ("My mum and dad co-designed the garden for us.", DESIGN, {"other"}),
    ("They set up a time bank for us.", "reciprocity.time_credits", {"affirmed"}),
    # What is done to the speaker stays the speaker's (negative.done_to is not read as a beneficiary).
    ("They just decide it for me.", "negative.done_to", {"affirmed"}),
    ("Staff make all the decisions for us.", "negative.done_to", {"affirmed"}),
    # A group the speaker is among that the report did not name: the report stays someone else's (_among_back).
    ("The leaflet says residents co-designed it. I was one of the few who weren't asked.", DESIGN, {"other"}),
    ("The leaflet says tenants co-designed the kitchens. I was one of the people who complained.", DESIGN, {"other"}),
    ("The leaflet says tenants co-designed the kitchens. I was part of the group that refused.", DESIGN, {"other"}),
    ("The report says residents co-designed it. I was one of the ones left out.", DESIGN, {"other"}),
    ("Apparently they vote on everything at the club. I'm part of the furniture there.", SHARED, {"other"}),
    ("The leaflet says tenants co-designed the kitchens. I was one of them that never got asked.", DESIGN, {"other"}),
    ("The leaflet says tenants co-designed the kitchens. I was among those who weren't invited.", DESIGN, {"other"}),
    ("The leaflet says tenants co-designed the kitchens, but I was one of the ones who moved in after.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was one of the people who hated it.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was part of the group who fought it.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was one of the ones who didn't do it.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was one of the lucky ones.", DESIGN, {"other"}),
    # … and the speaker among the report's own people: the speaker's.
    ("The leaflet says tenants co-designed the kitchens. We were among them.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it, and I was part of that.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. I was one of the ones who did it.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. I'm one of those.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. We were some of them.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. I was part of that group.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. I was one of those tenants.", DESIGN, {"affirmed"}),
    ("The report says tenants co-designed it. I was among those left out.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was among those excluded.", DESIGN, {"other"}),
    ("The report says tenants co-designed it. I was one of those people who hated it.", DESIGN, {"other"}),
    # A part of a group with the speaker in it.
    ("Half the residents, me included, vote on it.", SHARED, {"affirmed"}),
    ("Half the residents vote on it, and I do too.", SHARED, {"affirmed"}),
    ("Moira helps out at teatime, and half the residents and I join in.", "reciprocity.giving_back", {"affirmed"}),
    ("She helps out at teatime, and most of the residents, me among them, love it.", "reciprocity.giving_back", {"affirmed"}),
    # The owner gate: every owner found before it still found; "the council's", "the group's" own nothing, as before.
    ("That's their group, they vote on everything.", SHARED, {"other"}),
    ("It's Moira's group, they vote on everything.", SHARED, {"other"}),
    ("That's my nan's club, they vote on everything.", SHARED, {"other"}),
    ("It's Aunty Mere's group, they vote on everything.", SHARED, {"other"}),
    ("That's our Kev's group, they vote on everything.", SHARED, {"other"}),
    ("That's the manager's call, they decide it together.", SHARED, {"other"}),
    ("It was the council's decision, they consult us every month.", CONSULTED, {"affirmed"}),
    ("That's the group's decision, they vote on it.", SHARED, {"affirmed"}),
]

PROBES = [*REVIEW, *COUNTED_PART, *ONLOOKER, *BENEFICIARY, *AMONG, *HANDED_ON, *NOT_MINE, *OWN_AFTER_SOMEONE]


@pytest.mark.parametrize(("text", "code", "expected"), PROBES)
def test_whose_experience_statuses(text: str, code: str, expected: set[str]) -> None:
    assert _statuses(text, code) == expected


def test_the_owner_gate_passes_every_owner_and_skips_thats() -> None:
    """``_owned_by_others`` is reached only when an owner may be there: not for "that's", "it's", "there's" alone."""
    from qlr.code._assertion import AssertionRules
    from qlr.code._nlp import pipeline

    nlp = pipeline()
    rules = AssertionRules(nlp)

    def owner(text: str) -> bool:
        lowers = [t.lower for t in nlp(text)]
        return rules._owner_in(lowers, 0, len(lowers))

    assert not owner("That's true, it's what they do and there's more.")
    assert owner("That's their marae.")
    assert owner("That's Moira's group.")
    assert owner("That's my sister's lot.")
    assert owner("Their vote, not mine.")
    # Review of stop 55: a relative's title and a name, "our" and a name, a "my …" row's last word, in the next words too.
    assert owner("It's Aunty Mere's group.")
    assert owner("That's our Kev's group.")
    assert owner("That's my nan's club.")
    assert owner("It was his.")
    assert not owner("It's the council's decision, and that's the group's.")

