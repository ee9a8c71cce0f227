"""发文字号: 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.4).

The canonical form is ``泉政办〔2018〕51号``: six-cornered brackets, no spaces,
no 第, no padding. Real files use other brackets (``[2018]``, ``（2018）``,
``【2018】`` …), spaces (``国办发〔2018〕23 号``) and a stray 第, and all of them
denote the same document, so all parse to the same :class:`DocNumber`.

Orders (令) are numbered without a year: ``国令第707号`` (中华人民共和国国务院令
第707号), ``财政部令第100号``. :func:`parse_doc_number` reads them too (``year``
None, canonical ``国令第707号``) when the code ends with a word of
``DOC_NUMBER_YEARLESS_KINDS`` and 第 precedes the serial; they are not looked for
in running text, where ``…令第142号发布`` is prose about an older order.

Court case numbers (``（2012）曲中法执字第66号``) put the year first and are not
发文字号; the pattern cannot match them because the agency code must come before
the year. Nothing here raises: garbage gives None or no match.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.patterns import alternation
from pipeline.vocabulary import DOC_NUMBER_BRACKETS, DOC_NUMBER_LEAD_INS, DOC_NUMBER_YEARLESS_KINDS

_OPEN = regex.escape("".join(o for o, _ in DOC_NUMBER_BRACKETS))
_CLOSE = regex.escape("".join(c for _, c in DOC_NUMBER_BRACKETS))
_DIGIT = "[0-9０-９]"
DOC_NUMBER_PATTERN = (
    rf"(?P<agency>\p{{Han}}{{1,20}})\s*[{_OPEN}]\s*(?P<year>(?:19|20|１９|２０){_DIGIT}{{2}})\s*[{_CLOSE}]"
    rf"\s*第?\s*(?P<serial>{_DIGIT}{{1,5}})\s*号"
)
"""Exported so that larger patterns (citations) embed exactly this one."""

_WHOLE = regex.compile(rf"\s*{DOC_NUMBER_PATTERN}\s*")
_YEARLESS = regex.compile(
    rf"\s*(?P<agency>\p{{Han}}{{1,20}}(?:{alternation(DOC_NUMBER_YEARLESS_KINDS)}))\s*第\s*(?P<serial>{_DIGIT}{{1,5}})\s*号\s*"
)
_IN_TEXT = regex.compile(rf"(?<!\d){DOC_NUMBER_PATTERN}(?!{_DIGIT})")
"""A number in running text: the agency code takes the Han run before the year
(from its first character, so that :func:`trim_agency` sees the lead-in words
whole, even right after a bracket: ``（市、区）参照执行泉政办〔2018〕51号``)."""
_LEAD_INS = sorted(DOC_NUMBER_LEAD_INS, key=len, reverse=True)
MIN_AGENCY_LEN = 2
"""The shortest real 机关代字 has two characters (国发, 泉政): after cutting the
words of the running text before it, at least this much must remain."""


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号."""

    agency: str
    year: int | None
    serial: int

    @property
    def canonical(self) -> str:
        if self.year is None:
            return f"{self.agency}第{self.serial}号"
        return f"{self.agency}〔{self.year}〕{self.serial}号"

    def __str__(self) -> str:
        return self.canonical


@dataclass(frozen=True)
class DocNumberMatch:
    """A 发文字号 found in running text, with where it was written."""

    number: DocNumber
    start: int
    end: int


def _build(agency: str, year: str | None, serial: str) -> DocNumber | None:
    number = int(serial)
    return DocNumber(agency, int(year) if year else None, number) if number > 0 else None


def parse_doc_number(text: str | None) -> DocNumber | None:
    """The 发文字号 that ``text`` consists of (an order's number without a year too), else None."""
    if not isinstance(text, str):
        return None
    match = _WHOLE.fullmatch(text)
    if match:
        return _build(match["agency"], match["year"], match["serial"])
    match = _YEARLESS.fullmatch(text)
    return _build(match["agency"], None, match["serial"]) if match else None


def trim_agency(agency: str) -> str:
    """Cut running text glued before an agency code (``按照泉政办`` → ``泉政办``).

    Running text before a bracketless citation has no separator, so the Han run
    before the year swallows it. The last 的 ends any phrase, and known lead-in
    words are cut from the front while a plausible code remains.
    """
    agency = agency.rpartition("的")[2]
    cut = True
    while cut:
        cut = False
        for word in _LEAD_INS:
            if agency.startswith(word) and len(agency) - len(word) >= MIN_AGENCY_LEN:
                agency = agency[len(word):]
                cut = True
                break
    return agency


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every 发文字号 written in ``text``, in order; ``start`` is where its agency code starts."""
    found = []
    for match in _IN_TEXT.finditer(text):
        agency = trim_agency(match["agency"])
        number = _build(agency, match["year"], match["serial"]) if agency else None
        if number is not None:
            start = match.start("agency") + len(match["agency"]) - len(agency)
            found.append(DocNumberMatch(number, start, match.end()))
    return found
