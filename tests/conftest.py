from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

QZB_DOCX = ["泉政办〔2018〕51号.docx", "泉政办〔2018〕51号-横版.docx"]
QZB_PDF = ["泉政办〔2018〕51号.pdf", "泉政办〔2018〕51号-横版.pdf"]
QZB_ALL = QZB_DOCX + QZB_PDF


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW


CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def built_output(tmp_path_factory) -> Path:
    """``build raw OUT --xlsx`` run once for every test that reads the datasets as an analyst would."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("output")
    assert main(["build", str(RAW), str(out), "--xlsx", "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def recorded_ocr():
    """The OCR engine answered from the recording (tests/ocr_cache.py) for a
    module's tests: ``pytestmark = pytest.mark.usefixtures("recorded_ocr")``."""
    from extractors.ocr import engine
    from tests import ocr_cache

    patch = pytest.MonkeyPatch()
    patch.setattr(engine, "recognise", ocr_cache.cached_recognise)
    yield
    patch.undo()
    ocr_cache.save()


def read_dataset(out_dir: Path, name: str):
    """A dataset as pandas reads it, for assertions."""
    import pandas as pd

    return pd.read_parquet(out_dir / f"{name}.parquet")


def sample(filename: str) -> Path:
    """A sample notice: 泉政办〔2018〕51号 renderings live in raw/ (``make data``
    converts them), the real layouts used only by tests in fixtures/corpus/."""
    return RAW / filename if (RAW / filename).exists() else CORPUS / filename
