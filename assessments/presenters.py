"""What a trainee may see of a frozen question: text in their language, the options in the
attempt's order, and the key and feedback only when the feedback rule allows; and the answer a
submitted form gives.

Choice and ordering fields name options by their position in the attempt's layout (1, 2, 3 …),
never by their code: option codes are written in the key's order (an ordering's S1, S2, S3 are
its answer), so a code in the page's HTML would give the answer away."""

from decimal import Decimal

from lms.bilingual import exchange_text_in_active_language

from .vocabulary import MATCHING, MULTIPLE_RESPONSE, ORDERING, SINGLE_ANSWER_TYPES


def present(question: dict, item: dict, *, answer, reveal: bool, score=None) -> dict:
    by_code = {o["code"]: o for o in question.get("options", [])}
    view = {
        "key": item["key"],
        "code": question["code"],
        "type": question["type"],
        "stem": exchange_text_in_active_language(question["stem"]),
        "points": question.get("points", 1),
        "critical": question.get("critical", False),
        "answer": answer,
        "reveal": reveal,
        "score": score,
        "mark": mark(score, question.get("points", 1)),
        # Moodle's general feedback: about the question as a whole, shown whatever the answer,
        # under the same rule as an option's.
        "general_feedback": exchange_text_in_active_language(question.get("general_feedback"))
        if reveal
        else "",
    }
    if question["type"] == MATCHING:
        # Every answer on offer, spare answers too; each select lists them in the attempt's
        # (shuffled) order, so nothing marks the spares as the ones that match no prompt.
        answers = {p["answer"]["code"]: p["answer"] for p in question["pairs"]}
        answers.update((spare["code"], spare) for spare in question.get("spare_answers", []))
        # Choices are named by their position in the attempt's layout, like options: answer
        # codes follow the prompts' order (P1 -> M1) and name the spare answers apart.
        position = {code: number for number, code in enumerate(item["options"], start=1)}
        view["prompts"] = [
            {
                "code": pair["code"],
                "text": exchange_text_in_active_language(pair["prompt"]),
                "chosen": position.get((answer or {}).get(pair["code"])),
                "correct": position.get(pair["answer"]["code"]) if reveal else None,
                # A pair's feedback explains its right match, so it is shown with that match
                # once the feedback rule allows, whatever the trainee chose.
                "feedback": exchange_text_in_active_language(pair.get("feedback"))
                if reveal
                else "",
            }
            for pair in question["pairs"]
        ]
        view["choices"] = [
            {"position": number, "text": exchange_text_in_active_language(answers[code]["text"])}
            for code, number in position.items()
        ]
        return view
    chosen = answer or []
    is_ordering = question["type"] == ORDERING
    options = []
    for position, code in enumerate(item["options"], start=1):
        option = by_code[code]
        entry = {
            "text": exchange_text_in_active_language(option["text"]),
            "chosen": code in chosen,
            "rank": chosen.index(code) + 1 if is_ordering and code in chosen else "",
            "position": position,
        }
        if reveal:
            entry["correct"] = option.get("correct", False) or option.get("weight", 0) == 100
            entry["feedback"] = exchange_text_in_active_language(option.get("feedback"))
        options.append(entry)
    if is_ordering and chosen:
        # Shown in the trainee's own order, so the list they rearranged stays as they left it.
        options.sort(key=lambda entry: entry["rank"] or len(options) + 1)
    view["options"] = options
    if reveal and question["type"] == ORDERING:
        view["key_order"] = [
            exchange_text_in_active_language(o["text"]) for o in question["options"]
        ]
    return view


class MalformedAnswer(ValueError):
    """A form value no control of the page could have sent (a forged or garbled field, a rank
    that is not a number). The view refuses the whole form, naming the question."""


def mark(score, points) -> str | None:
    """How a graded question went: "right" (full points), "partly" or "wrong" (none); None
    before grading."""
    if score is None:
        return None
    if score >= Decimal(str(points)):
        return "right"
    return "wrong" if score <= 0 else "partly"


# Positions and ranks are small numbers; a longer run of digits is garbage (and int() of a
# 5,000-digit string raises), so it is refused before it is converted.
_MAX_DIGITS = 3


def _number(raw: str, *, highest: int) -> int:
    """A position or rank typed or sent as decimal digits (Arabic-Indic digits too: int() reads
    them), between 1 and `highest`. `str.isdigit` is not enough: it accepts "²", which int()
    refuses."""
    if not raw.isdecimal() or len(raw) > _MAX_DIGITS or not 1 <= int(raw) <= highest:
        raise MalformedAnswer
    return int(raw)


def parse_answer(question: dict, item: dict, data, index: int):
    """The answer a submitted form gives for one question, in the scoring module's shape, or
    None when the question was left blank. Raises MalformedAnswer for a value the page cannot
    have sent: a position outside the question's options, a repeated one, a rank that is not a
    number from 1 to the number of steps, two steps with one rank, or ranks for only some steps.
    Whether the answer fits the question is the service's job (it checks again)."""
    field = f"q{index}"
    kind = question["type"]
    codes = item.get("options", [])
    if kind in SINGLE_ANSWER_TYPES or kind == MULTIPLE_RESPONSE:
        values = [value for value in data.getlist(field) if value != ""]
        if not values:
            return None
        if kind in SINGLE_ANSWER_TYPES and len(values) > 1:
            raise MalformedAnswer
        positions = [_number(value, highest=len(codes)) for value in values]
        if len(set(positions)) != len(positions):
            raise MalformedAnswer
        return [codes[position - 1] for position in positions]
    if kind == ORDERING:
        raw = [data.get(f"{field}-{position}", "").strip() for position in range(1, len(codes) + 1)]
        if not any(raw):
            return None
        ranks = [_number(value, highest=len(codes)) for value in raw]
        if len(set(ranks)) != len(ranks):
            raise MalformedAnswer
        return [code for _rank, code in sorted(zip(ranks, codes, strict=True))]
    if kind == MATCHING:
        # Each prompt's select sends the position of the chosen answer (present() above).
        matches = {}
        for pair in question["pairs"]:
            raw = data.get(f"{field}-{pair['code']}", "").strip()
            if raw:
                matches[pair["code"]] = codes[_number(raw, highest=len(codes)) - 1]
        return matches or None
    return None
