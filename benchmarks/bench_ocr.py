"""OCR speed and accuracy on scanned renderings of our text-PDF fixtures.

    .venv/bin/python benchmarks/bench_ocr.py [PDF ...] [--dpi 150] [--diffs] [--turn 90]

Each text PDF is turned into a scan (tests/scans.py: grey paper, a red seal
over the signature, a fraction of a degree of tilt, blur, noise, JPEG) and
converted with the real engine. Prints pages/s and CPU-seconds per page (one
onnxruntime thread, as a batch worker runs it), and accuracy: tasks whose rows
equal the text twin's, field by field (``--diffs`` lists every difference).
``--dpi`` overrides the rendering resolution, to compare resolutions.
``--turn`` lays every sheet on the scanner turned that many degrees
counter-clockwise (a landscape table on a portrait scanner is 90 or 270), and
counts the pages read turned back by as much (extractors/ocr/orientation.py).
Run it with ``nice`` on a shared machine; it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import ocr  # noqa: E402
from extractors import pdf as pdf_reader  # noqa: E402
from pipeline.convert import convert  # noqa: E402
from tests.ocr_compare import task_differences  # noqa: E402
from tests.scans import scan_pdf  # noqa: E402

DEFAULT_INPUTS = [*sorted((ROOT / "tests" / "fixtures" / "layouts").glob("*.pdf")),
                  ROOT / "raw" / "泉政办〔2018〕51号.pdf", ROOT / "raw" / "泉政办〔2018〕51号-横版.pdf"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--dpi", type=int, default=ocr.RENDER_DPI)
    parser.add_argument("--diffs", action="store_true", help="list every field that differs from the text twin")
    parser.add_argument("--turn", type=int, choices=[0, 90, 180, 270], default=0,
                        help="degrees counter-clockwise each sheet lies on the scanner")
    args = parser.parse_args()
    pdf_reader.RENDER_DPI = args.dpi
    pages = equal = total = upright = 0
    wall = cpu = 0.0
    for path in args.inputs:
        source = path.read_bytes()
        twin = convert(source, path.name)
        scan = scan_pdf(source, turn=args.turn)
        started, started_cpu = time.perf_counter(), time.process_time()
        got = convert(scan, path.name)
        wall += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        pages += got.ocr_pages
        same, differences = task_differences(twin.tasks, got.tasks)
        equal, total = equal + same, total + len(twin.tasks)
        turned = dict(re.findall(r"(\d+): (\d+)", next((w for w in got.warnings if "upside down" in w), "")))
        right = sum(turned.get(str(n), "0") == str(args.turn) for n in range(1, got.ocr_pages + 1))
        upright += right
        print(f"{path.name:>28}: {got.ocr_pages:2d} pages  tasks equal {same}/{len(twin.tasks)}"
              f"  mean score {got.document.ocr_confidence or 0:.3f}  turned back right {right}", flush=True)
        if args.diffs:
            for difference in differences:
                print(f"{'':>30}{difference}")
    print(f"{pages} pages at {args.dpi} dpi: {pages / wall:.3f} pages/s, {cpu / pages:.2f} CPU-s/page, "
          f"{wall / pages:.2f} s/page")
    print(f"accuracy: {equal}/{total} tasks equal to the text twin ({equal / max(total, 1):.1%})")
    print(f"orientation: {upright}/{pages} pages read turned back by {args.turn} degrees")


if __name__ == "__main__":
    main()
