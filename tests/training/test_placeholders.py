"""Company profile values fill the content; defaults cover what the profile lacks."""

from __future__ import annotations

from dataclasses import dataclass, field

from training.placeholders import PLACEHOLDERS, fill, placeholder_values, unknown_placeholders


@dataclass
class Contact:
    role: str
    name: str
    phone: str | None = None
    email: str | None = None


@dataclass
class Profile:
    company_names: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    reporting_contacts: list[Contact] = field(default_factory=list)


def test_without_a_profile_every_placeholder_has_a_default_in_both_languages():
    for lang in ("nl", "en"):
        values = placeholder_values(None, lang)
        assert set(values) == set(PLACEHOLDERS)
        assert all(value.strip() for value in values.values())
    assert placeholder_values(None, "nl")["security_manager"] == "de securitymanager"
    assert placeholder_values(None, "en")["company"] == "our company"


def test_the_real_sample_profile_fills_names_and_contacts():
    from exposure.profile import sample_profile

    profile = sample_profile()
    values = placeholder_values(profile, "nl")
    assert values["company"] == profile.company_names[0]
    assert values["site"] == profile.site_names[0]
    adviser = next(c for c in profile.reporting_contacts if "vertrouwens" in c.role.lower())
    assert values["confidential_adviser"] == f"{adviser.name} (vertrouwenspersoon)"


def test_roles_are_matched_however_hr_spells_them():
    profile = Profile(
        company_names=["  ", "Dollard Chemie"],
        reporting_contacts=[
            Contact("Hoofd beveiliging", "Anja Smit", phone="050 123 4567"),
            Contact("Vertrouwenspersoon / confidential adviser", "Kees Bos"),
        ],
    )
    values = placeholder_values(profile, "en")
    assert values["company"] == "Dollard Chemie"
    assert values["site"] == "our site"
    assert values["security_manager"] == "Anja Smit (security manager)"
    assert values["security_manager_phone"] == "050 123 4567"
    assert values["security_manager_email"] == "see the intranet"
    assert values["confidential_adviser"] == "Kees Bos (confidential adviser)"


def test_profile_values_cannot_inject_markdown_or_further_placeholders():
    profile = Profile(company_names=["[Klik](https://evil.example) {site}"])
    values = placeholder_values(profile, "nl")
    filled = fill("Welkom bij {company} op {site}.", values)
    assert "](https" not in filled.replace("\\](", "")
    assert "{site}" in filled
    assert filled.endswith("op ons terrein.")


def test_published_rules_replace_the_block_placeholder():
    rules = "1. Geen pas op de foto."
    assert placeholder_values(None, "nl", conduct_rules=rules)["conduct_rules"] == rules
    assert (
        "nog geen gedragsregels"
        in placeholder_values(None, "nl", conduct_rules=" ")["conduct_rules"]
    )


def test_typos_in_placeholders_are_found():
    assert unknown_placeholders("Bel {Security_Manager} of {site name}; {site} klopt") == [
        "{Security_Manager}",
        "{site name}",
    ]
