"""The English codebook on a study in another language is said once, in `qlr code` and the report (stop 57's check).

The rule coder's language check (``code._rules._warn_language``) was already there; these are German and Spanish
interviews written for this check (a family centre's parents' council), which the bundled ``coproduction`` codebook
codes nothing of: without the note, "0 codings" would read as "nothing to code".
"""

from __future__ import annotations

import pandas as pd
import pytest

from qlr.cli import main

TEXTS = {
    "de": ['Interviewer: Wie haben Sie das erste Jahr im Projekt erlebt?\nP01: Also am Anfang war das ziemlich schwierig für mich. Ich hatte das Gefühl, dass niemand uns gefragt hat, was wir eigentlich brauchen. Die Leute vom Amt haben die Termine festgelegt und wir mussten einfach kommen. Später wurde es besser, weil wir eine Gruppe gegründet haben und dann auch bei den Treffen mitreden konnten.\nInterviewer: Was hat sich dabei für Sie verändert?\nP01: Ich glaube, dass wir jetzt mehr Vertrauen haben. Wir planen die Angebote zusammen mit den Mitarbeitern, und wenn etwas nicht funktioniert, sagen wir das auch. Das war früher nicht so. Meine Tochter geht jetzt in die Kita, und ich kann wieder ein paar Stunden arbeiten. Aber die Zeit ist immer noch knapp, und manchmal weiß ich nicht, wie ich das alles schaffen soll.\n', 'Interviewer: Erzählen Sie mir bitte von Ihrer Arbeit im Beirat.\nP02: Ja, gern. Ich bin seit zwei Jahren dabei. Am Anfang hat man uns nur informiert, wir durften nicht wirklich entscheiden. Inzwischen haben wir ein eigenes Budget und können selbst bestimmen, wofür das Geld ausgegeben wird. Das ist ein großer Unterschied, finde ich. Die Verwaltung hört uns jetzt zu, auch wenn es nicht immer einfach ist.\nInterviewer: Gab es auch Konflikte?\nP02: Natürlich. Es gab Streit über die Öffnungszeiten des Zentrums. Die Mitarbeiter wollten früher schließen, wir wollten länger offen bleiben, weil viele Eltern erst am Abend Zeit haben. Am Ende haben wir einen Kompromiss gefunden, aber ich hatte schon das Gefühl, dass unsere Stimme nicht so viel zählt wie ihre.\n'],
    "es": ['Entrevistadora: ¿Cómo fue para usted el primer año en el proyecto?\nP01: Pues al principio fue bastante difícil. Tenía la sensación de que nadie nos preguntaba lo que de verdad necesitábamos. Los del ayuntamiento ponían los horarios y nosotras teníamos que ir y ya está. Después mejoró un poco, porque formamos un grupo de madres y empezamos a participar en las reuniones del centro.\nEntrevistadora: ¿Qué cambió para usted?\nP01: Creo que ahora hay más confianza. Planificamos las actividades junto con el personal, y cuando algo no funciona lo decimos. Antes no era así. Mi hija ya va a la guardería y yo puedo trabajar unas horas por la mañana. Pero el tiempo sigue siendo muy poco y a veces no sé cómo voy a poder con todo.\n', 'Entrevistadora: Cuénteme de su trabajo en el consejo del barrio.\nP02: Sí, claro. Llevo dos años en el consejo. Al principio solo nos informaban de las decisiones, no podíamos decidir nada. Ahora tenemos un presupuesto propio y podemos decidir en qué se gasta el dinero. Para mí eso es una diferencia muy grande. La administración nos escucha más, aunque no siempre es fácil ponerse de acuerdo con ellos.\n'],
}


@pytest.mark.parametrize("language", ["de", "es"])
def test_a_study_in_another_language_gets_one_note_in_code_and_report(tmp_path, capsys, language):
    folder = tmp_path / language
    folder.mkdir()
    for i, text in enumerate(TEXTS[language], 1):
        (folder / f"P0{i}_W1.txt").write_text(text, encoding="utf-8")
    assert main(["code", str(folder), "--codebook", "coproduction", "-o", str(tmp_path / "coded.qlr")]) == 0
    err = capsys.readouterr().err
    assert err.count("do not read as English") == 1 and "P01_W1, P02_W1; 2 of them have no rule coding" in err
    assert main(["report", str(folder), "--codebook", "coproduction", "--out", str(tmp_path / "r"), "-q"]) == 0
    notes = pd.read_csv(tmp_path / "r" / "tables" / "load_notes.csv")
    said = notes[notes.astype(str).apply(lambda column: column.str.contains("do not read as English")).any(axis=1)]
    assert len(said) == 1
    assert "do not read as English" in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")


def test_an_english_study_gets_no_such_note(tmp_path, capsys):
    assert main(["code", "data/sample", "--codebook", "coproduction", "-o", str(tmp_path / "coded.qlr")]) == 0
    assert "do not read as" not in capsys.readouterr().err
