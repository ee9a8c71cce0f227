"""OCR of pages that have no usable text layer, into the shared page layout.

A reader hands its pages to :class:`PageOcr`, with a function that renders a
page as an image; pages that need it (by the run's :data:`OcrMode`) are
replaced by what :func:`extractors.ocr.page.page_from_image` reads from their
image, so a mixed document is read page by page. Glyph scores and
``text_source="ocr"`` carry the provenance to the datasets.

This module imports no OCR library: the engine (an optional extra, ``.[ocr]``)
is loaded only when a page is really recognised, and a run without it reports
such a file as ``needs_ocr``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from extractors.layout import layout_document
from extractors.layout.glyphs import CID_SHARE_LIMIT
from extractors.layout.page import PageLayout
from extractors.model import Document
from extractors.ocr import engine
from extractors.ocr_modes import OcrMode

RENDER_DPI = 150
"""Pixels per inch of pages rendered for OCR (docs/ocr.md: 120, 150 and 200
dpi measured on the scanned fixtures; 150 found the table rules of 38 of 40
pages exactly, 200 of 36, at 10 % more CPU; 120 lost a column's rules)."""


def lacks_text(page: PageLayout) -> bool:
    """No usable text layer: a page that shows an image and has no readable
    glyph (a scan; a blank page is not worth recognising), or one whose
    glyphs are mostly unmapped ``(cid:N)`` codes (its rendering is still right)."""
    readable = [g for g in page.glyphs if g.text.strip()]
    cid = sum(g.text.startswith("(cid:") for g in readable)
    if not readable:
        return bool(page.images)
    return cid > CID_SHARE_LIMIT * len(readable)


def _reader() -> Callable[[Any, int, float, float], tuple[PageLayout, int]]:
    """:func:`extractors.ocr.page.page_from_image`, imported on first use (it
    brings OpenCV and numpy); ``needs_ocr`` when the extra is not installed."""
    try:
        from extractors.ocr.page import page_from_image
    except ImportError as exc:
        raise engine.missing(f"{exc}") from exc
    engine.load()  # fail before rendering anything
    return page_from_image


@dataclass
class PageOcr:
    """One document's pages through OCR as the mode says, with what it cost."""

    mode: OcrMode = "auto"
    pages: list[int] = field(default_factory=list)
    """Numbers of the pages whose text came from OCR."""
    seconds: float = 0.0
    """Wall-clock seconds spent rendering and recognising them."""
    skipped: list[int] = field(default_factory=list)
    """Pages without a usable text layer left unread (``never``)."""
    undrawn: list[int] = field(default_factory=list)
    """Pages the reader could not draw for OCR, read from their text layer
    instead (``always`` on an OFD page of vector text)."""
    turned: dict[int, int] = field(default_factory=dict)
    """Pages scanned sideways or upside down: the degrees clockwise their
    image was turned to read them upright."""

    def wants(self, page: PageLayout) -> bool:
        return self.mode == "always" or (self.mode == "auto" and lacks_text(page))

    def read(self, pages: Iterable[PageLayout], render: Callable[[PageLayout], Any]) -> Iterator[PageLayout]:
        """*pages*, those that need OCR replaced by their recognised layout;
        *render* gives a page's image (numpy ``H × W × 3`` RGB of the whole
        page), or None for a page it cannot draw (which keeps its text layer)."""
        for page in pages:
            if self.wants(page):
                page_from_image = _reader()
                started = time.perf_counter()
                image = render(page)
                if image is None:
                    self.undrawn.append(page.number)
                else:
                    page, degrees = page_from_image(image, page.number, page.width, page.height)
                    self.pages.append(page.number)
                    if degrees:
                        self.turned[page.number] = degrees
                self.seconds += time.perf_counter() - started
            elif lacks_text(page):
                self.skipped.append(page.number)
            yield page

    def warnings(self) -> list[str]:
        out = []
        if self.skipped:
            out.append(f"{len(self.skipped)} pages without a text layer were not read (--ocr never): "
                       f"{', '.join(map(str, self.skipped))}")
        if self.undrawn:
            out.append(f"{len(self.undrawn)} pages of text this format cannot draw for OCR were read from their "
                       f"text layer (--ocr always): {', '.join(map(str, self.undrawn))}")
        if self.turned:
            out.append(f"{len(self.turned)} pages scanned sideways or upside down were read turned upright "
                       f"(page: degrees clockwise): {', '.join(f'{n}: {d}' for n, d in self.turned.items())}")
        return out


def layout_with_ocr(pages: Iterable[PageLayout], render: Any, mode: OcrMode, source_format: str) -> Document:
    """The layout stage's document of *pages*, those that need it read by OCR
    from *render*'s images (an object with ``__call__(page)`` and ``close()``),
    with the time OCR took and a warning for scanned pages left unread."""
    ocr = PageOcr(mode)
    try:
        document = layout_document(ocr.read(pages, render), source_format=source_format)
    finally:
        render.close()
    document.ocr_seconds = ocr.seconds
    document.warnings += ocr.warnings()
    return document
