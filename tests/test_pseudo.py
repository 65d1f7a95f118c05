"""Pseudonymising a study and packaging it for an archive (qlr.pseudo, issue 18).

The sample study checks the promise as a whole (nothing from the roster left
anywhere, one pseudonym per person, quotes that follow their words, an exact
restore); small constructed studies check each rule with answers worked out by hand.
"""

from __future__ import annotations

import hashlib
import re
import zipfile

import pandas as pd
import pytest

import qlr
from qlr.errors import InvalidParameterError, PseudonymisationError, SelectionError
from qlr.pseudo._fields import fields

from .conftest import SAMPLE


# ---------------------------------------------------------------- helpers
def tiny(texts: dict[str, str], *, actors: list[dict] | None = None, cases: list[dict] | None = None, case_waves: list[dict] | None = None, memos: list[dict] | None = None) -> qlr.Study:
    """A study of documents ``doc_id → text`` (case from the id's first part, wave from its second), one segment per document."""
    documents = [{"doc_id": d, "case_id": d.split("_")[0], "wave_id": d.split("_")[1], "kind": "interview", "text": t, "source": f"interviews/{d}.txt"} for d, t in texts.items()]
    segments = [{"seg_id": f"{d}#0", "doc_id": d, "position": 0, "start": 0, "end": len(t), "speaker_role": "participant"} for d, t in texts.items()]
    waves = sorted({d.split("_")[1] for d in texts})
    cases = cases or [{"case_id": c, "label": c, "role": "carer"} for c in sorted({d.split("_")[0] for d in texts})]
    return qlr.Study(
        "tiny",
        cases=pd.DataFrame(cases),
        waves=pd.DataFrame({"wave_id": waves}),
        case_waves=pd.DataFrame(case_waves) if case_waves else None,
        documents=pd.DataFrame(documents),
        segments=pd.DataFrame(segments),
        actors=pd.DataFrame(actors or []),
        memos=pd.DataFrame(memos) if memos else None,
    )


ROSTER = [
    {"actor_id": "ann", "name": "Ann Baker", "kind": "person", "role": "carer", "case_id": "C1", "aliases": ["Annie"]},
    {"actor_id": "bernard", "name": "Bernard Cole", "kind": "person", "role": "family", "aliases": []},
    {"actor_id": "hub", "name": "Millbrook Hub", "kind": "organisation", "role": "project", "aliases": ["the Hub", "the council"]},
    {"actor_id": "college", "name": "Millbrook College", "kind": "organisation", "role": "partner", "aliases": []},
]


def all_text(study: qlr.Study) -> str:
    """Every text field of a study, joined: documents, speakers, memos, attributes, file names, roster, name, metadata."""
    return "\n".join(f.text for f in fields(study))


def identifiers(study: qlr.Study) -> list[str]:
    """Every name, non-generic alias, first and last name of the roster, and the place its organisations share."""
    terms = {"Eastbrook"}
    for row in study.actors.itertuples(index=False):
        terms.add(row.name)
        terms.update(a for a in row.aliases if a != a.lower())
        if row.kind == "person" and " " in row.name:
            terms.update((row.name.split()[0], row.name.split()[-1]))
    return sorted(terms)


def left_over(text: str, terms: list[str]) -> list[str]:
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")(?!\w)")
    return sorted({m.group() for m in pattern.finditer(text)})


# ---------------------------------------------------------------- the sample study
@pytest.fixture(scope="module")
def sample_result(coded_sample):
    return qlr.pseudonymise(coded_sample)


def test_no_roster_name_alias_or_place_is_left_anywhere(coded_sample, sample_result, tmp_path):
    terms = identifiers(coded_sample)
    assert "Asha" in all_text(coded_sample) and left_over(all_text(coded_sample), terms)  # the check can fail
    study = sample_result.study
    assert left_over(all_text(study), terms) == []
    quotes = qlr.track.quotes(study, case="C01")
    assert len(quotes) and left_over(" ".join(quotes["quote"]), terms) == []
    # Figures label nodes and lines with the study's names; a network's labels come from the roster.
    graphs = qlr.net.actors(study)
    labels = " ".join(str(data.get("name", node)) for graph in graphs.values() for node, data in graph.nodes(data=True))
    assert "[Carer 1]" in labels and left_over(labels, terms) == []
    page = qlr.report.write_report(study, tmp_path / "report", progress=False)
    written = "\n".join(p.read_text(encoding="utf-8") for p in page.parent.rglob("*") if p.suffix in (".html", ".csv"))
    assert "[Carer 1]" in written and left_over(written, terms) == []


def test_one_person_has_one_pseudonym_in_every_wave(sample_result):
    key = sample_result.key
    replacements = key[key["record"] == "replacement"]
    people = replacements[replacements["kind"] == "person"].groupby("entity_id")["replacement"].nunique()
    assert people.max() == 1 and len(people) > 30
    documents = sample_result.study.documents.set_index("doc_id")["text"]
    for wave in ("W1", "W2", "W3"):
        # Asha (C01) is seen at every wave, under one name, beside her son Zain under his.
        assert "[Carer 1]:" in documents[f"C01_{wave}_interview"]
    assert {"C01": "[Carer 1]"} == sample_result.study.cases.set_index("case_id").loc[["C01"], "label"].to_dict()


def test_every_coding_quote_is_its_original_with_the_same_replacements(coded_sample, sample_result):
    # Each coded passage, pseudonymised on its own with the same key, must be exactly the new quote.
    before = coded_sample.documents.set_index("doc_id")["text"]
    after = sample_result.study.documents.set_index("doc_id")["text"]
    old = coded_sample.codings.reset_index(drop=True)
    new = sample_result.study.codings.reset_index(drop=True)
    assert (old["coding_id"] == new["coding_id"]).all()
    passages = {f"P_{i:04d}": before[row.doc_id][row.start : row.end] for i, row in enumerate(old.itertuples(index=False))}
    alone = qlr.pseudonymise(tiny(passages, actors=coded_sample.actors.to_dict("records")), key=sample_result.key, misspellings=False).study
    expected = alone.documents.set_index("doc_id")["text"]
    quotes = [after[row.doc_id][row.start : row.end] for row in new.itertuples(index=False)]
    assert quotes == [expected[f"P_{i:04d}"] for i in range(len(new))]
    assert sum(a != b for a, b in zip(quotes, passages.values())) > 100  # many quotes did change
    segments = sample_result.study.segments
    assert (segments["start"] <= segments["end"]).all()


def test_the_key_restores_every_original_byte_for_byte(coded_sample, sample_result, tmp_path):
    path = sample_result.write_key(tmp_path / "key.csv")
    back = qlr.pseudo.restore(sample_result.study, path)
    for name in ("documents", "segments", "codings", "cases", "case_waves", "actors", "memos"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(coded_sample, name), obj=name)
    n = len(coded_sample.log)
    pd.testing.assert_frame_equal(back.log.iloc[:n], coded_sample.log)
    assert back.log["action"].iloc[n:].tolist() == ["pseudonymise", "restore"]
    assert back.meta == coded_sample.meta and back.name == coded_sample.name
    for old, new in zip(coded_sample.documents["text"], back.documents["text"]):
        assert new.encode("utf-8") == old.encode("utf-8")
    assert qlr.pseudo.read_key(path).equals(sample_result.key)


def test_the_key_and_its_warning_are_apart_from_the_log(sample_result):
    assert sample_result.key["original"].iat[0].startswith("PSEUDONYMISATION KEY") and "apart from the data" in sample_result.key["original"].iat[0]
    log = sample_result.log
    assert list(log.columns) == ["table", "row_id", "column", "start", "end", "kind", "rule", "replacement", "approved_by"]
    assert left_over("\n".join(log.astype(str).stack()), ["Asha", "Rahman", "Zain", "Eastbrook"]) == []


def test_pseudonymise_and_restore_leave_their_inputs_alone(coded_sample, sample_result, tmp_path):
    copy = coded_sample.copy()
    result = qlr.pseudonymise(copy)
    assert copy == coded_sample
    pseudonymised = result.study.copy()
    qlr.pseudo.restore(pseudonymised, result.key)
    qlr.pseudo.disclosure(pseudonymised)
    qlr.pseudo.deposit(result, tmp_path / "deposit")
    assert pseudonymised == result.study


# ---------------------------------------------------------------- rules on constructed studies
def test_names_aliases_possessives_capitals_and_misspellings():
    text = "ANN: Ann Baker came. Annie's son. Ann's mum. Ms Baker rang Bernard, or Bernadr, at the Hub. Annabel is someone else."
    result = qlr.pseudonymise(tiny({"C1_W1": text}, actors=ROSTER))
    new = result.study.documents["text"].iat[0]
    assert new == (
        "[Carer 1]: [Carer 1] came. [Carer 1]'s son. [Carer 1]'s mum. Ms [Carer 1] rang [Family member 1], or [Family member 1], "
        "at [Organisation A]. Annabel is someone else."
    )
    log = result.log[result.log["table"] == "documents"].set_index("replacement")
    assert "misspelling of a roster name (1 edit)" in set(log["rule"]) and len(log.loc["[Carer 1]"]) == 5  # ANN, Ann Baker, Annie, Ann, Baker


def test_a_generic_alias_stays_unless_marked_identifying():
    text = "I rang the council and Millbrook College."
    kept = qlr.pseudonymise(tiny({"C1_W1": text}, actors=ROSTER)).study.documents["text"].iat[0]
    assert kept == "I rang the council and [Organisation B]."
    replaced = qlr.pseudonymise(tiny({"C1_W1": text}, actors=ROSTER), identifying=["the council"]).study.documents["text"].iat[0]
    assert replaced == "I rang [Organisation A] and [Organisation B]."


def test_a_place_shared_by_organisations_names_is_replaced():
    result = qlr.pseudonymise(tiny({"C1_W1": "We moved to Millbrook in May."}, actors=ROSTER))
    assert result.study.documents["text"].iat[0] == "We moved to [Place A] in May."


def test_patterns():
    text = (
        "Mail ann.b@example.org or ring 07700 900123 or (0161) 496 0000. Post to 4 Cherry Tree Lane, AB1 2CD. "
        "She was born on 3 May 1980; the interview was on 12 March 2024. Ring 07700 900123 again."
    )
    result = qlr.pseudonymise(tiny({"C1_W1": text}))
    assert result.study.documents["text"].iat[0] == (
        "Mail [Email 1] or ring [Phone 1] or [Phone 2]. Post to [Street 1], [Postcode 1]. "
        "She was born on [Date of birth 1]; the interview was on 12 March 2024. Ring [Phone 1] again."
    )
    only = qlr.pseudonymise(tiny({"C1_W1": text}), patterns=["email"]).study.documents["text"].iat[0]
    assert "[Email 1]" in only and "07700 900123" in only
    with pytest.raises(InvalidParameterError, match="did you mean 'email'"):
        qlr.pseudonymise(tiny({"C1_W1": text}), patterns=["emial"])


def test_every_field_gets_the_same_pseudonym_and_codings_follow():
    texts = {"C1_W1": "Ann Baker: fine.", "C1_W2": "Ann again, with Bernard."}
    memos = [{"memo_id": "m1", "target_type": "document", "target_id": "C1_W2", "author": "rm", "text": "Ask Ann about Bernard Cole."}]
    cases = [{"case_id": "C1", "label": "Ann Baker", "role": "carer", "employer": "Millbrook Hub"}]
    study = tiny(texts, actors=ROSTER, cases=cases, memos=memos)
    study.documents.loc[1, "source"] = "interviews/Ann Baker wave 2.txt"
    study.code("C1_W2", 16, 23, "support", coder="rm")  # "Bernard"
    result = qlr.pseudonymise(study)
    out = result.study
    assert out.cases["label"].iat[0] == "[Carer 1]" and out.cases["employer"].iat[0] == "[Organisation A]"
    assert out.memos["text"].iat[0] == "Ask [Carer 1] about [Family member 1]."
    assert out.documents["source"].iat[1] == "C1_W2.txt"  # a path names people where whole words cannot reach: the id stands for it
    assert out.documents["text"].iat[1] == "[Carer 1] again, with [Family member 1]."
    coding = out.codings.iloc[0]
    assert out.documents["text"].iat[1][coding["start"] : coding["end"]] == "[Family member 1]"
    # Roster ids ("ann", "bernard") are names too; only an id that is the case's own stays.
    assert out.actors["actor_id"].tolist() == ["actor_01", "actor_02", "actor_03", "actor_04"]
    assert out.actors["name"].tolist()[:2] == ["[Carer 1]", "[Family member 1]"]


def test_review_queue_decisions_are_recorded_and_applied():
    text = "Then Dorrington met Ann at the Hub. Account 12345678. Dorrington again; Thanks, Hello."
    result = qlr.pseudonymise(tiny({"C1_W1": text}, actors=ROSTER))
    queue = result.review.set_index("term")
    assert set(queue.index) == {"Dorrington", "12345678"}
    assert queue.loc["Dorrington", "count"] == 2 and queue.loc["Dorrington", "kind"] == "name" and queue.loc["12345678", "kind"] == "number"
    assert set(queue["decision"]) == {"pending"}
    accepted = result.decide("Dorrington", accept=True, reviewer="rm")
    assert accepted.study.documents["text"].iat[0] == "Then [Name 1] met [Carer 1] at [Organisation A]. Account 12345678. [Name 1] again; Thanks, Hello."
    assert set(accepted.log.loc[accepted.log["replacement"] == "[Name 1]", "approved_by"]) == {"rm"}
    decided = accepted.review.set_index("term")
    assert decided.loc["Dorrington", "decision"] == "accepted" and decided.loc["Dorrington", "reviewer"] == "rm"
    both = accepted.decide("12345678", accept=False, reviewer="so")
    assert "12345678" in both.study.documents["text"].iat[0]
    assert both.review.set_index("term")["decision"].to_dict() == {"Dorrington": "accepted", "12345678": "rejected"}
    assert result.review.set_index("term")["decision"].to_dict() == {"Dorrington": "pending", "12345678": "pending"}  # unchanged
    with pytest.raises(SelectionError, match="did you mean 'Dorrington'"):
        result.decide("Dorington", accept=True, reviewer="rm")
    # accept and reject read as Study.accept and Study.reject do for code suggestions.
    assert result.accept("Dorrington", reviewer="rm").study.documents.equals(accepted.study.documents)
    assert result.reject("12345678", reviewer="so").review.set_index("term")["decision"].to_dict() == {"12345678": "rejected", "Dorrington": "pending"}


def test_named_entities_of_a_pipeline_join_the_review_queue(tmp_path):
    # A saved pipeline whose "ner" step knows one place stands in for a trained model.
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "GPE", "pattern": "Little Snoring"}, {"label": "PERSON", "pattern": "Ann"}])
    nlp.to_disk(tmp_path / "pipeline")
    result = qlr.pseudonymise(tiny({"C1_W1": "Ann lives in Little Snoring."}, actors=ROSTER), ner=str(tmp_path / "pipeline"))
    queue = result.review.set_index("term")
    assert queue.loc["Little Snoring", "kind"] == "place" and queue.loc["Little Snoring", "reason"] == "named entity (GPE)"
    assert "Ann" not in queue.index  # already replaced by the roster
    assert "Little Snoring" in result.study.documents["text"].iat[0]  # never applied unreviewed
    with pytest.raises(SelectionError, match="not installed"):
        qlr.pseudonymise(tiny({"C1_W1": "x"}), ner=str(tmp_path / "none"))


def test_realistic_names_are_seeded_and_follow_gender_and_culture():
    from faker.providers.person import en_GB, fr_FR

    roster = [
        {"actor_id": "a", "name": "Ann Baker", "kind": "person", "gender": "female", "culture": "fr_FR", "aliases": []},
        {"actor_id": "b", "name": "Bob Cole", "kind": "person", "gender": "male", "aliases": []},
    ]
    study = tiny({"C1_W1": "Ann Baker met Bob, and Ann met Cole."}, actors=roster)
    one = qlr.pseudonymise(study, style="realistic", seed=7)
    assert qlr.pseudonymise(study, style="realistic", seed=7).study.documents["text"].iat[0] == one.study.documents["text"].iat[0]
    assert qlr.pseudonymise(study, style="realistic", seed=8).study.documents["text"].iat[0] != one.study.documents["text"].iat[0]
    names = one.key[one.key["record"] == "entity"].set_index(["entity_id", "column"])["replacement"]
    assert names[("a", "first")] in fr_FR.Provider.first_names_female
    assert names[("b", "first")] in en_GB.Provider.first_names_male
    assert one.study.documents["text"].iat[0] == f"{names[('a', 'full')]} met {names[('b', 'first')]}, and {names[('a', 'first')]} met {names[('b', 'last')]}."


def test_a_reused_key_keeps_everyones_pseudonym():
    first = qlr.pseudonymise(tiny({"C1_W1": "Ann and Bernard."}, actors=ROSTER[1:]))
    roster = [ROSTER[0], *ROSTER[1:]]  # a new person first in the roster
    later = qlr.pseudonymise(tiny({"C1_W1": "Ann and Bernard.", "C1_W2": "Bernard rang."}, actors=roster), key=first.key)
    texts = later.study.documents["text"].tolist()
    assert first.study.documents["text"].iat[0] == "Ann and [Family member 1]."
    assert texts == ["[Carer 1] and [Family member 1].", "[Family member 1] rang."]


def test_disclosure_lists_minimal_rare_combinations_per_wave_and_over_waves():
    cases = [
        {"case_id": "A", "label": "A", "role": "carer", "gender": "f", "cares_for": "son"},
        {"case_id": "B", "label": "B", "role": "carer", "gender": "f", "cares_for": "son"},
        {"case_id": "C", "label": "C", "role": "carer", "gender": "m", "cares_for": "son"},
        {"case_id": "D", "label": "D", "role": "carer", "gender": "m", "cares_for": "son"},
    ]
    work = {("A", "W1"): "none", ("B", "W1"): "none", ("C", "W1"): "none", ("D", "W1"): "none", ("A", "W2"): "none", ("B", "W2"): "job", ("C", "W2"): "job"}
    case_waves = [{"case_id": c, "wave_id": w, "scheduled": True, "work": v} for (c, w), v in work.items()]
    study = tiny({f"{c}_{w}": "text" for c, w in work}, cases=cases, case_waves=case_waves)
    rare = qlr.pseudo.disclosure(study, k=2, attributes=["gender", "cares_for"], wave_attributes=["work"])
    rows = set(rare[["scope", "attributes", "values", "cases"]].itertuples(index=False, name=None))
    # W1: every combination is shared by two or four. W2 (A, B, C seen): A is the only one without a job;
    # C the only man seen; gender f + work job is B alone; m + job is C, already rare by gender.
    # Over waves: paths "W1: none; W2: none" (A), "W1: none; W2: job" (B, C), "W1: none" (D).
    assert rows == {
        ("W2", "gender", "m", "C"),
        ("W2", "work", "none", "A"),
        ("W2", "gender + work", "f | job", "B"),
        ("over waves", "work (over waves)", "W1: none; W2: none", "A"),
        ("over waves", "work (over waves)", "W1: none", "D"),
        ("over waves", "gender + work (over waves)", "f | W1: none; W2: job", "B"),
        ("over waves", "gender + work (over waves)", "m | W1: none; W2: job", "C"),
    }
    assert qlr.pseudo.disclosure(study, k=1).empty
    with pytest.raises(SelectionError, match="did you mean 'gender'"):
        qlr.pseudo.disclosure(study, attributes=["gendr"])


# ---------------------------------------------------------------- hostile inputs
def test_a_roster_giving_one_alias_to_two_people_is_refused():
    roster = [{"name": "Jo Smith", "aliases": ["Jo"]}, {"name": "Joanne Jones", "aliases": ["Jo"]}]
    with pytest.raises(PseudonymisationError, match="gives 'Jo' to both") as error:
        qlr.pseudonymise(tiny({"C1_W1": "Jo came."}), roster=pd.DataFrame(roster))
    assert "Fix:" in str(error.value)


def test_a_first_name_two_people_share_is_replaced_by_a_placeholder_of_its_own():
    roster = [{"name": "Sam Hill", "kind": "person", "role": "carer"}, {"name": "Sam Dale", "kind": "person", "role": "carer"}]
    text = qlr.pseudonymise(tiny({"C1_W1": "Sam Hill and Sam Dale; Sam said so."}), roster=pd.DataFrame(roster)).study.documents["text"].iat[0]
    assert text == "[Carer 1] and [Carer 2]; [Name 1] said so."


def test_a_file_that_is_not_a_key_is_refused(tmp_path, sample_result):
    notes = tmp_path / "notes.csv"
    notes.write_text("name,age\nAnn,3\n", encoding="utf-8")
    with pytest.raises(PseudonymisationError, match=r"notes\.csv:1: this is not a qlr pseudonymisation key"):
        qlr.pseudo.read_key(notes)
    binary = tmp_path / "key.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(PseudonymisationError, match="not a qlr pseudonymisation key"):
        qlr.pseudo.read_key(binary)
    with pytest.raises(PseudonymisationError, match="does not exist"):
        qlr.pseudo.read_key(tmp_path / "missing.csv")
    broken = sample_result.key.copy()
    broken.loc[broken["record"] == "replacement", "start"] = pd.NA
    path = qlr.pseudo.write_key(broken, tmp_path / "broken.csv")
    with pytest.raises(PseudonymisationError, match="no valid position"):
        qlr.pseudo.read_key(path)


def test_a_key_that_does_not_fit_the_study_is_refused(sample_result):
    other = qlr.pseudonymise(tiny({"C1_W1": "Ann came."}, actors=ROSTER))
    with pytest.raises(PseudonymisationError, match="does not have|not the pseudonym"):
        qlr.pseudo.restore(other.study, sample_result.key)
    edited = sample_result.study.copy()
    edited.documents.loc[0, "text"] = "x" + edited.documents.loc[0, "text"]
    with pytest.raises(PseudonymisationError, match="not the pseudonym"):
        qlr.pseudo.restore(edited, sample_result.key)


def test_an_id_holding_a_name_is_refused():
    with pytest.raises(PseudonymisationError, match="contains the identifier 'ann'"):
        qlr.pseudonymise(tiny({"Ann_W1": "Ann came."}, actors=ROSTER))


def test_bad_options_are_refused():
    with pytest.raises(InvalidParameterError, match="did you mean 'realistic'"):
        qlr.pseudonymise(tiny({"C1_W1": "x"}), style="realist")


# ---------------------------------------------------------------- the deposit
def test_the_deposit_folder(sample_result, tmp_path):
    folder = qlr.pseudo.deposit(sample_result, tmp_path / "deposit", key_path=tmp_path / "key.csv")
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert {"README.md", "SHA256SUMS", "anonymisation_log.csv", "project.qdpx", "codebooks/coproduction.qdc", "data_list_W1.csv", "data_list_W2.csv", "data_list_W3.csv", "data_list_other.csv"} <= set(files)
    assert len([f for f in files if f.startswith("transcripts/")]) == len(sample_result.study.documents)
    sums = dict(reversed(line.split("  ")) for line in (folder / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS"}
    assert all(hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest for name, digest in sums.items())
    # Never the key, never an original text.
    everything = "\n".join((folder / f).read_bytes().decode("utf-8", errors="replace") for f in files if not f.endswith(".qdpx"))
    assert "PSEUDONYMISATION KEY" not in everything and left_over(everything, ["Asha", "Rahman", "Eastbrook", "Zain", "Bernard Kelly"]) == []
    original = sample_result._original.documents["text"].iat[0]
    assert (folder / "transcripts" / "C01_W1_interview.txt").read_text(encoding="utf-8") == sample_result.study.documents["text"].iat[0] != original
    assert "## Waves" in (folder / "README.md").read_text(encoding="utf-8")
    w1 = pd.read_csv(folder / "data_list_W1.csv")
    assert int(w1["file"].notna().sum()) == int((sample_result.study.documents["wave_id"] == "W1").sum())
    # Since stop 43 a case W1 was planned for and did not see is a row with no file (C11 joined at W2).
    assert w1.loc[w1["file"].isna(), "case_id"].tolist() == ["C11"]
    # Fresh GUIDs: none shared with the ordinary export of the same study.
    qlr.io.write_qdpx(sample_result.study, tmp_path / "plain.qdpx")
    uuid = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

    def guids(path):
        return {g.lower() for g in uuid.findall(zipfile.ZipFile(path).read("project.qde").decode())}

    assert guids(tmp_path / "plain.qdpx") and not guids(folder / "project.qdpx") & guids(tmp_path / "plain.qdpx")
    back = qlr.io.read_qdpx(folder / "project.qdpx")
    assert back.documents.set_index("doc_id")["text"].to_dict() == sample_result.study.documents.set_index("doc_id")["text"].to_dict()


def test_the_deposit_refuses_unsafe_places(sample_result, tmp_path):
    with pytest.raises(PseudonymisationError, match="inside the study folder"):
        qlr.pseudo.deposit(sample_result, SAMPLE / "deposit")
    with pytest.raises(PseudonymisationError, match="would contain the study folder"):
        qlr.pseudo.deposit(sample_result, SAMPLE.parent)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(PseudonymisationError, match="not empty"):
        qlr.pseudo.deposit(sample_result, tmp_path / "full")
    with pytest.raises(PseudonymisationError, match="key would be inside"):
        qlr.pseudo.deposit(sample_result, tmp_path / "out", key_path=tmp_path / "out" / "key.csv")
    assert not (tmp_path / "out").exists() and not (SAMPLE / "deposit").exists()
    assert not list(tmp_path.glob(".qlr-tmp-deposit-*"))


def test_the_deposit_refuses_a_folder_where_an_original_would_remain(tmp_path):
    # A roster term that the pseudonymised study still holds (here put back by hand) stops the deposit.
    result = qlr.pseudonymise(tiny({"C1_W1": "Ann came."}, actors=ROSTER))
    result.study.documents.loc[0, "title"] = "Ann Baker"
    with pytest.raises(PseudonymisationError, match="still holds an original identifier"):
        qlr.pseudo.deposit(result, tmp_path / "deposit")
    assert not (tmp_path / "deposit").exists() and not list(tmp_path.glob(".qlr-tmp-deposit-*"))


def test_the_deposit_command(tmp_path, capsys):
    from qlr.cli import main

    key = tmp_path / "keys" / "key.csv"
    # Candidates left undecided: the deposit is written but marked not final, and the command exits 3.
    assert main(["deposit", str(SAMPLE), "--key", str(key), "--out", str(tmp_path / "deposit"), "--extra", "Okafor"]) == 3
    said = capsys.readouterr()
    assert "Store it apart from the data" in said.out and "review queue" in said.out
    pending = int((pd.read_csv(tmp_path / "keys" / "key_review.csv", dtype=str, keep_default_na=False)["decision"] == "pending").sum())
    assert pending > 0 and f"is not final: {pending} possible identifier{'s are' if pending != 1 else ' is'} pending review" in said.err
    assert f"{pending} possible identifier(s) found by the rules were still pending" in (tmp_path / "deposit" / "README.md").read_text(encoding="utf-8")
    assert key.is_file() and (tmp_path / "keys" / "key_review.csv").is_file()
    assert not any(p.name.startswith("key") for p in (tmp_path / "deposit").rglob("*"))
    assert "Okafor" not in (tmp_path / "deposit" / "transcripts" / "C01_W1_interview.txt").read_text(encoding="utf-8")
    # Decide the queue and run again with the same key: pseudonyms are kept.
    review = pd.read_csv(tmp_path / "keys" / "key_review.csv", dtype=str, keep_default_na=False)
    review.loc[review["term"] == "Rachel", ["decision", "reviewer"]] = ["accepted", "rm"]
    review.loc[review["decision"] == "pending", ["decision", "reviewer"]] = ["rejected", "rm"]
    review.to_csv(tmp_path / "decided.csv", index=False)
    assert main(["deposit", str(SAMPLE), "--key", str(key), "--out", str(tmp_path / "again"), "--review", str(tmp_path / "decided.csv"), "--extra", "Okafor", "-q"]) == 0
    assert "Not final" not in (tmp_path / "again" / "README.md").read_text(encoding="utf-8")
    again = (tmp_path / "again" / "transcripts" / "C01_W1_interview.txt").read_text(encoding="utf-8")
    assert "Rachel" not in (tmp_path / "again" / "transcripts" / "C01_W2_interview.txt").read_text(encoding="utf-8")
    assert again.startswith("Interview with [Carer 1], wave 1")
    assert main(["deposit", str(SAMPLE), "--key", str(key), "--out", str(SAMPLE / "deposit")]) == 1
    assert "inside the study folder" in capsys.readouterr().err


def test_an_unknown_culture_is_refused_with_the_fix():
    roster = pd.DataFrame([{"actor_id": "a", "name": "Ann Baker", "kind": "person", "culture": "xx_XX"}])
    with pytest.raises(PseudonymisationError, match="culture 'xx_XX'.*Fix: give a Faker locale"):
        qlr.pseudonymise(tiny({"C1_W1": "Ann"}), roster=roster, style="realistic")


def _initials_study(tmp_path):
    """Two waves of one person whose transcripts label her and the interviewer by initials, as a header explains."""
    folder = tmp_path / "initials"
    folder.mkdir()
    (folder / "study.yaml").write_text(
        "waves: [W1, W2]\ncases:\n  - {id: C1, label: Priti Kaur, role: member}\n"
        "speakers: {RH: interviewer, PK: participant, JS: participant}\ndocuments: ['*.txt']\n",
        encoding="utf-8",
    )
    (folder / "C1_W1_interview.txt").write_text(
        "Priti Kaur (PK), interviewed by Rosa Hale (RH)\n\nRH: How is the till?\nPK: Fine, at Northside Food Co-op.\nRH: And the rota?\nPK: The rota is fine.\n", encoding="utf-8"
    )
    (folder / "C1_W2_interview.txt").write_text("INT: How are things?\nJS: I came along with PK.\nINT: Anything else?\nPK: Much the same.\n", encoding="utf-8")
    return qlr.load(folder, progress=False)


def test_initials_as_speaker_labels_are_the_persons_or_reviewed(tmp_path):
    study = _initials_study(tmp_path)
    result = qlr.pseudonymise(study)
    first, second = result.study.documents.set_index("doc_id")["text"]
    # PK is Priti Kaur's initials: replaced with her pseudonym, as her name in capitals would be, in every wave.
    assert first.startswith("[Member 1] ([Member 1]), interviewed by Rosa Hale (RH)")
    assert "\n[Member 1]: Fine, at Northside Food Co-op." in first and second.endswith("[Member 1]: Much the same.\n")
    # In running text the initials may be her or an abbreviation ("6 PM", "my GP"): left, and reviewed.
    assert "with PK." in second and "PK:" not in first + second and "(PK)" not in first
    assert set(result.study.segments["speaker"].dropna()) == {"RH", "[Member 1]", "INT", "JS"}
    assert result.review.set_index("term").loc["PK", "count"] == 1
    # RH and JS are no roster person's initials: reviewed, with the header that names RH; INT is a role word.
    queue = result.review.set_index("term")
    assert queue.loc["RH", "reason"] == "speaker label in capitals, perhaps a person's initials (Rosa Hale (RH) in the text)"
    assert queue.loc["JS", "reason"] == "speaker label in capitals, perhaps a person's initials" and "INT" not in queue.index
    assert queue.loc["RH", "count"] == 3 and queue.loc["JS", "count"] == 1
    # A place's name of ordinary words is reviewed as one term.
    assert queue.loc["Northside Food Co-op", "reason"].startswith("capitalised words together")
    decided = result.accept(["RH", "Northside Food Co-op"], reviewer="rm")
    text = decided.study.documents["text"].iat[0]
    assert "RH" not in text and text.count("[Name 1]") == 3 and "[Name 2]" in text and "Northside" not in text
    # The key restores the original exactly, initials included.
    restored = qlr.pseudo.restore(decided.study, decided.key)
    assert restored.documents["text"].tolist() == study.documents["text"].tolist()


def test_initials_take_the_initials_of_a_made_up_name(tmp_path):
    pytest.importorskip("faker")
    result = qlr.pseudonymise(_initials_study(tmp_path), style="realistic", seed=3)
    names = result.key[(result.key["record"] == "entity") & (result.key["entity_id"] == "C1")].set_index("column")["replacement"]
    made_up = "".join(word[0] for word in names["full"].split())
    assert names["initials"] == made_up and len(made_up) >= 2
    assert f"\n{made_up}: Fine, at Northside Food Co-op." in result.study.documents["text"].iat[0]


def test_the_review_queue_leaves_sentence_openings_and_single_names_alone():
    from qlr.pseudo._find import name_phrases

    text = "Last Tuesday we met. [laughs] That's Dad. Thank You. The Steering Group met at Hollins Park Community Centre's hall with Rosa Hale."
    assert [phrase for _, _, phrase in name_phrases(text)] == ["Steering Group", "Hollins Park Community Centre"]


def test_a_name_candidate_never_runs_over_a_tab_or_a_line_end():
    # A transcript in tab-split columns (NVivo's "time, words, speaker"): the speaker cell and the next row's words are
    # two cells, not one name ("Priya Shah<TAB>Welcome"), and so are a header's "Content<TAB>Speaker".
    from qlr.pseudo._find import name_phrases

    text = "Timespan\tContent\tSpeaker\n0:00:01.0 - 0:00:05.5\tWelcome along, we met at Barrow Lane Hub.\tPriya Shah\n0:00:05.5 - 0:00:09.0\tThanks.\tPriya Shah\nOkay Then\nSunday Market"
    phrases = [phrase for _, _, phrase in name_phrases(text)]
    assert phrases == ["Barrow Lane Hub"]
    assert not any("\t" in phrase or "\n" in phrase for phrase in phrases)


def test_ids_holding_names_are_refused_with_the_neutral_ids_to_write(tmp_path):
    # --template proposes ids made of names (Maria, Maria_W1_interview); the error says what to write instead.
    with pytest.raises(PseudonymisationError) as caught:
        qlr.pseudonymise(tiny({"Ann_W1": "Ann came.", "Ann_W2": "Ann again."}, actors=ROSTER))
    message = str(caught.value)
    assert "in all, 1 case id(s), 2 document id(s) hold names" in message and "in a study.yaml (qlr info STUDY --template" in message
    assert "cases: 'id: Ann' -> 'id: C01, label: Ann'" in message
    assert "documents: 'id: Ann_W1, case: Ann' -> 'id: C01_W1_interview, case: C01'" in message
    assert "documents: 'id: Ann_W2, case: Ann' -> 'id: C01_W2_interview, case: C01'" in message
    # With a manifest, the lines are for it; written there, the study pseudonymises, the name kept as the label.
    folder = tmp_path / "named"
    folder.mkdir()
    manifest = "waves: [W1]\ncases:\n  - {id: Maria, label: Maria Lopez, role: member}\ndocuments:\n  - {path: m1.txt, id: Maria_W1_interview, case: Maria, wave: W1}\n"
    (folder / "study.yaml").write_text(manifest, encoding="utf-8")
    (folder / "m1.txt").write_text("Interviewer: How are you?\nMaria: Fine, says Maria Lopez.\n", encoding="utf-8")
    with pytest.raises(PseudonymisationError) as caught:
        qlr.pseudonymise(qlr.load(folder, progress=False))
    message = str(caught.value)
    assert "neutral ids in study.yaml," in message and "cases: 'id: Maria' -> 'id: C01, label: Maria Lopez'" in message
    assert "documents: 'id: Maria_W1_interview, case: Maria' -> 'id: C01_W1_interview, case: C01'" in message
    (folder / "study.yaml").write_text(manifest.replace("id: Maria,", "id: C01,").replace("id: Maria_W1_interview, case: Maria", "id: C01_W1_interview, case: C01"), encoding="utf-8")
    result = qlr.pseudonymise(qlr.load(folder, progress=False))
    assert result.study.documents["text"].iat[0] == "Interviewer: How are you?\n[Member 1]: Fine, says [Member 1].\n"


def test_initials_are_replaced_only_where_they_label_a_speaker(tmp_path):
    # A first version replaced every "PM" and "OK" once they were two people's initials: "close at 6 [Member 2]".
    folder = tmp_path / "shop"
    folder.mkdir()
    (folder / "study.yaml").write_text(
        "waves: [W1]\ncases:\n  - {id: C1, label: Olga Kovac}\n  - {id: C2, label: Paul Miller}\n"
        "speakers: {OK: participant, PM: participant}\ndocuments: ['*.txt']\n",
        encoding="utf-8",
    )
    (folder / "C1_W1_interview.txt").write_text(
        "INT: When do you open?\nOK: OK, so we open at 9 AM and close at 6 PM. OK?\nINT: And you?\nPM (00:01:10): I come in at 2 PM, OK.\n", encoding="utf-8"
    )
    (folder / "C2_W1_interview.txt").write_text("INT: Hours?\nPM: Mornings.\nINT: Thanks.\nPM: Fine.\n", encoding="utf-8")
    result = qlr.pseudonymise(qlr.load(folder, progress=False))
    text = result.study.documents.set_index("doc_id")["text"]["C1_W1_interview"]
    assert text == (
        "INT: When do you open?\n[Person 1]: OK, so we open at 9 AM and close at 6 PM. OK?\nINT: And you?\n"
        "[Person 2] (00:01:10): I come in at 2 PM, OK.\n"
    )
    queue = result.review.set_index("term")
    assert queue.loc["OK", "count"] == 3 and queue.loc["PM", "count"] == 2


def test_the_neutral_ids_hint_moves_every_document_of_a_renamed_case(tmp_path):
    # Documents whose own ids hold no name still name the case: the hint had left them out, and following it
    # exactly gave "document 'a.txt' names case 'Maria', which the manifest does not declare".
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "a.txt").write_text("Maria came.", encoding="utf-8")
    (folder / "b.txt").write_text("Maria again.", encoding="utf-8")
    (folder / "study.yaml").write_text(
        "waves: [W1, W2]\ncases:\n  - {id: Maria, label: Maria Lopez}\ndocuments:\n"
        "  - {path: a.txt, id: D1, case: Maria, wave: W1, kind: observation}\n  - {path: b.txt, id: D2, case: Maria, wave: W2, kind: observation}\n",
        encoding="utf-8",
    )
    with pytest.raises(PseudonymisationError) as caught:
        qlr.pseudonymise(qlr.load(folder, progress=False))
    message = str(caught.value)
    assert "cases: 'id: Maria' -> 'id: C01, label: Maria Lopez'" in message
    assert "documents: 'id: D1, case: Maria' -> 'id: D1, case: C01'" in message
    assert "documents: 'id: D2, case: Maria' -> 'id: D2, case: C01'" in message
    # Written in, the study loads and pseudonymises.
    (folder / "study.yaml").write_text(
        "waves: [W1, W2]\ncases:\n  - {id: C01, label: Maria Lopez}\ndocuments:\n"
        "  - {path: a.txt, id: D1, case: C01, wave: W1, kind: observation}\n  - {path: b.txt, id: D2, case: C01, wave: W2, kind: observation}\n",
        encoding="utf-8",
    )
    assert "Maria" not in qlr.pseudonymise(qlr.load(folder, progress=False)).study.documents["text"].str.cat()
