"""Photos the tests make themselves with Pillow: metadata, orientation, damage."""

from __future__ import annotations

import io
import struct
import zlib
from fractions import Fraction

import pytest
from PIL import ExifTags, Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

# Delfzijl harbour: 53 deg 19' 48" N, 6 deg 55' 12" E = 53.33 N, 6.92 E.
DELFZIJL_DMS = ((53, 19, 48), (6, 55, 12))


def rational(value: float | int) -> IFDRational:
    fraction = Fraction(value).limit_denominator(10_000)
    return IFDRational(fraction.numerator, fraction.denominator)


def camera_exif(
    *,
    lat: tuple = DELFZIJL_DMS[0],
    lat_ref: str = "N",
    lon: tuple = DELFZIJL_DMS[1],
    lon_ref: str = "E",
    taken: str = "2024:05:17 06:12:30",
    offset: str | None = "+02:00",
    orientation: int | None = None,
) -> Image.Exif:
    """EXIF as a phone writes it: device, time taken with offset, GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Fairphone"  # Make
    exif[0x0110] = "FP5"  # Model
    exif[0x0131] = "FP5.UT2M.B.080"  # Software
    if orientation is not None:
        exif[0x0112] = orientation
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[0x9003] = taken  # DateTimeOriginal
    if offset:
        details[0x9011] = offset  # OffsetTimeOriginal
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = lat_ref
    gps[ExifTags.GPS.GPSLatitude] = tuple(rational(v) for v in lat)
    gps[ExifTags.GPS.GPSLongitudeRef] = lon_ref
    gps[ExifTags.GPS.GPSLongitude] = tuple(rational(v) for v in lon)
    return exif


def jpeg_bytes(image: Image.Image, **save_args) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95, **save_args)
    return buffer.getvalue()


def png_bytes(image: Image.Image, **save_args) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **save_args)
    return buffer.getvalue()


def two_colour_image(size: tuple[int, int] = (120, 80)) -> Image.Image:
    """Left half red, right half blue: shows which way a copy was turned."""
    image = Image.new("RGB", size, (220, 20, 20))
    ImageDraw.Draw(image).rectangle((size[0] // 2, 0, size[0], size[1]), fill=(20, 20, 220))
    return image


def noisy_image(size: tuple[int, int] = (256, 256)) -> Image.Image:
    """Random pixels compress badly, so a cut-off file loses real image data."""
    return Image.frombytes(
        "RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3))
    )


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size (a decompression bomb's shape)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    data = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.fixture
def phone_jpeg() -> bytes:
    return jpeg_bytes(two_colour_image(), exif=camera_exif())
