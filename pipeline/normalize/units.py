"""Splitting a unit cell (牵头单位, 责任单位, 主送机关 …) into canonical unit names.

Rules, in order:

1. wrapped lines are joined; separators are ``、，,；;。`` and spaces, but never
   inside brackets (``各县（市、区）人民政府`` is one unit); a ``等`` tail ends
   the named units and is no unit itself (``市发改局、市财政局等有关部门`` →
   市发改局 + 市财政局), the same in a table cell as in a national note;
2. a token that is only a bracketed alias (``(市审改办)``) or only an organ word
   (``人民政府``) belongs to the token before it;
3. places sharing an organ suffix get it (``泉州开发区、泉州台商投资区管委会`` →
   泉州开发区管委会 + 泉州台商投资区管委会);
4. a ``各…`` group borrows the owner of the group before it
   (``市政府各部门、各直属机构`` → 市政府各部门 + 市政府各直属机构);
5. canonical text: full-width brackets and commas, no whitespace; duplicates
   dropped, order kept.

:func:`assign_roles` reads the role words a unit cell may carry
(``市政府办公室、市发展和改革局牵头，市直有关部门配合``): a role word gives its
role to every unit written since the previous role word, and is removed from
the unit names; units after the last role word keep the column's role. Rules 3
and 4 apply within one role only, never across a role word.
"""

from __future__ import annotations

import regex

from pipeline.normalize.text import full_width_punct
from pipeline.patterns import alternation
from pipeline.vocabulary import (
    BRACKET_PAIRS,
    EACH,
    ENUMERATION_COMMA,
    ETC,
    ETC_CONJUNCTIONS,
    ETC_TAILS,
    GENERIC_UNIT_GROUPS,
    ORGAN_SUFFIXES,
    PLACE_SUFFIXES,
    ROLE_WORDS,
    UNIT_SEPARATORS,
)

_SPACE = regex.compile(r"\s+")

ROLES = tuple(ROLE_WORDS)
"""The roles a unit can have in a task, in the order the datasets list them."""

_OPENERS = set(BRACKET_PAIRS)
_CLOSERS = set(BRACKET_PAIRS.values())
_GROUP = alternation(GENERIC_UNIT_GROUPS)
_OWNED_GROUP = regex.compile(rf"^(?P<owner>.+?){EACH}(?:{_GROUP})$")
_BARE_GROUP = regex.compile(rf"^{EACH}(?:{_GROUP})$")
_ORGANS = sorted(ORGAN_SUFFIXES, key=len, reverse=True)
_ROLE_OF_WORD = {word: role for role, words in ROLE_WORDS.items() for word in words}
_ROLE_WORD = regex.compile(alternation(_ROLE_OF_WORD))
_ETC_TAIL = regex.compile(
    rf"{regex.escape(ETC)}(?:{alternation(ETC_TAILS)})?"
    rf"(?:{alternation(ETC_CONJUNCTIONS)}|(?=[{UNIT_SEPARATORS}\s]|{alternation(_ROLE_OF_WORD)}|$))"
)
"""等, the words naming the unnamed others, and a conjunction after them: the
end of the named units, where a separator, a role word or the next unit group
follows (``中央宣传部、国家发展改革委等有关部门和各省级人民政府负责``). The
others are unnamed, so no unit: a count of tasks per unit counts the named
ones. 等 inside a name (``各高等学校``) is followed by none of these."""


def tokenize(text: str) -> list[str]:
    """Split at top-level separators, whitespace and line breaks, keeping
    bracketed text whole. (Wrapped lines were joined by the extractor: a line
    break left in cell text is one the source made.)"""
    tokens: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        elif depth == 0 and (ch in UNIT_SEPARATORS or ch.isspace()):
            if current:
                tokens.append("".join(current))
                current = []
            continue
        current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _is_alias(token: str) -> bool:
    return token[0] in _OPENERS and token[-1] in _CLOSERS


def _attach_fragments(tokens: list[str]) -> list[str]:
    """Glue back what is no unit by itself: a bracketed alias or a bare organ
    word joins the token before it; a single character continues an
    abbreviated enumeration (``市直各委、办、局`` is one group, not three units)."""
    out: list[str] = []
    for token in tokens:
        if out and (_is_alias(token) or token in ORGAN_SUFFIXES):
            out[-1] += token
        elif out and len(token) == 1:
            out[-1] += ENUMERATION_COMMA + token
        else:
            out.append(token)
    return out


def _organ_suffix(unit: str) -> str | None:
    """The shared organ suffix of a ``place + organ`` unit, if it is one."""
    for organ in _ORGANS:
        stem = unit[: -len(organ)]
        if unit.endswith(organ) and stem.endswith(PLACE_SUFFIXES):
            return organ
    return None


def _share_suffixes(units: list[str]) -> list[str]:
    out = list(units)
    for i in range(len(out) - 2, -1, -1):
        organ = _organ_suffix(out[i + 1])
        if organ and out[i].endswith(PLACE_SUFFIXES) and not out[i].endswith(tuple(_ORGANS)):
            out[i] += organ
    return out


def _share_prefixes(units: list[str]) -> list[str]:
    out: list[str] = []
    for unit in units:
        owner = _OWNED_GROUP.match(out[-1]) if out else None
        if owner and _BARE_GROUP.match(unit):
            unit = owner.group("owner") + unit
        out.append(unit)
    return out


def canonical_unit(unit: str) -> str:
    """One unit name in canonical form (full-width punctuation, no whitespace)."""
    return full_width_punct(_SPACE.sub("", unit))


def _expand(tokens: list[str]) -> list[str]:
    """Units of one role from their tokens: fragments attached, shared prefixes
    and suffixes given out, duplicates dropped."""
    units = _share_prefixes(_share_suffixes(_attach_fragments([t for t in tokens if t])))
    return list(dict.fromkeys(units))


def _tokens(text: str) -> list[str]:
    return [canonical_unit(t) for t in tokenize(_ETC_TAIL.sub(ENUMERATION_COMMA, text))]


def split_units(text: str | None) -> list[str]:
    """All units named in a unit cell, expanded and canonical, in order."""
    return _expand(_tokens(text)) if text else []


def assign_roles(text: str | None, default_role: str) -> dict[str, list[str]]:
    """Units of a unit cell by the role its role words give them.

    ``市财政局牵头，市有关单位、各镇（街）按职能分工落实`` → lead 市财政局,
    responsible 市有关单位 + 各镇（街）. Units that no role word follows take
    *default_role*, the role of the column the cell stands in.
    """
    groups: dict[str, list[str]] = {role: [] for role in ROLES}
    pending: list[str] = []
    for token in _tokens(text or ""):
        start = 0
        for match in _ROLE_WORD.finditer(token):
            pending.append(token[start:match.start()])
            groups[_ROLE_OF_WORD[match.group()]] += pending
            pending, start = [], match.end()
        pending.append(token[start:])
    groups[default_role] += pending
    return {role: _expand(tokens) for role, tokens in groups.items()}


def first_listed_leads(units: dict[str, list[str]]) -> dict[str, list[str]]:
    """Units by role under a notice's ``列第一位者为牵头单位`` rule: when no role
    word named a lead, the first unit listed leads and the others are
    responsible. A lead that a role word named (``牵头``, ``会同``) stands."""
    if units["lead"] or not units["responsible"]:
        return units
    return {**units, "lead": units["responsible"][:1], "responsible": units["responsible"][1:]}
