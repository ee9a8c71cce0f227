"""Comparing a scan's task rows with its text twin's: which rows are equal,
and for every difference the field and the characters that differ, so that
OCR accuracy can be tracked (tests and benchmarks/bench_ocr.py print it)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pipeline.datasets.records import TaskRecord, record_dict

PROVENANCE = {"doc_id", "seq", "text_source", "ocr_confidence"}
"""Fields that name the file or say how it was read, not what it says."""


@dataclass(frozen=True)
class Difference:
    task: int
    """1-based position of the task in the twin (seq)."""
    field: str
    expected: Any
    got: Any

    def __str__(self) -> str:
        if isinstance(self.expected, str) and isinstance(self.got, str):
            ops = difflib.SequenceMatcher(None, self.expected, self.got, autojunk=False).get_opcodes()
            edits = "; ".join(f"{self.expected[i1:i2]!r}→{self.got[j1:j2]!r}" for tag, i1, i2, j1, j2 in ops
                              if tag != "equal")
            return f"task {self.task} {self.field}: {edits}"
        return f"task {self.task} {self.field}: {self.expected!r} → {self.got!r}"


def _fields(task: TaskRecord) -> dict[str, Any]:
    return {k: v for k, v in record_dict(task).items() if k not in PROVENANCE}


def task_differences(expected: list[TaskRecord], got: list[TaskRecord]) -> tuple[int, list[Difference]]:
    """(tasks equal, differences). Tasks are paired by position; a missing or
    extra task is one difference of the field ``task``."""
    equal, diffs = 0, []
    for i in range(max(len(expected), len(got))):
        if i >= len(got) or i >= len(expected):
            diffs.append(Difference(i + 1, "task", _fields(expected[i]) if i < len(expected) else None,
                                    _fields(got[i]) if i < len(got) else None))
            continue
        a, b = _fields(expected[i]), _fields(got[i])
        row = [Difference(i + 1, k, a[k], b[k]) for k in a if a[k] != b[k]]
        equal += not row
        diffs += row
    return equal, diffs
