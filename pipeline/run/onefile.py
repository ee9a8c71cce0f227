"""One input file in a worker process: parsed, its outcome stored in the cache, its manifest row answered.

Apart from :mod:`pipeline.run.batch` because the workers' forkserver imports
the module of the function it runs: this one imports the readers' side only
(no pyarrow, no writers), so the forkserver loads nothing a worker never uses.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from extractors import formats as registry
from extractors.model import ExtractionError
from pipeline.convert import Converted
from pipeline.datasets.records import ManifestRecord
from pipeline.run.cache import Cache, Entry, Head

MACHINE_DEPENDENT_CODES = frozenset({"needs_libreoffice", "conversion_failed"})
"""Errors that depend on this machine rather than on the file's bytes: not
cached, so installing LibreOffice is enough for the next run to read the file."""

Converter = Callable[[bytes, str], Converted]


@dataclass(frozen=True)
class FileJob:
    index: int
    path: Path
    rel: str
    sha256: str


def manifest_row(rel: str, head: Head, seconds: float, cached: bool) -> ManifestRecord:
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
    )


def error_row(rel: str, sha256: str | None, code: str, message: str, seconds: float,
              status: str = "error") -> ManifestRecord:
    """A file that gave no entry: unreadable, its worker failed, or it was skipped."""
    return ManifestRecord(source_path=rel, sha256=sha256, source_format=None, status=status, error_code=code,
                          error=message, warnings=[], n_tasks=0, n_pages=None, seconds=seconds)


def process_file(job: FileJob, cache: Cache, converter: Converter,
                 known: tuple[registry.Format, ...]) -> ManifestRecord:
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
        converted = converter(data, job.rel)
        entry = Entry(sha256, converted.document.source_format, converted)
    except ExtractionError as exc:
        entry = Entry(sha256, None, error_code=exc.code, error=exc.message)
    if entry.error_code not in MACHINE_DEPENDENT_CODES:
        cache.store(entry)  # a full disk raises here, and the worker answers `disk_full`
    return manifest_row(job.rel, Head.of(entry), time.perf_counter() - started, cached=False)
