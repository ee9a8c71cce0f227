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
    if fmt == "empty":
        raise ExtractionError("empty_file", "the file is empty")
    if fmt == "ole":
        raise ExtractionError(
            "needs_libreoffice",
            "legacy Word/WPS binary file (.doc/.wps): install LibreOffice "
            "(apt-get install libreoffice-writer) to convert it, or save it as DOCX",
        )
    if fmt == "zip":
        raise ExtractionError("corrupt_docx", "a zip archive that is not a Word document (no word/ parts)")
    raise ExtractionError("unsupported_format", "neither PDF nor DOCX (unrecognised content)")
