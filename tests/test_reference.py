"""Whose experience across a sentence boundary: "they" taking up a group named before (stop 56).

Every sentence here was written for these tests (none is from a corpus). A sentence of a turn opening on "they" (or
"them lot") with the speaker nowhere in it takes up the group named in the sentence or two before it; when that group
is someone else's the match is someone else's experience. "She" and "he" opening the match's clause were someone
else's before this stop (``subject`` rows); they are here to pin that they still are. Lookalikes: the speaker joining
or taking part in between, the speaker's own group, the staff, "they" with no one named before (the service), a group
named too far back, and the speaker in the match's own sentence.
"""

from __future__ import annotations

import pytest

from .test_sideways import _statuses  # one reading of a turn by the coproduction codebook, shared

SHARED, DESIGN, CONSULTED, TWO_WAY = "power.shared_decisions", "power.co_designing", "power.consulted", "reciprocity.two_way"

# Someone else's group named, then "they" opening the next sentence (or the one after): someone else's. "She" and
# "he" after someone named (the earlier rules, unchanged).
TAKEN_UP = [
    ("My cousin's on the allotment board. They vote on everything.", SHARED, {"other"}),
    ("The older women have their own circle. They help each other with the forms.", TWO_WAY, {"other"}),
    ("The older women have their own circle. Honestly, they help each other with the forms.", TWO_WAY, {"other"}),
    ("My friend Leanne goes to the forum. She co-designed the new leaflet.", DESIGN, {"other"}),
    ("My aunt Rose lives in Leeds. She co-designed the new library there.", DESIGN, {"other"}),
    ("Pete's deaf, lovely bloke. He co-designed the new website.", DESIGN, {"other"}),
    ("My brother's in a walking club. He votes on the routes.", SHARED, {"other"}),
    ("The organisers meet on Tuesdays. They co-design the whole festival.", DESIGN, {"other"}),
    # Through a sentence naming no one, and one where the speaker is shut out or only gives a view.
    ("My mum's in a choir. She loves it. They vote on every song.", SHARED, {"other"}),
    ("The sponsors run their own thing now. We're not invited. They vote on everything.", SHARED, {"other"}),
    ("My mum's in a choir. I think it's lovely. They vote on every song.", SHARED, {"other"}),
    ("My uncle's mates run the pigeon club. Them lot vote on everything.", SHARED, {"other"}),
    ("My friends run a pigeon club. They vote on everything.", SHARED, {"other"}),
    ("My cousin's on the allotment board. Well, they vote on everything.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I'm not on it.", SHARED, {"other"}),
]

# Lookalikes: the speaker's own after someone named; the speaker joining; the speaker's group; the staff; the service.
SPEAKERS_OWN = [
    ("My cousin got me onto the allotment board. They vote on everything.", SHARED, {"affirmed"}),
    ("My cousin got me onto the allotment board. We vote on everything.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. I joined last month. They vote on everything.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. Sometimes I go with her. They vote on everything.", SHARED, {"affirmed"}),
    ("The lads started a five-a-side. They let me in last year. They vote on everything.", SHARED, {"affirmed"}),
    ("The sponsors have a group. We're in it too. They vote on everything.", SHARED, {"affirmed"}),
    ("My neighbour's on the board. She said we could join. They vote on everything.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything with us now.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything, and I go along too.", SHARED, {"affirmed"}),
    ("My friend runs the club. We vote on everything.", SHARED, {"affirmed"}),
    ("The board invited me to join. They vote on everything.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They asked what we think.", CONSULTED, {"affirmed"}),
    ("My sister comes with me. We co-design the menu.", DESIGN, {"affirmed"}),
    # Those named are the speaker's: "our", "my" and a group, the speaker's group.
    ("Our board is brilliant. They vote on everything.", SHARED, {"affirmed"}),
    ("My group meets on Tuesdays. They vote on everything.", SHARED, {"affirmed"}),
    ("Our lads run the pigeon club. They vote on everything.", SHARED, {"affirmed"}),
    ("The members are great. They vote on everything.", SHARED, {"affirmed"}),
    ("The residents run the garden. They vote on everything.", SHARED, {"affirmed"}),
    ("The volunteers run the cafe. They vote on everything.", SHARED, {"affirmed"}),
    ("The parents set it up. They vote on everything.", SHARED, {"affirmed"}),
    ("The young mums have their own circle. They help each other with the forms.", TWO_WAY, {"affirmed"}),
    # The staff, or "they" with no one named before: the service, read by the earlier rules.
    ("The staff are brilliant here. They vote on everything.", SHARED, {"affirmed"}),
    ("The nurses are lovely. They co-design the menu.", DESIGN, {"affirmed"}),
    ("It's a good place. They vote on everything.", SHARED, {"affirmed"}),
    ("They vote on everything at the board.", SHARED, {"affirmed"}),
    ("I like it there. They co-design the menu.", DESIGN, {"affirmed"}),
    # Too far back: the people named are three sentences before.
    ("My cousin's on the board. It meets on Mondays. The room is cold. They vote on everything.", SHARED, {"affirmed"}),
    # Not the match's subject: "they" is after the match, or "it" opens the sentence.
    ("My cousin's on the allotment board. It votes on everything.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. We vote on everything, they don't.", SHARED, {"affirmed"}),
    # A thing, not people, named before ("the rooms").
    ("The rooms are lovely. They co-design the menu.", DESIGN, {"affirmed"}),
]

# Review of stop 56: what looks like a group named before and is not someone else's. Each read someone else's before
# the ``not a group`` rows and the checks in ``_group_named`` (a plural of "-ers"/"-ors" naming a thing or the staff, a
# group noun before "of" or before its staff, the service named between).
NOT_A_GROUP = [
    ("The numbers went up. They co-designed the new plan.", DESIGN, {"affirmed"}),
    ("The posters were rubbish before. They co-designed the new ones.", DESIGN, {"affirmed"}),
    ("The doors were locked. They vote on everything.", SHARED, {"affirmed"}),
    ("It's about the bigger matters. They vote on everything.", SHARED, {"affirmed"}),
    ("The facilitators are great. They vote on everything.", SHARED, {"affirmed"}),
    ("The officers are lovely. They vote on everything.", SHARED, {"affirmed"}),
    ("The researchers are nice. They vote on everything.", SHARED, {"affirmed"}),
    ("The team leader is lovely. They vote on everything.", SHARED, {"affirmed"}),
    ("The group facilitator is great. They vote on everything.", SHARED, {"affirmed"}),
    ("There's a lot of red tape. They vote on everything.", SHARED, {"affirmed"}),
    ("There's a lot of paperwork. They co-designed the forms.", DESIGN, {"affirmed"}),
    ("My cousin's on the board. The council runs it though. They vote on everything.", SHARED, {"affirmed"}),
    # Still someone else's: a group after "of", a group noun before a word that is not its staff.
    ("A group of lads run the club. They vote on everything.", SHARED, {"other"}),
    ("My dad joined a bowls club years back. They vote on everything.", SHARED, {"other"}),
    ("The campaigners down the road are very active. They vote on everything.", SHARED, {"other"}),
    # The speaker counting themself among them in the sentence after (an ``among`` row): the speaker's own.
    ("The gardeners have a plot. They vote on everything. I'm one of them.", SHARED, {"affirmed"}),
    ("The organisers meet on Mondays. They vote on everything. I was part of that.", SHARED, {"affirmed"}),
    # Not counting themself among them: someone else's still.
    ("The gardeners have a plot. They vote on everything. I'm not one of them.", SHARED, {"other"}),
]

# Leftovers of stop 56 (stop 57): a group noun describing a thing, or a thing describing it; the speaker saying
# they are in it in the sentence after the match; the speaker's own group by what its people share; relatives in the
# plural, someone else's. Each of the first nine read someone else's, and each of the kin plurals affirmed, before.
STOP_57 = [
    ("The committee room is freezing. They vote on everything.", SHARED, {"affirmed"}),
    ("It's up on the notice board. They vote on everything.", SHARED, {"affirmed"}),
    ("The board games are fun. They vote on everything.", SHARED, {"affirmed"}),
    ("The club house needs paint. They co-designed the new menu.", DESIGN, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything. I'm on it too.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything. I joined last month.", SHARED, {"affirmed"}),
    ("The lads run a pigeon club. They vote on everything. Oh, we go as well.", SHARED, {"affirmed"}),
    ("The peer supporters meet on Mondays. They vote on everything.", SHARED, {"affirmed"}),
    ("The survivors have a circle. They help each other with the forms.", TWO_WAY, {"affirmed"}),
    ("My cousins came round on Sunday. They co-designed the new menu.", DESIGN, {"other"}),
    ("My grandkids love the garden. They co-designed the new planters.", DESIGN, {"other"}),
    # Still someone else's: the speaker after the match denied, hedging, or wishing; a group noun before a word that
    # is not a thing; a group noun after a word that is not one.
    ("My cousin's on the allotment board. They vote on everything. I'm not on it.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I think it's great too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I wish I was on it.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I love that.", SHARED, {"other"}),
    ("My dad's on the committee there. They vote on everything.", SHARED, {"other"}),
    ("My uncle's in the darts club. They vote on everything.", SHARED, {"other"}),
    # The speaker's own still: relatives with the speaker ("my cousins and I").
    ("My cousins and I joined the choir. They vote on every song.", SHARED, {"affirmed"}),
]

# Review of stop 57: the sentence after the match says the speaker is in it only by being on it, in it, a member or
# joined, or going, sitting, helping, voting too, now; not a hope, a past, a refusal, or "too" about something else.
# Each of the first eleven read affirmed before the review's fix; the last four are read the speaker's as before.
JOINS_AFTER = [
    ("My cousin's on the allotment board. They vote on everything. I was going to join too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I was on it too, years back.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I'm thinking of joining too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I've asked to be a member too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I'm hoping to be on it too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I got turned down as a member.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I did apply too but heard nothing.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I have a plot too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I'm a bit jealous too.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I went as well, once.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. We were members too till it folded.", SHARED, {"other"}),
    ("My cousin's on the allotment board. They vote on everything. I sit on it too.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything. I'm on the board as well, mind.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything. And I'm a member, so I vote too.", SHARED, {"affirmed"}),
    ("My cousin's on the allotment board. They vote on everything. I've been on it two years.", SHARED, {"affirmed"}),
]

# Review of stop 57: a group's own doings and belongings ("the club night", "the group trip", "the club fees", "the
# committee minutes", "the club van") still name the group "they" takes up; only a place or a game ends the search
# ("the committee room", "the board games", above). Each read affirmed on the branch before the review's fix.
GROUPS_OWN_THINGS = [
    ("My sister runs the youth club night. They vote on everything.", SHARED, {"other"}),
    ("My cousin went on the youth group trip. They co-designed the whole itinerary.", DESIGN, {"other"}),
    ("My dad pays the club fees. They vote on everything.", SHARED, {"other"}),
    ("My nan reads the committee minutes. They vote on everything.", SHARED, {"other"}),
    ("My daughter drives the club van. They vote on everything.", SHARED, {"other"}),
]

PROBES = [*TAKEN_UP, *SPEAKERS_OWN, *NOT_A_GROUP, *STOP_57, *JOINS_AFTER, *GROUPS_OWN_THINGS]


@pytest.mark.parametrize(("text", "code", "expected"), PROBES)
def test_reference_across_sentences(text: str, code: str, expected: set[str]) -> None:
    assert _statuses(text, code) == expected


def test_a_study_reads_the_sentences_before_as_a_whole_text_does(tmp_path) -> None:
    """``Study.apply`` tokenises only the sentences around a hit: after "They" it takes the two before as well.

    A long turn, the hit far from its start, so the pre-filter cuts it into a piece: the sentences before the "they"
    must be in that piece for the study to read what the corpus script (the whole text) reads.
    """
    import qlr

    from .conftest import write

    filler = " ".join(f"The bus was late on day {n}." for n in range(1, 30))
    turn = f"{filler} My cousin's on the allotment board. They vote on everything. {filler}"
    path = write(tmp_path / "C1_W1_interview.txt", f"Interviewer: Tell me about it.\nAsha: {turn}\n")
    coded = qlr.load(path, progress=False).apply(qlr.read_codebook("coproduction"), progress=False)
    shared = coded.codings[coded.codings["code_id"] == SHARED]
    assert shared["assertion"].tolist() == ["other"]
    alone = _statuses(turn, SHARED)
    assert alone == {"other"}


@pytest.mark.parametrize(
    "core",
    [
        "My cousin's on the allotment board. Well — um — they vote on everything.",
        "My cousin's on the allotment board. And cos when they vote on everything it's loud.",
        "My cousin's on the allotment board. Well,um,they vote on everything.",
    ],
)
def test_a_study_reads_the_sentences_before_after_a_long_opening_run(tmp_path, core) -> None:
    """Fillers and clause breaks before "they", as chunks of their own or run together: the rules pass over any run of
    them, so the pre-filter must widen the piece there too (each of these read affirmed in a study and someone else's in
    the whole text before the review of stop 56)."""
    import qlr

    from .conftest import write

    filler = " ".join(f"The bus was late on day {n}." for n in range(1, 30))
    turn = f"{filler} {core} {filler}"
    path = write(tmp_path / "C1_W1_interview.txt", f"Interviewer: Tell me about it.\nAsha: {turn}\n")
    coded = qlr.load(path, progress=False).apply(qlr.read_codebook("coproduction"), progress=False)
    shared = coded.codings[coded.codings["code_id"] == SHARED]
    assert set(shared["assertion"]) == _statuses(turn, SHARED) == {"other"}
