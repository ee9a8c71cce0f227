"""What tables and prose share when they become tasks: the task record of
structuring, the headings in force, and how a task number is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.structure.markers import CIRCLED, ITEM, SECTION, SUBITEM, SUBSECTION, parse_marker

ITEM_LEVELS = (ITEM, SUBITEM, CIRCLED)


def heading_title(text: str) -> str:
    """A heading or task title as stored: without the 。 that closes it in
    some layouts (``一、做好财政信息公开。``), so equal titles compare equal."""
    return text.rstrip("。")


@dataclass
class Task:
    """One task as the notice states it; unit cells are still raw text."""

    table_no: int
    """1-based number of the task table; 0 for tasks written in prose."""
    task_no: int | None
    section_no: int | None
    section_title: str | None
    subsection_no: int | None
    subsection_title: str | None
    title: str
    requirement: str
    lead_text: str
    responsible_text: str
    deadline_text: str
    page_start: int | None
    page_end: int | None
    extra: dict[str, str] = field(default_factory=dict)
    ocr_score: float | None = None
    """Lowest recognition score of the characters it was read from; None when
    none came from OCR."""

    def add_score(self, score: float | None) -> None:
        self.ocr_score = lowest(self.ocr_score, score)


def lowest(*scores: float | None) -> float | None:
    """The lowest of the scores that exist (text from a text layer has none)."""
    known = [s for s in scores if s is not None]
    return min(known) if known else None


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

    def task(self, **fields: object) -> Task:
        """A task under the headings in force."""
        return Task(section_no=self.section.number, section_title=self.section.title,
                    subsection_no=self.subsection.number, subsection_title=self.subsection.title, **fields)


def item(text: str) -> tuple[int | None, str]:
    """(number, rest) of a text that starts with a task number, else (None, text)."""
    marker = parse_marker(text)
    if marker and marker.level in ITEM_LEVELS:
        return marker.number, marker.rest
    return None, text


