"""Build every sample at two revisions and report any dataset row that differs.

    .venv/bin/python scripts/compare_builds.py REV_A [REV_B]      # REV_B defaults to the work tree
    .venv/bin/python scripts/compare_builds.py REV_A --keep DIR   # keep both builds in DIR

A refactoring must not change a single row. This script checks that on every
.pdf and .docx under raw/ and tests/fixtures/ of the work tree (the same input
files for both builds, so only the code differs): each revision's code is
exported with ``git archive`` into a temporary folder (nothing is registered in
the shared repository, so an interrupted run leaves nothing to prune) and run
with this virtualenv's Python as ``python -m pipeline build --force``. Rows are
compared as whole values per dataset, in any order, leaving out what differs by
nature between two runs (the manifest's ``seconds`` and ``cached``). A column
that only one side has is reported as such and the rows are compared on the
columns both have.

Exit code 0 when every row is identical, 1 when any differs, 2 on a failed build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIRS = ("raw", "tests/fixtures")
SUFFIXES = (".pdf", ".docx")
WORK_TREE = "WORKTREE"
IGNORED = {"manifest": {"seconds", "cached"}}
"""Columns that differ between any two runs of the same code."""
SHOWN = 5
"""Differing rows printed per dataset and side."""


def samples() -> list[Path]:
    """Every sample file, relative to the repository root."""
    return sorted(
        p.relative_to(ROOT) for folder in SAMPLE_DIRS for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
    )


def export(rev: str, target: Path) -> Path:
    """The code of *rev* in *target* (the work tree itself for ``WORKTREE``)."""
    if rev == WORK_TREE:
        return ROOT
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             capture_output=True, check=True)
    target.mkdir(parents=True)
    tar_path = target.with_suffix(".tar")
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(target, filter="data")
    tar_path.unlink()
    return target


def build(code: Path, inputs: Path, out: Path, jobs: int) -> None:
    """``python -m pipeline build`` with *code* first on the import path."""
    env = dict(os.environ, PYTHONPATH=str(code))
    where = subprocess.run([sys.executable, "-c", "import pipeline; print(pipeline.__file__)"], cwd=code, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not Path(where).is_relative_to(code):  # the virtualenv's editable install must not stand in for it
        raise SystemExit(f"python imports pipeline from {where}, not from {code}")
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", str(inputs), str(out), "--force", "--quiet",
                          "--jobs", str(jobs)], cwd=code, env=env, check=False)
    if run.returncode not in (0, 1):  # 1: some file failed, which its manifest row records
        raise SystemExit(f"build with the code in {code} failed (exit {run.returncode})")


def rows(folder: Path, name: str, columns: list[str]) -> Counter[str]:
    """The dataset's rows on *columns*, each as canonical JSON, counted."""
    table = pq.read_table(folder / f"{name}.parquet", columns=columns)
    return Counter(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) for row in table.to_pylist())


def compare(a: Path, b: Path, labels: tuple[str, str]) -> int:
    """Print the differences between two output folders; the number of differing rows."""
    differing = 0
    names_a = {p.stem for p in a.glob("*.parquet")}
    names_b = {p.stem for p in b.glob("*.parquet")}
    for name in sorted(names_a ^ names_b):
        print(f"{name}: only in {labels[0] if name in names_a else labels[1]}")
    for name in sorted(names_a & names_b):
        cols_a = pq.read_schema(a / f"{name}.parquet").names
        cols_b = pq.read_schema(b / f"{name}.parquet").names
        for col in [c for c in cols_a if c not in cols_b]:
            print(f"{name}.{col}: column only in {labels[0]}")
        for col in [c for c in cols_b if c not in cols_a]:
            print(f"{name}.{col}: column only in {labels[1]}")
        shared = [c for c in cols_a if c in cols_b and c not in IGNORED.get(name, set())]
        rows_a, rows_b = rows(a, name, shared), rows(b, name, shared)
        only_a, only_b = rows_a - rows_b, rows_b - rows_a
        n_a, n_b = sum(rows_a.values()), sum(rows_b.values())
        if not only_a and not only_b:
            print(f"{name}: {n_a} rows, identical")
            continue
        differing += sum(only_a.values()) + sum(only_b.values())
        print(f"{name}: {n_a} rows in {labels[0]}, {n_b} in {labels[1]}; "
              f"{sum(only_a.values())} only in {labels[0]}, {sum(only_b.values())} only in {labels[1]}")
        for label, only in ((labels[0], only_a), (labels[1], only_b)):
            for row in list(only)[:SHOWN]:
                print(f"  {label}: {row}")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("rev_a", help="git revision of the 'before' build")
    parser.add_argument("rev_b", nargs="?", default=WORK_TREE,
                        help=f"git revision of the 'after' build (default: {WORK_TREE}, the files as they are)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    files = samples()
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as tmp:
        work = args.keep or Path(tmp)
        inputs = work / "inputs"
        for rel in files:
            (inputs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, inputs / rel)
        outputs = []
        for side, rev in (("a", args.rev_a), ("b", args.rev_b)):
            out = work / f"out-{side}"
            code = export(rev, work / f"code-{side}")
            print(f"building {len(files)} samples with {rev} …", flush=True)
            build(code, inputs, out, args.jobs)
            outputs.append(out)
        differing = compare(outputs[0], outputs[1], (args.rev_a, args.rev_b))
    print("identical" if differing == 0 else f"{differing} rows differ")
    return int(differing > 0)


if __name__ == "__main__":
    sys.exit(main())
