"""Series of notices: the same issuer's notice, year after year.

Two notices are editions of one series when they have the same issuer and
their titles differ only by years (泉州市人民政府办公室关于印发2018年政务公开
工作主要任务分解表的通知 and its 2019年 edition). Consecutive editions are
linked, earlier first.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from pipeline.vocabulary import CN_DIGITS

YEAR_MARK = "＊"
_YEAR = regex.compile(rf"(?:(?:19|20)\d{{2}}|[{''.join(CN_DIGITS)}]{{4}})(?=年)|(?<!\d)(?:19|20)\d{{2}}(?!\d)")


def mask_years(text: str) -> str:
    """Text with every year written as ＊, so two editions' texts compare equal."""
    return _YEAR.sub(YEAR_MARK, text)


@dataclass(frozen=True)
class Edition:
    doc_id: str
    issuer: str | None
    title: str | None
    year: int | None
    n_tasks: int


def series_key(edition: Edition) -> str | None:
    """Issuer and year-less title; None for a notice that cannot be placed in a series."""
    if not edition.issuer or not edition.title or edition.year is None or not _YEAR.search(edition.title):
        return None
    return f"{edition.issuer}｜{mask_years(edition.title)}"


def edition_pairs(editions: Iterable[Edition]) -> list[tuple[str, Edition, Edition]]:
    """(series, earlier, next) for consecutive years of every series.

    Several documents of one series and year (the same notice as DOCX and
    PDF) are one edition: the one with most tasks stands for it (then the
    smallest doc_id, so the choice is stable).
    """
    years: dict[str, dict[int, Edition]] = defaultdict(dict)
    for e in editions:
        key = series_key(e)
        if key is None or e.year is None:
            continue
        best = years[key].get(e.year)
        if best is None or (-e.n_tasks, e.doc_id) < (-best.n_tasks, best.doc_id):
            years[key][e.year] = e
    pairs = []
    for key in sorted(years):
        ordered = [years[key][y] for y in sorted(years[key])]
        pairs += [(key, a, b) for a, b in itertools.pairwise(ordered)]
    return pairs
