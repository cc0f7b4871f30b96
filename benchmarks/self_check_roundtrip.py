"""The self-check round trip as the employee feels it, measured in a real browser.

Starts the app (`streamlit run`) on a free loopback port with a fresh database,
signs an employee in, submits 50 posts from the held-out test split one by one and
measures, per post, the time from clicking "Controleer" until the marked-up result
for that exact text is on screen. Prints p50, p95, max and posts per second.

    python benchmarks/self_check_roundtrip.py [--posts 50]

Needs Debian's chromium at /usr/bin/chromium (as the browser tests do).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CORPUS = REPO / "data" / "corpus" / "test.jsonl"


def load_posts(count: int) -> list[str]:
    """`count` texts spread evenly over the test split (benign and risky, nl and en)."""
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    step = max(1, len(texts) // count)
    chosen = texts[::step][:count]
    # The same text twice in a row would leave nothing to wait for.
    return [t for i, t in enumerate(chosen) if i == 0 or t != chosen[i - 1]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=50)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="self-check-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        from app.config import DATABASE_FILE_NAME, sqlite_url

        os.environ["EXPOSURE_DATA_DIR"] = str(data_dir)
        os.environ["EXPOSURE_DATABASE_URL"] = sqlite_url(data_dir / DATABASE_FILE_NAME)
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app
        from tests.browser.journey import EMPLOYEE, create_accounts
        from tests.browser.test_self_check_journey import check_post, sign_in_to_self_check

        if not CHROMIUM.exists():
            print(f"{CHROMIUM} is not installed", file=sys.stderr)
            return 2
        posts = load_posts(args.posts)
        create_accounts(EMPLOYEE)
        with start_app(data_dir) as app, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            sign_in_to_self_check(page, app.url)
            warm_up = check_post(page, "Eerste keer: de scanner wordt geladen.")
            started = time.perf_counter()
            times = [check_post(page, text) for text in posts]
            wall = time.perf_counter() - started
            browser.close()

    ms = [s * 1000 for s in times]
    print(f"self-check round trip through the browser, {len(ms)} posts")
    print(f"  first check after sign-in: {warm_up * 1000:.0f} ms")
    print(
        f"  p50 {percentile(ms, 0.50):.0f} ms   p95 {percentile(ms, 0.95):.0f} ms   "
        f"max {max(ms):.0f} ms   mean {statistics.fmean(ms):.0f} ms"
    )
    print(f"  {len(ms) / wall:.2f} posts/s (typing, submitting and waiting, one after another)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
