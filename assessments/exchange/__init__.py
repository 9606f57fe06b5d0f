"""Import and export of scenarios: the YAML exchange format (docs/exchange-format.md), Moodle
GIFT and Moodle XML (docs/question-import.md).

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
``read_file(text, known_tags=..., scenario_code=..., language=..., skip_unsupported=...)``
    Any of the three formats, told apart by its content (``detect_format``), as a ``Reading``:
    the scenarios, the unsupported questions skipped on request, and notes on what was left out.
"""

from assessments.vocabulary import QUESTION_TYPES

from .checker import CONTENT_WARNINGS, ROLE_CODES, ExchangeError, Problem, Reading
from .gift import dump_gift, load_gift, read_gift
from .moodle_xml import read_moodle_xml
from .yaml_format import dump_yaml, load_yaml

YAML, GIFT, MOODLE_XML = "yaml", "gift", "moodle_xml"
FORMAT_NAMES = {YAML: "YAML", GIFT: "GIFT", MOODLE_XML: "Moodle XML"}


def detect_format(text: str) -> str:
    """The file's format from its content, whatever its name: Moodle XML starts with ``<``; a
    YAML exchange file's first line that is not a comment starts a list (``- ``) or a document
    (``---``); anything else is read as GIFT (whose comments are ``//``)."""
    for line in text.removeprefix("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("<"):
            return MOODLE_XML
        if stripped.startswith(("- ", "---")) or stripped == "-":
            return YAML
        return GIFT
    return YAML


def read_file(
    text: str,
    *,
    known_tags: set[str],
    scenario_code: str = "",
    language: str | None = None,
    skip_unsupported: bool = False,
) -> Reading:
    """Read a question file in any of the three formats (``detect_format``) into scenarios.

    ``scenario_code`` names the scenario of a GIFT file (required) and of a Moodle XML file
    whose categories have no id number; ``language`` ("en" or "ar") is the language of texts
    written in one language (else told by their letters); ``skip_unsupported`` leaves out the
    questions of types the bank cannot hold instead of refusing the file. YAML is bilingual by
    definition and holds only supported types: both options are for Moodle files.
    Raises ExchangeError listing every problem with its line.
    """
    kind = detect_format(text)
    if kind == MOODLE_XML:
        return read_moodle_xml(
            text,
            scenario_code=scenario_code,
            known_tags=known_tags,
            language=language,
            skip_unsupported=skip_unsupported,
        )
    if kind == GIFT:
        if not scenario_code:
            raise ExchangeError(
                [Problem(None, "file", "a GIFT file needs a scenario code (--scenario-code)")]
            )
        name = {"en": scenario_code, "ar": scenario_code}
        return read_gift(
            text,
            scenario_code=scenario_code,
            title=name,
            case_text=name,
            known_tags=known_tags,
            language=language,
            skip_unsupported=skip_unsupported,
        )
    return Reading(load_yaml(text, known_tags=known_tags))


__all__ = [
    "CONTENT_WARNINGS",
    "FORMAT_NAMES",
    "GIFT",
    "MOODLE_XML",
    "QUESTION_TYPES",
    "ROLE_CODES",
    "YAML",
    "ExchangeError",
    "Problem",
    "Reading",
    "detect_format",
    "dump_gift",
    "dump_yaml",
    "load_gift",
    "load_yaml",
    "read_file",
]
