"""Datasets partitioned by year (``build --partition-by year``), rewritten only where inputs changed.

The per-document datasets (documents, tasks, task_units, citations) are
written as hive-partitioned folders, one folder per year, which pandas,
pyarrow.dataset, DuckDB and Spark read as one table with a ``year`` column::

    tasks/year=2018/part-0.parquet
    tasks/year=unknown/part-0.parquet
    csv/tasks/year=2018/part-0.csv         the same rows for Excel, one file per year

A document's year (:func:`partition_year`) is the year of its 发文字号, else of
its signed date, else ``unknown``; all its rows share it. The manifest (one row
per input path, many with no document) and task_links (pairs of editions of
two different years, computed over the whole set) stay single files. The CSV
copies sit in their own tree, because a folder that pyarrow reads as a Parquet
dataset must hold Parquet files only.

A partition's files hold :data:`FILE_ROWS` rows at most (part-0, part-1 …),
row groups as in the single files: sized for analytics, never one file per
notice. Lists are Parquet's standard LIST, dates date32; the pandas metadata
the files carry only makes pandas choose nullable integer dtypes, and nothing
needs it to read the columns right.

**Incremental.** Each generation records, in ``.partitions.json``, which
documents (sha256 and path, in order) each partition holds, and a key of
everything else that decides the partition's bytes (parser version, alias
table, schemas, this layout). The next run compares: a partition with the same
documents under the same key is *carried*, its files hard-linked from the
previous generation into the new one (no byte rewritten, and the generation
publish stays one atomic switch, see :mod:`pipeline.datasets.generations`);
only the partitions whose documents changed are written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.datasets.records import DATASETS, PARTITIONED, DocumentRecord
from pipeline.datasets.writers import DatasetWriter

UNKNOWN = "unknown"
INDEX = ".partitions.json"
CSV_TREE = "csv"
FILE_ROWS = 1_000_000
"""Rows per part file; a larger partition continues in part-1, part-2 …"""

LAYOUT_VERSION = 1
"""Changes when this module writes other bytes for the same records: no partition is carried across it."""


def partition_year(document: DocumentRecord) -> str:
    """The year of the 发文字号, else of the signed date, else ``unknown``."""
    year = document.doc_year or (document.signed_date.year if document.signed_date else None)
    return str(year) if year else UNKNOWN


def layout_key(inputs_key: str) -> str:
    """What, besides a partition's documents, decides its bytes; *inputs_key* is the caller's
    (parser version and alias table)."""
    schemas = "".join(DATASETS[name].schema.to_string() for name in PARTITIONED)
    return hashlib.sha256(f"{LAYOUT_VERSION}\0{FILE_ROWS}\0{inputs_key}\0{schemas}".encode()).hexdigest()[:16]


Member = tuple[str, str]
"""(sha256, source_path) of a document in a partition."""


class Plan:
    """Which documents each partition of the new generation holds, and which
    partitions the previous generation already holds exactly."""

    def __init__(self, previous: Path | None, key: str) -> None:
        self.key = key
        self.previous = previous
        self._before: dict[str, list[Member]] = {}
        index = _read_index(previous / INDEX) if previous is not None else None
        if index is not None and index.get("key") == key:
            self._before = {year: [(sha, path) for sha, path in members]
                            for year, members in index["partitions"].items()}
        self._year_of = {sha: year for year, members in self._before.items() for sha, _ in members}
        self.members: dict[str, list[Member]] = defaultdict(list)

    def known_year(self, sha256: str) -> str | None:
        """The partition these bytes were in last time (the same bytes and key give the same year)."""
        return self._year_of.get(sha256)

    def add(self, year: str, sha256: str, source_path: str) -> None:
        self.members[year].append((sha256, source_path))

    def carried(self, year: str) -> bool:
        """Whether the previous generation's files of *year* are what this run would write."""
        return self.previous is not None and self._before.get(year) == self.members[year]

    def write_index(self, folder: Path) -> None:
        index = {"key": self.key, "partitions": dict(sorted(self.members.items()))}
        (folder / INDEX).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


def _read_index(path: Path) -> dict[str, Any] | None:
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) else None


def _partition_dirs(folder: Path, year: str) -> Iterator[Path]:
    """Every folder of one partition, Parquet and CSV, of every partitioned dataset."""
    for name in PARTITIONED:
        yield folder / name / f"year={year}"
        yield folder / CSV_TREE / name / f"year={year}"


def carry(previous: Path, folder: Path, year: str) -> None:
    """Hard-link the previous generation's files of *year* into *folder* (copied where links fail)."""
    for source, target in zip(_partition_dirs(previous, year), _partition_dirs(folder, year), strict=True):
        target.mkdir(parents=True)
        for file in sorted(source.iterdir()):
            try:
                os.link(file, target / file.name)
            except OSError:  # a filesystem without hard links
                shutil.copy2(file, target / file.name)


class _Parts:
    """One dataset's files in one partition, starting a new part every :data:`FILE_ROWS` rows."""

    def __init__(self, folder: Path, name: str, year: str) -> None:
        self.parquet_dir = folder / name / f"year={year}"
        self.csv_dir = folder / CSV_TREE / name / f"year={year}"
        self.parquet_dir.mkdir(parents=True)
        self.csv_dir.mkdir(parents=True)
        self.name = name
        self.part = 0
        self.rows = 0
        self.writer = self._open()

    def _open(self) -> DatasetWriter:
        stem = f"part-{self.part}"
        return DatasetWriter(self.parquet_dir / f"{stem}.parquet", self.csv_dir / f"{stem}.csv", DATASETS[self.name])

    def add(self, records: list[Any]) -> None:
        if self.rows and self.rows + len(records) > FILE_ROWS:
            self.writer.close()
            self.part += 1
            self.rows = 0
            self.writer = self._open()
        self.writer.add(records)
        self.rows += len(records)

    def close(self) -> None:
        self.writer.close()


class Partition:
    """The files of one partition being written; every partitioned dataset gets
    a file, with no rows when the partition's documents have none."""

    def __init__(self, folder: Path, year: str) -> None:
        self._parts = {name: _Parts(folder, name, year) for name in PARTITIONED}

    def add(self, name: str, records: list[Any]) -> None:
        self._parts[name].add(records)

    def close(self) -> None:
        for parts in self._parts.values():
            parts.close()


@contextlib.contextmanager
def partition(folder: Path, year: str) -> Iterator[Partition]:
    written = Partition(folder, year)
    try:
        yield written
    except BaseException:
        with contextlib.suppress(Exception):  # the generation is discarded; the first error is the one to tell
            written.close()
        raise
    written.close()


def dataset_names(partitioned: bool) -> list[str]:
    """Top-level names a generation holds for the datasets in either layout."""
    singles = [name for name in DATASETS if not partitioned or name not in PARTITIONED]
    names = [f"{name}{suffix}" for name in singles for suffix in (".parquet", ".csv")]
    return names + ([*PARTITIONED, CSV_TREE] if partitioned else [])
