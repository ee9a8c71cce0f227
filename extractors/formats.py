"""The table of input formats, and reading a file by its content.

Everything that depends on which formats exist is derived from :data:`FORMATS`:
:func:`extractors.extract`, the batch runner's file suffixes, the values of
``source_format`` in the datasets, the ``unsupported_format`` message and the
formats list in the README (a test compares it with this table). Adding a
format is one reader module and one line here.

Readers are named as ``"module:function"`` and imported on first use, so a
run that meets only DOCX never imports pdfplumber. A :class:`Format` is plain
data (its sniffer a module-level function), so the table can travel to the
batch's worker processes: a format registered at run time with
:func:`register` is read there too.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from extractors import sniff
from extractors.model import Document, ExtractionError
from extractors.ocr_modes import OcrMode


@dataclass(frozen=True)
class Format:
    """One input format."""

    name: str
    """The Document's and the datasets' ``source_format``."""
    description: str
    """What it is, for people (the README's formats table)."""
    suffixes: tuple[str, ...]
    """File name endings (lower case, with the dot) the batch runner picks up."""
    sniff: Callable[[bytes], bool]
    """Whether a file's bytes are this format; tried in table order."""
    reader: str
    """``"module:function"`` taking the file's bytes, returning a Document."""
    needs: str | None = None
    """An external program or optional package the reader uses, if any (the README says so)."""
    ocr: bool = False
    """Whether its pages may be images that OCR reads: the reader then takes
    the run's mode as ``ocr=`` (:data:`extractors.ocr_modes.OcrMode`)."""

    def read(self, data: bytes, ocr: OcrMode = "auto") -> Document:
        module, function = self.reader.split(":")
        read: Callable[..., Document] = getattr(importlib.import_module(module), function)
        return read(data, ocr=ocr) if self.ocr else read(data)


PDF_ENGINES: dict[str, str] = {
    "pdfium": "extractors.pdfium:extract_pdf",
    "pdfminer": "extractors.pdf:extract_pdf",
}
"""Readers of PDF's text layer. Both give the same glyphs and rulings (a
parity test holds them to the same rows); pdfium, in C, is several times
faster, and pdfminer (through pdfplumber) is the reference."""

DEFAULT_PDF_ENGINE = "pdfium"

FORMATS: list[Format] = [
    Format("pdf", "PDF with a text layer, or scanned (pages without one are read by OCR)", (".pdf",), sniff.is_pdf,
           PDF_ENGINES[DEFAULT_PDF_ENGINE], needs="for scans: the OCR extra (`make install` has it)", ocr=True),
    Format("docx", "Word / WPS OOXML document", (".docx",), sniff.is_docx, "extractors.docx:extract_docx"),
    Format("ofd", "OFD (GB/T 33190) fixed-layout document, as Chinese e-government issues them"
           " (scanned pages are read by OCR)", (".ofd",), sniff.is_ofd, "extractors.ofd:extract_ofd",
           needs="for scans: the OCR extra (`make install` has it)", ocr=True),
    Format("doc", "legacy Word / WPS binary document, read as the DOCX LibreOffice makes of it",
           (".doc", ".wps"), sniff.is_ole, "extractors.legacy:extract_legacy", needs="LibreOffice (soffice)"),
    Format("html", "web page saved from a government portal (the notice is found among the site's template)",
           (".html", ".htm", ".shtml", ".xhtml"), sniff.is_html, "extractors.html:extract_html"),
    Format("mht", "web page saved as one file with its images (MHTML web archive: Chrome, Edge, IE, Word), "
           "read as the page it holds", (".mht", ".mhtml"), sniff.is_mht, "extractors.mht:extract_mht"),
]
"""Every supported format, in sniffing order (the first whose sniffer says yes reads the file)."""


def register(fmt: Format) -> None:
    """Add a format at run time (tests, plug-ins); one of the same name is replaced in place."""
    for i, known in enumerate(FORMATS):
        if known.name == fmt.name:
            FORMATS[i] = fmt
            return
    FORMATS.append(fmt)


def unregister(name: str) -> None:
    FORMATS[:] = [f for f in FORMATS if f.name != name]


def use(formats: Iterable[Format]) -> None:
    """Make *formats* this process's table: a batch worker adopts its parent's."""
    FORMATS[:] = list(formats)


def with_pdf_engine(formats: Iterable[Format], engine: str) -> tuple[Format, ...]:
    """*formats* with PDF read by *engine* (a key of :data:`PDF_ENGINES`)."""
    reader = PDF_ENGINES[engine]
    return tuple(dataclasses.replace(f, reader=reader) if f.name == "pdf" else f for f in formats)


def readers_key(formats: Iterable[Format]) -> str:
    """A short digest of which reader reads which format: part of the cache
    key, so that a run with another PDF engine never answers from the cache
    of the other."""
    text = "|".join(f"{f.name}={f.reader}" for f in formats)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def names() -> tuple[str, ...]:
    """The possible ``source_format`` values."""
    return tuple(f.name for f in FORMATS)


def suffixes() -> frozenset[str]:
    """File name endings the batch runner picks up."""
    return frozenset(s for f in FORMATS for s in f.suffixes)


def detect(data: bytes) -> Format | None:
    """The format *data*'s content says it is, whatever the file is called."""
    return next((f for f in FORMATS if f.sniff(data)), None)


def extract(data: bytes, ocr: OcrMode = "auto") -> Document:
    """Read any supported file into the document model, by its content;
    *ocr* says which pages of fixed-layout formats OCR reads.

    Raises :class:`ExtractionError` with a stable code for anything it cannot
    read: ``empty_file``, ``corrupt_docx`` for a zip that no format claims
    (a damaged or non-Word archive says which), ``unsupported_format``.
    """
    if sniff.is_empty(data):
        raise ExtractionError("empty_file", "the file is empty")
    fmt = detect(data)
    if fmt is not None:
        return fmt.read(data, ocr)
    if data.startswith(sniff.ZIP_MAGIC):
        from extractors.ooxml import Package

        Package(data)  # a damaged archive (e.g. a truncated DOCX) says so precisely
        raise ExtractionError("corrupt_docx", "a zip archive that is not a Word document (no word/ parts)")
    raise ExtractionError("unsupported_format", f"not a supported format ({', '.join(names())}): unrecognised content")
