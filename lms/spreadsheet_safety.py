"""Cells that a spreadsheet program would run as a formula, made inert before any export.

A trainer can title a session `=HYPERLINK("http://…","Click")`; written as is into a CSV or XLSX,
Excel or LibreOffice runs it when a manager opens the file (CSV injection). OWASP's defence: a
text cell that starts with a character that opens a formula (`=`, `+`, `-`, `@`) or with a tab
or carriage return (which some programs strip before parsing) gets a single quote in front, so it
is read as text and shown as written.

Pure Python, no Django: every export of the product (ours and Wagtail's) calls `neutralise_cell`.
"""

from collections.abc import Iterable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """The value, with a leading single quote if it is text a spreadsheet would read as a formula.

    Only text is changed: numbers, dates and empty values keep their type, so a negative number
    stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_row(values: Iterable) -> list:
    return [neutralise_cell(value) for value in values]
