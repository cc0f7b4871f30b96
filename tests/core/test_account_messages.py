"""Every message key the account and import code can produce exists in Dutch and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import app.accounts
import app.user_import

KEY_RE = re.compile(r"""["']((?:accounts|import)\.[a-z0-9_]+)["']""")


def keys_in_source() -> set[str]:
    keys: set[str] = set()
    for module in (app.accounts, app.user_import):
        keys |= set(KEY_RE.findall(Path(module.__file__).read_text(encoding="utf-8")))
    return keys


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_code_uses_message_keys() -> None:
    keys = keys_in_source()
    assert "accounts.wrong_credentials" in keys and "import.not_utf8" in keys


def test_every_key_in_the_code_exists_in_both_languages(messages) -> None:
    for lang, catalogue in messages.items():
        missing = keys_in_source() - set(catalogue)
        assert not missing, f"{lang} lacks {sorted(missing)}"


def test_both_languages_have_the_same_keys_and_placeholders(messages) -> None:
    nl, en = messages["nl"], messages["en"]
    assert set(nl) == set(en)
    for key in nl:
        assert key.startswith(("accounts.", "import.")), key
        assert placeholders(nl[key]) == placeholders(en[key]), key
        assert nl[key].strip() and en[key].strip() and nl[key] != en[key], key
