"""Files that appear complete or not at all: written beside their name, then renamed.

Apart from the writers so that a worker process, which writes cache entries
(:mod:`pipeline.run.cache`) but no dataset, imports neither pyarrow nor the writers.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Run *write* on a temporary sibling of *path*, then rename it into place.

    The sibling is created by ``open(O_EXCL)`` with mode 0666 rather than by
    ``mkstemp`` (0600), so the file gets the umask's mode like every other
    file the pipeline writes.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
