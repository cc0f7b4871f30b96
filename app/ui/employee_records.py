"""Posts, scan results and dossiers as the JSON documents storage keeps, and back.

Storage keeps what it is handed without interpreting it; these functions fix that
shape in one place, so the self-check, "My exposure" and the report read exactly
what was saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from exposure.models import Dossier, DossierItem, Finding, Post, PostResult


def post_record(post: Post) -> dict[str, Any]:
    return post.to_dict()


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def post_from_record(record: Mapping[str, Any]) -> Post:
    return Post(
        id=str(record.get("id", "")),
        text=str(record.get("text") or ""),
        lang=_text(record.get("lang")),
        platform=_text(record.get("platform")),
        created_at=_datetime(record.get("created_at")),
        url=_text(record.get("url")),
        author=_text(record.get("author")),
    )


def result_record(result: PostResult) -> dict[str, Any]:
    """The CLI's JSON shape, plus what the pages show besides it."""
    record = result.to_json_dict()
    record["text"] = result.text
    record["reasons"] = list(result.reasons)
    record["findings"] = [f.to_dict() for f in result.findings]
    return record


def _finding(record: Mapping[str, Any]) -> Finding | None:
    try:
        return Finding(
            start=int(record["start"]),
            end=int(record["end"]),
            text=str(record.get("text", "")),
            label=str(record["label"]),
            source=str(record.get("source", "")),
            confidence=float(record.get("confidence", 0.0)),
            explanation=str(record.get("explanation", "")),
            kind=str(record.get("kind", "default")),
        )
    except (KeyError, TypeError, ValueError):
        return None


def result_from_record(record: Mapping[str, Any]) -> PostResult:
    findings = tuple(
        f
        for f in (_finding(r) for r in record.get("findings") or () if isinstance(r, Mapping))
        if f
    )
    return PostResult(
        post_id=str(record.get("id", "")),
        text=str(record.get("text") or ""),
        lang=str(record.get("lang") or "nl"),
        risk=str(record.get("risk") or "none"),
        score=float(record.get("score") or 0.0),
        findings=findings,
        reasons=tuple(str(r) for r in record.get("reasons") or ()),
        rewrite=_text(record.get("rewrite")),
    )


def dossier_from_record(record: Mapping[str, Any]) -> Dossier:
    """A Dossier from `exposure.dossier.dossier_to_dict` output."""
    items = [
        DossierItem(
            label=str(item.get("label", "")),
            value=str(item.get("value", "")),
            post_ids=[str(p) for p in item.get("post_ids") or ()],
        )
        for item in record.get("items") or ()
        if isinstance(item, Mapping)
    ]
    return Dossier(
        author=_text(record.get("author")),
        items=items,
        risk=str(record.get("risk") or "none"),
        score=float(record.get("score") or 0.0),
        reasons=[str(r) for r in record.get("reasons") or ()],
        post_count=int(record.get("post_count") or 0),
    )


def posts_from_records(records: Sequence[Mapping[str, Any]]) -> list[Post]:
    return [post_from_record(r) for r in records if isinstance(r, Mapping)]


def results_from_records(records: Sequence[Mapping[str, Any]]) -> list[PostResult]:
    return [result_from_record(r) for r in records if isinstance(r, Mapping)]
