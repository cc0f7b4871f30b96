"""Attempts, pass marks, retries and resuming after signing out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from training.grading import ChoiceAnswer, RewriteAnswer, SpotAnswer, grade, spans_from_phrases
from training.module import Module
from training.progress import (
    AttemptsExhausted,
    LearnerProgress,
    ProgressError,
    acknowledge,
    course_complete,
    finish_attempt,
    module_score,
    record_answer,
    score_history,
    set_position,
    start_or_resume,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _right_answer(exercise):
    if exercise.type in ("single_choice", "multiple_choice"):
        return ChoiceAnswer(tuple(i for i, o in enumerate(exercise.options) if o.correct))
    if exercise.type == "what_do_you_do":
        return ChoiceAnswer((next(i for i, c in enumerate(exercise.choices) if c.right),))
    if exercise.type == "spot_the_leak":
        return SpotAnswer(spans_from_phrases(exercise.post, [k.phrase for k in exercise.key]))
    return RewriteAnswer(exercise.example_answer)


def _wrong_answer(exercise):
    if exercise.type in ("single_choice", "multiple_choice"):
        return ChoiceAnswer((next(i for i, o in enumerate(exercise.options) if not o.correct),))
    if exercise.type == "what_do_you_do":
        return ChoiceAnswer((next(i for i, c in enumerate(exercise.choices) if not c.right),))
    if exercise.type == "spot_the_leak":
        return SpotAnswer(())
    return RewriteAnswer(exercise.post)


def _answer_all(progress, module: Module, lang: str, answer_for, scanner=None) -> None:
    for exercise in module.exercises[lang]:
        answer = answer_for(exercise)
        record_answer(progress, module, exercise.id, answer, grade(exercise, answer, scanner))


def test_answering_everything_right_passes_module_one(modules_by_id):
    module = modules_by_id["ondermijning"]
    progress = LearnerProgress("learner-1")
    start_or_resume(progress, module, "nl", now=T0)
    _answer_all(progress, module, "nl", _right_answer)
    outcome = finish_attempt(progress, module, now=T0 + timedelta(minutes=12))
    assert outcome.passed and outcome.score == 1.0
    assert outcome.unanswered == ()
    assert progress.module(module.id).passed


def test_score_below_the_pass_mark_fails_and_a_retry_starts_a_new_attempt(modules_by_id):
    module = modules_by_id["ondermijning"]
    progress = LearnerProgress("learner-1")
    start_or_resume(progress, module, "en", now=T0)
    exercises = module.exercises["en"]
    for index, exercise in enumerate(exercises):
        answer = _right_answer(exercise) if index < len(exercises) // 2 else _wrong_answer(exercise)
        record_answer(progress, module, exercise.id, answer, grade(exercise, answer))
    failed = finish_attempt(progress, module, now=T0 + timedelta(minutes=10))
    assert not failed.passed
    assert failed.score == pytest.approx(
        module_score(module, progress.module(module.id).attempts[0].scores)
    )
    assert failed.score < module.pass_mark

    retry = start_or_resume(progress, module, "en", now=T0 + timedelta(days=1))
    assert retry.number == 2 and retry.answers == {}
    _answer_all(progress, module, "en", _right_answer)
    assert finish_attempt(progress, module, now=T0 + timedelta(days=1, minutes=9)).passed
    history = score_history(progress, module.id)
    assert [(h.attempt, h.passed) for h in history] == [(1, False), (2, True)]


def test_unanswered_exercises_count_as_zero(modules_by_id):
    module = modules_by_id["reporting"]
    progress = LearnerProgress("learner-2")
    start_or_resume(progress, module, "nl", now=T0)
    first = module.exercises["nl"][0]
    record_answer(
        progress, module, first.id, _right_answer(first), grade(first, _right_answer(first))
    )
    outcome = finish_attempt(progress, module, now=T0)
    assert outcome.score == pytest.approx(1 / len(module.exercise_ids()))
    assert len(outcome.unanswered) == len(module.exercise_ids()) - 1


def test_resume_after_sign_out_keeps_position_and_answers(modules_by_id):
    module = modules_by_id["outsider-view"]
    progress = LearnerProgress("learner-3")
    start_or_resume(progress, module, "nl", now=T0)
    first, second = module.exercises["nl"][:2]
    record_answer(
        progress, module, first.id, _right_answer(first), grade(first, _right_answer(first))
    )
    spans = SpotAnswer(spans_from_phrases(second.post, [second.key[0].phrase]))
    record_answer(progress, module, second.id, spans, grade(second, spans))
    set_position(progress, module, 7)

    saved = progress.to_json()
    resumed = LearnerProgress.from_json(saved)
    attempt = start_or_resume(resumed, module, "nl", now=T0 + timedelta(hours=5))
    assert attempt.number == 1 and attempt.position == 7
    assert attempt.answers == progress.module(module.id).current.answers
    assert attempt.scores[second.id] == pytest.approx(1 / len(second.key))
    assert attempt.started_at == T0


def test_position_stays_within_the_module(modules_by_id):
    module = modules_by_id["ondermijning"]
    progress = LearnerProgress("learner-4")
    start_or_resume(progress, module, "nl", now=T0)
    set_position(progress, module, 999)
    assert progress.module(module.id).current.position == len(module.steps("nl"))
    set_position(progress, module, -3)
    assert progress.module(module.id).current.position == 0


def test_first_answer_counts_but_a_rewrite_may_be_tried_again(modules_by_id, scanners):
    module = modules_by_id["posting-safely"]
    progress = LearnerProgress("learner-5")
    start_or_resume(progress, module, "nl", now=T0)
    choice = next(e for e in module.exercises["nl"] if e.type == "multiple_choice")
    answer = _wrong_answer(choice)
    record_answer(progress, module, choice.id, answer, grade(choice, answer))
    with pytest.raises(ProgressError):
        right = _right_answer(choice)
        record_answer(progress, module, choice.id, right, grade(choice, right))

    rewrite = next(e for e in module.exercises["nl"] if e.type == "make_it_safe")
    for answer in (RewriteAnswer(rewrite.post), RewriteAnswer(rewrite.example_answer)):
        record_answer(progress, module, rewrite.id, answer, grade(rewrite, answer, scanners["nl"]))
    assert progress.module(module.id).current.scores[rewrite.id] == 1.0


def test_conduct_rules_module_needs_the_acknowledgement(modules_by_id, scanners):
    module = modules_by_id["conduct-rules"]
    progress = LearnerProgress("learner-6")
    start_or_resume(progress, module, "en", now=T0)
    _answer_all(progress, module, "en", _right_answer, scanners["en"])
    outcome = finish_attempt(progress, module, now=T0)
    assert outcome.score == 1.0 and outcome.missing_acknowledgement and not outcome.passed

    start_or_resume(progress, module, "en", now=T0)
    _answer_all(progress, module, "en", _right_answer, scanners["en"])
    acknowledge(progress, module, version="rules-v3", now=T0)
    assert finish_attempt(progress, module, now=T0).passed
    assert progress.module(module.id).attempts[-1].acknowledged_version == "rules-v3"


def test_attempts_run_out_when_a_module_limits_them(modules_by_id):
    module = modules_by_id["reporting"]
    limited = Module(
        meta=module.meta.model_copy(update={"max_attempts": 2}),
        path=module.path,
        lessons=module.lessons,
        exercises=module.exercises,
    )
    progress = LearnerProgress("learner-7")
    for _ in range(2):
        start_or_resume(progress, limited, "nl", now=T0)
        finish_attempt(progress, limited, now=T0)
    with pytest.raises(AttemptsExhausted):
        start_or_resume(progress, limited, "nl", now=T0)


def test_course_is_complete_only_when_every_module_is_passed(modules, scanners):
    progress = LearnerProgress("learner-8")
    for module in modules:
        assert not course_complete(progress, modules)
        start_or_resume(progress, module, "nl", now=T0)
        _answer_all(progress, module, "nl", _right_answer, scanners["nl"])
        if module.needs_acknowledgement:
            acknowledge(progress, module, now=T0)
        assert finish_attempt(progress, module, now=T0).passed, module.id
    assert course_complete(progress, modules)


@pytest.mark.parametrize(
    "saved",
    [
        "not json",
        '{"learner_id": 5}',
        '{"learner_id": "x", "modules": {"m": {"module_id": "m", "attempts": [{"number": 1}]}}}',
        '{"learner_id": "x", "modules": {"m": {"module_id": "m", "attempts": [{"number": 1, '
        '"lang": "nl", "started_at": "2026-01-01T00:00:00Z", "scores": {"a": 7}}]}}}',
    ],
)
def test_malformed_saved_progress_is_refused_clearly(saved):
    with pytest.raises(ProgressError, match="saved progress"):
        LearnerProgress.from_json(saved)
