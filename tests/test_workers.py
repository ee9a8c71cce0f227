"""A file that hangs, crashes its worker, exhausts its memory or hits a parser
bug becomes that file's error row; the run goes on and ends in time.

Only a file meant to hang gets a short time limit: under CPU load (the suite
beside other jobs on two cores) a good file may need seconds, and a limit it
shares with the hanging file would turn it into a ``timeout`` row."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import time

from extractors import formats as registry
from pipeline.run import executors
from pipeline.run.batch import Options, run_batch
from pipeline.run.onefile import WARM_READERS, WARM_UP, FileJob, reader_modules
from pipeline.run.workers import WORKER_ENVIRONMENT, Failure, Limits, run_isolated
from tests import hooks
from tests.conftest import QZB, QZB_DOCX, ROOT, read_dataset

HANG_LIMIT = 2.0
"""Seconds a hanging file is given; far below hooks.HANG_SECONDS."""


def test_misbehaving_files_become_error_rows(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, marker in [("crash.pdf", hooks.CRASH), ("hog.pdf", hooks.HOG), ("bug.pdf", hooks.BUG)]:
        (inputs / name).write_bytes(b"%PDF-1.7\n" + marker)
    shutil.copy(QZB / QZB_DOCX[0], inputs / "good.docx")
    options = Options(jobs=2, limits=Limits(memory_mb=1024), converter=hooks.misbehaving_convert)

    result = run_batch(inputs, tmp_path / "out", options)

    manifest = read_dataset(tmp_path / "out", "manifest").set_index("source_path")
    assert manifest.error_code.dropna().to_dict() == {
        "bug.pdf": "internal_error", "crash.pdf": "worker_crashed", "hog.pdf": "memory_limit",
    }
    assert manifest.status["good.docx"] == "ok" and manifest.n_tasks["good.docx"] == 42
    assert "RuntimeError: a bug in the parser" in manifest.error["bug.pdf"]
    assert "SIGSEGV" in manifest.error["crash.pdf"]
    assert manifest.sha256.notna().all()
    assert (result.n_failed, result.n_ok) == (3, 1)


def test_a_hanging_file_is_stopped_at_the_limit(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "hang.pdf").write_bytes(b"%PDF-1.7\n" + hooks.HANG)
    options = Options(jobs=1, limits=Limits(timeout=HANG_LIMIT), converter=hooks.misbehaving_convert)

    result = run_batch(inputs, tmp_path / "out", options)

    [row] = read_dataset(tmp_path / "out", "manifest").itertuples()
    assert (row.status, row.error_code) == ("error", "timeout")
    assert row.seconds < hooks.HANG_SECONDS / 10  # killed at the limit, not waited for
    assert row.sha256 is not None
    assert result.n_failed == 1


def test_limit_failures_are_not_cached(tmp_path):
    """A timeout depends on the limit and the machine: the next run tries again."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "slow.pdf").write_bytes(b"%PDF-1.7\n" + hooks.SLOW)
    options = Options(jobs=1, limits=Limits(timeout=0.5), converter=hooks.misbehaving_convert)
    run_batch(inputs, tmp_path / "out", options)
    assert read_dataset(tmp_path / "out", "manifest").error_code.tolist() == ["timeout"]
    assert not list((tmp_path / "out" / ".cache").rglob("*.json"))


def _pid_or_misbehave(task: str) -> int:
    """Worker function for the tests below: a task names what it does."""
    if task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "hang":
        time.sleep(60)
    return os.getpid()


def _outcomes(tasks: list[str], jobs: int, timeout: float = 30.0) -> dict[str, object]:
    return {done.task: done.result for done in run_isolated(tasks, _pid_or_misbehave, jobs, Limits(timeout, None))}


def test_a_worker_converts_several_files_in_sequence():
    tasks = [f"file{i}" for i in range(6)]
    assert len(set(_outcomes(tasks, jobs=1).values())) == 1  # one process did all six


def test_a_crash_or_a_timeout_loses_only_the_file_in_hand():
    tasks = ["a", "b", "crash", "c", "hang", "d", "e"]
    outcomes = _outcomes(tasks, jobs=1, timeout=2.0)
    assert isinstance(outcomes["crash"], Failure) and outcomes["crash"].code == "worker_crashed"
    assert isinstance(outcomes["hang"], Failure) and outcomes["hang"].code == "timeout"
    pids = {task: outcomes[task] for task in "abcde"}
    assert all(isinstance(pid, int) for pid in pids.values())
    assert pids["a"] == pids["b"] != pids["c"] != pids["d"] == pids["e"]  # a fresh worker after each loss


def _forkserver_start(tmp_path, monkeypatch, names: tuple[str, ...] = ("a.docx",)) -> tuple[list[str], dict[str, str]]:
    """The modules a batch of the sample DOCX under *names* asks the forkserver
    to preload, and the environment it asks it to start with."""
    asked: list[tuple[list[str], dict[str, str]]] = []

    def recording(tasks, fn, *args, preload=(), environment=None, **kwargs):
        asked.append(([*preload, fn.func.__module__], dict(environment or {})))  # as run_isolated adds it
        return run_isolated(tasks, fn, *args, preload=preload, environment=environment, **kwargs)

    monkeypatch.setattr(executors, "run_isolated", recording)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in names:
        shutil.copy(QZB / QZB_DOCX[0], inputs / name)
    run_batch(inputs, tmp_path / "out", Options(jobs=1))
    assert len(asked) == 1
    return asked[0]


def _loaded_after(preload: list[str], environment: dict[str, str], watched: tuple[str, ...]) -> list[str]:
    """Which of the *watched* modules a fresh interpreter holds after importing
    the forkserver's preload list in its environment."""
    script = (f"import sys; import {', '.join(preload)}; "
              f"print(*sorted(m for m in {watched!r} if m in sys.modules))")
    env = {**os.environ, **environment}
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                          env=env).stdout.split()


def test_the_forkserver_preloads_the_warm_up(tmp_path, monkeypatch):
    """Workers are forked with the run's readers imported and their caches
    filled: the batch puts the warm-up module in the forkserver's preload list."""
    preload, _ = _forkserver_start(tmp_path, monkeypatch)
    assert WARM_UP in preload
    importlib.import_module(WARM_UP)  # and it imports (warming every reader) without error
    assert {"pdfplumber", "pypdfium2", "pdfminer", "lxml"} <= set(sys.modules)


def test_the_forkserver_imports_no_writer_library(tmp_path, monkeypatch):
    """What the forkserver imports before it forks (the warm-up and the module of
    the worker function) every build pays for once: pandas, pyarrow (with
    numpy) and openpyxl are the writers' business, in the parent process, and
    cost 0.3-0.6 s of CPU to import."""
    preload, environment = _forkserver_start(tmp_path, monkeypatch)
    assert _loaded_after(preload, environment, ("pandas", "pyarrow", "numpy", "openpyxl")) == []


def test_a_docx_run_warms_no_pdf_reader(tmp_path, monkeypatch):
    """Only the readers a run's files need are warmed: a run of DOCX never
    loads pdfplumber, pdfminer or pdfium, about 0.2 s before its first file."""
    preload, environment = _forkserver_start(tmp_path, monkeypatch, ("a.docx", "b.DOCX"))
    assert environment[WARM_READERS] == "extractors.docx"
    assert _loaded_after(preload, environment, ("extractors.docx", "lxml", "pdfplumber", "pdfminer", "pypdfium2")) \
        == ["extractors.docx", "lxml"]


def test_the_readers_a_run_needs_come_from_its_file_names(tmp_path):
    jobs = [FileJob(i, tmp_path / name, name, "0" * 64) for i, name in
            enumerate(["a.PDF", "b.htm", "c.html", "d.wps", "notes.txt"])]
    assert reader_modules(jobs, registry.with_pdf_engine(registry.FORMATS, "pdfminer")) == {
        "extractors.pdf", "extractors.html", "extractors.legacy"}
    assert reader_modules(jobs[:1], registry.FORMATS) == {"extractors.pdfium"}


def test_workers_start_with_one_thread_and_glibc_trimming_whoever_runs_them():
    """--memory-limit limits address space, which threads and malloc settings
    move: workers get the same environment under every executor (Dask's
    nanny's values, tests/test_dask.py), and the caller's stays as it was."""
    before = {name: os.environ.get(name) for name in WORKER_ENVIRONMENT}
    seen = {done.task: done.result for done in run_isolated(list(WORKER_ENVIRONMENT), os.getenv, 1, Limits(30))}
    assert seen == WORKER_ENVIRONMENT
    assert {name: os.environ.get(name) for name in WORKER_ENVIRONMENT} == before


def test_worker_that_cannot_start_under_its_limit_is_memory_limit(tmp_path):
    """64 MB is less than the readers' libraries take before reading a byte (about 90 MB)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "a.docx")
    run_batch(inputs, tmp_path / "out", Options(jobs=1, limits=Limits(timeout=60, memory_mb=64)))
    manifest = read_dataset(tmp_path / "out", "manifest")
    assert manifest.error_code.tolist() == ["memory_limit"]
    assert "cannot start under the memory limit of 64 MB" in manifest.error[0]


def test_a_library_that_cannot_be_mapped_under_the_limit_is_memory_limit():
    from pipeline.run.workers import _classify

    exc = ImportError("/venv/lib/lxml/etree.so: failed to map segment from shared object")
    assert _classify(exc, Limits(memory_mb=600)).code == "memory_limit"
    assert _classify(exc, Limits(memory_mb=None)).code == "internal_error"
    full = OSError(28, "No space left on device")  # ENOSPC while the worker stores the file's outcome
    assert _classify(full, Limits()).code == "disk_full"



def test_each_pdf_engine_reads_its_warm_up_sample():
    """A reader's ``warm_up`` is what the forkserver runs for it: pdfminer's
    fills its CJK CMap cache, and both engines read the built-in sample."""
    from pdfminer.cmapdb import CMapDB

    from extractors.pdf import CJK_CMAPS
    from extractors.pdf_sample import tiny_pdf

    for reader in registry.PDF_ENGINES.values():
        module, function = reader.split(":")
        importlib.import_module(module).warm_up()
        document = getattr(importlib.import_module(module), function)(tiny_pdf())
        assert [[c.text for c in row.cells] for row in next(document.tables()).rows] == [["1", "Task"]]
    assert set(CJK_CMAPS) <= set(CMapDB._cmap_cache)
