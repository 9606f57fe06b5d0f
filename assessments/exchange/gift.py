"""Moodle GIFT: reading questions into one scenario through the shared checker, and writing a
scenario's questions back.

Reading
-------
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
- general feedback ``####text`` after the answers, as the question's ``general_feedback``;
- ``::name::``, ``//`` comment lines, blank lines between questions (a blank line inside an open
  ``{…}`` does not end the question), ``$CATEGORY:`` (ignored), per-answer ``#feedback``, and
  the escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n`` plus ``\\|`` for a literal bar;
- Moodle's format markers ``[html]``, ``[moodle]``, ``[plain]``, ``[markdown]`` at the start of
  the question text, an answer or a feedback: dropped, and HTML or Markdown converted to plain
  text (``texts.to_plain``; images are dropped and noted). An answer without its own marker
  takes the question text's format, as in Moodle.

Languages: a text is ``English || العربية``. A file with no ``||`` at all is written in one
language: each text fills the language it is written in (Arabic letters, or ``language`` when
given) and the scenario needs translation. In a file that uses ``||``, a text without it is a
missing translation, reported at its line, unless ``language`` is given.

A question's code is its ``::name::`` when that is already a valid code (``::Q-PASS::``), else
``Q<n>`` for the n-th question in the file (``$CATEGORY`` lines not counted), or, when a named
question took that code, ``Q<n>-2`` (-3, …). Options are coded A, B, C…; true/false options T
and F; matching pairs P1, P2… and their answers M1, M2… (one code per distinct answer, spare
answers included, in order of appearance). Each question is worth 1 point, partial scoring, not
critical; the scenario has the given code, title and case text, ``content_warning`` (CW0 unless
given), no roles or tags, fictional true.

Unsupported questions, reported as such (an import may skip them): numerical ``{#…}``, short
answer (only ``=`` answers), essay ``{}``, descriptions (no ``{…}``). A missing-word question
(text after the answers) is read as Moodle shows it: its stem is the sentence with ``_____``
where the answers were. Other problems: feedback on a matching distractor, a matching block
mixed with other answers, and two questions with no blank line between them.

Speed: a question is held as one string in which escaped characters are replaced by characters
from the last private-use plane (``_escaped``), so finding an unescaped ``{`` or ``||`` is
``str.find``; a file at the upload limit reads in well under a second.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
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
    Problem,
    Reading,
    automatic_code,
    letter,
    located,
    normal_number,
    peek_code,
    refuse_or_skip,
)
from .texts import in_one_language, multilang_parts, take_marker, to_plain

# Escaped characters are held as U+10FF00 + their code, so they never match syntax.
_ESCAPE_BASE = 0x10FF00
_ESCAPABLE = "\\~=#{}:|n"
_ESCAPE = re.compile(r"\\([\\~=#{}:|n])")
_UNESCAPE = {_ESCAPE_BASE + ord(char): char for char in _ESCAPABLE if char != "n"} | {
    _ESCAPE_BASE + ord("n"): "\n"
}
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_WEIGHT = re.compile(r"-?\d+(?:\.\d+)?")
_GIFT_AR_HINT = " (write the text as 'English || العربية')"
_TF_TEXTS = {True: {"en": "True", "ar": "صحيح"}, False: {"en": "False", "ar": "خطأ"}}
_BAR = re.compile(r"(?<!\\)\|\|")
_NAME = re.compile(r"\s*::(.*?)::", re.DOTALL)
# The question fields GIFT cannot hold: an existing question keeps its own.
KEPT_FIELDS = ("points", "scoring", "critical", "tags")


def _escaped(line: str) -> str:
    return _ESCAPE.sub(lambda found: chr(_ESCAPE_BASE + ord(found.group(1))), line)


def _unescaped(text: str) -> str:
    return text.translate(_UNESCAPE)


class _Chunk:
    """One question's lines as one escaped string, with the line each offset is on."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.starts: list[int] = []
        self.numbers = [number for number, _ in lines]
        parts = []
        offset = 0
        for _, line in lines:
            self.starts.append(offset)
            escaped = _escaped(line)
            parts.append(escaped)
            offset += len(escaped) + 1
        self.text = "\n".join(parts)

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect_right(self.starts, offset) - 1)]


@dataclass(frozen=True)
class _Span:
    """A stretch of a chunk: its escaped text and where it starts."""

    chunk: _Chunk
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.chunk.text[self.start : self.end]

    def find(self, target: str, start: int = 0) -> int:
        found = self.chunk.text.find(target, self.start + start, self.end)
        return found - self.start if found >= 0 else -1

    def cut(self, start: int, end: int | None = None) -> "_Span":
        end = self.end - self.start if end is None else end
        return _Span(self.chunk, self.start + start, self.start + end)

    def strip(self) -> "_Span":
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return self.cut(left, max(left, right))

    def char(self, index: int) -> str:
        return self.chunk.text[self.start + index]

    def plain(self) -> str:
        return _unescaped(self.text).strip()

    def line(self, default: int | None = None) -> int:
        text = self.text
        stripped = len(text) - len(text.lstrip())
        if stripped == len(text):
            return default if default is not None else self.chunk.line_at(self.start)
        return self.chunk.line_at(self.start + stripped)

    def __len__(self) -> int:
        return self.end - self.start


BLANK = "_____"


def _with_blank(before: str, after: str) -> str:
    """A missing-word sentence: the text before the answers, the blank, the text after (no
    space before punctuation). Empty when both sides are (a language the line did not give)."""
    if not before and not after:
        return ""
    joined = f"{before} {BLANK}".strip()
    if after:
        joined += after if after[0] in ".,;:!?؟،؛" else f" {after}"
    return joined


def read_gift(
    text: str,
    *,
    scenario_code: str,
    title: dict,
    case_text: dict,
    known_tags: set[str],
    content_warning: str = ContentWarning.NONE.value,
    language: str | None = None,
    skip_unsupported: bool = False,
) -> Reading:
    """Parse Moodle GIFT into one scenario in the exchange format (see the module docstring).

    Raises ExchangeError listing every problem with its line, unless the only problems are
    unsupported questions and ``skip_unsupported`` is set: then they are left out and listed in
    the reading's ``skipped``.
    """
    chunks = _gift_chunks(text)
    single_language = language is not None or (bool(chunks) and not _BAR.search(text))
    reader = _GiftReader(scenario_code, single_language, language)
    names = [_name_of(chunk) for chunk in chunks]
    taken = {name for name in names if name}
    questions = []
    for index, (chunk, name) in enumerate(zip(chunks, names, strict=True), 1):
        code = name or automatic_code(index, taken)
        taken.add(code)
        question = reader.question(chunk, code)
        if question is not None:
            questions.append(question)
    if not chunks:
        reader.problems.append(Problem(1, scenario_code, "the file has no questions"))
    elif not questions and not any(not p.unsupported for p in reader.problems):
        reader.problems.append(
            Problem(1, scenario_code, "the file has no question of a supported type")
        )

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
    checker = Checker(known_tags, ar_hint=_GIFT_AR_HINT, single_language=single_language)
    tree = located(scenario, None)
    result = checker.scenario(tree, peek_code(tree) or "scenario", {}, questions_required=False)
    skipped = refuse_or_skip(reader.problems + checker.problems, skip_unsupported=skip_unsupported)
    assert result is not None
    return Reading(
        [result],
        skipped=skipped,
        notes=reader.notes,
        questions_only=True,
        kept_fields=KEPT_FIELDS,
    )


def load_gift(
    text: str,
    *,
    scenario_code: str,
    title: dict,
    case_text: dict,
    known_tags: set[str],
    content_warning: str = ContentWarning.NONE.value,
) -> list[dict]:
    """``read_gift``'s scenarios, all or nothing: raises ExchangeError listing every problem."""
    return read_gift(
        text,
        scenario_code=scenario_code,
        title=title,
        case_text=case_text,
        known_tags=known_tags,
        content_warning=content_warning,
    ).scenarios


def _name_of(chunk: list[tuple[int, str]]) -> str | None:
    """The question's ``::name::`` when it is a valid code."""
    found = _NAME.match("\n".join(line for _, line in chunk))
    name = found.group(1).strip() if found else ""
    return name if CODE.fullmatch(name) else None


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
        escaped = _escaped(line)
        depth += escaped.count("{") - escaped.count("}")
    if current:
        chunks.append(current)
    # A $CATEGORY line sets Moodle's question category: nothing to import.
    return [chunk for chunk in chunks if not chunk[0][1].strip().startswith("$CATEGORY:")]


class _GiftReader:
    def __init__(self, scenario_code: str, single_language: bool, language: str | None):
        self.scenario_code = scenario_code
        self.single_language = single_language
        self.language = language
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    # -- one question -------------------------------------------------------------------------

    def question(self, lines: list[tuple[int, str]], code: str) -> At | None:
        self.code = code
        self.where = f"{self.scenario_code}{SEP}{code}"
        self.first_line = lines[0][0]
        self.text_format = "moodle"
        before = len(self.problems)
        question = self.parse(_Span(chunk := _Chunk(lines), 0, len(chunk.text)).strip())
        return question if len(self.problems) == before else None

    def problem(
        self, line: int | None, message: str, where: str | None = None, unsupported=False
    ) -> None:
        self.problems.append(Problem(line, where or self.where, message, unsupported))

    def unsupported(self, line: int, message: str) -> None:
        self.problem(line, message, unsupported=True)

    def parse(self, body: _Span) -> At | None:
        if body.find("::") == 0:
            end = body.find("::", 2)
            if end < 0:
                self.problem(self.first_line, "the question name has no closing '::'")
                return None
            body = body.cut(end + 2)

        opening = body.find("{")
        if opening < 0:
            self.unsupported(
                self.first_line,
                "no answers in {…}: descriptions are not supported (put case text in the scenario)",
            )
            return None
        block_line = body.cut(opening).line()
        closing = body.find("}", opening + 1)
        if closing < 0:
            self.problem(block_line, "the answers have no closing '}'")
            return None
        nested = body.cut(0, closing).find("{", opening + 1)
        if nested >= 0:
            self.problem(
                block_line,
                f"the answers are not closed before the '{{' at line {body.cut(nested).line()} "
                "(a missing '}'? write \\{ for a literal brace)",
            )
            return None
        after = body.cut(closing + 1).strip()
        if len(after) and (after.find("{") >= 0 or after.find("::") == 0):
            self.problem(
                after.line(),
                f"a second question starts at line {after.line()} with no blank line "
                "before it; separate questions with a blank line",
            )
            return None

        stem_span = body.cut(0, opening).strip()
        self.text_format, _ = take_marker(stem_span.text)
        stem_text = self.bilingual(stem_span, "question text")
        if len(after):
            # Missing word: the answers stand for a blank in the sentence, as Moodle shows it.
            rest = self.bilingual(after, "question text")
            stem_text = {
                language: _with_blank(stem_text[language], rest[language]) for language in stem_text
            }
        stem = At(stem_text, stem_span.line(self.first_line))

        block = body.cut(opening + 1, closing).strip()
        if not len(block):
            self.unsupported(block_line, "essay questions ({}) are not supported")
            return None
        if block.char(0) == "#" and block.find("####") != 0:
            self.unsupported(block_line, "numerical questions ({#…}) are not supported")
            return None
        general = block.find("####")
        general_feedback = None
        if general >= 0:
            feedback_span = block.cut(general + 4)
            block = block.cut(0, general).strip()
            if feedback_span.plain():
                general_feedback = At(
                    self.bilingual(feedback_span, "general feedback"),
                    feedback_span.line(block_line),
                )
            if not len(block):
                self.unsupported(block_line, "essay questions ({}) are not supported")
                return None

        question: dict[str, Any] = {
            "code": At(self.code, self.first_line),
            "type": None,
            "stem": stem,
            "points": 1,
            "scoring": DEFAULT_SCORING,
            "critical": False,
            "tags": [],
        }
        if general_feedback is not None:
            question["general_feedback"] = general_feedback
        hash_at = block.find("#")
        head = (block.cut(0, hash_at) if hash_at >= 0 else block).plain().upper()
        if head in _TRUE_FALSE:
            question["type"] = TRUE_FALSE
            question["options"] = At(self.true_false(block, hash_at, _TRUE_FALSE[head]), block_line)
            return At(question, self.first_line)

        answers = self.answers(block)
        if answers is None:
            return None
        markers = {marker for marker, _, _ in answers}
        arrows = [span.find("->") >= 0 for _, _, span in answers]
        if any(arrows):
            if "~" in markers or not all(arrows):
                self.problem(
                    block_line,
                    "a matching question has only '=prompt -> answer' lines; "
                    "mixed with other answers it is not supported",
                )
                return None
            question["type"] = MATCHING
            pairs, spares = self.pairs(answers)
            question["pairs"] = At(pairs, block_line)
            if spares:
                question["spare_answers"] = At(spares, block_line)
        elif "~" not in markers:
            self.unsupported(
                block_line,
                "short-answer questions (only '=' answers) are not supported; "
                "add wrong options with '~' to make a multiple-choice question",
            )
            return None
        else:
            qtype = SINGLE_CHOICE if "=" in markers else MULTIPLE_RESPONSE
            question["type"] = qtype
            question["options"] = At(self.options(answers, qtype), block_line)
        return At(question, self.first_line)

    # -- texts ----------------------------------------------------------------------------------

    def bilingual(self, span: _Span, label: str, where: str | None = None) -> dict:
        """``English || العربية`` -> {"en", "ar"}, each part in plain text. In a single-language
        file a text without ``||`` fills its own language; elsewhere the missing part is left
        empty for the checker to report."""
        span = span.strip()
        text_format, rest = take_marker(span.text, self.text_format)
        span = span.cut(len(span) - len(rest))
        line = span.line(self.first_line)
        multilang = multilang_parts(span.plain())
        if multilang is not None:
            english, arabic = (self.converted(part, text_format, line, where) for part in multilang)
            return {"en": english, "ar": arabic}
        split = span.find("||")
        if split < 0:
            text = self.plain(span, text_format, line, where)
            if self.single_language:
                return in_one_language(text, self.language)
            return {"en": text, "ar": ""}
        arabic = span.cut(split + 2)
        if arabic.find("||") >= 0:
            self.problem(
                arabic.line(self.first_line),
                f"{label}: more than one '||' (write 'English || العربية'; a literal bar is \\|)",
                where,
            )
        return {
            "en": self.plain(span.cut(0, split), text_format, line, where),
            "ar": self.plain(arabic, text_format, line, where),
        }

    def plain(self, span: _Span, text_format: str, line: int, where: str | None) -> str:
        return self.converted(span.plain(), text_format, line, where)

    def converted(self, raw: str, text_format: str, line: int, where: str | None) -> str:
        text, images = to_plain(raw, text_format)
        for image in images:
            self.notes.append(
                Problem(line, where or self.where, f"image {image} left out: add it by hand")
            )
        return text

    def feedback(self, entry: dict, span: _Span | None, line: int, where: str) -> None:
        if span is None or not span.plain():
            return
        entry["feedback"] = At(self.bilingual(span, "feedback", where), span.line(line))

    # -- answers ------------------------------------------------------------------------------

    def answers(self, block: _Span) -> list[tuple[str, int, _Span]] | None:
        """Split the answers at unescaped '=' and '~': [(marker, line, text after it)]."""
        text = block.text
        starts = [index for index, char in enumerate(text) if char in "=~"]
        if not starts or starts[0] != 0:
            self.problem(
                block.line(self.first_line),
                "unexpected text before the first answer; answers start with '=' or '~' "
                "(write \\= or \\~ for the characters themselves)",
            )
            return None
        answers = []
        for position, start in enumerate(starts):
            end = starts[position + 1] if position + 1 < len(starts) else len(text)
            answers.append((text[start], block.cut(start).line(), block.cut(start + 1, end)))
        return answers

    def options(self, answers: list, qtype: str) -> list:
        options = []
        # Several "=" answers in Moodle each give full marks: say so with weights, since a
        # single_choice question marks at most one option correct.
        several_right = sum(marker == "=" for marker, _, _ in answers) > 1
        for index, (marker, line, span) in enumerate(answers):
            code = letter(index)
            where = f"{self.where}{SEP}option {code}"
            span = span.strip()
            weight: int | str | None = None
            if len(span) and span.char(0) == "%":
                end = span.find("%", 1)
                raw = span.cut(1, end).plain() if end > 0 else ""
                if end < 0 or not _WEIGHT.fullmatch(raw):
                    self.problem(line, "a weight is written %number%, e.g. ~%50%", where)
                    continue
                weight = normal_number(Decimal(raw))
                span = span.cut(end + 1)
            text_span, feedback_span = _feedback_split(span)
            option: dict[str, Any] = {
                "code": code,
                "text": At(self.bilingual(text_span, "text", where), line),
            }
            if qtype == MULTIPLE_RESPONSE:
                option["correct"] = weight is not None and Decimal(weight) > 0
            elif weight is not None:
                option["weight"] = weight
            elif several_right:
                option["weight"] = 100 if marker == "=" else 0
            else:
                option["correct"] = marker == "="
            option["tags"] = []
            self.feedback(option, feedback_span, line, where)
            options.append(At(option, line))
        return options

    def true_false(self, block: _Span, hash_at: int, answer: bool) -> list:
        # Moodle: {T#shown after a wrong answer#shown after a right answer}.
        feedbacks: list[_Span] = []
        rest = block.cut(hash_at + 1) if hash_at >= 0 else None
        while rest is not None:
            at = rest.find("#")
            feedbacks.append(rest.cut(0, at) if at >= 0 else rest)
            rest = rest.cut(at + 1) if at >= 0 else None
        line = block.line(self.first_line)
        if len(feedbacks) > 2:
            self.problem(line, "a true/false question takes at most two feedbacks (#wrong#right)")
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
            self.feedback(option, feedback, line, f"{self.where}{SEP}option {code}")
            options.append(At(option, line))
        return options

    def pairs(self, answers: list) -> tuple[list, list]:
        """The pairs and the spare answers (Moodle's distractors, ``= -> answer`` with no
        prompt). Prompts are coded P1, P2… in order, answers M1, M2… in order of first
        appearance, spare answers included; prompts with the same answer text share its code."""
        pairs: list = []
        spares: list = []
        answer_codes: dict[tuple[str, str], str] = {}
        for _, line, span in answers:
            text_span, feedback_span = _feedback_split(span.strip())
            arrow = text_span.find("->")
            prompt_span, answer_span = text_span.cut(0, arrow), text_span.cut(arrow + 2)
            next_code = f"M{len(answer_codes) + len(spares) + 1}"
            if not prompt_span.plain():
                where = f"{self.where}{SEP}spare answer {next_code}"
                if feedback_span is not None and feedback_span.plain():
                    self.problem(line, "a spare answer (no prompt) takes no feedback", where)
                spare_text = self.bilingual(answer_span, "text", where)
                spares.append(At({"code": next_code, "text": At(spare_text, line)}, line))
                continue
            code = f"P{len(pairs) + 1}"
            where = f"{self.where}{SEP}pair {code}"
            answer_text = self.bilingual(answer_span, "answer text", where)
            answer_code = answer_codes.setdefault((answer_text["en"], answer_text["ar"]), next_code)
            pair: dict[str, Any] = {
                "code": code,
                "prompt": At(self.bilingual(prompt_span, "prompt", where), line),
                "answer": At({"code": answer_code, "text": At(answer_text, line)}, line),
                "tags": [],
            }
            self.feedback(pair, feedback_span, line, where)
            pairs.append(At(pair, line))
        return pairs, spares


def _feedback_split(span: _Span) -> tuple[_Span, _Span | None]:
    at = span.find("#")
    if at < 0:
        return span, None
    return span.cut(0, at), span.cut(at + 1)


# --------------------------------------------------------------------------------------------
# Writing GIFT

_GIFT_SPECIAL = "\\~=#{}:|"


def dump_gift(scenario: dict) -> str:
    """One scenario's questions as GIFT, bilingual texts written ``English || العربية``.

    ``load_gift`` of the result gives back the questions with their codes, texts, keys, weights,
    feedback (general feedback as ``####``) and spare answers. GIFT has no place for the rest,
    which is not written: the
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
        return f"{head}{answer}{tail}{_gift_general_feedback(question, ' ')}}}"
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
    general = _gift_general_feedback(question, "")
    if general:
        lines.append(general)
    body = "\n".join(f"    {line}" for line in lines)
    return f"{head}\n{body}\n}}"


def _gift_general_feedback(question: dict, before: str) -> str:
    feedback = question.get("general_feedback")
    return f"{before}####{_gift_answer(feedback)}" if feedback else ""
