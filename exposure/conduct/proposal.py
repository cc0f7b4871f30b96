"""Propose conduct rules that fit the risks actually found.

Input is a scan (PostResults from exposure.scanner), the anonymous per-label
counts employees chose to share, or both. The ranking is a documented formula so
HR can explain why a rule came first:

1. Per label L, from the scan of N posts: every post with at least one L finding
   adds its risk weight (none 0.5, low 1, medium 2, high 3), so
   ``scan(L) = sum of risk weights / (3 * N)``: the share of posts that carry L,
   weighted by how risky those posts are (1.0 = every post carries L and is high).
2. From the shared counts, ``shared(L) = count(L) / sum of all counts``.
3. Each source is scaled so its most exposed label is 1.0, and the label's
   exposure is the mean over the sources that are present.
4. A rule scores ``max exposure over its labels * severity weight`` with severity
   weights 1: 2/3, 2: 5/6, 3: 1. A label that dominates therefore puts even its
   mildest rule above the most severe rule of a label seen far less often.
   Ties go to the rule whose labels were found most evenly (mean exposure over
   its labels, so a rule about exactly what was found beats a broader one), then
   catalogue order.
5. Rules scoring above zero are proposed in that order; baseline rules (always
   relevant, such as "deleted is not gone") follow, the most severe first. The
   other catalogue rules are listed as not proposed, so HR can still add them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from exposure.conduct.anonymise import quote
from exposure.conduct.catalogue import LANGS, Catalogue, ConductRule, RuleText, default_catalogue
from exposure.conduct.terms import CompanyTerms
from exposure.models import LABELS, RISK_LEVELS, PostResult

if TYPE_CHECKING:
    from exposure.profile import CompanyProfile

RISK_WEIGHTS: Mapping[str, float] = {"none": 0.5, "low": 1.0, "medium": 2.0, "high": 3.0}
SEVERITY_WEIGHTS: Mapping[int, float] = {1: 2 / 3, 2: 5 / 6, 3: 1.0}
MAX_QUOTES_PER_RULE = 3
MAX_QUOTE_ATTEMPTS = 50
DEFAULT_MIN_GROUP_SIZE = 10
ABSOLUTE_MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class LabelStats:
    """How often and how severely one label was found."""

    label: str
    posts: int = 0  # scanned posts with at least one finding of this label
    medium_risk_posts: int = 0
    high_risk_posts: int = 0
    findings: int = 0
    shared_count: int = 0  # from employees' opt-in counts
    exposure: float = 0.0  # 0..1, 1 = the most exposed label (see module docstring)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "posts": self.posts,
            "medium_risk_posts": self.medium_risk_posts,
            "high_risk_posts": self.high_risk_posts,
            "findings": self.findings,
            "shared_count": self.shared_count,
            "exposure": round(self.exposure, 3),
        }


@dataclass(frozen=True)
class ProposedRule:
    """A catalogue rule with company terms filled in and the reasons it was proposed."""

    rule_id: str
    rank: int
    score: float
    severity: int
    labels: tuple[str, ...]
    topics: tuple[str, ...]
    baseline: bool
    texts: Mapping[str, RuleText]  # per language, placeholders filled in
    reasons: Mapping[str, tuple[str, ...]]  # per language, with the figures
    quotes: tuple[str, ...]  # anonymised phrases from the scanned posts
    sources: tuple[tuple[str, str], ...]  # (title, url)

    def text(self, lang: str) -> RuleText:
        return self.texts["en" if lang == "en" else "nl"]

    def to_dict(self, lang: str) -> dict[str, Any]:
        text = self.text(lang)
        return {
            "rank": self.rank,
            "id": self.rule_id,
            "score": round(self.score, 3),
            "severity": self.severity,
            "labels": list(self.labels),
            "topics": list(self.topics),
            "baseline": self.baseline,
            **text.fields(),
            "reasons": list(self.reasons["en" if lang == "en" else "nl"]),
            "quotes": list(self.quotes),
            "sources": [{"title": title, "url": url} for title, url in self.sources],
        }


@dataclass(frozen=True)
class Proposal:
    """Ranked rule proposal for one company, ready to become a draft rule set."""

    lang: str
    generated_at: datetime
    terms: CompanyTerms
    total_posts: int
    shared_total: int
    shared_people: int | None
    label_stats: tuple[LabelStats, ...]
    rules: tuple[ProposedRule, ...]
    not_proposed: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def company(self) -> str:
        """The company's name from the profile; empty when the profile gives none."""
        return self.terms.company or ""

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "company": self.company,
            "generated_at": self.generated_at.isoformat(),
            "total_posts": self.total_posts,
            "shared_total": self.shared_total,
            "shared_people": self.shared_people,
            "label_stats": [stats.to_dict() for stats in self.label_stats],
            "rules": [rule.to_dict(self.lang) for rule in self.rules],
            "not_proposed": list(self.not_proposed),
            "notes": list(self.notes),
        }


def _validated_counts(shared_counts: Mapping[str, int] | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for label, count in (shared_counts or {}).items():
        if label not in LABELS:
            raise ValueError(f"shared counts: unknown label {label!r}; use one of {list(LABELS)}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"shared counts: {label} must be a whole number >= 0, got {count!r}")
        counts[label] = count
    return counts


def _scaled(values: Mapping[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return {}
    return {label: value / top for label, value in values.items()}


def _label_stats(results: Sequence[PostResult], counts: Mapping[str, int]) -> dict[str, LabelStats]:
    posts = dict.fromkeys(LABELS, 0)
    medium = dict.fromkeys(LABELS, 0)
    high = dict.fromkeys(LABELS, 0)
    findings = dict.fromkeys(LABELS, 0)
    weight = dict.fromkeys(LABELS, 0.0)
    for result in results:
        present: set[str] = set()
        for finding in result.findings:
            if finding.label in posts:
                findings[finding.label] += 1
                present.add(finding.label)
        for label in present:
            posts[label] += 1
            weight[label] += RISK_WEIGHTS.get(result.risk, 1.0)
            medium[label] += result.risk == "medium"
            high[label] += result.risk == "high"
    sources: list[dict[str, float]] = []
    if results:
        sources.append(_scaled({label: weight[label] / (3 * len(results)) for label in LABELS}))
    total_shared = sum(counts.values())
    if total_shared:
        sources.append(_scaled({label: counts.get(label, 0) / total_shared for label in LABELS}))
    sources = [source for source in sources if source]
    exposure = {
        label: (sum(source.get(label, 0.0) for source in sources) / len(sources))
        if sources
        else 0.0
        for label in LABELS
    }
    return {
        label: LabelStats(
            label=label,
            posts=posts[label],
            medium_risk_posts=medium[label],
            high_risk_posts=high[label],
            findings=findings[label],
            shared_count=counts.get(label, 0),
            exposure=exposure[label],
        )
        for label in LABELS
    }


def _label_reasons(
    stats: LabelStats,
    total_posts: int,
    shared_total: int,
    shared_people: int | None,
    catalogue: Catalogue,
    lang: str,
) -> list[str]:
    name = f"{catalogue.vocabulary.label_name(stats.label, lang)} ({stats.label})"
    reasons: list[str] = []
    if stats.posts:
        if lang == "en":
            text = f"{name} found in {stats.posts} of {total_posts} posts"
            if stats.high_risk_posts:
                text += f", {stats.high_risk_posts} of them high-risk"
        else:
            text = f"{name} gevonden in {stats.posts} van de {total_posts} berichten"
            if stats.high_risk_posts:
                text += f", waarvan {stats.high_risk_posts} met hoog risico"
        reasons.append(text + ".")
    if stats.shared_count and shared_total:
        share = round(100 * stats.shared_count / shared_total)
        if lang == "en":
            who = f" ({shared_people} employees)" if shared_people else ""
            reasons.append(
                f"Employees' shared counts{who}: {name} {stats.shared_count} times, "
                f"{share}% of everything shared."
            )
        else:
            who = f" ({shared_people} medewerkers)" if shared_people else ""
            reasons.append(
                f"Gedeelde tellingen van medewerkers{who}: {name} {stats.shared_count} keer, "
                f"{share}% van alles wat gedeeld is."
            )
    return reasons


_BASELINE_REASON = {
    "nl": "Basisregel: geldt altijd, ook als de scan er niets over vond.",
    "en": "Baseline rule: always applies, even when the scan found nothing about it.",
}


def _quotes_for(
    rule: ConductRule,
    riskiest_first: Sequence[PostResult],
    lang: str,
    keep_terms: Sequence[str],
    cache: dict[tuple[str, int, int], str],
) -> tuple[str, ...]:
    if not rule.labels:
        return ()
    quotes: list[str] = []
    tried = 0
    for result in riskiest_first:
        finding = next((f for f in result.findings if f.label in rule.labels), None)
        if finding is None:
            continue
        key = (result.text, finding.start, finding.end)
        if key not in cache:
            cache[key] = quote(result.text, finding, result.findings, lang, keep_terms)
        text = cache[key]
        if text and text not in quotes:
            quotes.append(text)
        tried += 1
        # Copies of one post (reposts, templates) must not make HR wait for variety.
        if len(quotes) >= MAX_QUOTES_PER_RULE or tried >= MAX_QUOTE_ATTEMPTS:
            break
    return tuple(quotes)


def _keep_terms(profile: CompanyProfile | None) -> list[str]:
    if profile is None:
        return []
    terms: list[str] = []
    for attribute in (
        "company_names",
        "site_names",
        "gates_and_buildings",
        "substances",
        "partners",
        "systems",
        "allow_list",
    ):
        terms.extend(str(term) for term in getattr(profile, attribute, []) or [])
    return terms


def _filled(rule: ConductRule, terms: CompanyTerms) -> dict[str, RuleText]:
    filled: dict[str, RuleText] = {}
    for lang in LANGS:
        fields = {key: terms.fill(value, lang) for key, value in rule.text(lang).fields().items()}
        filled[lang] = RuleText.model_construct(**fields)
    return filled


def propose_rules(
    results: Sequence[PostResult] | None,
    shared_counts: Mapping[str, int] | None = None,
    profile: CompanyProfile | CompanyTerms | None = None,
    lang: str = "nl",
    *,
    shared_people: int | None = None,
    catalogue: Catalogue | None = None,
    now: datetime | None = None,
) -> Proposal:
    """Rank the catalogue's rules by the risks found; see the module docstring.

    `shared_counts` maps labels to how often they appear in what employees chose to
    share. When `shared_people` is given and is below the profile's minimum group
    size (never below 5), the counts are left out: HR may only see groups that large.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    catalogue = catalogue or default_catalogue()
    results = list(results or [])
    counts = _validated_counts(shared_counts)
    notes: dict[str, list[str]] = {"nl": [], "en": []}

    if isinstance(profile, CompanyTerms):
        terms, company_profile = profile, None
    else:
        terms, company_profile = CompanyTerms.from_profile(profile, catalogue.vocabulary), profile
    min_group = max(
        ABSOLUTE_MIN_GROUP_SIZE,
        int(getattr(company_profile, "min_group_size", DEFAULT_MIN_GROUP_SIZE) or 0),
    )
    if counts and shared_people is not None and shared_people < min_group:
        counts = {}
        notes["nl"].append(
            f"Gedeelde tellingen niet gebruikt: minder dan {min_group} medewerkers deelden ze."
        )
        notes["en"].append(f"Shared counts not used: fewer than {min_group} employees shared them.")
    if not results and not sum(counts.values()):
        notes["nl"].append(
            "Geen scan en geen gedeelde tellingen: alleen de basisregels zijn voorgesteld."
        )
        notes["en"].append("No scan and no shared counts: only the baseline rules are proposed.")

    stats = _label_stats(results, counts)
    shared_total = sum(counts.values())
    keep_terms = _keep_terms(company_profile)

    scored: list[tuple[tuple, ConductRule, float]] = []
    baseline: list[ConductRule] = []
    not_proposed: list[str] = []
    for index, rule in enumerate(catalogue.rules):
        exposures = [stats[label].exposure for label in rule.labels]
        score = max(exposures, default=0.0) * SEVERITY_WEIGHTS[rule.severity]
        if score > 0:
            focus = sum(exposures) / len(exposures)
            scored.append(((-score, -focus, index), rule, score))
        elif rule.baseline:
            baseline.append(rule)
        else:
            not_proposed.append(rule.id)
    scored.sort(key=lambda item: item[0])
    baseline.sort(key=lambda rule: (-rule.severity, catalogue.index(rule.id)))

    riskiest_first = sorted(
        results,
        key=lambda r: (-RISK_LEVELS.index(r.risk) if r.risk in RISK_LEVELS else 0, -r.score),
    )
    quote_cache: dict[tuple[str, int, int], str] = {}
    proposed: list[ProposedRule] = []
    ordered = [(rule, score) for _, rule, score in scored] + [(rule, 0.0) for rule in baseline]
    for rank, (rule, score) in enumerate(ordered, start=1):
        reasons: dict[str, tuple[str, ...]] = {}
        found = sorted(
            (stats[label] for label in rule.labels if stats[label].exposure > 0),
            key=lambda s: -s.exposure,
        )
        for reason_lang in LANGS:
            lines = [
                line
                for label_stats in found
                for line in _label_reasons(
                    label_stats, len(results), shared_total, shared_people, catalogue, reason_lang
                )
            ]
            if rule.baseline:
                lines.append(_BASELINE_REASON[reason_lang])
            reasons[reason_lang] = tuple(lines)
        proposed.append(
            ProposedRule(
                rule_id=rule.id,
                rank=rank,
                score=score,
                severity=rule.severity,
                labels=rule.labels,
                topics=rule.topics,
                baseline=rule.baseline,
                texts=_filled(rule, terms),
                reasons=reasons,
                quotes=_quotes_for(rule, riskiest_first, lang, keep_terms, quote_cache),
                sources=tuple((source.title, source.url) for source in rule.sources),
            )
        )
    return Proposal(
        lang=lang,
        generated_at=now or datetime.now(UTC),
        terms=terms,
        total_posts=len(results),
        shared_total=shared_total,
        shared_people=shared_people if counts else None,
        label_stats=tuple(stats[label] for label in LABELS),
        rules=tuple(proposed),
        not_proposed=tuple(not_proposed),
        notes=tuple(notes[lang]),
    )
