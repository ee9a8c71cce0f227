"""``python -m pipeline diff NOTICE_A NOTICE_B``: how a notice's tasks changed from one edition to the next.

Both files are converted as ``build`` converts them and their tasks aligned
as the task_links dataset aligns them (:func:`pipeline.links.align.align`),
so the terminal shows what the dataset would hold for the pair, whether or
not the two notices are in one series. What the notices hold is escaped as
``inspect`` escapes it (control characters never reach the terminal raw).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pipeline.analysis.display_width import wrap
from pipeline.analysis.inspection import convert_file
from pipeline.convert import Converted
from pipeline.datasets.records import record_dict
from pipeline.links.align import STATUSES, Link, align
from pipeline.links.dataset import task_versions
from pipeline.run.names import printable, printable_lines

LABELS = {"same": "=", "revised": "~", "new": "+", "dropped": "-"}
INDENT = "    "


def _title(converted: Converted) -> str:
    d = converted.document
    return " | ".join(str(v) for v in (d.doc_number, d.issuer, d.title) if v) or d.source_path


def _seq(link: Link) -> str:
    a = str(link.a.seq) if link.a else "·"
    b = str(link.b.seq) if link.b else "·"
    return f"{a:>3} → {b:<3}"


def render_links(links: list[Link], width: int) -> list[str]:
    lines = []
    for link in links:
        score = "" if link.similarity is None else f"  {link.similarity:.2f}"
        changes = f"  ({', '.join(link.changes)})" if link.changes else ""
        lines.append(f"{LABELS[link.status]} {_seq(link)} {link.status}{score}{changes}")
        text = link.b.title or link.diff if link.status == "same" and link.b else link.diff  # unchanged: its title
        lines += [INDENT + line for line in wrap(printable_lines(text), max(20, width - len(INDENT)))]
        if "lead_units" in link.changes or "responsible_units" in link.changes:
            for role in ("lead_units", "responsible_units"):
                old, new = (getattr(t, role) if t else () for t in (link.a, link.b))
                if set(old) != set(new):
                    lines.append(printable(f"{INDENT}{role}: {'；'.join(old)} → {'；'.join(new)}"))
    counts = {s: sum(link.status == s for link in links) for s in STATUSES}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()))
    return lines


def diff_files(path_a: Path, path_b: Path, width: int | None = None) -> bool:
    """Print the links of two notices' tasks; False when either cannot be read."""
    a, b = convert_file(path_a), convert_file(path_b)
    if a is None or b is None:
        return False
    versions = {c.document.doc_id: c for c in (a, b)}
    tasks = task_versions([record_dict(t) for c in versions.values() for t in c.tasks],
                          [record_dict(u) for c in versions.values() for u in c.task_units])
    links = align(tasks.get(a.document.doc_id, []), tasks.get(b.document.doc_id, []))
    width = width or shutil.get_terminal_size(fallback=(120, 24)).columns
    header = [printable(f"a: {_title(a)}"), printable(f"b: {_title(b)}"), "[-deleted-] {+inserted+}", ""]
    sys.stdout.write("\n".join(header + render_links(links, width)) + "\n")
    return True
