"""Lock files that office suites write beside a document while someone has it open.

Word writes an *owner file* next to an open ``.docx``/``.doc`` (WPS does the
same for its ``.wps`` and the Word formats): ``~$`` and the document's name,
less its first character or two when the name is long (``报告.docx`` →
``~$报告.docx``, ``report2019.docx`` → ``~$port2019.docx``). It is 162 bytes:
the user name's length in the first byte, the name in the Windows code page,
zero bytes up to offset 54, the length again and the name in UTF-16LE, zeros
to the end. LibreOffice writes ``.~lock.<name>#``, one line of text
(``,user,host,date,profile;``). The file goes away when the document is closed.

Neither is a document, and a scheduled job that meets one has met a person at
work, not a broken file; so such a file is a ``lock_file`` row, not an error.
The rule asks for both shapes, the name's and the content's:

* the name is a lock file's (:func:`lock_owner`), and
* the content is no document: at most :data:`LOCK_MAX_BYTES` and claimed by
  no format's sniffer (an empty file too).

So a real document whose name merely begins with ``~`` (``~notes.docx``, even
a DOCX saved as ``~$draft.docx``) is read like any other file.
"""

from __future__ import annotations

from pathlib import Path

from extractors.formats import Format

OWNER_PREFIX = "~$"
"""Word's and WPS's owner files."""
LIBREOFFICE_PREFIX, LIBREOFFICE_SUFFIX = ".~lock.", "#"
"""LibreOffice's lock files: ``.~lock.<document name>#``."""

LOCK_MAX_BYTES = 4096
"""Owner files are 162 bytes (165 for Excel and PowerPoint); LibreOffice's
lock line is about a hundred. A bigger file of that name is judged as a
document, by its content."""


def lock_owner(name: str) -> str | None:
    """Which program writes lock files named like *name* (a file name, no folder), or None."""
    if name.startswith(OWNER_PREFIX):
        return "Word or WPS"
    if name.startswith(LIBREOFFICE_PREFIX) and name.endswith(LIBREOFFICE_SUFFIX):
        return "LibreOffice"
    return None


def is_document(data: bytes, known: tuple[Format, ...]) -> bool:
    """Whether one of the *known* formats claims *data* by its content."""
    return any(fmt.sniff(data) for fmt in known)


def lock_file_reason(path: Path, name: str, known: tuple[Format, ...]) -> str | None:
    """Why the regular file *path*, named *name* in INPUT_DIR, is a lock file
    and not read; None when it is not one (a file that cannot be read is not
    judged here: reading it will say what is wrong)."""
    owner = lock_owner(name)
    if owner is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read(LOCK_MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > LOCK_MAX_BYTES or is_document(data, known):
        return None
    return (f"a lock file that {owner} writes beside a document while someone has it open: "
            "no document, not read (it goes away when the document is closed)")
