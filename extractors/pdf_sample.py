"""A one-page PDF built in code, which the PDF readers read in their warm-up.

Reading it once in the batch's forkserver initialises everything a first PDF
costs (pdfium's library, pdfminer's parser and layout classes), so no worker
pays for it; see :mod:`pipeline.run.warm`.
"""

from __future__ import annotations

import zlib


def tiny_pdf() -> bytes:
    """One page with a ruled two-cell table and a line of text, in a standard font."""
    content = (b"BT /F1 12 Tf 72 760 Td (Notice 2024) Tj ET\n"
               b"0.5 w 72 700 m 400 700 l S 72 650 m 400 650 l S 72 700 m 72 650 l S 236 700 m 236 650 l S "
               b"400 700 m 400 650 l S\nBT /F1 10 Tf 80 670 Td (1) Tj ET BT /F1 10 Tf 244 670 Td (Task) Tj ET")
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
