"""Which format a file really is, from its first bytes, whatever its name says.

Scheduled jobs meet files whose extension lies (a DOCX saved as ``.pdf``); the
magic bytes decide which extractor reads them.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from typing import Literal

import regex

Format = Literal["pdf", "docx", "ole", "zip", "html", "empty", "unknown"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Compound File Binary: legacy Word .doc and WPS .wps."""

HTML_HEAD_BYTES = 8192
_HTML_START = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|span|center|font|br|!--|\?xml)[\s>/]", regex.I
)
"""The first markup of a page (or of a fragment saved from one, as gov.cn's
``<div class="wrap">``): a tag every page uses, right after optional
whitespace, a byte-order mark or comments."""


def _looks_like_html(data: bytes) -> bool:
    head = data[:HTML_HEAD_BYTES]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):len(bom) + 2048].decode(codec, errors="ignore")
            break
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    return _HTML_START.match(text.lstrip()) is not None


def sniff(data: bytes) -> Format:
    if not data.strip():
        return "empty"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"PK"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
        return "zip"
    if _looks_like_html(data):
        return "html"
    return "unknown"
