"""Statuses said in dialect (stop 53): the negators, answers and aspect markers of regional and world Englishes.

Every sentence here was written for these tests (none is from a corpus). Each rule has sentences it must change and
lookalikes it must leave alone: standard "never", "no worries", a yes said after a no, a name with "nae" in it, a
refusal in someone else's quoted words, a no answering a question, and grammar already read right (negative concord,
habitual "be", tags).
"""

from __future__ import annotations

import pytest

from qlr.code._nlp import pipeline

from .test_sideways import _statuses  # one reading of a turn by the coproduction codebook, shared

NEGATORS = [
    # Scots and Northern English "-nae"/"-na" on an auxiliary, and "nae"/"naebody" for no/nobody.
    ("They didnae ask us what we think.", "power.consulted", {"negated"}),
    ("The council disnae consult us.", "power.consulted", {"negated"}),
    ("They cannae consult us, they just tell us.", "power.consulted", {"negated"}),
    ("The staff wasnae consulting us.", "power.consulted", {"negated"}),
    ("They dinna consult us.", "power.consulted", {"negated"}),
    ("Naebody consulted us.", "power.consulted", {"negated"}),
    # Caribbean "neva" (a past denial) and "nuh" (not).
    ("Dem neva consult we bout di fee.", "power.consulted", {"negated"}),
    ("Dem nuh consult we.", "power.consulted", {"negated"}),
    # "-n't" spelled without its apostrophe.
    ("They dont consult us.", "power.consulted", {"negated"}),
    ("They aint consulted us about the fee.", "power.consulted", {"negated"}),
    # Lookalikes: a name with "nae" in it, "nae bother" (no trouble), standard "never", negative concord and
    # "ain't" (read right before), quoted speech.
    ("Ji-nae and I run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Nae bother, we run it ourselves.", "power.co_leading", {"affirmed"}),
    ("They never consulted us, not once.", "power.consulted", {"negated"}),
    ("We've never been consulted about anything.", "power.consulted", {"negated"}),
    ("Nobody never consulted us about nothing.", "power.consulted", {"negated"}),
    ("Ain't nobody consulted us.", "power.consulted", {"negated"}),
    ("'We vote on everything,' she said.", "power.shared_decisions", {"other"}),
]

ASPECT = [
    # "fixing to" / "finna": about to, only planned.
    ("We're fixing to run it ourselves.", "power.co_leading", {"hypothetical"}),
    ("I was fixin' to run the group ourselves.", "power.co_leading", {"hypothetical"}),
    ("We finna run it ourselves.", "power.co_leading", {"hypothetical"}),
    # Lookalikes: habitual "be" and "does" say what is done, "might could" was read as a hope before, the Irish
    # "after" perfect is done now and "after" wanting something is no past.
    ("We be voting on it every week.", "power.shared_decisions", {"affirmed"}),
    ("We does run it ourselves every week.", "power.co_leading", {"affirmed"}),
    ("We might could get a vote next year.", "power.shared_decisions", {"hypothetical"}),
    ("I'm after telling them we run it ourselves.", "power.co_leading", {"affirmed"}),
    ("He is after a vote on the committee.", "power.shared_decisions", {"other"}),
]

ANSWERS = [
    # Two particles or more: the last says it ("yeah nah" no, "nah yeah" yes); "naw" is a no.
    ("Do they consult you? Yeah nah, not really.", "power.consulted", {"negated"}),
    ("Do they consult you? Nah, yeah, every month.", "power.consulted", {"affirmed"}),
    ("Do you get a vote? Nah yeah.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Naw.", "power.shared_decisions", {"negated"}),
    # Lookalikes: one particle as before, "no worries" is no no, South African "ja, no" is a yes, a yes then a denial.
    ("Do you get a vote? Yeah nah.", "power.shared_decisions", {"negated"}),
    ("Do you get a vote? Nah.", "power.shared_decisions", {"negated"}),
    ("Do you get a vote? Yeah, no worries, we vote on everything.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Ja, no, every month.", "power.shared_decisions", {"affirmed"}),
    ("Ja, no, we voted on it, the whole street.", "power.shared_decisions", {"affirmed"}),
    ("Yeah, no worries, we run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Do they consult you? Nah, yeah, never.", "power.consulted", {"negated"}),
    ("We vote on everything, innit?", "power.shared_decisions", {"affirmed"}),
    ("We vote on everything, no?", "power.shared_decisions", {"affirmed"}),
]

REFUSALS = [
    # A no particle alone, or a subjectless "Cannot lah", after an offer: a refusal.
    ("They asked me to chair the meetings. Yeah nah.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Nah.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Naw.", "power.co_leading", {"declined"}),
    ("They ask me help chair the meetings. Cannot lah, my satay on the fire.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Don't want lah.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. No.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. No need lor.", "power.co_leading", {"declined"}),
    # Lookalikes: a question answered no denies, a yes after the no takes it on, someone else's quoted no, a no
    # with no offer before it, a refusal going on with more than a particle.
    ("Do you chair the meetings? Yeah nah.", "power.co_leading", {"negated"}),
    ("They asked would I chair the meetings. Yeah nah.", "power.co_leading", {"hypothetical"}),
    ("They asked me to chair the meetings. Nah yeah, I said I would.", "power.co_leading", {"affirmed"}),
    ('They asked me to chair the meetings. "Nah," said Bev.', "power.co_leading", {"affirmed"}),
    ("We run it ourselves. Nah, honestly, we do.", "power.co_leading", {"affirmed"}),
    ("We run it ourselves. Cannot lah, otherwise nothing happens.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. No, honestly, they did.", "power.co_leading", {"affirmed"}),
]

# A review's probes of the rules above (stop 53), each with the reading it must have.
REVIEW = [
    # A no particle followed by words says no, unless the words are a phrase of the closed list ("no worries").
    ("Do they consult you? Yeah, no chance.", "power.consulted", {"negated"}),
    ("Do they consult you? Yeah, no way.", "power.consulted", {"negated"}),
    ("Do they consult you? Yeah, no one does.", "power.consulted", {"negated"}),
    ("Do they consult you? Yeah, no fear.", "power.consulted", {"negated"}),
    ("Do they consult you? Yeah, nah mate.", "power.consulted", {"negated"}),
    ("Do they consult you? Yeah no they don't.", "power.consulted", {"negated"}),
    ("Do they consult you? Yes no they don't.", "power.consulted", {"negated"}),
    ("Do you get a vote? Yeah nah we don't.", "power.shared_decisions", {"negated"}),
    ("Do they consult you? Yeah nah they never do.", "power.consulted", {"negated"}),
    ("Do you get a vote? Yes, no problem.", "power.shared_decisions", {"affirmed"}),
    ("Do they consult you? Aye, no bother, every month.", "power.consulted", {"affirmed"}),
    ("Do you get a vote? Yes yes. No doubt.", "power.shared_decisions", {"affirmed"}),
    # A run ending in no, then the answer's own yes: the yes.
    ("Do they consult you? Yeah nah, they do actually.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Yeah nah they do.", "power.consulted", {"affirmed"}),
    ("Do you get a vote? Yeah nah, we do, every week.", "power.shared_decisions", {"affirmed"}),
    ("Are they consulting you now? Yeah nah, they are.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Aye, naw, they do, every month.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Yeah, yeah, nah, they do.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Yeah, nah, they don't.", "power.consulted", {"negated"}),
    ("Do you get a vote? Yeah nah, not really.", "power.shared_decisions", {"negated"}),
    # A bare no that repairs what was said, or is undone by a yes, refuses nothing; a doubled no refuses as one does.
    ("They asked me to chair the meetings. No. Sorry, it was Bev they asked.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. No. Wait, that was the year after.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. Nah. I mean yes, I did it for two years.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. No. I said yes.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. Yeah nah. I said yes in the end.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings and I said yes. No.", "power.co_leading", {"affirmed"}),
    ("They asked us to chair the meetings, and now we do. No.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. Nah. I wasn't ready.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. No, no.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Nah, nah.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. No, no, I loved it.", "power.co_leading", {"affirmed"}),
    # Yes particles say yes alone or opening an answer, as "yes" does.
    ("Do they consult you? Aye.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Aye, they do.", "power.consulted", {"affirmed"}),
    ("Do they consult you? Aye, every month.", "power.consulted", {"affirmed"}),
    ("Consulted? Aye.", "power.consulted", {"affirmed"}),
    ("Do you get a vote? Yup.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Ja.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Yah.", "power.shared_decisions", {"affirmed"}),
    ("Do they consult you? Aye, nae chance.", "power.consulted", {"negated"}),
    ("Consulted? Aye, right.", "power.consulted", {"negated"}),
    # A name spelled as a dialect word, joined by "and", after "me and" or a title; the word itself still denies.
    ("Niver and I run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Mrs Nivver and I run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Me and Nane consult the members.", "power.consulted", {"affirmed"}),
    ("Nae and I run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Finna and I run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Me and Finna run it ourselves.", "power.co_leading", {"affirmed"}),
    ("Consulted? Nae chance.", "power.consulted", {"negated"}),
    ("They nivver consulted us.", "power.consulted", {"negated"}),
    ("Nane o' them consulted us.", "power.consulted", {"negated"}),
    ("We finna run it ourselves.", "power.co_leading", {"hypothetical"}),
    # "Nae sooner", "nae end of", "never fail to" say yes.
    ("Nae sooner had we asked than they consulted us.", "power.consulted", {"affirmed"}),
    ("No sooner had we asked than they consulted us.", "power.consulted", {"affirmed"}),
    ("Nae end of times they've consulted us.", "power.consulted", {"affirmed"}),
    ("They never fail to consult us.", "power.consulted", {"affirmed"}),
    ("Dem neva fail to consult we.", "power.consulted", {"affirmed"}),
    ("They never consult us.", "power.consulted", {"negated"}),
]

# The review's leftovers (stop 54), with lookalikes that must not change.
LEFTOVERS = [
    # A name spelled as a dialect negator, written with a capital: inside a sentence always a name; opening one, "Nae" or
    # "Nane" straight before a past form. Not "nane o' them", "naebody", lower case, capitals throughout, nor "Niver"
    # opening a sentence ("never" with its subject left out).
    ("Nane consulted us, she was brilliant.", "power.consulted", {"negated"}),  # opening a sentence: the word (review)
    ("Nane consulted us.", "power.consulted", {"negated"}),
    ("Nane asked us to run it.", "facilitation.catalyst", {"negated"}),
    ("[pause] Nane consulted us.", "power.consulted", {"negated"}),
    ("Well... Nane consulted us, did they.", "power.consulted", {"negated"}),
    ("Yesterday Neva consulted us about the fee.", "power.consulted", {"affirmed"}),
    ("We asked Finna and she consulted us.", "power.consulted", {"affirmed"}),
    ("We're finna run the rota ourselves.", "power.co_leading", {"hypothetical"}),
    # Standard English the dialect rows changed, read as said (a review's probes, stop 54).
    ("No wonder they never consult us.", "negative.done_to", {"affirmed"}),
    ("It's no wonder nobody listens to us.", "negative.done_to", {"affirmed"}),
    ("No question was asked, we just ran it ourselves.", "power.co_leading", {"affirmed"}),
    ("No question, we decide everything together.", "power.shared_decisions", {"affirmed"}),
    ("There's no question of them consulting us.", "power.consulted", {"negated"}),
    ("NO QUESTION THEY CONSULT US.", "power.consulted", {"affirmed"}),
    ("They don't consult us, no wonder people leave.", "power.consulted", {"negated"}),
    ("Yesterday Nane consulted us about the fee.", "power.consulted", {"affirmed"}),
    ("At the meeting Nane consulted us about the fee.", "power.consulted", {"affirmed"}),
    ("Naebody consulted us.", "power.consulted", {"negated"}),
    ("Nane o' them consulted us.", "power.consulted", {"negated"}),
    ("At the meeting nane consulted us about the fee.", "power.consulted", {"negated"}),
    ("NANE consulted us.", "power.consulted", {"negated"}),
    ("Nivver consulted us once.", "power.consulted", {"negated"}),
    ("Nane had consulted us about the fee.", "power.consulted", {"negated"}),
    ("Nane have consulted us.", "power.consulted", {"negated"}),
    # "No question" / "nae question" say certainly, as "no doubt" does; "no question of" still denies.
    ("There's nae question they consult us.", "power.consulted", {"affirmed"}),
    ("There's no question they consult us.", "power.consulted", {"affirmed"}),
    ("They consult us every month, nae question.", "power.consulted", {"affirmed"}),
    ("There's no question of them consulting us.", "power.consulted", {"negated"}),
    ("There's nae question of them consulting us.", "power.consulted", {"negated"}),
    ("There's nae question about it, they consult us.", "power.consulted", {"affirmed"}),
    # The exclusions of standard "no", "not", "n't" and "never", said with the dialect negators.
    ("There's nae doubt they consult us.", "power.consulted", {"affirmed"}),
    ("No wonder they consult us, we know the place.", "power.consulted", {"affirmed"}),
    ("Nae wonder they consult us, we know the place.", "power.consulted", {"affirmed"}),
    ("I dinnae think they consult us.", "power.consulted", {"affirmed"}),
    ("I don't think they consult us.", "power.consulted", {"affirmed"}),
    ("They nivver fail to consult us.", "power.consulted", {"affirmed"}),
    ("They're no' only consulting us, they pay us.", "power.consulted", {"affirmed"}),
    ("I'm nae sure they consult us.", "power.consulted", {"affirmed"}),
    ("We're nae longer consulted.", "power.consulted", {"historical"}),
    ("We're no' consulted.", "power.consulted", {"negated"}),
    ("They dinnae consult us.", "power.consulted", {"negated"}),
    ("They dinnae always consult us.", "power.consulted", {"negated"}),
    # "Yeah nah" and a reason after an offer declines it; "Yeah, nah, every week we do." says yes in its own clause.
    ("They asked me to chair the meetings. Yeah nah, I've got enough on.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Yeah, nah, I've got enough on with the allotment.", "power.co_leading", {"declined"}),
    ("They asked me to chair the meetings. Yeah nah, I did it for two years.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. Yeah nah, I said yes in the end.", "power.co_leading", {"affirmed"}),
    ("They asked me to chair the meetings. Yeah nah, sorry, it was Bev they asked.", "power.co_leading", {"affirmed"}),
    ("Do you chair the meetings? Yeah nah, I've got enough on.", "power.co_leading", {"negated"}),
    ("Do you get a vote? Yeah, nah, every week we do.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Yeah nah, always we do.", "power.shared_decisions", {"affirmed"}),
    ("Do you get a vote? Yeah, nah, every week we don't.", "power.shared_decisions", {"negated"}),
    ("Do you get a vote? Yeah, nah, every week we get told after.", "power.shared_decisions", {"negated"}),
]


@pytest.mark.parametrize(("text", "code", "expected"), NEGATORS + ASPECT + ANSWERS + REFUSALS + REVIEW + LEFTOVERS)
def test_dialect_statuses(text: str, code: str, expected: set[str]) -> None:
    assert _statuses(text, code) == expected


def test_naebody_asked_us_stays_denied() -> None:
    from qlr.code._assertion import AssertionRules

    nlp = pipeline()
    rules = AssertionRules(nlp, model=False)
    assert rules.judge(nlp("Naebody asked us."), "asked us") == "negated"
    assert rules.judge(nlp("Naebody asked us. Yesterday Nane consulted us."), "consulted us") == "affirmed"
    assert rules.judge(nlp("Naebody asked us. Nane consulted us."), "consulted us") == "negated"


def test_particle_run_reads_the_last_particle() -> None:
    from qlr.code._assertion import AssertionRules

    nlp = pipeline()
    rules = AssertionRules(nlp)

    def run(text: str) -> tuple[str | None, int]:
        return rules._particle_run([nlp.vocab.strings[t.lower_] for t in nlp(text)])

    assert run("yeah nah , not really") == ("no", 3)
    assert run("nah , yeah , every month") == ("yes", 4)
    assert run("ja , no , we voted") == ("yes", 4)
    assert run("yeah , no worries") == ("yes", 4)  # past the phrase: what follows is read for a denial
    assert run("nah") == (None, 0)
    assert run("yes , no doubt about it") == ("yes", 4)  # a yes, then a phrase of the closed list
    assert run("yeah , no chance") == ("no", 3)  # any other word after the no is what it denies
    assert run("yeah no they do n't") == ("no", 2)
    assert run("yeah nah , they do actually") == ("yes", 3)  # the answer's own yes after the particles
    assert run("yeah nah , they do n't") == ("no", 3)
    assert run("ja , no chance") == ("no", 3)  # "ja, no" is a yes only as particles alone
