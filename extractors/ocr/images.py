"""Page images for OCR: a PDF page rendered by pdfium (both PDF engines use
it), or a page composed from the raster images it places, which is what a
reader without a renderer (OFD, whose scanned pages are a JPEG in an
``ImageObject``) hands to :class:`extractors.ocr.PageOcr` as its ``render``.

Pillow decodes the images (JPEG, PNG, BMP, TIFF: what OFD allows for
``MultiMedia`` of type Image); each is scaled into its box on a white page at
:data:`RENDER_DPI`, the resolution PDF pages are rendered at for OCR.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pypdfium2
from PIL import Image

from extractors.layout.page import BBox, PageLayout
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


class PdfRenderer:
    """Renders a PDF's pages for OCR, opening it in pdfium on first use (a
    text PDF is never opened twice)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: pypdfium2.PdfDocument | None = None

    def __call__(self, page: PageLayout) -> Any:
        if self.pdf is None:
            self.pdf = pypdfium2.PdfDocument(self.data)
        pdf_page = self.pdf[page.number - 1]
        try:
            return pdf_page.render(scale=RENDER_DPI / 72, rev_byteorder=True).to_numpy()[..., :3]
        finally:
            pdf_page.close()

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
