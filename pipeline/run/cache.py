"""Per-file cache of conversion outcomes, so a scheduled re-run parses only what changed.

An entry is keyed by the sha256 of a file's bytes and :data:`pipeline.PARSER_VERSION`:
the same bytes read by the same parser give the same records, whatever the
file is called or where it lies. Entries are JSON (never pickle: a reader of the
output folder should not execute what is in it), one file per input, written
atomically by the worker that parsed the file, so the parent process never holds
more than one file's records at a time and an interrupted run keeps the work it
finished.

An outcome also records the OCR modes (``--ocr``) it holds for: a scan read
with ``--ocr never`` is an error that ``auto`` would read, so it is parsed
again when the mode changes; a text PDF's records are the same under
``never`` and ``auto``, and a DOCX's under every mode.

Anything unreadable in the cache (a half-written entry from a crash before the
rename, an entry from an older record layout) is a miss, never an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from extractors.ocr import OCR_MODES, OcrMode
from pipeline import PARSER_VERSION
from pipeline.convert import Converted
from pipeline.datasets.records import (
    CITATIONS_SCHEMA,
    DOCUMENTS_SCHEMA,
    TASK_UNITS_SCHEMA,
    TASKS_SCHEMA,
    CitationRecord,
    DocumentRecord,
    TaskRecord,
    TaskUnitRecord,
    record_dict,
)
from pipeline.datasets.writers import atomic_write

CACHE_DIR = ".cache"
"""Folder of the cache inside the output folder."""


@dataclass
class Entry:
    """What one file's bytes gave: its records, or the error that stopped it."""

    sha256: str
    source_format: str | None
    converted: Converted | None = None
    error_code: str | None = None
    error: str | None = None
    ocr_modes: tuple[str, ...] = OCR_MODES
    """The ``--ocr`` modes under which the same bytes give this outcome."""


def same_outcome_modes(converted: Converted | None, mode: OcrMode) -> tuple[str, ...]:
    """The OCR modes that give what *mode* gave: every mode for a format
    without pages; ``never`` and ``auto`` alike for a document that ``auto``
    recognised nothing in; else *mode* only."""
    if converted is not None and converted.n_pages is None:
        return OCR_MODES
    if converted is not None and mode == "auto" and converted.ocr_pages == 0:
        return ("never", "auto")
    return (mode,)


def _encode(record: Any) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record_dict(record).items()}


def _decode(cls: type, schema: pa.Schema, data: dict[str, Any]) -> Any:
    """A record from its JSON form; dates are typed back from the dataset schema."""
    if set(data) != {f.name for f in dataclasses.fields(cls)}:
        raise ValueError(f"cached {cls.__name__} has other fields than the current record")
    for f in schema:
        if pa.types.is_date(f.type) and data.get(f.name) is not None:
            data[f.name] = dt.date.fromisoformat(data[f.name])
    return cls(**data)


class Cache:
    """Conversion outcomes under ``OUTPUT_DIR/.cache/v<PARSER_VERSION>/``."""

    def __init__(self, output_dir: Path) -> None:
        self.root = output_dir / CACHE_DIR
        self.dir = self.root / f"v{PARSER_VERSION}"

    def path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.json"

    def store(self, entry: Entry) -> None:
        c = entry.converted
        payload = {
            "sha256": entry.sha256,
            "parser_version": PARSER_VERSION,
            "source_format": entry.source_format,
            "error_code": entry.error_code,
            "error": entry.error,
            "ocr_modes": list(entry.ocr_modes),
            "records": None if c is None else {
                "n_pages": c.n_pages,
                "ocr_pages": c.ocr_pages,
                "warnings": c.warnings,
                "document": _encode(c.document),
                "tasks": [_encode(t) for t in c.tasks],
                "task_units": [_encode(u) for u in c.task_units],
                "citations": [_encode(r) for r in c.citations],
            },
        }
        path = self.path(entry.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(payload, ensure_ascii=False)
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def load(self, sha256: str, ocr: OcrMode = "auto") -> Entry | None:
        """The entry for these bytes read with OCR mode *ocr*, or None when
        there is no usable one."""
        try:
            payload = json.loads(self.path(sha256).read_text(encoding="utf-8"))
            if payload["sha256"] != sha256 or payload["parser_version"] != PARSER_VERSION \
                    or ocr not in payload["ocr_modes"]:
                return None
            records = payload["records"]
            converted = None
            if records is not None:
                converted = Converted(
                    document=_decode(DocumentRecord, DOCUMENTS_SCHEMA, records["document"]),
                    tasks=[_decode(TaskRecord, TASKS_SCHEMA, t) for t in records["tasks"]],
                    task_units=[_decode(TaskUnitRecord, TASK_UNITS_SCHEMA, u) for u in records["task_units"]],
                    citations=[_decode(CitationRecord, CITATIONS_SCHEMA, r) for r in records["citations"]],
                    n_pages=records["n_pages"],
                    warnings=records["warnings"],
                    ocr_pages=records["ocr_pages"],
                )
            return Entry(sha256, payload["source_format"], converted, payload["error_code"], payload["error"],
                         tuple(payload["ocr_modes"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def prune(self, keep: set[str]) -> None:
        """Drop entries of files no longer in the input, and caches of other parser versions."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other != self.dir:
                shutil.rmtree(other, ignore_errors=True)
        for entry in self.dir.glob("*/*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
