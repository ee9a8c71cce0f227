"""The datasets' rows, each declared once.

A row is a dataclass whose fields are the dataset's columns, in file order:
the annotation is the column's type (``X | None`` when it may be null), and
:func:`~pipeline.datasets.declaration.column` gives its meaning and an example.
The Parquet schema, the CSV header, the workbook, the data dictionary
(docs/schema.md) and ``inspect`` all derive from these classes, through
:data:`DATASETS` (see :mod:`pipeline.datasets.declaration`).

To add a column: add a field here, fill it where the row is made
(:mod:`pipeline.convert` or :mod:`pipeline.run.batch`), run ``make docs``, and
test the value. To add a dataset: a row class, a line in :data:`DATASETS`, and
a field of that name on :class:`pipeline.convert.Converted`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractors import formats
from pipeline.datasets.declaration import Dataset, column, record_dict

__all__ = ["DATASETS", "LIST_SEPARATOR", "CitationRecord", "DocumentRecord", "ManifestRecord", "TaskLinkRecord",
           "TaskRecord", "TaskUnitRecord", "record_dict"]

LIST_SEPARATOR = "；"
"""Joins list columns in the CSV files; it never occurs inside a unit name,
because it separates units in the source."""

SOURCE_FORMATS = ", ".join(formats.names())
"""The ``source_format`` values, from the format registry."""

@dataclass
class DocumentRecord:
    doc_id: str = column("stable id of the document: first 16 hex digits of its sha256", "3f2a9c0d1e4b5a67")
    source_path: str = column("path of the input file, relative to the input folder (a name that is not UTF-8, "
                              "or holds a backslash, in the escaped form of the README: each byte that is not "
                              "UTF-8 as \\xHH, each backslash doubled)", "2018/泉政办〔2018〕51号.pdf")
    source_format: str = column(f"format the file was read as (by content, not extension): {SOURCE_FORMATS}",
                                "pdf")
    sha256: str = column("sha256 of the file's bytes", "3f2a9c…")
    doc_number: str | None = column("发文字号 in canonical form", "泉政办〔2018〕51号", default=None)
    doc_agency: str | None = column("机关代字 of the 发文字号", "泉政办", default=None)
    doc_year: int | None = column("year of the 发文字号; null for an order numbered without one (国令第707号)", "2018",
                                  default=None)
    doc_serial: int | None = column("序号 of the 发文字号", "51", default=None)
    issuer: str | None = column("发文机关 (the portal's metadata table, else the signature, else the red header "
                                "without 文件); never a 发文字号", "泉州市人民政府办公室", default=None)
    title: str | None = column("标题 of the notice",
                               "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知", default=None)
    addressees: list[str] = column("主送机关, split and expanded like unit lists",
                                   "[各县（市、区）人民政府, 泉州开发区管委会]", default_factory=list)
    signed_date: dt.date | None = column("成文日期 (the portal's metadata table's, where the page has one)",
                                         "2018-06-12", default=None)
    published_date: dt.date | None = column("发布日期: when the portal published the notice, from its metadata table "
                                            "above the notice", "2018-12-10", default=None)
    publicity: str | None = column("公开属性 from the 附注: 主动公开, 依申请公开, 不予公开, 公开发布 …", "主动公开",
                                   default=None)
    attachment_title: str | None = column("title of the (first) 附件, usually the task table's",
                                          "2018年政务公开工作主要任务分解表", default=None)
    cc: list[str] = column("抄送机关, split and expanded like unit lists", "[市委办公室, 市委各部门]",
                           default_factory=list)
    printing_office: str | None = column("印发机关 in the 版记", "泉州市人民政府办公室", default=None)
    printed_date: dt.date | None = column("印发日期 in the 版记 (differs from signed_date)", "2018-06-13",
                                          default=None)
    copy_no: str | None = column("份号 (classified documents), as printed with its zeros", "000123", default=None)
    classification: str | None = column("密级 and 保密期限 as printed", "机密★1年", default=None)
    urgency: str | None = column("紧急程度: 特急, 加急 …", "特急", default=None)
    signer: str | None = column("签发人 (上行文)", "张三", default=None)
    index_no: str | None = column("索引号 of the portal's metadata table (政府信息公开 catalogue number)",
                                  "000014349/2018-00214", default=None)
    subject: str | None = column("主题分类 / 分类 of the portal's metadata table, as printed", "综合政务\\政务督查",
                                 default=None)
    n_tasks: int = column("number of task rows found", "42", default=0)
    text_source: str = column("where the text came from: text_layer (the file's own text) or ocr (any page read "
                              "by OCR from its image; manifest.ocr_pages says how many)", "text_layer",
                              default="text_layer")
    ocr_confidence: float | None = column("mean recognition score (0–1) of the OCR'd characters; null without OCR",
                                          "0.987", default=None)


@dataclass
class TaskRecord:
    """A task row: the structured task (:class:`pipeline.structure.headings.Task`)
    with its units split into lists and its deadline understood."""

    doc_id: str = column("document the task belongs to (documents.doc_id)", "3f2a9c0d1e4b5a67")
    seq: int = column("1-based order of the task in its notice", "18")
    table_no: int = column("1-based number of the task table within the notice; "
                           "0 for tasks written as prose paragraphs", "1")
    task_no: int | None = column("number printed before the task (1.), null when it has none", "18")
    section_no: int | None = column("number of the 一、 section heading above the task", "2")
    section_title: str | None = column("section heading without its marker", "着力提升政务服务工作实效")
    subsection_no: int | None = column("number of the （一） subsection heading above the task", "5")
    subsection_title: str | None = column("subsection heading without its marker", "推进网上办事服务公开")
    title: str | None = column("task title without its number", "全面推广“互联网+政务服务”")
    requirement: str | None = column("工作要求 / 具体要求 text, joined across lines and pages", "贯彻落实《…》…")
    lead_units: list[str] = column("牵头单位, split and canonical; empty when the notice names none",
                                   "[市委编办（市审改办）]")
    responsible_units: list[str] = column("责任单位 / 配合单位, split and canonical",
                                          "[市政府各部门, 市政府各直属机构]")
    deadline_text: str | None = column("deadline as written: the 完成时限 cell, else the deadline phrase "
                                       "of the requirement", "2018年12月底前")
    deadline_date: dt.date | None = column("last day the deadline allows; null when it names none", "2018-12-31")
    deadline_kind: str | None = column("date, relative (2个工作日内), recurring (每年至少1次) or ongoing (长期坚持); "
                                       "null when not understood", "date")
    page_start: int | None = column("first page of the task's row (null for DOCX, which has no pages)", "7")
    page_end: int | None = column("last page of the task's row, after a page break joined it", "8")
    extra: dict[str, str] = column("cells of columns with no known meaning, by header text", "{备注: …}",
                                   default_factory=dict)
    text_source: str = column("text_layer, or ocr when the task's cells (or paragraphs) were read by OCR from a "
                              "page image", "ocr", default="text_layer")
    ocr_confidence: float | None = column("lowest recognition score (0–1) of the characters of the task's cells; "
                                          "null for text_layer. Below about 0.8 a character is worth checking",
                                          "0.93", default=None)


@dataclass
class TaskUnitRecord:
    doc_id: str = column("document of the task", "3f2a9c0d1e4b5a67")
    seq: int = column("the task (tasks.seq)", "18")
    role: str = column("lead (牵头) or responsible (责任/配合)", "lead")
    unit: str = column("one unit as the notice writes it (canonical text)", "市发改委")
    unit_canonical: str = column("one name per unit across notices: region + full name from the alias table "
                                 "(docs/units.md); the name as written when the table does not know it",
                                 "泉州市发展和改革委员会")
    unit_region: str | None = column("region the unit belongs to, from the notice's issuer; 全国 for national "
                                     "bodies; null when unknown", "泉州市")
    unit_match: str = column("how unit_canonical was found: exact (a name of the alias table), alias (a short "
                             "form, or a name a reform replaced, by the notice's date), rule (a group the table "
                             "does not know) or none (not in the table)", "alias")
    unit_kind: str = column("agency (one body) or group (a collective name: 市直各部门, 各县（市、区）人民政府)",
                            "agency")


@dataclass
class CitationRecord:
    doc_id: str = column("the citing document (documents.doc_id)", "3f2a9c0d1e4b5a67")
    seq: int | None = column("the citing task (tasks.seq); null for the notice's own text", "7")
    cited_doc_number: str = column("发文字号 of the cited notice, canonical", "泉政办〔2018〕43号")
    cited_title: str | None = column("title in 《》 right before the number, when written",
                                     "泉州市人民政府办公室关于印发…的通知")


@dataclass
class TaskLinkRecord:
    """A pair of tasks of two consecutive editions; computed across documents at
    the end of a build (:mod:`pipeline.links`), so not a field of ``Converted``."""

    series: str = column("issuer and title with years masked (＊) that the two notices share",
                         "泉州市人民政府办公室｜泉州市人民政府办公室关于印发＊年政务公开工作主要任务分解表的通知")
    doc_id_a: str = column("the earlier edition (documents.doc_id)", "3f2a9c0d1e4b5a67")
    seq_a: int | None = column("its task (tasks.seq); null for a new task", "18")
    doc_id_b: str = column("the next edition (documents.doc_id)", "8c1d2e3f4a5b6c7d")
    seq_b: int | None = column("its task (tasks.seq); null for a dropped task", "17")
    status: str = column("same (only years changed), revised, new (only in b) or dropped (only in a)", "revised")
    similarity: float | None = column("difflib ratio of the two tasks' title and requirement, years masked; "
                                      "null for new and dropped", "0.912")
    changes: list[str] = column("fields that changed, years aside: title, requirement, deadline, lead_units, "
                                "responsible_units (units compared by unit_canonical)", "[requirement]")
    diff: str = column("title：requirement of a turned into b's, deletions in [-…-], insertions in {+…+}",
                       "公开预算{+、决算+}…")


@dataclass
class ManifestRecord:
    source_path: str = column("path below the input folder (file, or a skipped folder or link), in the same form "
                              "as documents.source_path", "2018/泉政办〔2018〕51号.pdf")
    sha256: str | None = column("sha256 of the file (null when it could not be read)", "3f2a9c…")
    source_format: str | None = column(f"format detected from the content: {SOURCE_FORMATS}", "pdf")
    status: str = column("ok, error, or skipped (a path not parsed on purpose: hidden, a link out of the input "
                         "folder, an unsupported kind …; see docs/errors.md)", "ok")
    error_code: str | None = column("stable code of the failure, or the reason a path was skipped "
                                    "(see docs/errors.md)", "no_text_layer")
    error: str | None = column("human-readable message of the failure, or why the path was skipped",
                               "PDF has no text layer (scanned image?)")
    warnings: list[str] = column("non-fatal findings, e.g. no task table", "[no task table found]")
    n_tasks: int = column("task rows found", "42")
    n_pages: int | None = column("pages (PDF only)", "9")
    seconds: float = column("time spent on the file in this run (near 0 when cached)", "0.84")
    cached: bool = column("true when the outcome came from the cache of an earlier run (same bytes, same parser "
                          "version), not from parsing", "false", default=False)
    ocr_pages: int = column("pages whose text was read by OCR (scans: no usable text layer)", "3", default=0)
    ocr_seconds: float = column("time spent on OCR in this run (0 when cached: OCR results are cached with the "
                                "file)", "14.2", default=0.0)


DATASETS: dict[str, Dataset] = {d.name: d for d in [
    Dataset("documents", DocumentRecord, "One row per notice that could be read. Key: `doc_id`."),
    Dataset("tasks", TaskRecord, "One row per task, of a task table or written as prose. Key: (`doc_id`, `seq`)."),
    Dataset("task_units", TaskUnitRecord,
            "One row per (task, role, unit): the long form of `tasks.lead_units` and `tasks.responsible_units`, "
            "for counting tasks per unit, with the unit's canonical name across notices (docs/units.md). "
            "Key: (`doc_id`, `seq`, `role`, `unit`)."),
    Dataset("citations", CitationRecord,
            "One row per (notice or task, cited notice): a 发文字号 the notice's text cites. "
            "Key: (`doc_id`, `seq`, `cited_doc_number`)."),
    Dataset("task_links", TaskLinkRecord,
            "One row per task of two consecutive editions of a series of notices (same issuer, title differing "
            "only by years): paired as same or revised, or new or dropped. Computed at the end of a build, over "
            "the other datasets. Key: (`doc_id_a`, `seq_a`, `doc_id_b`, `seq_b`)."),
    Dataset("manifest", ManifestRecord,
            "One row per input path of the run, read, failed or skipped: status, error code, counts and timings. "
            "Key: `source_path`."),
]}
"""Every dataset the pipeline writes, in the order of the data dictionary and the workbook."""

PARTITION_BY = ("year",)
"""What ``--partition-by`` accepts (:mod:`pipeline.datasets.partitions`)."""

PARTITIONED = ("documents", "tasks", "task_units", "citations")
"""The datasets written per partition; the others stay single files."""
