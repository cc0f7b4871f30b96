"""The consent texts an employee agrees to, kept as versioned files under data/consent/.

Each purpose has one Markdown file per language with YAML front matter naming its
version. What is recorded with a consent is that version plus the language shown,
so the exact words someone agreed to can always be found again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from app.i18n import LANGS, normalise_lang

CONSENT_DIR = Path(__file__).resolve().parents[2] / "data" / "consent"
FETCH_OWN_POSTS = "fetch_own_posts"
SHARE_COUNTS = "share_counts_with_hr"
PURPOSES = (FETCH_OWN_POSTS, SHARE_COUNTS)
_FRONT = "---"


class ConsentTextError(ValueError):
    """A consent file is missing or malformed; the app cannot ask for consent without it."""


@dataclass(frozen=True)
class ConsentText:
    purpose: str
    lang: str
    version: str  # the version in the file's front matter
    body: str  # Markdown, written by the project (not user text)

    @property
    def recorded_version(self) -> str:
        """What goes into the consent record: the text version and the language shown."""
        return f"{self.version}/{self.lang}"


def _parse(path: Path, purpose: str, lang: str) -> ConsentText:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConsentTextError(f"{path}: {exc.strerror}") from None
    lines = raw.splitlines()
    if not lines or lines[0].strip() != _FRONT or _FRONT not in (s.strip() for s in lines[1:]):
        raise ConsentTextError(f"{path}: needs YAML front matter between '---' lines")
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == _FRONT)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        raise ConsentTextError(f"{path}: front matter is not valid YAML: {exc}") from None
    version = str(meta.get("version", "")).strip() if isinstance(meta, dict) else ""
    if not version:
        raise ConsentTextError(f"{path}: front matter needs a 'version'")
    if isinstance(meta, dict) and meta.get("purpose") not in (None, purpose):
        raise ConsentTextError(f"{path}: front matter names purpose {meta.get('purpose')!r}")
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise ConsentTextError(f"{path}: the consent text is empty")
    return ConsentText(purpose=purpose, lang=lang, version=version, body=body)


@lru_cache(maxsize=len(PURPOSES) * len(LANGS))
def _cached(purpose: str, lang: str, directory: Path) -> ConsentText:
    return _parse(directory / f"{purpose}.{lang}.md", purpose, lang)


def consent_text(purpose: str, lang: str, directory: Path = CONSENT_DIR) -> ConsentText:
    """The consent text for `purpose` in `lang` (Dutch for any unknown language)."""
    if purpose not in PURPOSES:
        raise ConsentTextError(f"unknown consent purpose {purpose!r}")
    return _cached(purpose, normalise_lang(lang), directory)
