"""The shipped sample set: fictional employees of fictional companies on the estate
and their posts (data/sample_posts/), for demos, training exercises and HR's sample scan.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from exposure.models import Post
from exposure.sources.dates import parse_iso

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample_posts"
POSTS_FILE = SAMPLE_DIR / "posts.jsonl"
PERSONAS_FILE = SAMPLE_DIR / "personas.yaml"
PLATFORMS = frozenset({"x", "facebook", "instagram", "linkedin", "mastodon", "bluesky"})


class SampleDataError(ValueError):
    """The sample files are damaged; names the file and line."""


@dataclass(frozen=True)
class Persona:
    """A fictional employee whose posts are in the sample set."""

    id: str
    display_name: str
    role: dict[str, str]  # {"nl": ..., "en": ...}
    company: str
    description: dict[str, str]  # {"nl": ..., "en": ...}: who they are and how they post
    platforms: tuple[str, ...] = ()
    demo: bool = False  # the persona the employee's "My exposure" demo uses

    def role_text(self, lang: str = "nl") -> str:
        return self.role.get(lang) or self.role["en"]

    def description_text(self, lang: str = "nl") -> str:
        return self.description.get(lang) or self.description["en"]


def _bilingual(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in ("nl", "en")
    ):
        raise SampleDataError(f"{where}: needs non-empty 'nl' and 'en' texts")
    return {"nl": value["nl"].strip(), "en": value["en"].strip()}


@lru_cache(maxsize=4)
def _personas(path: Path) -> tuple[Persona, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SampleDataError(f"{path}: {exc}") from exc
    entries = data.get("personas") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise SampleDataError(f"{path}: expected a list under 'personas'")
    personas = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path} persona {number}"
        if not isinstance(entry, dict):
            raise SampleDataError(f"{where}: not a mapping")
        for key in ("id", "display_name", "company"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise SampleDataError(f"{where}: missing '{key}'")
        platforms = entry.get("platforms") or []
        if not isinstance(platforms, list) or not set(platforms) <= PLATFORMS:
            raise SampleDataError(f"{where}: unknown platform in {platforms!r}")
        personas.append(
            Persona(
                id=entry["id"],
                display_name=entry["display_name"],
                role=_bilingual(entry.get("role"), f"{where} role"),
                company=entry["company"],
                description=_bilingual(entry.get("description"), f"{where} description"),
                platforms=tuple(platforms),
                demo=bool(entry.get("demo", False)),
            )
        )
    if len({p.id for p in personas}) != len(personas):
        raise SampleDataError(f"{path}: persona ids are not unique")
    return tuple(personas)


@lru_cache(maxsize=4)
def _posts(path: Path) -> tuple[Post, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SampleDataError(f"{path}: {exc}") from exc
    posts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise SampleDataError(f"{where}: {exc}") from exc
        if not isinstance(record, dict):
            raise SampleDataError(f"{where}: not an object")
        for key in ("id", "author", "platform", "created_at", "lang", "text"):
            if not isinstance(record.get(key), str) or not record[key].strip():
                raise SampleDataError(f"{where}: missing '{key}'")
        created_at = parse_iso(record["created_at"])
        if created_at is None or created_at.tzinfo is None:
            raise SampleDataError(f"{where}: created_at needs a date, time and time zone")
        if record["platform"] not in PLATFORMS or record["lang"] not in ("nl", "en"):
            raise SampleDataError(f"{where}: unknown platform or language")
        posts.append(
            Post(
                id=record["id"],
                text=record["text"],
                lang=record["lang"],
                platform=record["platform"],
                created_at=created_at,
                url=record.get("url"),
                author=record["author"],
            )
        )
    return tuple(posts)


def load_personas(path: Path | None = None) -> list[Persona]:
    """The sample personas, in file order."""
    return list(_personas(Path(path or PERSONAS_FILE)))


def load_sample_posts(path: Path | None = None, *, author: str | None = None) -> list[Post]:
    """The sample posts in file order; only those of persona `author` when given."""
    posts = _posts(Path(path or POSTS_FILE))
    return [p for p in posts if author is None or p.author == author]
