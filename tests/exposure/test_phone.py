import pytest

from exposure.recognizers import phone


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in phone.find(text)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("bel me op 06-12345678 na vijven", "06-12345678"),
        ("app 0612345678", "0612345678"),
        ("mobiel +31 6 12345678.", "+31 6 12345678"),
        ("kantoor 0596 123 456", "0596 123 456"),
        ("call me on +44 7911 123456", "+44 7911 123456"),
        ("Belgisch nummer +32 470 12 34 56", "+32 470 12 34 56"),
    ],
)
def test_valid_numbers_are_found_exactly(text: str, number: str) -> None:
    assert found(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "06-1234567 is een cijfer te kort",
        "ordernummer 2024-11-28",
        "bel de politie op 0900-8844 of Meld Misdaad Anoniem 0800-7000",
        "score 3-1, 12345 toeschouwers",
        "",
    ],
)
def test_non_numbers_and_public_lines_are_ignored(text: str) -> None:
    assert found(text) == []


def test_a_phone_inside_an_iban_is_not_a_phone() -> None:
    assert found("NL91ABNA0417164300") == []
