"""Being kept in the dark, and being left to it (stop 57).

"Nobody told us what to do, so we ran it ourselves" is a group left to run its own affairs, not a group kept in the
dark: a new user's transcript had it coded ``negative.done_to`` at full weight, and it set a placement at "not
co-produced". "Nobody tells us anything / about the changes / what was happening / what to expect" still is. Every
sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from .test_sideways import _statuses

DONE_TO = "negative.done_to"

KEPT_IN_THE_DARK = [
    "Nobody tells us anything.",
    "Nobody tells us.",
    "Nobody told us about the changes.",
    "Honestly, nobody ever tells us when the bus is cancelled.",
    "Nobody told us what was happening with the hall.",
    "Nobody ever told us how it works, the new booking system.",
    "Nobody told us what to expect when we got there.",
    "Nobody told us how to apply for the grant.",
    "Nobody really explains anything to anyone.",
    "Noone tells us where to go.",
    # Review of stop 57: filling in, using, appealing, renewing, joining are finding out how to get a service too.
    "Nobody told us how to fill in the forms.",
    "Nobody ever told us how to use the new booking app.",
    "Nobody tells us how to appeal when they turn us down.",
    "Nobody told us how to renew the parking permit.",
    # Stop 58: "no one", "no-one" as "nobody" (none matched before).
    "No one tells us anything.",
    "No one tells us.",
    "No one told us about the changes.",
    "No-one tells us anything.",
    # Stop 58: what to do about something that befell the group is being kept in the dark (none matched before).
    "Nobody told us what to do when the funding stopped.",
    "No one told us what to do when the centre closed.",
    "Nobody told us what to do after the grant ended.",
    "Nobody told us what to do if the van broke down.",
    "Nobody told us what to do about the rent arrears.",
    "Nobody told us what to do with the forms.",
]

LEFT_TO_IT = [
    "Nobody told us what to do, so we ran it ourselves.",
    "Nobody tells us what to do on a Thursday, we sort it between us.",
    "Nobody told us how to run it, we just got on with it.",
    "Nobody ever tells us what to say at the meetings.",
    "Nobody told us how to organise it, we found our own way.",
    # Stop 58: as "nobody", and the group's own doing after "when" (left to it, as on main).
    "No one told us what to do, so we ran it ourselves.",
    "No one told us how to run it, we just got on with it.",
    "Nobody told us what to do when we took it over, we just got on with it.",
    "Nobody told us what to do when we started, we made it up.",
    "Nobody told us what to do. We decided between us.",
]


@pytest.mark.parametrize("text", KEPT_IN_THE_DARK)
def test_nobody_telling_us_is_being_kept_in_the_dark(text: str) -> None:
    assert _statuses(text, DONE_TO) == {"affirmed"}


@pytest.mark.parametrize("text", LEFT_TO_IT)
def test_nobody_telling_us_what_to_do_is_not_being_kept_in_the_dark(text: str) -> None:
    assert _statuses(text, DONE_TO) == set()


def test_a_study_codes_being_left_to_it_as_nothing_done_to_the_speaker(tmp_path) -> None:
    """The new user's form of it, through ``Study.apply``: no ``negative.done_to`` coding, so nothing to place the
    participant at "not co-produced" by; the sentence after it still codes the group running it."""
    import qlr

    from .conftest import write

    path = write(
        tmp_path / "P03_W1_interview.txt",
        "Interviewer: How did the cafe start?\n"
        "P03: Nobody told us what to do, so we ran it ourselves. Nobody tells us anything about the council's plans though.\n",
    )
    coded = qlr.load(path, progress=False).apply(qlr.read_codebook("coproduction"), progress=False)
    codings = coded.codings
    leading = codings[codings["code_id"] == "power.co_leading"]
    done_to = codings[codings["code_id"] == DONE_TO]
    assert leading["assertion"].tolist() == ["affirmed"]
    # One coding of being kept in the dark: the second sentence's, which starts where the first ends.
    assert done_to["assertion"].tolist() == ["affirmed"]
    assert done_to["start"].tolist() == [leading["end"].iloc[0] + 1]
