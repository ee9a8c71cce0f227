"""What viewers tolerate in real OFD packages, read the same here (docs/ofd.md):
references that miss the standard's reading (letter case, ``/``, ``./``,
``\\``, the root instead of the naming part's folder), resource parts and
templates the package lacks, text drawn by ``CompositeObject``s, and drawing
order. And what tolerance must not let through: ``../`` out of the package,
units drawing themselves or each other without end.

Expected values of the real files (tests/fixtures/ofd/README.md) are read off
their XML.
"""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.model import ExtractionError, Paragraph
from extractors.ofd import read_ofd
from extractors.ofd.content import MAX_UNIT_OBJECTS
from extractors.ofd.geometry import PT_PER_MM
from extractors.ofd.parts import PartNames
from tests.ofdgen import build_ofd, composite_res, page_xml, real_ofd, renamed

TEXT = ('<ofd:TextObject ID="2" Boundary="20 20 100 8" Font="1" Size="5">'
        '<ofd:TextCode X="0" Y="5">通知</ofd:TextCode></ofd:TextObject>')


def _text(page) -> str:
    return "".join(g.text for g in page.glyphs)


def _code(data: bytes) -> ExtractionError:
    with pytest.raises(ExtractionError) as info:
        read_ofd(data)
    return info.value


# -- which part a reference names ---------------------------------------------------
def test_a_reference_is_found_whatever_its_case_and_separators():
    parts = PartNames(["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Tpls/Tpl_0/Content.xml"])
    page = "Doc_0/Pages/Page_0/Content.xml"
    assert parts.locate("Doc_0/Document.xml", "Pages/Page_0/content.xml") == page
    assert parts.locate("Doc_0/Document.xml", "TPLS/Tpl_0/Content.xml") == "Doc_0/Tpls/Tpl_0/Content.xml"
    assert parts.locate("Doc_0/Document.xml", "/Doc_0/Pages/Page_0/Content.xml") == page
    assert parts.locate("Doc_0/Document.xml", "./Pages/Page_0/Content.xml") == page
    assert parts.locate("Doc_0/Document.xml", "Pages\\Page_0\\Content.xml") == page
    assert parts.locate("Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml") == page  # from the root
    assert parts.locate("Doc_0/Pages/Page_0/Content.xml", "Document.xml") == "Doc_0/Document.xml"  # a folder up
    assert parts.locate("Doc_0/Document.xml", "Pages/Page_1/Content.xml") is None


def test_the_standard_reading_comes_first_and_an_ambiguous_case_matches_nothing():
    parts = PartNames(["Doc_0/Res/a.png", "Res/a.png", "Doc_0/Res/B.png", "Doc_0/Res/b.PNG"])
    assert parts.locate("Doc_0/Res.xml", "Res/a.png") == "Doc_0/Res/a.png"
    assert parts.locate("Doc_0/Res.xml", "/Res/a.png") == "Res/a.png"
    assert parts.locate("Doc_0/Res.xml", "Res/b.png") is None


def test_entry_names_with_backslashes_are_found():
    assert PartNames(["Doc_0\\Pages\\Page_0\\Content.xml"]).locate(
        "Doc_0/Document.xml", "Pages/Page_0/Content.xml") == "Doc_0\\Pages\\Page_0\\Content.xml"


def test_a_package_whose_parts_differ_in_case_from_their_references():
    """Every part stored in another case than OFD.xml and Document.xml name it."""
    template = page_xml(TEXT.replace("通知", "抬头").replace('Boundary="20 20', 'Boundary="20 10'))
    ofd = build_ofd([page_xml(TEXT, extra='<ofd:Template TemplateID="9"/>')], {"SimSun": 1},
                    common_extra='<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>',
                    extra_parts={"Doc_0/Tpls/Tpl_0/Content.xml": template})
    ofd = renamed(ofd, {"Doc_0/Document.xml": "DOC_0/document.xml",
                        "Doc_0/Pages/Page_0/Content.xml": "DOC_0/pages/page_0/content.xml",
                        "Doc_0/PublicRes.xml": "DOC_0/PUBLICRES.XML", "Doc_0/Tpls/Tpl_0/Content.xml": "DOC_0/TPLS/TPL_0/CONTENT.XML"})
    read = read_ofd(ofd)
    assert _text(read.pages[0]) == "抬头通知"
    assert read.pages[0].glyphs[0].fontname == "SimSun"  # the resource part was found too
    assert read.warnings == []


@pytest.mark.parametrize("ref", ["/Doc_0/Pages/Page_0/Content.xml", "./Pages/Page_0/Content.xml",
                                 "Pages\\Page_0\\Content.xml", "Doc_0/Pages/Page_0/Content.xml"])
def test_page_references_viewers_follow(ref):
    assert _text(read_ofd(build_ofd([page_xml(TEXT)], {"SimSun": 1}, base_locs=[ref])).pages[0]) == "通知"


@pytest.mark.parametrize("ref", ["../Doc_0/Pages/Page_0/Content.xml", "../../Doc_0/Pages/Page_0/Content.xml",
                                 "/../Doc_0/Pages/Page_0/Content.xml", "..\\..\\Doc_0\\Pages\\Page_0\\Content.xml"])
def test_tolerance_never_climbs_out_of_the_package(ref):
    """``../`` from Doc_0/ is the root, still inside; one more climbs out and is
    refused, although a fallback reading would find the page."""
    if ref.startswith("../Doc_0"):
        assert _text(read_ofd(build_ofd([page_xml(TEXT)], {"SimSun": 1}, base_locs=[ref])).pages[0]) == "通知"
    else:
        assert _code(build_ofd([page_xml(TEXT)], {"SimSun": 1}, base_locs=[ref])).code == "hostile_path"


def test_invoice_whose_template_is_named_in_another_case():
    """Document.xml names TPLS/Tpl_0/Content.xml, stored as Doc_0/Tpls/…: the
    template's labels (发票号码：, 价税合计（大写）) are read with the page's values."""
    document = extract(real_ofd("invoice-template-named-in-other-case"))
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("重庆增值税电子普通发票")
    assert "发票号码：99999951" in paragraphs
    cells = [c.text for table in document.tables() for row in table.rows for c in row.cells]
    assert "价税合计（大写）" in cells
    assert any(c.startswith("名称：科游迈利有限公司") for c in cells)


# -- what the package lacks ---------------------------------------------------------
def test_a_missing_resource_part_is_read_without_and_said():
    """ofdrw's Page5.ofd names PublicRes.xml and holds none: five pages of
    boxes, read (their rules), with a warning; no text, so no_text_layer."""
    data = real_ofd("boxes-without-public-res")
    read = read_ofd(data)
    assert len(read.pages) == 5
    assert read.warnings == ["Doc_0/Document.xml names the resource part 'PublicRes.xml', which the package does"
                             " not hold: read without its fonts, images and graphics"]
    # Page 1's first stroked box: Boundary 69.647 5, path from (0.1765, 0.1765) to (70.5295, 30.5295).
    top = [s for s in read.pages[0].segments if s.orientation == "h" and abs(s.top - 5.1765 * PT_PER_MM) < 0.01]
    assert [(round(s.x0 / PT_PER_MM, 4), round(s.x1 / PT_PER_MM, 4)) for s in top] == [(69.8235, 140.1765)]
    with pytest.raises(ExtractionError) as info:
        extract(data)
    assert info.value.code == "no_text_layer"
    assert "neither text nor images" in info.value.message


def test_a_missing_or_undeclared_template_is_drawn_without():
    pages = [page_xml(TEXT, extra='<ofd:Template TemplateID="9"/>'), page_xml(TEXT, extra='<ofd:Template TemplateID="7"/>')]
    read = read_ofd(build_ofd(pages, {"SimSun": 1}, common_extra='<ofd:TemplatePage ID="9" BaseLoc="Tpls/T.xml"/>'))
    assert [_text(p) for p in read.pages] == ["通知", "通知"]
    assert read.warnings == [
        "Doc_0/Document.xml names the template page 'Tpls/T.xml', which the package does not hold: pages drawn without it",
        "page 2 uses template '7', which the document does not declare: drawn without it"]


def test_a_missing_page_is_still_corrupt():
    error = _code(build_ofd([page_xml(TEXT)], {"SimSun": 1}, base_locs=["Pages/Page_9/Content.xml"]))
    assert (error.code, str(error)) == ("corrupt_ofd", "Doc_0/Document.xml names page 1 'Pages/Page_9/Content.xml'"
                                        " (Doc_0/Pages/Page_9/Content.xml), which the package does not hold")


# -- CompositeObject ----------------------------------------------------------------
def _composite(unit: int, *, attrs: str = 'Boundary="10 20 100 100"') -> str:
    return f'<ofd:CompositeObject ID="{unit + 1000}" {attrs} ResourceID="{unit}"/>'


def _with_units(layer: str, units: dict[int, str]) -> bytes:
    return build_ofd([page_xml(layer)], {"SimSun": 1}, common_extra="<ofd:DocumentRes>Units.xml</ofd:DocumentRes>",
                     extra_parts={"Doc_0/Units.xml": composite_res(units)})


UNIT_TEXT = ('<ofd:TextObject ID="3" Boundary="2 3 50 8" Font="1" Size="4">'
             '<ofd:TextCode X="1" Y="4">盖章</ofd:TextCode></ofd:TextObject>')


def test_composite_object_draws_its_unit_through_its_ctm_into_its_boundary():
    """The unit's text at (2 + 1, 3 + 4) in unit space, scaled by the CTM (0.5)
    and placed at the Boundary's corner (10, 20): baseline (11.5, 23.5) mm."""
    read = read_ofd(_with_units(_composite(5, attrs='Boundary="10 20 100 100" CTM="0.5 0 0 0.5 0 0"'), {5: UNIT_TEXT}))
    first, _ = read.pages[0].glyphs
    assert _text(read.pages[0]) == "盖章"
    assert (first.x0, first.bottom) == pytest.approx((11.5 * PT_PER_MM, 23.5 * PT_PER_MM))
    assert first.size == pytest.approx(2 * PT_PER_MM)


def test_units_inside_page_blocks_and_units_inside_units():
    inner = _composite(6, attrs='Boundary="0 0 100 100"')
    nested = f'<ofd:PageBlock ID="4">{inner}</ofd:PageBlock>'
    layer = f'<ofd:PageBlock ID="7">{_composite(5)}</ofd:PageBlock>'
    read = read_ofd(_with_units(layer, {5: nested, 6: UNIT_TEXT}))
    assert _text(read.pages[0]) == "盖章"
    assert read.pages[0].glyphs[0].x0 == pytest.approx((10 + 2 + 1) * PT_PER_MM)


def test_hidden_or_unknown_units_draw_nothing():
    layer = _composite(5, attrs='Boundary="0 0 9 9" Visible="false"') + _composite(8)
    assert _text(read_ofd(_with_units(layer + TEXT, {5: UNIT_TEXT})).pages[0]) == "通知"


def test_a_unit_drawing_itself_is_corrupt():
    error = _code(_with_units(_composite(5), {5: _composite(6), 6: _composite(5)}))
    assert (error.code, str(error)) == ("corrupt_ofd", "CompositeGraphicUnit 5 draws itself")


def test_units_drawing_units_over_and_over_are_a_bomb():
    """Ten units each drawing the next ten times: 10¹⁰ objects from a few KB."""
    units = {n: _composite(n + 1) * 10 for n in range(10)} | {10: UNIT_TEXT}
    error = _code(_with_units(_composite(0), units))
    assert error.code == "zip_bomb"
    assert f"more than {MAX_UNIT_OBJECTS:,} objects" in str(error)


def test_magazine_whose_every_text_object_is_a_composite_object():
    """ofdrw's y.ofd: no text outside CompositeGraphicUnits. Unit 228 draws
    专题·数字档案室建设与实践: its TextObject Boundary (-150.0492, 54.0065), CTM
    ×11, TextCode X 16.6364 Y 0.884, so the first baseline is at (32.9512,
    63.7305) in the unit's space, which the CompositeObject maps by ×0.3528
    into millimetres (Boundary 0 0)."""
    read = read_ofd(real_ofd("magazine-text-in-composite-objects"))
    assert len(read.pages) == 3 and all(p.glyphs for p in read.pages)
    first = next(g for g in read.pages[0].glyphs if g.text == "专")
    assert (first.x0, first.bottom) == pytest.approx((32.9512 * 0.3528 * PT_PER_MM, 63.7305 * 0.3528 * PT_PER_MM),
                                                     abs=0.01)
    assert first.size == pytest.approx(11 * 0.3528 * PT_PER_MM)
    paragraphs = [b.text for b in extract(real_ofd("magazine-text-in-composite-objects")).blocks
                  if isinstance(b, Paragraph)]
    # Units 222, 225, 228, and 216 + 219 (文/ and 海关总署 on one baseline).
    assert {"勇立潮头 真抓实干", "建设新时代海关数字档案室", "专题·数字档案室建设与实践", "文/海关总署"} <= set(paragraphs)


# -- drawing order ------------------------------------------------------------------
def _at(word: str, y: int) -> str:
    return TEXT.replace("通知", word).replace('Boundary="20 20', f'Boundary="20 {y}')


def _ordered(page_template_1: str) -> str:
    """The text of a page drawing 正文 in its body layer, 底纹 in a layer of
    Type background written after it, template 1 (页眉; its TemplatePage says
    Foreground) referred to as *page_template_1*, and template 2 (水印, no
    ZOrder anywhere: background)."""
    templates = ('<ofd:TemplatePage ID="1" BaseLoc="T1.xml" ZOrder="Foreground"/>'
                 '<ofd:TemplatePage ID="2" BaseLoc="T2.xml"/>')
    page = page_xml(_at("正文", 50), extra=page_template_1 + '<ofd:Template TemplateID="2"/>').replace(
        "</ofd:Content>", f'<ofd:Layer ID="5" Type="background">{_at("底纹", 60)}</ofd:Layer></ofd:Content>')
    ofd = build_ofd([page], {"SimSun": 1}, common_extra=templates,
                    extra_parts={"Doc_0/T1.xml": page_xml(_at("页眉", 10)), "Doc_0/T2.xml": page_xml(_at("水印", 90))})
    return _text(read_ofd(ofd).pages[0])


def test_drawing_order_of_templates_and_layers():
    """Background (templates first, then layers of that Type), body, foreground."""
    assert _ordered('<ofd:Template TemplateID="1"/>') == "水印底纹正文页眉"
    assert _ordered('<ofd:Template TemplateID="1" ZOrder="Background"/>') == "页眉水印底纹正文"  # the page's word wins
