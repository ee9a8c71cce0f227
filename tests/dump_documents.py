"""Dump the Document every PDF under some folders reads as, for a before/after
comparison when the PDF reader or the layout stage is refactored.

Not a test: a committed snapshot of every fixture's Document would pin the
code's output rather than the source documents. Run it on the base commit and
on the change, then diff the two folders::

    python -m tests.dump_documents OUT_BEFORE raw tests/fixtures
    python -m tests.dump_documents OUT_AFTER raw tests/fixtures
    diff -r OUT_BEFORE OUT_AFTER
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from extractors import extract
from extractors.model import ExtractionError


def dump(data: bytes) -> dict[str, object]:
    """The Document (blocks as dicts) or the error code a file's bytes give."""
    try:
        document = extract(data)
    except ExtractionError as exc:
        return {"error": exc.code, "message": exc.message}
    return dataclasses.asdict(document)


def main(argv: list[str]) -> int:
    out, *folders = argv
    Path(out).mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() != ".pdf" or not path.is_file():
                continue
            name = hashlib.sha256(str(path).encode()).hexdigest()[:16] + ".json"
            record = {"path": str(path), "document": dump(path.read_bytes())}
            Path(out, name).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
