"""Batch runner: a folder of notices in, datasets and a run manifest out.

Errors are values here: a file that cannot be read becomes an ``error`` row in
the manifest with a stable code (docs/errors.md), and the run goes on with the
other files; a path that is not parsed at all (a hidden file, a link out of
INPUT_DIR, a FIFO, an unsupported kind) becomes a ``skipped`` row with its
reason (:mod:`pipeline.run.scan`). A run has these steps:

1. OUTPUT_DIR is checked and locked for the run (:mod:`pipeline.run.outdir`);
2. INPUT_DIR is scanned and every file to parse is hashed; a file whose bytes
   the cache already knows is answered from it (unless ``force``);
3. the others are parsed by the run's executor (:mod:`pipeline.run.executors`:
   local worker processes by default, or a Dask cluster), each file in a
   process of its own with a time and memory limit; its outcome is in the
   cache when its manifest row comes back (:mod:`pipeline.run.onefile`);
4. the datasets are streamed from the cache, file by file, into a new
   generation folder (unit names resolved against the current alias table on
   the way); the cross-document step reads its documents, tasks and
   task_units and adds task_links (:mod:`pipeline.links`) (:func:`write_generation`);
5. one atomic switch publishes the generation (:func:`pipeline.datasets.generations.publish`).

So the parent holds one manifest row per file and one file's records at a time.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractors import formats as registry
from extractors.ocr import OcrMode
from pipeline.convert import convert, unit_records
from pipeline.datasets import generations, partitions
from pipeline.datasets.records import DATASETS, ManifestRecord
from pipeline.datasets.writers import DatasetFiles, dataset_file_names
from pipeline.datasets.xlsx import WORKBOOK_NAME, write_workbook
from pipeline.links.dataset import task_links
from pipeline.normalize.alias_table import default_table
from pipeline.run.cache import Cache
from pipeline.run.executors import Executor, LocalPool
from pipeline.run.names import printable
from pipeline.run.onefile import Converter, FileJob, Work, error_row, file_sha256, manifest_row, unreadable_row
from pipeline.run.outdir import claim, is_disk_full
from pipeline.run.scan import Skipped, scan
from pipeline.run.workers import Limits, default_jobs

log = logging.getLogger(__name__)

DUPLICATE_NOTE = "same bytes as"
"""Warning on a file identical to an earlier one: a document (doc_id, from the
bytes) is written once, under the first path; the manifest lists every path."""

class DiskFull(Exception):
    """The device of OUTPUT_DIR filled up while the datasets were written; the
    previous datasets are unchanged (the unfinished generation was discarded)."""


@dataclass(frozen=True)
class Options:
    jobs: int = field(default_factory=default_jobs)
    limits: Limits = Limits()
    force: bool = False
    """Parse every file again, ignoring (and refreshing) the cache."""
    converter: Converter = convert
    """bytes → records; a module-level function (it is sent to worker processes)."""
    formats: tuple[registry.Format, ...] = field(default_factory=lambda: tuple(registry.FORMATS))
    """The input formats of the run: the registry as it is when the options are
    made, formats registered at run time included; workers adopt it."""
    follow_links: bool = False
    """Follow symbolic links out of INPUT_DIR and links to folders (see :mod:`pipeline.run.scan`)."""
    wait: bool = True
    """Wait for another run holding OUTPUT_DIR; when false, raise :class:`pipeline.run.outdir.OutputBusy`."""
    workbook: bool = False
    """Also write notices.xlsx into the generation."""
    executor: Executor | None = None
    """Where files are parsed (:mod:`pipeline.run.executors`); None: a local pool of *jobs* processes."""
    partition_by: str | None = None
    """``year``: the per-document datasets as hive-partitioned folders (:mod:`pipeline.datasets.partitions`)."""
    ocr: OcrMode = "auto"
    """Which pages OCR reads (``--ocr``)."""

    def __post_init__(self) -> None:
        if self.partition_by not in (None, *partitions.PARTITION_BY):
            raise ValueError(f"partition_by must be one of {partitions.PARTITION_BY}, not {self.partition_by!r}")


@dataclass
class BatchResult:
    n_files: int = 0
    n_failed: int = 0
    n_warned: int = 0
    n_cached: int = 0
    n_skipped: int = 0
    n_pages: int = 0
    n_ocr_pages: int = 0
    """Pages recognised in this run (not those answered from the cache)."""
    peak_worker_rss_kb: int = 0
    generation: Path | None = None
    """The published generation's folder."""

    @property
    def n_ok(self) -> int:
        return self.n_files - self.n_failed - self.n_skipped

    def count(self, row: ManifestRecord) -> None:
        self.n_files += 1
        self.n_failed += row.status == "error"
        self.n_skipped += row.status == "skipped"
        self.n_warned += row.status == "ok" and bool(row.warnings)
        self.n_cached += row.cached
        self.n_pages += row.n_pages or 0
        self.n_ocr_pages += 0 if row.cached else row.ocr_pages


class Reporter(Protocol):
    """Who hears of a run's progress (see :class:`pipeline.run.progress.Progress`)."""

    def start(self, total: int) -> None: ...

    def file_done(self, row: ManifestRecord) -> None: ...

    def published(self, generation: Path) -> None: ...


class _Silent:
    def start(self, total: int) -> None:
        pass

    def file_done(self, row: ManifestRecord) -> None:
        pass

    def published(self, generation: Path) -> None:
        pass


SILENT: Reporter = _Silent()


def run_batch(input_dir: Path, output_dir: Path, options: Options = Options(),
              reporter: Reporter = SILENT) -> BatchResult:
    """Convert every input into the datasets in *output_dir*.

    Raises :class:`pipeline.run.outdir.OutputUnusable` before parsing anything
    when *output_dir* cannot take the datasets, :class:`DiskFull` when its
    device fills up while they are written, and
    :class:`pipeline.run.executors.ExecutorLost` when the executor's cluster is
    lost during the run; in each case nothing is published.
    """
    def wait_message(holder: str) -> None:
        log.warning("waiting for another build (%s) to finish with %s …", holder, printable(str(output_dir)))

    with claim(output_dir, options.wait, wait_message):
        generations.tidy(output_dir)
        cache = Cache(output_dir, registry.readers_key(options.formats), options.ocr)
        rows = parse_all(input_dir, cache, options, reporter)
        result = BatchResult(peak_worker_rss_kb=max((r.peak_rss_kb for r in rows), default=0))
        manifest = [r.row for r in rows]
        partial = write_generation(output_dir, manifest, cache, options.workbook, options.partition_by)
        for row in manifest:
            result.count(row)
        with _signals_deferred():  # an interrupt now would leave the user unsure which datasets are out
            result.generation = generations.publish(output_dir, partial, [*dataset_file_names(), WORKBOOK_NAME])
            reporter.published(result.generation)
        cache.prune({row.sha256 for row in manifest if row.sha256})
    return result


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block is done (they are delivered right after)."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@dataclass
class _Settled:
    row: ManifestRecord
    peak_rss_kb: int = 0


def parse_all(input_dir: Path, cache: Cache, options: Options, reporter: Reporter) -> list[_Settled]:
    """Steps 2 and 3: a manifest row for every path below *input_dir*, in scan order."""
    found = list(scan(input_dir, options.formats, options.follow_links))
    rows: list[_Settled | None] = [None] * len(found)
    jobs: list[FileJob] = []
    first_path: dict[str, str] = {}
    reporter.start(len(found))

    def settle(index: int, row: ManifestRecord, peak_rss_kb: int = 0) -> None:
        first = first_path.get(row.sha256 or "")
        if row.status == "ok" and first is not None and first != row.source_path:
            row.warnings = [*row.warnings, f"{DUPLICATE_NOTE} {first}"]
        rows[index] = _Settled(row, peak_rss_kb)
        reporter.file_done(row)

    for index, item in enumerate(found):
        if isinstance(item, Skipped):
            settle(index, error_row(item.rel, None, item.code, item.message, 0.0, status=item.status))
            continue
        started = time.perf_counter()
        try:
            sha256 = file_sha256(item.path)
        except OSError as exc:
            settle(index, unreadable_row(item.rel, exc, time.perf_counter() - started))
            continue
        first_path.setdefault(sha256, item.rel)
        head = None if options.force else cache.head(sha256)
        if head is None:
            jobs.append(FileJob(index, item.path, item.rel, sha256))
        else:
            settle(index, manifest_row(item.rel, head, time.perf_counter() - started, cached=True))

    executor = options.executor or LocalPool(options.jobs)
    for parsed in executor.parse(jobs, cache, Work(options.converter, options.formats, options.limits, options.ocr)):
        settle(parsed.job.index, parsed.row, parsed.peak_rss_kb)
    return [r for r in rows if r is not None]


def write_generation(output_dir: Path, manifest: list[ManifestRecord], cache: Cache, workbook: bool,
                     partition_by: str | None = None) -> Path:
    """Step 4: every dataset, from the cache, into a new unpublished generation folder.

    A document whose bytes an earlier path already gave is written once, under
    that first path. With *partition_by*, the per-document datasets are written
    by partition, and partitions whose documents did not change are carried
    from the current generation (:mod:`pipeline.datasets.partitions`). Anything
    that stops the writing discards the folder; a full disk is raised as :class:`DiskFull`.
    """
    partial = generations.new_generation(output_dir)
    out = DatasetFiles(partial, [n for n in DATASETS if partition_by is None or n not in partitions.PARTITIONED])
    try:
        firsts = _first_paths(manifest)
        if partition_by is None:
            for row in firsts:
                for name, records in _records(cache, row).items():
                    out.add(name, records)
        else:
            _write_partitions(partial, generations.current_generation(output_dir), firsts, cache)
        out.complete("documents", "tasks", "task_units")
        out.add("task_links", task_links(partial))
        out.add("manifest", manifest)
        out.close()
        if workbook:
            write_workbook(partial)
    except BaseException as exc:
        out.abandon()
        generations.discard(partial)
        if is_disk_full(exc):
            raise DiskFull(f"no space left on the device of {printable(str(output_dir))} "
                           "while writing the datasets") from exc
        raise
    return partial


def _first_paths(manifest: list[ManifestRecord]) -> list[ManifestRecord]:
    """The rows whose records the datasets hold: ok, and the first path of their bytes."""
    seen: set[str] = set()
    firsts = []
    for row in manifest:
        if row.status == "ok" and row.sha256 not in seen:
            seen.add(row.sha256 or "")
            firsts.append(row)
    return firsts


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
