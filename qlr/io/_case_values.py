"""Another tool's values per case as the study's attributes: the one decision for every such table.

A QDA tool or an analyst's chart often gives each case (or each case's interview) values beside the coding:
Dedoose's descriptor fields, a Framework chart's "Age" and "Gender" columns, QDA Miner's variables. Whatever
the tool, a table of case × variables (a row per case, or per case and wave) becomes columns of ``study.cases``
or ``study.case_waves`` here, by :func:`place_case_values`, and :func:`same_value` says when two written values
are one (``"M"`` and ``"male"``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from .._tables import coerce
from .._warned import warn
from .._words import first_few
from ..errors import InferenceWarning, RowsRefusedWarning

__all__: list[str] = []

#: The fields of the cases and case_waves tables that another tool's value never sets.
OWN_FIELDS = frozenset({"case_id", "wave_id", "label", "role", "scheduled", "waves", "attributes", "per_wave"})

#: Codings that write one value two ways: a letter for its word ("M" / "male"), a word for its synonym.
_CODINGS = {"m": "male", "man": "male", "f": "female", "woman": "female", "y": "yes", "true": "yes", "n": "no", "false": "no"}

#: How many cases or values a load note lists before saying how many more.
_LISTED = 8

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
#: A number written with a zero before another digit ("007", "02134", "-01"): an identifier or a code, kept as text.
_LEADING_ZERO = re.compile(r"^-?0\d")


class Placed(NamedTuple):
    """What :func:`place_case_values` made of a table's variables, each by its column name."""

    #: Variables with one value per case: columns of ``study.cases``.
    on_case: list[str]
    #: Variables whose value changes between a case's waves: columns of ``study.case_waves``.
    on_wave: list[str]
    #: Variables giving a case two values that no wave tells apart (two rows at one wave, or rows of no wave): not
    #: placed, the caller keeps them another way (a chart's cells stay memos).
    unplaced: list[str]


def value_key(value: Any) -> str | None:
    """The form in which two written values are compared: None for no value; a number as its value (``67``, ``"67"``
    and ``67.0`` are one); words with case and spaces ignored, and the one-letter and synonym codings of a sex or a
    yes/no read as their word (M, man → male; F, woman → female; Y, true → yes; N, false → no).

    Examples
    --------
    >>> [value_key(v) for v in ("M", " Male ", "female", "F", "Yes", "y", 67, "67.0", "", None, "Over  65")]
    ['male', 'male', 'female', 'female', 'yes', 'yes', '67', '67', None, None, 'over 65']
    """
    if value is None or isinstance(value, float) and pd.isna(value) or value is pd.NA:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split()).casefold()
    if not text or text == "nan":
        return None
    if _NUMBER.match(text):
        number = float(text)
        return str(int(number)) if number.is_integer() else repr(number)
    return _CODINGS.get(text, text)


def same_value(first: Any, second: Any) -> bool:
    """Whether two written values are one value (:func:`value_key`): ``"male"`` and ``"M"``, ``"Yes"`` and ``"y"``,
    ``" Site A"`` and ``"site a"``, ``67`` and ``"67"``; no value is the same as no other.

    Examples
    --------
    >>> same_value("male", "M"), same_value("F", "female"), same_value("Yes", "Y"), same_value("M", "F"), same_value(None, None)
    (True, True, True, False, False)
    """
    key = value_key(first)
    return key is not None and key == value_key(second)


def _as_written(value: Any) -> Any:
    """A table's value as the study keeps it: a number where it is written as one, else its words trimmed.

    A value opening with "+" is kept as written, text: a telephone number ("+447700900123") is no number, and a
    spreadsheet would read "+…", as "=…" and "@…", as a formula (qlr's tables write each such text guarded). So is a
    number written with a leading zero (a participant id "007", a postcode "02134", a code "0012"): read as a number it
    would lose its zeros.

    >>> [_as_written(v) for v in (" 64 ", "58.5", "+447700900123", "=SUM(A1:A3)", "@home", "-3", "007", "02134", "0", "0.5", "-0.25")]
    [64, 58.5, '+447700900123', '=SUM(A1:A3)', '@home', -3, '007', '02134', 0, 0.5, -0.25]
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else float(value)
    text = str(value).strip()
    if _NUMBER.match(text) and not text.startswith("+") and not _LEADING_ZERO.match(text):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def _attribute_column(column: pd.Series, original: Any) -> pd.Series:
    """An attribute's column of objects as numbers where every value it holds is one, as words in the study's own
    dtype where it held words and holds only words, else as it is: no value is changed, only its dtype.

    Examples
    --------
    >>> _attribute_column(pd.Series([67, None, 58.5], dtype=object), None).tolist()
    [67.0, nan, 58.5]
    >>> _attribute_column(pd.Series(["over 65", 58], dtype=object), None).tolist()
    ['over 65', 58]
    """
    held = [value for value in column if value is not None and not pd.isna(value)]
    if held and all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in held):
        return pd.to_numeric(column)
    if original is not None and pd.api.types.is_string_dtype(original) and all(isinstance(value, str) for value in held):
        return column.astype(original)
    return column


def _study_column(table: pd.DataFrame, name: str) -> str:
    """The study's own column a variable names, spelt as the study spells it ("Age group" is study.yaml's
    ``age_group``), else the variable's name; never a field the table keeps itself (a tool's "Role" is no case's
    ``role``).

    Examples
    --------
    >>> table = pd.DataFrame(columns=["case_id", "label", "role", "age_group"])
    >>> _study_column(table, "Age Group"), _study_column(table, "Role"), _study_column(table, "Site")
    ('age_group', 'Role', 'Site')
    """
    said = _spelt(name)
    return next((str(column) for column in table.columns if column not in OWN_FIELDS and _spelt(str(column)) == said), name)


def _spelt(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def _fill(table: pd.DataFrame, name: str, given: Mapping[Any, tuple[str, Any, str]]) -> list[str]:
    """Fill the column of ``table`` a variable names (:func:`_study_column`) with the values ``given`` its rows (row
    index → (whose, value, file)) where the study has none, in place; return the values differing from the study's.

    A column one of whose values is written with a leading zero ("02134") holds codes, not numbers: each of its values
    is kept as its text ("10001" beside "02134"), so that the column is of one kind."""
    column = _study_column(table, name)
    codes = any(isinstance(value, str) and _NUMBER.match(value.strip()) and _LEADING_ZERO.match(value.strip()) for _, value, _ in given.values())
    written = (lambda value: value.strip() if isinstance(value, str) else _as_written(value)) if codes else _as_written
    original = table[column].dtype if column in table.columns else None
    # Held as objects while filled: a study's number column may take a table's words ("over 65") beside its numbers.
    filled = table[column].astype(object) if original is not None else pd.Series([None] * len(table), index=table.index, dtype=object)
    differ = []
    for row, (whose, value, file) in given.items():
        own = filled.at[row]
        if value_key(own) is None:
            filled.at[row] = written(value)
        elif not same_value(own, value):
            differ.append(f"{whose} {column} {own!r} ({file}: {_as_written(value)!r})")
    table[column] = _attribute_column(filled, original)
    return differ


def place_case_values(
    study: Any,
    values: pd.DataFrame,
    *,
    source: str,
    what: str = "column",
    written: Mapping[str, str] | None = None,
    of_case: bool = False,
) -> Placed:
    """Make another tool's values per case the study's attributes: ``study.cases`` or ``study.case_waves`` columns.

    Parameters
    ----------
    study
        The study being loaded; its ``cases`` and ``case_waves`` are replaced by new tables, its load notes
        (``study.meta["inferred"]``) say what was done.
    values
        A row per case, or per case and wave: a ``case_id`` column holding the study's case ids, an optional
        ``wave_id`` column holding its wave ids (empty where a row names no wave), an optional ``source`` column
        naming the file each row comes from (else ``source``), and one column per variable, named as the
        attribute is to be ("Site", "age"). An empty cell gives no value.
    source
        The file the table comes from, for the notes.
    what
        What the tool calls a variable, for the notes ("descriptor field", "column").
    written
        A variable's heading as the file writes it, where it differs from the column's name ("Age" for ``age``).
    of_case
        The tool keeps each variable as the case's own, whatever the document (QDA Miner's variables): a variable
        is never a case × wave's, and a case whose rows give it two values is a conflict, warned of.

    Returns
    -------
    Placed
        The variables placed on the cases, on the case × waves, and not placed.

    Notes
    -----
    A variable with one value per case over every row that gives one (:func:`same_value`: "F" at one wave and
    "female" at another are one value) is each case's attribute, a column of ``study.cases`` as study.yaml's
    ``attributes:`` are. One whose value changes between a case's waves is each case × wave's, a column of
    ``study.case_waves`` as ``per_wave:`` gives it; a case × wave the design does not list gets a row that says
    nothing of its schedule. One giving a case two values at one wave, or on rows of no wave, is not placed. A
    variable matching a column the study has already ("Age group" and ``age_group``) fills that column. The study's
    own values are never changed: a value it gives is kept, and where the table's differs by more than its coding
    ("M" and "male" do not) the note names the case, both values and the file. Values are numbers where all of a
    column's are; the tables' own fields (``case_id``, ``role`` …) and rows of a case the study does not hold are
    not used, and said.

    With ``of_case``, a case whose rows give a variable two values (not one written two ways) keeps none of it,
    the study's own value aside: a ``RowsRefusedWarning`` names each such case, the variable and its values; the
    other cases keep theirs.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.Study(cases=pd.DataFrame({"case_id": ["P01", "P02"], "gender": ["male", None]}))
    >>> table = pd.DataFrame({"case_id": ["P01", "P02"], "gender": ["M", "F"], "age": ["67", "58"]})
    >>> place_case_values(study, table, source="chart.xlsx")
    Placed(on_case=['gender', 'age'], on_wave=[], unplaced=[])
    >>> study.cases[["case_id", "gender", "age"]].values.tolist()
    [['P01', 'male', 67], ['P02', 'F', 58]]
    """
    notes = study.meta.setdefault("inferred", [])
    values = values.reset_index(drop=True)
    if "wave_id" not in values.columns:
        values = values.assign(wave_id=None)
    files = values["source"].astype(object).where(values["source"].notna(), source) if "source" in values.columns else pd.Series(source, index=values.index)
    cases = study.cases.copy()
    held_cases = set(cases["case_id"].astype(str))
    case_of = values["case_id"].astype(str)
    unheld = sorted(set(case_of[~case_of.isin(held_cases)]))
    rows = values[case_of.isin(held_cases)]
    waves = rows["wave_id"].map(lambda wave: None if wave is None or pd.isna(wave) or not str(wave).strip() else str(wave))
    variables = [str(c) for c in values.columns if c not in ("case_id", "wave_id", "source")]
    skipped = [name for name in variables if name in OWN_FIELDS]
    on_case: list[str] = []
    on_wave: list[str] = []
    unplaced: list[str] = []
    labels: dict[str, str] = {}
    kept: list[str] = []
    several: list[str] = []
    conflicts: list[str] = []
    case_waves = study.case_waves.copy()
    listed = set(zip(case_waves["case_id"].astype(str), case_waves["wave_id"].astype(str)))
    for name in variables:
        if name in skipped:
            continue
        given = [(case, wave, value, file) for case, wave, value, file in zip(case_of[rows.index], waves, rows[name], files[rows.index]) if value_key(value) is not None]
        if not given:
            continue
        by_case: dict[str, list[tuple[str | None, Any, str]]] = {}
        for case, wave, value, file in given:
            by_case.setdefault(case, []).append((wave, value, file))
        changing = {case: found for case, found in by_case.items() if len({value_key(v) for _, v, _ in found}) > 1}
        label = labels[name] = f"{written[name]!r} ({name})" if written and written.get(name, name) != name else repr(name)
        if of_case and changing:
            # The case's own value, given twice over: neither is taken for the other.
            conflicts.extend(f"{case} {label}: {' / '.join(dict.fromkeys(repr(_as_written(value)) for _, value, _ in found))}" for case, found in changing.items())
            by_case = {case: found for case, found in by_case.items() if case not in changing}
            changing = {}
            if not by_case:
                continue
        if not changing:
            at = dict(zip(cases["case_id"].astype(str), cases.index))
            given_at = {at[case]: (case, found[0][1], found[0][2]) for case, found in by_case.items()}
            kept.extend(_fill(cases, name, given_at))
            on_case.append(name)
            continue
        per_wave: dict[tuple[str, str], list[tuple[Any, str]]] = {}
        for case, found in by_case.items():
            for wave, value, file in found:
                per_wave.setdefault((case, wave or ""), []).append((value, file))
        clash = {key: found for key, found in per_wave.items() if not key[1] or len({value_key(v) for v, _ in found}) > 1}
        if clash:
            unplaced.append(name)
            said = [f"{case} {' / '.join(dict.fromkeys(repr(_as_written(value)) for _, value, _ in found))}" for case, found in changing.items()]
            several.append(f"{label} ({first_few(said, shown=_LISTED, sep='; ')})")
            continue
        added = [{"case_id": case, "wave_id": wave, "scheduled": None} for case, wave in per_wave if (case, wave) not in listed]
        if added:
            case_waves = pd.concat([case_waves, pd.DataFrame(added, columns=["case_id", "wave_id", "scheduled"])], ignore_index=True)
            listed |= {(row["case_id"], row["wave_id"]) for row in added}
        at_wave = dict(zip(zip(case_waves["case_id"].astype(str), case_waves["wave_id"].astype(str)), case_waves.index))
        kept.extend(_fill(case_waves, name, {at_wave[key]: (f"{key[0]} at {key[1]}", *found[0]) for key, found in per_wave.items()}))
        on_wave.append(name)
    study.cases = cases
    if on_wave:
        study.case_waves = coerce("case_waves", case_waves)
    where = ", ".join(dict.fromkeys(files)) or source
    if on_case:
        notes.append(f"{where}: {len(on_case)} {what}(s) hold one value per case and are the cases' attributes (study.cases): {first_few([labels[n] for n in on_case], shown=_LISTED)}")
    if on_wave:
        notes.append(f"{where}: {len(on_wave)} {what}(s) change between a case's waves and are each case × wave's (study.case_waves): {first_few([labels[n] for n in on_wave], shown=_LISTED)}")
    if several:
        notes.append(f"{where}: {len(several)} {what}(s) give a case more than one value that no wave tells apart (two at one wave, or rows naming no wave), and are no attribute: " + first_few(several, shown=_LISTED, sep="; "))
    if kept:
        notes.append(f"{where}: {len(kept)} value(s) differ from the study's own, which are kept: {first_few(kept, shown=_LISTED)}")
    if skipped:
        notes.append(
            f"{where}: {len(skipped)} {what}(s) name a field the study sets itself (the case's id, label, role, waves) and are not used: "
            f"{first_few([repr(s) for s in skipped], shown=_LISTED)}; a heading such as 'Role in study' keeps one as an attribute, "
            "or give the value in study.yaml's cases:"
        )
    if unheld:
        notes.append(f"{where}: the values of {len(unheld)} case(s) the study does not hold are not used: {first_few(unheld, shown=_LISTED)}")
    if conflicts:
        warn(
            f"{where}: {len(conflicts)} {what}(s) of a case differ between its rows (a {what} is the case's own, whatever its document), "
            f"and the case keeps no value of them: {first_few(conflicts, shown=_LISTED, sep='; ')}. Correct them in the tool and export "
            "again, or give the case's value in study.yaml (cases: - {id: …, attributes: {…}})",
            RowsRefusedWarning,
        )
    return Placed(on_case, on_wave, unplaced)


#: The fields of the documents table that another tool's variable never sets: the study says them itself (study.yaml's
#: ``documents:``), and a column of words would not be a day or a kind.
DOCUMENT_FIELDS = frozenset({"doc_id", "case_id", "wave_id", "kind", "date", "stage", "title", "source", "format", "encoding", "sha256", "n_words", "text"})


def place_document_values(study: Any, values: pd.DataFrame, *, source: str, what: str = "variable") -> pd.DataFrame:
    """Make another tool's values per document the study's: each document's own, or its case's where they agree.

    A QDA Miner project made from a list of documents keeps each file as a case of its own ("C01_Wave1"), so its
    variables are each document's: an interview's date, its interviewer, its wave. A variable is the cases' only where,
    in every case, every document of the case gives it one value (:func:`same_value`; a case of one document agrees
    with itself): it is returned to be placed as the case's own values are (:func:`place_case_values`). Where a case's
    documents the table lists give it two values, or some give none (an interviewer named on one interview of two; a
    document the table has no row of, as a retrieval lists only the documents with hits, is not asked), the variable is
    each document's, a column of ``study.documents`` for every case alike (grouping by it works as by a document's
    ``stage``), and an ``InferenceWarning`` names each such case, the variable and each document's value.

    Parameters
    ----------
    study
        The study being loaded; its ``documents`` is replaced by a new table, its load notes (``study.meta["inferred"]``)
        say what was done.
    values
        A row per document (or several, as a retrieval repeats a document's values beside each hit): ``doc_id`` (the
        study's), ``case_id`` (the document's case) and one column per variable. An empty cell gives no value.
    source
        The file the table comes from, for the notes and the warning.
    what
        What the tool calls a variable, for the notes.

    Returns
    -------
    pandas.DataFrame
        The values that are the cases' (``case_id`` and a column per such variable, a row per case), for
        :func:`place_case_values`.

    Notes
    -----
    Left out, and said: a document whose rows give a variable two values keeps none of it (a ``RowsRefusedWarning``
    names the document, the variable and its values); a variable named as a field the documents table keeps itself
    (``date``, ``kind``, ``title`` …: give those in study.yaml's ``documents:``) is not used; a value the study gives a
    document already is kept, and a differing one said.

    Examples
    --------
    >>> import qlr
    >>> study = qlr.Study(documents=pd.DataFrame({"doc_id": ["C01_Wave1", "C01_Wave2"], "case_id": ["C01", "C01"], "wave_id": ["W1", "W2"]}))
    >>> table = pd.DataFrame({"doc_id": ["C01_Wave1", "C01_Wave2"], "case_id": ["C01", "C01"],
    ...                       "Interviewer": ["Rosa", "Tom"], "Site": ["North", "north"]})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as said:
    ...     warnings.simplefilter("always")
    ...     place_document_values(study, table, source="variables.csv").to_dict("records")
    [{'case_id': 'C01', 'Site': 'North'}]
    >>> print(said[0].message)  # doctest: +ELLIPSIS
    variables.csv: 1 variable(s) differ ... not the case's: C01 'Interviewer': 'Rosa' (C01_Wave1) / 'Tom' (C01_Wave2). Fix: ...
    >>> study.documents["Interviewer"].tolist()
    ['Rosa', 'Tom']
    """
    notes = study.meta.setdefault("inferred", [])
    values = values.reset_index(drop=True)
    variables = [str(c) for c in values.columns if c not in ("doc_id", "case_id")]
    skipped = [name for name in variables if _spelt(name).replace(" ", "_") in DOCUMENT_FIELDS]
    documents = study.documents.copy()
    at = dict(zip(documents["doc_id"].astype(str), documents.index))
    conflicts: list[str] = []
    own: list[str] = []
    kept: list[str] = []
    on_case: dict[str, dict[str, Any]] = {}
    differing: list[str] = []
    differing_names: list[str] = []
    case_documents: dict[str, list[str]] = {}
    for doc, case in zip(documents["doc_id"].astype(str), documents["case_id"]):
        if not pd.isna(case):
            case_documents.setdefault(str(case), []).append(doc)
    listed = set(values["doc_id"].astype(str))
    for name in variables:
        if name in skipped:
            continue
        by_doc: dict[str, list[Any]] = {}
        case_of: dict[str, str] = {}
        for doc, case, value in zip(values["doc_id"].astype(str), values["case_id"].astype(str), values[name]):
            if value_key(value) is not None:
                by_doc.setdefault(doc, []).append(value)
                case_of[doc] = case
        twice = {doc: found for doc, found in by_doc.items() if len({value_key(v) for v in found}) > 1}
        conflicts.extend(f"{doc} {name!r}: {' / '.join(dict.fromkeys(repr(_as_written(v)) for v in found))}" for doc, found in twice.items())
        single = {doc: found[0] for doc, found in by_doc.items() if doc not in twice}
        if not single:
            continue
        # The cases', where in every case every document gives the one value (a case of one document too); else each
        # document's, for every case alike (one variable in one table), and each case whose documents differ said: a
        # document with no value, or two, does not agree.
        per_case: dict[str, list[str]] = {}
        for doc in by_doc:
            per_case.setdefault(case_of[doc], []).append(doc)
        differs = []
        for case, given in per_case.items():
            # The case's documents the table has a row of: one it does not list (a retrieval lists only the documents
            # with hits) says nothing; one listed with an empty cell gives no value, and so does not agree.
            docs = [doc for doc in case_documents.get(case, ()) if doc in listed] or given
            if len({value_key(single.get(doc)) for doc in docs}) > 1:
                shown = " / ".join(f"{repr(_as_written(single[doc])) if doc in single else 'two values' if doc in twice else 'no value'} ({doc})" for doc in docs)
                differs.append(f"{case} {name!r}: {shown}")
        if not differs and not twice:
            for doc, value in single.items():
                on_case.setdefault(case_of[doc], {}).setdefault(name, value)
            continue
        differing.extend(differs)
        differing_names.extend([name] if differs else [])
        kept.extend(_fill(documents, name, {at[doc]: (doc, value, source) for doc, value in single.items() if doc in at}))
        own.append(name)
    study.documents = documents
    if own:
        notes.append(f"{source}: {len(own)} {what}(s) differ between a case's documents and are each document's (study.documents): {first_few([repr(n) for n in own], shown=_LISTED)}")
    if differing:
        warn(
            f"{source}: {len(differing_names)} {what}(s) differ between a case's documents, and are each document's (study.documents), not the case's: "
            f"{first_few(differing, shown=_LISTED, sep='; ')}. Fix: where a value is the person's, give every document of the case the same value",
            InferenceWarning,
        )
    if kept:
        notes.append(f"{source}: {len(kept)} value(s) differ from the study's own, which are kept: {first_few(kept, shown=_LISTED)}")
    if skipped:
        notes.append(
            f"{source}: {len(skipped)} {what}(s) of the documents name a field the study sets itself (a document's date, kind, "
            f"title …) and are not used: {first_few([repr(s) for s in skipped], shown=_LISTED)}; give them in study.yaml's documents:"
        )
    if conflicts:
        warn(
            f"{source}: {len(conflicts)} {what}(s) of a document differ between its rows, and the document keeps no value of them: "
            f"{first_few(conflicts, shown=_LISTED, sep='; ')}. Correct them in the tool and export again",
            RowsRefusedWarning,
        )
    return pd.DataFrame([{"case_id": case, **found} for case, found in on_case.items()])
