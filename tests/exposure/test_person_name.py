import pytest

from exposure.recognizers import person_name


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in person_name.find(text)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("nu Peter met pensioen is", "Peter"),
        ("Jan de Vries zegt van wel", "Jan de Vries"),
        ("Thijmen Van Bragt laat z'n sleutel liggen", "Thijmen Van Bragt"),
        ("collega Mark heeft dienst", "Mark"),
        ("been telling Maria Allen for months", "Maria Allen"),
    ],
)
def test_names_with_and_without_surname(text: str, name: str) -> None:
    assert found(text) == [name]


@pytest.mark.parametrize(
    "text",
    ["Ben weer thuis na de dienst", "Mark my words", "May the best team win", "roos in de tuin"],
)
def test_names_that_are_also_words_need_support(text: str) -> None:
    assert found(text) == []
