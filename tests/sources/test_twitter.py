"""X/Twitter archives: data/tweets.js in a zip or on its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, read_export


def test_tweets_js_becomes_posts_with_unescaped_text_and_dates(export):
    data = export.tweets_js(
        [
            export.tweet("1766", "Nachtdienst bij poort 3 &amp; de camera doet het niet &gt;:("),
            export.tweet(
                "1767",
                "Mooie zonsondergang boven de Eems",
                created_at="Sat Mar 09 17:02:00 +0100 2024",
            ),
        ]
    )

    result = read_export("tweets.js", data)

    assert result.platform == "x"
    first, second = result.posts
    assert first.text == "Nachtdienst bij poort 3 & de camera doet het niet >:("
    assert first.id == "x-1766"
    assert first.lang == "nl"
    assert first.created_at == datetime(2024, 3, 8, 21, 47, 12, tzinfo=UTC)
    assert second.created_at.utcoffset().total_seconds() == 3600
    assert first.url == "https://x.com/i/web/status/1766"


def test_retweets_are_skipped_and_counted(export):
    data = export.tweets_js(
        [
            export.tweet("1", "RT @noordchem: Open dag op zaterdag!"),
            export.tweet("2", "Eigen woorden", retweeted_status={"id_str": "9"}),
            export.tweet("3", "Vrij vandaag"),
        ]
    )

    result = read_export("tweets.js", data)

    assert [p.id for p in result.posts] == ["x-3"]
    assert result.skipped_counts == {"retweet": 2}
    assert any(w.key == "sources.warn.skipped" for w in result.warnings)


def test_zip_with_parts_and_account_reads_every_part_once(export):
    archive = export.zip_of(
        {
            "data/account.js": export.account_js("dennis_w"),
            "data/tweets.js": export.tweets_js([export.tweet("10", "eerste")]),
            "data/tweets-part1.js": export.tweets_js(
                [export.tweet("11", "tweede"), export.tweet("10", "eerste")], part=1
            ),
            "data/deleted-tweets.js": export.tweets_js(
                [export.tweet("99", "verwijderd")], variable="deleted_tweets"
            ),
            "data/tweets_media/10-a.jpg": b"\xff\xd8\xff",
            "Your archive.html": b"<html></html>",
        }
    )

    result = read_export("twitter-2024-05-01-abc.zip", archive)

    assert [p.text for p in result.posts] == ["eerste", "tweede"]
    assert result.posts[0].author == "dennis_w"
    assert result.posts[0].url == "https://x.com/dennis_w/status/10"
    assert result.skipped_counts == {"duplicate": 1}


def test_older_tweet_js_is_read(export):
    result = read_export("tweet.js", export.tweets_js([export.tweet("5", "oud")], variable="tweet"))

    assert [p.text for p in result.posts] == ["oud"]


def test_other_archive_file_is_named_instead_of_read(export):
    data = export.tweets_js([{"like": {"tweetId": "1"}}], variable="like")

    with pytest.raises(SourceError) as caught:
        read_export("like.js", data)

    assert caught.value.key == "sources.wrong_x_file"
    assert "tweets.js" in caught.value.message
    assert "tweets.js" in caught.value.text("nl")


def test_only_retweets_is_an_error_that_says_what_was_skipped(export):
    data = export.tweets_js([export.tweet("1", "RT @a: b"), export.tweet("2", "RT @c: d")])

    with pytest.raises(SourceError) as caught:
        read_export("tweets.js", data)

    assert caught.value.key == "sources.no_posts_skipped"
    assert "2 retweets" in caught.value.message


def test_unreadable_date_is_reported_not_guessed(export):
    data = export.tweets_js([export.tweet("1", "hoi", created_at="gisteren")])

    result = read_export("tweets.js", data)

    assert result.posts[0].created_at is None
    assert any(w.key == "sources.warn.bad_dates" for w in result.warnings)
