"""The item-writing check: flaws that let a test-wise trainee find the key without the judgement
the question is meant to measure (standard item-writing guidance: items measure judgement,
not test-wiseness).

Pure: it reads scenarios in the exchange format (docs/exchange-format.md, either the normal form
the readers return or a file's raw mapping, whose defaults it assumes) and needs no database, so
the scenario editor, the quiz editor and the import report the same warnings. It only warns:
nothing here refuses a scenario, because a flagged item can be a deliberate choice.

The rules, each with the name tests and reports use:

``longest_key``
    A key (a correct option, or one weighing 100) *markedly* longer than every distractor, in
    either language: at least ``LONGEST_KEY_RATIO`` (1.5) times the length of the longest
    distractor and at least ``LONGEST_KEY_MARGIN`` (10) characters longer, so that "Yes" against
    "No" is not flagged. Single choice and multiple response (true/false options are "True" and
    "False"). Lengths are counted in characters of the stripped text.
``key_position``
    Across the single-choice questions of a scenario, or of a quiz that does not shuffle its
    options: at least ``KEY_POSITION_MINIMUM`` (4) questions and one written position (1st,
    2nd, …) holding the key in more than half of them.
``few_distractors``
    A multiple-response question with fewer than two incorrect options.
``keys_first``
    A multiple-response question whose correct options are all written before every distractor.
``no_spare_answers``
    A matching question without spare answers (the last match is found by elimination).
``critical_partial_credit``
    An option weighing strictly between 0 and 100 on a critical question: on a critical question
    options are right or harmful (docs/scoring.md, critical questions), and anything below
    full marks fails anyway.
``all_of_the_above``
    An option "all of the above", "none of the above" (or "both of the above"), or in Arabic
    "جميع ما سبق", "كل ما سبق", "لا شيء مما سبق" (and "جميع ما ذكر", "لا شيء مما ذكر").
``negative_stem``
    A stem worded negatively without emphasis: English "not", "except", "never", "least" or a
    "-n't" word neither in capitals nor inside ``<strong>``, ``<b>``, ``<em>`` or ``**…**``;
    Arabic "لا", "ليس", "ليست", "عدا", "باستثناء" outside ``<strong>``/``**`` (Arabic has no
    capitals). "لا يزال" and its forms ("still") are not negative. Only the sentences that ask
    (ending in "?" or "؟") are read, so a case told in the stem ("Lina does not want …. What do
    you do first?") is not flagged; a true/false statement is read whole.
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .vocabulary import MATCHING, MULTIPLE_RESPONSE, SINGLE_CHOICE, TRUE_FALSE

LONGEST_KEY_RATIO = 1.5
LONGEST_KEY_MARGIN = 10
KEY_POSITION_MINIMUM = 4
LANGUAGES = ("en", "ar")

# Joins codes in `where`, as the exchange checker's problems do.
SEPARATOR = " \u203a "


@dataclass(frozen=True)
class ItemWarning:
    """One flaw: the rule's name, where it is (codes joined by SEPARATOR) and what to change."""

    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_scenario(scenario: dict) -> list[ItemWarning]:
    """Every warning for one scenario, question by question, then its key positions."""
    code = scenario.get("code") or "?"
    warnings = []
    for question in scenario.get("questions", []):
        warnings += _check_question(question, f"{code}{SEPARATOR}{question.get('code') or '?'}")
    warnings += _key_positions(
        [(code, q) for q in scenario.get("questions", [])],
        where=code,
        scope=_("this scenario"),
    )
    return warnings


def check_scenarios(scenarios: list[dict]) -> list[ItemWarning]:
    """Every warning for each scenario of a file or bank, in order."""
    return [warning for scenario in scenarios for warning in check_scenario(scenario)]


def check_quiz(*, code: str, scenarios: list[dict], shuffle_options: bool) -> list[ItemWarning]:
    """The warnings of a quiz's scenarios, and key positions across the whole quiz when it shows
    options in their written order (shuffled options put the key anywhere, whatever the
    writing)."""
    warnings = check_scenarios(scenarios)
    if not shuffle_options:
        questions = [(s.get("code"), q) for s in scenarios for q in s.get("questions", [])]
        warnings += _key_positions(questions, where=code, scope=_("this quiz"))
    return warnings


# --- Questions ---------------------------------------------------------------------------------


def _check_question(question: dict, where: str) -> list[ItemWarning]:
    kind = question.get("type")
    options = question.get("options") or []
    warnings = []
    if kind in (SINGLE_CHOICE, MULTIPLE_RESPONSE):
        warnings += _longest_key(options, where)
    if kind == MULTIPLE_RESPONSE:
        warnings += _multiple_response(options, where)
    if kind == MATCHING and not question.get("spare_answers"):
        warnings.append(
            ItemWarning(
                "no_spare_answers",
                where,
                _(
                    "Add spare answers (answers that match no prompt): without them the last "
                    "match is found by elimination."
                ),
            )
        )
    if question.get("critical"):
        for option in options:
            weight = option.get("weight")
            if weight is not None and 0 < weight < 100:
                warnings.append(
                    ItemWarning(
                        "critical_partial_credit",
                        f"{where}{SEPARATOR}{option.get('code')}",
                        _(
                            "An option of a critical question weighs %(weight)s: on a critical "
                            "question an option is right (100) or harmful (0)."
                        )
                        % {"weight": weight},
                    )
                )
    for option in options:
        phrase = _all_of_the_above(option.get("text") or {})
        if phrase:
            warnings.append(
                ItemWarning(
                    "all_of_the_above",
                    f"{where}{SEPARATOR}{option.get('code')}",
                    _(
                        "Avoid “%(phrase)s”: it can be chosen by spotting two right (or wrong) "
                        "options, without judging each one."
                    )
                    % {"phrase": phrase},
                )
            )
    word = _unemphasised_negative(question.get("stem") or {}, whole=kind == TRUE_FALSE)
    if word:
        warnings.append(
            ItemWarning(
                "negative_stem",
                where,
                _(
                    "The question is worded negatively (“%(word)s”) without emphasis: write it "
                    "in capitals or bold (<strong> or **), or ask the question positively."
                )
                % {"word": word},
            )
        )
    return warnings


def _is_key(option: dict) -> bool:
    return bool(option.get("correct")) or option.get("weight") == 100


def _length(option: dict, language: str) -> int:
    return len(((option.get("text") or {}).get(language) or "").strip())


def _longest_key(options: list[dict], where: str) -> list[ItemWarning]:
    keys = [option for option in options if _is_key(option)]
    distractors = [option for option in options if not _is_key(option)]
    if not keys or not distractors:
        return []
    warnings = []
    for key in keys:
        for language in LANGUAGES:
            longest = max(_length(option, language) for option in distractors)
            length = _length(key, language)
            if length >= LONGEST_KEY_RATIO * longest and length - longest >= LONGEST_KEY_MARGIN:
                warnings.append(
                    ItemWarning(
                        "longest_key",
                        f"{where}{SEPARATOR}{key.get('code')}",
                        _(
                            "A correct option is much longer than every distractor "
                            "(%(length)s characters against at most %(longest)s in %(language)s): "
                            "trainees learn that the longest option is right. Shorten it or "
                            "give the distractors the same detail."
                        )
                        % {
                            "length": length,
                            "longest": longest,
                            "language": _("English") if language == "en" else _("Arabic"),
                        },
                    )
                )
                break  # one warning per option, whichever language shows it
    return warnings


def _multiple_response(options: list[dict], where: str) -> list[ItemWarning]:
    flags = [_is_key(option) for option in options]
    warnings = []
    distractors = flags.count(False)
    if distractors < 2:
        warnings.append(
            ItemWarning(
                "few_distractors",
                where,
                _(
                    "Only %(count)s incorrect option(s): with fewer than two, ticking every box "
                    "is nearly right. Add plausible non-indicators."
                )
                % {"count": distractors},
            )
        )
    if distractors and True in flags and flags.index(False) == flags.count(True):
        warnings.append(
            ItemWarning(
                "keys_first",
                where,
                _(
                    "Every correct option is written before every distractor: mix them, so that "
                    "the order does not show where the key ends."
                ),
            )
        )
    return warnings


def _key_positions(questions: list[tuple[str, dict]], *, where: str, scope) -> list[ItemWarning]:
    """Written positions of the single-choice keys: flagged when one holds most of them."""
    positions = []
    for _scenario, question in questions:
        if question.get("type") != SINGLE_CHOICE:
            continue
        options = question.get("options") or []
        keys = [number for number, option in enumerate(options, start=1) if _is_key(option)]
        if len(keys) == 1:
            positions.append(keys[0])
    if len(positions) < KEY_POSITION_MINIMUM:
        return []
    position, count = Counter(positions).most_common(1)[0]
    if count * 2 <= len(positions):
        return []
    return [
        ItemWarning(
            "key_position",
            where,
            _(
                "In %(scope)s the key is option %(position)s in %(count)s of %(total)s "
                "single-choice questions: vary the key's position (and shuffle options)."
            )
            % {"scope": scope, "position": position, "count": count, "total": len(positions)},
        )
    ]


# --- Wording -----------------------------------------------------------------------------------

_ABOVE = re.compile(
    r"\b(all|none|both) of the (above|previous)\b|"
    r"(جميع|كل) ما (سبق|ذكر|ذُكر)|لا شيء مما (سبق|ذكر|ذُكر)",
    re.IGNORECASE,
)


def _all_of_the_above(text: dict) -> str:
    for language in LANGUAGES:
        match = _ABOVE.search(" ".join((text.get(language) or "").split()))
        if match:
            return match.group(0)
    return ""


_EMPHASIS = re.compile(r"<(strong|b|em)\b[^>]*>.*?</\1>|\*\*.+?\*\*|__.+?__", re.IGNORECASE | re.S)
_ENGLISH_NEGATIVE = re.compile(r"\b(not|except|never|least|\w+n['\u2019]t)\b", re.IGNORECASE)
# Arabic words are matched whole (between spaces or punctuation), so that "لا" inside "لاجئ"
# or a clitic-joined form is not taken for the negation.
_ARABIC_NEGATIVE = re.compile(r"(?<![\w])(لا|ليس|ليست|عدا|باستثناء)(?![\w])")
_ARABIC_STILL = re.compile(r"(?<![\w])لا\s+(يزال|تزال|يزالون|تزالين|زال|زالت|أزال|نزال)(?![\w])")


_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def _asked(text: str, *, whole: bool) -> str:
    """The part of a stem that asks: its sentences ending in a question mark (a case told
    before the question may well say what someone did not do), or the whole stem when none
    does or when the stem is a true/false statement, all of which is judged."""
    if whole:
        return text
    questions = [s for s in _SENTENCE_END.split(text) if s.rstrip().endswith(("?", "؟"))]
    return " ".join(questions) if questions else text


def _unemphasised_negative(stem: dict, *, whole: bool) -> str:
    """The first negative word of the asking part of the stem that is not emphasised, or ""."""
    english = _EMPHASIS.sub(" ", _asked(stem.get("en") or "", whole=whole))
    for match in _ENGLISH_NEGATIVE.finditer(english):
        word = match.group(0)
        if not (word.isupper() and len(word) > 1):
            return word
    arabic = _EMPHASIS.sub(" ", _asked(stem.get("ar") or "", whole=whole))
    match = _ARABIC_NEGATIVE.search(_ARABIC_STILL.sub(" ", arabic))
    return match.group(0) if match else ""
