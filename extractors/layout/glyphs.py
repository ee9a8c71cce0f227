"""Glyph clean-up before any layout decision: fake-bold doubles, text set
beyond the page edge, and whether the text layer is readable at all.

These checks run on every source's glyphs (a PDF text layer, OFD text objects,
OCR output) so that a document with no usable text is reported as
``no_text_layer`` instead of being returned empty.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Iterable

from pdfplumber.utils.clustering import cluster_objects

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

    Fake bold draws each glyph twice, a fraction of a point apart. pdfplumber's
    own version restores the order with ``sorted(kept, key=chars.index)``,
    which is quadratic and on a full page of Chinese costs as much as parsing
    the page; the rule here is the same, on glyph positions in the list.
    """
    key = attrgetter("upright", "text", "fontname", "size")
    kept: list[int] = []
    for _, same in itertools.groupby(sorted(range(len(glyphs)), key=lambda i: key(glyphs[i])),
                                     key=lambda i: key(glyphs[i])):
        spots = [(glyphs[i].top, glyphs[i].x0, i) for i in same]
        for row in cluster_objects(spots, itemgetter(0), DEDUPE_TOLERANCE):
            for spot in cluster_objects(row, itemgetter(1), DEDUPE_TOLERANCE):
                kept.append(min(spot, key=itemgetter(0, 1))[2])
    return [glyphs[i] for i in sorted(kept)]


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

    def warnings(self, n_pages: int, n_ocr: int) -> list[str]:
        """Raise ``no_text_layer`` for a document without readable text; else
        the warnings the document carries about glyphs it left out or could
        not map."""
        if self.total == 0:
            detail = (f"OCR found none on its {n_ocr} scanned pages" if n_ocr
                      else "scanned images need OCR (--ocr auto)")
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
