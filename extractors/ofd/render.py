"""OFD pages drawn for OCR from the raster images they place.

A scanned OFD page is an ``ImageObject`` (a JPEG of the scan) and no text.
There is no OFD renderer to call as PDF has pdfium, but OCR needs only what
such a page shows: its images, each drawn into its box on a white page
(:func:`extractors.ocr.images.page_image`, imported on first use so that
importing this reader imports no numpy). Vector paths are not drawn; the OCR
path finds a scan's table rules in its pixels.
"""

from __future__ import annotations

from typing import Any

from extractors.layout.page import PageLayout
from extractors.model import ExtractionError
from extractors.ofd.content import PlacedImage
from extractors.ofd.package import OfdPackage


class OfdRenderer:
    """The page images :func:`extractors.ocr.layout_with_ocr` asks for."""

    def __init__(self, pkg: OfdPackage, images: dict[int, list[PlacedImage]]) -> None:
        self.pkg = pkg
        self.images = images

    def __call__(self, page: PageLayout) -> Any:
        """The page's image, or None for a page that draws text (``--ocr
        always`` on a text page): its glyphs cannot be drawn here, and an image
        without them would lose the text rather than re-read it."""
        if any(g.text.strip() for g in page.glyphs):
            return None
        from extractors.ocr.images import page_image

        placed = []
        for image in self.images.get(page.number, []):
            if image.media is None:
                raise ExtractionError("corrupt_ofd", f"page {page.number}: {image.name} names no MultiMedia resource")
            placed.append((image.box, self.pkg.media(image.media)))
        return page_image(page.width, page.height, placed, corrupt_code="corrupt_ofd")

    def close(self) -> None:
        """Nothing to release: the package is read from memory."""
