"""Shared fixtures: the shipped content, a scratch copy of it, and the real scanner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from training.content import CONTENT_ROOT, load_modules
from training.module import Module


@pytest.fixture(scope="session")
def modules() -> list[Module]:
    return load_modules()


@pytest.fixture(scope="session")
def modules_by_id(modules: list[Module]) -> dict[str, Module]:
    return {module.id: module for module in modules}


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content, for tests that break it on purpose."""
    target = tmp_path / "training"
    shutil.copytree(CONTENT_ROOT, target)
    return target


@pytest.fixture(scope="session")
def scanners():
    """The real scanner with the sample profile, one per explanation language."""
    scanner_module = pytest.importorskip("exposure.scanner")
    from exposure.profile import sample_profile

    profile = sample_profile()
    return {lang: scanner_module.Scanner(profile=profile, ui_lang=lang) for lang in ("nl", "en")}
