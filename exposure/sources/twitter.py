"""X (Twitter) archive: data/tweets.js, older tweet.js, and tweets-partN.js.

Each file is JavaScript that assigns one JSON array: `window.YTD.tweets.part0 = [...]`.
Retweets are other people's words and are skipped; the text is HTML-escaped.
"""

from __future__ import annotations

import html
import re

from exposure.sources.dates import parse_twitter_date
from exposure.sources.messages import SourceError
from exposure.sources.results import PostCollector
from exposure.sources.textdecode import load_json

PLATFORM = "x"
_ASSIGNMENT = re.compile(r"\s*window\.YTD\.([A-Za-z0-9_]+)\.part\d+\s*=\s*")
POST_VARIABLES = frozenset({"tweets", "tweet"})


def ytd_variable(text: str) -> str | None:
    """The archive variable a .js file assigns ("tweets", "account", ...), if any."""
    match = _ASSIGNMENT.match(text)
    return match.group(1) if match else None


def ytd_payload(text: str, name: str) -> object:
    match = _ASSIGNMENT.match(text)
    body = text[match.end() :] if match else text
    return load_json(body.strip().rstrip(";"), name)


def account_username(text: str, name: str) -> str | None:
    """The @username from data/account.js, for post links and the author field."""
    try:
        items = ytd_payload(text, name)
    except SourceError:
        return None
    if isinstance(items, list):
        for item in items:
            account = item.get("account") if isinstance(item, dict) else None
            if isinstance(account, dict) and isinstance(account.get("username"), str):
                return account["username"]
    return None


def parse_tweet_items(items: object, name: str, out: PostCollector, username: str | None) -> None:
    if not isinstance(items, list):
        raise SourceError(
            "sources.unexpected_shape", name=name, platform="X", detail="no list of tweets"
        )
    total = len(items)
    for done, item in enumerate(items, start=1):
        out.report(done, total)
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict):
            out.skip("malformed")
            continue
        raw_text = tweet.get("full_text", tweet.get("text"))
        if not isinstance(raw_text, str):
            out.skip("no_text")
            continue
        if raw_text.startswith("RT @") or "retweeted_status" in tweet:
            out.skip("retweet")
            continue
        tweet_id = tweet.get("id_str") or tweet.get("id")
        if not isinstance(tweet_id, str | int) or isinstance(tweet_id, bool):
            out.skip("malformed")
            continue
        tweet_id = str(tweet_id)
        created_at = parse_twitter_date(tweet.get("created_at"))
        if created_at is None and "created_at" in tweet:
            out.bad_date()
        url = (
            f"https://x.com/{username}/status/{tweet_id}"
            if username
            else f"https://x.com/i/web/status/{tweet_id}"
        )
        out.add(
            id=f"x-{tweet_id}",
            text=html.unescape(raw_text),
            platform=PLATFORM,
            lang=tweet.get("lang"),
            created_at=created_at,
            url=url,
            author=username,
        )


def parse_tweets_js(text: str, name: str, out: PostCollector, username: str | None) -> None:
    variable = ytd_variable(text)
    if variable is not None and variable not in POST_VARIABLES:
        raise SourceError("sources.wrong_x_file", name=name)
    parse_tweet_items(ytd_payload(text, name), name, out, username)
