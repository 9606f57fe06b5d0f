"""Import and export of scenarios: the YAML exchange format (docs/exchange-format.md), Moodle
GIFT and Moodle XML.

Pure Python (PyYAML and the standard library), so the same code serves the import view, a
management command, background tasks and tests without Django.

One module per format, around one checker and one normal form (``checker``): each reader turns
its file into a located tree and the checker reports every problem with its line and returns the
scenarios normalised, so a rule holds for every format and each format can be read on its own.

Public API
----------
``load_yaml(text, known_tags=...)``
    Parse a YAML exchange file (a list of scenarios), check the *whole* file and raise
    ``ExchangeError`` listing every ``Problem`` (1-based line, where, message), or return the
    scenarios normalised. Imports are all-or-nothing: one problem rejects the file.
``dump_yaml(scenarios)``
    Write scenarios back in the same format; ``load_yaml(dump_yaml(x), ...) == x`` for any ``x``
    that ``load_yaml`` returned.
``load_gift(text, scenario_code=..., title=..., case_text=..., known_tags=...)``
    Parse Moodle GIFT questions into one scenario in the exchange format, checked by the same
    rules (plus GIFT's own), all-or-nothing.
``dump_gift(scenario)``
    Write one scenario's questions as GIFT; ``load_gift`` gives back their texts, keys, weights,
    feedback and spare answers (what GIFT cannot hold is listed in its docstring).
"""

from assessments.vocabulary import QUESTION_TYPES

from .checker import CONTENT_WARNINGS, ROLE_CODES, ExchangeError, Problem
from .gift import dump_gift, load_gift
from .yaml_format import dump_yaml, load_yaml

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
