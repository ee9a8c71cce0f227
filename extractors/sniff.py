"""Content sniffers: what a file really is, from its first bytes, whatever its
name says.

Scheduled jobs meet files whose extension lies (a DOCX saved as ``.pdf``); the
magic bytes decide which reader of :mod:`extractors.formats` reads them. Each
sniffer answers for one format, cheaply: none inflates or parses more than a
zip directory.
"""

from __future__ import annotations

import codecs
import io
import zipfile

import regex

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Compound File Binary: legacy Word .doc and WPS .wps."""

ZIP_MAGIC = b"PK"


def is_empty(data: bytes) -> bool:
    return not data.strip()


def is_pdf(data: bytes) -> bool:
    """A PDF header anywhere in the first KB (some producers put junk before it)."""
    return b"%PDF-" in data[:1024]


def is_ole(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC)


def zip_names(data: bytes) -> list[str] | None:
    """The member names of a zip archive, from its directory only; None when
    *data* is not a readable zip."""
    if not data.startswith(ZIP_MAGIC):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def is_docx(data: bytes) -> bool:
    """An OOXML package with WordprocessingML parts."""
    names = zip_names(data)
    return names is not None and "[Content_Types].xml" in names and any(n.startswith("word/") for n in names)


def is_ofd(data: bytes) -> bool:
    """An OFD package: a zip holding ``OFD.xml``. A damaged one (a truncated
    download) has no directory to list, but its local headers still name its
    parts, so it goes to the OFD reader, which says precisely what is wrong."""
    names = zip_names(data)
    if names is None:
        return data.startswith(ZIP_MAGIC) and b"OFD.xml" in data
    return "OFD.xml" in names


HTML_HEAD_BYTES = 8192
_HTML_START = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|span|center|font|br|!--|\?xml)[\s>/]", regex.I
)
"""The first markup of a page (or of a fragment saved from one, as gov.cn's
``<div class="wrap">``): a tag every page uses, right after optional
whitespace or a byte-order mark."""


def is_html(data: bytes) -> bool:
    """Text that opens with page markup. Binary data that happens to start so
    is refused by the reader's decoder (``undecodable_html``)."""
    head = data[:HTML_HEAD_BYTES]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):len(bom) + 2048].decode(codec, errors="ignore")
            break
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    return _HTML_START.match(text.lstrip()) is not None


MIME_HEAD_BYTES = 8192
_MIME_HEADER_BLOCK = regex.compile(rb"(?:[!-9;-~]+[ \t]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+\r?\n")
"""RFC 822 header lines (a continuation starts with a space or tab), closed by a blank line."""
_MIME_VERSION = regex.compile(rb"^mime-version[ \t]*:", regex.I | regex.M)
_WEB_ARCHIVE_TYPE = regex.compile(
    rb"^content-type[ \t]*:\s*(?:multipart/related|text/html|application/xhtml\+xml)\s*(?:;|$)", regex.I | regex.M)


def is_mht(data: bytes) -> bool:
    """A MIME message whose header block (from the first byte to the first
    blank line) has ``MIME-Version`` and a ``Content-Type`` of a web archive:
    ``multipart/related`` (RFC 2557, as Chrome, IE and Word write it), or a
    page itself (IE's archive of a page without images). Other MIME messages
    (e-mails: ``multipart/mixed``) are not claimed."""
    block = _MIME_HEADER_BLOCK.match(data[:MIME_HEAD_BYTES])
    return block is not None and bool(_MIME_VERSION.search(block[0])) and bool(_WEB_ARCHIVE_TYPE.search(block[0]))
