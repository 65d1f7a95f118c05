"""Real files of a fifth pass (stop 32): each failure a new user met on files nobody here wrote,
made small. Where the source was public, its repository is named."""

from __future__ import annotations

import pytest

import qlr

from .conftest import write
from .test_world_files import _turns

# --------------------------------------------------------------------------- transcripts

def test_a_key_to_the_labels_above_the_turns_is_no_turn(tmp_path):
    # divekit's German interview (sources/nnProf_transkript.md): "I: Interwiever, B: Befragter".
    text = (
        "Interview Transkript\n\nI: Interwiever, B: Befragter\n\nStart of transcript\n\n"
        "I: [00:00:00] Wie sieht Ihre Lehre aus?\n\nB: [00:00:12] Wir planen sie gemeinsam.\n\n"
        "I: [00:01:00] Und die Studierenden?\n\nB: [00:01:10] Die entscheiden mit.\n"
    )
    study = qlr.load(write(tmp_path / "P1_W1_interview.md", text), progress=False)
    turns = _turns(study)
    assert turns[0][0] == "-" and "I: Interwiever, B: Befragter" in turns[0][1]
    assert [speaker for speaker, _ in turns[1:]] == ["I", "B", "I", "B"]
    notes = " ".join(study.meta["inferred"])
    assert "a key to the labels" in notes and "'B' read as participant" in notes


def test_a_key_declares_roles_its_labels_would_not_have(tmp_path):
    # A bare "M" is no interviewer's label; the key above the turns says it is.
    text = "M: Moderator, T: Teilnehmerin\n\nM: Wer plant das?\n\nT: Wir planen es zusammen.\n\nM: Seit wann?\n\nT: Seit März.\n"
    study = qlr.load(write(tmp_path / "P1_W1_interview.txt", text), progress=False)
    roles = dict(zip(study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-")))
    assert roles == {"-": "-", "M": "interviewer", "T": "participant"}


def test_only_a_key_of_labels_and_role_words_is_a_key():
    from qlr.io._segment import _legend

    # Not a key: a later label the transcript never uses, a sentence, no role word.
    assert _legend("M", "Moderator, X: Someone", {"M"}) is None
    assert _legend("A", "Yes, B: We ran it ourselves.", {"A", "B"}) is None
    assert _legend("A", "Anna, B: Bella", {"A", "B"}) is None


# --------------------------------------------------------------------------- field notes

def test_dated_entries_in_polish_finnish_and_swedish_month_names(tmp_path):
    text = (
        "## 12 marca 2026\nSpotkanie grupy.\n\n## 3 kwietnia 2026\nDrugie spotkanie.\n\n"
        "## 14. toukokuuta 2026\nKolmas tapaaminen.\n\n## 2 augusti 2026\nFjärde mötet.\n"
    )
    study = qlr.load(write(tmp_path / "G1_W1_fieldnotes.md", text), progress=False)
    dates = [str(d)[:10] for d in study.segments["date"]]
    assert dates == ["2026-03-12", "2026-04-03", "2026-05-14", "2026-08-02"]


# --------------------------------------------------------------------------- focus groups and hearings

_GROUP = (
    "Moderator: What did you think of the drop-in sessions?\n\nAnna Reid: They were useful, we ran two ourselves.\n\n"
    "Tom Bell: I only went once but I liked it.\n\nModerator: Who decided the topics?\n\n"
    "Anna Reid: Mostly the staff, to be honest.\n\nTom Bell: We were asked at the end.\n\n"
    "{label}: I never heard about them at all and nobody asked us.\n\n"
    "Moderator: Thank you. How were you told?\n\nAnna Reid: By text.\n\nTom Bell: Same.\n"
)


def test_a_one_off_voice_with_a_title_or_where_they_are_from_is_a_speaker(tmp_path):
    # Hearings (QMSum's Commons committee: "Mr. Paul Manly:", "Hon. Patty Hajdu:") and a workshop's audience
    # (serial-crystallography-methods/2023-workshop-report: "Eike Schulz (Desy):") speak once each.
    for label, speaker in [
        ("Mr. Paul Manly", "Mr. Paul Manly"),
        ("Hon. Patty Hajdu", "Hon. Patty Hajdu"),
        ("Dr Eike Schulz", "Dr Eike Schulz"),
        # The bracket stays in the name: "Anna Schmidt (Berlin)" and "(Munich)" may be two people.
        ("Eike Schulz (Desy)", "Eike Schulz (Desy)"),
        ("Paul Manly (Nanaimo)", "Paul Manly (Nanaimo)"),
    ]:
        folder = tmp_path / speaker.replace(" ", "_").replace(".", "")
        study = qlr.load(write(folder / "G1_W1_focus_group.txt", _GROUP.format(label=label)), progress=False)
        turns = _turns(study)
        assert (speaker, "I never heard about them at all and nobody asked us.") in turns, label
        assert len(turns) == 10


def test_a_header_names_the_moderator_however_the_notes_shorten_the_name(tmp_path):
    # The workshop's session notes: "Moderator: Aaron Brewster" over "Aaron B: …"; "Mod: Jeney Wierman" over
    # "Jeney Wierman: …"; the panel listed under "Panel:" one name a line.
    text = (
        "Title: What is stopping us\n\nMod: Jeney Wierman\n\nPanel:\n- Graeme Winter\n- Iris Young\n\n"
        "Jeney Wierman: Can we automate it?\n\nGraeme Winter: We decided together to try.\n\n"
        "Jeney Wierman: And the deposit?\n\nIris Young: Later.\n"
    )
    study = qlr.load(write(tmp_path / "a" / "S1_W1_focus_group.md", text), progress=False)
    roles = dict(zip(study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-")))
    assert roles == {"-": "-", "Jeney Wierman": "interviewer", "Graeme Winter": "participant", "Iris Young": "participant"}
    text = "Moderator: Aaron Brewster\n\nAaron B: What is the minimal data?\n\nGraeme: The raw frames.\n\nAaron B: And when?\n\nGraeme: At once.\n"
    study = qlr.load(write(tmp_path / "b" / "S1_W1_focus_group.md", text), progress=False)
    assert dict(zip(study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-")))["Aaron B"] == "interviewer"


def test_a_template_keeps_a_label_whose_role_differs_between_documents(tmp_path):
    # Aaron moderates session 2 (its header says so) and sits on the panel of sessions 1 and 3.
    panel = "Jo: What worked?\n\nAaron: We planned it together.\n\nJo: And then?\n\nAaron: We ran it.\n"
    write(tmp_path / "S_W1_focus_group.txt", "Moderator: Jo Bloggs\n\n" + panel)
    write(tmp_path / "S_W3_focus_group.txt", "Moderator: Jo Bloggs\n\n" + panel)
    write(tmp_path / "S_W2_focus_group.txt", "Moderator: Aaron Brewster\n\nAaron: What worked?\n\nJo: The rota.\n\nAaron: Why?\n\nJo: We chose it.\n")

    def roles(study):
        return sorted(set(zip(study.segments["doc_id"], study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-"))))

    before = roles(qlr.load(tmp_path, progress=False))
    assert ("S_W2_focus_group", "Aaron", "interviewer") in before and ("S_W1_focus_group", "Aaron", "participant") in before
    (tmp_path / "study.yaml").write_text(qlr.io.template_for(tmp_path), encoding="utf-8")
    assert roles(qlr.load(tmp_path, progress=False)) == before


# --------------------------------------------------------------------------- earlier coding from a QDA tool's table

_TALK = (
    "Interviewer: How is the garden run?\n\nP: We decided it together. Yeah. The staff just help.\n\n"
    "Interviewer: And the rota?\n\nP: Yeah. Everyone has a turn, me too.\n"
)


def _coded_folder(tmp_path, rows, *, name="codings.csv"):
    write(tmp_path / "P1_W1_interview.txt", _TALK)
    (tmp_path / "study.yaml").write_text(f"documents: ['*.txt']\ncodings: [{name}]\n", encoding="utf-8")
    if name.endswith(".xlsx"):
        import pandas as pd

        pd.DataFrame(rows[1:], columns=rows[0]).to_excel(tmp_path / name, index=False)
    else:
        write(tmp_path / name, "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n")
    return tmp_path


def test_codes_named_as_a_qda_tool_names_them_make_the_studys_own_codebook(tmp_path):
    # A MAXQDA "Coded Segments" export and PDPilot's table (DanielKerrigan/PDPilotUserStudy) name codes, not ids.
    rows = [
        ["doc_id", "quote", "code_id", "coder"],
        ["P1_W1_interview.txt", "We decided it together.", "Power\\Shared decisions", "DK"],
        ["P1_W1_interview", "Everyone has a turn, me too.", "Rota > Turns", "DK"],
        ["P1_W1_interview", "The staff just help.", "Power\\Shared decisions", "AB"],
    ]
    study = qlr.load(_coded_folder(tmp_path, rows), progress=False)
    assert list(study.codings["code_id"]) == ["power.shared_decisions", "rota_turns", "power.shared_decisions"]
    assert set(study.codings["codebook"]) == {"codings"}
    codebook = study.codebooks["codings"]
    assert {code.id: code.name for code in codebook} == {"power": "Power", "power.shared_decisions": "Shared decisions", "rota_turns": "Rota > Turns"}
    # The report and the export now hold them (two coders on one passage count once, as for any codebook).
    from qlr.report import write_report

    page = write_report(study, tmp_path / "out", progress=False)
    import pandas as pd

    counted = pd.read_csv(page.parent / "tables" / "matrix_codes.csv")
    assert counted.groupby("code_id")["count"].sum().to_dict() == {"power.shared_decisions": 1, "rota_turns": 1}
    qlr.io.write_qdpx(study, tmp_path / "back.qdpx")
    back = qlr.io.read_qdpx(tmp_path / "back.qdpx")
    assert len(back.codings) == 3


def test_codings_with_ids_of_a_bundled_codebook_stay_that_codebooks(tmp_path):
    rows = [["doc_id", "quote", "code_id", "coder"], ["P1_W1_interview", "We decided it together.", "power.shared_decisions", "rm"]]
    study = qlr.load(_coded_folder(tmp_path, rows), progress=False)
    # No codebook of the study's own is made for them, and they say whose they are.
    assert study.codebooks == {} and study.codings["codebook"].tolist() == ["coproduction"]
    assert list(study.codings["code_id"]) == ["power.shared_decisions"]


def test_every_coding_that_cannot_be_placed_is_named_in_one_error(tmp_path):
    rows = [
        ["doc_id", "quote", "code_id", "coder"],
        ["P1_W1_interview", "We decided it together.", "a", "rm"],
        ["P1_W1_interview", "The staff just help out a lot.", "a", "rm"],
        ["P2_W1_interview", "Yeah.", "a", "rm"],
        ["P1_W1_interview", "Nothing like this at all.", "a", "rm"],
    ]
    with pytest.raises(qlr.errors.ManifestError) as caught:
        qlr.load(_coded_folder(tmp_path, rows), progress=False)
    message = str(caught.value)
    assert "3 of 4 codings cannot be placed" in message and "codings.csv:3" in message
    assert "its first 4 of 7 words are at character" in message and "'out a lot.'" in message
    assert "row 4: no document 'P2_W1_interview'" in message and "row 5: the quote is not in 'P1_W1_interview' (not even its first word)" in message


def test_a_quote_found_twice_without_an_occurrence_is_said(tmp_path):
    rows = [["doc_id", "quote", "code_id", "coder"], ["P1_W1_interview", "Yeah.", "a", "rm"]]
    with pytest.warns(qlr.errors.InferenceWarning, match=r"row 2 \(2 times in 'P1_W1_interview'\)"):
        study = qlr.load(_coded_folder(tmp_path, rows), progress=False)
    assert study.documents["text"].iloc[0][study.codings["start"].iloc[0] :].startswith("Yeah. The staff")


def test_a_span_of_no_characters_is_refused(tmp_path):
    # MAXQDA's Begin and End are paragraph numbers: copied into start and end they select nothing.
    rows = [["doc_id", "start", "end", "code_id", "coder"], ["P1_W1_interview", "3", "3", "a", "rm"]]
    with pytest.raises(qlr.errors.ManifestError, match="offsets 3:3 select no text"):
        qlr.load(_coded_folder(tmp_path, rows), progress=False)


def test_codings_from_an_excel_sheet(tmp_path):
    rows = [["doc_id", "quote", "code_id", "coder"], ["P1_W1_interview", "We decided it together.", "Shared", "rm"]]
    study = qlr.load(_coded_folder(tmp_path, rows, name="codings.xlsx"), progress=False)
    assert list(study.codings["code_id"]) == ["shared"] and list(study.codings["coder"]) == ["rm"]


def test_the_codings_columns_are_named_when_they_are_not_qlrs(tmp_path):
    rows = [["File", "Theme", "Passage"], ["P1", "Shared", "We decided it together."]]
    with pytest.raises(qlr.errors.ManifestError, match="its columns are File, Theme, Passage"):
        qlr.load(_coded_folder(tmp_path, rows), progress=False)
    # MAXQDA's coded segments (Document name, Code, Segment) are read as its export (stop 39); with no Author column
    # the coder is asked of the manifest.
    rows = [["Document name", "Code", "Segment"], ["P1", "Shared", "We decided it together."]]
    with pytest.raises(qlr.errors.ManifestError, match="MAXQDA's report names no coder"):
        qlr.load(_coded_folder(tmp_path / "maxqda", rows), progress=False)


def test_qualcoders_export_of_coded_text_is_read_as_it_is(tmp_path):
    # QualCoder's coded-text export (ndporter/open-qualitative-research-qualcoder, olgabvo/analises_qualcoder):
    # "File","Coder","Coded","Id","Codename","Coded_Memo","Category", the file named with its extension.
    rows = [
        ["File", "Coder", "Coded", "Id", "Codename", "Coded_Memo", "Category"],
        ["P1_W1_interview.docx", "sara", "We decided it together.", "1", "Shared decisions", "", "Power"],
        ["P1_W1_interview.docx", "sara", "Everyone has a turn, me too.", "2", "Rota", "", ""],
    ]
    study = qlr.load(_coded_folder(tmp_path, rows), progress=False)
    assert list(study.codings["code_id"]) == ["power.shared_decisions", "rota"]
    assert list(study.codings["coder"]) == ["sara", "sara"] and set(study.codings["doc_id"]) == {"P1_W1_interview"}


def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path):
    # Standard Ebooks' chapters (standardebooks/samuel-pepys_the-diary) open with <?xml … encoding="utf-8"?>.
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>\n<h2>12 March 2024</h2>\n<p>Visited the food bank.</p>\n</body></html>\n'
    study = qlr.load(write(tmp_path / "Site_W1_diary.html", page), progress=False)
    assert list(study.segment_texts()) == ["Visited the food bank."]
    assert str(study.segments["date"].iloc[0])[:10] == "2024-03-12"


def test_a_wave_with_a_start_and_no_end_is_shown_from_its_start(tmp_path, capsys):
    from qlr.cli import main

    write(tmp_path / "G1_W1_focus_group.txt", _GROUP.format(label="Paul Manly"))
    (tmp_path / "study.yaml").write_text("waves: [{id: W1, start: 2023-09-11}]\ndocuments: ['*.txt']\n", encoding="utf-8")
    main(["info", str(tmp_path)])
    out = capsys.readouterr().out
    assert "W1: W1 (from 2023-09-11), 1 document" in out and "NaT" not in out


def test_a_portraits_insufficient_evidence_says_what_it_lacks_not_nan():
    import qlr.track

    study = qlr.load("data/sample", progress=False).apply("coproduction")
    lines = [line for line in qlr.track.portrait(study, "C02").markdown.splitlines() if "insufficient evidence" in line]
    assert lines and all("nan" not in line for line in lines)
    assert "- **W3** [design]: insufficient evidence (candidate level 1; passages: 1 of 2)" in lines


def test_a_kind_qlr_does_not_know_in_a_manifest_is_said(tmp_path):
    # A diary declared "kind: journal" is cut by paragraph, not dated entry: the load notes say so.
    write(tmp_path / "diary.txt", "## 12 March 2024\nQuiet.\n\n## 14 March 2024\nBusy.\n")
    (tmp_path / "study.yaml").write_text("documents:\n  - {path: diary.txt, case: A, wave: W1, kind: journal}\n", encoding="utf-8")
    study = qlr.load(tmp_path, progress=False)
    assert any("kinds qlr does not know, read by paragraph, their entries and speakers not told apart: journal (1 document)" in note for note in study.meta["inferred"])


def test_a_pseudonyms_code_in_lower_case_is_a_speaker_where_it_comes_back(tmp_path):
    # qc's demo project (cproctor/qualitative-coding, demo.qdpx: admin-1.txt): "Max Bigman:" asks, "admin-1:" answers.
    text = "".join(f"Max Bigman: Question {i}?\n\nadmin-1: Answer {i}, we planned it.\n\n" for i in range(3))
    write(tmp_path / "A_W1_interview.txt", text)
    (tmp_path / "study.yaml").write_text("speakers: {Max Bigman: interviewer}\ndocuments: ['*.txt']\n", encoding="utf-8")
    study = qlr.load(tmp_path, progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["Max Bigman", "admin-1"] * 3
    # Once or twice it is a list's item or a note, not a voice.
    text = "Interviewer: What changed?\n\nAnn: Two things.\nstep1: we planned it.\nstep2: we ran it.\n"
    study = qlr.load(write(tmp_path / "b" / "B_W1_interview.txt", text), progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["Interviewer", "Ann"]


def test_a_participants_own_diary_is_theirs_when_speakers_says_so(tmp_path):
    # Solicited diaries are written by the case: "observer: Pepys" with "speakers: {Pepys: participant}".
    write(tmp_path / "diary.md", "## 12 March 2024\nWe planned the rota together.\n\n## 14 March 2024\nQuiet.\n")
    (tmp_path / "study.yaml").write_text(
        "speakers: {Pepys: participant}\ndocuments:\n  - {path: diary.md, case: P1, wave: W1, kind: diary, observer: Pepys}\n", encoding="utf-8"
    )
    study = qlr.load(tmp_path, progress=False)
    assert set(study.segments["speaker_role"]) == {"participant"} and set(study.segments["speaker"]) == {"Pepys"}
    assert list(qlr.io.speaker_labels(study)["decided_by"]) == ["manifest"]


def test_one_named_code_leaves_the_bundled_ids_codings_alone(tmp_path, capsys):
    # Review: a single "Trust in staff" beside the sample's ids moved all 650 codings into the own codebook.
    rows = [
        ["doc_id", "quote", "code_id", "coder"],
        ["P1_W1_interview", "We decided it together.", "power.shared_decisions", "rm"],
        ["P1_W1_interview", "The staff just help.", "Trust in staff", "rm"],
    ]
    study = qlr.load(_coded_folder(tmp_path, rows), progress=False)
    assert list(study.codings["code_id"]) == ["power.shared_decisions", "trust_in_staff"]
    # The bundled id's coding is that codebook's, and says so (a new user's were "not in the report" and
    # "not checked" while the report used them as evidence).
    assert study.codings["codebook"].tolist() == ["coproduction", "codings"]
    assert any("ids of a codebook qlr ships are that codebook's: 1 of 'coproduction'" in note for note in study.meta["inferred"])
    # Validation checks it against its codebook: only the own code's coding is left unchecked.
    from qlr.cli import main

    assert main(["validate", str(tmp_path), "--codebook", "coproduction"]) == 0
    said = capsys.readouterr()
    assert "no codebook, so" not in said.out + said.err
    assert "1 coding uses 1 of its codes" in said.out  # the codebook coproduction checked it


def test_a_shortened_name_two_header_names_share_is_nobodys_role(tmp_path):
    # Review: "Mod: Aaron Brewster" and "Panel: Aaron Bell" both shorten to "Aaron B".
    text = (
        "Session 2 notes\nMod: Aaron Brewster\nPanel: Aaron Bell, Dina Roy\n\n"
        "Aaron Brewster: What has changed?\n\nDina Roy: The rent went up.\n\nAaron B: Mine too.\n\n"
        "Aaron Brewster: How are you managing?\n\nAaron B: Skipping meals.\n"
    )
    study = qlr.load(write(tmp_path / "C9_W1_interview.txt", text), progress=False)
    roles = dict(zip(study.segments["speaker"].fillna("-"), study.segments["speaker_role"].fillna("-")))
    assert roles["Aaron Brewster"] == "interviewer" and roles["Aaron B"] == "participant"


def test_lower_case_codes_are_speakers_only_as_people_taking_turns(tmp_path):
    # Review lookalikes: a focus group's p01–p03 (p03 speaks twice) are all speakers; a pasted log's
    # "user1:" and a config file's "site1:" in a Markdown code block are not.
    group = (
        "Moderator: How do you get to the clinic?\n\np01: By bus.\n\np02: I drive.\n\np01: The bus is fine.\n\n"
        "p03: I walk.\n\nModerator: What would help?\n\np02: Parking.\n\np01: A later bus.\n\np03: A bench.\n"
    )
    study = qlr.load(write(tmp_path / "a" / "G1_W1_focus_group.txt", group), progress=False)
    assert [s for s, _ in _turns(study)] == ["Moderator", "p01", "p02", "p01", "p03", "Moderator", "p02", "p01", "p03"]
    log = (
        "Interviewer: What did the chatbot say?\n\nParticipant: Here it is:\nuser1: how do I reset it\nbot: Visit settings.\n"
        "user1: I did\nbot: Visit settings.\nuser1: useless\n\nInterviewer: Then?\n\nParticipant: I phoned.\n"
    )
    study = qlr.load(write(tmp_path / "b" / "P1_W1_interview.txt", log), progress=False)
    assert [s for s, _ in _turns(study)] == ["Interviewer", "Participant", "Interviewer", "Participant"]
    config = (
        "**Interviewer:** How do you name files?\n\n**Respondent:** Like this:\n\n```\nsite1: leeds\nsite2: york\n"
        "site1: archive\nsite2: weekly\n```\n\n**Interviewer:** Why?\n\n**Respondent:** Habit.\n"
    )
    study = qlr.load(write(tmp_path / "c" / "P1_W1_interview.md", config), progress=False)
    assert [s for s, _ in _turns(study)] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
