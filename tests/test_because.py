"""A reason after "because" is said as it is, not as a wish (stop 57).

A hypothetical cue's reach ("I'd", "would", "hope") ends at "because", "cos", "'cause": "I'd have joined because nobody
asked me when I was sixteen" says nobody asked, a thing that happened. What the cue itself governs stays hypothetical.
Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from .test_sideways import _statuses

DONE_TO, DESIGN, CONSULTED, SHARED = "negative.done_to", "power.co_designing", "power.consulted", "power.shared_decisions"
LEADING = "power.co_leading"

PROBES = [
    # The reason after "because": not hypothetical (each read hypothetical before).
    ("I'd have joined because nobody asked me when I was sixteen.", DONE_TO, {"affirmed"}),
    ("I would've stayed cos nobody asked me what I wanted.", DONE_TO, {"affirmed"}),
    # What the cue governs, before "because", or a cue of its own after it: still hypothetical.
    ("I'd love to co-design it because it matters.", DESIGN, {"hypothetical"}),
    ("We'd co-design it because we know the area.", DESIGN, {"hypothetical"}),
    ("I hope they'll consult us, because we know the area.", CONSULTED, {"hypothetical"}),
    ("I'm staying because one day we might vote on the menu.", SHARED, {"hypothetical"}),
    # Review of stop 57: "because" inside an "if" or "imagine" clause, before its comma, is part of the condition
    # (each read affirmed on the branch before the review's fix); after the comma it is the speaker's own reason.
    ("If the cafe shut because we voted to close it, I'd be gutted.", SHARED, {"hypothetical"}),
    ("If it went wrong because we co-designed it badly, we'd only have ourselves to blame.", DESIGN, {"hypothetical"}),
    ("If the council backed off cos residents co-designed the plan, that'd be a first.", DESIGN, {"hypothetical"}),
    ("Imagine they changed it because we voted on it.", SHARED, {"hypothetical"}),
    ("If they'd listened, cos we co-designed the first one, it'd have worked.", DESIGN, {"affirmed"}),
    # Stop 58: a reason still to come ("we'll", "will", "might") is hoped for as the hope is: the hope reaches through
    # "because" (each of the first four read affirmed before). A reason said as it is, in the present or the past, or
    # with "'d" for "had", still ends the hope's reach.
    ("Hopefully next year, because we'll vote on the menu then.", SHARED, {"hypothetical"}),
    ("Maybe next year, because we'll get a vote then.", SHARED, {"hypothetical"}),
    ("I hope so, because we will run the cafe ourselves by then.", LEADING, {"hypothetical"}),
    ("Fingers crossed for the spring, cos we'll be running it ourselves.", LEADING, {"hypothetical"}),
    ("Maybe one day, because we might get a vote then.", SHARED, {"hypothetical"}),
    ("Hopefully next year, because we voted on the menu last time and it worked.", SHARED, {"affirmed"}),
    ("Hopefully the new manager stays, because we run the cafe ourselves now.", LEADING, {"affirmed"}),
    ("I wish I'd gone, because we vote on the menu there.", SHARED, {"affirmed"}),
    # Review of stop 58: the reason's "will" reaches only its own clause; a clause after "and" or "but" said as it is
    # is the speaker's now (each of these read hypothetical throughout on the first version of _reason_to_come).
    ("I hope so, because they'll let us run it ourselves and we already vote on the menu.", SHARED, {"affirmed"}),
    ("Maybe next year, because we'll get a vote then, but we vote on the menu now.", SHARED, {"hypothetical", "affirmed"}),
    ("Hopefully next year, because we'll have a vote and we run the cafe ourselves now.", LEADING, {"affirmed"}),
    # ... and a "will" after the break still reaches the match.
    ("Hopefully next year, because the hall is booked and we'll vote on the menu then.", SHARED, {"hypothetical"}),
]


@pytest.mark.parametrize(("text", "code", "expected"), PROBES)
def test_a_reason_after_because_is_not_a_wish(text: str, code: str, expected: set[str]) -> None:
    assert _statuses(text, code) == expected
