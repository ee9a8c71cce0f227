"""Command line: ``python -m pipeline build INPUT_DIR OUTPUT_DIR`` and ``inspect FILE``.

A thin layer: it parses arguments, calls the batch runner and turns its result
into an exit code (0 all files ok, 1 some file failed, 2 usage error).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.batch import run_batch
from pipeline.inspection import inspect_file
from pipeline.xlsx import write_workbook

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="convert every notice below INPUT_DIR into datasets in OUTPUT_DIR")
    build.add_argument("input_dir", type=Path)
    build.add_argument("output_dir", type=Path)
    build.add_argument("-q", "--quiet", action="store_true", help="print only the summary and errors")
    build.add_argument("--xlsx", action="store_true", help="also write OUTPUT_DIR/notices.xlsx, a sheet per dataset")
    inspect = commands.add_parser("inspect", help="print one notice's metadata and task table, for a quick check")
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--json", action="store_true", help="print the records as JSON instead of a table")
    inspect.add_argument("--width", type=int, help="table width in columns (default: the terminal's)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "inspect":
        return EXIT_OK if inspect_file(args.file, args.json, args.width) else EXIT_FAILED
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s")
    if not args.input_dir.is_dir():
        print(f"error: input folder {args.input_dir} does not exist", file=sys.stderr)
        return EXIT_USAGE
    result = run_batch(args.input_dir, args.output_dir)
    if args.xlsx:
        write_workbook(args.output_dir)
    n = len(result.outcomes)
    print(f"{n} files: {n - result.n_failed} ok ({result.n_warned} with warnings), {result.n_failed} failed"
          f" → {args.output_dir}")
    return EXIT_FAILED if result.n_failed else EXIT_OK
