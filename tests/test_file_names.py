"""File names that are not UTF-8, or that hold control characters: stored losslessly,
converted like any other, and never printed raw."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import QZB, QZB_DOCX, ROOT, read_dataset

GBK_NAME = "公告".encode("gbk") + b".docx"
"""A name a GBK zip or an old Windows share leaves behind: not UTF-8."""
HOSTILE_NAME = b"a\nb\x1b[31mred\x07.docx"


def _build(inputs, out, *args):
    return subprocess.run([sys.executable, "-m", "pipeline", "build", str(inputs), str(out), *args],
                          cwd=ROOT, capture_output=True, timeout=300)


def test_non_utf8_name_is_converted_and_stored_escaped(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], os.path.join(os.fsencode(inputs), GBK_NAME))
    run = _build(inputs, tmp_path / "out", "-j", "1")
    assert run.returncode == 0, run.stderr.decode(errors="replace")
    # 公 is B9AB and 告 B8E6 in GBK: B9, AB and B8 cannot start UTF-8, E6 needs two continuation bytes
    stored = "\\xb9\\xab\\xb8\\xe6.docx"
    manifest = read_dataset(tmp_path / "out", "manifest")
    assert manifest.source_path.tolist() == [stored] and manifest.n_tasks.tolist() == [42]
    assert read_dataset(tmp_path / "out", "documents").source_path.tolist() == [stored]
    assert len(read_dataset(tmp_path / "out", "tasks")) == 42
    from pipeline.run.names import fs_path
    assert os.path.exists(os.path.join(os.fsencode(inputs), fs_path(stored))), "the stored form leads back"


def test_control_characters_never_reach_the_terminal(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(QZB / QZB_DOCX[0], os.path.join(os.fsencode(inputs), HOSTILE_NAME))
    (inputs / "empty.pdf").write_bytes(b"")
    run = _build(inputs, tmp_path / "out\x1b[2J", "-j", "1")
    assert run.returncode == 1
    printed = run.stdout + run.stderr
    assert b"\x1b" not in printed and b"\x07" not in printed
    lines = run.stderr.decode().splitlines()
    assert any(line.startswith("[1/2] ok a\\nb\\x1b[31mred\\x07.docx: 42 tasks") for line in lines), lines
    assert "out\\x1b[2J" in run.stdout.decode()
    # the dataset keeps the real name: a newline is data, escaped only when printed
    assert read_dataset(tmp_path / "out\x1b[2J", "manifest").source_path[0] == "a\nb\x1b[31mred\x07.docx"


@given(st.lists(st.sampled_from([b"a", b"\\", b"x", b"4", b"1", b"\xff", b"\xe9", "通".encode(), b"\\x41"]),
                max_size=8))
def test_stored_form_is_lossless_and_unambiguous(parts):
    from pipeline.run.names import fs_path, stored_path

    raw = b"".join(parts)
    stored = stored_path(os.fsdecode(raw))
    assert fs_path(stored) == raw
    stored.encode("utf-8")  # what Parquet and CSV need
    if b"\\" not in raw and raw.decode("utf-8", errors="ignore").encode() == raw:
        assert stored == raw.decode()  # a plain UTF-8 name is stored as it is
