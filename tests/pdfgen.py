"""The three bad PDFs the batch must name by code, from the PDF tests' own tools."""

from __future__ import annotations

import io

from tests.conftest import QZB
from tests.pdfbytes import Page, build


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and no text layer."""
    return build([Page().image()])


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, encrypt=StandardEncryption("user-secret", "owner-secret"))
    canvas.drawString(72, 700, "secret")
    canvas.save()
    return out.getvalue()


def truncated_pdf() -> bytes:
    """The first 4 KB of a real notice, as an interrupted download leaves it."""
    return (QZB / "泉政办〔2018〕51号.pdf").read_bytes()[:4000]
