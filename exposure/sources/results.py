"""What an import or a fetch hands back, and the collector the parsers fill."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from exposure.models import Post
from exposure.sources.limits import MAX_POST_CHARS, MAX_POSTS_PER_IMPORT
from exposure.sources.messages import Notice
from exposure.sources.textdecode import decode_text

# progress(done, total_or_None): called now and then while posts come in.
Progress = Callable[[int, int | None], None]
# cancel() -> True asks a fetch to stop at the next page boundary.
Cancel = Callable[[], bool]


@dataclass
class ImportResult:
    """Posts read from one uploaded file, with what was skipped and why."""

    posts: list[Post]
    platform: str  # "x", "facebook", "instagram", "linkedin", "mastodon", "csv", "jsonl"
    warnings: list[Notice] = field(default_factory=list)
    skipped_counts: dict[str, int] = field(default_factory=dict)  # reason -> count


@dataclass
class FetchResult:
    """Posts fetched from a public account; `complete` is False when some could not be got."""

    posts: list[Post]
    complete: bool
    problems: list[Notice] = field(default_factory=list)


class PostCollector:
    """Gathers posts from the parsers and applies the limits every import shares.

    Posts beyond the cap are dropped with one warning, overlong texts are shortened,
    and a post id seen twice (tweets split over several files) is kept once.
    """

    def __init__(self, progress: Progress | None = None) -> None:
        self.posts: list[Post] = []
        self.warnings: list[Notice] = []
        self.skipped: Counter[str] = Counter()
        self._ids: set[str] = set()
        self._progress = progress
        self._long = 0
        self._bad_dates = 0
        self.full = False

    def add(
        self,
        *,
        id: str,
        text: str,
        platform: str,
        lang: str | None = None,
        created_at: datetime | None = None,
        url: str | None = None,
        author: str | None = None,
    ) -> None:
        text = text.strip()
        if not text:
            self.skip("no_text")
            return
        if id in self._ids:
            self.skip("duplicate")
            return
        if len(self.posts) >= MAX_POSTS_PER_IMPORT:
            if not self.full:
                self.full = True
                self.warnings.append(
                    Notice("sources.warn.too_many_posts", limit=MAX_POSTS_PER_IMPORT)
                )
            return
        if len(text) > MAX_POST_CHARS:
            text = text[:MAX_POST_CHARS]
            self._long += 1
        self._ids.add(id)
        self.posts.append(
            Post(
                id=id,
                text=text,
                lang=normalise_lang(lang),
                platform=platform,
                created_at=created_at,
                url=url,
                author=author,
            )
        )

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def text_of(self, name: str, data: bytes) -> str:
        """`data` decoded, with a warning when some bytes were not UTF-8."""
        text, bad = decode_text(data, name)
        if bad:
            self.warn("sources.warn.not_utf8", count=bad, name=name)
        return text

    def bad_date(self) -> None:
        self._bad_dates += 1

    def warn(self, key: str, **params: object) -> None:
        self.warnings.append(Notice(key, **params))

    def report(self, done: int, total: int | None) -> None:
        if self._progress is not None and (done == total or done % 250 == 0):
            self._progress(done, total)

    def result(self, platform: str) -> ImportResult:
        if self._long:
            self.warn("sources.warn.long_text", count=self._long, limit=MAX_POST_CHARS)
        if self._bad_dates:
            self.warn("sources.warn.bad_dates", count=self._bad_dates)
        for reason, count in self.skipped.items():
            self.warn("sources.warn.skipped", count=count, reason=reason)
        return ImportResult(
            posts=self.posts,
            platform=platform,
            warnings=list(self.warnings),
            skipped_counts=dict(self.skipped),
        )


def normalise_lang(lang: object) -> str | None:
    """ "nl" or "en" from a platform's language tag ("nl-NL", "en_GB"); None otherwise."""
    if not isinstance(lang, str):
        return None
    short = lang.strip().lower().replace("_", "-").split("-")[0]
    return short if short in ("nl", "en") else None
