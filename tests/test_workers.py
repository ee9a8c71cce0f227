"""A file that hangs, crashes its worker, exhausts its memory or hits a parser
bug becomes that file's error row; the run goes on and ends in time.

Only a file meant to hang gets a short time limit: under CPU load (the suite
beside other jobs on two cores) a good file may need seconds, and a limit it
shares with the hanging file would turn it into a ``timeout`` row."""

from __future__ import annotations

import shutil

from pipeline.run.batch import Options, run_batch
from pipeline.run.workers import Limits
from tests import hooks
from tests.conftest import QZB, QZB_DOCX, read_dataset

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
