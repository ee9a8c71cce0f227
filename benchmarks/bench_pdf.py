"""Throughput of our PDF path with each engine against bare pdfplumber, and of OFD beside it, in one run.

    .venv/bin/python benchmarks/bench_pdf.py [PDF or folder ...] [--repeat N]

Bare pdfplumber is what any user of it pays anyway (open, then
``extract_tables`` on every page). Each PDF engine (pdfium, the default, and
pdfminer, the reference) is timed for extraction alone and for the whole
bytes-to-records path (structuring, normalization, metadata, records); the
ratios are to bare pdfplumber. Times are CPU seconds of this process
(``time.process_time``), best of N, so that other work on a shared machine
disturbs them little. The OFD lines read the OFD twins of the same PDFs
(tests/fixtures/ofd/twins, both writing styles) through the same layout stage.
Prints figures; never asserts a time.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from extractors import formats as registry
from extractors import pdf as pdfminer_engine
from extractors import pdfium as pdfium_engine
from extractors.ofd import extract_ofd
from pipeline.convert import convert

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "raw", ROOT / "tests" / "fixtures" / "corpus"]
TWINS = ROOT / "tests" / "fixtures" / "ofd" / "twins"


def bare_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def full_path(engine: str) -> Callable[[bytes], object]:
    """Everything the batch does to a PDF's bytes with *engine*: extract, structure, normalize, records."""
    formats = registry.with_pdf_engine(registry.FORMATS, engine)

    def run(data: bytes) -> object:
        registry.use(formats)
        return convert(data, "bench.pdf")
    return run


def pdf_files(inputs: list[Path]) -> list[Path]:
    files: dict[str, Path] = {}
    for item in inputs:
        for path in sorted(item.glob("*.pdf")) if item.is_dir() else [item]:
            files.setdefault(path.name, path)  # the same sample in raw/ and fixtures/ counts once
    return list(files.values())


def timed(fn: Callable[[bytes], object], blobs: list[bytes], repeat: int) -> float:
    """Best of *repeat* runs over all files, in CPU seconds: the least disturbed one."""
    fn(blobs[0])  # first-use costs (imports, caches) are the warm workers' business, not this figure's
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for data in blobs:
            fn(data)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = pdf_files(args.inputs)
    blobs = [f.read_bytes() for f in files]
    pages = 0
    for data in blobs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)
    print(f"{len(files)} PDFs, {pages} pages, CPU seconds, best of {args.repeat}")

    paths: list[tuple[str, Callable[[bytes], object]]] = [
        ("bare pdfplumber", bare_pdfplumber),
        ("extract pdfminer", pdfminer_engine.extract_pdf), ("extract pdfium", pdfium_engine.extract_pdf),
        ("records pdfminer", full_path("pdfminer")), ("records pdfium", full_path("pdfium"))]
    base = None
    for label, fn in paths:
        seconds = timed(fn, blobs, args.repeat)
        base = base or seconds
        print(f"{label:>16}: {seconds:7.3f} s  {pages / seconds:7.1f} pages/s  ratio {seconds / base:4.2f}x")
    registry.use(registry.with_pdf_engine(registry.FORMATS, registry.DEFAULT_PDF_ENGINE))
    extract_pdf = pdfium_engine.extract_pdf

    for style in ("runs", "chars"):
        twins = [TWINS / f"{f.stem}.{style}.ofd" for f in files if (TWINS / f"{f.stem}.{style}.ofd").exists()]
        if not twins:
            continue
        twin_pdfs = [f.read_bytes() for f in files if (TWINS / f"{f.stem}.{style}.ofd").exists()]
        twin_pages = sum(extract_ofd(t.read_bytes()).n_pages or 0 for t in twins)
        print(f"OFD twins ({style}) of {len(twins)} of these PDFs, {twin_pages} pages:")
        for label, fn, blobs_ in (("extract pdfium", extract_pdf, twin_pdfs),
                                  ("extract_ofd", extract_ofd, [t.read_bytes() for t in twins])):
            seconds = timed(fn, blobs_, args.repeat)
            print(f"{label:>16}: {seconds:7.3f} s  {twin_pages / seconds:7.1f} pages/s")


if __name__ == "__main__":
    main()
