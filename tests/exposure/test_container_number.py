import pytest
from stdnum import iso6346

from exposure.recognizers import container_number


def found(text: str) -> list[str]:
    return [text[c.start : c.end] for c in container_number.find(text)]


@pytest.mark.parametrize(
    "written", ["CSQU3054383", "CSQU 305438 3", "CSQU 3054383", "CSQU 305438-3"]
)
def test_valid_container_numbers_with_or_without_spaces(written: str) -> None:
    assert found(f"container {written} staat klaar") == [written]


def test_wrong_check_digit_is_ignored() -> None:
    base = "NCHU123456"
    wrong = (int(iso6346.calc_check_digit(base)) + 1) % 10
    assert found(f"{base}{wrong}") == []


def test_owner_code_must_end_in_equipment_category() -> None:
    assert found("ABCD1234567") == []
