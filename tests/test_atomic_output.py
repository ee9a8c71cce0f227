"""A run that dies, however it dies, leaves the previous datasets intact and readable."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.datasets import writers
from pipeline.datasets.records import DATASETS
from pipeline.run.batch import Options, file_sha256, run_batch
from pipeline.run.cache import Cache
from tests import hooks
from tests.conftest import QZB_DOCX, RAW, ROOT, read_dataset

OUTPUT_FILES = [f"{name}{suffix}" for name in DATASETS for suffix in (".parquet", ".csv")]


@pytest.fixture()
def previous(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """A finished run over one notice; then the input grows, so a new run would change every dataset."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    shutil.copy(RAW / QZB_DOCX[0], inputs / "a.docx")
    run_batch(inputs, out, Options(jobs=1))
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    shutil.copy(RAW / QZB_DOCX[1], inputs / "b.docx")
    return inputs, out, before


def assert_intact(out: Path, before: dict[str, bytes]) -> None:
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert len(read_dataset(out, "tasks")) == 42
    assert not list(out.glob(".staging-*"))


def test_failure_while_writing_keeps_previous_datasets(previous, monkeypatch):
    inputs, out, before = previous
    real = writers.to_table

    def fail_on_tasks(records, schema):
        if schema is DATASETS["tasks"].schema and records:
            raise OSError("disk full (injected)")
        return real(records, schema)

    monkeypatch.setattr(writers, "to_table", fail_on_tasks)
    with pytest.raises(OSError, match="injected"):
        run_batch(inputs, out, Options(jobs=1))
    assert_intact(out, before)


def test_sigkill_half_way_keeps_previous_datasets(previous):
    inputs, out, before = previous
    for i in range(4):
        (inputs / f"slow{i}.pdf").write_bytes(b"%PDF-1.7\n" + hooks.SLOW + bytes([i]))
    script = ("import sys; from pathlib import Path; from pipeline.run.batch import Options, run_batch; "
              "from tests.hooks import misbehaving_convert; "
              "run_batch(Path(sys.argv[1]), Path(sys.argv[2]), Options(jobs=1, converter=misbehaving_convert))")
    run = subprocess.Popen([sys.executable, "-c", script, str(inputs), str(out)], cwd=ROOT)
    parsed_b = Cache(out).path(file_sha256(inputs / "b.docx"))
    deadline = time.monotonic() + 30
    while not parsed_b.exists():  # b.docx is done, the slow files are next: half-way
        assert time.monotonic() < deadline and run.poll() is None, "the run never got going"
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert_intact(out, before)
    for slow in inputs.glob("slow*"):
        slow.unlink()
    run_batch(inputs, out, Options(jobs=1))
    assert read_dataset(out, "manifest").cached.tolist() == [True, True], "the killed run's finished work is kept"


def test_staging_left_by_a_killed_run_is_removed(previous):
    inputs, out, _ = previous
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = out / f"{writers.STAGING_PREFIX}{dead.stdout.strip()}-x1y2"
    abandoned.mkdir()
    (abandoned / "tasks.parquet").write_bytes(b"half")
    run_batch(inputs, out, Options(jobs=1))
    assert not abandoned.exists()
    assert len(read_dataset(out, "tasks")) == 84
