"""Small PDFs for the PDF error paths, written by hand so tests need no renderer.

A text page uses a standard Type 1 font (ASCII only, enough to have a text
layer); an image-only page paints a tiny grey image and has no text operator,
as a scan does. Encryption goes through pypdf, a test dependency.
"""

from __future__ import annotations

import io
import zlib


def _pdf(page_content: bytes, resources: str) -> bytes:
    """A one-page PDF whose page draws *page_content* with *resources*."""
    stream = zlib.compress(page_content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents 4 0 R >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def text_pdf(text: str = "Task breakdown notice") -> bytes:
    return _pdf(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("latin-1"), "<< /Font << /F1 5 0 R >> >>")


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and no text layer."""
    return _pdf(b"q 500 0 0 700 40 60 cm /Im1 Do Q", "<< /XObject << /Im1 6 0 R >> >>")


def encrypted_pdf(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    """The first third of a PDF, as an interrupted download leaves it."""
    data = text_pdf()
    return data[: len(data) // 3]
