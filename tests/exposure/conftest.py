import pytest

from exposure.profile import sample_profile
from exposure.scanner import Scanner


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    return Scanner(profile=sample_profile(), ui_lang="nl")


@pytest.fixture(scope="session")
def scanner_en() -> Scanner:
    return Scanner(profile=sample_profile(), ui_lang="en")
