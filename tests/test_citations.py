"""Citations of other notices, checked against the seed text of 泉政办〔2018〕51号."""

from __future__ import annotations

from pathlib import Path

from pipeline.metadata.citations import Citation, find_citations

SEED = Path(__file__).parent / "fixtures" / "泉政办〔2018〕51号.txt"

EXPECTED = {
    "国办发〔2018〕23号": "国务院办公厅关于印发2018年政务公开工作要点的通知",
    "闽政办〔2018〕43号": "福建省人民政府办公厅关于印发2018年政务公开工作主要任务分解表的通知",
    "泉政办〔2018〕43号": "泉州市人民政府办公室关于印发泉州市推进重大建设项目批准和实施领域政府信息公开工作实施方案的通知",
    "泉政办〔2018〕42号": "泉州市人民政府办公室关于印发泉州市推进公共资源配置领域政府信息公开工作实施方案的通知",
    "泉政办〔2018〕41号": "泉州市人民政府办公室关于印发泉州市推进社会公益事业建设领域政府信息公开工作实施方案的通知",
    "泉政〔2017〕3号": "泉州市人民政府关于印发加快推进“互联网+政务服务”实施方案的通知",
    "闽政办〔2017〕65号": "福建省人民政府办公厅转发国务院办公厅关于印发政府网站发展指引的通知",
    "闽政办〔2016〕179号": "福建省12345便民服务平台监督管理办法",
    "泉政办〔2017〕184号": "泉州市人民政府办公室关于印发泉州市深化行政审批标准化改革实施方案的通知",
}


def test_every_citation_of_the_seed_with_its_title():
    found = find_citations(SEED.read_text(encoding="utf-8"), exclude="泉政办〔2018〕51号")
    assert {c.doc_number: c.title for c in found} == EXPECTED


def test_own_number_is_not_a_citation():
    assert find_citations("泉政办〔2018〕51号", exclude="泉政办〔2018〕51号") == []


def test_bare_number_has_no_title_and_duplicates_merge():
    text = "按照国办发〔2018〕23号要求，落实《要点》（国办发〔2018〕23 号）。"
    assert find_citations(text) == [Citation("国办发〔2018〕23号", "要点")]


def test_title_needs_the_bracket_to_hold_only_this_number():
    text = "《某通知》（闽政办〔2018〕43号、泉政办〔2018〕43号）"
    assert find_citations(text) == [Citation("闽政办〔2018〕43号", None), Citation("泉政办〔2018〕43号", None)]


def test_wrapped_pdf_text_and_ascii_brackets():
    text = "贯彻落实《泉州市人民政府关于印发加快推进\n“互联网+政务服务”实施方案的通知》(泉政〔2017〕3 号),大力推行"
    assert find_citations(text) == [
        Citation("泉政〔2017〕3号", "泉州市人民政府关于印发加快推进“互联网+政务服务”实施方案的通知")
    ]


def test_titled_law_without_number_is_no_citation():
    assert find_citations("贯彻落实《福建省政务数据管理办法》,加快整合") == []
