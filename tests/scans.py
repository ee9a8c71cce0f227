"""Scanned renderings of our own text-PDF fixtures, made deterministically.

Each page is rendered (pypdfium2), printed on grey paper, stamped with a red
round seal over the signature (the 成文日期 line, as GB/T 9704 places it),
optionally laid on the scanner turned by a quarter, half or three-quarter turn
(a landscape table fed into a portrait scanner), tilted by a fraction of a
degree, blurred, given scanner noise, JPEG-encoded and wrapped into an
image-only PDF (Pillow). The same input and seed give the
same bytes, so an OCR result cached for a page stays valid (tests/ocr_cache.py);
the text-PDF twin gives the expected rows. Only Pillow and numpy, which
pdfplumber and pandas bring, are used: making a scan needs no OCR extra.

    .venv/bin/python -m tests.scans INPUT.pdf OUTPUT.pdf [TURN]   # one scan, to look at
"""

from __future__ import annotations

import functools
import io
import math
import sys
import zlib
from pathlib import Path

import numpy as np
import pypdfium2
import regex
from PIL import Image, ImageDraw, ImageFilter

SCAN_DPI = 200
"""Resolution of the simulated scanner."""
PAPER = 232
"""Grey level of the paper (white is 255)."""
TILT_DEGREES = (0.3, 0.8)
"""Range of the tilt, either way."""
BLUR_RADIUS = 0.7
NOISE_SIGMA = 6.0
JPEG_QUALITY = 50
SEAL_MM = 42
"""Diameter of a round official seal."""
SEAL_RED = (215, 35, 40)
TURNS = {0: None, 90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
"""How a sheet can lie on the scanner: degrees it is turned counter-clockwise,
and the exact (lossless) turn of the clean page that gives it."""

DATE_LINE = regex.compile(r"^\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$")
"""A 成文日期 on a line of its own: where the seal goes."""


def _seed(data: bytes, number: int) -> int:
    return zlib.crc32(data) ^ number


def signature_spot(page: pypdfium2.PdfPage) -> tuple[float, float] | None:
    """Centre (points, top-left origin) of the page's right-hand date line, if any."""
    text = page.get_textpage()
    try:
        chars = text.get_text_range()
        width, height = page.get_size()
        for line in regex.finditer(r"[^\r\n]+", chars):
            if DATE_LINE.match(line.group(0)):
                boxes = [text.get_charbox(i) for i in range(line.start(), line.end()) if not chars[i].isspace()]
                x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
                if x0 > width * 0.4:
                    return (x0 + x1) / 2, height - (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2
        return None
    finally:
        text.close()


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    return [(cx + (r if i % 2 == 0 else r * 0.4) * math.sin(i * math.pi / 5),
             cy - (r if i % 2 == 0 else r * 0.4) * math.cos(i * math.pi / 5)) for i in range(10)]


def seal(diameter: int) -> Image.Image:
    """A red round seal on white: a ring, a star, and characters around the
    ring drawn as blocks of strokes (any font would do; none is needed)."""
    image = Image.new("RGB", (diameter, diameter), "white")
    draw = ImageDraw.Draw(image)
    r = diameter / 2
    ring = max(2, round(diameter * 0.03))
    draw.ellipse((ring, ring, diameter - ring, diameter - ring), outline=SEAL_RED, width=ring)
    draw.polygon(_star(r, r, r * 0.3), fill=SEAL_RED)
    for i in range(13):  # the issuer's name along the upper arc
        a = math.radians(-150 + i * 25)
        cx, cy = r + r * 0.72 * math.cos(a), r + r * 0.72 * math.sin(a)
        s = r * 0.1
        for dy in (-s, 0, s):
            draw.line((cx - s, cy + dy, cx + s, cy + dy), fill=SEAL_RED, width=max(1, ring // 2))
        draw.line((cx, cy - s, cx, cy + s), fill=SEAL_RED, width=max(1, ring // 2))
    return image


def _stamp(page: Image.Image, centre: tuple[float, float], scale: float) -> Image.Image:
    """Seal ink multiplies with what is printed below it, as on paper."""
    diameter = round(SEAL_MM / 25.4 * SCAN_DPI)
    stamp = Image.new("RGB", page.size, "white")
    stamp.paste(seal(diameter), (round(centre[0] * scale - diameter / 2), round(centre[1] * scale - diameter / 2)))
    ink = np.asarray(page, dtype=np.float32) * np.asarray(stamp, dtype=np.float32) / 255
    return Image.fromarray(ink.astype(np.uint8))


def scan_page(clean: Image.Image, seed: int, signature: tuple[float, float] | None, turn: int = 0) -> Image.Image:
    """One clean page rendering as a scanner would give it, the sheet lying
    *turn* degrees counter-clockwise (the seal is on the paper, so it turns too)."""
    rng = np.random.default_rng(seed)
    scale = SCAN_DPI / 72
    page = clean.convert("RGB")
    if signature is not None:
        page = _stamp(page, signature, scale)
    paper = np.asarray(page, dtype=np.float32) * (PAPER / 255)
    page = Image.fromarray(paper.astype(np.uint8))
    if TURNS[turn] is not None:
        page = page.transpose(TURNS[turn])
    tilt = float(rng.uniform(*TILT_DEGREES)) * (1 if rng.random() < 0.5 else -1)
    page = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=(PAPER,) * 3)
    page = page.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    noisy = np.asarray(page, dtype=np.float32) + rng.normal(0, NOISE_SIGMA, (page.height, page.width, 1))
    page = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(jpeg.getvalue()))


def scanned_pages(pdf: bytes, pages: list[int] | None = None, turn: int = 0) -> list[Image.Image]:
    """JPEG images of *pdf*'s pages (all, or the 1-based *pages*) as scanned,
    each sheet turned *turn* degrees on the scanner."""
    doc = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for number in pages or range(1, len(doc) + 1):
            page = doc[number - 1]
            clean = page.render(scale=SCAN_DPI / 72, rev_byteorder=True).to_pil()
            spot = signature_spot(page)
            page.close()
            images.append(scan_page(clean, _seed(pdf, number), spot, turn))
    finally:
        doc.close()
    return images


def scan_pdf(pdf: bytes, pages: list[int] | None = None, turn: int = 0) -> bytes:
    """An image-only PDF of *pdf*'s pages (all, or the 1-based *pages*), each
    sheet turned *turn* degrees counter-clockwise on the scanner: the PDF's
    pages take the images' shape and have no ``/Rotate``, as a scanner makes them."""
    images = scanned_pages(pdf, pages, turn)
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
    return out.getvalue()


@functools.cache
def scanned(path: Path, turn: int = 0) -> bytes:
    """The scan of the PDF fixture at *path* (its sheets turned *turn* degrees), made once per test run."""
    return scan_pdf(path.read_bytes(), turn=turn)


if __name__ == "__main__":
    Path(sys.argv[2]).write_bytes(scan_pdf(Path(sys.argv[1]).read_bytes(), turn=int(sys.argv[3]) if len(sys.argv) > 3 else 0))
