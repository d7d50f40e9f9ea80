"""A photo in the hosting consignee's folder: a patient's upload to the homepage review board, EXIF intact.

The hosting company keeps the homepage's files, so the board's uploads end up in the folder sent to it. The
photo shows nothing personal (a bouquet on a table: no face, no text), but the phone wrote into its EXIF
where it was taken (the GPS position, an address: contact, entrusted), when, and the phone's make, model and
serial number (photo metadata, which the consignee is not entrusted with).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from demo.context import BuildContext
from sources.files.images import DEVICE_COLUMN, TIME_COLUMN

EXIF_PART = "exif"
PHOTO_METADATA_COLUMNS = (TIME_COLUMN, DEVICE_COLUMN)
"""The columns of the photo's EXIF part that hold photo metadata (the position is an address)."""
_PHONES = (("Apple", "iPhone 15 Pro"), ("samsung", "SM-S918N"), ("samsung", "SM-F946N"))


def write_photo(ctx: BuildContext, path: Path) -> dict[str, int]:
    """Write the review photo, taken a few days before the export, somewhere in Seoul; part -> rows."""
    rng = ctx.rng("review_photo")
    from PIL import Image, ImageDraw
    from PIL.ExifTags import IFD, Base

    image = Image.new("RGB", (320, 240), (236, 228, 214))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 170, 320, 240), fill=(150, 110, 80))  # the table
    draw.polygon([(140, 170), (180, 170), (170, 120), (150, 120)], fill=(120, 160, 190))  # the vase
    for x, y, colour in ((135, 95, (220, 80, 110)), (160, 80, (240, 200, 90)), (185, 98, (200, 90, 160))):
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=colour)
    midnight = datetime.combine(ctx.timeline.as_of, datetime.min.time())
    days_before, minute_of_day = int(rng.integers(2, 20)), int(rng.integers(9 * 60, 21 * 60))
    taken = midnight - timedelta(days=days_before) + timedelta(minutes=minute_of_day)
    make, model = _PHONES[int(rng.integers(len(_PHONES)))]
    exif = Image.Exif()
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[Base.Make], exif[Base.Model], exif[Base.DateTime] = make, model, stamp
    serial = str(int(rng.integers(10**11, 10**12)))
    exif.get_ifd(IFD.Exif).update({Base.DateTimeOriginal: stamp, Base.BodySerialNumber: serial})
    latitude, longitude = 37.48 + float(rng.random()) * 0.1, 126.95 + float(rng.random()) * 0.15
    exif.get_ifd(IFD.GPSInfo).update({1: "N", 2: _dms(latitude), 3: "E", 4: _dms(longitude)})
    image.save(path, exif=exif, quality=85)
    return {f"{path.name}#{EXIF_PART}": 1}


def _dms(degrees: float) -> tuple[float, float, float]:
    """Degrees as EXIF writes them: degrees, minutes, seconds."""
    whole, rest = int(degrees), (degrees - int(degrees)) * 60
    return float(whole), float(int(rest)), round((rest - int(rest)) * 60, 2)
