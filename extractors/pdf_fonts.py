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
from dataclasses import dataclass
from typing import Any, Iterator

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFResourceManager
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
    advances: dict[str, float]
    """Advance width in ems of each character the font maps to Unicode, from
    the file's ``/Widths`` or ``/W`` (pdfium measures some glyphs by their
    outlines instead)."""


def plain_name(name: str) -> str:
    """A font name without its subset prefix (``ABCDEF+``), as pdfium reports it."""
    head, plus, tail = name.partition("+")
    return tail if plus and len(head) == 6 and head.isupper() else name


def _facts(manager: PDFResourceManager, spec: dict[str, Any]) -> FontFacts:
    """pdfminer's own reading of one font dictionary."""
    font = manager.get_font(None, spec)
    mapping: dict[int, str] = {}
    if font.unicode_map is not None:
        mapping.update(font.unicode_map.cid2unichr)
    else:
        mapping.update(getattr(font, "cid2unicode", {}))
    advances: dict[str, float] = {}
    for cid, text in mapping.items():
        advances.setdefault(text, font.char_width(cid))
    return FontFacts(font.fontname, font.get_descent(), advances)


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
    name without subset prefix; subsets of one font share an entry. An empty
    list when pdfminer cannot read the file (pdfium may still; its own
    metrics are used then)."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager(caching=True)
        pages = []
        for page in PDFPage.create_pages(document):
            facts: dict[str, FontFacts] = {}
            for spec in _font_dicts(page.resources):
                f = _facts(manager, spec)
                known = facts.get(plain_name(f.fontname))
                if known is not None:
                    f = FontFacts(known.fontname, known.descent, {**f.advances, **known.advances})
                facts[plain_name(f.fontname)] = f
            pages.append(facts)
        return pages
    except Exception:  # pdfminer rejects what pdfium repairs: the fallback is pdfium's metrics
        return []
