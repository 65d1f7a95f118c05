"""Assertion status of an indicator match: affirmed, negated, hypothetical, historical, someone else's, a question, declined.

Keyword coding cannot tell whether the thing it found happened to the speaker,
now.  Clinical text mining met the same problem and answered it with NegEx
(Chapman, Bridewell, Hanbury, Cooper and Buchanan 2001, "A simple algorithm for
identifying negated findings and diseases in discharge summaries", *J Biomed
Inform* 34:301–310) and its successor ConText (Harkema, Dowling, Thornblade and
Chapman 2009, "ConText: an algorithm for determining negation, experiencer, and
temporal status from clinical reports", *J Biomed Inform* 42:839–851).  This
module is ConText written for interview speech:

* **triggers** are phrases that give a category to the matches in their scope;
  the scope runs *forward* from the trigger to the end of the sentence, or
  *backward* to its start, and stops at a **terminator** ("but", "now", …);
  negation reaches at most eight tokens, as in qlr's earlier rule;
* **pseudo-triggers** look like triggers and are not ("no doubt", "if I'm
  honest", "a say"): the words they cover trigger nothing of their category;
* **subjects** (a fourth kind of row) are the words that, opening the clause
  of a match, make it someone else's: "my sister", "the lads", "he", "she";
  a name (a word outside the common English vocabulary, not an inflected
  form, followed by a verb form or "and") counts too, so that "Maureen runs
  the rota now" and "He got a vote, not me" are not the speaker's evidence.
  A sentence in which the speaker appears ("Dom asked us", "Tyler and me run
  it", "she rings me") stays theirs, unless only by contrast ("not me"); "they" is not a subject, because in
  interviews it is mostly the staff, and what the staff do to the speaker
  ("they make all the rules") is the speaker's experience of the service;
* rules on the sentence's grammar, apart from the rows (``_grammatical``): a
  reporting verb whose subject is not the speaker ("people there say …", "the
  students tell me …"), a passive whose agent is someone else ("co-designed by
  people who've been through it"), a clause opened by other people ("the woman
  who runs the café gets paid") are someone else's; a sentence opened by
  "before …" with a past form ("Before the merger we decided it") and a past
  clause with "…, now it's …" set against it are historical; a ``contrast`` trigger ("last spring") is historical only when
  "now" or another terminator of its category follows the match;
* more such rules, tuned on the tuning half of ``data/assertion-corpus``
  (sentences by someone who never saw these rules): a report named after the
  match ("…, my neighbour tells me"), a pronoun taking up people named before
  it ("Them lads from the flats, they run it"), "my mum" / "me cousin" / "our
  Gareth" as someone else rather than the speaker; a past clause denied for
  now ("…, not like now", "We ran it once. Not now."), followed by its ending
  ("That has since lapsed", "then she retired", "nobody's asked since", "That was years
  ago") or opened by "When it first started" or "When Linda was manager"; an offer
  taken up ("…, and I did") is not hypothetical;
* rules over the turn (``_turn_rules``), for a match nothing else reached: a past
  clause whose ending the next sentences tell, up to :data:`LATER_SENTENCES` after
  the next one ("Sat on the committee. Then they merged with the hospital one.
  Gone.", "They stopped asking", "…, they didn't need me anymore"); a sentence
  opened by someone described with the speaker nowhere in it ("My cousin in
  Bristol she …, and …"); the speaker setting themself apart, a ``previous``
  trigger row opening a later clause, the next sentence or the one after ("…,
  members vote on everything. Not for me.", "Good for them"); the speaker's own
  past that has ended: a sentence opened by its first years or months whose
  ending the next sentences tell in any tense ("In first year I was volunteer,
  …. Then I get full-time job and I don't have time anymore."), a next sentence
  opened by "Then" telling a change ("Then the centre changed hands …", "Then I
  got a job and …"); a clause with no verb of its own ("…, no staff, …") takes
  the tense of the clause before it;
* a ``speaker`` row (none in the bundled rules) asks that the speaker take part:
  someone described ("my cousin", "a few of the women") opening the clause, or
  "she" or "the members" taking them up, is someone else's unless the speaker
  takes part in the sentence ("…, I know about it, but it's not for me" is not);
* three interview-specific rules: a short denial closing the sentence or answering
  it in the next one ("Decided together, no." / "Shared it equally? Hardly.")
  negates; a sentence the participant ends with a question mark (tag questions
  such as "…, right?" aside) is their own question, unless they answer it; a
  sentence that opens by turning down what the one before offered ("They asked
  me to chair it. I said no.") makes that offer declined;
* a report about the speaker ("my neighbour reckons we're just decoration") is the
  speaker's own unless the speaker disputes it next (a ``dispute`` row: "I'm not
  sure", "…, but it is") or the report is a claim or rumour (a ``hearsay`` row:
  "makes out we voted"); a sentence the next takes back as a joke ("Only
  joking.", "No, seriously, nobody's asked me anything") is denied; a clause with no verb of its own ("…, no staff") is about
  whoever the clause before it is about;
* verbatim speech's self-repairs (``repair`` and ``restart`` rows, :meth:`AssertionRules._after_repairs`): after a
  break and a correction cue ("— well, no, …", ", I mean …") or a restart ("We don't — we do vote on it"), the
  corrected words decide when the correction says something before the break again (:meth:`AssertionRules._reparandum`;
  else the cue is an aside, "— sorry, where was I?"): no cue before the repair reaches a match after it, and a match
  in the words taken back is read where the correction says it again ("We decide — we used to decide": historical)
  or, when it does not, is taken back ("They asked us — well, no, they told us": negated);
* statuses said sideways: the matched words alone with a tag ("Consulted, is it?") are a question the answer settles,
  not a statement asking agreement (:meth:`AssertionRules._echoed_with_tag`); someone else's label ("They call it …",
  "so-called") is their word; a denied denial ("It's not as if they don't ask us") affirms; after an offer, "I passed"
  or handing it to others ("Let the young ones have a go") in the two sentences after it declines it.

In an observer's field note (``categories(..., observed=True)``) the people watched
are the case: what they did or said there is the observer's evidence, so "someone
else's" stands only for people or places the observer did not watch, named by
``outside`` rows ("Joan said her neighbour's group runs its own rota"); the other
categories are judged as in interview speech.

Medical ConText implementations (medspaCy, negspaCy) were tried first: their
clinical rules missed "we never decided anything together" and "my friend says
…" and read "if … we ran it ourselves" as hypothetical, and medspaCy pins an
older spaCy; the algorithm is small, so it is written here and its rules are
data (``assertion_rules.tsv``) that a codebook can extend.

When several categories apply, the first in :data:`PRECEDENCE` is the status:
someone else's words outrank everything (a neighbour's denial is still not the
speaker's experience), then hypothetical, historical, a question, declined and
negated.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, reduce
from itertools import chain, compress, repeat
from operator import or_
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._context import bundled_model, context_keys

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["AssertionRules", "STATUSES", "PRECEDENCE", "RULES_PATH", "RULES_PATHS", "combine"]

#: Every assertion status, with what it means for evidence.
STATUSES = {
    "affirmed": "the speaker's own, current experience: positive evidence",
    "negated": "denied ('they never once asked what we thought')",
    "hypothetical": "wished for, conditional or future ('in an ideal world we'd run the rota')",
    "historical": "the past, contrasted with now ('back then we planned it with the staff')",
    "other": "someone else's experience or words ('my neighbour reckons they share skills')",
    "question": "the participant's own question ('is that co-production, though?')",
    "declined": "offered and turned down ('I turned the steering group down')",
    "prompted": "affirmed, but echoing the interviewer's question just before ('Yes, a partnership')",
}

#: Which status wins when several apply (affirmed is what is left).
PRECEDENCE = ("other", "hypothetical", "historical", "question", "declined", "negated")

#: ``categories(..., observed=RELAYED)``: the text is an interpreter's rendering of a participant's turn
#: (:func:`qlr.evidence.relayed_turns` decides which turns are).
RELAYED = "relayed"
#: The participant's pronouns in a rendering, by the subject of the interpreter's frame, and the first-person
#: words they stand for ("She says her rota …" is "my rota"); "her" before a word that is no noun's is "me".
_RELAYED_PERSONS = {
    "she": {"she": "i", "her": "my", "hers": "mine", "herself": "myself"},
    "he": {"he": "i", "his": "my", "him": "me", "himself": "myself"},
    "they": {"they": "we", "their": "our", "them": "us", "theirs": "ours", "themselves": "ourselves"},
}
#: The interpreter's verbs of relaying ("she says", "he is explaining", "she wishes to clarify that", "he told me").
_RELAY_VERBS = (
    "say", "says", "said", "saying", "explain", "explains", "explained", "explaining", "state", "states", "stated",
    "stating", "tell", "tells", "told", "telling", "add", "adds", "added", "adding", "answer", "answers", "answered",
    "reply", "replies", "replied", "repeat", "repeats", "repeated", "mention", "mentions", "mentioned", "insist",
    "insists", "insisted", "sign", "signs", "signed", "signing", "clarify", "clarifies", "clarified", "stress", "stresses",
    "stressed", "describe", "describes", "described", "emphasise", "emphasises", "emphasize", "emphasizes",
)
#: What may stand between the frame's subject and its verb ("she is saying", "he wishes to say", "she also says").
_RELAY_BETWEEN = ("is", "'s", "was", "are", "'re", "were", "also", "just", "again", "keeps", "wishes", "wants",
                  "would", "like", "to", "has", "'ve", "have", "then", "now", "still", "always")
#: What the frame takes after its verb: the interpreter as addressee ("told me") and the complementiser.
_RELAY_AFTER = ("me", "us", "that", ",", ":", "again")
#: Words after "her" that make it "me", not "my" ("told her to", "with her and").
_HER_OBJECT_BEFORE = (".", ",", ";", ":", "!", "?", "and", "or", "but", "to", "for", "at", "in", "on", "with", "about",
                      "from", "too", "as", "the", "a", "an", "what", "how", "if", "that", "this", "again", "now", "]", ")")

#: The bundled rules.
RULES_PATH = Path(__file__).with_name("assertion_rules.tsv")
#: The bundled rules by the language of their cues (a codebook's ``assertion: {language: es}``). Only the
#: rows are the language's: the grammatical rules written in code (who "we" and "I" are, a yes, a
#: past tense) read English words, and meet few of another language's.
RULES_PATHS = {"en": RULES_PATH, "es": RULES_PATH.with_name("assertion_rules_es.tsv")}

#: The word lists the rules in code read, each the rows of one kind (stop 54; the rules file's section "The word lists"):
#: kind -> whether each row is one token (a word the rules look up alone) rather than a phrase.  A codebook's rows of a
#: kind extend its list as they extend the triggers.
_WORD_KINDS = {
    "yes particle": True, "no particle": True, "affirmation": True, "denial": True, "no saying yes": True, "yes opener": False,
    "hedged yes": True, "joke": False, "serious": False, "passed test": True, "came round": False, "refusal": False,
    "bare no": False, "own choice": False, "offer": True, "subjectless refusal": False, "closing particle": True,
    "media": True, "medium": True, "ending": True, "bare ending": True, "onlooking": True, "among": False,
    "group noun": True, "not a group": True, "group thing": True,
}
_KINDS = ("trigger", "pseudo", "terminator", "subject", "service", "model", "outside", "speaker", "exception", "litotes", "dispute", "hearsay", "label", "confirm", "relay", "repair", "restart", *_WORD_KINDS)
_DIRECTIONS = ("forward", "backward", "both", "wrap", "contrast", "previous")
#: Where a ``repair`` row's correction cue stands: after a break (a dash or dots), or after a comma too.
_REPAIR_DIRECTIONS = ("break", "comma")
#: The breaks of verbatim speech after which a speaker may take back what they were saying ("We don't — we do").
#: A bare hyphen ("run the rota - no, sorry, …") is one only before a cue: the tokenizer gives "co-lead" the same token.
_REPAIR_BREAKS = ("—", "–", "--", "-", "...", "…")
_RESTART_BREAKS = ("—", "–", "--", "...", "…")
#: The one table of the words a speaker hesitates with, read by every rule that passes over them.  The sounds
#: ("um", "er") are no word at all: they may stand anywhere, between a break and a correction as before a clause's
#: subject.  The discourse words ("well", "no", "actually") open a clause or a status said after its sentence
#: ("Well, no, not any more."); after a break they are not passed over, since there they are the self-repair cues
#: (``repair`` rows: "— well, no, they told us"), so :data:`_HESITATIONS` holds the sounds alone.
_HESITATION_SOUNDS = ("um", "uh", "er", "erm", "uhm", "ah", "eh", "hmm", "mm", "ehm")
_DISCOURSE_FILLERS = ("well", "oh", "like", "yeah", "yes", "no", "and", "but", "so", "then", "now", "plus", "honestly", "actually",
                      "obviously", "basically", "anyway", "apparently", "sure")
#: What may stand between a break and the words after it without being any: the hesitation sounds, a comma, a
#: transcriber's note in brackets ("[laughs]", "(unclear)"; :meth:`AssertionRules._past_hesitations`).
_HESITATIONS = (*_HESITATION_SOUNDS, ",")
#: Words too common to tell a restart ("and ... and", "so ... so") or to restate a match ("the", "us"): a restart
#: repeats another word, a restatement one of the match's words outside these and the speaker's pronouns.  The words
#: a speaker hesitates with are among them (:data:`_DISCOURSE_FILLERS` here, the sounds added where the set is built).
_REPAIR_COMMON = (*_DISCOURSE_FILLERS, "the", "a", "an", "or", "of", "to", "in", "on", "at", "for", "with", "it", "that",
                  "just", "this", "you", "know", "what", "who", "how", "when", "where", "why", "which",
                  "is", "'s", "are", "'re", "was", "were", "be", "been", "have", "has", "had", "'ve", "will", "'ll", "would", "'d",
                  # "do" says a verb again ("we still do") but a sentence going on with it restarts nothing ("We don't
                  # run the rota — the council does").
                  "do", "does", "did", "done", "n't", "not")
#: Verbs that stand for any verb restated ("We ran it for years — actually, we still do").
_PRO_VERBS = ("do", "does", "did", "done")
# The yes and no particles, the denials and yes words, and the phrases after a no that leave a yes standing are rows
# of the rules (``yes particle``, ``no particle``, ``denial``, ``affirmation``, ``no saying yes``: :func:`word_lists`).
# A yes said again after a run of particles ending in no ("Yeah nah, they do actually.", "Aye, naw, we do, every
# month."): the answer's own pronoun and auxiliary, closing or going on with a comma or one of these.
_YES_AGAIN_SUBJECTS = ("i", "we", "they", "you", "he", "she", "it")
_YES_AGAIN_TAILS = ("actually", "really", "though", "mate", "like", "now")
# A question the speaker answers "I do, aye, …" / "We did." (corpus 6's tuning half): a pronoun and the
# auxiliary alone, closing its clause, is a yes however long the answer goes on.
_YES_SUBJECTS = ("i", "we")
# A sentence taking the one before back as a joke: ``joke`` and ``serious`` rows (:meth:`AssertionRules._retracted`).
# What opens the denial that takes a joke back, straight after "No, seriously,": "nobody's asked me anything",
# "we don't get a say"; "without" in it makes praise instead ("I wouldn't be here without it").
_RETRACTING = ("nobody", "noone", "nothing", "never", "none")
_RETRACTING_SUBJECTS = ("we", "i", "they", "you")
_YES_AUXILIARIES = ("do", "did", "does", "have", "has", "am", "'m", "are", "'re", "can", "was", "were")
# A past yes ("We did, until the new manager came") confirms a past; a hedge (``hedged yes`` rows: "We can, in theory") takes the yes back.
_PAST_AUXILIARIES = ("did", "was", "were")
# A past said of the match and then a clause saying it holds still, in a bare present auxiliary (:meth:`AssertionRules._still_so_after`):
# "It used to be give and take, and it still is.", "We used to vote on it, and we still do." (a new user's check of stop 59).
# The subject is the match's own (none, "it", the speaker); "…, but they still do" is someone else's now.
_STILL_SUBJECTS = ("it", "that", "this", "we", "i")
_STILL_AUXILIARIES = ("is", "'s", "are", "'re", "am", "'m", "do", "does", "has", "have", "'ve", "can")
_STILL_CLOSERS = (",", ".", "!", ";", "now", "today", "though", "too", "and", "to")
_SOFTENERS = ("really", "at", "all", "quite", "exactly", "much", "so", "entirely", "of", "way", "chance", "!", ",")
# What may close a sentence or clause after a status said of the one before (:meth:`AssertionRules._said_after`):
# "Not now, though.", "That's the plan anyway.", "That's her plan, she says.", "At least that's the idea."
_SAID_TAILS = (",", "anyway", "anyhow", "though", "mind", "either", "at", "least", "she", "he", "they", "says", "say", "said", *_HESITATION_SOUNDS)
# What may close it after a comma only (", no", ", sadly", ", I'm afraid"): "no" and "really" close nothing else ("but no").
_SAID_COMMA_TAILS = ("no", "sadly", "unfortunately", "really", "afraid")
# Reported speech closing it ("Not now, she says."): someone else's word on the sentence before, not the speaker's.
_SAID_REPORTS = ("says", "say", "said")
# Words of contrast that, opening the segment before the closing clause, give that clause a subject of its own ("…, but the
# council, still not": about the council): :meth:`AssertionRules._said_after`.
_SAID_OWN_SUBJECT = ("but", "though", "although", "while", "whereas", "yet")  # not "and": "the menu and the rota, not any more" lists
_CLOSERS = (".", "!", "…", '"', "”", "'", "’", ")", "]")
_TAG_WORDS = ("no", "right", "yeah", "eh", "innit", "ok", "okay", "yes", "true")
_TAG_PRONOUNS = ("it", "we", "they", "you", "i", "she", "he", "there", "know")
# Words that may stand about an echoed word before its tag (:meth:`AssertionRules._echoed_with_tag`): "Oh, a real say, is it?".
_ECHO_EXTRAS = ("oh", "so", "a", "an", "the", "real", "proper", ",")
# The tags that take an echoed word up to question it: the same polarity, a positive auxiliary and a pronoun ("is it?",
# "are we?", "did they?"), or "eh?". A negative tag ("aren't we?"), "right?" or "you know?" asks agreement instead.
# What ends the name a label gives (:meth:`AssertionRules._in_label`): clause breaks, conjunctions, negations,
# auxiliaries, pronouns and "off" ("they call it off"): a noun phrase holds none of them.
_LABEL_ENDS = (",", ";", ":", "—", "–", "(", ")", ".", "!", "?", "and", "but", "or", "so", "because", "cos", "when", "while",
               "if", "that", "which", "who", "not", "n't", "never", "no", "is", "are", "was", "were", "'s", "'re", "'m",
               "do", "does", "did", "have", "has", "had", "'ve", "'d", "will", "would", "'ll", "can", "could", "should",
               "might", "must", "they", "we", "i", "you", "he", "she", "it", "off", "up")
_ECHO_TAG_AUXILIARIES = ("is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "am")
# Words opening an answer that say yes before what follows are ``yes opener`` rows (:meth:`AssertionRules._answers_yes`).
# A yes said by how often (:meth:`AssertionRules._answers_yes`): "Every month, like clockwork.", "Always."
_YES_OFTEN = ("every", "always")
# Colloquial Singapore and Malaysian English refusals with no subject ("Cannot lah."): ``subjectless refusal`` and
# ``closing particle`` rows (:meth:`AssertionRules._particle_refusal`).
# Reported words about the speaker ("Gemma said I'm good with callers") are the
# speaker's experience; only reports without them are someone else's.
#: Words that may stand between "my" and a relation a ``subject`` row names ("my Deaf cousin", "my older sister").
_KIN_DESCRIBERS = ("older", "younger", "elder", "eldest", "oldest", "youngest", "little", "big", "baby", "late", "twin",
                   "deaf", "hearing", "disabled", "adult", "grown")
_FIRST_PERSON = ("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves")
# After a "no" that answers or exclaims rather than denies: "No, they …", "No they decide …", "No wonder …".
_AFTER_INTERJECTION = ("they", "we", "i", "you", "he", "she", "it", "wonder", "way", "doubt", "problem", "worries", "idea")
# A past that has ended, said by denying it now: with an indicator whose evidence is its own denial,
# the denial of now ("It's not them and us any more").
_NO_LONGER = ("any more", "anymore", "no longer")
# The speaker's own group named by its role: in the clause, it makes the clause the speaker's
# as "we" does ("Gill and the members sort it out jointly").
_SPEAKERS_GROUP = ("members", "volunteers", "residents", "tenants", "carers", "users", "everyone", "everybody")
# Where a clause ends, for finding its subject (not "and": "Tyler and me" is one subject).
_CLAUSE_BREAKS = (",", ";", ":", "—", "–", "(", ")", "but", "because", "cos", "so", "when", "while", "whereas", "although", "though", "if")
# Words that open another clause or verb between two negations, which then do not cancel ("not fair that they …
# without us"): the clause breaks, conjunctions, relatives and subject pronouns.
_DOUBLE_BREAKS = (*_CLAUSE_BREAKS, "and", "that", "whenever", "which", "who", "where", "wonder",
                  # a new subject opens another verb's clause: "I wasn't surprised they decided it all without us"
                  "they", "we", "i", "he", "she", "you", "there")
# Words that may open a clause before its subject ("Well, now Maureen runs it", "Um, we vote on it"): the discourse
# words and the sounds of :data:`_HESITATION_SOUNDS`, one table.
_FILLERS = (*_DISCOURSE_FILLERS, *_HESITATION_SOUNDS)
# "his cousin", "her mates", "their kids": someone else's people, whatever the noun.
_THIRD_POSSESSIVES = ("his", "her", "their")
# What follows a name that is a subject: a verb form the lemma table lists ("runs", "'s", "got") or a second subject.
_AFTER_NAME = ("and", "&", "co")  # "co": "Kerry co-runs it" (the tokenizer splits "co", "-", "runs")
# Reporting verbs: with someone else as their subject, what follows is that person's account
# ("people there say …", "the students tell me …"), whatever the subject's words.
_REPORTING = ("say", "says", "saying", "said", "tell", "tells", "telling", "told", "reckon", "reckons",
              "reckoned", "claim", "claims", "claimed", "swear", "swears", "swore", "reckoning",
              "inform", "informs", "informed", "explain", "explains", "explained", "assure", "assures", "assured",
              "insist", "insists", "insisted")
# Verbs that introduce someone's words in quotation marks ("Gav's always going, 'we choose …'"): the reporting verbs
# and the quotative "go", which quotes only straight before the marks.
_QUOTING = ("go", "goes", "going", "went", "ask", "asks", "asked", "write", "writes", "wrote", "shout", "shouts", "shouted",
            "post", "posts", "posted", "announce", "announces", "announced")
# Quotation marks as the tokenizer leaves them, opening or closing.
_QUOTATION_MARKS = ('"', "“", "”", "'", "‘", "’")
# Who a report is addressed to, between the verb and the reported words ("tell me that …").
_ADDRESSEES = ("me", "us", "him", "her", "them", "that")
# After an addressee, an instruction rather than a report: "she tells us where things go", "told us to".
_INSTRUCTIONS = ("what", "where", "how", "when", "which", "who", "to")
# A first person that is the subject of a reporting verb makes the report the speaker's ("we said");
# so does "you", which in interviews is mostly the speaker ("you say your piece, they write it down").
_FIRST_SUBJECTS = ("i", "we", "me", "us", "you")
# A denied report is no report: "Nobody ever said it was two-way" (negated, not someone else's).
_DENYING_SUBJECTS = ("nobody", "no", "none", "noone", "never", "neither", "n't")
# In the reported words, "you" is whoever was told: the speaker ("somebody saying, you've got a skill").
_ADDRESSED = ("you", "your", "yours", "yourself", "yourselves")
# "say" as a noun ("a clear say over the budget") is no report: after these, or before these.
_NOUN_BEFORE = ("a", "the", "any", "no", "our", "their", "your", "my", "his", "her", "some", "much", "more",
                "real", "clear", "final", "equal", "full", "proper", "fair", "big", "little")
_NOT_REPORTED = ("in", "over", "on", "about", "of", "for", "with", "so", ".", ",", "!", "?", ";", ":")
# Past participles before a passive's "by" that a "-ed" test misses ("run by the members").
_PARTICIPLES = ("run", "done", "written", "chosen", "given", "made", "led", "held", "set", "taken", "known",
                "seen", "paid", "kept", "told", "said", "brought", "put", "picked", "sorted", "drawn", "begun")
# "I think he's right": a hedge is the speaker's opinion, not the speaker taking part.
_HEDGES = ("think", "reckon", "suppose", "guess", "believe", "imagine", "mean")
# The passive's agent ("co-designed by people who've been through it") after a form of "be".
_BE_FORMS = ("is", "was", "were", "are", "been", "be", "being", "'s", "got", "gets", "get")
# A sentence opening "Before the merger …" or "Until we joined the trust …" sets what follows in the past
# when its verbs are past forms; these are the openers, and the irregular past forms a "-ed" test misses.
_BEFORE = ("before", "until", "till", "til")
# A clause opened by a noun phrase about people other than the speaker ("the woman who runs the café
# gets paid", "half the trainers run their own groups"): what may come before the noun, and the nouns.
# Only individuals, relations and staff roles: a service's users ("the parents", "the students",
# "people") are often the speaker's own group, and "members", "everyone" make the speaker present.
_QUANTIFIERS = ("half", "some", "most", "all", "both", "one", "two", "few", "a", "lots", "loads", "of", "many", "several")
_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "them")
_PERSON_NOUNS = ("person", "woman", "women", "man", "men", "lady", "ladies", "fella", "fellas", "bloke", "blokes",
                 "guy", "guys", "lad", "girl", "boy", "kid", "trainer", "trainers", "tutor", "tutors", "teacher",
                 "teachers", "manager", "managers", "boss", "coordinator", "worker", "workers", "nurse", "nurses",
                 "doctor", "doctors", "colleague", "colleagues", "friend", "friends", "neighbour", "neighbours",
                 "lot", "crowd", "lads", "boys", "girls", "kids",
                 # relatives and generations spoken of as a group (corpus 8's tuning half: "The other grannies …"); not
                 # "parents", "mums" or "students", who are as often the service's users, the speaker among them
                 "grannies", "grans", "nans", "grandmas", "grandads", "aunties", "uncles", "youngsters", "teenagers")
# The staff among them: what they do is often done with the speaker ("she asks for feedback"), so they
# make a clause someone else's only with the speaker nowhere in the sentence, and a pronoun never takes them up.
# Plurals naming a service's users, as often the speaker's own group ("the parents", "the patients"): "they" opening a
# later sentence never takes them up as someone else (:meth:`AssertionRules._across_sentences`, stop 56).
_SERVICE_USERS = ("parents", "students", "patients", "mums", "dads", "clients", "learners", "participants", "people", "others", "families")
# Relatives in the plural, someone else's people as a group "they" takes up ("My cousins came round. They …", stop 57);
# read only there: the clause rules' person nouns (_PERSON_NOUNS) stay as stop 42 left them.
_KIN_PLURALS = ("cousins", "sisters", "brothers", "daughters", "sons", "nieces", "nephews", "grandkids", "grandchildren",
                "grandsons", "granddaughters", "aunts", "in-laws", "inlaws", "siblings")
# The speaker saying they are in it too, in the sentence right after the match ("They vote on everything. I'm on it
# too.", stop 57, :meth:`AssertionRules._joins_after`): what may follow "I" or "we" (now: "was", "went", "got", "did"
# are a past, "I was on it too, years back"), the words saying they are in it, the verbs of taking part that say it with
# "too", "also" or "as well" ("we go as well"), and the words making it a hope, a plan or a past ("I'm hoping to be on it
# too", "I've asked to be a member", "I used to be", review of stop 57).
_JOIN_VERBS = ("'m", "am", "’m", "'re", "’re", "are", "go", "joined", "sit", "help", "'ve", "’ve", "have", "also", "do", "vote")
_JOIN_CUES = ("joined", "member", "members")
_JOIN_DOINGS = ("go", "sit", "help", "vote")
_JOIN_UNSURE = ("like", "love", "hope", "hoping", "want", "wanted", "wish", "thinking", "going", "asked", "apply", "applied",
                "might", "could", "would", "'d", "’d", "used", "if", "ago", "till", "until", "once", "before", "left")
_STAFF_NOUNS = ("trainer", "trainers", "tutor", "tutors", "teacher", "teachers", "manager", "managers", "boss",
                "coordinator", "worker", "workers", "nurse", "nurses", "doctor", "doctors")
# Verbs of knowing and hearing: "I know about it", "I've heard" put the speaker in a sentence as one who
# knows of the experience, not as taking part in it (not seeing or reading: "I see them every Thursday").
_KNOWING = ("know", "knew", "heard", "hear", "gather", "understand", "think", "thought", "reckon", "suppose", "guess",
            "believe", "imagine", "mean")
# After a relative and "'s", the staff who see to them ("my husband's consultant", "my son's key worker").
_THEIR_STAFF = ("consultant", "consultants", "therapist", "physio", "gp", "social", "key", "support", "school", "college", "care")
# Something written, broadcast or posted, which can describe other people's experience ("A report I
# read described Traveller co-chairs"), and the verbs with which it does.
# What is written, broadcast or posted is ``media`` rows (only words that name nothing else: not "paper", "on paper").
_DESCRIBING = ("described", "describes", "describe", "said", "says", "say", "mentioned", "mentions", "showed", "shows",
               "explained", "explains", "claimed", "claims", "reported", "reports", "featured", "features", "told", "tells",
               "wrote", "writes", "covered", "covers", "suggested", "suggests", "highlighted", "highlights", "about",
               # what a poster or leaflet asks of its readers (corpus 8's tuning half: "A poster … invites members to earn …")
               "invites", "invited", "advertises", "advertised", "promises", "promised", "encourages", "encouraged",
               "urges", "announces", "announced")
# Reading, seeing or hearing it in the media: "I read in the paper that …", "saw on Facebook that …"
# (not "I feel heard in meetings").
_SEEN = ("saw", "seen", "watched", "watching", "heard", "read", "reading")
_SEEN_ON = ("on", "in")
# The media read, seen or heard in are ``medium`` rows ("on Facebook", "in the paper").
# Words between "on"/"in" and the medium ("on the local news", "in the Evening paper").
_BEFORE_MEDIUM = ("the", "a", "an", "this", "that", "local", "evening", "daily")
# "…, now it's contracted out": "now" after one of these marks, before a subject, opens a clause set
# against the one before (not "…, today, so that was nice", not "…, now on Tuesday mornings").
_CONTRAST_MARKS = (",", "but", ";", "—", "–")
_NOWS = ("now", "nowadays")
_SUBJECT_OPENERS = ("it", "we", "they", "he", "she", "i", "you", "there", "the", "everything", "nothing",
                    "nobody", "everyone", "that", "this")
# "The lad from my course": "my"/"our" after a preposition belongs to the subject's description.
_PREPOSITIONS = ("from", "on", "in", "at", "of", "off", "with")
# Words saying that what the past clause described has ended are ``ending`` rows ("That arrangement has since lapsed").
# Words of a beginning in a sentence-opening "when" clause ("When the group first started, …").
_BEGINNINGS = ("first", "started", "opened", "began", "begun", "launched", "joined")
# Endings that count only standing bare ("then she retired and …", "it sort of died.") are ``bare ending`` rows.
# A "when" clause in the past tense of "be" frames a state that held then ("When Linda was manager, …"),
# unless it names a recent time ("When I was there on Tuesday, …", "When we were at the meeting last week, …",
# "When I was in hospital in March, …": a wave's interview tells the months since the last one so).
_WAS = ("was", "were")
_RECENT = ("last", "yesterday", "today", "tonight", "this", "week", "weekend", "morning", "afternoon", "evening",
           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
           "march", "april", "june", "july", "august", "september", "october", "november", "december", "christmas")
# What closes a denied clause after a past one: "nobody's asked since", "they never asked again".
_SINCE = ("since", "again")
_NOT_SINCE = ("not", "n't", "never", "nobody", "no", "none", "nothing", "noone")
# A span of years that a simple past closes ("I ran the raffle for years", "For some years I was a member"):
# not one reaching to now ("for the last five years", "for the next five year") nor with a perfect or "still".
_SPAN_OPENERS = ("for", "during")
_SPAN_UNITS = ("year", "years", "decade", "decades")
_SPAN_TO_NOW = ("last", "past", "next", "coming")
_UNBOUNDED = ("have", "'ve", "has", "still", "now", "nowadays", "since")
# A refusal standing bare after the speaker ("…, and I politely declined.", "I considered it and chose not to."):
# the words between the speaker and the refusal, and the refusals, each ending its clause.
_REFUSAL_HEDGES = ("sort", "of", "kind", "just", "then", "in", "the", "end", "eventually", "finally", "carefully",
                   "politely", "kindly", "actually", "basically", "honestly", "kinda", "sorta", "quietly", "respectfully",
                   "considered", "thought", "about", "it", "and", "had", "a", "think", ",", "long", "hard", "firmly")
# "…, I didn't want to, at first", "I declined, but two weeks later I took it": a refusal since taken back.
_REFUSAL_SINCE = ("first", "now", "until", "till", "later", "eventually", "since", "anyway", "again")
# What makes an offer besides its own words (``offer`` rows): someone asking or wanting the speaker to, or "would I …?".
_OFFER_ASKERS = ("asked", "asks", "ask", "wanted", "wants", "want", "would")
# Between the match and the refusal: at most one joining word, and no clause of time or condition (a refusal of
# something else: "…, but the dentist wanted my tooth out and I refused", "… when they asked and I said no").
_SUBORDINATORS = ("when", "if", "because", "once", "whenever", "cos", "'cause")
# What undoes a confirmation after it: "We did, on paper", "We were, until the funding went", "It's true, if you
# count one post-it note", "I was, for a bit", "We did, twenty years ago".
_CONFIRM_LIMITS = ("until", "till", "ago", "last", "bit", "while", "once", "before", "used", "paper", "if", "theory",
                   "point", "technically", "sense", "count", "sort", "kind", "supposedly", "apparently", "originally")
# ... and pairs: "back in the day", "back then", "at first", "in those days" (not "my back", "every year", "all the time").
_CONFIRM_LIMIT_PAIRS = ("back in", "back then", "at first", "those days")
# A span of years after a beginning ("I joined the time bank. Two years ago.") or after recent news ("We finally got a
# vote this week. Three years.") is how long it has run or was waited for, not a past that is over.
_SPAN_NOT_OVER = ("joined", "started", "began", "become", "became", "signed", "finally", "yesterday", "recently", "this",
                  "last", "just")
# A clause that only stands in for the match's verb before "any more" ("…, but we don't any more", "we don't do that
# anymore"): pronouns, auxiliaries, denials and pro-forms.
_ELLIPTICAL = ("i", "we", "they", "he", "she", "it", "you", "do", "does", "did", "ca", "can", "could", "wo", "would",
               "have", "has", "had", "is", "are", "was", "were", "'m", "'re", "'s", "n't", "not", "never", "really",
               "just", "even", "that", "this", "so", "go", "bother", "and", "'ve", "'d", "no", "one", "nobody", "get", "to")
# A span told as a sentence of its own after the past ("I ran the Tuesday group. Three years."): only these words.
_SPAN_FRAGMENT = ("a", "few", "some", "couple", "of", "good", "many", "for", "about", "nearly", "almost", "over", "near",
                  "enough", "or", "so", "odd", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                  "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "donkey", "'s", "year", "years",
                  "decade", "decades", "well", "oh", "ooh", "must", "be", "like", "easy", "and", "-", "ago", "back")
# What a speaker denying their own presence says after "I" and a denial: "I was not there", "I don't go",
# "I've never been inside", "I am not in the group", "I'm not on any group myself".
_PRESENCE = ("there", "involved", "part", "member", "inside", "been", "go", "went", "attend", "attended", "join", "joined")
_JOINED_BY = ("it", "any", "the", "that", "their", "them", "one", "this")
# A clause without a verb of its own ("…, me on the committee, writing letters") takes the tense of the one before it
# (:meth:`AssertionRules._verbless_after_past`): at most this many tokens, none a subject pronoun, "be", "have", "do" or a modal.
_VERBLESS_LENGTH = 8
_FINITE = ("i", "we", "they", "he", "she", "you", "it", "there", "is", "are", "am", "'s", "'re", "'m", "was", "were", "be",
           "have", "has", "had", "'ve", "do", "does", "did", "can", "could", "will", "would", "'ll", "'d", "should", "might",
           "must", "may", "ca", "wo", "’s", "’re", "’m", "’ve", "’ll", "’d")
# Words of a change of circumstances in a sentence opened by "Then" after a past account (:meth:`AssertionRules._then_changed`),
# besides endings: a move, a job, an illness, a sale (not "new": "Then the new cook made it"); "over" only after "took".
_CHANGES = ("moved", "move", "retired", "sold", "hands", "job", "ill", "sick", "poorly", "pregnant", "stroke",
            "cuts", "cut", "funding", "merged", "lost", "passed", "died", "packed", "gave")
# Decades a historical row names ("through the eighties"): the rows date a clause only when the decade ends a phrase.
_DECADES = ("fifties", "sixties", "seventies", "eighties", "nineties", "noughties", "50s", "60s", "70s", "80s", "90s",
            "1950s", "1960s", "1970s", "1980s", "1990s")
# The irregular past forms the context model's "past" features were trained with (qlr/code/context_model.tsv):
# the model reads these, so that a longer list below does not change what it was trained to see.
_MODEL_IRREGULAR_PAST = ("had", "was", "were", "did", "ran", "got", "went", "made", "took", "sat", "wrote", "chose",
                         "gave", "came", "knew", "thought", "told", "said", "led", "held", "met", "kept", "felt", "saw")
_IRREGULAR_PAST = (*_MODEL_IRREGULAR_PAST,
                   # English's other common irregular past forms (not those spelt as the present: "put", "set", "read")
                   "began", "became", "bought", "brought", "built", "caught", "drew", "drove", "ate", "fell", "fought",
                   "found", "flew", "forgot", "grew", "hung", "left", "lent", "lost", "meant", "paid", "rang", "rode",
                   "rose", "sold", "sent", "shook", "sang", "slept", "spoke", "spent", "stood", "stole", "stuck",
                   "struck", "swore", "taught", "threw", "understood", "woke", "wore", "won", "broke", "dealt", "dug",
                   "fed", "fled", "forgave", "froze", "laid", "learnt", "sought", "swept", "swung", "wept", "withdrew")


# Who acts: group talk (stop 54), closed grammatical classes read by AssertionRules._lets_others: the verb whose object
# does the verb after it ("We let the caucus vote"), and words between the speaker and it that keep the speaker its
# subject ("we just let", "we've always let"). Not "have" or "make", whose object is as often a thing ("We had a vote on
# it", "We made the final decision together"), nor "get … to", which is as often the speaker's own doing through others
# ("We got the council to listen", "We got the manager to change the rota": the speaker's say).
_LETTING_VERBS = ("let", "lets", "letting")
_CAUSER_HELPERS = ("just", "always", "usually", "often", "sometimes", "now", "then", "also", "even", "'ll", "will", "'d",
                   "would", "'ve", "have", "do", "did", "can", "could", "should", "try", "tried", "to", "and", "’ll", "’d", "’ve")
# Who an onlooker watched, the last word after a determiner (_watched, stop 55), besides person nouns and group words.
_WATCHED_HEADS = ("ones", "people", "staff", "council", "committee", "board", "group", "team", "panel", "parents", "mums",
                  "dads", "students", "pupils", "patients", "children", "families", "others", "youth", "officers")
# Verbs of doing before "it" in the clause an among row's group is told by ("one of the six who wrote it"): _among_back.
_AMONG_DOINGS = ("did", "do", "does", "done", "wrote", "write", "written", "made", "make", "designed", "design", "planned",
                 "plan", "drew", "draw", "built", "build", "ran", "run", "chose", "choose", "picked", "pick", "decided",
                 "decide", "voted", "vote", "worked", "work", "put", "set", "started", "start", "organised", "organized",
                 "drafted", "draft", "shaped", "shape", "led", "lead")
# Counts of people before "of them" ("three of them", "a couple of them"), besides the quantifiers: _counted_as_them.
_COUNTS = ("three", "four", "five", "six", "seven", "eight", "nine", "ten", "couple", "lot", "dozen", "handful")
# Prepositions of a place or company the speaker exempts ("Not on my corner.", "Not at our table."): AssertionRules._exempts_self.
_EXEMPT_PREPOSITIONS = ("on", "in", "at", "round", "around", "with", "down", "up", "from")


@dataclass(frozen=True)
class Rule:
    """One row of the rules: a trigger, pseudo-trigger or terminator.

    ``window`` (triggers only) is how many tokens the scope reaches at most;
    ``None`` means the category's default (:data:`WINDOWS`).
    """

    kind: str
    category: str
    direction: str
    phrase: str
    window: int | None = None


#: How many sentences after the next one the rules read for a past account's ending, in the same turn
#: (:meth:`AssertionRules._turn_rules`); ``qlr.code._prefilter`` tokenises that many more around a hit.
LATER_SENTENCES = 1

#: The subjects opening a sentence that take up a group named in the sentences before it (stop 56,
#: :meth:`AssertionRules._across_sentences`; "them" only as "them lot", "them lads"). "She" and "he" opening a clause
#: are someone else's already (a ``subject`` row). A closed class, in code: the pre-filter (``qlr.code._prefilter``)
#: tokenises :data:`EARLIER_SENTENCES` more sentences before a hit only near one.
TAKEN_UP = ("they", "them")
#: How many sentences before a match's sentence a subject of :data:`TAKEN_UP` is read back to, in the same turn.
EARLIER_SENTENCES = 2

#: The cue bits of :meth:`AssertionRules._cues_of`, one per set of words some rules cannot return true without.
(
    _CUE_REPORTING, _CUE_BY, _CUE_ELSEWHERE, _CUE_THERE, _CUE_HEARD, _CUE_READ, _CUE_AT_IN_ON, _CUE_BEFORE, _CUE_NOW, _CUE_DENIAL, _CUE_ENDING, _CUE_THAT_WAS, _CUE_WAS, _CUE_WHEN,
    _CUE_ENDED_LATER, _CUE_SPAN, _CUE_FIRSTS, _CUE_THEN_LATER, _CUE_STORY, _CUE_TOOK_BACK, _CUE_APART, _CUE_I, _CUE_LIKE, _CUE_HIM_HER, _CUE_QUOTATION, _CUE_DECLINED_BACK,
    _CUE_TOLD, _CUE_REFUSAL, _CUE_OFFER, _CUE_NOT, _CUE_NEVER, _CUE_QUESTION, _CUE_RETRACTION, _CUE_RETRACTION_HEAD,
) = (1 << bit for bit in range(34))

#: How far a trigger reaches by default, in tokens (NegEx's negation window is
#: five words; eight keeps "never really properly asked"); None: to the sentence's end.
WINDOWS = {"negated": 8, "hypothetical": None, "historical": None, "other": None, "declined": 8}


def read_rules(path: str | Path = RULES_PATH) -> list[Rule]:
    """Read a rules table (tab-separated: kind, category, direction, phrase; ``#`` comments).

    Examples
    --------
    >>> rules = read_rules()
    >>> Rule("trigger", "hypothetical", "forward", "in an ideal world") in rules
    True
    """
    from ..errors import CodingError

    source = Path(path)
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t"))
    if not rows or rows[0][:4] != ["kind", "category", "direction", "phrase"]:
        raise CodingError("an assertion rules table starts with the header kind, category, direction, phrase[, window]", path=source)
    rules = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) not in (4, 5):
            raise CodingError(f"row {number} has {len(row)} fields, not 4 or 5", path=source, hint="separate fields with one tab")
        fields = [field.strip() for field in row]
        window = fields[4] if len(fields) == 5 and fields[4] else None
        if window is not None and not window.isdigit():
            raise CodingError(f"row {number}: window {window!r} is not a whole number of tokens", path=source)
        rule = Rule(*fields[:4], window=int(window) if window else None)
        rules.append(check_rule(rule, where=f"{source} row {number}"))
    return rules


def check_rule(rule: Rule, *, where: str = "assertion rule") -> Rule:
    """Refuse a rule with an unknown kind, category or direction."""
    from ..errors import CodingError

    categories = set(STATUSES) - {"affirmed", "question", "prompted"}
    if rule.kind not in _KINDS:
        raise CodingError(f"{where}: kind {rule.kind!r} is not one of {', '.join(_KINDS)}")
    if rule.kind in _WORD_KINDS:
        return _check_word_row(rule, where)
    if rule.kind == "model" and rule.category not in ("other", "historical"):
        raise CodingError(f"{where}: a model row says which verdict the context model may give: 'other' or 'historical', not {rule.category!r}")
    if rule.kind in ("subject", "service", "outside", "speaker", "dispute", "hearsay", "label", "confirm") and rule.category != "other":
        raise CodingError(f"{where}: a {rule.kind} row is about someone else's experience: its category is 'other', not {rule.category!r}")
    if rule.kind == "model" and rule.phrase.strip() != "context" and not rule.phrase.strip().endswith(".tsv"):
        raise CodingError(
            f"{where}: a model row names 'context' (the bundled context model) or a model file ending .tsv, not {rule.phrase!r}",
            hint="e.g. {kind: model, category: other, phrase: context}",
        )
    if rule.kind == "exception" and rule.category != "negated":
        raise CodingError(f"{where}: an exception row is a double negative ('nobody ... without'): its category is 'negated', not {rule.category!r}")
    if rule.kind == "litotes" and (rule.category != "negated" or rule.direction not in ("forward", "backward")):
        raise CodingError(
            f"{where}: a litotes row is a denied denial ('not like they don't'): its category is 'negated' and its direction 'forward' "
            f"(a word after the first denial: 'like', 'as if') or 'backward' (a word right before the second that keeps it a denial: "
            f"'ca' of \"can't\"), not {rule.category!r} and {rule.direction!r}",
            hint="e.g. {kind: litotes, category: negated, direction: forward, phrase: as if}",
        )
    if rule.kind == "speaker" and rule.phrase.strip() != "takes part":
        raise CodingError(
            f"{where}: a speaker row's phrase is 'takes part' (someone else's clause stays theirs unless the speaker takes part), not {rule.phrase!r}",
            hint="e.g. {kind: speaker, category: other, phrase: takes part}",
        )
    if rule.kind == "relay" and (rule.category != "other" or rule.phrase.strip() != "interpreted"):
        raise CodingError(
            f"{where}: a relay row reads an interpreter's rendering in the participant's first person: category 'other', phrase 'interpreted'",
            hint="e.g. {kind: relay, category: other, phrase: interpreted}",
        )
    if rule.kind in ("repair", "restart"):
        return _check_repair(rule, where)
    if rule.kind == "service" and (" " in rule.phrase.strip() or not rule.phrase.strip()):
        raise CodingError(f"{where}: a service row names one code or theme id, not {rule.phrase!r}", hint="e.g. facilitation")
    if rule.category not in categories and not (rule.kind == "terminator" and rule.category == "*"):
        raise CodingError(f"{where}: category {rule.category!r} is not one of {', '.join(sorted(categories))}")
    if rule.kind == "outside" and rule.direction not in ("forward", "backward", "both"):
        raise CodingError(f"{where}: an outside row's direction is forward, backward or both, not {rule.direction!r}")
    if rule.kind == "trigger" and rule.direction not in _DIRECTIONS:
        raise CodingError(f"{where}: direction {rule.direction!r} is not one of {', '.join(_DIRECTIONS)}")
    if rule.kind == "trigger" and rule.direction == "wrap" and rule.phrase.count(" ... ") != 1:
        raise CodingError(f"{where}: a wrap trigger is written 'head ... tail'", hint="e.g. turned ... down")
    if not rule.phrase.strip():
        raise CodingError(f"{where}: the phrase is empty")
    if rule.kind == "trigger" and rule.direction == "previous":
        _check_said_after(rule, where)
    return rule


def _check_said_after(rule: Rule, where: str) -> None:
    """Refuse a ``previous`` row that could never be said after the sentence it is about (:meth:`AssertionRules._said_after`).

    Its window, if any, is how many words may follow the phrase ("not since", 3: "Not since Covid."); none: the phrase
    is the whole of what is said.
    """
    from ..errors import CodingError

    phrase = rule.phrase.strip()
    tokens = re.findall(r"\.\.\.|…|[^\W_]+|'[^\W_]+|’[^\W_]+|[^\w\s]", phrase.lower())
    why = None
    if tokens[:1] == ["."]:
        tokens = tokens[1:]  # ". not me": a flag, said only opening a sentence
    if not tokens:
        why = "holds no words after its full stop"
    elif "..." in tokens or "…" in tokens:
        why = "holds dots, where the sentence or clause it would close breaks off"
    elif tokens and tokens[-1] in _CLOSERS:
        why = f"ends on {tokens[-1]!r}, which is left off the sentence before the phrase is looked for"
    elif tokens and tokens[0] in (",", ";", "—", "–"):
        why = f"opens with {tokens[0]!r}, which is read as the break before the phrase"
    elif tokens and rule.window is None and (tokens[-1] in _SAID_TAILS or (len(tokens) > 1 and tokens[-2] == "," and tokens[-1] in _SAID_COMMA_TAILS)):
        why = f"ends on {tokens[-1]!r}, a word that may close any such sentence and is left off before the phrase is looked for"
    if why is not None:
        raise CodingError(
            f"{where}: the {rule.category} row {phrase!r} (direction previous) {why}, so it would never apply; "
            "write only the status words, e.g. 'not any more' (closing words, fillers and full stops are allowed around them in the text)",
            hint=_said_after_rewrite(rule, phrase),
        )


def _said_after_rewrite(rule: Rule, phrase: str) -> str:
    """How to write a ``previous`` row refused by :func:`_check_said_after` so it reads as it did before stop 52.

    Before stop 52 an ``other`` row ("not for me", "good for them ,", "not me .") opened what was said after, anything
    following it; closing marks and commas were part of the phrase.  Now every row's phrase is the whole of what is
    said unless its window lets words follow.  A row that ended on a full stop meant the whole; one ending on a comma or
    on a closing word ("not for me, really") meant the words after it could go on: a window (40, the bundled rows').
    """
    tails = "|".join(re.escape(w) for w in (*_SAID_COMMA_TAILS, *_SAID_TAILS) if w != ",")
    closers = " " + "".join(_CLOSERS) + ".…"
    core = phrase.strip().lstrip(",;—– ").rstrip(closers)
    opened = core
    while True:  # ", really", " ,", " though": what may follow the status words, left off
        cut = re.sub(rf"(?:\s*,\s*(?:{tails})|\s*,|\s+(?:{tails}))\s*$", "", core).rstrip(closers)
        if cut == core:
            break
        core = cut
    core = core.replace("...", "").strip(" ,")
    whole = core == opened.replace("...", "").strip(" ,") and not opened.rstrip().endswith(",")
    if not core:
        return "remove the row: it holds no status words"
    if whole:
        return (f"as the whole of what is said, write the phrase {core!r} without a window "
                f"(a codebook: {{kind: {rule.kind}, category: {rule.category}, direction: previous, phrase: {core}}}; "
                f"'. {core}' if it must open a sentence of its own)")
    window = rule.window if rule.window is not None else 40
    return (f"with words after it, as the row read before stop 52, write the phrase {core!r} with a window "
            f"(a codebook: {{kind: {rule.kind}, category: {rule.category}, direction: previous, phrase: {core}, window: {window}}})")


def _check_word_row(rule: Rule, where: str) -> Rule:
    """Refuse a word-list row (:data:`_WORD_KINDS`) with a category, direction or window, or no phrase (:func:`check_rule`)."""
    from ..errors import CodingError

    phrase = rule.phrase.strip()
    one = _WORD_KINDS[rule.kind]
    example = f"write {{kind: {rule.kind}, phrase: {'WORD' if one else 'PHRASE'}}}"
    if rule.category.strip() or rule.direction.strip() or rule.window is not None:
        raise CodingError(f"{where}: a {rule.kind!r} row adds to a list the rules read: it has a phrase only, no category, direction or window", hint=example)
    if not phrase:
        raise CodingError(f"{where}: the phrase is empty", hint=example)
    if one and not phrase.isalpha():  # a mark, an apostrophe or a space: the tokenizer would split it ("can't", "no*")
        raise CodingError(f"{where}: a {rule.kind!r} row is one word of letters, not {phrase!r}",
                          hint=f"{example}, or a phrase kind's row for more than one word")
    return rule


@lru_cache(maxsize=1)
def _english_word_rows() -> tuple[Rule, ...]:
    """The bundled English rules' word-list rows, read by a rules table that gives none of a kind (:func:`word_lists`)."""
    return tuple(rule for rule in read_rules(RULES_PATH) if rule.kind in _WORD_KINDS)


def word_lists(rules: Iterable[Rule]) -> dict[str, tuple[str, ...]]:
    """Each word list the rules in code read: the phrases of its kind's rows, lower case, in order, each once.

    A codebook's rows come after the bundled ones and extend their lists.  The rules in code read English words, so
    a kind of which ``rules`` hold no row (the Spanish table has none) is read from the bundled English rows.

    Examples
    --------
    >>> lists = word_lists([*read_rules(), Rule("no particle", "", "", "nae")])
    >>> lists["no particle"]
    ('no', 'nah', 'naw', 'nope', 'nae')
    >>> word_lists([])["closing particle"][:3]
    ('lah', 'la', 'lor')
    """
    rules = tuple(rules)
    lists: dict[str, dict[str, None]] = {kind: {} for kind in _WORD_KINDS}
    for kind in _WORD_KINDS:
        rows = [rule for rule in rules if rule.kind == kind] or [rule for rule in _english_word_rows() if rule.kind == kind]
        for rule in rows:
            lists[kind][" ".join(rule.phrase.lower().split())] = None
    return {kind: tuple(phrases) for kind, phrases in lists.items()}


def _check_repair(rule: Rule, where: str) -> Rule:
    """Refuse a ``repair`` or ``restart`` row that says something the self-repairs cannot do (:func:`check_rule`)."""
    from ..errors import CodingError

    taken = ("negated", "*")
    if rule.category not in taken:
        raise CodingError(
            f"{where}: a {rule.kind} row's category is what a match in the words taken back becomes when the correction does not "
            f"say it again: 'negated' (taken back) or '*' (judged as said), not {rule.category!r}"
        )
    if rule.direction not in _REPAIR_DIRECTIONS or (rule.kind == "restart" and rule.direction != "break"):
        raise CodingError(f"{where}: a {rule.kind} row's direction is {' or '.join(_REPAIR_DIRECTIONS[: 1 if rule.kind == 'restart' else 2])}, not {rule.direction!r}")
    if rule.kind == "restart" and (rule.phrase.strip() != "same word" or rule.window is None):
        raise CodingError(f"{where}: a restart row's phrase is 'same word' and its window how many words before the break it looks back",
                          hint="e.g. restart\t*\tbreak\tsame word\t6")
    if not rule.phrase.strip():
        raise CodingError(f"{where}: the phrase is empty")
    return rule


@dataclass(frozen=True)
class _Trigger:
    words: tuple[int, ...]
    category: str
    direction: str
    tail: tuple[int, ...] = ()
    window: int | None = None
    #: Opens with an ``exception`` row's words ("without", "without us"): see :meth:`AssertionRules._double_negatives`.
    exception: bool = False
    #: "at all": it stresses a denial, so it denies nothing in a match that holds its own ("no staff at all").
    stresses: bool = False
    #: "It used to be …": the sentence's past runs to its end, unless "still" or "now" comes back to the present.
    whole_past: bool = False
    #: A ``hearsay`` row's phrase: a claim or rumour ("makes out", "there's talk"), someone else's words even about the speaker.
    hearsay: bool = False
    #: A ``label`` row's phrase: someone else's name for the thing ("so-called", "they call it"); forward it reaches the
    #: name only (:meth:`AssertionRules._in_label`), and it is theirs even naming the speaker, as hearsay is.
    label: bool = False


class AssertionRules:
    """Compiled assertion rules for one spaCy vocabulary; :meth:`status` judges a match.

    Parameters
    ----------
    nlp : Language
        The pipeline whose tokenizer splits the phrases and whose string store
        the token hashes come from (the Docs the matches are in).
    rules : iterable of Rule, optional
        The rules; the bundled ones by default.  Use :meth:`extended` to add some.
    model : ContextModel or False, optional
        The context model that reads a match the rules leave affirmed
        (:mod:`qlr.code._context`).  By default a ``model`` row among the rules
        switches it on (``phrase: context`` the bundled one, or a ``.tsv`` file
        of one's own, e.g. from :func:`~qlr.code._context.train_context_model`);
        without one the rules judge alone.  ``False``: never.

    Examples
    --------
    >>> from qlr.code._nlp import pipeline
    >>> nlp = pipeline()
    >>> rules = AssertionRules(nlp)
    >>> rules.judge(nlp("In an ideal world we'd run the rota ourselves."), "run the rota")
    'hypothetical'
    >>> rules.judge(nlp("We run the rota ourselves now."), "run the rota")
    'affirmed'
    """

    def __init__(self, nlp: Language, rules: Iterable[Rule] | None = None, *, model: Any = None) -> None:
        self.nlp = nlp
        self.rules = tuple(read_rules() if rules is None else rules)
        self._given_model = model
        self.model = _model_of(self.rules) if model is None else (model or None)
        # What the model may say: the model rows' categories ("other", and "historical" when a row asks);
        # a model given as an object says whatever it has a threshold for.
        self._model_speaks = frozenset(r.category for r in self.rules if r.kind == "model") if model is None else None
        strings = nlp.vocab.strings

        def words(phrase: str) -> tuple[int, ...]:
            return tuple(strings.add(token.lower_) for token in nlp.make_doc(phrase.strip()))

        self._triggers: dict[int, list[_Trigger]] = {}
        self._pseudo: dict[int, list[tuple[tuple[int, ...], str]]] = {}
        self._terminators: dict[int, list[tuple[tuple[int, ...], str]]] = {}
        self._subjects: dict[int, list[tuple[tuple[int, ...], str]]] = {}
        self._service: tuple[str, ...] = ()
        self._about_service: dict[str, bool] = {}  # code -> about_service(code), asked several times per match
        #: A ``speaker`` row: the speaker must take part for someone else's clause to be theirs (:meth:`_takes_part`).
        self._strict = False
        #: A ``relay`` row: an interpreter's rendering is read in the participant's first person (:meth:`_relayed_categories`).
        self._relays = False
        self._outside: list[tuple[tuple[int, ...], str]] = []
        #: ``previous`` triggers, kept out of the scanned ones (a longer phrase there hides shorter ones: "not"): each
        #: phrase, said after the match's sentence or clause (:meth:`_said_after`), and its category ("Not any more.":
        #: historical; "Not for me, all that digging.": other).
        self._said_rows: dict[tuple[int, ...], str] = {}
        #: How many words may follow each ``previous`` phrase in what it is said in (the row's window; 0 without one:
        #: the phrase is the whole of it, "Not any more.").
        self._said_more: dict[tuple[int, ...], int] = {}
        #: ``previous`` phrases written after a full stop (". not me"): said only opening a sentence of their own, since in
        #: a clause of the match's sentence they are a contrast ("Manager said me, 'you are the expert, not me.'").
        self._said_sentence_only: set[tuple[int, ...]] = set()
        #: ``exception`` rows: a negation trigger opening with one of these ("without", "unless") after
        #: another negation in its clause makes a double negative (:meth:`_double_negatives`).
        self._exceptions: tuple[tuple[int, ...], ...] = ()
        #: ``pseudo`` rows of direction previous: where a ``previous`` phrase goes on into one of these, it is not said.
        self._said_not: tuple[tuple[int, ...], ...] = ()
        #: ``litotes`` rows: forward, the words after a denial that open what it denies ("not like", "not as if");
        #: backward, the words right before a second negation that keep it a denial ("ca" n't, "wo" n't):
        #: :meth:`_litotes`.
        self._litotes_cues: tuple[tuple[int, ...], ...] = ()
        self._litotes_modals: frozenset[int] = frozenset()
        #: ``dispute`` rows: the speaker disputing what was just reported ("I'm not sure", "She's got that wrong"),
        #: so a report about the speaker stays someone else's words (:meth:`_disputed`).
        self._disputes: list[tuple[int, ...]] = []
        #: ``confirm`` rows: the speaker bearing out a claim or rumour about them ("…, and to be fair we did"),
        #: so a ``hearsay`` report is the speaker's own account after all (:meth:`_confirmed`).
        self._confirms: list[tuple[int, ...]] = []
        #: ``hearsay`` rows: ``other`` triggers whose report stays someone else's even when it names the speaker.
        hearsay: set[tuple[int, ...]] = set()
        #: ``label`` rows: ``other`` triggers naming the thing in someone else's word ("so-called"), hearsay of a name.
        labels: set[tuple[int, ...]] = set()
        for rule in self.rules:
            if rule.kind == "trigger" and rule.direction == "previous":
                text = rule.phrase.strip()
                phrase = words(text.removeprefix(".").strip())
                self._said_rows[phrase] = rule.category  # a codebook's row (after the bundled ones) wins
                self._said_more[phrase] = rule.window or 0
                if text.startswith("."):
                    self._said_sentence_only.add(phrase)  # ". not me": opening a sentence only, not a clause
                else:
                    self._said_sentence_only.discard(phrase)
            elif rule.kind == "trigger":
                head, _, tail = rule.phrase.partition(" ... ")
                window = rule.window if rule.window is not None else WINDOWS.get(rule.category)
                trigger = _Trigger(words(head), rule.category, rule.direction, words(tail) if tail else (), window)
                self._triggers.setdefault(trigger.words[0], []).append(trigger)
            elif rule.kind == "pseudo" and rule.direction == "previous":
                # "It's not for me to say": a ``previous`` row's phrase going on into another ("not for me" deferring,
                # not setting oneself apart) is not said (:meth:`_said_whole`).
                self._said_not = (*self._said_not, words(rule.phrase))
            elif rule.kind == "pseudo":
                phrase = words(rule.phrase)
                self._pseudo.setdefault(phrase[0], []).append((phrase, rule.category))
            elif rule.kind == "service":
                self._service = (*self._service, rule.phrase.strip())
            elif rule.kind == "model":
                continue  # read by _model_of
            elif rule.kind == "speaker":
                self._strict = True
            elif rule.kind == "relay":
                self._relays = True
            elif rule.kind in ("repair", "restart"):
                continue  # read by _repair_words
            elif rule.kind in _WORD_KINDS:
                continue  # read by _word_tables
            elif rule.kind == "exception":
                self._exceptions = (*self._exceptions, words(rule.phrase))
            elif rule.kind == "litotes" and rule.direction == "forward":
                self._litotes_cues = (*self._litotes_cues, words(rule.phrase))
            elif rule.kind == "litotes":
                self._litotes_modals = self._litotes_modals | set(words(rule.phrase))
            elif rule.kind == "dispute":
                self._disputes.append(words(rule.phrase))
            elif rule.kind == "confirm":
                self._confirms.append(words(rule.phrase))
            elif rule.kind == "hearsay":
                hearsay.add(words(rule.phrase))
            elif rule.kind == "label":
                labels.add(words(rule.phrase))
            elif rule.kind == "outside":
                self._outside.append((words(rule.phrase), rule.direction))
            elif rule.kind == "subject":
                phrase = words(rule.phrase)
                self._subjects.setdefault(phrase[0], []).append((phrase, rule.category))
            else:
                phrase = words(rule.phrase)
                self._terminators.setdefault(phrase[0], []).append((phrase, rule.category))
        # Which triggers open with an exception row's words, which stress a denial and which pass on hearsay,
        # decided once (the rows may come in any order).
        at_all, it_used_to_be = words("at all"), words("it used to be")
        for key, entries in self._triggers.items():
            self._triggers[key] = [
                replace(
                    t,
                    exception=any(t.words[: len(head)] == head for head in self._exceptions),
                    stresses=t.words == at_all,
                    hearsay=t.category == "other" and (t.words in hearsay or t.words in labels),
                    label=t.category == "other" and t.words in labels,
                    whole_past=t.category == "historical" and t.words[:4] == it_used_to_be,
                )
                for t in entries
            ]
        unmarked = (hearsay | labels) - {t.words for entries in self._triggers.values() for t in entries if t.category == "other"}
        if unmarked:
            from ..errors import CodingError

            phrases = sorted(" ".join(strings[w] for w in phrase) for phrase in unmarked)
            raise CodingError(
                f"hearsay or label row(s) {', '.join(map(repr, phrases))} mark no other trigger: such a row marks an 'other' trigger of the same phrase",
                hint="add a trigger row of category other with the same phrase",
            )
        # Longest phrases first, so "if only" is tried before "if".
        for table in (self._triggers, self._pseudo, self._terminators, self._subjects):
            for key, entries in table.items():
                table[key] = sorted(entries, key=lambda e: -len(e.words if isinstance(e, _Trigger) else e[0]))
        self._index_phrases()
        # ``subject`` rows by first word, then by second (longest first, table order within a length: the order
        # :meth:`_subject_end` tries them in), and the one-word rows, which come last in that order.
        self._subject_index: dict[int, tuple[dict[int, tuple[tuple[int, ...], ...]], bool]] = {}
        for head, entries in self._subjects.items():
            by_second: dict[int, list[tuple[int, ...]]] = {}
            for phrase, _ in entries:
                if len(phrase) > 1:
                    by_second.setdefault(phrase[1], []).append(phrase)
            self._subject_index[head] = ({second: tuple(p) for second, p in by_second.items()}, any(len(phrase) == 1 for phrase, _ in entries))
        word = strings.add
        self._word_tables(words)
        self._yes_subjects = frozenset(map(word, _YES_SUBJECTS))
        self._ago, self._back = word("ago"), word("back")
        self._right = word("right")
        self._still_now = frozenset(map(word, ("still", "now", "nowadays")))
        self._still = word("still")
        self._here = word("here")
        self._particles_after = frozenset(map(word, (",", ".", "!", ";", "thanks", "mate", "love", "though", "?")))
        self._here_breaks = frozenset(map(word, (",", ";", "but", "—")))
        self._here_denials = frozenset(map(word, ("not", "n't", "never", "no")))
        self._elsewhere_at = frozenset(map(word, ("at", "in", "down", "over", "up")))
        self._still_joins = frozenset(map(word, (",", "and", "but", "—")))
        self._still_subjects = frozenset(map(word, _STILL_SUBJECTS))
        self._still_auxiliaries = frozenset(map(word, _STILL_AUXILIARIES))
        self._still_closers = frozenset(map(word, _STILL_CLOSERS))
        self._past_auxiliaries = frozenset(map(word, _PAST_AUXILIARIES))
        self._back_when = frozenset(map(word, ("in", "then", "when")))
        self._brackets_open = frozenset(map(word, ("(", "[")))
        self._retracting = frozenset(map(word, _RETRACTING))
        self._retracting_subjects = frozenset(map(word, _RETRACTING_SUBJECTS))
        self._without, self._nt = word("without"), word("n't")
        self._know, self._about, self._else = word("know"), word("about"), word("else")
        self._joke_breaks = frozenset(map(word, (",", ";", "and", "but", "—", "-")))
        self._brackets_close = frozenset(map(word, (")", "]")))
        self._yes_auxiliaries = frozenset(map(word, _YES_AUXILIARIES))
        self._softeners = frozenset(map(word, _SOFTENERS))
        self._closers = frozenset(map(word, _CLOSERS))
        self._tags = frozenset(map(word, _TAG_WORDS))
        self._pronouns = frozenset(map(word, _TAG_PRONOUNS))
        self._echo_extras = frozenset(map(word, _ECHO_EXTRAS))
        self._echo_tag_auxiliaries = frozenset(map(word, _ECHO_TAG_AUXILIARIES))
        self._eh = word("eh")
        self._label_ends = frozenset(map(word, _LABEL_ENDS))
        self._yes_restated = frozenset(map(word, (*_YES_AUXILIARIES, "'ve", "'d", "had", "would")))
        self._yes_often = frozenset(map(word, _YES_OFTEN))
        self._not_words = frozenset(map(word, ("not", "n't", "never")))
        self._question = word("?")
        self._first_person = frozenset(map(word, _FIRST_PERSON))
        self._kin_describers = frozenset(map(word, _KIN_DESCRIBERS))
        self._comma = word(",")
        self._joiners = frozenset((word(","), word("but")))
        self._clause_breaks = frozenset(map(word, _CLAUSE_BREAKS))
        self._fillers = frozenset(map(word, _FILLERS))
        self._retraction_openers = self._brackets_open | self._fillers | {self._comma} | {p[0] for p in (*self._jokes, *self._serious)}
        self._retraction_heads = frozenset(p[0] for p in (*self._jokes, *self._serious))
        # The first words of each category's triggers, all of them and those whose scope runs back (:meth:`_opens_with`).
        self._opening_heads: dict[tuple[str, bool], frozenset[int]] = {}
        for head, entries in self._triggers.items():
            for trigger in entries:
                for looking_back in (False, True):
                    if not looking_back or trigger.direction in ("backward", "both"):
                        key = (trigger.category, looking_back)
                        self._opening_heads[key] = self._opening_heads.get(key, frozenset()) | {head}
        self._possessives = frozenset(map(word, _THIRD_POSSESSIVES))
        self._not = word("not")
        self._but = word("but")
        self._dispute_heads = frozenset(phrase[0] for phrase in self._disputes)
        self._dispute_tails = frozenset(map(word, ("about", "that", "at", "all", "mind", "like", "really", "though", "either")))
        self._confirm_heads = frozenset(phrase[0] for phrase in self._confirms)
        self._confirm_limits = frozenset(map(word, _CONFIRM_LIMITS))
        self._confirm_limit_pairs = frozenset(tuple(map(word, pair.split())) for pair in _CONFIRM_LIMIT_PAIRS)
        self._span_not_over = frozenset(map(word, _SPAN_NOT_OVER))
        self._exclamation = word("!")
        self._confirm_tails = frozenset(map(word, ("actually", "mind", "really", "though", "too", "and", "all", "like", "in", "fairness")))
        self._and = word("and")
        self._aye = word("aye")
        self._own_denials = self._denials | frozenset(map(word, ("nobody", "nothing", "none", "n't")))
        self._speakers = self._first_person | frozenset(map(word, _SPEAKERS_GROUP))
        self._no_longer_words = frozenset(tuple(map(word, phrase.split())) for phrase in _NO_LONGER)
        self._no_longer_phrase = (word("no"), word("longer"))
        self._any_more = frozenset(tuple(map(word, phrase.split())) for phrase in ("any more", "anymore"))
        self._elliptical = frozenset(map(word, _ELLIPTICAL))
        self._no = word("no")
        self._double_breaks = frozenset(map(word, _DOUBLE_BREAKS))
        self._litotes_breaks = frozenset(map(word, _CLAUSE_BREAKS))
        #: What the first denial of a litotes follows: a form of "be" ("it's not like", "it isn't as if") or a break
        #: ("Not that they don't …", "…, not that …"); after another verb ("I don't like that …") it denies that verb.
        self._litotes_before = frozenset(map(word, ("'s", "is", "was", "'m", "am", "are", "'re", "were", "be", *_CLAUSE_BREAKS, *_CLOSERS, "?", "and")))
        self._its_that_before = frozenset(map(word, ("'s", "is", "was", "just")))
        self._after_interjection = frozenset(map(word, _AFTER_INTERJECTION))
        self._possessive_marks = frozenset((word("'"), word("'s"), word("’")))
        self._after_name = frozenset(map(word, _AFTER_NAME)) | _inflected_forms()
        self._known = self._after_name | _lemmas() | frozenset(map(word, _common_words())) | self._first_person | self._fillers
        self._breaks = frozenset(phrase[0] for entries in self._terminators.values() for phrase, cat in entries if cat in ("negated", "*") and len(phrase) == 1)
        self._grammar_words(word)
        self._repair_words(words, word)
        self._index_cues()
        self._who_acts_words(word)
        self._across_words(word)

    def _word_tables(self, words: Any) -> None:
        """The tables of the word lists the rules in code read, from the rows of their kinds (:func:`word_lists`), read here only.

        A one-word kind's table is a set of token hashes, a phrase kind's a sequence of token tuples in the order the
        rules try them (longest first where a longer one holds a shorter: "i 'm only joking" before "only joking").
        """
        from ..errors import CodingError

        lists = word_lists(self.rules)

        def one_word(kind: str) -> frozenset[int]:
            split = [(phrase, words(phrase)) for phrase in lists[kind]]
            for phrase, tokens in split:
                if len(tokens) != 1:
                    raise CodingError(f"a {kind!r} row is one token, and the tokenizer splits {phrase!r} into {len(tokens)}",
                                      hint="write a phrase kind's row, or the word as the tokenizer splits it")
            return frozenset(tokens[0] for _, tokens in split)

        def phrases(kind: str) -> tuple[tuple[int, ...], ...]:
            return tuple(words(phrase) for phrase in lists[kind])

        def longest_first(kind: str) -> list[tuple[int, ...]]:
            return sorted(phrases(kind), key=len, reverse=True)

        self._yes_particles, self._no_particles = one_word("yes particle"), one_word("no particle")
        self._denials = self._no_particles | one_word("denial")
        self._affirmations = self._yes_particles | one_word("affirmation")
        self._no_saying_yes, self._hedged_yes = one_word("no saying yes"), one_word("hedged yes")
        self._yes_openers = longest_first("yes opener")
        self._jokes, self._serious = longest_first("joke"), longest_first("serious")
        self._passed_tests, self._came_round_phrases = one_word("passed test"), list(phrases("came round"))
        self._bare_nos, self._own_choices = frozenset(phrases("bare no")), frozenset(phrases("own choice"))
        # Every bare no and own choice is a refusal, tried after the refusal rows.
        self._refusals = tuple(dict.fromkeys((*phrases("refusal"), *phrases("bare no"), *phrases("own choice"))))
        self._offer_words = one_word("offer")
        self._subjectless_refusals, self._closing_particles = phrases("subjectless refusal"), one_word("closing particle")
        self._media, self._mediums = one_word("media"), one_word("medium")
        self._endings, self._bare_endings = one_word("ending"), one_word("bare ending")
        self._onlooking, self._among = one_word("onlooking"), list(phrases("among"))  # stop 55: _lets_others, _counts_self_among
        self._group_nouns = one_word("group noun")  # stop 56: _across_sentences
        self._not_groups = one_word("not a group")  # stop 56 review: _group_named
        self._group_things = one_word("group thing")  # stop 57: _group_named ("the committee room")

    def _grammar_words(self, word: Any) -> None:
        """The hashed word sets of the grammatical rules (:meth:`_grammatical`), kept apart from the rows'."""
        sets = {
            "_reporting": _REPORTING, "_addressees": _ADDRESSEES, "_instructions": _INSTRUCTIONS,
            "_first_subjects": _FIRST_SUBJECTS, "_denying": _DENYING_SUBJECTS, "_noun_before": _NOUN_BEFORE, "_not_reported": _NOT_REPORTED,
            "_participles": _PARTICIPLES, "_hedges": _HEDGES, "_be": _BE_FORMS, "_before": _BEFORE,
            "_irregular_past": _IRREGULAR_PAST, "_quantifiers": _QUANTIFIERS, "_determiners": _DETERMINERS,
            "_person_nouns": _PERSON_NOUNS, "_contrast_marks": _CONTRAST_MARKS, "_prepositions": _PREPOSITIONS,
            "_nows": _NOWS, "_subject_openers": _SUBJECT_OPENERS, "_describing": _DESCRIBING,
            "_seeing_verbs": _SEEN, "_seeing_on": _SEEN_ON, "_before_medium": _BEFORE_MEDIUM,
        }
        for name, words in sets.items():
            setattr(self, name, frozenset(map(word, words)))
        self._addressed = self._first_person | frozenset(map(word, _ADDRESSED))
        self._and, self._i, self._by, self._about = word("and"), word("i"), word("by"), word("about")
        self._media_of = frozenset(map(word, ("of", "on")))
        self._him_her, self._to = frozenset(map(word, ("him", "her"))), word("to")
        self._own_writing = frozenset(map(word, ("my", "our")))
        self._asking_verbs = frozenset(map(word, (
            "ask", "asks", "asked", "asking", "listen", "listens", "listened", "listening", "consult", "consults", "consulted",
            "consulting", "invite", "invites", "invited", "involve", "involves", "involved", "include", "includes", "included",
            "trust", "trusts", "trusted",
        )))
        def phrases(*texts: str) -> tuple[tuple[int, ...], ...]:
            return tuple(tuple(map(word, text.split())) for text in texts)  # written as the tokenizer splits them

        self._then_openers = frozenset(map(word, ("and", "...", "…", "—", "–", "-", ",")))
        self._done_for_good = phrases(
            "that 's me done", "that 's me finished", "that was me done", "that was me finished", "that 's me out",
            "that was the end of it", "that 's the end of it", "that was the end of that",
        )
        # An account said to be over, as a sentence of its own after it (corpus 5's and 6's tuning halves): "Those days
        # are long gone, mind.", "That's a while since."; not "That's finished" or "that was it", a task done.
        self._told_over = phrases(
            "those days are gone", "those days are long gone", "those days have gone", "them days are gone", "them days are long gone",
            "it 's all changed", "it has all changed", "that 's a while since", "that 's a good while since", "that 's years since",
            "that was years ago", "that were years ago", "that was a long time ago", "that 's all in the past", "that 's in the past",
        )
        # A status said after what it is about (``previous`` rows of every category but other, :meth:`_said_after`): the
        # words that may close that sentence or clause after the phrase ("Not now, though.", "That's her plan, she says."),
        # where its clause may open in the match's sentence, and how long a next sentence holding one can be.
        self._said_tails = frozenset(map(word, _SAID_TAILS))
        self._said_breaks = frozenset(map(word, (",", ";", ":", "—", "–", "(", "and", "but", "...", "…")))
        self._said_comma_tails = frozenset(map(word, _SAID_COMMA_TAILS))
        self._said_reports = frozenset(map(word, _SAID_REPORTS))
        self._said_own_subject = frozenset(map(word, _SAID_OWN_SUBJECT))
        self._said_afraid = (word("i"), word("'m"), word("afraid"))
        self._said_me_us = frozenset(map(word, ("me", "us")))
        self._said_passive = frozenset(map(word, ("was", "were", "been", "got", "get")))
        self._said_not_to = frozenset(map(word, ("what", "how", "if", "whether", "why", "where", "when", "about", "for")))
        self._like_word = word("like")
        #: ``previous`` phrases that words may follow (a window: "Not since Covid.", "Not for me, all that digging."), by first word, longest first.
        opened: dict[int, list[tuple[tuple[int, ...], int]]] = {}
        for phrase, more in self._said_more.items():
            if more:
                opened.setdefault(phrase[0], []).append((phrase, more))
        self._said_open = {head: tuple(sorted(entries, key=lambda entry: -len(entry[0]))) for head, entries in opened.items()}
        self._said_words = frozenset(map(word, ("and", "but")))
        self._said_lasts = frozenset(phrase[-1] for phrase in self._said_rows)
        #: "it's" / "that's" opening what is said after, fillers aside ("…, but it's not for me", "It's still not.").
        self._said_its, self._said_is = frozenset(map(word, ("it", "that"))), frozenset(map(word, ("'s", "is", "’s")))
        self._said_denials = frozenset(map(word, _NOT_SINCE)) | self._denials
        # A phrase that denies the sentence before (not someone else's: "not for me" sets the speaker apart, it denies nothing).
        self._said_denying = frozenset(
            phrase for phrase, category in self._said_rows.items() if category != "other" and not self._said_denials.isdisjoint(phrase)
        )
        self._be_word = word("be")
        self._again_now = frozenset(map(word, ("again", "now", "nowadays")))
        self._is_are = frozenset(map(word, ("is", "are", "'s", "'re", "am", "'m", "’s", "’re", "’m")))
        self._me = word("me")
        self._told_word = word("told")
        self._sent_to = frozenset(map(word, ("them", "'em", "her", "him")))
        self._sending_verbs = frozenset(map(word, ("find", "ask", "pick", "get", "give")))
        self._it_them = frozenset(map(word, ("it", "them")))
        self._someone = frozenset(map(word, ("someone", "somebody")))
        self._else_younger = frozenset(map(word, ("else", "younger")))
        self._causatives = frozenset(map(word, ("got", "gets", "getting", "has", "had", "have", "having", "keep", "keeps", "kept")))
        self._placing = frozenset(map(word, ("put", "puts", "putting", "set", "sets")))
        self._said_helpers = frozenset(map(word, ("keep", "keeps", "kept", "always", "was", "were", "has", "have", "'ve", "'s", "just")))
        self._at_in_on = frozenset(map(word, ("at", "in", "on", "from")))
        self._told_over_tails = frozenset(map(word, ("for", "us", "me", "now", "mind", "really", "sadly", "like", "though", "love", "pet", "duck", ",")))
        # The speaker taking a present account back into the past, opening the next sentence (corpus 6's tuning half):
        # "Well, I did, till they outsourced the kitchen.", "Used to, anyway."
        self._took_back_to_past = phrases("i did", "we did", "i used to", "we used to", "used to", "i was", "we were")
        # Words that cannot be the arrangement's own name opening its ending's sentence (:meth:`_thing_ended`).
        self._object_openers = frozenset(map(word, ("the", "a", "an", "our", "their", "its", "his", "her", "my", "all", "that", "this", "those")))
        self._carrying_on = frozenset(map(word, ("still", "carries", "carry", "carrying", "going", "continues")))
        self._carried_on_words = frozenset(map(word, (
            "stop", "stops", "stopping", "stopped", "miss", "just", "even", "only", "shy", "again", "still", "more", "well", "died",
            "wait", "worry", "bothered", "mind",
        )))
        self._folded = word("folded")
        self._not_things = frozenset(map(word, (*_FIRST_PERSON, *_FILLERS, "it", "that", "this", "they", "he", "she", "you", "there",
                                                 "everything", "all", "which", "who", "then", "so", "and", "but", "a", "an")))
        self._tills = frozenset(map(word, ("till", "until", "til")))
        self._anyway, self._or = word("anyway"), word("or")
        # Words telling an occasion's length after "till", not an arrangement's end ("I did till five o'clock today").
        self._till_times = frozenset(map(word, (*_RECENT,
            "late", "midnight", "recently", "lately", "the", "end", "o'clock", "half", "dinner", "tea", "lunch", "teatime",
            "bedtime", "dark", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        )))
        self._story_openings = phrases("i 'm", "i am", "we 're", "we are", "there i am", "there we are", "here i am")
        # The first words of phrase lists looked for at one position: a position holding none starts none of them.
        self._story_heads = frozenset(p[0] for p in self._story_openings)
        self._told_over_heads = frozenset(p[0] for p in self._told_over)
        self._took_back_heads = frozenset(p[0] for p in self._took_back_to_past)
        self._that_was_that = phrases("that 's that", "that was that", "that were that")
        self._thats_what = frozenset(phrases("that 's what", "that is what", "that was what", "that were what"))
        self._or_so = tuple(map(word, ("or", "so")))
        self._taking_part_subjects = frozenset(map(word, ("i", "we", "me", "us")))
        self._report_closers = self._addressees | frozenset(map(word, ("this", "so", "once", "too")))
        # A bare report told a sentence on ("She told me.", "He told us all about it.", stop 59): whom it was told, then
        # at most "all about it"; and the cleft on someone else ("It's Ewan that co-runs it", "It was my dad who …").
        self._told_whom, self._all_about_it = frozenset(map(word, ("me", "us"))), frozenset(map(word, ("all", "about", "it", "that", "so", "once", "too")))
        self._cleft_its = phrases("it 's", "it is", "it was", "it 'll be", "'t is", "tis")
        self._cleft_focus_words = frozenset(map(word, ("only", "just", "really", "mostly", "actually", "mainly", "always")))
        self._cleft_objects = frozenset(map(word, ("him", "her", "them")))
        self._cleft_links = frozenset(map(word, ("who", "that")))
        # After "we do" answering someone else's denial ("They don't set the agenda, we do now.", review of stop 59).
        self._instead_closers = frozenset(map(word, ("now", "instead", "ourselves", "myself", "though", "actually", "really", "anyway", "here", "all", "together", ",")))
        self._takers = frozenset(map(word, ("and", "so", "which")))
        self._doers, self._did = frozenset(map(word, ("i", "we"))), frozenset(map(word, ("did", "have", "do")))
        self._was, self._recent = frozenset(map(word, _WAS)), frozenset(map(word, _RECENT))
        self._since, self._not_since = frozenset(map(word, _SINCE)), frozenset(map(word, _NOT_SINCE))
        self._then, self._still, self._but, self._stopped = word("then"), word("still"), word("but"), word("stopped")
        self._ending_breaks = self._clause_breaks | self._closers | frozenset(map(word, ("and", "now")))
        self._now, self._these, self._days = word("now"), word("these"), word("days")
        self._now_starts = self._nows | {self._these}  # the first words :meth:`_now_length` counts
        self._that_was = frozenset(map(word, ("that", "this", "it")))
        self._beginnings = frozenset(map(word, _BEGINNINGS))
        self._up, self._over, self._when = word("up"), word("over"), word("when")
        # The words _ended's tests start from (besides "that was"): words after a past clause holding none end nothing.
        self._ending_cues = self._endings | self._bare_endings | self._since | {self._over, self._stopped}
        self._referring = frozenset(map(word, ("it", "that", "this", "all", "which")))
        self._took = frozenset(map(word, ("took", "taken", "taking")))
        self._then_later = frozenset(map(word, ("then", "later")))
        self._decades = frozenset(map(word, _DECADES))
        self._decade_joins = frozenset(map(word, (",", "or", "when", "before", "until", "till", "i", "we", "me", "us", "my", "our", "—", "-", ";", ":")))
        # Occasions a wave's interview tells of before which something was done ("Before the meeting we spent an hour …").
        self._occasions = frozenset(map(word, ("meeting", "meetings", "session", "sessions", "agm", "event", "workshop", "fete",
                                               "launch", "visit", "trip", "interview", "party", "match", "show")))
        self._resumptive = frozenset(map(word, ("they", "he", "she")))
        self._groups = frozenset(map(word, _SPEAKERS_GROUP))
        self._staff = frozenset(map(word, _STAFF_NOUNS))
        self._their_staff = self._staff | frozenset(map(word, _THEIR_STAFF))
        self._knowing = frozenset(map(word, _KNOWING))
        self._helpers = frozenset(map(word, ("'ve", "have", "had", "'d", "do", "did", "only", "just", "also", "all", "kind", "sort", "of", "'m", "am", "was")))
        self._not_words = frozenset(map(word, ("not", "n't")))
        self._for_that = frozenset(map(word, ("for", "that")))
        self._am = frozenset(map(word, ("'m", "am", "'re", "are", "was", "were", "’m", "’re")))
        self._its = frozenset(map(word, ("it", "that", "'s", "is", "’s")))
        self._they, self._in = word("they"), word("in")
        self._elsewhere = frozenset(map(word, ("over", "up", "down")))
        self._at_in = frozenset(map(word, ("at", "in")))
        self._my, self._possessive_s = word("my"), word("'s")
        self._others_possessives = frozenset(map(word, ("her", "his", "their")))
        # "In her absence the volunteers run it", "In Ann's view": a time, a view or a stand-in, not a place; "At Maria's
        # sessions everyone has a say": a group named for whoever leads it may be the speaker's own.
        self._not_places = frozenset(map(word, (
            "view", "views", "opinion", "absence", "words", "time", "day", "days", "defence", "favour", "honour", "memory",
            "name", "case", "experience", "eyes", "head", "mind", "role", "job", "request", "stead", "shoes", "book",
            "group", "groups", "session", "sessions", "class", "classes", "club", "meeting", "meetings", "circle", "team",
            "project", "course", "workshop", "workshops",
        )))
        self._there, self._is_ = word("there"), word("is")
        self._there_is = frozenset(map(word, ("'s", "is", "was", "’s")))
        self._introducers = frozenset(map(word, ("a", "an", "this", "one", "some")))
        self._heard = frozenset(map(word, ("heard", "hear", "read")))  # "I only hear about it from the mothers"
        self._heard_word, self._even = word("heard"), word("even")
        self._role_prepositions = frozenset(map(word, ("on", "as", "for")))
        self._handing_over = frozenset(map(word, ("handed", "passed", "gave")))
        self._on_over, self._it_word = frozenset(map(word, ("on", "over", "up"))), word("it")
        self._reins = frozenset(map(word, ("job", "reins", "role", "chair", "post")))
        self._wanting_forms = frozenset(map(word, ("want", "wants", "wanted")))
        self._yes_glad = frozenset(map(word, ("yes", "glad")))
        self._acceptances = frozenset(map(word, ("did", "do", "joined", "agreed", "accepted", "wrote", "typed", "brought", "took", "love", "loved")))
        self._askers_back = frozenset(map(word, ("them", "her", "him", "everyone", "everybody", "'em")))
        self._not_then = frozenset(map(word, ("after", "once", "later", "last", "next", "year", "for", "when", "on", "by", "in", "straight", "with", "every",
                                              "rest", "all", *_RECENT)))
        self._did_word = word("did")
        self._back_again = frozenset(map(word, ("still", "again", "back", "while")))
        self._role_verbs = frozenset(map(word, ("chaired", "ran", "led", "sat", "volunteered", "organised", "organized", "managed", "coordinated", "hosted", "helped", "took")))
        self._on_word = word("on")
        self._for_to = frozenset(map(word, ("for", "to")))
        self._for = word("for")
        self._spans_of_time = frozenset(map(word, ("a", "an", "the", "one", "two", "three", "few", "couple", "some", "six")))
        self._semicolon, self._pass, self._hard, self._instead = word(";"), word("pass"), word("hard"), word("instead")
        self._passed, self._it_that = word("passed"), frozenset(map(word, ("it", "that")))
        self._said_word, self._rather, self._let_word = word("said"), word("rather"), word("let")
        self._deflections = frozenset(tuple(map(word, p.split())) for p in ("leave it to", "keep it for", "leave that to", "save it for"))
        self._deflected_turns = tuple(tuple(map(word, p.split())) for p in ("have a go", "have a turn", "have a shot", "do it", "have it"))
        self._passing_auxiliaries = frozenset(map(word, ("'ll", "will", "’ll", "just", "'d", "would", "simply")))
        self._handing = frozenset(map(word, ("give", "gave", "hand", "handed", "pass", "passed", "flick", "flicked", "sent", "send", "offered")))
        self._have_forms = frozenset(map(word, ("'ve", "have", "’ve")))
        self._known_things = frozenset(map(word, ("it", "them", "that", "those", "this", "one")))
        self._aside_tails = frozenset(map(word, ("to", "be", "honest", "mind", "sorry", "personally")))
        self._that, self._to_by = word("that"), frozenset((word("to"), word("by")))
        self._owners, self._my, self._me = frozenset(map(word, ("my", "our", "me"))), word("my"), word("me")
        ed_forms = _ed_forms()
        self._past_forms = self._irregular_past | ed_forms
        self._model_past_forms = frozenset(map(word, _MODEL_IRREGULAR_PAST)) | ed_forms
        self._one_person = frozenset(map(word, ("he", "she", "him", "her", "his", "hers", "himself", "herself")))
        self._taking_part = frozenset(map(word, ("i", "me", "we", "us", "our", "ours", "myself", "ourselves")))
        # The rules over the turn (:meth:`_turn_rules`).
        self._stop, self._all, self._no, self._longer = word("."), word("all"), word("no"), word("longer")
        self._anymore, self._any, self._more = word("anymore"), word("any"), word("more")
        self._account = frozenset(map(word, ("it", "that", "this", "there", "they", "we", "me", "us", "them")))
        # One word of each ``previous`` phrase that words may follow, its rarest: words holding none of them hold no
        # such phrase (:meth:`_said_after`; a phrase that must be the whole is found from the last word instead).
        self._said_open_cues = frozenset(_rarest(phrase, self.nlp.vocab.strings) for phrase, more in self._said_more.items() if more)
        self._stoppers = frozenset(map(word, ("i", "we", "they", "it", "that", "everything", "everyone", "everybody", "all")))
        self._span_openers, self._span_units = frozenset(map(word, _SPAN_OPENERS)), frozenset(map(word, _SPAN_UNITS))
        self._span_to_now, self._unbounded = frozenset(map(word, _SPAN_TO_NOW)), frozenset(map(word, _UNBOUNDED))
        self._span_fragment = frozenset(map(word, _SPAN_FRAGMENT))
        self._refusal_hedges = frozenset(map(word, _REFUSAL_HEDGES))
        self._speaker_subjects = frozenset(map(word, ("i", "we")))
        self._refusal_since = frozenset(map(word, _REFUSAL_SINCE))
        self._offer_askers = frozenset(map(word, _OFFER_ASKERS))
        self._subordinators = frozenset(map(word, _SUBORDINATORS))
        self._refusal_ends = self._closers | frozenset(map(word, ("and", "but", ",")))  # not "so": "I stepped back so the young ones …"
        self._determiner_the = frozenset(map(word, ("the", "a", "their", "our")))  # "nervous with the till": a noun
        self._objects = frozenset(map(word, ("me", "us")))
        # Dialect grammar (stop 53): yes/no particles and refusals without a subject (the particles' tables: _word_tables).
        self._ja = word("ja")
        self._wait = word("wait")
        self._did_it = frozenset(map(word, _PRO_VERBS))
        self._yes_again_subjects = frozenset(map(word, _YES_AGAIN_SUBJECTS))
        self._yes_again_ends = self._closers | self._yes_particles | frozenset(map(word, (",", *_YES_AGAIN_TAILS)))
        self._refusal_openers = self._no_particles | self._yes_particles | frozenset(p[0] for p in self._subjectless_refusals)
        self._to, self._if = word("to"), word("if")
        # A condition's own reason ("If the cafe shut because we voted to close it, …"): review of stop 57.
        self._conditionals = frozenset(map(word, ("if", "imagine", "suppose", "supposing")))
        self._reasons = frozenset(map(word, ("because", "cos", "'cause", "’cause")))
        # A reason still to come ("…, because we'll vote on it then"): stop 58, _reason_to_come.
        self._to_come = frozenset(map(word, ("will", "'ll", "’ll", "shall", "would", "might", "gonna")))
        self._going = word("going")
        self._refusal_heads = frozenset(phrase[0] for phrase in self._refusals)
        self._if_whether = frozenset(map(word, ("if", "whether")))
        self._did_anyway = frozenset(map(word, ("did", "do", "went", "joined", "have", "'ve", "ended", "still", "said", "took", "changed")))
        self._joining = frozenset(map(word, ("and", "but", "so")))
        self._wanting = frozenset(map(word, ("want", "wanted", "like", "fancy", "fancied", "interested")))
        self._i = word("i")
        self._presence, self._joined_by = frozenset(map(word, _PRESENCE)), frozenset(map(word, _JOINED_BY))
        self._on_in = frozenset(map(word, ("on", "in")))
        self._present_be = frozenset(map(word, ("is", "are", "'s", "'re", "am", "'m", "be", "been", "being", "’s", "’re")))
        self._quote_marks = frozenset(map(word, (",", ":", '"', "“", "'", "‘")))
        self._like = word("like")
        self._quotation_marks = frozenset(map(word, _QUOTATION_MARKS))
        self._quoting = self._reporting | frozenset(map(word, _QUOTING))
        self._quote_softeners = frozenset(map(word, ("always", "just", "all", "keeps", "kept", "'s", "is", "was", "were", "are", "'re", "forever", "then", "once")))
        # Words of whom or where a quotation was said to, between the verb and the marks ("told the council,").
        self._addressee_words = frozenset(map(word, ("to", "in", "at", "on", "across", "the", "my", "our", "his", "her", "their", "a", "whole")))
        self._quote_addressees = frozenset(map(word, ("me", "us", "to", "him", "her", "them", "everyone", "everybody")))
        self._told_ones = frozenset(map(word, ("me", "us")))
        self._witness_postures = frozenset(map(word, ("stood", "sat", "standing", "sitting", "right", "just", "only")))
        self._witness_places = frozenset(map(word, ("there", "in", "at", "by", "outside", "inside", "here", "around")))
        self._colon = word(":")
        self._hyphen = word("-")
        self._second_person = frozenset(map(word, _ADDRESSED))
        self._quoting_after = frozenset(map(word, ("that", "is", "was", "she", "he", "they", "says", "said", "goes", "went", "and", "but", "which")))
        self._thats_what_said = phrases("that 's what", "that was what", "that is what", "is what", "was what")
        self._like_softeners = frozenset(map(word, ("always", "all", "just", "kind", "sort", "of", "literally", "basically")))
        self._quoting_subjects = frozenset(map(word, ("he", "she", "they")))
        self._finite = frozenset(map(word, _FINITE))
        self._changes = self._endings | self._bare_endings | frozenset(map(word, _CHANGES))
        self._gone_marks_more = frozenset(map(word, ("since", "again", "back", "anymore", "more")))
        self._left_out = frozenset(map(word, ("asked", "needed", "called", "rang", "invited")))
        self._change_guards = frozenset(map(word, ("early", "late", "at", "on", "for")))
        self._and_but = frozenset(map(word, ("and", "but", "so", "well", "oh", ",")))
        # A sentence opened by its first years or months (:meth:`_first_years_ended`), and the speaker stopping (:meth:`_stops`).
        self._firsts, self._of = frozenset(map(word, ("first", "early"))), word("of")
        self._frame_words = frozenset(map(word, ("in", "for", "during", "the", "my", "our", "those", "few", "couple", "of", "a")))
        self._frame_units = frozenset(map(word, ("year", "years", "month", "months")))
        self._stop_words = frozenset(map(word, ("stop", "stopped", "quit", "quitted")))
        self._stop_subjects = frozenset(map(word, ("i", "we", "they")))
        self._thing_openers = frozenset(map(word, ("the", "our", "their", "its", "that", "this")))
        # An ending a definite noun phrase takes up in a later sentence ("The panel was dissolved"); not
        # "stopped", which people say of others leaving ("The lady stopped coming").
        self._thing_endings = self._endings - {self._stopped}
        self._event_ends = frozenset(map(word, ("up", "early", "late", "at", "with", "on")))
        self._absent_helpers = frozenset(map(word, ("'m", "am", "was", "'ve", "have", "do", "did", "'d", "ai", "really", "even", "ever", "actually", "only", "just")))
        self._about_of, self._read = frozenset(map(word, ("about", "of"))), word("read")
        # Not "Finished.": as often a job done ("We painted the mural together. Took three weeks. Finished.").
        self._whole_endings = self._bare_endings | self._endings | {self._over}
        self._finished, self._finally_all = word("finished"), frozenset(map(word, ("finally", "all", "just", "now")))
        # Every word one of :meth:`_past_ended_later`'s endings needs in the sentences after (an ending sentence's word,
        # "no longer" / "anymore" / "any more", "stopped", a thing's ending, the last word of a phrase telling it over, a handing over):
        # sentences after holding none of them end nothing, whatever the clause before.
        self._ended_later_cues = self._whole_endings | {self._longer, self._anymore, self._more, self._stopped} | {p[-1] for p in self._told_over} | self._handing_over

    # ------------------------------------------------------------------ self-repairs
    def _repair_words(self, words: Any, word: Any) -> None:
        """The ``repair`` and ``restart`` rows, and the words self-repairs are read with (:meth:`_repairs`)."""
        cues: dict[int, list[tuple[tuple[int, ...], str, bool]]] = {}
        #: A ``restart`` row: (how many words before the break a word said again may stand, what a match taken back becomes).
        self._restart: tuple[int, str] | None = None
        for rule in self.rules:
            if rule.kind == "repair":
                phrase = words(rule.phrase)
                cues.setdefault(phrase[0], []).append((phrase, rule.category, rule.direction == "comma"))
            elif rule.kind == "restart" and rule.window is not None:
                self._restart = (rule.window, rule.category)
        #: first word -> (cue words, category, after a comma too), longest first.
        self._repair_cues = {head: sorted(entries, key=lambda entry: -len(entry[0])) for head, entries in cues.items()}
        after_comma = any(comma for entries in cues.values() for _, _, comma in entries)
        marks = frozenset(map(word, _REPAIR_BREAKS)) | ({self._comma} if after_comma else set())
        #: The words a self-repair can follow (none without rows: the sentences are then read as before).
        self._repair_marks = marks if cues or self._restart else frozenset()
        self._restart_marks = frozenset(map(word, _RESTART_BREAKS))
        self._hesitations = frozenset(map(word, _HESITATIONS))
        self._repair_common = frozenset(map(word, _REPAIR_COMMON)) | marks | self._brackets_open | self._brackets_close | self._hesitations
        pronouns = frozenset(map(word, ("they", "them", "he", "him", "she", "her", "you")))
        self._not_restating = self._repair_common | self._first_person | pronouns
        #: A subject said again opens the clause again ("They asked us — well, no, they told us"); alone, it tells no
        #: repair ("Years ago we had our own room -- we decided …" goes on).  An object said again is a word said again.
        self._repair_subjects = frozenset(map(word, ("i", "we", "they", "he", "she", "you", "it")))
        self._repair_objects = frozenset(map(word, ("us", "them", "me", "him")))
        #: The words a clause broken off ends with ("We don't —", "We never --"): said again from its subject, it restarts.
        self._broken_off = self._not_words | frozenset(map(word, ("never", "hardly", *_PRO_VERBS)))
        #: A denial said out before a break ("They don't consult us —", "Nobody asks us —"): what follows is a contrast.
        self._said_denials = self._not_words | self._denials | frozenset(map(word, ("nobody", "nothing", "none", "neither")))
        #: "— no, we don't, not any more": the ending told after the ellipsis is the status (read as said).
        self._ellipsis_ending = frozenset(map(word, ("anymore", "longer", "any")))
        #: A correction that denies in a pronoun and an auxiliary alone ("— no, we don't.", "... we didn't, actually").
        self._ellipsis_verbs = frozenset(map(word, ("do", "does", "did", "ca", "can", "could", "wo", "will", "would", "is", "are", "was", "were", "have", "has", "had")))
        self._ellipsis_end = frozenset(map(word, (",", ".", "!", "?", "really", "actually", "though", "honestly", *_REPAIR_BREAKS)))

    def _past_hesitations(self, lowers: Sequence[int], i: int, stop: int) -> int:
        """The first position from ``i`` before ``stop`` holding no hesitation, comma or bracketed note ("um, [laughs] we")."""
        while i < stop:
            if lowers[i] in self._hesitations:
                i += 1
            elif lowers[i] in self._brackets_open:
                close = next((k for k in range(i + 1, min(stop, i + 6)) if lowers[k] in self._brackets_close), None)
                if close is None:
                    return i
                i = close + 1
            else:
                return i
        return i

    def _repairs(self, lowers: Sequence[int], first: int, stop: int) -> tuple[tuple[int, int, int, str], ...]:
        """The sentence's self-repairs in order, each (onset, break, corrected, category): what the speaker took back.

        A repair is a break ("—", "--", "...", or a comma before a ``comma`` row's cue), hesitations and transcriber's
        notes aside, then a ``repair`` row's cue ("no,", "sorry", "I mean") or none (a ``restart`` row, after a dash
        or dots only), then the correction, which must say something before the break again (:meth:`_reparandum`):
        otherwise the cue is an aside ("We run it ourselves -- no, honestly", "— sorry, where was I?") and the words
        are read as said.  The words taken back (the reparandum) run from the onset to the break; the words before
        the onset stay as said; the corrected words start after the cue.  A dash used as an aside ("We run the rota
        — Tuesdays and Fridays") is none: nothing is said again.

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> rules = AssertionRules(pipeline())
        >>> lowers = [token.lower for token in rules.nlp("We don't — we do vote on it now.")]
        >>> rules._repairs(lowers, 0, len(lowers))
        ((0, 3, 4, '*'),)
        """
        marks = self._repair_marks
        if marks.isdisjoint(lowers[first:stop]):
            return ()  # most sentences: no break a repair could follow
        found = []
        floor = first
        window = self._restart[0] if self._restart is not None else 8
        # Only the marks' positions are visited, found with one pass (as :meth:`_scan` finds its phrases' first words).
        for b in compress(range(first + 1, stop - 1), map(marks.__contains__, lowers[first + 1 : stop - 1])):
            mark = lowers[b]
            if b < floor:
                continue
            if mark == self._comma and lowers[b + 1] not in self._repair_cues and lowers[b + 1] not in self._hesitations:
                continue  # most commas: no cue after them
            p = self._past_hesitations(lowers, b + 1, stop)
            if p >= stop:
                break
            cue = self._repair_cue(lowers, p, stop, after_comma=mark == self._comma) if lowers[p] in self._repair_cues else None
            if cue is None and (self._restart is None or mark not in self._restart_marks):
                continue
            corrected, category = cue if cue is not None else (p, self._restart[1])  # type: ignore[index]
            # Each look-back is bounded by the window (a long sentence broken many times costs no more per break).
            reach = max(floor, b - window)
            taken = self._reparandum(lowers, reach, b, corrected, stop, cued=cue is not None)
            if taken is not None:
                onset, denied = taken
                found.append((onset, b, corrected, "negated" if denied else category))
                floor = corrected
        return tuple(found)

    def _reparandum(self, lowers: Sequence[int], reach: int, b: int, corrected: int, stop: int, *, cued: bool) -> tuple[int, bool] | None:
        """Where the words a correction from ``corrected`` takes back start (and whether it denies them), or None: no repair.

        A correction repairs when it denies the clause in a pronoun and an auxiliary alone ("We run it -- no, we
        don't": the clause, denied), when it says again from its subject a clause broken off after a denial or
        "do" ("We don't — we do vote": the clause), or when one of its first four words says again a word
        before the break (by lemma, from ``reach`` on), not counting articles, "do"/"did" or a subject pronoun alone
        ("We vote on everything... no, everything": from that word; from the clause opening when the correction
        opens with a subject, "I'd like to run it, I mean I do run it").  Without a cue, a clause with a denial said
        out ("They don't consult us — they consult the council") is a contrast, not a repair.
        """
        opening = self._clause_opening(lowers, reach, b, fillers=True)
        subject = self._past_hesitations(lowers, opening, b)
        if self._denies_in_ellipsis(lowers, corrected, stop):
            return opening, True
        said = lowers[opening:b]
        if not cued and not self._said_denials.isdisjoint(said[:-1]) and lowers[b - 1] not in self._broken_off:
            return None  # "We didn't plan the sessions — they planned the sessions": a contrast
        if lowers[b - 1] in self._broken_off and lowers[corrected] in self._repair_subjects and lowers[corrected] == lowers[subject]:
            return opening, False
        lemma = _lemma_ids().get
        before: dict[int, int] = {}
        for i in range(b - 1, reach - 1, -1):
            if lowers[i] not in self._repair_common:
                before[lemma(lowers[i], lowers[i])] = i
        again = [(w, before[lemma(w, w)]) for w in lowers[corrected : min(stop, corrected + 4)] if w not in self._repair_common and lemma(w, w) in before]
        if not any(w not in self._not_restating or w in self._repair_objects for w, _ in again):
            return None  # nothing said again but a subject: an aside ("— sorry, where was I?") or the account going on
        return (opening if lowers[corrected] in self._repair_subjects else min(i for _, i in again)), False

    def _denies_in_ellipsis(self, lowers: Sequence[int], p: int, stop: int) -> bool:
        """Whether the words from ``p`` are a pronoun, an auxiliary and "not" alone: "we don't.", "they didn't, actually"."""
        return (
            p + 2 < stop
            and lowers[p] in self._repair_subjects
            and lowers[p + 1] in self._ellipsis_verbs
            and lowers[p + 2] in self._not_words
            and (p + 3 >= stop or lowers[p + 3] in self._ellipsis_end)
            and self._ellipsis_ending.isdisjoint(lowers[p + 3 : min(stop, p + 7)])
        )

    def _repaired(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], scans: dict[Any, Any] | None) -> tuple[tuple[int, int], tuple[int, int]] | str:
        """:meth:`_after_repairs` for the match, the sentence's repairs found once per sentence (kept in ``scans``)."""
        key = ("repairs", sentence)
        repairs = scans.get(key) if scans is not None else None
        if repairs is None:
            repairs = self._repairs(lowers, *sentence)
            if scans is not None:
                scans[key] = repairs
        return self._after_repairs(lowers, sentence, match, repairs) if repairs else (sentence, match)

    def _repair_cue(self, lowers: Sequence[int], p: int, stop: int, *, after_comma: bool) -> tuple[int, str] | None:
        """The first corrected word after the ``repair`` cues at ``p`` and what they make a match taken back, or None.

        Cues may follow one another ("actually, scratch that"): a ``negated`` one among them takes the words back.
        """
        category = None
        while p < stop:
            cue = next(
                ((len(phrase), kind) for phrase, kind, comma in self._repair_cues.get(lowers[p], ()) if (comma or not after_comma) and self._at(lowers, p, phrase, stop)),
                None,
            )
            if cue is None:
                break
            category = cue[1] if category in (None, "*") else category
            p = self._past_hesitations(lowers, p + cue[0], stop)
            after_comma = False
        return None if category is None else (p, category)

    def _after_repairs(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], repairs: Sequence[tuple[int, int, int, str]]
    ) -> tuple[tuple[int, int], tuple[int, int]] | str:
        """Where a match is read once the speaker's self-repairs (:meth:`_repairs`) are made: the one place they decide.

        A match in words taken back takes the status of the corrected words: where they say its head again
        (:meth:`_restatement`), it is read there ("We decide — we used to decide", "It counts — well,
        it will count, if …"), and where the correction is then said once more in the same words, where it was
        first said ("I run the — ran, yeah, past tense — I ran the suppers"); where they do not, a ``negated`` cue
        takes it back ("They asked us — well, no, they told us") and a ``*`` cue leaves it as said.  A match after
        a repair is read from the corrected words on, so a cue in the words taken back ("We don't — we do vote on
        it", "used to sit... she still sits") does not reach it.  Returns the sentence to read (from the corrected
        words) and the match, or the category of a match taken back.
        """
        first, stop = sentence
        start, end = match
        for _ in range(len(repairs)):
            taken = next(((i, repair) for i, repair in enumerate(repairs) if repair[0] <= start <= repair[1] and end - 1 <= repair[1]), None)
            if taken is None:
                break
            i, (_, _, corrected, category) = taken
            limit = repairs[i + 1][1] if i + 1 < len(repairs) else stop
            again = self._restatement(lowers, match=(start, end), begin=corrected, limit=limit)
            if again is None:
                if category != "*":
                    return category
                break
            if (start, end) != match and lowers[again] == lowers[start]:
                break  # the correction said once more in the same words ("ran, yeah, past tense — I ran"): read where first said
            start, end = again, again + 1
        opening = max((corrected for _, _, corrected, _ in repairs if corrected <= start), default=first)
        return (opening, stop), (start, end)

    def _restatement(self, lowers: Sequence[int], *, match: tuple[int, int], begin: int, limit: int) -> int | None:
        """Where the corrected words ``lowers[begin:limit]`` say the match's head again (by lemma), else None.

        The head is the match's first word other than a pronoun, an article and the like ("decide" in "We decide",
        said again in "we used to decide"; "run" in "ran"); "do" and "did" do not stand for it.
        """
        lemma = _lemma_ids().get
        head = next((lemma(w, w) for w in lowers[match[0] : match[1]] if w not in self._not_restating), None)
        if head is None:
            return None
        return next((k for k in range(begin, limit) if lemma(lowers[k], lowers[k]) == head), None)

    def _index_cues(self) -> None:
        """Each cue word's bits: which rules' necessary words it is, for :meth:`_cues_of`.

        A bit stands for the words a rule's own first test asks for (the rule returns false
        without one of them, read off its code): the rule is called only when one is in reach.
        Most bits count anywhere in reach; some only where their rule reads them.
        """
        anywhere = {
            _CUE_REPORTING: self._reporting, _CUE_BY: {self._by}, _CUE_HEARD: self._heard, _CUE_READ: self._media | self._seeing_verbs,
            _CUE_AT_IN_ON: self._at_in_on, _CUE_NOW: self._now_starts, _CUE_DENIAL: self._denials, _CUE_ENDING: self._ending_cues,
            _CUE_THAT_WAS: self._that_was, _CUE_WAS: self._was, _CUE_ENDED_LATER: self._ended_later_cues, _CUE_SPAN: self._span_units,
            _CUE_FIRSTS: self._firsts, _CUE_THEN_LATER: self._then_later, _CUE_TOOK_BACK: self._took_back_heads, _CUE_APART: self._said_open_cues,
            _CUE_I: {self._i}, _CUE_LIKE: {self._like}, _CUE_HIM_HER: self._him_her, _CUE_QUOTATION: self._quotation_marks,
            _CUE_TOLD: {self._told_word}, _CUE_REFUSAL: self._refusal_heads, _CUE_OFFER: self._offer_words | self._offer_askers | self._wanting_forms,
            _CUE_NOT: {self._not}, _CUE_NEVER: self._denials | self._not_words, _CUE_QUESTION: {self._question},
        }
        # The sentence's first word, fillers aside (:meth:`_sentence_opening`), and fillers and commas aside (:meth:`_lead`).
        opening = {_CUE_BEFORE: self._before, _CUE_WHEN: {self._when}, _CUE_ELSEWHERE: self._elsewhere | self._at_in}
        lead = {_CUE_STORY: self._story_heads, _CUE_THERE: {self._there}}
        # A trigger of a refusal told after it starting in the next sentence's first three words (:meth:`_opens_with`): its
        # word, or its first two words, there; and the next sentence's first word (:meth:`_retracted`).
        declined_back = [t.words for ts in self._triggers.values() for t in ts if t.category == "declined" and t.direction in ("backward", "both")]
        next_three = {_CUE_DECLINED_BACK: {words[0] if len(words) == 1 else words[:2] for words in declined_back}}
        next_first = {_CUE_RETRACTION: self._retraction_openers}
        # The first two words of a joke taken back anywhere in the next sentence (:meth:`_retracted`; every phrase has two or more).
        next_pairs = {_CUE_RETRACTION_HEAD: {phrase[:2] for phrase in (*self._jokes, *self._serious)}}

        def index(table: dict[int, Iterable[Any]]) -> dict[Any, int]:
            bits: dict[Any, int] = {}
            for bit, words in table.items():
                for word in words:
                    bits[word] = bits.get(word, 0) | bit
            return bits

        self._cue_bits, self._opening_bits, self._lead_bits = index(anywhere), index(opening), index(lead)
        self._next_three_bits, self._next_first_bits, self._next_pair_bits = index(next_three), index(next_first), index(next_pairs)
        #: The words and word pairs holding bits, to find those in reach with one set pass (:meth:`_cues_of`).
        self._cue_words, self._next_pairs = frozenset(self._cue_bits), frozenset(self._next_pair_bits)
        #: The first words of those read in the next sentence's opening and of its pairs: without one of them in the
        #: place read, no look-up there can find a bit (most next sentences), so none is made.
        self._next_three_heads = frozenset(key[0] if isinstance(key, tuple) else key for key in self._next_three_bits)
        self._next_pair_heads = frozenset(pair[0] for pair in self._next_pairs)

    def _cues_of(self, lowers: Sequence[int], sentence: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]) -> int:
        """The cue bits (:meth:`_index_cues`) of every word a rule may read for a match in ``sentence``: one pass over its words.

        The words are the sentence's, the one before it (a quotation mark the sentencizer left there), the next
        sentence's and the later ones'; the bits a rule reads at one place only come from there: the sentence's
        first word (fillers aside, and fillers and commas aside), the next sentence's first word, its first three
        words alone and with the word after each, and its pairs of words.  A rule whose bit is off returns false
        without being called: each bit stands for the words the rule's own first test asks for, where it asks.

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> rules = AssertionRules(pipeline())
        >>> lowers = [token.lower for token in rules.nlp("Before the funding we ran it. They told me.")]
        >>> bits = rules._cues_of(lowers, (0, 7), lowers[7:], [])
        >>> bool(bits & _CUE_BEFORE), bool(bits & _CUE_TOLD), bool(bits & _CUE_QUOTATION)
        (True, True, False)
        """
        first, stop = sentence
        words = chain(lowers[max(first - 1, 0) : stop], next_sentence, later)
        # The cue words among them first (one set pass, no call per word), then their bits (a few).
        bits = reduce(or_, map(self._cue_bits.__getitem__, self._cue_words.intersection(words)), 0)
        opening = self._sentence_opening(lowers, sentence, stop)
        lead = self._lead(lowers, opening, stop)
        if opening < stop:
            bits |= self._opening_bits.get(lowers[opening], 0)
        if lead < stop:
            bits |= self._lead_bits.get(lowers[lead], 0)
        if next_sentence:
            bits |= self._next_first_bits.get(next_sentence[0], 0)
            three = next_sentence[:3]
            if not self._next_three_heads.isdisjoint(three):
                starts = chain(three, zip(three, next_sentence[1:4]))  # each of the first three words, and it with the word after it
                bits |= reduce(or_, map(self._next_three_bits.get, starts, repeat(0)), 0)
            if not self._next_pair_heads.isdisjoint(next_sentence):
                pairs = self._next_pairs.intersection(zip(next_sentence, next_sentence[1:]))
                bits |= reduce(or_, map(self._next_pair_bits.__getitem__, pairs), 0)
        return bits

    def _lead(self, lowers: Sequence[int], first: int, stop: int) -> int:
        """The first position from ``first`` before ``stop`` holding neither a filler nor a comma (``stop`` when none does)."""
        while first < stop and (lowers[first] in self._fillers or lowers[first] == self._comma):
            first += 1
        return first

    def _index_phrases(self) -> None:
        """Index the pseudo-triggers, terminators and triggers for :meth:`_scan`.

        Each first word maps, for each kind, to its one-word rows and to its longer
        phrases keyed by their second word (each a tuple of (length, words, rows),
        longest first, rows in table order): a position is checked with one
        look-up of the next token, and a phrase of three words or more by its
        slice only when its first two words are there.  Only positions holding
        some phrase's first word are visited at all.  Built from the tables
        above, so it knows every row they hold.
        """

        def indexed(table: dict[int, list[Any]], words_of: Any) -> dict[int, tuple[tuple[Any, ...], dict[int, tuple[Any, ...]]]]:
            index = {}
            for head, entries in table.items():
                single = tuple(entry for entry in entries if len(words_of(entry)) == 1)
                longer: dict[int, dict[tuple[int, ...], list[Any]]] = {}
                for entry in entries:  # longest first, table order within a length
                    words = words_of(entry)
                    if len(words) > 1:
                        longer.setdefault(words[1], {}).setdefault(words, []).append(entry)
                by_second = {
                    second: tuple(sorted(((len(words), words, tuple(rows)) for words, rows in phrases.items()), key=lambda group: -group[0]))
                    for second, phrases in longer.items()
                }
                index[head] = (single, by_second)
            return index

        empty: tuple[tuple[Any, ...], dict[int, tuple[Any, ...]]] = ((), {})
        pseudo = indexed(self._pseudo, lambda entry: entry[0])
        terminators = indexed(self._terminators, lambda entry: entry[0])
        triggers = indexed(self._triggers, lambda trigger: trigger.words)
        #: first word -> (its pseudo-triggers, terminators, triggers), each (one-word rows, longer by second word).
        self._phrase_index = {
            head: (pseudo.get(head, empty), terminators.get(head, empty), triggers.get(head, empty))
            for head in pseudo.keys() | terminators.keys() | triggers.keys()
        }
        #: The words of one-word rows of any kind, and the first two words of every longer row (:meth:`_scan`).
        self._scan_singles = frozenset(head for head, kinds in self._phrase_index.items() if any(single for single, _ in kinds))
        self._scan_pairs = frozenset((head, second) for head, kinds in self._phrase_index.items() for _, by_second in kinds for second in by_second)

    def extended(self, rules: Iterable[Rule]) -> AssertionRules:
        """The same rules with more added (a codebook's own), as a new object.

        A word-list row added extends the list its table reads, the English rows where the table gives none of its
        kind (the Spanish one): those are written out first, so the row adds a word rather than replacing the list.
        """
        added = [check_rule(rule) for rule in rules]
        own = {rule.kind for rule in self.rules}
        missing = {rule.kind for rule in added if rule.kind in _WORD_KINDS} - own
        read = [rule for rule in _english_word_rows() if rule.kind in missing]
        return AssertionRules(self.nlp, [*self.rules, *read, *added], model=self._given_model)

    def without_model(self) -> AssertionRules:
        """The same rules without the context model, as a new object (for training one)."""
        return AssertionRules(self.nlp, self.rules, model=False)

    @property
    def fingerprint(self) -> str:
        """Identifies the rules: cached matches are judged again when they change."""
        import hashlib

        # "subject-22" names this version of the rules that live in code as well as in rows (subject, exceptions, no longer, disputes, at all, verbless clauses, hearsay, confirmations, quotations; names spelled as dialect negators).
        model = f"model {self.model.fingerprint}" if self.model is not None else "no model"
        # A row's window is part of it: a reach made shorter or longer judges cached matches again.
        rows = ("\t".join((r.kind, r.category, r.direction, r.phrase, "" if r.window is None else str(r.window))) for r in self.rules)
        text = "\n".join(["subject-22", model, *rows])
        return hashlib.sha1(text.encode()).hexdigest()[:12]

    # ------------------------------------------------------------------ scanning
    @staticmethod
    def _at(lowers: Sequence[int], position: int, words: tuple[int, ...], stop: int) -> bool:
        end = position + len(words)
        return end <= stop and tuple(lowers[position:end]) == words

    def _scan(
        self, lowers: Sequence[int], first: int, stop: int, *, starts_before: int | None = None
    ) -> tuple[list[tuple[int, int, _Trigger]], dict[str, list[int]]]:
        """Triggers (start, end, trigger) and terminator positions by category in ``lowers[first:stop]``.

        ``starts_before``: only phrases starting before this position are looked for
        (a pseudo-trigger starting later cannot cover an earlier trigger).
        """
        limit = stop if starts_before is None else min(stop, starts_before)
        # Only a position holding a one-word row's word, or the first two words of a longer row, can start a
        # phrase: half of all tokens are first words of longer phrases ("the", "i", "and"), nearly always
        # without their second word after them.  Found with one pass over the words and their next words.
        words = lowers[first:limit]
        nexts = list(lowers[first + 1 : min(limit + 1, stop)])
        if len(nexts) < len(words):
            nexts.append(-1)  # the sentence's last word has no second word after it
        starting = map(or_, map(self._scan_singles.__contains__, words), map(self._scan_pairs.__contains__, zip(words, nexts)))
        index = self._phrase_index
        heads = [(position, index[lowers[position]]) for position in compress(range(first, limit), starting)]
        blocked: dict[int, set[str]] = {}
        found: list[tuple[int, int, _Trigger]] = []
        ends: dict[str, list[int]] = {}
        # One pass in order: a pseudo-trigger blocks its own positions and those after it, never an earlier one,
        # so the pseudo-triggers starting at a position are all known when its triggers are looked at.
        for position, ((single, by_second), (single_ends, ends_by_second), (single_triggers, triggers_by_second)) in heads:
            after = lowers[position + 1] if position + 1 < stop else None
            if by_second and after is not None:
                for length, words, rows in by_second.get(after, ()):
                    if position + length <= stop and (length == 2 or tuple(lowers[position : position + length]) == words):
                        for _, category in rows:
                            for covered in range(position, position + length):
                                blocked.setdefault(covered, set()).add(category)
            for _, category in single:
                blocked.setdefault(position, set()).add(category)
            if ends_by_second and after is not None:
                for length, words, rows in ends_by_second.get(after, ()):
                    if position + length <= stop and (length == 2 or tuple(lowers[position : position + length]) == words):
                        for _, category in rows:
                            ends.setdefault(category, []).append(position)
            for _, category in single_ends:
                ends.setdefault(category, []).append(position)
            longest = 0
            here = blocked.get(position, ())
            if triggers_by_second and after is not None:
                for length, words, rows in triggers_by_second.get(after, ()):
                    if length < longest:
                        break  # only the longest phrase starting here (in each direction it is listed with)
                    # The third word first: most longer phrases fail there, without a slice made.
                    if position + length > stop or (length > 2 and (lowers[position + 2] != words[2] or tuple(lowers[position : position + length]) != words)):
                        continue
                    for trigger in rows:
                        if trigger.category in here:
                            continue
                        found.append((position, position + length, trigger))
                        longest = length
            if not longest:  # a one-word trigger only where no longer one starts
                for trigger in single_triggers:
                    if trigger.category in here:
                        continue
                    found.append((position, position + 1, trigger))
        return found, ends

    def categories(
        self,
        lowers: Sequence[int],
        sentence: tuple[int, int],
        match: tuple[int, int],
        *,
        next_sentence: Sequence[int] = (),
        scans: dict[Any, Any] | None = None,
        code: str | None = None,
        observed: bool | str = False,
        later: Sequence[int] = (),
        denied: bool = False,
        repaired: bool = False,
    ) -> set[str]:
        """Every category whose rules reach the match (token positions), before precedence.

        ``lowers`` are the lower-case token hashes of the Doc, ``sentence`` the
        match's sentence as (first token, end token), ``match`` its tokens, and
        ``next_sentence`` the hashes of the following sentence of the same turn
        (for a short answer such as "Hardly.").  ``scans``, a dict kept for one
        Doc, holds each sentence's triggers once for all the matches in it.
        ``code`` is the matched code's id: a code whose evidence is what the
        service does (a ``service`` row names it or its theme) keeps a match
        whose subject is someone else ("Tom sits at the back and lets us get
        on with it" is the speaker's experience of staff stepping back).
        ``observed``: the match is in an observer's field note, whose account
        of what the people watched did or said is the evidence; someone
        else's stands there only when an ``outside`` row reaches the match
        (:meth:`_outside_meeting`); :data:`RELAYED` (``"relayed"``): the match
        is in an interpreter's rendering of a participant's turn, whose frame of
        the participant ("she says …") is transparent (:meth:`_relayed_categories`)
        when a ``relay`` row says so; without one it is judged as the words said.
        ``later``: the hashes of the sentences
        after the next one, up to :data:`LATER_SENTENCES` of them, in the same
        turn (:meth:`_turn_rules`).  ``denied``: the indicator is one whose
        evidence is its denial ("not them and us"); "any more", "anymore" and "no
        longer" then deny it now rather than put it in the past ("It's not them
        and us any more" is the speaker's present).  ``repaired``: the speaker's self-repairs are made already
        (``sentence`` and ``match`` are where :meth:`_after_repairs` reads the match).
        """
        if observed == RELAYED and not self._relays:
            observed = False  # without a relay row, a rendering is judged as the words said (corpus 14's held-out half)
        if observed == RELAYED:
            # An interpreter's rendering: the participant's frame is transparent, the asides are the interpreter's.
            return self._relayed_categories(lowers, sentence, match, next_sentence=next_sentence, scans=scans, code=code, later=later, denied=denied)
        first, stop = sentence
        start, end = match
        if self._repair_marks and not repaired:
            read = self._repaired(lowers, sentence, match, scans)
            if isinstance(read, str):
                return {read}  # taken back by the speaker ("They asked us — well, no, they told us")
            if read != (sentence, match):
                sentence, match = read
                return self.categories(
                    lowers, sentence, match, next_sentence=next_sentence, scans=scans, code=code, observed=observed, later=later, denied=denied, repaired=True
                )
        if scans is None:
            triggers, terminators = self._scan(lowers, first, stop)
            present = self._cues_of(lowers, sentence, next_sentence, later)
        else:
            if sentence not in scans:
                scans[sentence] = self._scan(lowers, first, stop)
            triggers, terminators = scans[sentence]
            # The cue bits of the words in reach, once per sentence too (its next and later sentences are the same each time).
            key = (sentence, len(next_sentence), len(later))
            present = scans.get(key)
            if present is None:
                present = scans[key] = self._cues_of(lowers, sentence, next_sentence, later)
        found: set[str] = set()
        negations: list[tuple[int, int, _Trigger]] = []  # the negation triggers reaching the match
        for t_start, t_end, trigger in triggers:
            if trigger.words[-1] in self._decades and not self._dates_a_clause(lowers, t_end, stop):
                continue  # "in the 60s group", "songs written in the sixties and everyone has a say": it dates no clause
            # A trigger inside the indicator's own words is not one; one that opens before them and runs
            # into them governs them ("without asking us first": the trigger "without asking us", the match "asking us first";
            # "want a real say": the trigger "want a", the match "a real say").
            leads_in = t_start < start < t_end and trigger.category in ("negated", "hypothetical")
            if t_start < end and t_end > start and not leads_in:
                continue
            cuts = terminators.get(trigger.category, []) + terminators.get("*", [])
            if trigger.words[0] in self._conditionals and cuts:
                cuts = [c for c in cuts if not self._reason_in_condition(lowers, t_end, c)]
            if trigger.category == "hypothetical" and cuts:
                cuts = [c for c in cuts if not self._reason_to_come(lowers, c, start, end)]
            window = trigger.window if trigger.window is not None else stop - first
            forward = leads_in or (t_end <= start and start - t_end < window and not any(t_end <= c < start for c in cuts))
            if forward and trigger.label and not self._in_label(lowers, t_end, start, stop):
                forward = False  # "The so-called experts never listen to us", "The chair calls it and we vote": past the name
            if forward and trigger.whole_past and not self._still_now.isdisjoint(lowers[t_end:start]):
                forward = False  # "It used to be me and two staff, and we still co-design the sessions"
            # "but" or a comma right before a backward trigger joins rather than ends ("We ran it, but not any more").
            backward = end <= t_start and t_start - end < window and not any(
                end <= c < t_start and not (c >= t_start - 2 and lowers[c] in self._joiners) for c in cuts
            )
            if backward and trigger.exception and any(w in self._double_breaks for w in lowers[end:t_start]):
                backward = False  # "We run the cafe ourselves and they'd be lost without us": another clause's
            if not denied and trigger.words in self._any_more and end <= t_start:
                backward = self._any_more_reaches(lowers, sentence, match, t_start, window, backward)
            if trigger.category == "historical" and (forward or backward) and self._still_so_after(lowers, end, stop):
                continue  # "It used to be give and take, and it still is.": the past goes on now
            if trigger.category == "other" and (forward or backward):
                # "She said I'm good at it" reports the speaker's own experience.
                # Forward, the match's whole clause: "… for my mother, and they listen to me" is the speaker's.
                reach_start, reach_end = (t_end, self._clause_end(lowers, end, stop)) if forward else (start, t_start)
                # A claim or rumour ("makes out we voted", "there's talk they'll let us") stays theirs all the same.
                # Borne out by the speaker ("…, and to be fair we did") it is theirs again.
                # A label is theirs even after "our" ("Our so-called shared decisions …"); a claim "we" make is ours.
                hearsay = trigger.label or (trigger.hearsay and not (t_start > first and lowers[t_start - 1] in self._first_person))
                if not self._first_person.isdisjoint(lowers[reach_start:reach_end]) and not (
                    self._disputed(lowers, max(end, t_end), stop, next_sentence)
                ) and (not hearsay or self._confirmed(lowers, max(end, t_end), stop, next_sentence)):
                    continue
                if not trigger.label and self._counts_self_among(lowers, max(end, t_end), stop, next_sentence, later) and not (
                    self._disputed(lowers, max(end, t_end), stop, next_sentence)
                ):
                    continue  # "The leaflet says residents co-designed it. I was one of them.": the speaker among them (stop 55)
            if trigger.stresses and not self._own_denials.isdisjoint(lowers[start:end]):
                continue  # "No staff at all": "at all" stresses the match's own denial, it does not deny it
            if trigger.direction == "wrap":
                forward = forward and any(
                    self._at(lowers, p, trigger.tail, stop) and not any(end <= c < p for c in cuts) for p in range(end, stop)
                )
            if trigger.direction == "contrast" and not (
                self._contrasted(end, stop, terminators, trigger.category) or self._contrasted_next(next_sentence, trigger.category)
            ):
                continue
            if denied and trigger.category == "historical" and trigger.words in self._no_longer_words:
                # "not them and us any more": the denial is now. "No longer" denies (and with another negation cancels);
                # "any more" denies only after a denying word in the clause, even one a pseudo-trigger blocked ("I'm not
                # just a client any more"), never alone ("without asking us any more" is no denial of asking).
                denies = trigger.words == self._no_longer_phrase or not self._denials.isdisjoint(
                    lowers[self._clause_opening(lowers, first, start, fillers=True) : start]
                )
                if (forward or backward) and denies:
                    negations.append((t_start, t_end, trigger))
                continue
            if (trigger.direction in ("forward", "both", "wrap", "contrast") and forward) or (trigger.direction in ("backward", "both", "contrast") and backward):
                if trigger.exception and not self._first_person.isdisjoint(trigger.words) and self.about_service(code):
                    continue  # what staff do "without us" they still do: leaving the speaker out denies only the speaker's part
                if trigger.category == "negated" and (self._exceptions or self._litotes_cues):
                    negations.append((t_start, t_end, trigger))
                else:
                    found.add(trigger.category)
        if negations and not self._double_negatives(lowers, negations, triggers, terminators) and not self._speaker_does_instead(lowers, sentence, match):
            found.add("negated")
        if "other" not in found and not self.about_service(code) and self._someone_elses_clause(lowers, sentence, match):
            found.add("other")
        if "other" not in found and "negated" not in found and not self.about_service(code) and self._elsewhere_not_here(lowers, sentence, match):
            found.add("other")  # "It's not really a fair exchange here, it's a fair exchange at the church group."
        if "other" not in found and not self.about_service(code) and self._who_acts(lowers, sentence, match, next_sentence):
            found.add("other")  # "We let the caucus vote", "… they pick each other up. That's their marae." (stop 54)
        if "other" not in found and not observed and not self.about_service(code) and self._across_sentences(lowers, sentence, match) and not (
            self._counts_self_among(lowers, match[1], sentence[1], next_sentence, later)  # "… They vote on it. I'm one of them." (stop 56 review)
            or self._joins_after(next_sentence)  # "… They vote on everything. I'm on it too." (stop 57)
        ):
            found.add("other")  # "My cousin's on the allotment board. They plan the whole season together now." (stop 56)
        if "other" not in found and present & _CUE_HIM_HER and self._someone_else_as_object(lowers, sentence, match):
            found.add("other")
        if "other" not in found and not observed and present & _CUE_QUOTATION and self._quoted_from_someone_else(lowers, sentence, match, next_sentence):
            found.add("other")
        found |= self._grammatical(lowers, sentence, match, terminators, code, next_sentence, present=present, later=later)
        reached = bool(found)  # someone else's said after counts, as the turn's rules do, only for a match nothing else reached
        found |= self._turn_rules(lowers, sentence, match, next_sentence, later, found, code, observed, present=present)
        if "hypothetical" in found and self._done_after(lowers, end, stop):
            found.discard("hypothetical")
        tail = self._trim(lowers[end:stop])
        if 2 <= len(tail) <= 4 and tail[0] in self._breaks and self._short(tail[1:], self._denials):
            found.add("negated")
        if next_sentence and (
            (present & _CUE_DECLINED_BACK and self._opens_with(next_sentence, "declined", looking_back=True))
            or (present & _CUE_TOLD and self._sent_on(next_sentence))
        ):
            found.add("declined")
        elif "declined" not in found and "negated" not in found and present & _CUE_REFUSAL and self._refused_after(lowers, sentence, match, next_sentence):
            found.add("declined")
        elif "declined" not in found and "negated" not in found and present & _CUE_OFFER and self._offer_handed_on(lowers, sentence, match, next_sentence, later):
            found.add("declined")  # "They asked me to chair. Gave it to young Tama."
        elif "declined" not in found and "negated" not in found and self._particle_refusal(lowers, sentence, next_sentence, later):
            found.add("declined")  # "They asked would I tow the trailer. Yeah nah." / "… Cannot lah." (stop 53)
        said = self._said_after(lowers, sentence, match, next_sentence, later, denied=denied, open_rows=bool(present & _CUE_APART)) if self._said_rows else None
        if said is not None and not (said == "other" and (reached or self.about_service(code))):
            found.add(said)  # "We ran the Tuesday group ourselves. That was true then." / "…, and no." / "… Not for me."
        if "negated" not in found and present & _CUE_NOT and self._bare_not([*next_sentence, *later]):
            found.add("negated")  # "They're always asking me what I think. Every day, non-stop. Not."
        if "negated" not in found and present & _CUE_NEVER and self._echo_or_question(lowers, sentence) and self._never_heard_of(next_sentence):
            found.add("negated")  # "Time credits. Never heard of them."
        taken_back = self._retracted(next_sentence) if next_sentence and present & _CUE_RETRACTION and present & _CUE_RETRACTION_HEAD else None
        if taken_back == "sentence" or (taken_back == "punchline" and start >= self._last_clause(lowers, first, stop)):
            found.add("negated")
        answer = self._trim(next_sentence)
        if present & _CUE_QUESTION and (self._ends_with_question(lowers, first, stop) or self._echoed_with_tag(lowers, sentence, match)):
            said_after_yes = self._after_yes_openers(answer)
            particles, said_to = self._particle_run(answer)  # "Yeah nah" no, "Nah, yeah" yes (stop 53)
            if answer and (
                particles == "no"
                or (particles == "yes" and self._denied_after(answer, said_to))
                or (particles is None and (self._short(answer, self._denials) or self._opens_with(answer, "negated") or (said_after_yes and self._short(said_after_yes, self._denials) and said_after_yes != answer)))
            ) and not self._yes_after_right(answer):
                found.add("negated")  # "Shared it equally? Hardly." / "A joint decision? Yeah right."
            elif answer and self._yes_by_auxiliary(answer) and self._hedged_yes.isdisjoint(answer):
                # "Did I help draft it? I did, back in 2011." / "Do we have a say? We did, once.": a past yes holds a past.
                asked_past = lowers[first] in self._past_auxiliaries  # "Did we vote on it? We did." tells this wave's news
                past = (answer[1] in self._past_auxiliaries and not asked_past) or any(t.category == "historical" for _, _, t in self._scan(answer, 0, len(answer))[0])
                if past or self._ago in answer or any(a == self._back and b in self._back_when for a, b in zip(answer, answer[1:])):
                    found.add("historical")
            elif answer and self._declines_answer(answer):
                found.add("declined")  # "Volunteering? Not for me." turns it down (a new user's check of stop 59)
            elif not (answer and self._answers_yes(answer)):
                # Answered "Yes, we do." it is an affirmation; otherwise the speaker asks.
                found.add("question")
        if not found and self.model is not None and not self.about_service(code):
            # Nothing listed reaches the match: the learned context model may still hear someone else or the past.
            learned = self.model.category(context_keys(self, lowers, sentence, match, next_sentence), strings=self.nlp.vocab.strings, speaks=self._model_speaks)
            # The model only fills in where the rules cannot see: someone else's needs the speaker out of
            # the sentence ("Declan runs it with me" is the speaker's), the past a past form in the clause.
            if learned == "other" and (self._speaker_in_clause(lowers, sentence, match) or not self._someone_named_before(lowers, sentence, match)):
                learned = None
            elif learned == "historical" and (not self._past_clause(lowers, sentence, match) or self._now_in_clause(lowers, sentence, match)):
                learned = None
            if learned is not None:
                found.add(learned)
        if "other" not in found and not observed and not self.about_service(code):
            before = self._clause_before_verbless(lowers, sentence, match)
            if before is not None and "other" in self.categories(lowers, sentence, before, next_sentence=next_sentence, scans=scans, code=code, later=later):
                found.add("other")  # "… the members run classes for each other, no staff at all": whoever the clause before is about
        if observed and "other" in found and not self._outside_meeting(lowers, sentence, match):
            # In a field note "Ian chaired this meeting" and "Joan said, 'This is work.'" are what was
            # observed: the other people are the case, not someone else's experience.
            found.discard("other")
        return found

    def _relayed_categories(
        self,
        lowers: Sequence[int],
        sentence: tuple[int, int],
        match: tuple[int, int],
        *,
        next_sentence: Sequence[int],
        scans: dict[Any, Any] | None,
        code: str | None,
        later: Sequence[int],
        denied: bool,
    ) -> set[str]:
        """:meth:`categories` of a match in an interpreter's rendering (``observed=RELAYED``, with a ``relay`` row).

        The rendering is read as the participant's own first-person turn
        (:meth:`_relayed_view`): the interpreter's frames of the participant
        ("She says", "he is saying that", "according to her") are left out, the
        participant's pronouns read as "I", "my", "we", and the interpreter's
        asides in square brackets are left out.  Every rule then reads the
        words as it reads a participant's: "she says her sister's group
        decides" is "my sister's group decides", someone else's. A match inside
        an aside is the interpreter's words: ``other``.

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> nlp = pipeline()
        >>> rules = AssertionRules(nlp).extended([Rule("relay", "other", "", "interpreted")])
        >>> said = nlp("He says they decide the rota together now.")
        >>> rules.judge(said, "decide the rota together"), rules.judge(said, "decide the rota together", observed=RELAYED)
        ('other', 'affirmed')
        >>> rules.judge(nlp("She says her sister's group decides the rota together."), "decides the rota together", observed=RELAYED)
        'other'
        """
        first, stop = sentence
        start, end = match
        # ``next_sentence`` and ``later`` are the words after the match's sentence in ``lowers``, the whole turn.
        after = stop + len(next_sentence)
        last = after + len(later)
        view = scans.get("relayed") if scans is not None else None
        if view is None:
            view = self._relayed_view(lowers)
            if scans is not None:
                scans["relayed"] = view
        words, kept, aside = view
        if aside[start]:
            return {"other"}  # the interpreter's own words ("[She means the housing officer.]")
        if not all(kept[start:end]):
            return self.categories(lowers, sentence, match, next_sentence=next_sentence, code=code, later=later, denied=denied)
        position = [0] * (len(kept) + 1)
        for at, keep in enumerate(kept):
            position[at + 1] = position[at] + keep
        inner = scans.setdefault(("relayed", "scans"), {}) if scans is not None else None
        return self.categories(
            words, (position[first], position[min(stop, len(kept))]), (position[start], position[end]),
            next_sentence=words[position[stop]:position[min(after, len(kept))]] if stop < len(kept) else (),
            scans=inner, code=code, later=words[position[min(after, len(kept))]:position[min(last, len(kept))]] if after < len(kept) else (),
            denied=denied,
        )  # fmt: skip

    def _relayed_view(self, lowers: Sequence[int]) -> tuple[list[int], list[bool], list[bool]]:
        """An interpreter's rendering read in the participant's first person: ``(words, kept, aside)``.

        ``words`` are the hashes of the tokens kept, the participant's pronouns
        made first-person; ``kept`` says, per token of ``lowers``, whether it is
        in ``words``; ``aside``, whether it is in a square-bracketed aside. The
        participant is the subject of the turn's first frame ("she says", "he
        told me", "they say"): a turn with no such frame is left as it is but
        for its asides.
        """
        strings = self.nlp.vocab.strings
        text = [strings[h] if h in strings else "" for h in lowers]
        size = len(text)
        aside = [False] * size
        depth = 0
        for at, word in enumerate(text):
            if word == "[":
                depth += 1
            if depth:
                aside[at] = True
            if word == "]" and depth:
                depth -= 1
        frame = [False] * size
        person = None
        verbs, between, after = frozenset(_RELAY_VERBS), frozenset(_RELAY_BETWEEN), frozenset(_RELAY_AFTER)
        # The participant's own "I" in an earlier sentence: the rendering is in the first person, and a frame opening a
        # later sentence is someone else's ("My friend is in the choir. She told me they signed a song.").
        spoken_as_i = [False] * (size + 1)
        said, sentence_open = False, 0
        for at, word in enumerate(text):
            if word in (".", "!", "?") and not aside[at]:
                said, sentence_open = said or any(text[k] in _FIRST_PERSON and not aside[k] for k in range(sentence_open, at)), at + 1
            spoken_as_i[at] = said
        for at, word in enumerate(text):
            if aside[at] or frame[at]:
                continue
            if word == "according" and at + 2 < size and text[at + 1] == "to" and text[at + 2] in ("her", "him", "them"):
                subject, stop_at = {"her": "she", "him": "he", "them": "they"}[text[at + 2]], at + 3
            elif word in _RELAYED_PERSONS and not (at and text[at - 1] in ("and", "&")):
                cursor = at + 1
                while cursor < size and text[cursor] in between and cursor - at <= 4:
                    cursor += 1
                if cursor >= size or text[cursor] not in verbs:
                    continue
                if word == "they" and not self._opens_clause(text, at):
                    continue  # "the staff say they told me …": only a frame opening its clause is the interpreter's
                subject, stop_at = word, cursor + 1
            else:
                continue
            while stop_at < size and text[stop_at] in after:
                stop_at += 1
            trailing = stop_at >= size or text[stop_at] in (".", "!", "?", ";")
            if spoken_as_i[at] and not trailing and person is None:
                continue
            if person is None:
                person = subject
            elif subject != person:
                continue  # "she says her husband says …": a frame of someone else stays
            if stop_at < size and text[stop_at] == "no" and text[stop_at - 1] == "said":
                # "She said no.": in the first person "I said no", a refusal, so the frame is kept (its "she" is "I");
                # "She says no, not lonely" answers the question: "No, not lonely".
                continue
            for inside in range(at, stop_at):
                frame[inside] = True
        kept = [not (a or f) for a, f in zip(aside, frame)]
        words = []
        mapping = _RELAYED_PERSONS.get(person, {}) if person else {}
        word_of = strings.add
        previous = ""
        for at, word in enumerate(text):
            if not kept[at]:
                continue
            own = mapping.get(word)
            if own is None and previous == person and person in ("she", "he"):
                own = {"'s": "'m", "is": "am", "has": "have", "does": "do"}.get(word)  # "she's on the rota": "I'm on the rota"
            elif word == "her" and person == "she":
                following = next((text[k] for k in range(at + 1, size) if kept[k]), ".")
                own = "me" if following in _HER_OBJECT_BEFORE else "my"
            words.append(word_of(own) if own is not None else lowers[at])
            previous = word
        return words, kept, aside

    @staticmethod
    def _opens_clause(text: Sequence[str], at: int) -> bool:
        """Whether the word at ``at`` opens its clause (after a sentence's start, a mark or a filler)."""
        return at == 0 or text[at - 1] in (".", "!", "?", ",", ";", ":", "]", "and", "so", "but", "basically", "well", "now")

    def _any_more_reaches(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], t_start: int, window: int, backward: bool) -> bool:
        """Whether "any more" / "anymore" after the match puts the match in the past.

        In a clause of its own after the match's, it does when that clause
        only stands in for the match's verb ("We decided the grants together,
        but we don't any more", "…, we don't do that anymore": even after
        "but"), and not when the clause denies a thing of its own ("We decide
        the grants together, and the staff don't get the last word any more":
        the present after a change), unless the match's clause is in the past
        ("We ran the cafe ourselves, and nobody asks us any more").  In the
        match's own clause, as the scan found it (``backward``).
        """
        first, _ = sentence
        _, end = match
        opening = self._clause_opening(lowers, first, t_start, fillers=True)
        if opening < end:
            return backward
        own = lowers[opening:t_start]
        if self._own_denials.isdisjoint(own):
            return backward
        if all(w in self._elliptical for w in own):
            return t_start - end < window
        return backward and self._past_clause(lowers, sentence, match)

    def _double_negatives(
        self, lowers: Sequence[int], negations: list[tuple[int, int, _Trigger]], triggers: list[tuple[int, int, _Trigger]], terminators: dict[str, list[int]]
    ) -> bool:
        """Whether the negations reaching a match cancel out as a double negative.

        An ``exception`` trigger ("without", "without us") after another negation
        trigger of the same verb affirms: "nobody touches her without asking me
        first", "they can't change the rota without us", "nothing goes through
        without our vote"; so does "no longer" after one ("I wouldn't say it's no
        longer them and us").  Both negations are dropped; any other negation
        reaching the match still negates it.  A comma, colon, "and", "that",
        "when" or another clause word between the two keeps them apart ("It's not
        fair that the staff decide the rota without asking us"), and so does a
        "no" that answers rather than denies ("No, they decide …", "No wonder
        they …").  A denied denial ("It's not like they don't consult us")
        cancels too (:meth:`_litotes`).
        """
        cuts = terminators.get("negated", []) + terminators.get("*", [])
        cancelled: set[int] = self._litotes(lowers, negations, triggers, cuts)

        def same_verb(n_start: int, n_end: int, e_start: int, other: _Trigger) -> bool:
            between = lowers[n_end:e_start]
            if any(n_end <= c < e_start for c in cuts) or not self._double_breaks.isdisjoint(between):
                return False
            return not (other.words == (self._no,) and between and between[0] in self._after_interjection)

        for e_start, _, exception in negations:
            if not exception.exception and exception.words != self._no_longer_phrase:
                continue
            before = [
                n_start for n_start, n_end, other in triggers
                if other.category == "negated" and n_end <= e_start and n_start not in cancelled
                and not other.exception and same_verb(n_start, n_end, e_start, other)
            ]
            if before:  # all of them: "they don't decide nothing without asking us" is one negation in speech, then the exception
                cancelled.update((e_start, *before))
        return all(t_start in cancelled for t_start, _, _ in negations)

    def _litotes(self, lowers: Sequence[int], negations: list[tuple[int, int, _Trigger]], triggers: list[tuple[int, int, _Trigger]], cuts: list[int]) -> set[int]:
        """Where the negations reaching a match are a denied denial, which says the thing is so; their starts.

        A denial after a form of "be" or a break ("It's not", "It isn't", "Not
        that"), a forward ``litotes`` row ("like", "as if", "as though",
        "that"), a subject of up to three words and a negation of its verb
        ("It's not like the council doesn't consult us", "It isn't as if we
        aren't consulted", "It's not as if nobody asks us", "It's not like
        they've never asked us", "It's not like they really don't consult
        us"): the second negation is denied, and neither denies the match.
        It stays a denial after a backward ``litotes`` row, a modal of
        ability or will ("It's not that they can't consult us": they are
        able, which says nothing of whether they do; "It's not like they
        won't listen"), and when a further denial follows it in the sentence
        ("It's not that they don't consult us, they don't even tell us";
        "…, they just won't let us").
        """
        cancelled: set[int] = set()
        if not self._litotes_cues:
            return cancelled
        denials = [(n_start, n_end) for n_start, n_end, t in triggers if t.category == "negated" and not t.exception]
        for n_start, n_end, second in negations:
            if second.exception or n_start in cancelled:
                continue
            for d_start, d_end in denials:
                if d_end > n_start - 1 or (d_start > 0 and lowers[d_start - 1] not in self._litotes_before):
                    continue  # "It's not like", "It isn't as if", "Not that": not "I don't like that they don't …"
                cue = next((c for c in self._litotes_cues if tuple(lowers[d_end : d_end + len(c)]) == c), None)
                if cue is None:
                    continue
                subject = lowers[d_end + len(cue) : n_start]
                if len(subject) > 4 or (not subject and second.words[0] in self._denials) or any(d_end <= c < n_start for c in cuts):
                    continue
                if not self._litotes_breaks.isdisjoint(subject) or (subject and subject[-1] in self._litotes_modals):
                    continue
                if any(f_start >= n_end and not self._its_that(lowers, n_end, f_start) for f_start, _ in denials):
                    continue  # the denial goes on: "…, they don't even tell us" (not "…, it's that nobody listens")
                cancelled.update((n_start, d_start))
                break
        return cancelled

    def _its_that(self, lowers: Sequence[int], first: int, stop: int) -> bool:
        """Whether "it's that" (or "is that", "was that", "just that") stands in ``lowers[first:stop]``: the other half of
        "It isn't that I don't have a say, it's that nobody listens", a contrast, not the denial going on."""
        return any(lowers[j] == self._that and lowers[j - 1] in self._its_that_before for j in range(max(first, 1), stop))

    def _outside_meeting(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether an ``outside`` row reaches the match within its clause: someone or somewhere the observer did not watch.

        A forward row ("neighbour", "daughter", "other groups") stands in the
        match's clause before it ("Joan said her neighbour's group runs its own
        rota"), a backward row after it ("they do it that way elsewhere");
        never inside the match's own words. "Hannah sat with her daughter" leaves
        the daughter an object after the match: Hannah's help is what was seen.
        """
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start, fillers=True)
        closing = self._clause_end(lowers, end, stop)
        for words, direction in self._outside:
            size = len(words)
            if direction != "backward" and any(tuple(lowers[i : i + size]) == words for i in range(opening, start - size + 1)):
                return True
            if direction != "forward" and any(tuple(lowers[i : i + size]) == words for i in range(end, closing - size + 1)):
                return True
        return False

    def about_service(self, code: str | None) -> bool:
        """Whether a code (or its theme) is named by a ``service`` row: its evidence is what staff do.

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> rules = AssertionRules(pipeline()).extended([Rule("service", "other", "", "facilitation")])
        >>> rules.about_service("facilitation.stepping_back"), rules.about_service("power.co_leading")
        (True, False)
        """
        if code is None:
            return False
        known = self._about_service.get(code)
        if known is None:
            known = self._about_service[code] = any(code == name or code.startswith(name + ".") for name in self._service)
        return known

    def _someone_elses_clause(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match's clause has someone else as its subject and the speaker is not in its sentence.

        The clause opens at the last clause break before the match ("He got a
        vote, Tyler did": "He got a vote"); its subject is what opens it, after
        fillers: a ``subject`` row ("my sister", "the lads", "she"),
        "his"/"her"/"their" and the next word, or a name; or "they" or an
        "-ing" form taking up someone else (:meth:`_takes_up`).  The speaker
        anywhere else in the sentence ("Priya asks me …, and she changed her
        slides because I told her") makes it theirs: what others do *with* the
        speaker is the speaker's experience.  A possessive inside the subject
        ("my sister") is not the speaker taking part, nor is a contrast ("not
        me"); the speaker's group named by its role ("the members") is.

        With a ``speaker`` row (``_strict``) the speaker must *take part*
        (:meth:`_takes_part`): knowing of someone described ("My auntie runs
        it, I know about it") or disowning it ("…, it's not for me") leaves it
        someone else's; and "she", "he" and the speaker's group ("the members",
        "everybody"), also opening the match itself ("she decides what …"),
        take up someone described earlier in the sentence.  A name or a bare
        "he"/"she" still needs the speaker nowhere in the sentence: as often a
        member of the speaker's own group or the staff ("Ian chaired the August
        meeting, and he kept us to time").
        """
        first, stop = sentence
        start, _ = match
        position = self._clause_opening(lowers, first, start)
        word = lowers[position]
        strict = self._strict
        if strict and word in self._determiners and position + 1 < start and lowers[position + 1] in self._groups:
            position, word = position + 1, lowers[position + 1]  # "the members", as "members"
        # "Their members run the cafe": the match opens on the word "their" owns, so the subject takes it in (stop 58).
        limit = start + 1 if word in self._possessives and position + 1 == start else start
        subject_end = self._subject_end(lowers, position, limit) or self._someones_group_end(lowers, position, start)  # "Aunty Mere's lot"
        if subject_end is None:
            pronoun = word == self._they or self._participle(word) or (strict and (word in self._resumptive or word in self._groups))
            return pronoun and self._takes_up(lowers, sentence, position)
        if strict and word in self._one_person and self._takes_up(lowers, sentence, position):
            return True
        present = self._takes_part if strict and word not in self._one_person and not self._name(word) else self._speaker_at
        return not any(present(lowers, i, first, stop) for i in (*range(first, position), *range(subject_end, stop)))

    def _participle(self, word: int) -> bool:
        """Whether a word is an "-ing" form opening a clause without a subject ("…, my lad, helping pick the staff")."""
        text = self.nlp.vocab.strings[word]
        return len(text) > 5 and text.endswith("ing") and text.isalpha()

    def _takes_up(self, lowers: Sequence[int], sentence: tuple[int, int], position: int) -> bool:
        """Whether a pronoun at ``position`` takes up someone else who opened an earlier clause of the sentence.

        "My mum's boyfriend does the laptops there, they all vote on the grant",
        "Meri biwi, she is in the committee, they decide the time", "He's on the
        panel now, my lad, helping pick the staff": the first clause of the
        sentence that opens with someone else (:meth:`_subject_end`), and the
        speaker nowhere else in the sentence.  Not a bare name ("Tom's welcome,
        Maya's welcome, but they come as guests" is staff visiting the
        speaker's group).  Only within the sentence: the text a match is judged
        in starts at its sentence (``qlr.code._prefilter``), and a "they"
        opening a sentence is mostly the staff ("My husband's got dementia.
        They listen.").

        With a ``speaker`` row: "she", "he" and the speaker's group too ("Me
        mate Pete's on their board, and members vote on everything", "My mum's
        mate runs the club, she decides what they serve"), but only taking up
        someone described, not another "she" or "her" and a noun ("Her banking
        background, she's very good with …" is staff telling of a carer); a
        noun phrase about people counts (:meth:`_people_end`), the staff do not
        ("The nurse is lovely, she asks for feedback"), nor the staff who see to
        a relative ("My husband's consultant is lovely, he listens"); and the
        speaker must take part (:meth:`_takes_part`: "My mum sits on the forum,
        she gets a vote, not that it helps me" is someone else's).
        """
        first, stop = sentence
        strict = self._strict
        # "They" may take up "he", "she" or "his cousin"; "she" and the speaker's group only someone described.
        anyone = not strict or lowers[position] == self._they or self._participle(lowers[position])
        present = self._takes_part if strict else self._speaker_at
        for opening in range(first, position):
            if opening > first and lowers[opening - 1] not in self._clause_breaks:
                continue
            while opening < position and lowers[opening] in self._fillers:
                opening += 1
            group = self._someones_group_end(lowers, opening, position)  # "Moira's lot, they …" is no bare name (stop 54)
            if opening >= position or (self._name(lowers[opening]) and group is None):
                continue
            if not anyone and (lowers[opening] in self._one_person or lowers[opening] in self._possessives):
                continue
            clause = self._clause_end(lowers, opening, position)
            subject_end = group or self._subject_end(lowers, opening, clause) or (self._people_end(lowers, opening, clause) if strict else None)
            if subject_end is None:
                continue
            if strict and lowers[subject_end - 1] in self._staff:
                return False
            if strict and self._their_staff_at(lowers, subject_end, clause):
                return False  # "My husband's consultant is lovely, he listens": the staff who see to a relative
            return not any(present(lowers, i, first, stop) for i in range(first, stop) if not opening <= i < subject_end and i != position)
        return False

    def _people_end(self, lowers: Sequence[int], position: int, limit: int) -> int | None:
        """Where a noun phrase about people other than the speaker opening at ``position`` ends, or None.

        A quantifier ("half", "a few of"), a determiner, at most three words and
        a person noun (:data:`_PERSON_NOUNS`): "the woman", "half the trainers".
        """
        while position < limit and lowers[position] in self._quantifiers:
            position += 1
        if position >= limit or lowers[position] not in self._determiners:
            return None
        head = next((i for i in range(position + 1, min(position + 5, limit)) if lowers[i] in self._person_nouns), None)
        return None if head is None else head + 1

    def _someone_named_before(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether one person other than the speaker is named before the match: a name, he/she/his/her, "my" + a noun.

        "They" and a group ("the carers", "the parents") are left out: staff and
        the speaker's own group are spoken of so, and what they do with the
        speaker is the speaker's experience ("They ask for feedback after every trip").
        """
        first, _ = sentence
        start, _ = match
        for i in range(first, start):
            word = lowers[i]
            if word in self._one_person or self._relative_end(lowers, i, start):
                return True
            if i + 1 < start and self._name(word) and lowers[i + 1] in self._after_name:
                return True  # a name before a verb form or "and" ("Dilys sorts it", "Gwen and Alun")
        return False

    def _now_in_clause(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether "now" or "nowadays" sets the match's clause in the present ("Now we helped each other a lot")."""
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start, fillers=True)
        return not self._nows.isdisjoint(lowers[opening : self._clause_end(lowers, end, stop)])

    def _speaker_in_clause(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the speaker takes part in the match's clause: "Our group runs it", "they run it with me".

        Only the speaker's own words count, not "my" ("my gran and her friends
        voted") nor a role ("members vote"), nor "our" before a name ("our Kev").
        """
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start, fillers=True)
        return any(
            lowers[i] in self._taking_part and not (i > first and lowers[i - 1] == self._not) and not self._relative_end(lowers, i, stop)
            for i in range(opening, self._clause_end(lowers, end, stop))
        )

    def _disputed(self, lowers: Sequence[int], end: int, stop: int, next_sentence: Sequence[int]) -> bool:
        """Whether the speaker disputes what was just reported: a ``dispute`` row opening the next sentence, or after "but" or a comma later in the sentence.

        "My neighbour reckons the staff run everything and we are just
        decoration. I'm not sure." and "They keep saying it's no longer them and
        us, but it is": a report about the speaker that the speaker does not
        accept is still someone else's words.
        """
        if next_sentence and self._exempts_self(next_sentence):
            return True  # "Mark keeps saying the staff let us get on with it. Not on my corner." (stop 54)
        if not self._disputes:
            return False
        opening = next((i for i, w in enumerate(next_sentence) if w not in self._fillers and w != self._comma), len(next_sentence))
        if self._whole_clause_at(next_sentence, opening, self._disputes):
            return True
        return any(
            (lowers[p] == self._but or lowers[p - 1] in (self._comma, self._but)) and self._whole_clause_at(lowers, p, self._disputes, stop=stop)
            for p in range(end, stop)
        )

    def _confirmed(self, lowers: Sequence[int], end: int, stop: int, next_sentence: Sequence[int]) -> bool:
        """Whether the speaker bears out what was just claimed: a ``confirm`` row opening the next sentence, or a clause after "and", "but" or a comma.

        "The manager makes out we voted on it, and to be fair we did." and
        "There's talk we run the rota now. Which is true." are the speaker's own
        account; "…, and we did n't" is no confirmation (the row must be its
        clause whole), nor one the speaker then limits ("We did, on paper", "We
        were, until the funding went": :data:`_CONFIRM_LIMITS`), and a dispute
        (:meth:`_disputed`) is read first.
        """
        if not self._confirms:
            return False
        skipped = self._fillers | {self._comma, self._and, self._but, self._aye}
        opening = next((i for i, w in enumerate(next_sentence) if w not in skipped), len(next_sentence))
        if self._whole_clause_at(next_sentence, opening, self._confirms, heads=self._confirm_heads, tails=self._confirm_tails):
            return not self._confirm_limited(next_sentence[opening:])
        return any(
            lowers[p - 1] in (self._comma, self._but, self._and)
            and self._whole_clause_at(lowers, p, self._confirms, stop=stop, heads=self._confirm_heads, tails=self._confirm_tails)
            and not self._confirm_limited(lowers[p:stop])
            for p in range(end + 1, stop)
        )

    def _confirm_limited(self, words: Sequence[int]) -> bool:
        """Whether a confirmation is limited or dated after it: "on paper", "until the funding went", "in 2019", "back in the day"."""
        strings = self.nlp.vocab.strings
        if not self._confirm_limits.isdisjoint(words) or any(pair in self._confirm_limit_pairs for pair in zip(words, words[1:])):
            return True
        return any(len(t) == 4 and t.isdigit() for t in map(strings.__getitem__, words))

    def _whole_clause_at(
        self, words: Sequence[int], position: int, phrases: list[tuple[int, ...]], *, stop: int | None = None,
        heads: frozenset[int] | None = None, tails: frozenset[int] | None = None,
    ) -> bool:
        """Whether one of ``phrases`` opens at ``position`` and is its clause whole (before ``stop``): "I'm not sure." but not "I'm not sure what I'd do".

        ``heads`` are the phrases' first words and ``tails`` the words that may
        round a phrase off; both default to the ``dispute`` rows'.
        """
        stop = len(words) if stop is None else stop
        heads = self._dispute_heads if heads is None else heads
        tails = self._dispute_tails if tails is None else tails
        if position >= stop or words[position] not in heads:
            return False
        for phrase in phrases:
            after = position + len(phrase)
            if after > stop or tuple(words[position:after]) != phrase:
                continue
            # A few words may round it off ("I'm not sure about that", "That's not true at all, mind").
            while after < stop and after < position + len(phrase) + 3 and words[after] in tails:
                after += 1
            if after >= stop or words[after] in self._closers or words[after] in (self._comma, self._but):
                return True
        return False

    def _speaker_at(self, lowers: Sequence[int], i: int, first: int, stop: int) -> bool:
        """Whether token ``i`` puts the speaker in the sentence: not "not me", not "the members' meeting", not "my mum's mate"."""
        if lowers[i] not in self._speakers or (i > first and lowers[i - 1] == self._not) or self._relative_end(lowers, i, stop):
            return False
        if lowers[i] == self._i and i + 1 < stop and lowers[i + 1] in self._hedges and self._parenthetical(lowers, i, first):
            return False  # "…, and I think he's right": an opinion about it, not taking part
        if self._told_only(lowers, i, first, stop) or self._witness_only(lowers, i, stop):
            return False  # "…, she tells me they choose …", "I was in the shed when the lads planned …": hearing or seeing it
        if self._counted_part(lowers, i, first):
            return False  # "…, and half the residents think she's on the staff": a part of a group counted, not "half of us"
        return lowers[i] in self._first_person or not (i + 1 < stop and lowers[i + 1] in self._possessive_marks)

    def _counted_part(self, lowers: Sequence[int], i: int, first: int) -> bool:
        """Whether the group word at ``i`` is a part of the group counted: "half the residents", "most of the tenants" (stop 55).

        A speaker in the group says "half of us"; counted as "half the residents" the group is someone else, as "three
        of them" is (:meth:`_counted_as_them`). Only "half", "most", "some", "few", "many" or "several" and "the" or
        "of the" before the group word; not "all the residents", who hold the speaker as often as not.
        """
        if lowers[i] not in self._groups or i - 2 < first or lowers[i - 1] != self._the:
            return False
        before = lowers[i - 3] if lowers[i - 2] == self._of and i - 3 >= first else lowers[i - 2]
        return before in self._part_counts

    def _told_only(self, lowers: Sequence[int], i: int, first: int, stop: int) -> bool:
        """Whether the first person at ``i`` is only the one told a report: "she tells me they …", "he told us it was".

        "me" or "us" straight after a reporting verb whose subject is someone
        else, and followed by the report rather than an instruction ("she tells
        us where things go", "told me to") or the end of the sentence.
        """
        if lowers[i] not in self._told_ones or i - 1 <= first or lowers[i - 1] not in self._reporting:
            return False
        if i + 1 >= stop or lowers[i + 1] in self._instructions or lowers[i + 1] in self._closers:
            return False
        return lowers[i - 2] not in self._first_subjects

    def _dates_a_clause(self, lowers: Sequence[int], after: int, stop: int) -> bool:
        """Whether a decade ending a historical row at ``after`` closes its phrase: "through the seventies and eighties.", "In the 90s I …".

        Not before a noun it describes ("the 60s group"), nor before "and" and
        another clause ("… written in the sixties and everyone has a say"):
        "and" only before another decade.
        """
        if after >= stop:
            return True
        word = lowers[after]
        if word == self._and:
            return after + 1 < stop and lowers[after + 1] in self._decades
        return word in self._closers or word in self._decade_joins

    def _witness_only(self, lowers: Sequence[int], i: int, stop: int) -> bool:
        """Whether "I" at ``i`` is only there when others did it: "I was in the shed when the youngsters planned the hull".

        "I was" (or "I was stood", "I was sat") and a place, then "when"
        within eight words: the speaker present at what the "when" clause
        tells, not doing it.  Not "I was on the panel when …", whose words
        are the speaker's part (a place word must follow "was").
        """
        if lowers[i] != self._i or i + 2 >= stop or lowers[i + 1] not in self._was:
            return False
        k = i + 2
        while k < stop and lowers[k] in self._witness_postures:
            k += 1
        if k >= stop or lowers[k] not in self._witness_places:
            return False
        return any(lowers[w] == self._when for w in range(k + 1, min(k + 9, stop)))

    def _takes_part(self, lowers: Sequence[int], i: int, first: int, stop: int) -> bool:
        """Whether token ``i`` puts the speaker in the sentence as taking part, not only knowing of it or disowning it.

        :meth:`_speaker_at`, less "…, I know about it", "I've heard" (a first
        person opening its clause whose verb, a few helpers aside, is one of
        knowing or hearing) and a first person disowning it
        (:meth:`_disowned`): the speaker as one who knows of someone else's
        experience, or says it is not theirs.
        """
        if not self._speaker_at(lowers, i, first, stop):
            return False
        if lowers[i] in self._doers and self._parenthetical(lowers, i, first):
            # Only opening its clause: "…, I know about it", not "she asks what I think", which is the speaker consulted.
            verb = i + 1
            while verb < stop and lowers[verb] in self._helpers:
                verb += 1
            if verb < stop and lowers[verb] in self._knowing:
                return False
        return not self._disowned(lowers, i, first, stop)

    def _disowned(self, lowers: Sequence[int], i: int, first: int, stop: int) -> bool:
        """Whether the first person at ``i`` says the experience is not theirs: "I'm not on it", "it's not for me".

        "I"/"we" and a denied "be" ("I'm not on it", "we aren't members"), or a
        clause opening with "not for" or "not that", after a filler and "it's"
        or "that's" at most ("…, but it's not for me", "not that it helps me";
        not "it's not just me").  Not any denial: "they never leave me out" and
        "nobody tells us what to do" are the speaker taking part.
        """
        if lowers[i] in self._doers:
            return i + 2 < stop and lowers[i + 1] in self._am and lowers[i + 2] in self._not_words
        opening = self._clause_opening(lowers, first, i)
        while opening < i and lowers[opening] in self._its:
            opening += 1
        # "not for me", "not that it helps me"; not "it's not just me".
        return opening + 1 < i and lowers[opening] in self._not_words and lowers[opening + 1] in self._for_that

    def _subject_end(self, lowers: Sequence[int], position: int, limit: int) -> int | None:
        """Where a third-person subject starting at ``position`` ends (before ``limit``), or None."""
        if position >= limit:
            return None
        rows = self._subject_index.get(lowers[position])
        if rows is not None:  # the rows starting with this word: those whose second word follows, then a one-word row
            by_second, single = rows
            if position + 1 < len(lowers):
                for words in by_second.get(lowers[position + 1], ()):
                    if self._at(lowers, position, words, limit):
                        return position + len(words)
            if single:
                return position + 1
        if relative := self._relative_end(lowers, position, limit):
            return relative
        if lowers[position] in self._possessives and position + 2 <= limit:
            return position + 2
        # The verb after a name may be the match's own first word ("Maureen runs the rota").
        if position + 1 < len(lowers) and lowers[position + 1] in self._after_name and self._name(lowers[position]):
            return position + 1  # a name: a word no common-word list knows, before a verb form
        return None

    def _name(self, word: int) -> bool:
        """Whether a token is a name: a word of letters that no common-word list or lemma table knows."""
        if word in self._known:
            return False
        text = self.nlp.vocab.strings[word]
        return text.isalpha() and len(text) > 1

    def _relative_end(self, lowers: Sequence[int], i: int, limit: int) -> int | None:
        """Where "my mum", "me cousin", "our Maureen" at ``i`` ends: the speaker's relation or someone named, not the speaker.

        "my"/"me"/"our" opening a ``subject`` row written with "my" ("my mum",
        "my mate"), or "my"/"our" before a name ("our Gareth"): the possessive
        names another person, so neither the subject nor the speaker's presence.
        """
        if lowers[i] not in self._owners:
            return None
        rows = self._subject_index.get(self._my)
        if rows is not None and i + 1 < len(lowers):
            for words in rows[0].get(lowers[i + 1], ()):  # the "my …" rows whose second word follows
                if self._at(lowers, i + 1, words[1:], limit):
                    return i + len(words)
            if lowers[i + 1] in self._kin_describers and i + 2 < len(lowers):
                for words in rows[0].get(lowers[i + 2], ()):  # "my Deaf cousin", "my older brother": the row's relation all the same
                    if self._at(lowers, i + 2, words[1:], limit):
                        return i + 1 + len(words)
        # The name ends its phrase ("our Gareth, he …", "our Maureen's", "our Jimmy and Sue"): not "our WhatsApp group".
        if lowers[i] != self._me and i + 1 < limit and self._name(lowers[i + 1]):
            after = lowers[i + 2] if i + 2 < len(lowers) else self._comma
            if after in self._after_name or after in self._clause_breaks or after in self._closers:
                return i + 2
        return None

    # ------------------------------------------------------------ grammatical rules
    def _grammatical(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], terminators: dict[str, list[int]], code: str | None,
        next_sentence: Sequence[int] = (), *, present: int = -1, later: Sequence[int] = (),
    ) -> set[str]:
        """Categories found from the sentence's grammar rather than from a listed phrase.

        Someone else's: a reporting verb whose subject is not the speaker
        (:meth:`_reported_by_someone_else`) or that closes the sentence
        (:meth:`_reported_after`), a passive whose agent is someone
        else (:meth:`_passive_by_someone_else`), a clause opened by other
        people (:meth:`_people_as_subject`), a sentence opened by another
        place (:meth:`_elsewhere_opening`), someone introduced by "there's a …"
        (:meth:`_someone_introduced`), a next sentence naming the source
        (:meth:`_source_next`); historical: a sentence opened
        by "before …" with a verb in the past (:meth:`_before_then`), a
        past clause with "now" set against it (:meth:`_past_against_now`),
        denied for now (:meth:`_past_then_not_now`) or followed by its ending
        (:meth:`_past_then_ended`), a sentence opened by "when it began"
        (:meth:`_when_it_began`).  ``present``: the cue bits of the words in reach
        (:meth:`_cues_of`); a rule whose cue is off is not called (all are by default).  Someone else's is not found
        when the speaker then counts themself among them (:meth:`_counts_self_among`, reading ``later`` too: the
        sentences after the next).
        """
        found = set()
        if not self.about_service(code) and (
            (present & _CUE_REPORTING and (self._reported_by_someone_else(lowers, sentence, match) or self._reported_after(lowers, sentence, match)))
            or (present & _CUE_BY and self._passive_by_someone_else(lowers, sentence, match))
            or self._people_as_subject(lowers, sentence, match)
            or (present & _CUE_ELSEWHERE and self._elsewhere_opening(lowers, sentence, match))
            or (present & _CUE_THERE and self._someone_introduced(lowers, sentence, match))
            or (present & _CUE_HEARD and self._source_next(lowers, sentence, next_sentence))
            or (present & _CUE_READ and self._read_about(lowers, sentence, match))
            or (present & _CUE_AT_IN_ON and present & _CUE_REPORTING and self._where_someone_said(lowers, sentence, match))
        ) and not self._counts_self_among(lowers, match[1], sentence[1], next_sentence, later):  # "… I was one of them." (stop 55)
            found.add("other")
        if (
            (present & _CUE_BEFORE and self._before_then(lowers, sentence, match, terminators))
            or (present & _CUE_NOW and self._past_against_now(lowers, sentence, match, next_sentence))
            or (present & _CUE_DENIAL and self._past_then_not_now(lowers, sentence, match, terminators, next_sentence))
            or (
                (present & _CUE_ENDING or (present & _CUE_THAT_WAS and present & _CUE_WAS))
                and self._past_then_ended(lowers, sentence, match, next_sentence)
            )
            or (present & _CUE_WHEN and self._when_it_began(lowers, sentence, match, terminators))
        ):
            found.add("historical")
        return found

    # ------------------------------------------------------------ rules over the turn
    def _turn_rules(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int],
        later: Sequence[int], found: set[str], code: str | None, observed: bool = False, *, present: int = -1,
    ) -> set[str]:
        """Categories found from the rest of the turn after the match's sentence, or from its opening.

        Kept apart from :meth:`_grammatical` (one hook in :meth:`categories`):
        historical, a past account whose ending is told in the next sentences of
        the turn (:meth:`_past_ended_later`); someone else's, a sentence opened
        by someone described with the speaker nowhere in it
        (:meth:`_opened_by_someone_else`); a ``previous`` row of category other,
        the speaker setting themself apart after it ("Not for me", "Good for
        them"), is read with every ``previous`` row (:meth:`_said_after`), on the
        same terms as these: only for a match nothing else reached.  From the third corpus's
        tuning half: historical, a simple past over a span of years
        (:meth:`_past_span_of_years`); someone else's, the speaker later not
        there or only having heard of it (:meth:`_absent_after`), and the
        quotative "like" after someone else (:meth:`_quoted_with_like`).  The speaker's own past
        that has ended, from the three tuning halves: historical, a sentence opened by its first years
        or months ended later in any tense (:meth:`_first_years_ended`), a past account followed by a
        "Then" sentence telling a change (:meth:`_then_changed`).  Only for a match nothing
        else reached, and no historical in an observer's field note, whose
        narration is all in the past ("Maya opened … and then largely stayed
        quiet. … Asha took over the costings").  ``present``: as in :meth:`_grammatical`.
        """
        extra: set[str] = set()
        if found:
            return extra  # only a match nothing else reached: "It'd be nice to have a say. I've never been." stays a wish
        if not observed and (
            (present & _CUE_ENDED_LATER and self._past_ended_later(lowers, sentence, match, next_sentence, later))
            or (present & _CUE_BEFORE and self._before_against_now(lowers, sentence, match, next_sentence))
            or (present & _CUE_SPAN and self._past_span_of_years(lowers, sentence, match, next_sentence))
            or (present & _CUE_FIRSTS and self._first_years_ended(lowers, sentence, match, next_sentence, later))
            or (present & _CUE_THEN_LATER and self._then_changed(lowers, sentence, match, next_sentence))
            or (present & _CUE_STORY and self._then_ended(lowers, sentence, match, next_sentence, later))
            or (present & _CUE_TOOK_BACK and self._taken_back_to_past(lowers, sentence, next_sentence))
        ):
            extra.add("historical")
        if not self.about_service(code) and (
            self._opened_by_someone_else(lowers, sentence, match)
            or self._cleft_on_someone(lowers, sentence, match)
            or (present & _CUE_I and self._absent_after(lowers, sentence, match, next_sentence, later))
            or (present & _CUE_LIKE and self._quoted_with_like(lowers, sentence, match))
            or (present & _CUE_REPORTING and self._reported_next(lowers, sentence, match, next_sentence, later))
        ):
            extra.add("other")
        return extra

    def _reported_next(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]
    ) -> bool:
        """Whether the next sentence, or the one after, says who told the account: "… That's what my cousin said, she was there."

        The sentence opens (fillers aside) with "that's what" or "or so", then a
        subject of at most four words that is not the speaker ("my cousin",
        "Alan", "they") and a reporting verb, and nothing after it but whom it
        was told ("me", "anyway") or the speaker denying being there ("…, she
        was there, I wasn't"): not "That's what my wife says and she's right";
        the match's clause has no "I", "we", "me" or "us" ("our elders" is
        still about others), nor does a short clause after it count the
        speaker in ("…, me included", "…, including me").  The form
        :meth:`_reported_after` reads within the sentence, told a sentence on.
        From corpus 8's tuning half.
        """
        if self._reporting.isdisjoint(next_sentence) and self._reporting.isdisjoint(later):
            return False  # no reporting verb after the sentence (one is needed below): nothing to look for
        first, stop = sentence
        opening = self._clause_opening(lowers, first, match[0], fillers=True)
        closing = self._clause_end(lowers, match[1], stop)
        if not self._taking_part_subjects.isdisjoint(lowers[opening:closing]) or self._speaker_in_short_clause(lowers, match[1], stop):
            return False  # "We vote on it. She told me."; "Everyone votes on it, including me. She told me." (review of stop 59)
        sentences = self._sentences_of([*next_sentence, *later])
        for _ in range(2):
            words = next(sentences, None)
            if not words:
                return False
            i = 0
            while i < len(words) and (words[i] in self._fillers or words[i] == self._comma):
                i += 1
            lead = next((p for p in (*self._thats_what, self._or_so) if self._at(words, i, p, len(words))), None)
            if lead is None and self._bare_report(words, i):
                return True  # "… Everybody votes, staff too. She told me."
            if lead is not None:
                verb = next((k for k in range(i + len(lead) + 1, min(i + len(lead) + 5, len(words))) if words[k] in self._reporting), None)
                subject = words[i + len(lead):verb] if verb is not None else ()
                if not subject or not self._first_subjects.isdisjoint(subject) or not self._denying.isdisjoint(subject):
                    return False
                # A bare report ("That's what Alan tells me anyway."), or the speaker not there; not one the speaker
                # goes on to bear out or to join ("… and she's right", "… she loved about us", "… and we all voted").
                rest = [w for w in words[verb + 1:] if w != self._comma]
                return all(w in self._report_closers or w == self._anyway for w in rest) or self._denies_presence(rest)
        return False

    def _bare_report(self, words: Sequence[int], i: int) -> bool:
        """Whether the sentence ``words`` (from ``i``, its fillers skipped) only says who told it: "She told me.", "Dean told us all about it."

        A subject of one to three words that is not the speaker and denies nothing ("Nobody told me." tells nothing
        told), a reporting verb, "me" or "us", and at most "all about it" (or "that", "so", "once", "too") after: the
        account before it is theirs (stop 59; corpus 12's tuning half: "At Lisa's place they vote on the trip. Everybody
        votes, staff too. She told me."). Not a report going on ("She told me to say that", "… told me and I joined").
        """
        verb = next((k for k in range(i + 1, min(i + 4, len(words))) if words[k] in self._reporting), None)
        if verb is None or verb + 1 >= len(words) or words[verb + 1] not in self._told_whom:
            return False
        subject = words[i:verb]
        if not self._first_subjects.isdisjoint(subject) or not self._denying.isdisjoint(subject) or self._comma in subject:
            return False
        rest = [w for w in words[verb + 2:] if w != self._comma and w not in self._closers]
        return all(w in self._all_about_it for w in rest)

    def _cleft_on_someone(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence is a cleft on someone else, the match in its "who"/"that" clause: "It's Ewan that co-runs the group now".

        "It's" (or "it is", "it was", "'tis"), perhaps "only", "just", "really" …, then someone named (a name, a
        ``subject`` row, "my dad", "our Callum", "his/her/their" and a noun, "him", "her", "them"), then "who" or
        "that" and the match with no clause break before it; the speaker not in the match's clause ("It's Ewan who
        runs it with me", "It's me who …", "It's us that decide" stay the speaker's). Stop 59, from the shape of
        corpus 9's tuning half ("It's Ewan that co-runs the Tuesday group with the worker now. I just turn up …").
        Not an adjective or a thing before "that" ("It's good that the members vote", "It's time that we …"): only
        someone named is a cleft's focus here.
        """
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        it = next((p for p in self._cleft_its if self._at(lowers, opening, p, start)), None)
        if it is None:
            return False
        i = opening + len(it)
        while i < start and lowers[i] in self._cleft_focus_words:
            i += 1
        if i >= start:
            return False
        if lowers[i] in self._cleft_objects or self._name(lowers[i]):
            focus_end: int | None = i + 1  # "It's her who …", "It's Ewan that …"
        elif lowers[i] in self._owners and i + 1 < start and self._name(lowers[i + 1]):
            focus_end = i + 2  # "It's our Callum who …"
        else:
            focus_end = self._subject_end(lowers, i, start)  # "It was my dad who …"
            if focus_end is not None and not self._taking_part.isdisjoint(lowers[i:focus_end]):
                return False  # "It's our group that …": the speaker's own
        if focus_end is None or focus_end > start or focus_end >= len(lowers) or lowers[focus_end] not in self._cleft_links:
            return False
        if not self._clause_breaks.isdisjoint(lowers[focus_end + 1 : start]):
            return False
        # The speaker in the cleft's own clause keeps it theirs: "It's Ewan who runs it with me".
        # Or in a short clause after it: "It's her who co-runs the group, with me" (review of stop 59).
        return self._taking_part.isdisjoint(lowers[focus_end + 1 : self._clause_end(lowers, match[1], sentence[1])]) and not self._speaker_in_short_clause(
            lowers, match[1], sentence[1]
        )

    def _past_ended_later(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]
    ) -> bool:
        """Whether a past clause's ending is told in the next sentences of the turn: "I manned the desk. … They didn't need me anymore."

        People tell a role they had and, a sentence or two on, that it ended:
        "Sat on the committee. Then they merged with the hospital one. Gone.",
        "I was on the interview panel once. Twice maybe. They stopped asking
        after the new lot came in."  A past form in the match's clause, and in
        the next sentence or the :data:`LATER_SENTENCES` after it: a sentence
        that is only an ending ("Gone.", "All finished."), "anymore" / "any
        more" / "no longer" after a denial ("they didn't need me anymore"), or
        "stopped" and an "-ing" form after the people or the thing the account
        is about ("They stopped asking", "it stopped running"; not "Elaine's
        stopped coming altogether", someone else leaving), or an ending taken
        up by a noun of its own ("The panel was dissolved": :meth:`_thing_ended`).  A past told in the
        weeks since the last interview ("They asked me what I thought. I said
        the leaflet was too long.") has no ending and stays the speaker's own.
        (:meth:`_past_then_ended` reads the rest of the sentence and the next
        one with more endings, which further on are as often
        something else's: "…, and then she took over.")
        """
        if self._ended_later_cues.isdisjoint(next_sentence) and self._ended_later_cues.isdisjoint(later):
            return False  # no word any ending below needs (most turns): nothing is looked for
        if self._no_past_form(lowers, sentence):
            return False  # no past form, no past clause (:meth:`_past_clause`): the endings need not be looked for
        if self._present_again(lowers, sentence, match):
            return False  # "Since the funding was cut it's all run by the staff again. They don't ask us anymore."
        after = [*next_sentence, *later]
        first, stop = sentence
        not_recent = self._recent.isdisjoint(lowers[first:stop])
        thing_ended = not_recent and (self._thing_ended(after, named=lowers[match[0]:match[1]]) or self._told_over_in(after))
        if not (self._ending_sentence(after) or self._no_longer(after) or self._stopped_doing(after) or thing_ended or self._handed_over(lowers, sentence, next_sentence)):
            return False
        return self._past_clause(lowers, sentence, match)

    def _handed_over(self, lowers: Sequence[int], sentence: tuple[int, int], words: Sequence[int]) -> bool:
        """Whether a role told in the past is then handed on: "I sat on the committee. … Handed it on when I changed jobs."

        The match's sentence tells a role ("chaired", "ran", "led", "sat", "volunteered", "was on" …)
        and is no offer (an offer handed on is declined: :meth:`_offer_handed_on`); the next sentence
        opens, fillers, "then" and "I" or "we" aside, on "handed", "passed" or "gave" and "it" (or "the
        job", "the reins") and "on", "over" or "up".  Not a handing for a while or with the speaker back
        ("for the summer", "still", "again", "back"), not "gave it up for Lent" / "to the Lord", not a
        question ("Gave it up? Never."), not after a role dated recently ("last night", "on Monday").  From corpus 10's tuning half, narrowed by a reviewer's probes.
        """
        first, stop = sentence
        told = lowers[first:stop]
        if self._question in words or not self._back_again.isdisjoint(told) or not self._back_again.isdisjoint(words) or not self._recent.isdisjoint(told):
            return False  # "… for the summer; I'm back", "Gave it up? Never.", "last night": this wave's news
        role = any(w in self._role_verbs or (w in self._was and v == self._on_word) for w, v in zip(told, [*told[1:], 0]))
        if not role or self._offered(lowers, first, stop):
            return False
        words = [w for w in words if w != self._comma]
        i = 0
        while i < len(words) and (words[i] in self._fillers or words[i] in self._speaker_subjects):
            i += 1
        if i + 2 >= len(words) or words[i] not in self._handing_over:
            return False
        thing = 1 if words[i + 1] == self._it_word else 2 if words[i + 1] in self._determiner_the and words[i + 2] in self._reins else 0
        after = i + thing + 1
        if thing == 0 or after >= len(words) or words[after] not in self._on_over:
            return False
        # "Gave it up for Lent" / "to the Lord" is a sacrifice; "handed it over to Dev for a month" a while.
        if words[after] == self._up and after + 1 < len(words) and words[after + 1] in self._for_to:
            return False
        return not any(w == self._for and v in self._spans_of_time for w, v in zip(words[after:], words[after + 1:]))

    def _present_again(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match's clause is told in the present, with "again", "now" or "nowadays": "it's all run by the staff again".

        A present form of "be" before the match in its clause and one of those words in it: the past
        form the clause also holds ("Since the funding was cut …") is the cause, and what follows
        ("They don't ask us anymore") tells what the present is like, not that it ended.  A new
        user's probe.
        """
        first, stop = sentence
        opening = self._clause_opening(lowers, first, match[0])
        closing = self._clause_end(lowers, match[1], stop)
        clause = lowers[opening:closing]
        return not self._again_now.isdisjoint(clause) and not self._is_are.isdisjoint(lowers[opening:match[0]])

    def _told_over_in(self, words: Sequence[int]) -> bool:
        """Whether a sentence in ``words`` is only an account said to be over: "Those days are long gone, mind.", "That's a while since."

        The phrase opens the sentence ("and", "so", "well" aside) and closes it,
        but for a few words such as "now", "mind" or "for us"; "That was years
        ago now, his passing, but the walk's still every May" tells something
        else, and "Those days are gone, it's all on WhatsApp now" the change.
        """
        for sentence in self._sentences_of(words):
            i = 0
            while i < len(sentence) and (sentence[i] in self._fillers or sentence[i] == self._comma):
                i += 1
            if i >= len(sentence) or sentence[i] not in self._told_over_heads:
                continue
            for phrase in self._told_over:
                if self._at(sentence, i, phrase, len(sentence)) and all(w in self._told_over_tails for w in sentence[i + len(phrase):]):
                    if self._still not in sentence:
                        return True
        return False

    def _taken_back_to_past(self, lowers: Sequence[int], sentence: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the next sentence takes the account back into the past: "Well, I did, till they outsourced the kitchen."

        It opens, fillers aside, with "I did", "we did", "I was", "we were"
        (the same "I" or "we" as the match's sentence) and, a comma aside,
        "till" or "until" and a clause that ends the sentence; or with "(I)
        used to", the sentence ending there, on "anyway" or on "be" ("Used to,
        anyway.", "Used to be.").
        Not an occasion's length ("I did till five o'clock today", "We did
        until late, then went home", "I was, until recently, the only dad on
        it"), nor with "still" or "now" ("I did, and I still do"), nor "before"
        ("We did before all this" did it then too), nor after "like" ("Like I
        used to." is the speaker as before).  A reviewer's probes narrowed it.
        """
        words = [*next_sentence]
        i = 0
        while i < len(words) and (words[i] in self._fillers or words[i] == self._or) and words[i] not in self._nows and words[i] != self._like:
            i += 1
        if i < len(words) and words[i] == self._comma:
            i += 1
        if i >= len(words) or words[i] not in self._took_back_heads:
            return False  # no phrase of them opens it (most next sentences)
        phrase = next((p for p in self._took_back_to_past if self._at(words, i, p, len(words))), None)
        if phrase is None or not self._still_now.isdisjoint(words[i:]):
            return False
        first, stop = sentence
        if phrase[0] in self._first_person and phrase[0] not in lowers[first:stop]:
            return False  # "I sit on the parish panel. We did, till midnight once, …": someone else's "we"
        rest = [w for w in words[i + len(phrase):] if w not in self._closers]
        if rest and rest[0] == self._comma:
            rest = rest[1:]
        if phrase[-1] == self._to:
            # "Used to, anyway.", and "Used to be." (corpus 9's tuning half), not "Used to be better" (a comparison),
            # nor "Used to be." after a present set against the past ("It's all carers now, no staff. Used to be.").
            if rest == [self._be_word]:
                told = lowers[first:stop]
                return self._nows.isdisjoint(told) and self._not_words.isdisjoint(told) and self._denials.isdisjoint(told)
            return not rest or rest == [self._anyway]
        if not rest or rest[0] not in self._tills:
            return False
        clause = rest[1:]
        if not clause or self._comma in clause or self._then in clause:
            return False  # "…, till it rained, then we went in the café": one occasion told
        return self._till_times.isdisjoint(clause[:3]) and not any(self.nlp.vocab.strings[w].isdigit() for w in clause[:3])

    def _first_years_ended(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]
    ) -> bool:
        """Whether a sentence opened by its first years or months is ended later in the turn, in any tense: "First months when I come, they ask me …. Then …, so I stop."

        The sentence opens (fillers aside; "in", "for", "during", "the", "my",
        "our", "those" and "few" / "couple of" allowed) with "first" or "early"
        and "year(s)" or "month(s)" ("In first year I was volunteer, …", "The
        first few months, …"; not "First time …", nor "First week of every
        month"), the match after that opening; and the next sentence or the
        one after tells an ending (:meth:`_ending_sentence`, :meth:`_no_longer`,
        :meth:`_stopped_doing`, :meth:`_stops`): "Then I get full-time job and
        I don't have time anymore."  A beginning and its end told in the
        present tense, as speakers of English as a second language often tell
        the past.
        """
        first, stop = sentence
        if not next_sentence or self._still in lowers[first:stop]:
            return False  # "The first year they asked me to help, and I still do."
        start, _ = match
        i = first
        while i < start and (lowers[i] in self._fillers or lowers[i] in self._frame_words):
            i += 1
        if i + 1 >= start or lowers[i] not in self._firsts:
            return False
        j = i + 1
        while j < start and lowers[j] in self._frame_words:
            j += 1
        if j >= start or lowers[j] not in self._frame_units or lowers[j + 1] == self._of:
            return False
        after = [*next_sentence, *later]
        return self._ending_sentence(after) or self._no_longer(after, speaker=True) or self._stopped_doing(after) or self._stops(after)

    def _then_ended(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]
    ) -> bool:
        """Whether an account told in the present goes on with "then" and its ending: "So I'm running the Saturday session, right, … — then the church wants the hall back and that's that."

        The sentence opens, fillers aside, as a story told in the present
        ("So I'm …", "So there I am, …", "We're …"); after the match in it,
        "then" opens a clause (after a clause break, "and" or "…") and, in the
        rest of the sentence or the next ones, the account ends: "that's me done" or "finished", "that was the
        end of it", the speaker not going back ("Haven't been back since",
        :meth:`_left_out_at`) or stopping (:meth:`_stops`); or "that's that"
        in the "then" clause's sentence or the next when that clause is not the
        speaker's own doing ("then we vote and that's that" is how it goes, in
        any tense).  Without such an opening a "then" is what follows in a
        routine ("We plan the trips, then the staff book them and that's
        that").  From corpus 4's tuning half, where people told a past role in
        the narrative present.
        """
        first, stop = sentence
        _, end = match
        opening = self._lead(lowers, first, stop)
        if opening >= stop or lowers[opening] not in self._story_heads or not any(self._at(lowers, opening, words, stop) for words in self._story_openings):
            return False
        then = next(
            (t for t in range(end, stop - 1) if lowers[t] == self._then and (lowers[t - 1] in self._then_openers or lowers[t - 1] in self._clause_breaks)),
            None,
        )
        if then is None or not self._nows.isdisjoint(lowers[first:then]):
            return False  # "Now I'm asked what I think, and then they do what they were going to do anyway"
        rest = [*lowers[then + 1:stop], *next_sentence, *later]
        if any(self._at(rest, k, phrase, len(rest)) for k in range(len(rest)) for phrase in self._done_for_good):
            return True
        if any(self._left_out_at(rest, k) for k in range(len(rest))) or self._stops(rest):
            return True
        subject = next((w for w in lowers[then + 1:stop] if w not in self._fillers), None)
        own = [*lowers[then + 1:stop], *next_sentence]
        return subject not in self._doers and any(self._at(own, k, phrase, len(own)) for k in range(len(own)) for phrase in self._that_was_that)

    def _then_changed(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether a past account is followed by a sentence opened by "Then" telling, in the past, what came after: "… Then the chapel sold the building …".

        The next sentence opens ("and", "but", "so" aside) with "then" or "later", holds a
        past form and a word of change (:data:`_CHANGES`: an ending, a move, a
        job, an illness, a takeover, not before "early", "at" …; or the speaker
        left out (:meth:`_left_out_at`): "Then I got the job on the docks and I've
        not been back since", "Then the mosque took the finances back in-house and
        we weren't needed"); neither sentence names a recent time; the match's
        clause is past.  Not "They asked me what I thought. Then they changed
        it.", what came of it.
        """
        words = list(next_sentence)
        i = 0
        while i < len(words) and words[i] in self._and_but:
            i += 1
        if i >= len(words) or words[i] not in self._then_later or self._past_forms.isdisjoint(words[i + 1:]):
            return False
        if self._still in words:
            return False  # "Then Joan sold her car, but we still plan them": the account goes on ("… and now it's all online" is the change)
        # A word of change, not an event's time ("Then Joan left early, so I did the washing up"), or the speaker
        # not wanted or not going back ("we weren't needed", "I never went back", "nobody's asked us since").
        changed = any(
            (w in self._changes and (k + 1 == len(words) or words[k + 1] not in self._change_guards))
            or (w == self._over and not self._took.isdisjoint(words[max(i, k - 3):k]))  # "the council took it over", not "it went over my head"
            for k, w in enumerate(words[i + 1:], start=i + 1)
        )
        if not changed and not any(self._left_out_at(words, k) for k in range(i + 1, len(words))):
            return False
        first, stop = sentence
        if not (self._recent.isdisjoint(lowers[first:stop]) and self._recent.isdisjoint(words)):
            return False
        return self._past_clause(lowers, sentence, match)

    def _left_out_at(self, words: Sequence[int], k: int) -> bool:
        """Whether a denial at ``k`` says the speaker was no longer there or wanted: "I never went back", "nobody's asked us since", "we weren't needed".

        The denial, then within five words "since", "again", "back", "anymore"
        or "more"; or "asked", "needed", "called", "rang" or "invited" with the
        speaker ("us", "me", "we", "I") beside the denial or the verb (not
        "nobody asked for a lift").
        """
        if not (words[k] in self._not_since or words[k] in self._not_words):
            return False
        window = words[k + 1:k + 6]
        if not self._gone_marks_more.isdisjoint(window):
            return True
        near = words[max(0, k - 3):k + 7]
        return not self._left_out.isdisjoint(window) and not self._taking_part.isdisjoint(near)

    def _stops(self, words: Sequence[int]) -> bool:
        """Whether the speaker, "we" or "they" stop or quit, the clause closing on it: "…, so I stop.", "Then we quit."."""
        for i, word in enumerate(words[1:], start=1):
            closes = i + 1 == len(words) or words[i + 1] in self._closers or words[i + 1] in self._clause_breaks
            if word in self._stop_words and closes and self._subject_before(words, i) in self._stop_subjects:
                return True
        return False

    def _subject_before(self, words: Sequence[int], i: int) -> int:
        """The word before ``words[i]``, helpers ("'ve", "had", "just") skipped: the subject of the verb at ``i``."""
        subject = i - 1
        while subject > 0 and words[subject] in self._helpers:
            subject -= 1
        return words[subject]

    def _thing_ended(self, words: Sequence[int], *, named: Sequence[int] = ()) -> bool:
        """Whether a definite noun phrase is said to have ended in ``words``: "The panel was dissolved", "The council grant ended in 2023".

        A word of ending (not "stopped", which people say of others leaving,
        nor "ended up", nor an event's end at a time: "The meeting ended early")
        at most four words after "the", "our", "their", "its", "that" or "this"
        in the same sentence: the arrangement told before taken up by a name of
        its own rather than by "it" or "that" (:meth:`_ended`, which reads the
        match's own sentence, keeps those).  Not after a match's sentence that
        names a recent time (:meth:`_past_ended_later`): "We picked the routes
        last week. The meeting ended …" is this wave's news.  ``named``: the
        match's own words, one of which may open the ending's sentence bare
        ("I sat on the access panel …. Panel folded after, didn't it."), not
        with an object after the ending ("Club cancelled the coach"), a clause
        after "ended" ("Panel ended, we all went to the pub") or the thing
        still going ("…, but the panel's still going").
        """
        for i, word in enumerate(words):
            if word not in self._thing_endings or (i + 1 < len(words) and words[i + 1] in self._event_ends):
                continue
            before = words[max(0, i - 5):i]
            cut = max((k + 1 for k, w in enumerate(before) if w in self._closers), default=0)
            if not self._thing_openers.isdisjoint(before[cut:]):
                return True
            opening = before[cut:]
            if named and 1 <= len(opening) <= 2 and (cut > 0 or i < 5) and opening[0] in named and opening[0] not in self._not_things:
                following = words[i + 1] if i + 1 < len(words) else self._stop
                carried_on = any(w in self._carrying_on for w in words[i + 1:i + 12])
                # "Club cancelled the coach" ends something else; "Panel ended, we all went to the pub" a meeting.
                if following not in self._object_openers and not (following == self._comma and word != self._folded) and not carried_on:
                    return True
        return False

    def _past_span_of_years(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int] = ()) -> bool:
        """Whether the sentence sets a simple past in a span of years now closed: "I ran the raffle for years", "For some years I was a member".

        "For" or "during" and, before the clause breaks, "year(s)" or
        "decade(s)" ("for six year", "during its first years"), not a span
        reaching to now or ahead ("for the last five years", "for the next
        five year"); no perfect, "still", "now" or "since" anywhere in the
        sentence ("I've done the rota for years", "I did it for years and
        still do"); the span and a simple past in the match's own clause
        ("…, because the council had been promising for a year" is not the
        match's).  The simple past with a span of years tells a period that
        is over.  The span may be the next sentence, standing alone ("I ran the
        Tuesday group. Three years."; :meth:`_span_fragment_of`), not after a
        beginning or recent news ("I joined the time bank. Two years ago.", "We
        finally got a vote this week. Three years!": :data:`_SPAN_NOT_OVER`).
        """
        first, stop = sentence
        if self._span_units.isdisjoint(lowers[first:stop]) and self._span_units.isdisjoint(next_sentence):
            return False  # no "year(s)" or "decade(s)" in the sentence or the next (most): no span of years
        if not self._unbounded.isdisjoint(lowers[first:stop]):
            return False
        fragment = (
            self._span_fragment_of(next_sentence)
            and self._exclamation not in next_sentence
            and self._span_not_over.isdisjoint(lowers[first:stop])
        )
        opening = self._clause_opening(lowers, first, match[0], fillers=True)
        closing = self._clause_end(lowers, match[1], stop)
        # A simple past: not a participle after a present "be" ("It is funded by the Fund for three years").
        if not any(self._past(lowers[k]) and lowers[k - 1] not in self._present_be for k in range(max(opening, first + 1), closing)):
            return False
        if fragment:
            return True
        for i in range(opening, closing):
            if lowers[i] in self._span_openers:
                span = lowers[i + 1:min(closing, i + 6)]
                if not self._span_units.isdisjoint(span) and self._span_to_now.isdisjoint(span):
                    return True
        return False

    def _span_fragment_of(self, words: Sequence[int]) -> bool:
        """Whether a sentence is only a span of years: "Three years.", "Ten year, near enough.", "Donkey's years."

        No verb and nothing else (every word a number, a unit or a word
        rounding it off), and a unit of years: a span the speaker adds to the
        past just told, as "for three years" inside it would be.
        """
        trimmed = self._trim(words)
        if not trimmed or len(trimmed) > 6 or self._span_units.isdisjoint(trimmed):
            return False
        strings = self.nlp.vocab.strings
        return all(w in self._span_fragment or w in self._closers or w == self._comma or strings[w].isdigit() for w in trimmed)

    def _absent_after(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int] = ()
    ) -> bool:
        """Whether the speaker, later in the turn, denies being there or only heard of it: "… the mothers decided together. I was not there."

        After a match whose clause holds no first-person word (but "my mum"), a later clause
        of its sentence or any clause of the next sentence in which "I" and a
        denial deny the speaker's presence (:meth:`_denies_presence`): "I don't
        go there", "I am not in the group, my husband is", "I have never been
        inside"; or says they only heard or read of it ("I only heard that from
        the advice worker"); or the sentence after next says so when the next
        holds no first person.  A general form of the ``previous`` rows' "I'm
        not on it".
        """
        first, stop = sentence
        if self._i not in lowers[match[1]:stop] and self._i not in next_sentence and self._i not in later:
            return False  # no "I" after the match in the turn (:meth:`_denies_presence` needs one): nothing to look for
        opening = self._clause_opening(lowers, first, match[0], fillers=True)
        closing = self._clause_end(lowers, match[1], stop)
        # "Gill asked my opinion …. I'm not part of any of the planning any more" is the speaker's own.
        if any(lowers[i] in self._first_person and not self._relative_end(lowers, i, stop) for i in range(opening, closing)):
            return False
        if self._absent_now(lowers[closing:stop]) or self._absent_now(next_sentence):
            return True
        # The sentence after next, when the next is not the speaker's either: "… their own referee course. Bloody brilliant. I heard about it off our coach."
        if not later or not self._first_person.isdisjoint(next_sentence):
            return False
        after = next((i for i in range(1, len(later)) if later[i - 1] in self._closers and later[i] not in self._closers), len(later))
        return self._absent_now(later[:after])

    def _absent_now(self, words: Sequence[int]) -> bool:
        """:meth:`_denies_presence`, and not there now either: "I never joined at first, but I'm in it now" is there now."""
        return self._denies_presence(words) and self._still_now.isdisjoint(words)

    def _denies_presence(self, words: Sequence[int]) -> bool:
        """Whether "I", helpers, a denial and a word of presence follow each other in ``words``: "I'm not on any group", "I ain't been".

        Or "I" and "heard" with "it", "that" or "this" (after "about" or "of"
        at most), or "read about it": the speaker only knows of it ("I heard
        about it off our coach"); not "I heard the staff say we could choose",
        nor "I read it out to them".
        """
        for i, word in enumerate(words):
            if word != self._i:
                continue
            j = i + 1
            while j < len(words) and words[j] in self._absent_helpers:
                j += 1
            if j < len(words) and words[j] in self._heard:
                # "read" only with "about" or "of": "I read it out to them" is the speaker's own doing.
                about = j + 1 < len(words) and words[j + 1] in self._about_of
                rest = words[j + 2:j + 3] if about else words[j + 1:j + 2]
                if rest and rest[0] in self._that_was and (about or words[j] != self._read):
                    return True
            if j >= len(words) or not (words[j] in self._denials or words[j] in self._not_words):
                continue
            j += 1
            while j < len(words) and words[j] in self._absent_helpers:
                j += 1
            if j < len(words) and words[j] in self._presence:
                return True
            if j + 1 < len(words) and words[j] in self._on_in and words[j + 1] in self._joined_by:
                return True
        return False

    def _quoted_with_like(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether someone else's words are quoted before the match with "like": "she's always like, we decided this".

        "He", "she", "they" or a name, a form of "be" (softeners such as
        "always" aside) and "like" before a comma, colon or quotation mark,
        in the match's sentence before it: the quotative "like", with which
        "we" and "I" after it are the quoted person's.  Not "It's like, we
        all decide", nor the speaker quoting themself ("I'm like, …").
        """
        first, _ = sentence
        start, _ = match
        for i in range(first + 2, start - 1):
            if lowers[i] != self._like or lowers[i + 1] not in self._quote_marks:
                continue
            be = i - 1
            while be > first and lowers[be] in self._like_softeners:
                be -= 1
            if (lowers[be] not in self._be and lowers[be] not in self._am) or be == first:
                continue
            subject = lowers[be - 1]
            if subject in self._quoting_subjects or self._name(subject) or (be >= first + 2 and lowers[be - 2] in self._owners):
                return True
        return False

    def _quoted_from_someone_else(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the match is inside someone else's words in quotation marks: "Gav's always going, 'we choose the exhibitions.'".

        The nearest quotation mark before the match in its sentence opens the
        sentence (fillers aside) or follows a comma, a colon or a quoting verb
        (:data:`_REPORTING`, :data:`_QUOTING`: "They go 'we value …'"); inside
        the marks "we" and "I" are the quoted person's.  Whose words they are is
        read before the marks (the quoting verb's subject: "he", "she", "they",
        a name, "my daughter", "the manager") or after the closing mark ("…,'
        that's what Pauline told the man", "…,' she said").  Not the speaker
        quoting themself ("I said, 'we run it now'"), nor words nobody is said
        to have spoken, nor words to the speaker about them ("Manager said me,
        'you are the expert'": the speaker's experience, as a report about the
        speaker is), and not when the speaker bears them out after
        (:meth:`_confirmed`: "…,' and to be fair we do").  Words quoted to open
        the sentence and then named as words (:meth:`_named_as_words`: "'We
        decide together' is on the website") are someone else's too.  From
        corpus 6's, 7's and 8's tuning halves.
        """
        first, stop = sentence
        start, end = match
        if self._quotation_marks.isdisjoint(lowers[first:start]) and not (first > 0 and lowers[first - 1] in self._quotation_marks):
            return False  # no quotation mark before the match (most sentences): nothing quoted
        opening = next((i for i in range(start - 1, first - 1, -1) if lowers[i] in self._quotation_marks), None)
        if opening is None and first > 0 and lowers[first - 1] in self._quotation_marks:
            opening = first - 1  # the sentencizer leaves a quotation opening a later sentence at the end of the one before
        if opening is None:
            return False
        lead = [w for w in lowers[first:opening] if w not in self._fillers and w != self._comma]
        if lead and lowers[opening - 1] not in (self._comma, self._colon) and lowers[opening - 1] not in self._quoting:
            return False  # an apostrophe within the words ("an' that"), not a quotation opening
        closing = next((i for i in range(end, stop) if lowers[i] in self._quotation_marks), None)
        named = closing is not None and not lead and self._named_as_words(lowers, closing + 1, stop)
        if closing is not None and closing + 1 < stop and not self._closes_quotation(lowers, closing + 1, stop) and not named:
            return False  # "…in' the …": an apostrophe, not the quotation closing
        if not self._second_person.isdisjoint(lowers[opening:closing if closing is not None else stop]):
            return False  # "Manager said me, 'you are the expert'": words to the speaker about them are the speaker's experience
        whose = self._quoted_by(lowers, first, opening)
        if whose is None and closing is not None:
            whose = self._quoted_by_after(lowers, closing + 1, stop)
        if whose is None and named:
            whose = "other"
        if whose != "other":
            return False
        after = closing + 1 if closing is not None else stop
        return not self._confirmed(lowers, after, stop, next_sentence)

    def _named_as_words(self, lowers: Sequence[int], after: int, stop: int) -> bool:
        """Whether words in quotation marks opening the sentence are then named as words: "'We decide together' is on the website".

        A form of "be" follows the closing mark, and the speaker is not in the
        rest of the sentence ("'We decide together' is what we always say"
        is the speaker's own).
        """
        return after < stop and lowers[after] in self._be and self._first_person.isdisjoint(lowers[after:stop])

    def _closes_quotation(self, lowers: Sequence[int], after: int, stop: int) -> bool:
        """Whether the word after a quotation mark shows the mark closing a quotation: a closer, a comma, "but", "she said", "Dave told …"."""
        word = lowers[after]
        if word in self._closers or word == self._comma or word in self._quoting_after:
            return True
        return self._name(word) and after + 1 < stop and lowers[after + 1] in self._quoting

    def _quoted_by(self, lowers: Sequence[int], first: int, opening: int) -> str | None:
        """Who speaks the words in quotation marks opening at ``opening``, read before them: ``"speaker"``, ``"other"`` or None.

        Between the quoting verb and the marks may stand whom it was said to or
        where ("told the council,", "said to the vicar,", "wrote in the
        newsletter:"), up to four words.
        """
        i = opening - 1
        while i >= first and (lowers[i] in (self._comma, self._colon) or lowers[i] in self._quote_addressees):
            i -= 1
        if i >= first and lowers[i] not in self._quoting:
            verb = next((k for k in range(i - 1, max(first, i - 4) - 1, -1) if lowers[k] in self._quoting), None)
            between = lowers[verb + 1:i + 1] if verb is not None else ()
            if verb is None or not all(w in self._addressee_words or self._name(w) or k == len(between) - 1 for k, w in enumerate(between)):
                return None
            i = verb
        if i < first or lowers[i] not in self._quoting:
            return None
        return self._subject_of_quote(lowers, first, i)

    def _quoted_by_after(self, lowers: Sequence[int], i: int, stop: int) -> str | None:
        """Who spoke the words in quotation marks closing before ``i``, read after them: "…,' that's what Pauline told him", "…,' she said"."""
        while i < stop and lowers[i] == self._comma:
            i += 1
        for phrase in self._thats_what_said:
            if self._at(lowers, i, phrase, stop):
                i += len(phrase)
                break
        if i + 1 >= stop:
            return None
        if lowers[i] in self._quoting:  # "…,' says Pauline"
            who = lowers[i + 1]
            return "speaker" if who in self._first_person else ("other" if self._name(who) or who in self._quoting_subjects else None)
        k = i
        while k < stop and k < i + 4 and lowers[k] not in self._quoting:
            k += 1
        if k >= stop or k == i or lowers[k] not in self._quoting:
            return None
        return self._subject_of_quote(lowers, i, k)

    def _subject_of_quote(self, lowers: Sequence[int], first: int, verb: int) -> str | None:
        """The subject of the quoting verb at ``verb`` (softeners such as "always" and "'s" aside): the speaker, someone else, or None."""
        j = verb - 1
        while j >= first and lowers[j] in self._quote_softeners:
            j -= 1
        if j < first:
            return None
        while j - 2 >= first and lowers[j - 1] == self._hyphen:
            j -= 2  # "my daughter-in-law goes": the compound's first word and what stands before it
        subject = lowers[j]
        if subject in self._first_person:
            return "speaker"
        if subject in self._quoting_subjects or self._name(subject) or subject in self._person_nouns or subject in self._staff:
            return "other"
        if j > first and lowers[j - 1] in self._owners | self._thing_openers:
            return "other"  # "my daughter-in-law says", "the manager goes"
        return None

    def _before_against_now(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether a sentence opened by "before" is answered by a next one opened by "now": "Before the new manager, we are asking … Now new manager, he says no."

        Then set against now in so many words, whatever the tense (speakers of
        English as a second language often tell the past in the present); the
        next sentence opens with "now", "nowadays" or "these days", fillers
        aside, and no "now" comes between "before" and the match.  "Before the
        session I put the chairs out. Then we start." stays current.
        """
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        if opening >= start or lowers[opening] not in self._before or not self._nows.isdisjoint(lowers[opening:start]):
            return False
        words = [w for w in next_sentence if w not in self._fillers or w in self._nows][:2]
        return bool(words) and self._now_length(words, 0, len(words), bare=True) > 0

    def _where_someone_said(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match only names where someone else said something: "Someone in the group chat said …".

        Two shapes, from corpora 8's and 9's tuning halves (four texts by
        three writers): the match inside the subject of a reporting verb, after
        "in", "on", "at" or "from" ("People in the group chat keep saying …",
        "Somebody at peer support said …"), and the match opening its clause
        after such a word with a subject of its own before the verb ("On the
        group chat someone said …").  Neither with the speaker in the subject:
        "We in the group chat said no" and "On the group chat we said" are the
        speaker's own.
        """
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start)
        before = lowers[opening:start]
        # The match right after "in", "on", "at" or "from", or one word on ("in the", "on that").
        if len(before) >= 1 and before[-1] in self._at_in_on:
            place = len(before) - 1
        elif len(before) >= 2 and before[-2] in self._at_in_on:
            place = len(before) - 2
        else:
            return False
        if not self._first_person.isdisjoint(lowers[opening:stop]):
            return False  # "Everyone in the group chat said yes, me included"
        # "Someone in <match> said": the subject is before the match; "On <match> someone said": after it.
        subject_before = any(w not in self._fillers for w in before[:place])
        k = end
        limit = min(stop, end + (3 if subject_before else 6))
        while k < limit and lowers[k] not in self._reporting:
            if lowers[k] in self._clause_breaks or lowers[k] in self._first_person:
                return False
            k += 1
        if k >= limit:
            return False
        between = [w for w in lowers[end:k] if w not in self._said_helpers]
        return bool(between) != subject_before  # a subject of its own after the match, or before it

    def _sent_on(self, next_sentence: Sequence[int]) -> bool:
        """Whether the next sentence, whole, sends the offer on to someone else: "I told them to find someone younger."

        "(So / And) I told them (her, him, 'em) to" and then "find", "ask",
        "pick", "get" or "give it (them) to", then "someone" or "somebody" and
        "else" or "younger", and nothing after.  Only as a sentence of its own
        after the match's: "I've chaired it for years and I told them to find
        someone younger" has chaired it, and "I told them to find someone to
        take the minutes" asks for help.  Corpus 8's tuning half; a reviewer's
        probes kept it to the next sentence.
        """
        if self._told_word not in next_sentence:
            return False  # no "told" (most): nothing sent on
        words = [w for w in self._trim(next_sentence) if w != self._comma]
        i = 0
        while i < len(words) and words[i] in self._fillers:
            i += 1
        if words[i:i + 2] != [self._i, self._told_word] or i + 3 >= len(words) or words[i + 2] not in self._sent_to or words[i + 3] != self._to:
            return False
        rest = words[i + 4:]
        if rest[:1] and rest[0] in self._sending_verbs:
            rest = rest[1:]
            if rest[:2] and rest[0] in self._it_them and rest[1] == self._to:
                rest = rest[2:]
        return len(rest) == 2 and rest[0] in self._someone and rest[1] in self._else_younger

    def _offer_handed_on(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int]
    ) -> bool:
        """Whether an offer made before the match is handed on or swapped in the two sentences after it: "Gave it to young Tama."

        The match's sentence makes the speaker an offer before the match ends (:meth:`_offered`, or
        someone "wanted me on" / "as" / "for" something: "I run the café and they asked me to do
        Fridays" keeps the café), and a clause of the next two sentences, the speaker or no subject
        first, only passes, gives "it" on to someone or gives something "instead"
        (:meth:`_hands_on`).  Not once the speaker has said yes ("I said yes", "I did it", "we
        joined"), nor in a sentence that asks or quotes ("Gave it to Priya? No way.", '"Give it to
        someone younger," my wife said').  From corpus 10's tuning half, narrowed by a reviewer's probes.
        """
        first, stop = sentence
        limit = min(stop, match[1] + 2)
        if not (self._offered(lowers, first, limit) or self._wanted_in_role(lowers, first, limit)):
            return False
        if not self._quotation_marks.isdisjoint(next_sentence) or not self._quotation_marks.isdisjoint(later):
            return False  # a quotation closes its sentences early: whose words the handing on is, is not known
        heard = list(lowers[match[1]:stop])  # what the speaker said between the offer and the handing on
        sentences = list(self._sentences_of([*next_sentence, *later]))
        for k, words in enumerate(sentences[:2]):
            if self._question in words:
                return False
            clauses = list(self._clauses_at_stops(words))
            for opening, clause in enumerate(clauses):
                if self._accepted(heard):
                    return False
                if self._hands_on(clause, opening=opening == 0, heard=heard):
                    # "… Then I changed my mind and I'm chair now.": a yes later in the turn undoes the refusal.
                    return not self._came_round([w for c in clauses[opening + 1 :] for w in c] + [w for s in sentences[k + 1 :] for w in s])
                heard.extend(clause)
        return False

    def _came_round(self, words: Sequence[int]) -> bool:
        """Whether the speaker takes the offer on after all, later in the turn: "Then I changed my mind", "I said yes", "I agreed".

        "I" or "we", at most one word between ("Then I finally agreed"), and a phrase of ``came round`` rows
        (:meth:`_offer_handed_on`). Someone else's yes ("They asked Tom and he said yes") is not the speaker's.
        """
        return any(
            word in self._speaker_subjects and any(self._at(words, at, phrase, len(words)) for at in (i + 1, i + 2) for phrase in self._came_round_phrases)
            for i, word in enumerate(words)
        )

    def _wanted_in_role(self, lowers: Sequence[int], first: int, stop: int) -> bool:
        """Whether someone "wanted me on" the board, "wants us as" helpers or "for" a panel: an offer of a place (not "asked me for my views")."""
        if self._wanting_forms.isdisjoint(lowers[first:max(first, stop - 2)]):
            return False  # no word of wanting where one could start the three words (most sentences)
        return any(
            lowers[i] in self._wanting_forms and lowers[i + 1] in self._objects and lowers[i + 2] in self._role_prepositions
            for i in range(first, stop - 2)
        )

    def _accepted(self, words: Sequence[int]) -> bool:
        """Whether the speaker says yes in ``words``: "yes", "glad", "did it", or "I" / "we" and, a helper aside, "did", "joined", "agreed" …."""
        if not self._yes_glad.isdisjoint(words) or any(a == self._did_word and b in self._it_them for a, b in zip(words, words[1:])):
            return True  # "… yes", "Did it on the laptop"
        return any(
            word in self._speaker_subjects and any(w in self._acceptances for w in words[i + 1:i + 3]) for i, word in enumerate(words)
        )

    def _clauses_at_stops(self, words: Sequence[int]) -> Iterator[list[int]]:
        """The parts of a sentence between semicolons and colons (commas dropped)."""
        clause: list[int] = []
        for word in [*words, self._semicolon]:
            if word == self._semicolon or word == self._colon:
                yield clause
                clause = []
            elif word != self._comma:
                clause.append(word)

    def _hands_on(self, clause: Sequence[int], *, opening: bool, heard: Sequence[int] = ()) -> bool:
        """Whether a clause, the speaker or no subject first, only passes or hands the thing on (:meth:`_offer_handed_on`).

        "Pass" alone or "Hard pass" only opening its sentence ("Did the exam in March: pass." is a
        result); "it" given (on or over) to someone who is not the people who asked ("them", "her") and
        with no time or manner after ("Gave it to Dev after the first meeting", "… to the next lot on
        Friday": done, then passed on); something given or sent "instead", the clause's last word
        ("instead of scones" is the same job done otherwise).
        """
        i = 0
        while i < len(clause) and clause[i] in self._fillers:
            i += 1
        if i < len(clause) and clause[i] in self._speaker_subjects:
            i += 1
            while i < len(clause) and clause[i] in self._passing_auxiliaries:
                i += 1
        rest = list(clause[i:])
        if rest == [self._pass] or rest == [self._hard, self._pass]:
            return opening
        if self._passed_bare(clause, i, opening=opening, heard=heard) or self._deflects(rest):
            return True
        if len(rest) < 3 or rest[0] not in self._handing:
            return False
        if rest[1] in self._it_them:
            to = 3 if rest[2] in self._on_over and len(rest) > 3 else 2
            if rest[to] == self._to and to + 1 < len(rest):
                return rest[to + 1] not in self._askers_back and self._not_then.isdisjoint(rest[to + 1:to + 5])  # "gave it to Mere"
        return rest[-1] == self._instead  # "gave them our photos instead"

    def _deflects(self, rest: Sequence[int]) -> bool:
        """Whether the words after the speaker send the offer on to others: "Leave it to the young ones.", "I'd rather let someone else have a go." (:meth:`_hands_on`).

        A refusal by deflection: "leave it to" or "keep it for" someone, or "let" someone "have a go" (a turn, a shot)
        or "do it", the whole of the clause but for "rather" before it and "I said" after it ("Leave it to the young
        ones, I said."), or said as "said" / "told them to" it ("I told them to keep it for the young ones"). The
        others are at most four words and not the speaker ("leave it to us" takes it on; "let us have a go" asks for
        it). What goes on after the others is something else ("We let the young ones have a go at the stall"). From
        corpus 17's tuning half, where the speakers turned offers down by handing them to "the young ones".
        """
        words = list(rest)
        if words[-2:] in ([self._i, self._said_word], [self._i, self._told_word]):
            words = words[:-2]
        if words[:1] == [self._said_word]:
            words = words[1:]
        elif words[:1] == [self._told_word] and len(words) > 2 and words[2] == self._to:
            words = words[3:]
        if words[:1] == [self._rather]:
            words = words[1:]
        if len(words) < 4:
            return False
        head = tuple(words[:3])
        if head in self._deflections:
            others = words[3:]
        elif words[0] == self._let_word:
            tail = next((t for t in self._deflected_turns if tuple(words[len(words) - len(t):]) == t), None)
            others = words[1 : len(words) - len(tail)] if tail is not None else []
        else:
            return False
        # "I let my nephew do it": the speaker's relative is someone else (stop 55); "our" may hold the speaker.
        if others and others[0] == self._my and len(others) >= 2:
            others = others[1:]
        return 1 <= len(others) <= 4 and self._first_person.isdisjoint(others)

    def _passed_bare(self, clause: Sequence[int], rest: int, *, opening: bool, heard: Sequence[int] = ()) -> bool:
        """Whether the clause is the speaker saying, in the past, that they passed: "I passed.", "So I passed on it." (:meth:`_hands_on`).

        Only with the speaker named ("I", "we") and nothing after but "on it" or "on that": "Passed." alone, like
        "Did the exam in March, passed", is a result, and "I passed my test" or "I passed the leaflets round" are
        things done; nor after a test named since the offer (``heard``, ``passed test`` rows: "I had to do the
        course first. I passed." is a result, a review's probes). From corpus 17's tuning half ("They wanted me on
        the steering thing, with a vote … I passed.").
        """
        if not opening or rest == 0 or clause[rest - 1] not in self._speaker_subjects or not self._passed_tests.isdisjoint(heard):
            return False
        words = list(clause[rest:])
        return words == [self._passed] or (len(words) == 3 and words[0] == self._passed and words[1] == self._on_word and words[2] in self._it_that)

    def _said_after(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int],
        later: Sequence[int] = (), *, denied: bool = False, open_rows: bool = True,
    ) -> str | None:
        """The category a ``previous`` row gives the match's sentence, said after it: "… Not any more.", "… Not for me."

        The one reading of every ``previous`` row, whatever its category.  Speakers often give a sentence its status
        in a short one after it: "They asked us what we wanted for the garden. Not any more." (historical), "I said
        last time they'd let us run the rota. Still not." (negated), "We share the decisions. Well, we're meant to."
        (hypothetical), "They asked me again to sit on the panel, and no." (declined), "The allotment lot share out
        the seeds. Not for me, all that digging." (other: the speaker sets themself apart).  Where it may be said is
        :meth:`_said_places` (a clause after the match closing its sentence, the next sentence of the turn, the one
        after that); how it must fit is :meth:`_said_whole` (the row's phrase the
        whole of it, or opening it with at most the row's window of words after).  The first place holding a phrase
        decides; then nothing is said after when: the phrase is reported from someone else ("Not now, she says.":
        hers, the speaker's sentence stays as said; a plan keeps its row, "That's her plan, she says."); the closing
        clause has its own subject first ("…, but the council, still not": the council's).  And by what the category
        means: a phrase that denies, after a sentence that already denies, carries the denial on ("I haven't really
        made friends, not yet.", "They don't ask us. Not any more." stay the speaker's present); a sentence saying
        "now" keeps its present against a past ("We run the rota ourselves now. Not any more."); a refusal needs the
        speaker asked or offered (:meth:`_said_asked`); someone else's needs the speaker out of the match's clause
        ("We vote on everything. Not for me, all them meetings, but I go."), as every ``other`` trigger does, and
        after a sentence that asks it is the speaker's answer ("Lonely? Not me.", which the answer rules read); a
        status said in the sentence after the next belongs to the next, while setting oneself apart reaches over a
        sentence between that is not the speaker's (the account of others goes on: "… swap veg. My nan's on it. I'm
        not really.").
        ``denied`` (an indicator that is its own denial, "no longer them and us"): a denying phrase of the past denies
        it now, "negated", as "It's not them and us any more" does.  ``open_rows``: whether the words in reach hold a
        rarest word of a row with a window (false only saves the look; the caller's cue bits know).
        """
        first, stop = sentence
        for words, begin, end, break_at in self._said_places(lowers, sentence, match, next_sentence, later, open_rows=open_rows):
            said = self._said_whole(words, begin, end)
            if said is None or (break_at is not None and said in self._said_sentence_only):
                continue
            category = self._said_rows[said]
            if self._said_reported(words, begin, end) and category != "hypothetical":
                return None
            if break_at is None:
                if category == "other" and self._ends_with_question(lowers, first, stop):
                    return None  # "Lonely? Not me.": the speaker answering a question about them, read by the answer rules
                if words is later and (category != "other" or any(self._speaker_at(next_sentence, i, 0, len(next_sentence)) for i in range(len(next_sentence)))):
                    # A status belongs to the sentence right before it ("The co-presented ones, the carers shaped it. But
                    # with employers, no. Still no.": the employers'); setting oneself apart covers the account of others
                    # before it, over a sentence not the speaker's ("… swap veg. My nan's on it. I'm not really.").
                    return None
                reach = stop
            else:
                own = next((j for j in range(break_at - 1, match[1] - 1, -1) if lowers[j] in self._said_own_subject), None)
                if own is not None and any(w != self._comma and w not in self._fillers for w in lowers[own + 1 : break_at]):
                    return None  # "…, but the council, still not": the closing clause is about its own subject
                if self._said_rows[said] == "other" and (
                    not self._second_person.isdisjoint(lowers[first:break_at]) or not self._quotation_marks.isdisjoint(lowers[first : match[0]])
                ):
                    return None  # 'Manager said me, "you are the expert, not me."': a contrast said to the speaker, in quotes
                if self._said_rows[said] == "other" and self._speaker_in_short_clause(lowers, match[1], break_at + 1):
                    return None  # "Everyone votes on the menu, me too, not here though, at the club." (review of stop 59)
                reach = break_at
            break
        else:
            return None
        if said in self._said_denying and not self._said_denials.isdisjoint(lowers[first:reach]):
            return None
        if category == "historical" and not self._nows.isdisjoint(lowers[first:reach]):
            return None  # "We run the rota ourselves now. Not any more.": the sentence says its own time
        if category == "declined" and not self._said_asked(lowers, first, reach):
            return None  # "We asked if we could run the rota ourselves, but no.": someone else refused
        if category == "other" and self._speaker_in_clause(lowers, sentence, match):
            return None  # "We vote on everything. Not for me, all them meetings, but I go.": the speaker's own vote
        if denied and category == "historical" and said in self._said_denying:
            return "negated"  # "It's them and us, no longer." as "It's not them and us any more"
        return category

    def _said_places(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int],
        later: Sequence[int], *, open_rows: bool,
    ) -> Iterator[tuple[Sequence[int], int, int, int | None]]:
        """Where a status may be said after the match (:meth:`_said_after`): the one definition, for every category.

        In order: each clause after the match that runs to the end of its sentence, opened by a break (a comma, ";",
        ":", a dash, "(", dots, "and" or "but"; "and" and "but" belong to it, so a row may hold them: "and no"), the
        last first; the next sentence of the same turn; the sentence after it (the caller reads only someone else's
        there, and only when the next is not the speaker's).  Each as (words, first, stop, the break's position in
        the sentence or None).  A place no row could fill is passed over without being yielded: a row without a
        window must end where the place ends (its last word, closing words off), one with a window needs its rarest
        word in the place (``open_rows``: in reach at all, the caller's cue bit), so the breaks are visited only then.
        """
        _, stop = sentence
        end = match[1]
        cues = self._said_open_cues if open_rows else frozenset()
        closing = self._said_end(lowers, end, stop)
        if closing > end and (lowers[closing - 1] in self._said_lasts or not cues.isdisjoint(lowers[end:closing])):
            for p in range(closing - 1, end - 1, -1):
                if lowers[p] in self._said_breaks:
                    yield lowers, (p if lowers[p] in self._said_words else p + 1), stop, p
        for place, words in enumerate((next_sentence, later)):
            if not words:
                continue  # no place there (no sentence after, or none after the next)
            stop = self._sentence_end(words) if place else len(words)
            closing = self._said_end(words, 0, stop)
            if closing > 0 and (words[closing - 1] in self._said_lasts or not cues.isdisjoint(words[:closing])):
                yield words, 0, stop, None

    def _sentence_end(self, words: Sequence[int]) -> int:
        """Where the first sentence of ``words`` (the sentences after the next) ends: after its closing marks."""
        return next((i for i in range(1, len(words)) if words[i - 1] in self._closers and words[i] not in self._closers), len(words))

    def _said_asked(self, words: Sequence[int], first: int, stop: int) -> bool:
        """Whether ``words[first:stop]`` asks or offers the speaker something to do: "They asked me again to sit on the panel".

        An offer word (``offer`` rows) or an asker (:data:`_OFFER_ASKERS`) with "me" or "us" straight
        after it ("offered us", "wanted me to"; an asker needs "to" within five words, not "asked us what we
        thought"), or after "was", "were", "been" or "got" with the speaker before ("I was asked to join").
        """
        for i in range(first, stop):
            w = words[i]
            offer = w in self._offer_words
            if not offer and w not in self._offer_askers:
                continue
            if i + 1 < stop and words[i + 1] in self._said_me_us:
                rest = words[i + 2 : min(stop, i + 7)]
                if offer or (self._to in rest and not (rest and rest[0] in self._said_not_to)):
                    return True
            elif i > first and words[i - 1] in self._said_passive and not self._first_person.isdisjoint(words[first : i - 1]):
                if offer or self._to in words[i + 1 : min(stop, i + 4)]:
                    return True
        return False

    def _said_end(self, words: Sequence[int], first: int, stop: int) -> int:
        """Where the words from ``first`` to ``stop`` end, closing marks, :data:`_SAID_TAILS` and comma-led :data:`_SAID_COMMA_TAILS` left off."""
        while stop > first:
            last = words[stop - 1]
            if last in self._closers or last in self._said_tails:
                stop -= 1
            elif last in self._said_comma_tails and stop - 2 >= first and words[stop - 2] == self._comma:
                stop -= 2  # "…, sadly", "…, no"
            elif stop - 4 >= first and last == self._said_afraid[-1] and tuple(words[stop - 3 : stop]) == self._said_afraid and words[stop - 4] == self._comma:
                stop -= 4  # "…, I'm afraid"
            else:
                break
        return stop

    def _said_reported(self, words: Sequence[int], first: int, stop: int) -> bool:
        """Whether the words closing ``words[first:stop]`` (:meth:`_said_end`) report someone else's: "…, she says"."""
        return not self._said_reports.isdisjoint(words[self._said_end(words, first, stop) : stop])

    def _said_whole(self, words: Sequence[int], first: int, stop: int) -> tuple[int, ...] | None:
        """The ``previous`` row's phrase said in ``words[first:stop]`` (one place of :meth:`_said_places`), or None.

        Closing marks and closing words are left off its end first (:meth:`_said_end`: "…, though", ", she says",
        ", sadly", ", erm").  Commas and up to five fillers (hesitations among them) or an "it's" / "that's" may open
        it ("Er, well, no, not now."; "like" only before a comma: "…, like we're meant to" compares), each tried as
        part of the phrase first ("that's the plan").  The phrase must then be the whole of the rest, or open it with at most the row's
        window of words after ("Not since Covid.", window 3; "Not for me, all that digging."), unless it goes on
        into a ``pseudo`` row of direction previous ("It's not for me to say …", "not my place to").
        """
        stop = self._said_end(words, first, stop)
        if stop <= first:
            return None
        closed = words[stop - 1] in self._said_lasts
        if not closed and not self._said_open:
            return None
        i, openers = first, 0
        while openers <= 5:
            if i >= stop:
                return None
            if closed:
                phrase = tuple(words[i:stop])
                if phrase in self._said_rows:
                    return phrase
            for opened, more in self._said_open.get(words[i], ()):
                if stop - i - len(opened) <= more and tuple(words[i : i + len(opened)]) == opened:
                    if any(tuple(words[i : i + len(other)]) == other for other in self._said_not):
                        return None  # "It's not for me to say if that's fair": deference, not setting oneself apart
                    return opened
            w = words[i]
            if w == self._comma:
                i += 1
            elif w in self._fillers and (w != self._like_word or (i + 1 < stop and words[i + 1] == self._comma)):
                i, openers = i + 1, openers + 1
            elif w in self._said_its and i + 1 < stop and words[i + 1] in self._said_is:
                i, openers = i + 2, openers + 1
            else:
                return None
        return None

    def _bare_not(self, words: Sequence[int]) -> bool:
        """Whether a sentence in ``words`` is only "Not.", with nothing but short verbless repeats before it: irony taking the claim back.

        "They're always asking what we think. Every day, non-stop. Not." takes
        the claim back; "I run the bingo. People think I'd be sick of it by now.
        Not." answers what people think (a sentence with a subject between).
        """
        if self._not not in words:
            return False
        for sentence in self._sentences_of(words):
            body = [w for w in sentence if w not in self._fillers and w != self._comma]
            if body == [self._not]:
                return True
            if len(body) > 4 or not self._finite.isdisjoint(body) or not self._reporting.isdisjoint(body) or not self._knowing.isdisjoint(body):
                return False  # a sentence of its own in between: the "Not." answers it
        return False

    def _echo_or_question(self, lowers: Sequence[int], sentence: tuple[int, int]) -> bool:
        """Whether the sentence only names something (no subject, no verb form of :data:`_FINITE`: "Time credits.") or asks."""
        first, stop = sentence
        return self._ends_with_question(lowers, first, stop) or self._finite.isdisjoint(lowers[first:stop])

    def _never_heard_of(self, words: Sequence[int]) -> bool:
        """Whether the next sentence is only the speaker not knowing of it: "Never heard of them.", "I've not heard of that, no."

        Fillers aside, an optional "I" (and "'ve" / "have"), a denial ("never", "not", "n't"), an
        optional "even", "heard of" and "it", "them", "that", "those" or "this", and then nothing but
        softeners, a "no" or an aside ("to be honest", "mind"; not "though", which after a claim is surprise): the speaker answers that the thing named does not reach them.  Not
        "Never heard of them till I joined" (a clause after it tells when it did reach them).  From
        corpus 9's tuning half ("Time credits. Never heard of them."); only after a sentence that
        names the thing or asks about it (:meth:`_echo_or_question`): after "We've got a sitting
        service now." the same words say it was new to the speaker, and after "… some outfit called
        Fairshare." they are about the outfit (a reviewer's probes).
        """
        body = [w for w in self._trim(words) if w != self._comma]
        i = 0
        while i < len(body) and body[i] in self._fillers:
            i += 1
        if i < len(body) and body[i] == self._i:
            i += 1
        if i < len(body) and body[i] in self._have_forms:
            i += 1
        if not (i < len(body) and (body[i] in self._denials or body[i] in self._not_words)):
            return False
        i += 1
        if i < len(body) and body[i] == self._even:
            i += 1
        if body[i:i + 2] != [self._heard_word, self._of] or i + 2 >= len(body) or body[i + 2] not in self._known_things:
            return False
        return all(w in self._softeners or w in self._denials or w in self._aside_tails for w in body[i + 3:])

    def _ending_sentence(self, words: Sequence[int]) -> bool:
        """Whether one of the sentences in ``words`` is only an ending: "Gone.", "All gone.", "Scrapped.", "It's over."."""
        for sentence in self._sentences_of(words):
            body = [w for w in sentence if w not in self._fillers and w not in self._its and w != self._all and w != self._comma]
            if len(body) == 1 and body[0] in self._whole_endings and len(sentence) <= 4:
                return True
        return False

    def _sentences_of(self, words: Sequence[int]) -> Iterator[list[int]]:
        """The sentences of ``words`` (the turn's next ones, as hashes), each without its closing mark; one after each closer."""
        sentence: list[int] = []
        for word in [*words, self._stop]:
            if word in self._closers:
                yield sentence
                sentence = []
            else:
                sentence.append(word)

    def _stopped_doing(self, words: Sequence[int]) -> bool:
        """Whether "stopped" and an "-ing" form follow the speaker, "they" or "it" in ``words``: "They stopped asking", "we stopped meeting"."""
        strings = self.nlp.vocab.strings
        for i, word in enumerate(words[1:-1], start=1):
            if word == self._stopped and strings[words[i + 1]].endswith("ing") and self._subject_before(words, i) in self._stoppers:
                return True
        return False

    def _no_longer(self, words: Sequence[int], *, speaker: bool = False) -> bool:
        """Whether "anymore", "any more" or "no longer" ends the account in ``words``: "they didn't need me anymore", "it no longer runs".

        The words before it (six at most) take the account up: the people in
        it or the thing itself ("they", "we", "me", "it", "there"), and for
        "anymore" a denial: not "I don't worry about the bus anymore", news of
        something else.
        """
        account = self._account | {self._i} if speaker else self._account
        for i, word in enumerate(words):
            before = words[max(0, i - 6):i]
            if word == self._no and i + 1 < len(words) and words[i + 1] == self._longer:
                after = words[i + 2:i + 5]
                if not account.isdisjoint(before) or not account.isdisjoint(after):
                    return True
            more = word == self._anymore or (word == self._any and i + 1 < len(words) and words[i + 1] == self._more)
            if more and not self._not_since.isdisjoint(before) and not account.isdisjoint(before):
                return True
        return False

    def _opened_by_someone_else(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence opens on someone described, who is not the speaker, and the speaker is nowhere in it.

        "My cousin in Bristol she is volunteer in food bank and …, everybody is
        voting", "Our Siobhan's wee one goes to a Sure Start and the parents
        there are on the management board, proper votes and all": the whole
        sentence tells of them, so a match in a later clause is theirs too, not
        only one in the opening clause (:meth:`_someone_elses_clause`).
        Someone *described* (a ``subject`` row of two words or more, "his",
        "her" or "their" and a noun, "my mum" or "our Gareth", a noun phrase
        about people), not a name or a bare "he"/"she", who are as often the
        speaker's own group or the staff; not the staff ("The manager's lovely,
        proper listening"); and not with the speaker anywhere else in the
        sentence ("My mum came along and we all voted").
        """
        first, stop = sentence
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        if opening >= start or lowers[opening] in self._one_person or lowers[opening] == self._they or self._name(lowers[opening]):
            return False
        subject_end = self._subject_end(lowers, opening, start) or self._people_end(lowers, opening, start)
        if subject_end is None or subject_end >= start or lowers[subject_end - 1] in self._staff or self._their_staff_at(lowers, subject_end, start):
            return False
        if subject_end - opening < 2:
            return False  # one word of a subject row ("he", "she"): not someone described
        return not any(self._speaker_at(lowers, i, first, stop) for i in (*range(first, opening), *range(subject_end, stop)))

    def _their_staff_at(self, lowers: Sequence[int], position: int, limit: int) -> bool:
        """Whether "'s" and the staff who see to someone follow ``position``: "My husband's consultant", "my son's key worker"."""
        return position + 1 < limit and lowers[position] in self._possessive_marks and lowers[position + 1] in self._their_staff

    def _reason_in_condition(self, lowers: Sequence[int], t_end: int, cut: int) -> bool:
        """Whether the terminator at ``cut`` is "because", "cos" or "'cause" inside the clause an "if", "imagine" or
        "suppose" trigger ending at ``t_end`` opens, no comma between (review of stop 57).

        "If the cafe shut because we voted to close it, I'd be gutted": the reason is part of the condition, and the
        condition's reach goes on through it. After the condition's comma the reason is the speaker's own ("If I'm being
        candid, …, because they needed job outcomes"), and a reason row ends the reach there as before.
        """
        return lowers[cut] in self._reasons and self._comma not in lowers[t_end:cut]

    def _reason_to_come(self, lowers: Sequence[int], cut: int, start: int, end: int) -> bool:
        """Whether the terminator at ``cut`` is "because", "cos" or "'cause" giving a reason still to come in the clause
        of the match (``start`` to ``end``): "will", "'ll", "shall", "would", "might", "gonna" or "going to" after the
        last clause break or "and" before the match (stop 58).

        "Hopefully next year, because we'll vote on the menu then": the reason is itself hoped for, so the hope's reach
        goes on through it. A reason said as it is ("I'd have joined because nobody asked me when I was sixteen") still
        ends the reach; "'d" is left out, as often "had" ("because we'd been asked") as "would". So does a clause of
        its own after the reason to come: "I hope so, because they'll let us run it and we already vote on the menu"
        (review of stop 58).
        """
        if lowers[cut] not in self._reasons:
            return False
        opens = next((i + 1 for i in range(start - 1, cut, -1) if lowers[i] in self._clause_breaks or lowers[i] == self._and), cut + 1)
        reason = lowers[opens:end]
        if not self._to_come.isdisjoint(reason):
            return True
        return any(word == self._going and following == self._to for word, following in zip(reason, reason[1:]))

    @staticmethod
    def _contrasted(end: int, stop: int, terminators: dict[str, list[int]], category: str) -> bool:
        """Whether a terminator of ``category`` ("now", "this year") follows the match in its sentence.

        A ``contrast`` trigger ("last spring") counts only then: "Last spring
        the group had a vote, this year it's a chat" sets the vote in the past,
        "Last spring we decided to scrap the fee" reports this wave's news.
        """
        return any(end <= c < stop for c in terminators.get(category, []))

    def _contrasted_next(self, next_sentence: Sequence[int], category: str) -> bool:
        """Whether the next sentence opens with a terminator of ``category`` and tells an ending or a denial: "… This year the club is closed."

        "Last summer I organise the rides. This year the club is closed." and
        "… Now nobody asks us." set the account in the past; "Last month we
        planned the trip. Now we're running it." does not (no ending, no
        denial), nor a denial of stopping or a longer denial ("Now I'd never
        miss it", "it never stops", "Now I'm not just doing rides, …").  A
        reviewer's probes narrowed it.
        """
        if not next_sentence:
            return False
        words = list(next_sentence)
        opening = 0
        while opening < len(words) and words[opening] in self._fillers and words[opening] not in self._nows:
            opening += 1
        _, terminators = self._scan(words, opening, len(words))
        if opening not in terminators.get(category, []):
            return False
        rest = [w for w in words[opening + 1:] if w not in self._closers]
        denials = [w for w in rest if w in self._not_since]
        if len(denials) > 1 or not self._carried_on_words.isdisjoint(rest):
            return False  # "Now nobody can say the kids weren't asked", "Now I run the bingo as well"
        if denials:
            return len(rest) <= 6 and self._comma not in rest
        # "finished" closing the sentence ends the arrangement ("This year the scheme finished."), not a task
        # told with what follows ("Now it's finished and we're going").
        return not self._whole_endings.isdisjoint(rest) or (
            len(rest) >= 2 and rest[-1] == self._finished and rest[-2] not in self._be and rest[-2] not in self._finally_all
        )  # "the scheme finished.", not "it's finally finished." (a task done)

    def _done_after(self, lowers: Sequence[int], end: int, stop: int) -> bool:
        """Whether the sentence goes on to say it happened: "They asked would I help choose the colours, and I did".

        "and", "so" or "which", then "I" or "we", then "did" (or "have", "do")
        closing the clause: an offer or a wish taken up is the speaker's own.
        """
        return any(
            lowers[i] in self._takers and lowers[i + 1] in self._doers and lowers[i + 2] in self._did
            and (i + 3 == stop or lowers[i + 3] in self._clause_breaks or lowers[i + 3] in self._closers)
            for i in range(end, stop - 2)
        )

    def _speaker_does_instead(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether someone else's denial is answered at the sentence's end by the speaker doing it: "They don't set the agenda, we do."

        The match's clause names no one of the speaker's ("They don't …", "Staff don't …"), and after its break the
        sentence ends on "we" or "I" and a bare auxiliary ("do", "did", "can" …), perhaps "now", "instead",
        "ourselves" …: the denial is of them, the doing the speaker's, so the match is not negated (review of stop 59:
        the denial row "do(n't) … set the agenda" read "They don't set the agenda, we do." negated, as "They don't vote
        on anything, we do." was read before).

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> rules = AssertionRules(pipeline())
        >>> lowers = [token.lower for token in rules.nlp("They don't vote on anything, we do.")]
        >>> rules._speaker_does_instead(lowers, (0, len(lowers)), (3, 4))
        True
        >>> lowers = [token.lower for token in rules.nlp("We don't vote on anything, they do.")]
        >>> rules._speaker_does_instead(lowers, (0, len(lowers)), (3, 4))
        False
        """
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start, fillers=True)
        if not self._first_person.isdisjoint(lowers[opening:end]):
            return False
        tail = self._trim(lowers[self._clause_end(lowers, end, stop) : stop])
        while tail and (tail[0] in self._clause_breaks or tail[0] in self._fillers):
            tail = tail[1:]
        return (
            len(tail) >= 2
            and tail[0] in self._doers
            and tail[1] in self._yes_auxiliaries
            and all(w in self._instead_closers for w in tail[2:])
        )

    def _clause_end(self, lowers: Sequence[int], position: int, stop: int) -> int:
        """Where the clause holding ``position`` ends: its next clause break, or the sentence's end."""
        return next((i for i in range(position, stop) if lowers[i] in self._clause_breaks), stop)

    def _parenthetical(self, lowers: Sequence[int], i: int, first: int) -> bool:
        """Whether "I" at ``i`` opens a parenthetical hedge ("…, I think." / "…, and I think he's right"), not "ask what I think"."""
        return i == first or lowers[i - 1] in self._clause_breaks or lowers[i - 1] == self._and

    def _clause_opening(self, lowers: Sequence[int], first: int, position: int, *, fillers: bool = False) -> int:
        """The first word of the clause holding ``position``, fillers ("well", "no") skipped unless ``fillers``."""
        opening = position
        while opening > first and lowers[opening - 1] not in self._clause_breaks:
            opening -= 1
        while not fillers and opening < position and lowers[opening] in self._fillers:
            opening += 1
        return opening

    def _reported_by_someone_else(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match is in words reported by someone else: "People there say the lot run it".

        A reporting verb (say, tell, reckon, claim …) before the match, whose
        subject (the words opening its clause) is there and holds no "I" or
        "we" ("my son" and "our Kev" are someone else); the words reported,
        after an addressee ("tell me"), must not name the speaker ("she says
        I'm good at it" is the speaker's experience).
        """
        first, _ = sentence
        start, end = match
        if self._reporting.isdisjoint(lowers[first + 1:start]):
            return False  # no reporting verb before the match (most): the loop below would look at none
        for verb in range(first + 1, start):
            if lowers[verb] not in self._reporting:
                continue
            opening = self._clause_opening(lowers, first, verb)
            subject = lowers[opening:verb]
            if not subject or len(subject) > 8 or subject[-1] in self._noun_before:
                continue
            denial = self._denying.isdisjoint(lowers[self._clause_opening(lowers, first, verb, fillers=True):verb])
            if not (self._first_subjects.isdisjoint(subject) and denial):
                continue  # "we said", "nobody ever said": the speaker's own words, or a denial
            reported = verb + 1
            while reported < start and lowers[reported] in self._addressees and reported - verb <= 2:
                reported += 1
            if reported > verb + 1 and reported + 1 < start and lowers[reported] == self._comma:
                reported += 1  # "She tell me, the members decide when they perform"
            # "It was explained to me by a relative that …": the reported words start after "that".
            that = next((i for i in range(reported, min(verb + 8, start)) if lowers[i] == self._that), None)
            if that is not None and reported == verb + 1 and lowers[reported] in self._to_by:
                reported = that + 1
            if reported > verb + 1 and lowers[reported] in self._instructions:
                continue  # "she tells us where things go": the speaker is told what to do
            if lowers[reported] in self._not_reported:
                continue  # "a say in it", "told me about": no reported words follow
            if self._addressed.isdisjoint(lowers[reported:end]):
                return True
        return False

    def _someone_else_as_object(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the person asked or listened to is someone else: "The midwives ask her opinion now", "they asked him to help train".

        "Her" or "him" right after a verb of asking, listening, consulting,
        inviting, involving, including or trusting ("listened to her"), inside
        the match or just after it, and no I, me, we, us or our in the match's
        clause: whoever is asked there is not the speaker, whatever the code
        (staff asking is the speaker's experience only when they ask the
        speaker).  Not "it's her show" nor "nobody to sit with him", which
        tell the speaker's own situation.  From corpus 4's tuning half.  Or
        "her" or "him" just before the match after a verb that sets someone
        doing it, the match ending in an "-ing" form ("the network got her
        volunteering", "they've got him co-designing it"; not "Claire's got
        her targets"), or after "put" or "set" ("they put him on the panel");
        corpus 9's tuning half, narrowed on a reviewer's probes.
        """
        first, stop = sentence
        start, end = match
        asked = False
        for p in range(max(start, first + 1), min(end + 2, stop)):
            if lowers[p] in self._him_her:
                verb = p - 2 if lowers[p - 1] == self._to and p - 2 >= first else p - 1
                asked = lowers[verb] in self._asking_verbs
                if asked:
                    break
        if not asked and start - 2 >= first and lowers[start - 1] in self._him_her and (
            lowers[start - 2] in self._placing
            or (lowers[start - 2] in self._causatives and self.nlp.vocab.strings[lowers[end - 1]].endswith("ing"))
        ):
            asked = True  # "the network got her volunteering", "they put him on the panel"; not "Claire's got her targets"
        if not asked:
            return False  # "it's her show", "nobody to sit with him": not someone else asked
        opening = self._clause_opening(lowers, first, start)
        return self._first_person.isdisjoint(lowers[opening:self._clause_end(lowers, end, stop)])

    def _read_about(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match is in what was read, watched or heard in the media: "A report I read described Traveller co-chairs".

        Before the match in its sentence: something written or broadcast (a
        report, an article, a leaflet, the news …) and, in its clause within ten
        tokens after it, a verb with which it tells ("described", "says";
        "about", "of" or "on" right after it: "I've read an evaluation of a
        group where participants co-facilitate", stop 59); or reading, seeing or hearing it in the media
        ("read in the paper", "saw on Facebook", "heard on the radio").
        "I've read about …" alone is not enough: on text nobody here wrote it
        also opened the speaker's own news. Whoever
        reads, what was read is someone else's, unless the speaker is in it:
        from there to the match's end there is no I, me, we, us or our ("the
        leaflet says we can choose" is the speaker's own).
        """
        first, _ = sentence
        start, end = match
        before = lowers[first:start]
        if self._media.isdisjoint(before) and self._seeing_verbs.isdisjoint(before):
            return False  # nearly every sentence: one set test instead of a step per token
        media, first_person = self._media, self._first_person
        for i in range(first, start):
            word = lowers[i]
            told = None
            if word in media and not (i > first and lowers[i - 1] in self._own_writing):
                # The verb is the writing's own, in its clause ("A report I read on a forum described …"); not
                # the speaker's group's own leaflet with others after it ("Our website, the members say what goes up"),
                # nor the speaker's own report ("In my report to the board I said …").
                for v in range(i + 1, min(i + 11, start)):
                    if lowers[v] in self._clause_breaks or lowers[v] == self._and:
                        break
                    if (lowers[v] in self._describing and (lowers[v] != self._about or v == i + 1)) or (v == i + 1 and lowers[v] in self._media_of):
                        told = v  # "described", "says"; "about", "of", "on" right after it ("an evaluation of a group where …", stop 59)
                        break
            if told is None and word in self._seeing_verbs and i + 2 < start and lowers[i + 1] in self._seeing_on:
                # "on Facebook", "in the paper", "on the local news"
                medium = next((k for k in range(i + 2, min(i + 5, start)) if lowers[k] not in self._before_medium), None)
                if medium is not None and (lowers[medium] in media or lowers[medium] in self._mediums):
                    told = i + 1
            if told is not None and first_person.isdisjoint(lowers[told:end]):
                return True
        return False

    def _reported_after(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence closes by saying who reported it: "The ladies decide the recipes, my neighbour tells me".

        The last clause is a subject that is not the speaker (at most four
        words: "my neighbour", "they", "Bev") and a reporting verb, with
        nothing after it but an addressee ("me", "us"), "this", "so" or a
        closing mark; the words before it do not put the speaker in ("We
        run it, she says" stays the speaker's; the speaker's group named by
        its role, "the volunteers", does not: the report is about them).
        """
        first, stop = sentence
        _, end = match
        if self._reporting.isdisjoint(lowers[end + 1:stop]):
            return False  # no reporting verb after the match (most): the loop below, inside these words, would look at none
        tail = self._trim(lowers[end:stop])
        for verb in range(end + 1, end + len(tail)):
            if lowers[verb] not in self._reporting:
                continue
            opening = self._clause_opening(lowers, first, verb)
            if tuple(lowers[opening:opening + 3]) in self._thats_what:
                opening += 3  # "…, that's what my neighbour says": the subject follows "that's what"
            subject = lowers[opening:verb]
            if opening <= end or not 1 <= len(subject) <= 4 or not self._first_subjects.isdisjoint(subject):
                continue
            if not self._denying.isdisjoint(subject) or any(w not in self._report_closers for w in lowers[verb + 1:end + len(tail)]):
                continue
            # Only "I" or "we" keep it the speaker's: "The volunteers plan it, my mate tells me" is the mate's word
            # about the volunteers, whom a role alone does not make the speaker's group here.
            return not any(lowers[i] in self._first_person and self._speaker_at(lowers, i, first, stop) for i in range(first, opening))
        return False

    def _passive_by_someone_else(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match is a passive whose agent is someone else: "the course was co-designed by people who …".

        A form of "be" (or "got") in the match's clause before it, "by" within
        three tokens after the match (or in it), an agent that is not the
        speaker, and the speaker nowhere in the sentence.
        """
        first, stop = sentence
        start, end = match
        by = next((i for i in range(start, min(end + 3, stop - 1)) if lowers[i] == self._by), None)
        if by is None or lowers[by + 1] in self._first_person:
            return False
        # The verb before "by" (or one adverb before it) is a participle: not "a two-way thing by the end".
        if not any(self._past(lowers[i]) or lowers[i] in self._participles for i in range(max(start, by - 2), by)):
            return False
        opening = self._clause_opening(lowers, first, start)
        if not any(lowers[i] in self._be for i in range(opening, start)):
            return False
        return not any(self._speaker_at(lowers, i, first, stop) for i in range(first, stop))

    def _people_as_subject(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match's clause opens with a noun phrase about other people and the speaker is not in the sentence.

        "The woman who runs the café gets paid for it", "Half the trainers run
        their own groups", "The peer trainers get paid": a quantifier ("half",
        "a few of"), a determiner, at most three words and a person noun
        (:data:`_PERSON_NOUNS`), all before the match.  With a ``speaker`` row
        the speaker must take part in the sentence (:meth:`_takes_part`),
        unless the people are staff or taken up by "they".
        """
        first, _ = sentence
        start, _ = match
        position = self._clause_opening(lowers, first, start)
        they = lowers[position] == self._they
        if position - 1 > first and lowers[position] in self._resumptive and lowers[position - 1] == self._comma:
            # "Them boys from the estate, they run the studio": the subject is the phrase the pronoun takes up.
            start = position - 1
            position = self._clause_opening(lowers, first, start)
        end = self._people_end(lowers, position, start)
        if end is None:
            return False
        head = end - 1
        # With a speaker row the speaker must take part, not only know of it or disown it ("A few of the women
        # started their own thing, I know about it, but it's not for me"); not for the staff, whose asking is the
        # speaker consulted ("The nurse is lovely, she asks for feedback, I fill it in"), nor people "they" takes
        # up, who may be the speaker's own group ("The kids at my club, they help each other, I set it up").
        taking_part = self._strict and lowers[head] not in self._staff and not they
        return self._person_without_speaker(lowers, sentence, head, head + 1, start, taking_part=taking_part)

    def _person_without_speaker(
        self, lowers: Sequence[int], sentence: tuple[int, int], low: int, high: int, start: int, *, taking_part: bool = False
    ) -> bool:
        """Whether a person noun stands in ``low``..``high`` (before ``start``) and the speaker is nowhere else in the sentence.

        "The lad from my course": a possessive in the person's own description
        (after a preposition, right after the noun) is not the speaker taking part.
        """
        first, stop = sentence
        head = next((i for i in range(low, min(high, start)) if lowers[i] in self._person_nouns), None)
        if head is None:
            return False
        described = {i for i in range(head + 2, min(head + 4, start)) if lowers[i - 1] in self._prepositions}
        present = self._takes_part if taking_part else self._speaker_at
        return not any(present(lowers, i, first, stop) for i in range(first, stop) if i not in described)

    def _elsewhere_opening(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence opens somewhere else and the speaker is not in the match's clause: "Over in Ballina, the users have a say".

        "Over in", "up in" or "down in" opening the sentence (fillers aside) sets
        what follows in another place, as does "at" or "in" (or "over at") and
        someone else's place (:meth:`_someone_elses_place`: "At Lisa's place they
        vote on the trip"); "Over in the hall we vote on it" and "At Lisa's place
        they let us vote" keep the speaker's own.  Only at the opening: "I'd been
        on a programme over in the next county, and the contract finished" is the
        speaker's own account.
        """
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        if opening + 2 >= start:
            return False
        if lowers[opening] in self._elsewhere and lowers[opening + 1] == self._in:
            return not self._speaker_in_clause(lowers, sentence, match)  # "Over in Ballina, the users have a say"
        if lowers[opening] in self._elsewhere and lowers[opening + 1] in self._at_in:
            opening += 1  # "Over at Lisa's they vote on it"
        if not (lowers[opening] in self._at_in and self._someone_elses_place(lowers, opening + 1, start)):
            return False
        return not self._speaker_in_clause(lowers, sentence, match)

    def _someone_elses_place(self, lowers: Sequence[int], position: int, start: int) -> bool:
        """Whether the words at ``position`` (after "at" or "in") are someone else's place: "Lisa's", "my grandson's primary", "her place".

        One word and "'s" ("At Lisa's place", "In Ahmed's house"), a ``subject``
        row and "'s" ("At my grandson's primary", "In the neighbours' flat" is
        not one: no "'s"), or "her", "his" or "their" and a word (corpora 11 and
        12's tuning halves: "At my grandson's primary in Croydon the parents
        helped design …", "At Lisa's place they vote on the trip").  Not the
        speaker's own ("At my place", "In our group").
        """
        if position >= start or lowers[position] in self._taking_part or lowers[position] == self._my:
            if not (lowers[position] == self._my and position + 2 < start):
                return False
            # "my grandson 's": a subject row (a relative, a friend) and "'s"
            for phrase, _ in self._subjects.get(lowers[position], ()):
                after = position + len(phrase)
                if after < start and tuple(lowers[position:after]) == phrase and lowers[after] == self._possessive_s:
                    return self._a_place_after(lowers, after + 1, start)
            return False
        if lowers[position] in self._others_possessives:
            return self._a_place_after(lowers, position + 1, start)
        return (
            position + 2 < start
            and lowers[position + 1] == self._possessive_s
            and lowers[position] not in self._determiner_the
            and self._a_place_after(lowers, position + 2, start)
        )

    def _a_place_after(self, lowers: Sequence[int], position: int, start: int) -> bool:
        """Whether the possessive's next two words, before the match, name no view, time or group (:attr:`_not_places`): "In his honest opinion"."""
        return position < start and self._not_places.isdisjoint(lowers[position:min(position + 2, start)])

    def _someone_introduced(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence introduces someone else and tells of them: "There's this guy at college who got a show …".

        "There's", "there is" or "there was", a determiner ("a", "this", "one")
        and a person noun within three words (:data:`_PERSON_NOUNS`), all before
        the match, and the speaker nowhere in the sentence but in the person's
        own description ("a girl in my year").  "There's a lady at the centre who
        asks us what we want" is the speaker's.
        """
        first, _ = sentence
        start, _ = match
        opening = self._lead(lowers, first, start)
        if opening + 3 >= start or lowers[opening] != self._there or lowers[opening + 1] not in self._there_is:
            return False
        position = opening + 2 + (lowers[opening + 2] == self._is_ and lowers[opening + 1] != self._is_)
        if lowers[position] not in self._introducers:
            return False
        return self._person_without_speaker(lowers, sentence, position + 1, position + 4, start)

    def _source_next(self, lowers: Sequence[int], sentence: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the next sentence says where the speaker heard it: "The crew pick the stock. Heard that off my sister.".

        A short next sentence (at most eight words) opening, fillers and "I"
        aside, with "heard" or "read"; the speaker is nowhere in the match's
        sentence ("We pick the stock. I heard that's unusual." stays the speaker's).
        """
        words = self._trim(next_sentence)
        while words and (words[0] in self._fillers or words[0] == self._i):
            words = words[1:]
        if not words or len(words) > 8 or words[0] not in self._heard:
            return False
        first, stop = sentence
        return not any(self._speaker_at(lowers, i, first, stop) for i in range(first, stop))

    def _before_then(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], terminators: dict[str, list[int]]) -> bool:
        """Whether a sentence opened by "before"/"until" sets the match in the past: "Before the merger we decided it".

        The sentence's first word (fillers aside) is "before" or "until", a
        verb of the sentence before the match is a past form ("decided",
        "had"), and no "now" (a historical terminator) comes between.  "Before
        the session I put the chairs out" has no past form and stays current,
        and a recent time after "before" ("Before the August meeting we spent
        an hour on it", "Before last week's session …") is the wave's own.
        """
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        if opening >= start or lowers[opening] not in self._before:
            return False
        cuts = terminators.get("historical", []) + terminators.get("*", [])
        if any(opening < c < start for c in cuts):
            return False
        if not self._recent.isdisjoint(lowers[opening + 1:opening + 4]) or not self._occasions.isdisjoint(lowers[opening + 1:opening + 4]):
            return False  # "Before the August meeting we spent an hour on the phone", "Before the AGM …": the wave's own
        # "Before, we have the meetings …": "before" alone is "in the past", whatever the tense after it.
        return lowers[opening + 1] == self._comma or any(self._past(lowers[i]) for i in range(opening + 1, match[1]))

    def _past_against_now(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int] = ()) -> bool:
        """Whether the match's clause is in the past and a later clause sets "now" against it: "We ran the café, now it's contracted out".

        "Now" ("nowadays", "these days") after a comma or "but" and before a
        subject ("now it's", "these days we"), after the match, and a past form
        in the match's own clause; or a next sentence opening with "these days"
        or "nowadays" ("We chose the colours. These days it's head office"),
        not with "now" ("We picked the films last week. Now we're planning the
        next one" is a sequence).  "…, so now I do the beats session" is a
        consequence, not a contrast, and leaves the clause before it alone.
        """
        _, stop = sentence
        _, end = match
        if self._now_starts.isdisjoint(lowers[end:stop]) and self._now_starts.isdisjoint(next_sentence):
            return False  # no "now", "nowadays" or "these days" after the match (most): nothing set against it
        if self._no_past_form(lowers, sentence):
            return False
        opening = next((i for i, w in enumerate(next_sentence) if w not in self._fillers), len(next_sentence))
        if not (
            any(
                lowers[c - 1] in self._contrast_marks and (after := c + self._now_length(lowers, c, stop, bare=True)) > c
                and after < stop and lowers[after] in self._subject_openers
                for c in range(end + 1, stop - 1)
            )
            or self._now_length(next_sentence, opening, len(next_sentence), bare=False) > 0
        ):
            return False
        return self._past_clause(lowers, sentence, match)

    def _now_length(self, words: Sequence[int], i: int, stop: int, *, bare: bool) -> int:
        """How many tokens a "now" at ``i`` takes: "nowadays" 1, "these days" 2, "now" 1 if ``bare``, else 0."""
        if i < stop and words[i] in self._nows and (bare or words[i] != self._now):
            return 1
        return 2 if i + 1 < stop and words[i] == self._these and words[i + 1] == self._days else 0

    def _past_then_not_now(
        self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], terminators: dict[str, list[int]], next_sentence: Sequence[int]
    ) -> bool:
        """Whether a past clause is denied for now: "We ran it ourselves once. Not now." / "…, but no noo" / "…, not like now".

        A past form in the match's clause, and after the match a denial ("not",
        "no", "never") with "now" or another historical terminator at most
        three tokens on; or a next sentence of at most six words opening with a
        denial and holding such a terminator or a historical trigger ("Not
        these days.", "Not any more.").
        """
        _, stop = sentence
        _, end = match
        if self._denials.isdisjoint(lowers[end:stop]) and self._denials.isdisjoint(next_sentence[:2]):
            return False  # no denial after the match nor opening the next sentence (most): nothing denied
        if self._no_past_form(lowers, sentence):
            return False
        nows = terminators.get("historical", [])
        denied_now = any(lowers[d] in self._denials and any(d < c <= d + 3 for c in nows) for d in range(end, stop))
        if not denied_now:
            answer = self._trim(next_sentence)
            if not (answer and len(answer) <= 6 and (answer[0] in self._denials or (answer[0] in self._joiners and answer[1:2] and answer[1] in self._denials))):
                return False
            # "Not these days." / "Not any more." / "No longer.": a terminator or a trigger of the past.
            answer_triggers, answer_ends = self._scan(answer, 0, len(answer))
            if not (answer_ends.get("historical") or any(t.category == "historical" for _, _, t in answer_triggers)):
                return False
        return self._past_clause(lowers, sentence, match)

    def _past_then_ended(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether a past clause is followed by its ending: "Users sat on the steering group. That has since lapsed."

        A past form in the match's clause, and in a later clause of the
        sentence or in the next sentence (:meth:`_ended`): a word saying it
        ended ("scrapped", "lapsed", "ceased"; not "ended up") next to a word
        taking the arrangement up ("that", "it", "all"), or a takeover ("the
        charity took it over"); "then" and an ending standing bare ("Then the
        teacher left and it sort of died", "but then she retired and …"); a
        denied clause closing on "since" or "again" ("nobody's asked since",
        "they never asked again"), "but since" ("…, but since the trust took it
        on, they send us a timetable"), "stopped" before an "-ing" form ("They
        stopped asking"); "that was" with a time in the past ("That
        was three years ago though"), unless "still" follows ("that was four
        years ago and I'm still doing Wednesdays").
        """
        _, stop = sentence
        _, end = match
        tail = lowers[end:stop]
        if (
            self._ending_cues.isdisjoint(tail) and self._ending_cues.isdisjoint(next_sentence)
            and ((self._that_was.isdisjoint(tail) and self._that_was.isdisjoint(next_sentence)) or (self._was.isdisjoint(tail) and self._was.isdisjoint(next_sentence)))
        ):
            return False  # :meth:`_ended`'s own test, on the words after the match: most have none of its cues
        if self._no_past_form(lowers, sentence):
            return False
        closing = self._clause_end(lowers, end, stop)
        later = [*lowers[closing:stop], *next_sentence]
        return self._ended(later) and self._past_clause(lowers, sentence, match)

    def _ended(self, later: list[int]) -> bool:
        """Whether the words after a past clause (:meth:`_past_then_ended`) say that it is over."""
        if self._ending_cues.isdisjoint(later) and (self._that_was.isdisjoint(later) or self._was.isdisjoint(later)):
            return False
        breaks = self._ending_breaks

        def bare(i: int) -> bool:
            return i + 1 == len(later) or later[i + 1] in breaks

        def taken_up(i: int) -> bool:
            # The ending must take the arrangement up ("that has since lapsed", "they scrapped it"):
            # "we decided it and the fee was scrapped" is what the speaker decided, not its end.
            return not self._referring.isdisjoint([*later[max(0, i - 4):i], *later[i + 1:i + 2]])

        for i, word in enumerate(later):
            if word in self._endings and later[i + 1:i + 2] != [self._up] and taken_up(i):
                return True
            if word == self._over and not self._took.isdisjoint(later[max(0, i - 3):i]):
                return True
            if word in self._bare_endings and bare(i) and (taken_up(i) or self._then in later[max(0, i - 6):i]):
                return True
            if word in self._since and bare(i) and not self._not_since.isdisjoint(later[max(0, i - 6):i]):
                return True
            # "…, but since the trust took it on, they send us a timetable": "since" after "but" is a time, not "because".
            if word in self._since and i > 0 and later[i - 1] == self._but:
                return True
            # "They stopped asking after the new lot came in": an activity given up.
            if word == self._stopped and i + 1 < len(later) and self.nlp.vocab.strings[later[i + 1]].endswith("ing"):
                return True
        for i in range(len(later) - 2):
            if later[i] in self._that_was and later[i + 1] in self._was and (i == 0 or later[i - 1] in self._clause_breaks or later[i - 1] in self._closers):
                triggers, _ = self._scan(later, i, min(len(later), i + 8))
                if any(t.category == "historical" for _, _, t in triggers) and self._still not in later[i:]:
                    return True
        return False

    def _when_it_began(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], terminators: dict[str, list[int]]) -> bool:
        """Whether a sentence opened by "when" frames the match in the past: "When the group first started, we chose the speakers".

        The sentence's first word (fillers aside) is "when", its clause holds a
        word of beginning ("first", "started", "opened", "joined") or is a state
        in the past tense of "be" ("When Linda was manager, …", "When my son
        was small I was in the parents' forum") naming no recent time ("When
        I was there on Tuesday, they asked me" is this wave's news), the match
        comes after that clause, and no "now" (a historical terminator) or
        "but" comes between it and the match.
        """
        start, _ = match
        opening = self._sentence_opening(lowers, sentence, start)
        if opening >= start or lowers[opening] != self._when:
            return False
        clause = lowers[opening + 1:self._clause_end(lowers, opening + 1, start)]
        cuts = terminators.get("historical", []) + terminators.get("*", [])
        if any(opening < c < start for c in cuts):
            return False
        if not self._beginnings.isdisjoint(clause):
            return True
        # A short subject and "was"/"were" not before a participle ("When we were asked, …" is an event), and
        # the match at least two words on: "When mine were little I sat on the committee".
        frame = lowers[opening + 1:start]
        was = next((i for i, w in enumerate(frame[:4]) if w in self._was), None)
        return (
            was is not None and was >= 1 and was + 2 < len(frame) and not self._past(frame[was + 1])
            and self._recent.isdisjoint(lowers[opening + 1:self._clause_end(lowers, opening + 1, start)][:10])
        )

    def _sentence_opening(self, lowers: Sequence[int], sentence: tuple[int, int], start: int) -> int:
        """The sentence's first word before ``start``, fillers ("well", "so") skipped."""
        opening = sentence[0]
        while opening < start and lowers[opening] in self._fillers:
            opening += 1
        return opening

    def _past_clause(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match's own clause (from its opening to the next clause break after it) holds a past form.

        A clause with no verb of its own takes the tense of the one before it (:meth:`_verbless_after_past`).
        """
        first, stop = sentence
        start, end = match
        opening = self._clause_opening(lowers, first, start)
        closing = self._clause_end(lowers, end, stop)
        return any(self._past(lowers[i]) for i in range(opening, closing)) or self._verbless_after_past(lowers, first, opening, closing)

    def _clause_before_verbless(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> tuple[int, int] | None:
        """The clause before the match's, when the match's has no verb of its own ("…, no staff at all"), as (opening, end).

        Such a clause goes on describing what the clause before it told, so it is that clause's people's
        (the test is :meth:`_before_verbless`, as for the tense).
        """
        first, stop = sentence
        start, end = match
        before = self._before_verbless(lowers, first, self._clause_opening(lowers, first, start), self._clause_end(lowers, end, stop))
        return before if before is not None and before[0] < before[1] else None

    def _before_verbless(self, lowers: Sequence[int], first: int, opening: int, closing: int) -> tuple[int, int] | None:
        """The clause before ``opening:closing`` as (opening, end), when that one has no verb of its own; else None.

        A clause of at most :data:`_VERBLESS_LENGTH` tokens holding no subject
        pronoun, no form of "be", "have" or "do" and no modal ("me on the
        committee", "no staff", "writing letters") has no verb of its own.
        """
        if opening <= first or closing - opening > _VERBLESS_LENGTH or not self._finite.isdisjoint(lowers[opening:closing]):
            return None
        before_end = opening - 1  # the break before the clause
        while before_end > first and lowers[before_end - 1] in self._clause_breaks:
            before_end -= 1
        return self._clause_opening(lowers, first, before_end), before_end

    def _verbless_after_past(self, lowers: Sequence[int], first: int, opening: int, closing: int) -> bool:
        """Whether a clause with no verb of its own follows a past one in its sentence: "we ran it ourselves, no staff, …".

        Such a clause (:meth:`_before_verbless`), holding no past form, takes the
        tense of the clause before it, read back over other such clauses (three at
        most): "We fought for that wall for six year, me on the committee, …" is
        the past.  A clause with a verb of its own ("…, we have meetings") keeps
        its own tense.
        """
        for _ in range(3):
            before = self._before_verbless(lowers, first, opening, closing)
            if before is None:
                return False
            opening, closing = before
            if any(self._past(lowers[i]) for i in range(opening, closing)):
                return True
        return False

    def _past(self, word: int) -> bool:
        """Whether a token is a past form: an irregular one, or a "-ed" form the lemma table lists."""
        return word in self._past_forms

    def _no_past_form(self, lowers: Sequence[int], sentence: tuple[int, int]) -> bool:
        """Whether no token of the sentence is a past form (:meth:`_past`, as one set test), so no clause of it is past.

        A quick first test for the rules that end by asking :meth:`_past_clause`.
        """
        first, stop = sentence
        return self._past_forms.isdisjoint(lowers[first:stop])

    def _opens_with(self, sentence: Sequence[int], category: str, *, looking_back: bool = False) -> bool:
        """Whether a trigger of ``category`` opens the sentence, at most two tokens ("Well, ", "So") before it.

        How the next sentence answers this one: "They asked me to chair it. I
        said no." declines the offer (``looking_back``: only triggers whose scope
        runs ``backward`` or ``both``), "A joint decision? Yeah right." denies
        the question.  A refusal later in the sentence ("My boss wanted me to
        ... and I said no") answers an offer of its own.
        """
        if self._opening_heads.get((category, looking_back), frozenset()).isdisjoint(sentence[:3]):
            return False  # no such trigger starts in its first three words (most sentences): nothing to scan
        triggers, _ = self._scan(sentence, 0, min(len(sentence), 12), starts_before=3)
        return any(
            t.category == category and start <= 2 and (not looking_back or t.direction in ("backward", "both"))
            for start, _, t in triggers
        )

    def _refused_after(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the speaker refuses, bare, after the match: "…, and I politely declined.", "I considered it carefully and chose not to."

        "I" or "we", a few words of manner or thought (:data:`_REFUSAL_HEDGES`:
        "politely", "sort of", "in the end", "considered it carefully and"), and
        a refusal (``refusal`` rows) that ends its clause: after "and", "but",
        "so" or a comma later in the match's sentence (at most one joining word
        between, and no "when", "if", "because": :data:`_SUBORDINATORS`), or
        opening the next sentence.  A refusal of something else ("I said no to
        the fees", "I stepped back from the till", "I stepped back so the young
        ones could have a go") goes on and is not one; a choice is a refusal
        only after "I" ("… and we decided not to" is the group's decision); one
        taken back later in its sentence ("I didn't want to, at first", "…, but
        two weeks later I took it") is not one; and a refusal that may as well
        answer a question or a wish (``bare no`` rows: "we said no", "I
        didn't want to") needs an offer in the match's sentence (:meth:`_offered`).
        """
        first, stop = sentence
        _, end = match
        if self._refusal_heads.isdisjoint(lowers[end:stop]) and self._refusal_heads.isdisjoint(next_sentence):
            return False  # no refusal's first word after the match: most matches, on the per-match path
        for p in range(end, stop):
            if lowers[p] not in self._speaker_subjects:
                continue
            q = p - 1  # "…, and in the end I declined": a few words of manner may come before the speaker too
            while q > end and p - q <= 3 and lowers[q] in self._refusal_hedges and lowers[q] not in self._and_but:
                q -= 1
            if lowers[q] not in self._and_but:
                continue
            between = lowers[end:q]
            if sum(w in self._joining for w in between) + (lowers[q] in self._joining) > 1 or not self._subordinators.isdisjoint(between):
                continue
            refusal = self._refusal_at(lowers, p, stop)
            if refusal is not None and (refusal not in self._bare_nos or self._offered(lowers, first, stop)):
                return True
        opening = next((i for i, w in enumerate(next_sentence) if w not in self._fillers and w != self._comma), len(next_sentence))
        if opening >= len(next_sentence) or next_sentence[opening] not in self._speaker_subjects:
            return False
        refusal = self._refusal_at(next_sentence, opening, len(next_sentence))
        return refusal is not None and (refusal not in self._bare_nos or self._offered(lowers, first, stop))

    def _refusal_at(self, words: Sequence[int], subject: int, stop: int) -> tuple[int, ...] | None:
        """The bare refusal following the speaker at ``subject`` (:meth:`_refused_after`), or None."""
        k = subject + 1
        while k < stop and k < subject + 8:
            for phrase in self._refusals:
                after = k + len(phrase)
                if after > stop or tuple(words[k:after]) != phrase or (phrase in self._own_choices and words[subject] != self._i):
                    continue
                if (after == stop or words[after] in self._refusal_ends) and not self._taken_back(words, after, stop):
                    return phrase
            if words[k] not in self._refusal_hedges:
                return None
            k += 1
        return None

    def _taken_back(self, words: Sequence[int], after: int, stop: int) -> bool:
        """Whether the rest of the refusal's sentence takes it back: "…, at first", "…, but two weeks later I took it", "…, but I did" (not "the till")."""
        if any(w in self._refusal_since and not (i > after and words[i - 1] in self._determiner_the) for i, w in enumerate(words[after:stop], start=after)):
            return True
        # "I didn't want to, but I did": the speaker did it all the same.
        return any(
            words[i] == self._but and words[i + 1] in self._speaker_subjects and words[i + 2] in self._did_anyway
            for i in range(after, stop - 2)
        )

    def _offered(self, lowers: Sequence[int], first: int, stop: int) -> bool:
        """Whether the sentence makes the speaker an offer: a word of its own ("invited", "offered", "a chance"), or "asked me to", "wanted us to", "would I …"."""
        if self._offer_words.isdisjoint(lowers[first:stop]) and self._offer_askers.isdisjoint(lowers[first:max(first, stop - 2)]):
            return False  # neither a word of offering nor an asker with two words after it (most sentences): nothing below returns true
        for i in range(first, stop):
            word = lowers[i]
            if word in self._offer_words:
                return True
            if word not in self._offer_askers or i + 2 >= stop:
                continue
            asked, after = lowers[i + 1], lowers[i + 2]
            if asked in self._speaker_subjects:
                return True  # "would I …", "would we …"
            # "ask if I'd run the shop", "asked us if we wanted to": whether the speaker would (not "asked us if it was co-designed").
            k = i + 2 if asked in self._objects else i + 1
            if lowers[k] in self._if_whether and k + 1 < stop and lowers[k + 1] in self._speaker_subjects:
                return True
            # "asked me to …", "asked us if it'd suit us to …" with a word of wanting.
            if asked in self._objects and (after == self._to or (after == self._if and not self._wanting.isdisjoint(lowers[i + 3 : i + 7]))):
                return True
        return False

    def _last_clause(self, lowers: Sequence[int], first: int, stop: int) -> int:
        """Where the sentence's last clause opens: after its last comma, "and" or "but" (``first`` when it has none)."""
        breaks = [i + 1 for i in range(first, stop) if lowers[i] in self._joke_breaks]
        return max(breaks, default=first)

    def _retracted(self, next_sentence: Sequence[int]) -> str | None:
        """Whether the next sentence takes this one back as a joke: "We get to pick the biscuits. (laughs) No, seriously, nobody's asked me anything."

        It opens (a bracketed note such as "(laughs)" and fillers aside) with
        "only joking" or "just kidding", which takes back the punchline, the
        sentence's last clause (``"punchline"``), and not when the joke is said
        to be "about" something; or with "no, seriously",
        "joking aside" and the like followed straight away by a denial with the
        speaker in it ("nobody's asked me anything", "we don't get a say");
        "No, seriously, we do!" and "Seriously though, nobody else gets a say
        like we do" insist rather than retract (a fifth new user's trial and a
        reviewer's probes): the whole sentence before is taken back (``"sentence"``).
        """
        if next_sentence[0] not in self._retraction_openers:
            return None  # most sentences: no bracket, filler or retraction word to open with
        i = 0
        while i < len(next_sentence) and next_sentence[i] in self._brackets_open:
            close = next((k for k in range(i + 1, min(len(next_sentence), i + 6)) if next_sentence[k] in self._brackets_close), None)
            if close is None:
                return None
            i = close + 1
        opening = i  # "No, seriously" opens with a word that is elsewhere a filler
        while i < len(next_sentence) and (next_sentence[i] in self._fillers or next_sentence[i] == self._comma):
            i += 1
        for at in dict.fromkeys((opening, i)):
            if at >= len(next_sentence) or next_sentence[at] not in self._retraction_heads:
                continue  # no joke nor "seriously" phrase starts here
            joke = next((phrase for phrase in self._jokes if self._at(next_sentence, at, phrase, len(next_sentence))), None)
            if joke is not None:
                return "punchline" if next_sentence[at + len(joke) : at + len(joke) + 1] != [self._about] else None
            for phrase in self._serious:
                if self._at(next_sentence, at, phrase, len(next_sentence)):
                    rest = [w for w in next_sentence[at + len(phrase) :] if w != self._comma]
                    if not rest or self._without in rest or rest[1:2] == [self._else]:
                        return None
                    # The denial straight after, with the speaker in it: "nobody's asked me", "we don't get a say"
                    # (not "I've never felt talked down to", "nobody complains").
                    denial = rest[0] in self._retracting and not self._first_person.isdisjoint(rest[1:6])
                    denied = rest[0] in self._retracting_subjects and len(rest) > 2 and rest[2] in (self._nt, self._not) and rest[3:4] != [self._know]
                    return "sentence" if denial or denied else None
        return None

    def _yes_by_auxiliary(self, answer: Sequence[int]) -> bool:
        """Whether an answer opens "I do" / "We did", closing there or with a comma or a yes: "I do, aye, I picked …" (not "I do not")."""
        return (
            len(answer) >= 2
            and answer[0] in self._yes_subjects
            and answer[1] in self._yes_auxiliaries
            and (len(answer) == 2 or answer[2] == self._comma or answer[2] in self._affirmations)
        )

    def _declines_answer(self, answer: Sequence[int]) -> bool:
        """Whether an answer to a question turns it down: a ``declined`` trigger opening it and closing its clause.

        "Volunteering? Not for me." / "… No thanks, I work nights." decline; "Do we get a vote? Not for me to say."
        defers (the trigger goes on). From a new user's check of stop 59.
        """
        if self._opening_heads.get(("declined", False), frozenset()).isdisjoint(answer[:3]):
            return False
        triggers, _ = self._scan(answer, 0, min(len(answer), 12), starts_before=3)
        return any(
            t.category == "declined" and start <= 2 and (end >= len(answer) or answer[end] in self._particles_after)
            for start, end, t in triggers
        )

    def _elsewhere_not_here(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match's clause puts it somewhere else, after a clause denying it here: "not X here, it's X at Y".

        "It's not really a fair exchange here, it's more of a fair exchange at the church group.", "We don't vote on
        things here, we vote on things at the hall.": the clause before (up to a comma, "but" or a dash "—") denies and
        says "here" and has the match's first word; the match's own clause names a place after it ("at", "in", …).
        The account is of somewhere else (``other``), as "…, but not here." is. The other way round ("It's not give
        and take at the club, it's give and take here.") stays the speaker's. From a new user's check of stop 59.
        """
        first, _ = sentence
        start, end = match
        if self._here not in lowers[first:start]:
            return False
        opening = next((p for p in range(start - 1, first - 1, -1) if lowers[p] in self._here_breaks), None)
        if opening is None:
            return False
        closes = opening  # ", but": the breaks together end the clause before
        while closes > first and lowers[closes - 1] in self._here_breaks:
            closes -= 1
        before_opening = next((p for p in range(closes - 1, first - 1, -1) if lowers[p] in self._here_breaks), first - 1) + 1
        before = lowers[before_opening:closes]
        if self._here not in before or self._here_denials.isdisjoint(before) or lowers[start] not in before:
            return False
        closing = next((p for p in range(end, len(lowers)) if lowers[p] in self._here_breaks or p >= sentence[1]), sentence[1])
        after = lowers[end:closing]
        return self._here not in after and not self._elsewhere_at.isdisjoint(after)

    def _still_so_after(self, lowers: Sequence[int], end: int, stop: int) -> bool:
        """Whether a clause after the match says it still holds, in a bare present auxiliary and nothing after.

        "It used to be give and take, and it still is.", "We used to vote on it, and we still do (to this day)", "…,
        it's still": the past said of the match goes on now, so it is current. Not a denial ("…, and it still isn't":
        "n't" after the auxiliary), not someone else's ("…, but they still do"), not another verb ("…, and I still
        miss it"). From a new user's check of stop 59.
        """
        for p in range(end, stop):
            if lowers[p] not in self._still_joins:
                continue
            q = p + 1
            while q < stop and lowers[q] in self._still_joins:
                q += 1
            if q < stop and lowers[q] in self._still_subjects:
                q += 1
            if q + 1 < stop and (
                (lowers[q] == self._still and lowers[q + 1] in self._still_auxiliaries)
                or (lowers[q] in self._still_auxiliaries and lowers[q + 1] == self._still)
            ):
                if q + 2 >= stop or lowers[q + 2] in self._still_closers:
                    return True
        return False

    def _yes_after_right(self, answer: Sequence[int]) -> bool:
        """Whether an answer opening "Yeah, right" goes on to say yes by an auxiliary: "Yeah, right, we do." agrees.

        Said alone, "Yeah right." / "Yeah, right." / "Aye, right." is scorn and denies the question (``negated``
        rows); the same words followed by the speaker's own "we do" / "I did" (:meth:`_yes_by_auxiliary`) are a
        plain yes. From a new user's check of stop 59.
        """
        i = 0
        while i < len(answer) and (answer[i] == self._comma or answer[i] in self._yes_particles):
            i += 1
        if i == 0 or i >= len(answer) or answer[i] != self._right:
            return False
        i += 1
        while i < len(answer) and answer[i] == self._comma:
            i += 1
        return self._yes_by_auxiliary(answer[i:])

    def _after_yes_openers(self, answer: Sequence[int]) -> list[int]:
        """The answer after the words that open it saying yes (``yes particle``, ``affirmation`` and ``yes opener`` rows, commas): "Of course we are." -> "we are"."""
        i = 0
        while i < len(answer):
            if answer[i] == self._comma or answer[i] in self._affirmations:
                i += 1
                continue
            opener = next((p for p in self._yes_openers if tuple(answer[i : i + len(p)]) == p), None)
            if opener is None:
                break
            i += len(opener)
        return list(answer[i:])

    def _answers_yes(self, answer: Sequence[int]) -> bool:
        """Whether an answer to a question says yes: "Yes, we do.", "Of course we are.", "Too right we are.", "Sure we've had a say since day one.", "Every month, like clockwork."

        The one reading of a yes without an auxiliary first (:meth:`_yes_by_auxiliary` reads "I do, …"): short and
        opening with a yes word (``yes particle`` and ``affirmation`` rows, at most six tokens); opening with how often
        (:data:`_YES_OFTEN`); or opening with words that say yes (``yes opener`` rows, yes words) and going on with
        nothing or with "I"/"we" and an auxiliary not denied ("we are", "we've had"). A denial after the yes words
        ("Yeah nah, never.", "Of course not.") is no yes. From a review's probes of the echo rule (stop 52).

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> nlp = pipeline()
        >>> rules = AssertionRules(nlp)
        >>> rules.judge(nlp("Consulted? Of course we are."), "consulted"), rules.judge(nlp("Consulted? Of course not."), "consulted")
        ('affirmed', 'negated')
        """
        said, end = self._particle_run(answer)
        if said is not None:  # "Nah, yeah, every month." (stop 53): the last particle says it, unless a denial follows
            return said == "yes" and not self._denied_after(answer, end)
        rest = self._after_yes_openers(answer)
        if rest and rest[0] in self._denials:
            return False
        if (answer[0] in self._affirmations and len(answer) <= 6) or answer[0] in self._yes_often:
            return True
        if len(rest) == len(answer):
            return False  # nothing said yes first
        return not rest or (
            len(rest) >= 2 and rest[0] in self._yes_subjects and rest[1] in self._yes_restated and self._not_words.isdisjoint(rest[2:3])
        )

    def _particle_run(self, answer: Sequence[int]) -> tuple[str | None, int]:
        """What the yes and no particles opening an answer say together, and where they end: ("no", 3) for "Yeah, nah, …".

        Only a run of two or more with both a yes and a no says something here (one particle is read as before):
        the last one says it ("Yeah nah." no; "Nah, yeah, every month." yes), except the South African "Ja, no",
        a yes. A no particle followed by words ends the run and says no ("Yeah, no chance.", "Yeah nah mate.",
        "Yeah no they don't."), except a phrase of the closed list of ``no saying yes`` rows, which after yes
        particles leaves the yes ("Yeah, no worries, we run it"; "Yes, no doubt about it"); a run ending in no
        followed by the answer's own yes (:meth:`_yes_again`: "Yeah nah, they do actually.") says yes. Dialect
        grammar (stop 53), narrowed by a review's probes (stop 53).

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> nlp = pipeline()
        >>> rules = AssertionRules(nlp)
        >>> rules.judge(nlp("Do they ask you? Yeah nah, not really."), "ask you"), rules.judge(nlp("Do they ask you? Nah, yeah, every month."), "ask you")
        ('negated', 'affirmed')
        """
        said: list[int] = []
        words_after_no = False  # the run stopped at a no with words of its own after it ("Yeah, no chance")
        i = 0
        while i < len(answer):
            w = answer[i]
            if w == self._comma:
                i += 1
                continue
            if w in self._yes_particles:
                said.append(w)
                i += 1
                continue
            if w not in self._no_particles:
                break
            after = answer[i + 1] if i + 1 < len(answer) else None
            if after in self._no_saying_yes:  # "no worries", "no doubt": a phrase that leaves a yes standing
                if said and all(p in self._yes_particles for p in said):
                    return "yes", i + 2
                break
            said.append(w)
            i += 1
            if after is not None and after != self._comma and after not in self._closers and after not in self._yes_particles and after not in self._no_particles:
                words_after_no = True  # "Yeah, no chance.", "Yeah nah mate", "Yeah no they don't": the no says it
                break
        yes = [w in self._yes_particles for w in said]
        if len(said) < 2 or all(yes) or not any(yes):
            return None, 0
        if said[0] == self._ja and not yes[-1] and not words_after_no:
            return "yes", i  # "Ja, no, we voted on it": a South African yes
        if not yes[-1] and self._yes_again(answer[i:]):
            return "yes", i  # "Yeah nah, they do actually.": the answer's own yes after the particles
        return ("yes" if yes[-1] else "no"), i

    def _yes_again(self, rest: Sequence[int]) -> bool:
        """Whether what follows an answer's particles says yes with its own pronoun and auxiliary: "they do", "we do, every week" (not "they don't").

        How often may come first ("Yeah, nah, every week we do."): "every" or "always" and at most two words before the pronoun.
        """
        if rest and rest[0] in self._yes_often:
            rest = rest[next((k for k in range(1, min(len(rest), 4)) if rest[k] in self._yes_again_subjects), 0):]
        return (
            len(rest) >= 2
            and rest[0] in self._yes_again_subjects
            and rest[1] in self._yes_auxiliaries
            and (len(rest) == 2 or rest[2] in self._yes_again_ends)
        )

    def _denied_after(self, answer: Sequence[int], end: int) -> bool:
        """Whether the words after an answer's particles deny: "Nah, yeah, never." (not "Yeah, no worries, we run it")."""
        after = answer[end : end + 3]
        return bool(after) and (after[0] in self._denials or not self._not_words.isdisjoint(after))

    def _particle_refusal(self, lowers: Sequence[int], sentence: tuple[int, int], next_sentence: Sequence[int], later: Sequence[int] = ()) -> bool:
        """Whether the next sentence refuses an offer the match's sentence made, with no particles alone or with no subject.

        "They asked would I tow the trailer. Yeah nah." / "… Naw." / "… Nah." (the whole sentence a no: one no
        particle, or a run of particles whose last is no, :meth:`_particle_run`); "They ask me help put the cones.
        Cannot lah, my satay on the fire." (``subjectless refusal`` rows, alone or closed by a particle such as
        "lah" and going on after a comma). The match's sentence must make the speaker an offer (:meth:`_offered`, or
        someone asking "me" or "us" with no "to", as these Englishes say it: "They ask me help …") and not ask a
        question (a no answering a question denies: "Do you get a vote? Nah."). A doubled no ("No, no.") refuses as
        one does. No refusal where the speaker said yes in the offer's sentence ("… and I said yes. No.") or later in
        the turn (:meth:`_came_round`: "Nah. I said yes in the end."), or where the sentence after the no opens with
        a self-repair (a ``repair`` row or "wait": "No. Sorry, it was Bev they asked.", "Nah. I mean yes, …"): the
        no takes back what was just said, not the offer. Dialect grammar (stop 53), narrowed by a review (stop 53).

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> nlp = pipeline()
        >>> rules = AssertionRules(nlp)
        >>> rules.judge(nlp("They asked me to chair it. Yeah nah."), "chair"), rules.judge(nlp("Do you chair it? Yeah nah."), "chair")
        ('declined', 'negated')
        """
        if not next_sentence or next_sentence[0] not in self._refusal_openers:
            return False  # no particle or subjectless refusal opens the next sentence (most sentences)
        words = self._trim(next_sentence)
        first, stop = sentence
        if not words or self._ends_with_question(lowers, first, stop):
            return False
        said, end = self._particle_run(words)
        if said is not None:
            # "Yeah nah." / "Yeah nah, I've got enough on.": a run ending in no, alone or going on after a comma with
            # anything but the speaker taking it on (stop 54).
            refuses = said == "no" and (end == len(words) or (words[end - 1] == self._comma and self._no_goes_on(words[end:])))
        elif all(w in self._no_particles or w == self._comma for w in words):
            refuses = True  # "No.", "No, no.", "Nah, nah."
        else:
            phrase = next((p for p in self._subjectless_refusals if tuple(words[: len(p)]) == p), None)
            if phrase is None:
                return False
            k = len(phrase)
            while k < len(words) and words[k] in self._closing_particles:
                k += 1
            refuses = k == len(words) or (k > len(phrase) and words[k] == self._comma)
        if not refuses or self._came_round(lowers[first:stop]) or self._came_round(later):
            return False  # "… and I said yes. No." / "… Yeah nah. I said yes in the end."
        if any(
            lowers[k] in self._speaker_subjects and lowers[k + 1] in self._did_it and (k + 2 == stop or lowers[k + 2] not in self._not_words)
            for k in range(first, stop - 1)
        ):
            return False  # "They asked us to chair the meetings, and now we do. No.": the speaker does it
        after = next(self._sentences_of(later), [])
        if after and (after[0] == self._wait or any(tuple(after[: len(p)]) == p for p, _, _ in self._repair_cues.get(after[0], ()))):
            return False  # "… No. Sorry, it was Bev they asked." / "… No. Wait, that was the year after."
        return self._offered(lowers, first, stop) or any(
            lowers[i] in self._offer_askers and lowers[i + 1] in self._objects for i in range(first, stop - 1)
        )

    def _no_goes_on(self, rest: Sequence[int]) -> bool:
        """Whether the words after a run of particles ending in no, after its comma, leave it a refusal: a reason ("Yeah nah,
        I've got enough on"), not the speaker taking the offer on ("…, I did it for two years", "…, I said yes in the end")
        nor a self-repair ("…, sorry, it was Bev they asked")."""
        if not rest or rest[0] == self._wait or any(tuple(rest[: len(p)]) == p for p, _, _ in self._repair_cues.get(rest[0], ())):
            return False
        if self._came_round(rest):
            return False
        taken_on = self._did_it | self._acceptances
        return not any(
            rest[k] in self._speaker_subjects and rest[k + 1] in taken_on and (k + 2 == len(rest) or rest[k + 2] not in self._not_words)
            for k in range(len(rest) - 1)
        )

    def _trim(self, words: Sequence[int]) -> list[int]:
        trimmed = list(words)
        while trimmed and trimmed[-1] in self._closers:
            trimmed.pop()
        return trimmed

    def _short(self, words: Sequence[int], openers: frozenset[int]) -> bool:
        """A short answer: an opener word and at most two softeners ("Hardly.", "No, not really")."""
        return 1 <= len(words) <= 3 and words[0] in openers and all(w in self._softeners or w in self._denials for w in words[1:])

    def _ends_with_question(self, lowers: Sequence[int], first: int, stop: int) -> bool:
        words = self._trim(lowers[first:stop])
        if not words or words[-1] != self._question:
            return False
        body = words[:-1]
        # "…, right?" / "…, you know?" / "…, don't we?" ask for agreement, not information.
        if self._comma in body[-4:]:
            after = body[len(body) - body[::-1].index(self._comma):]
            if (len(after) == 1 and after[0] in self._tags) or (2 <= len(after) <= 3 and after[-1] in self._pronouns):
                return False
        return True

    def _in_label(self, lowers: Sequence[int], t_end: int, start: int, stop: int) -> bool:
        """Whether a match starting at ``start`` is in the name a ``label`` trigger ending at ``t_end`` gives: "They call it shared decisions, but …".

        The name runs from the trigger to the first word that cannot be in a noun phrase (:data:`_LABEL_ENDS`: a
        comma or clause break, a conjunction, a negation, an auxiliary, a pronoun, "off"), so the match must start
        before it: in "The so-called experts never listen to us" the name is "experts", and "never listen to" is the
        speaker's; "The chair calls it and we vote", "When Bev calls it, we all vote" and "they call it off" name
        nothing. A review's probes of the first version, whose four tokens ran past the name.
        """
        return t_end <= start < stop and all(w not in self._label_ends for w in lowers[t_end : start + 1])

    def _echoed_with_tag(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the sentence is only the match's words and a tag: "Consulted, is it?", "A real say, was it?", "Partners, eh?".

        A tag after a statement asks the listener to agree with it ("We run it ourselves, don't we?" says
        it is so: :meth:`_ends_with_question`). After the matched words alone there is no statement to
        agree with: the speaker takes up someone else's word to question it, as "Consulted?" does, and
        the answer after it says the status. Besides the match only :data:`_ECHO_EXTRAS` ("oh", "so",
        an article, "real", "proper") may stand before the tag ("Everyone votes, don't they?" and
        "Staff decide, don't they?" say something of someone). From corpus 17's tuning half.
        """
        first, stop = sentence
        start, end = match
        words = self._trim(lowers[first:stop])
        if len(words) < 3 or words[-1] != self._question or self._comma not in words:
            return False
        comma = first + len(words) - 1 - words[::-1].index(self._comma)
        tag = lowers[comma + 1 : first + len(words) - 1]
        if not ((len(tag) == 1 and tag[0] == self._eh) or (len(tag) == 2 and tag[0] in self._echo_tag_auxiliaries and tag[1] in self._pronouns)):
            return False  # "We're the experts, aren't we?", "Staff trust us, right?": agreement asked of a statement
        if not (first <= start and end <= comma) or lowers[start] in self._pronouns:
            return False  # "We're consulted, are we?": the match has its own subject
        return all(w in self._echo_extras for w in (*lowers[first:start], *lowers[end:comma]))

    # ------------------------------------------------------------ who acts: group talk (stop 54)
    def _who_acts_words(self, word: Any) -> None:
        """The word sets of :meth:`_who_acts` and :meth:`_someones_group_end`: closed grammatical classes, not phrases."""
        self._letting_verbs = frozenset(map(word, _LETTING_VERBS))
        self._causer_helpers = frozenset(map(word, _CAUSER_HELPERS))
        self._causer_subjects = frozenset(map(word, ("i", "we")))
        #: What opens the words naming the one let ("the caucus", "them", "those lads", "a few of the new ones").
        self._let_openers = frozenset(map(word, ("the", "those", "these", "his", "her", "their", "a", "an", "some", "all", "both", "each", "every", "few")))
        self._let_pronouns = frozenset(map(word, ("them", "him", "her", "'em")))
        self._not_caused = self._first_person | frozenset(map(word, ("you", "it", "that", "this", "there", "yourself", "yourselves", "everyone", "everybody")))
        self._owned_openers = frozenset(map(word, ("that", "it", "this")))
        self._owned_copulas = frozenset(map(word, ("'s", "is", "was", "’s")))
        self._disowned_owners = frozenset(map(word, ("mine", "ours", "me", "us")))
        self._own_possessives = frozenset(map(word, ("my", "our")))
        self._me_us = frozenset(map(word, ("me", "us")))
        #: The speaker as one of those let, said after ("…, me included", "…, and I'm one of the members"): _lets_others.
        self._speaker_objects = frozenset(map(word, ("me", "us", "myself", "ourselves")))
        self._am_are = frozenset(map(word, ("'m", "am", "'re", "are", "was", "were", "’m", "’re")))
        #: "Not me, I mean, we all do": a repair or the speaker's "we" after "Not me," takes the exemption back (_exempts_self).
        self._mean, self._part = word("mean"), word("part")
        self._we_us = frozenset(map(word, ("we", "us", "our", "ours")))
        self._speaker_singular = self._first_person - self._we_us - {word("ourselves")}
        self._exempt_places = frozenset(map(word, _EXEMPT_PREPOSITIONS))
        self._group_determiners = frozenset(map(word, ("the", "those", "these")))
        self._third_openers = frozenset(map(word, ("they", "he", "she", "them", "those", "these", "the")))
        self._not_third = frozenset(map(word, ("everyone", "everybody", "you", "it", "there", "this", "that", "what")))
        # The relatives a title before a name may be ("Aunty Mere", "Uncle Frank"): the second words of the "my …" rows.
        mine = self._subject_index.get(self._my)
        self._kin_titles = frozenset(mine[0]) if mine is not None else frozenset()
        #: What counts some of a group before "of them" ("some of them", "three of them", "a couple of them").
        self._them_counts = self._quantifiers | frozenset(map(word, _COUNTS))
        self._them = word("them")  # "of" is self._of
        # Words before "'s" that own nothing ("that's", "it's", "there's"): known common words that end no "my …" row
        # and are no name, so only a relative's title before them could make an owner (_owner_in, stop 55).
        #: The last words of the "my …" ``subject`` rows ("sister", "mum"): a relative who may own ("my sister's").
        self._relative_lasts = frozenset(w[-1] for rows in (mine[0].values() if mine is not None else ()) for w in rows)
        self._watched_heads = frozenset(map(word, _WATCHED_HEADS))
        self._part_counts = frozenset(map(word, ("half", "most", "some", "few", "many", "several")))
        self._the = word("the")
        self._among_heads = frozenset(phrase[0] for phrase in self._among)
        self._among_cues = frozenset(_rarest(phrase, self.nlp.vocab.strings) for phrase in self._among)  # "one", "among", "part"
        self._among_breaks = frozenset(map(word, (",", "and", "but", ";", "—", "–")))
        # What an among row counts the speaker in must point back at the report (_among_back, review of stop 55): "I was
        # one of them", "I was part of it", "one of the six who wrote it"; not "one of the few who weren't asked".
        self._among_backs = frozenset(map(word, ("them", "it", "that", "those", "this", "these")))
        self._among_determiners = frozenset(map(word, ("the", "those", "these")))
        self._among_pointers = frozenset(map(word, ("that", "this")))
        self._among_relatives = frozenset(map(word, ("who", "that", "which")))
        self._among_closers = frozenset(map(word, ("too", "myself", "ourselves", "actually", "then", "really")))
        self._among_denials = frozenset(map(word, _NOT_SINCE))
        self._beneficiary_helpers = frozenset(map(word, ("all", "both", "had", "has", "really", "actually")))  # _done_for_speaker
        self._onlooker_joining = frozenset(map(word, ("too", "also", "joined", "join", "joining", "did", "do")))  # _onlooker_joins
        #: Verbs of doing the reported thing before "it" in an among row's relative clause ("who wrote it", "that did
        #: that", "who worked on it"): not "who hated it", "who moved out because of it", "who fought it".
        self._among_doings = frozenset(map(word, _AMONG_DOINGS))
        self._among_particles = frozenset(map(word, ("on", "up", "for")))
        groups = self._subject_index.get(self._possessive_s)
        #: The ``subject`` rows opening "'s" ("'s lot", "'s crowd"): a group named by whose it is.
        self._group_words = frozenset(groups[0]) if groups is not None else frozenset()

    def _who_acts(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the match is someone else's by who acts in it: the speaker makes others do it, or says it is theirs.

        Three readings of group talk (stop 54), beside :meth:`_someone_elses_clause` (one hook in :meth:`categories`, for
        a code whose evidence is not what staff do):

        * **The speaker as causer** (:meth:`_lets_others`): "We let the caucus vote on the priorities", "I let the
          young ones decide": with "I" or "we" as the subject of "let", the
          one who does the matched thing is the one let, not the speaker (a staff member's or a role-holder's "we").
          Not "They let us vote" (the speaker is the one let), nor a match that holds the speaker ("We let them ask
          us").
        * **A group the speaker then counts as "them"** (:meth:`_counted_as_them`): "The old drivers look out for each
          other something fierce. When Len had his fall, three of them were round his place …": the group of the match's
          clause counted in the next sentence as some "of them" ("three of them", "some of them"), which the speaker
          would say "of us" of a group they are in.
        * **Done for the speaker** (:meth:`_done_for_speaker`, stop 55): "The staff co-designed the menu for me": the
          speaker is the beneficiary, not one who does it ("They co-designed it with me" is the speaker's).
        * **Whose it is, said** (:meth:`_owned_by_others`): a clause or sentence saying whose the thing is, "That's
          their marae.", "That's Moira's group, they vote on everything", "…, for her lot", "Their vote, not mine.":
          someone else's when the match's clause opens on someone else ("they", a noun phrase, a name) and the
          speaker is nowhere else in the sentence; or when the thing named is the match's own word and no first person
          comes before the match in its clause ("We let the caucus vote …, and what they voted is what we took to the
          table. Their vote, not mine."; not "…, but we all voted").
        """
        return (
            self._lets_others(lowers, sentence, match)
            or self._owned_by_others(lowers, sentence, match, next_sentence)
            or (bool(next_sentence) and self._counted_as_them(lowers, sentence, match, next_sentence))
            or self._done_for_speaker(lowers, sentence, match)
        )

    def _lets_others(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match is done by someone the speaker lets do it: "We let the caucus vote", "I let the young ones decide".

        In the match's clause, right before the match: "let" and words naming someone who is not the speaker (a
        determiner and up to three words, "the caucus", "those lads"; or "them", "him", "her" or a name alone); before
        the verb, "I" or "we", a few helpers aside ("we just let", "we've always let"). Not when the one let is the
        speaker, "you" or a thing ("They let us vote", "We let it go"), nor when the speaker is in the match's clause
        from the match on ("We let them ask us what we think", "We let the manager decide it together with us").
        """
        first, stop = sentence
        start, end = match
        before = lowers[max(first, start - 6) : start]
        if self._letting_verbs.isdisjoint(before) and self._onlooking.isdisjoint(before):
            return False
        if not self._first_person.isdisjoint(lowers[start : self._clause_end(lowers, end, stop)]):
            return False  # "We let them ask us …", "We let the manager decide it together with us": the speaker takes part
        opening = self._clause_opening(lowers, first, start, fillers=True)
        for verb in range(max(opening, start - 6), start - 1):
            if lowers[verb] not in self._letting_verbs and lowers[verb] not in self._onlooking:
                continue
            done_by = lowers[verb + 1 : start]
            if done_by and set(done_by) <= self._let_openers and (lowers[start] in self._groups or lowers[start] in self._person_nouns):
                done_by = lowers[verb + 1 : start + 1]  # the match opens on the people: "let the tenants vote", "saw the members decide" (stop 55)
            if lowers[verb] not in self._letting_verbs and (
                not self._watched(lowers, verb + 1, verb + 1 + len(done_by)) or self._onlooker_joins(lowers, match, stop)
            ):
                continue
            if not 1 <= len(done_by) <= 4 or not self._not_caused.isdisjoint(done_by) or not self._clause_breaks.isdisjoint(done_by):
                continue
            if any(w in self._closers or w in self._possessive_marks for w in done_by):
                continue  # "We have the residents' vote": a thing had, not someone let
            one = done_by[0] in self._let_pronouns or self._name(done_by[0])
            if not ((one and len(done_by) == 1) or (done_by[0] in self._let_openers and len(done_by) >= 2)) or not self._denials.isdisjoint(done_by):
                continue  # "I haven't really made friends", "I've got nothing to put on a CV": no one let
            subject = verb - 1
            while subject >= opening and lowers[subject] in self._causer_helpers:
                subject -= 1
            if subject >= opening and lowers[subject] in self._causer_subjects:
                return not self._speaker_among_let(lowers, end, stop, done_by[-1])
        return False

    def _onlooker_joins(self, lowers: Sequence[int], match: tuple[int, int], stop: int) -> bool:
        """Whether the onlooker then does what they watched, later in the sentence (:meth:`_lets_others`, review of stop 55).

        After the match's clause, the first person and then a word of the match again (its lemma, a word of four
        letters or more: "vote", "decide") or "too", "also", "joined", "did": "I watched them vote on it, and I voted on
        it as well", "I've watched them vote on it, then we vote on it too", "I saw them decide it together, I was there
        deciding it with them"; or any first person in a short clause after (four words at most: "…, we all did", "…,
        as members ourselves"). Watching and then doing it is the speaker's experience too; "let" is not read so.
        """
        start, end = match
        clause = self._clause_end(lowers, end, stop)
        firsts = [i for i in range(clause, stop) if lowers[i] in self._first_person and lowers[i] not in self._own_possessives]
        if not firsts:
            return False  # "…, my mates did too": the speaker's friends, not the speaker
        lemmas, strings = _lemma_ids(), self.nlp.vocab.strings
        if sum(1 for w in lowers[clause + 1 : stop] if strings[w].isalpha()) <= 4:
            return True  # a short clause after: "…, we all did", "…, as members ourselves", "…, me included"
        matched = {lemmas.get(w, w) for w in lowers[start:end] if len(strings[w]) >= 4 and strings[w].isalpha()}
        return any(lemmas.get(w, w) in matched or w in self._onlooker_joining for w in lowers[firsts[0] + 1 : stop])

    def _speaker_in_short_clause(self, lowers: Sequence[int], end: int, stop: int) -> bool:
        """Whether the clause right after the match's is a short one counting the speaker in: "…, me included", "…, including me", "…, us too".

        At most three words, holding "me" or "us", with no denial and no "without" ("…, not us", "…, without us").
        """
        clause = self._clause_end(lowers, end, stop)
        if clause >= stop:
            return False
        short = lowers[clause + 1 : self._clause_end(lowers, clause + 1, stop)]
        return len(short) <= 3 and not self._speaker_objects.isdisjoint(short) and self._denials.isdisjoint(short) and self._without not in short

    def _speaker_among_let(self, lowers: Sequence[int], end: int, stop: int, let: int) -> bool:
        """Whether the sentence after the match's clause puts the speaker among those let (:meth:`_lets_others`).

        A short clause of its own holding "me" or "us" ("We let the whole group vote, me included"), or the speaker
        said to be what the one let is or part of it ("We let the members vote, and I'm one of the members", "… and
        we're residents too", "… and we're part of that"): the first person, a form of "be" and the one let's last word
        (its lemma) or "part" within four words after.
        """
        if self._speaker_in_short_clause(lowers, end, stop):
            return True  # "…, me included", "…, us too"; not "…, not us", "…, without us"
        lemmas = _lemma_ids()
        head = lemmas.get(let, let)
        for k in range(self._clause_end(lowers, end, stop), stop - 1):
            if lowers[k] in self._first_person and lowers[k + 1] in self._am_are:
                if any(lemmas.get(w, w) == head or w == self._part for w in lowers[k + 2 : min(k + 6, stop)]):
                    return True  # "and I'm one of the members", "and we're residents too", "and we're part of that"
        return False

    def _watched(self, lowers: Sequence[int], begin: int, start: int) -> bool:
        """Whether ``lowers[begin:start]`` name people the speaker watched do the match: "I watched the young ones run it" (stop 55).

        After an ``onlooking`` verb ("watched", "saw", "heard") the words before the match are people, not a thing
        ("I saw the point of co-designing it"): "them", "him", "her" or a name alone, a ``subject`` row ("the lads"),
        or a determiner and at most three words ending on a person noun, a group word or one of
        :data:`_WATCHED_HEADS` ("the young ones", "the tenants", "the council"). The rest of the reading is
        :meth:`_lets_others`': the speaker as the one who watches is no more in it than the one who lets.
        """
        words = lowers[begin:start]
        if not 1 <= len(words) <= 4 or not self._clause_breaks.isdisjoint(words) or self._to in words or self._of in words:
            return False
        if len(words) == 1:
            return words[0] in self._let_pronouns or self._name(words[0])
        if self._subject_end(lowers, begin, start) == start:
            return True
        return words[0] in self._let_openers and (words[-1] in self._person_nouns or words[-1] in self._groups or words[-1] in self._watched_heads)

    def _done_for_speaker(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether someone else does the match *for* the speaker, who is in the sentence only so: "The staff co-designed the menu for me" (stop 55).

        The beneficiary: the match's clause opens on someone else ("they", "the staff", a name, a noun phrase about
        people) and every first person in the sentence is "me" or "us" right after "for", after the match in its
        clause, with no "to" after it ("for us to choose" makes the speaker the one who does it). What others do
        *with* the speaker is the speaker's experience ("They co-designed it with me"); what they do for the speaker
        is theirs. The match is the clause's verb, right after its subject (two helpers aside): "They set up a time bank
        for us" gives the speaker a thing to use, it does not take the time bank from them. A code whose evidence is
        what staff do is not read here (the caller's hook).
        """
        first, stop = sentence
        start, end = match
        if self._for not in lowers[end:stop]:
            return False  # most sentences: one scan for "for"
        opening = self._clause_opening(lowers, first, start, fillers=True)
        if opening >= start or lowers[opening] in self._not_third:
            return False
        relative = self._relative_end(lowers, opening, start)  # "My daughter co-designed the garden for me"
        if lowers[opening] in self._first_person and not relative:
            return False
        if not (
            relative or lowers[opening] in self._third_openers or self._name(lowers[opening])
            or self._subject_end(lowers, opening, start) is not None or self._people_end(lowers, opening, start) is not None
        ):
            return False
        # The match is what they do, the verb after its subject and at most two helpers ("They've all co-designed"), not
        # a thing they made for the speaker to have: "They set up a time bank for us" (review of stop 55).
        if not any(
            self._beneficiary_subject(lowers, opening, subject, relative)
            and all(w in self._causer_helpers or w in self._beneficiary_helpers for w in lowers[subject:start])
            for subject in range(max(opening + 1, start - 2), start + 1)
        ):
            return False
        clause = self._clause_end(lowers, end, stop)
        firsts = [i for i in range(first, stop) if lowers[i] in self._first_person and not (relative and opening <= i < relative)]
        return bool(firsts) and all(
            end <= i < clause and lowers[i - 1] == self._for and lowers[i] in self._me_us and not (i + 1 < stop and lowers[i + 1] == self._to)
            for i in firsts
        )

    def _beneficiary_subject(self, lowers: Sequence[int], opening: int, subject: int, relative: int | None) -> bool:
        """Whether ``lowers[opening:subject]`` is the whole subject of a clause done for the speaker (:meth:`_done_for_speaker`).

        The speaker's relative, alone or with one more ("My mum and dad"); "they", "she", "he" or a name; people the
        speaker could have watched (:meth:`_watched`: "the staff", "the council", "the young ones"); or a third-person
        subject or noun phrase about people ending there.
        """
        if relative:
            return subject == relative or (subject == relative + 2 and lowers[relative] == self._and)
        if subject == opening + 1 and (lowers[opening] in self._third_openers or self._name(lowers[opening])) and lowers[opening] not in self._let_openers:
            return True
        return (
            self._watched(lowers, opening, subject) or self._subject_end(lowers, opening, subject) == subject
            or self._people_end(lowers, opening, subject) == subject
        )

    def _across_words(self, word: Any) -> None:
        """The word sets of :meth:`_across_sentences` (stop 56): closed grammatical classes; its open list is the ``group noun`` rows."""
        from spacy.pipeline import Sentencizer

        self._taken_up = frozenset(map(word, TAKEN_UP))
        self._them_subject, self._staff_word = word("them"), word("staff")
        self._end_marks = frozenset(map(word, Sentencizer.default_punct_chars))  # as the sentencizer ends a sentence
        #: Plural endings of words naming people by what they do ("the sponsors", "the organisers", "the activists").
        self._agent_plurals = ("ers", "ors", "ists", "ians")
        #: Plurals that are as often the speaker's own group as the service's users: never taken up as someone else.
        self._users = self._groups | frozenset(map(word, _SERVICE_USERS))
        self._across_denials = self._not_words | frozenset(map(word, ("never", "no")))
        #: Who runs a group, after its noun ("the team leader", "the group facilitator"): the staff, not the group.
        self._group_roles = frozenset(map(word, ("leader", "leaders", "lead", "facilitator", "facilitators", "chair", "secretary")))
        self._kin_plurals = frozenset(map(word, _KIN_PLURALS))  # stop 57
        self._join_subjects = frozenset(map(word, ("i", "we")))
        self._join_verbs = frozenset(map(word, _JOIN_VERBS))
        self._join_cues = frozenset(map(word, _JOIN_CUES))
        self._join_doings = frozenset(map(word, _JOIN_DOINGS))
        self._join_unsure = frozenset(map(word, _JOIN_UNSURE))
        self._join_alsos = frozenset(map(word, ("too", "also")))
        self._join_the = word("the")
        self._join_ins = frozenset(map(word, ("on", "in")))
        self._join_backs = frozenset(map(word, ("it", "them", "that")))
        self._as_well = (word("as"), word("well"))

    def _across_sentences(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int]) -> bool:
        """Whether the match is someone else's by the group "they" opening its sentence takes up (stop 56).

        The match's clause opens the sentence (at most two fillers before it) on a word of :data:`TAKEN_UP` ("them"
        only before a ``group noun`` row or a person noun: "Them lot plan it"), the match at most four words after it,
        and the sentence holds no first person and no quotation mark. The group it takes up is the first named in
        the sentence before, or the one before that when that one names none (:data:`EARLIER_SENTENCES`,
        :meth:`_group_named`). "The young mothers have their own circle. They help each other with the pills." is
        someone else's experience; "My cousin's on the allotment board. They plan the whole season together now." too.
        "She" and "he" are not read here: opening the match's clause before it they are a ``subject`` row already, and
        opening the match itself ("She's good at it") they are, in the bundled studies, staff telling of a carer or a
        member of a fellow member, whose account stop 42 kept as evidence.

        The speaker breaks the chain (:meth:`_speaker_between`): "I" or "we" doing something, "me" or "us" ("My cousin
        got me onto the board. They …", "She said we could join. They …"); not "I think", "I mean", nor "We're not
        invited". The group named is not someone else's when it is the speaker's ("our board", "my group", "the
        members") or the staff ("The nurses are lovely. They listen."): that ends the search, as a group that is
        someone else's does; a sentence naming no group sends it one sentence further back. A "they" with no group
        named before is the service, which :meth:`_who_acts` and the service rows read.
        """
        first, stop = sentence
        start = match[0]
        if first == 0:
            return False  # the turn's first sentence (most matches): nothing before it
        opening = first
        while opening < start and (lowers[opening] in self._fillers or lowers[opening] in self._clause_breaks):
            opening += 1
        if opening > start or lowers[opening] not in self._taken_up or sum(1 for w in lowers[first:opening] if w in self._fillers) > 2:
            return False
        subject_end = opening + 1
        if lowers[opening] == self._them_subject:
            if subject_end >= stop or not (lowers[subject_end] in self._group_nouns or lowers[subject_end] in self._person_nouns):
                return False  # "Them, they …", "Them that run it": not "them lot"
            subject_end += 1
        if start > subject_end + 4 or not self._clause_breaks.isdisjoint(lowers[subject_end:start]):
            return False  # the match is not what the subject does
        words = lowers[first:stop]
        if not self._first_person.isdisjoint(words) or not self._quotation_marks.isdisjoint(words):
            return False  # "They plan it with us now", "She said 'we could'"
        end = first
        for _ in range(EARLIER_SENTENCES):
            begin = self._sentence_before(lowers, end)
            if begin is None:
                return False
            earlier = lowers[begin:end]
            if not self._quotation_marks.isdisjoint(earlier) or self._speaker_between(earlier):
                return False
            named = self._group_named(earlier)
            if named is not None:
                return named
            end = begin
        return False

    def _joins_after(self, words: Sequence[int]) -> bool:
        """Whether the sentence right after the match says the speaker is in it too (:meth:`_across_sentences`, stop 57).

        "I" or "we" opening it (after fillers, "and", "but", "oh"), a verb of :data:`_JOIN_VERBS` after it (now, not
        "was", "went"), no denial and no word of :data:`_JOIN_UNSURE` in it (a hope, a plan, a past), and a word saying
        the speaker is in it: "joined", "member(s)", "on it"/"in it"/"on the board" (a group noun), or a verb of taking
        part (:data:`_JOIN_DOINGS`) with "too", "also" or "as well" ("I'm on it too.", "I joined last month.", "We go as
        well.", "I'm a member."). Not "I think it's great too" (a hedge: no verb of taking part), "I have a plot too"
        ("too" about something else), "I'm not on it", "I wish I was on it", "I'm hoping to be on it too", "I was on it
        too, years back".
        """
        k = 0
        while k < len(words) and (words[k] in self._fillers or words[k] in self._and_but):
            k += 1
        if k + 1 >= len(words) or words[k] not in self._join_subjects or words[k + 1] not in self._join_verbs:
            return False
        rest = words[k + 1 :]
        if not self._across_denials.isdisjoint(rest) or not self._join_unsure.isdisjoint(rest):
            return False  # "I'm not on it", "We never go", "I'm hoping to be on it too", "I've asked to be a member"
        if not self._join_cues.isdisjoint(rest):
            return True
        pairs = list(zip(rest, rest[1:]))
        if any(a in self._join_ins and b in self._join_backs for a, b in pairs) or any(
            a in self._join_ins and b == self._join_the and c in self._group_nouns for (a, b), c in zip(pairs, rest[2:])
        ):
            return True  # "I'm on it too", "I'm on the board as well"
        doing = next((w for w in rest if w not in self._join_alsos), None) in self._join_doings
        return doing and (not self._join_alsos.isdisjoint(rest) or self._as_well in pairs)  # "we go as well", "I vote too"

    def _sentence_before(self, lowers: Sequence[int], end: int) -> int | None:
        """Where the sentence ending at ``end`` begins (after the end marks before it), or None at the text's start (:meth:`_across_sentences`).

        Read back to the end mark before it: the sentencizer opens a sentence only after an end mark, and the
        pre-filter cuts a text only at a certain start, which follows one, so a study reads the same words as a
        whole text.
        """
        if end <= 0:
            return None
        k = end - 1
        while k >= 0 and (lowers[k] in self._end_marks or lowers[k] in self._quotation_marks):
            k -= 1  # the sentence's own closing marks ("?!", '."')
        while k >= 0 and lowers[k] not in self._end_marks:
            k -= 1
        return k + 1 if k + 1 < end else None

    def _speaker_between(self, words: Sequence[int]) -> bool:
        """Whether the speaker takes part in a sentence between those named and the match (:meth:`_across_sentences`).

        "I" or "we" with something done ("I joined last year", "We go every week"), "me" or "us" ("got me onto the
        board", "she said we could", "with us"), "myself", "ourselves"; not "I think", "I mean" (a hedge), nor "I" or
        "we" denied within three words ("We're not invited"), nor "my" or "our" (a relative, or the speaker's group,
        which :meth:`_group_named` reads).
        """
        for i, w in enumerate(words):
            if w in self._own_possessives or w not in self._first_person:
                continue
            if w == self._i and i + 1 < len(words) and words[i + 1] in self._hedges:
                continue  # "which I think is brilliant", "my friend I mean"
            if w in self._causer_subjects and not self._across_denials.isdisjoint(words[i + 1 : i + 4]):
                continue  # "We're not invited", "I never go"
            return True
        return False

    def _group_named(self, words: Sequence[int]) -> bool | None:
        """Whether the first group a sentence names is someone else's (True), the speaker's or the staff (False), or None when it names none.

        A group: a determiner or "my"/"our" and at most two words before a ``group noun`` row ("the allotment board",
        "our group"), a plural person noun ("the lads", "the women") or a plural of :attr:`_agent_plurals` ("the
        sponsors", "the young mothers"). "our", "my" before a group noun, the speaker's group ("the members") and
        the staff ("the nurses", "the staff") are not someone else's; "they" itself is passed over. A ``not a group``
        row ends the search as no one else's: a thing ("the numbers", "the doors", "the notice board") or the service ("the
        council", "the facilitators"). A group noun before "of" is not the head ("a lot of red tape"; "a group of lads"
        reads on to "lads"), before a leader or staff noun it is the staff ("the team leader"), and before a ``group
        thing`` row it names a thing and ends the search too ("the committee room", "the board games", stop 57).
        Relatives in the plural (:data:`_KIN_PLURALS`: "my cousins", "the grandkids") are someone else's people.
        """
        size = len(words)
        strings = self.nlp.vocab.strings
        for i, w in enumerate(words):
            if w not in self._determiners and w not in self._own_possessives:
                continue
            for head in range(i + 1, min(i + 4, size)):
                h = words[head]
                if h in self._clause_breaks or h in self._end_marks:
                    break
                if h in self._not_groups:
                    return False  # "the numbers", "the officers", "the council": no one else's group; "they" is the service's
                if h in self._group_nouns and head + 1 < size and words[head + 1] == self._of:
                    continue  # "a lot of red tape", "a group of lads": the head is after "of"
                if h in self._group_nouns and head + 1 < size and (words[head + 1] in self._group_roles or words[head + 1] in self._staff):
                    return False  # "the team leader", "the club manager": the staff
                if h in self._group_nouns and head + 1 < size and words[head + 1] in self._group_things:
                    return False  # "the committee room", "the board games": a thing the group noun only describes (stop 57)
                text = strings[h]
                plural_person = (
                    h in self._person_nouns and text.endswith(("s", "men")) or h in self._kin_plurals
                    or (text.isalpha() and len(text) > 4 and text.endswith(self._agent_plurals))
                )
                if h in self._group_nouns or plural_person or h in self._users or h in self._staff or h == self._staff_word:
                    if w in self._own_possessives and (w != self._my or h in self._group_nouns):
                        return False  # "our board", "our lads", "my group": the speaker's
                    return not (h in self._users or h in self._staff or h == self._staff_word)  # the speaker's group, the service
        return None

    def _counts_self_among(self, lowers: Sequence[int], after: int, stop: int, next_sentence: Sequence[int], later: Sequence[int]) -> bool:
        """Whether the speaker counts themself among those a report told of: "… says residents co-designed it. I was one of them." (stop 55).

        An ``among`` row ("I was one of", "I'm part of", "we were among") opening a clause after the report in its
        sentence (after a comma, "and" or "but"), the next sentence or the one after it, past fillers and a fronted
        phrase before a comma ("The transport chapter, yes, I was one of the six who wrote it"). A report that names
        a group the speaker is in, said by a document or a third party, is then the speaker's own account, as a
        ``confirm`` row makes a report naming "us" theirs. Not "I wasn't one of them" (no row), nor after a
        dispute (read first by the caller).
        """
        if not self._among:
            return False
        places = [lowers[after:stop], next_sentence, next(iter(self._sentences_of(later)), [])]
        heads, cues = self._among_heads, self._among_cues
        for words in places:
            if cues.isdisjoint(words) or heads.isdisjoint(words):
                continue  # most sentences: no row's rarest word
            for p in range(len(words)):
                if p and words[p - 1] not in self._among_breaks:
                    continue
                q = p
                while q < len(words) and words[q] in self._fillers:
                    q += 1
                for phrase in self._among:
                    if self._at(words, q, phrase, len(words)) and self._among_back(words, q + len(phrase), phrase):
                        return True
        return False

    def _among_back(self, words: Sequence[int], r: int, phrase: Sequence[int]) -> bool:
        """Whether what an ``among`` row ends on at ``r`` points back at the report: the speaker among *its* people (review of stop 55).

        "them", "it", "that", "those", "this" or "these" closing the clause ("I was one of them.", "I was part of it,
        honestly", "We were among them too"), or "that" or "this" and one word closing it, or "those" or "these" and a
        group word or person noun ("I was part of that group", "one of those tenants"; not "among those excluded"); or "the", "those" or "these", at most four words and
        "who", "that" or "which" opening a clause with no denial where one of those words follows a verb of doing it
        (:data:`_AMONG_DOINGS`: "I was one of the six who wrote it over eight Wednesday mornings", "the ones who worked
        on it"). Not a group of the speaker's own the report did not name: "I was one of the few who weren't asked",
        "one of the people who complained", "I was part of the group that refused", "I'm part of the furniture", "one
        of them that never got asked", "one of the people who hated it". A row that itself points back and closes the
        clause ("i was in that lot", a codebook's own row) needs nothing after it.
        """
        n = len(words)

        def closes(k: int) -> bool:
            if k >= n or words[k] in self._among_breaks or words[k] in self._among_closers:
                return True
            return not any(c.isalnum() for c in self.nlp.vocab.strings[words[k]])  # a mark: ".", "!", "?"

        if closes(r):
            return not self._among_backs.isdisjoint(phrase)
        if words[r] in self._among_backs and closes(r + 1):
            return True
        if r + 1 < n and not closes(r + 1) and closes(r + 2) and (
            words[r] in self._among_pointers
            or (words[r] in self._among_determiners and words[r] != self._the and (words[r + 1] in self._groups or words[r + 1] in self._person_nouns))
        ):
            return True  # "I was part of that group", "one of those tenants": the report's group, pointed at; not "those left out"
        if words[r] not in self._among_determiners:
            return False
        for s in range(r + 1, min(n, r + 6)):
            if words[s] in self._among_relatives:
                end = next((k for k in range(s + 1, n) if words[k] in self._among_breaks or closes(k)), n)
                clause = words[s + 1 : end]
                return self._among_denials.isdisjoint(clause) and any(
                    clause[k] in self._among_backs and (
                        clause[k - 1] in self._among_doings
                        or (k >= 2 and clause[k - 1] in self._among_particles and clause[k - 2] in self._among_doings)
                    )
                    for k in range(1, len(clause))
                )
            if closes(s):
                return False
        return False

    def _counted_as_them(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether the group doing the match is counted as "them" in the next sentence: "The old drivers look out for each other. … three of them were round".

        The match's clause opens on "they" or a noun phrase ("the old drivers", "those lads": "the", "those" or "these"
        and one to three words before the match), the speaker is nowhere in the sentence, and the next sentence holds
        a ``subject`` row ending "of them" ("three of them", "some of them"). Not "The lads look out for me. Some of
        them …" (the speaker in the sentence) nor "Some of us …", nor with the speaker as "I", "me" or "my" in the
        counting sentence ("Three of them and me sat down", "I'm one of them") or "of them and us".
        """
        if self._them not in next_sentence:
            return False
        first, stop = sentence
        start, _ = match
        opening = self._clause_opening(lowers, first, start, fillers=True)
        word = lowers[opening] if opening < start else None
        if word != self._they and not (word in self._group_determiners and 2 <= start - opening <= 4):
            return False
        count = len(next_sentence)
        at = next(
            (k for k in range(2, count) if next_sentence[k] == self._them and next_sentence[k - 1] == self._of and next_sentence[k - 2] in self._them_counts),
            None,
        )
        if at is None or any(self._speaker_at(lowers, i, first, stop) for i in range(first, stop)):
            return False
        # The speaker among them, or the one they help, in that sentence (review, stop 54): "Three of them and me sat
        # down …", "I'm one of them", "When I had my fall, three of them were round my place" (the speaker as "I", "me",
        # "my"), "three of them and us"; not a "we" set against them ("… three of them were round his place with
        # casseroles before we'd even heard": the speaker's other group).
        if at + 2 < count and next_sentence[at + 1] == self._and and next_sentence[at + 2] in self._speakers:
            return False
        return not any(next_sentence[i] in self._speaker_singular and self._speaker_at(next_sentence, i, 0, count) for i in range(count))

    def _owner_end(self, words: Sequence[int], i: int, stop: int) -> int | None:
        """Where an owner other than the speaker opening at ``i`` ends: "their", "his", "her", "Moira's", "my sister's", "Aunty Mere's"."""
        if i >= stop:
            return None
        if words[i] in self._possessives:
            return i + 1
        relative = self._relative_end(words, i, stop)
        if relative:
            j = relative
        elif self._name(words[i]):
            j = i + 1
        elif words[i] in self._kin_titles and i + 2 < stop and words[i + 2] in self._possessive_marks and self._nlp_word(words[i + 1]):
            j = i + 2  # "Aunty Mere's", "Uncle Frank's": a relative's title and a name (one a word may spell: "Mere")
        else:
            return None
        return j + 1 if j < stop and words[j] in self._possessive_marks else None

    def _owner_in(self, words: Sequence[int], begin: int, stop: int) -> bool:
        """Whether ``words[begin:stop]`` may hold an owner :meth:`_owner_end` finds: the gate of :meth:`_owned_by_others` (stop 55).

        "their", "his" or "her" anywhere; or "'s" after a word that may own (a name, a relative, a relative's title
        and a name: "Moira's", "my sister's", "Aunty Mere's"). Not "'s" after "that", "it", "there" or the like
        (nor "council's", "group's": only a name, the last word of a "my …" ``subject`` row, "sister", or any word after a
        relative's title may own), so "that's", "it's" and "there's", in nearly every sentence, own nothing.
        """
        if not self._possessives.isdisjoint(words[begin:stop]):
            return True
        marks, owners, titles = self._possessive_marks, self._relative_lasts, self._kin_titles
        if marks.isdisjoint(words[begin:stop]):
            return False
        return any(
            words[k] in marks and (words[k - 1] in owners or self._name(words[k - 1]) or (k - 2 >= begin and words[k - 2] in titles))
            for k in range(begin + 1, stop)
        )

    def _nlp_word(self, word: int) -> bool:
        """Whether a token is a word of letters (a name after a relative's title: "Aunty Mere"), not a pronoun or a mark."""
        text = self.nlp.vocab.strings[word]
        return text.isalpha() and word not in self._first_person and word not in self._possessives and word not in self._third_openers

    def _someones_group_end(self, lowers: Sequence[int], position: int, limit: int) -> int | None:
        """Where a group named by whose it is ends: "Moira's lot", "Aunty Mere's crowd", "my sister's gang" (a ``subject`` row opening "'s")."""
        if not self._group_words:
            return None
        owner = self._owner_end(lowers, position, limit)
        if owner is None or lowers[owner - 1] not in self._possessive_marks or owner >= limit or lowers[owner] not in self._group_words:
            return None
        return owner + 1

    def _owned_said(self, words: Sequence[int], begin: int, stop: int, *, closing: bool = False) -> tuple[int, int] | None:
        """The words named as someone else's in ``words[begin:stop]``, a sentence or clause of its own, as (first, end), or None.

        "That's their marae.", "That is her route, though", "That's Moira's group": "that", "it" or "this", a form of
        "be", an owner (:meth:`_owner_end`) and one to three words; "Their vote, not mine.", "Her idea, not ours": an
        owner, one to three words, a comma and "not" with "mine", "ours", "me", "us" or "my"/"our" and a noun;
        ``closing`` (a clause closing the match's sentence): also "for her lot", "for Moira's group".
        """
        stop = self._said_end(words, begin, stop)
        while begin < stop and (words[begin] in self._fillers or words[begin] == self._comma):
            begin += 1
        if begin + 3 <= stop and words[begin] in self._owned_openers and words[begin + 1] in self._owned_copulas:
            owner = self._owner_end(words, begin + 2, stop)
            if owner is not None and 1 <= stop - owner <= 3 and self._comma not in words[owner:stop] and self._first_person.isdisjoint(words[owner:stop]):
                return owner, stop
        if closing and begin + 2 <= stop and words[begin] == self._for:
            owner = self._owner_end(words, begin + 1, stop)
            if owner is not None and 1 <= stop - owner <= 2 and self._first_person.isdisjoint(words[owner:stop]):
                return owner, stop
        owner = self._owner_end(words, begin, stop)
        if owner is None:
            return None
        comma = next((k for k in range(owner + 1, min(owner + 4, stop)) if words[k] == self._comma), None)
        if comma is None or comma + 2 >= stop + 1 or words[comma + 1] != self._not:
            return None
        rest = words[comma + 2 : stop]
        if (len(rest) == 1 and rest[0] in self._disowned_owners) or (2 <= len(rest) <= 3 and rest[0] in self._own_possessives):
            return owner, comma
        return None

    def _owned_by_others(self, lowers: Sequence[int], sentence: tuple[int, int], match: tuple[int, int], next_sentence: Sequence[int]) -> bool:
        """Whether a sentence or clause says the matched thing is someone else's (:meth:`_who_acts`, :meth:`_owned_said`)."""
        first, stop = sentence
        start, end = match
        if not (self._owner_in(lowers, first, stop) or self._owner_in(next_sentence, 0, len(next_sentence))):
            return False  # every owner is "their", "his", "her" or ends "'s" after a name or a relative, not "that's", "it's"
        inside = self._owned_said(lowers, first, stop)
        if inside is not None and inside[0] <= start and end <= inside[1]:
            return True  # the match is the thing named as theirs: "Their vote, not mine."
        places: list[tuple[Sequence[int], tuple[int, int]]] = []
        said = self._owned_said(next_sentence, 0, len(next_sentence)) if next_sentence else None
        if said is not None:
            places.append((next_sentence, said))
        breaks = [p for p in range(first, stop) if lowers[p] == self._comma]
        own = (first, stop)  # the match's sentence less the clause saying whose it is
        for p in breaks:
            if p >= end and (said := self._owned_said(lowers, p + 1, stop, closing=True)) is not None:
                places.append((lowers, said))
                own = (first, p)
                break
            if p < start and (said := self._owned_said(lowers, first, p)) is not None:
                places.append((lowers, said))
                own = (p + 1, stop)
                break
        if not places:
            return False
        opening = self._clause_opening(lowers, own[0], start, fillers=True)
        lemmas = _lemma_ids()
        matched = {lemmas.get(w, w) for w in lowers[start:end]}
        # The match's own subject: from the clause's opening, or from an "and" opening a clause of its own after it.
        subject_from = next((k + 1 for k in range(start - 1, opening - 1, -1) if lowers[k] == self._and), opening)
        # Someone else said as the match's subject ("what they voted"): not a subject left unsaid, which is as often the
        # speaker ("Had a vote on it last week. That's their vote now.").
        said_by = any(w in self._third_openers or self._name(w) for w in lowers[subject_from:start])
        if said_by and self._first_person.isdisjoint(lowers[subject_from:end]) and any(lemmas.get(w, w) in matched for words, (low, high) in places for w in words[low:high]):
            return True  # "… what they voted is what we took to the table. Their vote, not mine.": the thing matched, named as theirs
        if opening >= start or lowers[opening] in self._not_third or lowers[opening] in self._first_person:
            return False
        third = (
            lowers[opening] in self._third_openers or self._name(lowers[opening]) or lowers[opening] in self._possessives
            or self._subject_end(lowers, opening, start) is not None or self._people_end(lowers, opening, start) is not None
        )
        return third and not any(self._speaker_at(lowers, i, first, stop) for i in range(own[0], own[1]))

    def _exempts_self(self, words: Sequence[int]) -> bool:
        """Whether ``words`` (the next sentence) exempt the speaker from a claim just reported: "Not me.", "Not on my corner."

        "not" and "me" or "us", or "for" and "me" or "us" ("Not for me, I never bother"), whole or before a comma; or
        "not", a preposition of place or company and "my" or "our" and one or two words, the whole of what is said
        (closing words aside): "Not on my corner.", "Not at our table, anyway." (:meth:`_disputed`). Only as a
        sentence of its own: closing a clause, "…, not me" is as often a contrast someone quoted. Not "Not me," with "I
        mean" or the speaker's "we"/"us" after it: "Not me, I mean, we all do", "Not me, they ask all of us".
        """
        stop = self._said_end(words, 0, len(words))
        if stop < 2 or words[0] != self._not:
            return False
        at = 2 if words[1] == self._for else 1
        if at < stop and words[at] in self._me_us and (at + 1 == stop or words[at + 1] == self._comma):
            rest = words[at + 2 : stop]
            if words[at] != self._me or not rest:
                return True
            # "Not me, I mean, we all do", "Not me, they ask all of us": the speaker takes it back, or is in it as "we".
            return not (tuple(rest[:2]) == (self._i, self._mean) or not self._we_us.isdisjoint(rest))
        return (
            4 <= stop <= 5 and words[1] in self._exempt_places and words[2] in self._own_possessives
            and self._first_person.isdisjoint(words[3:stop])
        )

    def status(
        self,
        lowers: Sequence[int],
        sentence: tuple[int, int],
        match: tuple[int, int],
        *,
        next_sentence: Sequence[int] = (),
        observed: bool | str = False,
        later: Sequence[int] = (),
    ) -> str:
        """The match's status: the first of :data:`PRECEDENCE` that applies, else ``"affirmed"`` (``observed``: in a field note)."""
        found = self.categories(lowers, sentence, match, next_sentence=next_sentence, observed=observed, later=later)
        return next((category for category in PRECEDENCE if category in found), "affirmed")

    def judge(self, doc: Any, words: str, *, occurrence: int = 0, observed: bool | str = False) -> str:
        """The status of the words ``words`` in a Doc: a convenience for examples and tests.

        Examples
        --------
        >>> from qlr.code._nlp import pipeline
        >>> nlp = pipeline()
        >>> AssertionRules(nlp).judge(nlp("Shared it equally? Hardly."), "shared it equally")
        'negated'
        >>> note = nlp("Ian chaired this meeting.")  # a field note: what the observer saw Ian do
        >>> AssertionRules(nlp).judge(note, "chaired"), AssertionRules(nlp).judge(note, "chaired", observed=True)
        ('other', 'affirmed')
        """
        from ..errors import CodingError

        text = doc.text.lower()
        begin = -1
        for _ in range(occurrence + 1):
            begin = text.find(words.lower(), begin + 1)
        if begin < 0:
            raise CodingError(f"{words!r} is not in the text")
        span = doc.char_span(begin, begin + len(words), alignment_mode="expand")
        sentences = list(doc.sents)
        index = next(i for i, s in enumerate(sentences) if s.start <= span.start < s.end)
        sent = sentences[index]
        lowers = doc_lowers(doc)
        following = lowers[sent.end : sentences[index + 1].end] if index + 1 < len(sentences) else []
        later = lowers[sentences[index + 2].start : sentences[min(index + 2 + LATER_SENTENCES, len(sentences)) - 1].end] if index + 2 < len(sentences) else []
        return self.status(lowers, (sent.start, sent.end), (span.start, span.end), next_sentence=following, observed=observed, later=later)



def _rarest(phrase: tuple[int, ...], strings: Any) -> int:
    """The phrase's least common word (by :func:`~qlr.code._tokenpattern.word_frequency`; a mark or a letter counts as common)."""
    from ._tokenpattern import word_frequency

    return min(phrase, key=lambda word: word_frequency(strings[word]) if strings[word].isalpha() and len(strings[word]) > 1 else 1.0)


def _model_of(rules: Sequence[Rule]) -> Any:
    """The context model a ``model`` row asks for (the last one wins), or None."""
    from ..errors import CodingError
    from ._context import ContextModel

    rows = [rule for rule in rules if rule.kind == "model"]
    if not rows:
        return None
    phrase = rows[-1].phrase.strip()
    if phrase == "context":
        return bundled_model()
    if not Path(phrase).is_file():
        raise CodingError(f"the context model file {phrase!r} named by a model row does not exist", hint="give a path to a .tsv written by ContextModel.write, or phrase: context")
    return ContextModel.read(phrase)


def _string_id(text: str) -> int:
    from spacy.strings import get_string_id

    return get_string_id(text)


#: The lower-case hashes of "nt" and "n't": spaCy splits "dont" as "do" "nt" (and "didnt", "cant", "isnt" so).
_NT, _NOT_CONTRACTED = _string_id("nt"), _string_id("n't")
#: The words spaCy splits an apostrophe-less negation from ("ca" of "cant", "wo" of "wont", "ai" of "aint").
_NEGATED_STEMS = frozenset(
    map(_string_id, "do does did ca wo ai sha is was are were have has had could would should must might need".split())
)
#: The stems of "wont" and "cant", which are also nouns, and the words before which they are ("his wont", "the usual
#: cant"); "That wont let us" is still a negation.
_NOUN_STEMS = frozenset(map(_string_id, ("wo", "ca")))
_NOUN_MAKERS = frozenset(map(_string_id, "a an the his her its their my our your usual".split()))
#: Contractions written with the typographic apostrophe (Word, phones) → as the rules' rows write them.
_CURLY = {_string_id(curly): _string_id(curly.replace("\u2019", "'")) for curly in ("n\u2019t", "\u2019m", "\u2019s", "\u2019re", "\u2019ve", "\u2019ll", "\u2019d")}


#: Dialect negators that are also names (stop 54), and their title-case spellings: inside a sentence, written with a capital,
#: a name ("Yesterday Nane consulted us", "We asked Niver"). Opening a sentence (or after a bracketed note, "[pause]") the
#: capital says nothing, so the word is read: "Nane came." is Scots "none came" (a review's probes, stop 54). A spelling
#: rule of the reading, as the contractions are: the rules' rows read lower case, so the name is read as written.
_NAME_SPELLINGS = {_string_id(word): _string_id(word.title()) for word in ("nae", "nane", "niver", "nivver", "neva", "finna")}
_SENTENCE_OPENERS = frozenset(map(_string_id, (".", "!", "?", "…", "...", ":", '"', "“", "‘", "'", "\n", "\n\n", ")", "]")))


def _read_names(read: list[int], orths: Sequence[int]) -> None:
    """Read a dialect negator spelled as a name inside a sentence (:data:`_NAME_SPELLINGS`) as written, in place."""
    for index, lower in enumerate(read):
        if index and lower in _NAME_SPELLINGS and orths[index] == _NAME_SPELLINGS[lower] and read[index - 1] not in _SENTENCE_OPENERS:
            read[index] = orths[index]  # "Yesterday Nane consulted us": a capital inside a sentence


#: Every lower-case word :func:`read_contractions` may read otherwise (a piece with none of them is read as it is).
_READ_WORDS = frozenset({*_NAME_SPELLINGS, _NT, *_CURLY})


def read_contractions(lowers: Sequence[int], starts: Sequence[int], ends: Sequence[int], orths: Sequence[int] | None = None) -> Sequence[int]:
    """``lowers`` with contractions read as the rules' rows write them: the one place the rules' words are made.

    Messages and diaries drop the apostrophe ("we dont decide anything together"): spaCy splits "dont" as "do" "nt",
    and every rule that reads "n't" missed it (the match was affirmed). An "nt" joined to an auxiliary before it
    ("do", "did", "ca" of "cant", "wo" of "wont", "is", "could" …) reads as "n't", unless a word before that makes it a
    noun ("his wont", "the usual cant"); "NT" on its own or after a mark ("NSW/NT") is no negation. Word and phones
    write the typographic apostrophe ("don’t", "I’m"), read as the straight one. Given the tokens' ``orths``, a
    dialect negator spelled as a name is read as written (:data:`_NAME_SPELLINGS`: "Yesterday Nane consulted us").

    Examples
    --------
    >>> from qlr.code._nlp import pipeline
    >>> nlp = pipeline()
    >>> def read(text):
    ...     doc = nlp(text)
    ...     return [nlp.vocab.strings[h] for h in read_contractions([t.lower for t in doc], [t.idx for t in doc], [t.idx + len(t) for t in doc])]
    >>> read("We dont decide in the NSW/NT office."), read("It was his wont."), read("We don\u2019t.")
    (['we', 'do', "n't", 'decide', 'in', 'the', 'nsw', '/', 'nt', 'office', '.'], ['it', 'was', 'his', 'wo', 'nt', '.'], ['we', 'do', "n't", '.'])
    >>> AssertionRules(nlp).judge(nlp("We dont decide anything together."), "decide anything together")
    'negated'
    """
    if _READ_WORDS.isdisjoint(lowers):  # most pieces: one pass, none of the words read otherwise
        return lowers
    curly = _CURLY
    names = orths is not None and not _NAME_SPELLINGS.keys().isdisjoint(lowers)
    if not names and _NT not in lowers and curly.keys().isdisjoint(lowers):
        return lowers
    read = [curly.get(lower, lower) for lower in lowers]
    if names:
        _read_names(read, orths)
    for index, lower in enumerate(read):
        if (
            lower == _NT
            and index
            and starts[index] == ends[index - 1]
            and read[index - 1] in _NEGATED_STEMS
            and not (index > 1 and read[index - 1] in _NOUN_STEMS and read[index - 2] in _NOUN_MAKERS)
        ):
            read[index] = _NOT_CONTRACTED
    return lowers if names and read == list(lowers) else read  # "nae" in lower case: nothing read otherwise


def doc_lowers(doc: Any) -> Sequence[int]:
    """A Doc's tokens' lower-case hashes as the rules read them (:func:`read_contractions`)."""
    return read_contractions([token.lower for token in doc], [token.idx for token in doc], [token.idx + len(token) for token in doc], [token.orth for token in doc])


@lru_cache(maxsize=1)
def _inflected_forms() -> frozenset[int]:
    """String hashes of the English inflected forms ("runs", "got", "'s") the lemma table lists."""
    from spacy.strings import get_string_id

    from ._prefilter import lemma_table

    return frozenset(map(get_string_id, lemma_table()))


@lru_cache(maxsize=1)
def _ed_forms() -> frozenset[int]:
    """String hashes of the "-ed" forms the lemma table lists ("planned", "decided"): regular past forms."""
    from spacy.strings import get_string_id

    from ._prefilter import lemma_table

    return frozenset(get_string_id(form) for form in lemma_table() if form.endswith("ed"))


@lru_cache(maxsize=1)
def _lemmas() -> frozenset[int]:
    """String hashes of the lemmas the table gives ("rumour" for "rumours"): words, not names."""
    from spacy.strings import get_string_id

    from ._prefilter import lemma_table

    return frozenset(map(get_string_id, lemma_table().values()))


@lru_cache(maxsize=1)
def _lemma_ids() -> dict[int, int]:
    """String hashes of the English inflected forms to their lemmas' ("ran" to "run"): a word said again in a self-repair."""
    from spacy.strings import get_string_id

    from ._prefilter import lemma_table

    return {get_string_id(form): get_string_id(lemma) for form, lemma in lemma_table().items()}


def _common_words() -> list[str]:
    """The 3,000 commonest English words (qlr's own list): a name is none of them."""
    from ._tokenpattern import _frequencies

    return list(_frequencies())


def combine(statuses: Iterable[str]) -> str:
    """One status for several matches of a code on the same passage.

    Any affirmed match makes the passage affirmed evidence; then a prompted one;
    otherwise the first of :data:`PRECEDENCE` present.

    Examples
    --------
    >>> combine(["negated", "affirmed"]), combine(["hypothetical", "other"]), combine(["prompted", "negated"])
    ('affirmed', 'other', 'prompted')
    """
    seen = set(statuses)
    for status in ("affirmed", "prompted", *PRECEDENCE):
        if status in seen:
            return status
    return "affirmed"
