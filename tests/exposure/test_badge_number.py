import pytest

from exposure.recognizers import badge_number


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in badge_number.find(text)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("mijn toegangspas nr 48213 is kwijt", "48213"),
        ("pasnummer: 58208", "58208"),
        ("personeelsnummer 120298", "120298"),
        ("staff number p3156, that's all", "p3156"),
        ("new access badge arrived, badge no. 120298", "120298"),
        ("badge #A1234 lol", "A1234"),
    ],
)
def test_numbers_after_badge_words(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "ik werk hier pas 2024",  # "pas" = only
        "pas 10000 stappen gezet",
        "staff party on 12345 street",
        "pasnummer 2023",  # a year
    ],
)
def test_numbers_without_a_naming_word_are_ignored(text: str) -> None:
    assert found(text) == []
