"""The one checker and the one normal form every exchange format reads into.

Each reader (YAML, GIFT, Moodle XML) turns its file into a located tree of ``Node`` (a value with
the line it came from) and hands it to ``Checker``, which reports every problem with its line and
returns the scenarios in the normal form below. So a rule is written once and holds for every
format.

The normal form every reader returns
------------------------------------
- scenario keys in this order: code, title, case_text, content_warning, roles (default []),
  tags (default []), fictional, questions;
- question: code, type, stem, points (default 1), scoring (default "partial"), critical
  (default False), tags (default []), then options or, for matching, pairs and spare_answers
  (only when there are some);
- option: code, text, then ``correct`` (default False; single_choice, true_false and
  multiple_response) or ``weight`` (single_choice and true_false; ordering options carry
  neither), tags (default []), feedback (only when given);
- question: then ``general_feedback`` (only when given): shown after the question, whatever
  the answer, once the feedback rule allows;
- pair: code, prompt, answer {code, text}, tags (default []), feedback (only when given);
- spare answer: code, text;
- every text is ``{"en": ..., "ar": ...}`` with both parts non-empty and stripped of surrounding
  whitespace (a reader of single-language files, ``Checker(single_language=True)``, lets one
  part be empty: the scenario is then imported as needing translation);
- codes are ``str`` exactly as written (``code: 001`` stays ``"001"``);
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
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

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
    ORDERING,
    QUESTION_TYPES,
    SCENARIO_CODE_MAX_LENGTH,
    SCORING_MODES,
    SINGLE_ANSWER_TYPES,
)


def _codes(framework: dict) -> tuple[str, ...]:
    return tuple(tag["code"] for group in framework["groups"] for tag in group["tags"])


ROLE_CODES: tuple[str, ...] = _codes(ROLE)
CONTENT_WARNINGS: tuple[str, ...] = tuple(
    code for code in _codes(CW) if code not in NOT_ALLOWED_IN_BANK
)
SEP = " \u203a "  # single right-pointing angle quotation mark

SCENARIO_KEYS = (
    "code",
    "title",
    "case_text",
    "content_warning",
    "roles",
    "tags",
    "fictional",
    "questions",
)
QUESTION_KEYS = (
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
    "general_feedback",
)
OPTION_KEYS = ("code", "text", "correct", "weight", "tags", "feedback")
PAIR_KEYS = ("code", "prompt", "answer", "tags", "feedback")
ANSWER_KEYS = ("code", "text")
LANGUAGES = ("en", "ar")
# What storage holds: a scenario's title is a 250-character column (the other texts are
# unbounded text fields and blocks).
TEXT_MAX_LENGTH = {"title": 250}
# Not text: C0 controls other than tab and line breaks, DEL, and lone surrogates (half of a
# character, which no database can store and no page can encode).
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import file.

    ``line`` is 1-based in the source file (None when the problem is not in the file, such as a
    GIFT import's title); ``where`` locates it by codes joined by a single right-pointing angle
    quotation mark (U+203A), e.g. ``SCN-HL-001 \u203a Q2 \u203a option B``. ``unsupported``
    marks a question of a type the bank cannot hold (a Moodle short answer, essay…): an import
    may skip such questions on request, never a question with any other problem.
    """

    line: int | None
    where: str
    message: str
    unsupported: bool = field(default=False, compare=False)

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


@dataclass
class Reading:
    """What a reader made of a file it accepted.

    ``skipped`` lists the unsupported questions left out on request (``skip_unsupported``);
    ``notes`` what was dropped or changed without refusing the file (an image, a Moodle
    penalty). ``questions_only`` says the format holds questions, not scenarios (GIFT, Moodle
    XML): importing into an existing scenario then keeps its own fields and its other questions,
    and ``kept_fields`` names the question fields the format cannot hold, which an existing
    question keeps."""

    scenarios: list[dict]
    skipped: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    questions_only: bool = False
    kept_fields: tuple[str, ...] = ()


def automatic_code(index: int, taken: set[str]) -> str:
    """The code of the index-th question when its file names none: ``Q<index>``, or
    ``Q<index>-2`` (-3, …) when a question named in the file took it, so a file naming one
    question ``Q2`` among unnamed ones has no duplicate."""
    code, suffix = f"Q{index}", 2
    while code in taken:
        code, suffix = f"Q{index}-{suffix}", suffix + 1
    return code


def letter(index: int) -> str:
    """The code of the index-th option (from 0) when its file names none: A, B, … Z, O27…"""
    return chr(ord("A") + index) if index < 26 else f"O{index + 1}"


def refuse_or_skip(problems: list[Problem], *, skip_unsupported: bool) -> list[Problem]:
    """Raise ExchangeError with every problem, unless each is an unsupported question and
    ``skip_unsupported`` is set; return the skipped ones, in line order."""
    problems = sorted_problems(problems)
    skipped = [problem for problem in problems if problem.unsupported]
    if len(skipped) < len(problems) or (skipped and not skip_unsupported):
        raise ExchangeError(problems)
    return skipped


# --------------------------------------------------------------------------------------------
# A located tree: YAML nodes and GIFT questions both become this, so one checker serves both.


@dataclass
class Node:
    line: int | None
    kind: str  # "map" | "seq" | "scalar"
    # map: [(key or None when not a plain scalar, key line, value)]; seq: [value]
    items: list = field(default_factory=list)
    value: Any = None  # scalar: the constructed Python value (None for null)
    text: str | None = None  # scalar: the text as written (None for null)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.text is None


@dataclass(frozen=True)
class At:
    """A GIFT value with the line it came from."""

    value: Any
    line: int | None


def located(obj: Any, line: int | None) -> Node:
    if isinstance(obj, At):
        return located(obj.value, obj.line)
    if isinstance(obj, dict):
        items = []
        for key, value in obj.items():
            child = located(value, line)
            items.append((key, child.line, child))
        return Node(line, "map", items=items)
    if isinstance(obj, list):
        return Node(line, "seq", items=[located(value, line) for value in obj])
    if obj is None:
        return Node(line, "scalar")
    return Node(line, "scalar", value=obj, text=obj if isinstance(obj, str) else str(obj))


# --------------------------------------------------------------------------------------------
# Checking and normalising


def _number_or_none(node: Node) -> Decimal | None:
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


def normal_number(number: Decimal) -> int | str:
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return int(number) if exponent >= 0 else str(number)


class Checker:
    """Checks a located tree and returns it in the normal form, collecting every problem.

    With ``single_language``, a text with one part empty is accepted (a Moodle bank written in
    one language); ``untranslated`` then counts such texts, so the import can mark the scenario
    as needing translation."""

    def __init__(self, known_tags: set[str], ar_hint: str = "", single_language: bool = False):
        self.known_tags = set(known_tags)
        self.ar_hint = ar_hint
        self.single_language = single_language
        self.untranslated = 0
        self.problems: list[Problem] = []

    def add(self, line: int | None, where: str, message: str) -> None:
        self.problems.append(Problem(line, where, message))

    # -- generic pieces ----------------------------------------------------------------------

    def mapping(
        self,
        node: Node,
        where: str,
        allowed: tuple[str, ...],
        label: str = "",
        expect: str = "a mapping",
    ) -> dict[str, Node] | None:
        prefix = f"{label}: " if label else ""
        if node.kind != "map":
            self.add(node.line, where, f"{prefix}expected {expect}, got {_describe(node)}")
            return None
        fields: dict[str, Node] = {}
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

    def required(self, fields: dict[str, Node], key: str, parent: Node, where: str) -> bool:
        if key in fields:
            return True
        self.add(parent.line, where, f"{key}: required")
        return False

    def string(self, node: Node, where: str, label: str) -> str | None:
        if node.kind != "scalar" or node.text is None:
            self.add(node.line, where, f"{label}: expected text, got {_describe(node)}")
            return None
        unreadable = _UNREADABLE.search(node.text)
        if unreadable:
            self.add(
                node.line,
                where,
                f"{label}: contains the character U+{ord(unreadable.group()):04X}, which is not "
                "text (a control character or half of a broken character)",
            )
            return None
        return node.text

    def code(
        self,
        node: Node | None,
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
        fields: dict[str, Node],
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
        self, fields: dict[str, Node], key: str, parent: Node, where: str, required: bool
    ) -> dict[str, str] | None:
        node = fields.get(key)
        if node is None:
            if required:
                self.add(parent.line, where, f"{key}: required, in English (en) and Arabic (ar)")
            return None
        parts = self.mapping(
            node, where, LANGUAGES, label=key, expect="a mapping with 'en' and 'ar'"
        )
        if parts is None:
            return None
        result: dict[str, str] = {}
        complete = True
        broken: set[str] = set()  # reported already
        for lang in LANGUAGES:
            value = ""
            if lang in parts:
                raw = self.string(parts[lang], where, f"{key}.{lang}")
                if raw is None:
                    complete = False
                    broken.add(lang)
                    continue
                value = raw.strip()
                limit = TEXT_MAX_LENGTH.get(key)
                if limit is not None and len(value) > limit:
                    complete = False
                    self.add(
                        node.line,
                        where,
                        f"{key}: {len(value)} characters long; a {key} has at most {limit}",
                    )
            result[lang] = value
        written = [lang for lang in LANGUAGES if result.get(lang)]
        if self.single_language and len(written) == 1 and complete:
            self.untranslated += 1
            return result
        for lang in LANGUAGES:
            if not result.get(lang) and lang not in broken:
                complete = False
                if lang == "en":
                    self.add(node.line, where, f"{key}: missing English text (en)")
                else:
                    # The hint is about the file's syntax: none for values given otherwise.
                    hint = self.ar_hint if node.line is not None else ""
                    self.add(node.line, where, f"{key}: missing Arabic translation (ar){hint}")
        return result if complete else None

    def flag(self, fields: dict[str, Node], key: str, where: str, default: bool) -> bool | None:
        node = fields.get(key)
        if node is None:
            return default
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.add(node.line, where, f"{key}: must be true or false, got {_describe(node)}")
            return None
        return node.value

    def number(self, node: Node, where: str, label: str) -> int | str | None:
        number = _number_or_none(node)
        if number is None:
            self.add(node.line, where, f"{label}: must be a number, got {_describe(node)}")
            return None
        return normal_number(number)

    def codes_list(
        self,
        fields: dict[str, Node],
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

    def tags(self, fields: dict[str, Node], where: str) -> list[str] | None:
        return self.codes_list(fields, "tags", where, self.known_tags, "unknown tag")

    # -- the exchange format -----------------------------------------------------------------

    def scenarios(self, root: Node | None) -> list[dict]:
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
            scenario = self.scenario(node, peek_code(node) or f"scenario {index}", seen)
            if scenario is not None:
                result.append(scenario)
        return result

    def scenario(
        self,
        node: Node,
        where: str,
        seen: dict[str, int | None],
        questions_required: bool = True,
    ) -> dict | None:
        fields = self.mapping(node, where, SCENARIO_KEYS, expect="a scenario (a mapping)")
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
        self, node: Node, scenario_where: str, index: int, seen: dict[str, int | None]
    ) -> dict | None:
        where = f"{scenario_where}{SEP}{peek_code(node) or f'question {index}'}"
        fields = self.mapping(node, where, QUESTION_KEYS, expect="a question (a mapping)")
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
        general_feedback = self.text(fields, "general_feedback", node, where, required=False)

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

        if general_feedback is not None:
            question["general_feedback"] = general_feedback
        if shape_ok:
            try:
                validate_answer(question, None)
            except ValueError as error:
                self.add(node.line, where, str(error))
        return question if len(self.problems) == before else None

    def options(self, node: Node, qtype: str | None, where: str) -> tuple[list[dict], bool]:
        if node.kind != "seq":
            self.add(node.line, where, f"options: expected a list, got {_describe(node)}")
            return [], False
        options: list[dict] = []
        first_line: dict[str, int | None] = {}
        shape_ok = True
        marked_correct = 0
        for index, item in enumerate(node.items, 1):
            option_where = f"{where}{SEP}option {peek_code(item) or index}"
            fields = self.mapping(item, option_where, OPTION_KEYS, expect="an option (a mapping)")
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
        self, node: Node, where: str, answers: dict[str, tuple[dict | None, int | None]]
    ) -> tuple[list[dict], bool]:
        """The pairs; ``answers`` collects each answer code's text and first line."""
        if node.kind != "seq":
            self.add(node.line, where, f"pairs: expected a list, got {_describe(node)}")
            return [], False
        pairs: list[dict] = []
        first_line: dict[str, int | None] = {}
        shape_ok = True
        for index, item in enumerate(node.items, 1):
            pair_where = f"{where}{SEP}pair {peek_code(item) or index}"
            fields = self.mapping(item, pair_where, PAIR_KEYS, expect="a pair (a mapping)")
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
                    ANSWER_KEYS,
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
        self, node: Node, where: str, answers: dict[str, tuple[dict | None, int | None]]
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
            spare_where = f"{where}{SEP}spare answer {peek_code(item) or index}"
            fields = self.mapping(
                item,
                spare_where,
                ANSWER_KEYS,
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
                        text[lang] and other_text[lang] == text[lang] for lang in LANGUAGES
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


def peek_code(node: Node) -> str | None:
    """The node's valid code, to name it in every problem, including those found before it."""
    if node.kind == "map":
        for key, _, child in node.items:
            if (
                key == "code"
                and child.text is not None
                and len(child.text) <= SCENARIO_CODE_MAX_LENGTH
                and CODE.fullmatch(child.text)
            ):
                return child.text
    return None


def _describe(node: Node) -> str:
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


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: problem.line or 0)
