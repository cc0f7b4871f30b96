"""Per-finding explanations in Dutch and English, from data/scanner/explanations.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from exposure.models import LABELS

EXPLANATIONS_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "scanner" / "explanations.yaml"
)
UI_LANGS = ("nl", "en")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, dict[str, str]]]:
    data = yaml.safe_load(EXPLANATIONS_PATH.read_text(encoding="utf-8"))
    for label in LABELS:
        entry = data.get(label, {}).get("default", {})
        if not all(entry.get(lang) for lang in UI_LANGS):
            raise ValueError(f"{EXPLANATIONS_PATH}: {label} lacks a default text in nl and en")
    return data


def explain(label: str, kind: str = "default", ui_lang: str = "nl") -> str:
    """Why this kind of finding matters to a criminal, in the UI language."""
    ui_lang = ui_lang if ui_lang in UI_LANGS else "nl"
    entry = _table().get(label, {})
    texts = entry.get(kind) or entry.get("default") or {}
    return texts.get(ui_lang) or texts.get("nl", "")
