import pytest

from exposure.language import detect_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Weer nachtdienst bij de fabriek, de camera doet het niet", "nl"),
        ("Night shift again, the camera at gate 3 is broken", "en"),
        ("Lovely evening under the night sky with the kids", "en"),
        ("", "nl"),
        ("😴😴😴", "nl"),
        ("ok", "nl"),
        ("thanks all", "en"),
    ],
)
def test_dutch_by_default_english_when_clear(text: str, lang: str) -> None:
    assert detect_language(text) == lang
