"""Scanned OFD pages (an ImageObject of a scan, no text) are read by OCR as a
scanned PDF's pages are.

The scanned OFDs are made from the scanned PDFs of tests/scans.py by
tests/ofdgen.py:scan_to_ofd: the same JPEG bytes on a page of the same size.
OFD pages are drawn by Pillow, PDF pages by pdfium, so the engine sees
slightly different pixels (the recording, tests/ocr_cache.py, holds both);
the rows must still be the same.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

import extractors.ocr
from extractors.formats import extract
from extractors.model import ExtractionError
from extractors.ocr import engine
from extractors.ocr.images import MAX_PIXELS
from extractors.ofd import extract_ofd, read_ofd
from extractors.ofd.geometry import PT_PER_MM
from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from pipeline.run.batch import Options, run_batch
from tests import hooks
from tests.conftest import FIXTURES, read_dataset
from tests.ocr_compare import task_differences
from tests.ofdgen import build_ofd, image_page_xml, media_res, page_xml, scan_to_ofd, twin_path
from tests.scans import scanned

pytestmark = pytest.mark.usefixtures("recorded_ocr")

LAYOUTS = FIXTURES / "layouts"
SCANS = [LAYOUTS / "full_notice.pdf", LAYOUTS / "gbt_three_columns.pdf"]
"""One page with a seal over the signature; three pages whose table runs on."""
METADATA = ["doc_number", "issuer", "title", "addressees", "signed_date", "publicity", "attachment_title", "cc",
            "printing_office", "printed_date"]
needs_engine = pytest.mark.skipif(
    not __import__("importlib").util.find_spec("rapidocr"),
    reason="the OCR extra is not installed: pip install -e '.[ocr]' (make install has it)")


def _units(converted) -> list[dict]:
    return [{k: v for k, v in record_dict(u).items() if k != "doc_id"} for u in converted.task_units]


@needs_engine
@pytest.mark.parametrize("path", SCANS, ids=lambda p: p.stem)
def test_scanned_ofd_gives_the_scanned_pdf_rows(path: Path):
    pdf = convert(scanned(path), f"scan-{path.stem}.pdf")
    ofd = convert(scan_to_ofd(scanned(path)), f"scan-{path.stem}.ofd")
    assert ofd.document.source_format == "ofd"
    assert ofd.ocr_pages == pdf.ocr_pages == pdf.n_pages
    assert task_differences(pdf.tasks, ofd.tasks) == (len(pdf.tasks), [])
    assert [t.text_source for t in ofd.tasks] == ["ocr"] * len(pdf.tasks)
    assert all(0 < t.ocr_confidence <= 1 for t in ofd.tasks)
    assert _units(ofd) == _units(pdf)
    assert {k: getattr(ofd.document, k) for k in METADATA} == {k: getattr(pdf.document, k) for k in METADATA}
    assert ofd.document.text_source == "ocr"


@needs_engine
def test_batch_records_ocr_of_an_ofd(tmp_path: Path):
    """The manifest's ocr_pages and ocr_seconds, and ``--ocr never`` leaving the scan unread."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.ofd").write_bytes(scan_to_ofd(scanned(LAYOUTS / "full_notice.pdf")))
    out = tmp_path / "out"
    assert run_batch(tmp_path / "in", out, Options(jobs=1, converter=hooks.recorded_ocr_convert)).n_ocr_pages == 1
    [row] = read_dataset(out, "manifest").itertuples()
    assert (row.status, row.source_format, row.ocr_pages, row.cached) == ("ok", "ofd", 1, False)
    assert row.ocr_seconds > 0
    # full_notice.pdf's table has three tasks.
    assert list(read_dataset(out, "tasks").text_source) == ["ocr"] * 3
    run_batch(tmp_path / "in", out, Options(jobs=1, converter=hooks.recorded_ocr_convert, ocr="never"))
    [row] = read_dataset(out, "manifest").itertuples()
    assert (row.status, row.error_code) == ("error", "no_text_layer")


# -- without the engine ----------------------------------------------------------------

def _image(size: tuple[int, int] = (40, 20), fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "black").save(out, fmt)
    return out.getvalue()


def _image_ofd(media_file: str = "scan.png", data: bytes | None = None, *, stored_as: str | None = None,
               resource: int = 7, box_mm: tuple[float, float, float, float] = (0, 0, 100, 50)) -> bytes:
    """A 100 × 50 mm page showing one image in *box_mm*; the image file is
    named *media_file* in the resources and stored as *stored_as* in the zip."""
    x, y, w, h = box_mm
    page = image_page_xml(7, 100, 50).replace(
        'Boundary="0 0 100.0000 50.0000" CTM="100.0000 0 0 50.0000 0 0"',
        f'Boundary="{x} {y} {w} {h}" CTM="{w} 0 0 {h} 0 0"').replace('ResourceID="7"', f'ResourceID="{resource}"')
    parts: dict[str, str | bytes] = {"Doc_0/DocumentRes.xml": media_res({7: media_file})}
    if stored_as != "":
        parts[f"Doc_0/Res/{stored_as or media_file}"] = _image() if data is None else data
    return build_ofd([page], {}, common_extra="<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>",
                     extra_parts=parts)


@pytest.fixture
def no_recognition(monkeypatch):
    """OCR wants the page, but recognising it is a test failure: what is under
    test happens before (the page's image, or refusing it)."""

    def recognise(*args):
        raise AssertionError("the page reached recognition")

    monkeypatch.setattr(extractors.ocr, "_reader", lambda: recognise)


def test_page_image_places_the_image_in_its_box():
    """Boundary and CTM in millimetres become the box in points, drawn at
    150 dpi: a black image in the right half of the page's top 20 mm."""
    ofd = read_ofd(_image_ofd(box_mm=(50, 0, 50, 20)))
    [page] = ofd.pages
    assert page.images == [pytest.approx((50 * PT_PER_MM, 0, 100 * PT_PER_MM, 20 * PT_PER_MM))]
    pixels = ofd.render(page)
    mm = 150 / 25.4
    assert pixels.shape == (round(50 * mm), round(100 * mm), 3)
    assert pixels[round(10 * mm), round(75 * mm)].tolist() == [0, 0, 0]  # inside the box
    assert pixels[round(10 * mm), round(25 * mm)].tolist() == [255, 255, 255]  # left of it
    assert pixels[round(30 * mm), round(75 * mm)].tolist() == [255, 255, 255]  # below it


def test_media_file_found_whatever_its_case():
    """Windows producers store DOC_0/Res/… and write Doc_0 in the XML (ofdrw's containsJPEG.ofd)."""
    ofd = read_ofd(_image_ofd("Scan.PNG", stored_as="SCAN.png"))
    assert ofd.render(ofd.pages[0]).min() == 0


@pytest.mark.parametrize(("ofd", "code", "says"), [
    (lambda: _image_ofd(stored_as=""), "corrupt_ofd", "Doc_0/Res/scan.png is not in the package"),
    (lambda: _image_ofd(resource=99), "corrupt_ofd", "names no MultiMedia"),
    (lambda: _image_ofd(data=b"\xff\xd8\xff\xe0 not a JPEG"), "corrupt_ofd", "not readable"),
    (lambda: _image_ofd(data=_truncated_jpeg()), "corrupt_ofd", "cannot be decoded"),
    (lambda: _image_ofd(data=_png_header(9000, 9000)), "zip_bomb", f"more than {MAX_PIXELS:,} pixels"),
    (lambda: _image_ofd(data=_png_header(40000, 40000)), "zip_bomb", "too many pixels"),
    (lambda: _image_ofd("../../../etc/passwd"), "hostile_path", "outside the package"),
    (lambda: _image_ofd("C:\\Windows\\win.ini"), "hostile_path", "outside the package"),
], ids=["missing", "unknown-resource", "not-an-image", "truncated", "too-many-pixels", "pillow-bomb",
        "traversal", "drive"])
def test_bad_or_hostile_image_file(ofd, code, says, no_recognition):
    with pytest.raises(ExtractionError) as err:
        extract(ofd())
    assert err.value.code == code
    assert says in err.value.message


def _truncated_jpeg() -> bytes:
    """A JPEG whose header is whole and whose pixel data stops half-way."""
    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) // 2]


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares *width* × *height* pixels in a few bytes (no pixel data)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_a_text_page_never_opens_its_images():
    """Image files are opened only for a page OCR reads: a letterhead image
    whose file is missing costs a text page nothing."""
    text = ('<ofd:TextObject ID="9" Boundary="10 10 80 10" Font="1" Size="5">'
            '<ofd:TextCode X="0" Y="5">市人民政府办公室</ofd:TextCode></ofd:TextObject>')
    image = '<ofd:ImageObject ID="8" Boundary="0 0 20 20" CTM="20 0 0 20 0 0" ResourceID="7"/>'
    ofd = build_ofd([page_xml(image + text)], {"SimSun": 1},
                    common_extra="<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>",
                    extra_parts={"Doc_0/DocumentRes.xml": media_res({7: "gone.png"})})
    document = extract_ofd(ofd)
    assert document.ocr_pages == ()
    assert [p.text for p in document.paragraphs()] == ["市人民政府办公室"]


def test_ocr_always_keeps_the_text_of_pages_it_cannot_draw(no_recognition):
    """OFD text is vector text, which this reader does not draw: under
    ``--ocr always`` a text page keeps its text layer, with a warning."""
    text = twin_path("gbt_three_columns", "runs").read_bytes()
    auto, always = extract_ofd(text), extract_ofd(text, ocr="always")
    assert always.blocks == auto.blocks and always.ocr_pages == ()
    assert any("(--ocr always): 1, 2, 3" in w for w in always.warnings)


def test_scanned_ofd_without_the_ocr_extra_needs_ocr(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    monkeypatch.setitem(sys.modules, "cv2", None)
    engine._engine.cache_clear()
    try:
        with pytest.raises(ExtractionError) as err:
            extract(_image_ofd())
    finally:
        engine._engine.cache_clear()
    assert err.value.code == "needs_ocr"
    assert engine.INSTALL_COMMAND in err.value.message


def test_ocr_never_leaves_a_scanned_ofd_unread():
    with pytest.raises(ExtractionError) as err:
        extract(_image_ofd(), ocr="never")
    assert err.value.code == "no_text_layer"
    assert "--ocr" in err.value.message
