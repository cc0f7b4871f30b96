"""The photo check: what a photo's file data gives away, a clean copy, and its text.

    meta = read_photo_metadata(upload_bytes)      # GPS, time taken, device, names
    for warning in meta.warnings: warning.text("nl")
    clean_bytes, mime = strip_metadata(upload_bytes)
    if ocr_available(): text = read_text(upload_bytes)   # then Scanner.scan_text(text)

Uploads are untrusted: every entry point caps the file size and the pixel count
before decoding, opens only a short list of raster formats (so no Pillow plugin
that shells out, such as EPS, is ever reached), and turns every parser failure
into a PhotoError with a message key, parameters and English text. Nothing is
written to disk here.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

__all__ = [
    "MAX_BYTES",
    "MAX_PIXELS",
    "GpsPosition",
    "PhotoError",
    "PhotoMetadata",
    "PhotoWarning",
    "ocr_available",
    "photo_message",
    "read_photo_metadata",
    "read_text",
    "strip_metadata",
]

MESSAGES_PATH = Path(__file__).resolve().parent.parent / "data" / "photo_messages.yaml"
UI_LANGS = ("nl", "en")
MAX_BYTES = 20_000_000
MAX_PIXELS = 60_000_000
# Formats a phone or camera hands over. Pillow's JPEG opener also yields "MPO",
# its name for the multi-picture JPEGs many phones write.
READABLE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")
JPEG_FORMATS = ("JPEG", "MPO")
JPEG_QUALITY = 92
MAX_TEXT_CHARS = 200  # of any one metadata value kept or shown
OCR_LANGS = ("nld", "eng")
OCR_MIN_SIDE = 1600  # small images are enlarged: tesseract reads letters ~30 px high best
OCR_MAX_SIDE = 4000  # larger ones are reduced, which bounds the time OCR takes
OCR_MAX_UPSCALE = 4.0
_LANGS_PATTERN = re.compile(r"^[a-z_]{3,20}(\+[a-z_]{3,20}){0,4}$")
_OFFSET_PATTERN = re.compile(r"^([+-])(\d{2}):?(\d{2})$")
_EXIF_DATE_FORMATS = ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M")

log = logging.getLogger(__name__)

# EXIF tag numbers (CIPA DC-008) of details that identify a person or a device.
_IFD0_OWNER = {0x013B: "artist", 0x8298: "copyright", 0x9C9D: "xp_author"}
_EXIF_OWNER = {0xA430: "camera_owner"}
_EXIF_SERIAL = {0xA431: "body_serial", 0xA435: "lens_serial", 0xA420: "unique_id"}
_IFD0_TEXT = {
    0x010E: "description",
    0x013C: "host_computer",
    0x9C9B: "xp_title",
    0x9C9C: "xp_comment",
    0x9C9E: "xp_keywords",
    0x9C9F: "xp_subject",
}
_EXIF_TEXT = {0x9286: "user_comment"}
_XP_TAGS = {0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F}  # Windows tags, UTF-16LE bytes
_TAG_MAKE, _TAG_MODEL, _TAG_SOFTWARE = 0x010F, 0x0110, 0x0131
_TAG_ORIENTATION, _TAG_DATETIME = 0x0112, 0x0132
_TAG_DATETIME_ORIGINAL, _TAG_DATETIME_DIGITIZED = 0x9003, 0x9004
_TAG_OFFSET, _TAG_OFFSET_ORIGINAL, _TAG_OFFSET_DIGITIZED = 0x9010, 0x9011, 0x9012
_TAG_LENS_MAKE, _TAG_LENS_MODEL = 0xA433, 0xA434
# PNG text chunks that hold EXIF or XMP themselves rather than free text.
_PNG_STRUCTURED_TEXT = ("xml:com.adobe.xmp", "raw profile type exif", "raw profile type app1")


# --- messages ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(MESSAGES_PATH.read_text(encoding="utf-8"))
    for key, texts in data.items():
        if not all(isinstance(texts, dict) and texts.get(lang) for lang in UI_LANGS):
            raise ValueError(f"{MESSAGES_PATH}: {key} lacks a text in nl and en")
    return data


def photo_message(key: str, lang: str = "nl", **params: Any) -> str:
    """The message for `key` in `lang` ("nl" or "en"), filled with `params`."""
    texts = _messages().get(key)
    if texts is None:
        return key
    template = texts.get(lang) or texts["nl"]
    try:
        return template.format_map(_Params(params))
    except (IndexError, ValueError):  # a value that does not fit its format, such as "{lat:.5f}"
        return template


class _Params(dict):
    """Fills a field the caller did not supply with "?" instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class PhotoWarning:
    """One thing the photo's file data gives away; `key` selects the message."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "nl") -> str:
        return photo_message(self.key, lang, **self.params)


class PhotoError(ValueError):
    """A photo that cannot be read or processed; str() is the English message."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(photo_message(key, "en", **params))

    def text(self, lang: str = "nl") -> str:
        return photo_message(self.key, lang, **self.params)


# --- records -----------------------------------------------------------------


@dataclass(frozen=True)
class GpsPosition:
    latitude: float  # decimal degrees, south negative
    longitude: float  # decimal degrees, west negative
    altitude_m: float | None = None


@dataclass(frozen=True)
class PhotoMetadata:
    """What a photo's file data says, besides the picture itself."""

    format: str  # Pillow's name: "JPEG", "PNG", ...
    mime: str
    width: int
    height: int
    gps: GpsPosition | None = None
    gps_unreadable: bool = False  # GPS fields present but no usable position
    taken_at: datetime | None = None  # timezone-aware when the photo records its offset
    make: str | None = None
    model: str | None = None
    software: str | None = None
    lens: str | None = None
    orientation: int | None = None  # EXIF 1..8; 1 means upright
    owner: Mapping[str, str] = field(default_factory=dict)  # artist, camera_owner, ...
    serials: Mapping[str, str] = field(default_factory=dict)  # body_serial, unique_id, ...
    embedded_text: Mapping[str, str] = field(default_factory=dict)  # description, comment, ...
    has_xmp: bool = False
    has_icc_profile: bool = False
    warnings: tuple[PhotoWarning, ...] = ()

    @property
    def device(self) -> str | None:
        make, model = self.make or "", self.model or ""
        if make and model.lower().startswith(make.lower()):
            make = ""
        return " ".join(part for part in (make, model) if part) or None


# --- opening untrusted bytes -------------------------------------------------


def _open(data: bytes, max_bytes: int, max_pixels: int) -> Image.Image:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("photo data must be bytes")
    size = len(data)
    if size == 0:
        raise PhotoError("photo.error.empty")
    if size > max_bytes:
        raise PhotoError(
            "photo.error.too_large",
            size_mb=_megabytes(size),
            limit_mb=_megabytes(max_bytes),
        )
    limit_mp = round(max_pixels / 1_000_000, 1)
    try:
        image = Image.open(io.BytesIO(bytes(data)), formats=READABLE_FORMATS)
    except Image.DecompressionBombError:
        raise PhotoError("photo.error.too_many_pixels", limit_mp=limit_mp) from None
    except UnidentifiedImageError:
        raise PhotoError("photo.error.not_image") from None
    except Exception as exc:  # a plugin choking on a malformed header
        log.debug("photo header unreadable: %r", exc)
        raise PhotoError("photo.error.damaged") from None
    width, height = image.size
    if width <= 0 or height <= 0:
        raise PhotoError("photo.error.damaged")
    if width * height > max_pixels:
        raise PhotoError(
            "photo.error.too_many_pixels", width=width, height=height, limit_mp=limit_mp
        )
    return image


def _decode(image: Image.Image, max_pixels: int) -> None:
    """Decode the pixels, so damaged or cut-off files are refused here."""
    try:
        image.load()
    except Image.DecompressionBombError:
        limit_mp = round(max_pixels / 1_000_000, 1)
        raise PhotoError("photo.error.too_many_pixels", limit_mp=limit_mp) from None
    except Exception as exc:  # truncated data, corrupt stream, bad palette, ...
        log.debug("photo pixels unreadable: %r", exc)
        raise PhotoError("photo.error.damaged") from None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}"


def _mime(image_format: str) -> str:
    if image_format in JPEG_FORMATS:
        return "image/jpeg"
    return Image.MIME.get(image_format, "application/octet-stream")


# --- reading metadata --------------------------------------------------------


def read_photo_metadata(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> PhotoMetadata:
    """Read what the photo's file data reveals; raises PhotoError for unusable files."""
    image = _open(data, max_bytes, max_pixels)
    image_format = image.format or "?"
    width, height = image.size
    ifd0, exif_ifd, gps_ifd, gps_tag_present = _exif_parts(image)

    # JPEG can decode at 1/8 scale: still reads every byte (so damage shows) at a
    # fraction of the memory. Metadata was read above, at full size.
    if image_format in JPEG_FORMATS:
        image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
    _decode(image, max_pixels)

    gps: GpsPosition | None = None
    gps_unreadable = False
    if gps_ifd and (ExifTags.GPS.GPSLatitude in gps_ifd or ExifTags.GPS.GPSLongitude in gps_ifd):
        gps = _gps_position(gps_ifd)
        gps_unreadable = gps is None
    elif gps_tag_present and not gps_ifd:
        gps_unreadable = True

    owner = _collect(ifd0, _IFD0_OWNER) | _collect(exif_ifd, _EXIF_OWNER)
    serials = _collect(exif_ifd, _EXIF_SERIAL)
    embedded = _collect(ifd0, _IFD0_TEXT) | _collect(exif_ifd, _EXIF_TEXT) | _embedded_text(image)
    lens = " ".join(
        part
        for part in (_text(exif_ifd.get(_TAG_LENS_MAKE)), _text(exif_ifd.get(_TAG_LENS_MODEL)))
        if part
    )
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    meta = PhotoMetadata(
        format=image_format,
        mime=_mime(image_format),
        width=width,
        height=height,
        gps=gps,
        gps_unreadable=gps_unreadable,
        taken_at=_taken_at(ifd0, exif_ifd),
        make=_text(ifd0.get(_TAG_MAKE)),
        model=_text(ifd0.get(_TAG_MODEL)),
        software=_text(ifd0.get(_TAG_SOFTWARE)),
        lens=lens or None,
        orientation=_orientation(ifd0.get(_TAG_ORIENTATION)),
        owner=owner,
        serials=serials,
        embedded_text=embedded,
        has_xmp=bool(xmp),
        has_icc_profile=bool(image.info.get("icc_profile")),
    )
    image.close()
    return _with_warnings(meta)


def _exif_parts(image: Image.Image) -> tuple[dict, dict, dict, bool]:
    """IFD0, the Exif IFD and the GPS IFD as plain dicts; empty where unreadable."""
    try:
        exif = image.getexif()
        ifd0 = dict(exif)
    except Exception as exc:
        log.debug("EXIF unreadable: %r", exc)
        return {}, {}, {}, False

    def sub_ifd(tag: int) -> dict:
        try:
            return dict(exif.get_ifd(tag))
        except Exception as exc:
            log.debug("EXIF IFD %#x unreadable: %r", tag, exc)
            return {}

    gps_tag_present = ExifTags.IFD.GPSInfo in ifd0
    return ifd0, sub_ifd(ExifTags.IFD.Exif), sub_ifd(ExifTags.IFD.GPSInfo), gps_tag_present


def _number(value: Any) -> float | None:
    if isinstance(value, tuple) and len(value) == 2:  # (numerator, denominator)
        value = value[0] / value[1] if value[1] else math.nan
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _degrees(value: Any) -> float | None:
    """Degrees, minutes, seconds (or fewer parts) as decimal degrees."""
    if isinstance(value, int | float) or not isinstance(value, tuple | list):
        parts = [value]
    else:
        parts = list(value)[:3]
    numbers = [_number(part) for part in parts]
    if not numbers or any(n is None or n < 0 for n in numbers):
        return None
    total = 0.0
    for number, divisor in zip(numbers, (1, 60, 3600), strict=False):
        total += number / divisor
    return total


def _gps_position(gps: Mapping[int, Any]) -> GpsPosition | None:
    latitude = _degrees(gps.get(ExifTags.GPS.GPSLatitude))
    longitude = _degrees(gps.get(ExifTags.GPS.GPSLongitude))
    if latitude is None or longitude is None:
        return None
    if (_text(gps.get(ExifTags.GPS.GPSLatitudeRef)) or "N").upper().startswith("S"):
        latitude = -latitude
    if (_text(gps.get(ExifTags.GPS.GPSLongitudeRef)) or "E").upper().startswith("W"):
        longitude = -longitude
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if latitude == 0 and longitude == 0:  # what many cameras write without a fix
        return None
    altitude = _number(gps.get(ExifTags.GPS.GPSAltitude))
    if altitude is not None and gps.get(ExifTags.GPS.GPSAltitudeRef) in (1, b"\x01"):
        altitude = -altitude
    return GpsPosition(round(latitude, 7), round(longitude, 7), altitude)


def _taken_at(ifd0: Mapping[int, Any], exif_ifd: Mapping[int, Any]) -> datetime | None:
    candidates = (
        (exif_ifd.get(_TAG_DATETIME_ORIGINAL), exif_ifd.get(_TAG_OFFSET_ORIGINAL)),
        (exif_ifd.get(_TAG_DATETIME_DIGITIZED), exif_ifd.get(_TAG_OFFSET_DIGITIZED)),
        (ifd0.get(_TAG_DATETIME), exif_ifd.get(_TAG_OFFSET)),
    )
    for value, offset in candidates:
        moment = _exif_datetime(_text(value), _text(offset))
        if moment is not None:
            return moment
    return None


def _exif_datetime(value: str | None, offset: str | None) -> datetime | None:
    if not value:
        return None
    moment = None
    for pattern in _EXIF_DATE_FORMATS:
        try:
            moment = datetime.strptime(value[:19].strip(), pattern)
            break
        except ValueError:
            continue
    if moment is None:
        return None
    match = _OFFSET_PATTERN.match(offset or "")
    if match:
        sign = -1 if match.group(1) == "-" else 1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        if delta < timedelta(hours=15):
            moment = moment.replace(tzinfo=timezone(sign * delta))
    return moment


def _orientation(value: Any) -> int | None:
    number = _number(value)
    if number is None or not number.is_integer() or not 1 <= number <= 8:
        return None
    return int(number)


def _text(value: Any, tag: int | None = None) -> str | None:
    """A metadata value as clean, short, printable text (None when empty)."""
    if value is None:
        return None
    if isinstance(value, tuple) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, bytes):
        if tag in _XP_TAGS:
            value = value.decode("utf-16-le", errors="replace")
        elif tag == 0x9286:
            value = _user_comment(value)
        else:
            value = value.decode("utf-8", errors="replace")
    text = "".join(ch if ch.isprintable() else " " for ch in str(value).replace("\x00", ""))
    text = " ".join(text.split())
    if not text:
        return None
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "\u2026"


def _user_comment(value: bytes) -> str:
    """EXIF UserComment: an 8-byte character-set prefix, then the text."""
    prefix, body = value[:8], value[8:]
    if prefix.startswith(b"UNICODE"):
        big_endian = len(body) >= 2 and body[0] == 0 and body[1] != 0
        return body.decode("utf-16-be" if big_endian else "utf-16-le", errors="replace")
    if prefix.startswith((b"ASCII", b"\x00" * 8)):
        return body.decode("utf-8", errors="replace")
    return value.decode("utf-8", errors="replace")


def _collect(ifd: Mapping[int, Any], tags: Mapping[int, str]) -> dict[str, str]:
    found = {}
    for tag, name in tags.items():
        text = _text(ifd.get(tag), tag)
        if text:
            found[name] = text
    return found


def _embedded_text(image: Image.Image) -> dict[str, str]:
    """Free text in the file itself: JPEG/GIF comments and PNG text chunks."""
    found = {}
    comment = _text(image.info.get("comment"))
    if comment:
        found["comment"] = comment
    if image.format == "PNG":
        chunks = getattr(image, "text", {}) or {}
        for key, value in chunks.items():
            if str(key).lower() in _PNG_STRUCTURED_TEXT:
                continue
            text = _text(value)
            if text:
                found[f"png:{_text(key) or '?'}"[:60]] = text
    return found


def _with_warnings(meta: PhotoMetadata) -> PhotoMetadata:
    warnings: list[PhotoWarning] = []
    if meta.gps is not None:
        warnings.append(
            PhotoWarning("photo.gps", {"lat": meta.gps.latitude, "lon": meta.gps.longitude})
        )
    elif meta.gps_unreadable:
        warnings.append(PhotoWarning("photo.gps_unreadable"))
    if meta.taken_at is not None:
        when = meta.taken_at.strftime("%Y-%m-%d %H:%M")
        offset = meta.taken_at.strftime("%z")  # "+0200", or "" when unknown
        if offset:
            when += f" UTC{offset[:3]}:{offset[3:5]}"
        warnings.append(PhotoWarning("photo.taken_at", {"when": when}))
    device = ", ".join(part for part in (meta.device, meta.lens) if part)
    if device:
        warnings.append(PhotoWarning("photo.device", {"device": device}))
    if meta.software:
        warnings.append(PhotoWarning("photo.software", {"software": meta.software}))
    if meta.owner:
        warnings.append(PhotoWarning("photo.owner", {"name": _joined(meta.owner.values())}))
    if meta.serials:
        warnings.append(PhotoWarning("photo.serial", {"serial": _joined(meta.serials.values())}))
    if meta.embedded_text:
        warnings.append(
            PhotoWarning(
                "photo.embedded_text",
                {
                    "fields": ", ".join(meta.embedded_text),
                    "text": _joined(meta.embedded_text.values(), sep=" / "),
                },
            )
        )
    if meta.has_xmp:
        warnings.append(PhotoWarning("photo.xmp"))
    return replace(meta, warnings=tuple(warnings))


def _joined(values: Any, sep: str = ", ") -> str:
    unique = list(dict.fromkeys(values))
    text = sep.join(unique)
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "\u2026"


# --- a clean copy ------------------------------------------------------------


def strip_metadata(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> tuple[bytes, str]:
    """A re-encoded copy without EXIF, GPS, XMP, ICC profile, comments or text chunks.

    The EXIF orientation is applied to the pixels, and colours in another colour
    space are converted to sRGB, so the copy looks like the original. JPEG stays
    JPEG, PNG stays PNG, anything else becomes PNG. Returns (bytes, mime type).
    """
    image = _open(data, max_bytes, max_pixels)
    source_format = image.format or "?"
    _decode(image, max_pixels)
    image = _upright(image)
    image = _to_srgb(image)
    target = "JPEG" if source_format in JPEG_FORMATS else "PNG"
    pixels = _saveable(image, target)
    # A fresh image carries no info dict at all: nothing from the original can
    # leak into the encoder (Pillow's savers read ICC and comments from info).
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    buffer = io.BytesIO()
    if target == "JPEG":
        clean.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    else:
        clean.save(buffer, format="PNG")
    output = buffer.getvalue()
    _verify_clean(output, clean.size)
    return output, _mime(target)


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image) or image
    except Exception as exc:  # malformed orientation: keep the pixels as stored
        log.debug("orientation not applied: %r", exc)
        return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert pixels tagged with another ICC profile (Display P3, CMYK) to sRGB."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        from PIL import ImageCms

        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc)),
            ImageCms.createProfile("sRGB"),
            outputMode=output_mode,
        )
        return converted or image
    except Exception as exc:  # no littleCMS, or a broken profile: keep the pixels
        log.debug("ICC profile not applied: %r", exc)
        return image


def _saveable(image: Image.Image, target: str) -> Image.Image:
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    if target == "JPEG":
        if image.mode in ("L", "RGB", "CMYK"):
            return image
        if has_alpha:
            rgba = image.convert("RGBA")
            background = Image.new("RGB", rgba.size, "white")
            background.paste(rgba, mask=rgba.getchannel("A"))
            return background
        return image.convert("RGB")
    if image.mode in ("1", "L", "LA", "I", "I;16", "RGB", "RGBA"):
        return image
    try:
        return image.convert("RGBA" if has_alpha else "RGB")
    except ValueError:  # modes without a direct route to RGB (F, I;16B, ...)
        return image.convert("L")


def _verify_clean(output: bytes, size: tuple[int, int]) -> None:
    """Read the copy back: it must decode, keep its size and carry no metadata."""
    try:
        probe = Image.open(io.BytesIO(output), formats=READABLE_FORMATS)
        probe.load()
    except Exception as exc:
        raise PhotoError("photo.error.strip_failed", detail=type(exc).__name__) from None
    leftovers = [
        key
        for key in ("exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp")
        if probe.info.get(key)
    ]
    if len(probe.getexif()):
        leftovers.append("EXIF")
    if probe.format == "PNG" and getattr(probe, "text", None):
        leftovers.append("text")
    if probe.size != size:
        leftovers.append("size")
    if leftovers:
        raise PhotoError("photo.error.strip_failed", detail=", ".join(leftovers))


# --- text in the photo (OCR) -------------------------------------------------


@lru_cache(maxsize=1)
def _installed_ocr_languages() -> frozenset[str]:
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))
    except Exception as exc:  # no pytesseract, no tesseract binary, or it failed
        log.info("OCR unavailable: %r", exc)
        return frozenset()


def ocr_available() -> bool:
    """True when tesseract runs here with Dutch and English data."""
    return set(OCR_LANGS) <= _installed_ocr_languages()


def read_text(
    data: bytes,
    langs: str = "nld+eng",
    timeout: float = 20,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> str:
    """The text tesseract reads in the photo (a badge, a whiteboard, a screen)."""
    if not _LANGS_PATTERN.match(langs):
        raise PhotoError("photo.error.ocr_languages", langs=langs[:40])
    installed = _installed_ocr_languages()
    if not installed:
        raise PhotoError("photo.error.ocr_unavailable")
    if not set(langs.split("+")) <= installed:
        raise PhotoError("photo.error.ocr_languages", langs=langs)
    image = _open(data, max_bytes, max_pixels)
    _decode(image, max_pixels)
    prepared = _prepared_for_ocr(_upright(image))

    import pytesseract

    try:
        text = pytesseract.image_to_string(prepared, lang=langs, timeout=timeout)
    except pytesseract.TesseractNotFoundError:
        raise PhotoError("photo.error.ocr_unavailable") from None
    except RuntimeError as exc:  # pytesseract signals its timeout this way
        if "timeout" in str(exc).lower():
            raise PhotoError("photo.error.ocr_timeout", seconds=timeout) from None
        raise PhotoError("photo.error.ocr_failed", detail=str(exc)[:200]) from None
    except (pytesseract.TesseractError, OSError) as exc:
        raise PhotoError("photo.error.ocr_failed", detail=str(exc)[:200]) from None
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _prepared_for_ocr(image: Image.Image) -> Image.Image:
    """Grey, upright, a size tesseract reads well, full contrast."""
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    try:
        grey = image.convert("L")
    except ValueError:
        grey = image.convert("RGB").convert("L")
    longest = max(grey.size)
    scale = 1.0
    if longest < OCR_MIN_SIDE:
        scale = min(OCR_MAX_UPSCALE, OCR_MIN_SIDE / longest)
    elif longest > OCR_MAX_SIDE:
        scale = OCR_MAX_SIDE / longest
    if scale != 1.0:
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        grey = grey.resize(size, Image.Resampling.LANCZOS)
    return ImageOps.autocontrast(grey, cutoff=1)
