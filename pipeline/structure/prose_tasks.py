"""Tasks written as prose instead of a table.

Two styles are read.

**Label lines** (city and county notices): numbered paragraphs, each followed
by lines that name its units and deadline, or closed by the same labels in
brackets::

    一、优化政务公开工作基础
    1.深化规范性文件集中公开……
    牵头单位：市政府办公室
    责任单位：市有关单位
    完成时限：2021年12月底前

The numbered paragraph's text (and unlabelled paragraphs before its first
label line) is the requirement, with no title, as under a 具体要求 column; the
first unlabelled paragraph after a label line ends the task. Labels are the
header words of :data:`~pipeline.vocabulary.COLUMN_SYNONYMS` for the unit and
deadline roles, so one vocabulary serves tables and prose.

**Responsibility notes** (State Council and provincial notices): a numbered
item (一、, （一）, 1., （1）) closed by a note (:mod:`pipeline.structure.notes`)::

    （八）放宽技术技能提升补贴申领条件。2019年1月1日至……（人力资源社会保障部、财政部负责）

The opening phrase up to the first 。 is the title when more text follows it;
the rest, without the note, is the requirement. An item with several notes
gives one task per note (each names who does the sentences before it), all
with the item's number and title. Once a notice has said that the first
listed unit leads (``列第一位者为牵头单位，下同``), its tasks carry that rule.

In both styles a numbered item that nothing ties to units (principles, goals,
closing words) is no task: if it is a 一、 or （一） paragraph it is a heading
for what follows, titled by its opening phrase (``（二）基本原则。``). A
paragraph that runs two items together (a PDF that shows no paragraph break
after a full line) is split where a note is followed by a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.model import Document
from pipeline.normalize.text import join_prose, prose
from pipeline.structure.headings import State, Task, heading_title, lowest
from pipeline.structure.markers import SECTION, SUBSECTION, Marker, parse_marker
from pipeline.structure.notes import Labels, Note, find_notes, opening_title, says_first_listed_leads, split_labels


@dataclass
class _Segment:
    """The sentences of an item one note assigns."""

    text: str
    note: Note


@dataclass
class _Draft:
    """A numbered item and what has been read for it so far."""

    marker: Marker
    pages: list[int]
    pending: str = ""
    """Text not yet closed by a note (or, in the label style, the requirement)."""
    segments: list[_Segment] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)
    score: float | None = None
    """Lowest OCR score of the paragraphs read into it."""

    def page(self, page: int | None, score: float | None) -> None:
        """A paragraph of *page* (with its OCR *score*) was read into the item."""
        if page is not None:
            self.pages.append(page)
        self.score = lowest(self.score, score)

    def take(self, text: str, notes: list[Note]) -> None:
        """Text of the item: each note closes the sentences since the last one."""
        start = 0
        for note in notes:
            self.segments.append(_Segment(join_prose(self.pending, text[start:note.start].strip()), note))
            self.pending, start = "", note.end
        self.pending = join_prose(self.pending, text[start:].strip().lstrip("。"))


def _split_items(text: str) -> list[str]:
    """A paragraph cut where a note is followed by a numbered item."""
    pieces, start = [], 0
    for note in find_notes(text):
        rest = text[note.end:].lstrip("。 ")
        if rest and parse_marker(rest) is not None:
            pieces.append(text[start:note.end])
            start = len(text) - len(rest)
    return [*pieces, text[start:]]


class _ProseReader:
    def __init__(self) -> None:
        self.state = State()
        self.draft: _Draft | None = None
        self.first_listed = False
        self.tasks: list[Task] = []

    def read(self, text: str, page: int | None, score: float | None = None) -> None:
        marker = parse_marker(text)
        if marker is not None:
            self.close()
        if says_first_listed_leads(text):
            # From here on: the item that says it included, the one before not.
            self.first_listed = True
        if marker is not None:
            self.draft = _Draft(marker, [])
            text = marker.rest
        elif self.draft is None:
            return
        draft = self.draft
        notes = find_notes(text)
        if draft.labels:
            body, labels = split_labels(text)
            if labels and not body:
                draft.labels.update(labels)
                draft.page(page, score)
            else:
                self.close()
        elif notes or draft.segments:
            draft.take(text, notes)
            draft.page(page, score)
        else:
            body, labels = split_labels(text)
            draft.pending = join_prose(draft.pending, body)
            draft.labels.update(labels)
            draft.page(page, score)

    def close(self) -> None:
        """Turn the open item into its tasks, or into a heading if it has none."""
        draft, self.draft = self.draft, None
        if draft is None:
            return
        if draft.segments:
            self._note_tasks(draft)
        elif draft.labels:
            self._add(draft, None, draft.pending, draft.labels.roles.get("responsible", ""), draft.labels)
        elif draft.marker.level in (SECTION, SUBSECTION):
            title, _ = opening_title(draft.marker.rest)
            self.state.enter(draft.marker.level, draft.marker.number, title or draft.marker.rest)

    def _note_tasks(self, draft: _Draft) -> None:
        title, first = opening_title(draft.segments[0].text)
        for i, segment in enumerate(draft.segments):
            labels = segment.note.labels
            units = segment.note.units or labels.roles.get("responsible", "")
            self._add(draft, title, first if i == 0 else segment.text, units, labels)

    def _add(self, draft: _Draft, title: str | None, requirement: str, responsible: str, labels: Labels) -> None:
        pages = draft.pages
        self.tasks.append(Task(
            **self.state.headings(),
            table_no=0,
            task_no=draft.marker.number,
            title=heading_title(title) if title else "",
            requirement=requirement,
            lead_text=labels.roles.get("lead", ""),
            responsible_text=responsible,
            deadline_text=labels.roles.get("deadline", ""),
            page_start=min(pages) if pages else None,
            page_end=max(pages) if pages else None,
            extra=dict(labels.extra),
            first_listed_leads=self.first_listed,
            ocr_score=draft.score,
        ))


def prose_tasks(document: Document) -> list[Task]:
    """The tasks of a document's numbered paragraphs that labels or notes tie to units, in order."""
    reader = _ProseReader()
    for paragraph in document.paragraphs():
        for piece in _split_items(prose(paragraph.text)):
            reader.read(piece, paragraph.page, paragraph.score)
    reader.close()
    return reader.tasks
