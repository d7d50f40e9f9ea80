"""Images (Pillow): what a photo says about the person in it or the one who took it.

- ``photo.jpg#exif``: the EXIF position (``GPS위치_주소``, latitude and longitude in degrees, which the
  detectors report as an address), capture time (``촬영일시``) and device (``촬영기기``: make, model and
  the body's serial number), one row with a column for each tag the photo has. The detectors report the
  capture time and the device as ``PHOTO_METADATA`` (by their names, confirmed by their values).
- ``photo.jpg#patient_photo``: present when the image may be a patient photo: one row, the file in
  ``환자사진`` (a subject key: the photo shows whom the row is about) and one empty column per rule that
  fired, ``시술사진_폴더명`` (a folder or the file name says before and after pictures, 전후사진, 시술사진,
  수술사진, 환자사진) and ``시술사진_얼굴인식`` (a face was found in it, ``faces.py``). The detectors read
  those as medical information by their names, so that the gate stops the photo and says why.
- ``photo.jpg#text``: the text in the image (a scanned ID card, a signed consent form) read with Tesseract
  (``kor+eng``, see ``ocr.py``) when the ``tesseract`` program is installed; otherwise not inspected.

A picture inside a document (``pictures.py``) is read the same way by :func:`picture_parts`: its text, and a
patient-photo part when it shows a face.

HEIC/HEIF photos (an iPhone's default) are decoded by ``pi-heif`` (libheif and libde265, LGPL, decoding
only; ``pillow-heif`` is not used: its wheels bundle the GPL x265 encoder). Without it ``photo.heic#image``
is listed as not inspected, and the patient-photo part, which then needs only the path, is still there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sources.files import ocr
from sources.files.faces import FaceDetectorMissing, count_faces
from sources.files.parts import Part, unreadable_part

if TYPE_CHECKING:
    from PIL import Image

PATIENT_PHOTO_WORDS = re.compile(
    r"전후|시술사진|수술사진|환자사진|비포|애프터"
    r"|(?<![a-z])(?:before|after|patient[_ -]?photos?|pre[_ -]?op|post[_ -]?op)(?![a-z])",
    re.IGNORECASE,
)
GPS_COLUMN, TIME_COLUMN, DEVICE_COLUMN = "GPS위치_주소", "촬영일시", "촬영기기"
PHOTO_COLUMN = "환자사진"  # the photo: whose it is
FOLDER_COLUMN, FACE_COLUMN = "시술사진_폴더명", "시술사진_얼굴인식"  # what it shows, and why we think so
_GPS_IFD, _EXIF_IFD = 0x8825, 0x8769
_MAKE, _MODEL, _DATETIME, _ORIGINAL, _SERIAL = 271, 272, 306, 36867, 0xA431
ICON_SIDE = 64
"""A picture inside a document whose longer side is under this many pixels is not read: an icon, a bullet, a
logo's thumbnail. No line a person could read fits in it (the 14 characters of a resident number need about
100 px at the smallest legible size), nor a face the face rule would find (``faces.MIN_FACE``, 48 px)."""


def image_parts(path: Path) -> list[Part]:
    """Return the EXIF part, the patient-photo part when the path says so, and the OCR text part."""
    from PIL import Image

    with Image.open(path) as image:
        image.verify()  # a truncated or corrupt file fails here, not later
    with Image.open(path) as image:
        exif = image.getexif()
    parts: list[Part] = []
    tags = {
        GPS_COLUMN: _position(exif.get_ifd(_GPS_IFD)),
        TIME_COLUMN: _captured(exif),
        DEVICE_COLUMN: _device(exif),
    }
    # Only the tags the photo has: an empty column would be reported by its name alone (an address).
    row = {column: value for column, value in tags.items() if value}
    if row:
        parts.append(Part("exif", tuple(row), (tuple(row.values()),), declared="EXIF tag"))
    try:
        faces: int | None = count_faces(path)
    except (FaceDetectorMissing, OSError, ValueError) as exc:
        faces = None
        parts.append(unreadable_part("faces", f"faces were not looked for ({_reason(exc)}): not inspected"))
    parts.extend(_patient_photo(path, faces))
    parts.append(ocr.image_file_part(path))
    return parts


def picture_parts(name: str, picture: Image.Image, shown: str) -> list[Part]:
    """Read a picture inside a document as an image file is: its text, and whether it shows a face.

    The text goes into the part ``name``, a face into ``name.patient_photo`` (``name.faces`` when faces could
    not be looked for).

    ``shown`` says where the picture is (``word/media/image1.png``, ``image 1 on page 2``). A picture under
    ``ICON_SIDE`` pixels on its longer side gives no part (an icon).
    """
    if max(picture.size) < ICON_SIDE:
        return []
    parts = [ocr.picture_part(name, picture, f"the picture {shown}")]
    try:
        faces = count_faces(picture)
    except (FaceDetectorMissing, OSError, ValueError) as exc:
        problem = f"faces were not looked for in {shown} ({_reason(exc)}): not inspected"
        return [*parts, unreadable_part(f"{name}.faces", problem)]
    return parts + _photo_part(f"{name}.patient_photo", shown, [FACE_COLUMN] if faces else [])


def heif_parts(path: Path) -> list[Part]:
    """Read a HEIC/HEIF photo as any image when pi-heif is installed, else list it as not inspected."""
    try:
        from pi_heif import register_heif_opener
    except ImportError:
        problem = (
            "HEIC/HEIF photos are not decoded (pi-heif is not installed): its EXIF position, capture "
            "time, device, faces and any text were not inspected; install clinicscan's dependencies or "
            "convert it to JPEG"
        )
        return [*_patient_photo(path, None), unreadable_part("image", problem)]
    register_heif_opener()
    return image_parts(path)


def _patient_photo(path: Path, faces: int | None) -> list[Part]:
    """Return the patient-photo part, one empty column per rule that fired (none fired: no part)."""
    reasons = [FOLDER_COLUMN] if PATIENT_PHOTO_WORDS.search("/".join(path.parts[-4:])) else []
    if faces:
        reasons.append(FACE_COLUMN)
    return _photo_part("patient_photo", path.name, reasons)


def _photo_part(name: str, shown: str, reasons: list[str]) -> list[Part]:
    """Return the patient-photo part ``name`` for the photo ``shown``, or nothing when no rule fired."""
    if not reasons:
        return []
    # the reason columns stay empty: the detectors report a column by its name alone only when it has no value
    row = (shown, *(None for _ in reasons))
    return [Part(name, (PHOTO_COLUMN, *reasons), (row,), declared="image")]


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, FaceDetectorMissing) else f"{type(exc).__name__}: {exc}"


def _position(gps: dict[int, Any]) -> str | None:
    try:
        latitude = _degrees(gps[2]) * (-1 if str(gps.get(1, "N")).upper().startswith("S") else 1)
        longitude = _degrees(gps[4]) * (-1 if str(gps.get(3, "E")).upper().startswith("W") else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    return f"{latitude:.6f}, {longitude:.6f}"


def _degrees(value: Any) -> float:
    degrees, minutes, seconds = (float(part) for part in value)
    return degrees + minutes / 60 + seconds / 3600


def _captured(exif: Any) -> str | None:
    raw = exif.get_ifd(_EXIF_IFD).get(_ORIGINAL) or exif.get(_DATETIME)
    if not raw:
        return None
    text = str(raw).strip()
    return re.sub(r"^(\d{4}):(\d{2}):(\d{2})", r"\1-\2-\3", text)


def _device(exif: Any) -> str | None:
    parts = [str(exif.get(tag)).strip() for tag in (_MAKE, _MODEL) if exif.get(tag)]
    serial = exif.get_ifd(_EXIF_IFD).get(_SERIAL)
    if serial:  # the camera body's serial number ties every photo it took to one owner
        parts.append(f"S/N {str(serial).strip()}")
    return " ".join(parts) or None
