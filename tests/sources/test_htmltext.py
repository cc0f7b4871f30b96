"""Mastodon's post HTML as plain text, without a regex in sight."""

from __future__ import annotations

from exposure.sources.htmltext import html_to_text


def test_mastodon_link_spans_give_the_full_url():
    html = (
        '<p>Rooster staat online: <a href="https://example.org/rooster/week-12" rel="nofollow">'
        '<span class="invisible">https://</span><span class="ellipsis">example.org/roos</span>'
        '<span class="invisible">ter/week-12</span></a></p>'
    )

    assert html_to_text(html) == "Rooster staat online: https://example.org/rooster/week-12"


def test_mentions_hashtags_paragraphs_and_breaks():
    html = (
        '<p><span class="h-card"><a href="https://x.example/@kees" class="u-url mention">'
        "@<span>kees</span></a></span> morgen vroege dienst?</p>"
        "<p>ik sta tot 14:00<br />bij <a href='#' class='hashtag'>#<span>poort5</span></a></p>"
    )

    assert html_to_text(html) == "@kees morgen vroege dienst?\n\nik sta tot 14:00\nbij #poort5"


def test_scripts_and_styles_are_dropped_and_entities_decoded():
    html = "<p>a &amp; b &lt;3</p><script>alert('x')</script><style>p{}</style><p>c&nbsp;d</p>"

    assert html_to_text(html) == "a & b <3\n\nc\xa0d"


def test_unclosed_and_broken_markup_still_gives_the_text():
    assert html_to_text("<p>open <b>vet <i>schuin") == "open vet schuin"
    assert html_to_text("<p>a</p><p>b") == "a\n\nb"
