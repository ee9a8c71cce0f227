"""Scanned notices through OCR: scanned renderings of our text-PDF fixtures
(tests/scans.py) give their twins' task rows and metadata.

Most pages are answered from the recorded engine output (tests/ocr_cache.py);
the real engine reads one page in every run, with the network unreachable,
and must agree with the recording.
"""

from __future__ import annotations

import functools
import socket
from pathlib import Path

import pytest

pytest.importorskip("rapidocr", reason="the OCR extra is not installed: pip install -e '.[ocr]' (make install has it)")

import pypdfium2

from extractors.ocr import engine
from extractors.pdf import extract_pdf
from pipeline.convert import Converted, convert, convert_document
from pipeline.run.batch import Options, run_batch
from tests import hooks, ocr_cache
from tests.conftest import FIXTURES, QZB, QZB_PDF, read_dataset
from tests.ocr_compare import task_differences
from tests.scans import scanned

LAYOUTS = FIXTURES / "layouts"
TWINS = [*sorted(LAYOUTS.glob("*.pdf")), *(QZB / name for name in QZB_PDF)]
LONE_NUMERALS = {"section_numerals_merged", "subsection_numerals", "mixed_number_column", "chinese_numbered_tasks"}
"""Layouts whose number cells hold a Chinese numeral alone (``一 | 推进决策公开``),
beyond what the recogniser reads on a scan (docs/ocr.md, known limits): it
finds no text in a lone 一 (one stroke) and reads 三 and 四 of two stacked
one-line rows as one vertical line. Their rows are not compared with the
twins' (their metadata is); DOCX, PDF, HTML and OFD check them
(tests/test_layouts.py, tests/test_ofd.py)."""
METADATA = ["doc_number", "issuer", "title", "addressees", "signed_date", "publicity", "attachment_title", "cc",
            "printing_office", "printed_date"]
MIN_EQUAL_SHARE = 0.95


pytestmark = pytest.mark.usefixtures("recorded_ocr")


@functools.cache
def pair(path: Path) -> tuple[Converted, Converted]:
    """(text twin, scan) converted."""
    return convert(path.read_bytes(), path.name), convert(scanned(path), f"scan-{path.name}")


def test_scans_give_their_twins_task_rows():
    """At least 95 % of the tasks equal, field by field; every difference is printed."""
    equal = total = 0
    report = []
    for path in (p for p in TWINS if p.stem not in LONE_NUMERALS):
        twin, scan = pair(path)
        same, differences = task_differences(twin.tasks, scan.tasks)
        equal, total = equal + same, total + len(twin.tasks)
        report += [f"{path.name}: {same}/{len(twin.tasks)}"] + [f"    {d}" for d in differences]
    print("\n".join(report))
    assert total > 100
    assert equal >= MIN_EQUAL_SHARE * total, "\n".join(report)


@pytest.mark.parametrize("path", TWINS, ids=lambda p: p.stem)
def test_seal_over_the_signature_keeps_the_metadata(path):
    """A scan has a red seal over its 成文日期 and issuer's name, where it has them."""
    twin, scan = pair(path)
    assert {k: getattr(scan.document, k) for k in METADATA} == {k: getattr(twin.document, k) for k in METADATA}


@pytest.mark.parametrize("path", TWINS, ids=lambda p: p.stem)
def test_upright_scan_is_never_turned(path):
    """Every page of every upright scan is read as it lies (pages scanned
    turned: tests/test_ocr_orientation.py)."""
    _, scan = pair(path)
    assert not [w for w in scan.warnings if "sideways or upside down" in w]


def test_provenance_of_ocr_rows():
    twin, scan = pair(LAYOUTS / "full_notice.pdf")
    assert scan.document.text_source == "ocr" and twin.document.text_source == "text_layer"
    assert 0.9 < scan.document.ocr_confidence <= 1 and twin.document.ocr_confidence is None
    assert scan.ocr_pages == 1 and twin.ocr_pages == 0
    assert all(t.text_source == "ocr" and 0 < t.ocr_confidence <= 1 for t in scan.tasks)
    assert all(t.text_source == "text_layer" and t.ocr_confidence is None for t in twin.tasks)


def _page_image(pdf: bytes, number: int):
    doc = pypdfium2.PdfDocument(pdf)
    try:
        page = doc[number - 1]
        return page.render(scale=150 / 72, rev_byteorder=True).to_numpy()[..., :3], page.get_size()
    finally:
        doc.close()


def test_real_engine_offline_agrees_with_the_recording(monkeypatch):
    """The models load from the wheel with sockets refused, and read the
    same lines the recording holds for this page."""

    def refuse(*args, **kwargs):
        raise OSError("network unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    seen = []

    def real_and_recorded(image):
        seen.append((ocr_cache._real(image), ocr_cache.recorded(image)))
        return seen[-1][0]

    monkeypatch.setattr(engine, "recognise", real_and_recorded)
    engine._engine.cache_clear()
    document = extract_pdf(scanned(LAYOUTS / "full_notice.pdf"))
    assert document.ocr_pages == (1,)
    [(real, recorded)] = seen
    assert recorded is not None, "the recording does not know this page: re-record (tests/ocr_cache.py)"
    assert [line.text for line in real] == [line.text for line in recorded]
    twin, _ = pair(LAYOUTS / "full_notice.pdf")
    tasks = convert_document(document, "scan.pdf", "0" * 64).tasks
    assert task_differences(twin.tasks, tasks) == (len(twin.tasks), [])


def _mixed(path: Path, scanned_page: int) -> bytes:
    """The text PDF with one page replaced by its scan."""
    import io

    text, scan = pypdfium2.PdfDocument(path.read_bytes()), pypdfium2.PdfDocument(scanned(path))
    out = pypdfium2.PdfDocument.new()
    for number in range(1, len(text) + 1):
        source = scan if number == scanned_page else text
        out.import_pages(source, [number - 1])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_mixed_document_is_read_page_by_page():
    path = LAYOUTS / "gbt_three_columns.pdf"
    twin, _ = pair(path)
    mixed = convert(_mixed(path, 2), "mixed.pdf")
    assert mixed.ocr_pages == 1
    assert [t.text_source for t in mixed.tasks] == ["ocr" if t.page_start <= 2 <= t.page_end else "text_layer"
                                                    for t in twin.tasks]
    assert task_differences(twin.tasks, mixed.tasks)[0] >= MIN_EQUAL_SHARE * len(twin.tasks)
    never = convert(_mixed(path, 2), "mixed.pdf", ocr="never")
    assert never.ocr_pages == 0
    assert any("--ocr never" in w for w in never.warnings)


def test_batch_records_ocr_and_a_rerun_does_none(tmp_path: Path):
    """The manifest counts pages OCR'd and the seconds spent; a re-run answers
    from the cache (no OCR); another --ocr mode is not answered from it."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "scan.pdf").write_bytes(scanned(LAYOUTS / "full_notice.pdf"))
    out = tmp_path / "out"
    options = Options(jobs=1, converter=hooks.recorded_ocr_convert)
    assert run_batch(tmp_path / "in", out, options).n_ocr_pages == 1
    [row] = read_dataset(out, "manifest").itertuples()
    assert (row.status, row.ocr_pages, row.cached) == ("ok", 1, False) and row.ocr_seconds > 0
    assert list(read_dataset(out, "tasks").text_source) == ["ocr"] * 3
    assert run_batch(tmp_path / "in", out, options).n_ocr_pages == 0
    [row] = read_dataset(out, "manifest").itertuples()
    assert (row.ocr_pages, row.ocr_seconds, row.cached) == (1, 0.0, True)
    run_batch(tmp_path / "in", out, Options(jobs=1, converter=hooks.recorded_ocr_convert, ocr="never"))
    [row] = read_dataset(out, "manifest").itertuples()
    assert (row.status, row.error_code, row.cached) == ("error", "no_text_layer", False)


def test_models_are_the_wheels_own():
    """Pinned by path to the files inside the rapidocr package: nothing to download."""
    import rapidocr

    models = Path(rapidocr.__file__).resolve().parent / "models"
    config = engine._engine().cfg
    for stage, name in engine.MODEL_FILES.items():
        assert Path(config[stage].model_path) == models / name
    assert config.EngineConfig.onnxruntime.intra_op_num_threads == 1
