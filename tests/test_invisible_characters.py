"""Control and invisible format characters never reach the datasets, whichever
format carried them: a notice soiled with them gives the clean notice's rows.

The rule is :func:`cjk.text.repair`, which every reader applies to the text it
emits (docs/normalization.md, "Characters no reader sees"); these tests put the
characters where notices carry text (the title, a heading, a task, a unit cell)
in three formats and compare every row with the clean twin's.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractors import formats
from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from tests.conftest import FIXTURES
from tests.docxgen import make_docx
from tests.layout_docs import FULL_NOTICE, MERGED_UNITS
from tests.pdfbytes import Page, ToUnicodeFont, build

FILE_BOUND = {"doc_id", "sha256", "source_path"}
"""What names the file's bytes rather than the notice."""


def rows(data: bytes, name: str) -> dict[str, list[dict[str, Any]]]:
    converted = convert(data, name)
    return {dataset: [{k: v for k, v in record_dict(r).items() if k not in FILE_BOUND} for r in records]
            for dataset, records in converted.rows().items()}


def soil(text: str, replacements: dict[str, str]) -> str:
    """*text* with each clean piece replaced by its soiled spelling; a piece
    missing from *text* fails, so the soiled notice really differs."""
    for clean, dirty in replacements.items():
        assert clean in text, clean
        text = text.replace(clean, dirty)
    return text


def units(got: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [u["unit"] for u in got["task_units"]]


# --- DOCX ------------------------------------------------------------------------

FULL_NOTICE_SOILED = {
    "关于印发2019年全市政务公开": "关于印\u0085发2019年全市政\u200b务公开",  # NEL, zero-width space
    "推进决策公开": "推进\u009f决策公开",  # a C1 control in a section heading
    "扩大公众参与，重大决策预公开。": "扩大公众\u0090参与，重大\u00ad决策预公开。",  # C1; soft hyphen
    "市司法局": "市司\u200e法\ufeff局",  # left-to-right mark; a BOM inside the name
    "市直各部门": "\u2066市直各部门\u2069",  # a bidi isolate around the name
    "市政府办公厅(市政务公开办)": "市政府办公厅(市政务\u200d公开办)\u202c",  # zero-width joiner; pop formatting
}


@pytest.mark.parametrize(("body", "soiled"), [
    (FULL_NOTICE, FULL_NOTICE_SOILED),
    (MERGED_UNITS, {"市财政局": "市财\u200b政局", "市发改局": "市发\u0080改\u2060局"}),  # ZWSP; C1, word joiner
])
def test_docx_with_invisible_characters_gives_the_clean_rows(body, soiled):
    clean = rows(make_docx(body), "clean.docx")
    got = rows(make_docx(soil(body, soiled)), "soiled.docx")
    assert got == clean


def test_a_unit_name_with_a_zero_width_space_is_the_unit():
    """(Held on main before the C1 rule too: zero-width spaces were already removed.)"""
    got = rows(make_docx(soil(MERGED_UNITS, {"市财政局": "市财\u200b政局"})), "soiled.docx")
    assert "市财政局" in units(got)  # 5. 回应社会关切: 市发改局、市财政局等有关部门配合
    assert got["tasks"][4]["responsible_units"] == ["市发改局", "市财政局"]


def test_docx_title_heading_and_units_read_as_printed():
    """Written from the page of FULL_NOTICE, as a reader sees the soiled copy (the same)."""
    got = rows(make_docx(soil(FULL_NOTICE, FULL_NOTICE_SOILED)), "soiled.docx")
    assert got["documents"][0]["title"] == "厦门市人民政府办公厅关于印发2019年全市政务公开工作要点任务分工的通知"
    first = got["tasks"][0]
    assert (first["section_title"], first["title"]) == ("推进决策公开", "扩大公众参与，重大决策预公开")
    assert (first["lead_units"], first["responsible_units"]) == (["市司法局"], ["各区人民政府", "市直各部门"])
    assert got["tasks"][1]["lead_units"] == ["市政府办公厅（市政务公开办）", "市司法局"]


# --- HTML ------------------------------------------------------------------------

PAGE = FIXTURES / "web" / "国办发〔2018〕121号.html"


def test_web_page_with_invisible_characters_gives_the_clean_rows():
    """Raw characters and character references alike (``&#1;`` is a C0 control;
    ``&#x200B;`` a zero-width space)."""
    page = PAGE.read_text(encoding="utf-8")
    soiled = soil(page, {
        "加快发展体育竞赛表演产业": "加快\u0085发展体育\u200b竞赛表演产业",
        "大力发展职业赛事": "大力\u00ad发展\u200f职业赛事",
        "着力发展足球": "着力&#x200B;发展&#1;足球",
        "体育总局": "体育\u0090总\ufeff局",
    })
    clean = rows(PAGE.read_bytes(), PAGE.name)
    got = rows(soiled.encode("utf-8"), PAGE.name)
    assert got == clean
    assert got["documents"][0]["title"] == "国务院办公厅关于加快发展体育竞赛表演产业的指导意见"
    first = got["tasks"][0]
    assert first["title"] == "大力发展职业赛事" and first["requirement"].startswith("着力发展足球、篮球")
    assert first["responsible_units"][0] == "体育总局"


# --- PDF -------------------------------------------------------------------------

TITLE = "关于做好政务公开工作的通知"
TABLE = [["序号", "工作任务", "牵头单位", "完成时限"],
         ["1", "编制政务公开目录", "市财政局", "2019年6月底前"],
         ["2", "推进决策公开", "市司法局", "长期坚持"]]


def notice_pdf(soiled: dict[str, str]) -> bytes:
    """A title and a ruled task table whose font's ToUnicode maps each glyph to
    its character, or to the character with an invisible one beside it (*soiled*):
    what a text layer holds when the producer copied them from its source. The
    page is the same either way."""
    glyphs = dict.fromkeys(TITLE + "".join(cell for row in TABLE for cell in row))
    font = ToUnicodeFont({ch: soiled.get(ch, ch) for ch in glyphs}, base_font="SimSun")
    xs, tops = [70.0, 110.0, 270.0, 390.0, 520.0], [120.0, 150.0, 180.0, 210.0]
    page = Page().text(150, 80, font.encode(TITLE), size=16).grid(xs, tops)
    for row, top in zip(TABLE, tops, strict=False):
        for cell, x in zip(row, xs, strict=False):
            page.text(x + 4, top + 8, font.encode(cell), size=10.5)
    return build([page], font)


@pytest.mark.parametrize("engine", list(formats.PDF_ENGINES))
def test_pdf_text_layer_with_invisible_characters_gives_the_clean_rows(engine, monkeypatch):
    monkeypatch.setattr(formats, "FORMATS", list(formats.with_pdf_engine(formats.FORMATS, engine)))
    clean = rows(notice_pdf({}), "clean.pdf")
    got = rows(notice_pdf({"通": "通\x01", "财": "财\u200b", "政": "\u0090政", "编": "\u200e编"}), "soiled.pdf")
    assert got == clean
    assert got["documents"][0]["title"] == TITLE
    assert [(t["title"], t["lead_units"]) for t in got["tasks"]] == [
        ("编制政务公开目录", ["市财政局"]), ("推进决策公开", ["市司法局"])]
