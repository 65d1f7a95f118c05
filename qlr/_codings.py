"""Which codings a codebook reads, and which a person made: one rule, below every package that needs it.

The codebook package (a crosswalk's codebook) and :mod:`qlr.evidence` (every analysis) both ask it, so it
lives in the base layer; :mod:`qlr.evidence` is where it is documented for users (``qlr.evidence.in_codebook``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._json import log_detail

#: Origins whose codings a person made.
PERSON_ORIGINS = ("human", "import")


def by_person(codings: pd.DataFrame) -> np.ndarray:
    """Which codings a person made: the one test of :data:`PERSON_ORIGINS` every part of qlr reads.

    Made in qlr or imported from the program a person coded in; the rules' codings
    and a model's suggestions (even accepted ones) are not.

    Parameters
    ----------
    codings : DataFrame
        Any table with an ``origin`` column (``study.codings``, a slice of it).

    Returns
    -------
    numpy.ndarray of bool
        True where a person made the coding (a missing origin is no person's).

    Examples
    --------
    >>> from pandas import DataFrame
    >>> by_person(DataFrame({"origin": ["human", "rules", "import", "model", None]})).tolist()
    [True, False, True, False, False]
    """
    return codings["origin"].isin(PERSON_ORIGINS).fillna(False).to_numpy(dtype=bool)


def in_codebook(codings: pd.DataFrame, codebook: Any) -> np.ndarray:
    """Which codings a codebook's analyses read: those made with it, and any coding of one of its codes.

    A project's own coding whose code ids are the codebook's (a team that coded with the bundled
    ids in NVivo) is that codebook's evidence, whatever codebook it came in with.  A crosswalk's
    codebook (:meth:`qlr.codebook.Crosswalk.codebook_for`) reads the project's own codes and a
    person's codings of its ladder codebook's codes, not the rules' codings of those.

    Parameters
    ----------
    codings : DataFrame
        Rows of ``study.codings``.
    codebook : Codebook
        The codebook.

    Returns
    -------
    numpy.ndarray
        One boolean per row.

    Examples
    --------
    >>> import pandas as pd, qlr
    >>> codings = pd.DataFrame({"codebook": ["coproduction", "team", "team"],
    ...                         "code_id": ["power.consulted", "power.consulted", "mood"]})
    >>> in_codebook(codings, qlr.read_codebook("coproduction")).tolist()
    [True, True, False]
    """
    mine = codings["codebook"].eq(codebook.id).fillna(False).to_numpy(dtype=bool)
    # A crosswalk's codebook carries the ladder codebook's codes a person coded with: only people's codings of those.
    people_only = getattr(codebook, "people_only", frozenset())
    read = mine | codings["code_id"].isin([code.id for code in codebook if code.id not in people_only]).fillna(False).to_numpy(dtype=bool)
    if people_only:
        read |= codings["code_id"].isin(people_only).fillna(False).to_numpy(dtype=bool) & by_person(codings)
    return read


def consensus_made(study: Any) -> dict[str, dict[str, Any]]:
    """Each coder the study's log records a consensus as (:meth:`qlr.Study.consensus`), with the log's detail (the
    coders it was made from, the rule): the one rule for which coder is a consensus, read by :func:`qlr.evidence.evidence` (its
    codings count first on a passage) and by :func:`qlr.code.coder_pairs` and :func:`qlr.code.human_coders` (it is no
    independent coder).  A detail that is not JSON, or names no coder (a log edited by hand), names no consensus.
    """
    made: dict[str, dict[str, Any]] = {}
    for detail in study.log.loc[study.log["action"] == "consensus", "detail"]:
        found = log_detail(detail)
        if isinstance(found, dict) and str(found.get("as") or ""):
            made[str(found["as"])] = found  # a later consensus under the same name replaced the earlier's codings
    return made


#: ``study.meta`` key: each coder's documents as the file format records them read, codings or none (brat: the
#: annotator's ``.ann``), so that a document a coder read and coded nothing in is not taken for one they never read.
ANNOTATED = "annotated"


def annotated(study: Any, by_coder: dict[str, set[str]]) -> Any:
    """The study with ``meta["annotated"]`` naming each coder's documents, read from ``by_coder`` (a coder → the
    documents' source names, as an importer reads them); documents the study lacks are left out.

    >>> import qlr
    >>> study = annotated(sample.copy(), {"rm": {"interviews/C01_W1_interview.txt", "gone.txt"}})  # sample = qlr.load("data/sample")
    >>> study.meta["annotated"]
    {'rm': ['C01_W1_interview']}
    """
    ids = dict(zip(study.documents["source"].astype(str), study.documents["doc_id"].astype(str)))
    known = {coder: sorted({ids[name] for name in names if name in ids}) for coder, names in by_coder.items()}
    if any(known.values()):
        study.meta[ANNOTATED] = {coder: docs for coder, docs in sorted(known.items()) if docs}
    return study


def annotated_documents(study: Any, coder: str) -> set[str]:
    """The documents ``study.meta["annotated"]`` records ``coder`` as having read (none where it records nothing), of
    those the study holds: what agreement adds to the documents each coder's codings lie in.

    >>> annotated_documents(sample, "rm")  # sample = qlr.load("data/sample")
    set()
    """
    recorded = (study.meta.get(ANNOTATED) or {}).get(coder) or []
    return set(recorded) & set(study.documents["doc_id"].astype(str)) if recorded else set()
