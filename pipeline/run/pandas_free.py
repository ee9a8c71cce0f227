"""A build without pandas: pandas is the analysts' library, not the writers'.

pyarrow imports pandas whenever it can (0.2–0.5 s of CPU, a tenth of a small
build): when :mod:`pyarrow.dataset` is imported, and each time it converts
Python lists, only to compare the values with pandas' own (``pd.NA``,
``NaT``), which records never hold. The command line runs a build under
:func:`without_pandas`, where that import fails and pyarrow goes on without it;
the tables are the same (``tests/test_parquet_metadata.py`` holds them to the
ones pandas gives).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any


class _PandasUnimportable:
    """A meta path finder, first in line, under which ``import pandas`` fails."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ImportError("a build does not use pandas (pipeline.run.pandas_free)")


@contextlib.contextmanager
def without_pandas() -> Iterator[None]:
    """``import pandas`` fails in this process while this holds, unless pandas is
    loaded already (then nothing changes). For a process of its own, such as the
    command line's: the finder is seen by every thread."""
    if "pandas" in sys.modules:
        yield
        return
    sys.meta_path.insert(0, _PandasUnimportable)
    try:
        yield
    finally:
        sys.meta_path.remove(_PandasUnimportable)
