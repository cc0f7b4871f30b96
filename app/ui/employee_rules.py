"""Which conduct rule a finding falls under: the published rules, else the catalogue's.

Once HR has published a rule set, a self-check links each finding to that set's
rule for the label. Until then (or when the published set has no rule for a label)
the catalogue's most severe rule for the label stands in, with the company's own
terms filled in, and the page says it is not yet the company's own rule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.storage import Storage
from exposure.conduct import RuleSet, RuleSetError, applicable_rule, default_catalogue
from exposure.conduct.ruleset import RuleEntry, entry_from_catalogue
from exposure.conduct.terms import CompanyTerms
from exposure.profile import CompanyProfile

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class RuleLink:
    rule: RuleEntry
    published_version: int | None  # None: taken from the catalogue, not yet published


class RuleLookup:
    """Answers "which rule applies to this label" for one page run."""

    def __init__(self, published: RuleSet | None, profile: CompanyProfile | None) -> None:
        self.published = published
        self._terms = CompanyTerms.from_profile(profile)
        self._cache: dict[str, RuleLink | None] = {}

    @classmethod
    def from_storage(cls, storage: Storage, profile: CompanyProfile | None) -> RuleLookup:
        latest = storage.latest_published_ruleset()
        published = None
        if latest is not None:
            try:
                published = RuleSet.from_document(latest.document)
            except RuleSetError:
                # A stored version that no longer validates must not hide the page;
                # the catalogue still gives the employee a rule to read.
                _LOG.exception("published rule set %s does not validate", latest.version)
        return cls(published, profile)

    def for_label(self, label: str) -> RuleLink | None:
        if label not in self._cache:
            self._cache[label] = self._find(label)
        return self._cache[label]

    def _find(self, label: str) -> RuleLink | None:
        if self.published is not None:
            rule = applicable_rule(self.published, label)
            if rule is not None:
                return RuleLink(rule, self.published.version)
        candidates = default_catalogue().rules_for_label(label)
        if not candidates:
            return None
        return RuleLink(entry_from_catalogue(candidates[0].id, self._terms), None)
