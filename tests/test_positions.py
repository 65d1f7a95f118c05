"""Selection positions of ``.qdpx`` projects: every convention maps offsets exactly, in linear time."""

from __future__ import annotations

import signal

import pytest

from qlr.io._positions import CONVENTIONS, _Offsets


def _slow_reference(raw: str, convention: str, position: int) -> int | None:
    """The mapping written the obvious way, character by character (small inputs only)."""
    crlf_as_one = convention.endswith("CRLF as one")
    text = raw.replace("\r\n", "\n") if crlf_as_one else raw
    index = units = 0
    while units < position and index < len(text):
        units += 2 if convention.startswith("utf-16") and ord(text[index]) > 0xFFFF else 1
        index += 1
    if units != position:
        return None  # past the end, or inside a surrogate pair
    if crlf_as_one:
        return index
    # A raw index becomes a stored one: every CRLF before it is one character shorter (its CR lands on its LF).
    return index - sum(1 for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n" and i < index)


@pytest.mark.parametrize("convention", CONVENTIONS)
def test_positions_match_the_slow_reference(convention):
    raw = "Wie geht's? 😀 Gut.\r\nZweite 👩‍👩‍👧 Zeile\rdritte\n\r\n😀😀x\r\n"
    offsets = _Offsets(raw, False)
    for position in range(len(raw) + 8):
        assert offsets.convert(convention, position) == _slow_reference(raw, convention, position), (convention, position)


def test_position_inside_a_surrogate_pair_is_refused():
    offsets = _Offsets("a😀b", False)
    assert [offsets.convert("utf-16", p) for p in range(5)] == [0, 1, None, 2, 3]


def test_byte_order_mark_shifts_by_one():
    offsets = _Offsets("ab\r\ncd", True)
    assert offsets.convert("code points+bom", 5) == offsets.convert("code points", 4) == 3
    assert offsets.convert("code points+bom", 0) is None


class _TooSlow(Exception):
    pass


def _guard(seconds: int):
    """Fail, rather than hang, if the maps take time quadratic in the text (they took minutes before)."""

    def alarm(signum, frame):
        raise _TooSlow(f"position maps took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    return previous


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM (not on Windows)")
def test_large_sources_map_correctly():
    line = "Das ist eine Zeile 😀 mit 🎉 Emoji.\r\n"
    raw = line * 150_000
    previous = _guard(60)
    try:
        offsets = _Offsets(raw, False)
        # The 100,000th line starts after 100,000 lines of len(line) code points, 2 astral characters each.
        n = 100_000
        assert offsets.convert("code points", n * len(line)) == n * (len(line) - 1)
        assert offsets.convert("code points, CRLF as one", n * (len(line) - 1)) == n * (len(line) - 1)
        assert offsets.convert("utf-16", n * (len(line) + 2)) == n * (len(line) - 1)
        assert offsets.convert("utf-16, CRLF as one", n * (len(line) + 1)) == n * (len(line) - 1)
        after_emoji = n * (len(line) + 2) + line.index("😀") + 2
        assert offsets.stored[offsets.convert("utf-16", after_emoji) :].startswith(" mit 🎉")
        assert offsets.convert("utf-16", after_emoji - 1) is None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
