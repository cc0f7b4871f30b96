from datetime import timedelta

import pytest
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from exposure.photo import photo_message, read_photo_metadata

from .conftest import camera_exif, jpeg_bytes, png_bytes, two_colour_image


def test_gps_time_and_camera_are_read_back(phone_jpeg: bytes) -> None:
    meta = read_photo_metadata(phone_jpeg)

    assert meta.gps is not None
    assert meta.gps.latitude == pytest.approx(53.33, abs=1e-6)
    assert meta.gps.longitude == pytest.approx(6.92, abs=1e-6)
    assert (meta.taken_at.year, meta.taken_at.month, meta.taken_at.day) == (2024, 5, 17)
    assert (meta.taken_at.hour, meta.taken_at.minute) == (6, 12)
    assert meta.taken_at.utcoffset() == timedelta(hours=2)
    assert (meta.make, meta.model, meta.device) == ("Fairphone", "FP5", "Fairphone FP5")
    assert meta.software == "FP5.UT2M.B.080"
    assert (meta.format, meta.mime, meta.width, meta.height) == ("JPEG", "image/jpeg", 120, 80)
    keys = [w.key for w in meta.warnings]
    assert keys[:4] == ["photo.gps", "photo.taken_at", "photo.device", "photo.software"]


def test_gps_warning_names_the_position_in_both_languages(phone_jpeg: bytes) -> None:
    gps = read_photo_metadata(phone_jpeg).warnings[0]

    assert gps.params == {"lat": pytest.approx(53.33), "lon": pytest.approx(6.92)}
    dutch, english = gps.text("nl"), gps.text("en")
    assert "53.33000" in dutch and "6.92000" in dutch and "plek" in dutch
    assert "53.33000" in english and "place" in english


@pytest.mark.parametrize(
    "lat_ref, lon_ref, expected",
    [("S", "W", (-53.33, -6.92)), ("N", "W", (53.33, -6.92)), ("S", "E", (-53.33, 6.92))],
)
def test_south_and_west_give_negative_coordinates(lat_ref, lon_ref, expected) -> None:
    data = jpeg_bytes(two_colour_image(), exif=camera_exif(lat_ref=lat_ref, lon_ref=lon_ref))
    gps = read_photo_metadata(data).gps
    assert (gps.latitude, gps.longitude) == pytest.approx(expected)


def test_decimal_degrees_in_one_rational_are_understood() -> None:
    exif = camera_exif(lat=(53.33, 0, 0), lon=(6.92,))
    gps = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=exif)).gps
    assert (gps.latitude, gps.longitude) == pytest.approx((53.33, 6.92))


def malformed_gps(kind: str) -> Image.Exif:
    exif = camera_exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if kind == "zero denominator":
        gps[ExifTags.GPS.GPSLatitude] = (IFDRational(53, 0), IFDRational(1, 0), IFDRational(0, 0))
    elif kind == "latitude without longitude":
        del gps[ExifTags.GPS.GPSLongitude]
    elif kind == "out of range":
        gps[ExifTags.GPS.GPSLatitude] = (IFDRational(123, 1), IFDRational(0, 1), IFDRational(0, 1))
    elif kind == "no fix (0, 0)":
        zero = (IFDRational(0, 1),) * 3
        gps[ExifTags.GPS.GPSLatitude] = zero
        gps[ExifTags.GPS.GPSLongitude] = zero
    return exif


@pytest.mark.parametrize(
    "kind", ["zero denominator", "latitude without longitude", "out of range", "no fix (0, 0)"]
)
def test_malformed_gps_is_flagged_not_raised(kind: str) -> None:
    meta = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=malformed_gps(kind)))

    assert meta.gps is None
    assert meta.gps_unreadable
    assert meta.warnings[0].key == "photo.gps_unreadable"
    assert "GPS" in meta.warnings[0].text("nl")


def test_time_without_offset_is_naive_and_bad_dates_are_skipped() -> None:
    naive = camera_exif(offset=None)
    meta = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=naive))
    assert meta.taken_at.tzinfo is None and meta.taken_at.hour == 6

    blank = camera_exif(taken="0000:00:00 00:00:00")
    meta = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=blank))
    assert meta.taken_at is None
    assert "photo.taken_at" not in [w.key for w in meta.warnings]


def test_plain_datetime_is_used_when_the_original_time_is_missing() -> None:
    exif = Image.Exif()
    exif[0x0132] = "2023:12:24 22:05:00"  # DateTime
    exif.get_ifd(ExifTags.IFD.Exif)[0x9010] = "-05:00"  # OffsetTime
    meta = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=exif))
    assert (meta.taken_at.day, meta.taken_at.hour) == (24, 22)
    assert meta.taken_at.utcoffset() == timedelta(hours=-5)


def test_owner_serial_number_and_hidden_comments_are_warned_about() -> None:
    exif = camera_exif()
    exif[0x013B] = "Jan de Vries"  # Artist
    exif[0x9C9D] = "J. de Vries".encode("utf-16-le") + b"\x00\x00"  # XPAuthor
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[0xA430] = "Jan"  # CameraOwnerName
    details[0xA431] = "FP5-0042-77"  # BodySerialNumber
    details[0x9286] = b"ASCII\x00\x00\x00nachtdienst poort 3"  # UserComment
    data = jpeg_bytes(two_colour_image(), exif=exif, comment=b"badge 4471")

    meta = read_photo_metadata(data)

    assert meta.owner == {
        "artist": "Jan de Vries",
        "xp_author": "J. de Vries",
        "camera_owner": "Jan",
    }
    assert meta.serials == {"body_serial": "FP5-0042-77"}
    assert meta.embedded_text == {"user_comment": "nachtdienst poort 3", "comment": "badge 4471"}
    by_key = {w.key: w for w in meta.warnings}
    assert "Jan de Vries" in by_key["photo.owner"].text("en")
    assert "FP5-0042-77" in by_key["photo.serial"].text("nl")
    assert "nachtdienst poort 3" in by_key["photo.embedded_text"].text("nl")


def test_orientation_is_reported() -> None:
    data = jpeg_bytes(two_colour_image(), exif=camera_exif(orientation=6))
    assert read_photo_metadata(data).orientation == 6


def test_png_text_chunks_and_xmp_are_reported() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "shot from the control room")
    info.add_itxt("Author", "Anne Jansen")
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
    data = png_bytes(two_colour_image(), pnginfo=info)

    meta = read_photo_metadata(data)

    assert meta.format == "PNG" and meta.mime == "image/png"
    assert meta.embedded_text["png:Comment"] == "shot from the control room"
    assert meta.embedded_text["png:Author"] == "Anne Jansen"
    assert meta.has_xmp
    assert len(meta.embedded_text) == 2  # the XMP block is not shown as free text
    assert {"photo.embedded_text", "photo.xmp"} <= {w.key for w in meta.warnings}


def test_a_photo_without_metadata_gives_no_warnings() -> None:
    meta = read_photo_metadata(png_bytes(two_colour_image()))
    assert meta.warnings == ()
    assert meta.gps is None and meta.taken_at is None and meta.device is None
    assert "plaats" in photo_message("photo.no_metadata", "nl")
    assert "place" in photo_message("photo.no_metadata", "en")


def test_control_characters_in_tags_are_cleaned() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Evil\x00Corp\x1b[31m"
    exif[0x0110] = "  Cam   X  "
    meta = read_photo_metadata(jpeg_bytes(two_colour_image(), exif=exif))
    assert meta.make == "EvilCorp [31m"
    assert meta.model == "Cam X"
