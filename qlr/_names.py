"""Names made from other names: ASCII ids for codebooks, codes and file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Latin letters that Unicode decomposition does not reduce to ASCII, written as they are
#: usually transliterated.  Letters with a diacritic (ö, é, ł's cousins ń, ż) need no entry:
#: NFKD folds them to their base letter.
_LETTERS = str.maketrans(
    {
        "ß": "ss", "ẞ": "ss",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ø": "o", "Ø": "o",
        "ł": "l", "Ł": "l",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th",
        "ħ": "h", "Ħ": "h", "ı": "i", "ŧ": "t", "Ŧ": "t",
        "ŋ": "ng", "Ŋ": "ng",
    }
)  # fmt: skip


def slug(name: str) -> str:
    """An ASCII id from a name: Latin letters transliterated, other characters to "_".

    Letters with a diacritic lose it (Unicode NFKD: "Oltás" → "oltas", "Größe"
    → "grosse", "Jürgen" → "jurgen"; an umlaut is folded to its letter, not
    written "oe"/"ue", so ids made from accented names stay as they were).
    Letters that do not decompose are transliterated: ß → ss, æ → ae,
    œ → oe, ø → o, ł → l, đ and ð → d, þ → th (also ħ, ı, ŧ, ŋ).  Names in
    ASCII give the id they always gave.  A name with no ASCII letter or digit
    left (another script only) gets a stable id from its hash; an empty name
    gives ``"codebook"``.

    Two names may give one id ("Strasse" and "Straße"); the readers of
    codebooks and projects then give the later code an id of its own
    (``strasse_2``) and say so.

    Examples
    --------
    >>> slug("Oltás & Peer support"), slug("Größe"), slug("Ærø"), slug("Łódź"), slug("Þórr")
    ('oltas_peer_support', 'grosse', 'aero', 'lodz', 'thorr')
    >>> slug("支援")[:5], slug("")
    ('code_', 'codebook')
    """
    folded = unicodedata.normalize("NFKD", name.translate(_LETTERS)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    if not text and name.strip():
        text = "code_" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return text or "codebook"
