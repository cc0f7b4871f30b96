"""Long imports, fetches and scans run in a worker thread the page can watch and stop.

A Streamlit run blocks until the script ends, so a fetch of a few hundred posts
inside it could neither show steady progress nor be stopped. Here the work runs in
a thread; the page reads `snapshot()` on every rerun (a fragment reruns every half
second) and the cancel button calls `cancel()`, which the fetchers check between
pages and the scan checks between batches. The thread never touches Streamlit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from app.i18n import t
from app.storage import Storage, StorageError, User
from app.ui.employee_consent import FETCH_OWN_POSTS
from app.ui.employee_records import post_record, result_record
from exposure.dossier import build_dossier, dossier_to_dict
from exposure.models import Post
from exposure.scanner import Scanner
from exposure.sources import (
    FetchResult,
    SourceError,
    fetch_bluesky,
    fetch_mastodon,
    load_sample_posts,
    make_session,
    read_export,
)
from exposure.sources import Notice as SourceNotice
from exposure.sources.results import Cancel, Progress

_LOG = logging.getLogger(__name__)

Stage = Literal["read", "scan", "save"]
Status = Literal["running", "done", "cancelled", "failed"]


class JobCancelled(Exception):
    """Raised inside the worker when the employee pressed stop."""


class ConsentMissing(Exception):
    """A fetch was asked for without the employee's recorded consent."""


@dataclass(frozen=True)
class Notice:
    """A message for the page: a catalogue key of the sources, or of this app."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    text_by_lang: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        if self.text_by_lang:
            return self.text_by_lang.get(lang) or self.text_by_lang.get("en") or self.key
        return t(self.key, lang, **self.params)


def _notice(source_notice: SourceNotice | SourceError) -> Notice:
    return Notice(
        source_notice.key,
        dict(source_notice.params),
        {lang: source_notice.text(lang) for lang in ("nl", "en")},
    )


@dataclass(frozen=True)
class Snapshot:
    status: Status
    stage: Stage
    done: int
    total: int | None
    posts: int  # posts read or fetched so far
    notices: tuple[Notice, ...]
    error: Notice | None  # what went wrong, for status "failed"


# What loads the posts: given progress and cancel, returns posts and notices.
Loader = Callable[[Progress, Cancel], tuple[list[Post], list[Notice]]]


class ScanJob:
    """One import-or-fetch followed by a scan and a save, in its own thread."""

    def __init__(
        self,
        *,
        storage: Storage,
        user: User,
        scanner: Scanner,
        source: str,
        loader: Loader,
        ui_lang: str,
    ) -> None:
        self._storage, self._user, self._scanner = storage, user, scanner
        self._source, self._loader, self._lang = source, loader, ui_lang
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._state = Snapshot("running", "read", 0, None, 0, (), None)
        self._thread = threading.Thread(target=self._run, name="exposure-scan-job", daemon=True)

    # -- the page's side --------------------------------------------------------

    def start(self) -> ScanJob:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._state

    def wait(self, timeout: float | None = None) -> Snapshot:
        self._thread.join(timeout)
        return self.snapshot()

    @property
    def running(self) -> bool:
        return self.snapshot().status == "running"

    # -- the worker's side ------------------------------------------------------

    def _update(self, **changes: object) -> None:
        with self._lock:
            self._state = replace(self._state, **changes)

    def _read_progress(self, done: int, total: int | None) -> None:
        if self._cancel.is_set():
            raise JobCancelled  # stops an import between files; fetchers check cancel() too
        self._update(stage="read", done=done, total=total, posts=done)

    def _scan_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise JobCancelled
        self._update(stage="scan", done=done, total=total)

    def _run(self) -> None:
        try:
            posts, notices = self._loader(self._read_progress, self._cancel.is_set)
            self._update(posts=len(posts), notices=tuple(notices))
            if self._cancel.is_set():
                raise JobCancelled
            if not posts:
                self._update(status="failed", error=_app_notice("employee.job.no_posts"))
                return
            self._update(stage="scan", done=0, total=len(posts))
            results = self._scanner.scan_posts(posts, progress=self._scan_progress)
            if self._cancel.is_set():
                raise JobCancelled
            self._update(stage="save")
            dossier = build_dossier(posts, results, author=None, ui_lang=self._lang)
            self._storage.save_my_scan(
                self._user,
                self._source,
                [post_record(p) for p in posts],
                [result_record(r) for r in results],
                dossier_to_dict(dossier, self._lang),
            )
            self._update(status="done")
        except JobCancelled:
            self._update(status="cancelled")
        except SourceError as exc:
            if self._cancel.is_set():  # the importer wraps whatever stopped it
                self._update(status="cancelled")
            else:
                self._update(status="failed", error=_notice(exc))
        except ConsentMissing:
            self._update(status="failed", error=_app_notice("employee.fetch.consent_missing"))
        except StorageError:
            _LOG.exception("saving an employee's scan failed")
            self._update(status="failed", error=_app_notice("employee.job.save_failed"))
        except Exception:
            # The page shows a plain message; the details belong in the server log.
            _LOG.exception("an employee's scan job failed")
            self._update(status="failed", error=_app_notice("employee.job.failed"))


def _app_notice(key: str) -> Notice:
    return Notice(key)  # no text_by_lang: the text comes from the app catalogue


# -- loaders for the three sources -------------------------------------------------


def sample_loader(persona_id: str) -> Loader:
    def load(progress: Progress, cancel: Cancel) -> tuple[list[Post], list[Notice]]:
        posts = load_sample_posts(author=persona_id)
        progress(len(posts), len(posts))
        return posts, []

    return load


def export_loader(file_name: str, data: bytes, *, text_column: str = "text") -> Loader:
    def load(progress: Progress, cancel: Cancel) -> tuple[list[Post], list[Notice]]:
        result = read_export(file_name, data, text_column=text_column, progress=progress)
        return result.posts, [_notice(w) for w in result.warnings]

    return load


def _fetch_result(result: FetchResult) -> tuple[list[Post], list[Notice]]:
    notices = [_notice(p) for p in result.problems]
    if any(n.key == "sources.fetch.cancelled" for n in notices):
        raise JobCancelled
    return result.posts, notices


def account_loader(
    storage: Storage,
    user: User,
    platform: str,
    *,
    instance: str = "",
    account: str,
    limit: int,
) -> Loader:
    """Fetch the employee's public account; refuses unless consent is on record."""

    def load(progress: Progress, cancel: Cancel) -> tuple[list[Post], list[Notice]]:
        # Checked again here, right before anything is sent: no fetch without consent.
        if not storage.has_consent(user, FETCH_OWN_POSTS):
            raise ConsentMissing
        session = make_session()
        try:
            if platform == "mastodon":
                result = fetch_mastodon(
                    instance,
                    account,
                    limit=limit,
                    session=session,
                    progress=progress,
                    cancel=cancel,
                )
            else:
                result = fetch_bluesky(
                    account, limit=limit, session=session, progress=progress, cancel=cancel
                )
        finally:
            session.close()
        return _fetch_result(result)

    return load
