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
import functools
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors import formats as registry
from extractors.ocr_modes import OCR_MODES, OcrMode
from pipeline import PARSER_VERSION
from pipeline.convert import Converted
from pipeline.datasets.atomic import atomic_write
from pipeline.datasets.declaration import Dataset, record_dict
from pipeline.datasets.records import DATASETS

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


@dataclass
class Head:
    """What the manifest needs of an entry, stored on the entry's first line
    so that a cached re-run reads it without decoding the records (those are
    decoded once, when the datasets are written)."""

    sha256: str
    source_format: str | None
    ok: bool
    n_tasks: int
    n_pages: int | None
    warnings: list[str]
    error_code: str | None = None
    error: str | None = None
    ocr_pages: int = 0
    ocr_modes: list[str] = dataclasses.field(default_factory=lambda: list(OCR_MODES))

    @classmethod
    def of(cls, entry: Entry) -> Head:
        c = entry.converted
        return cls(entry.sha256, entry.source_format, c is not None, len(c.tasks) if c is not None else 0,
                   c.n_pages if c is not None else None, list(c.warnings) if c is not None else [],
                   entry.error_code, entry.error, c.ocr_pages if c is not None else 0, list(entry.ocr_modes))


def _encode(record: Any) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record_dict(record).items()}


@functools.cache
def _shape(dataset: Dataset) -> tuple[frozenset[str], tuple[str, ...]]:
    """A dataset's column names and its date columns, worked out once and not for every cached row."""
    return frozenset(dataset.columns), tuple(dataset.date_columns())


def _decode(dataset: Dataset, data: dict[str, Any]) -> Any:
    """A record from its JSON form; dates are typed back from the row's declaration."""
    columns, dates = _shape(dataset)
    if data.keys() != columns:
        raise ValueError(f"cached {dataset.name} row has other fields than the current record")
    for name in dates:
        if data[name] is not None:
            data[name] = dt.date.fromisoformat(data[name])
    return dataset.record(**data)


def _encode_converted(c: Converted) -> dict[str, Any]:
    return {"n_pages": c.n_pages, "warnings": c.warnings, "ocr_pages": c.ocr_pages,
            "rows": {name: [_encode(r) for r in rows] for name, rows in c.rows().items()}}


def _decode_converted(records: dict[str, Any]) -> Converted:
    """The inverse of :func:`_encode_converted`; a dataset missing from the entry is a miss."""
    rows: dict[str, Any] = {name: [_decode(DATASETS[name], r) for r in records["rows"][name]]
                            for name in _per_file_datasets()}  # each a list of its dataset's record type
    (document,) = rows.pop("documents")
    return Converted(document=document, n_pages=records["n_pages"], warnings=records["warnings"],
                     ocr_pages=records["ocr_pages"], **rows)


def _per_file_datasets() -> list[str]:
    """Datasets whose rows a file's conversion gives: the document row and Converted's list fields."""
    return ["documents"] + [f.name for f in dataclasses.fields(Converted) if f.name in DATASETS]


class Cache:
    """Conversion outcomes under ``OUTPUT_DIR/.cache/v<PARSER_VERSION>-<readers>/``.

    *readers* names the readers that parse (:func:`extractors.formats.readers_key`;
    by default those of this process's format table): the same bytes read by
    another PDF engine are another entry.
    """

    def __init__(self, output_dir: Path, readers: str | None = None, ocr: OcrMode = "auto") -> None:
        if readers is None:
            readers = registry.readers_key(registry.FORMATS)
        self.ocr = ocr
        """The run's ``--ocr`` mode: an entry made under a mode that would give
        another outcome is a miss."""
        self.root = output_dir / CACHE_DIR
        self.dir = self.root / f"v{PARSER_VERSION}-{readers}"

    def path(self, sha256: str) -> Path:
        return self.dir / sha256[:2] / f"{sha256}.json"

    def store(self, entry: Entry) -> None:
        """Two JSON lines: the :class:`Head` (with the parser version), then the records."""
        head = {**dataclasses.asdict(Head.of(entry)), "parser_version": PARSER_VERSION}
        records = None if entry.converted is None else _encode_converted(entry.converted)
        path = self.path(entry.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(head, ensure_ascii=False) + "\n" + json.dumps(records, ensure_ascii=False)
        atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def head(self, sha256: str) -> Head | None:
        """The entry's head for these bytes (its first line only), or None when there is no usable entry."""
        try:
            with open(self.path(sha256), encoding="utf-8") as fh:
                return self._head(sha256, fh.readline())
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _head(self, sha256: str, line: str) -> Head | None:
        data = json.loads(line)
        if data.pop("parser_version") != PARSER_VERSION or data["sha256"] != sha256 \
                or self.ocr not in data["ocr_modes"]:
            return None
        return Head(**data)

    def load(self, sha256: str) -> Entry | None:
        """The entry for these bytes, records decoded, or None when there is no usable one."""
        try:
            first, _, rest = self.path(sha256).read_text(encoding="utf-8").partition("\n")
            head = self._head(sha256, first)
            if head is None:
                return None
            records = json.loads(rest)
            converted = None if records is None else _decode_converted(records)
            if head.ok != (converted is not None):
                return None
            return Entry(sha256, head.source_format, converted, head.error_code, head.error, tuple(head.ocr_modes))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def prune(self, keep: set[str]) -> None:
        """Drop entries of files no longer in the input, and caches of other
        parser versions or readers (a run with another PDF engine parses anew)."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other != self.dir:
                shutil.rmtree(other, ignore_errors=True)
        for entry in self.dir.glob("*/*.json"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
