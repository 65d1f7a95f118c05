"""Real files of a fourth pass (stop 31): each failure a new user met on files nobody here wrote,
made small. Where the source was public, its repository is named."""

from __future__ import annotations

import logging
import warnings

import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io import read_document

from .conftest import write


def _captions(path):
    """A caption file loaded as a transcript (captions name no interviewer, which loading says)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        return qlr.load(path, progress=False)


def _coded_by_hand(path, text, quotes):
    """A one-transcript study, coded by hand: ``quotes`` are (quote, code id) pairs."""
    study = qlr.load(write(path, text), progress=False)
    for quote, code in quotes:
        study.code_quote(path.stem, quote, code, coder="rm")
    return study


def _turns(study):
    return list(zip(study.segments["speaker"].fillna("-"), study.segment_texts()))


# --------------------------------------------------------------------------- captions

def test_a_cue_whose_timing_follows_the_last_words_without_a_blank_line_is_a_cue(tmp_path):
    # youtube-dl's captions (webvtt-py's youtube_dl.vtt): a timing line right after a cue's words.
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nwe planned it\n"
        "00:00:02.000 --> 00:00:03.000\ntogether with them\n\n"
        "7\n00:00:03.000 --> 00:00:04.000\nlast year\n8\n00:00:04.000 --> 00:00:05.000\nall of us\n"
    )
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    said = " ".join(study.segment_texts())
    assert said == "we planned it together with them last year all of us"


def test_rolling_automatic_captions_say_each_line_once(tmp_path):
    # YouTube's automatic captions: each cue repeats the line the cue before ended with.
    text = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:01.000 --> 00:00:02.000 align:start position:0%\nyeah\n\n"
        "00:00:02.000 --> 00:00:04.000 align:start position:0%\nyeah\n<c.colorCCCCCC>what</c>\n"
        "00:00:04.000 --> 00:00:05.000 align:start position:0%\n"
        "we<00:00:04.100><c> ran</c><00:00:04.300><c> it</c>\n\n"
        "00:00:05.000 --> 00:00:05.010 align:start position:0%\nwe ran it\n \n\n"
        "00:00:05.010 --> 00:00:07.000 align:start position:0%\nwe ran it\nourselves<00:00:05.500><c> then</c>\n"
    )
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    assert " ".join(study.segment_texts()) == "yeah what we ran it ourselves then"


def test_a_line_said_twice_in_plain_subtitles_is_said_twice(tmp_path):
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nYes.\n\n00:00:02.000 --> 00:00:03.000\nYes.\n\n00:00:03.000 --> 00:00:04.000\nWe did.\n"
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    assert " ".join(study.segment_texts()) == "Yes. Yes. We did."


def test_a_bracketed_note_alone_on_its_line_is_not_a_speaker(tmp_path):
    # Crash Course's captions (1c7/vtt-test-file): "[Intro]" once, then the words.
    text = (
        "WEBVTT\n\n00:00:00.160 --> 00:00:03.540\nHi, this is the history course.\n\n"
        "00:00:28.880 --> 00:00:37.719\n[Intro]\nSo, population was rising\n\n"
        "00:00:37.719 --> 00:00:44.210\nacross Europe.\n"
    )
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    assert study.segments["speaker"].isna().all()
    assert "[Intro] So, population was rising across Europe." in " ".join(study.segment_texts())


def test_a_bracketed_name_before_words_names_the_speaker_even_once(tmp_path):
    # Subtitles for the deaf (a Netflix file in webvtt-py): "[Pedro] Lo haré …", Pedro once.
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Alba] En 1928, éramos adornos.\n\n"
        "00:00:03.000 --> 00:00:04.000\n[ríen]\n\n00:00:05.000 --> 00:00:06.000\n[Pedro] Lo haré cuando quieras.\n"
    )
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    assert _turns(study) == [("Alba", "En 1928, éramos adornos. [ríen]"), ("Pedro", "Lo haré cuando quieras.")]


def test_pypdfs_notes_on_repairing_a_file_stay_off_the_terminal(tmp_path, capsys):
    # pypdf logs "Ignoring wrong pointing object …" through logging's last resort (stderr), where -q
    # cannot hide it; the words of the file are all read.
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    path = tmp_path / "C1_W1_interview.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    record = logging.LogRecord("pypdf._reader", logging.WARNING, __file__, 1, "Ignoring wrong pointing object 8 0 (offset 0)", None, None)
    from qlr.io import _readers

    with _readers._pypdf_notes_kept():
        logging.getLogger("pypdf._reader").handle(record)
    assert capsys.readouterr().err == ""
    read_document(path)  # reads without error; its blank page is said as unread, not by pypdf


# --------------------------------------------------------------------------- projects

def test_hand_codings_of_the_bundled_codebook_survive_coding_with_ones_own(tmp_path, sample_study):
    # A study's hand codings name the bundled codebook, which a project does not hold; coding with
    # one's own codebook and saving must keep them (650 of 664 were left out on reopening).
    book = write(
        tmp_path / "own.yaml",
        "name: own\ncodes:\n  - id: together\n    name: Together\n    indicators:\n      - phrase: together\n",
    )
    coded = sample_study.copy().apply(str(book), progress=False)
    coded.save(tmp_path / "own.qlr")
    reopened = qlr.open(tmp_path / "own.qlr")
    assert len(reopened.codings) == len(coded.codings)
    assert reopened.codings["codebook"].value_counts().to_dict() == coded.codings["codebook"].value_counts().to_dict()


def test_a_code_given_twice_in_one_turn_is_cited_once_and_its_weight_explained(tmp_path):
    # qc selects whole lines, so one turn can hold two codings of one code (5 of 205 in its demo
    # project): the placement's weight counts both, and the trail must say so.
    text = (
        "Interviewer: How is the group run?\n"
        "Ann: We share the decisions now. Every week we share the decisions about the rota.\n"
        "Interviewer: And the menu?\n"
        "Ann: Staff ask us what we think of it.\n"
    )
    study = _coded_by_hand(tmp_path / "C1_W1_interview.txt", text, [
        ("We share the decisions now", "power.shared_decisions"), ("we share the decisions about the rota", "power.shared_decisions"),
        ("Staff ask us what we think", "power.consulted"),
    ])
    placements = qlr.track.ladder(study, codebook="coproduction", min_segments=1)
    delivery = placements.evidence[placements.evidence["facet"] == "delivery"]
    assert delivery[["quote", "mentions", "weight", "passage_weight"]].values.tolist() == [["We share the decisions now", 2, 1.0, 2.0]]
    table = placements.table.set_index("facet")
    assert table.loc["delivery", "weight"] == 2.0 and table.loc["delivery", "n_evidence"] == 1
    for facet, cited in placements.evidence.groupby("facet"):  # one code per passage here: the trail sums to the weight
        assert cited["passage_weight"].sum() == table.loc[facet, "weight"]


def test_a_passage_with_two_codes_cites_the_stronger_and_counts_only_its_own_mentions(tmp_path):
    # The trail's passage_weight summed every code of the passage, negative evidence too (a real trial).
    text = "Interviewer: How is the group run?\nAnn: We share the decisions now, though staff still lead it all.\nInterviewer: And?\nAnn: Staff ask us what we think.\n"
    study = _coded_by_hand(tmp_path / "C1_W1_interview.txt", text, [
        ("We share the decisions now", "power.shared_decisions"), ("staff still lead it all", "facilitation.staff_led"),
        ("Staff ask us what we think", "power.consulted"),
    ])
    placements = qlr.track.ladder(study, codebook="coproduction", min_segments=1, facet="delivery")
    first = placements.evidence.iloc[0]
    assert (first["code_id"], first["mentions"], first["passage_weight"]) == ("power.shared_decisions", 1, 1.0)


def test_codings_on_a_moderators_turns_are_named_where_they_stop_counting(tmp_path):
    # A school board's chair labelled "Moderator:" (qc's demo project): the researcher coded the
    # chair's own views, and 13 of 205 codings left every table without a word.
    text = (
        "Moderator: The board shares the decisions with parents now.\n"
        "Ann: I am not sure we share the decisions at all.\n"
        "Moderator: We share the decisions on the budget, I would say.\n"
        "Ann: Staff ask us what we think, sometimes.\n"
    )
    study = _coded_by_hand(tmp_path / "B1_W1_interview.txt", text, [
        ("The board shares the decisions with parents now", "power.shared_decisions"), ("We share the decisions on the budget", "power.shared_decisions"),
        ("Staff ask us what we think", "power.consulted"),
    ])
    assert qlr.evidence.on_question_turns(study).values.tolist() == [["Moderator", "interviewer", 2]]
    assert len(qlr.evidence.evidence(study)) == 1
    qlr.report.write_report(study, tmp_path / "report", codebook="coproduction", progress=False)
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "2 codings of these codes are on turns read as the interviewer's" in page
    assert "--speaker 'Moderator=participant'" in page


def test_a_source_without_a_name_is_named_after_its_text_file(tmp_path):
    # qc writes <TextSource plainTextPath="board_2017.txt" guid=…> without a name (the schema allows it):
    # its documents were named by GUID, so --case/--wave patterns needed hex.
    import zipfile

    guid = "33663939-3636-3632-3038-613431643463"
    project = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="board">'
        f'<Sources><TextSource plainTextPath="board_2017.txt" guid="{guid}"/>'
        '<TextSource plainTextPath="internal://0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10.txt" guid="0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10"/>'
        "</Sources></Project>"
    )
    path = tmp_path / "board.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("sources/board_2017.txt", "Moderator: We begin.\nAnn: Thank you.\n")
        archive.writestr("sources/0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10.txt", "Moderator: Next.\nAnn: Yes.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.io.read_qdpx(path)
    assert sorted(study.documents["doc_id"]) == sorted(["board_2017", "0e6f2a1c-77b4-4f0e-9c1d-2b5a8e3f4d10"])


# --------------------------------------------------------------------------- codebooks

def test_a_yaml_codebook_saved_as_text_is_read(tmp_path):
    book = write(tmp_path / "codebook.txt", "name: c\ncodes:\n  - id: a\n    name: A\n")
    assert [code.id for code in qlr.read_codebook(book)] == ["a"]


def test_validate_rules_without_a_study_is_one_error(capsys):
    from qlr.cli import main

    assert main(["validate", "--codebook", "coproduction", "--rules", "rm"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "--rules rm checks the rules against that person's codings of a study: give the STUDY" in err


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("codebook.xls", b"\xd0\xcf\x11\xe0 not really", "this is a spreadsheet in the old Excel format"),
        ("codebook.ods", b"PK\x03\x04 not really", "this is an OpenDocument spreadsheet"),
        ("codebook.md", b"# Codebook\n\n- **Trust**: feeling safe\n", "this is a Markdown document"),
        ("project.qdpx", b"PK\x03\x04 not really", "this is a REFI-QDA project"),
    ],
)
def test_a_codebook_in_a_format_qlr_does_not_read_says_so_and_the_way_forward(tmp_path, monkeypatch, name, content, said):
    # Real codebooks kept as spreadsheets, Markdown and projects got
    # "no bundled codebook named …", a transcript's binary-file advice or a YAML error.
    (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    for given in (name, str(tmp_path / name)):
        with pytest.raises(qlr.errors.CodebookError, match=said) as raised:
            qlr.read_codebook(given)
        assert "qlr reads codebooks from YAML (.yaml, .yml), REFI-QDA (.qdc) or table (.csv, .tsv, .xlsx) files" in str(raised.value)
        assert str(raised.value.path).endswith(name)


def test_a_codebook_without_rules_says_rule_coding_finds_nothing(tmp_path, sample_study, capsys):
    book = write(tmp_path / "themes.yaml", "name: themes\ncodes:\n  - id: trust\n    name: Trust\n  - id: doubt\n    name: Doubt\n")
    with pytest.warns(qlr.errors.QlrWarning, match=r"codebook 'themes' has no rules \(none of its 2 codes has indicators\)"):
        coded = sample_study.copy().apply(str(book), progress=False)
    assert not (coded.codings["codebook"] == "themes").any()
    from qlr.cli import main

    assert main(["validate", "--codebook", str(book)]) == 0
    assert "themes 0.1.0: 2 codes, 0 with rules (2 that rule coding cannot code)" in capsys.readouterr().out


def test_a_podcast_pages_times_after_each_name_are_the_turns_times(tmp_path):
    # The Podcasting 2.0 HTML transcript: <cite>Travis:</cite><time>0:00</time><p>…</p>.
    page = "".join(
        f"<cite>{name}:</cite>\n<time>{time}</time>\n<p>{words}</p>\n"
        for name, time, words in [
            ("Travis", "0:00", "When you first get started, you make mistakes."),
            ("Sarah", "0:53", "Good audio keeps listeners with you."),
            ("Travis", "1:42", "Now, about your intro."),
            ("Sarah", "9:22", "Is there an ideal length? No."),
        ]
    )
    study = _captions(write(tmp_path / "POD_W1_interview.html", page))
    assert study.segments["timestamp"].tolist() == [0.0, 53.0, 102.0, 562.0]
    assert _turns(study)[1] == ("Sarah", "Good audio keeps listeners with you.")


def test_times_of_day_answered_after_names_stay_words(tmp_path):
    text = "Interviewer: When did it start?\nJane: 10:30\nInterviewer: And end?\nJane: 9:15\nInterviewer: Then?\nJane: 11:00\n"
    study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    assert study.segments["timestamp"].isna().all()
    assert [words for _, words in _turns(study)][1::2] == ["10:30", "9:15", "11:00"]


def test_a_photo_caption_and_a_setting_line_are_not_speakers(tmp_path):
    # An oral-history interview published as PDF (Dans-labs/asr-tests): "Setting:" above the
    # talk and "Fig. 35:" under a still were two participants.
    text = (
        "Setting: The interview took place in the studio on 31 January 2020.\n"
        "MV: Can you tell me how you got involved?\n"
        "WK: Well, it began with a call in the magazine.\n"
        "MV: And then?\n"
        "Fig. 35: Still from the interview: WK holds up the magazine.\n"
        "WK: Then we met and planned it together.\n"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        study = qlr.load(write(tmp_path / "C1_W1_interview.txt", text), progress=False)
    assert set(study.segments["speaker"].dropna()) == {"MV", "WK"}
    assert "Fig. 35: Still from the interview" in study.segment_texts().iloc[-2]


def test_a_tldv_meeting_export_gives_its_speakers_and_times_not_its_highlights(tmp_path):
    # tl;dv's Word export (Dev-Awuor/tomag-toolkit): "@0:25 - Lloyd Ian (e-mail)" over the words, and
    # bold highlight lines "ACTION ITEM: … - WATCH" inside turns, which took 8,100 words from three people.
    import docx

    document = docx.Document()
    document.add_paragraph("Impromptu Google Meet Meeting - May 29")
    turns = [
        ("@0:00 - Tom Gituma", None, "We focus on one sector. Yes. Manufacturing first."),
        ("@0:25 - Lloyd Ian (lloyd@example.com)", None, "Find out in shipping? Yes."),
        ("@0:51 - Tom Gituma", "ACTION ITEM: Set up a monthly content day - WATCH", "We shoot content every other month."),
        ("@1:10 - Lloyd Ian (lloyd@example.com)", "POSITIVE REACTION: Lloyd liked the plan - WATCH", "That works for me."),
    ]
    for heading, highlight, words in turns:
        document.add_paragraph(heading)
        if highlight:
            document.add_paragraph().add_run(highlight).bold = True
        document.add_paragraph(words)
    path = tmp_path / "M1_W1_interview.docx"
    document.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        study = qlr.load(path, progress=False)
    spoken = study.segments.dropna(subset=["speaker"])
    assert spoken["speaker"].tolist() == ["Tom Gituma", "Lloyd Ian", "Tom Gituma", "Lloyd Ian"]
    assert spoken["timestamp"].tolist() == [0.0, 25.0, 51.0, 70.0]
    assert study.segment_texts().iloc[-1] == "POSITIVE REACTION: Lloyd liked the plan - WATCH\nThat works for me."


# --------------------------------------------------------------------------- deposit

def test_a_case_without_a_label_can_be_deposited(tmp_path):
    # Files named {case}_{wave}_{kind}, as the README asks, and no labels: "the case id 'C01'
    # contains the identifier 'c01'" refused every such study.
    from qlr.cli import main

    folder = tmp_path / "study"
    write(folder / "C01_W1_interview.txt", "Interviewer: How was it?\nC01: Fine. Maria helped.\n")
    write(folder / "C01_W2_interview.txt", "Interviewer: And now?\nC01: Better.\n")
    assert main(["deposit", str(folder), "--key", str(tmp_path / "key.csv"), "--out", str(tmp_path / "out"), "-q"]) in (0, 3)
    assert (tmp_path / "out" / "transcripts" / "C01_W1_interview.txt").is_file()


def test_a_deposit_keeps_no_names_in_its_documents_source_paths(tmp_path):
    # "elena-verna/transcript.md", "… with Tom Lyon_transcript.txt": a dash or an underscore joins the
    # name to the next word, so replacing whole words left 17 of 29 paths naming the person.
    import json
    import zipfile

    folder = tmp_path / "study"
    write(folder / "elena-verna" / "transcript.md", "Interviewer: How did you start?\nElena Verna: I started in growth.\n")
    write(folder / "A talk with Tom Lyon_transcript.txt", "Interviewer: And you?\nTom Lyon: I built it.\n")
    write(
        folder / "study.yaml",
        "name: names\nwaves: [W1]\ncases:\n  - {id: C01, label: Elena Verna}\n  - {id: C02, label: Tom Lyon}\ndocuments:\n"
        "  - {path: elena-verna/transcript.md, id: C01_W1_interview, case: C01, wave: W1, kind: interview}\n"
        '  - {path: "A talk with Tom Lyon_transcript.txt", id: C02_W1_interview, case: C02, wave: W1, kind: interview}\n',
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = qlr.pseudo.pseudonymise(qlr.load(folder, progress=False))
        assert result.study.documents["source"].tolist() == ["C01_W1_interview.md", "C02_W1_interview.txt"]
        qlr.pseudo.deposit(result, tmp_path / "out", key_path=tmp_path / "key.csv")
    with zipfile.ZipFile(tmp_path / "out" / "project.qdpx") as archive:
        details = archive.read("qlr/details.json").decode("utf-8")
        project = archive.read("project.qde").decode("utf-8")
    for name in ("elena", "verna", "Lyon"):
        assert name.lower() not in details.lower() and name.lower() not in project.lower()
    assert json.loads(details)  # whole


def _pseudonymised_text(tmp_path, yaml, text):
    folder = tmp_path / "study"
    write(folder / "C01_W1_interview.txt", text)
    write(folder / "study.yaml", yaml)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.pseudo.pseudonymise(qlr.load(folder, progress=False)).study.documents["text"].iat[0]


def test_a_descriptive_case_label_gives_no_lower_case_word_to_replace(tmp_path):
    # Labels "Teacher one", "Advocate one": "one" became everyone's last name, replaced in every text.
    yaml = "name: s\nwaves: [W1]\ncases:\n  - {id: C01, label: Teacher one}\n  - {id: C02, label: Advocate one}\ndocuments:\n  - {path: C01_W1_interview.txt, case: C01, wave: W1, kind: interview}\n"
    text = "Interviewer: How many children?\nRespondent: Just one. The first one is enough.\n"
    assert _pseudonymised_text(tmp_path, yaml, text) == text


def test_names_in_scripts_without_capitals_and_a_suffix_after_the_surname_are_replaced(tmp_path):
    yaml = (
        'name: s\nwaves: [W1]\ncases:\n  - {id: C01, label: "Nadia Haddad, Jr.", aliases: [Nadia, نادية حداد]}\n'
        "actors:\n  - {id: a1, name: Li Ming, kind: person, role: colleague, aliases: [李明]}\n"
        "documents:\n  - {path: C01_W1_interview.txt, case: C01, wave: W1, kind: interview}\n"
    )
    text = "Interviewer: Your name as you write it?\nNadia: نادية حداد. Haddad is my family name. 李明 is my colleague.\n"
    out = _pseudonymised_text(tmp_path, yaml, text)
    for name in ("Nadia", "نادية", "Haddad", "李明"):
        assert name not in out
    assert "is my family name" in out and "Jr" not in out


def test_a_street_word_inside_a_longer_name_is_no_street(tmp_path):
    yaml = "name: s\nwaves: [W1]\ncases:\n  - {id: C01}\ndocuments:\n  - {path: C01_W1_interview.txt, case: C01, wave: W1, kind: interview}\n"
    text = "Interviewer: What did you read?\nRespondent: The Wall Street Journal, at home on Mill Road.\n"
    out = _pseudonymised_text(tmp_path, yaml, text)
    assert "The Wall Street Journal" in out and "Mill Road" not in out


def test_web_addresses_and_handles_are_replaced(tmp_path):
    # "@ChrisFerdinandi", "elenaverna.com", "gmail.com/dylanfield" named people in 16 of 29 deposited texts.
    yaml = "name: s\nwaves: [W1]\ncases:\n  - {id: C01}\ndocuments:\n  - {path: C01_W1_interview.txt, case: C01, wave: W1, kind: interview}\n"
    text = (
        "Interviewer: Where can people find you?\n"
        "Respondent: I'm @ChrisFerdinandi, or elenaverna.com, gmail.com/dylanfield and https://www.sprig.com/lenny. "
        "Mail me at chris@gomakethings.com, e.g. on Monday.\n"
    )
    out = _pseudonymised_text(tmp_path, yaml, text)
    for identifier in ("ChrisFerdinandi", "elenaverna", "dylanfield", "sprig", "gomakethings"):
        assert identifier not in out
    assert "[Handle 1]" in out and "[Web address 1]" in out and "[Email 1]" in out and "e.g. on Monday." in out


def test_a_colour_that_is_no_colour_is_an_error_in_yaml_and_left_out_of_a_qdc_with_a_word(tmp_path):
    # "#GG0000" passed validation, then write_qdc dropped it without a word; a named colour is written as #rrggbb.
    book = write(tmp_path / "c.yaml", 'name: c\ncodes:\n  - id: a\n    name: A\n    colour: "#GG0000"\n')
    with pytest.raises(qlr.errors.CodebookError, match=r"code 'a': colour '#GG0000' is not a colour") as raised:
        qlr.read_codebook(book)
    assert raised.value.line == 5
    named = write(tmp_path / "n.yaml", "name: n\nthemes:\n  - id: t\n    name: T\n    colour: steelblue\ncodes:\n  - id: a\n    name: A\n    parent: t\n    colour: tab:blue\n")
    assert [code.colour for code in qlr.read_codebook(named)] == ["#4682b4", "#1f77b4"]
    qdc = write(
        tmp_path / "c.qdc",
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b01" name="A" isCodable="true" color="red"/>'
        '<Code guid="0b6e5d2c-8a43-4f1e-9c53-2f1d7a4e6b02" name="B" isCodable="true" color="#0072B2"/></Codes></CodeBook>',
    )
    with pytest.warns(qlr.errors.QlrWarning, match=r"1 code colour\(s\) are not #RRGGBB and are left out: 'A' \('red'\)"):
        codebook = qlr.read_codebook(qdc)
    assert [code.colour for code in codebook] == [None, "#0072B2"]


# --------------------------------------------------------------------------- other languages

def test_bold_labels_around_their_times_with_or_without_a_colon(tmp_path):
    # divekit-roadmap's German interviews: "**I:[00:00:13]**" beside "**B: [00:00:21]**", and
    # "**I [00:00:00]**" without a colon; only B was read, every question glued into an answer.
    text = (
        "**I:[00:00:05]** Genau. Dann starten wir mit den Fragen?\n\n**B: [00:00:11]** Legen Sie mal los.\n\n"
        "**I [00:00:13]** Welche Fächer betreuen Sie?\n\n**B [00:00:21]** Technische Informatik.\n"
    )
    study = qlr.load(write(tmp_path / "P3_W1_interview.md", text), progress=False)
    assert _turns(study) == [
        ("I", "Genau. Dann starten wir mit den Fragen?"), ("B", "Legen Sie mal los."),
        ("I", "Welche Fächer betreuen Sie?"), ("B", "Technische Informatik."),
    ]
    assert study.segments["timestamp"].tolist() == [5.0, 11.0, 13.0, 21.0]
    assert study.segments["speaker_role"].tolist() == ["interviewer", "participant"] * 2


def test_a_word_before_a_time_once_in_a_turn_is_the_turns_words(tmp_path):
    # "Sowas [00:07:14] habe ich auch …": the word became a speaker holding 2,530 words, and was lost.
    text = (
        "**I [00:06:40]** Welche Aufgabentypen nutzen Sie?\n\n**B [00:06:50]** Ich gebe Fallstudien aus.\n\n"
        "Sowas [00:07:14] habe ich auch.\n\n**I [00:08:00]** Und wie werten Sie das aus?\n\n**B [00:08:10]** Per Hand.\n"
    )
    study = qlr.load(write(tmp_path / "P3_W1_interview.md", text), progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["I", "B", "I", "B"]
    assert _turns(study)[1][1] == "Ich gebe Fallstudien aus.\n\nSowas [00:07:14] habe ich auch."


def test_header_fields_in_spanish_are_not_speakers(tmp_path):
    # BookThesis's Entrevista_E2.md: "**Lugar:** Virtual." made a participant of five turns, the
    # interviewer's own notes among them.
    text = (
        "# Entrevista E2\n\n**Fecha:** 2025-11-14\n\n**Lugar:** Virtual.\n\n## NOTAS INICIALES\n\nEl entrevistado llegó puntual.\n\n"
        "**ENTREVISTADOR:** ¿Nombre completo?\n\n**E2:** Frank Mason.\n\n**ENTREVISTADOR:** ¿Años de experiencia?\n\n**E2:** Ocho años.\n"
    )
    study = qlr.load(write(tmp_path / "E2_W1_interview.md", text), progress=False)
    assert set(study.segments["speaker"].dropna()) == {"ENTREVISTADOR", "E2"}


def test_a_backslash_in_a_nested_tools_code_name_is_the_names_and_an_empty_name_is_said():
    # MAXQDA nests its codes: "Work\Life balance" was split into a made-up parent "Work"; an empty
    # name became a code called "codebook".
    import tempfile
    from pathlib import Path

    qdc = Path(tempfile.mkdtemp()) / "cb.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>'
        '<Code guid="00000000-0000-4000-8000-000000000001" name="Employment" isCodable="true">'
        '<Code guid="00000000-0000-4000-8000-000000000006" name="Work\\Life balance" isCodable="true"/></Code>'
        '<Code guid="00000000-0000-4000-8000-000000000009" name="" isCodable="true"/></Codes></CodeBook>',
        encoding="utf-8",
    )
    with pytest.warns(qlr.errors.QlrWarning, match=r"1 code\(s\) have no name and are called 'unnamed code 1'…: 00000000-0000-4000-8000-000000000009"):
        codebook = qlr.read_codebook(qdc)
    assert [(code.id, code.name, code.parent) for code in codebook] == [
        ("employment", "Employment", None), ("employment.work_life_balance", "Work\\Life balance", "employment"), ("unnamed_code_1", "unnamed code 1", None),
    ]


def test_a_case_id_that_is_a_name_written_as_one_word_is_refused(tmp_path):
    # "elenaverna", "gustavsöderström": ids made of joined names went into every file name of a deposit.
    folder = tmp_path / "study"
    write(folder / "gustavsöderström_W1_interview.txt", "Interviewer: How did it start?\nGustav Söderström: With a team.\n")
    write(folder / "study.yaml", "name: s\nwaves: [W1]\ncases:\n  - {id: gustavsöderström, label: Gustav Söderström}\ndocuments:\n  - path: '*.txt'\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder, progress=False)
    with pytest.raises(qlr.errors.PseudonymisationError, match="the case id 'gustavsöderström' contains the identifier 'gustavsöderström'"):
        qlr.pseudo.pseudonymise(study)


def test_an_override_at_a_wave_the_case_was_not_seen_at_is_refused(sample_study):
    # A typo in the wave made a dropped-out case "advancing" and a transition that never happened.
    study = sample_study.copy()
    absent = study.attrition()
    case, wave = next((c, w) for c in absent.index for w in ("W1", "W2", "W3") if absent.loc[c, w] != "present")
    with pytest.raises(qlr.errors.SelectionError, match=f"case '{case}' was not seen at wave '{wave}'"):
        study.override_placement(case=case, wave=wave, facet="delivery", level=3, reason="typo", author="rm")


def test_the_stages_figure_draws_placements_by_case_and_wave(coded_sample):
    # ladder()'s default placements (by case and wave) crashed it with a pandas ValueError.
    placements = qlr.track.ladder(coded_sample, facet="delivery")
    ax = qlr.plot.ladder_stages(placements)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert len(labels) == len(placements.table) and labels[0] == " · ".join(placements.table[["case_id", "wave_id"]].astype(str).iloc[0])
    with pytest.raises(qlr.errors.SelectionError, match="several rows for some case_id"):
        qlr.plot.ladder_stages(placements, by="case_id")


def test_agreement_with_one_coders_name_as_text_says_a_list_is_needed(sample_study):
    with pytest.raises(qlr.errors.CodingError, match=r"coders= is one name \('rm'\); agreement compares two or more coders"):
        qlr.code.agreement(sample_study, coders="rm")


def test_a_tools_codebook_taken_through_yaml_goes_back_with_its_guids_and_code_groups(tmp_path):
    # Adding rules to an ATLAS.ti codebook through YAML gave every code a new GUID and lost its code
    # group, so the tool would make duplicate codes on import.
    from qlr.io._qdc import write_qdc

    qdc = write(
        tmp_path / "atlas.qdc",
        '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23"><Codes>'
        '<Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Trust" isCodable="true"/>'
        '<Code guid="c001" name="Doubt" isCodable="true"/></Codes>'
        '<Sets><Set guid="ECA18D76-2B8B-4F26-BC1D-19ECA19FB3F0" name="Feelings"><MemberCode targetGUID="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294"/></Set></Sets></CodeBook>',
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "c001" is read leniently, and said
        codebook = qlr.read_codebook(qdc)
    text = codebook.to_yaml()
    assert "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294" in text and "c001" not in text  # a numbered id is never written back
    edited = write(tmp_path / "atlas.yaml", text.replace("- {id: trust, name: Trust", "- {id: trust, name: Trust, indicators: [{phrase: trust}]"))
    back = qlr.read_codebook(edited)
    assert back["trust"].indicators and back.guids == {"1ff58b12-6f6f-4b0c-8be5-bbdc91f55294": "trust"}
    write_qdc(back, tmp_path / "back.qdc")
    again = qlr.read_codebook(tmp_path / "back.qdc")
    assert again.guids["1ff58b12-6f6f-4b0c-8be5-bbdc91f55294"] == "trust"
    assert [(item["name"], item["codes"]) for item in again.sets] == [("Feelings", ["trust"])]
    with pytest.raises(qlr.errors.CodebookError, match=r"refi: guids gives code 'trust' 'x1', which is not a GUID"):
        qlr.read_codebook(write(tmp_path / "bad.yaml", "name: b\ncodes:\n  - id: trust\n    name: Trust\nrefi:\n  guids: {trust: x1}\n"))


def test_info_says_how_many_top_level_groups_the_reports_matrices_count(tmp_path, capsys):
    # qc's project: "262 codes, 0 themes" in qlr info, "262 codes in 3 themes" in the report.
    import zipfile

    project = (
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes>'
        '<Code guid="00000000-0000-4000-8000-000000000001" name="Work" isCodable="true">'
        '<Code guid="00000000-0000-4000-8000-000000000002" name="Pay" isCodable="true"/></Code>'
        '<Code guid="00000000-0000-4000-8000-000000000003" name="Care" isCodable="true"/></Codes></CodeBook>'
        '<Sources><TextSource guid="00000000-0000-4000-8000-000000000010" name="P1_W1" plainTextPath="internal://p1.txt"/></Sources></Project>'
    )
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("sources/p1.txt", "Interviewer: How is work?\nAnn: Fine.\n")
    from qlr.cli import main

    main(["info", str(path), "-q"])
    assert ": 3 codes under 2 top-level codes, the groups of the report's matrices" in capsys.readouterr().out


# --------------------------------------------------------------------------- lookalikes the review found

def test_caption_lookalikes_keep_their_words_and_speakers(tmp_path):
    chorus = "WEBVTT\n\n" + "".join(f"00:00:0{i}.000 --> 00:00:0{i}.900\nNo.\n\n" for i in range(1, 5)) + "00:00:05.000 --> 00:00:06.000\nI said no.\n"
    assert " ".join(_captions(write(tmp_path / "a" / "C1_W1_interview.vtt", chorus)).segment_texts()) == "No. No. No. No. I said no."
    bracketed = (
        "1\n00:00:01,000 --> 00:00:03,000\n[JOHN]\nWhere were you?\n\n2\n00:00:03,500 --> 00:00:05,000\n[MARY]\nOut.\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\n[JOHN]\nWhich friends?\n\n4\n00:00:07,500 --> 00:00:09,000\n[PETER]\nMine.\n"
    )
    study = _captions(write(tmp_path / "b" / "C1_W1_interview.srt", bracketed))
    assert [speaker for speaker, _ in _turns(study)] == ["JOHN", "MARY", "JOHN", "PETER"]
    rolling = "".join(
        f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{a}\n{b}\n\n" for n, (a, b) in enumerate([("hello everyone", "welcome"), ("welcome", "to the show"), ("to the show", "today we talk"), ("today we talk", "about captions")], 1)
    )
    assert " ".join(_captions(write(tmp_path / "c" / "C1_W1_interview.srt", rolling)).segment_texts()) == "hello everyone welcome to the show today we talk about captions"


def test_label_lookalikes_stay_as_they_were(tmp_path):
    agenda = "Site visit\nArrived: 9:05\nBriefing: 9:20\nService began: 11:30\nLeft: 14:10\n\nThe volunteers were chopping vegetables.\n"
    study = _captions(write(tmp_path / "a" / "P01_W1_interview.txt", agenda))  # no speakers: said, as it should be
    assert study.segments["speaker"].isna().all() and study.segments["timestamp"].isna().all()
    group = "".join(f"{name} [00:00:{s:02d}] {words}\n" for name, s, words in [("Anna", 1, "Hi all."), ("Ben", 5, "Happy to be here."), ("Anna", 9, "Introductions?"), ("Ben", 15, "I'm Ben."), ("Carla", 20, "Sorry I'm late."), ("Anna", 25, "No worries.")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoInterviewerWarning)
        study = qlr.load(write(tmp_path / "b" / "F1_W1_interview.txt", group), progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["Anna", "Ben", "Anna", "Ben", "Carla", "Anna"]
    notes = "# Field notes\n\n**Arrival (09:10)** Stalls were half set up.\n\n**Lunch (12:30)** Ate with two stallholders.\n\n**Departure (15:40)** Rain.\n"
    assert _captions(write(tmp_path / "c" / "P01_W1_interview.md", notes)).segments["speaker"].isna().all()
    locals_ = "Interviewer: How long have you lived here?\nLocal 1: All my life.\nLocal 2: Twenty years.\nInterviewer: Has it changed?\nLocal 1: The second homes.\n"
    study = qlr.load(write(tmp_path / "d" / "V1_W1_interview.txt", locals_), progress=False)
    assert [speaker for speaker, _ in _turns(study)] == ["Interviewer", "Local 1", "Local 2", "Interviewer", "Local 1"]


def test_pseudonymising_lookalikes(tmp_path):
    yaml = "name: s\nwaves: [W1]\ncases:\n  - {id: C01}\ndocuments:\n  - {path: C01_W1_interview.txt, case: C01, wave: W1, kind: interview}\n"
    text = "Interviewer: Where?\nRespondent: 14 Elm Street Apt 3, or 221B Baker Street London. Meet @10:30, it.me was a typo.\n"
    out = _pseudonymised_text(tmp_path, yaml, text)
    assert "Elm Street" not in out and "Baker Street" not in out and "@10:30" in out and "it.me" in out
    folder = tmp_path / "named"
    for wave in ("W1", "W2"):
        write(folder / f"Maria01_{wave}_interview.txt", "Interviewer: How are you?\nMaria01: Fine.\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(folder, progress=False)
    with pytest.raises(qlr.errors.PseudonymisationError, match="the case id 'Maria01' contains the identifier 'maria01'"):
        qlr.pseudo.pseudonymise(study)


def test_markup_between_spaces_is_no_word(tmp_path):
    # Minutes written as Markdown tables counted "|" and "---" as words: 16,962 of 84,362.
    text = "# Minutes\n\n| Item | Owner |\n|---|---|\n| Rota — shared | Ann |\n\nNotes: we agreed the rota together.\n"
    study = qlr.load(write(tmp_path / "M1_W1_document.md", text), progress=False)
    assert int(study.documents["n_words"].iat[0]) == 12  # Minutes, Item, Owner, Rota, shared, Ann and six of the note
    assert int(study.segments["n_words"].sum()) == 12


# --------------------------------------------------------------------------- big and odd files

def test_a_few_stray_control_bytes_in_utf8_text_are_read_as_spaces_with_a_word(tmp_path):
    # California Assembly hearing captions (DIANDJAM/CA-TS): 63 of 91 files hold 1–10 bytes 0x10 or 0x02
    # from the live-caption feed, and each was refused as binary, stopping the folder.
    body = ("Chair: We will now hear from the public. " * 40 + "\n") * 3
    data = ("Chair: Good morning.\n" + body).encode("utf-8")
    data = data[:500] + b"\x10" + data[500:]
    path = tmp_path / "H1_W1_hearing.txt"
    path.write_bytes(data)
    with pytest.warns(qlr.errors.RepairedInputWarning, match=r"1 stray control character\(s\) or terminal code\(s\) read as spaces .*\(0x10 on line 2\)"):
        document = read_document(path)
    assert document.text == (data[:500] + b" " + data[501:]).decode("utf-8")  # a space where the byte was
    with pytest.raises(qlr.errors.BinaryFileError):
        (tmp_path / "x.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
        read_document(tmp_path / "x.txt")


def test_utf32_with_its_byte_order_mark_is_read_as_utf32(tmp_path):
    path = tmp_path / "C1_W1_interview.txt"
    path.write_bytes("Interviewer: How is it?\nRespondent: Fine.\n".encode("utf-32"))
    document = read_document(path)
    assert document.text == "Interviewer: How is it?\nRespondent: Fine.\n" and document.encoding == "utf-32"


def test_a_label_with_a_long_number_and_a_long_blank_line_take_no_time():
    # Exponential backtracking: "Account 1234…(24 digits) Holder:" took 24 s; a line of 80,000 spaces 26 s.
    import time

    from qlr.io._segment import role_word, segment_paragraphs

    started = time.process_time()
    assert role_word("Account " + "1" * 40 + " Holder") == "account " + "1" * 40 + " holder"
    text = "Para one.\n" + " " * 200_000 + "\nPara two.\n"
    assert [text[s.start : s.end] for s in segment_paragraphs(text)] == ["Para one.", "Para two."]
    assert time.process_time() - started < 5  # seconds, where the old expressions took hours and minutes


def test_a_docx_whose_xml_is_cut_short_is_one_error(tmp_path):
    import zipfile

    import docx

    good = tmp_path / "good.docx"
    document = docx.Document()
    document.add_paragraph("Interviewer: How is it?")
    document.save(good)
    broken = tmp_path / "C1_W1_interview.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(qlr.errors.DocumentFormatError, match=r"the \.docx's XML cannot be read"):
        read_document(broken)


def test_a_pdfs_ligatures_are_written_as_letters():
    from qlr.io._readers import clean_pdf_text

    text, removed = clean_pdf_text(["The misﬁts see things diﬀerently; the staﬀ oﬄoad the ﬂoor."])
    assert text == "The misfits see things differently; the staff offload the floor." and removed == {"ligatures written as letters": 5}


def test_a_docx_whose_sizes_lie_is_refused_without_expanding_it_whole(tmp_path):
    # Its headers said 50 KB, its document.xml expanded to 1.5 GB: read whole (2.19 GB) before the checksum failed.
    import io
    import struct
    import zipfile

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        members = {item.filename: source.read(item.filename) for item in source.infolist()}
    members["word/document.xml"] = members["word/document.xml"] + b" " * 20_000_000
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    data = bytearray(packed.getvalue())
    name = b"word/document.xml"
    local = data.find(b"PK\x03\x04")  # the first local header; the document's is found by its name
    while data[local + 30 : local + 30 + len(name)] != name:
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    data[local + 22 : local + 26] = struct.pack("<I", 50_000)  # the sizes lie
    data[central + 24 : central + 28] = struct.pack("<I", 50_000)
    path = tmp_path / "C1_W1_interview.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(qlr.errors.DocumentFormatError, match=r"the archive's member 'word/document.xml' cannot be read"):
        read_document(path)


def test_chinese_and_japanese_words_are_counted_by_character(tmp_path):
    # Japanese prose of 4,432 characters was "15 words" in qlr info and every word-based threshold.
    text = "インタビュアー：どうでしたか？\n回答者：私たちが一緒に決めました。\n"
    study = qlr.load(write(tmp_path / "J1_W1_interview.txt", text), progress=False)
    assert int(study.documents["n_words"].iat[0]) == sum(1 for character in text if "\u3040" <= character <= "\u9fff")


def test_a_pdf_whose_only_text_repeats_on_every_page_says_so(tmp_path, monkeypatch):
    # py-pdf's habibi-rotated.pdf (one line a page) came out empty with only "the document is empty";
    # a scan whose only text layer is a stamp must not become its words either: left out, and said.
    import pypdf

    class Page:
        def __init__(self, text):
            self.text = text

        def extract_text(self):
            return self.text

    class Reader:
        is_encrypted = False

        def __init__(self, stream):
            self.pages = [Page("Strictly Confidential")] * 4

    monkeypatch.setattr(pypdf, "PdfReader", Reader)
    path = tmp_path / "C1_W1_interview.pdf"
    path.write_bytes(b"%PDF-1.4 stand-in")
    document = read_document(path)
    assert document.text == ""
    assert document.unread == {"page(s) whose only text repeats on every page and was left out as a header or footer (a stamp on scanned pages? run OCR on them)": 4}


def test_lookalikes_of_the_second_review(tmp_path):
    from qlr._decode import decode_bytes
    from qlr._words import count_words
    from qlr.io._readers import clean_pdf_text
    from qlr.pseudo._find import find_patterns
    from qlr.pseudo._roster import _name_parts

    assert _name_parts("Emma Lord") == [("Emma", "first"), ("Lord", "last")]  # a surname that is a title word
    assert _name_parts("Dr Patel") == [("Patel", "last")]
    assert clean_pdf_text([f"CONFIDENTIAL\nPage {n} of 6" for n in range(1, 7)])[0] == ""  # stamps stay furniture
    with pytest.warns(qlr.errors.RepairedInputWarning, match="read as spaces or line breaks"):
        text, _ = decode_bytes(b"Interviewer: How was it?\x0bParticipant: Hard." + b" We managed." * 200, "a.txt")
    assert text.startswith("Interviewer: How was it?\nParticipant: Hard.")  # Word's manual line break ends a line
    assert [value for _, _, value, _ in find_patterns("In 2019 Wall Street Journal said so; at 2019 Main Street, Leeds.", kinds=["street"])] == ["2019 Main Street"]
    assert count_words("Name: ___ and ・ here") == 3
    with pytest.raises(qlr.errors.CodebookError, match="colour 'none' is not a colour"):
        qlr.read_codebook(write(tmp_path / "c.yaml", "name: c\ncodes:\n  - id: a\n    name: A\n    colour: none\n"))


# --------------------------------------------------------------------------- speech-to-text JSON

@pytest.mark.parametrize(
    ("payload", "speakers", "times"),
    [
        (  # WhisperX: segments with speakers, seconds
            {"segments": [{"start": 0.0, "end": 2.5, "text": " How did it go?", "speaker": "SPEAKER_00"}, {"start": 2.6, "end": 6.0, "text": " We ran it.", "speaker": "SPEAKER_01"}, {"start": 6.0, "end": 8.0, "text": " Ourselves.", "speaker": "SPEAKER_01"}], "language": "en"},
            ["SPEAKER_00", "SPEAKER_01"], [(0.0, 2.5), (2.6, 8.0)],
        ),
        (  # AssemblyAI: utterances, milliseconds, speakers A and B
            {"utterances": [{"speaker": "A", "text": "How did it go?", "start": 250, "end": 2500}, {"speaker": "B", "text": "We ran it. Ourselves.", "start": 2600, "end": 8000}]},
            ["Speaker A", "Speaker B"], [(0.25, 2.5), (2.6, 8.0)],
        ),
        (  # Amazon Transcribe: results.audio_segments, times as text
            {"jobName": "j", "results": {"transcripts": [{"transcript": "…"}], "audio_segments": [{"id": 0, "transcript": "How did it go?", "start_time": "0.0", "end_time": "2.5", "speaker_label": "spk_0"}, {"id": 1, "transcript": "We ran it. Ourselves.", "start_time": "2.6", "end_time": "8.0", "speaker_label": "spk_1"}]}},
            ["spk_0", "spk_1"], [(0.0, 2.5), (2.6, 8.0)],
        ),
    ],
)
def test_speech_to_text_json_transcripts_are_read_with_speakers_and_times(tmp_path, payload, speakers, times):
    import json

    study = _captions(write(tmp_path / "C1_W1_interview.json", json.dumps(payload)))
    assert _turns(study) == [(speakers[0], "How did it go?"), (speakers[1], "We ran it. Ourselves.")]
    assert list(zip(study.segments["timestamp"], study.segments["timestamp_end"])) == times


def test_a_json_that_is_no_transcript_is_said_and_left_out_of_a_folder(tmp_path):
    import json

    with pytest.raises(qlr.errors.UnreadableFormatError, match="this JSON is not a transcript qlr reads"):
        read_document(write(tmp_path / "one" / "x.json", json.dumps({"name": "config"})))
    write(tmp_path / "two" / "C1_W1_interview.txt", "Interviewer: How is it?\nAnn: Fine.\n")
    write(tmp_path / "two" / "C1_W2_interview.json", json.dumps([1, 2, 3]))
    with pytest.warns(qlr.errors.FilesNotLoadedWarning, match="C1_W2_interview.json"):
        study = qlr.load(tmp_path / "two", progress=False)
    assert list(study.documents["doc_id"]) == ["C1_W1_interview"]


def test_amazon_transcribes_word_items_make_turns_where_it_wrote_no_segments(tmp_path):
    # The output of Amazon Transcribe's documentation (diarization, batch): words with their speaker.
    import json

    def word(content, start, end, speaker):
        return {"start_time": start, "end_time": end, "speaker_label": speaker, "alternatives": [{"confidence": "1.0", "content": content}], "type": "pronunciation"}

    items = [word("I've", "4.87", "5.02", "spk_0"), word("been", "5.02", "5.17", "spk_0"), word("on", "5.17", "5.29", "spk_0"), word("hold", "5.29", "5.64", "spk_0"),
             {"alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation"},
             word("Sorry", "8.49", "8.88", "spk_1"), word("about", "8.88", "9.05", "spk_1"), word("that", "9.05", "9.24", "spk_1"),
             {"alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation"}]
    payload = {"jobName": "j", "results": {"transcripts": [{"transcript": "I've been on hold. Sorry about that."}], "items": items}}
    study = _captions(write(tmp_path / "C1_W1_interview.json", json.dumps(payload)))
    assert _turns(study) == [("spk_0", "I've been on hold."), ("spk_1", "Sorry about that.")]
    assert list(zip(study.segments["timestamp"], study.segments["timestamp_end"])) == [(4.87, 5.64), (8.49, 9.24)]


def test_lookalikes_of_the_third_review(tmp_path):
    import json

    from qlr._decode import decode_bytes
    from qlr.pseudo._find import find_patterns

    # Unpunctuated speech runs into names: the street is still a street.
    text = "She lives on Mill Road Sarah told me, at 2020 Station Road London, not the Wall Street Journal."
    assert [value for _, _, value, _ in find_patterns(text, kinds=["street"])] == ["Mill Road", "2020 Station Road"]
    # Amazon Transcribe's older output: speakers only beside the words, or channels.
    def word(content, start):
        return {"start_time": start, "end_time": start, "alternatives": [{"content": content}], "type": "pronunciation"}

    items = [word("Hola", "0.94"), word("amigo", "1.5"), word("Me", "3.94"), word("gusta", "4.2")]
    labels = {"segments": [{"speaker_label": "spk_0", "items": [{"start_time": "0.94", "speaker_label": "spk_0"}, {"start_time": "1.5", "speaker_label": "spk_0"}]},
                           {"speaker_label": "spk_1", "items": [{"start_time": "3.94", "speaker_label": "spk_1"}, {"start_time": "4.2", "speaker_label": "spk_1"}]}]}
    study = _captions(write(tmp_path / "a" / "C1_W1_interview.json", json.dumps({"results": {"items": items, "speaker_labels": labels}})))
    assert _turns(study) == [("spk_0", "Hola amigo"), ("spk_1", "Me gusta")]
    # WhisperX leaves a segment it could not place without a speaker: someone unnamed, not the speaker before
    # (a question between two pieces of an answer is the interviewer's probe); the load says so (stop 39).
    segments = [{"start": 0.0, "end": 2.0, "text": "How are things?", "speaker": "SPEAKER_00"}, {"start": 2.5, "end": 6.0, "text": "Pretty hard.", "speaker": "SPEAKER_01"},
                {"start": 6.2, "end": 7.0, "text": "Can you say more?"}, {"start": 7.5, "end": 9.0, "text": "I lost the job.", "speaker": "SPEAKER_01"}]
    with pytest.warns(qlr.errors.InferenceWarning, match=r"1 piece\(s\) .* at 0:00:06: 1 asking"):
        study = _captions(write(tmp_path / "b" / "C1_W1_interview.json", json.dumps({"segments": segments})))
    assert [speaker for speaker, _ in _turns(study)] == ["SPEAKER_00", "SPEAKER_01", "-", "SPEAKER_01"]
    # AssemblyAI without speaker labels: its timed words.
    words = [{"text": "This", "start": 1437, "end": 1600}, {"text": "works.", "start": 1700, "end": 2000}]
    study = _captions(write(tmp_path / "c" / "C1_W1_interview.json", json.dumps({"utterances": None, "words": words, "text": "This works."})))
    assert " ".join(study.segment_texts()) == "This works." and study.segments["timestamp"].tolist() == [1.437]
    # A list of segments that holds no text is no transcript.
    with pytest.raises(qlr.errors.UnreadableFormatError, match="hold no 'text'"):
        read_document(write(tmp_path / "d" / "x.json", json.dumps({"segments": [{"id": 1, "name": "Lower Town"}]})))
    # Terminal sequences of every kind go whole; a UTF-8 file with its mark is repaired too.
    body = b" and more words" * 300
    with pytest.warns(qlr.errors.RepairedInputWarning):
        assert decode_bytes(b"\x1b[?25l\x1b]0;zoom\x07Interviewer: Hi?" + body, "a.txt")[0].startswith("Interviewer: Hi?")
    with pytest.warns(qlr.errors.RepairedInputWarning):
        assert decode_bytes(b"\xef\xbb\xbfInterviewer: Hi?\x10" + body, "b.txt") == ("Interviewer: Hi? " + body.decode(), "utf-8-sig")


def test_questions_glued_into_the_one_voices_turns_are_said(tmp_path):
    # divekit's nnWMA2: only "B:" was read, and 12 interviewer turns sat inside B's answers without a word.
    text = "B: Ja, ist in Ordnung.\n\nWelche Aufgaben hast du?\n\nB: Lehre und Software.\n\nUnd sonst?\n\nB: Nichts.\n\nWie lange schon?\n\nB: Zwei Jahre.\n"
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        qlr.load(write(tmp_path / "X_W1_interview.md", text), progress=False)
    assert any(isinstance(w.message, NoInterviewerWarning) and "3 questions sit unlabelled inside B's turns" in str(w.message) for w in said)
    diary = "B: Today was fine.\n\nWhy do I bother?\n\nB: Tomorrow again.\n\nWho knows?\n"
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        qlr.load(write(tmp_path / "d" / "X_W1_diary.md", diary), progress=False)
    assert not any(isinstance(w.message, NoInterviewerWarning) for w in said)  # a diary asks itself questions


def test_a_line_of_spaces_under_a_timing_line_is_part_of_the_cue(tmp_path, recwarn):
    # YouTube's automatic captions write each cue's first line as one space, then the words with
    # their times; the line of spaces is not WebVTT's empty line, so no cue was cut (it was said
    # as "block(s) after a blank line inside a cue have no timing" for nearly every cue).
    text = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.030 --> 00:00:02.070 align:start position:0%\n \n"
        "we<00:00:00.240><c> ran</c><00:00:00.600><c> it</c>\n\n"
        "00:00:02.070 --> 00:00:02.080 align:start position:0%\nwe ran it\n \n\n"
        "00:00:02.080 --> 00:00:04.000 align:start position:0%\nwe ran it\nourselves<00:00:02.500><c> then</c>\n"
    )
    study = _captions(write(tmp_path / "C1_W1_interview.vtt", text))
    assert " ".join(study.segment_texts()) == "we ran it ourselves then"
    assert not [w for w in recwarn if issubclass(w.category, qlr.errors.RepairedInputWarning)], [str(w.message) for w in recwarn]
