"""Which part of a web page is the notice, by markup and text density.

A saved page is mostly template: navigation, breadcrumbs, sidebars of links,
share and print bars, QR codes, footers, scripts. Class names differ from site
to site, so nothing here looks at them. Three general rules decide instead:

1. **Markup.** Scripts, styles, frames, form controls and hidden elements
   show no text and are removed. ``nav``, ``aside``, ``footer``, ``menu``, a
   ``header`` outside an ``article``/``main``, and ARIA landmarks of the
   template (``role="navigation"``, ``banner``, ``contentinfo`` …) are chrome.
2. **Link density.** A block of two or more links whose text is mostly link
   text (menus, link lists, "related articles"), or that has almost no text of
   its own (breadcrumbs, share and print bars), is chrome. Outside the
   content a single link with little else (a linked site title) is too; inside
   it, a paragraph such as ``附件：<a>…任务分解表.doc</a>`` stays.
3. **Text density.** The content block is the deepest element that holds at
   least :data:`CONTENT_SHARE` of the page's text outside links. Around it,
   the page's own heading area is kept: the siblings before it (title, date
   line, the metadata table of gov.cn and provincial portals), climbing
   outwards until a chrome block is met. After it, only data tables are kept
   (an attachment's table placed below the article), never loose text: that is
   where footers, QR codes and "related articles" live.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from lxml import html

from extractors.html.blocks import HEADING_TAGS, BlockBuilder, is_layout_table, tag_of
from extractors.model import Block

NON_CONTENT_TAGS = frozenset({
    "applet", "audio", "button", "canvas", "datalist", "embed", "frame", "frameset", "head", "iframe", "input",
    "link", "map", "math", "meta", "noframes", "noscript", "object", "option", "optgroup", "param", "picture",
    "script", "select", "source", "style", "svg", "template", "textarea", "title", "track", "video",
})
"""Elements whose text is never shown as page text (or that have none)."""
CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
                          "toolbar"})
CONTENT_SHARE = 0.9
"""Share of the page's non-link text the content block must hold. High, so
that a notice split over sibling blocks (body, then signature) is not cut: the
block narrows only past wrappers around nearly all of the text."""
LINK_SHARE = 0.5
"""Outside the content, a block whose text is at least this much link text is chrome."""
BAR_MAX_OWN_TEXT = 10
"""A block of two or more links with at most this many characters of its own
is a bar: ``分享到：``, ``【】【】`` around 打印本页 / 关闭窗口, ``当前位置：>>``."""
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
_SPACE = regex.compile(r"\s+")


def _visible_len(text: str | None) -> int:
    return len(_SPACE.sub("", text)) if text else 0


@dataclass
class _Counts:
    """Characters of an element's text, of its link text, and its links."""

    text: int = 0
    link: int = 0
    links: int = 0

    @property
    def own(self) -> int:
        return self.text - self.link


@dataclass
class Page:
    """A parsed page with its chrome marked and its content block found."""

    body: html.HtmlElement
    counts: dict[html.HtmlElement, _Counts] = field(default_factory=dict)
    chrome: set[html.HtmlElement] = field(default_factory=set)
    outside_only: set[html.HtmlElement] = field(default_factory=set)
    """Chrome only outside the content block (a block that is one link)."""
    content: html.HtmlElement | None = None


def _remove_invisible(root: html.HtmlElement) -> None:
    doomed = [
        el for el in root.iter()
        if not isinstance(el.tag, str) or tag_of(el) in NON_CONTENT_TAGS or el.get("hidden") is not None
        or el.get("aria-hidden", "").lower() == "true" or _HIDDEN_STYLE.search(el.get("style", ""))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


def _count(el: html.HtmlElement, counts: dict[html.HtmlElement, _Counts], in_link: bool = False) -> _Counts:
    is_link = tag_of(el) == "a" and el.get("href") is not None
    c = _Counts(links=1 if is_link else 0)
    own = _visible_len(el.text)
    c.text += own
    c.link += own if in_link or is_link else 0
    for child in el:
        sub = _count(child, counts, in_link or is_link)
        tail = _visible_len(child.tail)
        c.text += sub.text + tail
        c.link += sub.link + (tail if in_link or is_link else 0)
        c.links += sub.links
    counts[el] = c
    return c


def _is_markup_chrome(el: html.HtmlElement) -> bool:
    tag = tag_of(el)
    if tag in CHROME_TAGS or el.get("role", "").lower() in CHROME_ROLES:
        return True
    return tag == "header" and not any(tag_of(a) in ("article", "main") for a in el.iterancestors())


def _is_link_block(c: _Counts, min_links: int) -> bool:
    if c.links < min_links:
        return False
    return c.link >= LINK_SHARE * c.text or (min_links >= 2 and c.own <= BAR_MAX_OWN_TEXT)


def _mark_chrome(page: Page) -> None:
    """Mark chrome everywhere; single-link blocks go in ``outside_only``."""
    for el in page.body.iter():
        c = page.counts.get(el)
        if c is None or tag_of(el) == "a":
            continue
        if _is_markup_chrome(el) or _is_link_block(c, 2):
            page.chrome.add(el)
        elif _is_link_block(c, 1):
            page.outside_only.add(el)


def _is_content_candidate(el: html.HtmlElement) -> bool:
    """Elements the content block may be: containers, not a paragraph or a data table."""
    tag = tag_of(el)
    if tag == "table":
        return is_layout_table(el)
    return tag not in HEADING_TAGS and tag not in ("p", "li", "a", "pre")


def _find_content(page: Page) -> html.HtmlElement:
    total = page.counts[page.body].own
    node = page.body
    while True:
        best = max((child for child in node if child in page.counts), key=lambda ch: page.counts[ch].own,
                   default=None)
        if best is None or not _is_content_candidate(best) or page.counts[best].own < CONTENT_SHARE * total:
            return node
        node = best


def analyse(root: html.HtmlElement) -> Page:
    """Remove what is never shown, count text, mark chrome, find the content block."""
    body = root.find("body")
    page = Page(body if body is not None else root)
    _remove_invisible(page.body)
    _count(page.body, page.counts)
    _mark_chrome(page)
    page.content = _find_content(page)
    return page


def content_blocks(page: Page) -> list[Block]:
    """The blocks of the content region: heading area, content block, tables after it."""
    content = page.content if page.content is not None else page.body

    def outside(el: html.HtmlElement) -> bool:
        return el in page.chrome or el in page.outside_only

    before: list[html.HtmlElement] = []
    after: list[html.HtmlElement] = []
    node = content
    before_open = after_open = True
    while node is not page.body and (before_open or after_open):
        parent = node.getparent()
        if parent is None:
            break
        siblings = [s for s in parent if isinstance(s.tag, str)]
        at = siblings.index(node)
        for sibling in reversed(siblings[:at]):
            if not before_open or outside(sibling):
                before_open = False
                break
            before.insert(0, sibling)
        for sibling in siblings[at + 1:]:
            if not after_open or outside(sibling):
                after_open = False
                break
            after.append(sibling)
        node = parent

    heading = BlockBuilder(outside)
    for el in before:
        heading.read(el)
    inside = BlockBuilder(lambda el: el in page.chrome)
    inside.read(content)
    tables = BlockBuilder(outside)
    for el in after:
        tables.read(el, tables_only=True)
    return heading.blocks + inside.blocks + tables.blocks
