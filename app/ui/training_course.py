"""The course as the training pages need it: modules, the learner's saved progress, company texts.

Progress is stored per module (one row per learner and module), each row holding a
`LearnerProgress` document with that one module, so saving after a step rewrites
only the module the learner is in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st
from pydantic import ValidationError

from app.storage import Storage, User
from exposure.conduct import RuleSet, RuleSetError, export_markdown
from exposure.profile import CompanyProfile, sample_profile
from training import LearnerProgress, Module, ProgressError, load_modules, placeholder_values
from training.progress import attempts_left
from training.schema import LANGUAGES

_LOG = logging.getLogger(__name__)

ModuleState = Literal["not_started", "in_progress", "passed", "not_passed"]


@st.cache_resource(show_spinner=False)
def course_modules() -> tuple[Module, ...]:
    """Every module in course order; raises training.ContentError when content is invalid.

    Content only changes with a new release, so it is read once per server process.
    """
    return tuple(load_modules())


# --- progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedProgress:
    progress: LearnerProgress
    unreadable: tuple[str, ...]  # modules whose saved progress could not be read


def load_progress(storage: Storage, user: User, modules: Sequence[Module]) -> LoadedProgress:
    """The learner's progress in every module; unreadable saves start that module afresh."""
    progress = LearnerProgress(learner_id=str(user.id))
    unreadable: list[str] = []
    saved = storage.load_all_training_progress(user)
    for module in modules:
        document = saved.get(module.id)
        if document is None:
            continue
        try:
            loaded = LearnerProgress.from_json(json.dumps(document))
        except (ProgressError, TypeError, ValueError):
            _LOG.exception(
                "saved progress of user %s in module %s is unreadable", user.id, module.id
            )
            unreadable.append(module.id)
            continue
        saved_module = loaded.modules.get(module.id)
        if saved_module is None:
            continue
        if any(attempt.lang not in LANGUAGES for attempt in saved_module.attempts):
            _LOG.error(
                "saved progress of user %s in module %s names an unknown language",
                user.id,
                module.id,
            )
            unreadable.append(module.id)
            continue
        progress.modules[module.id] = saved_module
    return LoadedProgress(progress, tuple(unreadable))


def save_module_progress(
    storage: Storage, user: User, progress: LearnerProgress, module_id: str
) -> None:
    """Store the learner's progress in one module, replacing what was saved before."""
    single = LearnerProgress(progress.learner_id, {module_id: progress.module(module_id)})
    storage.save_training_progress(user, module_id, json.loads(single.to_json()))


@dataclass(frozen=True)
class ModuleStatus:
    state: ModuleState
    position: int | None  # the step an attempt in progress resumes at
    steps: int
    attempts: int  # finished attempts
    best_score: float | None
    attempts_left: int | None  # None: unlimited
    passed_before: bool  # passed in an earlier attempt (a retake is in progress)


def module_status(progress: LearnerProgress, module: Module, lang: str) -> ModuleStatus:
    module_progress = progress.modules.get(module.id)
    steps = len(module.steps(lang))
    if module_progress is None or not module_progress.attempts:
        return ModuleStatus(
            "not_started", None, steps, 0, None, attempts_left(progress, module), False
        )
    current = module_progress.current
    passed = module_progress.passed
    if current is not None:
        state: ModuleState = "in_progress"
    else:
        state = "passed" if passed else "not_passed"
    return ModuleStatus(
        state=state,
        position=current.position if current is not None else None,
        steps=steps,
        attempts=len(module_progress.finished_attempts),
        best_score=module_progress.best_score,
        attempts_left=attempts_left(progress, module),
        passed_before=passed and current is not None,
    )


# --- company texts ------------------------------------------------------------------------


@dataclass(frozen=True)
class CompanyTexts:
    values: dict[str, str]  # every placeholder filled in (see training.placeholder_values)
    ruleset_version: int | None  # the published conduct rules shown in the course
    company: str | None  # the company's name for the certificate


def company_profile(storage: Storage) -> CompanyProfile:
    """The saved company profile, or the sample one when none was saved (or it no longer fits)."""
    current = storage.current_profile()
    if current is None:
        return sample_profile()
    try:
        return CompanyProfile.model_validate(dict(current.document))
    except ValidationError:
        _LOG.exception("the stored company profile does not validate; using the sample profile")
        return sample_profile()


def conduct_rules_markdown(document: dict[str, Any], lang: str) -> str | None:
    """A published rule set as Markdown to sit inside a lesson section; None if unusable.

    The export escapes every rule text; its headings move two levels down so they sit
    below the lesson section's own heading.
    """
    try:
        ruleset = RuleSet.from_document(document)
    except RuleSetError:
        _LOG.exception("the published rule set does not validate")
        return None
    if not ruleset.accepted():
        return None
    lines = export_markdown(ruleset, lang).decode("utf-8").splitlines()
    return "\n".join("##" + line if line.startswith("#") else line for line in lines).strip()


def company_texts(storage: Storage, lang: str) -> CompanyTexts:
    profile = company_profile(storage)
    published = storage.latest_published_ruleset()
    rules = conduct_rules_markdown(published.document, lang) if published is not None else None
    company = next((name.strip() for name in profile.company_names if name.strip()), None)
    return CompanyTexts(
        values=placeholder_values(profile, lang, conduct_rules=rules),
        ruleset_version=published.version if published is not None and rules else None,
        company=company,
    )
