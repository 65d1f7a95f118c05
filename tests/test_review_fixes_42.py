"""What the merged change's reviewer and a new user of it found (stop 42), each with the input that showed it."""

from __future__ import annotations

import pytest

import qlr
from qlr.errors import NoInterviewerWarning
from qlr.io._load import folder_template


def _minutes(path, title="Allotment board"):
    path.write_text(f"{title}\nTuesday meeting\n\nApologies were received from two members.\n", encoding="utf-8")
    return path


def test_a_file_named_with_eight_digits_that_are_no_iso_day_loads(tmp_path):
    # "19032026" is day-first without separators; read as year 1903, month 20 it crashed with a raw ValueError.
    one = _minutes(tmp_path / "mins_19032026.txt")
    with pytest.warns(NoInterviewerWarning):  # minutes have no interviewer; the point is that they load
        study = qlr.load(one, progress=False)
    assert list(study.documents["doc_id"]) == ["mins_19032026"]
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("mins_19032026.txt", "mins_19thMarch2026.txt", "mins_March192026.txt"):
        _minutes(folder / name)
    # --template read the same part as a date and crashed; the folder's template now lists all three.
    template = folder_template(folder)
    assert all(f"path: {name}" in template for name in ("mins_19032026.txt", "mins_19thMarch2026.txt", "mins_March192026.txt"))


def test_the_pooling_warning_offers_a_fix_that_works_for_a_codebook_of_ones_own(tmp_path):
    # A new user's own codebook 'comedor': the warning said pooled.apply('comedor'), which looks for a bundled one.
    import warnings

    from qlr.codebook import Codebook
    from qlr.errors import PoolingWarning

    book = Codebook.from_yaml(
        "id: comedor\nname: Comedor\nversion: '1'\nthemes:\n  - {id: voz, name: Voz}\ncodes:\n"
        "  - id: voz.decidir\n    name: Decidir\n    parent: voz\n    indicators:\n      - phrase: decide the menu\n"
    )
    studies = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "P01_W1_interview.txt").write_text(f"Interviewer: And now, {name}?\nP01: We decide the menu together.\n", encoding="utf-8")
        studies.append(qlr.load(folder, progress=False))
    coded = studies[0].apply(book, progress=False)
    with pytest.warns(PoolingWarning, match=r"pooled\.apply\(pooled\.codebooks\['comedor'\]\); qlr code pooled\.qlr --codebook <its \.yaml file>") as seen:
        pooled = qlr.concat([coded, studies[1]], keys=["one", "two"], waves="id")
    assert seen
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        again = pooled.apply(pooled.codebooks["comedor"], progress=False)  # the fix it offers runs
    assert set(again.codings["doc_id"]) == {"one:P01_W1_interview", "two:P01_W1_interview"}


def test_a_portrait_says_what_was_discounted_where_nothing_counted(tmp_path):
    # A new user: "W1: nothing coded" in Ana's portrait, though rule coding had found her wish and set it aside.
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P01_W1_interview.txt").write_text(
        "Interviewer: How is it going?\nP01: Maybe one day we'll run the rota ourselves.\n", encoding="utf-8"
    )
    (folder / "P01_W2_interview.txt").write_text(
        "Interviewer: And now?\nP01: Honestly the weather has been awful and the bus was late again.\n", encoding="utf-8"
    )
    study = qlr.load(folder, progress=False).apply("coproduction", progress=False)
    assert set(study.codings["assertion"]) == {"hypothetical"}
    text = qlr.track.portrait(study, "P01").markdown
    assert "**W1**: nothing counted; 1 rule match(es) discounted (hypothetical 1)" in text
    assert "**W2**: nothing coded" in text
