"""The Parquet files are written without pandas, yet read by pandas exactly as
when pandas wrote them: same schema metadata, byte for byte, and same values.

The reference is pandas itself: an Arrow table of the records turned into a
frame with nullable integer dtypes and back (what the writers did before),
which is what makes ``pd.read_parquet`` give ``Int32`` columns.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from pipeline.convert import convert
from pipeline.datasets.declaration import record_dict
from pipeline.datasets.records import DATASETS
from pipeline.datasets.writers import PANDAS_METADATA, file_schema, to_table
from tests.conftest import RAW

NULLABLE_INTS = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


def through_pandas(records: list[object], schema: pa.Schema) -> pa.Table:
    table = pa.Table.from_pylist([record_dict(r) for r in records], schema=schema)
    frame = table.to_pandas(types_mapper=NULLABLE_INTS.get)
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


@pytest.mark.parametrize("name", list(DATASETS))
def test_schema_metadata_is_what_pandas_writes(name):
    schema = DATASETS[name].schema
    ours, theirs = file_schema(schema), through_pandas([], schema).schema
    assert ours.metadata[PANDAS_METADATA] == theirs.metadata[PANDAS_METADATA]
    assert ours.equals(theirs, check_metadata=True)
    assert list(ours.metadata) == list(theirs.metadata)  # parser_version first, as before


@pytest.mark.parametrize("source", ["泉政办〔2018〕51号.pdf", "泉政办〔2018〕51号.docx"])
def test_values_are_what_pandas_gives(source):
    converted = convert((RAW / source).read_bytes(), source)
    for name, records in converted.rows().items():
        assert records, name
        schema = DATASETS[name].schema
        assert to_table(records, schema).equals(through_pandas(records, schema), check_metadata=True), name

