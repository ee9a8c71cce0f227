"""OFD (GB/T 33190-2016) reader: the package's first document as one
:class:`~extractors.layout.page.PageLayout` per page, for the layout stage
that PDF uses too.

Modules: :mod:`.package` (zip, parts, documents, resources, what is left out),
:mod:`.content` (a page's layers and objects), :mod:`.text` (glyphs),
:mod:`.geometry` (CTM, path data → rules), :mod:`.xml` (namespace-blind lookups).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from extractors.layout import layout_document
from extractors.layout.page import PageLayout
from extractors.model import Document
from extractors.ofd.content import read_page, template_uses
from extractors.ofd.package import DocInfo, OfdPackage


@dataclass
class OfdPages:
    pages: list[PageLayout]
    info: DocInfo
    warnings: list[str]


def read_ofd(data: bytes) -> OfdPages:
    """Pages, DocInfo and warnings of an OFD file's bytes; raises ExtractionError."""
    pkg = OfdPackage(data)
    doc = pkg.document()
    parsed, uses = template_uses(pkg, doc.pages)
    pages = [read_page(pkg, doc, ref, parsed[ref.content], uses) for ref in doc.pages]
    return OfdPages(pages=pages, info=doc.info, warnings=doc.warnings)


def extract_ofd(data: bytes) -> Document:
    """Read an OFD file's bytes into the document model, through the layout stage."""
    read = read_ofd(data)
    document = layout_document(read.pages, source_format="ofd")
    document.warnings[:0] = read.warnings
    document.properties = {k: v for k, v in asdict(read.info).items() if v}
    return document
