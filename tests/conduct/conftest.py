"""Fixtures for the conduct-rule tests.

- `make_result(post_id, text, risk, *spans)`: a PostResult whose findings sit at the
  real offsets of each (phrase, label) in `text`, as the scanner would report them.
- `finding_at(text, phrase, label)`: one such Finding.
- `profile`: the fictional sample company profile that ships with the product.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from exposure.models import Finding, PostResult
from exposure.profile import CompanyProfile, sample_profile

RISK_SCORES = {"none": 0.0, "low": 0.3, "medium": 0.6, "high": 0.9}

MakeResult = Callable[..., PostResult]


def finding_at(text: str, phrase: str, label: str) -> Finding:
    start = text.index(phrase)
    return Finding(
        start=start,
        end=start + len(phrase),
        text=phrase,
        label=label,
        source="ner",
        confidence=0.9,
        explanation="test",
    )


@pytest.fixture
def finding() -> Callable[[str, str, str], Finding]:
    return finding_at


@pytest.fixture
def make_result() -> MakeResult:
    def make(post_id: str, text: str, risk: str, *spans: tuple[str, str]) -> PostResult:
        findings = tuple(finding_at(text, phrase, label) for phrase, label in spans)
        return PostResult(
            post_id=post_id,
            text=text,
            lang="nl",
            risk=risk,
            score=RISK_SCORES[risk],
            findings=findings,
        )

    return make


@pytest.fixture(scope="session")
def profile() -> CompanyProfile:
    return sample_profile()
