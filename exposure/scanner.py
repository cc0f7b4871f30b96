"""The scanner facade: the one entry point the CLI, the UI and training call.

    scanner = Scanner(profile=sample_profile(), ui_lang="nl")
    result = scanner.scan_text("Weer nachtdienst bij Noordchem")
    results = scanner.scan_posts(posts)

A Scanner loads the shipped pipelines once and never changes them afterwards,
so one instance may be shared (cached) by the UI.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.language import Language

from exposure.explain import explain
from exposure.language import detect_language
from exposure.models import Finding, Post, PostResult
from exposure.pipeline import LANGS, load_pipeline
from exposure.profile import CompanyProfile
from exposure.rewrite import Rewriter, rewrite_table, tidy
from exposure.risk import assess

__all__ = ["MAX_POST_CHARS", "Scanner", "detect_language"]

# Longer texts are cut here (with a warning): social posts are far shorter, and
# the cut keeps one pasted document from stalling a batch.
MAX_POST_CHARS = 20_000
MIN_PROPAGATED_CHARS = 4  # shorter terms ("ok", "06") are too common to mark everywhere
SAFE_LEVELS = ("none", "low")
log = logging.getLogger(__name__)


def _analysis_key(post_id: str, index: int) -> str:
    return f"{index}:{post_id}"


class Scanner:
    def __init__(self, profile: CompanyProfile | None = None, ui_lang: str = "nl") -> None:
        self.profile = profile
        self.ui_lang = ui_lang if ui_lang in ("nl", "en") else "nl"
        self._pipelines: dict[str, Language] = {}
        for lang in LANGS:
            nlp = load_pipeline(lang)
            nlp.get_pipe("exposure_profile").set_profile(profile)
            self._pipelines[lang] = nlp

    # -- single texts -------------------------------------------------------

    def scan_text(self, text: str, lang: str = "auto", post_id: str = "draft") -> PostResult:
        return self.scan_posts([Post(id=post_id, text=text, lang=None)], lang=lang)[0]

    # -- batches ------------------------------------------------------------

    def scan_posts(
        self,
        posts: Iterable[Post],
        lang: str = "auto",
        progress: Callable[[int, int], None] | None = None,
    ) -> list[PostResult]:
        """Scan posts; a term found in one post of an author is marked in all of theirs."""
        posts = list(posts)
        texts = [self._prepare(p.text, p.id) for p in posts]
        langs = [self._language(t, p.lang, lang) for t, p in zip(texts, posts, strict=True)]
        findings = self._find_batch(texts, langs, progress)

        by_author: dict[str | None, list[int]] = defaultdict(list)
        for i, post in enumerate(posts):
            by_author[post.author].append(i)
        for indices in by_author.values():
            if len(indices) > 1:
                self._propagate(indices, texts, findings)

        results = []
        for i, post in enumerate(posts):
            risk = assess([(f.label, f.kind) for f in findings[i]], self.ui_lang)
            results.append(
                PostResult(
                    post_id=post.id,
                    text=texts[i],
                    lang=langs[i],
                    risk=risk.level,
                    score=risk.score,
                    findings=tuple(findings[i]),
                    reasons=risk.reasons,
                )
            )
        rewrites = self._safe_rewrites(results, by_author.values())
        return [replace(r, rewrite=rewrites.get(i, r.text)) for i, r in enumerate(results)]

    # -- internals ----------------------------------------------------------

    def _prepare(self, text: object, post_id: str) -> str:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        if len(text) > MAX_POST_CHARS:
            warnings.warn(
                f"post {post_id}: text of {len(text)} characters cut to {MAX_POST_CHARS}",
                stacklevel=3,
            )
            text = text[:MAX_POST_CHARS]
        return text

    def _language(self, text: str, post_lang: str | None, requested: str) -> str:
        if requested in LANGS:
            return requested
        if post_lang in LANGS:
            return post_lang
        return detect_language(text)

    def _find_batch(
        self,
        texts: Sequence[str],
        langs: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in texts]
        total, done = len(texts), 0
        for lang in LANGS:
            indices = [i for i, lg in enumerate(langs) if lg == lang]
            if not indices:
                continue
            nlp = self._pipelines[lang]
            docs = nlp.pipe((texts[i] for i in indices), batch_size=64)
            for i, doc in zip(indices, docs, strict=True):
                out[i] = [self._finding(texts[i], r) for r in doc._.exposure_findings or []]
                done += 1
                if progress is not None and (done % 50 == 0 or done == total):
                    progress(done, total)
        return out

    def _finding(self, text: str, r) -> Finding:  # noqa: ANN001 - exposure.candidates.Resolved
        return Finding(
            start=r.start,
            end=r.end,
            text=text[r.start : r.end],
            label=r.label,
            source=r.source,
            confidence=r.confidence,
            explanation=explain(r.label, r.kind, self.ui_lang),
            kind=r.kind,
        )

    def _propagate(
        self, indices: Sequence[int], texts: Sequence[str], findings: list[list[Finding]]
    ) -> None:
        """Second pass: mark every occurrence of a term found sensitive in any post."""
        terms: dict[str, Finding] = {}
        for i in indices:
            for f in findings[i]:
                key = " ".join(f.text.lower().split())
                if len(key) >= MIN_PROPAGATED_CHARS and key not in terms:
                    terms[key] = f
        if not terms:
            return
        ordered = sorted(terms, key=len, reverse=True)
        regex = re.compile(
            r"(?<![\w])(?:"
            + "|".join(r"\s+".join(map(re.escape, t.split())) for t in ordered)
            + r")(?![\w])",
            re.IGNORECASE,
        )
        for i in indices:
            text, current = texts[i], findings[i]
            added = []
            for m in regex.finditer(text):
                if any(f.start < m.end() and m.start() < f.end for f in current + added):
                    continue
                origin = terms[" ".join(m.group(0).lower().split())]
                added.append(
                    replace(
                        origin,
                        start=m.start(),
                        end=m.end(),
                        text=m.group(0),
                        source="propagated",
                        confidence=0.7,
                    )
                )
            if added:
                findings[i] = sorted(current + added, key=lambda f: (f.start, f.end))

    def _safe_rewrites(
        self, results: Sequence[PostResult], groups: Iterable[Sequence[int]]
    ) -> dict[int, str]:
        """Rewrites that themselves scan none or low; stronger removal until they do.

        One Rewriter per author keeps replacements consistent across that person's
        posts; the checks run batched, as scanning is the expensive part.
        """
        pending: dict[int, str] = {}
        for indices in groups:
            rewriter = Rewriter()
            for i in indices:
                if results[i].findings:
                    pending[i] = rewriter.rewrite(
                        results[i].text, results[i].findings, results[i].lang
                    )
        done: dict[int, str] = {}
        for _ in range(3):
            if not pending:
                break
            order = list(pending)
            checks = self._find_batch([pending[i] for i in order], [results[i].lang for i in order])
            for i, found in zip(order, checks, strict=True):
                text = pending.pop(i)
                if assess([(f.label, f.kind) for f in found]).level in SAFE_LEVELS:
                    done[i] = text
                    continue
                removed = rewrite_table()[results[i].lang]["removed"]
                for f in sorted(found, key=lambda f: f.start, reverse=True):
                    text = text[: f.start] + removed + text[f.end :]
                pending[i] = tidy(text)
        for i in pending:  # still not safe after three rounds: say only that something was removed
            done[i] = rewrite_table()[results[i].lang]["removed"]
        return done
