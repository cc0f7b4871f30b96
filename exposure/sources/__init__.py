"""Posts in: the sample set, uploaded platform exports, and public Mastodon and
Bluesky accounts, all turned into `exposure.models.Post` records.

- `read_export(filename, data, *, text_column="text", progress=None) -> ImportResult`
- `fetch_mastodon(instance_url, account, *, limit, session, progress, cancel) -> FetchResult`
- `fetch_bluesky(actor, *, api, limit, session, progress, cancel) -> FetchResult`
- `make_session()`: the one configured HTTP session to pass to the fetchers
- `load_sample_posts()`, `load_personas()`
Problems raise `SourceError` (`.message` in English, `.key` and `.params` for the
catalogue in `messages`, `.text(lang)` for Dutch or English); warnings and fetch
problems are `Notice` strings with the same `.key`, `.params` and `.text(lang)`.
"""

from exposure.sources.bluesky import fetch_bluesky
from exposure.sources.http import make_session
from exposure.sources.importer import read_export
from exposure.sources.mastodon import fetch_mastodon
from exposure.sources.messages import Notice, SourceError, describe_skipped, message_text
from exposure.sources.netguard import FetchRefused
from exposure.sources.results import FetchResult, ImportResult
from exposure.sources.sample import Persona, load_personas, load_sample_posts

__all__ = [
    "FetchRefused",
    "FetchResult",
    "ImportResult",
    "Notice",
    "Persona",
    "SourceError",
    "describe_skipped",
    "fetch_bluesky",
    "fetch_mastodon",
    "load_personas",
    "load_sample_posts",
    "make_session",
    "message_text",
    "read_export",
]
