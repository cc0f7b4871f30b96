"""The shipped sample set of fictional posts and personas."""

from __future__ import annotations

from collections import Counter

import pytest

from exposure.sources import load_personas, load_sample_posts, read_export
from exposure.sources.sample import POSTS_FILE, SampleDataError


def test_sample_set_is_large_varied_and_spread_over_a_year():
    posts = load_sample_posts()

    assert len(posts) >= 300
    assert len({p.id for p in posts}) == len(posts)
    assert {p.lang for p in posts} == {"nl", "en"}
    assert Counter(p.lang for p in posts)["en"] >= 40
    assert {"x", "facebook", "instagram", "linkedin", "mastodon", "bluesky"} <= {
        p.platform for p in posts
    }
    dates = [p.created_at for p in posts]
    assert all(d.tzinfo is not None for d in dates)
    assert (max(dates) - min(dates)).days >= 300
    assert len({d.month for d in dates}) == 12


def test_every_post_belongs_to_a_persona_and_every_persona_posts():
    personas = load_personas()
    posts = load_sample_posts()

    assert 6 <= len(personas) <= 10
    per_author = Counter(p.author for p in posts)
    assert set(per_author) == {p.id for p in personas}
    assert min(per_author.values()) >= 25
    assert sum(p.demo for p in personas) == 1


def test_personas_have_dutch_and_english_texts():
    for persona in load_personas():
        assert persona.role_text("nl") and persona.role_text("en")
        assert persona.description_text("nl") != persona.description_text("en")
        assert persona.company


def test_posts_of_one_persona():
    posts = load_sample_posts(author="gareth")

    assert posts and all(p.author == "gareth" for p in posts)
    assert all(p.lang == "en" for p in posts)


def test_sample_file_reads_through_the_generic_importer_unchanged():
    imported = read_export("posts.jsonl", POSTS_FILE.read_bytes()).posts

    assert imported == load_sample_posts()


def test_damaged_sample_file_names_the_line(tmp_path):
    broken = tmp_path / "posts.jsonl"
    broken.write_text(
        '{"id": "a", "author": "x", "platform": "x", "created_at": "2024-01-01T10:00:00+01:00",'
        ' "lang": "nl", "text": "hoi"}\n{"id": "b", "text": "geen datum"}\n',
        encoding="utf-8",
    )

    with pytest.raises(SampleDataError, match=r"posts.jsonl:2"):
        load_sample_posts(broken)
