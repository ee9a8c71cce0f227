"""The HTML reader: encodings, the document model it builds, the site chrome it
drops, hostile pages, and DOCX = HTML on notices published as web pages."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.formats import detect
from extractors.html import extract_html
from extractors.html.encoding import decode_html
from extractors.model import ExtractionError, Paragraph, Table
from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from tests.conftest import CORPUS, FIXTURES, QZB
from tests.expected.real_layouts import JIANGMEN, TAISHAN

SITE = FIXTURES / "web" / "site"


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def paragraphs(data: bytes) -> list[str]:
    return [b.text for b in extract_html(data).blocks if isinstance(b, Paragraph)]


# --- encodings ---------------------------------------------------------------

TEXT = "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知，朱镕基"
"""镕 is in GBK but not in GB2312: pages labelled GB2312 contain such characters."""


@pytest.mark.parametrize(("data", "why"), [
    (f"<p>{TEXT}</p>".encode("gbk"), "GBK bytes, no declaration: detected"),
    (f"<meta charset=gb2312><p>{TEXT}</p>".encode("gbk"), "labelled GB2312, GBK inside: read as GB18030"),
    (f'<meta http-equiv="Content-Type" content="text/html; charset=GBK"><p>{TEXT}</p>'.encode("gbk"), "http-equiv"),
    (f"<meta charset=utf-8><p>{TEXT}</p>".encode("gbk"), "declared UTF-8, bytes GBK: the declaration loses"),
    (f"<meta charset=iso-8859-1><p>{TEXT}</p>".encode("gbk"), "declared Latin-1: proves nothing"),
    (f"<meta charset=gbk><p>{TEXT}</p>".encode(), "declared GBK, bytes UTF-8"),
    (f"<p>{TEXT}</p>".encode(), "UTF-8 without a declaration (gov.cn's fragments)"),
    (f"\ufeff<p>{TEXT}</p>".encode("utf-16-le"), "UTF-16 with its BOM"),
    (b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode(), "UTF-8 BOM"),
    (f'<?xml version="1.0" encoding="gb18030"?><html><p>{TEXT}</p></html>'.encode("gb18030"), "XHTML declaration"),
])
def test_no_mojibake_whatever_the_page_says(data, why):
    assert TEXT in decode_html(data), why
    assert paragraphs(data) == [TEXT], why


def test_gbk_page_without_charset_reads_as_its_docx():
    """A city site's page in GBK bytes with no charset anywhere: the 台山 notice, rows as published."""
    data = (SITE / "台山-政务公开工作任务.gbk.html").read_bytes()
    assert b"charset" not in data.lower()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    converted = convert(data, "台山.html")
    assert [{f: getattr(t, f) for f in TAISHAN[0]} for t in converted.tasks] == TAISHAN


# --- the document model --------------------------------------------------------

def test_spans_on_the_html_table_grid():
    data = page("""<table border=1>
      <tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>责任单位</th></tr>
      <tr><td colspan=4>一、推进决策公开</td></tr>
      <tr><td>1</td><td rowspan=2>扩大公众参与</td><td>市司法局</td><td rowspan="3">各区人民政府<br>市直各部门</td></tr>
      <tr><td>2</td><td>市政府办公室</td></tr>
      <tr><td>3</td><td colspan="2">市数据局</td></tr>
    </table>""")
    [table] = extract_html(data).blocks
    assert isinstance(table, Table) and table.n_cols == 4
    grid = [[(s.text, s.covered) if s else None for s in row] for row in table.grid()]
    assert grid == [
        [("序号", False), ("工作任务", False), ("牵头单位", False), ("责任单位", False)],
        [("一、推进决策公开", False), ("一、推进决策公开", True), ("一、推进决策公开", True), ("一、推进决策公开", True)],
        [("1", False), ("扩大公众参与", False), ("市司法局", False), ("各区人民政府\n市直各部门", False)],
        [("2", False), ("扩大公众参与", True), ("市政府办公室", False), ("各区人民政府\n市直各部门", True)],
        [("3", False), ("市数据局", False), ("市数据局", True), ("各区人民政府\n市直各部门", True)],
    ]
    assert table.rows[0].is_header and not table.rows[2].is_header


def test_blocks_breaks_and_whitespace():
    data = page("""<div>  版头
      <p style="text-align:center"><b>关于印发  工作要点</b><span>的通知</span></p>
      <p>第一行<br>第二行<br/>  <br></p><p>   </p><p>&nbsp;</p>
      <ul><li>甲</li><li>乙 &amp; &lt;script&gt;丙 &#x110000;&#0;</li></ul>
      <pre>  保留
  换行</pre>尾巴</div>""")
    blocks = extract_html(data).blocks
    assert [b.text for b in blocks] == ["版头", "关于印发 工作要点的通知", "第一行\n第二行", "甲", "乙 & <script>丙",
                                        "保留\n换行", "尾巴"]
    assert blocks[1].align == "center" and blocks[1].bold is False


def test_a_layout_table_is_read_as_running_content():
    """Template grids: one column, or tables nested in tables."""
    data = page("""<table><tr><td><p>正文第一段。</p>
        <table><tr><td>牵头单位</td><td>责任单位</td></tr><tr><td>市司法局</td><td>各区</td></tr></table>
        <p>正文第二段。</p></td></tr></table>""")
    blocks = extract_html(data).blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert blocks[1].rows[1].cells[0].text == "市司法局"


# --- site chrome ---------------------------------------------------------------

CHROME = ["无障碍浏览", "English", "请输入关键字", "互动交流", "人事信息", "当前位置", "您现在的位置", "分享到", "打印本页",
          "关闭窗口", "打印 关闭", "扫一扫", "统计代码", "相关阅读", "ICP备", "版权所有", "技术支持", "网站标识码"]
"""Text of the templates around the fixtures' notices (navigation, sidebar, breadcrumb, bars, footer, scripts)."""


@pytest.mark.parametrize("name", sorted(p.name for p in SITE.glob("*.html")))
def test_site_chrome_is_dropped(name):
    document = extract((SITE / name).read_bytes())
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    texts += [c.text for t in document.tables() for r in t.rows for c in r.cells]
    assert texts and not [(word, t) for t in texts for word in CHROME if word in t]


def test_gov_cn_page_keeps_its_metadata_table_and_drops_the_qr_code():
    document = extract((FIXTURES / "web" / "国令第707号.html").read_bytes())
    first = document.blocks[0]
    assert isinstance(first, Table) and first.rows[0].cells[0].text == "索引号："
    assert not any("扫一扫" in p.text for p in document.paragraphs())


# --- DOCX = HTML -----------------------------------------------------------------

FORMAT_BOUND = {"doc_id", "sha256", "source_path", "source_format", "page_start", "page_end"}
PAGE_ONLY = {"published_date", "index_no", "subject"}


def rows(data: bytes, name: str) -> dict[str, list[dict]]:
    c = convert(data, name)
    def strip(records):
        return [{k: v for k, v in record_dict(r).items() if k not in FORMAT_BOUND} for r in records]
    return {"documents": strip([c.document]), "tasks": strip(c.tasks), "task_units": strip(c.task_units),
            "citations": strip(c.citations)}


@pytest.mark.parametrize(("page_name", "docx"), [
    ("泉政办〔2018〕51号.gb2312.html", QZB / "泉政办〔2018〕51号.docx"),
    ("台山-政务公开工作任务.gbk.html", CORPUS / "台山-政务公开工作任务.docx"),
    ("江门-政府信息公开工作任务.html", CORPUS / "江门-政府信息公开工作任务.docx"),
])
def test_a_notice_published_as_a_page_gives_its_docx_rows(page_name, docx):
    web, word = rows((SITE / page_name).read_bytes(), page_name), rows(docx.read_bytes(), docx.name)
    for dataset in ("tasks", "citations"):
        assert web[dataset] == word[dataset], dataset
    # A unit's region comes from the issuer, which only the portal's table names
    # for 江门 (市直 units of a page without an issuer have no region).
    by_issuer = {"unit_canonical", "unit_region"}
    assert [{k: v for k, v in u.items() if k not in by_issuer} for u in web["task_units"]] == \
        [{k: v for k, v in u.items() if k not in by_issuer} for u in word["task_units"]]
    assert len(web["tasks"]) in (42, 5, 10)
    page_fields = PAGE_ONLY | {"issuer", "title"}  # the portal's table names what the 江门 table does not
    def same(d):
        return {k: v for k, v in d.items() if k not in page_fields}
    assert same(web["documents"][0]) == same(word["documents"][0])


def test_provincial_metadata_tables():
    jiangmen = convert((SITE / "江门-政府信息公开工作任务.html").read_bytes(), "jm.html").document
    assert (jiangmen.index_no, jiangmen.subject, jiangmen.issuer, jiangmen.title, str(jiangmen.published_date)) == (
        "007021568/2021-00131", "政务公开", "江门市公共资源交易中心", "政府信息公开工作任务", "2021-04-02")
    assert [t.title for t in convert((SITE / "江门-政府信息公开工作任务.html").read_bytes(), "jm").tasks] == \
        [t["title"] for t in JIANGMEN]
    quanzhou = convert((SITE / "泉政办〔2018〕51号.gb2312.html").read_bytes(), "qz.html").document
    assert (quanzhou.index_no, quanzhou.issuer, quanzhou.doc_number, quanzhou.published_date) == (
        "FJ00101-0202-2018-00051", "泉州市人民政府办公室", "泉政办〔2018〕51号", None)  # 生成日期 is no 发布日期


# --- hostile pages ----------------------------------------------------------------

def code_of(data: bytes) -> str:
    with pytest.raises(ExtractionError) as info:
        extract(data)
    return info.value.code


def test_deeply_nested_markup_is_refused():
    assert code_of(page("<div>" * 300 + "正文" + "</div>" * 300)) == "html_too_deep"


def test_entity_declarations_are_refused():
    data = b'<!DOCTYPE html [<!ENTITY a "AAAA"><!ENTITY b "&a;&a;&a;&a;">]><html><body><p>&b;</p></body></html>'
    assert code_of(data) == "hostile_html"


def test_binary_named_html():
    assert code_of(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20) == "unsupported_format"
    assert code_of(b"<html><body>" + bytes(range(256)) * 20) == "undecodable_html"


@pytest.mark.parametrize("data", [
    b"\xff\xfe" + "<p>正文\x01\x02\x03".encode("utf-16-le"),
    b"\xef\xbb\xbf<p>" + bytes(range(1, 9)),
    b"<meta charset=gbk><p>" + bytes(range(1, 9)),
], ids=["UTF-16 BOM", "UTF-8 BOM", "declared GBK"])
def test_binary_content_is_refused_whatever_chose_the_encoding(data):
    """Controls no text has, decoded under a BOM or a declaration: still binary."""
    assert code_of(data) == "undecodable_html"


@pytest.mark.parametrize("control", ["\x0b", "\x0c", "\x1b"])
def test_controls_lxml_refuses_in_text_are_read(control):
    """Vertical tab, form feed and ESC pass the decoder, but lxml refuses them in
    text it sets (a hidden element's tail joining its parent): read as the
    browser shows them, not an internal error."""
    data = page(f"<p>正文一</p><div hidden>x</div>{control}正文二<p>2018{control}年</p>")
    assert paragraphs(data) == ["正文一", "正文二", "2018年" if control == "\x1b" else "2018 年"]


def test_huge_pages_are_refused(monkeypatch):
    import extractors.html as reader

    monkeypatch.setattr(reader, "MAX_HTML_BYTES", 10_000)
    assert code_of(page("<p>正文</p>" * 2000)) == "html_too_large"
    monkeypatch.undo()
    monkeypatch.setattr(reader, "MAX_ELEMENTS", 1000)
    assert code_of(page("<p>正文</p>" * 2000)) == "html_too_large"


def test_span_bombs_are_refused():
    rows_ = "<tr><td rowspan=65534 colspan=1000>x</td><td>y</td></tr>" + "<tr><td>z</td><td>w</td></tr>" * 300
    assert code_of(page(f"<table>{rows_}</table>")) == "html_too_large"


def test_pages_without_text():
    assert code_of(page("<script>document.write('正文')</script><iframe src='a.html'></iframe>")) == "html_no_content"


def sniff(data: bytes) -> str | None:
    fmt = detect(data)
    return fmt.name if fmt else None


def test_content_decides_the_format():
    assert sniff(b'<div class="wrap" style=" font-family:\xe5\xae\x8b\xe4\xbd\x93">') == "html"
    assert sniff(b"\n\n<!DOCTYPE HTML PUBLIC '-//W3C//DTD HTML 4.01//EN'>") == "html"
    assert sniff(b"<!-- saved from url=(0014)about:internet -->\n<html>") == "html"
    assert sniff("\ufeff<html>".encode("utf-16-le")) == "html"
    assert sniff(b"%PDF-1.7 <html>") == "pdf"
    assert sniff(b"<note><to>x</to></note>") is None


# --- batch runs ---------------------------------------------------------------------

def test_build_reads_saved_pages(tmp_path):
    """Every page suffix is picked up; the manifest names the format read, by content."""
    import pandas as pd

    from pipeline.cli import EXIT_FAILED, main

    source = tmp_path / "in"
    source.mkdir()
    data = (FIXTURES / "web" / "国发〔2019〕5号.html").read_bytes()
    for i, suffix in enumerate((".html", ".htm", ".shtml", ".xhtml")):
        (source / f"page{i}{suffix}").write_bytes(data + b"<!-- %d -->" % i)
    (source / "broken.html").write_bytes(b"<html><body>" + bytes(range(256)))
    assert main(["build", str(source), str(tmp_path / "out"), "-j", "1", "-q"]) == EXIT_FAILED
    manifest = pd.read_parquet(tmp_path / "out" / "manifest.parquet").set_index("source_path")
    assert manifest.loc["broken.html", "error_code"] == "undecodable_html"
    pages = manifest.drop(index="broken.html")
    assert len(pages) == 4 and set(pages.status) == {"ok"} and set(pages.source_format) == {"html"}
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert set(documents.doc_number) == {"国发〔2019〕5号"} and set(documents.index_no) == {"000014349/2019-00007"}
