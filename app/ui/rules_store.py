"""Rule sets between storage and the pages: the draft, the published versions, publishing.

Storage keeps rule sets as JSON documents and never interprets them; this module
turns them into exposure.conduct RuleSets and back, and decides the version number
a draft gets when it is published.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.storage import RuleSetVersionExists, Storage, User
from app.ui import hr_profile
from exposure.conduct import (
    CompanyTerms,
    MemberStatus,
    Proposal,
    RuleSet,
    RuleSetError,
    acknowledgement_rates,
    draft_from_proposal,
    new_draft,
    propose_rules,
    publish,
)
from exposure.conduct.acknowledgements import AcknowledgementStats
from exposure.models import PostResult

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredDraft:
    ruleset: RuleSet
    saved_at: datetime
    saved_by: str | None


def load_draft(storage: Storage) -> StoredDraft | None:
    """The current draft; None when there is none or it can no longer be read."""
    stored = storage.load_ruleset_draft()
    if stored is None:
        return None
    try:
        return StoredDraft(RuleSet.from_document(stored.document), stored.saved_at, stored.saved_by)
    except RuleSetError:
        _LOG.exception("the stored conduct-rule draft does not validate")
        return None


def save_draft(storage: Storage, actor: User, ruleset: RuleSet) -> None:
    storage.save_ruleset_draft(actor, ruleset.to_document())


def published_versions(storage: Storage) -> list[RuleSet]:
    """Every published version that can be read, newest first."""
    versions = []
    for stored in storage.list_published_rulesets():
        try:
            versions.append(RuleSet.from_document(stored.document))
        except RuleSetError:
            _LOG.exception("published conduct rules version %s does not validate", stored.version)
    return versions


def latest_published(storage: Storage) -> RuleSet | None:
    """The rule set employees are asked to read now, if any was published."""
    stored = storage.latest_published_ruleset()
    if stored is None:
        return None
    try:
        return RuleSet.from_document(stored.document)
    except RuleSetError:
        _LOG.exception("published conduct rules version %s does not validate", stored.version)
        return None


def next_version(storage: Storage) -> int:
    latest = storage.latest_published_ruleset()
    return latest.version + 1 if latest is not None else 1


def company_terms(storage: Storage) -> CompanyTerms:
    return CompanyTerms.from_profile(hr_profile.current_company_profile(storage).profile)


def propose(
    storage: Storage,
    actor: User,
    results: Sequence[PostResult] | None,
    *,
    use_shared: bool,
    lang: str,
) -> Proposal:
    """Rank the catalogue by the last HR scan and/or the shared counts HR may see."""
    current = hr_profile.current_company_profile(storage)
    counts, people = None, None
    if use_shared:
        summary = storage.aggregated_shared_counts(
            min_group_size=hr_profile.min_group_size(storage, current.profile), actor=actor
        )
        if summary.total is not None:  # None: fewer people shared than HR may see
            counts, people = summary.total.counts, summary.total.people
    return propose_rules(list(results or []), counts, current.profile, lang, shared_people=people)


def draft_for(storage: Storage, proposal: Proposal) -> RuleSet:
    latest = storage.latest_published_ruleset()
    return draft_from_proposal(
        proposal,
        version=next_version(storage),
        based_on=latest.version if latest is not None else None,
    )


def draft_from_published(storage: Storage, published: RuleSet) -> RuleSet:
    """A new draft holding a published version's rules, all accepted."""
    return new_draft(published).model_copy(update={"version": next_version(storage)})


def publish_draft(storage: Storage, actor: User, draft: RuleSet) -> RuleSet:
    """Publish the draft as the next version; the draft is removed in the same step."""
    for _ in range(2):  # another HR user may have published a version a moment ago
        version = next_version(storage)
        published = publish(draft.model_copy(update={"version": version}), actor.name)
        try:
            storage.publish_ruleset(actor, version, published.to_document())
        except RuleSetVersionExists:
            continue
        return published
    raise RuleSetError("another version was published at the same moment; try again")


@dataclass(frozen=True)
class AcknowledgementOverview:
    version: int
    names: tuple[tuple[str, str, datetime], ...]  # (name, e-mail, when) of who acknowledged
    stats: AcknowledgementStats


def acknowledgement_overview(
    storage: Storage, actor: User, version: int, min_group_size: int
) -> AcknowledgementOverview:
    """Who acknowledged `version` (audited) and the rate per department, small ones hidden."""
    acknowledged = storage.acknowledgements(actor, version)
    ids = {ack.user_id for ack in acknowledged}
    members = [
        MemberStatus(
            user_id=str(user.id),
            department=user.department,
            acknowledged_versions=frozenset({version}) if user.id in ids else frozenset(),
        )
        for user in storage.list_users()
        if user.active
    ]
    return AcknowledgementOverview(
        version=version,
        names=tuple((ack.name, ack.email, ack.acknowledged_at) for ack in acknowledged),
        stats=acknowledgement_rates(members, version, min_group_size),
    )
