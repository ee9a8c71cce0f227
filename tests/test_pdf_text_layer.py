"""The PDF extractor on PDFs built here byte by byte: damaged text layers,
page furniture, and files that cannot become a document."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from extractors.layout.glyphs import dedupe_glyphs
from extractors.layout.ruling import table_cells
from extractors.model import ExtractionError, Paragraph, Table
from extractors.pdf import extract_pdf, glyph, segment
from tests.conftest import CORPUS, FIXTURES, QZB
from tests.pdfbytes import Page, ToUnicodeFont, build
from tests.pdfgen import encrypted_pdf, truncated_pdf

DOUBLED = "Ⓐ"
"""A glyph whose ToUnicode entry is radical + ideograph (``⼯工``)."""

GLYPHS = "⼯⼀⼈⼤⾯⻔⻓⻅⻋⻢⻚⻛⻜⺠作任务牵头单位部期政府" + DOUBLED
FONT = ToUnicodeFont({g: "⼯工" if g == DOUBLED else g for g in GLYPHS})


def fake_bold(page: Page, x: float, top: float, glyphs: str) -> None:
    """Draw a string twice, a third of a point apart, as producers fake bold."""
    for dx in (0.0, 0.3):
        page.text(x + dx, top, FONT.encode(glyphs))


def radical_pdf() -> bytes:
    page = Page().grid([70, 250, 450], [100, 130, 170])
    fake_bold(page, 75, 105, "⼯作任务")
    fake_bold(page, 255, 105, "牵头单位")
    page.text(75, 140, FONT.encode("部⻔⻓期⻅⾯"))
    page.text(255, 140, FONT.encode("⼈⺠政府" + DOUBLED + "作"))
    page.text(75, 300, FONT.encode("⻋⻢⻚⻛⻜⼀⼤"))
    fake_bold(page, 75, 330, "⼤⻔")
    return build([page], FONT)


def test_radicals_and_fake_bold_come_out_clean() -> None:
    doc = extract_pdf(radical_pdf())
    table = next(doc.tables())
    assert [[c.text for c in r.cells] for r in table.rows] == [["工作任务", "牵头单位"], ["部门长期见面", "人民政府工作"]]
    assert [p.text for p in doc.paragraphs()] == ["车马页风飞一大", "大门"]
    text = "".join(c.text for r in table.rows for c in r.cells) + "".join(p.text for p in doc.paragraphs())
    assert not [ch for ch in text if 0x2E80 <= ord(ch) <= 0x2FDF]


def test_the_fixture_really_holds_odd_code_points() -> None:
    """Guards the test above: pdfplumber itself sees the radicals and doubles."""
    with pdfplumber.open(io.BytesIO(radical_pdf())) as pdf:
        raw = pdf.pages[0].extract_text()
    assert "⼯作任务⼯作任务" in raw.replace(" ", "") or raw.count("⼯作任务") == 2
    assert "⻔" in raw and "⼈⺠" in raw and "⼯工" in raw


def long_table(n: int) -> bytes:
    """A table running over *n* pages under a title, its header repeated on
    each page and a row on each page after the first."""
    pages = []
    for i in range(n):
        page = Page()
        top = 60 if i else 110
        if i == 0:
            page.text(200, 70, FONT.encode("⼯作任务"), size=16)
        page.grid([70, 250, 450], [top, top + 30, top + 700])
        page.text(75, top + 5, FONT.encode("⼯作"))
        page.text(255, top + 5, FONT.encode("单位"))
        page.text(75, top + 40, FONT.encode("任务" if i else "部⻔"))
        page.text(255, top + 40, FONT.encode("政府"))
        pages.append(page)
    return build(pages, FONT)


def test_stitching_header_drop_and_continuation_flags() -> None:
    doc = extract_pdf(long_table(3))
    tables = list(doc.tables())
    assert len(tables) == 1
    rows = tables[0].rows
    assert [r.is_header for r in rows] == [True, False, False, False]
    assert [r.continues_on_new_page for r in rows] == [False, False, True, True]
    assert [r.page for r in rows] == [1, 1, 2, 3]
    assert [c.row for r in rows for c in r.cells] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_table_parts_on_pages_apart_are_two_tables() -> None:
    """Two tables with the same columns, each at the top of its page, with a
    page between them that holds only its page number (a blank page a section
    break left): the second is no continuation of the first."""
    font = ToUnicodeFont({g: g for g in "工作任务单位部门政府— 0123456789"})
    pages = []
    for number in (1, 2, 3):
        page = Page()
        if number != 2:
            page.grid([70, 250, 450], [60, 90, 130])
            page.text(75, 65, font.encode("工作任务"))
            page.text(255, 65, font.encode("单位"))
            page.text(75, 100, font.encode("任务" if number == 1 else "部门"))
            page.text(255, 100, font.encode("政府"))
        page.text(280, 790, font.encode(f"— {number} —"))
        pages.append(page)
    doc = extract_pdf(build(pages, font))
    tables = list(doc.tables())
    assert [[r.page for r in t.rows] for t in tables] == [[1, 1], [3, 3]]
    assert not any(r.continues_on_new_page for t in tables for r in t.rows)
    # the same two parts on consecutive pages are one table
    doc = extract_pdf(build([pages[0], pages[2]], font))
    assert [[r.page for r in t.rows] for t in doc.tables()] == [[1, 1, 2]]


def test_a_paragraph_does_not_continue_over_a_blank_page() -> None:
    """A paragraph whose last line fills the measure goes on at the top of the
    next page, but not across a page between that holds only its number."""
    font = ToUnicodeFont({g: g for g in "各部门要加强政务公开工作— 0123456789"})
    sentence = font.encode("各部门要加强政务公开工作")
    first = Page().text(94, 100, sentence)  # the paragraph's indented first line
    for top in (120, 140, 160, 180, 200):
        first.text(70, top, sentence)
    blank = Page().text(280, 790, font.encode("— 2 —"))
    last = Page().text(70, 70, sentence)

    apart = extract_pdf(build([first, blank, last], font))
    assert [(p.page, len(p.text)) for p in apart.paragraphs()] == [(1, 72), (3, 12)]
    together = extract_pdf(build([first, last], font))
    assert [(p.page, len(p.text)) for p in together.paragraphs()] == [(1, 84)]


def page_number_pdf() -> bytes:
    digits = ToUnicodeFont({g: g for g in "—- 0123456789各部门要"})
    pages = []
    for number, style in ((1, "— {} —"), (2, "- {} -")):
        page = Page()
        page.text(70, 100, digits.encode("各部门要"))
        page.text(280, 790, digits.encode(style.format(number)))
        pages.append(page)
    return build(pages, digits)


def test_page_numbers_are_dropped() -> None:
    doc = extract_pdf(page_number_pdf())
    assert [(p.text, p.page) for p in doc.paragraphs()] == [("各部门要", 1), ("各部门要", 2)]
    assert all(isinstance(b, Paragraph) for b in doc.blocks)


def test_image_only_pdf_has_no_text_layer() -> None:
    with pytest.raises(ExtractionError) as err:
        extract_pdf(build([Page().image(), Page().image()]))
    assert err.value.code == "no_text_layer"


def test_unmapped_cid_glyphs_mean_no_text_layer() -> None:
    page = Page()
    page.ops.append("BT /F2 12 Tf 72 700 Td <0001000200030004000500060007> Tj ET")
    with pytest.raises(ExtractionError) as err:
        extract_pdf(build([page], cid_font=True))
    assert err.value.code == "no_text_layer"


def test_encrypted_pdf() -> None:
    with pytest.raises(ExtractionError) as err:
        extract_pdf(encrypted_pdf())
    assert err.value.code == "encrypted"


@pytest.mark.parametrize("data", [
    b"not a pdf at all",
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
    truncated_pdf(),
])
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(ExtractionError) as err:
        extract_pdf(data)
    assert err.value.code == "corrupt_pdf"


def test_tables_on_separate_pages_with_text_between_stay_apart() -> None:
    pages = []
    for i in range(2):
        page = Page().grid([70, 250, 450], [400, 430, 460])
        page.text(75, 405, FONT.encode("⼯作"))
        page.text(255, 405, FONT.encode("政府"))
        page.text(70, 100 if i else 700, FONT.encode("部⻔"))
        pages.append(page)
    doc = extract_pdf(build(pages, FONT))
    assert [type(b) for b in doc.blocks] == [Table, Paragraph, Paragraph, Table]


FIXTURE_PDFS = sorted(FIXTURES.rglob("*.pdf"))


@pytest.mark.parametrize("data", [radical_pdf(), *(p.read_bytes() for p in FIXTURE_PDFS)],
                         ids=["fake-bold", *(p.name for p in FIXTURE_PDFS)])
def test_dedupe_keeps_exactly_what_pdfplumber_keeps(data: bytes) -> None:
    """Our one-pass dedupe of glyphs is pdfplumber's ``Page.dedupe_chars`` rule, on every fixture page."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert dedupe_glyphs([glyph(c) for c in page.chars]) == [glyph(c) for c in page.dedupe_chars().chars]
            page.close()


@pytest.mark.parametrize("path", [
    QZB / "泉政办〔2018〕51号.pdf",
    QZB / "泉政办〔2018〕51号-横版.pdf",
    CORPUS / "江门-政府信息公开工作任务.pdf",
    CORPUS / "台山-政务公开工作任务.pdf",
], ids=["portrait", "landscape", "jiangmen", "taishan"])
def test_cells_from_segments_are_pdfplumbers_cells(path) -> None:
    """The layout stage finds tables on bare segments; on every page of real
    renderings it must find exactly the cells ``Page.find_tables()`` finds."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            segments = [s for e in page.edges if (s := segment(e)) is not None]
            assert table_cells(segments) == [t.cells for t in page.find_tables()]
            page.close()
