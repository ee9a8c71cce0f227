"""Namespace-blind access to OFD XML.

Producers disagree on the namespace (``http://www.ofdspec.org/2016``,
``http://www.ofdspec.org``, none at all), never on the local names, so every
lookup here matches local names only.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from extractors.model import ExtractionError


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def kids(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in el if local(c) == name)


def kid(el: etree._Element, name: str) -> etree._Element | None:
    return next(kids(el, name), None)


def kid_text(el: etree._Element, name: str) -> str | None:
    found = kid(el, name)
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def numbers(text: str | None, what: str) -> list[float]:
    """A space-separated list of numbers (a box, a CTM, a colour)."""
    try:
        return [float(t) for t in (text or "").split()]
    except ValueError as exc:
        raise ExtractionError("corrupt_ofd", f"{what} is not a list of numbers: {text!r}") from exc


def number(el: etree._Element, attribute: str, default: float) -> float:
    value = el.get(attribute)
    if value is None or not value.strip():
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ExtractionError("corrupt_ofd", f"{local(el)} {attribute}={value!r} is not a number") from exc


def flag(el: etree._Element, attribute: str, default: bool) -> bool:
    value = el.get(attribute)
    return default if value is None else value.strip().lower() in ("true", "1")
