"""The figures of the HR overview, as rows for its tables and CSV files.

Completion and certificate expiry per employee are HR's business; scores are only
handed over by storage per department, with small departments already hidden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from app.i18n import t
from app.storage import DepartmentScores, SharedCountsSummary, TrainingStatus
from exposure.models import LABELS
from training import DepartmentSummary, Module, certificate_status
from training.certificate import format_date


def _department_key(value: str | None) -> str | None:
    # The way storage groups departments: trimmed, an empty one is none.
    text = " ".join((value or "").split())
    return text or None


def _percent(value: float | None, lang: str) -> str:
    return t("hr_overview.too_few", lang) if value is None else f"{round(value * 100)}%"


def passed_all(status: TrainingStatus, module_ids: Sequence[str]) -> bool:
    return bool(module_ids) and set(module_ids) <= set(status.modules_passed)


def certificate_text(status: TrainingStatus, lang: str, today: date | None, warn_days: int) -> str:
    expires = status.certificate_expires_at
    if expires is None:
        return t("hr_overview.certificate.none", lang)
    state = certificate_status(expires, today=today, warn_days=warn_days)
    return t(f"hr_overview.certificate.{state}", lang)


def employee_rows(
    statuses: Sequence[TrainingStatus],
    modules: Sequence[Module],
    lang: str,
    *,
    warn_days: int,
    today: date | None = None,
) -> list[dict[str, str]]:
    """One row per employee: what was passed and when the certificate expires. No scores."""
    module_ids = [module.id for module in modules]
    rows = []
    for status in statuses:
        passed = [m for m in module_ids if m in status.modules_passed]
        rows.append(
            {
                t("hr_overview.col.name", lang): status.name,
                t("hr_overview.col.email", lang): status.email,
                t("hr_overview.col.department", lang): status.department
                or t("hr_overview.no_department", lang),
                t("hr_overview.col.modules_passed", lang): f"{len(passed)} / {len(module_ids)}",
                t("hr_overview.col.completed", lang): t(
                    "hr_overview.yes" if passed_all(status, module_ids) else "hr_overview.no",
                    lang,
                ),
                t("hr_overview.col.last_passed", lang): format_date(
                    status.last_passed_at.date(), lang
                )
                if status.last_passed_at
                else "",
                t("hr_overview.col.certificate_expires", lang): format_date(
                    status.certificate_expires_at, lang
                )
                if status.certificate_expires_at
                else "",
                t("hr_overview.col.certificate", lang): certificate_text(
                    status, lang, today, warn_days
                ),
            }
        )
    return rows


def department_summaries(
    scores: Sequence[DepartmentScores],
    statuses: Sequence[TrainingStatus],
    modules: Sequence[Module],
) -> list[DepartmentSummary]:
    """Storage's department scores with each shown department's completion rate added."""
    module_ids = [module.id for module in modules]
    completed: dict[str | None, int] = {}
    for status in statuses:
        key = _department_key(status.department)
        completed[key] = completed.get(key, 0) + passed_all(status, module_ids)
    summaries = []
    for group in scores:
        if group.hidden or not group.employees:
            summaries.append(DepartmentSummary(group.department or "", True, None, None, None, {}))
            continue
        summaries.append(
            DepartmentSummary(
                department=group.department or "",
                hidden=False,
                employees=group.employees,
                completion_rate=round(completed.get(group.department, 0) / group.employees, 4),
                average_score=group.average_score,
                module_averages={m: group.module_averages.get(m) for m in module_ids},
            )
        )
    return summaries


def department_rows(
    summaries: Sequence[DepartmentSummary],
    modules: Sequence[Module],
    lang: str,
    min_group_size: int,
) -> list[dict[str, str]]:
    rows = []
    for summary in summaries:
        row = {
            t("hr_overview.col.department", lang): summary.department
            or t("hr_overview.no_department", lang)
        }
        if summary.hidden:
            hidden = t("hr_overview.hidden", lang, n=min_group_size)
            row[t("hr_overview.col.employees", lang)] = hidden
            row[t("hr_overview.col.completion", lang)] = ""
            row[t("hr_overview.col.average", lang)] = ""
            row.update({module.title(lang): "" for module in modules})
        else:
            row[t("hr_overview.col.employees", lang)] = str(summary.employees)
            row[t("hr_overview.col.completion", lang)] = _percent(summary.completion_rate, lang)
            row[t("hr_overview.col.average", lang)] = _percent(summary.average_score, lang)
            row.update(
                {
                    module.title(lang): _percent(summary.module_averages.get(module.id), lang)
                    for module in modules
                }
            )
        rows.append(row)
    return rows


def shared_count_rows(summary: SharedCountsSummary, lang: str) -> list[dict[str, str | int]]:
    """Groups HR may see (each of at least the minimum size), counts per label."""
    groups = [
        (g.department or t("hr_overview.no_department", lang), g) for g in summary.departments
    ]
    if summary.other is not None:
        groups.append((t("hr_overview.shared.other", lang), summary.other))
    if summary.total is not None:
        groups.append((t("hr_overview.shared.everyone", lang), summary.total))
    rows: list[dict[str, str | int]] = []
    for name, group in groups:
        row: dict[str, str | int] = {
            t("hr_overview.shared.group", lang): name,
            t("hr_overview.shared.people", lang): group.people,
        }
        row.update({label_name(label, lang): group.counts.get(label, 0) for label in LABELS})
        rows.append(row)
    return rows


def label_name(label: str, lang: str) -> str:
    return t(f"training.label.{label}", lang)


def module_titles(modules: Sequence[Module], lang: str) -> Mapping[str, str]:
    return {module.id: module.title(lang) for module in modules}
