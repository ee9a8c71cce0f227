"""Inputs of known years, and how a test reads a build partitioned by year:
shared by the partition tests and the Dask tests that partition."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from pipeline.datasets.records import DATASETS
from tests.conftest import CORPUS, FIXTURES, QZB, QZB_DOCX

WEB = FIXTURES / "web"
YEARS = {  # as each notice prints it: the 发文字号's year, else the 成文日期's, else none
    QZB_DOCX[0]: "2018", QZB_DOCX[1]: "2018",  # 泉政办〔2018〕51号
    "国令第707号.html": "2018",                   # an order has no year in its number; signed 2018年12月18日
    "国发〔2019〕5号.html": "2019",
    "台山-政务公开工作任务.docx": "unknown",        # neither number nor date
}
SOURCES = {QZB_DOCX[0]: QZB, QZB_DOCX[1]: QZB, "国令第707号.html": WEB, "国发〔2019〕5号.html": WEB,
           "台山-政务公开工作任务.docx": CORPUS, "江门-政府信息公开工作任务.docx": CORPUS}


def fill(folder: Path, names: Iterable[str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(SOURCES[name] / name, folder / name)
    return folder


def rows(table: pa.Table, name: str) -> list[dict]:
    """A dataset's rows in a stable order, its declared columns only (no partition column)."""
    got = table.select(DATASETS[name].columns).to_pylist()
    return sorted(got, key=lambda r: repr(sorted(r.items())))


def inodes(out: Path) -> dict[str, int]:
    """The inode of every partition file of the published generation, by path:
    a file carried from the generation before keeps its inode."""
    gen = (out / "current").resolve()
    return {p.relative_to(gen).as_posix(): p.stat().st_ino for p in gen.rglob("part-*")}
