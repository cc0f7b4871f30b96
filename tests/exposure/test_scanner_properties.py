"""Whatever text comes in, the scanner answers, and its offsets are honest."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exposure.models import LABELS, RISK_LEVELS
from exposure.scanner import MAX_POST_CHARS

# Text built from pieces that trigger recognizers, mixed with arbitrary unicode.
PIECES = st.sampled_from(
    [
        "nachtdienst",
        "poort 3",
        "camera",
        "doet het niet",
        "GX-123-B",
        "06-12345678",
        "NL91 ABNA 0417 1643 00",
        "CSQU3054383",
        "#Noordchem",
        "@jan",
        "tanker komt",
        "om 06:00",
        "20 vaten zoutzuur",
        "deurcode is 4471",
        "schulden",
        "\n",
        "  ",
        "🙈",
        "<script>",
        "B.V.",
        "toegangspas nr 48213",
        "night shift",
        "no guard after 22:00",
        "\x00",
        "\u200b",
        "é",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=25).map(" ".join),
)


def check(result, text: str) -> None:
    assert result.risk in RISK_LEVELS
    assert 0.0 <= result.score <= 1.0
    previous_end = 0
    for f in sorted(result.findings, key=lambda f: f.start):
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.label in LABELS
        assert f.start >= previous_end  # findings never overlap
        previous_end = f.end
    assert isinstance(result.rewrite, str)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS, lang=st.sampled_from(["auto", "nl", "en"]))
def test_no_input_crashes_and_offsets_slice_the_text(scanner, text: str, lang: str) -> None:
    check(scanner.scan_text(text, lang=lang), text)


def test_very_long_text_is_cut_with_a_warning(scanner) -> None:
    import warnings

    text = "nachtdienst bij poort 3. " * 50_000  # about 1.2 MB
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = scanner.scan_text(text)
    assert any("cut" in str(w.message) for w in caught)
    assert len(result.text) == MAX_POST_CHARS
    check(result, text)


def test_empty_and_whitespace_posts_are_none(scanner) -> None:
    for text in ("", "   \n\t", "🙈🙈🙈"):
        result = scanner.scan_text(text)
        assert result.risk == "none" and result.findings == ()
