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
    published_date: dt.date | None = None
    publicity: str | None = None
    attachment_title: str | None = None
    cc: list[str] = field(default_factory=list)
    printing_office: str | None = None
    printed_date: dt.date | None = None
    copy_no: str | None = None
    classification: str | None = None
    urgency: str | None = None
    signer: str | None = None
    index_no: str | None = None
    subject: str | None = None
    n_tasks: int = 0


DOCUMENTS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "stable id of the document: first 16 hex digits of its sha256", "3f2a9c0d1e4b5a67", False),
    column("source_path", pa.string(), "path of the input file, relative to the input folder", "2018/泉政办〔2018〕51号.pdf", False),
    column("source_format", pa.string(), f"format the file was read as (by content, not extension): {SOURCE_FORMATS}", "pdf", False),
    column("sha256", pa.string(), "sha256 of the file's bytes", "3f2a9c…", False),
    column("doc_number", pa.string(), "发文字号 in canonical form", "泉政办〔2018〕51号"),
    column("doc_agency", pa.string(), "机关代字 of the 发文字号", "泉政办"),
    column("doc_year", pa.int32(), "year of the 发文字号; null for an order numbered without one (国令第707号)", "2018"),
    column("doc_serial", pa.int32(), "序号 of the 发文字号", "51"),
    column("issuer", pa.string(), "发文机关 (the portal's metadata table, else the signature, else the red header without 文件); never a 发文字号", "泉州市人民政府办公室"),
    column("title", pa.string(), "标题 of the notice", "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知"),
    column("addressees", STRINGS, "主送机关, split and expanded like unit lists", "[各县（市、区）人民政府, 泉州开发区管委会]", False),
    column("signed_date", pa.date32(), "成文日期 (the portal's metadata table's, where the page has one)", "2018-06-12"),
    column("published_date", pa.date32(), "发布日期: when the portal published the notice, from its metadata table above the notice", "2018-12-10"),
    column("publicity", pa.string(), "公开属性 from the 附注: 主动公开, 依申请公开, 不予公开, 公开发布 …", "主动公开"),
    column("attachment_title", pa.string(), "title of the (first) 附件, usually the task table's", "2018年政务公开工作主要任务分解表"),
    column("cc", STRINGS, "抄送机关, split and expanded like unit lists", "[市委办公室, 市委各部门]", False),
    column("printing_office", pa.string(), "印发机关 in the 版记", "泉州市人民政府办公室"),
    column("printed_date", pa.date32(), "印发日期 in the 版记 (differs from signed_date)", "2018-06-13"),
    column("copy_no", pa.string(), "份号 (classified documents), as printed with its zeros", "000123"),
    column("classification", pa.string(), "密级 and 保密期限 as printed", "机密★1年"),
    column("urgency", pa.string(), "紧急程度: 特急, 加急 …", "特急"),
    column("signer", pa.string(), "签发人 (上行文)", "张三"),
    column("index_no", pa.string(), "索引号 of the portal's metadata table (政府信息公开 catalogue number)", "000014349/2018-00214"),
    column("subject", pa.string(), "主题分类 / 分类 of the portal's metadata table, as printed", "综合政务\\政务督查"),
    column("n_tasks", pa.int32(), "number of task rows found", "42", False),
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
], metadata={"parser_version": PARSER_VERSION})


@dataclass
class TaskUnitRecord:
    doc_id: str
    seq: int
    role: str
    unit: str
    unit_canonical: str
    unit_region: str | None
    unit_match: str
    unit_kind: str


TASK_UNITS_SCHEMA = pa.schema([
    column("doc_id", pa.string(), "document of the task", "3f2a9c0d1e4b5a67", False),
    column("seq", pa.int32(), "the task (tasks.seq)", "18", False),
    column("role", pa.string(), "lead (牵头) or responsible (责任/配合)", "lead", False),
    column("unit", pa.string(), "one unit as the notice writes it (canonical text)", "市发改委", False),
    column("unit_canonical", pa.string(), "one name per unit across notices: region + full name from the alias "
           "table (docs/units.md); the name as written when the table does not know it", "泉州市发展和改革委员会",
           False),
    column("unit_region", pa.string(), "region the unit belongs to, from the notice's issuer; 全国 for national "
           "bodies; null when unknown", "泉州市"),
    column("unit_match", pa.string(), "how unit_canonical was found: exact (a name of the alias table), alias "
           "(a short form, or a name a reform replaced, by the notice's date), rule (a group the table does not "
           "know) or none (not in the table)", "alias", False),
    column("unit_kind", pa.string(), "agency (one body) or group (a collective name: 市直各部门, 各县（市、区）人民政府)",
           "agency", False),
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
class TaskLinkRecord:
    series: str
    doc_id_a: str
    seq_a: int | None
    doc_id_b: str
    seq_b: int | None
    status: str
    similarity: float | None
    changes: list[str]
    diff: str


TASK_LINKS_SCHEMA = pa.schema([
    column("series", pa.string(), "issuer and title with years masked (＊) that the two notices share",
           "泉州市人民政府办公室｜泉州市人民政府办公室关于印发＊年政务公开工作主要任务分解表的通知", False),
    column("doc_id_a", pa.string(), "the earlier edition (documents.doc_id)", "3f2a9c0d1e4b5a67", False),
    column("seq_a", pa.int32(), "its task (tasks.seq); null for a new task", "18"),
    column("doc_id_b", pa.string(), "the next edition (documents.doc_id)", "8c1d2e3f4a5b6c7d", False),
    column("seq_b", pa.int32(), "its task (tasks.seq); null for a dropped task", "17"),
    column("status", pa.string(), "same (only years changed), revised, new (only in b) or dropped (only in a)",
           "revised", False),
    column("similarity", pa.float64(), "difflib ratio of the two tasks' title and requirement, years masked; "
           "null for new and dropped", "0.912"),
    column("changes", STRINGS, "fields that changed, years aside: title, requirement, deadline, lead_units, "
           "responsible_units (units compared by unit_canonical)", "[requirement]", False),
    column("diff", pa.string(), "title：requirement of a turned into b's, deletions in [-…-], insertions in {+…+}",
           "公开预算{+、决算+}…", False),
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
], metadata={"parser_version": PARSER_VERSION})


DATASETS: dict[str, tuple[type, pa.Schema]] = {
    "documents": (DocumentRecord, DOCUMENTS_SCHEMA),
    "tasks": (TaskRecord, TASKS_SCHEMA),
    "task_units": (TaskUnitRecord, TASK_UNITS_SCHEMA),
    "citations": (CitationRecord, CITATIONS_SCHEMA),
    "task_links": (TaskLinkRecord, TASK_LINKS_SCHEMA),
    "manifest": (ManifestRecord, MANIFEST_SCHEMA),
}
"""Every dataset the pipeline writes: name → (record class, schema)."""


def record_dict(record: Any) -> dict[str, Any]:
    """A record as a plain dict, shallow (lists and dicts as they are)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}
