"""The training page: walking a module, resuming after sign-out, the certificate, the notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import t
from app.storage import Storage, User
from app.ui.training_course import save_module_progress
from exposure.conduct import RuleSet, add_custom, publish
from training import (
    LearnerProgress,
    load_modules,
    new_verification_code,
    set_position,
    start_or_resume,
    word_spans,
)
from training.certificate import format_date
from training.grading import MESSAGES
from training.progress import Attempt
from training.schema import WhatDoYouDo

from .conftest import EMPLOYEE_PASSWORD, Session

MODULE = "ondermijning"  # module 1: lessons, choice questions and scenarios


@pytest.fixture(scope="module")
def modules():
    return load_modules()


def press(session: Session, key: str) -> Session:
    session.at.button(key=key).click()
    return session.run()


def step_shown(session: Session) -> str:
    """The text of the progress bar above a module's step."""
    return session.at.get("progress")[0].proto.text


def employee_on_training(new_session, make_user) -> tuple[Session, User]:
    user = make_user("piet@noordchem.example", "employee")
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    return session, user


def answer_from_key(session: Session, exercise, attempt: int = 1) -> None:
    """Give the answer the content's answer key holds to be right."""
    key = f"training.{MODULE}.{attempt}.{exercise.id}"
    if isinstance(exercise, WhatDoYouDo):
        right = next(i for i, choice in enumerate(exercise.choices) if choice.right)
        session.at.radio(key=f"{key}.choice").set_value(right)
    elif exercise.type == "single_choice":
        right = next(i for i, option in enumerate(exercise.options) if option.correct)
        session.at.radio(key=f"{key}.choice").set_value(right)
    else:
        for i, option in enumerate(exercise.options):
            if option.correct:
                session.at.checkbox(key=f"{key}.option.{i}").check()
    press(session, f"{key}.submit")


def walk_module_one(session: Session, modules) -> None:
    """From the module list: open module 1, read every section, answer every exercise."""
    module = next(m for m in modules if m.id == MODULE)
    press(session, f"training.open.{MODULE}")
    for step in module.steps("nl"):
        if step.kind == "lesson":
            assert session.shows(step.title)
        else:
            answer_from_key(session, step.exercise)
            assert session.shows(t("training.feedback.right", "nl", score=100))
        press(session, "training.walk.next")
    assert session.shows(t("training.walk.finish_title", "nl"))
    press(session, "training.walk.finish")


def test_employee_walks_module_one_to_a_pass(new_session, make_user, app_storage, modules):
    session, user = employee_on_training(new_session, make_user)
    assert session.shows(t("training.status.not_started", "nl"))

    walk_module_one(session, modules)

    assert session.shows(t("training.result.passed", "nl", score=100, mark=80))
    attempts = app_storage.list_attempts(user, MODULE)
    assert [(a.score, a.passed) for a in attempts] == [(1.0, True)]

    press(session, "training.walk.back")
    assert session.shows(t("training.status.passed", "nl", score="100%"))
    history = session.at.dataframe[0].value
    assert list(history[t("training.history.score", "nl")]) == ["100%"]


def test_an_exercise_must_be_answered_before_going_on(new_session, make_user, modules):
    session, _ = employee_on_training(new_session, make_user)
    module = next(m for m in modules if m.id == MODULE)
    press(session, f"training.open.{MODULE}")
    for _ in module.lessons["nl"]:
        press(session, "training.walk.next")
    assert session.at.button(key="training.walk.next").disabled

    first = module.exercises["nl"][0]
    wrong = next(i for i, option in enumerate(first.options) if not option.correct)
    session.at.radio(key=f"training.{MODULE}.1.{first.id}.choice").set_value(wrong)
    press(session, f"training.{MODULE}.1.{first.id}.submit")
    assert session.shows(first.options[wrong].feedback)
    assert session.shows(t("training.feedback.wrong", "nl", score=0))
    assert not session.at.button(key="training.walk.next").disabled
    # The first answer counts: the question cannot be answered again in this attempt.
    assert not session.at.main.radio


def test_position_and_answers_survive_sign_out(new_session, make_user, modules):
    session, user = employee_on_training(new_session, make_user)
    module = next(m for m in modules if m.id == MODULE)
    press(session, f"training.open.{MODULE}")
    lessons = len(module.lessons["nl"])
    for _ in range(lessons):
        press(session, "training.walk.next")
    first = module.exercises["nl"][0]
    answer_from_key(session, first)
    press(session, "training.walk.next")
    session.sign_out()

    again = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    steps = len(module.steps("nl"))
    assert again.shows(t("training.status.in_progress", "nl", step=lessons + 2, total=steps))
    press(again, f"training.open.{MODULE}")
    assert step_shown(again) == t("training.walk.step_of", "nl", step=lessons + 2, total=steps)
    press(again, "training.walk.previous")
    assert again.shows(first.question.strip())
    assert again.shows(t("training.feedback.right", "nl", score=100))


def seed_passes(storage: Storage, user: User, modules, skip: str) -> None:
    """Passed attempts at every module but `skip`, stored as the page stores them."""
    progress = LearnerProgress(str(user.id))
    finished = datetime.now(UTC) - timedelta(hours=1)
    for module in modules:
        if module.id == skip:
            continue
        attempt = Attempt(1, "nl", finished - timedelta(minutes=15), finished_at=finished)
        attempt.score, attempt.passed = 1.0, True
        progress.module(module.id).attempts.append(attempt)
        save_module_progress(storage, user, progress, module.id)
        storage.record_attempt(user, module.id, 1.0, True, at=finished)


def test_certificate_after_all_modules_is_found_by_admin(
    new_session, make_user, app_storage, admin, modules
):
    session, user = employee_on_training(new_session, make_user)
    seed_passes(app_storage, user, modules, skip=MODULE)
    session.run()
    assert session.shows(t("training.certificate.not_yet", "nl", passed=5, total=6))
    assert not [b for b in session.at.button if b.key == "training.certificate.issue"]

    walk_module_one(session, modules)
    press(session, "training.walk.back")
    press(session, "training.certificate.issue")

    certificate = app_storage.latest_certificate(user)
    assert certificate is not None
    assert certificate.modules == tuple(m.title("nl") for m in modules)
    assert session.shows(t("training.certificate.issued", "nl"))
    assert session.shows(certificate.code)
    assert session.at.download_button(key="training.certificate.download")
    # A valid certificate is not issued twice.
    assert not [b for b in session.at.button if b.key == "training.certificate.issue"]

    lookup = new_session().sign_in(admin.email, "vier lange woorden achter elkaar")
    lookup.open("admin_certificates.py")
    lookup.fill("admin_certificates.code", certificate.code.replace("-", " ").lower())
    lookup.click(t("training.admin_certificates.submit", "nl"))
    assert lookup.shows(user.name)
    assert lookup.shows(user.email)
    expires = certificate.expires_at.strftime("%Y")
    assert any(expires in text for text in lookup.texts())
    assert app_storage.list_audit(action="certificate_looked_up")[0].target == certificate.code


def seed_position(storage: Storage, user: User, module, position: int) -> None:
    """An attempt in progress at `position`, as if the learner had walked there."""
    progress = LearnerProgress(str(user.id))
    start_or_resume(progress, module, "nl")
    set_position(progress, module, position)
    save_module_progress(storage, user, progress, module.id)


def test_module_five_shows_the_published_rules_and_records_the_acknowledgement(
    new_session, make_user, app_storage, admin, modules
):
    draft = add_custom(
        RuleSet(),
        title={"nl": "Geen roosters online", "en": "No rosters online"},
        rule={"nl": "Zet je diensten nooit online.", "en": "Never post your shifts."},
    )
    published = publish(draft, admin.email)
    app_storage.publish_ruleset(admin, published.version, published.to_document())
    user = make_user("piet@noordchem.example", "employee")
    module = next(m for m in modules if m.id == "conduct-rules")
    steps = module.steps("nl")
    rules_at = next(
        i for i, step in enumerate(steps) if "{conduct_rules}" in getattr(step, "markdown", "")
    )
    seed_position(app_storage, user, module, rules_at)

    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    press(session, "training.open.conduct-rules")
    assert session.shows("Geen roosters online")
    assert session.shows("Zet je diensten nooit online.")

    seed_position(app_storage, user, module, len(steps) - 1)
    session.run()
    assert session.shows(t("training.walk.ack_version", "nl", version=published.version))
    assert session.at.button(key="training.walk.next").disabled
    press(session, "training.walk.ack")
    assert app_storage.has_acknowledged(user, published.version)
    assert session.shows(t("training.walk.acknowledged", "nl"))
    assert not session.at.button(key="training.walk.next").disabled


def test_module_five_says_when_no_rules_are_published(new_session, make_user, app_storage, modules):
    user = make_user("piet@noordchem.example", "employee")
    module = next(m for m in modules if m.id == "conduct-rules")
    steps = module.steps("nl")
    rules_at = next(
        i for i, step in enumerate(steps) if "{conduct_rules}" in getattr(step, "markdown", "")
    )
    seed_position(app_storage, user, module, rules_at)
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    press(session, "training.open.conduct-rules")
    assert session.shows("Er zijn nog geen gedragsregels gepubliceerd")


def test_expiring_certificate_is_announced_once_per_sign_in(data_dir, app_storage, make_user):
    user = make_user("piet@noordchem.example", "employee")
    today = date.today()
    app_storage.issue_certificate(
        user,
        new_verification_code(),
        ["Wat is ondermijning?"],
        today - timedelta(days=350),
        today + timedelta(days=10),
    )

    def app(user_id: int) -> None:
        from app.config import get_settings
        from app.storage import open_storage
        from app.ui.notices_training import show_training_notices

        storage = open_storage(get_settings())
        show_training_notices(storage, storage.get_user(user_id), "nl")

    at = AppTest.from_function(app, args=(user.id,), default_timeout=60).run()
    expires = format_date(today + timedelta(days=10), "nl")
    assert [w.value for w in at.warning] == [t("training.notice.expiring", "nl", date=expires)]
    at.run()
    assert not at.warning


def test_expired_certificate_is_announced(data_dir, app_storage, make_user):
    user = make_user("piet@noordchem.example", "employee")
    today = date.today()
    app_storage.issue_certificate(
        user,
        new_verification_code(),
        ["Wat is ondermijning?"],
        today - timedelta(days=400),
        today - timedelta(days=1),
    )

    def app(user_id: int) -> None:
        from app.config import get_settings
        from app.storage import open_storage
        from app.ui.notices_training import show_training_notices

        storage = open_storage(get_settings())
        show_training_notices(storage, storage.get_user(user_id), "en")

    at = AppTest.from_function(app, args=(user.id,), default_timeout=60).run()
    expired = format_date(today - timedelta(days=1), "en")
    assert [e.value for e in at.error] == [t("training.notice.expired", "en", date=expired)]


def exercise_position(module, exercise_id: str) -> int:
    steps = module.steps("nl")
    return next(
        i
        for i, step in enumerate(steps)
        if step.kind == "exercise" and step.exercise.id == exercise_id
    )


def test_spot_the_leak_grades_marked_words_and_names_what_was_missed(
    new_session, make_user, app_storage, modules
):
    user = make_user("piet@noordchem.example", "employee")
    module = next(m for m in modules if m.id == "posting-safely")
    exercise = module.exercise("nl", "m4-spot-tanker")
    seed_position(app_storage, user, module, exercise_position(module, exercise.id))
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    press(session, "training.open.posting-safely")

    missed = exercise.key[-1]  # the phone number is left unmarked
    words = word_spans(exercise.post)
    chosen = [
        i
        for i, word in enumerate(words)
        for item in exercise.key[:-1]
        if exercise.post.index(item.phrase) <= word.start < word.end
        and word.end <= exercise.post.index(item.phrase) + len(item.phrase)
    ]
    key = f"training.posting-safely.1.{exercise.id}"
    session.at.pills(key=f"{key}.words").set_value(chosen)
    press(session, f"{key}.submit")

    total = len(exercise.key)
    assert session.shows(t("training.feedback.found", "nl", found=total - 1, total=total))
    assert session.shows(
        t("training.feedback.partly", "nl", score=round((total - 1) / total * 100))
    )
    assert session.shows(missed.phrase)
    assert not session.at.button(key="training.walk.next").disabled
    saved = app_storage.load_training_progress(user, module.id)
    attempt = saved["modules"][module.id]["attempts"][0]
    assert attempt["scores"][exercise.id] == pytest.approx((total - 1) / total)


def test_make_it_safe_is_graded_by_the_scanner_and_may_be_retried(
    new_session, make_user, app_storage, modules
):
    user = make_user("piet@noordchem.example", "employee")
    module = next(m for m in modules if m.id == "posting-safely")
    exercise = module.exercise("nl", "m4-safe-night-shift")
    seed_position(app_storage, user, module, exercise_position(module, exercise.id))
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    press(session, "training.open.posting-safely")
    key = f"training.posting-safely.1.{exercise.id}"

    press(session, f"{key}.submit")  # the risky post unchanged
    assert [e.value for e in session.at.main.error] == [MESSAGES["nl"]["unchanged"]]
    assert session.shows(t("training.feedback.still_found", "nl"))
    attempt = app_storage.load_training_progress(user, module.id)["modules"][module.id]
    assert attempt["attempts"][0]["scores"][exercise.id] == 0.0

    session.at.text_area(key=f"{key}.text").input(exercise.example_answer)
    press(session, f"{key}.submit")
    assert session.at.main.success
    attempt = app_storage.load_training_progress(user, module.id)["modules"][module.id]
    assert attempt["attempts"][0]["scores"][exercise.id] == 1.0


def test_unreadable_saved_progress_is_reported_and_the_module_starts_afresh(
    new_session, make_user, app_storage, modules
):
    user = make_user("piet@noordchem.example", "employee")
    app_storage.save_training_progress(user, MODULE, {"learner_id": "1", "modules": "kapot"})
    session = new_session().sign_in(user.email, EMPLOYEE_PASSWORD).open("training.py")
    title = next(m for m in modules if m.id == MODULE).title("nl")
    assert session.shows(t("training.progress_unreadable", "nl", module=title))

    press(session, f"training.open.{MODULE}")
    assert step_shown(session) == t("training.walk.step_of", "nl", step=1, total=11)
    saved = app_storage.load_training_progress(user, MODULE)
    assert saved["modules"][MODULE]["attempts"][0]["position"] == 0
