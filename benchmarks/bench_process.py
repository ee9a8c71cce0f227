"""Whole processes on the same files: ``build`` against one bare-pdfplumber process, and against a python-docx loop.

    .venv/bin/python benchmarks/bench_process.py [--copies 8] [--repeat 3]

What a user pays end to end: interpreter start, imports, the forkserver and
its warm-up, the workers, writing the datasets. PDF: copies of the benchmark
PDFs (raw/ and tests/fixtures/corpus, distinct bytes per copy) built with
``--jobs 1`` and ``--jobs 2`` (each engine), against one process that opens
every file with pdfplumber and runs ``extract_tables`` on every page. DOCX:
copies of raw/'s DOCX built with ``--jobs 2`` against one process that opens
each with python-docx and reads every paragraph and cell (the ratio is of
files per second of wall-clock, the build's over the loop's: the goal is 1 or
more).

Times are CPU seconds of the process and all its descendants: this script
makes itself the child subreaper (Linux ``PR_SET_CHILD_SUBREAPER``), so the
forkserver, which outlives ``build`` for a moment, is reaped here and its
workers' time counted. Best of N; bytecode caches are written by a first,
untimed run, as a user's second run has them. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.docxgen import distinct_copy  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36

BARE_PDFPLUMBER = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
"""

PYTHON_DOCX = """
import sys, docx
for path in sys.argv[1:]:
    document = docx.Document(path)
    text = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
"""


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reap_orphans() -> None:
    """Wait for descendants reparented to this process (the forkserver)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


USER_ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""The commands run as a user's do: writing bytecode caches, even where this
script's own environment (a sandbox, a CI image) forbids it."""


def cpu_of(command: list[str]) -> tuple[float, float]:
    """(CPU seconds of the command and its descendants, wall seconds)."""
    before, started = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=USER_ENVIRONMENT)
    reap_orphans()
    return children_cpu() - before, time.perf_counter() - started


def best(command: list[str], repeat: int, fresh: Path | None = None) -> tuple[float, float]:
    cpu_of(command)  # bytecode caches and the page cache, as a user's second run has them
    runs = []
    for _ in range(repeat):
        if fresh is not None:
            subprocess.run(["rm", "-rf", str(fresh)], check=True)
        runs.append(cpu_of(command))
    return min(runs)


def copies(samples: list[Path], folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        for sample in samples:
            data = sample.read_bytes()
            data = distinct_copy(data, f"copy {i}") if sample.suffix == ".docx" else data + f"\n% copy {i}\n".encode()
            path = folder / f"{i:03d}-{sample.name}"
            path.write_bytes(data)
            out.append(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    python = sys.executable
    pdfs = sorted({p.name: p for p in [*ROOT.glob("raw/*.pdf"), *ROOT.glob("tests/fixtures/corpus/*.pdf")]}.values())
    with tempfile.TemporaryDirectory(prefix="bench-process-") as tmp:
        pdf_in = Path(tmp) / "pdf"
        files = copies(pdfs, pdf_in, args.copies)
        print(f"{len(files)} PDFs ({len(pdfs)} samples × {args.copies}), CPU seconds incl. child processes, "
              f"best of {args.repeat}")
        base, base_wall = best([python, "-c", BARE_PDFPLUMBER, *map(str, files)], args.repeat)
        print(f"{'bare pdfplumber, 1 process':>32}: {base:6.2f} s CPU  {base_wall:6.2f} s wall  ratio 1.00x")
        for engine in ("pdfminer", "pdfium"):
            for jobs in (1, 2):
                out = Path(tmp) / f"out-{engine}-{jobs}"
                cpu, wall = best([python, "-m", "pipeline", "build", str(pdf_in), str(out), "--jobs", str(jobs),
                                  "-q", "--pdf-engine", engine], args.repeat, fresh=out)
                print(f"{f'build --jobs {jobs} ({engine})':>32}: {cpu:6.2f} s CPU  {wall:6.2f} s wall  "
                      f"ratio {cpu / base:4.2f}x")

        docx_in = Path(tmp) / "docx"
        docs = copies(sorted(ROOT.glob("raw/*.docx")), docx_in, args.copies * 4)
        print(f"{len(docs)} DOCX files, files per second (CPU and wall), best of {args.repeat}")
        loop, loop_wall = best([python, "-c", PYTHON_DOCX, *map(str, docs)], args.repeat)
        out = Path(tmp) / "out-docx"
        cpu, wall = best([python, "-m", "pipeline", "build", str(docx_in), str(out), "--jobs", "2", "-q"],
                         args.repeat, fresh=out)
        for label, c, w in (("python-docx loop, 1 process", loop, loop_wall), ("build --jobs 2", cpu, wall)):
            print(f"{label:>32}: {len(docs) / c:6.1f} files/CPU-s  {len(docs) / w:6.1f} files/s wall  "
                  f"ratio {loop_wall / w:4.2f}x")


if __name__ == "__main__":
    main()
