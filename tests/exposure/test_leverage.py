import pytest

from exposure.recognizers import leverage


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in leverage.find(text, lang)]


@pytest.mark.parametrize(
    "text, span, lang",
    [
        ("ik heb €12.000 gokschuld", "€12.000 gokschuld", "nl"),
        ("mijn baas kan de pot op", "baas kan de pot op", "nl"),
        ("de deurwaarder stond weer voor de deur", "deurwaarder", "nl"),
        ("need cash fast, any ideas", "need cash fast", "en"),
        ("behind on the rent again", "behind on the rent", "en"),
    ],
)
def test_personal_vulnerabilities(text: str, span: str, lang: str) -> None:
    assert span in found(text, lang)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("de voetbalclub heeft miljoenen schulden", "nl"),
        ("the council's debts keep growing, says the news", "en"),
        ("het is mijn schuld dat we te laat waren", "nl"),
    ],
)
def test_debts_of_others_and_fault_are_not_leverage(text: str, lang: str) -> None:
    assert found(text, lang) == []


@pytest.mark.parametrize(
    "text, span, lang",
    [
        ("nog €9.000 creditcardschuld openstaan", "€9.000 creditcardschuld", "nl"),
        ("rekening staat diep in het rood", "diep in het rood", "nl"),
        ("ik ben spuugzat van dit bedrijf", "spuugzat van dit bedrijf", "nl"),
        ("lost 3k on live betting last night", "lost 3k on live betting", "en"),
        ("credit cards maxed out again", "credit cards maxed out", "en"),
    ],
)
def test_amounts_arrears_and_grudges(text: str, span: str, lang: str) -> None:
    assert span in found(text, lang)


@pytest.mark.parametrize(
    "text, lang",
    [
        ("het stoplicht sprong op rood", "nl"),
        ("sorry, mijn schuld", "nl"),
        ("mijn rode jas is weg", "nl"),
    ],
)
def test_a_red_light_or_an_apology_is_not_leverage(text: str, lang: str) -> None:
    assert found(text, lang) == []
