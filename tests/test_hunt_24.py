"""Real files, twenty-fourth pass: lookalikes of layouts found in published transcripts (stop 52).

A robotics oral-history archive kept twice, the English transcripts and a Korean translation of each: the Korean
header names who is who with Korean role words ("인터뷰이: …", "인터뷰어: …", "날짜: 2012년 5월 17일", "장소: …"), joins
two interviewers with Korean particles ("Peter Asaro와 Selma Šabanović") or keeps the English word beside the Korean
one ("인터뷰어(INTERVIEWER): …"); and in both languages a credit line naming the narrator ("Ayanna Howard: An Interview
conducted by …") stands above the header. Every text here is written by the test, in the conventions the real files
use, with names and words of our own.
"""

from __future__ import annotations

import datetime
import warnings

import pytest

import qlr
from qlr.io._segment import _declared_names, _declared_role, find_date, header_date, segment_document

from .conftest import write

_KOREAN = """## 인터뷰에 대하여

HANA CHO: 한빛 연구소를 위해 Minjun Park와 Sora Lee가 진행한 인터뷰, 2019년 3월 4일.

## 인터뷰

인터뷰이: Hana Cho
인터뷰어: Minjun Park와 Sora Lee
날짜: 2019년 3월 4일
장소: 부산

### 어린 시절

Minjun Park:

어디에서 자라셨나요?

Hana Cho:

부산에서 자랐습니다. 바다 가까이 살았어요.

Sora Lee:

처음 로봇을 만든 것은 언제였나요?

Hana Cho:

대학교 이 학년 때였습니다.

Minjun Park:

그때 누구와 함께 일하셨나요?

Hana Cho:

친구 두 명과 함께했습니다.
"""


def _loaded(root, name: str, text: str):
    """The study of a folder holding one file, every warning an error (none is expected)."""
    write(root / name, text)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return qlr.load(root, progress=False)


def _turns(text: str, **options) -> list[tuple[str | None, str | None, str]]:
    found = segment_document(text, **options)
    return [(segment.speaker, role, text[segment.start : segment.end].split("\n")[0]) for segment, role in zip(found.segments, found.roles)]


def test_a_korean_header_declares_the_interviewers_and_dates_the_interview():
    # Before: no Korean role word was known, so "인터뷰이" and "인터뷰어" were turns, "날짜" (date) and "장소" (place)
    # participants holding the date and the place, the credit line above them a turn of "HANA CHO", and the two
    # interviewers, declared by nothing, participants: their questions a participant's words.
    said = [(speaker, role) for speaker, role, _ in _turns(_KOREAN) if speaker]
    assert said == [
        ("Minjun Park", "interviewer"),
        ("Hana Cho", "participant"),
        ("Sora Lee", "interviewer"),
        ("Hana Cho", "participant"),
        ("Minjun Park", "interviewer"),
        ("Hana Cho", "participant"),
    ]
    assert header_date(_KOREAN, segment_document(_KOREAN).segments)[0] == datetime.date(2019, 3, 4)


def test_a_korean_study_folder_loads_with_the_roles_and_the_date(tmp_path):
    study = _loaded(tmp_path / "archive", "C01_W1_interview.md", _KOREAN)
    roles = dict(zip(study.segments.speaker, study.segments.speaker_role))
    assert {speaker: roles[speaker] for speaker in ("Minjun Park", "Sora Lee", "Hana Cho")} == {
        "Minjun Park": "interviewer",
        "Sora Lee": "interviewer",
        "Hana Cho": "participant",
    }
    assert not {"날짜", "장소", "인터뷰어", "인터뷰이", "HANA CHO"} & set(study.segments.speaker.dropna())
    assert str(study.documents.set_index("doc_id").loc["C01_W1_interview", "date"])[:10] == "2019-03-04"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Minjun Park와 Sora Lee", ["Minjun Park", "Sora Lee"]),  # "and", after a vowel
        ("Sora Lee, Minjun Park", ["Sora Lee", "Minjun Park"]),
        ("Minjun Park 및 Sora Lee", ["Minjun Park", "Sora Lee"]),  # "and", written out
        ("Sora Lee와 함께한 Minjun Park", ["Sora Lee", "Minjun Park"]),  # "with"
        ("Jin Seok과 함께 Sora Lee", ["Jin Seok", "Sora Lee"]),  # "with", after a consonant
        ("Sora Lee, Minjun Park 공동 진행", ["Sora Lee", "Minjun Park"]),  # "jointly conducted"
        ("박민준과 이소라", ["박민준", "이소라"]),  # Korean names, one word each
    ],
)
def test_korean_joins_two_interviewers_names(line, names):
    text = f"인터뷰어: {line}\n"
    assert _declared_names(text, len("인터뷰어:"), len(text)) == names


@pytest.mark.parametrize("line", ["와이즈 김", "Sora Lee"])
def test_a_name_beginning_with_a_joining_syllable_is_one_name(line):
    # The particle joins only where it ends a word: "와이즈" opening a name is no "and".
    text = f"인터뷰어: {line}\n"
    assert _declared_names(text, len("인터뷰어:"), len(text)) == [line]


def test_a_translated_header_label_keeps_the_original_role_word_beside_it():
    # "인터뷰이(INTERVIEWEE): Bruno …" declared nothing before (a bracket after a label describes the speaker, as in
    # "Jane (female, 40s)"); the bracket here says the same role in English.
    assert _declared_role("인터뷰이(INTERVIEWEE)") == "participant"
    assert _declared_role("인터뷰어(INTERVIEWER)") == "interviewer"
    assert _declared_role("Interviewer (IV)") == "interviewer"
    assert _declared_role("Jane (female, 40s)") is None
    assert _declared_role("Interviewer (Participant)") is None  # two roles: not a gloss
    text = _KOREAN.replace("인터뷰이: Hana Cho", "인터뷰이(INTERVIEWEE): Hana Cho").replace("인터뷰어: Minjun", "인터뷰어(INTERVIEWER): Minjun")
    said = [(speaker, role) for speaker, role, _ in _turns(text) if speaker]
    assert said[:2] == [("Minjun Park", "interviewer"), ("Hana Cho", "participant")]


def test_korean_dates_are_read():
    assert find_date("날짜: 2012년 5월 17일") == datetime.date(2012, 5, 17)
    assert find_date("2012년5월17일") == datetime.date(2012, 5, 17)
    assert find_date("2024年2月12日") == datetime.date(2024, 2, 12)  # as before
    assert find_date("2012년에 시작했어요") is None  # a year alone dates nothing


_ENGLISH = """## About the Interview

Ana Ruiz: An Interview conducted by Jo Lee, Harbour History Centre, 3 May 2012

Interview #12 for the Harbour History Centre.

## Interview

INTERVIEWEE: Ana Ruiz

INTERVIEWER: Jo Lee

DATE: 3 May 2012

### Early years

Jo Lee:

Where did you grow up?

Ana Ruiz:

By the docks, in the old town.

Jo Lee:

And your first job?

Ana Ruiz:

At the ferry office.
"""


def test_a_credit_line_under_the_narrator_s_own_label_opens_no_turn():
    # Before: "Ana Ruiz:" over the credit line was the narrator's first turn (she speaks under that label later), so
    # the header lines after it were read as turns, "INTERVIEWEE" a participant with one turn, "INTERVIEWER" the
    # interviewer holding Jo Lee's name and the date; in a sixth of the archive's files.
    turns = _turns(_ENGLISH)
    said = [(speaker, role) for speaker, role, _ in turns if speaker]
    assert said == [("Jo Lee", "interviewer"), ("Ana Ruiz", "participant"), ("Jo Lee", "interviewer"), ("Ana Ruiz", "participant")]
    opening = _ENGLISH[: _ENGLISH.index("Jo Lee:\n")]
    assert "".join(text for speaker, _, text in turns if speaker is None).startswith("## About the Interview")
    assert segment_document(_ENGLISH).segments[0].end <= len(opening)  # the credit and header are no one's words
    assert "credit line" in segment_document(_ENGLISH).note
    assert header_date(_ENGLISH, segment_document(_ENGLISH).segments)[0] == datetime.date(2012, 5, 3)


@pytest.mark.parametrize(
    "credit",
    [
        "Peter Lim의 인터뷰, 한빛 연구소, 2015년 1월 22일",  # an interview by
        "Peter Lim와 Sora Lee 인터뷰, 2015년 1월 23일",
        "IEEE 역사 센터의 Peter Lim이 2011년 6월 8일에 진행한 인터뷰.",
    ],
)
def test_a_korean_credit_line_opens_no_turn(credit):
    text = _KOREAN.replace("한빛 연구소를 위해 Minjun Park와 Sora Lee가 진행한 인터뷰, 2019년 3월 4일.", credit).replace("HANA CHO:", "Hana Cho:")
    said = [speaker for speaker, _, _ in _turns(text) if speaker]
    assert said == ["Minjun Park", "Hana Cho", "Sora Lee", "Hana Cho", "Minjun Park", "Hana Cho"]


def test_an_interview_spoken_of_in_the_conversation_stays_a_turn():
    # Only before the conversation: once a label has come back, "An interview conducted by …" is someone speaking.
    text = (
        "Jo Lee: Tell me about the book.\n\n"
        "Ana Ruiz: I wrote it with my sister.\n\n"
        "Jo Lee: And the recordings?\n\n"
        "Ana Ruiz: An interview conducted by my students, mostly, in the summer.\n\n"
        "Jo Lee: 그 인터뷰.\n\n"
        "Ana Ruiz: Yes.\n"
    )
    said = [(speaker, words) for speaker, _, words in _turns(text) if speaker]
    assert said[3] == ("Ana Ruiz", "An interview conducted by my students, mostly, in the summer.")
    assert said[4] == ("Jo Lee", "그 인터뷰.")
    assert len(said) == 6


@pytest.mark.parametrize(
    ("first", "answer"),
    [
        (
            "Interviewer: Interview conducted by Jane Smith for the carers study, 12 March 2021. So, can you tell me how the group started?",
            "Participant: We planned it ourselves, the council only paid for the room.",
        ),
        ("면담자: 오늘 인터뷰, 감사합니다. 돌봄 모임은 어떻게 시작되었나요?", "참여자: 우리가 직접 계획했어요."),
        # nothing but a credit, yet under the interviewer's role label: the interviewer's words, not no one's
        ("Interviewer: An interview conducted by Jane Smith, 12 March 2021.", "Participant: We planned it ourselves."),
    ],
)
def test_a_first_turn_that_mentions_the_interview_stays_the_interviewer_s(first, answer):
    # Stop 52's review: the credit-line rule took a real first turn for a credit ("… 12 March 2021. So, can you tell
    # me …?"; Korean "thanks for today's interview", the "\s인터뷰," branch), leaving it no one's, so the answer after
    # it was no longer checked as prompted. A credit is a line with nothing after it, under no declared role's label.
    text = f"{first}\n{answer}\nInterviewer: And now?\nParticipant: Now they decide everything.\n"
    turns = _turns(text)
    assert turns[0][:2] == (first.split(":")[0], "interviewer")
    assert turns[1][:2] == (answer.split(":")[0], "participant")
    assert "credit line" not in (segment_document(text).note or "")


def test_korean_place_and_date_words_in_speech_are_no_speakers():
    # "날짜:" and "장소:" are a header's fields: never a voice, even once inside a conversation.
    text = "A: 언제였나요?\n\nB: 날짜: 기억나지 않아요.\n\nA: 장소: 어디였죠?\n\nB: 서울이었어요.\n"
    said = [speaker for speaker, _, _ in _turns(text) if speaker]
    assert "날짜" not in said and "장소" not in said


_FRONT = """---
source_filename: Interview 7 - Female, 19, Camden.docx
interview_number: 7
gender: Female
age: 19
borough: Camden
date: 2019-05-02
wave: W1
---

# Transcript

Interviewer: What did you put first?

Interviewee: The park by the canal.
"""


def test_a_transcript_s_front_matter_gives_its_document_attributes(tmp_path):
    # Before: the lines between "---" were left out as "the page's title, date and links", and gender, age and
    # borough with them: read nowhere. Now what the front matter says of the interview is the document's row.
    study = _loaded(tmp_path / "sources_md", "P07_W1_interview.md", _FRONT)
    row = study.documents.set_index("doc_id").loc["P07_W1_interview"]
    assert (row["gender"], row["age"], row["borough"], row["interview_number"]) == ("Female", "19", "Camden", "7")
    assert row["source_filename"] == "Interview 7 - Female, 19, Camden.docx"
    assert str(row["date"])[:10] == "2019-05-02"  # read as the date, as before
    assert "wave" not in study.documents.columns  # whose and when it is, not an attribute
    assert "gender" not in row["text"]  # still no words of the transcript
    saved = tmp_path / "study.qlr"
    study.save(saved)
    assert qlr.open(saved).documents.set_index("doc_id").loc["P07_W1_interview", "borough"] == "Camden"


def test_front_matter_keys_read_for_something_else_are_no_columns_and_values_are_read_as_yaml(tmp_path):
    # Stop 52's review: "date of interview" (which dates the document), "entrevistadora" (which declares the
    # interviewer) and a link became columns as well; a YAML comment and quotes stayed in the value
    # ("'Female' # as self-described"), and "~" or "null" was a value.
    front = (
        "---\ntitle: \"Interview: P03\"\ndate of interview: 2021-03-04\nentrevistadora: Ana Reis\n"
        "audio: https://example.org/p03.mp3\ngender: 'Female' # as self-described\npostcode: 02134\nmood: ~\n"
        "children: null\ndate of birth: 1967\n---\n\n"
    )
    study = _loaded(tmp_path / "fm", "P03_W1_interview.md", front + "Ana: How did the group start?\n\nRui: We planned it.\n\nAna: And now?\n\nRui: Fine.\n")
    row = study.documents.set_index("doc_id").loc["P03_W1_interview"]
    assert row["gender"] == "Female" and row["postcode"] == "02134" and row["date of birth"] == "1967"
    assert not {"date of interview", "entrevistadora", "audio", "mood", "children"} & set(study.documents.columns)
    assert str(row["date"])[:10] == "2021-03-04"
    assert row["interviewer"] == "Ana Reis"
    study = _loaded(tmp_path / "fm2", "P03_W1_interview.md", front.replace("entrevistadora:", "interviewer: Ana Reis\nentrevistadora:") + "Ana: How?\n\nRui: So.\n")
    assert study.documents["interviewer"].tolist() == ["Ana Reis"]  # named by two keys, once ("Ana Reis; Ana Reis" before)
    assert "metadata, not words" in " ".join(study.meta["inferred"])


def test_a_korean_birth_date_above_the_header_does_not_date_the_interview():
    # Before: "… 1958년 9월 29일 … 태어났다" (was born) in the narrator's biography dated the interview 1958-09-29,
    # above the header's "날짜: 2014년 9월 15일", as "was born on 29 September 1958" never did in English.
    text = "## 소개\n\nHana Cho는 1958년 9월 29일 부산에서 태어났다.\n\n" + _KOREAN[_KOREAN.index("## 인터뷰\n") :]
    assert header_date(text, segment_document(text).segments)[0] == datetime.date(2019, 3, 4)


def test_korean_transcripts_are_said_not_to_read_as_english(tmp_path):
    # Before: no warning, the other languages qlr knows being written in Latin letters; the English codebook's
    # silence over 110 Korean transcripts said nothing, and nothing said so.
    root = tmp_path / "archive"
    write(root / "C01_W1_interview.md", _KOREAN)
    study = qlr.load(root, progress=False)
    with pytest.warns(qlr.errors.LanguageWarning, match=r"^1 document\(s\) do not read as English"):
        study.apply("coproduction", progress=False)


def test_a_labelled_date_under_a_long_biography_dates_the_interview():
    # Before: only a header's first 4,000 characters were read, and 16 of the English oral histories put their
    # "DATE:" line under a biography and a copyright statement longer than that: undated (their Korean translations,
    # shorter in characters, were dated). A date in that prose further down still dates nothing.
    biography = "## About Ana Ruiz\n\n" + "Ana Ruiz worked at the harbour office for many years and kept its ledgers. " * 70 + "\n\n"
    text = biography + _ENGLISH
    assert len(biography) > 4000
    assert header_date(text, segment_document(text).segments)[0] == datetime.date(2012, 5, 3)
    unlabelled = biography + _ENGLISH.replace("DATE: 3 May 2012", "Recorded in the harbour office, 3 May 2012.").replace(", 3 May 2012\n", "\n")
    assert header_date(unlabelled, segment_document(unlabelled).segments) is None
