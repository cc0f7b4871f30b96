"""Text in a photo (a badge, a container door) is read with tesseract and scanned."""

import io

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from exposure.photo import PhotoError, ocr_available, read_text

from .conftest import camera_exif

pytestmark = pytest.mark.skipif(
    not ocr_available(), reason="tesseract with Dutch and English data is not installed"
)

BADGE_LINES = ("PASNUMMER 40123", "MSKU 123456 5")


def rendered(lines, size: int = 40, background="white", ink="black") -> Image.Image:
    font = ImageFont.load_default(size=size)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    step = int(size * 1.6)
    image = Image.new("RGB", (width, step * (len(lines) + 1)), background)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((size, size // 2 + i * step), line, fill=ink, font=font)
    return image


def encoded(image: Image.Image, fmt: str = "PNG", **save_args) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save_args)
    return buffer.getvalue()


def normalised(text: str) -> str:
    return " ".join(text.upper().split())


def test_text_on_a_badge_is_read() -> None:
    text = normalised(read_text(encoded(rendered(BADGE_LINES))))
    for line in BADGE_LINES:
        assert line in text


def test_small_low_contrast_text_in_a_jpeg_is_read() -> None:
    image = rendered(BADGE_LINES, size=12, background=(150, 150, 150), ink=(90, 90, 90))
    image = image.filter(ImageFilter.GaussianBlur(0.4))
    text = normalised(read_text(encoded(image, "JPEG", quality=85))).replace(" ", "")
    for line in BADGE_LINES:  # at this size the gap before a check digit may be lost
        assert line.replace(" ", "") in text


def test_text_in_a_photo_stored_sideways_is_read_upright() -> None:
    upright = rendered(["Nachtdienst poort 3"], size=36)
    # The sensor stored it turned; EXIF orientation 6 says "turn clockwise to show".
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    data = encoded(stored, "JPEG", quality=92, exif=camera_exif(orientation=6))
    assert "NACHTDIENST POORT 3" in normalised(read_text(data))


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(PhotoError) as caught:
        read_text(encoded(rendered(BADGE_LINES)), langs="klingon")
    assert caught.value.key == "photo.error.ocr_languages"
    with pytest.raises(PhotoError):
        read_text(encoded(rendered(BADGE_LINES)), langs="eng --psm 0")


def test_a_run_that_takes_too_long_is_stopped() -> None:
    with pytest.raises(PhotoError) as caught:
        read_text(encoded(rendered(BADGE_LINES)), timeout=0.001)
    assert caught.value.key == "photo.error.ocr_timeout"
    assert "0.001" in caught.value.text("nl")


def test_ocr_refuses_what_is_not_a_photo() -> None:
    with pytest.raises(PhotoError) as caught:
        read_text(b"not a photo at all")
    assert caught.value.key == "photo.error.not_image"


def test_text_read_from_a_photo_is_scanned_like_a_post() -> None:
    scanner_module = pytest.importorskip("exposure.scanner")
    from exposure.profile import sample_profile

    text = read_text(encoded(rendered(BADGE_LINES)))
    result = scanner_module.Scanner(profile=sample_profile()).scan_text(text)

    identifiers = {" ".join(f.text.split()) for f in result.findings if f.label == "IDENTIFIER"}
    assert {"40123", "MSKU 123456 5"} <= identifiers
    assert result.risk in ("medium", "high")
