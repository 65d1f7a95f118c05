"""Label Studio's leftovers (stop 58): choices on a whole task, coders' names, a joined document's variables, a label
named like a choice control.

The real files are Label Studio 1.23.2's own exports of a project made through its API (its server run locally): the
configuration has ``<Labels name="code">`` (Tenant, Repairs, Trust), a per-region ``<Choices name="Tenant">`` (current,
former), and two choices on the whole task, ``group`` (tenant / staff, one) and ``Sentiment`` (angry, hopeful, tired,
several).  Two uploaded ``.txt`` files (P01_W1: tasks 5–7, a line each; P02_W1: tasks 8–9) and three tasks imported as
JSON (P03_W1, P03_W2 and P04_W1, with ``name`` and ``site``; P04_W1 also a ``group`` field, "staff"); annotator 1
(ann@uni.ac.uk) coded all, annotator 2 (Ben Okafor, ben@uni.example) P03_W1 and P03_W2.  Exported with Export, format
JSON, all tasks (``ls-1.23.2-housing.json``), and as two snapshots, one with the annotators written out
(``serialization_options: {"annotations__completed_by": {"only_id": false}}``: ``-snapshot-users``) and one without
(``-snapshot-default``).  They are read in place from ``QLR_LS2_DATA`` or /tmp/s59/ls2-data and the tests skip without
them.  Every expected value below was read off the files by hand.
"""

from __future__ import annotations

import csv
import json
import os
import warnings
from pathlib import Path

import pytest

import qlr
from qlr.cli import main
from qlr.errors import InvalidParameterError, QlrWarning

from .test_trial17_taguette import codings  # (document, code name, coder, passage) of every coding, sorted
from .test_trial22_label_studio import TEXT, annotation, span, task, write

DATA = Path(os.environ.get("QLR_LS2_DATA", "/tmp/s59/ls2-data"))
HOUSING = DATA / "ls-1.23.2-housing.json"
SNAPSHOT_USERS = DATA / "ls-1.23.2-housing-snapshot-users.json"
real = pytest.mark.skipif(not HOUSING.is_file() or not SNAPSHOT_USERS.is_file(), reason="the Label Studio 1.23.2 housing exports are not on this machine")

# Every coding of the export, with its coder as the plain Export names them (user ids), read off the file by hand.
CODINGS = [
    ("P01_W1", "Repairs", "user 1", "nobody came for the repairs"),
    ("P01_W1", "Tenant", "user 1", "P01"),
    ("P01_W1", "current", "user 1", "P01"),  # the per-region choice "Tenant: current", under "Tenant (choices)"
    ("P01_W1", "Trust", "user 1", "I do not trust the office any more"),
    ("P02_W1", "Tenant", "user 1", "I worked in the housing office"),
    ("P03_W1", "Repairs", "user 1", "after three weeks"),
    ("P03_W1", "Tenant", "user 1", "I was a tenant then"),
    ("P03_W1", "former", "user 1", "I was a tenant then"),
    ("P03_W1", "Repairs", "user 2", "The caretaker, after three weeks"),
    ("P03_W2", "Trust", "user 1", "I trust them a bit more"),
    ("P03_W2", "Trust", "user 2", "I trust them a bit more"),
    ("P04_W1", "Repairs", "user 1", "I manage repairs"),
]


def read(path: Path, **options):
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        study = qlr.io.read_label_studio(path, kind="document", **options)
    return study, " ".join(str(w.message) for w in said if issubclass(w.category, QlrWarning))


def variables(study) -> dict[str, dict[str, object]]:
    """Each document's values of the export's variables (none where it has none)."""
    table = study.documents.set_index("doc_id")
    return {doc: {name: table.loc[doc, name] for name in ("group", "Sentiment", "site") if isinstance(table.loc[doc, name], str)} for doc in table.index}


@real
def test_whole_task_choices_are_the_documents_variables():
    """``group`` and ``Sentiment`` (a choice on the whole task, no region's id) become variables named by their control;
    several choices are one value joined by "; "; where the two annotators chose differently (task 10, P03_W1: tenant
    and staff) there is no value and a warning names both; P04_W1's own field ``group`` ("staff") is kept over the
    choice "tenant", and said.  Before stop 58 both controls were only counted in a warning."""
    study, said = read(HOUSING)
    assert variables(study) == {
        "P01_W1": {"group": "tenant", "Sentiment": "angry; tired"},  # task 6: group tenant, Sentiment angry + tired; task 7: group tenant
        "P02_W1": {},  # its lines differ (below)
        "P03_W1": {"Sentiment": "hopeful", "site": "Leeds"},  # only annotator 2 chose a Sentiment
        "P03_W2": {"group": "tenant", "Sentiment": "hopeful", "site": "Leeds"},  # both annotators: tenant, hopeful
        "P04_W1": {"group": "staff", "site": "Hull"},
    }
    assert "13 result(s) on a whole task (a choice of the whole interview) were read as its document's variables: Sentiment (4), group (9)" in said
    assert "1 whole-task value(s) differ between a task's annotators and were not imported as variables" in said
    assert "task 10: group (user 1: 'tenant', user 2: 'staff')" in said
    assert "task 12: group 'staff' (the task's field), 'tenant' (chosen)" in said
    assert "result(s) are on a whole task, not a passage" not in said  # nothing of theirs left out
    assert codings(study) == sorted(CODINGS)


@real
def test_a_joined_document_takes_the_values_its_lines_agree_on():
    """P01_W1 is tasks 5–7 (an uploaded file's lines): 6 and 7 both chose ``group: tenant`` (5 none), so the document is
    tenant; P02_W1's lines chose tenant (task 8) and staff (task 9): no value, and the warning names both."""
    study, said = read(HOUSING)
    assert variables(study)["P01_W1"]["group"] == "tenant" and "group" not in variables(study)["P02_W1"]
    assert (
        "1 variable(s) of 1 document(s) differ between the tasks joined into the document (an uploaded file's lines) and were not imported "
        "(give each line the same value, or set it after import): P02_W1: group ('tenant': task 8; 'staff': task 9)"
    ) in said


def test_a_joined_document_keeps_fields_that_agree_hand_made(tmp_path):
    """The same rule on hand-made tasks (no server needed): three lines of one upload, two choosing ``site: Leeds`` and
    the third none, two choosing different ``mood``s."""

    def line(tid: int, text: str, *choices: tuple[str, str]) -> dict:
        results = [{"id": f"c{tid}{n}", "from_name": name, "to_name": "text", "type": "choices", "value": {"choices": [value]}} for n, (name, value) in enumerate(choices)]
        return task(tid, [annotation(tid, 1, results)], data={"text": text}, upload="ab12cd34-P05_W1.txt")

    tasks = [line(1, "I: Hello.", ("site", "Leeds"), ("mood", "calm")), line(2, "P05: Hi.", ("mood", "tense")), line(3, "P05: Bye.", ("site", "Leeds"))]
    study, said = read(write(tmp_path / "lines.json", tasks))
    row = study.documents.set_index("doc_id").loc["P05_W1"]
    assert row["text"] == "I: Hello.\nP05: Hi.\nP05: Bye." and row["site"] == "Leeds" and "mood" not in study.documents.columns
    assert "P05_W1: mood ('calm': task 1; 'tense': task 2)" in said


def test_whole_task_values_of_each_kind_hand_made(tmp_path):
    """A rating and a number are whole numbers (an Integer variable), a taxonomy its path; two annotators who chose the
    same choices in another order agree."""
    results = [
        {"id": "w1", "from_name": "trust", "to_name": "text", "type": "rating", "value": {"rating": 4}},
        {"id": "w2", "from_name": "topic", "to_name": "text", "type": "taxonomy", "value": {"taxonomy": [["Housing", "Repairs"]]}},
        {"id": "w3", "from_name": "mood", "to_name": "text", "type": "choices", "value": {"choices": ["angry", "tired"]}},
        {"id": "w4", "from_name": "comment", "to_name": "text", "type": "textarea", "value": {"text": ["a long one"]}},
    ]
    other = {"id": "w5", "from_name": "mood", "to_name": "text", "type": "choices", "value": {"choices": ["tired", "angry"]}}
    tasks = [task(1, [annotation(1, 1, results), annotation(2, 2, [other])], data={"text": TEXT, "name": "P01_W1"}, upload=None)]
    study, said = read(write(tmp_path / "kinds.json", tasks))
    row = study.documents.set_index("doc_id").loc["P01_W1"]
    assert (row["trust"], row["topic"], row["mood"]) == (4, "Housing > Repairs", "angry; tired")
    assert "4 result(s) on a whole task (a choice of the whole interview) were read as its document's variables: mood (2), topic (1), trust (1)" in said
    # A comment on the whole task is not a value of the document: still said, with its id.
    assert "1 result(s) are on a whole task, not a passage (a classification or comment of the task), and were not imported: comment (textarea): 1; task:annotation:result 1:1:w4" in said


@real
def test_cases_and_the_report_use_the_variables_and_coders(tmp_path):
    """What a new user does: ``qlr import`` with ``--coder`` for the ids the Export gives, then ``qlr report``: the case
    pages show the attributes that hold for every document of a case (P03: Sentiment hopeful, site Leeds), the coders
    are the names given, and ``--case variable:group`` makes cases of the whole-task choice."""
    out = tmp_path / "housing.qlr"
    argv = ["import", str(HOUSING), "-o", str(out), "--kind", "document", "--case", r"pattern:^(?P<case>P\d+)_", "--wave", r"pattern:_(?P<wave>W\d)"]
    # P02_W1's tasks give two groups, and two annotators two values of a whole-task choice: not imported, status 3 (stop 59).
    assert main([*argv, "--coder", "1=Ana", "--coder", "2=Ben", "-q"]) == 3
    study = qlr.open(out)
    assert sorted(study.codings["coder"].value_counts().items()) == [("Ana", 10), ("Ben", 2)]
    cases = study.cases.set_index("case_id")
    assert (cases.loc["P03", "Sentiment"], cases.loc["P03", "site"], cases.loc["P01", "Sentiment"]) == ("hopeful", "Leeds", "angry; tired")
    assert main(["report", str(out), "--out", str(tmp_path / "R"), "-q"]) == 0
    page = (tmp_path / "R" / "cases" / "p03.html").read_text(encoding="utf-8")
    assert "Sentiment" in page and "hopeful" in page and "Leeds" in page
    with open(tmp_path / "R" / "tables" / "coder_agreement.csv", encoding="utf-8") as f:
        assert {(row["coder_a"], row["coder_b"]) for row in csv.DictReader(f)} == {("Ana", "Ben")}
    grouped = tmp_path / "grouped.qlr"
    main(["import", str(HOUSING), "-o", str(grouped), "--kind", "document", "--case", "variable:group", "-q"])
    table = qlr.open(grouped).documents.set_index("doc_id")["case_id"]
    assert table.dropna().to_dict() == {"P01_W1": "tenant", "P03_W2": "tenant", "P04_W1": "staff"}


@real
def test_coders_are_named_where_the_export_names_them():
    """1.23.2's Export gives ``completed_by`` as the id alone (and ``updated_by``, JSON-MIN's ``annotator``: ids too);
    a snapshot made with ``annotations__completed_by`` written out gives ``{"id", "email", "first_name", "last_name"}``,
    and the coder is the e-mail.  ``coders=`` names ids (or e-mails) either way."""
    plain, said = read(HOUSING)
    assert sorted(set(plain.codings["coder"])) == ["user 1", "user 2"]
    assert "the export names 2 annotator(s) by their Label Studio user id only (user 1, user 2)" in said
    written, said = read(SNAPSHOT_USERS)
    assert sorted(set(written.codings["coder"])) == ["ann@uni.ac.uk", "ben@uni.example"] and "user id only" not in said
    swap = {"user 1": "ann@uni.ac.uk", "user 2": "ben@uni.example"}
    assert codings(written) == sorted((d, c, swap[who], q) for d, c, who, q in CODINGS)
    named, said = read(HOUSING, coders={1: "Ana", "2": "Ben"})
    assert codings(named) == sorted((d, c, {"user 1": "Ana", "user 2": "Ben"}[who], q) for d, c, who, q in CODINGS)
    assert "user id only" not in said and "task 10: group (Ana: 'tenant', Ben: 'staff')" in said
    by_mail, _ = read(SNAPSHOT_USERS, coders={"ben@uni.example": "Ben"})
    assert sorted(set(by_mail.codings["coder"])) == ["Ben", "ann@uni.ac.uk"]
    _, said = read(HOUSING, coders={1: "Ana", 2: "Ben", 7: "Zoe"})
    assert "coders= names 1 Label Studio user(s) no annotation read has (7): check the ids (the annotators are Ana, Ben)" in said


def test_coders_option_is_checked(tmp_path, capsys):
    path = write(tmp_path / "one.json", [task(1, [annotation(1, 3, [span("r1", 34, 38, "Müde", "Fatigue")])], data={"text": TEXT, "name": "P01_W1"}, upload=None)])
    study, _ = read(path, coders={3: "Cleo"})
    assert list(study.codings["coder"]) == ["Cleo"]
    for bad in (["Cleo"], {3: ""}, {None: "Cleo"}, {True: "Cleo"}):
        with pytest.raises(InvalidParameterError, match="coders"):
            qlr.io.read_label_studio(path, coders=bad)
    assert main(["import", str(path), "-o", str(tmp_path / "x.qlr"), "--coder", "Cleo"]) == 1
    assert "--coder 'Cleo' is not ID=NAME" in capsys.readouterr().err
    qdpx = tmp_path / "p.qdpx"
    qlr.io.write_qdpx(qlr.load(Path(__file__).parent.parent / "data" / "sample"), qdpx)
    assert main(["import", str(qdpx), "-o", str(tmp_path / "y.qlr"), "--coder", "1=Ana"]) == 1
    assert "--coder names the annotators of a Label Studio export by their user ids" in capsys.readouterr().err


@real
def test_a_label_and_a_choice_control_of_one_name_stay_apart():
    """The label "Tenant" (``<Labels name="code">``) and the per-region ``<Choices name="Tenant">``: the choices were
    codes under the label's code (one "Tenant" holding both the label's codings and its children, silently); they are
    now under "Tenant (choices)", said."""
    study, said = read(HOUSING)
    (book,) = study.codebooks.values()
    parents = {code.name: book[code.parent].name if code.parent else None for code in book}
    assert parents == {"Repairs": None, "Tenant": None, "Trust": None, "Tenant (choices)": None, "current": "Tenant (choices)", "former": "Tenant (choices)"}
    coded = study.codings.groupby("code_id").size().to_dict()
    assert (coded["tenant"], coded["tenant_choices.current"], coded["tenant_choices.former"]) == (3, 1, 1)
    assert "1 per-region choice control(s) have the name of a label ('Tenant'): their values are codes under 'Tenant (choices)', apart from the label's code" in said


def test_a_choice_control_named_unlike_any_label_is_unchanged(tmp_path):
    results = [span("r1", 34, 38, "Müde", "Fatigue"), {"id": "r1", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["negative"]}}]
    study, said = read(write(tmp_path / "s.json", [task(1, [annotation(1, 1, results)], data={"text": TEXT, "name": "P01_W1"}, upload=None)]))
    assert sorted(study.codings["code_id"]) == ["fatigue", "stance.negative"] and "have the name of a label" not in said


def test_the_snapshot_layout_is_what_the_tests_read():
    """Guard on the fixture itself, so a regenerated export that changed shape fails here and not obscurely."""
    if not SNAPSHOT_USERS.is_file():
        pytest.skip("the Label Studio 1.23.2 housing exports are not on this machine")
    tasks = json.loads(SNAPSHOT_USERS.read_text(encoding="utf-8"))
    who = {a["completed_by"]["email"] for t in tasks for a in t["annotations"]}
    assert who == {"ann@uni.ac.uk", "ben@uni.example"} and [t["id"] for t in tasks] == list(range(5, 13))


# ---------------------------------------------------------------- HyperText (HTML)
HTML = DATA / "ls-1.23.2-html.json"


@pytest.mark.skipif(not HTML.is_file(), reason="the Label Studio 1.23.2 HyperText export is not on this machine")
def test_hypertext_spans_are_read_on_the_pages_text():
    """Label Studio 1.23.2's export of a HyperText project (``<HyperText name="page" value="$html">``; the results written
    through its API in its front end's layout: XPaths from the HTML's top, offsets in the text nodes, in UTF-16 units as
    the DOM counts): each page a document of its text, a line a paragraph, entities read; a span across ``<b>``, one
    after an emoji (two UTF-16 units) and one across paragraphs on their passages.  A region whose path names no
    element (``p[9]``) and one whose offsets are one off its passage are left out and named, not placed."""
    study, said = read(HTML)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {
        "P05_W1": "I: How is the flat?\nP05: The boiler broke again & nobody came.\nP05: I do not trust them.",
        "P06_W1": "I: And you?\nP06: Café 😊 is fine, repairs are slow.",  # the "\n" between its two <p> is layout, no line
    }
    assert codings(study) == sorted(
        [
            ("P05_W1", "Repairs", "user 1", "The boiler broke "),
            ("P05_W1", "Repairs", "user 1", "again & nobody came"),
            ("P05_W1", "Trust", "user 1", "I do not trust them"),
            ("P06_W1", "Repairs", "user 1", "repairs are slow"),
            ("P06_W1", "Trust", "user 1", "And you?\nP06:"),
        ]
    )
    assert "2 HTML span(s) were not imported" in said and "h5 (/div[1]/p[3]/text()[1]:4–/div[1]/p[3]/text()[1]:23)" in said and ":h4 (/div[1]/p[9]" in said
    assert "2 HTML field(s) (a HyperText object) were read as their text" in said
    assert "hypertextlabels" not in said  # no longer "of kinds qlr does not read"


def test_hypertext_on_markup_that_is_not_well_formed_is_named_not_placed(tmp_path):
    """A bold element closed outside the paragraph opened in it: the browser mends it by moving elements about (its
    "adoption agency"), so the page's text nodes are not known for sure; the span is left out and named (the page stays
    a document of its raw field).  (Stop 59: a tag closed that was never open, ``</div>``, is passed over as a browser
    does, ``tests/test_label_studio_59.py``.)"""
    result = {"id": "h1", "from_name": "code", "to_name": "html", "type": "hypertextlabels",
              "value": {"start": "/p[1]/text()[1]", "startOffset": 0, "end": "/p[1]/text()[1]", "endOffset": 3, "text": "Hi.", "hypertextlabels": ["Trust"]}}
    tasks = [task(1, [annotation(1, 1, [result])], data={"html": "<b><p>Hi.</b></p><p>Bye.</p>", "name": "P07_W1"}, upload=None)]
    study, said = read(write(tmp_path / "broken.json", tasks))
    assert len(study.codings) == 0 and "1 HTML span(s) were not imported" in said and "1:1:h1 (/p[1]/text()[1]:0–/p[1]/text()[1]:3)" in said


# ---------------------------------------------------------------- review (stop 58): near misses of the above
def test_a_choice_on_a_region_qlr_does_not_read_is_no_variable(tmp_path):
    """A per-region ``<Choices>`` on an image's rectangle (its result has the rectangle's id) is that region's, not the
    task's: it is no variable of the document (it was "quality: blurry", a variable, as if chosen for the interview)
    and is named with the rectangle as a result qlr does not read."""
    rectangle = {"id": "r9", "from_name": "box", "to_name": "image", "type": "rectanglelabels",
                 "value": {"x": 1, "y": 1, "width": 2, "height": 2, "rectanglelabels": ["Face"]}}
    quality = {"id": "r9", "from_name": "quality", "to_name": "image", "type": "choices", "value": {"choices": ["blurry"]}}
    group = {"id": "g1", "from_name": "group", "to_name": "text", "type": "choices", "value": {"choices": ["carer"]}}
    results = [span("a1", 34, 38, "Müde", "Fatigue"), rectangle, quality, group]
    study, said = read(write(tmp_path / "image.json", [task(1, [annotation(1, 1, results)], data={"text": TEXT, "name": "P01_W1"}, upload=None)]))
    assert "quality" not in study.documents.columns and list(study.documents["group"]) == ["carer"]
    assert "2 result(s) of kinds qlr does not read as text codings (images, audio, video, …) were not imported: choices (1), rectanglelabels (1)" in said
    assert "1 result(s) on a whole task (a choice of the whole interview) were read as its document's variables: group (1)" in said


def test_coders_naming_one_user_twice_is_an_error(tmp_path, capsys):
    """``{1: "Ana", "1": "Bob"}`` (or ``--coder 1=Ana --coder 1=Bob``) named user 1 "Bob" silently, the last given."""
    path = write(tmp_path / "one.json", [task(1, [annotation(1, 1, [span("r1", 34, 38, "Müde", "Fatigue")])], data={"text": TEXT, "name": "P01_W1"}, upload=None)])
    with pytest.raises(InvalidParameterError, match="coders names Label Studio user '1' twice"):
        qlr.io.read_label_studio(path, coders={1: "Ana", "1": "Bob"})
    assert main(["import", str(path), "-o", str(tmp_path / "x.qlr"), "--coder", "1=Ana", "--coder", "1=Bob"]) == 1
    assert "--coder names user '1' twice ('Ana', 'Bob')" in capsys.readouterr().err


def hypertext(rid: str, start: str, start_offset: int, end: str, end_offset: int, quote: str, label: str = "region", obj: str = "text") -> dict:
    value = {"start": start, "startOffset": start_offset, "end": end, "endOffset": end_offset, "text": quote, "hypertextlabels": [label]}
    return {"id": rid, "from_name": "tag", "to_name": obj, "type": "hypertextlabels", "value": value}


def test_hypertext_regions_label_studios_front_end_made(tmp_path):
    """Label Studio's own browser test of HyperText regions (its front end, tests/integration/e2e/ner/emoji.cy.ts, in a
    browser): on ``<article><h2>🐱 Warning:</h2> <p>🐱 This is a test text</p></article>`` selecting "test" gives
    ``/article[1]/p[1]/text()[1]`` 13–17, and selecting from "Warning" to "test" gives ``/article[1]/h2[1]/text()[1]``
    3 to ``/article[1]/p[1]/text()[1]`` 17 with the text ``Warning:\\n🐱 This is a test``, its line break written as the
    two characters backslash and n; on ``<p>🐱\\nmeans cat</p>`` "means" is ``/p[1]/text()[1]`` 3–8.  The span across
    the heading and the paragraph was left out (its passage "not at its offsets").  (Stop 59: the space between the
    heading and the paragraph starts no line, as the browser's innerText has it.)"""
    page = "<article><h2>🐱 Warning:</h2> <p>🐱 This is a test text</p></article>"
    tasks = [
        task(1, [annotation(1, 1, [
            hypertext("a", "/article[1]/p[1]/text()[1]", 13, "/article[1]/p[1]/text()[1]", 17, "test"),
            hypertext("b", "/article[1]/h2[1]/text()[1]", 3, "/article[1]/p[1]/text()[1]", 17, "Warning:\\n🐱 This is a test"),
        ])], data={"text": page, "name": "P01_W1"}, upload=None),
        task(2, [annotation(2, 1, [hypertext("c", "/p[1]/text()[1]", 3, "/p[1]/text()[1]", 8, "means")])], data={"text": "<p>🐱\nmeans cat</p>", "name": "P02_W1"}, upload=None),
    ]
    study, said = read(write(tmp_path / "e2e.json", tasks))
    assert codings(study) == [("P01_W1", "region", "user 1", "Warning:\n🐱 This is a test"), ("P01_W1", "region", "user 1", "test"), ("P02_W1", "region", "user 1", "means")]
    assert "not imported" not in said


def test_hypertext_pages_as_a_browser_reads_them(tmp_path):
    """Near misses of well-formed HTML: ``<p>`` and ``<li>`` without their end tags (a browser supplies them: the second
    paragraph is ``/p[2]``), a stylesheet (no text of the page), and a page of the same field in a task no one coded,
    where the object is named apart from its field (``<HyperText name="page" value="$html">``).  Before, the first was
    kept as its raw markup and its span left out, the stylesheet's rules were the page's first words, and the uncoded
    page was its raw markup."""
    tasks = [
        task(1, [annotation(1, 1, [hypertext("a", "/p[2]/text()[1]", 0, "/p[2]/text()[1]", 6, "second", obj="page"),
                                   hypertext("b", "/ul[1]/li[2]/text()[1]", 0, "/ul[1]/li[2]/text()[1]", 3, "two", obj="page")])],
             data={"html": "<style>p {color: red}</style><p>Hello there<p>second one<ul><li>one<li>two</ul>", "name": "P01_W1"}, upload=None),
        task(2, [], data={"html": "<p>Second <b>page</b></p>", "name": "P02_W1"}, upload=None),
    ]
    study, said = read(write(tmp_path / "pages.json", tasks))
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {"P01_W1": "Hello there\nsecond one\none\ntwo", "P02_W1": "Second page"}
    assert codings(study) == [("P01_W1", "region", "user 1", "second"), ("P01_W1", "region", "user 1", "two")]
    assert "2 HTML field(s) (a HyperText object) were read as their text" in said and "not imported" not in said


def test_hypertext_markup_kept_raw_is_said(tmp_path):
    """A page qlr cannot read as a browser does (stop 59: nested deeper than a browser nests) stays its raw markup:
    that is said, not only its spans."""
    page = "<div>" * 600 + "<p>Hi.</p>"
    tasks = [task(1, [annotation(1, 1, [hypertext("a", "/p[1]/text()[1]", 0, "/p[1]/text()[1]", 3, "Hi.", obj="html")])],
                  data={"html": page, "name": "P07_W1"}, upload=None)]
    study, said = read(write(tmp_path / "raw.json", tasks))
    assert list(study.documents["text"]) == [page]
    assert "1 HTML field(s) nest elements more than 512 deep" in said and "not read as text: task 1 (html)" in said


def test_coders_giving_two_users_one_name_is_said(tmp_path):
    """``{1: "Ana", 2: "Ana"}`` (a slip for ``2: "Ben"``, or one person's two accounts) made the two annotators one
    coder silently: their codings merge and agreement between them is gone.  It is kept (it may be meant) and said."""
    results = [span("r1", 34, 38, "Müde", "Fatigue")]
    path = write(tmp_path / "two.json", [task(1, [annotation(1, 1, results), annotation(2, 2, results)], data={"text": TEXT, "name": "P01_W1"}, upload=None)])
    study, said = read(path, coders={1: "Ana", 2: "Ana"})
    assert list(study.codings["coder"]) == ["Ana", "Ana"]
    assert "coders= gives 1 name(s) to more than one Label Studio user, whose codings are now one coder's" in said and "Ana (user 1, user 2)" in said
    _, said = read(path, coders={1: "Ana", 2: "Ben"})
    assert "more than one Label Studio user" not in said


def test_a_whole_task_choice_of_a_task_with_no_text_is_said_lost(tmp_path):
    """A task whose text Label Studio fetched (a URL) is no document, so its whole-task choice is no one's variable: it
    was counted among the choices "read as its document's variables"; it is said as not imported, with its id."""
    group = {"id": "g1", "from_name": "group", "to_name": "text", "type": "choices", "value": {"choices": ["carer"]}}
    tasks = [
        task(1, [annotation(1, 1, [span("r1", 34, 38, "Müde", "Fatigue")])], data={"text": TEXT, "name": "P01_W1"}, upload=None),
        task(2, [annotation(2, 1, [group])], data={"text": "https://bucket.example/P02_W1.txt", "name": "P02_W1"}, upload=None),
    ]
    study, said = read(write(tmp_path / "url.json", tasks))
    assert list(study.documents["doc_id"]) == ["P01_W1"] and "group" not in study.documents.columns
    assert "1 result(s) on a whole task whose text is not in the export (a URL, no document) were not imported: task:annotation:result 2:2:g1 (group)" in said
    assert "read as its document's variables" not in said


def test_hypertext_table_rows_are_in_the_tbody_a_browser_adds(tmp_path):
    """``<table><tr>…`` without ``<tbody>``: a browser puts the rows in one, so Label Studio's XPath of a cell's text is
    ``/table[1]/tbody[1]/tr[2]/td[1]/text()[1]``; that span was left out as naming no text node."""
    cell = hypertext("a", "/table[1]/tbody[1]/tr[2]/td[1]/text()[1]", 0, "/table[1]/tbody[1]/tr[2]/td[1]/text()[1]", 5, "Leeds", obj="html")
    tasks = [task(1, [annotation(1, 1, [cell])], data={"html": "<table>\n<tr><td>Site</td></tr>\n<tr><td>Leeds</td></tr>\n</table>", "name": "P01_W1"}, upload=None)]
    study, said = read(write(tmp_path / "table.json", tasks))
    assert codings(study) == [("P01_W1", "region", "user 1", "Leeds")] and "not imported" not in said


def test_hypertext_a_pretty_printed_page_reads_as_its_lines(tmp_path):
    """A page as people write HTML, a tag a line and indented: its layout (the line breaks and indents between tags) was
    the document's text, so it began with a blank line and each paragraph sat indented under an empty one.  It is now
    one line a heading, paragraph or list item, as a browser shows it; a span on the second list item is placed by its
    XPath (the layout's text nodes still count in the paths)."""
    page = '<div class="post">\n  <h3>Re: repairs</h3>\n  <p>The boiler <em>still</em> fails.</p>\n  <ul>\n    <li>Called twice</li>\n    <li>Wrote a letter</li>\n  </ul>\n</div>'
    item = hypertext("a", "/div[1]/ul[1]/li[2]/text()[1]", 0, "/div[1]/ul[1]/li[2]/text()[1]", 5, "Wrote", obj="html")
    study, said = read(write(tmp_path / "pretty.json", [task(1, [annotation(1, 1, [item])], data={"html": page, "name": "P01_W1"}, upload=None)]))
    assert list(study.documents["text"]) == ["Re: repairs\nThe boiler still fails.\nCalled twice\nWrote a letter"]
    assert codings(study) == [("P01_W1", "region", "user 1", "Wrote")] and "not imported" not in said


REVIEW_IMAGE = DATA / "rv-ls-1.23.2-image-text.json"
REVIEW_HTML = DATA / "rv-ls-1.23.2-html2.json"


@pytest.mark.skipif(not REVIEW_IMAGE.is_file() or not REVIEW_HTML.is_file(), reason="the review's Label Studio 1.23.2 exports are not on this machine")
def test_the_reviews_real_exports():
    """Two more 1.23.2 exports (results written through its API; /tmp/s59/ls2-tools/make_review.py).  A text and image
    project: task 17 has a span, a rectangle ``b1`` with its per-region ``quality: blurry`` (Label Studio keeps the
    rectangle's id on it) and ``group: tenant`` on the whole task; task 18's text is a URL, its ``group: staff`` no
    document's.  A HyperText project (``name="page" value="$html"``): P07 paragraphs without ``</p>``, P08 a table
    without ``<tbody>`` (its span on ``/table[1]/tbody[1]/tr[2]/td[2]``), P09 pretty-printed (its span's end offset
    one past its passage, so named), P10 uncoded."""
    study, said = read(REVIEW_IMAGE)
    assert list(study.documents["doc_id"]) == ["P01_W1"] and list(study.documents["group"]) == ["tenant"] and "quality" not in study.documents.columns
    assert "choices (1), rectanglelabels (1); task:annotation:result 17:17:b1, 17:17:b1" in said and "18:18:g2 (group)" in said
    study, said = read(REVIEW_HTML)
    texts = dict(zip(study.documents["doc_id"], study.documents["text"], strict=True))
    assert texts == {
        "P07_W1": "I: How is it?\nP07: The boiler broke again.\nP07: I gave up.",
        "P08_W1": "Site\tLeeds\nSaid\tNobody came",  # a row's cells apart, as a browser's innerText (stop 59)
        "P09_W1": "Forum\nP09: repairs never happen.",
        "P10_W1": "P10: uncoded page.",
    }
    assert codings(study) == [
        ("P07_W1", "Repairs", "user 1", "The boiler broke"),
        ("P07_W1", "Trust", "user 1", "The boiler broke again.\nP07: I gave"),
        ("P08_W1", "Repairs", "user 1", "Nobody came"),
    ]
    assert "1 HTML span(s) were not imported" in said and "21:21:f1" in said


def test_hypertext_a_whole_page_is_read_from_its_body(tmp_path):
    """A whole saved page, ``<html><head><title>…</title></head><body>…``: Label Studio shows its body, so its XPaths
    start there (``/p[1]/text()[1]``); qlr's started at ``/html[1]/body[1]``, so the span was left out, and the title
    was the document's first word."""
    page = "<!DOCTYPE html>\n<html><head><title>Forum</title></head><body><p>Hello there</p></body></html>"
    there = hypertext("a", "/p[1]/text()[1]", 6, "/p[1]/text()[1]", 11, "there", obj="html")
    study, said = read(write(tmp_path / "page.json", [task(1, [annotation(1, 1, [there])], data={"html": page, "name": "P01_W1"}, upload=None)]))
    assert list(study.documents["text"]) == ["Hello there"]
    assert codings(study) == [("P01_W1", "region", "user 1", "there")] and "not imported" not in said
