"""One file's bytes → its records: extract, structure, normalize.

Pure with respect to the file system: the batch runner reads the bytes and
writes the datasets; this module only turns one into the other, so it can run
in a worker process and its result can be cached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from extractors import extract
from extractors.model import Document
from pipeline.records import DocumentRecord, TaskRecord, TaskUnitRecord
from pipeline.tasks import Task, structure_tasks
from pipeline.units import split_units

NO_TASK_TABLE = "no task table found"


@dataclass
class Converted:
    """Everything the datasets hold about one input file."""

    document: DocumentRecord
    tasks: list[TaskRecord]
    task_units: list[TaskUnitRecord]
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


def task_records(doc_id: str, tasks: list[Task]) -> tuple[list[TaskRecord], list[TaskUnitRecord]]:
    """Normalize structured tasks into task rows and the long (task, role, unit) table."""
    rows: list[TaskRecord] = []
    units: list[TaskUnitRecord] = []
    for seq, task in enumerate(tasks, start=1):
        leads = split_units(task.lead_text)
        responsible = split_units(task.responsible_text)
        rows.append(
            TaskRecord(
                doc_id=doc_id,
                seq=seq,
                table_no=task.table_no,
                task_no=task.task_no,
                section_no=task.section_no,
                section_title=task.section_title,
                subsection_no=task.subsection_no,
                subsection_title=task.subsection_title,
                title=task.title or None,
                requirement=task.requirement or None,
                lead_units=leads,
                responsible_units=responsible,
                deadline_text=task.deadline_text or None,
                page_start=task.page_start,
                page_end=task.page_end,
                extra=task.extra,
            )
        )
        units += [TaskUnitRecord(doc_id, seq, "lead", u) for u in leads]
        units += [TaskUnitRecord(doc_id, seq, "responsible", u) for u in responsible]
    return rows, units


def convert_document(document: Document, source_path: str, sha256: str) -> Converted:
    doc_id = doc_id_for(sha256)
    tasks, units = task_records(doc_id, structure_tasks(document))
    record = DocumentRecord(
        doc_id=doc_id,
        source_path=source_path,
        source_format=document.source_format,
        sha256=sha256,
        n_tasks=len(tasks),
    )
    warnings = list(document.warnings) + ([] if tasks else [NO_TASK_TABLE])
    return Converted(record, tasks, units, n_pages=document.n_pages, warnings=warnings)


def convert(data: bytes, source_path: str) -> Converted:
    """Convert one file's bytes; raises ExtractionError for unreadable files."""
    sha256 = hashlib.sha256(data).hexdigest()
    return convert_document(extract(data), source_path, sha256)
