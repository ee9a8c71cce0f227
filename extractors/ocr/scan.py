"""Cleaning a page image before recognition: red seal ink out, the page
turned upright, and the ink mask the ruling detection reads.

Seals (公章) are stamped over the signature and often over a table's last
rows; their red ink hides the characters and draws a ring that the ruling
detection would read. They are told from the other red ink a notice prints
(the 版头 in large red characters, the red rule under it) by shape: a seal is
a blob about as wide as it is tall and one to two and a half inches across.
Inside a seal's box the page is replaced by its red channel, in which red ink
is nearly as light as paper (and lifted to white) while black text, and the grey edges of its
strokes under the ink, keep their darkness (whitening the red pixels instead
cut every stroke the seal crosses: 五 read as 九).

Skew is found by projection profiles: the angle at which the rows of ink are
sharpest (text lines and horizontal rules line up with pixel rows). Scanners
and photocopies tilt pages by fractions of a degree, enough to put a long
ruling line into two rows of cells.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

Image = Any
"""A numpy array: ``H × W × 3`` uint8 RGB, or ``H × W`` for masks and grey."""

RED_MIN = 110
"""A red pixel's red channel is at least this …"""
RED_MARGIN = 50
"""… and this much above both its green and its blue channels."""
SEAL_INCHES = (0.8, 2.6)
"""Range of a seal's width and height (round seals of 38–58 mm, oval ones)."""
SEAL_ASPECT = (0.6, 1.6)
"""Width over height of a seal."""

SEAL_INK_LEVEL = 0.75
"""In the red channel, seal ink is lighter than this fraction of the paper's
level (red ink keeps most of its red) and printed black below it."""

SKEW_RANGE = 3.0
"""Largest tilt looked for, in degrees either way."""
SKEW_WIDTH = 800
"""Width of the reduced image the skew search works on, in pixels."""
SKEW_STEPS = (0.2, 0.02)
"""Coarse and fine steps of the skew search, in degrees."""
MIN_SKEW = 0.02
"""Below this tilt the image is left as it is."""


def red_mask(rgb: Image) -> Image:
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    return ((r >= RED_MIN) & (r - g >= RED_MARGIN) & (r - b >= RED_MARGIN)).astype(np.uint8)


def remove_seals(rgb: Image, pixels_per_inch: float) -> Image:
    """*rgb* with the seal-shaped red blobs faded into the paper."""
    red = red_mask(rgb)
    if not red.any():
        return rgb
    # A seal is a ring, a star and characters: closing joins them into one blob.
    k = max(3, int(pixels_per_inch * 0.08))
    blobs = cv2.morphologyEx(red, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    low, high = (s * pixels_per_inch for s in SEAL_INCHES)
    out = rgb.copy()
    for x, y, w, h, _ in stats[1:n]:
        if low <= w <= high and low <= h <= high and SEAL_ASPECT[0] <= w / h <= SEAL_ASPECT[1]:
            out[y:y + h, x:x + w] = _fade(rgb[y:y + h, x:x + w, 0])[..., None]
    return out


def _fade(red_channel: Image) -> Image:
    """The red channel with what is nearly as light as the paper (the seal's
    ink) lifted to white and the darker rest stretched over the full range."""
    paper = float(np.median(red_channel))
    light = SEAL_INK_LEVEL * paper
    return np.clip(red_channel.astype(np.float32) * (255 / light), 0, 255).astype(np.uint8)


def grey(rgb: Image) -> Image:
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def ink_mask(gray: Image) -> Image:
    """Ink as 255 on 0: Otsu's threshold on a lightly smoothed page, which
    separates print from grey paper and scanner noise."""
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    _, ink = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _sharpness(ink: Image, angle: float) -> float:
    h, w = ink.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(ink, turn, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(gray: Image) -> float:
    """The rotation (degrees, counter-clockwise positive as OpenCV turns) that
    makes the page's ink rows sharpest."""
    scale = min(1.0, SKEW_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small)
    best, span = 0.0, SKEW_RANGE
    for step in SKEW_STEPS:
        angles = np.arange(best - span, best + span + step / 2, step)
        best = float(max(angles, key=lambda a: _sharpness(ink, a)))
        span = step
    return best


def rotate(rgb: Image, angle: float) -> Image:
    """*rgb* turned by *angle* degrees about its centre, the corners filled white."""
    h, w = rgb.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(rgb, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def deskew(rgb: Image) -> tuple[Image, float]:
    """The page turned upright, and the angle it was turned by."""
    angle = skew_angle(grey(rgb))
    return (rgb if abs(angle) < MIN_SKEW else rotate(rgb, angle)), angle
