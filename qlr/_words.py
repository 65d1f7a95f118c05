"""What a word is, for every count qlr makes: one decision in one place."""

from __future__ import annotations

import re

#: A token of marks only, between spaces: a table's "|", a rule's "---", a heading's "##", a dash "—",
#: a caption's "-->", a form's blank "___". Not a word a person said or wrote.
_MARKS_ONLY = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")


#: Chinese characters, hiragana and katakana (half-width too; not the middle dot ・): scripts that write
#: no spaces between words.
_CJK = re.compile(r"[\u3005\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def count_words(text: str) -> int:
    """The words of ``text``: its whitespace-separated tokens that hold a letter or a digit.

    Markup between spaces (Markdown's ``|`` and ``---``, a dash standing alone) is no
    word: a minutes study written in Markdown tables counted one word in five that way.
    Chinese and Japanese write no spaces between words, so each of their characters
    counts as one (4,432 characters of Japanese prose were "15 words").

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
    >>> count_words("私たちが決めました。 OK")  # nine characters and a word
    10
    """
    words = len(text.split()) - len(_MARKS_ONLY.findall(text))
    if _CJK.search(text) is None:
        return words
    spaced = _CJK.sub(" ", text)
    return len(_CJK.findall(text)) + len(spaced.split()) - len(_MARKS_ONLY.findall(spaced))
