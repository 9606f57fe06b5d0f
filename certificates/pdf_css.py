"""xhtml2pdf's stylesheets parsed once per process for Himaya's documents, not once per PDF.

xhtml2pdf parses every stylesheet of every document afresh: its default CSS, the Amiri
``@font-face`` rules and the template's ``<style>``, about 7 ms of each certificate (issue 14,
docs/benchmarks.md), although they are the same text for every certificate of a template.

Parsing has two results. The rulesets (selectors and declarations) depend on nothing but the
text, and are kept here by text. The ``@page`` and ``@font-face`` rules act on the document
being made instead: they set its page size, frames and page templates, and embed its fonts. So
for a stylesheet already parsed, those at-rules alone are parsed again, in their order, for
each document, and the kept rulesets are used as they are (xhtml2pdf only reads them).

The styles each element gets from those stylesheets are kept too. xhtml2pdf works them out
once per element shape and document (its ``cssAttrCache``, keyed by the element's parent
node), matching every candidate selector against the element and its ancestors: about 6 ms of a
certificate. Here they are kept for the process, keyed by what matching can read: the element's
tag and attributes and those of its ancestors. That holds only while no selector looks at
siblings, position, contents or state (``+``, ``~``, ``:first-child``, ``:not()``, ``::before``
and so on), so a template whose stylesheets have one gets xhtml2pdf's own cascade.

Replaying ``@font-face`` has xhtml2pdf hash the whole font file to know it is the one already
registered (0.6 ms for each Amiri face); the digest is kept per file, size and modification time.

Only the documents of :mod:`certificates.rendering` (their ``link_callback`` says so) use this;
any other xhtml2pdf call in the process parses as before. A stylesheet whose parse could depend
on more than its own text (``@import``, ``@media``, ``@charset``, ``@namespace``, custom
properties and ``var()``, any other at-rule) is parsed afresh every time, as before.
"""

from __future__ import annotations

import contextvars
import functools
import itertools
import os
import re
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from xhtml2pdf import context as pisa_context
from xhtml2pdf import parser as pisa_parser
from xhtml2pdf.context import pisaContext
from xhtml2pdf.w3c import css
from xhtml2pdf.w3c.cssDOMElementInterface import CSSDOMElementInterface
from xhtml2pdf.w3c.cssParser import isAtRuleIdent

# Stylesheets differ only by template (and a template's preview while it is edited), so a few
# dozen cover a process's life; the oldest goes first.
MAX_ENTRIES = 32

# Text that makes a stylesheet's parse depend on more than its rulesets and its @page and
# @font-face rules: other at-rules, and custom properties, which an @page's var() reads.
_UNCACHEABLE_TEXT = re.compile(r"@(?!page\b|font-face\b|frame\b)|--|var\(", re.IGNORECASE)


class _Sheet(NamedTuple):
    """One stylesheet of a document as parsed the first time."""

    text: str
    name: str
    stylesheet: Any
    at_rules: tuple[str, ...]  # the @page and @font-face rules, as written, in order
    declared: frozenset[str]  # what xhtml2pdf's warning about unsupported properties reads


# Pseudo-classes that read nothing but the attributes of the element and its ancestors.
_ANCESTRAL_PSEUDO_CLASSES = {"dir": ("dir",), "lang": ("lang", "xml:lang")}
# Element styles kept per set of stylesheets; past this, they are forgotten and kept afresh.
MAX_STYLED_SHAPES = 5000


class _Cascade:
    """The styles of element shapes under one set of stylesheets, shared by its documents."""

    def __init__(self, attributes: frozenset[str]):
        self.attributes = tuple(sorted(attributes))  # the attributes matching may read
        self.shapes: dict[tuple, int] = {}  # (tag, attributes, parent's shape) → shape number
        self.styles: dict[int, Any] = {}  # shape number → CSSAttrs, as xhtml2pdf resolved it

    def shape(self, node) -> int:
        """A number for everything selector matching can read about ``node``."""
        shape = getattr(node, "himaya_css_shape", None)
        if shape is None:
            parent = node.parentNode
            element = parent is not None and parent.nodeType == parent.ELEMENT_NODE
            key = (
                node.tagName,
                tuple(
                    (name, node.getAttribute(name))
                    for name in self.attributes
                    if node.hasAttribute(name)
                ),
                self.shape(parent) if element else None,
            )
            shape = self.shapes.get(key)
            if shape is None:
                # Numbers are never reused, so a node numbered before a reset cannot find
                # another shape's styles.
                shape = self.shapes[key] = next(_shape_numbers)
            node.himaya_css_shape = shape
        return shape


class _Entry(NamedTuple):
    sheets: tuple[_Sheet, ...] | None  # None: parsed afresh every time
    cascade: _Cascade | None  # None: xhtml2pdf's own cascade every time


_original_parse_css = pisaContext.parseCSS
_original_parse_source = pisaContext._parseCSSSource
_original_css_collect = pisa_parser.CSSCollect
_original_file_digest = pisa_context._file_digest
_digests: dict[tuple[str, int, int], str | None] = {}
_ours = contextvars.ContextVar("himaya_document", default=False)
_sheets: OrderedDict[tuple, _Entry] = OrderedDict()
_shape_numbers = itertools.count()
# xhtml2pdf renders one document at a time in a process; this guards the cache regardless.
_lock = threading.Lock()


def install() -> None:
    """Route xhtml2pdf's CSS parsing and cascade through the caches (idempotent)."""
    pisaContext.parseCSS = _parse_css
    pisa_parser.CSSCollect = _css_collect
    pisa_context._file_digest = _file_digest


def _file_digest(name: str | None) -> str | None:
    """xhtml2pdf's digest of a font file, kept while the file is unchanged."""
    if name is None or not _ours.get():
        return _original_file_digest(name)
    try:
        stat = os.stat(name)
    except OSError:
        return _original_file_digest(name)
    key = (name, stat.st_mtime_ns, stat.st_size)
    if key not in _digests:
        if len(_digests) >= 64:
            _digests.clear()
        _digests[key] = _original_file_digest(name)
    return _digests[key]


def clear() -> None:
    with _lock:
        _sheets.clear()
        _frames.clear()


def cached_keys() -> int:
    return len(_sheets)


def _parse_css(context: pisaContext) -> None:
    if not getattr(context.pathCallback, "cache_css", False):
        return _original_parse_css(context)
    key = (context.cssDefaultText, tuple(context.cssSources))
    with _lock:
        entry = _sheets.get(key)
        if entry is not None:
            _sheets.move_to_end(key)
    known = entry is not None
    if known and entry.sheets is None:
        return _original_parse_css(context)
    if known:
        parse = functools.partial(_reuse, context, iter(entry.sheets))
    else:
        recorded: list[_Sheet | None] = []
        parse = functools.partial(_parse_and_record, context, recorded)
    # xhtml2pdf's own parseCSS builds the parser, the cascade and what is derived from it; only
    # the parsing of each stylesheet is replaced, for this document.
    context._parseCSSSource = parse
    ours = _ours.set(True)
    try:
        _original_parse_css(context)
    finally:
        _ours.reset(ours)
        del context._parseCSSSource
    if not known:
        sheets = None if None in recorded else tuple(recorded)
        attributes = _matched_attributes(context.cssCascade) if sheets else None
        entry = _Entry(sheets, _Cascade(attributes) if attributes is not None else None)
        with _lock:
            _sheets[key] = entry
            while len(_sheets) > MAX_ENTRIES:
                _sheets.popitem(last=False)
    context.himaya_cascade = entry.cascade
    return None


def _matched_attributes(cascade) -> frozenset[str] | None:
    """The attributes selector matching reads, or None when it reads more than attributes:
    siblings, positions, contents, state, pseudo-elements."""
    names = {"class", "id", "style"}

    def simple(selector) -> bool:
        for qualifier in getattr(selector, "qualifiers", ()):
            if isinstance(qualifier, css.CSSSelectorCombinationQualifier):
                if qualifier.op not in {" ", ">"} or not simple(qualifier.selector):
                    return False
            elif isinstance(qualifier, css.CSSSelectorPseudoQualifier):
                if qualifier.name not in _ANCESTRAL_PSEUDO_CLASSES:
                    return False
                names.update(_ANCESTRAL_PSEUDO_CLASSES[qualifier.name])
            elif isinstance(qualifier, css.CSSSelectorAttributeQualifier):
                if not isinstance(qualifier.name, str):
                    return False
                names.add(qualifier.name)
            elif not isinstance(
                qualifier, css.CSSSelectorHashQualifier | css.CSSSelectorClassQualifier
            ):
                return False
        return True

    for ruleset in cascade.iterCSSRulesets():
        if not all(simple(selector) for selector in ruleset):
            return None
    return frozenset(names)


def _css_collect(node, context):
    """xhtml2pdf's CSSCollect, the styles of an element shape seen before taken as they were."""
    cascade = getattr(context, "himaya_cascade", None)
    style = node.getAttribute("style") if cascade is not None else ""
    if cascade is None or not context.css or "var(" in style or "--" in style:
        return _original_css_collect(node, context)
    key = pisa_parser.getCSSAttrCacheKey(node, context.cssPositionalTags, context.cssAttributeNames)
    if key in context.cssAttrCache:  # a sibling of the same shape, this document
        return _original_css_collect(node, context)
    shape = cascade.shape(node)
    styles = cascade.styles.get(shape)
    if styles is None:
        dropped = len(context.cssDroppedFunctions)
        result = _original_css_collect(node, context)
        # Kept as resolved, before anything asks the element for more (getCSSAttr adds to
        # it); not kept when a declaration was dropped, so every document says so.
        if len(context.cssDroppedFunctions) == dropped:
            if len(cascade.styles) >= MAX_STYLED_SHAPES:
                cascade.styles.clear()
                cascade.shapes.clear()
            cascade.styles[shape] = type(context.cssAttrCache[key])(context.cssAttrCache[key])
        return result
    # What CSSCollect leaves on the node and the document, from a copy of its own.
    attrs = type(styles)(styles)
    node.cssElement = CSSDOMElementInterface(node)
    context.cssAttrCache[key] = attrs
    node.cssAttrs = pisa_parser.resolveRootEm(attrs, context)
    return node.cssAttrs


def _parse_and_record(context: pisaContext, recorded: list, text: str, name: str):
    """Parse a stylesheet as xhtml2pdf does, noting its top-level at-rules' text."""
    parser = context.cssParser
    at_rules: list[str] = []
    whole = [True]  # every at-rule's text could be told from what followed it
    depth = 0
    parse_at_rule = parser._parseAtKeywordOrSkip

    def noting(src: str, elements: list) -> str:
        nonlocal depth
        depth += 1
        try:
            rest = parse_at_rule(src, elements)
        finally:
            depth -= 1
        if depth == 0:  # an @frame inside an @page is part of the @page's text
            if rest and not src.endswith(rest):
                whole[0] = False
            at_rules.append(src[: len(src) - len(rest)])
        return rest

    parser._parseAtKeywordOrSkip = noting
    try:
        stylesheet = _original_parse_source(context, text, name)
    finally:
        del parser._parseAtKeywordOrSkip
    replayable = whole[0] and all(
        not isAtRuleIdent(rule, "media")
        and (isAtRuleIdent(rule, "page") or isAtRuleIdent(rule, "font-face"))
        for rule in at_rules
    )
    if replayable and not _UNCACHEABLE_TEXT.search(text):
        declared = frozenset(parser.declaredBySource.get(name, ()))
        recorded.append(_Sheet(text, name, stylesheet, tuple(at_rules), declared))
    else:
        recorded.append(None)
    return stylesheet


def _reuse(context: pisaContext, sheets, text: str, name: str):
    """The stylesheet parsed before; its @page and @font-face rules act on this document."""
    sheet = next(sheets)
    if (sheet.text, sheet.name) != (text, name):  # the key holds every text, in order
        raise RuntimeError("xhtml2pdf parsed the stylesheets in another order")
    parser = context.cssParser
    parser.sourceName = name
    parser.cssBuilder.beginStylesheet()
    parser._parseAtFrame = functools.partial(_frame, context, parser)
    try:
        for rule in sheet.at_rules:
            parser._parseAtKeywordOrSkip(rule, [])
    finally:
        del parser._parseAtFrame
        parser.cssBuilder.endStylesheet()
        parser.sourceName = None
    if sheet.declared:
        parser.declaredBySource.setdefault(name, set()).update(sheet.declared)
    return sheet.stylesheet


# An @page's named @frame, as xhtml2pdf read it, by the text it was read from (the rest of the
# @page from the frame on) and the page's size: the rest of the text after it and what it adds
# to the document's frames, a name, its position and size and its declarations. Reading the
# sixteen frames of the default certificate was about 2 ms of each. A frame without a name
# (xhtml2pdf numbers it, per document) or one that was warned about is read every time.
_frames: dict[tuple[str, tuple], tuple[str, tuple]] = {}
MAX_FRAMES = 512


def _frame(context: pisaContext, parser, src: str):
    key = (src, tuple(context.pageSize))
    kept = _frames.get(key)
    if kept is not None:
        rest, (frame_name, content, border, x, y, width, height, data) = kept
        context.frameList.append((frame_name, content, border, x, y, width, height, dict(data)))
        return rest, [({}, {})]
    frames, warnings = len(context.frameList), len(context.log)
    rest, result = type(parser)._parseAtFrame(parser, src)
    added = context.frameList[frames:]
    if len(added) == 1 and len(context.log) == warnings and added[0][0] and result == [({}, {})]:
        frame_name, content, border, x, y, width, height, data = added[0]
        if not str(frame_name).startswith("-pdf-frame-"):
            with _lock:
                if len(_frames) >= MAX_FRAMES:
                    _frames.clear()
                _frames[key] = (
                    rest,
                    (frame_name, content, border, x, y, width, height, dict(data)),
                )
    return rest, result
