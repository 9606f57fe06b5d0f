"""Scoring of trainees' answers: the contract in docs/scoring.md.

Pure Python (standard library only) so the same rules serve views, background tasks, imports,
analytics re-scoring of frozen quiz versions and tests, with no Django in the way.

A *question* is a dict in the scenario exchange format, as loaded from YAML: ``code``, ``type``
(single_choice | true_false | multiple_response | ordering | matching), ``points`` (default 1),
``scoring`` (partial, the default, | all_or_nothing), ``critical`` (default false), ``options``
(``[{code, correct?, weight?, ...}]``, listed in the correct order for ordering) or, for
matching, ``pairs`` (``[{code, prompt, answer: {code, ...}}]``) and optional
``spare_answers`` (``[{code, ...}]``: answers on offer that match no prompt; choosing one for a
prompt is a valid answer and a wrong match). Other keys (stem, tags, feedback) are ignored.

An *answer* is a list of option codes (single choice and true/false: one code; multiple response:
the chosen codes; ordering: every code, in the trainee's order), for matching a dict of prompt
code -> answer code, or ``None``. ``None``, an empty list and an empty dict mean "no answer".

Credit earned, as a fraction of ``points``:

- single choice, true/false: ``weight / 100`` of the chosen option; an option without ``weight``
  weighs 100 if ``correct`` else 0. ``scoring`` does not apply: weights already grade the options.
- multiple response: partial, under rules edition 2,
  ``max(0, correct chosen / correct options - incorrect chosen / incorrect options)`` (the second
  term is 0 when every option is correct), so ticking every box earns nothing; under edition 1
  ``max(0, (correct chosen - incorrect chosen) / correct options)``. all_or_nothing: 1 only for
  exactly the correct set, in every edition.
- ordering: partial ``(adjacent pairs of the answer that are adjacent and in the same order in
  the key) / (n - 1)``; all_or_nothing 1 only for the exact order.
- matching: partial ``correct matches / prompts``; all_or_nothing 1 only when every prompt matches.
- no answer: 0.

Editions: the rules above change only by a new edition number (``RULE_EDITIONS``). A frozen quiz
version records the edition it was published under, and its attempts are scored and re-scored
under that edition (``rules=``), so changing the rules never moves a past grade.
``CURRENT_RULES`` is the edition new versions are published under.

Arithmetic is exact (integer ratios, never floats). A question's score is ``points x credit``
rounded HALF-UP to 4 decimal places (so 1/3 of a point is 0.3333). An attempt's percent is the sum
of those rounded scores over the total points x 100, rounded HALF-UP to 2 places. An attempt passes
when that rounded percent is >= the pass mark and every critical question earned full credit.

Errors: ``InvalidAnswer`` (a ``ValueError``) when an answer does not fit its question, so callers
can reject it before storing it; a plain ``ValueError`` when the question itself is malformed.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from assessments.vocabulary import (
    ALL_OR_NOTHING,
    DEFAULT_SCORING,
    MATCHING,
    MULTIPLE_RESPONSE,
    ORDERING,
    QUESTION_TYPES,
    SCORING_MODES,
    SINGLE_ANSWER_TYPES,
    TRUE_FALSE,
)

__all__ = [
    "CURRENT_RULES",
    "RULE_EDITIONS",
    "AttemptScore",
    "InvalidAnswer",
    "score_attempt",
    "score_question",
    "validate_answer",
]

# Edition 1: multiple response partial = (correct - incorrect chosen) / correct options, which gave
# 60 % for ticking every box of a question with 5 of 7 options correct. Edition 2 (December 2026)
# subtracts the share of incorrect options chosen instead (docs/scoring.md, "Editions").
RULE_EDITIONS = (1, 2)
CURRENT_RULES = 2

_SCORE_PLACES = 4
_PERCENT_PLACES = 2


class InvalidAnswer(ValueError):
    """An answer that does not fit its question: unknown or duplicate code, or wrong shape."""


@dataclass(frozen=True)
class AttemptScore:
    """An attempt's result.

    ``points`` is the sum of ``question_scores`` (each already rounded to 4 places);
    ``percent`` is ``points / max_points x 100`` rounded HALF-UP to 2 places (0 when
    ``max_points`` is 0); ``critical_failed`` lists, in question order, the codes of critical
    questions below full marks; ``passed`` is ``percent >= pass_mark and not critical_failed``.
    """

    points: Decimal
    max_points: Decimal
    percent: Decimal
    passed: bool
    critical_failed: tuple[str, ...]
    question_scores: tuple[Decimal, ...]


@dataclass(frozen=True)
class _Question:
    code: str
    type: str
    points: Decimal
    all_or_nothing: bool
    critical: bool
    # Option codes in listed order (the key for ordering); prompt codes for matching.
    codes: tuple[str, ...]
    weights: dict[str, Decimal]  # choice types
    correct: frozenset[str]  # multiple response
    key: dict[str, str]  # matching: prompt code -> answer code
    answer_codes: frozenset[str]  # matching: every answer code on offer, spare answers too


def validate_answer(question: dict, answer: Any) -> None:
    """Raise InvalidAnswer unless ``answer`` is a well-formed answer (or none) to ``question``."""
    _check_answer(_parse_question(question), answer)


def score_question(question: dict, answer: Any, *, rules: int = CURRENT_RULES) -> Decimal:
    """Points earned for ``answer`` under rules edition ``rules``, rounded HALF-UP to 4 decimal
    places."""
    _check_edition(rules)
    validate_answer(question, answer)
    parsed = _parse_question(question)
    numerator, denominator = _credit(parsed, _check_answer(parsed, answer), rules)
    return _points_for(parsed.points, numerator, denominator)


def score_attempt(
    questions: list[dict],
    answers: list,
    pass_mark: int | Decimal | str,
    *,
    rules: int = CURRENT_RULES,
) -> AttemptScore:
    """Score a whole attempt under rules edition ``rules``; ``answers[i]`` answers
    ``questions[i]``."""
    _check_edition(rules)
    if len(questions) != len(answers):
        raise ValueError(f"{len(questions)} questions but {len(answers)} answers")
    mark = _pass_mark(pass_mark)
    scores: list[Decimal] = []
    critical_failed: list[str] = []
    max_points = Decimal(0)
    for question, answer in zip(questions, answers, strict=True):
        parsed = _parse_question(question)
        numerator, denominator = _credit(parsed, _check_answer(parsed, answer), rules)
        scores.append(_points_for(parsed.points, numerator, denominator))
        max_points += parsed.points
        # Judged on the exact credit, not the rounded score: a near miss that rounds up to the
        # full points (e.g. weight 99.999) is still below full marks on a critical question.
        if parsed.critical and numerator != denominator:
            critical_failed.append(parsed.code)
    points = sum(scores, Decimal(0))
    if max_points:
        scored_n, scored_d = points.as_integer_ratio()
        max_n, max_d = max_points.as_integer_ratio()
        percent = _round_half_up(scored_n * max_d * 100, scored_d * max_n, _PERCENT_PLACES)
    else:
        percent = _round_half_up(0, 1, _PERCENT_PLACES)
    return AttemptScore(
        points=_round_half_up(*points.as_integer_ratio(), _SCORE_PLACES),
        max_points=_round_half_up(*max_points.as_integer_ratio(), _SCORE_PLACES),
        percent=percent,
        passed=percent >= mark and not critical_failed,
        critical_failed=tuple(critical_failed),
        question_scores=tuple(scores),
    )


def _check_edition(rules: Any) -> None:
    # A version from a newer release, or a typo, must not be scored under some other edition.
    if isinstance(rules, bool) or rules not in RULE_EDITIONS:
        raise ValueError(f"unknown scoring rules edition {rules!r}; known: {RULE_EDITIONS}")


def _round_half_up(numerator: int, denominator: int, places: int) -> Decimal:
    # Integer division avoids any intermediate rounding that could move a value across a .5
    # boundary before the final HALF-UP step. Inputs are never negative here.
    scaled, remainder = divmod(numerator * 10**places, denominator)
    if 2 * remainder >= denominator:
        scaled += 1
    # Built from a string: exact at any size, where arithmetic would round to the context.
    return Decimal(f"{scaled}E-{places}")


def _points_for(points: Decimal, numerator: int, denominator: int) -> Decimal:
    points_n, points_d = points.as_integer_ratio()
    return _round_half_up(points_n * numerator, points_d * denominator, _SCORE_PLACES)


def _to_decimal(value: Any, what: str) -> Decimal:
    # bool is an int subclass; `points: true` in YAML is an authoring slip, not 1 point.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{what} must be a number, got {value!r}")
    try:
        # str() first so a YAML float such as 0.1 becomes 0.1, not its binary expansion.
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return number


def _pass_mark(value: Any) -> Decimal:
    mark = _to_decimal(value, "pass_mark")
    if not 0 <= mark <= 100:
        raise ValueError(f"pass_mark must be between 0 and 100, got {value!r}")
    return mark


def _optional(mapping: dict, key: str, default: Any) -> Any:
    # YAML turns `key:` with no value into None; treat that as "not given".
    value = mapping.get(key)
    return default if value is None else value


def _flag(mapping: dict, key: str, where: str) -> bool:
    value = _optional(mapping, key, False)
    # A quoted "false" would be truthy; refuse rather than silently mark an option correct.
    if not isinstance(value, bool):
        raise ValueError(f"{where}: '{key}' must be true or false, got {value!r}")
    return value


def _code(mapping: Any, where: str) -> str:
    if not isinstance(mapping, dict):
        raise ValueError(f"{where} must be a mapping, got {type(mapping).__name__}")
    code = mapping.get("code")
    if not isinstance(code, str) or not code:
        raise ValueError(f"{where} needs a non-empty string 'code', got {code!r}")
    return code


def _entries(question: dict, key: str, where: str, minimum: int) -> list[dict]:
    entries = question.get(key)
    if not isinstance(entries, list | tuple) or len(entries) < minimum:
        raise ValueError(f"{where} needs at least {minimum} {key}")
    return list(entries)


def _unique_codes(entries: list[dict], where: str) -> tuple[str, ...]:
    codes = tuple(
        _code(entry, f"{where}, entry {index + 1}") for index, entry in enumerate(entries)
    )
    if len(set(codes)) != len(codes):
        raise ValueError(f"{where} has duplicate codes: {list(codes)}")
    return codes


def _parse_question(question: Any) -> _Question:
    code = _code(question, "question")
    where = f"question {code}"
    qtype = question.get("type")
    if qtype not in QUESTION_TYPES:
        raise ValueError(f"{where}: unknown type {qtype!r}")
    points = _to_decimal(_optional(question, "points", 1), f"{where}: points")
    if points < 0:
        raise ValueError(f"{where}: points must not be negative")
    # More than 4 places could round a full-credit score above the question's own points.
    if points.normalize().as_tuple().exponent < -_SCORE_PLACES:
        raise ValueError(f"{where}: points may have at most {_SCORE_PLACES} decimal places")
    scoring = _optional(question, "scoring", DEFAULT_SCORING)
    if scoring not in SCORING_MODES:
        raise ValueError(f"{where}: scoring must be 'partial' or 'all_or_nothing'")
    weights: dict[str, Decimal] = {}
    correct: frozenset[str] = frozenset()
    key: dict[str, str] = {}
    answer_codes: frozenset[str] = frozenset()

    if qtype == MATCHING:
        pairs = _entries(question, "pairs", where, 1)
        codes = _unique_codes(pairs, where)
        for prompt, pair in zip(codes, pairs, strict=True):
            key[prompt] = _code(pair.get("answer"), f"{where}, answer of pair {prompt}")
        # Spare answers are on offer too: choosing one is a valid answer, and simply wrong.
        spares = _optional(question, "spare_answers", [])
        if not isinstance(spares, list | tuple):
            raise ValueError(f"{where}: spare_answers must be a list")
        spare_codes = _unique_codes(list(spares), f"{where}, spare answers")
        taken = set(key.values()) & set(spare_codes)
        if taken:
            raise ValueError(f"{where}: spare answer codes {sorted(taken)} are already answers")
        answer_codes = frozenset(key.values()) | frozenset(spare_codes)
    else:
        # One-option choices and one-item orderings cannot discriminate (and n - 1 would be 0).
        minimum = 1 if qtype == MULTIPLE_RESPONSE else 2
        options = _entries(question, "options", where, minimum)
        codes = _unique_codes(options, where)
        if qtype == TRUE_FALSE and len(codes) != 2:
            raise ValueError(f"{where}: a true/false question has exactly 2 options")
        if qtype in SINGLE_ANSWER_TYPES:
            for option_code, option in zip(codes, options, strict=True):
                option_where = f"{where}, option {option_code}"
                is_correct = _flag(option, "correct", option_where)
                weight = option.get("weight")
                if weight is None:
                    weights[option_code] = Decimal(100 if is_correct else 0)
                else:
                    weights[option_code] = _to_decimal(weight, f"{option_where}: weight")
                    if not 0 <= weights[option_code] <= 100:
                        raise ValueError(f"{option_where}: weight must be between 0 and 100")
            # Without a full-credit option nobody could reach full marks, and a critical
            # question would fail every attempt.
            if max(weights.values()) != 100:
                raise ValueError(f"{where}: no option is correct or weighs 100")
        elif qtype == MULTIPLE_RESPONSE:
            correct = frozenset(
                option_code
                for option_code, option in zip(codes, options, strict=True)
                if _flag(option, "correct", f"{where}, option {option_code}")
            )
            if not correct:
                raise ValueError(f"{where}: a multiple-response question needs a correct option")

    return _Question(
        code=code,
        type=qtype,
        points=points,
        all_or_nothing=scoring == ALL_OR_NOTHING,
        critical=_flag(question, "critical", where),
        codes=codes,
        weights=weights,
        correct=correct,
        key=key,
        answer_codes=answer_codes,
    )


def _check_answer(question: _Question, answer: Any) -> tuple[str, ...] | dict[str, str] | None:
    """Return the answer in normal form, or None for no answer; raise InvalidAnswer."""
    where = f"question {question.code}"
    if answer is None:
        return None
    if question.type == MATCHING:
        if not isinstance(answer, dict):
            raise InvalidAnswer(
                f"{where}: a matching answer maps prompt codes to answer codes, "
                f"got {type(answer).__name__}"
            )
        matched: dict[str, str] = {}
        for prompt, chosen in answer.items():
            if not isinstance(prompt, str) or prompt not in question.key:
                raise InvalidAnswer(f"{where}: unknown prompt code {prompt!r}")
            if chosen is None:  # a prompt left unmatched
                continue
            if not isinstance(chosen, str) or chosen not in question.answer_codes:
                raise InvalidAnswer(f"{where}: unknown answer code {chosen!r} for {prompt}")
            matched[prompt] = chosen
        return matched or None

    # A bare string is a sequence too; "AB" must not read as the two codes A and B.
    if not isinstance(answer, list | tuple):
        raise InvalidAnswer(
            f"{where}: expected a list of option codes, got {type(answer).__name__}"
        )
    if not answer:
        return None
    known = set(question.codes)
    seen: set[str] = set()
    for code in answer:
        if not isinstance(code, str) or code not in known:
            raise InvalidAnswer(f"{where}: unknown option code {code!r}")
        if code in seen:
            raise InvalidAnswer(f"{where}: option {code} is given more than once")
        seen.add(code)
    if question.type in SINGLE_ANSWER_TYPES and len(answer) != 1:
        raise InvalidAnswer(f"{where}: choose exactly one option, got {len(answer)}")
    if question.type == ORDERING and len(answer) != len(question.codes):
        raise InvalidAnswer(
            f"{where}: an ordering answer lists all {len(question.codes)} options, "
            f"got {len(answer)}"
        )
    return tuple(answer)


def _credit(
    question: _Question, answer: tuple[str, ...] | dict[str, str] | None, rules: int
) -> tuple[int, int]:
    """Fraction of the question's points earned, as (numerator, denominator)."""
    if answer is None:
        return 0, 1
    if question.type == MATCHING:
        assert isinstance(answer, dict)
        hits = sum(answer.get(prompt) == target for prompt, target in question.key.items())
        total = len(question.key)
        if question.all_or_nothing:
            return (1, 1) if hits == total else (0, 1)
        return hits, total

    assert isinstance(answer, tuple)
    if question.type in SINGLE_ANSWER_TYPES:
        weight_n, weight_d = question.weights[answer[0]].as_integer_ratio()
        return weight_n, weight_d * 100

    if question.type == MULTIPLE_RESPONSE:
        chosen = set(answer)
        if question.all_or_nothing:
            return (1, 1) if chosen == question.correct else (0, 1)
        right = len(chosen & question.correct)
        wrong = len(chosen - question.correct)
        correct_options = len(question.correct)
        if rules == 1:
            return max(0, right - wrong), correct_options
        incorrect_options = len(question.codes) - correct_options
        if incorrect_options == 0:
            return right, correct_options
        # right / correct - wrong / incorrect, over the common denominator.
        numerator = right * incorrect_options - wrong * correct_options
        return max(0, numerator), correct_options * incorrect_options

    # ordering: credit each neighbouring pair the trainee placed as the key does.
    if question.all_or_nothing:
        return (1, 1) if answer == question.codes else (0, 1)
    position = {code: index for index, code in enumerate(question.codes)}
    hits = sum(
        position[answer[index + 1]] == position[answer[index]] + 1
        for index in range(len(answer) - 1)
    )
    return hits, len(question.codes) - 1
