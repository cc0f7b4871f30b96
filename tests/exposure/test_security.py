import pytest

from exposure.recognizers import security


def found(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in security.find(text, lang)]


@pytest.mark.parametrize(
    "text, span",
    [
        (
            "de camera bij poort 3 doet het al weken niet",
            "camera bij poort 3 doet het al weken niet",
        ),
        ("hek achter hal 2 staat altijd open lol", "hek achter hal 2 staat altijd open"),
        ("slagboom is kapot", "slagboom is kapot"),
        ("geen bewaking na 22:00", "geen bewaking na 22:00"),
        ("er is geen bewaking in het weekend", "geen bewaking in het weekend"),
    ],
)
def test_dutch_measure_with_weakness_is_one_span(text: str, span: str) -> None:
    assert found(text, "nl") == [span]


@pytest.mark.parametrize(
    "text, span",
    [
        ("no guard after 22:00, easy", "no guard after 22:00"),
        ("the cctv is down again", "cctv is down again"),
        ("back gate is always open", "back gate is always open"),
        ("no patrols between 02:00 and 04:00", "no patrols between 02:00 and 04:00"),
    ],
)
def test_english_measure_with_weakness_is_one_span(text: str, span: str) -> None:
    assert found(text, "en") == [span]


def test_a_weakness_needs_a_measure() -> None:
    assert found("mijn fiets is kapot", "nl") == []
    assert found("my phone is broken", "en") == []


def test_the_span_stays_within_the_sentence() -> None:
    assert found("De camera is nieuw. Mijn fiets is kapot", "nl") == []


def test_the_gate_of_a_petting_farm_is_not_a_weakness() -> None:
    text = "De poort van de kinderboerderij is weer open na de verbouwing"
    assert found(text, "nl") == []
    assert found("the school gate is always open in the morning", "en") == []


def clauses(text: str, lang: str) -> list[str]:
    return [text[c.start : c.end] for c in security.find_clauses(text, lang)]


@pytest.mark.parametrize(
    "text, span, lang",
    [
        (
            "slagboom bij laadstraat 3 gaat open als je er hard tegenaan duwt, echt waar",
            "slagboom bij laadstraat 3 gaat open als je er hard tegenaan duwt",
            "nl",
        ),
        (
            "de kentekencamera leest alleen de voorkant 🙄",
            "kentekencamera leest alleen de voorkant",
            "nl",
        ),
        (
            "the alarm at the store was switched off during the works and nobody noticed",
            "alarm at the store was switched off during the works",
            "en",
        ),
    ],
)
def test_a_measure_runs_on_to_the_end_of_its_weakness_clause(
    text: str, span: str, lang: str
) -> None:
    assert clauses(text, lang) == [span]


def test_a_clause_without_a_weakness_is_not_stretched() -> None:
    assert clauses("de nieuwe camera hangt bij de ingang", "nl") == []
    assert clauses("the new fence looks great", "en") == []


def test_a_school_gate_in_a_compound_is_not_a_weakness() -> None:
    assert clauses("de schoolpoort gaat pas om 8 uur open", "nl") == []
