"""Notice metadata (GB/T 9704 elements): the sample notice and synthetic variants."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.docx import extract_docx
from extractors.model import Document, Paragraph, Table
from pipeline.metadata.notice import NoticeMeta, extract_notice_meta
from tests.conftest import QZB, QZB_DOCX

EMPTY_TABLE = Table(rows=(), n_cols=4)


def doc(*items: str | Table, source_format: str = "pdf") -> Document:
    return Document([i if isinstance(i, Table) else Paragraph(i) for i in items], source_format)


@pytest.mark.parametrize("name", QZB_DOCX)
def test_sample_notice_equals_seed(name):
    """Expected values are read off the seed text of 泉政办〔2018〕51号."""
    meta = extract_notice_meta(extract_docx((QZB / name).read_bytes()))
    assert meta == NoticeMeta(
        issuer="泉州市人民政府办公室",
        doc_number="泉政办〔2018〕51号",
        doc_agency="泉政办",
        doc_year=2018,
        doc_serial=51,
        title="泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知",
        addressees=["各县（市、区）人民政府", "泉州开发区管委会", "泉州台商投资区管委会", "市人民政府各部门",
                    "市人民政府各直属机构"],
        signed_date=date(2018, 6, 12),
        publicity="主动公开",
        attachment_title="2018年政务公开工作主要任务分解表",
        cc=["市委办公室", "市委各部门", "省部属驻泉各单位", "泉州军分区", "各人民团体", "市人大常委会办公室",
            "市政协办公室", "市监委", "市中级人民法院", "市人民检察院", "各民主党派泉州市委会", "市工商联"],
        printing_office="泉州市人民政府办公室",
        printed_date=date(2018, 6, 13),
    )


PDF_LIKE = doc(
    "泉州市人民政府办公室文件",
    "泉政办〔2018〕51 号",
    "泉州市人民政府办公室关于印发 2018 年政务",
    "公开工作主要任务分解表的通知",
    "各县（市、区）人民政府，泉州开发区、泉州台商投资区管委",
    "会，市人民政府各部门、各直属机构：",
    "为贯彻落实《国务院办公厅关于印发 2018 年政务公开工",
    "作要点的通知》（国办发〔2018〕23 号），于 2018",
    "年 6 月 30 日前书面报市政府办公室。",
    "泉州市人民政府办公室",
    "2018 年 6 月 12 日",
    "（此件主动公开）",
    "2018 年政务公开工作主要任务",
    "分解表",
    EMPTY_TABLE,
    "抄送：市委办公室、市委各部门，省部属驻泉各单位，泉州军分区，各",
    "人民团体。市人大常委会办公室。",
    "泉州市人民政府办公室 2018年6月13日印发",
)


def test_pdf_like_lines_wrapped_and_spaced():
    meta = extract_notice_meta(PDF_LIKE)
    assert meta.doc_number == "泉政办〔2018〕51号"
    assert meta.title == "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知"
    assert meta.addressees == ["各县（市、区）人民政府", "泉州开发区管委会", "泉州台商投资区管委会",
                               "市人民政府各部门", "市人民政府各直属机构"]
    assert meta.signed_date == date(2018, 6, 12)
    assert meta.issuer == "泉州市人民政府办公室"
    assert meta.attachment_title == "2018年政务公开工作主要任务分解表"
    assert meta.cc == ["市委办公室", "市委各部门", "省部属驻泉各单位", "泉州军分区", "各人民团体", "市人大常委会办公室"]
    assert (meta.printing_office, meta.printed_date) == ("泉州市人民政府办公室", date(2018, 6, 13))


def test_one_paragraph_with_line_breaks_reads_like_separate_lines():
    meta = extract_notice_meta(doc("\n".join(p.text for p in PDF_LIKE.paragraphs())))
    assert meta.title == "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知"
    assert meta.signed_date == date(2018, 6, 12)


@pytest.mark.parametrize("written", ["泉政办[2018]51号", "泉政办［2018］51号", "泉政办（2018）51号", "泉政办(2018)51号",
                                     "泉政办【2018】51号", "泉政办〖2018〗51号", "泉政办﹝2018﹞51号",
                                     "泉政办〔2018〕 51 号", "泉政办〔2018〕第51号"])
def test_doc_number_bracket_forms(written):
    meta = extract_notice_meta(doc("泉州市人民政府办公室文件", written, "泉州市人民政府办公室关于某事的通知", "各部门："))
    assert (meta.doc_number, meta.doc_agency, meta.doc_year, meta.doc_serial) == ("泉政办〔2018〕51号", "泉政办", 2018, 51)
    assert meta.title == "泉州市人民政府办公室关于某事的通知"
    assert meta.addressees == ["各部门"]


def test_full_header_written_date_and_other_publicity():
    meta = extract_notice_meta(doc(
        "000123",
        "机密★1年",
        "特急",
        "福建省人民政府办公厅文件",
        "闽政办〔2018〕43号 签发人：张三",
        "福建省人民政府办公厅关于",
        "印发某某方案的",
        "通知",
        "各设区市人民政府，平潭综合实验区管委会，",
        "省直各单位：",
        "现将方案印发给你们，请认真贯彻执行。",
        "福建省人民政府办公厅",
        "二〇一八年六月十二日",
        "（此件依申请公开）",
        "附件",
        "某某工作任务分解表",
        EMPTY_TABLE,
        "抄送：省委办公厅。",
        "福建省人民政府办公厅",
        "2018年6月13日印发",
    ))
    assert meta == NoticeMeta(
        issuer="福建省人民政府办公厅", doc_number="闽政办〔2018〕43号", doc_agency="闽政办", doc_year=2018,
        doc_serial=43, title="福建省人民政府办公厅关于印发某某方案的通知",
        addressees=["各设区市人民政府", "平潭综合实验区管委会", "省直各单位"], signed_date=date(2018, 6, 12),
        publicity="依申请公开", attachment_title="某某工作任务分解表", cc=["省委办公厅"],
        printing_office="福建省人民政府办公厅", printed_date=date(2018, 6, 13), copy_no="000123",
        classification="机密★1年", urgency="特急", signer="张三",
    )


def test_header_tokens_on_one_line():
    meta = extract_notice_meta(doc("000123 秘密 加急", "某某局文件", "某局发〔2020〕7号", "某某局关于某事的意见"))
    assert (meta.copy_no, meta.classification, meta.urgency, meta.issuer) == ("000123", "秘密", "加急", "某某局")
    assert meta.title == "某某局关于某事的意见"


def test_body_dates_and_citations_are_not_metadata():
    meta = extract_notice_meta(doc(
        "某市人民政府文件",
        "某政〔2019〕5号",
        "某市人民政府关于某事的通知",
        "各区人民政府：",
        "按照某政办〔2018〕43号要求，于",
        "2019年6月30日",
        "前报送。",
        "某市人民政府",
        "2019年5月8日",
    ))
    assert meta.doc_number == "某政〔2019〕5号"
    assert meta.signed_date == date(2019, 5, 8)


def test_signature_and_date_on_one_line_and_attachment_note():
    meta = extract_notice_meta(doc(
        "某市人民政府办公室关于印发某方案的通知",
        "各区人民政府：",
        "现将方案印发给你们。",
        "附件：1. 某方案任务分解表",
        "某市人民政府办公室 2020年3月2日",
        "（此件发至县团级）",
    ))
    assert meta.title == "某市人民政府办公室关于印发某方案的通知"
    assert (meta.issuer, meta.signed_date) == ("某市人民政府办公室", date(2020, 3, 2))
    assert meta.attachment_title == "某方案任务分解表"
    assert meta.publicity is None  # a note about distribution, not publicity


def test_table_only_document_has_only_an_attachment_title():
    meta = extract_notice_meta(doc("政务公开工作任务", EMPTY_TABLE, source_format="docx"))
    assert meta == NoticeMeta(attachment_title="政务公开工作任务")


def test_empty_document():
    assert extract_notice_meta(doc()) == NoticeMeta()
