"""A page's image composed from the raster images it places: what a reader
without a renderer (OFD, whose scanned pages are a JPEG in an ``ImageObject``)
hands to :class:`extractors.ocr.PageOcr` as its ``render`` (PDF pages are
rendered by :class:`extractors.ocr.render.PdfRenderer`).

Pillow decodes the images (JPEG, PNG, BMP, TIFF: what OFD allows for
``MultiMedia`` of type Image); each is scaled into its box on a white page at
:data:`RENDER_DPI`, the resolution PDF pages are rendered at for OCR.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from extractors.layout.page import BBox
from extractors.ocr import RENDER_DPI


def page_image(width: float, height: float, placed: list[tuple[BBox, bytes]]) -> np.ndarray:
    """An ``H × W × 3`` RGB page of *width* × *height* points with each
    ``(box, encoded image)`` of *placed* drawn into its box, in order."""
    scale = RENDER_DPI / 72
    page = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    for (x0, top, x1, bottom), data in placed:
        with Image.open(io.BytesIO(data)) as raster:
            size = (max(1, round((x1 - x0) * scale)), max(1, round((bottom - top) * scale)))
            page.paste(raster.convert("RGB").resize(size, Image.Resampling.LANCZOS),
                       (round(x0 * scale), round(top * scale)))
    return np.asarray(page)

