"""Dataset writers: Parquet with the explicit schema, and a CSV sibling for Excel.

Files are written under a temporary name in the output folder and renamed into
place only once complete, so a reader never sees half a file and an interrupted
run leaves the previous datasets as they were.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import DATASETS, LIST_SEPARATOR, record_dict


_NULLABLE_INTS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


def to_table(records: Sequence[Any], schema: pa.Schema) -> pa.Table:
    """Records → Arrow table; a field mismatch is a programming error, raised loudly."""
    for record in records[:1]:
        names = list(record.__dataclass_fields__)
        if names != schema.names:
            raise TypeError(f"{type(record).__name__} fields {names} differ from schema {schema.names}")
    table = pa.Table.from_pylist([record_dict(r) for r in records], schema=schema)
    # Round-trip through pandas with nullable integer dtypes, so the file carries
    # pandas metadata and pd.read_parquet gives Int32 columns, not float64 with NaN.
    frame = table.to_pandas(types_mapper=_NULLABLE_INTS.get)
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _csv_value(value: Any) -> str:
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


def write_csv(table: pa.Table, path: Path) -> None:
    """UTF-8 with BOM, so Excel on a Chinese Windows machine reads it as UTF-8."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.schema.names)
        for row in table.to_pylist():
            writer.writerow([_csv_value(row[name]) for name in table.schema.names])


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Run *write* on a temporary sibling of *path*, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_dataset(out_dir: Path, name: str, records: Sequence[Any]) -> None:
    """Write one dataset as ``name.parquet`` and ``name.csv``."""
    _, schema = DATASETS[name]
    table = to_table(records, schema)
    atomic_write(out_dir / f"{name}.parquet", lambda p: pq.write_table(table, p, compression="zstd"))
    atomic_write(out_dir / f"{name}.csv", lambda p: write_csv(table, p))


def write_datasets(out_dir: Path, datasets: dict[str, Sequence[Any]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, records in datasets.items():
        write_dataset(out_dir, name, records)
