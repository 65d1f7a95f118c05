"""Names the networks once held for the bundled sample study, kept for old code.

The support themes now come from the codebook's ``networks:`` block and the ego
composition from the ``composition=`` a caller passes; these values are what the
deprecated constants ``qlr.net.SUPPORT_THEMES`` and ``qlr.net.COMPOSITION`` held.
"""

from __future__ import annotations

#: The co-production codebook's support themes (now its ``networks: {support: …}``).
SUPPORT_THEMES = ("peer_networks", "reciprocity")

#: How the sample study's actor roles folded into ego composition.
COMPOSITION = {
    "carer": "peers",
    "participant": "peers",
    "peer_group": "peers",
    "key_personnel": "professionals",
    "staff": "professionals",
    "partner": "professionals",
    "stakeholder": "professionals",
    "project": "professionals",
    "family": "family",
    "employer": "employers",
}

#: The co-occurrence windows' old name.
UNITS = ("segment", "document", "case")
