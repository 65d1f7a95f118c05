"""Reading leftovers of stop 42: small lookalikes of what earlier passes found in real files and left."""

from __future__ import annotations

import pytest
import yaml

import qlr

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
    # "Smith and Jones" beside a row of Smith's alone: Smith's document, "Jones" no case (warned: review, stop 42).
    assert sorted(study.cases["case_id"]) == ["A1", "A2", "B7", "Mr & Mrs Okafor", "Smith"]
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"])) == {"a1": "A1", "ok1": "Mr & Mrs Okafor", "sj1": "Smith", "sm2": "Smith"}
    # Both named on their own in other rows: two cases, the file the first one's.
    write(tmp_path / "t" / "jo2.txt", "Interviewer: How is the house?\nResident: Warm.\n")
    write(tmp_path / "list.csv", "file,household,wave\nt/sj1.txt,Smith and Jones,1\nt/sm2.txt,Smith,2\nt/jo2.txt,Jones,2\n")
    write(tmp_path / "study.yaml", "name: homes\ndocuments:\n  - list: list.csv\nexclude: ['t/ok1.txt', 't/a1.txt']\n")
    study = _load(tmp_path)
    assert sorted(study.cases["case_id"]) == ["Jones", "Smith"] and study.documents.set_index("doc_id").loc["sj1", "case_id"] == "Smith"


def _interview(number):
    """A made-up interview of some sixty words, its own for each number."""
    topics = ["the rota", "the allotment", "the minibus", "the food bank", "the choir", "the repair cafe", "the library", "the youth club"]
    topic = topics[number % len(topics)]
    return (
        f"Interviewer: Tell me how you first came to {topic}, and what it was like in those early weeks.\n"
        f"Interviewee: A neighbour took me along to {topic} one wet Tuesday in spring, number {number}. I knew nobody and "
        "sat at the back, but by the third week somebody asked me to help set out the chairs, and after that I kept "
        "coming because it was the one place where people expected me to turn up.\n"
    )


def test_two_coders_copies_numbered_one_to_n_are_one_interview_each(tmp_path):
    # Two coders' prints of six interviews, "Interview 1 - KL" … "Interview 6 - MV": numbers 1 … 6 with no gap,
    # two names each, read as two people at six waves (and each interview listed twice). The same words under two
    # names at one number are one interview's copies: the numbers are the participants, one copy listed.
    root = tmp_path / "coded"
    for number in range(1, 7):
        write(root / f"Interview {number} - KL.txt", _interview(number))
        write(root / f"Interview {number} - MV.txt", _interview(number).replace("Interviewer:", "Interviewr:"))  # a coder's slip
    made = yaml.safe_load(template := qlr.io.template_for(root))
    placed = {doc["path"]: (doc["case"], doc["wave"]) for doc in made["documents"]}
    assert placed == {f"Interview {number} - KL.txt": (str(number), "W1") for number in range(1, 7)}
    assert made["exclude"] == [f"Interview {number} - MV.txt" for number in range(1, 7)]
    assert "coders' copies" in template and "Interview 1 - MV.txt (as Interview 1 - KL.txt)" in template
    # Three people's twelve monthly interviews, each their own words, are still three people at twelve waves.
    for person in ("Alice", "Bilal", "Carmen"):
        for number in range(1, 13):
            said = {
                "Alice": "My sister runs the place and I owed her a favour, so I said yes before thinking. Since then I have done the "
                "accounts most evenings, which nobody else wanted, and the treasurer finally retired last winter after twenty years "
                "of promising to. I like numbers, they are quiet, and the hall is warm when the heating works at all",
                "Bilal": "Work sent a group of us on a volunteering day and I was the only one who went back. The manager there is "
                "sharp, direct, and honest about money, which I respect. These days I drive the van on Saturdays, collect donations "
                "from three supermarkets, and sort them in the back room with two students from the college nearby",
                "Carmen": "Honestly it was on my way home from the station and the lights were always on. One evening I walked in "
                "out of curiosity, stayed for soup, and ended up washing dishes until ten. My children laugh at me now because "
                "I know everyone by name, including the dog that belongs to the caretaker upstairs",
            }
            write(tmp_path / "panel" / f"Interview {number} - {person}.txt", _interview(number).split("Interviewee:")[0] + f"{person}: {said[person]}, month {number}.\n")
    panel = {doc["path"]: (doc["case"], doc["wave"]) for doc in yaml.safe_load(qlr.io.template_for(tmp_path / "panel"))["documents"]}
    assert panel["Interview 12 - Bilal.txt"] == ("Bilal", "W12") and len(panel) == 36


_TIMED_GROUP = (
    "Practice transcript for a course. People and events are invented.\n\nProject: Shared kitchens\n"
    "Group FG02, 14 May 2026, five participants\nModerator: Beatriz\n\n"
    "[00:00:02]\nModerator: Let's start simply. How would you describe your week in three words?\n\n"
    "[00:00:09]\nInes: Shifts, shopping, rush.\n\n[00:00:13]\nTomas: Work, work and more work.\n\n"
    "[00:00:20]\nModerator: Tomas says work. Do you all see it as work?\n\n[00:00:27]\nInes: It is, but nobody pays for it.\n"
)


def test_a_timed_groups_header_naming_the_moderator_is_no_turn(tmp_path):
    # "Moderator: Beatriz" above the timed turns was the moderator saying "Beatriz": the one label line with no time,
    # a name alone, names who moderates.
    turns = _turns(study := _load(write(tmp_path / "G1_W1_focus_group.txt", _TIMED_GROUP)))
    assert ("Moderator", "interviewer", "Beatriz") not in turns
    assert [words for speaker, _, words in turns if speaker == "Moderator"][0].startswith("Let's start simply.")
    assert any("names the interviewer, with no time above timed turns" in note for note in study.meta["inferred"])
    # Where the first turn has its time too, a short first turn is a turn.
    timed = _TIMED_GROUP.replace("Moderator: Beatriz\n", "[00:00:01]\nModerator: Okay\n")
    assert ("Moderator", "interviewer", "Okay") in _turns(_load(write(tmp_path / "t" / "G1_W1_focus_group.txt", timed)))


def test_two_copies_of_one_interview_loaded_are_said(tmp_path):
    # Loaded as written, both coders' copies listed (a manifest, or names of the convention), each counts its words:
    # the load notes say so. Two people's short identical answers say nothing.
    write(tmp_path / "P1_W1_interview.txt", _interview(1))
    write(tmp_path / "P1_W1_copy.txt", _interview(1).replace("\n", "\n\n"))
    write(tmp_path / "P2_W1_interview.txt", "Interviewer: How was it?\nInterviewee: Calm.\n")
    write(tmp_path / "P3_W1_interview.txt", "Interviewer: How was it?\nInterviewee: Calm.\n")
    (twins,) = [note for note in _load(tmp_path).meta["inferred"] if "hold the same words" in note]
    assert twins.startswith("1 document(s)") and "P1_W1_interview (as P1_W1_copy)" in twins


# Fixes after review (stop 42)


def test_a_data_lists_joined_cell_splits_on_declared_cases_and_keeps_a_cases_interview(tmp_path):
    # A couple interviewed together at both waves, "Tam & Ivo" / "Tam and Ivo", never listed alone but declared in
    # study.yaml: two cases, the document the first one's (it had refused the study, asking to declare "Tam & Ivo").
    talk = "Interviewer: How is the bakery?\nTam: Early starts.\nIvo: Very early.\n"
    for name in ("ti1", "ti2", "q/q5a", "q/q5b", "q/q6"):
        write(tmp_path / f"{name}.txt", talk)
    write(tmp_path / "list.csv", "file,participant,wave\nti1.txt,Tam & Ivo,1\nti2.txt,Tam and Ivo,2\n")
    write(tmp_path / "study.yaml", "name: bakery\ncases: [{id: Tam}, {id: Ivo}]\ndocuments:\n  - list: list.csv\n")
    study = _load(tmp_path)
    assert sorted(study.cases["case_id"]) == ["Ivo", "Tam"]
    assert set(study.documents["case_id"]) == {"Tam"}
    # "Q5 & husband": Q5's interview at wave 2 (it had made a new case "Q5 & husband", Q5 missing wave 2), said.
    write(tmp_path / "q" / "list.csv", "file,participant,wave\nq5a.txt,Q5,1\nq5b.txt,Q5 & husband,2\nq6.txt,Q6,1\n")
    write(tmp_path / "q" / "study.yaml", "name: bakery\ndocuments:\n  - list: list.csv\n")
    with pytest.warns(qlr.errors.InferenceWarning, match=r"row 3: 'Q5 & husband' is Q5's, 'husband' no case"):
        study = qlr.load(tmp_path / "q", progress=False)
    assert sorted(study.cases["case_id"]) == ["Q5", "Q6"]
    assert dict(zip(study.documents["doc_id"], study.documents["case_id"])) == {"q5a": "Q5", "q5b": "Q5", "q6": "Q6"}


def test_a_last_prompt_ending_in_a_closing_word_is_still_asked(tmp_path):
    # "### 4. Your thoughts on the new version" asks nothing but is a prompt, not a version table: it had ended the
    # interview, and the answer under it was nobody's words. A closing section's own title still ends it.
    prompts = (
        "# Theo on the ferry app\n\n### 1. How often do you sail?\nTwice a week, to the island market.\n\n"
        "### 2. Where do you buy the ticket?\nOn the app, in the queue.\n\n"
        "### 3. Your thoughts on the new version\nThe new version hides the return ticket, so I bought two singles.\n\n"
        "## 4. Final conclusions\nTheo finds the return ticket hard to find.\n"
    )
    turns = _turns(_load(write(tmp_path / "Theo_W1_interview.md", prompts)))
    assert ("(unlabelled answer)", "participant", "The new version hides the return ticket, so I bought two singles.") in turns
    assert not any("hard to find" in words for _, role, words in turns if role != "-")


def test_an_untimed_first_turn_of_one_word_above_timed_turns_is_a_turn(tmp_path):
    # "Interviewer: Right" over the first question, before the clock starts: it had been read as a header naming the
    # interviewer "Right", and the question as nobody's words. A word as the whole line ("Moderator: Welcome") too.
    talk = (
        "Interviewer: Right\nCould you walk me through how the tenants' group began, and who chaired it at first?\n\n"
        "[00:00:12]\nDev: A retired teacher chaired it, we just came for the tea.\n\n"
        "[00:00:29]\nInterviewer: And now?\n\n[00:00:33]\nDev: Now we take turns in the chair.\n\n"
        "[00:00:41]\nInterviewer: Thanks.\n"
    )
    turns = _turns(_load(write(tmp_path / "T04_W1_interview.txt", talk)))
    assert [speaker for speaker, _, _ in turns][:2] == ["Interviewer", "Dev"] and "tenants' group began" in turns[0][2]
    greeted = talk.replace("Interviewer: Right\nCould you", "Interviewer: Welcome\n\n[00:00:03]\nInterviewer: Could you")
    assert ("Interviewer", "interviewer", "Welcome") in _turns(_load(write(tmp_path / "g" / "T04_W1_interview.txt", greeted)))


def test_two_peoples_interviews_on_one_waves_guide_are_no_copies(tmp_path):
    # "Interview 1 - Noor", "Interview 1 - Finn", … at two waves, each wave its own guide of long questions and the
    # answers short: the two people's files had read as coders' copies of one interview (the questions alike), so
    # the numbers became two cases and Finn's interviews were excluded. Only the answers tell interviews apart.
    guide = {
        number: [f"Interviewer: At visit {number}, thinking about the {topic}, how much say do you feel you have over what happens there?" for topic in topics]
        for number, topics in ((1, ("garden", "rota", "kitchen", "minibus", "budget", "outings")), (2, ("new hall", "meetings", "menu", "volunteers", "grant", "future")))
    }
    answers = {"Noor": ("Some.", "None.", "A lot.", "Little.", "No idea.", "Plenty."), "Finn": ("Lots.", "Bits.", "None.", "Most.", "Hardly.", "Less.")}
    for number, questions in guide.items():
        for who, said in answers.items():
            write(tmp_path / f"Interview {number} - {who}.txt", "".join(f"{q}\nRespondent: {a}\n" for q, a in zip(questions, said, strict=True)))
    made = yaml.safe_load(qlr.io.template_for(tmp_path))
    placed = {doc["path"]: (doc["case"], doc["wave"]) for doc in made["documents"]}
    assert placed == {
        "Interview 1 - Noor.txt": ("Noor", "W1"), "Interview 1 - Finn.txt": ("Finn", "W1"),
        "Interview 2 - Noor.txt": ("Noor", "W2"), "Interview 2 - Finn.txt": ("Finn", "W2"),
    }
    assert not made.get("exclude")
