"""Compare two versions of a rule set: which rules were added, removed, changed or moved.

Only the rules a version actually shows are compared (for a draft: its accepted
rules), so the diff reads like what employees will notice. Text changes come as
word-level segments for the UI and as a unified diff for files.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from exposure.conduct.catalogue import LANGS
from exposure.conduct.ruleset import TEXT_FIELDS, RuleEntry, RuleSet


@dataclass(frozen=True)
class FieldChange:
    lang: str
    field: str  # one of TEXT_FIELDS
    old: str
    new: str
    segments: tuple[tuple[str, str], ...]  # ("equal" | "delete" | "insert", text)
    unified: str


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    kind: str  # "added", "removed", "changed" or "moved"
    titles: dict[str, str]  # per language, the newest title
    old_position: int | None  # 1-based position among the shown rules
    new_position: int | None
    moved: bool = False
    severity: tuple[int, int] | None = None  # (old, new) when it changed
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class RuleSetDiff:
    from_version: int
    to_version: int
    changes: tuple[RuleChange, ...]
    unchanged: int

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    def summary(self, lang: str = "nl") -> str:
        added, removed = self.count("added"), self.count("removed")
        changed, moved = self.count("changed"), self.count("moved")
        versions = f"{self.from_version} -> {self.to_version}"
        if lang == "en":
            return (
                f"Version {versions}: {added} added, {removed} removed, "
                f"{changed} changed, {moved} moved, {self.unchanged} unchanged."
            )
        return (
            f"Versie {versions}: {added} toegevoegd, {removed} verwijderd, "
            f"{changed} gewijzigd, {moved} verplaatst, {self.unchanged} ongewijzigd."
        )


_WORDS = re.compile(r"\S+|\s+")


def word_segments(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level differences, merged into runs the UI can colour."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    segments: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        else:
            segments.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", "".join(a[i1:i2]))
        else:
            add("delete", "".join(a[i1:i2]))
            add("insert", "".join(b[j1:j2]))
    return tuple(segments)


def _sentences(text: str) -> list[str]:
    return [part + "\n" for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


def _field_changes(old: RuleEntry, new: RuleEntry) -> tuple[FieldChange, ...]:
    changes = []
    for lang in LANGS:
        for name in TEXT_FIELDS:
            before = getattr(old.content(lang), name)
            after = getattr(new.content(lang), name)
            if before == after:
                continue
            unified = "".join(
                difflib.unified_diff(
                    _sentences(before),
                    _sentences(after),
                    fromfile=f"{old.id}/{lang}/{name} (old)",
                    tofile=f"{new.id}/{lang}/{name} (new)",
                    lineterm="\n",
                )
            )
            changes.append(
                FieldChange(
                    lang=lang,
                    field=name,
                    old=before,
                    new=after,
                    segments=word_segments(before, after),
                    unified=unified,
                )
            )
    return tuple(changes)


def _shown(ruleset: RuleSet) -> list[RuleEntry]:
    return list(ruleset.accepted())


def diff(old: RuleSet, new: RuleSet) -> RuleSetDiff:
    """What changed from `old` to `new`, in the order of the new version (removals last)."""
    old_rules, new_rules = _shown(old), _shown(new)
    old_by_id = {rule.id: rule for rule in old_rules}
    new_by_id = {rule.id: rule for rule in new_rules}
    old_pos = {rule.id: i for i, rule in enumerate(old_rules, start=1)}
    new_pos = {rule.id: i for i, rule in enumerate(new_rules, start=1)}

    # A rule has moved when it falls outside the longest run of rules that kept their order;
    # rules merely shifted by an insertion or removal have not.
    old_common = [rule.id for rule in old_rules if rule.id in new_by_id]
    new_common = [rule.id for rule in new_rules if rule.id in old_by_id]
    matcher = difflib.SequenceMatcher(a=old_common, b=new_common, autojunk=False)
    in_order = {
        old_common[block.a + k]
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    }

    changes: list[RuleChange] = []
    unchanged = 0
    for rule in new_rules:
        titles = {lang: rule.content(lang).title for lang in LANGS}
        if rule.id not in old_by_id:
            changes.append(RuleChange(rule.id, "added", titles, None, new_pos[rule.id]))
            continue
        before = old_by_id[rule.id]
        fields = _field_changes(before, rule)
        moved = rule.id not in in_order
        severity = (before.severity, rule.severity) if before.severity != rule.severity else None
        if fields or severity:
            kind = "changed"
        elif moved:
            kind = "moved"
        else:
            unchanged += 1
            continue
        changes.append(
            RuleChange(
                rule.id,
                kind,
                titles,
                old_pos[rule.id],
                new_pos[rule.id],
                moved=moved,
                severity=severity,
                fields=fields,
            )
        )
    for rule in old_rules:
        if rule.id not in new_by_id:
            titles = {lang: rule.content(lang).title for lang in LANGS}
            changes.append(RuleChange(rule.id, "removed", titles, old_pos[rule.id], None))
    return RuleSetDiff(
        from_version=old.version,
        to_version=new.version,
        changes=tuple(changes),
        unchanged=unchanged,
    )
