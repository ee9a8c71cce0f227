"""Batch runner: a folder of notices in, datasets and a run manifest out.

Errors are values here: a file that cannot be read becomes an ``error`` row in
the manifest with a stable code (docs/errors.md), and the run goes on with the
other files; a path that is not parsed at all (a hidden file, a link out of
INPUT_DIR, a FIFO, an unsupported kind) becomes a ``skipped`` row with its
reason (:mod:`pipeline.run.scan`). A run has these steps:

1. OUTPUT_DIR is checked and locked for the run (:mod:`pipeline.run.outdir`);
2. INPUT_DIR is scanned and every file to parse is hashed; a file whose bytes
   the cache already knows is answered from it (unless ``force``);
3. the others are parsed in worker processes with a time and memory limit
   (:mod:`pipeline.run.workers`); each worker stores its outcome in the cache and
   answers with the file's manifest row only (:func:`process_file`);
4. the datasets are streamed from the cache, file by file, into a new
   generation folder (unit names resolved against the current alias table on
   the way); the cross-document step reads its documents, tasks and
   task_units and adds task_links (:mod:`pipeline.links`) (:func:`write_generation`);
5. one atomic switch publishes the generation (:func:`pipeline.datasets.generations.publish`).

So the parent holds one manifest row per file and one file's records at a time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extractors import formats as registry
from extractors.model import ExtractionError
from extractors.ocr import OcrMode
from pipeline.convert import Converted, convert, unit_records
from pipeline.datasets import generations
from pipeline.datasets.records import ManifestRecord
from pipeline.datasets.writers import DatasetFiles, dataset_file_names
from pipeline.datasets.xlsx import WORKBOOK_NAME, write_workbook
from pipeline.links.dataset import task_links
from pipeline.run.cache import Cache, Entry, Head, same_outcome_modes
from pipeline.run.names import printable
from pipeline.run.outdir import claim, is_disk_full
from pipeline.run.scan import Skipped, scan
from pipeline.run.workers import Done, Failure, Limits, default_jobs, run_isolated

log = logging.getLogger(__name__)

MACHINE_DEPENDENT_CODES = frozenset({"needs_libreoffice", "conversion_failed", "needs_ocr"})
"""Errors that depend on this machine rather than on the file's bytes: not
cached, so installing LibreOffice or the OCR extra is enough for the next run
to read the file."""

NOT_CACHED_CODES = MACHINE_DEPENDENT_CODES | {"timeout", "memory_limit", "worker_crashed", "internal_error",
                                              "disk_full", "unreadable_file"}
"""Outcomes the next run tries again: the machine's, the limits', and failures of the worker itself."""

DUPLICATE_NOTE = "same bytes as"
"""Warning on a file identical to an earlier one: a document (doc_id, from the
bytes) is written once, under the first path; the manifest lists every path."""

Converter = Callable[[bytes, str, OcrMode], Converted]

WARM_UP = "pipeline.run.warm"
"""Imported by the workers' forkserver before it forks: readers loaded, caches filled."""


class DiskFull(Exception):
    """The device of OUTPUT_DIR filled up while the datasets were written; the
    previous datasets are unchanged (the unfinished generation was discarded)."""


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
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``--ocr``)."""


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


@dataclass(frozen=True)
class FileJob:
    index: int
    path: Path
    rel: str
    sha256: str


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_row(rel: str, head: Head, seconds: float, cached: bool, ocr_seconds: float = 0.0) -> ManifestRecord:
    return ManifestRecord(
        source_path=rel,
        sha256=head.sha256,
        source_format=head.source_format,
        status="ok" if head.ok else "error",
        error_code=head.error_code,
        error=head.error,
        warnings=list(head.warnings),
        n_tasks=head.n_tasks,
        n_pages=head.n_pages,
        seconds=seconds,
        cached=cached,
        ocr_pages=head.ocr_pages,
        ocr_seconds=ocr_seconds,
    )


def error_row(rel: str, sha256: str | None, code: str, message: str, seconds: float,
              status: str = "error") -> ManifestRecord:
    """A file that gave no entry: unreadable, its worker failed, or it was skipped."""
    return ManifestRecord(source_path=rel, sha256=sha256, source_format=None, status=status, error_code=code,
                          error=message, warnings=[], n_tasks=0, n_pages=None, seconds=seconds)


def is_kept(row: ManifestRecord) -> bool:
    """Whether a parsed file's outcome is in the cache for the next run."""
    return row.status == "ok" or row.error_code not in NOT_CACHED_CODES


def process_file(job: FileJob, cache: Cache, converter: Converter,
                 known: tuple[registry.Format, ...], ocr: OcrMode = "auto") -> ManifestRecord:
    """Worker side: parse one file with the run's formats, store the outcome in
    the cache, answer its manifest row.

    Errors the file causes are answered as rows; anything else (a bug, memory
    exhaustion) propagates to the worker wrapper, which reports it by code.
    """
    registry.use(known)
    started = time.perf_counter()
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        return error_row(job.rel, None, "unreadable_file", str(exc), time.perf_counter() - started)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        converted = converter(data, job.rel, ocr)
        entry = Entry(sha256, converted.document.source_format, converted,
                      ocr_modes=same_outcome_modes(converted, ocr))
    except ExtractionError as exc:
        entry = Entry(sha256, None, error_code=exc.code, error=exc.message, ocr_modes=(ocr,))
    if entry.error_code not in MACHINE_DEPENDENT_CODES:
        cache.store(entry)  # a full disk raises here, and the worker answers `disk_full`
    ocr_seconds = entry.converted.ocr_seconds if entry.converted is not None else 0.0
    return manifest_row(job.rel, Head.of(entry), time.perf_counter() - started, cached=False,
                        ocr_seconds=ocr_seconds)


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
    when *output_dir* cannot take the datasets, and :class:`DiskFull` when its
    device fills up while they are written.
    """
    def wait_message(holder: str) -> None:
        log.warning("waiting for another build (%s) to finish with %s …", holder, printable(str(output_dir)))

    with claim(output_dir, options.wait, wait_message):
        generations.tidy(output_dir)
        cache = Cache(output_dir, registry.readers_key(options.formats), options.ocr)
        rows = parse_all(input_dir, cache, options, reporter)
        result = BatchResult(peak_worker_rss_kb=max((r.peak_rss_kb for r in rows), default=0))
        manifest = [r.row for r in rows]
        partial = write_generation(output_dir, manifest, cache, options.workbook)
        for row in manifest:
            result.count(row)
        with _signals_deferred():  # an interrupt now would leave the user unsure which datasets are out
            result.generation = generations.publish(output_dir, partial, [*dataset_file_names(), WORKBOOK_NAME])
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


def parse_all(input_dir: Path, cache: Cache, options: Options, reporter: Reporter) -> list[_Settled]:
    """Steps 2 and 3: a manifest row for every path below *input_dir*, in scan order."""
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
            settle(index, error_row(item.rel, None, "unreadable_file", str(exc), time.perf_counter() - started))
            continue
        first_path.setdefault(sha256, item.rel)
        head = None if options.force else cache.head(sha256)
        if head is None:
            jobs.append(FileJob(index, item.path, item.rel, sha256))
        else:
            settle(index, manifest_row(item.rel, head, time.perf_counter() - started, cached=True))

    worker = functools.partial(process_file, cache=cache, converter=options.converter, known=options.formats,
                               ocr=options.ocr)
    for done in run_isolated(jobs, worker, options.jobs, options.limits, preload=[WARM_UP]):
        settle(done.task.index, _row_of(done), done.peak_rss_kb or 0)
    return [r for r in rows if r is not None]


def write_generation(output_dir: Path, manifest: list[ManifestRecord], cache: Cache, workbook: bool) -> Path:
    """Step 4: every dataset, from the cache, into a new unpublished generation folder.

    A document whose bytes an earlier path already gave is written once, under
    that first path. Anything that stops the writing discards the folder; a
    full disk is raised as :class:`DiskFull`.
    """
    partial = generations.new_generation(output_dir)
    out = DatasetFiles(partial)
    try:
        written: set[str] = set()
        for row in manifest:
            if row.status == "ok" and row.sha256 not in written:
                written.add(row.sha256 or "")
                _write_records(out, cache, row)
        out.add("task_links", task_links(out.complete("documents", "tasks", "task_units")))
        out.add("manifest", manifest)
        out.close()
        if workbook:
            write_workbook(partial)
    except BaseException as exc:
        out.abandon()
        generations.discard(partial)
        if is_disk_full(exc):
            raise DiskFull(f"no space left on the device of {printable(str(output_dir))} "
                           "while writing the datasets") from exc
        raise
    return partial


def _row_of(done: Done[FileJob, ManifestRecord]) -> ManifestRecord:
    if isinstance(done.result, Failure):
        if done.result.detail:
            log.debug("%s", done.result.detail, extra={"multiline": True})
        return error_row(done.task.rel, done.task.sha256, done.result.code, done.result.message, done.seconds)
    return done.result


def _write_records(out: DatasetFiles, cache: Cache, row: ManifestRecord) -> None:
    entry = cache.load(row.sha256 or "")
    if entry is None or entry.converted is None:  # the cache changed under this run: fail the file, not the run
        row.status, row.error_code, row.n_tasks = "error", "internal_error", 0
        row.error = "the file's cached records disappeared during the run; run again"
        return
    c = entry.converted
    c.document.source_path = row.source_path  # the same bytes may lie under another name than when cached
    # task_units again from the tasks, so an edited alias table takes effect without parsing again
    rows = c.rows() | {"task_units": unit_records(c.document, c.tasks)}
    for name, records in rows.items():
        out.add(name, records)
