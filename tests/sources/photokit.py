"""Synthetic pictures for the image tests: a drawn face the Haar cascade finds, and two that hold none.

No real person: the face is a few shaded shapes (skin-tone oval, dark brows and eye sockets, a bright nose
bridge, a dark mouth, hair), which is all a frontal-face Haar cascade looks at (light and dark rectangles).
The document and the landscape are the negatives: a scanned form and a holiday photo must not be faces.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SKIN, SHADOW, HAIR = (205, 160, 135), (85, 40, 15), (40, 30, 25)


def face(size: int = 240, background: tuple[int, int, int] = (90, 100, 110)) -> Image.Image:
    """A frontal face drawn on a ``size`` x ``size`` square, softened as a camera would."""
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)

    def at(*box: float) -> list[float]:  # drawn on a 240 grid, scaled to the size asked for
        return [v * size / 240 for v in box]

    draw.ellipse(at(40, 20, 200, 230), SKIN)
    draw.chord(at(40, 10, 200, 120), 180, 360, HAIR)
    for left in (62, 132):  # brow, eye socket, eye
        draw.rectangle(at(left, 78, left + 46, 86), (60, 40, 30))
        draw.ellipse(at(left, 92, left + 46, 116), SHADOW)
        draw.ellipse(at(left + 14, 98, left + 32, 110), (30, 20, 20))
    draw.rectangle(at(112, 96, 128, 150), (240, 195, 170))  # the nose bridge catches the light
    draw.ellipse(at(104, 150, 116, 158), SHADOW)
    draw.ellipse(at(124, 150, 136, 158), SHADOW)
    draw.ellipse(at(90, 172, 150, 186), (120, 50, 50))
    return image.filter(ImageFilter.GaussianBlur(1.5 * size / 240))


def document(width: int = 850, height: int = 1100, seed: int = 0) -> Image.Image:
    """A scanned form: a title, lines of text and a table, black on white."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (250, 250, 247))
    draw = ImageDraw.Draw(image)
    draw.text((width // 2 - 120, 60), "CONSENT TO SURGERY", fill=(0, 0, 0), font=ImageFont.load_default(30))
    font = ImageFont.load_default(18)
    for y in range(140, height - 200, 30):
        words = (
            "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
            for _ in range(10)
        )
        draw.text((70, y), " ".join(words), fill=(20, 20, 20), font=font)
    for row in range(4):
        draw.rectangle((70, height - 180 + row * 30, width - 70, height - 150 + row * 30), outline=(0, 0, 0))
    return image


def landscape(width: int = 1200, height: int = 800, seed: int = 1) -> Image.Image:
    """Sky, sun, mountains and a forest of triangles."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        light = int(120 + 100 * y / (height / 2))
        draw.line((0, y, width, y), fill=(light - 60, light - 20, 255))
    draw.ellipse((900, 80, 1000, 180), fill=(255, 240, 180))
    ridge = [(x, height // 2 - rng.randint(40, 200)) for x in range(0, width + 100, 100)]
    outline = [(0, height // 2), *ridge, (width, height // 2), (width, height), (0, height)]
    draw.polygon(outline, (90, 110, 120))
    draw.rectangle((0, int(height * 0.6), width, height), fill=(70, 140, 60))
    for _ in range(40):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.55), height)
        draw.polygon([(x, y - 80), (x - 30, y), (x + 30, y)], fill=(30, 90, 40))
    return image.filter(ImageFilter.GaussianBlur(1))
