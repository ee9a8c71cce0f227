"""The build command: exit codes, summary line, log lines and progress bar."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from pipeline.datasets.records import ManifestRecord
from pipeline.run.progress import Progress
from tests.conftest import QZB, QZB_DOCX, ROOT


def test_all_ok_exits_0_and_summarises(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in")
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "-j", "1"]) == EXIT_OK
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out")]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.splitlines()[-1].startswith("1 file: 1 ok (0 with warnings), 0 failed, 1 from cache")
    assert f"[1/1] ok {QZB_DOCX[0]}: 42 tasks" in err  # plain log lines when stderr is not a terminal


def test_failure_exits_1_and_quiet_prints_only_errors(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in")
    (tmp_path / "in" / "empty.pdf").write_bytes(b"")
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet"]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert "1 failed" in out
    assert err.strip() == "[1/2] error empty.pdf: empty_file: the file is empty"


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--timeout", "-1"], ["--quiet", "--verbose"]])
def test_bad_arguments_are_usage_errors(tmp_path, args):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path), str(tmp_path / "out"), *args])
    assert exit_.value.code == EXIT_USAGE


def test_missing_input_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), str(tmp_path / "out")]) == EXIT_USAGE
    assert capsys.readouterr().err == f"error: input folder {tmp_path / 'nowhere'} does not exist\n"


def test_input_that_is_a_file_is_named_so(tmp_path, capsys):
    (tmp_path / "notice.docx").write_bytes(b"")
    assert main(["build", str(tmp_path / "notice.docx"), str(tmp_path / "out")]) == EXIT_USAGE
    assert capsys.readouterr().err == f"error: input folder {tmp_path / 'notice.docx'} is not a folder\n"


@pytest.mark.parametrize("limit", ["1", "300", "511"])
def test_memory_limit_below_the_minimum_is_a_usage_error(tmp_path, capsys, limit):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path), str(tmp_path / "out"), "--memory-limit", limit])
    assert exit_.value.code == EXIT_USAGE
    assert f"must be at least 512 (MB), not {limit}" in capsys.readouterr().err


def test_duplicate_log_line_says_whose_bytes_it_has(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    for name in ("a.docx", "b.docx"):
        shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in" / name)
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "-j", "2"]) == EXIT_OK
    assert "ok b.docx: 42 tasks; warnings: same bytes as a.docx" in capsys.readouterr().err


@pytest.mark.parametrize("command, usage", [
    ([sys.executable, "-m", "pipeline"], "usage: python -m pipeline"),
    ([str(Path(sys.executable).parent / "notice-tasks")], "usage: notice-tasks"),
])
def test_usage_names_the_command_as_it_was_started(command, usage):
    if not Path(command[0]).exists():
        pytest.skip("the notice-tasks console script is not installed (make install)")
    run = subprocess.run([*command, "build"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == EXIT_USAGE and run.stderr.startswith(usage + " build")


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_every_file_written_takes_its_mode_from_the_umask(tmp_path, umask, mode):
    (tmp_path / "in").mkdir()
    shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in")
    previous = os.umask(umask)
    try:
        assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "--xlsx", "-q"]) == EXIT_OK
    finally:
        os.umask(previous)
    out = tmp_path / "out"
    files = [*out.joinpath("current").iterdir(), *out.joinpath(".cache").rglob("*.json")]
    assert {f.name for f in files} >= {"notices.xlsx", "tasks.parquet", "manifest.csv"}
    assert {f.name: oct(f.stat().st_mode & 0o777) for f in files} == {f.name: oct(mode) for f in files}


def test_progress_bar_shows_count_rate_and_eta():
    stream = io.StringIO()
    progress = Progress(stream, bar=True)
    progress.start(2)
    row = ManifestRecord("a.docx", "0" * 64, "docx", "ok", None, None, [], 42, None, 0.1)
    progress.file_done(row)
    assert "1/2 files [############------------]" in stream.getvalue()
    assert "files/s  ETA 0:00:0" in stream.getvalue()
    progress.file_done(row)
    progress.close()
    assert stream.getvalue().endswith("\n") and "2/2 files" in stream.getvalue()
