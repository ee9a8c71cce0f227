"""Why the DOCX reader walks the XML with lxml instead of using python-docx.

python-docx is a test dependency only (docs/docx.md). It serves twice here:

* as an independent, widely used consumer, it opens every committed DOCX
  fixture, so the fixtures are ordinary Word packages and not files that only
  our own reader accepts;
* on the same bytes, it shows the losses that made us read the XML ourselves.
  Should a python-docx release stop losing them, these tests fail, and the
  choice is worth weighing again.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from extractors.docx import extract_docx
from extractors.model import Paragraph
from tests.docxgen import make_docx, p, tbl, tc, tr

docx = pytest.importorskip("docx", reason="python-docx is in the test extra: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(ROOT.glob("tests/fixtures/**/*.docx"))


def _ours(data: bytes) -> list[str]:
    return [b.text for b in extract_docx(data).blocks if isinstance(b, Paragraph)]


def _python_docx(data: bytes) -> list[str]:
    return [para.text for para in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_every_committed_docx_opens_in_python_docx(path: Path) -> None:
    document = docx.Document(str(path))
    assert document.paragraphs or document.tables


def test_fixtures_are_found() -> None:
    assert len(FIXTURES) >= 10  # the sample notice's, the layout and the corpus fixtures


def test_python_docx_drops_tracked_insertions() -> None:
    data = make_docx('<w:p><w:r><w:t>市财政局</w:t></w:r>'
                     '<w:ins w:id="1" w:author="a"><w:r><w:t>牵头</w:t></w:r></w:ins></w:p>')
    assert _python_docx(data) == ["市财政局"]
    assert _ours(data) == ["市财政局牵头"]


def test_python_docx_misses_block_content_controls() -> None:
    data = make_docx("<w:sdt><w:sdtContent>" + p("块级内容控件") + "</w:sdtContent></w:sdt>" + p("正文"))
    assert _python_docx(data) == ["正文"]
    assert _ours(data) == ["块级内容控件", "正文"]


def test_python_docx_repeats_merged_cells() -> None:
    data = make_docx(tbl(
        tr(tc("一、做好财政信息公开", '<w:vMerge w:val="restart"/>'), tc("1.预算公开")),
        tr(tc("", "<w:vMerge/>"), tc("2.决算公开")),
        n_cols=2,
    ))
    second_row = docx.Document(io.BytesIO(data)).tables[0].rows[1]
    assert [cell.text for cell in second_row.cells] == ["一、做好财政信息公开", "2.决算公开"]
    ours = next(extract_docx(data).tables())
    assert [c.text for c in ours.rows[1].cells] == ["2.决算公开"]  # one cell, spanned, not copied
    assert ours.rows[0].cells[0].row_span == 2
