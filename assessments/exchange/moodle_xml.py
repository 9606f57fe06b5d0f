"""Moodle XML question banks (Moodle's "Export questions" in its XML format) into scenarios,
through the shared checker.

Mapping
-------
- ``<question type="category">`` starts a category; each category holding questions becomes one
  scenario. Its code is the category's ``<idnumber>`` when that is a valid scenario code, else
  the code given (``scenario_code``), numbered ``CODE-1``, ``CODE-2``… when the file has several
  categories; its title is the last part of the category's path, its case text the
  ``description`` questions of the category (or the category's ``<info>``, or the title).
- A question's code is its ``<idnumber>``, else its ``<name>``, when either is a valid code;
  else ``Q<n>`` (n counts the category's questions), or ``Q<n>-2``… when a named question took it.
- ``multichoice`` with ``<single>true</single>``: single choice; fractions become weights (one
  option at 100 and the rest at 0 become ``correct``; a negative fraction becomes weight 0).
  With ``<single>false</single>``: multiple response, correct options those with a positive
  fraction (Himaya scores multiple response by counting, docs/scoring.md).
- ``truefalse``: options T and F, with their feedback. ``matching``: subquestions as pairs;
  a subquestion with empty text is a spare answer. ``ordering`` (qtype_ordering): the answers
  in their order (by fraction when Moodle numbered them).
- ``<defaultgrade>`` is the points; ``<generalfeedback>`` the question's general feedback;
  per-answer ``<feedback>`` the option's. A Moodle tag naming a taxonomy code becomes a tag.
- Texts in HTML or Markdown become plain text (``texts.to_plain``): emphasis and links kept,
  images left out and noted. ``English || العربية`` makes a text bilingual; a file with no
  ``||`` is written in one language (``texts.in_one_language``) and needs translation.
- Noted, not refused: a penalty (Himaya scores each attempt whole), combined feedback (correct,
  partially correct, incorrect), hints, tags outside the taxonomy, images.
- Unsupported (reported with the question's name and number, and skippable): every other type
  (short answer, numerical, essay, cloze, calculated, drag and drop…).

Safety: read with expat, refusing any DOCTYPE (the only way to declare entities), so no entity
expansion and no external resource; elements are collected without recursion.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.parsers import expat

from assessments.vocabulary import (
    CODE,
    DEFAULT_SCORING,
    ITEM_CODE_MAX_LENGTH,
    MATCHING,
    MULTIPLE_RESPONSE,
    ORDERING,
    SCENARIO_CODE_MAX_LENGTH,
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
    Reading,
    automatic_code,
    letter,
    located,
    normal_number,
    refuse_or_skip,
)
from .texts import in_one_language, multilang_parts, to_plain

# The question fields Moodle XML cannot hold: an existing question keeps its own.
KEPT_FIELDS = ("scoring", "critical", "tags")
_TF_TEXTS = {True: {"en": "True", "ar": "صحيح"}, False: {"en": "False", "ar": "خطأ"}}
_FORMATS = {"html": "html", "markdown": "markdown"}
_UNSUPPORTED_NAMES = {
    "shortanswer": "short answer",
    "numerical": "numerical",
    "essay": "essay",
    "multianswer": "embedded answers (cloze)",
    "calculated": "calculated",
    "calculatedsimple": "simple calculated",
    "calculatedmulti": "calculated multichoice",
    "ddwtos": "drag and drop into text",
    "gapselect": "select missing words",
    "ddimageortext": "drag and drop onto image",
    "ddmarker": "drag and drop markers",
    "randomsamatch": "random short-answer matching",
    "random": "random",
}


@dataclass
class _Element:
    tag: str
    attrs: dict
    line: int
    children: list["_Element"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def child(self, tag: str) -> "_Element | None":
        return next((child for child in self.children if child.tag == tag), None)

    def all(self, tag: str) -> list["_Element"]:
        return [child for child in self.children if child.tag == tag]

    @property
    def string(self) -> str:
        return "".join(self.parts)

    def value(self, tag: str) -> str:
        """The text of a child element, or of the <text> inside it; "" when absent."""
        child = self.child(tag)
        if child is None:
            return ""
        inner = child.child("text")
        return (inner.string if inner is not None else child.string).strip()


class _Doctype(Exception):
    pass


def _parse(text: str) -> _Element:
    root = _Element("#document", {}, 1)
    stack = [root]
    parser = expat.ParserCreate(encoding="UTF-8")

    def refuse(*args):
        raise _Doctype

    def start(tag, attrs):
        element = _Element(tag, attrs, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    def end(tag):
        stack.pop()

    def characters(data):
        stack[-1].parts.append(data)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.buffer_text = True
    parser.Parse(text.encode("utf-8", "surrogatepass"), True)
    return root


def read_moodle_xml(
    text: str,
    *,
    scenario_code: str,
    known_tags: set[str],
    language: str | None = None,
    skip_unsupported: bool = False,
    content_warning: str = ContentWarning.NONE.value,
) -> Reading:
    """The file's categories as scenarios (module docstring). Raises ExchangeError listing every
    problem, unless the only problems are unsupported questions and ``skip_unsupported`` is set:
    they are then left out and listed in the reading's ``skipped``."""
    try:
        document = _parse(text.removeprefix("\ufeff"))
    except _Doctype:
        raise ExchangeError(
            [Problem(1, "XML", "a DOCTYPE is not allowed in a Moodle XML file")]
        ) from None
    except (expat.ExpatError, UnicodeEncodeError) as error:
        line = getattr(error, "lineno", None)
        message = expat.errors.messages.get(getattr(error, "code", None), str(error))
        raise ExchangeError([Problem(line, "XML", f"malformed XML: {message}")]) from None
    quiz = document.child("quiz")
    if quiz is None:
        raise ExchangeError(
            [Problem(1, "XML", "not a Moodle XML question file (no <quiz> element)")]
        )
    single_language = language is not None or "||" not in text
    reader = _XmlReader(known_tags, single_language, language, scenario_code)
    return reader.read(quiz, content_warning, skip_unsupported)


@dataclass
class _Category:
    line: int
    path: str
    idnumber: str
    info: str
    info_format: str
    questions: list[_Element] = field(default_factory=list)


class _XmlReader:
    def __init__(self, known_tags, single_language, language, scenario_code):
        self.known_tags = known_tags
        self.single_language = single_language
        self.language = language
        self.scenario_code = scenario_code
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def read(self, quiz: _Element, content_warning: str, skip_unsupported: bool) -> Reading:
        categories = [_Category(quiz.line, "", "", "", "")]
        for element in quiz.all("question"):
            if element.attrs.get("type") == "category":
                info = element.child("info")
                categories.append(
                    _Category(
                        element.line,
                        element.value("category"),
                        element.value("idnumber"),
                        element.value("info"),
                        info.attrs.get("format", "") if info is not None else "",
                    )
                )
            else:
                categories[-1].questions.append(element)
        used = [category for category in categories if category.questions]
        if not used:
            self.problems.append(Problem(quiz.line, "XML", "the file has no questions"))
        trees = []
        number = 0
        unnamed = [category for category in used if not _scenario_code(category.idnumber)]
        for index, category in enumerate(used, 1):
            code = self.scenario_code_for(category, unnamed)
            # A category without a code is reported above; a stand-in names it meanwhile.
            code = code or f"CATEGORY-{index}"
            trees.append((category.line, self.scenario(category, code, content_warning, number)))
            number += len(category.questions)
        checker = Checker(self.known_tags, single_language=self.single_language)
        seen: dict[str, int | None] = {}
        scenarios = []
        for line, tree in trees:
            scenario = checker.scenario(located(tree, line), tree["code"], seen, False)
            if scenario is not None:
                scenarios.append(scenario)
        skipped = refuse_or_skip(
            self.problems + checker.problems, skip_unsupported=skip_unsupported
        )
        return Reading(
            scenarios,
            skipped=skipped,
            notes=sorted(self.notes, key=lambda note: note.line or 0),
            questions_only=True,
            kept_fields=KEPT_FIELDS,
        )

    def scenario_code_for(self, category: _Category, unnamed: list[_Category]) -> str:
        """The category's id number when it is a scenario code, else the code given, numbered
        among the categories without one when there are several."""
        if _scenario_code(category.idnumber):
            return category.idnumber
        if self.scenario_code:
            if len(unnamed) == 1:
                return self.scenario_code
            return f"{self.scenario_code}-{unnamed.index(category) + 1}"
        self.problems.append(
            Problem(
                category.line,
                category.path or "XML",
                "give the scenario code (--scenario-code, or an id number on the category)",
            )
        )
        return ""

    # -- texts ----------------------------------------------------------------------------------

    def text(self, element: _Element | None, line: int, where: str) -> dict:
        """A <text> (or an element holding one, with its format) as a bilingual text."""
        if element is None:
            return {"en": "", "ar": ""}
        inner = element.child("text")
        raw = inner.string if inner is not None else element.string
        text_format = _FORMATS.get(element.attrs.get("format", ""), "plain")
        multilang = multilang_parts(raw)
        if multilang is not None:
            parts = list(multilang)
        else:
            parts = raw.split("||", 1) if "||" in raw else [raw]
        plain = []
        for part in parts:
            converted, images = to_plain(part, text_format)
            plain.append(converted.strip())
            for image in images:
                self.notes.append(Problem(line, where, f"image {image} left out: add it by hand"))
        if len(plain) == 2:
            return {"en": plain[0], "ar": plain[1]}
        if self.single_language:
            return in_one_language(plain[0], self.language)
        return {"en": plain[0], "ar": ""}

    def title(self, category: _Category, code: str) -> dict:
        leaf = category.path.rstrip("/").rsplit("/", 1)[-1].strip()
        if not leaf or leaf in ("top", "$course$", "$system$"):
            return {"en": code, "ar": code}
        text = self.text(_Element("category", {}, category.line, parts=[leaf]), category.line, code)
        return text if any(text.values()) else {"en": code, "ar": code}

    # -- scenarios and questions ----------------------------------------------------------------

    def scenario(self, category: _Category, code: str, warning: str, number: int) -> dict:
        title = self.title(category, code)
        cases = []
        questions = []
        taken = {
            name for element in category.questions if (name := _explicit_code(element)) is not None
        }
        index = 0  # the category's questions, descriptions not counted
        for element in category.questions:
            number += 1
            qtype = element.attrs.get("type", "")
            where = f"{code}{SEP}question {number} “{element.value('name')}”"
            if qtype == "description":
                cases.append(self.text(element.child("questiontext"), element.line, where))
                continue
            index += 1
            explicit = _explicit_code(element)
            question_code = explicit or automatic_code(index, taken)
            taken.add(question_code)
            where = f"{code}{SEP}{question_code} (question {number} “{element.value('name')}”)"
            question = self.question(element, qtype, question_code, where)
            if question is not None:
                questions.append(At(question, element.line))
        if cases:
            case_text = {
                lang: "\n\n".join(case[lang] for case in cases if case[lang])
                for lang in ("en", "ar")
            }
        elif category.info:
            case_text = self.text(
                _Element(
                    "info", {"format": category.info_format}, category.line, [], [category.info]
                ),
                category.line,
                code,
            )
        else:
            case_text = dict(title)
        return {
            "code": code,
            "title": title,
            "case_text": At(case_text, category.line),
            "content_warning": warning,
            "roles": [],
            "tags": [],
            "fictional": True,
            "questions": At(questions, category.line),
        }

    def question(self, element: _Element, qtype: str, code: str, where: str) -> dict | None:
        line = element.line
        if qtype not in ("multichoice", "truefalse", "matching", "ordering"):
            kind = _UNSUPPORTED_NAMES.get(qtype, qtype or "without a type")
            self.problems.append(
                Problem(
                    line,
                    where,
                    f"Moodle {kind} questions ({qtype}) are not supported",
                    unsupported=True,
                )
            )
            return None
        self.note_dropped(element, where)
        question: dict[str, Any] = {
            "code": code,
            "type": None,
            "stem": self.text(element.child("questiontext"), line, where),
            "points": self.points(element, where),
            "scoring": DEFAULT_SCORING,
            "critical": False,
            "tags": self.tags(element, where),
        }
        answers = element.all("answer")
        if qtype == "multichoice":
            single = element.value("single").lower() not in ("false", "0")
            question["type"] = SINGLE_CHOICE if single else MULTIPLE_RESPONSE
            question["options"] = self.choices(answers, single, where)
        elif qtype == "truefalse":
            question["type"] = TRUE_FALSE
            question["options"] = self.true_false(answers, where)
        elif qtype == "ordering":
            question["type"] = ORDERING
            question["options"] = self.ordering(answers, where)
        else:
            question["type"] = MATCHING
            question["pairs"], spares = self.pairs(element.all("subquestion"), where)
            if spares:
                question["spare_answers"] = spares
        general = element.child("generalfeedback")
        if general is not None and element.value("generalfeedback"):
            question["general_feedback"] = At(self.text(general, general.line, where), general.line)
        return question

    def note_dropped(self, element: _Element, where: str) -> None:
        penalty = _decimal(element.value("penalty"))
        if penalty:
            self.notes.append(
                Problem(
                    element.line,
                    where,
                    f"penalty {penalty.normalize()} ignored: Himaya scores each attempt whole",
                )
            )
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            if element.value(tag):
                self.notes.append(
                    Problem(
                        element.child(tag).line,
                        where,
                        f"{tag} left out: Himaya shows per-answer and general feedback",
                    )
                )
        if element.all("hint"):
            self.notes.append(Problem(element.line, where, "hints left out"))

    def points(self, element: _Element, where: str) -> Any:
        raw = element.value("defaultgrade")
        if not raw:
            return 1
        grade = _decimal(raw)
        if grade is None:
            return At(raw, element.child("defaultgrade").line)
        return normal_number(grade.normalize()) if grade else At("0", element.line)

    def tags(self, element: _Element, where: str) -> list:
        tags = []
        holder = element.child("tags")
        for tag in holder.all("tag") if holder is not None else []:
            name = tag.value("text") or tag.string.strip()
            if name in self.known_tags and name not in tags:
                tags.append(name)
            elif name:
                self.notes.append(
                    Problem(tag.line, where, f"tag {name!r} is not a taxonomy code: left out")
                )
        return tags

    def answer(self, answer: _Element, code: str, where: str) -> dict:
        option_where = f"{where}{SEP}option {code}"
        option: dict[str, Any] = {
            "code": code,
            "text": At(self.text(answer, answer.line, option_where), answer.line),
        }
        return option

    def feedback(self, entry: dict, answer: _Element, where: str) -> None:
        feedback = answer.child("feedback")
        if feedback is not None and answer.value("feedback"):
            entry["feedback"] = At(self.text(feedback, feedback.line, where), feedback.line)

    def choices(self, answers: list[_Element], single: bool, where: str) -> At:
        fractions = [
            _decimal(answer.attrs.get("fraction", "0")) or Decimal(0) for answer in answers
        ]
        plain_key = sorted(fractions) == [Decimal(0)] * (len(answers) - 1) + [Decimal(100)]
        options = []
        for index, (answer, fraction) in enumerate(zip(answers, fractions, strict=True)):
            code = letter(index)
            option = self.answer(answer, code, where)
            if not single:
                option["correct"] = fraction > 0
            elif plain_key:
                option["correct"] = fraction == 100
            else:
                if fraction < 0:
                    self.notes.append(
                        Problem(
                            answer.line,
                            f"{where}{SEP}option {code}",
                            f"fraction {fraction.normalize()} % counted as 0: a single choice "
                            "option earns from 0 to 100",
                        )
                    )
                option["weight"] = normal_number(max(fraction, Decimal(0)).normalize())
            option["tags"] = []
            self.feedback(option, answer, f"{where}{SEP}option {code}")
            options.append(At(option, answer.line))
        return At(options, answers[0].line if answers else None)

    def true_false(self, answers: list[_Element], where: str) -> At:
        options = []
        for answer in answers:
            value = answer.value("text").lower() == "true"
            fraction = _decimal(answer.attrs.get("fraction", "0")) or Decimal(0)
            code = "T" if value else "F"
            option: dict[str, Any] = {
                "code": code,
                "text": dict(_TF_TEXTS[value]),
                "correct": fraction == 100,
                "tags": [],
            }
            self.feedback(option, answer, f"{where}{SEP}option {code}")
            options.append(At(option, answer.line))
        options.sort(key=lambda option: option.value["code"] != "T")
        return At(options, answers[0].line if answers else None)

    def ordering(self, answers: list[_Element], where: str) -> At:
        fractions = [_decimal(answer.attrs.get("fraction", "")) for answer in answers]
        if None not in fractions and len(set(fractions)) == len(fractions):
            answers = [
                answer for _, answer in sorted(zip(fractions, answers, strict=True), key=_first)
            ]
        options = []
        for index, answer in enumerate(answers):
            options.append(At(self.answer(answer, letter(index), where), answer.line))
        return At(options, answers[0].line if answers else None)

    def pairs(self, subquestions: list[_Element], where: str) -> tuple[At, list]:
        pairs = []
        spares = []
        answer_codes: dict[tuple[str, str], str] = {}
        for sub in subquestions:
            answer_element = sub.child("answer")
            next_code = f"M{len(answer_codes) + len(spares) + 1}"
            prompt_text = sub.value("text")
            if not prompt_text.strip() or not _visible(prompt_text):
                spare_where = f"{where}{SEP}spare answer {next_code}"
                spares.append(
                    At(
                        {
                            "code": next_code,
                            "text": self.text(answer_element, sub.line, spare_where),
                        },
                        sub.line,
                    )
                )
                continue
            code = f"P{len(pairs) + 1}"
            pair_where = f"{where}{SEP}pair {code}"
            answer_text = self.text(answer_element, sub.line, pair_where)
            answer_code = answer_codes.setdefault((answer_text["en"], answer_text["ar"]), next_code)
            pairs.append(
                At(
                    {
                        "code": code,
                        "prompt": self.text(sub, sub.line, pair_where),
                        "answer": {"code": answer_code, "text": answer_text},
                        "tags": [],
                    },
                    sub.line,
                )
            )
        return At(pairs, subquestions[0].line if subquestions else None), spares


def _first(item):
    return item[0]


def _visible(html: str) -> bool:
    """Whether an HTML text shows anything (Moodle writes an empty subquestion as <p></p>)."""
    return bool(re.sub(r"<[^>]*>|&nbsp;|\s", "", html))


def _decimal(raw: str) -> Decimal | None:
    try:
        number = Decimal(raw.strip())
    except (InvalidOperation, AttributeError):
        return None
    return number if number.is_finite() else None


def _scenario_code(text: str) -> bool:
    return bool(CODE.fullmatch(text)) and len(text) <= SCENARIO_CODE_MAX_LENGTH


def _explicit_code(element: _Element) -> str | None:
    for candidate in (element.value("idnumber"), element.value("name")):
        if CODE.fullmatch(candidate) and len(candidate) <= ITEM_CODE_MAX_LENGTH:
            return candidate
    return None
