"""A placed level's band is worded once (qlr.track._placements.level_label): the pen portrait and the report's evidence
trails said it two ways ("2 Collaboration (high)" and "2 Collaboration (mid to full)") for 74 of the sample's 95
placements (stop 57)."""

from __future__ import annotations

import html

import qlr
from qlr.report._html import _evidence
from qlr.track._placements import flat_placements, level_label


def test_the_portrait_and_the_evidence_trail_word_a_level_alike(coded_sample):
    placements = qlr.track.ladder(coded_sample)
    table = flat_placements(placements)
    placed = table[(table["status"] == "placed").to_numpy(dtype=bool)]
    spread = placed[(placed["band"] != placed["band_range"]).to_numpy(dtype=bool)]
    assert len(spread) >= 10  # the evidence reaching other bands than the level's is common in the sample
    row = spread.iloc[0]
    said = level_label(row.to_dict())
    assert said == f"{row['level']} {row['level_name']} ({row['band']}; evidence from {row['band_range']})"
    portrait = qlr.track.portrait(coded_sample, row["case_id"], placements=placements).markdown
    assert f"**{row['wave_id']}** [{row['facet']}]: {said}," in portrait
    trail = _evidence(placements, placements.table[(placements.table["case_id"] == row["case_id"]).to_numpy(dtype=bool)])
    assert f"{html.escape(said)}" in trail
    # Every placed row of the portrait reads as level_label says it: no "(high)" in one and "(mid to full)" in the other.
    for one in placed[placed["case_id"] == row["case_id"]].to_dict("records"):
        assert level_label(one) in portrait and html.escape(level_label(one)) in trail
