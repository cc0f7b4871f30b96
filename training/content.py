"""Load and check training modules from content files.

A module is a folder under data/training/ holding:

    module.yaml           metadata in both languages, pass mark, minutes, sources
    lesson.nl.md          the lesson, split into steps at each `## ` heading
    lesson.en.md
    exercises.nl.yaml     the exercises (see training.schema)
    exercises.en.yaml

Adding a folder adds a module; no code changes. Every problem found is reported
with the file and field it is in, and all problems are collected before failing,
so an author fixes them in one go.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from training.module import (
    LITERAL_FIELDS,
    LITERAL_LIST_FIELDS,
    LessonStep,
    Module,
    text_fields,
)
from training.placeholders import PLACEHOLDERS, find_placeholders, unknown_placeholders
from training.schema import (
    EXERCISE_TYPES,
    LANGUAGES,
    MAX_MINUTES,
    MIN_MINUTES,
    Exercise,
    ExerciseFile,
    ModuleMeta,
)

CONTENT_ROOT = Path(__file__).resolve().parent.parent / "data" / "training"
MAX_FILE_BYTES = 512 * 1024
# How far the `minutes` an author states may be from the estimate.
MINUTES_TOLERANCE = 3.0

URL_PATTERN = re.compile(r"\bhttps?://[^\s)>\]\"']+")


@dataclass(frozen=True)
class ContentIssue:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Training content is invalid; `issues` names every file and field at fault."""

    def __init__(self, issues: list[ContentIssue]):
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


# --- reading files -------------------------------------------------------------------------


def _read_text(path: Path, root: Path, issues: list[ContentIssue]) -> str | None:
    name = _display(path, root)
    if not path.is_file():
        issues.append(ContentIssue(name, "", "file is missing"))
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        issues.append(ContentIssue(name, "", f"file is larger than {MAX_FILE_BYTES} bytes"))
        return None
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issues.append(ContentIssue(name, "", f"not valid UTF-8 at byte {exc.start}"))
        return None


def _read_yaml(path: Path, root: Path, issues: list[ContentIssue]) -> Any:
    text = _read_text(path, root, issues)
    if text is None:
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        issues.append(ContentIssue(_display(path, root), where, f"invalid YAML: {problem}"))
        return None


def _display(path: Path, root: Path) -> str:
    """The path as an author types it: relative to the working directory where possible."""
    for base in (Path.cwd(), root.parent):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def _validation_issues(
    exc: ValidationError, file: str, raw: Any, issues: list[ContentIssue]
) -> None:
    for error in exc.errors():
        loc = list(error["loc"])
        parts: list[str] = []
        for index, part in enumerate(loc):
            if isinstance(part, int):
                parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
                if index == 1 and loc[0] == "exercises":
                    exercise_id = _exercise_id(raw, part)
                    if exercise_id:
                        parts[-1] += f" (id {exercise_id})"
            elif part in EXERCISE_TYPES and index == 2:
                continue  # the discriminator tag pydantic adds to the path
            else:
                parts.append(str(part))
        message = error["msg"].removeprefix("Value error, ")
        issues.append(ContentIssue(file, ".".join(parts), message))


def _exercise_id(raw: Any, index: int) -> str | None:
    try:
        value = raw["exercises"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return str(value)


def parse_lesson(text: str, file: str, issues: list[ContentIssue]) -> tuple[LessonStep, ...]:
    """Split a lesson into steps at its `## ` headings."""
    sections: list[LessonStep] = []
    title: str | None = None
    body: list[str] = []
    preamble: list[str] = []

    def close() -> None:
        if title is None:
            return
        markdown = "\n".join(body).strip()
        if not markdown:
            issues.append(ContentIssue(file, f"section {title!r}", "section has no text"))
        sections.append(LessonStep(title=title, markdown=markdown))

    for line in text.splitlines():
        if line.startswith("## "):
            close()
            title, body = line[3:].strip(), []
        elif title is None:
            preamble.append(line)
        else:
            body.append(line)
    close()
    if "\n".join(preamble).strip():
        issues.append(ContentIssue(file, "line 1", "text before the first '## ' heading"))
    if not sections:
        issues.append(ContentIssue(file, "", "lesson has no '## ' sections"))
    return tuple(sections)


# --- checks --------------------------------------------------------------------------------


def _check_placeholders_in_lesson(text: str, file: str, issues: list[ContentIssue]) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        for token in unknown_placeholders(line):
            issues.append(ContentIssue(file, f"line {number}", f"unknown placeholder {token}"))
        for name in find_placeholders(line):
            if name in PLACEHOLDERS and PLACEHOLDERS[name].block:
                if line.strip() != "{" + name + "}":
                    issues.append(
                        ContentIssue(
                            file,
                            f"line {number}",
                            f"{{{name}}} must stand alone on its own line",
                        )
                    )


def _check_exercise_texts(
    exercise: Exercise, index: int, file: str, issues: list[ContentIssue]
) -> None:
    prefix = f"exercises[{index}] (id {exercise.id})"
    for path, name, text in text_fields(exercise.model_dump()):
        where = f"{prefix}.{path}"
        if name in LITERAL_FIELDS or name in LITERAL_LIST_FIELDS:
            if find_placeholders(text) or unknown_placeholders(text):
                issues.append(
                    ContentIssue(file, where, "placeholders are not allowed in post text")
                )
            continue
        for token in unknown_placeholders(text):
            issues.append(ContentIssue(file, where, f"unknown placeholder {token}"))
        for placeholder in find_placeholders(text):
            if placeholder in PLACEHOLDERS and PLACEHOLDERS[placeholder].block:
                issues.append(
                    ContentIssue(file, where, f"{{{placeholder}}} may only be used in a lesson")
                )


def _check_links(
    text: str, file: str, where: str, known: set[str], issues: list[ContentIssue]
) -> set[str]:
    cited = set()
    for url in URL_PATTERN.findall(text):
        url = url.rstrip(".,;:")
        if not url.startswith("https://"):
            issues.append(ContentIssue(file, where, f"link {url} must use https"))
        elif url not in known:
            issues.append(
                ContentIssue(file, where, f"link {url} is not listed under sources in module.yaml")
            )
        cited.add(url)
    return cited


def _exercise_shape(exercise: Exercise) -> tuple:
    """What must be identical between the language versions of one exercise."""
    if exercise.type in ("single_choice", "multiple_choice"):
        return (exercise.id, exercise.type, tuple(o.correct for o in exercise.options))
    if exercise.type == "what_do_you_do":
        return (exercise.id, exercise.type, tuple(c.right for c in exercise.choices))
    if exercise.type == "spot_the_leak":
        return (exercise.id, exercise.type, tuple(sorted(k.label for k in exercise.key)))
    return (exercise.id, exercise.type)


def _check_parity(module: Module, folder: str, issues: list[ContentIssue]) -> None:
    first, *others = LANGUAGES
    for lang in others:
        if len(module.lessons[lang]) != len(module.lessons[first]):
            issues.append(
                ContentIssue(
                    f"{folder}/lesson.{lang}.md",
                    "",
                    f"has {len(module.lessons[lang])} sections, "
                    f"lesson.{first}.md has {len(module.lessons[first])}",
                )
            )
        ours, theirs = module.exercises[lang], module.exercises[first]
        if [e.id for e in ours] != [e.id for e in theirs]:
            issues.append(
                ContentIssue(
                    f"{folder}/exercises.{lang}.yaml",
                    "exercises",
                    f"ids {[e.id for e in ours]} differ from exercises.{first}.yaml "
                    f"{[e.id for e in theirs]} (same ids, same order)",
                )
            )
            continue
        for index, (mine, base) in enumerate(zip(ours, theirs, strict=True)):
            if _exercise_shape(mine) != _exercise_shape(base):
                issues.append(
                    ContentIssue(
                        f"{folder}/exercises.{lang}.yaml",
                        f"exercises[{index}] (id {mine.id})",
                        f"type, correct answers or key labels differ from exercises.{first}.yaml",
                    )
                )


def _check_minutes(module: Module, folder: str, issues: list[ContentIssue]) -> None:
    for lang in LANGUAGES:
        estimate = module.estimated_minutes(lang)
        if not MIN_MINUTES <= estimate <= MAX_MINUTES:
            issues.append(
                ContentIssue(
                    f"{folder}/module.yaml",
                    "minutes",
                    f"the {lang} version takes about {estimate} minutes; "
                    f"a module must take {MIN_MINUTES}-{MAX_MINUTES}",
                )
            )
        elif abs(estimate - module.minutes) > MINUTES_TOLERANCE:
            issues.append(
                ContentIssue(
                    f"{folder}/module.yaml",
                    "minutes",
                    f"states {module.minutes} but the {lang} version takes about {estimate}",
                )
            )


def _load_module(folder: Path, root: Path, issues: list[ContentIssue]) -> Module | None:
    before = len(issues)
    name = _display(folder, root)
    raw_meta = _read_yaml(folder / "module.yaml", root, issues)
    meta: ModuleMeta | None = None
    if raw_meta is not None:
        try:
            meta = ModuleMeta.model_validate(raw_meta)
        except ValidationError as exc:
            _validation_issues(exc, f"{name}/module.yaml", raw_meta, issues)

    lessons: dict[str, tuple[LessonStep, ...]] = {}
    exercises: dict[str, tuple[Exercise, ...]] = {}
    known = {source.url for source in meta.sources} if meta else set()
    cited: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}

    for lang in LANGUAGES:
        lesson_file = f"{name}/lesson.{lang}.md"
        text = _read_text(folder / f"lesson.{lang}.md", root, issues)
        if text is not None:
            lessons[lang] = parse_lesson(text, lesson_file, issues)
            _check_placeholders_in_lesson(text, lesson_file, issues)
            cited[lang] |= _check_links(text, lesson_file, "", known, issues)

        exercise_file = f"{name}/exercises.{lang}.yaml"
        raw = _read_yaml(folder / f"exercises.{lang}.yaml", root, issues)
        if raw is None:
            continue
        if isinstance(raw, dict) and isinstance(raw.get("exercises"), list):
            for index, item in enumerate(raw["exercises"]):
                if isinstance(item, dict):
                    if item.setdefault("lang", lang) != lang:
                        issues.append(
                            ContentIssue(
                                exercise_file,
                                f"exercises[{index}].lang",
                                f"must be {lang!r}, the language of the file",
                            )
                        )
                        item["lang"] = lang
        try:
            parsed = ExerciseFile.model_validate(raw)
        except ValidationError as exc:
            _validation_issues(exc, exercise_file, raw, issues)
            continue
        exercises[lang] = tuple(parsed.exercises)
        for index, exercise in enumerate(parsed.exercises):
            _check_exercise_texts(exercise, index, exercise_file, issues)
            for path, _, value in text_fields(exercise.model_dump()):
                where = f"exercises[{index}] (id {exercise.id}).{path}"
                cited[lang] |= _check_links(value, exercise_file, where, known, issues)

    if meta is not None:
        for text_field in ("acknowledgement",):
            value = getattr(meta, text_field)
            for lang in LANGUAGES:
                if value is not None:
                    for token in unknown_placeholders(value.get(lang)):
                        issues.append(
                            ContentIssue(
                                f"{name}/module.yaml",
                                f"{text_field}.{lang}",
                                f"unknown placeholder {token}",
                            )
                        )
        for lang in LANGUAGES:
            if lang not in lessons or lang not in exercises:
                continue  # already reported; citations cannot be judged on half a module
            for source in meta.sources:
                if source.url not in cited[lang]:
                    issues.append(
                        ContentIssue(
                            f"{name}/module.yaml",
                            f"sources (id {source.id})",
                            f"is not cited in the {lang} lesson or exercises",
                        )
                    )

    if len(issues) > before or meta is None:
        return None
    module = Module(meta=meta, path=folder, lessons=lessons, exercises=exercises)
    _check_parity(module, name, issues)
    _check_minutes(module, name, issues)
    return module if len(issues) == before else None


@dataclass
class ValidationReport:
    modules: list[Module] = field(default_factory=list)
    issues: list[ContentIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues


def validate_content(root: Path | str | None = None) -> ValidationReport:
    """Check every module under `root`; collects all issues instead of stopping at one."""
    root = Path(root) if root is not None else CONTENT_ROOT
    report = ValidationReport()
    if not root.is_dir():
        report.issues.append(ContentIssue(str(root), "", "content folder does not exist"))
        return report
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    for folder in folders:
        module = _load_module(folder, root, report.issues)
        if module is not None:
            report.modules.append(module)
    if not folders:
        report.issues.append(ContentIssue(str(root), "", "no module folders found"))

    for attr in ("id", "order"):
        counts = Counter(getattr(m.meta, attr) for m in report.modules)
        for value, count in counts.items():
            if count > 1:
                report.issues.append(
                    ContentIssue(
                        str(root.name), "", f"module {attr} {value!r} is used {count} times"
                    )
                )
    report.modules.sort(key=lambda m: m.meta.order)
    return report


def load_modules(root: Path | str | None = None) -> list[Module]:
    """All modules in course order; raises ContentError naming every problem."""
    report = validate_content(root)
    if report.issues:
        raise ContentError(report.issues)
    return report.modules
