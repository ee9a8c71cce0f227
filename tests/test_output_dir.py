"""OUTPUT_DIR: one build at a time, checked before any file is parsed, and a full disk
that ends the run cleanly with the previous datasets intact."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from pipeline.cli import EXIT_USAGE, main
from pipeline.datasets import generations
from tests import hooks
from tests.conftest import QZB, QZB_DOCX, ROOT
from tests.test_atomic_output import read_set


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", *args]


def test_two_builds_with_different_inputs_take_turns(tmp_path):
    first, second, out = tmp_path / "first", tmp_path / "second", tmp_path / "out"
    first.mkdir()
    second.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], first / "a.docx")
    (first / "slow.pdf").write_bytes(b"%PDF-1.7\n" + hooks.SLOW)  # holds the first build for a few seconds
    shutil.copy(QZB / QZB_DOCX[1], second / "b.docx")
    script = ("import sys; from pathlib import Path; from pipeline.run.batch import Options, run_batch; "
              "from tests.hooks import misbehaving_convert; "
              "r = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), Options(jobs=1, converter=misbehaving_convert)); "
              "print(r.n_files, r.n_failed)")
    run_a = subprocess.Popen([sys.executable, "-c", script, str(first), str(out)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ((out / ".lock").exists() and (out / ".lock").read_text().strip() == str(run_a.pid)):
        assert time.monotonic() < deadline and run_a.poll() is None, "the first build never took the lock"
        time.sleep(0.05)

    busy = subprocess.run(_cli(str(second), str(out), "--no-wait"), cwd=ROOT, capture_output=True, text=True)
    assert busy.returncode == EXIT_USAGE
    assert busy.stderr.strip() == f"error: output folder {out} is in use by another build (pid {run_a.pid}); not waiting"

    run_b = subprocess.run(_cli(str(second), str(out), "-j", "1"), cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    a_out, a_err = run_a.communicate(timeout=300)
    assert (run_a.returncode, a_out.split()) == (0, ["2", "1"]), a_err  # slow.pdf is no real PDF: an error row
    assert run_b.returncode == 0, run_b.stderr
    assert f"waiting for another build (pid {run_a.pid}) to finish with {out}" in run_b.stderr
    assert run_b.stdout.startswith("1 file: 1 ok")

    # the first build's set is the generation before the current one, whole and its own
    current = generations.current_generation(out)
    (earlier,) = [g for g in (out / generations.GENERATIONS).iterdir() if g.name != current.name]
    assert read_set(earlier) == {"inputs": ["a.docx", "slow.pdf"], "tasks": 42}
    assert read_set(out) == {"inputs": ["b.docx"], "tasks": 42}


def test_output_dir_that_is_a_file_fails_before_parsing(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    shutil.copy(QZB / QZB_DOCX[0], tmp_path / "in")
    (tmp_path / "out").write_text("a file")
    assert main(["build", str(tmp_path / "in"), str(tmp_path / "out")]) == EXIT_USAGE
    out, err = capsys.readouterr()
    assert err == f"error: output folder {tmp_path / 'out'} is not a folder\n" and out == ""


def _can_mount_in_a_namespace() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount_in_a_namespace(),
                                 reason="needs `unshare -rm` (user and mount namespaces) to mount a small "
                                        "or read-only file system without root")

SMALL_DISK = textwrap.dedent('''
    """Runs inside a private mount namespace: builds into a 4 MB tmpfs as it fills up."""
    import json, os, subprocess, sys
    from pathlib import Path
    from tests.test_atomic_output import read_set

    inputs, disk, report = map(Path, sys.argv[1:4])
    out = disk / "out"
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=True)

    def build(*extra):
        run = subprocess.run([sys.executable, "-m", "pipeline", "build", str(inputs), str(out), "-j", "1", *extra],
                             capture_output=True, text=True)
        return {"code": run.returncode, "stdout": run.stdout, "stderr": run.stderr}

    def fill(leave):
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        with open(disk / f"filler{leave}", "wb") as fh:
            fh.write(b"x" * max(free - leave, 0))

    def snapshot():
        return {name: (out / name).read_bytes().hex() for name in sorted(os.listdir(out))
                if name.endswith((".parquet", ".csv"))}

    steps = {"first": build()}
    before = snapshot()
    fill(leave=160 * 1024)  # room for the probe, not for a generation of two notices
    steps["full_while_writing"] = build()
    steps["intact_after_full"] = snapshot() == before and read_set(out) == {
        "inputs": sorted(p.name for p in inputs.iterdir()), "tasks": 84}
    steps["no_partial_left"] = not list((out / ".generations").glob("*.partial"))
    fill(leave=0)
    steps["full_at_start"] = build()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    steps["read_only"] = build()
    steps["intact_at_end"] = snapshot() == before
    report.write_text(json.dumps(steps))
''')


@needs_mount
def test_full_and_read_only_output_disks(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in QZB_DOCX:
        shutil.copy(QZB / name, inputs / name)
    (tmp_path / "disk").mkdir()
    script = tmp_path / "small_disk.py"
    script.write_text(SMALL_DISK)
    report = tmp_path / "report.json"
    subprocess.run(["unshare", "-rm", sys.executable, str(script), str(inputs), str(tmp_path / "disk"), str(report)],
                   cwd=ROOT, check=True, timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    steps = json.loads(report.read_text())
    out = tmp_path / "disk" / "out"

    assert steps["first"]["code"] == 0, steps["first"]["stderr"]

    full = steps["full_while_writing"]
    assert full["code"] == 1 and "Traceback" not in full["stderr"]
    assert full["stderr"].splitlines()[-1] == (
        f"disk_full: no space left on the device of {out} while writing the datasets; "
        "0 files parsed and cached for the next run; previous datasets unchanged")
    assert steps["intact_after_full"] and steps["no_partial_left"]

    at_start = steps["full_at_start"]
    assert (at_start["code"], at_start["stdout"]) == (EXIT_USAGE, "")
    assert at_start["stderr"] == f"error: output folder {out} has no space left on its device\n", "nothing parsed"

    read_only = steps["read_only"]
    assert (read_only["code"], read_only["stdout"]) == (EXIT_USAGE, "")
    assert read_only["stderr"] == f"error: output folder {out} cannot be written: Read-only file system\n"
    assert steps["intact_at_end"]
