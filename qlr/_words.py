"""What a word is, for every count qlr makes: one decision in one place."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

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


# The languages' commonest words: the rule coder's language check and the reader's test of a name's place
# ("Moderator: Okay" is no name) read the same lists.
#: English's commonest words: in English speech and prose a third or more of the words (the sample 0.44-0.57,
#: formal documents 0.33), in Spanish, German or Hungarian transcripts under a tenth.
ENGLISH_COMMON = frozenset(
    """the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she
    or an will my one all would there their what so up out if about who get which go me when make can like time no
    just him know take people into year your good some could them see other than then now look only come its over
    think also back after use two how our work first well way even new want because any these give day most us is
    was are were been has had did does am yeah okay oh really very""".split()
)
#: The commonest words of the languages qlr meets most after English, none an English word too: a tenth or
#: more of their texts, nearly none of English notes however telegraphic ("Arrived 9.30. Rain. Centre busy.").
#: Spanish's and Portuguese's lists leave out the words they share (de, que, se …), which Spanish's holds.
COMMON_ABROAD = {
    "es": """de la que el en y los del se las por un una para con su al lo como más pero sus ya este sí porque esta entre
    cuando muy sin sobre también hasta hay donde quien desde todo nos durante todos uno les ni otros ese eso ante
    ellos esto antes algunos qué unos yo otro otra él tanto esa estos mucho nada muchos cual poco ella estar
    estas algo nosotros está es fue son era tiene""",
    "pt": """não com uma os das dos ao ele mas foi à seu sua ou quando isso ela entre depois sem mesmo aos ter seus quem
    nas esse eles essa num nem suas meu às minha numa pelos elas qual nós lhe deles essas esses pelas este dele
    tu te você vocês vos lhes meus minhas teu tua nosso nossa também há""",
    "fr": """les des et du une qui dans pour pas sur au ne ce il elle nous vous je sont avec plus par mais ou comme été
    fait leur cette aux ses même tout était être avait ont très ça cela où sans""",
    "it": "il della che di per non una sono ed gli alla delle nel dei anche più ma questo ci ho mi ha come lei lui",
    "de": """der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch es werden aus er hat dass
    sie nach wird bei einer um am sind noch wie einem über einen zum war haben nur oder aber vor zur bis mehr
    durch man sein wurde sei ich du wir ihr mich dich uns euch mein dein unser ja nein doch schon""",
    "nl": "het een van en dat op te zijn voor met niet aan er ook als bij maar om ze zich nog wel dan naar hij wat",
    "hu": "az és hogy nem egy meg csak van ez már mert még ha el ki mi volt azt",
}
#: Words as common in a language as in English, so that they tell neither: Spanish's "a", "no", "me" ("No, a mí me
#: ayudan") and "he" (I have), Portuguese's "a", "no", "do" (of the) and "me". Left out of both languages' counts where
#: a document is read between English and that language (a short Spanish answer was a fifth English by them).
SHARED_WITH_ENGLISH = {"es": frozenset({"a", "no", "me", "he"}), "pt": frozenset({"a", "no", "do", "me"})}
#: The commonest words of each language a document is read against: English's, and the others' without them.
COMMON_WORDS = {"en": ENGLISH_COMMON, **{language: frozenset(words.split()) - ENGLISH_COMMON for language, words in COMMON_ABROAD.items()}}


def number_of(count: int, noun: str, *, plural: str | None = None) -> str:
    """``count`` and ``noun``, the noun plural unless the count is one: the one place a count is said in words.

    Examples
    --------
    >>> number_of(1, "document"), number_of(3, "wave"), number_of(1200, "segment"), number_of(2, "memo", plural="memos")
    ('1 document', '3 waves', '1,200 segments', '2 memos')
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def first_few(items: Iterable[Any], *, shown: int = 5, sep: str = ", ") -> str:
    """The first ``shown`` items joined by ``sep``, and how many more: the one place a message cuts a list.

    A list is cut between items, never inside one; with ``sep="; "`` the count follows a semicolon too, so that
    items holding commas stay apart from it.

    Examples
    --------
    >>> first_few(["P01", "P02", "P03"], shown=2)
    'P01, P02 and 1 more'
    >>> first_few(["a.docx: empty", "b.docx: locked"], shown=5, sep="; ")
    'a.docx: empty; b.docx: locked'
    >>> first_few([f"line {n}" for n in range(1, 1202)], shown=1, sep="; ")
    'line 1; and 1,200 more'
    """
    items = [str(item) for item in items]
    more = len(items) - shown
    if more <= 0:
        return sep.join(items)
    # "a, b and 3 more", but "a; b; and 3 more": after a semicolon the count is one more item of the list
    joiner = sep.rstrip() if sep.strip() not in {"", ","} else ""
    return sep.join(items[:shown]) + f"{joiner} and {more:,} more"


@lru_cache(maxsize=1)
def english_log_frequencies() -> dict[str, float]:
    """English's 3,000 commonest words and their log-probabilities (``qlr/code/word_frequencies.tsv``, from
    spacy-lookups-data's ``en_lexeme_prob``): the one list of English's commonest words with their frequencies.

    Examples
    --------
    >>> table = english_log_frequencies()
    >>> len(table) > 2900, "time" in table, "fulltime" in table
    (True, True, False)
    """
    table: dict[str, float] = {}
    path = Path(__file__).parent / "code" / "word_frequencies.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, log_probability = line.split("\t")
            table[word] = float(log_probability)
    return table


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words qlr knows: the 3,000 commonest (:func:`english_log_frequencies`) and every form and
    lemma of spacy-lookups-data's English lemma table (about 67,000 in all: "highways", "highway", "wellness").

    Examples
    --------
    >>> "highway" in english_words(), "fulltime" in english_words()
    (True, False)
    """
    import gzip
    import json

    import spacy_lookups_data  # a dependency of qlr's: its tables are the rule coder's lemmas too

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lemmas: dict[str, str] = json.load(handle)
    return frozenset(english_log_frequencies()) | {form.lower() for form in lemmas} | {lemma.lower() for lemma in lemmas.values()}


@lru_cache(maxsize=1)
def english_hyphenated() -> frozenset[str]:
    """Lower-case English words written with a hyphen: the hyphenated lemmas of spacy-lookups-data's English lemma
    index (WordNet's: "self-esteem", "well-being", "part-time", "so-called") and the hyphenated forms and lemmas of
    its lemma table ("co-producers", "write-ups"); about 8,000 in all.

    Examples
    --------
    >>> "self-esteem" in english_hyphenated(), "decision-making" in english_hyphenated(), "in-credible" in english_hyphenated()
    (True, False, False)
    """
    import gzip
    import json

    import spacy_lookups_data  # a dependency of qlr's, as for english_words

    folder = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(folder / "en_lemma_index.json.gz", "rt", encoding="utf-8") as handle:
        index: dict[str, list[str]] = json.load(handle)
    with gzip.open(folder / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
        lemmas: dict[str, str] = json.load(handle)
    words = {word for entries in index.values() for word in entries} | set(lemmas) | set(lemmas.values())
    return frozenset(word.lower() for word in words if re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)+", word))
