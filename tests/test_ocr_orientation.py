"""Pages scanned sideways or upside down: scans of our fixtures with the sheet
turned on the scanner (tests/scans.py ``turn``) give the rows of the same
fixture scanned upright, and say which pages were turned; an upright page is
never turned (tests/test_ocr.py checks that on every scanned fixture).

The engine is answered from the recording (tests/ocr_cache.py), which holds
every reading the orientation search makes of these pages.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

pytest.importorskip("rapidocr", reason="the OCR extra is not installed: pip install -e '.[ocr]' (make install has it)")

from extractors.ocr import engine, orientation
from extractors.ocr.page import page_from_image
from pipeline.convert import Converted, convert
from tests.ocr_compare import task_differences
from tests.scans import scanned
from tests.test_ocr import LAYOUTS, METADATA, MIN_EQUAL_SHARE, pair

pytestmark = pytest.mark.usefixtures("recorded_ocr")

TURNED = [
    ("header_two_rows.pdf", 90),  # a landscape 任务分解表 fed into a portrait scanner
    ("gbt_landscape.pdf", 270),  # the same the other way, after a portrait cover page that lies landscape
    ("full_notice.pdf", 180),  # upside down, the seal over the signature
    ("number_column_sections.pdf", 180),  # a table over three small landscape pages
]
"""Fixtures and the degrees counter-clockwise each sheet lies on the scanner."""


@functools.cache
def turned(name: str, turn: int) -> Converted:
    return convert(scanned(LAYOUTS / name, turn), f"scan-{turn}-{name}")


@pytest.mark.parametrize(("name", "turn"), TURNED, ids=[f"{n.removesuffix('.pdf')}-{t}" for n, t in TURNED])
def test_turned_scan_gives_the_upright_scans_rows(name: str, turn: int):
    """Rows, metadata and provenance (pages, text source) of the upright scan;
    every page is named as read turned back by the degrees it lay turned."""
    twin, upright = pair(LAYOUTS / name)
    got = turned(name, turn)
    same, differences = task_differences(upright.tasks, got.tasks)
    print("\n".join(str(d) for d in differences))
    assert len(upright.tasks) >= 2
    assert same >= MIN_EQUAL_SHARE * len(upright.tasks), "\n".join(str(d) for d in differences)
    assert task_differences(twin.tasks, got.tasks)[0] >= task_differences(twin.tasks, upright.tasks)[0] - 1
    assert [(t.text_source, t.page_start, t.page_end) for t in got.tasks] == \
        [(t.text_source, t.page_start, t.page_end) for t in upright.tasks]
    assert all(0 < t.ocr_confidence <= 1 for t in got.tasks)
    assert {k: getattr(got.document, k) for k in METADATA} == {k: getattr(upright.document, k) for k in METADATA}
    assert got.ocr_pages == upright.ocr_pages == got.n_pages
    pages = ", ".join(f"{n}: {turn}" for n in range(1, got.n_pages + 1))
    assert f"{got.n_pages} pages scanned sideways or upside down were read turned upright " \
           f"(page: degrees clockwise): {pages}" in got.warnings


def test_a_quarter_turn_gives_the_page_its_upright_shape():
    """A landscape page scanned portrait is a landscape page again: the layout
    stage's positions are those of the upright page."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(scanned(LAYOUTS / "header_two_rows.pdf", 90))
    try:
        page = pdf[0]
        width, height = page.get_size()
        image = page.render(scale=150 / 72, rev_byteorder=True).to_numpy()[..., :3]
    finally:
        pdf.close()
    assert width < height  # the scanner's portrait image
    layout, degrees = page_from_image(image, 1, width, height)
    assert degrees == 90
    assert (layout.width, layout.height) == (height, width)
    assert all(0 <= g.x0 < g.x1 <= layout.width and 0 <= g.top < g.bottom <= layout.height for g in layout.glyphs)


def _line(text: str, score: float, wide: bool = True) -> engine.TextLine:
    chars = tuple(engine.Char(c, score, 10.0 * i, 10.0 * i + 9) for i, c in enumerate(text))
    size = 10.0 * len(text)
    return engine.TextLine(0, 0, size if wide else 12, 12 if wide else size, text, score, chars)


BODY = ["各镇人民政府", "市直有关单位", "现将有关工作安排如下"]


def test_which_turns_a_reading_asks_for():
    """Upright text, or nothing that shows a direction: none. Tall lines that
    read well were turned right by the engine (a quarter turn back
    counter-clockwise first); tall lines that read badly lie the other way;
    wide lines that read badly lie upside down."""
    assert orientation.turns_to_try([_line(t, 0.98) for t in BODY]) == []
    assert orientation.turns_to_try([_line(t, 0.98) for t in BODY] + [_line("买实疑", 0.4)]) == []
    assert orientation.turns_to_try([]) == []  # a blank page
    assert orientation.turns_to_try([_line("一", 0.4), _line("无", 0.5)]) == []  # square boxes: no direction
    assert orientation.turns_to_try([_line(t, 0.98, wide=False) for t in BODY]) == [1, 3, 2]
    assert orientation.turns_to_try([_line(t, 0.5, wide=False) for t in BODY]) == [3, 1, 2]
    assert orientation.turns_to_try([_line(t, 0.5) for t in BODY]) == [2, 1, 3]
    assert orientation.turns_to_try([_line("和", 0.8, wide=False), _line("一", 0.7, wide=False)]) == []
    sideways = engine.TextLine(0, 0, 30, 160, "和", 0.84, (engine.Char("和", 0.84, 0, 30),))
    assert orientation.turns_to_try([sideways]) == [3, 1, 2]  # a long box read as one character
    digit = engine.TextLine(0, 0, 8, 16, "1", 0.99, (engine.Char("1", 0.99, 0, 8),))
    assert orientation.turns_to_try([_line(t, 0.98) for t in BODY] + [digit] * 3) == []  # a number column


def _reading(confident_lines: int) -> list[engine.TextLine]:
    """Three wide lines, *confident_lines* of them read with confidence."""
    return [_line(t, 0.95 if i < confident_lines else 0.4) for i, t in enumerate(BODY)]


@pytest.mark.parametrize(("upright", "upside_down", "degrees", "shown"), [
    (3, 0, 0, ["upright"]),  # reads upright: nothing else is tried
    (1, 0, 0, ["upright", "upside down", "sideways", "sideways"]),  # reads poorly, no turn reads better
    (0, 1, 0, ["upright", "upside down", "sideways", "sideways"]),  # a turn reads better, but not upright either
    (0, 3, 180, ["upright", "upside down"]),
])
def test_a_page_is_turned_only_for_a_reading_that_looks_upright(monkeypatch, upright, upside_down, degrees, shown):
    page = np.full((400, 300, 3), 255, np.uint8)
    page[20:40, 20:60] = 0  # a mark at the top left, to tell which way up the engine is shown the page
    seen = []

    def recognise(image):
        way = "sideways" if image.shape[:2] != page.shape[:2] else \
            "upright" if image[:200, :150].min() == 0 else "upside down"
        seen.append(way)
        return _reading({"upright": upright, "upside down": upside_down}.get(way, 0))

    monkeypatch.setattr(engine, "recognise", recognise)
    layout, turned_by = page_from_image(page, 1, 216, 288)
    assert (turned_by, layout.width, layout.height, seen) == (degrees, 216, 288, shown)
