"""The abbreviation rule proposes; only a person's review changes the alias table."""

from __future__ import annotations

import csv
import os
import shutil
import threading
from pathlib import Path

import pytest

from pipeline.analysis.unit_review import accept
from pipeline.cli import main
from pipeline.normalize.abbreviations import may_abbreviate
from pipeline.normalize.alias_table import ALIAS_DIR, REVIEWED_FILE, SUGGESTIONS_FILE, AliasTableError, load
from pipeline.normalize.unit_names import notice_context, resolve_unit
from pipeline.run.outdir import claim
from tests.conftest import read_dataset
from tests.layout_docs import docx


@pytest.mark.parametrize(("short", "long", "expected"), [
    ("发改委", "发展和改革委员会", True),
    ("数字办", "数字漳州建设领导小组办公室", True),
    ("发改局", "发展和改革委员会", False),  # a 局 is no 委
    ("改发委", "发展和改革委员会", False),  # characters out of order
    ("财政局", "财政局", False),  # not shorter
    ("数字平台", "数字漳州建设平台", False),  # no institution type
])
def test_abbreviation_rule(short, long, expected):
    assert may_abbreviate(short, long) is expected


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def zhangzhou(tmp_path_factory) -> Path:
    """漳州 2020 names both 市数字办 and 市数字漳州建设领导小组办公室; the table knows neither."""
    folder = tmp_path_factory.mktemp("zz")
    (folder / "in").mkdir()
    (folder / "in" / "gbt_six_columns.docx").write_bytes(docx("gbt_six_columns"))
    assert main(["build", str(folder / "in"), str(folder / "out"), "-q"]) == 0
    return folder / "out"


def test_suggestion_is_written_but_not_applied(zhangzhou, capsys):
    table_files = {p.name: p.read_bytes() for p in ALIAS_DIR.glob("*.csv")}
    assert main(["units", "suggest", str(zhangzhou)]) == 0
    rows = _read(zhangzhou / SUGGESTIONS_FILE)
    short = [r for r in rows if r["alias"] == "数字办"]
    assert [(r["canonical"], r["scope"], r["kind"], r["accept"]) for r in short] == \
        [("数字漳州建设领导小组办公室", "漳州市", "short", "")]
    assert short[0]["short_units"] == "市数字办" and short[0]["long_units"] == "市数字漳州建设领导小组办公室"
    # the long form is new to the table, so its name row is proposed with it
    assert any(r["alias"] == r["canonical"] == "数字漳州建设领导小组办公室" and r["kind"] == "name" for r in rows)
    # nothing applied: the table's files are as they were, the dataset keeps the name as written
    assert {p.name: p.read_bytes() for p in ALIAS_DIR.glob("*.csv")} == table_files
    units = read_dataset(zhangzhou, "task_units")
    assert set(units[units.unit == "市数字办"].unit_match) == {"none"}
    assert set(units[units.unit == "市数字办"].unit_canonical) == {"漳州市数字办"}


def test_accepted_rows_join_the_table(zhangzhou, tmp_path):
    aliases = tmp_path / "aliases"
    shutil.copytree(ALIAS_DIR, aliases)
    (aliases / REVIEWED_FILE).unlink(missing_ok=True)
    rows = _read(zhangzhou / SUGGESTIONS_FILE)
    review = tmp_path / "review.csv"
    with open(review, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows([r | {"accept": "y"} if "数字漳州" in r["canonical"] else r for r in rows])
    assert accept(review, aliases) == 2
    name = resolve_unit("市数字办", notice_context("漳州市人民政府办公室", None, 2020), load(aliases))
    assert (name.canonical, name.match) == ("漳州市数字漳州建设领导小组办公室", "alias")


def test_accept_refuses_rows_that_contradict_the_table(tmp_path):
    aliases = tmp_path / "aliases"
    shutil.copytree(ALIAS_DIR, aliases)
    review = tmp_path / "review.csv"
    review.write_text("alias,canonical,scope,kind,valid_from,valid_to,source,accept\n"
                      "发改委,财政局,local,short,,,a mistake,y\n", encoding="utf-8")
    before = sorted(p.name for p in aliases.iterdir())
    with pytest.raises(AliasTableError, match="overlaps"):
        accept(review, aliases)
    assert sorted(p.name for p in aliases.iterdir()) == before


def test_suggest_waits_for_a_build_holding_the_folder(zhangzhou, tmp_path, capsys):
    """The review file is written into OUTPUT_DIR under its lock, as a build writes there."""
    out = tmp_path / "out"
    shutil.copytree(zhangzhou, out, symlinks=True)
    (out / SUGGESTIONS_FILE).unlink(missing_ok=True)
    codes: list[int] = []
    with claim(out):  # a build in progress
        suggesting = threading.Thread(target=lambda: codes.append(main(["units", "suggest", str(out)])))
        suggesting.start()
        suggesting.join(timeout=1.5)
        assert suggesting.is_alive() and not (out / SUGGESTIONS_FILE).exists()
    suggesting.join(timeout=30)
    assert codes == [0] and _read(out / SUGGESTIONS_FILE) == _read(zhangzhou / SUGGESTIONS_FILE)
    assert f"waiting for another build (pid {os.getpid()}) to finish with {out}" in capsys.readouterr().err


def test_suggest_reports_a_folder_it_cannot_lock(zhangzhou, tmp_path, capsys):
    """An unusable OUTPUT_DIR is a usage error with claim's one-line message (a
    folder where the lock file goes fails even for root, unlike a read-only folder)."""
    out = tmp_path / "out"
    shutil.copytree(zhangzhou, out, symlinks=True)
    (out / ".lock").unlink(missing_ok=True)
    (out / ".lock").mkdir()
    assert main(["units", "suggest", str(out)]) == 2
    assert capsys.readouterr().err == f"error: output folder {out} cannot be written: Is a directory\n"
