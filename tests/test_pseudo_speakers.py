"""Pseudonymising a study whose people are speaker labels: no real name survives anywhere (stop 40).

The focus-group study of ``test_focus_groups`` (Ana Reyes, Bilal Haddad, Derek Moss; Derek is "Del" in the second
group, mapped by its entry), with names put in every other place a study keeps words: the manifest's study-wide
``speakers:`` roles and a document's own (kept by label, lower case), the groups' record, a document's title and its
file name, a file the manifest leaves out (named in a load note), a memo, an override's reason. The pseudonymised
study is saved, exported, reported and deposited, and every byte written is searched for every real name.
"""

from __future__ import annotations

import re
import sqlite3
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import qlr

from .conftest import write
from .test_focus_groups import make_study

#: Every real name and nickname of the study, as a reader would look for it.
NAMES = ("Ana", "Reyes", "Bilal", "Haddad", "Derek", "Moss", "Del")
#: A name anywhere: any case, joined to other words by "_" or "-", but not inside a longer word ("Moss" not in "Mossy").
FOUND = re.compile(r"(?<![A-Za-z])(" + "|".join(NAMES) + r")(?![A-Za-z])", re.IGNORECASE)


def named(root: Path) -> Path:
    """The focus-group study with names in every place a study keeps words."""
    make_study(root, top="speakers: {Ana: participant}\n", fg1=", title: Ana and Bilal at the centre")
    write(root / "notes" / "ana_reyes-visit.txt", "Notes after the visit. Ana Reyes showed me the garden; Del came late.\n")
    write(root / "derek-moss-consent.txt", "Signed.\n")  # left out by the manifest: a load note names the file
    manifest = (root / "study.yaml").read_text(encoding="utf-8").replace(
        "codings: [codings.csv]",
        "  - {path: notes/ana_reyes-visit.txt, id: C01_W1_notes, case: C01, wave: W1, kind: field_notes}\ncodings: [codings.csv]",
    )
    write(root / "study.yaml", manifest)
    return root


#: A figure embedded in a page: its base64 letters are no words ("…PDhLd5XW…" may hold "del").
_EMBEDDED = re.compile(r"base64,[A-Za-z0-9+/=\s]+")


def leaks(data: bytes) -> list[str]:
    text = _EMBEDDED.sub("", data.decode("utf-8", errors="replace"))
    return sorted({m.group().lower() for m in FOUND.finditer(text)})


def every_file(folder: Path) -> dict[str, bytes]:
    """Each file's bytes, and each member of every zip archive (.qdpx) on its own."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                out.update({f"{path.name}:{name}": archive.read(name) for name in archive.namelist()})
        else:
            out[str(path.relative_to(folder))] = path.read_bytes()
    return out


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study = qlr.load(named(tmp_path_factory.mktemp("named") / "centre"), progress=False)
    study.memo("document", "FG_W1", "Ana spoke most; Del was quiet until Derek Moss's neighbour came in.")
    study.override_placement(case="C03", wave="W2", facet="delivery", level=2, reason="Derek told me off the record he runs the desk", author="rm")
    return study


def test_the_names_are_in_every_place_before(study, tmp_path):
    # The check can fail: each place holds a name before pseudonymising.
    assert study.meta["speakers"] == {"ana": "participant"}
    assert study.meta["document_speakers"]["FG_W2"]["del"] == "participant"
    assert study.meta["speaker_cases"]["FG_W2"] == {"Ana": "C01", "Del": "C03"}
    assert any("derek-moss-consent.txt" in note for note in study.meta["inferred"])
    study.save(tmp_path / "plain.qlr")
    assert leaks((tmp_path / "plain.qlr").read_bytes()) == [n.lower() for n in sorted(NAMES)]


def test_no_real_name_survives_in_anything_written(study, tmp_path):
    result = qlr.pseudonymise(study)
    out = tmp_path / "out"
    out.mkdir()
    result.study.save(out / "centre.qlr")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        qlr.io.write_qdpx(result.study, out / "centre.qdpx")
        qlr.report.write_report(result.study, out / "report", codebook="coproduction", progress=False)
        qlr.pseudo.deposit(result, tmp_path / "deposit")
    files = {**every_file(out), **{f"deposit/{k}": v for k, v in every_file(tmp_path / "deposit").items()}}
    assert len(files) > 20 and any(name.endswith("details.json") for name in files)
    # The project file is SQLite: its pages hold every table and the metadata uncompressed, so its bytes are read whole.
    with sqlite3.connect(out / "centre.qlr") as db:
        assert db.execute("select count(*) from t_segments").fetchone()[0] == len(study.segments)
    assert {name: found for name, data in files.items() if (found := leaks(data))} == {}
    # The log that may be deposited names no original either.
    assert leaks(result.log.to_csv().encode()) == []


def test_labels_keep_their_roles_cases_and_analyses(study):
    result = qlr.pseudonymise(study)
    meta = result.study.meta
    # Del is the manifest's name for Derek (C03): it takes Derek's pseudonym, in the text and in every record.
    assert meta["speaker_cases"]["FG_W2"] == {"[Person 1]": "C01", "[Person 3]": "C03"}
    assert meta["document_speakers"]["FG_W2"] == {"facilitator": "interviewer", "[person 3]": "participant"}  # lower case, as loading keeps it
    assert meta["speakers"] == {"[person 1]": "participant"}
    text = result.study.documents.set_index("doc_id").at["FG_W2", "text"]
    assert "[Person 3]: I help out on the reception desk" in text
    labels = qlr.io.speaker_labels(result.study).set_index(["doc_id", "speaker"])
    assert labels.at[("FG_W2", "[Person 3]"), "decided_by"] == "manifest"  # the document's own entry still decides it
    before = qlr.track.matrix(study, codebook="coproduction").tidy
    after = qlr.track.matrix(result.study, codebook="coproduction").tidy
    assert after["count"].equals(before["count"]) and after["case_id"].equals(before["case_id"])
    assert any("[Person 3]-consent.txt" in note for note in meta["inferred"])


def test_the_key_restores_every_label_and_path(study, tmp_path):
    result = qlr.pseudonymise(study)
    back = qlr.pseudo.restore(result.study, result.write_key(tmp_path / "key.csv"))
    assert back.meta == study.meta
    for table in ("documents", "segments", "codings", "memos", "overrides"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(study, table), obj=table)
    assert back.overrides["reason"].equals(study.overrides["reason"]) and back.memos["text"].equals(study.memos["text"])


# Found by a review before release: two labels of one person, a joint voice's label, a role word used as a label and a
# surname that is an ordinary word inside a file name. A community kitchen: Nia Marsh (C01), Olek Jan Brook (C02) and
# Gordon Pike (C03), whom the first group's transcriber also writes as "Gord"; the second group labels Nia and Olek
# by their offices, Olek speaks once by name too and answers once together with Kit, a cook who is no case.
KITCHEN = """name: Kitchen
waves: [W1]
cases:
  - {id: C01, label: Nia Marsh}
  - {id: C02, label: Olek Jan Brook}
  - {id: C03, label: Gordon Pike}
documents:
  - interviews/*.txt
  - {path: groups/one.txt, id: FG_A, kind: focus_group, wave: W1, speakers: {Host: interviewer, Gord: C03}}
  - {path: groups/two.txt, id: FG_B, kind: focus_group, wave: W1, speakers: {Host: interviewer, Chair: C01, Treasurer: C02}}
"""


def kitchen(root: Path) -> Path:
    write(root / "study.yaml", KITCHEN)
    for case, name, words in (("C01", "Nia", "The Treasurer reads the accounts out. Chair of the trustees is elected."),
                              ("C02", "Olek", "I do the sums."), ("C03", "Gordon", "The Chair asked me to cook.")):
        write(root / "interviews" / f"{case}_W1_interview.txt", f"Interviewer: How is the kitchen?\n\n{name}: {words}\n")
    write(root / "groups" / "one.txt", "Host: Who plans the menu?\n\nGordon: I plan it on Mondays.\n\nNia: We all taste it.\n\n"
          "Gord: Gordon again, sorry, everyone calls me Gord.\n")
    write(root / "groups" / "two.txt", "Host: Who pays?\n\nChair: The board agrees the spend.\n\nTreasurer: I pay the invoices.\n\n"
          "Olek: Treasurer again, it's me, Olek.\n\nKit: I cook.\n\nKit and Olek: Soup is on the house.\n\n"
          "Chair: The Treasurer checks every receipt.\n")
    write(root / "marsh_walk_leaflet.txt", "Meet at the gate.\n")  # left out: a load note names it, and it names no one
    write(root / "gordon_pike-consent.txt", "Signed.\n")  # left out too, and named after Gordon
    write(root / "olek-brook-rota.txt", "Tuesdays.\n")  # Olek's first and last name, without his middle one
    return root


@pytest.fixture(scope="module")
def kitchen_study(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(kitchen(tmp_path_factory.mktemp("kitchen") / "kitchen"), progress=False)


def restores_exactly(study: qlr.Study, result: Any, path: Path) -> None:
    back = qlr.pseudo.restore(result.study, result.write_key(path))
    assert back.meta == study.meta and back.name == study.name
    for table in ("documents", "segments", "codings", "memos", "overrides", "cases", "actors"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(study, table), obj=table)


def test_two_labels_of_one_person_each_restore(kitchen_study, tmp_path):
    assert kitchen_study.meta["speaker_cases"]["FG_A"] == {"Gordon": "C03", "Nia": "C01", "Gord": "C03"}
    result = qlr.pseudonymise(kitchen_study)
    # Both labels are Gordon's pseudonym in the text; the record keeps three entries (before: two, and restore failed).
    assert result.study.meta["speaker_cases"]["FG_A"] == {"[Person 3]": "C03", "[Person 1]": "C01", "[Person 3] (2)": "C03"}
    text = result.study.documents.set_index("doc_id").at["FG_A", "text"]
    assert "[Person 3]: [Person 3] again, sorry, everyone calls me [Person 3]." in text
    whose = qlr.evidence.segment_cases(result.study)["case_id"].tolist()
    assert whose == qlr.evidence.segment_cases(kitchen_study)["case_id"].tolist()
    restores_exactly(kitchen_study, result, tmp_path / "key.csv")


def test_a_joint_voice_is_no_ones_alias(kitchen_study, tmp_path):
    assert kitchen_study.meta["speaker_cases"]["FG_B"]["Kit and Olek"] == "C02"
    result = qlr.pseudonymise(kitchen_study)
    text = result.study.documents.set_index("doc_id").at["FG_B", "text"]
    assert "Kit and [Person 2]: Soup is on the house." in text  # before: "[Person 2]: Soup…", Kit gone
    assert result.study.meta["speaker_cases"]["FG_B"]["Kit and [Person 2]"] == "C02"
    restores_exactly(kitchen_study, result, tmp_path / "key.csv")


def test_an_office_used_as_a_label_stays_a_word(kitchen_study):
    result = qlr.pseudonymise(kitchen_study)
    texts = result.study.documents.set_index("doc_id")["text"]
    assert "The Treasurer reads the accounts out. Chair of the trustees is elected." in texts["C01_W1_interview"]
    assert "The Chair asked me to cook." in texts["C03_W1_interview"]
    assert "Chair: The Treasurer checks every receipt." in texts["FG_B"]
    assert {"Chair", "Treasurer"} <= set(result.study.meta["speaker_cases"]["FG_B"])
    # The label is still the case's: its turns count as before.
    assert qlr.evidence.segment_cases(result.study)["case_id"].tolist() == qlr.evidence.segment_cases(kitchen_study)["case_id"].tolist()


def test_a_file_name_is_a_persons_only_by_their_name_not_a_common_word(kitchen_study):
    note = next(n for n in kitchen_study.meta["inferred"] if "marsh_walk_leaflet.txt" in n)
    result = qlr.pseudonymise(kitchen_study)
    after = next(n for n in result.study.meta["inferred"] if n.startswith(note[:30]))
    # "marsh" alone is a common word: the leaflet says nothing of Nia Marsh (before: "[Person 1]_walk_leaflet.txt").
    assert "marsh_walk_leaflet.txt" in after
    assert "[Person 3]-consent.txt" in after and "gordon" not in after.lower()  # the full name, joined by "_"
    assert "[Person 2]-rota.txt" in after and "brook" not in after.lower()  # first and last name, without the middle
