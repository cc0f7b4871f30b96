from exposure.recognizers import email


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in email.find(text)]


def test_address_without_trailing_full_stop() -> None:
    assert found("mail jan.devries@noordchem.nl.") == ["jan.devries@noordchem.nl"]


def test_several_addresses() -> None:
    assert found("a@b.com en x_y+z@mail.example.org") == ["a@b.com", "x_y+z@mail.example.org"]


def test_mentions_and_loose_at_signs_are_not_addresses() -> None:
    assert found("@Noordchem en wij zijn @ de haven, user@localhost") == []
