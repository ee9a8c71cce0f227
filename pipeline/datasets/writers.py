"""Dataset writers: Parquet with the explicit schema, and a CSV sibling for Excel.

A run's datasets are streamed into a generation folder that readers cannot see
until it is complete and published (:mod:`pipeline.datasets.generations`), so a
reader never sees half a file and an interrupted run leaves the previous
datasets as they were.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.datasets.declaration import Dataset, record_dict
from pipeline.datasets.records import DATASETS, LIST_SEPARATOR

_NULLABLE_INTS: dict[pa.DataType, pd.api.extensions.ExtensionDtype] = {
    pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
}


def _nullable_int(type_: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    return _NULLABLE_INTS.get(type_)


def to_table(records: Sequence[Any], schema: pa.Schema) -> pa.Table:
    """Records → Arrow table; a field mismatch is a programming error, raised loudly."""
    for record in records[:1]:
        names = list(record.__dataclass_fields__)
        if names != schema.names:
            raise TypeError(f"{type(record).__name__} fields {names} differ from schema {schema.names}")
    table = pa.Table.from_pylist([record_dict(r) for r in records], schema=schema)
    # Round-trip through pandas with nullable integer dtypes, so the file carries
    # pandas metadata and pd.read_parquet gives Int32 columns, not float64 with NaN.
    frame = table.to_pandas(types_mapper=_nullable_int)
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and value and isinstance(value[0], tuple):  # map column
        return json.dumps(dict(value), ensure_ascii=False)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


class CsvWriter:
    """Rows appended table by table; UTF-8 with BOM, so Excel on a Chinese
    Windows machine reads the file as UTF-8."""

    def __init__(self, path: Path, names: list[str]) -> None:
        self._fh = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115  closed by close()
        self._writer = csv.writer(self._fh)
        self._names = names
        self._writer.writerow(names)

    def write_table(self, table: pa.Table) -> None:
        for row in table.to_pylist():
            self._writer.writerow([csv_value(row[name]) for name in self._names])

    def close(self) -> None:
        _sync_close(self._fh)


def _sync_close(fh: Any) -> None:
    """Flush a file to disk before it is renamed into place, so a power cut
    after the rename cannot leave an empty dataset behind a complete name."""
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Run *write* on a temporary sibling of *path*, then rename it into place.

    The sibling is created by ``open(O_EXCL)`` with mode 0666 rather than by
    ``mkstemp`` (0600), so the file gets the umask's mode like every other
    file the pipeline writes.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class DatasetWriter:
    """One dataset streamed, batch by batch, into a Parquet file and its CSV sibling.

    Records are buffered up to :data:`BATCH_ROWS` and then written as one
    Parquet row group, so memory stays flat however many files a run has.
    """

    BATCH_ROWS = 20_000

    def __init__(self, parquet: Path, csv_path: Path, dataset: Dataset) -> None:
        self.name = dataset.name
        self._schema = dataset.schema
        self._buffer: list[Any] = []
        self._closed = False
        file_schema = to_table([], self._schema).schema  # with the pandas metadata every batch carries
        self._parquet_fh = open(parquet, "wb")  # noqa: SIM115  closed by close()
        self._parquet = pq.ParquetWriter(self._parquet_fh, file_schema, compression="zstd")
        self._csv = CsvWriter(csv_path, dataset.columns)

    def add(self, records: Sequence[Any]) -> None:
        if self._closed and records:
            raise ValueError(f"{self.name} is complete; no rows may be added")
        self._buffer.extend(records)
        if len(self._buffer) >= self.BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        table = to_table(self._buffer, self._schema)
        self._parquet.write_table(table)
        self._csv.write_table(table)
        self._buffer = []

    def close(self) -> None:
        if self._closed:
            return
        if self._buffer:
            self._flush()
        self._parquet.close()
        _sync_close(self._parquet_fh)
        self._csv.close()
        self._closed = True


class DatasetFiles:
    """Datasets of a run as single files, ``NAME.parquet`` and ``NAME.csv``, streamed
    into one folder (a generation, see :mod:`pipeline.datasets.generations`);
    complete and on disk once :meth:`close` returns. *names* are the datasets
    written here (all by default; the others of a partitioned build are written
    by :mod:`pipeline.datasets.partitions`)."""

    def __init__(self, folder: Path, names: Sequence[str] = tuple(DATASETS)) -> None:
        self.folder = folder
        self.names = names
        self._writers: dict[str, DatasetWriter] = {}

    def add(self, name: str, records: Sequence[Any]) -> None:
        if name not in self._writers:
            self._writers[name] = DatasetWriter(self.folder / f"{name}.parquet", self.folder / f"{name}.csv",
                                                DATASETS[name])
        self._writers[name].add(records)

    def complete(self, *names: str) -> Path:
        """Finish the files of *names* (no more rows may be added to them) and
        return the folder, where a cross-document step can read them."""
        for name in names:
            if name in self.names:  # the others (partitioned) are complete already
                self.add(name, [])
                self._writers[name].close()
        return self.folder

    def close(self) -> None:
        for name in self.names:
            self.add(name, [])  # a dataset with no rows is still written, with its schema
        for writer in self._writers.values():
            writer.close()  # closing twice is harmless: see DatasetWriter.close
        self._writers.clear()

    def abandon(self) -> None:
        """Close what is open after a failure; the folder is discarded by the caller."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self._writers.clear()


def dataset_file_names() -> list[str]:
    """Names of the files a run writes for its datasets as single files (the workbook aside)."""
    return [f"{name}{suffix}" for name in DATASETS for suffix in (".parquet", ".csv")]


def dataset_source(folder: Path, name: str) -> Path:
    """Where a dataset of the generation in *folder* is read: ``NAME.parquet``, or
    the folder ``NAME/`` of a partitioned build (pyarrow reads either as one table)."""
    single = folder / f"{name}.parquet"
    return single if single.exists() else folder / name
