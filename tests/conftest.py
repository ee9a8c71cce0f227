from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from extractors.legacy import soffice_path

settings.register_profile("mutation", max_examples=20)
"""For `make mutation` (--hypothesis-profile=mutation): a mutant that only a
rare generated input reveals is not what the property tests are there for, and
every mutant reruns them."""

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
QZB = FIXTURES / "qzb"
"""The four renderings of 泉政办〔2018〕51号. Tests read only tests/fixtures/: raw/
holds the same files for `make data`, and a user adding a notice there must not
change what a test sees."""

QZB_DOCX = ["泉政办〔2018〕51号.docx", "泉政办〔2018〕51号-横版.docx"]
QZB_PDF = ["泉政办〔2018〕51号.pdf", "泉政办〔2018〕51号-横版.pdf"]
QZB_ALL = QZB_DOCX + QZB_PDF


CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def built_output(tmp_path_factory) -> Path:
    """``build QZB OUT --xlsx`` (the sample notice) run once for every test that reads the datasets as an analyst would."""
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("output")
    assert main(["build", str(QZB), str(out), "--xlsx", "--quiet"]) == 0
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
    """A sample notice: a rendering of 泉政办〔2018〕51号, or a real layout in fixtures/corpus/."""
    return QZB / filename if (QZB / filename).exists() else CORPUS / filename


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's ``soffice``, which the .doc/.wps path needs. A user without it
    sees the tests that need it skipped, with the reason; CI installs it
    (.ci/run), so there a missing one is a failure, not a silent skip."""
    path = soffice_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the .doc/.wps path, but LibreOffice is missing: .ci/run installs it")
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui): "
                    "the .doc/.wps conversion path is not tested")
    return path


@pytest.fixture(scope="session")
def strace() -> str:
    """``strace``, which kills the publish step at each system call in
    tests/test_atomic_output.py. As with LibreOffice: a user without it sees
    those tests skipped with the reason; CI installs it (.ci/run), so there a
    missing one is a failure."""
    path = shutil.which("strace")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the publish fault-injection tests, but strace is missing: .ci/run installs it")
        pytest.skip("strace is not installed (Debian: apt-get install strace): "
                    "the publish step is not killed at each system call")
    return path
