"""Real files, fourteenth pass: lookalikes of layouts found in published transcripts (stop 42)."""

from __future__ import annotations

import textwrap
import warnings

import yaml

import qlr

from .conftest import write


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return qlr.load(path, progress=False)


def _pieces(study):
    """Each segment's words, in order."""
    whole = dict(zip(study.documents["doc_id"], study.documents["text"]))
    return [whole[row.doc_id][row.start : row.end] for row in study.segments.itertuples()]


# A participant's spoken answers to a run of samples, one answer a line and no blank line between them (a
# study's transcripts saved from a word processor): each line runs on far past any wrapping width.
_ANSWERS = [
    "The first cup tastes of smoke to me, a bit like the fire at my grandmother's cottage in winter, and it stays on "
    "the tongue for a long while afterwards. Pleasant, though I would not drink a pot of it on my own.",
    "This one is greener, almost grassy. It reminds me of cutting the lawn in June, the smell that hangs over the "
    "garden afterwards. I would call it fresh, maybe a little thin, and I keep wanting a second sip to be sure.",
    "[no answer]",
    "Sweeter, like honey stirred into warm milk when I was small and could not sleep. It feels calm, slow, the sort of "
    "cup you have with a book on a wet afternoon when nobody needs you to be anywhere else at all.",
    "Bitter at the end. Sharp, like lemon peel left out overnight, and it made my mouth dry. I think it is the "
    "strongest of them so far, and I am not sure I liked it, though I can see why somebody would.",
]


def test_a_plain_texts_long_lines_are_its_paragraphs_without_blank_lines(tmp_path):
    # Each line an answer, no blank line between them: read by blank lines the whole file was one segment of all the
    # answers. Lines this long are the writer's paragraphs, as a word processor's lines are.
    study = _load(write(tmp_path / "T07.txt", "\n".join(_ANSWERS) + "\n"))
    assert _pieces(study) == _ANSWERS
    # The same answers wrapped to 70 columns, each still its own block with no blank line: the short lines are a
    # layout, not paragraphs, so the text stays one segment as before.
    wrapped = "\n".join(textwrap.fill(answer, 70) for answer in _ANSWERS) + "\n"
    assert len(_pieces(_load(write(tmp_path / "T08.txt", wrapped)))) == 1


def test_a_data_repositorys_attribution_file_is_not_a_transcript(tmp_path):
    # A repository keeps a note of where its transcripts came from beside them ("ATTRIBUTION.md": source, licence,
    # what was changed). The template made it a case of its own, interviewed at the first wave.
    root = tmp_path / "managers"
    write(root / "ATTRIBUTION.md", "# Data attribution\n\nThese interviews come from an openly licensed deposit (CC BY 4.0).\n")
    write(root / "CITATION.txt", "Cite the deposit as: Author (2021), Interviews with new managers.\n")
    for number in (1, 2):
        write(root / f"MGR{number}.txt", f"Interviewer:\nHow was your first year?\n\nM{number}:\nBusy, and lonely at times.\n")
    cases = {doc["case"] for doc in yaml.safe_load(qlr.io.template_for(root))["documents"]}
    assert cases == {"MGR1", "MGR2"}
    # A name that only holds the word is a document as before.
    write(root / "press_citation.txt", "Reporter: What did the award mean?\nM1: A great deal.\n")
    assert "press_citation.txt" in {doc["path"] for doc in yaml.safe_load(qlr.io.template_for(root))["documents"]}


# A committee's minutes, one file a meeting: the body's name, the session, then the day alone on its line, with no
# "Date:" label and nothing else on that line; the minutes themselves have no speaker labels.
_MINUTES = (
    "Riverside Allotments Board\n"
    "\n"
    "7th Ordinary Meeting\n"
    "{day}\n"
    "\n"
    "Notes of the meeting\n"
    "\n"
    "1. Opening. The chair opened the meeting at 6 pm in the pavilion, with five members present.\n"
    "\n"
    "2. Water. The trough by plot 12 leaks again; two members will look at it on Saturday.\n"
)


def test_a_date_alone_on_a_line_under_the_title_dates_minutes(tmp_path):
    # The day a meeting was held, set on a line of its own under the title: undated before, as a document without
    # turns was dated only by its first line or a labelled line.
    study = _load(write(tmp_path / "Board 07.txt", _MINUTES.format(day="14 de março de 2012")))
    assert str(study.documents["date"].iloc[0])[:10] == "2012-03-14"
    # A date inside a sentence of the header is no such line, and two lone dates that differ leave the minutes undated.
    for header in ("Held on 14 March 2012 at the pavilion", "14 March 2012\n21 March 2012"):
        other = _load(write(tmp_path / "other" / "Board 08.txt", _MINUTES.format(day=header)))
        assert other.documents["date"].isna().all(), header
