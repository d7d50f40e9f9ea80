"""Faces in an image: a photo of a face may be a patient photo even outside a before/after folder.

A clinic's before/after pictures are faces, and a face photo sent by mistake (a consultation picture
attached to an e-mail export, a scan on the desktop) is as much health information as one filed under
전후사진. OpenCV's frontal-face Haar cascade (``haarcascade_frontalface_default.xml``, shipped inside the
``opencv-python-headless`` wheel, so nothing is downloaded) finds them without a model download. It is an
old detector: it misses faces in profile and sometimes fires on a pattern that is no face, which is why a
hit is a *possible* patient photo for a person to look at, never an identification.

The cost is bounded: the image is decoded at most ``MAX_SIDE`` pixels on its longer side (a JPEG at a
reduced scale by the decoder itself) before the cascade runs, about 20 ms for a photo on one core.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

MAX_SIDE = 800
"""The longer side, in pixels, an image is reduced to before the cascade looks for faces."""
MIN_FACE = 48
"""The smallest face looked for, in pixels of the reduced image (6% of its longer side)."""
CASCADE = "haarcascade_frontalface_default.xml"


class FaceDetectorMissing(RuntimeError):
    """OpenCV is not installed, so faces were not looked for (the image is listed as not inspected)."""


def count_faces(picture: Path | IO[bytes] | Image.Image) -> int:
    """Return how many frontal faces the cascade finds in an image file, its bytes or a decoded image.

    Raises:
        FaceDetectorMissing: ``opencv-python-headless`` is not installed.
        OSError: Pillow cannot decode the image.

    """
    import numpy as np

    cascade = _cascade()
    gray = np.asarray(_reduced(picture))
    import cv2

    found = cascade.detectMultiScale(
        cv2.equalizeHist(gray), scaleFactor=1.1, minNeighbors=5, minSize=(MIN_FACE, MIN_FACE)
    )
    return len(found)


def _reduced(picture: Path | IO[bytes] | Image.Image) -> Any:
    """Decode the image in grey at most ``MAX_SIDE`` pixels wide or high (a JPEG at a reduced scale)."""
    from PIL import Image, ImageOps

    if isinstance(picture, Image.Image):
        gray = ImageOps.exif_transpose(picture).convert("L")
    else:
        with Image.open(picture) as image:
            image.draft("L", (MAX_SIDE, MAX_SIDE))  # JPEG: the decoder scales by 1/2, 1/4 or 1/8 itself
            upright = ImageOps.exif_transpose(image)  # a phone's portrait photo is stored sideways
            gray = upright.convert("L")
    gray.thumbnail((MAX_SIDE, MAX_SIDE))
    return gray


@cache
def _cascade() -> Any:
    try:
        import cv2
    except ImportError as exc:
        raise FaceDetectorMissing(
            "opencv-python-headless is not installed: faces were not looked for; install clinicscan's "
            "dependencies (pip install -e .) and scan again"
        ) from exc
    cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / CASCADE))  # type: ignore[attr-defined]
    if cascade.empty():
        raise FaceDetectorMissing(f"OpenCV's {CASCADE} is missing from its wheel: faces were not looked for")
    return cascade
