"""Batch throughput, scaling, cache benefit, memory, and the Dask executor, measured in one run.

    .venv/bin/python benchmarks/bench_batch.py [--files 200] [--notices 300000] [--workers 8 32 128]

Builds a corpus of N copies of the sample notices in raw/ (each DOCX copy gets
distinct bytes through a zip comment, so the cache cannot answer one copy from
another), then builds the datasets with --jobs 1, with --jobs = all CPUs, and
again with a warm cache. Each build runs in a fresh process so that its peak
memory (RUSAGE_SELF) is its own; workers report theirs.

When the dask extra is installed it then builds the same corpus with
``--executor dask`` on a LocalCluster of as many worker processes (cluster
start timed apart), measures the per-task overhead (a task whose file fails at
once: scheduling, shipping, the per-file process and the answer), and
extrapolates the wall time of a national corpus on N workers, printing the
assumptions. Prints figures and never asserts on them: timings depend on the machine.
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

MEASURE_DASK = """
import json, sys, time
from pathlib import Path
from distributed import Client
from pipeline import PARSER_VERSION
from pipeline.convert import convert
from pipeline.run.batch import Options, run_batch
from pipeline.run.dask_executor import DaskExecutor, local_cluster, parse_remote
from pipeline.run.onefile import Work
from pipeline.run.workers import Limits

if __name__ == "__main__":
    jobs, n_noop = int(sys.argv[3]), int(sys.argv[4])
    started = time.perf_counter()
    with local_cluster(jobs) as cluster, Client(cluster) as client:
        start = time.perf_counter() - started
        began = time.perf_counter()
        result = run_batch(Path(sys.argv[1]), Path(sys.argv[2]),
                           Options(jobs=jobs, executor=DaskExecutor(cluster.scheduler_address, jobs)))
        build = time.perf_counter() - began
        work = Work(convert, Options().formats, Limits())
        began = time.perf_counter()
        futures = [client.submit(parse_remote, b"", f"{i}.docx", work, PARSER_VERSION, key=f"noop-{i}")
                   for i in range(n_noop)]
        client.gather(futures)
        noop = time.perf_counter() - began
    print(json.dumps({"start": start, "seconds": build, "files": result.n_files, "failed": result.n_failed,
                      "noop_seconds": noop, "noop_tasks": n_noop}))
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


def measure(script: str, *args: object) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)],
                          cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def has_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def extrapolate(notices: int, workers: list[int], serial: dict, dask: dict, cached: dict, cores: int) -> None:
    """Wall time of *notices* on N Dask workers, from this run's per-file figures."""
    parse = serial["seconds"] / serial["files"]  # one core's time per file, parsing and writing included
    overhead = dask["noop_seconds"] / dask["noop_tasks"] * cores  # a worker's time per task beyond parsing
    driver = cached["seconds"] / cached["files"]  # the driver's own time per file: hash, cache, datasets
    print(f"extrapolation to {notices:,} notices (assumptions: files like these samples, a mix of 9-page PDFs "
          f"and DOCX with a text layer, no OCR; one worker = one core of this machine parsing {parse:.3f} s/file "
          f"plus {overhead * 1000:.0f} ms of task overhead; the driver alone scans, hashes and writes the datasets at "
          f"{driver * 1000:.1f} ms/file as in the cached re-run, which no worker count shortens; storing the "
          "answers in its cache and the network time of shipping bytes are not counted):")
    for n in workers:
        cluster = notices * (parse + overhead) / n
        floor = notices * driver
        print(f"  {n:>5} workers: {max(cluster, floor) / 3600:6.2f} h  (workers {cluster / 3600:.2f} h, "
              f"driver {floor / 3600:.2f} h{'; the driver is the bottleneck' if floor > cluster else ''})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--notices", type=int, default=300_000, help="corpus size to extrapolate to")
    parser.add_argument("--workers", type=int, nargs="+", default=[8, 32, 128], help="cluster sizes to extrapolate")
    args = parser.parse_args()
    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        build_corpus(inputs, args.files)
        serial = measure(MEASURE, inputs, Path(tmp) / "out1", 1)
        parallel = measure(MEASURE, inputs, Path(tmp) / "outN", cores)
        cached = measure(MEASURE, inputs, Path(tmp) / "outN", cores)
        dask = measure(MEASURE_DASK, inputs, Path(tmp) / "outD", cores, 100) if has_dask() else None
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
    if dask is None:
        print("dask: not installed (pip install -e '.[dask]'), skipped")
        return
    print(f"    dask: {dask['seconds']:6.2f} s  {dask['files'] / dask['seconds']:6.1f} files/s on a LocalCluster of "
          f"{cores} workers ({dask['failed']} failed; cluster start {dask['start']:.1f} s, not counted) = "
          f"{parallel['seconds'] / dask['seconds']:.2f}x the local pool's files/s")
    print(f"overhead: {dask['noop_seconds'] / dask['noop_tasks'] * 1000:.1f} ms per task on the cluster "
          f"({dask['noop_tasks']} tasks of an empty file: scheduling, the per-file process, the answer; "
          f"{dask['noop_seconds'] / dask['noop_tasks'] * cores * 1000:.0f} ms of a worker each)")
    extrapolate(args.notices, args.workers, serial, dask, cached, cores)


if __name__ == "__main__":
    main()
