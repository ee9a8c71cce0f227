"""What is in INPUT_DIR: the files to parse, and every other path with the reason it is not parsed.

Every path below INPUT_DIR is accounted for: a scheduled job must be able to
tell from the manifest alone why a file it expected has no tasks. So the scan
yields a :class:`Candidate` for each file to parse and a :class:`Skipped` for
everything else, each of which becomes a manifest row (status ``skipped``, or
``error`` for a folder that cannot be listed) with a reason code from
docs/errors.md.

The policy (README, "Which inputs are read"):

- hidden names (``.git``, ``.DS_Store``) are skipped, a hidden folder as one row;
- a regular file is parsed when :func:`accepts` its name, else ``unsupported_kind``;
- FIFOs, sockets and devices are never opened (reading a FIFO blocks forever);
- a symbolic link is followed only to a file inside INPUT_DIR; a link to a
  folder inside is not followed (its files are scanned under their own path),
  and a link out of INPUT_DIR is not read: a link planted in a shared folder
  must not make the job read ``/etc`` or another user's files. ``follow_links``
  follows links anywhere, folders included, and stops at a cycle.

Links are resolved once, here, and the resolved path is what gets read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.run.names import stored_path

READ_SUFFIXES = (".pdf", ".docx", ".doc", ".wps")
"""Name endings of the files the runner parses; which reader handles one is decided by content."""


def accepts(name: str) -> bool:
    """Whether a file of this name is parsed: the one question the scan asks about formats."""
    return name.lower().endswith(READ_SUFFIXES)


def accepted_kinds() -> str:
    """The accepted kinds, for messages."""
    return ", ".join(READ_SUFFIXES)


@dataclass(frozen=True)
class Candidate:
    """A file to parse: *path* is what to open (a link already resolved), *rel* its stored name."""

    path: Path
    rel: str


@dataclass(frozen=True)
class Skipped:
    """A path that is not parsed, and why (a reason code of docs/errors.md)."""

    rel: str
    code: str
    message: str
    status: str = "skipped"


def scan(input_dir: Path, follow_links: bool = False) -> Iterator[Candidate | Skipped]:
    """Every path below *input_dir*, depth first in name order (a stable manifest order)."""
    root = Path(os.path.realpath(input_dir))
    yield from _walk(root, root, "", follow_links, frozenset({root}))


def _walk(root: Path, folder: Path, prefix: str, follow_links: bool,
          ancestors: frozenset[Path]) -> Iterator[Candidate | Skipped]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(stored_path(prefix.rstrip("/") or "."), "unreadable_folder",
                      f"the folder could not be listed: {exc.strerror}", status="error")
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.name.startswith("."):
            yield Skipped(stored_path(rel), "hidden", "hidden name (starts with a dot)")
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            outcome = _link(root, path, rel, follow_links, ancestors)
            if isinstance(outcome, Path):
                yield from _walk(root, outcome, rel + "/", follow_links, ancestors | {outcome})
            elif outcome is not None:
                yield outcome
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            yield from _walk(root, path, rel + "/", follow_links, ancestors | {path})
        else:
            yield _file(path, rel, mode)


def _file(path: Path, rel: str, mode: int) -> Candidate | Skipped:
    """A file (or a link's target) by its mode; the kind is judged by the name in INPUT_DIR, *rel*."""
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return Skipped(stored_path(rel), "special_file", f"{kind}, not a regular file: never opened")
    if not accepts(rel.rsplit("/", 1)[-1]):
        return Skipped(stored_path(rel), "unsupported_kind",
                       f"not a kind of file the pipeline reads ({accepted_kinds()})")
    return Candidate(path, stored_path(rel))


def _link(root: Path, path: Path, rel: str, follow_links: bool,
          ancestors: frozenset[Path]) -> Candidate | Skipped | Path | None:
    """A link's outcome: a file to parse, a skip, or a folder to descend into."""
    name = stored_path(rel)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Skipped(name, "broken_link", f"symbolic link to {os.readlink(path)!r}, which does not exist")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Skipped(name, "link_loop", "symbolic link that leads back to itself")
        return Skipped(name, "broken_link", f"symbolic link that cannot be followed: {exc.strerror}")
    target = Path(os.path.realpath(path))
    inside = target.is_relative_to(root)
    if not inside and not follow_links:
        return Skipped(name, "link_outside", "symbolic link out of the input folder: not followed "
                       "(--follow-links follows it)")
    if stat.S_ISDIR(mode):
        if target in ancestors or any(a.is_relative_to(target) for a in ancestors):
            return Skipped(name, "link_loop", "symbolic link to a folder that contains it: a cycle")
        if not follow_links:
            return Skipped(name, "linked_folder", "symbolic link to a folder inside the input folder: "
                           "its files are read under their own path (--follow-links follows it)")
        return target
    return _file(target, rel, mode)
