"""Saved web pages (.html, .htm, .shtml, .xhtml) → the document model.

Steps: refuse what no page needs (size, entity declarations), decode without
mojibake (:mod:`.encoding`), parse with lxml's HTML parser (libxml2: it never
loads a DTD, never resolves an entity it does not know, and never touches the
network), find the notice among the site's template (:mod:`.content`) and read
it into paragraphs and tables as the DOCX reader would (:mod:`.blocks`).
"""

from __future__ import annotations

import regex
from lxml import etree, html

from extractors.html.content import analyse, content_blocks
from extractors.html.encoding import decode_html
from extractors.model import Document, ExtractionError

MAX_HTML_BYTES = 32 * 1024 * 1024
"""Largest page read. Notice pages are 20–500 KB; a page with its images
inlined as data: URLs reaches a few MB."""
MAX_ELEMENTS = 300_000
"""Largest number of elements parsed; a long page has a few thousand."""
MAX_DEPTH = 255
"""libxml2 stops building the tree at 256 levels and drops the rest of the
page without an exception; its fatal ERR_RESOURCE_LIMIT error says so."""
_INTERNAL_SUBSET = regex.compile(r"<!DOCTYPE[^>\[]*\[", regex.I)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>")
"""An XHTML file's ``<?xml … encoding=…?>``: already used to decode, and lxml
refuses text that still carries one."""
_NOT_XML_TEXT = {0x0B: " ", 0x0C: " ", 0x1B: None}
"""Controls a decoded page may hold (decode_html lets them through) that lxml
refuses in text it sets, as when a removed element's tail joins its parent:
form feed is HTML whitespace, a vertical tab shows as one, ESC shows as nothing."""


def check_size(data: bytes) -> None:
    if len(data) > MAX_HTML_BYTES:
        raise ExtractionError("html_too_large", f"the page has {len(data):,} bytes; at most "
                                                f"{MAX_HTML_BYTES:,} are read")


def check_declarations(text: str) -> None:
    """Refuse a DOCTYPE with an internal subset (entity declarations).

    libxml2's HTML parser would not expand them, but no page needs one, and a
    file carrying one was made to attack an XML parser: it is named as such
    rather than read with ``]>`` and unexpanded ``&name;`` in its text.
    """
    if _INTERNAL_SUBSET.search(text):
        raise ExtractionError("hostile_html", "the page declares a DTD internal subset (entities), which "
                                              "HTML never uses; refused")


def parse_html(text: str) -> html.HtmlElement:
    """The page's tree; raises for markup nested past libxml2's limit or too many elements."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
    try:
        root = html.document_fromstring(_XML_DECLARATION.sub("", text).translate(_NOT_XML_TEXT), parser=parser)
    except (etree.ParserError, ValueError) as exc:  # nothing but whitespace or comments
        raise ExtractionError("html_no_content", f"the page has no elements: {exc}") from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise ExtractionError("html_too_deep", f"the page nests elements deeper than {MAX_DEPTH} levels; "
                                               "the parser would drop everything below, so it is refused")
    n = sum(1 for _ in root.iter())
    if n > MAX_ELEMENTS:
        raise ExtractionError("html_too_large", f"the page has {n:,} elements; at most {MAX_ELEMENTS:,} are read")
    return root


def extract_html(data: bytes, container_charset: str | None = None) -> Document:
    """Read a web page's bytes into the document model; *container_charset* is
    the charset a container declares for them (an MHTML archive's page part:
    :mod:`extractors.mht`), ranked above the page's own declaration."""
    check_size(data)
    text = decode_html(data, container_charset)
    check_declarations(text)
    page = analyse(parse_html(text))
    blocks = content_blocks(page)
    if not blocks:
        raise ExtractionError("html_no_content", "the page shows no text (only scripts, frames or images?)")
    return Document(blocks=blocks, source_format="html")
