import pytest

from exposure.photo import PhotoError, read_photo_metadata, strip_metadata

from .conftest import camera_exif, jpeg_bytes, noisy_image, png_bytes, png_declaring

READERS = [read_photo_metadata, strip_metadata]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(
    "data",
    [
        b"Dit is geen foto maar een tekstbestand.\n",
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n",  # never handed to Ghostscript
        b"\x00" * 2048,
    ],
    ids=["text", "pdf", "eps", "zeros"],
)
def test_a_file_that_is_not_a_photo_is_refused_clearly(read, data: bytes) -> None:
    with pytest.raises(PhotoError) as caught:
        read(data)
    assert caught.value.key == "photo.error.not_image"
    assert "JPEG, PNG" in str(caught.value)
    assert "geen foto" in caught.value.text("nl")


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_a_cut_off_jpeg_is_refused_as_damaged(read, keep: float) -> None:
    whole = jpeg_bytes(noisy_image(), exif=camera_exif())
    with pytest.raises(PhotoError) as caught:
        read(whole[: int(len(whole) * keep)])
    assert caught.value.key == "photo.error.damaged"
    assert "beschadigd" in caught.value.text("nl")


def test_a_jpeg_cut_inside_its_header_is_refused() -> None:
    whole = jpeg_bytes(noisy_image(), exif=camera_exif())
    with pytest.raises(PhotoError) as caught:
        read_photo_metadata(whole[:40])
    assert caught.value.key in ("photo.error.damaged", "photo.error.not_image")


@pytest.mark.parametrize("read", READERS)
def test_an_empty_file_is_refused(read) -> None:
    with pytest.raises(PhotoError) as caught:
        read(b"")
    assert caught.value.key == "photo.error.empty"


@pytest.mark.parametrize("read", READERS)
def test_a_file_over_the_size_cap_is_refused_before_reading(read) -> None:
    data = png_bytes(noisy_image())
    with pytest.raises(PhotoError) as caught:
        read(data, max_bytes=len(data) - 1)
    assert caught.value.key == "photo.error.too_large"
    assert caught.value.params["limit_mb"] == f"{(len(data) - 1) / 1_000_000:.1f}"
    assert "MB" in caught.value.text("nl") and "MB" in str(caught.value)


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(
    "width, height",
    [(9_000, 9_000), (50_000, 50_000)],  # over our cap; over Pillow's own bomb limit too
)
def test_a_decompression_bomb_is_refused(read, width: int, height: int) -> None:
    with pytest.raises(PhotoError) as caught:
        read(png_declaring(width, height))
    assert caught.value.key == "photo.error.too_many_pixels"
    assert "60.0" in str(caught.value)


def test_the_pixel_cap_can_be_lowered() -> None:
    data = png_bytes(noisy_image((100, 100)))
    assert read_photo_metadata(data, max_pixels=10_000).width == 100
    with pytest.raises(PhotoError) as caught:
        strip_metadata(data, max_pixels=9_999)
    assert caught.value.params == {"width": 100, "height": 100, "limit_mp": 0.0}
