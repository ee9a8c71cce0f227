"""One file's bytes → its records: extract, structure, normalize.

Pure with respect to the file system: the batch runner reads the bytes and
writes the datasets; this module only turns one into the other, so it can run
in a worker process and its result can be cached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from extractors import extract
from extractors.ocr import OcrMode
from extractors.model import Document
from pipeline.metadata.citations import find_citations
from pipeline.normalize.deadlines import task_deadline
from pipeline.metadata.notice import NoticeMeta, extract_notice_meta
from pipeline.datasets.records import CitationRecord, DocumentRecord, TaskRecord, TaskUnitRecord, record_dict
from pipeline.structure.tasks import Task, structure_tasks
from pipeline.normalize.units import ROLES, assign_roles

NO_TASK_TABLE = "no task table found"


@dataclass
class Converted:
    """Everything the datasets hold about one input file."""

    document: DocumentRecord
    tasks: list[TaskRecord]
    task_units: list[TaskUnitRecord]
    citations: list[CitationRecord]
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: int = 0
    ocr_seconds: float = 0.0


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


def task_units(task: Task) -> dict[str, list[str]]:
    """Lead and responsible units of a task, from both unit cells.

    Role words decide over the column a unit stands in: ``办公室牵头，各科室配合``
    in a 责任部门 column names 办公室 a lead unit.
    """
    lead = assign_roles(task.lead_text, "lead")
    responsible = assign_roles(task.responsible_text, "responsible")
    return {role: list(dict.fromkeys(lead[role] + responsible[role])) for role in ROLES}


def notice_year(meta: NoticeMeta) -> int | None:
    """The year a deadline without one falls in: the notice's own year."""
    return meta.doc_year or (meta.signed_date.year if meta.signed_date else None)


def task_records(doc_id: str, tasks: list[Task], year: int | None) -> tuple[list[TaskRecord], list[TaskUnitRecord]]:
    """Normalize structured tasks into task rows and the long (task, role, unit) table."""
    rows: list[TaskRecord] = []
    units: list[TaskUnitRecord] = []
    for seq, task in enumerate(tasks, start=1):
        by_role = task_units(task)
        leads, responsible = by_role["lead"], by_role["responsible"]
        deadline = task_deadline(task.deadline_text, task.requirement, year)
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
                deadline_text=deadline.text if deadline else None,
                deadline_date=deadline.date if deadline else None,
                deadline_kind=deadline.kind if deadline else None,
                page_start=task.page_start,
                page_end=task.page_end,
                extra=task.extra,
                text_source="ocr" if task.ocr_score is not None else "text_layer",
                ocr_confidence=task.ocr_score,
            )
        )
        units += [TaskUnitRecord(doc_id, seq, "lead", u) for u in leads]
        units += [TaskUnitRecord(doc_id, seq, "responsible", u) for u in responsible]
    return rows, units


def citation_records(doc_id: str, document: Document, tasks: list[TaskRecord], own: str | None) -> list[CitationRecord]:
    """Notices cited by the notice's paragraphs (seq null) and by each task's title and requirement.

    Paragraphs are searched as one text, so a 《title》 wrapped over PDF lines
    still belongs to its number.
    """
    body = "\n".join(p.text for p in document.paragraphs())
    scopes = [(None, body)] + [(t.seq, "\n".join(filter(None, (t.title, t.requirement)))) for t in tasks]
    return [CitationRecord(doc_id, seq, c.doc_number, c.title)
            for seq, text in scopes for c in find_citations(text, exclude=own)]


def document_record(doc_id: str, source_path: str, document: Document, sha256: str, meta: NoticeMeta,
                    n_tasks: int) -> DocumentRecord:
    """The documents row: file identity, then every notice element under its own name."""
    return DocumentRecord(doc_id=doc_id, source_path=source_path, source_format=document.source_format,
                          sha256=sha256, n_tasks=n_tasks, **record_dict(meta),
                          text_source="ocr" if document.ocr_pages else "text_layer",
                          ocr_confidence=document.ocr_score)


def convert_document(document: Document, source_path: str, sha256: str) -> Converted:
    doc_id = doc_id_for(sha256)
    meta = extract_notice_meta(document)
    tasks, units = task_records(doc_id, structure_tasks(document), notice_year(meta))
    record = document_record(doc_id, source_path, document, sha256, meta, len(tasks))
    citations = citation_records(doc_id, document, tasks, meta.doc_number)
    warnings = list(document.warnings) + ([] if tasks else [NO_TASK_TABLE])
    return Converted(record, tasks, units, citations, n_pages=document.n_pages, warnings=warnings,
                     ocr_pages=len(document.ocr_pages), ocr_seconds=document.ocr_seconds)


def convert(data: bytes, source_path: str, ocr: OcrMode = "auto") -> Converted:
    """Convert one file's bytes, OCR as *ocr* says; raises ExtractionError for unreadable files."""
    sha256 = hashlib.sha256(data).hexdigest()
    return convert_document(extract(data, ocr), source_path, sha256)
