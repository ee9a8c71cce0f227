"""Claiming OUTPUT_DIR for one run: checked before any file is parsed, and locked.

Two builds writing into one output folder damage each other (one's cache
clean-up deletes the other's entries, the later publish replaces the earlier
one's datasets), so a run holds an exclusive ``flock`` on ``OUTPUT_DIR/.lock``
from before it reads the cache until its datasets are published. The kernel
releases the lock when the process dies, however it dies, so a killed run never
leaves a stale lock behind; the file itself stays (removing it would let two
runs lock two different files).

The same step checks what would otherwise fail only after every file was
parsed: that OUTPUT_DIR is a folder, can be created, written and has room for
at least a small file.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from pipeline.run.names import printable

LOCK_NAME = ".lock"
PROBE_BYTES = 64 * 1024
"""Written (and removed) to prove the folder takes a file; a disk with less room
than this fails at once instead of after the parse."""

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


class OutputUnusable(Exception):
    """OUTPUT_DIR cannot take this run's datasets; the message is one line for the user."""


class OutputBusy(OutputUnusable):
    """Another run holds OUTPUT_DIR and the caller chose not to wait."""


class DiskFull(Exception):
    """The device of OUTPUT_DIR filled up while the datasets were written; the
    previous datasets are unchanged (the unfinished generation was discarded)."""


def is_disk_full(exc: BaseException) -> bool:
    """An error that means the device has no room left (pyarrow's errors carry no errno, only its text)."""
    return isinstance(exc, OSError) and (exc.errno in DISK_FULL_ERRNOS or "No space left on device" in str(exc))


class OutputLock:
    """An exclusive hold on OUTPUT_DIR, released on exit (or by the kernel, on death)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = -1


def claim(output_dir: Path, wait: bool = True, on_wait: Callable[[str], None] = lambda holder: None) -> OutputLock:
    """Check and lock *output_dir*, creating it if needed.

    Raises :class:`OutputUnusable` (or :class:`OutputBusy` when another run holds
    it and *wait* is false). While another run holds it, *on_wait* is told who
    does, then this call blocks until the lock is free.
    """
    shown = printable(str(output_dir))
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputUnusable(f"output folder {shown} is not a folder")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(output_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise _unusable(shown, exc) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise OutputBusy(f"output folder {shown} is in use by another build ({holder}); not waiting") from None
            on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _probe(output_dir, shown)
    except BaseException:
        os.close(fd)
        raise
    return OutputLock(fd)


def _holder(fd: int) -> str:
    pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def _probe(output_dir: Path, shown: str) -> None:
    probe = output_dir / f".probe-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * PROBE_BYTES)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise _unusable(shown, exc) from exc
    finally:
        probe.unlink(missing_ok=True)


def _unusable(shown: str, exc: OSError) -> OutputUnusable:
    if is_disk_full(exc):
        return OutputUnusable(f"output folder {shown} has no space left on its device")
    return OutputUnusable(f"output folder {shown} cannot be written: {exc.strerror or exc}")
