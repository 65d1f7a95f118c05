"""The report's "Data and load notes": what loading left out, changed or guessed, kept with the study."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest

import qlr
from qlr.errors import FilesNotLoadedWarning, LanguageWarning, UnreadTextWarning

from .test_readers import _pdf


def _study_folder(root):
    """Three interviews, one in Spanish, one a PDF with two scanned pages, and a file that is not loaded."""
    from pypdf import PdfReader, PdfWriter

    root.mkdir()
    spanish = (
        "Entrevistadora: ¿Cómo empezó el huerto?\nMarta: Lo empezamos los vecinos y ahora lo llevamos nosotros. "
        + "Cada martes nos juntamos para regar y decidir qué plantamos en la temporada que viene. " * 12
        + "\nEntrevistadora: ¿Y el ayuntamiento?\nMarta: Nos presta el terreno pero no decide por nosotros.\n"
    )
    (root / "C1_W1_interview.txt").write_text(spanish, encoding="utf-8")
    writer = PdfWriter()
    for lines in (["Interviewer: How did the garden start?", "Sam: Neighbours asked the council for the plot."], None, None):
        if lines is None:
            writer.add_blank_page(612, 792)  # a scanned page: an image, no text layer
        else:
            writer.add_page(PdfReader(io.BytesIO(_pdf(lines))).pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    (root / "C2_W1_interview.pdf").write_bytes(buffer.getvalue())
    (root / "C2_W2_interview.txt").write_text("Interviewer: And now?\nSam: We decide the planting together with the council staff.\n", encoding="utf-8")
    (root / "garden plan.txt").write_text("beds, paths, a shed\n", encoding="utf-8")
    return root


def _quietly(call, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def test_loading_still_warns_and_keeps_each_warning(tmp_path):
    root = _study_folder(tmp_path / "garden")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        study = qlr.load(root, progress=False)
    assert [w.category for w in caught] == [FilesNotLoadedWarning, UnreadTextWarning]
    assert "garden plan.txt" in str(caught[0].message) and caught[0].filename == __file__  # the caller's line, as before
    kept = study.meta["warnings"]
    assert [(k["step"], k["category"]) for k in kept] == [("load", "FilesNotLoadedWarning"), ("load", "UnreadTextWarning")]
    assert [k["message"] for k in kept] == [str(w.message) for w in caught if issubclass(w.category, qlr.errors.QlrWarning)]
    # The caller's filters decide as before: an error is still an error ...
    with warnings.catch_warnings(), pytest.raises(FilesNotLoadedWarning):
        warnings.simplefilter("error", FilesNotLoadedWarning)
        qlr.load(root, progress=False)
    # ... and a hidden warning (qlr -q) is kept all the same.
    assert _quietly(qlr.load, root, progress=False).meta["warnings"] == kept


def test_the_report_lists_what_loading_left_out_and_doubted(tmp_path):
    study = _quietly(qlr.load, _study_folder(tmp_path / "garden"), progress=False)
    notes = qlr.io.load_notes(study)
    assert list(notes.columns) == ["step", "what", "documents", "n_documents", "note"]
    by_what = notes.set_index("what")
    assert by_what.loc[["files not loaded"], "note"].iloc[0].startswith("garden: 1 file(s) not named {case}_{wave}_{kind} were not loaded: garden plan.txt")
    assert by_what.loc["text not read", "documents"] == "C2_W1_interview"
    assert "2 page(s) with no text layer (pp. 2–3" in by_what.loc["text not read", "note"]
    assert "garden/C2_W1_interview.pdf: document C2_W1_interview: 2 page(s)" in by_what.loc["text not read", "note"]
    assert str(tmp_path) not in "".join(notes["note"])  # paths from the study's folder, no home folder

    # The report codes a copy: its language doubt is kept there and listed with the rest.
    with pytest.warns(LanguageWarning):
        page = _report(study, tmp_path / "report")
    text = page.read_text(encoding="utf-8")
    section = text[text.index("<section id='load-notes'>") : text.index("</section>", text.index("<section id='load-notes'>"))]
    assert "<h2>Data and load notes</h2>" in section
    assert "Data was left out (files not loaded, text not read)" in section
    assert "Some documents' codings are doubtful (read as another language)" in section
    for said in ("garden plan.txt", "2 page(s) with no text layer", "1 document(s) do not read as English", "C1_W1_interview"):
        assert said in section, said
    table = pd.read_csv(tmp_path / "report" / "tables" / "load_notes.csv", keep_default_na=False)
    # Data left out first, then doubts, then what loading inferred (no study.yaml: cases and waves).
    # The file the names leave out is said twice: the warning, and loading's note.
    assert list(table["what"][:4]) == ["files not loaded", "files not loaded", "text not read", "read as another language"]
    assert list(table["n_documents"][:4]) == [0, 0, 1, 1]
    assert list(table["documents"][:4]) == ["", "", "C2_W1_interview", "C1_W1_interview"]
    assert set(table["what"][4:]) == {"inferred or changed"} and "waves inferred, in natural order: W1, W2" in set(table["note"])
    assert "load_notes" in pd.ExcelFile(tmp_path / "report" / "tables.xlsx").sheet_names
    # The caller's study is not coded, so its record holds only loading's warnings.
    assert {k["step"] for k in study.meta["warnings"]} == {"load"}


def _report(study, out):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FilesNotLoadedWarning)
        warnings.simplefilter("ignore", UnreadTextWarning)
        return qlr.report.write_report(study, out, codebook="coproduction", progress=False)


def test_a_saved_project_keeps_its_notes(tmp_path):
    study = _quietly(qlr.load, _study_folder(tmp_path / "garden"), progress=False)
    with pytest.warns(LanguageWarning):
        study.apply("coproduction", progress=False)
    with pytest.warns(LanguageWarning):
        study.apply("coproduction", progress=False)  # applied again: the doubt is kept once
    assert [k["step"] for k in study.meta["warnings"]] == ["load", "load", "rule coding"]
    study.save(tmp_path / "garden.qlr")
    back = qlr.open(tmp_path / "garden.qlr")
    assert back.meta["warnings"] == study.meta["warnings"]
    assert back.meta["inferred"] == study.meta["inferred"]
    pd.testing.assert_frame_equal(qlr.io.load_notes(back), qlr.io.load_notes(study))
    # Its report (coded already, so not coded again) lists them all the same.
    text = qlr.report.write_report(back, tmp_path / "report", codebook="coproduction", progress=False).read_text(encoding="utf-8")
    assert "garden plan.txt" in text and "1 document(s) do not read as English" in text


def test_the_sample_report_left_nothing_out_and_says_how_it_dated(tmp_path, sample_study):
    page = qlr.report.write_report(sample_study.copy(), tmp_path, codebook="coproduction", role="carer", progress=False)
    text = page.read_text(encoding="utf-8")
    # Nothing left out or doubted: the one note says the interviews were dated by their headers.
    assert "<section id='load-notes'><h2>Data and load notes</h2>" in text
    assert "Data was left out" not in text and "codings are doubtful" not in text
    notes = qlr.io.load_notes(sample_study)
    assert notes[["step", "what", "n_documents"]].values.tolist() == [["load", "inferred or changed", 62]]
    assert notes["note"].iloc[0].startswith("62 document(s) dated by the date their header states (e.g. C01_W1_interview: ")
    table = pd.read_csv(tmp_path / "tables" / "load_notes.csv")
    assert table["n_documents"].tolist() == [62]


def test_markup_in_a_note_is_text(tmp_path, sample_study):
    study = sample_study.copy()
    study.meta["warnings"] = [{"step": "load", "category": "InferenceWarning", "message": "C01_W1: <script>alert(1)</script> & more"}]
    text = qlr.report.write_report(study, tmp_path, codebook="coproduction", role="carer", progress=False).read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text


def test_a_step_that_fails_still_gives_the_warnings_before_its_error():
    import warnings

    from qlr._warned import noting_warnings
    from qlr.errors import QlrWarning

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match="boom"):
            with noting_warnings():
                warnings.warn("a file was not loaded", QlrWarning, stacklevel=1)
                raise ValueError("boom")
    assert [str(w.message) for w in said] == ["a file was not loaded"]
    # A warning the caller made an error does not hide the step's own error.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="boom"):
            with noting_warnings():
                warnings.warn("a file was not loaded", QlrWarning, stacklevel=1)
                raise ValueError("boom")
