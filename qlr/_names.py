"""Names made from other names: ASCII ids for codebooks, codes and file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(name: str) -> str:
    """An ASCII id from a name: accents folded ("Oltás" → "oltas"), other characters to "_".

    A name with no ASCII letter or digit gets a stable id from its hash; an
    empty name gives ``"codebook"``.

    Examples
    --------
    >>> slug("Oltás & Peer support"), slug("支援"), slug("")
    ('oltas_peer_support', 'code_...', 'codebook')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    if not text and name.strip():
        text = "code_" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return text or "codebook"
