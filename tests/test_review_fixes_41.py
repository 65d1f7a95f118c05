"""Fixes after the stop-41 review and a new user's trial: small lookalike inputs written here."""

from __future__ import annotations

import pandas as pd
import yaml

import qlr

from .conftest import write


def _placed(folder):
    """Each file's (case, wave) in the folder's template."""
    return {doc["path"]: (doc["case"], doc["wave"]) for doc in yaml.safe_load(qlr.io.template_for(folder))["documents"]}


def test_three_people_interviewed_monthly_are_three_cases_at_twelve_waves(tmp_path):
    # "Interview 10 - Hana.txt" for three people over twelve months: the numbers run 1 … 12 for each, so they are
    # waves. The rule for two coders' copies (numbers that skip, tests/test_hunt_13.py) had made them 12 cases at W1.
    for person in ("Hana", "Ossian", "Talia"):
        for month in range(1, 13):
            write(tmp_path / f"Interview {month} - {person}.txt", f"Interviewer: How was month {month}?\nInterviewee: Busy with the allotment.\n")
    placed = _placed(tmp_path)
    assert placed["Interview 10 - Ossian.txt"] == ("Ossian", "W10")
    assert {case for case, _ in placed.values()} == {"Hana", "Ossian", "Talia"}
    assert len({wave for _, wave in placed.values()}) == 12


def test_qc_import_hint_reads_sources_named_without_a_kind(tmp_path, capsys):
    # A qc project whose sources are "K07_W1", "K08_W1": the hint's --wave pattern wanted a trailing "_kind" and
    # matched none of them. Now the options it suggests are checked against the names, and importing with them
    # gives each source its case and wave.
    import re
    import warnings

    from qlr.cli import main

    root = tmp_path / "sheet"
    write(root / "study.yaml", "name: sheet\ndocuments:\n  - {path: a.txt, id: K07_W1, kind: interview}\n  - {path: b.txt, id: K08_W2, kind: interview}\n")
    for name in ("a.txt", "b.txt"):
        write(root / name, "Interviewer: Who runs the stall?\nInterviewee: We take turns now.\n")
    project = tmp_path / "qc_export.qdpx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.io.write_qdpx(qlr.load(root, progress=False), project)
    main(["info", str(project)])
    said = capsys.readouterr().err
    options = dict(re.findall(r"--(case|wave) 'pattern:([^']+)'", said))
    assert set(options) == {"case", "wave"}, said
    assert main(["import", str(project), "--case", f"pattern:{options['case']}", "--wave", f"pattern:{options['wave']}", "-o", str(tmp_path / "p.qlr")]) in (0, 3)
    placed = qlr.open(tmp_path / "p.qlr").documents.set_index("doc_id")[["case_id", "wave_id"]]
    assert placed.loc["K08_W2"].tolist() == ["K08", "W2"]


def test_qc_import_hint_gives_no_wave_pattern_the_names_do_not_fit():
    from qlr.io._import_advice import convention_options as _convention_options

    assert _convention_options(["K07_W1", "K08_W2.docx", "K09_W3_interview"]) is not None
    assert _convention_options(["K07_W1", "interview K08"]) is None


def test_field_notes_named_for_their_wave_are_in_the_event_listing(tmp_path):
    # "fieldnotes_W1.md" is read as kind "fieldnotes"; the event listing read only "observation" and "document",
    # so a coded, dated entry of it never showed ("No dated observation notes or documents are coded").
    import warnings

    write(tmp_path / "K01_W1_interview.txt", "Interviewer: How are the sessions run?\nInterviewee: We plan the menu together now.\n")
    write(tmp_path / "fieldnotes_W1.md", "# Notes, wave 1\n\n## 4 May 2025\nSession run by the staff; the coordinator stood at the front with a flipchart.\n\n## 11 May 2025\nRain. The hall was cold.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(tmp_path, progress=False).apply("coproduction")
    assert study.documents.set_index("doc_id").loc["fieldnotes_W1", "kind"] == "fieldnotes"
    events = qlr.track.event_listing(study).table
    assert set(events["doc_id"]) == {"fieldnotes_W1"}
    assert events["date"].min() == pd.Timestamp("2025-05-04")


def test_a_file_the_manifest_does_not_list_is_data_left_out(tmp_path, capsys):
    # A template lists files one by one; the next wave's transcript added later was left out with only an
    # "Inferred" note and exit status 0. Now it is a warning naming it (shown with -q) and qlr exits with 3 ...
    import warnings

    from qlr.cli import main
    from qlr.errors import FilesNotLoadedWarning

    talk = "Interviewer: Who sets the agenda?\nInterviewee: The staff, mostly.\n"
    write(tmp_path / "K01_W1_interview.txt", talk)
    write(tmp_path / "K01_W2_interview.txt", talk)
    write(tmp_path / "study.yaml", "name: plots\ndocuments:\n  - K01_W1_interview.txt\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(tmp_path, progress=False)
    assert list(study.documents["doc_id"]) == ["K01_W1_interview"]
    left = [str(w.message) for w in caught if issubclass(w.category, FilesNotLoadedWarning)]
    assert len(left) == 1 and "K01_W2_interview.txt" in left[0] and "exclude:" in left[0]
    assert main(["info", str(tmp_path), "-q"]) == 3
    assert "K01_W2_interview.txt" in capsys.readouterr().err
    # ... unless the manifest says it is left out on purpose.
    write(tmp_path / "study.yaml", "name: plots\ndocuments:\n  - K01_W1_interview.txt\nexclude: ['*_W2_*']\n")
    assert main(["info", str(tmp_path), "-q"]) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error", FilesNotLoadedWarning)
        assert "excludes" in " ".join(qlr.load(tmp_path, progress=False).meta.get("inferred", []))


def test_the_template_keeps_what_is_left_out_on_purpose(tmp_path):
    # A loose note at the study's top, commented out by the template, and the manifest's own exclude: stay left
    # out without a warning when the study is loaded with the template as written.
    import warnings

    from qlr.errors import FilesNotLoadedWarning

    talk = "Interviewer: Who sets the agenda?\nInterviewee: We do, these days.\n"
    write(tmp_path / "K01_W1_interview.txt", talk)
    write(tmp_path / "K02_W1_interview.txt", talk)
    write(tmp_path / "to do.txt", "Book the hall. Ring the printers.\n")
    write(tmp_path / "pilot" / "K00_W1_interview.txt", talk)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.template_for(tmp_path)
    data = yaml.safe_load(template)
    assert "to do.txt" in data.get("exclude", []), template
    data["exclude"].append("pilot/*")
    data["documents"] = [entry for entry in data["documents"] if "pilot" not in str(entry)]
    write(tmp_path / "study.yaml", yaml.safe_dump(data, sort_keys=False))
    with warnings.catch_warnings():
        warnings.simplefilter("error", FilesNotLoadedWarning)
        study = qlr.load(tmp_path, progress=False)
        again = yaml.safe_load(qlr.io.template_for(tmp_path))
    assert sorted(study.documents["doc_id"]) == ["K01_W1_interview", "K02_W1_interview"]
    assert again["exclude"] == ["to do.txt", "pilot/*"]


def test_three_numbered_bold_questions_in_markdown_are_the_interviewers(tmp_path):
    # "1. **…?**" with its answer as a nested item under it, or after a blank line, or indented: a write-up of three
    # questions was read as unlabelled paragraphs (four were needed), the questions coded as the participant's words.
    layouts = {
        "nested": "1. **How did you start?**\n   - My neighbour asked me along.\n2. **Who decides?**\n   - The staff, mostly.\n3. **Has that changed?**\n   - A little, we vote now.\n",
        "apart": "1. **How did you start?**\n\n- My neighbour asked me along.\n\n2. **Who decides?**\n\n- The staff, mostly.\n\n3. **Has that changed?**\n\n- A little, we vote now.\n",
        "indented": "1. **How did you start?**\n\n   My neighbour asked me along.\n\n2. **Who decides?**\n\n   The staff, mostly.\n\n3. **Has that changed?**\n\n   A little, we vote now.\n",
    }
    import warnings

    for name, body in layouts.items():
        write(tmp_path / name / "K03_W1_interview.md", "# Write-up: K03, first visit\n\n" + body)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            study = qlr.load(tmp_path / name, progress=False)
        text = study.documents["text"].iloc[0]
        said = [(row.speaker_role, text[row.start : row.end].strip()) for row in study.segments.itertuples() if isinstance(row.speaker_role, str)]
        assert [role for role, _ in said] == ["interviewer", "participant"] * 3, (name, said)
        assert "Who decides?" in said[2][1] and "The staff, mostly." in said[3][1]
    # Three question headings of a note stay as they were read: no turns.
    write(tmp_path / "note" / "K03_W1_interview.md", "## Why here?\n\nThe rent.\n\n## Who comes?\n\nNeighbours.\n\n## What next?\n\nA fence.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert qlr.load(tmp_path / "note", progress=False).segments["speaker_role"].isna().all()


def test_a_transcript_in_several_formats_loads_quietly_from_its_template(tmp_path):
    # Whisper's .txt, .srt and .vtt of one recording: the template lists one and now excludes the others, so
    # loading with it leaves them out without the warning a forgotten file gets.
    import warnings

    from qlr.errors import FilesNotLoadedWarning

    write(tmp_path / "walk.txt", "We planted the beds together this spring.\n")
    write(tmp_path / "walk.srt", "1\n00:00:00,000 --> 00:00:03,000\nWe planted the beds together this spring.\n")
    write(tmp_path / "walk.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nWe planted the beds together this spring.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        template = qlr.io.template_for(tmp_path)
    data = yaml.safe_load(template)
    assert len(data["documents"]) == 1 and len(data["exclude"]) == 2, template
    write(tmp_path / "study.yaml", template)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", FilesNotLoadedWarning)
        assert len(qlr.load(tmp_path, progress=False).documents) == 1
