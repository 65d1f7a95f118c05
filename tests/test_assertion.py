"""Assertion status (ConText for interview speech): each category, its scope, pseudo-triggers, precedence."""

from __future__ import annotations

import functools
import re

import pytest

from qlr.code._assertion import PRECEDENCE, STATUSES, AssertionRules, Rule, read_rules
from qlr.code._nlp import pipeline
from qlr.errors import CodingError


@pytest.fixture(scope="module")
def nlp():
    return pipeline()


@pytest.fixture(scope="module")
def rules(nlp):
    # The rules alone: the learned context model (tests/test_context_model.py) is tested on its own.
    return AssertionRules(nlp, model=False)


CASES = [
    # The issue's own examples, one per kind.
    ("Shared it equally? Hardly.", "shared it equally", "negated"),
    ("None of us gets a vote on that.", "gets a vote", "negated"),
    ("They never once asked what we thought.", "asked what we thought", "negated"),
    ("In an ideal world we'd run the rota.", "run the rota", "hypothetical"),
    ("Maybe one day they'll let us plan it.", "plan it", "hypothetical"),
    ("Back then we planned it with the staff.", "planned it with the staff", "historical"),
    ("My neighbour reckons they share skills over there.", "share skills", "other"),
    ("The coordinator told me about the time bank.", "time bank", "other"),
    ("Is that co-production, though?", "co-production", "question"),
    ("I turned the steering group down.", "steering group", "declined"),
    # More of each, in other words.
    ("We never decided anything together.", "decided anything together", "negated"),
    ("I don't have any say in it.", "any say", "negated"),
    ("Decided together, no.", "decided together", "negated"),
    ("Two-way, not really.", "two-way", "negated"),
    ("I hope we can run the group ourselves.", "run the group ourselves", "hypothetical"),
    ("If they let us, we ran it ourselves.", "ran it ourselves", "hypothetical"),
    ("We're going to set up a rota.", "set up a rota", "hypothetical"),
    ("We used to plan it together.", "plan it together", "historical"),
    ("We don't plan it together any more.", "plan it together", "historical"),
    ("Years ago the members ran the cafe.", "members ran the cafe", "historical"),
    ("My friend says the group is run by members.", "run by members", "other"),
    ("Apparently they swap skills at the other centre.", "swap skills", "other"),
    ("I read about a time bank in the paper.", "time bank", "other"),
    ("Do they ever ask us first?", "ask us first", "question"),
    ("I said no to the committee.", "committee", "declined"),
    ("They offered me a place on the board but I refused it.", "place on the board", "affirmed"),
    # Affirmed, including what only looks like a trigger.
    ("We run the rota ourselves now.", "run the rota", "affirmed"),
    ("We decide together, no?", "decide together", "affirmed"),
    ("We plan it together, don't we?", "plan it together", "affirmed"),
    ("No doubt we decide together.", "decide together", "affirmed"),
    ("If I'm honest, we run it ourselves.", "run it ourselves", "affirmed"),
    ("I'd say we share it equally.", "share it equally", "affirmed"),
    ("Back then staff decided, but now we plan it together.", "plan it together", "affirmed"),
    ("Do we share it equally? Yes, we do.", "share it equally", "affirmed"),
    ("We finally have a say in how it runs.", "how it runs", "affirmed"),
    ("No, we run it together now.", "run it together", "affirmed"),
    ("It's not only the staff, we run it together.", "run it together", "affirmed"),
    ("Gemma said I'm good with the difficult callers.", "good with the difficult callers", "affirmed"),
    ("I'm really used to that, we help each other.", "help each other", "affirmed"),
    ("They use what we say, which is different from last year.", "use what we say", "affirmed"),
    ("What she'd pay for it, the rent, the bills, and the sitting service.", "sitting service", "affirmed"),
    ("I'd call him a mate now.", "a mate", "affirmed"),
    ("I wouldn't say I'm deciding anything.", "deciding anything", "negated"),
    ("In return I do his time-credit log for him.", "time-credit log", "affirmed"),
    ("Back when Declan was in charge we planned it all.", "planned it all", "historical"),
]

SOMEONE_ELSE = [
    # Someone else opens the clause and the speaker is nowhere in the sentence.
    ("Bernadette chairs the Monday meeting these days.", "chairs the monday meeting", "other"),
    ("She got a vote on the budget, not me.", "got a vote", "other"),
    ("Declan got a vote, not us.", "got a vote", "other"),
    ("My cousin plans the whole programme.", "plans the whole programme", "other"),
    ("The older lads run the quiz.", "run the quiz", "other"),
    ("His mates share out the jobs.", "share out the jobs", "other"),
    ("Well, now he chairs it.", "chairs it", "other"),
    ("They sort the fixtures out between them.", "sort the fixtures out", "other"),
    # The speaker is in it, or "they" (in interviews, mostly the staff) is the subject.
    ("Bernadette and I chair the Monday meeting.", "chair the monday meeting", "affirmed"),
    ("She asked us to plan the programme.", "plan the programme", "affirmed"),
    ("Declan runs it with me now.", "runs it", "affirmed"),
    ("Declan chairs it, and I take the minutes.", "chairs it", "affirmed"),
    ("Bernadette and the members decide it together.", "decide it together", "affirmed"),
    ("They make all the rules.", "make all the rules", "affirmed"),
    ("Legend has it we share skills.", "share skills", "affirmed"),
    # A possessive inside the subject is not the speaker; the members' meeting is not the members.
    ("Declan chaired the last members' meeting.", "chaired the last", "other"),
]


@pytest.mark.parametrize(("text", "words", "expected"), SOMEONE_ELSE)
def test_someone_else_as_the_subject(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


# Someone else's and the past found from grammar, on wording no listed phrase covers
# (data/dev3). Each group fails without its rule; the second half of each group is
# what the rule must leave alone.
GRAMMATICAL = [
    # A reporting verb (say, tell, reckon, claim) whose subject is not the speaker.
    ("People there say the Thursday lot have started their own walking group.", "started their own walking group", "other"),
    ("The students tell me the chat groups are where the real support happens.", "real support", "other"),
    ("Everyone on the other site claims their students sit on the panels.", "sit on the panels", "other"),
    ("We say what goes in the course.", "what goes in the course", "affirmed"),
    ("No one ever claimed it was two-way.", "two-way", "negated"),  # a denial, not a report
    ("She tells us where the easels go.", "where the easels go", "affirmed"),  # an instruction, not a report
    ("Helen tells everyone I plan the sessions well.", "plan the sessions", "affirmed"),
    ("You could tell carers had been involved in shaping it.", "involved in shaping it", "affirmed"),  # "you" is the speaker
    ("Here is somebody saying you have got a skill.", "got a skill", "affirmed"),  # told to the speaker
    ("Members get a fair say each month on the budget.", "on the budget", "affirmed"),  # "say" the noun
    ("The forum has its say in the budget.", "in the budget", "affirmed"),  # no reported words follow
    # Hearsay passed on by the speaker, before or after what was heard.
    ("A few of the old students have set up their own group, from what I've heard.", "set up their own group", "other"),
    ("From what I hear, the trainers write the courses together.", "write the courses together", "other"),
    ("You hear about students who end up running courses.", "running courses", "other"),
    ("Students co-design every course, it said in the prospectus.", "co-design every course", "other"),
    # A passive whose agent is someone else, with the speaker nowhere in the sentence.
    ("The course was co-designed by people who have been through it.", "co-designed", "other"),
    ("The course was co-designed by me and Jude.", "co-designed", "affirmed"),
    ("The quiz is run by the older lads.", "run", "other"),
    ("The course was co-designed by the staff and us.", "co-designed", "affirmed"),
    ("It was a two-way thing by the end.", "two-way thing", "affirmed"),  # "by" without a participle
    # A clause opened by other people (a determiner and a person noun), the speaker nowhere in the sentence.
    ("The woman who runs the café gets paid sessional rates now.", "paid sessional rates", "other"),
    ("Half the trainers run their own groups now.", "run their own groups", "other"),
    ("The parents and the head sorted the rules out jointly.", "sorted the rules out jointly", "affirmed"),  # users: maybe the speaker's group
    ("The trainers co-design the courses with the staff.", "co-design the courses", "other"),
    ("The trainers co-design the courses with us.", "co-design the courses", "affirmed"),
    ("The course runs itself now, the rota is shared.", "rota is shared", "affirmed"),
    ("The lad from my course runs a walking group on Sundays.", "runs a walking group", "other"),
    # A sentence opened by "before"/"until" with a past form sets the match in the past.
    ("Before the merger we decided the whole programme together.", "decided the whole programme together", "historical"),
    ("Until we joined the trust, the curriculum group had the final say.", "had the final say", "historical"),
    ("Before the session starts we decide the plan together.", "decide the plan together", "affirmed"),
    ("Before the merger we decided it alone, now we plan it with Graham.", "plan it with graham", "affirmed"),
    # A past clause with "now" set against it after a comma or "but".
    ("In the first year we ran the café ourselves, now it's contracted out.", "ran the café ourselves", "historical"),
    ("We planned it all with the staff, but now they send it down from head office.", "planned it all", "historical"),
    ("Dom found out I do music, so now I do the beats session.", "found out i do music", "affirmed"),
    ("We did a feedback sheet, and they did one, today, so that was nice.", "feedback sheet", "affirmed"),
    ("The group was restructured as a programme, now on Tuesday mornings.", "restructured as a programme", "affirmed"),
    # A recent past time is the past only when the sentence sets it against now.
    ("Last spring the group had a real vote, this year it's more of a chat.", "had a real vote", "historical"),
    ("Last spring we decided to scrap the fee together.", "decided to scrap the fee together", "affirmed"),
    # "I think" is the speaker's opinion about someone else, not the speaker taking part.
    ("Maureen runs the rota, I think.", "runs the rota", "other"),
    ("Maureen runs the rota with me, I think.", "runs the rota", "affirmed"),
    ("Maureen asks what I think about the rota.", "asks what i think", "affirmed"),  # not a hedge
    # What was read, watched or heard in the media is someone else's, whoever read it.
    ("A report I read on a forum up north described service users who co-chair the board.", "co-chair", "other"),
    ("There was a piece on the radio about a garden where the volunteers decide everything together.", "decide everything together", "other"),
    ("I saw on Facebook that the members plan the menus themselves.", "plan the menus", "other"),
    ("The newsletter says the tenants sit on the panels now.", "sit on the panels", "other"),
    ("The leaflet says we decide together what the group does.", "decide together", "affirmed"),  # the speaker is in it
    ("We wrote the newsletter together and the members decide what goes in.", "decide what goes in", "affirmed"),  # their own
]


@pytest.mark.parametrize(("text", "words", "expected"), GRAMMATICAL)
def test_someone_elses_and_the_past_from_grammar(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


# Rules tuned on the tuning half of data/assertion-corpus (even ids), written here in
# other words. Each group fails without its rule; the second half of each group is
# what the rule must leave alone.
CORPUS_RULES = [
    # "my mum", "me cousin", "our Gareth": the speaker's relation or someone named, not the speaker.
    ("Our Gareth, he's on the panel now and he helps choose the new staff.", "helps choose", "other"),
    ("Our Bethan's the one who organises the coach trips.", "the one who organises", "other"),
    ("Me cousin runs the Friday quiz.", "runs the friday quiz", "other"),
    ("My nan, she ended up on the tenants' panel and she helped choose the new lift.", "helped choose", "other"),
    ("Our group runs the Friday quiz.", "runs the friday quiz", "affirmed"),
    ("My sister and I run the Friday quiz.", "run the friday quiz", "affirmed"),
    ("Our Bethan and me run the Friday quiz.", "run the friday quiz", "affirmed"),
    ("Our WhatsApp group decides it together.", "decides it together", "affirmed"),  # a name ends its phrase
    # More reporting verbs (inform, explain, assure, insist); after "to me by …", the report follows "that".
    ("The caretaker informs me that the tenants choose the contractors.", "tenants choose", "other"),
    ("It was explained to me by the chaplain that the families help set the visiting hours.", "help set", "other"),
    ("The caretaker informs me that I can help choose the contractors.", "help choose", "affirmed"),
    ("We explained to the manager that we help set the visiting hours.", "help set", "affirmed"),
    # A report named at the end of the sentence: "…, my neighbour tells me."
    ("The Polish ladies organise the Sunday cooking, my neighbour tells me.", "organise the sunday cooking", "other"),
    ("In town the clients help to choose the menu, my friend told me this.", "help to choose", "other"),
    ("We choose the contractor, my neighbour tells me.", "choose the contractor", "affirmed"),
    ("The ladies and me organise the Sunday cooking, my neighbour tells me.", "organise the sunday cooking", "affirmed"),
    # A past clause denied for now, in the sentence or in a short next one.
    ("We decided the prices ourselves once. Not these days.", "decided the prices", "historical"),
    ("We had a real say, the carers did, not like now.", "had a real say", "historical"),
    ("We chose the menu ourselves, but no noo.", "chose the menu", "historical"),
    ("We chose the menu once. Not the staff.", "chose the menu", "affirmed"),
    ("We choose the menu together. Not now though, it's winter.", "choose the menu", "affirmed"),
    # Rows: time phrases, hearsay, "going to" a place, "still".
    ("Once upon a time the members ran the shop themselves.", "ran the shop", "historical"),
    ("Years back we ran the allotment ourselves.", "ran the allotment", "historical"),
    ("We had a say in them days.", "had a say in", "historical"),
    ("In the early years we chaired the meetings.", "chaired the meetings", "historical"),
    ("When it first opened we chaired the meetings.", "chaired the meetings", "historical"),
    ("Under old management we chaired the meetings.", "chaired the meetings", "historical"),
    ("I understand from the newsletter that the parents plan the trips.", "plan the trips", "other"),
    ("The parents plan the trips, as I understand it.", "plan the trips", "other"),
    ("I've been going to the carers' group and we plan the trips together.", "plan the trips", "affirmed"),
    # "still" continues the past as often as it reaches now: no terminator.
    ("Back then we still ran the café ourselves.", "ran the café ourselves", "historical"),
    # "Before," alone is "in the past", whatever the tense after it.
    ("Before, we have a meeting and we choose the menu together, now the chef decides.", "choose the menu together", "historical"),
    ("Before the meeting we choose the menu together.", "choose the menu together", "affirmed"),
    # A name before a "co-" verb is its subject.
    ("Tamsin co-chairs the forum.", "co-chairs the forum", "other"),
    ("Tamsin and I co-chair the forum.", "co-chair the forum", "affirmed"),
    # A relative in the sentence is no one else's report when the speaker is in the match's clause.
    ("They asked what we need for my dad, and they listen to me now.", "they listen", "affirmed"),
    ("My dad says they listen now.", "they listen", "other"),
    # "Them boys from the estate, they run it": the pronoun takes up other people named before it.
    ("Them lads from the flats, they run the music studio with the youth worker.", "run the music studio", "other"),
    ("Them lads from the flats, they run the music studio with me.", "run the music studio", "affirmed"),
    # A past clause followed by its ending, in the sentence or the next one.
    ("Parents sat on the interview panel. That has since been scrapped.", "sat on the interview panel", "historical"),
    ("We chose the speakers, and then the council took it over.", "chose the speakers", "historical"),
    ("We chose the speakers, and it ended up brilliant.", "chose the speakers", "affirmed"),
    ("We decided it together, and the fee was scrapped.", "decided it together", "affirmed"),
    # A sentence opened by "when it began" sets the rest in the past, unless "now" or "but" cuts it.
    ("When the lunch club first opened, we chose the menu together.", "chose the menu together", "historical"),
    ("When the lunch club opens, we choose the menu together.", "choose the menu together", "affirmed"),
    ("When it first opened it was staff only, but now we choose the menu together.", "choose the menu together", "affirmed"),
    # A "when" clause in the past tense of "be" frames a state that held then; a recent time or an event does not.
    ("When Gwen was the warden we chose the outings ourselves.", "chose the outings", "historical"),
    ("When my lad was little I sat on the playgroup committee.", "sat on the playgroup committee", "historical"),
    ("When we were at the meeting on Tuesday we chose the outings.", "chose the outings", "affirmed"),
    ("When we were asked, we chose the outings ourselves.", "chose the outings", "affirmed"),
    ("When I was in hospital in March the group asked me what I needed.", "asked me what i needed", "affirmed"),
    ("When Gwen was the warden, now we choose the outings ourselves.", "choose the outings", "affirmed"),
    ("Back along we chose the outings ourselves.", "chose the outings", "historical"),
    # Endings after "then" or taking the arrangement up, standing bare; not "it's gone really well".
    ("We chose the outings together. Then the warden retired and that was that.", "chose the outings", "historical"),
    ("We chose the outings, but it all closed when the grant ran out.", "chose the outings", "historical"),
    ("We chose the outings together and it's gone really well.", "chose the outings", "affirmed"),
    ("We chose the outings together, then the warden retired.", "chose the outings", "historical"),
    ("We chose the outings together, then we went to the pub.", "chose the outings", "affirmed"),
    # A denied clause closing on "since"/"again", or "that was" with a past time, after a past clause.
    ("They asked us what we thought about the garden. Nobody's asked since.", "asked us what we thought", "historical"),
    ("We picked the colours, and they never asked us again.", "picked the colours", "historical"),
    ("We picked the colours, and they asked us again about the carpets.", "picked the colours", "affirmed"),
    ("We picked the colours. That was years ago now.", "picked the colours", "historical"),
    ("We had our say every week, but since the trust took it on, they send a timetable.", "had our say", "historical"),
    ("We chose the colours, since we know the place best.", "chose the colours", "affirmed"),
    ("We picked the colours. They stopped asking after the new manager came.", "picked the colours", "historical"),
    ("We picked the colours, then we stopped for a brew.", "picked the colours", "affirmed"),
    # "These days"/"nowadays" set against a past clause, in a later clause or opening the next sentence; not "Now …".
    ("We chose the menu ourselves, these days it's the chef.", "chose the menu", "historical"),
    ("At the old hall we chose the menu ourselves. These days it's the chef.", "chose the menu", "historical"),
    ("We chose the menu last week. Now we're planning the party.", "chose the menu", "affirmed"),
    ("We choose the menu ourselves. These days it's easy.", "choose the menu", "affirmed"),
    ("We chose the menu ourselves. Not any more.", "chose the menu", "historical"),
    ("We chose the menu ourselves. No, not last week.", "chose the menu", "affirmed"),
    ("We picked the colours. That was two years ago and we still pick them.", "picked the colours", "affirmed"),
    ("We picked the colours. That was a good day.", "picked the colours", "affirmed"),
    # Relatives in everyday words, places elsewhere, "initially".
    ("Our kid runs the Friday quiz.", "runs the friday quiz", "other"),
    ("Me mam chairs the forum.", "chairs the forum", "other"),
    ("The missus chairs the forum.", "chairs the forum", "other"),
    ("The missus and me chair the forum.", "chair the forum", "affirmed"),
    ("In the other branch the volunteers run the shop.", "run the shop", "other"),
    ("Initially we chose the speakers ourselves.", "chose the speakers", "historical"),
    # An offer or a wish the sentence says was taken up is the speaker's own.
    ("The warden asked me, would I help choose the carpets, and I did.", "help choose", "affirmed"),
    ("We wanted to run the quiz ourselves, so we did, every Friday.", "run the quiz", "affirmed"),
    ("The warden asked me, would I help choose the carpets.", "help choose", "hypothetical"),
    ("We'd love to run the quiz ourselves, and I did ask.", "run the quiz", "hypothetical"),
    # "They" taking up someone else named earlier in the sentence (tuned on both corpora's tuning halves).
    ("My brother's girlfriend helps at the youth club, they vote on the trips.", "vote", "other"),
    ("The older lads go on Fridays, they plan the trips together.", "plan the trips together", "other"),
    ("My brother helps at the youth club with me, they vote on the trips.", "vote", "affirmed"),
    ("I help at the youth club, they vote on the trips.", "vote", "affirmed"),
    ("Tom's welcome, but they come as guests.", "as guests", "affirmed"),
    # More relatives and colleagues as subjects.
    ("My grandma and her pals voted on the outings.", "voted", "other"),
    ("A colleague of mine chairs the tenants' forum.", "chairs the tenants' forum", "other"),
    ("My grandma and me voted on the outings.", "voted", "affirmed"),
    # Somewhere else opening the sentence.
    ("Down in Plymouth, mind, the tenants have a say in the repairs.", "have a say", "other"),
    ("Up in the hall we have a say in the repairs.", "have a say", "affirmed"),
    ("I worked on a scheme down in Plymouth, and the tenants have a say in the repairs.", "have a say", "affirmed"),
    # Seen or read in the media.
    ("Saw on Instagram a youth club where the members run the tuck shop.", "run the tuck shop", "other"),
    ("I read in the local paper that a pantry lets the members decide the stock.", "decide the stock", "other"),
    ("We run the tuck shop and put the prices on Instagram.", "run the tuck shop", "affirmed"),
    # Someone introduced by "there's a …" and told of; the speaker only in the description.
    ("There's a lad in my street who chairs the tenants' forum.", "chairs the tenants' forum", "other"),
    ("There's a lady at the centre who chairs the forum with me.", "chairs the forum", "affirmed"),
    # The next sentence names where it was heard.
    ("The church ladies pick the stock. Heard that from the vicar.", "pick the stock", "other"),
    ("We pick the stock ourselves. I heard that's rare.", "pick the stock", "affirmed"),
    # "Them lot", and "between 'em".
    ("Them lot at the garage plan the rota.", "plan the rota", "other"),
    ("Them lot at the garage plan the rota with us.", "plan the rota", "affirmed"),
    # An "-ing" clause without a subject takes up someone else named before it.
    ("She's on the board now, my niece, helping pick the new manager.", "helping pick", "other"),
    ("I'm on the board now, with the vicar, helping pick the new manager.", "helping pick", "affirmed"),
    # "Sure" opening a sentence is a filler: the subject after it is still found.
    ("Sure she runs the quiz now, herself and the vicar, they plan it together.", "plan it together", "other"),
    ("Sure we run the quiz now, herself and the vicar, they plan it together with us.", "plan it together", "affirmed"),
]


@pytest.mark.parametrize(("text", "words", "expected"), CORPUS_RULES)
def test_rules_tuned_on_the_assertion_corpus(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


# Rules over the turn (2026-12-03): a past account whose ending is told up to two sentences on, a sentence
# opened by someone described, and the next sentence setting the speaker apart ("Not for me").
TURN_RULES = [
    # A past role, its ending one or two sentences later, in several speaking styles.
    ("I did the tea urn on Sundays for a bit. Lovely crowd, then the hall shut. Gone.", "did the tea urn", "historical"),
    ("We ran the seed swap ourselves. Dead popular it was. Anyway they didn't want us anymore.", "ran the seed swap ourselves", "historical"),
    ("I was on the residents' panel. Three years, honestly. They stopped inviting us after the merger.", "residents' panel", "historical"),
    ("I helped out at the lunch club. It was grand. But the council no longer funds it.", "helped out", "historical"),
    ("Chaired the parents' forum. Loved it. Scrapped.", "chaired the parents' forum", "historical"),
    ("We painted the mural together, us and the kids. Took three weeks. Finished.", "painted the mural together", "affirmed"),
    # Lookalikes that stay the speaker's: a past told as this wave's news, without an ending of the account.
    ("They asked me what I thought of the leaflet. I said it was too long. They changed it. Good.", "asked me what i thought", "affirmed"),
    ("We decided the menu together last week. It was busy. Next month we do it again.", "decided the menu together", "affirmed"),
    ("I helped out at the lunch club. It was grand. I don't worry about the bus anymore, they pick me up.", "helped out", "affirmed"),
    ("I did the rota last month. The manager took over the costings after. Then she left. Gone.", "did the rota", "historical"),
    # "Before …" answered by a next sentence opened by "now", whatever the tense.
    ("Before the new warden, we are choosing the trips together. Now he decides, only him.", "choosing the trips together", "historical"),
    ("Before the merger, like, we all plan the gala between us. Nowadays it's the council.", "plan the gala between us", "historical"),
    ("Before the session I put the chairs out and we plan it together. Then we start.", "plan it together", "affirmed"),
    ("Before the session, now, we plan it together. Now and then the nurse joins.", "plan it together", "affirmed"),
    # Someone else stopping is not the end of the speaker's account.
    ("Nobody asked us. The group was put on pause. And Elaine's stopped coming altogether.", "asked us", "negated"),
    ("We planned the trip ourselves. It was brilliant. My friend stopped coming though, she moved.", "planned the trip ourselves", "affirmed"),
    # The present, or an ending three sentences on (outside the window), stays the speaker's.
    ("I run the seed swap now. It's grand. Then home. Gone.", "run the seed swap", "affirmed"),
    ("I ran the seed swap last month. It's grand. Then home. Gone.", "ran the seed swap", "affirmed"),
    # A sentence opened by someone described, the speaker nowhere in it: every clause is theirs.
    ("My sister's lad goes to the youth club in Leeds, and the young ones there run the tuck shop.", "run the tuck shop", "other"),
    ("Our Bernie's mob at the allotments, proper democratic, everything put to a vote.", "put to a vote", "other"),
    ("His cousin's at the uni in Cork and the students there co-design the modules with staff.", "co-design", "other"),
    # ... not with the speaker in the sentence, not a name or "she", not the staff or a relative's staff.
    ("My sister came along with me, and we all decided the menu together.", "decided the menu together", "affirmed"),
    ("Maureen's on the committee, and they decide everything together.", "decide everything together", "affirmed"),
    ("The manager's lovely, proper listening, always has time.", "listening", "affirmed"),
    ("My husband's key worker is good, really listens.", "listens", "affirmed"),
    # The next sentence setting the speaker apart, the speaker not in the match's clause.
    ("The allotment lot share out the seeds and tools between them. Not for me, all that digging.", "share out", "other"),
    ("The young mums have set up their own group, they run it themselves. Good for them.", "run it themselves", "other"),
    ("There's a residents' committee, they vote on the budget. I'm not really into all that.", "vote on the budget", "other"),
    ("We share out the seeds and tools between us. Not for me, the digging, I do the watering.", "share out", "affirmed"),
    # ... or a later clause of the same sentence ("it's" aside), the speaker nowhere else in it.
    ("A few of the lads set up their own darts league, good luck to them.", "set up their own", "other"),
    ("The young mums at the centre have their own committee now, good for them.", "their own committee", "other"),
    ("I set up our own darts league, and it's not for me to say who plays.", "set up our own", "affirmed"),
    # The sentence after next, when the next one is not the speaker's own either.
    ("There's a five-a-side on Fridays, they pick the teams themselves. Every week, rain or shine. Not for me, all that running.", "pick the teams themselves", "other"),
    ("Folk round the estate swap veg in the group chat. My nan's on it. I'm not really, I'm only sixteen.", "swap veg", "other"),
    ("There's a five-a-side on Fridays, they pick the teams themselves. I do the oranges at half-time. Not for me, the running.", "pick the teams themselves", "affirmed"),
    # ... and a wish or a denial before it stays what it was.
    ("It'd be nice to have a say in the routes one day. I'm not on it, the forum.", "have a say", "hypothetical"),
]


CORPUS_3_RULES = [
    # A simple past over a span of years is a period that is over; the perfect, "still" or a span to now is not.
    ("For a couple of decades I ran the bingo at the hall.", "ran the bingo", "historical"),
    ("During my first three years there I sat on the user panel.", "sat on the user panel", "historical"),
    ("Me and our Jean did the raffle for donkey's years, picked the prizes and all.", "did the raffle", "historical"),
    ("I've chaired the tenants' forum for years, and we set the agenda between us.", "set the agenda between us", "affirmed"),
    ("I chaired the forum for years and I still do.", "chaired the forum", "affirmed"),
    ("I ran the quiz for the last five years.", "ran the quiz", "affirmed"),
    ("It is funded by the trust for three years, and we decided how to spend it.", "decided how to spend it", "affirmed"),
    ("They asked me what I thought, because the council had been promising a ramp for years.", "asked me what i thought", "affirmed"),
    # The span standing as a sentence of its own after the past (corpus 6's tuning half: "I ran the Tuesday group. Three years.").
    ("I ran the Tuesday group. Three years. It stopped last spring.", "ran the tuesday group", "historical"),
    ("We picked the films together. Ten year, near enough.", "picked the films together", "historical"),
    ("We chose the menu together. Three years ago.", "chose the menu together", "historical"),
    ("We pick the films together. Ten years.", "pick the films together", "affirmed"),
    ("We picked the films together last week. Two of us.", "picked the films together", "affirmed"),
    ("We picked the films together. Three years I've done it.", "picked the films together", "affirmed"),
    # A beginning or recent news: the span is how long it has run or was waited for (a reviewer's probes).
    ("I joined the time bank. Two years ago.", "time bank", "affirmed"),
    ("We finally got a vote on the menu this week. Three years.", "vote", "affirmed"),
    ("I finally got a sitter last week. Two years!", "a sitter", "affirmed"),
    # An arrangement said to have ended by a noun of its own in a later sentence; not an event's end, not after recent news.
    ("I sat on the bus users' panel and we picked the routes. The panel was disbanded when the funding went.", "picked the routes", "historical"),
    ("We ran the repair café ourselves. Then the grant ended and that was it.", "ran the repair café ourselves", "historical"),
    ("We chose the films as a group. It all fizzled out after the hall was sold.", "chose the films as a group", "historical"),
    ("We picked the routes together. The session ended at four.", "picked the routes together", "affirmed"),
    ("We picked the routes together last week. The meeting was cancelled because of the rain.", "picked the routes together", "affirmed"),
    # The quotative "like" after someone else: the "we" after it is the quoted person's.
    ("My sister's always like, we decided this, we voted on that.", "we voted on", "other"),
    ("He was like, we run it ourselves now, no staff.", "run it ourselves", "other"),
    ("It's like, we run it ourselves now, no staff.", "run it ourselves", "affirmed"),
    ("I was like, we run it ourselves, so get used to it.", "run it ourselves", "affirmed"),
    ("She's like family to us, we run it ourselves.", "run it ourselves", "affirmed"),
    # The speaker later denying being there, or saying they only heard of it, the match's clause not theirs.
    ("The tenants on the top floor decide the garden budget together. I'm not on that group myself.", "decide the garden budget together", "other"),
    ("Apparently the parents there voted on the new kit. I wasn't there, I was working.", "voted on", "other"),
    ("The members vote on everything, I don't go to the meetings though.", "vote on everything", "other"),
    ("Some of the mums set up their own rota, I only heard that from the nurse.", "set up their own rota", "other"),
    ("The lads at the other gym run their own league. Fair enough. I heard about it from my cousin.", "run their own league", "other"),
    ("We vote on everything. I'm not on the committee, mind.", "vote on everything", "affirmed"),
    ("Staff asked my opinion on the menu. I'm not part of the planning.", "asked my opinion", "affirmed"),
    ("The staff ask what we want. I'm not going to complain.", "ask what we want", "affirmed"),
    ("They always listen to the volunteers. I'm not in a rush to leave.", "listen to", "affirmed"),
    ("We pick the stories ourselves. I heard about it from the nurse first.", "pick the stories ourselves", "affirmed"),
    ("They listen to the carers now. I heard the manager say so.", "listen to", "affirmed"),
]


# The speaker's own past that has ended (issue 15 item 1), from the three corpora's tuning halves.
PAST_ENDED_RULES = [
    # A clause with no verb of its own takes the tense of the clause before it.
    ("We ran the swap shop ourselves, no staff, just a kettle. Then the council scrapped it.", "no staff", "historical"),
    ("I sat on the panel for a bit, me and two other mums, picking the speakers. The panel was disbanded when the money went.", "me and two other mums", "historical"),
    ("We run the swap shop ourselves, no staff, just a kettle. Then the council scrapped it.", "no staff", "affirmed"),
    ("We ran the swap shop ourselves, but we have a coordinator now, no staff as such. Then the council scrapped it.", "no staff as such", "affirmed"),
    ("We chose the colours last week, no staff. The meeting was cancelled.", "no staff", "affirmed"),
    # A sentence opened by its first years or months, ended later in the turn, in any tense.
    ("In the first year we choose the books together. Then I get a job and I can't come anymore.", "choose the books together", "historical"),
    ("The first few months they ask me to help with the teas. Then they move it to Sundays, so I stop.", "ask me to help", "historical"),
    ("The first year they ask me to help with the teas. Then we stop for lunch.", "ask me to help", "affirmed"),
    ("The first year they ask me to help with the teas, and I still help every week. Then we stop for a cuppa, so we stop.", "ask me to help", "affirmed"),
    ("First time in my life somebody asks me what I think. Then I stop and think.", "asks me what i think", "affirmed"),
    ("First week of every month we decide the menu together. Then we stop.", "decide the menu together", "affirmed"),
    ("In the first year we choose the books together. Then we read them aloud and talk.", "choose the books together", "affirmed"),
    # A past account followed by a sentence opened by "Then" telling a change in the past.
    ("We picked the books together. Then the library lost its funding and the group went with it.", "picked the books together", "historical"),
    ("I sat on the panel and we picked the staff. Then I got a job and I couldn't make the meetings.", "picked the staff", "historical"),
    ("We ran the quiz ourselves. Then my husband got poorly and I never went back.", "ran the quiz ourselves", "historical"),
    ("They asked me what I thought about the leaflet. Then they changed it, and it went out to everyone.", "asked me what i thought", "affirmed"),
    ("They asked us what we wanted on the menu. Then the new cook made it, lovely it was.", "asked us what we wanted", "affirmed"),
    ("They asked us what we wanted on the menu. Then we didn't have enough eggs, so we made biscuits.", "asked us what we wanted", "affirmed"),
    ("They asked us what we wanted on the menu. Then Joan left early, so I did the washing up.", "asked us what we wanted", "affirmed"),
    ("We picked the books together last week. Then the library lost its funding.", "picked the books together", "affirmed"),
    ("We pick the books together. Then the librarian leaves and we never see her till the end.", "pick the books together", "affirmed"),
    ("We kept the accounts ourselves. Then the mosque took the finances back in-house and we weren't needed.", "kept the accounts ourselves", "historical"),
    ("We decided the routes ourselves. Then nobody wanted to go home, it was that good.", "decided the routes ourselves", "affirmed"),
    ("We decided the routes ourselves. Then nobody asked for a lift, so we walked.", "decided the routes ourselves", "affirmed"),
    ("We decided the routes ourselves. Then Joan left, and we tidied up.", "decided the routes ourselves", "affirmed"),
    ("She asked if I'd help plan it. Then she sent me the bid, and it went over my head.", "asked if i'd help", "affirmed"),
    ("We ran the splash session ourselves. Then the trust took it over.", "ran the splash session ourselves", "historical"),
    ("We ran the quiz ourselves. Then I got a job", "ran the quiz ourselves", "historical"),  # a turn ending without a full stop
    ("We chose the prizes together. Then the hall closed for repairs and we met in the pub.", "chose the prizes together", "affirmed"),
]


# From the tuning half of data/assertion-corpus-4 (2026-12-03), written here in other words;
# the lookalikes after each group must stay as they are.
CORPUS_4_RULES = [
    # Others named as the ones who did it.
    ("The families on the Beech estate, they're the ones got asked about the new play park.", "asked about", "other"),
    ("The young carers, it's them that plan the trips.", "plan the trips", "other"),
    ("We're the ones who plan the trips now.", "plan the trips", "affirmed"),
    ("They're the ones who ask me what I think.", "ask me what i think", "affirmed"),
    # A report whose addressee is followed by a comma; "that's what" before who said it.
    ("He tell me, the members choose the songs, not the conductor.", "choose the songs", "other"),
    ("The, the tutors, they, they decide everything, that's, that's what my neighbour says.", "they decide everything", "other"),
    ("He tell me, we can choose the songs ourselves.", "choose the songs ourselves", "affirmed"),
    ("We decide everything, that's what I say.", "decide everything", "affirmed"),
    # The person asked or listened to is someone else.
    ("My nan goes on Tuesdays. The staff ask her opinion on the menus now.", "ask her opinion", "other"),
    ("My uncle is blind, and the befrienders asked him to help train the new volunteers.", "asked him to help", "other"),
    ("They asked me to help train the new volunteers.", "asked me to help", "affirmed"),
    ("They asked him and me to help train the new volunteers.", "asked him and me to help", "affirmed"),
    # A past told in the narrative present, going on with "then" and its ending.
    ("So I'm running the Friday club, right, we're planning it together, it's going great, then the church wants the hall back and that's that.", "planning it together", "historical"),
    ("So there I am, sorting the rota with the staff, and then the new manager comes in and that's me done.", "sorting the rota with the staff", "historical"),
    ("So I'm on the committee, choosing the speakers, then my knee goes. Haven't been back since.", "choosing the speakers", "historical"),
    ("We talk it through, then we vote and that's that.", "vote", "affirmed"),
    ("Now they ask me what I think, and then they do what they like anyway. Haven't been back since Easter.", "ask me what i think", "affirmed"),
    ("I help run the session, then I go home.", "help run the session", "affirmed"),
    ("We plan the trips together, then the staff book them and that's that.", "plan the trips together", "affirmed"),  # a routine
    ("I chair the meeting every week, then we have tea. I haven't been back to my old job since.", "chair the meeting", "affirmed"),
    # Media: the speaker's own report, a local group, "reports" as a verb.
    ("In my report to the board I said the members decide everything.", "decide everything", "affirmed"),
    ("Reading in the local group, the members decide the books together.", "decide the books together", "affirmed"),
    ("Everyone reports about it, the tenants choose the contractor.", "choose the contractor", "affirmed"),
    ("I read in the local paper that the members decide everything.", "decide everything", "other"),
]


# Stop 42's rules, from the tuning halves of corpora 6 and 7, with the lookalikes each must leave alone.
CORPUS_7_RULES = [
    # Someone else's words in quotation marks: "we" and "I" inside them are the quoted person's.
    ("My sister's forever going, 'we run the whole fete ourselves.'", "run the whole fete ourselves", "other"),
    ("'We pick the films together,' that's what Dorota told the funder.", "pick the films together", "other"),
    ("'We plan every walk together,' he said, and off he went.", "plan every walk together", "other"),
    ("The warden goes 'you lot decide the menu', and he means it.", "decide the menu", "affirmed"),  # words to the speaker
    ("I said to the manager, 'we plan every walk together now.'", "plan every walk together", "affirmed"),  # the speaker's own words
    ("We plan every walk together, it's the best bit.", "plan every walk together", "affirmed"),
    ("I helped plan the walks an' that, we plan 'em together.", "helped plan", "affirmed"),  # apostrophes, no quotation
    ("'We plan the bus trips together,' Dave told the paper.", "plan the bus trips together", "other"),
    ("Our chair told the council, \"we decide together here.\"", "decide together", "other"),
    ("My daughter-in-law goes, 'we run the whole fete ourselves.'", "run the whole fete ourselves", "other"),
    ("Brenda said, 'we decide together,' but she doesn't.", "decide together", "other"),
    ("I told the council, \"we decide together here.\"", "decide together", "affirmed"),
    ("Dave says to me, \"we run it together, you and me,\" and he's right.", "run it together", "affirmed"),
    # An account said to be over, after a past clause; a present one taken back into the past.
    ("I helped plan the fun day every year. Those days are long gone, mind.", "helped plan", "historical"),
    ("I helped plan the fun day. That's finished, thank God, it's all printed.", "helped plan", "affirmed"),  # a task done
    ("We decided together to scrap the paper rota. Those days are gone, it's all on the phone now.", "decided together", "affirmed"),
    ("I helped plan the gala with the council. Council cancelled the fireworks, mind.", "helped plan", "affirmed"),  # not the match's
    ("I sat on the tenants' panel about the lifts. Panel ended, we all went home.", "sat on the tenants' panel", "affirmed"),  # a meeting
    ("I run the seed swap with Gill. I did till five o'clock today, then Jean took over.", "run the seed swap", "affirmed"),
    ("I sit on the parish panel. We did, till midnight once, on the budget.", "sit on the parish panel", "affirmed"),
    ("Last summer I choose the routes. Now I'd never miss a walk.", "choose the routes", "affirmed"),
    ("I sit on the grants panel. People think I'd be sick of it by now. Not.", "sit on the grants panel", "affirmed"),
    ("From next month's rota, which I helped plan, you can see who's on.", "helped plan", "affirmed"),
    ("It isn't that I don't have a say, it's that nobody listens.", "have a say", "affirmed"),
    ("I sat on the allotment panel for a bit, helped choose the plots. That's a while since.", "helped choose", "historical"),
    ("I sat on the tenants' panel through the rebuild. Panel folded after, mind.", "sat on the tenants' panel", "historical"),
    ("We chose the plots together last week. The meeting ended at nine.", "chose the plots together", "affirmed"),  # this wave's news
    ("I run the seed swap with Gill. Well, I did, till my hip went.", "run the seed swap", "historical"),
    ("I run the seed swap with Gill. I did before the group started, too.", "run the seed swap", "affirmed"),
    ("I keep myself to myself now. Like I used to.", "keep myself to myself", "affirmed"),
    ("I run the rota. I did, and I still do.", "run the rota", "affirmed"),
    # A contrast trigger answered by the next sentence's ending or denial.
    ("Last winter I choose the routes for the walkers. This year the group is closed.", "choose the routes", "historical"),
    ("Last month we planned the trip. Now we're running it.", "planned the trip", "affirmed"),
    # Irony: a sentence that is only "Not."
    ("Oh, they're always asking what we think. Constantly. Not.", "asking what we think", "negated"),
    ("They ask what we think. Not always, but mostly.", "ask what we think", "affirmed"),
    # A double negative in one breath; hearsay set off by commas; a present set in the future by its start.
    ("I don't not have a say, I just pick my battles.", "have a say", "affirmed"),
    ("It's not like we don't have a say in it.", "have a say", "affirmed"),
    ("I don't have a say in it.", "have a say", "negated"),
    ("The older members, I understand, now sit on the board with the trustees.", "sit on the board", "other"),
    ("From next month I run the Tuesday group myself.", "run the tuesday group", "hypothetical"),
]

STOP_43_RULES = [
    # The speaker only as the one told a report: "she tells me" is no part in what she tells.
    ("The woman next door, she sits on the tenants' panel, she tells me they pick the contractors.", "sits on the tenants' panel", "other"),
    ("My neighbour sits on the residents' panel and she tells me all about it.", "sits on the residents' panel", "other"),
    ("She tells me I'm good at planning the sessions.", "planning the sessions", "affirmed"),  # the report is about the speaker
    ("Priya asks me to chair the meeting.", "asks me to chair", "affirmed"),
    ("Gill sits on the panel and she tells us where to sit.", "sits on the panel", "affirmed"),  # an instruction: the speaker there
    ("The allotment volunteers choose the seeds together, my neighbour tells me.", "choose the seeds together", "other"),
    ("We volunteers choose the seeds together, my neighbour tells me.", "choose the seeds together", "affirmed"),
    # A decade of the last century; not the speaker's age.
    ("I chaired the darts league through the seventies and eighties.", "chaired", "historical"),
    ("In the 90s I chaired the darts league.", "chaired", "historical"),
    ("I'm in my eighties and I chair the darts league.", "i chair the", "affirmed"),
    # English's irregular past forms read as past: "drew", "spent", "brought"; "Later" opening a change as "Then" does.
    ("We drew up the footpath plan together. Then the council took it over.", "drew up the footpath plan", "historical"),
    ("We planned the walks together. Later the council took it over.", "planned the walks together", "historical"),
    ("Before the June meeting we spent an hour planning the agenda together.", "planning the agenda", "affirmed"),
    ("Before the takeover we drew up the budget together.", "drew up the budget", "historical"),
    # "This year" answering "last summer" with an arrangement that finished; a task finished and what follows is news.
    ("Last summer I earned time credits at the lunch club. This year the scheme finished.", "time credits", "historical"),
    ("Last month we planned the trip. Now it's finished and we're off on Friday.", "planned the trip", "affirmed"),
    # Quotation marks opening a later sentence (the sentencizer leaves them on the sentence before); words named as words.
    ("Pat came round after. 'We choose the exhibitions,' she said.", "choose the exhibitions", "other"),
    ("The director signs it all off. 'We decide together' is on the poster, not in the room.", "decide together", "other"),
    ("'We decide together' is what we say, and we do.", "decide together", "affirmed"),
    # Who told it, a sentence on; relatives in groups; the speaker only a witness; a refusal said as an idiom.
    ("The volunteers plan the sessions together. That's what Alan tells me anyway.", "plan the sessions together", "other"),
    ("The volunteers plan the sessions together. Or so my sister says.", "plan the sessions together", "other"),
    ("We plan the sessions together. That's what I told the manager.", "plan the sessions together", "affirmed"),
    ("The volunteers plan the sessions together. That's what I like about it.", "plan the sessions together", "affirmed"),
    ("The other grannies show her how to do it, they help each other.", "help each other", "other"),
    ("Me and the other mums help each other.", "help each other", "affirmed"),
    ("I was stood in the yard when the youngsters planned the whole route together.", "planned the whole route together", "other"),
    ("I was there when we decided it together.", "decided it together", "affirmed"),
    ("They asked me to chair the meeting, I said not on your nelly.", "asked me to chair", "declined"),
    # Narrowed after a reviewer's probes: a report the speaker bears out; a decade describing a thing or joined to
    # another clause; "before" an occasion; a task "finally finished"; a change the account outlives.
    ("It's a proper two-way thing. That's what my wife says and she's right.", "two-way", "affirmed"),
    ("I help out in the 60s group and we plan the sessions together.", "plan the sessions together", "affirmed"),
    ("We still sing songs written in the sixties and everyone has a say in which.", "has a say", "affirmed"),
    ("Staff stepped back in the nineties and we've run it ourselves ever since.", "run it ourselves", "affirmed"),
    ("Before the meeting we spent an hour deciding together what to ask.", "deciding together", "affirmed"),
    ("Last spring we planned the garden together. This year it's finally finished.", "planned the garden together", "affirmed"),
    ("We planned the outings together. Then Joan sold her car, but we still plan them.", "planned the outings together", "affirmed"),
]


# From the tuning halves of corpora 8 and 9 (stop 44), written here in other words, with what each must leave alone.
STOP_44_RULES = [
    # Rumours stay someone else's words even when they name the speaker's group; "their word is law" is no rumour.
    ("Rumour has it they share decisions over in Leeds.", "share decisions", "other"),
    ("Rumour has it they'll let us run the rota ourselves.", "run the rota ourselves", "other"),
    ("The last word is ours, we decide together what goes on the menu.", "decide together", "affirmed"),
    ("Their word is law, they never ask us.", "never ask", "affirmed"),
    # Hearsay set off by commas.
    ("In Kendal, so I've read, the tenants and the board decide on repairs together.", "decide on repairs together", "other"),
    # An offer sent on to someone else, the whole next sentence.
    ("They asked me to chair it. I told them to find someone younger.", "asked me to chair", "declined"),
    ("I chair it now. I told them to find someone to take the minutes.", "i chair it", "affirmed"),
    ("I've chaired it for six years and I told them to find someone younger.", "chaired", "affirmed"),
    # The speaker apart from what others did: not a member, only hearing of it.
    ("The dads started their own football evening. I only hear about it from the mums.", "started their own", "other"),
    ("Some of the borrowers set up a repair crew with no staff. Looked good, I never joined.", "no staff", "other"),
    ("People keep saying they helped design the new app. Not me, I only came last month.", "helped design", "other"),
    ("The mums set up their own group. I joined last year and I love it.", "set up their own", "affirmed"),
    ("It's Ewan that co-runs the Tuesday group now. Not me, I just turn up.", "co-runs", "other"),
    ("The mums set up a group chat. I never joined at first, but I'm in it now.", "group chat", "affirmed"),
    # A plan named as only a plan.
    ("When the course ends we will keep meeting to support each other. This is the plan.", "support each other", "hypothetical"),
    ("We support each other every week now. That's the plan for the summer, and we've started.", "support each other", "affirmed"),
    # Where someone else said something.
    ("Someone in the group chat said the carers in Hull get credits.", "group chat", "other"),
    ("On the group chat someone said they make you look for work anyway.", "group chat", "other"),
    ("On the group chat we said no to the new times.", "group chat", "affirmed"),
    ("Everyone in the group chat said yes, me included.", "group chat", "affirmed"),
    # "Used to be." as a sentence of its own; not a comparison.
    ("We had a vote on the menus. Used to be.", "vote", "historical"),
    ("We have a say. Used to be better.", "have a say", "affirmed"),
    ("There's no staff in it now. Used to be.", "no staff", "affirmed"),
    # Someone else set doing it.
    ("The network got her volunteering on the treasurer side.", "volunteering", "other"),
    ("They got me volunteering at the food bank.", "volunteering", "affirmed"),
    ("Claire's got her targets, I've got my timetables.", "targets", "affirmed"),
    ("The manager put him on the steering group.", "on the steering group", "other"),
    ("We ran the cafe ourselves. They don't need us anymore.", "ran the cafe ourselves", "historical"),
    ("The magic word is please, and I help out whenever I'm asked.", "help out", "affirmed"),
    ("I'm on the steering group, so I've read the report.", "on the steering group", "affirmed"),
]


# From corpus 9's tuning half (stop 45), in other words: a next sentence saying the speaker has never heard of it.
STOP_45_RULES = [
    ("A repair café? Never heard of one.", "repair café", "negated"),
    ("Peer mentors. I've not even heard of them, to be honest.", "peer mentors", "negated"),
    ("Peer mentors. Never heard of them until the nurse mentioned it.", "peer mentors", "affirmed"),
    ("We have peer mentors now. I'd never heard of them before.", "peer mentors", "affirmed"),
    # From corpus 10's tuning half: an offer handed on or swapped in the next two sentences.
    ("The warden asked me to lead the walk. Gave it to Priya, she knows the paths.", "asked me to lead", "declined"),
    ("They invited me to join the panel. Not my thing. I sent my daughter instead.", "invited me", "declined"),
    ("The trust asked if I'd speak at the launch. Hard pass.", "asked if I'd speak", "declined"),
    ("The club wanted me on the committee. I've done my bit; give it to one of the new parents.", "on the committee", "declined"),
    ("They asked me to lead the walk. I gave it a go and now I lead it every week.", "asked me to lead", "affirmed"),
    ("They asked me to lead the walk. She gave it to Priya in the end.", "asked me to lead", "affirmed"),
    ("I lead the walk now. Gave it to Priya for a week when my knee went.", "lead the walk", "affirmed"),
    # A role the speaker told in the past, then handed on: the past has ended.
    ("I sat on the tenants' board for two years. Handed it on when we moved flats.", "sat on the tenants' board", "historical"),
    ("We chaired the forum in turns. Then I passed the reins over to Dev.", "chaired", "historical"),
    ("I sit on the tenants' board. Handed it over to Dev for a month when I was ill.", "sit on the tenants' board", "affirmed"),
    # Edges a reviewer's probes found, each left alone now.
    ("We've got a befriending service now. Never heard of it though.", "befriending", "affirmed"),
    ("I volunteer at the pantry with a church lot from Hull. Never heard of them, mind.", "volunteer at the pantry", "affirmed"),
    ("The warden asked me for my views on the route. Gave them to her on a postcard.", "asked me for my views", "affirmed"),
    ("They asked me to give a talk to the nurses. Gave it to them on Thursday and it went well.", "asked me to give", "affirmed"),
    ("They asked me to bake for the fete. Sent a fruit loaf instead of scones.", "asked me to bake", "affirmed"),
    ("They asked me to chair and I said yes. Gave it to Dev once when I was away.", "asked me to chair", "affirmed"),
    ("They asked me to chair. Gave it to Dev? Not likely.", "asked me to chair", "affirmed"),
    ("I run the shop on Mondays and they asked me to do Saturdays. Gave it to Jo.", "run the shop", "affirmed"),
    ("I chaired the forum in spring. Handed it over to Dev for the summer, I'm back in September.", "chaired", "affirmed"),
    ("I helped at the lunch club the year I stopped drinking. Gave it up for good that year.", "helped at the lunch club", "affirmed"),
    ("I led the walk. Gave it up? Never.", "led the walk", "affirmed"),
]

STOP_46_RULES = [
    # From corpus 11's tuning half: a thing wanted, or pushed and fought for, is a thing not had yet.
    ("We want a vote on the committee.", "vote", "hypothetical"),
    ("We're fighting for a vote on the budget, the tenants' association is.", "vote", "hypothetical"),
    ("We got a vote on the committee.", "vote", "affirmed"),
    ("Whatever we want, we vote on it.", "we vote", "affirmed"),
    # A reviewer's probes: the wish reaches the thing wanted only (the next word; two after "for"), and anyone's wish is a habit's condition.
    ("I want a cuppa, we vote on everything here.", "we vote", "affirmed"),
    ("We want more members because we run the whole thing ourselves now.", "we run the whole", "affirmed"),
    ("I'm the one pushing for change, I chair the forum now.", "I chair the forum", "affirmed"),
    ("Whenever someone wants a change we vote on it at the meeting.", "we vote", "affirmed"),
    ("Anyone who wants a say gets a vote, that's how we run it.", "vote", "affirmed"),
    # The merged change's review: a habit's condition, "when we want a …", leaves what the group does its own.
    ("When we want a trip we organise it ourselves.", "we organise it ourselves", "affirmed"),
    ("Whenever we want a change we vote on it.", "we vote", "affirmed"),
    # Left: the words wanted further on than two ("The federation wants a seat on the committee, with a real vote").
    ("The federation wants a seat on the committee, with a real vote.", "vote", "affirmed"),
]

STOP_47_RULES = [
    # Last stop's leftovers: the trigger's article is the match's first word ("want a" + "a real say"), one word
    # between article and thing wanted, the wish put first ("All we want is"), needed, asked for or demanded.
    ("We want a real say in the budget.", "a real say", "hypothetical"),
    ("The tenants want a proper vote on the committee.", "vote", "hypothetical"),
    ("All we want is a vote on the committee.", "vote", "hypothetical"),
    ("We need a vote on the committee.", "vote", "hypothetical"),
    ("We are asking for a vote on the committee.", "vote", "hypothetical"),
    ("We're demanding a real say.", "a real say", "hypothetical"),
    # A need that is a habit's condition, and a thing had, stay affirmed.
    ("When we need a vote, we take it at the Tuesday meeting.", "vote", "affirmed"),
    ("We have a real say in the budget now.", "a real say", "affirmed"),
    ("We don't need a manager, we vote on the committee ourselves.", "vote", "affirmed"),
    # Corpus 12's tuning half: a past refusal told in the present tense by a speaker of English as an additional language.
    ("They want me to sit on the council panel, with a vote. I say no, no, I have the shop to run.", "vote", "declined"),
    ("They asked me to join the committee with a vote. I say no thanks.", "vote", "declined"),
    # Without an offer a bare "I say no" answers a question; a "no" to something else goes on ("to the bus").
    ("Do we vote on it? I say no, the manager decides.", "we vote", "negated"),
    ("We vote on the trip. I say no to the bus, always too early.", "We vote", "affirmed"),
    # Corpora 11 and 12's tuning halves: a sentence opened by someone else's place is theirs unless the speaker takes part.
    ("At my grandson's primary in Croydon the parents helped design the new playground.", "helped design", "other"),
    ("At Lisa's place they vote on the trip.", "vote", "other"),
    ("Over at her place they vote on the trip.", "vote", "other"),
    ("At Lisa's place they let us vote on the trip.", "vote", "affirmed"),
    ("At my place we vote on the trip.", "we vote", "affirmed"),
    ("In Ann's view the members decide together.", "decide together", "affirmed"),
    ("Over in Ballina the users have a say in the timetable.", "have a say", "other"),
]

STOP_48_RULES = [
    # Last stop's leftover: a want or need of he, she, somebody or anybody opened by when, whenever or if is a habit's
    # condition too; without the condition it is still a wish, and someone else's.
    ("When she needs a lift, we sort it out between us.", "sort it out between us", "affirmed"),
    ("If somebody wants a vote, we would have to change the constitution so members decide together.", "decide together", "hypothetical"),
    ("When he wants a vote, we vote on it.", "vote", "affirmed"),
    ("Whenever anybody needs a hand, we sort it between us.", "sort it between us", "affirmed"),
    ("He wants a vote on the rota.", "vote", "other"),
    ("Somebody wants a vote on the rota, but the council never lets us have one.", "vote", "hypothetical"),
    ("Whenever she wants a vote we vote on it together at the meeting.", "we vote", "affirmed"),
    ("We want a vote on the rota.", "vote", "hypothetical"),
]


@pytest.mark.parametrize(("text", "words", "expected"), TURN_RULES + CORPUS_3_RULES + PAST_ENDED_RULES + CORPUS_4_RULES + CORPUS_7_RULES + STOP_43_RULES + STOP_44_RULES + STOP_45_RULES + STOP_46_RULES + STOP_47_RULES + STOP_48_RULES)
def test_rules_over_the_turn(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


def test_a_study_reads_the_same_later_sentences_as_a_whole_text(tmp_path):
    """The pre-filter tokenises as many sentences after a hit as the assertion rules read: the rota's ending two on, not three."""
    import qlr
    from qlr.code import _assertion, _prefilter

    from .conftest import write

    assert _prefilter._LATER_SENTENCES == _assertion.LATER_SENTENCES
    transcript = (
        "Interviewer: Anything else?\n"
        "Asha: Nice weather. Rain later. I did the rota for a bit. Lovely crowd. Gone. Home now. Tea.\n"
        "Interviewer: And now?\n"
        "Asha: Nice weather. I did the rota. Lovely crowd. Then home. Gone.\n"
    )
    path = write(tmp_path / "C1_W1_interview.txt", transcript)
    study = qlr.load(path, progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    codings = study.codings.sort_values("start")
    text = study.documents["text"].iloc[0]
    got = [(text[s:e], a) for s, e, a in zip(codings["start"], codings["end"], codings["assertion"])]
    assert got == [("I did the rota for a bit.", "historical"), ("I did the rota.", "affirmed")]


# With a speaker row the speaker must take part in the sentence for someone else's clause to stay theirs:
# knowing of it ("I know about it", "I've heard") or disowning it ("it's not for me") is not taking part.
SPEAKER_TAKES_PART = [
    # Someone described opening the clause, the speaker only knowing of it or disowning it.
    ("The older lads run the quiz at the rugby club, I know about it but I'm not in it.", "run the quiz", "other"),
    ("My auntie sits on the tenants' panel, it's not for me.", "sits on the tenants' panel", "other"),
    ("A few of the lads set up their own five-a-side, I've heard, but it's not for me.", "set up their own", "other"),
    # ... and the speaker taking part elsewhere in the sentence keeps it theirs.
    ("The older lads run the quiz at the rugby club, and I do the raffle.", "run the quiz", "affirmed"),
    ("A few of the lads set up their own five-a-side, and I play in goal.", "set up their own", "affirmed"),
    # A denial with the speaker in it is not disowning: "they never leave me out" is the speaker taking part.
    ("The older lads run the tuck shop, they never leave me out of it.", "run the tuck shop", "affirmed"),
    ("The girls on my course set up a study group, I'd never have passed without it.", "set up a study group", "affirmed"),
    # "She" opening the match, and the speaker's group words, take up someone described earlier in the sentence.
    ("My sister's mate runs the toddler group, she decides what they sing.", "she decides what", "other"),
    ("My uncle's on the allotment committee, and everybody votes on the plots.", "votes on the plots", "other"),
    ("Me cousin's on the bowls club board, the members vote on the fees.", "vote on the fees", "other"),
    ("My uncle's on the allotment committee with me, and everybody votes on the plots.", "votes on the plots", "affirmed"),
    ("He's a good chair, and the members vote on everything.", "vote on everything", "affirmed"),
    # Not "she" after "her" and a noun, nor after the staff: staff telling of a user, a user of the staff.
    ("Her background's in banking, she's very good with budgets.", "she's very good with", "affirmed"),
    ("The nurse is lovely, she always asks for feedback, I fill the form in every week.", "asks for feedback", "affirmed"),
    ("My husband's consultant is lovely, he listens.", "he listens", "affirmed"),
    # "I think" asked about is the speaker consulted, not a hedge.
    ("My son's key worker, she asks what I think about his plan.", "asks what i think", "affirmed"),
    ("The lads at the club, they ask what I think of the kit.", "ask what i think", "affirmed"),
    # A name or "he" alone needs the speaker out of the whole sentence: a member of the speaker's own group.
    ("Ian chaired the August meeting, and he kept us all to time.", "chaired the august meeting", "affirmed"),
    # "They" taking up people the speaker works with, the speaker taking part later in the sentence.
    ("The kids at my club, they help each other with homework, I set it up with them.", "help each other", "affirmed"),
]


@pytest.mark.parametrize(("text", "words", "expected"), SPEAKER_TAKES_PART)
def test_the_speaker_takes_part_or_it_is_someone_elses(nlp, rules, text, words, expected):
    strict = rules.extended([Rule("speaker", "other", "", "takes part")])
    assert strict.judge(nlp(text), words) == expected
    assert strict.fingerprint != rules.fingerprint


def test_a_codebook_switches_the_speaker_row_on(tmp_path):
    import qlr
    from qlr.codebook import Codebook

    from .conftest import write

    # Knowing of it: without the row the speaker in the sentence keeps it ("…, but it's not for me" is caught either way).
    text = "Interviewer: Anything else?\nAsha: A few of the lads do a rota for the kit, I know about it.\n"
    path = write(tmp_path / "C1_W1_interview.txt", text)
    plain = qlr.load(path, progress=False).apply(Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert list(plain.codings["assertion"]) == ["affirmed"]
    book = Codebook.from_yaml(ROTA_BOOK + "assertion:\n  - {kind: speaker, category: other, phrase: takes part}\n")
    assert list(qlr.load(path, progress=False).apply(book, progress=False).codings["assertion"]) == ["other"]


def test_without_a_speaker_row_the_speaker_anywhere_in_the_sentence_keeps_it(nlp, rules):
    """Off in the bundled rules: the held-out halves lost one false count and gained one false discount with it on.

    Disowning it in a later clause ("…, but it's not for me") is someone else's without the row too (``previous`` rows).
    """
    assert rules.judge(nlp("A few of the lads set up their own five-a-side, I've heard, and I know them all."), "set up their own") == "affirmed"
    assert rules.judge(nlp("A few of the lads set up their own five-a-side, I've heard, good luck to them."), "set up their own") == "other"
    assert rules.judge(nlp("My uncle's on the allotment committee, and everybody votes on the plots."), "votes on the plots") == "affirmed"
    with pytest.raises(CodingError, match="takes part"):
        rules.extended([Rule("speaker", "other", "", "always")])


def test_a_contrast_trigger_needs_now_after_the_match(nlp, rules):
    """A codebook's own contrast row counts only when a terminator of its category follows the match."""
    more = rules.extended([Rule("trigger", "historical", "contrast", "at christmas")])
    assert more.judge(nlp("At Christmas we ran the party ourselves, now the staff do it."), "ran the party") == "historical"
    assert more.judge(nlp("At Christmas we ran the party ourselves."), "ran the party") == "affirmed"


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        ("Declan sits at the back and lets them get on with it.", "sits at the back", "facilitation.stepping_back"),
        # A passive whose agent is the staff ("decided by the staff") is the speaker's experience too.
        ("It's all decided by the staff these days.", "decided", "negative.done_to"),
    ],
)
def test_a_service_code_keeps_what_staff_do(nlp, rules, text, words, code):
    """What staff do is the speaker's experience of the service: a codebook's service rows say which codes."""
    doc = nlp(text)
    lowers = [t.lower for t in doc]
    span = doc.char_span(doc.text.index(words), doc.text.index(words) + len(words))
    where = ((0, len(doc)), (span.start, span.end))
    assert rules.categories(lowers, *where, code=code) == {"other"}
    service = rules.extended([Rule("service", "other", "", code.split(".")[0])])
    assert service.categories(lowers, *where, code=code) == set()
    assert service.categories(lowers, *where, code="power.co_leading") == {"other"}
    with pytest.raises(CodingError, match="one code or theme id"):
        rules.extended([Rule("service", "other", "", "two words")])


@pytest.mark.parametrize(("text", "words", "expected"), CASES)
def test_status(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


def test_negation_reaches_eight_tokens_only(nlp, rules):
    near = "They never really properly asked what we thought."
    far = "They never came to the meetings at the hall on a Tuesday and asked what we thought."
    assert rules.judge(nlp(near), "asked what we thought") == "negated"
    assert rules.judge(nlp(far), "asked what we thought") == "affirmed"


def test_a_trigger_inside_the_indicator_is_not_a_cue(nlp, rules):
    assert rules.judge(nlp("It was not one-way."), "not one-way") == "affirmed"


def test_precedence_someone_elses_denial_is_still_someone_elses(nlp, rules):
    doc = nlp("My neighbour says they never plan it together.")
    lowers = [t.lower for t in doc]
    span = doc.char_span(doc.text.index("plan"), doc.text.index("plan") + len("plan it together"))
    found = rules.categories(lowers, (0, len(doc)), (span.start, span.end))
    assert {"other", "negated"} <= found
    assert rules.status(lowers, (0, len(doc)), (span.start, span.end)) == "other"
    assert PRECEDENCE[0] == "other" and set(PRECEDENCE) | {"affirmed", "prompted"} == set(STATUSES)


def test_codebook_rules_extend_the_bundled_ones(nlp, rules):
    doc = nlp("Legend has it they share skills there.")
    assert rules.judge(doc, "share skills") == "affirmed"
    more = rules.extended([Rule("trigger", "other", "forward", "legend has it")])
    assert more.judge(doc, "share skills") == "other"
    assert more.fingerprint != rules.fingerprint
    assert rules.judge(doc, "share skills") == "affirmed", "extended returns a new object"


def test_a_rows_window_is_part_of_the_rules_fingerprint(tmp_path):
    """Cached matches are judged again when a row's reach changes, not only its words (they were not, stop 49)."""
    import qlr

    from .conftest import write

    write(tmp_path / "C1_W1_interview.txt", "Interviewer: And the rota?\nAnn: We run the rota ourselves and the rest of it, we will see about the garden next summer.\n")
    study = qlr.load(tmp_path, progress=False)
    data = qlr.read_codebook("coproduction").to_dict()

    def status(window):
        rows = [*data["assertion"], {"kind": "trigger", "category": "hypothetical", "direction": "backward", "phrase": "the garden", "window": window}]
        codings = study.apply(qlr.Codebook.from_dict({**data, "assertion": rows}), cache=tmp_path / "cache", progress=False).codings
        return set(codings.loc[codings["code_id"] == "power.co_leading", "assertion"])

    assert status(30) == {"hypothetical"}
    assert status(2) == {"affirmed"}, "a shorter reach no longer reaches the match, though the matches were cached"


def test_bad_rules_are_refused(nlp, rules, tmp_path):
    with pytest.raises(CodingError, match="category 'maybe'"):
        rules.extended([Rule("trigger", "maybe", "forward", "perchance")])
    with pytest.raises(CodingError, match="wrap trigger"):
        rules.extended([Rule("trigger", "declined", "wrap", "turned down")])
    bad = tmp_path / "rules.tsv"
    bad.write_text("kind\tcategory\tdirection\tphrase\ntrigger\tnegated\tforward\n", encoding="utf-8")
    with pytest.raises(CodingError, match="row 2 has 3 fields"):
        read_rules(bad)


def test_bundled_rules_read_cleanly():
    from qlr.code._assertion import _WORD_KINDS

    rules = read_rules()
    kinds = {rule.kind for rule in rules}
    # "service" rows name codes, so they live in a codebook (coproduction.yaml), not here.
    # The word lists the rules in code read are rows too (stop 54), every one of them.
    assert kinds == {"trigger", "pseudo", "terminator", "subject", "outside", "exception", "litotes", "dispute", "hearsay", "label", "confirm", "repair", "restart", *_WORD_KINDS}
    assert {rule.category for rule in rules if rule.kind == "trigger"} == set(STATUSES) - {"affirmed", "question", "prompted"}
    # A hearsay row marks an other trigger of the same phrase: one with no such trigger would mark nothing.
    others = {rule.phrase for rule in rules if rule.kind == "trigger" and rule.category == "other"}
    assert {rule.phrase for rule in rules if rule.kind == "hearsay"} <= others


ROTA_BOOK = """\
name: Rota
id: rota
version: "1"
themes: [t]
codes:
  - id: t.rota
    parent: t
    indicators: [rota]
"""

ROTA_TRANSCRIPT = """\
Interviewer: How is the group run these days?
Asha: We run the rota ourselves now.
Interviewer: And before that?
Asha: Back then the staff did the rota. In an ideal world we'd swap the rota around more.
Interviewer: Do you run the rota?
Asha: Yes, the rota is ours.
Interviewer: Anything else?
Asha: My neighbour reckons they share a rota over there. I never saw a rota at the old place.
"""


def test_rule_codings_carry_their_assertion_and_only_the_speakers_own_count(tmp_path):
    import qlr

    from .conftest import write

    path = write(tmp_path / "C1_W1_interview.txt", ROTA_TRANSCRIPT)
    study = qlr.load(path, progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    codings = study.codings.sort_values("start")
    text = study.documents["text"].iloc[0]
    got = [(text[s:e], a) for s, e, a in zip(codings["start"], codings["end"], codings["assertion"])]
    assert got == [
        ("We run the rota ourselves now.", "affirmed"),
        ("Back then the staff did the rota.", "historical"),
        ("In an ideal world we'd swap the rota around more.", "hypothetical"),
        ("Yes, the rota is ours.", "prompted"),
        ("My neighbour reckons they share a rota over there.", "other"),
        ("I never saw a rota at the old place.", "negated"),
    ]
    # Every match is kept, but only the speaker's own, current mentions are evidence.
    counts = qlr.track.matrix(study, codebook="rota").tidy
    assert int(counts["value"].sum()) == 2


def test_prompted_answers_weigh_what_the_codebook_or_the_call_says(tmp_path):
    import pytest as _pytest

    import qlr
    from qlr.codebook import Codebook

    from .conftest import write

    book = (ROTA_BOOK.replace("themes: [t]", "ladder:\n  facets: [delivery]\n  levels: [{value: 0, name: None}, {value: 1, name: Some}]\n  placement: {min_segments: 1, min_evidence: 0.1, prompted_weight: 0.25}\nthemes: [t]")
            .replace("    indicators: [rota]", "    indicators: [rota]\n    evidence: {level: 1, facet: delivery}"))
    text = "Interviewer: Do you run the rota?\nAsha: Yes, the rota is ours.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False).apply(Codebook.from_yaml(book), progress=False)
    assert study.codings["assertion"].tolist() == ["prompted"]
    assert qlr.track.ladder(study).evidence["weight"].tolist() == [0.25]
    assert qlr.track.ladder(study, prompted_weight=1).evidence["weight"].tolist() == [1.0]
    with _pytest.raises(qlr.errors.CodebookError, match="prompted_weight must be a number from 0 to 1"):
        Codebook.from_yaml(book.replace("prompted_weight: 0.25", "prompted_weight: 2"))


def test_a_question_about_the_participants_own_word_prompts_nothing(tmp_path):
    # A fifth new user's trial: "What does fifty-fifty mean?" after the participant's own "fifty-fifty"
    # had made her answer prompted, at half weight.
    import qlr

    from .conftest import write

    echoed = (
        "Interviewer: How is it going?\nAsha: Fine. We share the rota now.\n"
        "Interviewer: What does share the rota mean in practice?\nAsha: The rota is ours, we swap shifts.\n"
    )
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", echoed), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["affirmed", "affirmed"]
    # In other words than hers (a new user's "we decided together" / "How do you decide together?").
    reworded = echoed.replace("What does share the rota mean in practice?", "How do you go about sharing a rota?")
    study = qlr.load(write(tmp_path / "C6_W1_interview.txt", reworded), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["affirmed", "affirmed"]
    # "Would you say …?" asks for assent too (data/dev's D01: "Would you say you're equal partners with the Trust now?").
    assent = echoed.replace("What does share the rota mean in practice?", "Would you say you share the rota?")
    study = qlr.load(write(tmp_path / "C7_W1_interview.txt", assent), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["affirmed", "prompted"]
    # A closed question on the participant's own word asks for assent: its yes stays prompted.
    closed = echoed.replace("What does share the rota mean in practice?", "So you share the rota?")
    study = qlr.load(write(tmp_path / "C3_W1_interview.txt", closed), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["affirmed", "prompted"]
    # A yes-or-no question anywhere in the turn asks for assent; an earlier mention the participant denied is no echo.
    mixed = echoed.replace("What does share the rota mean in practice?", "So do you share the rota? What is that like?")
    study = qlr.load(write(tmp_path / "C4_W1_interview.txt", mixed), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["affirmed", "prompted"]
    denied = echoed.replace("Fine. We share the rota now.", "Fine. We never share the rota.")
    study = qlr.load(write(tmp_path / "C5_W1_interview.txt", denied), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings.sort_values("start")["assertion"].tolist() == ["negated", "prompted"]
    # The interviewer bringing the word in still prompts.
    asked = "Interviewer: How is it going?\nAsha: Fine, busy.\nInterviewer: Do you share the rota?\nAsha: The rota is ours, we swap shifts.\n"
    study = qlr.load(write(tmp_path / "C2_W1_interview.txt", asked), progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert study.codings["assertion"].tolist() == ["prompted"]


def test_a_codebook_adds_assertion_rules_of_its_own(tmp_path):
    import pytest as _pytest

    import qlr
    from qlr.codebook import Codebook

    from .conftest import write

    # (A wording the bundled context model leaves affirmed: "they share a rota" it already reads as someone else's.)
    text = "Interviewer: Anything else?\nAsha: Legend has it there's a shared rota. We run the rota ourselves.\n"
    path = write(tmp_path / "C1_W1_interview.txt", text)
    plain = qlr.load(path, progress=False).apply(Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert sorted(plain.codings["assertion"]) == ["affirmed", "affirmed"]
    extended = ROTA_BOOK + "assertion:\n  - {kind: trigger, category: other, direction: forward, phrase: legend has it}\n"
    book = Codebook.from_yaml(extended)
    assert book.assertion == ({"kind": "trigger", "category": "other", "direction": "forward", "phrase": "legend has it"},)
    assert Codebook.from_dict(book.to_dict()) == book
    coded = qlr.load(path, progress=False).apply(book, progress=False)
    assert sorted(coded.codings["assertion"]) == ["affirmed", "other"]
    with _pytest.raises(qlr.errors.CodebookError, match=r"<codebook>:10: .*category 'rumour'"):
        Codebook.from_yaml(ROTA_BOOK + "assertion:\n  - {kind: trigger, category: rumour, direction: forward, phrase: x}\n")


def test_every_bundled_phrase_is_written_as_the_tokenizer_splits_it(nlp):
    # "i 'm told" would be split "i ' m told" and never match: write "i'm told". A dropped g's apostrophe is its own
    # token after the word ("fixin' to" is "fixin ' to", stop 53), so "'" may stand there, as after the Scots "no'" for
    # "not" ("no ' sure", stop 54).
    for rule in read_rules():
        tokens = [token.lower_ for token in nlp.make_doc(rule.phrase.replace(" ... ", " "))]
        assert all(t != "'" or (i and (tokens[i - 1].endswith("in") or tokens[i - 1] == "no")) for i, t in enumerate(tokens)), rule.phrase
    assert [t.lower_ for t in nlp.make_doc("I was fixin' to go")][2:4] == ["fixin", "'"]
    assert [t.lower_ for t in nlp.make_doc("I'm no' sure")][2:4] == ["no", "'"]


def _assertion_corpus():
    import importlib.util
    import sys

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("assertion_corpus", ROOT / "docs" / "assertion_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_the_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus, written by someone who never saw the rules; tuned on even ids only.

    Held-out half (odd ids, 200 texts) when the rules were last tuned: 20 of the 81
    someone-else's or historical texts with a positive-evidence coding keep one at full
    weight (other 10 of 37, historical 10 of 44; before tuning 25: 10 and 15), and 5 of
    the 54 affirmed texts with one have a coding discounted (5 before). The tuning half
    went from 29 of 74 and 6 of 52 to 4 and 3. With the context model switched on: held
    out 14 (other 4, historical 10) and 5, tuning 2 and 3. The everyday indicators of the
    tuning halves (issue 15 item 6) then matched more texts: held out 21 of 84 and 6 of 60
    (with the model 15 and 6), tuning 4 and 4 (2 and 4). The historical rules tuned on the
    second corpus's tuning half (when-was frames, endings after "then", "… since") took
    held out to 19 and 6 (with the model 13 and 6), tuning to 3 and 4 (1 and 4). The rules for
    someone else's tuned on both tuning halves ("they" taking up someone named before, "there's a
    …", another place, media): held out 17 and 6 (with the model 13 and 6). The rules over the turn
    (2026-12-03): held out 17 and 6 (with the model 12 and 6), tuning 2 and 4 (1 and 4). A change
    may lower these bounds, never raise them; the figures are in docs/assertion_corpus.md.

    One exception, said here: stop 39's rules (disputes, "at all", a verbless clause) reach matches the
    context model had been trained on, so the model was retrained by docs/context_model.py from the same
    tuning data, as the bundled file must be what the script makes. Retrained, it gives this held-out half
    13 false counts with the model (was 12); the rules-alone figures and every other corpus's are unchanged.
    Stop 43's rules (the speaker only the one told a report, "That's what … said" a sentence on): held out
    14 and 6 (with the model 10 and 6). Stop 44's (hearsay set off by commas, someone else set doing it, the
    speaker never joining): 13 and 6 (9 and 6).

    Stop 45's generalised everyday indicators (the codebook, not the rules) raise bounds here and in corpora
    2, 4 and 9, said here: they reach more affirmed texts (held out, corpora 1-9: 60/96/51/58/28/38/11/19/8 ->
    60/101/54/63/32/40/11/20/8) and a few traps or discounts with them: this corpus's tuning half 5
    false discounts (was 4: a text now matched whose only coding is read as hypothetical); corpus 2 with the
    retrained model 28 false counts (27); corpus 4 2 false discounts (1; with the model 24 and 3, was 23
    and 2); corpus 9 10 false counts (9). The CHANGELOG's "Recall on everyday words (stop 45)" gives the trade.

    Stop 46's second round of indicators moves only the matched counts pinned here and in corpora 2, 3, 4
    and 7 (held-out affirmed texts matched 60/101/63/11 -> 61/105/65/15; corpus 3 one more trap text matched,
    66 -> 67, none of them at full weight); no bound rises. See "Recall on everyday words, second round (stop 46)".

    Stop 51's retrained context model (corpus 16's tuning half added to its training, with the stop's next-sentence
    and self-repair rules) gives this held-out half one more false count with the model, 10 (was 9; with its past
    row 9, was 8), the rules-alone figures unchanged; said here and in docs/assertion_corpus.md, not tuned away.
    """
    module = _assertion_corpus()
    corpus = module.read_corpus()
    assert (corpus["half"] == "held_out").sum() == 200 and (corpus["half"] == "tuning").sum() == 200
    for context_model, bounds in ((False, (13, 6, 2, 5)), (True, (10, 6, 1, 5))):
        judged = module.judge(corpus, context_model=context_model)
        held_out, tuning = module.summary(judged, "held_out"), module.summary(judged, "tuning")
        assert (held_out["of matched traps"], held_out["of matched affirmed"]) == (84, 61)  # the model changes no match
        found = (held_out["false counts"], held_out["false discounts"], tuning["false counts"], tuning["false discounts"])
        assert all(value <= bound for value, bound in zip(found, bounds)), (context_model, found)


def test_the_second_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-2: 900 texts by three more writers who never saw qlr's rules or model.

    Held-out half (odd ids, 450 texts): 64 of the 113 someone-else's or historical texts
    with a positive-evidence coding keep one at full weight with the rules alone (other 37
    of 61, historical 27 of 52), 46 with the context model switched on (20 and 26); 3 of
    the 64 affirmed ones have a coding discounted (4 with the model). The rules were never
    tuned on this corpus. With the everyday indicators of the tuning halves: 66 of 119
    (49 with the model) and 4 of 94 (5). The historical rules, tuned on this corpus's
    tuning half (even ids) for the speaker's own past: 59 of 119 (42 with the model; the
    historical texts 29 -> 22 of 55) and 4 of 94 (5). The rules for someone else's tuned on both
    tuning halves: 53 of 119 (42 with the model) and 4 of 94 (5). With the indicators written from
    data/dev5's tuning half, two more affirmed texts have a positive coding: 53 of 119 (42) and 4 of
    96 (5). The rules over the turn (a past account ended up to two sentences on, a sentence
    opened by someone described, the speaker setting themself apart; 2026-12-03): 51 of 119 (42)
    and 4 of 96 (5); tuning 17 -> 9 and 11 -> 11. The rules from the third corpus's tuning half (a
    simple past over a span of years, an arrangement ended by a noun of its own, the quotative
    "like", the speaker later not there or only having heard of it) and the context model retrained
    with that half (2026-12-03): 44 of 119 (33) and 4 of 96 (5). The speaker's own past that has ended,
    from the three tuning halves (a verbless clause taking the tense before it, a sentence opened by its
    first years ended later in any tense, a "Then" sentence telling a change; 2026-12-03): 40 of 119 (29)
    and 4 of 96 (5), the historical texts 19 -> 15 of 55. The rules from the fourth corpus's tuning half
    (others named as the ones who did it, someone else asked or listened to, a report's addressee before a
    comma, a narrative-present account ended after "then"; 2026-12-03): 38 of 119 (27) and 4 of 96 (5) in
    their first versions, 40 (29) and 4 (5) after a review narrowed them on hand-written sentences (a "then"
    only in a story told in the present, no "reports" or "local" as a medium). Stop 39's rules from the
    fifth corpus's tuning half: 39 (29) and 4 (5). Stop 43's rules from corpus 8's tuning half: 37 (28) and
    4 (5). Figures in docs/assertion_corpus.md.
    """
    # Stop 44: power.consulted no longer reads "they decide everything" (3 trap texts fewer matched).
    _held_out_within("assertion-corpus-2", 450, (116, 105), {False: (35, 4), True: (28, 5)})


def test_the_third_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-3: 600 texts by two more writers in fourteen new settings, seen by no rule before.

    Held-out half (odd ids, 300 texts) before any tuning on this corpus: 24 of the 68
    someone-else's or historical texts with a positive-evidence coding keep one at full weight
    with the rules alone, 23 with the context model switched on; 5 of the 51 affirmed ones have a
    coding discounted (5). The rules written from its tuning half (2026-12-03) moved the tuning
    half from 30 to 17 false counts (2 false discounts before and after) and left the held-out
    half as it was: 24 and 5 (with the model, retrained with the tuning half, 23 and 5). The rules
    for the speaker's own past that has ended (2026-12-03, from the tuning halves): 21 and 5 (with the
    model 20 and 5), the historical texts 20 -> 17 of 32. A change may lower these bounds, never
    raise them; the figures are in docs/assertion_corpus.md.

    One exception, said here: stop 39 raised the rules-alone bound from 21 to 22. "No staff at all"
    had been negated by "at all", though "at all" only stresses the match's own "no": a new user's
    member saying it of her own group was discounted. Made right, one held-out text someone else's
    (as two of corpus 2's tuning half) no longer gets its discount from that wrong negation; the
    context model still catches it (20).
    """
    # Stop 44: power.consulted no longer reads "they decide everything" (2 trap texts fewer matched).
    # Stop 47's third round of indicators (belonging to a working team or group): 54 -> 57 affirmed texts matched.
    # Stop 49's indicators for written and everyday words (from corpora 12 and 13's tuning halves): 57 -> 59, the false
    # counts and discounts unchanged with and without the model. The same stop's review (lookalikes from family life,
    # health visits, school and paid care; a bare "m" or "s" only after its pronoun): 59 -> 58, nothing else moved.
    _held_out_within("assertion-corpus-3", 300, (67, 58), {False: (22, 4), True: (20, 4)})


def test_the_fourth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-4: 600 texts by two more writers in fourteen new settings, written after every rule before it.

    Measured before any tuning on it (the rules of 2026-12-03 morning and the media rule written from
    corpus 3 that afternoon): held-out half 27 of the 73 someone-else's or historical texts with a
    positive-evidence coding keep one at full weight, 24 with the context model; 2 of the 58 affirmed
    ones have a coding discounted (3). After the rules from its tuning half (tuning 31 -> 21 false
    counts, 3 false discounts before and after): 26 (23) and 2 (3). A change may lower these bounds,
    never raise them; the figures are in docs/assertion_corpus.md. Stop 44's everyday wordings in the codebook
    match one more trap text of this half (74), discounted.
    """
    # Stop 49's indicators for written and everyday words: 65 -> 66 affirmed texts matched, the false counts unchanged.
    # Stop 58's rows for a new user's answers (the lead's one held-out measure, at the end): 66 -> 67 affirmed texts
    # matched, the false counts and discounts unchanged.
    _held_out_within("assertion-corpus-4", 300, (74, 67), {False: (26, 2), True: (24, 3)})


def test_the_fifth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-5: 480 texts by two more writers, with six statuses (negated, hypothetical and declined too).

    The fair test, before any rule was written from it (the rules of stop 39's start and the doubt and
    keep-saying rows written before it existed): held-out half 25 of the 65 trap texts with a
    positive-evidence coding keep one at full weight (other 2 of 11, historical 7 of 12, negated 5 of
    17, hypothetical 6 of 19, declined 5 of 6), the same with the context model; 1 of the 28 affirmed
    ones has a coding discounted. The rules from its tuning half (refusals, claims "made out", disputed
    reports, "no staff at all", a verbless clause taking the clause before it), narrowed after a review,
    took the tuning half from 22 to 17 false counts and left the held-out half at 25 and 1. Stop 41's bare refusal
    after the speaker ("…, and I politely declined", written from corpus 6's tuning half) took it to 24 (tuning 16).
    A change may lower these bounds, never raise them; the figures are in docs/assertion_corpus.md.
    """
    # Stop 44: power.consulted no longer reads "they decide everything" (1 trap text fewer matched).
    # Stop 47's third round of indicators (a filler between the pronoun and the verb): 32 -> 33 affirmed texts matched.
    _held_out_within("assertion-corpus-5", 240, (65, 33), {False: (23, 1), True: (23, 1)})


def test_the_sixth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-6: 480 texts by two more writers, six statuses, twenty-four new settings.

    The fair test, before any rule was written from it (the rules of stop 40's start): held-out half
    30 of the 72 trap texts with a positive-evidence coding keep one at full weight (other 6 of 19,
    historical 7 of 14, negated 9 of 24, hypothetical 3 of 10, declined 5 of 5), 28 with the context
    model; 3 of the 38 affirmed ones have a coding discounted. The rules from its tuning half and a
    new user's trial (a question answered "I do", "my arse", "intend to", "It used to be …", a joke
    taken back), narrowed after a review, took the tuning half from 24 to 22 false counts (2 to 1
    false discounts) and left the held-out half at 30 (28) and 3. Stop 41's rules from its tuning half (a span
    of years as a sentence of its own, a bare refusal after the speaker) took the tuning half to 18 and the
    held-out half to 29 (27). Stop 42's rules (someone else's words in quotation marks, an account said to be
    over, a present account taken back into the past), from this corpus's and corpus 7's tuning halves and
    narrowed after a reviewer's probes, took the tuning half to 15 and the held-out half to 28 (26). A change may lower these bounds, never raise them; the
    figures are in docs/assertion_corpus.md.
    """
    # Stop 47's third round of indicators matches one more trap text (73 -> 74), not at full weight.
    # Stop 58's rows for a new user's answers (the lead's one held-out measure, at the end): 40 -> 41 affirmed texts
    # matched, the false counts and discounts unchanged.
    _held_out_within("assertion-corpus-6", 240, (74, 41), {False: (27, 3), True: (25, 3)})


def test_the_seventh_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-7: 240 texts weighted to other people's experience, twenty-four new settings.

    The fair test, before any rule was written from it (the rules of stop 42's start, 77abd1f): held-out
    half 7 of the 14 trap texts with a positive-evidence coding keep one at full weight (6 with the
    context model), 2 of the 11 affirmed ones have a coding discounted. Most of its texts have no
    positive-evidence coding at all (its everyday wording is beyond the indicators). Stop 42's rules
    from its tuning half (quotation marks, "Not.", a double negative said in one breath, hearsay set off
    by commas, a future start, "That's a while since"), narrowed after a reviewer's probes, took the tuning half
    from 12 to 8 false counts
    (2 to 0 false discounts) and the held-out half's false discounts to 1.
    """
    _held_out_within("assertion-corpus-7", 120, (15, 15), {False: (7, 1), True: (6, 1)})


def test_the_eighth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-8: 240 texts each about a topic the codebook codes, so that most of them match.

    The fair test, before any rule was written from it (the rules of stop 43's start, ad99cb5): held-out
    half 19 of the 43 trap texts with a positive-evidence coding keep one at full weight (18 with the
    context model), 1 of the 19 affirmed ones has a coding discounted (2). Stop 43's rules from its tuning
    half took that half from 19 to 10 false counts (0 false discounts before and after) and left the
    held-out half where it was. Stop 44's rules (from the tuning halves of this corpus and the ninth): 18 and 1
    (18 and 2 with the model). Stop 53's dialect rules: 17 and 1 (17 and 2).
    """
    # Stop 47's third round of indicators (sitting on the door): 20 -> 21 affirmed texts matched; back to 20 after the
    # merged change's review took "desk" and "reception" out ("I sit on the desk at the bank" is a job, not giving back).
    # Stop 59 (lemma lists naming a word read as another lemma, fixed): one more trap text matched, 44 -> 45.
    _held_out_within("assertion-corpus-8", 120, (45, 20), {False: (17, 1), True: (17, 2)})


def test_the_ninth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-9: 240 texts on the codebook's topics, twice as many of them someone else's (80).

    The fair test, before any rule was written from it (the rules of stop 44's start, eca1730): held-out
    half 9 of the 25 trap texts with a positive-evidence coding keep one at full weight (9 with the context
    model), 1 of the 8 affirmed ones has a coding discounted. Stop 44's rules from its tuning half took that
    half from 18 to 11 false counts and left the held-out half where it was.
    """
    # Stop 59 (lemma lists fixed): one more trap text matched, 26 -> 27.
    _held_out_within("assertion-corpus-9", 120, (27, 8), {False: (10, 1), True: (10, 1)})


def test_the_tenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-10: 240 texts in 30 new settings (Australia, New Zealand, Canada among them), 80 someone else's.

    The fair test, before any rule was written from it (the rules at stop 45's 0fee7c4): held-out half 12 of
    the 19 trap texts with a positive-evidence coding keep one at full weight (12 with the context model),
    none of the 12 matched affirmed ones is discounted. Stop 45's rules from its tuning half (offers handed on,
    a role handed over) took that half from 9 to 5 false counts and left the held-out half where it was.
    """
    _held_out_within("assertion-corpus-10", 120, (19, 12), {False: (12, 0), True: (12, 0)})


def test_the_eleventh_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-11: 240 texts written as verbatim speech (repairs, fillers, statuses that flip in the turn).

    The fair test, before any rule was written from it (the rules at stop 46's start, 8c3b1e9): held-out half 11
    of the 13 trap texts with a positive-evidence coding keep one at full weight (10 with the context model),
    2 of the 11 matched affirmed ones have a coding discounted; tuning half 8 of 15. Stop 46's rule from its
    tuning half (a thing wanted is not had yet), narrowed after a reviewer's probes to the thing wanted, moves
    neither half; the context model retrained with its tuning half among the rest gives the held-out half 11.
    """
    _held_out_within("assertion-corpus-11", 120, (13, 11), {False: (11, 2), True: (11, 2)})


def test_the_twelfth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-12: 240 texts by speakers of English as an additional language and in easy-read speech.

    The fair test, before any rule was written from it (the rules at stop 47's start, 8677406): held-out half 14
    of the 19 trap texts with a positive-evidence coding keep one at full weight (13 with the context model),
    none of the 6 matched affirmed ones is discounted; tuning half 10 of 15. Stop 47's rule from its tuning half
    (a refusal told in the present, "I say no") took that half to 9 and left the held-out half where it was.
    """
    # Stop 49's indicators for written and everyday words, from this corpus's and corpus 13's tuning halves (tuning
    # 19 -> 22 affirmed texts matched): held out 6 -> 8 of 28, no trap text more matched, false counts unchanged.
    # The same stop's review constrained the families against lookalikes (tuning still 22): held out 8 -> 7.
    _held_out_within("assertion-corpus-12", 120, (19, 7), {False: (14, 0), True: (13, 0)})


def test_the_thirteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-13: 240 written texts — diary entries, text and WhatsApp messages, e-mails, posts.

    The fair test, before any rule was written from it (the rules at stop 48's start, 082c284): held-out half 7 of
    the 19 trap texts with a positive-evidence coding keep one at full weight (the same with the context model),
    1 of the 3 matched affirmed ones is discounted; tuning half 4 of 9. Only 8 of its 55 affirmed texts match an
    indicator at all: recall on written messages is what it shows.
    """
    # Stop 49's indicators for written and everyday words, from this corpus's and corpus 12's tuning halves (tuning
    # 5 -> 15 of 27 affirmed texts matched): held out 3 -> 4 of 28, no trap text more matched, false counts unchanged.
    # Fitting the tuning half is easy; the written paraphrase nobody fitted is still mostly missed. The same stop's
    # review constrained the families against lookalikes (tuning still 15): held out 4 -> 3, where it was before them.
    _held_out_within("assertion-corpus-13", 120, (19, 3), {False: (7, 1), True: (7, 1)})


def test_the_fourteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-14: 240 participant turns as an interpreter rendered them, often in the third person.

    The fair test, before any rule was written from it (the rules at stop 49's start, a5d5c67): held-out half 5 of
    the 12 trap texts with a positive-evidence coding keep one at full weight (4 with the context model), 3 of the 8
    matched affirmed ones are discounted (4 with the model): "she says …" reads as someone else's words though the
    participant is the one speaking. Tuning half 6 of 16 (4 with the model), 2 of 9 discounted. With stop 49's
    written-register indicators (not written from this corpus) one more held-out trap text matches, discounted: 13
    matched traps, the same false counts and discounts, no affirmed text gained.
    """
    _held_out_within("assertion-corpus-14", 120, (13, 8), {False: (5, 3), True: (4, 4)})


def test_the_fifteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-15: 240 turns of later-wave interviews in which participants look back and compare.

    The fair test, before any rule was written from it (the rules at stop 50's start, b893202): held-out half 10 of
    the 20 trap texts with a positive-evidence coding keep one at full weight (the same with the context model), and
    2 of the 10 matched affirmed ones are discounted. Tuning half 16 of 23, 1 of 11. Status is the whole text's, so a
    trap text that also says what the participant does now ("No. We picked the canoe size") counts as wrong: 10 of
    the tuning half's 16 are of that kind, 5 are a status the rules miss ("Still not", "That was true then",
    "starting next season", "asked me again to chair …, and no") and one is a lookalike indicator. Rows written from
    the tuning half for those (16 -> 13 there, 15 after review) leave the held-out half as it was.
    """
    _held_out_within("assertion-corpus-15", 120, (20, 10), {False: (10, 2), True: (10, 2)})


def test_the_sixteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-16: 240 verbatim turns with fillers, false starts and self-repairs.

    The fair test, before any rule was written from it (the rules at stop 51's start, 3ed4387): held-out half 15 of
    the 21 trap texts with a positive-evidence coding keep one at full weight (14 with the context model), and 1 of
    the 10 matched affirmed ones is discounted. Tuning half 12 of 23, 2 of 13. The status of a text is the truth
    after the speaker's repairs ("They asked us, well, no, they told us"), which cue words before the repair
    contradict. Stop 53's dialect rules: 14 and 1 (13 and 1 with the model).
    """
    _held_out_within("assertion-corpus-16", 120, (21, 10), {False: (14, 1), True: (13, 1)})


def test_the_seventeenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-17: 240 turns that say things sideways (irony, sarcasm, jokes, understatement, hedges).

    The fair test, before any rule was written from it (the rules at stop 52's start, e625200): held-out half 9 of
    the 28 trap texts with a positive-evidence coding keep one at full weight (the same with the context model), and
    none of the 8 matched affirmed ones is discounted (1 with the model). Tuning half 11 of 18, 0 of 7. The status
    is what the speaker means ("Asked? Oh aye, they asked us. They asked us to sign for the new hi-vis"), which the
    surface words often say the other way round.
    """
    # Stop 59 (assertion leftovers and codebook rows): one matched affirmed text fewer, 8 -> 7; false counts and
    # discounts unchanged. Which change lost it was not looked for (that would choose rules by the held-out half).
    _held_out_within("assertion-corpus-17", 120, (28, 7), {False: (9, 0), True: (9, 1)})


def test_the_eighteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-18: 240 turns in the grammar of regional, social and world Englishes.

    The fair test, before any rule was written from it (the rules at stop 53's start, 434ad05): held-out half 8 of
    the 14 trap texts with a positive-evidence coding keep one at full weight (the same with the context model), and
    2 of the 7 matched affirmed ones are discounted (the same with the model). Tuning half 10 of 20, 2 of 9. The
    status often hangs on a dialect form ("Naebody never asked us nothing", "Yeah nah.", "We be sitting down with
    the church office every January"). After the dialect rules written from the tuning half (tuning 8 of 20, 2 of 9),
    measured once: 8 of 14 and 1 of 7 (the same with the model).
    """
    _held_out_within("assertion-corpus-18", 120, (14, 7), {False: (8, 1), True: (8, 1)})


def test_the_nineteenth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-19: 240 turns whose status hangs on who "we", "you" and "they" are.

    The fair test, before any rule was written from it (the rules at stop 54's start, 6bdd236): held-out half 13 of
    the 22 trap texts with a positive-evidence coding keep one at full weight (12 with the context model), and 2 of
    the 13 matched affirmed ones are discounted (the same with the model). Tuning half 16 of 29, 1 of 10. Group
    talk, a staff member's "we", generic "you" and a speaker passing on what another person does.
    """
    _held_out_within("assertion-corpus-19", 120, (22, 13), {False: (13, 2), True: (12, 2)})


def test_the_twentieth_assertion_corpus_held_out_half_does_not_get_worse():
    """data/assertion-corpus-20: 240 turns whose status hangs on whose experience it is when a turn hands it on.

    The fair test, before any rule was written from it (the rules at stop 55's start, da44564): held-out half 9 of
    the 23 trap texts with a positive-evidence coding keep one at full weight (the same with the context model), and
    2 of the 13 matched affirmed ones are discounted (the same with the model). Tuning half 13 of 25, 2 of 16. The
    actor named a sentence before, hearsay, what a leaflet or manager claims, the speaker as onlooker or beneficiary.
    """
    # Stop 59 (lemma lists fixed): one more trap text matched, 23 -> 24.
    _held_out_within("assertion-corpus-20", 120, (24, 13), {False: (9, 2), True: (9, 2)})


def _held_out_within(name: str, half_size: int, matched: tuple[int, int], bounds: dict[bool, tuple[int, int]]) -> None:
    """A corpus's held-out half, rules alone (False) and with the context model (True), within (false counts, false discounts)."""
    module = _assertion_corpus()
    corpus = module.read_corpus(module.CORPUS.parents[1] / name / "sentences.tsv")
    assert (corpus["half"] == "held_out").sum() == half_size and (corpus["half"] == "tuning").sum() == half_size
    for context_model, (counts, discounts) in bounds.items():
        held_out = module.summary(module.judge(corpus, context_model=context_model), "held_out")
        assert (held_out["of matched traps"], held_out["of matched affirmed"]) == matched  # the model changes no match
        assert held_out["false counts"] <= counts and held_out["false discounts"] <= discounts, (name, context_model, held_out)


def test_the_assertion_corpus_refuses_a_malformed_table(tmp_path):
    from qlr.errors import DocumentFormatError

    module = _assertion_corpus()
    bad = tmp_path / "sentences.tsv"
    bad.write_text("id\tsetting\tspeaker_style\ttext\tstatus\tnote\nW1\tx\ty\tWe run it.\tmaybe\t\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError, match="1 rows have an empty text or a status outside"):
        module.read_corpus(bad)
    bad.write_text("id\tsetting\tspeaker_style\ttext\tstatus\tnote\nWx\tx\ty\tWe run it.\taffirmed\t\n", encoding="utf-8")
    with pytest.raises(DocumentFormatError, match="has no number"):
        module.read_corpus(bad)
    assert module.half_of("W014") == "tuning" and module.half_of("W015") == "held_out"


# Observers' field notes: what the people watched did or said is evidence; hearsay about others is not.
# (field-note sentence, matched words, status in a field note, status in a participant's turn)
OBSERVED = [
    # What the observer saw the people there do: the case's own evidence.
    ("Ian chaired this meeting, by agreement at the last one.", "chaired this meeting", "affirmed", "other"),
    ("Joan had booked the room and brought a tin of flapjack.", "booked the room", "affirmed", "other"),
    ("Priya designed the main exercise for the session.", "designed the main exercise", "affirmed", "other"),
    ("She went to the hatch and ran the tea slot.", "ran the tea slot", "affirmed", "other"),
    ("The lads sorted the chairs out between them.", "sorted the chairs", "affirmed", "other"),
    # What they were heard to say in the meeting, about themselves and each other.
    ('Joan said, "This is work, it is just not paid."', "this is work", "affirmed", "other"),
    ("Grace said it worked both ways: Hannah had sat with her daughter one afternoon.", "worked both ways", "affirmed", "other"),
    # A relation after the match is who was helped, not who helped.
    ("Hannah sat with her daughter so that Grace could go to an interview.", "sat with", "affirmed", "other"),
    ("Farid was showing Ian how he had got a medical sorted.", "showing ian", "affirmed", "other"),
]

DISCOUNTED = [
    # Hearsay about people outside the meeting, or somewhere else.
    ("Joan said her neighbour's group runs its own rota.", "runs its own rota", "other"),
    ("Gareth said that his own father had cared for his mother.", "cared for", "other"),
    ("Apparently they do the rota that way in other groups.", "do the rota", "other"),
    ("Elaine said over at the Hub they plan it together.", "plan it together", "other"),
    ("Bernard said his wife's employer lets her swap shifts.", "swap shifts", "other"),
    # Still not evidence of what happened, in a field note as in an interview.
    ("Maya said she would put something on the flipchart next time.", "put something on the flipchart", "hypothetical"),
    ("Asha said she would have liked to help write the session.", "help write the session", "hypothetical"),
    ("Nobody asked the carers what they thought.", "asked the carers what they thought", "negated"),
    ("Bernard used to run the rota.", "run the rota", "historical"),
    ('Bernard asked, "Do we get a vote on it?"', "get a vote", "question"),
    ("Grace turned the steering group down.", "steering group", "declined"),
]


@pytest.mark.parametrize(("text", "words", "noted", "said"), OBSERVED)
def test_a_field_note_keeps_what_the_observer_saw(nlp, rules, text, words, noted, said):
    doc = nlp(text)
    assert rules.judge(doc, words, observed=True) == noted
    assert rules.judge(doc, words) == said, "a participant saying it speaks of someone else"


@pytest.mark.parametrize(("text", "words", "expected"), DISCOUNTED)
def test_a_field_note_still_discounts_hearsay_and_the_rest(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words, observed=True) == expected


def test_outside_rows_are_checked(rules):
    with pytest.raises(CodingError, match="outside row's direction"):
        rules.extended([Rule("outside", "other", "wrap", "elsewhere ... again")])
    with pytest.raises(CodingError, match="category is 'other'"):
        rules.extended([Rule("outside", "historical", "both", "elsewhere")])


def test_a_codebook_can_name_more_outside_people(nlp, rules):
    doc = nlp("Joan said her vicar runs the rota.")
    assert rules.judge(doc, "runs the rota", observed=True) == "affirmed"
    assert rules.extended([Rule("outside", "other", "forward", "vicar")]).judge(doc, "runs the rota", observed=True) == "other"


def test_coding_judges_observer_segments_as_field_notes(tmp_path):
    import qlr

    from .conftest import write

    same = "Ian ran the rota this time."
    write(tmp_path / "C1_W1_fieldnotes.md", f"# Field notes\n\n## 2024-03-07 — Carers' group\n\n{same}\n\n"
          "Joan said her neighbour's group runs its own rota.\n")
    write(tmp_path / "C1_W1_interview.txt", f"Interviewer: Anything else?\nAsha: {same}\n")
    study = qlr.load(tmp_path, progress=False)
    for _ in range(2):  # the second time from the cache: the same words keep each role's status
        study.apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
        roles = dict(zip(study.segments["seg_id"], study.segments["speaker_role"]))
        text = dict(zip(study.documents["doc_id"], study.documents["text"]))
        got = sorted((roles[s], text[d][a:b], status) for s, d, a, b, status in study.codings[["seg_id", "doc_id", "start", "end", "assertion"]].itertuples(index=False))
        assert got == [
            ("observer", "Ian ran the rota this time.", "affirmed"),
            ("observer", "Joan said her neighbour's group runs its own rota.", "other"),
            ("participant", "Ian ran the rota this time.", "other"),
        ]


# ------------------------------------------------------------------ the README's examples
README_EXAMPLES = {
    "They never once asked what we thought.": ("power.consulted", "negated"),
    "In an ideal world we'd run the group ourselves.": ("power.co_leading", "hypothetical"),
    "Back then we planned it with the staff.": ("power.co_designing", "historical"),
    "My neighbour reckons they share skills over there.": ("reciprocity.two_way", "other"),
    "Do we actually share the decisions, though?": ("power.shared_decisions", "question"),
    "They asked me to chair the steering group and I turned it down.": ("facilitation.catalyst", "declined"),
}


def test_the_readmes_assertion_examples_are_coded_as_it_says(tmp_path):
    """A reader who tries the README's examples sees each one coded, with the status it names."""
    import qlr

    from .conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for number, sentence in enumerate(README_EXAMPLES):
        assert f'("{sentence}")' in readme, sentence
        (tmp_path / f"C{number:02d}_W1_interview.txt").write_text(f"Interviewer: Tell me more.\nAnn: {sentence}\n", encoding="utf-8")
    study = qlr.load(tmp_path, progress=False).apply("coproduction", progress=False)
    coded = study.codings.merge(study.documents[["doc_id", "case_id"]], on="doc_id")
    for number, (sentence, (code, status)) in enumerate(README_EXAMPLES.items()):
        rows = coded[(coded["case_id"] == f"C{number:02d}") & (coded["code_id"] == code)]
        assert rows["assertion"].tolist() == [status], (sentence, coded[coded["case_id"] == f"C{number:02d}"][["code_id", "assertion"]])


def test_previous_rows_hide_no_trigger_and_are_checked(nlp, rules):
    """A ``previous`` row is looked for only opening a later clause or sentence: "not my thing" leaves "not" a negation."""
    assert rules.judge(nlp("Not my thing to run the rota, never was."), "run the rota") == "negated"
    assert rules.judge(nlp("They run the rota between them. Not my thing."), "run the rota") == "other"
    # Every category but a question may be said after what it is about (a ``previous`` row); a question is no row's category.
    since = rules.extended([Rule("trigger", "historical", "previous", "not after the merger")])
    assert since.judge(nlp("We run the rota between us. Not after the merger."), "run the rota") == "historical"
    assert rules.judge(nlp("We run the rota between us. Not after the merger."), "run the rota") == "affirmed"
    with pytest.raises(CodingError, match="category 'question'"):
        rules.extended([Rule("trigger", "question", "previous", "or is it")])


def test_a_field_note_reads_no_ending_over_the_turn(nlp, rules):
    """An observer narrates in the past: a later "Gone." ends nothing the people watched did."""
    note = nlp("The group decided the autumn programme together. Joan read the list, then the urn broke. Gone.")
    assert rules.judge(note, "decided the autumn programme together") == "historical"
    assert rules.judge(note, "decided the autumn programme together", observed=True) == "affirmed"


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # Leaving the speaker out denies the speaker's part, before "without us" as after it.
        ("The staff decide the rota without us.", "staff decide the", "negated"),
        ("Gareth and the managers decide it all without asking us.", "decide it all", "negated"),
        ("They changed the hours without asking us what we wanted.", "asking us what we wanted", "negated"),
        # A comma keeps an earlier "not" in its own clause: no double negative.
        ("We're not asked, they decide the rota without us.", "decide the rota", "negated"),
        # A negation before "without" in the clause makes a double negative: affirmed.
        ("Nobody touches the minibus without asking me first.", "asking me first", "affirmed"),
        ("They can't change the rota without asking us first.", "asking us first", "affirmed"),
        ("Nothing over fifty pounds goes through without our vote.", "vote", "affirmed"),
        # Negative concord ("don't ... nothing") is one negation in speech.
        ("They don't decide nothing without asking us first.", "asking us first", "affirmed"),
        # "without" leaving out someone else is no denial of what the speaker did.
        ("We ran the whole fair ourselves without asking the staff.", "ran the whole fair", "affirmed"),
    ],
)
def test_leaving_the_speaker_out_and_double_negatives(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


def test_what_staff_do_without_us_they_still_do(nlp, rules):
    """A service code's match is not denied by the speaker being left out of it."""
    doc = nlp("The staff decide the rota without us.")
    lowers = [t.lower for t in doc]
    span = doc.char_span(0, len("The staff decide"))
    where = ((0, len(doc)), (span.start, span.end))
    assert rules.categories(lowers, *where, code="facilitation.staff_led") == {"negated"}
    service = rules.extended([Rule("service", "other", "", "facilitation")])
    assert service.categories(lowers, *where, code="facilitation.staff_led") == set()
    assert service.categories(lowers, *where, code="power.consulted") == {"negated"}


def test_exception_rows_are_double_negatives_only(nlp, rules):
    with pytest.raises(CodingError, match="exception row"):
        rules.extended([Rule("exception", "other", "", "unless")])
    # Without the exception row, "nobody ... without" stays a denial.
    plain = AssertionRules(nlp, [r for r in read_rules() if r.kind != "exception"])
    assert plain.judge(nlp("Nobody touches the minibus without asking me first."), "asking me first") == "negated"


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # A third new user's participant: "hopefully" opening the sentence hopes for what follows.
        ("Hopefully by the summer I'll be able to get stuck in and help plan things.", "help plan things", "hypothetical"),
        ("Hopefully we'll plan it together.", "plan it together", "hypothetical"),
        ("We plan it together now, hopefully.", "plan it together", "hypothetical"),
        ("Next month we will be able to run the stall ourselves.", "run the stall ourselves", "hypothetical"),
        ("We run the stall ourselves now.", "run the stall ourselves", "affirmed"),
        # A programme plan's aims are hopes, not what is done.
        ("We aim for members to co-facilitate sessions by month twelve.", "co-facilitate sessions", "hypothetical"),
        ("Our aim is that members run the sessions.", "run the sessions", "hypothetical"),
        # An embedded question asks, it does not say: the third trial's complaint about a funder's counting.
        ("They keep asking how many of us have gone into volunteering, it's for the funder.", "volunteering", "hypothetical"),
        ("She asked whether we wanted to run the stall ourselves.", "run the stall ourselves", "hypothetical"),
        # Eight tokens only: the clause after it is the speaker's own.
        ("They keep asking how many of us have gone into volunteering, it's for the funder.", "the funder", "affirmed"),
    ],
)
def test_hopes_and_future_abilities(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Honestly the staff don't feel like them and us any more.",
        "It's not them and us anymore.",
        "It is no longer them and us.",
    ],
)
def test_a_denied_indicator_denied_now_is_the_present(text):
    """ "Not them and us any more" is the speaker's present: the indicator's own denial, not its past."""
    statuses = _statuses(text)
    assert ("power.blurred_boundaries", "affirmed") in statuses
    # The plain indicator "them and us" (done to) is still the past there.
    assert ("negative.done_to", "historical") in statuses
    # And without "any more", a plain past stays past.
    nlp, matcher = _coproduction_matcher()
    past = matcher(nlp("We don't plan it together any more."))
    assert [m.assertion for m in past if m.code_id == "power.co_designing"] == ["historical"]


@functools.cache
def _coproduction_matcher():
    import qlr
    from qlr.code._nlp import CodebookMatcher
    from qlr.code._rules import assertion_rules

    nlp = pipeline()
    book = qlr.read_codebook("coproduction")
    return nlp, CodebookMatcher(nlp, book, assertion_rules=assertion_rules(nlp, book))


def test_a_present_clause_is_not_a_past_that_a_later_anymore_ends():
    """A new user's probe: the cause's past ("was cut") is not the clause's tense when it says "again" or "now"."""
    assert ("facilitation.staff_led", "affirmed") in _statuses(
        "Since the funding was cut it's all run by the staff again. They don't ask us anymore."
    )
    assert ("facilitation.staff_led", "historical") in _statuses("It was run by the staff. They don't run it anymore.")


def _statuses(text):
    """(code, status) of each match, with the codebook's own rows, as Study.apply reads them."""
    nlp, matcher = _coproduction_matcher()
    return {(m.code_id, m.assertion) for m in matcher(nlp(text))}


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # A reviewer's probes of this stop's rules: a negation of another verb or clause does not cancel "without us".
        ("It's not fair that the staff decide the rota without asking us.", ("power.consulted", "affirmed")),
        ("They never listen and they decide everything without asking us.", ("power.consulted", "affirmed")),
        ("I wasn't surprised they decided it all without us.", ("power.consulted", "affirmed")),
        ("No wonder they decided it all without us.", ("power.consulted", "affirmed")),
        ("No they decide the rota without us.", ("power.consulted", "affirmed")),
        ("Not really they just decide it all without asking us.", ("power.consulted", "affirmed")),
        # "Any more" is no denial of its own; "no longer" with another negation cancels.
        ("They just change things without asking us any more.", ("power.shared_decisions", "affirmed")),
        ("I wouldn't say it's no longer them and us.", ("power.blurred_boundaries", "affirmed")),
        # The service exemption is for leaving the speaker out only, not "my foot".
        ("It's them and us my foot.", ("negative.done_to", "affirmed")),
        # A trigger leads into a match only when it negates.
        ("I was told what to do, like a kid at school.", ("negative.done_to", "other")),
        # Hopes and aims reach a few words, not the clause after a comma.
        ("Hopefully that answers your question, we plan the menu together now.", ("power.co_designing", "hypothetical")),
        ("The aim is to have fun, and we run the sessions ourselves.", ("power.co_leading", "hypothetical")),
    ],
)
def test_the_new_rules_stay_in_their_clause(text, wrong):
    assert wrong not in _statuses(text)


def test_without_us_looks_back_within_its_clause_only():
    assert ("power.co_leading", "affirmed") in _statuses("We run the cafe ourselves and they'd be lost without us.")
    assert ("power.consulted", "negated") in _statuses("The staff decide the rota without us.")


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # Doubt: what the speaker is unsure of is not said to be so.
        ("I'm not sure whether we decide anything together now.", "power.shared_decisions", "hypothetical"),
        ("I can't tell whether it's them and us any more.", "negative.done_to", "hypothetical"),
        ("Honestly I've no idea if we run the rota ourselves or not.", "power.co_leading", "hypothetical"),
        # "I don't know if you know" asks the listener; the rest is said.
        ("I don't know if you know, but we run the rota ourselves now.", "power.co_leading", "affirmed"),
        # What others keep saying, disputed, is theirs; endorsed, it is the speaker's (a reviewer's probes).
        ("They keep saying it's no longer them and us, but it is.", "power.blurred_boundaries", "other"),
        ("They keep saying we have a real say, but I'm not convinced.", "power.shared_decisions", "other"),
        ("Staff told me it's no longer them and us, and I agree.", "power.blurred_boundaries", "affirmed"),
        # The speaker saying it again and again is still the speaker.
        ("I keep saying we run the rota ourselves, we do.", "power.co_leading", "affirmed"),
        ("I just keep saying it's two-way, because it is.", "reciprocity.two_way", "affirmed"),
        # Doubt that only asks after the listener is no doubt about the fact.
        ("I'm not sure whether I told you we've got a time bank now.", "reciprocity.time_credits", "affirmed"),
        # A report about the speaker ("we") stays the speaker's, as before.
        ("They say we decide things together.", "power.shared_decisions", "affirmed"),
    ],
)
def test_doubt_and_what_others_keep_saying(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "staff_led"),
    [
        # A fourth new user's board member: the governing board is not the staff's whiteboard.
        ("On the board we decide together.", False),
        ("I'm on the board now.", False),
        ("From what my wife tells me, at her work the patients sit on the board.", False),
        # The whiteboard the worker fills before the group arrives still is.
        ("They'll have it up on the board before we come in.", True),
        ("The plan's on the board before we walk in.", True),
        ("Then I do whatever's on the board.", True),
        ("She writes the topic on the board.", True),
    ],
)
def test_on_the_board_is_the_staffs_whiteboard_only(text, staff_led):
    assert any(code == "facilitation.staff_led" for code, _ in _statuses(text)) is staff_led


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A disputed report about the speaker is someone else's words (a new user's member; corpus 5's tuning half).
        ("My neighbour reckons the staff run everything and we are just decoration. I'm not sure.", "facilitation.staff_led", "other"),
        ("Me ma reckons the job coach lets me pick me own placements. She's got that wrong, like.", "power.shared_decisions", "other"),
        # Undisputed, a report about the speaker stays the speaker's, as before.
        ("My neighbour reckons we run it ourselves now.", "power.co_leading", "affirmed"),
        ("My neighbour reckons we run it ourselves now. I'm proud of that.", "power.co_leading", "affirmed"),
        # "At all" stresses the match's own denial: "no staff at all" is a group running itself.
        ("No staff at all.", "peer_networks.self_organised", "affirmed"),
        ("We run the stall ourselves, no staff at all.", "peer_networks.self_organised", "affirmed"),
        ("Nobody counts it at all.", "redefining_work.caring_is_work", "affirmed"),
        # A clause with no verb of its own goes on with the clause before it, whoever that is about.
        ("My cousin's group runs it themselves, no staff.", "peer_networks.self_organised", "other"),
        # Refusals in other words after an offer.
        ("They did ask me to be the shop's rep on the council. I told 'em no ta, I only do Tuesdays.", "power.consulted", "declined"),
        # "Told them no" only as a refusal: not "no problem", "no job's too small" (a reviewer's probes).
        ("They asked me to help with the tea. I told them no problem.", "facilitation.catalyst", "affirmed"),
        ("We muck in with everything, I told them no job's too small.", "reciprocity.giving_back", "affirmed"),
        # Wanting to do less is no refusal of what was asked (the sample's C05 at W2).
        ("Now I'm asked what I think, and then they do what they were going to do anyway. I'd rather not be on things now.", "power.consulted", "affirmed"),
        # Claims others make out, and what they would have the speaker believe.
        ("The co-op's newsletter makes out the members voted for the price rise.", "power.shared_decisions", "other"),
        ("There's talk that the carers over there get to pick their own social worker.", "power.co_designing", "other"),
        ("They want us to think we have a say, but the consultant decides everything.", "power.co_designing", "negated"),
        ("I want people to think of it as two-way, because it is.", "reciprocity.two_way", "affirmed"),
        # A dispute is its clause whole: "I'm not sure what I'd do without her" disputes nothing.
        ("My key worker says I'm good at organising. I'm not sure what I'd do without her.", "assets.skills_recognised", "affirmed"),
        ("They said we run it ourselves now, but it is hard work.", "power.co_leading", "affirmed"),
        # A few words may round a dispute off (the second reviewer's probes of the narrowed rules).
        ("They say we have a real say. I'm not sure about that.", "power.shared_decisions", "other"),
        ("They say we have a real say. That's not true at all.", "power.shared_decisions", "other"),
        ("They asked me to chair it. I told them no way.", "facilitation.catalyst", "declined"),
        ("They keep saying we're equal partners, but we're not.", "power.shared_decisions", "other"),
        ("They say we run it ourselves, but we're not bothered who gets the credit.", "power.co_leading", "affirmed"),
        ("They asked me to help. I told them no way was I missing that.", "facilitation.catalyst", "affirmed"),
    ],
)
def test_disputes_refusals_and_claims_from_the_fifth_corpus(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A claim or rumour about the speaker is still hearsay: the speaker has not lived it (a reviewer's probes).
        ("The manager makes out we voted on it.", "power.shared_decisions", "other"),
        ("There's talk that they'll let us run the cafe ourselves.", "power.co_leading", "other"),
        ("We heard on the grapevine that we decide the menu together now.", "power.shared_decisions", "other"),
        # Writing the rota out is not a claim; the speaker's own word is not hearsay.
        ("I made out the rota for the month, we all decide who does what.", "power.shared_decisions", "affirmed"),
        ("We made out a timetable together, we plan the trips between us.", "power.co_designing", "affirmed"),
        # Other reports about the speaker stay the speaker's, as before.
        ("She said we run it ourselves now.", "power.co_leading", "affirmed"),
        ("My neighbour reckons we run it ourselves now.", "power.co_leading", "affirmed"),
        # The speaker denying the report after "but", or in the next sentence.
        ("They say we voted on it, but we never did.", "power.shared_decisions", "other"),
        ("She says we decide things together. We didn't.", "power.shared_decisions", "other"),
        # Not a denial of the report: the past only ("We didn't, at first"), "we never did" of something else.
        ("They say we vote on everything. We didn't, at first, but we do now.", "power.shared_decisions", "affirmed"),
        ("She says we decide things together, but we never did that before.", "power.shared_decisions", "affirmed"),
    ],
)
def test_hearsay_about_the_speaker_and_reports_the_speaker_denies(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # The speaker bearing out a claim about them: their own account after all (a reviewer's probe, stop 40).
        ("The manager makes out we voted on it, and to be fair we did.", "power.shared_decisions", "affirmed"),
        ("The manager makes out we voted on it. And to be fair we did.", "power.shared_decisions", "affirmed"),
        ("There's talk that we run the rota now. Which is true.", "power.co_leading", "affirmed"),
        ("The manager makes out we voted on it. We did, actually.", "power.shared_decisions", "affirmed"),
        # Not a confirmation: a denial, a clause that goes on about something else, or nothing said.
        ("The manager makes out we voted on it, and we didn't.", "power.shared_decisions", "other"),
        ("The manager makes out we voted on it, but we did the tea.", "power.shared_decisions", "other"),
        ("The manager makes out we voted on it. We did not.", "power.shared_decisions", "other"),
        ("The manager makes out we voted on it.", "power.shared_decisions", "other"),
        # A claim about other people stays theirs however much the speaker agrees.
        ("The newsletter makes out the members voted on it, and that's true.", "power.shared_decisions", "other"),
        # A confirmation the speaker then limits or dates is no confirmation (a reviewer's probes, stop 41).
        ("The council makes out we're equal partners, and we are, on paper.", "power.shared_decisions", "other"),
        ("Supposedly we had a say in the new building. We did, twenty years ago.", "power.co_designing", "other"),
        ("Supposedly I get time credits for the driving. I did, till they changed the scheme.", "reciprocity.time_credits", "other"),
        ("The manager makes out we voted on it. We did, in 2019.", "power.shared_decisions", "other"),
        ("The manager makes out we voted on it. We did, back in the day.", "power.shared_decisions", "other"),
        # ... and plainer ones the first rows missed.
        ("The manager makes out we voted on it. Aye, we did, like.", "power.shared_decisions", "affirmed"),
        ("The chair makes out we have a vote on everything, and in fairness we do.", "power.shared_decisions", "affirmed"),
    ],
)
def test_a_claim_the_speaker_bears_out_is_the_speakers(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A refusal standing bare after the speaker, a few words of manner between (corpus 6's tuning half).
        ("The hub invited me to keep their accounts. I considered it carefully and chose not to.", "facilitation.catalyst", "declined"),
        ("They asked me to chair the forum, and in the end I politely declined.", "facilitation.catalyst", "declined"),
        ("I was on the planning group for a bit, but I sort of stepped away.", "power.co_designing", "declined"),
        ("They invited us to run the cafe ourselves, and we said no.", "power.co_leading", "declined"),
        ("They asked me to help plan the trips. I didn't want to.", "power.co_designing", "declined"),
        # Not a refusal of it: of something else, a decision the group made, one taken back.
        ("I help plan the trips, and I stepped away from the till.", "power.co_designing", "affirmed"),
        ("We voted on the fees and we decided not to.", "power.shared_decisions", "affirmed"),
        ("We plan the menu together. I didn't want to, at first.", "power.co_designing", "affirmed"),
        ("They asked me to help plan the trips, and I didn't want to, but I did.", "power.co_designing", "affirmed"),
        ("They ask me to help plan the trips and I love it.", "power.co_designing", "affirmed"),
        # A refusal of something else later on, a no to a question, one taken back in the next words or later.
        ("The respite's brilliant, but the dentist wanted my tooth out and I refused.", "barriers_enablers.replacement_care", "affirmed"),
        ("They asked us whether it was co-designed, and we said no.", "power.co_designing", "affirmed"),
        ("I help plan the trips, but I stepped back so the younger ones could have a go.", "power.co_designing", "affirmed"),
        ("They invited me onto the panel and I politely declined, but two weeks later I took it.", "facilitation.catalyst", "affirmed"),
        # A "no" that may answer anything declines only with an offer in the sentence; a next sentence is not a taking back.
        ("They did sort of ask if I'd run the Christmas shop, and I, I said no.", "facilitation.catalyst", "declined"),
        ("They offered me a sitter, and I politely declined. Since then nobody has asked.", "barriers_enablers.replacement_care", "declined"),
        # Nothing was offered: a refusal after a denial stays the denial.
        ("They never put my name forward for the panel, and I didn't bother.", "facilitation.catalyst", "negated"),
    ],
)
def test_a_bare_refusal_after_the_offer_declines_it(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # "any more" denying a thing of its own after the match is the present after a change (the sixth trial's
        # "… decide the grants together, one vote each, and the staff don't get the last word any more").
        ("We decide the grants together, and the staff don't get the last word any more.", "power.shared_decisions", "affirmed"),
        ("We decide the menu together, it's not like that any more.", "power.shared_decisions", "affirmed"),
        # A clause that only stands in for the match's verb ends it, even after "but"; a past match stays past.
        ("We decided the grants together, but we don't any more.", "power.shared_decisions", "historical"),
        ("We used to vote on it, we don't do that any more.", "power.shared_decisions", "historical"),
        ("We ran the cafe ourselves, but not any more.", "power.co_leading", "historical"),
        ("We ran the cafe ourselves, and nobody asks us any more.", "power.co_leading", "historical"),
    ],
)
def test_any_more_after_the_match_ends_it_only_when_it_is_about_it(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


def test_a_confirm_row_is_about_someone_elses_words(nlp):
    from qlr.code._assertion import check_rule

    with pytest.raises(CodingError, match="confirm row is about someone else's experience"):
        check_rule(Rule("confirm", "negated", "", "spot on"))
    text = "The manager makes out we voted on it. Spot on."
    assert AssertionRules(nlp).judge(nlp(text), "we voted") == "other"
    assert AssertionRules(nlp, [*read_rules(), Rule("confirm", "other", "", "spot on")]).judge(nlp(text), "we voted") == "affirmed"


def test_a_hearsay_row_is_about_someone_elses_words(nlp):
    from qlr.code._assertion import check_rule

    check_rule(Rule("hearsay", "other", "", "word has it"))
    with pytest.raises(CodingError, match="hearsay row is about someone else's experience"):
        check_rule(Rule("hearsay", "negated", "", "word has it"))
    # A hearsay row marks a trigger; with none of its phrase it would do nothing, so it is refused.
    with pytest.raises(CodingError, match="'word has it' mark no other trigger"):
        AssertionRules(nlp, [*read_rules(), Rule("hearsay", "other", "", "word has it")])
    rules = AssertionRules(nlp, [*read_rules(), Rule("trigger", "other", "forward", "word has it"), Rule("hearsay", "other", "", "word has it")])
    assert rules.judge(nlp("Word has it we run the cafe ourselves now."), "run the cafe ourselves") == "other"


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A fifth new user's trial: "It used to be …" puts its whole sentence in the past, however long.
        ("It used to be we decided together, students, peer trainers, staff, everyone had a vote.", "power.shared_decisions", "historical"),
        ("It used to be hard, but now we decide together and everyone has a vote.", "power.shared_decisions", "affirmed"),
        # A joke taken back in the next sentence (the trial's sarcasm), not an insistence.
        ("We get to pick the biscuits. (laughs) No, seriously, nobody's asked me anything.", "power.co_designing", "negated"),
        ("We decide together. Well, only joking.", "power.shared_decisions", "negated"),
        ("We run the cafe ourselves. No, seriously, we do!", "power.co_leading", "affirmed"),
        # Corpus 6's tuning half: a question the speaker answers "I do, aye", scorn, intentions, arrangements to come.
        ("Do I get a say in the sessions? I do, aye, I picked this term's topics with the other lads.", "power.co_designing", "affirmed"),
        ("Do we get a say in the sessions? We do not.", "power.co_designing", "negated"),
        ("Did I get a say in the sessions? I did, back in 2011.", "power.co_designing", "historical"),
        ("Peer-led, my arse. The instructor tells us when to get in.", "peer_networks.self_organised", "negated"),
        ("I intend to vote on the pricing.", "power.shared_decisions", "hypothetical"),
        # Narrowed after a reviewer's probes: Scots scorn, a past yes, a hedged yes, a recent event asked about.
        ("Do we get a real say? Aye, right.", "power.shared_decisions", "negated"),
        ("Are we equal partners? We were, till the restructure.", "power.shared_decisions", "historical"),
        ("Do we get a vote? We can, in theory.", "power.shared_decisions", "question"),
        ("Did we vote on the new rota? We did, and they ignored it.", "power.shared_decisions", "affirmed"),
        ("Peer support saved my arse last winter.", "peer_networks.peer_support", "affirmed"),
        ("We intend to keep running it ourselves.", "power.co_leading", "affirmed"),
        ("It used to be me and two staff, and we still co-design the sessions together.", "power.co_designing", "affirmed"),
        # A joke taken back is the punchline only, and "No, seriously" with praise after it insists.
        ("We vote on everything, even the biscuits, and I always lose. Only joking.", "power.shared_decisions", "affirmed"),
        ("We have a vote on the biscuits. I'm joking about the biscuits, but the vote is real.", "power.shared_decisions", "affirmed"),
        ("We all vote on it. But seriously, nobody complains.", "power.shared_decisions", "affirmed"),
        ("We vote on the menu. Joking aside, it's not about who's in charge.", "power.shared_decisions", "affirmed"),
        ("Peer support is all we've got. No, seriously, I wouldn't be here without it.", "peer_networks.peer_support", "affirmed"),
    ],
)
def test_the_past_opening_a_sentence_jokes_taken_back_and_the_sixth_corpus(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Corpus 15's tuning half (later waves that look back): a start still to come, an offer refused again.
        ("Starting next season I co-chair the coalition.", ("power.co_leading", "hypothetical")),
        ("They asked me again to chair the coalition, and no.", ("facilitation.catalyst", "declined")),
        # What is done now stays done: "now, and" ends a time's reach, and a time after what is said is no plan
        # (a reviewer's probes of the backward rows, dropped).
        ("We run the cafe ourselves now, and next year we're adding a Saturday.", ("power.co_leading", "affirmed")),
        ("We run the cafe ourselves every year, so next summer will be no different.", ("power.co_leading", "affirmed")),
        ("All of us on the rota vote for next season's films, me too.", ("power.shared_decisions", "affirmed")),
        (
            "The funder is going to want evidence of what we're doing, and I'd rather we had a system for that now than "
            "panic about it next spring.",
            ("barriers_enablers.funding_constraints", "affirmed"),
        ),
        ("They asked me to chair it, and yes, I chair it now.", ("power.co_leading", "affirmed")),
    ],
)
def test_looking_back_from_a_later_wave(text, expected):
    assert expected in _statuses(text)


# A status said after what it is about, short and on its own (``previous`` rows of every category but other, stop 51):
# the whole next sentence of the turn, or the clause closing the sentence after a comma, "and" or "but".
SAID_AFTER = [
    ("They asked us what we wanted for the garden. Not any more.", "asked us what we wanted", "historical"),
    ("We ran the Tuesday group ourselves. That was true then.", "ran the tuesday group", "historical"),
    ("We vote on the menu. Not now, though.", "vote on the menu", "historical"),
    ("We vote on the menu. No, not these days.", "vote on the menu", "historical"),
    ("We vote on the menu, but not any more.", "vote on the menu", "historical"),
    ("I told you we get a vote on the menu. Still not.", "vote on the menu", "negated"),
    ("They asked me again in March to sit on the panel, and no.", "sit on the panel", "declined"),
    ("They asked me again in March to sit on the panel. And no.", "sit on the panel", "declined"),
    ("We share the decisions. Well, we're meant to.", "share the decisions", "hypothetical"),
    ("We share the decisions. In theory, anyway.", "share the decisions", "hypothetical"),
    ("We run the rota ourselves from June. That's the plan anyway.", "run the rota", "hypothetical"),
    ("We run the rota ourselves from June. That's her plan, she says.", "run the rota", "hypothetical"),
    # Look-alikes: the phrase opens a longer sentence, or is only part of it, or comes first, or is a new topic.
    ("We share the decisions. Not any more than anyone else does.", "share the decisions", "affirmed"),
    ("We share the decisions. Still, we run the rota.", "share the decisions", "affirmed"),
    ("We ran the Tuesday group ourselves. That was true then and it's true now.", "ran the tuesday group", "affirmed"),
    ("We share the decisions. The bus is late again.", "share the decisions", "affirmed"),
    ("Not any more. We share the decisions.", "share the decisions", "affirmed"),
    ("We share the decisions. Not now, he says, but soon enough.", "share the decisions", "affirmed"),
    ("We share the decisions. That's the plan for the summer, and we've started.", "share the decisions", "affirmed"),
    # Said after a present account, these keep it: a hope that it lasts, the point of it, a medium.
    ("We run the cafe ourselves now. Fingers crossed.", "run the cafe", "affirmed"),
    ("We run the cafe ourselves. That's the idea.", "run the cafe", "affirmed"),
    ("We plan the rota together. On paper, on the fridge.", "plan the rota together", "affirmed"),
    # A denial said after a denial carries it on: the speaker's present, as the sentence had it.
    ("I haven't really made friends, not yet.", "made friends", "negated"),
    ("They don't ask us what we want. Not any more.", "ask us what we want", "negated"),
    ("Nobody asked us what we wanted. That was true then.", "asked us what we wanted", "historical"),
]


@pytest.mark.parametrize(("text", "words", "expected"), SAID_AFTER)
def test_a_status_said_in_the_next_sentence(nlp, rules, text, words, expected):
    assert rules.judge(nlp(text), words) == expected


def test_a_status_said_after_reaches_only_the_participants_own_turn(tmp_path):
    """"Not any more." in the same turn sets the rota in the past; after the interviewer's question it is another turn's."""
    import qlr

    from .conftest import write

    same = write(tmp_path / "one" / "C1_W1_interview.txt", "Interviewer: Anything else?\nAsha: We do the rota ourselves. Not any more.\n")
    asked = write(
        tmp_path / "two" / "C1_W1_interview.txt",
        "Interviewer: Anything else?\nAsha: We do the rota ourselves.\nInterviewer: Still?\nAsha: Not any more.\n",
    )
    book = qlr.Codebook.from_yaml(ROTA_BOOK)
    assert qlr.load(same, progress=False).apply(book, progress=False).codings["assertion"].tolist() == ["historical"]
    assert qlr.load(asked, progress=False).apply(book, progress=False).codings["assertion"].tolist() == ["affirmed"]


def test_a_codebook_says_a_status_after_of_its_own(tmp_path):
    """A codebook's ``assertion:`` row with direction previous extends the bundled ones ("Not after the merger.")."""
    import qlr

    from .conftest import write

    path = write(tmp_path / "C1_W1_interview.txt", "Interviewer: Anything else?\nAsha: We do the rota ourselves. Not after the merger.\n")
    plain = qlr.load(path, progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert plain.codings["assertion"].tolist() == ["affirmed"]
    book = qlr.Codebook.from_yaml(ROTA_BOOK + "assertion:\n  - {kind: trigger, category: historical, direction: previous, phrase: not after the merger}\n")
    coded = qlr.load(path, progress=False).apply(book, progress=False)
    assert coded.codings["assertion"].tolist() == ["historical"]


# A reviewer's probes of the status said after (stop 51), with the coproduction codebook as rule coding reads it.
@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # An indicator that is its own denial ("no longer them and us" of blurred boundaries): denied now, as
        # "It's not them and us any more" is (blurred boundaries affirmed; done to, in the past).
        ("It's them and us, no longer.", "power.blurred_boundaries", "affirmed"),
        ("It's them and us. Not any more.", "power.blurred_boundaries", "affirmed"),
        ("It's them and us. Not any more.", "negative.done_to", "historical"),
        # A closing clause with its own subject is about that subject; "like" there compares.
        ("They ask us what we think, but the council, still not.", "power.consulted", "affirmed"),
        ("We plan the sessions together, though the funding, still nothing.", "power.co_designing", "affirmed"),
        ("We vote on everything, like we're meant to.", "power.shared_decisions", "affirmed"),
        # Someone else's word on it: the speaker's sentence stays as said.
        ("We share the decisions. Not now, she says.", "power.shared_decisions", "affirmed"),
        ("We plan the sessions together. Not now, they say.", "power.co_designing", "affirmed"),
        # "Still nothing" is about an outcome, not the asking; a sentence saying "now" keeps its present.
        ("They ask us what we think. Still nothing.", "power.consulted", "affirmed"),
        ("We used to have to ask permission. We run the rota ourselves now. Not any more.", "power.co_leading", "affirmed"),
        # "…, and no." is the speaker's refusal only where the speaker was asked or offered.
        ("I put my name down to sit on the panel, and no.", "power.shared_decisions", "affirmed"),
        ("We asked if we could run the rota ourselves, but no.", "facilitation.catalyst", "affirmed"),
        ("They asked us what we thought, but no.", "power.consulted", "affirmed"),
        ("They asked me again to sit on the panel, and no.", "power.shared_decisions", "declined"),
        ("I was asked to sit on the panel, but no.", "power.shared_decisions", "declined"),
        # Closing words after a comma, more fillers, "not since" with a few words, a time long ago, dots.
        ("We run the rota ourselves, not any more, sadly.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not any more, unfortunately.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not any more, I'm afraid.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not any more, no.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not any more, really.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Well, no, not any more.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not since Covid.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not since the new manager.", "power.co_leading", "historical"),
        ("We run the rota ourselves. Not since the new manager came in and changed it.", "power.co_leading", "affirmed"),
        ("We run the rota ourselves. That was years ago.", "power.co_leading", "historical"),
        ("We run the rota ourselves... That was then.", "power.co_leading", "historical"),
    ],
)
def test_a_status_said_after_as_a_reviewer_probed_it(text, code, expected):
    statuses = {status for found, status in _statuses(text) if found == code}
    assert statuses == {expected}


@pytest.mark.parametrize(
    ("phrase", "window", "says"),
    [
        ("not now though", None, "ends on 'though'"),
        ("not now, no", None, "ends on 'no'"),
        ("not now, she says", None, "ends on 'says'"),
        (", not now", None, "opens with ','"),
        ("not now.", None, "ends on '.'"),
        ("not ... now", None, "holds dots"),
        ("not now.", 4, "ends on '.'"),
    ],
)
@pytest.mark.parametrize("category", ["historical", "other"])
def test_a_status_said_after_that_could_never_apply_is_refused(phrase, window, says, category):
    """A ``previous`` row of any category must be the status words alone: the rest is left off the text first (stop 52:
    one reading for every category, someone else's too)."""
    import qlr
    from qlr.code._assertion import check_rule
    from qlr.errors import CodebookError

    with pytest.raises(CodingError, match=f"{category} row '{re.escape(phrase)}'.*{re.escape(says)}"):
        check_rule(Rule("trigger", category, "previous", phrase, window=window))
    window_line = f", window: {window}" if window else ""
    with pytest.raises(CodebookError, match=re.escape(says)):
        qlr.Codebook.from_yaml(ROTA_BOOK + f"assertion:\n  - {{kind: trigger, category: {category}, direction: previous, phrase: '{phrase}'{window_line}}}\n")
    # Fillers may open one (they are tried as part of the phrase first); a window lets words follow the phrase, so
    # a closing word inside it is no longer its end ("not now though", 3: "Not now though, maybe in spring.").
    check_rule(Rule("trigger", category, "previous", "well, not now"))
    check_rule(Rule("trigger", category, "previous", "not now though", window=3))


def test_a_codebooks_status_said_after_wins_over_a_bundled_one(tmp_path):
    """A codebook row with a bundled phrase under another category extends the rules: its category is the one read."""
    import qlr

    from .conftest import write

    path = write(tmp_path / "C1_W1_interview.txt", "Interviewer: Anything else?\nAsha: We do the rota ourselves. Not now.\n")
    plain = qlr.load(path, progress=False).apply(qlr.Codebook.from_yaml(ROTA_BOOK), progress=False)
    assert plain.codings["assertion"].tolist() == ["historical"]
    book = qlr.Codebook.from_yaml(ROTA_BOOK + "assertion:\n  - {kind: trigger, category: hypothetical, direction: previous, phrase: not now}\n")
    assert qlr.load(path, progress=False).apply(book, progress=False).codings["assertion"].tolist() == ["hypothetical"]


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A new user's check of stop 59: scorn answering a question denies it with or without a comma inside.
        ("Shared decisions? Yeah, right.", "power.shared_decisions", "negated"),
        ("Joint decisions? Yeah right.", "power.shared_decisions", "negated"),
        ("Do we get a real say? Aye, right.", "power.shared_decisions", "negated"),
        # The same words going on to the speaker's own yes agree.
        ("Do we vote on the menu? Yeah, right, we do.", "power.shared_decisions", "affirmed"),
        ("Do we vote on the menu? Yeah right, we do.", "power.shared_decisions", "affirmed"),
        ("Do we vote on the menu? Yeah, right, we do not.", "power.shared_decisions", "negated"),
        ("Yeah, right, so we vote on the menu now.", "power.shared_decisions", "affirmed"),
    ],
)
def test_scorn_answering_a_question_whatever_its_commas(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == {expected}


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # A new user's check of stop 59: "not X here, X at Y" puts the second X somewhere else.
        ("We don't really vote on the menu here, we vote on the menu at the community centre.", "power.shared_decisions", {"negated", "other"}),
        ("It's not two-way here, but it's two-way in my other group.", "reciprocity.two_way", {"negated", "other"}),
        # The other way round, or no other place, stays the speaker's.
        ("We don't vote on the menu at the community centre, we vote on the menu here.", "power.shared_decisions", {"negated", "affirmed"}),
        ("We don't vote on the menu here, we vote on the menu together.", "power.shared_decisions", {"negated", "affirmed"}),
        # A past that still holds, said in a bare auxiliary after it, is current.
        ("It used to be two-way, and it still is.", "reciprocity.two_way", {"affirmed"}),
        ("We used to vote on the menu, and we still do.", "power.shared_decisions", {"affirmed"}),
        ("We voted on the menu back then and still do.", "power.shared_decisions", {"affirmed"}),
        ("We used to vote on the menu, and we still don't.", "power.shared_decisions", {"historical"}),
        ("We used to vote on the menu, but they still do.", "power.shared_decisions", {"historical"}),
        ("We used to vote on the menu, and I still miss it.", "power.shared_decisions", {"historical"}),
        # A question answered by turning it down declines; deference does not.
        ("Volunteering? Not for me.", "reciprocity.giving_back", {"declined"}),
        ("Volunteering? No thanks, I work nights.", "reciprocity.giving_back", {"declined"}),
        ("Do we get a vote? Not for me to say.", "power.shared_decisions", {"question"}),
    ],
)
def test_somewhere_else_a_past_that_still_holds_and_a_question_turned_down(text, code, expected):
    assert {status for c, status in _statuses(text) if c == code} == expected
