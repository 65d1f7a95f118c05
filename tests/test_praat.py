"""Praat TextGrids (``.TextGrid``) read as interviews: both text layouts, Praat's encodings, which tiers are speech.

The files here are lookalikes written for these tests, laid out as Praat, the Montreal Forced Aligner and
SPPAS write theirs.
"""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import DocumentFormatError, UnreadableFormatError
from qlr.io import read_source
from qlr.io._praat import WORD_TIER_PAUSE

from .conftest import write


def long_grid(tiers: list[tuple[str, list[tuple[float, float, str]]]], *, points: dict[str, list[tuple[float, str]]] | None = None) -> str:
    """A TextGrid in Praat's long text layout: interval tiers, then point tiers."""
    end = max([b for _, items in tiers for _, b, _ in items] + [1.0])
    out = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "xmin = 0 ", f"xmax = {end} ", "tiers? <exists> "]
    out += [f"size = {len(tiers) + len(points or {})} ", "item []: "]
    number = 0
    for name, items in tiers:
        number += 1
        out += [f"    item [{number}]:", '        class = "IntervalTier" ', f'        name = "{name}" ', "        xmin = 0 ", f"        xmax = {end} "]
        out.append(f"        intervals: size = {len(items)} ")
        for i, (a, b, text) in enumerate(items, 1):
            quoted = text.replace('"', '""')
            out += [f"        intervals [{i}]:", f"            xmin = {a} ", f"            xmax = {b} ", f'            text = "{quoted}" ']
    for name, marks in (points or {}).items():
        number += 1
        out += [f"    item [{number}]:", '        class = "TextTier" ', f'        name = "{name}" ', "        xmin = 0 ", f"        xmax = {end} "]
        out.append(f"        points: size = {len(marks)} ")
        for i, (t, mark) in enumerate(marks, 1):
            out += [f"        points [{i}]:", f"            number = {t} ", f'            mark = "{mark}" ']
    return "\n".join(out) + "\n"


def short_grid(tiers: list[tuple[str, list[tuple[float, float, str]]]]) -> str:
    """The same in Praat's short text layout (bare values)."""
    end = max([b for _, items in tiers for _, b, _ in items] + [1.0])
    out = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "0", str(end), "<exists>", str(len(tiers))]
    for name, items in tiers:
        out += ['"IntervalTier"', f'"{name}"', "0", str(end), str(len(items))]
        for a, b, text in items:
            out += [str(a), str(b), '"' + text.replace('"', '""') + '"']
    return "\n".join(out) + "\n"


CHAT = [
    ("Interviewer", [(0, 2.5, "What changed after the move?"), (2.5, 6.0, ""), (6.0, 8.0, "And the allotment?"), (8.0, 12.0, "")]),
    ("Nadia", [(0, 2.7, ""), (2.7, 6.0, "The bus takes longer, so I walk."), (6.0, 8.2, "sil"), (8.2, 12.0, 'We gave it up, "for now".')]),
]


def test_long_and_short_layouts_give_the_same_turns_in_time_order(tmp_path):
    for layout, grid in (("long", long_grid(CHAT)), ("short", short_grid(CHAT))):
        source = read_source(write(tmp_path / f"{layout}.TextGrid", grid))
        assert source.format == "textgrid"
        assert source.text == (
            "Interviewer: What changed after the move?\n\nNadia: The bus takes longer, so I walk.\n\n"
            'Interviewer: And the allotment?\n\nNadia: We gave it up, "for now".'
        ), layout
        assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [
            ("Interviewer", 0, 2.5), ("Nadia", 2.7, 6.0), ("Interviewer", 6.0, 8.0), ("Nadia", 8.2, 12.0)
        ]
        assert source.text[source.turns[1].start : source.turns[1].end] == "The bus takes longer, so I walk."
        assert source.removed == {}


def test_praat_encodings_utf16_with_a_mark_and_latin1(tmp_path):
    tiers = [("Léa", [(0, 1.5, "Ça a changé, l'été dernier."), (1.5, 2.0, "")])]
    grid = long_grid(tiers)
    for name, data, encoding in (
        ("be", "\ufeff".encode("utf-16-be") + grid.encode("utf-16-be"), "utf-16"),  # Praat's own: big-endian with a mark
        ("le", "\ufeff".encode("utf-16-le") + grid.encode("utf-16-le"), "utf-16"),
        ("latin1", grid.encode("latin-1"), "cp1252"),
        ("utf8", grid.encode("utf-8"), "utf-8"),
    ):
        source = read_source(write(tmp_path / f"{name}.TextGrid", data))
        assert source.text == "Léa: Ça a changé, l'été dernier.", name
        assert source.encoding == encoding


def test_word_phone_and_point_tiers_are_left_out_and_counted(tmp_path):
    utterances = ("Omar", [(0, 1.2, "we sold the van"), (1.2, 2.0, "")])
    words = ("words", [(0, 0.3, "we"), (0.3, 0.6, "sold"), (0.6, 0.8, "the"), (0.8, 1.2, "van"), (1.2, 2.0, "")])
    phones = ("phones", [(0, 0.1, "w"), (0.1, 0.3, "iy"), (0.3, 0.6, "s"), (0.6, 0.8, "dh"), (0.8, 1.2, "v"), (1.2, 2.0, "sil")])
    grid = long_grid([utterances, words, phones], points={"bell": [(0.5, "ring"), (1.0, "")]})
    source = read_source(write(tmp_path / "omar.TextGrid", grid))
    assert source.text == "Omar: we sold the van"
    assert source.removed == {
        "Praat intervals on 2 tier(s) of words or phones cut from the transcription ('words', 'phones')": 9,
        "Praat points on 1 point tier(s) ('bell')": 1,
    }


def test_a_tier_cut_into_pieces_is_found_by_its_times_whatever_its_name(tmp_path):
    turns = ("Ruth", [(0, 2.0, "it rained all week"), (2.0, 3.0, ""), (3.0, 5.0, "the roof held")])
    pieces = ("tier 2", [(0, 0.4, "it"), (0.4, 1.0, "rained"), (1.0, 1.5, "all"), (1.5, 2.0, "week"), (3.0, 3.5, "the"), (3.5, 4.2, "roof"), (4.2, 5.0, "held")])
    # A listener's few words inside the speaker's long turns are a speaker, not pieces.
    listener = ("Sam", [(0.5, 0.8, "mm"), (3.6, 3.9, "right")])
    source = read_source(write(tmp_path / "ruth.TextGrid", long_grid([turns, pieces, listener])))
    assert [(t.speaker, source.text[t.start : t.end]) for t in source.turns] == [
        ("Ruth", "it rained all week"), ("Sam", "mm"), ("Ruth", "the roof held"), ("Sam", "right")
    ]
    assert source.removed == {"Praat intervals on 1 tier(s) of words or phones cut from the transcription ('tier 2')": 7}


def test_mfa_words_only_are_joined_into_turns_at_pauses(tmp_path):
    # A forced aligner's output for two speakers: "<speaker> - words" and "<speaker> - phones" tiers only.
    ann = [(0.0, 0.4, "so"), (0.4, 0.9, "we"), (0.9, 1.5, "started"), (1.5, 4.0, ""), (4.0, 4.3, "then"), (4.3, 4.9, "nothing"), (4.9, 9.0, "")]
    ben = [(0.0, 1.6, ""), (1.6, 1.9, "right"), (1.9, 2.3, ""), (2.3, 2.9, "okay"), (2.9, 9.0, "")]
    ann_phones = [(0.0, 0.2, "s"), (0.2, 0.4, "ow"), (0.4, 0.9, "w"), (0.9, 1.5, "st"), (1.5, 4.0, "sil"), (4.0, 4.3, "dh"), (4.3, 4.9, "n"), (4.9, 9.0, "")]
    grid = long_grid([("Ann - words", ann), ("Ann - phones", ann_phones), ("Ben - words", ben), ("Ben - phones", [(1.6, 2.9, "r")])])
    source = read_source(write(tmp_path / "mfa.TextGrid", grid))
    # Ben's two words 0.4 s apart are one utterance; Ann's pause of 2.5 s (≥ WORD_TIER_PAUSE) ends hers.
    assert source.text == "Ann: so we started\n\nBen: right okay\n\nAnn: then nothing"
    assert [(t.speaker, t.timestamp, t.timestamp_end) for t in source.turns] == [("Ann", 0.0, 1.5), ("Ben", 1.6, 2.9), ("Ann", 4.0, 4.9)]
    assert source.removed == {"Praat intervals on 2 tier(s) of words or phones cut from the transcription ('Ann - phones', 'Ben - phones')": 7}


def test_silence_marks_notes_and_tags_are_no_speech(tmp_path):
    speech = ("Transcription", [(0, 1.0, "+ the mill closed +"), (1.0, 1.5, "#"), (1.5, 3.0, "<p:>"), (3.0, 4.0, "and we stayed")])
    activity = ("Activity", [(0, 1.0, "speech"), (1.0, 3.0, "pause"), (3.0, 4.0, "speech")])
    tags = ("errors", [(0, 0.5, "x"), (0.5, 3.0, ""), (3.0, 3.5, "x")])
    source = read_source(write(tmp_path / "sppas.TextGrid", long_grid([speech, activity, tags])))
    assert source.text == "the mill closed and we stayed"
    assert source.turns[0].speaker is None  # a tier named for what it holds names no one
    assert source.removed == {"Praat intervals on 2 tier(s) of translations, glosses, notes, topics or marks ('Activity', 'errors')": 5}


def test_praat_grammar_comments_and_loose_numbers(tmp_path):
    grid = (
        '"ooTextFile"\n"TextGrid"\n! written by hand\n0 3.0s ! seconds\n<exists>\n1 tier\n'
        '"IntervalTier" "Kim" 0 3 2 intervals\n0 1.5 "a line\nthat runs on" ! a comment "with a quote\n1.5 3 ""\n'
    )
    source = read_source(write(tmp_path / "hand.TextGrid", grid))
    assert source.text == "Kim: a line that runs on"


def test_errors_name_file_and_line(tmp_path):
    with pytest.raises(UnreadableFormatError, match=r"bin\.TextGrid:1: this is a binary Praat TextGrid.*Fix: open it in Praat and save it with Save as text file"):
        read_source(write(tmp_path / "bin.TextGrid", b"ooBinaryFile\x08TextGrid\x00\x00\x00\x00"))
    with pytest.raises(UnreadableFormatError, match=r"notes\.TextGrid:1: this is not a Praat TextGrid"):
        read_source(write(tmp_path / "notes.TextGrid", "Interviewer: hello\nAnn: hi\n"))
    with pytest.raises(UnreadableFormatError, match=r"pitch\.TextGrid:2: this Praat file holds a PitchTier, not a TextGrid"):
        read_source(write(tmp_path / "pitch.TextGrid", 'File type = "ooTextFile"\nObject class = "PitchTier"\n0\n1\n0\n'))
    cut = short_grid(CHAT).splitlines()[:20]
    with pytest.raises(DocumentFormatError, match=r"cut\.TextGrid:20: the file ends where the text of interval 3 of tier 1 \('Interviewer'\) should follow: it is cut short"):
        read_source(write(tmp_path / "cut.TextGrid", "\n".join(cut) + "\n"))
    unclosed = long_grid(CHAT).replace('text = "And the allotment?"', 'text = "And the allotment?')
    line = unclosed.splitlines().index('            text = "And the allotment? ') + 1
    with pytest.raises(DocumentFormatError, match=rf"unclosed\.TextGrid:{line}: a text runs on over the labels of the lines after it .*closing double quote is missing"):
        read_source(write(tmp_path / "unclosed.TextGrid", unclosed))
    with pytest.raises(DocumentFormatError, match=r"open\.TextGrid:20: a text opened with a double quote is never closed"):
        read_source(write(tmp_path / "open.TextGrid", "\n".join(short_grid(CHAT).splitlines()[:19]) + '\n"And the'))
    with pytest.raises(DocumentFormatError, match=r"size\.TextGrid:\d+: the number of intervals of tier 1 \('Interviewer'\) should be a whole number, not 2\.5"):
        read_source(write(tmp_path / "size.TextGrid", long_grid(CHAT).replace("intervals: size = 4", "intervals: size = 2.5", 1)))


def test_a_folder_of_textgrids_loads_as_interviews(tmp_path):
    root = tmp_path / "study"
    write(root / "P1_W1_interview.TextGrid", long_grid(CHAT))
    write(root / "P1_W2_interview.TextGrid", short_grid(CHAT))
    study = qlr.load(root, progress=False)
    assert sorted(study.documents["doc_id"]) == ["P1_W1_interview", "P1_W2_interview"]
    said = study.segments[study.segments["doc_id"] == "P1_W1_interview"]
    assert said["speaker"].tolist() == ["Interviewer", "Nadia", "Interviewer", "Nadia"]


def test_a_sociolinguistic_interviewer_code_is_the_interviewer(tmp_path):
    # FAVE's interviews name the interviewer's tiers "IVR" beside the speaker's code.
    grid = (
        'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n6\n<exists>\n2\n'
        '"IntervalTier"\n"IVR"\n0\n6\n2\n0\n3\n"where did you grow up"\n3\n6\n""\n'
        '"IntervalTier"\n"KY25A"\n0\n6\n2\n0\n3\n""\n3\n6\n"out past the creek"\n'
    )
    study = qlr.load(write(tmp_path / "KY25A.TextGrid", grid), progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"IVR": "interviewer", "KY25A": "participant"}


def test_a_french_corpus_interviewer_code_in_brackets_is_the_interviewer(tmp_path):
    # CFPP's interviews name the interviewer's tier "Mat Pires (ENQ)" (enquêteur) beside the speaker's name.
    grid = (
        'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n6\n<exists>\n2\n'
        '"IntervalTier"\n"Mat Pires (ENQ)"\n0\n6\n2\n0\n3\n"vous habitez ici depuis longtemps"\n3\n6\n""\n'
        '"IntervalTier"\n"Jean-Luc"\n0\n6\n2\n0\n3\n""\n3\n6\n"oui depuis toujours"\n'
    )
    study = qlr.load(write(tmp_path / "jl.TextGrid", grid), progress=False)
    roles = dict(zip(study.segments["speaker"], study.segments["speaker_role"]))
    assert roles == {"Mat Pires (ENQ)": "interviewer", "Jean-Luc": "participant"}


def test_words_a_pause_apart_end_an_utterance_at_the_pause_setting_not_before(tmp_path):
    # Ann's two words WORD_TIER_PAUSE apart are two utterances, Ben's word between them; a little less apart, one.
    for apart, expected in ((WORD_TIER_PAUSE, ["so", "right", "then"]), (WORD_TIER_PAUSE - 0.05, ["so then", "right"])):
        ann = [(0.0, 0.5, "so"), (0.5, 0.5 + apart, ""), (0.5 + apart, 1.0 + apart, "then"), (1.0 + apart, 9.0, "")]
        ben = [(0.0, 0.6, ""), (0.6, 0.8, "right"), (0.8, 9.0, "")]
        source = read_source(write(tmp_path / f"pause{apart}.TextGrid", long_grid([("Ann - words", ann), ("Ben - words", ben)])))
        assert [source.text[t.start : t.end] for t in source.turns] == expected, apart


# An interview with a tier that spans the talk: the topics, as a researcher marks them on top of the speakers'.
IVR = ("Interviewer", [(0, 3, "Where did you grow up?"), (3, 10, ""), (10, 13, "And school?"), (13, 20, ""), (20, 23, "Any work then?"), (23, 30, "")])
BEA = ("Bea", [(0, 3, ""), (3, 10, "On a farm past the ferry, with four brothers."), (10, 13, ""), (13, 20, "The school in town, two buses a day."),
               (20, 23, ""), (23, 30, "Picking apples in the autumn.")])


def test_a_tier_spanning_the_talk_is_no_utterance_tier_and_no_speaker(tmp_path):
    for name in ("Topic", "Sections", "Theme", "task", "Episode", "Questions", "Ranges", "condition"):
        two = (name, [(0, 13, "childhood"), (13, 30, "school and work")])
        source = read_source(write(tmp_path / f"{name}.TextGrid", long_grid([IVR, BEA, two])))
        assert [t.speaker for t in source.turns] == ["Interviewer", "Bea"] * 3, name
        assert source.removed == {f"Praat intervals on 1 tier(s) of translations, glosses, notes, topics or marks ('{name}')": 2}
    # As many topics as turns: still no speaker's.
    six = ("Topic", [(0, 3, "home"), (3, 10, "home"), (10, 13, "school"), (13, 20, "school"), (20, 23, "work"), (23, 30, "work")])
    source = read_source(write(tmp_path / "six.TextGrid", long_grid([IVR, BEA, six])))
    assert "Topic" not in {t.speaker for t in source.turns}


def test_a_tier_is_pieces_of_another_only_where_the_other_holds_their_words(tmp_path):
    # A tier of few words over the speakers' sentences, named for nothing qlr knows: the speakers are not its pieces.
    over = ("Part", [(0, 13, "childhood"), (13, 30, "school and work")])
    source = read_source(write(tmp_path / "part.TextGrid", long_grid([IVR, BEA, over])))
    assert {t.speaker for t in source.turns} == {"Interviewer", "Bea", "Part"}
    assert source.removed == {}
    assert "Bea: On a farm past the ferry, with four brothers." in source.text
    # Words under utterances and phones under words are pieces still (a word's letters are about its phones').
    utterances = ("Omar", [(0, 1.2, "we sold the van"), (1.2, 2.0, "")])
    words = ("tier 2", [(0, 0.3, "we"), (0.3, 0.6, "sold"), (0.6, 0.8, "the"), (0.8, 1.2, "van")])
    phones = ("tier 3", [(0, 0.1, "w"), (0.1, 0.3, "iy"), (0.3, 0.45, "s"), (0.45, 0.6, "ow1ld"), (0.6, 0.7, "dh"), (0.7, 0.8, "ah0"), (0.8, 1.2, "van")])
    source = read_source(write(tmp_path / "omar.TextGrid", long_grid([utterances, words, phones])))
    assert source.text == "Omar: we sold the van"
    assert source.removed == {"Praat intervals on 2 tier(s) of words or phones cut from the transcription ('tier 2', 'tier 3')": 11}


def test_a_tier_repeated_is_read_once_and_counted(tmp_path):
    grid = long_grid([CHAT[0], CHAT[1], CHAT[1]])
    source = read_source(write(tmp_path / "twice.TextGrid", grid))
    assert source.text == read_source(write(tmp_path / "once.TextGrid", long_grid(CHAT))).text
    assert source.removed == {"Praat intervals on 1 tier(s) that repeat an earlier tier interval for interval ('Nadia')": 2}


def test_whisper_aligned_segments_are_the_transcript_and_confidence_scores_no_speech(tmp_path):
    # transcribe_align_textgrid's layout: segments_text, segments_confidence, words_text, words_confidence.
    segments = [(0.4, 2.9, "Good morning. How was the crossing?"), (2.9, 4.0, ""), (4.0, 5.5, "Rough, very rough.")]
    words = [(0.4, 1.0, "Good"), (1.0, 1.5, "morning."), (1.6, 1.9, "How"), (1.9, 2.1, "was"), (2.1, 2.4, "the"), (2.4, 2.9, "crossing?"),
             (2.9, 4.0, ""), (4.0, 4.6, "Rough,"), (4.6, 5.0, "very"), (5.0, 5.5, "rough.")]
    grid = long_grid([
        ("segments_text", segments),
        ("segments_confidence", [(a, b, "" if not text else "0.91") for a, b, text in segments]),
        ("words_text", words),
        ("words_confidence", [(a, b, "" if not text else f"0.{80 + i}") for i, (a, b, text) in enumerate(words)]),
    ])
    source = read_source(write(tmp_path / "whisper.TextGrid", grid))
    assert source.text == "Good morning. How was the crossing? Rough, very rough."
    assert {t.speaker for t in source.turns} == {None}
    assert source.removed == {
        "Praat intervals on 1 tier(s) of words or phones cut from the transcription ('words_text')": 9,
        "Praat intervals on 2 tier(s) of numbers only, no speech (scores or measures: 'segments_confidence', 'words_confidence')": 11,
    }


def test_one_character_words_of_any_script_are_words_and_a_tiers_own_mark_is_counted(tmp_path):
    # Korean, Chinese and Japanese backchannels of one character, on half the listener's intervals.
    for word in ("네", "嗯", "ん"):
        ivr = ("Interviewer", [(i * 2, i * 2 + 1, f"question {i}, what happened then") for i in range(10)])
        listener = ("Participant", [(i * 2 + 1, i * 2 + 2, word if i % 2 else f"answer {i} with several words") for i in range(10)])
        source = read_source(write(tmp_path / "k.TextGrid", long_grid([ivr, listener])))
        assert source.text.count(word) == 5, word
        assert source.removed == {}
    # wav2textgrid's "n" between a speaker's utterances is the tier's own silence mark: no words, and counted.
    one = ("one", [(i, i + 0.5, "n" if i % 2 else f"line {i} of the talk") for i in range(12)])
    source = read_source(write(tmp_path / "n.TextGrid", long_grid([one])))
    assert " n " not in f" {source.text} " and source.text.count("line") == 6
    assert source.removed == {"Praat intervals holding only their tier's own silence mark ('n' on 'one')": 6}


def test_a_tie_between_two_labels_makes_neither_a_silence_mark_whatever_the_hash_seed(tmp_path):
    # FAVE's phone tier: "sp" and "T" twice each among 8 labels; the count must not depend on set order.
    import os
    import subprocess
    import sys
    from pathlib import Path

    phones = ("phone", [(0, 1, "sp"), (1, 2, "S"), (2, 3, "T"), (3, 4, "AE1"), (4, 5, "CH"), (5, 6, "T"), (6, 7, "UW0"), (7, 8, "sp")])
    grid = long_grid([("word", [(0, 1, ""), (1, 7, "STATUTE"), (7, 8, "")]), phones])
    path = write(tmp_path / "fave.TextGrid", grid)
    script = f"from pathlib import Path; from qlr.io import read_source; print(read_source(Path({str(path)!r})).removed)"
    root = str(Path(__file__).resolve().parents[1])
    seen = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert seen == {str({"Praat intervals on 1 tier(s) of words or phones cut from the transcription ('phone')": 6}) + "\n"}


def test_a_long_aligned_word_tier_reads_in_linear_time(tmp_path):
    import time

    def grid(n: int) -> bytes:
        words = [(i * 0.3, i * 0.3 + 0.3, f"w{i % (n // 5)}x" if i % 7 else "") for i in range(n)]
        return short_grid([("Ann - words", words)]).encode()

    small, large = grid(4000), grid(32000)
    took = []
    for data in (small, large):
        start = time.perf_counter()
        read_source(write(tmp_path / f"{len(data)}.TextGrid", data))
        took.append(time.perf_counter() - start)
    assert took[1] < 8 * took[0] * 3  # 8 times the words: far less than 64 times the time
