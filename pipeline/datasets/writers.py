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
import functools
import importlib.metadata
import json
import operator
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow.pandas_compat import get_logical_type

from pipeline.datasets.declaration import Dataset
from pipeline.datasets.records import DATASETS, LIST_SEPARATOR

PANDAS_METADATA = b"pandas"
"""Schema metadata key pandas reads back its column dtypes from."""


@functools.cache
def _pandas_version() -> str:
    return importlib.metadata.version("pandas")


def _numpy_type(type_: pa.DataType) -> str:
    """The pandas dtype an empty column of this Arrow type has when integer columns are nullable."""
    if pa.types.is_integer(type_):
        return f"Int{type_.bit_width}"  # nullable: pd.read_parquet gives Int32 with pd.NA, not float64 with NaN
    if pa.types.is_string(type_):
        return "str" if int(_pandas_version().split(".")[0]) >= 3 else "object"
    if pa.types.is_floating(type_):
        return f"float{type_.bit_width}"
    if pa.types.is_boolean(type_):
        return "bool"
    return "object"  # dates, lists and maps hold Python objects


@functools.cache
def file_schema(schema: pa.Schema) -> pa.Schema:
    """*schema* with the pandas metadata a Parquet file carries, so that
    ``pd.read_parquet`` gives nullable ``Int32`` columns, not float64 with NaN.

    The metadata is exactly what pyarrow writes for an empty frame of these
    columns with pandas' nullable integer dtypes (a test holds them equal),
    built here without importing pandas: the import alone cost every build
    about 0.4 s of CPU.
    """
    columns = [{"name": f.name, "field_name": f.name, "pandas_type": get_logical_type(f.type),
                "numpy_type": _numpy_type(f.type), "metadata": None} for f in schema]
    pandas = {"index_columns": [], "column_indexes": [], "columns": columns, "attributes": {},
              "creator": {"library": "pyarrow", "version": pa.__version__}, "pandas_version": _pandas_version()}
    return schema.with_metadata({**(schema.metadata or {}), PANDAS_METADATA: json.dumps(pandas).encode()})


def to_table(records: Sequence[Any], schema: pa.Schema) -> pa.Table:
    """Records → Arrow table; a field mismatch is a programming error, raised loudly."""
    for record in records[:1]:
        names = list(record.__dataclass_fields__)
        if names != schema.names:
            raise TypeError(f"{type(record).__name__} fields {names} differ from schema {schema.names}")
    return pa.Table.from_pydict({name: [getattr(r, name) for r in records] for name in schema.names},
                                schema=file_schema(schema))


def _joined(value: list[Any]) -> str:
    return LIST_SEPARATOR.join(map(str, value))


def _json_map(value: dict[str, str] | list[tuple[str, str]]) -> str:
    return json.dumps(dict(value), ensure_ascii=False) if value else ""


def _decimal3(value: float) -> str:
    return f"{value:.3f}"


def csv_value(value: Any) -> str:
    """A record's value as CSV text; also a value read back from Parquet, where a map is a list of pairs."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) or (isinstance(value, list) and value and isinstance(value[0], tuple)):  # map
        return _json_map(value)
    if isinstance(value, list):
        return _joined(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return _decimal3(value)
    return str(value)


def _unless_none(text: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: "" if value is None else text(value)


def csv_cell(type_: pa.DataType) -> Callable[[Any], str] | None:
    """How a column of *type_* turns a record's value into :func:`csv_value`'s
    text, chosen once per column rather than by testing every value's type;
    None where the csv module's own writing is that text already (strings,
    integers and booleans as ``str`` gives them, dates in ISO form, None as
    an empty field). The CSV files are most of what writing datasets costs."""
    if pa.types.is_map(type_):
        return _unless_none(_json_map)
    if pa.types.is_list(type_):
        return _unless_none(_joined)
    if pa.types.is_floating(type_):
        return _unless_none(_decimal3)
    return None


class CsvWriter:
    """Rows appended batch by batch, straight from the records; UTF-8 with BOM,
    so Excel on a Chinese Windows machine reads the file as UTF-8."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self._fh = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115  closed by close()
        self._writer = csv.writer(self._fh)
        self._values = operator.attrgetter(*schema.names)
        self._cells = [(i, cell) for i, f in enumerate(schema) if (cell := csv_cell(f.type)) is not None]
        self._writer.writerow(schema.names)

    def write_records(self, records: Sequence[Any]) -> None:
        rows = [list(self._values(r)) for r in records]
        for i, cell in self._cells:
            for row in rows:
                row[i] = cell(row[i])
        self._writer.writerows(rows)

    def close(self) -> None:
        _sync_close(self._fh)


def _sync_close(fh: Any) -> None:
    """Flush a file to disk before it is renamed into place, so a power cut
    after the rename cannot leave an empty dataset behind a complete name."""
    fh.flush()
    os.fsync(fh.fileno())
    fh.close()


class DatasetWriter:
    """One dataset streamed, batch by batch, into a Parquet file and its CSV sibling.

    Records are written to the CSV as they are added, and turned into Arrow
    each :data:`CONVERT_ROWS` (while a run's workers still parse, that work
    overlaps theirs; a conversion per file would cost more than the rows); the
    Arrow rows are written as one Parquet row group each :data:`BATCH_ROWS`,
    so memory stays flat however many files a run has.
    """

    CONVERT_ROWS = 2_000
    BATCH_ROWS = 20_000

    def __init__(self, parquet: Path, csv_path: Path, dataset: Dataset) -> None:
        self.name = dataset.name
        self._schema = dataset.schema
        self._records: list[Any] = []
        self._converted: list[pa.Table] = []
        self._converted_rows = 0
        self._closed = False
        self._parquet_fh = open(parquet, "wb")  # noqa: SIM115  closed by close()
        self._parquet = pq.ParquetWriter(self._parquet_fh, file_schema(self._schema), compression="zstd")
        self._csv = CsvWriter(csv_path, self._schema)

    def add(self, records: Sequence[Any]) -> None:
        if self._closed and records:
            raise ValueError(f"{self.name} is complete; no rows may be added")
        self._csv.write_records(records)
        self._records.extend(records)
        if len(self._records) >= self.CONVERT_ROWS:
            self._convert()
        if self._converted_rows >= self.BATCH_ROWS:
            self._write_row_group()

    def _convert(self) -> None:
        self._converted.append(to_table(self._records, self._schema))
        self._converted_rows += len(self._records)
        self._records = []

    def _write_row_group(self) -> None:
        self._parquet.write_table(pa.concat_tables(self._converted))
        self._converted, self._converted_rows = [], 0

    def close(self) -> None:
        if self._closed:
            return
        if self._records:
            self._convert()
        if self._converted:
            self._write_row_group()
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
