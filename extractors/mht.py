"""MHTML web archives (.mht, .mhtml) → the document model, through the HTML reader.

"Save as → Web page, single file" in Chrome/Edge, Internet Explorer and Word
writes the page and its images, style sheets and frames as one MIME message
(RFC 2557): ``multipart/related`` with the page as its root part, or, from IE
for a page without resources, the page as the message itself. Only the root
page is read; images and CSS are ignored, as the HTML reader ignores them in a
saved ``.html``. Its transfer encoding (quoted-printable, base64, 7bit/8bit)
is undone here, and its bytes go to :func:`extractors.html.extract_html` with
the charset its ``Content-Type`` declares, so a page reads the same in an
archive as saved alone.

The MIME structure is parsed by the standard library's ``email`` package with
the ``compat32`` policy: the newer header parser of ``policy.default`` raises
``IndexError`` on malformed parameters and addresses met in real files
(cpython issue 151857 and others), while compat32 records defects and goes on.
Its lenient body decoding is not used: a base64 page must decode exactly, or
the archive is ``corrupt_mht`` rather than a page read in part.

Bounds are checked on the raw bytes before parsing (``mht_too_large``): the
archive's size, its number of parts (each becomes a Python object) and of
containers (``multipart/*``, ``message/*``: the parser recurses into each, and
a few thousand nested ones would exhaust the stack).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import email
import quopri
from email import errors
from email.message import Message
from email.policy import compat32
from email.utils import collapse_rfc2231_value

import regex

from extractors.html import extract_html
from extractors.model import Document, ExtractionError

MAX_MHT_BYTES = 64 * 1024 * 1024
"""Largest archive read. A notice page saved with its images is 0.1–5 MB; the
page itself is held to the HTML reader's 32 MB."""
MAX_PARTS = 5000
"""Most parts read. Chrome saves each image, style sheet, font and frame of a
page as one part: a portal page has tens to a few hundred."""
MAX_CONTAINERS = 16
"""Most ``multipart/*`` and ``message/*`` containers. Browsers write one;
an e-mail saved as a web archive nests two or three."""
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TRANSFER_ENCODINGS = frozenset({"7bit", "8bit", "binary", "quoted-printable", "base64"})

_CONTAINER = regex.compile(rb"^content-type[ \t]*:\s*(?:multipart|message)/", regex.I | regex.M)
_BOUNDARY = regex.compile(rb'\bboundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', regex.I)
_HEADER_SPAN = 2048
"""How far after ``Content-Type:`` its ``boundary`` parameter is looked for
(it follows on folded lines, after ``type=`` and ``start=``)."""


def check_bounds(data: bytes) -> None:
    """Refuse an archive too big to parse safely, from its raw bytes."""
    if len(data) > MAX_MHT_BYTES:
        raise ExtractionError("mht_too_large", f"the archive has {len(data):,} bytes; at most "
                                               f"{MAX_MHT_BYTES:,} are read")
    containers = [m.end() for m in _CONTAINER.finditer(data)]
    if len(containers) > MAX_CONTAINERS:
        raise ExtractionError("mht_too_large", f"the archive declares {len(containers):,} multipart or message "
                                               f"containers; at most {MAX_CONTAINERS} are read")
    boundaries = set()
    for end in containers:
        match = _BOUNDARY.search(data, end, end + _HEADER_SPAN)
        if match:
            boundaries.add(match.group(1) or match.group(2))
    parts = sum(data.count(b"\n--" + b) - data.count(b"\n--" + b + b"--") for b in boundaries)
    if parts > MAX_PARTS:
        raise ExtractionError("mht_too_large", f"the archive has {parts:,} parts; at most {MAX_PARTS:,} are read")


def _content_id(value: object) -> str:
    return str(value).strip().strip("<>").strip()


def root_part(message: Message) -> Message:
    """The archive's page: the part the ``start`` parameter names, else the one
    at the archive's address (Chrome's ``Snapshot-Content-Location``), else the
    first part (RFC 2557), if that is a page; otherwise the first page part.
    An archive that is a page itself (IE's, of a page without images) is its
    own root."""
    leaves = [part for part in message.walk() if not part.is_multipart()]
    start = message.get_param("start")
    location = message.get("Snapshot-Content-Location") or message.get("Content-Location")
    named = [p for p in leaves if start is not None and p.get("Content-ID") is not None
             and _content_id(p.get("Content-ID")) == _content_id(collapse_rfc2231_value(start))]
    located = [p for p in leaves if location is not None and str(p.get("Content-Location", "")).strip()
               == str(location).strip()]
    page = next((p for p in [*named[:1], *located[:1], *leaves] if p.get_content_type() in PAGE_TYPES), None)
    if page is None:
        kinds = ", ".join(sorted({p.get_content_type() for p in leaves}))
        raise ExtractionError("mht_no_html", f"the archive holds no web page (parts: {kinds})")
    return page


def page_bytes(part: Message) -> bytes:
    """The part's body with its transfer encoding undone, exactly."""
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    if encoding not in TRANSFER_ENCODINGS:
        raise ExtractionError("corrupt_mht", f"the page part has an unknown transfer encoding {encoding!r}")
    del part["Content-Transfer-Encoding"]  # so that the email package hands over the body's bytes untouched
    body = part.get_payload(decode=True)
    assert isinstance(body, bytes)  # a leaf's payload always is
    if encoding == "quoted-printable":
        return quopri.decodestring(body)
    if encoding == "base64":
        try:
            return base64.b64decode(b"".join(body.split()), validate=True)
        except binascii.Error as exc:
            raise ExtractionError("corrupt_mht", f"the page part's base64 does not decode ({exc}): "
                                                 "a truncated or damaged archive") from exc
    return body


def parse(data: bytes) -> Message:
    """The archive's MIME tree; raises when its parts cannot be found."""
    message = email.message_from_bytes(data, policy=compat32)
    if not message.is_multipart() and message.get_content_maintype() == "multipart":
        if any(isinstance(d, errors.NoBoundaryInMultipartDefect) for d in message.defects):
            raise ExtractionError("corrupt_mht", "the archive is multipart without a boundary parameter: "
                                                 "its parts cannot be told apart")
        raise ExtractionError("corrupt_mht", "the archive's boundary never occurs: its parts cannot be found")
    return message


def truncation(message: Message, page: Message) -> list[str]:
    """Warnings for an archive cut short (no closing boundary) after its page;
    raises when the cut may run through the page itself."""
    if not any(isinstance(d, errors.CloseBoundaryNotFoundDefect) for m in message.walk() for d in m.defects):
        return []
    if page is [p for p in message.walk() if not p.is_multipart()][-1]:
        raise ExtractionError("corrupt_mht", "the archive ends inside the page (no closing boundary): a "
                                             "truncated download cannot be told from a complete page")
    return ["web archive cut short after its page (no closing boundary): some images or styles are missing, "
            "the page is complete"]


def extract_mht(data: bytes) -> Document:
    """Read a web archive's bytes into the document model."""
    check_bounds(data)
    message = parse(data)
    page = root_part(message)
    warnings = truncation(message, page)
    document = extract_html(page_bytes(page), page.get_content_charset())
    properties = {"Location": page.get("Content-Location") or message.get("Snapshot-Content-Location"),
                  "Creator": message.get("From"), "CreationDate": message.get("Date")}
    return dataclasses.replace(document, source_format="mht", warnings=[*warnings, *document.warnings],
                               properties={k: v.strip() for k, v in properties.items() if isinstance(v, str)})
