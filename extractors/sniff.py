"""Which format a file really is, from its first bytes, whatever its name says.

Scheduled jobs meet files whose extension lies (a DOCX saved as ``.pdf``); the
magic bytes decide which extractor reads them.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

Format = Literal["pdf", "docx", "ofd", "ole", "zip", "empty", "unknown"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Compound File Binary: legacy Word .doc and WPS .wps."""


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
            # A damaged archive (truncated download) has no directory to list,
            # but its local headers still name its parts.
            return "ofd" if b"OFD.xml" in data else "zip"
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
        return "zip"
    return "unknown"
