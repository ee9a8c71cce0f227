"""The five gov.cn pages, as served and saved as DOCX and printed to PDF: full
metadata from the portal's table and the notice, the notices' paragraphs, no
tasks where the notice assigns none. Expected values: tests/expected/web_pages.py."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.model import Document, Paragraph
from pipeline.convert import convert
from pipeline.metadata.notice import extract_notice_meta
from pipeline.metadata.page_meta import read_page_meta
from tests.conftest import FIXTURES
from tests.expected.web_pages import METADATA, PARAGRAPHS, WITHOUT_TASKS

WEB = FIXTURES / "web"
FORMATS = {"html": WEB / "{}.html", "docx": WEB / "renderings" / "{}.docx", "pdf": WEB / "renderings" / "{}.pdf"}
CASES = [(name, fmt) for name in METADATA for fmt in FORMATS]


def path(name: str, fmt: str):
    return FORMATS[fmt].parent / FORMATS[fmt].name.format(name)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_metadata_as_the_page_shows_it(name, fmt):
    converted = convert(path(name, fmt).read_bytes(), path(name, fmt).name)
    record = converted.document
    assert record.source_format == fmt
    assert {field: getattr(record, field) for field in METADATA[name]} == METADATA[name]


@pytest.mark.parametrize(("name", "fmt"), [(n, f) for n in WITHOUT_TASKS for f in FORMATS])
def test_no_tasks_where_the_notice_assigns_none(name, fmt):
    converted = convert(path(name, fmt).read_bytes(), name)
    assert converted.tasks == [] and converted.task_units == []
    assert converted.document.n_tasks == 0


@pytest.mark.parametrize("name", PARAGRAPHS)
def test_paragraphs_as_the_page_shows_them(name):
    paragraphs = [p.text for p in extract(path(name, "html").read_bytes()).paragraphs()]
    for position, text in PARAGRAPHS[name].items():
        assert paragraphs[position] == text


@pytest.mark.parametrize("name", METADATA)
def test_page_and_its_docx_have_the_same_paragraphs(name):
    """The page saved as DOCX by LibreOffice: the HTML reader gives what the DOCX reader gives."""
    page = [p.text for p in extract(path(name, "html").read_bytes()).paragraphs()]
    docx = [p.text for p in extract(path(name, "docx").read_bytes()).paragraphs()]
    assert page == docx and len(page) > 30


@pytest.mark.parametrize("name", METADATA)
def test_pdf_holds_every_character_of_the_page(name):
    """The printed page ends with the page's text, punctuation included (after the
    metadata table, which the PDF has as loose lines). A rendering set justified
    fails this: LibreOffice 7.4 drops the 、，。 that end a justified line."""
    docx, pdf = ("".join("".join(p.text.split()) for p in extract(path(name, fmt).read_bytes()).paragraphs())
                 for fmt in ("docx", "pdf"))
    assert pdf.endswith(docx) and len(docx) > 1000


def test_metadata_table_is_not_read_as_the_notice():
    """The catalogue table comes first, so it must not be taken for the 版头, title or attachment."""
    meta = extract_notice_meta(extract(path("国办发〔2018〕121号", "pdf").read_bytes()))
    assert meta.attachment_title is None and meta.copy_no is None


def lines(*texts: str) -> Document:
    return Document(blocks=[Paragraph(t) for t in texts], source_format="pdf")


def test_a_doc_number_is_never_the_issuer():
    """A page printed to PDF with the label column lost: number and date on one line."""
    meta = extract_notice_meta(lines("国务院办公厅关于加快发展体育竞赛表演产业的指导意见", "国办发〔2018〕121号 2018年12月21日",
                                     "正文。"))
    assert meta.issuer is None
    meta = extract_notice_meta(lines("国办发〔2018〕121号", "2018年12月11日"))
    assert meta.issuer is None and meta.doc_number == "国办发〔2018〕121号"


def test_label_lines_without_a_table():
    """``label：value`` lines (list items on provincial portals), dates written with hyphens."""
    meta = extract_notice_meta(lines("索引号：FJ00101-0202-2018-00051", "发布机构：泉州市人民政府办公室",
                                     "生成日期：2018-06-13", "文号：泉政办〔2018〕51号", "发布日期：2018-06-14",
                                     "各县（市、区）人民政府：", "正文。"))
    assert (meta.index_no, meta.issuer, meta.doc_number, meta.published_date.isoformat()) == (
        "FJ00101-0202-2018-00051", "泉州市人民政府办公室", "泉政办〔2018〕51号", "2018-06-14")
    assert meta.addressees == ["各县（市、区）人民政府"]


def test_a_lone_label_is_not_a_metadata_table():
    assert read_page_meta(lines("标题：关于开展调研的通知", "各单位：", "正文。")).values == {}
    two = read_page_meta(lines("标题：关于开展调研的通知", "发布日期：2019-01-02", "正文。"))
    three = read_page_meta(lines("标题：关于开展调研的通知", "发布日期：2019-01-02", "索引号：A-1", "正文。"))
    assert two.values == {} and three.values == {"title": "关于开展调研的通知", "published_date": "2019-01-02",
                                                  "index_no": "A-1"}
