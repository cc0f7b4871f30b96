import pytest

from exposure.explain import explain
from exposure.models import LABELS


@pytest.mark.parametrize("label", LABELS)
def test_every_label_is_explained_in_dutch_and_english(label: str) -> None:
    nl, en = explain(label, ui_lang="nl"), explain(label, ui_lang="en")
    assert nl and en and nl != en


def test_a_kind_gets_its_own_explanation_and_unknown_kinds_fall_back() -> None:
    assert explain("IDENTIFIER", "plate", "en") != explain("IDENTIFIER", "phone", "en")
    assert explain("IDENTIFIER", "no-such-kind", "en") == explain("IDENTIFIER", ui_lang="en")


def test_findings_carry_the_scanners_ui_language(scanner, scanner_en) -> None:
    text = "Bel me op 06-12345678"
    nl = scanner.scan_text(text).findings[0].explanation
    en = scanner_en.scan_text(text).findings[0].explanation
    assert nl == explain("IDENTIFIER", "phone", "nl")
    assert en == explain("IDENTIFIER", "phone", "en")
