"""``python -m pipeline units suggest OUTPUT_DIR`` and ``units accept REVIEW_FILE``.

``suggest`` runs the abbreviation rule (:mod:`pipeline.normalize.abbreviations`)
over a build's task_units and writes ``OUTPUT_DIR/unit_suggestions.csv``: rows
in the alias table's columns, an empty ``accept`` column, and the evidence
(the names as written, how many task rows carry them). Nothing is applied.
It holds OUTPUT_DIR's lock (:func:`pipeline.run.outdir.claim`) while it reads
the datasets and writes the file, as a build does: a build publishing into the
same folder meanwhile could swap the generation under the read, and its
clean-up is no place for a second writer.
A person marks the true ones (``accept`` = ``y``) and runs ``accept``, which
adds them to ``aliases/reviewed.csv`` if the table stays consistent; the next
build resolves them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.datasets.writers import dataset_source
from pipeline.normalize.abbreviations import Observed, suggest
from pipeline.normalize.alias_table import (
    ALIAS_DIR,
    COLUMNS,
    REVIEWED_FILE,
    SUGGESTIONS_FILE,
    AliasTable,
    default_table,
    read_rows,
)
from pipeline.run.outdir import claim

ACCEPT = "accept"
EVIDENCE = ("region", "short_units", "long_units", "task_rows")
YES = {"y", "yes", "x", "1", "是"}


def observed_units(output_dir: Path) -> tuple[list[Observed], Counter[tuple[str, str | None]]]:
    """Distinct (unit, region) of a build's task_units, and task rows per (unit, region)."""
    table = pq.read_table(dataset_source(output_dir, "task_units"),
                          columns=["unit", "unit_region", "unit_match", "unit_kind"])
    rows = table.to_pylist()
    counts = Counter((r["unit"], r["unit_region"]) for r in rows)
    distinct = {Observed(r["unit"], r["unit_region"], r["unit_match"], r["unit_kind"]) for r in rows}
    return sorted(distinct, key=lambda o: (o.region or "", o.unit)), counts


def suggestion_rows(output_dir: Path, table: AliasTable | None = None) -> list[dict[str, str]]:
    """The review file's rows: a ``short`` row per suggestion, preceded by a
    ``name`` row for a long form the table does not know yet."""
    observed, counts = observed_units(output_dir)
    rows: list[dict[str, str]] = []
    named: set[tuple[str, str]] = set()
    for s in suggest(observed, table or default_table()):
        evidence = {"region": s.region, "short_units": "；".join(s.short_units), "long_units": "；".join(s.long_units),
                    "task_rows": str(sum(counts[u, s.region] for u in s.short_units + s.long_units))}
        source = (f"units suggest: {'；'.join(s.short_units)} abbreviates "
                  f"{'；'.join(s.long_units) or s.long} in {s.region}")
        if not s.long_is_known and (s.region, s.long) not in named:
            named.add((s.region, s.long))
            rows.append(_row(s.long, s.long, s.region, "name", source, evidence))
        rows.append(_row(s.short, s.long, s.region, "short", source, evidence))
    return rows


def _row(alias: str, canonical: str, scope: str, kind: str, source: str, evidence: dict[str, str]) -> dict[str, str]:
    return {"alias": alias, "canonical": canonical, "scope": scope, "kind": kind, "valid_from": "", "valid_to": "",
            "source": source, ACCEPT: ""} | evidence


def write_suggestions(output_dir: Path, on_wait: Callable[[str], None] = lambda holder: None) -> tuple[Path, int]:
    """Write the review file under OUTPUT_DIR's lock; (its path, number of suggested rows).

    While a build holds the folder, *on_wait* is told who does and this call
    waits for it. Raises :class:`pipeline.run.outdir.OutputUnusable` when the
    folder cannot be written.
    """
    with claim(output_dir, on_wait=on_wait):
        rows = suggestion_rows(output_dir)
        path = output_dir / SUGGESTIONS_FILE
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[*COLUMNS, ACCEPT, *EVIDENCE])
            writer.writeheader()
            writer.writerows(rows)
    return path, len(rows)


def accept(review: Path, alias_dir: Path = ALIAS_DIR) -> int:
    """Add the review file's accepted rows to the alias table; the number added.

    The table is checked with them first (:class:`AliasTableError` when they
    contradict it), so a rejected file changes nothing.
    """
    with open(review, encoding="utf-8-sig", newline="") as fh:
        accepted = [{c: r.get(c) or "" for c in COLUMNS} for r in csv.DictReader(fh)
                    if (r.get(ACCEPT) or "").strip().lower() in YES]
    if not accepted:
        return 0
    target = alias_dir / REVIEWED_FILE
    staged = alias_dir / f".{REVIEWED_FILE}.checking"
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    try:
        with open(staged, "w", encoding="utf-8", newline="") as fh:
            fh.write(existing)
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            if not existing:
                writer.writeheader()
            writer.writerows(accepted)
        others = [row for path in sorted(alias_dir.glob("*.csv")) if path.name != REVIEWED_FILE
                  for row in read_rows(path)]
        AliasTable(others + read_rows(staged))  # raises when the table would contradict itself
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)
    default_table.cache_clear()
    return len(accepted)
