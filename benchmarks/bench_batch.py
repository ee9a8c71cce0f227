"""Batch throughput, scaling, cache benefit and memory, measured in one run.

    .venv/bin/python benchmarks/bench_batch.py [--files 200]

Builds a corpus of N copies of the sample notices in raw/ (each DOCX copy gets
distinct bytes through a zip comment, so the cache cannot answer one copy from
another), then builds the datasets with --jobs 1, with --jobs = all CPUs, and
again with a warm cache. Each build runs in a fresh process so that its peak
memory (RUSAGE_SELF) is its own; workers report theirs. Prints figures and never
asserts on them: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.run.workers import default_jobs  # noqa: E402
from tests.docxgen import distinct_copy  # noqa: E402

MEASURE = """
import json, resource, sys, time
from pathlib import Path
from pipeline.run.batch import Options, run_batch
started = time.perf_counter()
result = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), Options(jobs=int(sys.argv[3])))
print(json.dumps({"seconds": time.perf_counter() - started, "files": result.n_files, "failed": result.n_failed,
                  "cached": result.n_cached, "pages": result.n_pages,
                  "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": result.peak_worker_rss_kb / 1024}))
"""


def build_corpus(folder: Path, n_files: int) -> None:
    samples = sorted(ROOT.glob("raw/*.docx")) + sorted(ROOT.glob("raw/*.pdf"))
    for i in range(n_files):
        sample = samples[i % len(samples)]
        data = sample.read_bytes()
        if sample.suffix == ".docx":
            data = distinct_copy(data, f"benchmark copy {i}")
        else:  # bytes after %%EOF are ignored by PDF readers
            data += f"\n% benchmark copy {i}\n".encode()
        (folder / f"{i:04d}-{sample.name}").write_bytes(data)


def measure(inputs: Path, output: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(inputs), str(output), str(jobs)],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        build_corpus(inputs, args.files)
        serial = measure(inputs, Path(tmp) / "out1", 1)
        parallel = measure(inputs, Path(tmp) / "outN", cores)
        cached = measure(inputs, Path(tmp) / "outN", cores)
    pages = "n/a (DOCX has no pages)" if not serial["pages"] else None
    print(f"corpus: {serial['files']} files from raw/ ({serial['failed']} failed); {cores} CPUs")
    for label, run in (("--jobs 1", serial), (f"--jobs {cores}", parallel)):
        rate = run["files"] / run["seconds"]
        page_rate = pages or f"{run['pages'] / run['seconds']:.1f} pages/s"
        print(f"{label:>9}: {run['seconds']:6.2f} s  {rate:6.1f} files/s  {page_rate}")
    print(f"  scaling: {serial['seconds'] / parallel['seconds']:.2f}x with {cores} jobs")
    print(f"   cached: {cached['seconds']:6.2f} s = {cached['seconds'] / parallel['seconds']:.1%} of the first "
          f"--jobs {cores} run ({cached['cached']}/{cached['files']} files from cache)")
    print(f"peak RSS: parent {max(r['parent_mb'] for r in (serial, parallel, cached)):.0f} MB, "
          f"largest worker {max(serial['worker_mb'], parallel['worker_mb']):.0f} MB")


if __name__ == "__main__":
    main()
