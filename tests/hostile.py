"""Hostile and broken inputs for the batch and extractor tests, built in memory."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator

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


def external_dtd_docx(target: str) -> bytes:
    """document.xml names an external DTD (the parser would fetch *target*)
    and declares no entity."""
    return make_docx("", document=document_xml(p("text"), f'<!DOCTYPE w:document SYSTEM "file://{target}">'))


def late_entity_docx(target: str) -> bytes:
    """An external entity declared after 8 KB of comment, past the window in
    which the byte check looks for <!DOCTYPE (it looks for <!ENTITY everywhere)."""
    xml = document_xml(p("&leak;")).replace(
        "?>", f'?><!--{"x" * 8192}--><!DOCTYPE w:document [<!ENTITY leak SYSTEM "file://{target}">]>', 1)
    return make_docx("", document=xml)


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return make_docx("", document=document_xml(p("&lol9;"), f"<!DOCTYPE w:document [{entities}]>"))


MB = 1024 * 1024


def _zip_with_part(parts: dict[str, str], name: str, head: str, tail: str, chunks: Iterator[bytes]) -> bytes:
    """A zip of *parts* plus the part *name*: *head*, the bytes of *chunks*
    (deflated as they come, never all in memory), *tail*."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part_name, text in parts.items():
            z.writestr(part_name, text)
        with z.open(name, "w", force_zip64=True) as part:
            part.write(head.encode())
            for chunk in chunks:
                part.write(chunk)
            part.write(tail.encode())
    return buf.getvalue()


def zip_bomb_parts(parts: dict[str, str], bomb: str, head: str = "<x>", tail: str = "</x>",
                   inflated_mb: int = 100) -> bytes:
    """A zip of *parts* plus the part *bomb*, which inflates from about 1 KB per
    MB to *inflated_mb* MB (any zip-of-XML format: DOCX, OFD): too large, and at
    a ratio of about 1000:1, so both guards refuse it."""
    return _zip_with_part(parts, bomb, head, tail, (b"A" * MB for _ in range(inflated_mb)))


_DOCX_PARTS = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS}
_DOCUMENT = "word/document.xml"
_HEAD, _TAIL = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>', "</w:t></w:r></w:p></w:body></w:document>"


def zip_bomb_docx(inflated_mb: int = 100) -> bytes:
    """A DOCX whose document.xml is a bomb of *inflated_mb* MB (:func:`zip_bomb_parts`)."""
    return zip_bomb_parts(_DOCX_PARTS, _DOCUMENT, _HEAD, _TAIL, inflated_mb)


def ratio_bomb_docx() -> bytes:
    """document.xml inflates to 8 MB, under the 64 MB part cap, from about 8 KB:
    a ratio of about 1000:1, where XML compresses about 10:1. Only the ratio
    guard refuses it."""
    return _zip_with_part(_DOCX_PARTS, _DOCUMENT, _HEAD, _TAIL, (b"A" * MB for _ in range(8)))


def size_bomb_docx() -> bytes:
    """document.xml inflates to 80 MB, over the 64 MB part cap, at a ratio of
    about 120:1, under the 200:1 ratio guard: every MB starts with 8 KB of hex
    digits of random bytes, which deflate only about 2:1. Only the size cap refuses it."""
    rng = random.Random(80)
    chunks = (rng.randbytes(4096).hex().encode() + b"A" * (MB - 8192) for _ in range(80))
    return _zip_with_part(_DOCX_PARTS, _DOCUMENT, _HEAD, _TAIL, chunks)


def random_bytes(n: int = 4096, seed: int = 6) -> bytes:
    data = random.Random(seed).randbytes(n)
    return b"\x00" + data  # never a PDF, zip or OLE signature


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_file() -> bytes:
    """Enough of a compound file header for content sniffing to call it .doc."""
    return OLE_MAGIC + bytes(504)
