"""Aligning the tasks of two editions of a notice: same, revised, new, dropped.

Each task of the later edition is paired with at most one task of the earlier
one. Similarity is difflib's ratio over the task's text (title and
requirement) with years masked, since a continued task usually only moves its
deadline year. A task keeps its title when its requirement is rewritten, so two
tasks with the same title pair first, whatever their similarity; the others
pair best first, and a pair below :data:`MIN_SIMILARITY` is no pair: the
earlier task is ``dropped``, the later one ``new``. A pair is ``same`` when nothing but years changed in its text,
deadline and (canonical) units, else ``revised``, with the fields that changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipeline.links.series import mask_years

MIN_SIMILARITY = 0.6
"""Below this, two tasks are different tasks. Chosen so that a task whose title
and requirement were rewritten in part still pairs, while two tasks that share
only stock phrases (确保各项要求落到实处) do not."""

STATUSES = ("same", "revised", "new", "dropped")
FIELDS = ("title", "requirement", "deadline", "lead_units", "responsible_units")
DELETED, INSERTED = ("[-", "-]"), ("{+", "+}")


@dataclass(frozen=True)
class TaskVersion:
    """What two editions of a task are compared on."""

    seq: int
    title: str = ""
    requirement: str = ""
    deadline: str = ""
    lead_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "：".join(t for t in (self.title, self.requirement) if t)


@dataclass(frozen=True)
class Link:
    status: str
    a: TaskVersion | None
    b: TaskVersion | None
    similarity: float | None
    diff: str
    changes: tuple[str, ...] = ()
    """Fields that differ (years aside) between paired tasks; empty for the others."""


def similarity(a: TaskVersion, b: TaskVersion) -> float:
    return difflib.SequenceMatcher(None, mask_years(a.text), mask_years(b.text), autojunk=False).ratio()


def same_title(a: TaskVersion, b: TaskVersion) -> bool:
    return bool(a.title) and mask_years(a.title) == mask_years(b.title)


SHORT_EQUAL = 2
"""Equal runs this short between two changes are shown inside the change: a
character-level diff of rewritten Chinese text is unreadable otherwise
(``[-财政-]预{+算、+}决算``)."""


def inline_diff(old: str, new: str) -> str:
    """*old* turned into *new*, characters deleted in ``[-…-]`` and inserted in ``{+…+}``."""
    pieces: list[list[str]] = []  # [deleted, inserted] for a change, [text] for an equal run
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        inside = 0 < k < len(opcodes) - 1 and i2 - i1 <= SHORT_EQUAL
        if op == "equal" and not inside:
            pieces.append([old[i1:i2]])
            continue
        if not pieces or len(pieces[-1]) == 1:
            pieces.append(["", ""])
        pieces[-1][0] += old[i1:i2]
        pieces[-1][1] += new[j1:j2]
    out = []
    for piece in pieces:
        if len(piece) == 1:
            out.append(piece[0])
            continue
        deleted, inserted = piece
        out.append((DELETED[0] + deleted + DELETED[1] if deleted else "")
                   + (INSERTED[0] + inserted + INSERTED[1] if inserted else ""))
    return "".join(out)


def changed_fields(a: TaskVersion, b: TaskVersion) -> tuple[str, ...]:
    def value(t: TaskVersion, name: str) -> object:
        v = getattr(t, name)
        return mask_years(v) if isinstance(v, str) else frozenset(v)
    return tuple(f for f in FIELDS if value(a, f) != value(b, f))


def _pair(a: TaskVersion, b: TaskVersion, score: float) -> Link:
    changes = changed_fields(a, b)
    return Link("revised" if changes else "same", a, b, round(score, 3), inline_diff(a.text, b.text), changes)


def align(earlier: list[TaskVersion], later: list[TaskVersion]) -> list[Link]:
    """Links of every task of both editions, in the later edition's order, each
    dropped task after the task that follows its predecessor."""
    scored = sorted(((same_title(a, b), similarity(a, b), abs(i - j), i, j) for i, a in enumerate(earlier)
                     for j, b in enumerate(later)), key=lambda s: (not s[0], -s[1], s[2], s[3], s[4]))
    partner: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for titled, score, _, i, j in scored:
        if not titled and score < MIN_SIMILARITY:
            break
        if i not in partner and j not in taken:
            partner[i] = (j, score)
            taken.add(j)
    keyed: list[tuple[float, Link]] = []
    anchor = -1.0
    for i, a in enumerate(earlier):
        if i in partner:
            j, score = partner[i]
            anchor = max(anchor, j)
            keyed.append((j, _pair(a, later[j], score)))
        else:
            keyed.append((anchor + 0.5, Link("dropped", a, None, None, DELETED[0] + a.text + DELETED[1])))
    keyed += [(j, Link("new", None, b, None, INSERTED[0] + b.text + INSERTED[1]))
              for j, b in enumerate(later) if j not in taken]
    return [link for _, link in sorted(keyed, key=lambda k: k[0])]
