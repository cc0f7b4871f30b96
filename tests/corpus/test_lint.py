from pathlib import Path

from exposure.corpus.__main__ import main
from exposure.corpus.lint import lint


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def checks(warnings):
    return sorted((w.check, w.message.split("'")[1]) for w in warnings)


def test_boundary_words_and_punctuation_are_flagged(tmp_path):
    path = write(
        tmp_path,
        "a.txt",
        "@ lang=nl\nik sta [[de controlekamer|SITE]] en [[op vakantie|SCHEDULE]] "
        "bij [[Noordchem B.V.|ORG]] en [[Sanne,|PERSON]] weet het\n",
    )
    warnings, _ = lint([path], with_rules=False)
    # "op vakantie" is a fixed expression and "B.V." an abbreviation: no warning.
    assert checks(warnings) == [("end", "Sanne,"), ("start", "de controlekamer")]
    assert warnings[0].line == 1 and warnings[0].source.endswith("a.txt")


def test_phrase_marked_elsewhere_but_bare_is_flagged(tmp_path):
    path = write(
        tmp_path,
        "b.txt",
        "@ lang=nl\nmorgen [[nachtdienst|SCHEDULE]]\n---\n"
        "@ lang=nl\nweer [[nachtdienst|SCHEDULE]] pff\n---\n"
        "@ lang=nl\nnachtdienst tot 6 uur en daarna slapen\n---\n"
        "@ lang=nl\nde [[nachtdienst bij poort 3|SCHEDULE]] is saai\n",
    )
    warnings, _ = lint([path], with_rules=False)
    unmarked = [w for w in warnings if w.check == "unmarked"]
    # Only the bare one; the occurrence inside a longer span is covered.
    assert [(w.line, w.message.split("'")[1]) for w in unmarked] == [(7, "nachtdienst")]


def test_mostly_bare_phrase_is_not_flagged(tmp_path):
    posts = ["@ lang=en\nthe [[gate|SITE]] was open"] * 2 + [
        f"@ lang=en\nschool gate number {n} was painted" for n in range(5)
    ]
    path = write(tmp_path, "c.txt", "\n---\n".join(posts) + "\n")
    warnings, _ = lint([path], with_rules=False)
    assert not [w for w in warnings if w.check == "unmarked"]


def test_rules_find_goods_inside_logistics_and_unmarked_details(tmp_path):
    path = write(
        tmp_path,
        "d.txt",
        "@ lang=en\nthe [[truck with methanol arrives at 06:00|LOGISTICS]] says [[Sanne|PERSON]]\n"
        "---\n@ lang=en\n[[Piet|PERSON]] works nights at gate 3\n",
    )
    warnings, _ = lint([path], with_rules=True)
    found = {(w.line, w.check) for w in warnings}
    assert (1, "swallow") in found
    assert (4, "rule") in found


def test_conflicting_labels_are_summarised(tmp_path):
    path = write(
        tmp_path,
        "e.txt",
        "@ lang=en\nat [[Eems Terminal|SITE]] today\n---\n"
        "@ lang=en\nhired by [[Eems Terminal|ORG]]\n",
    )
    _, mixed = lint([path], with_rules=False)
    assert mixed == ["'eems terminal': SITE 1, ORG 1"]


def test_cli_prints_warnings_and_reports_broken_files(tmp_path, capsys):
    good = write(tmp_path, "f.txt", "@ lang=en\nmy [[the gate|SITE]] is here\n")
    assert main(["lint", "--no-rules", str(good)]) == 0
    out = capsys.readouterr()
    assert "f.txt:1: [start] 'the gate' SITE starts with 'the'" in out.out
    assert "1 warnings in 1 files" in out.err
    broken = write(tmp_path, "g.txt", "@ lang=en\nan [[open span|SITE\n")
    assert main(["lint", "--no-rules", str(broken)]) == 1
    assert "g.txt:" in capsys.readouterr().err
