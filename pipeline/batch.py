"""Batch runner: a folder of notices in, datasets and a run manifest out.

Errors are values here: a file that cannot be read becomes an ``error`` row in
the manifest with a stable code, and the run goes on with the other files.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import ExtractionError
from pipeline.convert import Converted, convert
from pipeline.records import ManifestRecord
from pipeline.writers import write_datasets

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc", ".wps")
"""Files the runner picks up; which reader handles one is decided by content."""


def find_inputs(input_dir: Path) -> list[Path]:
    """Supported files below *input_dir*, recursively, in a stable order."""
    return sorted(
        p for p in input_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(input_dir).parts)
    )


@dataclass
class FileOutcome:
    manifest: ManifestRecord
    converted: Converted | None


@dataclass
class BatchResult:
    outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return sum(o.manifest.status == "error" for o in self.outcomes)

    @property
    def n_warned(self) -> int:
        return sum(o.manifest.status == "ok" and bool(o.manifest.warnings) for o in self.outcomes)


def process_file(path: Path, input_dir: Path) -> FileOutcome:
    """Convert one file; never raises for anything the file itself can cause."""
    rel = path.relative_to(input_dir).as_posix()
    started = time.perf_counter()
    sha256 = None
    try:
        data = path.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        converted = convert(data, rel)
    except ExtractionError as exc:
        return FileOutcome(_error_row(rel, sha256, exc.code, exc.message, started), None)
    except OSError as exc:
        return FileOutcome(_error_row(rel, sha256, "unreadable_file", str(exc), started), None)
    except Exception as exc:  # a bug or a file shape nobody foresaw: still only this file
        log.exception("unexpected failure on %s", rel)
        return FileOutcome(_error_row(rel, sha256, "internal_error", f"{type(exc).__name__}: {exc}", started), None)
    manifest = ManifestRecord(
        source_path=rel,
        sha256=sha256,
        source_format=converted.document.source_format,
        status="ok",
        error_code=None,
        error=None,
        warnings=converted.warnings,
        n_tasks=len(converted.tasks),
        n_pages=converted.n_pages,
        seconds=time.perf_counter() - started,
    )
    return FileOutcome(manifest, converted)


def _error_row(rel: str, sha256: str | None, code: str, message: str, started: float) -> ManifestRecord:
    return ManifestRecord(
        source_path=rel, sha256=sha256, source_format=None, status="error", error_code=code,
        error=message, warnings=[], n_tasks=0, n_pages=None, seconds=time.perf_counter() - started,
    )


def run_batch(input_dir: Path, output_dir: Path) -> BatchResult:
    result = BatchResult()
    for path in find_inputs(input_dir):
        outcome = process_file(path, input_dir)
        m = outcome.manifest
        log.info("%s %s: %s", m.status, m.source_path, m.error or f"{m.n_tasks} tasks")
        result.outcomes.append(outcome)
    converted = [o.converted for o in result.outcomes if o.converted is not None]
    write_datasets(
        output_dir,
        {
            "documents": [c.document for c in converted],
            "tasks": [t for c in converted for t in c.tasks],
            "task_units": [u for c in converted for u in c.task_units],
            "citations": [r for c in converted for r in c.citations],
            "manifest": [o.manifest for o in result.outcomes],
        },
    )
    return result
