"""One reading of a status said after its sentence (``previous`` rows of every category) and one table of hesitations (stop 52).

Probe sentences written for the change, everyday speech: what had to change (marked with what it was) and what must
not.  Each is judged by the bundled rules alone, as ``tests/test_assertion.py`` judges its sentences.
"""

import pytest

from qlr.code._assertion import AssertionRules, Rule
from qlr.code._nlp import pipeline


@pytest.fixture(scope="module")
def rules():
    """The bundled rules alone, without the learned context model; ``rules.nlp`` is qlr's pipeline."""
    return AssertionRules(pipeline(), model=False)


PROBES = [
    # Denials: a denying phrase after a denial carries it on.
    ('They never ask us what we want. Not any more.', 'ask us what we want', 'negated'),
    ('Nobody consults the tenants. Still not.', 'consults the tenants', 'negated'),
    # Reported speech: someone else's word on it leaves the sentence as said, every category alike.
    ('We pick the menu ourselves. Not any more, my sister says.', 'pick the menu ourselves', 'affirmed'),
    ("There's a walking group, they plan the routes themselves. Not for me, she says.", 'plan the routes themselves', 'affirmed'),  # someone else's word, as for every category: she sets herself apart, the speaker's sentence stays as said (was other)
    # "Still not", "not any more": whole, in a next sentence or a closing clause; a longer sentence says nothing.
    ("I said last time we'd get keys to the hall. Still not.", 'get keys to the hall', 'hypothetical'),
    ('We cooked for the whole street on Fridays. Not any more.', 'cooked for the whole street', 'historical'),
    ('We cook for the whole street on Fridays, not any more.', 'cook for the whole street', 'historical'),
    ('We cook for the whole street now. Not any more than we have to.', 'cook for the whole street', 'affirmed'),
    # "…, and no": a refusal only where the speaker was asked or offered.
    ('They offered me a seat on the board, and no.', 'a seat on the board', 'declined'),
    ('My neighbour got a seat on the board, and no.', 'a seat on the board', 'other'),
    # A closing clause with its own subject is about that subject (the first is reached by the sentence's own
    # backward "not any more", not by the status said after).
    ('We sort the rota between us, but the manager, not any more.', 'sort the rota between us', 'historical'),
    ('We choose the films ourselves, though the council, still not.', 'choose the films ourselves', 'affirmed'),
    # Self-repairs and fillers next to a status word.
    ('We run the rota — well, no, not any more.', 'run the rota', 'historical'),
    ('We decide — um, we used to decide the menu.', 'decide', 'historical'),
    ('We, um, we choose the menu ourselves. Not now.', 'choose the menu ourselves', 'historical'),
    ('We choose the menu ourselves. Um, not any more.', 'choose the menu ourselves', 'historical'),  # a hesitation sound opens it, as a filler does (was affirmed)
    ('We choose the menu ourselves. Er, well, no, not now.', 'choose the menu ourselves', 'historical'),  # commas are not counted among the five fillers (was affirmed)
    ('We choose the menu ourselves. Not any more, erm.', 'choose the menu ourselves', 'historical'),  # a hesitation sound closes it (was affirmed)
    ('We choose the menu ourselves. Um, yeah, we do.', 'choose the menu ourselves', 'affirmed'),
    # Someone else's (other): the same places and fit, its window letting the reasons follow.
    ("There's a darts league, they pick the teams themselves. Not for me, all that beer.", 'pick the teams themselves', 'other'),
    ("There's a darts league, they pick the teams themselves. It's not for me.", 'pick the teams themselves', 'other'),  # "it's" opens a next sentence as it opened a clause (was affirmed)
    ("There's a walking group, they plan the routes themselves. Not me, I've got bad knees.", 'plan the routes themselves', 'other'),
    # "Not me" closing a clause sets the speaker apart too (stop 59; it was read only opening a sentence, the row ". not
    # me"), but not in a contrast said to the speaker, to "you" or in quotes.
    ("There's a walking group, they plan the routes themselves, not me.", 'plan the routes themselves', 'other'),
    ('I write the news myself. Manager said me, "you are the expert, not me."', 'you are the expert', 'affirmed'),
    ('We plan the routes ourselves. Not for me, the long ones, I do the short walks.', 'plan the routes ourselves', 'affirmed'),
    ('Do they plan the routes themselves? Not me.', 'plan the routes themselves', 'negated'),
    ("There's a walking group, they plan the routes themselves. I go along on Sundays. Not for me, the hills.", 'plan the routes themselves', 'affirmed'),
    ("There's a walking group, they plan the routes themselves. My brother goes. Good for them.", 'plan the routes themselves', 'other'),
    # The sentence after the next: a past said there (its own rules read "That was years ago" over the turn), a
    # status after the speaker's own sentence between.
    ('We ran the lunch club ourselves. The council paid for the hall. That was years ago.', 'ran the lunch club ourselves', 'historical'),
    ('We run the lunch club ourselves. I love it. Not any more.', 'run the lunch club ourselves', 'affirmed'),
    # A status belongs to the sentence right before it, not to one a sentence earlier ...
    ('The carers really shaped what got said. But with the managers, erm, no. Still no.', 'shaped what got said', 'affirmed'),
    ('We run the lunch club ourselves. The council pays for the hall. Not any more.', 'run the lunch club ourselves', 'affirmed'),
    # ... while setting oneself apart reaches over a sentence not the speaker's, "it's" opening it as in a clause.
    ("Folk round here swap veg in the group chat. My nan's on it. I'm not really, I'm only sixteen.", 'swap veg', 'other'),
    ("You get an hour back for helping someone. It sounds like a nice idea. But it's not for me, is it.", 'an hour back', 'other'),  # was affirmed
    # Breaks: "if" is none; a window read in a closing clause; ";", ":" and "(" open one.
    ('We could run the cafe ourselves, if not now then next year.', 'run the cafe ourselves', 'hypothetical'),
    ('We set the agenda together, not since Covid.', 'set the agenda together', 'historical'),  # a window is read wherever the phrase is said (was affirmed: only in a next sentence)
    ('We get a vote on the menu. In theory.', 'get a vote on the menu', 'hypothetical'),
    ('We get a vote on the menu, well, in theory.', 'get a vote on the menu', 'hypothetical'),
    ("We get a vote on the menu. That's the plan anyway.", 'get a vote on the menu', 'hypothetical'),
    ('We get a vote on the menu; that was then.', 'get a vote on the menu', 'historical'),
    ('We get a vote on the menu: not any more.', 'get a vote on the menu', 'historical'),
    ('We get a vote on the menu (not any more).', 'get a vote on the menu', 'historical'),
    ('They asked me to chair it, and no, she says.', 'chair it', 'other'),
    # A refusal reported, a denial carried on, a question answered, "it's" opening.
    ("I haven't been asked onto the panel. Not since Covid.", 'asked onto the panel', 'negated'),
    ('Do we still get a vote on the menu? Not any more.', 'get a vote on the menu', 'historical'),
    ("We get a vote on the menu. It's still not.", 'get a vote on the menu', 'negated'),  # "it's" opens it for every category (was affirmed)
    ("We get a vote on the menu, it's not for me to say if it's fair.", 'get a vote on the menu', 'affirmed'),
    # Deference is no setting oneself apart, in a next sentence as in a clause: "not for me to <verb>", "not my
    # thing to <verb>" (``pseudo other previous`` rows; review of stop 52: these were other).
    ("Everyone gets a vote on the menu. It's not for me to say if that's fair.", 'gets a vote on the menu', 'affirmed'),
    ("The residents choose the films. It's not for me to judge what they pick.", 'choose the films', 'affirmed'),
    ("The members vote on everything. It's not my thing to interfere, I just cook.", 'vote on everything', 'affirmed'),
    ("The youth club lot, they pick the trips themselves, because it's not my thing.", 'pick the trips themselves', 'other'),
    ("We get a vote on the menu. Not me, though, I'm new.", 'get a vote on the menu', 'affirmed'),
    ('They pick the trips themselves, and not for the first time.', 'pick the trips themselves', 'affirmed'),
    ("There's a darts league, they pick the teams themselves. Still, not for me.", 'pick the teams themselves', 'affirmed'),
    ('We get a vote on the menu. Um, that was true then, er, yeah.', 'get a vote on the menu', 'affirmed'),
]


@pytest.mark.xfail(strict=True, reason="known miss: a window ends where the sentence goes on ('Not since Covid started, and it's a shame.'); its words past the window leave it affirmed")
def test_a_window_followed_by_another_clause_is_a_known_miss(rules):
    # Historical: they set it together before Covid.  Reading the window to a clause break would also end "Not for me,
    # all that beer" at its comma, so it is left as a known miss, not locked in as right.
    text = "We set the agenda together. Not since Covid started, and it's a shame."
    assert rules.judge(rules.nlp(text), "set the agenda together") == "historical"


@pytest.mark.parametrize(("text", "words", "expected"), PROBES)
def test_a_status_said_after_is_read_one_way(rules, text, words, expected):
    assert rules.judge(rules.nlp(text), words) == expected


def test_a_window_is_data_for_every_category(rules):
    """How many words may follow a ``previous`` phrase is the row's window, whatever its category: none, it is the whole."""
    whole = rules.extended([Rule("trigger", "other", "previous", "not my scene")])
    opening = rules.extended([Rule("trigger", "other", "previous", "not my scene", window=5)])
    bare, reasons = "They run the bingo themselves. Not my scene.", "They run the bingo themselves. Not my scene, all that shouting."
    assert rules.judge(rules.nlp(bare), "run the bingo themselves") == "affirmed"
    assert whole.judge(rules.nlp(bare), "run the bingo themselves") == "other"
    assert whole.judge(rules.nlp(reasons), "run the bingo themselves") == "affirmed"  # the phrase must be all that is said
    assert opening.judge(rules.nlp(reasons), "run the bingo themselves") == "other"
    assert opening.judge(rules.nlp("They run the bingo themselves. Not my scene, all that shouting and the smoke outside."), "run the bingo themselves") == "affirmed"  # 8 words after: past the window
    # A historical row with a window, in a next sentence and in a closing clause alike.
    merger = rules.extended([Rule("trigger", "historical", "previous", "not after", window=3)])
    assert merger.judge(rules.nlp("We set the agenda together. Not after the merger."), "set the agenda together") == "historical"
    assert merger.judge(rules.nlp("We set the agenda together, not after the merger."), "set the agenda together") == "historical"
    assert rules.judge(rules.nlp("We set the agenda together, not after the merger."), "set the agenda together") == "affirmed"


@pytest.mark.parametrize(
    ("phrase", "rewrite"),
    [
        ("not me .", "phrase: not me}"),
        ("good for them ,", "phrase: good for them, window: 40}"),
        ("not for me, really", "phrase: not for me, window: 40}"),
    ],
)
def test_an_old_style_someone_elses_row_is_refused_with_its_rewrite(phrase, rewrite):
    """Rows in the style bundled before stop 52 (closing marks in the phrase) are refused, the error saying how to write them."""
    from qlr.code._assertion import check_rule
    from qlr.errors import CodingError

    with pytest.raises(CodingError, match="direction previous") as raised:
        check_rule(Rule("trigger", "other", "previous", phrase))
    assert rewrite in str(raised.value)
    check_rule(Rule("trigger", "other", "previous", rewrite.removeprefix("phrase: ").split(",")[0].rstrip("}"),
                    window=40 if "window" in rewrite else None))  # the rewrite loads


def test_the_bundled_someone_elses_rows_carry_a_window():
    """The bundled ``other`` rows of direction previous are read as every row is: their window says the reasons may follow."""
    from qlr.code._assertion import read_rules

    apart = [rule for rule in read_rules() if rule.kind == "trigger" and rule.direction == "previous" and rule.category == "other"]
    assert apart and all(rule.window == 40 for rule in apart)
    assert not [rule for rule in apart if rule.phrase.rstrip().endswith((",", "."))]  # "not me ," / "not me ." are one row now
    assert [rule.phrase for rule in apart if rule.phrase.startswith(".")] == [". not me"]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # The sounds pass between a break and a correction ...
        ("We run the rota — um, no, we don't.", "run the rota", "negated"),
        ("We vote on the menu — um, no, sorry, they vote on it.", "vote on the menu", "affirmed"),  # read where said again
        ("We decide — er, we used to decide the trips.", "decide", "historical"),
        # ... and open a clause before its subject, as the discourse words do.
        ("Um, the volunteers run the cafe themselves now.", "run the cafe themselves", "affirmed"),
        # After a break the discourse words are cues, not passed over: "well, no" takes the words back.
        ("They asked us — well, no, they told us.", "asked us", "negated"),
        # A filler said twice is no restart.
        ("So we run the rota... so we do it ourselves.", "run the rota", "affirmed"),
        ("We get a say now... yeah, we get a say.", "get a say", "affirmed"),
        ("Erm, my sister runs the cafe.", "runs the cafe", "other"),
    ],
)
def test_one_table_of_hesitations(rules, text, words, expected):
    assert rules.judge(rules.nlp(text), words) == expected
