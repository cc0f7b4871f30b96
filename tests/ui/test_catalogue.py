"""The message catalogue: complete in both languages, and every key the code uses exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.accounts import ROLES
from app.i18n import LANGS, CatalogueError, catalogue, load_catalogue, placeholders, t
from app.ui.components import LATER_TOPICS
from app.ui.navigation import CHANGE_PASSWORD, FIRST_RUN, PAGES, SIGN_IN

REPO = Path(__file__).resolve().parents[2]
KEY_SHAPE = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")


def test_both_languages_have_the_same_keys():
    nl, en = catalogue("nl"), catalogue("en")
    assert sorted(set(nl) - set(en)) == [], "only in Dutch"
    assert sorted(set(en) - set(nl)) == [], "only in English"


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_empty(lang):
    assert [key for key, text in catalogue(lang).items() if not text.strip()] == []


def test_placeholders_are_the_same_in_both_languages():
    nl, en = catalogue("nl"), catalogue("en")
    differ = {
        key: (placeholders(nl[key]), placeholders(en[key]))
        for key in set(nl) & set(en)
        if placeholders(nl[key]) != placeholders(en[key])
    }
    assert differ == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_can_be_filled_in(lang):
    for text in catalogue(lang).values():
        text.format(**{name: "x" for name in placeholders(text)})  # raises on broken braces


MESSAGE_FUNCTIONS = {"t", "tm"}
# Account and import errors carry their message key as a plain argument.
ERROR_NAMESPACES = ("accounts.", "import.")


def _constants(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    return []


def _keys_in_code() -> dict[str, str]:
    """Message keys written literally in the app's code, with the file they occur in."""
    found: dict[str, str] = {}
    files = [REPO / "streamlit_app.py", *sorted((REPO / "app").rglob("*.py"))]
    for path in files:
        if "migrations" in path.parts:
            continue
        where = str(path.relative_to(REPO))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in MESSAGE_FUNCTIONS and node.args:
                for key in _constants(node.args[0]):
                    found.setdefault(key, where)
            for arg in [*node.args, *(keyword.value for keyword in node.keywords)]:
                for key in _constants(arg):
                    if key.startswith(ERROR_NAMESPACES) and KEY_SHAPE.fullmatch(key):
                        found.setdefault(key, where)
    return found


def test_every_key_used_in_the_code_exists():
    messages = catalogue("nl")
    used = _keys_in_code()
    assert len(used) > 100  # the scan itself works
    assert {key: where for key, where in used.items() if key not in messages} == {}


def test_every_key_built_at_run_time_exists():
    messages = catalogue("nl")
    built = [f"role.{role}" for role in ROLES]
    built += [f"later.{topic}.{part}" for topic in LATER_TOPICS for part in ("title", "body")]
    for spec in (*PAGES, FIRST_RUN, SIGN_IN, CHANGE_PASSWORD):
        built.append(spec.title_key)
        if spec.section_key:
            built.append(spec.section_key)
    assert [key for key in built if key not in messages] == []


def test_a_missing_key_shows_the_key_instead_of_failing(caplog):
    assert t("no.such_message", "en") == "no.such_message"
    assert "no.such_message" in caplog.text


def test_an_unknown_language_falls_back_to_dutch():
    assert t("signin.title", "de") == t("signin.title", "nl")


def test_a_key_defined_twice_in_one_language_is_refused(tmp_path):
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "a.yaml").write_text('greeting.hello: "Hallo"\n', encoding="utf-8")
    (folder / "b.yaml").write_text("greeting:\n  hello: Dag\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="greeting.hello"):
        load_catalogue("nl", tmp_path)


def test_a_broken_catalogue_file_is_reported_by_name(tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "broken.yaml").write_text("greeting.hello: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="broken.yaml"):
        load_catalogue("en", tmp_path)
