"""Run a function on each task in worker processes, at most N at a time, with
a time and a memory limit per task.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot kill one hung
task, and a worker that dies breaks the whole pool. Here workers are forked
from a forkserver that has already imported the function's module and the
*preload* modules (the readers, their caches filled: see
:mod:`pipeline.run.warm`), so a worker starts warm and in milliseconds. A
worker is handed one task at a time and converts several in sequence
(:data:`TASKS_PER_WORKER`), so process start, fork and exit are not paid per
file. The parent waits on all of them with one
:func:`multiprocessing.connection.wait`. A task that outlives its deadline has
its worker's process group killed (which takes any helper it started, e.g.
LibreOffice, with it); a worker that dies without answering is a failure of
the task in hand only. Either way the worker is gone and the next tasks go to
a fresh one: a worker never holds more than the task in hand, so no other
task is lost. Results are yielded as they arrive, so the caller never holds
more than it chooses to keep.

This module knows nothing about notices: it yields either the function's
return value or a :class:`Failure` with a stable code.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import math
import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

START_HEADROOM_MB = 32
"""Address space a worker needs beyond what it inherits, just to start parsing."""

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal a process gets when its parent ends."""

SELF_DESTRUCT_GRACE = 30
"""Seconds after its deadline at which a worker kills itself with SIGALRM, in
case the parent that should have killed it is gone (itself killed -9)."""


WORKER_ENVIRONMENT = {
    "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MALLOC_TRIM_THRESHOLD_": "65536",
}
"""The environment workers start with, whoever runs them. A worker parses one
file at a time on one thread (``--jobs`` parallelises files), so numerical
libraries start no thread pools of their own, and glibc returns freed memory
at once. Both matter under ``--memory-limit``, which limits address space:
every extra thread reserves a stack and a malloc arena (up to 64 MB each).
These are the values Dask's nanny gives its worker processes
(``distributed.nanny.pre-spawn-environ``): without them here, OCR of a blank
scan peaked at 1036 MB of address space in the local pool and 1023 MB under
Dask, so ``--memory-limit 1024`` failed in one and not the other."""


@contextlib.contextmanager
def _worker_environment(extra: Mapping[str, str]) -> Iterator[None]:
    """:data:`WORKER_ENVIRONMENT` and *extra* in this process's environment
    while a worker starts: the forkserver, started with the first worker,
    takes it (glibc reads its malloc settings at process start, OpenBLAS its
    threads on import), and every worker it forks inherits it. The caller's
    own environment is left as it was."""
    variables = {**WORKER_ENVIRONMENT, **extra}
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class Limits:
    timeout: float = 120.0
    """Wall-clock seconds a task may run."""
    memory_mb: int | None = 2048
    """Address-space limit (RLIMIT_AS) of a worker, None for none."""


@dataclass(frozen=True)
class Failure:
    """A task that gave no result: ``timeout``, ``memory_limit``, ``worker_crashed``
    or ``internal_error`` (an exception the function did not handle)."""

    code: str
    message: str
    detail: str = ""
    """Traceback of an internal error, for --verbose logs."""


@dataclass(frozen=True)
class Done(Generic[T, R]):
    task: T
    result: R | Failure
    seconds: float
    peak_rss_kb: int | None
    """Peak resident memory of the worker (None when it died or was killed)."""


def default_jobs() -> int:
    """CPUs this process may run on (respects taskset and container cpusets)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


TASKS_PER_WORKER = 64
"""Tasks a worker runs before it is replaced, bounding what a leak in a reader
or a fragmented heap can cost; a worker that hit its memory limit is replaced
at once."""


def _serve(conn: multiprocessing.connection.Connection, fn: Callable[[Any], Any], limits: Limits,
           umask: int) -> None:
    """Worker body: own process group and limits, then tasks one at a time
    until the parent sends None; each task is answered once, and silently
    dropped if nobody listens any more."""
    os.setpgrp()
    os.umask(umask)  # the forkserver's is the one of whoever started it first, not this run's
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    unable = _over_limit_at_start(limits)
    if unable is None and limits.memory_mb is not None:
        cap = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    try:
        while (task := conn.recv()) is not None:
            signal.alarm(math.ceil(limits.timeout) + SELF_DESTRUCT_GRACE)
            answer = unable if unable is not None else _run_one(fn, task, limits)
            signal.alarm(0)
            conn.send((answer, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
            if isinstance(answer, Failure) and answer.code == "memory_limit":
                break  # a heap that once ran out is not trusted with the next file
        conn.close()
    except (OSError, EOFError):  # the parent is gone (killed): nobody to answer, nothing to print
        os._exit(0)


def _run_one(fn: Callable[[Any], Any], task: Any, limits: Limits) -> Any:
    """The function's answer for one task, or the failure it raised."""
    try:
        return fn(task)
    except Exception as exc:  # a bug or a shape nobody foresaw: a failure of this task only
        return _classify(exc, limits)


def _classify(exc: Exception, limits: Limits) -> Failure:
    """An exception the function let through, by code.

    Under an address-space limit, memory exhaustion is not always a
    MemoryError: a module imported late cannot map its shared library
    (``ImportError: ... failed to map segment from shared object``) and an
    allocation in C fails with ENOMEM.
    """
    if limits.memory_mb is not None and (
            isinstance(exc, MemoryError)
            or (isinstance(exc, ImportError) and "failed to map segment" in str(exc))
            or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM)):
        return Failure("memory_limit", f"the file needed more than the memory limit of {limits.memory_mb} MB "
                       f"({type(exc).__name__})")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return Failure("disk_full", f"no space left on the device: {exc}")
    return Failure("internal_error", f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _over_limit_at_start(limits: Limits) -> Failure | None:
    """A worker whose address space already exceeds its limit (the imported libraries
    alone take a few hundred MB) cannot run anything: say so instead of failing later."""
    if limits.memory_mb is None:
        return None
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            vm_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):  # not Linux: the failure shows up, classified, later
        return None
    if vm_kb // 1024 + START_HEADROOM_MB <= limits.memory_mb:
        return None
    return Failure("memory_limit", f"the worker cannot start under the memory limit of {limits.memory_mb} MB: "
                   f"its libraries alone take {vm_kb // 1024} MB of address space")


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that forked it ends (the
    forkserver, which ends with the run), so a killed run leaves no worker busy."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the SIGALRM self-destruct still applies
        pass


@dataclass
class _Hand(Generic[T]):
    """The task a worker holds, and since when."""

    task: T
    started: float
    deadline: float


class _Worker(Generic[T, R]):
    """One worker process and the task in hand, if any."""

    def __init__(self, ctx: Any, fn: Callable[[T], R], limits: Limits, umask: int) -> None:
        self.limits = limits
        self.conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child_conn, fn, limits, umask), daemon=True)
        self.process.start()
        child_conn.close()  # so a dead child reads as EOF here
        self.hand: _Hand[T] | None = None
        self.served = 0
        self.alive = True

    def give(self, task: T) -> None:
        now = time.monotonic()
        self.hand = _Hand(task, now, now + self.limits.timeout)
        self.served += 1
        self.conn.send(task)

    def poll(self, hand: _Hand[T]) -> Done[T, R] | None:
        """The outcome of the task in hand if it has one now (answered, died, or overran)."""
        if self.conn.poll():
            try:
                answer, rss = self.conn.recv()
            except (EOFError, OSError):
                return self._done(hand, self._crash(), None)
            if isinstance(answer, Failure) and answer.code == "memory_limit":
                self.alive = False  # it exits after this answer
            return self._done(hand, answer, rss)
        if not self.process.is_alive():
            return self._done(hand, self._crash(), None)
        if time.monotonic() >= hand.deadline:
            self.kill()
            return self._done(hand, Failure("timeout", f"parsing took longer than {self.limits.timeout:g} s; stopped"),
                              None)
        return None

    def _crash(self) -> Failure:
        self.alive = False
        self.process.join()
        code = self.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        hint = f" (possibly at the memory limit of {self.limits.memory_mb} MB)" if self.limits.memory_mb else ""
        return Failure("worker_crashed", f"the worker process died without an answer ({how}){hint}")

    def _done(self, hand: _Hand[T], answer: R | Failure, rss: int | None) -> Done[T, R]:
        self.hand = None
        return Done(hand.task, answer, time.monotonic() - hand.started, rss)

    def kill(self) -> None:
        """Kill the worker and everything it started."""
        self.alive = False
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet its own group leader
            self.process.kill()
        self.process.join()

    def close(self) -> None:
        """End the worker: an idle live one is asked to exit, anything else is killed."""
        if self.alive and self.hand is None:
            with contextlib.suppress(OSError):  # it may have died meanwhile; the kill below covers that
                self.conn.send(None)
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()
        self.conn.close()
        self.process.join()
        self.process.close()

    def wait_handles(self) -> list[Any]:
        return [self.conn, self.process.sentinel]


def _preload_list(fn: Callable[..., Any], preload: Sequence[str]) -> list[str]:
    """*preload* and the module of *fn* (or of the function a partial wraps)."""
    module = getattr(getattr(fn, "func", fn), "__module__", None)
    return [*preload, *([module] if module else [])]


def start_forkserver(fn: Callable[..., Any], preload: Sequence[str] = (),
                     environment: Mapping[str, str] | None = None) -> None:
    """Start the process that workers are forked from now, as :func:`run_isolated`
    would at its first worker: it imports *preload* while the caller goes on
    with other work, instead of while the caller waits for a first result.
    Nothing happens if it is running already."""
    multiprocessing.get_context("forkserver").set_forkserver_preload(_preload_list(fn, preload))
    with _worker_environment(environment or {}):
        multiprocessing.forkserver.ensure_running()


def run_isolated(tasks: Iterable[T], fn: Callable[[T], R], jobs: int, limits: Limits,
                 preload: Sequence[str] = (), environment: Mapping[str, str] | None = None
                 ) -> Iterator[Done[T, R]]:
    """Yield one :class:`Done` per task, in completion order.

    *fn* and the tasks must be picklable (a module-level function, or a
    ``functools.partial`` of one). *preload* names modules the forkserver
    imports before it forks a worker, and *environment* variables it starts
    with beside :data:`WORKER_ENVIRONMENT`, which the preloaded modules may
    read (both take effect when the process starts its forkserver, at its
    first run). Closing the iterator early, or an exception in the caller,
    kills the workers still running.
    """
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_preload_list(fn, preload))
    umask = os.umask(0o022)
    os.umask(umask)
    pending = iter(tasks)
    workers: list[_Worker[T, R]] = []
    exhausted = False
    try:
        while True:
            for w in [w for w in workers if w.hand is None and (not w.alive or w.served >= TASKS_PER_WORKER)]:
                workers.remove(w)
                w.close()
            while not exhausted and sum(w.hand is not None for w in workers) < jobs:
                try:
                    task = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                idle = next((w for w in workers if w.hand is None), None)
                if idle is None:
                    with _worker_environment(environment or {}):
                        idle = _Worker(ctx, fn, limits, umask)
                    workers.append(idle)
                idle.give(task)
            busy = [(w, w.hand) for w in workers if w.hand is not None]
            if not busy:
                return
            next_deadline = min(hand.deadline for _, hand in busy)
            multiprocessing.connection.wait(
                [h for w, _ in busy for h in w.wait_handles()], timeout=max(0.0, next_deadline - time.monotonic())
            )
            for w, hand in busy:
                done = w.poll(hand)
                if done is not None:
                    yield done
    finally:
        for w in workers:
            w.close()
