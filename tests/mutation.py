"""`make mutation`: how many deliberate small breaks of the rule modules the fast
tests catch. Not part of CI (minutes, not seconds); docs/mutation.md has the last
result and why each surviving mutant is harmless.

mutmut (chosen over cosmic-ray by measuring: docs/mutation.md) copies the
packages into ``mutants/``, makes every mutant of the files pyproject.toml's
``[tool.mutmut] only_mutate`` lists, records which of the fast tests
(``pytest_add_cli_args_test_selection``) reach each function, and runs a mutant
only against those. This script runs it group by group over the rule modules
below, then prints each group's score, the total, and every surviving mutant as
the line it changes.

    python tests/mutation.py [GROUP ...]     # default: every group
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
MUTMUT = [sys.executable, "-m", "mutmut"]

GROUPS: dict[str, tuple[str, ...]] = {
    # group → mutmut names of the functions it covers (module.x_function, module.xǁClassǁmethod)
    "units and roles": ("pipeline.normalize.units.*",),
    "column mapping": ("pipeline.structure.columns.*",),
    "markers and headings": ("pipeline.structure.markers.*", "pipeline.structure.headings.*"),
    "doc numbers": ("pipeline.metadata.doc_numbers.*",),
    "dates and deadlines": ("pipeline.normalize.numerals.*", "pipeline.normalize.dates.*",
                            "pipeline.normalize.deadlines.*"),
    "zip and XML guards": ("extractors.safezip.*",),
    "cache key and pruning": ("pipeline.run.cache.*",),
    # only what carries a table over a page break, not the rest of the layout stage
    "page continuation": ("extractors.layout.tables.x_stitches__mutmut_*",
                          "extractors.layout.tables.x_header_rows__mutmut_*",
                          "extractors.layout.tables.x__row_key__mutmut_*",
                          "extractors.layout.tables.x_build_table__mutmut_*",
                          "extractors.layout.document.xǁ_Assemblerǁpage__mutmut_*",
                          "extractors.layout.document.xǁ_Assemblerǁ_part__mutmut_*",
                          "extractors.layout.document.xǁ_Assemblerǁ_close_table__mutmut_*"),
}

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
"""Outcomes where the tests (or the limits around them) noticed the mutant."""


def _statuses() -> dict[str, str]:
    from mutmut.stats import status_by_exit_code

    found: dict[str, str] = {}
    for meta in MUTANTS.rglob("*.meta"):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            found[name] = status_by_exit_code[code]
    return found


def _changed_line(name: str) -> str:
    """The mutant as the lines it removes and the lines it adds (what ``mutmut show`` prints)."""
    from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant

    diff = get_diff_for_mutant(name, path=find_mutant(name).path)
    lines = [ln[1:].strip() for ln in diff.splitlines()
             if ln[:1] in "-+" and not ln.startswith(("---", "+++"))]
    return "  →  ".join(lines) if lines else diff.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", choices=[*GROUPS, []], metavar="GROUP", help=", ".join(GROUPS))
    parser.add_argument("--max-children", type=int, default=2, help="mutants run at once (default 2)")
    args = parser.parse_args(argv)
    groups = args.groups or list(GROUPS)

    os.chdir(ROOT)  # mutmut reads pyproject.toml and writes mutants/ here
    shutil.rmtree(MUTANTS, ignore_errors=True)  # stale mutants or test coverage would mislead
    started = time.monotonic()
    for group in groups:
        print(f"== {group}", flush=True)
        run = subprocess.run([*MUTMUT, "run", "--max-children", str(args.max_children), *GROUPS[group]],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode != 0:
            print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
            return run.returncode

    statuses = _statuses()
    total: Counter[str] = Counter()
    survivors: list[str] = []
    print(f"\nmutation score on the rule modules ({time.monotonic() - started:.0f} s)")
    for group in groups:
        mine = {n: s for n, s in statuses.items() if any(fnmatch(n, g) for g in GROUPS[group])}
        counts = Counter("killed" if s in KILLED else s for s in mine.values())
        total += counts
        killed = counts["killed"]
        print(f"  {group:24} {killed:4} of {len(mine):4} killed  {100 * killed / max(len(mine), 1):5.1f} %")
        survivors += [n for n, s in sorted(mine.items()) if s not in KILLED]
    n = sum(total.values())
    print(f"  {'total':24} {total['killed']:4} of {n:4} killed  {100 * total['killed'] / max(n, 1):5.1f} %")
    others = {s: c for s, c in total.items() if s != "killed"}
    if others:
        print("  not killed: " + ", ".join(f"{c} {s}" for s, c in sorted(others.items())))
    print("\nsurviving mutants (docs/mutation.md says why each is harmless):")
    for name in survivors:
        print(f"  [{statuses[name]}] {name}: {_changed_line(name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
