"""Legacy Word (.doc) and WPS (.wps) binary files, read by converting them to DOCX.

Their OLE compound format is not worth a reader of our own: LibreOffice
converts both faithfully. It runs headless in a private temporary folder, with
its own user profile (so parallel workers do not fight over one profile lock)
and a time limit; the batch worker's process group kill also reaches it.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from pathlib import Path

from extractors.docx import extract_docx
from extractors.model import Document, ExtractionError

SOFFICE_TIMEOUT = 90
"""Seconds a conversion may take; below the batch's default per-file limit, so
a stuck LibreOffice is reported as such rather than as a plain timeout."""

INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer; "
                "macOS: brew install --cask libreoffice) so that `soffice` is on PATH, or save the file as DOCX")


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes) -> bytes:
    """The DOCX that LibreOffice makes of a .doc/.wps file's bytes."""
    soffice = soffice_path()
    if soffice is None:
        raise ExtractionError("needs_libreoffice", f"legacy Word/WPS binary file (.doc/.wps): {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="notice-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "input.doc"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--convert-to", "docx", "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError("conversion_failed",
                                  f"LibreOffice did not convert the file within {SOFFICE_TIMEOUT} s") from exc
        converted = folder / "input.docx"
        if not converted.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ExtractionError("conversion_failed",
                                  f"LibreOffice could not convert the file (exit code {done.returncode}): {said}")
        return converted.read_bytes()


def extract_legacy(data: bytes) -> Document:
    """Read a .doc/.wps file's bytes into the document model, through DOCX."""
    document = extract_docx(convert_to_docx(data))
    return dataclasses.replace(
        document, source_format="doc",
        warnings=[*document.warnings, "legacy .doc/.wps file, read through a LibreOffice conversion to DOCX"])
