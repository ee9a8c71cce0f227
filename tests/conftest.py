from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

QZB_DOCX = ["泉政办〔2018〕51号.docx", "泉政办〔2018〕51号-横版.docx"]


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW

CORPUS = FIXTURES / "corpus"


def _has_pdf_extractor() -> bool:
    try:
        import extractors.pdf  # noqa: F401
    except ImportError:
        return False
    return True


needs_pdf_extractor = pytest.mark.skipif(
    not _has_pdf_extractor(),
    reason="extractors/pdf.py (branch pdf) is not merged into main yet",
)
"""PDF fixture tests wait for the PDF extractor that is being written in parallel."""
