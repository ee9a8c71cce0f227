"""Tasks written as prose instead of a table.

Some notices list their tasks as numbered paragraphs, each followed by lines
that name its units and deadline::

    一、优化政务公开工作基础
    1.深化规范性文件集中公开……
    牵头单位：市政府办公室
    责任单位：市有关单位
    完成时限：2021年12月底前

or close the paragraph with the same labels in brackets
(``……夯实基础。（牵头单位：市政府办公室；责任单位：市有关单位）``).

Rules: 一、/（一） paragraphs are headings; a paragraph numbered 1./（1）/① starts
a task, whose text is its requirement (prose tasks have no separate title, as
a 具体要求 column has none); unlabelled paragraphs before its first label line
continue that requirement, and the first unlabelled paragraph after one ends
the task. Labels are the header words of :data:`~pipeline.vocabulary.COLUMN_SYNONYMS`
for the unit and deadline roles, so one vocabulary serves tables and prose. A
numbered paragraph that no label follows is running text, not a task.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from extractors.model import Document, Paragraph
from pipeline.structure.headings import State, Task, item, lowest
from pipeline.structure.markers import SECTION, SUBSECTION, parse_marker
from pipeline.patterns import alternation
from pipeline.normalize.text import join_prose, prose
from pipeline.vocabulary import COLUMN_SYNONYMS

LABEL_ROLES = ("lead", "responsible", "deadline")
"""Roles whose label lines tie a numbered paragraph to units: what makes it a task."""

_ROLE_OF_LABEL = {syn: role for role in LABEL_ROLES for syn in COLUMN_SYNONYMS[role]}
_LABEL = regex.compile(rf"(?P<label>{alternation(_ROLE_OF_LABEL)})\s*[：:]")
_VALUE_TRIM = "；;，,。 "


def _trim_value(value: str) -> str:
    """A label's value without separators around it, nor the bracket that
    closes a bracketed label group (``…；配合单位：市直有关部门）``); the
    bracket closing ``各镇（街）`` stays."""
    value = value.strip(_VALUE_TRIM)
    while value and value[-1] in "）)" and value.count(value[-1]) > value.count("（" if value[-1] == "）" else "("):
        value = value[:-1].rstrip(_VALUE_TRIM)
    return value


def split_labels(text: str) -> tuple[str, dict[str, str]]:
    """(text before the first label, label role → value) of one paragraph.

    ``……基础。（牵头单位：市政府办公室；责任单位：市有关单位）`` → the text up to
    ``基础。`` and {lead: 市政府办公室, responsible: 市有关单位}.
    """
    matches = list(_LABEL.finditer(text))
    if not matches:
        return text, {}
    body = text[: matches[0].start()].rstrip("（( ")
    labels: dict[str, str] = {}
    for match, following in zip(matches, matches[1:] + [None]):
        value = _trim_value(text[match.end(): following.start() if following else len(text)])
        role = _ROLE_OF_LABEL[match.group("label")]
        labels[role] = "；".join(v for v in (labels.get(role), value) if v)
    return body, labels


@dataclass
class _Draft:
    """A numbered paragraph and what has been read for it so far."""

    task_no: int | None
    requirement: str
    pages: list[int]
    labels: dict[str, str] = field(default_factory=dict)
    score: float | None = None

    def add(self, paragraph: Paragraph, labels: dict[str, str]) -> None:
        self.score = lowest(self.score, paragraph.score)
        for role, value in labels.items():
            self.labels[role] = "；".join(v for v in (self.labels.get(role), value) if v)
        if paragraph.page is not None:
            self.pages.append(paragraph.page)


class _ProseReader:
    def __init__(self) -> None:
        self.state = State()
        self.draft: _Draft | None = None
        self.tasks: list[Task] = []

    def read(self, paragraph: Paragraph) -> None:
        body, labels = split_labels(prose(paragraph.text))
        marker = parse_marker(body)
        if marker and marker.level in (SECTION, SUBSECTION):
            self.close()
            self.state.enter(marker.level, marker.number, marker.rest)
        number, rest = item(body)
        if number is not None:
            self.close()
            self.draft = _Draft(number, rest, [paragraph.page] if paragraph.page is not None else [])
            self.draft.add(paragraph, labels)
        elif self.draft is not None and labels and not body:
            self.draft.add(paragraph, labels)
        elif self.draft is not None and body and not self.draft.labels and not marker:
            self.draft.requirement = join_prose(self.draft.requirement, body)
            self.draft.add(paragraph, labels)
        else:
            self.close()

    def close(self) -> None:
        """Turn the open draft into a task if labels made it one."""
        draft, self.draft = self.draft, None
        if draft is None or not draft.labels:
            return
        self.tasks.append(self.state.task(
            table_no=0,
            task_no=draft.task_no,
            title="",
            requirement=draft.requirement,
            lead_text=draft.labels.get("lead", ""),
            responsible_text=draft.labels.get("responsible", ""),
            deadline_text=draft.labels.get("deadline", ""),
            page_start=min(draft.pages) if draft.pages else None,
            page_end=max(draft.pages) if draft.pages else None,
            ocr_score=draft.score,
        ))


def prose_tasks(document: Document) -> list[Task]:
    """The tasks of a document's numbered, labelled paragraphs, in order."""
    reader = _ProseReader()
    for paragraph in document.paragraphs():
        reader.read(paragraph)
    reader.close()
    return reader.tasks
