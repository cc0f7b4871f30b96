"""The shipped modules are complete, consistent in both languages, and fully resolvable."""

from __future__ import annotations

import re
from pathlib import Path

from exposure.models import LABELS
from training.content import load_modules, validate_content
from training.module import AcknowledgementStep, ExerciseStep, LessonStep
from training.placeholders import placeholder_values
from training.schema import LANGUAGES, MAX_MINUTES, MIN_MINUTES

EXPECTED_ORDER = [
    "ondermijning",
    "outsider-view",
    "human-gateway",
    "posting-safely",
    "conduct-rules",
    "reporting",
]
LEFTOVER_PLACEHOLDER = re.compile(r"\{[^{}\s]+\}")


def test_shipped_content_has_the_six_modules_in_course_order(modules):
    report = validate_content()
    assert report.issues == []
    assert [m.id for m in modules] == EXPECTED_ORDER


def test_every_module_has_both_languages_with_the_same_exercises(modules):
    for module in modules:
        ids = {lang: [e.id for e in module.exercises[lang]] for lang in LANGUAGES}
        assert ids["nl"] == ids["en"], module.id
        assert len(module.lessons["nl"]) == len(module.lessons["en"]), module.id
        for lang in LANGUAGES:
            assert module.title(lang).strip()
            assert module.lessons[lang], (module.id, lang)


def test_every_question_has_a_correct_answer_and_feedback_for_each_option(modules):
    for module in modules:
        for lang in LANGUAGES:
            for exercise in module.exercises[lang]:
                if exercise.type in ("single_choice", "multiple_choice"):
                    assert any(o.correct for o in exercise.options), exercise.id
                    assert all(o.feedback.strip() for o in exercise.options), exercise.id
                elif exercise.type == "what_do_you_do":
                    assert any(c.right for c in exercise.choices), exercise.id
                    assert all(c.consequence.strip() for c in exercise.choices), exercise.id
                elif exercise.type == "spot_the_leak":
                    assert all(k.phrase in exercise.post and k.why for k in exercise.key)


def test_modules_take_ten_to_twenty_minutes(modules):
    for module in modules:
        assert MIN_MINUTES <= module.minutes <= MAX_MINUTES
        for lang in LANGUAGES:
            assert MIN_MINUTES <= module.estimated_minutes(lang) <= MAX_MINUTES, (module.id, lang)


def _all_text(steps) -> str:
    parts = []
    for step in steps:
        if isinstance(step, LessonStep):
            parts += [step.title, step.markdown]
        elif isinstance(step, AcknowledgementStep):
            parts.append(step.text)
        else:
            parts.append(step.exercise.model_dump_json())
    return "\n".join(parts)


def test_every_placeholder_resolves_without_and_with_a_profile(modules):
    from exposure.profile import sample_profile

    for profile in (None, sample_profile()):
        for module in modules:
            for lang in LANGUAGES:
                text = _all_text(module.steps(lang, placeholder_values(profile, lang)))
                assert not LEFTOVER_PLACEHOLDER.findall(text), (module.id, lang)


def test_profile_contacts_reach_the_reporting_module(modules_by_id):
    from exposure.profile import sample_profile

    profile = sample_profile()
    security = next(c for c in profile.reporting_contacts if "security" in c.role.lower())
    for lang in LANGUAGES:
        text = _all_text(modules_by_id["reporting"].steps(lang, placeholder_values(profile, lang)))
        assert security.name in text
        assert security.phone in text
        for number in ("112", "0900-8844", "0800-7000"):
            assert number in text


def test_posting_safely_practises_every_scanner_label(modules_by_id):
    module = modules_by_id["posting-safely"]
    for lang in LANGUAGES:
        labels = {
            key.label
            for exercise in module.exercises[lang]
            if exercise.type == "spot_the_leak"
            for key in exercise.key
        }
        assert labels == set(LABELS), lang
        lesson = "\n".join(step.markdown for step in module.lessons[lang])
        assert all(f"({label})" in lesson for label in LABELS), lang


def test_conduct_rules_module_shows_the_published_rules_and_asks_acknowledgement(
    modules_by_id,
):
    module = modules_by_id["conduct-rules"]
    rules = "1. **Geen foto's van je toegangspas.**\n2. Geen tijden van ladingen."
    for lang in LANGUAGES:
        values = placeholder_values(None, lang, conduct_rules=rules)
        steps = module.steps(lang, values)
        assert any(isinstance(s, LessonStep) and rules in s.markdown for s in steps)
        assert isinstance(steps[-1], AcknowledgementStep)
        assert values["company"] in steps[-1].text
        unpublished = module.steps(lang, placeholder_values(None, lang))
        assert not any(isinstance(s, LessonStep) and rules in s.markdown for s in unpublished)


def test_every_lesson_cites_its_sources_in_both_languages(modules):
    for module in modules:
        for lang in LANGUAGES:
            lesson = "\n".join(step.markdown for step in module.lessons[lang])
            exercises = "\n".join(e.model_dump_json() for e in module.exercises[lang])
            for source in module.meta.sources:
                assert source.url.startswith("https://")
                assert source.url in lesson + exercises, (module.id, lang, source.id)


def test_steps_put_lesson_then_exercises_then_acknowledgement(modules):
    for module in modules:
        kinds = [step.kind for step in module.steps("nl")]
        first_exercise = kinds.index("exercise")
        assert set(kinds[:first_exercise]) == {"lesson"}
        assert all(
            isinstance(s, ExerciseStep)
            for s in module.steps("nl")[first_exercise:][: len(module.exercise_ids())]
        )
        assert (kinds[-1] == "acknowledgement") == module.needs_acknowledgement


def test_content_folder_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load_modules()) == len(EXPECTED_ORDER)
    assert Path.cwd() == tmp_path
