"""Train the statistical NER and save the full pipeline to data/model/<lang>/.

`python -m exposure train [--lang nl|en|all]` rebuilds the shipped pipelines from
data/corpus/train.jsonl, selecting the epoch with the best full-scanner micro F1
on dev.jsonl. The test split is never read here. Seeds are fixed, so the same
data gives the same model.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.training import Example, offsets_to_biluo_tags
from spacy.util import compounding, fix_random_seed, minibatch
from thinc.api import Config

from exposure.evaluation import CorpusRow, load_split, score_rows
from exposure.pipeline import MODEL_DIR, RESOLVER, build_rule_pipeline
from exposure.profile import sample_profile

# Efficiency set-up of `spacy init config --pipeline ner --optimize efficiency`, CPU only.
NER_CONFIG = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden_width}
maxout_pieces = 2
use_upper = {use_upper}
nO = null

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = {depth}
embed_size = {embed_size}
window_size = 1
maxout_pieces = 3
subword_features = true
"""


@dataclass(frozen=True)
class TrainSettings:
    seed: int = 20210311
    max_epochs: int = 20
    patience: int = 6
    dropout: float = 0.2
    batch_start: float = 4.0
    batch_stop: float = 32.0
    width: int = 96
    depth: int = 2
    # Hand-written posts are rarer and closer to real posts than template ones, so
    # each is seen this many times per epoch.
    hand_weight: int = 3
    embed_size: int = 5000
    hidden_width: int = 96
    use_upper: bool = True
    # Training posts of other languages to add. They share names, numbers, times
    # and the estate's vocabulary, which helps the smaller English corpus.
    borrow_from: tuple[str, ...] = ()


# Measured on hand-written dev: English gains from the Dutch posts, Dutch loses
# a little from the English ones.
LANGUAGE_SETTINGS = {"nl": TrainSettings(), "en": TrainSettings(borrow_from=("nl",))}


def _examples(nlp: Language, rows: Sequence[CorpusRow]) -> tuple[list[Example], int]:
    examples, misaligned = [], 0
    for row in rows:
        doc = nlp.make_doc(row.text)
        tags = offsets_to_biluo_tags(doc, [tuple(s) for s in row.spans])
        misaligned += sum(1 for t in tags if t == "-")
        examples.append(Example.from_dict(doc, {"entities": tags}))
    return examples, misaligned


def _selection_score(nlp: Language, dev_rows: Sequence[CorpusRow]) -> float:
    """Full-scanner micro F1 on the hand-written dev posts (all dev posts if none).

    Real posts read like the hand-written ones, not like template output.
    """
    hand = [r for r in dev_rows if r.origin == "hand"]
    return score_rows(nlp, hand or dev_rows, "full").micro.f1 if dev_rows else 0.0


def train_language(
    lang: str,
    settings: TrainSettings | None = None,
    out_dir: Path = MODEL_DIR,
    log: Callable[[str], None] = print,
) -> float:
    """Train, pick the best epoch on dev, save to out_dir/lang; returns the dev selection score."""
    settings = settings or LANGUAGE_SETTINGS.get(lang, TrainSettings())
    fix_random_seed(settings.seed)
    rng = random.Random(settings.seed)
    train_rows = load_split("train", lang)
    dev_rows = load_split("dev", lang)
    if not train_rows:
        raise SystemExit(f"no {lang} training posts in data/corpus/train.jsonl")
    for other in settings.borrow_from:
        train_rows += load_split("train", other)
    nlp = build_rule_pipeline(lang)
    nlp.get_pipe("exposure_profile").set_profile(sample_profile())
    ner_config = Config().from_str(
        NER_CONFIG.format(
            width=settings.width,
            depth=settings.depth,
            embed_size=settings.embed_size,
            hidden_width=settings.hidden_width,
            use_upper=str(settings.use_upper).lower(),
        )
    )
    nlp.add_pipe("ner", before=RESOLVER, config=ner_config)
    weighted = [
        r for r in train_rows for _ in range(settings.hand_weight if r.origin == "hand" else 1)
    ]
    train_examples, misaligned = _examples(nlp, weighted)
    if misaligned:
        log(f"[{lang}] {misaligned} tokens outside token boundaries were left unlabelled")
    optimizer = nlp.initialize(lambda: train_examples)
    best_f1, best_bytes, since_best = -1.0, None, 0
    for epoch in range(1, settings.max_epochs + 1):
        rng.shuffle(train_examples)
        losses: dict[str, float] = {}
        sizes = compounding(settings.batch_start, settings.batch_stop, 1.001)
        with nlp.select_pipes(enable=["ner"]):
            for batch in minibatch(train_examples, size=sizes):
                nlp.update(batch, drop=settings.dropout, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            dev_f1 = _selection_score(nlp, dev_rows)
            if dev_f1 > best_f1:
                best_f1, best_bytes, since_best = dev_f1, nlp.get_pipe("ner").to_bytes(), 0
            else:
                since_best += 1
        log(
            f"[{lang}] epoch {epoch:>2}  loss {losses.get('ner', 0.0):9.2f}  dev score {dev_f1:.3f}"
        )
        if since_best >= settings.patience:
            break
    if best_bytes is not None:
        nlp.get_pipe("ner").from_bytes(best_bytes)
    # The shipped pipeline carries no company profile; the Scanner sets one at load.
    nlp.get_pipe("exposure_profile").set_profile(None)
    target = out_dir / lang
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    (out_dir / f"config-{lang}.cfg").write_text(nlp.config.to_str(), encoding="utf-8")
    log(f"[{lang}] saved to {target} (best dev score {best_f1:.3f})")
    return best_f1


def train(langs: Sequence[str], log: Callable[[str], None] = print) -> int:
    for lang in langs:
        train_language(lang, log=log)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(train(sys.argv[1:] or ["nl", "en"]))
