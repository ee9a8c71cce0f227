"""The metadata table that government portals print above a notice.

gov.cn shows 索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 /
主题词 in a table over every State Council document, and provincial portals do
the same with their own labels (发布机构, 名称, 文号 …; see
``PAGE_META_LABELS``). It is the publisher's catalogue record of the notice, so
where it names a field it is preferred to what the notice's layout suggests.

The same block reaches us in three shapes, all read by one rule:

* a table (the page itself, or the page saved as DOCX): label and value in
  neighbouring cells, with or without a colon (``发文机关：`` | ``国务院``);
* ``label：value`` paragraphs (list items on Fujian's portals);
* lines holding several pairs (the page printed to PDF, where the borderless
  table becomes text: ``发文字号： 国令第707号 发布日期： 2018年12月22日``).

Each table row or text line is one *row*; a value runs from its label to the
next label of the row. The block is the run of rows at the top of the document
whose first words are a label; it counts only with ``PAGE_META_MIN_LABELS``
labels, so a lone ``标题：`` in a notice is not a catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import regex

from extractors.model import Document, Paragraph, Table
from pipeline.metadata.doc_numbers import DocNumber, parse_doc_number
from pipeline.normalize.dates import parse_any_date
from pipeline.normalize.text import prose, squeeze
from pipeline.vocabulary import PAGE_META_LABELS, PAGE_META_MAX_START, PAGE_META_MIN_LABELS, PAGE_META_OTHER_LABELS

_FIELD_OF = {label: name for name, labels in PAGE_META_LABELS.items() for label in labels}
_ALL_LABELS = list(_FIELD_OF) + list(PAGE_META_OTHER_LABELS)
_SEPARATOR = "\t"
"""Joins the cells of a table row: a label cell needs no colon, the cell edge ends it."""
_SPACED_LABELS = "|".join(r"[ ]*".join(map(regex.escape, w)) for w in sorted(_ALL_LABELS, key=len, reverse=True))
"""Longest first, each with optional spaces between its characters (``索 引 号``)."""
_LABEL = regex.compile(
    rf"(?:^|(?<=\s))(?P<label>{_SPACED_LABELS})[ ]*(?:[:：][ ]*|(?={_SEPARATOR})|$)"
)
_FIRST = regex.compile(rf"\s*(?:{_LABEL.pattern})")


@dataclass(frozen=True)
class RowRef:
    """Where a row came from: a table row or a paragraph line (``line`` None for a table)."""

    block: int
    line: int | None


@dataclass
class PageMeta:
    """The fields the block names (raw text per documents column) and the rows it spans."""

    values: dict[str, str] = field(default_factory=dict)
    rows: set[RowRef] = field(default_factory=set)
    tables: set[int] = field(default_factory=set)
    """Blocks that are tables of the metadata block, left out of the notice's own reading."""

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        return prose(value) if value else None

    @property
    def doc_number(self) -> DocNumber | None:
        return parse_doc_number(self.values.get("doc_number"))

    def date(self, name: str) -> date | None:
        return parse_any_date(squeeze(self.values.get(name, "")))


def _rows(document: Document) -> list[tuple[RowRef, str]]:
    rows: list[tuple[RowRef, str]] = []
    for b, block in enumerate(document.blocks):
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.replace("\n", " ") for c in row.cells]
                rows.append((RowRef(b, None), _SEPARATOR.join(cells)))
        elif isinstance(block, Paragraph):
            for i, line in enumerate(block.text.split("\n")):
                if line.strip():
                    rows.append((RowRef(b, i), line.strip()))
        if len(rows) > PAGE_META_MAX_START + 2 * len(_ALL_LABELS):
            break
    return rows


def _pairs(row: str) -> list[tuple[str, str]]:
    """(label, value) pairs of one row, labels with their inner spaces removed."""
    matches = list(_LABEL.finditer(row))
    pairs = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(row)
        value = row[match.end():end].replace(_SEPARATOR, " ").strip()
        pairs.append((regex.sub(r"\s+", "", match["label"]), value))
    return pairs


def read_page_meta(document: Document) -> PageMeta:
    """The portal's metadata block at the top of the document; empty when there is none."""
    rows = _rows(document)
    start = next((i for i, (_, text) in enumerate(rows[:PAGE_META_MAX_START]) if _FIRST.match(text)), None)
    if start is None:
        return PageMeta()
    block: list[tuple[RowRef, str]] = []
    for ref, text in rows[start:]:
        if not _FIRST.match(text):
            break
        block.append((ref, text))
    if sum(len(_pairs(text)) for _, text in block) < PAGE_META_MIN_LABELS:
        return PageMeta()
    meta = PageMeta()
    for ref, text in block:
        meta.rows.add(ref)
        if ref.line is None:
            meta.tables.add(ref.block)
        for label, value in _pairs(text):
            name = _FIELD_OF.get(label)
            if name and value and name not in meta.values:
                meta.values[name] = value
    return meta
