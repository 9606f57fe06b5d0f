"""What a trainee may see of a frozen question: text in their language, the options in the
attempt's order, and the key and feedback only when the feedback rule allows."""

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
    }
    if question["type"] == MATCHING:
        answers = {p["answer"]["code"]: p["answer"] for p in question["pairs"]}
        view["prompts"] = [
            {
                "code": pair["code"],
                "text": exchange_text_in_active_language(pair["prompt"]),
                "chosen": (answer or {}).get(pair["code"]),
                "correct": pair["answer"]["code"] if reveal else None,
            }
            for pair in question["pairs"]
        ]
        view["choices"] = [
            {"code": code, "text": exchange_text_in_active_language(answers[code]["text"])}
            for code in item["options"]
        ]
        return view
    chosen = answer or []
    is_ordering = question["type"] == ORDERING
    options = []
    for position, code in enumerate(item["options"], start=1):
        option = by_code[code]
        entry = {
            "code": code,
            "text": exchange_text_in_active_language(option["text"]),
            "chosen": code in chosen,
            "rank": chosen.index(code) + 1 if is_ordering and code in chosen else "",
            "position": position,
        }
        if reveal:
            entry["correct"] = option.get("correct", False) or option.get("weight", 0) == 100
            entry["feedback"] = exchange_text_in_active_language(option.get("feedback"))
        options.append(entry)
    view["options"] = options
    if reveal and question["type"] == ORDERING:
        view["key_order"] = [
            exchange_text_in_active_language(o["text"]) for o in question["options"]
        ]
    return view


def parse_answer(question: dict, item: dict, data, index: int):
    """The answer a submitted form gives for one question, in the scoring module's shape, or
    None when the question was left blank. Validation is the service's job."""
    field = f"q{index}"
    kind = question["type"]
    if kind in SINGLE_ANSWER_TYPES:
        value = data.get(field)
        return [value] if value else None
    if kind == MULTIPLE_RESPONSE:
        values = data.getlist(field)
        return values or None
    if kind == ORDERING:
        ranks = {}
        for code in item["options"]:
            raw = data.get(f"{field}-{code}", "")
            if not raw.isdigit():
                return None
            ranks[code] = int(raw)
        return sorted(ranks, key=lambda code: ranks[code])
    if kind == MATCHING:
        matches = {
            pair["code"]: data.get(f"{field}-{pair['code']}")
            for pair in question["pairs"]
            if data.get(f"{field}-{pair['code']}")
        }
        return matches or None
    return None
