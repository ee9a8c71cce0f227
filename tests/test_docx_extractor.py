"""DOCX constructs that python-docx's convenience API gets wrong, read right."""

from __future__ import annotations

import pytest

from extractors.docx import extract_docx
from extractors.model import Paragraph, Table
from tests.conftest import QZB
from tests.docxgen import make_docx, p, tbl, tc, tr


def paragraphs(data: bytes) -> list[str]:
    return [b.text for b in extract_docx(data).blocks if isinstance(b, Paragraph)]


def test_tracked_insertions_kept_and_deletions_dropped():
    body = ('<w:p><w:r><w:t>市财政局</w:t></w:r>'
            '<w:ins w:id="1" w:author="a"><w:r><w:t>牵头</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>配合</w:delText></w:r></w:del></w:p>')
    assert paragraphs(make_docx(body)) == ["市财政局牵头"]


def test_content_controls_and_smart_tags_are_transparent():
    body = ('<w:sdt><w:sdtContent>' + p("块级内容控件") + '</w:sdtContent></w:sdt>'
            '<w:p><w:sdt><w:sdtContent><w:r><w:t>行内</w:t></w:r></w:sdtContent></w:sdt>'
            '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能标记</w:t></w:r></w:smartTag></w:p>')
    assert paragraphs(make_docx(body)) == ["块级内容控件", "行内智能标记"]


def test_alternate_content_read_once():
    body = ('<w:p><w:r><w:t>正文</w:t></w:r><mc:AlternateContent><mc:Choice Requires="wps">'
            '<w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback>'
            '</mc:AlternateContent></w:p>')
    assert paragraphs(make_docx(body)) == ["正文甲"]


def test_merged_cells_become_spans_not_copies():
    body = tbl(
        tr(tc("工作任务"), tc("具体要求"), tc("责任部门"), trpr="<w:tblHeader/>"),
        tr(tc("一、做好财政信息公开", '<w:vMerge w:val="restart"/>'), tc("1.预算公开"), tc("财务科")),
        tr(tc("", "<w:vMerge/>"), tc("2.决算公开"), tc("财务科")),
        tr(tc("二、全宽标题", '<w:gridSpan w:val="3"/>')),
        n_cols=3,
    )
    table = next(extract_docx(make_docx(body)).tables())
    assert table.rows[0].is_header and not table.rows[1].is_header
    first = table.rows[1].cells[0]
    assert (first.text, first.row_span, first.col_span) == ("一、做好财政信息公开", 2, 1)
    assert [c.col for c in table.rows[2].cells] == [1, 2]  # no copy of the merged cell
    grid = table.grid()
    assert grid[2][0].covered and grid[2][0].text == "一、做好财政信息公开"
    assert grid[3][2].covered and grid[3][2].cell.col_span == 3


def test_grid_before_shifts_cells():
    body = tbl(tr(tc("甲"), tc("乙"), tc("丙")), tr(tc("丁"), trpr='<w:gridBefore w:val="2"/>'), n_cols=3)
    table = next(extract_docx(make_docx(body)).tables())
    assert table.rows[1].cells[0].col == 2
    assert table.grid()[1][0] is None


def test_nested_tables_are_kept():
    inner = tbl(tr(tc("内表")), n_cols=1)
    body = tbl(tr(f"<w:tc>{p('外表')}{inner}</w:tc>"), n_cols=1)
    doc = extract_docx(make_docx(body))
    outer = doc.blocks[0]
    assert isinstance(outer, Table) and outer.rows[0].cells[0].text == "外表"
    assert [t.rows[0].cells[0].text for t in doc.tables()] == ["外表", "内表"]


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
"""


def numbered(text: str, level: int) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>')


def test_list_numbering_is_rendered():
    body = (numbered("总体要求", 0) + numbered("指导思想", 1) + numbered("细则", 2) + numbered("再细", 2)
            + numbered("基本原则", 1) + numbered("细则", 2) + numbered("重点任务", 0) + numbered("公开", 1))
    assert paragraphs(make_docx(body, numbering=NUMBERING)) == [
        "一、总体要求", "（一）指导思想", "1.细则", "2.再细", "（二）基本原则", "1.细则", "二、重点任务", "（一）公开",
    ]


def test_numbering_from_paragraph_style():
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
              '<w:rPr><w:b/></w:rPr></w:style>')
    body = p("第一部分", '<w:pStyle w:val="H1"/>') + p("第二部分", '<w:pStyle w:val="H1"/>')
    doc = extract_docx(make_docx(body, numbering=NUMBERING, styles=styles))
    assert [(b.text, b.bold) for b in doc.paragraphs()] == [("一、第一部分", True), ("二、第二部分", True)]


def test_each_file_reads_its_own_styles():
    """Styles parts are read once per process for the files of one template;
    a file whose styles differ under the same part name still gets its own."""
    bold_h1 = '<w:style w:type="paragraph" w:styleId="H1"><w:rPr><w:b/></w:rPr></w:style>'
    plain_h1 = '<w:style w:type="paragraph" w:styleId="H1"><w:rPr><w:b w:val="0"/></w:rPr></w:style>'
    body = p("第一部分", '<w:pStyle w:val="H1"/>')
    for styles, bold in [(bold_h1, True), (plain_h1, False), (bold_h1, True)]:
        doc = extract_docx(make_docx(body, styles=styles))
        assert [(b.text, b.bold) for b in doc.paragraphs()] == [("第一部分", bold)]


def test_sample_notice_reads_in_body_order():
    doc = extract_docx((QZB / "泉政办〔2018〕51号.docx").read_bytes())
    kinds = ["T" if isinstance(b, Table) else "P" for b in doc.blocks]
    first_table = kinds.index("T")
    assert kinds.count("T") == 1 and "P" in kinds[first_table + 1:]  # 版记 after the table
    assert doc.blocks[first_table - 1].text == "2018年政务公开工作主要任务分解表"
    table = doc.blocks[first_table]
    assert table.rows[0].is_header and table.n_cols == 4
    assert table.rows[1].cells[0].col_span == 4  # section row merged across the table


TEXT_BOX_DRAWING = (
    '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
    '<w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
)
TEXT_BOX_VML = ('<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
                '<w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict>')


@pytest.mark.parametrize("run_content", [
    TEXT_BOX_DRAWING,  # Word 2007's DrawingML shape
    TEXT_BOX_VML,  # VML, as WPS and old Word write it
    # Word 2010+: the shape and a VML copy of it for older readers, which is not read twice
    f"<mc:AlternateContent><mc:Choice Requires=\"wps\">{TEXT_BOX_DRAWING}</mc:Choice>"
    f"<mc:Fallback>{TEXT_BOX_VML}</mc:Fallback></mc:AlternateContent>",
])
def test_text_box_paragraphs_follow_the_paragraph_anchoring_them(run_content):
    box = p("（此件公开发布）") + p("泉州市人民政府办公室")
    body = ('<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:t>末段</w:t></w:r>'
            f"<w:r>{run_content.replace('{}', box)}</w:r></w:p>" + p("抄送：市委办公室"))
    assert paragraphs(make_docx(body)) == ["正文末段", "（此件公开发布）", "泉州市人民政府办公室", "抄送：市委办公室"]
