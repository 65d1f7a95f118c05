"""Reading leftovers of stop 42: small lookalikes of what earlier passes found in real files and left."""

from __future__ import annotations

from .conftest import write
from .test_hunt_13 import _load, _turns

# A course's write-up of an interview about a library's loan desk: questions as headings, then the author's own
# sections after the interview (a conclusion, a version table).
_WRITE_UP = (
    "# Interview with Lena about the loan desk\n\n## Questions\n\n"
    "### How often do you borrow from the desk?\nAbout once a fortnight, mostly novels.\n\n"
    "### Is the booking page easy to find?\nNot really, I found it through a friend.\n\n"
    "### What would make you come more often?\nLonger opening hours on Saturdays.\n\n"
    "### Anything else?\nThe staff are lovely.\n\n"
    "## Conclusion\nThe participant uses the desk often but struggles with the booking page.\n\n"
    "## Version history\n| Version | Date | Author |\n|---|---|---|\n| 1.0 | 2026-02-01 | Pablo |\n"
)


def test_a_write_ups_closing_sections_are_nobodys_words(tmp_path):
    # "## Conclusion" over the author's summary read as one more prompt, and the summary as Lena's last answer
    # (coded as her words); the version table the same.
    turns = _turns(study := _load(write(tmp_path / "Lena_W1_interview.md", _WRITE_UP)))
    assert ("(unlabelled answer)", "participant", "The staff are lovely.") in turns
    spoken = " ".join(words for _, role, words in turns if role != "-")
    assert "struggles with the booking page" not in spoken and "Pablo" not in spoken and "Conclusion" not in spoken
    assert sum(role == "interviewer" for _, role, _ in turns) == 4
    assert any("closing headings after the last question" in note for note in study.meta["inferred"])
    # Numbered bold questions, each answered in a list item: any heading after the last one is the write-up's.
    numbered = (
        "# Lena on the loan desk\n\n1. **How often do you borrow?**\n\n- Once a fortnight.\n\n2. **Is booking easy?**\n\n"
        "- Not really.\n\n3. **What would bring you more often?**\n\n- Saturday hours.\n\n"
        "## Summing up\n\nShe would come more with longer hours.\n"
    )
    turns = _turns(_load(write(tmp_path / "n" / "Lena_W1_interview.md", numbered)))
    assert ("(unlabelled answer)", "participant", "- Saturday hours.") in turns
    assert not [words for _, role, words in turns if role != "-" and "longer hours" in words]
    # At the questions' own level, a heading that names a closing section ends the interview too ...
    same_level = _WRITE_UP.replace("## Conclusion", "### Conclusion").replace("## Version history", "### Version history")
    turns = _turns(_load(write(tmp_path / "s" / "Lena_W1_interview.md", same_level)))
    assert not [words for _, role, words in turns if role != "-" and "struggles" in words]
    # ... but a prompt there that asks nothing is still the interviewer's, its answer the participant's.
    prompted = _WRITE_UP.replace("## Conclusion\nThe participant uses", "### Tell me about the last visit.\nI returned")
    turns = _turns(_load(write(tmp_path / "p" / "Lena_W1_interview.md", prompted.split("## Version history")[0])))
    assert ("Interviewer", "interviewer", "Tell me about the last visit.") in turns
    assert [role for _, role, words in turns if words.startswith("I returned")] == ["participant"]


def _unnamed_notes(study):
    return [note for note in study.meta.get("inferred", []) if "more than one voice by a person's name" in note]


def test_a_second_persons_voice_in_a_cases_interview_is_said(tmp_path):
    # A couple interviewed together, the study's cases named by their ids: Colin's words counted for H07 without a
    # word (a focus group's unnamed voices were said; a joint interview's were not). A load note says so.
    write(
        tmp_path / "H07_W1_interview.txt",
        "Interviewer: How has the tenants' group been this year?\nMarta: Busy. We had the boiler meeting in March.\n"
        "Interviewer: And you, Colin?\nColin: I mostly came for the tea.\nMarta and Colin: The council never listens!\n",
    )
    write(tmp_path / "H08_W1_interview.txt", "Interviewer: How has the group been?\nPriya: Quiet. I stopped going.\n")
    study = _load(tmp_path)
    (said,) = _unnamed_notes(study)
    assert "H07_W1_interview (H07's: Marta (1 turn), Colin (1 turn), Marta and Colin (1 turn))" in said and "H08" not in said
    assert "speaker_cases" not in study.meta  # said, nothing moved: the turns stay H07's
    # Mapped to the case, or a person the study knows (an actor: a resident who sat in): nothing to say.
    for told in ("speakers:\n  Interviewer: interviewer\n  Colin: H07\n", "actors:\n  - {id: colin, name: Colin, kind: person}\n"):
        write(tmp_path / "study.yaml", "name: tenants\ndocuments:\n  - path: '*.txt'\n" + told)
        assert not _unnamed_notes(_load(tmp_path))
    # Without an interviewer, one of two names is likely the interviewer's (NoInterviewerWarning says that), and a focus
    # group's many voices are its own: neither is noted.
    write(tmp_path / "study.yaml", "name: tenants\ndocuments:\n  - path: '*.txt'\n")
    write(tmp_path / "H07_W1_interview.txt", "Sam: How has it been?\nMarta: Busy.\nSam: And the meetings?\nMarta: Long.\n")
    assert not _unnamed_notes(_load(tmp_path))


def test_a_households_label_in_a_data_list_is_one_case(tmp_path):
    # "Mr & Mrs Okafor" in a list's household column had made two cases, "Mr" and "Mrs Okafor", the file the first's;
    # "Smith and Jones" the same. Cases joined by "&" or "and" are split only where each is a case id (a word with a
    # digit) or a case the list names alone elsewhere; ";" always sets cases apart.
    for name in ("ok1", "sj1", "a1", "sm2"):
        write(tmp_path / "t" / f"{name}.txt", "Interviewer: How is the house?\nResident: Cold in winter.\n")
    write(
        tmp_path / "list.csv",
        "file,household,wave\nt/ok1.txt,Mr & Mrs Okafor,1\nt/sj1.txt,Smith and Jones,1\nt/a1.txt,A1 & A2; B7,1\nt/sm2.txt,Smith,2\n",
    )
    write(tmp_path / "study.yaml", "name: homes\ndocuments:\n  - list: list.csv\n")
    study = _load(tmp_path)
    assert sorted(study.cases["case_id"]) == ["A1", "A2", "B7", "Mr & Mrs Okafor", "Smith", "Smith and Jones"]
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"])) == {"a1": "A1", "ok1": "Mr & Mrs Okafor", "sj1": "Smith and Jones", "sm2": "Smith"}
    # Both named on their own in other rows: two cases, the file the first one's.
    write(tmp_path / "t" / "jo2.txt", "Interviewer: How is the house?\nResident: Warm.\n")
    write(tmp_path / "list.csv", "file,household,wave\nt/sj1.txt,Smith and Jones,1\nt/sm2.txt,Smith,2\nt/jo2.txt,Jones,2\n")
    write(tmp_path / "study.yaml", "name: homes\ndocuments:\n  - list: list.csv\nexclude: ['t/ok1.txt', 't/a1.txt']\n")
    study = _load(tmp_path)
    assert sorted(study.cases["case_id"]) == ["Jones", "Smith"] and study.documents.set_index("doc_id").loc["sj1", "case_id"] == "Smith"
