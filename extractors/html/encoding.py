"""Bytes of a saved web page → text, without mojibake.

Chinese government sites serve UTF-8, GBK and GB2312, often without saying
which (gov.cn's own article fragments carry no ``<meta charset>``), and saved
pages lose the HTTP header that named it. The order is the HTML standard's
encoding sniffing, made strict:

1. a byte-order mark;
2. the charset the page's container declares, where it has one: an MHTML
   archive's ``Content-Type: text/html; charset=…`` for its page part, which
   browsers load as they load HTTP's header (the transport layer, ranked above
   the page's own markup by the standard);
3. a charset declared in the first bytes: ``<meta charset>``, ``<meta
   http-equiv="Content-Type" content="…; charset=…">`` or an XML declaration
   (XHTML);
4. UTF-8 when the bytes are valid UTF-8 (random bytes of another multi-byte
   encoding almost never are);
5. charset-normalizer's guess.

A declaration is trusted only when the bytes decode under it without error;
otherwise detection takes over, because a page that says ``gb2312`` but holds
UTF-8 (or the reverse) is common and a lenient decode would print mojibake.
GB2312 and GBK labels decode as GB18030, their superset: pages labelled
GB2312 routinely contain GBK characters (镕, 堃, 玥), which a strict GB2312
codec refuses.
"""

from __future__ import annotations

import codecs

import regex

from extractors.model import ExtractionError

PRESCAN_BYTES = 4096
"""How far the declaration is looked for, as browsers do (1024) with slack
for long ``<head>`` comments."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = (
    regex.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", regex.I),
    regex.compile(rb"<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", regex.I),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030"}
"""Python codec names (after codecs.lookup) whose bytes GB18030 decodes alike."""
_BINARY = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
"""C0 controls other than tab, line feed, form feed, carriage return and ESC:
a decoded web page never holds them, binary data always does."""
_SINGLE_BYTE = {"ascii", "latin_1", "iso8859_1", "cp1252"}
"""Declarations that decode any bytes, so they prove nothing: a Chinese page
wrongly labelled ISO-8859-1 is common, and decoding it so is mojibake."""


def codec_name(label: str) -> str | None:
    """Python's codec name for a charset label; the GB family becomes GB18030."""
    label = label.strip().lower()
    for candidate in (label, label.removeprefix("x-")):  # x-gbk, x-euc-cn
        try:
            name = codecs.lookup(candidate).name
        except LookupError:
            continue
        return "gb18030" if name in _GB_FAMILY else name
    return None


def declared_charset(data: bytes) -> str | None:
    """The codec named by a ``<meta>`` or XML declaration in the first bytes."""
    head = data[:PRESCAN_BYTES]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            return codec_name(match.group(1).decode("ascii"))
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    codec = codec_name(best.encoding)
    return _strict(data, codec) if codec else None


def decode_html(data: bytes, container_charset: str | None = None) -> str:
    """The page's text; *container_charset* is the label its container declares
    (an MHTML part's), if any. Raises ``undecodable_html`` when no encoding reads
    it, or when what it reads holds control characters: whichever rule chose the
    encoding (a BOM, a declaration), binary data is no page."""
    text = _decode(data, container_charset)
    if _BINARY.search(text):
        raise ExtractionError("undecodable_html", "the page holds control characters that no text has: "
                                                  "binary content, not a web page")
    return text


def _decode(data: bytes, container_charset: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], codec)
            if text is None:
                raise ExtractionError("undecodable_html", f"the page starts with a {codec} byte-order mark "
                                                          f"but its bytes are not {codec}")
            return text
    container = codec_name(container_charset) if container_charset else None
    declared = [c for c in (container, declared_charset(data)) if c]
    for codec in declared:
        if codec.replace("-", "_") not in _SINGLE_BYTE or data.isascii():
            text = _strict(data, codec)
            if text is not None:
                return text
    text = _strict(data, "utf-8")
    if text is None:
        text = _detected(data)
    for codec in declared:  # a single-byte declaration no detector contradicted
        if text is None:
            text = _strict(data, codec)
    if text is None:
        raise ExtractionError("undecodable_html", "no text encoding reads the page without errors "
                                                  "(declared: %s)" % (", ".join(declared) or "none"))
    return text
