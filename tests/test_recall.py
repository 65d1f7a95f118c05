"""The bundled codebook finds everyday wording, and the assertion rules keep everyday traps out.

The sentences here are fresh paraphrases, written for these tests (not copied from
the sample, the development or the validation study): each says in ordinary words
what a code means, and each trap says it of someone else, in the past, as a wish,
a denial or a refusal.  ``data/dev`` is the study the indicators were developed on;
its figures, and those of ``data/dev2``, ``data/dev4`` and ``data/dev5`` (whose two held-out
members were never tuned on), are checked at the end.
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


# Families of paraphrase added for issue 15 item 6 (written here, in none of the studies):
# nobody says "co-production"; they say they step in, had a big say, or found out from a notice.
PARAPHRASE = [
    # Contribution.
    ("I make the teas on a Wednesday.", "reciprocity.giving_back"),
    ("I drive for them twice a week.", "reciprocity.giving_back"),
    ("When they're short-handed I step in.", "reciprocity.giving_back"),
    ("I'm one of the drivers now.", "reciprocity.giving_back"),
    ("I do a couple of hours on the reception most weeks.", "reciprocity.giving_back"),
    ("I bring cakes in for the group.", "reciprocity.giving_back"),
    ("I give lifts to the ones who can't get there.", "reciprocity.giving_back"),
    ("I hand out the food parcels on a Friday.", "reciprocity.giving_back"),
    ("They ask us every year what we want to keep.", "power.consulted"),
    ("They ask for feedback after every trip.", "power.consulted"),
    ("She asked me how I thought it went.", "power.consulted"),
    ("The old ones on our road get their prescriptions because I fetch them for people.", "reciprocity.giving_back"),
    ("We get a questionnaire now and then.", "power.consulted"),
    ("They wanted our opinion on the colours.", "power.consulted"),
    ("They want to hear what we think about the café.", "power.consulted"),
    ("I told them the ramp was too steep and they put a rail in.", "power.consulted"),
    ("They actually listen now.", "power.consulted"),
    # Collaboration.
    ("They put my cooking to use in the café.", "assets.skills_recognised"),
    ("I help her with forms and she helps me with the garden.", "reciprocity.two_way"),
    ("When one of us is struggling the others rally round.", "peer_networks.peer_support"),
    ("We helped them draw up the new rules.", "power.co_designing"),
    ("I helped her draw up the new rota.", "power.co_designing"),
    ("We had a big say in the new menu.", "power.co_designing"),
    ("We were part of the planning from the start.", "power.co_designing"),
    ("We helped work out the new rules.", "power.co_designing"),
    ("We had a lot of input into the new website.", "power.co_designing"),
    ("My years in the shop came in handy.", "assets.skills_recognised"),
    ("She does my hair and I do her shopping.", "reciprocity.two_way"),
    ("The other mums are always there for me.", "peer_networks.peer_support"),
    ("I've made some good friends here.", "peer_networks.networks_widened"),
    ("They built the course round what we told them.", "power.co_designing"),
    ("We tried out the new booking system and told them what was wrong with it.", "power.co_designing"),
    # Balance of power.
    ("Nothing gets changed unless we agree to it.", "power.shared_decisions"),
    ("It's us that decides.", "power.shared_decisions"),
    ("We're the ones who decide which walks go on the list.", "power.shared_decisions"),
    ("They go along with whatever we decide.", "power.shared_decisions"),
    ("The last word is ours.", "power.shared_decisions"),
    ("I'm the one who runs the Friday drop-in.", "power.co_leading"),
    ("I took over the knitting group when Jean left.", "power.co_leading"),
    ("I've taken on running the book club.", "power.co_leading"),
    ("I organise the trips now.", "power.co_leading"),
    ("I'm running the sewing class with Val.", "power.co_leading"),
    ("Nothing happens without the members agreeing.", "power.shared_decisions"),
    ("They can't change it without asking the committee.", "power.shared_decisions"),
    ("Staff only come in if we ask them.", "facilitation.stepping_back"),
    # Redefinition of work.
    ("We set up a little group of our own on a Thursday, no staff.", "peer_networks.self_organised"),
    ("They give us a certificate for our hours.", "redefining_work.help_counted"),
    ("I bank my hours and swap them for a lift.", "reciprocity.time_credits"),
    # Negative evidence.
    ("They just changed it and that was that.", "negative.done_to"),
    ("Nobody bothered to tell us.", "negative.done_to"),
    ("We were the last ones to find out.", "negative.done_to"),
    ("Everything was settled up at head office.", "negative.done_to"),
    ("The council decided it over our heads.", "negative.done_to"),
    ("Nobody tells us anything, we're kept in the dark.", "negative.done_to"),
    ("They ask, but nothing ever changes.", "negative.tokenistic"),
    ("It's just for show.", "negative.tokenistic"),
    ("They'd already made up their minds.", "negative.tokenistic"),
    ("It doesn't matter what we say.", "negative.tokenistic"),
    ("They changed the times and we weren't told.", "negative.done_to"),
    ("It was decided without us.", "negative.done_to"),
    ("They make all the decisions and we have to go along with it.", "negative.done_to"),
    ("It's the staff's group really, we just come along.", "facilitation.staff_led"),
    ("We just come and get help, that's it.", "negative.one_way"),
    ("We were asked about the new opening times.", "power.consulted"),
    ("You can put your ideas in the box by the door.", "power.consulted"),
    ("Us lot came up with most of the ideas for the fun day.", "power.co_designing"),
    ("They let us have a go at designing the poster.", "power.co_designing"),
    ("We were involved right from the start.", "power.co_designing"),
    ("Half the menu came from us.", "power.co_designing"),
    ("Me and Jo took over the running of the café.", "power.co_leading"),
    ("I do the training for new volunteers.", "power.co_leading"),
    ("You can't tell who's staff and who's not.", "power.blurred_boundaries"),
    ("We set it up ourselves, just us mums.", "peer_networks.self_organised"),
    ("It all counts, the volunteering, it's on my record.", "redefining_work.help_counted"),
    ("They saw I was good with people and gave me the welcome desk.", "assets.skills_recognised"),
    ("My nursing background is really valued here.", "assets.skills_recognised"),
    ("Me and Tracey do the teas after the service.", "reciprocity.giving_back"),
    ("I sometimes cover for Anne on the till.", "reciprocity.giving_back"),
    ("We're just a number to them.", "negative.done_to"),
    ("It's their way or no way.", "negative.done_to"),
    ("They just do what they want.", "negative.done_to"),
    ("We had no choice in it.", "negative.done_to"),
    ("They ran the new leaflet past us before it went out.", "power.consulted"),
    ("I mentioned the steps were slippy and they got them gritted.", "power.consulted"),
    ("I pass on what people say to the staff.", "power.consulted"),
    ("We thrashed out the new timetable with the staff over a couple of meetings.", "power.co_designing"),
    ("We look at how it went at the end of every term and change what didn't work.", "power.co_designing"),
    ("I sat on the panel that chose the new manager.", "power.shared_decisions"),
    ("We set the rules for the café ourselves.", "power.shared_decisions"),
    ("It's ours now, the staff just pop in now and then.", "power.co_leading"),
    ("I pick up bits of shopping for the ones who can't get out.", "reciprocity.giving_back"),
    ("I do the phone calls to remind people about the meeting.", "reciprocity.giving_back"),
    ("She's got me doing the welcome on a Monday.", "facilitation.catalyst"),
    ("I taught the staff how to use sign language.", "assets.expertise_used"),
    ("They decided it all at head office and just told us.", "negative.done_to"),
    ("Nobody ever explains anything to us.", "negative.done_to"),
    ("We're just expected to turn up and be grateful.", "negative.done_to"),
    ("They never act on anything we say.", "negative.tokenistic"),
]


# Everyday wording of the assertion corpora's tuning halves, said here in fresh sentences.
CORPUS_FAMILIES = [
    ("I chair it these days, and the coordinator takes the notes.", "power.co_leading"),
    ("I'm the secretary now, so the minutes are down to me.", "power.co_leading"),
    ("We run the toddler swim between us on a Sunday.", "power.co_leading"),
    ("I do the bookings for the minibus.", "power.co_leading"),
    ("The Wednesday lunch club is mine to run.", "power.co_leading"),
    ("I'm training the new volunteers myself.", "power.co_leading"),
    ("I've got my own slot on the radio on a Thursday.", "power.co_leading"),
    ("I plan the summer trips with the family worker.", "power.co_designing"),
    ("I'm on the tenants' panel that looks at repairs.", "power.co_designing"),
    ("I sit on the residents' forum.", "power.co_designing"),
    ("Our suggestions on the menu were adopted straight away.", "power.co_designing"),
    ("We review the drop-in every spring with the staff.", "power.co_designing"),
    ("I helped rewrite the welcome pack.", "power.co_designing"),
    ("They let me choose the films for the Friday showing.", "power.shared_decisions"),
    ("I decide which jobs get done first at the allotment.", "power.shared_decisions"),
    ("It's us who decide where the money goes.", "power.shared_decisions"),
    ("The trustees defer to us on the day-to-day stuff.", "power.shared_decisions"),
    ("The warden asks me what the residents need before he orders anything.", "power.consulted"),
    ("I feed back to the manager what the parents are saying.", "power.consulted"),
    ("I tell the cook what the regulars want on a Friday.", "power.consulted"),
    ("They ask me first if they want to move the session.", "power.consulted"),
    ("The staff trust me with the float.", "assets.skills_recognised"),
    ("The gardener says I know more about roses... well, I know it better than him.", "assets.skills_recognised"),
    ("They call me the expert on anything with wheels.", "assets.skills_recognised"),
    ("They moved the start time because of us.", "assets.expertise_used"),
    ("We share all our skills, I do the sewing and she does the baking.", "reciprocity.two_way"),
    ("I help on the stall at the fete.", "reciprocity.giving_back"),
    ("I'm a volunteer at the library on Mondays.", "reciprocity.giving_back"),
    ("Saturdays I'm on the welcome desk.", "reciprocity.giving_back"),
    ("I help make the sandwiches before the session.", "reciprocity.giving_back"),
    ("I show the new ones the ropes.", "reciprocity.giving_back"),
    ("The rangers leave it to me how the pond gets cleared.", "facilitation.stepping_back"),
    ("They pay us for the talks we give now.", "redefining_work.help_counted"),
    ("We set up a WhatsApp for the dads.", "peer_networks.self_organised"),
    ("Me and Carol hold each other up.", "peer_networks.peer_support"),
    ("Nobody consulted the tenants about the new bins.", "negative.done_to"),
    ("The managers plan it all and we don't get a look in.", "negative.done_to"),
]


# Families of wording from data/dev5's tuning half (a kitchen garden), said here in fresh sentences.
DEV5_FAMILIES = [
    ("I wash the cups up after the coffee morning.", "reciprocity.giving_back"),
    ("I fill the watering cans before anyone else gets in.", "reciprocity.giving_back"),
    ("I'm on the door on a Friday.", "reciprocity.giving_back"),
    ("I'm still on the washing-up, same as always.", "reciprocity.giving_back"),
    ("I do a bit of weeding.", "reciprocity.giving_back"),
    ("I help Fiona with the watering.", "reciprocity.giving_back"),
    ("I'm on washing-up duty.", "reciprocity.giving_back"),
    ("I lay the tables for the lunch.", "reciprocity.giving_back"),
    ("The staff still do all the talking.", "facilitation.staff_led"),
    ("We're just labour now.", "facilitation.staff_led"),
    ("Saturdays are mine and Joe's now.", "power.co_leading"),
    ("We share the running of it.", "power.co_leading"),
    ("If we say the rota's changing, it changes.", "power.shared_decisions"),
    ("The worker can't spend a penny without us.", "power.shared_decisions"),
    ("It's up to me what goes on the menu.", "power.shared_decisions"),
    ("That's what went into the leaflet in the end.", "assets.expertise_used"),
    ("We pointed out the ramp was too steep and she redrew it.", "assets.expertise_used"),
    ("We talked about what went well and what went wrong.", "power.co_designing"),
    ("We wrote it all up with the coordinator.", "power.co_designing"),
    ("We did our own survey of the regulars.", "power.co_designing"),
    ("They built the ramp exactly how we asked.", "power.co_designing"),
    ("We go over the plans with the staff before anything's built.", "power.co_designing"),
    ("There was a survey about the opening hours and I filled it in.", "power.consulted"),
    ("She asked me whether the group should start at ten.", "power.consulted"),
    ("At the end they ask us how it went.", "power.consulted"),
    ("I gave them my ideas. Not heard a word back.", "negative.tokenistic"),
    ("Our ideas just go in a drawer.", "negative.tokenistic"),
    ("I show her how to knit, and she shows me how to use the tablet.", "reciprocity.two_way"),
    ("She learns from me and I learn from her.", "reciprocity.two_way"),
    ("The manager sends new people to me for advice.", "assets.skills_recognised"),
    ("They asked me to show the new volunteers how to use the till.", "assets.skills_recognised"),
    ("They treat me like I was one of the team.", "power.blurred_boundaries"),
    ("That's decided up at head office.", "negative.done_to"),
    ("They handed the café over to a company.", "negative.done_to"),
    ("They don't ask any more.", "negative.done_to"),
    ("I ran Saturdays with her all summer.", "power.co_leading"),
    ("Neither of us is the boss of it.", "power.shared_decisions"),
    ("The kitty needs both our signatures.", "power.shared_decisions"),
    ("A survey went round in the spring.", "power.consulted"),
    ("I'm the tables person.", "reciprocity.giving_back"),
]


# Second round of corpus families (stop 46), said here in fresh sentences; barriers give no ladder evidence
# but are coded, so a researcher can see what held people back.
SECOND_ROUND = [
    ("I've run the tuck shop for three years now.", "power.co_leading"),
    ("We've been organising the summer fair since the centre opened.", "power.co_leading"),
    ("Somehow I ended up chairing the friends' group.", "power.co_leading"),
    ("We set our own agenda for the carers' meeting.", "power.shared_decisions"),
    ("The steering group, of which I'm one, signs off the budget.", "power.shared_decisions"),
    ("The warden lets us plan the outings ourselves.", "facilitation.stepping_back"),
    ("I do the raffle every second Saturday.", "reciprocity.giving_back"),
    ("I do the Thursday quiz.", "reciprocity.giving_back"),
    ("I write the newsletter for the allotment society.", "reciprocity.giving_back"),
    ("My supervisor lets me finish early on a Wednesday for Mum's clinic.", "barriers_enablers.flexible_employer"),
    ("I only get to the group if my brother's home to sit with Dad.", "barriers_enablers.replacement_care"),
]


# Third round (stop 47), in fresh sentences: belonging to a working team or group, minding the door, and
# verbatim speech, where a filler ("I, um, volunteer ...", "We, erm, run ...") stands between the pronoun
# and the verb of a pattern that already allowed "still", "now" or "also" there. None is found at main.
THIRD_ROUND = [
    ("I'm on the litter team at the church now.", "reciprocity.giving_back"),
    ("I'm part of the befriending group.", "reciprocity.giving_back"),
    ("I'm still on the setup crew for the Saturday market.", "reciprocity.giving_back"),
    ("We sit on the door at the Friday disco.", "reciprocity.giving_back"),
    ("I, um, volunteer at the food bank.", "reciprocity.giving_back"),
    ("I— literally help the older ones with their phones.", "reciprocity.giving_back"),
    ("We, erm, run the coffee morning now.", "power.co_leading"),
    ("I, er, basically show the new lads how the till works.", "peer_networks.peer_support"),
]


# Fourth round (stop 49), in fresh sentences: written and everyday register, from the tuning halves of corpora
# 12 and 13 (messages, diaries, e-mails). Each family drops what a written message drops (no article before the
# people named, no "I" before "now"); the last three are written without apostrophes ("im", "thats"), which split
# into "i" "m" and "that" "s" and were found by no pattern with "'m" or "'s". None is found at main.
FOURTH_ROUND = [
    ("no cash in this club, everybody brings something to the table", "reciprocity.two_way"),
    ("I cover her shift when she's off and she'd do the same for me.", "reciprocity.two_way"),
    ("we cover her stall on market day and she does it for us too", "reciprocity.two_way"),
    ("the college lads help our kids with their reading and we cook them a meal after", "reciprocity.two_way"),
    ("Now I have mates from three different streets.", "peer_networks.networks_widened"),
    ("there's five mums I can message any time of the night", "peer_networks.networks_widened"),
    ("What I do for my neighbour is work.", "redefining_work.caring_is_work"),
    ("Nobody runs it but us mums.", "peer_networks.self_organised"),
    ("Paula just lets the parents run the Saturday session.", "facilitation.stepping_back"),
    ("they asked us elders to teach the young ones the dances", "facilitation.catalyst"),
    ("the manager asks us residents what is wrong with the lift", "power.consulted"),
    ("i'll do the same for the new lad next week", "peer_networks.peer_support"),
    ("the council finally used our drawings for the new playground", "assets.expertise_used"),
    ("im the one who sorts the rota tbh", "reciprocity.giving_back"),
    ("im part of the welcome team now", "reciprocity.giving_back"),
    ("thats work, sitting up with him all night", "redefining_work.caring_is_work"),
]

# Stop 50's review: the indicators its lookalikes are kept from, still finding what they are for (found at main too).
KEPT_BESIDE_LOOKALIKES = [
    ("They used my words in the leaflet.", "assets.expertise_used"),
    ("They used it in the new leaflet.", "assets.expertise_used"),
    ("The volunteer helps us with the forms and we feed her.", "reciprocity.two_way"),
    ("My neighbour helps me with the shopping and I cook for her.", "reciprocity.two_way"),
    ("Staff asked what I thought about the new hours.", "power.consulted"),
    ("Woman from the trust came round. Asked what I thought of the place.", "power.consulted"),
    ("The manager asks me what is the problem with the rota.", "power.consulted"),
]


@pytest.mark.parametrize(("text", "code"), EVERYDAY + PARAPHRASE + CORPUS_FAMILIES + DEV5_FAMILIES + SECOND_ROUND + THIRD_ROUND + FOURTH_ROUND + KEPT_BESIDE_LOOKALIKES)
def test_everyday_wording_is_found_as_the_speakers_own(nlp, matcher, text, code):
    assert "affirmed" in statuses(nlp, matcher, text, code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Lookalikes of the paraphrase families that are not the code at all.
        ("People come for the company as much as the books.", "power.shared_decisions"),
        ("She comes to me when she needs her tablets.", "assets.skills_recognised"),
        ("My mum left the house to us.", "facilitation.stepping_back"),
        ("I took the engine apart last week.", "power.co_designing"),
        ("She was stuck in the house.", "reciprocity.giving_back"),
        ("I cooked for the kids.", "reciprocity.giving_back"),
        ("The funder wants to know how many people have got jobs.", "power.consulted"),
        ("I told her about it and she changed her mind.", "power.consulted"),
        ("The final say is the manager's.", "power.shared_decisions"),
        ("I went through the forms with the adviser.", "power.co_designing"),
        ("I applied for two jobs and didn't hear back.", "negative.tokenistic"),
        ("My neighbour sat down with me and worked out my bills.", "power.co_designing"),
        ("Nothing happens without the members agreeing.", "negative.tokenistic"),
        ("Us and the staff make the decisions together.", "negative.done_to"),
        ("I've asked whether they could run a session for my team.", "power.consulted"),
        ("I was involved in a car accident last year.", "power.co_designing"),
        ("They treat us like family.", "negative.done_to"),
        ("Nobody told me I could claim for the bus.", "negative.done_to"),
        ("It's me doing it, not the firm.", "facilitation.catalyst"),
        ("The walking group is run by the members themselves.", "power.consulted"),
        # Lookalikes of the corpus families.
        ("They asked me what to do about the damp.", "power.consulted"),
        ("I teach maths at the high school.", "power.co_leading"),
        ("I run the risk of being late most days.", "power.co_leading"),
        ("I'm on the bus most of the morning.", "reciprocity.giving_back"),
        ("I choose to walk there when it's dry.", "power.shared_decisions"),
        ("He told the doctor what had happened.", "power.consulted"),
        # Lookalikes of the dev5 families: home, family and work.
        ("I wash the pots after tea at home.", "reciprocity.giving_back"),
        ("I'm just washing my hair.", "reciprocity.giving_back"),
        ("I do all the cooking for him.", "reciprocity.giving_back"),
        ("I chop the veg for his dinner.", "reciprocity.giving_back"),
        ("The house is mine and Dave's.", "power.co_leading"),
        ("Me and my husband run the house together.", "power.co_leading"),
        ("If I say no, she cries.", "power.shared_decisions"),
        ("It's up to me to look after him.", "power.shared_decisions"),
        ("What I say goes in this house.", "power.shared_decisions"),
        ("It's my money, I'll spend it how I like.", "power.shared_decisions"),
        ("He did my hair just how I wanted.", "power.co_designing"),
        ("He went round asking everyone if they'd seen the dog.", "power.co_designing"),
        ("My wife says my cooking is the best.", "assets.skills_recognised"),
        ("My mum relies on me for everything.", "assets.skills_recognised"),
        ("They sold the house to a company.", "negative.done_to"),
        ("They put me down for a hip operation.", "facilitation.catalyst"),
        ("My grandson comes round and he shows me how to use the phone.", "reciprocity.two_way"),
        ("I run on Saturdays with the club.", "power.co_leading"),
        ("I'm the tea lady at the school.", "reciprocity.giving_back"),
        ("We put it in the oven.", "power.co_designing"),
        ("We wanted more of that spirit going into the plan.", "assets.expertise_used"),
        ("I've not got anywhere with the forms yet.", "negative.done_to"),
        # Lookalikes of the second round (stop 46): a household's chores and running a home are not the service.
        ("I do the shopping every Friday.", "reciprocity.giving_back"),
        ("I do the school run every morning.", "reciprocity.giving_back"),
        ("I do the Tuesday shop at the big Tesco.", "reciprocity.giving_back"),
        ("I've run the house on my own since he died.", "power.co_leading"),
        ("I've always run the risk of a fall.", "power.co_leading"),
        ("I ended up running the bath for him.", "power.co_leading"),
        ("My mum lets me choose what's for tea.", "facilitation.stepping_back"),
        # Lookalikes of the third round (stop 47): sports teams, a till at work, sitting on a step, a filler
        # before a verb no pattern takes.
        ("I'm in the football team at school.", "reciprocity.giving_back"),
        ("I'm on the darts team at the Red Lion.", "reciprocity.giving_back"),
        ("I sit on the front step with my tea.", "reciprocity.giving_back"),
        ("I work on the till at the big Tesco.", "reciprocity.giving_back"),
        ("I, um, I just watch the new lads from the car.", "peer_networks.peer_support"),
        # The merged change's review: a team, crew or desk at work is a job, not giving back.
        ("I'm on the marketing team at work.", "reciprocity.giving_back"),
        ("I'm on the senior leadership team.", "reciprocity.giving_back"),
        ("I'm in the England squad.", "reciprocity.giving_back"),
        ("I'm on the maintenance team at the factory.", "reciprocity.giving_back"),
        ("I sit on the desk at the bank.", "reciprocity.giving_back"),
        # Lookalikes of the fourth round (stop 49): a favour done one way, a family's evening, school, one's own words.
        ("She does it for me because I can't reach.", "reciprocity.two_way"),
        ("Mum lets the kids run riot at tea time.", "facilitation.stepping_back"),
        ("My teacher asked me to explain my answer.", "facilitation.catalyst"),
        ("I always use my own words when I write.", "assets.expertise_used"),
        ("Now I have no friends left.", "peer_networks.networks_widened"),
        ("Nobody runs it like Maureen did.", "peer_networks.self_organised"),
        # The fourth round's review: a health visit, a family, school and paid care, and an amount in millions.
        ("The nurse asks me every single week what is wrong with my leg.", "power.consulted"),
        ("The GP asks us at each visit what is missing from his diet.", "power.consulted"),
        ("My mum always asks me on the phone what's wrong.", "power.consulted"),
        ("The teacher asks us in class what is the answer.", "power.consulted"),
        ("My husband asks me every night what is good on telly.", "power.consulted"),
        ("The headteacher asks us at parents' evening what is working at home.", "power.consulted"),
        ("She lets the kids run the bath.", "facilitation.stepping_back"),
        ("She lets the kids run to school.", "facilitation.stepping_back"),
        ("Dad lets the kids lead the prayers.", "facilitation.stepping_back"),
        ("She lets the family run her life.", "facilitation.stepping_back"),
        ("She lets the carers run the house now.", "facilitation.stepping_back"),
        ("Mum lets the girls run the shop while she's out.", "facilitation.stepping_back"),
        ("We help our kids with homework and we feed them.", "reciprocity.two_way"),
        ("Grandma helps us with the kids and we feed her on Sundays.", "reciprocity.two_way"),
        ("She does the same for me, but she's paid to.", "reciprocity.two_way"),
        ("The carer comes in and she does the same for me every morning.", "reciprocity.two_way"),
        ("My sister helps us with the shopping and we drive her to bingo.", "reciprocity.two_way"),
        ("Nan always helps us with the kids and we feed her.", "reciprocity.two_way"),
        # Stop 50's review: used against the speaker; step-, in-law and partner family; a helper "to" hides; a
        # clinician, counsellor, receptionist or teacher asking is a consultation, a lesson or a clinical question.
        ("They used my words against me.", "assets.expertise_used"),
        ("They used what I said against me.", "assets.expertise_used"),
        ("They used it against us at the tribunal.", "assets.expertise_used"),
        ("My step-mum helps us with the kids and we feed her.", "reciprocity.two_way"),
        ("My stepdad helps us with the kids and we feed him.", "reciprocity.two_way"),
        ("My mother-in-law helps us with the kids and we feed her.", "reciprocity.two_way"),
        ("My in-laws help us with the kids and we feed them.", "reciprocity.two_way"),
        ("My boyfriend helps us with the kids and we feed him.", "reciprocity.two_way"),
        ("My girlfriend helps us with the kids and we feed her.", "reciprocity.two_way"),
        ("My partner helps me with the shopping and I cook for him.", "reciprocity.two_way"),
        ("My mum helps me with the shopping and I cook for her.", "reciprocity.two_way"),
        ("She comes round to help us with the kids and we feed her.", "reciprocity.two_way"),
        ("The counsellor asked what I thought.", "power.consulted"),
        ("The counsellor asked me how I felt.", "power.consulted"),
        ("The optician asked what I thought.", "power.consulted"),
        ("The receptionist asked what I thought.", "power.consulted"),
        ("The doctor asks me what is the problem.", "power.consulted"),
        ("The health visitor asks me what is the problem.", "power.consulted"),
        ("The GPs asked what we wanted.", "power.consulted"),
        ("My mother-in-law always asks me what is the problem.", "power.consulted"),
        ("Now I have fewer friends than before.", "peer_networks.networks_widened"),
        ("Now I've lost my friends.", "peer_networks.networks_widened"),
        ("Now I have a friend who died.", "peer_networks.networks_widened"),
        ("My family I can text anytime.", "peer_networks.networks_widened"),
        ("My mum I can always ring.", "peer_networks.networks_widened"),
        ("People I can call when I need money: none.", "peer_networks.networks_widened"),
        ("My son I can always call.", "peer_networks.networks_widened"),
        ("My daughter used my recipe for the cake.", "assets.expertise_used"),
        ("The police used my photo in the paper.", "assets.expertise_used"),
        ("The council used my name on the poster without asking.", "assets.expertise_used"),
        ("The school used my photo on the website.", "assets.expertise_used"),
        ("My wife used my idea for the kitchen.", "assets.expertise_used"),
        ("The trust spent £2 m in the board's first year.", "power.co_designing"),
        ("They raised 3 m on the committee's advice, I read.", "power.co_designing"),
        ("They spent 5 m on the panel's new offices.", "power.co_designing"),
    ],
)
def test_paraphrase_lookalikes_are_not_coded(nlp, matcher, text, code):
    assert statuses(nlp, matcher, text, code) == set()


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
    parts = {split: module.split_cases(module.DEV3, split) for split in ("tuning", "held_out")}
    assert parts == {"tuning": ["R01", "R02", "R03", "S01"], "held_out": ["R04"]}
    traps = module.trap_table(study, module.DEV3, cases=parts["tuning"])
    assert traps.loc["other_person", "traps"] == 31 and traps.loc["historical", "traps"] == 14
    assert traps.loc["all", "counted at full weight"] == 0
    assert module.trap_table(study, module.DEV3, cases=parts["held_out"]).loc["all", "traps"] == 12
    recall = module.recall_by_theme(study, module.DEV3, cases=parts["tuning"])
    assert recall.loc["all", "passages"] == 38
    # 0.71 before the everyday indicators of the assertion corpora (issue 15 item 6), 0.87 with them.
    assert recall.loc["all", "recall"] >= 0.85
def test_the_fourth_development_study_held_out_half():
    """data/dev4, everyday paraphrase: the indicators were tuned on L01 and L03 only; L02 and L04 are held out."""
    module = _make_validation()
    study = module.coded(module.DEV4)
    tuning, held_out = (module.split_cases(module.DEV4, split) for split in ("tuning", "held_out"))
    assert (tuning, held_out) == (["L01", "L03"], ["L02", "L04"])
    recall = {split: module.recall_by_theme(study, module.DEV4, cases=cases) for split, cases in (("tuning", tuning), ("held_out", held_out))}
    assert recall["tuning"].loc["all", "passages"] == 24
    assert recall["held_out"].loc["all", "passages"] == 26
    # Before the paraphrase families: 0.29 tuning, 0.35 held out.
    assert recall["tuning"].loc["all", "recall"] >= 0.9
    assert recall["held_out"].loc["all", "recall"] >= 0.65
    traps = module.trap_table(study, module.DEV4, cases=held_out)
    assert traps.loc["all", "traps"] == 29
    assert traps.loc["all", "counted at full weight"] == 0
    with pytest.raises(ValueError, match="no split"):
        module.split_cases(module.DEV4, "validation")


def test_the_fifth_development_study_held_out_half():
    """data/dev5, written by an author who never saw the indicators: its families of wording were
    taken from the tuning half only (M01, M03, M05 and the staff member M09). The held-out half
    (M02, M04) was never read, neither transcripts nor gold rows; only these figures were seen."""
    module = _make_validation()
    study = module.coded(module.DEV5)
    tuning, held_out = (module.split_cases(module.DEV5, split) for split in ("tuning", "held_out"))
    assert (tuning, held_out) == (["M01", "M03", "M05", "M09"], ["M02", "M04"])
    recall = {split: module.recall_by_theme(study, module.DEV5, cases=cases) for split, cases in (("tuning", tuning), ("held_out", held_out))}
    assert recall["tuning"].loc["all", "passages"] == 45
    assert recall["held_out"].loc["all", "passages"] == 30
    # Before the dev5 families: 0.20 tuning (9 of 45), 0.20 held out (6 of 30). After them the
    # held-out half is still at 0.20: the families written from the tuning half reach none of its
    # passages. (Two indicators that did, a key to the kitchen and drawings used, had been
    # suggested by the README's account of the held-out members and were taken out again.)
    assert recall["tuning"].loc["all", "recall"] >= 0.8
    assert recall["held_out"].loc["all", "recall"] >= 0.2
    # Traps at full weight did not rise with the new indicators (3 tuning, 4 held out before and
    # after). The tuning half's three are the assertion rules' to fix, not the indicators': a union
    # committee in the past, a relative's group told second-hand, a prompted "designed by us, yeah".
    traps = {split: module.trap_table(study, module.DEV5, cases=cases) for split, cases in (("tuning", tuning), ("held_out", held_out))}
    assert (traps["tuning"].loc["all", "traps"], traps["held_out"].loc["all", "traps"]) == (62, 35)
    assert traps["tuning"].loc["all", "counted at full weight"] <= 3
    assert traps["held_out"].loc["all", "counted at full weight"] <= 4
    # The staff member has traps but no designed levels: her trajectories are not measured.
    designed = module._gold(module.DEV5, "designed_levels", tuning)
    assert "M09" not in set(designed["case_id"])
    assert module.trajectory_table(study, designed.astype({"level": "Int64"})).loc["design", "cases"] == 3


# Stop 50's review: a negation at a match's start, and indicators whose own words hold "n't" or "’", in a study.
# Each turn is one participant's; the figures before are those main gave.
NEGATION_AND_SPELLING = {
    # The pattern's first word may be "do", so the match began at "don't" and its negation was inside it (before: affirmed).
    "We don't run it ourselves.": {("power.co_leading", "negated")},
    "We dont run it ourselves.": {("power.co_leading", "negated")},
    # A wildcard after the first word took the negation into the match too (before: affirmed).
    "We run nothing ourselves.": {("power.co_leading", "negated")},
    # The first word of the pattern may be any word but I, we or a family word, "n't" among them (before: two_way affirmed).
    "The staff don't help us with the rota and we feed them.": {("facilitation.staff_led", "affirmed"), ("reciprocity.two_way", "negated")},
    # Indicators whose own words hold "n't" (before: nothing, as the matcher read "nt" where the rules read "n't").
    "They dont listen to us.": {("negative.done_to", "affirmed")},
    "They didnt ask us.": {("negative.done_to", "affirmed")},
    # Unchanged: with the apostrophe, typographic or straight.
    "They don\u2019t listen to us.": {("negative.done_to", "affirmed")},
    "They didn't ask us.": {("negative.done_to", "affirmed")},
}


def test_a_negation_at_a_matchs_start_and_dont_in_an_indicator_code_in_a_study(tmp_path):
    import warnings

    from .conftest import write

    said = list(NEGATION_AND_SPELLING)
    for number, text in enumerate(said):
        write(tmp_path / f"P{number:02d}_W1_interview.txt", f"Interviewer: Tell me.\n\nP{number:02d}: {text}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one-turn transcripts: the study's small size is said
        codings = qlr.load(tmp_path, progress=False).apply("coproduction", progress=False).codings
    found = {
        said[int(doc_id[1:3])]: set(zip(rows["code_id"], rows["assertion"])) for doc_id, rows in codings.groupby("doc_id")
    }
    assert found == NEGATION_AND_SPELLING


def test_an_indicator_written_with_a_typographic_apostrophe_or_without_one_matches_every_spelling(tmp_path):
    from .conftest import write

    codebook = write(
        tmp_path / "cb.yaml",
        "name: Words\ncodes:\n"
        "- id: part\n  name: Part\n  definition: Being part of it.\n  indicators:\n  - phrase: I\u2019m part of\n"
        "- id: heard\n  name: Not heard\n  definition: Not listened to.\n  indicators:\n"
        "  - pattern: [{LOWER: {IN: [do, did]}}, {LOWER: \"n\u2019t\"}, {LEMMA: listen}]\n",
    )
    book = qlr.read_codebook(codebook)
    nlp = pipeline()
    matcher = CodebookMatcher(nlp, book, lemmas_of_lower=True)
    from qlr.code._nlp import TokenColumns

    columns = TokenColumns(nlp, lambda chunk: [t.text for t in nlp.tokenizer(chunk)])
    for text, code in [
        ("I'm part of the rota.", "part"), ("I\u2019m part of the rota.", "part"), ("They don't listen.", "heard"),
        ("They dont listen.", "heard"), ("They don\u2019t listen.", "heard"),
    ]:  # before: the indicator's "’" matched only a text's "’" (as a Doc), and no text as coding reads it
        # Affirmed: the negation is the indicator's own word, wherever the match starts.
        assert {(m.code_id, m.assertion) for m in matcher(nlp(text))} == {(code, "affirmed")}, text
        assert {(m.code_id, m.assertion) for m in matcher.match_tokens(columns.of(text.replace("\u2019", "'")))} == {(code, "affirmed")}, text


def test_a_pattern_written_with_nt_keeps_matching_dont(tmp_path):
    """A codebook written for spaCy's split of "dont" ("do" "nt") kept matching after the matcher read "nt" as "n't"
    (a reviewer's codebook coded nothing, stop 50)."""
    from .conftest import write

    codebook = write(
        tmp_path / "cb.yaml",
        "name: Words\ncodes:\n- id: heard\n  name: Not heard\n  definition: Not listened to.\n  indicators:\n"
        "  - pattern: [{LOWER: do}, {LOWER: nt}, {LEMMA: listen}]\n"
        "- id: territory\n  name: NT\n  definition: The Northern Territory.\n  indicators:\n"
        "  - pattern: [{LOWER: the}, {LOWER: nt}, {LOWER: government}]\n",
    )
    nlp = pipeline()
    matcher = CodebookMatcher(nlp, qlr.read_codebook(codebook), lemmas_of_lower=True)
    for text in ("They dont listen to us.", "They don't listen to us."):
        assert {(m.code_id, m.assertion) for m in matcher(nlp(text))} == {("heard", "affirmed")}, text
    # "NT" after no auxiliary stays "nt" (a third review: rewriting every "nt" lost "the NT government").
    assert {m.code_id for m in matcher(nlp("We wrote to the NT government about it."))} == {"territory"}
