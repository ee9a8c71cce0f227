"""One file's bytes → its records: extract, structure, normalize.

Pure with respect to the file system: the batch runner reads the bytes and
writes the datasets; this module only turns one into the other, so it can run
in a worker process and its result can be cached.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

from extractors import extract
from extractors.model import Document
from extractors.ocr_modes import OcrMode
from pipeline.datasets.declaration import build
from pipeline.datasets.records import DATASETS, CitationRecord, DocumentRecord, TaskRecord, TaskUnitRecord
from pipeline.metadata.citations import find_citations
from pipeline.metadata.notice import NoticeMeta, extract_notice_meta
from pipeline.normalize.alias_table import AliasTable
from pipeline.normalize.deadlines import task_deadline
from pipeline.normalize.unit_names import UnitName, notice_context, resolve_unit
from pipeline.normalize.units import ROLES, assign_roles, first_listed_leads
from pipeline.structure.tasks import Task, structure_tasks

NO_TASK_TABLE = "no task table found"


@dataclass
class Converted:
    """Everything the datasets hold about one input file.

    Each list field is named after the dataset its rows go to, so the cache and
    the batch writer handle a new per-file dataset without an edit.
    """

    document: DocumentRecord
    tasks: list[TaskRecord]
    task_units: list[TaskUnitRecord]
    citations: list[CitationRecord]
    n_pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    """The file's own metadata (OFD DocInfo), for ``inspect``; not a dataset."""
    ocr_pages: int = 0
    """Pages read by OCR (the manifest's ``ocr_pages``)."""
    ocr_seconds: float = 0.0
    """Time OCR took when the file was parsed (the manifest's ``ocr_seconds`` in that run)."""

    def rows(self) -> dict[str, list[Any]]:
        """Rows by dataset name: the document row, then every list field named after a dataset."""
        return {"documents": [self.document]} | {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name in DATASETS
        }


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


def task_units(task: Task) -> dict[str, list[str]]:
    """Lead and responsible units of a task, from both unit cells.

    Role words decide over the column a unit stands in: ``办公室牵头，各科室配合``
    in a 责任部门 column names 办公室 a lead unit.
    """
    lead = assign_roles(task.lead_text, "lead")
    responsible = assign_roles(task.responsible_text, "responsible")
    units = {role: list(dict.fromkeys(lead[role] + responsible[role])) for role in ROLES}
    return first_listed_leads(units) if task.first_listed_leads else units


def notice_year(meta: NoticeMeta) -> int | None:
    """The year a deadline without one falls in: the notice's own year."""
    return meta.doc_year or (meta.signed_date.year if meta.signed_date else None)


def task_records(doc_id: str, tasks: list[Task], year: int | None) -> list[TaskRecord]:
    """Normalize structured tasks into task rows."""
    rows: list[TaskRecord] = []
    for seq, task in enumerate(tasks, start=1):
        by_role = task_units(task)
        leads, responsible = by_role["lead"], by_role["responsible"]
        deadline = task_deadline(task.deadline_text, task.requirement, year)
        # Headings, numbers, pages and extras pass unchanged (build carries them by name).
        rows.append(build(
            TaskRecord, task,
            doc_id=doc_id,
            seq=seq,
            title=task.title or None,
            requirement=task.requirement or None,
            lead_units=leads,
            responsible_units=responsible,
            deadline_text=deadline.text if deadline else None,
            deadline_date=deadline.date if deadline else None,
            deadline_kind=deadline.kind if deadline else None,
            text_source="ocr" if task.ocr_score is not None else "text_layer",
            ocr_confidence=task.ocr_score,
        ))
    return rows


def unit_records(document: DocumentRecord, tasks: list[TaskRecord],
                 table: AliasTable | None = None) -> list[TaskUnitRecord]:
    """The long (task, role, unit) table, each unit named as across notices.

    Also called by the batch runner when it writes a cached file's records, so
    an edited alias table takes effect without parsing the files again.
    """
    notice = notice_context(document.issuer, document.signed_date, document.doc_year)
    resolved: dict[str, UnitName] = {}  # a notice names the same units task after task
    out: list[TaskUnitRecord] = []
    for task in tasks:
        for role, units in (("lead", task.lead_units), ("responsible", task.responsible_units)):
            for unit in units:
                if unit not in resolved:
                    resolved[unit] = resolve_unit(unit, notice, table)
                name = resolved[unit]
                out.append(TaskUnitRecord(doc_id=task.doc_id, seq=task.seq, role=role, unit=unit,
                                          unit_canonical=name.canonical, unit_region=name.region,
                                          unit_match=name.match, unit_kind=name.kind))
    return out


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
    return build(DocumentRecord, meta, doc_id=doc_id, source_path=source_path,
                 source_format=document.source_format, sha256=sha256, n_tasks=n_tasks,
                 text_source="ocr" if document.ocr_pages else "text_layer", ocr_confidence=document.ocr_score)


def convert_document(document: Document, source_path: str, sha256: str) -> Converted:
    doc_id = doc_id_for(sha256)
    meta = extract_notice_meta(document)
    tasks = task_records(doc_id, structure_tasks(document), notice_year(meta))
    record = document_record(doc_id, source_path, document, sha256, meta, len(tasks))
    units = unit_records(record, tasks)
    citations = citation_records(doc_id, document, tasks, meta.doc_number)
    warnings = list(document.warnings) + ([] if tasks else [NO_TASK_TABLE])
    return Converted(record, tasks, units, citations, n_pages=document.n_pages, warnings=warnings,
                     properties=dict(document.properties), ocr_pages=len(document.ocr_pages),
                     ocr_seconds=document.ocr_seconds)


def convert(data: bytes, source_path: str, ocr: OcrMode = "auto") -> Converted:
    """Convert one file's bytes, OCR as *ocr* says; raises ExtractionError for unreadable files."""
    sha256 = hashlib.sha256(data).hexdigest()
    return convert_document(extract(data, ocr), source_path, sha256)
