"""Scanner speed and memory, and a side-by-side with Microsoft Presidio on identifiers.

    python benchmarks/scan.py [--posts data/sample_posts/posts.jsonl]
                                         [--split test] [--repeat 3] [--no-presidio]

Throughput and latency are measured on --posts (default: the sample posts); the
IDENTIFIER comparison with Presidio needs gold spans, so it uses the --split of
the annotated corpus.

Prints: model load time, batch throughput (posts/s) of Scanner.scan_posts (with
safer rewrites) and of the bare pipelines, single-post latency p50/p95/p99,
peak memory, and, when presidio-analyzer is installed, Presidio's throughput and
both F1 scores on the IDENTIFIER label (exact span match).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
warnings.filterwarnings("ignore")

from exposure.evaluation import Scores, load_split  # noqa: E402
from exposure.models import Post  # noqa: E402
from exposure.post_input import read_posts  # noqa: E402
from exposure.profile import sample_profile  # noqa: E402

SAMPLE_POSTS = Path(__file__).resolve().parent.parent / "data" / "sample_posts" / "posts.jsonl"

# Presidio entity types that fall under this product's IDENTIFIER label.
PRESIDIO_IDENTIFIERS = {
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "IBAN_CODE",
    "NL_BSN",
    "UK_NHS",
    "CREDIT_CARD",
    "US_SSN",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _prf(scores: Scores) -> str:
    m = scores.micro
    return f"P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def identifier_scores(rows, predictions) -> Scores:
    scores = Scores()
    for row, pred in zip(rows, predictions, strict=True):
        gold = [s for s in row.spans if s[2] == "IDENTIFIER"]
        scores.add(gold, [p for p in pred if p[2] == "IDENTIFIER"])
    return scores


def presidio_engine():
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    # The bundled public-suffix snapshot only: nothing is fetched at run time.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class BlankSpacyEngine(SpacyNlpEngine):
        """Presidio's pattern recognizers on a blank spaCy tokenizer (no model installs here)."""

        def __init__(self) -> None:
            super().__init__(models=[{"lang_code": "en", "model_name": "blank"}])

        def load(self) -> None:
            self.nlp = {"en": spacy.blank("en")}

    engine = BlankSpacyEngine()
    engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default=str(SAMPLE_POSTS), help="CSV or JSONL posts to time")
    parser.add_argument("--split", default="test", help="annotated split for the IDENTIFIER F1")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes over the posts for throughput"
    )
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args()

    rows = load_split(args.split)
    path = Path(args.posts)
    posts = read_posts(path.read_bytes(), str(path)).posts if path.is_file() else []
    source = str(path)
    if not posts:
        posts = [Post(id=r.id, text=r.text, lang=r.lang) for r in rows]
        source = f"{args.split} split"
    mean = statistics.mean(len(p.text) for p in posts)
    print(f"posts: {len(posts)} from {source}, mean length {mean:.0f} chars")

    from exposure.scanner import Scanner

    start = time.perf_counter()
    scanner = Scanner(profile=sample_profile())
    print(f"model load (both languages): {time.perf_counter() - start:.2f} s")

    scanner.scan_posts(posts[:20])  # warm-up
    start = time.perf_counter()
    for _ in range(args.repeat):
        scanner.scan_posts(posts)
    elapsed = time.perf_counter() - start
    print(
        "batch throughput, scan_posts with rewrites: "
        f"{args.repeat * len(posts) / elapsed:.0f} posts/s"
    )

    pipelines = scanner._pipelines
    start = time.perf_counter()
    for _ in range(args.repeat):
        for lang, nlp in pipelines.items():
            for _doc in nlp.pipe([p.text for p in posts if p.lang == lang], batch_size=64):
                pass
    elapsed = time.perf_counter() - start
    print(
        "batch throughput, pipelines only:          "
        f"{args.repeat * len(posts) / elapsed:.0f} posts/s"
    )

    latencies = []
    for post in posts:
        t0 = time.perf_counter()
        scanner.scan_text(post.text, lang=post.lang or "auto")
        latencies.append((time.perf_counter() - t0) * 1000)
    print(
        "single-post latency (scan_text, with rewrite): "
        f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
        f"p99 {percentile(latencies, 99):.1f} ms"
    )
    print(f"peak memory (max RSS): {peak_rss_mb():.0f} MB")

    corpus_posts = [Post(id=r.id, text=r.text, lang=r.lang) for r in rows]
    corpus_results = scanner.scan_posts(corpus_posts)
    ours = identifier_scores(
        rows, [[(f.start, f.end, f.label) for f in r.findings] for r in corpus_results]
    )
    print(f"\nIDENTIFIER on {args.split}: this scanner  {_prf(ours)}")
    if args.no_presidio:
        return 0
    try:
        analyzer = presidio_engine()
    except ImportError:
        print("presidio-analyzer is not installed: pip install presidio-analyzer==2.2.366")
        return 0
    analyzer.analyze("warm up 06-12345678", language="en")
    start = time.perf_counter()
    predictions = []
    for post in corpus_posts:
        found = analyzer.analyze(post.text, language="en", score_threshold=0.3)
        predictions.append(
            [(r.start, r.end, "IDENTIFIER") for r in found if r.entity_type in PRESIDIO_IDENTIFIERS]
        )
    elapsed = time.perf_counter() - start
    theirs = identifier_scores(rows, predictions)
    ours_start = time.perf_counter()
    scanner.scan_posts(corpus_posts)
    ours_elapsed = time.perf_counter() - ours_start
    print(f"IDENTIFIER on {args.split}: Presidio       {_prf(theirs)}")
    print(
        f"throughput on the {args.split} split: this scanner "
        f"{len(corpus_posts) / ours_elapsed:.0f} posts/s (with rewrites), "
        "Presidio AnalyzerEngine (pattern recognizers, blank tokenizer) "
        f"{len(corpus_posts) / elapsed:.0f} posts/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
