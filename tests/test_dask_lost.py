"""Losing the Dask cluster during a build (`build --executor dask --scheduler
ADDRESS`): first its scheduler is killed, then, on a second cluster, the
scheduler and the workers together. Each time the build ends with exit 75 and
one line saying what it kept, publishes nothing (the previous datasets stay
byte-identical, and no unfinished generation is left), and keeps in the cache
every file it had stored; a build against a fresh cluster then finishes the
job, answering those files from the cache.

The clusters are separate processes started as docs/scale.md says
(tests/dask_processes.py), the build a process of its own (its exit code and
stderr are what a user sees), and the kill comes while a slow file
(tests/hooks.py) is being parsed, right after a fast one has been stored.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.cli import EXIT_CLUSTER_LOST
from pipeline.run.batch import Options, file_sha256, run_batch
from pipeline.run.cache import Cache
from pipeline.run.executors import ExecutorLost
from tests import dask_processes, hooks
from tests.conftest import QZB, QZB_DOCX, ROOT
from tests.docxgen import distinct_copy
from tests.test_atomic_output import assert_intact, previous  # noqa: F401 (previous: a fixture)

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install -e '.[dask]')")

from pipeline.run import dask_executor
from pipeline.run.dask_executor import DaskExecutor

STARTED = 60.0
"""Seconds a loaded machine may take to parse the first file of a build."""


def _notice(name: str, tag: str) -> bytes:
    """A rendering of 泉政办〔2018〕51号 (42 tasks) in bytes of its own; a tag holding
    the SLOW marker makes the test converter spend hooks.SLOW_SECONDS on it first."""
    return distinct_copy((QZB / name).read_bytes(), tag)


def _build(inputs: Path, out: Path, address: str, *command: str) -> subprocess.Popen:
    """``build --executor dask --scheduler ADDRESS`` in a process of its own; by default
    with the test converter (tests/hooks.py), which the workers run too."""
    return subprocess.Popen([*(command or (sys.executable, "-c", hooks.CLI)), "build", str(inputs), str(out),
                             "--quiet", "--executor", "dask", "--scheduler", address],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cached(inputs: Path, out: Path) -> set[str]:
    """The input files whose outcome the cache holds."""
    cache = Cache(out)
    return {p.name for p in inputs.iterdir() if cache.path(file_sha256(p)).exists()}


def _lose(inputs: Path, out: Path, address: str, stored: str, kill: Callable[[], None]) -> tuple[str, set[str]]:
    """Build against *address*, and call *kill* as soon as *stored* is in the cache;
    the build's stderr, and what the cache held at the kill."""
    run = _build(inputs, out, address)
    deadline = time.monotonic() + STARTED
    while stored not in (held := _cached(inputs, out)):
        assert time.monotonic() < deadline and run.poll() is None, f"the build never parsed {stored}"
        time.sleep(0.05)
    kill()
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == EXIT_CLUSTER_LOST, stderr
    return stderr, held


def test_a_build_that_loses_its_cluster_publishes_nothing_and_the_next_finishes(previous, tmp_path):  # noqa: F811
    inputs, out, before = previous  # (a fixture) a.docx built and published; b.docx added since
    current = os.readlink(out / "current")
    generations = sorted((out / ".generations").iterdir())
    # one worker thread parses one file at a time, in the order submitted (a.docx is cached):
    # b, c-slow, d, e-slow, f. Each kill comes while a slow file is being parsed.
    (inputs / "c-slow.docx").write_bytes(_notice(QZB_DOCX[0], f"{hooks.SLOW.decode()} c"))
    (inputs / "d.docx").write_bytes(_notice(QZB_DOCX[1], "d"))
    (inputs / "e-slow.docx").write_bytes(_notice(QZB_DOCX[0], f"{hooks.SLOW.decode()} e"))
    (inputs / "f.docx").write_bytes(_notice(QZB_DOCX[1], "f"))

    def left_by_the_loss(stderr: str, address: str, held: set[str], known: set[str]) -> set[str]:
        """What a lost build leaves: the cache it had (returned), one line, the datasets as they were."""
        kept = _cached(inputs, out)
        assert kept >= held, "an entry stored before the loss is gone"
        parsed = len(kept - known)
        assert stderr.splitlines() == [
            f"cluster_lost: lost the connection to the Dask scheduler at {address} (scheduler-connection-lost); "
            f"{parsed} file{'s' * (parsed != 1)} parsed and cached for the next run; previous datasets unchanged"]
        assert_intact(out, before)
        assert os.readlink(out / "current") == current
        assert sorted((out / ".generations").iterdir()) == generations, "a generation was left behind"
        return kept

    assert _cached(inputs, out) == {"a.docx"}
    with dask_processes.cluster(tmp_path, threads=1) as first:  # the scheduler dies, its worker lives on
        stderr, held = _lose(inputs, out, first.address, "b.docx", lambda: dask_processes.kill(first.scheduler))
        kept = left_by_the_loss(stderr, first.address, held, {"a.docx"})
    assert kept == {"a.docx", "b.docx"}

    with dask_processes.cluster(tmp_path, threads=1) as second:  # the whole cluster dies at once
        def kill_all() -> None:
            for process in [second.scheduler, *second.workers]:
                dask_processes.kill(process)
        stderr, held = _lose(inputs, out, second.address, "d.docx", kill_all)
        kept = left_by_the_loss(stderr, second.address, held, kept)
    assert kept == {"a.docx", "b.docx", "c-slow.docx", "d.docx"}

    with dask_processes.cluster(tmp_path, threads=1) as third:  # a plain build: its own converter, the same cache
        run = _build(inputs, out, third.address, sys.executable, "-m", "pipeline")
        _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    manifest = {row["source_path"]: row for row in pq.read_table(out / "manifest.parquet").to_pylist()}
    assert {path: row["cached"] for path, row in manifest.items()} == {
        "a.docx": True, "b.docx": True, "c-slow.docx": True, "d.docx": True, "e-slow.docx": False, "f.docx": False}
    documents = pq.read_table(out / "documents.parquet").to_pylist()
    assert sorted((row["source_path"], row["n_tasks"]) for row in documents) == [
        (name, 42) for name in sorted(manifest)]
    assert os.readlink(out / "current") != current


def test_a_scheduler_that_stops_answering_or_a_cluster_without_workers_ends_the_build(tmp_path, monkeypatch):
    """Two losses that close no connection: a scheduler that no longer answers
    (stopped here; a hung host alike), and a cluster whose workers are all gone
    (Dask would keep the files waiting for a worker forever). The driver checks
    its cluster while no file finishes, and gives up after Dask's own patience
    for a silent connection, or after WAIT_FOR_WORKERS without a worker."""
    monkeypatch.setattr(dask_executor, "CHECK_SECONDS", 0.2)
    monkeypatch.setattr(dask_executor, "WAIT_FOR_WORKERS", 1.0)
    monkeypatch.setattr(dask_executor, "scheduler_patience", lambda: 2.0)  # Dask allows no less than 11 s
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.docx").write_bytes(_notice(QZB_DOCX[0], "a"))
    (inputs / "b-slow.docx").write_bytes(_notice(QZB_DOCX[1], f"{hooks.SLOW.decode()} b"))

    def build_and(stored: str, kill: Callable[[], None]) -> None:
        """A build that calls *kill* once *stored* is in the cache."""
        def watch() -> None:
            deadline = time.monotonic() + STARTED
            while stored not in _cached(inputs, out) and time.monotonic() < deadline:
                time.sleep(0.05)
            kill()
        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            run_batch(inputs, out, Options(executor=DaskExecutor(running.address, 1),
                                           converter=hooks.misbehaving_convert))
        finally:
            watcher.join()

    with dask_processes.cluster(tmp_path, threads=1) as running:
        with pytest.raises(ExecutorLost, match=f"^the Dask scheduler at {running.address} did not answer for 2 s$"):
            build_and("a.docx", lambda: os.kill(running.scheduler.pid, signal.SIGSTOP))
        os.kill(running.scheduler.pid, signal.SIGCONT)
        assert _cached(inputs, out) == {"a.docx"}

        (inputs / "c.docx").write_bytes(_notice(QZB_DOCX[0], "c"))
        (inputs / "d-slow.docx").write_bytes(_notice(QZB_DOCX[1], f"{hooks.SLOW.decode()} d"))
        with pytest.raises(ExecutorLost, match=f"^no Dask worker left on {running.address} for 1 s$"):
            build_and("c.docx", lambda: dask_processes.kill(running.workers[0]))
        # b-slow's first task may still run from the build before (its result then comes at once)
        assert _cached(inputs, out) - {"b-slow.docx"} == {"a.docx", "c.docx"}
    assert not (out / "current").exists(), "nothing was ever published"
