"""The build command: exit codes, summary line, log lines and progress bar."""

from __future__ import annotations

import io
import shutil

import pytest

from pipeline.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from pipeline.datasets.records import ManifestRecord
from pipeline.run.progress import Progress
from tests.conftest import QZB_DOCX, RAW


def test_all_ok_exits_0_and_summarises(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(RAW / QZB_DOCX[0], tmp_path / "in")
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out"), "-j", "1"]) == EXIT_OK
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out")]) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.splitlines()[-1].startswith("1 files: 1 ok (0 with warnings), 0 failed, 1 from cache")
    assert f"[1/1] ok {QZB_DOCX[0]}: 42 tasks" in err  # plain log lines when stderr is not a terminal


def test_failure_exits_1_and_quiet_prints_only_errors(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(RAW / QZB_DOCX[0], tmp_path / "in")
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


def test_missing_input_folder_is_a_usage_error(tmp_path):
    assert main(["build", str(tmp_path / "nowhere"), str(tmp_path / "out")]) == EXIT_USAGE


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
