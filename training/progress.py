"""A learner's progress through the modules: attempts, answers, scores and position.

Plain dataclasses that serialise to JSON, so storage saves them as they are and a
learner who signs out resumes at the same step with the same answers. The
operations below change a LearnerProgress in place; the caller saves it afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from training.grading import Answer, ExerciseResult, answer_to_dict
from training.module import Module

# Exercises a learner may submit again within one attempt: rewriting until the scanner
# is satisfied is the practice. For the others the first answer counts.
RETRYABLE_TYPES = frozenset({"make_it_safe"})
MAX_JSON_CHARS = 2_000_000


class ProgressError(ValueError):
    """Saved progress is malformed, or an operation does not fit the current state."""


class AttemptsExhausted(ProgressError):
    pass


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Attempt:
    number: int
    lang: str
    started_at: datetime
    position: int = 0  # index into Module.steps(); where the learner resumes
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # see answer_to_dict
    scores: dict[str, float] = field(default_factory=dict)
    acknowledged_at: datetime | None = None
    acknowledged_version: str | None = None  # which published rule set was acknowledged
    finished_at: datetime | None = None
    score: float | None = None
    passed: bool | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass
class ModuleProgress:
    module_id: str
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def current(self) -> Attempt | None:
        """The attempt in progress, if any."""
        if self.attempts and not self.attempts[-1].finished:
            return self.attempts[-1]
        return None

    @property
    def finished_attempts(self) -> list[Attempt]:
        return [a for a in self.attempts if a.finished]

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def passed_at(self) -> datetime | None:
        """When the module was last passed."""
        times = [a.finished_at for a in self.attempts if a.passed and a.finished_at]
        return max(times) if times else None

    @property
    def best_score(self) -> float | None:
        scores = [a.score for a in self.attempts if a.score is not None]
        return max(scores) if scores else None


@dataclass
class LearnerProgress:
    learner_id: str
    modules: dict[str, ModuleProgress] = field(default_factory=dict)

    def module(self, module_id: str) -> ModuleProgress:
        if module_id not in self.modules:
            self.modules[module_id] = ModuleProgress(module_id)
        return self.modules[module_id]

    def to_json(self) -> str:
        return _ADAPTER.dump_json(self).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> LearnerProgress:
        if len(text) > MAX_JSON_CHARS:
            raise ProgressError("saved progress is too large")
        try:
            progress = _ADAPTER.validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ProgressError(f"saved progress is malformed at {where}: {first['msg']}") from None
        for module_progress in progress.modules.values():
            for attempt in module_progress.attempts:
                if attempt.position < 0 or not all(0 <= s <= 1 for s in attempt.scores.values()):
                    raise ProgressError("saved progress holds an impossible position or score")
        return progress


_ADAPTER = TypeAdapter(LearnerProgress)


@dataclass(frozen=True)
class ModuleOutcome:
    module_id: str
    score: float
    passed: bool
    pass_mark: float
    unanswered: tuple[str, ...]
    missing_acknowledgement: bool
    attempts_left: int | None  # None: unlimited


@dataclass(frozen=True)
class HistoryEntry:
    attempt: int
    finished_at: datetime
    score: float
    passed: bool


def attempts_left(progress: LearnerProgress, module: Module) -> int | None:
    if module.meta.max_attempts is None:
        return None
    used = len(progress.module(module.id).finished_attempts)
    return max(0, module.meta.max_attempts - used)


def start_or_resume(
    progress: LearnerProgress, module: Module, lang: str, now: datetime | None = None
) -> Attempt:
    """The attempt in progress, or a new one. Passed modules may be retaken (to renew a
    certificate); an unpassed module refuses once max_attempts is used up."""
    module_progress = progress.module(module.id)
    if module_progress.current is not None:
        return module_progress.current
    left = attempts_left(progress, module)
    if left == 0 and not module_progress.passed:
        raise AttemptsExhausted(f"no attempts left for module {module.id}")
    attempt = Attempt(number=len(module_progress.attempts) + 1, lang=lang, started_at=now or _now())
    module_progress.attempts.append(attempt)
    return attempt


def _current(progress: LearnerProgress, module_id: str) -> Attempt:
    attempt = progress.module(module_id).current
    if attempt is None:
        raise ProgressError(f"module {module_id} has no attempt in progress")
    return attempt


def set_position(progress: LearnerProgress, module: Module, position: int) -> None:
    attempt = _current(progress, module.id)
    attempt.position = max(0, min(position, len(module.steps(attempt.lang))))


def already_answered(progress: LearnerProgress, module: Module, exercise_id: str) -> bool:
    attempt = progress.module(module.id).current
    return attempt is not None and exercise_id in attempt.answers


def record_answer(
    progress: LearnerProgress,
    module: Module,
    exercise_id: str,
    answer: Answer,
    result: ExerciseResult,
) -> None:
    """Keep the learner's answer and its score in the attempt in progress."""
    attempt = _current(progress, module.id)
    exercise = module.exercise(attempt.lang, exercise_id)
    if result.exercise_id != exercise_id:
        raise ProgressError("the result belongs to another exercise")
    if exercise_id in attempt.answers and exercise.type not in RETRYABLE_TYPES:
        raise ProgressError(f"exercise {exercise_id} was already answered in this attempt")
    attempt.answers[exercise_id] = answer_to_dict(answer)
    attempt.scores[exercise_id] = max(result.score, attempt.scores.get(exercise_id, 0.0))


def acknowledge(
    progress: LearnerProgress,
    module: Module,
    version: str | None = None,
    now: datetime | None = None,
) -> None:
    attempt = _current(progress, module.id)
    attempt.acknowledged_at = now or _now()
    attempt.acknowledged_version = version


def module_score(module: Module, scores: dict[str, float]) -> float:
    """Mean of the exercise scores; an unanswered exercise scores 0."""
    ids = module.exercise_ids()
    return sum(scores.get(exercise_id, 0.0) for exercise_id in ids) / len(ids)


def finish_attempt(
    progress: LearnerProgress, module: Module, now: datetime | None = None
) -> ModuleOutcome:
    attempt = _current(progress, module.id)
    score = module_score(module, attempt.scores)
    missing_ack = module.needs_acknowledgement and attempt.acknowledged_at is None
    passed = score >= module.pass_mark - 1e-9 and not missing_ack
    attempt.finished_at = now or _now()
    attempt.score = score
    attempt.passed = passed
    return ModuleOutcome(
        module_id=module.id,
        score=attempt.score,
        passed=passed,
        pass_mark=module.pass_mark,
        unanswered=tuple(i for i in module.exercise_ids() if i not in attempt.answers),
        missing_acknowledgement=missing_ack,
        attempts_left=attempts_left(progress, module),
    )


def score_history(progress: LearnerProgress, module_id: str) -> list[HistoryEntry]:
    """The learner's own finished attempts at a module, oldest first."""
    module_progress = progress.modules.get(module_id)
    if module_progress is None:
        return []
    return [
        HistoryEntry(a.number, a.finished_at, a.score or 0.0, bool(a.passed))
        for a in module_progress.finished_attempts
        if a.finished_at is not None
    ]


def passed_modules(progress: LearnerProgress, modules: Sequence[Module]) -> list[Module]:
    return [m for m in modules if m.id in progress.modules and progress.modules[m.id].passed]


def course_complete(progress: LearnerProgress, modules: Sequence[Module]) -> bool:
    """Every module passed: the learner may receive a certificate."""
    return bool(modules) and len(passed_modules(progress, modules)) == len(modules)
