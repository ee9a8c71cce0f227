"""Glyph clean-up before any layout decision: fake-bold doubles, text set
beyond the page edge, and whether the text layer is readable at all.

These checks run on every source's glyphs (a PDF text layer, OFD text objects,
OCR output) so that a document with no usable text is reported as
``no_text_layer`` instead of being returned empty.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from extractors.layout.page import Glyph
from extractors.model import ExtractionError

DEDUPE_TOLERANCE = 1
"""Points within which a second identical glyph is a fake-bold double
(pdfplumber's ``dedupe_chars`` default)."""

CID_SHARE_LIMIT = 0.5
"""Above this share of ``(cid:N)`` glyphs the text layer is unreadable."""


def dedupe_glyphs(glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs pdfplumber's ``Page.dedupe_chars()`` keeps (tolerance 1, same
    upright/text/fontname/size), in their original order.

    Fake bold draws each glyph twice, a fraction of a point apart. pdfplumber
    clusters each group of alike glyphs by top, then each row by x0 (chains:
    values at most the tolerance apart), and keeps the first glyph by (top,
    x0) of each cluster; it then restores the order with
    ``sorted(kept, key=chars.index)``, quadratic on a page of Chinese. Here
    one sort by (kind, top) puts every group and its rows in sequence, and
    a group of one (most glyphs) is kept without clustering.
    """
    keys = [(g.upright, g.text, g.fontname, g.size) for g in glyphs]
    order = sorted(range(len(glyphs)), key=lambda i: (keys[i], glyphs[i].top, i))
    kept: list[int] = []
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and keys[order[end]] == keys[order[start]]:
            end += 1
        if end - start == 1:
            kept.append(order[start])
        else:
            kept += _spots(glyphs, order[start:end])
        start = end
    return [glyphs[i] for i in sorted(kept)]


def _chains(indices: list[int], value: Callable[[int], float]) -> Iterator[list[int]]:
    """*indices*, already sorted by *value*, cut where two neighbours lie more
    than the tolerance apart (pdfplumber's ``cluster_list``)."""
    chain = [indices[0]]
    for prev, i in itertools.pairwise(indices):
        if value(i) <= value(prev) + DEDUPE_TOLERANCE:
            chain.append(i)
        else:
            yield chain
            chain = [i]
    yield chain


def _spots(glyphs: list[Glyph], group: list[int]) -> Iterator[int]:
    """One glyph per spot of a group of alike glyphs sorted by top: the first by (top, x0)."""
    for row in _chains(group, lambda i: glyphs[i].top):
        if len(row) == 1:
            yield row[0]
            continue
        row.sort(key=lambda i: (glyphs[i].x0, i))
        for spot in _chains(row, lambda i: glyphs[i].x0):
            yield min(spot, key=lambda i: (glyphs[i].top, glyphs[i].x0, i))


def on_page(glyphs: list[Glyph], width: float, height: float) -> list[Glyph]:
    """Glyphs a reader can see: a producer may set text beyond the page edge
    (a table wider than the page), and that text is clipped away."""
    return [g for g in glyphs if g.x0 < width and g.x1 > 0 and g.top < height and g.bottom > 0]


@dataclass
class GlyphCount:
    """What the text-layer check needs from every page, counted as pages go by."""

    total: int = 0
    cid: int = 0
    """Glyphs without a Unicode mapping, which pdfminer spells ``(cid:N)``."""
    off_page: int = 0
    scores: list[float] = field(default_factory=list)
    """Recognition scores of the OCR'd glyphs."""

    def add(self, glyphs: Iterable[Glyph]) -> None:
        for glyph in glyphs:
            if glyph.text.strip():
                self.total += 1
                self.cid += glyph.text.startswith("(cid:")
                if glyph.score is not None:
                    self.scores.append(glyph.score)

    @property
    def mean_score(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    def warnings(self, n_pages: int, n_ocr: int, has_images: bool) -> list[str]:
        """Raise ``no_text_layer`` for a document without readable text (saying
        whether OCR ran, or could have: *has_images*, any page draws an
        image); else the warnings the document carries about glyphs it left
        out or could not map."""
        if self.total == 0:
            detail = (f"OCR found none on its {n_ocr} scanned pages" if n_ocr
                      else "scanned images need OCR (--ocr auto)" if has_images
                      else "they draw neither text nor images (vector graphics only)")
            raise ExtractionError("no_text_layer", f"none of {n_pages} pages has text: {detail}")
        if self.cid > CID_SHARE_LIMIT * self.total:
            raise ExtractionError(
                "no_text_layer",
                f"{self.cid} of {self.total} glyphs have no Unicode mapping ((cid:N)): the text layer is unreadable",
            )
        warnings = []
        if self.cid:
            warnings.append(f"{self.cid} of {self.total} glyphs have no Unicode mapping and read as (cid:N)")
        if self.off_page:
            warnings.append(f"{self.off_page} glyphs lie outside the page (clipped, e.g. a table wider than the page)"
                            " and were left out")
        return warnings
