"""Batch runner: a folder of notices in, datasets and a run manifest out.

Errors are values here: a file that cannot be read becomes an ``error`` row in
the manifest with a stable code (docs/errors.md), and the run goes on with the
other files. A run has three phases:

1. every input is hashed; a file whose bytes the cache already knows is
   answered from it (unless ``force``);
2. the others are parsed in worker processes with a time and memory limit
   (:mod:`pipeline.run.workers`); each worker stores its outcome in the cache and
   answers with the file's manifest row only;
3. the datasets are streamed from the cache, file by file, into a staging
   folder and renamed into place together (:class:`pipeline.datasets.writers.StagedOutput`).

So the parent holds one manifest row per file and one file's records at a time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extractors import formats as registry
from extractors.model import ExtractionError
from extractors.ocr import OcrMode
from pipeline.run.cache import Cache, Entry, same_outcome_modes
from pipeline.convert import Converted, convert
from pipeline.datasets.records import ManifestRecord
from pipeline.run.workers import Done, Failure, Limits, default_jobs, run_isolated
from pipeline.datasets.writers import StagedOutput

log = logging.getLogger(__name__)

MACHINE_DEPENDENT_CODES = frozenset({"needs_libreoffice", "conversion_failed", "needs_ocr"})
"""Errors that depend on this machine rather than on the file's bytes: not
cached, so installing LibreOffice or the OCR extra is enough for the next run
to read the file."""

DUPLICATE_NOTE = "same bytes as"
"""Warning on a file identical to an earlier one: a document (doc_id, from the
bytes) is written once, under the first path; the manifest lists every path."""

Converter = Callable[[bytes, str, OcrMode], Converted]


def find_inputs(input_dir: Path, known: tuple[registry.Format, ...]) -> list[Path]:
    """Files below *input_dir* with a suffix of one of the *known* formats,
    recursively, in a stable order. Which reader handles one is decided by
    its content."""
    suffixes = tuple(s for fmt in known for s in fmt.suffixes)
    return sorted(
        p for p in input_dir.rglob("*")
        if p.is_file() and p.name.lower().endswith(suffixes)
        and not any(part.startswith(".") for part in p.relative_to(input_dir).parts)
    )


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
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``--ocr``)."""


@dataclass
class BatchResult:
    n_files: int = 0
    n_failed: int = 0
    n_warned: int = 0
    n_cached: int = 0
    n_pages: int = 0
    n_ocr_pages: int = 0
    """Pages recognised in this run (not those answered from the cache)."""
    peak_worker_rss_kb: int = 0

    @property
    def n_ok(self) -> int:
        return self.n_files - self.n_failed

    def count(self, row: ManifestRecord) -> None:
        self.n_files += 1
        self.n_failed += row.status == "error"
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


def manifest_row(rel: str, entry: Entry, seconds: float, cached: bool, ocr_seconds: float = 0.0) -> ManifestRecord:
    c = entry.converted
    return ManifestRecord(
        source_path=rel,
        sha256=entry.sha256,
        source_format=entry.source_format,
        status="ok" if c is not None else "error",
        error_code=entry.error_code,
        error=entry.error,
        warnings=c.warnings if c is not None else [],
        n_tasks=len(c.tasks) if c is not None else 0,
        n_pages=c.n_pages if c is not None else None,
        seconds=seconds,
        cached=cached,
        ocr_pages=c.ocr_pages if c is not None else 0,
        ocr_seconds=ocr_seconds,
    )


def error_row(rel: str, sha256: str | None, code: str, message: str, seconds: float) -> ManifestRecord:
    """A file that gave no entry: unreadable, or its worker failed."""
    return ManifestRecord(source_path=rel, sha256=sha256, source_format=None, status="error", error_code=code,
                          error=message, warnings=[], n_tasks=0, n_pages=None, seconds=seconds)


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
        cache.store(entry)
    ocr_seconds = entry.converted.ocr_seconds if entry.converted is not None else 0.0
    return manifest_row(job.rel, entry, time.perf_counter() - started, cached=False, ocr_seconds=ocr_seconds)


class Reporter(Protocol):
    """Who hears of a run's progress (see :class:`pipeline.run.progress.Progress`)."""

    def start(self, total: int) -> None: ...

    def file_done(self, row: ManifestRecord) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def file_done(self, row: ManifestRecord) -> None:
        pass


def run_batch(input_dir: Path, output_dir: Path, options: Options = Options(),
              reporter: Reporter = _Silent()) -> BatchResult:
    """Convert every input into the datasets in *output_dir*."""
    cache = Cache(output_dir)
    inputs = find_inputs(input_dir, options.formats)
    rows: list[ManifestRecord | None] = [None] * len(inputs)
    jobs: list[FileJob] = []
    result = BatchResult()
    reporter.start(len(inputs))

    def settle(index: int, row: ManifestRecord) -> None:
        rows[index] = row
        reporter.file_done(row)

    for index, path in enumerate(inputs):
        rel = path.relative_to(input_dir).as_posix()
        started = time.perf_counter()
        try:
            sha256 = file_sha256(path)
        except OSError as exc:
            settle(index, error_row(rel, None, "unreadable_file", str(exc), time.perf_counter() - started))
            continue
        entry = None if options.force else cache.load(sha256, options.ocr)
        if entry is None:
            jobs.append(FileJob(index, path, rel, sha256))
        else:
            settle(index, manifest_row(rel, entry, time.perf_counter() - started, cached=True))

    worker = functools.partial(process_file, cache=cache, converter=options.converter, known=options.formats,
                               ocr=options.ocr)
    for done in run_isolated(jobs, worker, options.jobs, options.limits):
        settle(done.task.index, _row_of(done))
        result.peak_worker_rss_kb = max(result.peak_worker_rss_kb, done.peak_rss_kb or 0)

    with StagedOutput(output_dir) as out:
        first_path: dict[str, str] = {}
        for row in rows:
            assert row is not None
            if row.status == "ok" and row.sha256 in first_path:
                row.warnings = [*row.warnings, f"{DUPLICATE_NOTE} {first_path[row.sha256]}"]
            elif row.status == "ok":
                first_path[row.sha256 or ""] = row.source_path
                _write_records(out, cache, row, options.ocr)
            result.count(row)
        out.add("manifest", rows)
        out.commit()
    cache.prune({row.sha256 for row in rows if row is not None and row.sha256})
    return result


def _row_of(done: Done[FileJob, ManifestRecord]) -> ManifestRecord:
    if isinstance(done.result, Failure):
        if done.result.detail:
            log.debug("%s", done.result.detail)
        return error_row(done.task.rel, done.task.sha256, done.result.code, done.result.message, done.seconds)
    return done.result


def _write_records(out: StagedOutput, cache: Cache, row: ManifestRecord, ocr: OcrMode) -> None:
    entry = cache.load(row.sha256 or "", ocr)
    if entry is None or entry.converted is None:  # the cache changed under this run: fail the file, not the run
        row.status, row.error_code, row.n_tasks = "error", "internal_error", 0
        row.error = "the file's cached records disappeared during the run; run again"
        return
    c = entry.converted
    c.document.source_path = row.source_path  # the same bytes may lie under another name than when cached
    out.add("documents", [c.document])
    out.add("tasks", c.tasks)
    out.add("task_units", c.task_units)
    out.add("citations", c.citations)
