"""PDF pages rendered for OCR by pdfium, for both PDF engines.

Kept apart from :mod:`extractors.ocr.images` so that importing a PDF reader
imports no numpy: the batch's forkserver preloads the readers, and numpy is
the writers' cost (pypdfium2 imports it only when a bitmap is converted).
"""

from __future__ import annotations

from typing import Any

import pypdfium2

from extractors.layout.page import PageLayout
from extractors.ocr import RENDER_DPI


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
