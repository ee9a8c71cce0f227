"""Hostile and broken inputs for the batch and extractor tests, built in memory."""

from __future__ import annotations

import io
import random
import zipfile

from tests.docxgen import CONTENT_TYPES, ROOT_RELS, W_NS, document_xml, make_docx, p


def xxe_docx(target: str) -> bytes:
    """document.xml declares an external entity reading *target* and uses it."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{target}">]>'
    return make_docx("", document=document_xml(p("&leak;"), prolog))


def xxe_utf16_docx(target: str) -> bytes:
    """The same attack in a UTF-16 part, which a byte search for <!ENTITY misses."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{target}">]>'
    xml = document_xml(p("&leak;"), prolog).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return make_docx("", document=xml.encode("utf-16"))


def late_doctype_docx(target: str) -> bytes:
    """An external DTD declared after 8 KB of comment, past the byte check's window."""
    xml = document_xml(p("text")).replace(
        "?>", f'?><!--{"x" * 8192}--><!DOCTYPE w:document SYSTEM "file://{target}">', 1)
    return make_docx("", document=xml)


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return make_docx("", document=document_xml(p("&lol9;"), f"<!DOCTYPE w:document [{entities}]>"))


def zip_bomb_docx(inflated_mb: int = 256) -> bytes:
    """A DOCX whose document.xml inflates from a few hundred KB to *inflated_mb* MB."""
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS}
    return zip_bomb_parts(parts, "word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>',
                          "</w:t></w:r></w:p></w:body></w:document>", inflated_mb)


def zip_bomb_parts(parts: dict[str, str], bomb: str, head: str = "<x>", tail: str = "</x>",
                   inflated_mb: int = 256) -> bytes:
    """A zip of *parts* plus the part *bomb*, which inflates from a few hundred
    KB to *inflated_mb* MB (any zip-of-XML format: DOCX, OFD)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        with z.open(bomb, "w", force_zip64=True) as part:
            part.write(head.encode())
            chunk = b"A" * (1024 * 1024)
            for _ in range(inflated_mb):
                part.write(chunk)
            part.write(tail.encode())
    return buf.getvalue()


def random_bytes(n: int = 4096, seed: int = 6) -> bytes:
    data = random.Random(seed).randbytes(n)
    return b"\x00" + data  # never a PDF, zip or OLE signature


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file() -> bytes:
    """Enough of a compound file header for content sniffing to call it .doc."""
    return OLE_MAGIC + bytes(504)
