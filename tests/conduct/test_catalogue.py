"""The shipped catalogue is complete, bilingual and validated on load."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from exposure.conduct.catalogue import (
    DEFAULT_DIRECTORY,
    LANGS,
    PLACEHOLDER_PATTERN,
    CatalogueError,
    load_catalogue,
)
from exposure.models import LABELS


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_catalogue_has_at_least_25_rules_in_both_languages(catalogue):
    assert len(catalogue) >= 25
    for rule in catalogue:
        for lang in LANGS:
            text = rule.text(lang)
            assert all(value.strip() for value in text.fields().values()), (rule.id, lang)
        # A translation, not a copy: the two languages must not read the same.
        assert rule.nl.rule != rule.en.rule, rule.id
        assert rule.nl.title != rule.en.title, rule.id


def test_every_placeholder_is_known_and_declared(catalogue):
    known = set(catalogue.vocabulary.placeholders)
    for rule in catalogue:
        used = {
            name
            for lang in LANGS
            for value in rule.text(lang).fields().values()
            for name in PLACEHOLDER_PATTERN.findall(value)
        }
        assert used <= known, (rule.id, used - known)
        assert used == set(rule.placeholders), rule.id


def test_no_sentence_starts_with_a_placeholder(catalogue):
    # Defaults such as "de beveiligingsmanager" are lower case and fit mid-sentence only.
    for rule in catalogue:
        for lang in LANGS:
            for value in rule.text(lang).fields().values():
                starts = re.findall(r'(?:^|[.!?]\s+|^")\{(\w+)\}', value)
                assert not starts, (rule.id, lang, value)


def test_every_label_is_valid_and_covered(catalogue):
    covered = set()
    for rule in catalogue:
        assert set(rule.labels) <= set(LABELS), rule.id
        assert 1 <= rule.severity <= 3
        covered.update(rule.labels)
    assert covered == set(LABELS)


def test_every_rule_has_https_sources(catalogue):
    for rule in catalogue:
        assert rule.sources, rule.id
        for source in rule.sources:
            assert source.url.startswith("https://"), (rule.id, source.url)
            assert source.title.strip()


def test_approach_rules_have_no_label_but_the_approach_topic(catalogue):
    approach = [rule for rule in catalogue if "approach" in rule.topics and not rule.labels]
    assert len(approach) >= 3
    assert all(rule.baseline for rule in approach)


def test_baseline_rules_include_deleted_is_not_gone_and_aggregation(catalogue):
    baseline = {rule.id for rule in catalogue if rule.baseline}
    assert {"deleted-is-not-gone", "think-about-the-sum"} <= baseline


def test_rules_for_label_puts_the_most_severe_first(catalogue):
    rules = catalogue.rules_for_label("SECURITY")
    assert rules
    assert all("SECURITY" in rule.labels for rule in rules)
    assert [rule.severity for rule in rules] == sorted(
        (rule.severity for rule in rules), reverse=True
    )


def _copy_catalogue(tmp_path: Path) -> Path:
    target = tmp_path / "conduct_rules"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    return target


def test_a_missing_field_is_reported_with_rule_id_and_field(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "rules" / "10-no-shift-details.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^  why: >-\n(    .*\n)+", "", text, count=1), encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    message = str(error.value)
    assert "no-shift-details" in message
    assert "nl.why" in message


def test_an_unknown_label_or_placeholder_is_reported(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "rules" / "13-nothing-about-substances-or-stock.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("labels: [GOODS]", "labels: [CHEMICALS]")
    path.write_text(text, encoding="utf-8")
    other = directory / "rules" / "12-no-plates-or-addresses.yaml"
    other.write_text(
        other.read_text(encoding="utf-8")
        .replace("placeholders: []", "placeholders: [plant]")
        .replace("en typ ze ook niet", "en typ ze ook niet bij {plant}"),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    message = str(error.value)
    assert "nothing-about-substances-or-stock" in message and "CHEMICALS" in message
    assert "no-plates-or-addresses" in message and "plant" in message


def test_broken_yaml_names_the_file_and_line(tmp_path):
    directory = _copy_catalogue(tmp_path)
    path = directory / "rules" / "01-keep-profile-generic.yaml"
    path.write_text("id: keep-profile-generic\nseverity: [2\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    assert "01-keep-profile-generic.yaml" in str(error.value)
    assert "line" in str(error.value)
