"""Where a run's files are parsed: the one seam between the batch and its executors.

The batch (:mod:`pipeline.run.batch`) decides which files need parsing and
writes the datasets; an executor only turns those files into manifest rows,
with each file's entry in the cache by the time its row is yielded. Two exist:

* :class:`LocalPool` (the default): worker processes on this machine
  (:mod:`pipeline.run.workers`), each of which reads its file and writes the
  cache itself;
* :class:`pipeline.run.dask_executor.DaskExecutor` (``--executor dask``): one
  Dask task per file on a cluster; workers get the bytes and answer entries,
  which the driver writes (see that module). Dask is an optional extra, so it
  is imported only when asked for.

Both parse a file with the same function, in a process of its own under the
same limits (:mod:`pipeline.run.onefile`), so they give the same rows.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.datasets.records import ManifestRecord
from pipeline.run.cache import Cache
from pipeline.run.onefile import WARM_READERS, WARM_UP, FileJob, Work, failure_row, process_file, reader_modules
from pipeline.run.workers import Done, Failure, run_isolated, start_forkserver

log = logging.getLogger(__name__)

EXECUTORS = ("local", "dask")
"""Names ``build --executor`` accepts."""


class ExecutorUnusable(Exception):
    """The executor cannot parse anything (no cluster, workers that cannot run the
    pipeline); raised before any file is submitted. The message is one line for the user."""


class ExecutorLost(Exception):
    """The executor stopped answering during the run (the Dask scheduler, or the
    connection to it, is gone; the cluster has had no worker for too long). The
    run cannot finish and publishes nothing; the files answered so far are in
    the cache, so running again parses only the rest. The message is one line."""


@dataclass(frozen=True)
class Parsed:
    job: FileJob
    row: ManifestRecord
    peak_rss_kb: int = 0
    """Peak resident memory of the process that parsed the file (0 when unknown)."""


class Executor(Protocol):
    def parse(self, jobs: Sequence[FileJob], cache: Cache, work: Work) -> Iterator[Parsed]:
        """One :class:`Parsed` per job, in completion order; each kept outcome is
        in *cache* when its row is yielded. Closing the iterator early stops
        the parsing still under way. Raises :class:`ExecutorLost` when it can
        no longer parse at all: a failure of the executor, never of a file.
        An executor may start its workers in this call, before the iterator
        is read, so that they get ready while the caller prepares to take the rows."""
        ...


@dataclass(frozen=True)
class LocalPool:
    """*processes* worker processes on this machine, warm, one file each at a time
    (:mod:`pipeline.run.workers`)."""

    processes: int

    def parse(self, jobs: Sequence[FileJob], cache: Cache, work: Work) -> Iterator[Parsed]:
        """Starts the workers' forkserver at once, so it warms up while the caller prepares."""
        worker = functools.partial(process_file, cache=cache, work=work)
        warm = {WARM_READERS: ",".join(sorted(reader_modules(jobs, work.formats)))}
        if jobs:
            start_forkserver(worker, [WARM_UP], warm)
        done = run_isolated(jobs, worker, self.processes, work.limits, preload=[WARM_UP], environment=warm)
        return (Parsed(d.task, _row_of(d), d.peak_rss_kb or 0) for d in done)


def _row_of(done: Done[FileJob, ManifestRecord]) -> ManifestRecord:
    if isinstance(done.result, Failure):
        if done.result.detail:
            log.debug("%s", done.result.detail, extra={"multiline": True})
        return failure_row(done.task, done.result, done.seconds)
    return done.result


def executor_for(name: str, jobs: int, scheduler: str | None = None) -> Executor:
    """The executor ``build --executor NAME [--jobs N] [--scheduler ADDRESS]`` asks for."""
    if name == "dask":
        try:
            from pipeline.run.dask_executor import DaskExecutor  # an optional extra: imported only when asked for
        except ModuleNotFoundError as exc:
            if exc.name not in ("dask", "distributed"):
                raise
            raise ExecutorUnusable("--executor dask needs the dask extra: pip install 'notice-tasks[dask]'") from exc
        return DaskExecutor(scheduler, jobs)
    if scheduler is not None:
        raise ExecutorUnusable("--scheduler names a Dask scheduler: it needs --executor dask")
    return LocalPool(jobs)
