"""One input file: its parse into a cache entry, and its manifest row.

Every executor (:mod:`pipeline.run.executors`) parses a file with the same
function, :func:`parse_bytes`, in a process of its own under the run's limits,
and stores the outcome with the same rule (:func:`keep`), so a file gives the
same entry and the same row whichever machine parsed it. What differs is where
the bytes are read and who writes the cache: the local pool's workers read the
path and write the cache themselves (:func:`process_file`); a Dask worker is
shipped the bytes and answers the entry, which the driver writes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from extractors import formats as registry
from extractors.model import ExtractionError
from extractors.ocr_modes import OcrMode
from pipeline.convert import Converted
from pipeline.datasets.records import ManifestRecord
from pipeline.run.cache import Cache, Entry, Head, same_outcome_modes
from pipeline.run.workers import Failure, Limits

MACHINE_DEPENDENT_CODES = frozenset({"needs_libreoffice", "conversion_failed", "needs_ocr"})
"""Errors that depend on this machine rather than on the file's bytes: not
cached, so installing LibreOffice or the OCR extra is enough for the next run
to read the file."""

NOT_CACHED_CODES = MACHINE_DEPENDENT_CODES | {"timeout", "memory_limit", "worker_crashed", "internal_error",
                                              "disk_full", "unreadable_file"}
"""Outcomes the next run tries again: the machine's, the limits', and failures of the worker itself."""

Converter = Callable[[bytes, str, OcrMode], Converted]

WARM_UP = "pipeline.run.warm"
"""Imported by the workers' forkserver before it forks (on a Dask worker too):
readers loaded, caches filled."""

WARM_READERS = "NOTICE_TASKS_WARM_READERS"
"""Environment variable the local pool starts its forkserver with: the reader
modules (comma-separated) its files need, the only ones :data:`WARM_UP` warms."""


@dataclass(frozen=True)
class Work:
    """How every file of a run is parsed, whichever executor runs it."""

    converter: Converter
    """bytes → records; a module-level function (it is sent to worker processes)."""
    formats: tuple[registry.Format, ...]
    """The run's input formats; each worker adopts them before it parses."""
    limits: Limits
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``--ocr``)."""


@dataclass(frozen=True)
class FileJob:
    index: int
    """Position of the file's row in the manifest."""
    path: Path
    rel: str
    sha256: str
    """Of the bytes when the input was scanned."""


def reader_modules(jobs: Iterable[FileJob], formats: Iterable[registry.Format]) -> set[str]:
    """The modules of the readers that *jobs* need, by their file names' suffixes
    (a file whose content says otherwise is read all the same, only not warm)."""
    by_suffix = {suffix: f.reader.split(":")[0] for f in formats for suffix in f.suffixes}
    return {by_suffix[s] for s in {job.path.suffix.lower() for job in jobs} if s in by_suffix}


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


def parsed_row(rel: str, entry: Entry, seconds: float) -> ManifestRecord:
    """The row of a file parsed in this run, with the time its OCR took (a
    timing, like *seconds*: in the row, never in the cache)."""
    ocr_seconds = entry.converted.ocr_seconds if entry.converted is not None else 0.0
    return manifest_row(rel, Head.of(entry), seconds, cached=False, ocr_seconds=ocr_seconds)


def error_row(rel: str, sha256: str | None, code: str, message: str, seconds: float,
              status: str = "error") -> ManifestRecord:
    """A file that gave no entry: unreadable, its worker failed, or it was skipped."""
    return ManifestRecord(source_path=rel, sha256=sha256, source_format=None, status=status, error_code=code,
                          error=message, warnings=[], n_tasks=0, n_pages=None, seconds=seconds)


def failure_row(job: FileJob, failure: Failure, seconds: float) -> ManifestRecord:
    """The row of a file whose worker gave no answer (timeout, crash, memory, bug)."""
    return error_row(job.rel, job.sha256, failure.code, failure.message, seconds)


def unreadable_row(rel: str, exc: OSError, seconds: float) -> ManifestRecord:
    return error_row(rel, None, "unreadable_file", str(exc), seconds)


def is_kept(row: ManifestRecord) -> bool:
    """Whether a parsed file's outcome is in the cache for the next run."""
    return row.status == "ok" or row.error_code not in NOT_CACHED_CODES


def parse_bytes(data: bytes, rel: str, converter: Converter, ocr: OcrMode) -> Entry:
    """One file's bytes → its entry: the records, or the error the file causes.

    Anything else (a bug, memory exhaustion) propagates to the worker wrapper,
    which reports it by code.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        converted = converter(data, rel, ocr)
    except ExtractionError as exc:
        return Entry(sha256, None, error_code=exc.code, error=exc.message, ocr_modes=(ocr,))
    return Entry(sha256, converted.document.source_format, converted, ocr_modes=same_outcome_modes(converted, ocr))


def keep(cache: Cache, entry: Entry) -> None:
    """Store an entry unless its outcome depends on the machine (a full disk raises here)."""
    if entry.error_code not in MACHINE_DEPENDENT_CODES:
        cache.store(entry)


def parse_in_child(item: tuple[bytes, str], work: Work) -> Entry:
    """Dask worker side, in the child process: parse shipped bytes (the driver stores the entry)."""
    registry.use(work.formats)
    data, rel = item
    return parse_bytes(data, rel, work.converter, work.ocr)


def process_file(job: FileJob, cache: Cache, work: Work) -> ManifestRecord:
    """Local worker side: read and parse one file with the run's formats, store
    the outcome in the cache, answer its manifest row."""
    registry.use(work.formats)
    started = time.perf_counter()
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        return unreadable_row(job.rel, exc, time.perf_counter() - started)
    entry = parse_bytes(data, job.rel, work.converter, work.ocr)
    keep(cache, entry)  # a full disk raises here, and the worker answers `disk_full`
    return parsed_row(job.rel, entry, time.perf_counter() - started)
