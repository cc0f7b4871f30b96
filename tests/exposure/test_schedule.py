import pytest

from exposure.recognizers import schedule


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in schedule.find(text, lang)]


@pytest.mark.parametrize(
    "text, span, lang",
    [
        ("ik sta alleen tot 06:00", "alleen tot 06:00", "nl"),
        ("vanaf 22:00 tot 06:00 in de controlekamer", "vanaf 22:00 tot 06:00", "nl"),
        ("volgende week op vakantie!", "volgende week op vakantie", "nl"),
        ("vier nachten achter elkaar", "vier nachten achter elkaar", "nl"),
        ("next week on holiday 🌴", "next week on holiday", "en"),
        ("on my own tonight", "on my own tonight", "en"),
        ("3 nights in a row", "3 nights in a row", "en"),
    ],
)
def test_schedule_phrases(text: str, span: str, lang: str) -> None:
    assert found(text, lang) == [span]


def test_a_bare_time_is_not_a_schedule() -> None:
    # "om 19:00" for a concert says nothing about a shift; G2 keeps "om" out anyway.
    assert found("concert begint om 19:00", "nl") == []
