"""Which zip entry an OFD reference names: the one rule every reference of the
reader (``DocRoot``, ``BaseLoc``, resource parts, ``MediaFile``, annotation
files) goes through.

The standard's reading: a reference is relative to the folder of the part
that names it, or absolute from the package root when it starts with ``/``.
Real packages stray from it in ways every viewer tolerates, because viewers
unpack the zip onto a file system (Windows: blind to letter case) or try
the root when a relative name is not found. So, when the standard location
holds nothing, a reference is looked for

* relative to each folder above the naming part's, nearest first, up to the
  package root (``Doc_0/Pages/Page_0/Content.xml`` named from
  ``Doc_0/Document.xml``, or a resource named from the document's folder);
* at each of these places regardless of letter case (``TPLS/Tpl_0`` stored as
  ``Tpls/Tpl_0``, ``content.xml`` for ``Content.xml``), when exactly one
  entry matches so;

with ``\\`` read as ``/`` and ``./`` dropped, in references and in entry
names alike. Tolerance never leaves the package: a reference whose standard
reading climbs above the root (``../``, a drive path) is refused as
``hostile_path``, and a fallback that would climb above it is not tried.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator

from extractors.model import ExtractionError


def resolve(base: str, ref: str) -> str:
    """The standard reading of *ref* named in the part *base*: a zip path,
    relative to *base*'s folder or, with a leading ``/``, to the root.
    Refused if it leaves the package."""
    ref = ref.strip().replace("\\", "/")
    if ref.startswith("/"):
        path = posixpath.normpath(ref.lstrip("/"))
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), ref))
    if _climbs(path) or (len(ref) > 1 and ref[1] == ":"):
        raise ExtractionError("hostile_path", f"{base} refers to {ref!r}, outside the package; refused")
    return path


def candidates(base: str, ref: str) -> Iterator[str]:
    """Where *ref* named in *base* may be, in the order tried: its standard
    reading first, then relative to each folder above *base*'s."""
    path = resolve(base, ref)
    yield path
    ref = ref.strip().replace("\\", "/").lstrip("/")
    folder = posixpath.dirname(base)
    while folder:
        folder = posixpath.dirname(folder)
        other = posixpath.normpath(posixpath.join(folder, ref))
        if other != path and not _climbs(other):
            yield other


def _climbs(path: str) -> bool:
    return path == ".." or path.startswith("../")


def _key(name: str) -> str:
    """An entry name as compared when letter case is ignored."""
    name = name.replace("\\", "/")
    while name.startswith(("./", "/")):
        name = name[1:] if name.startswith("/") else name[2:]
    return name.casefold()


class PartNames:
    """The entry names of a zip, looked up exactly or regardless of case."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = set(names)
        self._folded: defaultdict[str, list[str]] = defaultdict(list)
        for name in sorted(self.names):
            self._folded[_key(name)].append(name)

    def find(self, path: str) -> str | None:
        """The entry *path* names: itself, else the one entry equal to it but
        for letter case and separators (two such: none, rather than a guess)."""
        if path in self.names:
            return path
        folded = self._folded.get(_key(path), [])
        return folded[0] if len(folded) == 1 else None

    def locate(self, base: str, ref: str) -> str | None:
        """The entry *ref* named in the part *base* designates, by the rules
        above; None when the package holds none."""
        for path in candidates(base, ref):
            found = self.find(path)
            if found is not None:
                return found
        return None
