"""Ctrl-C, SIGTERM or a killed parent end a run quietly: one line saying what was kept,
no traceback from the parent or from its workers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.batch import file_sha256
from pipeline.run.cache import Cache
from tests import hooks
from tests.conftest import QZB, QZB_DOCX, ROOT


def _start(tmp_path: Path, jobs: int) -> tuple[subprocess.Popen, Path]:
    """A build that parses good.docx first and then spends seconds on slow files."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "a-good.docx")
    for i in range(3):
        (inputs / f"slow{i}.pdf").write_bytes(b"%PDF-1.7\n" + hooks.SLOW + bytes([i]))
    run = subprocess.Popen([sys.executable, "-c", hooks.CLI, "build", str(inputs), str(out), "-j", str(jobs)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    parsed = Cache(out).path(file_sha256(inputs / "a-good.docx"))
    deadline = time.monotonic() + 60
    while not parsed.exists():
        assert time.monotonic() < deadline and run.poll() is None, "the run never got going"
        time.sleep(0.05)
    time.sleep(0.5)  # the slow files are being parsed now
    return run, out


@pytest.mark.parametrize("how, code", [("ctrl-c", 130), ("sigterm", 143)])
def test_interrupted_run_says_what_it_kept(tmp_path, how, code):
    run, out = _start(tmp_path, jobs=1)
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole foreground process group
        os.killpg(run.pid, signal.SIGINT)
    else:
        run.send_signal(signal.SIGTERM)
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == code
    assert "Traceback" not in stderr and stdout == ""
    assert stderr.splitlines()[-1] == \
        "interrupted: 1 file parsed and cached for the next run; previous datasets unchanged"
    assert not (out / "tasks.parquet").exists()


def test_killed_parent_leaves_quiet_workers(tmp_path):
    run, _ = _start(tmp_path, jobs=2)
    run.send_signal(signal.SIGKILL)
    # stderr closes once every process that inherited it (forkserver, workers) is gone
    _, stderr = run.communicate(timeout=hooks.SLOW_SECONDS * 4)
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
