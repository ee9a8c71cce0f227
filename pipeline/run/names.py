"""File names as the datasets store them, and any text as the console shows it.

A POSIX file name is bytes; most are UTF-8, but a folder copied from an old
Windows share or unpacked from a GBK zip holds names that are not. Python reads
those with surrogate escapes (``os.fsdecode``), which Parquet and CSV cannot
encode, so a stored ``source_path`` uses a documented escaped form instead
(docs/schema.md, ``source_path``):

- a name that is valid UTF-8 and has no backslash is stored as it is (almost all);
- otherwise each byte that is not part of valid UTF-8 is written ``\\xHH`` (two
  lowercase hex digits) and each backslash ``\\\\``.

A stored name with no backslash is therefore the name itself, and one with a
backslash is unescaped by :func:`fs_path`: the form is lossless and unambiguous.

Separately, nothing a file or an error message contains may reach the terminal
raw: a newline in a name would split a log line and an ESC sequence would drive
the terminal. :func:`printable` escapes control characters in everything printed.
"""

from __future__ import annotations

import os
import re

_ESCAPED = re.compile(rb"\\(\\|x[0-9a-f]{2})")


def stored_path(name: str) -> str:
    """The stored form of a relative path as ``os.fsdecode`` gives it."""
    if "\\" not in name and not _has_surrogates(name):
        return name
    raw = os.fsencode(name)
    out: list[str] = []
    for chunk in re.split(rb"(\\)", raw):
        if chunk == b"\\":
            out.append("\\\\")
        else:
            out.append(chunk.decode("utf-8", errors="backslashreplace"))
    return "".join(out)


def fs_path(stored: str) -> bytes:
    """The file name's bytes back from its stored form (the inverse of :func:`stored_path`)."""
    raw = stored.encode("utf-8")
    if b"\\" not in raw:
        return raw
    return _ESCAPED.sub(lambda m: b"\\" if m[1] == b"\\" else bytes([int(m[1][1:], 16)]), raw)


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """*text* with control characters (and stray surrogates) escaped, safe for one console line."""
    return _CONTROL.sub(lambda m: _NAMED.get(m[0]) or _escape_char(m[0]), text)


def printable_lines(text: str) -> str:
    """*text* with control characters escaped but its line breaks kept, for a
    text shown over several lines of its own (a table cell, a wrapped diff)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
