"""Notice metadata: the GB/T 9704-2012 elements of a notice, from its paragraphs.

Format-agnostic: it reads only the paragraphs of a :class:`Document` (and where
the first table stands), split into visual lines, because a PDF extractor may
deliver a title as two or three paragraphs and a DOCX as one. The rules follow
the standard's anchors rather than one file's layout:

* 版头: leading lines holding 份号 / 密级 / 紧急程度 / 发文机关标志 and the line
  that is exactly a 发文字号 (with 签发人 beside it in 上行文);
* 标题: the lines after the 版头 whose join ends with a 文种 (…的通知);
* 主送机关: the lines after the title up to the first one ending with ：;
* 发文机关署名 / 成文日期: the first line that is a date (after the title),
  with the signature before it on the same or the previous line;
* 附注: ``（此件主动公开）``; 附件: a ``附件`` heading, a 附件说明 or the title
  lines right above the first table;
* 版记: ``抄送：…。`` (possibly wrapped) and ``印发机关 日期印发``.

A portal's metadata table above the notice (:mod:`pipeline.metadata.page_meta`)
is read first and left out of the lines; where it names a field it wins, being
the publisher's record. A line holding a 发文字号 is never taken for a
signature or an issuer's mark (a page printed to PDF puts ``国办发〔2018〕117号``
and a date on one line).

Addressee and 抄送 lists are unit lists and go through
:func:`pipeline.normalize.units.split_units` like the task tables' unit cells, so
``泉州开发区、泉州台商投资区管委会`` gives two units there too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import regex

from extractors.model import Document, Paragraph, Table
from pipeline.metadata.doc_numbers import DocNumber, find_doc_numbers, parse_doc_number
from pipeline.metadata.page_meta import PageMeta, RowRef, read_page_meta
from pipeline.normalize.dates import DATE_PATTERN, parse_date
from pipeline.normalize.text import prose, squeeze
from pipeline.normalize.units import split_units
from pipeline.patterns import alternation
from pipeline.vocabulary import (
    ADDRESSEE_LABEL,
    ADDRESSEE_MAX_LINES,
    ATTACHMENT_LABEL,
    ATTACHMENT_TITLE_MAX_LINES,
    CC_LABEL,
    CLASSIFICATION_LEVELS,
    CLASSIFICATION_STARS,
    COPY_NO_LABEL,
    DOC_KINDS,
    HEADER_MAX_LINES,
    ISSUER_MARK_SUFFIX,
    NOTE_PREFIX,
    PRINTED_SUFFIX,
    PUBLICITY_TERMS,
    SIGNER_LABEL,
    TITLE_MAX_LINES,
    URGENCY_LEVELS,
)


def _spaced(label: str) -> str:
    """A label whose characters may be spread apart (``抄 送``)."""
    return r"\s*".join(map(regex.escape, label))


_COLON = r"\s*[:：]\s*"
_PUNCT_END = "。；：，、,;:！？"
_COPY_NO = regex.compile(rf"(?:{_spaced(COPY_NO_LABEL)}{_COLON})?(?P<value>[0-9]{{4,8}})")
_CLASSIFICATION = regex.compile(
    rf"(?P<value>(?:{alternation(CLASSIFICATION_LEVELS)})(?:\s*[{regex.escape(CLASSIFICATION_STARS)}]\s*\S*)?)"
)
_URGENCY = regex.compile(rf"(?P<value>{alternation(URGENCY_LEVELS)})")
_SIGNER = regex.compile(rf"{_spaced(SIGNER_LABEL)}{_COLON}(?P<value>.*)$")
_TITLE_END = regex.compile(rf"(?:{alternation(DOC_KINDS)})$")
_ADDRESSEE_LABEL = regex.compile(rf"^{_spaced(ADDRESSEE_LABEL)}{_COLON}")
_SIGNED = regex.compile(rf"(?P<org>.*?)\s*(?P<date>{DATE_PATTERN})")
_NOTE = regex.compile(rf"[（(]\s*{_spaced(NOTE_PREFIX)}(?P<note>.+?)[）)]")
_ATTACHMENT_HEADING = regex.compile(rf"{_spaced(ATTACHMENT_LABEL)}\s*[0-9]*")
_ATTACHMENT_NOTE = regex.compile(
    rf"{_spaced(ATTACHMENT_LABEL)}{_COLON}(?:[0-9]+\s*[.．、]\s*)?(?P<title>.+)"
)
_CC = regex.compile(rf"^{_spaced(CC_LABEL)}{_COLON}")
_PRINTED = regex.compile(rf"(?P<office>.*?)\s*(?P<date>{DATE_PATTERN})\s*{_spaced(PRINTED_SUFFIX)}")


@dataclass
class NoticeMeta:
    """The GB/T 9704 elements of one notice; None or empty where it has none."""

    issuer: str | None = None
    doc_number: str | None = None
    doc_agency: str | None = None
    doc_year: int | None = None
    doc_serial: int | None = None
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    signed_date: date | None = None
    published_date: date | None = None
    publicity: str | None = None
    attachment_title: str | None = None
    cc: list[str] = field(default_factory=list)
    printing_office: str | None = None
    printed_date: date | None = None
    copy_no: str | None = None
    classification: str | None = None
    urgency: str | None = None
    signer: str | None = None
    index_no: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class _Lines:
    """The paragraphs' visual lines, and how many of them precede the first table."""

    texts: list[str]
    before_first_table: int | None


def _lines(document: Document, page: PageMeta) -> _Lines:
    """Visual lines of the paragraphs, without the portal's metadata block."""
    texts: list[str] = []
    before_table = None
    for b, block in enumerate(document.blocks):
        if isinstance(block, Table) and before_table is None and b not in page.tables:
            before_table = len(texts)
        elif isinstance(block, Paragraph):
            for i, line in enumerate(block.text.split("\n")):
                line = line.strip()
                if line and RowRef(b, i) not in page.rows:
                    texts.append(line)
    return _Lines(texts, before_table)


def _is_plain(line: str, max_len: int = 60) -> bool:
    """A line that could be a title: short, no sentence punctuation."""
    return len(line) <= max_len and not line.endswith(tuple(_PUNCT_END)) and not regex.search(r"[。；：:]", line)


def _is_name(line: str) -> bool:
    """A line that could be an organ's name (署名, 印发机关): no punctuation, no 发文字号."""
    return _is_plain(line, 40) and not regex.search(r"[，,、]", line) and not find_doc_numbers(line) \
        and parse_doc_number(line) is None


# --- 版头 -------------------------------------------------------------------


def _without_signer(line: str) -> str:
    return _SIGNER.sub("", line).strip()


def _doc_number_line(lines: list[str]) -> tuple[int, DocNumber] | None:
    """(index, number) of the first 版头 line that is a 发文字号."""
    for i, line in enumerate(lines[:HEADER_MAX_LINES]):
        number = parse_doc_number(_without_signer(line))
        if number:
            return i, number
    return None


def _header_token(token: str) -> tuple[str, str] | None:
    """A 份号 / 密级 / 紧急程度 token as (field, value); None when it is none of them."""
    for pattern, name in ((_COPY_NO, "copy_no"), (_CLASSIFICATION, "classification"), (_URGENCY, "urgency")):
        match = pattern.fullmatch(token)
        if match:
            return name, regex.sub(r"\s+", "", match["value"])
    return None


def _read_header(meta: NoticeMeta, lines: list[str]) -> int:
    """Fill the 版头 fields; return the index of the first line after the 版头.

    Without a 发文字号 line, the 版头 is the leading run of lines made of
    header tokens or ending with 文件; with one, every line above it is 版头
    and below it only a 签发人 line can be.
    """
    found = _doc_number_line(lines)
    number_at = found[0] if found else None
    mark: list[str] = []
    end = 0
    for i, line in enumerate(lines[:HEADER_MAX_LINES]):
        signer = _SIGNER.search(line)
        if found and i == found[0]:
            number = found[1]
            meta.doc_number, meta.doc_agency = number.canonical, number.agency
            meta.doc_year, meta.doc_serial = number.year, number.serial
        elif number_at is not None and i > number_at and not signer:
            break
        tokens = [] if i == number_at else _without_signer(line).split()
        classified = [(token, _header_token(token)) for token in tokens]
        known = [found for _, found in classified if found]
        rest = [token for token, found in classified if not found]
        is_mark = "".join(rest).endswith(ISSUER_MARK_SUFFIX) or (number_at is not None and i < number_at)
        is_mark = is_mark and not find_doc_numbers(line)
        if rest and not is_mark:
            break
        for name, value in known:
            if getattr(meta, name) is None:
                setattr(meta, name, value)
        if signer:
            meta.signer = regex.sub(r"\s+", " ", signer["value"]).strip() or None
        mark += rest
        end = i + 1
    meta.issuer = squeeze("".join(mark).removesuffix(ISSUER_MARK_SUFFIX)) or None
    return end


# --- 主体 -------------------------------------------------------------------


def _read_title_and_addressees(meta: NoticeMeta, lines: list[str], start: int) -> int:
    """Fill title and addressees; return the index of the first line after them."""
    window = lines[start:start + TITLE_MAX_LINES + ADDRESSEE_MAX_LINES]
    colon = next((i for i, line in enumerate(window) if line.endswith(("：", ":"))), None)
    title_end = 0
    for k in range(min(colon if colon is not None else len(window), TITLE_MAX_LINES), 0, -1):
        joined = prose("\n".join(window[:k]))
        if _TITLE_END.search(joined):
            meta.title, title_end = joined, k
            break
    if colon is None:
        return start + title_end
    first = title_end if meta.title and colon - title_end < ADDRESSEE_MAX_LINES else colon
    text = _ADDRESSEE_LABEL.sub("", prose("\n".join(window[first:colon + 1])))
    if "。" not in text:
        meta.addressees = split_units(text.rstrip("：:"))
    return start + colon + 1


def _read_signature(meta: NoticeMeta, lines: list[str], start: int) -> int | None:
    """Fill signature and 成文日期; return the index of the date line.

    A date line counts only with a signature beside or above it: a body
    sentence wrapped right after a date (``于`` / ``2019年6月30日`` / ``前报送。``)
    has punctuation where the signature would be.
    """
    for i in range(start, len(lines)):
        match = _SIGNED.fullmatch(lines[i])
        signature = match["org"] if match else ""
        if not signature and match and i > start and _is_name(lines[i - 1]):
            signature = lines[i - 1]
        signed = parse_date(match["date"]) if match and signature and _is_name(signature) else None
        if signed:
            meta.signed_date, meta.issuer = signed, squeeze(signature)
            return i
    return None


def _read_publicity(meta: NoticeMeta, lines: list[str]) -> None:
    for line in lines:
        note = _NOTE.fullmatch(line)
        term = next((t for t in PUBLICITY_TERMS if note and t in squeeze(note["note"])), None)
        if term:
            meta.publicity = term
            return


def _is_attachment_title_line(line: str) -> bool:
    return (_is_plain(line) and not _NOTE.fullmatch(line) and not _SIGNED.fullmatch(line)
            and not _ATTACHMENT_HEADING.fullmatch(line))


def _read_attachment_title(meta: NoticeMeta, lines: _Lines, body_start: int, after: int) -> None:
    """附件 heading (after the signature), else 附件说明 (in the body), else the
    title lines right above the first table."""
    texts = lines.texts
    for i in range(after, len(texts)):
        if _ATTACHMENT_HEADING.fullmatch(texts[i]):
            stop = lines.before_first_table if lines.before_first_table and lines.before_first_table > i else len(texts)
            title: list[str] = []
            for line in texts[i + 1:min(stop, i + 1 + ATTACHMENT_TITLE_MAX_LINES)]:
                if not _is_attachment_title_line(line):
                    break
                title.append(line)
            if title:
                meta.attachment_title = prose("\n".join(title))
                return
    for line in texts[body_start:]:
        note = _ATTACHMENT_NOTE.fullmatch(line)
        if note:
            meta.attachment_title = prose(note["title"])
            return
    if lines.before_first_table:
        title = []
        for line in reversed(texts[max(after, lines.before_first_table - ATTACHMENT_TITLE_MAX_LINES):
                                   lines.before_first_table]):
            if not _is_attachment_title_line(line):
                break
            title.insert(0, line)
        meta.attachment_title = prose("\n".join(title)) or None


# --- 版记 -------------------------------------------------------------------


def _read_imprint(meta: NoticeMeta, lines: list[str]) -> None:
    """Fill 抄送, 印发机关 and 印发日期 from the last lines."""
    printed_at = next((i for i in range(len(lines) - 1, -1, -1) if _PRINTED.fullmatch(lines[i])), None)
    cc_at = next((i for i, line in enumerate(lines) if _CC.match(line)), None)
    cc_end = printed_at if printed_at is not None and cc_at is not None and printed_at > cc_at else len(lines)
    printed = _PRINTED.fullmatch(lines[printed_at]) if printed_at is not None else None
    if printed_at is not None and printed is not None:  # one holds when the other does
        meta.printed_date = parse_date(printed["date"])
        office = printed["office"]
        previous = lines[printed_at - 1] if printed_at else ""
        if not office and _is_name(previous) and not _CC.match(previous):
            office = previous
            cc_end -= 1
        meta.printing_office = squeeze(office) or None
    if cc_at is not None:
        meta.cc = split_units(_CC.sub("", prose("\n".join(lines[cc_at:cc_end]))))


def _apply_page_meta(meta: NoticeMeta, page: PageMeta) -> None:
    """The portal's catalogue fields over what the notice's layout gave."""
    number = page.doc_number
    if number:
        meta.doc_number, meta.doc_agency = number.canonical, number.agency
        meta.doc_year, meta.doc_serial = number.year, number.serial
    issuer = page.text("issuer")
    if issuer and _is_name(issuer):
        meta.issuer = issuer
    meta.title = page.text("title") or meta.title
    meta.signed_date = page.date("signed_date") or meta.signed_date
    meta.published_date = page.date("published_date")
    meta.index_no = page.text("index_no")
    meta.subject = page.text("subject")


def extract_notice_meta(document: Document) -> NoticeMeta:
    """All GB/T 9704 elements that the document's paragraphs show, and the portal's metadata table."""
    meta = NoticeMeta()
    page = read_page_meta(document)
    lines = _lines(document, page)
    texts = lines.texts
    header_end = _read_header(meta, texts)
    body_start = _read_title_and_addressees(meta, texts, header_end)
    signed_at = _read_signature(meta, texts, body_start)
    _read_publicity(meta, texts)
    _read_attachment_title(meta, lines, body_start, body_start if signed_at is None else signed_at + 1)
    _read_imprint(meta, texts)
    _apply_page_meta(meta, page)
    return meta
