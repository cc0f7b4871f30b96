import pytest

from exposure.recognizers import organisation


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in organisation.find(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Bij Hunze Transport is het druk", "Hunze Transport"),
        ("werk bij Eemsdelta Chloor B.V. nu", "Eemsdelta Chloor B.V."),
        ("Team Wadden Tank Terminal!", "Wadden Tank Terminal"),
        ("hoofd logistiek bij Marne Bulk Services", "Marne Bulk Services"),
        ("trots op #WaddenTerminals", "#WaddenTerminals"),
        ("22 years at appinga tank terminal b.v. and", "appinga tank terminal b.v."),
        ("Glad Groningen Seaports finally did it", "Groningen Seaports"),
    ],
)
def test_capitalised_names_ending_in_a_trade_word(text: str, name: str) -> None:
    assert found(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Transport is duur tegenwoordig",
        "The Security of your home",
        "we gaan met de bulk mee",
        "new group",
    ],
)
def test_trade_words_alone_are_not_names(text: str) -> None:
    assert found(text) == []
