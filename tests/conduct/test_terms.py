"""Company terms from the profile fill the rules' placeholders."""

from __future__ import annotations

import pytest

from exposure.conduct.catalogue import LANGS, PLACEHOLDER_PATTERN, default_catalogue
from exposure.conduct.terms import CompanyTerms
from exposure.profile import CompanyProfile, Contact


def test_profile_names_fill_the_placeholders(profile):
    terms = CompanyTerms.from_profile(profile)
    text = "Werk je bij {company} op {site}? Meld het bij {security_manager}."
    filled = terms.fill(text, "nl")
    assert filled == (
        "Werk je bij Noordchem op Oosterhorn? "
        "Meld het bij Petra Bakker (beveiligingsmanager, 0596 123 456)."
    )
    assert terms.fill("{confidential_adviser}", "en") == (
        "Karim El Amrani (confidential adviser, vertrouwenspersoon@noordchem.example)"
    )
    assert terms.company == "Noordchem"


def test_missing_profile_terms_fall_back_to_neutral_wording():
    terms = CompanyTerms.from_profile(CompanyProfile(company_names=["Havenbedrijf Noord"]))
    assert terms.fill("bij {company}, meld het bij {security_manager}", "nl") == (
        "bij Havenbedrijf Noord, meld het bij de beveiligingsmanager"
    )
    assert terms.fill("report it to {security_manager} at {site}", "en") == (
        "report it to the security manager at our site"
    )
    assert CompanyTerms.from_profile(None).company is None


@pytest.mark.parametrize("with_profile", [True, False])
def test_no_catalogue_rule_keeps_a_placeholder_after_filling(profile, with_profile):
    terms = CompanyTerms.from_profile(profile if with_profile else None)
    for rule in default_catalogue():
        for lang in LANGS:
            for value in rule.text(lang).fields().values():
                filled = terms.fill(value, lang)
                assert not PLACEHOLDER_PATTERN.search(filled), (rule.id, lang, filled)


def test_profile_values_are_inserted_literally():
    # A company name that looks like a placeholder must not be expanded again.
    terms = CompanyTerms.from_profile(CompanyProfile(company_names=["{site} Holding"]))
    assert terms.fill("bij {company} op {site}", "nl") == "bij {site} Holding op ons terrein"


def test_contact_is_matched_by_role_keyword():
    profile = CompanyProfile(
        reporting_contacts=[
            Contact(role="Meld Misdaad Anoniem", name="Meld Misdaad Anoniem", phone="0800-7000"),
            Contact(role="Hoofd beveiliging", name="Sanne de Boer"),
        ]
    )
    terms = CompanyTerms.from_profile(profile)
    assert terms.value("security_manager", "nl") == "Sanne de Boer (beveiligingsmanager)"
    assert terms.value("confidential_adviser", "nl") == "de vertrouwenspersoon"
