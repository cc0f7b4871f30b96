from exposure.recognizers import access_codes


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in access_codes.find(text, lang)]


def test_code_with_its_value_is_one_span() -> None:
    assert found("deurcode is 4471, niet doorvertellen", "nl") == ["deurcode is 4471"]
    assert found("wifi password: Noord2024!", "en") == ["password: Noord2024"]


def test_a_code_word_without_a_value_is_not_a_secret() -> None:
    assert found("wat was de deurcode ook alweer?", "nl") == []
    assert found("password is too short", "en") == []
