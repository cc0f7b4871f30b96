"""Fill template families (YAML) with list values and Faker values into annotated posts.

A family file holds `families:`, each with a name, lang, count, templates and
optional local slots. Templates are corpus markup with `{SLOT}` placeholders; slot
values may carry markup and further placeholders themselves, so a list such as
`SECURITY_ISSUE` can hold whole annotated phrases. Files whose name starts with
`_` hold shared slot lists (`common:`, `nl:`, `en:`), not families.

Filling is deterministic: every family gets its own random stream derived from
the build seed and the family name, so adding a family does not reshuffle others.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from faker import Faker

from exposure.corpus import identifiers
from exposure.corpus.markup import LANGS, CorpusPost, MarkupError, parse_post

DEFAULT_SEED = 20210311
_SLOT = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_MAX_DEPTH = 8
_LABEL_TAIL = re.compile(r"\|[A-Z]+\]\]")
_DOUBLE_STOP = re.compile(r"\.\|([A-Z]+)\]\]\.")
_FAKER_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


class TemplateError(ValueError):
    """A template family that cannot be loaded or filled, with its file and family."""


@dataclass(frozen=True)
class TemplateFamily:
    name: str
    lang: str
    count: int
    templates: tuple[str, ...]
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)
    style: str | None = None
    source: str = "<string>"


@dataclass
class SlotLibrary:
    """Shared slot lists: per language first, then common to both."""

    by_lang: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def lookup(self, lang: str, name: str) -> tuple[str, ...] | None:
        for key in (lang, "common"):
            values = self.by_lang.get(key, {}).get(name)
            if values:
                return values
        return None


def _as_str_tuple(values: object, where: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise TemplateError(f"{where}: expected a non-empty list")
    out = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise TemplateError(f"{where}: list items must be text, got {value!r}")
        out.append(str(value))
    return tuple(out)


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read YAML: {exc}") from None


def load_slot_library(paths: list[Path]) -> SlotLibrary:
    library = SlotLibrary()
    for path in paths:
        data = _read_yaml(path)
        if not isinstance(data, dict):
            raise TemplateError(f"{path}: expected a mapping with common:, nl: or en:")
        for key, slots in data.items():
            if key not in ("common", *LANGS) or not isinstance(slots, dict):
                raise TemplateError(f"{path}: top-level keys are common, nl, en (got {key!r})")
            target = library.by_lang.setdefault(key, {})
            for name, values in slots.items():
                if name in target:
                    raise TemplateError(f"{path}: slot {key}.{name} is defined twice")
                target[name] = _as_str_tuple(values, f"{path}: slot {key}.{name}")
    return library


def load_families(path: Path) -> list[TemplateFamily]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("families"), list):
        raise TemplateError(f"{path}: expected a top-level 'families:' list")
    families = []
    for index, raw in enumerate(data["families"]):
        where = f"{path}: family #{index + 1}"
        if not isinstance(raw, dict):
            raise TemplateError(f"{where}: expected a mapping")
        name = raw.get("name")
        lang = raw.get("lang")
        count = raw.get("count")
        if not isinstance(name, str) or not name:
            raise TemplateError(f"{where}: needs a name")
        where = f"{path}: family {name!r}"
        if lang not in LANGS:
            raise TemplateError(f"{where}: lang must be nl or en")
        if not isinstance(count, int) or not 1 <= count <= 2000:
            raise TemplateError(f"{where}: count must be a whole number 1..2000")
        slots = raw.get("slots") or {}
        if not isinstance(slots, dict):
            raise TemplateError(f"{where}: slots must be a mapping")
        families.append(
            TemplateFamily(
                name=name,
                lang=lang,
                count=count,
                templates=_as_str_tuple(raw.get("templates"), f"{where}: templates"),
                slots={k: _as_str_tuple(v, f"{where}: slot {k}") for k, v in slots.items()},
                style=raw.get("style"),
                source=str(path),
            )
        )
    return families


def _generators(fake: Faker, rng: random.Random, lang: str) -> dict[str, Callable[[], str]]:
    """Slots filled by code rather than lists: names, identifiers, times."""

    def email() -> str:
        first = _ascii(fake.first_name()).lower()
        last = _ascii(fake.last_name()).lower().replace(" ", "")
        domain = rng.choice(
            ("noordchem.nl", "deltapolymers.com", "eemshaven-tankopslag.nl", "gmail.com",
             "hotmail.com", "outlook.com", "oosterhornlogistics.nl", "wadden-terminals.nl")
        )  # fmt: skip
        sep = rng.choice((".", "", "_"))
        return f"{first}{sep}{last}@{domain}"

    def time() -> str:
        hour = rng.choice((0, 2, 3, 4, 5, 6, 6, 7, 8, 13, 14, 15, 18, 19, 20, 21, 22, 22, 23))
        minute = rng.choice((0, 0, 0, 15, 30, 30, 45))
        roll = rng.random()
        if roll < 0.65:
            return f"{hour:02d}:{minute:02d}"
        if roll < 0.75:
            return f"{hour}.{minute:02d}"
        twelve = hour % 12 or 12
        if lang == "nl":
            return rng.choice((f"{twelve} uur", f"{hour}u", f"half {twelve % 12 + 1}"))
        return rng.choice((f"{twelve}am" if hour < 12 else f"{twelve}pm", f"{twelve} o'clock"))

    return {
        "PERSON": lambda: f"{fake.first_name()} {fake.last_name()}",
        "FIRST_NAME": fake.first_name,
        "LAST_NAME": fake.last_name,
        "CITY": fake.city,
        "STREET_ADDRESS": fake.street_address,
        "EMAIL": email,
        "PHONE": lambda: identifiers.phone(rng, lang),
        "NL_MOBILE": lambda: identifiers.nl_mobile(rng),
        "BAD_PHONE": lambda: identifiers.bad_phone(rng),
        "PLATE": lambda: identifiers.plate(rng),
        "BAD_PLATE": lambda: identifiers.bad_plate(rng),
        "CONTAINER": lambda: identifiers.container(rng),
        "BAD_CONTAINER": lambda: identifiers.bad_container(rng),
        "IBAN": lambda: identifiers.iban_nl(rng),
        "BAD_IBAN": lambda: identifiers.bad_iban(rng),
        "BSN": lambda: identifiers.bsn_number(rng),
        "BADGE_NO": lambda: identifiers.badge_number(rng),
        "TIME": time,
        "NUM": lambda: str(rng.randint(2, 40)),
        "SMALLNUM": lambda: str(rng.randint(2, 9)),
        "BIGNUM": lambda: str(rng.choice((50, 80, 100, 120, 150, 200, 250, 400, 500, 800))),
        "MONEY": lambda: f"{rng.choice((2, 3, 4, 5, 6, 8, 12, 15, 18, 25, 40))}.000",
        "YEAR": lambda: str(rng.randint(2, 25)),
    }


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def family_seed(seed: int, name: str) -> int:
    return (seed * 1_000_003) ^ zlib.crc32(name.encode("utf-8"))


def fill_family(
    family: TemplateFamily, library: SlotLibrary, seed: int = DEFAULT_SEED
) -> list[CorpusPost]:
    """Generate `family.count` annotated posts from one family, deterministically."""
    own_seed = family_seed(seed, family.name)
    rng = random.Random(own_seed)
    fake = Faker(_FAKER_LOCALES[family.lang])
    fake.seed_instance(own_seed)
    generators = _generators(fake, rng, family.lang)

    def value_of(name: str) -> str:
        values = family.slots.get(name) or library.lookup(family.lang, name)
        if values:
            return rng.choice(values)
        if name in generators:
            return generators[name]()
        raise TemplateError(f"{family.source}: family {family.name!r}: unknown slot {{{name}}}")

    def expand(text: str, depth: int) -> str:
        if depth > _MAX_DEPTH:
            raise TemplateError(f"{family.source}: family {family.name!r}: slots nest too deep")
        return _SLOT.sub(lambda m: expand(value_of(m.group(1)), depth + 1), text)

    posts = []
    for index in range(family.count):
        template = family.templates[index % len(family.templates)]
        if index >= len(family.templates):
            template = rng.choice(family.templates)
        # A value ending in "." (B.V.) before a sentence-final "." would read "B.V.."
        markup = _DOUBLE_STOP.sub(r".|\1]]", expand(template, 0))
        if family.style == "chat" and rng.random() < 0.3:
            # Chat is often typed without capitals; lower() keeps offsets for these scripts.
            lowered = markup.lower()
            if len(lowered) == len(markup):
                markup = _restore_labels(markup, lowered)
        try:
            post = parse_post(markup, family.lang, source=f"{family.source}:{family.name}")
        except MarkupError as exc:
            raise TemplateError(
                f"{family.source}: family {family.name!r}: template {template!r} "
                f"gave bad markup: {exc.message}"
            ) from None
        posts.append(
            CorpusPost(
                text=post.text,
                lang=family.lang,
                spans=post.spans,
                style=family.style,
                source=post.source,
                meta={"family": family.name, "index": index},
            )
        )
    return posts


def _restore_labels(original: str, lowered: str) -> str:
    """Lower-case the post text but keep the `|LABEL]]` parts of the markup intact."""
    out = lowered
    for match in _LABEL_TAIL.finditer(original):
        out = out[: match.start()] + match.group(0) + out[match.end() :]
    return out


def load_templates(directory: Path) -> tuple[list[TemplateFamily], SlotLibrary]:
    """All families and the shared slot library under one directory, in name order."""
    files = sorted(directory.glob("*.yaml"))
    library = load_slot_library([p for p in files if p.name.startswith("_")])
    families: list[TemplateFamily] = []
    seen: dict[str, str] = {}
    for path in files:
        if path.name.startswith("_"):
            continue
        for family in load_families(path):
            if family.name in seen:
                raise TemplateError(
                    f"{path}: family name {family.name!r} already used in {seen[family.name]}"
                )
            seen[family.name] = str(path)
            families.append(family)
    return families, library
