"""A converter for batch tests that misbehaves on cue, so tests can show what the
runner does with a file that hangs, crashes its worker or eats memory, without
any test hook in production code (the runner takes the converter as an option).

A file containing one of the markers below triggers the behaviour; any other
file is converted normally.
"""

from __future__ import annotations

import os
import signal
import time

from extractors.ocr_modes import OcrMode
from pipeline.convert import Converted, convert

HANG = b"TEST-HOOK-HANG"
SLOW = b"TEST-HOOK-SLOW"
CRASH = b"TEST-HOOK-CRASH"
HOG = b"TEST-HOOK-HOG"
BUG = b"TEST-HOOK-BUG"
KILL_HOST = b"TEST-HOOK-KILL-HOST"
"""Kills the process the per-file worker was started for: on a Dask cluster the
Dask worker process itself (as the OOM killer would). Only for Dask tests:
under the local pool that process is the build, so the hook refuses there."""

CLI = ("import functools, sys; import pipeline.cli as cli; from tests.hooks import misbehaving_convert; "
       "cli.Options = functools.partial(cli.Options, converter=misbehaving_convert); "
       "sys.exit(cli.main(sys.argv[1:]))")
"""``python -c CLI ARGS…`` (from the repository's root) runs the command line
with :func:`misbehaving_convert` as the converter: the tests that watch a
real ``build`` process from outside (its exit code, its stderr) use it."""

SLOW_SECONDS = 4.0
HANG_SECONDS = 3600.0
"""Far beyond any --timeout a test sets: a hang row that ends sooner was cut short."""


def misbehaving_convert(data: bytes, source_path: str, ocr: OcrMode = "auto") -> Converted:
    if HANG in data:
        time.sleep(HANG_SECONDS)
    if SLOW in data:
        time.sleep(SLOW_SECONDS)
    if CRASH in data:
        os.kill(os.getpid(), signal.SIGSEGV)
    if HOG in data:
        hog = bytearray(64 * 1024 ** 3)  # far beyond any memory limit the tests set
        del hog
    if BUG in data:
        raise RuntimeError("a bug in the parser")
    if KILL_HOST in data:
        _kill_host()
    return convert(data, source_path, ocr)


def _parent_of(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return int(fh.read().rsplit(")", 1)[1].split()[1])


def _kill_host() -> None:
    """Kill the parent of this worker's forkserver: the process that ran ``run_isolated``."""
    host = _parent_of(os.getppid())
    with open(f"/proc/{host}/cmdline", "rb") as fh:
        # Dask's worker processes are spawned (spawn_main), and retitled "dask worker [...]"
        # when setproctitle is installed (mutmut brings it in); a build is neither.
        cmdline = fh.read()
        if b"spawn_main" not in cmdline and not cmdline.startswith(b"dask worker"):
            raise RuntimeError("KILL_HOST outside a Dask worker: refusing to kill the build")
    os.kill(host, signal.SIGKILL)
    time.sleep(HANG_SECONDS)  # the forkserver dies with its host, and this process with the forkserver


def recorded_ocr_convert(data: bytes, source_path: str, ocr: OcrMode = "auto") -> Converted:
    """:func:`convert` with the OCR engine answered from the test recording
    (tests/ocr_cache.py), in the batch's worker process."""
    from extractors.ocr import engine
    from tests import ocr_cache

    engine.recognise = ocr_cache.cached_recognise
    return convert(data, source_path, ocr)
