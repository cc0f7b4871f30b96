"""Generic CSV and JSONL files of posts, with the text column chosen by name."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from exposure.sources import SourceError, read_export


def test_jsonl_keeps_ids_languages_and_dates():
    lines = [
        {"id": "p1", "text": "Nachtdienst", "lang": "nl", "created_at": "2024-05-01T22:00:00Z"},
        {"id": "p2", "text": "Day off", "lang": "en", "platform": "mastodon"},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode() + b"\n"

    result = read_export("posts.jsonl", data)

    assert result.platform == "jsonl"
    first, second = result.posts
    assert (first.id, first.lang, first.created_at) == (
        "p1",
        "nl",
        datetime(2024, 5, 1, 22, tzinfo=UTC),
    )
    assert (second.id, second.platform) == ("p2", "mastodon")


def test_jsonl_with_a_chosen_text_column_and_missing_ids():
    data = b'{"bericht": "eerste"}\n{"bericht": "tweede"}\n'

    result = read_export("export.jsonl", data, text_column="bericht")

    assert [(p.id, p.text) for p in result.posts] == [("jsonl-1", "eerste"), ("jsonl-2", "tweede")]


def test_jsonl_bad_lines_are_skipped_and_named():
    data = b'{"text": "a"}\nnot json\n{"text": "b"}\n[1, 2]\n{"text": "c"}\n'

    result = read_export("posts.jsonl", data)

    assert [p.text for p in result.posts] == ["a", "b", "c"]
    (warning,) = [w for w in result.warnings if w.key == "sources.warn.bad_lines"]
    assert warning.params["lines"] == "2, 4"


def test_jsonl_cut_off_last_line_is_reported_as_truncated():
    data = b'{"text": "a"}\n{"text": "b"}\n{"text": "hal'

    result = read_export("posts.jsonl", data)

    assert [p.text for p in result.posts] == ["a", "b"]
    assert any(w.key == "sources.warn.truncated_last_line" for w in result.warnings)


def test_csv_semicolons_and_multiline_text():
    data = b'id;text;lang\n1;"regel een\nregel twee";nl\n2;Hallo;en\n'

    result = read_export("posts.csv", data)

    assert result.platform == "csv"
    assert [(p.id, p.text, p.lang) for p in result.posts] == [
        ("1", "regel een\nregel twee", "nl"),
        ("2", "Hallo", "en"),
    ]


def test_csv_from_excel_in_windows_1252_is_read_with_a_warning():
    data = "id,text\n1,Café open tot 06:00 – poort 5\n".encode("cp1252")

    result = read_export("posts.csv", data)

    assert result.posts[0].text == "Café open tot 06:00 – poort 5"
    assert any(w.key == "sources.warn.not_utf8" for w in result.warnings)


def test_csv_with_utf8_bom_and_mixed_stray_latin1_byte():
    data = "\ufeffid,text\n1,één ploeg\n".encode() + "2,caf\xe9\n".encode("latin-1")

    result = read_export("posts.csv", data)

    assert [p.text for p in result.posts] == ["één ploeg", "café"]


def test_missing_text_column_lists_the_columns_found():
    with pytest.raises(SourceError) as caught:
        read_export("posts.csv", b"id,body\n1,hoi\n")

    assert caught.value.key == "sources.no_text_column"
    assert "'body'" in caught.value.message
    assert "--text-column" not in caught.value.message  # UI and CLI both use it


def test_utf16_csv_with_bom_is_read():
    data = "id\ttext\n1\tHallo\n".encode("utf-16")

    assert [p.text for p in read_export("posts.csv", data).posts] == ["Hallo"]


def test_json_array_of_objects_is_read_like_jsonl():
    data = json.dumps([{"id": "a", "text": "een"}, {"id": "b", "text": "twee"}]).encode()

    assert [p.id for p in read_export("posts.json", data).posts] == ["a", "b"]


def test_overlong_post_is_shortened_with_a_warning():
    data = json.dumps({"text": "x" * 30_000}).encode()

    result = read_export("posts.jsonl", data)

    assert len(result.posts[0].text) == 20_000
    assert any(w.key == "sources.warn.long_text" for w in result.warnings)


def test_progress_is_reported_up_to_the_total():
    data = b"".join(b'{"text": "post %d"}\n' % n for n in range(600))
    calls = []

    result = read_export("posts.jsonl", data, progress=lambda done, total: calls.append(done))

    assert len(result.posts) == 600
    assert calls[0] < 600 and calls[-1] == 600
    assert calls == sorted(calls)
