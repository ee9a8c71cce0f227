"""Step 4 of a run: its datasets, from the cache, into a new unpublished generation folder.

Without partitioning, the datasets are written while the workers parse: the
manifest rows come in scan order as the batch runner settles them, and each
file's records are written as soon as its row is here. With ``--partition-by``
a partition's documents must all be known first, so the rows are collected
before any partition is written.

The batch runner imports this module only once its workers are starting:
pyarrow and the writers take some 0.2 s to load, which the workers' warm-up
then overlaps (:mod:`pipeline.run.batch`).
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.convert import unit_records
from pipeline.datasets import generations, partitions
from pipeline.datasets.records import DATASETS, PARTITIONED, ManifestRecord
from pipeline.datasets.writers import DatasetFiles, dataset_file_names
from pipeline.datasets.xlsx import WORKBOOK_NAME, write_workbook
from pipeline.links.dataset import task_links
from pipeline.normalize.alias_table import default_table
from pipeline.run.cache import Cache
from pipeline.run.names import printable
from pipeline.run.outdir import DiskFull, is_disk_full


def published_names() -> list[str]:
    """The names a generation's files are published under (:func:`pipeline.datasets.generations.publish`)."""
    return [*dataset_file_names(), WORKBOOK_NAME]


def write_generation(output_dir: Path, rows: Iterable[ManifestRecord], cache: Cache, workbook: bool,
                      partition_by: str | None = None) -> tuple[Path, list[ManifestRecord]]:
    """Every dataset into a new unpublished generation folder; returns it and the manifest.

    *rows* are the run's manifest rows in scan order, read as they come (the
    workers may still be parsing). A document whose bytes an earlier path
    already gave is written once, under that first path. With
    *partition_by*, the per-document datasets are written by partition, and
    partitions whose documents did not change are carried from the current
    generation (:mod:`pipeline.datasets.partitions`). Anything that stops the
    writing, or the parsing behind *rows*, discards the folder; a full disk is
    raised as :class:`pipeline.run.outdir.DiskFull`.
    """
    partial = generations.new_generation(output_dir)
    out = DatasetFiles(partial, [n for n in DATASETS if partition_by is None or n not in PARTITIONED])
    manifest: list[ManifestRecord] = []
    try:
        firsts = _first_paths(rows, manifest)
        if partition_by is None:
            for row in firsts:
                for name, records in _records(cache, row).items():
                    out.add(name, records)
        else:
            _write_partitions(partial, generations.current_generation(output_dir), list(firsts), cache)
        out.complete("documents", "tasks", "task_units")
        out.add("task_links", task_links(partial))
        out.add("manifest", manifest)
        out.close()
        if workbook:
            write_workbook(partial)
    except BaseException as exc:
        if isinstance(rows, Generator):
            rows.close()  # stops the parsing behind the rows: no worker goes on for a generation discarded
        out.abandon()
        generations.discard(partial)
        if is_disk_full(exc):
            raise DiskFull(f"no space left on the device of {printable(str(output_dir))} "
                           "while writing the datasets") from exc
        raise
    return partial, manifest


def _first_paths(rows: Iterable[ManifestRecord], manifest: list[ManifestRecord]) -> Iterator[ManifestRecord]:
    """The rows whose records the datasets hold: ok, and the first path of
    their bytes; every row read is added to *manifest*."""
    seen: set[str] = set()
    for row in rows:
        manifest.append(row)
        if row.status == "ok" and row.sha256 not in seen:
            seen.add(row.sha256 or "")
            yield row


def _write_partitions(folder: Path, previous: Path | None, firsts: list[ManifestRecord], cache: Cache) -> None:
    """The per-document datasets, partition by partition; unchanged partitions carried from *previous*.

    A partition's documents are known before it is written: the previous
    generation's index tells the partition of bytes it held, and only new bytes
    are read from the cache for it.
    """
    # the cache's folder names the parser version and the readers; the alias table decides task_units
    plan = partitions.Plan(previous, partitions.layout_key(f"{cache.dir.name}\0{default_table().version}"))
    rows = {row.sha256: row for row in firsts}
    for row in firsts:
        year = plan.known_year(row.sha256 or "")
        if year is None:
            records = _records(cache, row)
            if not records:
                continue
            year = partitions.partition_year(records["documents"][0])
        plan.add(year, row.sha256 or "", row.source_path)
    for year, members in sorted(plan.members.items()):
        if previous is not None and plan.carried(year):
            partitions.carry(previous, folder, year)
            continue
        with partitions.partition(folder, year) as part:
            for sha256, source_path in list(members):
                records = _records(cache, rows[sha256])
                if not records:  # not written: neither is it in the index
                    members.remove((sha256, source_path))
                for name, batch in records.items():
                    part.add(name, batch)
    plan.write_index(folder)


def _records(cache: Cache, row: ManifestRecord) -> dict[str, list[Any]]:
    """One file's rows by dataset, from the cache; none (and the row failed) when its entry is gone."""
    entry = cache.load(row.sha256 or "")
    if entry is None or entry.converted is None:  # the cache changed under this run: fail the file, not the run
        row.status, row.error_code, row.n_tasks = "error", "internal_error", 0
        row.error = "the file's cached records disappeared during the run; run again"
        return {}
    c = entry.converted
    c.document.source_path = row.source_path  # the same bytes may lie under another name than when cached
    # task_units again from the tasks, so an edited alias table takes effect without parsing again
    return c.rows() | {"task_units": unit_records(c.document, c.tasks)}
