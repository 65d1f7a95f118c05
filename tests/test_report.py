"""The HTML report: its sections, self-containment, escaping, determinism, and a real browser."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qlr
from qlr.cli import main

from .conftest import ROOT

SECTIONS = [
    "Data and load notes",
    "Study and attrition",
    "Codebook: ",
    "Agreement between coders",
    "Rules against coders",
    "Framework matrices by wave",
    "Change over time",
    "Spectrum of co-production: placements",
    "Trajectories",
    "The project by stage",
    "Networks by wave",
    "Pen portraits",
]
STAMP = re.compile(r"on \d{4}-\d\d-\d\d \d\d:\d\d UTC")


@pytest.fixture(scope="module")
def report(tmp_path_factory, sample_study):
    out = tmp_path_factory.mktemp("report")
    page = qlr.report.write_report(sample_study.copy(), out, codebook="coproduction", role="carer", progress=False)
    return page


def test_report_holds_every_section(report):
    text = report.read_text(encoding="utf-8")
    for title in SECTIONS:
        assert f"<h2>{title}" in text, title
    # Evidence quotes are behind each placement, and every carer has a pen portrait.
    assert text.count("<blockquote dir='auto'>") > 50
    assert text.count("class='qlr-portrait'") == 11
    # The by-stage section places the design stage (the sample's designed headline).
    stages = pd.read_csv(report.parent / "tables" / "stages.csv")
    design = stages[(stages["stage"] == "design") & (stages["facet"] == "design")]
    assert design["level_name"].notna().all() and len(design) == 1


def test_report_is_self_contained(report):
    text = report.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:|//)""", text, flags=re.I)
    assert "@import" not in text and "url(" not in text
    images = re.findall(r"<img [^>]*src='([^']*)'", text)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)


def test_report_writes_tables_and_figures(report):
    folder = report.parent
    for name in ["attrition", "codebook", "matrix_themes", "matrix_codes", "change", "placements", "trajectories", "stages", "network_waves"]:
        table = pd.read_csv(folder / "tables" / f"{name}.csv")
        assert len(table) > 0, name
    sheets = pd.read_excel(folder / "tables.xlsx", sheet_name=None)
    assert {"placements", "trajectories", "matrix_themes"} <= set(sheets)
    assert len(list((folder / "figures").glob("*.png"))) >= 8
    placements = pd.read_csv(folder / "tables" / "placements.csv")
    assert set(placements["case_id"]) == set(qlr.load(ROOT / "data" / "sample", progress=False).sel(role="carer").cases["case_id"])
    # Discounted mentions are kept and shown: counted per status on the page, each quoted in the CSV.
    discounted = pd.read_csv(folder / "tables" / "discounted.csv")
    assert {"negated", "hypothetical", "other"} <= set(discounted["assertion"]) and discounted["quote"].notna().all()
    assert "Discounted mentions" in report.read_text(encoding="utf-8")


def test_rules_are_checked_against_every_coder_and_flagged_where_cited(report, sample_study):
    """Issue 15, item 4: the report validates the rules against each person and marks the codes that fail."""
    folder = report.parent
    checks = pd.read_csv(folder / "tables" / "rule_validation.csv")
    assert set(checks["coder"]) == {"rm", "so"}
    coded = sample_study.copy().apply("coproduction", progress=False)
    disagreeing = set()
    for coder in ("rm", "so"):
        expected = qlr.code.validate(coded, against=coder)
        mine = checks[checks["coder"] == coder].set_index("code_id")
        assert mine["verdict"].to_dict() == expected["verdict"].to_dict()
        assert np.allclose(mine["kappa"], expected["kappa"].reindex(mine.index), equal_nan=True)
        disagreeing |= set(expected.index[expected["verdict"] == "disagrees"])
    assert disagreeing, "the sample's rules disagree with its coders on some codes"
    text = report.read_text(encoding="utf-8")
    assert "<h2>Rules against coders" in text and f"{qlr._words.number_of(len(disagreeing), 'code')} whose rules disagree with a person" in text
    # Exactly the rule codings of those codes carry the flag, in the tables and on the page.
    origin = coded.codings.set_index("coding_id")["origin"]
    cited = pd.concat([pd.read_csv(folder / "tables" / f"{name}.csv") for name in ("placement_evidence", "stage_evidence")])
    should = cited["code_id"].isin(disagreeing).to_numpy() & (origin.reindex(cited["coding_id"]) == "rules").to_numpy()
    flagged = cited["rule_check"].fillna("").ne("").to_numpy()
    assert should.any() and (flagged == should).all()
    assert cited.loc[flagged, "rule_check"].str.match(r"rules disagree with (rm|so) \(kappa 0\.\d{3}\)").all()
    assert text.count(" — ⚑ rules disagree with ") == int(flagged.sum())


def test_report_says_how_to_validate_when_nobody_coded_with_the_codebook(tmp_path, sample_study):
    study = sample_study.copy()
    study.codings = study.codings.iloc[0:0]
    page = qlr.report.write_report(study, tmp_path / "r", codebook="coproduction", progress=False)
    text = page.read_text(encoding="utf-8")
    assert "so its rules are not validated here" in text and "write_validation_sheet" in text
    assert "⚑" not in text and not (tmp_path / "r" / "tables" / "rule_validation.csv").exists()


def test_same_input_same_report(tmp_path, sample_study):
    first = qlr.report.write_report(sample_study.copy(), tmp_path / "a", codebook="coproduction", role="carer", progress=False)
    second = qlr.report.write_report(sample_study.copy(), tmp_path / "b", codebook="coproduction", role="carer", progress=False)
    assert STAMP.sub("", first.read_text(encoding="utf-8")) == STAMP.sub("", second.read_text(encoding="utf-8"))
    for png in (tmp_path / "a" / "figures").glob("*.png"):
        assert png.read_bytes() == (tmp_path / "b" / "figures" / png.name).read_bytes(), png.name
    for csv in (tmp_path / "a" / "tables").glob("*.csv"):
        assert csv.read_bytes() == (tmp_path / "b" / "tables" / csv.name).read_bytes(), csv.name


def test_a_report_inside_the_study_folder_is_not_read_as_data(tmp_path):
    # "qlr report . --out report" is what a researcher types: the next load must not take
    # the report's pages and tables for transcripts, nor say data was left out.
    for case in ("C01", "C02"):
        for wave in ("W1", "W2"):
            (tmp_path / f"{case}_{wave}_interview.txt").write_text(
                "Interviewer: How is the group going?\nJo: We decide things together now, it's two-way.\n", encoding="utf-8"
            )
    study = qlr.load(tmp_path, progress=False)
    qlr.report.write_report(study, tmp_path / "report", codebook="coproduction", progress=False)
    assert (tmp_path / "report" / ".qlr-report").is_file()
    again = qlr.load(tmp_path, progress=False)  # a warning would fail the test
    assert sorted(again.documents["doc_id"]) == sorted(study.documents["doc_id"])
    assert "report/: a report qlr wrote, not study data; not read" in again.meta["inferred"]
    # With a manifest whose glob reaches into the report folder, the same.
    (tmp_path / "C02_W3_interview.html").write_text("<p>Interviewer: And now?</p><p>Jo: We run it.</p>", encoding="utf-8")
    (tmp_path / "study.yaml").write_text("waves: [W1, W2, W3]\ndocuments:\n  - path: '*.txt'\n  - path: '**/*.html'\n", encoding="utf-8")
    listed = qlr.load(tmp_path, progress=False)
    assert sorted(listed.documents["doc_id"]) == sorted([*study.documents["doc_id"], "C02_W3_interview"])


def hostile_study(folder: Path) -> Path:
    """Two cases whose words and names carry markup, over two waves."""
    (folder / "interviews").mkdir(parents=True)
    evil = "<script>alert('x')</script>"
    for case in ("C01", "C02"):
        for wave in ("W1", "W2"):
            (folder / "interviews" / f"{case}_{wave}_interview.txt").write_text(
                f"Interviewer: How was it?\nParticipant: {evil} We gave back to the group, it was two-way, "
                "we decided together and I ran the session myself. We gave back again.\n",
                encoding="utf-8",
            )
    (folder / "study.yaml").write_text(
        "name: \"Study <img src=x onerror=alert(1)>\"\nwaves: [W1, W2]\n"
        f"cases:\n  - {{id: C01, label: \"{name_escape('Ann <b>bold</b>')}\", role: carer}}\n  - {{id: C02, label: Bo, role: carer}}\n"
        "documents:\n  - path: interviews/*\n",
        encoding="utf-8",
    )
    return folder


def name_escape(text: str) -> str:
    return text.replace('"', '\\"')


def test_markup_in_the_data_renders_as_text(tmp_path):
    study = qlr.load(hostile_study(tmp_path / "study"), progress=False)
    page = qlr.report.write_report(study, tmp_path / "out", codebook="coproduction", progress=False)
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "<img src=x" not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "Study &lt;img src=x onerror=alert(1)&gt;" in text


def test_a_report_by_a_codebook_without_a_ladder_places_no_case_and_says_so(tmp_path, sample_study):
    # A researcher's own themes have no ladder: the report is written, with matrices and change, and no placements.
    page = qlr.report.write_report(sample_study.copy(), tmp_path, codebook="durose_richardson", progress=False).read_text(encoding="utf-8")
    assert "has no ladder, so cases are not placed" in page and "<section id='matrices'>" in page


def test_cli_report_and_demo_route(tmp_path, capsys):
    assert main(["report", str(ROOT / "data" / "sample"), "--codebook", "coproduction", "--role", "carer", "--out", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "index.html").exists()
    assert main(["report", str(ROOT / "data" / "sample"), "--codebook", "coproduction", "--role", "pilot", "--out", str(tmp_path)]) == 1
    assert "role 'pilot' is not in this study" in capsys.readouterr().err


# ------------------------------------------------------------------ browser
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
    "--window-size=1280,900",
    # Nothing may be fetched: every host name fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("QLR_REQUIRE_BROWSER"):
            pytest.fail("QLR_REQUIRE_BROWSER is set but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    return found


def open_in_browser(page: Path, shot: Path, profile: Path) -> list[str]:
    """Open the page headless, save a screenshot, return the console messages."""
    run = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.exists(), run.stderr[-2000:]
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


def test_console_check_catches_errors(tmp_path):
    # The check below must be able to fail: a page that logs an error is caught.
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><h1>x</h1><script>console.error('broken')</script></body></html>", encoding="utf-8")
    messages = open_in_browser(page, tmp_path / "bad.png", tmp_path / "profile")
    assert any("broken" in m for m in messages)


def test_report_opens_in_a_browser(report, tmp_path):
    import matplotlib.image as mpimg

    shot = tmp_path / "first_screen.png"
    messages = open_in_browser(report, shot, tmp_path / "profile")
    assert messages == []
    pixels = mpimg.imread(shot)[..., :3]
    height, width = pixels.shape[:2]
    assert (height, width) == (900, 1280)
    # Not blank: the dark header band across the top, and text and tables below it.
    header = pixels[10:60, 20:1200]
    assert float(np.mean(header)) < 0.45
    body = pixels[200:, :]
    not_white = np.mean(np.any(body < 0.9, axis=-1))
    assert 0.02 < not_white < 0.9
    assert len(np.unique((body * 255).astype(np.uint8).reshape(-1, 3), axis=0)) > 20


# ------------------------------------------------------------------ one page per case (issue 16 item 6)


def test_every_case_has_its_own_page_linked_from_the_index(report):
    index = report.read_text(encoding="utf-8")
    links = re.findall(r"<li><a href='(cases/[^']+\.html)'>([^<]+)</a>", index)
    carers = qlr.load(ROOT / "data" / "sample", progress=False).sel(role="carer").cases["case_id"].tolist()
    assert [case for _, case in links] == carers
    for file, case in links:
        page = (report.parent / file).read_text(encoding="utf-8")
        assert re.search(rf"<h1>[^<]*\b{case}\b[^<]*</h1>", page) and "href='../index.html'" in page
        assert "class='qlr-portrait'" in page and "<h2>Placements</h2>" in page
        assert "<script" not in page.lower() and "<blockquote dir='auto'>" in page  # its evidence, quoted
    # A small study keeps its portraits on the index too, as before.
    assert index.count("class='qlr-portrait'") == len(carers)


def test_a_large_study_links_to_case_pages_instead_of_inlining(tmp_path, sample_study, monkeypatch):
    from qlr.report import _cases

    monkeypatch.setattr(_cases, "INLINE_CASES", 3)
    (tmp_path / "cases").mkdir()
    (tmp_path / ".qlr-report").write_text("", encoding="utf-8")  # an earlier report of qlr's in this folder
    (tmp_path / "cases" / "gone.html").write_text("a case of an earlier report", encoding="utf-8")
    page = qlr.report.write_report(sample_study.copy(), tmp_path, codebook="coproduction", role="carer", progress=False)
    index = page.read_text(encoding="utf-8")
    pages = sorted(p.name for p in (tmp_path / "cases").glob("*.html"))
    assert len(pages) == 11 and "gone.html" not in pages
    assert "class='qlr-portrait'" not in index and "<blockquote dir='auto'>" not in index.split("id='ladder'")[1].split("</section>")[0]
    assert "Each case&#x27;s evidence is on its own page" in index or "Each case's evidence is on its own page" in index
    for section in ("summary", "codebook", "matrices", "change", "ladder", "trajectories", "stages", "networks", "portraits"):
        assert f"<section id='{section}'>" in index, section
    # The trajectory types' links to their medoids' portraits lead to the case pages.
    medoids = re.findall(r"href='([^']*)'>[^<]*'s pen portrait", index)
    assert medoids and all(link.startswith("cases/") and (tmp_path / link).exists() for link in medoids)


MOVED = ["summary", "matrices", "change", "ladder", "trajectories", "sequences", "displays"]


def _section(page: str, key: str) -> str:
    return page.split(f"<section id='{key}'>")[1].split("</section>")[0]


def test_a_large_study_keeps_tables_and_figures_of_every_case_off_the_index(report, tmp_path, sample_study, monkeypatch):
    # Over the threshold, each section's tables and figures with a row or line per case go on
    # its own page (sections/<key>.html), linked from the index, which shows their totals instead;
    # nothing the small report shows is lost.
    from qlr.report import _cases

    monkeypatch.setattr(_cases, "INLINE_CASES", 3)
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "old.html").write_text("a section of an earlier report", encoding="utf-8")
    (tmp_path / ".qlr-report").write_text("", encoding="utf-8")  # an earlier report of qlr's in this folder
    large = qlr.report.write_report(sample_study.copy(), tmp_path, codebook="coproduction", role="carer", progress=False).read_text(encoding="utf-8")
    small = report.read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "sections").glob("*.html")) == sorted(f"{key}.html" for key in MOVED)
    assert len(large) < len(small) * 0.75
    blocks = re.compile(r"<table.*?</table>|<img [^>]*>", flags=re.S)
    for key in MOVED:
        page = (tmp_path / "sections" / f"{key}.html").read_text(encoding="utf-8")
        assert f"href='sections/{key}.html'" in _section(large, key) and "href='../index.html'" in page
        assert "<script" not in page.lower()
        assert all(src.startswith("data:image/png;base64,") for src in re.findall(r"<img [^>]*src='([^']*)'", page))
        kept = blocks.findall(_section(large, key)) + blocks.findall(page)
        for block in blocks.findall(_section(small, key)):
            assert block in kept, (key, block[:200])
    # What moved: the matrices per wave and the heatmap, one line per case; what the index shows instead: totals.
    assert "matrix_heatmap.png" not in large and "matrix_heatmap.png" in (tmp_path / "sections" / "matrices.html").read_text(encoding="utf-8")
    assert "<summary>C05</summary>" not in large and "<summary>C05</summary>" in (tmp_path / "sections" / "displays.html").read_text(encoding="utf-8")
    themes = pd.read_csv(tmp_path / "tables" / "matrix_themes.csv")
    first = themes[themes["wave_id"] == "W1"].groupby("theme")["count"].sum()
    totals = pd.read_html(io.StringIO(_section(large, "matrices")))[0]
    shown_as = qlr.read_codebook("coproduction").labels(first.index)  # the page names the themes (stop 57), the CSV keeps ids
    assert totals.iloc[0][[shown_as[t] for t in first.index]].tolist() == first.tolist()
    levels = pd.read_html(io.StringIO(_section(large, "ladder")))[0]
    assert levels.select_dtypes("number").to_numpy().sum() == len(pd.read_csv(tmp_path / "tables" / "placements.csv"))


def test_a_large_studys_section_pages_render_markup_as_text(tmp_path, monkeypatch):
    from qlr.report import _cases

    monkeypatch.setattr(_cases, "INLINE_CASES", 1)
    study = qlr.load(hostile_study(tmp_path / "study"), progress=False)
    qlr.report.write_report(study, tmp_path / "out", codebook="coproduction", progress=False)
    pages = list((tmp_path / "out" / "sections").glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "<img src=x" not in text and "<b>bold</b>" not in text
    assert any("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in p.read_text(encoding="utf-8") for p in pages)


def test_a_case_page_opens_in_a_browser(report, tmp_path):
    first = sorted((report.parent / "cases").glob("*.html"))[0]
    assert open_in_browser(first, tmp_path / "case.png", tmp_path / "profile") == []


def test_portraits_in_one_pass_are_each_cases_own_portrait(coded_sample):
    # The report builds every portrait from one pass split by case; each must be the page
    # a one-case study gives (as the report built them before) and portrait() on the whole study.
    from qlr.track._portrait import portraits

    study = coded_sample.copy()
    case_ids = list(study.cases["case_id"])
    study.memos = pd.concat(
        [study.memos, pd.DataFrame([{"memo_id": "m-test", "target_type": "case", "target_id": case_ids[1], "author": "rm", "text": "Met <her> twice."}])],
        ignore_index=True,
    )
    placements, changes = qlr.track.ladder(study), qlr.track.change(study, granularity="theme")
    together = portraits(study, case_ids, placements=placements, changes=changes)
    assert list(together) == case_ids
    for case in case_ids:
        alone = qlr.track.portrait(study.sel(case=case), case, placements=placements, changes=changes)
        assert together[case].markdown == alone.markdown == qlr.track.portrait(study, case).markdown, case
    assert "Met &lt;her&gt; twice." in together[case_ids[1]].html and "## Memos" not in together[case_ids[0]].markdown


def test_a_figure_with_a_row_per_case_of_hundreds_is_drawn_with_bounded_pixels(tmp_path):
    # A 600-case heatmap is about 130 inches tall: drawn at 150 dpi it passed 20 million pixels.
    import base64

    import matplotlib.pyplot as plt
    from PIL import Image

    from qlr.report import _html

    tall = plt.figure(figsize=(8, 130))
    tall.add_subplot().imshow(np.arange(600 * 8).reshape(600, 8), aspect="auto")
    html_text = _html._figure(tall, "tall", tmp_path, "tall")
    width, height = Image.open(tmp_path / "tall.png").size
    assert width * height <= _html.MAX_FIGURE_PIXELS and height > 5000
    assert base64.b64decode(html_text.split("base64,")[1].split("'")[0]) == (tmp_path / "tall.png").read_bytes()
    # A figure under the bound is drawn at 150 dpi as before, byte for byte.
    small = plt.figure(figsize=(6, 4))
    small.add_subplot().plot([0, 1], [1, 0])
    expected = io.BytesIO()
    qlr.plot.save_png(small, expected)
    _html._figure(small, "small", tmp_path, "small")
    assert (tmp_path / "small.png").read_bytes() == expected.getvalue()


# ------------------------------------------------------------------ memos on coded passages


def test_memos_on_codings_and_segments_are_shown_under_their_passage(tmp_path, sample_study):
    """Memos on a coding or a segment (NVivo annotations, ATLAS.ti quotation comments) came into the
    study but no report page showed them: they are under the quote in the evidence trail and on the case's page."""
    study = sample_study.copy().sel(case="C05").apply("coproduction")
    trail = qlr.track.ladder(study).evidence
    first, other = trail.iloc[0], trail[trail["seg_id"] != trail["seg_id"].iloc[0]].iloc[0]
    study.memo("coding", first["coding_id"], "Sounds <b>rehearsed</b> & careful.\nAsk again at W2.", author="rm")
    study.memo("segment", other["seg_id"], "She laughs <script>x</script> here.", author="sam")
    qlr.io.write_qdpx(study, tmp_path / "p.qdpx")  # as a project from another tool brings them
    imported = qlr.io.read_qdpx(tmp_path / "p.qdpx")
    page = qlr.report.write_report(imported, tmp_path / "out", progress=False)
    index = page.read_text(encoding="utf-8")
    case = (tmp_path / "out" / "cases" / "c05.html").read_text(encoding="utf-8")
    memo = "<div class='memo'><span class='memo-by'>Memo by rm, {day}:</span> Sounds &lt;b&gt;rehearsed&lt;/b&gt; &amp; careful.\nAsk again at W2.</div>"
    memo = memo.format(day=f"{imported.memos['created'].iloc[0]:%Y-%m-%d}")
    # The note under a quote names its passage and code, and what else in the passage weighs in the placement.
    # Its other codes by name too (stop 56's review): "Reciprocity two-way (level 2, positive, weight 1)", not the id.
    names = {code.id: code.name for code in study.codebooks["coproduction"]}
    others = "" if pd.isna(first["other_evidence"]) else re.sub(r"(^|; )(\S+)(?= \(level )", lambda m: m.group(1) + names[m.group(2)], first["other_evidence"])
    also = f" · also weighing here: {html.escape(others)}" if others else ""
    # The code as a reader knows it (stop 56): a project read back from REFI-QDA is shown by its codes' names.
    shown = qlr.evidence.pick_codebook(imported).labels([first["code_id"]])[first["code_id"]]
    assert shown == study.codebooks["coproduction"][first["code_id"]].name
    note = f"{html.escape(first['seg_id'])} · {html.escape(shown)}{also}"
    quoted = f"<blockquote dir='auto'>{html.escape(first['quote'])}</blockquote><div class='note'>{note}</div>{memo}"
    for text in (index, case):
        assert quoted in text  # under the quote it is about, in the evidence trail
        assert "<b>rehearsed</b>" not in text and "<script" not in text.lower()
        assert "Memo by sam" in text and "She laughs &lt;script&gt;x&lt;/script&gt; here." in text
    # The case's page lists every memo on its passages, with the passage and its code (the segment's has none).
    section = case[case.index("<section id='memos'>") : case.index("</section>", case.index("<section id='memos'>"))]
    assert section.count("<div class='memo'>") == 2 and "2 memos on passages of this case" in section
    assert f"W1 · C05_W1_interview · {html.escape(study.codebooks['coproduction'][first['code_id']].name)}</div><blockquote dir='auto'>" in section
    assert "segment (no code)" in section
    table = pd.read_csv(tmp_path / "out" / "tables" / "passage_memos.csv")
    assert sorted(table["target_type"]) == ["coding", "segment"] and set(table["author"]) == {"rm", "sam"}
    assert open_in_browser(tmp_path / "out" / "cases" / "c05.html", tmp_path / "case.png", tmp_path / "profile") == []


def test_a_project_without_a_ladder_shows_its_quotation_comments_on_the_case_page(tmp_path):
    """No placements, so no evidence trail: the case's page (and the index, for a small study) shows them."""
    from .test_refi_import import CODE_A as CODE
    from .test_refi_import import TEXT, USER, _edit_project, _lines, _qc_project

    spans = _lines(TEXT)
    archive = _qc_project(tmp_path / "atlas.qdpx", [(1, *spans[0], CODE)])
    free = f'<PlainTextSelection guid="bbbbbbbb-0000-0000-0000-0000000000ff" name="x" startPosition="{spans[2][0]}" endPosition="{spans[2][1]}" creatingUser="{USER}"><Description>No code yet &amp; ask Sam</Description></PlainTextSelection>'
    commented = f'creatingUser="{USER}" creationDateTime="2024-05-01T10:00:00Z"><Description>Why does she say this?</Description>'
    _edit_project(archive, lambda qde: qde.replace(f'creatingUser="{USER}">', commented, 1).replace("</TextSource>", free + "</TextSource>"))
    with pytest.warns(qlr.errors.NoInterviewerWarning, match="read as interviews have no speaker label for most of their text"):
        study = qlr.io.read_qdpx(archive, wave={"x.txt": "W1"}, case={"x.txt": "A"})
    page = qlr.report.write_report(study, tmp_path / "out", progress=False)
    for text in (page.read_text(encoding="utf-8"), (tmp_path / "out" / "cases" / "a.html").read_text(encoding="utf-8")):
        assert (
            f"<div class='note'>W1 · x.txt · help</div><blockquote dir='auto'>{html.escape(TEXT[slice(*spans[0])])}</blockquote>"
            "<div class='memo'><span class='memo-by'>Memo by chris, 2024-05-01:</span> Why does she say this?</div>"
        ) in text
        assert (
            f"<div class='note'>W1 · x.txt · segment (no code)</div><blockquote dir='auto'>{html.escape(TEXT[slice(*spans[2])])}</blockquote>"
            "<div class='memo'><span class='memo-by'>Memo by chris:</span> No code yet &amp; ask Sam</div>"
        ) in text


def test_a_report_table_shows_a_cells_line_breaks_as_breaks_and_escapes_the_rest():
    # New user (stop 56): a code's definition "…\n\t•\tFizikai" was shown with a literal "\n" and "\t".
    from qlr.report._html import _table

    shown = _table(pd.DataFrame({"definition": ["a <b>\r\nb\n\t•\tc", "plain"]}, index=pd.Index(["x\ny", "z"], name="code")))
    assert "<td>a &lt;b&gt;<br>b<br> • c</td>" in shown and "<th>x<br>y</th>" in shown
    assert "\\n" not in shown and "\\t" not in shown and "<b>" not in shown
