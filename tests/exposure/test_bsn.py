from exposure.recognizers import bsn


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in bsn.find(text)]


def test_bsn_with_context_and_elfproef() -> None:
    assert found("mijn BSN is 111222333") == ["111222333"]
    assert found("burgerservicenummer: 1234.56.782") == ["1234.56.782"]


def test_nine_digits_without_context_are_not_a_bsn() -> None:
    assert found("bestelnummer 111222333") == []


def test_failing_elfproef_is_ignored() -> None:
    assert found("BSN 111222334") == []
