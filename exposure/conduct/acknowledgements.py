"""Acknowledgement rates per department, without exposing small groups.

HR sees how many people in a department acknowledged a published version, but
only for departments of at least the minimum group size (default 10, never below
5). Smaller departments are hidden, not rounded. Because the overall total is
shown too, hiding a single small department is not enough: total minus the
visible departments would give it away. So the smallest visible departments are
hidden as well until the hidden ones together reach the minimum group size; the
hidden departments are then shown as one combined "other" group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_MIN_GROUP_SIZE = 10
ABSOLUTE_MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class MemberStatus:
    """One employee: their department and the rule-set versions they acknowledged."""

    user_id: str
    department: str | None
    acknowledged_versions: frozenset[int] = frozenset()


@dataclass(frozen=True)
class GroupRate:
    name: str | None  # department name; None for the combined hidden departments
    members: int
    acknowledged: int

    @property
    def rate(self) -> float:
        return self.acknowledged / self.members if self.members else 0.0


@dataclass(frozen=True)
class AcknowledgementStats:
    version: int
    min_group_size: int
    departments: tuple[GroupRate, ...]  # large enough to show, largest first
    other: GroupRate | None  # hidden departments together, when that group is large enough
    hidden_departments: int  # how many departments are not shown by name
    total: GroupRate | None  # everyone; None when fewer people than the minimum group size


def effective_min_group_size(min_group_size: int | None) -> int:
    """The configured minimum group size, but never below the absolute floor of 5."""
    if min_group_size is None:
        return DEFAULT_MIN_GROUP_SIZE
    return max(ABSOLUTE_MIN_GROUP_SIZE, int(min_group_size))


def acknowledgement_rates(
    members: Iterable[MemberStatus],
    version: int,
    min_group_size: int | None = DEFAULT_MIN_GROUP_SIZE,
) -> AcknowledgementStats:
    """Who acknowledged `version`, per department, with small groups hidden."""
    minimum = effective_min_group_size(min_group_size)
    sizes: dict[str | None, int] = defaultdict(int)
    acknowledged: dict[str | None, int] = defaultdict(int)
    seen: set[str] = set()
    for member in members:
        if member.user_id in seen:
            continue  # a person counts once, whatever the input repeats
        seen.add(member.user_id)
        department = (member.department or "").strip() or None
        sizes[department] += 1
        acknowledged[department] += version in member.acknowledged_versions

    groups = [GroupRate(name, sizes[name], acknowledged[name]) for name in sizes]
    visible = sorted(
        (g for g in groups if g.name is not None and g.members >= minimum),
        key=lambda g: (-g.members, g.name or ""),
    )
    hidden = [g for g in groups if g not in visible]
    # Secondary suppression: hidden people together must form a group of `minimum`.
    while hidden and sum(g.members for g in hidden) < minimum and visible:
        hidden.append(visible.pop())  # the smallest visible department
    hidden_members = sum(g.members for g in hidden)
    other = (
        GroupRate(None, hidden_members, sum(g.acknowledged for g in hidden))
        if hidden and hidden_members >= minimum
        else None
    )
    everyone = sum(sizes.values())
    total = GroupRate(None, everyone, sum(acknowledged.values())) if everyone >= minimum else None
    return AcknowledgementStats(
        version=version,
        min_group_size=minimum,
        departments=tuple(visible),
        other=other,
        hidden_departments=len(hidden),
        total=total,
    )
