import pytest

from exposure.profile import ProfileError, load_profile, parse_profile, sample_profile
from exposure.recognizers.company_profile import ProfileRecognizer


def test_sample_profile_is_valid() -> None:
    profile = sample_profile()
    assert "Noordchem" in profile.company_names
    assert profile.min_group_size >= 5


def test_min_group_size_below_five_is_refused() -> None:
    with pytest.raises(ProfileError, match="min_group_size"):
        parse_profile("company_names: [X]\nmin_group_size: 3\n")


def test_unknown_field_is_refused_by_name() -> None:
    with pytest.raises(ProfileError, match="companies"):
        parse_profile("companies: [Noordchem]\n")


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ProfileError, match="line 2"):
        parse_profile("company_names:\n  - [unclosed\n")


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "nope.yaml")


def found(text: str) -> set[tuple[str, str]]:
    recognizer = ProfileRecognizer(sample_profile())
    return {(text[c.start : c.end], c.label) for c in recognizer.find(text)}


def test_profile_terms_get_their_labels() -> None:
    got = found("Bij Noordchem B.V. bij poort 3 staat methanol, Nedap AEOS ligt eruit")
    assert ("Noordchem B.V.", "ORG") in got
    assert ("poort 3", "SITE") in got
    assert ("methanol", "GOODS") in got
    assert ("Nedap AEOS", "ACCESS") in got


def test_hashtags_that_glue_the_name_count() -> None:
    assert ("#TeamNoordchem", "ORG") in found("trots! #TeamNoordchem")


def test_allow_list_silences_terms() -> None:
    assert found("Gezellig op de Noordchem Open Dag") == set()


def test_no_profile_finds_nothing() -> None:
    assert ProfileRecognizer(None).find("Noordchem poort 3") == []
