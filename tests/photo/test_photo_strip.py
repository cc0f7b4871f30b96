import io

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat
from PIL.PngImagePlugin import PngInfo

from exposure.photo import read_photo_metadata, strip_metadata

from .conftest import camera_exif, jpeg_bytes, png_bytes, two_colour_image

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description/></rdf:RDF></x:xmpmeta>'


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def assert_no_metadata(image: Image.Image) -> None:
    assert len(image.getexif()) == 0
    for key in ("exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp"):
        assert not image.info.get(key), key


def test_jpeg_copy_loses_gps_time_device_comment_icc_and_xmp() -> None:
    original = two_colour_image()
    data = jpeg_bytes(
        original, exif=camera_exif(), comment=b"poort 3", icc_profile=srgb_icc(), xmp=XMP
    )
    before = read_photo_metadata(data)
    assert before.gps and before.taken_at and before.device and before.has_xmp
    assert before.has_icc_profile and before.embedded_text

    clean, mime = strip_metadata(data)

    assert mime == "image/jpeg" and clean[:3] == b"\xff\xd8\xff"
    copy = opened(clean)
    assert copy.format == "JPEG" and copy.size == original.size
    assert_no_metadata(copy)
    after = read_photo_metadata(clean)
    assert after.warnings == () and after.gps is None and after.taken_at is None
    assert mean_difference(copy, original) < 3  # the same picture, re-encoded


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_orientation_is_applied_to_the_pixels(orientation: int) -> None:
    stored = two_colour_image((120, 80))  # red left, blue right, as the sensor saw it
    data = jpeg_bytes(stored, exif=camera_exif(orientation=orientation))
    shown = {
        3: Image.Transpose.ROTATE_180,
        6: Image.Transpose.ROTATE_270,
        8: Image.Transpose.ROTATE_90,
    }
    expected = stored.transpose(shown[orientation])

    copy = opened(strip_metadata(data)[0])

    assert copy.size == expected.size
    assert read_photo_metadata(strip_metadata(data)[0]).orientation is None
    assert mean_difference(copy, expected) < 3


def test_png_copy_keeps_every_pixel_and_loses_text_chunks() -> None:
    original = two_colour_image()
    info = PngInfo()
    info.add_text("Comment", "shot from the control room")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    data = png_bytes(original, pnginfo=info, exif=camera_exif(), icc_profile=srgb_icc())
    assert read_photo_metadata(data).gps is not None

    clean, mime = strip_metadata(data)

    assert mime == "image/png" and clean[:8] == b"\x89PNG\r\n\x1a\n"
    copy = opened(clean)
    assert copy.format == "PNG" and not copy.text
    assert_no_metadata(copy)
    assert copy.tobytes() == original.tobytes()


def test_transparent_png_stays_transparent() -> None:
    original = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    original.paste((10, 200, 10, 255), (10, 10, 30, 20))
    clean, _ = strip_metadata(png_bytes(original))
    assert opened(clean).convert("RGBA").tobytes() == original.tobytes()


@pytest.mark.parametrize("fmt", ["WEBP", "GIF", "TIFF", "BMP"])
def test_other_formats_become_png(fmt: str) -> None:
    original = two_colour_image()
    buffer = io.BytesIO()
    original.save(buffer, format=fmt, **({"lossless": True} if fmt == "WEBP" else {}))

    clean, mime = strip_metadata(buffer.getvalue())

    copy = opened(clean)
    assert mime == "image/png" and copy.format == "PNG"
    assert copy.size == original.size
    assert mean_difference(copy, original) < 1
    assert_no_metadata(copy)


def test_greyscale_and_cmyk_jpegs_stay_jpeg() -> None:
    for mode in ("L", "CMYK"):
        original = two_colour_image().convert(mode)
        clean, mime = strip_metadata(jpeg_bytes(original, exif=camera_exif()))
        copy = opened(clean)
        assert (mime, copy.format, copy.size) == ("image/jpeg", "JPEG", original.size)
        assert_no_metadata(copy)


def test_a_multi_picture_phone_jpeg_becomes_a_plain_jpeg() -> None:
    first, second = (
        two_colour_image(),
        two_colour_image().transpose(Image.Transpose.FLIP_LEFT_RIGHT),
    )
    buffer = io.BytesIO()
    first.save(buffer, format="MPO", save_all=True, append_images=[second], exif=camera_exif())
    data = buffer.getvalue()
    assert read_photo_metadata(data).format == "MPO"
    assert read_photo_metadata(data).gps is not None

    clean, mime = strip_metadata(data)

    copy = opened(clean)
    assert (mime, copy.format) == ("image/jpeg", "JPEG")
    assert_no_metadata(copy)
    assert mean_difference(copy, first) < 3


def test_webp_with_gps_is_read_and_cleaned() -> None:
    buffer = io.BytesIO()
    two_colour_image().save(buffer, format="WEBP", lossless=True, exif=camera_exif())
    meta = read_photo_metadata(buffer.getvalue())
    assert meta.mime == "image/webp" and meta.gps.latitude == pytest.approx(53.33)

    clean, mime = strip_metadata(buffer.getvalue())
    assert mime == "image/png"
    assert read_photo_metadata(clean).warnings == ()
