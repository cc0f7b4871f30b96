import pytest

from exposure.recognizers import licence_plate
from exposure.recognizers.licence_plate import SIDECODES


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in licence_plate.find(text)]


def make_plate(code: str) -> str:
    letters = iter("GXZTBNRPDFHJKLSV")
    digits = iter("1234567890")
    return "".join(next(letters) if c == "X" else next(digits) if c == "9" else c for c in code)


@pytest.mark.parametrize("code", SIDECODES)
def test_every_rdw_sidecode_is_recognised(code: str) -> None:
    plate = make_plate(code)
    assert found(f"kenteken {plate} stond er weer") == [plate]


@pytest.mark.parametrize(
    "text",
    [
        "12-34-56 is geen kenteken",  # digits only
        "AE-12-OU heeft klinkers",  # vowels are never issued
        "SS-12-34",  # forbidden combination
        "GX123B zonder streepjes",
        "Gx-123-b gemengd",
        "om 06-12 uur",
        "co-op en ab-cd-ef",
    ],
)
def test_impossible_plates_are_ignored(text: str) -> None:
    assert found(text) == []


def test_lowercase_plate_is_accepted() -> None:
    assert found("gx-123-b") == ["gx-123-b"]
