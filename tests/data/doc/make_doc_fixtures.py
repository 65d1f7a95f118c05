"""Write the Word test files of ``tests/test_readers.py`` with LibreOffice.

Each ``.doc`` here was written by LibreOffice Writer 7.4's "MS Word 97" filter, each
``.docx`` by its "Word 2007-365" filter and each ``.odt`` by its own, from the flat OpenDocument text below, so the
tests read files a real word processor wrote, not bytes qlr made up.  Run
``python tests/data/doc/make_doc_fixtures.py`` (needs ``soffice`` on PATH) to write them
again.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document'
    ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">\n'
)


def _document(body: str, header: str = "") -> str:
    master = (
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
        f"<style:header><text:p>{header}</text:p></style:header></style:master-page></office:master-styles>"
        if header
        else ""
    )
    return f"{_HEAD}{master}<office:body><office:text>{body}</office:text></office:body></office:document>"


def _p(text: str) -> str:
    return f"<text:p>{text}</text:p>"


def _change(number: str, kind: str, deleted: str = "") -> str:
    info = "<office:change-info><dc:creator>Checker</dc:creator><dc:date>2024-01-01T00:00:00</dc:date></office:change-info>"
    return f'<text:changed-region text:id="{number}"><text:{kind}>{info}{_p(deleted) if deleted else ""}</text:{kind}></text:changed-region>'


SOURCES = {
    # A transcript with a footnote, a comment, a hyperlink (a field), a page header and words beyond
    # Latin-1, one beyond the Basic Multilingual Plane (two UTF-16 units, before the notes' text).
    "notes": _document(
        _p("Interviewer: How long have you lived in Łódź and Zürich? 🙂")
        + _p('Tom: Ten years<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
             "<text:note-body><text:p>Checked against the council record.</text:p></text:note-body></text:note>, near the café.")
        + _p("Interviewer: Who decides what happens at the group?"
             "<office:annotation><dc:creator>Checker</dc:creator><text:p>Leading question?</text:p></office:annotation>")
        + _p('Tom: We do, all of us together. See <text:a xlink:type="simple" xlink:href="https://example.org/rota">the rota page</text:a> — it’s ours.'),
        header="Confidential transcript",
    ),
    # Checked with Track Changes on: "eleven years" deleted, "in the same flat" inserted.
    "tracked": _document(
        "<text:tracked-changes>" + _change("ct1", "deletion", "eleven years") + _change("ct2", "insertion") + "</text:tracked-changes>"
        + _p("Interviewer: How long have you lived here?")
        + _p('Tom: Ten years <text:change text:change-id="ct1"/>now, <text:change-start text:change-id="ct2"/>in the same flat<text:change-end text:change-id="ct2"/>.')
        + _p("Interviewer: And who decides?")
        + _p("Tom: We do.")
    ),
    # A transcript laid out as a table, under a title; the last answer is two paragraphs in its cell.
    "table": _document(
        _p("Interview 3")
        + '<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>'
        + "".join(
            "<table:table-row>" + "".join(f"<table:table-cell>{''.join(_p(part) for part in cell.split(chr(10)))}</table:table-cell>" for cell in row) + "</table:table-row>"
            for row in [("Speaker", "Words"), ("Interviewer", "How long have you lived here?"), ("Tom", "Ten years."), ("Interviewer", "And who decides?"), ("Tom", "We do, with Sam.\nEvery week.")]
        )
        + "</table:table>"
    ),
    # A text box anchored to a paragraph, after a body holding two letters beyond the Basic
    # Multilingual Plane (each two UTF-16 units in Word's character positions).
    "textbox": _document(
        _p("Interviewer: How long have you lived here? 🙂🙂")
        + _p('Tom: Ten years.<draw:frame draw:name="f1" text:anchor-type="paragraph" svg:width="5cm" svg:height="2cm">'
             "<draw:text-box><text:p>Note: Tom showed the rota.</text:p></draw:text-box></draw:frame>")
        + _p("Interviewer: And who decides?")
    ),
}


def main() -> None:
    here = Path(__file__).parent
    with tempfile.TemporaryDirectory() as work:
        for name, xml in SOURCES.items():
            (Path(work) / f"{name}.fodt").write_text(xml, encoding="utf-8")
        office = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile"]
        subprocess.run([*office, "--convert-to", "doc:MS Word 97", "--outdir", str(here), *sorted(str(path) for path in Path(work).glob("*.fodt"))], check=True)
        # The same notes and text box as Word 2007+ (.docx), and the notes and tracked changes as
        # OpenDocument (.odt), as LibreOffice writes them.
        subprocess.run([*office, "--convert-to", "docx", "--outdir", str(here), f"{work}/notes.fodt", f"{work}/textbox.fodt"], check=True)
        subprocess.run([*office, "--convert-to", "odt", "--outdir", str(here), f"{work}/notes.fodt", f"{work}/tracked.fodt", f"{work}/textbox.fodt"], check=True)


if __name__ == "__main__":
    sys.exit(main())
