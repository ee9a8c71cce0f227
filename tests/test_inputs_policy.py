"""Every path below INPUT_DIR is accounted for: a file is parsed, or its manifest row says
why not; links out of INPUT_DIR are not followed unless asked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, main
from pipeline.run import scan as scan_module
from tests.conftest import QZB, QZB_DOCX, read_dataset
from tests.docxgen import distinct_copy


@pytest.fixture()
def tree(tmp_path) -> Path:
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    (inputs / "sub").mkdir(parents=True)
    (inputs / ".git").mkdir()
    (inputs / ".git" / "HEAD").write_text("ref: refs/heads/main")
    outside.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "good.docx")
    (inputs / "sub" / "other.docx").write_bytes(distinct_copy((QZB / QZB_DOCX[1]).read_bytes(), "other"))
    (outside / "private.docx").write_bytes(distinct_copy((QZB / QZB_DOCX[0]).read_bytes(), "private"))
    (inputs / ".hidden.docx").write_bytes((QZB / QZB_DOCX[0]).read_bytes())
    for name in ("table.xlsx", "bundle.zip", "scan.jpg", "README"):
        (inputs / name).write_bytes(b"PK\x03\x04 not read")
    os.mkfifo(inputs / "pipe.pdf")
    (inputs / "alias.docx").symlink_to("good.docx")
    (inputs / "broken.pdf").symlink_to("missing.pdf")
    (inputs / "loop.pdf").symlink_to("loop.pdf")
    (inputs / "device.pdf").symlink_to("/dev/null")
    (inputs / "escape.docx").symlink_to(outside / "private.docx")
    (inputs / "escape-dir").symlink_to(outside)
    (inputs / "sub-again").symlink_to("sub")
    (inputs / "sub" / "up").symlink_to("..")
    return inputs


def _manifest(tree: Path, out: Path, *flags: str) -> dict[str, tuple[str, str | None]]:
    assert main(["build", str(tree), str(out), "-j", "1", "-q", *flags]) == EXIT_OK
    manifest = read_dataset(out, "manifest")
    return {row.source_path: (row.status, row.error_code if row.status != "ok" else None)
            for row in manifest.itertuples()}


def test_every_path_has_a_row_and_links_out_are_not_followed(tree, tmp_path, capsys):
    got = _manifest(tree, tmp_path / "out")
    assert got == {
        ".git": ("skipped", "hidden"),
        ".hidden.docx": ("skipped", "hidden"),
        "README": ("skipped", "unsupported_kind"),
        "alias.docx": ("ok", None),
        "broken.pdf": ("skipped", "broken_link"),
        "bundle.zip": ("skipped", "unsupported_kind"),
        "device.pdf": ("skipped", "link_outside"),
        "escape-dir": ("skipped", "link_outside"),
        "escape.docx": ("skipped", "link_outside"),
        "good.docx": ("ok", None),
        "loop.pdf": ("skipped", "link_loop"),
        "scan.jpg": ("skipped", "unsupported_kind"),
        "pipe.pdf": ("skipped", "special_file"),
        "sub/other.docx": ("ok", None),
        "sub/up": ("skipped", "link_loop"),
        "sub-again": ("skipped", "linked_folder"),
        "table.xlsx": ("skipped", "unsupported_kind"),
    }
    manifest = read_dataset(tmp_path / "out", "manifest").set_index("source_path")
    assert manifest.error.notna().sum() == 14, "every skip says why in words"
    assert list(manifest.warnings["good.docx"]) == ["same bytes as alias.docx"]
    assert sorted(read_dataset(tmp_path / "out", "documents").source_path) == ["alias.docx", "sub/other.docx"]
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary.startswith("17 files: 3 ok (1 with warnings), 0 failed, 14 skipped, 0 from cache")


def test_follow_links_reads_links_out_and_folders_but_stops_at_cycles(tree, tmp_path):
    got = _manifest(tree, tmp_path / "out", "--follow-links")
    assert got["escape.docx"] == ("ok", None)
    assert got["escape-dir/private.docx"] == ("ok", None)
    assert got["sub-again"] == ("skipped", "linked_folder"), "sub is read once, under its own path"
    assert "sub-again/other.docx" not in got
    assert got["device.pdf"] == ("skipped", "special_file")
    assert got["sub/up"] == ("skipped", "link_loop")
    assert got["broken.pdf"] == ("skipped", "broken_link") and got["pipe.pdf"] == ("skipped", "special_file")


def test_follow_links_reads_each_folder_once_whatever_the_routes_to_it(tmp_path):
    """Two links to one folder outside, a link to a folder inside (sorting
    before it), a link to a folder inside another linked folder, a link into a
    hidden folder: each folder's files are read once, every route has a row."""
    inputs, common = tmp_path / "in", tmp_path / "outside" / "common"
    docx = (QZB / QZB_DOCX[0]).read_bytes()
    for folder, name in ((inputs / "real", "x.docx"), (inputs / ".hidden", "h.docx"),
                         (common, "s.docx"), (common / "deep", "d.docx")):
        folder.mkdir(parents=True)
        (folder / name).write_bytes(distinct_copy(docx, name))
    (inputs / "real" / "up").symlink_to("..")
    (common / "loop").symlink_to("..")  # the folder holding common: a cycle once common is entered
    (inputs / "0-first").symlink_to("real")
    (inputs / "a-deep").symlink_to(common / "deep")
    (inputs / "b-common").symlink_to(common)
    (inputs / "c-common").symlink_to(common)
    (inputs / "h-link").symlink_to(".hidden")
    (inputs / "h2-link").symlink_to(inputs / ".hidden")
    out = tmp_path / "out"
    assert _manifest(inputs, out, "--follow-links") == {
        ".hidden": ("skipped", "hidden"),
        "0-first": ("skipped", "linked_folder"),
        "a-deep/d.docx": ("ok", None),
        "b-common/deep": ("skipped", "linked_folder"),
        "b-common/loop": ("skipped", "link_loop"),
        "b-common/s.docx": ("ok", None),
        "c-common": ("skipped", "linked_folder"),
        "h-link/h.docx": ("ok", None),
        "h2-link": ("skipped", "linked_folder"),
        "real/up": ("skipped", "link_loop"),
        "real/x.docx": ("ok", None),
    }
    error = read_dataset(out, "manifest").set_index("source_path").error
    assert error["0-first"].endswith("read under their own path, real")
    assert error["b-common/deep"] == "a folder already read under a-deep: each folder is read once"
    assert error["c-common"] == "a folder already read under b-common: each folder is read once"
    assert error["h2-link"] == "a folder already read under h-link: each folder is read once"
    documents = read_dataset(out, "documents")
    assert sorted(documents.source_path) == ["a-deep/d.docx", "b-common/s.docx", "h-link/h.docx", "real/x.docx"]


def test_unlistable_folder_is_an_error_row(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    (inputs / "locked").mkdir(parents=True)
    shutil.copy(QZB / QZB_DOCX[0], inputs / "locked" / "a.docx")
    shutil.copy(QZB / QZB_DOCX[1], inputs / "b.docx")
    if os.geteuid() == 0:  # root lists any folder whatever its mode: refuse it the way the kernel would
        real = scan_module.os.scandir

        def scandir(path):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        monkeypatch.setattr(scan_module.os, "scandir", scandir)
    (inputs / "locked").chmod(0)
    try:
        assert main(["build", str(inputs), str(tmp_path / "out"), "-j", "1", "-q"]) == 1
    finally:
        (inputs / "locked").chmod(0o755)
    manifest = read_dataset(tmp_path / "out", "manifest")
    assert manifest[["source_path", "status"]].values.tolist() == [["b.docx", "ok"], ["locked", "error"]]
    assert manifest.error_code[1] == "unreadable_folder"
    assert manifest.error[1] == "the folder could not be listed: Permission denied"


# --- lock files of open documents ------------------------------------------------

def word_owner_file(user: str) -> bytes:
    """The owner file Word writes beside a document it has open, as its format
    is described (LibreOffice writes the same for Word users to see): the user
    name's length in one byte, the name in the Windows code page, zero bytes up
    to offset 54, the length again in two bytes, the name in UTF-16LE, zero
    bytes up to 162."""
    head = bytes([len(user)]) + user.encode("cp1252")
    tail = len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    return (head.ljust(54, b"\0") + tail).ljust(162, b"\0")


def test_lock_files_of_open_documents_are_skipped_and_documents_named_with_a_tilde_are_read(tmp_path):
    owner = word_owner_file("Zhang Wei")
    assert len(owner) == 162 and owner[0] == 9 and owner[54:56] == b"\x09\x00"
    inputs = tmp_path / "in"
    (inputs / "2019").mkdir(parents=True)
    docx = (QZB / QZB_DOCX[0]).read_bytes()
    (inputs / "2019" / "report2019.docx").write_bytes(docx)
    (inputs / "2019" / "~$port2019.docx").write_bytes(owner)  # the long name loses 2 chars
    (inputs / "~$通知.doc").write_bytes(word_owner_file("admin"))
    (inputs / "~$通知.wps").write_bytes(word_owner_file("WPS User"))
    (inputs / "~$empty.docx").write_bytes(b"")
    (inputs / ".~lock.report2019.docx#").write_text(",Zhang Wei,pc-01,26.11.2026 09:15,file:///C:/Users/zw/AppData"
                                                     "/Roaming/LibreOffice/4;", encoding="utf-8")
    (inputs / "~notes.docx").write_bytes(distinct_copy(docx, "notes"))  # a document whose name begins with ~
    (inputs / "~$draft.docx").write_bytes(distinct_copy(docx, "draft"))  # even ~$, when it is a document
    (inputs / "~$big.docx").write_bytes(b"\x05admin" + b"\0" * 5000)  # too big for a lock file: judged as a file
    (inputs / ".~lock.x#").write_bytes(docx)  # a lock file's name, but a document: just a hidden file
    assert main(["build", str(inputs), str(tmp_path / "out"), "-j", "1", "-q"]) == 1  # ~$big.docx only
    manifest = read_dataset(tmp_path / "out", "manifest").set_index("source_path")
    got = {path: (row.status, row.error_code if row.status != "ok" else None) for path, row in manifest.iterrows()}
    assert got == {
        ".~lock.report2019.docx#": ("skipped", "lock_file"),
        ".~lock.x#": ("skipped", "hidden"),
        "2019/report2019.docx": ("ok", None),
        "2019/~$port2019.docx": ("skipped", "lock_file"),
        "~$big.docx": ("error", "unsupported_format"),
        "~$draft.docx": ("ok", None),
        "~$empty.docx": ("skipped", "lock_file"),
        "~$通知.doc": ("skipped", "lock_file"),
        "~$通知.wps": ("skipped", "lock_file"),
        "~notes.docx": ("ok", None),
    }
    assert "someone has it open" in manifest.error["2019/~$port2019.docx"]
    assert "LibreOffice" in manifest.error[".~lock.report2019.docx#"]
    assert "Zhang Wei" not in "".join(manifest.error.dropna()), "a user's name stays out of the manifest"


def test_a_scheduled_run_over_an_open_document_succeeds(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], inputs / "通知.docx")
    (inputs / "~$通知.docx").write_bytes(word_owner_file("Li Na"))
    assert main(["build", str(inputs), str(tmp_path / "out"), "-j", "1", "-q"]) == EXIT_OK
