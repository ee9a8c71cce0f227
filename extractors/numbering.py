"""Rendering Word list numbering (numbering.xml) to the text a reader sees.

Headings such as 一、 （一） 1. are often not in the paragraph text at all but
produced by Word from ``w:numPr`` and the abstract numbering definitions. This
module keeps one counter per (numId, level) and renders ``w:lvlText`` with the
level's ``w:numFmt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from extractors.ooxml import NS, W

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """一 二 … 十 十一 … 二十 … 九十九 … (the ``chineseCounting`` format)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    zero = digits[0]
    parts: list[str] = []
    places = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    pending_zero = False
    for value, unit in places:
        d = (n // value) % 10
        if d == 0:
            if parts:
                pending_zero = True
            continue
        if pending_zero:
            parts.append(zero)
            pending_zero = False
        if not (value == 10 and d == 1 and not parts):  # 十一, not 一十一
            parts.append(digits[d])
        parts.append(unit)
    return "".join(parts)


def _roman(n: int) -> str:
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, sym in table:
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one of Word's ``ST_NumberFormat`` formats."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _LEGAL_DIGITS, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _IDEOGRAPH_TRADITIONAL[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one document."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """numId → ilvl → level definition (abstractNum with overrides applied)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    """Counters are kept per abstractNum, as Word does for numIds sharing one."""
    abstract_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in root.iterfind("w:abstractNum", NS):
            abstracts[abstract.get(W + "abstractNumId", "")] = {
                int(lvl.get(W + "ilvl", "0")): _parse_level(lvl) for lvl in abstract.iterfind("w:lvl", NS)
            }
        for num in root.iterfind("w:num", NS):
            num_id = num.get(W + "numId", "")
            ref = num.find("w:abstractNumId", NS)
            abstract_id = ref.get(W + "val", "") if ref is not None else ""
            levels = {k: _Level(v.start, v.fmt, v.text) for k, v in abstracts.get(abstract_id, {}).items()}
            for override in num.iterfind("w:lvlOverride", NS):
                ilvl = int(override.get(W + "ilvl", "0"))
                lvl = override.find("w:lvl", NS)
                if lvl is not None:
                    levels[ilvl] = _parse_level(lvl)
                start = override.find("w:startOverride", NS)
                if start is not None:
                    levels.setdefault(ilvl, _Level()).start = int(start.get(W + "val", "1"))
            numbering.levels[num_id] = levels
            # A numId with start overrides restarts its own list.
            has_override = num.find("w:lvlOverride", NS) is not None
            numbering.abstract_of[num_id] = f"{abstract_id}/{num_id}" if has_override else abstract_id
        return numbering

    def render(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the rendered label."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = level.text
        for k in range(9):
            if f"%{k + 1}" in label:
                lv = levels.get(k, _Level())
                value = counters.get(k, lv.start)
                label = label.replace(f"%{k + 1}", format_number(value, lv.fmt))
        return label


def _parse_level(lvl: etree._Element) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(tag, NS)
        return el.get(W + "val", default) if el is not None else default

    return _Level(start=int(val("w:start", "1")), fmt=val("w:numFmt", "decimal"), text=val("w:lvlText", ""))
