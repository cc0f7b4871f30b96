"""What HR sees of training scores: averages per department, never per person.

Completion and certificate expiry per employee are HR's business; scores are not,
so they are only shown over at least `min_group_size` people. A smaller group is
hidden, not rounded: no count, no average. An average also needs that many people
who actually have a score, otherwise a department of twelve where two people took
the module would show those two people's scores.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_MIN_GROUP_SIZE = 10
SMALLEST_ALLOWED_GROUP = 5


@dataclass(frozen=True)
class EmployeeResult:
    employee_id: str
    department: str
    module_scores: Mapping[str, float] = field(default_factory=dict)  # best score per module
    modules_passed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DepartmentSummary:
    department: str
    hidden: bool  # fewer than min_group_size employees: nothing below is shown
    employees: int | None
    completion_rate: float | None  # share of employees who passed every required module
    average_score: float | None  # mean of each scored employee's mean module score
    module_averages: Mapping[str, float | None] = field(default_factory=dict)


def check_min_group_size(min_group_size: int) -> int:
    if min_group_size < SMALLEST_ALLOWED_GROUP:
        raise ValueError(
            f"min_group_size must be at least {SMALLEST_ALLOWED_GROUP}, got {min_group_size}"
        )
    return min_group_size


def _mean(values: Sequence[float], min_count: int) -> float | None:
    if len(values) < min_count:
        return None
    return round(sum(values) / len(values), 4)


def summarise_departments(
    results: Iterable[EmployeeResult],
    required_modules: Sequence[str],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[DepartmentSummary]:
    """One summary per department, sorted by name; small groups hidden."""
    check_min_group_size(min_group_size)
    groups: dict[str, list[EmployeeResult]] = defaultdict(list)
    for result in results:
        groups[(result.department or "").strip()].append(result)

    summaries = []
    for department in sorted(groups, key=str.casefold):
        members = groups[department]
        if len(members) < min_group_size:
            summaries.append(DepartmentSummary(department, True, None, None, None, {}))
            continue
        required = set(required_modules)
        completed = sum(1 for m in members if required and required <= set(m.modules_passed))
        personal_means = [
            sum(m.module_scores.values()) / len(m.module_scores) for m in members if m.module_scores
        ]
        module_averages = {
            module: _mean(
                [m.module_scores[module] for m in members if module in m.module_scores],
                min_group_size,
            )
            for module in required_modules
        }
        summaries.append(
            DepartmentSummary(
                department=department,
                hidden=False,
                employees=len(members),
                completion_rate=round(completed / len(members), 4),
                average_score=_mean(personal_means, min_group_size),
                module_averages=module_averages,
            )
        )
    return summaries


CSV_TEXTS = {
    "nl": {
        "department": "afdeling",
        "employees": "medewerkers",
        "completed": "afgerond (%)",
        "average": "gemiddelde score (%)",
        "hidden": "verborgen (minder dan {n} medewerkers)",
        "too_few": "te weinig deelnemers",
        "none": "(geen afdeling)",
    },
    "en": {
        "department": "department",
        "employees": "employees",
        "completed": "completed (%)",
        "average": "average score (%)",
        "hidden": "hidden (fewer than {n} employees)",
        "too_few": "too few participants",
        "none": "(no department)",
    },
}


def _csv_cell(value: str) -> str:
    """Spreadsheets run cells that start with these as formulas."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _percent(value: float | None, texts: Mapping[str, str]) -> str:
    return texts["too_few"] if value is None else f"{value * 100:.0f}"


def departments_csv(
    summaries: Sequence[DepartmentSummary],
    lang: str = "nl",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    module_titles: Mapping[str, str] | None = None,
) -> str:
    """The summaries as CSV text; hidden groups appear by name only."""
    texts = CSV_TEXTS.get(lang, CSV_TEXTS["nl"])
    modules = list(module_titles or {})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [texts["department"], texts["employees"], texts["completed"], texts["average"]]
        + [_csv_cell((module_titles or {})[m]) + " (%)" for m in modules]
    )
    for summary in summaries:
        name = _csv_cell(summary.department or texts["none"])
        if summary.hidden:
            hidden = texts["hidden"].format(n=min_group_size)
            writer.writerow([name, hidden, "", ""] + ["" for _ in modules])
            continue
        writer.writerow(
            [
                name,
                str(summary.employees),
                _percent(summary.completion_rate, texts),
                _percent(summary.average_score, texts),
            ]
            + [_percent(summary.module_averages.get(m), texts) for m in modules]
        )
    return buffer.getvalue()
