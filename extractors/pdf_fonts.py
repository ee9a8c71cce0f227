"""Font names and descents as pdfminer reads them, for the pdfium engine.

A glyph's em box hangs from its baseline by the font's descent, and which
descent counts decides where the box sits. pdfminer takes the FontDescriptor's
``/Descent`` as written (0 when the producer writes 0, as LibreOffice does),
or the AFM metrics for the standard 14 fonts; pdfium, given a descent of 0,
measures one from the glyphs. pdfium's public API exposes neither the
descriptor nor the subset prefix of a font's name (``BAAAAA+SimSun``), so both
are read here from the document's font dictionaries with pdfminer's parser,
without interpreting a single content stream (a few milliseconds a document).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

MAX_FORM_DEPTH = 8
"""Form XObjects nested deeper than this are not searched for fonts."""


@dataclass(frozen=True)
class FontFacts:
    fontname: str
    """The name pdfminer gives the font, subset prefix included."""
    descent: float
    """Descent as a fraction of the em (≤ 0), as pdfminer's ``get_descent()``."""


def plain_name(name: str) -> str:
    """A font name without its subset prefix (``ABCDEF+``), as pdfium reports it."""
    head, plus, tail = name.partition("+")
    return tail if plus and len(head) == 6 and head.isupper() else name


def _name(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value) if value is not None else "unknown"


def _number(value: Any) -> float:
    value = resolve1(value)
    return float(value) if isinstance(value, (int, float)) else 0.0


def _facts(spec: dict[str, Any]) -> FontFacts:
    """pdfminer's fontname and ``get_descent()`` for one font dictionary,
    without building the font (which would parse its ToUnicode CMap and
    its embedded program, the slow part of pdfminer's fonts)."""
    subtype = _name(spec.get("Subtype"))
    if subtype == "Type0":
        fonts = resolve1(spec.get("DescendantFonts"))
        if isinstance(fonts, list) and fonts and isinstance(resolve1(fonts[0]), dict):
            spec = resolve1(fonts[0])
    basefont = _name(spec.get("BaseFont"))
    if subtype == "Type3":
        bbox = resolve1(spec.get("FontBBox")) or [0, 0, 0, 0]
        matrix = resolve1(spec.get("FontMatrix")) or [0.001, 0, 0, 0.001, 0, 0]
        return FontFacts(basefont, _number(bbox[1]) * (_number(matrix[1]) + _number(matrix[3])))
    if subtype in ("Type1", "MMType1", "TrueType") and basefont in FONT_METRICS:
        descriptor: Any = FONT_METRICS[basefont][0]  # pdfminer prefers its AFM metrics for the standard 14
    else:
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
    descent = _number(descriptor.get("Descent", 0)) if isinstance(descriptor, dict) else 0.0
    return FontFacts(basefont, -abs(descent) * 0.001)


def _font_dicts(resources: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > MAX_FORM_DEPTH:
        return
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for spec in fonts.values():
            if isinstance(spec := resolve1(spec), dict):
                yield spec
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict):
        for xobj in xobjects.values():
            attrs = getattr(resolve1(xobj), "attrs", None)
            if isinstance(attrs, dict) and _name(attrs.get("Subtype")) == "Form":
                yield from _font_dicts(attrs.get("Resources"), depth + 1)


def document_fonts(data: bytes) -> list[dict[str, FontFacts]]:
    """Per page, the fonts its resources (and their forms') name, keyed by
    name without subset prefix (subsets of one font share the first's). An empty
    list when pdfminer cannot read the file (pdfium may still; its own
    metrics are used then)."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = []
        for page in PDFPage.create_pages(document):
            facts: dict[str, FontFacts] = {}
            for spec in _font_dicts(page.resources):
                f = _facts(spec)
                facts.setdefault(plain_name(f.fontname), f)
            pages.append(facts)
        return pages
    except Exception:  # pdfminer rejects what pdfium repairs: the fallback is pdfium's metrics
        return []
