"""Per-format readers that turn a file's bytes into one document model."""

from __future__ import annotations

from extractors.model import Document, ExtractionError
from extractors.sniff import sniff


def extract(data: bytes) -> Document:
    """Read any supported file into the document model, by its content.

    Raises :class:`ExtractionError` with a stable code for anything it cannot read.
    """
    fmt = sniff(data)
    if fmt == "docx":
        from extractors.docx import extract_docx

        return extract_docx(data)
    if fmt == "pdf":
        from extractors.pdf import extract_pdf

        return extract_pdf(data)
    if fmt == "html":
        from extractors.html import extract_html

        return extract_html(data)
    if fmt == "empty":
        raise ExtractionError("empty_file", "the file is empty")
    if fmt == "ole":
        from extractors.docx import extract_docx
        from extractors.legacy import convert_to_docx

        document = extract_docx(convert_to_docx(data))
        document.warnings.append("legacy .doc/.wps file, read through a LibreOffice conversion to DOCX")
        return document
    if fmt == "zip":
        from extractors.ooxml import Package

        Package(data)  # a damaged archive (e.g. a truncated DOCX) says so precisely
        raise ExtractionError("corrupt_docx", "a zip archive that is not a Word document (no word/ parts)")
    raise ExtractionError("unsupported_format", "neither PDF, DOCX nor a web page (unrecognised content)")
