"""The exchange's public names under their first module name, which the exchange tests import.
The code lives in the package `assessments.exchange` (one module per format)."""

from .exchange import (
    CONTENT_WARNINGS,
    QUESTION_TYPES,
    ROLE_CODES,
    ExchangeError,
    Problem,
    dump_gift,
    dump_yaml,
    load_gift,
    load_yaml,
)

__all__ = [
    "CONTENT_WARNINGS",
    "QUESTION_TYPES",
    "ROLE_CODES",
    "ExchangeError",
    "Problem",
    "dump_gift",
    "dump_yaml",
    "load_gift",
    "load_yaml",
]
