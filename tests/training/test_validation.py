"""Broken content is refused with a message naming the file and the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from training.cli import main
from training.content import ContentError, load_modules, validate_content

MODULE = "01-ondermijning"


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _messages(root: Path) -> list[str]:
    return [str(issue) for issue in validate_content(root).issues]


def test_question_without_a_correct_answer_names_file_and_exercise(content_copy):
    def no_correct(data):
        for option in data["exercises"][0]["options"]:
            option["correct"] = False

    _edit_yaml(content_copy / MODULE / "exercises.nl.yaml", no_correct)
    messages = _messages(content_copy)
    assert any(
        f"{MODULE}/exercises.nl.yaml" in m
        and "exercises[0] (id m1-definition)" in m
        and "exactly one option must be correct" in m
        for m in messages
    ), messages


def test_option_without_feedback_is_refused(content_copy):
    def drop_feedback(data):
        del data["exercises"][0]["options"][1]["feedback"]

    _edit_yaml(content_copy / MODULE / "exercises.en.yaml", drop_feedback)
    messages = _messages(content_copy)
    assert any("exercises.en.yaml" in m and "options[1].feedback" in m for m in messages), messages


def test_unknown_placeholder_names_the_line(content_copy):
    lesson = content_copy / MODULE / "lesson.en.md"
    lines = lesson.read_text(encoding="utf-8").splitlines()
    lines.insert(2, "Ask {security_manger} if in doubt.")
    lesson.write_text("\n".join(lines), encoding="utf-8")
    messages = _messages(content_copy)
    assert any(
        "lesson.en.md: line 3: unknown placeholder {security_manger}" in m for m in messages
    ), messages


def test_placeholder_in_post_text_is_refused(content_copy):
    def placeholder_in_post(data):
        spot = next(e for e in data["exercises"] if e["type"] == "spot_the_leak")
        spot["post"] = spot["post"] + " bij {company}"

    _edit_yaml(content_copy / "02-outsider-view" / "exercises.nl.yaml", placeholder_in_post)
    assert any("placeholders are not allowed in post text" in m for m in _messages(content_copy))


def test_exercise_ids_must_match_between_languages(content_copy):
    def rename(data):
        data["exercises"][1]["id"] = "m1-renamed"

    _edit_yaml(content_copy / MODULE / "exercises.en.yaml", rename)
    messages = _messages(content_copy)
    assert any("exercises.en.yaml" in m and "differ from exercises.nl.yaml" in m for m in messages)


def test_translation_with_another_correct_answer_is_refused(content_copy):
    def swap(data):
        options = data["exercises"][0]["options"]
        options[0]["correct"], options[1]["correct"] = False, True

    _edit_yaml(content_copy / MODULE / "exercises.en.yaml", swap)
    messages = _messages(content_copy)
    assert any("correct answers or key labels differ" in m for m in messages), messages


def test_key_phrase_missing_from_the_post_is_refused(content_copy):
    def typo(data):
        spot = next(e for e in data["exercises"] if e["type"] == "spot_the_leak")
        spot["key"][0]["phrase"] = "hal 9"

    _edit_yaml(content_copy / "02-outsider-view" / "exercises.nl.yaml", typo)
    messages = _messages(content_copy)
    assert any("'hal 9' does not occur in the post" in m for m in messages), messages


def test_unknown_label_is_refused(content_copy):
    def bad_label(data):
        spot = next(e for e in data["exercises"] if e["type"] == "spot_the_leak")
        spot["key"][0]["label"] = "LOCATION"

    _edit_yaml(content_copy / "02-outsider-view" / "exercises.en.yaml", bad_label)
    messages = _messages(content_copy)
    assert any("key[0].label" in m for m in messages), messages


def test_link_to_an_unlisted_source_is_refused(content_copy):
    lesson = content_copy / MODULE / "lesson.nl.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\nZie [elders](https://example.org/bron).\n",
        encoding="utf-8",
    )
    messages = _messages(content_copy)
    assert any("https://example.org/bron is not listed under sources" in m for m in messages)


def test_listed_source_that_is_never_cited_is_refused(content_copy):
    def extra_source(data):
        data["sources"].append(
            {"id": "uncited", "title": "Nowhere", "url": "https://example.org/nowhere"}
        )

    _edit_yaml(content_copy / MODULE / "module.yaml", extra_source)
    messages = _messages(content_copy)
    assert any("sources (id uncited)" in m and "not cited in the nl" in m for m in messages)


def test_minutes_outside_ten_to_twenty_are_refused(content_copy):
    _edit_yaml(content_copy / MODULE / "module.yaml", lambda d: d.update(minutes=25))
    messages = _messages(content_copy)
    assert any("module.yaml: minutes" in m for m in messages), messages


def test_stated_minutes_far_from_the_estimate_are_refused(content_copy):
    _edit_yaml(content_copy / MODULE / "module.yaml", lambda d: d.update(minutes=19))
    messages = _messages(content_copy)
    assert any("states 19 but the nl version takes about" in m for m in messages), messages


def test_missing_language_file_and_bad_yaml_are_both_reported(content_copy):
    (content_copy / MODULE / "lesson.en.md").unlink()
    (content_copy / "02-outsider-view" / "exercises.nl.yaml").write_text(
        "exercises:\n  - id: x\n    type: [unclosed\n", encoding="utf-8"
    )
    messages = _messages(content_copy)
    assert any(f"{MODULE}/lesson.en.md: file is missing" in m for m in messages)
    assert any(
        "02-outsider-view/exercises.nl.yaml: line" in m and "invalid YAML" in m for m in messages
    )


def test_adding_a_folder_adds_a_module(content_copy):
    import shutil

    new = content_copy / "07-extra"
    shutil.copytree(content_copy / MODULE, new)
    _edit_yaml(new / "module.yaml", lambda d: d.update(id="extra", order=7))
    assert [m.id for m in load_modules(content_copy)][-1] == "extra"


def test_load_modules_raises_with_every_issue(content_copy):
    (content_copy / MODULE / "lesson.nl.md").unlink()
    (content_copy / "03-human-gateway" / "lesson.en.md").unlink()
    with pytest.raises(ContentError) as caught:
        load_modules(content_copy)
    assert len(caught.value.issues) == 2


def test_cli_validate_prints_modules_and_counts(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    for module_id in ("ondermijning", "posting-safely", "reporting"):
        assert module_id in out
    assert "nl,en" in out and "spot" in out and "scenario" in out


def test_cli_validate_fails_naming_the_file(content_copy, capsys):
    (content_copy / MODULE / "exercises.en.yaml").write_text("exercises: 3\n", encoding="utf-8")
    assert main(["validate", "--content", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert f"{MODULE}/exercises.en.yaml: exercises" in err


def test_python_m_training_runs_without_streamlit():
    root = Path(__file__).resolve().parents[2]
    code = (
        "import runpy, sys\n"
        "sys.argv = ['training', 'validate']\n"
        "try:\n    runpy.run_module('training', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "assert 'streamlit' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "ok: 6 modules" in done.stdout
