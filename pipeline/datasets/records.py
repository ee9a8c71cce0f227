"""Typed records of the datasets and their explicit pyarrow schemas.

Each dataset is a dataclass (what the code builds) plus a schema (what analysts
get); :data:`DATASETS` ties them together and the writer refuses a record whose
fields do not match its schema. Field metadata (meaning, example) feeds the data
dictionary in docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from extractors import formats
from pipeline import PARSER_VERSION

LIST_SEPARATOR = "；"
"""Joins list columns in the CSV files; it never occurs inside a unit name,
because it separates units in the source."""


def column(name: str, type_: pa.DataType, meaning: str, example: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"meaning": meaning, "example": example})


STRINGS = pa.list_(pa.string())

SOURCE_FORMATS = ", ".join(formats.names())
"""The ``source_format`` values, from the format registry."""


@dataclass
class DocumentRecord:
    doc_id: str
    source_path: str
    source_format: str
    sha256: str
    doc_number: str | None = None
    doc_agency: str | None = None
    doc_year: int | None = None
    doc_serial: int | None = None
    issuer: str | None = None
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    signed_date: dt.date | None = None
    publicity: str | None = None
    attachment_title: str | None = None
    cc: list[str] = field(default_factory=list)
    printing_office: str | None = None
    printed_date: dt.date | None = None
    copy_no: str | None = None
    classification: str | None = None
    urgency: str | None = None
    signer: str | None = None
    n_tasks: int = 0
    text_source: str = "text_layer"
    ocr_confidence: float | None = None


DOCUMENTS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "stable id of the document: first 16 hex digits of its sha256", "3f2a9c0d1e4b5a67", False),
    column("source_path", pa.string(), "path of the input file, relative to the input folder", "2018/泉政办〔2018〕51号.pdf", False),
    column("source_format", pa.string(), f"format the file was read as (by content, not extension): {SOURCE_FORMATS}", "pdf", False),
    column("sha256", pa.string(), "sha256 of the file's bytes", "3f2a9c…", False),
    column("doc_number", pa.string(), "发文字号 in canonical form", "泉政办〔2018〕51号"),
    column("doc_agency", pa.string(), "机关代字 of the 发文字号", "泉政办"),
    column("doc_year", pa.int32(), "year of the 发文字号", "2018"),
    column("doc_serial", pa.int32(), "序号 of the 发文字号", "51"),
    column("issuer", pa.string(), "发文机关 (signature, else the red header without 文件)", "泉州市人民政府办公室"),
    column("title", pa.string(), "标题 of the notice", "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知"),
    column("addressees", STRINGS, "主送机关, split and expanded like unit lists", "[各县（市、区）人民政府, 泉州开发区管委会]", False),
    column("signed_date", pa.date32(), "成文日期", "2018-06-12"),
    column("publicity", pa.string(), "公开属性 from the 附注: 主动公开, 依申请公开, 不予公开, 公开发布 …", "主动公开"),
    column("attachment_title", pa.string(), "title of the (first) 附件, usually the task table's", "2018年政务公开工作主要任务分解表"),
    column("cc", STRINGS, "抄送机关, split and expanded like unit lists", "[市委办公室, 市委各部门]", False),
    column("printing_office", pa.string(), "印发机关 in the 版记", "泉州市人民政府办公室"),
    column("printed_date", pa.date32(), "印发日期 in the 版记 (differs from signed_date)", "2018-06-13"),
    column("copy_no", pa.string(), "份号 (classified documents), as printed with its zeros", "000123"),
    column("classification", pa.string(), "密级 and 保密期限 as printed", "机密★1年"),
    column("urgency", pa.string(), "紧急程度: 特急, 加急 …", "特急"),
    column("signer", pa.string(), "签发人 (上行文)", "张三"),
    column("n_tasks", pa.int32(), "number of task rows found", "42", False),
    column("text_source", pa.string(), "where the text came from: text_layer (the file's own text) or ocr (any page "
           "read by OCR from its image; manifest.ocr_pages says how many)", "text_layer", False),
    column("ocr_confidence", pa.float64(), "mean recognition score (0–1) of the OCR'd characters; null without OCR",
           "0.987"),
], metadata={"parser_version": PARSER_VERSION})


@dataclass
class TaskRecord:
    doc_id: str
    seq: int
    table_no: int
    task_no: int | None
    section_no: int | None
    section_title: str | None
    subsection_no: int | None
    subsection_title: str | None
    title: str | None
    requirement: str | None
    lead_units: list[str]
    responsible_units: list[str]
    deadline_text: str | None
    deadline_date: dt.date | None
    deadline_kind: str | None
    page_start: int | None
    page_end: int | None
    extra: dict[str, str] = field(default_factory=dict)
    text_source: str = "text_layer"
    ocr_confidence: float | None = None


TASKS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "document the task belongs to (documents.doc_id)", "3f2a9c0d1e4b5a67", False),
    column("seq", pa.int32(), "1-based order of the task in its notice", "18", False),
    column("table_no", pa.int32(), "1-based number of the task table within the notice; 0 for tasks written as prose paragraphs", "1", False),
    column("task_no", pa.int32(), "number printed before the task (1.), null when it has none", "18"),
    column("section_no", pa.int32(), "number of the 一、 section heading above the task", "2"),
    column("section_title", pa.string(), "section heading without its marker", "着力提升政务服务工作实效"),
    column("subsection_no", pa.int32(), "number of the （一） subsection heading above the task", "5"),
    column("subsection_title", pa.string(), "subsection heading without its marker", "推进网上办事服务公开"),
    column("title", pa.string(), "task title without its number", "全面推广“互联网+政务服务”"),
    column("requirement", pa.string(), "工作要求 / 具体要求 text, joined across lines and pages", "贯彻落实《…》…"),
    column("lead_units", STRINGS, "牵头单位, split and canonical; empty when the notice names none", "[市委编办（市审改办）]", False),
    column("responsible_units", STRINGS, "责任单位 / 配合单位, split and canonical", "[市政府各部门, 市政府各直属机构]", False),
    column("deadline_text", pa.string(), "deadline as written: the 完成时限 cell, else the deadline phrase of the requirement", "2018年12月底前"),
    column("deadline_date", pa.date32(), "last day the deadline allows; null when it names none", "2018-12-31"),
    column("deadline_kind", pa.string(), "date, relative (2个工作日内), recurring (每年至少1次) or ongoing (长期坚持); null when not understood", "date"),
    column("page_start", pa.int32(), "first page of the task's row (null for DOCX, which has no pages)", "7"),
    column("page_end", pa.int32(), "last page of the task's row, after a page break joined it", "8"),
    column("extra", pa.map_(pa.string(), pa.string()), "cells of columns with no known meaning, by header text", "{备注: …}", False),
    column("text_source", pa.string(), "text_layer, or ocr when the task's cells (or paragraphs) were read by OCR "
           "from a page image", "ocr", False),
    column("ocr_confidence", pa.float64(), "lowest recognition score (0–1) of the characters of the task's cells; "
           "null for text_layer. Below about 0.8 a character is worth checking", "0.93"),
], metadata={"parser_version": PARSER_VERSION})


@dataclass
class TaskUnitRecord:
    doc_id: str
    seq: int
    role: str
    unit: str


TASK_UNITS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "document of the task", "3f2a9c0d1e4b5a67", False),
    column("seq", pa.int32(), "the task (tasks.seq)", "18", False),
    column("role", pa.string(), "lead (牵头) or responsible (责任/配合)", "lead", False),
    column("unit", pa.string(), "one unit, canonical", "市发改委", False),
], metadata={"parser_version": PARSER_VERSION})


@dataclass
class CitationRecord:
    doc_id: str
    seq: int | None
    cited_doc_number: str
    cited_title: str | None


CITATIONS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "the citing document (documents.doc_id)", "3f2a9c0d1e4b5a67", False),
    column("seq", pa.int32(), "the citing task (tasks.seq); null for the notice's own text", "7"),
    column("cited_doc_number", pa.string(), "发文字号 of the cited notice, canonical", "泉政办〔2018〕43号", False),
    column("cited_title", pa.string(), "title in 《》 right before the number, when written", "泉州市人民政府办公室关于印发…的通知"),
], metadata={"parser_version": PARSER_VERSION})


@dataclass
class ManifestRecord:
    source_path: str
    sha256: str | None
    source_format: str | None
    status: str
    error_code: str | None
    error: str | None
    warnings: list[str]
    n_tasks: int
    n_pages: int | None
    seconds: float
    cached: bool = False
    ocr_pages: int = 0
    ocr_seconds: float = 0.0


MANIFEST_SCHEMA = pa.schema([
    column("source_path", pa.string(), "input file, relative to the input folder", "2018/泉政办〔2018〕51号.pdf", False),
    column("sha256", pa.string(), "sha256 of the file (null when it could not be read)", "3f2a9c…"),
    column("source_format", pa.string(), f"format detected from the content: {SOURCE_FORMATS}", "pdf"),
    column("status", pa.string(), "ok or error (see docs/errors.md)", "ok", False),
    column("error_code", pa.string(), "stable code of the failure (see docs/errors.md)", "no_text_layer"),
    column("error", pa.string(), "human-readable message of the failure", "PDF has no text layer (scanned image?)"),
    column("warnings", STRINGS, "non-fatal findings, e.g. no task table", "[no task table found]", False),
    column("n_tasks", pa.int32(), "task rows found", "42", False),
    column("n_pages", pa.int32(), "pages (PDF only)", "9"),
    column("seconds", pa.float64(), "time spent on the file in this run (near 0 when cached)", "0.84", False),
    column("cached", pa.bool_(), "true when the outcome came from the cache of an earlier run (same bytes, same parser version), not from parsing", "false", False),
    column("ocr_pages", pa.int32(), "pages whose text was read by OCR (scans: no usable text layer)", "3", False),
    column("ocr_seconds", pa.float64(), "time spent on OCR in this run (0 when cached: OCR results are cached with the file)", "14.2", False),
], metadata={"parser_version": PARSER_VERSION})


DATASETS: dict[str, tuple[type, pa.Schema]] = {
    "documents": (DocumentRecord, DOCUMENTS_SCHEMA),
    "tasks": (TaskRecord, TASKS_SCHEMA),
    "task_units": (TaskUnitRecord, TASK_UNITS_SCHEMA),
    "citations": (CitationRecord, CITATIONS_SCHEMA),
    "manifest": (ManifestRecord, MANIFEST_SCHEMA),
}
"""Every dataset the pipeline writes: name → (record class, schema)."""


def record_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict, shallow (lists and dicts as they are)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}
