"""A page's image composed from the raster images it places: what a reader
without a renderer (OFD, whose scanned pages are a JPEG in an ``ImageObject``)
hands to :class:`extractors.ocr.PageOcr` as its ``render`` (PDF pages are
rendered by :class:`extractors.ocr.render.PdfRenderer`).

Pillow decodes the images (JPEG, PNG, BMP, TIFF: what OFD allows for
``MultiMedia`` of type Image); each is scaled into its box on a white page at
:data:`RENDER_DPI`, the resolution PDF pages are rendered at for OCR.

The images come from untrusted files: a few kilobytes of PNG or JPEG can
declare a picture of billions of pixels (a decompression bomb), and a box or
a page can be declared huge. Sizes are checked from the image headers and the
boxes before anything is decoded or allocated.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image

from extractors.layout.page import BBox
from extractors.model import ExtractionError
from extractors.ocr import RENDER_DPI

MAX_PIXELS = 80_000_000
"""Most pixels a page may decode and draw, its images and their scaled
copies counted together (RGB: 3 bytes each). A 600-dpi A3 scan is 70 million;
an A4 page at 150 dpi is 2.2 million. Below Pillow's own bomb limit (89
million), so Pillow never decodes what this refuses."""


def page_image(width: float, height: float, placed: list[tuple[BBox, bytes]], corrupt_code: str) -> np.ndarray:
    """An ``H × W × 3`` RGB page of *width* × *height* points with each
    ``(box, encoded image)`` of *placed* drawn into its box, in order.
    Raises ``zip_bomb`` for images or boxes past :data:`MAX_PIXELS`, and
    *corrupt_code* (the reader's) for bytes that are no readable image."""
    scale = RENDER_DPI / 72
    canvas = (round(width * scale), round(height * scale))
    budget = MAX_PIXELS - canvas[0] * canvas[1]
    if budget < 0 or min(canvas) < 1:
        raise ExtractionError(corrupt_code, f"a page of {width:.0f} × {height:.0f} pt cannot be drawn for OCR")
    page = Image.new("RGB", canvas, "white")
    for (x0, top, x1, bottom), data in placed:
        size = (max(1, round((x1 - x0) * scale)), max(1, round((bottom - top) * scale)))
        with _open(data, corrupt_code) as raster:
            budget -= raster.width * raster.height + size[0] * size[1]
            if budget < 0:
                raise ExtractionError("zip_bomb", f"the images of a page would decode to more than {MAX_PIXELS:,} "
                                                  f"pixels (one of {raster.width} × {raster.height} drawn at "
                                                  f"{size[0]} × {size[1]}); refused before decoding")
            try:
                rgb = raster.convert("RGB")
            except (OSError, ValueError, SyntaxError) as exc:
                raise ExtractionError(corrupt_code, f"an image cannot be decoded: {exc}") from exc
            page.paste(rgb.resize(size, Image.Resampling.LANCZOS), (round(x0 * scale), round(top * scale)))
    return np.asarray(page)


def _open(data: bytes, corrupt_code: str) -> Image.Image:
    """The image's header read (nothing decoded yet)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ExtractionError("zip_bomb", f"an image would decode to too many pixels: {exc}") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ExtractionError(corrupt_code, f"an image is not readable: {exc}") from exc
