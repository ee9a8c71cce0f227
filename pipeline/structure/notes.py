"""Responsibility notes: the brackets by which national notices assign a task.

State Council notices (and many provincial ones) put no table in the notice:
each measure is a numbered item closed by who does it::

    （八）放宽技术技能提升补贴申领条件。2019年1月1日至……（人力资源社会保障部、财政部负责）

A note is a bracket group that either says a unit list ending with a closing
word of :data:`~pipeline.vocabulary.NOTE_CLOSINGS` (``……负责``, ``……按职责分工负责``,
``……牵头负责``, ``……会同有关部门负责``, ``各省级人民政府负责``), possibly followed
by a sentence such as ``列第一位者为牵头单位，下同``, or holds labels
(``（负责部门：……；适用范围：……）``, ``（牵头单位：……；责任单位：……）``). It
closes the text before it: it stands at the end of the item, or right after a
sentence end with more text after it (one item may hold several notes, each
naming who does the sentences before it).

This module finds notes and reads what they say; :mod:`pipeline.structure.prose_tasks`
turns the items into tasks. Units stay raw text here, as in table cells: the
role words in them are read by :func:`pipeline.normalize.units.assign_roles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from pipeline.patterns import alternation
from pipeline.vocabulary import (
    BRACKET_PAIRS,
    COLUMN_SYNONYMS,
    EXTRA_COLUMNS,
    FIRST_LISTED_LEADS,
    NOTE_CLOSINGS,
)

LABEL_ROLES = ("lead", "responsible", "deadline")
"""Roles whose labels tie a numbered paragraph to units (or a deadline)."""

SENTENCE_ENDS = "。；！？"
"""Where a note may stand inside an item: right after one of these."""

_ROLE_OF_LABEL = {syn: role for role in LABEL_ROLES for syn in COLUMN_SYNONYMS[role]}
_ROLE_OF_LABEL.update({name: name for name in EXTRA_COLUMNS})
_LABEL = regex.compile(rf"(?P<label>{alternation(_ROLE_OF_LABEL)})\s*[：:]")
_VALUE_TRIM = "；;，,。 "
_CLOSING = regex.compile(rf"(?:{alternation(NOTE_CLOSINGS)})$")
_OPENERS = set(BRACKET_PAIRS)
_CLOSERS = set(BRACKET_PAIRS.values())


@dataclass
class Labels:
    """What labels say: units and deadline by role, and extra fields by label."""

    roles: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.roles or self.extra)

    def update(self, other: Labels) -> None:
        for mine, theirs in ((self.roles, other.roles), (self.extra, other.extra)):
            for key, value in theirs.items():
                mine[key] = "；".join(v for v in (mine.get(key), value) if v)


def _trim_value(value: str) -> str:
    """A label's value without separators around it, nor the bracket that
    closes a bracketed label group (``…；配合单位：市直有关部门）``); the
    bracket closing ``各镇（街）`` stays."""
    value = value.strip(_VALUE_TRIM)
    while value and value[-1] in "）)" and value.count(value[-1]) > value.count("（" if value[-1] == "）" else "("):
        value = value[:-1].rstrip(_VALUE_TRIM)
    return value


def split_labels(text: str) -> tuple[str, Labels]:
    """(text before the first label, what the labels say) of one paragraph.

    ``……基础。（牵头单位：市政府办公室；责任单位：市有关单位）`` → the text up to
    ``基础。`` and lead 市政府办公室, responsible 市有关单位.
    """
    matches = list(_LABEL.finditer(text))
    labels = Labels()
    if not matches:
        return text, labels
    body = text[: matches[0].start()].rstrip("（( ")
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        value = _trim_value(text[match.end(): following.start() if following else len(text)])
        key = _ROLE_OF_LABEL[match.group("label")]
        target = labels.roles if key in LABEL_ROLES else labels.extra
        target[key] = "；".join(v for v in (target.get(key), value) if v)
    return body, labels


def top_level_stop(text: str) -> int | None:
    """Index of the first 。 outside brackets and quotes, or None."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif ch == "。" and depth == 0:
            return i
    return None


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every top-level （…） group, nested brackets inside."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "（":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "）" and depth:
            depth -= 1
            if depth == 0:
                found.append((start, i + 1))
    return found


@dataclass
class Note:
    """One responsibility note and where it stands in its text."""

    start: int
    end: int
    units: str = ""
    """The unit list as written, with its role words and ``等`` tails (both read
    by :func:`pipeline.normalize.units.assign_roles`, as in a table cell)."""
    labels: Labels = field(default_factory=Labels)


def says_first_listed_leads(text: str) -> bool:
    """Whether a text says that from here on the first listed unit leads."""
    return any(phrase in text for phrase in FIRST_LISTED_LEADS)


def _read_note(content: str) -> tuple[str, Labels] | None:
    """(unit list, labels) a bracket's content says, or None if it is no note."""
    body, labels = split_labels(content)
    if labels and not body.strip():
        return "", labels
    stop = top_level_stop(content)
    assignment = content[:stop] if stop is not None else content
    if not _CLOSING.search(assignment) or _CLOSING.fullmatch(assignment):
        return None
    return assignment, Labels()


def find_notes(text: str) -> list[Note]:
    """The notes of a text, in order: bracket groups that say who is
    responsible and close either the text or a sentence followed by more."""
    notes = []
    stripped = text.rstrip("。 ")
    for start, end in _groups(text):
        at_end = end >= len(stripped)
        after_sentence = start > 0 and text[start - 1] in SENTENCE_ENDS
        if not (at_end or after_sentence):
            continue
        content = text[start + 1: end - 1]
        read = _read_note(content)
        if read is not None:
            notes.append(Note(start, end, read[0], read[1]))
    return notes


def opening_title(text: str) -> tuple[str | None, str]:
    """(title, rest) of an item written ``放宽技术技能提升补贴申领条件。2019年……``:
    the phrase up to the first 。 names the task when more text follows it;
    an item of one sentence has no title, that sentence is its requirement."""
    stop = top_level_stop(text)
    if stop is None or not text[stop + 1:].strip():
        return None, text
    return text[:stop], text[stop + 1:].strip()
