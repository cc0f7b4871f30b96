"""Every message exists in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

from exposure.sources.messages import MESSAGES, SKIP_REASONS, Notice, SourceError


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"nl", "en"}, key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key
        assert texts["nl"] != texts["en"], key


def test_skip_reasons_have_both_languages():
    for reason, names in SKIP_REASONS.items():
        assert names["nl"] and names["en"], reason


def test_error_and_notice_render_in_the_reader_language():
    error = SourceError("sources.archive_ratio", member="data/tweets.js", ratio=1000)
    notice = Notice("sources.warn.skipped", count=3, reason="boost")

    assert error.message == str(error) == error.text("en")
    assert "verdacht" in error.text("nl") and "1000:1" in error.text("nl")
    assert notice == "Skipped: 3 boosts."
    assert notice.text("nl") == "Overgeslagen: 3 boosts."


def test_a_missing_parameter_shows_its_placeholder_instead_of_failing():
    assert "{name}" in SourceError("sources.empty").message
