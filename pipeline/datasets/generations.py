"""Publishing a run's datasets as one generation, switched in by one atomic rename.

A reader of OUTPUT_DIR must see either the whole previous set of datasets or the
whole new one, at every instant, even if the run is killed half-way through
publishing. Renaming files into place one by one cannot give that, so a run
writes a complete *generation* folder and publishes it by swapping one link::

    OUTPUT_DIR/
      tasks.parquet -> current/tasks.parquet      one link per dataset file, made once
      tasks.csv     -> current/tasks.csv
      …
      current -> .generations/20250101T120000123456Z    swapped by rename(2): the commit point
      .generations/20250101T120000123456Z/        the published set (and the one before it)
      .generations/….partial/                     a run still writing, or killed while writing
      .cache/  .lock

``output/tasks.parquet`` stays where users, the README and the notebook look
for it (pandas, DuckDB and pyarrow follow the links). Each path opened
resolves through ``current`` at open time, so every file is whole and from one
generation. A reader that needs several files from one generation while a build
may be publishing resolves ``OUTPUT_DIR/current`` once (``Path("output/current").resolve()``)
and reads from that folder; the generation before the current one is kept until
the next publish, so such a reader has a whole run's time to finish.

Publishing (:func:`publish`) makes only changes a reader cannot catch half-done:

1. the finished folder is renamed from ``<id>.partial`` to ``<id>`` (invisible);
2. a missing top-level link ``name -> current/name`` is made (a temporary link
   renamed over the name): it shows what ``current`` already holds, or nothing;
3. ``current`` is replaced by a link to the new generation, by rename(2): the commit;
4. top-level links to names the new generation lacks (``notices.xlsx`` after a
   run without ``--xlsx``) are removed: they already showed nothing;
5. generations older than the previous one are deleted.

An output folder from before generations (datasets as plain files) is adopted
first: its files are hard-linked into a generation that ``current`` then names,
so replacing each plain file by a link changes no byte a reader sees.

POSIX only (symbolic links, rename over a link, hard links); the caller holds
the output folder's lock (:mod:`pipeline.run.outdir`), so nothing here races
another writer.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = "current"
PARTIAL = ".partial"
TEMP_LINK = ".tmp-link-"
LEGACY_STAGING = ".staging-"
"""Staging folders of the runner before generations; removed when found."""


def new_generation(out_dir: Path) -> Path:
    """An empty folder for a run's datasets, not yet visible to readers."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = out_dir / GENERATIONS / f"{stamp}{PARTIAL}"
    folder.mkdir(parents=True)  # mode from the umask, like every file in it
    return folder


def current_generation(out_dir: Path) -> Path | None:
    """The published generation's folder, or None before the first publish."""
    link = out_dir / CURRENT
    return out_dir / os.readlink(link) if link.is_symlink() else None


def tidy(out_dir: Path) -> None:
    """Remove what a killed run left: unfinished generations, temporary links, old staging folders."""
    for partial in (out_dir / GENERATIONS).glob(f"*{PARTIAL}"):
        shutil.rmtree(partial, ignore_errors=True)
    for leftover in out_dir.glob(f"{TEMP_LINK}*"):
        leftover.unlink(missing_ok=True)
    for staging in out_dir.glob(f"{LEGACY_STAGING}*"):
        shutil.rmtree(staging, ignore_errors=True)


def discard(folder: Path) -> None:
    """Drop an unpublished generation (the run failed before publishing it)."""
    shutil.rmtree(folder, ignore_errors=True)


def publish(out_dir: Path, partial: Path, names: list[str]) -> Path:
    """Make the complete generation in *partial* the one readers see; return its final folder.

    *names* are the dataset file names a generation may hold: plain files of
    those names left by an older layout are adopted first.
    """
    _sync(partial)
    folder = partial.with_name(partial.name.removesuffix(PARTIAL))
    os.rename(partial, folder)
    _sync(folder.parent)
    _adopt_plain_files(out_dir, names)
    held = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))  # hidden: the run's own notes
    for name in held:
        _ensure_link(out_dir / name, f"{CURRENT}/{name}")
    previous = current_generation(out_dir)
    _replace_with_link(out_dir / CURRENT, f"{GENERATIONS}/{folder.name}")
    _sync(out_dir)
    for link in out_dir.iterdir():
        if link.is_symlink() and _our_link(link) and link.name not in held:
            link.unlink()
    for old in (out_dir / GENERATIONS).iterdir():
        if old.name != folder.name and (previous is None or old.name != previous.name):
            shutil.rmtree(old, ignore_errors=True)
    return folder


def _our_link(link: Path) -> bool:
    return os.readlink(link) == f"{CURRENT}/{link.name}"


def _ensure_link(path: Path, target: str) -> None:
    if not (path.is_symlink() and os.readlink(path) == target):
        _replace_with_link(path, target)


def _replace_with_link(path: Path, target: str) -> None:
    """Point *path* at *target* in one rename, whatever *path* was (nothing, a file, another link)."""
    temp = path.with_name(f"{TEMP_LINK}{path.name}")
    temp.unlink(missing_ok=True)
    os.symlink(target, temp)
    os.rename(temp, path)


def _adopt_plain_files(out_dir: Path, names: list[str]) -> None:
    """Turn datasets written as plain files (the layout before generations) into a generation."""
    plain = [n for n in names if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not plain or current_generation(out_dir) is not None:
        return
    adopted = new_generation(out_dir)
    for name in plain:
        os.link(out_dir / name, adopted / name)
    folder = adopted.with_name(adopted.name.removesuffix(PARTIAL) + "-adopted")
    os.rename(adopted, folder)
    _replace_with_link(out_dir / CURRENT, f"{GENERATIONS}/{folder.name}")
    for name in plain:
        _replace_with_link(out_dir / name, f"{CURRENT}/{name}")


def _sync(folder: Path) -> None:
    """fsync a folder, so its entries (new names, renames) survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
