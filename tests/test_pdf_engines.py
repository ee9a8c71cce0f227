"""The two PDF engines: pdfium (the default) must give exactly the rows of
pdfminer (the reference) on every PDF we have, and the same error codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import formats as registry
from extractors import pdf as pdfminer_source
from extractors import pdfium as pdfium_source
from extractors.layout.glyphs import dedupe_glyphs
from extractors.model import ExtractionError
from pipeline.cli import main
from pipeline.convert import Converted, convert
from pipeline.run.batch import Options, run_batch
from tests.conftest import FIXTURES, QZB, read_dataset
from tests.pdfbytes import Page, ToUnicodeFont, build
from tests.pdfgen import (
    BORDER_STYLES,
    BORDER_TABLE,
    BORDER_TITLE,
    BORDERS,
    bordered_notice,
    encrypted_pdf,
    image_only_pdf,
    truncated_pdf,
)
from tests.test_pdf_text_layer import long_table, page_number_pdf, radical_pdf

PDFS = sorted(FIXTURES.rglob("*.pdf"))
"""Every PDF in the fixtures (the sample notice's renderings among them, which the benchmarks read from raw/)."""


def converted_with(engine: str, data: bytes, monkeypatch: pytest.MonkeyPatch) -> Converted:
    monkeypatch.setattr(registry, "FORMATS", list(registry.with_pdf_engine(registry.FORMATS, engine)))
    return convert(data, "notice.pdf")


def assert_same_rows(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Converted:
    reference = converted_with("pdfminer", data, monkeypatch)
    fast = converted_with("pdfium", data, monkeypatch)
    assert fast.document == reference.document
    assert fast.tasks == reference.tasks
    assert fast.task_units == reference.task_units
    assert fast.citations == reference.citations
    assert fast.warnings == reference.warnings
    return fast


def test_the_fixtures_hold_the_pdfs_this_test_promises() -> None:
    names = {p.relative_to(FIXTURES).as_posix() for p in PDFS if p.is_relative_to(FIXTURES)}
    assert {"borders/word.pdf", "borders/wps.pdf", "corpus/台山-政务公开工作任务.pdf",
            "layouts/gbt_landscape.pdf"} <= names
    assert len([p for p in PDFS if p.is_relative_to(QZB)]) >= 2


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_pdfium_gives_the_rows_of_pdfminer(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_rows(path.read_bytes(), monkeypatch)


@pytest.mark.parametrize("make", [radical_pdf, lambda: long_table(3), page_number_pdf],
                         ids=["fake-bold-radicals", "long-table", "page-numbers"])
def test_pdfium_gives_the_rows_of_pdfminer_on_hand_made_pdfs(make, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_rows(make(), monkeypatch)


@pytest.mark.parametrize("style", BORDER_STYLES)
def test_filled_rectangle_borders_rule_the_table(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word draws each cell border as a thin filled rectangle, WPS as a filled
    closed path under a flipped CTM: both must rule the same table as lines."""
    data = (BORDERS / f"{style}.pdf").read_bytes()
    assert data == bordered_notice(style), "stale fixture: run python -m tests.pdfgen"
    for engine in registry.PDF_ENGINES:
        monkeypatch.setattr(registry, "FORMATS", list(registry.with_pdf_engine(registry.FORMATS, engine)))
        doc = registry.extract(data)
        (table,) = doc.tables()
        assert [[c.text for c in row.cells] for row in table.rows] == BORDER_TABLE
        assert [p.text for p in doc.paragraphs()] == [BORDER_TITLE]
    fast = assert_same_rows(data, monkeypatch)
    assert [(t.title, t.lead_units, t.deadline_text) for t in fast.tasks] == [
        ("编制政务公开目录", ["市政府办公室"], "2019年6月底前"), ("推进决策公开", ["市司法局"], "长期坚持")]


def test_fake_bold_doubles_leave_one_glyph_from_either_engine() -> None:
    """pdfium drops some doubles itself; what the layout stage keeps must not depend on it."""
    font = ToUnicodeFont({g: g for g in "工作任务牵头"}, base_font="SimSun")
    page = Page().grid([70, 250, 450], [100, 130, 170])
    for dx in (0.0, 0.3, 0.6):  # drawn three times, a third of a point apart
        page.text(75 + dx, 105, font.encode("工作任务"))
    page.text(255, 105, font.encode("牵头"))
    page.text(75, 140, font.encode("工作"))
    data = build([page], font)
    kept = [[(g.text, round(g.x0, 2), round(g.top, 2)) for g in dedupe_glyphs(page.glyphs)]
            for source in (pdfminer_source, pdfium_source) for page in source._pages(data)]
    assert kept[0] == kept[1]
    assert [t for t, _, _ in kept[1]] == list("工作任务牵头工作")


@pytest.mark.parametrize("rotate, origin", [(90, (0, 0)), (180, (0, 0)), (270, (0, 0)), (0, (30, 40))])
def test_rotated_pages_rotated_text_and_offset_mediaboxes_land_where_pdfminer_puts_them(rotate, origin) -> None:
    font = ToUnicodeFont({g: g for g in "工作任务"}, base_font="SimSun")
    page = Page().grid([70, 250, 450], [100, 130, 170])
    page.text(75, 105, font.encode("工作"))
    page.rotated_text(300, 400, font.encode("任务"))
    data = build([page], font, rotate=rotate, origin=origin)
    (reference,), (fast,) = list(pdfminer_source._pages(data)), list(pdfium_source._pages(data))
    assert (fast.width, fast.height) == pytest.approx((reference.width, reference.height), abs=0.01)
    assert [(g.text, g.upright) for g in fast.glyphs] == [(g.text, g.upright) for g in reference.glyphs]
    for a, b in zip(fast.glyphs, reference.glyphs, strict=True):
        assert (a.x0, a.top, a.x1, a.bottom, a.size) == pytest.approx((b.x0, b.top, b.x1, b.bottom, b.size), abs=0.01)
    key = lambda s: (round(s.x0, 2), round(s.top, 2), round(s.x1, 2), round(s.bottom, 2), s.orientation)  # noqa: E731
    assert sorted(map(key, fast.segments)) == sorted(map(key, reference.segments))


BAD = {
    "encrypted": encrypted_pdf,
    "corrupt_pdf": truncated_pdf,
    "no_text_layer": image_only_pdf,
}


@pytest.mark.parametrize("code", [*BAD, "unmapped"])
def test_both_engines_name_a_bad_pdf_alike(code: str) -> None:
    if code == "unmapped":
        data, code = build([Page().text(72, 72, b"\x00\x01\x00\x02" * 5, font="F2")], cid_font=True), "no_text_layer"
    else:
        data = BAD[code]()
    for source in (pdfminer_source, pdfium_source):
        with pytest.raises(ExtractionError) as caught:
            source.extract_pdf(data)
        assert caught.value.code == code


def test_switching_engines_never_answers_from_the_other_engines_cache(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.pdf").write_bytes((FIXTURES / "borders" / "word.pdf").read_bytes())
    out = tmp_path / "out"
    first = run_batch(inputs, out, Options(jobs=1, formats=registry.with_pdf_engine(registry.FORMATS, "pdfium")))
    again = run_batch(inputs, out, Options(jobs=1, formats=registry.with_pdf_engine(registry.FORMATS, "pdfium")))
    other = run_batch(inputs, out, Options(jobs=1, formats=registry.with_pdf_engine(registry.FORMATS, "pdfminer")))
    assert (first.n_cached, again.n_cached, other.n_cached) == (0, 1, 0)
    assert len(read_dataset(out, "tasks")) == 2


def test_cli_takes_the_engine(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "FORMATS", list(registry.FORMATS))  # inspect adopts the engine process-wide
    path = FIXTURES / "borders" / "wps.pdf"
    assert main(["inspect", str(path), "--json", "--pdf-engine", "pdfminer"]) == 0
    reference = capsys.readouterr().out
    assert main(["inspect", str(path), "--json"]) == 0
    assert capsys.readouterr().out == reference and "市司法局" in reference
    with pytest.raises(SystemExit):
        main(["inspect", str(path), "--pdf-engine", "ghostscript"])
