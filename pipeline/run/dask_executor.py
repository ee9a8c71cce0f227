"""The Dask executor: each file a task on a Dask cluster (``build --executor dask``).

The driver (the ``build`` process) does what needs OUTPUT_DIR: it scans,
hashes, answers cached files, and writes the cache and the datasets. The
cluster only parses: one task per file that is not cached, keyed by the file's
sha256, the parser version and a token of the run's parse setup (converter,
formats, limits), so the same bytes submitted twice are one task and two
builds with other limits never share a result. No shared filesystem is
assumed: the driver reads each file and ships its bytes (inline in the task
when small, scattered to a worker when larger than :data:`SCATTER_BYTES`, so
the scheduler never holds big payloads), and the worker answers the file's
cache entry, which the driver stores. Workers never touch OUTPUT_DIR.

Inside each task the file is parsed in a process of its own by
:func:`pipeline.run.workers.run_isolated`, exactly as the local pool does, so
``--timeout`` and ``--memory-limit`` hold there too: Dask cannot kill a
running task, but the task can kill its own child. A file that crashes that
child is a ``worker_crashed`` row like locally, and the Dask worker lives on.
If the Dask worker itself dies (the machine's OOM killer, a lost node), the
scheduler gives the task to another worker; a file during which workers died
more than ``distributed.scheduler.allowed-failures`` times (1 on the
LocalCluster this module starts: lost twice) fails with ``KilledWorker`` and
becomes a ``worker_crashed`` row. A task that raises (a worker that cannot
start the child, say) is retried once (``retries=1``), then is an
``internal_error`` row.

Submission is bounded (:data:`IN_FLIGHT_PER_THREAD` tasks per worker thread,
at most :data:`IN_FLIGHT_BYTES` of file bytes), so the driver's and the
scheduler's memory do not grow with the corpus; results are collected as they
complete.

A file's failure is a row; the cluster's is the run's
(:class:`pipeline.run.executors.ExecutorLost`): when the connection to the
scheduler breaks (the scheduler died, its host or the network is gone), Dask's
client cancels every future of the run and tries to reconnect to a scheduler
that would know none of them, so those files can have no answer, and a row
for each would publish a generation without their documents. The run stops at
the first cancelled future instead. A scheduler that stays connected but
neither finishes a file nor answers the driver within Dask's own patience for
an unresponsive connection (``distributed.comm.timeouts.tcp``), or that has
had no worker for :data:`WAIT_FOR_WORKERS` (tasks would wait for one
forever), stops the run the same way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import multiprocessing
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import dask
from dask.base import tokenize
from dask.utils import parse_timedelta
from distributed import CancelledError, Client, Future, LocalCluster, as_completed
from distributed.scheduler import KilledWorker

from pipeline import PARSER_VERSION
from pipeline.run.cache import Cache, Entry
from pipeline.run.executors import ExecutorLost, ExecutorUnusable, Parsed
from pipeline.run.onefile import WARM_UP, FileJob, Work, failure_row, keep, parse_in_child, parsed_row, unreadable_row
from pipeline.run.outdir import is_disk_full
from pipeline.run.workers import Failure, run_isolated

log = logging.getLogger(__name__)

LOCAL_CONFIG = {
    # A nanny starts its worker as a daemonic process by default, and a daemonic
    # process may not start children: the per-file process needs this off.
    "distributed.worker.daemon": False,
    # A file during which two workers died fails (KilledWorker) instead of killing two more.
    "distributed.scheduler.allowed-failures": 1,
}
"""Dask settings of the LocalCluster this module starts; an existing cluster
needs the same (docs/scale.md)."""

SCATTER_BYTES = 1 << 20
"""Files larger than this are scattered to a worker rather than sent inside the task."""

IN_FLIGHT_PER_THREAD = 2
IN_FLIGHT_BYTES = 512 << 20
"""At most this many bytes of files are submitted and not yet answered (one file always may be)."""

WAIT_FOR_WORKERS = 60.0
"""Seconds a build waits for a worker when the cluster has none: for the first
to join an existing scheduler, and for one to come back when all have left."""

CHECK_SECONDS = 5.0
"""While no file finishes, the driver asks the scheduler this often how many worker threads it has."""

POLL_SECONDS = 0.1
"""How often the driver looks for finished files (what ``as_completed`` itself polls at)."""


@dataclass(frozen=True)
class Answer:
    """A worker's answer for one file."""

    outcome: Entry | Failure
    seconds: float
    peak_rss_kb: int


def parse_remote(data: bytes, rel: str, work: Work, parser_version: str) -> Answer:
    """Worker side: parse one file's bytes in a child process under the run's limits."""
    if parser_version != PARSER_VERSION:  # a worker that joined after the check, with other code
        raise RuntimeError(f"this Dask worker runs parser version {PARSER_VERSION}, the build {parser_version}")
    (done,) = run_isolated([(data, rel)], functools.partial(parse_in_child, work=work), 1, work.limits,
                           preload=[WARM_UP])  # the worker's forkserver, once warm, serves its later tasks
    return Answer(done.result, done.seconds, done.peak_rss_kb or 0)


def worker_state() -> tuple[str, bool]:
    """Run on every worker before the build: its parser version, and whether it may start children."""
    return PARSER_VERSION, bool(multiprocessing.current_process().daemon)


@contextlib.contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A LocalCluster of *workers* single-threaded worker processes on 127.0.0.1,
    with :data:`LOCAL_CONFIG` in force while it lives (a worker restarted after
    a crash reads it again)."""
    with dask.config.set(LOCAL_CONFIG), LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR,
            # The scheduler's HTTP server (health, metrics) starts even without a
            # dashboard, on 8787 of all interfaces unless told: loopback, any free port.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        yield cluster


@dataclass(frozen=True)
class DaskExecutor:
    """Files parsed on the Dask cluster at *scheduler* (``tcp://HOST:PORT``), or,
    when None, on a LocalCluster of *workers* processes started for the run."""

    scheduler: str | None
    workers: int

    def parse(self, jobs: Sequence[FileJob], cache: Cache, work: Work) -> Iterator[Parsed]:
        if not jobs:
            return
        where = self.scheduler or "the local cluster"
        with self._client() as client:
            try:
                _check_workers(client, where)
                yield from _Run(client, where, cache, work).parse(jobs)
            except ExecutorLost:
                # Dask's client has been trying to reconnect since the connection broke, and
                # logs, as it is closed, that it gave up: the run's own line says what happened.
                with _quiet("distributed.client"):
                    client.close()
                raise

    @contextlib.contextmanager
    def _client(self) -> Iterator[Client]:
        if self.scheduler is None:
            with local_cluster(self.workers) as cluster, Client(cluster) as client:
                yield client
            return
        try:
            client = Client(self.scheduler)
        except OSError as exc:
            raise ExecutorUnusable(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from exc
        with client:
            yield client


@contextlib.contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """No record of *logger* while the block runs."""
    target = logging.getLogger(logger)
    level = target.level
    target.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        target.setLevel(level)


def _check_workers(client: Client, where: str) -> None:
    """Fail before any file is submitted when no worker can parse."""
    try:
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
    except TimeoutError as exc:
        raise ExecutorUnusable(f"no Dask worker joined {where} within {WAIT_FOR_WORKERS:g} s") from exc
    try:
        states: dict[str, tuple[str, bool]] = client.run(worker_state)
    except (OSError, CancelledError) as exc:  # the scheduler went between the connection and this call
        raise _lost(where, exc) from exc
    except Exception as exc:  # the workers cannot even load this module
        raise ExecutorUnusable(f"the Dask workers of {where} cannot run notice-tasks "
                               f"({type(exc).__name__}: {exc}); install notice-tasks[dask] on every machine") from exc
    for address, (version, daemonic) in sorted(states.items()):
        if version != PARSER_VERSION:
            raise ExecutorUnusable(f"Dask worker {address} runs notice-tasks parser version {version}, this build "
                                   f"{PARSER_VERSION}: install the same notice-tasks on every machine")
        if daemonic:
            raise ExecutorUnusable(f"Dask worker {address} is a daemonic process, which cannot start the per-file "
                                   "process: start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False "
                                   "(docs/scale.md)")


def scheduler_patience() -> float:
    """Seconds the scheduler may take to answer the driver: Dask's own limit
    before it calls a connection that does not answer dead
    (``distributed.comm.timeouts.tcp``, 30 s unless configured)."""
    return float(parse_timedelta(dask.config.get("distributed.comm.timeouts.tcp"), default="seconds"))


def _lost(where: str, exc: BaseException) -> ExecutorLost:
    """The run's end when the driver's connection to the scheduler broke (*exc* says how)."""
    reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"  # a cancelled future's says why
    return ExecutorLost(f"lost the connection to the Dask scheduler at {where} ({reason})")


class _Run:
    """One build's submissions to a cluster, and their answers turned into rows."""

    def __init__(self, client: Client, where: str, cache: Cache, work: Work) -> None:
        self.client = client
        self.where = where
        self.cache = cache
        self.work = work
        self.setup = tokenize(work)[:12]
        threads = sum(client.nthreads().values())
        self.window = max(IN_FLIGHT_PER_THREAD * threads, 2)
        self.completed = as_completed()
        self.waiting: dict[str, list[FileJob]] = {}
        """Task key → the files (same bytes) it answers."""
        self.submitted: dict[str, tuple[float, int]] = {}
        """Task key → when it was submitted, and its bytes."""
        self.in_flight_bytes = 0
        self.patience = scheduler_patience()
        self.workerless_since: float | None = None

    def parse(self, jobs: Sequence[FileJob]) -> Iterator[Parsed]:
        pending = iter(jobs)
        yield from self._fill(pending)
        while not self.completed.is_empty():
            for future in self._finished():
                yield from self._settle(future)
            yield from self._fill(pending)

    def _finished(self) -> list[Future[Answer]]:
        """The futures finished since the last call, waited for; while none
        finishes, the cluster is checked every :data:`CHECK_SECONDS`."""
        checked = time.monotonic()
        while not self.completed.has_ready():
            time.sleep(POLL_SECONDS)
            if time.monotonic() - checked >= CHECK_SECONDS:
                self._check_cluster()
                checked = time.monotonic()
        finished: list[Future[Answer]] = self.completed.next_batch(block=False)
        return finished

    def _check_cluster(self) -> None:
        """Raise :class:`ExecutorLost` when the scheduler does not answer within
        :attr:`patience`, or has had no worker for :data:`WAIT_FOR_WORKERS`."""
        try:
            threads = sum(self.client.nthreads(callback_timeout=self.patience).values())
        except TimeoutError as exc:
            raise ExecutorLost(f"the Dask scheduler at {self.where} did not answer for {self.patience:g} s") from exc
        except (OSError, CancelledError) as exc:
            raise _lost(self.where, exc) from exc
        now = time.monotonic()
        if threads:
            self.workerless_since = None
        elif self.workerless_since is None:
            self.workerless_since = now
        elif now - self.workerless_since >= WAIT_FOR_WORKERS:
            raise ExecutorLost(f"no Dask worker left on {self.where} for {WAIT_FOR_WORKERS:g} s")

    def _fill(self, pending: Iterator[FileJob]) -> Iterator[Parsed]:
        """Submit files until the window or the byte budget is full; unreadable files are rows at once."""
        while len(self.waiting) < self.window and (not self.waiting or self.in_flight_bytes < IN_FLIGHT_BYTES):
            job = next(pending, None)
            if job is None:
                return
            started = time.perf_counter()
            try:
                data = job.path.read_bytes()
            except OSError as exc:
                yield Parsed(job, unreadable_row(job.rel, exc, time.perf_counter() - started))
                continue
            key = f"notice-{hashlib.sha256(data).hexdigest()}-v{PARSER_VERSION}-{self.setup}"
            if key in self.waiting:
                self.waiting[key].append(job)
                continue
            payload: bytes | Future[bytes] = data
            try:
                if len(data) > SCATTER_BYTES:  # to a worker directly: the scheduler never holds the bytes
                    payload = self.client.scatter(data, hash=False)
                future = self.client.submit(parse_remote, payload, job.rel, self.work, PARSER_VERSION,
                                            key=key, retries=1)
            except (OSError, CancelledError) as exc:
                raise _lost(self.where, exc) from exc
            self.waiting[key] = [job]
            self.submitted[key] = (time.perf_counter(), len(data))
            self.in_flight_bytes += len(data)
            self.completed.add(future)

    def _settle(self, future: Future[Answer]) -> Iterator[Parsed]:
        key = str(future.key)
        jobs = self.waiting.pop(key)
        since, size = self.submitted.pop(key)
        self.in_flight_bytes -= size
        outcome, seconds, rss = self._outcome(future, time.perf_counter() - since)
        future.release()
        if isinstance(outcome, Entry):
            try:
                keep(self.cache, outcome)
            except OSError as exc:
                if not is_disk_full(exc):
                    raise
                outcome = Failure("disk_full", f"no space left on the device: {exc}")
        for job in jobs:
            row = (parsed_row(job.rel, outcome, seconds) if isinstance(outcome, Entry)
                   else failure_row(job, outcome, seconds))
            yield Parsed(job, row, rss)

    def _outcome(self, future: Future[Answer], waited: float) -> tuple[Entry | Failure, float, int]:
        """The answer's outcome, seconds and peak memory; a task that failed as a Failure."""
        try:
            answer: Answer = future.result()
        except KilledWorker as exc:
            return Failure("worker_crashed", f"the Dask worker parsing it died {exc.allowed_failures + 1} times "
                           f"(last {exc.last_worker.address}); not tried again"), waited, 0
        except CancelledError as exc:  # the run cancels none: the client did, having lost the scheduler
            raise _lost(self.where, exc) from exc
        except Exception as exc:
            if future.status != "error":  # not the task's own exception: its answer could not be fetched
                raise _lost(self.where, exc) from exc
            # the task raised twice (retries=1): a worker that cannot parse at all
            log.debug("task %s failed on the cluster: %s", future.key, exc)
            return Failure("internal_error", f"the Dask task failed: {type(exc).__name__}: {exc}"), waited, 0
        return answer.outcome, answer.seconds, answer.peak_rss_kb
