"""Table layouts beyond the seed's, each as DOCX and as the PDF LibreOffice
made of it (and some as the web page it made of it): the same task rows from all."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractors import extract
from pipeline.convert import NO_TASK_TABLE, convert
from pipeline.run.batch import run_batch
from tests.conftest import FIXTURES, read_dataset
from tests.expected.layouts import FULL_NOTICE_DOCUMENT, GBT_DOCUMENTS, TASKS
from tests.layout_docs import HTML_LAYOUTS, docx

LAYOUTS = FIXTURES / "layouts"
FIELDS = list(TASKS["header_two_rows"][0])


def _source(name: str, ext: str) -> bytes:
    return docx(name) if ext == "docx" else (LAYOUTS / f"{name}.{ext}").read_bytes()


CASES = [(name, ext) for name in TASKS for ext in ("docx", "pdf")] + [(name, "html") for name in HTML_LAYOUTS]


@pytest.mark.parametrize(("name", "ext"), CASES)
def test_task_rows(name, ext):
    converted = convert(_source(name, ext), f"{name}.{ext}")
    assert [{f: getattr(t, f) for f in FIELDS} for t in converted.tasks] == TASKS[name]
    assert [t.seq for t in converted.tasks] == list(range(1, len(TASKS[name]) + 1))


@pytest.mark.parametrize("name", list(TASKS))
def test_committed_docx_is_what_the_builder_makes(name):
    """A stale DOCX here means its PDF is stale too: run make_fixtures.py."""

    def body(data: bytes) -> bytes:
        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")

    assert body((LAYOUTS / f"{name}.docx").read_bytes()) == body(docx(name))


@pytest.mark.parametrize(("name", "ext"), [("no_table", "docx"), ("no_table", "pdf")])
def test_notice_without_task_table_is_ok_with_a_warning(name, ext, tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / f"{name}.{ext}").write_bytes(_source(name, ext))
    result = run_batch(tmp_path / "in", tmp_path / "out")
    [row] = read_dataset(tmp_path / "out", "manifest").itertuples()
    assert row.status == "ok"
    assert row.n_tasks == 0
    assert list(row.warnings) == [NO_TASK_TABLE]
    assert result.n_failed == 0 and result.n_warned == 1


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_full_notice_metadata(ext):
    """Another issuer and year: ［2019］ with spaces, a title on two lines, a
    written 成文日期, 依申请公开, an abbreviated enumeration among addressees."""
    document = convert(_source("full_notice", ext), f"full_notice.{ext}").document
    assert {k: getattr(document, k) for k in FULL_NOTICE_DOCUMENT} == FULL_NOTICE_DOCUMENT


def test_full_notice_pdf_paragraphs_are_the_docx_paragraphs():
    """Paragraph grouping in the PDF: short lines, same font size throughout,
    a line ended early by an unbreakable run (``〔2019〕14号）``)."""
    texts = [[p.text.replace(" ", "") for p in extract(_source("full_notice", ext)).paragraphs()]
             for ext in ("docx", "pdf")]
    assert texts[0] == texts[1]


@pytest.mark.parametrize(("name", "ext"), [(name, ext) for name in GBT_DOCUMENTS for ext in ("docx", "pdf")])
def test_gbt_notice_metadata(name, ext):
    """Whole notices set as GB/T 9704 prints them: a red 版头 in a large font,
    a 22 pt title over two lines, the attachment on a new page after the 附注."""
    document = convert(_source(name, ext), f"{name}.{ext}").document
    assert {k: getattr(document, k) for k in GBT_DOCUMENTS[name]} == GBT_DOCUMENTS[name]
