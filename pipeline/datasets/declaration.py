"""How a dataset row is declared once, and everything derived from that declaration.

A dataset's row is one dataclass in :mod:`pipeline.datasets.records`. Each field
is a column: its Python annotation is what the code must put there (mypy checks
the code that fills it), and :func:`column` attaches what an analyst needs to
know (meaning, example). From that one declaration follow

* the pyarrow schema the writers enforce (:attr:`Dataset.schema`): the Arrow
  type from the annotation through :func:`arrow_types`, nullable exactly when
  the annotation admits ``None``;
* the CSV header and the workbook's columns (the schema's names, in field order);
* the data dictionary, docs/schema.md (:mod:`pipeline.datasets.schema_doc`);
* the cache's JSON form and ``inspect``'s output, which walk the same fields.

So adding a column is one field here, the code that fills it, and a test.

pyarrow is imported only when a schema is asked for: the worker processes
make records but never a schema, and do not pay for pyarrow's import (with
numpy's, 0.1–0.2 s of CPU and 100 MB of address space per run).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline import PARSER_VERSION

if TYPE_CHECKING:
    import pyarrow as pa
    from _typeshed import DataclassInstance


@functools.cache
def arrow_types() -> dict[Any, pa.DataType]:
    """Python type of a field → Arrow type of its column. int32 because every count,
    number and year in a notice fits, and pandas reads it as nullable ``Int32``."""
    import pyarrow as pa

    return {
        str: pa.string(),
        int: pa.int32(),
        float: pa.float64(),
        bool: pa.bool_(),
        dt.date: pa.date32(),
        list[str]: pa.list_(pa.string()),
        dict[str, str]: pa.map_(pa.string(), pa.string()),
    }

_DOC = "column"
"""Key of the :class:`ColumnDoc` in a field's metadata."""


@dataclass(frozen=True)
class ColumnDoc:
    """What the data dictionary says about a column besides its type."""

    meaning: str
    example: str


def column(meaning: str, example: str, *, default: Any = dataclasses.MISSING,
           default_factory: Any = dataclasses.MISSING) -> Any:
    """A dataclass field that is a dataset column, with its meaning and an example value.

    Typed ``Any`` like :func:`dataclasses.field`, so ``x: int = column(...)`` checks.
    """
    metadata = {_DOC: ColumnDoc(meaning, example)}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def _arrow_field(name: str, hint: Any, doc: ColumnDoc) -> pa.Field[Any]:
    import pyarrow as pa

    args = typing.get_args(hint)
    nullable = typing.get_origin(hint) in (types.UnionType, typing.Union) and type(None) in args
    base = next(a for a in args if a is not type(None)) if nullable else hint
    if (nullable and len(args) != 2) or base not in arrow_types():
        raise TypeError(f"column {name}: no Arrow type for {hint!r}; add it to arrow_types()")
    return pa.field(name, arrow_types()[base], nullable=nullable,
                    metadata={"meaning": doc.meaning, "example": doc.example})


@dataclass(frozen=True)
class Dataset:
    """One dataset: its file name, its row class, and what a row is."""

    name: str
    """File stem: ``NAME.parquet``, ``NAME.csv``, the workbook's sheet."""
    record: type
    """The row dataclass; every field is declared with :func:`column`."""
    row: str
    """What one row is and its key, for the data dictionary."""

    @functools.cached_property
    def schema(self) -> pa.Schema:
        """The Parquet schema, derived from the row class (and checked: every field is a column)."""
        import pyarrow as pa

        hints = typing.get_type_hints(self.record)
        fields = []
        for f in dataclasses.fields(self.record):
            doc = f.metadata.get(_DOC)
            if not isinstance(doc, ColumnDoc):
                raise TypeError(f"{self.record.__name__}.{f.name} is not declared with column()")
            fields.append(_arrow_field(f.name, hints[f.name], doc))
        return pa.schema(fields, metadata={"parser_version": PARSER_VERSION})

    @property
    def columns(self) -> list[str]:
        """Column names in file order (the CSV header)."""
        return [f.name for f in dataclasses.fields(self.record)]

    def date_columns(self) -> list[str]:
        return [f.name for f in self.schema if f.type == arrow_types()[dt.date]]


def record_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict in column order, shallow (lists and dicts as they are)."""
    names, values = _getter(type(record))
    return dict(zip(names, values(record), strict=True))


_GETTERS: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def _getter(record_type: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """A record type's field names and a function giving its values in that
    order, worked out once per type: a build turns every row into a dict twice."""
    if record_type not in _GETTERS:
        names = tuple(f.name for f in dataclasses.fields(record_type))
        getter = operator.attrgetter(*names)
        _GETTERS[record_type] = names, (getter if len(names) > 1 else lambda record: (getter(record),))
    return _GETTERS[record_type]


R = TypeVar("R", bound="DataclassInstance")


def build(record: type[R], source: DataclassInstance, **values: Any) -> R:
    """A record of type *record*: every field *source* has under the same name,
    then *values*, which win.

    For a stage's object whose fields pass into a row unchanged (a structured
    task's headings and pages, a notice's metadata): a field added to both is
    carried without one more line of copying. Fields whose meaning changes on
    the way (raw unit cells → split unit lists) are passed in *values*.
    """
    names = set(_getter(record)[0])
    carried = {name: value for name, value in record_dict(source).items() if name in names}
    return record(**(carried | values))
