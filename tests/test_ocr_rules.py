"""OCR rules that need no engine: the repair of recognised text, the glyph
geometry, which pages OCR reads, and what happens without the OCR extra."""

from __future__ import annotations

import sys

import pytest

from extractors.layout.page import Glyph, PageLayout
from extractors.model import ExtractionError
from extractors.ocr import PageOcr, engine, lacks_text
from extractors.ocr.text import repair_line
from extractors.pdf import extract_pdf
from tests.pdfgen import image_only_pdf


@pytest.mark.parametrize(("read", "printed"), [
    ("泉政办(2018)51号", "泉政办〔2018〕51号"),  # a 发文字号's brackets, whichever the recogniser chose
    ("（国办发【2018】23号）", "（国办发〔2018〕23号）"),
    ("闽政办 [ 2018 ] 43号", "闽政办 〔 2018 〕 43号"),
    ("(一)围绕建设法治政府", "（一）围绕建设法治政府"),
    ("市委编办(市审改办),市发改委;", "市委编办（市审改办），市发改委；"),
    ("牵头单位:市政府办公室", "牵头单位：市政府办公室"),
    ("于12:30前完成1,000份", "于12:30前完成1,000份"),  # inside numbers ASCII stays
    ("2018年(含)以前", "2018年（含）以前"),
    ("Web (HTML)", "Web (HTML)"),  # no Chinese: nothing to widen
])
def test_recognised_punctuation_is_written_as_printed(read, printed):
    assert repair_line(read) == printed
    assert len(repair_line(read)) == len(read)  # character boxes still line up


@pytest.mark.parametrize("unit", ["市发政委", "市卫健委", "市工商局", "区教有局"])
def test_misread_unit_characters_are_never_corrected(unit):
    """A unit read with a wrong character stays as read: no guess turns it
    into another unit of the vocabulary (市发政委 is not 市发改委)."""
    assert repair_line(unit) == unit


def _page(glyphs: list[Glyph], images: bool) -> PageLayout:
    return PageLayout(number=1, width=595, height=842, glyphs=glyphs, segments=[],
                      images=[(0, 0, 595, 842)] if images else [])


def test_which_pages_lack_a_text_layer():
    text = [Glyph("政", 72, 72, 84, 84)]
    cid = [Glyph("(cid:12)", 72, 72, 84, 84)] * 3 + text
    assert lacks_text(_page([], images=True))  # a scan
    assert not lacks_text(_page([], images=False))  # a blank page: nothing to read
    assert not lacks_text(_page(text, images=True))  # text over a letterhead image
    assert lacks_text(_page(cid, images=False))  # unmapped codes: the rendering is still right
    assert PageOcr("always").wants(_page(text, images=False))
    assert not PageOcr("never").wants(_page([], images=True))


def test_scan_without_the_ocr_extra_needs_ocr(monkeypatch):
    """The message says how to install it; the batch does not cache the error."""
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setitem(sys.modules, "cv2", None)
    engine._engine.cache_clear()
    try:
        with pytest.raises(ExtractionError) as err:
            extract_pdf(image_only_pdf())
    finally:
        engine._engine.cache_clear()
    assert err.value.code == "needs_ocr"
    assert engine.INSTALL_COMMAND in err.value.message


def test_ocr_never_leaves_a_scan_unread():
    with pytest.raises(ExtractionError) as err:
        extract_pdf(image_only_pdf(), ocr="never")
    assert err.value.code == "no_text_layer"
    assert "--ocr" in err.value.message


def _line(text: str, top: float, pitch: float, gap_after: int | None = None, gap: float = 0.0) -> engine.TextLine:
    """A recognised line of ink boxes 80 % of an em wide, set solid at *pitch*
    pixels, with an extra *gap* after character *gap_after*."""
    chars, x = [], 100.0
    for i, ch in enumerate(text):
        width = pitch * (0.5 if ch.isascii() else 1.0)
        chars.append(engine.Char(ch, 0.99, x + 0.1 * width, x + 0.9 * width))
        x += width + (gap if i == gap_after else 0.0)
    return engine.TextLine(100, top, x, top + 1.2 * pitch, text, 0.99, tuple(chars))


def test_ocr_glyphs_have_a_text_layers_geometry():
    """Boxes widened to the advance (no word gap inside solid Chinese), one
    size per page for sizes within 15 %, a space where two unit names are
    spaced apart, punctuation repaired, scores kept."""
    import numpy as np

    from extractors.layout.lines import lines_of
    from extractors.ocr.glyphs import page_glyphs

    solid = _line("市委编办(市审改办)", 100, 25)
    spaced = _line("市教育局市卫生健康委", 150, 24, gap_after=3, gap=10)
    ink = np.zeros((200, 500), dtype=np.uint8)
    for line in (solid, spaced):
        for char in line.chars:
            ink[int(line.top) + 2:int(line.bottom) - 2, int(char.x0):int(char.x1)] = 255
    glyphs = page_glyphs([solid, spaced], 0.48, ink)
    assert len({g.size for g in glyphs}) == 1
    assert [line.text for line in lines_of(glyphs, 1)] == ["市委编办（市审改办）", "市教育局 市卫生健康委"]
    assert all(g.score == 0.99 for g in glyphs if g.text.strip())
    first = glyphs[0]
    assert first.x1 - first.x0 == pytest.approx(first.size) and first.bottom - first.top == pytest.approx(first.size)
