"""Batch runner: a folder of notices in, datasets and a run manifest out.

Errors are values here: a file that cannot be read becomes an ``error`` row in
the manifest with a stable code (docs/errors.md), and the run goes on with the
other files; a path that is not parsed at all (a hidden file, a link out of
INPUT_DIR, a FIFO, an unsupported kind) becomes a ``skipped`` row with its
reason (:mod:`pipeline.run.scan`). A run has these steps:

1. OUTPUT_DIR is checked and locked for the run (:mod:`pipeline.run.outdir`);
2. INPUT_DIR is scanned and every file to parse is hashed; a file whose bytes
   the cache already knows is answered from it (unless ``force``);
3. the others are parsed by the run's executor (:mod:`pipeline.run.executors`:
   local worker processes by default, or a Dask cluster), each file in a
   process of its own with a time and memory limit; its outcome is in the
   cache when its manifest row comes back (:mod:`pipeline.run.onefile`);
4. the datasets are streamed from the cache, file by file in scan order as
   the rows come (while later files are still being parsed), into a new
   generation folder (unit names resolved against the current alias table on
   the way); the cross-document step reads its documents, tasks and
   task_units and adds task_links (:mod:`pipeline.links`)
   (:func:`pipeline.run.generation.write_generation`);
5. one atomic switch publishes the generation (:func:`pipeline.datasets.generations.publish`).

So the parent holds one manifest row per file and one file's records at a time.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extractors import formats as registry
from extractors.ocr_modes import OcrMode
from pipeline.convert import convert
from pipeline.datasets import generations
from pipeline.datasets.records import PARTITION_BY, ManifestRecord
from pipeline.run.cache import Cache
from pipeline.run.executors import Executor, LocalPool
from pipeline.run.names import printable
from pipeline.run.onefile import Converter, FileJob, Work, error_row, file_sha256, manifest_row, unreadable_row
from pipeline.run.outdir import claim
from pipeline.run.scan import Skipped, scan
from pipeline.run.workers import Limits, default_jobs

log = logging.getLogger(__name__)

DUPLICATE_NOTE = "same bytes as"
"""Warning on a file identical to an earlier one: a document (doc_id, from the
bytes) is written once, under the first path; the manifest lists every path."""

@dataclass(frozen=True)
class Options:
    jobs: int = field(default_factory=default_jobs)
    limits: Limits = Limits()
    force: bool = False
    """Parse every file again, ignoring (and refreshing) the cache."""
    converter: Converter = convert
    """bytes → records; a module-level function (it is sent to worker processes)."""
    formats: tuple[registry.Format, ...] = field(default_factory=lambda: tuple(registry.FORMATS))
    """The input formats of the run: the registry as it is when the options are
    made, formats registered at run time included; workers adopt it."""
    follow_links: bool = False
    """Follow symbolic links out of INPUT_DIR and links to folders (see :mod:`pipeline.run.scan`)."""
    wait: bool = True
    """Wait for another run holding OUTPUT_DIR; when false, raise :class:`pipeline.run.outdir.OutputBusy`."""
    workbook: bool = False
    """Also write notices.xlsx into the generation."""
    executor: Executor | None = None
    """Where files are parsed (:mod:`pipeline.run.executors`); None: a local pool of *jobs* processes."""
    partition_by: str | None = None
    """``year``: the per-document datasets as hive-partitioned folders (:mod:`pipeline.datasets.partitions`)."""
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``--ocr``)."""

    def __post_init__(self) -> None:
        if self.partition_by not in (None, *PARTITION_BY):
            raise ValueError(f"partition_by must be one of {PARTITION_BY}, not {self.partition_by!r}")


@dataclass
class BatchResult:
    n_files: int = 0
    n_failed: int = 0
    n_warned: int = 0
    n_cached: int = 0
    n_skipped: int = 0
    n_pages: int = 0
    n_ocr_pages: int = 0
    """Pages recognised in this run (not those answered from the cache)."""
    peak_worker_rss_kb: int = 0
    generation: Path | None = None
    """The published generation's folder."""

    @property
    def n_ok(self) -> int:
        return self.n_files - self.n_failed - self.n_skipped

    def count(self, row: ManifestRecord) -> None:
        self.n_files += 1
        self.n_failed += row.status == "error"
        self.n_skipped += row.status == "skipped"
        self.n_warned += row.status == "ok" and bool(row.warnings)
        self.n_cached += row.cached
        self.n_pages += row.n_pages or 0
        self.n_ocr_pages += 0 if row.cached else row.ocr_pages


class Reporter(Protocol):
    """Who hears of a run's progress (see :class:`pipeline.run.progress.Progress`)."""

    def start(self, total: int) -> None: ...

    def file_done(self, row: ManifestRecord) -> None: ...

    def published(self, generation: Path) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def file_done(self, row: ManifestRecord) -> None:
        pass

    def published(self, generation: Path) -> None:
        pass


SILENT: Reporter = _Silent()


def run_batch(input_dir: Path, output_dir: Path, options: Options = Options(),
              reporter: Reporter = SILENT) -> BatchResult:
    """Convert every input into the datasets in *output_dir*.

    Raises :class:`pipeline.run.outdir.OutputUnusable` before parsing anything
    when *output_dir* cannot take the datasets, :class:`pipeline.run.outdir.DiskFull` when its
    device fills up while they are written, and
    :class:`pipeline.run.executors.ExecutorLost` when the executor's cluster is
    lost during the run; in each case nothing is published.
    """
    def wait_message(holder: str) -> None:
        log.warning("waiting for another build (%s) to finish with %s …", holder, printable(str(output_dir)))

    with claim(output_dir, options.wait, wait_message):
        generations.tidy(output_dir)
        cache = Cache(output_dir, registry.readers_key(options.formats), options.ocr)
        settled = parse_all(input_dir, cache, options, reporter)  # the workers start now …
        # … and warm up while this process loads the writers (pyarrow: some 0.2 s), imported here for that
        from pipeline.run.generation import published_names, write_generation

        peaks: list[int] = []

        def rows() -> Iterator[ManifestRecord]:
            for item in settled:
                peaks.append(item.peak_rss_kb)
                yield item.row

        partial, manifest = write_generation(output_dir, rows(), cache, options.workbook, options.partition_by)
        result = BatchResult(peak_worker_rss_kb=max(peaks, default=0))
        for row in manifest:
            result.count(row)
        with _signals_deferred():  # an interrupt now would leave the user unsure which datasets are out
            result.generation = generations.publish(output_dir, partial, published_names())
            reporter.published(result.generation)
        cache.prune({row.sha256 for row in manifest if row.sha256})
    return result


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done (they are delivered right after)."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class _Settled:
    row: ManifestRecord
    peak_rss_kb: int = 0


def parse_all(input_dir: Path, cache: Cache, options: Options, reporter: Reporter) -> Iterator[_Settled]:
    """Steps 2 and 3: a manifest row for every path below *input_dir*, in scan order.

    The scan, the hashing and the cache lookups happen in this call, and the
    executor is handed the files to parse (the local pool starts its workers
    at once); the rows come as the returned iterator is read, each as soon as
    it and every row before it are settled, so the datasets are written while
    the workers parse.
    """
    found = list(scan(input_dir, options.formats, options.follow_links))
    rows: list[_Settled | None] = [None] * len(found)
    jobs: list[FileJob] = []
    first_path: dict[str, str] = {}
    reporter.start(len(found))

    def settle(index: int, row: ManifestRecord, peak_rss_kb: int = 0) -> None:
        first = first_path.get(row.sha256 or "")
        if row.status == "ok" and first is not None and first != row.source_path:
            row.warnings = [*row.warnings, f"{DUPLICATE_NOTE} {first}"]
        rows[index] = _Settled(row, peak_rss_kb)
        reporter.file_done(row)

    for index, item in enumerate(found):
        if isinstance(item, Skipped):
            settle(index, error_row(item.rel, None, item.code, item.message, 0.0, status=item.status))
            continue
        started = time.perf_counter()
        try:
            sha256 = file_sha256(item.path)
        except OSError as exc:
            settle(index, unreadable_row(item.rel, exc, time.perf_counter() - started))
            continue
        first_path.setdefault(sha256, item.rel)
        head = None if options.force else cache.head(sha256)
        if head is None:
            jobs.append(FileJob(index, item.path, item.rel, sha256))
        else:
            settle(index, manifest_row(item.rel, head, time.perf_counter() - started, cached=True))

    executor = options.executor or LocalPool(options.jobs)
    parsed = executor.parse(jobs, cache, Work(options.converter, options.formats, options.limits, options.ocr))

    def in_scan_order() -> Iterator[_Settled]:
        ready = 0
        for done in itertools.chain([None], parsed):  # first the rows settled above
            if done is not None:
                settle(done.job.index, done.row, done.peak_rss_kb)
            while ready < len(rows) and (item := rows[ready]) is not None:
                ready += 1
                yield item
        if ready < len(rows):  # an executor that lost a file: fail loudly rather than leave it out of the manifest
            raise RuntimeError(f"the executor gave no row for {found[ready].rel}")

    return in_scan_order()
