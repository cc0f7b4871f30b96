import pytest

from exposure.recognizers import lexicon


def found(text: str, lang: str) -> set[tuple[str, str]]:
    return {(text[c.start : c.end], c.label) for c in lexicon.find(text, lang)}


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("mijn toegangspas ligt nog thuis", "toegangspas", "ACCESS"),
        ("weer nachtdienst", "nachtdienst", "SCHEDULE"),
        ("de bewakingscamera hangt scheef", "bewakingscamera", "SECURITY"),
        ("welk poortnummer was het?", "poortnummer", "SITE"),
        ("wachten bij het laadperron", "laadperron", "SITE"),
        # compounds that are in no list but follow the modifier + head shape
        ("mijn hekcode vergeten", "hekcode", "ACCESS"),
        ("de zaterdagdiensten zijn zwaar", "zaterdagdiensten", "SCHEDULE"),
        ("#nachtdienst", "#nachtdienst", "SCHEDULE"),
        ("senior procesoperator", "senior procesoperator", "ROLE"),
    ],
)
def test_dutch_terms_and_compounds(text: str, span: str, label: str) -> None:
    assert (span, label) in found(text, "nl")


@pytest.mark.parametrize(
    "text, span, label",
    [
        ("back on night shift", "night shift", "SCHEDULE"),
        ("forgot my access pass", "access pass", "ACCESS"),
        ("the tank farm is huge", "tank farm", "SITE"),
        ("waiting at gate 3", "gate 3", "SITE"),
    ],
)
def test_english_terms(text: str, span: str, label: str) -> None:
    assert (span, label) in found(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "de kinderen ophalen bij de schoolpoort",
        "genieten van de nachtelijke hemel",
        "een mooie schelp op het strand gevonden",
        "mijn festivalbadge hangt aan de kapstok",
        "de poort van het kasteel was prachtig",
        "zondag naar de kerkdienst",
    ],
)
def test_dutch_hard_negatives(text: str) -> None:
    assert found(text, "nl") == set()


@pytest.mark.parametrize(
    "text",
    [
        "picking the kids up at the school gate",
        "lovely evening under the night sky",
        "found a shell on the beach",
        "what a pass from the midfield, great goal",
        "new tank top for the summer",
        "my container garden is blooming",
        "built a ship in a bottle",
        "my festival badge is on the fridge",
        "girls night out!",
    ],
)
def test_english_hard_negatives(text: str) -> None:
    assert found(text, "en") == set()


def test_lexicon_files_load_for_both_languages() -> None:
    for lang in ("nl", "en"):
        labels = {lx.label for lx in lexicon.lexicons_for(lang)}
        assert {"ROLE", "SITE", "SCHEDULE", "SECURITY", "ACCESS", "GOODS", "LOGISTICS"} <= labels
