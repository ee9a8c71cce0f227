"""OFD (GB/T 33190-2016) reader: the package's first document as one
:class:`~extractors.layout.page.PageLayout` per page, for the layout stage
that PDF uses too.

Pages without a usable text layer (a scanned page: an ``ImageObject`` and no
text) are read by OCR from their images, as a PDF's scanned pages are.

Modules: :mod:`.package` (zip, documents, what is left out), :mod:`.parts` (which
entry a reference names), :mod:`.resources` (fonts, images, graphic units),
:mod:`.content` (a page's layers and objects), :mod:`.text` (glyphs),
:mod:`.geometry` (CTM, path data → rules), :mod:`.render` (a page's images for
OCR), :mod:`.xml` (namespace-blind lookups).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from extractors.layout.page import PageLayout
from extractors.model import Document
from extractors.ocr import layout_with_ocr
from extractors.ocr_modes import OcrMode
from extractors.ofd.content import PlacedImage, read_page, template_uses
from extractors.ofd.package import DocInfo, OfdPackage
from extractors.ofd.render import OfdRenderer


@dataclass
class OfdPages:
    pages: list[PageLayout]
    info: DocInfo
    warnings: list[str]
    render: OfdRenderer
    """Draws a page's images for OCR."""


def read_ofd(data: bytes) -> OfdPages:
    """Pages, DocInfo and warnings of an OFD file's bytes; raises ExtractionError."""
    pkg = OfdPackage(data)
    doc = pkg.document()
    parsed, uses = template_uses(pkg, doc.pages)
    pages = [read_page(pkg, doc, ref, parsed[ref.content], uses) for ref in doc.pages]
    images: dict[int, list[PlacedImage]] = {p.layout.number: p.images for p in pages}
    warnings = list(dict.fromkeys(doc.warnings + [w for p in pages for w in p.warnings]))
    return OfdPages(pages=[p.layout for p in pages], info=doc.info, warnings=warnings,
                    render=OfdRenderer(pkg, images))


def extract_ofd(data: bytes, ocr: OcrMode = "auto") -> Document:
    """Read an OFD file's bytes into the document model, through the layout
    stage; pages without a usable text layer are recognised as *ocr* says."""
    read = read_ofd(data)
    document = layout_with_ocr(read.pages, read.render, ocr, source_format="ofd")
    document.warnings[:0] = read.warnings
    document.properties = {k: v for k, v in asdict(read.info).items() if v}
    return document
