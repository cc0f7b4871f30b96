"""The message catalogue: every user-facing string, in Dutch and English.

Each language has a folder `app/locales/<lang>/`; every `*.yaml` file in it is merged
into one flat mapping of dotted keys to `str.format` templates. Several files per
language let separate parts of the app own their own messages without sharing a file.
A key missing at run time is shown as the key itself and logged, so a gap in a
translation never breaks a page; the catalogue tests catch such gaps before release.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import yaml

LANGS: tuple[str, ...] = ("nl", "en")
DEFAULT_LANG = "nl"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

_LOG = logging.getLogger(__name__)


class CatalogueError(Exception):
    """A catalogue file cannot be read or contradicts another file."""


def _flatten(prefix: str, node: object, out: dict[str, str], source: Path) -> None:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if not isinstance(key, str) or not key:
                raise CatalogueError(f"{source}: key {key!r} under {prefix!r} is not text")
            _flatten(f"{prefix}.{key}" if prefix else key, value, out, source)
        return
    if not isinstance(node, str):
        raise CatalogueError(f"{source}: value of {prefix!r} is not text")
    if prefix in out:
        raise CatalogueError(f"{source}: key {prefix!r} is defined twice")
    out[prefix] = node


def load_catalogue(lang: str, locales_dir: Path = LOCALES_DIR) -> dict[str, str]:
    """Read and merge every YAML file of one language; raise CatalogueError on problems."""
    folder = locales_dir / lang
    if not folder.is_dir():
        raise CatalogueError(f"no catalogue folder for language {lang!r}: {folder}")
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise CatalogueError(f"{path}: {exc}") from exc
        if data is None:
            continue
        if not isinstance(data, Mapping):
            raise CatalogueError(f"{path}: the top level must be a mapping of keys to text")
        _flatten("", data, merged, path)
    return merged


@lru_cache(maxsize=len(LANGS))
def _cached_catalogue(lang: str) -> dict[str, str]:
    return load_catalogue(lang)


def normalise_lang(lang: str | None) -> str:
    """The supported language closest to `lang`; the default for anything unknown."""
    if lang:
        short = lang.strip().lower().replace("_", "-").split("-")[0]
        if short in LANGS:
            return short
    return DEFAULT_LANG


def catalogue(lang: str) -> dict[str, str]:
    """All messages of one language (a copy, so callers cannot change the cache)."""
    return dict(_cached_catalogue(normalise_lang(lang)))


def placeholders(template: str) -> set[str]:
    """The names of the `{placeholders}` in a template."""
    names: set[str] = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The message `key` in `lang`, with `params` filled in."""
    messages = _cached_catalogue(normalise_lang(lang))
    template = messages.get(key)
    if template is None:
        _LOG.warning("message %r is missing in language %r", key, lang)
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        _LOG.warning("message %r in %r cannot be filled in: %s", key, lang, exc)
        return template
