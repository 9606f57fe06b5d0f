"""xhtml2pdf's stylesheets parsed once per process for Himaya's documents, not once per PDF.

xhtml2pdf parses every stylesheet of every document afresh: its default CSS, the Amiri
``@font-face`` rules and the template's ``<style>``, about 7 ms of each certificate (issue 14,
docs/benchmarks.md), although they are the same text for every certificate of a template.

Parsing has two results. The rulesets (selectors and declarations) depend on nothing but the
text, and are kept here by text. The ``@page`` and ``@font-face`` rules act on the document
being made instead: they set its page size, frames and page templates, and embed its fonts. So
for a stylesheet already parsed, those at-rules alone are parsed again, in their order, for
each document, and the kept rulesets are used as they are (xhtml2pdf only reads them).

Only the documents of :mod:`certificates.rendering` (their ``link_callback`` says so) use this;
any other xhtml2pdf call in the process parses as before. A stylesheet whose parse could depend
on more than its own text (``@import``, ``@media``, ``@charset``, ``@namespace``, custom
properties and ``var()``, any other at-rule) is parsed afresh every time, as before.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from xhtml2pdf.context import pisaContext
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


_original_parse_css = pisaContext.parseCSS
_original_parse_source = pisaContext._parseCSSSource
_sheets: OrderedDict[tuple, tuple[_Sheet, ...] | None] = OrderedDict()
# xhtml2pdf renders one document at a time in a process; this guards the cache regardless.
_lock = threading.Lock()


def install() -> None:
    """Route xhtml2pdf's CSS parsing through the cache (idempotent)."""
    pisaContext.parseCSS = _parse_css


def clear() -> None:
    with _lock:
        _sheets.clear()


def cached_keys() -> int:
    return len(_sheets)


def _parse_css(context: pisaContext) -> None:
    if not getattr(context.pathCallback, "cache_css", False):
        return _original_parse_css(context)
    key = (context.cssDefaultText, tuple(context.cssSources))
    with _lock:
        known = key in _sheets
        sheets = _sheets.get(key)
        if known:
            _sheets.move_to_end(key)
    if known and sheets is None:
        return _original_parse_css(context)
    if known:
        parse = functools.partial(_reuse, context, iter(sheets))
    else:
        recorded: list[_Sheet | None] = []
        parse = functools.partial(_parse_and_record, context, recorded)
    # xhtml2pdf's own parseCSS builds the parser, the cascade and what is derived from it; only
    # the parsing of each stylesheet is replaced, for this document.
    context._parseCSSSource = parse
    try:
        _original_parse_css(context)
    finally:
        del context._parseCSSSource
    if not known:
        with _lock:
            _sheets[key] = None if None in recorded else tuple(recorded)
            while len(_sheets) > MAX_ENTRIES:
                _sheets.popitem(last=False)
    return None


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
    try:
        for rule in sheet.at_rules:
            parser._parseAtKeywordOrSkip(rule, [])
    finally:
        parser.cssBuilder.endStylesheet()
        parser.sourceName = None
    if sheet.declared:
        parser.declaredBySource.setdefault(name, set()).update(sheet.declared)
    return sheet.stylesheet
