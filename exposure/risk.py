"""Risk of a post or of a person's posts: the maximum of severities and rules.

The table lives in data/scanner/risk_rules.yaml so it reads as a policy: a
severity per label (or label/kind), and combination rules that raise the level
when details together enable action. An average would let one password drown in
harmless details, so the level is the maximum of everything that applies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from exposure.models import LABELS, RISK_LEVELS

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "scanner" / "risk_rules.yaml"
# Score bands: a level's base score, and how far extra evidence may push it within its band.
LEVEL_BASE = {"none": 0.0, "low": 0.2, "medium": 0.45, "high": 0.75}
BAND_WIDTH = {"none": 0.0, "low": 0.2, "medium": 0.25, "high": 0.25}
STEP = 0.05


@dataclass(frozen=True)
class RiskRule:
    id: str
    requires: tuple[tuple[str, ...], ...]  # all groups must be met; a group by any alternative
    level: str
    reason: dict[str, str]


@dataclass(frozen=True)
class RiskTable:
    severities: dict[str, str]
    kind_severities: dict[str, str]
    rules: tuple[RiskRule, ...]


@dataclass(frozen=True)
class RiskAssessment:
    level: str
    score: float
    reasons: tuple[str, ...]
    rule_ids: tuple[str, ...]


def _check_level(level: str, where: str) -> str:
    if level not in RISK_LEVELS:
        raise ValueError(f"{RULES_PATH}: {where}: unknown level {level!r}")
    return level


def _check_requirement(req: str, where: str) -> None:
    label = req.split("/", 1)[0]
    if label not in LABELS:
        raise ValueError(f"{RULES_PATH}: {where}: unknown label {label!r}")


@lru_cache(maxsize=1)
def risk_table() -> RiskTable:
    data = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    severities = {k: _check_level(v, k) for k, v in data["severities"].items()}
    missing = set(LABELS) - set(severities)
    if missing:
        raise ValueError(f"{RULES_PATH}: no severity for {sorted(missing)}")
    kinds = {k: _check_level(v, k) for k, v in (data.get("kind_severities") or {}).items()}
    rules = []
    for raw in data["rules"]:
        groups = tuple(tuple(g.split("|")) for g in raw["requires"])
        for group in groups:
            for req in group:
                _check_requirement(req, raw["id"])
        rules.append(
            RiskRule(
                id=raw["id"],
                requires=groups,
                level=_check_level(raw["level"], raw["id"]),
                reason={"nl": raw["nl"], "en": raw["en"]},
            )
        )
    return RiskTable(severities, kinds, tuple(rules))


def _rank(level: str) -> int:
    return RISK_LEVELS.index(level)


def assess(items: Iterable[tuple[str, str]], ui_lang: str = "nl") -> RiskAssessment:
    """Risk from (label, kind) pairs of findings; reasons in the UI language."""
    table = risk_table()
    pairs = list(items)
    if not pairs:
        return RiskAssessment("none", 0.0, (), ())
    present = {label for label, _ in pairs} | {f"{label}/{kind}" for label, kind in pairs}
    level = "low"
    for label, kind in pairs:
        severity = table.kind_severities.get(f"{label}/{kind}", table.severities.get(label, "low"))
        if _rank(severity) > _rank(level):
            level = severity
    fired = []
    for rule in table.rules:
        if all(any(req in present for req in group) for group in rule.requires):
            fired.append(rule)
            if _rank(rule.level) > _rank(level):
                level = rule.level
    # Within the level's band, more distinct details and more rules mean a higher score.
    extra = (len({label for label, _ in pairs}) - 1) + sum(
        1 for rule in fired if rule.level == level
    )
    score = LEVEL_BASE[level] + min(BAND_WIDTH[level] - 0.01, STEP * max(0, extra))
    lang = ui_lang if ui_lang in ("nl", "en") else "nl"
    shown = [r for r in fired if _rank(r.level) >= _rank("medium")] or fired
    return RiskAssessment(
        level=level,
        score=round(min(1.0, score), 3),
        reasons=tuple(r.reason[lang] for r in shown),
        rule_ids=tuple(r.id for r in fired),
    )
