"""The one place that assembles and loads the scanner's spaCy pipelines.

Order: profile -> identifiers -> lexicons -> phrase patterns -> ner -> resolver.
Rule components write character-offset candidates to `doc._.exposure_candidates`
and leave `doc.ents` to the trained NER; the resolver writes the findings to
`doc._.exposure_findings` (and the token-aligned ones to `doc.ents`).
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

import exposure.components  # noqa: F401  (registers the factories)

LANGS = ("nl", "en")
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"
RULE_PIPES = ("exposure_profile", "exposure_identifiers", "exposure_lexicons", "exposure_patterns")
RESOLVER = "exposure_resolver"
log = logging.getLogger(__name__)


def build_rule_pipeline(lang: str) -> Language:
    """A blank pipeline with every rule component and the resolver, no NER."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language: {lang!r}")
    nlp = spacy.blank(lang)
    for name in RULE_PIPES:
        nlp.add_pipe(name)
    nlp.add_pipe(RESOLVER)
    return nlp


def model_path(lang: str) -> Path:
    return MODEL_DIR / lang


def load_pipeline(lang: str) -> Language:
    """The shipped pipeline for a language; the rules alone if it was never trained."""
    path = model_path(lang)
    if (path / "config.cfg").is_file():
        return spacy.load(path)
    log.warning("no trained pipeline at %s; scanning with rules only", path)
    return build_rule_pipeline(lang)
