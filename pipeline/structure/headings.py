"""What tables and prose share when they become tasks: the task record of
structuring, the headings in force, and how a task number is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from pipeline.normalize.text import join_prose
from pipeline.structure.markers import CIRCLED, ITEM, SECTION, SUBITEM, SUBSECTION, parse_marker

ITEM_LEVELS = (ITEM, SUBITEM, CIRCLED)


def heading_title(text: str) -> str:
    """A heading or task title as stored: without the 。 that closes it in
    some layouts (``一、做好财政信息公开。``), so equal titles compare equal."""
    return text.rstrip("。")


@dataclass
class Task:
    """One task as the notice states it; unit cells are still raw text.

    Not the dataset row (:class:`pipeline.datasets.records.TaskRecord`), because
    it belongs to another stage: structuring builds it cell by cell and keeps
    appending to it while a page break continues the row, and the unit and
    deadline cells must stay raw until the whole row is read (a page end can
    split a unit's name, ``市委编办（市审`` + ``改办）``, which only the joined
    text splits right). Normalization then turns it into the row: units split
    into lists by role, the deadline understood, the notice's id and the task's
    order added. The fields both hold under one name (headings, numbers, pages,
    extras) pass into the row unchanged by name
    (:func:`pipeline.datasets.declaration.build`), so they are declared for the
    datasets once, in the row.
    """

    table_no: int
    """1-based number of the task table; 0 for tasks written in prose."""
    task_no: int | None
    section_no: int | None
    section_title: str | None
    subsection_no: int | None
    subsection_title: str | None
    title: str
    requirement: str
    lead_text: str = ""
    """The 牵头单位 cell(s) or label, raw."""
    responsible_text: str = ""
    """The 责任单位 / 配合单位 cell(s) or label, raw."""
    deadline_text: str = ""
    """The 完成时限 cell or label."""
    page_start: int | None = None
    page_end: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    first_listed_leads: bool = False
    """The notice said (``列第一位者为牵头单位，下同``) that the first unit
    listed leads: normalization makes it the lead when no role word names one."""
    ocr_score: float | None = None
    """Lowest recognition score of the characters it was read from; None when
    none came from OCR."""

    def add_score(self, score: float | None) -> None:
        self.ocr_score = lowest(self.ocr_score, score)


def lowest(*scores: float | None) -> float | None:
    """The lowest of the scores that exist (text from a text layer has none)."""
    known = [s for s in scores if s is not None]
    return min(known) if known else None


class Headings(TypedDict):
    """The heading fields of a :class:`Task`."""

    section_no: int | None
    section_title: str | None
    subsection_no: int | None
    subsection_title: str | None


@dataclass
class _Heading:
    number: int | None = None
    title: str | None = None


@dataclass
class State:
    """The headings in force at the current point of a table or of prose."""

    section: _Heading = field(default_factory=_Heading)
    subsection: _Heading = field(default_factory=_Heading)

    def enter(self, level: int, number: int, title: str) -> None:
        title = heading_title(title)
        if level == SECTION:
            if (self.section.number, self.section.title) != (number, title):
                self.section = _Heading(number, title)
                self.subsection = _Heading()
        elif level == SUBSECTION:
            self.subsection = _Heading(number, title)

    def extend(self, level: int, more: str) -> tuple[str | None, str]:
        """Join *more* to the title of the heading in force at *level* (the
        rest of a heading a page end broke); return (old title, new title)."""
        heading = self.section if level == SECTION else self.subsection
        old = heading.title
        heading.title = heading_title(join_prose(old or "", more))
        return old, heading.title

    def headings(self) -> Headings:
        """The headings in force, as a task's fields: ``Task(**state.headings(), ...)``."""
        return Headings(section_no=self.section.number, section_title=self.section.title,
                        subsection_no=self.subsection.number, subsection_title=self.subsection.title)


def item(text: str) -> tuple[int | None, str]:
    """(number, rest) of a text that starts with a task number, else (None, text)."""
    marker = parse_marker(text)
    if marker and marker.level in ITEM_LEVELS:
        return marker.number, marker.rest
    return None, text


