from exposure.recognizers import iban


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in iban.find(text)]


def test_grouped_and_compact_ibans_with_valid_check() -> None:
    assert found("NL91 ABNA 0417 1643 00 graag") == ["NL91 ABNA 0417 1643 00"]
    assert found("maak over naar NL91ABNA0417164300.") == ["NL91ABNA0417164300"]


def test_wrong_check_digits_are_ignored() -> None:
    assert found("NL92 ABNA 0417 1643 00") == []


def test_following_words_are_not_taken_into_the_iban() -> None:
    text = "NL91 ABNA 0417 1643 00 SVP"
    assert found(text) == ["NL91 ABNA 0417 1643 00"]
