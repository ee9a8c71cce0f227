"""Run a function on each task in its own process, at most N at a time, with
a time and a memory limit per task.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot kill one hung
task, and a worker that dies breaks the whole pool. Here each task gets a
fresh process (forked from a forkserver that has already imported the
function's module, so starting one costs milliseconds), and the parent waits on
all of them with one :func:`multiprocessing.connection.wait`. A task that
outlives its deadline has its process group killed (which takes any helper it
started, e.g. LibreOffice, with it); a process that dies without answering
becomes a failure of that task only. Results are yielded as they arrive, so the
caller never holds more than it chooses to keep.

This module knows nothing about notices: it yields either the function's
return value or a :class:`Failure` with a stable code.
"""

from __future__ import annotations

import ctypes
import errno
import math
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
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


def _child(conn: multiprocessing.connection.Connection, fn: Callable[[Any], Any], task: Any,
           limits: Limits, umask: int) -> None:
    """Worker body: own process group, limits, run, answer once; silent if nobody listens any more."""
    os.setpgrp()
    os.umask(umask)  # the forkserver's is the one of whoever started it first, not this run's
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    signal.alarm(math.ceil(limits.timeout) + SELF_DESTRUCT_GRACE)
    answer: Any = _over_limit_at_start(limits)
    if answer is None:
        if limits.memory_mb is not None:
            cap = limits.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        try:
            answer = fn(task)
        except Exception as exc:  # a bug or a shape nobody foresaw: a failure of this task only
            answer = _classify(exc, limits)
    try:
        conn.send((answer, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        conn.close()
    except OSError:  # the parent is gone (killed): nobody to answer, nothing to print
        os._exit(0)


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


class _Running(Generic[T, R]):
    def __init__(self, ctx: Any, fn: Callable[[T], R], task: T, limits: Limits, umask: int) -> None:
        self.task = task
        self.limits = limits
        self.conn, child_conn = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child, args=(child_conn, fn, task, limits, umask), daemon=True)
        self.started = time.monotonic()
        self.deadline = self.started + limits.timeout
        self.process.start()
        child_conn.close()  # so a dead child reads as EOF here

    def poll(self) -> Done[T, R] | None:
        """The task's outcome if it has one now (answered, died, or overran)."""
        if self.conn.poll():
            try:
                answer, rss = self.conn.recv()
            except (EOFError, OSError):
                self.process.join()
                return self._done(self._crash(), None)
            self.process.join()
            return self._done(answer, rss)
        if not self.process.is_alive():
            return self._done(self._crash(), None)
        if time.monotonic() >= self.deadline:
            self.kill()
            return self._done(Failure("timeout", f"parsing took longer than {self.limits.timeout:g} s; stopped"), None)
        return None

    def _crash(self) -> Failure:
        self.process.join()
        code = self.process.exitcode
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        hint = f" (possibly at the memory limit of {self.limits.memory_mb} MB)" if self.limits.memory_mb else ""
        return Failure("worker_crashed", f"the worker process died without an answer ({how}){hint}")

    def _done(self, answer: R | Failure, rss: int | None) -> Done[T, R]:
        self.conn.close()
        self.process.close()
        return Done(self.task, answer, time.monotonic() - self.started, rss)

    def kill(self) -> None:
        """Kill the worker and everything it started."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # not yet its own group leader
            self.process.kill()
        self.process.join()

    def wait_handles(self) -> list[Any]:
        return [self.conn, self.process.sentinel]


def run_isolated(tasks: Iterable[T], fn: Callable[[T], R], jobs: int, limits: Limits) -> Iterator[Done[T, R]]:
    """Yield one :class:`Done` per task, in completion order.

    *fn* and the tasks must be picklable (a module-level function, or a
    ``functools.partial`` of one). Closing the iterator early, or an exception
    in the caller, kills the workers still running.
    """
    ctx = multiprocessing.get_context("forkserver")
    module = getattr(getattr(fn, "func", fn), "__module__", None)
    if module:
        ctx.set_forkserver_preload([module])
    umask = os.umask(0o022)
    os.umask(umask)
    pending = iter(tasks)
    running: list[_Running[T, R]] = []
    exhausted = False
    try:
        while True:
            while not exhausted and len(running) < jobs:
                try:
                    task = next(pending)
                except StopIteration:
                    exhausted = True
                else:
                    running.append(_Running(ctx, fn, task, limits, umask))
            if not running:
                return
            next_deadline = min(r.deadline for r in running)
            multiprocessing.connection.wait(
                [h for r in running for h in r.wait_handles()], timeout=max(0.0, next_deadline - time.monotonic())
            )
            for r in list(running):
                done = r.poll()
                if done is not None:
                    running.remove(r)
                    yield done
    finally:
        for r in running:
            r.kill()
