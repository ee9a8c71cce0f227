"""docs/schema.md is generated from the schemas and must not go stale."""

from __future__ import annotations

from pipeline.datasets.records import DATASETS
from pipeline.datasets.schema_doc import SCHEMA_MD, render


def test_schema_md_is_up_to_date():
    assert SCHEMA_MD.read_text(encoding="utf-8") == render(), "docs/schema.md is stale: run `make docs`"


def test_every_column_is_documented_with_meaning_and_example():
    text = render()
    for name, dataset in DATASETS.items():
        assert f"## {name}\n" in text
        for field in dataset.schema:
            assert field.metadata and field.metadata.get(b"meaning") and field.metadata.get(b"example"), field.name
            assert f"| `{field.name}` |" in text
