"""What is in INPUT_DIR: the files to parse, and every other path with the reason it is not parsed.

Every path below INPUT_DIR is accounted for: a scheduled job must be able to
tell from the manifest alone why a file it expected has no tasks. So the scan
yields a :class:`Candidate` for each file to parse and a :class:`Skipped` for
everything else, each of which becomes a manifest row (status ``skipped``, or
``error`` for a folder that cannot be listed) with a reason code from
docs/errors.md.

The policy (README, "Which inputs are read"):

- lock files that Word, WPS and LibreOffice write beside an open document
  (``~$name.docx``, ``.~lock.name.docx#``) are skipped as ``lock_file`` when
  their content is no document (:mod:`pipeline.run.lock_files`): someone has
  the file open, nothing is broken;
- hidden names (``.git``, ``.DS_Store``) are skipped, a hidden folder as one row;
- a regular file is parsed when a format of the registry claims its name
  (:func:`accepts`), else ``unsupported_kind``;
- FIFOs, sockets and devices are never opened (reading a FIFO blocks forever);
- a symbolic link is followed only to a file inside INPUT_DIR; a link to a
  folder inside is not followed (its files are scanned under their own path),
  and a link out of INPUT_DIR is not read: a link planted in a shared folder
  must not make the job read ``/etc`` or another user's files. ``follow_links``
  follows links anywhere, folders included, and stops at a cycle;
- each real folder is scanned once, so no file is read twice under two names:
  a folder inside INPUT_DIR under its own path (a link to it is
  ``linked_folder``, with or without ``follow_links``; only a folder a hidden
  name hides is entered through a link), any other under the first route in
  scan order that reaches it; every later route is a ``linked_folder`` row
  naming the path its files are read under.

Links are resolved once, here, and the resolved path is what gets read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.formats import Format
from pipeline.run.lock_files import lock_file_reason
from pipeline.run.names import stored_path


def accepts(name: str, known: tuple[Format, ...]) -> bool:
    """Whether a file of this name is parsed: the one question the scan asks the
    format registry (which reader handles the file is decided later, by content)."""
    return name.lower().endswith(tuple(s for fmt in known for s in fmt.suffixes))


def _kinds(known: tuple[Format, ...]) -> str:
    return ", ".join(s for fmt in known for s in fmt.suffixes)


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


def scan(input_dir: Path, known: tuple[Format, ...], follow_links: bool = False) -> Iterator[Candidate | Skipped]:
    """Every path below *input_dir*, depth first in name order (a stable manifest order);
    files are candidates when one of the *known* formats claims their name."""
    root = Path(os.path.realpath(input_dir))
    yield from _Walk(root, known, follow_links, {root: "."}).folder(root, "", frozenset({root}))


@dataclass(frozen=True)
class _Walk:
    root: Path
    known: tuple[Format, ...]
    follow_links: bool
    read_under: dict[Path, str] = field(default_factory=dict)
    """Each folder entered so far, by its real path, and the stored path its files are read under."""

    def folder(self, folder: Path, prefix: str, ancestors: frozenset[Path]) -> Iterator[Candidate | Skipped]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(stored_path(prefix.rstrip("/") or "."), "unreadable_folder",
                          f"the folder could not be listed: {exc.strerror}", status="error")
            return
        for entry in entries:
            rel = prefix + entry.name
            path = Path(entry.path)
            if entry.name.startswith("."):
                lock = self.lock(path, rel) if entry.is_file(follow_symlinks=False) else None
                yield lock or Skipped(stored_path(rel), "hidden", "hidden name (starts with a dot)")
                continue
            if entry.is_symlink():
                outcome = self.link(path, rel, ancestors)
                if isinstance(outcome, Path):
                    yield from self.enter(outcome, rel, ancestors)
                else:
                    yield outcome
                continue
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                yield from self.enter(path, rel, ancestors)
            else:
                yield self.file(path, rel, mode)

    def enter(self, folder: Path, rel: str, ancestors: frozenset[Path]) -> Iterator[Candidate | Skipped]:
        """The paths in *folder* (a real path) reached as *rel*, unless an earlier route entered it."""
        first = self.read_under.get(folder)
        if first is not None:
            yield Skipped(stored_path(rel), "linked_folder", f"a folder already read under {first}: "
                          "each folder is read once")
            return
        self.read_under[folder] = stored_path(rel)
        yield from self.folder(folder, rel + "/", ancestors | {folder})

    def own_path(self, folder: Path) -> str | None:
        """The stored path under which the walk reaches *folder*, a real path
        inside INPUT_DIR, by its own name; None when a hidden name on the way
        keeps the walk out."""
        parts = folder.relative_to(self.root).parts
        return None if any(part.startswith(".") for part in parts) else stored_path("/".join(parts))

    def file(self, path: Path, rel: str, mode: int) -> Candidate | Skipped:
        """A file (or a link's target) by its mode; the kind is judged by the name in INPUT_DIR, *rel*."""
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
            return Skipped(stored_path(rel), "special_file", f"{kind}, not a regular file: never opened")
        lock = self.lock(path, rel)
        if lock is not None:
            return lock
        if not accepts(rel.rsplit("/", 1)[-1], self.known):
            return Skipped(stored_path(rel), "unsupported_kind",
                           f"not a kind of file the pipeline reads ({_kinds(self.known)})")
        return Candidate(path, stored_path(rel))

    def lock(self, path: Path, rel: str) -> Skipped | None:
        """The row of a regular file that is an office suite's lock file, else None."""
        reason = lock_file_reason(path, rel.rsplit("/", 1)[-1], self.known)
        return None if reason is None else Skipped(stored_path(rel), "lock_file", reason)

    def link(self, path: Path, rel: str, ancestors: frozenset[Path]) -> Candidate | Skipped | Path:
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
        inside = target.is_relative_to(self.root)
        if not inside and not self.follow_links:
            return Skipped(name, "link_outside", "symbolic link out of the input folder: not followed "
                           "(--follow-links follows it)")
        if stat.S_ISDIR(mode):
            if target in ancestors or any(a.is_relative_to(target) for a in ancestors):
                return Skipped(name, "link_loop", "symbolic link to a folder that contains it: a cycle")
            own = self.own_path(target) if inside else None
            if own is not None:
                return Skipped(name, "linked_folder", "symbolic link to a folder inside the input folder: "
                               f"its files are read under their own path, {own}")
            if inside and not self.follow_links:
                return Skipped(name, "linked_folder", "symbolic link to a hidden folder inside the input folder: "
                               "not followed (--follow-links follows it)")
            return target
        return self.file(target, rel, mode)
