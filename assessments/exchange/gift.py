"""Moodle GIFT: reading questions into one scenario through the shared checker, and writing a
scenario's questions back.

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
"""

import re
from decimal import Decimal
from typing import Any

from assessments.vocabulary import (
    CODE,
    DEFAULT_SCORING,
    MATCHING,
    MULTIPLE_RESPONSE,
    ORDERING,
    SINGLE_CHOICE,
    TRUE_FALSE,
)
from cms.content_warnings import ContentWarning

from .checker import (
    SEP,
    At,
    Checker,
    ExchangeError,
    Problem,
    located,
    normal_number,
    peek_code,
    sorted_problems,
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
        "questions": At(questions, None),
    }
    checker = Checker(known_tags, ar_hint=_GIFT_AR_HINT)
    tree = located(scenario, None)
    where = peek_code(tree) or "scenario"
    result = checker.scenario(tree, where, {}, questions_required=False)
    problems.extend(checker.problems)
    if problems:
        raise ExchangeError(sorted_problems(problems))
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
        self.where = f"{scenario_code}{SEP}{self.code}"
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
            q.where = f"{scenario_code}{SEP}{name}"
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
    stem = At(q.bilingual(stem_chars, "question text"), stem_line)

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
        "code": At(q.code, q.first_line),
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
        question["options"] = At(_gift_true_false(q, block, hash_at, _TRUE_FALSE[head]), block_line)
        return None if q.problems else At(question, q.first_line)

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
        question["pairs"] = At(pairs, block_line)
        if spares:
            question["spare_answers"] = At(spares, block_line)
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
        question["options"] = At(_gift_options(q, answers, qtype), block_line)
    return None if q.problems else At(question, q.first_line)


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
        where = f"{q.where}{SEP}option {code}"
        chars = _strip(chars)
        weight: int | str | None = None
        if chars and chars[0] == ("%", False, chars[0][2]):
            end = _find(chars, "%", 1)
            raw = _plain(chars[1:end]) if end > 0 else ""
            if end < 0 or not _WEIGHT.fullmatch(raw):
                q.problem(line, "a weight is written %number%, e.g. ~%50%", where)
                continue
            weight = normal_number(Decimal(raw))
            chars = chars[end + 1 :]
        text_chars, feedback_chars = _feedback_split(chars)
        text = At(q.bilingual(text_chars, "text", where), line)
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
        options.append(At(option, line))
    return options


def _add_feedback(
    q: _GiftQuestion, entry: dict, chars: list[_Char] | None, line: int, where: str
) -> None:
    if chars is None or not _plain(chars):
        return
    entry["feedback"] = At(q.bilingual(chars, "feedback", where), _line(chars, line))


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
        _add_feedback(q, option, feedback, line, f"{q.where}{SEP}option {code}")
        options.append(At(option, line))
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
            where = f"{q.where}{SEP}spare answer {next_code}"
            if feedback_chars is not None and _plain(feedback_chars):
                q.problem(line, "a spare answer (no prompt) takes no feedback", where)
            spare_text = q.bilingual(answer_chars, "text", where)
            spares.append(At({"code": next_code, "text": At(spare_text, line)}, line))
            continue
        code = f"P{len(pairs) + 1}"
        where = f"{q.where}{SEP}pair {code}"
        answer_text = q.bilingual(answer_chars, "answer text", where)
        key = (answer_text["en"], answer_text["ar"])
        answer_code = answer_codes.setdefault(key, next_code)
        pair: dict[str, Any] = {
            "code": code,
            "prompt": At(q.bilingual(prompt_chars, "prompt", where), line),
            "answer": At({"code": answer_code, "text": At(answer_text, line)}, line),
            "tags": [],
        }
        _add_feedback(q, pair, feedback_chars, line, where)
        pairs.append(At(pair, line))
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
