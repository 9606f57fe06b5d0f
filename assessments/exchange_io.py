"""Import and export of scenarios: the YAML exchange format (docs/exchange-format.md) and GIFT.

Pure Python (PyYAML and the standard library), so the same code serves the import view, a
management command, background tasks and tests without Django.

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

The normal form ``load_yaml`` and ``load_gift`` return
-----------------------------------------------------
- scenario keys in this order: code, title, case_text, content_warning, roles (default []),
  tags (default []), fictional, questions;
- question: code, type, stem, points (default 1), scoring (default "partial"), critical
  (default False), tags (default []), then options or, for matching, pairs and spare_answers
  (only when there are some);
- option: code, text, then ``correct`` (default False; single_choice, true_false and
  multiple_response) or ``weight`` (single_choice and true_false; ordering options carry
  neither), tags (default []), feedback (only when given);
- pair: code, prompt, answer {code, text}, tags (default []), feedback (only when given);
- spare answer: code, text;
- every text is ``{"en": ..., "ar": ...}`` with both parts non-empty and stripped of surrounding
  whitespace; codes are ``str`` exactly as written (``code: 001`` stays ``"001"``);
- numbers (points, weight) are an ``int`` when written without a fractional part (``2``, ``"2"``)
  and otherwise the ``str`` of the exact ``Decimal`` as written (``1.5`` -> ``"1.5"``,
  ``2.0`` -> ``"2.0"``): no binary floats, and both forms are accepted by
  ``assessments.scoring``.

Rules beyond the shape in docs/exchange-format.md
-------------------------------------------------
- Every code (scenario, question, option, pair, matching answer) matches
  ``[A-Z0-9][A-Z0-9-]*`` (ASCII capitals, digits, hyphens).
- Unknown keys are errors (a misspelt ``critcal:`` must not silently make a question
  non-critical), as are duplicate keys. A key written with no value (``points:``) counts as
  absent. Texts take exactly ``en`` and ``ar``.
- ``content_warning`` is required (CW0, CW1 or CW2; CW3 material is refused by the bank) and
  ``fictional`` must be ``true``.
- ``correct`` applies to single_choice, true_false and multiple_response options; ``weight``
  (0..100) only to single_choice and true_false; an option takes one or the other. A
  single_choice or true_false question may mark at most one option ``correct: true`` (two best
  answers are expressed with weights).
- In matching, several prompts may share one answer (same code and the same text). A spare
  answer's code differs from every other answer code of the question, and its text, in either
  language, from every other answer's.
- Last, each question goes through ``assessments.scoring``'s own validation; its ``ValueError``
  message is reported at the question's line.

GIFT
----
Supported:

- single choice ``{=right ~wrong}``; an answer with a percentage (``~%50%acceptable``) gets
  ``weight``; with several ``=`` answers every option gets a weight (100 for each ``=``), as
  Moodle gives each of them full marks;
- multiple choice with no ``=`` answer (``{~%50%a ~%50%b ~%-100%c}``) -> multiple_response whose
  correct options are those with a positive weight (the sizes are not kept: the scorer counts
  multiple response answers);
- true/false ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}`` (any case), with Moodle's optional
  ``#feedback after a wrong answer#feedback after a right answer``, attached to the wrong and the
  right option;
- matching ``{=prompt -> answer ...}``, with Moodle's distractors (``= -> answer``: no prompt)
  as spare answers and an optional ``#feedback`` after a pair's answer;
- ``::name::``, ``//`` comment lines, blank lines between questions (a blank line inside an open
  ``{…}`` does not end the question), ``$CATEGORY:`` (ignored), a leading ``[plain]``,
  ``[moodle]``, ``[markdown]`` or ``[html]`` on the question text (dropped), per-answer
  ``#feedback``, and the escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n`` plus ``\\|`` for a
  literal bar.

Every text is bilingual: ``English || العربية``, in question texts, answers, matching prompts and
answers, and feedback. A missing Arabic part is a problem at that line.

A question's code is its ``::name::`` when that is already a valid code (``::Q-PASS::``), else
``Q<n>`` for the n-th question in the file (``$CATEGORY`` lines not counted). Options are coded
A, B, C…; true/false options T and F; matching pairs P1, P2… and their answers M1, M2… (one
code per distinct answer, spare answers included, in order of appearance).
Each question is worth 1 point, partial scoring, not critical; the scenario has the given code,
title and case text, ``content_warning`` (CW0 unless given), no roles or tags, fictional true.

Reported as problems: numerical ``{#…}``, short answer (only ``=`` answers, no ``~`` and no
``->``), essay ``{}``, descriptions (no ``{…}``), text after the answers (missing-word format),
general feedback ``####``, and feedback on a matching distractor.

Moodle XML (a later reader) maps a matching subquestion with empty text to a spare answer, in
the same normal form, so the checker below serves it unchanged.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from assessments.scoring import validate_answer
from assessments.taxonomy_data import CW, NOT_ALLOWED_IN_BANK, ROLE
from assessments.vocabulary import (
    CODE,
    CORRECT_FLAG_TYPES,
    DEFAULT_SCORING,
    ITEM_CODE_MAX_LENGTH,
    MATCHING,
    MINIMUM_OPTIONS,
    MINIMUM_PAIRS,
    MULTIPLE_RESPONSE,
    ORDERING,
    QUESTION_TYPES,
    SCENARIO_CODE_MAX_LENGTH,
    SCORING_MODES,
    SINGLE_ANSWER_TYPES,
    SINGLE_CHOICE,
    TRUE_FALSE,
)
from cms.content_warnings import ContentWarning

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


def _codes(framework: dict) -> tuple[str, ...]:
    return tuple(tag["code"] for group in framework["groups"] for tag in group["tags"])


ROLE_CODES: tuple[str, ...] = _codes(ROLE)
CONTENT_WARNINGS: tuple[str, ...] = tuple(
    code for code in _codes(CW) if code not in NOT_ALLOWED_IN_BANK
)
_SEP = " \u203a "  # single right-pointing angle quotation mark

_SCENARIO_KEYS = (
    "code",
    "title",
    "case_text",
    "content_warning",
    "roles",
    "tags",
    "fictional",
    "questions",
)
_QUESTION_KEYS = (
    "code",
    "type",
    "stem",
    "points",
    "scoring",
    "critical",
    "tags",
    "options",
    "pairs",
    "spare_answers",
)
_OPTION_KEYS = ("code", "text", "correct", "weight", "tags", "feedback")
_PAIR_KEYS = ("code", "prompt", "answer", "tags", "feedback")
_ANSWER_KEYS = ("code", "text")
_LANGUAGES = ("en", "ar")

# Walking a composed YAML document expands aliases; cap it so a "billion laughs" file is refused.
_MAX_NODES = 1_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file.

    ``line`` is 1-based in the source file (None when the problem is not in the file, such as a
    GIFT import's title); ``where`` locates it by codes joined by a single right-pointing angle
    quotation mark (U+203A), e.g. ``SCN-HL-001 \u203a Q2 \u203a option B``.
    """

    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        place = f"line {self.line}: " if self.line is not None else ""
        return f"{place}{self.where}: {self.message}"


class ExchangeError(Exception):
    """The file was refused; ``problems`` lists everything wrong with it, in line order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        summary = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}:\n{summary}")


# --------------------------------------------------------------------------------------------
# A located tree: YAML nodes and GIFT questions both become this, so one checker serves both.


@dataclass
class _Node:
    line: int | None
    kind: str  # "map" | "seq" | "scalar"
    # map: [(key or None when not a plain scalar, key line, value)]; seq: [value]
    items: list = field(default_factory=list)
    value: Any = None  # scalar: the constructed Python value (None for null)
    text: str | None = None  # scalar: the text as written (None for null)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.text is None


class _TooBig(Exception):
    pass


class _YamlTree:
    """Turn a composed YAML node into a _Node tree; a value under a key gets the key's line."""

    _NULL = "tag:yaml.org,2002:null"

    def __init__(self) -> None:
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.active: set[int] = set()
        self.resolved: dict[int, list[tuple[yaml.Node, yaml.Node]]] = {}

    def build(self, node: yaml.Node, line: int | None = None) -> _Node:
        self.count += 1
        if self.count > _MAX_NODES:
            raise _TooBig
        if line is None:
            line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            if node.tag == self._NULL:
                return _Node(line, "scalar")
            try:
                value = self.constructor.construct_object(node, deep=True)
            except yaml.YAMLError:
                value = node.value  # an unknown !tag: keep the text, checks will judge it
            return _Node(line, "scalar", value=value, text=node.value)
        if id(node) in self.active:
            raise _TooBig  # an alias to an enclosing node: infinitely deep
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return _Node(line, "seq", items=[self.build(child) for child in node.value])
            items = []
            for key_node, value_node in self.pairs(node):
                key_line = key_node.start_mark.line + 1
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                items.append((key, key_line, self.build(value_node, key_line)))
            return _Node(line, "map", items=items)
        finally:
            self.active.discard(id(node))

    def pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        """The mapping's pairs with "<<" merge keys resolved: keys written here win."""
        if id(node) not in self.resolved:
            written = {id(key) for key, _ in node.value}
            self.constructor.flatten_mapping(node)  # merged pairs first, then the written ones
            merged: dict[object, tuple[yaml.Node, yaml.Node]] = {}
            own = []
            for key, value in node.value:
                if id(key) in written:
                    own.append((key, value))
                else:  # as PyYAML constructs it: a later merged key overrides an earlier one
                    merged[_key_name(key)] = (key, value)
            own_keys = {_key_name(key) for key, _ in own}
            self.resolved[id(node)] = [
                pair for name, pair in merged.items() if name not in own_keys
            ] + own
        return self.resolved[id(node)]


def _key_name(key: yaml.Node) -> object:
    return key.value if isinstance(key, yaml.ScalarNode) else id(key)


@dataclass(frozen=True)
class _At:
    """A GIFT value with the line it came from."""

    value: Any
    line: int | None


def _tree(obj: Any, line: int | None) -> _Node:
    if isinstance(obj, _At):
        return _tree(obj.value, obj.line)
    if isinstance(obj, dict):
        items = []
        for key, value in obj.items():
            child = _tree(value, line)
            items.append((key, child.line, child))
        return _Node(line, "map", items=items)
    if isinstance(obj, list):
        return _Node(line, "seq", items=[_tree(value, line) for value in obj])
    if obj is None:
        return _Node(line, "scalar")
    return _Node(line, "scalar", value=obj, text=obj if isinstance(obj, str) else str(obj))


# --------------------------------------------------------------------------------------------
# Checking and normalising


def _number_or_none(node: _Node) -> Decimal | None:
    value = node.value
    if node.kind != "scalar" or isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | Decimal):
            number = Decimal(value)
        elif isinstance(value, float):
            # The text as written: 0.1 stays 0.1, not its binary expansion.
            try:
                number = Decimal(node.text or "")
            except InvalidOperation:
                number = Decimal(repr(value))
        elif isinstance(value, str):
            number = Decimal(value.strip())
        else:
            return None
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _normal_number(number: Decimal) -> int | str:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return int(number) if exponent >= 0 else str(number)


class _Checker:
    def __init__(self, known_tags: set[str], ar_hint: str = ""):
        self.known_tags = set(known_tags)
        self.ar_hint = ar_hint
        self.problems: list[Problem] = []

    def add(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(line, where, message))

    # -- generic pieces ----------------------------------------------------------------------

    def mapping(
        self,
        node: _Node,
        where: str,
        allowed: tuple[str, ...],
        label: str = "",
        expect: str = "a mapping",
    ) -> dict[str, _Node] | None:
        prefix = f"{label}: " if label else ""
        if node.kind != "map":
            self.add(node.line, where, f"{prefix}expected {expect}, got {_describe(node)}")
            return None
        fields: dict[str, _Node] = {}
        first_line: dict[str, int | None] = {}
        for key, key_line, child in node.items:
            if key is None:
                self.add(key_line, where, f"{prefix}keys must be plain text")
            elif key in first_line:
                self.add(
                    key_line,
                    where,
                    f"{prefix}duplicate key '{key}' (first at line {first_line[key]})",
                )
            elif key not in allowed:
                first_line[key] = key_line
                self.add(key_line, where, f"{prefix}{_unknown_key(key, allowed)}")
            else:
                first_line[key] = key_line
                if not child.is_null:
                    fields[key] = child
        return fields

    def required(self, fields: dict[str, _Node], key: str, parent: _Node, where: str) -> bool:
        if key in fields:
            return True
        self.add(parent.line, where, f"{key}: required")
        return False

    def string(self, node: _Node, where: str, label: str) -> str | None:
        if node.kind != "scalar" or node.text is None:
            self.add(node.line, where, f"{label}: expected text, got {_describe(node)}")
            return None
        return node.text

    def code(
        self,
        node: _Node | None,
        where: str,
        label: str = "code",
        max_length: int = ITEM_CODE_MAX_LENGTH,
    ) -> str | None:
        if node is None:
            return None
        text = self.string(node, where, label)
        if text is None:
            return None
        if len(text) > max_length:
            self.add(
                node.line,
                where,
                f"{label}: {text[:max_length]}… is {len(text)} characters long; a code has at "
                f"most {max_length}",
            )
            return None
        if not CODE.fullmatch(text):
            self.add(
                node.line,
                where,
                f"{label}: {text!r} is not a valid code (capital ASCII letters, digits and "
                "hyphens, starting with a letter or digit)",
            )
            return None
        return text

    def unique_code(
        self,
        fields: dict[str, _Node],
        where: str,
        seen: dict[str, int | None],
        noun: str,
        max_length: int = ITEM_CODE_MAX_LENGTH,
    ) -> tuple[str | None, bool]:
        """The entry's code, and whether it is valid and not used before in `seen` (which
        records the line each code was first seen on)."""
        code = self.code(fields.get("code"), where, max_length=max_length)
        if code is None:
            return None, False
        if code in seen:
            self.add(
                fields["code"].line,
                where,
                f"duplicate {noun} code {code} (first at line {seen[code]})",
            )
            return code, False
        seen[code] = fields["code"].line
        return code, True

    def text(
        self, fields: dict[str, _Node], key: str, parent: _Node, where: str, required: bool
    ) -> dict[str, str] | None:
        node = fields.get(key)
        if node is None:
            if required:
                self.add(parent.line, where, f"{key}: required, in English (en) and Arabic (ar)")
            return None
        parts = self.mapping(
            node, where, _LANGUAGES, label=key, expect="a mapping with 'en' and 'ar'"
        )
        if parts is None:
            return None
        result: dict[str, str] = {}
        complete = True
        for lang in _LANGUAGES:
            value = ""
            if lang in parts:
                raw = self.string(parts[lang], where, f"{key}.{lang}")
                if raw is None:
                    complete = False
                    continue
                value = raw.strip()
            if not value:
                complete = False
                if lang == "en":
                    self.add(node.line, where, f"{key}: missing English text (en)")
                else:
                    # The hint is about the file's syntax: none for values given otherwise.
                    hint = self.ar_hint if node.line is not None else ""
                    self.add(node.line, where, f"{key}: missing Arabic translation (ar){hint}")
            result[lang] = value
        return result if complete else None

    def flag(self, fields: dict[str, _Node], key: str, where: str, default: bool) -> bool | None:
        node = fields.get(key)
        if node is None:
            return default
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.add(node.line, where, f"{key}: must be true or false, got {_describe(node)}")
            return None
        return node.value

    def number(self, node: _Node, where: str, label: str) -> int | str | None:
        number = _number_or_none(node)
        if number is None:
            self.add(node.line, where, f"{label}: must be a number, got {_describe(node)}")
            return None
        return _normal_number(number)

    def codes_list(
        self,
        fields: dict[str, _Node],
        key: str,
        where: str,
        allowed: set[str] | tuple[str, ...],
        unknown: str,
        expected: str = "",
    ) -> list[str] | None:
        node = fields.get(key)
        if node is None:
            return []
        if node.kind != "seq":
            self.add(node.line, where, f"{key}: expected a list, got {_describe(node)}")
            return None
        result: list[str] = []
        ok = True
        for item in node.items:
            code = self.string(item, where, key)
            if code is None:
                ok = False
            elif code not in allowed:
                ok = False
                self.add(item.line, where, f"{key}: {unknown} {code!r}{expected}")
            elif code in result:
                ok = False
                self.add(item.line, where, f"{key}: {code} is listed twice")
            else:
                result.append(code)
        return result if ok else None

    def tags(self, fields: dict[str, _Node], where: str) -> list[str] | None:
        return self.codes_list(fields, "tags", where, self.known_tags, "unknown tag")

    # -- the exchange format -----------------------------------------------------------------

    def scenarios(self, root: _Node | None) -> list[dict]:
        if root is None or root.is_null:
            self.add(1, "file", "the file is empty; expected a list of scenarios")
            return []
        if root.kind != "seq":
            self.add(
                root.line,
                "file",
                "the top level must be a list of scenarios (start each with '- code:')",
            )
            return []
        if not root.items:
            self.add(root.line, "file", "the file has no scenarios")
        seen: dict[str, int | None] = {}
        result = []
        for index, node in enumerate(root.items, 1):
            scenario = self.scenario(node, _peek_code(node) or f"scenario {index}", seen)
            if scenario is not None:
                result.append(scenario)
        return result

    def scenario(
        self,
        node: _Node,
        where: str,
        seen: dict[str, int | None],
        questions_required: bool = True,
    ) -> dict | None:
        fields = self.mapping(node, where, _SCENARIO_KEYS, expect="a scenario (a mapping)")
        if fields is None:
            return None
        code, _unique = self.unique_code(
            fields, where, seen, "scenario", max_length=SCENARIO_CODE_MAX_LENGTH
        )
        self.required(fields, "code", node, where)
        title = self.text(fields, "title", node, where, required=True)
        case_text = self.text(fields, "case_text", node, where, required=True)

        warning = None
        if self.required(fields, "content_warning", node, where):
            cw_node = fields["content_warning"]
            warning = self.string(cw_node, where, "content_warning")
            if warning in NOT_ALLOWED_IN_BANK:
                self.add(
                    cw_node.line,
                    where,
                    f"content_warning: {warning} content is not allowed in the bank; keep "
                    "descriptions factual and non-graphic (CW2 at most)",
                )
            elif warning is not None and warning not in CONTENT_WARNINGS:
                self.add(
                    cw_node.line,
                    where,
                    f"content_warning: unknown {warning!r} (expected {_one_of(CONTENT_WARNINGS)})",
                )

        roles = self.codes_list(
            fields, "roles", where, ROLE_CODES, "unknown role", f" (expected {_one_of(ROLE_CODES)})"
        )
        tags = self.tags(fields, where)

        fictional = None
        if self.required(fields, "fictional", node, where):
            fictional = self.flag(fields, "fictional", where, False)
            if fictional is False:
                self.add(
                    fields["fictional"].line,
                    where,
                    "fictional: must be true; scenarios are fictional composites only (no real "
                    "names, employers, agencies, addresses or facts from real cases)",
                )

        questions: list[dict] = []
        questions_node = fields.get("questions")
        if questions_node is None:
            if questions_required:
                self.add(node.line, where, "questions: required (at least one question)")
        elif questions_node.kind != "seq":
            self.add(
                questions_node.line,
                where,
                f"questions: expected a list, got {_describe(questions_node)}",
            )
        else:
            if not questions_node.items and questions_required:
                self.add(questions_node.line, where, "questions: at least one question is needed")
            question_codes: dict[str, int | None] = {}
            for index, question_node in enumerate(questions_node.items, 1):
                question = self.question(question_node, where, index, question_codes)
                if question is not None:
                    questions.append(question)

        return {
            "code": code,
            "title": title,
            "case_text": case_text,
            "content_warning": warning,
            "roles": roles,
            "tags": tags,
            "fictional": fictional,
            "questions": questions,
        }

    def question(
        self, node: _Node, scenario_where: str, index: int, seen: dict[str, int | None]
    ) -> dict | None:
        where = f"{scenario_where}{_SEP}{_peek_code(node) or f'question {index}'}"
        fields = self.mapping(node, where, _QUESTION_KEYS, expect="a question (a mapping)")
        if fields is None:
            return None
        before = len(self.problems)
        # shape_ok: the fields assessments.scoring reads are sound, so its own validation can
        # run without repeating a problem already reported here.
        code, _unique = self.unique_code(fields, where, seen, "question")
        shape_ok = code is not None
        self.required(fields, "code", node, where)

        qtype = None
        if self.required(fields, "type", node, where):
            qtype = self.string(fields["type"], where, "type")
            if qtype is not None and qtype not in QUESTION_TYPES:
                self.add(
                    fields["type"].line,
                    where,
                    f"type: unknown question type {qtype!r} (expected {_one_of(QUESTION_TYPES)})",
                )
                qtype = None
        shape_ok = shape_ok and qtype is not None

        stem = self.text(fields, "stem", node, where, required=True)

        points: int | str | None = 1
        if "points" in fields:
            points = self.number(fields["points"], where, "points")
            if points is not None and Decimal(points) <= 0:
                self.add(fields["points"].line, where, "points: must be more than 0")
                points = None
        scoring = DEFAULT_SCORING
        if "scoring" in fields:
            scoring = self.string(fields["scoring"], where, "scoring")
            if scoring is not None and scoring not in SCORING_MODES:
                self.add(
                    fields["scoring"].line,
                    where,
                    f"scoring: unknown {scoring!r} (expected {_one_of(SCORING_MODES)})",
                )
                scoring = None
        critical = self.flag(fields, "critical", where, False)
        shape_ok = shape_ok and None not in (points, scoring, critical)
        tags = self.tags(fields, where)

        question: dict[str, Any] = {
            "code": code,
            "type": qtype,
            "stem": stem,
            "points": points,
            "scoring": scoring,
            "critical": critical,
            "tags": tags,
        }
        if qtype == MATCHING:
            if "options" in fields:
                self.add(
                    fields["options"].line, where, "options: a matching question has pairs instead"
                )
            answers: dict[str, tuple[dict | None, int | None]] = {}
            if self.required(fields, "pairs", node, where):
                question["pairs"], pairs_ok = self.pairs(fields["pairs"], where, answers)
                shape_ok = shape_ok and pairs_ok
                if pairs_ok and len(question["pairs"]) < MINIMUM_PAIRS:
                    self.add(
                        fields["pairs"].line,
                        where,
                        f"pairs: a matching question needs at least {MINIMUM_PAIRS} pairs",
                    )
            else:
                shape_ok = False
            if "spare_answers" in fields:
                spares, spares_ok = self.spare_answers(fields["spare_answers"], where, answers)
                shape_ok = shape_ok and spares_ok
                if spares:
                    question["spare_answers"] = spares
        elif qtype is not None:
            if "pairs" in fields:
                self.add(fields["pairs"].line, where, "pairs: only matching questions have pairs")
            if "spare_answers" in fields:
                self.add(
                    fields["spare_answers"].line,
                    where,
                    "spare_answers: only matching questions have spare answers",
                )
            if self.required(fields, "options", node, where):
                question["options"], options_ok = self.options(fields["options"], qtype, where)
                shape_ok = shape_ok and options_ok
                minimum = MINIMUM_OPTIONS.get(qtype, 0)
                if options_ok and len(question["options"]) < minimum:
                    self.add(
                        fields["options"].line,
                        where,
                        f"options: a {qtype} question needs at least {minimum} options",
                    )
            else:
                shape_ok = False
        else:  # unknown type: still check what is there
            if "options" in fields:
                self.options(fields["options"], None, where)
            if "pairs" in fields:
                self.pairs(fields["pairs"], where, {})

        if shape_ok:
            try:
                validate_answer(question, None)
            except ValueError as error:
                self.add(node.line, where, str(error))
        return question if len(self.problems) == before else None

    def options(self, node: _Node, qtype: str | None, where: str) -> tuple[list[dict], bool]:
        if node.kind != "seq":
            self.add(node.line, where, f"options: expected a list, got {_describe(node)}")
            return [], False
        options: list[dict] = []
        first_line: dict[str, int | None] = {}
        shape_ok = True
        marked_correct = 0
        for index, item in enumerate(node.items, 1):
            option_where = f"{where}{_SEP}option {_peek_code(item) or index}"
            fields = self.mapping(item, option_where, _OPTION_KEYS, expect="an option (a mapping)")
            if fields is None:
                shape_ok = False
                continue
            code, unique = self.unique_code(fields, option_where, first_line, "option")
            shape_ok = shape_ok and unique
            self.required(fields, "code", item, option_where)
            text = self.text(fields, "text", item, option_where, required=True)

            option: dict[str, Any] = {"code": code, "text": text}
            has_weight = "weight" in fields
            if "correct" in fields and qtype == ORDERING:
                self.add(
                    fields["correct"].line,
                    option_where,
                    "correct: does not apply to ordering; list the options in the correct order",
                )
            if has_weight and qtype is not None and qtype not in SINGLE_ANSWER_TYPES:
                self.add(
                    fields["weight"].line,
                    option_where,
                    "weight: only single_choice and true_false options take a weight",
                )
            if has_weight and "correct" in fields:
                self.add(item.line, option_where, "give either correct or weight, not both")
            correct = self.flag(fields, "correct", option_where, False)
            if correct is None:
                shape_ok = False
            if has_weight:
                option["weight"] = self.number(fields["weight"], option_where, "weight")
                if option["weight"] is None:
                    shape_ok = False
            elif qtype is None or qtype in CORRECT_FLAG_TYPES:
                option["correct"] = correct
                marked_correct += correct is True
            option["tags"] = self.tags(fields, option_where)
            feedback = self.text(fields, "feedback", item, option_where, required=False)
            if feedback is not None:
                option["feedback"] = feedback
            options.append(option)
        if qtype in SINGLE_ANSWER_TYPES and marked_correct > 1:
            self.add(
                node.line,
                where,
                f"options: {marked_correct} options are marked correct; a {qtype} question has "
                "one (use weights for acceptable answers, or multiple_response)",
            )
        return options, shape_ok

    def pairs(
        self, node: _Node, where: str, answers: dict[str, tuple[dict | None, int | None]]
    ) -> tuple[list[dict], bool]:
        """The pairs; ``answers`` collects each answer code's text and first line."""
        if node.kind != "seq":
            self.add(node.line, where, f"pairs: expected a list, got {_describe(node)}")
            return [], False
        pairs: list[dict] = []
        first_line: dict[str, int | None] = {}
        shape_ok = True
        for index, item in enumerate(node.items, 1):
            pair_where = f"{where}{_SEP}pair {_peek_code(item) or index}"
            fields = self.mapping(item, pair_where, _PAIR_KEYS, expect="a pair (a mapping)")
            if fields is None:
                shape_ok = False
                continue
            code, unique = self.unique_code(fields, pair_where, first_line, "pair")
            shape_ok = shape_ok and unique
            self.required(fields, "code", item, pair_where)
            prompt = self.text(fields, "prompt", item, pair_where, required=True)

            answer = None
            if self.required(fields, "answer", item, pair_where):
                answer_node = fields["answer"]
                answer_fields = self.mapping(
                    answer_node,
                    pair_where,
                    _ANSWER_KEYS,
                    label="answer",
                    expect="a mapping with 'code' and 'text'",
                )
                if answer_fields is None:
                    shape_ok = False
                else:
                    answer_code = self.code(answer_fields.get("code"), pair_where, "answer code")
                    if "code" not in answer_fields:
                        self.add(answer_node.line, pair_where, "answer: code required")
                    answer_text = self.text(
                        {"answer text": answer_fields["text"]} if "text" in answer_fields else {},
                        "answer text",
                        answer_node,
                        pair_where,
                        required=True,
                    )
                    if answer_code is None:
                        shape_ok = False
                    else:
                        answer = {"code": answer_code, "text": answer_text}
                        if answer_code in answers:
                            other_text, other_line = answers[answer_code]
                            if answer_text is not None and other_text not in (None, answer_text):
                                self.add(
                                    answer_node.line,
                                    pair_where,
                                    f"answer: code {answer_code} has a different text at line "
                                    f"{other_line}",
                                )
                        else:
                            answers[answer_code] = (answer_text, answer_node.line)
            else:
                shape_ok = False

            pair: dict[str, Any] = {
                "code": code,
                "prompt": prompt,
                "answer": answer,
                "tags": self.tags(fields, pair_where),
            }
            feedback = self.text(fields, "feedback", item, pair_where, required=False)
            if feedback is not None:
                pair["feedback"] = feedback
            pairs.append(pair)
        return pairs, shape_ok

    def spare_answers(
        self, node: _Node, where: str, answers: dict[str, tuple[dict | None, int | None]]
    ) -> tuple[list[dict], bool]:
        """Answers offered that match no prompt. A code must name no other answer of the
        question (a trainee's answer naming it would be ambiguous), and a text must differ from
        every other answer's (two identical choices in one list cannot be told apart)."""
        if node.kind != "seq":
            self.add(node.line, where, f"spare_answers: expected a list, got {_describe(node)}")
            return [], False
        spares: list[dict] = []
        shape_ok = True
        for index, item in enumerate(node.items, 1):
            spare_where = f"{where}{_SEP}spare answer {_peek_code(item) or index}"
            fields = self.mapping(
                item,
                spare_where,
                _ANSWER_KEYS,
                expect="a spare answer (a mapping with 'code' and 'text')",
            )
            if fields is None:
                shape_ok = False
                continue
            self.required(fields, "code", item, spare_where)
            code = self.code(fields.get("code"), spare_where, "code")
            text = self.text(fields, "text", item, spare_where, required=True)
            if code is None:
                shape_ok = False
                continue
            if code in answers:
                self.add(
                    fields["code"].line,
                    spare_where,
                    f"code {code} is already an answer code (at line {answers[code][1]}); a "
                    "spare answer needs a code of its own",
                )
                shape_ok = False
                continue
            if text is not None:
                for other_code, (other_text, other_line) in answers.items():
                    if other_text is not None and any(
                        other_text[lang] == text[lang] for lang in _LANGUAGES
                    ):
                        self.add(
                            item.line,
                            spare_where,
                            f"text: the same as answer {other_code}'s (at line {other_line}); "
                            "trainees could not tell them apart",
                        )
                        break
            answers[code] = (text, fields["code"].line)
            spares.append({"code": code, "text": text})
        return spares, shape_ok


def _peek_code(node: _Node) -> str | None:
    """The node's valid code, to name it in every problem, including those found before it."""
    if node.kind == "map":
        for key, _, child in node.items:
            if key == "code" and child.text is not None and CODE.fullmatch(child.text):
                return child.text
    return None


def _describe(node: _Node) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.text is None:
        return "nothing"
    return repr(node.value if isinstance(node.value, bool | int | float) else node.text)


def _unknown_key(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (expected {_one_of(allowed)})"
    return f"unknown key '{key}'{hint}"


def _one_of(values: Iterable[str]) -> str:
    values = list(values)
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: problem.line or 0)


# --------------------------------------------------------------------------------------------
# YAML


def load_yaml(text: str, *, known_tags: set[str]) -> list[dict]:
    """Parse and check a YAML exchange file; return its scenarios normalised (module docstring).

    Raises ExchangeError listing every problem, with line numbers, if anything is wrong.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        tree = _YamlTree().build(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        raise ExchangeError([_yaml_problem(error)]) from None
    except yaml.YAMLError as error:
        raise ExchangeError([Problem(None, "YAML", f"malformed YAML: {error}")]) from None
    except _TooBig:
        raise ExchangeError(
            [Problem(None, "YAML", "the file expands to too much data (aliases)")]
        ) from None
    checker = _Checker(known_tags)
    scenarios = checker.scenarios(tree)
    if checker.problems:
        raise ExchangeError(_sorted(checker.problems))
    return scenarios


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    message = f"malformed YAML: {error.problem or error.context}"
    if error.problem and error.context and error.context_mark is not None:
        message += f" ({error.context}, which starts at line {error.context_mark.line + 1})"
    return Problem(line, "YAML", message)


class _Decimal(str):
    """A number written as its exact decimal text (a YAML float in the file)."""


class _Flow(list):
    """A short list of codes, written on one line."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key ("questions:\n  - code: Q1"), as people write them.
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    _Decimal, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:float", str(data))
)
_Dumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def dump_yaml(scenarios: list[dict]) -> str:
    """Write scenarios in the exchange format, keys in the documented order.

    Keys other than the format's are kept, after the known ones, so nothing is silently lost
    (``load_yaml`` will then report them).
    """
    data = [_ordered_scenario(scenario) for scenario in scenarios]
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def _ordered(mapping: Any, order: tuple[str, ...], convert: dict | None = None) -> Any:
    if not isinstance(mapping, dict):
        return mapping
    convert = convert or {}
    result = {}
    for key in (*order, *(key for key in mapping if key not in order)):
        if key in mapping:
            value = mapping[key]
            result[key] = convert[key](value) if key in convert else value
    return result


def _text(value: Any) -> Any:
    return _ordered(value, _LANGUAGES)


def _flow(value: Any) -> Any:
    return _Flow(value) if isinstance(value, list | tuple) else value


def _dump_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return value
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    normal = _normal_number(number)
    return normal if isinstance(normal, int) else _Decimal(format(number, "f"))


def _each(convert: Any) -> Any:
    return lambda values: (
        [convert(value) for value in values] if isinstance(values, list | tuple) else values
    )


def _ordered_option(option: Any) -> Any:
    return _ordered(
        option,
        _OPTION_KEYS,
        {"text": _text, "weight": _dump_number, "tags": _flow, "feedback": _text},
    )


def _ordered_pair(pair: Any) -> Any:
    return _ordered(
        pair,
        _PAIR_KEYS,
        {
            "prompt": _text,
            "answer": _ordered_answer,
            "tags": _flow,
            "feedback": _text,
        },
    )


def _ordered_answer(answer: Any) -> Any:
    return _ordered(answer, _ANSWER_KEYS, {"text": _text})


def _ordered_question(question: Any) -> Any:
    return _ordered(
        question,
        _QUESTION_KEYS,
        {
            "stem": _text,
            "points": _dump_number,
            "tags": _flow,
            "options": _each(_ordered_option),
            "pairs": _each(_ordered_pair),
            "spare_answers": _each(_ordered_answer),
        },
    )


def _ordered_scenario(scenario: Any) -> Any:
    return _ordered(
        scenario,
        _SCENARIO_KEYS,
        {
            "title": _text,
            "case_text": _text,
            "roles": _flow,
            "tags": _flow,
            "questions": _each(_ordered_question),
        },
    )


# --------------------------------------------------------------------------------------------
# GIFT

_Char = tuple[str, bool, int]  # (character, escaped, line)
_ESCAPES = {"\\": "\\", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "|": "|"}
_FORMATS = ("[html]", "[moodle]", "[plain]", "[markdown]")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_WEIGHT = re.compile(r"-?\d+(?:\.\d+)?")
_GIFT_AR_HINT = " (write the text as 'English || العربية')"
_TF_TEXTS = {True: {"en": "True", "ar": "صحيح"}, False: {"en": "False", "ar": "خطأ"}}


def load_gift(
    text: str,
    *,
    scenario_code: str,
    title: dict,
    case_text: dict,
    known_tags: set[str],
    content_warning: str = ContentWarning.NONE.value,
) -> list[dict]:
    """Parse Moodle GIFT into one scenario in the exchange format (see the module docstring).

    All or nothing: raises ExchangeError listing every problem, with line numbers.
    """
    problems: list[Problem] = []
    questions = []
    chunks = _gift_chunks(text)
    for index, chunk in enumerate(chunks, 1):
        question = _gift_question(chunk, index, scenario_code, problems)
        if question is not None:
            questions.append(question)
    if not chunks:
        problems.append(Problem(1, scenario_code, "the file has no questions"))

    scenario = {
        "code": scenario_code,
        "title": title,
        "case_text": case_text,
        "content_warning": content_warning,
        "roles": [],
        "tags": [],
        "fictional": True,
        "questions": _At(questions, None),
    }
    checker = _Checker(known_tags, ar_hint=_GIFT_AR_HINT)
    tree = _tree(scenario, None)
    where = _peek_code(tree) or "scenario"
    result = checker.scenario(tree, where, {}, questions_required=False)
    problems.extend(checker.problems)
    if problems:
        raise ExchangeError(_sorted(problems))
    assert result is not None
    return [result]


def _gift_chunks(text: str) -> list[list[tuple[int, str]]]:
    """Questions as lists of (line number, line): blank lines separate, // lines vanish.

    Unlike Moodle, a blank line inside an open {…} does not end the question.
    """
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    depth = 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff")), 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if current and depth <= 0:
                chunks.append(current)
                current = []
                depth = 0
            continue
        current.append((number, line))
        for char, escaped, _ in _chars([(number, line)]):
            if not escaped and char in "{}":
                depth += 1 if char == "{" else -1
    if current:
        chunks.append(current)
    # A $CATEGORY line sets Moodle's question category: nothing to import.
    return [chunk for chunk in chunks if not chunk[0][1].strip().startswith("$CATEGORY:")]


def _chars(lines: list[tuple[int, str]]) -> list[_Char]:
    chars: list[_Char] = []
    for position, (number, line) in enumerate(lines):
        if position:
            chars.append(("\n", False, lines[position - 1][0]))
        index = 0
        while index < len(line):
            char = line[index]
            following = line[index + 1] if index + 1 < len(line) else ""
            if char == "\\" and following == "n":
                chars.append(("\n", True, number))
                index += 2
            elif char == "\\" and following in _ESCAPES:
                chars.append((_ESCAPES[following], True, number))
                index += 2
            else:
                chars.append((char, False, number))
                index += 1
    return chars


def _find(chars: list[_Char], target: str, start: int = 0) -> int:
    """Index of the first unescaped occurrence of ``target`` at or after ``start``, or -1."""
    width = len(target)
    for index in range(start, len(chars) - width + 1):
        if all(
            not chars[index + offset][1] and chars[index + offset][0] == target[offset]
            for offset in range(width)
        ):
            return index
    return -1


def _strip(chars: list[_Char]) -> list[_Char]:
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]


def _plain(chars: list[_Char]) -> str:
    return "".join(char for char, _, _ in chars).strip()


def _line(chars: list[_Char], default: int) -> int:
    return next((line for char, _, line in chars if not char.isspace()), default)


class _GiftQuestion:
    def __init__(self, index: int, lines: list[tuple[int, str]], scenario_code: str):
        self.chars = _strip(_chars(lines))
        self.first_line = lines[0][0]
        self.code = f"Q{index}"
        self.where = f"{scenario_code}{_SEP}{self.code}"
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, where: str | None = None) -> None:
        self.problems.append(Problem(line, where or self.where, message))

    def bilingual(self, chars: list[_Char], label: str, where: str | None = None) -> dict:
        """``English || العربية`` -> {"en", "ar"}; missing parts are left empty for the checker."""
        split = _find(chars, "||")
        if split < 0:
            return {"en": _plain(chars), "ar": ""}
        arabic = chars[split + 2 :]
        if _find(arabic, "||") >= 0:
            self.problem(
                _line(arabic, self.first_line),
                f"{label}: more than one '||' (write 'English || العربية'; a literal bar is \\|)",
                where,
            )
        return {"en": _plain(chars[:split]), "ar": _plain(arabic)}


def _gift_question(
    lines: list[tuple[int, str]], index: int, scenario_code: str, problems: list[Problem]
) -> dict | None:
    q = _GiftQuestion(index, lines, scenario_code)
    question = _gift_parse(q, scenario_code)
    problems.extend(q.problems)
    return None if q.problems else question


def _gift_parse(q: _GiftQuestion, scenario_code: str) -> dict | None:
    body = q.chars
    if _find(body, "::") == 0:
        end = _find(body, "::", 2)
        if end < 0:
            q.problem(q.first_line, "the question name has no closing '::'")
            return None
        name = _plain(body[2:end])
        if CODE.fullmatch(name):
            q.code = name
            q.where = f"{scenario_code}{_SEP}{name}"
        body = body[end + 2 :]

    opening = _find(body, "{")
    if opening < 0:
        q.problem(
            q.first_line,
            "no answers in {…}: descriptions are not supported (put case text in the scenario)",
        )
        return None
    block_line = body[opening][2]
    closing = _find(body, "}", opening + 1)
    if closing < 0:
        q.problem(block_line, "the answers have no closing '}'")
        return None
    nested = _find(body[:closing], "{", opening + 1)
    if nested >= 0:
        q.problem(
            block_line,
            f"the answers are not closed before the '{{' at line {body[nested][2]} "
            "(a missing '}'? write \\{ for a literal brace)",
        )
        return None
    after = _strip(body[closing + 1 :])
    if after:
        q.problem(
            after[0][2],
            "text after the answers (missing-word format) is not supported; "
            "put the whole question before {…}",
        )
        return None

    stem_chars = _strip(body[:opening])
    lowered = _plain(stem_chars).lower()
    for marker in _FORMATS:
        if lowered.startswith(marker):
            stem_chars = _strip(stem_chars[len(marker) :])
            break
    stem_line = _line(stem_chars, q.first_line)
    stem = _At(q.bilingual(stem_chars, "question text"), stem_line)

    block = _strip(body[opening + 1 : closing])
    if not block:
        q.problem(block_line, "essay questions ({}) are not supported")
        return None
    if block[0] == ("#", False, block[0][2]):
        q.problem(block_line, "numerical questions ({#…}) are not supported")
        return None
    general = _find(block, "####")
    if general >= 0:
        q.problem(
            block[general][2],
            "general feedback (####) is not supported; give feedback on each answer",
        )
        return None

    question: dict[str, Any] = {
        "code": _At(q.code, q.first_line),
        "type": None,
        "stem": stem,
        "points": 1,
        "scoring": DEFAULT_SCORING,
        "critical": False,
        "tags": [],
    }
    hash_at = _find(block, "#")
    head = _plain(block[:hash_at] if hash_at >= 0 else block).upper()
    if head in _TRUE_FALSE:
        question["type"] = TRUE_FALSE
        question["options"] = _At(
            _gift_true_false(q, block, hash_at, _TRUE_FALSE[head]), block_line
        )
        return None if q.problems else _At(question, q.first_line)

    answers = _gift_answers(q, block)
    if answers is None:
        return None
    markers = {marker for marker, _, _ in answers}
    arrows = [_find(chars, "->") >= 0 for _, _, chars in answers]
    if any(arrows):
        if "~" in markers or not all(arrows):
            q.problem(
                block_line,
                "a matching question has only '=prompt -> answer' lines; "
                "mixed with other answers it is not supported",
            )
            return None
        question["type"] = MATCHING
        pairs, spares = _gift_pairs(q, answers)
        question["pairs"] = _At(pairs, block_line)
        if spares:
            question["spare_answers"] = _At(spares, block_line)
    elif "~" not in markers:
        q.problem(
            block_line,
            "short-answer questions (only '=' answers) are not supported; "
            "add wrong options with '~' to make a multiple-choice question",
        )
        return None
    else:
        qtype = SINGLE_CHOICE if "=" in markers else MULTIPLE_RESPONSE
        question["type"] = qtype
        question["options"] = _At(_gift_options(q, answers, qtype), block_line)
    return None if q.problems else _At(question, q.first_line)


def _gift_answers(q: _GiftQuestion, block: list[_Char]) -> list[tuple[str, int, list]] | None:
    """Split the answers at unescaped '=' and '~': [(marker, line, text after the marker)]."""
    starts = [
        index for index, (char, escaped, _) in enumerate(block) if not escaped and char in "=~"
    ]
    if not starts or starts[0] != 0:
        q.problem(
            _line(block, q.first_line),
            "unexpected text before the first answer; answers start with '=' or '~' "
            "(write \\= or \\~ for the characters themselves)",
        )
        return None
    answers = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(block)
        answers.append((block[start][0], block[start][2], block[start + 1 : end]))
    return answers


def _feedback_split(chars: list[_Char]) -> tuple[list[_Char], list[_Char] | None]:
    at = _find(chars, "#")
    if at < 0:
        return chars, None
    return chars[:at], chars[at + 1 :]


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"O{index + 1}"


def _gift_options(q: _GiftQuestion, answers: list, qtype: str) -> list:
    options = []
    # Several "=" answers in Moodle each give full marks: say so with weights, since a
    # single_choice question marks at most one option correct.
    several_right = sum(marker == "=" for marker, _, _ in answers) > 1
    for index, (marker, line, chars) in enumerate(answers):
        code = _letter(index)
        where = f"{q.where}{_SEP}option {code}"
        chars = _strip(chars)
        weight: int | str | None = None
        if chars and chars[0] == ("%", False, chars[0][2]):
            end = _find(chars, "%", 1)
            raw = _plain(chars[1:end]) if end > 0 else ""
            if end < 0 or not _WEIGHT.fullmatch(raw):
                q.problem(line, "a weight is written %number%, e.g. ~%50%", where)
                continue
            weight = _normal_number(Decimal(raw))
            chars = chars[end + 1 :]
        text_chars, feedback_chars = _feedback_split(chars)
        text = _At(q.bilingual(text_chars, "text", where), line)
        option: dict[str, Any] = {"code": code, "text": text}
        if qtype == MULTIPLE_RESPONSE:
            option["correct"] = weight is not None and Decimal(weight) > 0
        elif weight is not None:
            option["weight"] = weight
        elif several_right:
            option["weight"] = 100 if marker == "=" else 0
        else:
            option["correct"] = marker == "="
        option["tags"] = []
        _add_feedback(q, option, feedback_chars, line, where)
        options.append(_At(option, line))
    return options


def _add_feedback(
    q: _GiftQuestion, entry: dict, chars: list[_Char] | None, line: int, where: str
) -> None:
    if chars is None or not _plain(chars):
        return
    entry["feedback"] = _At(q.bilingual(chars, "feedback", where), _line(chars, line))


def _gift_true_false(q: _GiftQuestion, block: list[_Char], hash_at: int, answer: bool) -> list:
    # Moodle: {T#shown after a wrong answer#shown after a right answer}.
    feedbacks: list[list[_Char]] = []
    rest = block[hash_at + 1 :] if hash_at >= 0 else None
    while rest is not None:
        at = _find(rest, "#")
        feedbacks.append(rest[:at] if at >= 0 else rest)
        rest = rest[at + 1 :] if at >= 0 else None
    line = block[0][2]
    if len(feedbacks) > 2:
        q.problem(line, "a true/false question takes at most two feedbacks (#wrong#right)")
        return []
    wrong = feedbacks[0] if feedbacks else None
    right = feedbacks[1] if len(feedbacks) > 1 else None
    options = []
    for value in (True, False):
        code = "T" if value else "F"
        option: dict[str, Any] = {
            "code": code,
            "text": dict(_TF_TEXTS[value]),
            "correct": value == answer,
            "tags": [],
        }
        feedback = right if value == answer else wrong
        _add_feedback(q, option, feedback, line, f"{q.where}{_SEP}option {code}")
        options.append(_At(option, line))
    return options


def _gift_pairs(q: _GiftQuestion, answers: list) -> tuple[list, list]:
    """The pairs and the spare answers (Moodle's distractors, ``= -> answer`` with no
    prompt). Prompts are coded P1, P2… in order, answers M1, M2… in order of first appearance,
    spare answers included; prompts with the same answer text share its code."""
    pairs: list = []
    spares: list = []
    answer_codes: dict[tuple[str, str], str] = {}
    for _, line, chars in answers:
        text_chars, feedback_chars = _feedback_split(_strip(chars))
        arrow = _find(text_chars, "->")
        prompt_chars, answer_chars = text_chars[:arrow], text_chars[arrow + 2 :]
        next_code = f"M{len(answer_codes) + len(spares) + 1}"
        if not _plain(prompt_chars):
            where = f"{q.where}{_SEP}spare answer {next_code}"
            if feedback_chars is not None and _plain(feedback_chars):
                q.problem(line, "a spare answer (no prompt) takes no feedback", where)
            spare_text = q.bilingual(answer_chars, "text", where)
            spares.append(_At({"code": next_code, "text": _At(spare_text, line)}, line))
            continue
        code = f"P{len(pairs) + 1}"
        where = f"{q.where}{_SEP}pair {code}"
        answer_text = q.bilingual(answer_chars, "answer text", where)
        key = (answer_text["en"], answer_text["ar"])
        answer_code = answer_codes.setdefault(key, next_code)
        pair: dict[str, Any] = {
            "code": code,
            "prompt": _At(q.bilingual(prompt_chars, "prompt", where), line),
            "answer": _At({"code": answer_code, "text": _At(answer_text, line)}, line),
            "tags": [],
        }
        _add_feedback(q, pair, feedback_chars, line, where)
        pairs.append(_At(pair, line))
    return pairs, spares


# --------------------------------------------------------------------------------------------
# Writing GIFT

_GIFT_SPECIAL = "\\~=#{}:|"


def dump_gift(scenario: dict) -> str:
    """One scenario's questions as GIFT, bilingual texts written ``English || العربية``.

    ``load_gift`` of the result gives back the questions with their codes, texts, keys, weights,
    feedback and spare answers. GIFT has no place for the rest, which is not written: the
    scenario's fields (``load_gift`` takes them from the caller), points, scoring, criticality
    and tags; option, prompt and answer codes are re-assigned by ``load_gift`` (A, B…; T and F;
    P1…, M1…). Moodle reads what it supports of the result (it ignores per-pair feedback).
    Raises ValueError for a question GIFT cannot hold: an ordering question.
    """
    blocks = [f"// {_gift_escape(scenario['code'])}"]
    for question in scenario["questions"]:
        blocks.append(_gift_write_question(question))
    return "\n\n".join(blocks) + "\n"


def _gift_escape(text: str) -> str:
    escaped = "".join(f"\\{char}" if char in _GIFT_SPECIAL else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def _gift_text(text: dict) -> str:
    return f"{_gift_escape(text['en'])} || {_gift_escape(text['ar'])}"


def _gift_answer(text: dict) -> str:
    """A text inside {…}: GIFT has no escape for '->', which would read as a matching arrow."""
    if any("->" in part for part in text.values()):
        raise ValueError(f"GIFT cannot hold '->' in an answer or feedback: {text['en']!r}")
    return _gift_text(text)


def _gift_feedback(entry: dict) -> str:
    return f" #{_gift_answer(entry['feedback'])}" if entry.get("feedback") else ""


def _gift_weight(weight: Decimal) -> str:
    # Moodle's fractions have 5 decimal places (33.33333); no trailing zeros, no exponent.
    text = format(weight.quantize(Decimal("0.00001")).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _gift_write_question(question: dict) -> str:
    head = f"::{question['code']}:: {_gift_text(question['stem'])} {{"
    qtype = question["type"]
    lines: list[str] = []
    if qtype == ORDERING:
        raise ValueError(f"question {question['code']}: GIFT has no ordering questions")
    if qtype == TRUE_FALSE:
        options = question["options"]
        right = next(o for o in options if o.get("correct") or o.get("weight") == 100)
        wrong = next(o for o in options if o is not right)
        # load_gift names the true statement's option T; Moodle writes {TRUE#wrong#right}.
        true_option = next((o for o in options if o["code"] == "T"), options[0])
        answer = "TRUE" if right is true_option else "FALSE"
        feedbacks = [
            _gift_answer(o["feedback"]) if o.get("feedback") else "" for o in (wrong, right)
        ]
        tail = "#" + "#".join(feedbacks) if any(feedbacks) else ""
        return f"{head}{answer}{tail}}}"
    if qtype == MATCHING:
        for pair in question["pairs"]:
            lines.append(
                f"={_gift_answer(pair['prompt'])} -> {_gift_answer(pair['answer']['text'])}"
                f"{_gift_feedback(pair)}"
            )
        for spare in question.get("spare_answers", []):
            lines.append(f"= -> {_gift_answer(spare['text'])}")
    elif qtype == MULTIPLE_RESPONSE:
        # Moodle's multiple answer: the right options share +100 %, the wrong ones -100 %.
        right = [o for o in question["options"] if o.get("correct")]
        wrong_count = len(question["options"]) - len(right)
        for option in question["options"]:
            share = (
                Decimal(100) / len(right) if option.get("correct") else Decimal(-100) / wrong_count
            )
            lines.append(
                f"~%{_gift_weight(share)}%{_gift_answer(option['text'])}{_gift_feedback(option)}"
            )
    else:  # single choice
        for option in question["options"]:
            weight = option.get("weight")
            if weight is None:
                marker = "=" if option.get("correct") else "~"
            else:
                marker = ("=" if Decimal(str(weight)) == 100 else "~") + (
                    f"%{_gift_weight(Decimal(str(weight)))}%"
                )
            lines.append(f"{marker}{_gift_answer(option['text'])}{_gift_feedback(option)}")
    body = "\n".join(f"    {line}" for line in lines)
    return f"{head}\n{body}\n}}"
