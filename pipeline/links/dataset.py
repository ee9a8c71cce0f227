"""The task_links dataset: computed once a build's other datasets are complete.

The batch runner writes documents, tasks and task_units file by file; links
need every document at once. So this step runs at the end of a build over the
written datasets (Parquet in the build's staging folder), reading only what it
needs: the documents' series fields, then the tasks and canonical units of the
notices that have another edition.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.datasets.records import TaskLinkRecord
from pipeline.datasets.writers import dataset_source
from pipeline.links.align import TaskVersion, align
from pipeline.links.series import Edition, edition_pairs


def _year(row: Mapping[str, Any]) -> int | None:
    signed: dt.date | None = row["signed_date"]
    return row["doc_year"] or (signed.year if signed else None)


def read_editions(folder: Path) -> list[Edition]:
    columns = ["doc_id", "issuer", "title", "doc_year", "signed_date", "n_tasks"]
    return [Edition(r["doc_id"], r["issuer"], r["title"], _year(r), r["n_tasks"])
            for r in pq.read_table(dataset_source(folder, "documents"), columns=columns).to_pylist()]


def task_versions(tasks: Iterable[Mapping[str, Any]],
                  units: Iterable[Mapping[str, Any]]) -> dict[str, list[TaskVersion]]:
    """Tasks by document, in order, with their canonical units by role (rows of
    the tasks and task_units datasets, as dicts)."""
    by_task: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for u in units:
        by_task[u["doc_id"], u["seq"], u["role"]].append(u["unit_canonical"])
    out: dict[str, list[TaskVersion]] = defaultdict(list)
    for t in tasks:
        key = (t["doc_id"], t["seq"])
        out[t["doc_id"]].append(TaskVersion(
            t["seq"], t["title"] or "", t["requirement"] or "", t["deadline_text"] or "",
            tuple(by_task[(*key, "lead")]), tuple(by_task[(*key, "responsible")])))
    return {doc_id: sorted(ts, key=lambda t: t.seq) for doc_id, ts in out.items()}


def read_tasks(folder: Path, doc_ids: set[str]) -> dict[str, list[TaskVersion]]:
    """Tasks of *doc_ids* from the datasets in *folder*."""
    if not doc_ids:
        return {}
    wanted = pc.field("doc_id").isin(sorted(doc_ids))
    units = pq.read_table(dataset_source(folder, "task_units"), filters=wanted,
                          columns=["doc_id", "seq", "role", "unit_canonical"]).to_pylist()
    tasks = pq.read_table(dataset_source(folder, "tasks"), filters=wanted,
                          columns=["doc_id", "seq", "title", "requirement", "deadline_text"]).to_pylist()
    return task_versions(tasks, units)


def link_records(series: str, doc_a: str, doc_b: str, tasks_a: list[TaskVersion],
                 tasks_b: list[TaskVersion]) -> list[TaskLinkRecord]:
    return [TaskLinkRecord(series=series, doc_id_a=doc_a, seq_a=link.a.seq if link.a else None, doc_id_b=doc_b,
                           seq_b=link.b.seq if link.b else None, status=link.status, similarity=link.similarity,
                           changes=list(link.changes), diff=link.diff)
            for link in align(tasks_a, tasks_b)]


def task_links(folder: Path) -> list[TaskLinkRecord]:
    """Links between consecutive editions of every series among the documents in *folder*."""
    pairs = edition_pairs(read_editions(folder))
    tasks = read_tasks(folder, {e.doc_id for _, a, b in pairs for e in (a, b)})
    return [record for key, a, b in pairs
            for record in link_records(key, a.doc_id, b.doc_id, tasks.get(a.doc_id, []), tasks.get(b.doc_id, []))]
