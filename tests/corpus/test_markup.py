from pathlib import Path

import pytest

from exposure.corpus.markup import MarkupError, parse_file, parse_markup, parse_post


def spans_text(post):
    return [(post.text[s.start : s.end], s.label) for s in post.spans]


def test_offsets_slice_the_annotated_text():
    posts = parse_markup(
        "@ lang=nl style=chat\n"
        "Weer [[nachtdienst|SCHEDULE]] bij [[Noordchem|ORG]] 😴 en de "
        "[[camera bij poort 3 doet het nog steeds niet|SECURITY]]\n"
        "---\n"
        "@ lang=en\n"
        "Lovely evening under the night sky #proud\n"
    )
    assert len(posts) == 2
    first, second = posts
    assert first.lang == "nl" and first.style == "chat"
    assert first.text.startswith("Weer nachtdienst bij Noordchem 😴")
    assert spans_text(first) == [
        ("nachtdienst", "SCHEDULE"),
        ("Noordchem", "ORG"),
        ("camera bij poort 3 doet het nog steeds niet", "SECURITY"),
    ]
    assert second.spans == () and second.lang == "en"
    assert "[[" not in first.text and "|" not in first.text


def test_multiline_post_keeps_offsets_after_line_breaks():
    (post,) = parse_markup("@ lang=en\nfirst line\nsecond [[gate 3|SITE]] line\n")
    assert post.text == "first line\nsecond gate 3 line"
    assert spans_text(post) == [("gate 3", "SITE")]


def test_emoji_before_span_uses_python_string_offsets():
    post = parse_post("🚢🚢 [[tanker komt om 06:00|LOGISTICS]]", "nl")
    span = post.spans[0]
    assert post.text[span.start : span.end] == "tanker komt om 06:00"
    assert span.start == 3


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[poort 3|GATE]]", "unknown label 'GATE'"),
        ("[[poort [[3|SITE]]|SITE]]", "must not nest"),
        ("[[poort 3|SITE]", "never closed"),
        ("poort 3|SITE]]", "']]' without '[['"),
        ("[[poort 3]]", "no '|LABEL'"),
        ("[[ poort 3|SITE]]", "whitespace"),
        ("[[|SITE]]", "empty span"),
    ],
)
def test_bad_markup_is_rejected_with_file_and_line(body, message):
    text = "@ lang=nl\nfine post\n---\n@ lang=nl\nfirst line\n" + body + "\n"
    with pytest.raises(MarkupError) as info:
        parse_markup(text, source="demo.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("demo.txt:6:")


def test_missing_or_wrong_header_is_rejected():
    with pytest.raises(MarkupError, match="demo.txt:1: .*header"):
        parse_markup("just text without header\n", source="demo.txt")
    with pytest.raises(MarkupError, match="lang=nl or lang=en"):
        parse_markup("@ lang=de\nHallo\n", source="demo.txt")
    with pytest.raises(MarkupError, match="unknown header field"):
        parse_markup("@ lang=nl colour=red\nHallo\n", source="demo.txt")


def test_header_without_text_is_rejected():
    with pytest.raises(MarkupError, match="no text"):
        parse_markup("@ lang=nl\n\n---\n", source="demo.txt")


def test_invalid_utf8_file_names_the_line(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"@ lang=nl\nok\n\xff\xfe broken\n")
    with pytest.raises(MarkupError, match=r"bad.txt:3: not valid UTF-8"):
        parse_file(path)


def test_blank_lines_and_crlf_between_blocks_are_tolerated():
    posts = parse_markup("\r\n@ lang=nl\r\nA [[pas|ACCESS]]\r\n\r\n---\r\n\r\n@ lang=en\r\nB\r\n")
    assert [p.text for p in posts] == ["A pas", "B"]
    assert spans_text(posts[0]) == [("pas", "ACCESS")]
