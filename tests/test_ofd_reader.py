"""The OFD reader on its own: the glyphs and rules it hands to the layout stage.

The twins (tests/ofdgen.py) are written from what pdfplumber sees in the PDF
fixtures, so the reader must give back those characters and edges; the small
hand-written packages below each exercise one construct of the standard.
"""

from __future__ import annotations

import functools

import pdfplumber
import pytest

from extractors.ofd import read_ofd
from extractors.ofd.geometry import PT_PER_MM, Matrix, path_segments
from extractors.ofd.text import deltas
from tests.ofdgen import SOURCES, STYLES, build_ofd, page_xml, pdf_to_ofd, real_ofd, twin_path

TOLERANCE = 0.05
"""Points; the twins round millimetres to 0.001 (0.003 pt)."""


@functools.cache
def pdf_page_objects(name: str) -> list[tuple[list[dict], list[dict]]]:
    with pdfplumber.open(SOURCES[name]) as pdf:
        return [(page.chars, page.edges) for page in pdf.pages]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", list(SOURCES))
def test_twin_gives_back_the_pdf_characters_and_rules(name, style):
    pages = read_ofd(twin_path(name, style).read_bytes()).pages
    expected = pdf_page_objects(name)
    assert len(pages) == len(expected)
    for page, (chars, edges) in zip(pages, expected, strict=True):
        assert [g.text for g in page.glyphs] == [c["text"] for c in chars]
        for glyph, char in zip(page.glyphs, chars, strict=True):
            # In runs a glyph's width is its advance (capped at one em), not the font's.
            keys = ("x0", "top", "bottom", "size") + (("x1",) if style == "chars" else ())
            assert all(abs(getattr(glyph, k) - char[k]) < TOLERANCE for k in keys), (glyph, char["x1"])
        assert [s.orientation for s in page.segments] == [e["orientation"] for e in edges]
        for segment, edge in zip(page.segments, edges, strict=True):
            assert all(abs(getattr(segment, k) - edge[k]) < TOLERANCE for k in ("x0", "top", "x1", "bottom"))


@pytest.mark.parametrize("name", list(SOURCES))
def test_committed_twins_are_what_the_writer_makes(name):
    """A stale twin here: run ``python -m tests.ofdgen``."""
    pdf = SOURCES[name].read_bytes()
    for style in STYLES:
        assert twin_path(name, style).read_bytes() == pdf_to_ofd(pdf, style)


def test_compressed_deltas_expand_and_stop_at_the_run_length():
    assert deltas("g 3 2.5 1 g 2 0.5", 10) == [2.5, 2.5, 2.5, 1.0, 0.5, 0.5]
    assert deltas("g 1000000000 1", 4) == [1.0] * 4  # a hostile count inflates nothing
    assert deltas(None, 3) == []


def test_path_data_gives_its_straight_axis_pieces():
    # A line right, a cubic, a quadratic and an arc that only move the pen, a line
    # down, then the diagonal closing piece (not a rule).
    data = "M 0 0 L 10 0 B 1 1 2 2 3 3 Q 1 1 5 5 A 1 1 0 0 1 9 9 L 9 20 C"
    segments = path_segments(data, Matrix(), stroke=True, fill=False, line_width=0.5)
    assert [(s.orientation, s.x0, s.top, s.x1, s.bottom) for s in segments] == [
        ("h", 0, 0, 10, 0), ("v", 9, 9, 9, 20)]


def test_rectangles_thin_ones_collapse_to_their_centre_line():
    thin = "M 0 0 L 100 0 L 100 1 L 0 1 C"
    [rule] = path_segments(thin, Matrix(), stroke=False, fill=True, line_width=0)
    assert (rule.orientation, rule.x0, rule.top, rule.x1, rule.bottom, rule.width) == ("h", 0, 0.5, 100, 0.5, 1)
    box = path_segments("M 0 0 L 100 0 L 100 50 L 0 50 C", Matrix(), stroke=False, fill=True, line_width=0)
    assert sorted((s.orientation, s.x0, s.top, s.x1, s.bottom) for s in box) == [
        ("h", 0, 0, 100, 0), ("h", 0, 50, 100, 50), ("v", 0, 0, 0, 50), ("v", 100, 0, 100, 50)]
    assert path_segments("M 0 0 L 1 0 L 1 1 L 0 1 C", Matrix(), stroke=False, fill=True, line_width=0) == []
    assert path_segments("M 0 0 L 10 0 L 5 8 C", Matrix(), stroke=False, fill=True, line_width=0) == []
    assert path_segments(thin, Matrix(), stroke=False, fill=False, line_width=0) == []


def _text(text: str, x: float, y: float, *, attrs: str = "", code: str = "", size: float = 5.0) -> str:
    return (f'<ofd:TextObject ID="9" Boundary="{x} {y} 100 {size * 1.2}" Font="1" Size="{size}" {attrs}>'
            f'<ofd:TextCode X="0" Y="{size}" {code}>{text}</ofd:TextCode></ofd:TextObject>')


def _rule(y: float) -> str:
    return (f'<ofd:PathObject ID="8" Boundary="20 {y} 170 1" LineWidth="0.3">'
            '<ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject>')


def _page_text(page) -> str:
    return "".join(g.text for g in page.glyphs)


def test_ctm_scales_points_into_millimetres():
    """Object space in points, a CTM of 25.4/72 (the 收文处理单 producer's way)."""
    obj = ('<ofd:TextObject ID="9" Boundary="30 40 50 10" CTM="0.3528 0 0 0.3528 0 0" Font="1" Size="12">'
           '<ofd:TextCode X="0" Y="12" DeltaX="g 2 12">来文号</ofd:TextCode></ofd:TextObject>')
    [page] = read_ofd(build_ofd([page_xml(obj)], {"SimSun": 1})).pages
    first, second, _ = page.glyphs
    assert first.size == pytest.approx(12, abs=0.01)
    assert first.x0 == pytest.approx(30 * PT_PER_MM, abs=0.01)
    assert first.bottom == pytest.approx((40 + 12 * 0.3528) * PT_PER_MM, abs=0.01)
    assert second.x0 - first.x0 == pytest.approx(12, abs=0.01)


def test_nested_page_blocks_and_the_page_own_area():
    nested = f'<ofd:PageBlock ID="2"><ofd:PageBlock ID="3">{_text("通知", 20, 30)}</ofd:PageBlock></ofd:PageBlock>'
    [page] = read_ofd(build_ofd([page_xml(nested, area="0 0 297 210")], {"SimSun": 1})).pages
    assert _page_text(page) == "通知"
    assert (page.width, page.height) == pytest.approx((297 * PT_PER_MM, 210 * PT_PER_MM))


def test_hscale_and_char_direction():
    wide = _text("一二", 20, 30, attrs='HScale="0.5"', code='DeltaX="5"')
    turned = _text("竖", 20, 60, attrs='CharDirection="90"')
    [page] = read_ofd(build_ofd([page_xml(wide + turned)], {"SimSun": 1})).pages
    first, _, vertical = page.glyphs
    assert first.x1 - first.x0 == pytest.approx(2.5 * PT_PER_MM)  # an em of a half-width face
    assert first.upright and not vertical.upright


def test_weight_marks_a_face_bold_through_its_name():
    [page] = read_ofd(build_ofd([page_xml(_text("标题", 20, 30, attrs='Weight="700"'))], {"SimSun": 1})).pages
    assert page.glyphs[0].fontname == "SimSun-Bold"


def test_template_on_every_page_is_furniture_but_a_one_page_template_is_content():
    header = page_xml(_text("内部资料", 20, 10) + _rule(20))
    masthead = page_xml(_text("某某市人民政府文件", 20, 40))
    templates = ('<ofd:TemplatePage ID="50" BaseLoc="Tpls/Header.xml"/>'
                 '<ofd:TemplatePage ID="51" BaseLoc="Tpls/Masthead.xml"/>')
    uses = '<ofd:Template TemplateID="50"/>'
    pages = [page_xml(_text("正文一", 20, 80), extra=uses + '<ofd:Template TemplateID="51" ZOrder="Foreground"/>'),
             page_xml(_text("正文二", 20, 80), extra=uses)]
    ofd = build_ofd(pages, {"SimSun": 1}, common_extra=templates,
                    extra_parts={"Doc_0/Tpls/Header.xml": header, "Doc_0/Tpls/Masthead.xml": masthead})
    first, second = read_ofd(ofd).pages
    assert _page_text(first) == "正文一某某市人民政府文件"  # the foreground template drawn last
    assert _page_text(second) == "正文二"
    assert [len(p.segments) for p in (first, second)] == [1, 1]  # the header's rule stays


def test_doc_info_and_what_is_left_out():
    spec, form, seal = (read_ofd(real_ofd(name)) for name in (
        "ofd-spec-excerpt-with-tables", "收文处理单-form", "路卫发〔2011〕76号-demo-with-seal"))
    assert (spec.info.title, spec.info.author, spec.info.creation_date, spec.info.creator) == (
        "11.4 字型变换", "朱文荣", "2012-06-05", "suwell ofd maker")
    assert [len(r.pages) for r in (spec, form, seal)] == [4, 1, 2]
    assert spec.warnings == []
    assert form.warnings == ["OFD carries 4 annotations (stamps, comments): not part of the page text, not read"]
    assert seal.warnings == ["OFD carries 1 electronic seal/signature (Signs/): not text, not read"]
    # The FreeText annotation's words are not page text.
    assert "测试文本注释" not in _page_text(form.pages[0])
