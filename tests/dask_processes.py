"""A Dask cluster of separate processes, started as docs/scale.md says (`dask
scheduler`, `dask worker`, on 127.0.0.1 only), for the tests that point a build
at an existing cluster or take that cluster away under it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT

WORKER_ENV = {"DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
"""What docs/scale.md asks of every worker."""


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`dask ARGS…` in a session of its own, so that stopping it stops its children
    (a worker's nanny, the worker, its per-file processes). It may import
    ``tests`` (a worker then runs tests/hooks.py's converter)."""
    return subprocess.Popen([str(Path(sys.executable).with_name("dask")), *args],
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the process and its children, as a lost machine would end them."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        kill(process)


def start_scheduler(folder: Path) -> tuple[subprocess.Popen, str]:
    """A scheduler on a free port of 127.0.0.1, and its address once it listens."""
    scheduler_file = folder / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    scheduler = start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                      "--scheduler-file", str(scheduler_file))
    deadline = time.monotonic() + 60
    while not (scheduler_file.exists() and scheduler_file.stat().st_size):
        if time.monotonic() > deadline or scheduler.poll() is not None:
            stop(scheduler)
            raise RuntimeError("the Dask scheduler did not start")
        time.sleep(0.1)
    return scheduler, json.loads(scheduler_file.read_text())["address"]


def worker_args(address: str, threads: int) -> tuple[str, ...]:
    return ("worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", str(threads),
            "--no-dashboard")


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(n, timeout=60)


@contextlib.contextmanager
def cluster(folder: Path, threads: int) -> Iterator[Cluster]:
    """A scheduler and one worker process of *threads* threads, started as the
    docs say, ready when yielded; whatever is left of it is stopped at the end."""
    scheduler, address = start_scheduler(folder)
    running = Cluster(address, scheduler)
    try:
        running.workers.append(start(*worker_args(address, threads), env=WORKER_ENV))
        running.wait_for_workers(1)
        yield running
    finally:
        for process in [*running.workers, scheduler]:
            stop(process)
