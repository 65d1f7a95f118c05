"""What a word is, for every count qlr makes: one decision in one place."""

from __future__ import annotations

import re

#: A token of marks only, between spaces: a table's "|", a rule's "---", a heading's "##", a dash "—",
#: a caption's "-->". Not a word a person said or wrote.
_MARKS_ONLY = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")


def count_words(text: str) -> int:
    """The words of ``text``: its whitespace-separated tokens that hold a letter or a digit.

    Markup between spaces (Markdown's ``|`` and ``---``, a dash standing alone) is no
    word: a minutes study written in Markdown tables counted one word in five that way.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    int
        How many words it holds.

    Examples
    --------
    >>> count_words("| Item | Owner |\\n|---|---|\\n| Rota — shared | Ann |")
    5
    >>> count_words("We ran it ourselves, 2 times.")
    6
    """
    return len(text.split()) - len(_MARKS_ONLY.findall(text))
