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
           limits: Limits) -> None:
    """Worker body: own process group, limits, run, answer once."""
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    signal.alarm(math.ceil(limits.timeout) + SELF_DESTRUCT_GRACE)
    if limits.memory_mb is not None:
        cap = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    answer: Any
    try:
        answer = fn(task)
    except MemoryError:
        answer = Failure("memory_limit", f"the file needed more than the memory limit of {limits.memory_mb} MB")
    except Exception as exc:  # a bug or a shape nobody foresaw: a failure of this task only
        answer = Failure("internal_error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    conn.send((answer, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    conn.close()


class _Running(Generic[T, R]):
    def __init__(self, ctx: Any, fn: Callable[[T], R], task: T, limits: Limits) -> None:
        self.task = task
        self.limits = limits
        self.conn, child_conn = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child, args=(child_conn, fn, task, limits), daemon=True)
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
                    running.append(_Running(ctx, fn, task, limits))
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
