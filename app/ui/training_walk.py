"""One module, step by step: lesson sections, exercises, the acknowledgement, the result.

Every step the learner takes is saved at once, so after signing out (or closing the
browser) the module opens again at the same step with the same answers.
"""

from __future__ import annotations

import logging

import streamlit as st

from app.i18n import t
from app.storage import Storage, StorageError, User
from app.ui import training_exercises
from app.ui.components import LANGUAGE_NAMES
from app.ui.scanning import get_scanner
from app.ui.training_course import CompanyTexts, company_texts, save_module_progress
from training import (
    AcknowledgementStep,
    ExerciseStep,
    LearnerProgress,
    LessonStep,
    Module,
    ProgressError,
    acknowledge,
    answer_from_dict,
    finish_attempt,
    grade,
    record_answer,
    set_position,
    start_or_resume,
)
from training.progress import Attempt, attempts_left

_LOG = logging.getLogger(__name__)

OPEN_MODULE = "training.open_module"
EXERCISE_KINDS = {
    "single_choice": "training.kind.single_choice",
    "multiple_choice": "training.kind.multiple_choice",
    "spot_the_leak": "training.kind.spot_the_leak",
    "make_it_safe": "training.kind.make_it_safe",
    "what_do_you_do": "training.kind.what_do_you_do",
}


def opened_module_id() -> str | None:
    return st.session_state.get(OPEN_MODULE)


def close_module() -> None:
    st.session_state.pop(OPEN_MODULE, None)


def open_module(
    storage: Storage, user: User, progress: LearnerProgress, module: Module, lang: str
) -> None:
    """Resume the attempt in progress or start a new one (raises AttemptsExhausted)."""
    start_or_resume(progress, module, lang)
    _save(storage, user, progress, module, lang)
    st.session_state[OPEN_MODULE] = module.id


def _save(
    storage: Storage, user: User, progress: LearnerProgress, module: Module, lang: str
) -> None:
    try:
        save_module_progress(storage, user, progress, module.id)
    except StorageError:
        _LOG.exception("saving training progress failed")
        st.error(t("training.walk.save_failed", lang))
        st.stop()


def _go_to(
    storage: Storage,
    user: User,
    progress: LearnerProgress,
    module: Module,
    position: int,
    lang: str,
) -> None:
    set_position(progress, module, position)
    _save(storage, user, progress, module, lang)
    st.rerun()


def show_module(
    storage: Storage, user: User, lang: str, module: Module, progress: LearnerProgress
) -> None:
    if st.button(
        t("training.walk.back", lang), key="training.walk.back", icon=":material/arrow_back:"
    ):
        close_module()
        st.rerun()
    attempt = progress.module(module.id).current
    if attempt is None:
        _show_result(storage, user, lang, module, progress)
        return

    texts = company_texts(storage, attempt.lang)
    steps = module.steps(attempt.lang, texts.values)
    position = min(attempt.position, len(steps))
    st.header(module.title(attempt.lang))
    if attempt.lang != lang:
        st.caption(t("training.walk.content_lang", lang, language=LANGUAGE_NAMES[attempt.lang]))
    shown = min(position + 1, len(steps))
    st.progress(
        position / len(steps), text=t("training.walk.step_of", lang, step=shown, total=len(steps))
    )

    if position >= len(steps):
        _show_finish(storage, user, lang, module, progress, attempt)
        return
    step = steps[position]
    can_go_on = True
    if isinstance(step, LessonStep):
        st.subheader(step.title)
        st.markdown(step.markdown)
    elif isinstance(step, ExerciseStep):
        number = position - len(module.lessons[attempt.lang]) + 1
        can_go_on = _show_exercise(storage, user, lang, module, progress, attempt, step, number)
    elif isinstance(step, AcknowledgementStep):
        can_go_on = _show_acknowledgement(
            storage, user, lang, module, progress, attempt, step, texts
        )

    st.divider()
    previous, following = st.columns(2)
    if previous.button(
        t("training.walk.previous", lang),
        key="training.walk.previous",
        disabled=position == 0,
        icon=":material/navigate_before:",
    ):
        _go_to(storage, user, progress, module, position - 1, lang)
    last = position == len(steps) - 1
    if following.button(
        t("training.walk.to_finish" if last else "training.walk.next", lang),
        key="training.walk.next",
        disabled=not can_go_on,
        type="primary" if can_go_on else "secondary",
        icon=":material/navigate_next:",
    ):
        _go_to(storage, user, progress, module, position + 1, lang)
    if not can_go_on:
        following.caption(t("training.walk.answer_first", lang))


def _show_exercise(
    storage: Storage,
    user: User,
    lang: str,
    module: Module,
    progress: LearnerProgress,
    attempt: Attempt,
    step: ExerciseStep,
    number: int,
) -> bool:
    """Show one exercise; True once it has been answered in this attempt."""
    exercise = step.exercise
    total = len(module.exercises[attempt.lang])
    kind = t(EXERCISE_KINDS[exercise.type], lang)
    st.subheader(t("training.walk.exercise_title", lang, number=number, total=total, kind=kind))
    scanner = (
        get_scanner(storage, attempt.lang) if training_exercises.needs_scanner(exercise) else None
    )
    saved = attempt.answers.get(exercise.id)
    previous = result = None
    if saved is not None:
        try:
            previous = answer_from_dict(saved)
            result = grade(exercise, previous, scanner)
        except ValueError:
            # Content changed since the answer was given; it still counts as given.
            _LOG.warning("saved answer to %s no longer fits the exercise", exercise.id)
            st.caption(t("training.walk.answer_outdated", lang))
    key = f"training.{module.id}.{attempt.number}.{exercise.id}"
    answer = training_exercises.ask(
        exercise,
        answered=saved is not None and not training_exercises.takes_more_answers(exercise),
        key=key,
        lang=lang,
        previous=previous,
    )
    if answer is not None:
        try:
            new_result = grade(exercise, answer, scanner)
            record_answer(progress, module, exercise.id, answer, new_result)
        except (ValueError, ProgressError):
            _LOG.exception("answer to %s could not be graded", exercise.id)
            st.warning(t("training.walk.answer_refused", lang))
        else:
            _save(storage, user, progress, module, lang)
            st.rerun()
    if result is not None and previous is not None:
        training_exercises.show_feedback(exercise, result, previous, lang)
    return saved is not None


def _show_acknowledgement(
    storage: Storage,
    user: User,
    lang: str,
    module: Module,
    progress: LearnerProgress,
    attempt: Attempt,
    step: AcknowledgementStep,
    texts: CompanyTexts,
) -> bool:
    st.subheader(t("training.walk.ack_title", lang))
    version = texts.ruleset_version
    if version is None:
        st.info(t("training.walk.no_rules", lang), icon=":material/info:")
    else:
        st.caption(t("training.walk.ack_version", lang, version=version))
    st.markdown(f"> {step.text}")
    if attempt.acknowledged_at is not None:
        st.success(t("training.walk.acknowledged", lang), icon=":material/task_alt:")
        return True
    if st.button(t("training.walk.ack_submit", lang), key="training.walk.ack", type="primary"):
        try:
            if version is not None:
                storage.acknowledge_ruleset(user, version)
        except StorageError:
            _LOG.exception("acknowledging rule set %s failed", version)
            st.error(t("training.walk.save_failed", lang))
            return False
        acknowledge(progress, module, version=str(version) if version is not None else None)
        _save(storage, user, progress, module, lang)
        st.rerun()
    return False


def _show_finish(
    storage: Storage,
    user: User,
    lang: str,
    module: Module,
    progress: LearnerProgress,
    attempt: Attempt,
) -> None:
    st.subheader(t("training.walk.finish_title", lang))
    ids = module.exercise_ids()
    unanswered = [exercise_id for exercise_id in ids if exercise_id not in attempt.answers]
    st.markdown(
        t(
            "training.walk.finish_summary",
            lang,
            answered=len(ids) - len(unanswered),
            total=len(ids),
            mark=round(module.pass_mark * 100),
        )
    )
    if unanswered:
        st.warning(t("training.walk.unanswered", lang, count=len(unanswered)))
    if module.needs_acknowledgement and attempt.acknowledged_at is None:
        st.warning(t("training.walk.ack_missing", lang))
    previous, finish = st.columns(2)
    if previous.button(
        t("training.walk.previous", lang),
        key="training.walk.previous",
        icon=":material/navigate_before:",
    ):
        _go_to(storage, user, progress, module, len(module.steps(attempt.lang)) - 1, lang)
    if finish.button(
        t("training.walk.finish", lang),
        key="training.walk.finish",
        type="primary",
        icon=":material/flag:",
    ):
        outcome = finish_attempt(progress, module)
        _save(storage, user, progress, module, lang)
        try:
            storage.record_attempt(
                user, module.id, outcome.score, outcome.passed, at=attempt.finished_at
            )
        except StorageError:
            # The learner's own progress holds the result; only HR's figures miss it.
            _LOG.exception("recording the finished attempt failed")
        st.rerun()


def _show_result(
    storage: Storage, user: User, lang: str, module: Module, progress: LearnerProgress
) -> None:
    module_progress = progress.module(module.id)
    finished = module_progress.finished_attempts
    st.header(module.title(lang))
    if not finished:
        close_module()
        st.rerun()
    last = finished[-1]
    score, mark = round((last.score or 0) * 100), round(module.pass_mark * 100)
    if last.passed:
        st.success(
            t("training.result.passed", lang, score=score, mark=mark), icon=":material/celebration:"
        )
    else:
        st.error(t("training.result.not_passed", lang, score=score, mark=mark))
        if module.needs_acknowledgement and last.acknowledged_at is None:
            st.warning(t("training.walk.ack_missing", lang))
    left = attempts_left(progress, module)
    if left is not None and not module_progress.passed:
        st.caption(t("training.result.attempts_left", lang, count=left))
    may_retry = module_progress.passed or left != 0
    if may_retry and st.button(
        t("training.result.again" if module_progress.passed else "training.result.retry", lang),
        key="training.result.retry",
        icon=":material/replay:",
    ):
        open_module(storage, user, progress, module, lang)
        st.rerun()
